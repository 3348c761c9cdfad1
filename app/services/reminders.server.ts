// Deadline reminders in the portal (issue 5 req. 8): the job that tells a case's handler and the office heads of its
// organ when a running period passes 80 % and when it is overdue (once each: the dedupe index), and — issue 6 req. 10 —
// the person who must act 3 working days before a due date (through the outbox, so by e-mail too); the user's
// notifications page, and the office head's list of every overdue running period of the office.
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { cases, deadlines, notifications, outbox, roleMemberships, users } from "../../db/schema/index";
import { reminderDedupeKey, reminderKinds, reminderStage, REMINDER_BASIS } from "~/domain/assignment";
import { addCalendarDays, todayInShanghai, workingDaysBetween } from "~/domain/calendar";
import { DUE_SOON_BASIS, dueSoonKey, dueSoonReminderDue, periodActor } from "~/domain/notify";
import { loadDeadlineRules } from "./calendar.server";
import { uuidFromKey } from "./notify.server";
import { membershipCovers } from "~/domain/policy";
import { daysLeft } from "~/domain/queue";
import { organPath, organSubtreeIds } from "./organs.server";
import type { CurrentUser } from "./session.server";

/** The office heads whose office covers the organ (its own heads, and heads above it whose membership includes subordinates). */
async function headsOf(q: Queryable, organId: string): Promise<string[]> {
  const path = await organPath(q, organId);
  const rows = await q
    .select({ userId: roleMemberships.userId, organId: roleMemberships.organId, includeSubordinates: roleMemberships.includeSubordinates })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(and(eq(roleMemberships.role, "office_head"), inArray(roleMemberships.organId, path), eq(users.disabled, false)));
  return [...new Set(rows.filter((r) => membershipCovers({ role: "office_head", ...r }, path)).map((r) => r.userId))];
}

/**
 * One run of the reminder job. Running deadlines past 80 % or overdue whose current stage has not yet reached the
 * case's handler (or, for an unassigned case, anybody) are read in keyset batches — the SQL is a cheap superset,
 * app/domain/assignment.ts reminderStage decides — and one notification per recipient and stage is inserted with
 * ON CONFLICT DO NOTHING on (user, dedupe key): running it again creates nothing, and a handler assigned after the
 * reminder went out gets it on the next run.
 */
export async function sendDeadlineReminders(
  now: Date,
  options: { batch?: number } = {},
): Promise<{ checked: number; created: number; dueSoon: number }> {
  const db = getDb();
  const today = todayInShanghai(now);
  const batch = options.batch ?? 1000;
  const stageKey = sql`'deadline:' || ${deadlines.id}::text || case when ${deadlines.dueDate} < ${today}::date then ':overdue' else ':80' end`;
  const heads = new Map<string, string[]>();
  let checked = 0;
  let created = 0;
  let after: { due: string; id: string } | null = null;
  for (;;) {
    const rows = await db
      .select({
        deadlineId: deadlines.id,
        kind: deadlines.kind,
        startDate: deadlines.startDate,
        dueDate: deadlines.dueDate,
        caseId: cases.id,
        caseNumber: cases.caseNumber,
        handlerId: cases.handlerId,
        organId: cases.organId,
      })
      .from(deadlines)
      .innerJoin(cases, eq(cases.id, deadlines.caseId))
      .where(
        and(
          eq(deadlines.status, "running"),
          or(
            lt(deadlines.dueDate, today),
            sql`5 * (${deadlines.dueDate} - ${today}::date) < (${deadlines.dueDate} - ${deadlines.startDate})`,
            sql`${deadlines.dueDate} <= ${deadlines.startDate}`,
          ),
          sql`not exists (select 1 from notifications n where n.deadline_id = ${deadlines.id} and n.dedupe_key = ${stageKey}
                and (${cases.handlerId} is null or n.user_id = ${cases.handlerId}))`,
          after ? sql`(${deadlines.dueDate}, ${deadlines.id}) > (${after.due}::date, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(deadlines.dueDate), asc(deadlines.id))
      .limit(batch);
    for (const d of rows) {
      const stage = reminderStage(d.startDate, d.dueDate, today);
      if (!stage) continue;
      if (d.organId && !heads.has(d.organId)) heads.set(d.organId, await headsOf(db, d.organId));
      const recipients = [...new Set([...(d.handlerId ? [d.handlerId] : []), ...(d.organId ? heads.get(d.organId)! : [])])];
      if (recipients.length === 0) continue;
      const inserted = await db
        .insert(notifications)
        .values(
          recipients.map((userId) => ({
            userId,
            caseId: d.caseId,
            deadlineId: d.deadlineId,
            kind: reminderKinds[stage],
            data: { caseNumber: d.caseNumber, period: d.kind, dueDate: d.dueDate, basis: REMINDER_BASIS },
            dedupeKey: reminderDedupeKey(d.deadlineId, stage),
          })),
        )
        .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
        .returning({ id: notifications.id });
      created += inserted.length;
    }
    checked += rows.length;
    const last: { dueDate: string; deadlineId: string } | undefined = rows[rows.length - 1];
    if (!last || rows.length < batch) break;
    after = { due: last.dueDate, id: last.deadlineId };
  }

  created += (await (await import("./committee-member.server")).sendConsultationReminders(now)).created; // issue 6: committee members, 3 WD before and overdue
  const { queued: dueSoon } = await queueDueSoonReminders(now);
  return { checked, created, dueSoon };
}

/**
 * The 3-working-day reminder (issue 6 req. 10; app/domain/notify.ts dueSoonReminderDue, working days as Art. 88(2)
 * counts them): for each running period ending within 3 working days, one outbox message to the person who must act
 * (periodActors: the handler — or, while the case is unassigned, the office heads —, the applicant, the respondent, the
 * letter's addressee, the center). The message's id is derived from (deadline, due date), so a second run, or a
 * second process, inserts nothing (ON CONFLICT on the primary key); the dispatcher delivers it like any notification.
 * The committee's period is left to the consultation reminders (committee-member.server.ts).
 */
export async function queueDueSoonReminders(now: Date): Promise<{ checked: number; queued: number }> {
  const db = getDb();
  const today = todayInShanghai(now);
  // 3 working days never span more than three weeks of calendar (the longest holiday block is 9 days): a cheap bound
  const horizon = addCalendarDays(today, 21);
  const rows = await db
    .select({
      deadlineId: deadlines.id,
      kind: deadlines.kind,
      startDate: deadlines.startDate,
      dueDate: deadlines.dueDate,
      caseId: deadlines.caseId,
      caseNumber: cases.caseNumber,
    })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(and(eq(deadlines.status, "running"), gte(deadlines.dueDate, today), lte(deadlines.dueDate, horizon), ne(deadlines.kind, "committee_opinion")))
    .orderBy(asc(deadlines.dueDate), asc(deadlines.id));
  if (rows.length === 0) return { checked: 0, queued: 0 };
  const { calendar, settings } = await loadDeadlineRules(db);
  const messages = [];
  for (const d of rows) {
    const actor = periodActor(d.kind);
    if (!actor) continue;
    const workingDaysLeft = workingDaysBetween(today, d.dueDate, calendar, settings);
    const workingDaysInPeriod = workingDaysBetween(d.startDate, d.dueDate, calendar, settings);
    if (!dueSoonReminderDue({ today, dueDate: d.dueDate, workingDaysLeft, workingDaysInPeriod })) continue;
    messages.push({
      id: uuidFromKey(dueSoonKey(d.deadlineId, d.dueDate)),
      topic: "notify",
      caseId: d.caseId,
      payload: {
        kind: "notify",
        to: actor,
        ...(actor === "handler" ? { orElse: "office_head" } : {}),
        template: "deadline_due_soon",
        data: { caseNumber: d.caseNumber, period: d.kind, dueDate: d.dueDate, deadlineId: d.deadlineId, workingDaysLeft, basis: DUE_SOON_BASIS },
      },
      createdAt: now,
      availableAt: now,
    });
  }
  const queued = messages.length
    ? await db.insert(outbox).values(messages).onConflictDoNothing({ target: outbox.id }).returning({ id: outbox.id })
    : [];
  return { checked: rows.length, queued: queued.length };
}

// ---------------------------------------------------------------------------------------------------------------
// The user's notifications.

export interface NotificationView {
  id: string;
  kind: string;
  caseNumber: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}

export async function listNotifications(args: { user: CurrentUser; limit?: number }): Promise<NotificationView[]> {
  const rows = await getDb()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      caseNumber: cases.caseNumber,
      data: notifications.data,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(eq(notifications.userId, args.user.id))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(Math.min(Math.max(args.limit ?? 100, 1), 500));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    caseNumber: r.caseNumber,
    data: (r.data ?? {}) as Record<string, unknown>,
    createdAt: r.createdAt.toISOString(),
    read: r.readAt !== null,
  }));
}

/** Marks every unread notification of the user read; returns how many changed. */
export async function markAllRead(args: { user: CurrentUser; now?: Date }): Promise<number> {
  const rows = await getDb()
    .update(notifications)
    .set({ readAt: args.now ?? new Date() })
    .where(and(eq(notifications.userId, args.user.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

// ---------------------------------------------------------------------------------------------------------------
// The office head's overdue list.

export interface OverdueRow {
  deadlineId: string;
  caseNumber: string | null;
  kind: string;
  dueDate: string;
  daysOverdue: number;
  handlerName: string | null;
}

/** Every overdue running period of the cases of the organs the user heads (their subtrees where the membership says so). */
export async function listOverdue(args: { user: CurrentUser; now?: Date; limit?: number }): Promise<OverdueRow[]> {
  const db = getDb();
  const today = todayInShanghai(args.now ?? new Date());
  const heads = args.user.memberships.filter((m) => m.role === "office_head");
  if (heads.length === 0) return [];
  const sub = heads.filter((m) => m.includeSubordinates).map((m) => m.organId);
  const organIds = [...new Set([...heads.map((m) => m.organId), ...(sub.length ? await organSubtreeIds(db, sub) : [])])];
  const rows = await db
    .select({
      deadlineId: deadlines.id,
      caseNumber: cases.caseNumber,
      kind: deadlines.kind,
      dueDate: deadlines.dueDate,
      handlerName: users.displayName,
    })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .leftJoin(users, eq(users.id, cases.handlerId))
    .where(and(eq(deadlines.status, "running"), lt(deadlines.dueDate, today), inArray(cases.organId, organIds)))
    .orderBy(asc(deadlines.dueDate), asc(cases.caseNumber), asc(deadlines.id))
    .limit(Math.min(Math.max(args.limit ?? 500, 1), 2000));
  return rows.map((r) => ({ ...r, daysOverdue: -daysLeft(r.dueDate, today) }));
}
