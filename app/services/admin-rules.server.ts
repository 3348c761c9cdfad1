// Administration of what every date depends on (issue 7 req. 4): the holiday calendar — a State Council notice added
// as a list of days, with the recompute of running deadlines in the same transaction — and the settings of DOMAIN.md's
// defaults table with the rule behind each. Both apply everywhere, so only an administrator of the autonomous region
// changes them; other administrators read them.
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { recordEvent } from "../../db/audit";
import { getDb } from "../../db/client";
import { calendarDays, settings, users } from "../../db/schema/index";
import { CalendarNoticeSchema, parseNoticeLines, SettingFormSchema, settingInput, type NoticeLineError } from "~/domain/admin";
import { fieldErrors } from "~/domain/application";
import { resolveSettings, settingDefinitions, settingKeys, type SettingKey } from "~/domain/settings";
import { isRegionAdmin } from "./admin-scope.server";
import type { CurrentUser } from "./session.server";
import { recomputeRunningDeadlines, setCalendarDay, updateSetting } from "./settings.server";
import { publicBasis } from "./statistics.server";

export interface CalendarDayView {
  region: string;
  day: string;
  kind: "holiday" | "makeup_workday";
  name: string;
  source: string;
}

/** The years with official days, and one year's days (both regions: national and the Inner Mongolia overlay). */
export async function getCalendarYear(args: { user: CurrentUser; year: number }) {
  const db = getDb();
  const yearRows = await db
    .selectDistinct({ year: sql<number>`cast(extract(year from ${calendarDays.day}) as integer)` })
    .from(calendarDays)
    .orderBy(sql`1`);
  const days: CalendarDayView[] = await db
    .select({ region: calendarDays.region, day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name, source: calendarDays.source })
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${args.year}-01-01`), lte(calendarDays.day, `${args.year}-12-31`)))
    .orderBy(asc(calendarDays.day), asc(calendarDays.region));
  return { years: yearRows.map((r) => Number(r.year)), days, canEdit: await isRegionAdmin(db, args.user) };
}

export type CalendarNoticeResult =
  | { ok: true; added: number; moved: number }
  | { ok: false; status: 400 | 403; errors: Record<string, string>; formError: string; lineErrors?: NoticeLineError[]; existing?: string[] };

/**
 * Adds a notice's days to one region's calendar and recomputes every running deadline in the same transaction. A date
 * already in that region's calendar is refused (remove it first), so a day is listed once per region.
 */
export async function addCalendarNotice(args: { user: CurrentUser; form: Record<string, unknown>; now?: Date; requestId?: string | null }): Promise<CalendarNoticeResult> {
  const parsed = CalendarNoticeSchema.safeParse(args.form);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error), formError: "errors.formHasErrors" };
  const lines = parseNoticeLines(parsed.data.lines);
  if (!lines.ok) return { ok: false, status: 400, errors: { lines: "admin.errors.lineErrors" }, formError: "errors.formHasErrors", lineErrors: lines.errors };
  const now = args.now ?? new Date();
  const { region, source } = parsed.data;
  return getDb().transaction(async (tx): Promise<CalendarNoticeResult> => {
    if (!(await isRegionAdmin(tx, args.user))) return { ok: false, status: 403, errors: {}, formError: "admin.errors.regionOnly" };
    const existing = await tx
      .select({ day: calendarDays.day })
      .from(calendarDays)
      .where(and(eq(calendarDays.region, region), inArray(calendarDays.day, lines.days.map((d) => d.day))));
    if (existing.length) {
      return { ok: false as const, status: 400 as const, errors: { lines: "admin.errors.dayExists" }, formError: "errors.formHasErrors", existing: existing.map((e) => e.day).sort() };
    }
    await tx.insert(calendarDays).values(lines.days.map((d) => ({ region, day: d.day, kind: d.kind, name: d.name, source })));
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "calendar.notice_added",
      subjectType: "calendar",
      subjectId: region,
      payload: { old: null, new: { region, source, days: lines.days } },
      requestId: args.requestId ?? null,
      occurredAt: now,
    });
    const moved = await recomputeRunningDeadlines(tx, { actorId: args.user.id, now, requestId: args.requestId ?? undefined, reason: `calendar:${region}:notice` });
    return { ok: true as const, added: lines.days.length, moved };
  });
}

/** Removes one day (entered by mistake); the deadlines are recomputed (settings.server.ts setCalendarDay). */
export async function removeCalendarDay(args: { user: CurrentUser; region: string; day: string; now?: Date; requestId?: string | null }) {
  const db = getDb();
  if (!(await isRegionAdmin(db, args.user))) return { ok: false as const, status: 403 as const };
  const [row] = await db.select({ day: calendarDays.day }).from(calendarDays).where(and(eq(calendarDays.region, args.region), eq(calendarDays.day, args.day)));
  if (!row) return { ok: false as const, status: 404 as const };
  const { moved } = await setCalendarDay({ region: args.region, day: args.day, kind: null }, { actorId: args.user.id, now: args.now ?? new Date(), requestId: args.requestId ?? undefined });
  return { ok: true as const, moved };
}

export interface SettingView {
  key: SettingKey;
  value: unknown;
  defaultValue: unknown;
  description: string;
  basis: string;
  /** "boolean" | "number" | "choice": how the form asks for it. */
  input: "boolean" | "number" | "choice";
  choices: string[];
  updatedAt: string | null;
  updatedByName: string | null;
}

export async function listSettings(args: { user: CurrentUser }): Promise<{ settings: SettingView[]; canEdit: boolean }> {
  const db = getDb();
  const rows = await db
    .select({ key: settings.key, value: settings.value, updatedAt: settings.updatedAt, updatedBy: settings.updatedBy, name: users.displayName })
    .from(settings)
    .leftJoin(users, eq(users.id, settings.updatedBy));
  const values = resolveSettings(rows);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return {
    canEdit: await isRegionAdmin(db, args.user),
    settings: settingKeys.map((key) => {
      const def = settingDefinitions[key];
      const row = byKey.get(key);
      const schema = def.schema as unknown as { options?: readonly string[] };
      return {
        key,
        value: values[key],
        defaultValue: def.default,
        description: def.description,
        // the law as the page cites it: the developers' DOMAIN.md references are left out (as on /stats)
        basis: publicBasis(def.basis),
        input: typeof def.default === "boolean" ? "boolean" : typeof def.default === "number" ? "number" : "choice",
        choices: typeof def.default === "string" && Array.isArray(schema.options) ? [...schema.options] : [],
        updatedAt: row?.updatedBy ? row.updatedAt.toISOString() : null,
        updatedByName: row?.name ?? null,
      };
    }),
  };
}

export type SettingResult = { ok: true; moved: number; key: SettingKey } | { ok: false; status: 400 | 403; errors: Record<string, string>; formError: string };

/** Validates the value with the setting's own schema and changes it (updateSetting: recorded, deadlines recomputed). */
export async function changeSetting(args: { user: CurrentUser; form: Record<string, unknown>; now?: Date; requestId?: string | null }): Promise<SettingResult> {
  const parsed = SettingFormSchema.safeParse(args.form);
  if (!parsed.success) return { ok: false, status: 400, errors: fieldErrors(parsed.error), formError: "errors.formHasErrors" };
  if (!(await isRegionAdmin(getDb(), args.user))) return { ok: false, status: 403, errors: {}, formError: "admin.errors.regionOnly" };
  const { key, value } = parsed.data;
  const result = await updateSetting(key, settingInput(key, value), { actorId: args.user.id, now: args.now ?? new Date(), requestId: args.requestId ?? undefined });
  if (!result.ok) return { ok: false, status: 400, errors: { value: "admin.errors.settingValue" }, formError: "errors.formHasErrors" };
  return { ok: true, moved: result.moved, key };
}
