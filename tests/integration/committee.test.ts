// The committee from the office's side through the loaders and actions, as staff, office heads and admins use them:
// referral of a case in review (《行政复议法》第五十二条第二款, with ground (3) set automatically for the autonomous-region
// government as respondent), the head's approval, member selection that excludes anyone linked to the respondent with
// the reason, a party's recusal request decided with reasons, the adoption record (第五十二条第三款、第六十一条第三款)
// without which the decision does not go to approval; the roster and conflicts register; stale versions, other organs
// and wrong roles change nothing.
import { and, asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, cases, committeeMembers, committees, consultationMembers, consultationQuestions, deadlines, memberConflicts, organs, recusalRequests } from "../../db/schema/index";
import type { ConsultationState } from "~/domain/machines/consultation";
import type { CaseState } from "~/domain/machines/reconsideration";
import * as route from "~/routes/staff.cases.$caseNumber_.committee";
import * as decisionRoute from "~/routes/staff.cases.$caseNumber_.decision";
import * as rosterRoute from "~/routes/staff.committee";
import type { CommitteeCase, CommitteeSummary, RosterView } from "~/services/committee.server";
import type { CurrentUser } from "~/services/session.server";
import { applyCommand } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";
import {
  acceptOrdinary,
  caseRow,
  demoUser,
  fileApplication,
  organByCode,
  outcome,
  routeContext,
  seedDemo,
  Sessions,
  staffCast,
  userOfOrgan,
  type StaffCast,
} from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("committee-test");
const sessions = new Sessions();

let { citizen, staff, head, outsider, respondentId } = {} as StaffCast;
let member1: CurrentUser, member2: CurrentUser, member3: CurrentUser, admin: CurrentUser;
let regionStaff: CurrentUser, regionHead: CurrentUser;

beforeAll(async () => {
  await seedDemo(t);
  ({ citizen, staff, head, outsider, respondentId } = await staffCast(sessions));
  [member1, member2, member3, admin] = [await demoUser("member1"), await demoUser("member2"), await demoUser("member3"), await demoUser("admin")];
  regionStaff = await userOfOrgan({ email: "staff-region@example.com", displayName: "自治区复议人员", role: "reconsideration_staff", organCode: "150000" });
  regionHead = await userOfOrgan({ email: "head-region@example.com", displayName: "自治区机构负责人", role: "office_head", organCode: "150000" });
  await sessions.signIn(member1, admin, regionStaff, regionHead);
});
afterAll(() => setDatabase(undefined));

async function ok(caseId: string, command: { type: string } & Record<string, unknown>, actor: { role: string; userId: string; relation?: string }) {
  const [row] = await t.db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
  const r = await applyCommand({ caseId, expectedVersion: row.version, command, actor: actor as never, actorUserId: actor.userId, now: new Date() });
  if (!r.ok) throw new Error(`${command.type}: ${JSON.stringify(r.reason)}`);
}

/** A fresh application against `respondent`, accepted (ordinary) by `by`, copy served, reply filed, views heard: IN_REVIEW. */
async function caseInReview(by: CurrentUser = staff, respondent: string = respondentId, routed = true): Promise<string> {
  const caseNumber = await fileApplication(citizen, respondent, "yes", { routed });
  await acceptOrdinary(by, caseNumber);
  const id = (await caseRow(caseNumber)).id;
  const actor = { role: "reconsideration_staff", userId: by.id };
  await ok(id, { type: "SERVE_COPY_ON_RESPONDENT" }, actor);
  await ok(id, { type: "FILE_REPLY", evidenceAndBasisSubmitted: true }, actor);
  await ok(id, { type: "RECORD_VIEWS_HEARD", mode: "phone", applicantWillingToMediate: false }, actor);
  expect((await caseRow(caseNumber)).state).toBe("IN_REVIEW");
  return caseNumber;
}

const url = (caseNumber: string, sub = "committee") => `http://localhost/staff/cases/${encodeURIComponent(caseNumber)}/${sub}`;
const get = (user: CurrentUser | null, caseNumber: string) =>
  outcome(() => route.loader({ request: sessions.request(user, url(caseNumber)), params: { caseNumber }, context } as never));
const pageOf = async (user: CurrentUser, caseNumber: string) => ((await get(user, caseNumber)).data as { case: CommitteeCase }).case;

async function consultationOf(caseNumber: string) {
  const kase = await caseRow(caseNumber);
  const [c] = await t.db
    .select()
    .from(cases)
    .where(and(eq(cases.parentCaseId, kase.id), eq(cases.machine, "consultation")))
    .orderBy(asc(cases.createdAt));
  return c;
}

/** Posts `intent` with the version of the case (refer) or of its consultation (everything else), unless `version` is given. */
async function post(user: CurrentUser, caseNumber: string, intent: string, fields: [string, string][] = [], version?: number) {
  const v = version ?? (intent === "refer" ? (await caseRow(caseNumber)).version : (await consultationOf(caseNumber)).version);
  const form: [string, string][] = [["intent", intent], ["version", String(v)], ...fields];
  return outcome(() => route.action({ request: sessions.request(user, url(caseNumber), form), params: { caseNumber }, context } as never));
}

async function decisionPost(user: CurrentUser, caseNumber: string, intent: string, fields: [string, string][] = []) {
  const form: [string, string][] = [["intent", intent], ["version", String((await caseRow(caseNumber)).version)], ...fields];
  return outcome(() => decisionRoute.action({ request: sessions.request(user, url(caseNumber, "decision"), form), params: { caseNumber }, context } as never));
}
const decisionPage = async (user: CurrentUser, caseNumber: string) =>
  (await outcome(() => decisionRoute.loader({ request: sessions.request(user, url(caseNumber, "decision")), params: { caseNumber }, context } as never))).data as {
    committee: CommitteeSummary;
  };

const rosterUrl = "http://localhost/staff/committee";
const rosterPost = (user: CurrentUser, fields: [string, string][]) =>
  outcome(() => rosterRoute.action({ request: sessions.request(user, rosterUrl, fields), params: {}, context } as never));
const rosters = async (user: CurrentUser) =>
  ((await outcome(() => rosterRoute.loader({ request: sessions.request(user, rosterUrl), params: {}, context } as never))).data as { rosters: RosterView[] }).rosters;

/** Everything the committee actions could write. */
async function snapshot(caseNumber: string) {
  const kase = await caseRow(caseNumber);
  const c = await consultationOf(caseNumber);
  return {
    caseState: kase.state,
    caseVersion: kase.version,
    consultation: c ? JSON.stringify([c.state, c.version, c.data]) : null,
    consultations: await t.db.$count(cases, eq(cases.parentCaseId, kase.id)),
    seats: c ? await t.db.$count(consultationMembers, eq(consultationMembers.consultationId, c.id)) : 0,
    recusals: c ? JSON.stringify(await t.db.select().from(recusalRequests).where(eq(recusalRequests.consultationId, c.id)).orderBy(recusalRequests.recordedAt)) : null,
    events: await t.db.$count(auditEvents),
  };
}

const memberId = async (user: CurrentUser) => (await t.db.select({ id: committeeMembers.id }).from(committeeMembers).where(eq(committeeMembers.userId, user.id)))[0].id;
const question: [string, string] = ["questions", "被申请人认定的违法事实是否清楚？"];

describe(`referral (Art. 52(2)) (${engineName()})`, () => {
  it("ground (3) is set automatically when the respondent is the autonomous-region government (Art. 24(2), 52(2)(3)); without the opinion the decision cannot be drafted", async () => {
    const regionGov = (await organByCode("150000")).id;
    const caseNumber = await caseInReview(regionStaff, regionGov, false);
    const page = await pageOf(regionStaff, caseNumber);
    expect(page).toMatchObject({ regionGovernmentRespondent: true, mandatoryGrounds: ["region_government_act"], committeeStatus: "none" });
    expect(page.actions).toContain("refer");

    // the machine refuses drafting the decision, and the decision page says why
    expect((await decisionPage(regionStaff, caseNumber)).committee).toMatchObject({ needsConsultation: true, mandatoryGrounds: ["region_government_act"] });
    const drafting = await decisionPost(regionStaff, caseNumber, "start_drafting");
    expect(drafting.status).toBe(400);
    expect(String(drafting.data?.message)).toContain("第五十二条第二款");

    // no ground ticked: the automatic one suffices
    const referred = await post(regionStaff, caseNumber, "refer", [question, ["questions", ""], ["questions", "罚款数额是否适当？"]]);
    expect(referred).toMatchObject({ status: 303, location: `${url(caseNumber).replace("http://localhost", "")}?done=refer` });
    const c = await consultationOf(caseNumber);
    expect(c).toMatchObject({ state: "REFERRAL_DRAFTED", organId: (await caseRow(caseNumber)).organId });
    expect((c.data as ConsultationState).grounds).toEqual(["region_government_act"]);
    const questions = await t.db.select({ text: consultationQuestions.text }).from(consultationQuestions).where(eq(consultationQuestions.consultationId, c.id)).orderBy(consultationQuestions.position);
    expect(questions.map((q) => q.text)).toEqual(["被申请人认定的违法事实是否清楚？", "罚款数额是否适当？"]);
    expect((await caseRow(caseNumber)).state).toBe("COMMITTEE_CONSULTATION");

    // a mandatory referral cannot be withdrawn (Art. 52(2)): the machine's words, nothing written
    const before = await snapshot(caseNumber);
    const withdraw = await post(regionHead, caseNumber, "withdraw", [["reason", "无须咨询"]]);
    expect(withdraw.status).toBe(400);
    expect(String(withdraw.data?.message)).toContain("第五十二条第二款");
    expect(await snapshot(caseNumber)).toEqual(before);
  });

  it("bad input answers 400 with field errors and writes nothing: no ground, no question, “necessary” without its reason (Art. 52(2)(4))", async () => {
    const caseNumber = await caseInReview();
    const before = await snapshot(caseNumber);
    const empty = await post(staff, caseNumber, "refer", [["questions", " "]]);
    expect(empty).toMatchObject({ status: 400, data: { errors: { grounds: "committee.errors.groundRequired", questions: "committee.errors.questionRequired" } } });
    const noReason = await post(staff, caseNumber, "refer", [["grounds", "necessary"], question]);
    expect(noReason).toMatchObject({ status: 400, data: { errors: { otherReason: "committee.errors.otherReasonRequired" } } });
    const forged = await post(staff, caseNumber, "refer", [["grounds", "region_government_act"], question]);
    expect(forged.status).toBe(400);
    expect(await snapshot(caseNumber)).toEqual(before);
  });

  it("the office head approves (C1), staff may not (403); a stale version answers 409; the committee period starts and ends ≥ 5 WD before the decision is due", async () => {
    const caseNumber = await caseInReview();
    // stale case version on the referral itself
    const staleRefer = await post(staff, caseNumber, "refer", [["grounds", "technical"], question], (await caseRow(caseNumber)).version - 1);
    expect(staleRefer).toMatchObject({ status: 409, data: { formError: "committee.errors.stale" } });
    expect(await post(staff, caseNumber, "refer", [["grounds", "technical"], question])).toMatchObject({ status: 303 });
    expect((await pageOf(staff, caseNumber)).actions).not.toContain("approve");
    // the head approves; a referral on ground (2) is mandatory, so withdrawing it is not offered (Art. 52(2))
    expect((await pageOf(head, caseNumber)).actions).toContain("approve");
    expect((await pageOf(head, caseNumber)).actions).not.toContain("withdraw");

    const before = await snapshot(caseNumber);
    const byStaff = await post(staff, caseNumber, "approve");
    expect(byStaff).toMatchObject({ status: 403, data: { formError: "committee.errors.headOnly" } });
    // a form of a version that is not the current one (another tab, another head)
    const stale = await post(head, caseNumber, "approve", [], (await consultationOf(caseNumber)).version + 1);
    expect(stale).toMatchObject({ status: 409, data: { formError: "committee.errors.stale" } });
    expect(await snapshot(caseNumber)).toEqual(before);

    expect(await post(head, caseNumber, "approve")).toMatchObject({ status: 303 });
    const c = await consultationOf(caseNumber);
    expect(c.state).toBe("REFERRED");
    const [period] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, c.id), eq(deadlines.kind, "committee_opinion")));
    const [decision] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, (await caseRow(caseNumber)).id), eq(deadlines.kind, "decision")));
    expect(period.status).toBe("running");
    expect(period.dueDate < decision.dueDate).toBe(true);
    // a second approval of the same version is stale
    expect((await post(head, caseNumber, "approve", [], c.version - 1)).status).toBe(409);
  });
});

describe(`withdrawal of a discretionary referral (Art. 52(2)(4)) (${engineName()})`, () => {
  it("a referral on the “deemed necessary” ground alone may be withdrawn by the head, with a reason; the case goes back to review", async () => {
    const caseNumber = await caseInReview();
    expect(await post(staff, caseNumber, "refer", [["grounds", "necessary"], ["otherReason", "涉及新业态，社会关注度高"], question])).toMatchObject({ status: 303 });
    expect((await consultationOf(caseNumber)).data as ConsultationState).toMatchObject({ grounds: ["necessary"], otherReason: "涉及新业态，社会关注度高" });
    expect((await pageOf(head, caseNumber)).actions).toEqual(expect.arrayContaining(["approve", "withdraw"]));
    expect(await post(staff, caseNumber, "withdraw", [["reason", "案情已经查清"]])).toMatchObject({ status: 403 });
    expect(await post(head, caseNumber, "withdraw", [["reason", " "]])).toMatchObject({ status: 400, data: { errors: { reason: "committee.errors.reasonRequired" } } });
    expect(await post(head, caseNumber, "withdraw", [["reason", "案情已经查清，无须咨询"]])).toMatchObject({ status: 303 });
    expect((await caseRow(caseNumber)).state).toBe("IN_REVIEW");
    const page = await pageOf(staff, caseNumber);
    expect(page).toMatchObject({ committeeStatus: "withdrawn" });
    expect(page.consultation?.outcome).toEqual({ kind: "withdrawn", reason: "案情已经查清，无须咨询" });
    expect(page.actions).toContain("refer"); // it may be referred again
  });
});

describe(`member selection and recusal (Art. 52(1); recusal rule of the portal, 6.23) (${engineName()})`, () => {
  let caseNumber: string;

  it("a member employed by the respondent is excluded and the reason shown; choosing them is refused; the others are assigned with a seat each", async () => {
    // the office head records 乌云娜's employer organ as the respondent (呼和浩特市市场监督管理局) on the roster
    const m2 = await memberId(member2);
    const updated = await rosterPost(head, [
      ["intent", "update_member"],
      ["memberId", m2],
      ["kind", "department"],
      ["employer", "呼和浩特市市场监督管理局"],
      ["employerOrganId", respondentId],
      ["fields", "market_regulation"],
      ["available", "yes"],
    ]);
    expect(updated).toMatchObject({ status: 303, location: "/staff/committee?done=update_member" });

    caseNumber = await caseInReview();
    expect(await post(staff, caseNumber, "refer", [["grounds", "technical"], question])).toMatchObject({ status: 303 });
    expect(await post(head, caseNumber, "approve")).toMatchObject({ status: 303 });
    const page = await pageOf(staff, caseNumber);
    expect(page.actions).toContain("assign");
    const rows = page.consultation!.selection!;
    const row2 = rows.find((r) => r.userId === member2.id)!;
    expect(row2.status).toBe("excluded");
    expect(row2.reasons).toEqual([{ code: "employed_by_respondent", organ: "呼和浩特市市场监督管理局" }]);
    expect(rows.find((r) => r.userId === member1.id)).toMatchObject({ status: "proposed", matched: ["administrative_law", "market_regulation"] });
    expect(rows.at(-1)!.userId).toBe(member2.id); // excluded members come last

    const before = await snapshot(caseNumber);
    const refused = await post(staff, caseNumber, "assign", [["members", m2], ["members", await memberId(member1)]]);
    expect(refused).toMatchObject({ status: 400, data: { formError: "committee.errors.assign.excluded", message: "乌云娜" } });
    expect(await post(staff, caseNumber, "assign", [])).toMatchObject({ status: 400 });
    expect(await snapshot(caseNumber)).toEqual(before);

    const assigned = await post(staff, caseNumber, "assign", [["members", await memberId(member1)], ["members", await memberId(member3)]]);
    expect(assigned).toMatchObject({ status: 303 });
    const c = await consultationOf(caseNumber);
    expect(c.state).toBe("MEMBERS_ASSIGNED");
    expect((c.data as ConsultationState).members.sort()).toEqual([member1.id, member3.id].sort());
    const seats = await t.db.select().from(consultationMembers).where(eq(consultationMembers.consultationId, c.id));
    expect(seats.map((s) => s.memberId).sort()).toEqual([await memberId(member1), await memberId(member3)].sort());
    expect(seats.every((s) => s.assignedBy === staff.id && s.removedAt === null)).toBe(true);
  });

  it("a party's recusal request is recorded; only the head decides it, with reasons; granted → the member's seat is removed with the reason", async () => {
    const m1 = await memberId(member1);
    const party = (await pageOf(staff, caseNumber)).parties[0];
    expect(party).toBe("张三");
    // not a party of the case, or no reason: 400, nothing written
    const before = await snapshot(caseNumber);
    expect(await post(staff, caseNumber, "recusal_request", [["memberId", m1], ["requestedBy", "李四"], ["reason", "有利害关系"]])).toMatchObject({
      status: 400,
      data: { errors: { requestedBy: "committee.errors.partyRequired" } },
    });
    expect((await post(staff, caseNumber, "recusal_request", [["memberId", m1], ["requestedBy", party]])).status).toBe(400);
    expect(await snapshot(caseNumber)).toEqual(before);

    const reason = "该委员曾担任被申请人的法律顾问";
    expect(await post(staff, caseNumber, "recusal_request", [["memberId", m1], ["requestedBy", party], ["reason", reason]])).toMatchObject({ status: 303 });
    const c = await consultationOf(caseNumber);
    const [request] = await t.db.select().from(recusalRequests).where(eq(recusalRequests.consultationId, c.id));
    expect(request).toMatchObject({ memberId: m1, requestedBy: party, reason, recordedBy: staff.id, granted: null });

    const decide = (user: CurrentUser, granted: string, reasons: string) =>
      post(user, caseNumber, "recusal_decide", [["requestId", request.id], ["granted", granted], ["decisionReasons", reasons]]);
    expect(await decide(staff, "yes", "理由成立")).toMatchObject({ status: 403, data: { formError: "committee.errors.headOnly" } });
    expect((await decide(head, "yes", " ")).status).toBe(400);
    expect(await t.db.$count(consultationMembers, and(eq(consultationMembers.consultationId, c.id), isNull(consultationMembers.removedAt)))).toBe(2);

    const grounds = "经核实，该委员在被申请人处担任法律顾问至2025年，与本案有利害关系，申请成立。";
    expect(await decide(head, "yes", grounds)).toMatchObject({ status: 303 });
    const [seat] = await t.db.select().from(consultationMembers).where(and(eq(consultationMembers.consultationId, c.id), eq(consultationMembers.memberId, m1)));
    expect(seat.removedAt).not.toBeNull();
    expect(seat.removedReason).toBe(grounds);
    const [decided] = await t.db.select().from(recusalRequests).where(eq(recusalRequests.id, request.id));
    expect(decided).toMatchObject({ granted: true, decisionReasons: grounds, decidedBy: head.id });
    const page = await pageOf(staff, caseNumber);
    expect(page.consultation!.seats.find((s) => s.memberId === m1)).toMatchObject({ removed: true, removedReason: grounds });
    expect(page.consultation!.recusals[0]).toMatchObject({ granted: true, decisionReasons: grounds });
    // the removed member is no longer offered for a new request, and the request is not decided twice
    expect(await decide(head, "no", "重复")).toMatchObject({ status: 409, data: { formError: "committee.errors.alreadyDecided" } });
    const events = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, c.id)).orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["consultation.recusal_requested", "consultation.recusal_decided"]));

    // a refused request leaves the member seated
    const m3 = await memberId(member3);
    expect((await post(staff, caseNumber, "recusal_request", [["memberId", m3], ["requestedBy", party], ["reason", "不信任"]])).status).toBe(303);
    const [second] = await t.db.select().from(recusalRequests).where(and(eq(recusalRequests.consultationId, c.id), eq(recusalRequests.memberId, m3)));
    expect((await post(head, caseNumber, "recusal_decide", [["requestId", second.id], ["granted", "no"], ["decisionReasons", "申请人未提出任何具体事实"]])).status).toBe(303);
    const [kept] = await t.db.select().from(consultationMembers).where(and(eq(consultationMembers.consultationId, c.id), eq(consultationMembers.memberId, m3)));
    expect(kept.removedAt).toBeNull();
  });
});

describe(`adoption record (Art. 52(3), 61(3)) (${engineName()})`, () => {
  it("a referred case does not go to approval without the adoption record; recorded with reasons, it is shown beside the draft and the decision is approved", async () => {
    const caseNumber = await caseInReview();
    expect(await post(staff, caseNumber, "refer", [["grounds", "technical"], question])).toMatchObject({ status: 303 });
    expect(await post(head, caseNumber, "approve")).toMatchObject({ status: 303 });
    expect(await post(staff, caseNumber, "assign", [["members", await memberId(member1)], ["members", await memberId(member3)]])).toMatchObject({ status: 303 });
    const c = await consultationOf(caseNumber);
    const secretary = { role: "reconsideration_staff", userId: staff.id };
    await ok(c.id, { type: "SEND_MATERIALS", redactedPerArt36: true }, secretary);
    await ok(c.id, { type: "START_WRITTEN_CONSULTATION" }, secretary);
    await ok(c.id, { type: "SUBMIT_MEMBER_OPINION", text: "违法事实清楚。" }, { role: "committee_member", userId: member1.id, relation: "member" });
    await ok(c.id, { type: "RECORD_OPINION", text: "委员会认为违法事实清楚，罚款数额偏高。", dissent: ["孙立新：罚款数额适当。"] }, secretary);
    expect((await caseRow(caseNumber)).state).toBe("IN_REVIEW");

    // drafting is allowed once the opinion is recorded; approval is not, without the adoption record
    expect(await decisionPost(staff, caseNumber, "start_drafting")).toMatchObject({ status: 303 });
    const draft: [string, string][] = [
      ["decisionType", "uphold"],
      ["facts", "经审理查明：被申请人对申请人作出罚款决定，证据有现场笔录。"],
      ["reasoning", "本机关认为：被申请人认定事实清楚，适用依据正确。"],
      ["result", "维持被申请人作出的行政处罚决定。"],
    ];
    const refused = await decisionPost(staff, caseNumber, "submit_draft", draft);
    expect(refused.status).toBe(400);
    expect(String(refused.data?.message)).toContain("第六十一条第三款");
    expect((await decisionPage(staff, caseNumber)).committee).toMatchObject({ needsAdoption: true, needsConsultation: false, adoption: null });
    expect((await decisionPage(staff, caseNumber)).committee.opinion?.text).toContain("罚款数额偏高");

    // not adopted without reasons: 400, nothing written; with reasons it is recorded and relayed to the case
    expect((await pageOf(staff, caseNumber)).actions).toContain("adoption");
    const before = await snapshot(caseNumber);
    expect(await post(staff, caseNumber, "adoption", [["outcome", "not_adopted"]])).toMatchObject({ status: 400, data: { errors: { reasons: "committee.errors.adoptionReasons" } } });
    expect(await snapshot(caseNumber)).toEqual(before);
    const reasons = "罚款数额在法定幅度内且与违法情节相当，对该项意见不予采纳。";
    expect(await post(staff, caseNumber, "adoption", [["outcome", "partly_adopted"], ["reasons", reasons]])).toMatchObject({ status: 303 });
    expect(((await caseRow(caseNumber)).data as CaseState).committeeReferral).toMatchObject({ adoptionRecorded: true, status: "adoption_recorded" });
    expect((await decisionPage(staff, caseNumber)).committee).toMatchObject({ needsAdoption: false, adoption: { outcome: "partly_adopted", reasons } });

    expect(await decisionPost(staff, caseNumber, "submit_draft", draft)).toMatchObject({ status: 303 });
    expect(await decisionPost(head, caseNumber, "approve", [["approvedBy", "organ_head"]])).toMatchObject({ status: 303 });
    expect((await caseRow(caseNumber)).state).toBe("DECISION_ISSUED");
    const closed = await consultationOf(caseNumber);
    expect(closed.state).toBe("CLOSED");
    expect((closed.data as ConsultationState).outcome).toEqual({ kind: "linked_to_decision" });
  });
});

describe(`who may act (${engineName()})`, () => {
  it("a case of another organ does not exist for its staff (404, GET and POST); other roles get 403", async () => {
    const caseNumber = await caseInReview();
    expect((await get(outsider, caseNumber)).status).toBe(404);
    const before = await snapshot(caseNumber);
    const form: [string, string][] = [["intent", "refer"], ["version", String((await caseRow(caseNumber)).version)], ["grounds", "technical"], question];
    const foreign = await outcome(() => route.action({ request: sessions.request(outsider, url(caseNumber), form), params: { caseNumber }, context } as never));
    expect(foreign.status).toBe(404);
    expect(await snapshot(caseNumber)).toEqual(before);
    expect((await get(citizen, caseNumber)).status).toBe(403);
    expect((await get(member1, caseNumber)).status).toBe(403);
  });
});

describe(`roster and conflicts register (Art. 52(1)) (${engineName()})`, () => {
  it("staff read the roster; office heads and admins keep it; staff posts are refused (403) and write nothing", async () => {
    const [mine] = await rosters(staff);
    expect(mine).toMatchObject({ organName: "呼和浩特市人民政府", canManage: false });
    expect(mine.members.map((m) => m.userId).sort()).toEqual([member1.id, member2.id, member3.id].sort());
    expect((await rosters(head))[0].canManage).toBe(true);
    expect((await rosters(admin)).find((r) => r.organName === "呼和浩特市人民政府")?.canManage).toBe(true);

    const m3 = await memberId(member3);
    const entry: [string, string][] = [["intent", "add_conflict"], ["memberId", m3], ["kind", "party_link"], ["partyName", "张三"], ["note", "系申请人张三的表兄"]];
    const events = await t.db.$count(auditEvents);
    expect(await rosterPost(staff, entry)).toMatchObject({ status: 403 });
    expect(await t.db.$count(memberConflicts)).toBe(0);
    expect(await t.db.$count(auditEvents)).toBe(events);
    expect(await rosterPost(head, [["intent", "add_conflict"], ["memberId", m3], ["kind", "party_link"], ["note", "x"]])).toMatchObject({
      status: 400,
      data: { errors: { partyName: "committee.errors.partyRequired" } },
    });
    expect(await rosterPost(head, entry)).toMatchObject({ status: 303 });

    // the register entry excludes 孙立新 from a case of the applicant 张三, with the reason
    const caseNumber = await caseInReview();
    expect((await post(staff, caseNumber, "refer", [["grounds", "technical"], question])).status).toBe(303);
    expect((await post(head, caseNumber, "approve")).status).toBe(303);
    const row3 = (await pageOf(staff, caseNumber)).consultation!.selection!.find((r) => r.memberId === m3)!;
    expect(row3).toMatchObject({ status: "excluded", reasons: [{ code: "register_party_link", party: "张三", note: "系申请人张三的表兄" }] });

    // ending the entry keeps it, dated; ending it again is a conflict
    const [stored] = await t.db.select().from(memberConflicts).where(eq(memberConflicts.memberId, m3));
    expect(await rosterPost(head, [["intent", "end_conflict"], ["entryId", stored.id]])).toMatchObject({ status: 303 });
    expect(await rosterPost(head, [["intent", "end_conflict"], ["entryId", stored.id]])).toMatchObject({ status: 409 });
    expect((await t.db.select().from(memberConflicts).where(eq(memberConflicts.id, stored.id)))[0].endedAt).not.toBeNull();
    expect((await pageOf(staff, caseNumber)).consultation!.selection!.find((r) => r.memberId === m3)!.status).not.toBe("excluded");
  });

  it("the committee of an organ is created when its head adds the first member; only users holding the committee-member role there may be added", async () => {
    const xinchengHead = await userOfOrgan({ email: "head-xincheng@example.com", displayName: "新城区机构负责人", role: "office_head", organCode: "150102" });
    const expert = await userOfOrgan({ email: "expert-xincheng@example.com", displayName: "新城区专家", role: "committee_member", organCode: "150102" });
    await sessions.signIn(xinchengHead);
    const xincheng = (await organByCode("150102")).id;
    expect(await t.db.$count(committees, eq(committees.organId, xincheng))).toBe(0);
    const [view] = await rosters(xinchengHead);
    expect(view).toMatchObject({ organId: xincheng, committeeId: null, members: [], candidates: [{ userId: expert.id, name: "新城区专家" }] });

    const add = (userId: string, organId = xincheng) =>
      rosterPost(xinchengHead, [["intent", "add_member"], ["organId", organId], ["userId", userId], ["kind", "expert"], ["employer", "内蒙古师范大学"], ["fields", "land"], ["available", "yes"]]);
    expect(await add(staff.id)).toMatchObject({ status: 400, data: { errors: { userId: "committee.errors.userRequired" } } });
    expect(await t.db.$count(committees, eq(committees.organId, xincheng))).toBe(0);
    // another organ's roster does not exist for this head
    expect((await add(expert.id, (await organByCode("150100")).id)).status).toBe(404);
    expect(await add(expert.id)).toMatchObject({ status: 303, location: "/staff/committee?done=add_member" });
    const [after] = await rosters(xinchengHead);
    expect(after.committeeId).not.toBeNull();
    expect(after.members).toEqual([expect.objectContaining({ userId: expert.id, kind: "expert", employer: "内蒙古师范大学", fields: ["land"], available: true })]);
    expect((await add(expert.id)).status).toBe(400); // already on the roster
    const [organRow] = await t.db.select({ name: organs.name }).from(organs).where(eq(organs.id, xincheng));
    expect(after.organName).toBe(organRow.name);
  });
});
