// The staff forms of the end of a reconsideration case: mediation inside the case (调解, Arts. 5, 73), the draft
// decision of one of the types of Arts. 63–69 submitted for approval (Art. 61(1)), its approval and its service (Art. 75,
// 88(1) → CPL Arts. 87–95); and the rule that the office head who approves a draft is not the person who drafted it.
// The state machine (machines/reconsideration.ts) stays the authority on what may happen; these schemas read the forms.
import * as z from "zod/mini";
import { preprocess } from "./preprocess";
import type { Role } from "./roles";
import { caseTransitions, decisionTypes, type CaseCommand, type CaseStateName, type DecisionType } from "./machines/reconsideration";
import "~/locales/areas/decision";

/** The commands of the mediation-and-decision page. */
export const decisionPageCommands = [
  "OPEN_MEDIATION",
  "SIGN_MEDIATION_DOCUMENT",
  "MEDIATION_FAILED",
  "START_DRAFTING",
  "SUBMIT_FOR_APPROVAL",
  "RETURN_DRAFT",
  "APPROVE_DECISION",
  "SERVE_DECISION",
] as const;
export type DecisionPageCommand = (typeof decisionPageCommands)[number];

/** Which of them the machine's table allows in `state` to `role` (a form is shown only for these). */
export function availableDecisionCommands(state: CaseStateName, role: Role): DecisionPageCommand[] {
  return decisionPageCommands.filter((command) =>
    caseTransitions.some((row) => row.command === command && row.from.includes(state) && (row.roles as readonly string[]).includes(role)),
  );
}

/** The article that governs each decision type (DOMAIN.md 9.01–9.08). */
export const decisionTypeBasis: Record<DecisionType, string> = {
  vary: "《行政复议法》第六十三条",
  revoke: "《行政复议法》第六十四条",
  confirm_illegal: "《行政复议法》第六十五条",
  order_performance: "《行政复议法》第六十六条",
  confirm_void: "《行政复议法》第六十七条",
  uphold: "《行政复议法》第六十八条",
  reject_claim: "《行政复议法》第六十九条",
};

/** Long texts of a decision or mediation document (facts, reasoning): generous, but bounded. */
export const MAX_DOCUMENT_TEXT = 20_000;
/** A reason the machine records (its TextSchema: at most 4,000 characters). */
export const MAX_REASON_TEXT = 4_000;
/** A performance or redo period in calendar days: at most ten years. */
export const MAX_PERFORMANCE_DAYS = 3_650;

const requiredText = (message: string, max = MAX_DOCUMENT_TEXT) =>
  z.string({ error: message }).check(z.trim(), z.minLength(1, message), z.maxLength(max, "decision.errors.tooLong"));
const optionalText = z.pipe(
  z.optional(z.string().check(z.trim(), z.maxLength(MAX_DOCUMENT_TEXT, "decision.errors.tooLong"))),
  z.transform((v: string | undefined) => v ?? ""),
);
/** A ticked checkbox posts "yes"; an unticked one posts nothing. */
const checkbox = z.pipe(
  z.optional(z.enum(["yes"], { error: "errors.badRequest" })),
  z.transform((v: "yes" | undefined) => v === "yes"),
);
const performanceDays = preprocess(
  (v) => (v === "" || v === undefined || v === null ? undefined : v),
  z.optional(
    z.coerce
      .number({ error: "decision.errors.days" })
      .check(z.int("decision.errors.days"), z.gte(1, "decision.errors.days"), z.lte(MAX_PERFORMANCE_DAYS, "decision.errors.days")),
  ),
);

// ---------------------------------------------------------------------------------------------------------------
// Mediation inside the case.

/** T15: mediation is voluntary — the machine refuses it unless both sides are willing (Art. 5). */
export const OpenMediationFormSchema = z.object({ applicantWilling: checkbox, respondentWilling: checkbox });

/**
 * T17: the 行政复议调解书. It takes effect only once every party has signed or sealed it and the organ has sealed it
 * (Art. 73(1)); its content under Reg. Art. 50(2) is the request, facts, reasons and the result agreed (`terms`); what the
 * respondent must do and in how many days is monitored afterwards (Arts. 73, 77(1), §15.3 P1).
 */
export const MediationDocumentFormSchema = z
  .object({
    facts: optionalText,
    terms: requiredText("decision.errors.terms"),
    respondentObligations: optionalText,
    performanceDays,
    allPartiesSigned: checkbox,
    organSealed: checkbox,
  })
  .check(
    z.superRefine((v, ctx) => {
      // Arts. 73, 77(1): an obligation of the respondent is monitored against the period the document sets.
      if (v.respondentObligations && !v.performanceDays)
        ctx.addIssue({ code: "custom", path: ["performanceDays"], message: "decision.errors.daysForObligations" });
    }),
  );
export type MediationDocumentForm = z.output<typeof MediationDocumentFormSchema>;

/** T18: no agreement, or a party reneged before the document took effect: the review continues (Art. 73(2)). */
export const MediationFailedFormSchema = z.object({
  reason: z.enum(["no_agreement", "party_reneged"], { error: "decision.errors.failureReason" }),
});

export function signMediationDocumentCommand(form: MediationDocumentForm): CaseCommand {
  return {
    type: "SIGN_MEDIATION_DOCUMENT",
    allPartiesSigned: form.allPartiesSigned,
    organSealed: form.organSealed,
    respondentObligations: form.respondentObligations !== "",
    ...(form.performanceDays ? { performanceDays: form.performanceDays } : {}),
  };
}

/**
 * The fields of the 调解书 besides what the case holds (parties, request): facts and reasons (empty → the application's)
 * and the agreed result, Reg. Art. 50(2); what the respondent must do and within how many days, Arts. 73(1), 77(1).
 */
export function mediationDocumentData(form: MediationDocumentForm) {
  return {
    facts: form.facts || null,
    result: form.terms,
    respondentObligations: form.respondentObligations || null,
    performanceDays: form.performanceDays ?? null,
    allPartiesSigned: form.allPartiesSigned,
    organSealed: form.organSealed,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The draft decision.

/**
 * T27-submit: the draft (拟定的决定意见) the office submits for approval (Art. 61(1)). The decision types are those of
 * Arts. 63–69; a revocation may order the act redone within a period (Art. 64(1); none given → the statutory period or
 * 60 days, Reg. Art. 49); an order to perform sets its period (Art. 66). The state-dependent rules (Art. 66/69 only in
 * failure-to-act cases, Art. 67 only on request, Art. 70 without a reply) are the machine's and answer from there.
 */
export const DecisionDraftFormSchema = z
  .object({
    decisionType: z.enum(decisionTypes, { error: "decision.errors.type" }),
    partial: checkbox,
    redoOrdered: checkbox,
    applicantRequestedVoid: checkbox,
    thirdPartyEvidence: checkbox,
    facts: requiredText("decision.errors.facts"),
    reasoning: requiredText("decision.errors.reasoning"),
    result: requiredText("decision.errors.result"),
    respondentObligations: optionalText,
    performanceDays,
  })
  .check(
    z.superRefine((v, ctx) => {
      // Art. 64(1): 撤销或者部分撤销, and only a revocation orders the act to be redone.
      if (v.partial && v.decisionType !== "revoke") ctx.addIssue({ code: "custom", path: ["partial"], message: "decision.errors.partialOnlyRevoke" });
      if (v.redoOrdered && v.decisionType !== "revoke") ctx.addIssue({ code: "custom", path: ["redoOrdered"], message: "decision.errors.redoOnlyRevoke" });
      // Art. 66: 责令其在一定期限内履行 — the period is part of the decision.
      if (v.decisionType === "order_performance" && !v.performanceDays)
        ctx.addIssue({ code: "custom", path: ["performanceDays"], message: "decision.errors.daysForOrder" });
      // Art. 72 and Art. 77(1): an obligation laid on the respondent is monitored against a period.
      else if (v.respondentObligations && !v.performanceDays)
        ctx.addIssue({ code: "custom", path: ["performanceDays"], message: "decision.errors.daysForObligations" });
    }),
  );
export type DecisionDraftForm = z.output<typeof DecisionDraftFormSchema>;

export function submitForApprovalCommand(draft: DecisionDraftForm): CaseCommand {
  return {
    type: "SUBMIT_FOR_APPROVAL",
    decisionType: draft.decisionType,
    partial: draft.partial,
    redoOrdered: draft.redoOrdered,
    respondentObligations: draft.respondentObligations !== "",
    ...(draft.performanceDays ? { performanceDays: draft.performanceDays } : {}),
    thirdPartyEvidence: draft.thirdPartyEvidence,
    applicantRequestedVoid: draft.applicantRequestedVoid,
  };
}

/** What `decision_drafts.content` holds, and what the 行政复议决定书 shows (DOMAIN.md 9.16, §19). */
export function decisionDraftContent(draft: DecisionDraftForm) {
  return {
    decisionType: draft.decisionType,
    basis: decisionTypeBasis[draft.decisionType],
    partial: draft.partial,
    redoOrdered: draft.redoOrdered,
    facts: draft.facts,
    reasoning: draft.reasoning,
    result: draft.result,
    respondentObligations: draft.respondentObligations || null,
    performanceDays: draft.performanceDays ?? null,
    applicantRequestedVoid: draft.applicantRequestedVoid,
    thirdPartyEvidence: draft.thirdPartyEvidence,
  };
}
export type DecisionDraftContent = ReturnType<typeof decisionDraftContent>;

/** T28-return: the office head sends the draft back with the reason (Art. 61(1)). */
export const ReturnDraftFormSchema = z.object({ reason: requiredText("decision.errors.returnReason", MAX_REASON_TEXT) });

/** T28: the organ head approves, or collective discussion passes the draft (Art. 61(1), DOMAIN.md 6.24). */
export const ApproveDecisionFormSchema = z.object({
  approvedBy: z.enum(["organ_head", "collective_discussion"], { error: "decision.errors.approvedBy" }),
});

/**
 * Separation of drafting and approval. Art. 61(1) gives the proposal to the reconsideration office (机构) and the
 * approval to the organ's head or its collective discussion; it does not say in words that one person may not do both.
 * The rule is ours, an internal-control rule (不相容职责分离) that keeps the approval a second, independent look at the
 * draft: an office head who drafted a decision does not approve it — another head does, or collective discussion.
 */
export const SEPARATION_OF_DUTIES_BASIS = "《行政复议法》第六十一条第一款（拟定与审批分离，本平台内部控制规则）";

export function approvalRefusal(draft: { draftedBy: string }, approverId: string): { message: string; messageEn: string; basis: string } | null {
  if (draft.draftedBy !== approverId) return null;
  return {
    message: "您是本决定草稿的拟稿人，不能审批自己拟定的决定。请由其他负责人审批，或者提交集体讨论后由其他负责人记录。",
    messageEn: "You drafted this decision, so you cannot approve it. Another head must approve it, or record the collective discussion.",
    basis: SEPARATION_OF_DUTIES_BASIS,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Service of the decision.

/**
 * T29: the decision takes effect on service (Art. 75(2)). Service follows the CPL (Art. 88(1)): direct (Art. 87–89), post
 * (Art. 91), electronic only with the recipient's consent (Art. 90 — the machine refuses it otherwise), public notice
 * deemed served 30 days after publication (Art. 95): the date given is the service date, never a future one.
 */
export const serveMethods = ["electronic", "direct", "post", "public_notice"] as const;
export const ServeDecisionFormSchema = z.object({
  method: z.enum(serveMethods, { error: "decision.errors.serveMethod" }),
  servedOn: z.pipe(z.string({ error: "errors.dateFormat" }).check(z.trim()), z.iso.date({ error: "errors.dateFormat" })),
});
