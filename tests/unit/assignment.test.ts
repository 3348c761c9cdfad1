// Automatic assignment and deadline reminders (app/domain/assignment.ts): balancing by open cases, leave and
// conflict (回避, a platform rule) skips, the explanation, the stable tie order, final states from the machine, and
// the 80 % / overdue reminder stage (《行政复议法》第六十二条, DOMAIN.md §15 T30) agreeing with the queue colour.
import { describe, expect, it } from "vitest";
import {
  ASSIGN_BASIS,
  canAssign,
  chooseHandler,
  CONFLICT_BASIS,
  ConflictFormSchema,
  finalCaseStates,
  isOpenCaseState,
  LeaveFormSchema,
  REMINDER_BASIS,
  reminderDedupeKey,
  reminderStage,
  type AssignmentCandidate,
} from "~/domain/assignment";
import { addCalendarDays } from "~/domain/calendar";
import { dueColour } from "~/domain/queue";

const TODAY = "2026-12-01";
const person = (userId: string, displayName: string, openCases: number, extra: Partial<AssignmentCandidate> = {}): AssignmentCandidate => ({
  userId,
  displayName,
  openCases,
  leave: [],
  conflictReason: null,
  ...extra,
});

describe("automatic assignment (platform rule: the office head's power, balanced like VA Caseflow)", () => {
  it("chooses the person with the fewest open cases", () => {
    const r = chooseHandler({ candidates: [person("a", "甲", 5), person("b", "乙", 2), person("c", "丙", 3)], today: TODAY });
    expect(r.ok && r.userId).toBe("b");
  });

  it("skips a person on leave today (the first and last day of the leave included), not one whose leave is over", () => {
    const onLeave = person("a", "甲", 0, { leave: [{ fromDate: "2026-11-28", toDate: "2026-12-01" }] });
    const back = person("b", "乙", 1, { leave: [{ fromDate: "2026-11-01", toDate: "2026-11-30" }] });
    const r = chooseHandler({ candidates: [onLeave, back, person("c", "丙", 4)], today: TODAY });
    expect(r.ok && r.userId).toBe("b");
    const starts = chooseHandler({ candidates: [person("a", "甲", 0, { leave: [{ fromDate: TODAY, toDate: "2026-12-09" }] }), person("b", "乙", 9)], today: TODAY });
    expect(starts.ok && starts.userId).toBe("b");
  });

  it("skips a person with a recorded conflict on the case (回避), however few cases they have", () => {
    const r = chooseHandler({ candidates: [person("a", "甲", 0, { conflictReason: "申请人近亲属" }), person("b", "乙", 7)], today: TODAY });
    expect(r.ok && r.userId).toBe("b");
    expect(CONFLICT_BASIS).toContain("本平台规则");
  });

  it("explains each candidate: chosen, on leave (with the period), conflict (with the reason), more cases, later in tie order", () => {
    const r = chooseHandler({
      candidates: [
        person("u4", "丁", 2),
        person("u1", "甲", 0, { leave: [{ fromDate: "2026-11-30", toDate: "2026-12-02" }] }),
        person("u2", "乙", 1, { conflictReason: "曾参与原行政行为" }),
        person("u3", "丙", 2),
        person("u5", "戊", 6),
      ],
      today: TODAY,
    });
    expect(r.ok).toBe(true);
    // code-point order of the names: 丁 (4E01) 丙 (4E19) 乙 (4E59) 戊 (620A) 甲 (7532)
    expect(r.explanation).toEqual([
      { userId: "u4", displayName: "丁", openCases: 2, outcome: "chosen" },
      { userId: "u3", displayName: "丙", openCases: 2, outcome: "tie_order" },
      { userId: "u2", displayName: "乙", openCases: 1, outcome: "conflict", conflictReason: "曾参与原行政行为" },
      { userId: "u5", displayName: "戊", openCases: 6, outcome: "more_cases" },
      { userId: "u1", displayName: "甲", openCases: 0, outcome: "on_leave", leave: { fromDate: "2026-11-30", toDate: "2026-12-02" } },
    ]);
  });

  it("breaks ties by a stable order (name, then id), whatever order the candidates come in", () => {
    const a = person("id-2", "王芳", 1);
    const b = person("id-1", "王芳", 1);
    const c = person("id-0", "赵强", 1);
    for (const order of [[a, b, c], [c, b, a], [b, c, a]]) {
      const r = chooseHandler({ candidates: order, today: TODAY });
      expect(r.ok && r.userId).toBe("id-1");
    }
  });

  it("refuses when nobody is available, still explaining why, and when the office has no staff", () => {
    const r = chooseHandler({ candidates: [person("a", "甲", 0, { conflictReason: "x" }), person("b", "乙", 0, { leave: [{ fromDate: TODAY, toDate: TODAY }] })], today: TODAY });
    expect(r).toMatchObject({ ok: false, reason: "none_available" });
    expect(r.explanation.map((e) => e.outcome)).toEqual(["on_leave", "conflict"]); // 乙 (4E59) before 甲 (7532)
    expect(chooseHandler({ candidates: [], today: TODAY })).toEqual({ ok: false, reason: "no_staff", explanation: [] });
  });

  it("counts open cases against the machine's final states (no transition leaves ABANDONED, NOT_ACCEPTED, CLOSED)", () => {
    expect([...finalCaseStates].sort()).toEqual(["ABANDONED", "CLOSED", "NOT_ACCEPTED"]);
    expect(isOpenCaseState("IN_REVIEW")).toBe(true);
    expect(isOpenCaseState("DECISION_EFFECTIVE")).toBe(true); // still to archive
    expect(isOpenCaseState("CLOSED")).toBe(false);
  });

  it("lets only the office head of the case's organ assign", () => {
    expect(ASSIGN_BASIS).toContain("行政复议机构负责人");
    const path = ["root", "city"];
    expect(canAssign([{ role: "office_head", organId: "city", includeSubordinates: false }], path)).toBe(true);
    expect(canAssign([{ role: "reconsideration_staff", organId: "city", includeSubordinates: false }], path)).toBe(false);
    expect(canAssign([{ role: "office_head", organId: "other", includeSubordinates: false }], path)).toBe(false);
    expect(canAssign([{ role: "office_head", organId: "root", includeSubordinates: true }], path)).toBe(true);
  });
});

describe("leave and conflict forms", () => {
  const uid = "00000000-0000-4000-8000-000000000001";
  it("accepts a leave period whose last day is on or after its first day, refuses bad dates and a reversed range", () => {
    expect(LeaveFormSchema.safeParse({ userId: uid, fromDate: "2026-12-01", toDate: "2026-12-01" }).success).toBe(true);
    const reversed = LeaveFormSchema.safeParse({ userId: uid, fromDate: "2026-12-05", toDate: "2026-12-01" });
    expect(reversed.success).toBe(false);
    expect(reversed.error?.issues[0]).toMatchObject({ path: ["toDate"], message: "team.errors.range" });
    expect(LeaveFormSchema.safeParse({ userId: uid, fromDate: "2026-02-30", toDate: "2026-03-01" }).error?.issues[0]?.message).toBe("team.errors.date");
    expect(LeaveFormSchema.safeParse({ userId: "x", fromDate: "2026-12-01", toDate: "2026-12-02" }).success).toBe(false);
  });
  it("requires the case number and a reason for a conflict", () => {
    expect(ConflictFormSchema.safeParse({ caseNumber: "FY2026-150100-00001", userId: uid, reason: "近亲属" }).success).toBe(true);
    expect(ConflictFormSchema.safeParse({ caseNumber: "FY2026-150100-00001", userId: uid, reason: "  " }).error?.issues[0]?.message).toBe("team.errors.reason");
  });
});

describe("deadline reminders (《行政复议法》第六十二条; DOMAIN.md §15 T30: 80 % and overdue)", () => {
  // 60-day period 2026-01-01 → 2026-03-02; 20 % = 12 days.
  it("no reminder while at least 20 % of the period is left; the 80 % reminder once less is left; overdue after the due day", () => {
    expect(REMINDER_BASIS).toContain("第六十二条");
    expect(reminderStage("2026-01-01", "2026-03-02", "2026-02-18")).toBeNull(); // 12 days left, exactly 20 %
    expect(reminderStage("2026-01-01", "2026-03-02", "2026-02-19")).toBe("80");
    expect(reminderStage("2026-01-01", "2026-03-02", "2026-03-02")).toBe("80"); // the due day is still inside the period
    expect(reminderStage("2026-01-01", "2026-03-02", "2026-03-03")).toBe("overdue");
  });
  it("agrees with the queue colour on every day of a period", () => {
    for (let d = -2; d <= 40; d++) {
      const today = addCalendarDays("2026-01-01", d);
      const colour = dueColour("2026-01-01", "2026-01-31", today);
      expect(reminderStage("2026-01-01", "2026-01-31", today)).toBe(colour === "ok" ? null : colour === "warn" ? "80" : "overdue");
    }
  });
  it("keys a reminder by deadline and stage", () => {
    expect(reminderDedupeKey("d1", "80")).toBe("deadline:d1:80");
    expect(reminderDedupeKey("d1", "overdue")).toBe("deadline:d1:overdue");
  });
});
