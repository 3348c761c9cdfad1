// Administrative mediation (行政调解) of a request from the one-stop dispute center queue: DOMAIN.md §16, with the
// routing rules of §16.1. There is no national statute; periods are settings defaulting to the Shenzhen rules (12.16).
import * as z from "zod/mini";
import {
  IsoDateSchema,
  TextSchema,
  guardFailed,
  hasExpired,
  issue,
  notify,
  runTransition,
  settingsOf,
  startTimer,
  stopAllTimers,
  stopTimers,
  type Effect,
  type IsoDate,
  type MachineDefinition,
  type MachineState,
  type Step,
  type TimerKey,
  type TransitionResult,
  type TransitionRow,
  type MachineContext,
  isSystem,
} from "./common";

export const mediationStates = [
  "DRAFT",
  "RECEIVED",
  "TRIAGED",
  "ROUTED",
  "CONSENT_PENDING",
  "ACCEPTED",
  "DECLINED",
  "IN_MEDIATION",
  "EXTENDED",
  "AGREEMENT_SIGNED",
  "FAILED",
  "PERFORMED",
  "BREACHED",
  "CLOSED",
] as const;
export type MediationStateName = (typeof mediationStates)[number];

export const mediationStateLabels: Record<MediationStateName, string> = {
  DRAFT: "草稿",
  RECEIVED: "已登记",
  TRIAGED: "已分流至行政调解",
  ROUTED: "已分流至其他渠道",
  CONSENT_PENDING: "征求对方当事人意见",
  ACCEPTED: "已受理",
  DECLINED: "不予受理",
  IN_MEDIATION: "调解中",
  EXTENDED: "调解期限已延长",
  AGREEMENT_SIGNED: "已签订调解协议",
  FAILED: "调解终止",
  PERFORMED: "协议已履行",
  BREACHED: "协议未履行",
  CLOSED: "已归档",
};

/** Kinds of dispute the dispatcher recognises (§16.1 (a)–(g)). */
export const disputeKinds = [
  "administrative_act",
  "civil_related_to_duties",
  "civil_neighbour_family",
  "rural_land_contract",
  "complaint_or_suggestion",
  "lawsuit_related",
  "objection_to_civil_mediation_by_organ",
] as const;
export type DisputeKind = (typeof disputeKinds)[number];

export const channels = [
  "administrative_mediation",
  "people_mediation",
  "industry_mediation",
  "reconsideration",
  "petition",
  "litigation_guidance",
  "arbitration",
] as const;
export type Channel = (typeof channels)[number];

/** §16.1 (PROPOSAL): the channels the routing rules suggest for each kind of dispute. */
export const suggestedChannels: Record<DisputeKind, readonly Channel[]> = {
  // (a) an act within Art. 11 → reconsideration; several regions also mediate administrative disputes (12.01).
  administrative_act: ["reconsideration", "administrative_mediation"],
  // (b) a civil dispute related to an organ's duties → administrative mediation by that organ.
  civil_related_to_duties: ["administrative_mediation"],
  // (c) neighbours or family → people's mediation.
  civil_neighbour_family: ["people_mediation"],
  // (d) rural land contract → village committee or township mediation, then arbitration (12.20).
  rural_land_contract: ["people_mediation", "administrative_mediation", "arbitration"],
  // (e) complaints and suggestions → petition (信访).
  complaint_or_suggestion: ["petition"],
  // (f) lawsuit-related → political-legal organs.
  lawsuit_related: ["litigation_guidance"],
  // (g) an organ's mediation of a civil dispute is not reconsiderable (Art. 12(4), 1.18).
  objection_to_civil_mediation_by_organ: ["litigation_guidance", "petition"],
};

export interface MediationState extends MachineState<MediationStateName> {
  receivedOn: IsoDate | null;
  disputeKind: DisputeKind | null;
  route: Channel | null;
  organId: string | null;
  complex: boolean;
  agreement: { signedOn: IsoDate; judicialConfirmationEligible: boolean } | null;
  outcome: { kind: "routed" | "declined" | "failed" | "performed" | "breached" | "withdrawn"; reason?: string } | null;
}

export function newMediationRequest(): MediationState {
  return {
    state: "DRAFT",
    version: 0,
    timers: {},
    receivedOn: null,
    disputeKind: null,
    route: null,
    organId: null,
    complex: false,
    agreement: null,
    outcome: null,
  };
}

const date = IsoDateSchema;
const days = z.number().check(z.int(), z.positive());

export const MediationCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("FILE_REQUEST"), channel: z.enum(["online", "phone", "walk_in", "letter"]), receivedOn: z.optional(date) }),
  z.object({
    type: z.literal("TRIAGE"),
    disputeKind: z.enum(disputeKinds),
    channel: z.enum(channels),
    organId: z.optional(TextSchema),
    complex: z._default(z.boolean(), false),
    deviationReason: z.optional(TextSchema),
    reconsiderationFirst: z._default(z.boolean(), false),
  }),
  z.object({ type: z.literal("TRANSFER"), toOrganId: TextSchema, reason: TextSchema }),
  z.object({ type: z.literal("CONTACT_OTHER_PARTY") }),
  z.object({
    type: z.literal("ACCEPT_REQUEST"),
    otherPartyConsented: z.boolean(),
    ineligibility: z._default(z.array(z.enum(["in_people_mediation", "in_court", "in_arbitration", "already_settled"])), []),
    agreedDays: z.optional(days),
  }),
  z.object({
    type: z.literal("DECLINE_REQUEST"),
    ground: z.enum(["other_party_refused", "ineligible", "outside_scope", "other"]),
    reasons: TextSchema,
  }),
  z.object({ type: z.literal("START_MEDIATION") }),
  z.object({ type: z.literal("EXTEND_MEDIATION"), days, allPartiesConsent: z.boolean() }),
  z.object({
    type: z.literal("SIGN_AGREEMENT"),
    allPartiesSigned: z.boolean(),
    judicialConfirmationEligible: z.boolean(),
    followUpDays: z.optional(days),
  }),
  z.object({
    type: z.literal("END_MEDIATION"),
    reason: z.enum(["no_agreement", "party_refused", "party_requested_stop"]),
    note: z.optional(TextSchema),
    // 12.25 with Art. 20: for an administrative act, the last day to apply for reconsideration as the law engine computed
    // it (app/domain/mediation-handling.ts reconsiderationAdvice), printed on the termination notice with its steps.
    reconsideration: z.optional(
      z.object({
        learnedOn: date,
        informed: z.boolean(),
        rightLearnedOn: z.nullable(date),
        lastDay: date,
        provisional: z.boolean(),
        passed: z.boolean(),
        rule: z.enum(["informed", "uninformed", "uninformed_capped"]),
        steps: z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(40)),
      }),
    ),
  }),
  z.object({ type: z.literal("MEDIATION_PERIOD_EXPIRED") }),
  z.object({ type: z.literal("RECORD_FOLLOW_UP"), performed: z.boolean(), notes: z.optional(TextSchema) }),
  z.object({ type: z.literal("CLOSE") }),
  z.object({ type: z.literal("WITHDRAW_REQUEST") }),
]);
/** A command as the caller sends it (optional fields may be left out). */
export type MediationCommand = z.input<typeof MediationCommandSchema>;
/** The same command after parsing, as the handlers see it. */
export type ParsedMediationCommand = z.output<typeof MediationCommandSchema>;
export type MediationCommandType = MediationCommand["type"];
export const mediationCommandTypes = MediationCommandSchema._zod.def.options.map((o) => o.shape.type._zod.def.values[0]) as MediationCommandType[];

const ORGAN = ["reconsideration_staff", "office_head"] as const;
const PARTIES = { citizen: ["applicant", "other_party"] } as const;
type Row = TransitionRow<MediationStateName, MediationCommandType>;

export const mediationTransitions: readonly Row[] = [
  {
    id: "M1",
    from: ["DRAFT"],
    to: ["RECEIVED"],
    command: "FILE_REQUEST",
    roles: ["citizen", "center_clerk"],
    basis: "《人民调解法》第二十八条（参照）；DOMAIN.md 12.35",
    facts: ["12.35", "13.01"],
    title: "登记调解申请（网上、电话、来信或到中心当面申请）",
    titleEn: "Register the request (online, phone, letter or walk-in)",
  },
  {
    id: "M2",
    from: ["RECEIVED"],
    to: ["TRIAGED", "ROUTED"],
    command: "TRIAGE",
    roles: ["center_clerk"],
    basis: "《信访工作条例》第三十一条第四项、第三十七条；《行政复议法》第十二条第四项",
    facts: ["12.35", "13.04", "1.18"],
    title: "分流：确定化解渠道和主管机关",
    titleEn: "Triage: choose the channel and the competent organ",
  },
  {
    id: "M3",
    from: ["TRIAGED", "CONSENT_PENDING"],
    to: ["TRIAGED"],
    command: "TRANSFER",
    roles: ["center_clerk", ...ORGAN],
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第四十三条（参照）",
    facts: ["12.11"],
    title: "非本机关主管，三个工作日内移送",
    titleEn: "Transfer to the competent organ within 3 working days",
  },
  {
    id: "M4",
    from: ["TRIAGED"],
    to: ["CONSENT_PENDING"],
    command: "CONTACT_OTHER_PARTY",
    roles: ORGAN,
    basis: "《人民调解法》第十七条（参照）",
    facts: ["12.03", "12.22"],
    title: "联系对方当事人，征求是否同意调解",
    titleEn: "Ask the other party whether it agrees to mediation",
  },
  {
    id: "M5",
    from: ["CONSENT_PENDING"],
    to: ["ACCEPTED"],
    command: "ACCEPT_REQUEST",
    roles: ORGAN,
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第二十五条、第四十四条（参照）",
    facts: ["12.03", "12.06", "12.10", "12.11"],
    title: "双方同意且属于调解范围，受理",
    titleEn: "Accept: both sides consent and the dispute is eligible",
  },
  {
    id: "M6",
    from: ["TRIAGED", "CONSENT_PENDING"],
    to: ["DECLINED"],
    command: "DECLINE_REQUEST",
    roles: ORGAN,
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第四十四条（参照）；《人民调解法》第十七条、第二十六条",
    facts: ["12.06", "12.11", "12.22", "12.25"],
    title: "书面说明理由不予受理，并告知其他途径",
    titleEn: "Decline in writing with reasons and point to other channels",
  },
  {
    id: "M7",
    from: ["ACCEPTED"],
    to: ["IN_MEDIATION"],
    command: "START_MEDIATION",
    roles: ORGAN,
    basis: "DOMAIN.md §16",
    facts: ["12.03"],
    title: "开始调解",
    titleEn: "Start mediation sessions",
  },
  {
    id: "M8",
    from: ["IN_MEDIATION", "EXTENDED"],
    to: ["EXTENDED"],
    command: "EXTEND_MEDIATION",
    roles: ORGAN,
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第二十五条（参照）",
    facts: ["12.10"],
    title: "各方同意，延长调解期限",
    titleEn: "Extend the mediation period with all parties' consent",
  },
  {
    id: "M9",
    from: ["IN_MEDIATION", "EXTENDED"],
    to: ["AGREEMENT_SIGNED"],
    command: "SIGN_AGREEMENT",
    roles: ORGAN,
    basis: "《人民调解法》第二十八条至第三十三条（参照）",
    facts: ["12.12", "12.26", "12.27", "12.30"],
    title: "各方签订调解协议书",
    titleEn: "All parties sign the mediation agreement",
  },
  {
    id: "M10",
    from: ["ACCEPTED", "IN_MEDIATION", "EXTENDED"],
    to: ["FAILED"],
    command: "END_MEDIATION",
    roles: ["citizen", ...ORGAN],
    relations: PARTIES,
    basis: "《人民调解法》第二十三条、第二十六条（参照）",
    facts: ["12.24", "12.25"],
    title: "未达成协议、一方拒绝或要求终止，终止调解并告知其他途径",
    titleEn: "End mediation (no agreement, refusal or a party stops it) and point to other channels",
  },
  {
    id: "M10-expired",
    from: ["ACCEPTED", "IN_MEDIATION", "EXTENDED"],
    to: ["FAILED"],
    command: "MEDIATION_PERIOD_EXPIRED",
    roles: ["system"],
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第二十五条（参照）",
    facts: ["12.10", "12.25"],
    title: "调解期限届满未达成协议，调解终止",
    titleEn: "Mediation period expired without agreement",
  },
  {
    id: "M11",
    from: ["AGREEMENT_SIGNED"],
    to: ["PERFORMED", "BREACHED"],
    command: "RECORD_FOLLOW_UP",
    roles: ["center_clerk", ...ORGAN],
    basis: "《人民调解法》第三十一条（参照）",
    facts: ["12.14", "12.26", "12.35"],
    title: "回访：记录协议履行情况",
    titleEn: "Follow-up visit: record whether the agreement was performed",
  },
  {
    id: "M12",
    from: ["PERFORMED", "BREACHED", "FAILED", "DECLINED", "ROUTED"],
    to: ["CLOSED"],
    command: "CLOSE",
    roles: ["system", "center_clerk", ...ORGAN],
    basis: "《北京市行政调解办法》第三十一条、第三十二条（参照）",
    facts: ["12.09"],
    title: "归档并计入统计",
    titleEn: "Archive and count in statistics",
  },
  {
    id: "M13",
    from: ["RECEIVED", "TRIAGED", "CONSENT_PENDING"],
    to: ["CLOSED"],
    command: "WITHDRAW_REQUEST",
    roles: ["citizen"],
    basis: "《人民调解法》第二十三条（参照）",
    facts: ["12.03", "12.24"],
    title: "申请人撤回调解申请",
    titleEn: "Applicant withdraws the request",
  },
];

type Cmd<K extends MediationCommandType> = Extract<ParsedMediationCommand, { type: K }>;
const ok = (next: MediationState, effects: Effect[], note?: string): Step<MediationState> =>
  note ? { ok: true, next, effects, note } : { ok: true, next, effects };
const acceptTimer = (s: MediationState): TimerKey => (s.complex ? "mediation_accept_complex" : "mediation_accept");
const OTHER_CHANNELS = "可以依法申请行政复议、仲裁或者提起诉讼";

/** Where a failed or declined mediation points the parties (12.25); for an administrative act, the Art. 20 period. */
function otherChannels(s: MediationState): Effect {
  return notify("parties", "mediation.other_channels", {
    disputeKind: s.disputeKind,
    checkReconsiderationPeriod: s.disputeKind === "administrative_act" ? "application" : null,
  });
}

type Handlers = MachineDefinition<MediationStateName, MediationState, MediationCommand, ParsedMediationCommand>["handlers"];

const handlers: Handlers = {
  FILE_REQUEST: (s, c, ctx) => {
    if (!isSystem(ctx.actor) && ctx.actor.role === "citizen" && c.channel !== "online") {
      return guardFailed(
        "citizen_files_online",
        "申请人在本平台只能网上提交；电话、来信或当面申请由中心工作人员登记",
        "Citizens file online; other channels are registered by the clerk"
      );
    }
    const receivedOn = c.receivedOn ?? ctx.today;
    if (receivedOn > ctx.today)
      return guardFailed("date_not_in_future", "收到申请的日期不能晚于今天", "The receipt date cannot be after today");
    return ok({ ...s, state: "RECEIVED", receivedOn }, [
      startTimer("mediation_triage", receivedOn, "矛盾纠纷多元化解中心分流期限（本平台设置，参照《深圳经济特区矛盾纠纷多元化解条例》，非法定期限）"),
      notify("applicant", "mediation.received", { receivedOn }),
    ]);
  },

  TRIAGE: (s, c, ctx) => triage(s, c, ctx),

  TRANSFER: (s, c, ctx) => {
    if (c.toOrganId === s.organId) return guardFailed("different_organ", "移送对象与当前主管机关相同", "Transfer to a different organ");
    return ok({ ...s, state: "TRIAGED", organId: c.toOrganId }, [
      ...stopTimers(s.timers, ["mediation_transfer", "mediation_accept", "mediation_accept_complex"]),
      issue("transfer_letter", "《深圳经济特区矛盾纠纷多元化解条例》第四十三条（参照）", { toOrganId: c.toOrganId, reason: c.reason }),
      startTimer(acceptTimer(s), ctx.today, "《深圳经济特区矛盾纠纷多元化解条例》第四十四条（参照；本平台设置）"),
      startTimer("mediation_transfer", ctx.today, "《深圳经济特区矛盾纠纷多元化解条例》第四十三条（参照）"),
      notify("applicant", "mediation.transferred", { toOrganId: c.toOrganId }),
    ]);
  },

  CONTACT_OTHER_PARTY: (s) =>
    // Reaching out to the other side means the organ took the case as its own: the 3-WD transfer window closes.
    ok({ ...s, state: "CONSENT_PENDING" }, [
      ...stopTimers(s.timers, ["mediation_transfer"]),
      notify("other_party", "mediation.consent_requested"),
    ]),

  ACCEPT_REQUEST: (s, c, ctx) => {
    if (!c.otherPartyConsented) {
      return guardFailed(
        "both_consent",
        "调解须双方当事人自愿；对方明确拒绝的，不得调解，请作不予受理处理（自愿原则）",
        "Mediation needs both sides' consent; if the other side refuses, decline the request",
        "《人民调解法》第十七条（参照）；DOMAIN.md 12.03"
      );
    }
    if (c.ineligibility.length > 0) {
      return guardFailed(
        "eligible",
        "纠纷已经进入人民调解、诉讼、仲裁程序或已经调解达成协议的，不予受理",
        "Disputes already in people's mediation, court or arbitration, or already settled, are not eligible",
        "《辽宁省行政调解规定》第八条（参照）；DOMAIN.md 12.06"
      );
    }
    // 12.10: the period the parties agree, otherwise the configured default (30 days).
    const length = c.agreedDays ? { value: c.agreedDays, unit: "calendar_day" as const } : undefined;
    return ok({ ...s, state: "ACCEPTED" }, [
      ...stopTimers(s.timers, ["mediation_accept", "mediation_accept_complex", "mediation_transfer"]),
      issue("mediation_acceptance_notice", "DOMAIN.md 12.11"),
      startTimer("mediation_period", ctx.today, "《深圳经济特区矛盾纠纷多元化解条例》第二十五条（参照；本平台设置）", length),
      notify("parties", "mediation.accepted", { days: c.agreedDays ?? settingsOf(ctx).mediationDays }),
    ]);
  },

  DECLINE_REQUEST: (s, c) =>
    ok({ ...s, state: "DECLINED", outcome: { kind: "declined", reason: c.ground } }, [
      ...stopTimers(s.timers, ["mediation_accept", "mediation_accept_complex", "mediation_transfer"]),
      issue("mediation_refusal_notice", "DOMAIN.md 12.11（书面说明理由）", {
        ground: c.ground,
        reasons: c.reasons,
        otherChannels: OTHER_CHANNELS,
      }),
      otherChannels(s),
    ]),

  START_MEDIATION: (s) => ok({ ...s, state: "IN_MEDIATION" }, []),

  EXTEND_MEDIATION: (s, c) => {
    if (!c.allPartiesConsent)
      return guardFailed(
        "all_consent_extension",
        "延长调解期限须经各方当事人同意",
        "Extending mediation needs every party's consent",
        "DOMAIN.md 12.10"
      );
    return ok({ ...s, state: "EXTENDED" }, [
      { kind: "extendTimer", timer: "mediation_period", days: c.days, unit: "calendar_day", basis: "DOMAIN.md 12.10" },
      notify("parties", "mediation.extended", { days: c.days }),
    ]);
  },

  SIGN_AGREEMENT: (s, c, ctx) => {
    if (!c.allPartiesSigned)
      return guardFailed(
        "all_signed",
        "调解协议书须经各方当事人签名、盖章或按指印",
        "Every party must sign, seal or fingerprint the agreement",
        "《人民调解法》第二十九条（参照）"
      );
    const effects: Effect[] = [
      ...stopTimers(s.timers, ["mediation_period"]),
      issue("mediation_agreement", "《人民调解法》第二十八条、第二十九条（参照）"),
    ];
    // 12.30 (UNVERIFIED): whether agreements mediated by an organ itself can be confirmed is contested; the mediator decides.
    if (c.judicialConfirmationEligible) {
      effects.push(
        startTimer("judicial_confirmation", ctx.today, "《人民调解法》第三十三条；《民事诉讼法》第二百零五条"),
        notify("parties", "mediation.judicial_confirmation_advice")
      );
    }
    const followUp = c.followUpDays ? { value: c.followUpDays, unit: "calendar_day" as const } : undefined;
    effects.push(
      startTimer("mediation_followup", ctx.today, "DOMAIN.md 12.14（回访）", followUp),
      notify("parties", "mediation.agreement_signed")
    );
    return ok(
      { ...s, state: "AGREEMENT_SIGNED", agreement: { signedOn: ctx.today, judicialConfirmationEligible: c.judicialConfirmationEligible } },
      effects
    );
  },

  END_MEDIATION: (s, c, ctx) => {
    if (!isSystem(ctx.actor) && ctx.actor.role === "citizen" && c.reason !== "party_requested_stop") {
      return guardFailed("party_may_stop", "当事人只能要求终止调解", "A party may only ask to stop the mediation");
    }
    return fail(s, c.reason, {
      ...(c.note ? { note: c.note } : {}),
      ...(c.reconsideration && s.disputeKind === "administrative_act" ? { reconsideration: c.reconsideration } : {}),
    });
  },

  MEDIATION_PERIOD_EXPIRED: (s, _c, ctx) => {
    if (!hasExpired(ctx, "mediation_period"))
      return guardFailed("timer_expired", "调解期限尚未届满", "The mediation period has not expired", "DOMAIN.md 12.10");
    return fail(s, "expired");
  },

  RECORD_FOLLOW_UP: (s, c) =>
    ok(
      { ...s, state: c.performed ? "PERFORMED" : "BREACHED", outcome: { kind: c.performed ? "performed" : "breached" } },
      [
        ...stopTimers(s.timers, ["mediation_followup"]),
        ...(c.performed
          ? []
          : [
              notify("parties", "mediation.agreement_breached", {
                judicialConfirmationEligible: s.agreement?.judicialConfirmationEligible ?? false,
              }),
            ]),
      ],
      c.notes
    ),

  CLOSE: (s) => ok({ ...s, state: "CLOSED" }, stopTimers(s.timers, ["mediation_followup"])),

  WITHDRAW_REQUEST: (s) =>
    ok({ ...s, state: "CLOSED", outcome: { kind: "withdrawn" } }, [...stopAllTimers(s.timers), notify("handler", "mediation.withdrawn")]),
};

function triage(s: MediationState, c: Cmd<"TRIAGE">, ctx: MachineContext): Step<MediationState> {
  if (c.disputeKind === "objection_to_civil_mediation_by_organ" && c.channel === "reconsideration") {
    return guardFailed(
      "not_reconsiderable",
      "行政机关对民事纠纷作出的调解不属于行政复议范围（《行政复议法》第十二条第四项），请引导通过民事诉讼等途径解决",
      "An organ's mediation of a civil dispute is not reconsiderable (Art. 12(4))",
      "《行政复议法》第十二条第四项"
    );
  }
  if (!suggestedChannels[c.disputeKind].includes(c.channel) && !c.deviationReason) {
    return guardFailed(
      "routing_rule",
      "分流渠道与分流规则不一致，请说明理由",
      "The channel differs from the routing rules; give a reason",
      "DOMAIN.md §16.1"
    );
  }
  const base: MediationState = { ...s, disputeKind: c.disputeKind, route: c.channel, complex: c.complex };
  const stop = stopTimers(s.timers, ["mediation_triage"]);
  if (c.channel === "administrative_mediation") {
    if (!c.organId) return guardFailed("organ_named", "分流至行政调解须确定主管机关", "Name the competent organ");
    return ok({ ...base, state: "TRIAGED", organId: c.organId }, [
      ...stop,
      startTimer(acceptTimer(base), ctx.today, "《深圳经济特区矛盾纠纷多元化解条例》第四十四条（参照；本平台设置）"),
      startTimer("mediation_transfer", ctx.today, "《深圳经济特区矛盾纠纷多元化解条例》第四十三条（参照）"),
      notify("handler", "mediation.assigned", { organId: c.organId, complex: c.complex }),
    ]);
  }
  const effects: Effect[] = [...stop];
  if (c.channel === "reconsideration") {
    // §16.1(a): show the Art. 20 application period; warn when reconsideration must precede suit (Art. 23).
    effects.push(
      notify("applicant", "mediation.routed_to_reconsideration", { period: "application", reconsiderationFirst: c.reconsiderationFirst })
    );
  } else if (c.channel === "petition") {
    effects.push(
      startTimer("petition_routing", s.receivedOn ?? ctx.today, "《信访工作条例》第二十二条、第二十三条"),
      issue("petition_routing_notice", "《信访工作条例》第二十二条、第二十三条")
    );
  } else if (c.channel === "people_mediation" || c.channel === "industry_mediation") {
    effects.push(issue("transfer_letter", "《信访工作条例》第三十七条", { channel: c.channel, organId: c.organId ?? null }));
  } else {
    effects.push(notify("applicant", "mediation.routed_guidance", { channel: c.channel }));
  }
  return ok({ ...base, state: "ROUTED", organId: c.organId ?? null, outcome: { kind: "routed", reason: c.channel } }, effects);
}

function fail(s: MediationState, reason: string, extra: Record<string, unknown> = {}): Step<MediationState> {
  return ok({ ...s, state: "FAILED", outcome: { kind: "failed", reason } }, [
    ...stopTimers(s.timers, ["mediation_period"]),
    issue("mediation_termination_notice", "《人民调解法》第二十六条（参照）", { reason, otherChannels: OTHER_CHANNELS, ...extra }),
    otherChannels(s),
  ]);
}

export const mediationMachine: MachineDefinition<MediationStateName, MediationState, MediationCommand, ParsedMediationCommand> = {
  name: "mediation",
  stateLabels: mediationStateLabels,
  commandSchema: MediationCommandSchema,
  table: mediationTransitions,
  handlers,
};

export function transition(state: MediationState, command: MediationCommand, context: MachineContext): TransitionResult<MediationState> {
  return runTransition(mediationMachine, state, command, context);
}
export const transitionMediation = transition;
