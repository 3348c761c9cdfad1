// The intake API's contract (app/domain/intake.ts): the request schema and its per-field error keys, the canonical JSON
// behind idempotency, the mapping onto the center's mediation entry, and which paths skip the same-origin check.
import { describe, expect, it } from "vitest";
import { canonicalJson, centerFieldToApiField, IntakeRequestSchema, intakeFieldErrors, toCenterInput } from "~/domain/intake";
import { MediationRequestSchema } from "~/domain/mediation-request";
import { submitChannel } from "~/domain/triage";
import { isKeyAuthenticatedApiPath } from "~/utils/api-paths.server";

const valid = {
  externalRef: "12345-2026-000017",
  channel: "hotline_12345",
  category: "consumer_rights",
  parties: { applicant: { name: " 王五 ", phone: "138 0013 8002" }, otherParty: { kind: "organisation", name: "某商场", contact: "" } },
  description: "购买的商品有质量问题。",
  wantedOutcome: "退货",
  consent: true,
};

describe("the intake request schema", () => {
  it("accepts a complete item, normalising as the online mediation request does (names trimmed, phone digits)", () => {
    const r = IntakeRequestSchema.parse(valid);
    expect(r.parties.applicant).toEqual({ name: "王五", phone: "13800138002" });
    expect(r.parties.otherParty.contact).toBeUndefined();
  });

  it("names each bad field by its path with a message key; unknown fields one by one", () => {
    const input = { ...valid, externalRef: "a/b", consent: "yes", parties: { ...valid.parties, witness: {} }, status: "CLOSED" };
    const r = IntakeRequestSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(intakeFieldErrors(r.error!, input)).toEqual({
      externalRef: "intake.errors.externalRef",
      consent: "errors.mediationConsentRequired",
      "parties.witness": "intake.errors.unknownField",
      status: "intake.errors.unknownField",
    });
  });

  it("a missing field is 'required', a wrong type without a message of ours 'invalid'", () => {
    const input = { ...valid, description: undefined, parties: { applicant: { name: "王五", phone: 138 }, otherParty: valid.parties.otherParty } };
    const r = IntakeRequestSchema.safeParse(input);
    expect(intakeFieldErrors(r.error!, input)).toEqual({ description: "errors.happenedRequired", "parties.applicant.phone": "errors.phoneRequired" });
    const r2 = IntakeRequestSchema.safeParse([]);
    expect(intakeFieldErrors(r2.error!, [])).toEqual({ _body: "intake.errors.invalid" });
    const noParties = { ...valid, parties: undefined, category: 7 };
    expect(intakeFieldErrors(IntakeRequestSchema.safeParse(noParties).error!, noParties)).toEqual({ parties: "intake.errors.parties", category: "errors.categoryRequired" });
  });

  it("an item becomes exactly the center's mediation entry, which accepts it (DOMAIN.md 12.03: consent given)", () => {
    const input = toCenterInput(IntakeRequestSchema.parse(valid));
    const parsed = MediationRequestSchema.safeParse({ ...input, divisionCode: "150100", electronicServiceConsent: "no", submissionKey: "api_0123456789abcdef" });
    expect(parsed.success).toBe(true);
    // every field of the entry maps back to a field of the API (for its errors)
    for (const field of Object.keys(input)) expect(centerFieldToApiField[field], field).toBeDefined();
  });
});

describe("canonical JSON (the body hash of idempotency)", () => {
  it("does not depend on key order at any depth, and leaves out undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: "中" }, u: undefined })).toBe('{"a":{"c":"中","d":[2,{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: "1" }));
  });
});

describe("sources", () => {
  it("a national platform item was filed online there: the machines' channel is online", () => {
    expect(submitChannel("mediation", "national_platform")).toBe("online");
    expect(submitChannel("reconsideration", "national_platform")).toBe("online");
  });

  it("only the exact intake POST path skips the same-origin check for forms", () => {
    expect(isKeyAuthenticatedApiPath("/api/v1/intake")).toBe(true);
    expect(isKeyAuthenticatedApiPath("/api/v1/intake/../../center/new")).toBe(false);
    expect(isKeyAuthenticatedApiPath("/api/v1/intakes")).toBe(false);
    expect(isKeyAuthenticatedApiPath("/api/v1/deadlines")).toBe(false);
    expect(isKeyAuthenticatedApiPath("/center/new")).toBe(false);
  });
});
