// A reconsideration case as its organ's staff see and handle it during the acceptance review: the application, the
// running periods and the documents issued, and the outcomes of the review — a supplement notice (补正通知书, Art. 31),
// acceptance under the ordinary or simplified procedure (受理, Art. 30(1), 53), refusal (不予受理, Art. 30(2)) and
// dismissal after acceptance (驳回申请, Art. 33); deemed acceptance and abandonment are shown as such. Only
// reconsideration staff and office heads whose membership covers the case's organ see the case; to anyone else it does
// not exist.
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable, type Tx } from "../../db/client";
import { auditEvents, caseDocuments, caseParties, cases, deadlines, files, organs, serviceConsents } from "../../db/schema/index";
import {
  acceptCommand,
  deemedOutcome,
  dismissCommand,
  refuseCommand,
  type AcceptForm,
  type DeemedOutcome,
  type DismissForm,
  type RefuseForm,
} from "~/domain/acceptance";
import type { Application } from "~/domain/application";
import { todayInShanghai } from "~/domain/calendar";
import { allowedCommands } from "~/domain/case-actions";
import type { CaseCommandType, CaseState } from "~/domain/machines/reconsideration";
import type { ShownDeadline } from "~/domain/deadlines";
import type { ExplanationStep } from "~/domain/periods";
import { can, membershipCovers, permissions } from "~/domain/policy";
import type { Role } from "~/domain/roles";
import { isSingleLine, MAX_ITEM_LENGTH, type SupplementCaseFacts } from "~/domain/supplement";
import { CASE_NUMBER_PATTERN } from "~/domain/receipt";
import { competentOrganFor } from "./competence.server";
import { organPath } from "./organs.server";
import { actorOf, type CurrentUser } from "./session.server";
import { applyCommand, applyCommandInTransaction, Rejected, type ApplyResult } from "./transitions.server";

/** The roles that handle cases (policy "case:handle"): the route answers 403 to everyone else. */
export const caseHandlerRoles: readonly Role[] = permissions["case:handle"].roles;

/** Resident ID numbers show only their last 4 characters (the rest is not needed to handle the review). */
export function maskIdNumberTail(id: string): string {
  return id.length > 4 ? `${"*".repeat(id.length - 4)}${id.slice(-4)}` : "****";
}

export interface StaffCaseParty {
  role: string;
  kind: string;
  name: string;
  /** Masked: last 4 characters only. */
  idNumber: string | null;
  creditCode: string | null;
  legalRepresentative: string | null;
  sex: string | null;
  birthDate: string | null;
  address: string | null;
  phone: string | null;
  employer: string | null;
  agentType: string | null;
  organisation: string | null;
  contact: string | null;
  representative: boolean;
  powerOfAttorneyFileId: string | null;
}

export interface StaffCase {
  id: string;
  caseNumber: string;
  state: CaseState["state"];
  version: number;
  receivedAt: string | null;
  organName: string;
  respondentName: string | null;
  channel: string | null;
  electronicServiceConsent: boolean;
  supplementNoticeIssued: boolean;
  facts: SupplementCaseFacts;
  parties: StaffCaseParty[];
  act: {
    actTitle: string;
    actDocumentNumber: string | null;
    actKind: string;
    madeOn: string;
    learnedOn: string;
    informed: string;
    rightLearnedOn: string | null;
    onTheSpotPenalty: string;
    failureToAct: string;
    normativeDocument: string | null;
    compensationClaim: string | null;
  } | null;
  requests: { requests: string; factsAndReasons: string; suedInCourt: string } | null;
  lateReason: string | null;
  lastDayToApply: string | null;
  evidence: { description: string; fileId: string | null; fileName: string | null }[];
  deadlines: ShownDeadline[];
  documents: { id: string; kind: string; basis: string; issuedAt: string; servedAt: string | null; serviceMethod: string | null; items: string[] }[];
  /** The commands the user may send now (the machine's table: state and role), in the table's order. */
  commands: CaseCommandType[];
  /** Procedure chosen at acceptance (null before). */
  procedure: "ordinary" | "simplified" | null;
  hasThirdParties: boolean;
  /** Offered when the refusal form is shown: where a case outside this organ's jurisdiction belongs (Art. 30(2)). */
  competentOrganChoices: CompetentOrganChoice[];
  /** Deemed acceptance (Art. 30(3)) or deemed abandonment (Art. 31(2)), applied by the scheduler. */
  deemed: DeemedOutcome | null;
}

export interface CompetentOrganChoice {
  /** An organ id, or "external" for the organ outside the portal the rule names (a State Council department). */
  value: string;
  name: string;
  /** Derived from the respondent by the jurisdiction rule (Arts. 24–28), with its article; other organs have none. */
  basis: string | null;
}

export interface LoadedCase {
  id: string;
  version: number;
  organId: string;
  filedBy: string | null;
  role: Role;
}

/** The case by number, if it is a reconsideration case and `user` handles cases of its organ; and the role to act in. */
export async function findHandledCase(q: Queryable, user: CurrentUser, caseNumber: string) {
  if (!CASE_NUMBER_PATTERN.test(caseNumber)) return null;
  const [row] = await q
    .select({
      id: cases.id,
      machine: cases.machine,
      state: cases.state,
      data: cases.data,
      version: cases.version,
      caseNumber: cases.caseNumber,
      organId: cases.organId,
      filedBy: cases.filedBy,
      channel: cases.channel,
      receivedAt: cases.receivedAt,
      respondentOrganId: cases.respondentOrganId,
      filing: cases.filing,
      triageStatus: cases.triageStatus,
    })
    .from(cases)
    .where(eq(cases.caseNumber, caseNumber));
  if (!row || row.machine !== "reconsideration" || !row.organId) return null;
  // An item still waiting at the dispute center is the center's until a clerk routes it: the office neither sees nor
  // acts on it (a later re-routing could otherwise move a case the office had already accepted).
  if (row.triageStatus === "pending") return null;
  const path = await organPath(q, row.organId);
  if (!can(actorOf(user), "case:handle", { type: "organ", organPath: path })) return null;
  // A user holding both roles acts as the case officer; the office head's own powers come with later commands.
  const order: Role[] = ["reconsideration_staff", "office_head"];
  const role = order.find((r) => user.memberships.some((m) => m.role === r && membershipCovers(m, path)))!;
  return { ...row, organId: row.organId, role };
}

/** The case for the staff page, or null (→ 404) when it does not exist or is outside the user's organs. */
export async function getStaffCase(args: { user: CurrentUser; caseNumber: string }): Promise<StaffCase | null> {
  const q = getDb();
  const row = await findHandledCase(q, args.user, args.caseNumber);
  if (!row) return null;
  const organIds = [row.organId, ...(row.respondentOrganId ? [row.respondentOrganId] : [])];
  const organRows = await q.select({ id: organs.id, name: organs.name }).from(organs).where(inArray(organs.id, organIds));
  const organName = (id: string | null) => organRows.find((o) => o.id === id)?.name ?? null;

  const partyRows = await q
    .select({ role: caseParties.role, kind: caseParties.kind, name: caseParties.name, details: caseParties.details, position: caseParties.position })
    .from(caseParties)
    .where(eq(caseParties.caseId, row.id))
    .orderBy(asc(caseParties.role), asc(caseParties.position));
  const roleOrder = ["applicant", "representative", "agent", "third_party", "other_party"];
  partyRows.sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.position - b.position);

  const fileRows = await q.select({ id: files.id, originalName: files.originalName }).from(files).where(eq(files.caseId, row.id));
  const deadlineRows = await q
    .select({
      kind: deadlines.kind,
      basis: deadlines.basis,
      startDate: deadlines.startDate,
      dueDate: deadlines.dueDate,
      status: deadlines.status,
      provisional: deadlines.provisional,
      explanation: deadlines.explanation,
    })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, row.id), inArray(deadlines.status, ["running", "paused"])))
    .orderBy(asc(deadlines.dueDate));
  const documentRows = await q
    .select({
      id: caseDocuments.id,
      kind: caseDocuments.kind,
      basis: caseDocuments.basis,
      content: caseDocuments.content,
      issuedAt: caseDocuments.issuedAt,
      servedAt: caseDocuments.servedAt,
      serviceMethod: caseDocuments.serviceMethod,
    })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, row.id))
    .orderBy(asc(caseDocuments.issuedAt));
  const consent = row.filedBy ? await consentOf(q, row.id, row.filedBy) : false;
  const commands = allowedCommands(row.state, row.role);
  const competentOrganChoices = commands.includes("REFUSE") ? await competentOrganChoicesFor(q, row) : [];
  const eventRows = await q
    .select({ action: auditEvents.action, payload: auditEvents.payload, occurredAt: auditEvents.occurredAt })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, "case"),
        eq(auditEvents.subjectId, row.id),
        inArray(auditEvents.action, ["reconsideration.T8-deemed", "reconsideration.T6"]),
      ),
    )
    .orderBy(asc(auditEvents.id));

  const filing = (row.filing ?? {}) as { application?: Partial<Application>; lateReason?: string | null; lastDayToApply?: string | null };
  const application = filing.application;
  const data = row.data as CaseState;
  const fileName = (id: string | null | undefined) => (id ? (fileRows.find((f) => f.id === id)?.originalName ?? null) : null);
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const act = application?.act;

  return {
    id: row.id,
    caseNumber: row.caseNumber!,
    state: row.state as CaseState["state"],
    version: row.version,
    receivedAt: row.receivedAt?.toISOString() ?? null,
    organName: organName(row.organId) ?? "",
    respondentName: organName(row.respondentOrganId),
    channel: row.channel,
    electronicServiceConsent: consent,
    supplementNoticeIssued: Boolean(data.supplement?.noticeIssued),
    facts: {
      hasAgent: partyRows.some((p) => p.role === "agent"),
      failureToAct: act?.failureToAct === "yes",
      compensation: act?.compensation === "yes",
    },
    parties: partyRows.map((p) => {
      const d = (p.details ?? {}) as Record<string, unknown>;
      const id = str(d.idNumber);
      return {
        role: p.role,
        kind: p.kind,
        name: p.name,
        idNumber: id ? maskIdNumberTail(id) : null,
        creditCode: str(d.creditCode),
        legalRepresentative: str(d.legalRepresentative),
        sex: str(d.sex),
        birthDate: str(d.birthDate),
        address: str(d.address),
        phone: str(d.phone),
        employer: str(d.employer),
        agentType: p.role === "agent" ? str(d.type) : null,
        organisation: str(d.organisation),
        contact: str(d.contact),
        representative: d.representative === true,
        powerOfAttorneyFileId: str(d.powerOfAttorneyFileId),
      };
    }),
    act: act
      ? {
          actTitle: act.actTitle ?? "",
          actDocumentNumber: str(act.actDocumentNumber),
          actKind: act.actKind ?? "other",
          madeOn: act.madeOn ?? "",
          learnedOn: act.learnedOn ?? "",
          informed: act.informed ?? "",
          rightLearnedOn: str(act.rightLearnedOn),
          onTheSpotPenalty: act.onTheSpotPenalty ?? "",
          failureToAct: act.failureToAct ?? "",
          normativeDocument: act.normativeReview === "yes" ? str(act.normativeDocument) : null,
          compensationClaim: act.compensation === "yes" ? str(act.compensationClaim) : null,
        }
      : null,
    requests: application?.requests
      ? { requests: application.requests.requests, factsAndReasons: application.requests.factsAndReasons, suedInCourt: application.requests.suedInCourt }
      : null,
    lateReason: str(filing.lateReason),
    lastDayToApply: str(filing.lastDayToApply),
    evidence: (application?.evidence?.evidence ?? []).map((e) => ({ description: e.description, fileId: e.fileId ?? null, fileName: fileName(e.fileId) })),
    deadlines: deadlineRows.map((d) => ({ ...d, explanation: d.explanation as ExplanationStep[] })),
    commands,
    procedure: data.acceptedAt || data.deemedAccepted ? (data.procedure ?? "ordinary") : null,
    hasThirdParties: partyRows.some((p) => p.role === "third_party"),
    competentOrganChoices,
    deemed: deemedOutcome(row, eventRows.map((e) => ({ action: e.action, payload: e.payload, on: todayInShanghai(e.occurredAt) }))),
    documents: documentRows.map((d) => {
      const items = (d.content as { items?: unknown }).items;
      return {
        id: d.id,
        kind: d.kind,
        basis: d.basis,
        issuedAt: d.issuedAt.toISOString(),
        servedAt: d.servedAt?.toISOString() ?? null,
        serviceMethod: d.serviceMethod,
        items: Array.isArray(items) ? items.filter((i): i is string => typeof i === "string") : [],
      };
    }),
  };
}

/** Whether the case exists for `user` (an action answers 404 before it looks at the form). */
export async function staffCaseExists(args: { user: CurrentUser; caseNumber: string }): Promise<boolean> {
  return (await findHandledCase(getDb(), args.user, args.caseNumber)) !== null;
}

export async function consentOf(q: Queryable, caseId: string, userId: string): Promise<boolean> {
  const [row] = await q
    .select({ userId: serviceConsents.userId })
    .from(serviceConsents)
    .where(and(eq(serviceConsents.caseId, caseId), eq(serviceConsents.userId, userId)));
  return Boolean(row);
}

export type StaffCommandResult =
  | { ok: true; state: string; version: number }
  /** `formError` is a message key; `message`/`messageEn` the machine's or the engine's own words (Chinese, English). */
  | {
      ok: false;
      status: 400 | 404 | 409;
      code: string;
      formError?: string;
      message?: string;
      messageEn?: string;
      /** The machine guard that refused (GUARD_FAILED), and field errors (message keys) where one field is at fault. */
      guard?: string;
      errors?: Record<string, string>;
    };

export const notFound: StaffCommandResult = { ok: false, status: 404, code: "NOT_FOUND", formError: "staff.case.notFound" };

/**
 * Runs one machine command on a case the user handles, on the version the user saw (a stale version → 409 "已被他人更新").
 * Shared by every staff command service (acceptance review, procedure, decision). `inTransaction` writes the command's
 * own rows (a hearing's panel, …) in the same transaction: they exist exactly when the command went through.
 */
export async function runStaffCommand(
  args: {
    user: CurrentUser;
    caseNumber: string;
    version: number;
    now?: Date;
    requestId?: string;
    /** Rows a document issued by the command is rendered from (a mediation document's terms), written first in its transaction. */
    beforeCommand?: (tx: Tx, c: LoadedCase, now: Date) => Promise<void>;
  },
  command: (c: LoadedCase, today: string) => Promise<{ type: string } & Record<string, unknown>>,
  inTransaction?: (tx: Tx, c: LoadedCase, applied: Extract<ApplyResult, { ok: true }>, now: Date) => Promise<void>,
): Promise<StaffCommandResult> {
  const q = getDb();
  const row = await findHandledCase(q, args.user, args.caseNumber);
  if (!row) return notFound;
  const now = args.now ?? new Date();
  const c: LoadedCase = { id: row.id, version: row.version, organId: row.organId, filedBy: row.filedBy, role: row.role };
  const input = {
    caseId: row.id,
    expectedVersion: args.version,
    command: await command(c, todayInShanghai(now)),
    // Staff act for their organ; the machine asks no relation of them (DEFAULT_RELATIONS).
    actor: { role: row.role, userId: args.user.id },
    actorUserId: args.user.id,
    now,
    requestId: args.requestId,
  };
  const result: ApplyResult = inTransaction || args.beforeCommand
    ? await getDb()
        .transaction(async (tx) => {
          await args.beforeCommand?.(tx, c, now);
          const applied = await applyCommandInTransaction(tx, input);
          await inTransaction?.(tx, c, applied, now);
          return applied;
        })
        .catch((error: unknown) => {
          if (error instanceof Rejected) return error.rejection;
          throw error;
        })
    : await applyCommand(input);
  if (result.ok) return { ok: true, state: result.state, version: result.version };
  const reason = result.reason;
  const status = reason.code === "VERSION_CONFLICT" ? 409 : reason.code === "NOT_FOUND" ? 404 : 400;
  const guard = "guard" in reason && reason.guard ? { guard: reason.guard } : {};
  return { ok: false, status, code: reason.code, message: reason.message, messageEn: reason.messageEn, ...guard };
}

/** The items as the notice holds them: at least one, each one line of at most 500 characters. */
const NoticeItemsSchema = z.array(z.string().trim().min(1).max(MAX_ITEM_LENGTH).refine(isSingleLine)).min(1);

/**
 * T3: the supplement notice listing every item at once (Art. 31(1)). With the applicant's consent to electronic service
 * (CPL Art. 90) the notice reaches the portal account when issued, so it is served today and the 10 working days
 * (Art. 31(2)) start; otherwise it waits for service by other means, recorded later (T3-served).
 */
export async function issueSupplementNotice(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  items: string[];
  now?: Date;
  requestId?: string;
}): Promise<StaffCommandResult> {
  const items = NoticeItemsSchema.safeParse(args.items);
  if (!items.success) return { ok: false, status: 400, code: "INVALID_COMMAND", formError: "errors.supplementItemsRequired" };
  return runStaffCommand(args, async (c, today) => {
    const consented = c.filedBy ? await consentOf(getDb(), c.id, c.filedBy) : false;
    return { type: "ISSUE_SUPPLEMENT_NOTICE", items: items.data, ...(consented ? { servedOn: today } : {}) };
  });
}

/**
 * T8: acceptance (Art. 30(1), 36) under the procedure chosen; the simplified one on an Art. 53 basis, which the machine
 * checks (its refusal comes back as a 400 with Art. 53's words). Without a form: the ordinary procedure.
 */
export async function acceptApplication(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  form?: AcceptForm;
  now?: Date;
  requestId?: string;
}): Promise<StaffCommandResult> {
  return runStaffCommand(args, async (c) => {
    if (!args.form || args.form.procedure === "ordinary") return { type: "ACCEPT", procedure: "ordinary" };
    const [third] = await getDb()
      .select({ id: caseParties.id })
      .from(caseParties)
      .where(and(eq(caseParties.caseId, c.id), eq(caseParties.role, "third_party")))
      .limit(1);
    return acceptCommand(args.form, { hasThirdParties: Boolean(third) });
  });
}

/**
 * The organs a refusal for lack of jurisdiction may name (Art. 30(2)): first those the jurisdiction rule derives from the
 * respondent (Arts. 24–28, app/services/competence.server.ts), then every other reconsideration organ of the portal —
 * the governments and the vertical departments (Art. 27) — in the official order. This organ itself is never offered.
 */
export async function competentOrganChoicesFor(q: Queryable, row: { organId: string; respondentOrganId: string | null }): Promise<CompetentOrganChoice[]> {
  const choices: CompetentOrganChoice[] = [];
  if (row.respondentOrganId) {
    const result = (await competentOrganFor(row.respondentOrganId, q))?.result;
    if (result?.ok) {
      for (const o of [{ organ: result.organ, article: result.article }, ...result.alternatives]) {
        if (o.organ.id !== row.organId) choices.push({ value: o.organ.id, name: o.organ.name, basis: o.article });
      }
    } else if (result && "externalName" in result) {
      choices.push({ value: "external", name: result.externalName, basis: result.article });
    }
  }
  const others = await q
    .select({ id: organs.id, name: organs.name })
    .from(organs)
    .where(or(eq(organs.kind, "government"), and(eq(organs.kind, "department"), eq(organs.isVertical, true))))
    .orderBy(asc(organs.sortOrder), asc(organs.name));
  for (const o of others) {
    if (o.id !== row.organId && !choices.some((c) => c.value === o.id)) choices.push({ value: o.id, name: o.name, basis: null });
  }
  return choices;
}

/**
 * T7: refusal (不予受理决定书, Art. 30(2)) naming the failed conditions and the reasons; when jurisdiction failed, the
 * competent organ chosen from `competentOrganChoicesFor` (an unknown choice is a 400; a missing one the machine refuses).
 */
export async function refuseApplication(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  form: RefuseForm;
  now?: Date;
  requestId?: string;
}): Promise<StaffCommandResult> {
  const q = getDb();
  const row = await findHandledCase(q, args.user, args.caseNumber);
  if (!row) return notFound;
  let organName: string | null = null;
  if (args.form.conditions.includes("jurisdiction") && args.form.competentOrganId) {
    const choice = (await competentOrganChoicesFor(q, row)).find((c) => c.value === args.form.competentOrganId);
    if (!choice) {
      return { ok: false, status: 400, code: "INVALID_COMMAND", formError: "errors.formHasErrors", errors: { competentOrganId: "errors.competentOrganUnknown" } };
    }
    organName = choice.name;
  }
  const result = await runStaffCommand(args, async () => refuseCommand(args.form, organName));
  if (!result.ok && result.guard === "competent_organ_named") return { ...result, errors: { competentOrganId: "errors.competentOrganRequired" } };
  return result;
}

/** T26: dismissal after acceptance (驳回申请决定书, Art. 33): the conditions found not met, and the reasons. */
export async function dismissApplication(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  form: DismissForm;
  now?: Date;
  requestId?: string;
}): Promise<StaffCommandResult> {
  return runStaffCommand(args, async () => dismissCommand(args.form));
}
