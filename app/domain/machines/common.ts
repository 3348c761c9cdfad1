// Shared vocabulary of the four state machines (DOMAIN.md §15–18): actors, timer and document keys, effects, rejection
// reasons, and the small engine that finds a command's row in a machine's transition table before its handler runs.
import * as z from "zod/mini";
import type { Role } from "../roles";
import { defaultSettings, type SettingValues } from "../settings";

/** A legal date, "YYYY-MM-DD", in Asia/Shanghai. Strings of this form compare correctly with < and >. */
export type IsoDate = string;
export const IsoDateSchema = z.iso.date();
export const TextSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(4000));

// ---------------------------------------------------------------------------------------------------------------
// Timers. Every timer a machine starts is a period of the periods table (app/domain/periods.ts, a colleague's module).

/** The statutory periods the periods table defines (issue 3, requirement 2). */
export const statutoryPeriodKeys = [
  "application",
  "application_uninformed",
  "acceptance_review",
  "supplement",
  "copy_to_respondent",
  "copy_to_respondent_simplified",
  "respondent_reply",
  "respondent_reply_simplified",
  "hearing_notice",
  "decision",
  "decision_simplified",
  "decision_extension",
  "opinion_letter_report",
  "redo_act",
  "suit_after_decision",
  "judicial_confirmation",
  "petition_routing",
  "committee_opinion",
  "suggestion_letter_reply",
] as const;

export type PeriodUnit = "working_day" | "calendar_day";
export interface PeriodLength {
  value: number;
  unit: PeriodUnit;
}

/**
 * Periods the machines need that are not in the statutory list. The periods table must add them; the length given
 * here is the default ("document" = set by the document that starts it, passed as `length` on the startTimer effect).
 */
export const machinePeriodDefinitions = {
  forward_32: { length: 5, unit: "working_day", basis: "《行政复议法》第三十二条第二款、第八十八条第二款", facts: ["1.32"] },
  suspension_60: { length: 60, unit: "calendar_day", basis: "《行政复议法》第四十一条第五项", facts: ["7.09"] },
  norm_notify: { length: 3, unit: "working_day", basis: "《行政复议法》第五十八条第一款", facts: ["6.26"] },
  norm_reply: { length: 10, unit: "working_day", basis: "《行政复议法》第五十八条第一款", facts: ["6.26"] },
  norm_handle: { length: 30, unit: "calendar_day", basis: "《行政复议法》第五十六条、第五十七条", facts: ["6.26"] },
  norm_forward: { length: 7, unit: "working_day", basis: "《行政复议法》第五十六条、第五十七条、第八十八条第二款", facts: ["6.26"] },
  norm_forwarded_reply: { length: 60, unit: "calendar_day", basis: "《行政复议法》第六十条", facts: ["6.26", "2.16"] },
  performance_period: {
    length: "document",
    unit: "calendar_day",
    basis: "《行政复议法》第六十六条、第七十三条、第七十七条第一款",
    facts: ["9.05", "10.01"],
  },
  order_to_perform: { length: "document", unit: "calendar_day", basis: "《行政复议法》第七十七条第二款", facts: ["10.02"] },
  mediation_triage: {
    length: "setting:mediationTriageWorkdays",
    unit: "working_day",
    basis: "本平台设置的分流期限（参照《深圳经济特区矛盾纠纷多元化解条例》，非法定期限）",
    facts: ["12.16", "12.35"],
  },
  mediation_transfer: { length: 3, unit: "working_day", basis: "《深圳经济特区矛盾纠纷多元化解条例》第四十三条（参照）", facts: ["12.11"] },
  mediation_accept: {
    length: "setting:mediationAcceptWorkdays",
    unit: "working_day",
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第四十四条（参照；本平台设置）",
    facts: ["12.11", "12.16"],
  },
  mediation_accept_complex: {
    length: "setting:mediationAcceptComplexWorkdays",
    unit: "working_day",
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第四十四条（参照；本平台设置）",
    facts: ["12.11", "12.16"],
  },
  mediation_period: {
    length: "setting:mediationDays",
    unit: "calendar_day",
    basis: "《深圳经济特区矛盾纠纷多元化解条例》第二十五条（参照；本平台设置）",
    facts: ["12.10", "12.16"],
  },
  mediation_followup: { length: 30, unit: "calendar_day", basis: "回访期限（本平台设置，非法定期限）", facts: ["12.14", "12.35"] },
} as const satisfies Record<
  string,
  { length: number | "document" | `setting:${keyof SettingValues}`; unit: PeriodUnit; basis: string; facts: readonly string[] }
>;

export type MachinePeriodKey = keyof typeof machinePeriodDefinitions;
export const machinePeriodKeys = Object.keys(machinePeriodDefinitions) as MachinePeriodKey[];
export type TimerKey = (typeof statutoryPeriodKeys)[number] | MachinePeriodKey;
export const timerKeys: readonly TimerKey[] = [...statutoryPeriodKeys, ...machinePeriodKeys];

/** Which timers a process has running or paused. Kept in every machine state so "stop all" knows what to stop. */
export type TimerMap = Partial<Record<TimerKey, "running" | "paused">>;

// ---------------------------------------------------------------------------------------------------------------
// Documents (DOMAIN.md §19). Keys are stable; the Chinese name is the document's title.

export const documentDefinitions = {
  oral_application_record: { zh: "口头申请笔录", facts: ["1.28"] },
  supplement_notice: { zh: "补正通知书", facts: ["3.05"] },
  acceptance_notice: { zh: "受理通知书", facts: ["3.02", "3.04"] },
  refusal_decision: { zh: "不予受理决定书", facts: ["3.03"] },
  dismissal_decision: { zh: "驳回申请决定书", facts: ["3.10"] },
  reply_notice: { zh: "提出答复通知书", facts: ["5.01", "5.02"] },
  views_record: { zh: "听取意见记录", facts: ["6.07", "6.08"] },
  hearing_notice: { zh: "听证通知书", facts: ["6.12"] },
  hearing_record: { zh: "听证笔录", facts: ["6.11", "6.14"] },
  consultation_request_letter: { zh: "提请咨询函", facts: ["6.19"] },
  committee_opinion_record: { zh: "咨询意见记录", facts: ["6.20"] },
  adoption_record: { zh: "采纳情况说明", facts: ["6.21"] },
  extension_notice: { zh: "延期审理通知书", facts: ["7.02"] },
  suspension_notice: { zh: "中止通知书", facts: ["7.05", "7.06"] },
  resumption_notice: { zh: "恢复审理通知书", facts: ["7.06"] },
  termination_decision: { zh: "终止决定书", facts: ["7.09"] },
  withdrawal_record: { zh: "准予撤回记录", facts: ["7.10"] },
  normative_document_notice: { zh: "规范性文件答复通知", facts: ["6.26"] },
  normative_document_transfer_letter: { zh: "规范性文件转送函", facts: ["6.26"] },
  mediation_document: { zh: "行政复议调解书", facts: ["8.03", "8.04"] },
  decision: { zh: "行政复议决定书", facts: ["9.14", "9.16"] },
  order_to_perform: { zh: "责令履行通知书", facts: ["10.02"] },
  sanction_referral_letter: { zh: "违法事实材料移送函", facts: ["10.03", "10.12"] },
  opinion_letter: { zh: "行政复议意见书", facts: ["10.05"] },
  suggestion_letter: { zh: "行政复议建议书", facts: ["10.07"] },
  copy_report: { zh: "抄告函", facts: ["10.10"] },
  mediation_acceptance_notice: { zh: "行政调解受理通知书", facts: ["12.11"] },
  mediation_refusal_notice: { zh: "行政调解不予受理告知书", facts: ["12.11"] },
  mediation_agreement: { zh: "调解协议书", facts: ["12.12", "12.26"] },
  mediation_termination_notice: { zh: "终止调解告知书", facts: ["12.25"] },
  transfer_letter: { zh: "移送函", facts: ["12.11"] },
  petition_routing_notice: { zh: "信访转送告知书", facts: ["13.02", "13.03"] },
} as const satisfies Record<string, { zh: string; facts: readonly string[] }>;

export type DocumentKey = keyof typeof documentDefinitions;
export const documentKeys = Object.keys(documentDefinitions) as DocumentKey[];

// ---------------------------------------------------------------------------------------------------------------
// Actors and context.

/** How a user stands to this process: "applicant" (or the applicant's agent), "respondent" (an agent of the respondent
 *  organ), "member" (a committee member assigned to the consultation), "recipient" (an agent of the organ a letter is
 *  addressed to), "other_party" (the other side of a mediation), "handler" (the assigned case officer). */
export type Relation = "applicant" | "respondent" | "handler" | "member" | "recipient" | "other_party" | "third_party";

export type UserActor = { role: Role; userId: string; relation?: Relation };
export type SystemActor = { system: true };
/** Who sends the command: a signed-in user in one role, or the scheduler / a linked process (automatic transitions). */
export type ActorRef = UserActor | SystemActor;
export type Performer = Role | "system";

export const isSystem = (actor: ActorRef): actor is SystemActor => "system" in actor && actor.system === true;

/** Settings the machines read (DOMAIN.md's defaults table); anything not given takes its default. */
export type MachineSettings = Pick<
  SettingValues,
  "suspensionPausesDecision" | "committeeOpinionWorkdays" | "suggestionReplyDays" | "mediationDays"
>;

export interface MachineContext {
  actor: ActorRef;
  /** Today in Asia/Shanghai. Every date a transition records defaults to it. */
  today: IsoDate;
  /**
   * Working days d with from < d ≤ to on the official calendar (the start day is not counted, DOMAIN.md 11.03), so that
   * addWorkingDays(from, n) = to ⇔ workingDaysBetween(from, to) = n when `to` is a working day. Supplied by the
   * calendar module; guards that need it (hearing notice, committee period) reject with CONTEXT_MISSING without it.
   */
  workingDaysBetween?: (from: IsoDate, to: IsoDate) => number;
  /** Running timers of this process whose due date has passed (computed by the caller from the deadline rows). */
  expiredTimers?: readonly TimerKey[];
  settings?: Partial<MachineSettings>;
}

export function settingsOf(context: MachineContext): MachineSettings {
  const d = defaultSettings();
  return {
    suspensionPausesDecision: d.suspensionPausesDecision,
    committeeOpinionWorkdays: d.committeeOpinionWorkdays,
    suggestionReplyDays: d.suggestionReplyDays,
    mediationDays: d.mediationDays,
    ...context.settings,
  };
}

export const hasExpired = (context: MachineContext, timer: TimerKey): boolean => (context.expiredTimers ?? []).includes(timer);

// ---------------------------------------------------------------------------------------------------------------
// Effects: what the service must do after it has stored the new state.

export type MachineName = "reconsideration" | "mediation" | "consultation" | "letter";

/** Who a notification goes to; the service resolves it to users of this process. */
export type NotifyTarget =
  | "applicant"
  | "respondent"
  | "third_parties"
  | "parties"
  | "other_party"
  | "handler"
  | "office_head"
  | "committee_members"
  | "center_clerk"
  | "recipient_organ"
  | "higher_department";

export type Effect =
  /** Start a period on the day after `from` (the day of the triggering event is not counted, 11.03). */
  | { kind: "startTimer"; timer: TimerKey; from: IsoDate; basis: string; length?: PeriodLength }
  | { kind: "stopTimer"; timer: TimerKey }
  | { kind: "pauseTimer"; timer: TimerKey; from: IsoDate; basis: string }
  | { kind: "resumeTimer"; timer: TimerKey; from: IsoDate; basis: string }
  | { kind: "extendTimer"; timer: TimerKey; days: number; unit: PeriodUnit; basis: string }
  | { kind: "issueDocument"; document: DocumentKey; basis: string; data?: Record<string, unknown> }
  | { kind: "notify"; to: NotifyTarget; template: string; data?: Record<string, unknown> }
  /** The one event row of this transition; `note` is what the law says must be recorded in the file. */
  | { kind: "recordEvent"; event: string; command: string; basis: string; note?: string }
  /** Create a linked process (a consultation for a case referred to the committee). */
  | { kind: "openProcess"; process: MachineName; data: Record<string, unknown> }
  /** Apply this command, as the system, to a linked process (or to this one, for automatic follow-ups). */
  | { kind: "relay"; to: MachineName; command: { type: string } & Record<string, unknown> };

export const startTimer = (timer: TimerKey, from: IsoDate, basis: string, length?: PeriodLength): Effect =>
  length ? { kind: "startTimer", timer, from, basis, length } : { kind: "startTimer", timer, from, basis };
export const stopTimer = (timer: TimerKey): Effect => ({ kind: "stopTimer", timer });
export const issue = (document: DocumentKey, basis: string, data?: Record<string, unknown>): Effect =>
  data ? { kind: "issueDocument", document, basis, data } : { kind: "issueDocument", document, basis };
export const notify = (to: NotifyTarget, template: string, data?: Record<string, unknown>): Effect =>
  data ? { kind: "notify", to, template, data } : { kind: "notify", to, template };

/** stopTimer for each timer in `keys` that is running or paused. */
export function stopTimers(timers: TimerMap, keys: readonly TimerKey[]): Effect[] {
  return keys.filter((k) => timers[k] !== undefined).map(stopTimer);
}

/** stopTimer for every timer that is running or paused. */
export function stopAllTimers(timers: TimerMap): Effect[] {
  return (Object.keys(timers) as TimerKey[]).map(stopTimer);
}

/** The timer map after the effects, in order. */
export function applyTimerEffects(timers: TimerMap, effects: readonly Effect[]): TimerMap {
  const next: TimerMap = { ...timers };
  for (const e of effects) {
    if (e.kind === "startTimer" || e.kind === "resumeTimer") next[e.timer] = "running";
    else if (e.kind === "pauseTimer") next[e.timer] = "paused";
    else if (e.kind === "stopTimer") delete next[e.timer];
  }
  return next;
}

// ---------------------------------------------------------------------------------------------------------------
// Rejections.

export type ReasonCode =
  | "NOT_ALLOWED_IN_STATE"
  | "ROLE_NOT_ALLOWED"
  | "NOT_A_PARTY"
  | "GUARD_FAILED"
  | "INVALID_COMMAND"
  | "CONTEXT_MISSING";

export interface Reason {
  code: ReasonCode;
  /** Chinese, for the staff member or citizen who tried. */
  message: string;
  messageEn: string;
  /** The guard that failed (GUARD_FAILED), stable for tests and logs. */
  guard?: string;
  /** The transition row that was tried, when one matched. */
  transition?: string;
  basis?: string;
}

export type TransitionResult<S> = { ok: true; next: S; effects: Effect[]; transition: string } | { ok: false; reason: Reason };

/** What a handler returns: the next state (the engine sets version and timers) or a rejection. */
export type Step<S> = { ok: true; next: S; effects: Effect[]; note?: string } | { ok: false; reason: Reason };

export const guardFailed = (guard: string, message: string, messageEn: string, basis?: string): { ok: false; reason: Reason } => ({
  ok: false,
  reason: basis ? { code: "GUARD_FAILED", guard, message, messageEn, basis } : { code: "GUARD_FAILED", guard, message, messageEn },
});

export const contextMissing = (what: string): { ok: false; reason: Reason } => ({
  ok: false,
  reason: {
    code: "CONTEXT_MISSING",
    message: `系统缺少计算所需的信息（${what}），请联系管理员`,
    messageEn: `The caller did not supply ${what}`,
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Transition tables and the engine.

export interface TransitionRow<S extends string, C extends string> {
  /** DOMAIN.md's number (T8, P3, …); a suffix marks a variant of the same transition (T8-deemed). */
  id: string;
  from: readonly S[];
  /** Possible next states; "unchanged" for transitions that only record a fact or start a timer. */
  to: readonly S[] | "unchanged";
  command: C;
  roles: readonly Performer[];
  /** Relation a user in that role must have to this process; defaults in DEFAULT_RELATIONS. */
  relations?: Partial<Record<Role, readonly Relation[]>>;
  basis: string;
  facts: readonly string[];
  title: string;
  titleEn: string;
}

export const DEFAULT_RELATIONS: Partial<Record<Role, readonly Relation[]>> = {
  citizen: ["applicant"],
  respondent_agent: ["respondent"],
  committee_member: ["member"],
};

export interface MachineState<N extends string> {
  state: N;
  version: number;
  timers: TimerMap;
}

export type Handler<S, C> = (state: S, command: C, context: MachineContext, row: TransitionRow<string, string>) => Step<S>;

/** C is the command as callers send it; P the same after parsing (zod defaults filled in), as handlers see it. */
export interface MachineDefinition<
  N extends string,
  S extends MachineState<N>,
  C extends { type: string },
  P extends { type: C["type"] } = C & { type: C["type"] }
> {
  name: MachineName;
  stateLabels: Record<N, string>;
  commandSchema: z.ZodMiniType<P, C>;
  table: readonly TransitionRow<N, C["type"]>[];
  handlers: { [K in C["type"]]: Handler<S, Extract<P, { type: K }>> };
}

const roleLabels: Record<Performer, string> = {
  citizen: "申请人",
  center_clerk: "中心工作人员",
  reconsideration_staff: "行政复议人员",
  office_head: "行政复议机构负责人",
  committee_member: "行政复议委员会委员",
  respondent_agent: "被申请人（机关）经办人",
  admin: "系统管理员",
  system: "系统自动处理",
};

/** The row for (state, command type), if the table allows that pair. */
export function findRow<N extends string, T extends string>(
  table: readonly TransitionRow<N, T>[],
  state: N,
  type: T
): TransitionRow<N, T> | undefined {
  return table.find((r) => r.command === type && r.from.includes(state));
}

export function runTransition<N extends string, S extends MachineState<N>, C extends { type: string }, P extends { type: C["type"] }>(
  machine: MachineDefinition<N, S, C, P>,
  state: S,
  command: C,
  context: MachineContext
): TransitionResult<S> {
  const type = (command as { type?: unknown }).type;
  if (typeof type !== "string" || !(type in machine.handlers)) {
    return { ok: false, reason: { code: "INVALID_COMMAND", message: "无法识别的操作", messageEn: `Unknown command ${String(type)}` } };
  }
  const row = findRow(machine.table, state.state, type as C["type"]);
  if (!row) {
    const label = machine.stateLabels[state.state] ?? state.state;
    return {
      ok: false,
      reason: {
        code: "NOT_ALLOWED_IN_STATE",
        message: `当前状态（${label}）下不能进行此操作`,
        messageEn: `${type} is not allowed in state ${state.state}`,
      },
    };
  }
  const actorProblem = checkActor(row, context.actor);
  if (actorProblem) return { ok: false, reason: { ...actorProblem, transition: row.id } };

  const parsed = machine.commandSchema.safeParse(command);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".") || "(command)").join(", ");
    return {
      ok: false,
      reason: {
        code: "INVALID_COMMAND",
        message: `提交的内容不完整或格式不正确：${fields}`,
        messageEn: `Invalid command fields: ${fields}`,
        transition: row.id,
      },
    };
  }
  const handler = machine.handlers[type as C["type"]] as unknown as Handler<S, P>;
  const step = handler(state, parsed.data, context, row as TransitionRow<string, string>);
  if (!step.ok) return { ok: false, reason: { ...step.reason, transition: row.id, basis: step.reason.basis ?? row.basis } };

  const allowedTo = row.to === "unchanged" ? [state.state] : row.to;
  if (!allowedTo.includes(step.next.state)) {
    // A handler that leaves its row's targets is a bug in this file, not a user error.
    throw new Error(`${machine.name} ${row.id}: handler moved to ${step.next.state}, table allows ${allowedTo.join("/")}`);
  }
  const event: Effect = step.note
    ? { kind: "recordEvent", event: `${machine.name}.${row.id}`, command: type, basis: row.basis, note: step.note }
    : { kind: "recordEvent", event: `${machine.name}.${row.id}`, command: type, basis: row.basis };
  const next = { ...step.next, version: state.version + 1, timers: applyTimerEffects(state.timers, step.effects) };
  return { ok: true, next, effects: [event, ...step.effects], transition: row.id };
}

function checkActor(row: TransitionRow<string, string>, actor: ActorRef): Omit<Reason, "transition"> | null {
  const who = row.roles.map((r) => roleLabels[r]).join("、");
  if (isSystem(actor)) {
    if (row.roles.includes("system")) return null;
    return {
      code: "ROLE_NOT_ALLOWED",
      message: `此操作须由${who}办理，不能自动处理`,
      messageEn: `${row.command} cannot be applied automatically`,
    };
  }
  if (!row.roles.includes(actor.role)) {
    return {
      code: "ROLE_NOT_ALLOWED",
      message: `此操作须由${who}办理`,
      messageEn: `${row.command} is for ${row.roles.join(", ")}, not ${actor.role}`,
    };
  }
  const needed = row.relations?.[actor.role] ?? DEFAULT_RELATIONS[actor.role];
  if (needed && !(actor.relation && needed.includes(actor.relation))) {
    return {
      code: "NOT_A_PARTY",
      message: "您不是本案（本事项）的当事人或指定人员，不能进行此操作",
      messageEn: `A ${actor.role} must be ${needed.join(" or ")} of this process`,
    };
  }
  return null;
}

/** Rows whose `from` includes the state: what can happen next (for the UI's action list). */
export function availableRows<N extends string, T extends string>(table: readonly TransitionRow<N, T>[], state: N): TransitionRow<N, T>[] {
  return table.filter((r) => r.from.includes(state));
}
