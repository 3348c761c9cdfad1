// The committee consultation as its members and its secretary work on it (《行政复议法》第五十二条; DOMAIN.md §17):
// the declaration of no conflict before the file is seen, each member's answer per question, the quorum (a setting; the
// final committee rules are not published, DOMAIN.md 6.23), the record that counts positions per question and keeps
// dissent verbatim (第五十二条第三款: the opinion is recorded), and when members are reminded. Pure; the service stores.
// zod/mini (same package, functional API): settings.ts reads quorumRules, and the filing pages reach settings.ts.
import * as z from "zod/mini";
import type { ConsultationStateName } from "./machines/consultation";
import { quorumRules, type QuorumRule } from "./quorum";
import "~/locales/areas/member";

/** agree / disagree / abstain — the values of member_answers.position (db/schema/follow-up.ts). */
export const answerPositions = ["agree", "disagree", "abstain"] as const;
export type AnswerPosition = (typeof answerPositions)[number];

export const answerPositionLabels: Record<AnswerPosition, string> = { agree: "同意", disagree: "不同意", abstain: "弃权" };

/** A member's reasoning and separate opinion: long enough for an argued view, short enough to fit the record. */
export const REASONING_MAX = 3000;
/** The secretary's summary of the committee's opinion (the counts and the dissent are added to it). */
export const SUMMARY_MAX = 2000;
/** Reminders go out this many working days before the consultation's deadline, and again once it is overdue. */
export const REMINDER_WORKDAYS = 3;

// ---------------------------------------------------------------------------------------------------------------
// States: what a member and the secretary may do in each.

/** Before the record is closed a member may declare (and a member who declared no conflict may still declare one). */
export const declarationStates: readonly ConsultationStateName[] = ["MEMBERS_ASSIGNED", "MATERIALS_SENT", "MEETING_HELD", "WRITTEN_CONSULT"];
/** The redacted file reaches the members with SEND_MATERIALS (Art. 36(2)); it stays readable to them afterwards. */
export const fileStates: readonly ConsultationStateName[] = ["MATERIALS_SENT", "MEETING_HELD", "WRITTEN_CONSULT", "OPINION_RECORDED", "ADOPTION_RECORDED", "CLOSED"];
/** Members give their positions once the secretary has held the meeting or opened the written round. */
export const answeringStates: readonly ConsultationStateName[] = ["MEETING_HELD", "WRITTEN_CONSULT"];
/** The record is closed (frozen) from RECORD_OPINION on. */
export const recordedStates: readonly ConsultationStateName[] = ["OPINION_RECORDED", "ADOPTION_RECORDED"];

export const secretaryIntents = ["send_materials", "hold_meeting", "start_written", "close_record"] as const;
export type SecretaryIntent = (typeof secretaryIntents)[number];

export const secretaryCommandOf = {
  send_materials: "SEND_MATERIALS",
  hold_meeting: "HOLD_MEETING",
  start_written: "START_WRITTEN_CONSULTATION",
  close_record: "RECORD_OPINION",
} as const satisfies Record<SecretaryIntent, string>;

const intentStates: Record<SecretaryIntent, readonly ConsultationStateName[]> = {
  send_materials: ["MEMBERS_ASSIGNED"],
  hold_meeting: ["MATERIALS_SENT"],
  start_written: ["MATERIALS_SENT"],
  close_record: ["MEETING_HELD", "WRITTEN_CONSULT"],
};

/** The secretary's forms for a consultation in `state` (the machine's table C3–C5 allows them to staff). */
export function availableSecretaryIntents(state: string): SecretaryIntent[] {
  return secretaryIntents.filter((i) => (intentStates[i] as readonly string[]).includes(state));
}

// ---------------------------------------------------------------------------------------------------------------
// Quorum (DOMAIN.md 6.23: the rule is not published; a setting, by default more than half): quorum.ts.

export { quorumRules, type QuorumRule };

/** How many of `active` members (assigned, not removed) must take part: majority = more than half. At least one. */
export function quorumNeeded(active: number, rule: QuorumRule): number {
  if (active <= 0) return 1;
  if (rule === "all") return active;
  if (rule === "two_thirds") return Math.ceil((active * 2) / 3);
  return Math.floor(active / 2) + 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Forms. Messages are keys of the "member" locale area.

const required = (max: number) =>
  z.string({ error: "member.error.required" }).check(z.trim(), z.minLength(1, "member.error.required"), z.maxLength(max, "member.error.tooLong"));

/** The declaration asked before the file is shown: no conflict (confirmed), or a conflict with what it is. */
export const DeclarationFormSchema = z.discriminatedUnion(
  "declaration",
  [
    z.object({ declaration: z.literal("no_conflict"), confirm: z.literal("yes", { error: "member.error.confirm" }) }),
    z.object({ declaration: z.literal("conflict"), note: required(2000) }),
  ],
  { error: "member.error.declaration" },
);
export type DeclarationForm = z.output<typeof DeclarationFormSchema>;

export const AnswerSchema = z.object({
  position: z.enum(answerPositions, { error: "member.error.position" }),
  reasoning: required(REASONING_MAX),
});

/** The answer form: for each question `position.<id>` and `reasoning.<id>`, and `separateOpinion` (optional). */
export function readAnswerForm(
  form: Iterable<[string, unknown]>,
  questionIds: readonly string[],
):
  | { ok: true; answers: { questionId: string; position: AnswerPosition; reasoning: string }[]; separateOpinion: string | null }
  | { ok: false; errors: Record<string, string> } {
  const values = new Map<string, string>();
  for (const [k, v] of form) if (typeof v === "string" && !values.has(k)) values.set(k, v);
  const errors: Record<string, string> = {};
  const answers: { questionId: string; position: AnswerPosition; reasoning: string }[] = [];
  for (const id of questionIds) {
    const parsed = AnswerSchema.safeParse({ position: values.get(`position.${id}`), reasoning: values.get(`reasoning.${id}`) });
    if (parsed.success) answers.push({ questionId: id, ...parsed.data });
    else for (const issue of parsed.error.issues) errors[`${String(issue.path[0])}.${id}`] ??= issue.message;
  }
  const separate = z
    .string()
    .check(z.trim(), z.maxLength(REASONING_MAX, "member.error.tooLong"))
    .safeParse(values.get("separateOpinion") ?? "");
  if (!separate.success) errors.separateOpinion = separate.error.issues[0].message;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, answers, separateOpinion: separate.success && separate.data ? separate.data : null };
}

export const SendMaterialsFormSchema = z.object({ redacted: z.literal("yes", { error: "member.error.redacted" }) });
export const HoldMeetingFormSchema = z.object({
  attendees: z.array(z.uuid({ error: "member.error.attendee" }), { error: "member.error.attendees" }).check(z.minLength(1, "member.error.attendees")),
});
export const StartWrittenFormSchema = z.object({});
export const CloseRecordFormSchema = z.object({ summary: required(SUMMARY_MAX) });

export const secretaryFormSchemas = {
  send_materials: SendMaterialsFormSchema,
  hold_meeting: HoldMeetingFormSchema,
  start_written: StartWrittenFormSchema,
  close_record: CloseRecordFormSchema,
} as const satisfies Record<SecretaryIntent, z.ZodMiniType>;

// ---------------------------------------------------------------------------------------------------------------
// The record (咨询意见记录, Art. 52(3)).

export interface RecordInput {
  questions: readonly { id: string; position: number; text: string }[];
  /** Members assigned; `counts` false for a removed member (declared conflict, granted recusal) or an absentee of a meeting. */
  members: readonly { memberId: string; name: string; counts: boolean; separateOpinion: string | null }[];
  answers: readonly { questionId: string; memberId: string; position: AnswerPosition; reasoning: string }[];
}

export interface RecordedAnswer {
  memberId: string;
  memberName: string;
  position: AnswerPosition;
  reasoning: string;
}

export interface QuestionRecord {
  questionId: string;
  number: number;
  text: string;
  counts: Record<AnswerPosition, number>;
  /** The position of more members between agree and disagree; null when they are equal (a divided committee). */
  majority: "agree" | "disagree" | null;
  answers: RecordedAnswer[];
  /** The minority's answers, reasoning verbatim; with no majority, every agreeing and disagreeing answer. */
  dissent: RecordedAnswer[];
}

export interface ConsultationRecord {
  questions: QuestionRecord[];
  separateOpinions: { memberId: string; memberName: string; text: string }[];
  /** Members who count and answered every question. */
  answeredMembers: number;
  /** Members who count (assigned, not removed; at a meeting, present). */
  countingMembers: number;
}

/** Counts positions per question over the members who count, keeping the dissent and separate opinions verbatim. */
export function aggregateRecord(input: RecordInput): ConsultationRecord {
  const counting = new Map(input.members.filter((m) => m.counts).map((m) => [m.memberId, m]));
  const ordered = [...input.questions].sort((a, b) => a.position - b.position);
  const questions = ordered.map((q, i): QuestionRecord => {
    const answers = input.answers
      .filter((a) => a.questionId === q.id && counting.has(a.memberId))
      .map((a) => ({ memberId: a.memberId, memberName: counting.get(a.memberId)!.name, position: a.position, reasoning: a.reasoning }))
      .sort((a, b) => a.memberName.localeCompare(b.memberName, "zh-CN"));
    const counts = { agree: 0, disagree: 0, abstain: 0 };
    for (const a of answers) counts[a.position]++;
    const majority = counts.agree > counts.disagree ? "agree" : counts.disagree > counts.agree ? "disagree" : null;
    const dissent = answers.filter((a) => a.position !== "abstain" && a.position !== majority);
    return { questionId: q.id, number: i + 1, text: q.text, counts, majority, answers, dissent };
  });
  const answeredMembers = [...counting.keys()].filter((id) =>
    ordered.every((q) => input.answers.some((a) => a.questionId === q.id && a.memberId === id)),
  ).length;
  const separateOpinions = [...counting.values()]
    .filter((m) => m.separateOpinion && m.separateOpinion.trim())
    .map((m) => ({ memberId: m.memberId, memberName: m.name, text: m.separateOpinion!.trim() }))
    .sort((a, b) => a.memberName.localeCompare(b.memberName, "zh-CN"));
  return { questions, separateOpinions, answeredMembers, countingMembers: counting.size };
}

/** The dissent as the record keeps it (RECORD_OPINION's `dissent`): one entry per minority answer and separate opinion, verbatim. */
export function dissentEntries(record: ConsultationRecord): string[] {
  const out: string[] = [];
  for (const q of record.questions) {
    const divided = q.majority === null ? "（意见分歧）" : "";
    for (const a of q.dissent) out.push(`问题${q.number}${divided}·${a.memberName}（${answerPositionLabels[a.position]}）：${a.reasoning}`);
  }
  for (const s of record.separateOpinions) out.push(`个人意见·${s.memberName}：${s.text}`);
  return out;
}

/** The opinion as recorded (RECORD_OPINION's `text`): the secretary's summary, then the positions counted per question. */
export function opinionText(summary: string, record: ConsultationRecord): string {
  const lines = record.questions.map((q) => {
    const outcome = q.majority ? `多数意见：${answerPositionLabels[q.majority]}` : "意见分歧，未形成多数意见";
    return `问题${q.number}：同意${q.counts.agree}票，不同意${q.counts.disagree}票，弃权${q.counts.abstain}票；${outcome}。`;
  });
  return [summary.trim(), "", "各问题表决情况：", ...lines].join("\n");
}

/** The short form of one member's answers for the machine's own log (C4-member); the full answers are in member_answers. */
export function memberOpinionSummary(answers: readonly { position: AnswerPosition }[], separateOpinion: string | null): string {
  const parts = answers.map((a, i) => `问题${i + 1}：${answerPositionLabels[a.position]}`);
  return `${parts.join("；")}${separateOpinion ? "；另附个人意见" : ""}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders (issue 6 req. 10: 3 working days before the due date, and on the day it becomes overdue).

export type MemberReminderStage = "due_soon" | "overdue";

/** `workingDaysLeft`: working days d with today < d ≤ dueDate (0 on the due day). */
export function memberReminderStage(dueDate: string, today: string, workingDaysLeft: number): MemberReminderStage | null {
  if (today > dueDate) return "overdue";
  return workingDaysLeft <= REMINDER_WORKDAYS ? "due_soon" : null;
}

export const memberReminderKinds: Record<MemberReminderStage, string> = {
  due_soon: "committee_due_soon",
  overdue: "committee_overdue",
};

/** One reminder per member, deadline and stage (notifications' unique (user, dedupe key)). */
export function memberReminderDedupeKey(deadlineId: string, stage: MemberReminderStage): string {
  return `committee:${deadlineId}:${stage}`;
}
