// The court-appearance register (出庭应诉登记, issue 7 req. 2; DOMAIN.md 14.01–14.11) through its route: who may keep
// whose register, the form's rules (one zod schema), audited writes, and the head appearance rate /stats computes from
// the entries, checked against a hand count.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, courtAppearances } from "../../db/schema/index";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { courtInstanceSchema } from "~/domain/court-register";
import * as registerRoute from "~/routes/staff.court-appearances";
import * as statsRoute from "~/routes/stats";
import type { CurrentUser } from "~/services/session.server";
import type { MetricRow, StatsReport } from "~/services/statistics.server";
import { engineName, useTestDatabase } from "../support/db";
import { demoUser, organByCode, outcome, routeContext, seedDemo, Sessions, userOfOrgan } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("court-register-test");
const sessions = new Sessions();
const TODAY = () => todayInShanghai(new Date());
const daysAgo = (n: number) => addCalendarDays(TODAY(), -n);

let head: CurrentUser;
let staff: CurrentUser;
let agent: CurrentUser;
let citizen: CurrentUser;
let outsider: CurrentUser;
let cityId: string;
let marketId: string;
let xinchengId: string;

beforeAll(async () => {
  await seedDemo(t);
  head = await demoUser("head");
  staff = await demoUser("staff1");
  agent = await demoUser("agent");
  citizen = await demoUser("citizen1");
  outsider = await userOfOrgan({ email: "court-outsider@example.com", displayName: "新城区法制员", role: "respondent_agent", organCode: "150102" });
  cityId = (await organByCode("150100")).id;
  marketId = (await organByCode("150100-market")).id;
  xinchengId = (await organByCode("150102")).id;
  await sessions.signIn(head, staff, agent, citizen, outsider);
});
afterAll(() => setDatabase(undefined));

type Form = Record<string, string>;
function post(user: CurrentUser, form: Form) {
  const request = sessions.request(user, "http://localhost/staff/court-appearances", Object.entries(form));
  return outcome(() => registerRoute.action({ request, params: {}, context } as never));
}
function view(user: CurrentUser, query = "") {
  const request = sessions.request(user, `http://localhost/staff/court-appearances${query}`);
  return outcome(() => registerRoute.loader({ request, params: {}, context } as never));
}
const rows = () => t.db.select().from(courtAppearances);

let serial = 0;
/** A first instance heard once in court with `appeared` (registered 20 days ago, heard 10 days ago). */
function instance(organId: string, appeared: string, extra: Form = {}): Form {
  serial += 1;
  return {
    organId,
    court: "呼和浩特市中级人民法院",
    lawsuitNumber: `（2026）内01行初${serial}号`,
    instance: "first",
    cause: "行政处罚",
    registeredOn: daysAgo(20),
    hearing1On: daysAgo(10),
    hearing1Appeared: appeared,
    hearing1Name: appeared === "none" ? "" : "王某",
    ...(appeared === "none" || !["chief", "deputy", "in_charge"].includes(appeared) ? { absenceReason: "参加全区防汛紧急会议，已向法院提交盖章的书面说明。" } : {}),
    ...extra,
  };
}

describe(`court-appearance register (${engineName()})`, () => {
  it("14.02 SPC 2020 Art. 7(2): each instance is its own entry; a second instance names the first instance's number", () => {
    const schema = courtInstanceSchema(TODAY());
    const second = schema.safeParse({ ...instance(cityId, "chief"), instance: "second", lawsuitNumber: "（2026）内行终3号" });
    expect(second.success).toBe(false);
    expect(second.error!.issues.map((i) => i.path.join("."))).toContain("firstInstanceNumber");
    const ok = schema.safeParse({ ...instance(cityId, "chief"), instance: "second", lawsuitNumber: "（2026）内行终3号", firstInstanceNumber: "（2026）内01行初1号" });
    expect(ok.success).toBe(true);
  });

  it("14.05 SPC 2020 Arts. 8–9: heard in court without a qualifying head needs the reason; a hearing before service is refused", () => {
    const schema = courtInstanceSchema(TODAY());
    const { absenceReason: _omit, ...noReason } = instance(cityId, "staff");
    expect(schema.safeParse(noReason).error!.issues.map((i) => i.message)).toContain("court.errors.absenceReason");
    const early = schema.safeParse(instance(cityId, "chief", { hearing1On: daysAgo(30) }));
    expect(early.error!.issues.map((i) => i.message)).toContain("court.errors.hearingBeforeRegistered");
    const future = schema.safeParse(instance(cityId, "chief", { registeredOn: addCalendarDays(TODAY(), 1), hearing1On: "" }));
    expect(future.error!.issues.map((i) => i.message)).toContain("court.errors.future");
    const badNumber = schema.safeParse(instance(cityId, "chief", { lawsuitNumber: "12号" }));
    expect(badNumber.error!.issues.map((i) => i.message)).toContain("court.errors.lawsuitNumber");
  });

  it("bad input answers 400 and writes nothing; a foreign organ answers 404; a citizen is refused", async () => {
    const before = (await rows()).length;
    const bad = await post(head, { ...instance(cityId, "chief"), cause: "" });
    expect(bad.status).toBe(400);
    expect((bad.data as { errors: Record<string, string> }).errors.cause).toBe("court.errors.cause");
    expect((await post(outsider, instance(cityId, "chief"))).status).toBe(404);
    expect((await post(head, instance(xinchengId, "chief"))).status).toBe(404);
    expect((await view(citizen)).status).toBe(403);
    expect((await rows()).length).toBe(before);
  });

  it("records entries, audited, refuses a duplicate case number (409), corrects an entry", async () => {
    const form = instance(marketId, "chief");
    const saved = await post(agent, form);
    expect(saved.status).toBe(303);
    const [row] = (await rows()).filter((r) => r.lawsuitNumber === form.lawsuitNumber);
    expect(row.organId).toBe(marketId);
    expect(row.hearings).toEqual([{ on: form.hearing1On, appeared: "chief", appearedName: "王某", headRenotified: false }]);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "court_appearance.recorded"));
    expect(events.some((e) => (e.payload as { entryId?: string }).entryId === row.id)).toBe(true);

    expect((await post(agent, form)).status).toBe(409);
    // the agent corrects: the chief was in fact a staff member → a reason is needed, then it saves
    expect((await post(agent, { ...form, id: row.id, hearing1Appeared: "staff" })).status).toBe(400);
    expect((await post(agent, { ...form, id: row.id, hearing1Appeared: "staff", absenceReason: "出差，已提交书面说明。" })).status).toBe(303);
    const [after] = await t.db.select().from(courtAppearances).where(eq(courtAppearances.id, row.id));
    expect((after.hearings as { appeared: string }[])[0].appeared).toBe("staff");
    const corrected = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "court_appearance.corrected"));
    expect(corrected.some((e) => (e.payload as { before?: { hearings: { appeared: string }[] } }).before?.hearings[0].appeared === "chief")).toBe(true);

    // the staff of the city's office cannot see or correct the market regulator's entry: 404
    expect((await view(staff, `?edit=${row.id}`)).status).toBe(404);
    expect((await post(staff, { ...form, organId: cityId, id: row.id })).status).toBe(404);
  });

  it("14.04, 14.11: /stats counts the head appearance rate by instance, hand-counted", async () => {
    // the city government's own register (head, staff of 呼和浩特市人民政府): four first instances and a second instance
    const entries: Form[] = [
      instance(cityId, "chief"), // counted, appeared
      instance(cityId, "deputy"), // counted, appeared
      instance(cityId, "lower_organ_head"), // counted, not appeared (a lower organ's head does not count, 14.02)
      instance(cityId, "in_charge", { hearing2On: daysAgo(5), hearing2Appeared: "staff", hearing2Name: "李某", hearing2Renotified: "yes", absenceReason: "再次开庭时在外地执行公务。" }), // counted, not appeared (renotified, 14.04)
      instance(cityId, "none", { hearing1On: "", hearing1Appeared: "none", absenceReason: "" }), // not heard in court: not counted
    ];
    entries.push({ ...instance(cityId, "chief"), instance: "second", lawsuitNumber: "（2026）内行终77号", firstInstanceNumber: entries[0].lawsuitNumber }); // second instance, appeared
    for (const e of entries) expect((await post(staff, e)).status, e.lawsuitNumber).toBe(303);

    const request = sessions.request(head, `http://localhost/stats?unit=year&year=${TODAY().slice(0, 4)}`);
    const r = await outcome(() => statsRoute.loader({ request, params: {}, context } as never));
    expect(r.status).toBe(200);
    const report = r.data!.report as StatsReport;
    // counted instances: 4 first + 1 second = 5; appeared: chief, deputy, second-instance chief = 3
    const m = report.metrics.find((x) => x.key === "headAppearance") as MetricRow;
    expect([m.numerator, m.denominator]).toEqual([3, 5]);
    expect(report.court.rate.value).toBeCloseTo(0.6);
    expect(report.court.notHeardInCourt).toBe(1);
    expect(report.court.meetsTarget).toBe(false); // target 90 % (setting headAppearanceTargetPercent)
    expect(report.court.byInstance).toEqual([
      { instance: "first", counted: 4, appeared: 2 },
      { instance: "second", counted: 1, appeared: 1 },
      { instance: "retrial", counted: 0, appeared: 0 },
    ]);
    // the market regulator's entry (head of the city office does not cover the department) is not in the city's count
    expect(report.court.registered).toBe(entries.length);

    // the register page shows the same year's rate to the office
    const page = await view(staff);
    expect(page.status).toBe(200);
    const rate = (page.data as { rate: { numerator: number; denominator: number } }).rate;
    expect([rate.numerator, rate.denominator]).toEqual([3, 5]);
  });
});
