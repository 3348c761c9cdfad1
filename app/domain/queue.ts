// The case queue of a reconsideration office (issue 5, requirement 2): the due-date colour of a row, the filters a
// GET query string may carry, and the keyset cursor of the "next page" link. Pure: no DB, no Node APIs.
import * as z from "zod/mini";
import { preprocess } from "./preprocess";
import { caseStates } from "./machines/reconsideration";
import "~/locales/areas/queue";

export type IsoDate = string;

/**
 * The colour of the next running deadline. DOMAIN.md §15 T30 alerts when 80 % of the decision period
 * (《行政复议法》第六十二条) has run, i.e. when less than 20 % is left; past the due date the case is overdue
 * (DOMAIN.md 7.11: the applicant may then complain or sue). Overdue is derived from the due date and today, never
 * stored (app/domain/deadlines.ts). The due day itself is still within the period.
 */
export const DUE_ALERT_BASIS = "《行政复议法》第六十二条; DOMAIN.md §15 T30 (80% alert)";
export const DUE_WARN_FRACTION_LEFT = 0.2;

export type DueColour = "ok" | "warn" | "overdue";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// A page of the queue puts a few distinct dates into words many times (50 rows × start, due and today): each is
// parsed once. Bounded, as the dates of a server's lifetime are not.
const dayNumbers = new Map<string, number>();

function dayNumber(d: IsoDate): number {
  let n = dayNumbers.get(d);
  if (n === undefined) {
    n = parseDayNumber(d);
    if (dayNumbers.size >= 4096) dayNumbers.clear();
    dayNumbers.set(d, n);
  }
  return n;
}

function parseDayNumber(d: IsoDate): number {
  if (!ISO_DATE.test(d)) throw new Error(`Not an ISO date: ${d}`);
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, day);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== day) throw new Error(`Not a date: ${d}`);
  return Math.round(t / 86_400_000);
}

/** Calendar days from `today` to `due` (negative when past due). */
export function daysLeft(due: IsoDate, today: IsoDate): number {
  return dayNumber(due) - dayNumber(today);
}

/** ≥ 20 % of the period from startDate to dueDate left → "ok"; less → "warn"; after the due date → "overdue". */
export function dueColour(startDate: IsoDate, dueDate: IsoDate, today: IsoDate): DueColour {
  const left = daysLeft(dueDate, today);
  if (left < 0) return "overdue";
  const length = dayNumber(dueDate) - dayNumber(startDate);
  if (length <= 0) return "warn";
  return left / length >= DUE_WARN_FRACTION_LEFT ? "ok" : "warn";
}

// ---------------------------------------------------------------------------------------------------------------
// Filters (from a GET query string: every value is a string; empty means "no filter").

export const queueProcedures = ["ordinary", "simplified"] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optional = <T extends z.core.$ZodType>(schema: T) =>
  preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v), z.optional(schema));

export const QueueFiltersSchema = z.object({
  state: optional(z.enum(caseStates, { error: "errors.queueState" })),
  procedure: optional(z.enum(queueProcedures, { error: "errors.queueProcedure" })),
  dueWithin: optional(
    z.coerce
      .number({ error: "errors.queueDueWithin" })
      .check(z.int("errors.queueDueWithin"), z.gte(0, "errors.queueDueWithin"), z.lte(366, "errors.queueDueWithin")),
  ),
  overdue: z.pipe(
    optional(z.enum(["1"], { error: "errors.queueOverdue" })),
    z.transform((v: "1" | undefined) => v === "1"),
  ),
  /** "me", "none" (unassigned) or a user id. */
  handler: optional(z.string().check(z.refine((v) => v === "me" || v === "none" || UUID.test(v), "errors.queueHandler"))),
  respondent: optional(z.string().check(z.regex(UUID, "errors.queueRespondent"))),
  category: optional(z.string().check(z.maxLength(100, "errors.queueText"))),
  channel: optional(z.string().check(z.maxLength(100, "errors.queueText"))),
  /** Case number, applicant name or act document number (substring). */
  q: optional(z.string().check(z.maxLength(100, "errors.queueText"))),
});

export type QueueFilters = z.output<typeof QueueFiltersSchema>;

export const queueFilterKeys = ["state", "procedure", "dueWithin", "overdue", "handler", "respondent", "category", "channel", "q"] as const;

/** Reads the filter keys of a query string (other keys, e.g. the cursor, are ignored). */
export function readQueueFilters(params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const k of queueFilterKeys) {
    const v = params.get(k);
    if (v !== null) raw[k] = v;
  }
  return QueueFiltersSchema.safeParse(raw);
}

/** A LIKE pattern matching `term` as a literal substring (escapes \, % and _). */
export function likeSubstring(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---------------------------------------------------------------------------------------------------------------
// Keyset cursor: the last row's (next due date or none, case id). Opaque base64url; a tampered cursor is rejected.

export interface QueueCursor {
  /** The next running deadline's due date, null when the case has none (those sort last). */
  due: IsoDate | null;
  id: string;
}

function toBase64Url(s: string): string {
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function encodeCursor(c: QueueCursor): string {
  return toBase64Url(`q1|${c.due ?? "-"}|${c.id}`);
}

/** The cursor, or null when it is not one this module produced (the route answers 400). */
export function decodeCursor(s: string): QueueCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(s)) return null;
  let text: string;
  try {
    text = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const m = /^q1\|(-|\d{4}-\d{2}-\d{2})\|([0-9a-f-]{36})$/i.exec(text);
  if (!m || !UUID.test(m[2]!)) return null;
  const due = m[1] === "-" ? null : m[1]!;
  if (due !== null) {
    try {
      dayNumber(due);
    } catch {
      return null;
    }
  }
  return { due, id: m[2]!.toLowerCase() };
}

// ---------------------------------------------------------------------------------------------------------------
// The claim button. The queue has one claim form; each unassigned row's button submits it (form="…") carrying the
// case and the version the page showed as its value, so the page does not repeat a form, a CSRF token and three
// hidden fields per row. The optimistic version check (a stale version is a 409) is unchanged.

export const CLAIM_FIELD = "claim";

export function encodeClaimTarget(caseNumber: string, version: number): string {
  return `${caseNumber}@${version}`;
}

/** The case number and version of a claim button's value; null when it is not one encodeClaimTarget produced. */
export function decodeClaimTarget(value: unknown): { caseNumber: string; version: string } | null {
  if (typeof value !== "string" || value.length > 60) return null;
  const m = /^([A-Za-z0-9-]{1,40})@(\d{1,9})$/.exec(value);
  return m ? { caseNumber: m[1]!, version: m[2]! } : null;
}
