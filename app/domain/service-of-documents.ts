// Service of documents on the applicant (送达, DOMAIN.md 9.17–9.18; Art. 88(1) → Civil Procedure Law Arts. 87–95).
// Electronic service needs the recipient's consent (CPL Art. 90(1)); the service date is the day the document reaches
// the recipient's system — here, the portal account — (Art. 90(2)). Without consent the document waits for service by
// other means (direct, post, public notice), which staff record.
import type { DocumentKey } from "./machines/common";

/** Documents addressed to the applicant (the others go to the respondent, the committee or other organs). */
export const applicantDocumentKeys: readonly DocumentKey[] = [
  "oral_application_record",
  "supplement_notice",
  "acceptance_notice",
  "refusal_decision",
  "dismissal_decision",
  "hearing_notice",
  "extension_notice",
  "suspension_notice",
  "resumption_notice",
  "termination_decision",
  "withdrawal_record",
  "mediation_document",
  "decision",
  "mediation_acceptance_notice",
  "mediation_refusal_notice",
  "mediation_agreement",
  "mediation_termination_notice",
  "transfer_letter",
];

export type ServiceOutcome = { method: "electronic"; servedAt: Date; basis: string } | { method: "pending"; servedAt: null; basis: string };

/** How a document issued at `issuedAt` is served on a recipient who did (or did not) consent to electronic service. */
export function serviceOf(consentedAt: Date | null, issuedAt: Date): ServiceOutcome {
  if (consentedAt && consentedAt.getTime() <= issuedAt.getTime()) {
    return { method: "electronic", servedAt: issuedAt, basis: "《民事诉讼法》第九十条" };
  }
  return { method: "pending", servedAt: null, basis: "《民事诉讼法》第八十七条至第九十五条" };
}
