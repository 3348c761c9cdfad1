// Admin changes to the rules that dates depend on — a setting of DOMAIN.md's defaults table, or a day of the holiday
// calendar — and the recomputation of every running deadline they move, in the same transaction, each move recorded
// as an event with the old and the new due date.
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { calendarDays, deadlines, settings } from "../../db/schema/index";
import { recomputeDueDate, type DeadlineRow } from "~/domain/deadlines";
import { settingDefinitions, type SettingKey } from "~/domain/settings";
import { loadDeadlineRules } from "./calendar.server";
import { deadlineCalendar } from "./transitions.server";

interface Ctx {
  actorId: string | null;
  now: Date;
  requestId?: string;
}

export type SettingChangeResult = { ok: true; moved: number } | { ok: false; error: string };

export async function updateSetting(key: SettingKey, value: unknown, ctx: Ctx): Promise<SettingChangeResult> {
  const def = settingDefinitions[key];
  if (!def) return { ok: false, error: "未知的设置项 / unknown setting" };
  const parsed = def.schema.safeParse(value);
  if (!parsed.success) return { ok: false, error: "设置值不符合要求 / invalid value" };
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).for("update");
    await tx
      .insert(settings)
      .values({ key, value: parsed.data, description: def.description, basis: def.basis, updatedAt: ctx.now, updatedBy: ctx.actorId })
      .onConflictDoUpdate({ target: settings.key, set: { value: parsed.data, updatedAt: ctx.now, updatedBy: ctx.actorId } });
    await recordEvent(tx, {
      actorId: ctx.actorId,
      action: "setting.changed",
      subjectType: "setting",
      subjectId: key,
      payload: { old: before?.value ?? def.default, new: parsed.data },
      requestId: ctx.requestId,
      occurredAt: ctx.now,
    });
    const moved = await recomputeRunningDeadlines(tx, { ...ctx, reason: `setting:${key}` });
    return { ok: true, moved } as const;
  });
}

/** Adds or replaces one day of the calendar (an official rest day or make-up working day), or removes it (kind null). */
export async function setCalendarDay(
  args: { region: string; day: string; kind: "holiday" | "makeup_workday" | null; name?: string; source?: string },
  ctx: Ctx,
): Promise<{ moved: number }> {
  return getDb().transaction(async (tx) => {
    const [before] = await tx
      .select({ kind: calendarDays.kind, name: calendarDays.name })
      .from(calendarDays)
      .where(and(eq(calendarDays.region, args.region), eq(calendarDays.day, args.day)));
    if (args.kind === null) {
      await tx.delete(calendarDays).where(and(eq(calendarDays.region, args.region), eq(calendarDays.day, args.day)));
    } else {
      const row = { region: args.region, day: args.day, kind: args.kind, name: args.name ?? "", source: args.source ?? "管理员录入" };
      await tx.insert(calendarDays).values(row).onConflictDoUpdate({ target: [calendarDays.region, calendarDays.day], set: { kind: row.kind, name: row.name, source: row.source } });
    }
    await recordEvent(tx, {
      actorId: ctx.actorId,
      action: "calendar.changed",
      subjectType: "calendar_day",
      subjectId: `${args.region}:${args.day}`,
      payload: { old: before ?? null, new: args.kind ? { kind: args.kind, name: args.name ?? "" } : null },
      requestId: ctx.requestId,
      occurredAt: ctx.now,
    });
    return { moved: await recomputeRunningDeadlines(tx, { ...ctx, reason: `calendar:${args.region}:${args.day}` }) };
  });
}

/** Recomputes every running or paused deadline; each one that moves gets its new date and an event. Returns the count. */
export async function recomputeRunningDeadlines(tx: Tx, ctx: Ctx & { reason: string }): Promise<number> {
  const rules = await loadDeadlineRules(tx);
  const calendar = deadlineCalendar(rules.calendar, rules.settings);
  const open = await tx.select().from(deadlines).where(inArray(deadlines.status, ["running", "paused"]));
  let moved = 0;
  for (const d of open) {
    const row: DeadlineRow = {
      id: d.id,
      kind: d.kind,
      basis: d.basis,
      startDate: d.startDate,
      dueDate: d.dueDate,
      originalDueDate: d.originalDueDate,
      status: d.status,
      pausedIntervals: d.pausedIntervals as DeadlineRow["pausedIntervals"],
      pausedSince: d.pausedSince,
      extendedDays: d.extendedDays,
      provisional: d.provisional,
      explanation: d.explanation as unknown[],
    };
    let next;
    try {
      next = recomputeDueDate(row, calendar);
    } catch {
      continue; // a period whose length only its document knows: left as it is
    }
    if (next.due === d.dueDate && next.provisional === d.provisional) continue;
    await tx
      .update(deadlines)
      .set({ dueDate: next.due, provisional: next.provisional, explanation: next.explanation, updatedAt: ctx.now })
      .where(eq(deadlines.id, d.id));
    await recordEvent(tx, {
      actorId: ctx.actorId,
      action: "deadline.recomputed",
      subjectType: "case",
      subjectId: d.caseId,
      payload: { deadline: d.id, kind: d.kind, oldDue: d.dueDate, newDue: next.due, reason: ctx.reason },
      requestId: ctx.requestId,
      occurredAt: ctx.now,
    });
    moved++;
  }
  return moved;
}
