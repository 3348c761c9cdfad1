// The administrative mediation request (行政调解申请, DOMAIN.md §12.A, §16): it goes to the dispute center of a 旗县 or
// 盟市; mediation is voluntary (12.03), so the citizen's consent is part of the request. Every bad input is refused with
// the i18n key shown next to its field; unknown fields are refused outright.
import { describe, expect, it } from "vitest";
import { mediationCategories, MediationRequestSchema } from "~/domain/mediation-request";

const good = (over: Record<string, unknown> = {}) => ({
  category: "consumer_rights",
  divisionCode: "150102",
  applicantName: "其其格",
  applicantPhone: "+86 138-0000-0002",
  otherPartyKind: "organisation",
  otherPartyName: "某某商贸有限公司",
  otherPartyContact: "",
  happened: "在该公司购买的冰箱不制冷，\n多次联系未果。",
  wantedOutcome: "退货退款",
  consent: "yes",
  electronicServiceConsent: "no",
  submissionKey: "mediation_key_0123",
  ...over,
});

const errorsOf = (input: unknown) => {
  const r = MediationRequestSchema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join(".") || "_form", i.message]));
};

describe("MediationRequestSchema", () => {
  it("accepts a request and normalises it (phone without +86 and dashes, blanks trimmed, empty optional text dropped)", () => {
    expect(MediationRequestSchema.parse(good({ applicantName: "  其其格 " }))).toEqual({
      category: "consumer_rights",
      divisionCode: "150102",
      applicantName: "其其格",
      applicantPhone: "13800000002",
      otherPartyKind: "organisation",
      otherPartyName: "某某商贸有限公司",
      otherPartyContact: undefined,
      happened: "在该公司购买的冰箱不制冷，\n多次联系未果。",
      wantedOutcome: "退货退款",
      consent: "yes",
      electronicServiceConsent: "no",
      submissionKey: "mediation_key_0123",
    });
  });
  it.each(mediationCategories)("accepts the category %s", (category) => {
    expect(errorsOf(good({ category }))).toEqual({});
  });
  it.each(["150100", "152921", "150102"])("accepts the 盟市 or 旗县 division %s", (divisionCode) => {
    expect(errorsOf(good({ divisionCode }))).toEqual({});
  });

  it.each([
    ["no consent: mediation is voluntary (DOMAIN.md 12.03)", { consent: "no" }, { consent: "errors.mediationConsentRequired" }],
    ["consent missing", { consent: undefined }, { consent: "errors.mediationConsentRequired" }],
    ["consent as a checkbox 'on' is not the explicit yes", { consent: "on" }, { consent: "errors.mediationConsentRequired" }],
    ["unknown category", { category: "divorce" }, { category: "errors.categoryRequired" }],
    ["category missing", { category: undefined }, { category: "errors.categoryRequired" }],
    ["division outside Inner Mongolia", { divisionCode: "110105" }, { divisionCode: "errors.divisionRequired" }],
    ["division not six digits", { divisionCode: "15010" }, { divisionCode: "errors.divisionRequired" }],
    ["division with injected text", { divisionCode: "150102' OR 1=1" }, { divisionCode: "errors.divisionRequired" }],
    ["name blank", { applicantName: "  " }, { applicantName: "errors.nameRequired" }],
    ["name too long", { applicantName: "名".repeat(51) }, { applicantName: "errors.textTooLong" }],
    ["NUL byte in the name", { applicantName: "其其\u0000格" }, { applicantName: "errors.textInvalid" }],
    ["NUL byte in what happened", { happened: "冰箱\u0000" }, { happened: "errors.textInvalid" }],
    ["control character in the optional contact", { otherPartyContact: "电话\u0007" }, { otherPartyContact: "errors.textInvalid" }],
    ["phone missing", { applicantPhone: "" }, { applicantPhone: "errors.phoneRequired" }],
    ["phone not a mobile number", { applicantPhone: "0471-6612345" }, { applicantPhone: "errors.phoneInvalid" }],
    ["phone absurdly long", { applicantPhone: "1".repeat(31) }, { applicantPhone: "errors.phoneInvalid" }],
    ["other party kind unknown", { otherPartyKind: "government" }, { otherPartyKind: "errors.otherPartyKindRequired" }],
    ["other party name missing", { otherPartyName: "" }, { otherPartyName: "errors.otherPartyNameRequired" }],
    ["what happened missing", { happened: "" }, { happened: "errors.happenedRequired" }],
    ["what happened too long", { happened: "事".repeat(5001) }, { happened: "errors.textTooLong" }],
    ["wanted outcome missing", { wantedOutcome: undefined }, { wantedOutcome: "errors.wantedOutcomeRequired" }],
    ["electronic service not answered", { electronicServiceConsent: "" }, { electronicServiceConsent: "errors.answerRequired" }],
    ["submission key too short", { submissionKey: "abc" }, { submissionKey: "errors.badRequest" }],
    ["submission key with odd characters", { submissionKey: "mediation/key/0123456" }, { submissionKey: "errors.badRequest" }],
  ])("%s", (_label, over, errors) => {
    expect(errorsOf(good(over))).toEqual(errors);
  });

  it("refuses fields it does not know (strict): nothing extra is written", () => {
    const r = MediationRequestSchema.safeParse(good({ status: "resolved" }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["status"] });
  });
  it("reports every bad field at once", () => {
    expect(errorsOf({})).toEqual({
      category: "errors.categoryRequired",
      divisionCode: "errors.divisionRequired",
      applicantName: "errors.nameRequired",
      applicantPhone: "errors.phoneRequired",
      otherPartyKind: "errors.otherPartyKindRequired",
      otherPartyName: "errors.otherPartyNameRequired",
      happened: "errors.happenedRequired",
      wantedOutcome: "errors.wantedOutcomeRequired",
      consent: "errors.mediationConsentRequired",
      electronicServiceConsent: "errors.answerRequired",
      submissionKey: "errors.badRequest",
    });
  });
  it("refuses what is not an object", () => {
    expect(MediationRequestSchema.safeParse("category=consumer_rights").success).toBe(false);
    expect(MediationRequestSchema.safeParse(null).success).toBe(false);
  });
});
