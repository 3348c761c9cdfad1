// The forms of mediation inside the case and of the draft decision (app/domain/decision-draft.ts), and the rule that the
// drafter does not approve: each test names the article it checks.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fieldErrors } from "~/domain/application";
import {
  approvalRefusal,
  availableDecisionCommands,
  decisionDraftContent,
  DecisionDraftFormSchema,
  decisionTypeBasis,
  MediationDocumentFormSchema,
  mediationDocumentData,
  OpenMediationFormSchema,
  ServeDecisionFormSchema,
  signMediationDocumentCommand,
  submitForApprovalCommand,
} from "~/domain/decision-draft";
import { CaseCommandSchema, decisionTypes } from "~/domain/machines/reconsideration";

const draft = (extra: Record<string, string> = {}) => ({
  decisionType: "uphold",
  facts: "经审理查明，被申请人认定事实清楚。",
  reasoning: "本机关认为，被申请人适用依据正确，程序合法。",
  result: "维持被申请人作出的行政处罚决定。",
  ...extra,
});
/** The field errors as the route shows them (the first message of each field). */
const errorsOf = (r: { success: boolean; error?: z.core.$ZodError }) => (r.error ? fieldErrors(r.error) : {});

describe("decision types (《行政复议法》第六十三条至第六十九条)", () => {
  it("each of the seven types of Arts. 63–69 cites its own article, in order", () => {
    expect(Object.keys(decisionTypeBasis).sort()).toEqual([...decisionTypes].sort());
    expect(decisionTypes.map((t) => decisionTypeBasis[t])).toEqual([
      "《行政复议法》第六十三条",
      "《行政复议法》第六十四条",
      "《行政复议法》第六十五条",
      "《行政复议法》第六十六条",
      "《行政复议法》第六十七条",
      "《行政复议法》第六十八条",
      "《行政复议法》第六十九条",
    ]);
  });

  it("a draft states the facts and evidence, the reasoning and the result (Art. 61(1), DOMAIN.md 9.16)", () => {
    const r = DecisionDraftFormSchema.safeParse({ decisionType: "uphold", facts: " ", reasoning: "", result: "" });
    expect(errorsOf(r)).toMatchObject({ facts: "decision.errors.facts", reasoning: "decision.errors.reasoning", result: "decision.errors.result" });
    expect(DecisionDraftFormSchema.safeParse({ ...draft(), decisionType: "annul" }).success).toBe(false);
  });

  it("only a revocation is partial or orders the act redone (Art. 64(1))", () => {
    expect(errorsOf(DecisionDraftFormSchema.safeParse(draft({ redoOrdered: "yes" })))).toEqual({ redoOrdered: "decision.errors.redoOnlyRevoke" });
    expect(errorsOf(DecisionDraftFormSchema.safeParse(draft({ partial: "yes" })))).toEqual({ partial: "decision.errors.partialOnlyRevoke" });
    // a redo without a period is allowed: the statutory period or 60 days applies (Reg. Art. 49)
    const ok = DecisionDraftFormSchema.parse(draft({ decisionType: "revoke", partial: "yes", redoOrdered: "yes" }));
    expect(submitForApprovalCommand(ok)).toMatchObject({ type: "SUBMIT_FOR_APPROVAL", decisionType: "revoke", partial: true, redoOrdered: true });
    expect(submitForApprovalCommand(ok)).not.toHaveProperty("performanceDays");
  });

  it("an order to perform sets its period (Art. 66), and so do obligations laid on the respondent (Arts. 72, 77(1))", () => {
    expect(errorsOf(DecisionDraftFormSchema.safeParse(draft({ decisionType: "order_performance" })))).toEqual({ performanceDays: "decision.errors.daysForOrder" });
    expect(errorsOf(DecisionDraftFormSchema.safeParse(draft({ decisionType: "vary", respondentObligations: "退还罚款" })))).toEqual({
      performanceDays: "decision.errors.daysForObligations",
    });
    expect(errorsOf(DecisionDraftFormSchema.safeParse(draft({ decisionType: "order_performance", performanceDays: "0" })))).toEqual({ performanceDays: "decision.errors.days" });
    const ok = DecisionDraftFormSchema.parse(draft({ decisionType: "order_performance", performanceDays: "30", respondentObligations: "依法作出答复" }));
    const command = submitForApprovalCommand(ok);
    // the command the machine receives is one it accepts as well formed
    expect(CaseCommandSchema.safeParse(command).success).toBe(true);
    expect(command).toMatchObject({ performanceDays: 30, respondentObligations: true });
    expect(decisionDraftContent(ok)).toMatchObject({ basis: "《行政复议法》第六十六条", respondentObligations: "依法作出答复", performanceDays: 30 });
  });
});

describe("mediation inside the case (《行政复议法》第五条、第七十三条)", () => {
  it("willingness is recorded as ticked; the machine refuses mediation unless both sides are willing (Art. 5)", () => {
    expect(OpenMediationFormSchema.parse({ applicantWilling: "yes" })).toEqual({ applicantWilling: true, respondentWilling: false });
    expect(OpenMediationFormSchema.safeParse({ applicantWilling: "on" }).success).toBe(false);
  });

  it("the mediation document carries the agreed result, and the period of the respondent's obligations (Art. 73(1), Reg. Art. 50(2))", () => {
    expect(errorsOf(MediationDocumentFormSchema.safeParse({ terms: "" }))).toEqual({ terms: "decision.errors.terms" });
    expect(errorsOf(MediationDocumentFormSchema.safeParse({ terms: "被申请人退还罚款", respondentObligations: "退还罚款" }))).toEqual({
      performanceDays: "decision.errors.daysForObligations",
    });
    const form = MediationDocumentFormSchema.parse({ terms: "被申请人退还罚款", respondentObligations: "退还罚款2000元", performanceDays: "15", allPartiesSigned: "yes", organSealed: "yes" });
    expect(signMediationDocumentCommand(form)).toEqual({ type: "SIGN_MEDIATION_DOCUMENT", allPartiesSigned: true, organSealed: true, respondentObligations: true, performanceDays: 15 });
    expect(mediationDocumentData(form)).toMatchObject({ result: "被申请人退还罚款", respondentObligations: "退还罚款2000元", performanceDays: 15, facts: null });
  });
});

describe("separation of drafting and approval (《行政复议法》第六十一条第一款; an internal-control rule, the statute is silent)", () => {
  it("the office head who drafted a decision cannot approve it; another head can", () => {
    const refusal = approvalRefusal({ draftedBy: "head-1" }, "head-1");
    expect(refusal?.message).toContain("不能审批自己拟定的决定");
    expect(refusal?.basis).toContain("第六十一条第一款");
    expect(approvalRefusal({ draftedBy: "staff-1" }, "head-1")).toBeNull();
  });

  it("only the office head is offered approval and return, per the machine's table (Art. 61(1), T28)", () => {
    expect(availableDecisionCommands("DECISION_APPROVAL", "office_head").sort()).toEqual(["APPROVE_DECISION", "RETURN_DRAFT"]);
    expect(availableDecisionCommands("DECISION_APPROVAL", "reconsideration_staff")).toEqual([]);
    expect(availableDecisionCommands("IN_REVIEW", "reconsideration_staff")).toEqual(["OPEN_MEDIATION", "START_DRAFTING"]);
    expect(availableDecisionCommands("MEDIATION", "reconsideration_staff").sort()).toEqual(["MEDIATION_FAILED", "SIGN_MEDIATION_DOCUMENT"]);
  });
});

describe("service of the decision (《行政复议法》第七十五条第二款、第八十八条第一款)", () => {
  it("takes one of the CPL's methods and a calendar date", () => {
    expect(ServeDecisionFormSchema.parse({ method: "post", servedOn: "2026-11-20" })).toEqual({ method: "post", servedOn: "2026-11-20" });
    expect(errorsOf(ServeDecisionFormSchema.safeParse({ method: "fax", servedOn: "2026-02-30" }))).toEqual({
      method: "decision.errors.serveMethod",
      servedOn: "errors.dateFormat",
    });
  });
});
