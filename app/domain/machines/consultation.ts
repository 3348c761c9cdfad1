// Committee consultation (行政复议委员会咨询) on a referred case: DOMAIN.md §17. The law sets no period; the committee
// period is a setting (6.23) that must end no later than 5 working days before the decision is due.
import * as z from "zod/mini";
import {
  IsoDateSchema,
  TextSchema,
  contextMissing,
  guardFailed,
  hasExpired,
  issue,
  notify,
  runTransition,
  settingsOf,
  startTimer,
  stopTimers,
  isSystem,
  type Effect,
  type IsoDate,
  type MachineContext,
  type MachineDefinition,
  type MachineState,
  type Step,
  type TransitionResult,
  type TransitionRow,
} from "./common";
import { committeePeriod } from "../committee";
import { committeeGrounds, type CommitteeGround } from "./reconsideration";

export const consultationStates = [
  "REFERRAL_DRAFTED",
  "REFERRED",
  "MEMBERS_ASSIGNED",
  "MATERIALS_SENT",
  "MEETING_HELD",
  "WRITTEN_CONSULT",
  "OPINION_RECORDED",
  "ADOPTION_RECORDED",
  "CLOSED",
] as const;
export type ConsultationStateName = (typeof consultationStates)[number];

export const consultationStateLabels: Record<ConsultationStateName, string> = {
  REFERRAL_DRAFTED: "提请咨询待批准",
  REFERRED: "已提请咨询",
  MEMBERS_ASSIGNED: "已确定咨询委员",
  MATERIALS_SENT: "已送达案件材料",
  MEETING_HELD: "已召开咨询会议",
  WRITTEN_CONSULT: "书面征询中",
  OPINION_RECORDED: "咨询意见已记录",
  ADOPTION_RECORDED: "采纳情况已记录",
  CLOSED: "已关闭",
};

/** Drafting buffer (6.23 default): the consultation ends no later than 5 WD before the decision is due. */
export { DRAFTING_BUFFER_WORKDAYS } from "../committee";

export interface ConsultationState extends MachineState<ConsultationStateName> {
  grounds: CommitteeGround[];
  /** Why the office deems the referral necessary (ground "necessary", Art. 52(2)(4)); absent on older referrals. */
  otherReason?: string | null;
  questions: string[];
  members: string[];
  memberOpinions: { memberId: string; text: string }[];
  opinion: { text: string; dissent: string[]; recordedOn: IsoDate } | null;
  adoption: { outcome: "adopted" | "partly_adopted" | "not_adopted"; reasons: string | null } | null;
  overdue: boolean;
  outcome: { kind: "linked_to_decision" | "withdrawn" | "cancelled"; reason?: string } | null;
}

/** The consultation the case's T14 opens (effect openProcess); ground (3) is added when the region government is respondent. */
export function draftReferral(input: {
  grounds: readonly CommitteeGround[];
  questions?: readonly string[];
  respondentIsRegionGovernment?: boolean;
  otherReason?: string | null;
}): ConsultationState {
  const grounds = new Set(input.grounds);
  if (input.respondentIsRegionGovernment) grounds.add("region_government_act");
  return {
    state: "REFERRAL_DRAFTED",
    version: 0,
    timers: {},
    grounds: committeeGrounds.filter((g) => grounds.has(g)),
    otherReason: grounds.has("necessary") ? (input.otherReason ?? null) : null,
    questions: [...(input.questions ?? [])],
    members: [],
    memberOpinions: [],
    opinion: null,
    adoption: null,
    overdue: false,
    outcome: null,
  };
}

const date = IsoDateSchema;

export const ConsultationCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("APPROVE_REFERRAL"), decisionDueOn: date }),
  z.object({ type: z.literal("WITHDRAW_REFERRAL"), reason: TextSchema }),
  z.object({
    type: z.literal("ASSIGN_MEMBERS"),
    memberIds: z.array(TextSchema).check(z.minLength(1)),
    recusalChecked: z.boolean(),
    conflictedMemberIds: z._default(z.array(TextSchema), []),
  }),
  z.object({ type: z.literal("SEND_MATERIALS"), redactedPerArt36: z.boolean() }),
  z.object({ type: z.literal("HOLD_MEETING"), attendeeIds: z.array(TextSchema).check(z.minLength(1)) }),
  z.object({ type: z.literal("START_WRITTEN_CONSULTATION") }),
  z.object({ type: z.literal("SUBMIT_MEMBER_OPINION"), text: TextSchema }),
  z.object({ type: z.literal("RECORD_OPINION"), text: TextSchema, dissent: z._default(z.array(TextSchema), []) }),
  z.object({ type: z.literal("COMMITTEE_PERIOD_EXPIRED") }),
  z.object({
    type: z.literal("RECORD_ADOPTION"),
    outcome: z.enum(["adopted", "partly_adopted", "not_adopted"]),
    reasons: z.optional(TextSchema),
  }),
  z.object({ type: z.literal("LINK_DECISION") }),
  z.object({ type: z.literal("CANCEL"), reason: TextSchema }),
]);
/** A command as the caller sends it (optional fields may be left out). */
export type ConsultationCommand = z.input<typeof ConsultationCommandSchema>;
/** The same command after parsing, as the handlers see it. */
export type ParsedConsultationCommand = z.output<typeof ConsultationCommandSchema>;
export type ConsultationCommandType = ConsultationCommand["type"];
export const consultationCommandTypes = ConsultationCommandSchema._zod.def.options.map((o) => o.shape.type._zod.def.values[0]) as ConsultationCommandType[];

const STAFF = ["reconsideration_staff", "office_head"] as const;
const open = [
  "REFERRED",
  "MEMBERS_ASSIGNED",
  "MATERIALS_SENT",
  "MEETING_HELD",
  "WRITTEN_CONSULT",
] as const satisfies readonly ConsultationStateName[];
type Row = TransitionRow<ConsultationStateName, ConsultationCommandType>;

export const consultationTransitions: readonly Row[] = [
  {
    id: "C1",
    from: ["REFERRAL_DRAFTED"],
    to: ["REFERRED"],
    command: "APPROVE_REFERRAL",
    roles: ["office_head"],
    basis: "《行政复议法》第五十二条第二款",
    facts: ["6.19", "6.23"],
    title: "机构负责人批准提请咨询函",
    titleEn: "Head approves the referral letter",
  },
  {
    id: "C1-withdraw",
    from: ["REFERRAL_DRAFTED"],
    to: ["CLOSED"],
    command: "WITHDRAW_REFERRAL",
    roles: ["office_head"],
    basis: "《行政复议法》第五十二条第二款第四项",
    facts: ["6.19"],
    title: "不予提请（仅限“认为有必要”情形）",
    titleEn: "Withdraw a discretionary referral",
  },
  {
    id: "C2",
    from: ["REFERRED"],
    to: ["MEMBERS_ASSIGNED"],
    command: "ASSIGN_MEMBERS",
    roles: STAFF,
    basis: "《行政复议法》第五十二条第一款；DOMAIN.md 6.23（回避规则待确认）",
    facts: ["6.18", "6.23"],
    title: "确定咨询委员并核查回避",
    titleEn: "Assign members after the recusal check",
  },
  {
    id: "C3",
    from: ["MEMBERS_ASSIGNED"],
    to: ["MATERIALS_SENT"],
    command: "SEND_MATERIALS",
    roles: STAFF,
    basis: "《行政复议法》第三十六条第二款",
    facts: ["6.01"],
    title: "送达案情摘要和证据（已按保密要求处理）",
    titleEn: "Send the digest and evidence, redacted for confidentiality",
  },
  {
    id: "C4",
    from: ["MATERIALS_SENT"],
    to: ["MEETING_HELD"],
    command: "HOLD_MEETING",
    roles: STAFF,
    basis: "《行政复议法》第五十二条；DOMAIN.md 6.23（议事规则待确认）",
    facts: ["6.22", "6.23"],
    title: "召开咨询会议，记录出席情况",
    titleEn: "Hold the meeting; attendance and quorum recorded",
  },
  {
    id: "C4-written",
    from: ["MATERIALS_SENT"],
    to: ["WRITTEN_CONSULT"],
    command: "START_WRITTEN_CONSULTATION",
    roles: STAFF,
    basis: "《行政复议法》第五十二条",
    facts: ["6.22"],
    title: "书面征询委员意见",
    titleEn: "Consult the members in writing",
  },
  {
    id: "C4-member",
    from: ["MEETING_HELD", "WRITTEN_CONSULT"],
    to: "unchanged",
    command: "SUBMIT_MEMBER_OPINION",
    roles: ["committee_member"],
    basis: "《行政复议委员会工作规则（征求意见稿）》第十一条第三项",
    facts: ["6.22"],
    title: "委员提交个人咨询意见",
    titleEn: "A member submits an individual opinion",
  },
  {
    id: "C5",
    from: ["MEETING_HELD", "WRITTEN_CONSULT"],
    to: ["OPINION_RECORDED"],
    command: "RECORD_OPINION",
    roles: STAFF,
    basis: "《行政复议法》第五十二条第三款",
    facts: ["6.20"],
    title: "如实记录咨询意见（含不同意见）",
    titleEn: "Record the advisory opinion verbatim, with any dissent",
  },
  {
    id: "C5-expired",
    from: open,
    to: "unchanged",
    command: "COMMITTEE_PERIOD_EXPIRED",
    roles: ["system"],
    basis: "DOMAIN.md 6.23（咨询期限为设置项）",
    facts: ["6.23"],
    title: "咨询期限届满，提醒机构负责人",
    titleEn: "Committee period expired: alert the head",
  },
  {
    id: "C6",
    from: ["OPINION_RECORDED"],
    to: ["ADOPTION_RECORDED"],
    command: "RECORD_ADOPTION",
    roles: STAFF,
    basis: "《行政复议法》第六十一条第三款",
    facts: ["6.21"],
    title: "记录咨询意见采纳情况及理由",
    titleEn: "Record whether the opinion was adopted, with reasons",
  },
  {
    id: "C7",
    from: ["ADOPTION_RECORDED"],
    to: ["CLOSED"],
    command: "LINK_DECISION",
    roles: ["system"],
    basis: "《行政复议法》第六十一条第三款",
    facts: ["6.21"],
    title: "与行政复议决定关联，关闭",
    titleEn: "Linked to the decision; closed",
  },
  {
    id: "C7-cancel",
    from: ["REFERRAL_DRAFTED", ...open, "OPINION_RECORDED", "ADOPTION_RECORDED"],
    to: ["CLOSED"],
    command: "CANCEL",
    roles: ["system"],
    basis: "《行政复议法》第四十一条、第七十三条",
    facts: ["7.09", "8.03"],
    title: "案件已终结（撤回、终止、调解等），咨询关闭",
    titleEn: "The case ended otherwise; consultation closed",
  },
];

const ok = (next: ConsultationState, effects: Effect[], note?: string): Step<ConsultationState> =>
  note ? { ok: true, next, effects, note } : { ok: true, next, effects };

type Handlers = MachineDefinition<ConsultationStateName, ConsultationState, ConsultationCommand, ParsedConsultationCommand>["handlers"];

const handlers: Handlers = {
  APPROVE_REFERRAL: (s, c, ctx) => approveReferral(s, c.decisionDueOn, ctx),

  WITHDRAW_REFERRAL: (s, c) => {
    if (s.grounds.some((g) => g !== "necessary")) {
      return guardFailed(
        "referral_mandatory",
        "案情重大疑难复杂、专业技术性较强或属于第二十四条第二款案件的，应当提请咨询，不能撤回（《行政复议法》第五十二条第二款）",
        "Grounds (1)–(3) of Art. 52(2) make the referral mandatory",
        "《行政复议法》第五十二条第二款"
      );
    }
    return ok({ ...s, state: "CLOSED", outcome: { kind: "withdrawn", reason: c.reason } }, [
      { kind: "relay", to: "reconsideration", command: { type: "COMMITTEE_REFERRAL_WITHDRAWN" } },
    ]);
  },

  ASSIGN_MEMBERS: (s, c) => {
    if (!c.recusalChecked)
      return guardFailed("recusal_checked", "请先核查委员是否需要回避", "Check the members for conflicts first", "DOMAIN.md 6.23");
    const conflicted = c.memberIds.filter((m) => c.conflictedMemberIds.includes(m));
    if (conflicted.length > 0)
      return guardFailed(
        "no_conflicted_member",
        "存在应当回避的委员，请更换",
        `Members with a conflict: ${conflicted.join(", ")}`,
        "DOMAIN.md 6.23"
      );
    return ok({ ...s, state: "MEMBERS_ASSIGNED", members: [...new Set(c.memberIds)] }, [
      notify("committee_members", "consultation.assigned"),
    ]);
  },

  SEND_MATERIALS: (s, c) => {
    if (!c.redactedPerArt36) {
      return guardFailed(
        "confidentiality",
        "送交委员的材料须对国家秘密、商业秘密和个人隐私作保密处理（《行政复议法》第三十六条第二款）",
        "Materials must be redacted for state and business secrets and privacy (Art. 36(2))",
        "《行政复议法》第三十六条第二款"
      );
    }
    return ok({ ...s, state: "MATERIALS_SENT" }, [notify("committee_members", "consultation.materials_sent")]);
  },

  HOLD_MEETING: (s, c) => {
    const present = [...new Set(c.attendeeIds)].filter((id) => s.members.includes(id));
    // Quorum (6.23 UNVERIFIED, PROPOSAL): more than half of the assigned members.
    if (present.length * 2 <= s.members.length) {
      return guardFailed(
        "quorum",
        "出席委员未超过指定委员的半数，会议不能形成咨询意见",
        "More than half of the assigned members must attend",
        "DOMAIN.md 6.23"
      );
    }
    return ok({ ...s, state: "MEETING_HELD" }, [], `出席委员：${present.join("、")}`);
  },

  START_WRITTEN_CONSULTATION: (s) => ok({ ...s, state: "WRITTEN_CONSULT" }, [notify("committee_members", "consultation.written_round")]),

  SUBMIT_MEMBER_OPINION: (s, c, ctx) => {
    if (isSystem(ctx.actor) || !s.members.includes(ctx.actor.userId))
      return guardFailed("assigned_member", "您不是本次咨询指定的委员", "You are not assigned to this consultation");
    const memberId = ctx.actor.userId;
    return ok({ ...s, memberOpinions: [...s.memberOpinions.filter((o) => o.memberId !== memberId), { memberId, text: c.text }] }, [
      notify("handler", "consultation.member_opinion"),
    ]);
  },

  RECORD_OPINION: (s, c, ctx) => {
    if (s.state === "WRITTEN_CONSULT" && s.memberOpinions.length === 0)
      return guardFailed("member_opinions", "书面征询尚未收到委员意见", "No member has answered the written round");
    return ok({ ...s, state: "OPINION_RECORDED", opinion: { text: c.text, dissent: c.dissent, recordedOn: ctx.today } }, [
      ...stopTimers(s.timers, ["committee_opinion"]),
      issue("committee_opinion_record", "《行政复议法》第五十二条第三款", { dissent: c.dissent.length }),
      { kind: "relay", to: "reconsideration", command: { type: "COMMITTEE_OPINION_RECEIVED" } },
    ]);
  },

  COMMITTEE_PERIOD_EXPIRED: (s, _c, ctx) => {
    if (!hasExpired(ctx, "committee_opinion"))
      return guardFailed("timer_expired", "咨询期限尚未届满", "The committee period has not expired");
    if (s.overdue) return guardFailed("alert_once", "已经提醒过", "Already alerted");
    return ok({ ...s, overdue: true }, [notify("office_head", "consultation.overdue"), notify("handler", "consultation.overdue")]);
  },

  RECORD_ADOPTION: (s, c) => {
    if (c.outcome !== "adopted" && !c.reasons) {
      return guardFailed(
        "adoption_reasons",
        "未采纳或部分采纳咨询意见的，应当说明理由（咨询意见是作出决定的重要参考依据，《行政复议法》第六十一条第三款）",
        "Give reasons when the opinion is not (fully) adopted (Art. 61(3))",
        "《行政复议法》第六十一条第三款"
      );
    }
    return ok({ ...s, state: "ADOPTION_RECORDED", adoption: { outcome: c.outcome, reasons: c.reasons ?? null } }, [
      issue("adoption_record", "《行政复议法》第六十一条第三款", { outcome: c.outcome }),
      { kind: "relay", to: "reconsideration", command: { type: "COMMITTEE_ADOPTION_RECORDED", outcome: c.outcome } },
    ]);
  },

  LINK_DECISION: (s) => ok({ ...s, state: "CLOSED", outcome: { kind: "linked_to_decision" } }, []),

  CANCEL: (s, c) =>
    ok({ ...s, state: "CLOSED", outcome: { kind: "cancelled", reason: c.reason } }, [
      ...stopTimers(s.timers, ["committee_opinion"]),
      ...(s.members.length > 0 ? [notify("committee_members", "consultation.cancelled")] : []),
    ]),
};

function approveReferral(s: ConsultationState, decisionDueOn: IsoDate, ctx: MachineContext): Step<ConsultationState> {
  if (!ctx.workingDaysBetween) return contextMissing("workingDaysBetween");
  const setting = settingsOf(ctx).committeeOpinionWorkdays;
  // the rule of app/domain/committee.ts, which the referral page also shows before approval
  const period = committeePeriod({ today: ctx.today, decisionDueOn, settingWorkdays: setting, workingDaysBetween: ctx.workingDaysBetween });
  if (!period.ok) {
    return guardFailed(
      "time_for_consultation",
      "距审理期限届满不足五个工作日，无法在期限内完成咨询；确有必要的，请先依法延长审理期限（《行政复议法》第六十二条）",
      "Less than 5 working days remain before the decision is due; extend the decision period first (Art. 62)",
      "DOMAIN.md 6.23"
    );
  }
  const { shortened, workdays } = period;
  return ok({ ...s, state: "REFERRED" }, [
    issue("consultation_request_letter", "《行政复议法》第五十二条第二款", {
      grounds: s.grounds,
      questions: s.questions,
      ...(s.otherReason ? { otherReason: s.otherReason } : {}),
    }),
    startTimer(
      "committee_opinion",
      ctx.today,
      "DOMAIN.md 6.23（设置 committeeOpinionWorkdays）",
      shortened ? { value: workdays, unit: "working_day" } : undefined
    ),
    notify("handler", "consultation.referred", { workingDays: workdays }),
  ]);
}

export const consultationMachine: MachineDefinition<
  ConsultationStateName,
  ConsultationState,
  ConsultationCommand,
  ParsedConsultationCommand
> = {
  name: "consultation",
  stateLabels: consultationStateLabels,
  commandSchema: ConsultationCommandSchema,
  table: consultationTransitions,
  handlers,
};

export function transition(
  state: ConsultationState,
  command: ConsultationCommand,
  context: MachineContext
): TransitionResult<ConsultationState> {
  return runTransition(consultationMachine, state, command, context);
}
export const transitionConsultation = transition;
