// "我还来得及申请行政复议吗?": the form schema (clear errors for every kind of bad input) and Art. 20 as implemented:
// told → 60 days from learning of the act (Art. 20(1), DOMAIN.md 1.20); not told → 60 days from learning of the right,
// the organ and the period, capped at one year from learning of the act's content (Art. 20(3), 1.22).
import { describe, expect, it } from "vitest";
import { applicationDeadlineSchema, computeApplicationDeadline, parseDateInput } from "~/domain/application-deadline";
import { defaultCalendar } from "~/domain/holidays";
import { defaultSettings } from "~/domain/settings";

const TODAY = "2026-03-10";
const schema = applicationDeadlineSchema(TODAY);
const errorsOf = (input: Record<string, unknown>) => {
  const r = schema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("the form schema", () => {
  it("accepts the usual ways of writing a date", () => {
    for (const raw of ["2026-03-02", "2026/3/2", "2026.03.02", "2026年3月2日", " 2026-3-2 "]) expect(parseDateInput(raw, TODAY), raw).toEqual({ ok: true, date: "2026-03-02" });
  });
  it.each([
    [{}, { learnedOn: "errors.learnedOnRequired", informed: "errors.informedRequired" }],
    [{ learnedOn: "", informed: "yes" }, { learnedOn: "errors.learnedOnRequired" }],
    [{ learnedOn: "2024-02-30", informed: "yes" }, { learnedOn: "errors.dateNotExist" }],
    [{ learnedOn: "2025-02-29", informed: "yes" }, { learnedOn: "errors.dateNotExist" }],
    [{ learnedOn: "3月2日", informed: "yes" }, { learnedOn: "errors.dateFormat" }],
    [{ learnedOn: "x".repeat(500), informed: "yes" }, { learnedOn: "errors.dateFormat" }],
    [{ learnedOn: "2026-03-11", informed: "yes" }, { learnedOn: "errors.dateFuture" }],
    [{ learnedOn: "1999-12-31", informed: "yes" }, { learnedOn: "errors.dateOutOfRange" }],
    [{ learnedOn: "2026-03-02", informed: "maybe" }, { informed: "errors.informedRequired" }],
    [{ learnedOn: "2026-03-02", informed: "no" }, { rightLearnedOn: "errors.rightLearnedOnRequired" }],
    [{ learnedOn: "2026-03-02", informed: "no", rightLearnedOn: "" }, { rightLearnedOn: "errors.rightLearnedOnRequired" }],
    [{ learnedOn: "2026-03-02", informed: "no", rightLearnedOn: "2026-03-01" }, { rightLearnedOn: "errors.rightBeforeAct" }],
    [{ learnedOn: "2026-03-02", informed: "no", rightLearnedOn: "2026-02-31" }, { rightLearnedOn: "errors.dateNotExist" }],
    // every field's error at once, not one after the other
    [{ learnedOn: "2024-02-30", informed: "no", rightLearnedOn: "" }, { learnedOn: "errors.dateNotExist", rightLearnedOn: "errors.rightLearnedOnRequired" }],
  ])("%j → %j", (input, errors) => {
    expect(errorsOf(input)).toEqual(errors);
  });
  it("ignores the second date when the organ did tell (it does not matter then)", () => {
    expect(schema.parse({ learnedOn: "2026-03-02", informed: "yes", rightLearnedOn: "garbage" })).toEqual({ learnedOn: "2026-03-02", informed: true, rightLearnedOn: null });
    expect(schema.parse({ learnedOn: "2026-03-02", informed: "no", rightLearnedOn: "2026-03-10" })).toEqual({ learnedOn: "2026-03-02", informed: false, rightLearnedOn: "2026-03-10" });
  });
});

describe("Art. 20: the last day to apply", () => {
  const calendar = defaultCalendar();
  const settings = defaultSettings();
  it("told of the right: 60 days from learning of the act; day 60 from 2026-03-02 is 05-01 (劳动节) → Wed 05-06", () => {
    const r = computeApplicationDeadline({ learnedOn: "2026-03-02", informed: true, rightLearnedOn: null }, calendar, settings, TODAY);
    expect(r).toMatchObject({ due: "2026-05-06", rule: "informed", passed: false, daysLeft: 57, provisional: false });
  });
  it("not told: 60 days from learning of the right when that is earlier than the one-year cap", () => {
    // 60 CD from 2026-03-02 → 2026-05-06; cap: 1 year from 2026-01-10 → Sun 2027-01-10 → Mon 01-11 (provisional)
    const r = computeApplicationDeadline({ learnedOn: "2026-01-10", informed: false, rightLearnedOn: "2026-03-02" }, calendar, settings, TODAY);
    expect(r).toMatchObject({ due: "2026-05-06", rule: "uninformed", provisional: false });
    expect(r.explanation.at(-1)).toMatchObject({ step: "earlier_of", candidates: ["2026-05-06", "2027-01-11"], due: "2026-05-06" });
  });
  it("not told: the one-year cap wins when the right was learned late", () => {
    // 60 CD from 2026-02-20 → Tue 04-21; cap: 1 year from Sat 2025-03-15 → Sun 2026-03-15 → Mon 03-16
    const r = computeApplicationDeadline({ learnedOn: "2025-03-15", informed: false, rightLearnedOn: "2026-02-20" }, calendar, settings, "2026-11-28");
    expect(r).toMatchObject({ due: "2026-03-16", rule: "uninformed_capped", passed: true, daysLeft: -257 });
    expect(r.explanation.filter((s) => s.step === "section")).toHaveLength(2);
  });
  it("today is the last day: not passed, 0 days left", () => {
    const r = computeApplicationDeadline({ learnedOn: "2026-03-02", informed: true, rightLearnedOn: null }, calendar, settings, "2026-05-06");
    expect(r).toMatchObject({ passed: false, daysLeft: 0 });
    expect(computeApplicationDeadline({ learnedOn: "2026-03-02", informed: true, rightLearnedOn: null }, calendar, settings, "2026-05-07")).toMatchObject({ passed: true, daysLeft: -1 });
  });
});

describe("the due date in words, rendered where the page is made (periods.ts renderDueDate, Art. 20)", () => {
  it("keeps every step's sentence, in sections with their headings, and the earlier-of conclusion once", async () => {
    const { renderDueDate, renderStep, formatLegalDate } = await import("~/domain/periods");
    const calendar = defaultCalendar();
    const settings = defaultSettings();
    const r = computeApplicationDeadline({ learnedOn: "2026-01-10", informed: false, rightLearnedOn: "2026-03-02" }, calendar, settings, TODAY);
    for (const locale of ["zh-CN", "en"] as const) {
      const shown = renderDueDate(r.due, r.explanation, locale);
      expect(shown.dateText).toBe(formatLegalDate(r.due, locale));
      const sentences = r.explanation.filter((s) => s.step !== "section" && s.step !== "earlier_of").map((s) => renderStep(s, locale));
      expect(shown.sections.flatMap((s) => s.steps.map((x) => x.text))).toEqual(sentences);
      expect(shown.sections.map((s) => s.heading)).toEqual(r.explanation.filter((s) => s.step === "section").map((s) => renderStep(s, locale)));
      expect(shown.conclusion).toBe(renderStep(r.explanation.at(-1)!, locale));
      expect(shown.sections.flatMap((s) => s.steps).filter((x) => x.result).length).toBeGreaterThan(0);
    }
  });
});
