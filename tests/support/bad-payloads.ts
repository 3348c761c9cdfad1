// The bad-payload generator of the filing actions (issue 4 req. 11; issue 8 req. 3, R6): deterministic (mulberry32,
// seeded by the payload's index, so a failure is reproduced from its number), shared by the in-process fuzz test
// (tests/integration/filing-fuzz.test.ts) and the reliability harness's HTTP run (tests/reliability/r6-bad-payloads.ts).
// Every payload carries at least one poison, so that it must be refused as a whole; the CSRF token is the caller's.
import { submissionKey, validDraftData } from "./filing-fixture";

// A small deterministic generator (mulberry32), so that a failure can be reproduced from its index.
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export const hostileValues = [
  "",
  " ",
  "<script>alert(1)</script>",
  "'; DROP TABLE cases; --",
  "\" OR 1=1 --",
  "a\u0000b",
  "\u0000",
  "\u0007bell",
  "\uFFFD\uFFFD",
  "x".repeat(10_001),
  "长".repeat(20_000),
  "[object Object]",
  "true",
  "-1",
  "1e309",
  "NaN",
  "2026-02-30",
  "9999-12-31",
  "../../etc/passwd",
  "{{7*7}}",
  "${7*7}",
  "\u202Eevil",
  "🙂".repeat(300),
];

/** Mutations that make any payload invalid; each generated payload carries at least one. */
export const poisons: ((v: Record<string, string>, r: () => number) => void)[] = [
  (v) => (v.status = "ACCEPTED"),
  (v) => (v.caseNumber = "FY2026-150100-00001"),
  (v) => (v.organId = "00000000-0000-0000-0000-000000000000"),
  (v) => (v.filedBy = "someone"),
  (v) => (v["__proto__.polluted"] = "yes"),
  (v) => (v["constructor.prototype.polluted"] = "yes"),
  (v, r) => {
    const keys = Object.keys(v).filter((k) => k !== "csrf" && k !== "intent");
    if (keys.length) v[keys[Math.floor(r() * keys.length)]] = "a\u0000b";
    else v.extra = "x";
  },
  (v, r) => {
    const keys = Object.keys(v).filter((k) => k !== "csrf" && k !== "intent");
    if (keys.length) v[keys[Math.floor(r() * keys.length)]] = "x".repeat(10_001);
    else v.extra = "x";
  },
  (v) => (v["applicants.0.admin"] = "true"),
  (v) => (v["a.b.c.d.e.f"] = "deep"),
];

/** Valid values per step as the form posts them (dotted names). */
export function flatten(prefix: string, value: unknown, out: Record<string, string>) {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(`${prefix}.${i}`, v, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  else if (value !== undefined) out[prefix] = String(value);
}

export const steps = ["applicants", "agents", "act", "requests", "review"] as const;

/** Payload `i` for a reconsideration draft step (the step is i mod 5; "review" is the final submit): the form fields
 *  with their intent, without the CSRF token. */
export function stepPayload(i: number, respondentId: string): { step: (typeof steps)[number]; body: Record<string, string> } {
  const r = rng(i + 1);
  const step = steps[i % steps.length];
  const data = validDraftData(respondentId) as Record<string, unknown>;
  const base: Record<string, string> = {};
  if (step === "review") Object.assign(base, { electronicServiceConsent: "yes", declaration: "yes", submissionKey: submissionKey() });
  else flatten("", data[step], base);
  // a few random hostile values on random fields (these alone may or may not be invalid) …
  const keys = Object.keys(base);
  const n = Math.floor(r() * 3);
  for (let k = 0; k < n && keys.length; k++) {
    const key = keys[Math.floor(r() * keys.length)];
    if (r() < 0.3) delete base[key];
    else base[key] = hostileValues[Math.floor(r() * hostileValues.length)];
  }
  // … and always one poison, so that the payload as a whole must be refused
  poisons[Math.floor(r() * poisons.length)](base, r);
  return { step, body: { ...base, intent: step === "review" ? "submit" : "next" } };
}

/** The valid mediation request the mediation payloads start from. */
export const validMediationFields: Record<string, string> = {
  category: "consumer_rights",
  divisionCode: "150102",
  applicantName: "张三",
  applicantPhone: "13800138000",
  otherPartyKind: "organisation",
  otherPartyName: "某公司",
  happened: "商品质量问题",
  wantedOutcome: "退货",
  consent: "yes",
  electronicServiceConsent: "yes",
};

/** Payload `i` for the mediation request (POST /apply/mediation), without the CSRF token. */
export function mediationPayload(i: number): Record<string, string> {
  const r = rng(10_000 + i);
  const body: Record<string, string> = { ...validMediationFields, submissionKey: submissionKey() };
  const keys = Object.keys(validMediationFields);
  for (let k = 0; k < Math.floor(r() * 3); k++) body[keys[Math.floor(r() * keys.length)]] = hostileValues[Math.floor(r() * hostileValues.length)];
  poisons[Math.floor(r() * poisons.length)](body, r);
  return body;
}
