// The case queue of a reconsideration office (issue 5, requirement 2): the reconsideration cases of the organs the
// user's reconsideration_staff / office_head memberships cover, filtered, searched (substring, so Chinese names and
// document numbers match by any part), ordered by the nearest running deadline (cases with none last, then case id)
// and paged by keyset. Claim, assign and reassign set cases.handler_id with an optimistic version check and one audit
// event each.
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { cases, roleMemberships, users } from "../../db/schema/index";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { membershipCovers } from "~/domain/policy";
import { dueColour, likeSubstring, type DueColour, type QueueCursor, type QueueFilters, encodeCursor } from "~/domain/queue";
import type { Role } from "~/domain/roles";
import { organPath } from "./organs.server";
import { loadUser, type CurrentUser } from "./session.server";

export const queueRoles: readonly Role[] = ["reconsideration_staff", "office_head"];

export const CONFLICT_MESSAGE = "该案件刚刚已被他人更新，请刷新页面后再操作";
export const CONFLICT_MESSAGE_EN = "This case was just updated by someone else. Please reload the page and try again.";

export interface QueueRow {
  id: string;
  caseNumber: string | null;
  state: string;
  procedure: string | null;
  applicantNames: string | null;
  actDocumentNumber: string | null;
  version: number;
  handlerId: string | null;
  handlerName: string | null;
  nextDue: string | null;
  nextDueKind: string | null;
  colour: DueColour | null;
}

export interface QueuePage {
  rows: QueueRow[];
  /** The cursor of the next page, null on the last page. */
  next: string | null;
}

/** True when the user may see the queue at all (some reconsideration_staff / office_head membership). */
export function canUseQueue(user: CurrentUser): boolean {
  return user.memberships.some((m) => queueRoles.includes(m.role));
}

/** The organs whose cases the user sees: exact organs, and the subtrees of memberships that include subordinates. */
function scopeCondition(user: CurrentUser): SQL {
  const ms = user.memberships.filter((m) => queueRoles.includes(m.role));
  if (ms.length === 0) return sql`false`;
  const list = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const exact = ms.map((m) => m.organId);
  const sub = ms.filter((m) => m.includeSubordinates).map((m) => m.organId);
  if (sub.length === 0) return sql`${cases.organId} in (${list(exact)})`;
  return sql`(${cases.organId} in (${list(exact)}) or ${cases.organId} in (
    with recursive s(id) as (select id from organs where id in (${list(sub)})
      union select o.id from organs o join s on o.parent_id = s.id)
    select id from s))`;
}

// The nearest running due date is the projection cases.next_due_date (kept by a trigger on deadlines, migration 0007);
// "none running" sorts last as 'infinity', so order, keyset and the index cases_queue_due_idx use one expression.
const nextDue = sql<string | null>`${cases.nextDueDate}::text`;
const nextDueDate = sql`${cases.nextDueDate}`;
const dueKey = sql`coalesce(${cases.nextDueDate}, 'infinity'::date)`;
const nextRow = (col: string) =>
  sql<string | null>`(select d.${sql.raw(col)}::text from deadlines d where d.case_id = ${cases.id} and d.status = 'running' order by d.due_date, d.id limit 1)`;

export interface QueueQueryArgs {
  user: CurrentUser;
  filters: QueueFilters;
  cursor?: QueueCursor | null;
  limit?: number;
  now?: Date;
}

/** One page of the queue. */
export async function listQueue(args: QueueQueryArgs): Promise<QueuePage> {
  const limit = queueLimit(args);
  const today = todayInShanghai(args.now ?? new Date());
  const rows = await queueQuery(args, getDb());
  const page = rows.slice(0, limit).map(({ nextStart, ...r }) => ({
    ...r,
    colour: r.nextDue && nextStart ? dueColour(nextStart, r.nextDue, today) : null,
  }));
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? encodeCursor({ due: last.nextDue, id: last.id }) : null };
}

const queueLimit = (args: QueueQueryArgs) => Math.min(Math.max(args.limit ?? 50, 1), 200);

/**
 * The queue's one query, not yet run (limit + 1 rows, to know whether a next page exists). Exported for
 * tests/bench/seed-queue.ts, which runs EXPLAIN on exactly this SQL.
 */
export function queueQuery(args: QueueQueryArgs, db: Queryable) {
  const { user, filters: f } = args;
  const limit = queueLimit(args);
  const today = todayInShanghai(args.now ?? new Date());
  // Items still waiting for the dispute center's triage are not in any office's queue yet.
  const where: SQL[] = [eq(cases.machine, "reconsideration"), eq(cases.triageStatus, "routed"), scopeCondition(user)];
  if (f.state) where.push(eq(cases.state, f.state));
  if (f.procedure) where.push(sql`${cases.data}->>'procedure' = ${f.procedure}`);
  if (f.dueWithin !== undefined) where.push(sql`${nextDueDate} <= ${addCalendarDays(today, f.dueWithin)}::date`);
  if (f.overdue) where.push(sql`${nextDueDate} < ${today}::date`);
  if (f.handler === "me") where.push(eq(cases.handlerId, user.id));
  else if (f.handler === "none") where.push(isNull(cases.handlerId));
  else if (f.handler) where.push(eq(cases.handlerId, f.handler));
  if (f.respondent) where.push(eq(cases.respondentOrganId, f.respondent));
  if (f.category) where.push(eq(cases.category, f.category));
  if (f.channel) where.push(eq(cases.channel, f.channel));
  if (f.q) {
    const p = likeSubstring(f.q);
    where.push(or(ilike(cases.caseNumber, p), ilike(cases.applicantNames, p), ilike(cases.actDocumentNumber, p))!);
  }
  const c = args.cursor;
  if (c) {
    where.push(sql`(${dueKey}, ${cases.id}) > (coalesce(${c.due}::date, 'infinity'::date), ${c.id}::uuid)`);
  }
  return db
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      state: cases.state,
      procedure: sql<string | null>`${cases.data}->>'procedure'`,
      applicantNames: cases.applicantNames,
      actDocumentNumber: cases.actDocumentNumber,
      version: cases.version,
      handlerId: cases.handlerId,
      handlerName: users.displayName,
      nextDue,
      nextStart: nextRow("start_date"),
      nextDueKind: nextRow("kind"),
    })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.handlerId))
    .where(and(...where))
    .orderBy(sql`${dueKey} asc`, sql`${cases.id} asc`)
    .limit(limit + 1);
}

/** The people a case of the user's organs may be given to: reconsideration staff and office heads of those organs. */
export async function queueHandlers(user: CurrentUser): Promise<{ id: string; displayName: string }[]> {
  const organIds = user.memberships.filter((m) => queueRoles.includes(m.role)).map((m) => m.organId);
  if (organIds.length === 0) return [];
  const rows = await getDb()
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(and(inArray(roleMemberships.organId, organIds), inArray(roleMemberships.role, [...queueRoles]), eq(users.disabled, false)))
    .orderBy(asc(users.displayName), asc(users.id));
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Claim, assign, reassign.

export type HandlerResult =
  | { ok: true; version: number; handlerId: string }
  /** `formError` is a message key of the queue area; `message`/`messageEn` the conflict's words. */
  | { ok: false; status: 400 | 403 | 404 | 409; code: string; formError: string; message?: string; messageEn?: string };

const fail = (status: 400 | 403 | 404 | 409, code: string, formError: string): HandlerResult => ({ ok: false, status, code, formError });
const conflict: HandlerResult = {
  ok: false,
  status: 409,
  code: "VERSION_CONFLICT",
  formError: "queue.conflict",
  message: CONFLICT_MESSAGE,
  messageEn: CONFLICT_MESSAGE_EN,
};

function rolesCovering(user: CurrentUser, path: readonly string[]): Role[] {
  return user.memberships.filter((m) => queueRoles.includes(m.role) && membershipCovers(m, path)).map((m) => m.role);
}

type Kind = "claim" | "assign" | "reassign";

async function setHandler(
  kind: Kind,
  args: { user: CurrentUser; caseNumber: string; version: number; toUserId?: string; reason?: string; requestId?: string },
): Promise<HandlerResult> {
  const reason = args.reason?.trim() ?? "";
  if (kind === "reassign" && (reason.length === 0 || reason.length > 500)) return fail(400, "REASON", "queue.errors.reason");
  return getDb().transaction(async (tx: Queryable) => {
    const [row] = await tx
      .select({ id: cases.id, machine: cases.machine, organId: cases.organId, version: cases.version, handlerId: cases.handlerId, triageStatus: cases.triageStatus })
      .from(cases)
      .where(eq(cases.caseNumber, args.caseNumber));
    // an item still at the dispute center is not the office's yet (as in findHandledCase)
    if (!row || row.machine !== "reconsideration" || !row.organId || row.triageStatus === "pending") return fail(404, "NOT_FOUND", "queue.errors.notFound");
    const path = await organPath(tx, row.organId);
    const mine = rolesCovering(args.user, path);
    if (mine.length === 0) return fail(404, "NOT_FOUND", "queue.errors.notFound");
    if (row.version !== args.version) return conflict;
    let to: string;
    if (kind === "claim") {
      if (row.handlerId) return fail(409, "ALREADY_ASSIGNED", "queue.errors.alreadyAssigned");
      to = args.user.id;
    } else {
      if (!mine.includes("office_head")) return fail(403, "FORBIDDEN", "queue.errors.headOnly");
      if (kind === "assign" && row.handlerId) return fail(409, "ALREADY_ASSIGNED", "queue.errors.alreadyAssigned");
      if (kind === "reassign" && !row.handlerId) return fail(400, "NOT_ASSIGNED", "queue.errors.notAssigned");
      const target = args.toUserId ? await loadUser(tx, args.toUserId).catch(() => null) : null;
      if (!target || rolesCovering(target, path).length === 0) return fail(400, "TARGET", "queue.errors.target");
      if (target.id === row.handlerId) return fail(400, "SAME_HANDLER", "queue.errors.sameHandler");
      to = target.id;
    }
    const updated = await tx
      .update(cases)
      .set({ handlerId: to, version: sql`${cases.version} + 1`, updatedAt: new Date() })
      .where(and(eq(cases.id, row.id), eq(cases.version, args.version)))
      .returning({ version: cases.version });
    if (updated.length === 0) return conflict;
    await recordEvent(tx, {
      actorId: args.user.id,
      action: kind === "claim" ? "case.claimed" : kind === "assign" ? "case.assigned" : "case.reassigned",
      subjectType: "case",
      subjectId: row.id,
      payload: { from: row.handlerId, to, ...(kind === "reassign" ? { reason } : {}) },
      requestId: args.requestId ?? null,
    });
    return { ok: true as const, version: updated[0]!.version, handlerId: to };
  });
}

/** Any reconsideration staff or office head of the case's organ takes an unassigned case for themselves. */
export function claimCase(args: { user: CurrentUser; caseNumber: string; version: number; requestId?: string }) {
  return setHandler("claim", args);
}

/** The office head gives an unassigned case to a staff member (or head) of the same organ. */
export function assignCase(args: { user: CurrentUser; caseNumber: string; version: number; toUserId: string; requestId?: string }) {
  return setHandler("assign", args);
}

/** The office head moves an assigned case to another staff member of the same organ; the reason is recorded. */
export function reassignCase(args: { user: CurrentUser; caseNumber: string; version: number; toUserId: string; reason: string; requestId?: string }) {
  return setHandler("reassign", args);
}
