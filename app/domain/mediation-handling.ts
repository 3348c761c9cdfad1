// The competent organ's handling of an administrative mediation request after triage (DOMAIN.md §16 M4–M12, §12.A–B):
// which forms the page offers in a state, each form's schema, the mediator conflict check, the agreement's content
// (调解协议书, 人民调解法 第二十八条、第二十九条) and what a termination notice tells about reconsideration (12.25, Art. 20).
// Pure: the service (app/services/mediation.server.ts) loads the facts and writes the rows. Messages are keys of the
// "mh" locale area.
import * as z from "zod/mini";
import { applicationDeadlineSchema, computeApplicationDeadline, type ApplicationDeadlineInput } from "./application-deadline";
import type { Calendar, IsoDate } from "./calendar";
import { sameParty } from "./committee";
import { mediationTransitions, type DisputeKind, type MediationCommandType, type MediationStateName } from "./machines/mediation";
import { renderExplanation, type DueSettings } from "./periods";
import type { Role } from "./roles";
import "~/locales/areas/mediation-handling";

// ---------------------------------------------------------------------------------------------------------------
// Forms and when they are offered

export const mediationIntents = [
  "accept",
  "decline",
  "assign_mediator",
  "declare_no_conflict",
  "remove_mediator",
  "start",
  "schedule_session",
  "record_session",
  "cancel_session",
  "extend",
  "agreement",
  "fail",
  "follow_up",
  "close",
] as const;
export type MediationIntent = (typeof mediationIntents)[number];

/** The machine command a form sends; null: the form writes rows of its own only (mediators, sessions, a visit). */
export const mediationCommandOf: Record<MediationIntent, MediationCommandType | null> = {
  accept: "ACCEPT_REQUEST",
  decline: "DECLINE_REQUEST",
  assign_mediator: null,
  declare_no_conflict: null,
  remove_mediator: null,
  start: "START_MEDIATION",
  schedule_session: null,
  record_session: null,
  cancel_session: null,
  extend: "EXTEND_MEDIATION",
  agreement: "SIGN_AGREEMENT",
  fail: "END_MEDIATION",
  follow_up: null,
  close: "CLOSE",
};

/** States in which mediators are assigned and sessions held (DOMAIN.md §16 ACCEPTED → IN_MEDIATION / EXTENDED). */
export const MEDIATING: readonly MediationStateName[] = ["ACCEPTED", "IN_MEDIATION", "EXTENDED"];
/** States in which sessions are held and an agreement is signed (the machine's M8/M9 `from`). */
export const IN_SESSION: readonly MediationStateName[] = ["IN_MEDIATION", "EXTENDED"];
/** The follow-up visit (回访, 12.14) comes after an agreement. */
export const FOLLOW_UP_STATES: readonly MediationStateName[] = ["AGREEMENT_SIGNED"];

export interface IntentFacts {
  state: MediationStateName;
  role: Role;
  /** The other party's answer to the latest invitation (人民调解法 第十七条): null while none was given. */
  otherPartyAnswer: "accepted" | "declined" | null;
  activeMediators: number;
  /** The user is an active mediator who has not yet declared no conflict. */
  mayDeclare: boolean;
  openSessions: number;
}

function machineAllows(command: MediationCommandType, state: MediationStateName, role: Role): boolean {
  return mediationTransitions.some((row) => row.command === command && row.from.includes(state) && (row.roles as readonly string[]).includes(role));
}

/**
 * The forms offered now. Commands follow the machine's table (state and role); on top of it: acceptance only once the
 * other party accepted, and after a refusal only the decline (12.03, 12.22: no mediation when one party refuses);
 * the follow-up visit only after an agreement (12.14).
 */
export function availableMediationIntents(f: IntentFacts): MediationIntent[] {
  return mediationIntents.filter((intent) => {
    const command = mediationCommandOf[intent];
    if (command && !machineAllows(command, f.state, f.role)) return false;
    switch (intent) {
      case "accept":
        return f.otherPartyAnswer === "accepted";
      case "decline":
        return true;
      case "assign_mediator":
        return MEDIATING.includes(f.state);
      case "declare_no_conflict":
        return MEDIATING.includes(f.state) && f.mayDeclare;
      case "remove_mediator":
        return MEDIATING.includes(f.state) && f.activeMediators > 0;
      case "start":
        return f.activeMediators > 0;
      case "schedule_session":
        return MEDIATING.includes(f.state);
      case "record_session":
      case "cancel_session":
        return IN_SESSION.includes(f.state) && f.openSessions > 0;
      case "follow_up":
        return FOLLOW_UP_STATES.includes(f.state);
      default:
        return true;
    }
  });
}

/** Decline grounds the form offers: after the other party refused, only that one (人民调解法 第十七条). */
export const declineGrounds = ["other_party_refused", "ineligible", "outside_scope", "other"] as const;
export function offeredDeclineGrounds(otherPartyAnswer: IntentFacts["otherPartyAnswer"]): readonly (typeof declineGrounds)[number][] {
  return otherPartyAnswer === "declined" ? ["other_party_refused"] : declineGrounds.filter((g) => g !== "other_party_refused");
}

// ---------------------------------------------------------------------------------------------------------------
// Form schemas

const text = (max: number) =>
  z.string({ error: "mh.errors.required" }).check(z.trim(), z.minLength(1, "mh.errors.required"), z.maxLength(max, "mh.errors.tooLong"));
const optionalText = (max: number) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, "mh.errors.tooLong"))),
    z.transform((v: string | undefined) => (v ? v : undefined)),
  );
const checkbox = z.pipe(
  z.optional(z.literal("yes")),
  z.transform((v: "yes" | undefined) => v === "yes"),
);
const date = z.iso.date({ error: "mh.errors.date" });
const uuid = z.uuid({ error: "mh.errors.choose" });

export const ineligibilityGrounds = ["in_people_mediation", "in_court", "in_arbitration", "already_settled"] as const;

/** M5 (12.06, 12.10): the grounds of ineligibility found (none: eligible) and the period the parties agreed, if any. */
export const AcceptFormSchema = z.object({
  ineligibility: z._default(z.array(z.enum(ineligibilityGrounds, { error: "mh.errors.choose" })), []),
  agreedDays: z.pipe(
    z.optional(
      z.union([
        z.literal(""),
        z.coerce.number({ error: "mh.errors.days" }).check(z.int("mh.errors.days"), z.gte(1, "mh.errors.days"), z.lte(90, "mh.errors.days")),
      ]),
    ),
    z.transform((v: number | "" | undefined) => (typeof v === "number" ? v : undefined)),
  ),
});

/** M6 (12.11): a refusal is written, with reasons. */
export const DeclineFormSchema = z.object({
  ground: z.enum(declineGrounds, { error: "mh.errors.choose" }),
  reasons: text(2000),
});

export const AssignMediatorFormSchema = z.object({ userId: uuid });
export const DeclareNoConflictFormSchema = z.object({ confirm: z.literal("yes", { error: "mh.errors.declare" }) });
/** 12.24: a party may object to the mediator; the objection (or another cause) is recorded as the reason. */
export const RemoveMediatorFormSchema = z.object({ mediatorId: uuid, reason: text(1000) });
export const StartFormSchema = z.object({});

export const sessionModes = ["in_person", "online", "phone"] as const;
/** A session: when (Asia/Shanghai, as a datetime-local field sends it), how, where or which link, who attends. */
export const ScheduleSessionFormSchema = z.object({
  scheduledAt: z.string({ error: "mh.errors.datetime" }).check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "mh.errors.datetime")),
  mode: z.enum(sessionModes, { error: "mh.errors.choose" }),
  place: text(300),
  participants: text(1000),
});
/** The minutes (调解笔录) of a held session. */
export const RecordSessionFormSchema = z.object({ sessionId: uuid, minutes: text(20000) });
export const CancelSessionFormSchema = z.object({ sessionId: uuid });

/** M8 (12.10): all parties consent to the extension. */
export const ExtendFormSchema = z.object({
  days: z.coerce.number({ error: "mh.errors.days" }).check(z.int("mh.errors.days"), z.gte(1, "mh.errors.days"), z.lte(60, "mh.errors.days")),
  allPartiesConsent: z.literal("yes", { error: "mh.errors.allConsent" }),
});

export const confirmationVias = ["signature", "online"] as const;
export type ConfirmationVia = (typeof confirmationVias)[number];
export const PERFORMANCE_ROWS = 3;

const PerformanceTermSchema = z.object({ obligor: text(100), obligation: text(1000), dueDate: date });
export type PerformanceTerm = z.output<typeof PerformanceTermSchema>;

/**
 * M9 (人民调解法 第二十八条、第二十九条; 12.26–12.27): the agreed content, the manner and time of performance (at least
 * one obligation), how each party confirmed (key `confirm.<role>.<position>`, checked against the case's parties by
 * agreementConfirmations), whether the agreement may go to a court for judicial confirmation (12.30: the mediator's
 * judgement; contested for agreements an organ mediated itself) and the follow-up period.
 */
export const AgreementFormSchema = z.object({
  terms: text(10000),
  performance: z.pipe(
    z
      .array(
        z.object({
          obligor: z._default(z.string().check(z.trim(), z.maxLength(100)), ""),
          obligation: z._default(z.string().check(z.trim(), z.maxLength(1000)), ""),
          dueDate: z._default(z.string().check(z.trim()), ""),
        }),
      )
      .check(z.maxLength(PERFORMANCE_ROWS)),
    z.transform((rows: { obligor: string; obligation: string; dueDate: string }[], ctx) => {
      const out: PerformanceTerm[] = [];
      rows.forEach((row, i) => {
        if (!row.obligor && !row.obligation && !row.dueDate) return;
        const parsed = PerformanceTermSchema.safeParse(row);
        if (parsed.success) out.push(parsed.data);
        else for (const issue of parsed.error.issues) ctx.issues.push({ code: "custom", path: [i, ...issue.path], message: issue.message, input: rows });
      });
      if (out.length === 0) ctx.issues.push({ code: "custom", path: [0, "obligation"], message: "mh.errors.performanceRequired", input: rows });
      return out;
    }),
  ),
  confirmations: z._default(
    z.record(z.string().check(z.regex(/^(applicant|other_party)\.\d{1,2}$/)), z.enum([...confirmationVias, ""], { error: "mh.errors.choose" })),
    {},
  ),
  judicialConfirmationEligible: checkbox,
  followUpDays: z.pipe(
    z.optional(
      z.union([
        z.literal(""),
        z.coerce.number({ error: "mh.errors.days" }).check(z.int("mh.errors.days"), z.gte(1, "mh.errors.days"), z.lte(365, "mh.errors.days")),
      ]),
    ),
    z.transform((v: number | "" | undefined) => (typeof v === "number" ? v : undefined)),
  ),
});
export type AgreementForm = z.output<typeof AgreementFormSchema>;

export const failReasons = ["no_agreement", "party_refused", "party_requested_stop"] as const;
/**
 * M10 (人民调解法 第二十六条; 12.25): why mediation ends. For an administrative act the date the applicant learned of
 * it (and whether they were told of the right to apply) is asked when the request does not hold it: the notice then
 * states the last day to apply for reconsideration (Art. 20). Those fields are read by applicationDeadlineSchema.
 */
export const FailFormSchema = z.object({ reason: z.enum(failReasons, { error: "mh.errors.choose" }), note: optionalText(2000) });

export const followUpMethods = ["phone", "visit", "online", "letter"] as const;
export const performanceStatuses = ["pending", "partly_performed", "performed", "breached"] as const;
export type PerformanceStatus = (typeof performanceStatuses)[number];
/** A follow-up visit (回访, 12.14, 12.35): date, method, what was found, notes. */
export function followUpFormSchema(today: IsoDate) {
  return z.object({
    visitedOn: date.check(z.refine((d) => d <= today, "mh.errors.dateFuture")),
    method: z.enum(followUpMethods, { error: "mh.errors.choose" }),
    performanceStatus: z.enum(performanceStatuses, { error: "mh.errors.choose" }),
    notes: text(4000),
  });
}
/** M11: a visit that finds the agreement performed or breached moves the request on; pending or partly does not. */
export function followUpCommand(status: PerformanceStatus): { type: "RECORD_FOLLOW_UP"; performed: boolean } | null {
  if (status === "performed") return { type: "RECORD_FOLLOW_UP", performed: true };
  if (status === "breached") return { type: "RECORD_FOLLOW_UP", performed: false };
  return null;
}

export const CloseFormSchema = z.object({ confirm: z.literal("yes", { error: "mh.errors.confirm" }) });

export const mediationFormSchemas = {
  accept: AcceptFormSchema,
  decline: DeclineFormSchema,
  assign_mediator: AssignMediatorFormSchema,
  declare_no_conflict: DeclareNoConflictFormSchema,
  remove_mediator: RemoveMediatorFormSchema,
  start: StartFormSchema,
  schedule_session: ScheduleSessionFormSchema,
  record_session: RecordSessionFormSchema,
  cancel_session: CancelSessionFormSchema,
  extend: ExtendFormSchema,
  agreement: AgreementFormSchema,
  fail: FailFormSchema,
  close: CloseFormSchema,
} as const;

/**
 * A posted form as the schemas read it: repeated `ineligibility`, the performance rows `performance.<i>.<field>` and the
 * confirmations `confirm.<role>.<position>` gathered; everything else by name (first value wins).
 */
export function readMediationForm(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ineligibility: unknown[] = [];
  const performance: Record<string, string>[] = [];
  const confirmations: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const perf = key.match(/^performance\.(\d)\.(obligor|obligation|dueDate)$/);
    const conf = key.match(/^confirm\.((?:applicant|other_party)\.\d{1,2})$/);
    if (key === "ineligibility") ineligibility.push(value);
    else if (perf && Number(perf[1]) < PERFORMANCE_ROWS && typeof value === "string") {
      const i = Number(perf[1]);
      while (performance.length <= i) performance.push({});
      performance[i][perf[2]] = value;
    } else if (conf) confirmations[conf[1]] = value;
    else if (!(key in out)) out[key] = value;
  }
  out.ineligibility = ineligibility;
  out.performance = performance;
  out.confirmations = confirmations;
  return out;
}

/** A datetime-local value read as Asia/Shanghai time (UTC+8, no daylight saving). */
export function shanghaiDateTime(value: string): Date {
  return new Date(`${value}:00+08:00`);
}

// ---------------------------------------------------------------------------------------------------------------
// Mediator conflict check (as for the committee: app/domain/committee.ts exclusionReasons)

export interface MediatorCandidate {
  userId: string;
  name: string;
}
export interface MediatorCaseFacts {
  /** Recorded conflicts (case_conflicts) of this request: never assigned. */
  conflicts: readonly { userId: string; reason: string }[];
  /** Accounts of the parties: the filer, party rows with an account, the invited other party's account. */
  partyUserIds: readonly string[];
  /** The parties by name (applicants, other parties). */
  partyNames: readonly string[];
  /** Mediators already assigned and not removed. */
  activeMediatorIds: readonly string[];
}
export type MediatorExclusion =
  | { code: "recorded_conflict"; reason: string }
  | { code: "is_party" }
  | { code: "same_name_as_party"; party: string }
  | { code: "already_assigned" };

/**
 * Why a staff member may not mediate this request: a conflict recorded on it, being a party (or holding a party's
 * account), a name that is a party's, or being assigned already. Impartiality: 人民调解法 第二十二条（参照）, the parties'
 * right to choose and object (第二十三条, 12.24). An empty list: may be assigned.
 */
export function mediatorExclusions(candidate: MediatorCandidate, f: MediatorCaseFacts): MediatorExclusion[] {
  const reasons: MediatorExclusion[] = [];
  const conflict = f.conflicts.find((c) => c.userId === candidate.userId);
  if (conflict) reasons.push({ code: "recorded_conflict", reason: conflict.reason });
  if (f.partyUserIds.includes(candidate.userId)) reasons.push({ code: "is_party" });
  const party = f.partyNames.find((p) => sameParty(p, candidate.name));
  if (party) reasons.push({ code: "same_name_as_party", party });
  if (f.activeMediatorIds.includes(candidate.userId)) reasons.push({ code: "already_assigned" });
  return reasons;
}

// ---------------------------------------------------------------------------------------------------------------
// The agreement

export interface AgreementParty {
  role: "applicant" | "other_party";
  position: number;
  name: string;
}
export interface Confirmation {
  party: "applicant" | "other_party";
  name: string;
  via: ConfirmationVia;
  confirmedAt: string;
}

/**
 * Each party's confirmation from the form (人民调解法 第二十九条: signed, sealed or fingerprinted; online confirmation
 * counts as a signature where the party confirmed in the portal). `allConfirmed` is what SIGN_AGREEMENT's
 * allPartiesSigned carries: the machine refuses the agreement otherwise.
 */
export function agreementConfirmations(parties: readonly AgreementParty[], given: Record<string, string>, at: Date): { confirmations: Confirmation[]; allConfirmed: boolean } {
  const confirmations: Confirmation[] = [];
  for (const p of parties) {
    const via = given[`${p.role}.${p.position}`];
    if (via === "signature" || via === "online") confirmations.push({ party: p.role, name: p.name, via, confirmedAt: at.toISOString() });
  }
  return { confirmations, allConfirmed: parties.length >= 2 && confirmations.length === parties.length };
}

// ---------------------------------------------------------------------------------------------------------------
// The termination notice: other channels (12.25) and, for an administrative act, the last day to apply (Art. 20)

export interface ReconsiderationAdvice {
  learnedOn: IsoDate;
  informed: boolean;
  rightLearnedOn: IsoDate | null;
  lastDay: IsoDate;
  provisional: boolean;
  passed: boolean;
  rule: "informed" | "uninformed" | "uninformed_capped";
  /** How the date was computed, in Chinese, as printed on the notice. */
  steps: string[];
}

/** Whether the notice must state the Art. 20 period: the dispute is over an administrative act (§16.1(a)). */
export const needsReconsiderationAdvice = (disputeKind: DisputeKind | null): boolean => disputeKind === "administrative_act";

/** The date to apply as the law engine computes it (application-deadline.ts), with its steps in Chinese for the notice. */
export function reconsiderationAdvice(input: ApplicationDeadlineInput, calendar: Calendar, settings: DueSettings, today: IsoDate): ReconsiderationAdvice {
  const r = computeApplicationDeadline(input, calendar, settings, today);
  return {
    learnedOn: input.learnedOn,
    informed: input.informed,
    rightLearnedOn: input.rightLearnedOn,
    lastDay: r.due,
    provisional: r.provisional,
    passed: r.passed,
    rule: r.rule,
    steps: renderExplanation(r.explanation, "zh-CN"),
  };
}

/** The date fields of the failure form, as the deadline tool reads them (the same schema: one rule, one reading). */
export const failDeadlineSchema = (today: IsoDate) => applicationDeadlineSchema(today);

/** What the filed request says about the act, if anything: { learnedOn, informed, rightLearnedOn }. */
export function filedActDates(filing: unknown): ApplicationDeadlineInput | null {
  const f = (filing ?? {}) as { learnedOn?: unknown; informed?: unknown; rightLearnedOn?: unknown; application?: { act?: Record<string, unknown> } };
  const act = f.application?.act ?? f;
  const learnedOn = typeof act.learnedOn === "string" && /^\d{4}-\d{2}-\d{2}$/.test(act.learnedOn) ? act.learnedOn : null;
  if (!learnedOn) return null;
  const informed = act.informed !== "no" && act.informed !== false;
  const right = typeof act.rightLearnedOn === "string" && /^\d{4}-\d{2}-\d{2}$/.test(act.rightLearnedOn) ? act.rightLearnedOn : null;
  return { learnedOn, informed, rightLearnedOn: informed ? null : right };
}
