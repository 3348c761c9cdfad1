// The /stats page (issue 7 req. 2; DOMAIN.md §14) on a small data set driven through the real services: ten
// applications to 呼和浩特市人民政府 filed, routed, accepted and decided, mediated, withdrawn, dismissed or refused; two
// opinion letters; two administrative mediation requests; two ratings. The loader's numbers are checked against hand
// counts (in the comments), the scope of the user's organs, the drill-down, the CSV, and who may see the page.
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, setDatabase } from "../../db/client";
import { cases, deadlines, followUpReports, ratings, settings } from "../../db/schema/index";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { DecisionDraftFormSchema } from "~/domain/decision-draft";
import { draftLetter, type LetterState } from "~/domain/machines/letter";
import { newMediationRequest } from "~/domain/machines/mediation";
import type { DecisionType } from "~/domain/machines/reconsideration";
import * as statsRoute from "~/routes/stats";
import type { CurrentUser } from "~/services/session.server";
import { approveDecision, openMediation, recordMediationFailure, serveDecision, signMediationDocument, startDrafting, submitDraftForApproval } from "~/services/staff-decision.server";
import { publicBasis, type MetricRow, type StatsReport } from "~/services/statistics.server";
import { applyCommand, createProcess } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";
import { acceptOrdinary, caseRow, demoUser, fileApplication, organByCode, outcome, routeContext, seedDemo, Sessions, staffCast, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("statistics-test");
const sessions = new Sessions();

let { citizen, staff, head, outsider, respondentId, organId } = {} as StaffCast;
let admin: CurrentUser;
let clerk: CurrentUser;
let agent: CurrentUser;
/** The day the opinion letters' 60-day report period ends. */
let letterDue: string;
const numbers: Record<string, string> = {};

const TODAY = () => todayInShanghai(new Date());
const MONTH = () => TODAY().slice(0, 7);
/** 10:00 in Beijing on `date`. */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
const version = async (caseNumber: string) => (await caseRow(caseNumber)).version;
const must = <R extends { ok: boolean }>(r: R): R => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r;
};

async function command(caseId: string, cmd: { type: string } & Record<string, unknown>, actor: Parameters<typeof applyCommand>[0]["actor"], now = new Date()) {
  const [row] = await t.db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
  const r = await applyCommand({ caseId, expectedVersion: row.version, command: cmd, actor, now });
  if (!r.ok) throw new Error(`${cmd.type}: ${JSON.stringify(r.reason)}`);
}
const asStaff = () => ({ role: "reconsideration_staff" as const, userId: staff.id });
const asApplicant = () => ({ role: "citizen" as const, userId: citizen.id, relation: "applicant" as const });

/** Filed by citizen1 against the market regulator, routed to and accepted by 呼和浩特市人民政府 (Art. 30(1)). */
async function accepted(): Promise<string> {
  const caseNumber = await fileApplication(citizen, respondentId);
  await acceptOrdinary(staff, caseNumber);
  return caseNumber;
}

/** Accepted, copy served, reply with evidence filed, views heard: IN_REVIEW. */
async function inReview(): Promise<string> {
  const caseNumber = await accepted();
  const { id } = await caseRow(caseNumber);
  await command(id, { type: "SERVE_COPY_ON_RESPONDENT" }, asStaff());
  await command(id, { type: "FILE_REPLY", evidenceAndBasisSubmitted: true }, asStaff());
  await command(id, { type: "RECORD_VIEWS_HEARD", mode: "phone", applicantWillingToMediate: true }, asStaff());
  return caseNumber;
}

/** A decision drafted by staff and approved by the head (T28: made); served (T29) when asked. */
async function decide(caseNumber: string, decisionType: DecisionType, opts: { serve?: boolean; beforeApproval?: () => Promise<void> } = {}) {
  must(await startDrafting({ user: staff, caseNumber, version: await version(caseNumber) }));
  const draft = DecisionDraftFormSchema.parse({ decisionType, facts: "查明的事实。", reasoning: "理由。", result: "决定如下。" });
  must(await submitDraftForApproval({ user: staff, caseNumber, version: await version(caseNumber), draft }));
  await opts.beforeApproval?.();
  must(await approveDecision({ user: head, caseNumber, version: await version(caseNumber), approvedBy: "organ_head" }));
  if (opts.serve) must(await serveDecision({ user: staff, caseNumber, version: await version(caseNumber), method: "post", servedOn: TODAY() }));
}

/** Moves the running decision period's last day to yesterday, as an expired period stands in the table. */
async function decisionPeriodEndedYesterday(caseNumber: string) {
  const { id } = await caseRow(caseNumber);
  const moved = await t.db
    .update(deadlines)
    .set({ dueDate: addCalendarDays(TODAY(), -1) })
    .where(and(eq(deadlines.caseId, id), eq(deadlines.kind, "decision"), eq(deadlines.status, "running")))
    .returning({ id: deadlines.id });
  expect(moved).toHaveLength(1);
}

beforeAll(async () => {
  await seedDemo(t);
  // outsider: the office head of 新城区人民政府 (150102), to whom the 呼和浩特 city cases are not theirs
  ({ citizen, staff, head, outsider, respondentId, organId } = await staffCast(sessions, "office_head"));
  admin = await demoUser("admin"); // 内蒙古自治区人民政府, with the organs below
  clerk = await demoUser("clerk");
  agent = await demoUser("agent");
  await sessions.signIn(admin, clerk, agent);

  // ---- ten applications, all received and (but for I and J) accepted today
  // A: revoke (a correction), served
  numbers.A = await inReview();
  await decide(numbers.A, "revoke", { serve: true });
  // B: mediation tried and failed (T18), then upheld: made (T28) but not yet served
  numbers.B = await inReview();
  must(await openMediation({ user: staff, caseNumber: numbers.B, version: await version(numbers.B), applicantWilling: true, respondentWilling: true }));
  must(await recordMediationFailure({ user: staff, caseNumber: numbers.B, version: await version(numbers.B), reason: "no_agreement" }));
  await decide(numbers.B, "uphold");
  // C: confirm illegal (a correction), made after its decision period ended → that period is missed
  numbers.C = await inReview();
  await decide(numbers.C, "confirm_illegal", { serve: true, beforeApproval: () => decisionPeriodEndedYesterday(numbers.C) });
  // D: 调解书 effective (T17)
  numbers.D = await inReview();
  must(await openMediation({ user: staff, caseNumber: numbers.D, version: await version(numbers.D), applicantWilling: true, respondentWilling: true }));
  must(
    await signMediationDocument({
      user: staff,
      caseNumber: numbers.D,
      version: await version(numbers.D),
      form: { facts: "", terms: "双方自愿达成调解协议。", respondentObligations: "", performanceDays: undefined, allPartiesSigned: true, organSealed: true },
    }),
  );
  // E: withdrawn after settlement during mediation (T19)
  numbers.E = await inReview();
  must(await openMediation({ user: staff, caseNumber: numbers.E, version: await version(numbers.E), applicantWilling: true, respondentWilling: true }));
  await command((await caseRow(numbers.E)).id, { type: "REQUEST_WITHDRAWAL", reason: "已与被申请人和解" }, asApplicant());
  await command((await caseRow(numbers.E)).id, { type: "APPROVE_WITHDRAWAL" }, asStaff());
  // F: withdrawn otherwise (T23)
  numbers.F = await inReview();
  await command((await caseRow(numbers.F)).id, { type: "REQUEST_WITHDRAWAL", reason: "不再申请" }, asApplicant());
  await command((await caseRow(numbers.F)).id, { type: "APPROVE_WITHDRAWAL" }, asStaff());
  // G: accepted, then dismissed (T26, Art. 33)
  numbers.G = await accepted();
  await command((await caseRow(numbers.G)).id, { type: "DISMISS_APPLICATION", failedConditions: ["within_scope"], reasons: "不属于行政复议范围" }, asStaff());
  // H: in review, its decision period ended yesterday → overdue now
  numbers.H = await inReview();
  await decisionPeriodEndedYesterday(numbers.H);
  // I: received, still in intake review
  numbers.I = await fileApplication(citizen, respondentId);
  // J: refused (T7)
  numbers.J = await fileApplication(citizen, respondentId);
  await command((await caseRow(numbers.J)).id, { type: "REFUSE", failedConditions: ["within_scope"], reasons: "不属于行政复议范围" }, asStaff());

  // ---- 好差评: A rated 5, J rated 2 (as my-cases.server.ts writes them)
  await t.db.insert(ratings).values([
    { caseId: (await caseRow(numbers.A)).id, userId: citizen.id, score: 5 },
    { caseId: (await caseRow(numbers.J)).id, userId: citizen.id, score: 2 },
  ]);

  // ---- two opinion letters of 呼和浩特市人民政府 to the market regulator, served 80 days ago: L1 reported 30 days
  // after service (on time), L2 never (its 60 days have run out; the scheduler has not run: still "running")
  const served = addCalendarDays(TODAY(), -80);
  const market = await organByCode("150100-market");
  for (const reported of [true, false]) {
    const data = draftLetter({ type: "opinion", recipient: { name: market.name, kind: "respondent", isOwnGovernmentDepartment: false, higherDepartment: null } });
    const { caseId } = await createProcess({ machine: "letter", data: data as unknown as LetterState & Record<string, unknown>, organId }, { actorId: head.id, now: at(served) });
    await getDb().update(cases).set({ respondentOrganId: market.id }).where(eq(cases.id, caseId));
    await command(caseId, { type: "APPROVE" }, { role: "office_head", userId: head.id }, at(served));
    await command(caseId, { type: "ISSUE", servedOn: served }, asStaff(), at(served));
    if (reported) {
      const on = addCalendarDays(served, 30);
      await command(caseId, { type: "SUBMIT_REPORT", summary: "已纠正" }, { role: "respondent_agent", userId: agent.id, relation: "recipient" }, at(on));
      await t.db.insert(followUpReports).values({ subjectId: caseId, kind: "rectification", organId: market.id, filedBy: agent.id, summary: "已纠正", filedAt: at(on) });
    }
    const [period] = await t.db.select({ dueDate: deadlines.dueDate }).from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, "opinion_letter_report")));
    letterDue = period.dueDate;
  }

  // ---- two administrative mediation requests logged by the 呼和浩特 dispute center and mediated by 呼和浩特市人民政府:
  // M1 ends in a signed agreement, M2 fails
  const center = await organByCode("150100-center");
  for (const agreed of [true, false]) {
    const { caseId } = await createProcess({ machine: "mediation", data: { ...newMediationRequest() }, organId: center.id }, { actorId: clerk.id, now: new Date() });
    const asClerk = { role: "center_clerk" as const, userId: clerk.id };
    await command(caseId, { type: "FILE_REQUEST", channel: "walk_in" }, asClerk);
    await command(caseId, { type: "TRIAGE", disputeKind: "civil_related_to_duties", channel: "administrative_mediation", organId }, asClerk);
    await command(caseId, { type: "CONTACT_OTHER_PARTY" }, asStaff());
    await command(caseId, { type: "ACCEPT_REQUEST", otherPartyConsented: true }, asStaff());
    await command(caseId, { type: "START_MEDIATION" }, asStaff());
    await command(caseId, agreed ? { type: "SIGN_AGREEMENT", allPartiesSigned: true, judicialConfirmationEligible: false } : { type: "END_MEDIATION", reason: "no_agreement" }, asStaff());
  }
});
afterAll(() => setDatabase(undefined));

async function get(user: CurrentUser | null, query: string, cookie?: string) {
  const request = sessions.request(user, `http://localhost/stats${query.includes("format=csv") ? "/csv" : ""}?${query}`);
  if (cookie) request.headers.set("cookie", `${request.headers.get("cookie")}; ${cookie}`);
  return outcome(() => statsRoute.loader({ request, params: {}, context } as never));
}
async function report(user: CurrentUser, query: string): Promise<StatsReport> {
  const r = await get(user, query);
  expect(r.status, query).toBe(200);
  return r.data!.report as StatsReport;
}
const metric = (r: StatsReport, key: string, kind?: string): MetricRow => {
  const m = r.metrics.find((x) => x.key === key && (kind === undefined || x.kind === kind));
  if (!m) throw new Error(`no metric ${key} ${kind ?? ""}`);
  return m;
};
const nd = (m: { numerator: number; denominator: number }) => [m.numerator, m.denominator];
const monthQuery = () => `unit=month&month=${MONTH()}`;

describe(`/stats figures against hand counts (DOMAIN.md 14.12–14.16) (${engineName()})`, () => {
  it("volumes: received 10 (A–J), accepted 8 (A–H), closed 7 (A–G: decided, mediated, withdrawn, dismissed)", async () => {
    const r = await report(head, monthQuery());
    expect(r.organ).toMatchObject({ code: "150100", level: "league_city" });
    expect(r.period).toMatchObject({ unit: "month", key: MONTH() });
    expect([r.volumes.received, r.volumes.accepted, r.volumes.closed]).toEqual([10, 8, 7]);
    expect(r.monthly).toEqual([{ month: MONTH(), received: 10, accepted: 8, closed: 7 }]);
    // the year holds the month: the same cases, in its twelve months
    const year = await report(head, `unit=year&year=${MONTH().slice(0, 4)}`);
    expect(year.monthly).toHaveLength(12);
    expect(year.monthly.find((m) => m.month === MONTH())).toEqual({ month: MONTH(), received: 10, accepted: 8, closed: 7 });
    expect([year.volumes.received, year.volumes.accepted, year.volumes.closed]).toEqual([10, 8, 7]);
    // another year has none of them
    const other = await report(head, "unit=year&year=2020");
    expect([other.volumes.received, other.volumes.accepted, other.volumes.closed]).toEqual([0, 0, 0]);
    expect(metric(other, "correction").value).toBeNull();
  });

  it("correction rate = revoke, vary, confirm illegal, order performance ÷ merits decisions (Arts. 63–69): A, C of A, B, C = 2/3; B counts from approval (T28), before service", async () => {
    const r = await report(head, monthQuery());
    const m = metric(r, "correction");
    expect(nd(m)).toEqual([2, 3]);
    expect(m.value).toBeCloseTo(2 / 3, 10);
    expect(Object.fromEntries(r.decisions.filter((d) => d.count > 0).map((d) => [d.type, d.count]))).toEqual({ revoke: 1, uphold: 1, confirm_illegal: 1 });
    // 确认无效 counts as a correction by the default setting (countConfirmVoidAsCorrection, 14.14); not in the denominator's question
    expect(r.decisions.filter((d) => d.correction).map((d) => d.type)).toEqual(["vary", "revoke", "confirm_illegal", "order_performance", "confirm_void"]);
    expect(m.definition.zh).toContain("确认无效决定计入纠错（设置）");
    // the setting off: 确认无效 is no correction; this set has none, so the figures stand
    // (the row as updateSetting writes it; updateSetting itself would also recompute the running periods this file moved)
    const setVoid = (value: boolean) => t.db.update(settings).set({ value }).where(eq(settings.key, "countConfirmVoidAsCorrection")).returning({ key: settings.key });
    expect(await setVoid(false)).toHaveLength(1);
    try {
      const off = await report(head, monthQuery());
      expect(off.decisions.filter((d) => d.correction).map((d) => d.type)).toEqual(["vary", "revoke", "confirm_illegal", "order_performance"]);
      expect(nd(metric(off, "correction"))).toEqual([2, 3]);
      expect(metric(off, "correction").definition.zh).toContain("确认无效决定不计入纠错（设置）");
    } finally {
      await setVoid(true);
    }
    // the page shows the law, not the developers' references
    expect(m.definition.basis).toBe("《行政复议法》第六十三条至第六十九条");
    expect(r.metrics.every((x) => !/DOMAIN\.md|app\/domain/.test(x.definition.basis))).toBe(true);
  });

  it("调撤率 = (调解书 + withdrawal after settlement + other withdrawal) ÷ closed (Arts. 73, 74): D, E, F of 7 = 3/7; mediation in the case succeeded in D, E of B, D, E", async () => {
    const r = await report(head, monthQuery());
    const m = metric(r, "mediationWithdrawal");
    expect(nd(m)).toEqual([3, 7]);
    expect(m.value).toBeCloseTo(3 / 7, 10);
    expect(nd(metric(r, "reconsiderationMediation"))).toEqual([2, 3]);
  });

  it("on-time rate of the decision period (Art. 62): stopped in A–G, met but in C = 6/7; H overdue now (the last day passed), and the unreported letter L2", async () => {
    const r = await report(head, monthQuery());
    expect(nd(metric(r, "onTime", "decision"))).toEqual([6, 7]);
    expect(r.onTime.find((o) => o.kind === "decision")).toMatchObject({ met: 6, stopped: 7 });
    const overdue = metric(r, "overdueNow");
    expect(overdue.numerator).toBe(2);
    expect(r.overdueByKind).toEqual([
      { kind: "decision", count: 1 },
      { kind: "opinion_letter_report", count: 1 },
    ]);
    // the denominator: every period still open (running or paused) of the organ's cases, letters and mediation requests
    const open = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(deadlines)
      .innerJoin(cases, eq(cases.id, deadlines.caseId))
      .where(and(inArray(deadlines.status, ["running", "paused"]), or(eq(cases.organId, organId), sql`${cases.data}->>'organId' = ${organId}`)));
    expect(overdue.denominator).toBe(Number(open[0].n));
    expect(overdue.denominator).toBeGreaterThan(2);
  });

  it("days to decision from acceptance (A, B, C all the same day): average 0 over 3, 90th percentile at rank ⌈0.9 × 3⌉ = 3", async () => {
    const r = await report(head, monthQuery());
    expect(nd(metric(r, "daysAverage"))).toEqual([0, 3]);
    expect(metric(r, "daysAverage").value).toBe(0);
    expect(metric(r, "daysPercentile")).toMatchObject({ numerator: 3, denominator: 3, value: 0 });
  });

  it("opinion letters reported within 60 days (Art. 76): L1 of L1, L2 = 1/2, in the month their period ends", async () => {
    const r = await report(head, `unit=month&month=${letterDue.slice(0, 7)}`);
    expect(nd(metric(r, "letters"))).toEqual([1, 2]);
  });

  it("administrative mediation: M1 agreed of M1, M2 = 1/2; satisfaction (5 + 2) ÷ 2 = 3.5", async () => {
    const r = await report(head, monthQuery());
    expect(nd(metric(r, "mediation"))).toEqual([1, 2]);
    const s = metric(r, "satisfaction");
    expect(nd(s)).toEqual([7, 2]);
    expect(s.value).toBe(3.5);
    expect(r.satisfaction).toEqual([
      { score: 1, count: 0 },
      { score: 2, count: 1 },
      { score: 3, count: 0 },
      { score: 4, count: 0 },
      { score: 5, count: 1 },
    ]);
    // no committee referral, no performance period in this set
    expect(nd(metric(r, "committeeReferred"))).toEqual([0, 7]);
    expect(nd(metric(r, "performance"))).toEqual([0, 0]);
    // court appearance: nothing registered in this data set (tests/integration/court-register.test.ts counts the register)
    expect(r.court).toMatchObject({ registered: 0, targetPercent: expect.any(Number) });
  });
});

describe(`/stats scope and drill-down (autonomous region → 盟市 → 旗县) (${engineName()})`, () => {
  it("the head of another organ (新城区) sees none of these cases, and may not open 呼和浩特市 or the region", async () => {
    const r = await report(outsider, monthQuery());
    expect(r.organ.code).toBe("150102");
    expect([r.volumes.received, r.volumes.accepted, r.volumes.closed]).toEqual([0, 0, 0]);
    expect(r.metrics.every((m) => m.denominator === 0)).toBe(true);
    expect((await get(outsider, `${monthQuery()}&organ=150100`)).status).toBe(403);
    expect((await get(head, `${monthQuery()}&organ=150000`)).status).toBe(403);
    expect((await get(head, `${monthQuery()}&organ=159999`)).status).toBe(404);
    expect((await get(head, "unit=month&month=2026-13")).status).toBe(400);
    expect((await get(head, `${monthQuery()}&format=csv&table=nothing`)).status).toBe(400);
  });

  it("the head of 呼和浩特市 without the organs below sees their own level only; the way up is not a link", async () => {
    const r = await report(head, monthQuery());
    expect(r.trail).toEqual([{ code: "150000", name: "内蒙古自治区人民政府", linkable: false }]);
    expect(r.drill?.own).toMatchObject({ code: "150100", received: 10, accepted: 8, closed: 7, overdueNow: 2 });
    expect(r.drill?.children).toEqual([]);
  });

  it("an admin of the region sees the same cases under 呼和浩特市 among the 12 盟市, and drills down to it", async () => {
    const r = await report(admin, monthQuery());
    expect(r.organ.code).toBe("150000");
    expect([r.volumes.received, r.volumes.accepted, r.volumes.closed]).toEqual([10, 8, 7]);
    expect(nd(metric(r, "correction"))).toEqual([2, 3]);
    expect(r.drill!.children).toHaveLength(12);
    expect(r.drill!.own).toMatchObject({ received: 0, closed: 0 });
    const hohhot = r.drill!.children.find((c) => c.code === "150100")!;
    expect(hohhot).toMatchObject({ linkable: true, received: 10, accepted: 8, closed: 7, overdueNow: 2 });
    expect(hohhot.correction).toMatchObject({ numerator: 2, denominator: 3 });
    expect(hohhot.mediationWithdrawal).toMatchObject({ numerator: 3, denominator: 7 });
    expect(r.drill!.children.filter((c) => c.code !== "150100").every((c) => c.received === 0)).toBe(true);

    const city = await report(admin, `${monthQuery()}&organ=150100`);
    expect(city.trail).toEqual([{ code: "150000", name: "内蒙古自治区人民政府", linkable: true }]);
    expect(city.drill!.own).toMatchObject({ code: "150100", received: 10 });
    expect(city.drill!.children.map((c) => c.code)).toContain("150102");
    expect(city.drill!.children.every((c) => c.received === 0 && c.linkable)).toBe(true);
  });
});

describe(`/stats CSV and access (${engineName()})`, () => {
  async function csv(user: CurrentUser, query: string, cookie?: string) {
    const request = sessions.request(user, `http://localhost/stats${query.includes("format=csv") ? "/csv" : ""}?${query}`);
    if (cookie) request.headers.set("cookie", `${request.headers.get("cookie")}; ${cookie}`);
    const response = (await statsRoute.loader({ request, params: {}, context } as never)) as Response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { response, bytes, lines: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1).split("\r\n").slice(0, -1) };
  }

  it("the drill-down table as CSV: UTF-8 with a BOM, a header row, one row per area", async () => {
    const { response, bytes, lines } = await csv(admin, `${monthQuery()}&format=csv&table=organs`);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="stats-organs-150000-${MONTH()}.csv"`);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe("地区（政府）,收案,受理,结案,纠错决定,作出决定,纠错率,调解、撤回结案,调撤率,当前逾期期间");
    expect(lines[1]).toBe("本级：内蒙古自治区人民政府,0,0,0,0,0,—,0,—,0");
    expect(lines).toContain("呼和浩特市人民政府,10,8,7,2,3,66.7%,3,42.9%,2");
    expect(lines).toHaveLength(1 + 1 + 12);
  });

  it("the metrics table in English: definitions with commas are quoted fields (RFC 4180)", async () => {
    const { lines } = await csv(head, `${monthQuery()}&format=csv&table=metrics`, "imr_lang=en");
    expect(lines[0]).toBe("Metric,Period,Numerator,Denominator,Value,Definition,Basis");
    const row = lines.find((l) => l.startsWith("Correction rate,"))!;
    expect(row.startsWith(`Correction rate,${MONTH()},2,3,66.7%,"Correction rate = decisions to revoke, vary, confirm illegality`)).toBe(true);
    // a definition without a comma or quote stays unquoted
    expect(lines.find((l) => l.startsWith("Mediation-withdrawal rate,"))!.startsWith(`Mediation-withdrawal rate,${MONTH()},3,7,42.9%,Mediation-withdrawal rate = (closed by`)).toBe(true);
    expect(lines.find((l) => l.startsWith("On-time rate: Decision (ordinary procedure),"))!.startsWith(`On-time rate: Decision (ordinary procedure),${MONTH()},6,7,85.7%,`)).toBe(true);
  });

  it("the other tables download too", async () => {
    expect((await csv(head, `${monthQuery()}&format=csv&table=volumes`)).lines).toEqual(["月份,收案,受理,结案", `${MONTH()},10,8,7`]);
    const decisions = (await csv(head, `${monthQuery()}&format=csv&table=decisions`)).lines;
    expect(decisions[0]).toBe("决定类型,件数,计入纠错");
    expect(decisions).toContain("维持（第六十八条）,1,否");
    expect(decisions).toContain("确认违法（第六十五条）,1,是");
    expect((await csv(head, `${monthQuery()}&format=csv&table=satisfaction`)).lines).toEqual(["评分,件数", "1,0", "2,1", "3,0", "4,0", "5,1"]);
    expect((await csv(head, `${monthQuery()}&format=csv&table=onTime`)).lines).toContain("行政复议决定期限（普通程序）,6,7,85.7%");
  });

  it("staff, agents, clerks and citizens get 403; a visitor not signed in is sent to log in", async () => {
    for (const user of [staff, agent, clerk, citizen]) expect((await get(user, monthQuery())).status, user.email ?? "").toBe(403);
    const anonymous = await get(null, monthQuery());
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
  });
});

describe("publicBasis (what the page cites)", () => {
  it("keeps the law and drops DOMAIN.md references, also with ； inside parentheses", () => {
    expect(publicBasis("DOMAIN.md 14.12（S29；S30）、14.13；《行政复议法》第六十三条至第六十九条")).toBe("《行政复议法》第六十三条至第六十九条");
    expect(publicBasis("《行政复议法》第三十条；DOMAIN.md 14.13")).toBe("《行政复议法》第三十条");
    expect(publicBasis("DOMAIN.md 11.03、§15 计时器；app/domain/deadlines.ts（met / missed）")).toBe("");
  });
});
