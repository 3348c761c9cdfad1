// The reconsideration case (行政复议案件) as a state machine: DOMAIN.md §15.1 states, §15.2 transitions T1–T30 and the
// §15.3 performance sub-machine P1–P5. Read `caseTransitions` for what may happen; the handler of each command says how.
import * as z from "zod/mini";
import { publicNoticeServedOn } from "../documents";
import {
  IsoDateSchema,
  TextSchema,
  guardFailed,
  contextMissing,
  hasExpired,
  issue,
  notify,
  runTransition,
  settingsOf,
  startTimer,
  stopAllTimers,
  stopTimer,
  stopTimers,
  type Effect,
  type IsoDate,
  type MachineContext,
  type MachineDefinition,
  type MachineState,
  type Step,
  type TimerKey,
  type TransitionResult,
  type TransitionRow,
  isSystem,
} from "./common";

// ---------------------------------------------------------------------------------------------------------------
// States (§15.1). EXTENDED and LITIGATION_FLAG are flags (extensionUsed, flags.litigation), not states.

export const caseStates = [
  "DRAFT",
  "SUBMITTED",
  "FORWARDING_BY_PENALIZING_ORGAN",
  "INTAKE_REVIEW",
  "AWAITING_SUPPLEMENT",
  "ABANDONED",
  "NOT_ACCEPTED",
  "ACCEPTED",
  "AWAITING_REPLY",
  "IN_REVIEW",
  "HEARING_SCHEDULED",
  "COMMITTEE_CONSULTATION",
  "MEDIATION",
  "SUSPENDED",
  "DECISION_DRAFTING",
  "DECISION_APPROVAL",
  "DECISION_ISSUED",
  "DECISION_EFFECTIVE",
  "MEDIATION_DOCUMENT_EFFECTIVE",
  "APPLICATION_DISMISSED",
  "TERMINATED",
  "PERFORMANCE_MONITORING",
  "PERFORMANCE_REPORTED",
  "ORDERED_TO_PERFORM",
  "REFERRED",
  "CLOSED",
] as const;
export type CaseStateName = (typeof caseStates)[number];

export const caseStateLabels: Record<CaseStateName, string> = {
  DRAFT: "草稿",
  SUBMITTED: "已提交",
  FORWARDING_BY_PENALIZING_ORGAN: "经处罚机关转送中",
  INTAKE_REVIEW: "受理审查中",
  AWAITING_SUPPLEMENT: "待补正",
  ABANDONED: "视为放弃申请",
  NOT_ACCEPTED: "不予受理",
  ACCEPTED: "已受理",
  AWAITING_REPLY: "待被申请人答复",
  IN_REVIEW: "审理中",
  HEARING_SCHEDULED: "已安排听证",
  COMMITTEE_CONSULTATION: "提请行政复议委员会咨询中",
  MEDIATION: "调解中",
  SUSPENDED: "中止审理",
  DECISION_DRAFTING: "拟定决定",
  DECISION_APPROVAL: "决定审批中",
  DECISION_ISSUED: "决定已作出，待送达",
  DECISION_EFFECTIVE: "决定已生效",
  MEDIATION_DOCUMENT_EFFECTIVE: "调解书已生效",
  APPLICATION_DISMISSED: "驳回申请",
  TERMINATED: "终止",
  PERFORMANCE_MONITORING: "履行监督中",
  PERFORMANCE_REPORTED: "已报告履行情况",
  ORDERED_TO_PERFORM: "已责令限期履行",
  REFERRED: "已移送追责",
  CLOSED: "已结案归档",
};

/** Before the decision is made (Art. 74: withdrawal and settlement only before the decision). */
export const preDecisionStates = [
  "SUBMITTED",
  "FORWARDING_BY_PENALIZING_ORGAN",
  "INTAKE_REVIEW",
  "AWAITING_SUPPLEMENT",
  "ACCEPTED",
  "AWAITING_REPLY",
  "IN_REVIEW",
  "HEARING_SCHEDULED",
  "COMMITTEE_CONSULTATION",
  "MEDIATION",
  "SUSPENDED",
  "DECISION_DRAFTING",
  "DECISION_APPROVAL",
] as const satisfies readonly CaseStateName[];

/**
 * The decision period (Art. 62) runs from acceptance until the decision is made (作出): approved and sealed (Arts. 61,
 * 75(1)), T28. §15.2 stops it at service (T29); the statute counts the making, so it stops at T28 here.
 */
const decisionClockStates = [
  "ACCEPTED",
  "AWAITING_REPLY",
  "IN_REVIEW",
  "HEARING_SCHEDULED",
  "COMMITTEE_CONSULTATION",
  "MEDIATION",
  "SUSPENDED",
  "DECISION_DRAFTING",
  "DECISION_APPROVAL",
] as const satisfies readonly CaseStateName[];

/**
 * Art. 39 suspends "行政复议期间" (any time after acceptance); §15.2 T20 names only IN_REVIEW. The statute wins: the
 * case may be suspended wherever the review is under way, except while the committee deliberates (the consultation
 * returns first) and during mediation (T16).
 */
const suspendableStates = [
  "ACCEPTED",
  "AWAITING_REPLY",
  "IN_REVIEW",
  "HEARING_SCHEDULED",
  "DECISION_DRAFTING",
  "DECISION_APPROVAL",
] as const satisfies readonly CaseStateName[];

/** Art. 62(1) lets the head extend a period that is still running; §15.2 T24 names only IN_REVIEW (the statute wins). */
const extendableStates = [
  "ACCEPTED",
  "AWAITING_REPLY",
  "IN_REVIEW",
  "HEARING_SCHEDULED",
  "COMMITTEE_CONSULTATION",
  "MEDIATION",
  "DECISION_DRAFTING",
  "DECISION_APPROVAL",
] as const satisfies readonly CaseStateName[];

/** After a decision on admissibility or merits: a suit may be reported (LITIGATION_FLAG). */
const litigationStates = [
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

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary.

/** Art. 30(1): the seven acceptance conditions. */
export const acceptanceConditions = [
  "applicant_and_respondent",
  "legal_interest",
  "specific_request",
  "within_period",
  "within_scope",
  "jurisdiction",
  "no_prior_proceedings",
] as const;
export type AcceptanceCondition = (typeof acceptanceConditions)[number];

/** Art. 52(2): grounds on which the case must be referred to the committee (6.19). */
export const committeeGrounds = ["major_complex", "technical", "region_government_act", "necessary"] as const;
export type CommitteeGround = (typeof committeeGrounds)[number];

/** Art. 39(1)(1)–(10), in order (7.05). */
export const suspensionGrounds = [
  "applicant_died",
  "applicant_incapacitated",
  "applicant_missing",
  "applicant_organisation_ended",
  "party_unable",
  "mediation_or_settlement",
  "legal_interpretation_pending",
  "related_case_pending",
  "normative_document_review",
  "other",
] as const;
export type SuspensionGround = (typeof suspensionGrounds)[number];

/** Art. 41(5): after 60 days of suspension on these grounds the case is terminated. */
export const sixtyDayGrounds: readonly SuspensionGround[] = ["applicant_died", "applicant_incapacitated", "applicant_organisation_ended"];

/** Art. 41(2)–(4); (1) is withdrawal (APPROVE_WITHDRAWAL) and (5) the 60-day rule (SUSPENSION_PERIOD_EXPIRED). */
export const terminationGrounds = ["applicant_died_no_heirs", "organisation_ended_no_successor", "criminal_coercive_measures"] as const;

/** Glossary: 变更, 撤销, 确认违法, 责令履行, 确认无效, 维持, 驳回请求. */
export const decisionTypes = ["vary", "revoke", "confirm_illegal", "order_performance", "confirm_void", "uphold", "reject_claim"] as const;
export type DecisionType = (typeof decisionTypes)[number];

/** Art. 70: the outcomes allowed when the respondent did not reply or produce its evidence and basis. */
const noReplyOutcomes: readonly DecisionType[] = ["revoke", "confirm_illegal", "confirm_void", "order_performance"];

export type CommitteeStatus = "none" | "in_progress" | "opinion_recorded" | "adoption_recorded" | "withdrawn";

export interface ActFacts {
  /** Penalty decided on the spot (Art. 32, 53(1)(1)). */
  onTheSpotPenalty: boolean;
  /** Penalty based on facts recorded by electronic monitoring (Art. 32). */
  electronicMonitoringPenalty: boolean;
  /** The applicant challenges a failure to perform a statutory duty (Arts. 66, 69). */
  failureToAct: boolean;
  /** Administrative detention or a compulsory measure restricting personal liberty (Art. 41(4)). */
  restrictsPersonalLiberty: boolean;
  /** Reconsideration must come before suit (复议前置, Art. 23, 34). */
  reconsiderationFirst: boolean;
  /** The autonomous-region government is the respondent (Art. 24(2), 52(2)(3)). */
  respondentIsRegionGovernment: boolean;
  /** The respondent is a working department of the government deciding the case (Art. 79(2)). */
  respondentIsOwnDepartment: boolean;
}

export interface Suspension {
  ground: SuspensionGround;
  since: IsoDate;
  /** Where RESUME returns to. */
  resumeTo: "ACCEPTED" | "AWAITING_REPLY" | "IN_REVIEW" | "MEDIATION";
  /** Whether the decision period was paused (setting suspensionPausesDecision). */
  pausedDecision: boolean;
  /** Ground 9: whether this organ may handle the normative document itself (Art. 56–58) or forwards it. */
  normativeWithinPower?: boolean;
}

export interface DecisionProposal {
  type: DecisionType;
  partial: boolean;
  /** Art. 64(1): revocation with an order to redo the act within a period. */
  redoOrdered: boolean;
  /** Other obligations of the respondent (return of property, compensation, remedial measures, Arts. 71–72). */
  respondentObligations: boolean;
  /** Period set in the decision for performance or redoing, in calendar days. */
  performanceDays: number | null;
  approvedBy: "organ_head" | "collective_discussion" | null;
  servedOn: IsoDate | null;
}

export interface CaseState extends MachineState<CaseStateName> {
  procedure: "ordinary" | "simplified";
  receivedOn: IsoDate | null;
  acceptedAt: IsoDate | null;
  deemedAccepted: boolean;
  extensionUsed: boolean;
  act: ActFacts;
  electronicServiceConsent: boolean;
  supplement: { noticeIssued: boolean; servedOn: IsoDate | null; extensionRequested: boolean };
  committeeReferral: { grounds: CommitteeGround[]; status: CommitteeStatus; adoptionRecorded: boolean };
  suspension: Suspension | null;
  mediationActive: boolean;
  hearing: { date: IsoDate; noticeOn: IsoDate; outcome: "held" | "applicant_absent" | null } | null;
  withdrawalRequested: boolean;
  /** The applicant asked for a formal hearing (Art. 50(1)); absent on cases filed before the request existed. */
  hearingRequested?: boolean;
  decision: DecisionProposal | null;
  mediationDocument: { effectiveOn: IsoDate; respondentObligations: boolean; performanceDays: number | null } | null;
  performance: {
    timer: "redo_act" | "performance_period" | null;
    ordered: boolean;
    /** 约谈 and 通报批评 recorded after the order (Art. 77(2)); absent on cases monitored before the step existed. */
    measures?: { measure: PerformanceMeasure; heldOn: IsoDate; summary: string }[];
  } | null;
  outcome: {
    kind: "abandoned" | "not_accepted" | "dismissed" | "terminated" | "withdrawn" | "decided" | "mediated";
    ground?: string;
    refilingBarred?: boolean;
  } | null;
  flags: {
    /** No reply, or no evidence and basis, within the period: Art. 70 applies. */
    noReply: boolean;
    viewsHeard: boolean;
    hearingHeld: boolean;
    hearingWaived: boolean;
    /** 重大、疑难、复杂: a hearing (Art. 50(1)) and a committee referral (Art. 52(2)(1)) are mandatory. */
    majorComplex: boolean;
    litigation: boolean;
  };
  alertsSent: (80 | 100)[];
}

/** A new application as the citizen starts composing it. */
export function newCase(facts: Partial<ActFacts> & { electronicServiceConsent?: boolean } = {}): CaseState {
  const { electronicServiceConsent = false, ...act } = facts;
  return {
    state: "DRAFT",
    version: 0,
    timers: {},
    procedure: "ordinary",
    receivedOn: null,
    acceptedAt: null,
    deemedAccepted: false,
    extensionUsed: false,
    act: {
      onTheSpotPenalty: false,
      electronicMonitoringPenalty: false,
      failureToAct: false,
      restrictsPersonalLiberty: false,
      reconsiderationFirst: false,
      respondentIsRegionGovernment: false,
      respondentIsOwnDepartment: false,
      ...act,
    },
    electronicServiceConsent,
    supplement: { noticeIssued: false, servedOn: null, extensionRequested: false },
    committeeReferral: { grounds: [], status: "none", adoptionRecorded: false },
    suspension: null,
    mediationActive: false,
    hearing: null,
    withdrawalRequested: false,
    decision: null,
    mediationDocument: null,
    performance: null,
    outcome: null,
    flags: { noReply: false, viewsHeard: false, hearingHeld: false, hearingWaived: false, majorComplex: false, litigation: false },
    alertsSent: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Commands: one per trigger of §15.2–15.3, including the automatic ones the scheduler sends.

const date = IsoDateSchema;
const days = z.number().check(z.int(), z.positive());

/** Art. 77(2): the measures that may accompany an order to perform — 约谈 of the responsible heads, 通报批评. */
export const performanceMeasures = ["interview", "circulated_criticism"] as const;
export type PerformanceMeasure = (typeof performanceMeasures)[number];

export const CaseCommandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("SUBMIT"),
    channel: z.enum(["online", "post", "in_person", "oral"]),
    receivedOn: z.optional(date),
    applicantSignedRecord: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal("BEGIN_INTAKE_REVIEW") }),
  z.object({ type: z.literal("SUBMIT_VIA_PENALIZING_ORGAN"), receivedOn: z.optional(date) }),
  z.object({ type: z.literal("FORWARD_APPLICATION"), receivedOn: z.optional(date) }),
  z.object({ type: z.literal("ISSUE_SUPPLEMENT_NOTICE"), items: z.array(TextSchema).check(z.minLength(1)), servedOn: z.optional(date) }),
  // publishedOn: the notice was served by public notice published that day; servedOn is then the deemed day (CPL Art. 95)
  z.object({ type: z.literal("RECORD_SUPPLEMENT_NOTICE_SERVICE"), servedOn: date, publishedOn: z.optional(date) }),
  z.object({ type: z.literal("SUBMIT_SUPPLEMENT"), receivedOn: z.optional(date) }),
  z.object({ type: z.literal("REQUEST_SUPPLEMENT_EXTENSION"), reason: TextSchema }),
  z.object({ type: z.literal("DECIDE_SUPPLEMENT_EXTENSION"), granted: z.boolean(), workingDays: z.optional(days), reason: TextSchema }),
  z.object({ type: z.literal("SUPPLEMENT_PERIOD_EXPIRED") }),
  z.object({
    type: z.literal("REFUSE"),
    failedConditions: z.array(z.enum(acceptanceConditions)).check(z.minLength(1)),
    reasons: TextSchema,
    competentOrgan: z.optional(TextSchema),
    servedOn: z.optional(date),
  }),
  z.object({
    type: z.literal("ACCEPT"),
    procedure: z.enum(["ordinary", "simplified"]),
    simplifiedBasis: z.optional(
      z.discriminatedUnion("kind", [
        z.object({
          kind: z.literal("art53_1"),
          factsClearAndDisputeMinor: z.boolean(),
          ground: z.enum(["on_the_spot", "warning_or_criticism", "amount_up_to_3000", "information_disclosure"]),
          amountYuan: z.optional(z.number().check(z.nonnegative())),
        }),
        z.object({
          kind: z.literal("all_parties_consent"),
          applicantConsent: z.boolean(),
          respondentConsent: z.boolean(),
          /** Omit when there are no third parties. */
          thirdPartiesConsent: z.optional(z.boolean()),
        }),
      ]),
    ),
  }),
  z.object({ type: z.literal("INTAKE_PERIOD_EXPIRED"), periodEndedOn: date }),
  z.object({ type: z.literal("SERVE_COPY_ON_RESPONDENT"), respondentReceivedOn: z.optional(date) }),
  z.object({ type: z.literal("FILE_REPLY"), evidenceAndBasisSubmitted: z.boolean() }),
  z.object({ type: z.literal("REPLY_PERIOD_EXPIRED") }),
  z.object({
    type: z.literal("RECORD_VIEWS_HEARD"),
    mode: z.enum(["in_person", "online", "phone", "papers_party_unavailable"]),
    applicantWillingToMediate: z.optional(z.boolean()),
  }),
  z.object({
    type: z.literal("SCHEDULE_HEARING"),
    hearingDate: date,
    reason: z.enum(["major_complex", "institution_necessary", "applicant_request"]),
  }),
  z.object({ type: z.literal("RESCHEDULE_HEARING"), hearingDate: date, reason: TextSchema }),
  z.object({
    type: z.literal("RECORD_HEARING"),
    outcome: z.enum(["held", "applicant_absent"]),
    respondentHeadAttended: z.optional(z.boolean()),
  }),
  z.object({
    type: z.literal("REFER_TO_COMMITTEE"),
    grounds: z.array(z.enum(committeeGrounds)).check(z.minLength(1)),
    questions: z._default(z.array(TextSchema), []),
    /** Why the office deems a referral necessary (Art. 52(2)(4)); required with that ground. */
    otherReason: z.optional(TextSchema),
  }),
  z.object({ type: z.literal("COMMITTEE_OPINION_RECEIVED") }),
  z.object({ type: z.literal("COMMITTEE_REFERRAL_WITHDRAWN") }),
  z.object({ type: z.literal("COMMITTEE_ADOPTION_RECORDED"), outcome: z.enum(["adopted", "partly_adopted", "not_adopted"]) }),
  z.object({ type: z.literal("OPEN_MEDIATION"), applicantWilling: z.boolean(), respondentWilling: z.boolean() }),
  z.object({
    type: z.literal("SUSPEND"),
    ground: z.enum(suspensionGrounds),
    explanation: TextSchema,
    applicantConsent: z.optional(z.boolean()),
    respondentConsent: z.optional(z.boolean()),
    settlementUnderway: z.optional(z.boolean()),
    normativeDocumentWithinPower: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal("RECORD_NORM_NOTICE_SERVED"), drafterReceivedOn: date }),
  z.object({ type: z.literal("RECORD_NORM_FORWARDED"), receivingOrganReceivedOn: date }),
  z.object({ type: z.literal("RESUME"), explanation: TextSchema }),
  z.object({ type: z.literal("SUSPENSION_PERIOD_EXPIRED") }),
  z.object({
    type: z.literal("SIGN_MEDIATION_DOCUMENT"),
    allPartiesSigned: z.boolean(),
    organSealed: z.boolean(),
    respondentObligations: z.boolean(),
    performanceDays: z.optional(days),
  }),
  z.object({ type: z.literal("MEDIATION_FAILED"), reason: z.enum(["no_agreement", "party_reneged"]) }),
  z.object({ type: z.literal("REQUEST_WITHDRAWAL"), reason: z.optional(TextSchema) }),
  z.object({ type: z.literal("REQUEST_HEARING"), reason: TextSchema }),
  z.object({ type: z.literal("APPROVE_WITHDRAWAL") }),
  z.object({ type: z.literal("TERMINATE"), ground: z.enum(terminationGrounds), explanation: TextSchema }),
  z.object({ type: z.literal("EXTEND_DECISION_PERIOD"), days, reason: TextSchema }),
  z.object({ type: z.literal("CONVERT_TO_ORDINARY"), reason: TextSchema }),
  z.object({
    type: z.literal("DISMISS_APPLICATION"),
    failedConditions: z.array(z.enum(acceptanceConditions)).check(z.minLength(1)),
    reasons: TextSchema,
    servedOn: z.optional(date),
  }),
  z.object({ type: z.literal("START_DRAFTING") }),
  z.object({
    type: z.literal("SUBMIT_FOR_APPROVAL"),
    decisionType: z.enum(decisionTypes),
    partial: z._default(z.boolean(), false),
    redoOrdered: z._default(z.boolean(), false),
    respondentObligations: z._default(z.boolean(), false),
    performanceDays: z.optional(days),
    thirdPartyEvidence: z._default(z.boolean(), false),
    applicantRequestedVoid: z._default(z.boolean(), false),
  }),
  z.object({ type: z.literal("RETURN_DRAFT"), reason: TextSchema }),
  z.object({ type: z.literal("APPROVE_DECISION"), approvedBy: z.enum(["organ_head", "collective_discussion"]) }),
  z.object({ type: z.literal("SERVE_DECISION"), servedOn: date, method: z.enum(["direct", "post", "electronic", "public_notice"]) }),
  z.object({ type: z.literal("DEADLINE_ALERT"), level: z.union([z.literal(80), z.literal(100)]), dueOn: date }),
  z.object({ type: z.literal("MONITOR_PERFORMANCE") }),
  z.object({ type: z.literal("REPORT_PERFORMANCE"), summary: TextSchema }),
  z.object({ type: z.literal("REJECT_PERFORMANCE_REPORT"), reason: TextSchema }),
  z.object({
    type: z.literal("ORDER_TO_PERFORM"),
    reason: z.enum(["overdue", "unjustified_delay"]),
    explanation: TextSchema,
    days,
    measures: z._default(z.array(z.enum(["interview", "circulated_criticism"])), []),
  }),
  // Art. 77(2): an interview of the respondent's responsible heads (约谈) or a circulated criticism (通报批评), held or
  // issued after the order to perform, is recorded as its own step (the order may announce it, §19).
  z.object({
    type: z.literal("RECORD_PERFORMANCE_MEASURE"),
    measure: z.enum(performanceMeasures),
    heldOn: date,
    summary: TextSchema,
  }),
  z.object({ type: z.literal("REFER_FOR_SANCTIONS"), explanation: TextSchema }),
  z.object({ type: z.literal("VERIFY_PERFORMANCE") }),
  z.object({ type: z.literal("ARCHIVE") }),
  z.object({ type: z.literal("REPORT_LITIGATION"), filedOn: date }),
]);
/** A command as the caller sends it (optional fields may be left out). */
export type CaseCommand = z.input<typeof CaseCommandSchema>;
/** The same command after parsing, as the handlers see it. */
export type ParsedCaseCommand = z.output<typeof CaseCommandSchema>;
export type CaseCommandType = CaseCommand["type"];
export const caseCommandTypes = CaseCommandSchema._zod.def.options.map((o) => o.shape.type._zod.def.values[0]) as CaseCommandType[];

// ---------------------------------------------------------------------------------------------------------------
// The transition table: one row per T#/P# (variants carry a suffix; rows marked A are not in §15 but the statute needs
// them). Roles: "system" is the scheduler or a linked process.

const STAFF = ["reconsideration_staff", "office_head"] as const;
const HEAD = ["office_head"] as const;
type Row = TransitionRow<CaseStateName, CaseCommandType>;

export const caseTransitions: readonly Row[] = [
  {
    id: "T1",
    from: ["DRAFT"],
    to: ["SUBMITTED"],
    command: "SUBMIT",
    roles: ["citizen", "center_clerk", "reconsideration_staff"],
    basis: "《行政复议法》第二十二条、第三十条第一款",
    facts: ["1.26", "1.27", "1.28", "3.01"],
    title: "提交行政复议申请（网上提交，或当场记录口头申请经申请人签字）",
    titleEn: "Submit the application (online, or an oral application recorded and signed)",
  },
  {
    id: "T2",
    from: ["SUBMITTED"],
    to: ["INTAKE_REVIEW"],
    command: "BEGIN_INTAKE_REVIEW",
    roles: ["system"],
    basis: "《行政复议法》第三十条第一款",
    facts: ["3.01"],
    title: "进入受理审查",
    titleEn: "Start the acceptance review",
  },
  {
    id: "T3",
    from: ["INTAKE_REVIEW"],
    to: ["AWAITING_SUPPLEMENT"],
    command: "ISSUE_SUPPLEMENT_NOTICE",
    roles: STAFF,
    basis: "《行政复议法》第三十一条第一款",
    facts: ["3.05"],
    title: "一次性书面通知补正",
    titleEn: "Issue the supplement notice, listing all items at once",
  },
  {
    id: "T3-served",
    from: ["AWAITING_SUPPLEMENT"],
    to: "unchanged",
    command: "RECORD_SUPPLEMENT_NOTICE_SERVICE",
    roles: STAFF,
    basis: "《行政复议法》第三十一条第二款",
    facts: ["3.06"],
    title: "记录补正通知送达日期（补正期间自收到之日起算）",
    titleEn: "Record when the applicant received the supplement notice",
  },
  {
    id: "T4",
    from: ["AWAITING_SUPPLEMENT"],
    to: ["INTAKE_REVIEW"],
    command: "SUBMIT_SUPPLEMENT",
    roles: ["citizen", "center_clerk", "reconsideration_staff"],
    basis: "《行政复议法》第三十一条第三款、第三十条",
    facts: ["3.07", "3.08"],
    title: "提交补正材料，重新进行受理审查",
    titleEn: "Supplement received; the acceptance review starts again",
  },
  {
    id: "T5-request",
    from: ["AWAITING_SUPPLEMENT"],
    to: "unchanged",
    command: "REQUEST_SUPPLEMENT_EXTENSION",
    roles: ["citizen"],
    basis: "《行政复议法》第三十一条第二款",
    facts: ["3.06"],
    title: "申请人以正当理由申请延长补正期限",
    titleEn: "Applicant asks for more time to supplement, giving a just cause",
  },
  {
    id: "T5",
    from: ["AWAITING_SUPPLEMENT"],
    to: "unchanged",
    command: "DECIDE_SUPPLEMENT_EXTENSION",
    roles: STAFF,
    basis: "《行政复议法》第三十一条第二款",
    facts: ["3.06"],
    title: "决定是否延长补正期限",
    titleEn: "Grant or refuse a longer supplement period",
  },
  {
    id: "T6",
    from: ["AWAITING_SUPPLEMENT"],
    to: ["ABANDONED"],
    command: "SUPPLEMENT_PERIOD_EXPIRED",
    roles: ["system"],
    basis: "《行政复议法》第三十一条第二款",
    facts: ["3.06"],
    title: "逾期不补正，视为放弃行政复议申请并记录在案",
    titleEn: "Supplement period expired: deemed abandonment, recorded in the file",
  },
  {
    id: "T7",
    from: ["INTAKE_REVIEW"],
    to: ["NOT_ACCEPTED"],
    command: "REFUSE",
    roles: STAFF,
    basis: "《行政复议法》第三十条第二款",
    facts: ["3.03", "2.14", "3.11"],
    title: "在审查期限内决定不予受理",
    titleEn: "Refuse the application within the review period",
  },
  {
    id: "T8",
    from: ["INTAKE_REVIEW"],
    to: ["ACCEPTED"],
    command: "ACCEPT",
    roles: STAFF,
    basis: "《行政复议法》第三十条第一款、第三十六条、第五十三条",
    facts: ["3.02", "6.01", "6.02", "6.03"],
    title: "受理，并确定适用普通程序或简易程序",
    titleEn: "Accept, choosing ordinary or simplified procedure",
  },
  {
    id: "T8-deemed",
    from: ["INTAKE_REVIEW"],
    to: ["ACCEPTED"],
    command: "INTAKE_PERIOD_EXPIRED",
    roles: ["system"],
    basis: "《行政复议法》第三十条第三款",
    facts: ["3.04", "3.14"],
    title: "审查期限届满未决定不予受理，视为受理",
    titleEn: "Review period ended without refusal: deemed accepted",
  },
  {
    id: "T9-receive",
    from: ["DRAFT"],
    to: ["FORWARDING_BY_PENALIZING_ORGAN"],
    command: "SUBMIT_VIA_PENALIZING_ORGAN",
    roles: ["citizen", "respondent_agent"],
    basis: "《行政复议法》第三十二条",
    facts: ["1.32"],
    title: "通过作出处罚决定的机关提交申请",
    titleEn: "Application filed through the penalising organ",
  },
  {
    id: "T9",
    from: ["FORWARDING_BY_PENALIZING_ORGAN"],
    to: ["SUBMITTED"],
    command: "FORWARD_APPLICATION",
    roles: ["respondent_agent"],
    basis: "《行政复议法》第三十二条第二款",
    facts: ["1.32"],
    title: "处罚机关维持处罚决定，转送行政复议机关",
    titleEn: "Penalising organ maintains the penalty and forwards the application",
  },
  {
    id: "T10",
    from: ["ACCEPTED"],
    to: ["AWAITING_REPLY"],
    command: "SERVE_COPY_ON_RESPONDENT",
    roles: STAFF,
    basis: "《行政复议法》第四十八条、第五十四条第一款",
    facts: ["5.01", "5.02"],
    title: "向被申请人发送申请书副本和答复通知书",
    titleEn: "Serve the application copy and reply notice on the respondent",
  },
  {
    id: "T11",
    from: ["AWAITING_REPLY"],
    to: ["IN_REVIEW"],
    command: "FILE_REPLY",
    roles: ["respondent_agent", "reconsideration_staff"],
    basis: "《行政复议法》第四十八条、第五十四条第一款",
    facts: ["5.01", "5.02"],
    title: "被申请人提交书面答复及证据、依据",
    titleEn: "Respondent files its reply with evidence and basis",
  },
  {
    id: "T11-noReply",
    from: ["AWAITING_REPLY"],
    to: ["IN_REVIEW"],
    command: "REPLY_PERIOD_EXPIRED",
    roles: ["system"],
    basis: "《行政复议法》第七十条",
    facts: ["5.03", "9.10"],
    title: "答复期限届满未答复，视为没有证据、依据",
    titleEn: "Reply period expired: the act is treated as having no evidence or basis",
  },
  {
    id: "A1",
    from: ["IN_REVIEW"],
    to: "unchanged",
    command: "RECORD_VIEWS_HEARD",
    roles: STAFF,
    basis: "《行政复议法》第四十九条",
    facts: ["6.07", "6.08"],
    title: "听取当事人意见并记录在案",
    titleEn: "Hear the parties' views and record them",
  },
  {
    id: "T12",
    from: ["IN_REVIEW"],
    to: ["HEARING_SCHEDULED"],
    command: "SCHEDULE_HEARING",
    roles: STAFF,
    basis: "《行政复议法》第五十条、第五十一条第一款",
    facts: ["6.09", "6.10", "6.12"],
    title: "组织听证，至少提前五个工作日书面通知",
    titleEn: "Schedule a formal hearing, notified at least 5 working days ahead",
  },
  {
    id: "T12-change",
    from: ["HEARING_SCHEDULED"],
    to: "unchanged",
    command: "RESCHEDULE_HEARING",
    roles: STAFF,
    basis: "《行政复议法》第五十一条第一款；《行政复议普通程序听证办法》第四条",
    facts: ["6.12"],
    title: "变更听证时间，说明理由并重新通知",
    titleEn: "Change the hearing date, with reasons and a new notice",
  },
  {
    id: "T13",
    from: ["HEARING_SCHEDULED"],
    to: ["IN_REVIEW"],
    command: "RECORD_HEARING",
    roles: STAFF,
    basis: "《行政复议法》第五十条第三款、第五十一条第二款",
    facts: ["6.11", "6.13", "6.14"],
    title: "听证已举行（或申请人无正当理由不参加，视为放弃）",
    titleEn: "Hearing held (or the applicant stayed away: waiver)",
  },
  {
    id: "T14",
    from: ["IN_REVIEW"],
    to: ["COMMITTEE_CONSULTATION"],
    command: "REFER_TO_COMMITTEE",
    roles: STAFF,
    basis: "《行政复议法》第五十二条第二款",
    facts: ["6.19"],
    title: "提请行政复议委员会提出咨询意见",
    titleEn: "Refer the case to the committee for an advisory opinion",
  },
  {
    id: "T14-return",
    from: ["COMMITTEE_CONSULTATION"],
    to: ["IN_REVIEW"],
    command: "COMMITTEE_OPINION_RECEIVED",
    roles: ["system"],
    basis: "《行政复议法》第五十二条第三款",
    facts: ["6.20"],
    title: "咨询意见已记录，回到审理",
    titleEn: "Advisory opinion recorded; back to review",
  },
  {
    id: "T14-withdrawn",
    from: ["COMMITTEE_CONSULTATION"],
    to: ["IN_REVIEW"],
    command: "COMMITTEE_REFERRAL_WITHDRAWN",
    roles: ["system"],
    basis: "《行政复议法》第五十二条第二款第四项",
    facts: ["6.19"],
    title: "提请咨询未获批准（仅限“认为有必要”情形）",
    titleEn: "Referral withdrawn (only a discretionary referral)",
  },
  {
    id: "T27-adoption",
    from: ["IN_REVIEW", "DECISION_DRAFTING"],
    to: "unchanged",
    command: "COMMITTEE_ADOPTION_RECORDED",
    roles: ["system"],
    basis: "《行政复议法》第六十一条第三款",
    facts: ["6.21"],
    title: "咨询意见采纳情况已记录",
    titleEn: "Adoption record of the advisory opinion completed",
  },
  {
    id: "T15",
    from: ["IN_REVIEW"],
    to: ["MEDIATION"],
    command: "OPEN_MEDIATION",
    roles: STAFF,
    basis: "《行政复议法》第五条",
    facts: ["8.01", "6.08"],
    title: "自愿原则下开展调解",
    titleEn: "Open mediation (voluntary)",
  },
  {
    id: "T16",
    from: ["MEDIATION"],
    to: ["SUSPENDED"],
    command: "SUSPEND",
    roles: STAFF,
    basis: "《行政复议法》第三十九条第一款第六项",
    facts: ["7.05", "8.06"],
    title: "调解期间经申请人、被申请人同意中止",
    titleEn: "Suspend during mediation with both sides' consent",
  },
  {
    id: "T17",
    from: ["MEDIATION", "SUSPENDED"],
    to: ["MEDIATION_DOCUMENT_EFFECTIVE"],
    command: "SIGN_MEDIATION_DOCUMENT",
    roles: STAFF,
    basis: "《行政复议法》第七十三条第一款",
    facts: ["8.03"],
    title: "各方签字或签章、加盖行政复议机关印章，调解书生效",
    titleEn: "Mediation document signed by all and sealed: effective",
  },
  {
    id: "T18",
    from: ["MEDIATION", "SUSPENDED"],
    to: ["IN_REVIEW"],
    command: "MEDIATION_FAILED",
    roles: STAFF,
    basis: "《行政复议法》第七十三条第二款",
    facts: ["8.05"],
    title: "调解未达成协议或生效前反悔，恢复审理",
    titleEn: "No agreement, or a party reneged: review continues",
  },
  {
    id: "T19",
    from: ["MEDIATION"],
    to: ["TERMINATED"],
    command: "APPROVE_WITHDRAWAL",
    roles: STAFF,
    basis: "《行政复议法》第七十四条第二款、第四十一条第一项",
    facts: ["8.07", "7.10"],
    title: "和解后申请人撤回申请，准予撤回并终止",
    titleEn: "Settlement: withdrawal approved, case terminated",
  },
  {
    id: "T20",
    from: suspendableStates,
    to: ["SUSPENDED"],
    command: "SUSPEND",
    roles: STAFF,
    basis: "《行政复议法》第三十九条",
    facts: ["7.05", "7.06", "6.26"],
    title: "中止审理并书面告知当事人",
    titleEn: "Suspend the case and notify the parties in writing",
  },
  {
    id: "T20-norm-notice",
    from: ["SUSPENDED"],
    to: "unchanged",
    command: "RECORD_NORM_NOTICE_SERVED",
    roles: STAFF,
    basis: "《行政复议法》第五十八条第一款",
    facts: ["6.26"],
    title: "制定机关收到答复通知（十个工作日内答复）",
    titleEn: "Drafting organ received the notice (reply within 10 working days)",
  },
  {
    id: "T20-norm-forward",
    from: ["SUSPENDED"],
    to: "unchanged",
    command: "RECORD_NORM_FORWARDED",
    roles: STAFF,
    basis: "《行政复议法》第五十六条、第五十七条、第六十条",
    facts: ["6.26", "2.16"],
    title: "规范性文件已转送有权机关（六十日内回复）",
    titleEn: "Normative document forwarded (reply within 60 days)",
  },
  {
    id: "T21",
    from: ["SUSPENDED"],
    to: ["ACCEPTED", "AWAITING_REPLY", "IN_REVIEW", "MEDIATION"],
    command: "RESUME",
    roles: STAFF,
    basis: "《行政复议法》第三十九条第二款、第三款",
    facts: ["7.06"],
    title: "中止原因消除，恢复审理并书面告知",
    titleEn: "Cause removed: resume and notify in writing",
  },
  {
    id: "T22",
    from: ["SUSPENDED"],
    to: ["TERMINATED"],
    command: "SUSPENSION_PERIOD_EXPIRED",
    roles: ["system"],
    basis: "《行政复议法》第四十一条第五项",
    facts: ["7.09"],
    title: "中止满六十日原因仍未消除，终止",
    titleEn: "Suspended 60 days on grounds 1/2/4 and unresolved: terminate",
  },
  {
    id: "T12-request",
    from: ["ACCEPTED", "AWAITING_REPLY", "IN_REVIEW"],
    to: "unchanged",
    command: "REQUEST_HEARING",
    roles: ["citizen"],
    basis: "《行政复议法》第五十条第一款",
    facts: ["6.10"],
    title: "申请人请求听证（是否组织听证由行政复议机构决定）",
    titleEn: "Applicant asks for a formal hearing (the office decides)",
  },
  {
    id: "T23-request",
    from: preDecisionStates,
    to: "unchanged",
    command: "REQUEST_WITHDRAWAL",
    roles: ["citizen"],
    basis: "《行政复议法》第四十一条第一项、第七十四条",
    facts: ["7.10"],
    title: "申请人在决定作出前申请撤回",
    titleEn: "Applicant asks to withdraw before the decision",
  },
  {
    id: "T23",
    from: preDecisionStates.filter((s) => s !== "MEDIATION"),
    to: ["TERMINATED"],
    command: "APPROVE_WITHDRAWAL",
    roles: STAFF,
    basis: "《行政复议法》第四十一条第一项、第七十四条第二款",
    facts: ["7.09", "7.10"],
    title: "准予撤回，终止行政复议",
    titleEn: "Withdrawal approved: case terminated",
  },
  {
    id: "T23-ground",
    from: preDecisionStates,
    to: ["TERMINATED"],
    command: "TERMINATE",
    roles: STAFF,
    basis: "《行政复议法》第四十一条第二项至第四项",
    facts: ["7.09"],
    title: "因申请人死亡无近亲属、组织终止无承受人或被采取刑事强制措施而终止",
    titleEn: "Terminate on Art. 41(2)–(4) grounds",
  },
  {
    id: "T24",
    from: extendableStates,
    to: "unchanged",
    command: "EXTEND_DECISION_PERIOD",
    roles: HEAD,
    basis: "《行政复议法》第六十二条第一款",
    facts: ["7.02", "7.03"],
    title: "情况复杂，经机构负责人批准延长（最多三十日，仅一次，仅普通程序）",
    titleEn: "Extend the decision period (head's approval; ≤30 days; once; ordinary only)",
  },
  {
    id: "T25",
    from: ["IN_REVIEW"],
    to: "unchanged",
    command: "CONVERT_TO_ORDINARY",
    roles: HEAD,
    basis: "《行政复议法》第五十五条",
    facts: ["6.05", "6.06"],
    title: "简易程序转为普通程序（机构负责人批准）",
    titleEn: "Convert simplified to ordinary procedure (head's approval)",
  },
  {
    id: "T26",
    from: ["ACCEPTED", "AWAITING_REPLY", "IN_REVIEW"],
    to: ["APPLICATION_DISMISSED"],
    command: "DISMISS_APPLICATION",
    roles: STAFF,
    basis: "《行政复议法》第三十三条",
    facts: ["3.10", "9.09", "3.11"],
    title: "受理后发现不符合受理条件，驳回申请",
    titleEn: "Dismiss an accepted application that fails Art. 30(1)",
  },
  {
    id: "T27",
    from: ["IN_REVIEW"],
    to: ["DECISION_DRAFTING"],
    command: "START_DRAFTING",
    roles: STAFF,
    basis: "《行政复议法》第六十一条第一款、第四十九条、第五十条第一款、第五十二条第二款",
    facts: ["6.24", "6.07", "6.09", "6.19"],
    title: "审查终结，拟定决定意见",
    titleEn: "Review complete; draft the decision",
  },
  {
    id: "T27-submit",
    from: ["DECISION_DRAFTING"],
    to: ["DECISION_APPROVAL"],
    command: "SUBMIT_FOR_APPROVAL",
    roles: STAFF,
    basis: "《行政复议法》第六十一条、第六十三条至第七十条",
    facts: ["6.21", "6.24", "9.01", "9.10"],
    title: "提出决定意见报请审批（附咨询意见采纳情况）",
    titleEn: "Submit the proposed decision for approval (with the adoption record)",
  },
  {
    id: "T28-return",
    from: ["DECISION_APPROVAL"],
    to: ["DECISION_DRAFTING"],
    command: "RETURN_DRAFT",
    roles: HEAD,
    basis: "《行政复议法》第六十一条第一款",
    facts: ["6.24"],
    title: "退回修改",
    titleEn: "Return the draft for revision",
  },
  {
    id: "T28",
    from: ["DECISION_APPROVAL"],
    to: ["DECISION_ISSUED"],
    command: "APPROVE_DECISION",
    roles: HEAD,
    basis: "《行政复议法》第六十一条、第七十五条第一款",
    facts: ["6.24", "6.21", "9.14"],
    title: "经行政复议机关负责人同意或集体讨论通过，作出决定",
    titleEn: "Organ head approves or collective discussion passes: decision issued",
  },
  {
    id: "T29",
    from: ["DECISION_ISSUED"],
    to: ["DECISION_EFFECTIVE"],
    command: "SERVE_DECISION",
    roles: STAFF,
    basis: "《行政复议法》第七十五条第二款、第七十九条第二款",
    facts: ["9.14", "9.18", "4.05", "10.10"],
    title: "决定书送达，发生法律效力",
    titleEn: "Decision served: legally effective",
  },
  {
    id: "T30",
    from: decisionClockStates,
    to: "unchanged",
    command: "DEADLINE_ALERT",
    roles: ["system"],
    basis: "《行政复议法》第六十二条、第三十四条、第三十五条",
    facts: ["7.01", "7.03", "7.11"],
    title: "决定期限已用80%或已届满，提醒并上报",
    titleEn: "Decision period 80% used or expired: alert and escalate",
  },
  {
    id: "P1",
    from: ["DECISION_EFFECTIVE", "MEDIATION_DOCUMENT_EFFECTIVE"],
    to: ["PERFORMANCE_MONITORING"],
    command: "MONITOR_PERFORMANCE",
    roles: ["system"],
    basis: "《行政复议法》第七十七条第一款、第六十四条第一款、第六十六条",
    facts: ["10.01", "9.03", "9.05"],
    title: "被申请人须履行的，开始履行监督",
    titleEn: "Start monitoring the respondent's performance",
  },
  {
    id: "P2",
    from: ["PERFORMANCE_MONITORING", "ORDERED_TO_PERFORM"],
    to: ["PERFORMANCE_REPORTED"],
    command: "REPORT_PERFORMANCE",
    roles: ["respondent_agent", "reconsideration_staff"],
    basis: "《行政复议法》第七十七条第一款",
    facts: ["10.01"],
    title: "被申请人报告履行情况",
    titleEn: "Respondent reports performance",
  },
  {
    id: "P2-reject",
    from: ["PERFORMANCE_REPORTED"],
    to: ["PERFORMANCE_MONITORING"],
    command: "REJECT_PERFORMANCE_REPORT",
    roles: STAFF,
    basis: "《行政复议法》第七十七条",
    facts: ["10.01", "10.02"],
    title: "履行情况不符合要求，继续监督",
    titleEn: "Performance not verified; monitoring continues",
  },
  {
    id: "P3",
    from: ["PERFORMANCE_MONITORING"],
    to: ["ORDERED_TO_PERFORM"],
    command: "ORDER_TO_PERFORM",
    roles: HEAD,
    basis: "《行政复议法》第七十七条第二款",
    facts: ["10.02"],
    title: "不履行或无正当理由拖延履行，责令限期履行（可约谈、通报批评）",
    titleEn: "Order performance within a deadline (interview, circulated criticism)",
  },
  {
    id: "P3-measure",
    from: ["ORDERED_TO_PERFORM"],
    to: "unchanged",
    command: "RECORD_PERFORMANCE_MEASURE",
    roles: HEAD,
    basis: "《行政复议法》第七十七条第二款",
    facts: ["10.02"],
    title: "记录约谈被申请人有关负责人或者通报批评",
    titleEn: "Record the interview of the respondent's heads or the circulated criticism",
  },
  {
    id: "P4",
    from: ["ORDERED_TO_PERFORM"],
    to: ["REFERRED"],
    command: "REFER_FOR_SANCTIONS",
    roles: HEAD,
    basis: "《行政复议法》第八十三条、第八十五条",
    facts: ["10.03", "10.12"],
    title: "经责令履行仍拒不履行，移送追责",
    titleEn: "Still refusing after the order: refer for sanctions",
  },
  {
    id: "P5",
    from: ["PERFORMANCE_REPORTED"],
    to: ["CLOSED"],
    command: "VERIFY_PERFORMANCE",
    roles: STAFF,
    basis: "《行政复议法》第七十七条、第七十九条第一款",
    facts: ["10.01", "10.09"],
    title: "履行情况核实，结案",
    titleEn: "Performance verified: close",
  },
  {
    id: "P5-archive",
    from: ["DECISION_EFFECTIVE", "MEDIATION_DOCUMENT_EFFECTIVE", "APPLICATION_DISMISSED", "TERMINATED", "REFERRED"],
    to: ["CLOSED"],
    command: "ARCHIVE",
    roles: ["reconsideration_staff", "office_head", "system"],
    basis: "《行政复议法》第七十九条第一款",
    facts: ["10.09"],
    title: "无须履行监督的，结案归档",
    titleEn: "Archive a case with nothing left to monitor",
  },
  {
    id: "A2",
    from: litigationStates,
    to: "unchanged",
    command: "REPORT_LITIGATION",
    roles: ["reconsideration_staff", "office_head", "respondent_agent"],
    basis: "《行政诉讼法》第二十六条、第四十五条；《行政复议法》第四条第二款",
    facts: ["4.05", "4.06", "2.10"],
    title: "记录当事人已提起行政诉讼",
    titleEn: "Record that a suit was filed",
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Helpers.

type Cmd<K extends CaseCommandType> = Extract<ParsedCaseCommand, { type: K }>;

const decisionTimer = (s: CaseState): TimerKey => (s.procedure === "simplified" ? "decision_simplified" : "decision");
const copyTimer = (s: CaseState): TimerKey => (s.procedure === "simplified" ? "copy_to_respondent_simplified" : "copy_to_respondent");
const replyTimer = (s: CaseState): TimerKey => (s.procedure === "simplified" ? "respondent_reply_simplified" : "respondent_reply");
const decisionBasis = (s: CaseState) =>
  s.procedure === "simplified" ? "《行政复议法》第六十二条第二款" : "《行政复议法》第六十二条第一款";

const ok = (next: CaseState, effects: Effect[], note?: string): Step<CaseState> =>
  note ? { ok: true, next, effects, note } : { ok: true, next, effects };

/** Grounds that make a referral mandatory: those chosen, plus those that follow from facts already on the case. */
export function mandatoryCommitteeGrounds(s: CaseState): CommitteeGround[] {
  const grounds = new Set(s.committeeReferral.grounds);
  if (s.act.respondentIsRegionGovernment) grounds.add("region_government_act");
  if (s.flags.majorComplex) grounds.add("major_complex");
  return committeeGrounds.filter((g) => grounds.has(g));
}

const consultationOpen = (s: CaseState) => ["in_progress", "opinion_recorded", "adoption_recorded"].includes(s.committeeReferral.status);

/** A linked consultation still open when the case ends is cancelled. */
function cancelConsultation(s: CaseState, reason: string): Effect[] {
  return consultationOpen(s) ? [{ kind: "relay", to: "consultation", command: { type: "CANCEL", reason } }] : [];
}

export const requiresPerformance = (d: DecisionProposal | null): boolean =>
  d !== null && (d.type === "order_performance" || d.redoOrdered || d.respondentObligations);

function notFuture(value: IsoDate, today: IsoDate, field: string): Step<CaseState> | null {
  return value > today ? guardFailed("date_not_in_future", `${field}不能晚于今天`, `${field} cannot be after today`) : null;
}

/** Art. 30(2), 31(1): refusals and supplement notices must come within the 5-WD review period. */
function withinReview(ctx: MachineContext): Step<CaseState> | null {
  return hasExpired(ctx, "acceptance_review")
    ? guardFailed(
        "within_review_period",
        "受理审查期限（五个工作日）已届满，依法视为受理（《行政复议法》第三十条第三款），不能再通知补正或决定不予受理",
        "The 5-working-day review period has ended; the application is deemed accepted (Art. 30(3))",
        "《行政复议法》第三十条第三款"
      )
    : null;
}

/** Art. 53: simplified procedure only on one of the four grounds (with facts clear and the dispute minor) or by consent. */
function checkSimplified(c: Cmd<"ACCEPT">): Step<CaseState> | null {
  const basis = c.simplifiedBasis;
  const fail = (en: string) =>
    guardFailed(
      "simplified_grounds",
      "适用简易程序须事实清楚、权利义务关系明确、争议不大，且属于当场作出、警告或通报批评、款额三千元以下、政府信息公开之一；其他案件须当事人各方同意（《行政复议法》第五十三条）",
      en,
      "《行政复议法》第五十三条"
    );
  if (!basis) return fail("Simplified procedure needs an Art. 53 ground or all parties' consent");
  if (basis.kind === "art53_1") {
    if (!basis.factsClearAndDisputeMinor) return fail("Art. 53(1): facts must be clear and the dispute minor");
    if (basis.ground === "amount_up_to_3000" && (basis.amountYuan === undefined || basis.amountYuan > 3000))
      return fail("Art. 53(1)(3): amount must be 3,000 yuan or less");
    return null;
  }
  if (!basis.applicantConsent || !basis.respondentConsent || basis.thirdPartiesConsent === false)
    return fail("Art. 53(2): every party must consent");
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers, in the order of the table.

type Handlers = MachineDefinition<CaseStateName, CaseState, CaseCommand, ParsedCaseCommand>["handlers"];

const handlers: Handlers = {
  SUBMIT: (s, c, ctx) => {
    const receivedOn = c.receivedOn ?? ctx.today;
    const future = notFuture(receivedOn, ctx.today, "收到申请的日期");
    if (future) return future;
    if (!isSystem(ctx.actor) && ctx.actor.role === "citizen" && c.channel !== "online") {
      return guardFailed(
        "citizen_files_online",
        "申请人在本平台只能网上提交；邮寄、当面或口头申请由工作人员登记",
        "Citizens submit online; other channels are recorded by staff"
      );
    }
    if (c.channel === "oral" && !c.applicantSignedRecord) {
      return guardFailed(
        "oral_record_signed",
        "口头申请应当当场记录，并经申请人核对签字（《行政复议法》第二十二条第三款）",
        "An oral application must be recorded and signed by the applicant (Art. 22(3))",
        "《行政复议法》第二十二条第三款"
      );
    }
    const effects: Effect[] = [startTimer("acceptance_review", receivedOn, "《行政复议法》第三十条第一款")];
    if (c.channel === "oral") effects.push(issue("oral_application_record", "《行政复议法》第二十二条第三款"));
    effects.push(notify("applicant", "case.received", { receivedOn }));
    return ok({ ...s, state: "SUBMITTED", receivedOn }, effects);
  },

  BEGIN_INTAKE_REVIEW: (s) => ok({ ...s, state: "INTAKE_REVIEW" }, []),

  SUBMIT_VIA_PENALIZING_ORGAN: (s, c, ctx) => {
    if (!s.act.onTheSpotPenalty && !s.act.electronicMonitoringPenalty) {
      return guardFailed(
        "art32_penalty",
        "只有当场作出或依据电子技术监控设备记录作出的行政处罚，才能通过处罚机关提交申请（《行政复议法》第三十二条）",
        "Only on-the-spot or camera-based penalties may be filed through the penalising organ (Art. 32)",
        "《行政复议法》第三十二条第一款"
      );
    }
    const receivedOn = c.receivedOn ?? ctx.today;
    return (
      notFuture(receivedOn, ctx.today, "处罚机关收到申请的日期") ??
      ok({ ...s, state: "FORWARDING_BY_PENALIZING_ORGAN" }, [
        startTimer("forward_32", receivedOn, "《行政复议法》第三十二条第二款"),
        notify("applicant", "case.received_by_penalizing_organ", { receivedOn }),
      ])
    );
  },

  FORWARD_APPLICATION: (s, c, ctx) => {
    const receivedOn = c.receivedOn ?? ctx.today;
    return (
      notFuture(receivedOn, ctx.today, "行政复议机关收到转送申请的日期") ??
      ok({ ...s, state: "SUBMITTED", receivedOn }, [
        ...stopTimers(s.timers, ["forward_32"]),
        startTimer("acceptance_review", receivedOn, "《行政复议法》第三十条第一款"),
        notify("applicant", "case.forwarded", { receivedOn }),
      ])
    );
  },

  ISSUE_SUPPLEMENT_NOTICE: (s, c, ctx) => {
    const late = withinReview(ctx);
    if (late) return late;
    if (s.supplement.noticeIssued) {
      return guardFailed(
        "supplement_once",
        "补正通知应当一次性载明需要补正的事项，不能再次通知补正（《行政复议法》第三十一条第一款）",
        "The supplement notice must list every item at once; a second notice is not allowed (Art. 31(1))",
        "《行政复议法》第三十一条第一款"
      );
    }
    const effects: Effect[] = [
      ...stopTimers(s.timers, ["acceptance_review"]),
      issue("supplement_notice", "《行政复议法》第三十一条", { items: c.items }),
      notify("applicant", "case.supplement_requested", { items: c.items }),
    ];
    if (c.servedOn) effects.push(startTimer("supplement", c.servedOn, "《行政复议法》第三十一条第二款"));
    return ok(
      { ...s, state: "AWAITING_SUPPLEMENT", supplement: { noticeIssued: true, servedOn: c.servedOn ?? null, extensionRequested: false } },
      effects
    );
  },

  RECORD_SUPPLEMENT_NOTICE_SERVICE: (s, c, ctx) => {
    if (s.supplement.servedOn)
      return guardFailed("supplement_service_once", "补正通知的送达日期已经记录", "Service of the supplement notice is already recorded");
    // Served by public notice: the typed date is the publication, which cannot be in the future; the service is
    // deemed 30 days later (CPL Art. 95, through Art. 88(1)) and the supplement period starts then, even if that day
    // is still to come.
    if (c.publishedOn && c.servedOn !== publicNoticeServedOn(c.publishedOn))
      return guardFailed("public_notice_date", "公告送达自公告发出之日起经过三十日视为送达", "Public notice is deemed served 30 days after publication");
    return (
      (c.publishedOn ? notFuture(c.publishedOn, ctx.today, "公告日期") : notFuture(c.servedOn, ctx.today, "送达日期")) ??
      ok({ ...s, supplement: { ...s.supplement, servedOn: c.servedOn } }, [
        startTimer("supplement", c.servedOn, "《行政复议法》第三十一条第二款"),
      ])
    );
  },

  SUBMIT_SUPPLEMENT: (s, c, ctx) => {
    const receivedOn = c.receivedOn ?? ctx.today;
    // 3.08 (default, UNVERIFIED): a new 5-WD review runs from receipt of the supplement.
    return (
      notFuture(receivedOn, ctx.today, "收到补正材料的日期") ??
      ok({ ...s, state: "INTAKE_REVIEW", supplement: { ...s.supplement, extensionRequested: false } }, [
        ...stopTimers(s.timers, ["supplement"]),
        startTimer("acceptance_review", receivedOn, "《行政复议法》第三十一条第三款、第三十条第一款"),
        notify("handler", "case.supplement_received", { receivedOn }),
      ])
    );
  },

  REQUEST_SUPPLEMENT_EXTENSION: (s, c) => {
    if (s.supplement.extensionRequested)
      return guardFailed("extension_request_pending", "已经提出延期申请，正在等待决定", "An extension request is already pending");
    return ok({ ...s, supplement: { ...s.supplement, extensionRequested: true } }, [
      notify("handler", "case.supplement_extension_requested", { reason: c.reason }),
    ]);
  },

  DECIDE_SUPPLEMENT_EXTENSION: (s, c) => {
    if (c.granted) {
      if (!c.workingDays) return guardFailed("extension_days", "请填写延长的工作日数", "Give the number of working days granted");
      if (s.timers.supplement === undefined)
        return guardFailed("supplement_running", "补正期间尚未起算（未记录送达），无需延长", "The supplement period has not started yet");
      return ok({ ...s, supplement: { ...s.supplement, extensionRequested: false } }, [
        { kind: "extendTimer", timer: "supplement", days: c.workingDays, unit: "working_day", basis: "《行政复议法》第三十一条第二款" },
        notify("applicant", "case.supplement_extended", { workingDays: c.workingDays, reason: c.reason }),
      ]);
    }
    if (!s.supplement.extensionRequested)
      return guardFailed("extension_request_pending", "没有待决定的延期申请", "There is no extension request to refuse");
    return ok({ ...s, supplement: { ...s.supplement, extensionRequested: false } }, [
      notify("applicant", "case.supplement_extension_refused", { reason: c.reason }),
    ]);
  },

  SUPPLEMENT_PERIOD_EXPIRED: (s, _c, ctx) => {
    if (!hasExpired(ctx, "supplement"))
      return guardFailed("timer_expired", "补正期间尚未届满", "The supplement period has not expired", "《行政复议法》第三十一条第二款");
    if (s.supplement.extensionRequested) {
      // "无正当理由逾期不补正" — a pending request that claims a just cause must be decided first.
      return guardFailed(
        "no_pending_just_cause",
        "申请人提出的延期申请尚未决定，不能视为放弃",
        "A pending request for more time must be decided before deemed abandonment",
        "《行政复议法》第三十一条第二款"
      );
    }
    return ok(
      { ...s, state: "ABANDONED", outcome: { kind: "abandoned" } },
      [...stopTimers(s.timers, ["supplement"]), notify("applicant", "case.deemed_abandoned")],
      "申请人无正当理由逾期不补正，视为放弃行政复议申请（《行政复议法》第三十一条第二款）"
    );
  },

  REFUSE: (s, c, ctx) => {
    const late = withinReview(ctx);
    if (late) return late;
    if (c.failedConditions.includes("jurisdiction") && !c.competentOrgan) {
      return guardFailed(
        "competent_organ_named",
        "不属于本机关管辖的，应当在不予受理决定中告知有管辖权的行政复议机关（《行政复议法》第三十条第二款）",
        "A refusal for lack of jurisdiction must name the competent organ (Art. 30(2))",
        "《行政复议法》第三十条第二款"
      );
    }
    const effects: Effect[] = [
      ...stopTimers(s.timers, ["acceptance_review"]),
      issue("refusal_decision", "《行政复议法》第三十条第二款", {
        failedConditions: c.failedConditions,
        reasons: c.reasons,
        competentOrgan: c.competentOrgan ?? null,
        reconsiderationFirst: s.act.reconsiderationFirst,
      }),
      notify("applicant", "case.refused"),
    ];
    if (s.act.reconsiderationFirst) effects.push(startTimer("suit_after_decision", c.servedOn ?? ctx.today, "《行政复议法》第三十四条"));
    return ok({ ...s, state: "NOT_ACCEPTED", outcome: { kind: "not_accepted" } }, effects);
  },

  ACCEPT: (s, c, ctx) => {
    if (hasExpired(ctx, "acceptance_review")) {
      return guardFailed(
        "within_review_period",
        "受理审查期限已届满，依法自届满之日起视为受理，由系统按届满日记录（《行政复议法》第三十条第三款）",
        "The review period has ended: acceptance is deemed from its last day and recorded automatically (Art. 30(3))",
        "《行政复议法》第三十条第三款"
      );
    }
    if (c.procedure === "simplified") {
      const bad = checkSimplified(c);
      if (bad) return bad;
    }
    return accept({ ...s, procedure: c.procedure }, ctx.today, false);
  },

  INTAKE_PERIOD_EXPIRED: (s, c, ctx) => {
    if (!hasExpired(ctx, "acceptance_review"))
      return guardFailed(
        "timer_expired",
        "受理审查期限尚未届满",
        "The acceptance review period has not expired",
        "《行政复议法》第三十条第三款"
      );
    const future = notFuture(c.periodEndedOn, ctx.today, "审查期限届满日");
    if (future) return future;
    // Nobody chose a procedure: deemed acceptance is ordinary (Art. 53 needs the organ's own finding).
    return accept({ ...s, procedure: "ordinary" }, c.periodEndedOn, true);
  },

  SERVE_COPY_ON_RESPONDENT: (s, c, ctx) => {
    const receivedOn = c.respondentReceivedOn ?? ctx.today;
    const simplified = s.procedure === "simplified";
    return (
      notFuture(receivedOn, ctx.today, "被申请人收到副本的日期") ??
      ok({ ...s, state: "AWAITING_REPLY" }, [
        ...stopTimers(s.timers, [copyTimer(s)]),
        issue("reply_notice", simplified ? "《行政复议法》第五十四条第一款" : "《行政复议法》第四十八条", {
          replyTimer: replyTimer(s),
          art70Warning: true,
        }),
        startTimer(replyTimer(s), receivedOn, simplified ? "《行政复议法》第五十四条第一款" : "《行政复议法》第四十八条"),
        notify("respondent", "case.reply_requested", { receivedOn }),
      ])
    );
  },

  FILE_REPLY: (s, c, ctx) => {
    // Art. 70 reaches a reply without evidence and basis, and one filed after the period, as well as silence.
    const late = hasExpired(ctx, replyTimer(s));
    const noReply = !c.evidenceAndBasisSubmitted || late;
    return ok(
      { ...s, state: "IN_REVIEW", flags: { ...s.flags, noReply } },
      [
        ...stopTimers(s.timers, [replyTimer(s)]),
        notify("handler", "case.reply_filed", { evidenceAndBasisSubmitted: c.evidenceAndBasisSubmitted, late }),
      ],
      noReply ? "被申请人未按期提出书面答复或未提交证据、依据，视为该行政行为没有证据、依据（《行政复议法》第七十条）" : undefined
    );
  },

  REPLY_PERIOD_EXPIRED: (s, _c, ctx) => {
    if (!hasExpired(ctx, replyTimer(s)))
      return guardFailed("timer_expired", "答复期限尚未届满", "The reply period has not expired", "《行政复议法》第四十八条");
    return ok(
      { ...s, state: "IN_REVIEW", flags: { ...s.flags, noReply: true } },
      [...stopTimers(s.timers, [replyTimer(s)]), notify("handler", "case.no_reply"), notify("office_head", "case.no_reply")],
      "被申请人逾期未提出书面答复，视为该行政行为没有证据、依据（《行政复议法》第七十条）"
    );
  },

  RECORD_VIEWS_HEARD: (s, c) =>
    ok({ ...s, flags: { ...s.flags, viewsHeard: true } }, [
      issue("views_record", "《行政复议法》第四十九条", { mode: c.mode, applicantWillingToMediate: c.applicantWillingToMediate ?? null }),
    ]),

  SCHEDULE_HEARING: (s, c, ctx) => {
    if (s.procedure !== "ordinary") {
      return guardFailed(
        "hearing_ordinary_only",
        "听证属于普通程序；简易程序案件可以书面审理，如需听证请先转为普通程序（《行政复议法》第五十条、第五十四条第二款、第五十五条）",
        "Formal hearings belong to the ordinary procedure (Arts. 50, 54(2), 55)",
        "《行政复议法》第五十条"
      );
    }
    const early = checkHearingNotice(c.hearingDate, ctx);
    if (early) return early;
    return ok(
      {
        ...s,
        state: "HEARING_SCHEDULED",
        hearing: { date: c.hearingDate, noticeOn: ctx.today, outcome: null },
        flags: { ...s.flags, majorComplex: s.flags.majorComplex || c.reason === "major_complex" },
      },
      [
        issue("hearing_notice", "《行政复议法》第五十一条第一款", {
          hearingDate: c.hearingDate,
          reason: c.reason,
          respondentHeadMustAttend: true,
        }),
        notify("parties", "case.hearing_scheduled", { hearingDate: c.hearingDate }),
      ]
    );
  },

  RESCHEDULE_HEARING: (s, c, ctx) => {
    const early = checkHearingNotice(c.hearingDate, ctx);
    if (early) return early;
    return ok({ ...s, hearing: { date: c.hearingDate, noticeOn: ctx.today, outcome: null } }, [
      issue("hearing_notice", "《行政复议法》第五十一条第一款；《行政复议普通程序听证办法》第四条", {
        hearingDate: c.hearingDate,
        changed: true,
        reason: c.reason,
      }),
      notify("parties", "case.hearing_changed", { hearingDate: c.hearingDate, reason: c.reason }),
    ]);
  },

  RECORD_HEARING: (s, c, ctx) => {
    if (!s.hearing || ctx.today < s.hearing.date)
      return guardFailed("hearing_date_reached", "听证日期未到，不能记录听证结果", "The hearing date has not come yet");
    const held = c.outcome === "held";
    return ok(
      {
        ...s,
        state: "IN_REVIEW",
        hearing: { ...s.hearing, outcome: c.outcome },
        flags: { ...s.flags, hearingHeld: s.flags.hearingHeld || held, hearingWaived: s.flags.hearingWaived || !held },
      },
      held ? [issue("hearing_record", "《行政复议法》第五十条第三款", { respondentHeadAttended: c.respondentHeadAttended ?? null })] : [],
      held ? undefined : "申请人无正当理由拒不参加听证，视为放弃听证权利（《行政复议法》第五十一条第二款）"
    );
  },

  REFER_TO_COMMITTEE: (s, c) => {
    if (consultationOpen(s))
      return guardFailed("referral_once", "本案已提请行政复议委员会咨询", "The case is already referred to the committee");
    if (c.grounds.includes("necessary") && !c.otherReason)
      return guardFailed(
        "necessary_reason",
        "以“行政复议机构认为有必要”为由提请咨询的，请写明理由（《行政复议法》第五十二条第二款第四项）",
        "Say why the office deems the referral necessary (Art. 52(2)(4))",
        "《行政复议法》第五十二条第二款第四项"
      );
    const grounds = mandatoryCommitteeGrounds({ ...s, committeeReferral: { ...s.committeeReferral, grounds: c.grounds } });
    // The decision period keeps running during the consultation (§15.2 T14).
    return ok({ ...s, state: "COMMITTEE_CONSULTATION", committeeReferral: { grounds, status: "in_progress", adoptionRecorded: false } }, [
      {
        kind: "openProcess",
        process: "consultation",
        data: {
          grounds,
          questions: c.questions,
          respondentIsRegionGovernment: s.act.respondentIsRegionGovernment,
          ...(c.grounds.includes("necessary") ? { otherReason: c.otherReason } : {}),
        },
      },
      notify("office_head", "case.committee_referral_to_approve", { grounds }),
    ]);
  },

  COMMITTEE_OPINION_RECEIVED: (s) =>
    ok({ ...s, state: "IN_REVIEW", committeeReferral: { ...s.committeeReferral, status: "opinion_recorded" } }, [
      notify("handler", "case.committee_opinion_recorded"),
    ]),

  COMMITTEE_REFERRAL_WITHDRAWN: (s) =>
    ok({ ...s, state: "IN_REVIEW", committeeReferral: { grounds: [], status: "withdrawn", adoptionRecorded: false } }, [
      notify("handler", "case.committee_referral_withdrawn"),
    ]),

  COMMITTEE_ADOPTION_RECORDED: (s, c) => {
    if (s.committeeReferral.status !== "opinion_recorded")
      return guardFailed("opinion_recorded_first", "尚未记录咨询意见，不能记录采纳情况", "No advisory opinion has been recorded yet");
    return ok(
      { ...s, committeeReferral: { ...s.committeeReferral, status: "adoption_recorded", adoptionRecorded: true } },
      [],
      `咨询意见采纳情况：${c.outcome}`
    );
  },

  OPEN_MEDIATION: (s, c) => {
    if (!c.applicantWilling || !c.respondentWilling) {
      return guardFailed(
        "mediation_voluntary",
        "调解应当遵循自愿原则，须申请人和被申请人均同意（《行政复议法》第五条）",
        "Mediation is voluntary: both sides must agree (Art. 5)",
        "《行政复议法》第五条"
      );
    }
    return ok({ ...s, state: "MEDIATION", mediationActive: true }, [notify("parties", "case.mediation_opened")]);
  },

  SUSPEND: (s, c, ctx) => suspend(s, c, ctx),

  RECORD_NORM_NOTICE_SERVED: (s, c, ctx) => {
    if (s.suspension?.ground !== "normative_document_review" || s.timers.norm_notify === undefined) {
      return guardFailed("norm_notice_pending", "本案没有待送达的规范性文件答复通知", "No pending notice to the drafting organ");
    }
    return (
      notFuture(c.drafterReceivedOn, ctx.today, "制定机关收到通知的日期") ??
      ok(s, [
        stopTimer("norm_notify"),
        issue("normative_document_notice", "《行政复议法》第五十八条第一款"),
        startTimer("norm_reply", c.drafterReceivedOn, "《行政复议法》第五十八条第一款"),
      ])
    );
  },

  RECORD_NORM_FORWARDED: (s, c, ctx) => {
    if (s.suspension?.ground !== "normative_document_review" || s.timers.norm_forward === undefined) {
      return guardFailed("norm_forward_pending", "本案没有待转送的规范性文件", "No normative document waiting to be forwarded");
    }
    return (
      notFuture(c.receivingOrganReceivedOn, ctx.today, "接受转送机关收到的日期") ??
      ok(s, [
        stopTimer("norm_forward"),
        issue("normative_document_transfer_letter", "《行政复议法》第五十六条、第五十七条"),
        startTimer("norm_forwarded_reply", c.receivingOrganReceivedOn, "《行政复议法》第六十条"),
      ])
    );
  },

  RESUME: (s, c, ctx) => {
    const susp = s.suspension;
    if (!susp) return guardFailed("suspended", "本案未中止", "The case is not suspended");
    const effects: Effect[] = [];
    if (susp.pausedDecision)
      effects.push({
        kind: "resumeTimer",
        timer: decisionTimer(s),
        from: ctx.today,
        basis: "《行政复议法》第三十九条第二款；DOMAIN.md 7.08（设置 suspensionPausesDecision）",
      });
    effects.push(
      ...stopTimers(s.timers, suspensionTimers),
      issue("resumption_notice", "《行政复议法》第三十九条第三款", { explanation: c.explanation }),
      notify("parties", "case.resumed")
    );
    return ok({ ...s, state: susp.resumeTo, suspension: null, alertsSent: [] }, effects);
  },

  SUSPENSION_PERIOD_EXPIRED: (s, _c, ctx) => {
    if (!s.suspension || !sixtyDayGrounds.includes(s.suspension.ground)) {
      return guardFailed(
        "sixty_day_ground",
        "只有依第三十九条第一款第一项、第二项、第四项中止满六十日的，才终止行政复议",
        "Only suspensions on Art. 39(1)(1), (2) or (4) end after 60 days",
        "《行政复议法》第四十一条第五项"
      );
    }
    if (!hasExpired(ctx, "suspension_60"))
      return guardFailed("timer_expired", "中止尚未满六十日", "The 60 days have not passed", "《行政复议法》第四十一条第五项");
    return ok({ ...s, state: "TERMINATED", suspension: null, outcome: { kind: "terminated", ground: "suspension_60_days" } }, [
      ...stopAllTimers(s.timers),
      issue("termination_decision", "《行政复议法》第四十一条第五项", { ground: s.suspension.ground }),
      notify("parties", "case.terminated"),
      ...cancelConsultation(s, "case_terminated"),
    ]);
  },

  SIGN_MEDIATION_DOCUMENT: (s, c, ctx) => {
    if (s.state === "SUSPENDED" && !(s.suspension?.ground === "mediation_or_settlement" && s.mediationActive)) {
      return guardFailed(
        "suspended_for_mediation",
        "本案不是因调解而中止，须先恢复审理",
        "The case is suspended on another ground; resume it first"
      );
    }
    if (!c.allPartiesSigned || !c.organSealed) {
      return guardFailed(
        "mediation_document_complete",
        "调解书须经各方当事人签字或者签章，并加盖行政复议机关印章，才具有法律效力（《行政复议法》第七十三条第一款）",
        "A mediation document takes effect only when every party signs or seals it and the organ seals it (Art. 73(1))",
        "《行政复议法》第七十三条第一款"
      );
    }
    if (c.respondentObligations && !c.performanceDays) {
      return guardFailed(
        "performance_period_set",
        "调解书约定被申请人履行义务的，应当写明履行期限",
        "Give the performance period the mediation document sets"
      );
    }
    const effects: Effect[] = [
      ...stopAllTimers(s.timers),
      issue("mediation_document", "《行政复议法》第七十三条第一款"),
      notify("parties", "case.mediation_document_effective"),
      ...cancelConsultation(s, "case_mediated"),
    ];
    if (c.respondentObligations) effects.push({ kind: "relay", to: "reconsideration", command: { type: "MONITOR_PERFORMANCE" } });
    return ok(
      {
        ...s,
        state: "MEDIATION_DOCUMENT_EFFECTIVE",
        suspension: null,
        mediationActive: false,
        mediationDocument: {
          effectiveOn: ctx.today,
          respondentObligations: c.respondentObligations,
          performanceDays: c.performanceDays ?? null,
        },
        outcome: { kind: "mediated" },
      },
      effects
    );
  },

  MEDIATION_FAILED: (s, c, ctx) => {
    const effects: Effect[] = [];
    if (s.state === "SUSPENDED") {
      if (s.suspension?.ground !== "mediation_or_settlement")
        return guardFailed(
          "suspended_for_mediation",
          "本案不是因调解、和解而中止",
          "The case is not suspended for mediation or settlement"
        );
      if (s.suspension.pausedDecision)
        effects.push({
          kind: "resumeTimer",
          timer: decisionTimer(s),
          from: ctx.today,
          basis: "《行政复议法》第三十九条第二款、第七十三条第二款",
        });
      effects.push(issue("resumption_notice", "《行政复议法》第三十九条第三款"));
    }
    effects.push(notify("parties", "case.mediation_failed", { reason: c.reason }));
    return ok(
      { ...s, state: "IN_REVIEW", suspension: null, mediationActive: false, alertsSent: s.state === "SUSPENDED" ? [] : s.alertsSent },
      effects
    );
  },

  REQUEST_HEARING: (s, c) => {
    if (s.procedure !== "ordinary") {
      return guardFailed(
        "hearing_ordinary_only",
        "听证属于普通程序；简易程序案件可以书面审理（《行政复议法》第五十条、第五十四条第二款）",
        "Formal hearings belong to the ordinary procedure (Arts. 50, 54(2))",
        "《行政复议法》第五十条"
      );
    }
    if (s.hearingRequested || s.hearing)
      return guardFailed("hearing_request_once", "已经请求听证或已安排听证", "A hearing was already requested or scheduled");
    return ok({ ...s, hearingRequested: true }, [notify("handler", "case.hearing_requested", { reason: c.reason })]);
  },

  REQUEST_WITHDRAWAL: (s, c) => {
    if (s.withdrawalRequested)
      return guardFailed("withdrawal_request_once", "已经提出撤回申请，正在等待审查", "A withdrawal request is already pending");
    return ok({ ...s, withdrawalRequested: true }, [notify("handler", "case.withdrawal_requested", { reason: c.reason ?? null })]);
  },

  APPROVE_WITHDRAWAL: (s, _c, _ctx, row) => {
    if (!s.withdrawalRequested)
      return guardFailed(
        "withdrawal_requested",
        "申请人尚未提出撤回申请",
        "The applicant has not asked to withdraw",
        "《行政复议法》第四十一条第一项"
      );
    const effects: Effect[] = [
      ...stopAllTimers(s.timers),
      issue("withdrawal_record", "《行政复议法》第七十四条第二款", { refilingBarred: true }),
    ];
    if (s.acceptedAt)
      effects.push(issue("termination_decision", "《行政复议法》第四十一条第一项", { ground: "withdrawal", settlement: row.id === "T19" }));
    effects.push(notify("parties", "case.withdrawn"), ...cancelConsultation(s, "case_withdrawn"));
    return ok(
      { ...s, state: "TERMINATED", suspension: null, mediationActive: false, outcome: { kind: "withdrawn", refilingBarred: true } },
      effects,
      "准予撤回。申请人不得再以同一事实和理由提出行政复议申请，能够证明撤回违背其真实意愿的除外（《行政复议法》第七十四条第二款）"
    );
  },

  TERMINATE: (s, c) => {
    if (c.ground === "criminal_coercive_measures" && !s.act.restrictsPersonalLiberty) {
      return guardFailed(
        "liberty_case",
        "只有对行政拘留或限制人身自由的强制措施申请复议的案件，才因刑事强制措施终止（《行政复议法》第四十一条第四项）",
        "Art. 41(4) applies only to challenges to detention or restraints on liberty",
        "《行政复议法》第四十一条第四项"
      );
    }
    return ok({ ...s, state: "TERMINATED", suspension: null, mediationActive: false, outcome: { kind: "terminated", ground: c.ground } }, [
      ...stopAllTimers(s.timers),
      issue("termination_decision", "《行政复议法》第四十一条", { ground: c.ground, explanation: c.explanation }),
      notify("parties", "case.terminated"),
      ...cancelConsultation(s, "case_terminated"),
    ]);
  },

  EXTEND_DECISION_PERIOD: (s, c, ctx) => {
    const basis = "《行政复议法》第六十二条";
    if (s.procedure !== "ordinary")
      return guardFailed(
        "extension_ordinary_only",
        "简易程序案件不能延长审理期限；确有必要的，先转为普通程序（《行政复议法》第六十二条第二款、第五十五条）",
        "Only ordinary-procedure cases may be extended (Art. 62(2))",
        basis
      );
    if (s.extensionUsed)
      return guardFailed(
        "extension_once",
        "本案已经延长过一次审理期限，不能再次延长（《行政复议法》第六十二条第一款）",
        "The decision period has already been extended once (Art. 62(1))",
        basis
      );
    if (c.days > 30)
      return guardFailed(
        "extension_max_30",
        "延长期限最多不得超过三十日（《行政复议法》第六十二条第一款）",
        "An extension may not exceed 30 days (Art. 62(1))",
        basis
      );
    if (hasExpired(ctx, "decision"))
      return guardFailed("extension_before_expiry", "审理期限已经届满，不能再批准延长", "The decision period has already expired", basis);
    return ok({ ...s, extensionUsed: true, alertsSent: [] }, [
      { kind: "extendTimer", timer: "decision", days: c.days, unit: "calendar_day", basis: "《行政复议法》第六十二条第一款" },
      issue("extension_notice", "《行政复议法》第六十二条第一款", { days: c.days, reason: c.reason }),
      notify("parties", "case.extended", { days: c.days }),
    ]);
  },

  CONVERT_TO_ORDINARY: (s, c) => {
    if (s.procedure !== "simplified")
      return guardFailed(
        "is_simplified",
        "本案已适用普通程序",
        "The case already follows the ordinary procedure",
        "《行政复议法》第五十五条"
      );
    if (!s.acceptedAt) throw new Error("a case in review has an acceptance date");
    // 6.06 (UNVERIFIED default): the ordinary 60 days run from the original acceptance.
    return ok({ ...s, procedure: "ordinary", alertsSent: [] }, [
      ...stopTimers(s.timers, ["decision_simplified"]),
      startTimer("decision", s.acceptedAt, "《行政复议法》第五十五条、第六十二条第一款；DOMAIN.md 6.06（自原受理之日起算，待确认）"),
      notify("parties", "case.converted_to_ordinary", { reason: c.reason }),
    ]);
  },

  DISMISS_APPLICATION: (s, c, ctx) => {
    const effects: Effect[] = [
      ...stopAllTimers(s.timers),
      issue("dismissal_decision", "《行政复议法》第三十三条", {
        failedConditions: c.failedConditions,
        reasons: c.reasons,
        reconsiderationFirst: s.act.reconsiderationFirst,
      }),
      notify("parties", "case.dismissed"),
      ...cancelConsultation(s, "case_dismissed"),
    ];
    if (s.act.reconsiderationFirst) effects.push(startTimer("suit_after_decision", c.servedOn ?? ctx.today, "《行政复议法》第三十四条"));
    return ok({ ...s, state: "APPLICATION_DISMISSED", outcome: { kind: "dismissed" } }, effects);
  },

  START_DRAFTING: (s) => {
    const mandatory = mandatoryCommitteeGrounds(s);
    const opinionIn = s.committeeReferral.status === "opinion_recorded" || s.committeeReferral.status === "adoption_recorded";
    if (mandatory.length > 0 && !opinionIn) {
      return guardFailed(
        "committee_consulted",
        "本案属于应当提请行政复议委员会提出咨询意见的情形，须先取得并记录咨询意见（《行政复议法》第五十二条第二款、第三款）",
        `A referral is mandatory (${mandatory.join(", ")}); record the committee's opinion first (Art. 52(2)(3))`,
        "《行政复议法》第五十二条第二款"
      );
    }
    if (s.procedure === "ordinary" && !s.flags.viewsHeard) {
      return guardFailed(
        "views_heard",
        "普通程序应当听取当事人意见并记录在案（《行政复议法》第四十九条）",
        "The ordinary procedure requires hearing and recording the parties' views (Art. 49)",
        "《行政复议法》第四十九条"
      );
    }
    if (s.flags.majorComplex && !s.flags.hearingHeld && !s.flags.hearingWaived) {
      return guardFailed(
        "hearing_held",
        "重大、疑难、复杂案件应当组织听证（《行政复议法》第五十条第一款）",
        "Major, difficult or complex cases must have a formal hearing (Art. 50(1))",
        "《行政复议法》第五十条第一款"
      );
    }
    return ok({ ...s, state: "DECISION_DRAFTING" }, []);
  },

  SUBMIT_FOR_APPROVAL: (s, c) => {
    const adoption = checkAdoption(s);
    if (adoption) return adoption;
    if (s.flags.noReply && !noReplyOutcomes.includes(c.decisionType) && !c.thirdPartyEvidence) {
      return guardFailed(
        "art70_outcome",
        "被申请人未按期答复或未提交证据、依据，应当决定撤销、部分撤销、确认违法、确认无效或责令履行；行政行为涉及第三人合法权益且第三人提供证据的除外（《行政复议法》第七十条）",
        "Without a reply or evidence the outcome must be revoke, confirm illegal or void, or order performance, unless a third party supplies evidence (Art. 70)",
        "《行政复议法》第七十条"
      );
    }
    if (c.redoOrdered && c.decisionType !== "revoke")
      return guardFailed(
        "redo_with_revoke",
        "只有撤销或部分撤销时才能责令重新作出行政行为（《行政复议法》第六十四条第一款）",
        "Only a revocation can order the act to be redone (Art. 64(1))",
        "《行政复议法》第六十四条第一款"
      );
    if ((c.decisionType === "order_performance" || c.decisionType === "reject_claim") && !s.act.failureToAct) {
      return guardFailed(
        "failure_to_act_case",
        "责令履行和驳回复议请求只适用于不履行法定职责案件（《行政复议法》第六十六条、第六十九条）",
        "Order performance and reject claim apply only to failure-to-act cases (Arts. 66, 69)",
        "《行政复议法》第六十六条、第六十九条"
      );
    }
    if (c.decisionType === "order_performance" && !c.performanceDays)
      return guardFailed(
        "performance_period_set",
        "责令履行应当写明履行期限（《行政复议法》第六十六条）",
        "An order to perform must set the period (Art. 66)",
        "《行政复议法》第六十六条"
      );
    if (c.respondentObligations && !c.performanceDays)
      return guardFailed(
        "performance_period_set",
        "决定被申请人履行义务的，应当写明履行期限",
        "Give the period for the respondent's obligations"
      );
    if (c.decisionType === "confirm_void" && !c.applicantRequestedVoid)
      return guardFailed(
        "void_on_request",
        "确认无效须以申请人申请为前提（《行政复议法》第六十七条）",
        "Confirming an act void requires the applicant's request (Art. 67)",
        "《行政复议法》第六十七条"
      );
    const decision: DecisionProposal = {
      type: c.decisionType,
      partial: c.partial,
      redoOrdered: c.redoOrdered,
      respondentObligations: c.respondentObligations,
      performanceDays: c.performanceDays ?? null,
      approvedBy: null,
      servedOn: null,
    };
    return ok({ ...s, state: "DECISION_APPROVAL", decision }, [
      notify("office_head", "case.decision_for_approval", { decisionType: c.decisionType }),
    ]);
  },

  RETURN_DRAFT: (s, c) => ok({ ...s, state: "DECISION_DRAFTING" }, [notify("handler", "case.decision_returned", { reason: c.reason })]),

  APPROVE_DECISION: (s, c) => {
    const adoption = checkAdoption(s);
    if (adoption) return adoption;
    if (!s.decision) throw new Error("a case in DECISION_APPROVAL has a proposal");
    // The decision is made (作出) now: the Art. 62 period is met, whatever the date of service.
    const effects: Effect[] = [
      ...stopTimers(s.timers, [decisionTimer(s)]),
      issue("decision", "《行政复议法》第七十五条第一款", { ...s.decision, committeeConsulted: s.committeeReferral.adoptionRecorded }),
    ];
    if (s.committeeReferral.status === "adoption_recorded")
      effects.push({ kind: "relay", to: "consultation", command: { type: "LINK_DECISION" } });
    effects.push(notify("handler", "case.decision_approved"));
    return ok({ ...s, state: "DECISION_ISSUED", decision: { ...s.decision, approvedBy: c.approvedBy } }, effects);
  },

  SERVE_DECISION: (s, c, ctx) => {
    if (c.method === "electronic" && !s.electronicServiceConsent) {
      return guardFailed(
        "electronic_service_consent",
        "电子送达须经受送达人同意（《民事诉讼法》第九十条）",
        "Electronic service needs the recipient's consent (CPL Art. 90)",
        "《行政复议法》第八十八条第一款；《民事诉讼法》第九十条"
      );
    }
    const future = notFuture(c.servedOn, ctx.today, "送达日期");
    if (future) return future;
    if (!s.decision) throw new Error("an issued decision exists");
    const decision = { ...s.decision, servedOn: c.servedOn };
    const effects: Effect[] = [
      ...stopTimers(s.timers, ["suit_after_decision"]),
      startTimer("suit_after_decision", c.servedOn, "《行政诉讼法》第四十五条；《行政复议法》第三十四条"),
      notify("parties", "case.decision_effective", { servedOn: c.servedOn, stateCouncilRulingOption: s.act.respondentIsRegionGovernment }),
    ];
    // Art. 79(2) copies the effective decision "同时" — at once, not at closure as §15.3 P5 has it.
    if (s.act.respondentIsOwnDepartment)
      effects.push(issue("copy_report", "《行政复议法》第七十九条第二款"), notify("higher_department", "case.decision_copied"));
    if (requiresPerformance(decision)) effects.push({ kind: "relay", to: "reconsideration", command: { type: "MONITOR_PERFORMANCE" } });
    return ok({ ...s, state: "DECISION_EFFECTIVE", decision, outcome: { kind: "decided" } }, effects);
  },

  DEADLINE_ALERT: (s, c) => {
    if (s.alertsSent.includes(c.level)) return guardFailed("alert_once", "该期限提醒已经发送", "This alert was already sent");
    if (s.timers[decisionTimer(s)] !== "running")
      return guardFailed("decision_clock_running", "审理期限未在计算（已暂停或已停止）", "The decision period is not running");
    const effects: Effect[] =
      c.level === 80
        ? [notify("handler", "case.deadline_80", { dueOn: c.dueOn }), notify("office_head", "case.deadline_80", { dueOn: c.dueOn })]
        : [
            notify("office_head", "case.deadline_overdue", { dueOn: c.dueOn }),
            notify("applicant", "case.decision_overdue_rights", { dueOn: c.dueOn, reconsiderationFirst: s.act.reconsiderationFirst }),
            ...stopTimers(s.timers, ["suit_after_decision"]),
            startTimer("suit_after_decision", c.dueOn, "《行政复议法》第三十四条、第三十五条；《行政诉讼法》第四十五条"),
          ];
    return ok({ ...s, alertsSent: [...s.alertsSent, c.level] }, effects);
  },

  MONITOR_PERFORMANCE: (s) => {
    if (s.state === "DECISION_EFFECTIVE") {
      const d = s.decision;
      if (!d || !requiresPerformance(d) || !d.servedOn)
        return guardFailed("performance_required", "该决定不需要被申请人履行", "This decision requires nothing of the respondent");
      // Reg. Art. 49: redo within the statutory period or, if none, 60 days; a period set in the decision prevails.
      if (d.type === "revoke" && d.redoOrdered) {
        const length = d.performanceDays ? { value: d.performanceDays, unit: "calendar_day" as const } : undefined;
        return ok({ ...s, state: "PERFORMANCE_MONITORING", performance: { timer: "redo_act", ordered: false } }, [
          startTimer("redo_act", d.servedOn, "《行政复议法》第六十四条第一款；《行政复议法实施条例》第四十九条", length),
          notify("respondent", "case.performance_due"),
        ]);
      }
      if (!d.performanceDays) return guardFailed("performance_period_set", "决定未写明履行期限", "The decision sets no performance period");
      return ok({ ...s, state: "PERFORMANCE_MONITORING", performance: { timer: "performance_period", ordered: false } }, [
        startTimer("performance_period", d.servedOn, "《行政复议法》第六十六条、第七十七条第一款", {
          value: d.performanceDays,
          unit: "calendar_day",
        }),
        notify("respondent", "case.performance_due"),
      ]);
    }
    const m = s.mediationDocument;
    if (!m || !m.respondentObligations || !m.performanceDays)
      return guardFailed(
        "performance_required",
        "调解书未约定被申请人履行义务",
        "The mediation document sets no obligation for the respondent"
      );
    return ok({ ...s, state: "PERFORMANCE_MONITORING", performance: { timer: "performance_period", ordered: false } }, [
      startTimer("performance_period", m.effectiveOn, "《行政复议法》第七十三条、第七十七条第一款", {
        value: m.performanceDays,
        unit: "calendar_day",
      }),
      notify("respondent", "case.performance_due"),
    ]);
  },

  REPORT_PERFORMANCE: (s, c) =>
    ok({ ...s, state: "PERFORMANCE_REPORTED" }, [
      ...stopTimers(s.timers, ["redo_act", "performance_period", "order_to_perform"]),
      notify("handler", "case.performance_reported", { summary: c.summary }),
    ]),

  REJECT_PERFORMANCE_REPORT: (s, c) =>
    ok({ ...s, state: "PERFORMANCE_MONITORING" }, [notify("respondent", "case.performance_report_rejected", { reason: c.reason })]),

  ORDER_TO_PERFORM: (s, c, ctx) => {
    const timer = s.performance?.timer;
    if (c.reason === "overdue" && !(timer && hasExpired(ctx, timer))) {
      return guardFailed(
        "performance_overdue",
        "履行期限尚未届满；期限内拖延履行的，请选择“无正当理由拖延履行”并说明情况",
        "The performance period has not expired; choose unjustified delay and explain",
        "《行政复议法》第七十七条第二款"
      );
    }
    const effects: Effect[] = [
      ...stopTimers(s.timers, ["redo_act", "performance_period"]),
      issue("order_to_perform", "《行政复议法》第七十七条第二款", {
        days: c.days,
        reason: c.reason,
        explanation: c.explanation,
        measures: c.measures,
      }),
      startTimer("order_to_perform", ctx.today, "《行政复议法》第七十七条第二款", { value: c.days, unit: "calendar_day" }),
      notify("respondent", "case.ordered_to_perform", { days: c.days }),
    ];
    if (c.measures.includes("interview")) effects.push(notify("respondent", "case.interview_of_heads"));
    if (c.measures.includes("circulated_criticism")) effects.push(notify("higher_department", "case.circulated_criticism"));
    return ok({ ...s, state: "ORDERED_TO_PERFORM", performance: { timer: timer ?? null, ordered: true } }, effects);
  },

  RECORD_PERFORMANCE_MEASURE: (s, c, ctx) => {
    const future = notFuture(c.heldOn, ctx.today, c.measure === "interview" ? "约谈日期" : "通报日期");
    if (future) return future;
    const performance = s.performance ?? { timer: null, ordered: true };
    const measures = [...(performance.measures ?? []), { measure: c.measure, heldOn: c.heldOn, summary: c.summary }];
    return ok(
      { ...s, performance: { ...performance, measures } },
      c.measure === "interview"
        ? [notify("respondent", "case.interview_recorded", { heldOn: c.heldOn })]
        : [notify("respondent", "case.circulated_criticism_recorded", { heldOn: c.heldOn }), notify("higher_department", "case.circulated_criticism")],
      c.measure === "interview" ? "已约谈被申请人有关负责人（《行政复议法》第七十七条第二款）" : "已对被申请人予以通报批评（《行政复议法》第七十七条第二款）"
    );
  },

  REFER_FOR_SANCTIONS: (s, c, ctx) => {
    if (!hasExpired(ctx, "order_to_perform")) {
      return guardFailed(
        "order_expired",
        "责令履行的期限尚未届满",
        "The deadline of the order to perform has not passed",
        "《行政复议法》第八十三条"
      );
    }
    return ok({ ...s, state: "REFERRED" }, [
      ...stopTimers(s.timers, ["order_to_perform"]),
      issue("sanction_referral_letter", "《行政复议法》第八十三条、第八十五条", { explanation: c.explanation }),
    ]);
  },

  VERIFY_PERFORMANCE: (s) =>
    ok(
      { ...s, state: "CLOSED" },
      [notify("parties", "case.closed")],
      s.decision ? "履行情况已核实；按照《行政复议法》第七十九条第一款公开决定书" : "调解书履行情况已核实"
    ),

  ARCHIVE: (s) => {
    if (s.state === "DECISION_EFFECTIVE" && requiresPerformance(s.decision))
      return guardFailed("performance_required", "该决定须监督被申请人履行后才能结案", "This decision must be monitored until performed");
    if (s.state === "MEDIATION_DOCUMENT_EFFECTIVE" && s.mediationDocument?.respondentObligations)
      return guardFailed(
        "performance_required",
        "调解书须监督被申请人履行后才能结案",
        "This mediation document must be monitored until performed"
      );
    return ok(
      { ...s, state: "CLOSED" },
      [],
      s.state === "DECISION_EFFECTIVE" ? "结案；按照《行政复议法》第七十九条第一款公开决定书" : undefined
    );
  },

  REPORT_LITIGATION: (s, c, ctx) => {
    if (s.flags.litigation) return guardFailed("litigation_once", "已经记录本案的行政诉讼", "A suit is already recorded");
    return (
      notFuture(c.filedOn, ctx.today, "起诉日期") ??
      ok({ ...s, flags: { ...s.flags, litigation: true } }, [
        ...stopTimers(s.timers, ["suit_after_decision"]),
        notify("office_head", "case.litigation_reported", { filedOn: c.filedOn }),
      ])
    );
  },
};

function accept(s: CaseState, acceptedAt: IsoDate, deemed: boolean): Step<CaseState> {
  const simplified = s.procedure === "simplified";
  return ok({ ...s, state: "ACCEPTED", acceptedAt, deemedAccepted: deemed }, [
    ...stopTimers(s.timers, ["acceptance_review"]),
    issue("acceptance_notice", deemed ? "《行政复议法》第三十条第三款" : "《行政复议法》第三十条第一款", {
      procedure: s.procedure,
      acceptedAt,
      deemed,
    }),
    startTimer(decisionTimer(s), acceptedAt, decisionBasis(s)),
    startTimer(copyTimer(s), acceptedAt, simplified ? "《行政复议法》第五十四条第一款" : "《行政复议法》第四十八条"),
    notify("applicant", deemed ? "case.deemed_accepted" : "case.accepted", { acceptedAt, procedure: s.procedure }),
    ...(deemed ? [notify("office_head", "case.deemed_accepted")] : []),
  ]);
}

/** 6.12: the notice goes out at least 5 working days before the hearing (the notice is issued today). */
function checkHearingNotice(hearingDate: IsoDate, ctx: MachineContext): Step<CaseState> | null {
  if (!ctx.workingDaysBetween) return contextMissing("workingDaysBetween");
  if (ctx.workingDaysBetween(ctx.today, hearingDate) < 5) {
    return guardFailed(
      "hearing_notice_5wd",
      "应当于举行听证的五个工作日前书面通知当事人，请推后听证日期（《行政复议法》第五十一条第一款）",
      "The hearing must be at least 5 working days after the notice (Art. 51(1))",
      "《行政复议法》第五十一条第一款、第八十八条第二款"
    );
  }
  return null;
}

/** 6.20–6.21 (PROPOSAL on Art. 52(3), 61(3)): a referred case goes to approval only with the adoption record. */
function checkAdoption(s: CaseState): Step<CaseState> | null {
  const referred = s.committeeReferral.status !== "none" && s.committeeReferral.status !== "withdrawn";
  if (referred && !s.committeeReferral.adoptionRecorded) {
    return guardFailed(
      "adoption_recorded",
      "本案已提请行政复议委员会咨询，须附咨询意见采纳情况说明后才能报批（《行政复议法》第五十二条第三款、第六十一条第三款）",
      "A referred case needs the adoption record of the advisory opinion before approval (Arts. 52(3), 61(3))",
      "《行政复议法》第五十二条第三款、第六十一条第三款"
    );
  }
  return null;
}

const suspensionTimers: readonly TimerKey[] = [
  "suspension_60",
  "norm_notify",
  "norm_reply",
  "norm_handle",
  "norm_forward",
  "norm_forwarded_reply",
];

function suspend(s: CaseState, c: Cmd<"SUSPEND">, ctx: MachineContext): Step<CaseState> {
  if (c.ground === "mediation_or_settlement") {
    if (!c.applicantConsent || !c.respondentConsent) {
      return guardFailed(
        "mediation_suspension_consent",
        "因调解、和解中止须经申请人和被申请人同意（《行政复议法》第三十九条第一款第六项）",
        "Suspension for mediation or settlement needs both the applicant's and the respondent's consent (Art. 39(1)(6))",
        "《行政复议法》第三十九条第一款第六项"
      );
    }
    if (s.state !== "MEDIATION" && !c.settlementUnderway) {
      return guardFailed(
        "mediation_under_way",
        "只有在调解、和解进行中才能以此理由中止",
        "Mediation or settlement must be under way",
        "《行政复议法》第三十九条第一款第六项"
      );
    }
  }
  if (c.ground === "normative_document_review" && c.normativeDocumentWithinPower === undefined) {
    return guardFailed(
      "normative_power_stated",
      "请说明本机关是否有权处理该规范性文件（《行政复议法》第五十六条至第五十八条）",
      "State whether this organ may handle the normative document (Arts. 56–58)"
    );
  }
  // Only the decision period pauses (7.08 setting); the copy and reply periods are the institution's and the
  // respondent's own duties and keep running.
  const pause = settingsOf(ctx).suspensionPausesDecision;
  const effects: Effect[] = [];
  if (pause)
    effects.push({
      kind: "pauseTimer",
      timer: decisionTimer(s),
      from: ctx.today,
      basis: "《行政复议法》第三十九条；DOMAIN.md 7.08（设置 suspensionPausesDecision）",
    });
  if (sixtyDayGrounds.includes(c.ground)) effects.push(startTimer("suspension_60", ctx.today, "《行政复议法》第四十一条第五项"));
  if (c.ground === "normative_document_review") {
    if (c.normativeDocumentWithinPower) {
      effects.push(
        startTimer("norm_notify", ctx.today, "《行政复议法》第五十八条第一款"),
        startTimer("norm_handle", ctx.today, "《行政复议法》第五十六条、第五十七条")
      );
    } else {
      effects.push(startTimer("norm_forward", ctx.today, "《行政复议法》第五十六条、第五十七条"));
    }
  }
  effects.push(
    issue("suspension_notice", "《行政复议法》第三十九条第三款", {
      ground: c.ground,
      explanation: c.explanation,
      sixtyDayRule: sixtyDayGrounds.includes(c.ground),
    }),
    notify("parties", "case.suspended", { ground: c.ground })
  );
  if (s.state === "HEARING_SCHEDULED") effects.push(notify("parties", "case.hearing_cancelled"));
  // A cancelled hearing or a draft decision is taken up again in review once the cause is removed.
  const resumeTo: Suspension["resumeTo"] =
    s.state === "MEDIATION" || s.state === "ACCEPTED" || s.state === "AWAITING_REPLY" ? s.state : "IN_REVIEW";
  const suspension: Suspension = { ground: c.ground, since: ctx.today, resumeTo, pausedDecision: pause };
  if (c.ground === "normative_document_review") suspension.normativeWithinPower = c.normativeDocumentWithinPower;
  return ok({ ...s, state: "SUSPENDED", suspension, hearing: s.state === "HEARING_SCHEDULED" ? null : s.hearing }, effects);
}

// ---------------------------------------------------------------------------------------------------------------

export const reconsiderationMachine: MachineDefinition<CaseStateName, CaseState, CaseCommand, ParsedCaseCommand> = {
  name: "reconsideration",
  stateLabels: caseStateLabels,
  commandSchema: CaseCommandSchema,
  table: caseTransitions,
  handlers,
};

/** Applies one command to a case: the next state and its effects, or the reason it is refused. */
export function transition(state: CaseState, command: CaseCommand, context: MachineContext): TransitionResult<CaseState> {
  return runTransition(reconsiderationMachine, state, command, context);
}
export const transitionCase = transition;
