// The staff forms of the review procedure after acceptance (DOMAIN.md §6–7, §15.2 T10–T25): what each form may post,
// which of these commands the transition table offers in a state to a role, and the hearing panel rule of Art. 50(3).
// The machine (machines/reconsideration.ts) keeps every other guard; these schemas only read the form.
import * as z from "zod/mini";
import type { Role } from "./roles";
import { caseTransitions, suspensionGrounds, terminationGrounds, type CaseStateName } from "./machines/reconsideration";
import "~/locales/areas/procedure";

/** The commands of the procedure page, in the order the page shows them. */
export const procedureIntents = [
  "serve_copy",
  "views_heard",
  "schedule_hearing",
  "reschedule_hearing",
  "record_hearing",
  "extend",
  "suspend",
  "resume",
  "terminate",
  "approve_withdrawal",
  "convert",
] as const;
export type ProcedureIntent = (typeof procedureIntents)[number];

/** The machine command each form sends. */
export const procedureCommandOf = {
  serve_copy: "SERVE_COPY_ON_RESPONDENT",
  views_heard: "RECORD_VIEWS_HEARD",
  schedule_hearing: "SCHEDULE_HEARING",
  reschedule_hearing: "RESCHEDULE_HEARING",
  record_hearing: "RECORD_HEARING",
  extend: "EXTEND_DECISION_PERIOD",
  suspend: "SUSPEND",
  resume: "RESUME",
  terminate: "TERMINATE",
  approve_withdrawal: "APPROVE_WITHDRAWAL",
  convert: "CONVERT_TO_ORDINARY",
} as const satisfies Record<ProcedureIntent, string>;

/**
 * The forms a user in `role` may use on a case in `state`: those whose command has a row of the transition table from
 * the state with the role among its roles. Whether the command then goes through is the machine's guards' answer.
 */
export function availableProcedureIntents(state: CaseStateName, role: Role): ProcedureIntent[] {
  return procedureIntents.filter((intent) =>
    caseTransitions.some((row) => row.command === procedureCommandOf[intent] && row.from.includes(state) && (row.roles as readonly string[]).includes(role)),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Form schemas. Messages are message keys of the "procedure" locale area.

const date = z.iso.date({ error: "procedure.error.date" });
const text = (max: number) =>
  z.string({ error: "procedure.error.required" }).check(z.trim(), z.minLength(1, "procedure.error.required"), z.maxLength(max, "procedure.error.tooLong"));
const yesNo = z.enum(["yes", "no"], { error: "procedure.error.choose" });
const optionalYesNo = z.pipe(
  z.optional(z.enum(["yes", "no", ""])),
  z.transform((v: "" | "yes" | "no" | undefined) => (v === "yes" ? true : v === "no" ? false : undefined)),
);
const checkbox = z.pipe(
  z.optional(z.literal("yes")),
  z.transform((v: "yes" | undefined) => v === "yes"),
);
const userId = z.uuid({ error: "procedure.error.person" });

/** T10, Art. 48 / 54(1): the day the respondent received the copy starts its reply period. */
export const ServeCopyFormSchema = z.object({ respondentReceivedOn: date });

/** A1, Art. 49: how the views were heard, whether the applicant is willing to mediate, and what they said. */
export const ViewsHeardFormSchema = z.object({
  mode: z.enum(["in_person", "online", "phone", "papers_party_unavailable"], { error: "procedure.error.choose" }),
  willingToMediate: z.enum(["yes", "no", "not_asked"], { error: "procedure.error.choose" }),
  note: text(4000),
});

/** Art. 50(3): one presiding officer and at least two hearing officers, all reconsideration staff, and a clerk. */
export const HEARING_MEMBERS = 2;

/** T12, Arts. 50–51: date, reason, place, panel, clerk and the issues the notice names (DOMAIN.md 6.11–6.12). */
export const ScheduleHearingFormSchema = z.object({
  hearingDate: date,
  reason: z.enum(["major_complex", "institution_necessary", "applicant_request"], { error: "procedure.error.choose" }),
  place: text(200),
  presidingId: userId,
  memberIds: z.array(userId).check(z.length(HEARING_MEMBERS, "procedure.error.members")),
  clerkId: userId,
  issues: text(4000),
});
export type ScheduleHearingForm = z.output<typeof ScheduleHearingFormSchema>;

/** T12-change, 听证办法 Art. 4: a new date with its reason (a new notice goes out). */
export const RescheduleHearingFormSchema = z.object({ hearingDate: date, reason: text(1000) });

/** T13, Art. 50(3), 51(2): held (with its record) or the applicant stayed away. */
export const RecordHearingFormSchema = z.object({
  outcome: z.enum(["held", "applicant_absent"], { error: "procedure.error.choose" }),
  respondentHeadAttended: optionalYesNo,
  record: text(20000),
});

/** T24, Art. 62(1): days asked for and why (the machine refuses more than 30, or a second extension). */
export const ExtendFormSchema = z.object({
  days: z.coerce
    .number({ error: "procedure.error.days" })
    .check(z.int("procedure.error.days"), z.positive("procedure.error.days"), z.lte(366, "procedure.error.days")),
  reason: text(2000),
});

/** T20, Art. 39(1): one of the ten grounds; the consents ground (6) needs; whether ground (9) is within power. */
export const SuspendFormSchema = z.object({
  ground: z.enum(suspensionGrounds, { error: "procedure.error.choose" }),
  explanation: text(2000),
  applicantConsent: checkbox,
  respondentConsent: checkbox,
  settlementUnderway: checkbox,
  normativeDocumentWithinPower: optionalYesNo,
});

/** T21, Art. 39(2)–(3). */
export const ResumeFormSchema = z.object({ explanation: text(2000) });

/** T23-ground, Art. 41(2)–(4). */
export const TerminateFormSchema = z.object({ ground: z.enum(terminationGrounds, { error: "procedure.error.choose" }), explanation: text(2000) });

/** T25, Art. 55. */
export const ConvertFormSchema = z.object({ reason: text(2000) });

export const ApproveWithdrawalFormSchema = z.object({ confirm: yesNo.check(z.refine((v) => v === "yes", "procedure.error.confirm")) });

export const procedureFormSchemas = {
  serve_copy: ServeCopyFormSchema,
  views_heard: ViewsHeardFormSchema,
  schedule_hearing: ScheduleHearingFormSchema,
  reschedule_hearing: RescheduleHearingFormSchema,
  record_hearing: RecordHearingFormSchema,
  extend: ExtendFormSchema,
  suspend: SuspendFormSchema,
  resume: ResumeFormSchema,
  terminate: TerminateFormSchema,
  approve_withdrawal: ApproveWithdrawalFormSchema,
  convert: ConvertFormSchema,
} as const satisfies Record<ProcedureIntent, z.ZodMiniType>;

/** The posted fields as the schemas read them: "memberIds" may repeat; every other field is taken once. */
export function readProcedureForm(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const members: unknown[] = [];
  for (const [key, value] of entries) {
    if (key === "memberIds") members.push(value);
    else if (!(key in out)) out[key] = value;
  }
  out.memberIds = members;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The hearing panel (Art. 50(3), DOMAIN.md 6.11).

export interface PanelChoice {
  presidingId: string;
  memberIds: readonly string[];
  clerkId: string;
}

/**
 * Art. 50(3): 听证由一名行政复议人员任主持人，两名以上行政复议人员任听证员，一名记录员制作听证笔录. The presiding officer and
 * the hearing officers are reconsideration staff of the office (`staff`), five distinct roles held by distinct people;
 * the clerk is one of `clerks` and none of the panel. Returns the field and message key of the first fault, or null.
 */
export function checkHearingPanel(
  panel: PanelChoice,
  eligible: { staff: ReadonlySet<string>; clerks: ReadonlySet<string> },
): { field: string; message: string } | null {
  const panelIds = [panel.presidingId, ...panel.memberIds];
  if (panel.memberIds.length < HEARING_MEMBERS) return { field: "memberIds", message: "procedure.error.members" };
  if (!eligible.staff.has(panel.presidingId)) return { field: "presidingId", message: "procedure.error.notStaff" };
  const outsider = panel.memberIds.findIndex((id) => !eligible.staff.has(id));
  if (outsider >= 0) return { field: `memberIds.${outsider}`, message: "procedure.error.notStaff" };
  if (new Set(panelIds).size !== panelIds.length) return { field: "memberIds", message: "procedure.error.panelDistinct" };
  if (!eligible.clerks.has(panel.clerkId)) return { field: "clerkId", message: "procedure.error.notClerk" };
  if (panelIds.includes(panel.clerkId)) return { field: "clerkId", message: "procedure.error.clerkDistinct" };
  return null;
}
