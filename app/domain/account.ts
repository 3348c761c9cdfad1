// Account forms: one zod schema per form, used by react-hook-form on the client and by the action on the server.
// Error messages are i18n keys (app/locales), translated where they are shown. zod/mini (the functional API of the
// same package) keeps the classic zod out of the pages that load this module (the filing pages reach normalizePhone).
import * as z from "zod/mini";
import { isCommonPassword } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Mainland mobile number after removing spaces, dashes and a +86 prefix. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export type Identifier = { kind: "phone"; value: string } | { kind: "email"; value: string };

/** A login identifier is a mobile number or an e-mail address. */
export function parseIdentifier(input: string): Identifier | null {
  const trimmed = input.trim();
  const phone = normalizePhone(trimmed);
  if (phone) return { kind: "phone", value: phone };
  const email = z.email().safeParse(trimmed.toLowerCase());
  return email.success ? { kind: "email", value: email.data } : null;
}

const identifier = z.string({ error: "errors.identifierRequired" }).check(
  z.trim(),
  z.minLength(1, "errors.identifierRequired"),
  z.maxLength(254, "errors.identifierInvalid"),
  z.refine((v) => parseIdentifier(v) !== null, "errors.identifierInvalid"),
);

const newPassword = z.string({ error: "errors.passwordRequired" }).check(
  z.minLength(PASSWORD_MIN_LENGTH, "errors.passwordTooShort"),
  z.maxLength(PASSWORD_MAX_LENGTH, "errors.passwordTooLong"),
  z.refine((v) => !isCommonPassword(v), "errors.passwordCommon"),
);

export const RegisterSchema = z
  .object({
    displayName: z
      .string({ error: "errors.nameRequired" })
      .check(z.trim(), z.minLength(1, "errors.nameRequired"), z.maxLength(50, "errors.nameTooLong")),
    identifier,
    password: newPassword,
    confirmPassword: z.string({ error: "errors.confirmRequired" }).check(z.minLength(1, "errors.confirmRequired")),
  })
  .check(z.refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" }));
export type RegisterInput = z.infer<typeof RegisterSchema>;

export const LoginSchema = z.object({
  identifier,
  password: z
    .string({ error: "errors.passwordRequired" })
    .check(z.minLength(1, "errors.passwordRequired"), z.maxLength(PASSWORD_MAX_LENGTH, "errors.loginFailed")),
  redirectTo: z.optional(z.string().check(z.maxLength(500))),
});
export type LoginInput = z.infer<typeof LoginSchema>;

export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "errors.passwordRequired" })
      .check(z.minLength(1, "errors.passwordRequired"), z.maxLength(PASSWORD_MAX_LENGTH)),
    newPassword,
    confirmPassword: z.string({ error: "errors.confirmRequired" }).check(z.minLength(1, "errors.confirmRequired")),
  })
  .check(
    z.refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" }),
    z.refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "errors.passwordUnchanged" }),
  );
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

export const TotpCodeSchema = z.object({
  code: z.pipe(
    z.pipe(
      z.string({ error: "errors.codeRequired" }),
      z.transform((v: string) => v.replace(/\s/g, "")),
    ),
    z.string().check(z.regex(/^\d{6}$/, "errors.codeInvalid")),
  ),
});

/** Lockout rule: five failed logins on one account within 15 minutes lock it for 15 minutes. */
export const LOCKOUT = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 } as const;

/** Session rule: idle timeout by kind of user, absolute lifetime for all (session-limits.ts, which root.tsx reads without this module). */
export { SESSION_LIMITS } from "./session-limits";

export function lockoutDecision(failureTimes: readonly Date[], now: Date): { lockedUntil: Date | null } {
  const windowStart = now.getTime() - LOCKOUT.windowMinutes * 60_000;
  const recent = failureTimes.filter((t) => t.getTime() > windowStart && t.getTime() <= now.getTime());
  return { lockedUntil: recent.length >= LOCKOUT.maxFailures ? new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000) : null };
}

/** Only same-origin paths: "/x" but never "//host", "/\\host" or "https://…". */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  try {
    const url = new URL(to, "http://local.invalid");
    if (url.origin !== "http://local.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
