// Opinion letters (行政复议意见书, 《行政复议法》第七十六条) and suggestion letters (行政复议建议书, 《行政复议法实施条例》
// 第五十七条第二款) through the letter machine (app/domain/machines/letter.ts): drafted by staff from a case (or, for a
// suggestion letter, without one), approved by the office head, issued with a gap-free 文号 and served, copied to the
// recipient's higher department where Art. 79(2) applies; the receiving organ reads it and reports in the agency
// workspace; staff assess the report, and an overdue or inadequate opinion letter is enforced (Art. 77(2)).
//
// A letter is a `cases` row: machine "letter", organ_id = the issuing organ, parent_case_id = the case (or null),
// respondent_organ_id = the RECIPIENT organ (so that the agency workspace and the upload rules scope by one column),
// `filing` = the drafted content { type, findings, rectification, legalBasis, draftedBy }, `data` = the machine state.
// To staff of other organs and to agents of other organs a letter does not exist (404); a wrong role is a 403.
import { and, asc, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { caseDocuments, cases, deadlines, files, followUpReports, organs, users } from "../../db/schema/index";
import { fieldErrors } from "~/domain/application";
import { todayInShanghai } from "~/domain/calendar";
import type { ShownDeadline } from "~/domain/deadlines";
import { renderDocument, type RenderedDocument } from "~/domain/documents";
import {
  actingRoleFor,
  attachmentFileField,
  availableLetterCommands,
  DraftLetterFormSchema,
  higherDepartmentCode,
  isAttachmentFileField,
  isOwnGovernmentDepartment,
  IssueLetterFormSchema,
  letterTypeBasis,
  type LetterIntent,
  MAX_REPORT_FILES,
  OrderToPerformFormSchema,
  readReportForm,
  recipientAllowed,
  recipientKindOf,
  RecordReportFormSchema,
  reportPeriodOf,
  ReportFormSchema,
  ReviewReportFormSchema,
  servedLetterStates,
  type OrganFacts,
  type RecipientKind,
} from "~/domain/letters";
import type { DocumentKey } from "~/domain/machines/common";
import { draftLetter as newLetterState, type LetterCommandType, type LetterState, type LetterStateName, type LetterType } from "~/domain/machines/letter";
import { isPeriodKey, periodDefinitions, type ExplanationStep } from "~/domain/periods";
import { membershipCovers } from "~/domain/policy";
import { dueColour, type DueColour } from "~/domain/queue";
import type { Role } from "~/domain/roles";
import { loadDeadlineRules } from "./calendar.server";
import { loadDocumentFacts } from "./document-facts.server";
import { renderedOf } from "./documents.server";
import { organPath, organSubtreeIds } from "./organs.server";
import type { CurrentUser } from "./session.server";
import { caseHandlerRoles, findHandledCase } from "./staff-cases.server";
import { applyCommandInTransaction, createProcess, Rejected } from "./transitions.server";
import { loadTemplateWording } from "./template-wording.server";
import { discardUploads, removeStoredFiles, tryStoreUpload, type ReceivedFile } from "./uploads.server";

/** Staff pages: reconsideration staff and office heads (policy "case:handle"); everyone else gets 403. */
export const letterStaffRoles: readonly Role[] = caseHandlerRoles;
/** The agency pages: respondent agents, here for the organ a letter is addressed to. */
export const letterAgencyRoles: readonly Role[] = ["respondent_agent"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAFF_ROLES: readonly Role[] = ["reconsideration_staff", "office_head"];
const LETTER_DOCUMENTS: readonly DocumentKey[] = ["opinion_letter", "suggestion_letter"];
/** Documents the receiving organ is served: the letter and an order to perform it (Art. 77(2)). */
const RECIPIENT_DOCUMENTS: readonly DocumentKey[] = ["opinion_letter", "suggestion_letter", "order_to_perform"];
const REPORT_PERIODS = ["opinion_letter_report", "suggestion_letter_reply"] as const;

export type LetterResult<T = { letterId: string; state: string; version: number }> =
  | ({ ok: true } & T)
  | {
      ok: false;
      status: 400 | 403 | 404 | 409 | 413;
      code: string;
      /** A message key; `message`/`messageEn` are the machine's own words. */
      formError?: string;
      message?: string;
      messageEn?: string;
      errors?: Record<string, string>;
      guard?: string;
    };

const notFound = { ok: false, status: 404, code: "NOT_FOUND", formError: "letters.errors.notFound" } as const;
const invalid = (errors: Record<string, string>) => ({ ok: false, status: 400, code: "INVALID_FORM", formError: "errors.formHasErrors", errors }) as const;

/** A refusal of the engine or the machine, as the pages answer it: stale 409, wrong role 403, else 400 with its words. */
function refusal(reason: { code: string; message: string; messageEn: string; guard?: string }): Extract<LetterResult, { ok: false }> {
  if (reason.code === "VERSION_CONFLICT") return { ok: false, status: 409, code: reason.code, formError: "letters.errors.stale" };
  if (reason.code === "NOT_FOUND") return notFound;
  const status = reason.code === "ROLE_NOT_ALLOWED" || reason.code === "NOT_A_PARTY" ? 403 : 400;
  return { ok: false, status, code: reason.code, message: reason.message, messageEn: reason.messageEn, ...(reason.guard ? { guard: reason.guard } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// Scope.

/** The staff roles the user holds over the organ at the end of `path`. */
function staffRolesOver(user: CurrentUser, path: readonly string[]): Role[] {
  return STAFF_ROLES.filter((r) => user.memberships.some((m) => m.role === r && membershipCovers(m, path)));
}

/** The organs whose letters the user's staff memberships cover (each organ, and those below it where it says so). */
async function staffOrganIds(q: Queryable, user: CurrentUser): Promise<string[]> {
  const ms = user.memberships.filter((m) => STAFF_ROLES.includes(m.role));
  const below = await organSubtreeIds(
    q,
    ms.filter((m) => m.includeSubordinates).map((m) => m.organId),
  );
  return [...new Set([...ms.map((m) => m.organId), ...below])];
}

/** The organs a letter may be issued by without a case: those the user is staff of directly. */
function issuingOrganIds(user: CurrentUser): string[] {
  return [...new Set(user.memberships.filter((m) => STAFF_ROLES.includes(m.role)).map((m) => m.organId))];
}

const letterColumns = {
  id: cases.id,
  machine: cases.machine,
  state: cases.state,
  data: cases.data,
  version: cases.version,
  organId: cases.organId,
  parentCaseId: cases.parentCaseId,
  respondentOrganId: cases.respondentOrganId,
  filing: cases.filing,
  createdAt: cases.createdAt,
};

/** The letter, if it is one and the user is staff of its issuing organ; with the staff roles the user holds there. */
async function findStaffLetter(q: Queryable, user: CurrentUser, letterId: string | undefined) {
  if (!letterId || !UUID.test(letterId)) return null;
  const [row] = await q.select(letterColumns).from(cases).where(eq(cases.id, letterId));
  if (!row || row.machine !== "letter" || !row.organId) return null;
  const roles = staffRolesOver(user, await organPath(q, row.organId));
  if (roles.length === 0) return null;
  return { ...row, organId: row.organId, roles };
}

/** The letter, if it was served on an organ the user acts for as respondent_agent (before service it does not exist). */
async function findAgencyLetter(q: Queryable, user: CurrentUser, letterId: string | undefined) {
  if (!letterId || !UUID.test(letterId)) return null;
  const agent = user.memberships.filter((m) => m.role === "respondent_agent");
  if (agent.length === 0) return null;
  const [row] = await q.select(letterColumns).from(cases).where(eq(cases.id, letterId));
  if (!row || row.machine !== "letter" || !row.respondentOrganId || !row.organId) return null;
  if (!servedLetterStates.includes(row.state as LetterStateName)) return null;
  const path = await organPath(q, row.respondentOrganId);
  if (!agent.some((m) => membershipCovers(m, path))) return null;
  return { ...row, organId: row.organId, respondentOrganId: row.respondentOrganId };
}

async function organNames(q: Queryable, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await q.select({ id: organs.id, name: organs.name }).from(organs).where(inArray(organs.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function organFacts(q: Queryable, id: string): Promise<(OrganFacts & { name: string }) | null> {
  const [row] = await q
    .select({ id: organs.id, code: organs.code, name: organs.name, kind: organs.kind, level: organs.level, parentId: organs.parentId })
    .from(organs)
    .where(eq(organs.id, id));
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Lists.

export interface LetterPeriod extends ShownDeadline {
  /** false for a suggestion letter's feedback period (a setting, not the law). */
  statutory: boolean;
  colour: DueColour | null;
}

export interface LetterRow {
  id: string;
  type: LetterType;
  state: LetterStateName;
  caseNumber: string | null;
  organName: string;
  recipientName: string;
  number: string | null;
  servedOn: string | null;
  copied: boolean;
  /** The running period (report, feedback or an order's), else the last one closed. */
  due: LetterPeriod | null;
  createdAt: string;
}

function shownPeriod(r: typeof deadlines.$inferSelect, today: string): LetterPeriod {
  return {
    kind: r.kind,
    basis: isPeriodKey(r.kind) ? periodDefinitions[r.kind].basis : r.basis,
    startDate: r.startDate,
    dueDate: r.dueDate,
    status: r.status,
    provisional: r.provisional,
    explanation: r.explanation as ExplanationStep[],
    statutory: isPeriodKey(r.kind) ? periodDefinitions[r.kind].statutory : true,
    colour: r.status === "running" ? dueColour(r.startDate, r.dueDate, today) : null,
  };
}

/** Per letter: its periods, the running ones first, then the latest. */
async function periodsOf(q: Queryable, ids: string[], today: string): Promise<Map<string, LetterPeriod[]>> {
  const out = new Map<string, LetterPeriod[]>();
  if (ids.length === 0) return out;
  const rows = await q.select().from(deadlines).where(inArray(deadlines.caseId, ids)).orderBy(desc(deadlines.createdAt));
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), shownPeriod(r, today)]);
  for (const [id, list] of out) out.set(id, [...list.filter((p) => p.status === "running" || p.status === "paused"), ...list.filter((p) => p.status !== "running" && p.status !== "paused")]);
  return out;
}

async function letterNumbers(q: Queryable, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .select({ caseId: caseDocuments.caseId, number: caseDocuments.number })
    .from(caseDocuments)
    .where(and(inArray(caseDocuments.caseId, ids), inArray(caseDocuments.kind, [...LETTER_DOCUMENTS])));
  return new Map(rows.map((r) => [r.caseId, r.number]));
}

async function toRows(q: Queryable, rows: Awaited<ReturnType<typeof selectLetters>>, now: Date): Promise<LetterRow[]> {
  const ids = rows.map((r) => r.id);
  const today = todayInShanghai(now);
  const [periods, numbers, names] = await Promise.all([
    periodsOf(q, ids, today),
    letterNumbers(q, ids),
    organNames(
      q,
      rows.map((r) => r.organId),
    ),
  ]);
  const parentIds = [...new Set(rows.map((r) => r.parentCaseId).filter((x): x is string => Boolean(x)))];
  const parents = parentIds.length ? await q.select({ id: cases.id, caseNumber: cases.caseNumber }).from(cases).where(inArray(cases.id, parentIds)) : [];
  return rows.map((r) => {
    const s = r.data as LetterState;
    return {
      id: r.id,
      type: s.type,
      state: r.state as LetterStateName,
      caseNumber: parents.find((p) => p.id === r.parentCaseId)?.caseNumber ?? null,
      organName: names.get(r.organId ?? "") ?? "",
      recipientName: s.recipient.name,
      number: numbers.get(r.id) ?? null,
      servedOn: s.servedOn,
      copied: s.copied,
      due: periods.get(r.id)?.[0] ?? null,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

function selectLetters(q: Queryable, where: SQL | undefined) {
  return q.select(letterColumns).from(cases).where(where).orderBy(desc(cases.createdAt)).limit(500);
}

/** The letters of the organs the user is staff of, newest first, with state, number and the period that runs. */
export async function listStaffLetters(args: { user: CurrentUser; now?: Date }): Promise<LetterRow[]> {
  const q = getDb();
  const organIds = await staffOrganIds(q, args.user);
  if (organIds.length === 0) return [];
  const rows = await selectLetters(q, and(eq(cases.machine, "letter"), inArray(cases.organId, organIds)));
  return toRows(q, rows, args.now ?? new Date());
}

/** The letters served on the organs the user acts for as respondent_agent. */
export async function listAgencyLetters(args: { user: CurrentUser; now?: Date }): Promise<LetterRow[]> {
  const q = getDb();
  const ms = args.user.memberships.filter((m) => m.role === "respondent_agent");
  if (ms.length === 0) return [];
  const below = await organSubtreeIds(
    q,
    ms.filter((m) => m.includeSubordinates).map((m) => m.organId),
  );
  const organIds = [...new Set([...ms.map((m) => m.organId), ...below])];
  const rows = await selectLetters(
    q,
    and(eq(cases.machine, "letter"), inArray(cases.respondentOrganId, organIds), inArray(cases.state, [...servedLetterStates])),
  );
  return toRows(q, rows, args.now ?? new Date());
}

// ---------------------------------------------------------------------------------------------------------------
// Drafting.

export interface RecipientChoice {
  id: string;
  name: string;
  kind: RecipientKind;
}

/**
 * Who a letter of the organ may go to: the respondent of the case (if any) first, then the governments and departments
 * below the organ (Art. 76 "其他下级行政机关"; for a suggestion letter the "relevant organs" of Reg. Art. 57(2)).
 */
async function recipientChoices(q: Queryable, issuingOrganId: string, respondentId: string | null): Promise<RecipientChoice[]> {
  const below = (await organSubtreeIds(q, [issuingOrganId])).filter((id) => id !== issuingOrganId);
  const rows = below.length
    ? await q
        .select({ id: organs.id, name: organs.name })
        .from(organs)
        .where(and(inArray(organs.id, below), inArray(organs.kind, ["government", "department"])))
        .orderBy(asc(organs.sortOrder))
    : [];
  const choices: RecipientChoice[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: recipientKindOf({ recipientId: r.id, respondentId, belowIssuingOrgan: true }),
  }));
  if (respondentId) {
    const i = choices.findIndex((c) => c.id === respondentId);
    if (i >= 0) choices.unshift(...choices.splice(i, 1));
    else {
      const [r] = await q.select({ id: organs.id, name: organs.name }).from(organs).where(eq(organs.id, respondentId));
      if (r) choices.unshift({ id: r.id, name: r.name, kind: "respondent" });
    }
  }
  return choices;
}

export interface CaseLettersPage {
  caseNumber: string;
  organName: string;
  respondentName: string | null;
  recipients: RecipientChoice[];
  letters: LetterRow[];
}

/** The letters page of a case the user handles (null → 404): its letters and what a new one may be addressed to. */
export async function getCaseLettersPage(args: { user: CurrentUser; caseNumber: string; now?: Date }): Promise<CaseLettersPage | null> {
  const q = getDb();
  const row = await findHandledCase(q, args.user, args.caseNumber);
  if (!row) return null;
  const names = await organNames(q, [row.organId, row.respondentOrganId]);
  const letters = await selectLetters(q, and(eq(cases.machine, "letter"), eq(cases.parentCaseId, row.id)));
  return {
    caseNumber: row.caseNumber!,
    organName: names.get(row.organId) ?? "",
    respondentName: row.respondentOrganId ? (names.get(row.respondentOrganId) ?? null) : null,
    recipients: await recipientChoices(q, row.organId, row.respondentOrganId),
    letters: await toRows(q, letters, args.now ?? new Date()),
  };
}

export interface LettersIndexPage {
  letters: LetterRow[];
  /** Organs the user may issue a suggestion letter for without a case. */
  organs: { id: string; name: string; recipients: RecipientChoice[] }[];
}

export async function getLettersIndex(args: { user: CurrentUser; now?: Date }): Promise<LettersIndexPage> {
  const q = getDb();
  const ids = issuingOrganIds(args.user);
  const names = await organNames(q, ids);
  return {
    letters: await listStaffLetters(args),
    organs: await Promise.all(ids.map(async (id) => ({ id, name: names.get(id) ?? "", recipients: await recipientChoices(q, id, null) }))),
  };
}

/** Whether the case exists for the user (an action answers 404 before it reads the form). */
export async function caseForLettersExists(args: { user: CurrentUser; caseNumber: string }): Promise<boolean> {
  return (await findHandledCase(getDb(), args.user, args.caseNumber)) !== null;
}

/**
 * Drafts a letter (DRAFT, DOMAIN.md §18): from a case (`caseNumber`), or — a suggestion letter only — without one.
 * The recipient must be one of `recipientChoices`; an opinion letter to an own working department needs the higher
 * department the copy goes to (Art. 79(2)), found in the organ tree where the portal knows it. Bad input writes nothing.
 */
export async function draftLetter(args: {
  user: CurrentUser;
  caseNumber: string | null;
  form: Record<string, string>;
  now?: Date;
  requestId?: string;
}): Promise<LetterResult<{ letterId: string }>> {
  const q = getDb();
  const handled = args.caseNumber !== null ? await findHandledCase(q, args.user, args.caseNumber) : null;
  if (args.caseNumber !== null && !handled) return notFound;
  const parsed = DraftLetterFormSchema.safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const form = parsed.data;
  let issuingOrganId: string;
  if (handled) issuingOrganId = handled.organId;
  else {
    // Art. 76: an opinion letter arises while handling a case; without one only a suggestion letter (Reg. Art. 57(2)).
    if (form.type === "opinion") return invalid({ type: "letters.errors.opinionNeedsCase" });
    const own = issuingOrganIds(args.user);
    const chosen = form.organId ?? (own.length === 1 ? own[0] : undefined);
    if (!chosen || !own.includes(chosen)) return invalid({ organId: "letters.errors.organ" });
    issuingOrganId = chosen;
  }
  const respondentId = handled?.respondentOrganId ?? null;
  const choice = (await recipientChoices(q, issuingOrganId, respondentId)).find((c) => c.id === form.recipientOrganId);
  if (!choice) return invalid({ recipientOrganId: "letters.errors.recipient" });
  if (!recipientAllowed(form.type, choice.kind)) return invalid({ recipientOrganId: "letters.errors.recipientNotLower" });

  const issuing = (await organFacts(q, issuingOrganId))!;
  const recipient = (await organFacts(q, choice.id))!;
  const own = isOwnGovernmentDepartment(recipient, issuing);
  let higher = form.higherDepartment;
  if (own && !higher) {
    const parent = issuing.parentId ? await organFacts(q, issuing.parentId) : null;
    const code = higherDepartmentCode(recipient.code, issuing, parent?.code ?? null);
    if (code) higher = (await q.select({ name: organs.name }).from(organs).where(eq(organs.code, code)))[0]?.name ?? null;
  }
  if (own && form.type === "opinion" && !higher) return invalid({ higherDepartment: "letters.errors.higherDepartment" });

  const now = args.now ?? new Date();
  const state = newLetterState({
    type: form.type,
    caseId: handled?.id,
    recipient: { name: recipient.name, kind: choice.kind, isOwnGovernmentDepartment: own, higherDepartment: own ? higher : null },
  });
  const letterId = await q.transaction(async (tx) => {
    const { caseId } = await createProcess(
      { machine: "letter", data: state as unknown as { state: string; version: number }, organId: issuingOrganId, parentCaseId: handled?.id ?? null },
      { actorId: args.user.id, now, requestId: args.requestId, q: tx },
    );
    await tx
      .update(cases)
      .set({
        respondentOrganId: recipient.id,
        filing: { type: form.type, findings: form.findings, rectification: form.rectification, legalBasis: form.legalBasis, draftedBy: args.user.id, draftedAt: now.toISOString() },
      })
      .where(eq(cases.id, caseId));
    return caseId;
  });
  return { ok: true, letterId };
}

// ---------------------------------------------------------------------------------------------------------------
// The letter as staff see it, and its commands.

export interface LetterReport {
  id: string;
  summary: string;
  filedAt: string;
  filedByName: string;
  organName: string;
  attachments: { description: string; fileId: string | null; fileName: string | null }[];
  adequate: boolean | null;
  assessmentReasons: string | null;
  assessedAt: string | null;
  assessedByName: string | null;
}

export interface LetterDocument {
  id: string;
  kind: string;
  title: string | null;
  number: string | null;
  basis: string;
  issuedAt: string;
}

export interface StaffLetter {
  id: string;
  type: LetterType;
  typeBasis: string;
  state: LetterStateName;
  version: number;
  caseNumber: string | null;
  organName: string;
  recipientName: string;
  recipientKind: RecipientKind;
  ownGovernmentDepartment: boolean;
  higherDepartment: string | null;
  copied: boolean;
  servedOn: string | null;
  content: { findings: string; rectification: string; legalBasis: string };
  draftedByName: string | null;
  number: string | null;
  documents: LetterDocument[];
  periods: LetterPeriod[];
  /** The report period as it will run: its length and whether it is statutory (shown before service). */
  reportPeriod: { key: string; days: number; statutory: boolean; basis: string };
  reports: LetterReport[];
  assessment: LetterState["assessment"];
  outcome: LetterState["outcome"];
  roles: Role[];
  /** What the user may do now (the machine's table, the user's roles). */
  available: LetterCommandType[];
  /** The text as it will be issued (before ISSUE), rendered from the draft without a number. */
  preview: RenderedDocument | null;
}

async function reportsOf(q: Queryable, letterId: string, organId?: string): Promise<LetterReport[]> {
  const filer = users;
  const rows = await q
    .select({
      id: followUpReports.id,
      summary: followUpReports.summary,
      filedAt: followUpReports.filedAt,
      filedByName: filer.displayName,
      organName: organs.name,
      attachments: followUpReports.attachments,
      adequate: followUpReports.adequate,
      assessmentReasons: followUpReports.assessmentReasons,
      assessedAt: followUpReports.assessedAt,
      assessedBy: followUpReports.assessedBy,
    })
    .from(followUpReports)
    .innerJoin(filer, eq(filer.id, followUpReports.filedBy))
    .innerJoin(organs, eq(organs.id, followUpReports.organId))
    .where(
      and(eq(followUpReports.subjectId, letterId), eq(followUpReports.kind, "rectification"), ...(organId ? [eq(followUpReports.organId, organId)] : [])),
    )
    .orderBy(asc(followUpReports.filedAt));
  const assessorIds = rows.map((r) => r.assessedBy).filter((x): x is string => Boolean(x));
  const assessors = assessorIds.length ? await q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, assessorIds)) : [];
  const items = rows.flatMap((r) => (Array.isArray(r.attachments) ? (r.attachments as { description?: unknown; fileId?: unknown }[]) : []));
  const fileIds = items.map((a) => (typeof a.fileId === "string" ? a.fileId : null)).filter((x): x is string => Boolean(x));
  const fileRows = fileIds.length
    ? await q
        .select({ id: files.id, originalName: files.originalName })
        .from(files)
        .where(and(inArray(files.id, fileIds), eq(files.caseId, letterId)))
    : [];
  return rows.map((r) => ({
    id: r.id,
    summary: r.summary,
    filedAt: r.filedAt.toISOString(),
    filedByName: r.filedByName,
    organName: r.organName,
    attachments: (Array.isArray(r.attachments) ? (r.attachments as { description?: unknown; fileId?: unknown }[]) : []).map((a) => {
      const file = fileRows.find((f) => f.id === a.fileId);
      return { description: String(a.description ?? ""), fileId: file?.id ?? null, fileName: file?.originalName ?? null };
    }),
    adequate: r.adequate,
    assessmentReasons: r.assessmentReasons,
    assessedAt: r.assessedAt?.toISOString() ?? null,
    assessedByName: assessors.find((a) => a.id === r.assessedBy)?.name ?? null,
  }));
}

async function documentsOf(q: Queryable, letterId: string, kinds?: readonly DocumentKey[]): Promise<LetterDocument[]> {
  const rows = await q
    .select({
      id: caseDocuments.id,
      kind: caseDocuments.kind,
      title: caseDocuments.title,
      number: caseDocuments.number,
      basis: caseDocuments.basis,
      issuedAt: caseDocuments.issuedAt,
    })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, letterId), ...(kinds ? [inArray(caseDocuments.kind, [...kinds])] : [])))
    .orderBy(asc(caseDocuments.issuedAt));
  return rows.map((d) => ({ ...d, issuedAt: d.issuedAt.toISOString() }));
}

const contentOf = (filing: unknown) => {
  const f = (filing ?? {}) as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  return { findings: s(f.findings), rectification: s(f.rectification), legalBasis: s(f.legalBasis), draftedBy: typeof f.draftedBy === "string" ? f.draftedBy : null };
};

function reportPeriodFacts(type: LetterType, settingsDays: number) {
  const { key, statutory } = reportPeriodOf(type);
  const def = periodDefinitions[key];
  return { key, days: typeof def.length === "number" ? def.length : settingsDays, statutory, basis: def.basis };
}

/** The letter page for staff of the issuing organ (null → 404). */
export async function getStaffLetter(args: { user: CurrentUser; letterId: string | undefined; now?: Date }): Promise<StaffLetter | null> {
  const q = getDb();
  const row = await findStaffLetter(q, args.user, args.letterId);
  if (!row) return null;
  const now = args.now ?? new Date();
  const s = row.data as LetterState;
  const content = contentOf(row.filing);
  const [names, parent, drafter, documents, periods, reports] = await Promise.all([
    organNames(q, [row.organId]),
    row.parentCaseId ? q.select({ caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, row.parentCaseId)) : Promise.resolve([]),
    content.draftedBy ? q.select({ name: users.displayName }).from(users).where(eq(users.id, content.draftedBy)) : Promise.resolve([]),
    documentsOf(q, row.id),
    periodsOf(q, [row.id], todayInShanghai(now)),
    reportsOf(q, row.id),
  ]);
  const { settings } = await loadDeadlineRules(q);
  let preview: RenderedDocument | null = null;
  if (s.state === "DRAFT" || s.state === "APPROVED") {
    const kind: DocumentKey = s.type === "opinion" ? "opinion_letter" : "suggestion_letter";
    const facts = await loadDocumentFacts(q, { caseId: row.id, kind, data: {}, basis: letterTypeBasis[s.type], number: null, now });
    preview = renderDocument(kind, facts, await loadTemplateWording(q, kind));
  }
  return {
    id: row.id,
    type: s.type,
    typeBasis: letterTypeBasis[s.type],
    state: s.state,
    version: row.version,
    caseNumber: (parent[0] as { caseNumber: string | null } | undefined)?.caseNumber ?? null,
    organName: names.get(row.organId) ?? "",
    recipientName: s.recipient.name,
    recipientKind: s.recipient.kind,
    ownGovernmentDepartment: s.recipient.isOwnGovernmentDepartment,
    higherDepartment: s.recipient.higherDepartment,
    copied: s.copied,
    servedOn: s.servedOn,
    content: { findings: content.findings, rectification: content.rectification, legalBasis: content.legalBasis },
    draftedByName: (drafter[0] as { name: string } | undefined)?.name ?? null,
    number: documents.find((d) => LETTER_DOCUMENTS.includes(d.kind as DocumentKey))?.number ?? null,
    documents,
    periods: periods.get(row.id) ?? [],
    reportPeriod: reportPeriodFacts(s.type, settings.suggestionReplyDays),
    reports,
    assessment: s.assessment,
    outcome: s.outcome,
    roles: row.roles,
    available: availableLetterCommands(s.state, row.roles),
    preview,
  };
}

/** Whether the letter exists for the user as staff (an action answers 404 before it reads the form). */
export async function staffLetterExists(args: { user: CurrentUser; letterId: string | undefined }): Promise<boolean> {
  return (await findStaffLetter(getDb(), args.user, args.letterId)) !== null;
}

const intentCommand: Record<LetterIntent, LetterCommandType> = {
  approve: "APPROVE",
  issue: "ISSUE",
  record_report: "SUBMIT_REPORT",
  review: "REVIEW_REPORT",
  order: "ORDER_TO_PERFORM",
  close: "CLOSE",
};

type Command = { type: LetterCommandType } & Record<string, unknown>;

/** The command of an intent from its form, or the form's field errors. */
function commandOf(intent: LetterIntent, form: Record<string, string | string[]>): { ok: true; command: Command } | { ok: false; errors: Record<string, string> } {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const strings = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, one(v)]));
  const bad = (error: Parameters<typeof fieldErrors>[0]) => ({ ok: false as const, errors: fieldErrors(error) });
  const ok = (command: Command) => ({ ok: true as const, command });
  switch (intent) {
    case "approve":
    case "close":
      return ok({ type: intentCommand[intent] });
    case "issue": {
      const f = IssueLetterFormSchema.safeParse(strings);
      return f.success ? ok({ type: "ISSUE", servedOn: f.data.servedOn }) : bad(f.error);
    }
    case "record_report": {
      const f = RecordReportFormSchema.safeParse(strings);
      return f.success ? ok({ type: "SUBMIT_REPORT", summary: f.data.summary }) : bad(f.error);
    }
    case "review": {
      const f = ReviewReportFormSchema.safeParse(strings);
      return f.success ? ok({ type: "REVIEW_REPORT", adequate: f.data.adequate === "yes", ...(f.data.reasons ? { reasons: f.data.reasons } : {}) }) : bad(f.error);
    }
    case "order": {
      const measures = form.measures === undefined ? [] : Array.isArray(form.measures) ? form.measures : [form.measures];
      const f = OrderToPerformFormSchema.safeParse({ days: strings.days, measures });
      return f.success ? ok({ type: "ORDER_TO_PERFORM", days: f.data.days, measures: f.data.measures }) : bad(f.error);
    }
  }
}

/**
 * One staff command on a letter, on the version the user saw: APPROVE (office head), ISSUE with the service date (the
 * 文号 and the report period from that date, Art. 76), SUBMIT_REPORT of a report received on paper, REVIEW_REPORT
 * (the report row's assessment is written in the same transaction), ORDER_TO_PERFORM (Art. 77(2)), CLOSE.
 */
export async function runLetterCommand(args: {
  user: CurrentUser;
  letterId: string | undefined;
  version: number;
  intent: LetterIntent;
  form: Record<string, string | string[]>;
  now?: Date;
  requestId?: string;
}): Promise<LetterResult> {
  const q = getDb();
  const row = await findStaffLetter(q, args.user, args.letterId);
  if (!row) return notFound;
  const read = commandOf(args.intent, args.form);
  if (!read.ok) return invalid(read.errors);
  const command = read.command;
  const now = args.now ?? new Date();
  const role = actingRoleFor(row.state as LetterStateName, command.type, row.roles);
  try {
    const applied = await q.transaction(async (tx) => {
      const result = await applyCommandInTransaction(tx, {
        caseId: row.id,
        expectedVersion: args.version,
        command,
        actor: { role, userId: args.user.id },
        actorUserId: args.user.id,
        now,
        requestId: args.requestId,
      });
      if (args.intent === "record_report") {
        await tx.insert(followUpReports).values({
          subjectId: row.id,
          kind: "rectification",
          organId: row.respondentOrganId!,
          filedBy: args.user.id,
          summary: command.summary as string,
          attachments: [],
          filedAt: now,
        });
      }
      if (args.intent === "review") {
        // the report under review: the latest one not yet assessed (REPORT_RECEIVED follows exactly one new report)
        const [report] = await tx
          .select({ id: followUpReports.id })
          .from(followUpReports)
          .where(and(eq(followUpReports.subjectId, row.id), eq(followUpReports.kind, "rectification"), isNull(followUpReports.assessedAt)))
          .orderBy(desc(followUpReports.filedAt))
          .limit(1);
        if (report)
          await tx
            .update(followUpReports)
            .set({ adequate: command.adequate as boolean, assessmentReasons: (command.reasons as string | undefined) ?? null, assessedBy: args.user.id, assessedAt: now })
            .where(eq(followUpReports.id, report.id));
      }
      return result;
    });
    return { ok: true, letterId: row.id, state: applied.state, version: applied.version };
  } catch (error) {
    if (error instanceof Rejected && !error.rejection.ok) return refusal(error.rejection.reason);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Documents of a letter (printable).

export interface LetterDocumentPage extends LetterDocument {
  letterId: string;
  contentHash: string | null;
  document: RenderedDocument | null;
}

/** One issued document of a letter, for staff of the issuing organ (null → 404). */
export async function getStaffLetterDocument(args: { user: CurrentUser; letterId: string | undefined; documentId: string | undefined }): Promise<LetterDocumentPage | null> {
  if (!args.documentId || !UUID.test(args.documentId)) return null;
  const q = getDb();
  const row = await findStaffLetter(q, args.user, args.letterId);
  if (!row) return null;
  const [doc] = await q
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.id, args.documentId), eq(caseDocuments.caseId, row.id)));
  if (!doc) return null;
  return {
    id: doc.id,
    letterId: row.id,
    kind: doc.kind,
    title: doc.title,
    number: doc.number,
    basis: doc.basis,
    issuedAt: doc.issuedAt.toISOString(),
    contentHash: doc.contentHash,
    document: renderedOf(doc.content),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The receiving organ (agency workspace).

export interface AgencyLetter {
  id: string;
  type: LetterType;
  typeBasis: string;
  state: LetterStateName;
  version: number;
  organName: string;
  recipientName: string;
  caseNumber: string | null;
  number: string | null;
  servedOn: string | null;
  /** The letter and any order to perform, as issued. */
  documents: (LetterDocument & { document: RenderedDocument | null })[];
  periods: LetterPeriod[];
  reports: LetterReport[];
  /** The last assessment (an inadequate one with its reasons). */
  assessment: LetterState["assessment"];
  canReport: boolean;
}

export async function getAgencyLetter(args: { user: CurrentUser; letterId: string | undefined; now?: Date }): Promise<AgencyLetter | null> {
  const q = getDb();
  const row = await findAgencyLetter(q, args.user, args.letterId);
  if (!row) return null;
  const now = args.now ?? new Date();
  const s = row.data as LetterState;
  const [names, parent, periods, reports, docs] = await Promise.all([
    organNames(q, [row.organId]),
    row.parentCaseId ? q.select({ caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, row.parentCaseId)) : Promise.resolve([]),
    periodsOf(q, [row.id], todayInShanghai(now)),
    reportsOf(q, row.id, row.respondentOrganId),
    q
      .select({
        id: caseDocuments.id,
        kind: caseDocuments.kind,
        title: caseDocuments.title,
        number: caseDocuments.number,
        basis: caseDocuments.basis,
        issuedAt: caseDocuments.issuedAt,
        content: caseDocuments.content,
      })
      .from(caseDocuments)
      .where(and(eq(caseDocuments.caseId, row.id), inArray(caseDocuments.kind, [...RECIPIENT_DOCUMENTS])))
      .orderBy(asc(caseDocuments.issuedAt)),
  ]);
  return {
    id: row.id,
    type: s.type,
    typeBasis: letterTypeBasis[s.type],
    state: s.state,
    version: row.version,
    organName: names.get(row.organId) ?? "",
    recipientName: s.recipient.name,
    caseNumber: (parent[0] as { caseNumber: string | null } | undefined)?.caseNumber ?? null,
    number: docs.find((d) => LETTER_DOCUMENTS.includes(d.kind as DocumentKey))?.number ?? null,
    servedOn: s.servedOn,
    documents: docs.map(({ content, ...d }) => ({ ...d, issuedAt: d.issuedAt.toISOString(), document: renderedOf(content) })),
    periods: periods.get(row.id) ?? [],
    reports,
    assessment: s.assessment,
    canReport: availableLetterCommands(s.state, ["respondent_agent"]).includes("SUBMIT_REPORT"),
  };
}

/** Whether the letter exists for the agent (an action answers 404 before it reads the form). */
export async function agencyLetterExists(args: { user: CurrentUser; letterId: string | undefined }): Promise<boolean> {
  return (await findAgencyLetter(getDb(), args.user, args.letterId)) !== null;
}

class FileRefused extends Error {
  constructor(
    readonly status: 400 | 404 | 413,
    readonly error: string,
    readonly field: string,
  ) {
    super(error);
  }
}

/**
 * The receiving organ's report (Art. 76: 纠正情况; a suggestion letter's feedback) with its files (purpose "report"),
 * in one transaction with the machine's SUBMIT_REPORT on the version the agent saw: a stale version is a 409, a refused
 * file or bad input a 400/413, and a refusal writes nothing and keeps no file.
 */
export async function fileLetterReport(args: {
  user: CurrentUser;
  letterId: string | undefined;
  fields: FormData;
  files: ReceivedFile[];
  now?: Date;
  requestId?: string;
  dataDir?: string;
}): Promise<LetterResult & { values?: Record<string, string> }> {
  const stored: string[] = [];
  try {
    const q = getDb();
    const row = await findAgencyLetter(q, args.user, args.letterId);
    if (!row) return notFound;
    const strings: [string, string][] = [];
    for (const [k, v] of args.fields.entries()) if (typeof v === "string") strings.push([k, v]);
    const values = Object.fromEntries(strings.filter(([k]) => k !== "csrf" && k !== "version"));
    const versionText = args.fields.get("version");
    const version = typeof versionText === "string" && /^\d{1,9}$/.test(versionText) ? Number(versionText) : null;
    const fileFields = args.files.map((f) => f.field);
    if (version === null || fileFields.some((f) => !isAttachmentFileField(f)) || new Set(fileFields).size !== fileFields.length)
      return { ok: false, status: 400, code: "BAD_REQUEST", formError: "errors.badRequest", values };
    const parsed = ReportFormSchema.safeParse(readReportForm(strings, fileFields));
    if (!parsed.success) return { ...invalid(fieldErrors(parsed.error)), values };
    const form = parsed.data;
    const now = args.now ?? new Date();
    const applied = await q.transaction(async (tx) => {
      const result = await applyCommandInTransaction(tx, {
        caseId: row.id,
        expectedVersion: version,
        command: { type: "SUBMIT_REPORT", summary: form.summary },
        actor: { role: "respondent_agent", userId: args.user.id, relation: "recipient" },
        actorUserId: args.user.id,
        now,
        requestId: args.requestId,
      });
      const attachments: { description: string; fileId: string | null }[] = [];
      for (let i = 0; i < MAX_REPORT_FILES; i++) {
        const description = form.attachments[i]?.description ?? "";
        if (description === "") continue;
        const field = attachmentFileField(i);
        const received = args.files.find((f) => f.field === field);
        let fileId: string | null = null;
        if (received) {
          const r = await tryStoreUpload(tx, { ownerId: args.user.id, caseId: row.id, purpose: "report", label: description, received, dataDir: args.dataDir });
          if (!r.ok) throw new FileRefused(r.status, r.error, field);
          stored.push(r.file.storageName);
          fileId = r.file.id;
        }
        attachments.push({ description, fileId });
      }
      await tx.insert(followUpReports).values({
        subjectId: row.id,
        kind: "rectification",
        organId: row.respondentOrganId,
        filedBy: args.user.id,
        summary: form.summary,
        attachments,
        filedAt: now,
      });
      return result;
    });
    return { ok: true, letterId: row.id, state: applied.state, version: applied.version };
  } catch (error) {
    await removeStoredFiles(stored, { dataDir: args.dataDir });
    if (error instanceof FileRefused)
      return { ok: false, status: error.status === 404 ? 400 : error.status, code: "FILE_REFUSED", errors: { [error.field]: error.error }, formError: "letters.errors.fileRefused" };
    if (error instanceof Rejected && !error.rejection.ok) return refusal(error.rejection.reason);
    throw error;
  } finally {
    await discardUploads(args.files);
  }
}
