// The committee rules of app/domain/committee.ts (《行政复议法》第五十二条, 第六十一条第三款): the fields a case calls for,
// who is excluded from a consultation and why, the proposal and the check of the members chosen, the committee period
// that ends 5 working days before the decision is due, and the referral, adoption and register forms.
import { describe, expect, it } from "vitest";
import {
  AdoptionFormSchema,
  caseFields,
  checkAssignment,
  committeePeriod,
  ConflictEntryFormSchema,
  exclusionReasons,
  referralFormSchema,
  referralGrounds,
  RecusalDecisionFormSchema,
  sameParty,
  selectMembers,
  type RosterMember,
  type SelectionCase,
} from "~/domain/committee";
import { draftReferral } from "~/domain/machines/consultation";
import { newCase, transitionCase, type CaseState } from "~/domain/machines/reconsideration";

const respondent = { id: "o-market", name: "呼和浩特市市场监督管理局" };
const bureau = { id: "o-police", name: "呼和浩特市公安局" };
const theCase: SelectionCase = { caseId: "c-1", respondent, actOrgans: [], parties: ["张三", "内蒙古草原乳业有限公司"] };

const member = (over: Partial<RosterMember> = {}): RosterMember => ({
  id: "m-1",
  userId: "u-1",
  name: "赵振宇",
  kind: "expert",
  employer: "内蒙古大学法学院",
  employerOrganId: null,
  fields: ["administrative_law", "market_regulation"],
  available: true,
  conflicts: [],
  ...over,
});

describe("fields a case calls for (Art. 52(1): departments, experts and scholars by field)", () => {
  it("a penalty by the market regulation bureau calls for administrative law and market regulation", () => {
    expect(caseFields({ category: "penalty", respondentCode: "150100-market" })).toEqual(["administrative_law", "market_regulation"]);
  });
  it("an expropriation (Art. 11(5)) calls for land, housing and expropriation as well as the respondent's sector", () => {
    expect(caseFields({ category: "expropriation", respondentCode: "150102-housing" })).toEqual(["administrative_law", "land", "housing", "expropriation"]);
  });
  it("a government respondent has no sector: administrative law and the kind of act only", () => {
    expect(caseFields({ category: "information_disclosure", respondentCode: "150100" })).toEqual(["administrative_law", "information_disclosure"]);
  });
});

describe("exclusion from a consultation (impartiality of the Art. 52 advisory opinion; recusal rule of the portal, 6.23)", () => {
  it("a member with no link to the respondent, the act or a party may sit", () => {
    expect(exclusionReasons(member(), theCase)).toEqual([]);
  });
  it("a member employed by the respondent (employer organ on the roster) is excluded, and the respondent is named", () => {
    expect(exclusionReasons(member({ employerOrganId: respondent.id, employer: "市场监管局" }), theCase)).toEqual([
      { code: "employed_by_respondent", organ: respondent.name },
    ]);
  });
  it("the employer written as the respondent's name counts too, whatever the spacing", () => {
    expect(exclusionReasons(member({ employer: "呼和浩特市 市场监督管理局" }), theCase)[0]).toMatchObject({ code: "employed_by_respondent" });
  });
  it("a member employed by the bureau behind a 分局 respondent (Art. 24(4)) is excluded as working for the organ that made the act", () => {
    const c = { ...theCase, respondent: { id: "o-branch", name: "呼和浩特市公安局新城区分局" }, actOrgans: [bureau] };
    expect(exclusionReasons(member({ employerOrganId: bureau.id }), c)).toEqual([{ code: "employed_by_act_organ", organ: bureau.name }]);
  });
  it("a member whose employer is a party (Art. 14, 16) is excluded", () => {
    expect(exclusionReasons(member({ employer: "内蒙古草原乳业有限公司法务部" }), theCase)).toEqual([{ code: "employer_is_party", party: "内蒙古草原乳业有限公司" }]);
  });
  it("register entries: an earlier employer, a link to the organ, a link to a party, earlier involvement in this case", () => {
    const entries: RosterMember["conflicts"] = [
      { kind: "employer", organId: respondent.id, partyName: null, caseId: null, note: "2019–2022 在该局法规科任职" },
      { kind: "organ_link", organId: respondent.id, partyName: null, caseId: null, note: "配偶在该局工作" },
      { kind: "party_link", organId: null, partyName: "张三", caseId: null, note: "同学" },
      { kind: "earlier_involvement", organId: null, partyName: null, caseId: "c-1", note: "曾为该处罚出具专家意见" },
    ];
    expect(exclusionReasons(member({ conflicts: entries }), theCase).map((r) => r.code)).toEqual([
      "register_employer",
      "register_organ_link",
      "register_party_link",
      "register_earlier_involvement",
    ]);
  });
  it("register entries about other organs, other parties or other cases exclude nobody", () => {
    const entries: RosterMember["conflicts"] = [
      { kind: "organ_link", organId: "o-other", partyName: null, caseId: null, note: "x" },
      { kind: "party_link", organId: null, partyName: "李四", caseId: null, note: "x" },
      { kind: "earlier_involvement", organId: null, partyName: null, caseId: "c-2", note: "x" },
    ];
    expect(exclusionReasons(member({ conflicts: entries }), theCase)).toEqual([]);
  });
  it("a short personal name matches only in full (张三 is not 张三丰); an organisation's name matches inside a longer one", () => {
    expect(sameParty("张三", "张三丰")).toBe(false);
    expect(sameParty("张三", " 张 三")).toBe(true);
    expect(sameParty("草原乳业有限公司", "内蒙古草原乳业有限公司")).toBe(true);
  });
});

describe("member selection (Art. 52(1); 6.23)", () => {
  const roster = [
    member({ id: "m-a", userId: "u-a", name: "甲", fields: ["ecology"] }),
    member({ id: "m-b", userId: "u-b", name: "乙", fields: ["administrative_law", "market_regulation"] }),
    member({ id: "m-c", userId: "u-c", name: "丙", fields: ["market_regulation"], employerOrganId: respondent.id }),
    member({ id: "m-d", userId: "u-d", name: "丁", fields: ["market_regulation"], available: false }),
    member({ id: "m-e", userId: "u-e", name: "戊", fields: ["administrative_law"] }),
  ];
  const wanted = caseFields({ category: "penalty", respondentCode: "150100-market" });
  const rows = selectMembers(roster, theCase, wanted);

  it("proposes matching members first (most fields matched), then other eligible, unavailable, and excluded with the reason", () => {
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ["乙", "proposed"],
      ["戊", "proposed"],
      ["甲", "eligible"],
      ["丁", "unavailable"],
      ["丙", "excluded"],
    ]);
    expect(rows.find((r) => r.name === "丙")!.reasons).toEqual([{ code: "employed_by_respondent", organ: respondent.name }]);
    expect(rows.find((r) => r.name === "乙")!.matched).toEqual(["administrative_law", "market_regulation"]);
  });
  it("an excluded or unavailable member cannot be assigned; the member is named", () => {
    expect(checkAssignment(rows, ["m-b", "m-c"])).toEqual({ ok: false, error: "excluded", name: "丙" });
    expect(checkAssignment(rows, ["m-d"])).toEqual({ ok: false, error: "unavailable", name: "丁" });
    expect(checkAssignment(rows, ["m-x"])).toEqual({ ok: false, error: "unknown" });
    expect(checkAssignment(rows, [])).toEqual({ ok: false, error: "none" });
  });
  it("eligible members are assigned by user id (the machine's members) and member id (the seats), once each", () => {
    expect(checkAssignment(rows, ["m-b", "m-a", "m-b"])).toEqual({ ok: true, userIds: ["u-b", "u-a"], memberIds: ["m-b", "m-a"] });
  });
});

describe("the committee period ends at least 5 working days before the decision is due (Art. 62 keeps running; 6.23)", () => {
  // Monday 2026-03-02 … weekdays only, for a readable count
  const weekdaysBetween = (from: string, to: string) => {
    let n = 0;
    for (let d = new Date(`${from}T00:00:00Z`); ; ) {
      d = new Date(d.getTime() + 86_400_000);
      if (d.toISOString().slice(0, 10) > to) return n;
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n++;
    }
  };
  const period = (decisionDueOn: string) => committeePeriod({ today: "2026-03-02", decisionDueOn, settingWorkdays: 10, workingDaysBetween: weekdaysBetween });

  it("the full setting (10 WD) when the decision is far enough away", () => {
    expect(period("2026-04-30")).toEqual({ ok: true, workdays: 10, shortened: false });
  });
  it("cut to end 5 WD before the due date: 12 WD left → 7 WD", () => {
    expect(weekdaysBetween("2026-03-02", "2026-03-18")).toBe(12);
    expect(period("2026-03-18")).toEqual({ ok: true, workdays: 7, shortened: true });
  });
  it("none when 5 WD or fewer are left: the decision period must be extended first (Art. 62)", () => {
    expect(period("2026-03-09")).toEqual({ ok: false, available: 0 });
  });
});

describe("the referral form (Art. 52(2))", () => {
  const plain = referralFormSchema({ regionGovernmentRespondent: false });
  const region = referralFormSchema({ regionGovernmentRespondent: true });

  it("needs a ground, unless ground (3) applies by itself because the region government is the respondent (Art. 24(2), 52(2)(3))", () => {
    expect(plain.safeParse({ grounds: [], questions: ["罚款是否适当？"] }).success).toBe(false);
    const parsed = region.parse({ grounds: [], questions: ["罚款是否适当？"] });
    expect(referralGrounds(parsed, true)).toEqual(["region_government_act"]);
    expect(referralGrounds({ grounds: ["technical"] }, true)).toEqual(["technical", "region_government_act"]);
  });
  it("the ground (4) “deemed necessary” needs its reason (Art. 52(2)(4))", () => {
    const r = plain.safeParse({ grounds: ["necessary"], questions: ["q"] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain("committee.errors.otherReasonRequired");
    expect(plain.safeParse({ grounds: ["necessary"], otherReason: "社会关注度高", questions: ["q"] }).success).toBe(true);
  });
  it("one to five questions; blank ones are dropped", () => {
    expect(plain.parse({ grounds: ["technical"], questions: ["  检测报告能否采信？ ", "", " "] }).questions).toEqual(["检测报告能否采信？"]);
    expect(plain.safeParse({ grounds: ["technical"], questions: ["", ""] }).success).toBe(false);
    expect(plain.safeParse({ grounds: ["technical"], questions: ["1", "2", "3", "4", "5", "6"] }).success).toBe(false);
  });
  it("the region-government ground cannot be ticked by hand: it follows from the respondent", () => {
    expect(plain.safeParse({ grounds: ["region_government_act"], questions: ["q"] }).success).toBe(false);
  });
});

describe("the machine's referral (T14, Art. 52(2)(4)) and the consultation it opens", () => {
  const inReview = (): CaseState => ({ ...newCase(), state: "IN_REVIEW", version: 5, acceptedAt: "2026-03-02" });
  const staff = { role: "reconsideration_staff" as const, userId: "u-staff" };
  it("refuses “deemed necessary” without a reason, naming Art. 52(2)(4)", () => {
    const r = transitionCase(inReview(), { type: "REFER_TO_COMMITTEE", grounds: ["necessary"], questions: ["q"] }, { actor: staff, today: "2026-03-02" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatchObject({ guard: "necessary_reason", basis: "《行政复议法》第五十二条第二款第四项" });
  });
  it("with the reason, opens a consultation that keeps it (and drops it for other grounds)", () => {
    const r = transitionCase(
      inReview(),
      { type: "REFER_TO_COMMITTEE", grounds: ["necessary"], questions: ["q"], otherReason: "社会关注度高" },
      { actor: staff, today: "2026-03-02" },
    );
    expect(r.ok).toBe(true);
    const open = r.ok ? r.effects.find((e) => e.kind === "openProcess") : undefined;
    expect(open).toMatchObject({ process: "consultation", data: { grounds: ["necessary"], otherReason: "社会关注度高" } });
    expect(draftReferral(open!.kind === "openProcess" ? (open!.data as never) : (undefined as never)).otherReason).toBe("社会关注度高");
    expect(draftReferral({ grounds: ["technical"], otherReason: "x" }).otherReason).toBeNull();
  });
});

describe("the adoption record (采纳情况说明, Arts. 52(3), 61(3)) and the recusal decision", () => {
  it("reasons are required when the opinion is partly adopted or not adopted", () => {
    expect(AdoptionFormSchema.safeParse({ outcome: "adopted" }).success).toBe(true);
    expect(AdoptionFormSchema.safeParse({ outcome: "partly_adopted" }).success).toBe(false);
    expect(AdoptionFormSchema.safeParse({ outcome: "not_adopted", reasons: "  " }).success).toBe(false);
    expect(AdoptionFormSchema.safeParse({ outcome: "not_adopted", reasons: "咨询意见所依据的事实与查明的事实不符" }).success).toBe(true);
  });
  it("a recusal request is decided with reasons either way", () => {
    const id = "00000000-0000-4000-8000-000000000001";
    expect(RecusalDecisionFormSchema.safeParse({ requestId: id, granted: "no" }).success).toBe(false);
    expect(RecusalDecisionFormSchema.safeParse({ requestId: id, granted: "no", decisionReasons: "申请人未提供任何关联事实" }).success).toBe(true);
  });
});

describe("conflict-register entries name what they are about", () => {
  const memberId = "00000000-0000-4000-8000-000000000002";
  const organId = "00000000-0000-4000-8000-000000000003";
  it("an organ link names an organ; a party link a party; earlier involvement an organ or a case", () => {
    expect(ConflictEntryFormSchema.safeParse({ memberId, kind: "organ_link", note: "n" }).success).toBe(false);
    expect(ConflictEntryFormSchema.safeParse({ memberId, kind: "organ_link", organId, note: "n" }).success).toBe(true);
    expect(ConflictEntryFormSchema.safeParse({ memberId, kind: "party_link", note: "n" }).success).toBe(false);
    expect(ConflictEntryFormSchema.safeParse({ memberId, kind: "party_link", partyName: "张三", note: "n" }).success).toBe(true);
    expect(ConflictEntryFormSchema.safeParse({ memberId, kind: "earlier_involvement", note: "n" }).success).toBe(false);
    expect(ConflictEntryFormSchema.safeParse({ memberId, kind: "earlier_involvement", caseNumber: "FY2026-150100-00001", note: "n" }).success).toBe(true);
    expect(ConflictEntryFormSchema.safeParse({ memberId, kind: "earlier_involvement", caseNumber: "not-a-number", note: "n" }).success).toBe(false);
  });
});
