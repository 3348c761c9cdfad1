// The dashboard metrics of /stats (DOMAIN.md §14) as pure functions over plain arrays of facts: each rate comes back with
// its numerator, denominator, value (null when nothing was counted, never 0 or NaN) and the definition the page shows.
// Grouping helpers put facts into months and years (Asia/Shanghai legal dates) and into the organ hierarchy
// (autonomous region → 盟市 → 旗县). The service loads the facts, scoped by the actor's rights; nothing here reads a database.
import { parseIsoDate, todayInShanghai } from "./calendar";
import type { AdoptionOutcome } from "./committee";
import type { IsoDate } from "./machines/common";
import type { LetterType } from "./machines/letter";
import { decisionTypes, type CaseState, type CommitteeStatus, type DecisionType } from "./machines/reconsideration";
import { defaultSettings, type SettingValues } from "./settings";

// ---------------------------------------------------------------------------------------------------------------
// Results

/** What a figure means, as the page shows it next to the number, and where the definition comes from. */
export interface Definition {
  zh: string;
  en: string;
  /** The source of the definition: DOMAIN.md fact ids (with their source keys) and the articles behind them. */
  basis: string;
}

/** A ratio (or an average: the sum over the count). `value` is null when the denominator is 0. */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
  definition: Definition;
}

export interface Percentile {
  /** Percent, 1–100. */
  p: number;
  /** How many values were ranked. */
  count: number;
  /** The nearest rank used, 1-based (null when there are no values). */
  rank: number | null;
  value: number | null;
  definition: Definition;
}

function rate(numerator: number, denominator: number, definition: Definition): Rate {
  return {
    numerator,
    denominator,
    value: denominator === 0 ? null : numerator / denominator,
    definition,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Dates and periods (Asia/Shanghai)

/** A legal date ("YYYY-MM-DD", already Asia/Shanghai), or an instant (a timestamp as Date or ISO string with offset). */
export type DateLike = IsoDate | Date | string;

const LEGAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Asia/Shanghai legal date of a date or instant: 2025-12-31T16:30Z is 2026-01-01 in Hohhot. Null when unreadable. */
export function legalDate(value: DateLike | null | undefined): IsoDate | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" && LEGAL_DATE.test(value)) return parseIsoDate(value) === null ? null : value;
  const instant = typeof value === "string" ? new Date(value) : value;
  if (!Number.isFinite(instant.getTime())) return null;
  return todayInShanghai(instant);
}

/** A closed interval of legal dates. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export type PeriodUnit = "month" | "year";

/** "2026-03" for a month, "2026" for a year. */
export function periodKey(date: DateLike, unit: PeriodUnit): string | null {
  const d = legalDate(date);
  if (!d) return null;
  return unit === "year" ? d.slice(0, 4) : d.slice(0, 7);
}

/** The period a key names ("2026" or "2026-02"), or null. */
export function periodOf(key: string): Period | null {
  if (/^\d{4}$/.test(key)) return { from: `${key}-01-01`, to: `${key}-12-31` };
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return { from: `${key}-01`, to: `${key}-${String(last).padStart(2, "0")}` };
}

/** Whether a date falls in the period (every date does when there is no period). */
export function within(date: DateLike | null | undefined, period: Period | null | undefined): boolean {
  const d = legalDate(date);
  if (d === null) return false;
  return !period || (d >= period.from && d <= period.to);
}

/** Groups items by the month or year of a date of theirs, in key order; items without a readable date are left out. */
export function groupByPeriod<T>(items: readonly T[], dateOf: (item: T) => DateLike | null | undefined, unit: PeriodUnit): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const d = dateOf(item);
    const key = d === null || d === undefined ? null : periodKey(d, unit);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const groupByMonth = <T>(items: readonly T[], dateOf: (item: T) => DateLike | null | undefined) => groupByPeriod(items, dateOf, "month");
export const groupByYear = <T>(items: readonly T[], dateOf: (item: T) => DateLike | null | undefined) => groupByPeriod(items, dateOf, "year");

/** Every month key from `from` to `to` inclusive ("2026-01" … "2026-12"), so a page can show months with nothing in them. */
export function monthKeys(from: string, to: string): string[] {
  const keys: string[] = [];
  let [y, m] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    keys.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return keys;
}

/** Calendar days from one legal date to a later one (the first day not counted, as for periods: DOMAIN.md 11.03). */
function daysFrom(from: IsoDate, to: IsoDate): number | null {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return a === null || b === null ? null : b - a;
}

// ---------------------------------------------------------------------------------------------------------------
// Input facts. The names are the machines' (app/domain/machines): the service maps its rows onto these.

/** How a reconsideration case ended (CaseState.outcome.kind). */
export type CaseOutcomeKind = NonNullable<CaseState["outcome"]>["kind"];

/** One reconsideration case, as the statistics need it. */
export interface StatCase {
  id: string;
  /** The reconsideration organ handling the case (cases.organ_id). */
  organId: string | null;
  category?: string | null;
  channel?: string | null;
  /** Receipt (cases.received_at): a timestamp, read as its Asia/Shanghai date. */
  receivedOn: DateLike | null;
  /** Acceptance, explicit or deemed (Art. 30). Null: never accepted. */
  acceptedOn: IsoDate | null;
  /** The reconsideration decision (Arts. 63–69), once made (approved and sealed, T28). */
  decision: { type: DecisionType; madeOn: IsoDate } | null;
  /**
   * How and when the case left review: `on` is the day of the closing act (decision made, 调解书 effective, withdrawal
   * approved, termination, dismissal, refusal). `settlement`: a withdrawal after settlement (和解, Art. 74; T19).
   */
  outcome: { kind: CaseOutcomeKind; on: IsoDate; settlement?: boolean } | null;
  /** The case went into mediation (调解, Art. 73) or a settlement under way at some point. */
  mediationAttempted?: boolean;
  /** The committee referral (Art. 52), if any. */
  committee?: {
    referredOn: IsoDate;
    status: CommitteeStatus;
    adoption: AdoptionOutcome | null;
    adoptionRecordedOn: IsoDate | null;
  } | null;
}

/** One statutory period of a case (the deadlines table). */
export interface StatDeadline {
  kind: string;
  status: "running" | "paused" | "met" | "missed" | "cancelled";
  dueDate: IsoDate;
  /** When the period was stopped (deadlines.closed_at); null while it runs. */
  closedOn: DateLike | null;
  organId?: string | null;
}

/** One opinion or suggestion letter (Art. 76; Reg. Art. 57(2)). */
export interface StatLetter {
  id: string;
  type: LetterType;
  organId?: string | null;
  /** The end of the 60-day report period (opinion_letter_report); null before service. */
  reportDueOn: IsoDate | null;
  reportedOn: IsoDate | null;
}

/** One administrative mediation request (行政调解, §16; the mediation machine). */
export interface StatMediationRequest {
  id: string;
  organId?: string | null;
  acceptedOn: IsoDate | null;
  /** The mediation agreement (调解协议) signed. */
  agreementSignedOn: IsoDate | null;
  outcome: {
    kind: "routed" | "declined" | "failed" | "performed" | "breached" | "withdrawn";
    on: IsoDate;
  } | null;
}

/** One 好差评 rating (ratings: score 1–5). */
export interface StatRating {
  caseId: string;
  organId?: string | null;
  score: number;
  ratedAt: DateLike;
}

// ---------------------------------------------------------------------------------------------------------------
// Volumes: received, accepted, closed

/** The ways a case closes after acceptance (结案). Not accepted, abandoned and pre-acceptance withdrawals never opened one. */
const closingKinds: readonly CaseOutcomeKind[] = ["decided", "mediated", "withdrawn", "terminated", "dismissed"];

/** Closed (结案): accepted, and ended by a decision, a 调解书, a withdrawal, a termination or a dismissal in the period. */
export function isClosed(c: StatCase, period?: Period | null): boolean {
  return c.acceptedOn !== null && c.outcome !== null && closingKinds.includes(c.outcome.kind) && within(c.outcome.on, period);
}

export interface Volumes {
  received: number;
  accepted: number;
  closed: number;
  definition: Definition;
}

export function caseVolumes(cases: readonly StatCase[], period?: Period | null): Volumes {
  return {
    received: cases.filter((c) => within(c.receivedOn, period)).length,
    accepted: cases.filter((c) => within(c.acceptedOn, period)).length,
    closed: cases.filter((c) => isClosed(c, period)).length,
    definition: {
      zh: "收案数按收到申请的日期（北京时间）计；受理数按受理（含视为受理）日期计；结案数为已受理案件在期间内以决定、调解书、准予撤回、终止或驳回申请结束的件数。",
      en: "Received: by the date the application reached the organ (Beijing time). Accepted: by the date of acceptance, explicit or deemed. Closed: accepted cases ended in the period by a decision, a mediation document, an approved withdrawal, a termination or a dismissal.",
      basis: "《行政复议法》第三十条、第三十三条、第四十一条、第六十一条、第七十三条、第七十四条；DOMAIN.md 14.13、14.16",
    },
  };
}

/** Counts by a key (category, channel, …): one Rate per key over all the items, in descending count. */
export function sharesBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string | null | undefined,
  definition: Definition
): { key: string; rate: Rate }[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item) ?? "unknown";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1))
    .map(([key, n]) => ({ key, rate: rate(n, items.length, definition) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Correction rate (纠错率), DOMAIN.md 14.12–14.14

/** The decisions on the merits (Arts. 63–69): the denominator. A dismissal of the application (Art. 33) is not one. */
export const meritsDecisionTypes: readonly DecisionType[] = decisionTypes;

/** 14.12: the decisions official statistics count as corrections; 确认无效 (Art. 67, new in 2023) by setting (14.14). */
export function correctionDecisionTypes(settings: Pick<SettingValues, "countConfirmVoidAsCorrection">): DecisionType[] {
  const base: DecisionType[] = ["revoke", "vary", "confirm_illegal", "order_performance"];
  return settings.countConfirmVoidAsCorrection ? [...base, "confirm_void"] : base;
}

export function correctionRate(
  cases: readonly StatCase[],
  options: {
    period?: Period | null;
    settings?: Pick<SettingValues, "countConfirmVoidAsCorrection">;
  } = {}
): Rate & { byType: Record<DecisionType, number> } {
  const settings = options.settings ?? defaultSettings();
  const corrections = correctionDecisionTypes(settings);
  const byType = Object.fromEntries(decisionTypes.map((t) => [t, 0])) as Record<DecisionType, number>;
  let numerator = 0;
  let denominator = 0;
  for (const c of cases) {
    if (!c.decision || !meritsDecisionTypes.includes(c.decision.type) || !within(c.decision.madeOn, options.period)) continue;
    denominator += 1;
    byType[c.decision.type] += 1;
    if (corrections.includes(c.decision.type)) numerator += 1;
  }
  const voidZh = settings.countConfirmVoidAsCorrection ? "确认无效决定计入纠错（设置）" : "确认无效决定不计入纠错（设置）";
  const voidEn = settings.countConfirmVoidAsCorrection
    ? "confirm-void decisions count as corrections (setting)"
    : "confirm-void decisions do not count as corrections (setting)";
  return {
    ...rate(numerator, denominator, {
      zh: `纠错率 = 撤销、变更、确认违法、责令履行决定数 ÷ 作出行政复议决定（变更、撤销、确认违法、责令履行、确认无效、维持、驳回复议请求）的案件数；${voidZh}。按决定作出之日归入统计期间；驳回申请、终止、调解、撤回结案的案件不计入分母。`,
      en: `Correction rate = decisions to revoke, vary, confirm illegality or order performance ÷ cases decided on the merits (vary, revoke, confirm illegal, order performance, confirm void, uphold, reject the request); ${voidEn}. Counted in the period the decision was made; dismissed, terminated, mediated and withdrawn cases are not in the denominator.`,
      basis:
        "DOMAIN.md 14.12、14.13（S29、S30：2023年纠错率12.83%；2018年约3万件、15.1%，分母约19.7万件“受理并以复议决定审结”）、14.14（确认无效待确认，设置 countConfirmVoidAsCorrection）；《行政复议法》第六十三条至第六十九条",
    }),
    byType,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 调撤率 (mediation, settlement and withdrawal), DOMAIN.md 14.15

export function mediationWithdrawalRate(
  cases: readonly StatCase[],
  options: { period?: Period | null } = {}
): Rate & {
  mediated: number;
  settlementWithdrawn: number;
  otherWithdrawn: number;
} {
  let mediated = 0;
  let settlementWithdrawn = 0;
  let otherWithdrawn = 0;
  let closed = 0;
  for (const c of cases) {
    if (!isClosed(c, options.period)) continue;
    closed += 1;
    if (c.outcome!.kind === "mediated") mediated += 1;
    else if (c.outcome!.kind === "withdrawn") {
      if (c.outcome!.settlement) settlementWithdrawn += 1;
      else otherWithdrawn += 1;
    }
  }
  return {
    ...rate(mediated + settlementWithdrawn + otherWithdrawn, closed, {
      zh: "调撤率 =（以调解书结案 + 和解后准予撤回 + 其他准予撤回）件数 ÷ 结案数。受理前撤回的不是结案，不计入。按结案之日归入统计期间。",
      en: "Mediation-withdrawal rate = (closed by a mediation document + withdrawn after settlement + other approved withdrawals) ÷ cases closed. A withdrawal before acceptance closes no case and is not counted. Counted in the period the case closed.",
      basis:
        "DOMAIN.md 14.15（S31、S42：调撤率 = 调解、和解、撤回 ÷ 审结）、8.03、8.07、7.10；《行政复议法》第七十三条、第七十四条、第四十一条第一项",
    }),
    mediated,
    settlementWithdrawn,
    otherWithdrawn,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// On time and overdue (the deadlines table)

const onTimeDefinition = (kinds: string): Definition => ({
  zh: `按期率 = 到期前（含最后一日）办结的期间数 ÷ 已办结（按期或逾期）的期间数，${kinds}。因案件撤回、重新起算等被取消的期间不计入；仍在进行的期间见“当前逾期”。按期间办结之日（北京时间）归入统计期间。`,
  en: `On-time rate = periods stopped on or before the due date ÷ periods stopped (met or missed), ${kinds}. Cancelled periods (withdrawal, restart) are not counted; periods still running are in "overdue now". Counted in the period the period was stopped (Beijing time).`,
  basis: "DOMAIN.md 11.03、11.04（最后一日仍在期限内）、§15 计时器；app/domain/deadlines.ts（met / missed）",
});

/** On-time rate per period type (deadlines.kind), in kind order. */
export function onTimeRates(deadlines: readonly StatDeadline[], options: { period?: Period | null } = {}): Record<string, Rate> {
  const counts = new Map<string, { met: number; closed: number }>();
  for (const d of deadlines) {
    const entry = counts.get(d.kind) ?? { met: 0, closed: 0 };
    counts.set(d.kind, entry);
    if ((d.status !== "met" && d.status !== "missed") || !within(d.closedOn, options.period)) continue;
    entry.closed += 1;
    if (d.status === "met") entry.met += 1;
  }
  return Object.fromEntries(
    [...counts.keys()].sort().map((kind) => {
      const { met, closed } = counts.get(kind)!;
      return [kind, rate(met, closed, onTimeDefinition(`期间类型 ${kind} / period type ${kind}`))];
    })
  );
}

/** The respondent's performance periods after a decision: redo the act (Reg. Art. 49) and perform (Arts. 66, 77). */
export const performancePeriodKinds = ["redo_act", "performance_period"] as const;

/** Performance compliance: the on-time rate of the performance periods taken together. */
export function performanceCompliance(deadlines: readonly StatDeadline[], options: { period?: Period | null } = {}): Rate {
  let met = 0;
  let closed = 0;
  for (const d of deadlines) {
    if (!(performancePeriodKinds as readonly string[]).includes(d.kind)) continue;
    if ((d.status !== "met" && d.status !== "missed") || !within(d.closedOn, options.period)) continue;
    closed += 1;
    if (d.status === "met") met += 1;
  }
  return rate(met, closed, {
    zh: "履行率 = 在决定确定的期限内（重新作出行政行为、履行决定）报告履行的件数 ÷ 期限已办结的件数。",
    en: "Performance compliance = decisions performed within the period the decision set (redo the act, perform) ÷ such periods stopped.",
    basis: "《行政复议法》第七十七条、《行政复议法实施条例》第四十九条；DOMAIN.md 10.01–10.03、9.03、§15.3",
  });
}

/**
 * Overdue now: running periods whose due date is before today ÷ open periods (running or paused). The last day is
 * still on time (11.04), and a paused period (suspension, Art. 39) is not overdue: its due date moves on resumption.
 */
export function overdueNow(deadlines: readonly StatDeadline[], today: IsoDate): Rate & { byKind: Record<string, number> } {
  const byKind: Record<string, number> = {};
  let open = 0;
  let overdue = 0;
  for (const d of deadlines) {
    if (d.status !== "running" && d.status !== "paused") continue;
    open += 1;
    if (d.status === "running" && d.dueDate < today) {
      overdue += 1;
      byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
    }
  }
  return {
    ...rate(overdue, open, {
      zh: `当前逾期 = 截至${today}仍在进行且期限最后一日已过的期间数 ÷ 进行中（含中止暂停）的期间数。最后一日当天不算逾期；中止期间暂停计算的期间不算逾期。`,
      en: `Overdue now = periods still running on ${today} whose last day has passed ÷ open periods (running or paused). The last day itself is on time; a period paused by suspension is not overdue.`,
      basis: "DOMAIN.md 11.04、7.08；app/domain/deadlines.ts isOverdue；《行政复议法》第三十九条",
    }),
    byKind,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Days to decision

/**
 * Nearest-rank percentile: sort ascending, take the value at rank ⌈p/100 × n⌉ (at least 1). It is always one of the
 * values, never an interpolation. p is an integer percent so the rank is exact (90 × 19 / 100 = 17.1 → rank 18).
 */
export function nearestRankPercentile(values: readonly number[], p: number): { rank: number | null; value: number | null } {
  if (!Number.isInteger(p) || p < 1 || p > 100) throw new RangeError(`percentile must be an integer 1–100: ${p}`);
  if (values.length === 0) return { rank: null, value: null };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return { rank, value: sorted[rank - 1] };
}

/** Calendar days from acceptance to the making of the decision on the merits, for the decisions made in the period. */
export function daysToDecision(
  cases: readonly StatCase[],
  options: { period?: Period | null; percentile?: number } = {}
): { average: Rate; percentile: Percentile } {
  const p = options.percentile ?? 90;
  const days: number[] = [];
  for (const c of cases) {
    if (!c.decision || !c.acceptedOn || !within(c.decision.madeOn, options.period)) continue;
    const n = daysFrom(c.acceptedOn, c.decision.madeOn);
    if (n !== null && n >= 0) days.push(n);
  }
  const total = days.reduce((a, b) => a + b, 0);
  const basis = "《行政复议法》第六十二条（自受理之日起六十日、简易程序三十日）；DOMAIN.md 7.01–7.04、3.14、11.03";
  const { rank, value } = nearestRankPercentile(days, p);
  return {
    average: rate(total, days.length, {
      zh: "平均办理天数 = 各案自受理之日至作出行政复议决定之日的自然日数之和 ÷ 案件数（受理当日不计；中止、延长期间照算，反映当事人实际等待的时间）。按决定作出之日归入统计期间。",
      en: "Average days to decision = the sum over cases of calendar days from acceptance to the making of the decision ÷ the number of cases (acceptance day not counted; suspended and extended time included: the time the parties actually waited). Counted in the period the decision was made.",
      basis,
    }),
    percentile: {
      p,
      count: days.length,
      rank,
      value,
      definition: {
        zh: `第${p}百分位天数（最近秩法）：将上述天数从小到大排列，取第 ⌈${p}% × 案件数⌉ 位的数值（不插值）。`,
        en: `${p}th-percentile days (nearest-rank method): sort the same day counts ascending and take the value at rank ⌈${p}% × number of cases⌉ (no interpolation).`,
        basis,
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Committee (行政复议委员会), Art. 52

export function committeeReferrals(
  cases: readonly StatCase[],
  options: { period?: Period | null } = {}
): {
  referred: Rate;
  adoption: Rate & {
    adopted: number;
    partlyAdopted: number;
    notAdopted: number;
  };
} {
  let closed = 0;
  let referred = 0;
  let adopted = 0;
  let partlyAdopted = 0;
  let notAdopted = 0;
  for (const c of cases) {
    const referral = c.committee && c.committee.status !== "withdrawn" && c.committee.status !== "none" ? c.committee : null;
    if (isClosed(c, options.period)) {
      closed += 1;
      if (referral) referred += 1;
    }
    if (referral?.adoption && within(referral.adoptionRecordedOn, options.period)) {
      if (referral.adoption === "adopted") adopted += 1;
      else if (referral.adoption === "partly_adopted") partlyAdopted += 1;
      else notAdopted += 1;
    }
  }
  return {
    referred: rate(referred, closed, {
      zh: "提请咨询比例 = 结案案件中曾提请行政复议委员会咨询（未撤回）的件数 ÷ 结案数。按结案之日归入统计期间。",
      en: "Committee referral share = closed cases that were referred to the committee (referral not withdrawn) ÷ cases closed. Counted in the period the case closed.",
      basis: "《行政复议法》第五十二条第二款；DOMAIN.md 6.18、6.19",
    }),
    adoption: {
      ...rate(adopted + partlyAdopted, adopted + partlyAdopted + notAdopted, {
        zh: "咨询意见采纳率 =（采纳 + 部分采纳）件数 ÷ 已记录采纳情况的件数。按记录采纳情况之日归入统计期间。",
        en: "Adoption rate = (adopted + partly adopted) ÷ advisory opinions whose adoption was recorded. Counted in the period the adoption was recorded.",
        basis: "《行政复议法》第五十二条第三款、第六十一条第三款；DOMAIN.md 6.20、6.21",
      }),
      adopted,
      partlyAdopted,
      notAdopted,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Opinion letters (行政复议意见书), Art. 76

/**
 * Compliance: opinion letters reported on or before the last day of the 60-day period ÷ opinion letters whose period
 * has ended (due before today) or that were reported. Suggestion letters bind nobody (10.07) and are not counted.
 */
export function opinionLetterCompliance(letters: readonly StatLetter[], options: { period?: Period | null; today: IsoDate }): Rate {
  let due = 0;
  let compliant = 0;
  for (const l of letters) {
    if (l.type !== "opinion" || !l.reportDueOn || !within(l.reportDueOn, options.period)) continue;
    if (!l.reportedOn && l.reportDueOn >= options.today) continue; // still within the period
    due += 1;
    if (l.reportedOn && l.reportedOn <= l.reportDueOn) compliant += 1;
  }
  return rate(compliant, due, {
    zh: `意见书按期反馈率 = 在收到意见书之日起六十日内（含最后一日）报告纠正情况的意见书数 ÷ 期限已届满或已报告的意见书数（截至${options.today}）。按期限最后一日归入统计期间；建议书不计入。`,
    en: `Opinion-letter compliance = opinion letters whose corrections were reported within 60 days of receipt (last day included) ÷ opinion letters whose period has ended or that were reported (as of ${options.today}). Counted in the period of the last day; suggestion letters are not counted.`,
    basis: "《行政复议法》第七十六条、第七十七条第一款；DOMAIN.md 10.05、10.07",
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Mediation success

const agreementKinds = ["performed", "breached"] as const;

/**
 * Administrative mediation (行政调解): accepted requests that ended in a signed agreement ÷ accepted requests that
 * ended (agreement, failure, or withdrawal after acceptance). Declined, routed and still-running requests are left out.
 */
export function mediationSuccessRate(requests: readonly StatMediationRequest[], options: { period?: Period | null } = {}): Rate {
  let ended = 0;
  let success = 0;
  for (const r of requests) {
    if (!r.acceptedOn) continue;
    // PERFORMED and BREACHED follow a signed agreement: success whatever happened to the agreement afterwards.
    const agreed = r.agreementSignedOn !== null || (r.outcome !== null && (agreementKinds as readonly string[]).includes(r.outcome.kind));
    const failed = r.outcome !== null && (r.outcome.kind === "failed" || r.outcome.kind === "withdrawn");
    const endedOn = agreed ? r.agreementSignedOn ?? r.outcome!.on : failed ? r.outcome!.on : null;
    if (!endedOn || !within(endedOn, options.period)) continue;
    ended += 1;
    if (agreed) success += 1;
  }
  return rate(success, ended, {
    zh: "行政调解成功率 = 受理后达成调解协议的件数 ÷ 受理后调解结束（达成协议、调解终止或受理后撤回）的件数。撤回计为未成功。按签订协议或结束之日归入统计期间。",
    en: "Administrative mediation success rate = accepted requests that reached a signed agreement ÷ accepted requests whose mediation ended (agreement, failure, or withdrawal after acceptance). A withdrawal counts as no success. Counted in the period of the agreement or the end.",
    basis: "DOMAIN.md 12.10、12.14、§16（成功率口径为本平台设定）",
  });
}

/** Mediation inside reconsideration: closed cases that tried mediation and closed by 调解书 or by settlement-withdrawal. */
export function reconsiderationMediationSuccessRate(cases: readonly StatCase[], options: { period?: Period | null } = {}): Rate {
  let tried = 0;
  let success = 0;
  for (const c of cases) {
    if (!c.mediationAttempted || !isClosed(c, options.period)) continue;
    tried += 1;
    if (c.outcome!.kind === "mediated" || (c.outcome!.kind === "withdrawn" && c.outcome!.settlement)) success += 1;
  }
  return rate(success, tried, {
    zh: "复议调解成功率 = 经过调解（或和解）的结案案件中，以调解书结案或和解后撤回的件数 ÷ 经过调解（或和解）的结案数。按结案之日归入统计期间。",
    en: "Reconsideration mediation success = closed cases that went through mediation (or settlement) and closed by a mediation document or a withdrawal after settlement ÷ closed cases that went through mediation. Counted in the period the case closed.",
    basis: "《行政复议法》第七十三条、第七十四条；DOMAIN.md 8.03、8.05、8.07",
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Satisfaction (好差评)

export function satisfaction(
  ratings: readonly StatRating[],
  options: { period?: Period | null } = {}
): Rate & { distribution: Record<1 | 2 | 3 | 4 | 5, number> } {
  const distribution: Record<1 | 2 | 3 | 4 | 5, number> = {
    1: 0,
    2: 0,
    3: 0,
    4: 0,
    5: 0,
  };
  let sum = 0;
  let count = 0;
  for (const r of ratings) {
    if (!Number.isInteger(r.score) || r.score < 1 || r.score > 5 || !within(r.ratedAt, options.period)) continue;
    sum += r.score;
    count += 1;
    distribution[r.score as 1 | 2 | 3 | 4 | 5] += 1;
  }
  return {
    ...rate(sum, count, {
      zh: "满意度平均分 = 评价分值（1–5分）之和 ÷ 评价数。按评价时间（北京时间）归入统计期间。",
      en: "Satisfaction average = the sum of scores (1–5) ÷ the number of ratings. Counted in the period of the rating (Beijing time).",
      basis: "《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》（国办发〔2019〕51号）",
    }),
    distribution,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Head-of-agency court appearance (出庭应诉), DOMAIN.md 14.01–14.11

/** Who appeared for the sued organ at a hearing. */
export const appearanceRoles = ["chief", "deputy", "in_charge", "entrusted_organ_head", "lower_organ_head", "staff", "lawyer"] as const;
export type AppearanceRole = (typeof appearanceRoles)[number];

/**
 * SPC 2020 Art. 2 (14.02): the chief, the deputy chiefs, and the deputies or other heads in charge of the challenged
 * act. Heads of an entrusted organisation or of a lower organ do not count; staff and lawyers are not heads (14.07).
 */
export const qualifyingHeadRoles: readonly AppearanceRole[] = ["chief", "deputy", "in_charge"];

export const lawsuitInstances = ["first", "second", "retrial"] as const;
export type LawsuitInstance = (typeof lawsuitInstances)[number];

/** One instance (审级) of an administrative lawsuit against an organ, from the organ's register. */
export interface CourtInstance {
  id: string;
  /** The sued organ. */
  organId: string | null;
  lawsuitId: string;
  instance: LawsuitInstance;
  /** The day the organ registered this instance (the suit or appeal it was served): places an unheard instance in a period. */
  registeredOn: IsoDate;
  /** The court hearings held in this instance (开庭); none: not heard in court (书面审理). */
  hearings: {
    on: IsoDate;
    /** The most senior person who appeared for the organ; null: nobody. */
    appeared: AppearanceRole | null;
    /** The court notified the head to appear again at this hearing (SPC 2020 Art. 7(1) proviso). */
    headRenotified?: boolean;
  }[];
}

export type InstanceCount =
  | { counted: false; reason: "not_heard_in_court" }
  | {
      counted: true;
      appeared: boolean;
      reason: "head_appeared" | "no_qualifying_head" | "absent_when_renotified";
    };

/**
 * 14.04: a qualifying head attending one hearing of an instance counts for the whole instance, unless the court
 * notified the head to appear again and the head did not. Each instance is counted separately. 14.11: only instances
 * heard in court are in the denominator.
 */
export function countInstance(i: CourtInstance): InstanceCount {
  if (i.hearings.length === 0) return { counted: false, reason: "not_heard_in_court" };
  const qualifies = (h: CourtInstance["hearings"][number]) => h.appeared !== null && qualifyingHeadRoles.includes(h.appeared);
  if (!i.hearings.some(qualifies)) return { counted: true, appeared: false, reason: "no_qualifying_head" };
  if (i.hearings.some((h) => h.headRenotified && !qualifies(h))) return { counted: true, appeared: false, reason: "absent_when_renotified" };
  return { counted: true, appeared: true, reason: "head_appeared" };
}

/** The head appearance rate of the instances whose first hearing falls in the period, against the target (a setting). */
export function headAppearanceRate(
  instances: readonly CourtInstance[],
  options: {
    period?: Period | null;
    settings?: Pick<SettingValues, "headAppearanceTargetPercent">;
  } = {}
): Rate & {
  targetPercent: number;
  meetsTarget: boolean | null;
  notHeardInCourt: number;
} {
  const targetPercent = (options.settings ?? defaultSettings()).headAppearanceTargetPercent;
  let counted = 0;
  let appeared = 0;
  let notHeardInCourt = 0;
  for (const i of instances) {
    const result = countInstance(i);
    if (!result.counted) {
      if (within(i.registeredOn, options.period)) notHeardInCourt += 1;
      continue;
    }
    const first = i.hearings.map((h) => h.on).sort()[0];
    if (!within(first, options.period)) continue;
    counted += 1;
    if (result.appeared) appeared += 1;
  }
  const r = rate(appeared, counted, {
    zh: `行政机关负责人出庭应诉率 = 有被诉行政机关负责人（正职、副职或分管负责人；受委托组织、下级机关负责人不算）出庭的审级数 ÷ 开庭审理的审级数（一审、二审、再审分别计算；同一审级出庭一次即可，法院通知再次出庭而未出庭的不算；书面审理的不计入）。按该审级首次开庭之日归入统计期间。目标值${targetPercent}%（设置）。`,
    en: `Head appearance rate = instances in which a head of the sued organ (chief, deputy, or head in charge; not heads of entrusted or lower organs) appeared ÷ instances heard in court (first, second instance and retrial counted separately; one hearing per instance suffices unless the court summoned the head again; instances decided on the papers are left out). Counted in the period of the instance's first hearing. Target ${targetPercent}% (setting).`,
    basis:
      "《行政诉讼法》第三条第三款；最高人民法院《关于行政机关负责人出庭应诉若干问题的规定》（2020）第一条、第二条、第七条；DOMAIN.md 14.01–14.04、14.07、14.11（口径待确认）",
  });
  return {
    ...r,
    targetPercent,
    meetsTarget: r.value === null ? null : r.value * 100 >= targetPercent,
    notHeardInCourt,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// National figures to compare against (as reported; DOMAIN.md 14.10, 14.12, 14.15, 14.16)

export const nationalFigures = {
  correctionRate2023: { value: 0.1283, basis: "DOMAIN.md 14.12（S29）" },
  correctionRate2018: { value: 0.151, basis: "DOMAIN.md 14.12（S30）" },
  mediationWithdrawalRate: {
    value: 0.25,
    basis: "DOMAIN.md 14.15（S42，约25%，年份不明）",
  },
  headAppearanceRate2020: { value: 0.418, basis: "DOMAIN.md 14.10（S32）" },
  received2023: { value: 315_000, basis: "DOMAIN.md 14.16（S29）" },
  closed2023: { value: 293_000, basis: "DOMAIN.md 14.16（S29）" },
} as const;

/**
 * 14.16: the national case mix (journal table over 309,184 cases), with the Art. 11 act kinds (app/domain/application.ts
 * actKinds) each line matches where the match is one-to-one; the others have no single act kind and are shown as is.
 */
export const nationalCaseMix: readonly {
  zh: string;
  en: string;
  share: number;
  actKinds: readonly string[];
}[] = [
  { zh: "行政处罚", en: "Penalties", share: 0.328, actKinds: ["penalty"] },
  {
    zh: "投诉举报处理",
    en: "Complaint and report handling",
    share: 0.2996,
    actKinds: [],
  },
  {
    zh: "政府信息公开",
    en: "Information disclosure",
    share: 0.0826,
    actKinds: ["information_disclosure"],
  },
  { zh: "行政不作为", en: "Inaction", share: 0.0588, actKinds: [] },
  { zh: "行政确认", en: "Confirmation", share: 0.0551, actKinds: [] },
  {
    zh: "征收征用",
    en: "Expropriation",
    share: 0.0347,
    actKinds: ["expropriation"],
  },
  {
    zh: "行政强制",
    en: "Coercive measures",
    share: 0.0269,
    actKinds: ["compulsory_measure"],
  },
  {
    zh: "行政确权",
    en: "Ownership determination",
    share: 0.0185,
    actKinds: ["natural_resources"],
  },
  { zh: "行政许可", en: "Licensing", share: 0.01, actKinds: ["licensing"] },
  { zh: "其他", en: "Other", share: 0.0859, actKinds: [] },
];

// ---------------------------------------------------------------------------------------------------------------
// The organ hierarchy: autonomous region → 盟市 → 旗县

export type OrganLevel = "region" | "league_city" | "banner_county" | "sumu_township";

/** An organ as the organs table stores it. */
export interface StatOrgan {
  id: string;
  code: string;
  name: string;
  kind: "government" | "department" | "dispute_center" | "mediation_committee" | "court";
  level: OrganLevel;
  parentId: string | null;
  /** The 6-digit division code (im-divisions.json): 150000 region, XXXX00 盟市, others 旗县. */
  divisionCode: string;
}

const levelOrder: readonly OrganLevel[] = ["region", "league_city", "banner_county", "sumu_township"];

/**
 * The division code at a level: region 15xxxx → 150000, 盟市 → the first four digits + "00", 旗县 → the six digits.
 * Organs are placed by division code, not by walking parent ids: a vertical bureau or a court hangs under its own
 * line (a banner tax bureau under the league's tax bureau), yet belongs to its banner's area.
 */
export function divisionAt(divisionCode: string, level: OrganLevel): string | null {
  const code = divisionCode.slice(0, 6);
  if (!/^\d{6}$/.test(code)) return null;
  if (level === "region") return `${code.slice(0, 2)}0000`;
  if (level === "league_city") return code.endsWith("0000") ? null : `${code.slice(0, 4)}00`;
  if (level === "banner_county") return code.endsWith("00") ? null : code;
  return divisionCode.length > 6 ? divisionCode : null;
}

export interface OrganBucket<T> {
  /** The government of the unit (a 盟's 行政公署 for a 盟). */
  organ: StatOrgan;
  items: T[];
}

/**
 * One level of drill-down under a government: `own` holds the items of organs at the parent's level (the government
 * itself, its departments, its court), `children` one bucket per government one level down whose parent is this one
 * (every one, empty or not, in code order) with the items of its whole area. Items outside the parent's area are left out.
 */
export function drillDown<T>(
  items: readonly T[],
  organIdOf: (item: T) => string | null | undefined,
  organs: readonly StatOrgan[],
  parentOrganId: string
): { parent: StatOrgan; own: T[]; children: OrganBucket<T>[] } | null {
  const byId = new Map(organs.map((o) => [o.id, o]));
  const parent = byId.get(parentOrganId);
  if (!parent) return null;
  const parentLevel = levelOrder.indexOf(parent.level);
  const childLevel = levelOrder[parentLevel + 1];
  const parentDivision = divisionAt(parent.divisionCode, parent.level);
  const children = organs
    .filter((o) => o.parentId === parent.id && o.kind === "government" && o.level === childLevel)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((organ) => ({ organ, items: [] as T[] }));
  const childByDivision = new Map(children.map((b) => [divisionAt(b.organ.divisionCode, childLevel), b]));
  const own: T[] = [];
  for (const item of items) {
    const id = organIdOf(item);
    const organ = id ? byId.get(id) : undefined;
    if (!organ || parentDivision === null || divisionAt(organ.divisionCode, parent.level) !== parentDivision) continue;
    if (levelOrder.indexOf(organ.level) <= parentLevel) {
      own.push(item);
      continue;
    }
    childByDivision.get(childLevel ? divisionAt(organ.divisionCode, childLevel) : null)?.items.push(item);
  }
  return { parent, own, children };
}

/** The government of the organ's area at a level (a department's 旗县, 盟市 or region), or null above that level. */
export function governmentAt(organ: StatOrgan, level: OrganLevel, organs: readonly StatOrgan[]): StatOrgan | null {
  if (levelOrder.indexOf(organ.level) < levelOrder.indexOf(level)) return null;
  const division = divisionAt(organ.divisionCode, level);
  if (division === null) return null;
  return organs.find((o) => o.kind === "government" && o.level === level && o.divisionCode === division) ?? null;
}

/** Groups items by the government of their organ's area at one level (all 盟市, or all 旗县); items above the level apart. */
export function groupByOrganLevel<T>(
  items: readonly T[],
  organIdOf: (item: T) => string | null | undefined,
  organs: readonly StatOrgan[],
  level: OrganLevel
): { groups: OrganBucket<T>[]; above: T[] } {
  const byId = new Map(organs.map((o) => [o.id, o]));
  const groups = new Map<string, OrganBucket<T>>();
  const above: T[] = [];
  for (const item of items) {
    const id = organIdOf(item);
    const organ = id ? byId.get(id) : undefined;
    if (!organ) continue;
    const government = governmentAt(organ, level, organs);
    if (!government) {
      if (levelOrder.indexOf(organ.level) < levelOrder.indexOf(level)) above.push(item);
      continue;
    }
    const bucket = groups.get(government.id) ?? {
      organ: government,
      items: [],
    };
    bucket.items.push(item);
    groups.set(government.id, bucket);
  }
  return {
    groups: [...groups.values()].sort((a, b) => (a.organ.code < b.organ.code ? -1 : 1)),
    above,
  };
}
