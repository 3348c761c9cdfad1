// The acceptance review (受理审查, DOMAIN.md §3, §6.02–6.03): the staff forms for accepting (ordinary or simplified
// procedure, Art. 30(1), 36, 53), refusing (不予受理, Art. 30(2)) and dismissing after acceptance (驳回申请, Art. 33),
// each one zod schema mapped onto the machine's command; and how a deemed acceptance (Art. 30(3)) or a deemed
// abandonment (Art. 31(2)) reads once the period ran out. The machine's guards decide; these schemas check form shape.
import * as z from "zod/mini";
import { preprocess } from "./preprocess";
import { acceptanceConditions, type AcceptanceCondition, type CaseCommand } from "./machines/reconsideration";
import "~/locales/areas/staff";

const LAW = "《行政复议法》";

/** Art. 30(1)(1)–(7), in the statute's order: the text a refusal or dismissal decision states for each failed one. */
export const acceptanceConditionTexts: Record<AcceptanceCondition, { zh: string; en: string; basis: string }> = {
  applicant_and_respondent: {
    zh: "有明确的申请人和符合本法规定的被申请人",
    en: "An identifiable applicant and a respondent as the Law defines it",
    basis: `${LAW}第三十条第一款第一项`,
  },
  legal_interest: {
    zh: "申请人与被申请行政复议的行政行为有利害关系",
    en: "The applicant has a legal interest in the act challenged",
    basis: `${LAW}第三十条第一款第二项`,
  },
  specific_request: {
    zh: "有具体的行政复议请求和理由",
    en: "A specific request and reasons",
    basis: `${LAW}第三十条第一款第三项`,
  },
  within_period: {
    zh: "在法定申请期限内提出",
    en: "Filed within the statutory period",
    basis: `${LAW}第三十条第一款第四项`,
  },
  within_scope: {
    zh: "属于本法规定的行政复议范围",
    en: "Within the scope of reconsideration",
    basis: `${LAW}第三十条第一款第五项`,
  },
  jurisdiction: {
    zh: "属于本机关的管辖范围",
    en: "Within this organ's jurisdiction",
    basis: `${LAW}第三十条第一款第六项`,
  },
  no_prior_proceedings: {
    zh: "行政复议机关未受理过该申请人就同一行政行为提出的行政复议申请，并且人民法院未受理过该申请人就同一行政行为提起的行政诉讼",
    en: "No reconsideration organ has accepted, and no court has accepted a suit by, the same applicant on the same act",
    basis: `${LAW}第三十条第一款第七项`,
  },
};

export const REFUSAL_BASIS = `${LAW}第三十条第二款`;
export const DISMISSAL_BASIS = `${LAW}第三十三条`;
export const DEEMED_ACCEPTANCE_BASIS = `${LAW}第三十条第三款`;
export const DEEMED_ABANDONMENT_BASIS = `${LAW}第三十一条第二款`;
export const SIMPLIFIED_BASIS = `${LAW}第五十三条`;

/** Art. 53(1)(1)–(4): the four kinds of case that may take the simplified procedure when facts are clear and the dispute minor. */
export const art53Grounds = ["on_the_spot", "warning_or_criticism", "amount_up_to_3000", "information_disclosure"] as const;
export type Art53Ground = (typeof art53Grounds)[number];
export const art53GroundTexts: Record<Art53Ground, { zh: string; en: string; basis: string }> = {
  on_the_spot: { zh: "被申请行政复议的行政行为是当场作出", en: "The act was made on the spot", basis: `${LAW}第五十三条第一款第一项` },
  warning_or_criticism: {
    zh: "被申请行政复议的行政行为是警告或者通报批评",
    en: "The act is a warning or a public criticism (通报批评)",
    basis: `${LAW}第五十三条第一款第二项`,
  },
  amount_up_to_3000: { zh: "案件涉及款额三千元以下", en: "The amount involved is 3,000 yuan or less", basis: `${LAW}第五十三条第一款第三项` },
  information_disclosure: { zh: "属于政府信息公开案件", en: "A government information disclosure case", basis: `${LAW}第五十三条第一款第四项` },
};

/** Art. 53(1) ("事实清楚、权利义务关系明确、争议不大") or Art. 53(2) (all parties agree). */
export const simplifiedBasisKinds = ["art53_1", "all_parties_consent"] as const;
export const procedures = ["ordinary", "simplified"] as const;

const checkbox = z.pipe(
  z.optional(z.string({ error: "errors.badRequest" })),
  z.transform((v: string | undefined) => v === "yes"),
);
/** Blank select or text → not given. */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** Yuan, up to two decimals ("200", "2999.50"). */
const amount = preprocess(
  blank,
  z.optional(z.pipe(z.string().check(z.trim(), z.regex(/^\d{1,9}(\.\d{1,2})?$/, "errors.amountYuanInvalid")), z.transform(Number))),
);

/**
 * The acceptance form (T8): the procedure and, for the simplified one, the Art. 53 basis the staff member relies on.
 * A simplified acceptance without a basis still parses: the machine refuses it with Art. 53's own words.
 */
export const AcceptFormSchema = z
  .object({
    procedure: z.enum(procedures, { error: "errors.procedureRequired" }),
    basis: preprocess(blank, z.optional(z.enum(simplifiedBasisKinds, { error: "errors.badRequest" }))),
    factsClear: checkbox,
    rightsClear: checkbox,
    disputeMinor: checkbox,
    ground: preprocess(blank, z.optional(z.enum(art53Grounds, { error: "errors.badRequest" }))),
    amountYuan: amount,
    applicantConsent: checkbox,
    respondentConsent: checkbox,
    thirdPartiesConsent: checkbox,
  })
  .check(
    z.superRefine((v, ctx) => {
      // The command names one of Art. 53(1)'s four cases; which one is a choice the form must carry.
      if (v.procedure === "simplified" && v.basis === "art53_1" && !v.ground) {
        ctx.addIssue({ code: "custom", path: ["ground"], message: "errors.art53GroundRequired" });
      }
    }),
  );
export type AcceptForm = z.output<typeof AcceptFormSchema>;

/** The ACCEPT command for the machine (Art. 30(1), 36, 53). `hasThirdParties`: Art. 53(2) needs their consent too. */
export function acceptCommand(form: AcceptForm, facts: { hasThirdParties: boolean }): Extract<CaseCommand, { type: "ACCEPT" }> {
  if (form.procedure === "ordinary") return { type: "ACCEPT", procedure: "ordinary" };
  if (form.basis === "art53_1" && form.ground) {
    return {
      type: "ACCEPT",
      procedure: "simplified",
      simplifiedBasis: {
        kind: "art53_1",
        // Art. 53(1): all three findings, not one of them.
        factsClearAndDisputeMinor: form.factsClear && form.rightsClear && form.disputeMinor,
        ground: form.ground,
        ...(form.amountYuan !== undefined ? { amountYuan: form.amountYuan } : {}),
      },
    };
  }
  if (form.basis === "all_parties_consent") {
    return {
      type: "ACCEPT",
      procedure: "simplified",
      simplifiedBasis: {
        kind: "all_parties_consent",
        applicantConsent: form.applicantConsent,
        respondentConsent: form.respondentConsent,
        ...(facts.hasThirdParties ? { thirdPartiesConsent: form.thirdPartiesConsent } : {}),
      },
    };
  }
  return { type: "ACCEPT", procedure: "simplified" };
}

/** The same reasons limit as the machine's text fields. */
export const MAX_REASONS_LENGTH = 4000;

const ConditionsSchema = z.pipe(
  z
    .array(z.enum(acceptanceConditions, { error: "errors.acceptanceConditionUnknown" }), { error: "errors.badRequest" })
    .check(z.minLength(1, "errors.acceptanceConditionsRequired"), z.maxLength(acceptanceConditions.length * 2, "errors.badRequest")),
  // In the statute's order, each once.
  z.transform((list: AcceptanceCondition[]) => acceptanceConditions.filter((c) => list.includes(c))),
);
const ReasonsSchema = z
  .string({ error: "errors.reasonsRequired" })
  .check(z.trim(), z.minLength(1, "errors.reasonsRequired"), z.maxLength(MAX_REASONS_LENGTH, "errors.reasonsTooLong"));

/**
 * Refusal (T7, Art. 30(2)): the failed conditions, the reasons and, when jurisdiction failed, the competent organ chosen
 * from the list the page offers (an organ id, or "external" for the organ outside the portal the rule names).
 */
export const RefuseFormSchema = z.object({
  conditions: ConditionsSchema,
  reasons: ReasonsSchema,
  competentOrganId: preprocess(blank, z.optional(z.string().check(z.trim(), z.maxLength(64, "errors.competentOrganUnknown")))),
});
export type RefuseForm = z.output<typeof RefuseFormSchema>;

/** Dismissal after acceptance (T26, Art. 33): the conditions found not met, and the reasons. */
export const DismissFormSchema = z.object({ conditions: ConditionsSchema, reasons: ReasonsSchema });
export type DismissForm = z.output<typeof DismissFormSchema>;

/** The competent organ goes into the decision only when jurisdiction is among the failed conditions (Art. 30(2)). */
export function refuseCommand(form: RefuseForm, competentOrganName: string | null): Extract<CaseCommand, { type: "REFUSE" }> {
  return {
    type: "REFUSE",
    failedConditions: form.conditions,
    reasons: form.reasons,
    ...(form.conditions.includes("jurisdiction") && competentOrganName ? { competentOrgan: competentOrganName } : {}),
  };
}

export function dismissCommand(form: DismissForm): Extract<CaseCommand, { type: "DISMISS_APPLICATION" }> {
  return { type: "DISMISS_APPLICATION", failedConditions: form.conditions, reasons: form.reasons };
}

/** The posted fields of the three forms: every "conditions" value, and the other fields once each. */
export function readAcceptanceForm(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = { conditions: [] as unknown[] };
  for (const [key, value] of entries) {
    if (key === "conditions") (out.conditions as unknown[]).push(value);
    else if (!(key in out)) out[key] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Deemed outcomes: the scheduler applies them (INTAKE_PERIOD_EXPIRED, SUPPLEMENT_PERIOD_EXPIRED); pages say so.

export interface DeemedOutcome {
  kind: "accepted" | "abandoned";
  /** The day the period ended: Art. 30(3) deems acceptance "自期限届满之日起"; for Art. 31(2), the last day to supplement. */
  periodEndedOn: string | null;
  /** The day the system recorded it in the file (Art. 31(2): "记录在案"). */
  recordedOn: string | null;
  basis: string;
}

export interface RecordedCaseEvent {
  action: string;
  payload: unknown;
  /** Shanghai date of the event. */
  on: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoOrNull = (v: unknown) => (typeof v === "string" && ISO_DATE.test(v) ? v : null);

/**
 * How the acceptance review ended when nobody decided in time: deemed accepted (T8-deemed, Art. 30(3)) — shown for the
 * rest of the case, since it fixes the acceptance date — or deemed abandoned (T6, Art. 31(2)). Null otherwise.
 */
export function deemedOutcome(c: { state: string; data: unknown }, events: readonly RecordedCaseEvent[]): DeemedOutcome | null {
  const data = (c.data ?? {}) as { deemedAccepted?: unknown; acceptedAt?: unknown };
  if (data.deemedAccepted === true) {
    const event = events.find((e) => e.action === "reconsideration.T8-deemed");
    return { kind: "accepted", periodEndedOn: isoOrNull(data.acceptedAt), recordedOn: event?.on ?? null, basis: DEEMED_ACCEPTANCE_BASIS };
  }
  if (c.state === "ABANDONED") {
    const event = events.find((e) => e.action === "reconsideration.T6");
    const log = (event?.payload as { deadlines?: unknown } | undefined)?.deadlines;
    const supplement = Array.isArray(log) ? (log as { kind?: unknown; due?: unknown }[]).find((d) => d?.kind === "supplement") : undefined;
    return { kind: "abandoned", periodEndedOn: isoOrNull(supplement?.due), recordedOn: event?.on ?? null, basis: DEEMED_ABANDONMENT_BASIS };
  }
  return null;
}
