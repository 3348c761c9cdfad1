// The filing forms as the pages post them (no JavaScript): the mediation request (app/routes/apply.mediation.tsx) and
// the review step of a reconsideration draft (app/routes/apply.reconsideration.$draftId.$step.tsx).
import type { Citizen } from "./types";

export const MEDIATION_PATH = "/apply/mediation";

/** Dispute centers of 呼和浩特市's districts and of the city itself (db/seed.ts: one center per 盟市 and 旗县). */
const DIVISIONS = ["150100", "150102", "150103", "150104", "150105"];

/** The mediation request form, filled in, with the page's submission key `submissionKey`. */
export function mediationForm(citizen: Citizen, submissionKey: string, n = 0): Record<string, string> {
  return {
    category: "consumer_rights",
    divisionCode: DIVISIONS[n % DIVISIONS.length],
    applicantName: citizen.user.displayName,
    applicantPhone: citizen.phone,
    otherPartyKind: "organisation",
    otherPartyName: "某某商贸有限公司",
    otherPartyContact: "",
    happened: `购买的商品存在质量问题，商家拒绝退换（可靠性测试 ${n}）。`,
    wantedOutcome: "退货退款",
    consent: "yes",
    electronicServiceConsent: n % 2 ? "yes" : "no",
    submissionKey,
  };
}

export const reviewPath = (draftId: string) => `/apply/reconsideration/${draftId}/review`;
export const applicantsPath = (draftId: string) => `/apply/reconsideration/${draftId}/applicants`;

/** The review step's submit: the key is the draft's own (the action takes it from the draft, not from the form). */
export function reviewSubmitForm(): Record<string, string> {
  return { intent: "submit", electronicServiceConsent: "yes", declaration: "yes", lateReason: "", competentOrganOverrideId: "", competentOrganOverrideReason: "" };
}

/** The applicants step as its form posts it ("applicants.0.name", …) with intent "next". */
export function applicantsForm(step: { applicants: Record<string, string>[] }): [string, string][] {
  const out: [string, string][] = [["intent", "next"]];
  step.applicants.forEach((a, i) => {
    for (const [k, v] of Object.entries(a)) out.push([`applicants.${i}.${k}`, v]);
  });
  return out;
}
