// Masks personal data and secrets in text that leaves the process (log lines, error reports).
// ID numbers (GB 11643, 18 characters), mainland mobile numbers, e-mail addresses, and anything that looks like a token.

const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// The token of a mediation invitation link (/mediation/invite/<token>): the access log records request paths.
const INVITATION_LINK = /(\/mediation\/invite\/)[A-Za-z0-9_-]{8,}/g;
const SECRET_KEYS = /pass(word)?|token|secret|^otp$|^code$|cookie|authorization|csrf|idnumber|phone|mobile|email/i;

export function redactText(text: string): string {
  return text.replace(INVITATION_LINK, "$1[令牌已隐藏]").replace(ID_NUMBER, "[身份证号已隐藏]").replace(MOBILE, "[手机号已隐藏]").replace(EMAIL, "[邮箱已隐藏]");
}

/** Deep copy of a log object with secret-named keys removed and personal data masked in every string. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), stack: value.stack ? redactText(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEYS.test(k) ? "[redacted]" : redactValue(v, depth + 1);
  }
  return out;
}
