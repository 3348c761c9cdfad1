// Due dates against the law, worked out by hand from the State Council notices (app/domain/holidays.ts; DOMAIN.md
// 11.11–11.12 and 国办发明电〔2023〕7号) — never copied from the code's output — and property tests of the calendar's
// invariants against an independent reference built straight from the notices with JavaScript's own UTC dates.
//
// Rules named in the rows: Art. 88(2) / 11.01 working days (start day not counted, rest days skipped); 11.13 a 调休
// make-up day counts (setting countMakeupWorkdays); CPL Art. 85 / 11.03 a calendar-day period's last day on a holiday
// moves to the first day after it; 11.14 a weekend last day moves too (setting rollWeekendDeadlines); Civil Code
// Arts. 201–203 month/year periods end on the corresponding day or the month end; DOMAIN.md defaults table: years
// without a published notice are computed on weekends only and marked provisional.
import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  addYears,
  buildCalendar,
  dayInfo,
  isValidIsoDate,
  isWorkingDay,
  parseIsoDate,
  rollForward,
  todayInShanghai,
  weekdayOf,
  workingDaysBetween,
  type CalendarRules,
} from "~/domain/calendar";
import { defaultCalendar, holidayNotices, nationalCalendarEntries } from "~/domain/holidays";
import { computeDue, type PeriodKey } from "~/domain/periods";
import { defaultSettings } from "~/domain/settings";

const calendar = defaultCalendar();
const DEFAULT = defaultSettings();
const NO_MAKEUP = { ...DEFAULT, countMakeupWorkdays: false };
const NO_WEEKEND_ROLL = { ...DEFAULT, rollWeekendDeadlines: false };
const NEITHER = { ...DEFAULT, countMakeupWorkdays: false, rollWeekendDeadlines: false };

interface Case {
  rule: string;
  period: PeriodKey;
  from: string;
  due: string;
  settings?: typeof DEFAULT;
  provisional?: boolean;
}

// prettier-ignore
const cases: Case[] = [
  // ---- DOMAIN.md 11, the four worked examples (and their settings variants)
  { rule: "11 worked example 1: 5 WD from Thu 2026-02-12; Sat 02-14 make-up day counts (11.13)", period: "acceptance_review", from: "2026-02-12", due: "2026-02-26" },
  { rule: "11 worked example 1 without make-up days: 02-13, 02-24, 25, 26, 27", period: "acceptance_review", from: "2026-02-12", due: "2026-02-27", settings: NO_MAKEUP },
  { rule: "11 worked example 2: 5 WD from Mon 2026-09-28 ends on make-up Sat 10-10 (11.13)", period: "acceptance_review", from: "2026-09-28", due: "2026-10-10" },
  { rule: "11 worked example 2 without make-up days: 09-29, 09-30, 10-08, 10-09, 10-12", period: "acceptance_review", from: "2026-09-28", due: "2026-10-12", settings: NO_MAKEUP },
  { rule: "11 worked example 3: day 60 from 2026-09-01 is Sat 10-31 → Mon 11-02 (11.14)", period: "decision", from: "2026-09-01", due: "2026-11-02" },
  { rule: "11 worked example 3 with rollWeekendDeadlines off: Sat 10-31 stays", period: "decision", from: "2026-09-01", due: "2026-10-31", settings: NO_WEEKEND_ROLL },
  { rule: "11 worked example 4: day 60 from 2026-08-07 is 10-06 (National Day) → Thu 10-08 (11.03)", period: "decision", from: "2026-08-07", due: "2026-10-08" },
  { rule: "11 worked example 4 with rollWeekendDeadlines off: holidays still roll (11.03)", period: "decision", from: "2026-08-07", due: "2026-10-08", settings: NO_WEEKEND_ROLL },

  // ---- 2024 (国办发明电〔2023〕7号)
  // 02-07, 02-08, 02-09 (除夕 is only "encouraged" off, a working day), 02-10..17 春节, Sun 02-18 make-up = 4th, Mon 02-19 = 5th
  { rule: "Art. 30 + 88(2); 2024 春节 and make-up Sun 02-18 (11.13)", period: "acceptance_review", from: "2024-02-06", due: "2024-02-19" },
  { rule: "Art. 30 + 88(2); 2024 春节, make-up days off: 02-07, 08, 09, 19, 20", period: "acceptance_review", from: "2024-02-06", due: "2024-02-20", settings: NO_MAKEUP },
  // 02-02 Fri, (Sat 02-03), make-up Sun 02-04, 02-05, 02-06, 02-07
  { rule: "Art. 30 + 88(2); 2024 make-up Sunday 02-04 counts (11.13)", period: "acceptance_review", from: "2024-02-01", due: "2024-02-07" },
  { rule: "Art. 30 + 88(2); 2024 make-up Sunday 02-04 not counted", period: "acceptance_review", from: "2024-02-01", due: "2024-02-08", settings: NO_MAKEUP },
  // 04-02, 04-03, (04-04..06 清明), make-up Sun 04-07 = 3rd, 04-08..12 = 4th–8th, (weekend), 04-15, 04-16
  { rule: "Art. 31(2) 10 WD; 2024 清明 and make-up Sun 04-07", period: "supplement", from: "2024-04-01", due: "2024-04-16" },
  // 04-26, make-up Sun 04-28, 04-29, 04-30, (05-01..05 劳动节), 05-06..10 = 5th–9th, make-up Sat 05-11 = 10th
  { rule: "Art. 48 10 WD; 2024 劳动节, both make-up days 04-28 and 05-11 count", period: "respondent_reply", from: "2024-04-25", due: "2024-05-11" },
  { rule: "Art. 48 10 WD; 2024 劳动节 without make-up days: ends Tue 05-14", period: "respondent_reply", from: "2024-04-25", due: "2024-05-14", settings: NO_MAKEUP },
  // 06-07 Fri, (weekend), 06-10 端午 Mon, 06-11, 06-12
  { rule: "Art. 54 3 WD; 2024 端午 Mon 06-10 joined to the weekend", period: "copy_to_respondent_simplified", from: "2024-06-06", due: "2024-06-12" },
  // 09-13, make-up Sat 09-14, (09-15..17 中秋), 09-18, 09-19, 09-20
  { rule: "Art. 30 + 88(2); 2024 中秋 and make-up Sat 09-14", period: "acceptance_review", from: "2024-09-12", due: "2024-09-20" },
  // 09-27, (Sat 09-28), make-up Sun 09-29, 09-30, (10-01..07), 10-08, 09, 10, 11
  { rule: "Art. 48 7 WD; across 2024 Golden Week, make-up Sun 09-29", period: "copy_to_respondent", from: "2024-09-26", due: "2024-10-11" },
  // 10-09, 10-10, 10-11, make-up Sat 10-12, (Sun 10-13), 10-14
  { rule: "Art. 51 5 WD before a hearing; 2024 make-up Sat 10-12", period: "hearing_notice", from: "2024-10-08", due: "2024-10-14" },
  { rule: "Art. 62 60 CD; day 60 = 2024-10-02 inside Golden Week → Tue 10-08 (11.03)", period: "decision", from: "2024-08-03", due: "2024-10-08" },
  // day 60 = Sat 2024-02-10 (春节) → 02-11..17 春节 → Sun 02-18 is a make-up working day: the deadline
  { rule: "Art. 20 60 CD; rolls out of 2024 春节 onto make-up Sun 02-18 (11.03, 11.13)", period: "application", from: "2023-12-12", due: "2024-02-18" },
  { rule: "Art. 20 60 CD; rolls out of 2024 春节, make-up days not working days → Mon 02-19", period: "application", from: "2023-12-12", due: "2024-02-19", settings: NO_MAKEUP },
  { rule: "Art. 20 60 CD; rollWeekendDeadlines off: holidays roll, the first day after 春节 is Sun 02-18", period: "application", from: "2023-12-12", due: "2024-02-18", settings: NEITHER },
  { rule: "People's Mediation Law Art. 33 30 CD; day 30 = 2024-05-02 (劳动节) → Mon 05-06", period: "judicial_confirmation", from: "2024-04-02", due: "2024-05-06" },
  { rule: "Reg. Art. 49 60 CD; day 60 = 2024-06-10 (端午) → Tue 06-11", period: "redo_act", from: "2024-04-11", due: "2024-06-11" },
  { rule: "Art. 76 60 CD; day 60 = 2024-09-16 (中秋) → Wed 09-18", period: "opinion_letter_report", from: "2024-07-18", due: "2024-09-18" },
  { rule: "信访工作条例 Art. 22 15 CD; day 15 = 2025-01-01 (元旦) → Thu 01-02", period: "petition_routing", from: "2024-12-17", due: "2025-01-02" },

  // ---- 2025 (国办发明电〔2024〕12号, DOMAIN.md 11.11)
  // 01-24, (Sat 01-25), make-up Sun 01-26, 01-27, (01-28..02-04 春节), 02-05, 02-06
  { rule: "Art. 30 + 88(2); into 2025 春节 with make-up Sun 01-26", period: "acceptance_review", from: "2025-01-23", due: "2025-02-06" },
  { rule: "Art. 30 + 88(2); 2025 春节 without make-up days: 01-24, 27, 02-05, 06, 07", period: "acceptance_review", from: "2025-01-23", due: "2025-02-07", settings: NO_MAKEUP },
  // 02-06, 02-07, make-up Sat 02-08, (Sun), 02-10..14 = 4th–8th, (weekend), 02-17, 02-18
  { rule: "Art. 31(2) 10 WD; out of 2025 春节 with make-up Sat 02-08", period: "supplement", from: "2025-02-05", due: "2025-02-18" },
  // 04-03, (04-04..06 清明), 04-07, 08, 09, 10
  { rule: "Art. 30 + 88(2); 2025 清明 Fri–Sun", period: "acceptance_review", from: "2025-04-02", due: "2025-04-10" },
  // (Sat 04-26), make-up Sun 04-27, 04-28, 04-29, 04-30, (05-01..05), 05-06
  { rule: "Art. 54 5 WD; 2025 劳动节 with make-up Sun 04-27", period: "respondent_reply_simplified", from: "2025-04-25", due: "2025-05-06" },
  { rule: "Art. 62(2) 30 CD from a holiday; day 30 = 2025-05-31 (端午 to 06-02) → Tue 06-03", period: "decision_simplified", from: "2025-05-01", due: "2025-06-03" },
  // 09-26, (Sat 09-27), make-up Sun 09-28, 09-29, 09-30, (10-01..08), 10-09
  { rule: "Art. 30 + 88(2); into the 2025 National Day + Mid-Autumn week with make-up Sun 09-28", period: "acceptance_review", from: "2025-09-25", due: "2025-10-09" },
  { rule: "Art. 30 + 88(2); 2025 Golden Week without make-up days: 09-26, 29, 30, 10-09, 10-10", period: "acceptance_review", from: "2025-09-25", due: "2025-10-10", settings: NO_MAKEUP },
  // 10-10, make-up Sat 10-11, (Sun 10-12), 10-13, 10-14, 10-15
  { rule: "Art. 51 5 WD; out of 2025 Golden Week with make-up Sat 10-11", period: "hearing_notice", from: "2025-10-09", due: "2025-10-15" },
  { rule: "Art. 62 60 CD; day 60 = Sat 2025-10-04 inside 10-01..08 → Thu 10-09 (11.03)", period: "decision", from: "2025-08-05", due: "2025-10-09" },
  { rule: "Art. 62(1) extension 30 CD; day 30 = 2025-10-03 (holiday) → 10-09", period: "decision_extension", from: "2025-09-03", due: "2025-10-09" },
  { rule: "ALL Art. 45 15 CD; day 15 = 2025-01-31 (春节) → Wed 02-05", period: "suit_after_decision", from: "2025-01-16", due: "2025-02-05" },
  { rule: "Art. 20 60 CD; day 60 = Wed 2025-04-30, a working day: no roll", period: "application", from: "2025-03-01", due: "2025-04-30" },
  { rule: "Art. 20 60 CD; day 60 = Sun 2025-05-04 (劳动节) → Tue 05-06", period: "application", from: "2025-03-05", due: "2025-05-06" },
  { rule: "Art. 62 60 CD; day 60 = Tue 2025-12-09, a working day", period: "decision", from: "2025-10-10", due: "2025-12-09" },
  // day 60 = Fri 2026-01-02 (元旦 01-01..03) → Sun 01-04 is a make-up working day
  { rule: "Art. 41(5) 60 CD; rolls out of 2026 元旦 onto make-up Sun 01-04 (11.03, 11.13)", period: "suspension_60", from: "2025-11-03", due: "2026-01-04" },
  { rule: "Art. 41(5) 60 CD; make-up days off: Sun 01-04 is a rest day → Mon 01-05", period: "suspension_60", from: "2025-11-03", due: "2026-01-05", settings: NO_MAKEUP },
  { rule: "Art. 41(5) 60 CD; neither setting: past 元旦 only, Sun 01-04 kept", period: "suspension_60", from: "2025-11-03", due: "2026-01-04", settings: NEITHER },

  // ---- 2026 (2025-11-04 notice, DOMAIN.md 11.12)
  // 12-31, (01-01..03 元旦), make-up Sun 01-04, 01-05, 01-06, 01-07
  { rule: "Art. 30 + 88(2); 2026 元旦 and make-up Sun 01-04", period: "acceptance_review", from: "2025-12-30", due: "2026-01-07" },
  { rule: "Art. 30 + 88(2); 2026 元旦 without make-up days: 12-31, 01-05, 06, 07, 08", period: "acceptance_review", from: "2025-12-30", due: "2026-01-08", settings: NO_MAKEUP },
  // 02-13, make-up Sat 02-14, (02-15..23), 02-24..27 = 3rd–6th, make-up Sat 02-28 = 7th, (Sun 03-01), 03-02, 03, 04
  { rule: "Art. 31(2) 10 WD; 2026 春节 with both make-up Saturdays 02-14 and 02-28", period: "supplement", from: "2026-02-12", due: "2026-03-04" },
  { rule: "Art. 31(2) 10 WD; 2026 春节 without make-up days: 02-13, 24–27, 03-02..06", period: "supplement", from: "2026-02-12", due: "2026-03-06", settings: NO_MAKEUP },
  { rule: "Art. 62(2) 30 CD; day 30 = 2026-02-19 inside 春节 → Tue 02-24", period: "decision_simplified", from: "2026-01-20", due: "2026-02-24" },
  { rule: "Art. 20 60 CD; day 60 = 2026-02-18 inside 春节 → Tue 02-24", period: "application", from: "2025-12-20", due: "2026-02-24" },
  // 04-03, (04-04..06 清明 Sat–Mon), 04-07, 08, 09, 10
  { rule: "Art. 30 + 88(2); 2026 清明 Sat–Mon", period: "acceptance_review", from: "2026-04-02", due: "2026-04-10" },
  // 04-30, (05-01..05), 05-06, 07, 08, make-up Sat 05-09 = 5th, (Sun), 05-11..15 = 6th–10th
  { rule: "Art. 48 10 WD; 2026 劳动节 with make-up Sat 05-09", period: "respondent_reply", from: "2026-04-29", due: "2026-05-15" },
  { rule: "Art. 48 10 WD; 2026 劳动节 without make-up days → Mon 05-18", period: "respondent_reply", from: "2026-04-29", due: "2026-05-18", settings: NO_MAKEUP },
  // (06-19..21 端午 Fri–Sun), 06-22, 06-23, 06-24
  { rule: "Art. 54 3 WD; 2026 端午 Fri–Sun", period: "copy_to_respondent_simplified", from: "2026-06-18", due: "2026-06-24" },
  // 06-18, (06-19..21), 06-22, 23, 24, 25
  { rule: "Art. 32 5 WD forwarding (T9); 2026 端午", period: "forward_32", from: "2026-06-17", due: "2026-06-25" },
  // 09-18, (Sat 09-19), make-up Sun 09-20, 09-21, 22, 23
  { rule: "Art. 30 + 88(2); 2026 make-up Sun 09-20", period: "acceptance_review", from: "2026-09-17", due: "2026-09-23" },
  { rule: "Art. 62 60 CD; day 60 = 2026-09-25 (中秋 to 09-27) → Mon 09-28", period: "decision", from: "2026-07-27", due: "2026-09-28" },
  { rule: "Art. 76 60 CD; day 60 = Thu 2026-10-08, the first working day after Golden Week: no roll", period: "opinion_letter_report", from: "2026-08-09", due: "2026-10-08" },
  { rule: "Art. 62(1) extension 30 CD; day 30 = 2026-10-03 (国庆节) → Thu 10-08", period: "decision_extension", from: "2026-09-03", due: "2026-10-08" },
  { rule: "People's Mediation Law Art. 33 30 CD; day 30 = make-up Sat 2026-10-10, a working day: no roll (11.13)", period: "judicial_confirmation", from: "2026-09-10", due: "2026-10-10" },
  { rule: "People's Mediation Law Art. 33 30 CD; make-up days off: Sat 10-10 and Sun 10-11 roll → Mon 10-12", period: "judicial_confirmation", from: "2026-09-10", due: "2026-10-12", settings: NO_MAKEUP },
  // (09-25..27 中秋), 09-28, 29, 30, (10-01..07), 10-08, 09, make-up Sat 10-10 = 6th, (Sun), 10-12..15 = 7th–10th
  { rule: "12.11 10 WD (setting); 2026 中秋 and Golden Week back to back", period: "mediation_accept_complex", from: "2026-09-24", due: "2026-10-15" },
  { rule: "Art. 41(5) 60 CD (T22); day 60 = 2026-05-01 (劳动节) → Wed 05-06", period: "suspension_60", from: "2026-03-02", due: "2026-05-06" },
  { rule: "12.10 30 CD (setting); day 30 = 2026-05-01 → Wed 05-06", period: "mediation_period", from: "2026-04-01", due: "2026-05-06" },
  // (01-01..03), make-up Sun 01-04, 01-05, 01-06
  { rule: "12.16 3 WD triage (setting); 2026 元旦 and make-up Sun 01-04", period: "mediation_triage", from: "2025-12-31", due: "2026-01-06" },
  { rule: "6.23 10 WD committee (setting); as the supplement period over 2026 春节", period: "committee_opinion", from: "2026-02-12", due: "2026-03-04" },
  { rule: "10.07 60 CD suggestion letter (setting); day 60 = Sat 2026-12-19 → Mon 12-21 (11.14)", period: "suggestion_letter_reply", from: "2026-10-20", due: "2026-12-21" },
  { rule: "信访工作条例 15 CD; day 15 = Sat 2026-03-21 → Mon 03-23 (11.14)", period: "petition_routing", from: "2026-03-06", due: "2026-03-23" },
  { rule: "信访工作条例 15 CD; rollWeekendDeadlines off: Sat 03-21 kept", period: "petition_routing", from: "2026-03-06", due: "2026-03-21", settings: NO_WEEKEND_ROLL },
  { rule: "Art. 51 5 WD from a Friday: the next Friday", period: "hearing_notice", from: "2026-03-06", due: "2026-03-13" },

  // ---- 2027: no published notice → weekends only, provisional (DOMAIN.md defaults table)
  { rule: "provisional: day 15 = Fri 2027-01-01 (元旦 2027 not published, so not a known holiday)", period: "suit_after_decision", from: "2026-12-17", due: "2027-01-01", provisional: true },
  { rule: "provisional: 5 WD 12-29, 30, 31, Fri 2027-01-01 (counted), Mon 01-04", period: "acceptance_review", from: "2026-12-28", due: "2027-01-04", provisional: true },
  { rule: "provisional: 5 WD from Thu 2026-12-31: 2027-01-01, 04, 05, 06, 07", period: "acceptance_review", from: "2026-12-31", due: "2027-01-07", provisional: true },
  { rule: "provisional: 60 CD, day 60 = Fri 2027-04-30", period: "decision", from: "2027-03-01", due: "2027-04-30", provisional: true },
  { rule: "provisional: 60 CD, day 60 = Sun 2027-05-02 → Mon 05-03 (weekends only)", period: "application", from: "2027-03-03", due: "2027-05-03", provisional: true },
  { rule: "provisional: 60 CD ending on Sat 2027-01-30 rolls to Mon 02-01", period: "decision", from: "2026-12-01", due: "2027-02-01", provisional: true },

  // ---- leap days and the one-year period (Civil Code Arts. 201–203; Art. 20(3))
  { rule: "Civil Code Art. 202: 1 year from 2024-02-29 → no 02-29 in 2025 → Fri 2025-02-28", period: "application_uninformed", from: "2024-02-29", due: "2025-02-28" },
  { rule: "Civil Code Art. 202: 1 year from leap day 2028-02-29 → Wed 2029-02-28 (provisional)", period: "application_uninformed", from: "2028-02-29", due: "2029-02-28", provisional: true },
  { rule: "Civil Code Art. 202: 1 year from 2027-02-28 → the corresponding day Mon 2028-02-28, not the 29th", period: "application_uninformed", from: "2027-02-28", due: "2028-02-28", provisional: true },
  { rule: "Civil Code Art. 203: 1 year from 2025-01-01 → 2026-01-01 元旦 → make-up Sun 01-04", period: "application_uninformed", from: "2025-01-01", due: "2026-01-04" },
  { rule: "Civil Code Art. 203: 1 year from 2024-10-01 → 2025-10-01 (holiday to 10-08) → Thu 10-09", period: "application_uninformed", from: "2024-10-01", due: "2025-10-09" },
  { rule: "Civil Code Art. 203 + 11.14: 1 year from Sat 2025-03-15 → Sun 2026-03-15 → Mon 03-16", period: "application_uninformed", from: "2025-03-15", due: "2026-03-16" },
  { rule: "Art. 62 60 CD across the leap day: day 60 from 2027-12-31 = Tue 2028-02-29 (provisional)", period: "decision", from: "2027-12-31", due: "2028-02-29", provisional: true },
  { rule: "Art. 62(2) 30 CD: day 30 from 2028-01-30 = Tue 2028-02-29 (provisional)", period: "decision_simplified", from: "2028-01-30", due: "2028-02-29", provisional: true },
];

describe("due dates computed by hand from the notices (every row names its rule)", () => {
  it("has at least 60 cases, the four worked examples of DOMAIN.md 11 among them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.rule.startsWith("11 worked example")).length).toBeGreaterThanOrEqual(4);
  });
  it.each(cases)("$rule", (c) => {
    const r = computeDue(c.period, c.from, calendar, c.settings ?? DEFAULT);
    expect(r.due).toBe(c.due);
    expect(r.provisional).toBe(c.provisional ?? false);
    expect(r.due > r.from).toBe(true);
  });
});

describe("calendar functions (Civil Code Arts. 201–203, Art. 88(2))", () => {
  it("addMonths / addYears: corresponding day, else the month end (Civil Code Art. 202)", () => {
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2025-03-31", 1)).toBe("2025-04-30");
    expect(addMonths("2025-12-15", 2)).toBe("2026-02-15");
    expect(addMonths("2026-05-31", -3)).toBe("2026-02-28");
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
    expect(addYears("2026-07-01", 1)).toBe("2027-07-01");
  });
  it("addCalendarDays: start day not counted, across months, leap years and years", () => {
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addCalendarDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2026-09-01", 60)).toBe("2026-10-31");
    expect(addCalendarDays("2000-02-28", 1)).toBe("2000-02-29"); // divisible by 400: a leap year
    expect(addCalendarDays("2100-02-28", 1)).toBe("2100-03-01"); // divisible by 100 only: not
  });
  it("addWorkingDays is the same arithmetic as the period table, with its steps", () => {
    const r = addWorkingDays("2026-02-12", 5, calendar, DEFAULT);
    expect(r.date).toBe("2026-02-26");
    expect(r.steps).toContainEqual({ step: "makeup_counted", day: "2026-02-14", name: "春节" });
    expect(r.steps).toContainEqual({ step: "skip", first: "2026-02-15", last: "2026-02-23", count: 9, reason: "holiday", name: "春节" });
    expect(addWorkingDays("2026-02-12", 5, calendar, NO_MAKEUP).steps).toContainEqual({
      step: "skip",
      first: "2026-02-14",
      last: "2026-02-14",
      count: 1,
      reason: "makeup_not_counted",
      name: "春节",
    });
  });
  it("rollForward: holidays always (11.03), weekends with the setting (11.14), make-up days are working days (11.13)", () => {
    expect(rollForward("2024-10-01", calendar, DEFAULT).date).toBe("2024-10-08");
    expect(rollForward("2024-10-01", calendar, NEITHER).date).toBe("2024-10-08");
    expect(rollForward("2026-03-21", calendar, DEFAULT).date).toBe("2026-03-23");
    expect(rollForward("2026-03-21", calendar, NO_WEEKEND_ROLL).date).toBe("2026-03-21");
    expect(rollForward("2026-02-14", calendar, DEFAULT).date).toBe("2026-02-14"); // make-up Saturday: working
    expect(rollForward("2026-02-14", calendar, NO_MAKEUP).date).toBe("2026-02-24"); // Sat, then 春节 02-15..23
    expect(rollForward("2026-03-18", calendar, DEFAULT)).toEqual({ date: "2026-03-18", steps: [], provisional: false });
  });
  it("isWorkingDay and dayInfo", () => {
    expect(isWorkingDay("2026-10-10", calendar, DEFAULT)).toBe(true);
    expect(isWorkingDay("2026-10-10", calendar, NO_MAKEUP)).toBe(false);
    expect(isWorkingDay("2026-10-05", calendar, DEFAULT)).toBe(false);
    expect(isWorkingDay("2026-10-09", calendar, DEFAULT)).toBe(true);
    expect(isWorkingDay("2024-02-09", calendar, DEFAULT)).toBe(true); // 除夕 2024 was not an official rest day
    expect(dayInfo("2025-10-06", calendar)).toEqual({ date: "2025-10-06", weekday: 1, kind: "holiday", name: "国庆节、中秋节", provisional: false });
    expect(dayInfo("2027-10-01", calendar)).toMatchObject({ kind: "workday", provisional: true });
  });
  it("workingDaysBetween counts (from, to]: the hearing-notice guard of T12 (6.12)", () => {
    expect(workingDaysBetween("2026-09-28", "2026-10-10", calendar, DEFAULT)).toBe(5);
    expect(workingDaysBetween("2026-09-28", "2026-10-10", calendar, NO_MAKEUP)).toBe(4);
    expect(workingDaysBetween("2026-03-06", "2026-03-13", calendar, DEFAULT)).toBe(5);
    expect(workingDaysBetween("2026-03-13", "2026-03-06", calendar, DEFAULT)).toBe(0);
  });
  it("strict dates: 2024-02-30, 2025-02-29, 2026-13-01, '2026-3-1' and non-strings are not dates", () => {
    for (const bad of ["2024-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-3-1", "2026/03/01", "", " 2026-03-01", "２０２６-03-01", null, 20260301]) {
      expect(isValidIsoDate(bad), String(bad)).toBe(false);
    }
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(parseIsoDate("1970-01-01")).toBe(0);
  });
  it("weekdays and today in Asia/Shanghai (UTC+8, no Date-object time-zone drift)", () => {
    expect(weekdayOf("2026-02-14")).toBe(6);
    expect(weekdayOf("2024-02-18")).toBe(0);
    expect(todayInShanghai(new Date("2026-03-01T15:59:59Z"))).toBe("2026-03-01");
    expect(todayInShanghai(new Date("2026-03-01T16:00:00Z"))).toBe("2026-03-02");
    expect(todayInShanghai(new Date("2024-12-31T16:30:00Z"))).toBe("2025-01-01");
  });
  it("a regional overlay (11.09) adds a rest day on top of the national calendar, only for its region", () => {
    const extra = { region: "150000", day: "2026-03-05", kind: "holiday" as const, name: "地方节日（测试）", source: "test" };
    const im = buildCalendar([...nationalCalendarEntries, extra], { region: "150000" });
    const national = buildCalendar([...nationalCalendarEntries, extra]);
    // 5 WD from Mon 2026-03-02: 03, 04, (05 regional), 06, 09, 10 — nationally 03..06, 09
    expect(computeDue("acceptance_review", "2026-03-02", im, DEFAULT).due).toBe("2026-03-10");
    expect(computeDue("acceptance_review", "2026-03-02", national, DEFAULT).due).toBe("2026-03-09");
    // a regional working day overrides a national rest day of the same date
    const swap = buildCalendar([...nationalCalendarEntries, { ...extra, day: "2026-10-05", kind: "makeup_workday" }], { region: "150000" });
    expect(isWorkingDay("2026-10-05", swap, DEFAULT)).toBe(true);
    expect(im.publishedYears).toEqual(new Set([2024, 2025, 2026]));
  });
  it("the published years come from the notices: 2024–2026, 2027 is provisional", () => {
    expect(holidayNotices.map((n) => n.year)).toEqual([2024, 2025, 2026]);
    expect([...calendar.publishedYears].sort()).toEqual([2024, 2025, 2026]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property tests: an independent reference straight from the notices, JavaScript UTC dates, and a seeded PRNG.

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const refHoliday = new Set<string>();
const refMakeup = new Set<string>();
for (const n of holidayNotices) {
  for (const h of n.holidays) for (let d = new Date(`${h.first}T00:00:00Z`); d <= new Date(`${h.last}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) refHoliday.add(d.toISOString().slice(0, 10));
  for (const m of n.makeupWorkdays) refMakeup.add(m.day);
}
const refNext = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const refWeekend = (iso: string) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());
const refWorking = (iso: string, rules: CalendarRules) => !refHoliday.has(iso) && (refMakeup.has(iso) ? rules.countMakeupWorkdays : !refWeekend(iso));
function refWorkingBetween(from: string, to: string, rules: CalendarRules): number {
  let n = 0;
  for (let d = refNext(from); d <= to; d = refNext(d)) if (refWorking(d, rules)) n++;
  return n;
}
function randomDate(rand: () => number, firstYear: number, lastYear: number): string {
  const a = Date.parse(`${firstYear}-01-01T00:00:00Z`);
  const b = Date.parse(`${lastYear}-12-31T00:00:00Z`);
  return new Date(a + Math.floor(rand() * ((b - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
}

const ruleSets: CalendarRules[] = [DEFAULT, NO_MAKEUP, NO_WEEKEND_ROLL, NEITHER];
const WD_PERIODS: PeriodKey[] = ["acceptance_review", "supplement", "copy_to_respondent", "copy_to_respondent_simplified", "respondent_reply", "hearing_notice"];

describe("calendar invariants (seeded PRNG, thousands of random starts in 2024–2027)", () => {
  it("working-day periods: due > start, exactly N working days in (start, due], due is a working day; no make-up day counted when the setting is off", () => {
    const rand = mulberry32(20260303);
    for (let i = 0; i < 4000; i++) {
      const from = randomDate(rand, 2024, 2027);
      const n = 1 + Math.floor(rand() * 40);
      const rules = ruleSets[i % ruleSets.length];
      const settings = { ...DEFAULT, ...rules };
      const r = computeDue("committee_opinion", from, calendar, { ...settings, committeeOpinionWorkdays: n });
      const label = `${from} + ${n} WD ${JSON.stringify(rules)}`;
      expect(r.due > from, label).toBe(true);
      expect(refWorkingBetween(from, r.due, rules), label).toBe(n);
      expect(refWorking(r.due, rules), label).toBe(true);
      // in a year without a notice nothing is known but weekends: the reference must not know more than the code
      expect(r.provisional, label).toBe(r.due.slice(0, 4) === "2027" || (from.slice(0, 4) === "2027"));
      if (!rules.countMakeupWorkdays) {
        // the reference count above already excluded make-up days; the explanation must not claim one either
        expect(r.explanation.some((s) => s.step === "makeup_counted"), label).toBe(false);
      }
    }
  });
  it("the statutory WD periods agree with workingDaysBetween", () => {
    const rand = mulberry32(88);
    for (let i = 0; i < 2000; i++) {
      const from = randomDate(rand, 2024, 2027);
      const key = WD_PERIODS[i % WD_PERIODS.length];
      const rules = ruleSets[i % ruleSets.length];
      const r = computeDue(key, from, calendar, { ...DEFAULT, ...rules });
      expect(workingDaysBetween(from, r.due, calendar, rules), `${key} ${from}`).toBe(r.length);
    }
  });
  it("calendar-day periods: due ≥ start + N; every day from day N up to the due date is a rest day; the roll lands on a working day (or, without weekend rolling, on a non-holiday)", () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 4000; i++) {
      const from = randomDate(rand, 2024, 2027);
      const n = 1 + Math.floor(rand() * 120);
      const rules = ruleSets[i % ruleSets.length];
      const r = computeDue("mediation_period", from, calendar, { ...DEFAULT, ...rules, mediationDays: n });
      const lastDay = addCalendarDays(from, n);
      const label = `${from} + ${n} CD ${JSON.stringify(rules)}`;
      expect(r.due >= lastDay, label).toBe(true);
      for (let d = lastDay; d < r.due; d = refNext(d)) expect(refHoliday.has(d) || (rules.rollWeekendDeadlines && !refWorking(d, rules)), `${label}: ${d}`).toBe(true);
      if (rules.rollWeekendDeadlines) expect(refWorking(r.due, rules), label).toBe(true);
      else expect(refHoliday.has(r.due), label).toBe(false);
    }
  });
  it("year periods: due ≥ the corresponding day and is a working day (Civil Code Arts. 202–203)", () => {
    const rand = mulberry32(2028);
    for (let i = 0; i < 1500; i++) {
      const from = randomDate(rand, 2023, 2025);
      const r = computeDue("application_uninformed", from, calendar, DEFAULT);
      const corresponding = addYears(from, 1);
      expect(r.due >= corresponding, from).toBe(true);
      expect(refWorking(r.due, DEFAULT), from).toBe(true);
      const [y, m, d] = from.split("-").map(Number);
      expect(corresponding.slice(0, 4)).toBe(String(y + 1));
      expect(Number(corresponding.slice(5, 7))).toBe(m);
      expect(Number(corresponding.slice(8, 10))).toBe(m === 2 && d === 29 ? 28 : d);
    }
  });
});
