// The committee consultation (行政复议委员会咨询, 《行政复议法》第五十二条; DOMAIN.md §17) from the member's side — the
// assigned consultations with their deadline, the declaration of no conflict before anything of the file is shown, the
// digest with personal information masked (第三十六条第二款), the answers per question and the separate opinion — and
// from the secretary's (the organ's reconsideration staff and office heads): materials sent, meeting with attendance
// or written round, quorum, and the record that counts the positions, keeps the dissent verbatim and freezes the
// answers (RECORD_OPINION). Also the reminders to members before the deadline and once it is overdue.
//
// A member sees a consultation only through a consultation_members row of their own that is not removed; anyone else
// (another member, a removed member, staff) gets null → 404. The secretary sees it only when the reconsideration case
// it belongs to is one they handle (findHandledCase). Another member's answers reach a member only once the record is
// closed. Member ids in the machine's state (ASSIGN_MEMBERS, HOLD_MEETING) are user ids: SUBMIT_MEMBER_OPINION checks
// the acting user against them.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Queryable, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import {
  caseParties,
  cases,
  committeeMembers,
  consultationMembers,
  consultationQuestions,
  deadlines,
  memberAnswers,
  notifications,
  organs,
  respondentReplies,
  roleMemberships,
  users,
} from "../../db/schema/index";
import { fieldErrors, type Application } from "~/domain/application";
import { todayInShanghai, workingDaysBetween } from "~/domain/calendar";
import {
  aggregateRecord,
  answeringStates,
  availableSecretaryIntents,
  declarationStates,
  DeclarationFormSchema,
  dissentEntries,
  fileStates,
  memberOpinionSummary,
  memberReminderDedupeKey,
  memberReminderKinds,
  memberReminderStage,
  opinionText,
  quorumNeeded,
  readAnswerForm,
  secretaryFormSchemas,
  type AnswerPosition,
  type ConsultationRecord,
  type QuorumRule,
  type SecretaryIntent,
} from "~/domain/consultation-record";
import type { ConsultationState, ConsultationStateName } from "~/domain/machines/consultation";
import { maskOptional, maskPersonalData } from "~/domain/personal-data";
import { membershipCovers, permissions } from "~/domain/policy";
import type { Role } from "~/domain/roles";
import { loadDeadlineRules } from "./calendar.server";
import { organPath } from "./organs.server";
import type { CurrentUser } from "./session.server";
import { findHandledCase } from "./staff-cases.server";
import { applyCommandInTransaction, Rejected, type ApplyResult } from "./transitions.server";

/** Who uses the member workspace (policy "committee:opine"); the routes answer 403 to everyone else. */
export const committeeMemberRoles: readonly Role[] = permissions["committee:opine"].roles;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parent = alias(cases, "parent_case");

export type CommitteeResult =
  | { ok: true; state: string; version: number }
  /** `formError` is a message key of the "member" area (with `vars`); `message`/`messageEn` the machine's own words. */
  | {
      ok: false;
      status: 400 | 404 | 409;
      code: string;
      formError?: string;
      vars?: Record<string, number>;
      message?: string;
      messageEn?: string;
      errors?: Record<string, string>;
    };

const notFound: CommitteeResult = { ok: false, status: 404, code: "NOT_FOUND", formError: "member.error.notFound" };
const stale: CommitteeResult = { ok: false, status: 409, code: "VERSION_CONFLICT", formError: "member.error.stale" };
const recordClosed: CommitteeResult = { ok: false, status: 409, code: "RECORD_CLOSED", formError: "member.error.recordClosed" };
const invalid = (errors: Record<string, string>): CommitteeResult => ({ ok: false, status: 400, code: "INVALID_FORM", formError: "member.error.form", errors });

/** A refusal thrown inside a transaction to roll it back, carrying the answer. */
class Refused extends Error {
  constructor(readonly result: CommitteeResult) {
    super("refused");
  }
}

function fromApply(result: ApplyResult): CommitteeResult {
  if (result.ok) return { ok: true, state: result.state, version: result.version };
  const reason = result.reason;
  if (reason.code === "VERSION_CONFLICT") return stale;
  if (reason.code === "NOT_FOUND") return notFound;
  return { ok: false, status: 400, code: reason.code, message: reason.message, messageEn: reason.messageEn };
}

/** Runs `work` in one transaction; a Refused or a rejected machine command rolls it back and becomes the answer. */
async function inTransaction(work: (tx: Tx) => Promise<CommitteeResult>): Promise<CommitteeResult> {
  return getDb()
    .transaction(work)
    .catch((error: unknown) => {
      if (error instanceof Refused) return error.result;
      if (error instanceof Rejected) return fromApply(error.rejection);
      throw error;
    });
}

/**
 * Locks the consultation row: answers, declarations and the closing of the record are serialised on it. The case is
 * locked first, in the order transitions.server.ts takes them (parent, then child), so that a command on the case that
 * relays to the consultation and one here queue instead of deadlocking.
 */
async function lockConsultation(tx: Tx, id: string) {
  const [link] = await tx.select({ parentCaseId: cases.parentCaseId }).from(cases).where(eq(cases.id, id));
  if (link?.parentCaseId) await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, link.parentCaseId)).for("update");
  const [row] = await tx
    .select({ id: cases.id, state: cases.state, version: cases.version, data: cases.data })
    .from(cases)
    .where(and(eq(cases.id, id), eq(cases.machine, "consultation")))
    .for("update");
  return row ?? null;
}

/** The committee_opinion period of each consultation (the machine's timer, started when the head approved the referral). */
async function deadlinesOf(q: Queryable, ids: readonly string[]): Promise<Map<string, { dueDate: string; status: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .select({ caseId: deadlines.caseId, dueDate: deadlines.dueDate, status: deadlines.status })
    .from(deadlines)
    .where(and(inArray(deadlines.caseId, [...ids]), eq(deadlines.kind, "committee_opinion")))
    .orderBy(desc(deadlines.createdAt));
  const out = new Map<string, { dueDate: string; status: string }>();
  for (const r of rows) if (!out.has(r.caseId)) out.set(r.caseId, { dueDate: r.dueDate, status: r.status });
  return out;
}

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------------------------------
// The member's side.

/** Where a member stands on one consultation, as the list shows it. */
export type MemberStatus = "declare" | "awaiting_materials" | "awaiting_round" | "answer" | "answered" | "absent" | "recorded" | "closed";

export interface AssignedConsultation {
  id: string;
  caseNumber: string | null;
  organName: string | null;
  state: ConsultationStateName;
  dueDate: string | null;
  overdue: boolean;
  status: MemberStatus;
}

interface Seat {
  seatId: string;
  memberId: string;
  declaredAt: Date | null;
  declaredConflict: boolean | null;
  separateOpinion: string | null;
  submittedAt: Date | null;
  attended: boolean | null;
}

function statusOf(state: string, seat: Seat, answeredAll: boolean): MemberStatus {
  if (state === "CLOSED") return "closed";
  if (state === "OPINION_RECORDED" || state === "ADOPTION_RECORDED") return "recorded";
  if (!seat.declaredAt || seat.declaredConflict !== false) return "declare";
  if (state === "MATERIALS_SENT") return "awaiting_round";
  if ((answeringStates as readonly string[]).includes(state)) {
    if (state === "MEETING_HELD" && seat.attended === false) return "absent";
    return answeredAll ? "answered" : "answer";
  }
  return "awaiting_materials";
}

const seatColumns = {
  seatId: consultationMembers.id,
  memberId: consultationMembers.memberId,
  declaredAt: consultationMembers.declaredAt,
  declaredConflict: consultationMembers.declaredConflict,
  separateOpinion: consultationMembers.separateOpinion,
  submittedAt: consultationMembers.submittedAt,
  attended: consultationMembers.attended,
};

/** The consultations the signed-in member is assigned to and not removed from, the nearest deadline first. */
export async function listAssignedConsultations(args: { user: CurrentUser; now?: Date }): Promise<AssignedConsultation[]> {
  const q = getDb();
  const today = todayInShanghai(args.now ?? new Date());
  const rows = await q
    .select({
      ...seatColumns,
      id: cases.id,
      state: cases.state,
      caseNumber: parent.caseNumber,
      organName: organs.name,
    })
    .from(consultationMembers)
    .innerJoin(committeeMembers, eq(committeeMembers.id, consultationMembers.memberId))
    .innerJoin(cases, eq(cases.id, consultationMembers.consultationId))
    .leftJoin(parent, eq(parent.id, cases.parentCaseId))
    .leftJoin(organs, eq(organs.id, parent.organId))
    .where(and(eq(committeeMembers.userId, args.user.id), isNull(consultationMembers.removedAt), eq(cases.machine, "consultation")));
  const ids = rows.map((r) => r.id);
  const due = await deadlinesOf(q, ids);
  const questionRows = ids.length
    ? await q.select({ id: consultationQuestions.id, consultationId: consultationQuestions.consultationId }).from(consultationQuestions).where(inArray(consultationQuestions.consultationId, ids))
    : [];
  const answerRows = questionRows.length
    ? await q
        .select({ questionId: memberAnswers.questionId, memberId: memberAnswers.memberId })
        .from(memberAnswers)
        .where(and(inArray(memberAnswers.questionId, questionRows.map((x) => x.id)), inArray(memberAnswers.memberId, rows.map((r) => r.memberId))))
    : [];
  const list = rows.map((r): AssignedConsultation => {
    const questions = questionRows.filter((x) => x.consultationId === r.id);
    const answeredAll = questions.length > 0 && questions.every((x) => answerRows.some((a) => a.questionId === x.id && a.memberId === r.memberId));
    const d = due.get(r.id) ?? null;
    const open = !["OPINION_RECORDED", "ADOPTION_RECORDED", "CLOSED"].includes(r.state);
    return {
      id: r.id,
      caseNumber: r.caseNumber,
      organName: r.organName,
      state: r.state as ConsultationStateName,
      dueDate: d?.dueDate ?? null,
      overdue: Boolean(d && open && d.dueDate < today),
      status: statusOf(r.state, r, answeredAll),
    };
  });
  return list.sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.id.localeCompare(b.id));
}

/** The member's own seat on the consultation, or null (→ 404): no row, a removed one, or not a consultation. */
async function findSeat(q: Queryable, user: CurrentUser, consultationId: string) {
  if (!UUID.test(consultationId)) return null;
  const [row] = await q
    .select({
      ...seatColumns,
      id: cases.id,
      state: cases.state,
      version: cases.version,
      data: cases.data,
      parentCaseId: cases.parentCaseId,
    })
    .from(consultationMembers)
    .innerJoin(committeeMembers, eq(committeeMembers.id, consultationMembers.memberId))
    .innerJoin(cases, eq(cases.id, consultationMembers.consultationId))
    .where(
      and(
        eq(consultationMembers.consultationId, consultationId),
        eq(committeeMembers.userId, user.id),
        isNull(consultationMembers.removedAt),
        eq(cases.machine, "consultation"),
      ),
    );
  return row ?? null;
}

export interface Digest {
  act: { title: string; documentNumber: string | null; kind: string | null; madeOn: string | null } | null;
  requests: string | null;
  factsAndReasons: string | null;
  /** Descriptions of the applicant's evidence (masked); the files themselves are not given to members. */
  evidence: string[];
  reply: { filedOn: string; reply: string; legalBasis: string; evidence: string[] } | null;
  questions: { id: string; number: number; text: string }[];
}

export interface RecordView {
  opinion: string;
  dissent: string[];
  recordedOn: string;
  record: ConsultationRecord;
}

export interface MemberConsultationPage {
  id: string;
  caseNumber: string | null;
  organName: string | null;
  respondentName: string | null;
  state: ConsultationStateName;
  dueDate: string | null;
  overdue: boolean;
  grounds: string[];
  status: MemberStatus;
  declared: boolean;
  /** Who the case is between (names only): what a member needs to see a conflict, shown before the declaration. */
  parties: { role: string; name: string }[];
  /** Null until the member has declared no conflict and the materials have been sent. */
  digest: Digest | null;
  /** The member's own answers; never another member's before the record is closed. */
  mine: { answers: Record<string, { position: AnswerPosition; reasoning: string }>; separateOpinion: string | null; submittedAt: string | null };
  canAnswer: boolean;
  /** The frozen record, once the secretary has closed it. */
  record: RecordView | null;
}

/** The consultation page of the member, or null (→ 404). */
export async function getMemberConsultation(args: { user: CurrentUser; consultationId: string; now?: Date }): Promise<MemberConsultationPage | null> {
  const q = getDb();
  const seat = await findSeat(q, args.user, args.consultationId);
  if (!seat) return null;
  const today = todayInShanghai(args.now ?? new Date());
  const data = seat.data as ConsultationState;
  const [c] = seat.parentCaseId
    ? await q
        .select({ id: cases.id, caseNumber: cases.caseNumber, organId: cases.organId, respondentOrganId: cases.respondentOrganId, filing: cases.filing })
        .from(cases)
        .where(eq(cases.id, seat.parentCaseId))
    : [];
  const organIds = [c?.organId, c?.respondentOrganId].filter((x): x is string => Boolean(x));
  const organRows = organIds.length ? await q.select({ id: organs.id, name: organs.name }).from(organs).where(inArray(organs.id, organIds)) : [];
  const organName = (id: string | null | undefined) => organRows.find((o) => o.id === id)?.name ?? null;
  const partyRows = c
    ? await q
        .select({ role: caseParties.role, name: caseParties.name, position: caseParties.position })
        .from(caseParties)
        .where(eq(caseParties.caseId, c.id))
        .orderBy(asc(caseParties.role), asc(caseParties.position))
    : [];
  const due = (await deadlinesOf(q, [seat.id])).get(seat.id) ?? null;
  const questions = await q
    .select({ id: consultationQuestions.id, position: consultationQuestions.position, text: consultationQuestions.text })
    .from(consultationQuestions)
    .where(eq(consultationQuestions.consultationId, seat.id))
    .orderBy(asc(consultationQuestions.position));
  const myAnswers = questions.length
    ? await q
        .select({ questionId: memberAnswers.questionId, position: memberAnswers.position, reasoning: memberAnswers.reasoning })
        .from(memberAnswers)
        .where(and(inArray(memberAnswers.questionId, questions.map((x) => x.id)), eq(memberAnswers.memberId, seat.memberId)))
    : [];
  const answeredAll = questions.length > 0 && questions.every((x) => myAnswers.some((a) => a.questionId === x.id));
  const declared = seat.declaredAt !== null && seat.declaredConflict === false;
  const state = seat.state as ConsultationStateName;
  const materialsSent = (fileStates as readonly string[]).includes(state) && (state !== "CLOSED" || data.opinion !== null);
  const status = statusOf(state, seat, answeredAll);

  let digest: Digest | null = null;
  if (declared && materialsSent && c) digest = await digestOf(q, c, questions);
  const record = data.opinion && declared ? { ...data.opinion, opinion: data.opinion.text, record: await recordOf(q, seat.id) } : null;

  return {
    id: seat.id,
    caseNumber: c?.caseNumber ?? null,
    organName: organName(c?.organId),
    respondentName: organName(c?.respondentOrganId),
    state,
    dueDate: due?.dueDate ?? null,
    overdue: Boolean(due && due.dueDate < today && (declarationStates as readonly string[]).includes(state)),
    grounds: data.grounds ?? [],
    status,
    declared,
    parties: partyRows.map((p) => ({ role: p.role, name: p.name })),
    digest,
    mine: declared
      ? {
          answers: Object.fromEntries(myAnswers.map((a) => [a.questionId, { position: a.position, reasoning: a.reasoning }])),
          separateOpinion: seat.separateOpinion,
          submittedAt: isoOrNull(seat.submittedAt),
        }
      : { answers: {}, separateOpinion: null, submittedAt: null },
    canAnswer: declared && status !== "absent" && (answeringStates as readonly string[]).includes(state),
    record: record ? { opinion: record.opinion, dissent: record.dissent, recordedOn: record.recordedOn, record: record.record } : null,
  };
}

/** The digest of the case for members: the act, requests, facts and reasons, the reply — personal data masked — and the questions. */
async function digestOf(
  q: Queryable,
  c: { id: string; filing: unknown },
  questions: readonly { id: string; position: number; text: string }[],
): Promise<Digest> {
  const application = ((c.filing ?? {}) as { application?: Partial<Application> }).application;
  const act = application?.act;
  const [reply] = await q
    .select({ reply: respondentReplies.reply, legalBasis: respondentReplies.legalBasis, evidence: respondentReplies.evidence, filedAt: respondentReplies.filedAt })
    .from(respondentReplies)
    .where(eq(respondentReplies.caseId, c.id))
    .orderBy(desc(respondentReplies.filedAt))
    .limit(1);
  const descriptions = (list: unknown) =>
    (Array.isArray(list) ? list : [])
      .map((e) => (e && typeof e === "object" && typeof (e as { description?: unknown }).description === "string" ? (e as { description: string }).description : ""))
      .filter(Boolean)
      .map(maskPersonalData);
  return {
    act: act
      ? {
          title: maskPersonalData(act.actTitle ?? ""),
          documentNumber: act.actDocumentNumber || null,
          kind: act.actKind ?? null,
          madeOn: act.madeOn ?? null,
        }
      : null,
    requests: maskOptional(application?.requests?.requests),
    factsAndReasons: maskOptional(application?.requests?.factsAndReasons),
    evidence: descriptions(application?.evidence?.evidence),
    reply: reply
      ? { filedOn: todayInShanghai(reply.filedAt), reply: maskPersonalData(reply.reply), legalBasis: maskPersonalData(reply.legalBasis), evidence: descriptions(reply.evidence) }
      : null,
    questions: questions.map((x, i) => ({ id: x.id, number: i + 1, text: maskPersonalData(x.text) })),
  };
}

/** Everybody's seats on a consultation with the members' names (for the record and the secretary). */
async function seatsOf(q: Queryable, consultationId: string) {
  return q
    .select({
      ...seatColumns,
      userId: committeeMembers.userId,
      name: users.displayName,
      kind: committeeMembers.kind,
      employer: committeeMembers.employer,
      declarationNote: consultationMembers.declarationNote,
      removedAt: consultationMembers.removedAt,
      removedReason: consultationMembers.removedReason,
    })
    .from(consultationMembers)
    .innerJoin(committeeMembers, eq(committeeMembers.id, consultationMembers.memberId))
    .innerJoin(users, eq(users.id, committeeMembers.userId))
    .where(eq(consultationMembers.consultationId, consultationId))
    .orderBy(asc(users.displayName));
}

type SeatRow = Awaited<ReturnType<typeof seatsOf>>[number];

/** A meeting's record counts the members present; a written round every member not removed. */
const counts = (s: SeatRow, meeting: boolean) => s.removedAt === null && s.declaredConflict === false && (!meeting || s.attended === true);

/** The aggregate of the answers of the members who count (app/domain/consultation-record.ts). */
async function recordOf(q: Queryable, consultationId: string, rows?: { seats: SeatRow[]; meeting: boolean }): Promise<ConsultationRecord> {
  const seats = rows?.seats ?? (await seatsOf(q, consultationId));
  const meeting = rows?.meeting ?? seats.some((s) => s.attended !== null);
  const questions = await q
    .select({ id: consultationQuestions.id, position: consultationQuestions.position, text: consultationQuestions.text })
    .from(consultationQuestions)
    .where(eq(consultationQuestions.consultationId, consultationId));
  const answers = questions.length
    ? await q
        .select({ questionId: memberAnswers.questionId, memberId: memberAnswers.memberId, position: memberAnswers.position, reasoning: memberAnswers.reasoning })
        .from(memberAnswers)
        .where(inArray(memberAnswers.questionId, questions.map((x) => x.id)))
    : [];
  return aggregateRecord({
    questions,
    members: seats.map((s) => ({ memberId: s.memberId, name: s.name, counts: counts(s, meeting), separateOpinion: s.separateOpinion })),
    answers,
  });
}

/** The office heads covering the organ and the case's handler: the secretary of its consultations. */
async function secretariesOf(q: Queryable, c: { organId: string | null; handlerId: string | null }): Promise<string[]> {
  const ids = new Set<string>(c.handlerId ? [c.handlerId] : []);
  if (c.organId) {
    const path = await organPath(q, c.organId);
    const rows = await q
      .select({ userId: roleMemberships.userId, organId: roleMemberships.organId, includeSubordinates: roleMemberships.includeSubordinates })
      .from(roleMemberships)
      .innerJoin(users, eq(users.id, roleMemberships.userId))
      .where(and(eq(roleMemberships.role, "office_head"), inArray(roleMemberships.organId, path), eq(users.disabled, false)));
    for (const r of rows) if (membershipCovers({ role: "office_head", ...r }, path)) ids.add(r.userId);
  }
  return [...ids];
}

/**
 * The declaration before the file is shown. No conflict: the member may read the masked file. A conflict (also after
 * an earlier "no conflict", while the record is open): the member is removed at once — the seat, the file and the
 * answers are gone for them, their answers no longer count — and the secretary is told in the portal.
 */
export async function declareConflictStatus(args: {
  user: CurrentUser;
  consultationId: string;
  form: Record<string, unknown>;
  now?: Date;
  requestId?: string;
}): Promise<CommitteeResult & { removed?: boolean }> {
  if (!(await findSeat(getDb(), args.user, args.consultationId))) return notFound;
  const parsed = DeclarationFormSchema.safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const now = args.now ?? new Date();
  const form = parsed.data;
  let removed = false;
  const result = await inTransaction(async (tx) => {
    const row = await lockConsultation(tx, args.consultationId);
    const seat = row ? await findSeat(tx, args.user, args.consultationId) : null;
    if (!row || !seat) throw new Refused(notFound);
    if (!(declarationStates as readonly string[]).includes(row.state)) throw new Refused(recordClosed);
    if (form.declaration === "no_conflict") {
      if (seat.declaredAt && seat.declaredConflict === false) return { ok: true, state: row.state, version: row.version };
      await tx
        .update(consultationMembers)
        .set({ declaredAt: now, declaredConflict: false, declarationNote: null })
        .where(eq(consultationMembers.id, seat.seatId));
      await recordEvent(tx, {
        actorId: args.user.id,
        action: "consultation.member_declared_no_conflict",
        subjectType: "case",
        subjectId: row.id,
        payload: { member: seat.memberId },
        requestId: args.requestId,
        occurredAt: now,
      });
      return { ok: true, state: row.state, version: row.version };
    }
    await tx
      .update(consultationMembers)
      .set({ declaredAt: now, declaredConflict: true, declarationNote: form.note, removedAt: now, removedReason: "declared_conflict" })
      .where(eq(consultationMembers.id, seat.seatId));
    // the members who count changed: a secretary's form loaded before this is stale (409), as after a command
    const [bumped] = await tx
      .update(cases)
      .set({ version: sql`${cases.version} + 1`, updatedAt: now })
      .where(eq(cases.id, row.id))
      .returning({ version: cases.version });
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "consultation.member_declared_conflict",
      subjectType: "case",
      subjectId: row.id,
      payload: { member: seat.memberId, basis: "《行政复议法》第五十二条；DOMAIN.md 6.23" },
      requestId: args.requestId,
      occurredAt: now,
    });
    const [c] = seat.parentCaseId
      ? await tx
          .select({ id: cases.id, caseNumber: cases.caseNumber, organId: cases.organId, handlerId: cases.handlerId })
          .from(cases)
          .where(eq(cases.id, seat.parentCaseId))
      : [];
    const recipients = c ? await secretariesOf(tx, c) : [];
    if (c && recipients.length) {
      await tx
        .insert(notifications)
        .values(
          recipients.map((userId) => ({
            userId,
            caseId: c.id,
            kind: "committee_conflict_declared",
            data: { caseNumber: c.caseNumber, member: args.user.displayName, consultationId: row.id },
            dedupeKey: `committee-conflict:${seat.seatId}`,
            createdAt: now,
          })),
        )
        .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] });
    }
    removed = true;
    return { ok: true, state: row.state, version: bumped.version };
  });
  return result.ok ? { ...result, removed } : result;
}

/**
 * The member's answer to every question and the optional separate opinion, while the meeting's positions or the
 * written round are open. Saved again, it replaces the earlier one; once the record is closed nothing changes (409).
 * The machine logs the submission (C4-member) on the consultation, in the same transaction.
 */
export async function saveMemberAnswers(args: {
  user: CurrentUser;
  consultationId: string;
  form: Iterable<[string, unknown]>;
  now?: Date;
  requestId?: string;
}): Promise<CommitteeResult> {
  if (!(await findSeat(getDb(), args.user, args.consultationId))) return notFound;
  const now = args.now ?? new Date();
  const entries = [...args.form];
  return inTransaction(async (tx) => {
    const row = await lockConsultation(tx, args.consultationId);
    const seat = row ? await findSeat(tx, args.user, args.consultationId) : null;
    if (!row || !seat) throw new Refused(notFound);
    if (!(declarationStates as readonly string[]).includes(row.state)) throw new Refused(recordClosed);
    if (!(seat.declaredAt && seat.declaredConflict === false)) throw new Refused({ ok: false, status: 400, code: "NOT_DECLARED", formError: "member.error.declareFirst" });
    if (!(answeringStates as readonly string[]).includes(row.state)) throw new Refused({ ok: false, status: 400, code: "ROUND_NOT_OPEN", formError: "member.error.roundNotOpen" });
    if (row.state === "MEETING_HELD" && seat.attended === false) throw new Refused({ ok: false, status: 400, code: "ABSENT", formError: "member.error.absent" });
    const questions = await tx
      .select({ id: consultationQuestions.id })
      .from(consultationQuestions)
      .where(eq(consultationQuestions.consultationId, row.id))
      .orderBy(asc(consultationQuestions.position));
    const read = readAnswerForm(entries, questions.map((x) => x.id));
    if (!read.ok) throw new Refused(invalid(read.errors));
    for (const a of read.answers) {
      await tx
        .insert(memberAnswers)
        .values({ questionId: a.questionId, memberId: seat.memberId, position: a.position, reasoning: a.reasoning, answeredAt: now })
        .onConflictDoUpdate({ target: [memberAnswers.questionId, memberAnswers.memberId], set: { position: a.position, reasoning: a.reasoning, answeredAt: now } });
    }
    await tx.update(consultationMembers).set({ separateOpinion: read.separateOpinion, submittedAt: now }).where(eq(consultationMembers.id, seat.seatId));
    const applied = await applyCommandInTransaction(tx, {
      caseId: row.id,
      expectedVersion: row.version,
      command: { type: "SUBMIT_MEMBER_OPINION", text: memberOpinionSummary(read.answers, read.separateOpinion) },
      actor: { role: "committee_member", userId: args.user.id, relation: "member" },
      actorUserId: args.user.id,
      now,
      requestId: args.requestId,
    });
    return { ok: true, state: applied.state, version: applied.version };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The secretary's side.

/** The consultation if `user` handles the reconsideration case it belongs to, with the role they act in; else null (→ 404). */
async function findSecretaryConsultation(q: Queryable, user: CurrentUser, consultationId: string) {
  if (!UUID.test(consultationId)) return null;
  const [row] = await q
    .select({ id: cases.id, state: cases.state, version: cases.version, data: cases.data, parentCaseNumber: parent.caseNumber })
    .from(cases)
    .innerJoin(parent, eq(parent.id, cases.parentCaseId))
    .where(and(eq(cases.id, consultationId), eq(cases.machine, "consultation")));
  if (!row?.parentCaseNumber) return null;
  const handled = await findHandledCase(q, user, row.parentCaseNumber);
  if (!handled) return null;
  return { ...row, caseNumber: row.parentCaseNumber, caseId: handled.id, role: handled.role };
}

export interface SecretarySeat {
  memberId: string;
  name: string;
  kind: string;
  employer: string;
  declaration: "pending" | "no_conflict" | "conflict";
  removed: boolean;
  removedReason: string | null;
  attended: boolean | null;
  answered: number;
  submittedAt: string | null;
}

export interface SecretaryConsultationPage {
  id: string;
  caseNumber: string;
  state: ConsultationStateName;
  version: number;
  role: Role;
  dueDate: string | null;
  overdue: boolean;
  grounds: string[];
  mode: "meeting" | "written" | null;
  questions: { id: string; number: number; text: string }[];
  seats: SecretarySeat[];
  quorum: { rule: QuorumRule; active: number; needed: number; present: number | null; answered: number };
  intents: SecretaryIntent[];
  /** The record as it stands (before closing: a preview; after: frozen with the recorded text and dissent). */
  record: ConsultationRecord;
  recorded: { opinion: string; dissent: string[]; recordedOn: string } | null;
}

/** The secretary's page of a consultation, or null (→ 404) when its case is not one the user handles. */
export async function getSecretaryConsultation(args: { user: CurrentUser; consultationId: string; now?: Date }): Promise<SecretaryConsultationPage | null> {
  const q = getDb();
  const found = await findSecretaryConsultation(q, args.user, args.consultationId);
  if (!found) return null;
  const today = todayInShanghai(args.now ?? new Date());
  const data = found.data as ConsultationState;
  const state = found.state as ConsultationStateName;
  const seats = await seatsOf(q, found.id);
  const meeting = state === "MEETING_HELD" || (state !== "WRITTEN_CONSULT" && seats.some((s) => s.attended !== null));
  const mode = meeting ? "meeting" : state === "WRITTEN_CONSULT" || data.opinion ? "written" : null;
  const record = await recordOf(q, found.id, { seats, meeting });
  const questions = record.questions.map((x) => ({ id: x.questionId, number: x.number, text: x.text }));
  const rule = (await loadDeadlineRules(q)).settings.committeeQuorum;
  const active = seats.filter((s) => s.removedAt === null).length;
  const due = (await deadlinesOf(q, [found.id])).get(found.id) ?? null;
  return {
    id: found.id,
    caseNumber: found.caseNumber,
    state,
    version: found.version,
    role: found.role,
    dueDate: due?.dueDate ?? null,
    overdue: Boolean(due && due.dueDate < today && (declarationStates as readonly string[]).includes(state)),
    grounds: data.grounds ?? [],
    mode,
    questions,
    seats: seats.map((s) => ({
      memberId: s.memberId,
      name: s.name,
      kind: s.kind,
      employer: s.employer,
      declaration: s.declaredConflict === true ? "conflict" : s.declaredConflict === false ? "no_conflict" : "pending",
      removed: s.removedAt !== null,
      removedReason: s.removedReason,
      attended: s.attended,
      answered: record.questions.filter((x) => x.answers.some((a) => a.memberId === s.memberId)).length,
      submittedAt: isoOrNull(s.submittedAt),
    })),
    quorum: {
      rule,
      active,
      needed: quorumNeeded(active, rule),
      present: meeting ? seats.filter((s) => s.removedAt === null && s.attended === true).length : null,
      answered: record.answeredMembers,
    },
    intents: availableSecretaryIntents(state),
    record,
    recorded: data.opinion ? { opinion: data.opinion.text, dissent: data.opinion.dissent, recordedOn: data.opinion.recordedOn } : null,
  };
}

/** Whether the consultation exists for `user` as its secretary (an action answers 404 before it reads the form). */
export async function secretaryConsultationExists(args: { user: CurrentUser; consultationId: string }): Promise<boolean> {
  return (await findSecretaryConsultation(getDb(), args.user, args.consultationId)) !== null;
}

/**
 * One of the secretary's steps on the version they saw (stale → 409): materials sent (C3, redacted per Art. 36(2)),
 * the meeting held with its attendance (C4; the quorum setting is checked on the members present), the written round
 * opened (C4-written), or the record closed (C5): the answers of the members who count are aggregated, the quorum is
 * checked on those who answered every question, and the opinion with the dissent verbatim is recorded — after which no
 * answer changes.
 */
export async function runSecretaryCommand(args: {
  user: CurrentUser;
  consultationId: string;
  version: number;
  intent: SecretaryIntent;
  form: Record<string, unknown>;
  now?: Date;
  requestId?: string;
}): Promise<CommitteeResult> {
  const found = await findSecretaryConsultation(getDb(), args.user, args.consultationId);
  if (!found) return notFound;
  const parsed = secretaryFormSchemas[args.intent].safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const now = args.now ?? new Date();
  const rule = (await loadDeadlineRules(getDb())).settings.committeeQuorum;
  return inTransaction(async (tx) => {
    const row = await lockConsultation(tx, found.id);
    if (!row) throw new Refused(notFound);
    if (row.version !== args.version) throw new Refused(stale);
    const seats = await seatsOf(tx, row.id);
    const active = seats.filter((s) => s.removedAt === null);
    const needed = quorumNeeded(active.length, rule);
    let command: { type: string } & Record<string, unknown>;
    let after: (() => Promise<void>) | null = null;
    switch (args.intent) {
      case "send_materials":
        command = { type: "SEND_MATERIALS", redactedPerArt36: true };
        break;
      case "start_written":
        command = { type: "START_WRITTEN_CONSULTATION" };
        break;
      case "hold_meeting": {
        const ids = [...new Set((parsed.data as { attendees: string[] }).attendees)];
        const present = active.filter((s) => ids.includes(s.memberId));
        // only members assigned, not removed and declared free of conflict take part
        if (present.length !== ids.length || present.some((s) => s.declaredConflict !== false)) {
          throw new Refused(invalid({ attendees: "member.error.attendee" }));
        }
        if (present.length < needed) {
          throw new Refused({ ok: false, status: 400, code: "QUORUM", formError: "member.error.quorumMeeting", vars: { present: present.length, needed, active: active.length } });
        }
        command = { type: "HOLD_MEETING", attendeeIds: present.map((s) => s.userId) };
        after = async () => {
          for (const s of active) {
            await tx.update(consultationMembers).set({ attended: ids.includes(s.memberId) }).where(eq(consultationMembers.id, s.seatId));
          }
        };
        break;
      }
      case "close_record": {
        const record = await recordOf(tx, row.id, { seats, meeting: row.state === "MEETING_HELD" });
        if (record.answeredMembers < needed) {
          throw new Refused({
            ok: false,
            status: 400,
            code: "QUORUM",
            formError: "member.error.quorumRecord",
            vars: { answered: record.answeredMembers, needed, active: active.length },
          });
        }
        const text = opinionText((parsed.data as { summary: string }).summary, record);
        if (text.length > 4000) throw new Refused(invalid({ summary: "member.error.tooLong" }));
        command = { type: "RECORD_OPINION", text, dissent: dissentEntries(record) };
        break;
      }
    }
    const applied = await applyCommandInTransaction(tx, {
      caseId: row.id,
      expectedVersion: args.version,
      command,
      actor: { role: found.role, userId: args.user.id },
      actorUserId: args.user.id,
      now,
      requestId: args.requestId,
    });
    if (after) await after();
    return { ok: true, state: applied.state, version: applied.version };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders.

/**
 * Reminds every member who still has to act (assigned, not removed, not absent from the meeting, answers not yet
 * submitted) 3 working days before the consultation's deadline and once it is overdue: one notification per member,
 * deadline and stage (ON CONFLICT DO NOTHING on (user, dedupe key)), so running it again creates nothing.
 */
export async function sendConsultationReminders(now: Date): Promise<{ checked: number; created: number }> {
  const db = getDb();
  const today = todayInShanghai(now);
  const rows = await db
    .select({ deadlineId: deadlines.id, dueDate: deadlines.dueDate, consultationId: cases.id, caseNumber: parent.caseNumber })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .leftJoin(parent, eq(parent.id, cases.parentCaseId))
    .where(
      and(
        eq(deadlines.kind, "committee_opinion"),
        eq(deadlines.status, "running"),
        eq(cases.machine, "consultation"),
        inArray(cases.state, ["MATERIALS_SENT", "MEETING_HELD", "WRITTEN_CONSULT"]),
      ),
    );
  if (rows.length === 0) return { checked: 0, created: 0 };
  const rules = await loadDeadlineRules(db);
  let created = 0;
  for (const d of rows) {
    const left = today > d.dueDate ? 0 : workingDaysBetween(today, d.dueDate, rules.calendar, rules.settings);
    const stage = memberReminderStage(d.dueDate, today, left);
    if (!stage) continue;
    const seats = await seatsOf(db, d.consultationId);
    const recipients = seats.filter((s) => s.removedAt === null && s.submittedAt === null && s.attended !== false).map((s) => s.userId);
    if (recipients.length === 0) continue;
    const inserted = await db
      .insert(notifications)
      .values(
        recipients.map((userId) => ({
          userId,
          caseId: d.consultationId,
          deadlineId: d.deadlineId,
          kind: memberReminderKinds[stage],
          data: { caseNumber: d.caseNumber, dueDate: d.dueDate, consultationId: d.consultationId },
          dedupeKey: memberReminderDedupeKey(d.deadlineId, stage),
          createdAt: now,
        })),
      )
      .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
      .returning({ id: notifications.id });
    created += inserted.length;
  }
  return { checked: rows.length, created };
}
