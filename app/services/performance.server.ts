// Performance follow-up (《行政复议法》第七十七条; DOMAIN.md §15.3 P1–P5) and the compliance view (issue 6 req. 9).
// The respondent's agents see the decisions and 调解书 their organ must perform, with the period and its due date, and
// report performance with files (P2, follow_up_reports kind "performance"); the organ's staff assess the report (P5 or
// P2-reject), order performance (P3, 责令履行通知书), record 约谈 / 通报批评 and refer for sanctions (P4). Office heads and
// admins count, per receiving agency and period, how opinion letters were reported on and decisions performed.
// A case of another organ does not exist for the user (404); every command runs on the version the user saw (409).
import { and, asc, desc, eq, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable, type Tx } from "../../db/client";
import { auditEvents, caseDocuments, cases, deadlines, decisionDrafts, files, followUpReports, organs, users } from "../../db/schema/index";
import { todayInShanghai } from "~/domain/calendar";
import { allowedCommands } from "~/domain/case-actions";
import type { ExplanationStep } from "~/domain/periods";
import type { CaseCommandType, CaseState, CaseStateName } from "~/domain/machines/reconsideration";
import {
  countLetter,
  countObligation,
  currentDue,
  filledAttachments,
  inPeriod,
  isAwaitingPerformance,
  isPerformanceFileField,
  obligationOf,
  orderToPerformCommand,
  performanceFileField,
  performancePeriodKinds,
  PerformanceReportFormSchema,
  readPerformanceReportForm,
  totalOf,
  type CompliancePeriod,
  type ComplianceRow,
  type CurrentDue,
  type Obligation,
  type OrderToPerformForm,
} from "~/domain/performance";
import { membershipCovers } from "~/domain/policy";
import { CASE_NUMBER_PATTERN } from "~/domain/receipt";
import type { Role } from "~/domain/roles";
import { fieldErrors } from "~/domain/application";
import { organPath, organSubtreeIds } from "./organs.server";
import type { CurrentUser } from "./session.server";
import { findHandledCase, runStaffCommand, type StaffCommandResult } from "./staff-cases.server";
import { applyCommandInTransaction, Rejected } from "./transitions.server";
import { discardUploads, removeStoredFiles, tryStoreUpload, type ReceivedFile } from "./uploads.server";

/** The roles of the compliance view: office heads and admins, for the organs their memberships cover. */
export const complianceRoles: readonly Role[] = ["office_head", "admin"];
/** The roles of the agency's performance page (the respondent's agents). */
export const performanceAgencyRoles: readonly Role[] = ["respondent_agent"];

/** The commands of the staff performance page (P2-reject, P3, P3-measure, P4, P5). */
export const staffPerformanceCommands = [
  "VERIFY_PERFORMANCE",
  "REJECT_PERFORMANCE_REPORT",
  "ORDER_TO_PERFORM",
  "RECORD_PERFORMANCE_MEASURE",
  "REFER_FOR_SANCTIONS",
] as const satisfies readonly CaseCommandType[];
export type StaffPerformanceCommand = (typeof staffPerformanceCommands)[number];

/** Documents of the follow-up: the decision or 调解书 performed, the orders, the referral. */
const followUpDocumentKinds = ["decision", "mediation_document", "order_to_perform", "sanction_referral_letter"];
/** Of these, what the respondent is served (a referral goes to the supervisory or appointing organ, not to it). */
const respondentFollowUpKinds = ["decision", "mediation_document", "order_to_perform"];

// ---------------------------------------------------------------------------------------------------------------
// The view both sides read.

export interface PerformancePeriodView {
  kind: string;
  basis: string;
  startDate: string;
  dueDate: string;
  status: string;
  provisional: boolean;
  explanation: ExplanationStep[];
}

export interface PerformanceReportView {
  id: string;
  filedAt: string;
  filedByName: string;
  summary: string;
  attachments: { description: string; fileId: string | null; fileName: string | null }[];
  /** null: not assessed yet. */
  adequate: boolean | null;
  assessmentReasons: string | null;
  assessedAt: string | null;
}

export interface PerformanceView {
  caseNumber: string;
  state: CaseStateName;
  version: number;
  organName: string;
  respondentName: string;
  /** Monitoring has begun (P1): the machine holds a performance record. */
  monitored: boolean;
  obligation: Obligation | null;
  /** What the decision or 调解书 says the respondent must do (the approved draft's or the agreed terms). */
  terms: { result: string | null; respondentObligations: string | null };
  due: CurrentDue | null;
  periods: PerformancePeriodView[];
  documents: { id: string; kind: string; number: string | null; issuedAt: string; days: number | null; measures: string[] }[];
  reports: PerformanceReportView[];
  /** 约谈 and 通报批评 recorded after the order (Art. 77(2)). */
  measures: { measure: string; heldOn: string; summary: string }[];
  ordered: boolean;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

async function organNames(q: Queryable, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await q.select({ id: organs.id, name: organs.name }).from(organs).where(inArray(organs.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function performanceRows(q: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return q
    .select({
      caseId: deadlines.caseId,
      kind: deadlines.kind,
      basis: deadlines.basis,
      startDate: deadlines.startDate,
      dueDate: deadlines.dueDate,
      status: deadlines.status,
      provisional: deadlines.provisional,
      explanation: deadlines.explanation,
      createdAt: deadlines.createdAt,
    })
    .from(deadlines)
    .where(and(inArray(deadlines.caseId, caseIds), inArray(deadlines.kind, [...performancePeriodKinds])))
    .orderBy(asc(deadlines.createdAt), asc(deadlines.id));
}

type CaseRow = {
  id: string;
  caseNumber: string | null;
  state: string;
  data: unknown;
  version: number;
  organId: string | null;
  respondentOrganId: string | null;
};

/** The performance view of a case row the caller may see; `documentKinds` limits the documents listed. */
async function buildView(q: Queryable, row: CaseRow, today: string, documentKinds: readonly string[]): Promise<PerformanceView> {
  const data = row.data as CaseState;
  const names = await organNames(q, [row.organId, row.respondentOrganId]);
  const periods = await performanceRows(q, [row.id]);
  const mediated = !data.decision && Boolean(data.mediationDocument);
  const [draft] = await q
    .select({ content: decisionDrafts.content })
    .from(decisionDrafts)
    .where(
      and(
        eq(decisionDrafts.caseId, row.id),
        eq(decisionDrafts.status, "approved"),
        mediated ? eq(decisionDrafts.decisionType, "mediation") : inArray(decisionDrafts.decisionType, ["vary", "revoke", "confirm_illegal", "order_performance", "confirm_void", "uphold", "reject_claim"]),
      ),
    )
    .orderBy(desc(decisionDrafts.submittedAt))
    .limit(1);
  const content = (draft?.content ?? {}) as Record<string, unknown>;
  const docs = await q
    .select({ id: caseDocuments.id, kind: caseDocuments.kind, number: caseDocuments.number, issuedAt: caseDocuments.issuedAt, content: caseDocuments.content })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, row.id), inArray(caseDocuments.kind, [...documentKinds])))
    .orderBy(asc(caseDocuments.issuedAt), asc(caseDocuments.id));
  return {
    caseNumber: row.caseNumber ?? "",
    state: row.state as CaseStateName,
    version: row.version,
    organName: names.get(row.organId ?? "") ?? "",
    respondentName: names.get(row.respondentOrganId ?? "") ?? "",
    monitored: Boolean(data.performance),
    obligation: obligationOf(data),
    terms: { result: str(content.result), respondentObligations: str(content.respondentObligations) },
    due: currentDue(row.state, periods.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })), today),
    periods: periods.map((p) => ({
      kind: p.kind,
      basis: p.basis,
      startDate: p.startDate,
      dueDate: p.dueDate,
      status: p.status,
      provisional: p.provisional,
      explanation: p.explanation as ExplanationStep[],
    })),
    documents: docs.map((d) => {
      const c = (d.content ?? {}) as Record<string, unknown>;
      return {
        id: d.id,
        kind: d.kind,
        number: d.number,
        issuedAt: d.issuedAt.toISOString(),
        days: typeof c.days === "number" ? c.days : null,
        measures: Array.isArray(c.measures) ? c.measures.filter((m): m is string => typeof m === "string") : [],
      };
    }),
    reports: await reportsOf(q, row.id),
    measures: (data.performance?.measures ?? []).map((m) => ({ measure: m.measure, heldOn: m.heldOn, summary: m.summary })),
    ordered: Boolean(data.performance?.ordered),
  };
}

/** The performance reports on a case, newest first, with their files. */
async function reportsOf(q: Queryable, caseId: string): Promise<PerformanceReportView[]> {
  const rows = await q
    .select({
      id: followUpReports.id,
      filedAt: followUpReports.filedAt,
      filedByName: users.displayName,
      summary: followUpReports.summary,
      attachments: followUpReports.attachments,
      adequate: followUpReports.adequate,
      assessmentReasons: followUpReports.assessmentReasons,
      assessedAt: followUpReports.assessedAt,
    })
    .from(followUpReports)
    .innerJoin(users, eq(users.id, followUpReports.filedBy))
    .where(and(eq(followUpReports.subjectId, caseId), eq(followUpReports.kind, "performance")))
    .orderBy(desc(followUpReports.filedAt), desc(followUpReports.id));
  const items = rows.flatMap((r) => (Array.isArray(r.attachments) ? (r.attachments as { fileId?: unknown }[]) : []));
  const fileIds = items.map((a) => (typeof a.fileId === "string" ? a.fileId : null)).filter((id): id is string => Boolean(id));
  const fileRows = fileIds.length
    ? await q.select({ id: files.id, originalName: files.originalName }).from(files).where(and(inArray(files.id, fileIds), eq(files.caseId, caseId)))
    : [];
  return rows.map((r) => ({
    id: r.id,
    filedAt: r.filedAt.toISOString(),
    filedByName: r.filedByName,
    summary: r.summary,
    attachments: (Array.isArray(r.attachments) ? (r.attachments as { description?: unknown; fileId?: unknown }[]) : []).map((a) => {
      const file = fileRows.find((f) => f.id === a.fileId);
      return { description: String(a.description ?? ""), fileId: file?.id ?? null, fileName: file?.originalName ?? null };
    }),
    adequate: r.adequate,
    assessmentReasons: r.assessmentReasons,
    assessedAt: r.assessedAt?.toISOString() ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// The agency side.

const agentMemberships = (user: CurrentUser) => user.memberships.filter((m) => m.role === "respondent_agent");

/** The respondent organs the user acts for: each membership's organ, and the organs below it where it says so. */
async function coveredRespondentOrgans(q: Queryable, user: CurrentUser): Promise<string[]> {
  const ms = agentMemberships(user);
  const below = await organSubtreeIds(
    q,
    ms.filter((m) => m.includeSubordinates).map((m) => m.organId),
  );
  return [...new Set([...ms.map((m) => m.organId), ...below])];
}

const caseColumns = {
  id: cases.id,
  caseNumber: cases.caseNumber,
  machine: cases.machine,
  state: cases.state,
  data: cases.data,
  version: cases.version,
  organId: cases.organId,
  respondentOrganId: cases.respondentOrganId,
};

/** The case by number, if it is against an organ the user acts for and its performance is (or was) monitored. */
async function findAgencyPerformanceCase(q: Queryable, user: CurrentUser, caseNumber: string) {
  if (!CASE_NUMBER_PATTERN.test(caseNumber) || agentMemberships(user).length === 0) return null;
  const [row] = await q.select(caseColumns).from(cases).where(eq(cases.caseNumber, caseNumber));
  if (!row || row.machine !== "reconsideration" || !row.respondentOrganId) return null;
  if (!(row.data as Partial<CaseState>).performance) return null;
  const path = await organPath(q, row.respondentOrganId);
  if (!agentMemberships(user).some((m) => membershipCovers(m, path))) return null;
  return { ...row, respondentOrganId: row.respondentOrganId };
}

export interface AgencyPerformanceRow {
  caseNumber: string;
  state: CaseStateName;
  organName: string;
  respondentName: string;
  /** "decision" (决定书) or "mediation_document" (调解书). */
  source: "decision" | "mediation_document";
  obligation: Obligation | null;
  due: CurrentDue | null;
}

/** The decisions and 调解书 the user's organs must perform (P1) or whose report awaits assessment: the nearest due first. */
export async function listAgencyPerformance(args: { user: CurrentUser; now?: Date }): Promise<AgencyPerformanceRow[]> {
  const q = getDb();
  const organIds = await coveredRespondentOrgans(q, args.user);
  if (organIds.length === 0) return [];
  const rows = await q
    .select(caseColumns)
    .from(cases)
    .where(
      and(
        eq(cases.machine, "reconsideration"),
        inArray(cases.respondentOrganId, organIds),
        inArray(cases.state, ["PERFORMANCE_MONITORING", "PERFORMANCE_REPORTED", "ORDERED_TO_PERFORM"]),
      ),
    )
    .limit(500);
  const today = todayInShanghai(args.now ?? new Date());
  const periods = await performanceRows(
    q,
    rows.map((r) => r.id),
  );
  const names = await organNames(
    q,
    rows.flatMap((r) => [r.organId, r.respondentOrganId]),
  );
  const list = rows.map((r) => {
    const data = r.data as CaseState;
    return {
      caseNumber: r.caseNumber ?? "",
      state: r.state as CaseStateName,
      organName: names.get(r.organId ?? "") ?? "",
      respondentName: names.get(r.respondentOrganId ?? "") ?? "",
      source: data.decision ? ("decision" as const) : ("mediation_document" as const),
      obligation: obligationOf(data),
      due: currentDue(
        r.state,
        periods.filter((p) => p.caseId === r.id).map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
        today,
      ),
    };
  });
  // still owed first, by due date; then those waiting for assessment
  const key = (r: AgencyPerformanceRow) => (r.due && r.due.colour ? `0${r.due.dueDate}` : `1${r.due?.dueDate ?? ""}`);
  return list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.caseNumber < b.caseNumber ? -1 : 1));
}

export interface AgencyPerformance extends PerformanceView {
  /** P2 is open to the respondent now (PERFORMANCE_MONITORING or ORDERED_TO_PERFORM). */
  canReport: boolean;
}

/** The agency's performance page of a case, or null (→ 404). */
export async function getAgencyPerformance(args: { user: CurrentUser; caseNumber: string; now?: Date }): Promise<AgencyPerformance | null> {
  const q = getDb();
  const row = await findAgencyPerformanceCase(q, args.user, args.caseNumber);
  if (!row) return null;
  const view = await buildView(q, row, todayInShanghai(args.now ?? new Date()), respondentFollowUpKinds);
  return { ...view, canReport: isAwaitingPerformance(row.state) };
}

export type ReportPerformanceResult =
  | { ok: true; state: string; version: number }
  | {
      ok: false;
      status: 400 | 404 | 409 | 413;
      code: string;
      errors?: Record<string, string>;
      formError?: string;
      message?: string;
      messageEn?: string;
      values?: Record<string, string>;
    };

class FileRefused extends Error {
  constructor(
    readonly status: 400 | 404 | 413,
    readonly error: string,
    readonly field: string,
  ) {
    super(error);
  }
}

const VersionSchema = z.string().regex(/^\d{1,9}$/).transform(Number);

/** The schema's paths as the form names its fields ("attachments.0.description" is the input attachment.0.description). */
function formFieldErrors(error: z.core.$ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [key, message] of Object.entries(fieldErrors(error))) errors[key.replace(/^attachments\.(\d+)\./, "attachment.$1.")] = message;
  return errors;
}

/**
 * P2: the respondent reports performance (Art. 77(1)) with a summary and described files. One transaction: the
 * machine's REPORT_PERFORMANCE on the version the user saw, the files (purpose "report"), the follow_up_reports row
 * (kind "performance"). Any refusal writes nothing and keeps no file.
 */
export async function reportPerformance(args: {
  user: CurrentUser;
  caseNumber: string;
  fields: FormData;
  files: ReceivedFile[];
  now?: Date;
  requestId?: string;
  dataDir?: string;
}): Promise<ReportPerformanceResult> {
  const stored: string[] = [];
  try {
    const q = getDb();
    const row = await findAgencyPerformanceCase(q, args.user, args.caseNumber);
    if (!row) return { ok: false, status: 404, code: "NOT_FOUND", formError: "performance.errors.notFound" };
    const strings: [string, string][] = [];
    for (const [k, v] of args.fields.entries()) if (typeof v === "string") strings.push([k, v]);
    const values = Object.fromEntries(strings.filter(([k]) => k !== "csrf" && k !== "version"));
    const version = VersionSchema.safeParse(args.fields.get("version"));
    const fileFields = args.files.map((f) => f.field);
    if (!version.success || fileFields.some((f) => !isPerformanceFileField(f)) || new Set(fileFields).size !== fileFields.length)
      return { ok: false, status: 400, code: "BAD_REQUEST", formError: "errors.badRequest", values };
    const parsed = PerformanceReportFormSchema.safeParse(readPerformanceReportForm(strings, fileFields));
    if (!parsed.success)
      return { ok: false, status: 400, code: "INVALID_FORM", errors: formFieldErrors(parsed.error), formError: "errors.formHasErrors", values };
    const form = parsed.data;
    const now = args.now ?? new Date();
    const result = await q.transaction(async (tx) => {
      const applied = await applyCommandInTransaction(tx, {
        caseId: row.id,
        expectedVersion: version.data,
        command: { type: "REPORT_PERFORMANCE", summary: form.summary },
        actor: { role: "respondent_agent", userId: args.user.id, relation: "respondent" },
        actorUserId: args.user.id,
        now,
        requestId: args.requestId,
      });
      const attachments: { description: string; fileId: string | null }[] = [];
      for (const item of filledAttachments(form)) {
        const field = performanceFileField(item.index);
        const received = args.files.find((f) => f.field === field);
        let fileId: string | null = null;
        if (received) {
          const r = await tryStoreUpload(tx, { ownerId: args.user.id, caseId: row.id, purpose: "report", label: item.description, received, dataDir: args.dataDir });
          if (!r.ok) throw new FileRefused(r.status, r.error, field);
          stored.push(r.file.storageName);
          fileId = r.file.id;
        }
        attachments.push({ description: item.description, fileId });
      }
      await tx.insert(followUpReports).values({
        subjectId: row.id,
        kind: "performance",
        organId: row.respondentOrganId,
        filedBy: args.user.id,
        summary: form.summary,
        attachments,
        filedAt: now,
      });
      return applied;
    });
    return { ok: true, state: result.state, version: result.version };
  } catch (error) {
    await removeStoredFiles(stored, { dataDir: args.dataDir });
    if (error instanceof FileRefused)
      return {
        ok: false,
        status: error.status === 404 ? 400 : error.status,
        code: "FILE_REFUSED",
        errors: { [error.field]: error.error },
        formError: "performance.errors.fileRefused",
      };
    if (error instanceof Rejected && !error.rejection.ok) {
      const reason = error.rejection.reason;
      const status = reason.code === "VERSION_CONFLICT" ? 409 : reason.code === "NOT_FOUND" ? 404 : 400;
      return { ok: false, status, code: reason.code, message: reason.message, messageEn: reason.messageEn };
    }
    throw error;
  } finally {
    await discardUploads(args.files);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The staff side.

export interface StaffPerformance extends PerformanceView {
  role: Role;
  /** The page's commands the machine's table allows now to this user's role. */
  available: StaffPerformanceCommand[];
}

/** The staff performance page of a case the user handles, or null (→ 404). */
export async function getStaffPerformance(args: { user: CurrentUser; caseNumber: string; now?: Date }): Promise<StaffPerformance | null> {
  const q = getDb();
  const row = await findHandledCase(q, args.user, args.caseNumber);
  if (!row) return null;
  const view = await buildView(q, row, todayInShanghai(args.now ?? new Date()), followUpDocumentKinds);
  const allowed = allowedCommands(row.state, row.role);
  return { ...view, role: row.role, available: staffPerformanceCommands.filter((c) => allowed.includes(c)) };
}

export type PerformanceCommandResult =
  | StaffCommandResult
  | { ok: false; status: 403; code: string; formError?: string; message?: string; messageEn?: string };

interface CommandArgs {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  now?: Date;
  requestId?: string;
}

async function run(
  args: CommandArgs,
  command: { type: string } & Record<string, unknown>,
  inTransaction?: (tx: Tx, caseId: string, now: Date) => Promise<void>,
): Promise<PerformanceCommandResult> {
  const result = await runStaffCommand(
    args,
    async () => command,
    inTransaction ? (tx, c, _applied, now) => inTransaction(tx, c.id, now) : undefined,
  );
  // The machine's table names the roles (only the office head orders, records measures and refers): another is forbidden.
  if (!result.ok && result.code === "ROLE_NOT_ALLOWED") return { ...result, status: 403 };
  return result;
}

/** The report awaiting assessment (the latest not yet assessed), locked for the assessment. */
async function assessReport(tx: Tx, caseId: string, user: CurrentUser, now: Date, adequate: boolean, reasons: string | null) {
  const [report] = await tx
    .select({ id: followUpReports.id })
    .from(followUpReports)
    .where(and(eq(followUpReports.subjectId, caseId), eq(followUpReports.kind, "performance"), isNull(followUpReports.adequate)))
    .orderBy(desc(followUpReports.filedAt))
    .limit(1)
    .for("update");
  if (!report) return; // a report the office recorded itself on paper has no row (the machine let it through)
  await tx
    .update(followUpReports)
    .set({ adequate, assessmentReasons: reasons, assessedBy: user.id, assessedAt: now })
    .where(eq(followUpReports.id, report.id));
}

/** P5: the report shows performance; the case closes (Art. 77(1), 79(1)). */
export function verifyPerformance(args: CommandArgs) {
  return run(args, { type: "VERIFY_PERFORMANCE" }, (tx, caseId, now) => assessReport(tx, caseId, args.user, now, true, null));
}

/** P2-reject: the report does not show performance; monitoring continues and the respondent hears why. */
export function rejectPerformanceReport(args: CommandArgs & { reason: string }) {
  return run(args, { type: "REJECT_PERFORMANCE_REPORT", reason: args.reason }, (tx, caseId, now) =>
    assessReport(tx, caseId, args.user, now, false, args.reason),
  );
}

/** P3: 责令履行通知书 with a new period (Art. 77(2)); the machine checks "overdue" against the running period. */
export function orderToPerform(args: CommandArgs & { form: OrderToPerformForm }) {
  return run(args, orderToPerformCommand(args.form));
}

/** P3-measure: an interview of the responsible heads held, or a circulated criticism issued (Art. 77(2)). */
export function recordPerformanceMeasure(args: CommandArgs & { measure: "interview" | "circulated_criticism"; heldOn: string; summary: string }) {
  return run(args, { type: "RECORD_PERFORMANCE_MEASURE", measure: args.measure, heldOn: args.heldOn, summary: args.summary });
}

/** P4: still refusing after the order's period → referral for sanctions (Arts. 83, 85). */
export function referForSanctions(args: CommandArgs & { explanation: string }) {
  return run(args, { type: "REFER_FOR_SANCTIONS", explanation: args.explanation });
}

// ---------------------------------------------------------------------------------------------------------------
// Compliance (issue 6 req. 9).

/** The organs whose letters and decisions the user may count: office_head and admin memberships (with subordinates).
 *  Also the scope of /stats (statistics.server.ts). */
export async function complianceOrgans(q: Queryable, user: CurrentUser): Promise<string[]> {
  const ms = user.memberships.filter((m) => complianceRoles.includes(m.role));
  const below = await organSubtreeIds(
    q,
    ms.filter((m) => m.includeSubordinates).map((m) => m.organId),
  );
  return [...new Set([...ms.map((m) => m.organId), ...below])];
}

export interface ComplianceReport {
  period: CompliancePeriod;
  /** The organs counted for (the user's memberships). */
  organs: string[];
  rows: ComplianceRow[];
  total: Omit<ComplianceRow, "organId" | "organName">;
}

const shanghaiDate = (d: Date) => todayInShanghai(d);
const minDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * Per receiving agency, for the letters served and the performance periods begun in `period`:
 * opinion letters issued (Art. 76) — reported on time (by the 60th day), late, overdue now (no report and its due date
 * passed), assessed inadequate; decisions and 调解书 to perform (Art. 77(1)) — performed on time, late (verified report
 * after the due date), not performed (period run out, ordered to perform or referred, nothing verified).
 * Only letters issued by, and cases of, the organs the user's office_head or admin memberships cover.
 */
export async function getCompliance(args: { user: CurrentUser; period: CompliancePeriod; now?: Date }): Promise<ComplianceReport> {
  const q = getDb();
  const today = todayInShanghai(args.now ?? new Date());
  const covered = await complianceOrgans(q, args.user);
  const byOrgan = new Map<string, ComplianceRow>();
  const rowFor = (organId: string | null, fallbackName: string) => {
    const key = organId ?? `name:${fallbackName}`;
    let r = byOrgan.get(key);
    if (!r) {
      r = { organId, organName: fallbackName, lettersIssued: 0, reportedOnTime: 0, reportedLate: 0, overdueNow: 0, inadequate: 0, obligations: 0, performedOnTime: 0, performedLate: 0, notPerformed: 0 };
      byOrgan.set(key, r);
    }
    return r;
  };
  const memberOrgans = args.user.memberships.filter((m) => complianceRoles.includes(m.role)).map((m) => m.organName);
  if (covered.length === 0) return { period: args.period, organs: [], rows: [], total: totalOf([]) };

  // ---- opinion letters (cases rows of the letter machine; the recipient organ in respondent_organ_id)
  const letters = await q
    .select({ id: cases.id, state: cases.state, data: cases.data, respondentOrganId: cases.respondentOrganId })
    .from(cases)
    .where(and(eq(cases.machine, "letter"), inArray(cases.organId, covered)));
  const opinion = letters.filter((l) => (l.data as { type?: string }).type === "opinion");
  if (opinion.length) {
    const ids = opinion.map((l) => l.id);
    const letterDeadlines = await q
      .select({ caseId: deadlines.caseId, kind: deadlines.kind, startDate: deadlines.startDate, dueDate: deadlines.dueDate, createdAt: deadlines.createdAt })
      .from(deadlines)
      .where(and(inArray(deadlines.caseId, ids), inArray(deadlines.kind, ["opinion_letter_report", "order_to_perform"])))
      .orderBy(asc(deadlines.createdAt), asc(deadlines.id));
    const reports = await q
      .select({ subjectId: followUpReports.subjectId, filedAt: followUpReports.filedAt, adequate: followUpReports.adequate })
      .from(followUpReports)
      .where(and(inArray(followUpReports.subjectId, ids), eq(followUpReports.kind, "rectification")));
    // the machine's own record of a report (L3), should a report have been recorded without its row
    const reportEvents = await q
      .select({ subjectId: auditEvents.subjectId, occurredAt: auditEvents.occurredAt })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "case"), inArray(auditEvents.subjectId, ids), eq(auditEvents.action, "letter.L3")));
    const names = await organNames(
      q,
      opinion.map((l) => l.respondentOrganId),
    );
    for (const l of opinion) {
      const own = letterDeadlines.filter((d) => d.caseId === l.id);
      const report = own.find((d) => d.kind === "opinion_letter_report");
      if (!report || !inPeriod(report.startDate, args.period)) continue;
      const order = own.filter((d) => d.kind === "order_to_perform").at(-1);
      let firstReportOn: string | null = null;
      for (const r of reports) if (r.subjectId === l.id) firstReportOn = minDate(firstReportOn, shanghaiDate(r.filedAt));
      for (const e of reportEvents) if (e.subjectId === l.id) firstReportOn = minDate(firstReportOn, shanghaiDate(e.occurredAt));
      const data = l.data as { recipient?: { name?: string }; assessment?: { adequate?: boolean } | null };
      const count = countLetter(
        {
          servedOn: report.startDate,
          reportDue: report.dueDate,
          firstReportOn,
          awaitingReport: ["ISSUED", "COPIED", "OVERDUE", "ORDERED_TO_PERFORM"].includes(l.state),
          currentDue: l.state === "ORDERED_TO_PERFORM" && order ? order.dueDate : report.dueDate,
          assessedInadequate: reports.some((r) => r.subjectId === l.id && r.adequate === false) || data.assessment?.adequate === false,
        },
        today,
      );
      const row = rowFor(l.respondentOrganId, names.get(l.respondentOrganId ?? "") ?? data.recipient?.name ?? "");
      row.lettersIssued++;
      if (count.reportedOnTime) row.reportedOnTime++;
      if (count.reportedLate) row.reportedLate++;
      if (count.overdueNow) row.overdueNow++;
      if (count.inadequate) row.inadequate++;
    }
  }

  // ---- decisions and 调解书 with obligations (P1 started a performance period)
  const periodRows = await q
    .select({
      caseId: deadlines.caseId,
      startDate: deadlines.startDate,
      dueDate: deadlines.dueDate,
      createdAt: deadlines.createdAt,
      state: cases.state,
      respondentOrganId: cases.respondentOrganId,
    })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(
      and(
        eq(cases.machine, "reconsideration"),
        inArray(cases.organId, covered),
        or(eq(deadlines.kind, "redo_act"), eq(deadlines.kind, "performance_period")),
      ),
    )
    .orderBy(asc(deadlines.createdAt), asc(deadlines.id));
  const firstPeriod = new Map<string, (typeof periodRows)[number]>();
  for (const p of periodRows) if (!firstPeriod.has(p.caseId)) firstPeriod.set(p.caseId, p);
  const obligations = [...firstPeriod.values()].filter((p) => inPeriod(p.startDate, args.period));
  if (obligations.length) {
    const ids = obligations.map((p) => p.caseId);
    const verified = await q
      .select({ subjectId: followUpReports.subjectId, filedAt: followUpReports.filedAt })
      .from(followUpReports)
      .where(and(inArray(followUpReports.subjectId, ids), eq(followUpReports.kind, "performance"), eq(followUpReports.adequate, true)));
    const names = await organNames(
      q,
      obligations.map((p) => p.respondentOrganId),
    );
    for (const p of obligations) {
      const report = verified.filter((v) => v.subjectId === p.caseId).sort((a, b) => b.filedAt.getTime() - a.filedAt.getTime())[0];
      const count = countObligation(
        { state: p.state, startOn: p.startDate, dueOn: p.dueDate, verifiedReportOn: report ? shanghaiDate(report.filedAt) : null },
        today,
      );
      const row = rowFor(p.respondentOrganId, names.get(p.respondentOrganId ?? "") ?? "");
      row.obligations++;
      if (count.performedOnTime) row.performedOnTime++;
      if (count.performedLate) row.performedLate++;
      if (count.notPerformed) row.notPerformed++;
    }
  }
  const rows = [...byOrgan.values()].sort((a, b) => a.organName.localeCompare(b.organName, "zh-CN"));
  return { period: args.period, organs: memberOrgans, rows, total: totalOf(rows) };
}
