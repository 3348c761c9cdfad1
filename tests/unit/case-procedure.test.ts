// The procedure forms of a case: which commands the transition table offers a role in a state, and the hearing panel
// of 《行政复议法》第五十条第三款.
import { describe, expect, it } from "vitest";
import {
  availableProcedureIntents,
  checkHearingPanel,
  ExtendFormSchema,
  readProcedureForm,
  ScheduleHearingFormSchema,
  SuspendFormSchema,
} from "~/domain/case-procedure";

const [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map((x) => `00000000-0000-4000-8000-00000000000${x}`);
const eligible = { staff: new Set([a, b, c]), clerks: new Set([a, b, c, d]) };

describe("the hearing panel (《行政复议法》第五十条第三款: a presiding officer, two or more hearing officers, a clerk)", () => {
  it("accepts three distinct reconsideration staff and a fourth person as clerk", () => {
    expect(checkHearingPanel({ presidingId: a, memberIds: [b, c], clerkId: d }, eligible)).toBeNull();
  });
  it("refuses the same person twice on the panel", () => {
    expect(checkHearingPanel({ presidingId: a, memberIds: [a, c], clerkId: d }, eligible)).toEqual({ field: "memberIds", message: "procedure.error.panelDistinct" });
    expect(checkHearingPanel({ presidingId: a, memberIds: [b, b], clerkId: d }, eligible)?.message).toBe("procedure.error.panelDistinct");
  });
  it("refuses a clerk who also sits on the panel", () => {
    expect(checkHearingPanel({ presidingId: a, memberIds: [b, c], clerkId: b }, eligible)).toEqual({ field: "clerkId", message: "procedure.error.clerkDistinct" });
  });
  it("refuses panel members who are not reconsideration staff of the office, and fewer than two hearing officers", () => {
    expect(checkHearingPanel({ presidingId: d, memberIds: [b, c], clerkId: a }, eligible)?.field).toBe("presidingId");
    expect(checkHearingPanel({ presidingId: a, memberIds: [b, e], clerkId: d }, eligible)?.field).toBe("memberIds.1");
    expect(checkHearingPanel({ presidingId: a, memberIds: [b], clerkId: d }, eligible)?.message).toBe("procedure.error.members");
    expect(checkHearingPanel({ presidingId: a, memberIds: [b, c], clerkId: e }, eligible)?.message).toBe("procedure.error.notClerk");
  });
  it("the form takes exactly two hearing officers from repeated fields", () => {
    const form = readProcedureForm([
      ["hearingDate", "2026-12-20"],
      ["reason", "applicant_request"],
      ["place", "第一听证室"],
      ["presidingId", a],
      ["memberIds", b],
      ["memberIds", c],
      ["clerkId", d],
      ["issues", "处罚事实是否清楚"],
    ]);
    expect(ScheduleHearingFormSchema.safeParse(form).success).toBe(true);
    expect(ScheduleHearingFormSchema.safeParse({ ...form, memberIds: [b] }).success).toBe(false);
  });
});

describe("the forms offered follow the machine's transition table", () => {
  it("extension of the decision period (《行政复议法》第六十二条第一款) is for the office head, not the case officer", () => {
    expect(availableProcedureIntents("IN_REVIEW", "office_head")).toContain("extend");
    expect(availableProcedureIntents("IN_REVIEW", "reconsideration_staff")).not.toContain("extend");
  });
  it("conversion to the ordinary procedure (《行政复议法》第五十五条) is for the office head", () => {
    expect(availableProcedureIntents("IN_REVIEW", "office_head")).toContain("convert");
    expect(availableProcedureIntents("IN_REVIEW", "reconsideration_staff")).not.toContain("convert");
  });
  it("after acceptance the copy goes to the respondent (《行政复议法》第四十八条); hearings only from review", () => {
    expect(availableProcedureIntents("ACCEPTED", "reconsideration_staff")).toEqual(expect.arrayContaining(["serve_copy", "suspend", "terminate"]));
    expect(availableProcedureIntents("ACCEPTED", "reconsideration_staff")).not.toContain("schedule_hearing");
    expect(availableProcedureIntents("IN_REVIEW", "reconsideration_staff")).toEqual(expect.arrayContaining(["views_heard", "schedule_hearing"]));
    expect(availableProcedureIntents("HEARING_SCHEDULED", "reconsideration_staff")).toEqual(expect.arrayContaining(["reschedule_hearing", "record_hearing"]));
  });
  it("a suspended case can only be resumed, terminated or withdrawn (《行政复议法》第三十九条、第四十一条)", () => {
    expect(availableProcedureIntents("SUSPENDED", "reconsideration_staff").sort()).toEqual(["approve_withdrawal", "resume", "terminate"]);
  });
  it("nothing is offered to other roles or after the decision", () => {
    expect(availableProcedureIntents("IN_REVIEW", "center_clerk")).toEqual([]);
    expect(availableProcedureIntents("DECISION_EFFECTIVE", "office_head")).toEqual([]);
  });
});

describe("reading the forms", () => {
  it("suspension takes one of the ten grounds of 《行政复议法》第三十九条第一款 and the consents as ticked boxes", () => {
    const ok = SuspendFormSchema.safeParse({ ground: "mediation_or_settlement", explanation: "双方同意调解", applicantConsent: "yes" });
    expect(ok.success && ok.data).toMatchObject({ applicantConsent: true, respondentConsent: false });
    expect(SuspendFormSchema.safeParse({ ground: "eleventh", explanation: "x" }).success).toBe(false);
  });
  it("the extension asks for whole days (the 30-day cap of 《行政复议法》第六十二条第一款 is the machine's)", () => {
    expect(ExtendFormSchema.safeParse({ days: "30", reason: "情况复杂" }).success).toBe(true);
    expect(ExtendFormSchema.safeParse({ days: "1.5", reason: "情况复杂" }).success).toBe(false);
    expect(ExtendFormSchema.safeParse({ days: "", reason: "情况复杂" }).success).toBe(false);
  });
});
