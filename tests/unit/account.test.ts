import { describe, expect, it } from "vitest";
import {
  ChangePasswordSchema,
  LoginSchema,
  lockoutDecision,
  normalizePhone,
  parseIdentifier,
  RegisterSchema,
  safeRedirect,
  TotpCodeSchema,
} from "~/domain/account";
import { isCommonPassword } from "~/domain/common-passwords";

describe("login identifiers: a mainland mobile number or an e-mail address", () => {
  it.each([
    ["13912345678", "13912345678"],
    ["139 1234 5678", "13912345678"],
    ["+86 139-1234-5678", "13912345678"],
    ["8613912345678", "13912345678"],
  ])("normalises the mobile number %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
    expect(parseIdentifier(input)).toEqual({ kind: "phone", value: expected });
  });
  it.each(["12912345678", "1391234567", "139123456789", "abc"])("refuses %s as a mobile number", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
  it("lower-cases e-mail addresses", () => {
    expect(parseIdentifier(" Li.Ming@Example.COM ")).toEqual({ kind: "email", value: "li.ming@example.com" });
  });
  it("refuses what is neither", () => {
    expect(parseIdentifier("li.ming@")).toBeNull();
    expect(parseIdentifier("")).toBeNull();
  });
});

describe("password rules: at least 8 characters and not a common password", () => {
  const base = { displayName: "张三", identifier: "13912345678", confirmPassword: "" };
  const errorsOf = (password: string, confirmPassword = password) => {
    const r = RegisterSchema.safeParse({ ...base, password, confirmPassword });
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  it("accepts a strong password", () => expect(errorsOf("Grassland-Horse-42")).toEqual([]));
  it("refuses 7 characters", () => expect(errorsOf("Ab3$xyz")).toContain("errors.passwordTooShort"));
  it.each(["12345678", "password", "PASSWORD1", "woaini1314", "11111111", "qwertyuiop", "aaaaaaaaaa", "34567890"])(
    "refuses the common password %s",
    (pw) => expect(errorsOf(pw)).toContain("errors.passwordCommon"),
  );
  it("refuses a confirmation that differs", () => expect(errorsOf("Grassland-Horse-42", "Grassland-Horse-43")).toContain("errors.passwordMismatch"));
  it("refuses a missing name and a bad identifier", () => {
    const r = RegisterSchema.safeParse({ displayName: " ", identifier: "12", password: "Grassland-Horse-42", confirmPassword: "Grassland-Horse-42" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).sort()).toEqual(["errors.identifierInvalid", "errors.nameRequired"]);
  });
  it("a new password must differ from the current one", () => {
    const r = ChangePasswordSchema.safeParse({ currentPassword: "Grassland-Horse-42", newPassword: "Grassland-Horse-42", confirmPassword: "Grassland-Horse-42" });
    expect(r.error?.issues.map((i) => i.message)).toContain("errors.passwordUnchanged");
  });
  it("isCommonPassword is case-insensitive and catches digit runs", () => {
    expect(isCommonPassword("PassWord123")).toBe(true);
    expect(isCommonPassword("9876543210")).toBe(true);
    expect(isCommonPassword("Nmg-Demo-2026!")).toBe(false);
  });
  it("login needs both fields", () => {
    expect(LoginSchema.safeParse({ identifier: "13912345678", password: "" }).success).toBe(false);
  });
});

describe("TOTP codes are six digits", () => {
  it("strips spaces", () => expect(TotpCodeSchema.parse({ code: "123 456" })).toEqual({ code: "123456" }));
  it.each(["12345", "1234567", "abcdef", ""])("refuses %s", (code) => expect(TotpCodeSchema.safeParse({ code }).success).toBe(false));
});

describe("lockout: five failures within 15 minutes lock the account for 15 minutes", () => {
  const now = new Date("2026-11-28T10:00:00Z");
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  it("four failures do not lock", () => {
    expect(lockoutDecision([0, 1, 2, 3].map(minutesAgo), now).lockedUntil).toBeNull();
  });
  it("the fifth failure inside the window locks until now + 15 min", () => {
    expect(lockoutDecision([0, 1, 2, 3, 14].map(minutesAgo), now).lockedUntil).toEqual(new Date("2026-11-28T10:15:00Z"));
  });
  it("failures older than 15 minutes do not count", () => {
    expect(lockoutDecision([0, 1, 2, 3, 15, 16].map(minutesAgo), now).lockedUntil).toBeNull();
  });
});

describe("redirectTo is only ever same-origin", () => {
  it.each([
    ["/account", "/account"],
    ["/workspace?x=1#y", "/workspace?x=1#y"],
    ["https://evil.example/", "/"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x"],
    ["/\u0000x", "/"],
    [null, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirect(input as string | null)).toBe(expected);
  });
});
