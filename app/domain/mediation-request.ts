// The administrative mediation request (行政调解申请, DOMAIN.md §12.A, §16): filed online, it lands in the dispute
// center (矛盾纠纷多元化解中心) queue of the citizen's 旗县 or 盟市. Mediation is voluntary and free (12.03): the
// citizen's consent is part of the request; the other party is asked separately (12.22). Error messages are i18n keys.
import { z } from "zod";
import { normalizePhone } from "./account";
import { noControlChars } from "./application";
import "~/locales/areas/apply";

export const mediationCategories = [
  "consumer_rights",
  "traffic_accident",
  "public_security",
  "environmental_pollution",
  "social_security",
  "house_expropriation",
  "intellectual_property",
  "rural_land_contracting",
  "other",
] as const;
export type MediationCategory = (typeof mediationCategories)[number];

const text = (requiredKey: string, max: number) =>
  z.string({ error: requiredKey }).trim().min(1, requiredKey).max(max, "errors.textTooLong").refine(noControlChars, "errors.textInvalid");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.textTooLong")
    .refine(noControlChars, "errors.textInvalid")
    .optional()
    .transform((v) => (v ? v : undefined));

export const MediationRequestSchema = z
  .object({
    category: z.enum(mediationCategories, { error: "errors.categoryRequired" }),
    /** Division code of the 旗县 (6 digits, not ending 00) or 盟市 (ending 00) whose center receives the request. */
    divisionCode: z.string({ error: "errors.divisionRequired" }).regex(/^15\d{4}$/, "errors.divisionRequired"),
    applicantName: text("errors.nameRequired", 50),
    applicantPhone: z
      .string({ error: "errors.phoneRequired" })
      .trim()
      .min(1, "errors.phoneRequired")
      .max(30, "errors.phoneInvalid")
      .transform((v, ctx) => {
        const p = normalizePhone(v);
        if (p) return p;
        ctx.issues.push({ code: "custom", message: "errors.phoneInvalid", input: v });
        return z.NEVER;
      }),
    otherPartyKind: z.enum(["person", "organisation"], { error: "errors.otherPartyKindRequired" }),
    otherPartyName: text("errors.otherPartyNameRequired", 100),
    otherPartyContact: optionalText(200),
    happened: text("errors.happenedRequired", 5000),
    wantedOutcome: text("errors.wantedOutcomeRequired", 2000),
    consent: z.literal("yes", { error: "errors.mediationConsentRequired" }),
    electronicServiceConsent: z.enum(["yes", "no"], { error: "errors.answerRequired" }),
    submissionKey: z.string({ error: "errors.badRequest" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "errors.badRequest"),
  })
  .strict();
export type MediationRequest = z.output<typeof MediationRequestSchema>;
