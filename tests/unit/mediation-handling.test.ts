// The competent organ's mediation rules (app/domain/mediation-handling.ts), without a database: which forms a state
// offers (voluntariness, 人民调解法 第十七条), the mediator conflict check (第二十三条), the agreement's content and the
// parties' confirmations (第二十八条、第二十九条), the follow-up → machine command (12.14) and the reconsideration date
// on a termination notice (12.25 with 行政复议法 第二十条), and the documents' text (DOMAIN.md §19).
import { describe, expect, it } from "vitest";
import { renderDocument, type DocumentFacts } from "~/domain/documents";
import { defaultCalendar } from "~/domain/holidays";
import {
  AgreementFormSchema,
  agreementConfirmations,
  availableMediationIntents,
  filedActDates,
  followUpCommand,
  mediatorExclusions,
  offeredDeclineGrounds,
  readMediationForm,
  reconsiderationAdvice,
  shanghaiDateTime,
  type IntentFacts,
} from "~/domain/mediation-handling";
import { defaultSettings } from "~/domain/settings";

const facts = (over: Partial<IntentFacts>): IntentFacts => ({
  state: "CONSENT_PENDING",
  role: "reconsideration_staff",
  otherPartyAnswer: null,
  activeMediators: 0,
  mayDeclare: false,
  openSessions: 0,
  ...over,
});

describe("forms offered (DOMAIN.md §16)", () => {
  it("人民调解法第十七条: no acceptance before the other party accepted; after a refusal only the decline, on that ground", () => {
    expect(availableMediationIntents(facts({}))).toEqual(["decline"]);
    expect(availableMediationIntents(facts({ otherPartyAnswer: "declined" }))).toEqual(["decline"]);
    expect(availableMediationIntents(facts({ otherPartyAnswer: "accepted" }))).toEqual(["accept", "decline"]);
    expect(offeredDeclineGrounds("declined")).toEqual(["other_party_refused"]);
    expect(offeredDeclineGrounds("accepted")).not.toContain("other_party_refused");
    expect(offeredDeclineGrounds(null)).not.toContain("other_party_refused");
  });
  it("M7: mediation starts only with a mediator; sessions are recorded only while one is open", () => {
    expect(availableMediationIntents(facts({ state: "ACCEPTED" }))).not.toContain("start");
    expect(availableMediationIntents(facts({ state: "ACCEPTED", activeMediators: 1 }))).toContain("start");
    expect(availableMediationIntents(facts({ state: "IN_MEDIATION", activeMediators: 1 }))).not.toContain("record_session");
    expect(availableMediationIntents(facts({ state: "IN_MEDIATION", activeMediators: 1, openSessions: 1 }))).toEqual(
      expect.arrayContaining(["record_session", "cancel_session", "extend", "agreement", "fail"]),
    );
  });
  it("M11–M12 (12.14): the follow-up visit only after an agreement; CLOSE after performance or breach", () => {
    expect(availableMediationIntents(facts({ state: "AGREEMENT_SIGNED" }))).toEqual(["follow_up"]);
    expect(availableMediationIntents(facts({ state: "PERFORMED" }))).toEqual(["close"]);
    expect(availableMediationIntents(facts({ state: "BREACHED" }))).toEqual(["close"]);
    expect(availableMediationIntents(facts({ state: "CLOSED" }))).toEqual([]);
  });
  it("12.14: only performed or breached moves the machine", () => {
    expect(followUpCommand("performed")).toEqual({ type: "RECORD_FOLLOW_UP", performed: true });
    expect(followUpCommand("breached")).toEqual({ type: "RECORD_FOLLOW_UP", performed: false });
    expect(followUpCommand("pending")).toBeNull();
    expect(followUpCommand("partly_performed")).toBeNull();
  });
});

describe("人民调解法第二十三条 (12.24): the mediator conflict check", () => {
  const f = { conflicts: [{ userId: "u1", reason: "亲属" }], partyUserIds: ["u2"], partyNames: ["张海峰", "呼和浩特某商贸有限公司"], activeMediatorIds: ["u4"] };
  it.each([
    [{ userId: "u1", name: "韩志刚" }, ["recorded_conflict"]],
    [{ userId: "u2", name: "王某" }, ["is_party"]],
    [{ userId: "u3", name: "张海峰" }, ["same_name_as_party"]],
    [{ userId: "u4", name: "高雅琴" }, ["already_assigned"]],
    [{ userId: "u5", name: "赵可欣" }, []],
  ])("%j → %j", (candidate, codes) => {
    expect(mediatorExclusions(candidate, f).map((e) => e.code)).toEqual(codes);
  });
});

describe("人民调解法第二十八条、第二十九条 (12.26): the agreement", () => {
  const read = (entries: [string, string][]) => AgreementFormSchema.safeParse(readMediationForm(entries));
  it("needs the terms and at least one complete performance term (obligor, obligation, due date)", () => {
    const none = read([["terms", "退货退款"]]);
    expect(none.success).toBe(false);
    expect(none.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["performance.0.obligation", "mh.errors.performanceRequired"]]);
    const half = read([["terms", "退货退款"], ["performance.1.obligor", "某公司"]]);
    expect(half.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["performance.1.obligation", "performance.1.dueDate"]));
    const good = read([["terms", "退货退款"], ["performance.2.obligor", "某公司"], ["performance.2.obligation", "退款"], ["performance.2.dueDate", "2026-12-15"], ["confirm.applicant.0", "online"]]);
    expect(good.success && good.data.performance).toEqual([{ obligor: "某公司", obligation: "退款", dueDate: "2026-12-15" }]);
    expect(good.success && good.data.confirmations).toEqual({ "applicant.0": "online" });
  });
  it("takes effect only when every party confirmed (signed or online)", () => {
    const parties = [
      { role: "applicant" as const, position: 0, name: "张海峰" },
      { role: "other_party" as const, position: 0, name: "某公司" },
    ];
    const now = new Date("2026-12-01T02:00:00Z");
    expect(agreementConfirmations(parties, { "applicant.0": "signature" }, now).allConfirmed).toBe(false);
    const all = agreementConfirmations(parties, { "applicant.0": "signature", "other_party.0": "online" }, now);
    expect(all.allConfirmed).toBe(true);
    expect(all.confirmations.map((c) => `${c.name}:${c.via}`)).toEqual(["张海峰:signature", "某公司:online"]);
    expect(agreementConfirmations(parties.slice(0, 1), { "applicant.0": "signature" }, now).allConfirmed).toBe(false);
  });
  it("session times are Shanghai times", () => {
    expect(shanghaiDateTime("2026-12-02T09:30").toISOString()).toBe("2026-12-02T01:30:00.000Z");
  });
});

describe("12.25 with 行政复议法第二十条: the last day to apply on a termination notice", () => {
  it("learned Tue 2026-09-01, told of the right → day 60 Sat 2026-10-31 rolls to Mon 2026-11-02 (DOMAIN.md §11 worked example)", () => {
    const a = reconsiderationAdvice({ learnedOn: "2026-09-01", informed: true, rightLearnedOn: null }, defaultCalendar(), defaultSettings(), "2026-09-10");
    expect(a).toMatchObject({ lastDay: "2026-11-02", passed: false, rule: "informed", provisional: false });
    expect(a.steps.join("\n")).toMatch(/10月31日/);
  });
  it("a request that states the act's dates is read; one that does not is asked", () => {
    expect(filedActDates({ happened: "x" })).toBeNull();
    expect(filedActDates({ learnedOn: "2026-09-01" })).toEqual({ learnedOn: "2026-09-01", informed: true, rightLearnedOn: null });
    expect(filedActDates({ application: { act: { learnedOn: "2026-09-01", informed: "no", rightLearnedOn: "2026-09-05" } } })).toEqual({ learnedOn: "2026-09-01", informed: false, rightLearnedOn: "2026-09-05" });
  });
});

describe("DOMAIN.md §19: the mediation documents", () => {
  const base: DocumentFacts = {
    caseNumber: "TJ2026-150100-00001",
    organName: "呼和浩特市市场监督管理局",
    number: null,
    issuedOn: "2026-12-01",
    basis: "",
    applicants: ["张海峰"],
    respondentName: null,
    actDocumentNumber: null,
    actName: null,
    receivedOn: "2026-11-29",
    acceptedOn: null,
    procedure: "ordinary",
    handlerName: null,
    decisionDue: null,
    replyDue: null,
    requests: null,
    factsAndReasons: null,
    replySummary: null,
    hearing: null,
    draft: null,
    data: {},
    mediation: {
      otherParties: ["某公司"],
      happened: "冰箱质量问题",
      wantedOutcome: "退货",
      mediators: ["高雅琴"],
      periodDue: "2026-12-31",
      agreement: {
        terms: "某公司退还货款。",
        performanceTerms: [{ obligor: "某公司", obligation: "退还货款 3200 元", dueDate: "2026-12-15" }],
        confirmations: [{ party: "applicant", name: "张海峰", via: "signature", confirmedAt: "2026-12-01T02:00:00.000Z" }],
        judicialConfirmationEligible: true,
      },
    },
  };
  const text = (d: ReturnType<typeof renderDocument>) => [d.addressee, ...d.paragraphs, ...d.list, ...d.signatures].join("\n");
  it("人民调解法第三十三条: the agreement names parties, dispute, mediator, terms, performance and the 30-day advice where eligible", () => {
    const d = text(renderDocument("mediation_agreement", base));
    for (const part of ["张海峰", "某公司", "冰箱质量问题", "高雅琴", "某公司退还货款。", "某公司应当于2026年12月15日前退还货款 3200 元", "三十日内共同向人民法院申请司法确认"]) expect(d).toContain(part);
    const ineligible = text(renderDocument("mediation_agreement", { ...base, mediation: { ...base.mediation!, agreement: { ...base.mediation!.agreement!, judicialConfirmationEligible: false } } }));
    expect(ineligible).not.toContain("司法确认");
  });
  it("人民调解法第二十六条: a termination notice names arbitration, reconsideration and suit; the reconsideration date only when given", () => {
    const plain = text(renderDocument("mediation_termination_notice", { ...base, data: { reason: "no_agreement" } }));
    expect(plain).toMatch(/仲裁[\s\S]*行政复议[\s\S]*诉讼/);
    expect(plain).not.toContain("最后一日");
    const dated = text(
      renderDocument("mediation_termination_notice", {
        ...base,
        data: { reason: "no_agreement", reconsideration: { learnedOn: "2026-09-01", lastDay: "2026-11-02", provisional: false, passed: false, steps: ["第 60 日为 2026年10月31日"] } },
      }),
    );
    expect(dated).toContain("申请行政复议的最后一日为2026年11月2日");
    expect(dated).toContain("第 60 日为 2026年10月31日");
  });
  it("12.11: a refusal states the ground and reasons in writing and the other channels", () => {
    const d = text(renderDocument("mediation_refusal_notice", { ...base, data: { ground: "other_party_refused", reasons: "对方不同意" } }));
    expect(d).toContain("对方当事人明确表示不同意调解");
    expect(d).toContain("对方不同意");
    expect(d).toMatch(/仲裁[\s\S]*行政复议[\s\S]*诉讼/);
  });
});
