// Automatic assignment of a reconsideration case to a handler (issue 5 req. 2, after VA Caseflow's distribution) and
// the deadline reminder stages (req. 8). Pure: the caller supplies the office's people, their leave, the case's
// recorded conflicts and the open-case counts; the result names the choice and why each person was or was not chosen.
import * as z from "zod/mini";
import { isValidIsoDate } from "./calendar";
import { dueColour, type IsoDate } from "./queue";
import { caseStates, caseTransitions, type CaseStateName } from "./machines/reconsideration";
import { membershipCovers, type Membership } from "./policy";
import "~/locales/areas/team";

/**
 * A case is final when the reconsideration machine has no transition that moves it anywhere else (no staff work is
 * left: ABANDONED, NOT_ACCEPTED, CLOSED). Derived from the transition table so the two never disagree.
 */
export const finalCaseStates: readonly CaseStateName[] = caseStates.filter(
  (s) => !caseTransitions.some((row) => row.from.includes(s) && row.to !== "unchanged" && row.to.some((to) => to !== s)),
);

/** Open cases count toward a handler's workload: every case not in a final state. */
export function isOpenCaseState(state: string): boolean {
  return !(finalCaseStates as readonly string[]).includes(state);
}

/**
 * Who may assign automatically: the head of the case's reconsideration office (行政复议机构负责人), the same power as
 * manual assignment in the queue. Assigning the handler is internal organisation of the office, not a statutory act;
 * the law names no rule for it, so this is a platform rule.
 */
export const ASSIGN_BASIS = "本平台规则：案件承办人由行政复议机构负责人分配（参照 VA Caseflow 的自动分案）";

export function canAssign(memberships: readonly Membership[], organPath: readonly string[]): boolean {
  return memberships.some((m) => m.role === "office_head" && membershipCovers(m, organPath));
}

/**
 * A recorded conflict of interest (回避) keeps a person off a case. DOMAIN.md states no avoidance rule for
 * reconsideration staff (its only recusal item, 6.23 for committee members, is UNVERIFIED), so this is a platform
 * rule: a person with a recorded conflict is never chosen automatically for that case.
 */
export const CONFLICT_BASIS = "本平台规则：已登记回避事由的人员不承办该案件（DOMAIN.md 未载明行政复议人员回避规则；6.23 委员回避规则未核实）";

export interface LeavePeriod {
  fromDate: IsoDate;
  toDate: IsoDate;
}

export interface AssignmentCandidate {
  userId: string;
  displayName: string;
  /** Cases this person handles that are not in a final state (finalCaseStates). */
  openCases: number;
  leave: readonly LeavePeriod[];
  /** The recorded conflict's reason on this case, or null. */
  conflictReason: string | null;
}

export type CandidateOutcome = "chosen" | "on_leave" | "conflict" | "more_cases" | "tie_order";

export interface CandidateExplanation {
  userId: string;
  displayName: string;
  openCases: number;
  outcome: CandidateOutcome;
  /** on_leave: the leave period covering today; conflict: the recorded reason. */
  leave?: LeavePeriod;
  conflictReason?: string;
}

export type AssignmentChoice =
  | { ok: true; userId: string; explanation: CandidateExplanation[] }
  | { ok: false; reason: "no_staff" | "none_available"; explanation: CandidateExplanation[] };

export function leaveOn(leave: readonly LeavePeriod[], today: IsoDate): LeavePeriod | undefined {
  // ISO dates compare as strings.
  return leave.find((l) => l.fromDate <= today && today <= l.toDate);
}

/** The stable tie order: display name by code point, then user id (never the database's row order). */
export function compareCandidates(a: Pick<AssignmentCandidate, "displayName" | "userId">, b: Pick<AssignmentCandidate, "displayName" | "userId">): number {
  if (a.displayName !== b.displayName) return a.displayName < b.displayName ? -1 : 1;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

/**
 * Chooses the handler: skip people on leave today and people with a recorded conflict on the case, then the fewest
 * open cases, ties broken by compareCandidates. The explanation lists every candidate in the stable order.
 */
export function chooseHandler(args: { candidates: readonly AssignmentCandidate[]; today: IsoDate }): AssignmentChoice {
  const sorted = [...args.candidates].sort(compareCandidates);
  if (sorted.length === 0) return { ok: false, reason: "no_staff", explanation: [] };
  const available = sorted.filter((c) => !c.conflictReason && !leaveOn(c.leave, args.today));
  const fewest = available.length > 0 ? Math.min(...available.map((c) => c.openCases)) : null;
  const chosen = available.find((c) => c.openCases === fewest);
  const explanation = sorted.map((c): CandidateExplanation => {
    const base = { userId: c.userId, displayName: c.displayName, openCases: c.openCases };
    if (c.conflictReason) return { ...base, outcome: "conflict", conflictReason: c.conflictReason };
    const leave = leaveOn(c.leave, args.today);
    if (leave) return { ...base, outcome: "on_leave", leave: { fromDate: leave.fromDate, toDate: leave.toDate } };
    if (c === chosen) return { ...base, outcome: "chosen" };
    return { ...base, outcome: c.openCases === fewest ? "tie_order" : "more_cases" };
  });
  if (!chosen) return { ok: false, reason: "none_available", explanation };
  return { ok: true, userId: chosen.userId, explanation };
}

// ---------------------------------------------------------------------------------------------------------------
// Deadline reminders (req. 8). DOMAIN.md §15 T30: alert at 80 % of the decision period (《行政复议法》第六十二条) and
// when it is overdue. The stage is the queue's due colour (app/domain/queue.ts dueColour, < 20 % left = warn), so
// the reminder and the colour on /staff/queue always agree.

export const REMINDER_BASIS = "《行政复议法》第六十二条; DOMAIN.md §15 T30 (80% / 100% alert)";

export type ReminderStage = "80" | "overdue";

/** "80" once less than 20 % of the period is left, "overdue" after the due date, null before. */
export function reminderStage(startDate: IsoDate, dueDate: IsoDate, today: IsoDate): ReminderStage | null {
  const colour = dueColour(startDate, dueDate, today);
  return colour === "ok" ? null : colour === "warn" ? "80" : "overdue";
}

/** The idempotency key of a reminder: one per deadline and stage (and per user, by the unique index). */
export function reminderDedupeKey(deadlineId: string, stage: ReminderStage): string {
  return `deadline:${deadlineId}:${stage}`;
}

export const reminderKinds = { "80": "deadline_80", overdue: "deadline_overdue" } as const satisfies Record<ReminderStage, string>;

// ---------------------------------------------------------------------------------------------------------------
// Forms of /staff/team (leave, conflicts). Error messages are message keys of the "team" area.

const isoDay = z.string({ error: "team.errors.date" }).check(
  z.trim(),
  z.refine((v) => isValidIsoDate(v) && v >= "2000-01-01" && v <= "2099-12-31", "team.errors.date"),
);
const uuid = z.uuid({ error: "team.errors.person" });

export const LeaveFormSchema = z
  .object({
    userId: uuid,
    fromDate: isoDay,
    toDate: isoDay,
    note: z._default(z.optional(z.string().check(z.trim(), z.maxLength(200, "team.errors.note"))), ""),
  })
  .check(z.refine((v) => v.fromDate <= v.toDate, { path: ["toDate"], message: "team.errors.range" }));

export const ConflictFormSchema = z.object({
  caseNumber: z.string().check(z.trim(), z.minLength(1, "team.errors.caseNumber"), z.maxLength(40, "team.errors.caseNumber")),
  userId: uuid,
  reason: z.string().check(z.trim(), z.minLength(1, "team.errors.reason"), z.maxLength(500, "team.errors.reason")),
});

export const RemoveFormSchema = z.object({ id: z.uuid({ error: "errors.badRequest" }) });
