// The holiday data (app/domain/holidays.ts) checked against a second, independent source: the npm package chinese-days
// (pinned devDependency; its data ships inside the package, so the check runs offline). Every rest day and every
// make-up working day of 2024–2026 must agree, in both directions, and every day of those years must have the same
// working/non-working status. Our file stays the source of the calendar table; this test is the evidence that it
// matches the State Council notices as another maintained copy records them.
import chineseDays from "chinese-days/dist/chinese-days.json";
import { getDayDetail, isWorkday } from "chinese-days";
import { describe, expect, it } from "vitest";
import { isoDate, isWorkingDay, parseIsoDate, weekdayOf } from "~/domain/calendar";
import { defaultCalendar, holidayNotices, nationalCalendarEntries } from "~/domain/holidays";

const YEARS = ["2024", "2025", "2026"];
const inYears = (day: string) => YEARS.includes(day.slice(0, 4));
const theirHolidays = Object.keys(chineseDays.holidays).filter(inYears).sort();
const theirMakeups = Object.keys(chineseDays.workdays).filter(inYears).sort();
const ourHolidays = nationalCalendarEntries.filter((e) => e.kind === "holiday").map((e) => e.day);
const ourMakeups = nationalCalendarEntries.filter((e) => e.kind === "makeup_workday").map((e) => e.day);

describe("holiday data 2024–2026 against chinese-days", () => {
  it("the same official rest days (89), day by day", () => {
    expect(ourHolidays).toEqual(theirHolidays);
    expect(ourHolidays).toHaveLength(89);
  });
  it("the same make-up working days (19), day by day, every one a Saturday or Sunday", () => {
    expect(ourMakeups).toEqual(theirMakeups);
    expect(ourMakeups).toHaveLength(19);
    for (const day of ourMakeups) expect([0, 6], day).toContain(weekdayOf(day));
  });
  it("the same holiday for each day (名称)", () => {
    const theirs = { ...chineseDays.holidays, ...chineseDays.workdays } as Record<string, string>;
    for (const e of nationalCalendarEntries) {
      const theirName = theirs[e.day].split(",")[1]; // "Spring Festival,春节,4" → 春节
      expect(e.name.includes(theirName.replace(/节$/, "")), `${e.day}: ${e.name} vs ${theirName}`).toBe(true);
    }
  });
  it("every day of 2024–2026 is a working day in both or in neither (make-up days counted, 11.13)", () => {
    const calendar = defaultCalendar();
    const rules = { countMakeupWorkdays: true };
    let checked = 0;
    for (let dn = parseIsoDate("2024-01-01")!; dn <= parseIsoDate("2026-12-31")!; dn++) {
      const day = isoDate(dn);
      expect(isWorkingDay(day, calendar, rules), `${day} ${JSON.stringify(getDayDetail(day))}`).toBe(isWorkday(day));
      checked++;
    }
    expect(checked).toBe(366 + 365 + 365);
  });
  it("each notice names its source document", () => {
    expect(holidayNotices.map((n) => n.source)).toEqual([
      expect.stringContaining("国办发明电〔2023〕7号"),
      expect.stringContaining("国办发明电〔2024〕12号"),
      expect.stringContaining("2026年部分节假日安排"),
    ]);
    for (const e of nationalCalendarEntries) expect(e.source).toContain(`${e.day.slice(0, 4)}年部分节假日安排`);
  });
});
