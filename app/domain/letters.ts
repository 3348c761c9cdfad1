// Opinion letters (行政复议意见书, 《行政复议法》第七十六条) and suggestion letters (行政复议建议书, 《行政复议法实施条例》
// 第五十七条第二款): who may receive one, when a copy goes to the recipient's higher department (第七十九条第二款), the
// report period, and the forms of the letter pages. The machine (machines/letter.ts) stays the authority on transitions.
import * as z from "zod/mini";
import { letterTransitions, type LetterCommandType, type LetterState, type LetterStateName, type LetterType } from "./machines/letter";
import type { Role } from "./roles";
import "~/locales/areas/letters";

export const letterTypes = ["opinion", "suggestion"] as const satisfies readonly LetterType[];

/** The article each type rests on. */
export const letterTypeBasis: Record<LetterType, string> = {
  opinion: "《行政复议法》第七十六条",
  suggestion: "《行政复议法实施条例》第五十七条第二款",
};

/** A text the machine or the letter records (the machine's TextSchema: at most 4,000 characters). */
export const MAX_LETTER_TEXT = 4_000;
/** A department's name typed by staff. */
export const MAX_ORGAN_NAME = 200;
/** Files with a rectification report. */
export const MAX_REPORT_FILES = 8;
export const MAX_ATTACHMENT_DESCRIPTION = 200;
/** An order to perform (Art. 77(2)) sets a period in calendar days: at most a year. */
export const MAX_ORDER_DAYS = 365;

// ---------------------------------------------------------------------------------------------------------------
// Recipients.

export type RecipientKind = LetterState["recipient"]["kind"];

/**
 * Art. 76: an opinion letter goes to the respondent or another lower-level organ (an organ below the reconsideration
 * organ in the hierarchy). A suggestion letter (Reg. Art. 57(2)) goes to "relevant organs": any of them.
 */
export function recipientKindOf(args: { recipientId: string; respondentId: string | null; belowIssuingOrgan: boolean }): RecipientKind {
  if (args.respondentId && args.recipientId === args.respondentId) return "respondent";
  return args.belowIssuingOrgan ? "lower_organ" : "other_organ";
}

/** Whether a letter of `type` may go to a recipient of `kind` (Art. 76 for opinion letters). */
export function recipientAllowed(type: LetterType, kind: RecipientKind): boolean {
  return type === "suggestion" || kind !== "other_organ";
}

export interface OrganFacts {
  id: string;
  code: string;
  kind: string;
  level: string;
  parentId: string | null;
}

/**
 * Art. 79(2): a county-level or higher government copies an opinion letter addressed to one of its own working
 * departments (工作部门) to that department's next-higher competent department. A department of the organ's own
 * government hangs directly under it; dispatched bodies (a police 分局 under the city bureau) do not.
 */
export function isOwnGovernmentDepartment(recipient: OrganFacts, issuingOrgan: OrganFacts): boolean {
  return (
    recipient.kind === "department" &&
    recipient.parentId === issuingOrgan.id &&
    issuingOrgan.kind === "government" &&
    ["region", "league_city", "banner_county"].includes(issuingOrgan.level)
  );
}

/**
 * The code of the recipient's next-higher competent department, where the portal knows it: the department of the same
 * line (code suffix) under the government one level up. 呼和浩特市市场监督管理局 (150100-market) → 内蒙古自治区市场监督管理局
 * (150000-market). Null for the autonomous region's own departments (their higher department is a State Council one).
 */
export function higherDepartmentCode(recipientCode: string, issuingOrgan: { code: string }, issuingParentCode: string | null): string | null {
  const prefix = `${issuingOrgan.code}-`;
  if (!issuingParentCode || !recipientCode.startsWith(prefix)) return null;
  return `${issuingParentCode}-${recipientCode.slice(prefix.length)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Report period.

/**
 * The recipient's report period, started on the day of service: an opinion letter's 60 days run from receipt
 * (Art. 76, statutory); a suggestion letter's feedback period is the portal's setting (Reg. Art. 57(2) sets none).
 */
export function reportPeriodOf(type: LetterType): { key: "opinion_letter_report" | "suggestion_letter_reply"; statutory: boolean } {
  return type === "opinion" ? { key: "opinion_letter_report", statutory: true } : { key: "suggestion_letter_reply", statutory: false };
}

/** States in which the receiving organ has the letter (it was served: ISSUE, Art. 76 "自收到之日起"). */
export const servedLetterStates: readonly LetterStateName[] = ["ISSUED", "COPIED", "REPORT_RECEIVED", "REVIEWED", "OVERDUE", "ORDERED_TO_PERFORM", "CLOSED"];

/** The commands the machine's table allows in `state` to any of `roles` (a form is shown only for these). */
export function availableLetterCommands(state: LetterStateName, roles: readonly Role[]): LetterCommandType[] {
  return [
    ...new Set(
      letterTransitions
        .filter((row) => row.from.includes(state) && row.roles.some((r) => r !== "system" && roles.includes(r)))
        .map((row) => row.command),
    ),
  ];
}

/**
 * The role a user holding `roles` acts in for `command` in `state`: one the transition row allows (an office head
 * approves as office head), else the first held (the machine then refuses with the roles it wants).
 */
export function actingRoleFor(state: LetterStateName, command: LetterCommandType, roles: readonly Role[]): Role {
  const row = letterTransitions.find((r) => r.command === command && r.from.includes(state));
  return (row?.roles.find((r): r is Role => r !== "system" && roles.includes(r)) ?? roles[0])!;
}

// ---------------------------------------------------------------------------------------------------------------
// Forms.

const requiredText = (message: string, max = MAX_LETTER_TEXT) =>
  z.string({ error: message }).check(z.trim(), z.minLength(1, message), z.maxLength(max, "letters.errors.tooLong"));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const organId = (message: string) => z.string({ error: message }).check(z.regex(UUID, message));
const optionalText = (max: number) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, "letters.errors.tooLong"))),
    z.transform((v: string | undefined) => (v ? v : null)),
  );

/** Drafting a letter: type, recipient, findings, the rectification asked for (or the suggestions), legal basis. */
export const DraftLetterFormSchema = z.object({
  type: z.enum(letterTypes, { error: "letters.errors.type" }),
  recipientOrganId: organId("letters.errors.recipient"),
  findings: requiredText("letters.errors.findings"),
  rectification: requiredText("letters.errors.rectification"),
  legalBasis: requiredText("letters.errors.legalBasis"),
  /** Art. 79(2): the recipient's next-higher department, when the portal cannot name it. */
  higherDepartment: optionalText(MAX_ORGAN_NAME),
  /** The issuing organ, when the user handles cases of more than one (a letter drafted without a case). */
  organId: z.union([
    z.optional(z.string().check(z.regex(UUID, "letters.errors.organ"))),
    z.pipe(
      z.literal(""),
      z.transform(() => undefined),
    ),
  ]),
});
export type DraftLetterForm = z.output<typeof DraftLetterFormSchema>;

/** Service of the sealed letter: the day the recipient received it (Art. 76: the 60 days run from receipt). */
export const IssueLetterFormSchema = z.object({
  servedOn: z.iso.date({ error: "letters.errors.servedOn" }),
});

/** The assessment of a report: adequate, or inadequate with the reasons (Art. 76, 77). */
export const ReviewReportFormSchema = z
  .object({
    adequate: z.enum(["yes", "no"], { error: "letters.errors.adequate" }),
    reasons: optionalText(MAX_LETTER_TEXT),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.adequate === "no" && !v.reasons) ctx.addIssue({ code: "custom", path: ["reasons"], message: "letters.errors.reasons" });
    }),
  );

export const orderMeasures = ["interview", "circulated_criticism"] as const;

/** The commands of the staff letter page, as its forms post them (here, not in the service: the page's code uses them too). */
export const letterIntents = ["approve", "issue", "record_report", "review", "order", "close"] as const;
export type LetterIntent = (typeof letterIntents)[number];

/** An order to perform with a period (Art. 77(2)), with 约谈 and/or 通报批评. */
export const OrderToPerformFormSchema = z.object({
  days: z.coerce
    .number({ error: "letters.errors.days" })
    .check(z.int("letters.errors.days"), z.gte(1, "letters.errors.days"), z.lte(MAX_ORDER_DAYS, "letters.errors.days")),
  measures: z._default(z.array(z.enum(orderMeasures, { error: "errors.badRequest" })).check(z.maxLength(2)), []),
});

/** A report received on paper and recorded by staff (the machine lets staff record it). */
export const RecordReportFormSchema = z.object({ summary: requiredText("letters.errors.summary") });

// ---- the receiving organ's report (multipart: summary + described files)

export const attachmentFileField = (i: number) => `attachment.${i}.file`;
export const attachmentDescriptionField = (i: number) => `attachment.${i}.description`;
export const isAttachmentFileField = (name: string) => Array.from({ length: MAX_REPORT_FILES }, (_, i) => attachmentFileField(i)).includes(name);

export const ReportFormSchema = z
  .object({
    summary: requiredText("letters.errors.summary"),
    attachments: z
      .array(z.object({ description: z.string().check(z.trim(), z.maxLength(MAX_ATTACHMENT_DESCRIPTION, "letters.errors.tooLong")), hasFile: z.boolean() }))
      .check(z.maxLength(MAX_REPORT_FILES)),
  })
  .check(
    z.superRefine((v, ctx) => {
      v.attachments.forEach((a, i) => {
        if (a.hasFile && a.description === "")
          ctx.addIssue({ code: "custom", path: ["attachments", i, "description"], message: "letters.errors.attachmentDescription" });
      });
    }),
  );
export type ReportForm = z.output<typeof ReportFormSchema>;

/** The posted fields as ReportFormSchema reads them; `fileFields` names the file inputs that carried a file. */
export function readReportForm(fields: Iterable<[string, string]>, fileFields: readonly string[]) {
  const get = new Map<string, string>();
  for (const [k, v] of fields) if (!get.has(k)) get.set(k, v);
  return {
    summary: get.get("summary") ?? "",
    attachments: Array.from({ length: MAX_REPORT_FILES }, (_, i) => ({
      description: get.get(attachmentDescriptionField(i)) ?? "",
      hasFile: fileFields.includes(attachmentFileField(i)),
    })),
  };
}
