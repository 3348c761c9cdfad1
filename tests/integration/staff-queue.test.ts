// The case queue of a reconsideration office (issue 5 req. 2): scope, filters, substring search, ordering by the
// nearest running deadline, keyset pagination, claim / assign / reassign with events and optimistic conflicts.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, cases, deadlines, organs, roleMemberships, sessions, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { decodeCursor, encodeClaimTarget, type QueueFilters } from "~/domain/queue";
import { assignCase, canUseQueue, claimCase, CONFLICT_MESSAGE, listQueue, reassignCase } from "~/services/staff-queue.server";
import * as route from "~/routes/staff.queue";
import { createSession, loadUser, sessionCookieName, type CurrentUser } from "~/services/session.server";
import { useTestDatabase } from "../support/db";
import { outcome } from "../support/staff-fixture";

const t = useTestDatabase();
let staff1: CurrentUser;
let staff2: CurrentUser;
let head: CurrentUser;
let citizen: CurrentUser;
let outsider: CurrentUser;
let organId: string;
let otherOrganId: string;
let respondentId: string;
const NOW = new Date("2026-12-01T04:00:00Z"); // 2026-12-01 in Shanghai
let seq = 0;

async function userByEmail(email: string) {
  const [u] = await t.db.select().from(users).where(eq(users.email, email));
  return (await loadUser(t.db, u.id))!;
}

/** A reconsideration case at `organ` with optional running deadline (start, due). */
async function makeCase(opts: {
  organ?: string;
  state?: string;
  procedure?: string;
  names?: string;
  doc?: string;
  category?: string;
  channel?: string;
  deadline?: [string, string] | null;
  pausedDue?: string;
}) {
  seq += 1;
  const caseNumber = `FY2026-150100-${String(seq).padStart(5, "0")}`;
  const [row] = await t.db
    .insert(cases)
    .values({
      machine: "reconsideration",
      state: opts.state ?? "INTAKE_REVIEW",
      data: { procedure: opts.procedure ?? "ordinary" },
      organId: opts.organ ?? organId,
      caseNumber,
      respondentOrganId: respondentId,
      applicantNames: opts.names ?? "王五",
      actDocumentNumber: opts.doc ?? `呼市监罚〔2026〕${seq}号`,
      category: opts.category ?? "penalty",
      channel: opts.channel ?? "online",
      receivedAt: NOW,
    })
    .returning();
  const base = { caseId: row.id, kind: "decision", basis: "《行政复议法》第六十二条", calendarVersion: "t" };
  if (opts.deadline) {
    const [start, due] = opts.deadline;
    await t.db.insert(deadlines).values({ ...base, startDate: start, dueDate: due, originalDueDate: due, status: "running" });
  }
  if (opts.pausedDue) {
    // A paused period does not count as the next running deadline.
    await t.db.insert(deadlines).values({ ...base, kind: "x", startDate: "2026-11-01", dueDate: opts.pausedDue, originalDueDate: opts.pausedDue, status: "paused" });
  }
  return row;
}

const list = (user: CurrentUser, filters: Partial<QueueFilters> = {}, limit = 50) =>
  listQueue({ user, filters: { overdue: false, ...filters } as QueueFilters, limit, now: NOW });

beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  staff1 = await userByEmail("staff1@demo.nmg.example");
  staff2 = await userByEmail("staff2@demo.nmg.example");
  head = await userByEmail("head@demo.nmg.example");
  citizen = await userByEmail("citizen1@demo.nmg.example");
  const [o] = await t.db.select().from(organs).where(eq(organs.code, "150100"));
  const [o2] = await t.db.select().from(organs).where(eq(organs.code, "150102"));
  const [r] = await t.db.select().from(organs).where(eq(organs.code, "150100-market"));
  organId = o.id;
  otherOrganId = o2.id;
  respondentId = r.id;
  const [u] = await t.db.insert(users).values({ displayName: "外区人员", email: "outsider@test.example", passwordHash: "x" }).returning();
  await t.db.insert(roleMemberships).values({ userId: u.id, role: "reconsideration_staff", organId: otherOrganId });
  outsider = (await loadUser(t.db, u.id))!;
});

describe("the queue's scope and search", () => {
  it("shows the organ's cases to its staff and head, nothing to staff of another organ; citizens may not use it", async () => {
    const c = await makeCase({ names: "其其格 张海峰", doc: "新市监罚〔2026〕88号", deadline: ["2026-11-20", "2026-12-20"] });
    await makeCase({ organ: otherOrganId, names: "其其格", deadline: ["2026-11-20", "2026-12-20"] });
    expect((await list(staff1, { q: "其其格" })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await list(head, { q: "其其格" })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await list(outsider, { q: "张海峰" })).rows).toEqual([]);
    expect(canUseQueue(citizen)).toBe(false);
    expect(canUseQueue(staff1)).toBe(true);
    expect((await list(citizen)).rows).toEqual([]);
  });

  it("finds by a Chinese substring of an applicant name, of the act document number and of the case number", async () => {
    const c = await makeCase({ names: "乌云其木格", doc: "呼新税罚〔2026〕307号", deadline: ["2026-11-20", "2026-12-21"] });
    expect((await list(staff1, { q: "云其木" })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await list(staff1, { q: "新税罚" })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await list(staff1, { q: c.caseNumber!.slice(-5) })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await list(staff1, { q: "%" })).rows).toEqual([]); // wildcards are literal
  });
});

describe("filters and order", () => {
  it("filters by state, procedure, due within N days, overdue, handler, respondent, category and channel", async () => {
    const tag = "筛选甲";
    const a = await makeCase({ names: tag, state: "ACCEPTED", procedure: "simplified", category: "c1", channel: "walk_in", deadline: ["2026-11-01", "2026-12-05"] });
    const b = await makeCase({ names: tag, deadline: ["2026-11-01", "2026-11-28"] }); // overdue
    const c = await makeCase({ names: tag, deadline: ["2026-11-25", "2027-01-30"] });
    const ids = async (f: Partial<QueueFilters>) => (await list(staff1, { q: tag, ...f })).rows.map((r) => r.id);
    expect(await ids({ state: "ACCEPTED" })).toEqual([a.id]);
    expect(await ids({ procedure: "simplified" })).toEqual([a.id]);
    expect(await ids({ category: "c1" })).toEqual([a.id]);
    expect(await ids({ channel: "walk_in" })).toEqual([a.id]);
    expect(await ids({ overdue: true })).toEqual([b.id]);
    expect(await ids({ dueWithin: 7 })).toEqual([b.id, a.id]);
    expect(await ids({ respondent: respondentId })).toHaveLength(3);
    expect(await ids({ respondent: otherOrganId })).toEqual([]);
    expect(await ids({ handler: "none" })).toHaveLength(3);
    const claimed = await claimCase({ user: staff2, caseNumber: c.caseNumber!, version: c.version });
    expect(claimed.ok).toBe(true);
    expect(await ids({ handler: staff2.id })).toEqual([c.id]);
    expect((await list(staff2, { q: tag, handler: "me" })).rows.map((r) => [r.id, r.handlerName])).toEqual([[c.id, "巴特尔"]]);
    expect(await ids({ handler: "none" })).toEqual([b.id, a.id]);
  });

  it("orders by the nearest running deadline (paused ones ignored, none last) and colours the due date", async () => {
    const tag = "排序乙";
    const none = await makeCase({ names: tag, deadline: null, pausedDue: "2026-11-02" });
    const late = await makeCase({ names: tag, deadline: ["2026-11-01", "2027-01-30"] });
    const soon = await makeCase({ names: tag, deadline: ["2026-10-01", "2026-12-03"] });
    const over = await makeCase({ names: tag, deadline: ["2026-10-01", "2026-11-30"] });
    const { rows } = await list(staff1, { q: tag });
    expect(rows.map((r) => r.id)).toEqual([over.id, soon.id, late.id, none.id]);
    expect(rows.map((r) => r.colour)).toEqual(["overdue", "warn", "ok", null]);
    expect(rows[1]!.nextDue).toBe("2026-12-03");
    expect(rows[3]!.nextDue).toBeNull();
  });
});

describe("keyset pagination", () => {
  it("pages 65 cases (shared due dates and none) without duplicates or gaps", async () => {
    const tag = "分页丙";
    const made = new Set<string>();
    for (let i = 0; i < 65; i++) {
      const due = i % 5 === 0 ? null : `2026-12-${String(10 + (i % 3)).padStart(2, "0")}`;
      const c = await makeCase({ names: tag, deadline: due ? ["2026-11-01", due] : null });
      made.add(c.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listQueue({ user: staff1, filters: { overdue: false, q: tag }, cursor: cursor ? decodeCursor(cursor) : null, limit: 20, now: NOW });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(65);
    expect(new Set(seen)).toEqual(made);
    const all = (await list(staff1, { q: tag }, 100)).rows.map((r) => r.id);
    expect(seen).toEqual(all);
  });
});

describe("claim, assign, reassign", () => {
  const events = async (caseId: string) =>
    (await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, caseId), eq(auditEvents.subjectType, "case")))).map((e) => [e.action, e.payload]);

  it("staff claim an unassigned case once; a stale version is a conflict; nothing else is written", async () => {
    const c = await makeCase({ deadline: ["2026-11-20", "2026-12-20"] });
    const r = await claimCase({ user: staff1, caseNumber: c.caseNumber!, version: c.version });
    expect(r).toEqual({ ok: true, version: c.version + 1, handlerId: staff1.id });
    expect(await claimCase({ user: staff2, caseNumber: c.caseNumber!, version: c.version })).toMatchObject({ ok: false, status: 409, message: CONFLICT_MESSAGE });
    expect(await claimCase({ user: staff2, caseNumber: c.caseNumber!, version: c.version + 1 })).toMatchObject({ ok: false, status: 409, code: "ALREADY_ASSIGNED" });
    expect(await claimCase({ user: outsider, caseNumber: c.caseNumber!, version: c.version + 1 })).toMatchObject({ ok: false, status: 404 });
    expect(await claimCase({ user: citizen, caseNumber: c.caseNumber!, version: c.version + 1 })).toMatchObject({ ok: false, status: 404 });
    expect(await events(c.id)).toEqual([["case.claimed", { from: null, to: staff1.id }]]);
  });

  it("only the office head assigns and reassigns, to staff of the same organ, a reassignment with its reason", async () => {
    const c = await makeCase({ deadline: ["2026-11-20", "2026-12-20"] });
    const cn = c.caseNumber!;
    expect(await assignCase({ user: staff1, caseNumber: cn, version: 1, toUserId: staff2.id })).toMatchObject({ ok: false, status: 403 });
    expect(await assignCase({ user: head, caseNumber: cn, version: 1, toUserId: outsider.id })).toMatchObject({ ok: false, status: 400, code: "TARGET" });
    expect(await assignCase({ user: head, caseNumber: cn, version: 1, toUserId: citizen.id })).toMatchObject({ ok: false, status: 400, code: "TARGET" });
    expect(await assignCase({ user: head, caseNumber: cn, version: 1, toUserId: staff2.id })).toEqual({ ok: true, version: 2, handlerId: staff2.id });
    expect(await reassignCase({ user: head, caseNumber: cn, version: 2, toUserId: staff1.id, reason: "  " })).toMatchObject({ ok: false, status: 400, code: "REASON" });
    expect(await reassignCase({ user: staff2, caseNumber: cn, version: 2, toUserId: staff1.id, reason: "回避" })).toMatchObject({ ok: false, status: 403 });
    expect(await reassignCase({ user: head, caseNumber: cn, version: 1, toUserId: staff1.id, reason: "回避" })).toMatchObject({ ok: false, status: 409, message: CONFLICT_MESSAGE });
    expect(await reassignCase({ user: head, caseNumber: cn, version: 2, toUserId: staff1.id, reason: "申请人申请回避" })).toEqual({ ok: true, version: 3, handlerId: staff1.id });
    const [row] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect([row.handlerId, row.version]).toEqual([staff1.id, 3]);
    expect(await events(c.id)).toEqual([
      ["case.assigned", { from: null, to: staff2.id }],
      ["case.reassigned", { from: staff2.id, to: staff1.id, reason: "申请人申请回避" }],
    ]);
  });

  it("two concurrent claims: exactly one wins", async () => {
    const c = await makeCase({ deadline: ["2026-11-20", "2026-12-20"] });
    const rs = await Promise.all([staff1, staff2].map((u) => claimCase({ user: u, caseNumber: c.caseNumber!, version: c.version })));
    expect(rs.filter((r) => r.ok)).toHaveLength(1);
    expect(rs.filter((r) => !r.ok && r.status === 409)).toHaveLength(1);
    expect((await events(c.id)).length).toBe(1);
  });
});

describe("the /staff/queue route", () => {
  const context = { requestId: "staff-queue-test", cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };
  const cookies = new Map<string, { cookie: string; csrf: string }>();
  async function signIn(user: CurrentUser) {
    const s = await createSession(t.db, { user, twoFactorDone: true, now: new Date() });
    const [row] = await t.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, s.id));
    cookies.set(user.id, { cookie: `${sessionCookieName()}=${s.token}`, csrf: row.csrf });
  }
  function request(user: CurrentUser, query: string, form?: [string, string][], csrf = true): Request {
    const headers = new Headers({ cookie: cookies.get(user.id)!.cookie });
    const url = `http://localhost/staff/queue${query}`;
    if (!form) return new Request(url, { headers });
    headers.set("content-type", "application/x-www-form-urlencoded");
    const body = new URLSearchParams(form);
    if (csrf) body.set("csrf", cookies.get(user.id)!.csrf);
    return new Request(url, { method: "POST", headers, body });
  }
  const get = (user: CurrentUser, query: string) => outcome(() => route.loader({ request: request(user, query), params: {}, context } as never));
  const post = (user: CurrentUser, form: [string, string][], csrf = true) =>
    outcome(() => route.action({ request: request(user, "", form, csrf), params: {}, context } as never));

  beforeAll(async () => {
    for (const u of [staff1, head, citizen]) await signIn(u);
  });

  it("lists for staff, 403 for citizens, 400 with field errors for bad filters and for a tampered cursor", async () => {
    const today = todayInShanghai(new Date()); // the route uses the real clock
    const c = await makeCase({ names: "路由丁", deadline: [addCalendarDays(today, -1), addCalendarDays(today, 60)] });
    const ok = await get(staff1, `?q=${encodeURIComponent("路由")}`);
    expect(ok.status).toBe(200);
    expect((ok.data!.rows as { id: string; colour: string }[]).map((r) => [r.id, r.colour])).toEqual([[c.id, "ok"]]);
    expect((await get(citizen, "")).status).toBe(403);
    const bad = await get(staff1, "?dueWithin=x&state=NOPE");
    expect(bad.status).toBe(400);
    expect(bad.data!.errors).toEqual({ dueWithin: "errors.queueDueWithin", state: "errors.queueState" });
    expect((await get(staff1, "?cursor=bm90LWEtY3Vyc29y")).status).toBe(400);
  });

  it("claims with CSRF and the version; without CSRF 403 and nothing written", async () => {
    const c = await makeCase({ deadline: ["2026-11-20", "2026-12-20"] });
    const form: [string, string][] = [["intent", "claim"], ["caseNumber", c.caseNumber!], ["version", String(c.version)]];
    expect((await post(staff1, form, false)).status).toBe(403);
    const [before] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(before.handlerId).toBeNull();
    expect(await post(staff1, form)).toMatchObject({ status: 303, location: "/staff/queue?done=claim" });
    const stale = await post(head, [["intent", "reassign"], ["caseNumber", c.caseNumber!], ["version", "1"], ["toUserId", staff2.id], ["reason", "回避"]]);
    expect(stale).toMatchObject({ status: 409, data: { formError: "queue.conflict" } });
    expect((await post(staff1, [["intent", "nope"], ["caseNumber", c.caseNumber!], ["version", "2"]])).status).toBe(400);
  });

  it("the page's one claim form: a row's button value claims that case; a bad value is a 400 and writes nothing", async () => {
    const c = await makeCase({ deadline: ["2026-11-20", "2026-12-20"] });
    const page = await get(staff1, "");
    expect(page.status).toBe(200);
    const bad = await post(staff1, [["intent", "claim"], ["claim", `${c.caseNumber}@x`]]);
    expect(bad).toMatchObject({ status: 400, data: { formError: "errors.badRequest" } });
    const [untouched] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect([untouched.handlerId, untouched.version]).toEqual([null, c.version]);
    expect(await post(staff1, [["intent", "claim"], ["claim", encodeClaimTarget(c.caseNumber!, c.version)]])).toMatchObject({ status: 303, location: "/staff/queue?done=claim" });
    const [claimed] = await t.db.select().from(cases).where(eq(cases.id, c.id));
    expect(claimed.handlerId).toBe(staff1.id);
    // the same button pressed again carries the old version: a conflict, not a second claim
    expect((await post(head, [["intent", "claim"], ["claim", encodeClaimTarget(c.caseNumber!, c.version)]])).status).toBe(409);
  });
});
