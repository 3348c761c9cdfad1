// What the citizen sees and may do on /my/cases (app/domain/citizen-case.ts), checked against the articles that give
// the applicant each right: the supplement (Art. 31), the hearing request (Art. 50(1)), withdrawal before the decision
// and its re-filing bar (Arts. 41(1), 74(2)), and the timeline's rule of showing nothing internal.
import { describe, expect, it } from "vitest";
import {
  allStates,
  citizenActions,
  citizenDocumentFields,
  citizenStatus,
  citizenTimelineItems,
  formatShanghaiDateTime,
  isFinalState,
  RatingSchema,
  statusGroups,
  supplementItems,
  WithdrawalRequestSchema,
  withdrawalNoticeKey,
  type CaseStateObject,
} from "~/domain/citizen-case";
import { documentKeys } from "~/domain/machines/common";
import { newMediationRequest } from "~/domain/machines/mediation";
import { newCase, preDecisionStates } from "~/domain/machines/reconsideration";
import { zh } from "~/locales/areas/cases";
import { en } from "~/locales/areas-en/cases";

const inState = (state: string, extra: Record<string, unknown> = {}): CaseStateObject => ({ ...newCase(), state, ...extra }) as CaseStateObject;
const kinds = (s: CaseStateObject, relation?: "applicant" | "third_party") => citizenActions("reconsideration", s, { relation }).map((a) => a.kind);

describe("the applicant's actions follow the law of the current state", () => {
  it("answering the supplement notice only while the case awaits it (《行政复议法》第三十一条)", () => {
    const awaiting = citizenActions("reconsideration", inState("AWAITING_SUPPLEMENT"));
    const answer = awaiting.find((a) => a.kind === "answer_supplement");
    expect(answer?.command).toBe("SUBMIT_SUPPLEMENT");
    expect(answer?.basis).toContain("第三十一条");
    expect(kinds(inState("INTAKE_REVIEW"))).not.toContain("answer_supplement");
    expect(kinds(inState("ACCEPTED"))).not.toContain("answer_supplement");
  });

  it("a hearing may be requested once, in the ordinary procedure, after acceptance (《行政复议法》第五十条第一款)", () => {
    for (const state of ["ACCEPTED", "AWAITING_REPLY", "IN_REVIEW"]) {
      const hearing = citizenActions("reconsideration", inState(state)).find((a) => a.kind === "request_hearing");
      expect(hearing?.basis, state).toContain("第五十条第一款");
    }
    expect(kinds(inState("INTAKE_REVIEW"))).not.toContain("request_hearing");
    expect(kinds(inState("IN_REVIEW", { hearingRequested: true }))).not.toContain("request_hearing");
    expect(kinds(inState("IN_REVIEW", { procedure: "simplified" }))).not.toContain("request_hearing");
    expect(kinds(inState("HEARING_SCHEDULED"))).not.toContain("request_hearing");
  });

  it("withdrawal may be asked before the decision only, once (《行政复议法》第四十一条第一项、第七十四条)", () => {
    for (const state of preDecisionStates) {
      const w = citizenActions("reconsideration", inState(state)).find((a) => a.kind === "request_withdrawal");
      expect(w?.basis, state).toContain("第四十一条第一项");
      expect(w?.basis, state).toContain("第七十四条");
    }
    for (const state of ["DECISION_ISSUED", "DECISION_EFFECTIVE", "TERMINATED", "CLOSED", "NOT_ACCEPTED"])
      expect(kinds(inState(state)), state).not.toContain("request_withdrawal");
    expect(kinds(inState("IN_REVIEW", { withdrawalRequested: true }))).not.toContain("request_withdrawal");
  });

  it("the withdrawal form states the re-filing bar of Art. 74(2), with its exception", () => {
    expect(withdrawalNoticeKey("reconsideration")).toBe("cases.withdraw.bar");
    const text = zh["cases.withdraw.bar"];
    expect(text).toContain("同一事实和理由");
    expect(text).toContain("真实意愿");
    expect(text).toContain("第七十四条第二款");
    expect(text).toContain("第四十一条第一项");
    expect(withdrawalNoticeKey("mediation")).toBe("cases.withdraw.mediationNote");
    expect(WithdrawalRequestSchema.safeParse({ understood: "" }).success).toBe(false);
    expect(WithdrawalRequestSchema.safeParse({ understood: "yes" }).success).toBe(true);
  });

  it("evidence may be added while the case is before the decision (Arts. 43–44), not after", () => {
    expect(kinds(inState("IN_REVIEW"))).toContain("add_evidence");
    expect(kinds(inState("AWAITING_SUPPLEMENT"))).toContain("add_evidence");
    expect(kinds(inState("DECISION_ISSUED"))).not.toContain("add_evidence");
    expect(kinds(inState("CLOSED"))).not.toContain("add_evidence");
  });

  it("the service is rated (好差评) only once the case has ended", () => {
    for (const state of ["CLOSED", "TERMINATED", "NOT_ACCEPTED", "ABANDONED", "APPLICATION_DISMISSED", "DECISION_EFFECTIVE", "MEDIATION_DOCUMENT_EFFECTIVE"])
      expect(kinds(inState(state)), state).toContain("rate");
    for (const state of ["INTAKE_REVIEW", "AWAITING_SUPPLEMENT", "IN_REVIEW", "DECISION_APPROVAL", "DECISION_ISSUED"])
      expect(kinds(inState(state)), state).not.toContain("rate");
    expect(isFinalState("mediation", "FAILED")).toBe(true);
    expect(isFinalState("mediation", "IN_MEDIATION")).toBe(false);
    expect(RatingSchema.safeParse({ score: "6" }).success).toBe(false);
    expect(RatingSchema.parse({ score: "5" }).score).toBe(5);
  });

  it("a third party is not the applicant: no supplement, hearing or withdrawal in the applicant's name", () => {
    const actions = kinds(inState("AWAITING_SUPPLEMENT"), "third_party");
    expect(actions).not.toContain("answer_supplement");
    expect(actions).not.toContain("request_withdrawal");
  });

  it("a mediation request can be withdrawn before it is accepted, and rated once it has an outcome", () => {
    const m = (state: string) => ({ ...newMediationRequest(), state }) as CaseStateObject;
    expect(citizenActions("mediation", m("RECEIVED")).map((a) => a.kind)).toEqual(["request_withdrawal", "add_evidence"]);
    expect(citizenActions("mediation", m("IN_MEDIATION")).map((a) => a.kind)).toEqual(["add_evidence"]);
    expect(citizenActions("mediation", m("FAILED")).map((a) => a.kind)).toEqual(["rate"]);
  });
});

describe("status in plain words", () => {
  it("names every state of both machines in the locale, Chinese and English", () => {
    for (const [machine, states] of Object.entries(allStates)) {
      for (const state of states) {
        const s = citizenStatus(machine, state);
        expect(s.group, `${machine} ${state}`).not.toBe("unknown");
        expect(zh, s.key).toHaveProperty(s.key);
        expect(zh, s.helpKey).toHaveProperty(s.helpKey);
      }
    }
    for (const g of statusGroups) expect(en).toHaveProperty(`cases.status.${g}`);
  });
  it("asks for the citizen's action only when a supplement is due", () => {
    expect(citizenStatus("reconsideration", "AWAITING_SUPPLEMENT").tone).toBe("action");
    expect(citizenStatus("reconsideration", "IN_REVIEW").tone).toBe("waiting");
    expect(citizenStatus("reconsideration", "CLOSED").tone).toBe("done");
  });
  it("does not tell internal steps apart: drafting and approval of the decision read as review", () => {
    expect(citizenStatus("reconsideration", "DECISION_APPROVAL").key).toBe(citizenStatus("reconsideration", "IN_REVIEW").key);
    expect(citizenStatus("reconsideration", "COMMITTEE_CONSULTATION").key).toBe(citizenStatus("reconsideration", "IN_REVIEW").key);
  });
  it("has a Chinese and an English name for every document", () => {
    for (const key of documentKeys) {
      expect(zh, key).toHaveProperty(`cases.doc.${key}`);
      expect(en, key).toHaveProperty(`cases.doc.${key}`);
    }
  });
});

describe("the timeline shows what the citizen may see, and nothing else", () => {
  const event = (payload: Record<string, unknown>, action = "reconsideration.T8") => ({ action, payload });

  it("a state change the citizen can tell apart, with the deadlines it started", () => {
    const items = citizenTimelineItems(
      "reconsideration",
      event({
        transition: "T8",
        command: "ACCEPT",
        from: "INTAKE_REVIEW",
        to: "ACCEPTED",
        note: "内部备注",
        basis: "《行政复议法》第三十条第一款",
        deadlines: [
          { op: "met", kind: "acceptance_review", due: "2026-03-09" },
          { op: "start", kind: "decision", start: "2026-03-02", due: "2026-05-01" },
          { op: "start", kind: "committee_opinion", start: "2026-03-02", due: "2026-03-16" },
        ],
      }),
    );
    expect(items).toEqual([
      { key: "cases.event.status", statusKey: "cases.status.accepted" },
      { key: "cases.event.deadlineStarted", period: "decision", due: "2026-05-01" },
    ]);
    expect(JSON.stringify(items)).not.toContain("内部备注");
  });

  it("internal steps (drafting, approval, alerts, committee adoption) are not shown", () => {
    expect(citizenTimelineItems("reconsideration", event({ transition: "T27-submit", command: "SUBMIT_FOR_APPROVAL", from: "DECISION_DRAFTING", to: "DECISION_APPROVAL" }))).toEqual([]);
    expect(citizenTimelineItems("reconsideration", event({ transition: "T30", command: "DEADLINE_ALERT", from: "IN_REVIEW", to: "IN_REVIEW" }))).toEqual([]);
    expect(citizenTimelineItems("reconsideration", event({ transition: "T27-adoption", command: "COMMITTEE_ADOPTION_RECORDED", from: "IN_REVIEW", to: "IN_REVIEW" }))).toEqual([]);
    expect(citizenTimelineItems("reconsideration", { action: "document.opened", payload: { documentId: "x" } })).toEqual([]);
    expect(citizenTimelineItems("reconsideration", { action: "auth.login", payload: {} })).toEqual([]);
  });

  it("the citizen's own requests have their own line (Art. 50(1) hearing, Art. 41(1) withdrawal)", () => {
    expect(citizenTimelineItems("reconsideration", event({ transition: "T12-request", command: "REQUEST_HEARING", from: "IN_REVIEW", to: "IN_REVIEW" }))).toEqual([
      { key: "cases.event.hearingRequested" },
    ]);
    expect(citizenTimelineItems("reconsideration", event({ transition: "T23-request", command: "REQUEST_WITHDRAWAL", from: "IN_REVIEW", to: "IN_REVIEW" }))).toEqual([
      { key: "cases.event.withdrawalRequested" },
    ]);
  });

  it("the filing is one line; its first transition out of DRAFT is not repeated", () => {
    expect(citizenTimelineItems("reconsideration", { action: "filing.received", payload: { contentHash: "abc", organId: "o" } })).toEqual([{ key: "cases.event.filed" }]);
    expect(citizenTimelineItems("reconsideration", event({ transition: "T1", command: "SUBMIT", from: "DRAFT", to: "SUBMITTED" }, "reconsideration.T1"))).toEqual([]);
  });
});

describe("documents and the supplement form", () => {
  it("the supplement form lists every item of the latest notice, at once (《行政复议法》第三十一条第一款)", () => {
    const items = supplementItems([
      { issuedAt: new Date("2026-03-01T02:00:00Z"), content: { items: ["旧事项"] } },
      { issuedAt: new Date("2026-03-02T02:00:00Z"), content: { items: ["身份证明", "处罚决定书复印件", ""] } },
    ]);
    expect(items).toEqual(["身份证明", "处罚决定书复印件"]);
  });
  it("shows the readable fields of a decision and leaves internal ones out", () => {
    const fields = citizenDocumentFields("decision", { type: "revoke", partial: false, redoOrdered: true, approvedBy: "organ_head", committeeConsulted: true });
    expect(fields.map((f) => f.field)).toEqual(["type", "partial", "redoOrdered"]);
    for (const f of fields) expect(zh).toHaveProperty(f.labelKey);
  });
});

describe("times on the timeline", () => {
  it("read as yyyy-MM-dd HH:mm in Asia/Shanghai (UTC+8), across midnight", () => {
    expect(formatShanghaiDateTime("2026-03-01T16:30:00Z")).toBe("2026-03-02 00:30");
    expect(formatShanghaiDateTime(new Date("2026-12-31T15:59:59Z"))).toBe("2026-12-31 23:59");
    expect(formatShanghaiDateTime("not a date")).toBe("");
  });
});
