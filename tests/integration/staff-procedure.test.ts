// The procedure page of an accepted case (/staff/cases/:caseNumber/procedure) through its loader and action, as the
// organ's staff and office head use it: copy to the respondent (《行政复议法》第四十八条), hearing of views (第四十九条),
// formal hearing (第五十条、第五十一条), extension (第六十二条第一款), suspension and resumption (第三十九条), termination
// (第四十一条), withdrawal (第七十四条第二款) and conversion to the ordinary procedure (第五十五条).
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, caseDocuments, deadlines, hearings } from "../../db/schema/index";
import { addCalendarDays, todayInShanghai, workingDaysBetween } from "~/domain/calendar";
import * as route from "~/routes/staff.cases.$caseNumber_.procedure";
import { loadDeadlineRules } from "~/services/calendar.server";
import type { CurrentUser } from "~/services/session.server";
import { runProcedureCommand, type ProcedurePage } from "~/services/staff-procedure.server";
import { applyCommand } from "~/services/transitions.server";
import { useTestDatabase } from "../support/db";
import { acceptOrdinary, caseRow, demoUser, fileApplication, routeContext, seedDemo, Sessions, staffCast, staffCasePage, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("staff-procedure-test");
const sessions = new Sessions();

// outsider: reconsideration staff of another government (新城区), to whom the 呼和浩特 city cases do not exist
let { citizen, staff, head, outsider, respondentId } = {} as StaffCast;
let staff2: CurrentUser;
let clerk: CurrentUser;

beforeAll(async () => {
  await seedDemo(t);
  ({ citizen, staff, head, outsider, respondentId } = await staffCast(sessions));
  staff2 = await demoUser("staff2");
  clerk = await demoUser("clerk");
});
afterAll(() => setDatabase(undefined));

/** A case filed by citizen1 against the Hohhot market regulator and accepted (ordinary procedure) by staff1. */
async function acceptedCase(): Promise<string> {
  const caseNumber = await fileApplication(citizen, respondentId);
  await acceptOrdinary(staff, caseNumber);
  return caseNumber;
}

const { get, post } = staffCasePage(route, sessions, context, "/procedure");
/** A form of the page, posted on the version the user sees now. */
async function send(user: CurrentUser, caseNumber: string, intent: string, fields: [string, string][], version?: number) {
  const v = version ?? (await caseRow(caseNumber)).version;
  return post(user, caseNumber, [["intent", intent], ["version", String(v)], ...fields]);
}

const documentsOf = async (caseNumber: string) =>
  t.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, (await caseRow(caseNumber)).id));
const openDeadlines = async (caseNumber: string) =>
  t.db
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.caseId, (await caseRow(caseNumber)).id), inArray(deadlines.status, ["running", "paused"])));

/** Everything a command writes on a case: a refused one must leave all of it as it was. */
async function footprint(caseNumber: string) {
  const row = await caseRow(caseNumber);
  const ds = await t.db.select().from(deadlines).where(eq(deadlines.caseId, row.id));
  return {
    version: row.version,
    state: row.state,
    data: row.data,
    events: await t.db.$count(auditEvents, eq(auditEvents.subjectId, row.id)),
    documents: (await documentsOf(caseNumber)).length,
    deadlines: ds.map((d) => `${d.kind}:${d.status}:${d.dueDate}`).sort(),
    hearings: await t.db.$count(hearings, eq(hearings.caseId, row.id)),
  };
}

async function fileReply(caseNumber: string) {
  const row = await caseRow(caseNumber);
  const r = await applyCommand({
    caseId: row.id,
    expectedVersion: row.version,
    command: { type: "FILE_REPLY", evidenceAndBasisSubmitted: true },
    actor: { role: "reconsideration_staff", userId: staff.id },
    now: new Date(),
  });
  expect(r.ok).toBe(true);
}

async function workingDaysFromToday(date: string) {
  const rules = await loadDeadlineRules(t.db);
  return workingDaysBetween(todayInShanghai(new Date()), date, rules.calendar, rules.settings);
}

const pageOf = (r: { data?: Record<string, unknown> }) => (r.data as { page: ProcedurePage }).page;

describe(`the procedure page (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("is for the organ's staff and office head: other organs 404, other roles 403; the forms follow the transition table", async () => {
    const caseNumber = await acceptedCase();
    const r = await get(staff, caseNumber);
    expect(r.status).toBe(200);
    const page = pageOf(r);
    expect(page.state).toBe("ACCEPTED");
    expect(page.intents).toContain("serve_copy");
    expect(page.intents).not.toContain("extend"); // Art. 62(1): the office head's
    expect(page.deadlines.map((d) => d.kind).sort()).toEqual(["copy_to_respondent", "decision"]);
    expect(page.panelCandidates.map((p) => p.id).sort()).toEqual([staff.id, staff2.id, head.id].sort());
    expect(page.clerkCandidates.map((p) => p.id)).toContain(clerk.id);
    expect(pageOf(await get(head, caseNumber)).intents).toContain("extend");
    expect((await get(outsider, caseNumber)).status).toBe(404);
    expect((await get(citizen, caseNumber)).status).toBe(403);
    expect((await send(outsider, caseNumber, "serve_copy", [["respondentReceivedOn", todayInShanghai(new Date())]])).status).toBe(404);
    expect((await get(staff, "NO-SUCH-CASE")).status).toBe(404);
  });

  it("walks copy → views heard → extension → hearing → suspension → resumption, each refusal writing nothing", async () => {
    const caseNumber = await acceptedCase();
    const today = todayInShanghai(new Date());

    // --- copy to the respondent (Art. 48): bad date 400, future date refused by the machine, stale version 409
    let before = await footprint(caseNumber);
    let r = await send(staff, caseNumber, "serve_copy", [["respondentReceivedOn", "2026-13-45"]]);
    expect(r.status).toBe(400);
    expect((r.data as { errors: Record<string, string> }).errors.respondentReceivedOn).toBe("procedure.error.date");
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(staff, caseNumber, "serve_copy", [["respondentReceivedOn", addCalendarDays(today, 3)]]);
    expect(r.status).toBe(400);
    expect(r.data!.message).toContain("不能晚于今天");
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(staff, caseNumber, "serve_copy", [["respondentReceivedOn", today]], before.version - 1);
    expect(r.status).toBe(409);
    expect(r.data!.message).toContain("已被他人");
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(staff, caseNumber, "serve_copy", [["respondentReceivedOn", today]]);
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/cases/${encodeURIComponent(caseNumber)}/procedure?done=serve_copy`);
    expect((await caseRow(caseNumber)).state).toBe("AWAITING_REPLY");
    expect((await documentsOf(caseNumber)).map((d) => d.kind)).toContain("reply_notice");
    const reply = (await openDeadlines(caseNumber)).find((d) => d.kind === "respondent_reply")!;
    expect(reply.startDate).toBe(today);
    expect(await workingDaysFromToday(reply.dueDate)).toBeGreaterThanOrEqual(9); // 10 days, Art. 48 (the period's own rule)
    expect((await openDeadlines(caseNumber)).map((d) => d.kind)).not.toContain("copy_to_respondent");

    await fileReply(caseNumber);

    // --- hearing of views (Art. 49): the note is required; then recorded with the willingness to mediate
    before = await footprint(caseNumber);
    r = await send(staff, caseNumber, "views_heard", [["mode", "phone"], ["willingToMediate", "yes"], ["note", "  "]]);
    expect(r.status).toBe(400);
    expect((r.data as { errors: Record<string, string> }).errors.note).toBe("procedure.error.required");
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(staff, caseNumber, "views_heard", [["mode", "phone"], ["willingToMediate", "yes"], ["note", "申请人坚持认为处罚过重，愿意调解。"]]);
    expect(r.status).toBe(303);
    const views = (await documentsOf(caseNumber)).find((d) => d.kind === "views_record")!;
    expect(views.content).toMatchObject({ mode: "phone", applicantWillingToMediate: true });
    const [noteEvent] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, (await caseRow(caseNumber)).id), eq(auditEvents.action, "case.views_heard_record")));
    expect(noteEvent.payload).toMatchObject({ note: "申请人坚持认为处罚过重，愿意调解。", mode: "phone" });
    expect((await caseRow(caseNumber)).data).toMatchObject({ flags: { viewsHeard: true } });

    // --- extension (Art. 62(1)): staff are refused; more than 30 days refused; the head extends by 30 days once
    before = await footprint(caseNumber);
    r = await send(staff, caseNumber, "extend", [["days", "30"], ["reason", "案情复杂"]]);
    expect(r.status).toBe(400);
    expect(r.data!.message).toContain("行政复议机构负责人");
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(head, caseNumber, "extend", [["days", "31"], ["reason", "案情复杂"]]);
    expect(r.status).toBe(400);
    expect(r.data!.message).toContain("三十日");
    expect(await footprint(caseNumber)).toEqual(before);
    const decisionBefore = (await openDeadlines(caseNumber)).find((d) => d.kind === "decision")!;
    r = await send(head, caseNumber, "extend", [["days", "30"], ["reason", "案情复杂，需要进一步调查"]]);
    expect(r.status).toBe(303);
    const decisionAfter = (await openDeadlines(caseNumber)).find((d) => d.kind === "decision")!;
    expect(decisionAfter.extendedDays).toBe(30);
    expect(decisionAfter.dueDate > decisionBefore.dueDate).toBe(true);
    expect((await documentsOf(caseNumber)).find((d) => d.kind === "extension_notice")?.content).toMatchObject({ days: 30 });
    r = await send(head, caseNumber, "extend", [["days", "10"], ["reason", "再次延长"]]);
    expect(r.status).toBe(400);
    expect(r.data!.message).toContain("已经延长过一次");

    // --- formal hearing (Arts. 50–51): a duplicate panel member and a date < 5 working days ahead are refused
    const late = addCalendarDays(today, 28);
    const panel = (hearingDate: string, members: [string, string], clerkId = clerk.id): [string, string][] => [
      ["hearingDate", hearingDate],
      ["reason", "applicant_request"],
      ["place", "呼和浩特市人民政府行政复议听证室"],
      ["presidingId", staff.id],
      ["memberIds", members[0]],
      ["memberIds", members[1]],
      ["clerkId", clerkId],
      ["issues", "处罚决定认定的事实是否清楚"],
    ];
    before = await footprint(caseNumber);
    r = await send(staff, caseNumber, "schedule_hearing", panel(late, [staff2.id, staff2.id]));
    expect(r.status).toBe(400);
    expect((r.data as { errors: Record<string, string> }).errors.memberIds).toBe("procedure.error.panelDistinct");
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(staff, caseNumber, "schedule_hearing", panel(late, [staff2.id, head.id], staff2.id));
    expect(r.status).toBe(400);
    expect((r.data as { errors: Record<string, string> }).errors.clerkId).toBe("procedure.error.clerkDistinct");
    expect(await footprint(caseNumber)).toEqual(before);
    const soon = addCalendarDays(today, 2);
    expect(await workingDaysFromToday(soon)).toBeLessThan(5);
    r = await send(staff, caseNumber, "schedule_hearing", panel(soon, [staff2.id, head.id]));
    expect(r.status).toBe(400);
    expect(r.data!.message).toContain("五个工作日");
    expect(await footprint(caseNumber)).toEqual(before); // the hearing row written before the command is rolled back
    const hearingDate = addCalendarDays(today, 21);
    expect(await workingDaysFromToday(hearingDate)).toBeGreaterThanOrEqual(5);
    r = await send(staff, caseNumber, "schedule_hearing", panel(hearingDate, [staff2.id, head.id]));
    expect(r.status).toBe(303);
    expect((await caseRow(caseNumber)).state).toBe("HEARING_SCHEDULED");
    const [h] = await t.db.select().from(hearings).where(eq(hearings.caseId, (await caseRow(caseNumber)).id));
    expect(h).toMatchObject({ hearingDate, presidingId: staff.id, memberIds: [staff2.id, head.id], clerkId: clerk.id, place: "呼和浩特市人民政府行政复议听证室" });
    const notices = (await documentsOf(caseNumber)).filter((d) => d.kind === "hearing_notice");
    expect(notices).toHaveLength(1);
    // the notice is rendered from the hearing row written before the command (6.12: time, place, issues, panel)
    expect(JSON.stringify(notices[0].content)).toContain("呼和浩特市人民政府行政复议听证室");
    expect(JSON.stringify(notices[0].content)).toContain(staff2.displayName);
    const shown = pageOf(await get(staff, caseNumber));
    expect(shown.hearing).toMatchObject({ date: hearingDate, presiding: staff.displayName, clerk: clerk.displayName });

    // rescheduled (听证办法 Art. 4): a new notice, the hearing row follows
    r = await send(staff, caseNumber, "reschedule_hearing", [["hearingDate", late], ["reason", "申请人因病请求延期"]]);
    expect(r.status).toBe(303);
    expect((await t.db.select().from(hearings).where(eq(hearings.id, h.id)))[0].hearingDate).toBe(late);
    expect((await documentsOf(caseNumber)).filter((d) => d.kind === "hearing_notice")).toHaveLength(2);

    // recorded on the hearing day (Art. 50(3)); before it, the machine refuses
    r = await send(staff, caseNumber, "record_hearing", [["outcome", "held"], ["record", "听证笔录"]]);
    expect(r.status).toBe(400);
    expect(r.data!.message).toContain("听证日期未到");
    const onTheDay = new Date(`${late}T02:00:00Z`); // 10:00 in Beijing
    const recorded = await runProcedureCommand({
      user: staff,
      caseNumber,
      version: (await caseRow(caseNumber)).version,
      intent: "record_hearing",
      form: { outcome: "held", respondentHeadAttended: "yes", record: "申请人陈述了意见，被申请人负责人出席并答辩。" },
      now: onTheDay,
    });
    expect(recorded).toMatchObject({ ok: true, state: "IN_REVIEW" });
    const [held] = await t.db.select().from(hearings).where(eq(hearings.id, h.id));
    expect(held).toMatchObject({ outcome: "held", record: "申请人陈述了意见，被申请人负责人出席并答辩。" });
    expect((await documentsOf(caseNumber)).map((d) => d.kind)).toContain("hearing_record");

    // --- suspension (Art. 39): ground 6 without both consents is refused; ground 5 suspends; resumption returns
    before = await footprint(caseNumber);
    r = await send(staff, caseNumber, "suspend", [["ground", "mediation_or_settlement"], ["explanation", "双方正在和解"], ["applicantConsent", "yes"]]);
    expect(r.status).toBe(400);
    expect(r.data!.message).toContain("第三十九条第一款第六项");
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(staff, caseNumber, "suspend", [["ground", "nonsense"], ["explanation", "x"]]);
    expect(r.status).toBe(400);
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(staff, caseNumber, "suspend", [["ground", "party_unable"], ["explanation", "申请人住院治疗，不能参加行政复议"]]);
    expect(r.status).toBe(303);
    expect((await caseRow(caseNumber)).state).toBe("SUSPENDED");
    expect((await documentsOf(caseNumber)).find((d) => d.kind === "suspension_notice")?.content).toMatchObject({ ground: "party_unable" });
    expect(pageOf(await get(staff, caseNumber)).intents.sort()).toEqual(["approve_withdrawal", "resume", "terminate"]);
    const paused = (await openDeadlines(caseNumber)).find((d) => d.kind === "decision")!;
    expect(paused.status).toBe("paused"); // the suspension does not count towards the decision period (setting, 7.08)
    // resumed the next day (a same-day resumption trips the deadline engine: see the report of this change)
    const resumed = await runProcedureCommand({
      user: staff,
      caseNumber,
      version: (await caseRow(caseNumber)).version,
      intent: "resume",
      form: { explanation: "申请人已出院" },
      now: new Date(`${addCalendarDays(today, 1)}T02:00:00Z`),
    });
    expect(resumed).toMatchObject({ ok: true, state: "IN_REVIEW" });
    const running = (await openDeadlines(caseNumber)).find((d) => d.kind === "decision")!;
    expect(running.status).toBe("running");
    expect(running.dueDate > paused.dueDate).toBe(true); // the day suspended is made up
    expect((await caseRow(caseNumber)).state).toBe("IN_REVIEW");
    expect((await documentsOf(caseNumber)).map((d) => d.kind)).toContain("resumption_notice");
  });

  it("terminates on an Art. 41 ground: the decision is issued and every period stops", async () => {
    const caseNumber = await acceptedCase();
    const before = await footprint(caseNumber);
    let r = await send(staff, caseNumber, "terminate", [["ground", "criminal_coercive_measures"], ["explanation", "x"]]);
    expect(r.status).toBe(400);
    expect(r.data!.message).toContain("第四十一条第四项"); // not a challenge to a restraint on liberty
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(staff, caseNumber, "terminate", [["ground", "applicant_died_no_heirs"], ["explanation", "申请人死亡，无近亲属"]]);
    expect(r.status).toBe(303);
    expect((await caseRow(caseNumber)).state).toBe("TERMINATED");
    expect((await documentsOf(caseNumber)).find((d) => d.kind === "termination_decision")?.content).toMatchObject({ ground: "applicant_died_no_heirs" });
    expect(await openDeadlines(caseNumber)).toEqual([]);
    expect(pageOf(await get(staff, caseNumber)).intents).toEqual([]);
  });

  it("approves a withdrawal only after the applicant asked for it in writing (Art. 74(2))", async () => {
    const caseNumber = await acceptedCase();
    let before = await footprint(caseNumber);
    let r = await send(staff, caseNumber, "approve_withdrawal", [["confirm", "yes"]]);
    expect(r.status).toBe(400);
    expect(r.data!.message).toContain("尚未提出撤回申请");
    expect(await footprint(caseNumber)).toEqual(before);
    const row = await caseRow(caseNumber);
    const asked = await applyCommand({
      caseId: row.id,
      expectedVersion: row.version,
      command: { type: "REQUEST_WITHDRAWAL", reason: "已与被申请人和解" },
      actor: { role: "citizen", userId: citizen.id, relation: "applicant" },
      now: new Date(),
    });
    expect(asked.ok).toBe(true);
    expect(pageOf(await get(staff, caseNumber)).withdrawalRequested).toBe(true);
    before = await footprint(caseNumber);
    r = await send(staff, caseNumber, "approve_withdrawal", []);
    expect(r.status).toBe(400); // the confirmation box
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(staff, caseNumber, "approve_withdrawal", [["confirm", "yes"]]);
    expect(r.status).toBe(303);
    expect((await caseRow(caseNumber)).state).toBe("TERMINATED");
    const kinds = (await documentsOf(caseNumber)).map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(["withdrawal_record", "termination_decision"]));
  });

  it("converts a simplified case to the ordinary procedure on the head's approval (Art. 55)", async () => {
    // accepted under the simplified procedure on all parties' consent (Art. 53(2))
    const today = todayInShanghai(new Date());
    const caseNumber = await fileApplication(citizen, respondentId);
    const row = await caseRow(caseNumber);
    const simplified = await applyCommand({
      caseId: row.id,
      expectedVersion: row.version,
      command: { type: "ACCEPT", procedure: "simplified", simplifiedBasis: { kind: "all_parties_consent", applicantConsent: true, respondentConsent: true } },
      actor: { role: "reconsideration_staff", userId: staff.id },
      now: new Date(),
    });
    expect(simplified.ok).toBe(true);
    await send(staff, caseNumber, "serve_copy", [["respondentReceivedOn", today]]);
    await fileReply(caseNumber);
    expect(pageOf(await get(staff, caseNumber)).intents).not.toContain("convert");
    let before = await footprint(caseNumber);
    let r = await send(staff, caseNumber, "convert", [["reason", "案情复杂"]]);
    expect(r.status).toBe(400);
    expect(await footprint(caseNumber)).toEqual(before);
    // a simplified case cannot hold a formal hearing (Art. 50) nor be extended (Art. 62(2))
    r = await send(head, caseNumber, "extend", [["days", "10"], ["reason", "x"]]);
    expect(r.status).toBe(400);
    expect(r.data!.message).toContain("简易程序");
    before = await footprint(caseNumber);
    r = await send(head, caseNumber, "convert", [["reason", " "]]);
    expect(r.status).toBe(400);
    expect(await footprint(caseNumber)).toEqual(before);
    r = await send(head, caseNumber, "convert", [["reason", "需要组织听证，不宜适用简易程序"]]);
    expect(r.status).toBe(303);
    const after = await caseRow(caseNumber);
    expect(after.data).toMatchObject({ procedure: "ordinary" });
    const kinds = (await openDeadlines(caseNumber)).map((d) => d.kind);
    expect(kinds).toContain("decision");
    expect(kinds).not.toContain("decision_simplified");
    expect(pageOf(await get(head, caseNumber)).procedure).toBe("ordinary");
  });
});
