// The reconsideration committee (行政复议委员会, 《行政复议法》第五十二条) from the office's side: the referral of a case in
// review (T14, Art. 52(2): the grounds, one automatic, and the questions) and the office head's approval (C1) or
// withdrawal; the choice of members from the roster (C2) — proposed by fields of expertise, with anyone linked to the
// respondent, the organ behind the act or a party excluded and the reason shown —; a party's recusal request (回避申请)
// recorded and decided with reasons; and the adoption record (采纳情况说明, Art. 52(3), 61(3), C6) relayed to the case.
// Also the roster and conflict register of each organ's committee (/staff/committee), kept by office heads and admins.
//
// The consultation is a `cases` row (machine "consultation", parent_case_id → the case) created by the case's T14 in
// the same transaction (transitions.server.ts); everything here is scoped by findHandledCase: a case outside the
// user's organs, and so its consultation, does not exist (404).
import { and, asc, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Queryable, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import {
  caseParties,
  cases,
  committeeMembers,
  committees,
  consultationMembers,
  consultationQuestions,
  deadlines,
  memberConflicts,
  organs,
  recusalRequests,
  roleMemberships,
  users,
} from "../../db/schema/index";
import { fieldErrors } from "~/domain/application";
import { todayInShanghai, workingDaysBetween } from "~/domain/calendar";
import {
  AddRosterMemberFormSchema,
  AdoptionFormSchema,
  AssignMembersFormSchema,
  caseFields,
  checkAssignment,
  committeePeriod,
  ConflictEntryFormSchema,
  RecusalDecisionFormSchema,
  RecusalRequestFormSchema,
  referralFormSchema,
  referralGrounds,
  RosterMemberFormSchema,
  selectMembers,
  WithdrawReferralFormSchema,
  type CommitteePeriod,
  type ConflictKind,
  type MemberKind,
  type NamedOrgan,
  type RosterMember,
  type SelectionCase,
  type SelectionRow,
} from "~/domain/committee";
import type { ConsultationState, ConsultationStateName } from "~/domain/machines/consultation";
import { mandatoryCommitteeGrounds, type CaseState, type CommitteeGround, type CommitteeStatus } from "~/domain/machines/reconsideration";
import { membershipCovers } from "~/domain/policy";
import type { Role } from "~/domain/roles";
import { loadDeadlineRules } from "./calendar.server";
import { organPath } from "./organs.server";
import type { CurrentUser } from "./session.server";
import { caseHandlerRoles, findHandledCase, runStaffCommand } from "./staff-cases.server";
import { applyCommandInTransaction, Rejected, type ApplyResult } from "./transitions.server";

/** Who uses the referral page (staff and office heads of the case's organ). */
export const committeeCaseRoles: readonly Role[] = caseHandlerRoles;
/** Who sees the roster page; office heads and admins keep it, staff read it. */
export const rosterRoles: readonly Role[] = ["reconsideration_staff", "office_head", "admin"];

export type CommitteeResult =
  | { ok: true; state?: string; version?: number }
  /** `formError` is a message key (committee area); `message`/`messageEn` the machine's own words. */
  | {
      ok: false;
      status: 400 | 403 | 404 | 409;
      code: string;
      formError?: string;
      message?: string;
      messageEn?: string;
      errors?: Record<string, string>;
    };

const notFound: CommitteeResult = { ok: false, status: 404, code: "NOT_FOUND", formError: "committee.errors.notFound" };
const stale: CommitteeResult = { ok: false, status: 409, code: "VERSION_CONFLICT", formError: "committee.errors.stale" };
const headOnly: CommitteeResult = { ok: false, status: 403, code: "ROLE_NOT_ALLOWED", formError: "committee.errors.headOnly" };
const invalid = (errors: Record<string, string>): CommitteeResult => ({ ok: false, status: 400, code: "INVALID_FORM", formError: "committee.errors.form", errors });
const refused = (formError: string, errors?: Record<string, string>): CommitteeResult => ({
  ok: false,
  status: 400,
  code: "REFUSED",
  formError,
  ...(errors ? { errors } : {}),
});

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
  if (reason.code === "ROLE_NOT_ALLOWED") return { ok: false, status: 403, code: reason.code, message: reason.message, messageEn: reason.messageEn };
  return { ok: false, status: 400, code: reason.code, message: reason.message, messageEn: reason.messageEn };
}

async function inTransaction(work: (tx: Tx) => Promise<CommitteeResult>): Promise<CommitteeResult> {
  return getDb()
    .transaction(work)
    .catch((error: unknown) => {
      if (error instanceof Refused) return error.result;
      if (error instanceof Rejected) return fromApply(error.rejection);
      throw error;
    });
}

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------------------------------
// The case, its consultation, and who acts

type HandledCase = NonNullable<Awaited<ReturnType<typeof findHandledCase>>>;

/** Whether the user is office head of the case's organ (the head's commands: approval, withdrawal, recusal decisions). */
async function isHeadOf(q: Queryable, user: CurrentUser, organId: string): Promise<boolean> {
  const path = await organPath(q, organId);
  return user.memberships.some((m) => m.role === "office_head" && membershipCovers(m, path));
}

/** The newest consultation of the case (open or not). */
async function consultationsOf(q: Queryable, caseId: string) {
  return q
    .select({ id: cases.id, state: cases.state, version: cases.version, data: cases.data, createdAt: cases.createdAt })
    .from(cases)
    .where(and(eq(cases.parentCaseId, caseId), eq(cases.machine, "consultation")))
    .orderBy(desc(cases.createdAt), desc(cases.id));
}

/** The running (or paused) Art. 62 decision period of the case: its due date. */
async function decisionDueOf(q: Queryable, caseId: string): Promise<string | null> {
  const [row] = await q
    .select({ dueDate: deadlines.dueDate })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, caseId), inArray(deadlines.kind, ["decision", "decision_simplified"]), inArray(deadlines.status, ["running", "paused"])))
    .orderBy(desc(deadlines.createdAt))
    .limit(1);
  return row?.dueDate ?? null;
}

async function organName(q: Queryable, id: string | null): Promise<NamedOrgan | null> {
  if (!id) return null;
  const [row] = await q.select({ id: organs.id, name: organs.name }).from(organs).where(eq(organs.id, id));
  return row ?? null;
}

/** What exclusions are judged against: the respondent, the bureau that dispatched a 分局 respondent, the parties. */
async function selectionCaseOf(q: Queryable, c: { id: string; respondentOrganId: string | null }): Promise<SelectionCase & { respondentCode: string | null }> {
  let respondent: NamedOrgan | null = null;
  let respondentCode: string | null = null;
  const actOrgans: NamedOrgan[] = [];
  if (c.respondentOrganId) {
    const [r] = await q.select({ id: organs.id, name: organs.name, code: organs.code, parentId: organs.parentId }).from(organs).where(eq(organs.id, c.respondentOrganId));
    if (r) {
      respondent = { id: r.id, name: r.name };
      respondentCode = r.code;
      if (r.parentId) {
        const [p] = await q.select({ id: organs.id, name: organs.name, kind: organs.kind }).from(organs).where(eq(organs.id, r.parentId));
        // a 分局 acts for the bureau that dispatched it (Art. 24(4)); a department's parent government is the organ itself
        if (p?.kind === "department") actOrgans.push({ id: p.id, name: p.name });
      }
    }
  }
  const parties = await q
    .select({ name: caseParties.name })
    .from(caseParties)
    .where(and(eq(caseParties.caseId, c.id), inArray(caseParties.role, ["applicant", "third_party"])))
    .orderBy(asc(caseParties.role), asc(caseParties.position));
  return { caseId: c.id, respondent, actOrgans, parties: parties.map((p) => p.name), respondentCode };
}

/** The roster of the committee of `organId` with each member's register entries in force. */
async function rosterOf(q: Queryable, organId: string): Promise<(RosterMember & { employerOrganName: string | null })[]> {
  const employerOrgan = alias(organs, "employer_organ");
  const rows = await q
    .select({
      id: committeeMembers.id,
      userId: committeeMembers.userId,
      name: users.displayName,
      kind: committeeMembers.kind,
      employer: committeeMembers.employer,
      employerOrganId: committeeMembers.employerOrganId,
      employerOrganName: employerOrgan.name,
      fields: committeeMembers.fields,
      available: committeeMembers.available,
    })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .innerJoin(users, eq(users.id, committeeMembers.userId))
    .leftJoin(employerOrgan, eq(employerOrgan.id, committeeMembers.employerOrganId))
    .where(eq(committees.organId, organId))
    .orderBy(asc(committeeMembers.createdAt), asc(users.displayName), asc(committeeMembers.id));
  const ids = rows.map((r) => r.id);
  const entries = ids.length
    ? await q
        .select({
          memberId: memberConflicts.memberId,
          kind: memberConflicts.kind,
          organId: memberConflicts.organId,
          partyName: memberConflicts.partyName,
          caseId: memberConflicts.caseId,
          note: memberConflicts.note,
        })
        .from(memberConflicts)
        .where(and(inArray(memberConflicts.memberId, ids), isNull(memberConflicts.endedAt)))
    : [];
  return rows.map((r) => ({
    ...r,
    kind: r.kind as MemberKind,
    fields: r.fields ?? [],
    conflicts: entries.filter((e) => e.memberId === r.id).map((e) => ({ ...e, kind: e.kind as ConflictKind })),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// The referral page

export type CommitteeAction = "refer" | "approve" | "withdraw" | "assign" | "recusal_request" | "recusal_decide" | "adoption";

export interface ConsultationSeat {
  memberId: string;
  name: string;
  kind: string;
  employer: string;
  declaration: "pending" | "no_conflict" | "conflict";
  removed: boolean;
  removedReason: string | null;
}

export interface RecusalView {
  id: string;
  memberId: string;
  memberName: string;
  requestedBy: string;
  reason: string;
  recordedAt: string;
  granted: boolean | null;
  decisionReasons: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
}

export interface ConsultationView {
  id: string;
  state: ConsultationStateName;
  version: number;
  grounds: CommitteeGround[];
  otherReason: string | null;
  questions: { position: number; text: string }[];
  dueDate: string | null;
  opinion: ConsultationState["opinion"];
  adoption: ConsultationState["adoption"];
  outcome: ConsultationState["outcome"];
  seats: ConsultationSeat[];
  recusals: RecusalView[];
  /** The roster as the secretary chooses from it (only while members are to be assigned). */
  selection: SelectionRow[] | null;
  caseFields: string[];
}

export interface CommitteeCase {
  caseNumber: string;
  caseState: string;
  caseVersion: number;
  role: Role;
  isHead: boolean;
  respondentName: string | null;
  /** Art. 24(2), 52(2)(3): the respondent is the autonomous-region government — ground (3) is set automatically. */
  regionGovernmentRespondent: boolean;
  /** Grounds that make a referral mandatory, from the case's facts and an earlier referral (Art. 52(2)(1)–(3)). */
  mandatoryGrounds: CommitteeGround[];
  committeeStatus: CommitteeStatus;
  decisionDueOn: string | null;
  /** The committee period if the head approved today (the consultation must end 5 WD before the decision is due). */
  period: CommitteePeriod | null;
  /** The parties who may ask for a member's recusal, by name: applicants, third parties, the respondent. */
  parties: string[];
  rosterSize: number;
  consultation: ConsultationView | null;
  /** Earlier consultations of the case (withdrawn or closed). */
  earlier: { id: string; state: string; outcome: ConsultationState["outcome"] }[];
  actions: CommitteeAction[];
}

const seatStates: readonly ConsultationStateName[] = ["MEMBERS_ASSIGNED", "MATERIALS_SENT", "MEETING_HELD", "WRITTEN_CONSULT"];

/** The referral page of a case, or null (→ 404) when the case does not exist or is outside the user's organs. */
export async function getCommitteeCase(args: { user: CurrentUser; caseNumber: string; now?: Date }): Promise<CommitteeCase | null> {
  const q = getDb();
  const row = await findHandledCase(q, args.user, args.caseNumber);
  if (!row) return null;
  const today = todayInShanghai(args.now ?? new Date());
  const data = row.data as CaseState;
  const isHead = await isHeadOf(q, args.user, row.organId);
  const facts = await selectionCaseOf(q, row);
  const decisionDueOn = await decisionDueOf(q, row.id);
  const rules = await loadDeadlineRules(q);
  const period = decisionDueOn
    ? committeePeriod({
        today,
        decisionDueOn,
        settingWorkdays: rules.settings.committeeOpinionWorkdays,
        workingDaysBetween: (from, to) => workingDaysBetween(from, to, rules.calendar, rules.settings),
      })
    : null;
  const all = await consultationsOf(q, row.id);
  const current = all.find((c) => c.state !== "CLOSED") ?? all[0] ?? null;
  const consultation = current ? await consultationView(q, current, row, facts) : null;
  const status = data.committeeReferral?.status ?? "none";
  const roster = await rosterOf(q, row.organId);

  const actions: CommitteeAction[] = [];
  const open = ["in_progress", "opinion_recorded", "adoption_recorded"].includes(status);
  if (row.state === "IN_REVIEW" && !open) actions.push("refer");
  if (consultation) {
    const s = consultation.state;
    if (s === "REFERRAL_DRAFTED" && isHead) actions.push("approve");
    // only a referral on ground (4) alone may be withdrawn (C1-withdraw; grounds (1)–(3) make it mandatory)
    if (s === "REFERRAL_DRAFTED" && isHead && consultation.grounds.every((g) => g === "necessary")) actions.push("withdraw");
    if (s === "REFERRED") actions.push("assign");
    if (seatStates.includes(s) && consultation.seats.some((x) => !x.removed)) actions.push("recusal_request");
    if (seatStates.includes(s) && isHead && consultation.recusals.some((r) => r.granted === null)) actions.push("recusal_decide");
    if (s === "OPINION_RECORDED") actions.push("adoption");
  }
  return {
    caseNumber: row.caseNumber!,
    caseState: row.state,
    caseVersion: row.version,
    role: row.role,
    isHead,
    respondentName: facts.respondent?.name ?? null,
    regionGovernmentRespondent: Boolean(data.act?.respondentIsRegionGovernment),
    // ground (4) is never mandatory: it shows among the referral's grounds, not here
    mandatoryGrounds: mandatoryCommitteeGrounds(data).filter((g) => g !== "necessary"),
    committeeStatus: status,
    decisionDueOn,
    period,
    parties: [...facts.parties, ...(facts.respondent ? [facts.respondent.name] : [])],
    rosterSize: roster.length,
    consultation,
    earlier: all.filter((c) => c.id !== current?.id).map((c) => ({ id: c.id, state: c.state, outcome: (c.data as ConsultationState).outcome ?? null })),
    actions,
  };
}

async function consultationView(
  q: Queryable,
  c: { id: string; state: string; version: number; data: unknown },
  kase: HandledCase,
  facts: SelectionCase & { respondentCode: string | null },
): Promise<ConsultationView> {
  const data = c.data as ConsultationState;
  const questions = await q
    .select({ position: consultationQuestions.position, text: consultationQuestions.text })
    .from(consultationQuestions)
    .where(eq(consultationQuestions.consultationId, c.id))
    .orderBy(asc(consultationQuestions.position));
  const [due] = await q
    .select({ dueDate: deadlines.dueDate })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, c.id), eq(deadlines.kind, "committee_opinion")))
    .orderBy(desc(deadlines.createdAt))
    .limit(1);
  const seats = await q
    .select({
      memberId: consultationMembers.memberId,
      name: users.displayName,
      kind: committeeMembers.kind,
      employer: committeeMembers.employer,
      declaredConflict: consultationMembers.declaredConflict,
      removedAt: consultationMembers.removedAt,
      removedReason: consultationMembers.removedReason,
    })
    .from(consultationMembers)
    .innerJoin(committeeMembers, eq(committeeMembers.id, consultationMembers.memberId))
    .innerJoin(users, eq(users.id, committeeMembers.userId))
    .where(eq(consultationMembers.consultationId, c.id))
    .orderBy(asc(consultationMembers.assignedAt), asc(consultationMembers.id));
  const member = alias(users, "member_user");
  const decider = alias(users, "decider_user");
  const recusals = await q
    .select({
      id: recusalRequests.id,
      memberId: recusalRequests.memberId,
      memberName: member.displayName,
      requestedBy: recusalRequests.requestedBy,
      reason: recusalRequests.reason,
      recordedAt: recusalRequests.recordedAt,
      granted: recusalRequests.granted,
      decisionReasons: recusalRequests.decisionReasons,
      decidedAt: recusalRequests.decidedAt,
      decidedByName: decider.displayName,
    })
    .from(recusalRequests)
    .innerJoin(committeeMembers, eq(committeeMembers.id, recusalRequests.memberId))
    .innerJoin(member, eq(member.id, committeeMembers.userId))
    .leftJoin(decider, eq(decider.id, recusalRequests.decidedBy))
    .where(eq(recusalRequests.consultationId, c.id))
    .orderBy(asc(recusalRequests.recordedAt), asc(recusalRequests.id));
  const wanted = caseFields({ category: await categoryOf(q, kase.id), respondentCode: facts.respondentCode });
  const selection = c.state === "REFERRED" ? selectMembers(await rosterOf(q, kase.organId), facts, wanted) : null;
  return {
    id: c.id,
    state: c.state as ConsultationStateName,
    version: c.version,
    grounds: data.grounds ?? [],
    otherReason: data.otherReason ?? null,
    questions,
    dueDate: due?.dueDate ?? null,
    opinion: data.opinion ?? null,
    adoption: data.adoption ?? null,
    outcome: data.outcome ?? null,
    seats: seats.map((s) => ({
      memberId: s.memberId,
      name: s.name,
      kind: s.kind,
      employer: s.employer,
      declaration: s.declaredConflict === true ? "conflict" : s.declaredConflict === false ? "no_conflict" : "pending",
      removed: s.removedAt !== null,
      removedReason: s.removedReason,
    })),
    recusals: recusals.map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString(), decidedAt: isoOrNull(r.decidedAt) })),
    selection,
    caseFields: wanted,
  };
}

async function categoryOf(q: Queryable, caseId: string): Promise<string | null> {
  const [row] = await q.select({ category: cases.category }).from(cases).where(eq(cases.id, caseId));
  return row?.category ?? null;
}

interface CaseCommandArgs {
  user: CurrentUser;
  caseNumber: string;
  /** The version the user saw: of the case for the referral, of the consultation for everything after. */
  version: number;
  now?: Date;
  requestId?: string;
}

/**
 * T14: the referral (Art. 52(2)) with the grounds ticked — plus ground (3) when the respondent is the autonomous-region
 * government —, the reason for "necessary" and the questions. The consultation is created with its questions in the
 * same transaction and waits for the office head's approval.
 */
export async function referToCommittee(args: CaseCommandArgs & { form: Record<string, unknown> }): Promise<CommitteeResult> {
  const q = getDb();
  const row = await findHandledCase(q, args.user, args.caseNumber);
  if (!row) return notFound;
  const regionGovernmentRespondent = Boolean((row.data as CaseState).act?.respondentIsRegionGovernment);
  const parsed = referralFormSchema({ regionGovernmentRespondent }).safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const form = parsed.data;
  const result = await runStaffCommand(args, async () => ({
    type: "REFER_TO_COMMITTEE",
    grounds: referralGrounds(form, regionGovernmentRespondent),
    questions: form.questions,
    ...(form.otherReason ? { otherReason: form.otherReason } : {}),
  }));
  if (result.ok) return result;
  if (result.status === 409) return stale;
  if (result.status === 404) return notFound;
  if (result.guard === "necessary_reason") return invalid({ otherReason: "committee.errors.otherReasonRequired" });
  return { ok: false, status: result.status, code: result.code, message: result.message, messageEn: result.messageEn, formError: result.formError };
}

/**
 * Runs `work` on the case's open consultation, locked, on the version the user saw: the case must be one the user
 * handles (else 404), the consultation must exist and still be at that version (else 409).
 */
async function onConsultation(
  args: CaseCommandArgs,
  work: (tx: Tx, ctx: { kase: HandledCase; consultation: { id: string; state: string; version: number; data: ConsultationState }; isHead: boolean; now: Date }) => Promise<CommitteeResult>,
): Promise<CommitteeResult> {
  const kase = await findHandledCase(getDb(), args.user, args.caseNumber);
  if (!kase) return notFound;
  const now = args.now ?? new Date();
  return inTransaction(async (tx) => {
    // parent first, as transitions.server.ts locks: the case, then its consultation
    await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, kase.id)).for("update");
    const [consultation] = await tx
      .select({ id: cases.id, state: cases.state, version: cases.version, data: cases.data })
      .from(cases)
      .where(and(eq(cases.parentCaseId, kase.id), eq(cases.machine, "consultation"), ne(cases.state, "CLOSED")))
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(1)
      .for("update");
    if (!consultation) throw new Refused(refused("committee.errors.noConsultation"));
    if (consultation.version !== args.version) throw new Refused(stale);
    const isHead = await isHeadOf(tx, args.user, kase.organId);
    return work(tx, { kase, consultation: { ...consultation, data: consultation.data as ConsultationState }, isHead, now });
  });
}

async function runOnConsultation(
  tx: Tx,
  args: CaseCommandArgs,
  consultation: { id: string; version: number },
  role: Role,
  command: { type: string } & Record<string, unknown>,
  now: Date,
): Promise<CommitteeResult> {
  const applied = await applyCommandInTransaction(tx, {
    caseId: consultation.id,
    expectedVersion: consultation.version,
    command,
    actor: { role, userId: args.user.id },
    actorUserId: args.user.id,
    now,
    requestId: args.requestId,
  });
  return { ok: true, state: applied.state, version: applied.version };
}

/**
 * C1: the office head approves the referral letter (提请咨询函); the committee period starts, ending no later than 5
 * working days before the case's decision is due (the machine checks it on the running Art. 62 period). Head only (403).
 */
export async function approveReferral(args: CaseCommandArgs): Promise<CommitteeResult> {
  return onConsultation(args, async (tx, { kase, consultation, isHead, now }) => {
    if (!isHead) throw new Refused(headOnly);
    const decisionDueOn = await decisionDueOf(tx, kase.id);
    if (!decisionDueOn) throw new Refused(refused("committee.errors.noDecisionPeriod"));
    return runOnConsultation(tx, args, consultation, "office_head", { type: "APPROVE_REFERRAL", decisionDueOn }, now);
  });
}

/** C1-withdraw: the head does not send a discretionary referral (ground (4) only); the case goes back to review. */
export async function withdrawReferral(args: CaseCommandArgs & { form: Record<string, unknown> }): Promise<CommitteeResult> {
  const parsed = WithdrawReferralFormSchema.safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  return onConsultation(args, async (tx, { consultation, isHead, now }) => {
    if (!isHead) throw new Refused(headOnly);
    return runOnConsultation(tx, args, consultation, "office_head", { type: "WITHDRAW_REFERRAL", reason: parsed.data.reason }, now);
  });
}

/**
 * C2: the secretary (staff or head of the organ) assigns members from the roster. Each must be available and free of
 * conflict (exclusion reasons of app/domain/committee.ts); the machine gets their user ids and a seat is written for
 * each (consultation_members), in the same transaction.
 */
export async function assignMembers(args: CaseCommandArgs & { form: Record<string, unknown> }): Promise<CommitteeResult> {
  const parsed = AssignMembersFormSchema.safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  return onConsultation(args, async (tx, { kase, consultation, now }) => {
    if (consultation.state !== "REFERRED") throw new Refused(refused("committee.errors.notNow"));
    const facts = await selectionCaseOf(tx, kase);
    const roster = await rosterOf(tx, kase.organId);
    const rows = selectMembers(roster, facts, caseFields({ category: await categoryOf(tx, kase.id), respondentCode: facts.respondentCode }));
    const check = checkAssignment(rows, parsed.data.members);
    if (!check.ok) {
      throw new Refused({
        ok: false,
        status: 400,
        code: "MEMBER_REFUSED",
        formError: `committee.errors.assign.${check.error}`,
        ...(check.name ? { message: check.name } : {}),
        errors: { members: `committee.errors.assign.${check.error}` },
      });
    }
    const result = await runOnConsultation(
      tx,
      args,
      consultation,
      kase.role,
      {
        type: "ASSIGN_MEMBERS",
        memberIds: check.userIds,
        recusalChecked: true,
        conflictedMemberIds: rows.filter((r) => r.status === "excluded").map((r) => r.userId),
      },
      now,
    );
    await tx.insert(consultationMembers).values(check.memberIds.map((memberId) => ({ consultationId: consultation.id, memberId, assignedBy: args.user.id, assignedAt: now })));
    return result;
  });
}

/**
 * A party's recusal request (回避申请) against a member seated on the consultation, recorded as the party made it (who
 * asked, and why) while the consultation is under way. The head decides it (decideRecusal).
 */
export async function recordRecusalRequest(args: CaseCommandArgs & { form: Record<string, unknown> }): Promise<CommitteeResult> {
  const parsed = RecusalRequestFormSchema.safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const f = parsed.data;
  return onConsultation(args, async (tx, { kase, consultation, now }) => {
    if (!seatStates.includes(consultation.state as ConsultationStateName)) throw new Refused(refused("committee.errors.notNow"));
    const [seat] = await tx
      .select({ id: consultationMembers.id })
      .from(consultationMembers)
      .where(and(eq(consultationMembers.consultationId, consultation.id), eq(consultationMembers.memberId, f.memberId), isNull(consultationMembers.removedAt)));
    if (!seat) throw new Refused(invalid({ memberId: "committee.errors.memberRequired" }));
    const facts = await selectionCaseOf(tx, kase);
    const parties = [...facts.parties, ...(facts.respondent ? [facts.respondent.name] : [])];
    if (!parties.includes(f.requestedBy)) throw new Refused(invalid({ requestedBy: "committee.errors.partyRequired" }));
    const [request] = await tx
      .insert(recusalRequests)
      .values({ consultationId: consultation.id, memberId: f.memberId, requestedBy: f.requestedBy, reason: f.reason, recordedBy: args.user.id, recordedAt: now })
      .returning({ id: recusalRequests.id });
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "consultation.recusal_requested",
      subjectType: "case",
      subjectId: consultation.id,
      payload: { requestId: request.id, memberId: f.memberId, requestedBy: f.requestedBy, reason: f.reason },
      requestId: args.requestId,
      occurredAt: now,
    });
    return { ok: true, state: consultation.state, version: consultation.version };
  });
}

/**
 * The head decides a recusal request, with reasons either way. Granted: the member's seat is removed (removed_at and the
 * reason), and with it the member's access to the file. A request already decided is not decided again (409).
 */
export async function decideRecusal(args: CaseCommandArgs & { form: Record<string, unknown> }): Promise<CommitteeResult> {
  const parsed = RecusalDecisionFormSchema.safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const f = parsed.data;
  return onConsultation(args, async (tx, { consultation, isHead, now }) => {
    if (!isHead) throw new Refused(headOnly);
    if (!seatStates.includes(consultation.state as ConsultationStateName)) throw new Refused(refused("committee.errors.notNow"));
    const [request] = await tx
      .select({ id: recusalRequests.id, memberId: recusalRequests.memberId, granted: recusalRequests.granted })
      .from(recusalRequests)
      .where(and(eq(recusalRequests.id, f.requestId), eq(recusalRequests.consultationId, consultation.id)))
      .for("update");
    if (!request) throw new Refused(notFound);
    if (request.granted !== null) throw new Refused({ ok: false, status: 409, code: "ALREADY_DECIDED", formError: "committee.errors.alreadyDecided" });
    const granted = f.granted === "yes";
    await tx
      .update(recusalRequests)
      .set({ granted, decisionReasons: f.decisionReasons, decidedBy: args.user.id, decidedAt: now })
      .where(eq(recusalRequests.id, request.id));
    if (granted) {
      await tx
        .update(consultationMembers)
        .set({ removedAt: now, removedReason: f.decisionReasons })
        .where(and(eq(consultationMembers.consultationId, consultation.id), eq(consultationMembers.memberId, request.memberId), isNull(consultationMembers.removedAt)));
    }
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "consultation.recusal_decided",
      subjectType: "case",
      subjectId: consultation.id,
      payload: { requestId: request.id, memberId: request.memberId, granted, reasons: f.decisionReasons },
      requestId: args.requestId,
      occurredAt: now,
    });
    return { ok: true, state: consultation.state, version: consultation.version };
  });
}

/**
 * C6: the adoption record (采纳情况说明, Art. 52(3), 61(3)) after the opinion is recorded: adopted, partly adopted or not
 * adopted, with reasons unless adopted. Relayed to the case in the same transaction; without it a referred case does
 * not go to approval.
 */
export async function recordAdoption(args: CaseCommandArgs & { form: Record<string, unknown> }): Promise<CommitteeResult> {
  const parsed = AdoptionFormSchema.safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  return onConsultation(args, async (tx, { kase, consultation, now }) =>
    runOnConsultation(
      tx,
      args,
      consultation,
      kase.role,
      { type: "RECORD_ADOPTION", outcome: parsed.data.outcome, ...(parsed.data.reasons ? { reasons: parsed.data.reasons } : {}) },
      now,
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The decision page's view of the committee

export interface CommitteeSummary {
  /** The grounds the machine holds the case to (those of Art. 52(2)(1)–(3) that apply, and any chosen on referral). */
  mandatoryGrounds: CommitteeGround[];
  status: CommitteeStatus;
  /** A mandatory ground and no recorded opinion: the decision cannot be drafted (Art. 52(2)(3)). */
  needsConsultation: boolean;
  /** Referred and no adoption record: the draft cannot go to approval (Art. 52(3), 61(3)). */
  needsAdoption: boolean;
  opinion: ConsultationState["opinion"];
  adoption: ConsultationState["adoption"];
}

/** What the decision page shows of the committee, or null when the case is not the user's. */
export async function getCommitteeSummary(args: { user: CurrentUser; caseNumber: string }): Promise<CommitteeSummary | null> {
  const q = getDb();
  const row = await findHandledCase(q, args.user, args.caseNumber);
  if (!row) return null;
  const data = row.data as CaseState;
  const status = data.committeeReferral?.status ?? "none";
  const mandatory = mandatoryCommitteeGrounds(data);
  const all = await consultationsOf(q, row.id);
  const latest = (all.find((c) => c.state !== "CLOSED" || (c.data as ConsultationState).outcome?.kind === "linked_to_decision") ?? null)?.data as
    | ConsultationState
    | undefined;
  const referred = status !== "none" && status !== "withdrawn";
  return {
    mandatoryGrounds: mandatory,
    status,
    needsConsultation: mandatory.length > 0 && status !== "opinion_recorded" && status !== "adoption_recorded",
    needsAdoption: referred && !data.committeeReferral.adoptionRecorded,
    opinion: latest?.opinion ?? null,
    adoption: latest?.adoption ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The roster and the conflict register (/staff/committee)

export interface RosterView {
  organId: string;
  organName: string;
  committeeId: string | null;
  canManage: boolean;
  members: (RosterMember & {
    employerOrganName: string | null;
    register: { id: string; kind: ConflictKind; organName: string | null; partyName: string | null; caseNumber: string | null; note: string; recordedAt: string; endedAt: string | null }[];
  })[];
  /** Users holding the committee-member role at the organ and not yet on the roster (office heads and admins add them). */
  candidates: { userId: string; name: string }[];
  /** Organs that employer and register entries may name: the organ, its departments and the level below. */
  organChoices: NamedOrgan[];
}

async function canManageRoster(q: Queryable, user: CurrentUser, organId: string): Promise<"manage" | "view" | null> {
  const path = await organPath(q, organId);
  const covering = user.memberships.filter((m) => membershipCovers(m, path));
  if (covering.some((m) => m.role === "office_head" || m.role === "admin")) return "manage";
  if (covering.some((m) => m.role === "reconsideration_staff")) return "view";
  return null;
}

/** The committees the user sees: of each organ their staff, head or admin membership is in (created on first entry). */
export async function getRosters(args: { user: CurrentUser }): Promise<RosterView[]> {
  const q = getDb();
  const organIds = [...new Set(args.user.memberships.filter((m) => rosterRoles.includes(m.role)).map((m) => m.organId))];
  // an admin covering subordinates also sees the committees that exist below
  if (args.user.memberships.some((m) => m.role === "admin" && m.includeSubordinates)) {
    for (const c of await q.select({ organId: committees.organId }).from(committees)) {
      if (!organIds.includes(c.organId) && (await canManageRoster(q, args.user, c.organId))) organIds.push(c.organId);
    }
  }
  const views: RosterView[] = [];
  for (const organId of organIds) {
    const access = await canManageRoster(q, args.user, organId);
    const organ = await organName(q, organId);
    if (!access || !organ) continue;
    views.push(await rosterView(q, organ, access === "manage"));
  }
  return views;
}

async function rosterView(q: Queryable, organ: NamedOrgan, canManage: boolean): Promise<RosterView> {
  const [committee] = await q.select({ id: committees.id }).from(committees).where(eq(committees.organId, organ.id));
  const members = await rosterOf(q, organ.id);
  const registerOrgan = alias(organs, "register_organ");
  const registerCase = alias(cases, "register_case");
  const entries = members.length
    ? await q
        .select({
          id: memberConflicts.id,
          memberId: memberConflicts.memberId,
          kind: memberConflicts.kind,
          organName: registerOrgan.name,
          partyName: memberConflicts.partyName,
          caseNumber: registerCase.caseNumber,
          note: memberConflicts.note,
          recordedAt: memberConflicts.recordedAt,
          endedAt: memberConflicts.endedAt,
        })
        .from(memberConflicts)
        .leftJoin(registerOrgan, eq(registerOrgan.id, memberConflicts.organId))
        .leftJoin(registerCase, eq(registerCase.id, memberConflicts.caseId))
        .where(inArray(memberConflicts.memberId, members.map((m) => m.id)))
        .orderBy(asc(memberConflicts.recordedAt), asc(memberConflicts.id))
    : [];
  const candidates = canManage
    ? (
        await q
          .select({ userId: users.id, name: users.displayName })
          .from(roleMemberships)
          .innerJoin(users, eq(users.id, roleMemberships.userId))
          .where(and(eq(roleMemberships.organId, organ.id), eq(roleMemberships.role, "committee_member"), eq(users.disabled, false)))
          .orderBy(asc(users.displayName))
      ).filter((u) => !members.some((m) => m.userId === u.userId))
    : [];
  return {
    organId: organ.id,
    organName: organ.name,
    committeeId: committee?.id ?? null,
    canManage,
    members: members.map((m) => ({
      ...m,
      register: entries
        .filter((e) => e.memberId === m.id)
        .map((e) => ({ ...e, kind: e.kind as ConflictKind, recordedAt: e.recordedAt.toISOString(), endedAt: isoOrNull(e.endedAt) })),
    })),
    candidates,
    organChoices: canManage ? await organChoicesOf(q, organ.id) : [],
  };
}

/** The organ, its children and grandchildren that are governments or departments, in the official order. */
async function organChoicesOf(q: Queryable, organId: string): Promise<NamedOrgan[]> {
  const level1 = await q.select({ id: organs.id }).from(organs).where(eq(organs.parentId, organId));
  const level2 = level1.length ? await q.select({ id: organs.id }).from(organs).where(inArray(organs.parentId, level1.map((o) => o.id))) : [];
  const ids = [organId, ...level1.map((o) => o.id), ...level2.map((o) => o.id)];
  return q
    .select({ id: organs.id, name: organs.name })
    .from(organs)
    .where(and(inArray(organs.id, ids), inArray(organs.kind, ["government", "department"])))
    .orderBy(asc(organs.sortOrder), asc(organs.name));
}

/** The organ's roster access for a POST: 404 when the user does not see it, 403 when they only read it. */
async function manageGuard(q: Queryable, user: CurrentUser, organId: string): Promise<CommitteeResult | null> {
  const access = await canManageRoster(q, user, organId);
  if (!access) return notFound;
  if (access !== "manage") return { ok: false, status: 403, code: "ROLE_NOT_ALLOWED", formError: "committee.errors.manageOnly" };
  return null;
}

/** Whether the employer organ named is one the roster may name. */
async function organChoiceValid(q: Queryable, committeeOrganId: string, organId: string | undefined): Promise<boolean> {
  if (!organId) return true;
  return (await organChoicesOf(q, committeeOrganId)).some((o) => o.id === organId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Adds a user holding the committee-member role at the organ to its committee's roster (the committee is created on first use). */
export async function addRosterMember(args: { user: CurrentUser; organId: string; form: Record<string, unknown>; now?: Date; requestId?: string }): Promise<CommitteeResult> {
  if (!UUID.test(args.organId)) return notFound;
  const q = getDb();
  const guard = await manageGuard(q, args.user, args.organId);
  if (guard) return guard;
  const parsed = AddRosterMemberFormSchema.safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const f = parsed.data;
  if (!(await organChoiceValid(q, args.organId, f.employerOrganId))) return invalid({ employerOrganId: "committee.errors.organInvalid" });
  const now = args.now ?? new Date();
  return inTransaction(async (tx) => {
    const [holder] = await tx
      .select({ id: roleMemberships.id })
      .from(roleMemberships)
      .where(and(eq(roleMemberships.userId, f.userId), eq(roleMemberships.organId, args.organId), eq(roleMemberships.role, "committee_member")));
    if (!holder) throw new Refused(invalid({ userId: "committee.errors.userRequired" }));
    await tx.insert(committees).values({ organId: args.organId, name: "行政复议委员会", createdAt: now }).onConflictDoNothing({ target: committees.organId });
    const [committee] = await tx.select({ id: committees.id }).from(committees).where(eq(committees.organId, args.organId));
    const inserted = await tx
      .insert(committeeMembers)
      .values({
        committeeId: committee.id,
        userId: f.userId,
        kind: f.kind,
        employer: f.employer,
        employerOrganId: f.employerOrganId ?? null,
        fields: f.fields,
        available: f.available,
        createdAt: now,
      })
      .onConflictDoNothing({ target: [committeeMembers.committeeId, committeeMembers.userId] })
      .returning({ id: committeeMembers.id });
    if (inserted.length === 0) throw new Refused(invalid({ userId: "committee.errors.alreadyOnRoster" }));
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "committee.member_added",
      subjectType: "committee",
      subjectId: committee.id,
      payload: { memberId: inserted[0].id, userId: f.userId, kind: f.kind, employer: f.employer, employerOrganId: f.employerOrganId ?? null, fields: f.fields, available: f.available },
      requestId: args.requestId,
      occurredAt: now,
    });
    return { ok: true };
  });
}

async function memberOrgan(q: Queryable, memberId: string): Promise<{ organId: string; committeeId: string } | null> {
  if (!UUID.test(memberId)) return null;
  const [row] = await q
    .select({ organId: committees.organId, committeeId: committees.id })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .where(eq(committeeMembers.id, memberId));
  return row ?? null;
}

/** Changes a roster entry: kind, employer, employer organ, fields, availability. */
export async function updateRosterMember(args: { user: CurrentUser; memberId: string; form: Record<string, unknown>; now?: Date; requestId?: string }): Promise<CommitteeResult> {
  const q = getDb();
  const at = await memberOrgan(q, args.memberId);
  if (!at) return notFound;
  const guard = await manageGuard(q, args.user, at.organId);
  if (guard) return guard;
  const parsed = RosterMemberFormSchema.safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const f = parsed.data;
  if (!(await organChoiceValid(q, at.organId, f.employerOrganId))) return invalid({ employerOrganId: "committee.errors.organInvalid" });
  const now = args.now ?? new Date();
  return inTransaction(async (tx) => {
    await tx
      .update(committeeMembers)
      .set({ kind: f.kind, employer: f.employer, employerOrganId: f.employerOrganId ?? null, fields: f.fields, available: f.available })
      .where(eq(committeeMembers.id, args.memberId));
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "committee.member_updated",
      subjectType: "committee",
      subjectId: at.committeeId,
      payload: { memberId: args.memberId, kind: f.kind, employer: f.employer, employerOrganId: f.employerOrganId ?? null, fields: f.fields, available: f.available },
      requestId: args.requestId,
      occurredAt: now,
    });
    return { ok: true };
  });
}

/** Records a conflict-register entry for a member: an employer or organ link, a link to a party, earlier involvement. */
export async function addConflictEntry(args: { user: CurrentUser; form: Record<string, unknown>; now?: Date; requestId?: string }): Promise<CommitteeResult> {
  const parsed = ConflictEntryFormSchema.safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const f = parsed.data;
  const q = getDb();
  const at = await memberOrgan(q, f.memberId);
  if (!at) return notFound;
  const guard = await manageGuard(q, args.user, at.organId);
  if (guard) return guard;
  if (f.organId && !(await q.select({ id: organs.id }).from(organs).where(eq(organs.id, f.organId))).length) return invalid({ organId: "committee.errors.organInvalid" });
  let caseId: string | null = null;
  if (f.caseNumber) {
    const [c] = await q.select({ id: cases.id, organId: cases.organId }).from(cases).where(eq(cases.caseNumber, f.caseNumber));
    if (!c || c.organId !== at.organId) return invalid({ caseNumber: "committee.errors.caseNumberInvalid" });
    caseId = c.id;
  }
  const now = args.now ?? new Date();
  return inTransaction(async (tx) => {
    const [entry] = await tx
      .insert(memberConflicts)
      .values({
        memberId: f.memberId,
        kind: f.kind,
        organId: f.kind === "party_link" ? null : (f.organId ?? null),
        partyName: f.kind === "party_link" ? (f.partyName ?? null) : null,
        caseId: f.kind === "earlier_involvement" ? caseId : null,
        note: f.note,
        recordedBy: args.user.id,
        recordedAt: now,
      })
      .returning({ id: memberConflicts.id });
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "committee.conflict_recorded",
      subjectType: "committee",
      subjectId: at.committeeId,
      payload: { entryId: entry.id, memberId: f.memberId, kind: f.kind, organId: f.organId ?? null, partyName: f.partyName ?? null, caseId, note: f.note },
      requestId: args.requestId,
      occurredAt: now,
    });
    return { ok: true };
  });
}

/** Ends a register entry (it is kept, with the day it ended). */
export async function endConflictEntry(args: { user: CurrentUser; entryId: string; now?: Date; requestId?: string }): Promise<CommitteeResult> {
  if (!UUID.test(args.entryId)) return notFound;
  const q = getDb();
  const [entry] = await q.select({ memberId: memberConflicts.memberId, endedAt: memberConflicts.endedAt }).from(memberConflicts).where(eq(memberConflicts.id, args.entryId));
  if (!entry) return notFound;
  const at = await memberOrgan(q, entry.memberId);
  if (!at) return notFound;
  const guard = await manageGuard(q, args.user, at.organId);
  if (guard) return guard;
  if (entry.endedAt) return { ok: false, status: 409, code: "ALREADY_ENDED", formError: "committee.errors.alreadyEnded" };
  const now = args.now ?? new Date();
  return inTransaction(async (tx) => {
    const ended = await tx
      .update(memberConflicts)
      .set({ endedAt: now })
      .where(and(eq(memberConflicts.id, args.entryId), isNull(memberConflicts.endedAt)))
      .returning({ id: memberConflicts.id });
    if (ended.length === 0) throw new Refused({ ok: false, status: 409, code: "ALREADY_ENDED", formError: "committee.errors.alreadyEnded" });
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "committee.conflict_ended",
      subjectType: "committee",
      subjectId: at.committeeId,
      payload: { entryId: args.entryId, memberId: entry.memberId },
      requestId: args.requestId,
      occurredAt: now,
    });
    return { ok: true };
  });
}
