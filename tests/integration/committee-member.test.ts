// The committee member's workspace and the meeting or written round (《行政复议法》第五十二条; DOMAIN.md §17, 6.23),
// through the routes' loaders and actions as the members and the secretary use them: the period (10 WD, ending 5 WD
// before the decision is due), the declaration before any of the file (a declared conflict removes the member), the
// digest with personal information masked (第三十六条第二款), answers per question, the quorum, the record with the
// dissent verbatim (第五十二条第三款) that freezes the answers, stale versions, access, and the members' reminders.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { cases, consultationMembers, deadlines, memberAnswers, notifications, respondentReplies } from "../../db/schema/index";
import { addWorkingDays, todayInShanghai, workingDaysBetween } from "~/domain/calendar";
import { MASKS } from "~/domain/personal-data";
import type { ConsultationState } from "~/domain/machines/consultation";
import * as listRoute from "~/routes/committee._index";
import * as memberRoute from "~/routes/committee.$consultationId";
import * as staffRoute from "~/routes/staff.consultations.$consultationId";
import { loadDeadlineRules } from "~/services/calendar.server";
import { sendConsultationReminders, type AssignedConsultation, type MemberConsultationPage, type SecretaryConsultationPage } from "~/services/committee-member.server";
import { sendDeadlineReminders } from "~/services/reminders.server";
import { dispatchOutbox } from "~/services/notify.server";
import { runDueTransitions } from "~/services/transitions.server";
import type { CurrentUser } from "~/services/session.server";
import { isMessageKey } from "~/utils/i18n";
import { engineName, useTestDatabase } from "../support/db";
import { demoMembers, makeConsultation, type ConsultationFixture } from "../support/committee-fixture";
import { acceptOrdinary, caseRow, demoUser, fileApplication, outcome, routeContext, seedDemo, Sessions, staffCast, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("committee-member-test");
const sessions = new Sessions();

// outsider: reconsideration staff of 新城区, to whom the 呼和浩特 city cases (and their consultations) do not exist
let { citizen, staff, head, outsider, respondentId } = {} as StaffCast;
let m1: CurrentUser, m2: CurrentUser, m3: CurrentUser, agent: CurrentUser;

beforeAll(async () => {
  await seedDemo(t);
  ({ citizen, staff, head, outsider, respondentId } = await staffCast(sessions));
  [m1, m2, m3] = await demoMembers();
  agent = await demoUser("agent");
  await sessions.signIn(m1, m2, m3);
});
afterAll(() => setDatabase(undefined));

// The personal data a real file holds, in the applicant's facts and reasons and in the respondent's reply.
const RAW_ID = "150102198503071234";
const RAW_MOBILE = "13947112345";
const RAW_STREET = "海拉尔东路12号";
const FACTS = `申请人张三（公民身份号码${RAW_ID}，电话${RAW_MOBILE}）住呼和浩特市新城区${RAW_STREET}锦绣小区3号楼2单元501室，其经营的超市被处以罚款。`;
const REPLY = "经查，申请人张三（联系电话：0471-6912345）销售不合格食品，事实清楚。";
const FILE_ID = "0f6d3c1e-8a52-4a3e-9a55-2b7f3c0e9d11";

/** A case filed, routed and accepted, with the personal data above; a consultation on it run up to `until`. */
async function consultation(members: CurrentUser[], opts: Partial<Parameters<typeof makeConsultation>[0]> = {}): Promise<ConsultationFixture> {
  const caseNumber = await fileApplication(citizen, respondentId);
  await acceptOrdinary(staff, caseNumber);
  const row = await caseRow(caseNumber);
  const filing = row.filing as { application: Record<string, Record<string, unknown>> };
  const application = filing.application;
  await t.db
    .update(cases)
    .set({
      filing: {
        ...filing,
        application: {
          ...application,
          requests: { ...application.requests, factsAndReasons: FACTS },
          evidence: { evidence: [{ description: "处罚决定书（申请人手机13947112345）", fileId: FILE_ID }] },
        },
      },
    })
    .where(eq(cases.id, row.id));
  await t.db.insert(respondentReplies).values({
    caseId: row.id,
    organId: respondentId,
    filedBy: agent.id,
    reply: REPLY,
    legalBasis: "《中华人民共和国食品安全法》第一百二十四条",
    evidence: [{ description: "现场检查笔录", fileId: FILE_ID }],
    evidenceAndBasisSubmitted: true,
  });
  return makeConsultation({ caseNumber, staff, head, members, ...opts });
}

const consultationRow = async (id: string) => (await t.db.select().from(cases).where(eq(cases.id, id)))[0];

const memberUrl = (id: string) => `http://localhost/committee/${id}`;
const memberGet = (user: CurrentUser, id: string) =>
  outcome(() => memberRoute.loader({ request: sessions.request(user, memberUrl(id)), params: { consultationId: id }, context } as never));
const memberPost = (user: CurrentUser, id: string, form: [string, string][]) =>
  outcome(() => memberRoute.action({ request: sessions.request(user, memberUrl(id), form), params: { consultationId: id }, context } as never));
const pageOf = async (user: CurrentUser, id: string) => ((await memberGet(user, id)).data as { page: MemberConsultationPage }).page;
const listOf = async (user: CurrentUser) =>
  ((await outcome(() => listRoute.loader({ request: sessions.request(user, "http://localhost/committee"), params: {}, context } as never))).data as {
    consultations: AssignedConsultation[];
  }).consultations;

const staffUrl = (id: string) => `http://localhost/staff/consultations/${id}`;
const staffGet = (user: CurrentUser, id: string) =>
  outcome(() => staffRoute.loader({ request: sessions.request(user, staffUrl(id)), params: { consultationId: id }, context } as never));
async function staffPost(user: CurrentUser, id: string, intent: string, fields: [string, string][] = [], version?: number) {
  const v = version ?? (await consultationRow(id)).version;
  const form: [string, string][] = [["intent", intent], ["version", String(v)], ...fields];
  return outcome(() => staffRoute.action({ request: sessions.request(user, staffUrl(id), form), params: { consultationId: id }, context } as never));
}
const secretaryPage = async (id: string) => ((await staffGet(staff, id)).data as { page: SecretaryConsultationPage }).page;

const declare = (user: CurrentUser, id: string) => memberPost(user, id, [["intent", "declare"], ["declaration", "no_conflict"], ["confirm", "yes"]]);
/** The answer form: one [position, reasoning] per question, in order, and an optional separate opinion. */
function answerForm(c: ConsultationFixture, answers: [string, string][], separateOpinion = ""): [string, string][] {
  return [
    ["intent", "answer"],
    ...c.questionIds.flatMap((id, i): [string, string][] => [
      [`position.${id}`, answers[i][0]],
      [`reasoning.${id}`, answers[i][1]],
    ]),
    ["separateOpinion", separateOpinion],
  ];
}
const answersOf = (c: ConsultationFixture, user: CurrentUser) =>
  t.db
    .select({ questionId: memberAnswers.questionId, position: memberAnswers.position, reasoning: memberAnswers.reasoning })
    .from(memberAnswers)
    .where(eq(memberAnswers.memberId, c.memberIds.get(user.id)!))
    .then((rows) => rows.filter((r) => c.questionIds.includes(r.questionId)).sort((a, b) => c.questionIds.indexOf(a.questionId) - c.questionIds.indexOf(b.questionId)));
const seatOf = async (c: ConsultationFixture, user: CurrentUser) =>
  (await t.db
    .select()
    .from(consultationMembers)
    .where(and(eq(consultationMembers.consultationId, c.consultationId), eq(consultationMembers.memberId, c.memberIds.get(user.id)!))))[0];

describe(`committee member workspace (${engineName()})`, () => {
  it("/committee lists the member's own consultations with the committee period of 10 working days from the head's approval (Art. 52; 6.23)", async () => {
    const c = await consultation([m1, m2]);
    const rules = await loadDeadlineRules();
    const expected = addWorkingDays(todayInShanghai(new Date()), 10, rules.calendar, rules.settings).date;
    const mine = (await listOf(m1)).find((x) => x.id === c.consultationId);
    expect(mine).toMatchObject({ caseNumber: c.caseNumber, dueDate: expected, overdue: false, status: "declare", state: "MATERIALS_SENT" });
    expect((await listOf(m3)).some((x) => x.id === c.consultationId)).toBe(false);
  });

  it("the period ends 5 working days before the decision is due when 10 working days would run past that (6.23)", async () => {
    const rules = await loadDeadlineRules();
    const today = todayInShanghai(new Date());
    const decisionDueOn = addWorkingDays(today, 12, rules.calendar, rules.settings).date;
    const c = await consultation([m1], { decisionDueOn });
    const [d] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, c.consultationId), eq(deadlines.kind, "committee_opinion")));
    expect(d.dueDate).toBe(addWorkingDays(today, 7, rules.calendar, rules.settings).date);
    expect(workingDaysBetween(d.dueDate, decisionDueOn, rules.calendar, rules.settings)).toBe(5);
  });

  it("before the declaration the loader holds no digest, only the names needed to see a conflict; after it the digest is masked and offers no files (Art. 36(2))", async () => {
    const c = await consultation([m1, m2]);
    const before = await memberGet(m1, c.consultationId);
    expect(before.status).toBe(200);
    const p0 = (before.data as { page: MemberConsultationPage }).page;
    expect(p0.digest).toBeNull();
    expect(p0.declared).toBe(false);
    expect(p0.parties.map((x) => x.name)).toContain("张三");
    const text0 = JSON.stringify(before.data);
    for (const secret of ["超市被处以罚款", "不合格食品", "罚款数额是否适当", RAW_ID, RAW_MOBILE]) expect(text0).not.toContain(secret);

    // an answer before the declaration is refused; a declaration without its confirmation writes nothing
    expect((await memberPost(m1, c.consultationId, answerForm(c, [["agree", "理由"], ["agree", "理由"]]))).status).toBe(400);
    const unconfirmed = await memberPost(m1, c.consultationId, [["intent", "declare"], ["declaration", "no_conflict"]]);
    expect(unconfirmed.status).toBe(400);
    expect((unconfirmed.data as { errors: Record<string, string> }).errors.confirm).toBe("member.error.confirm");
    expect((await seatOf(c, m1)).declaredAt).toBeNull();

    const declared = await declare(m1, c.consultationId);
    expect(declared).toMatchObject({ status: 303, location: `/committee/${c.consultationId}?done=declared` });
    const after = await memberGet(m1, c.consultationId);
    const p1 = (after.data as { page: MemberConsultationPage }).page;
    expect(p1.digest).not.toBeNull();
    expect(p1.digest!.factsAndReasons).toBe(`申请人张三（公民身份号码${MASKS.idNumber}，电话${MASKS.phone}）住呼和浩特市新城区${MASKS.address}，其经营的超市被处以罚款。`);
    expect(p1.digest!.reply!.reply).toBe(`经查，申请人张三（联系电话：${MASKS.phone}）销售不合格食品，事实清楚。`);
    expect(p1.digest!.evidence).toEqual([`处罚决定书（申请人手机${MASKS.phone}）`]);
    expect(p1.digest!.questions.map((q) => q.text)).toEqual(["被申请人认定的违法事实是否清楚、证据是否充分？", "罚款数额是否适当？"]);
    const text1 = JSON.stringify(after.data);
    for (const secret of [RAW_ID, RAW_MOBILE, RAW_STREET, "6912345", FILE_ID, "/files/"]) expect(text1).not.toContain(secret);
    // the other member has not declared: still nothing of the file
    expect((await pageOf(m2, c.consultationId)).digest).toBeNull();
  });

  it("a declared conflict removes the member — 404 afterwards, off the list, answers no longer count — and the office is told (Art. 52; 6.23)", async () => {
    const c = await consultation([m1, m2, m3]);
    await declare(m2, c.consultationId);
    const seen = (await consultationRow(c.consultationId)).version;
    const removed = await memberPost(m2, c.consultationId, [["intent", "declare"], ["declaration", "conflict"], ["note", "本人现任被申请人法律顾问"]]);
    expect(removed).toMatchObject({ status: 303, location: "/committee?done=removed" });
    expect((await memberGet(m2, c.consultationId)).status).toBe(404);
    expect((await memberPost(m2, c.consultationId, answerForm(c, [["agree", "理由"], ["agree", "理由"]]))).status).toBe(404);
    expect((await listOf(m2)).some((x) => x.id === c.consultationId)).toBe(false);
    const seat = await seatOf(c, m2);
    expect(seat).toMatchObject({ declaredConflict: true, declarationNote: "本人现任被申请人法律顾问", removedReason: "declared_conflict" });
    expect(seat.removedAt).not.toBeNull();
    const told = await t.db.select().from(notifications).where(and(eq(notifications.userId, head.id), eq(notifications.kind, "committee_conflict_declared"), eq(notifications.caseId, c.caseId)));
    expect(told).toHaveLength(1);
    expect(isMessageKey("notifications.committee_conflict_declared")).toBe(true);
    // the secretary sees the conflict; the quorum counts the two members left
    const page = await secretaryPage(c.consultationId);
    expect(page.seats.find((s) => s.name === m2.displayName)).toMatchObject({ declaration: "conflict", removed: true });
    expect(page.quorum).toMatchObject({ active: 2, needed: 2 });
    // the members who count changed: a form loaded before the removal is stale
    expect((await staffPost(staff, c.consultationId, "start_written", [], seen)).status).toBe(409);
  });

  it("a member of another consultation, a committee member not assigned, staff of another organ: 404; other roles: 403", async () => {
    const a = await consultation([m1, m2]);
    const b = await consultation([m3]);
    expect((await memberGet(m3, a.consultationId)).status).toBe(404);
    expect((await memberPost(m3, a.consultationId, [["intent", "declare"], ["declaration", "no_conflict"], ["confirm", "yes"]])).status).toBe(404);
    expect((await memberGet(m1, b.consultationId)).status).toBe(404);
    expect((await memberGet(m1, "not-a-uuid")).status).toBe(404);
    expect((await memberGet(m1, a.caseId)).status).toBe(404); // the case itself is not a consultation
    expect((await memberGet(staff, a.consultationId)).status).toBe(403);
    expect((await staffGet(outsider, a.consultationId)).status).toBe(404);
    expect((await staffPost(outsider, a.consultationId, "start_written")).status).toBe(404);
    expect((await staffGet(m1, a.consultationId)).status).toBe(403);
    expect((await staffGet(staff, a.consultationId)).status).toBe(200);
    expect((await staffGet(head, a.consultationId)).status).toBe(200);
    expect((await consultationRow(a.consultationId)).state).toBe("MATERIALS_SENT");
  });

  it("each member answers each question and may change the answer; bad input writes nothing; another member's answers stay hidden before closing", async () => {
    const c = await consultation([m1, m2, m3]);
    for (const m of [m1, m2, m3]) await declare(m, c.consultationId);
    // no answers before the round is opened
    const early = await memberPost(m1, c.consultationId, answerForm(c, [["agree", "事实清楚"], ["agree", "数额适当"]]));
    expect(early.status).toBe(400);
    expect((early.data as { formError: string }).formError).toBe("member.error.roundNotOpen");
    expect((await staffPost(staff, c.consultationId, "start_written")).status).toBe(303);

    expect((await memberPost(m1, c.consultationId, answerForm(c, [["agree", "现场笔录与检验报告相互印证。"], ["agree", "在裁量基准内。"]]))).status).toBe(303);
    expect((await answersOf(c, m1)).map((a) => a.position)).toEqual(["agree", "agree"]);
    const changed = await memberPost(m1, c.consultationId, answerForm(c, [["disagree", "检验报告未载明抽样过程。"], ["agree", "在裁量基准内。"]]));
    expect(changed.status).toBe(303);
    expect(await answersOf(c, m1)).toEqual([
      { questionId: c.questionIds[0], position: "disagree", reasoning: "检验报告未载明抽样过程。" },
      { questionId: c.questionIds[1], position: "agree", reasoning: "在裁量基准内。" },
    ]);
    const version = (await consultationRow(c.consultationId)).version;
    const bad = await memberPost(m1, c.consultationId, answerForm(c, [["agree", "改变主意"], ["maybe", ""]]));
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.data as { errors: Record<string, string> }).errors).sort()).toEqual([`position.${c.questionIds[1]}`, `reasoning.${c.questionIds[1]}`].sort());
    expect((await answersOf(c, m1))[0].position).toBe("disagree");
    expect((await consultationRow(c.consultationId)).version).toBe(version);

    const other = await memberGet(m2, c.consultationId);
    const p2 = (other.data as { page: MemberConsultationPage }).page;
    expect(p2.mine.answers).toEqual({});
    expect(p2.record).toBeNull();
    expect(JSON.stringify(other.data)).not.toContain("检验报告未载明抽样过程");
    expect((await pageOf(m1, c.consultationId)).mine.answers[c.questionIds[0]]).toEqual({ position: "disagree", reasoning: "检验报告未载明抽样过程。" });
  });

  it("the quorum refuses closing; closing counts positions per question, keeps dissent verbatim and freezes the answers (Art. 52(3))", async () => {
    const c = await consultation([m1, m2, m3]);
    for (const m of [m1, m2, m3]) await declare(m, c.consultationId);
    await staffPost(staff, c.consultationId, "start_written");
    await memberPost(m1, c.consultationId, answerForm(c, [["agree", "现场笔录与检验报告相互印证。"], ["agree", "在裁量基准内。"]]));

    const before = await consultationRow(c.consultationId);
    const refused = await staffPost(staff, c.consultationId, "close_record", [["summary", "委员会多数意见认为事实清楚。"]]);
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ formError: "member.error.quorumRecord", vars: { answered: 1, needed: 2, active: 3 } });
    expect(await consultationRow(c.consultationId)).toMatchObject({ state: "WRITTEN_CONSULT", version: before.version });

    const dissent = "检验报告未载明抽样过程，\n不能单独作为定案依据。";
    await memberPost(m2, c.consultationId, answerForm(c, [["disagree", dissent], ["abstain", "对数额问题回避表态。"]], "建议被申请人完善听证告知程序。"));
    await memberPost(m3, c.consultationId, answerForm(c, [["agree", "证据链完整。"], ["disagree", "罚款明显偏重。"]]));
    const empty = await staffPost(staff, c.consultationId, "close_record", [["summary", "  "]]);
    expect(empty.status).toBe(400);
    const closed = await staffPost(staff, c.consultationId, "close_record", [["summary", "委员会多数意见认为事实清楚。"]]);
    expect(closed).toMatchObject({ status: 303, location: `/staff/consultations/${c.consultationId}?done=close_record` });

    const row = await consultationRow(c.consultationId);
    expect(row.state).toBe("OPINION_RECORDED");
    const opinion = (row.data as ConsultationState).opinion!;
    expect(opinion.text).toContain("委员会多数意见认为事实清楚。");
    expect(opinion.text).toContain("问题1：同意2票，不同意1票，弃权0票；多数意见：同意。");
    expect(opinion.text).toContain("问题2：同意1票，不同意1票，弃权1票；意见分歧，未形成多数意见。");
    expect(opinion.dissent).toContain(`问题1·${m2.displayName}（不同意）：${dissent}`);
    expect(opinion.dissent).toContain(`个人意见·${m2.displayName}：建议被申请人完善听证告知程序。`);
    const [period] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, c.consultationId), eq(deadlines.kind, "committee_opinion")));
    expect(period.status).not.toBe("running");
    expect((await caseRow(c.caseNumber)).state).toBe("IN_REVIEW"); // the case goes back to review with the opinion (T14-return)

    // frozen: no answer changes, no declaration either
    const late = await memberPost(m1, c.consultationId, answerForm(c, [["disagree", "改变主意"], ["disagree", "改变主意"]]));
    expect(late.status).toBe(409);
    expect((late.data as { formError: string }).formError).toBe("member.error.recordClosed");
    expect((await answersOf(c, m1)).map((a) => a.position)).toEqual(["agree", "agree"]);
    expect((await memberPost(m1, c.consultationId, [["intent", "declare"], ["declaration", "conflict"], ["note", "x"]])).status).toBe(409);

    // now every member sees the record, with the others' reasons; the secretary sees what was recorded
    const p1 = await pageOf(m1, c.consultationId);
    expect(p1.record!.dissent).toEqual(opinion.dissent);
    expect(p1.record!.record.questions[0].answers.map((a) => a.reasoning)).toContain(dissent);
    expect((await secretaryPage(c.consultationId)).recorded).toMatchObject({ opinion: opinion.text, dissent: opinion.dissent });
  });

  it("a meeting records attendance; attendance below the quorum is refused; an absent member cannot answer", async () => {
    const c = await consultation([m1, m2, m3]);
    await declare(m1, c.consultationId);
    await declare(m2, c.consultationId);
    const id = (u: CurrentUser) => c.memberIds.get(u.id)!;
    const undeclared = await staffPost(staff, c.consultationId, "hold_meeting", [["attendees", id(m1)], ["attendees", id(m3)]]);
    expect(undeclared.status).toBe(400);
    expect((undeclared.data as { errors: Record<string, string> }).errors.attendees).toBe("member.error.attendee");
    const few = await staffPost(staff, c.consultationId, "hold_meeting", [["attendees", id(m1)]]);
    expect(few.data).toMatchObject({ formError: "member.error.quorumMeeting", vars: { present: 1, needed: 2, active: 3 } });
    expect((await consultationRow(c.consultationId)).state).toBe("MATERIALS_SENT");

    expect((await staffPost(staff, c.consultationId, "hold_meeting", [["attendees", id(m1)], ["attendees", id(m2)]])).status).toBe(303);
    expect((await consultationRow(c.consultationId)).state).toBe("MEETING_HELD");
    expect([(await seatOf(c, m1)).attended, (await seatOf(c, m2)).attended, (await seatOf(c, m3)).attended]).toEqual([true, true, false]);
    await declare(m3, c.consultationId);
    const absent = await memberPost(m3, c.consultationId, answerForm(c, [["agree", "理由"], ["agree", "理由"]]));
    expect((absent.data as { formError: string }).formError).toBe("member.error.absent");
    expect((await pageOf(m3, c.consultationId)).status).toBe("absent");

    await memberPost(m1, c.consultationId, answerForm(c, [["agree", "同意"], ["agree", "同意"]]));
    await memberPost(m2, c.consultationId, answerForm(c, [["agree", "同意"], ["disagree", "偏重"]]));
    expect((await staffPost(head, c.consultationId, "close_record", [["summary", "会议多数意见认为事实清楚。"]])).status).toBe(303);
    const opinion = ((await consultationRow(c.consultationId)).data as ConsultationState).opinion!;
    expect(opinion.text).toContain("问题1：同意2票，不同意0票，弃权0票；多数意见：同意。");
  });

  it("a stale version is refused with 409 and changes nothing — also after a member's answer moved the consultation on", async () => {
    const c = await consultation([m1, m2]);
    for (const m of [m1, m2]) await declare(m, c.consultationId);
    const seen = (await consultationRow(c.consultationId)).version;
    expect((await staffPost(head, c.consultationId, "start_written", [], seen)).status).toBe(303);
    const stale = await staffPost(staff, c.consultationId, "hold_meeting", [["attendees", c.memberIds.get(m1.id)!]], seen);
    expect(stale.status).toBe(409);
    expect((stale.data as { formError: string }).formError).toBe("member.error.stale");
    expect((await consultationRow(c.consultationId)).state).toBe("WRITTEN_CONSULT");

    await memberPost(m1, c.consultationId, answerForm(c, [["agree", "同意"], ["agree", "同意"]]));
    const seenBeforeM2 = (await consultationRow(c.consultationId)).version;
    await memberPost(m2, c.consultationId, answerForm(c, [["disagree", "不同意"], ["agree", "同意"]]));
    const closing = await staffPost(staff, c.consultationId, "close_record", [["summary", "综述"]], seenBeforeM2);
    expect(closing.status).toBe(409);
    expect((await consultationRow(c.consultationId)).state).toBe("WRITTEN_CONSULT");
  });

  it("members who still have to answer are reminded 3 working days before the deadline and once it is overdue, once each (issue 6 req. 10)", async () => {
    const c = await consultation([m1, m2, m3]);
    for (const m of [m1, m2, m3]) await declare(m, c.consultationId);
    await staffPost(staff, c.consultationId, "start_written");
    await memberPost(m1, c.consultationId, answerForm(c, [["agree", "同意"], ["agree", "同意"]]));
    const [period] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, c.consultationId), eq(deadlines.kind, "committee_opinion")));
    const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
    const reminders = (kind: string) =>
      t.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(and(eq(notifications.caseId, c.consultationId), eq(notifications.kind, kind)))
        .then((rows) => rows.map((r) => r.userId).sort());

    const rules = await loadDeadlineRules();
    const early = addWorkingDays(todayInShanghai(new Date()), 1, rules.calendar, rules.settings).date;
    expect(workingDaysBetween(early, period.dueDate, rules.calendar, rules.settings)).toBeGreaterThan(3);
    await sendConsultationReminders(at(early));
    expect(await reminders("committee_due_soon")).toEqual([]);

    await sendConsultationReminders(at(period.dueDate));
    expect(await reminders("committee_due_soon")).toEqual([m2.id, m3.id].sort());
    expect((await sendConsultationReminders(at(period.dueDate))).created).toBe(0);

    // the day after the due date, through the deadline-reminder job the scheduler runs
    const dayAfter = new Date(Date.parse(`${period.dueDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await sendDeadlineReminders(at(dayAfter));
    expect(await reminders("committee_overdue")).toEqual([m2.id, m3.id].sort());
    await sendDeadlineReminders(at(dayAfter));
    expect(await reminders("committee_overdue")).toHaveLength(2);
    expect(isMessageKey("notifications.committee_due_soon") && isMessageKey("notifications.committee_overdue")).toBe(true);
    expect((await listOf(m2)).find((x) => x.id === c.consultationId)?.status).toBe("answer");
  });

  it("the committee period runs out without a record (C5-expired, DOMAIN.md §17, 6.23): the scheduler alerts the head and the handler once; members may still answer", async () => {
    const c = await consultation([m1, m2]);
    // the case's handler (a claim in the queue; set directly here): the consultation's alerts go to them too
    await t.db.update(cases).set({ handlerId: staff.id }).where(eq(cases.id, c.caseId));
    for (const m of [m1, m2]) await declare(m, c.consultationId);
    await staffPost(staff, c.consultationId, "start_written");
    const [period] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, c.consultationId), eq(deadlines.kind, "committee_opinion")));
    const dayAfter = new Date(Date.parse(`${period.dueDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const alerted = () =>
      t.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(and(eq(notifications.caseId, c.consultationId), eq(notifications.kind, "consultation.overdue")))
        .then((rows) => rows.map((r) => r.userId));
    const state = async () => ((await t.db.select({ data: cases.data }).from(cases).where(eq(cases.id, c.consultationId)))[0].data as ConsultationState);

    // on the due date nothing has expired
    await runDueTransitions(new Date(`${period.dueDate}T12:00:00+08:00`));
    expect((await state()).overdue).toBe(false);

    const first = await runDueTransitions(new Date(`${dayAfter}T09:00:00+08:00`));
    expect(first.applied).toBeGreaterThanOrEqual(1);
    expect((await state()).overdue).toBe(true);
    // the next runs neither repeat the alert nor keep retrying it
    const second = await runDueTransitions(new Date(`${dayAfter}T09:01:00+08:00`));
    expect(second).toEqual({ applied: 0, rejected: 0 });
    // the period is still running: a member's answer is taken after it
    const [after] = await t.db.select({ status: deadlines.status }).from(deadlines).where(eq(deadlines.id, period.id));
    expect(after.status).toBe("running");
    await memberPost(m1, c.consultationId, answerForm(c, [["agree", "同意"], ["agree", "同意"]]));
    // the alert reaches the office through the outbox (the dispatcher writes the inbox rows)
    await dispatchOutbox({ now: new Date(`${dayAfter}T09:02:00+08:00`), log: () => {} });
    const users = await alerted();
    expect(users).toContain(head.id);
    expect(users).toContain(staff.id);
  });
});
