// Deadlines as data: how the timer effects of a transition (app/domain/machines) change a case's deadline rows.
// Pure: the calendar arithmetic comes in as functions, so this file says only what the law says about running,
// pausing (suspension, Art. 39; DOMAIN.md 7.08: paused days are added back on resumption), extending (Art. 62, once,
// ≤ 30 CD) and stopping a period. "Overdue" is derived from the due date and today, never stored.
import type { Effect, IsoDate, PeriodLength, TimerKey } from "./machines/common";
import type { ExplanationStep } from "./periods";

export type DeadlineStatus = "running" | "paused" | "met" | "missed" | "cancelled";

export interface DeadlineRow {
  id?: string;
  kind: TimerKey | string;
  basis: string;
  startDate: IsoDate;
  dueDate: IsoDate;
  originalDueDate: IsoDate;
  status: DeadlineStatus;
  pausedIntervals: { from: IsoDate; to: IsoDate }[];
  pausedSince: IsoDate | null;
  extendedDays: number;
  provisional: boolean;
  explanation: unknown[];
}

/** A period as the case pages show it (app/components/deadline-list.tsx): its due date and how it was worked out. */
export interface ShownDeadline {
  kind: TimerKey | string;
  basis: string;
  startDate: IsoDate;
  dueDate: IsoDate;
  status: DeadlineStatus | string;
  provisional: boolean;
  explanation: ExplanationStep[];
}

export interface DueComputation {
  due: IsoDate;
  provisional: boolean;
  explanation: unknown[];
}

/** The calendar, as the caller provides it (app/domain/calendar.ts through the periods table). */
export interface DeadlineCalendar {
  /** The due date of `timer` counted from `from` (start day not counted), with the given length or the table's. */
  computeDue(timer: TimerKey, from: IsoDate, length?: PeriodLength): DueComputation;
  /** `date` + `days` calendar days, rolled forward to a working day when it lands on a rest day. */
  addCalendarDays(date: IsoDate, days: number): DueComputation;
  /** Calendar days from `from` to `to` (to − from). */
  daysBetween(from: IsoDate, to: IsoDate): number;
}

export type DeadlineChange =
  | { op: "insert"; row: DeadlineRow }
  | { op: "update"; id: string | undefined; kind: string; before: DeadlineRow; after: DeadlineRow };

const open = (r: DeadlineRow) => r.status === "running" || r.status === "paused";

/**
 * Applies the timer effects in order to the open deadline rows of one case. Returns the changes to persist.
 * `today` closes stopped periods as met (on time) or missed (after the due date).
 */
export function applyTimerEffectsToDeadlines(
  rows: readonly DeadlineRow[],
  effects: readonly Effect[],
  calendar: DeadlineCalendar,
  today: IsoDate,
): DeadlineChange[] {
  const current = new Map<string, DeadlineRow>();
  const originals = new Map<string, DeadlineRow>();
  for (const r of rows) if (open(r)) {
    current.set(r.kind, r);
    originals.set(r.kind, r);
  }
  const inserted: DeadlineRow[] = [];
  const updated = new Map<DeadlineRow, DeadlineRow>(); // original → latest

  const replace = (before: DeadlineRow, after: DeadlineRow) => {
    const insertedIndex = inserted.indexOf(before);
    if (insertedIndex >= 0) inserted[insertedIndex] = after;
    else {
      const origin = [...updated.entries()].find(([, latest]) => latest === before)?.[0] ?? before;
      updated.set(origin, after);
    }
    current.set(after.kind, after);
  };
  const close = (row: DeadlineRow, status: DeadlineStatus) => {
    replace(row, { ...row, status, pausedSince: null });
    current.delete(row.kind);
  };

  for (const e of effects) {
    switch (e.kind) {
      case "startTimer": {
        const existing = current.get(e.timer);
        if (existing) close(existing, "cancelled"); // a restarted period (e.g. a new 5-WD review after a supplement)
        const due = calendar.computeDue(e.timer, e.from, e.length);
        const row: DeadlineRow = {
          kind: e.timer,
          basis: e.basis,
          startDate: e.from,
          dueDate: due.due,
          originalDueDate: due.due,
          status: "running",
          pausedIntervals: [],
          pausedSince: null,
          extendedDays: 0,
          provisional: due.provisional,
          explanation: due.explanation,
        };
        inserted.push(row);
        current.set(e.timer, row);
        break;
      }
      case "stopTimer": {
        const row = current.get(e.timer);
        if (row) close(row, row.status === "running" && row.dueDate < today ? "missed" : "met");
        break;
      }
      case "pauseTimer": {
        const row = current.get(e.timer);
        if (row && row.status === "running") replace(row, { ...row, status: "paused", pausedSince: e.from });
        break;
      }
      case "resumeTimer": {
        const row = current.get(e.timer);
        if (row && row.status === "paused" && row.pausedSince) {
          const days = Math.max(0, calendar.daysBetween(row.pausedSince, e.from));
          // Resumed on the day it was paused: no time to make up, the due date stands (a period of 0 days is not a period).
          const moved = days === 0 ? { due: row.dueDate, provisional: false } : calendar.addCalendarDays(row.dueDate, days);
          replace(row, {
            ...row,
            status: "running",
            dueDate: moved.due,
            provisional: row.provisional || moved.provisional,
            pausedIntervals: [...row.pausedIntervals, { from: row.pausedSince, to: e.from }],
            pausedSince: null,
            explanation: [...row.explanation, { step: "resumed", pausedFrom: row.pausedSince, resumedOn: e.from, daysAdded: days, basis: e.basis, due: moved.due }],
          });
        }
        break;
      }
      case "extendTimer": {
        const row = current.get(e.timer);
        if (row && open(row)) {
          const moved = calendar.addCalendarDays(row.dueDate, e.days);
          replace(row, {
            ...row,
            dueDate: moved.due,
            extendedDays: row.extendedDays + e.days,
            provisional: row.provisional || moved.provisional,
            explanation: [...row.explanation, { step: "extended", days: e.days, basis: e.basis, due: moved.due }],
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return [
    ...inserted.map((row) => ({ op: "insert" as const, row })),
    ...[...updated.entries()].map(([before, after]) => ({ op: "update" as const, id: before.id, kind: before.kind, before, after })),
  ];
}

/** A running period whose due date is before today (Asia/Shanghai). The last day itself is still on time (11.04). */
export function isOverdue(row: Pick<DeadlineRow, "status" | "dueDate">, today: IsoDate): boolean {
  return row.status === "running" && row.dueDate < today;
}

/** Share of the period used, for the queue's colours and the 80 % alert (T30). */
export function elapsedShare(row: Pick<DeadlineRow, "startDate" | "dueDate">, today: IsoDate, daysBetween: (a: IsoDate, b: IsoDate) => number): number {
  const total = daysBetween(row.startDate, row.dueDate);
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, daysBetween(row.startDate, today) / total));
}

/**
 * The due date of a running or paused period computed again from its start, as the calendar and settings now stand
 * (an admin changed the holiday calendar or a setting, DOMAIN.md "Decisions": "changing one recomputes running
 * deadlines"). The length it was started with is kept (a period set by a document, or shortened, stays so); closed
 * pauses are added back (7.08) and an approved extension is added again (Art. 62).
 */
export function recomputeDueDate(row: DeadlineRow, calendar: DeadlineCalendar): DueComputation {
  const first = row.explanation[0] as { step?: string; length?: number; unit?: string } | undefined;
  const length = first?.step === "period" && typeof first.length === "number" ? first.length : undefined;
  let result = calendar.computeDue(row.kind as TimerKey, row.startDate, length ? { value: length, unit: "calendar_day" } : undefined);
  const explanation = [...result.explanation];
  let provisional = result.provisional;
  const paused = row.pausedIntervals.reduce((sum, i) => sum + Math.max(0, calendar.daysBetween(i.from, i.to)), 0);
  if (paused > 0) {
    result = calendar.addCalendarDays(result.due, paused);
    provisional ||= result.provisional;
    explanation.push({ step: "resumed", daysAdded: paused, due: result.due });
  }
  if (row.extendedDays > 0) {
    result = calendar.addCalendarDays(result.due, row.extendedDays);
    provisional ||= result.provisional;
    explanation.push({ step: "extended", days: row.extendedDays, due: result.due });
  }
  return { due: result.due, provisional, explanation };
}
