// The office's people (issue 5 req. 2): automatic assignment of unassigned cases (app/domain/assignment.ts chooses
// and explains), and the team page's data — open-case counts, leave periods and recorded conflicts (回避), which the
// office head maintains. Every change is version-checked where a case is touched and writes one audit event.
import { and, asc, desc, eq, gte, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { auditEvents, caseConflicts, cases, organs, roleMemberships, staffLeave, users } from "../../db/schema/index";
import {
  ASSIGN_BASIS,
  canAssign,
  chooseHandler,
  CONFLICT_BASIS,
  finalCaseStates,
  type AssignmentCandidate,
  type CandidateExplanation,
  type LeavePeriod,
} from "~/domain/assignment";
import { todayInShanghai } from "~/domain/calendar";
import { membershipCovers } from "~/domain/policy";
import type { Role } from "~/domain/roles";
import { organPath, organSubtreeIds } from "./organs.server";
import type { CurrentUser } from "./session.server";
import { CONFLICT_MESSAGE, CONFLICT_MESSAGE_EN } from "./staff-queue.server";

export const teamRoles: readonly Role[] = ["reconsideration_staff", "office_head"];
const finalStates = [...finalCaseStates] as string[];

export type AssignFailure = { ok: false; status: 400 | 403 | 404 | 409; formError: string; message?: string; messageEn?: string; explanation?: CandidateExplanation[] };
const fail = (status: AssignFailure["status"], formError: string, explanation?: CandidateExplanation[]): AssignFailure => ({
  ok: false,
  status,
  formError,
  ...(explanation ? { explanation } : {}),
});
const conflict: AssignFailure = { ok: false, status: 409, formError: "queue.conflict", message: CONFLICT_MESSAGE, messageEn: CONFLICT_MESSAGE_EN };

// ---------------------------------------------------------------------------------------------------------------
// Reading the office.

/** Open cases per handler (cases not in a final state of the machine). */
async function openCaseCounts(q: Queryable, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await q
    .select({ handlerId: cases.handlerId, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(inArray(cases.handlerId, [...userIds]), notInArray(cases.state, finalStates)))
    .groupBy(cases.handlerId);
  return new Map(rows.map((r) => [r.handlerId!, Number(r.n)]));
}

/** Leave periods not yet over, per person. */
async function currentLeave(q: Queryable, userIds: readonly string[], today: string) {
  if (userIds.length === 0) return [];
  return q
    .select({ id: staffLeave.id, userId: staffLeave.userId, fromDate: staffLeave.fromDate, toDate: staffLeave.toDate, note: staffLeave.note })
    .from(staffLeave)
    .where(and(inArray(staffLeave.userId, [...userIds]), gte(staffLeave.toDate, today)))
    .orderBy(asc(staffLeave.fromDate), asc(staffLeave.id));
}

/** The reconsideration staff of one organ (the people automatic assignment chooses among), not disabled. */
async function organStaff(q: Queryable, organId: string) {
  return q
    .selectDistinct({ userId: users.id, displayName: users.displayName })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(and(eq(roleMemberships.organId, organId), eq(roleMemberships.role, "reconsideration_staff"), eq(users.disabled, false)));
}

/** The candidates for one case: the organ's staff with their workload, leave and any conflict on this case. */
async function candidatesFor(q: Queryable, caseId: string, organId: string, today: string): Promise<AssignmentCandidate[]> {
  const staff = await organStaff(q, organId);
  const ids = staff.map((s) => s.userId);
  const [counts, leave, conflicts] = await Promise.all([
    openCaseCounts(q, ids),
    currentLeave(q, ids, today),
    ids.length
      ? q.select({ userId: caseConflicts.userId, reason: caseConflicts.reason }).from(caseConflicts).where(and(eq(caseConflicts.caseId, caseId), inArray(caseConflicts.userId, ids)))
      : Promise.resolve([]),
  ]);
  return staff.map((s) => ({
    userId: s.userId,
    displayName: s.displayName,
    openCases: counts.get(s.userId) ?? 0,
    leave: leave.filter((l) => l.userId === s.userId).map((l): LeavePeriod => ({ fromDate: l.fromDate, toDate: l.toDate })),
    conflictReason: conflicts.find((c) => c.userId === s.userId)?.reason ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Automatic assignment.

export interface AutoAssigned {
  caseNumber: string;
  handlerId: string;
  handlerName: string;
  version: number;
  explanation: CandidateExplanation[];
}

type CaseRow = { id: string; caseNumber: string | null; organId: string | null; version: number; handlerId: string | null; state: string; triageStatus: string };

async function assignOne(
  tx: Queryable,
  row: CaseRow & { organId: string; caseNumber: string },
  args: { user: CurrentUser; version: number; today: string; requestId?: string | null },
): Promise<({ ok: true } & AutoAssigned) | AssignFailure> {
  const candidates = await candidatesFor(tx, row.id, row.organId, args.today);
  const choice = chooseHandler({ candidates, today: args.today });
  if (!choice.ok) return fail(400, choice.reason === "no_staff" ? "team.errors.noStaff" : "team.errors.noneAvailable", choice.explanation);
  const updated = await tx
    .update(cases)
    .set({ handlerId: choice.userId, version: sql`${cases.version} + 1`, updatedAt: new Date() })
    .where(and(eq(cases.id, row.id), eq(cases.version, args.version), isNull(cases.handlerId)))
    .returning({ version: cases.version });
  if (updated.length === 0) return conflict;
  await recordEvent(tx, {
    actorId: args.user.id,
    action: "case.auto_assigned",
    subjectType: "case",
    subjectId: row.id,
    payload: { from: null, to: choice.userId, today: args.today, basis: ASSIGN_BASIS, conflictBasis: CONFLICT_BASIS, explanation: choice.explanation },
    requestId: args.requestId ?? null,
  });
  const handlerName = candidates.find((c) => c.userId === choice.userId)!.displayName;
  return { ok: true, caseNumber: row.caseNumber, handlerId: choice.userId, handlerName, version: updated[0]!.version, explanation: choice.explanation };
}

function assignable(row: CaseRow): AssignFailure | null {
  if (row.handlerId) return fail(409, "queue.errors.alreadyAssigned");
  if (finalStates.includes(row.state) || row.triageStatus !== "routed") return fail(400, "team.errors.notAssignable");
  return null;
}

/** The office head has one unassigned case of their office assigned automatically, on the version they saw. */
export async function autoAssign(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  requestId?: string | null;
  now?: Date;
}): Promise<({ ok: true } & AutoAssigned) | AssignFailure> {
  const today = todayInShanghai(args.now ?? new Date());
  return getDb().transaction(async (tx: Queryable) => {
    const [row] = await tx
      .select({
        id: cases.id,
        machine: cases.machine,
        caseNumber: cases.caseNumber,
        organId: cases.organId,
        version: cases.version,
        handlerId: cases.handlerId,
        state: cases.state,
        triageStatus: cases.triageStatus,
      })
      .from(cases)
      .where(eq(cases.caseNumber, args.caseNumber));
    // an item still at the dispute center is not the office's yet (as in findHandledCase)
    if (!row || row.machine !== "reconsideration" || !row.organId || !row.caseNumber || row.triageStatus === "pending") return fail(404, "queue.errors.notFound");
    const path = await organPath(tx, row.organId);
    const mine = args.user.memberships.filter((m) => teamRoles.includes(m.role));
    if (!canAssign(mine, path)) {
      // staff of the organ see the case (403: not theirs to assign); anyone else does not (404)
      const sees = mine.some((m) => membershipCovers(m, path));
      return sees ? fail(403, "queue.errors.headOnly") : fail(404, "queue.errors.notFound");
    }
    if (row.version !== args.version) return conflict;
    const refused = assignable(row);
    if (refused) return refused;
    return assignOne(tx, { ...row, organId: row.organId, caseNumber: row.caseNumber }, { user: args.user, version: args.version, today, requestId: args.requestId });
  });
}

/** The organs whose cases an office head assigns: their office_head organs, and the subtrees where the membership says so. */
async function headOrgans(q: Queryable, user: CurrentUser): Promise<string[]> {
  const heads = user.memberships.filter((m) => m.role === "office_head");
  const exact = heads.filter((m) => !m.includeSubordinates).map((m) => m.organId);
  const sub = heads.filter((m) => m.includeSubordinates).map((m) => m.organId);
  return [...new Set([...exact, ...(sub.length ? await organSubtreeIds(q, sub) : [])])];
}

export interface AutoAssignAllResult {
  ok: true;
  assigned: AutoAssigned[];
  /** Cases left unassigned, with the reason (a message key) and, when nobody was available, the explanation. */
  skipped: { caseNumber: string; formError: string; explanation?: CandidateExplanation[] }[];
}

/**
 * Every unassigned, routed, open reconsideration case of the head's offices, most urgent first (nearest running
 * deadline), is assigned in turn; each assignment counts toward the next choice. One event per assignment.
 */
export async function autoAssignAll(args: { user: CurrentUser; requestId?: string | null; now?: Date; limit?: number }): Promise<AutoAssignAllResult | AssignFailure> {
  if (!args.user.memberships.some((m) => m.role === "office_head")) return fail(403, "queue.errors.headOnly");
  const today = todayInShanghai(args.now ?? new Date());
  return getDb().transaction(async (tx: Queryable) => {
    const organIds = await headOrgans(tx, args.user);
    const rows = await tx
      .select({
        id: cases.id,
        caseNumber: cases.caseNumber,
        organId: cases.organId,
        version: cases.version,
        handlerId: cases.handlerId,
        state: cases.state,
        triageStatus: cases.triageStatus,
      })
      .from(cases)
      .where(
        and(
          eq(cases.machine, "reconsideration"),
          inArray(cases.organId, organIds),
          isNull(cases.handlerId),
          eq(cases.triageStatus, "routed"),
          notInArray(cases.state, [...finalStates, "DRAFT"]),
        ),
      )
      .orderBy(
        sql`(select min(d.due_date) from deadlines d where d.case_id = ${cases.id} and d.status = 'running') asc nulls last`,
        asc(cases.receivedAt),
        asc(cases.id),
      )
      .limit(Math.min(Math.max(args.limit ?? 200, 1), 500));
    const assigned: AutoAssigned[] = [];
    const skipped: AutoAssignAllResult["skipped"] = [];
    for (const row of rows) {
      if (!row.organId || !row.caseNumber) continue;
      const r = await assignOne(tx, { ...row, organId: row.organId, caseNumber: row.caseNumber }, { user: args.user, version: row.version, today, requestId: args.requestId });
      if (r.ok) {
        const { ok: _ok, ...a } = r;
        assigned.push(a);
      } else skipped.push({ caseNumber: row.caseNumber, formError: r.formError, ...(r.explanation ? { explanation: r.explanation } : {}) });
    }
    return { ok: true as const, assigned, skipped };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The team page.

export interface TeamMember {
  userId: string;
  displayName: string;
  roles: Role[];
  openCases: number;
  leave: { id: string; fromDate: string; toDate: string; note: string | null; current: boolean }[];
}

export interface TeamConflict {
  id: string;
  caseNumber: string | null;
  userId: string;
  displayName: string;
  reason: string;
  recordedAt: string;
  /** The person with the conflict is the case's handler now: the head should reassign. */
  isHandler: boolean;
}

export interface RecentAssignment {
  caseNumber: string | null;
  occurredAt: string;
  handlerName: string | null;
  explanation: CandidateExplanation[];
}

export interface Office {
  organId: string;
  organName: string;
  canManage: boolean;
  members: TeamMember[];
  conflicts: TeamConflict[];
  recent: RecentAssignment[];
}

/** Members of an organ in a queue role (staff and head), in the stable order. */
async function officeMembers(q: Queryable, organId: string) {
  const rows = await q
    .select({ userId: users.id, displayName: users.displayName, role: roleMemberships.role })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(and(eq(roleMemberships.organId, organId), inArray(roleMemberships.role, [...teamRoles]), eq(users.disabled, false)))
    .orderBy(asc(users.displayName), asc(users.id));
  const byUser = new Map<string, { userId: string; displayName: string; roles: Role[] }>();
  for (const r of rows) {
    const m = byUser.get(r.userId) ?? { userId: r.userId, displayName: r.displayName, roles: [] };
    if (!m.roles.includes(r.role as Role)) m.roles.push(r.role as Role);
    byUser.set(r.userId, m);
  }
  return [...byUser.values()];
}

/** The offices (organs) where the user is staff or head, each with its people, leave, conflicts and recent auto-assignments. */
export async function getTeam(args: { user: CurrentUser; now?: Date }): Promise<Office[]> {
  const db = getDb();
  const today = todayInShanghai(args.now ?? new Date());
  const organIds = [...new Set(args.user.memberships.filter((m) => teamRoles.includes(m.role)).map((m) => m.organId))];
  const offices: Office[] = [];
  for (const organId of organIds) {
    const [organ] = await db.select({ name: organs.name }).from(organs).where(eq(organs.id, organId));
    const path = await organPath(db, organId);
    const members = await officeMembers(db, organId);
    const ids = members.map((m) => m.userId);
    const [counts, leave] = await Promise.all([openCaseCounts(db, ids), currentLeave(db, ids, today)]);
    const conflicts = ids.length
      ? await db
          .select({
            id: caseConflicts.id,
            caseNumber: cases.caseNumber,
            userId: caseConflicts.userId,
            displayName: users.displayName,
            reason: caseConflicts.reason,
            recordedAt: caseConflicts.recordedAt,
            handlerId: cases.handlerId,
          })
          .from(caseConflicts)
          .innerJoin(cases, eq(cases.id, caseConflicts.caseId))
          .innerJoin(users, eq(users.id, caseConflicts.userId))
          .where(and(eq(cases.organId, organId), inArray(caseConflicts.userId, ids)))
          .orderBy(desc(caseConflicts.recordedAt), asc(caseConflicts.id))
      : [];
    const recent = await db
      .select({ caseNumber: cases.caseNumber, occurredAt: auditEvents.occurredAt, payload: auditEvents.payload, handlerName: users.displayName })
      .from(auditEvents)
      .innerJoin(cases, sql`${cases.id}::text = ${auditEvents.subjectId}`)
      .leftJoin(users, sql`${users.id}::text = ${auditEvents.payload}->>'to'`)
      .where(and(eq(auditEvents.subjectType, "case"), eq(auditEvents.action, "case.auto_assigned"), eq(cases.organId, organId)))
      .orderBy(desc(auditEvents.id))
      .limit(10);
    offices.push({
      organId,
      organName: organ?.name ?? "",
      canManage: canAssign(args.user.memberships, path),
      members: members.map((m) => ({
        ...m,
        openCases: counts.get(m.userId) ?? 0,
        leave: leave
          .filter((l) => l.userId === m.userId)
          .map((l) => ({ id: l.id, fromDate: l.fromDate, toDate: l.toDate, note: l.note, current: l.fromDate <= today && today <= l.toDate })),
      })),
      conflicts: conflicts.map((c) => ({
        id: c.id,
        caseNumber: c.caseNumber,
        userId: c.userId,
        displayName: c.displayName,
        reason: c.reason,
        recordedAt: c.recordedAt.toISOString(),
        isHandler: c.handlerId === c.userId,
      })),
      recent: recent.map((r) => ({
        caseNumber: r.caseNumber,
        occurredAt: r.occurredAt.toISOString(),
        handlerName: r.handlerName,
        explanation: ((r.payload as { explanation?: CandidateExplanation[] }).explanation ?? []) as CandidateExplanation[],
      })),
    });
  }
  return offices;
}

// ---------------------------------------------------------------------------------------------------------------
// Leave and conflicts: the office head of the person's organ only.

type Done = { ok: true };

/** True when the person is staff or head of an organ the user heads. */
async function headsPerson(q: Queryable, user: CurrentUser, personId: string): Promise<boolean> {
  const rows = await q
    .select({ organId: roleMemberships.organId })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(and(eq(roleMemberships.userId, personId), inArray(roleMemberships.role, [...teamRoles]), eq(users.disabled, false)));
  for (const r of rows) if (canAssign(user.memberships, await organPath(q, r.organId))) return true;
  return false;
}

const isHead = (user: CurrentUser) => user.memberships.some((m) => m.role === "office_head");

export async function addLeave(args: {
  user: CurrentUser;
  userId: string;
  fromDate: string;
  toDate: string;
  note: string;
  requestId?: string | null;
}): Promise<Done | AssignFailure> {
  if (!isHead(args.user)) return fail(403, "team.errors.headOnly");
  return getDb().transaction(async (tx: Queryable) => {
    if (!(await headsPerson(tx, args.user, args.userId))) return fail(400, "team.errors.person");
    const [row] = await tx
      .insert(staffLeave)
      .values({ userId: args.userId, fromDate: args.fromDate, toDate: args.toDate, note: args.note || null })
      .returning({ id: staffLeave.id });
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "staff.leave_added",
      subjectType: "user",
      subjectId: args.userId,
      payload: { leaveId: row!.id, fromDate: args.fromDate, toDate: args.toDate },
      requestId: args.requestId ?? null,
    });
    return { ok: true as const };
  });
}

export async function removeLeave(args: { user: CurrentUser; id: string; requestId?: string | null }): Promise<Done | AssignFailure> {
  if (!isHead(args.user)) return fail(403, "team.errors.headOnly");
  return getDb().transaction(async (tx: Queryable) => {
    const [row] = await tx
      .select({ id: staffLeave.id, userId: staffLeave.userId, fromDate: staffLeave.fromDate, toDate: staffLeave.toDate })
      .from(staffLeave)
      .where(eq(staffLeave.id, args.id));
    if (!row || !(await headsPerson(tx, args.user, row.userId))) return fail(404, "team.errors.notFound");
    await tx.delete(staffLeave).where(eq(staffLeave.id, row.id));
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "staff.leave_removed",
      subjectType: "user",
      subjectId: row.userId,
      payload: { leaveId: row.id, fromDate: row.fromDate, toDate: row.toDate },
      requestId: args.requestId ?? null,
    });
    return { ok: true as const };
  });
}

/** Records that a person of the case's office must not handle it (回避, a platform rule: CONFLICT_BASIS). */
export async function recordConflict(args: {
  user: CurrentUser;
  caseNumber: string;
  userId: string;
  reason: string;
  requestId?: string | null;
}): Promise<Done | AssignFailure> {
  if (!isHead(args.user)) return fail(403, "team.errors.headOnly");
  return getDb().transaction(async (tx: Queryable) => {
    const [row] = await tx
      .select({ id: cases.id, organId: cases.organId, machine: cases.machine, triageStatus: cases.triageStatus })
      .from(cases)
      .where(eq(cases.caseNumber, args.caseNumber));
    // an item still at the dispute center is not the office's yet (as in findHandledCase)
    if (!row || row.machine !== "reconsideration" || !row.organId || row.triageStatus === "pending") return fail(404, "team.errors.caseNotFound");
    const path = await organPath(tx, row.organId);
    if (!canAssign(args.user.memberships, path)) return fail(404, "team.errors.caseNotFound");
    const [member] = await tx
      .select({ userId: roleMemberships.userId })
      .from(roleMemberships)
      .where(and(eq(roleMemberships.userId, args.userId), eq(roleMemberships.organId, row.organId), inArray(roleMemberships.role, [...teamRoles])))
      .limit(1);
    if (!member) return fail(400, "team.errors.person");
    const inserted = await tx
      .insert(caseConflicts)
      .values({ caseId: row.id, userId: args.userId, reason: args.reason, recordedBy: args.user.id })
      .onConflictDoNothing({ target: [caseConflicts.caseId, caseConflicts.userId] })
      .returning({ id: caseConflicts.id });
    if (inserted.length === 0) return fail(400, "team.errors.duplicate");
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "case.conflict_recorded",
      subjectType: "case",
      subjectId: row.id,
      payload: { conflictId: inserted[0]!.id, userId: args.userId, reason: args.reason, basis: CONFLICT_BASIS },
      requestId: args.requestId ?? null,
    });
    return { ok: true as const };
  });
}

export async function removeConflict(args: { user: CurrentUser; id: string; requestId?: string | null }): Promise<Done | AssignFailure> {
  if (!isHead(args.user)) return fail(403, "team.errors.headOnly");
  return getDb().transaction(async (tx: Queryable) => {
    const [row] = await tx
      .select({ id: caseConflicts.id, caseId: caseConflicts.caseId, userId: caseConflicts.userId, organId: cases.organId })
      .from(caseConflicts)
      .innerJoin(cases, eq(cases.id, caseConflicts.caseId))
      .where(eq(caseConflicts.id, args.id));
    if (!row || !row.organId || !canAssign(args.user.memberships, await organPath(tx, row.organId))) return fail(404, "team.errors.notFound");
    await tx.delete(caseConflicts).where(eq(caseConflicts.id, row.id));
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "case.conflict_removed",
      subjectType: "case",
      subjectId: row.caseId,
      payload: { conflictId: row.id, userId: row.userId },
      requestId: args.requestId ?? null,
    });
    return { ok: true as const };
  });
}
