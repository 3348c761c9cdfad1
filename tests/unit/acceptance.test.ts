// The acceptance review forms (app/domain/acceptance.ts) mapped onto the machine's commands, run through the machine
// itself: Art. 53 (simplified procedure), Art. 30(1)–(3) (conditions, refusal naming the competent organ, deemed
// acceptance), Art. 31(2) (deemed abandonment), Art. 33 (dismissal); and which forms a state shows (case-actions.ts).
import { describe, expect, it } from "vitest";
import {
  acceptanceConditionTexts,
  acceptCommand,
  AcceptFormSchema,
  art53Grounds,
  art53GroundTexts,
  deemedOutcome,
  dismissCommand,
  DismissFormSchema,
  readAcceptanceForm,
  refuseCommand,
  RefuseFormSchema,
} from "~/domain/acceptance";
import { allowedCommands, commandAllowed } from "~/domain/case-actions";
import { acceptanceConditions, CaseCommandSchema, transition } from "~/domain/machines/reconsideration";
import { caseFixture } from "./machines/fixtures";
import { ctx, staff } from "./machines/support";

const accept = (entries: [string, string][], hasThirdParties = false) => {
  const parsed = AcceptFormSchema.safeParse(readAcceptanceForm(entries));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return acceptCommand(parsed.data, { hasThirdParties });
};
const run = (command: Parameters<typeof transition>[1], from = "INTAKE_REVIEW") => transition(caseFixture(from), command, ctx(staff));
const errorsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("《行政复议法》第五十三条: the simplified procedure only on an Art. 53 ground or with all parties' consent", () => {
  it("Art. 53(1): facts clear, rights and duties clear, dispute minor AND a listed case → accepted as simplified", () => {
    const command = accept([
      ["procedure", "simplified"],
      ["basis", "art53_1"],
      ["factsClear", "yes"],
      ["rightsClear", "yes"],
      ["disputeMinor", "yes"],
      ["ground", "warning_or_criticism"],
    ]);
    expect(CaseCommandSchema.safeParse(command).success).toBe(true);
    const r = run(command);
    expect(r.ok && r.next.state).toBe("ACCEPTED");
    expect(r.ok && r.next.procedure).toBe("simplified");
  });

  it("Art. 53(1): one of the three findings missing → the machine refuses, citing Art. 53", () => {
    const command = accept([
      ["procedure", "simplified"],
      ["basis", "art53_1"],
      ["factsClear", "yes"],
      ["disputeMinor", "yes"],
      ["ground", "on_the_spot"],
    ]);
    expect(command.simplifiedBasis).toMatchObject({ kind: "art53_1", factsClearAndDisputeMinor: false });
    const r = run(command);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.message).toContain("第五十三条");
  });

  it("Art. 53(1)(3): 3,000 yuan passes, 3,000.01 does not; an amount that is not a number is a form error", () => {
    const base: [string, string][] = [
      ["procedure", "simplified"],
      ["basis", "art53_1"],
      ["factsClear", "yes"],
      ["rightsClear", "yes"],
      ["disputeMinor", "yes"],
      ["ground", "amount_up_to_3000"],
    ];
    expect(run(accept([...base, ["amountYuan", "3000"]])).ok).toBe(true);
    expect(run(accept([...base, ["amountYuan", "3000.01"]])).ok).toBe(false);
    expect(run(accept(base)).ok).toBe(false); // no amount: the ground is not shown
    expect(errorsOf(AcceptFormSchema.safeParse(readAcceptanceForm([...base, ["amountYuan", "三千"]])))).toEqual({ amountYuan: "errors.amountYuanInvalid" });
  });

  it("Art. 53(2): every party's consent, third parties included when there are any", () => {
    const consent: [string, string][] = [
      ["procedure", "simplified"],
      ["basis", "all_parties_consent"],
      ["applicantConsent", "yes"],
      ["respondentConsent", "yes"],
    ];
    expect(run(accept(consent)).ok).toBe(true);
    // with third parties, their consent is needed too
    expect(run(accept(consent, true)).ok).toBe(false);
    expect(run(accept([...consent, ["thirdPartiesConsent", "yes"]], true)).ok).toBe(true);
    // the respondent did not agree
    expect(run(accept(consent.filter(([k]) => k !== "respondentConsent"))).ok).toBe(false);
  });

  it("simplified without any basis parses, and the machine refuses it in plain Chinese citing Art. 53", () => {
    const command = accept([["procedure", "simplified"]]);
    expect(command).toEqual({ type: "ACCEPT", procedure: "simplified" });
    const r = run(command);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.message).toMatch(/简易程序.*第五十三条/);
  });

  it("the form names Art. 53(1)(1)–(4) for each ground, and asks which ground under Art. 53(1)", () => {
    expect(art53Grounds.map((g) => art53GroundTexts[g].basis)).toEqual([1, 2, 3, 4].map((n) => `《行政复议法》第五十三条第一款第${"一二三四"[n - 1]}项`));
    const r = AcceptFormSchema.safeParse(readAcceptanceForm([["procedure", "simplified"], ["basis", "art53_1"]]));
    expect(errorsOf(r)).toEqual({ ground: "errors.art53GroundRequired" });
    expect(errorsOf(AcceptFormSchema.safeParse({}))).toEqual({ procedure: "errors.procedureRequired" });
    expect(accept([["procedure", "ordinary"], ["basis", "art53_1"]])).toEqual({ type: "ACCEPT", procedure: "ordinary" });
  });
});

describe("《行政复议法》第三十条: the seven conditions, refusal with reasons, the competent organ when jurisdiction fails", () => {
  it("Art. 30(1)(1)–(7): every condition has its item and a Chinese label", () => {
    expect(acceptanceConditions.map((c) => acceptanceConditionTexts[c].basis)).toEqual(
      ["一", "二", "三", "四", "五", "六", "七"].map((n) => `《行政复议法》第三十条第一款第${n}项`),
    );
    expect(acceptanceConditionTexts.jurisdiction.zh).toBe("属于本机关的管辖范围");
  });

  it("Art. 30(2): the refusal lists the failed conditions in the statute's order, once each, with the reasons", () => {
    const r = RefuseFormSchema.safeParse(
      readAcceptanceForm([
        ["conditions", "within_period"],
        ["conditions", "legal_interest"],
        ["conditions", "within_period"],
        ["reasons", "  超过法定申请期限  "],
      ]),
    );
    expect(r.success).toBe(true);
    const command = refuseCommand(r.data!, null);
    expect(command).toEqual({ type: "REFUSE", failedConditions: ["legal_interest", "within_period"], reasons: "超过法定申请期限" });
    const step = run(command);
    expect(step.ok && step.next.state).toBe("NOT_ACCEPTED");
    expect(step.ok && step.effects.find((e) => e.kind === "issueDocument")).toMatchObject({ document: "refusal_decision", basis: "《行政复议法》第三十条第二款" });
  });

  it("Art. 30(2): a refusal for lack of jurisdiction without the competent organ is refused by the machine; with it, the organ is in the decision", () => {
    const form = RefuseFormSchema.parse(readAcceptanceForm([["conditions", "jurisdiction"], ["reasons", "不属于本机关管辖"]]));
    const without = run(refuseCommand(form, null));
    expect(without.ok).toBe(false);
    if (!without.ok) expect(without.reason).toMatchObject({ guard: "competent_organ_named", basis: "《行政复议法》第三十条第二款" });
    const named = run(refuseCommand(form, "呼和浩特市新城区人民政府"));
    expect(named.ok && named.effects.find((e) => e.kind === "issueDocument")).toMatchObject({ data: { competentOrgan: "呼和浩特市新城区人民政府" } });
    // an organ chosen while jurisdiction is not ticked is not put into the decision
    const other = RefuseFormSchema.parse(readAcceptanceForm([["conditions", "within_scope"], ["reasons", "不属于复议范围"], ["competentOrganId", "x"]]));
    expect(refuseCommand(other, "某机关")).not.toHaveProperty("competentOrgan");
  });

  it("no condition, no reasons, an unknown condition → form errors, nothing reaches the machine", () => {
    expect(errorsOf(RefuseFormSchema.safeParse(readAcceptanceForm([["reasons", " "]])))).toEqual({
      conditions: "errors.acceptanceConditionsRequired",
      reasons: "errors.reasonsRequired",
    });
    expect(errorsOf(DismissFormSchema.safeParse(readAcceptanceForm([["conditions", "nonsense"], ["reasons", "x"]])))).toEqual({
      "conditions.0": "errors.acceptanceConditionUnknown",
    });
    expect(errorsOf(DismissFormSchema.safeParse(readAcceptanceForm([["conditions", "within_scope"], ["reasons", "理".repeat(4001)]])))).toEqual({
      reasons: "errors.reasonsTooLong",
    });
  });
});

describe("《行政复议法》第三十三条: dismissal after acceptance", () => {
  it("from ACCEPTED the dismissal decision is issued citing Art. 33", () => {
    const form = DismissFormSchema.parse(readAcceptanceForm([["conditions", "no_prior_proceedings"], ["reasons", "已就同一行为提起行政诉讼"]]));
    const r = run(dismissCommand(form), "ACCEPTED");
    expect(r.ok && r.next.state).toBe("APPLICATION_DISMISSED");
    expect(r.ok && r.effects.find((e) => e.kind === "issueDocument")).toMatchObject({ document: "dismissal_decision", basis: "《行政复议法》第三十三条" });
  });
});

describe("forms shown follow the machine's transition table (state × role)", () => {
  it("INTAKE_REVIEW: supplement notice (Art. 31), acceptance (Art. 30(1)), refusal (Art. 30(2)) — no dismissal", () => {
    const commands = allowedCommands("INTAKE_REVIEW", "reconsideration_staff");
    expect(commands).toEqual(expect.arrayContaining(["ISSUE_SUPPLEMENT_NOTICE", "REFUSE", "ACCEPT"]));
    expect(commands).not.toContain("DISMISS_APPLICATION");
    expect(commands).not.toContain("INTAKE_PERIOD_EXPIRED"); // the scheduler's, not a person's
  });

  it("Art. 33 dismissal from ACCEPTED and AWAITING_REPLY; nothing of the review once NOT_ACCEPTED or ABANDONED", () => {
    expect(commandAllowed("ACCEPTED", "office_head", "DISMISS_APPLICATION")).toBe(true);
    expect(commandAllowed("AWAITING_REPLY", "reconsideration_staff", "DISMISS_APPLICATION")).toBe(true);
    expect(commandAllowed("ACCEPTED", "reconsideration_staff", "ACCEPT")).toBe(false);
    const review = ["ISSUE_SUPPLEMENT_NOTICE", "ACCEPT", "REFUSE", "DISMISS_APPLICATION"];
    // after a refusal only the Art. 34 litigation report remains (复议前置)
    expect(allowedCommands("NOT_ACCEPTED", "reconsideration_staff").filter((c) => review.includes(c))).toEqual([]);
    expect(allowedCommands("ABANDONED", "reconsideration_staff")).toEqual([]);
    expect(allowedCommands("INTAKE_REVIEW", "citizen").filter((c) => review.includes(c))).toEqual([]);
  });
});

describe("deemed outcomes are said as such: Art. 30(3) deemed acceptance, Art. 31(2) deemed abandonment", () => {
  it("Art. 30(3): accepted from the day the review period ended", () => {
    const d = deemedOutcome({ state: "AWAITING_REPLY", data: { deemedAccepted: true, acceptedAt: "2026-03-09" } }, [
      { action: "reconsideration.T8-deemed", payload: {}, on: "2026-03-10" },
    ]);
    expect(d).toEqual({ kind: "accepted", periodEndedOn: "2026-03-09", recordedOn: "2026-03-10", basis: "《行政复议法》第三十条第三款" });
  });

  it("Art. 31(2): abandoned after the supplement period, recorded in the file", () => {
    const d = deemedOutcome({ state: "ABANDONED", data: {} }, [
      { action: "reconsideration.T6", payload: { deadlines: [{ op: "missed", kind: "supplement", due: "2026-03-16" }] }, on: "2026-03-17" },
    ]);
    expect(d).toEqual({ kind: "abandoned", periodEndedOn: "2026-03-16", recordedOn: "2026-03-17", basis: "《行政复议法》第三十一条第二款" });
  });

  it("an explicit acceptance is not deemed", () => {
    expect(deemedOutcome({ state: "ACCEPTED", data: { deemedAccepted: false, acceptedAt: "2026-03-09" } }, [])).toBeNull();
  });
});
