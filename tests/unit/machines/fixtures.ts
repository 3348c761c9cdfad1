// Scripted paths to every state of each machine, built with the machines themselves (each step must succeed), plus a
// valid sample of every command. The cross-product and guard tests start from these.
import type { ActorRef, MachineContext } from "~/domain/machines/common";
import { draftReferral, transition as consult, type ConsultationCommand, type ConsultationState } from "~/domain/machines/consultation";
import { draftLetter, transition as letterTransition, type LetterCommand, type LetterState } from "~/domain/machines/letter";
import { newMediationRequest, transition as mediate, type MediationCommand, type MediationState } from "~/domain/machines/mediation";
import {
  newCase,
  transition as caseTransition,
  type CaseCommand,
  type CaseCommandType,
  type CaseState,
} from "~/domain/machines/reconsideration";
import {
  TODAY,
  citizen,
  clerk,
  drive,
  head,
  member,
  otherParty,
  recipientAgent,
  respondent,
  staff,
  system,
  type PathStep,
} from "./support";

export const HEARING_DATE = "2026-03-16"; // ten working days after TODAY
export const AFTER_HEARING = "2026-03-16";

// ---------------------------------------------------------------------------------------------------------------
// Reconsideration case.

type K<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;
export const caseSamples: { [T in CaseCommandType]: K<T> } = {
  SUBMIT: { type: "SUBMIT", channel: "online" },
  BEGIN_INTAKE_REVIEW: { type: "BEGIN_INTAKE_REVIEW" },
  SUBMIT_VIA_PENALIZING_ORGAN: { type: "SUBMIT_VIA_PENALIZING_ORGAN" },
  FORWARD_APPLICATION: { type: "FORWARD_APPLICATION" },
  ISSUE_SUPPLEMENT_NOTICE: { type: "ISSUE_SUPPLEMENT_NOTICE", items: ["身份证明", "行政处罚决定书复印件"], servedOn: TODAY },
  RECORD_SUPPLEMENT_NOTICE_SERVICE: { type: "RECORD_SUPPLEMENT_NOTICE_SERVICE", servedOn: TODAY },
  SUBMIT_SUPPLEMENT: { type: "SUBMIT_SUPPLEMENT" },
  REQUEST_SUPPLEMENT_EXTENSION: { type: "REQUEST_SUPPLEMENT_EXTENSION", reason: "住院治疗，无法按期补正" },
  DECIDE_SUPPLEMENT_EXTENSION: { type: "DECIDE_SUPPLEMENT_EXTENSION", granted: true, workingDays: 5, reason: "住院属于正当理由" },
  SUPPLEMENT_PERIOD_EXPIRED: { type: "SUPPLEMENT_PERIOD_EXPIRED" },
  REFUSE: { type: "REFUSE", failedConditions: ["within_period"], reasons: "超过法定申请期限" },
  ACCEPT: { type: "ACCEPT", procedure: "ordinary" },
  INTAKE_PERIOD_EXPIRED: { type: "INTAKE_PERIOD_EXPIRED", periodEndedOn: "2026-02-27" },
  SERVE_COPY_ON_RESPONDENT: { type: "SERVE_COPY_ON_RESPONDENT" },
  FILE_REPLY: { type: "FILE_REPLY", evidenceAndBasisSubmitted: true },
  REPLY_PERIOD_EXPIRED: { type: "REPLY_PERIOD_EXPIRED" },
  RECORD_VIEWS_HEARD: { type: "RECORD_VIEWS_HEARD", mode: "online", applicantWillingToMediate: true },
  SCHEDULE_HEARING: { type: "SCHEDULE_HEARING", hearingDate: HEARING_DATE, reason: "applicant_request" },
  RESCHEDULE_HEARING: { type: "RESCHEDULE_HEARING", hearingDate: "2026-03-20", reason: "申请人因病请求改期" },
  RECORD_HEARING: { type: "RECORD_HEARING", outcome: "held", respondentHeadAttended: true },
  REFER_TO_COMMITTEE: { type: "REFER_TO_COMMITTEE", grounds: ["technical"], questions: ["检测报告能否作为定案证据"] },
  COMMITTEE_OPINION_RECEIVED: { type: "COMMITTEE_OPINION_RECEIVED" },
  COMMITTEE_REFERRAL_WITHDRAWN: { type: "COMMITTEE_REFERRAL_WITHDRAWN" },
  COMMITTEE_ADOPTION_RECORDED: { type: "COMMITTEE_ADOPTION_RECORDED", outcome: "adopted" },
  OPEN_MEDIATION: { type: "OPEN_MEDIATION", applicantWilling: true, respondentWilling: true },
  SUSPEND: { type: "SUSPEND", ground: "party_unable", explanation: "被申请人所在地遭受雪灾，无法参加行政复议" },
  RECORD_NORM_NOTICE_SERVED: { type: "RECORD_NORM_NOTICE_SERVED", drafterReceivedOn: TODAY },
  RECORD_NORM_FORWARDED: { type: "RECORD_NORM_FORWARDED", receivingOrganReceivedOn: TODAY },
  RESUME: { type: "RESUME", explanation: "中止原因已消除" },
  SUSPENSION_PERIOD_EXPIRED: { type: "SUSPENSION_PERIOD_EXPIRED" },
  SIGN_MEDIATION_DOCUMENT: { type: "SIGN_MEDIATION_DOCUMENT", allPartiesSigned: true, organSealed: true, respondentObligations: false },
  MEDIATION_FAILED: { type: "MEDIATION_FAILED", reason: "no_agreement" },
  REQUEST_WITHDRAWAL: { type: "REQUEST_WITHDRAWAL", reason: "已与被申请人和解" },
  REQUEST_HEARING: { type: "REQUEST_HEARING", reason: "案情复杂，希望当面陈述" },
  APPROVE_WITHDRAWAL: { type: "APPROVE_WITHDRAWAL" },
  TERMINATE: { type: "TERMINATE", ground: "applicant_died_no_heirs", explanation: "申请人死亡，无近亲属" },
  EXTEND_DECISION_PERIOD: { type: "EXTEND_DECISION_PERIOD", days: 30, reason: "案情复杂，需要补充调查" },
  CONVERT_TO_ORDINARY: { type: "CONVERT_TO_ORDINARY", reason: "争议较大，不宜适用简易程序" },
  DISMISS_APPLICATION: { type: "DISMISS_APPLICATION", failedConditions: ["legal_interest"], reasons: "申请人与该行政行为无利害关系" },
  START_DRAFTING: { type: "START_DRAFTING" },
  SUBMIT_FOR_APPROVAL: { type: "SUBMIT_FOR_APPROVAL", decisionType: "uphold" },
  RETURN_DRAFT: { type: "RETURN_DRAFT", reason: "事实认定部分需补充" },
  APPROVE_DECISION: { type: "APPROVE_DECISION", approvedBy: "organ_head" },
  SERVE_DECISION: { type: "SERVE_DECISION", servedOn: TODAY, method: "direct" },
  DEADLINE_ALERT: { type: "DEADLINE_ALERT", level: 80, dueOn: "2026-04-30" },
  MONITOR_PERFORMANCE: { type: "MONITOR_PERFORMANCE" },
  REPORT_PERFORMANCE: { type: "REPORT_PERFORMANCE", summary: "已重新作出行政行为并送达" },
  REJECT_PERFORMANCE_REPORT: { type: "REJECT_PERFORMANCE_REPORT", reason: "未附送达回证" },
  ORDER_TO_PERFORM: {
    type: "ORDER_TO_PERFORM",
    reason: "unjustified_delay",
    explanation: "无正当理由拖延",
    days: 15,
    measures: ["interview"],
  },
  RECORD_PERFORMANCE_MEASURE: { type: "RECORD_PERFORMANCE_MEASURE", measure: "interview", heldOn: TODAY, summary: "约谈被申请人分管负责人，其承诺十日内重新作出行政行为" },
  REFER_FOR_SANCTIONS: { type: "REFER_FOR_SANCTIONS", explanation: "经责令履行仍拒不履行" },
  VERIFY_PERFORMANCE: { type: "VERIFY_PERFORMANCE" },
  ARCHIVE: { type: "ARCHIVE" },
  REPORT_LITIGATION: { type: "REPORT_LITIGATION", filedOn: TODAY },
};

/** Who acts, from the actor columns of DOMAIN.md §15.2–15.3. */
export const caseActors: Record<CaseCommandType, ActorRef> = {
  SUBMIT: citizen,
  BEGIN_INTAKE_REVIEW: system,
  SUBMIT_VIA_PENALIZING_ORGAN: respondent,
  FORWARD_APPLICATION: respondent,
  ISSUE_SUPPLEMENT_NOTICE: staff,
  RECORD_SUPPLEMENT_NOTICE_SERVICE: staff,
  SUBMIT_SUPPLEMENT: citizen,
  REQUEST_SUPPLEMENT_EXTENSION: citizen,
  DECIDE_SUPPLEMENT_EXTENSION: staff,
  SUPPLEMENT_PERIOD_EXPIRED: system,
  REFUSE: staff,
  ACCEPT: staff,
  INTAKE_PERIOD_EXPIRED: system,
  SERVE_COPY_ON_RESPONDENT: staff,
  FILE_REPLY: respondent,
  REPLY_PERIOD_EXPIRED: system,
  RECORD_VIEWS_HEARD: staff,
  SCHEDULE_HEARING: staff,
  RESCHEDULE_HEARING: staff,
  RECORD_HEARING: staff,
  REFER_TO_COMMITTEE: staff,
  COMMITTEE_OPINION_RECEIVED: system,
  COMMITTEE_REFERRAL_WITHDRAWN: system,
  COMMITTEE_ADOPTION_RECORDED: system,
  OPEN_MEDIATION: staff,
  SUSPEND: staff,
  RECORD_NORM_NOTICE_SERVED: staff,
  RECORD_NORM_FORWARDED: staff,
  RESUME: staff,
  SUSPENSION_PERIOD_EXPIRED: system,
  SIGN_MEDIATION_DOCUMENT: staff,
  MEDIATION_FAILED: staff,
  REQUEST_WITHDRAWAL: citizen,
  REQUEST_HEARING: citizen,
  APPROVE_WITHDRAWAL: staff,
  TERMINATE: staff,
  EXTEND_DECISION_PERIOD: head,
  CONVERT_TO_ORDINARY: head,
  DISMISS_APPLICATION: staff,
  START_DRAFTING: staff,
  SUBMIT_FOR_APPROVAL: staff,
  RETURN_DRAFT: head,
  APPROVE_DECISION: head,
  SERVE_DECISION: staff,
  DEADLINE_ALERT: system,
  MONITOR_PERFORMANCE: system,
  REPORT_PERFORMANCE: respondent,
  REJECT_PERFORMANCE_REPORT: staff,
  ORDER_TO_PERFORM: head,
  RECORD_PERFORMANCE_MEASURE: head,
  REFER_FOR_SANCTIONS: head,
  VERIFY_PERFORMANCE: staff,
  ARCHIVE: staff,
  REPORT_LITIGATION: staff,
};

/** What the scheduler passes with its automatic commands: the timer that ran out. */
export const caseCtx: Partial<Record<CaseCommandType, Partial<MachineContext>>> = {
  SUPPLEMENT_PERIOD_EXPIRED: { expiredTimers: ["supplement"] },
  INTAKE_PERIOD_EXPIRED: { expiredTimers: ["acceptance_review"] },
  REPLY_PERIOD_EXPIRED: { expiredTimers: ["respondent_reply", "respondent_reply_simplified"] },
  SUSPENSION_PERIOD_EXPIRED: { expiredTimers: ["suspension_60"] },
  REFER_FOR_SANCTIONS: { expiredTimers: ["order_to_perform"] },
  RECORD_HEARING: { today: AFTER_HEARING },
};

const step = <T extends CaseCommandType>(type: T, over: Partial<K<T>> = {}): PathStep<CaseCommand> => [
  { ...caseSamples[type], ...over } as CaseCommand,
  caseActors[type],
  caseCtx[type],
];

const intake = [step("SUBMIT"), step("BEGIN_INTAKE_REVIEW")];
const accepted = [...intake, step("ACCEPT")];
const inReview = [...accepted, step("SERVE_COPY_ON_RESPONDENT"), step("FILE_REPLY"), step("RECORD_VIEWS_HEARD")];
const drafting = [...inReview, step("START_DRAFTING")];
const decided = (over: Partial<K<"SUBMIT_FOR_APPROVAL">> = {}) => [
  ...drafting,
  step("SUBMIT_FOR_APPROVAL", over),
  step("APPROVE_DECISION"),
  step("SERVE_DECISION"),
];
const redo = decided({ decisionType: "revoke", redoOrdered: true });
const monitoring = [...redo, step("MONITOR_PERFORMANCE")];
const mediation = [...inReview, step("OPEN_MEDIATION")];
const opinionIn = [...inReview, step("REFER_TO_COMMITTEE"), step("COMMITTEE_OPINION_RECEIVED")];

const casePaths: Record<string, { init?: () => CaseState; steps: PathStep<CaseCommand>[] }> = {
  DRAFT: { steps: [] },
  DRAFT_ON_THE_SPOT: { init: () => newCase({ onTheSpotPenalty: true }), steps: [] },
  SUBMITTED: { steps: [step("SUBMIT")] },
  FORWARDING_BY_PENALIZING_ORGAN: { init: () => newCase({ onTheSpotPenalty: true }), steps: [step("SUBMIT_VIA_PENALIZING_ORGAN")] },
  INTAKE_REVIEW: { steps: intake },
  AWAITING_SUPPLEMENT: { steps: [...intake, step("ISSUE_SUPPLEMENT_NOTICE")] },
  AWAITING_SUPPLEMENT_UNSERVED: { steps: [...intake, step("ISSUE_SUPPLEMENT_NOTICE", { servedOn: undefined })] },
  ABANDONED: { steps: [...intake, step("ISSUE_SUPPLEMENT_NOTICE"), step("SUPPLEMENT_PERIOD_EXPIRED")] },
  NOT_ACCEPTED: { steps: [...intake, step("REFUSE")] },
  ACCEPTED: { steps: accepted },
  AWAITING_REPLY: { steps: [...accepted, step("SERVE_COPY_ON_RESPONDENT")] },
  IN_REVIEW: { steps: inReview },
  IN_REVIEW_SIMPLIFIED: {
    steps: [
      ...intake,
      step("ACCEPT", {
        procedure: "simplified",
        simplifiedBasis: { kind: "art53_1", factsClearAndDisputeMinor: true, ground: "warning_or_criticism" },
      }),
      step("SERVE_COPY_ON_RESPONDENT"),
      step("FILE_REPLY"),
    ],
  },
  IN_REVIEW_AFTER_OPINION: { steps: opinionIn },
  HEARING_SCHEDULED: { steps: [...inReview, step("SCHEDULE_HEARING")] },
  COMMITTEE_CONSULTATION: { steps: [...inReview, step("REFER_TO_COMMITTEE")] },
  MEDIATION: { steps: mediation },
  SUSPENDED: { steps: [...inReview, step("SUSPEND")] },
  SUSPENDED_NOT_PAUSED: { steps: [...inReview, [caseSamples.SUSPEND, staff, { settings: { suspensionPausesDecision: false } }]] },
  SUSPENDED_60: { steps: [...inReview, step("SUSPEND", { ground: "applicant_died" })] },
  SUSPENDED_NORM_POWER: {
    steps: [...inReview, step("SUSPEND", { ground: "normative_document_review", normativeDocumentWithinPower: true })],
  },
  SUSPENDED_NORM_FORWARD: {
    steps: [...inReview, step("SUSPEND", { ground: "normative_document_review", normativeDocumentWithinPower: false })],
  },
  SUSPENDED_MEDIATION: {
    steps: [...mediation, step("SUSPEND", { ground: "mediation_or_settlement", applicantConsent: true, respondentConsent: true })],
  },
  DECISION_DRAFTING: { steps: drafting },
  DECISION_DRAFTING_AFTER_OPINION: { steps: [...opinionIn, step("START_DRAFTING")] },
  DECISION_APPROVAL: { steps: [...drafting, step("SUBMIT_FOR_APPROVAL")] },
  DECISION_ISSUED: { steps: [...drafting, step("SUBMIT_FOR_APPROVAL"), step("APPROVE_DECISION")] },
  DECISION_EFFECTIVE: { steps: decided() },
  DECISION_EFFECTIVE_REDO: { steps: redo },
  MEDIATION_DOCUMENT_EFFECTIVE: { steps: [...mediation, step("SIGN_MEDIATION_DOCUMENT")] },
  MEDIATION_DOCUMENT_WITH_OBLIGATIONS: {
    steps: [...mediation, step("SIGN_MEDIATION_DOCUMENT", { respondentObligations: true, performanceDays: 30 })],
  },
  APPLICATION_DISMISSED: { steps: [...inReview, step("DISMISS_APPLICATION")] },
  TERMINATED: { steps: [...inReview, step("REQUEST_WITHDRAWAL"), step("APPROVE_WITHDRAWAL")] },
  PERFORMANCE_MONITORING: { steps: monitoring },
  PERFORMANCE_REPORTED: { steps: [...monitoring, step("REPORT_PERFORMANCE")] },
  ORDERED_TO_PERFORM: { steps: [...monitoring, step("ORDER_TO_PERFORM")] },
  REFERRED: { steps: [...monitoring, step("ORDER_TO_PERFORM"), step("REFER_FOR_SANCTIONS")] },
  CLOSED: { steps: [...monitoring, step("REPORT_PERFORMANCE"), step("VERIFY_PERFORMANCE")] },
};

const caseCache = new Map<string, CaseState>();
export function caseFixture(name: string): CaseState {
  const hit = caseCache.get(name);
  if (hit) return structuredClone(hit);
  const path = casePaths[name];
  if (!path) throw new Error(`no case fixture ${name}`);
  const s = drive(caseTransition, path.init?.() ?? newCase(), path.steps);
  caseCache.set(name, s);
  return structuredClone(s);
}

/** Drives a case from a fixture with further steps. */
export function caseFrom(name: string, ...steps: PathStep<CaseCommand>[]): CaseState {
  return drive(caseTransition, caseFixture(name), steps);
}
export { step as caseStep };

// ---------------------------------------------------------------------------------------------------------------
// Mediation.

type MK<T extends MediationCommand["type"]> = Extract<MediationCommand, { type: T }>;
export const mediationSamples: { [T in MediationCommand["type"]]: MK<T> } = {
  FILE_REQUEST: { type: "FILE_REQUEST", channel: "online" },
  TRIAGE: { type: "TRIAGE", disputeKind: "civil_related_to_duties", channel: "administrative_mediation", organId: "org-market-hohhot" },
  TRANSFER: { type: "TRANSFER", toOrganId: "org-market-saihan", reason: "属地管辖" },
  CONTACT_OTHER_PARTY: { type: "CONTACT_OTHER_PARTY" },
  ACCEPT_REQUEST: { type: "ACCEPT_REQUEST", otherPartyConsented: true },
  DECLINE_REQUEST: { type: "DECLINE_REQUEST", ground: "ineligible", reasons: "纠纷已由人民法院受理" },
  START_MEDIATION: { type: "START_MEDIATION" },
  EXTEND_MEDIATION: { type: "EXTEND_MEDIATION", days: 15, allPartiesConsent: true },
  SIGN_AGREEMENT: { type: "SIGN_AGREEMENT", allPartiesSigned: true, judicialConfirmationEligible: false },
  END_MEDIATION: { type: "END_MEDIATION", reason: "no_agreement" },
  MEDIATION_PERIOD_EXPIRED: { type: "MEDIATION_PERIOD_EXPIRED" },
  RECORD_FOLLOW_UP: { type: "RECORD_FOLLOW_UP", performed: true },
  CLOSE: { type: "CLOSE" },
  WITHDRAW_REQUEST: { type: "WITHDRAW_REQUEST" },
};

export const mediationActors: Record<MediationCommand["type"], ActorRef> = {
  FILE_REQUEST: citizen,
  TRIAGE: clerk,
  TRANSFER: staff,
  CONTACT_OTHER_PARTY: staff,
  ACCEPT_REQUEST: staff,
  DECLINE_REQUEST: staff,
  START_MEDIATION: staff,
  EXTEND_MEDIATION: staff,
  SIGN_AGREEMENT: staff,
  END_MEDIATION: staff,
  MEDIATION_PERIOD_EXPIRED: system,
  RECORD_FOLLOW_UP: clerk,
  CLOSE: system,
  WITHDRAW_REQUEST: citizen,
};

export const mediationCtx: Partial<Record<MediationCommand["type"], Partial<MachineContext>>> = {
  MEDIATION_PERIOD_EXPIRED: { expiredTimers: ["mediation_period"] },
};

const mstep = <T extends MediationCommand["type"]>(type: T, over: Partial<MK<T>> = {}): PathStep<MediationCommand> => [
  { ...mediationSamples[type], ...over } as MediationCommand,
  mediationActors[type],
  mediationCtx[type],
];
const mReceived = [mstep("FILE_REQUEST")];
const mTriaged = [...mReceived, mstep("TRIAGE")];
const mAccepted = [...mTriaged, mstep("CONTACT_OTHER_PARTY"), mstep("ACCEPT_REQUEST")];
const mInMediation = [...mAccepted, mstep("START_MEDIATION")];
const mSigned = [...mInMediation, mstep("SIGN_AGREEMENT")];

const mediationPaths: Record<string, PathStep<MediationCommand>[]> = {
  DRAFT: [],
  RECEIVED: mReceived,
  TRIAGED: mTriaged,
  ROUTED: [...mReceived, mstep("TRIAGE", { disputeKind: "civil_neighbour_family", channel: "people_mediation", organId: undefined })],
  CONSENT_PENDING: [...mTriaged, mstep("CONTACT_OTHER_PARTY")],
  ACCEPTED: mAccepted,
  DECLINED: [...mTriaged, mstep("DECLINE_REQUEST")],
  IN_MEDIATION: mInMediation,
  EXTENDED: [...mInMediation, mstep("EXTEND_MEDIATION")],
  AGREEMENT_SIGNED: mSigned,
  FAILED: [...mInMediation, mstep("END_MEDIATION")],
  PERFORMED: [...mSigned, mstep("RECORD_FOLLOW_UP")],
  BREACHED: [...mSigned, mstep("RECORD_FOLLOW_UP", { performed: false })],
  CLOSED: [...mSigned, mstep("RECORD_FOLLOW_UP"), mstep("CLOSE")],
};

export function mediationFixture(name: string): MediationState {
  const steps = mediationPaths[name];
  if (!steps) throw new Error(`no mediation fixture ${name}`);
  return drive(mediate, newMediationRequest(), steps);
}
export { mstep as mediationStep };

// ---------------------------------------------------------------------------------------------------------------
// Committee consultation.

type CK<T extends ConsultationCommand["type"]> = Extract<ConsultationCommand, { type: T }>;
export const DECISION_DUE = "2026-04-30";
export const consultationSamples: { [T in ConsultationCommand["type"]]: CK<T> } = {
  APPROVE_REFERRAL: { type: "APPROVE_REFERRAL", decisionDueOn: DECISION_DUE },
  WITHDRAW_REFERRAL: { type: "WITHDRAW_REFERRAL", reason: "经研究无提请必要" },
  ASSIGN_MEMBERS: { type: "ASSIGN_MEMBERS", memberIds: ["m1", "m2", "m3"], recusalChecked: true },
  SEND_MATERIALS: { type: "SEND_MATERIALS", redactedPerArt36: true },
  HOLD_MEETING: { type: "HOLD_MEETING", attendeeIds: ["m1", "m2"] },
  START_WRITTEN_CONSULTATION: { type: "START_WRITTEN_CONSULTATION" },
  SUBMIT_MEMBER_OPINION: { type: "SUBMIT_MEMBER_OPINION", text: "检测报告程序合法，可以采信" },
  RECORD_OPINION: { type: "RECORD_OPINION", text: "多数委员认为检测报告可以采信", dissent: ["一名委员认为应重新检测"] },
  COMMITTEE_PERIOD_EXPIRED: { type: "COMMITTEE_PERIOD_EXPIRED" },
  RECORD_ADOPTION: { type: "RECORD_ADOPTION", outcome: "adopted" },
  LINK_DECISION: { type: "LINK_DECISION" },
  CANCEL: { type: "CANCEL", reason: "case_withdrawn" },
};

export const consultationActors: Record<ConsultationCommand["type"], ActorRef> = {
  APPROVE_REFERRAL: head,
  WITHDRAW_REFERRAL: head,
  ASSIGN_MEMBERS: staff,
  SEND_MATERIALS: staff,
  HOLD_MEETING: staff,
  START_WRITTEN_CONSULTATION: staff,
  SUBMIT_MEMBER_OPINION: member,
  RECORD_OPINION: staff,
  COMMITTEE_PERIOD_EXPIRED: system,
  RECORD_ADOPTION: staff,
  LINK_DECISION: system,
  CANCEL: system,
};

export const consultationCtx: Partial<Record<ConsultationCommand["type"], Partial<MachineContext>>> = {
  COMMITTEE_PERIOD_EXPIRED: { expiredTimers: ["committee_opinion"] },
};

const cstep = <T extends ConsultationCommand["type"]>(type: T, over: Partial<CK<T>> = {}): PathStep<ConsultationCommand> => [
  { ...consultationSamples[type], ...over } as ConsultationCommand,
  consultationActors[type],
  consultationCtx[type],
];
const cSent = [cstep("APPROVE_REFERRAL"), cstep("ASSIGN_MEMBERS"), cstep("SEND_MATERIALS")];
const cMeeting = [...cSent, cstep("HOLD_MEETING")];
const cOpinion = [...cMeeting, cstep("RECORD_OPINION")];

const consultationPaths: Record<
  string,
  { grounds?: ("major_complex" | "technical" | "region_government_act" | "necessary")[]; steps: PathStep<ConsultationCommand>[] }
> = {
  REFERRAL_DRAFTED: { steps: [] },
  REFERRAL_DRAFTED_NECESSARY: { grounds: ["necessary"], steps: [] },
  REFERRED: { steps: [cstep("APPROVE_REFERRAL")] },
  MEMBERS_ASSIGNED: { steps: [cstep("APPROVE_REFERRAL"), cstep("ASSIGN_MEMBERS")] },
  MATERIALS_SENT: { steps: cSent },
  MEETING_HELD: { steps: cMeeting },
  WRITTEN_CONSULT: { steps: [...cSent, cstep("START_WRITTEN_CONSULTATION")] },
  WRITTEN_CONSULT_ANSWERED: { steps: [...cSent, cstep("START_WRITTEN_CONSULTATION"), cstep("SUBMIT_MEMBER_OPINION")] },
  OPINION_RECORDED: { steps: cOpinion },
  ADOPTION_RECORDED: { steps: [...cOpinion, cstep("RECORD_ADOPTION")] },
  CLOSED: { steps: [...cOpinion, cstep("RECORD_ADOPTION"), cstep("LINK_DECISION")] },
};

export function consultationFixture(name: string): ConsultationState {
  const path = consultationPaths[name];
  if (!path) throw new Error(`no consultation fixture ${name}`);
  return drive(consult, draftReferral({ grounds: path.grounds ?? ["technical"], questions: ["检测报告能否采信"] }), path.steps);
}
export { cstep as consultationStep };

// ---------------------------------------------------------------------------------------------------------------
// Letters.

type LK<T extends LetterCommand["type"]> = Extract<LetterCommand, { type: T }>;
export const letterSamples: { [T in LetterCommand["type"]]: LK<T> } = {
  APPROVE: { type: "APPROVE" },
  ISSUE: { type: "ISSUE", servedOn: TODAY },
  SUBMIT_REPORT: { type: "SUBMIT_REPORT", summary: "已撤销同类处罚决定三件并整改" },
  REVIEW_REPORT: { type: "REVIEW_REPORT", adequate: true },
  REPORT_PERIOD_EXPIRED: { type: "REPORT_PERIOD_EXPIRED" },
  ORDER_TO_PERFORM: { type: "ORDER_TO_PERFORM", days: 20, measures: ["circulated_criticism"] },
  CLOSE: { type: "CLOSE" },
};

export const letterActors: Record<LetterCommand["type"], ActorRef> = {
  APPROVE: head,
  ISSUE: staff,
  SUBMIT_REPORT: recipientAgent,
  REVIEW_REPORT: staff,
  REPORT_PERIOD_EXPIRED: system,
  ORDER_TO_PERFORM: head,
  CLOSE: staff,
};

export const letterCtx: Partial<Record<LetterCommand["type"], Partial<MachineContext>>> = {
  REPORT_PERIOD_EXPIRED: { expiredTimers: ["opinion_letter_report", "suggestion_letter_reply"] },
};

const lstep = <T extends LetterCommand["type"]>(type: T, over: Partial<LK<T>> = {}): PathStep<LetterCommand> => [
  { ...letterSamples[type], ...over } as LetterCommand,
  letterActors[type],
  letterCtx[type],
];

export const opinionDraft = (own = false) =>
  draftLetter({
    type: "opinion",
    caseId: "case-1",
    recipient: {
      name: "某旗市场监督管理局",
      kind: "respondent",
      isOwnGovernmentDepartment: own,
      higherDepartment: own ? "某盟市场监督管理局" : null,
    },
  });
export const suggestionDraft = (own = false) =>
  draftLetter({
    type: "suggestion",
    recipient: {
      name: "某旗人民政府办公室",
      kind: "other_organ",
      isOwnGovernmentDepartment: own,
      higherDepartment: own ? "某盟人民政府办公室" : null,
    },
  });

const lIssued = [lstep("APPROVE"), lstep("ISSUE")];
const letterPaths: Record<string, { init: () => LetterState; steps: PathStep<LetterCommand>[] }> = {
  DRAFT: { init: opinionDraft, steps: [] },
  APPROVED: { init: opinionDraft, steps: [lstep("APPROVE")] },
  ISSUED: { init: opinionDraft, steps: lIssued },
  COPIED: { init: () => opinionDraft(true), steps: lIssued },
  REPORT_RECEIVED: { init: opinionDraft, steps: [...lIssued, lstep("SUBMIT_REPORT")] },
  REVIEWED: { init: opinionDraft, steps: [...lIssued, lstep("SUBMIT_REPORT"), lstep("REVIEW_REPORT")] },
  REVIEWED_INADEQUATE: {
    init: opinionDraft,
    steps: [...lIssued, lstep("SUBMIT_REPORT"), lstep("REVIEW_REPORT", { adequate: false, reasons: "仅整改一件" })],
  },
  OVERDUE: { init: opinionDraft, steps: [...lIssued, lstep("REPORT_PERIOD_EXPIRED")] },
  OVERDUE_SUGGESTION: { init: suggestionDraft, steps: [...lIssued, lstep("REPORT_PERIOD_EXPIRED")] },
  ORDERED_TO_PERFORM: { init: opinionDraft, steps: [...lIssued, lstep("REPORT_PERIOD_EXPIRED"), lstep("ORDER_TO_PERFORM")] },
  CLOSED: { init: opinionDraft, steps: [...lIssued, lstep("SUBMIT_REPORT"), lstep("REVIEW_REPORT"), lstep("CLOSE")] },
};

export function letterFixture(name: string): LetterState {
  const path = letterPaths[name];
  if (!path) throw new Error(`no letter fixture ${name}`);
  return drive(letterTransition, path.init(), path.steps);
}
export { lstep as letterStep };
export { otherParty };
