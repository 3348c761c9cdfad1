// The calendar and settings as the database holds them (tables calendar_days and settings), turned into the pure
// domain values that app/domain/calendar.ts and app/domain/periods.ts compute with. Read per call, so that an admin's
// change to the calendar or a setting is seen by the next request; only the lookup tables are reused while the rows
// are unchanged.
import { asc, inArray } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { calendarDays, settings } from "../../db/schema/index";
import { buildCalendar, IM_REGION, NATIONAL_REGION, type Calendar, type CalendarEntry } from "~/domain/calendar";
import { resolveSettings, type SettingValues } from "~/domain/settings";

let last: { key: string; calendar: Calendar } | undefined;

/**
 * The calendar of a region: the national ("CN") rest and make-up days with the region's overlay on top (11.09).
 * Default region: Inner Mongolia ("150000"), whose overlay may be empty.
 */
export async function loadCalendar(q: Queryable = getDb(), options: { region?: string } = {}): Promise<Calendar> {
  const region = options.region ?? IM_REGION;
  const rows: CalendarEntry[] = await q
    .select({ region: calendarDays.region, day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name, source: calendarDays.source })
    .from(calendarDays)
    .where(inArray(calendarDays.region, [NATIONAL_REGION, region]))
    .orderBy(asc(calendarDays.region), asc(calendarDays.day));
  const key = `${region}\n${rows.map((r) => `${r.region}|${r.day}|${r.kind}|${r.name}`).join("\n")}`;
  if (last?.key === key) return last.calendar;
  const calendar = buildCalendar(rows, { region });
  last = { key, calendar };
  return calendar;
}

/** The settings table read through resolveSettings: a missing or malformed row takes its default. */
export async function loadSettings(q: Queryable = getDb()): Promise<SettingValues> {
  const rows = await q.select({ key: settings.key, value: settings.value }).from(settings);
  return resolveSettings(rows);
}

/** Both, for a loader that computes due dates. */
export async function loadDeadlineRules(q: Queryable = getDb()): Promise<{ calendar: Calendar; settings: SettingValues }> {
  const [calendar, values] = await Promise.all([loadCalendar(q), loadSettings(q)]);
  return { calendar, settings: values };
}
