// Case templates for the large-data seed (issue 8 req. 1): the life of a reconsideration case or a mediation request,
// driven through the app's own state machines (app/domain/machines) step by step on real dates, with the deadline rows
// the app's own timer bookkeeping (app/domain/deadlines.ts applyTimerEffectsToDeadlines) and the official calendar
// give, the events the app records for each step and the documents the steps issue. tests/bench/seed.ts then copies
// one template onto many cases with set-based SQL: states, data, deadlines, events and documents therefore agree with
// each other exactly as they would for a case handled in the portal — nothing here is hand-written state.
//
// A template is (path, day of receipt): the path is an outcome (upheld, withdrawn, mediated, …) with typical gaps
// between its steps; the case stands at the last step whose date is not after today. Old cases are therefore finished
// and recent ones spread over every stage of the procedure, as in a real office's books.
import { addCalendarDays, isWorkingDay, workingDaysBetween, type Calendar, type IsoDate } from "~/domain/calendar";
import { applyTimerEffectsToDeadlines, type DeadlineRow } from "~/domain/deadlines";
import {
  immediateFollowUps,
  mediationMachine,
  newCase,
  newMediationRequest,
  reconsiderationMachine,
  runTransition,
  type ActorRef,
  type Effect,
  type MachineContext,
  type TimerKey,
} from "~/domain/machines";
import { documentDefinitions, type DocumentKey } from "~/domain/machines/common";
import { isNumbered } from "~/domain/documents";
import { mediationCategories, type MediationCategory } from "~/domain/mediation-request";
import { categoryRouting } from "~/domain/triage";
import type { SettingValues } from "~/domain/settings";
import { deadlineCalendar } from "../../app/services/transitions.server";

/** Who acts in a step; seed.ts turns the role into the case's filer, handler, the organ's head, or no actor. */
export type ActorRole = "citizen" | "staff" | "head" | "respondent" | "clerk" | "system";

/** Stands for the case's own organ in mediation data (the organ a request is routed to); seed.ts replaces it per case. */
export const ORGAN_PLACEHOLDER = "00000000-0000-4000-8000-00000000b0b0";

interface StepSpec {
  type: string;
  /** Fields of the command besides `type`; a function of the step's date for commands that carry dates. */
  with?: Record<string, unknown> | ((day: IsoDate) => Record<string, unknown>);
  /** Calendar days after the previous step (moved on to a working day), or "expiry": the day after a timer ran out. */
  gap: number | { expiry: TimerKey };
  actor: ActorRole;
}

export interface PathSpec {
  name: string;
  machine: "reconsideration" | "mediation";
  /** Relative weight among the paths of its machine. */
  weight: number;
  /** Weight instead of `weight` for a case challenging a failure to act (Arts. 66, 69: only those may end in 驳回请求). */
  weightFailureToAct?: number;
  init?: () => Record<string, unknown>;
  steps: StepSpec[];
}

const s = (type: string, gap: StepSpec["gap"], actor: ActorRole, withFields?: StepSpec["with"]): StepSpec => ({ type, gap, actor, with: withFields });

// ---------------------------------------------------------------------------------------------------------------
// Reconsideration paths. Gaps follow the statutory periods (5 WD acceptance review, 10-day reply, 60-day decision):
// most steps come in time; the decision period is overrun now and then (a late approval), as in practice.

const submit = [s("SUBMIT", 0, "citizen", { channel: "online" })]; // T1; T2 (BEGIN_INTAKE_REVIEW) follows at once
const accept = [s("ACCEPT", 3, "staff", { procedure: "ordinary" })];
const toReply = [...accept, s("SERVE_COPY_ON_RESPONDENT", 2, "staff")];
const replied = [...toReply, s("FILE_REPLY", 8, "respondent", { evidenceAndBasisSubmitted: true })];
const heard = [...replied, s("RECORD_VIEWS_HEARD", 10, "staff", { mode: "online", applicantWillingToMediate: false })];
const decide = (decisionType: string, extra: Record<string, unknown> = {}) => [
  s("START_DRAFTING", 8, "staff"),
  s("SUBMIT_FOR_APPROVAL", 7, "staff", { decisionType, ...extra }),
  s("APPROVE_DECISION", 4, "head", { approvedBy: "organ_head" }),
  s("SERVE_DECISION", 4, "staff", (day) => ({ servedOn: day, method: "direct" })),
];
const archive = (gap = 40) => s("ARCHIVE", gap, "staff");
const hearingDay = (day: IsoDate) => addCalendarDays(day, 21);

export const reconsiderationPaths: PathSpec[] = [
  { name: "upheld", machine: "reconsideration", weight: 33, steps: [...submit, ...heard, ...decide("uphold"), archive()] },
  { name: "claim_rejected", machine: "reconsideration", weight: 0, weightFailureToAct: 18, steps: [...submit, ...heard, ...decide("reject_claim"), archive()] },
  {
    name: "upheld_then_sued",
    machine: "reconsideration",
    weight: 3,
    steps: [...submit, ...heard, ...decide("uphold"), s("REPORT_LITIGATION", 12, "staff", (day) => ({ filedOn: day })), archive(30)],
  },
  {
    name: "revoked_redo_performed",
    machine: "reconsideration",
    weight: 7,
    // T29 relays P1 (MONITOR_PERFORMANCE) to itself: the monitoring starts with the service
    steps: [
      ...submit,
      ...heard,
      ...decide("revoke", { redoOrdered: true, performanceDays: 30 }),
      s("REPORT_PERFORMANCE", 25, "respondent", { summary: "已重新作出行政行为并送达申请人" }),
      s("VERIFY_PERFORMANCE", 6, "staff"),
    ],
  },
  {
    name: "revoked_redo_refused",
    machine: "reconsideration",
    weight: 0.4,
    steps: [
      ...submit,
      ...heard,
      ...decide("revoke", { redoOrdered: true, performanceDays: 30 }),
      s("ORDER_TO_PERFORM", 40, "head", { reason: "unjustified_delay", explanation: "无正当理由拖延履行", days: 15, measures: ["interview"] }),
      s("REFER_FOR_SANCTIONS", { expiry: "order_to_perform" }, "head", { explanation: "经责令履行仍拒不履行" }),
    ],
  },
  { name: "confirmed_illegal", machine: "reconsideration", weight: 3, steps: [...submit, ...heard, ...decide("confirm_illegal"), archive()] },
  {
    name: "simplified",
    machine: "reconsideration",
    weight: 8,
    steps: [
      ...submit,
      s("ACCEPT", 2, "staff", { procedure: "simplified", simplifiedBasis: { kind: "art53_1", factsClearAndDisputeMinor: true, ground: "amount_up_to_3000", amountYuan: 2000 } }),
      s("SERVE_COPY_ON_RESPONDENT", 1, "staff"),
      s("FILE_REPLY", 4, "respondent", { evidenceAndBasisSubmitted: true }),
      s("START_DRAFTING", 4, "staff"),
      s("SUBMIT_FOR_APPROVAL", 3, "staff", { decisionType: "uphold" }),
      s("APPROVE_DECISION", 2, "head", { approvedBy: "organ_head" }),
      s("SERVE_DECISION", 3, "staff", (day) => ({ servedOn: day, method: "direct" })),
      archive(30),
    ],
  },
  {
    name: "not_accepted",
    machine: "reconsideration",
    weight: 10,
    steps: [...submit, s("REFUSE", 4, "staff", { failedConditions: ["within_period"], reasons: "超过法定申请期限，且无正当理由" })],
  },
  {
    name: "supplemented_upheld",
    machine: "reconsideration",
    weight: 5,
    steps: [
      ...submit,
      s("ISSUE_SUPPLEMENT_NOTICE", 3, "staff", (day) => ({ items: ["身份证明", "行政行为的决定书复印件"], servedOn: day })),
      s("SUBMIT_SUPPLEMENT", 6, "citizen"),
      ...heard,
      ...decide("uphold"),
      archive(),
    ],
  },
  {
    name: "abandoned",
    machine: "reconsideration",
    weight: 2.5,
    steps: [
      ...submit,
      s("ISSUE_SUPPLEMENT_NOTICE", 3, "staff", (day) => ({ items: ["申请人身份证明"], servedOn: day })),
      s("SUPPLEMENT_PERIOD_EXPIRED", { expiry: "supplement" }, "system"),
    ],
  },
  {
    name: "withdrawn",
    machine: "reconsideration",
    weight: 9,
    steps: [
      ...submit,
      ...replied,
      s("REQUEST_WITHDRAWAL", 12, "citizen", { reason: "已与被申请人和解" }),
      s("APPROVE_WITHDRAWAL", 3, "staff"),
      archive(20),
    ],
  },
  {
    name: "mediated",
    machine: "reconsideration",
    weight: 5,
    steps: [
      ...submit,
      ...heard,
      s("OPEN_MEDIATION", 5, "staff", { applicantWilling: true, respondentWilling: true }),
      s("SIGN_MEDIATION_DOCUMENT", 18, "staff", { allPartiesSigned: true, organSealed: true, respondentObligations: false }),
      archive(30),
    ],
  },
  {
    name: "mediation_failed_upheld",
    machine: "reconsideration",
    weight: 1,
    steps: [
      ...submit,
      ...heard,
      s("OPEN_MEDIATION", 5, "staff", { applicantWilling: true, respondentWilling: true }),
      s("MEDIATION_FAILED", 15, "staff", { reason: "no_agreement" }),
      ...decide("uphold"),
      archive(),
    ],
  },
  {
    name: "dismissed",
    machine: "reconsideration",
    weight: 3,
    steps: [
      ...submit,
      ...replied,
      s("DISMISS_APPLICATION", 12, "staff", { failedConditions: ["legal_interest"], reasons: "申请人与该行政行为无利害关系" }),
      archive(30),
    ],
  },
  {
    name: "hearing",
    machine: "reconsideration",
    weight: 2,
    steps: [
      ...submit,
      ...heard,
      s("SCHEDULE_HEARING", 4, "staff", (day) => ({ hearingDate: hearingDay(day), reason: "applicant_request" })),
      s("RECORD_HEARING", 21, "staff", { outcome: "held", respondentHeadAttended: true }),
      ...decide("uphold"),
      archive(),
    ],
  },
  {
    name: "committee",
    machine: "reconsideration",
    weight: 1.5,
    steps: [
      ...submit,
      ...heard,
      s("REFER_TO_COMMITTEE", 4, "staff", { grounds: ["technical"], questions: ["检测报告能否作为定案证据"] }),
      s("COMMITTEE_OPINION_RECEIVED", 18, "system"),
      s("START_DRAFTING", 5, "staff"),
      s("COMMITTEE_ADOPTION_RECORDED", 3, "system", { outcome: "adopted" }),
      ...decide("uphold").slice(1),
      archive(),
    ],
  },
  {
    name: "suspended",
    machine: "reconsideration",
    weight: 1.5,
    steps: [
      ...submit,
      ...heard,
      s("SUSPEND", 3, "staff", { ground: "party_unable", explanation: "被申请人所在地遭受雪灾，无法参加行政复议" }),
      s("RESUME", 35, "staff", { explanation: "中止原因已消除" }),
      ...decide("uphold"),
      archive(),
    ],
  },
  {
    name: "no_reply",
    machine: "reconsideration",
    weight: 1,
    steps: [...submit, ...toReply, s("REPLY_PERIOD_EXPIRED", { expiry: "respondent_reply" }, "system"), s("RECORD_VIEWS_HEARD", 6, "staff", { mode: "online", applicantWillingToMediate: false }), ...decide("revoke"), archive()],
  },
  {
    name: "extended",
    machine: "reconsideration",
    weight: 2,
    steps: [
      ...submit,
      ...heard,
      s("EXTEND_DECISION_PERIOD", 20, "head", { days: 30, reason: "案情复杂，需要补充调查" }),
      s("START_DRAFTING", 25, "staff"),
      s("SUBMIT_FOR_APPROVAL", 10, "staff", { decisionType: "vary" }),
      s("APPROVE_DECISION", 5, "head", { approvedBy: "collective_discussion" }),
      s("SERVE_DECISION", 4, "staff", (day) => ({ servedOn: day, method: "direct" })),
      archive(),
    ],
  },
  {
    name: "via_penalizing_organ",
    machine: "reconsideration",
    weight: 0.5,
    init: () => newCase({ onTheSpotPenalty: true }) as unknown as Record<string, unknown>,
    steps: [
      s("SUBMIT_VIA_PENALIZING_ORGAN", 0, "respondent"),
      s("FORWARD_APPLICATION", 3, "respondent"),
      s("ACCEPT", 3, "staff", { procedure: "simplified", simplifiedBasis: { kind: "art53_1", factsClearAndDisputeMinor: true, ground: "on_the_spot" } }),
      s("SERVE_COPY_ON_RESPONDENT", 1, "staff"),
      s("FILE_REPLY", 4, "respondent", { evidenceAndBasisSubmitted: true }),
      s("START_DRAFTING", 4, "staff"),
      s("SUBMIT_FOR_APPROVAL", 3, "staff", { decisionType: "uphold" }),
      s("APPROVE_DECISION", 2, "head", { approvedBy: "organ_head" }),
      s("SERVE_DECISION", 3, "staff", (day) => ({ servedOn: day, method: "direct" })),
      archive(30),
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Mediation requests (DOMAIN.md §16, §18): filed at the dispute center, triaged to the competent organ, mediated.

const mFile = [s("FILE_REQUEST", 0, "citizen", { channel: "online" })];
const mTriage = (category: MediationCategory): StepSpec => {
  const r = categoryRouting[category];
  return s("TRIAGE", 2, "clerk", { disputeKind: r.disputeKind, channel: "administrative_mediation", organId: ORGAN_PLACEHOLDER });
};
const mRouted = (): StepSpec => s("TRIAGE", 2, "clerk", { disputeKind: "complaint_or_suggestion", channel: "petition" });
const mStart = [s("CONTACT_OTHER_PARTY", 3, "staff"), s("ACCEPT_REQUEST", 4, "staff", { otherPartyConsented: true }), s("START_MEDIATION", 3, "staff")];
const mSign = s("SIGN_AGREEMENT", 18, "staff", { allPartiesSigned: true, judicialConfirmationEligible: false });

/** The mediation paths of one category: administrative mediation where the category has a competent department. */
export function mediationPathsFor(category: MediationCategory): PathSpec[] {
  const t = mTriage(category);
  const admin = Boolean(categoryRouting[category].department) || categoryRouting[category].disputeKind === "administrative_act";
  const routedOnly = (name: string, weight: number): PathSpec => ({ name, machine: "mediation", weight, steps: [...mFile, mRouted(), s("CLOSE", 5, "clerk")] });
  if (!admin) {
    // "other" fits no department: the clerk routes it to the petition channel (16.1(e)), or the citizen withdraws
    return [routedOnly("routed", 70), { name: "withdrawn", machine: "mediation", weight: 30, steps: [...mFile, s("WITHDRAW_REQUEST", 2, "citizen")] }];
  }
  return [
    { name: "agreement_performed", machine: "mediation", weight: 40, steps: [...mFile, t, ...mStart, mSign, s("RECORD_FOLLOW_UP", 30, "clerk", { performed: true }), s("CLOSE", 5, "clerk")] },
    { name: "agreement_breached", machine: "mediation", weight: 5, steps: [...mFile, t, ...mStart, mSign, s("RECORD_FOLLOW_UP", 30, "clerk", { performed: false }), s("CLOSE", 5, "clerk")] },
    {
      name: "extended_agreement",
      machine: "mediation",
      weight: 8,
      steps: [...mFile, t, ...mStart, s("EXTEND_MEDIATION", 20, "staff", { days: 15, allPartiesConsent: true }), s("SIGN_AGREEMENT", 8, "staff", { allPartiesSigned: true, judicialConfirmationEligible: false }), s("RECORD_FOLLOW_UP", 30, "clerk", { performed: true }), s("CLOSE", 5, "clerk")],
    },
    { name: "failed", machine: "mediation", weight: 17, steps: [...mFile, t, ...mStart, s("END_MEDIATION", 20, "staff", { reason: "no_agreement" }), s("CLOSE", 5, "clerk")] },
    { name: "declined", machine: "mediation", weight: 10, steps: [...mFile, t, s("DECLINE_REQUEST", 4, "staff", { ground: "ineligible", reasons: "纠纷已由人民法院受理" }), s("CLOSE", 3, "clerk")] },
    routedOnly("routed", 10),
    { name: "withdrawn", machine: "mediation", weight: 10, steps: [...mFile, t, s("WITHDRAW_REQUEST", 3, "citizen")] },
  ];
}

/** Mediation categories with their share of requests (a PROPOSAL for the bench: consumer disputes lead). */
export const mediationCategoryWeights: Record<MediationCategory, number> = {
  consumer_rights: 30,
  traffic_accident: 10,
  public_security: 6,
  environmental_pollution: 5,
  social_security: 14,
  house_expropriation: 5,
  intellectual_property: 3,
  rural_land_contracting: 12,
  other: 15,
};
export const mediationPathCount = 7;

// ---------------------------------------------------------------------------------------------------------------
// Driving a path.

export interface TemplateEvent {
  day: IsoDate;
  actor: ActorRole;
  action: string;
  payload: Record<string, unknown>;
}
export interface TemplateDeadline extends Omit<DeadlineRow, "id"> {
  closedDay: IsoDate | null;
  createdDay: IsoDate;
}
export interface TemplateDocument {
  day: IsoDate;
  kind: DocumentKey;
  basis: string;
  title: string;
  numbered: boolean;
  content: Record<string, unknown>;
  actor: ActorRole;
}
export interface Template {
  machine: "reconsideration" | "mediation";
  path: string;
  receivedDay: IsoDate;
  lastDay: IsoDate;
  state: string;
  version: number;
  data: Record<string, unknown>;
  /** min(due) of the running deadlines: what the trigger of migration 0007 keeps in cases.next_due_date. */
  nextDue: IsoDate | null;
  /** Day the dispute center routed it (mediation: TRIAGE), null while pending. */
  triagedDay: IsoDate | null;
  events: TemplateEvent[];
  deadlines: TemplateDeadline[];
  documents: TemplateDocument[];
}

const actorRef = (role: ActorRole): ActorRef => {
  switch (role) {
    case "citizen":
      return { role: "citizen", userId: "bench-applicant", relation: "applicant" };
    case "staff":
      return { role: "reconsideration_staff", userId: "bench-handler", relation: "handler" };
    case "head":
      return { role: "office_head", userId: "bench-head" };
    case "respondent":
      return { role: "respondent_agent", userId: "bench-respondent", relation: "respondent" };
    case "clerk":
      return { role: "center_clerk", userId: "bench-clerk" };
    case "system":
      return { system: true };
  }
};

function nextWorkingDay(day: IsoDate, calendar: Calendar, settings: SettingValues): IsoDate {
  let d = day;
  for (let i = 0; i < 14 && !isWorkingDay(d, calendar, settings); i++) d = addCalendarDays(d, 1);
  return d;
}

/**
 * Drives `path` from `receivedDay`, applying each step whose date is not after `today`, the way
 * applyInTransaction (app/services/transitions.server.ts) does: the machine's transition, its immediate follow-ups
 * and self-relays, the deadline changes, one event per transition, the documents issued.
 */
export function buildTemplate(
  path: PathSpec,
  receivedDay: IsoDate,
  today: IsoDate,
  rules: { calendar: Calendar; settings: SettingValues },
  failureToAct = false,
): Template {
  const machine = (path.machine === "reconsideration" ? reconsiderationMachine : mediationMachine) as unknown as Parameters<typeof runTransition>[0];
  const cal = deadlineCalendar(rules.calendar, rules.settings);
  let state = (path.init?.() ?? (path.machine === "reconsideration" ? newCase({ failureToAct }) : newMediationRequest())) as unknown as {
    state: string;
    version: number;
  } & Record<string, unknown>;
  const events: TemplateEvent[] = [{ day: receivedDay, actor: "citizen", action: `${path.machine}.created`, payload: { state: state.state } }];
  const rows: (DeadlineRow & { id: string; closedDay: IsoDate | null; createdDay: IsoDate })[] = [];
  const documents: TemplateDocument[] = [];
  let day = receivedDay;
  let triagedDay: IsoDate | null = null;
  let lastDay = receivedDay;
  for (const [n, step] of path.steps.entries()) {
    if (typeof step.gap === "number") day = step.gap === 0 ? day : nextWorkingDay(addCalendarDays(day, step.gap), rules.calendar, rules.settings);
    else {
      const timer = rows.find((r) => r.kind === (step.gap as { expiry: TimerKey }).expiry && r.status === "running");
      if (!timer) throw new Error(`${path.name}: no running ${step.gap.expiry} to expire`);
      day = addCalendarDays(timer.dueDate, 1);
    }
    if (day > today) break;
    const open = rows.filter((r) => r.status === "running" || r.status === "paused");
    const context: MachineContext = {
      actor: actorRef(step.actor),
      today: day,
      workingDaysBetween: (from, to) => workingDaysBetween(from, to, rules.calendar, rules.settings),
      expiredTimers: open.filter((d) => d.status === "running" && d.dueDate < day).map((d) => d.kind as TimerKey),
      settings: rules.settings,
    };
    const command = { type: step.type, ...(typeof step.with === "function" ? step.with(day) : (step.with ?? {})) };
    const first = runTransition(machine, state as never, command as never, context);
    if (!first.ok) throw new Error(`${path.name} step ${n} ${step.type} on ${day}: ${first.reason.code} ${first.reason.messageEn}`);
    const steps = [{ result: first, from: state.state, actor: step.actor, command: step.type }];
    for (let guard = 0; guard < 5; guard++) {
      const last = steps[steps.length - 1].result;
      const st = (last.next as { state: string }).state;
      const followUp =
        immediateFollowUps[path.machine]?.[st] ??
        (last.effects.find((e) => e.kind === "relay" && e.to === path.machine) as { command: { type: string } } | undefined)?.command;
      if (!followUp) break;
      const r = runTransition(machine, last.next as never, followUp as never, { ...context, actor: { system: true } });
      if (!r.ok) break;
      steps.push({ result: r, from: st, actor: "system", command: "automatic" });
    }
    const effects: Effect[] = steps.flatMap((x) => x.result.effects);
    const changes = applyTimerEffectsToDeadlines(open, effects, cal, day);
    const log: Record<string, unknown>[] = [];
    for (const c of changes) {
      if (c.op === "insert") {
        rows.push({ ...c.row, id: `d${rows.length}`, closedDay: null, createdDay: day });
        log.push({ op: "start", kind: c.row.kind, start: c.row.startDate, due: c.row.dueDate });
      } else {
        const i = rows.findIndex((r) => r.id === c.id);
        rows[i] = { ...rows[i], ...c.after, id: rows[i].id, closedDay: c.after.status === "running" || c.after.status === "paused" ? null : day, createdDay: rows[i].createdDay };
        log.push({ op: c.after.status, kind: c.after.kind, due: c.after.dueDate, dueBefore: c.before.dueDate });
      }
    }
    steps.forEach((x, i) => {
      const ev = x.result.effects.find((e) => e.kind === "recordEvent");
      const to = x.result.next as { state: string; version: number };
      events.push({
        day,
        actor: x.actor,
        action: ev && ev.kind === "recordEvent" ? ev.event : `${path.machine}.${x.result.transition}`,
        payload: {
          transition: x.result.transition,
          command: x.command,
          from: x.from,
          to: to.state,
          version: to.version,
          basis: ev && ev.kind === "recordEvent" ? ev.basis : undefined,
          note: ev && ev.kind === "recordEvent" ? ev.note : undefined,
          ...(i === steps.length - 1 ? { deadlines: log } : {}),
        },
      });
    });
    for (const e of effects) {
      if (e.kind !== "issueDocument") continue;
      documents.push({
        day,
        kind: e.document,
        basis: e.basis,
        title: documentDefinitions[e.document].zh,
        numbered: isNumbered(e.document),
        content: (e.data ?? {}) as Record<string, unknown>,
        actor: step.actor,
      });
    }
    if (step.type === "FILE_REQUEST" || step.type === "SUBMIT" || step.type === "SUBMIT_VIA_PENALIZING_ORGAN") {
      // the filing's own receipt event (app/services/filing.server.ts), after the first transition
      events.push({ day, actor: "citizen", action: "filing.received", payload: { files: 0, late: false, override: false } });
    }
    if (step.type === "TRIAGE") triagedDay = day;
    state = steps[steps.length - 1].result.next as unknown as typeof state;
    lastDay = day;
  }
  const running = rows.filter((r) => r.status === "running").map((r) => r.dueDate).sort();
  return {
    machine: path.machine,
    path: path.name,
    receivedDay,
    lastDay,
    state: state.state,
    version: state.version,
    data: state,
    nextDue: running[0] ?? null,
    triagedDay,
    events,
    deadlines: rows.map(({ id: _id, ...r }) => r),
    documents,
  };
}

export { mediationCategories };
