// The periods table against the law: each number, unit and basis as DOMAIN.md's facts state it (the expected values are
// typed in from DOMAIN.md and the statute, not from the table), the settings that drive the non-statutory lengths,
// the keys the state machines use, the API query, and the explanations in both languages.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { statutoryPeriodKeys, machinePeriodDefinitions } from "~/domain/machines/common";
import { defaultCalendar } from "~/domain/holidays";
import {
  computeDue,
  DueInputError,
  formatLegalDate,
  parseDeadlineQuery,
  periodDefinitions,
  periodKeys,
  periodLength,
  renderExplanation,
  type PeriodKey,
} from "~/domain/periods";
import { defaultSettings } from "~/domain/settings";

const calendar = defaultCalendar();
const settings = defaultSettings();

// key → [length, unit, a fact id that states it, an article the basis must cite]
const LAW: Record<string, [number | string, string, string, string]> = {
  application: [60, "calendar_day", "1.20", "第二十条"],
  application_uninformed: [1, "year", "1.22", "第二十条第三款"],
  acceptance_review: [5, "working_day", "3.01", "第三十条"],
  supplement: [10, "working_day", "3.06", "第三十一条"],
  copy_to_respondent: [7, "working_day", "5.01", "第四十八条"],
  copy_to_respondent_simplified: [3, "working_day", "5.02", "第五十四条"],
  respondent_reply: [10, "working_day", "5.01", "第四十八条"],
  respondent_reply_simplified: [5, "working_day", "5.02", "第五十四条"],
  hearing_notice: [5, "working_day", "6.12", "第五十一条"],
  decision: [60, "calendar_day", "7.01", "第六十二条第一款"],
  decision_simplified: [30, "calendar_day", "7.03", "第六十二条第二款"],
  decision_extension: [30, "calendar_day", "7.02", "第六十二条第一款"],
  opinion_letter_report: [60, "calendar_day", "10.05", "第七十六条"],
  redo_act: [60, "calendar_day", "9.03", "实施条例》第四十九条"],
  suit_after_decision: [15, "calendar_day", "4.05", "《行政诉讼法》第四十五条"],
  judicial_confirmation: [30, "calendar_day", "12.27", "《人民调解法》第三十三条"],
  petition_routing: [15, "calendar_day", "13.02", "《信访工作条例》第二十二条"],
  committee_opinion: ["setting:committeeOpinionWorkdays", "working_day", "6.23", "第五十二条"],
  suggestion_letter_reply: ["setting:suggestionReplyDays", "calendar_day", "10.07", "第五十七条第二款"],
  // a platform setting, not a statutory period: the basis names the rule it follows and says so (no internal fact ids)
  mediation_triage: ["setting:mediationTriageWorkdays", "working_day", "12.16", "非法定期限"],
  mediation_accept: ["setting:mediationAcceptWorkdays", "working_day", "12.11", "第四十四条"],
  mediation_accept_complex: ["setting:mediationAcceptComplexWorkdays", "working_day", "12.11", "第四十四条"],
  mediation_period: ["setting:mediationDays", "calendar_day", "12.10", "第二十五条"],
  suspension_60: [60, "calendar_day", "7.09", "第四十一条第五项"],
  forward_32: [5, "working_day", "1.32", "第三十二条"],
  norm_notify: [3, "working_day", "6.26", "第五十八条"],
  norm_reply: [10, "working_day", "6.26", "第五十八条"],
  norm_handle: [30, "calendar_day", "6.26", "第五十六条"],
  norm_forward: [7, "working_day", "6.26", "第五十七条"],
  norm_forwarded_reply: [60, "calendar_day", "6.26", "第六十条"],
  mediation_transfer: [3, "working_day", "12.11", "第四十三条"],
  mediation_followup: [30, "calendar_day", "12.14", "非法定"],
  performance_period: ["document", "calendar_day", "9.05", "第六十六条"],
  order_to_perform: ["document", "calendar_day", "10.02", "第七十七条第二款"],
};

describe("the periods table (DOMAIN.md facts; statute wins)", () => {
  it("has every key the law table lists, and nothing unchecked", () => {
    expect([...periodKeys].sort()).toEqual(Object.keys(LAW).sort());
  });
  it.each(Object.entries(LAW))("%s: length, unit, fact and basis", (key, [length, unit, fact, article]) => {
    const def = periodDefinitions[key as PeriodKey];
    const spec = def.length;
    expect(typeof spec === "object" ? `setting:${spec.setting}` : spec).toBe(length);
    expect(def.unit).toBe(unit);
    expect(def.facts).toContain(fact);
    expect(def.basis).toContain(article);
    // Art. 88(2): the Law's "3/5/7/10 days" are working days, everything else calendar days (7.04)
    if (def.statutory && def.basis.startsWith("《行政复议法》") && typeof spec === "number" && def.unit !== "year") {
      expect(def.unit, key).toBe([3, 5, 7, 10].includes(spec) ? "working_day" : "calendar_day");
    }
  });
  it("every fact id cited exists in DOMAIN.md (when ../shared is beside the repo)", () => {
    const domain = path.resolve(__dirname, "../../../shared/DOMAIN.md");
    if (!fs.existsSync(domain)) return;
    const text = fs.readFileSync(domain, "utf8");
    for (const key of periodKeys) for (const fact of periodDefinitions[key].facts) expect(text, `${key}: ${fact}`).toContain(`| ${fact} |`);
  });
  it("the state machines' timer keys all exist here with the same length and unit", () => {
    for (const key of statutoryPeriodKeys) expect(periodKeys, key).toContain(key);
    for (const [key, def] of Object.entries(machinePeriodDefinitions)) {
      const ours = periodDefinitions[key as PeriodKey];
      expect(ours, key).toBeDefined();
      expect(ours.unit, key).toBe(def.unit);
      const spec = ours.length;
      expect(typeof spec === "object" ? `setting:${spec.setting}` : spec, key).toBe(def.length);
    }
  });
  it("setting-driven lengths follow the settings (DOMAIN.md defaults table)", () => {
    expect(periodLength("committee_opinion", settings)).toBe(10);
    expect(periodLength("committee_opinion", { ...settings, committeeOpinionWorkdays: 15 })).toBe(15);
    expect(periodLength("suggestion_letter_reply")).toBe(60);
    expect(periodLength("mediation_triage")).toBe(3);
    expect(periodLength("mediation_accept")).toBe(5);
    expect(periodLength("mediation_accept_complex")).toBe(10);
    expect(periodLength("mediation_period")).toBe(30);
    expect(periodLength("performance_period")).toBeNull();
    // 15 WD from 2026-02-12 over 春节: ... 03-04 (10th), 05, 06, 09, 10, 11 (15th)
    expect(computeDue("committee_opinion", "2026-02-12", calendar, { ...settings, committeeOpinionWorkdays: 15 }).due).toBe("2026-03-11");
  });
});

describe("computeDue", () => {
  it("answers the API shape", () => {
    const r = computeDue("decision", "2026-09-01", calendar, settings);
    expect(r).toMatchObject({ period: "decision", from: "2026-09-01", due: "2026-11-02", unit: "calendar_day", length: 60, basis: "《行政复议法》第六十二条第一款", provisional: false });
    expect(r.explanation.map((s) => s.step)).toEqual(["period", "start", "counted", "roll", "due"]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
  it("refuses an unknown period, a bad date, a year out of range, and a document-set period without its length", () => {
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof DueInputError ? e.reason : "other";
      }
      return "none";
    };
    expect(reason(() => computeDue("nope", "2026-03-02", calendar, settings))).toBe("period_unknown");
    expect(reason(() => computeDue("__proto__", "2026-03-02", calendar, settings))).toBe("period_unknown");
    expect(reason(() => computeDue("decision", "2024-02-30", calendar, settings))).toBe("date_invalid");
    expect(reason(() => computeDue("decision", "", calendar, settings))).toBe("date_invalid");
    expect(reason(() => computeDue("decision", "1999-12-31", calendar, settings))).toBe("date_out_of_range");
    expect(reason(() => computeDue("decision", "2100-01-01", calendar, settings))).toBe("date_out_of_range");
    expect(reason(() => computeDue("performance_period", "2026-03-02", calendar, settings))).toBe("length_missing");
    // 20 CD from Mon 2026-03-02 → Sun 03-22 → Mon 03-23
    expect(computeDue("performance_period", "2026-03-02", calendar, settings, { length: 20 }).due).toBe("2026-03-23");
  });
  it("the last supported start date still computes (a year plus a roll fits the calendar)", () => {
    expect(computeDue("application_uninformed", "2099-12-31", calendar, settings).due).toBe("2100-12-31"); // a Friday
  });
});

describe("explanations in Chinese and English", () => {
  const r = computeDue("acceptance_review", "2026-02-12", calendar, settings);
  it("one sentence per step, each non-empty, in each language", () => {
    const zh = renderExplanation(r.explanation, "zh-CN");
    const en = renderExplanation(r.explanation, "en");
    expect(zh).toHaveLength(r.explanation.length);
    expect(en).toHaveLength(r.explanation.length);
    expect(zh.join("\n")).toContain("2026年2月14日（星期六）是春节调休上班日，计为工作日");
    expect(zh.join("\n")).toContain("2026年2月15日（星期日）至2026年2月23日（星期一）是春节假期（法定休假日），不计入工作日（共9日）");
    expect(zh.at(-1)).toBe("期间届满日：2026年2月26日（星期四）。");
    expect(en.join("\n")).toContain("Sat 14 Feb 2026 is a Spring Festival make-up working day and counts as a working day");
    expect(en.at(-1)).toBe("Last day: Thu 26 Feb 2026.");
    // apart from the cited statute titles, the English text is English
    for (const sentence of en.slice(1)) expect(sentence, sentence).not.toMatch(/[\u4e00-\u9fff]/);
  });
  it("says when a date is provisional, when a weekend was kept, and when a month had no corresponding day", () => {
    const provisional = computeDue("suit_after_decision", "2026-12-17", calendar, settings);
    expect(renderExplanation(provisional.explanation, "zh-CN").join("")).toContain("2027年的节假日安排尚未公布");
    const kept = computeDue("petition_routing", "2026-03-06", calendar, { ...settings, rollWeekendDeadlines: false });
    expect(renderExplanation(kept.explanation, "en").join(" ")).toContain("kept because the setting rollWeekendDeadlines is off");
    const leap = computeDue("application_uninformed", "2024-02-29", calendar, settings);
    expect(renderExplanation(leap.explanation, "zh-CN").join("")).toContain("到期月没有29日，以该月最后一日2025年2月28日（星期五）为期间的最后一日");
  });
  it("formats legal dates", () => {
    expect(formatLegalDate("2026-10-08", "zh-CN")).toBe("2026年10月8日（星期四）");
    expect(formatLegalDate("2026-10-08", "en")).toBe("Thu 8 Oct 2026");
    expect(formatLegalDate("2026-10-08", "en", false)).toBe("8 Oct 2026");
  });
});

describe("the API query (GET /api/v1/deadlines)", () => {
  const q = (s: string) => parseDeadlineQuery(new URLSearchParams(s));
  it("accepts a known period and a real date", () => {
    expect(q("period=decision&from=2026-09-01")).toEqual({ ok: true, period: "decision", from: "2026-09-01" });
  });
  it.each([
    ["", "errors.periodMissing"],
    ["from=2026-09-01", "errors.periodMissing"],
    ["period=&from=2026-09-01", "errors.periodMissing"],
    ["period=nope&from=2026-09-01", "errors.periodUnknown"],
    ["period=toString&from=2026-09-01", "errors.periodUnknown"],
    ["period=order_to_perform&from=2026-09-01", "errors.periodDocumentLength"],
    ["period=decision", "errors.fromMissing"],
    ["period=decision&from=", "errors.fromMissing"],
    ["period=decision&from=2024-02-30", "errors.fromInvalid"],
    ["period=decision&from=2026-9-1", "errors.fromInvalid"],
    ["period=decision&from=yesterday", "errors.fromInvalid"],
    ["period=decision&from=1999-12-31", "errors.fromOutOfRange"],
    ["period=decision&from=2100-01-01", "errors.fromOutOfRange"],
  ])("%s → %s", (query, error) => {
    expect(q(query)).toEqual({ ok: false, error });
  });
});
