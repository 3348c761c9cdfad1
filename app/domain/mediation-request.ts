// The administrative mediation request (行政调解申请, DOMAIN.md §12.A, §16): filed online, it lands in the dispute
// center (矛盾纠纷多元化解中心) queue of the citizen's 旗县 or 盟市. Mediation is voluntary and free (12.03): the
// citizen's consent is part of the request; the other party is asked separately (12.22). Error messages are i18n keys.
// zod/mini (same package, functional API): the schema is loaded by the citizen's filing page, which ships no classic zod.
import * as z from "zod/mini";
import { normalizePhone } from "./account";
import { noControlChars } from "./text";
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
  z
    .string({ error: requiredKey })
    .check(z.trim(), z.minLength(1, requiredKey), z.maxLength(max, "errors.textTooLong"), z.refine(noControlChars, "errors.textInvalid"));
const optionalText = (max: number) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, "errors.textTooLong"), z.refine(noControlChars, "errors.textInvalid"))),
    z.transform((v: string | undefined) => (v ? v : undefined)),
  );

export const MediationRequestSchema = z.strictObject({
  category: z.enum(mediationCategories, { error: "errors.categoryRequired" }),
  /** Division code of the 旗县 (6 digits, not ending 00) or 盟市 (ending 00) whose center receives the request. */
  divisionCode: z.string({ error: "errors.divisionRequired" }).check(z.regex(/^15\d{4}$/, "errors.divisionRequired")),
  applicantName: text("errors.nameRequired", 50),
  applicantPhone: z.pipe(
    z.string({ error: "errors.phoneRequired" }).check(z.trim(), z.minLength(1, "errors.phoneRequired"), z.maxLength(30, "errors.phoneInvalid")),
    z.transform((v: string, ctx) => {
      const p = normalizePhone(v);
      if (p) return p;
      ctx.issues.push({ code: "custom", message: "errors.phoneInvalid", input: v });
      return z.NEVER;
    }),
  ),
  otherPartyKind: z.enum(["person", "organisation"], { error: "errors.otherPartyKindRequired" }),
  otherPartyName: text("errors.otherPartyNameRequired", 100),
  otherPartyContact: optionalText(200),
  happened: text("errors.happenedRequired", 5000),
  wantedOutcome: text("errors.wantedOutcomeRequired", 2000),
  consent: z.literal("yes", { error: "errors.mediationConsentRequired" }),
  electronicServiceConsent: z.enum(["yes", "no"], { error: "errors.answerRequired" }),
  submissionKey: z.string({ error: "errors.badRequest" }).check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, "errors.badRequest")),
});
export type MediationRequest = z.output<typeof MediationRequestSchema>;
