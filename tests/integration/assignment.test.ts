// Automatic assignment (issue 5 req. 2) and the team page: the office head's auto-assign writes the handler and one
// event with the explanation; people on leave and with a recorded conflict (回避) are skipped; staff cannot
// auto-assign; a stale version is refused (409) and writes nothing; leave with bad dates is refused (400).
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, caseConflicts, cases, deadlines, organs, roleMemberships, sessions, staffLeave, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import type { CandidateExplanation } from "~/domain/assignment";
import { todayInShanghai } from "~/domain/calendar";
import * as queueRoute from "~/routes/staff.queue";
import * as teamRoute from "~/routes/staff.team";
import { addLeave, autoAssign, autoAssignAll, getTeam, recordConflict } from "~/services/assignment.server";
import { createSession, loadUser, sessionCookieName, type CurrentUser } from "~/services/session.server";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
const context = { requestId: "assignment-test", cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };
const TODAY = todayInShanghai(new Date());

let staff1: CurrentUser;
let staff2: CurrentUser;
let head: CurrentUser;
let outsider: CurrentUser;
let organId: string;
let otherOrganId: string;
let respondentId: string;
let seq = 0;
const cookies = new Map<string, { cookie: string; csrf: string }>();

async function userByEmail(email: string) {
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await loadUser(t.db, row.id))!;
}

async function signIn(user: CurrentUser) {
  const s = await createSession(t.db, { user, twoFactorDone: true, now: new Date() });
  const [row] = await t.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, s.id));
  cookies.set(user.id, { cookie: `${sessionCookieName()}=${s.token}`, csrf: row.csrf });
}

/** A reconsideration case of the office (state IN_REVIEW unless given), unassigned unless a handler is given. */
async function makeCase(opts: { organ?: string; handler?: string; state?: string; due?: string } = {}) {
  seq += 1;
  const [row] = await t.db
    .insert(cases)
    .values({
      machine: "reconsideration",
      state: opts.state ?? "IN_REVIEW",
      data: { procedure: "ordinary" },
      organId: opts.organ ?? organId,
      caseNumber: `FY2026-150100-9${String(seq).padStart(4, "0")}`,
      respondentOrganId: respondentId,
      applicantNames: "测试申请人",
      handlerId: opts.handler ?? null,
      receivedAt: new Date(),
    })
    .returning();
  if (opts.due) {
    await t.db.insert(deadlines).values({
      caseId: row.id,
      kind: "decision",
      basis: "《行政复议法》第六十二条",
      startDate: "2026-01-01",
      dueDate: opts.due,
      originalDueDate: opts.due,
      calendarVersion: "t",
    });
  }
  return row;
}

const caseRow = async (id: string) => (await t.db.select().from(cases).where(eq(cases.id, id)))[0]!;
const eventsOf = (id: string) => t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectType, "case"), eq(auditEvents.subjectId, id)));

function post(user: CurrentUser, path: string, form: Record<string, string>): Request {
  const c = cookies.get(user.id)!;
  const body = new URLSearchParams({ csrf: c.csrf, ...form });
  return new Request(`http://localhost${path}`, { method: "POST", body, headers: { cookie: c.cookie, "content-type": "application/x-www-form-urlencoded" } });
}

/** The status and body of what an action returned (data() or a Response), or threw. */
async function run(fn: () => Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> | null; location?: string }> {
  try {
    const v = await fn();
    if (v instanceof Response) return { status: v.status, body: null, location: v.headers.get("location") ?? undefined };
    const d = v as { type?: string; data?: unknown; init?: { status?: number } };
    if (d && d.type === "DataWithResponseInit") return { status: d.init?.status ?? 200, body: d.data as Record<string, unknown> };
    return { status: 200, body: v as Record<string, unknown> };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, body: null };
    const d = e as { init?: { status?: number }; data?: unknown };
    if (d?.init?.status) return { status: d.init.status, body: d.data as Record<string, unknown> };
    throw e;
  }
}

beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  staff1 = await userByEmail("staff1@demo.nmg.example"); // 李明轩
  staff2 = await userByEmail("staff2@demo.nmg.example"); // 巴特尔
  head = await userByEmail("head@demo.nmg.example");
  const [o] = await t.db.select().from(organs).where(eq(organs.code, "150100"));
  const [o2] = await t.db.select().from(organs).where(eq(organs.code, "150102"));
  const [r] = await t.db.select().from(organs).where(eq(organs.code, "150100-market"));
  organId = o.id;
  otherOrganId = o2.id;
  respondentId = r.id;
  const [u] = await t.db.insert(users).values({ displayName: "外区人员", email: "outsider-assign@test.example", passwordHash: "x" }).returning();
  await t.db.insert(roleMemberships).values({ userId: u.id, role: "reconsideration_staff", organId: otherOrganId });
  outsider = (await loadUser(t.db, u.id))!;
  for (const user of [staff1, staff2, head, outsider]) await signIn(user);
});
afterAll(() => setDatabase(undefined));

// Each test starts from an office with no open cases, no leave and no conflicts.
beforeEach(async () => {
  await t.db.delete(staffLeave);
  await t.db.delete(caseConflicts);
  await t.db.update(cases).set({ state: "CLOSED" });
});

const outcomes = (e: CandidateExplanation[]) => Object.fromEntries(e.map((x) => [x.displayName, x.outcome]));

describe(`automatic assignment (${engineName()})`, () => {
  it("gives the case to the staff member with fewer open cases and records one event with the explanation", async () => {
    await makeCase({ handler: staff1.id });
    await makeCase({ handler: staff1.id });
    await makeCase({ handler: staff2.id, state: "CLOSED" }); // a final state does not count
    await makeCase({ handler: staff2.id });
    const c = await makeCase();
    const r = await autoAssign({ user: head, caseNumber: c.caseNumber!, version: c.version, requestId: "req-auto-1" });
    expect(r.ok).toBe(true);
    const after = await caseRow(c.id);
    expect(after.handlerId).toBe(staff2.id);
    expect(after.version).toBe(c.version + 1);
    const events = await eventsOf(c.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "case.auto_assigned", actorId: head.id, requestId: "req-auto-1" });
    const payload = events[0]!.payload as { to: string; explanation: CandidateExplanation[] };
    expect(payload.to).toBe(staff2.id);
    expect(payload.explanation).toEqual([
      { userId: staff2.id, displayName: "巴特尔", openCases: 1, outcome: "chosen" },
      { userId: staff1.id, displayName: "李明轩", openCases: 2, outcome: "more_cases" },
    ]);
    // the head sees the reasons on /staff/team
    const [office] = await getTeam({ user: head });
    expect(office!.recent[0]).toMatchObject({ caseNumber: c.caseNumber, handlerName: "巴特尔" });
    expect(outcomes(office!.recent[0]!.explanation)).toEqual({ 巴特尔: "chosen", 李明轩: "more_cases" });
  });

  it("skips a person on leave today and a person with a recorded conflict; with nobody left it refuses and writes nothing", async () => {
    const c = await makeCase();
    expect(await addLeave({ user: head, userId: staff2.id, fromDate: TODAY, toDate: TODAY, note: "年假" })).toEqual({ ok: true });
    await makeCase({ handler: staff1.id }); // staff1 has more cases, but staff2 is on leave
    const r = await autoAssign({ user: head, caseNumber: c.caseNumber!, version: c.version });
    expect(r.ok && r.handlerId).toBe(staff1.id);
    expect(r.ok && outcomes(r.explanation)).toEqual({ 巴特尔: "on_leave", 李明轩: "chosen" });

    const d = await makeCase();
    expect(await recordConflict({ user: head, caseNumber: d.caseNumber!, userId: staff1.id, reason: "申请人系其近亲属" })).toEqual({ ok: true });
    const events = (await eventsOf(d.id)).length;
    const refused = await autoAssign({ user: head, caseNumber: d.caseNumber!, version: d.version });
    expect(refused).toMatchObject({ ok: false, status: 400, formError: "team.errors.noneAvailable" });
    expect(!refused.ok && refused.explanation!.find((e) => e.userId === staff1.id)).toMatchObject({ outcome: "conflict", conflictReason: "申请人系其近亲属" });
    expect((await caseRow(d.id)).handlerId).toBeNull();
    expect((await caseRow(d.id)).version).toBe(d.version);
    expect(await eventsOf(d.id)).toHaveLength(events);

    // leave over: staff2 is back and has no conflict on the case
    await t.db.delete(staffLeave);
    const ok = await autoAssign({ user: head, caseNumber: d.caseNumber!, version: d.version });
    expect(ok.ok && ok.handlerId).toBe(staff2.id);
  });

  it("lets only the office head auto-assign: staff get 403, staff of another organ 404, nothing written", async () => {
    const c = await makeCase();
    expect(await autoAssign({ user: staff1, caseNumber: c.caseNumber!, version: c.version })).toMatchObject({ ok: false, status: 403 });
    expect(await autoAssign({ user: outsider, caseNumber: c.caseNumber!, version: c.version })).toMatchObject({ ok: false, status: 404 });
    expect(await autoAssignAll({ user: staff1 })).toMatchObject({ ok: false, status: 403 });
    const after = await caseRow(c.id);
    expect(after.handlerId).toBeNull();
    expect(after.version).toBe(c.version);
    expect(await eventsOf(c.id)).toHaveLength(0);
    // and through the queue's action
    const res = await run(() => queueRoute.action({ request: post(staff1, "/staff/queue", { intent: "autoAssign", caseNumber: c.caseNumber!, version: String(c.version) }), context, params: {} } as never));
    expect(res.status).toBe(403);
    expect((await caseRow(c.id)).handlerId).toBeNull();
  });

  it("refuses a stale version with 409 and the conflict message, writing nothing", async () => {
    const c = await makeCase();
    await t.db.update(cases).set({ version: c.version + 1 }).where(eq(cases.id, c.id)); // someone else changed it
    const r = await autoAssign({ user: head, caseNumber: c.caseNumber!, version: c.version });
    expect(r).toMatchObject({ ok: false, status: 409, formError: "queue.conflict" });
    expect(!r.ok && r.message).toContain("刷新");
    expect((await caseRow(c.id)).handlerId).toBeNull();
    expect(await eventsOf(c.id)).toHaveLength(0);
    // an already assigned case is not auto-assigned again
    const d = await makeCase({ handler: staff1.id });
    expect(await autoAssign({ user: head, caseNumber: d.caseNumber!, version: d.version })).toMatchObject({ ok: false, status: 409 });
  });

  it("assigns every unassigned case of the office, most urgent first, balancing as it goes, one event each", async () => {
    await makeCase({ handler: staff1.id });
    const late = await makeCase({ due: "2027-03-01" });
    const soon = await makeCase({ due: "2027-01-10" });
    const none = await makeCase();
    const other = await makeCase({ organ: otherOrganId });
    const closed = await makeCase({ state: "CLOSED" });
    const r = await autoAssignAll({ user: head, requestId: "req-all" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // staff2 (0) takes the most urgent; then 1–1, tie to 巴特尔 (name order); then 李明轩 with 1 against 2
    expect(r.assigned.map((a) => [a.caseNumber, a.handlerName])).toEqual([
      [soon.caseNumber, "巴特尔"],
      [late.caseNumber, "巴特尔"],
      [none.caseNumber, "李明轩"],
    ]);
    const rows = await t.db.select({ id: cases.id, h: cases.handlerId }).from(cases).where(inArray(cases.id, [other.id, closed.id]));
    expect(rows.every((x) => x.h === null)).toBe(true);
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "case.auto_assigned"), eq(auditEvents.requestId, "req-all")));
    expect(events.map((e) => e.subjectId).sort()).toEqual([soon.id, late.id, none.id].sort());
  });

  it("shows the result and its reasons to the head through the queue's action (auto-assign button)", async () => {
    const c = await makeCase();
    const res = await run(() => queueRoute.action({ request: post(head, "/staff/queue", { intent: "autoAssign", caseNumber: c.caseNumber!, version: String(c.version) }), context, params: {} } as never));
    expect(res.status).toBe(200);
    const auto = res.body!.auto as { assigned: { caseNumber: string; explanation: CandidateExplanation[] }[] };
    expect(auto.assigned[0]!.caseNumber).toBe(c.caseNumber);
    expect(auto.assigned[0]!.explanation.map((e) => e.outcome).sort()).toEqual(["chosen", "tie_order"]);
    expect((await caseRow(c.id)).handlerId).not.toBeNull();
  });
});

describe(`the team page: leave and conflicts (${engineName()})`, () => {
  it("shows the office's people with open-case counts; staff may view but not record", async () => {
    await makeCase({ handler: staff1.id });
    const loaded = await run(() => teamRoute.loader({ request: new Request("http://localhost/staff/team", { headers: { cookie: cookies.get(staff2.id)!.cookie } }), context, params: {} } as never));
    expect(loaded.status).toBe(200);
    const office = (loaded.body!.offices as { canManage: boolean; members: { displayName: string; openCases: number }[] }[])[0]!;
    expect(office.canManage).toBe(false);
    expect(office.members.find((m) => m.displayName === "李明轩")?.openCases).toBe(1);
    expect(office.members.map((m) => m.displayName)).toContain("刘建华");
    const res = await run(() => teamRoute.action({ request: post(staff2, "/staff/team", { intent: "addLeave", userId: staff2.id, fromDate: TODAY, toDate: TODAY }), context, params: {} } as never));
    expect(res.status).toBe(403);
    expect(await t.db.$count(staffLeave)).toBe(0);
  });

  it("records leave (and an event); bad dates or a reversed range answer 400 and write nothing", async () => {
    const events = await t.db.$count(auditEvents);
    for (const [fromDate, toDate] of [["2026-02-30", "2026-03-02"], ["2026-12-10", "2026-12-01"], ["明天", "2026-12-01"]]) {
      const res = await run(() => teamRoute.action({ request: post(head, "/staff/team", { intent: "addLeave", userId: staff1.id, fromDate, toDate }), context, params: {} } as never));
      expect(res.status, `${fromDate}–${toDate}`).toBe(400);
    }
    // a person of another office
    const foreign = await run(() => teamRoute.action({ request: post(head, "/staff/team", { intent: "addLeave", userId: outsider.id, fromDate: TODAY, toDate: TODAY }), context, params: {} } as never));
    expect(foreign.status).toBe(400);
    expect(await t.db.$count(staffLeave)).toBe(0);
    expect(await t.db.$count(auditEvents)).toBe(events);

    const ok = await run(() => teamRoute.action({ request: post(head, "/staff/team", { intent: "addLeave", userId: staff1.id, fromDate: TODAY, toDate: "2099-01-01", note: "病假" }), context, params: {} } as never));
    expect(ok).toMatchObject({ status: 303, location: "/staff/team?done=leaveAdded" });
    const [leave] = await t.db.select().from(staffLeave);
    expect(leave).toMatchObject({ userId: staff1.id, fromDate: TODAY, toDate: "2099-01-01", note: "病假" });
    expect(await t.db.$count(auditEvents)).toBe(events + 1);
    const removed = await run(() => teamRoute.action({ request: post(head, "/staff/team", { intent: "removeLeave", id: leave!.id }), context, params: {} } as never));
    expect(removed.status).toBe(303);
    expect(await t.db.$count(staffLeave)).toBe(0);
  });

  it("records a conflict for a case of the office only; a duplicate is refused; the current handler is flagged", async () => {
    const c = await makeCase({ handler: staff1.id });
    const foreignCase = await makeCase({ organ: otherOrganId });
    const notOurs = await run(() => teamRoute.action({ request: post(head, "/staff/team", { intent: "addConflict", caseNumber: foreignCase.caseNumber!, userId: staff1.id, reason: "x" }), context, params: {} } as never));
    expect(notOurs.status).toBe(404);
    const noReason = await run(() => teamRoute.action({ request: post(head, "/staff/team", { intent: "addConflict", caseNumber: c.caseNumber!, userId: staff1.id, reason: " " }), context, params: {} } as never));
    expect(noReason.status).toBe(400);
    expect(await t.db.$count(caseConflicts)).toBe(0);
    const ok = await run(() => teamRoute.action({ request: post(head, "/staff/team", { intent: "addConflict", caseNumber: c.caseNumber!, userId: staff1.id, reason: "曾参与原行政行为" }), context, params: {} } as never));
    expect(ok.status).toBe(303);
    const again = await recordConflict({ user: head, caseNumber: c.caseNumber!, userId: staff1.id, reason: "重复" });
    expect(again).toMatchObject({ ok: false, status: 400, formError: "team.errors.duplicate" });
    const [office] = await getTeam({ user: head });
    expect(office!.conflicts).toEqual([expect.objectContaining({ caseNumber: c.caseNumber, displayName: "李明轩", reason: "曾参与原行政行为", isHandler: true })]);
    expect((await eventsOf(c.id)).map((e) => e.action)).toEqual(["case.conflict_recorded"]);
  });
});
