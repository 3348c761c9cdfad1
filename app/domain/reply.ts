// The respondent's written reply (答复) in the agency workspace (issue 5 req. 6, DOMAIN.md §5): when the respondent may see
// a case, which period it has, which documents are addressed to it, and the reply form's rules. Pure: no DB, no Remix.
import * as z from "zod/mini";
import type { DocumentKey } from "./machines/common";
import { periodDefinitions } from "./periods";
import "~/locales/areas/agency";

/**
 * The application copy goes to the respondent with the 提出答复通知书 (Art. 48; simplified: Art. 54(1)); before it is
 * served the respondent has no part in the case, so the case does not exist in its workspace. The document is the mark.
 */
export const COPY_SERVED_DOCUMENT: DocumentKey = "reply_notice";

/** Documents served on the respondent as a party (Arts. 48, 51, 39(3), 62, 41, 75; DOMAIN.md §19). */
export const respondentDocumentKinds: readonly DocumentKey[] = [
  "reply_notice",
  "hearing_notice",
  "extension_notice",
  "suspension_notice",
  "resumption_notice",
  "termination_decision",
  "mediation_document",
  "decision",
  "order_to_perform",
];

/**
 * The reply period: 10 working days from the respondent's receipt of the copy (Art. 48), 5 under the simplified
 * procedure (Art. 54(1)); working days per Art. 88(2). The lengths are those of the periods table.
 */
export function replyPeriodOf(procedure: "ordinary" | "simplified") {
  const key = procedure === "simplified" ? ("respondent_reply_simplified" as const) : ("respondent_reply" as const);
  const def = periodDefinitions[key];
  return { key, workingDays: def.length, basis: def.basis };
}

/** The period keys a reply deadline row may carry. */
export const replyPeriodKeys = ["respondent_reply", "respondent_reply_simplified"] as const;

/**
 * Art. 70: no written reply, or no evidence and basis, within the period → the act is deemed to have no evidence or
 * basis, and the organ revokes (partly), confirms it illegal or void, or orders performance — unless a third party's
 * rights are affected and the third party provides evidence. The machine sets flags.noReply; this is its citation.
 */
export const ART70_BASIS = "《行政复议法》第七十条";

// ---------------------------------------------------------------------------------------------------------------
// The reply form (Art. 48: the written reply, the evidence, the legal basis and other materials).

export const MAX_REPLY_EVIDENCE = 8;
export const MAX_REPLY_TEXT = 20_000;
export const MAX_REPLY_BASIS = 10_000;
export const MAX_EVIDENCE_DESCRIPTION = 200;

export const evidenceFileField = (i: number) => `evidence.${i}.file`;
export const evidenceDescriptionField = (i: number) => `evidence.${i}.description`;

const EvidenceRowSchema = z.object({
  description: z.string().check(z.trim(), z.maxLength(MAX_EVIDENCE_DESCRIPTION, "errors.replyEvidenceTooLong")),
  hasFile: z.boolean(),
});

export const ReplyFormSchema = z
  .object({
    reply: z.string().check(z.trim(), z.minLength(1, "errors.replyRequired"), z.maxLength(MAX_REPLY_TEXT, "errors.replyTooLong")),
    legalBasis: z.string().check(z.trim(), z.maxLength(MAX_REPLY_BASIS, "errors.replyBasisTooLong")),
    evidenceAndBasisSubmitted: z.enum(["yes", "no"], {
      error: "errors.replySubmittedChoice",
    }),
    evidence: z.array(EvidenceRowSchema).check(z.maxLength(MAX_REPLY_EVIDENCE)),
  })
  .check(
    z.superRefine((v, ctx) => {
      v.evidence.forEach((row, i) => {
        // a file must say what it proves
        if (row.hasFile && row.description === "")
          ctx.addIssue({
            code: "custom",
            path: ["evidence", i, "description"],
            message: "errors.replyEvidenceDescriptionRequired",
          });
      });
      // Saying "submitted" while listing no evidence or no basis would hide an Art. 70 situation: refuse the contradiction.
      if (v.evidenceAndBasisSubmitted === "yes") {
        if (v.legalBasis === "")
          ctx.addIssue({
            code: "custom",
            path: ["legalBasis"],
            message: "errors.replyBasisRequired",
          });
        if (!v.evidence.some((row) => row.description !== ""))
          ctx.addIssue({
            code: "custom",
            path: ["evidence"],
            message: "errors.replyEvidenceRequired",
          });
      }
    }),
  );

export type ReplyForm = z.output<typeof ReplyFormSchema>;

/** The posted fields as the schema reads them; `fileFields` names the file inputs that carried a file. */
export function readReplyForm(fields: Iterable<[string, string]>, fileFields: readonly string[]) {
  const get = new Map<string, string>();
  for (const [k, v] of fields) if (!get.has(k)) get.set(k, v);
  return {
    reply: get.get("reply") ?? "",
    legalBasis: get.get("legalBasis") ?? "",
    evidenceAndBasisSubmitted: get.get("evidenceAndBasisSubmitted") ?? "",
    evidence: Array.from({ length: MAX_REPLY_EVIDENCE }, (_, i) => ({
      description: get.get(evidenceDescriptionField(i)) ?? "",
      hasFile: fileFields.includes(evidenceFileField(i)),
    })),
  };
}

/** The evidence rows that say something, with the index of their form row (their file comes in evidence.<index>.file). */
export function filledEvidence(form: ReplyForm): { index: number; description: string }[] {
  return form.evidence.flatMap((row, index) => (row.description !== "" ? [{ index, description: row.description }] : []));
}

/** Whether a file input name is one of the form's evidence files. */
export function isEvidenceFileField(name: string): boolean {
  return Array.from({ length: MAX_REPLY_EVIDENCE }, (_, i) => evidenceFileField(i)).includes(name);
}
