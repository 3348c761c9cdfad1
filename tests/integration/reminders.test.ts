// Deadline reminders (issue 5 req. 8; 《行政复议法》第六十二条, DOMAIN.md §15 T30): past 80 % of a running period the
// case's handler and the office head are told once, when overdue once more; a second run creates nothing; nothing
// below 80 %; the office head's overdue list; /notifications (newest first, mark all read); the pg-boss job.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { cases, deadlines, notifications, organs, roleMemberships, sessions, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import * as notificationsRoute from "~/routes/notifications";
import * as overdueRoute from "~/routes/staff.overdue";
import { startJobs } from "~/services/jobs.server";
import { listOverdue, sendDeadlineReminders } from "~/services/reminders.server";
import { createSession, loadUser, sessionCookieName, type CurrentUser } from "~/services/session.server";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
const context = { requestId: "reminders-test", cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };
// 2026-12-01 noon in Shanghai
const NOW = new Date("2026-12-01T04:00:00Z");

let staff1: CurrentUser;
let staff2: CurrentUser;
let head: CurrentUser;
let outsider: CurrentUser;
let organId: string;
let otherOrganId: string;
let seq = 0;
const cookies = new Map<string, { cookie: string; csrf: string }>();

async function userByEmail(email: string) {
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await loadUser(t.db, row.id))!;
}

/** A case of the organ with one running period from start to due; returns the deadline's id. */
async function caseWithDeadline(opts: { start: string; due: string; handler?: string; organ?: string; status?: "running" | "paused"; kind?: string }) {
  seq += 1;
  const [c] = await t.db
    .insert(cases)
    .values({
      machine: "reconsideration",
      state: "IN_REVIEW",
      data: { procedure: "ordinary" },
      organId: opts.organ ?? organId,
      caseNumber: `FY2026-150100-8${String(seq).padStart(4, "0")}`,
      handlerId: opts.handler ?? null,
      receivedAt: NOW,
    })
    .returning();
  const [d] = await t.db
    .insert(deadlines)
    .values({
      caseId: c.id,
      kind: opts.kind ?? "decision",
      basis: "《行政复议法》第六十二条",
      startDate: opts.start,
      dueDate: opts.due,
      originalDueDate: opts.due,
      status: opts.status ?? "running",
      calendarVersion: "t",
    })
    .returning();
  return { caseId: c.id, caseNumber: c.caseNumber!, deadlineId: d.id };
}

const notesOf = (deadlineId: string) =>
  t.db
    .select({ userId: notifications.userId, kind: notifications.kind, dedupeKey: notifications.dedupeKey, data: notifications.data })
    .from(notifications)
    .where(eq(notifications.deadlineId, deadlineId));

beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  staff1 = await userByEmail("staff1@demo.nmg.example");
  staff2 = await userByEmail("staff2@demo.nmg.example");
  head = await userByEmail("head@demo.nmg.example");
  const [o] = await t.db.select().from(organs).where(eq(organs.code, "150100"));
  const [o2] = await t.db.select().from(organs).where(eq(organs.code, "150102"));
  organId = o.id;
  otherOrganId = o2.id;
  const [u] = await t.db.insert(users).values({ displayName: "外区人员", email: "outsider-remind@test.example", passwordHash: "x" }).returning();
  await t.db.insert(roleMemberships).values({ userId: u.id, role: "reconsideration_staff", organId: otherOrganId });
  outsider = (await loadUser(t.db, u.id))!;
  for (const user of [staff1, head]) {
    const s = await createSession(t.db, { user, twoFactorDone: true, now: new Date() });
    const [row] = await t.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, s.id));
    cookies.set(user.id, { cookie: `${sessionCookieName()}=${s.token}`, csrf: row.csrf });
  }
});
afterAll(() => setDatabase(undefined));

describe(`deadline reminders (${engineName()})`, () => {
  it("past 80 %: the handler and the office head are told once; below 80 %, paused periods and other offices' heads: nothing", async () => {
    // 69-day period, 4 days left (6 %) → 80 % reminder
    const near = await caseWithDeadline({ start: "2026-09-27", due: "2026-12-05", handler: staff1.id });
    // 60-day period 2026-11-01 → 2026-12-31: 30 days left (50 %) → none
    const early = await caseWithDeadline({ start: "2026-11-01", due: "2026-12-31", handler: staff1.id });
    // exactly 20 % left (12 of 60 days) → none yet, like the queue colour
    const boundary = await caseWithDeadline({ start: "2026-10-14", due: "2026-12-13", handler: staff2.id });
    const paused = await caseWithDeadline({ start: "2026-09-01", due: "2026-12-02", handler: staff1.id, status: "paused" });
    const foreign = await caseWithDeadline({ start: "2026-09-27", due: "2026-12-05", handler: outsider.id, organ: otherOrganId });

    const first = await sendDeadlineReminders(NOW);
    expect(first.created).toBeGreaterThanOrEqual(3);
    const notes = await notesOf(near.deadlineId);
    expect(notes.map((n) => n.userId).sort()).toEqual([staff1.id, head.id].sort());
    expect(notes.every((n) => n.kind === "deadline_80" && n.dedupeKey === `deadline:${near.deadlineId}:80`)).toBe(true);
    expect(notes[0]!.data).toMatchObject({ caseNumber: near.caseNumber, period: "decision", dueDate: "2026-12-05" });
    expect(await notesOf(early.deadlineId)).toEqual([]);
    expect(await notesOf(boundary.deadlineId)).toEqual([]);
    expect(await notesOf(paused.deadlineId)).toEqual([]);
    expect((await notesOf(foreign.deadlineId)).map((n) => n.userId)).toEqual([outsider.id]); // the 150100 head is not told

    // a second run creates nothing
    const total = await t.db.$count(notifications);
    expect((await sendDeadlineReminders(NOW)).created).toBe(0);
    expect(await t.db.$count(notifications)).toBe(total);

    // the next day the boundary case passes 80 %
    await sendDeadlineReminders(new Date("2026-12-02T04:00:00Z"));
    expect((await notesOf(boundary.deadlineId)).map((n) => n.kind)).toEqual(["deadline_80", "deadline_80"]);
  });

  it("overdue: told once more (a separate key), also an unassigned case's head; never twice", async () => {
    const c = await caseWithDeadline({ start: "2026-10-01", due: "2026-12-03", handler: staff2.id });
    const unassigned = await caseWithDeadline({ start: "2026-09-01", due: "2026-11-20" });
    await sendDeadlineReminders(NOW);
    expect((await notesOf(c.deadlineId)).map((n) => n.kind)).toEqual(["deadline_80", "deadline_80"]);
    const later = new Date("2026-12-04T01:00:00Z"); // 12-04 in Shanghai: the due day 12-03 is over
    const run1 = await sendDeadlineReminders(later);
    const run2 = await sendDeadlineReminders(later);
    expect(run1.created).toBeGreaterThanOrEqual(2);
    expect(run2.created).toBe(0);
    const notes = await notesOf(c.deadlineId);
    expect(notes.filter((n) => n.kind === "deadline_overdue").map((n) => n.userId).sort()).toEqual([staff2.id, head.id].sort());
    expect(notes.filter((n) => n.kind === "deadline_80")).toHaveLength(2);
    expect(notes.find((n) => n.kind === "deadline_overdue")!.dedupeKey).toBe(`deadline:${c.deadlineId}:overdue`);
    expect((await notesOf(unassigned.deadlineId)).map((n) => [n.userId, n.kind])).toEqual([[head.id, "deadline_overdue"]]);
  });

  it("a handler assigned after the reminder went out is told on the next run; small batches still reach every deadline", async () => {
    const c = await caseWithDeadline({ start: "2026-09-27", due: "2026-12-06" });
    const d = await caseWithDeadline({ start: "2026-09-27", due: "2026-12-07" });
    await sendDeadlineReminders(NOW, { batch: 1 });
    expect((await notesOf(c.deadlineId)).map((n) => n.userId)).toEqual([head.id]);
    expect((await notesOf(d.deadlineId)).map((n) => n.userId)).toEqual([head.id]);
    await t.db.update(cases).set({ handlerId: staff2.id }).where(eq(cases.id, c.caseId));
    const r = await sendDeadlineReminders(NOW, { batch: 1 });
    expect(r.created).toBe(1);
    expect((await notesOf(c.deadlineId)).map((n) => n.userId).sort()).toEqual([staff2.id, head.id].sort());
    expect((await sendDeadlineReminders(NOW, { batch: 1 })).created).toBe(0);
  });

  it("lists every overdue running period of the office for its head, with days overdue and handler; staff get 403", async () => {
    const a = await caseWithDeadline({ start: "2026-09-01", due: "2026-11-25", handler: staff1.id, kind: "respondent_reply" });
    await caseWithDeadline({ start: "2026-09-01", due: "2026-11-25", organ: otherOrganId });
    await caseWithDeadline({ start: "2026-09-01", due: "2026-11-01", status: "paused" });
    const rows = await listOverdue({ user: head, now: NOW });
    const mine = rows.find((r) => r.deadlineId === a.deadlineId);
    expect(mine).toEqual({ deadlineId: a.deadlineId, caseNumber: a.caseNumber, kind: "respondent_reply", dueDate: "2026-11-25", daysOverdue: 6, handlerName: "李明轩" });
    // every row is this office's, overdue and running
    const ids = rows.map((r) => r.deadlineId);
    const check = await t.db
      .select({ organId: cases.organId, status: deadlines.status, due: deadlines.dueDate })
      .from(deadlines)
      .innerJoin(cases, eq(cases.id, deadlines.caseId))
      .where(inArray(deadlines.id, ids));
    expect(check.every((r) => r.organId === organId && r.status === "running" && r.due < "2026-12-01")).toBe(true);
    expect(rows.map((r) => r.dueDate)).toEqual([...rows.map((r) => r.dueDate)].sort());
    expect(await listOverdue({ user: staff1, now: NOW })).toEqual([]);
    const asStaff = overdueRoute.loader({ request: new Request("http://localhost/staff/overdue", { headers: { cookie: cookies.get(staff1.id)!.cookie } }), context, params: {} } as never);
    await expect(asStaff).rejects.toMatchObject({ status: 403 });
    const asHead = (await overdueRoute.loader({ request: new Request("http://localhost/staff/overdue", { headers: { cookie: cookies.get(head.id)!.cookie } }), context, params: {} } as never)) as { rows: unknown[] };
    expect(asHead.rows.length).toBeGreaterThanOrEqual(1);
  });

  it("/notifications: the user's own, newest first, unread marked; POST marks all read (only theirs)", async () => {
    const req = (u: CurrentUser, init: RequestInit = {}) =>
      new Request("http://localhost/notifications", { ...init, headers: { cookie: cookies.get(u.id)!.cookie, ...(init.headers ?? {}) } });
    const page = (await notificationsRoute.loader({ request: req(staff1), context, params: {} } as never)) as { items: { id: string; read: boolean; createdAt: string }[] };
    const own = await t.db.$count(notifications, eq(notifications.userId, staff1.id));
    expect(page.items).toHaveLength(own);
    expect(page.items.every((n) => !n.read)).toBe(true);
    expect(page.items.map((n) => n.createdAt)).toEqual([...page.items.map((n) => n.createdAt)].sort().reverse());
    const headUnread = await t.db.$count(notifications, and(eq(notifications.userId, head.id)));
    const body = new URLSearchParams({ csrf: cookies.get(staff1.id)!.csrf });
    const res = (await notificationsRoute.action({
      request: req(staff1, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }),
      context,
      params: {},
    } as never)) as Response;
    expect(res.status).toBe(303);
    const after = (await notificationsRoute.loader({ request: req(staff1), context, params: {} } as never)) as { items: { read: boolean }[] };
    expect(after.items.every((n) => n.read)).toBe(true);
    const headAfter = await t.db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.userId, head.id));
    expect(headAfter).toHaveLength(headUnread);
    expect(headAfter.every((n) => n.readAt === null)).toBe(true);
  });

  it("runs as a pg-boss job: remind() sends the reminders that are due", async () => {
    const c = await caseWithDeadline({ start: "2026-10-01", due: "2026-11-30", handler: staff1.id });
    const jobs = await startJobs(t.database, { log: () => {}, schedule: false, clock: () => NOW });
    try {
      await jobs.remind();
      const end = Date.now() + 20_000;
      while ((await notesOf(c.deadlineId)).length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
      expect((await notesOf(c.deadlineId)).map((n) => n.kind)).toEqual(["deadline_overdue", "deadline_overdue"]);
    } finally {
      await jobs.stop();
    }
  });
});
