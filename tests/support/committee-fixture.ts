// A committee consultation (DOMAIN.md §17) for tests of the member workspace, the meeting or written round and whatever
// else needs one: the accepted case brought to review and referred (T14), which opens the consultation row (machine
// "consultation", parent_case_id → the case) with its questions — made here directly if the referral does not —; the
// committee of the case's organ with the given members on its roster; and the machine run on the consultation through
// applyCommand — the head approves the referral (C1: the committee_opinion period starts), staff assign the members
// (C2, user ids in the machine's state) and send the materials (C3) — with a consultation_members row per member.
// Works on the database seedDemo handed to the app (getDb()).
//
//   const caseNumber = await fileApplication(citizen, respondentId);
//   await acceptOrdinary(staff, caseNumber);            // ACCEPTED: the fixture takes it to IN_REVIEW and refers it
//   const c = await makeConsultation({ caseNumber, staff, head, members: [m1, m2, m3] });
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { cases, committeeMembers, committees, consultationMembers, consultationQuestions, deadlines } from "../../db/schema/index";
import { draftReferral, type ConsultationCommand } from "~/domain/machines/consultation";
import type { CurrentUser } from "~/services/session.server";
import { applyCommand, createProcess } from "~/services/transitions.server";
import { caseRow, demoUser } from "./staff-fixture";

/** member1–3@demo.nmg.example: the demo committee members (赵振宇, 乌云娜, 孙立新), committee_member at 150100. */
export async function demoMembers(): Promise<[CurrentUser, CurrentUser, CurrentUser]> {
  return [await demoUser("member1"), await demoUser("member2"), await demoUser("member3")];
}

/** The committee of `organId` (created once) with `users` on its roster (each once); the committee member id per user id. */
export async function ensureCommittee(organId: string, roster: readonly CurrentUser[]): Promise<{ committeeId: string; memberIds: Map<string, string> }> {
  const db = getDb();
  await db.insert(committees).values({ organId, name: "行政复议委员会" }).onConflictDoNothing({ target: committees.organId });
  const [committee] = await db.select({ id: committees.id }).from(committees).where(eq(committees.organId, organId));
  const memberIds = new Map<string, string>();
  for (const [i, user] of roster.entries()) {
    await db
      .insert(committeeMembers)
      .values({ committeeId: committee.id, userId: user.id, kind: i % 2 === 0 ? "expert" : "department", employer: i % 2 === 0 ? "内蒙古大学法学院" : "呼和浩特市司法局", fields: ["market_regulation"] })
      .onConflictDoNothing({ target: [committeeMembers.committeeId, committeeMembers.userId] });
    const [row] = await db
      .select({ id: committeeMembers.id })
      .from(committeeMembers)
      .where(and(eq(committeeMembers.committeeId, committee.id), eq(committeeMembers.userId, user.id)));
    memberIds.set(user.id, row.id);
  }
  return { committeeId: committee.id, memberIds };
}

export interface ConsultationFixture {
  consultationId: string;
  caseId: string;
  caseNumber: string;
  committeeId: string;
  /** Committee member id (committee_members.id) per user id. */
  memberIds: Map<string, string>;
  questionIds: string[];
}

/** Where makeConsultation stops: after the head's approval, after the assignment, or (default) after the materials went out. */
export type ConsultationStage = "REFERRED" | "MEMBERS_ASSIGNED" | "MATERIALS_SENT";

/**
 * A consultation on the accepted case `caseNumber`, run up to `until`. The committee period runs from today to 10
 * working days later, or to 5 working days before `decisionDueOn` (default: the case's running decision period).
 */
export async function makeConsultation(args: {
  caseNumber: string;
  staff: CurrentUser;
  head: CurrentUser;
  members: readonly CurrentUser[];
  questions?: readonly string[];
  until?: ConsultationStage;
  decisionDueOn?: string;
  now?: Date;
}): Promise<ConsultationFixture> {
  const db = getDb();
  const now = args.now ?? new Date();
  const c = await caseRow(args.caseNumber);
  const questions = args.questions ?? ["被申请人认定的违法事实是否清楚、证据是否充分？", "罚款数额是否适当？"];
  const decisionDueOn =
    args.decisionDueOn ??
    (
      await db
        .select({ dueDate: deadlines.dueDate })
        .from(deadlines)
        .where(and(eq(deadlines.caseId, c.id), eq(deadlines.kind, "decision"), eq(deadlines.status, "running")))
        .orderBy(desc(deadlines.createdAt))
        .limit(1)
    )[0]?.dueDate;
  if (!decisionDueOn) throw new Error(`case ${args.caseNumber} has no running decision period`);

  // the case: copy served, reply filed, views heard (IN_REVIEW), then referred (T14), which opens the consultation
  const caseActor = { role: "reconsideration_staff" as const, userId: args.staff.id };
  for (const command of [
    { type: "SERVE_COPY_ON_RESPONDENT" },
    { type: "FILE_REPLY", evidenceAndBasisSubmitted: true },
    { type: "RECORD_VIEWS_HEARD", mode: "phone", applicantWillingToMediate: false },
    { type: "REFER_TO_COMMITTEE", grounds: ["major_complex"], questions: [...questions] },
  ]) {
    const row = await caseRow(args.caseNumber);
    const r = await applyCommand({ caseId: row.id, expectedVersion: row.version, command, actor: caseActor, actorUserId: args.staff.id, now });
    if (!r.ok) throw new Error(`${command.type} failed: ${JSON.stringify(r.reason)}`);
  }
  const [opened] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.parentCaseId, c.id), eq(cases.machine, "consultation")))
    .orderBy(desc(cases.createdAt))
    .limit(1);
  // the referral's plumbing creates the consultation with its questions; without it, the row is made here
  const consultationId =
    opened?.id ??
    (
      await createProcess(
        { machine: "consultation", data: { ...draftReferral({ grounds: ["major_complex"], questions }) }, organId: c.organId, parentCaseId: c.id },
        { actorId: args.staff.id, now },
      )
    ).caseId;
  let questionRows = await db
    .select({ id: consultationQuestions.id, position: consultationQuestions.position })
    .from(consultationQuestions)
    .where(eq(consultationQuestions.consultationId, consultationId));
  if (questionRows.length === 0) {
    questionRows = await db
      .insert(consultationQuestions)
      .values(questions.map((text, i) => ({ consultationId, position: i + 1, text })))
      .returning({ id: consultationQuestions.id, position: consultationQuestions.position });
  }
  const questionIds = questionRows.sort((a, b) => a.position - b.position).map((q) => q.id);
  const { committeeId, memberIds } = await ensureCommittee(c.organId!, args.members);

  const run = async (user: CurrentUser, role: "reconsideration_staff" | "office_head", command: ConsultationCommand) => {
    const [row] = await db.select({ version: cases.version }).from(cases).where(eq(cases.id, consultationId));
    const r = await applyCommand({ caseId: consultationId, expectedVersion: row.version, command, actor: { role, userId: user.id }, actorUserId: user.id, now });
    if (!r.ok) throw new Error(`${command.type} failed: ${JSON.stringify(r.reason)}`);
  };
  const until = args.until ?? "MATERIALS_SENT";
  await run(args.head, "office_head", { type: "APPROVE_REFERRAL", decisionDueOn });
  if (until === "REFERRED") return { consultationId, caseId: c.id, caseNumber: args.caseNumber, committeeId, memberIds, questionIds };
  await run(args.staff, "reconsideration_staff", { type: "ASSIGN_MEMBERS", memberIds: args.members.map((m) => m.id), recusalChecked: true });
  await db
    .insert(consultationMembers)
    .values(args.members.map((m) => ({ consultationId, memberId: memberIds.get(m.id)!, assignedBy: args.staff.id, assignedAt: now })));
  if (until === "MEMBERS_ASSIGNED") return { consultationId, caseId: c.id, caseNumber: args.caseNumber, committeeId, memberIds, questionIds };
  await run(args.staff, "reconsideration_staff", { type: "SEND_MATERIALS", redactedPerArt36: true });
  return { consultationId, caseId: c.id, caseNumber: args.caseNumber, committeeId, memberIds, questionIds };
}
