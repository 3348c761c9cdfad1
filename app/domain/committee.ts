// The reconsideration committee (行政复议委员会, 《行政复议法》第五十二条) from the office's side: the referral form (the
// Art. 52(2) grounds and the questions), the roster's fields of expertise and how they match a case, who may not sit on
// a consultation and why (the conflict rules are the portal's: the committee's working rules are not published, DOMAIN.md
// 6.23), the committee period that must end 5 working days before the decision is due, the recusal decision and the
// adoption record (采纳情况说明, Art. 52(3), 61(3)). Pure: the service supplies the roster, the case and the calendar.
import * as z from "zod/mini";
import type { IsoDate } from "./machines/common";
import type { CommitteeGround } from "./machines/reconsideration";
import { CASE_NUMBER_PATTERN } from "./receipt";
import "~/locales/areas/committee";

// ---------------------------------------------------------------------------------------------------------------
// Fields of expertise

/** A member's fields of expertise (committee_members.fields). "administrative_law" is the general field. */
export const committeeFields = [
  "administrative_law",
  "public_security",
  "justice",
  "labour_social_security",
  "land",
  "ecology",
  "housing",
  "transport",
  "agriculture",
  "market_regulation",
  "tax",
  "expropriation",
  "information_disclosure",
] as const;
export type CommitteeField = (typeof committeeFields)[number];

/** The field of a department's sector, by the department's slug (the suffix of its organ code: "150100-market"). */
const sectorFieldOfDepartment: Record<string, CommitteeField> = {
  police: "public_security",
  justice: "justice",
  hrss: "labour_social_security",
  "natural-resources": "land",
  ecology: "ecology",
  housing: "housing",
  transport: "transport",
  agriculture: "agriculture",
  market: "market_regulation",
  tax: "tax",
};

/** Fields an act of each Art. 11 kind (the case's category) calls for, beyond the respondent's sector. */
const fieldsOfActKind: Partial<Record<string, readonly CommitteeField[]>> = {
  natural_resources: ["land"],
  expropriation: ["expropriation", "land", "housing"],
  work_injury: ["labour_social_security"],
  benefits_not_paid: ["labour_social_security"],
  information_disclosure: ["information_disclosure"],
  competition: ["market_regulation"],
  business_autonomy: ["market_regulation", "agriculture"],
};

/**
 * The fields a case calls for: administrative law always (every case reviews the legality and propriety of an act,
 * Art. 1), the field of the kind of act (the case's category, Art. 11) and the sector of the respondent department.
 */
export function caseFields(input: { category: string | null; respondentCode: string | null }): CommitteeField[] {
  const wanted = new Set<CommitteeField>(["administrative_law"]);
  for (const f of fieldsOfActKind[input.category ?? ""] ?? []) wanted.add(f);
  const slug = input.respondentCode?.includes("-") ? input.respondentCode.slice(input.respondentCode.lastIndexOf("-") + 1) : null;
  const sector = slug ? sectorFieldOfDepartment[slug] : undefined;
  if (sector) wanted.add(sector);
  return committeeFields.filter((f) => wanted.has(f));
}

/** The member's fields that the case calls for, in the list's order. */
export function matchedFields(memberFields: readonly string[], wanted: readonly CommitteeField[]): CommitteeField[] {
  return wanted.filter((f) => memberFields.includes(f));
}

// ---------------------------------------------------------------------------------------------------------------
// Conflicts and exclusion

export const memberKinds = ["department", "expert"] as const;
export type MemberKind = (typeof memberKinds)[number];
export const conflictKinds = ["employer", "organ_link", "party_link", "earlier_involvement"] as const;
export type ConflictKind = (typeof conflictKinds)[number];

export interface RegisterEntry {
  kind: ConflictKind;
  organId: string | null;
  partyName: string | null;
  caseId: string | null;
  note: string;
}

export interface RosterMember {
  id: string;
  userId: string;
  name: string;
  kind: MemberKind;
  employer: string;
  employerOrganId: string | null;
  fields: readonly string[];
  available: boolean;
  /** The member's register entries still in force (not ended). */
  conflicts: readonly RegisterEntry[];
}

export interface NamedOrgan {
  id: string;
  name: string;
}

/** What a consultation's exclusions are judged against. */
export interface SelectionCase {
  caseId: string;
  /** The respondent (被申请人, Art. 19): the organ that made the act. */
  respondent: NamedOrgan | null;
  /** Other organs behind the act: the bureau that dispatched a 分局 respondent (Art. 24(4)), a co-maker. */
  actOrgans: readonly NamedOrgan[];
  /** The parties by name: applicants and third parties (Arts. 14, 16). */
  parties: readonly string[];
}

/** Why a member may not sit on the consultation; the UI names it ("committee.exclusion.<code>"). */
export type ExclusionReason =
  | { code: "employed_by_respondent"; organ: string }
  | { code: "employed_by_act_organ"; organ: string }
  | { code: "employer_is_party"; party: string }
  | { code: "register_employer"; organ: string; note: string }
  | { code: "register_organ_link"; organ: string; note: string }
  | { code: "register_party_link"; party: string; note: string }
  | { code: "register_earlier_involvement"; organ: string | null; note: string };

const normal = (name: string) => name.replace(/[\s\u3000]+/g, "").toLowerCase();

/** Two names of one person or body: equal, or (for names of 4+ characters) one contained in the other ("某公司" ⊂ "某公司法务部"). */
export function sameParty(a: string, b: string): boolean {
  const x = normal(a);
  const y = normal(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 4 && long.includes(short);
}

/**
 * Why `member` may not advise on this case, from the roster (employer organ, employer as written) and the conflict
 * register: anyone linked to the respondent, to an organ behind the act or to a party, or involved in the act before.
 * The law names no recusal rule for the committee (DOMAIN.md 6.23, UNVERIFIED); this is the portal's, after the
 * impartiality the committee's advisory role under Art. 52 and 61(3) needs. An empty list: the member may sit.
 */
export function exclusionReasons(member: RosterMember, c: SelectionCase): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  const actOrgans = [...(c.respondent ? [c.respondent] : []), ...c.actOrgans];
  const organOf = (id: string | null) => (id ? actOrgans.find((o) => o.id === id) : undefined);
  const employerOrgan =
    organOf(member.employerOrganId) ?? actOrgans.find((o) => normal(o.name) === normal(member.employer) && normal(member.employer) !== "");
  if (employerOrgan) {
    reasons.push(
      employerOrgan.id === c.respondent?.id
        ? { code: "employed_by_respondent", organ: employerOrgan.name }
        : { code: "employed_by_act_organ", organ: employerOrgan.name },
    );
  }
  const employerParty = c.parties.find((p) => sameParty(p, member.employer));
  if (employerParty) reasons.push({ code: "employer_is_party", party: employerParty });
  for (const entry of member.conflicts) {
    const organ = organOf(entry.organId);
    if (entry.kind === "employer" && organ) reasons.push({ code: "register_employer", organ: organ.name, note: entry.note });
    else if (entry.kind === "organ_link" && organ) reasons.push({ code: "register_organ_link", organ: organ.name, note: entry.note });
    else if (entry.kind === "party_link" && entry.partyName) {
      const party = c.parties.find((p) => sameParty(p, entry.partyName!));
      if (party) reasons.push({ code: "register_party_link", party, note: entry.note });
    } else if (entry.kind === "earlier_involvement" && (entry.caseId === c.caseId || organ)) {
      reasons.push({ code: "register_earlier_involvement", organ: organ?.name ?? null, note: entry.note });
    }
  }
  return reasons;
}

export type SelectionStatus = "proposed" | "eligible" | "unavailable" | "excluded";

export interface SelectionRow {
  memberId: string;
  userId: string;
  name: string;
  kind: MemberKind;
  employer: string;
  fields: string[];
  matched: CommitteeField[];
  status: SelectionStatus;
  reasons: ExclusionReason[];
}

const statusOrder: Record<SelectionStatus, number> = { proposed: 0, eligible: 1, unavailable: 2, excluded: 3 };

/**
 * The roster as the secretary chooses from it: members with no conflict whose fields match the case are proposed
 * (most matching fields first), others without conflict are eligible, members marked unavailable are shown as such,
 * and members with a conflict are excluded with every reason — never selectable.
 */
export function selectMembers(roster: readonly RosterMember[], c: SelectionCase, wanted: readonly CommitteeField[]): SelectionRow[] {
  const rows = roster.map((m): SelectionRow => {
    const reasons = exclusionReasons(m, c);
    const matched = matchedFields(m.fields, wanted);
    const status: SelectionStatus = reasons.length > 0 ? "excluded" : !m.available ? "unavailable" : matched.length > 0 ? "proposed" : "eligible";
    return { memberId: m.id, userId: m.userId, name: m.name, kind: m.kind, employer: m.employer, fields: [...m.fields], matched, status, reasons };
  });
  return rows.sort(
    (a, b) => statusOrder[a.status] - statusOrder[b.status] || b.matched.length - a.matched.length || a.name.localeCompare(b.name, "zh-CN"),
  );
}

export type AssignmentCheck =
  | { ok: true; userIds: string[]; memberIds: string[] }
  | { ok: false; error: "none" | "unknown" | "excluded" | "unavailable"; name?: string };

/** The chosen members, if each is on the roster, available and free of conflict. */
export function checkAssignment(rows: readonly SelectionRow[], chosen: readonly string[]): AssignmentCheck {
  const ids = [...new Set(chosen)];
  if (ids.length === 0) return { ok: false, error: "none" };
  const picked: SelectionRow[] = [];
  for (const id of ids) {
    const row = rows.find((r) => r.memberId === id);
    if (!row) return { ok: false, error: "unknown" };
    if (row.status === "excluded") return { ok: false, error: "excluded", name: row.name };
    if (row.status === "unavailable") return { ok: false, error: "unavailable", name: row.name };
    picked.push(row);
  }
  return { ok: true, userIds: picked.map((r) => r.userId), memberIds: picked.map((r) => r.memberId) };
}

// ---------------------------------------------------------------------------------------------------------------
// The committee period

/** The consultation ends no later than this many working days before the decision is due (DOMAIN.md 6.23 default). */
export const DRAFTING_BUFFER_WORKDAYS = 5;

export type CommitteePeriod =
  | { ok: true; workdays: number; shortened: boolean }
  | { ok: false; available: number };

/**
 * The committee period if the referral is approved today: the setting (default 10 working days, DOMAIN.md 6.23), cut
 * so that it ends at least 5 working days before the decision is due (the Art. 62 period keeps running during the
 * consultation); none if fewer than one working day is left that way — extend the decision period first (Art. 62).
 * The consultation machine applies the same rule when the head approves (C1).
 */
export function committeePeriod(input: {
  today: IsoDate;
  decisionDueOn: IsoDate;
  settingWorkdays: number;
  workingDaysBetween: (from: IsoDate, to: IsoDate) => number;
}): CommitteePeriod {
  const available = input.workingDaysBetween(input.today, input.decisionDueOn) - DRAFTING_BUFFER_WORKDAYS;
  if (available < 1) return { ok: false, available };
  return available < input.settingWorkdays ? { ok: true, workdays: available, shortened: true } : { ok: true, workdays: input.settingWorkdays, shortened: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Forms (one schema each, on the client and in the action; messages are keys of the "committee" area)

const noControl = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);
const text = (required: string, max: number) =>
  z
    .string({ error: required })
    .check(z.trim(), z.minLength(1, required), z.maxLength(max, "committee.errors.tooLong"), z.refine(noControl, "committee.errors.tooLong"));
const optionalText = (max: number) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, "committee.errors.tooLong"), z.refine(noControl, "committee.errors.tooLong"))),
    z.transform((v: string | undefined) => (v ? v : undefined)),
  );
const optionalUuid = (message: string) =>
  z.pipe(
    z.pipe(
      z.optional(z.string()),
      z.transform((v: string | undefined) => (v ? v : undefined)),
    ),
    z.optional(z.string().check(z.uuid(message))),
  );

/** The grounds the office ticks; ground (3), the autonomous-region government's own act, is set from the respondent. */
export const chosenGrounds = ["major_complex", "technical", "necessary"] as const satisfies readonly CommitteeGround[];
export const MAX_QUESTIONS = 5;
export const MAX_QUESTION_LENGTH = 1000;

/**
 * The referral (Art. 52(2)): at least one ground — ticked, or the automatic one when the respondent is the autonomous-
 * region government (Art. 24(2), 52(2)(3)) —, a reason for "necessary" (Art. 52(2)(4)), and one to five questions.
 */
export function referralFormSchema(options: { regionGovernmentRespondent: boolean }) {
  return z
    .object({
      grounds: z._default(z.array(z.enum(chosenGrounds, { error: "committee.errors.groundRequired" })), []),
      otherReason: optionalText(2000),
      questions: z.pipe(
        z.pipe(
          z._default(z.array(z.string()), []),
          z.transform((qs: string[]) => qs.map((q) => q.trim()).filter((q) => q !== "")),
        ),
        z
          .array(z.string().check(z.maxLength(MAX_QUESTION_LENGTH, "committee.errors.tooLong"), z.refine(noControl, "committee.errors.tooLong")))
          .check(z.minLength(1, "committee.errors.questionRequired"), z.maxLength(MAX_QUESTIONS, "committee.errors.tooManyQuestions")),
      ),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.grounds.length === 0 && !options.regionGovernmentRespondent)
          ctx.addIssue({ code: "custom", path: ["grounds"], message: "committee.errors.groundRequired" });
        if (v.grounds.includes("necessary") && !v.otherReason)
          ctx.addIssue({ code: "custom", path: ["otherReason"], message: "committee.errors.otherReasonRequired" });
      }),
    );
}
export type ReferralForm = z.output<ReturnType<typeof referralFormSchema>>;

/** The grounds sent to the machine: those ticked, plus ground (3) when the respondent is the region government. */
export function referralGrounds(form: Pick<ReferralForm, "grounds">, regionGovernmentRespondent: boolean): CommitteeGround[] {
  const grounds = new Set<CommitteeGround>(form.grounds);
  if (regionGovernmentRespondent) grounds.add("region_government_act");
  return (["major_complex", "technical", "region_government_act", "necessary"] as const).filter((g) => grounds.has(g));
}

export const WithdrawReferralFormSchema = z.object({ reason: text("committee.errors.reasonRequired", 2000) });

export const AssignMembersFormSchema = z.object({
  members: z.array(z.string().check(z.uuid("committee.errors.memberRequired"))).check(z.minLength(1, "committee.errors.memberRequired")),
});

export const RecusalRequestFormSchema = z.object({
  memberId: z.string({ error: "committee.errors.memberRequired" }).check(z.uuid("committee.errors.memberRequired")),
  requestedBy: text("committee.errors.partyRequired", 200),
  reason: text("committee.errors.reasonRequired", 2000),
});

/** A recusal request is decided with reasons either way. */
export const RecusalDecisionFormSchema = z.object({
  requestId: z.string().check(z.uuid("committee.errors.badRequest")),
  granted: z.enum(["yes", "no"], { error: "committee.errors.decisionRequired" }),
  decisionReasons: text("committee.errors.reasonRequired", 2000),
});

export const adoptionOutcomes = ["adopted", "partly_adopted", "not_adopted"] as const;
export type AdoptionOutcome = (typeof adoptionOutcomes)[number];

/** The adoption record (Art. 52(3), 61(3)): reasons are required when the opinion is not (fully) adopted. */
export const AdoptionFormSchema = z
  .object({
    outcome: z.enum(adoptionOutcomes, { error: "committee.errors.outcomeRequired" }),
    reasons: optionalText(4000),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.outcome !== "adopted" && !v.reasons) ctx.addIssue({ code: "custom", path: ["reasons"], message: "committee.errors.adoptionReasons" });
    }),
  );

const yes = z.pipe(
  z.optional(z.string()),
  z.transform((v: string | undefined) => v === "yes"),
);

/** A roster entry: kind, employer (and its organ, when it is one of the portal's), fields of expertise, availability. */
export const RosterMemberFormSchema = z.object({
  kind: z.enum(memberKinds, { error: "committee.errors.kindRequired" }),
  employer: text("committee.errors.employerRequired", 200),
  employerOrganId: optionalUuid("committee.errors.organInvalid"),
  fields: z.array(z.enum(committeeFields, { error: "committee.errors.fieldRequired" })).check(z.minLength(1, "committee.errors.fieldRequired")),
  available: yes,
});
export const AddRosterMemberFormSchema = z.extend(RosterMemberFormSchema, {
  userId: z.string({ error: "committee.errors.userRequired" }).check(z.uuid("committee.errors.userRequired")),
});

/** A conflict-register entry: an organ for employer and organ links, a party's name for party links, an organ or a case for earlier involvement. */
export const ConflictEntryFormSchema = z
  .object({
    memberId: z.string({ error: "committee.errors.memberRequired" }).check(z.uuid("committee.errors.memberRequired")),
    kind: z.enum(conflictKinds, { error: "committee.errors.conflictKindRequired" }),
    organId: optionalUuid("committee.errors.organInvalid"),
    partyName: optionalText(200),
    caseNumber: z.pipe(optionalText(40), z.optional(z.string().check(z.regex(CASE_NUMBER_PATTERN, "committee.errors.caseNumberInvalid")))),
    note: text("committee.errors.noteRequired", 1000),
  })
  .check(
    z.superRefine((v, ctx) => {
      if ((v.kind === "employer" || v.kind === "organ_link") && !v.organId)
        ctx.addIssue({ code: "custom", path: ["organId"], message: "committee.errors.organRequired" });
      if (v.kind === "party_link" && !v.partyName) ctx.addIssue({ code: "custom", path: ["partyName"], message: "committee.errors.partyRequired" });
      if (v.kind === "earlier_involvement" && !v.organId && !v.caseNumber)
        ctx.addIssue({ code: "custom", path: ["organId"], message: "committee.errors.involvementRequired" });
    }),
  );
