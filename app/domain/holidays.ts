// The official holiday calendar: the State Council's yearly notices on public holidays (部分节假日安排), as data.
// This file is the source of the calendar_days table (db/seed.ts); tests/unit/holidays.test.ts checks it against the
// npm package chinese-days. Days inside a holiday block are all rest days, weekends included ("放假调休，共8天").
import { buildCalendar, isoDate, NATIONAL_REGION, parseIsoDate, type Calendar, type CalendarEntry, type IsoDate } from "./calendar";

export interface HolidayNotice {
  year: number;
  /** Title and document number of the notice. */
  source: string;
  /** Rest-day blocks, first..last inclusive. */
  holidays: ReadonlyArray<{ name: string; first: IsoDate; last: IsoDate }>;
  /** Weekend days declared working days (调休上班). */
  makeupWorkdays: ReadonlyArray<{ name: string; day: IsoDate }>;
}

export const holidayNotices: readonly HolidayNotice[] = [
  {
    // 国办发明电〔2023〕7号 (2023-10-25)
    year: 2024,
    source: "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）",
    holidays: [
      { name: "元旦", first: "2024-01-01", last: "2024-01-01" }, // 1月1日放假，与周末连休
      { name: "春节", first: "2024-02-10", last: "2024-02-17" }, // 2月10日至17日放假调休，共8天
      { name: "清明节", first: "2024-04-04", last: "2024-04-06" }, // 4月4日至6日放假调休，共3天
      { name: "劳动节", first: "2024-05-01", last: "2024-05-05" }, // 5月1日至5日放假调休，共5天
      { name: "端午节", first: "2024-06-10", last: "2024-06-10" }, // 6月10日放假，与周末连休
      { name: "中秋节", first: "2024-09-15", last: "2024-09-17" }, // 9月15日至17日放假调休，共3天
      { name: "国庆节", first: "2024-10-01", last: "2024-10-07" }, // 10月1日至7日放假调休，共7天
    ],
    makeupWorkdays: [
      { name: "春节", day: "2024-02-04" }, // 星期日
      { name: "春节", day: "2024-02-18" }, // 星期日
      { name: "清明节", day: "2024-04-07" }, // 星期日
      { name: "劳动节", day: "2024-04-28" }, // 星期日
      { name: "劳动节", day: "2024-05-11" }, // 星期六
      { name: "中秋节", day: "2024-09-14" }, // 星期六
      { name: "国庆节", day: "2024-09-29" }, // 星期日
      { name: "国庆节", day: "2024-10-12" }, // 星期六
    ],
  },
  {
    // 国办发明电〔2024〕12号 (2024-11-12); DOMAIN.md 11.11
    year: 2025,
    source: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
    holidays: [
      { name: "元旦", first: "2025-01-01", last: "2025-01-01" }, // 1月1日（周三）放假1天，不调休
      { name: "春节", first: "2025-01-28", last: "2025-02-04" }, // 1月28日（除夕）至2月4日放假调休，共8天
      { name: "清明节", first: "2025-04-04", last: "2025-04-06" }, // 4月4日（周五）至6日（周日），共3天
      { name: "劳动节", first: "2025-05-01", last: "2025-05-05" }, // 5月1日（周四）至5日（周一）放假调休，共5天
      { name: "端午节", first: "2025-05-31", last: "2025-06-02" }, // 5月31日（周六）至6月2日（周一），共3天
      { name: "国庆节、中秋节", first: "2025-10-01", last: "2025-10-08" }, // 10月1日至8日放假调休，共8天
    ],
    makeupWorkdays: [
      { name: "春节", day: "2025-01-26" }, // 周日
      { name: "春节", day: "2025-02-08" }, // 周六
      { name: "劳动节", day: "2025-04-27" }, // 周日
      { name: "国庆节、中秋节", day: "2025-09-28" }, // 周日
      { name: "国庆节、中秋节", day: "2025-10-11" }, // 周六
    ],
  },
  {
    // Published 2025-11-04; DOMAIN.md 11.12
    year: 2026,
    source: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日发布）",
    holidays: [
      { name: "元旦", first: "2026-01-01", last: "2026-01-03" }, // 1月1日（周四）至3日（周六）放假调休，共3天
      { name: "春节", first: "2026-02-15", last: "2026-02-23" }, // 2月15日（周日）至23日（周一）放假调休，共9天
      { name: "清明节", first: "2026-04-04", last: "2026-04-06" }, // 4月4日（周六）至6日（周一），共3天
      { name: "劳动节", first: "2026-05-01", last: "2026-05-05" }, // 5月1日（周五）至5日（周二）放假调休，共5天
      { name: "端午节", first: "2026-06-19", last: "2026-06-21" }, // 6月19日（周五）至21日（周日），共3天
      { name: "中秋节", first: "2026-09-25", last: "2026-09-27" }, // 9月25日（周五）至27日（周日），共3天
      { name: "国庆节", first: "2026-10-01", last: "2026-10-07" }, // 10月1日（周四）至7日（周三）放假调休，共7天
    ],
    makeupWorkdays: [
      { name: "元旦", day: "2026-01-04" }, // 周日
      { name: "春节", day: "2026-02-14" }, // 周六
      { name: "春节", day: "2026-02-28" }, // 周六
      { name: "劳动节", day: "2026-05-09" }, // 周六
      { name: "国庆节", day: "2026-09-20" }, // 周日
      { name: "国庆节", day: "2026-10-10" }, // 周六
    ],
  },
];

/** Years whose notice is loaded (DOMAIN.md: any other year is computed on weekends only and marked provisional). */
export const publishedYears: readonly number[] = holidayNotices.map((n) => n.year);

function* daysFrom(first: IsoDate, last: IsoDate): Generator<IsoDate> {
  const end = parseIsoDate(last)!;
  for (let dn = parseIsoDate(first)!; dn <= end; dn++) yield isoDate(dn);
}

/** One calendar row per rest day and per make-up day of the notices, sorted by day. */
export function noticeEntries(notices: readonly HolidayNotice[] = holidayNotices, region: string = NATIONAL_REGION): CalendarEntry[] {
  const out: CalendarEntry[] = [];
  for (const notice of notices) {
    for (const block of notice.holidays) {
      for (const day of daysFrom(block.first, block.last)) out.push({ region, day, kind: "holiday", name: block.name, source: notice.source });
    }
    for (const m of notice.makeupWorkdays) out.push({ region, day: m.day, kind: "makeup_workday", name: m.name, source: notice.source });
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** The national rows of 2024–2026 (what the seed writes into calendar_days). */
export const nationalCalendarEntries: readonly CalendarEntry[] = noticeEntries();

let cached: Calendar | undefined;
/** The national calendar built from this file, without the database (tests, benchmarks, fallbacks). */
export function defaultCalendar(): Calendar {
  return (cached ??= buildCalendar(nationalCalendarEntries));
}
