// Opinion letters (行政复议意见书, Art. 76 — binding, 60-day report) and suggestion letters (行政复议建议书, Reg.
// Art. 57(2) — not binding, no statutory reply period): issue and follow-up, DOMAIN.md §18.
import * as z from "zod/mini";
import {
  IsoDateSchema,
  TextSchema,
  guardFailed,
  hasExpired,
  issue,
  notify,
  runTransition,
  startTimer,
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
} from "./common";

export const letterStates = [
  "DRAFT",
  "APPROVED",
  "ISSUED",
  "COPIED",
  "REPORT_RECEIVED",
  "REVIEWED",
  "OVERDUE",
  "ORDERED_TO_PERFORM",
  "CLOSED",
] as const;
export type LetterStateName = (typeof letterStates)[number];

export const letterStateLabels: Record<LetterStateName, string> = {
  DRAFT: "草稿",
  APPROVED: "已批准",
  ISSUED: "已制发",
  COPIED: "已制发并抄告",
  REPORT_RECEIVED: "已收到报告",
  REVIEWED: "已审核报告",
  OVERDUE: "逾期未报告",
  ORDERED_TO_PERFORM: "已责令限期履行",
  CLOSED: "已办结",
};

export type LetterType = "opinion" | "suggestion";

export interface LetterState extends MachineState<LetterStateName> {
  type: LetterType;
  caseId: string | null;
  recipient: {
    name: string;
    /** Art. 76: an opinion letter goes to the respondent or another lower-level organ. */
    kind: "respondent" | "lower_organ" | "other_organ";
    /** A working department of the government that decides the case: Art. 79(2) copy to its higher department. */
    isOwnGovernmentDepartment: boolean;
    higherDepartment: string | null;
  };
  servedOn: IsoDate | null;
  copied: boolean;
  assessment: { adequate: boolean; reasons: string | null } | null;
  outcome: { kind: "performed" | "closed_without_reply" | "suggestion_answered" } | null;
}

export function draftLetter(input: { type: LetterType; caseId?: string; recipient: LetterState["recipient"] }): LetterState {
  return {
    state: "DRAFT",
    version: 0,
    timers: {},
    type: input.type,
    caseId: input.caseId ?? null,
    recipient: input.recipient,
    servedOn: null,
    copied: false,
    assessment: null,
    outcome: null,
  };
}

export const LetterCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("APPROVE") }),
  z.object({ type: z.literal("ISSUE"), servedOn: IsoDateSchema }),
  z.object({ type: z.literal("SUBMIT_REPORT"), summary: TextSchema }),
  z.object({ type: z.literal("REVIEW_REPORT"), adequate: z.boolean(), reasons: z.optional(TextSchema) }),
  z.object({ type: z.literal("REPORT_PERIOD_EXPIRED") }),
  z.object({
    type: z.literal("ORDER_TO_PERFORM"),
    days: z.number().check(z.int(), z.positive()),
    measures: z._default(z.array(z.enum(["interview", "circulated_criticism"])), []),
  }),
  z.object({ type: z.literal("CLOSE") }),
]);
/** A command as the caller sends it (optional fields may be left out). */
export type LetterCommand = z.input<typeof LetterCommandSchema>;
/** The same command after parsing, as the handlers see it. */
export type ParsedLetterCommand = z.output<typeof LetterCommandSchema>;
export type LetterCommandType = LetterCommand["type"];
export const letterCommandTypes = LetterCommandSchema._zod.def.options.map((o) => o.shape.type._zod.def.values[0]) as LetterCommandType[];

const STAFF = ["reconsideration_staff", "office_head"] as const;
type Row = TransitionRow<LetterStateName, LetterCommandType>;

export const letterTransitions: readonly Row[] = [
  {
    id: "L1",
    from: ["DRAFT"],
    to: ["APPROVED"],
    command: "APPROVE",
    roles: ["office_head"],
    basis: "《行政复议法》第七十六条；《行政复议法实施条例》第五十七条",
    facts: ["10.05", "10.07"],
    title: "负责人批准制发",
    titleEn: "Head approves the letter",
  },
  {
    id: "L2",
    from: ["APPROVED"],
    to: ["ISSUED", "COPIED"],
    command: "ISSUE",
    roles: STAFF,
    basis: "《行政复议法》第七十六条、第七十九条第二款；《行政复议法实施条例》第五十七条第二款",
    facts: ["10.05", "10.07", "10.10"],
    title: "盖章送达（本级政府工作部门的意见书同时抄告其上一级主管部门）",
    titleEn: "Seal and serve (an opinion letter to an own department is copied to its higher department at the same time)",
  },
  {
    id: "L3",
    from: ["ISSUED", "COPIED", "OVERDUE", "ORDERED_TO_PERFORM"],
    to: ["REPORT_RECEIVED"],
    command: "SUBMIT_REPORT",
    roles: ["respondent_agent", "reconsideration_staff"],
    relations: { respondent_agent: ["recipient"] },
    basis: "《行政复议法》第七十六条",
    facts: ["10.05"],
    title: "收文机关报送纠正情况（建议书：反馈情况）",
    titleEn: "Recipient reports its corrections (or feedback)",
  },
  {
    id: "L4",
    from: ["REPORT_RECEIVED"],
    to: ["REVIEWED"],
    command: "REVIEW_REPORT",
    roles: STAFF,
    basis: "《行政复议法》第七十六条、第七十七条",
    facts: ["10.05", "10.01"],
    title: "审核报告是否到位",
    titleEn: "Assess the report: adequate or not",
  },
  {
    id: "L5",
    from: ["ISSUED", "COPIED"],
    to: ["OVERDUE"],
    command: "REPORT_PERIOD_EXPIRED",
    roles: ["system"],
    basis: "《行政复议法》第七十六条（意见书）；DOMAIN.md 10.07（建议书，非法定期限）",
    facts: ["10.05", "10.07"],
    title: "报告期限届满未报告",
    titleEn: "Report period expired without a report",
  },
  {
    id: "L6",
    from: ["OVERDUE", "REVIEWED"],
    to: ["ORDERED_TO_PERFORM"],
    command: "ORDER_TO_PERFORM",
    roles: ["office_head"],
    basis: "《行政复议法》第七十七条第二款",
    facts: ["10.01", "10.02"],
    title: "不履行意见书的，责令限期履行（可约谈、通报批评）",
    titleEn: "Order the recipient to perform the opinion letter",
  },
  {
    id: "L7",
    from: ["REVIEWED", "OVERDUE"],
    to: ["CLOSED"],
    command: "CLOSE",
    roles: STAFF,
    basis: "DOMAIN.md 10.13",
    facts: ["10.13"],
    title: "办结并计入意见书、建议书统计",
    titleEn: "Close and count in the letter statistics",
  },
];

const ok = (next: LetterState, effects: Effect[], note?: string): Step<LetterState> =>
  note ? { ok: true, next, effects, note } : { ok: true, next, effects };
const reportTimer = (s: LetterState): TimerKey => (s.type === "opinion" ? "opinion_letter_report" : "suggestion_letter_reply");
/** Art. 79(2) names the decision and the opinion letter; a suggestion letter is not copied. */
const copyRequired = (s: LetterState) => s.type === "opinion" && s.recipient.isOwnGovernmentDepartment;
const notBinding = () =>
  guardFailed(
    "opinion_letter_only",
    "建议书不具有强制力，不能责令履行；只有意见书须履行（《行政复议法》第七十七条）",
    "Suggestion letters are not binding; only opinion letters can be enforced (Art. 77)",
    "《行政复议法》第七十七条"
  );

type Handlers = MachineDefinition<LetterStateName, LetterState, LetterCommand, ParsedLetterCommand>["handlers"];

const handlers: Handlers = {
  APPROVE: (s) => {
    if (s.type === "opinion" && s.recipient.kind === "other_organ") {
      return guardFailed(
        "opinion_recipient",
        "意见书只能向被申请人或者其他下级行政机关制发（《行政复议法》第七十六条）",
        "An opinion letter goes to the respondent or another lower-level organ (Art. 76)",
        "《行政复议法》第七十六条"
      );
    }
    if (copyRequired(s) && !s.recipient.higherDepartment) {
      return guardFailed(
        "higher_department_named",
        "收文机关是本级政府工作部门的，须填写其上一级主管部门以便抄告（《行政复议法》第七十九条第二款）",
        "Name the recipient's higher department for the copy (Art. 79(2))",
        "《行政复议法》第七十九条第二款"
      );
    }
    return ok({ ...s, state: "APPROVED" }, []);
  },

  ISSUE: (s, c, ctx) => {
    if (c.servedOn > ctx.today) return guardFailed("date_not_in_future", "送达日期不能晚于今天", "The service date cannot be after today");
    const opinion = s.type === "opinion";
    const effects: Effect[] = [
      issue(
        opinion ? "opinion_letter" : "suggestion_letter",
        opinion ? "《行政复议法》第七十六条" : "《行政复议法实施条例》第五十七条第二款"
      ),
      startTimer(
        reportTimer(s),
        c.servedOn,
        // the deadline row shows this basis to users: the article, and that the period is the portal's setting
        opinion ? "《行政复议法》第七十六条" : "《行政复议法实施条例》第五十七条第二款（反馈期限为本平台设置，非法定期限）"
      ),
      notify("recipient_organ", opinion ? "letter.opinion_issued" : "letter.suggestion_issued"),
    ];
    // Art. 79(2): "同时抄告" — the copy goes out with the letter.
    if (copyRequired(s))
      effects.push(
        issue("copy_report", "《行政复议法》第七十九条第二款", { to: s.recipient.higherDepartment }),
        notify("higher_department", "letter.copied")
      );
    return ok({ ...s, state: copyRequired(s) ? "COPIED" : "ISSUED", servedOn: c.servedOn, copied: copyRequired(s) }, effects);
  },

  SUBMIT_REPORT: (s, c) =>
    ok({ ...s, state: "REPORT_RECEIVED" }, [
      ...stopTimers(s.timers, [reportTimer(s), "order_to_perform"]),
      notify("handler", "letter.report_received", { summary: c.summary }),
    ]),

  REVIEW_REPORT: (s, c) => {
    if (!c.adequate && !c.reasons)
      return guardFailed("review_reasons", "认为纠正不到位的，请说明理由", "Explain why the report is inadequate");
    return ok(
      { ...s, state: "REVIEWED", assessment: { adequate: c.adequate, reasons: c.reasons ?? null } },
      c.adequate ? [] : [notify("recipient_organ", "letter.report_inadequate", { reasons: c.reasons })]
    );
  },

  REPORT_PERIOD_EXPIRED: (s, _c, ctx) => {
    if (!hasExpired(ctx, reportTimer(s))) return guardFailed("timer_expired", "报告期限尚未届满", "The report period has not expired");
    return ok({ ...s, state: "OVERDUE" }, [
      ...stopTimers(s.timers, [reportTimer(s)]),
      notify("handler", "letter.overdue"),
      notify("office_head", "letter.overdue"),
    ]);
  },

  ORDER_TO_PERFORM: (s, c, ctx) => {
    if (s.type !== "opinion") return notBinding();
    if (s.state === "REVIEWED" && s.assessment?.adequate)
      return guardFailed("report_inadequate", "报告已审核为纠正到位，无须责令履行", "The report was found adequate");
    const effects: Effect[] = [
      issue("order_to_perform", "《行政复议法》第七十七条第二款", { days: c.days, measures: c.measures }),
      startTimer("order_to_perform", ctx.today, "《行政复议法》第七十七条第二款", { value: c.days, unit: "calendar_day" }),
      notify("recipient_organ", "letter.ordered_to_perform", { days: c.days }),
    ];
    if (c.measures.includes("interview")) effects.push(notify("recipient_organ", "letter.interview_of_heads"));
    if (c.measures.includes("circulated_criticism")) effects.push(notify("higher_department", "letter.circulated_criticism"));
    return ok({ ...s, state: "ORDERED_TO_PERFORM", assessment: null }, effects);
  },

  CLOSE: (s) => {
    if (s.state === "OVERDUE") {
      // An opinion letter must be performed (Art. 77(1)); only an unanswered suggestion letter can be closed as it is.
      if (s.type === "opinion")
        return guardFailed(
          "opinion_performed",
          "意见书须履行，逾期未报告的应当责令限期履行，不能直接办结（《行政复议法》第七十七条）",
          "An unanswered opinion letter must be enforced, not closed (Art. 77)",
          "《行政复议法》第七十七条"
        );
      return ok({ ...s, state: "CLOSED", outcome: { kind: "closed_without_reply" } }, [], "建议书未获反馈，办结（建议书无法定回复期限）");
    }
    if (s.type === "opinion" && !s.assessment?.adequate) {
      return guardFailed(
        "opinion_performed",
        "意见书纠正情况未到位，不能办结；请责令限期履行",
        "The corrections are inadequate; order performance instead",
        "《行政复议法》第七十七条"
      );
    }
    return ok({ ...s, state: "CLOSED", outcome: { kind: s.type === "opinion" ? "performed" : "suggestion_answered" } }, []);
  },
};

export const letterMachine: MachineDefinition<LetterStateName, LetterState, LetterCommand, ParsedLetterCommand> = {
  name: "letter",
  stateLabels: letterStateLabels,
  commandSchema: LetterCommandSchema,
  table: letterTransitions,
  handlers,
};

export function transition(state: LetterState, command: LetterCommand, context: MachineContext): TransitionResult<LetterState> {
  return runTransition(letterMachine, state, command, context);
}
export const transitionLetter = transition;
