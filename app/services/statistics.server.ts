// The /stats dashboard (issue 7 req. 2; DOMAIN.md §14): loads the facts app/domain/statistics.ts counts — reconsideration
// cases with the dates of their closing acts (from the audit trail), deadlines, consultations, letters, mediation
// requests and ratings — for the organs the user's office_head and admin memberships cover (the compliance view's
// scope, complianceOrgans), maps them onto the domain's input types and returns the figures of one period and one
// government's area, with the drill-down one level down (autonomous region → 盟市 → 旗县).
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable } from "../../db/client";
import { auditEvents, cases, deadlines, followUpReports, organs, ratings } from "../../db/schema/index";
import { todayInShanghai } from "~/domain/calendar";
import type { AdoptionOutcome } from "~/domain/committee";
import type { IsoDate } from "~/domain/machines/common";
import type { ConsultationState } from "~/domain/machines/consultation";
import type { LetterType } from "~/domain/machines/letter";
import type { MediationState } from "~/domain/machines/mediation";
import { decisionTypes, type CaseState, type DecisionType } from "~/domain/machines/reconsideration";
import { ComplianceQuerySchema, type CompliancePeriod } from "~/domain/performance";
import type { Role } from "~/domain/roles";
import { loadSettings } from "./calendar.server";
import {
  caseVolumes,
  committeeReferrals,
  correctionDecisionTypes,
  correctionRate,
  daysToDecision,
  divisionAt,
  drillDown,
  governmentAt,
  headAppearanceRate,
  lawsuitInstances,
  legalDate,
  mediationSuccessRate,
  mediationWithdrawalRate,
  monthKeys,
  nationalFigures,
  onTimeRates,
  opinionLetterCompliance,
  overdueNow,
  performanceCompliance,
  periodOf,
  reconsiderationMediationSuccessRate,
  satisfaction,
  type CaseOutcomeKind,
  type CourtInstance,
  type Definition,
  type LawsuitInstance,
  type OrganLevel,
  type Period,
  type Rate,
  type StatCase,
  type StatDeadline,
  type StatLetter,
  type StatMediationRequest,
  type StatOrgan,
  type StatRating,
} from "~/domain/statistics";
import { toCourtInstance } from "~/domain/court-register";
import { courtInstancesOf } from "./court-register.server";
import { complianceOrgans, complianceRoles } from "./performance.server";
import type { CurrentUser } from "./session.server";

/** Office heads and admins, as for the compliance view: no new role. */
export const statisticsRoles: readonly Role[] = complianceRoles;

/** The tables of the page; each downloads as CSV with `?format=csv&table=<key>`. */
export const statsTables = ["metrics", "volumes", "decisions", "onTime", "organs", "satisfaction"] as const;
export type StatsTable = (typeof statsTables)[number];

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** The query of /stats: the compliance view's period (unit, month, year, format) plus the government and the CSV table. */
export const StatsQuerySchema = z.object({
  ...ComplianceQuerySchema.shape,
  organ: optional(z.string().regex(/^[0-9A-Za-z-]{2,40}$/, "errors.badRequest")),
  table: optional(z.enum(statsTables, { error: "errors.badRequest" })),
});
export type StatsQuery = z.output<typeof StatsQuerySchema>;

// ---------------------------------------------------------------------------------------------------------------
// The report

/** A definition as the page shows it: the domain's text, and its legal basis without the developers' references. */
export interface ShownDefinition {
  zh: string;
  en: string;
  basis: string;
}

/** One row of the metrics table: `key` names the label (stats.metric.<key>); `kind` the period of an on-time row. */
export interface MetricRow {
  key: string;
  kind?: string;
  /** How the value reads: a share in percent, a number of days, or an average score. */
  format: "percent" | "days" | "score";
  numerator: number;
  denominator: number;
  value: number | null;
  definition: ShownDefinition;
  /** A national figure to compare with, as reported. */
  national?: { value: number; key: string };
}

export interface DrillRow {
  code: string;
  name: string;
  /** The user may open this government's own page (it is one they cover). */
  linkable: boolean;
  received: number;
  accepted: number;
  closed: number;
  correction: { numerator: number; denominator: number; value: number | null };
  mediationWithdrawal: { numerator: number; denominator: number; value: number | null };
  overdueNow: number;
}

export interface StatsReport {
  period: CompliancePeriod;
  today: IsoDate;
  organ: { id: string; code: string; name: string; level: OrganLevel };
  /** The governments above the selected one, top first; `linkable` when the user covers them. */
  trail: { code: string; name: string; linkable: boolean }[];
  /** The organs of the user's office_head and admin memberships. */
  scope: string[];
  volumes: { received: number; accepted: number; closed: number; definition: ShownDefinition };
  /** Per month of the period (a year: its twelve months). */
  monthly: { month: string; received: number; accepted: number; closed: number }[];
  metrics: MetricRow[];
  decisions: { type: DecisionType; count: number; correction: boolean }[];
  onTime: { kind: string; met: number; stopped: number; value: number | null }[];
  overdueByKind: { kind: string; count: number }[];
  satisfaction: { score: number; count: number }[];
  /** The drill-down: the selected government's own level, then each government one level down the user covers. */
  drill: { own: DrillRow; children: DrillRow[] } | null;
  /** The court-appearance register (出庭应诉, 14.01–14.11): the rate of the period, and the instances counted. */
  court: {
    registered: number;
    rate: MetricRow;
    notHeardInCourt: number;
    meetsTarget: boolean | null;
    targetPercent: number;
    national2020: number;
    byInstance: { instance: LawsuitInstance; counted: number; appeared: number }[];
  };
}

export type StatsResult = { ok: true; report: StatsReport } | { ok: false; status: 403 | 404 };

// ---------------------------------------------------------------------------------------------------------------
// Definitions shown to the public: the law, never DOMAIN.md or source paths

/** Splits at "；" outside （…） and drops the parts that cite DOMAIN.md, its sections or source files. */
export function publicBasis(basis: string): string {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of basis) {
    if (ch === "\uff08" || ch === "(") depth++;
    if (ch === "\uff09" || ch === ")") depth = Math.max(0, depth - 1);
    if (ch === "\uff1b" && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts
    .map((p) => p.trim())
    .filter((p) => p && !/DOMAIN\.md|app\/domain|§\d/.test(p))
    .join("\uff1b");
}

const shown = (d: Definition): ShownDefinition => ({ zh: d.zh, en: d.en, basis: publicBasis(d.basis) });

// ---------------------------------------------------------------------------------------------------------------
// Loading

const CHUNK = 1000;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The transitions whose dates the figures need, per machine (payload.transition of the audit events). */
const datedTransitions = [
  // reconsideration: referral, adoption, the decision made, the closing acts, mediation
  "T6",
  "T7",
  "T14",
  "T15",
  "T17",
  "T19",
  "T22",
  "T23",
  "T23-ground",
  "T26",
  "T27-adoption",
  "T28",
  // letter: the recipient's report
  "L3",
  // mediation request: accepted, routed, declined, failed, followed up, withdrawn
  "M2",
  "M5",
  "M6",
  "M10",
  "M10-expired",
  "M11",
  "M13",
];

/** Per process, the legal date of the last time each transition ran. */
async function transitionDates(q: Queryable, ids: readonly string[]): Promise<Map<string, Map<string, IsoDate>>> {
  const out = new Map<string, Map<string, IsoDate>>();
  const transition = sql<string>`${auditEvents.payload}->>'transition'`;
  for (const part of chunks(ids)) {
    const rows = await q
      .select({ subjectId: auditEvents.subjectId, occurredAt: auditEvents.occurredAt, transition })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "case"), inArray(auditEvents.subjectId, part), inArray(transition, datedTransitions)))
      .orderBy(asc(auditEvents.id));
    for (const r of rows) {
      if (!r.subjectId) continue;
      const on = legalDate(r.occurredAt);
      if (!on) continue;
      const map = out.get(r.subjectId) ?? new Map<string, IsoDate>();
      map.set(r.transition, on);
      out.set(r.subjectId, map);
    }
  }
  return out;
}

const latest = (dates: Map<string, IsoDate> | undefined, ids: readonly string[]): IsoDate | null => {
  let best: IsoDate | null = null;
  for (const id of ids) {
    const d = dates?.get(id);
    if (d && (best === null || d > best)) best = d;
  }
  return best;
};

/** The transitions that end a case in each way (reconsideration machine, §15.2). The decision is made at T28. */
const outcomeTransitions: Record<CaseOutcomeKind, readonly string[]> = {
  abandoned: ["T6"],
  not_accepted: ["T7"],
  decided: ["T28"],
  mediated: ["T17"],
  withdrawn: ["T19", "T23"],
  terminated: ["T22", "T23-ground"],
  dismissed: ["T26"],
};

interface CaseRow {
  id: string;
  organId: string | null;
  category: string | null;
  channel: string | null;
  receivedAt: Date | null;
  updatedAt: Date;
  data: unknown;
}

/**
 * A stored case as the statistics read it. The decision counts from the day it was made (T28, approved and sealed),
 * before its service sets the machine's outcome (T29). A case without the event (imported rows) falls back on the
 * dates the state holds, then on its last change.
 */
export function toStatCase(
  row: CaseRow,
  dates: Map<string, IsoDate> | undefined,
  consultation: { adoption: AdoptionOutcome | null; createdOn: IsoDate } | null,
): StatCase {
  const s = row.data as Partial<CaseState>;
  const changedOn = legalDate(row.updatedAt)!;
  const madeOn = latest(dates, ["T28"]) ?? (s.outcome?.kind === "decided" && s.decision ? (s.decision.servedOn ?? changedOn) : null);
  const kind: CaseOutcomeKind | null = s.outcome?.kind ?? (madeOn ? "decided" : null);
  const outcomeOn = kind
    ? (latest(dates, outcomeTransitions[kind]) ?? (kind === "decided" ? madeOn : kind === "mediated" ? (s.mediationDocument?.effectiveOn ?? null) : null) ?? changedOn)
    : null;
  const referral = s.committeeReferral;
  return {
    id: row.id,
    organId: row.organId,
    category: row.category,
    channel: row.channel,
    receivedOn: row.receivedAt ?? s.receivedOn ?? null,
    acceptedOn: s.acceptedAt ?? null,
    decision: madeOn && s.decision && (decisionTypes as readonly string[]).includes(s.decision.type) ? { type: s.decision.type, madeOn } : null,
    outcome: kind && outcomeOn ? { kind, on: outcomeOn, ...(kind === "withdrawn" ? { settlement: dates?.has("T19") ?? false } : {}) } : null,
    mediationAttempted:
      Boolean(dates?.has("T15") || dates?.has("T17") || dates?.has("T19")) ||
      Boolean(s.mediationActive || s.mediationDocument) ||
      s.suspension?.ground === "mediation_or_settlement",
    committee:
      referral && referral.status !== "none"
        ? {
            referredOn: latest(dates, ["T14"]) ?? consultation?.createdOn ?? changedOn,
            status: referral.status,
            adoption: consultation?.adoption ?? null,
            adoptionRecordedOn: referral.adoptionRecorded ? latest(dates, ["T27-adoption"]) : null,
          }
        : null,
  };
}

const mediationOutcomeTransitions: Record<NonNullable<MediationState["outcome"]>["kind"], readonly string[]> = {
  routed: ["M2"],
  declined: ["M6"],
  failed: ["M10", "M10-expired"],
  performed: ["M11"],
  breached: ["M11"],
  withdrawn: ["M13"],
};

interface Facts {
  cases: StatCase[];
  deadlines: StatDeadline[];
  letters: StatLetter[];
  mediation: StatMediationRequest[];
  ratings: StatRating[];
  court: CourtInstance[];
}

/** The cases, letters and mediation requests of these organs (a mediation request also by the organ that mediates it). */
function selectProcesses(q: Queryable, organIds: string[]) {
  return q
    .select({
      id: cases.id,
      machine: cases.machine,
      organId: cases.organId,
      category: cases.category,
      channel: cases.channel,
      receivedAt: cases.receivedAt,
      updatedAt: cases.updatedAt,
      data: cases.data,
    })
    .from(cases)
    .where(
      or(
        and(inArray(cases.machine, ["reconsideration", "letter", "mediation"]), inArray(cases.organId, organIds)),
        // TRIAGE names the organ that mediates; the dispute center that logged the request holds the row
        and(eq(cases.machine, "mediation"), inArray(sql<string>`${cases.data}->>'organId'`, organIds)),
      ),
    );
}

async function loadFacts(q: Queryable, organIds: readonly string[]): Promise<Facts> {
  const facts: Facts = { cases: [], deadlines: [], letters: [], mediation: [], ratings: [], court: [] };
  if (organIds.length === 0) return facts;
  facts.court = (await courtInstancesOf(q, organIds)).map(toCourtInstance);
  const rows: Awaited<ReturnType<typeof selectProcesses>> = [];
  for (const part of chunks(organIds)) rows.push(...(await selectProcesses(q, part)));
  // A mediation request belongs to the organ that mediates it (TRIAGE), else to the center that logged it; a row
  // found through the center whose mediating organ the user does not cover is left out, with its deadlines.
  const inScope = new Set(organIds);
  const organOf = new Map<string, string | null>();
  const unique = rows.filter((r) => {
    if (organOf.has(r.id)) return false;
    const organ = r.machine === "mediation" ? ((r.data as Partial<MediationState>).organId ?? r.organId) : r.organId;
    if (!organ || !inScope.has(organ)) return false;
    organOf.set(r.id, organ);
    return true;
  });
  const reconsideration = unique.filter((r) => r.machine === "reconsideration" && (r.data as { state?: string }).state !== "DRAFT");
  const letters = unique.filter((r) => r.machine === "letter");
  const mediation = unique.filter((r) => r.machine === "mediation");
  const ids = unique.map((r) => r.id);
  const dates = await transitionDates(q, ids);

  // ---- consultations (their own rows, parent_case_id → the case): the adoption outcome and when the referral began
  const consultations = new Map<string, { adoption: AdoptionOutcome | null; createdOn: IsoDate }>();
  for (const part of chunks(reconsideration.map((r) => r.id))) {
    const found = await q
      .select({ parentCaseId: cases.parentCaseId, createdAt: cases.createdAt, data: cases.data })
      .from(cases)
      .where(and(eq(cases.machine, "consultation"), inArray(cases.parentCaseId, part)))
      .orderBy(asc(cases.createdAt), asc(cases.id));
    for (const c of found) {
      if (!c.parentCaseId) continue;
      const adoption = (c.data as Partial<ConsultationState>).adoption?.outcome ?? null;
      const before = consultations.get(c.parentCaseId);
      // the latest referral counts; an earlier one that recorded an adoption is kept over a later one without
      if (before?.adoption && !adoption) continue;
      consultations.set(c.parentCaseId, { adoption, createdOn: legalDate(c.createdAt)! });
    }
  }
  facts.cases = reconsideration.map((r) => toStatCase(r, dates.get(r.id), consultations.get(r.id) ?? null));

  // ---- deadlines of every process of these organs
  const deadlineRows: { caseId: string; kind: string; status: StatDeadline["status"]; dueDate: string; closedAt: Date | null; createdAt: Date }[] = [];
  for (const part of chunks(ids)) {
    deadlineRows.push(
      ...(await q
        .select({ caseId: deadlines.caseId, kind: deadlines.kind, status: deadlines.status, dueDate: deadlines.dueDate, closedAt: deadlines.closedAt, createdAt: deadlines.createdAt })
        .from(deadlines)
        .where(inArray(deadlines.caseId, part))
        .orderBy(asc(deadlines.createdAt), asc(deadlines.id))),
    );
  }
  facts.deadlines = deadlineRows.map((d) => ({ kind: d.kind, status: d.status, dueDate: d.dueDate, closedOn: d.closedAt, organId: organOf.get(d.caseId) ?? null }));

  // ---- letters: the report period (opinion_letter_report) and the first report, filed in the workspace or recorded (L3)
  const letterIds = letters.map((l) => l.id);
  const firstReport = new Map<string, IsoDate>();
  for (const part of chunks(letterIds)) {
    const reports = await q
      .select({ subjectId: followUpReports.subjectId, filedAt: followUpReports.filedAt })
      .from(followUpReports)
      .where(and(inArray(followUpReports.subjectId, part), eq(followUpReports.kind, "rectification")));
    for (const r of reports) {
      const on = legalDate(r.filedAt)!;
      const before = firstReport.get(r.subjectId);
      if (!before || on < before) firstReport.set(r.subjectId, on);
    }
  }
  const reportPeriod = new Map<string, string>();
  for (const d of deadlineRows) if (d.kind === "opinion_letter_report" && !reportPeriod.has(d.caseId)) reportPeriod.set(d.caseId, d.dueDate);
  facts.letters = letters.map((l) => {
    const recorded = dates.get(l.id)?.get("L3") ?? null;
    const filed = firstReport.get(l.id) ?? null;
    return {
      id: l.id,
      type: ((l.data as { type?: LetterType }).type ?? "opinion") as LetterType,
      organId: l.organId,
      reportDueOn: reportPeriod.get(l.id) ?? null,
      reportedOn: filed && recorded ? (filed < recorded ? filed : recorded) : (filed ?? recorded),
    };
  });

  // ---- administrative mediation requests
  facts.mediation = mediation.map((m) => {
    const s = m.data as Partial<MediationState>;
    const own = dates.get(m.id);
    const outcome = s.outcome ?? null;
    return {
      id: m.id,
      organId: organOf.get(m.id) ?? null,
      acceptedOn: latest(own, ["M5"]),
      agreementSignedOn: s.agreement?.signedOn ?? null,
      outcome: outcome ? { kind: outcome.kind, on: latest(own, mediationOutcomeTransitions[outcome.kind]) ?? legalDate(m.updatedAt)! } : null,
    };
  });

  // ---- 好差评 on these organs' cases
  for (const part of chunks(reconsideration.map((r) => r.id))) {
    const found = await q
      .select({ caseId: ratings.caseId, score: ratings.score, createdAt: ratings.createdAt })
      .from(ratings)
      .where(inArray(ratings.caseId, part));
    facts.ratings.push(...found.map((r) => ({ caseId: r.caseId, organId: organOf.get(r.caseId) ?? null, score: r.score, ratedAt: r.createdAt })));
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------------------------
// Computing

interface Computed {
  volumes: ReturnType<typeof caseVolumes>;
  correction: ReturnType<typeof correctionRate>;
  mediationWithdrawal: ReturnType<typeof mediationWithdrawalRate>;
  overdue: ReturnType<typeof overdueNow>;
}

function core(f: Facts, period: Period, today: IsoDate, settings: { countConfirmVoidAsCorrection: boolean }): Computed {
  return {
    volumes: caseVolumes(f.cases, period),
    correction: correctionRate(f.cases, { period, settings }),
    mediationWithdrawal: mediationWithdrawalRate(f.cases, { period }),
    overdue: overdueNow(f.deadlines, today),
  };
}

const ratio = (r: Rate) => ({ numerator: r.numerator, denominator: r.denominator, value: r.value });

function metricRow(key: string, r: Rate, format: MetricRow["format"] = "percent", extra: Partial<MetricRow> = {}): MetricRow {
  return { key, format, ...ratio(r), definition: shown(r.definition), ...extra };
}

function subset(f: Facts, ids: Set<string>): Facts {
  const mine = (o: { organId?: string | null }) => Boolean(o.organId && ids.has(o.organId));
  return {
    cases: f.cases.filter(mine),
    deadlines: f.deadlines.filter(mine),
    letters: f.letters.filter(mine),
    mediation: f.mediation.filter(mine),
    ratings: f.ratings.filter(mine),
    court: f.court.filter(mine),
  };
}

function drillRow(organ: StatOrgan, linkable: boolean, c: Computed): DrillRow {
  return {
    code: organ.code,
    name: organ.name,
    linkable,
    received: c.volumes.received,
    accepted: c.volumes.accepted,
    closed: c.volumes.closed,
    correction: ratio(c.correction),
    mediationWithdrawal: ratio(c.mediationWithdrawal),
    overdueNow: c.overdue.numerator,
  };
}

const levelOrder: readonly OrganLevel[] = ["region", "league_city", "banner_county", "sumu_township"];

/**
 * The figures of `period` for the area of one government (`organCode`; by default the highest the user covers),
 * counting only the organs the user's office_head and admin memberships cover. 404: no such government; 403: a
 * government the user covers nothing of at its own level.
 */
export async function getStatistics(args: { user: CurrentUser; period: CompliancePeriod; organCode?: string; now?: Date }): Promise<StatsResult> {
  const q = getDb();
  const today = todayInShanghai(args.now ?? new Date());
  const covered = new Set(await complianceOrgans(q, args.user));
  const all: StatOrgan[] = (
    await q
      .select({ id: organs.id, code: organs.code, name: organs.name, kind: organs.kind, level: organs.level, parentId: organs.parentId, divisionCode: organs.divisionCode })
      .from(organs)
  ).map((o) => ({ ...o, kind: o.kind as StatOrgan["kind"], level: o.level as OrganLevel }));
  const byId = new Map(all.map((o) => [o.id, o]));
  const coveredOrgans = [...covered].map((id) => byId.get(id)).filter((o): o is StatOrgan => Boolean(o));

  // A government is the user's to open when they cover it, or a body at its level inside it (a department's head).
  const selectable = (g: StatOrgan) =>
    covered.has(g.id) || coveredOrgans.some((o) => o.level === g.level && governmentAt(o, g.level, all)?.id === g.id);
  let selected: StatOrgan | undefined;
  if (args.organCode) {
    selected = all.find((o) => o.code === args.organCode && o.kind === "government");
    if (!selected) return { ok: false, status: 404 };
    if (!selectable(selected)) return { ok: false, status: 403 };
  } else {
    const candidates = coveredOrgans
      .map((o) => (o.kind === "government" ? o : governmentAt(o, o.level, all)))
      .filter((g): g is StatOrgan => Boolean(g))
      .sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    selected = candidates[0];
    if (!selected) return { ok: false, status: 403 };
  }

  // The area: every organ whose division code lies in the selected government's, at its level; of these, the covered.
  const division = divisionAt(selected.divisionCode, selected.level);
  const scoped = all.filter((o) => covered.has(o.id) && division !== null && divisionAt(o.divisionCode, selected.level) === division);
  const settings = await loadSettings(q);
  const facts = await loadFacts(
    q,
    scoped.map((o) => o.id),
  );
  const period: Period = { from: args.period.from, to: args.period.to };
  const main = core(facts, period, today, settings);

  const days = daysToDecision(facts.cases, { period });
  const committee = committeeReferrals(facts.cases, { period });
  const onTime = onTimeRates(facts.deadlines, { period });
  const rated = satisfaction(facts.ratings, { period });
  const court = headAppearanceRate(facts.court, { period, settings });
  const metrics: MetricRow[] = [
    metricRow("correction", main.correction, "percent", { national: { value: nationalFigures.correctionRate2023.value, key: "correction2023" } }),
    metricRow("mediationWithdrawal", main.mediationWithdrawal, "percent", {
      national: { value: nationalFigures.mediationWithdrawalRate.value, key: "mediationWithdrawal" },
    }),
    ...Object.entries(onTime)
      .filter(([, r]) => r.denominator > 0)
      .map(([kind, r]) => metricRow("onTime", r, "percent", { kind })),
    metricRow("overdueNow", main.overdue),
    metricRow("daysAverage", days.average, "days"),
    {
      key: "daysPercentile",
      format: "days",
      numerator: days.percentile.rank ?? 0,
      denominator: days.percentile.count,
      value: days.percentile.value,
      definition: shown(days.percentile.definition),
    },
    metricRow("committeeReferred", committee.referred),
    metricRow("committeeAdoption", committee.adoption),
    metricRow("performance", performanceCompliance(facts.deadlines, { period })),
    metricRow("letters", opinionLetterCompliance(facts.letters, { period, today })),
    metricRow("mediation", mediationSuccessRate(facts.mediation, { period })),
    metricRow("reconsiderationMediation", reconsiderationMediationSuccessRate(facts.cases, { period })),
    metricRow("satisfaction", rated, "score"),
    metricRow("headAppearance", court, "percent", { national: { value: nationalFigures.headAppearanceRate2020.value, key: "headAppearance2020" } }),
  ];

  // ---- drill-down: the selected level's own organs, then each government one level down the user may open
  let drill: StatsReport["drill"] = null;
  const split = drillDown(facts.cases, (c) => c.organId, all, selected.id);
  if (split) {
    const areaIdsOf = (g: StatOrgan, level: OrganLevel) => {
      const d = divisionAt(g.divisionCode, level);
      return new Set(scoped.filter((o) => d !== null && divisionAt(o.divisionCode, level) === d && levelOrder.indexOf(o.level) >= levelOrder.indexOf(level)).map((o) => o.id));
    };
    const ownIds = new Set(scoped.filter((o) => levelOrder.indexOf(o.level) <= levelOrder.indexOf(selected.level)).map((o) => o.id));
    drill = {
      own: drillRow(selected, false, core(subset(facts, ownIds), period, today, settings)),
      children: split.children
        .filter((b) => selectable(b.organ))
        .map((b) => drillRow(b.organ, true, core(subset(facts, areaIdsOf(b.organ, b.organ.level)), period, today, settings))),
    };
  }

  // ---- the governments above, for the way back up
  const trail = levelOrder
    .slice(0, levelOrder.indexOf(selected.level))
    .map((level) => governmentAt(selected, level, all))
    .filter((g): g is StatOrgan => Boolean(g))
    .map((g) => ({ code: g.code, name: g.name, linkable: selectable(g) }));

  const months = args.period.unit === "year" ? monthKeys(`${args.period.key}-01`, `${args.period.key}-12`) : [args.period.key];
  const corrections = correctionDecisionTypes(settings);
  return {
    ok: true,
    report: {
      period: args.period,
      today,
      organ: { id: selected.id, code: selected.code, name: selected.name, level: selected.level },
      trail,
      scope: [...new Set(args.user.memberships.filter((m) => statisticsRoles.includes(m.role)).map((m) => m.organName))],
      volumes: { received: main.volumes.received, accepted: main.volumes.accepted, closed: main.volumes.closed, definition: shown(main.volumes.definition) },
      monthly: months.map((month) => {
        const v = caseVolumes(facts.cases, periodOf(month));
        return { month, received: v.received, accepted: v.accepted, closed: v.closed };
      }),
      metrics,
      decisions: decisionTypes.map((type) => ({ type, count: main.correction.byType[type], correction: corrections.includes(type) })),
      onTime: Object.entries(onTime)
        .filter(([, r]) => r.denominator > 0)
        .map(([kind, r]) => ({ kind, met: r.numerator, stopped: r.denominator, value: r.value })),
      overdueByKind: Object.entries(main.overdue.byKind)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([kind, count]) => ({ kind, count })),
      satisfaction: ([1, 2, 3, 4, 5] as const).map((score) => ({ score, count: rated.distribution[score] })),
      drill,
      court: {
        registered: facts.court.length,
        rate: metricRow("headAppearance", court, "percent", { national: { value: nationalFigures.headAppearanceRate2020.value, key: "headAppearance2020" } }),
        notHeardInCourt: court.notHeardInCourt,
        meetsTarget: court.meetsTarget,
        targetPercent: court.targetPercent,
        national2020: nationalFigures.headAppearanceRate2020.value,
        byInstance: lawsuitInstances.map((instance) => {
          const r = headAppearanceRate(
            facts.court.filter((c) => c.instance === instance),
            { period, settings },
          );
          return { instance, counted: r.denominator, appeared: r.numerator };
        }),
      },
    },
  };
}
