// Deadline rows under the timer effects: start, stop (met / missed), pause and resume (suspension adds the paused
// days back, DOMAIN.md 7.08, Art. 39), extension (Art. 62), restart. A small calendar with calendar days only keeps
// the expected dates easy to check by hand; the real calendar is tested in calendar.test.ts.
import { describe, expect, it } from "vitest";
import { applyTimerEffectsToDeadlines, isOverdue, type DeadlineCalendar, type DeadlineRow } from "~/domain/deadlines";
import type { Effect } from "~/domain/machines/common";

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const lengths: Record<string, number> = { decision: 60, acceptance_review: 5, respondent_reply: 10 };
const calendar: DeadlineCalendar = {
  computeDue: (timer, from, length) => ({ due: addDays(from, length?.value ?? lengths[timer]), provisional: false, explanation: [] }),
  addCalendarDays: (d, n) => ({ due: addDays(d, n), provisional: false, explanation: [] }),
  daysBetween,
};

function run(rows: DeadlineRow[], effects: Effect[], today = "2026-03-01") {
  return applyTimerEffectsToDeadlines(rows, effects, calendar, today);
}

const decisionRow = (over: Partial<DeadlineRow> = {}): DeadlineRow => ({
  id: "d1",
  kind: "decision",
  basis: "《行政复议法》第六十二条",
  startDate: "2026-03-02",
  dueDate: "2026-05-01",
  originalDueDate: "2026-05-01",
  status: "running",
  pausedIntervals: [],
  pausedSince: null,
  extendedDays: 0,
  provisional: false,
  explanation: [],
  ...over,
});

describe("timer effects on deadline rows", () => {
  it("startTimer inserts a running row due `length` after the start (start day not counted, 11.03)", () => {
    const [change] = run([], [{ kind: "startTimer", timer: "decision", from: "2026-03-02", basis: "《行政复议法》第六十二条" }]);
    expect(change).toMatchObject({ op: "insert", row: { kind: "decision", startDate: "2026-03-02", dueDate: "2026-05-01", status: "running" } });
  });
  it("a restarted period cancels the running one (a new 5-WD review after a supplement, 3.08)", () => {
    const review = decisionRow({ id: "r1", kind: "acceptance_review", startDate: "2026-03-02", dueDate: "2026-03-07", originalDueDate: "2026-03-07" });
    const changes = run([review], [{ kind: "startTimer", timer: "acceptance_review", from: "2026-03-20", basis: "3.08" }]);
    expect(changes.find((c) => c.op === "update")).toMatchObject({ id: "r1", after: { status: "cancelled" } });
    expect(changes.find((c) => c.op === "insert")).toMatchObject({ row: { dueDate: "2026-03-25", status: "running" } });
  });
  it("stopTimer closes a period as met on or before its last day, missed after it", () => {
    expect(run([decisionRow()], [{ kind: "stopTimer", timer: "decision" }], "2026-05-01")[0]).toMatchObject({ after: { status: "met" } });
    expect(run([decisionRow()], [{ kind: "stopTimer", timer: "decision" }], "2026-05-02")[0]).toMatchObject({ after: { status: "missed" } });
  });
  it("suspension pauses the decision period and resumption adds the paused days back (Art. 39, 7.08)", () => {
    const [paused] = run([decisionRow()], [{ kind: "pauseTimer", timer: "decision", from: "2026-03-10", basis: "《行政复议法》第三十九条" }]);
    expect(paused).toMatchObject({ op: "update", after: { status: "paused", pausedSince: "2026-03-10" } });
    const pausedRow = (paused as { after: DeadlineRow }).after;
    const [resumed] = run([pausedRow], [{ kind: "resumeTimer", timer: "decision", from: "2026-03-30", basis: "《行政复议法》第三十九条" }]);
    // 20 days paused (03-10 → 03-30): 05-01 + 20 = 05-21
    expect(resumed).toMatchObject({ after: { status: "running", dueDate: "2026-05-21", originalDueDate: "2026-05-01", pausedIntervals: [{ from: "2026-03-10", to: "2026-03-30" }] } });
  });
  it("a suspension resumed on the day it began adds no days and keeps the due date (Art. 39, 7.08)", () => {
    const [paused] = run([decisionRow()], [{ kind: "pauseTimer", timer: "decision", from: "2026-03-10", basis: "《行政复议法》第三十九条" }]);
    const pausedRow = (paused as { after: DeadlineRow }).after;
    const [resumed] = run([pausedRow], [{ kind: "resumeTimer", timer: "decision", from: "2026-03-10", basis: "《行政复议法》第四十条" }]);
    expect(resumed).toMatchObject({ after: { status: "running", dueDate: "2026-05-01", pausedIntervals: [{ from: "2026-03-10", to: "2026-03-10" }] } });
  });
  it("an approved extension moves the due date by its days and records them (Art. 62, ≤ 30 CD)", () => {
    const [ext] = run([decisionRow()], [{ kind: "extendTimer", timer: "decision", days: 30, unit: "calendar_day", basis: "《行政复议法》第六十二条" }]);
    expect(ext).toMatchObject({ after: { dueDate: "2026-05-31", extendedDays: 30 } });
  });
  it("effects in one transition apply in order to the same row (pause then stop)", () => {
    const changes = run([decisionRow()], [
      { kind: "pauseTimer", timer: "decision", from: "2026-03-10", basis: "x" },
      { kind: "stopTimer", timer: "decision" },
    ]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ op: "update", id: "d1", after: { status: "met", pausedSince: null } });
  });
  it("effects on timers that are not running change nothing", () => {
    expect(run([], [{ kind: "stopTimer", timer: "decision" }, { kind: "resumeTimer", timer: "decision", from: "2026-03-01", basis: "x" }])).toEqual([]);
  });
  it("overdue is derived: the last day itself is still on time (Civil Code Art. 203)", () => {
    expect(isOverdue(decisionRow(), "2026-05-01")).toBe(false);
    expect(isOverdue(decisionRow(), "2026-05-02")).toBe(true);
    expect(isOverdue(decisionRow({ status: "paused" }), "2026-06-01")).toBe(false);
  });
});
