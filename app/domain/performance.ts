// Performance follow-up after a decision or a 行政复议调解书 (《行政复议法》第七十七条; DOMAIN.md §15.3 P1–P5, 9.03, 9.05,
// 10.02, 10.03) and the compliance view of issue 6 req. 9: what the respondent must perform and by when, when it is
// overdue, the forms of the agency and staff pages, and how letters and decisions are counted per agency and period.
// Pure: no DB, no Remix. The machine (machines/reconsideration.ts) stays the authority on what may happen.
import * as z from "zod/mini";
import { preprocess } from "./preprocess";
import { periodDefinitions } from "./periods";
import { dueColour, type DueColour } from "./queue";
import { performanceMeasures, requiresPerformance, type CaseState, type CaseStateName } from "./machines/reconsideration";
import "~/locales/areas/performance";

export type IsoDate = string;

// ---------------------------------------------------------------------------------------------------------------
// The obligation and its period.

/** States of a case under performance monitoring (P1–P4); CLOSED after P5 is shown too, as history. */
export const monitoredStates = ["PERFORMANCE_MONITORING", "PERFORMANCE_REPORTED", "ORDERED_TO_PERFORM", "REFERRED"] as const satisfies readonly CaseStateName[];
/** States in which the respondent still owes performance (and may report it, P2). */
export const awaitingPerformanceStates = ["PERFORMANCE_MONITORING", "ORDERED_TO_PERFORM"] as const satisfies readonly CaseStateName[];

export const isAwaitingPerformance = (state: string): boolean => (awaitingPerformanceStates as readonly string[]).includes(state);

/** Reg. Art. 49 (DOMAIN.md 9.03): a redo ordered without a period — and none set by statute — is due in 60 days (the
 *  periods table's redo_act, which the machine's timer runs on). */
export const DEFAULT_REDO_DAYS: number = periodDefinitions.redo_act.length;

/** The deadline kinds of performance monitoring (periods table keys). */
export const performancePeriodKinds = ["redo_act", "performance_period", "order_to_perform"] as const;

export type ObligationKind = "redo" | "order_performance" | "decision_obligations" | "mediation";

export interface Obligation {
  kind: ObligationKind;
  /** The period in calendar days: set by the decision or 调解书, or the 60 days of Reg. Art. 49. */
  days: number | null;
  /** The 60 days of Reg. Art. 49 apply because the decision set no period. */
  defaultPeriod: boolean;
  /** The article the period rests on. */
  basis: string;
  /** The day the period counts from (service of the decision, Art. 75(2); the 调解书's effect, Art. 73(1)). */
  from: IsoDate | null;
}

/**
 * What the respondent must perform (Art. 77(1)): redo the revoked act (Art. 64(1): within the period the decision sets,
 * else Reg. Art. 49's 60 days), perform the duty within the set period (Art. 66), other obligations of a decision (Arts.
 * 71–72) within its period, or the terms of an effective 调解书 (Art. 73). Null when nothing is to be performed.
 */
export function obligationOf(s: Pick<CaseState, "decision" | "mediationDocument">): Obligation | null {
  const d = s.decision;
  if (d && requiresPerformance(d)) {
    if (d.type === "revoke" && d.redoOrdered) {
      return d.performanceDays
        ? { kind: "redo", days: d.performanceDays, defaultPeriod: false, basis: "《行政复议法》第六十四条第一款", from: d.servedOn }
        : { kind: "redo", days: DEFAULT_REDO_DAYS, defaultPeriod: true, basis: "《行政复议法实施条例》第四十九条", from: d.servedOn };
    }
    if (d.type === "order_performance")
      return { kind: "order_performance", days: d.performanceDays, defaultPeriod: false, basis: "《行政复议法》第六十六条", from: d.servedOn };
    return {
      kind: "decision_obligations",
      days: d.performanceDays,
      defaultPeriod: false,
      basis: "《行政复议法》第七十一条、第七十二条、第七十七条第一款",
      from: d.servedOn,
    };
  }
  const m = s.mediationDocument;
  if (m?.respondentObligations)
    return { kind: "mediation", days: m.performanceDays, defaultPeriod: false, basis: "《行政复议法》第七十三条、第七十七条第一款", from: m.effectiveOn };
  return null;
}

export interface PerformanceDeadlineRow {
  kind: string;
  startDate: IsoDate;
  dueDate: IsoDate;
  status: string;
  /** Order of creation (the service passes createdAt as an ISO instant). */
  createdAt: string;
}

export interface CurrentDue {
  kind: string;
  startDate: IsoDate;
  dueDate: IsoDate;
  /** The queue's colour (app/domain/queue.ts) while performance is owed; null once reported, referred or closed. */
  colour: DueColour | null;
  overdue: boolean;
  /** Calendar days past the due date (0 when not overdue). */
  daysOverdue: number;
}

/**
 * The date performance is due now: the latest order's period (P3, Art. 77(2)) if one was given, else the performance
 * period (P1). While the respondent still owes performance it is overdue once the date has passed — also after a
 * rejected report, when the period itself was stopped by the report (P2) but nothing was performed.
 */
export function currentDue(state: string, rows: readonly PerformanceDeadlineRow[], today: IsoDate): CurrentDue | null {
  const relevant = rows.filter((r) => (performancePeriodKinds as readonly string[]).includes(r.kind));
  if (relevant.length === 0) return null;
  const latest = [...relevant].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))[relevant.length - 1];
  const owed = isAwaitingPerformance(state);
  const colour = owed ? dueColour(latest.startDate, latest.dueDate, today) : null;
  const overdue = colour === "overdue";
  const daysOverdue = overdue ? Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${latest.dueDate}T00:00:00Z`)) / 86_400_000) : 0;
  return { kind: latest.kind, startDate: latest.startDate, dueDate: latest.dueDate, colour, overdue, daysOverdue };
}

// ---------------------------------------------------------------------------------------------------------------
// Forms. Error values are message keys (app/locales/areas/performance.ts).

/** A text the machine records (its TextSchema: at most 4,000 characters). */
export const MAX_PERFORMANCE_TEXT = 4_000;
export const MAX_PERFORMANCE_FILES = 5;
export const MAX_PERFORMANCE_ATTACHMENT = 200;
/** An order to perform (Art. 77(2)) sets a new period in calendar days: at most a year. */
export const MAX_ORDER_DAYS = 365;

const requiredText = (message: string) =>
  z.string({ error: message }).check(z.trim(), z.minLength(1, message), z.maxLength(MAX_PERFORMANCE_TEXT, "performance.errors.tooLong"));
const checkbox = z.pipe(
  z.optional(z.enum(["yes"], { error: "errors.badRequest" })),
  z.transform((v: "yes" | undefined) => v === "yes"),
);

export const performanceFileField = (i: number) => `attachment.${i}.file`;
export const performanceDescriptionField = (i: number) => `attachment.${i}.description`;
export const isPerformanceFileField = (name: string) => Array.from({ length: MAX_PERFORMANCE_FILES }, (_, i) => performanceFileField(i)).includes(name);

/** P2: the respondent's report — what it did to perform, with described files (e.g. the redone act, its 送达回证). */
export const PerformanceReportFormSchema = z
  .object({
    summary: requiredText("performance.errors.summary"),
    attachments: z
      .array(z.object({ description: z.string().check(z.trim(), z.maxLength(MAX_PERFORMANCE_ATTACHMENT, "performance.errors.tooLong")), hasFile: z.boolean() }))
      .check(z.maxLength(MAX_PERFORMANCE_FILES)),
  })
  .check(
    z.superRefine((v, ctx) => {
      // a file must say what it shows
      v.attachments.forEach((a, i) => {
        if (a.hasFile && a.description === "")
          ctx.addIssue({ code: "custom", path: ["attachments", i, "description"], message: "performance.errors.attachmentDescription" });
      });
    }),
  );
export type PerformanceReportForm = z.output<typeof PerformanceReportFormSchema>;

/** The posted fields as PerformanceReportFormSchema reads them; `fileFields` names the file inputs that carried a file. */
export function readPerformanceReportForm(fields: Iterable<[string, string]>, fileFields: readonly string[]) {
  const get = new Map<string, string>();
  for (const [k, v] of fields) if (!get.has(k)) get.set(k, v);
  return {
    summary: get.get("summary") ?? "",
    attachments: Array.from({ length: MAX_PERFORMANCE_FILES }, (_, i) => ({
      description: get.get(performanceDescriptionField(i)) ?? "",
      hasFile: fileFields.includes(performanceFileField(i)),
    })),
  };
}

/** The attachment rows that say something, with their form index (their file comes in attachment.<index>.file). */
export function filledAttachments(form: PerformanceReportForm): { index: number; description: string }[] {
  return form.attachments.flatMap((a, index) => (a.description !== "" ? [{ index, description: a.description }] : []));
}

/** P2-reject: the report does not show performance; the reasons go to the respondent. */
export const RejectReportFormSchema = z.object({ reason: requiredText("performance.errors.reason") });

/**
 * P3: 责令履行通知书 (Art. 77(2)): overdue (the machine checks that the period ran out) or unjustified delay within it,
 * the facts, a new period, and the measures the notice announces (约谈, 通报批评).
 */
export const OrderToPerformFormSchema = z.object({
  reason: z.enum(["overdue", "unjustified_delay"], { error: "performance.errors.orderReason" }),
  explanation: requiredText("performance.errors.explanation"),
  days: z.coerce
    .number({ error: "performance.errors.days" })
    .check(z.int("performance.errors.days"), z.gte(1, "performance.errors.days"), z.lte(MAX_ORDER_DAYS, "performance.errors.days")),
  interview: checkbox,
  circulated_criticism: checkbox,
});
export type OrderToPerformForm = z.output<typeof OrderToPerformFormSchema>;

export function orderToPerformCommand(f: OrderToPerformForm) {
  const measures = performanceMeasures.filter((m) => f[m]);
  return { type: "ORDER_TO_PERFORM" as const, reason: f.reason, explanation: f.explanation, days: f.days, measures };
}

/** P3-measure: the interview held or the criticism circulated, its date and what happened (Art. 77(2)). */
export const RecordMeasureFormSchema = z.object({
  measure: z.enum(performanceMeasures, { error: "performance.errors.measure" }),
  heldOn: z.iso.date({ error: "performance.errors.heldOn" }),
  summary: requiredText("performance.errors.measureSummary"),
});

/** P4: referral for sanctions (Arts. 83, 85) after the order's period passed. */
export const ReferFormSchema = z.object({ explanation: requiredText("performance.errors.referral") });

// ---------------------------------------------------------------------------------------------------------------
// Compliance (issue 6 req. 9): per receiving agency and period.

export const complianceUnits = ["month", "year"] as const;
export type ComplianceUnit = (typeof complianceUnits)[number];

const optional = <T extends z.core.$ZodType>(schema: T) => preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.optional(schema));

/** The query of /staff/compliance: a month (YYYY-MM) or a year, and the CSV format. */
export const ComplianceQuerySchema = z.object({
  unit: optional(z.enum(complianceUnits, { error: "performance.errors.unit" })),
  month: optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, "performance.errors.month"))),
  year: optional(z.string().check(z.regex(/^(19|20|21)\d{2}$/, "performance.errors.year"))),
  format: optional(z.enum(["csv"], { error: "errors.badRequest" })),
});

export interface CompliancePeriod {
  unit: ComplianceUnit;
  /** "2026" or "2026-03". */
  key: string;
  from: IsoDate;
  to: IsoDate;
}

/** The period asked for; without one, the current year (or month) of `today`. */
export function compliancePeriod(q: z.output<typeof ComplianceQuerySchema>, today: IsoDate): CompliancePeriod {
  const unit = q.unit ?? (q.month && !q.year ? "month" : "year");
  if (unit === "month") {
    const key = q.month ?? today.slice(0, 7);
    const [y, m] = key.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { unit, key, from: `${key}-01`, to: `${key}-${String(last).padStart(2, "0")}` };
  }
  const key = q.year ?? today.slice(0, 4);
  return { unit, key, from: `${key}-01-01`, to: `${key}-12-31` };
}

export const inPeriod = (date: IsoDate | null, p: CompliancePeriod): boolean => date !== null && date >= p.from && date <= p.to;

/** One opinion letter as counted: its service, report due date, first report and assessment. */
export interface LetterFacts {
  /** Service on the recipient: the report period's start (Art. 76: "自收到之日起"). */
  servedOn: IsoDate;
  /** The 60th day (Art. 76), as the deadline row has it. */
  reportDue: IsoDate;
  /** The day the first rectification report came in (null: none yet). */
  firstReportOn: IsoDate | null;
  /** The letter still waits for a report (issued, overdue, or ordered to perform after an inadequate report). */
  awaitingReport: boolean;
  /** The date the awaited report is due now: the order's period (Art. 77(2)) if one was given, else reportDue. */
  currentDue: IsoDate;
  /** Any report on it was assessed inadequate. */
  assessedInadequate: boolean;
}

export interface LetterCount {
  reportedOnTime: boolean;
  reportedLate: boolean;
  overdueNow: boolean;
  inadequate: boolean;
}

/**
 * On time: the first report came in by the 60th day (Art. 76); late: after it; overdue now: still no (new) report and
 * the date it is due has passed (Art. 77(2) then calls for an order); inadequate: a report was found not to correct.
 */
export function countLetter(f: LetterFacts, today: IsoDate): LetterCount {
  return {
    reportedOnTime: f.firstReportOn !== null && f.firstReportOn <= f.reportDue,
    reportedLate: f.firstReportOn !== null && f.firstReportOn > f.reportDue,
    overdueNow: f.awaitingReport && f.currentDue < today,
    inadequate: f.assessedInadequate,
  };
}

/** One decision or 调解书 with an obligation, as counted. */
export interface ObligationFacts {
  state: string;
  /** Start of the performance period (P1). */
  startOn: IsoDate;
  /** Its due date (the order's period does not move it: performance after it is late). */
  dueOn: IsoDate;
  /** The filing day of the report that staff verified (P5); null when none was verified. */
  verifiedReportOn: IsoDate | null;
}

export interface ObligationCount {
  performedOnTime: boolean;
  performedLate: boolean;
  notPerformed: boolean;
}

/**
 * Performed on time: the report staff verified was filed by the due date; late: after it (even within an order's new
 * period); not performed: nothing verified and the period has run out, or the respondent was ordered to perform or
 * referred for sanctions — except while a report waits for staff to assess it. The rest is still within its period.
 */
export function countObligation(f: ObligationFacts, today: IsoDate): ObligationCount {
  const verified = f.verifiedReportOn !== null;
  return {
    performedOnTime: verified && f.verifiedReportOn! <= f.dueOn,
    performedLate: verified && f.verifiedReportOn! > f.dueOn,
    notPerformed:
      !verified && f.state !== "PERFORMANCE_REPORTED" && (f.state === "ORDERED_TO_PERFORM" || f.state === "REFERRED" || f.dueOn < today),
  };
}

export interface ComplianceRow {
  organId: string | null;
  organName: string;
  lettersIssued: number;
  reportedOnTime: number;
  reportedLate: number;
  overdueNow: number;
  inadequate: number;
  obligations: number;
  performedOnTime: number;
  performedLate: number;
  notPerformed: number;
}

export const complianceNumberKeys = [
  "lettersIssued",
  "reportedOnTime",
  "reportedLate",
  "overdueNow",
  "inadequate",
  "obligations",
  "performedOnTime",
  "performedLate",
  "notPerformed",
] as const satisfies readonly (keyof ComplianceRow)[];

/** The denominator each number is a share of: letters issued, or obligations to perform. */
export const complianceDenominator: Record<(typeof complianceNumberKeys)[number], "lettersIssued" | "obligations" | null> = {
  lettersIssued: null,
  reportedOnTime: "lettersIssued",
  reportedLate: "lettersIssued",
  overdueNow: "lettersIssued",
  inadequate: "lettersIssued",
  obligations: null,
  performedOnTime: "obligations",
  performedLate: "obligations",
  notPerformed: "obligations",
};

/** The totals of all rows (the table's last line). */
export function totalOf(rows: readonly ComplianceRow[]): Omit<ComplianceRow, "organId" | "organName"> {
  const total = Object.fromEntries(complianceNumberKeys.map((k) => [k, 0])) as Record<(typeof complianceNumberKeys)[number], number>;
  for (const r of rows) for (const k of complianceNumberKeys) total[k] += r[k];
  return total;
}

// ---------------------------------------------------------------------------------------------------------------
// CSV (RFC 4180) for Excel: UTF-8 with a byte-order mark (else Excel reads Chinese as ANSI), CRLF line ends.

const BOM = "\uFEFF";

/** One field: quoted when it holds a comma, quote or line break (inner quotes doubled); a text that a spreadsheet
 *  would run as a formula (=, +, -, @ first) is prefixed with an apostrophe. */
export function csvField(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return BOM + rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
