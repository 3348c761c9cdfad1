// The end of a reconsideration case as its organ's staff handle it: mediation inside the case leading to a 行政复议调解书
// (Art. 73), and the decision — drafted by the office, returned or approved by the office head (Art. 61(1)), served
// (Art. 75). Every command goes through runStaffCommand on the version the user saw; the rows a command writes (the
// draft, the document's text) are written in the command's own transaction, so they exist exactly when it went through.
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { getDb, type Tx } from "../../db/client";
import { caseDocuments, decisionDrafts, users } from "../../db/schema/index";
import {
  approvalRefusal,
  availableDecisionCommands,
  decisionDraftContent,
  mediationDocumentData,
  signMediationDocumentCommand,
  submitForApprovalCommand,
  type DecisionDraftContent,
  type DecisionDraftForm,
  type DecisionPageCommand,
  type MediationDocumentForm,
} from "~/domain/decision-draft";
import type { CaseState, CaseStateName } from "~/domain/machines/reconsideration";
import type { Role } from "~/domain/roles";
import type { CurrentUser } from "./session.server";
import { findHandledCase, runStaffCommand, type StaffCommandResult } from "./staff-cases.server";
import { Rejected } from "./transitions.server";

export interface DecisionDraftView {
  id: string;
  status: "pending" | "returned" | "approved";
  decisionType: string;
  content: Partial<DecisionDraftContent> & { returnReason?: string };
  draftedByName: string;
  draftedByMe: boolean;
  submittedAt: string;
  decidedAt: string | null;
}

export interface DecisionCase {
  caseNumber: string;
  state: CaseStateName;
  version: number;
  role: Role;
  /** The page's commands the machine allows now to this user's role. */
  available: DecisionPageCommand[];
  /** The applicant consented to electronic service (CPL Art. 90): the machine's own record. */
  electronicServiceConsent: boolean;
  failureToAct: boolean;
  noReply: boolean;
  decision: CaseState["decision"];
  mediationDocument: CaseState["mediationDocument"];
  /** Newest first. */
  drafts: DecisionDraftView[];
  /** The 行政复议决定书 and 调解书 issued on the case (frozen documents, Art. 75, 73), oldest first. */
  issuedDocuments: { id: string; kind: string; number: string | null; issuedAt: string; servedAt: string | null }[];
}

/** The case for the mediation-and-decision page, or null (→ 404) when it does not exist or is outside the user's organs. */
export async function getDecisionCase(args: { user: CurrentUser; caseNumber: string }): Promise<DecisionCase | null> {
  const q = getDb();
  const row = await findHandledCase(q, args.user, args.caseNumber);
  if (!row) return null;
  const data = row.data as CaseState;
  const state = row.state as CaseStateName;
  const draftRows = await q
    .select({
      id: decisionDrafts.id,
      status: decisionDrafts.status,
      decisionType: decisionDrafts.decisionType,
      content: decisionDrafts.content,
      draftedBy: decisionDrafts.draftedBy,
      draftedByName: users.displayName,
      submittedAt: decisionDrafts.submittedAt,
      decidedAt: decisionDrafts.decidedAt,
    })
    .from(decisionDrafts)
    .innerJoin(users, eq(users.id, decisionDrafts.draftedBy))
    .where(and(eq(decisionDrafts.caseId, row.id), ne(decisionDrafts.decisionType, MEDIATION_DRAFT_TYPE)))
    .orderBy(desc(decisionDrafts.submittedAt), asc(decisionDrafts.id));
  const issued = await q
    .select({ id: caseDocuments.id, kind: caseDocuments.kind, number: caseDocuments.number, issuedAt: caseDocuments.issuedAt, servedAt: caseDocuments.servedAt })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, row.id), inArray(caseDocuments.kind, ["decision", "mediation_document"])))
    .orderBy(asc(caseDocuments.issuedAt), asc(caseDocuments.id));
  return {
    caseNumber: row.caseNumber!,
    state,
    version: row.version,
    role: row.role,
    available: availableDecisionCommands(state, row.role),
    issuedDocuments: issued.map((d) => ({ ...d, issuedAt: d.issuedAt.toISOString(), servedAt: d.servedAt?.toISOString() ?? null })),
    electronicServiceConsent: Boolean(data.electronicServiceConsent),
    failureToAct: Boolean(data.act?.failureToAct),
    noReply: Boolean(data.flags?.noReply),
    decision: data.decision ?? null,
    mediationDocument: data.mediationDocument ?? null,
    drafts: draftRows.map((d) => ({
      id: d.id,
      status: d.status as DecisionDraftView["status"],
      decisionType: d.decisionType,
      content: d.content as DecisionDraftView["content"],
      draftedByName: d.draftedByName,
      draftedByMe: d.draftedBy === args.user.id,
      submittedAt: d.submittedAt.toISOString(),
      decidedAt: d.decidedAt?.toISOString() ?? null,
    })),
  };
}

/** A refused command: the staff command's answers, and 403 for a role the table does not name or a drafter approving. */
export type DecisionCommandResult =
  | StaffCommandResult
  | { ok: false; status: 403; code: string; formError?: string; message?: string; messageEn?: string };

interface CommandArgs {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  now?: Date;
  requestId?: string;
}

/** The `decision_type` of the row that holds a mediation document's agreed terms (not a decision draft). */
export const MEDIATION_DRAFT_TYPE = "mediation";

type InTransaction = (tx: Tx, caseId: string, now: Date) => Promise<void>;

type BeforeCommand = (tx: Tx, c: { id: string }, now: Date) => Promise<void>;

async function run(
  args: CommandArgs & { beforeCommand?: BeforeCommand },
  command: { type: string } & Record<string, unknown>,
  inTransaction?: InTransaction,
): Promise<DecisionCommandResult> {
  const result = await runStaffCommand(
    args,
    async () => command,
    inTransaction ? (tx, c, _applied, now) => inTransaction(tx, c.id, now) : undefined,
  );
  // The machine's table names the roles of each command (e.g. only the office head approves): another role is forbidden.
  if (!result.ok && result.code === "ROLE_NOT_ALLOWED") return { ...result, status: 403 };
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Mediation inside the case (Arts. 5, 73).

/** T15: both sides willing (Art. 5); the machine refuses otherwise. */
export function openMediation(args: CommandArgs & { applicantWilling: boolean; respondentWilling: boolean }) {
  return run(args, { type: "OPEN_MEDIATION", applicantWilling: args.applicantWilling, respondentWilling: args.respondentWilling });
}

/**
 * T17: the 调解书 takes effect when all parties signed and the organ sealed it (Art. 73(1)). Its agreed result (Reg. Art.
 * 50(2)) is written first, as a `decision_drafts` row of type "mediation", in the command's transaction: the document
 * issued by the command is rendered from the case's latest draft row (document-facts.server.ts), so it carries the terms.
 */
export function signMediationDocument(args: CommandArgs & { form: MediationDocumentForm }) {
  const writeTerms: BeforeCommand = async (tx, c, now) => {
    await tx.insert(decisionDrafts).values({
      caseId: c.id,
      draftedBy: args.user.id,
      decisionType: MEDIATION_DRAFT_TYPE,
      content: mediationDocumentData(args.form),
      submittedAt: now,
      status: "approved",
      decidedBy: args.user.id,
      decidedAt: now,
    });
  };
  return run({ ...args, beforeCommand: writeTerms }, signMediationDocumentCommand(args.form));
}

/** T18: no agreement, or a party reneged before the document took effect: the review continues (Art. 73(2)). */
export function recordMediationFailure(args: CommandArgs & { reason: "no_agreement" | "party_reneged" }) {
  return run(args, { type: "MEDIATION_FAILED", reason: args.reason });
}

// ---------------------------------------------------------------------------------------------------------------
// The decision (Arts. 61, 63–75).

/** T27: the review is complete; the office drafts (the machine checks views heard, hearing, committee). */
export function startDrafting(args: CommandArgs) {
  return run(args, { type: "START_DRAFTING" });
}

/** T27-submit: the draft goes to the office head; the draft row, with its drafter, is written with the command. */
export function submitDraftForApproval(args: CommandArgs & { draft: DecisionDraftForm }) {
  return run(args, submitForApprovalCommand(args.draft), async (tx, caseId, now) => {
    await tx.insert(decisionDrafts).values({
      caseId,
      draftedBy: args.user.id,
      decisionType: args.draft.decisionType,
      content: decisionDraftContent(args.draft),
      submittedAt: now,
      status: "pending",
    });
  });
}

async function pendingDraft(tx: Tx, caseId: string) {
  const [draft] = await tx
    .select({ id: decisionDrafts.id, draftedBy: decisionDrafts.draftedBy, content: decisionDrafts.content })
    .from(decisionDrafts)
    .where(and(eq(decisionDrafts.caseId, caseId), eq(decisionDrafts.status, "pending"), ne(decisionDrafts.decisionType, MEDIATION_DRAFT_TYPE)))
    .orderBy(desc(decisionDrafts.submittedAt))
    .limit(1)
    .for("update");
  if (!draft) {
    throw new Rejected({
      ok: false,
      reason: {
        code: "GUARD_FAILED",
        guard: "draft_pending",
        message: "没有待审批的决定草稿，请承办人重新提交决定草稿。",
        messageEn: "There is no draft waiting for approval; the case officer must submit the draft again.",
      },
    });
  }
  return draft;
}

/** T28-return: the office head sends the draft back with the reason (kept with the draft for the drafter). */
export function returnDraft(args: CommandArgs & { reason: string }) {
  return run(args, { type: "RETURN_DRAFT", reason: args.reason }, async (tx, caseId, now) => {
    const draft = await pendingDraft(tx, caseId);
    await tx
      .update(decisionDrafts)
      .set({ status: "returned", decidedBy: args.user.id, decidedAt: now, content: { ...(draft.content as Record<string, unknown>), returnReason: args.reason } })
      .where(eq(decisionDrafts.id, draft.id));
  });
}

/**
 * T28: the office head records the approval by the organ head or by collective discussion (Art. 61(1)). The approved
 * draft is the case's latest draft row, from which the 行政复议决定书 issued by this command is rendered
 * (document-facts.server.ts). An office head cannot approve a draft they drafted (decision-draft.ts, separation of
 * drafting and approval): refused with 403, nothing written — the machine's issuance, its 文号 included, rolls back.
 */
export async function approveDecision(args: CommandArgs & { approvedBy: "organ_head" | "collective_discussion" }): Promise<DecisionCommandResult> {
  let refusal = null as ReturnType<typeof approvalRefusal>;
  const result = await run(args, { type: "APPROVE_DECISION", approvedBy: args.approvedBy }, async (tx, caseId, now) => {
    const draft = await pendingDraft(tx, caseId);
    refusal = approvalRefusal(draft, args.user.id);
    if (refusal) throw new Rejected({ ok: false, reason: { code: "GUARD_FAILED", guard: "separation_of_duties", ...refusal } });
    await tx.update(decisionDrafts).set({ status: "approved", decidedBy: args.user.id, decidedAt: now }).where(eq(decisionDrafts.id, draft.id));
  });
  if (refusal) return { ok: false, status: 403, code: "SEPARATION_OF_DUTIES", message: refusal.message, messageEn: refusal.messageEn };
  return result;
}

/**
 * T29: service makes the decision effective (Art. 75(2)); electronic service only with the applicant's consent (CPL
 * Art. 90, the machine refuses otherwise). The 送达回证 of each recipient is recorded on the document's own page
 * (documents.server.ts recordService); a decision served electronically was recorded when it was issued.
 */
export function serveDecision(args: CommandArgs & { method: "electronic" | "direct" | "post" | "public_notice"; servedOn: string }) {
  return run(args, { type: "SERVE_DECISION", method: args.method, servedOn: args.servedOn });
}
