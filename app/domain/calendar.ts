// The working-day calendar and the period arithmetic of the law: Art. 88(2) working days, CPL Art. 85 and Civil Code
// Arts. 201–203 (start day not counted, corresponding day or month end, a rest last day rolls forward), DOMAIN.md §11.
//
// A calendar is data: per region ("CN" national, an overlay such as "150000" for Inner Mongolia, 11.09) the official
// rest days and 调休 make-up working days, plus the years whose State Council notice is loaded. Legal dates are
// "YYYY-MM-DD" strings in Asia/Shanghai; all arithmetic is on integer day numbers (days since 1970-01-01), never on
// Date objects, so no time zone can shift a date. Each calendar precomputes one byte of flags per day, which makes a
// due date a few array reads.

export type IsoDate = string;
export type CalendarDayKind = "holiday" | "makeup_workday";

/** One row of the calendar table: an exception to the Monday–Friday week. */
export interface CalendarEntry {
  region: string;
  day: IsoDate;
  kind: CalendarDayKind;
  /** The holiday it belongs to: "春节", "国庆节、中秋节". */
  name: string;
  /** The notice it comes from. */
  source: string;
}

/** The two settings that change how days are counted (DOMAIN.md, "Decisions for the open questions"). */
export interface CalendarRules {
  /** 11.13: a 调休 make-up working day counts as a working day. */
  countMakeupWorkdays: boolean;
  /** 11.14: a calendar-day period ending on a weekend rolls to the next working day (official holidays always roll, 11.03). */
  rollWeekendDeadlines: boolean;
}

export const NATIONAL_REGION = "CN";
/** The Inner Mongolia overlay (11.09): national days plus any region-specific ones. */
export const IM_REGION = "150000";

/** Years a calendar can compute in. Input dates are narrower (SUPPORTED_YEARS) so that a 1-year period plus roll fits. */
export const CALENDAR_YEARS = { first: 1970, last: 2199 } as const;
/** Years accepted as the start of a period (API and forms). */
export const SUPPORTED_YEARS = { first: 2000, last: 2099 } as const;

// ---------------------------------------------------------------------------------------------------------------
// Day numbers (proleptic Gregorian; H. Hinnant's days_from_civil / civil_from_days)

/** Days since 1970-01-01 of a valid y-m-d. */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number. */
export function civilDate(dn: number): [number, number, number] {
  const z = dn + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const FIRST_DN = dayNumber(CALENDAR_YEARS.first, 1, 1);
const LAST_DN = dayNumber(CALENDAR_YEARS.last, 12, 31);

const DIGIT_0 = 48;
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - DIGIT_0;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The day number of a strict "YYYY-MM-DD" that exists (2024-02-30 does not), or null. Any year 0001–9999. */
export function parseIsoDate(value: unknown): number | null {
  if (typeof value !== "string" || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const y = digits(value, 0, 4);
  const m = digits(value, 5, 7);
  const d = digits(value, 8, 10);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return dayNumber(y, m, d);
}

export function isValidIsoDate(value: unknown): value is IsoDate {
  return parseIsoDate(value) !== null;
}

// Preallocated and filled with null so that V8 keeps it a fast array (sparse writes into [] degrade it to a dictionary).
const isoCache: Array<string | null> = new Array<string | null>(LAST_DN - FIRST_DN + 1).fill(null);
function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
/** "YYYY-MM-DD" of a day number (memoised inside the calendar's range: formatting is the hot spot of a due date). */
export function isoDate(dn: number): IsoDate {
  const inRange = dn >= FIRST_DN && dn <= LAST_DN;
  if (inRange) {
    const cached = isoCache[dn - FIRST_DN];
    if (cached !== null) return cached;
  }
  const [y, m, d] = civilDate(dn);
  const text = `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
  if (inRange) isoCache[dn - FIRST_DN] = text;
  return text;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDn(dn: number): number {
  return (((dn + 4) % 7) + 7) % 7;
}

export function weekdayOf(date: IsoDate): number {
  return weekdayOfDn(mustParse(date));
}

/** Today's legal date in Asia/Shanghai (UTC+8 all year: China has kept no daylight saving time since 1991). */
export function todayInShanghai(now: Date): IsoDate {
  return isoDate(Math.floor((now.getTime() + 8 * 3_600_000) / 86_400_000));
}

function mustParse(date: IsoDate): number {
  const dn = parseIsoDate(date);
  if (dn === null) throw new RangeError(`not a date: ${JSON.stringify(date)}`);
  return dn;
}

function inCalendarRange(dn: number): number {
  if (dn < FIRST_DN || dn > LAST_DN) throw new RangeError(`date outside ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}: ${isoDate(dn)}`);
  return dn;
}

// ---------------------------------------------------------------------------------------------------------------
// The calendar

const WEEKEND = 1;
const HOLIDAY = 2;
const MAKEUP = 4;
const PROVISIONAL = 8;

export interface Calendar {
  /** The region whose overlay is applied on top of the national days. */
  readonly region: string;
  /** Years whose official notice is loaded; any other year is computed on weekends only and marked provisional. */
  readonly publishedYears: ReadonlySet<number>;
  /** One byte per day from CALENDAR_YEARS.first: weekend / holiday / make-up day / provisional flags. */
  readonly flags: Uint8Array;
  /** Holiday name of each rest day and make-up day, by day number. */
  readonly names: ReadonlyMap<number, string>;
  /** Number of national and overlay entries applied. */
  readonly entryCount: number;
}

export interface BuildCalendarOptions {
  /** Overlay region applied on top of "CN" (default: national only). */
  region?: string;
  /** Years whose notice is loaded. Default: every year with at least one national entry (each notice has 元旦). */
  publishedYears?: Iterable<number>;
}

/** Builds the lookup tables from calendar rows. Rows of regions other than "CN" and options.region are ignored. */
export function buildCalendar(entries: readonly CalendarEntry[], options: BuildCalendarOptions = {}): Calendar {
  const region = options.region ?? NATIONAL_REGION;
  const flags = new Uint8Array(LAST_DN - FIRST_DN + 1);
  const published = new Set<number>(options.publishedYears ?? []);
  if (!options.publishedYears) {
    for (const e of entries) if (e.region === NATIONAL_REGION) published.add(Number(e.day.slice(0, 4)));
  }
  let year = CALENDAR_YEARS.first;
  let yearEnd = dayNumber(year + 1, 1, 1);
  let yearFlag = published.has(year) ? 0 : PROVISIONAL;
  for (let dn = FIRST_DN; dn <= LAST_DN; dn++) {
    if (dn === yearEnd) {
      year++;
      yearEnd = dayNumber(year + 1, 1, 1);
      yearFlag = published.has(year) ? 0 : PROVISIONAL;
    }
    const wd = weekdayOfDn(dn);
    flags[dn - FIRST_DN] = yearFlag | (wd === 0 || wd === 6 ? WEEKEND : 0);
  }
  const names = new Map<number, string>();
  let entryCount = 0;
  // national first, then the overlay: an overlay row replaces the national row of the same day
  for (const pass of region === NATIONAL_REGION ? [NATIONAL_REGION] : [NATIONAL_REGION, region]) {
    for (const e of entries) {
      if (e.region !== pass) continue;
      const dn = parseIsoDate(e.day);
      if (dn === null || dn < FIRST_DN || dn > LAST_DN) continue;
      const i = dn - FIRST_DN;
      flags[i] = (flags[i] & (WEEKEND | PROVISIONAL)) | (e.kind === "holiday" ? HOLIDAY : MAKEUP);
      names.set(dn, e.name);
      entryCount++;
    }
  }
  return { region, publishedYears: published, flags, names, entryCount };
}

function flagsOf(calendar: Calendar, dn: number): number {
  return calendar.flags[inCalendarRange(dn) - FIRST_DN];
}

function isWorkingDn(calendar: Calendar, dn: number, countMakeup: boolean): boolean {
  const f = calendar.flags[dn - FIRST_DN];
  if (f & HOLIDAY) return false;
  if (f & MAKEUP) return countMakeup;
  return (f & WEEKEND) === 0;
}

/** A working day (工作日, Art. 88(2)): not an official rest day, not a weekend unless a make-up day that counts. */
export function isWorkingDay(date: IsoDate, calendar: Calendar, rules: Pick<CalendarRules, "countMakeupWorkdays">): boolean {
  return isWorkingDn(calendar, inCalendarRange(mustParse(date)), rules.countMakeupWorkdays);
}

export type DayKind = "workday" | "weekend" | "holiday" | "makeup_workday";
export interface DayInfo {
  date: IsoDate;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  kind: DayKind;
  name: string | null;
  /** The year has no published notice: only weekends are known. */
  provisional: boolean;
}

export function dayInfo(date: IsoDate, calendar: Calendar): DayInfo {
  const dn = mustParse(date);
  const f = flagsOf(calendar, dn);
  const kind: DayKind = f & HOLIDAY ? "holiday" : f & MAKEUP ? "makeup_workday" : f & WEEKEND ? "weekend" : "workday";
  return { date: isoDate(dn), weekday: weekdayOfDn(dn), kind, name: calendar.names.get(dn) ?? null, provisional: (f & PROVISIONAL) !== 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Explanation steps (machine-readable; app/domain/periods.ts renders them in Chinese and English)

export type SkipReason = "weekend" | "holiday" | "makeup_not_counted";

export type CalendarStep =
  /** The triggering day is not counted: counting starts the next day (CPL Art. 85, Civil Code Art. 201). */
  | { step: "start"; from: IsoDate; firstDay: IsoDate }
  /** Days first..last (count of them) are not working days and were not counted. */
  | { step: "skip"; first: IsoDate; last: IsoDate; count: number; reason: SkipReason; name?: string }
  /** A 调休 make-up working day counted as a working day (11.13). */
  | { step: "makeup_counted"; day: IsoDate; name: string }
  /** The nth working day / calendar day / corresponding day is lastDay. */
  | { step: "counted"; unit: "working_day" | "calendar_day" | "month" | "year"; length: number; lastDay: IsoDate }
  /** Month/year periods: the end month has no corresponding day, so its last day ends the period (Civil Code Art. 202). */
  | { step: "month_end"; wantedDay: number; lastDay: IsoDate }
  /** The last day is a rest day: days first..last are passed over (11.03; weekends only with rollWeekendDeadlines, 11.14). */
  | { step: "roll"; first: IsoDate; last: IsoDate; count: number; reason: "weekend" | "holiday" | "makeup_not_counted"; name?: string }
  /** The last day is a weekend day but weekends do not roll (rollWeekendDeadlines off). */
  | { step: "weekend_kept"; day: IsoDate }
  /** Some day that mattered lies in a year with no published notice (weekends only). */
  | { step: "provisional"; years: number[] };

/** Result of a calendar computation: the date, how it was reached, and whether an unpublished year was involved. */
export interface CalendarResult {
  date: IsoDate;
  steps: CalendarStep[];
  provisional: boolean;
}

function reasonOf(f: number): SkipReason {
  return f & HOLIDAY ? "holiday" : f & MAKEUP ? "makeup_not_counted" : "weekend";
}

/**
 * Collects consecutive skipped days into one step per run (same reason, same holiday) while a computation walks the
 * days, and the years without a notice it touched. Kept in plain fields: this is the hot loop of every due date.
 */
class Walk {
  runFirst = -1;
  runLast = -1;
  runReason: SkipReason = "weekend";
  runName: string | undefined = undefined;
  provisionalYears: number[] | null = null;
  constructor(
    readonly calendar: Calendar,
    readonly steps: CalendarStep[],
    readonly kind: "skip" | "roll",
  ) {}

  /** Day dn (flags f) is passed over. */
  pass(dn: number, f: number): void {
    const reason = reasonOf(f);
    const name = f & (HOLIDAY | MAKEUP) ? this.calendar.names.get(dn) : undefined;
    if (this.runFirst >= 0 && this.runLast === dn - 1 && reason === this.runReason && name === this.runName) {
      this.runLast = dn;
      return;
    }
    this.flush();
    this.runFirst = this.runLast = dn;
    this.runReason = reason;
    this.runName = name;
  }

  flush(): void {
    if (this.runFirst < 0) return;
    const step = { step: this.kind, first: isoDate(this.runFirst), last: isoDate(this.runLast), count: this.runLast - this.runFirst + 1, reason: this.runReason } as Extract<
      CalendarStep,
      { step: "skip" | "roll" }
    >;
    if (this.runName !== undefined) step.name = this.runName;
    this.steps.push(step);
    this.runFirst = -1;
  }

  /** Notes a consulted day in a year without a published notice. */
  touch(dn: number, f: number): void {
    if ((f & PROVISIONAL) === 0) return;
    const year = civilDate(dn)[0];
    if (!this.provisionalYears) this.provisionalYears = [year];
    else if (!this.provisionalYears.includes(year)) this.provisionalYears.push(year);
  }

  /** Appends the provisional step if any unpublished year was touched; true if so. */
  finish(): boolean {
    this.flush();
    if (!this.provisionalYears) return false;
    this.steps.push({ step: "provisional", years: this.provisionalYears.sort((a, b) => a - b) });
    return true;
  }
}

/**
 * The nth working day after start (start not counted; Art. 88(2), 11.01). Official rest days never count; a make-up
 * day counts when rules.countMakeupWorkdays (11.13). n ≥ 1.
 */
export function addWorkingDays(start: IsoDate, n: number, calendar: Calendar, rules: Pick<CalendarRules, "countMakeupWorkdays">): CalendarResult {
  return addWorkingDaysDn(mustParse(start), n, calendar, rules.countMakeupWorkdays, []);
}

function addWorkingDaysDn(startDn: number, n: number, calendar: Calendar, countMakeup: boolean, steps: CalendarStep[]): CalendarResult {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer: ${n}`);
  inCalendarRange(startDn);
  steps.push({ step: "start", from: isoDate(startDn), firstDay: isoDate(startDn + 1) });
  const flags = calendar.flags;
  const walk = new Walk(calendar, steps, "skip");
  let dn = startDn;
  let counted = 0;
  while (counted < n) {
    dn++;
    if (dn > LAST_DN) inCalendarRange(dn);
    const f = flags[dn - FIRST_DN];
    walk.touch(dn, f);
    if (isWorkingDn(calendar, dn, countMakeup)) {
      counted++;
      if (f & MAKEUP) {
        walk.flush();
        steps.push({ step: "makeup_counted", day: isoDate(dn), name: calendar.names.get(dn) ?? "" });
      }
    } else {
      walk.pass(dn, f);
    }
  }
  walk.flush();
  const date = isoDate(dn);
  steps.push({ step: "counted", unit: "working_day", length: n, lastDay: date });
  const provisional = walk.finish();
  return { date, steps, provisional };
}

/** Working days d with from < d ≤ to (0 when to ≤ from). addWorkingDays(from, n) = to ⇔ this is n and to is a working day. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: Calendar, rules: Pick<CalendarRules, "countMakeupWorkdays">): number {
  const a = inCalendarRange(mustParse(from));
  const b = inCalendarRange(mustParse(to));
  let count = 0;
  for (let dn = a + 1; dn <= b; dn++) if (isWorkingDn(calendar, dn, rules.countMakeupWorkdays)) count++;
  return count;
}

/** The nth calendar day after start (start not counted): start + n. Pure date arithmetic, no rolling. */
export function addCalendarDays(start: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`days must be an integer: ${n}`);
  return isoDate(mustParse(start) + n);
}

/**
 * The last day of an n-month period from start (Civil Code Art. 202): the corresponding day of the end month, or the
 * last day of that month when it has no such day (from 2024-01-31, one month → 2024-02-29). No rolling.
 */
export function addMonths(start: IsoDate, n: number): IsoDate {
  return isoDate(addMonthsDn(mustParse(start), n).dn);
}

/** addMonths(start, 12n): from 2024-02-29, one year → 2025-02-28. */
export function addYears(start: IsoDate, n: number): IsoDate {
  return addMonths(start, 12 * n);
}

function addMonthsDn(startDn: number, n: number): { dn: number; monthEnd: boolean; wantedDay: number } {
  if (!Number.isInteger(n)) throw new RangeError(`months must be an integer: ${n}`);
  const [y, m, d] = civilDate(startDn);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = daysInMonth(ty, tm);
  return { dn: dayNumber(ty, tm, Math.min(d, last)), monthEnd: d > last, wantedDay: d };
}

/**
 * A last day that is a rest day moves to the next day that is not one (CPL Art. 85, Civil Code Art. 203, 11.03):
 * official holidays always; weekends (and make-up days that do not count) only when rules.rollWeekendDeadlines (11.14).
 */
export function rollForward(date: IsoDate, calendar: Calendar, rules: CalendarRules): CalendarResult {
  const steps: CalendarStep[] = [];
  const walk = new Walk(calendar, steps, "roll");
  const dn = rollForwardDn(mustParse(date), calendar, rules, walk);
  const provisional = walk.finish();
  return { date: isoDate(dn), steps, provisional };
}

function rollForwardDn(lastDn: number, calendar: Calendar, rules: CalendarRules, walk: Walk): number {
  let dn = inCalendarRange(lastDn);
  for (;;) {
    const f = calendar.flags[dn - FIRST_DN];
    walk.touch(dn, f);
    const rest = f & HOLIDAY ? true : rules.rollWeekendDeadlines ? !isWorkingDn(calendar, dn, rules.countMakeupWorkdays) : false;
    if (!rest) break;
    walk.pass(dn, f);
    dn++;
    if (dn > LAST_DN) inCalendarRange(dn);
  }
  walk.flush();
  if (!rules.rollWeekendDeadlines && !isWorkingDn(calendar, dn, rules.countMakeupWorkdays)) walk.steps.push({ step: "weekend_kept", day: isoDate(dn) });
  return dn;
}

/** A calendar-day period: day n after start, rolled forward if it is a rest day. */
export function calendarDayPeriod(start: IsoDate, n: number, calendar: Calendar, rules: CalendarRules): CalendarResult {
  return calendarDayPeriodDn(mustParse(start), n, calendar, rules, []);
}

function calendarDayPeriodDn(startDn: number, n: number, calendar: Calendar, rules: CalendarRules, steps: CalendarStep[]): CalendarResult {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`days must be a positive integer: ${n}`);
  inCalendarRange(startDn);
  steps.push({ step: "start", from: isoDate(startDn), firstDay: isoDate(startDn + 1) });
  const lastDn = startDn + n;
  steps.push({ step: "counted", unit: "calendar_day", length: n, lastDay: isoDate(lastDn) });
  const walk = new Walk(calendar, steps, "roll");
  const dn = rollForwardDn(lastDn, calendar, rules, walk);
  const provisional = walk.finish();
  return { date: isoDate(dn), steps, provisional };
}

/** A month or year period: the corresponding day (or month end), rolled forward if it is a rest day. */
export function monthPeriod(start: IsoDate, months: number, unit: "month" | "year", calendar: Calendar, rules: CalendarRules): CalendarResult {
  return monthPeriodDn(mustParse(start), months, unit, calendar, rules, []);
}

function monthPeriodDn(startDn: number, months: number, unit: "month" | "year", calendar: Calendar, rules: CalendarRules, steps: CalendarStep[]): CalendarResult {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`months must be a positive integer: ${months}`);
  inCalendarRange(startDn);
  steps.push({ step: "start", from: isoDate(startDn), firstDay: isoDate(startDn + 1) });
  const end = addMonthsDn(startDn, months);
  steps.push({ step: "counted", unit, length: unit === "year" ? months / 12 : months, lastDay: isoDate(end.dn) });
  if (end.monthEnd) steps.push({ step: "month_end", wantedDay: end.wantedDay, lastDay: isoDate(end.dn) });
  const walk = new Walk(calendar, steps, "roll");
  const dn = rollForwardDn(end.dn, calendar, rules, walk);
  const provisional = walk.finish();
  return { date: isoDate(dn), steps, provisional };
}

/** Internal entry points for app/domain/periods.ts (day numbers in, steps appended to the caller's array). */
export const calendarInternals = {
  addWorkingDaysDn,
  calendarDayPeriodDn,
  monthPeriodDn,
  FIRST_DN,
  LAST_DN,
};
