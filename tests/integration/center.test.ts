// The intake queue of the one-stop dispute center (issue 5 req. 1; DOMAIN.md §16, 16.1, 12.35): every new item waits
// "pending" at the center, a clerk routes it (confirm or override with a reason) in one version-checked transaction, the
// organ's queue then shows it, and the citizen sees where it went and why. Through the routes' loaders and actions.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, caseDocuments, caseRoutings, cases, deadlines } from "../../db/schema/index";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import type { QueueFilters } from "~/domain/queue";
import * as indexRoute from "~/routes/center._index";
import * as itemRoute from "~/routes/center.items.$caseNumber";
import * as newRoute from "~/routes/center.new";
import { listPending, rerouteItem, routeAsSuggested, routeItem } from "~/services/center.server";
import { submitMediation } from "~/services/filing.server";
import { getMyCase } from "~/services/my-cases.server";
import type { CurrentUser } from "~/services/session.server";
import { listQueue } from "~/services/staff-queue.server";
import { engineName, useTestDatabase } from "../support/db";
import { submissionKey, validResidentId } from "../support/filing-fixture";
import { caseRow, demoUser, fileApplication, organByCode, outcome, routeContext, seedDemo, Sessions, userOfOrgan } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("center-test");
const sessions = new Sessions();

let citizen: CurrentUser;
let clerk: CurrentUser;
let otherClerk: CurrentUser;
let staff: CurrentUser;
let admin: CurrentUser;
let respondentId: string;
const organ: Record<string, { id: string; name: string }> = {};

beforeAll(async () => {
  await seedDemo(t);
  citizen = await demoUser("citizen1");
  clerk = await demoUser("clerk");
  staff = await demoUser("staff1");
  admin = await demoUser("admin");
  for (const code of ["150100", "150100-center", "150100-market", "150100-justice", "150000-justice", "150102", "150102-center"]) {
    organ[code] = await organByCode(code);
  }
  respondentId = organ["150100-market"].id;
  // a clerk of the 新城区 center: the 呼和浩特 city center's items are not theirs
  otherClerk = await userOfOrgan({ email: "clerk-xincheng@example.com", displayName: "新城区中心", role: "center_clerk", organCode: "150102-center" });
  await sessions.signIn(citizen, clerk, otherClerk, staff, admin);
});
afterAll(() => setDatabase(undefined));

/** An online application by citizen1 against the Hohhot market regulator (competent: the city government, Art. 24(1)(1)). */
const fileOnline = () => fileApplication(citizen, respondentId, "yes", { routed: false });

const request = (user: CurrentUser | null, path: string, form?: [string, string][]) => sessions.request(user, `http://localhost${path}`, form);

const itemPath = (n: string) => `/center/items/${encodeURIComponent(n)}`;
const getItem = (user: CurrentUser, n: string) => outcome(() => itemRoute.loader({ request: request(user, itemPath(n)), params: { caseNumber: n }, context } as never));
const postItem = (user: CurrentUser, n: string, form: [string, string][]) =>
  outcome(() => itemRoute.action({ request: request(user, itemPath(n), form), params: { caseNumber: n }, context } as never));
const postNew = (user: CurrentUser, form: [string, string][]) => outcome(() => newRoute.action({ request: request(user, "/center/new", form), params: {}, context } as never));

const routingsOf = (caseId: string) => t.db.select().from(caseRoutings).where(eq(caseRoutings.caseId, caseId));
const eventsOf = (caseId: string) => t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectType, "case"), eq(auditEvents.subjectId, caseId)));
const inQueue = async (user: CurrentUser, caseNumber: string) =>
  (await listQueue({ user, filters: { overdue: false, q: caseNumber } as QueueFilters, limit: 50 })).rows.some((r) => r.caseNumber === caseNumber);

describe(`the dispute center's intake queue (${engineName()})`, () => {
  it("an online application lands pending at the center of its organ's division, not yet in the organ's queue", async () => {
    const n = await fileOnline();
    const row = await caseRow(n);
    expect(row.triageStatus).toBe("pending");
    expect(row.centerOrganId).toBe(organ["150100-center"].id);
    expect(row.organId).toBe(organ["150100"].id); // the competent organ computed at filing stays (Art. 24(1)(1))
    expect(await inQueue(staff, n)).toBe(false);

    const page = await outcome(() => indexRoute.loader({ request: request(clerk, "/center"), params: {}, context } as never));
    expect(page.status).toBe(200);
    const items = (page.data as { items: { caseNumber: string; channel: string; applicantNames: string; clock: { target: number } }[] }).items;
    const mine = items.find((i) => i.caseNumber === n)!;
    expect(mine).toMatchObject({ channel: "online", applicantNames: "张三" });
    expect(mine.clock.target).toBe(1);
    // oldest first
    const times = (page.data as { items: { receivedAt: string }[] }).items.map((i) => i.receivedAt);
    expect([...times].sort()).toEqual(times);
    // the citizen is told the center is routing it
    expect((await getMyCase(citizen.id, n))!.whereabouts).toEqual({ pending: true, routings: [] });
  });

  it("the clerk sees the rules' suggestion and confirms it: the organ's queue gets the case, the citizen sees where and why", async () => {
    const n = await fileOnline();
    const page = await getItem(clerk, n);
    expect(page.status).toBe(200);
    const item = (page.data as { item: { version: number; suggestion: { channel: string; organ: { id: string }; reasonKey: string; basis: string } } }).item;
    expect(item.suggestion).toMatchObject({ channel: "reconsideration", organ: { id: organ["150100"].id }, reasonKey: "center.reason.competent" });
    expect(item.suggestion.basis).toContain("第二十四条第一款第一项");

    const r = await postItem(clerk, n, [
      ["intent", "confirm"],
      ["version", String(item.version)],
    ]);
    expect(r).toMatchObject({ status: 303, location: "/center?done=routed" });
    const row = await caseRow(n);
    expect(row.triageStatus).toBe("routed");
    expect(row.triagedAt).not.toBeNull();
    expect(row.version).toBe(item.version + 1);
    expect((row.data as { version: number }).version).toBe(row.version); // the machine sees the same version
    const routings = await routingsOf(row.id);
    expect(routings).toHaveLength(1);
    expect(routings[0]).toMatchObject({ fromOrganId: organ["150100-center"].id, toOrganId: organ["150100"].id, channel: "reconsideration", overridden: false, reason: null, actorId: clerk.id });
    expect((await eventsOf(row.id)).filter((e) => e.action === "case.routed")).toHaveLength(1);
    expect(await inQueue(staff, n)).toBe(true);
    expect((await listPending({ user: clerk })).some((i) => i.caseNumber === n)).toBe(false);

    const mine = (await getMyCase(citizen.id, n))!;
    expect(mine.whereabouts.pending).toBe(false);
    expect(mine.whereabouts.routings).toEqual([
      expect.objectContaining({ organName: organ["150100"].name, channel: "reconsideration", reason: null, reasonKey: "center.reason.competent" }),
    ]);
    // the next machine command still works on the version the staff page shows
    expect(mine.whereabouts.routings[0].reasonValues.organ).toBe(organ["150100"].name);
  });

  it("an override without a reason is refused with 400 and writes nothing; with a reason it is recorded and shown", async () => {
    const n = await fileOnline();
    const before = await caseRow(n);
    const eventsBefore = (await eventsOf(before.id)).length;
    const bad = await postItem(clerk, n, [
      ["intent", "override"],
      ["version", String(before.version)],
      ["channel", "reconsideration"],
      ["organId", organ["150000-justice"].id],
      ["reason", "   "],
    ]);
    expect(bad.status).toBe(400);
    expect((bad.data as { formError: string }).formError).toBe("center.errors.reasonRequired");
    const after = await caseRow(n);
    expect(after).toMatchObject({ version: before.version, triageStatus: "pending", organId: before.organId });
    expect(await routingsOf(before.id)).toHaveLength(0);
    expect((await eventsOf(before.id)).length).toBe(eventsBefore);

    // a mediation channel for a reconsideration application is refused too
    const wrong = await routeItem({ user: clerk, caseNumber: n, version: before.version, decision: "override", channel: "petition", organId: organ["150100"].id, reason: "信访" });
    expect(wrong).toMatchObject({ ok: false, status: 400, formError: "center.errors.reconsiderationChannel" });

    const ok = await postItem(clerk, n, [
      ["intent", "override"],
      ["version", String(before.version)],
      ["channel", "reconsideration"],
      ["organId", organ["150100-justice"].id],
      ["reason", "申请人当场说明系对司法局的行为不服"],
    ]);
    expect(ok.status).toBe(303);
    const [routing] = await routingsOf(before.id);
    expect(routing).toMatchObject({ toOrganId: organ["150100-justice"].id, overridden: true, reason: "申请人当场说明系对司法局的行为不服" });
    expect((routing.suggestion as { organId: string }).organId).toBe(organ["150100"].id);
    expect((await caseRow(n)).organId).toBe(organ["150100-justice"].id);
    const mine = (await getMyCase(citizen.id, n))!;
    expect(mine.whereabouts.routings[0]).toMatchObject({ organName: organ["150100-justice"].name, reason: "申请人当场说明系对司法局的行为不服" });
  });

  it("a stale version answers 409 (已被他人更新，请刷新) and changes nothing", async () => {
    const n = await fileOnline();
    const row = await caseRow(n);
    const r = await postItem(clerk, n, [
      ["intent", "confirm"],
      ["version", String(row.version - 1)],
    ]);
    expect(r.status).toBe(409);
    expect((r.data as { formError: string }).formError).toBe("center.errors.conflict");
    const { zh } = await import("~/locales/areas/center");
    expect(zh["center.errors.conflict"]).toContain("已被他人更新，请刷新");
    expect(await caseRow(n)).toMatchObject({ version: row.version, triageStatus: "pending" });
    expect(await routingsOf(row.id)).toHaveLength(0);
    // routing twice: the second, on the old version, is refused
    expect((await routeItem({ user: clerk, caseNumber: n, version: row.version, decision: "confirm" })).ok).toBe(true);
    expect(await routeItem({ user: clerk, caseNumber: n, version: row.version, decision: "confirm" })).toMatchObject({ ok: false, status: 409 });
    expect(await routingsOf(row.id)).toHaveLength(1);
  });

  it("another center's clerk gets 404 (the item does not exist for them); staff get 403; an admin covering it may look but not route", async () => {
    const n = await fileOnline();
    const row = await caseRow(n);
    expect((await getItem(otherClerk, n)).status).toBe(404);
    expect((await postItem(otherClerk, n, [["intent", "confirm"], ["version", String(row.version)]])).status).toBe(404);
    expect((await listPending({ user: otherClerk })).some((i) => i.caseNumber === n)).toBe(false);
    expect((await getItem(staff, n)).status).toBe(403);
    expect((await getItem(admin, n)).status).toBe(200);
    expect((await postItem(admin, n, [["intent", "confirm"], ["version", String(row.version)]])).status).toBe(403);
    expect(await caseRow(n)).toMatchObject({ version: row.version, triageStatus: "pending" });
  });

  it("a walk-in oral application is recorded by the clerk and signed by the applicant (Art. 22(3)): the machine issues the 口头申请笔录", async () => {
    const today = todayInShanghai(new Date());
    const fields = (signed: boolean): [string, string][] => [
      ["centerId", organ["150100-center"].id],
      ["source", "walk_in"],
      ["kind", "reconsideration"],
      ["submissionKey", submissionKey()],
      ["applicants.applicants.0.name", "李四"],
      ["applicants.applicants.0.sex", "male"],
      ["applicants.applicants.0.birthDate", "1990-03-07"],
      ["applicants.applicants.0.idNumber", validResidentId()],
      ["applicants.applicants.0.address", "呼和浩特市新城区某路2号"],
      ["applicants.applicants.0.phone", "13800138001"],
      ["act.respondentOrganId", respondentId],
      ["act.actTitle", "行政处罚决定书"],
      ["act.actDocumentNumber", "呼市监罚〔2026〕88号"],
      ["act.actKind", "penalty"],
      ["act.madeOn", addCalendarDays(today, -10)],
      ["act.learnedOn", addCalendarDays(today, -8)],
      ["act.informed", "yes"],
      ["act.onTheSpotPenalty", "no"],
      ["act.failureToAct", "no"],
      ["requests.requests", "撤销该处罚决定"],
      ["requests.factsAndReasons", "事实不清。"],
      ["requests.suedInCourt", "no"],
      ...(signed ? ([["applicantSignedRecord", "yes"]] as [string, string][]) : []),
    ];
    const count = async () => Number((await t.db.select({ n: sql<number>`count(*)::int` }).from(cases))[0].n);
    const before = await count();
    const unsigned = await postNew(clerk, fields(false));
    expect(unsigned.status).toBe(400);
    expect((unsigned.data as { errors: Record<string, string> }).errors.applicantSignedRecord).toBe("center.errors.signedRecord");
    expect(await count()).toBe(before); // nothing written, no case number used

    const online = await fileOnline(); // the city organ's number sequence, to check it has no gap
    const seq = (cn: string) => Number(cn.split("-").pop());
    const r = await postNew(clerk, fields(true));
    expect(r.status).toBe(303);
    const n = decodeURIComponent(r.location!.split("/").pop()!.split("?")[0]);
    expect(seq(n)).toBe(seq(online) + 1);
    const row = await caseRow(n);
    expect(row).toMatchObject({ machine: "reconsideration", channel: "walk_in", filedBy: null, triageStatus: "pending", centerOrganId: organ["150100-center"].id, applicantNames: "李四" });
    expect(row.state).toBe("INTAKE_REVIEW");
    const docs = await t.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, row.id));
    expect(docs.map((d) => d.kind)).toContain("oral_application_record");
    expect(docs.find((d) => d.kind === "oral_application_record")!.basis).toContain("第二十二条第三款");
    expect((await t.db.select().from(deadlines).where(eq(deadlines.caseId, row.id))).map((d) => d.kind)).toContain("acceptance_review");
    expect((await listPending({ user: clerk })).some((i) => i.caseNumber === n && i.channel === "walk_in")).toBe(true);
    // then routed like any other item, into the city government's queue
    expect((await routeAsSuggested({ caseNumber: n })).ok).toBe(true);
    expect(await inQueue(staff, n)).toBe(true);
  });

  it("a 12345 hotline item classified as a mediation request is registered (phone) and triaged through the machine (M2)", async () => {
    const r = await postNew(clerk, [
      ["centerId", organ["150100-center"].id],
      ["source", "hotline_12345"],
      ["kind", "mediation"],
      ["submissionKey", submissionKey()],
      ["category", "consumer_rights"],
      ["applicantName", "王五"],
      ["applicantPhone", "13800138002"],
      ["otherPartyKind", "organisation"],
      ["otherPartyName", "某商场"],
      ["happened", "购买的商品有质量问题，商场拒绝退货。"],
      ["wantedOutcome", "退货退款"],
      ["consent", "yes"],
    ]);
    expect(r.status).toBe(303);
    const n = decodeURIComponent(r.location!.split("/").pop()!.split("?")[0]);
    expect(n).toMatch(/^TJ\d{4}-150100-CENTER-\d{5}$/);
    const row = await caseRow(n);
    expect(row).toMatchObject({ machine: "mediation", state: "RECEIVED", channel: "hotline_12345", triageStatus: "pending" });
    const page = await getItem(clerk, n);
    const item = (page.data as { item: { version: number; disputeKind: string; suggestion: { channel: string; organ: { name: string }; item: string } } }).item;
    expect(item.disputeKind).toBe("civil_related_to_duties");
    expect(item.suggestion).toMatchObject({ item: "b", channel: "administrative_mediation", organ: { name: "呼和浩特市市场监督管理局" } });
    const done = await postItem(clerk, n, [
      ["intent", "confirm"],
      ["version", String(item.version)],
      ["disputeKind", "civil_related_to_duties"],
    ]);
    expect(done.status).toBe(303);
    const after = await caseRow(n);
    expect(after).toMatchObject({ state: "TRIAGED", organId: organ["150100-market"].id, triageStatus: "routed" });
    const running = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, row.id), eq(deadlines.status, "running")));
    expect(running.map((d) => d.kind)).not.toContain("mediation_triage"); // the triage period stopped
  });

  it("an online mediation request waits at the center too; (g) to reconsideration is refused by the machine, nothing written", async () => {
    const res = await submitMediation({
      user: citizen,
      input: {
        category: "other",
        divisionCode: "150100",
        applicantName: "张三",
        applicantPhone: "13800138000",
        otherPartyKind: "organisation",
        otherPartyName: "某街道办事处",
        happened: "街道办调解邻里纠纷时偏袒对方。",
        wantedOutcome: "重新处理",
        consent: "yes",
        electronicServiceConsent: "yes",
        submissionKey: submissionKey(),
      },
    });
    if (!res.ok) throw new Error(res.formError);
    const row = await caseRow(res.caseNumber);
    expect(row).toMatchObject({ triageStatus: "pending", centerOrganId: organ["150100-center"].id });
    const r = await routeItem({
      user: clerk,
      caseNumber: res.caseNumber,
      version: row.version,
      decision: "override",
      disputeKind: "objection_to_civil_mediation_by_organ",
      channel: "reconsideration",
      organId: organ["150100"].id,
      reason: "申请人坚持",
    });
    expect(r).toMatchObject({ ok: false, status: 400 });
    expect((r as { message?: string }).message).toContain("第十二条第四项");
    expect(await caseRow(res.caseNumber)).toMatchObject({ version: row.version, triageStatus: "pending", state: "RECEIVED" });
    expect(await routingsOf(row.id)).toHaveLength(0);
  });

  it("re-routing later by the organ's staff adds a routing row; the citizen files nothing and sees both", async () => {
    const n = await fileOnline();
    expect((await routeAsSuggested({ caseNumber: n })).ok).toBe(true);
    const row = await caseRow(n);
    const noReason = await rerouteItem({ user: staff, caseNumber: n, version: row.version, organId: organ["150100-justice"].id, reason: "" });
    expect(noReason).toMatchObject({ ok: false, status: 400 });
    const stale = await rerouteItem({ user: staff, caseNumber: n, version: row.version - 1, organId: organ["150100-justice"].id, reason: "应由司法局办理" });
    expect(stale).toMatchObject({ ok: false, status: 409 });
    expect(await routingsOf(row.id)).toHaveLength(1);
    const r = await rerouteItem({ user: staff, caseNumber: n, version: row.version, organId: organ["150100-justice"].id, reason: "申请人选择由上一级司法行政部门办理" });
    expect(r.ok).toBe(true);
    const after = await caseRow(n);
    expect(after).toMatchObject({ organId: organ["150100-justice"].id, handlerId: null, version: row.version + 1 });
    expect(await routingsOf(row.id)).toHaveLength(2);
    expect(await inQueue(staff, n)).toBe(false); // it left the city government's queue
    const mine = (await getMyCase(citizen.id, n))!;
    expect(mine.whereabouts.routings.map((w) => w.organName)).toEqual([organ["150100"].name, organ["150100-justice"].name]);
    expect(mine.whereabouts.routings[1].reason).toBe("申请人选择由上一级司法行政部门办理");
    // the staff of another organ cannot move it
    expect(await rerouteItem({ user: otherClerk, caseNumber: n, version: after.version, organId: organ["150100"].id, reason: "x" })).toMatchObject({ status: 404 });
  });
});
