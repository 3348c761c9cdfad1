// Triage (分流) in the one-stop dispute center (DOMAIN.md §16, 12.35): the routing rules of §16.1 (a)–(g) as data, and
// one pure function that turns an item into a suggestion { channel, organ, reasonKey, basis }; the triage clock.
// The rules are a PROPOSAL of DOMAIN.md, not law; each cites the law it leans on. The clerk confirms or overrides.
import { workingDaysBetween, type Calendar, type IsoDate } from "./calendar";
import type { CompetentOrgan } from "./competent-organ";
import { channels, disputeKinds, suggestedChannels, type Channel, type DisputeKind } from "./machines/mediation";
import type { MediationCategory } from "./mediation-request";
import type { SettingValues } from "./settings";
import "~/locales/areas/center";

export { channels, disputeKinds, type Channel, type DisputeKind };

/** Where an item came from (cases.channel). `online` items are filed by the citizen; the others a clerk enters. */
export const intakeSources = ["online", "walk_in", "hotline_12345", "petition_office", "national_platform"] as const;
export type IntakeSource = (typeof intakeSources)[number];
/** Entered by a clerk, or sent by the client system through the intake API (app/domain/intake.ts). */
export const clerkSources = ["walk_in", "hotline_12345", "petition_office", "national_platform"] as const;
export type ClerkSource = (typeof clerkSources)[number];

/** The machine a clerk-entered item becomes, as the clerk classifies it. */
export const itemKinds = ["reconsideration", "mediation"] as const;
export type ItemKind = (typeof itemKinds)[number];

/**
 * The command channel of the item's first transition. A walk-in reconsideration application is oral and is recorded on
 * the spot and signed by the applicant (Art. 22(3)); a transferred one arrives as written material (Art. 22(2)).
 */
export function submitChannel(kind: "reconsideration", source: ClerkSource): "oral" | "post" | "online";
export function submitChannel(kind: "mediation", source: ClerkSource): "walk_in" | "phone" | "letter" | "online";
export function submitChannel(kind: ItemKind, source: ClerkSource): string {
  // the national platform passes on what was filed online there
  if (source === "national_platform") return "online";
  if (kind === "reconsideration") return source === "walk_in" ? "oral" : "post";
  return source === "walk_in" ? "walk_in" : source === "hotline_12345" ? "phone" : "letter";
}

/** A slot of the organ directory the caller fills for the item's division (the rule names slots, not organs). */
export type OrganSlot = "competent" | "government" | "center" | "mediation_committee" | "court" | DutyDepartment;
/** Departments whose duties the civil disputes of the mediation categories relate to (db/seed.ts department slugs). */
export type DutyDepartment = "market" | "police" | "ecology" | "hrss" | "agriculture" | "housing";

export interface OrganRef {
  id: string;
  name: string;
}
export type OrganDirectory = Partial<Record<OrganSlot, OrganRef | null>>;

export interface RoutingRule {
  /** The item of DOMAIN.md 16.1. */
  item: "a" | "b" | "c" | "d" | "e" | "f" | "g";
  disputeKind: DisputeKind;
  /** Candidates in order: the first slot the directory fills gives the organ and the channel. */
  targets: readonly { slot: OrganSlot; channel: Channel }[];
  reasonKey: string;
  basis: string;
}

/** DOMAIN.md 16.1 (a)–(g). */
export const routingRules: readonly RoutingRule[] = [
  {
    // (a) an administrative act within Art. 11 → reconsideration at the competent organ (Arts. 24–28); Art. 20 period.
    item: "a",
    disputeKind: "administrative_act",
    targets: [
      { slot: "competent", channel: "reconsideration" },
      { slot: "government", channel: "reconsideration" },
    ],
    reasonKey: "center.rule.a",
    basis: "《行政复议法》第十一条、第二十条、第二十四条至第二十八条；DOMAIN.md 16.1(a)",
  },
  {
    // (b) a civil dispute related to an organ's duties → administrative mediation by that organ (12.01, 12.04–12.05).
    item: "b",
    disputeKind: "civil_related_to_duties",
    targets: [
      { slot: "market", channel: "administrative_mediation" },
      { slot: "police", channel: "administrative_mediation" },
      { slot: "ecology", channel: "administrative_mediation" },
      { slot: "hrss", channel: "administrative_mediation" },
      { slot: "housing", channel: "administrative_mediation" },
      { slot: "government", channel: "administrative_mediation" },
    ],
    reasonKey: "center.rule.b",
    basis: "《北京市行政调解办法》第三条、《辽宁省行政调解规定》第七条（参照）；DOMAIN.md 12.04、12.05、16.1(b)",
  },
  {
    // (c) neighbours or family → people's mediation (a committee may be asked; one side's refusal ends it, Art. 17).
    item: "c",
    disputeKind: "civil_neighbour_family",
    targets: [
      { slot: "mediation_committee", channel: "people_mediation" },
      { slot: "center", channel: "people_mediation" },
    ],
    reasonKey: "center.rule.c",
    basis: "《人民调解法》第十七条、第十八条；DOMAIN.md 16.1(c)",
  },
  {
    // (d) rural land contract → village committee or township mediation, then arbitration (农地调解仲裁法 Arts. 3–4).
    item: "d",
    disputeKind: "rural_land_contract",
    targets: [
      { slot: "mediation_committee", channel: "people_mediation" },
      { slot: "agriculture", channel: "administrative_mediation" },
      { slot: "government", channel: "administrative_mediation" },
    ],
    reasonKey: "center.rule.d",
    basis: "《农村土地承包经营纠纷调解仲裁法》第三条、第四条、第八条；DOMAIN.md 12.20、16.1(d)",
  },
  {
    // (e) complaints or suggestions not fitting (a)–(d) → petition (信访), registered and routed within 15 days.
    item: "e",
    disputeKind: "complaint_or_suggestion",
    targets: [{ slot: "government", channel: "petition" }],
    reasonKey: "center.rule.e",
    basis: "《信访工作条例》第二十二条、第二十三条、第三十一条第四项；DOMAIN.md 13.02–13.04、16.1(e)",
  },
  {
    // (f) lawsuit-related matters are separated out to the political-legal organs (信访工作条例 Art. 22, 28(2)).
    item: "f",
    disputeKind: "lawsuit_related",
    targets: [
      { slot: "court", channel: "litigation_guidance" },
      { slot: "government", channel: "litigation_guidance" },
    ],
    reasonKey: "center.rule.f",
    basis: "《信访工作条例》第二十二条、第二十八条第二款；DOMAIN.md 13.04、16.1(f)",
  },
  {
    // (g) an organ's mediation of a civil dispute is not reconsiderable (Art. 12(4)): civil suit guidance instead.
    item: "g",
    disputeKind: "objection_to_civil_mediation_by_organ",
    targets: [
      { slot: "court", channel: "litigation_guidance" },
      { slot: "government", channel: "litigation_guidance" },
    ],
    reasonKey: "center.rule.g",
    basis: "《行政复议法》第十二条第四项；DOMAIN.md 1.18、16.1(g)",
  },
];

/**
 * The dispute kind a mediation request's category suggests, and the department whose duties it concerns. The clerk
 * may classify differently; "other" fits none of (a)–(d), so it starts as (e).
 */
export const categoryRouting: Record<MediationCategory, { disputeKind: DisputeKind; department?: DutyDepartment }> = {
  consumer_rights: { disputeKind: "civil_related_to_duties", department: "market" },
  intellectual_property: { disputeKind: "civil_related_to_duties", department: "market" },
  // Traffic-accident compensation (道路交通安全法 Art. 74) and minor public-security disputes (治安调解) → police.
  traffic_accident: { disputeKind: "civil_related_to_duties", department: "police" },
  public_security: { disputeKind: "civil_related_to_duties", department: "police" },
  environmental_pollution: { disputeKind: "civil_related_to_duties", department: "ecology" },
  social_security: { disputeKind: "civil_related_to_duties", department: "hrss" },
  // House expropriation and its compensation are acts within Art. 11(5) (DOMAIN.md 12.07): reconsideration first.
  house_expropriation: { disputeKind: "administrative_act", department: "housing" },
  rural_land_contracting: { disputeKind: "rural_land_contract", department: "agriculture" },
  other: { disputeKind: "complaint_or_suggestion" },
};

export interface Suggestion {
  item: RoutingRule["item"];
  disputeKind: DisputeKind;
  channel: Channel;
  /** Null when no organ of the portal fits (a competent organ outside the portal, Arts. 25, 27): the clerk chooses. */
  organ: OrganRef | null;
  reasonKey: string;
  /** Values for the reason's message ({organ}, {article}). */
  reasonValues: Record<string, string>;
  basis: string;
  /** Warnings the clerk passes on: the Art. 20 period, reconsideration before suit (Art. 23). */
  warnings: string[];
}

export interface TriageInput {
  disputeKind: DisputeKind;
  /** The item's organs, looked up by the caller for the item's division. */
  organs: OrganDirectory;
  /** For a reconsideration application: the competent organ (Arts. 24–28) and the organ the applicant chose. */
  competent?: CompetentOrgan | null;
  applicantChoiceId?: string | null;
  /** Art. 23(1): reconsideration must precede suit for this act. */
  reconsiderationFirst?: boolean;
}

/** The rule for a dispute kind. */
export function ruleFor(kind: DisputeKind): RoutingRule {
  return routingRules.find((r) => r.disputeKind === kind)!;
}

/** The rules-based suggestion for one item (DOMAIN.md 16.1). Pure. */
export function suggestRouting(input: TriageInput): Suggestion {
  const rule = ruleFor(input.disputeKind);
  const warnings: string[] = [];
  const base = { item: rule.item, disputeKind: rule.disputeKind, basis: rule.basis, warnings };
  if (rule.item === "a") {
    warnings.push("center.warning.applicationPeriod"); // 16.1(a): show the Art. 20 deadline
    if (input.reconsiderationFirst) warnings.push("center.warning.reconsiderationFirst"); // Art. 23
    // reconsideration at `organ` (null: outside the portal), the reason naming the organ and the article it rests on
    const reconsiderationAt = (organ: OrganRef | null, organName: string, article: string, reasonKey: string): Suggestion => ({
      ...base,
      channel: "reconsideration",
      organ,
      reasonKey,
      reasonValues: { organ: organName, article },
      basis: `${article}；DOMAIN.md 16.1(a)`,
    });
    const c = input.competent;
    if (c && c.ok) {
      // The applicant may choose an alternative the law offers (Art. 24(4) second sentence, Art. 28).
      const chosen = c.alternatives.find((a) => a.organ.id === input.applicantChoiceId);
      if (chosen) return reconsiderationAt(ref(chosen.organ), chosen.organ.name, chosen.article, "center.reason.applicantChoice");
      return reconsiderationAt(ref(c.organ), c.organ.name, c.article, "center.reason.competent");
    }
    if (c && !c.ok && "externalName" in c) {
      // Arts. 25, 27: the competent organ is outside the portal; the clerk tells the applicant where to go.
      return reconsiderationAt(null, c.externalName, c.article, "center.reason.external");
    }
    if (c && !c.ok) {
      // Not an administrative organ at all (a court, a mediation body): Art. 12(4), 16.1(g).
      const g = ruleFor("objection_to_civil_mediation_by_organ");
      const target = pick(g, input.organs);
      return { ...base, item: g.item, channel: target?.channel ?? "litigation_guidance", organ: target?.organ ?? null, reasonKey: g.reasonKey, reasonValues: { organ: target?.organ.name ?? "" }, basis: g.basis };
    }
  }
  const target = pick(rule, input.organs);
  return { ...base, channel: target?.channel ?? rule.targets[0].channel, organ: target?.organ ?? null, reasonKey: rule.reasonKey, reasonValues: { organ: target?.organ.name ?? "" } };
}

function ref(o: { id: string; name: string }): OrganRef {
  return { id: o.id, name: o.name };
}

function pick(rule: RoutingRule, organs: OrganDirectory): { channel: Channel; organ: OrganRef } | null {
  for (const t of rule.targets) {
    const organ = organs[t.slot];
    if (organ) return { channel: t.channel, organ };
  }
  return null;
}

/** Whether a channel is one the rules allow for the kind (otherwise the machine asks for a reason, §16.1). */
export function channelFitsRules(kind: DisputeKind, channel: Channel): boolean {
  return suggestedChannels[kind].includes(channel);
}

/** A routing differs from the suggestion (and so needs a reason) when the channel or the organ differs. */
export function isOverride(suggestion: Pick<Suggestion, "channel" | "organ">, chosen: { channel: Channel; organId: string }): boolean {
  return suggestion.channel !== chosen.channel || suggestion.organ?.id !== chosen.organId;
}

// ---------------------------------------------------------------------------------------------------------------
// The triage clock

/**
 * T_TRIAGE for a reconsideration application (DOMAIN.md §16 `T_TRIAGE`, a platform setting, not law): 1 working day.
 * The 5-WD acceptance review (Art. 30(1)) runs from receipt, including receipt at the center, so the center must hand
 * the application on at once. Mediation requests use the setting `mediationTriageWorkdays` (DOMAIN.md 12.16).
 */
export const RECONSIDERATION_TRIAGE_WORKDAYS = 1;

export function triageTarget(machine: string, settings: Pick<SettingValues, "mediationTriageWorkdays">): number {
  return machine === "mediation" ? settings.mediationTriageWorkdays : RECONSIDERATION_TRIAGE_WORKDAYS;
}

export type TriageClockTone = "ok" | "due" | "overdue";

/** Working days since receipt (the receipt day not counted, Art. 88) against the target. */
export function triageClock(
  receivedOn: IsoDate,
  today: IsoDate,
  target: number,
  calendar: Calendar,
  rules: Pick<SettingValues, "countMakeupWorkdays">,
): { elapsed: number; target: number; tone: TriageClockTone } {
  const elapsed = today > receivedOn ? workingDaysBetween(receivedOn, today, calendar, rules) : 0;
  return { elapsed, target, tone: elapsed > target ? "overdue" : elapsed === target ? "due" : "ok" };
}
