// The statutory periods, in one table: key, length, unit, legal basis and the DOMAIN.md facts each number was checked
// against; computeDue turns a period and its start into a due date with a step-by-step explanation, and
// renderExplanation turns that explanation into Chinese or English sentences.
import {
  calendarInternals,
  dayNumber,
  parseIsoDate,
  SUPPORTED_YEARS,
  weekdayOfDn,
  type Calendar,
  type CalendarRules,
  type CalendarStep,
  type IsoDate,
} from "./calendar";
import { defaultSettings, type SettingKey, type SettingValues } from "./settings";

export type PeriodUnit = "working_day" | "calendar_day" | "month" | "year";

/** A fixed length, a setting (DOMAIN.md's defaults table), or set by the document that starts the period. */
export type LengthSpec = number | { setting: SettingKey } | "document";

export interface PeriodDefinition {
  length: LengthSpec;
  unit: PeriodUnit;
  /** The legal text the number comes from, as cited to the public. */
  basis: string;
  /** DOMAIN.md fact ids the number was checked against. */
  facts: readonly string[];
  /** False where the law sets no period and the number is the portal's (a setting or a proposal). */
  statutory: boolean;
  label: { zh: string; en: string };
  /** What the due date means where it is not simply "the last day". */
  note?: { zh: string; en: string };
}

const LAW = "《行政复议法》";

export const periodDefinitions = {
  // ---- application (§1)
  application: {
    length: 60,
    unit: "calendar_day",
    basis: `${LAW}第二十条第一款`,
    facts: ["1.20", "11.03"],
    statutory: true,
    label: { zh: "行政复议申请期限", en: "Time limit for applying for reconsideration" },
  },
  application_uninformed: {
    length: 1,
    unit: "year",
    basis: `${LAW}第二十条第三款；《民法典》第二百零一条、第二百零二条`,
    facts: ["1.22", "11.04", "11.05"],
    statutory: true,
    label: {
      zh: "未告知复议权利时的最长申请期限（自知道行政行为内容之日起一年）",
      en: "Longest application period when not told of the right (one year from learning of the act)",
    },
    note: {
      zh: "行政机关未告知申请行政复议的权利、复议机关和申请期限的，六十日申请期限自知道这些事项之日起计算，但自知道行政行为内容之日起最长不得超过一年；这里计算的是这个一年的上限。",
      en: "When the organ did not say how to apply, the 60 days run from when the person learned of the right, the organ and the period, but never beyond one year from learning of the act; this is that one-year cap.",
    },
  },
  // ---- acceptance (§3)
  acceptance_review: {
    length: 5,
    unit: "working_day",
    basis: `${LAW}第三十条第一款、第八十八条第二款`,
    facts: ["3.01", "3.04", "11.01"],
    statutory: true,
    label: { zh: "受理审查期限", en: "Acceptance review" },
  },
  supplement: {
    length: 10,
    unit: "working_day",
    basis: `${LAW}第三十一条第二款、第八十八条第二款`,
    facts: ["3.06", "11.01"],
    statutory: true,
    label: { zh: "补正期限", en: "Time to supplement the application" },
  },
  forward_32: {
    length: 5,
    unit: "working_day",
    basis: `${LAW}第三十二条第二款、第八十八条第二款`,
    facts: ["1.32", "11.01"],
    statutory: true,
    label: { zh: "作出处罚的机关转送行政复议申请的期限", en: "Forwarding by the penalising organ" },
  },
  // ---- respondent (§5)
  copy_to_respondent: {
    length: 7,
    unit: "working_day",
    basis: `${LAW}第四十八条、第八十八条第二款`,
    facts: ["5.01", "11.01"],
    statutory: true,
    label: { zh: "向被申请人发送申请书副本的期限（普通程序）", en: "Sending the application to the respondent (ordinary procedure)" },
  },
  copy_to_respondent_simplified: {
    length: 3,
    unit: "working_day",
    basis: `${LAW}第五十四条第一款、第八十八条第二款`,
    facts: ["5.02", "11.01"],
    statutory: true,
    label: { zh: "向被申请人发送申请书副本的期限（简易程序）", en: "Sending the application to the respondent (simplified procedure)" },
  },
  respondent_reply: {
    length: 10,
    unit: "working_day",
    basis: `${LAW}第四十八条、第八十八条第二款`,
    facts: ["5.01", "11.01"],
    statutory: true,
    label: { zh: "被申请人书面答复期限（普通程序）", en: "Respondent's written reply (ordinary procedure)" },
  },
  respondent_reply_simplified: {
    length: 5,
    unit: "working_day",
    basis: `${LAW}第五十四条第一款、第八十八条第二款`,
    facts: ["5.02", "11.01"],
    statutory: true,
    label: { zh: "被申请人书面答复期限（简易程序）", en: "Respondent's written reply (simplified procedure)" },
  },
  // ---- review (§6)
  hearing_notice: {
    length: 5,
    unit: "working_day",
    basis: `${LAW}第五十一条第一款、第八十八条第二款`,
    facts: ["6.12", "11.01"],
    statutory: true,
    label: { zh: "听证通知提前期", en: "Notice before a formal hearing" },
    note: {
      zh: "听证通知应当在举行听证的五日前送达；从通知之日起算，这里得出的是最早可以举行听证的日期。",
      en: "The hearing notice must go out five working days before the hearing; counted from the notice, the result is the earliest permissible hearing date.",
    },
  },
  committee_opinion: {
    length: { setting: "committeeOpinionWorkdays" },
    unit: "working_day",
    basis: `${LAW}第五十二条（咨询期限为本平台设置，法律未规定）`,
    facts: ["6.19", "6.23"],
    statutory: false,
    label: { zh: "行政复议委员会咨询意见期限", en: "Committee advisory opinion" },
  },
  norm_notify: {
    length: 3,
    unit: "working_day",
    basis: `${LAW}第五十八条第一款、第八十八条第二款`,
    facts: ["6.26", "11.01"],
    statutory: true,
    label: { zh: "通知规范性文件制定机关答复的期限", en: "Notifying the drafting organ of a normative document" },
  },
  norm_reply: {
    length: 10,
    unit: "working_day",
    basis: `${LAW}第五十八条第一款、第八十八条第二款`,
    facts: ["6.26", "11.01"],
    statutory: true,
    label: { zh: "规范性文件制定机关书面答复期限", en: "Reply of the drafting organ" },
  },
  norm_handle: {
    length: 30,
    unit: "calendar_day",
    basis: `${LAW}第五十六条、第五十七条`,
    facts: ["6.26"],
    statutory: true,
    label: { zh: "有权处理的规范性文件附带审查期限", en: "Incidental review of a normative document" },
  },
  norm_forward: {
    length: 7,
    unit: "working_day",
    basis: `${LAW}第五十六条、第五十七条、第八十八条第二款`,
    facts: ["6.26", "11.01"],
    statutory: true,
    label: { zh: "无权处理的规范性文件转送期限", en: "Forwarding a normative document to the competent organ" },
  },
  norm_forwarded_reply: {
    length: 60,
    unit: "calendar_day",
    basis: `${LAW}第六十条`,
    facts: ["6.26", "2.16"],
    statutory: true,
    label: { zh: "接受转送机关回复处理意见的期限", en: "Reply of the organ a normative document was forwarded to" },
  },
  // ---- time limits (§7)
  decision: {
    length: 60,
    unit: "calendar_day",
    basis: `${LAW}第六十二条第一款`,
    facts: ["7.01", "7.04", "3.14"],
    statutory: true,
    label: { zh: "行政复议决定期限（普通程序）", en: "Decision (ordinary procedure)" },
  },
  decision_simplified: {
    length: 30,
    unit: "calendar_day",
    basis: `${LAW}第六十二条第二款`,
    facts: ["7.03", "7.04"],
    statutory: true,
    label: { zh: "行政复议决定期限（简易程序）", en: "Decision (simplified procedure)" },
  },
  decision_extension: {
    length: 30,
    unit: "calendar_day",
    basis: `${LAW}第六十二条第一款`,
    facts: ["7.02"],
    statutory: true,
    label: { zh: "延长的行政复议决定期限（最多三十日）", en: "Extended decision period (at most 30 days)" },
    note: {
      zh: "从原决定期限届满之日起算，延长最多不得超过三十日。",
      en: "Counted from the original decision deadline; the extension may not exceed 30 days.",
    },
  },
  suspension_60: {
    length: 60,
    unit: "calendar_day",
    basis: `${LAW}第四十一条第五项`,
    facts: ["7.09"],
    statutory: true,
    label: { zh: "中止满六十日终止的期限", en: "Sixty days of suspension before termination" },
  },
  // ---- after the decision (§4, §9, §10)
  suit_after_decision: {
    length: 15,
    unit: "calendar_day",
    basis: "《行政诉讼法》第四十五条；《行政复议法》第三十四条",
    facts: ["4.05", "3.11", "7.11"],
    statutory: true,
    label: { zh: "收到行政复议决定书后提起行政诉讼的期限", en: "Suing after the reconsideration decision" },
  },
  redo_act: {
    length: 60,
    unit: "calendar_day",
    basis: "《行政复议法实施条例》第四十九条",
    facts: ["9.03"],
    statutory: true,
    label: { zh: "重新作出行政行为的期限（法律、法规、规章未规定期限时）", en: "Redoing the act (where no other period is set)" },
  },
  performance_period: {
    length: "document",
    unit: "calendar_day",
    basis: `${LAW}第六十六条、第七十三条、第七十七条第一款`,
    facts: ["9.05", "10.01"],
    statutory: true,
    label: { zh: "决定书、调解书确定的履行期限", en: "Performance period set by the decision or mediation document" },
  },
  order_to_perform: {
    length: "document",
    unit: "calendar_day",
    basis: `${LAW}第七十七条第二款`,
    facts: ["10.02"],
    statutory: true,
    label: { zh: "责令限期履行的期限", en: "Deadline of an order to perform" },
  },
  opinion_letter_report: {
    length: 60,
    unit: "calendar_day",
    basis: `${LAW}第七十六条`,
    facts: ["10.05"],
    statutory: true,
    label: { zh: "行政复议意见书整改情况报送期限", en: "Report on an opinion letter" },
  },
  suggestion_letter_reply: {
    length: { setting: "suggestionReplyDays" },
    unit: "calendar_day",
    basis: "《行政复议法实施条例》第五十七条第二款（回复期限为本平台设置，非法定期限）",
    facts: ["10.07"],
    statutory: false,
    label: { zh: "行政复议建议书反馈期限（非法定）", en: "Feedback on a suggestion letter (not statutory)" },
  },
  // ---- mediation (§12; no national statute: settings defaulting to the Shenzhen rules)
  judicial_confirmation: {
    length: 30,
    unit: "calendar_day",
    basis: "《人民调解法》第三十三条；《民事诉讼法》第二百零五条",
    facts: ["12.27", "12.28"],
    statutory: true,
    label: { zh: "申请司法确认的期限", en: "Applying for judicial confirmation" },
  },
  mediation_triage: {
    length: { setting: "mediationTriageWorkdays" },
    unit: "working_day",
    basis: "矛盾纠纷多元化解中心分流期限（本平台设置，参照《深圳经济特区矛盾纠纷多元化解条例》，非法定期限）",
    facts: ["12.16", "12.35"],
    statutory: false,
    label: { zh: "调解申请分流期限", en: "Triage of a mediation request" },
  },
  mediation_transfer: {
    length: 3,
    unit: "working_day",
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第四十三条（参照）",
    facts: ["12.11"],
    statutory: false,
    label: { zh: "无权调解时移送的期限", en: "Transfer to the competent organ" },
  },
  mediation_accept: {
    length: { setting: "mediationAcceptWorkdays" },
    unit: "working_day",
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第四十四条（参照；本平台设置）",
    facts: ["12.11", "12.16"],
    statutory: false,
    label: { zh: "行政调解受理答复期限", en: "Accepting or declining a mediation request" },
  },
  mediation_accept_complex: {
    length: { setting: "mediationAcceptComplexWorkdays" },
    unit: "working_day",
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第四十四条（参照；本平台设置）",
    facts: ["12.11", "12.16"],
    statutory: false,
    label: { zh: "复杂行政调解案件受理答复期限", en: "Accepting or declining a complex mediation request" },
  },
  mediation_period: {
    length: { setting: "mediationDays" },
    unit: "calendar_day",
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第二十五条（参照；本平台设置，经各方同意可以延长）",
    facts: ["12.10", "12.16"],
    statutory: false,
    label: { zh: "行政调解期限", en: "Mediation period" },
  },
  mediation_followup: {
    length: 30,
    unit: "calendar_day",
    basis: "调解协议履行情况回访（本平台设置，非法定期限）",
    facts: ["12.14", "12.35"],
    statutory: false,
    label: { zh: "调解回访期限（非法定）", en: "Follow-up visit after mediation (not statutory)" },
  },
  petition_routing: {
    length: 15,
    unit: "calendar_day",
    basis: "《信访工作条例》第二十二条、第二十三条",
    facts: ["13.02", "13.03"],
    statutory: true,
    label: { zh: "信访事项转送、交办或告知期限", en: "Routing a petition" },
  },
} as const satisfies Record<string, PeriodDefinition>;

export type PeriodKey = keyof typeof periodDefinitions;
export const periodKeys = Object.keys(periodDefinitions) as PeriodKey[];

export function isPeriodKey(value: unknown): value is PeriodKey {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(periodDefinitions, value);
}

/** The settings computeDue reads; anything missing takes its default. */
export type DueSettings = CalendarRules & Partial<SettingValues>;

/** The length of a period under these settings; null for a period whose length the starting document sets. */
export function periodLength(key: PeriodKey, settings: Partial<SettingValues> = {}): number | null {
  const spec: LengthSpec = periodDefinitions[key].length;
  if (spec === "document") return null;
  if (typeof spec === "number") return spec;
  const value = settings[spec.setting] ?? defaultSettings()[spec.setting];
  return typeof value === "number" ? value : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Due dates

export type ExplanationStep =
  /** Which period, how long, on what basis. */
  | { step: "period"; period: PeriodKey; length: number; unit: PeriodUnit; basis: string; facts: readonly string[]; statutory: boolean; setting?: SettingKey }
  | CalendarStep
  /** The result of one computation. */
  | { step: "due"; due: IsoDate }
  /** A heading: the following steps compute this period (combined explanations, e.g. the application deadline). */
  | { step: "section"; period: PeriodKey }
  /** The earlier of two last days applies (Art. 20(3): 60 days, but at most one year). */
  | { step: "earlier_of"; candidates: IsoDate[]; due: IsoDate; basis: string };

export interface DueResult {
  period: PeriodKey;
  from: IsoDate;
  due: IsoDate;
  unit: PeriodUnit;
  length: number;
  basis: string;
  provisional: boolean;
  explanation: ExplanationStep[];
}

export class DueInputError extends RangeError {
  constructor(readonly reason: "period_unknown" | "date_invalid" | "date_out_of_range" | "length_missing", detail: string) {
    super(`${reason}: ${detail}`);
  }
}

/** The day number of an input date if it is valid and within SUPPORTED_YEARS, or the reason it is not. */
const FIRST_SUPPORTED_DN = dayNumber(SUPPORTED_YEARS.first, 1, 1);
const LAST_SUPPORTED_DN = dayNumber(SUPPORTED_YEARS.last, 12, 31);

export function checkStartDate(from: unknown): { ok: true; dn: number } | { ok: false; reason: "date_invalid" | "date_out_of_range" } {
  const dn = parseIsoDate(from);
  if (dn === null) return { ok: false, reason: "date_invalid" };
  if (dn < FIRST_SUPPORTED_DN || dn > LAST_SUPPORTED_DN) return { ok: false, reason: "date_out_of_range" };
  return { ok: true, dn };
}

// The "period" step is the same for every computation of a period and length: built once, frozen, shared.
const periodStepCache = new Map<PeriodKey, Extract<ExplanationStep, { step: "period" }>>();
function periodStep(key: PeriodKey, length: number): ExplanationStep {
  let step = periodStepCache.get(key);
  if (!step || step.length !== length) {
    const def: PeriodDefinition = periodDefinitions[key];
    step = Object.freeze({
      step: "period" as const,
      period: key,
      length,
      unit: def.unit,
      basis: def.basis,
      facts: def.facts,
      statutory: def.statutory,
      ...(typeof def.length === "object" ? { setting: def.length.setting } : {}),
    });
    periodStepCache.set(key, step);
  }
  return step;
}

/**
 * The due date of a period started by an event on `from` (the event's day is not counted, 11.03), with its explanation.
 * Working-day periods count working days (Art. 88(2)); calendar-day, month and year periods end on the nth day or the
 * corresponding day and roll forward past rest days (CPL Art. 85, Civil Code Arts. 201–203). Throws DueInputError
 * for an unknown period, a bad or out-of-range date, or a document-set period without options.length.
 */
export function computeDue(periodKey: string, from: IsoDate, calendar: Calendar, settings: DueSettings, options: { length?: number } = {}): DueResult {
  if (!isPeriodKey(periodKey)) throw new DueInputError("period_unknown", String(periodKey));
  const start = checkStartDate(from);
  if (!start.ok) throw new DueInputError(start.reason, String(from));
  const def: PeriodDefinition = periodDefinitions[periodKey];
  const length = options.length ?? periodLength(periodKey, settings);
  if (length === null || !Number.isInteger(length) || length < 1) throw new DueInputError("length_missing", periodKey);

  const steps: ExplanationStep[] = [periodStep(periodKey, length)];
  const calendarSteps = steps as CalendarStep[];
  const result =
    def.unit === "working_day"
      ? calendarInternals.addWorkingDaysDn(start.dn, length, calendar, settings.countMakeupWorkdays, calendarSteps)
      : def.unit === "calendar_day"
        ? calendarInternals.calendarDayPeriodDn(start.dn, length, calendar, settings, calendarSteps)
        : calendarInternals.monthPeriodDn(start.dn, def.unit === "year" ? length * 12 : length, def.unit, calendar, settings, calendarSteps);
  steps.push({ step: "due", due: result.date });
  return {
    period: periodKey,
    from: from,
    due: result.date,
    unit: def.unit,
    length,
    basis: def.basis,
    provisional: result.provisional,
    explanation: steps,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

export type ExplanationLocale = "zh-CN" | "en";

const ZH_WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
const EN_WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026年2月26日（星期四）" / "Thu 26 Feb 2026". */
export function formatLegalDate(date: IsoDate, locale: ExplanationLocale, withWeekday = true): string {
  const dn = parseIsoDate(date);
  if (dn === null) return date;
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const wd = weekdayOfDn(dn);
  if (locale === "en") return `${withWeekday ? `${EN_WEEKDAYS[wd]} ` : ""}${d} ${EN_MONTHS[m - 1]} ${y}`;
  return `${y}年${m}月${d}日${withWeekday ? `（${ZH_WEEKDAYS[wd]}）` : ""}`;
}

const UNIT_TEXT: Record<PeriodUnit, { zh: string; en: (n: number) => string }> = {
  working_day: { zh: "个工作日", en: (n) => (n === 1 ? "working day" : "working days") },
  calendar_day: { zh: "日（自然日）", en: (n) => (n === 1 ? "calendar day" : "calendar days") },
  month: { zh: "个月", en: (n) => (n === 1 ? "month" : "months") },
  year: { zh: "年", en: (n) => (n === 1 ? "year" : "years") },
};

function range(first: IsoDate, last: IsoDate, locale: ExplanationLocale): string {
  if (first === last) return formatLegalDate(first, locale);
  return locale === "en" ? `${formatLegalDate(first, locale)} to ${formatLegalDate(last, locale)}` : `${formatLegalDate(first, locale)}至${formatLegalDate(last, locale)}`;
}

const HOLIDAY_NAMES_EN: Record<string, string> = {
  元旦: "New Year's Day",
  春节: "Spring Festival",
  清明节: "Qingming Festival",
  劳动节: "Labour Day",
  端午节: "Dragon Boat Festival",
  中秋节: "Mid-Autumn Festival",
  国庆节: "National Day",
  "国庆节、中秋节": "National Day and Mid-Autumn Festival",
};

/** A holiday's name in the locale (a regional name without a translation stays as it is). */
export function holidayName(name: string | undefined, locale: ExplanationLocale): string {
  if (!name) return "";
  return locale === "en" ? (HOLIDAY_NAMES_EN[name] ?? name) : name;
}

function labelOf(key: PeriodKey, locale: ExplanationLocale): string {
  const label = periodDefinitions[key].label;
  return locale === "en" ? label.en : label.zh;
}

/** One sentence per step. */
export function renderStep(step: ExplanationStep, locale: ExplanationLocale): string {
  const zh = locale === "zh-CN";
  const f = (d: IsoDate) => formatLegalDate(d, locale);
  const named = (name: string | undefined) => (name ? `${holidayName(name, locale)} ` : "");
  switch (step.step) {
    case "period": {
      const unit = UNIT_TEXT[step.unit];
      const nonStatutory = step.statutory ? "" : zh ? "（非法定期限）" : " (not a statutory period)";
      return zh
        ? `期间：${labelOf(step.period, locale)}，${step.length}${unit.zh}${nonStatutory}。依据：${step.basis}。`
        : `Period: ${labelOf(step.period, locale)}, ${step.length} ${unit.en(step.length)}${nonStatutory}. Basis: ${step.basis}.`;
    }
    case "start":
      return zh
        ? `起算：${f(step.from)}当日不计入，从${f(step.firstDay)}开始计算（《民事诉讼法》第八十五条，《民法典》第二百零一条）。`
        : `Start: ${f(step.from)} itself is not counted; counting begins on ${f(step.firstDay)} (Civil Procedure Law Art. 85, Civil Code Art. 201).`;
    case "skip": {
      const days = range(step.first, step.last, locale);
      if (step.reason === "holiday")
        return zh
          ? `${days}是${step.name ?? ""}假期（法定休假日），不计入工作日（共${step.count}日）。`
          : `${days}: ${named(step.name)}public holiday, not counted as working ${step.count === 1 ? "day" : "days"} (${step.count} ${step.count === 1 ? "day" : "days"}).`;
      if (step.reason === "makeup_not_counted")
        return zh
          ? `${days}是${step.name ?? ""}调休上班日；按设置 countMakeupWorkdays（关闭），不计为工作日。`
          : `${days}: ${named(step.name)}make-up working day, not counted because the setting countMakeupWorkdays is off.`;
      return zh ? `${days}是周末，不计入工作日。` : `${days}: weekend, not counted.`;
    }
    case "makeup_counted":
      return zh
        ? `${f(step.day)}是${step.name}调休上班日，计为工作日（本平台采用的通行做法，管理员可调整）。`
        : `${f(step.day)} is a ${named(step.name)}make-up working day and counts as a working day (the prevailing practice this portal follows; an administrator can change it).`;
    case "counted": {
      if (step.unit === "working_day")
        return zh ? `第${step.length}个工作日是${f(step.lastDay)}。` : `Working day ${step.length} is ${f(step.lastDay)}.`;
      if (step.unit === "calendar_day") return zh ? `第${step.length}日是${f(step.lastDay)}。` : `Day ${step.length} is ${f(step.lastDay)}.`;
      const unit = UNIT_TEXT[step.unit];
      return zh
        ? `${step.length}${unit.zh}期满的对应日是${f(step.lastDay)}（《民法典》第二百零二条）。`
        : `The corresponding day ${step.length} ${unit.en(step.length)} later is ${f(step.lastDay)} (Civil Code Art. 202).`;
    }
    case "month_end":
      return zh
        ? `到期月没有${step.wantedDay}日，以该月最后一日${f(step.lastDay)}为期间的最后一日（《民法典》第二百零二条）。`
        : `The end month has no day ${step.wantedDay}, so its last day, ${f(step.lastDay)}, ends the period (Civil Code Art. 202).`;
    case "roll": {
      const days = range(step.first, step.last, locale);
      if (step.reason === "holiday")
        return zh
          ? `${days}是${step.name ?? ""}假期（法定休假日）；期间的最后一日是法定休假日的，顺延至休假日后的第一日（《民事诉讼法》第八十五条，《民法典》第二百零三条）。`
          : `${days}: ${named(step.name)}public holiday; a period whose last day is a holiday ends on the first day after it (Civil Procedure Law Art. 85, Civil Code Art. 203).`;
      if (step.reason === "makeup_not_counted")
        return zh
          ? `${days}是调休上班日，但按设置不计为工作日，视同休息日顺延。`
          : `${days}: a make-up working day that the settings do not count, so the deadline moves past it.`;
      return zh
        ? `${days}是周末；期间的最后一日是休息日的，顺延至下一个工作日（《民事诉讼法》第八十五条的通行理解，管理员可调整）。`
        : `${days}: weekend; a last day on a rest day moves to the next working day (the usual reading of Civil Procedure Law Art. 85; an administrator can change it).`;
    }
    case "weekend_kept":
      return zh
        ? `${f(step.day)}是周末；按设置 rollWeekendDeadlines（关闭），周末不顺延。`
        : `${f(step.day)} is a weekend day; it is kept because the setting rollWeekendDeadlines is off.`;
    case "provisional": {
      const years = step.years.join(zh ? "、" : ", ");
      return zh
        ? `${years}年的节假日安排尚未公布：该年只按周末计算，结果是暂定日期，国务院公布放假安排后可能改变。`
        : `The holiday notice for ${years} is not published yet: that year is computed on weekends only, so the date is provisional and may change.`;
    }
    case "due":
      return zh ? `期间届满日：${f(step.due)}。` : `Last day: ${f(step.due)}.`;
    case "section":
      return zh ? `【${labelOf(step.period, locale)}】` : `[${labelOf(step.period, locale)}]`;
    case "earlier_of":
      return zh
        ? `两者取较早的日期：${step.candidates.map(f).join("与")}中较早的是${f(step.due)}（${step.basis}）。`
        : `The earlier date applies: of ${step.candidates.map(f).join(" and ")}, the earlier is ${f(step.due)} (${step.basis}).`;
  }
}

export function renderExplanation(steps: readonly ExplanationStep[], locale: ExplanationLocale): string[] {
  return steps.map((s) => renderStep(s, locale));
}

// ---------------------------------------------------------------------------------------------------------------
// The public API's query (GET /api/v1/deadlines?period=…&from=…). Errors are i18n keys (app/locales).

export type DeadlineQuery = { ok: true; period: PeriodKey; from: IsoDate } | { ok: false; error: string };

export function parseDeadlineQuery(params: URLSearchParams): DeadlineQuery {
  const period = params.get("period");
  const from = params.get("from");
  if (period === null || period.trim() === "") return { ok: false, error: "errors.periodMissing" };
  if (!isPeriodKey(period)) return { ok: false, error: "errors.periodUnknown" };
  if (periodDefinitions[period].length === "document") return { ok: false, error: "errors.periodDocumentLength" };
  if (from === null || from.trim() === "") return { ok: false, error: "errors.fromMissing" };
  const start = checkStartDate(from);
  if (!start.ok) return { ok: false, error: start.reason === "date_out_of_range" ? "errors.fromOutOfRange" : "errors.fromInvalid" };
  return { ok: true, period, from };
}

// ---------------------------------------------------------------------------------------------------------------
// A due date as the pages show it: the date in words and the explanation as sentences, in sections (a combined
// explanation, e.g. the 60 days and the one-year cap of Art. 20(3), has "section" headings and a conclusion).
// Rendered where the page is made, so a page can show it without loading this module in the browser.

export interface RenderedDueDate {
  date: IsoDate;
  dateText: string;
  sections: { heading: string | null; steps: { text: string; result: boolean }[] }[];
  conclusion: string | null;
}

export function renderDueDate(date: IsoDate, explanation: readonly ExplanationStep[], locale: ExplanationLocale): RenderedDueDate {
  const sections: RenderedDueDate["sections"] = [];
  let conclusion: string | null = null;
  for (const step of explanation) {
    if (step.step === "earlier_of") {
      conclusion ??= renderStep(step, locale);
      continue;
    }
    if (step.step === "section") {
      sections.push({ heading: renderStep(step, locale), steps: [] });
      continue;
    }
    if (sections.length === 0) sections.push({ heading: null, steps: [] });
    sections[sections.length - 1].steps.push({ text: renderStep(step, locale), result: step.step === "due" });
  }
  return { date, dateText: formatLegalDate(date, locale), sections, conclusion };
}
