// Linked processes (DOMAIN.md §15.2 T14, §17) on a real database: the referral of a case (Art. 52(2)) creates its
// consultation in the same transaction, with its questions; relays between the case and its consultation — the
// opinion recorded (Art. 52(3)), the adoption record (Art. 61(3)), the decision linked, the referral withdrawn, the
// case ended — are applied to the linked row in the same transaction, each with its own event; a refusal by the
// linked process refuses the whole command and writes nothing. The outbox keeps a row for each link, marked dispatched.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { verifyAuditChain } from "../../db/audit";
import { auditEvents, cases, consultationQuestions, deadlines, outbox } from "../../db/schema/index";
import type { ConsultationState } from "~/domain/machines/consultation";
import type { CaseState } from "~/domain/machines/reconsideration";
import type { CurrentUser } from "~/services/session.server";
import { applyCommand } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";
import { acceptOrdinary, caseRow, demoUser, fileApplication, seedDemo, Sessions, staffCast, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const sessions = new Sessions();
let { citizen, staff, head, respondentId } = {} as StaffCast;
let member1: CurrentUser;

beforeAll(async () => {
  await seedDemo(t);
  ({ citizen, staff, head, respondentId } = await staffCast(sessions));
  member1 = await demoUser("member1");
});
afterAll(() => setDatabase(undefined));

type Actor = { role: "reconsideration_staff" | "office_head" | "committee_member"; userId: string; relation?: "member" };
const staffActor = (): Actor => ({ role: "reconsideration_staff", userId: staff.id });
const headActor = (): Actor => ({ role: "office_head", userId: head.id });

async function run(caseId: string, command: { type: string } & Record<string, unknown>, actor: Actor = staffActor()) {
  const [row] = await t.db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
  return applyCommand({ caseId, expectedVersion: row.version, command, actor, actorUserId: actor.userId, now: new Date() });
}
async function ok(caseId: string, command: { type: string } & Record<string, unknown>, actor: Actor = staffActor()) {
  const r = await run(caseId, command, actor);
  if (!r.ok) throw new Error(`${command.type}: ${JSON.stringify(r.reason)}`);
  return r;
}

/** A fresh case accepted (ordinary), copy served, reply filed, views heard: IN_REVIEW. */
async function caseInReview(): Promise<string> {
  const caseNumber = await fileApplication(citizen, respondentId);
  await acceptOrdinary(staff, caseNumber);
  const id = (await caseRow(caseNumber)).id;
  await ok(id, { type: "SERVE_COPY_ON_RESPONDENT" });
  await ok(id, { type: "FILE_REPLY", evidenceAndBasisSubmitted: true });
  await ok(id, { type: "RECORD_VIEWS_HEARD", mode: "phone", applicantWillingToMediate: false });
  return id;
}

const row = async (id: string) => (await t.db.select().from(cases).where(eq(cases.id, id)))[0];
const consultationOf = async (caseId: string) =>
  t.db.select().from(cases).where(and(eq(cases.parentCaseId, caseId), eq(cases.machine, "consultation"))).orderBy(asc(cases.createdAt));
const eventsOf = async (id: string) =>
  t.db.select({ action: auditEvents.action, actorId: auditEvents.actorId, payload: auditEvents.payload }).from(auditEvents).where(eq(auditEvents.subjectId, id)).orderBy(asc(auditEvents.id));
const decisionDue = async (caseId: string) =>
  (await t.db.select({ due: deadlines.dueDate }).from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, "decision"), eq(deadlines.status, "running"))))[0].due;

/** Referred (T14), approved by the head (C1), one member, written round, the member's opinion, the opinion recorded (C5). */
async function opinionRecorded(): Promise<{ caseId: string; consultationId: string }> {
  const caseId = await caseInReview();
  await ok(caseId, { type: "REFER_TO_COMMITTEE", grounds: ["technical"], questions: ["检测报告能否采信？"] });
  const [c] = await consultationOf(caseId);
  await ok(c.id, { type: "APPROVE_REFERRAL", decisionDueOn: await decisionDue(caseId) }, headActor());
  await ok(c.id, { type: "ASSIGN_MEMBERS", memberIds: [member1.id], recusalChecked: true });
  await ok(c.id, { type: "SEND_MATERIALS", redactedPerArt36: true });
  await ok(c.id, { type: "START_WRITTEN_CONSULTATION" });
  await ok(c.id, { type: "SUBMIT_MEMBER_OPINION", text: "检测报告可以采信。" }, { role: "committee_member", userId: member1.id, relation: "member" });
  await ok(c.id, { type: "RECORD_OPINION", text: "委员会认为检测报告可以采信。", dissent: [] });
  return { caseId, consultationId: c.id };
}

describe(`a referral opens its consultation in the same transaction (T14, Art. 52(2)) (${engineName()})`, () => {
  it("the consultation row: machine consultation, parent = the case, the case's organ, its grounds and questions in order, its own creation event", async () => {
    const caseId = await caseInReview();
    const questions = ["被申请人认定的事实是否清楚？", "罚款数额是否适当？"];
    const r = await ok(caseId, { type: "REFER_TO_COMMITTEE", grounds: ["technical", "necessary"], questions, otherReason: "社会关注度高" });
    expect(r.state).toBe("COMMITTEE_CONSULTATION");
    const kase = await row(caseId);
    const found = await consultationOf(caseId);
    expect(found).toHaveLength(1);
    const c = found[0];
    expect(c).toMatchObject({ machine: "consultation", state: "REFERRAL_DRAFTED", parentCaseId: caseId, organId: kase.organId, caseNumber: null, version: 0 });
    expect(c.data as ConsultationState).toMatchObject({ grounds: ["technical", "necessary"], questions, otherReason: "社会关注度高" });
    const stored = await t.db
      .select({ position: consultationQuestions.position, text: consultationQuestions.text })
      .from(consultationQuestions)
      .where(eq(consultationQuestions.consultationId, c.id))
      .orderBy(asc(consultationQuestions.position));
    expect(stored).toEqual([
      { position: 1, text: questions[0] },
      { position: 2, text: questions[1] },
    ]);
    expect((await eventsOf(c.id)).map((e) => [e.action, e.actorId])).toEqual([["consultation.created", staff.id]]);
    // the outbox keeps the link, already applied
    const [link] = await t.db.select().from(outbox).where(and(eq(outbox.caseId, caseId), eq(outbox.topic, "openProcess")));
    expect(link.payload).toMatchObject({ kind: "openProcess", process: "consultation", linkedCaseId: c.id });
    expect(link.dispatchedAt).not.toBeNull();
  });

  it("a referral the machine refuses creates no consultation (the case is already referred)", async () => {
    const caseId = await caseInReview();
    await ok(caseId, { type: "REFER_TO_COMMITTEE", grounds: ["technical"], questions: ["q"] });
    const before = await t.db.$count(cases, eq(cases.machine, "consultation"));
    const again = await run(caseId, { type: "REFER_TO_COMMITTEE", grounds: ["technical"], questions: ["q"] });
    expect(again.ok).toBe(false);
    expect(await t.db.$count(cases, eq(cases.machine, "consultation"))).toBe(before);
  });
});

describe(`relays between the case and its consultation, in the same transaction (${engineName()})`, () => {
  it("the recorded opinion (Art. 52(3)) returns the case to review; the adoption record (Art. 61(3)) is noted on the case; the approved decision closes the consultation", async () => {
    const { caseId, consultationId } = await opinionRecorded();
    const kase = await row(caseId);
    expect(kase.state).toBe("IN_REVIEW");
    expect((kase.data as CaseState).committeeReferral).toMatchObject({ status: "opinion_recorded", adoptionRecorded: false });
    // the case's own event, by the system (no user), for the relayed command
    const caseEvents = await eventsOf(caseId);
    expect(caseEvents.at(-1)).toMatchObject({ action: "reconsideration.T14-return", actorId: null, payload: { command: "COMMITTEE_OPINION_RECEIVED", from: "COMMITTEE_CONSULTATION", to: "IN_REVIEW" } });
    const relay = await t.db.select().from(outbox).where(and(eq(outbox.caseId, consultationId), eq(outbox.topic, "relay")));
    expect(relay.map((o) => o.payload)).toEqual([expect.objectContaining({ to: "reconsideration", linkedCaseId: caseId })]);

    await ok(consultationId, { type: "RECORD_ADOPTION", outcome: "partly_adopted", reasons: "对罚款数额的意见未采纳，理由见决定书。" });
    expect((await row(consultationId)).state).toBe("ADOPTION_RECORDED");
    expect(((await row(caseId)).data as CaseState).committeeReferral).toMatchObject({ status: "adoption_recorded", adoptionRecorded: true });
    expect((await eventsOf(caseId)).at(-1)).toMatchObject({ action: "reconsideration.T27-adoption", actorId: null });

    await ok(caseId, { type: "START_DRAFTING" });
    await ok(caseId, { type: "SUBMIT_FOR_APPROVAL", decisionType: "uphold" });
    await ok(caseId, { type: "APPROVE_DECISION", approvedBy: "organ_head" }, headActor());
    const closed = await row(consultationId);
    expect(closed.state).toBe("CLOSED");
    expect((closed.data as ConsultationState).outcome).toEqual({ kind: "linked_to_decision" });
    expect((await eventsOf(consultationId)).at(-1)).toMatchObject({ action: "consultation.C7", actorId: null });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("the case ended (Art. 41) cancels its open consultation and stops the committee period", async () => {
    const caseId = await caseInReview();
    await ok(caseId, { type: "REFER_TO_COMMITTEE", grounds: ["technical"], questions: ["q"] });
    const [c] = await consultationOf(caseId);
    await ok(c.id, { type: "APPROVE_REFERRAL", decisionDueOn: await decisionDue(caseId) }, headActor());
    expect(await t.db.$count(deadlines, and(eq(deadlines.caseId, c.id), eq(deadlines.kind, "committee_opinion"), eq(deadlines.status, "running")))).toBe(1);
    await ok(caseId, { type: "TERMINATE", ground: "applicant_died_no_heirs", explanation: "申请人死亡且无近亲属" });
    const after = await row(c.id);
    expect(after.state).toBe("CLOSED");
    expect((after.data as ConsultationState).outcome).toEqual({ kind: "cancelled", reason: "case_terminated" });
    expect(await t.db.$count(deadlines, and(eq(deadlines.caseId, c.id), eq(deadlines.status, "running")))).toBe(0);
  });

  it("a discretionary referral withdrawn by the head (Art. 52(2)(4)) sends the case back to review; a new referral opens a new consultation", async () => {
    const caseId = await caseInReview();
    await ok(caseId, { type: "REFER_TO_COMMITTEE", grounds: ["necessary"], questions: ["q"], otherReason: "需要专家意见" });
    const [first] = await consultationOf(caseId);
    await ok(first.id, { type: "WITHDRAW_REFERRAL", reason: "案情已经查清，无须咨询" }, headActor());
    expect((await row(caseId)).state).toBe("IN_REVIEW");
    expect(((await row(caseId)).data as CaseState).committeeReferral.status).toBe("withdrawn");
    await ok(caseId, { type: "REFER_TO_COMMITTEE", grounds: ["technical"], questions: ["q2"] });
    const both = await consultationOf(caseId);
    expect(both.map((c) => c.state)).toEqual(["CLOSED", "REFERRAL_DRAFTED"]);
  });

  it("a relay the linked process refuses refuses the whole command: the adoption record while the case is suspended writes nothing", async () => {
    const { caseId, consultationId } = await opinionRecorded();
    await ok(caseId, { type: "SUSPEND", ground: "related_case_pending", explanation: "本案须以另一案件的审理结果为依据" });
    const before = { c: await row(consultationId), k: await row(caseId), events: await t.db.$count(auditEvents), outbox: await t.db.$count(outbox) };
    const r = await run(consultationId, { type: "RECORD_ADOPTION", outcome: "adopted" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.message).toMatch(/^关联的行政复议案件不能随之变更：/);
    expect(await row(consultationId)).toEqual(before.c);
    expect(await row(caseId)).toEqual(before.k);
    expect(await t.db.$count(auditEvents)).toBe(before.events);
    expect(await t.db.$count(outbox)).toBe(before.outbox);
  });
});
