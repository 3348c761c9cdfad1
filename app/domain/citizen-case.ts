// What a citizen sees of their own case on /my/cases (issue 4 req. 9): the status in plain words, which recorded events
// and which fields of the documents served on them they may see, and the actions the law gives them at that moment.
// Labels are i18n keys of app/locales/areas/cases.ts; nothing here reads the database.
import * as z from "zod/mini";
import { runTransition, type Relation, type TransitionRow } from "./machines/common";
import { mediationMachine, mediationStates, type MediationStateName } from "./machines/mediation";
import { caseStates, preDecisionStates, reconsiderationMachine, type CaseStateName } from "./machines/reconsideration";
import "~/locales/areas/apply";
import "~/locales/areas/cases";

export const citizenMachines = ["reconsideration", "mediation"] as const;
export type CitizenMachine = (typeof citizenMachines)[number];

export function isCitizenMachine(value: string): value is CitizenMachine {
  return (citizenMachines as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Status in plain words. Several internal states read the same to the applicant (a draft decision awaiting the head's
// approval is, for them, still "正在审理"), so a change between them is not news on the timeline either.

export type StatusTone = "action" | "waiting" | "done";

const reconsiderationStatus: Record<CaseStateName, string> = {
  DRAFT: "draft",
  SUBMITTED: "submitted",
  FORWARDING_BY_PENALIZING_ORGAN: "forwarding",
  INTAKE_REVIEW: "intakeReview",
  AWAITING_SUPPLEMENT: "awaitingSupplement",
  ABANDONED: "abandoned",
  NOT_ACCEPTED: "notAccepted",
  ACCEPTED: "accepted",
  AWAITING_REPLY: "accepted",
  IN_REVIEW: "inReview",
  HEARING_SCHEDULED: "hearingScheduled",
  // Art. 52: the committee advises the organ; for the applicant the review simply goes on.
  COMMITTEE_CONSULTATION: "inReview",
  MEDIATION: "mediation",
  SUSPENDED: "suspended",
  DECISION_DRAFTING: "inReview",
  DECISION_APPROVAL: "inReview",
  DECISION_ISSUED: "decisionIssued",
  DECISION_EFFECTIVE: "decided",
  MEDIATION_DOCUMENT_EFFECTIVE: "mediated",
  APPLICATION_DISMISSED: "dismissed",
  TERMINATED: "terminated",
  PERFORMANCE_MONITORING: "performance",
  PERFORMANCE_REPORTED: "performance",
  ORDERED_TO_PERFORM: "performance",
  REFERRED: "performance",
  CLOSED: "closed",
};

const mediationStatus: Record<MediationStateName, string> = {
  DRAFT: "draft",
  RECEIVED: "mediationReceived",
  TRIAGED: "mediationTriaged",
  ROUTED: "mediationRouted",
  CONSENT_PENDING: "mediationConsentPending",
  ACCEPTED: "mediationAccepted",
  DECLINED: "mediationDeclined",
  IN_MEDIATION: "mediationInProgress",
  EXTENDED: "mediationExtended",
  AGREEMENT_SIGNED: "mediationAgreement",
  FAILED: "mediationFailed",
  PERFORMED: "mediationPerformed",
  BREACHED: "mediationBreached",
  CLOSED: "closed",
};

/**
 * The states in which the office's handling has come to an end for the applicant, so the service can be rated (好差评,
 * 国办发〔2019〕51号). Reconsideration: every outcome, including the decision once served (T29) and the performance
 * monitoring that follows it (P1 runs at once on service; waiting for the respondent to perform is not the office's
 * service). Mediation: every outcome of the request (routed, declined, agreement, failure) and the follow-up results.
 */
export const reconsiderationFinalStates = [
  "ABANDONED",
  "NOT_ACCEPTED",
  "APPLICATION_DISMISSED",
  "TERMINATED",
  "DECISION_EFFECTIVE",
  "MEDIATION_DOCUMENT_EFFECTIVE",
  "PERFORMANCE_MONITORING",
  "PERFORMANCE_REPORTED",
  "ORDERED_TO_PERFORM",
  "REFERRED",
  "CLOSED",
] as const satisfies readonly CaseStateName[];

export const mediationFinalStates = [
  "ROUTED",
  "DECLINED",
  "AGREEMENT_SIGNED",
  "FAILED",
  "PERFORMED",
  "BREACHED",
  "CLOSED",
] as const satisfies readonly MediationStateName[];

export function isFinalState(machine: CitizenMachine, state: string): boolean {
  const list: readonly string[] = machine === "reconsideration" ? reconsiderationFinalStates : mediationFinalStates;
  return list.includes(state);
}

/** The plain-words status of a state: `key` names it, `helpKey` says in one sentence what happens now. */
export function citizenStatus(machine: string, state: string): { group: string; key: string; helpKey: string; tone: StatusTone } {
  const table: Record<string, string> = machine === "reconsideration" ? reconsiderationStatus : machine === "mediation" ? mediationStatus : {};
  const group = table[state] ?? "unknown";
  const tone: StatusTone =
    group === "awaitingSupplement" ? "action" : isCitizenMachine(machine) && isFinalState(machine, state) ? "done" : "waiting";
  return { group, key: `cases.status.${group}`, helpKey: `cases.statusHelp.${group}`, tone };
}

/** Every status group, for the locale check. */
export const statusGroups: readonly string[] = [...new Set([...Object.values(reconsiderationStatus), ...Object.values(mediationStatus), "unknown"])];

// ---------------------------------------------------------------------------------------------------------------
// Actions the law gives the citizen now.

export const citizenActionKinds = ["answer_supplement", "request_hearing", "request_withdrawal", "add_evidence", "rate"] as const;
export type CitizenActionKind = (typeof citizenActionKinds)[number];

export interface CitizenAction {
  kind: CitizenActionKind;
  /** The machine command it sends; null for actions outside the machine (evidence, rating). */
  command: string | null;
  basis: string;
}

/** The citizen commands of the transition tables, by action. */
const actionCommands: Record<CitizenMachine, Partial<Record<string, CitizenActionKind>>> = {
  reconsideration: {
    SUBMIT_SUPPLEMENT: "answer_supplement",
    REQUEST_HEARING: "request_hearing",
    REQUEST_WITHDRAWAL: "request_withdrawal",
  },
  mediation: {
    WITHDRAW_REQUEST: "request_withdrawal",
  },
};

/** A harmless example of each command, to ask the machine whether its guards would let it through now. */
const probeCommands: Record<string, Record<string, unknown>> = {
  SUBMIT_SUPPLEMENT: { type: "SUBMIT_SUPPLEMENT" },
  REQUEST_HEARING: { type: "REQUEST_HEARING", reason: "probe" },
  REQUEST_WITHDRAWAL: { type: "REQUEST_WITHDRAWAL" },
  WITHDRAW_REQUEST: { type: "WITHDRAW_REQUEST" },
};

/** 《行政复议法》第四十三条、第四十四条: the applicant may bring evidence while the case is under way. */
export const EVIDENCE_BASIS = "《行政复议法》第四十三条、第四十四条";
export const RATING_BASIS = "《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》（国办发〔2019〕51号）";

const mediationOpenStates: readonly MediationStateName[] = ["RECEIVED", "TRIAGED", "CONSENT_PENDING", "ACCEPTED", "IN_MEDIATION", "EXTENDED"];

/** Where new evidence can still count: before the decision (reconsideration) or before the mediation has an outcome. */
export function acceptsEvidence(machine: CitizenMachine, state: string): boolean {
  return machine === "reconsideration" ? (preDecisionStates as readonly string[]).includes(state) : (mediationOpenStates as readonly string[]).includes(state);
}

/** The machine state object as stored on the case (cases.data); only `state` is required. */
export type CaseStateObject = { state: string } & Record<string, unknown>;

/**
 * What the citizen may do now. Machine actions come from the rows of the transition table open to role "citizen" in
 * this state, checked against the handler's own guards by a dry run (so a second hearing request, Art. 50(1), or a
 * hearing request in the simplified procedure is not offered). Evidence while the case is open (Arts. 43–44); the
 * rating only in a final state. `relation`: how the user stands to the case (the filer is the applicant).
 */
export function citizenActions(
  machine: CitizenMachine,
  caseState: CaseStateObject,
  options: { relation?: Relation; today?: string } = {},
): CitizenAction[] {
  const relation = options.relation ?? "applicant";
  const definition = (machine === "reconsideration" ? reconsiderationMachine : mediationMachine) as unknown as Parameters<typeof runTransition>[0];
  const table = definition.table as readonly TransitionRow<string, string>[];
  const actions: CitizenAction[] = [];
  for (const row of table) {
    const kind = actionCommands[machine][row.command];
    if (!kind || !row.roles.includes("citizen") || !row.from.includes(caseState.state)) continue;
    if (actions.some((a) => a.kind === kind)) continue;
    const result = runTransition(definition, caseState as never, probeCommands[row.command] as never, {
      actor: { role: "citizen", userId: "probe", relation },
      today: options.today ?? "2000-01-01",
    });
    if (result.ok) actions.push({ kind, command: row.command, basis: row.basis });
  }
  if (acceptsEvidence(machine, caseState.state)) actions.push({ kind: "add_evidence", command: null, basis: EVIDENCE_BASIS });
  if (isFinalState(machine, caseState.state)) actions.push({ kind: "rate", command: null, basis: RATING_BASIS });
  return actions;
}

/** What the withdrawal form must tell the applicant before they ask (Arts. 41(1), 74(2)); mediation has no such bar. */
export function withdrawalNoticeKey(machine: CitizenMachine): string {
  return machine === "reconsideration" ? "cases.withdraw.bar" : "cases.withdraw.mediationNote";
}
export const WITHDRAWAL_BASIS = "《行政复议法》第四十一条第一项、第七十四条第二款";

// ---------------------------------------------------------------------------------------------------------------
// The timeline: which recorded events a citizen sees, and how they read. Only labels, a status, a period and a date
// leave this function: never an actor, a note for the file, a request id or any other field of the event's payload.

export interface RecordedEvent {
  action: string;
  payload: unknown;
}

/** One line: its label key and, for some labels, a status key, a period with its due date, a count or a document kind. */
export interface TimelineItem {
  key: string;
  statusKey?: string;
  period?: string;
  due?: string;
  count?: number;
  document?: string;
}

/** Commands the citizen (or staff on their behalf) sends: each has its own line, whatever the state does. */
const requestEvents: Record<string, string> = {
  SUBMIT_SUPPLEMENT: "cases.event.supplementSubmitted",
  REQUEST_HEARING: "cases.event.hearingRequested",
  REQUEST_WITHDRAWAL: "cases.event.withdrawalRequested",
  REQUEST_SUPPLEMENT_EXTENSION: "cases.event.supplementExtensionRequested",
  WITHDRAW_REQUEST: "cases.event.mediationWithdrawn",
};

/** Steps that leave the state as it is but concern the applicant directly (a decision on their request, a notice). */
const visibleUnchanged: Record<string, string> = {
  RECORD_SUPPLEMENT_NOTICE_SERVICE: "cases.event.supplementNoticeServed",
  DECIDE_SUPPLEMENT_EXTENSION: "cases.event.supplementExtensionDecided",
  RECORD_VIEWS_HEARD: "cases.event.viewsHeard",
  RESCHEDULE_HEARING: "cases.event.hearingRescheduled",
  EXTEND_DECISION_PERIOD: "cases.event.decisionPeriodExtended",
  CONVERT_TO_ORDINARY: "cases.event.convertedToOrdinary",
  EXTEND_MEDIATION: "cases.event.mediationExtended",
};

/** Periods between organs (committee, normative-document referrals, letters) and internal follow-ups. */
const internalPeriods = new Set([
  "committee_opinion",
  "opinion_letter_report",
  "suggestion_letter_reply",
  "norm_notify",
  "norm_reply",
  "norm_handle",
  "norm_forward",
  "norm_forwarded_reply",
  "mediation_transfer",
  "mediation_followup",
]);

/** Whether the citizen sees a period of their case (deadline list and timeline). */
export function isCitizenVisiblePeriod(kind: string): boolean {
  return !internalPeriods.has(kind);
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The lines one recorded event of the case puts on the citizen's timeline (none for internal steps). */
export function citizenTimelineItems(machine: CitizenMachine, event: RecordedEvent): TimelineItem[] {
  const payload = obj(event.payload);
  if (event.action === "filing.received") return [{ key: "cases.event.filed" }];
  if (event.action === "case.evidence_added") {
    const count = typeof payload.files === "number" && Number.isInteger(payload.files) ? payload.files : 0;
    return [{ key: "cases.event.evidenceAdded", count }];
  }
  if (event.action === "case.rated") return [{ key: "cases.event.rated" }];
  if (!event.action.startsWith(`${machine}.`) || typeof payload.transition !== "string") return [];

  const command = str(payload.command);
  const from = str(payload.from);
  const to = str(payload.to);
  // The filing itself is the "filed" line; T1 (DRAFT → SUBMITTED) would say it twice.
  if (from === "DRAFT") return [];
  const items: TimelineItem[] = [];
  const label = (command && requestEvents[command]) ?? (command && visibleUnchanged[command]);
  if (label) items.push({ key: label });
  if (from && to && from !== to) {
    const before = citizenStatus(machine, from);
    const after = citizenStatus(machine, to);
    if (before.key !== after.key) items.push({ key: "cases.event.status", statusKey: after.key });
  }
  for (const d of Array.isArray(payload.deadlines) ? payload.deadlines : []) {
    const entry = obj(d);
    const kind = str(entry.kind);
    const due = str(entry.due);
    if (entry.op === "start" && kind && due && ISO_DATE.test(due) && isCitizenVisiblePeriod(kind)) {
      items.push({ key: "cases.event.deadlineStarted", period: kind, due });
    }
  }
  return items;
}

/** The timeline line of a document served on the citizen. */
export function documentTimelineItem(kind: string): TimelineItem {
  return { key: "cases.event.documentIssued", document: kind };
}

// ---------------------------------------------------------------------------------------------------------------
// Documents served on the citizen: the fields shown, by document kind. Anything not listed (internal flags such as who
// approved a decision, organ ids) stays out of the page.

export type DocumentFieldType = "list" | "text" | "date" | "bool" | "number" | "enum" | "enumList";
export interface DocumentField {
  field: string;
  labelKey: string;
  type: DocumentFieldType;
  value: string | number | boolean | string[];
}

const documentFieldTypes: Record<string, Record<string, DocumentFieldType>> = {
  supplement_notice: { items: "list" },
  acceptance_notice: { procedure: "enum", acceptedAt: "date", deemed: "bool" },
  refusal_decision: { failedConditions: "enumList", reasons: "text", competentOrgan: "text" },
  dismissal_decision: { failedConditions: "enumList", reasons: "text" },
  hearing_notice: { hearingDate: "date", reason: "enum" },
  extension_notice: { days: "number", reason: "text" },
  suspension_notice: { ground: "enum", explanation: "text", sixtyDayRule: "bool" },
  resumption_notice: { explanation: "text" },
  termination_decision: { ground: "enum", explanation: "text" },
  withdrawal_record: { refilingBarred: "bool" },
  decision: { type: "enum", partial: "bool", redoOrdered: "bool", performanceDays: "number" },
  mediation_refusal_notice: { ground: "enum", reasons: "text", otherChannels: "text" },
  mediation_termination_notice: { reason: "enum", otherChannels: "text" },
  transfer_letter: { reason: "text" },
};

/** The readable fields of a served document's content, in a fixed order; values of the wrong shape are left out. */
export function citizenDocumentFields(kind: string, content: unknown): DocumentField[] {
  const types = documentFieldTypes[kind] ?? {};
  const data = obj(content);
  const out: DocumentField[] = [];
  for (const [field, type] of Object.entries(types)) {
    const v = data[field];
    const labelKey = `cases.docField.${field}`;
    if (type === "list" || type === "enumList") {
      if (Array.isArray(v) && v.every((x) => typeof x === "string") && v.length) out.push({ field, labelKey, type, value: v as string[] });
    } else if (type === "bool") {
      if (typeof v === "boolean") out.push({ field, labelKey, type, value: v });
    } else if (type === "number") {
      if (typeof v === "number" && Number.isFinite(v)) out.push({ field, labelKey, type, value: v });
    } else if (type === "date") {
      if (typeof v === "string" && ISO_DATE.test(v)) out.push({ field, labelKey, type, value: v });
    } else if (typeof v === "string" && v.trim()) {
      out.push({ field, labelKey, type, value: v });
    }
  }
  return out;
}

/** The i18n key of an enumerated value of a document field (the page shows the raw value when there is none). */
export const documentValueKey = (field: string, value: string) => `cases.docValue.${field}.${value}`;

/**
 * The items the supplement notice asks for, listed at once (《行政复议法》第三十一条第一款): the answer form has one part
 * per item. Of several notices (there should be one) the latest counts.
 */
export function supplementItems(notices: readonly { issuedAt: Date; content: unknown }[]): string[] {
  const latest = [...notices].sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())[0];
  const items = obj(latest?.content).items;
  return Array.isArray(items) ? items.filter((i): i is string => typeof i === "string" && i.trim() !== "") : [];
}

// ---------------------------------------------------------------------------------------------------------------
// The forms (one schema each; messages are i18n keys).

const text = (required: string, max = 2000) =>
  z.string({ error: required }).check(z.trim(), z.minLength(1, { error: required }), z.maxLength(max, { error: "errors.textTooLong" }));

export const VersionSchema = z.coerce
  .number({ error: "errors.badRequest" })
  .check(z.int({ error: "errors.badRequest" }), z.gte(0, { error: "errors.badRequest" }));

/** Art. 50(1): the applicant may ask for a hearing; the reason helps the office decide whether to hold one. */
export const HearingRequestSchema = z.object({ reason: text("errors.hearingReasonRequired") });

/** Arts. 41(1), 74(2): a withdrawal needs the office's approval and bars re-filing; the applicant confirms they read it. */
export const WithdrawalRequestSchema = z.object({
  reason: z.optional(z.string().check(z.trim(), z.maxLength(2000, { error: "errors.textTooLong" }))),
  understood: z.literal("yes", { error: "errors.withdrawConfirmRequired" }),
});

export const EvidenceFormSchema = z.object({ description: text("errors.evidenceDescriptionRequired", 200) });

/** 好差评: a score from 1 (很不满意) to 5 (非常满意) and an optional comment. */
export const RatingSchema = z.object({
  score: z.pipe(z.enum(["1", "2", "3", "4", "5"], { error: "errors.ratingScoreRequired" }), z.transform(Number)),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: "errors.textTooLong" }))),
});

/** One item of the supplement answer: a note, files, or both; an item with neither is not answered. */
export const SupplementNoteSchema = z.string().check(z.trim(), z.maxLength(2000, { error: "errors.textTooLong" }));

export const intents = ["supplement", "hearing", "withdraw", "evidence", "rate"] as const;
export type Intent = (typeof intents)[number];
export const intentAction: Record<Intent, CitizenActionKind> = {
  supplement: "answer_supplement",
  hearing: "request_hearing",
  withdraw: "request_withdrawal",
  evidence: "add_evidence",
  rate: "rate",
};

/** Every state name of the two machines (for tests and the locale check). */
export const allStates = { reconsideration: caseStates, mediation: mediationStates } as const;

/** A moment as "yyyy-MM-dd HH:mm" in Asia/Shanghai (UTC+8 all year), for the timeline and the documents. */
export function formatShanghaiDateTime(moment: string | Date): string {
  const ms = (typeof moment === "string" ? new Date(moment) : moment).getTime();
  if (!Number.isFinite(ms)) return "";
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}
