// Accounts: registration, password login with lockout, TOTP enrolment and verification, logout, password change.
// Each use case runs in one transaction and records an audit event (never with the password, phone or e-mail).
import { createHmac, timingSafeEqual } from "node:crypto";
import { generateTOTP, getTOTPAuthUri } from "@epic-web/totp";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { getDb, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { loginFailures, users } from "../../db/schema/index";
import { lockoutDecision, LOCKOUT, parseIdentifier, type ChangePasswordInput, type RegisterInput } from "~/domain/account";
import { getDummyHash, hashPassword, verifyPassword } from "./password.server";
import { createSession, loadUser, revokeSession, revokeUserSessions, type CurrentUser } from "./session.server";

export const TOTP_OPTIONS = { algorithm: "SHA-1", digits: 6, period: 30 } as const;
export const TOTP_ISSUER = "内蒙古行政复议调解平台";

interface Ctx {
  now: Date;
  requestId?: string;
  userAgent?: string | null;
}

export type RegisterResult = { ok: true; setCookie: string; userId: string } | { ok: false; field: "identifier"; error: string };

export async function registerCitizen(input: RegisterInput, ctx: Ctx & { previousSessionId?: string | null }): Promise<RegisterResult> {
  const id = parseIdentifier(input.identifier);
  if (!id) return { ok: false, field: "identifier", error: "errors.identifierInvalid" };
  const passwordHash = await hashPassword(input.password);
  return getDb().transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({
        displayName: input.displayName,
        passwordHash,
        ...(id.kind === "phone" ? { phone: id.value } : { email: id.value }),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (inserted.length === 0) return { ok: false, field: "identifier", error: "errors.identifierTaken" } as const;
    const userId = inserted[0].id;
    if (ctx.previousSessionId) await revokeSession(tx, ctx.previousSessionId, ctx.now);
    const user = (await loadUser(tx, userId))!;
    const session = await createSession(tx, { user, twoFactorDone: true, now: ctx.now, userAgent: ctx.userAgent });
    await recordEvent(tx, {
      actorId: userId,
      action: "account.registered",
      subjectType: "user",
      subjectId: userId,
      payload: { via: id.kind },
      requestId: ctx.requestId,
      occurredAt: ctx.now,
    });
    return { ok: true, setCookie: session.setCookie, userId } as const;
  });
}

/**
 * Records a failed login step and applies LOCKOUT (five failures within 15 minutes lock the account for 15 minutes).
 * Returns true when this failure locked the account. The caller holds the user row's lock.
 */
async function recordLoginFailure(tx: Tx, userId: string, alreadyLocked: boolean, action: string, ctx: Ctx): Promise<boolean> {
  await tx.insert(loginFailures).values({ userId, at: ctx.now });
  const windowStart = new Date(ctx.now.getTime() - LOCKOUT.windowMinutes * 60_000);
  const recent = await tx
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.userId, userId), gt(loginFailures.at, windowStart)))
    .orderBy(desc(loginFailures.at))
    .limit(LOCKOUT.maxFailures * 2);
  const decision = lockoutDecision(
    recent.map((r) => r.at),
    ctx.now,
  );
  const newlyLocked = decision.lockedUntil !== null && !alreadyLocked;
  if (newlyLocked) await tx.update(users).set({ lockedUntil: decision.lockedUntil }).where(eq(users.id, userId));
  await recordEvent(tx, {
    actorId: null,
    action: newlyLocked ? "auth.locked" : action,
    subjectType: "user",
    subjectId: userId,
    payload: newlyLocked ? { lockedUntil: decision.lockedUntil!.toISOString(), failures: recent.length } : { locked: alreadyLocked },
    requestId: ctx.requestId,
    occurredAt: ctx.now,
  });
  return newlyLocked;
}

export type LoginResult =
  | { ok: true; setCookie: string; next: "done" | "two-factor" | "enrol"; user: CurrentUser }
  | { ok: false; error: "errors.loginFailed" };

/**
 * Password step. Unknown account, wrong password and locked account get the same answer (errors.loginFailed).
 * LOCKOUT: five failures within 15 minutes lock the account for 15 minutes. The previous session is revoked (rotation).
 */
export async function logIn(
  input: { identifier: string; password: string },
  ctx: Ctx & { previousSessionId?: string | null },
): Promise<LoginResult> {
  const id = parseIdentifier(input.identifier);
  const db = getDb();
  const [account] = id
    ? await db
        .select({ id: users.id, passwordHash: users.passwordHash, lockedUntil: users.lockedUntil, disabled: users.disabled })
        .from(users)
        .where(id.kind === "phone" ? eq(users.phone, id.value) : eq(users.email, id.value))
    : [];
  if (!account) {
    await verifyPassword(await getDummyHash(), input.password); // same work as for a real account
    return { ok: false, error: "errors.loginFailed" };
  }
  const passwordOk = await verifyPassword(account.passwordHash, input.password);
  const locked = account.lockedUntil !== null && account.lockedUntil > ctx.now;
  if (!passwordOk || locked || account.disabled) {
    await db.transaction(async (tx) => {
      // serialise failures of one account so that concurrent attempts count correctly
      await tx.select({ id: users.id }).from(users).where(eq(users.id, account.id)).for("update");
      await recordLoginFailure(tx, account.id, locked, "auth.login_failed", ctx);
    });
    return { ok: false, error: "errors.loginFailed" };
  }
  return db.transaction(async (tx) => {
    await tx.delete(loginFailures).where(eq(loginFailures.userId, account.id));
    await tx.update(users).set({ lockedUntil: null }).where(eq(users.id, account.id));
    if (ctx.previousSessionId) await revokeSession(tx, ctx.previousSessionId, ctx.now);
    const user = (await loadUser(tx, account.id))!;
    const twoFactorDone = !user.requiresTwoFactor;
    const session = await createSession(tx, { user, twoFactorDone, now: ctx.now, userAgent: ctx.userAgent });
    await recordEvent(tx, {
      actorId: account.id,
      action: twoFactorDone ? "auth.logged_in" : "auth.password_verified",
      subjectType: "session",
      subjectId: session.id,
      payload: {},
      requestId: ctx.requestId,
      occurredAt: ctx.now,
    });
    const next = twoFactorDone ? "done" : user.totpEnrolled ? "two-factor" : "enrol";
    return { ok: true, setCookie: session.setCookie, next, user } as const;
  });
}

export async function logOut(sessionId: string, userId: string, ctx: Ctx): Promise<void> {
  await getDb().transaction(async (tx) => {
    await revokeSession(tx, sessionId, ctx.now);
    await recordEvent(tx, {
      actorId: userId,
      action: "auth.logged_out",
      subjectType: "session",
      subjectId: sessionId,
      requestId: ctx.requestId,
      occurredAt: ctx.now,
    });
  });
}

export type ChangePasswordResult = { ok: true; setCookie: string } | { ok: false; field: "currentPassword"; error: string };

/** Changes the password, ends every other session of the user and rotates the current one. */
export async function changePassword(
  userId: string,
  sessionId: string,
  input: ChangePasswordInput,
  ctx: Ctx,
): Promise<ChangePasswordResult> {
  const db = getDb();
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword", error: "errors.currentPasswordWrong" };
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: ctx.now }).where(eq(users.id, userId));
    await revokeUserSessions(tx, userId, ctx.now);
    const user = (await loadUser(tx, userId))!;
    const session = await createSession(tx, { user, twoFactorDone: true, now: ctx.now, userAgent: ctx.userAgent });
    await recordEvent(tx, {
      actorId: userId,
      action: "account.password_changed",
      subjectType: "user",
      subjectId: userId,
      requestId: ctx.requestId,
      occurredAt: ctx.now,
    });
    void sessionId;
    return { ok: true, setCookie: session.setCookie } as const;
  });
}

/**
 * The pending secret for enrolment: created once and kept on the user row (totp_enabled_at still null) until a first
 * code confirms it, so reloading the page shows the same secret and the secret never travels back from the browser.
 */
export async function startTotpEnrolment(userId: string): Promise<string | null> {
  const db = getDb();
  const [row] = await db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!row || row.enabledAt) return null;
  if (row.secret) return row.secret;
  const { secret } = await generateTOTP(TOTP_OPTIONS);
  const [updated] = await db
    .update(users)
    .set({ totpSecret: secret })
    .where(and(eq(users.id, userId), sql`${users.totpSecret} is null`))
    .returning({ secret: users.totpSecret });
  if (updated?.secret) return updated.secret;
  const [again] = await db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId));
  return again?.secret ?? null;
}

export function totpUri(secret: string, accountName: string): string {
  return getTOTPAuthUri({ ...TOTP_OPTIONS, secret, accountName, issuer: TOTP_ISSUER });
}

/** RFC 4226 HOTP for one TOTP time step (SHA-1, 6 digits), computed from the base32 secret. */
export function totpCodeAt(secret: string, step: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const key: number[] = [];
  for (const ch of secret.replace(/=+$/, "").toUpperCase()) {
    const i = alphabet.indexOf(ch);
    if (i < 0) return "";
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      key.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", Buffer.from(key)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const n = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(n % 1_000_000).padStart(6, "0");
}

/**
 * The time step a code belongs to (one step of drift either side), or null when it is wrong. Every step is derived
 * from the one `now`, so a code is never judged against two clocks. A step already used is refused (no replay).
 */
function acceptCode(secret: string, code: string, lastStep: number | null, now: Date): number | null {
  const current = Math.floor(now.getTime() / 1000 / TOTP_OPTIONS.period);
  for (const step of [current - 1, current, current + 1]) {
    if (lastStep !== null && step <= lastStep) continue;
    const expected = totpCodeAt(secret, step);
    if (expected.length === code.length && timingSafeEqual(Buffer.from(expected), Buffer.from(code))) return step;
  }
  return null;
}

export type TwoFactorResult = { ok: true; setCookie: string } | { ok: false; error: "errors.codeWrong" | "errors.sessionExpired" };

/** Confirms enrolment with a first code, stores the secret and completes the login with a rotated session. */
export async function confirmTotpEnrolment(
  args: { userId: string; sessionId: string; code: string },
  ctx: Ctx,
): Promise<TwoFactorResult> {
  const db = getDb();
  const [row] = await db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, args.userId));
  if (!row?.secret || row.enabledAt) return { ok: false, error: "errors.codeWrong" };
  const step = acceptCode(row.secret, args.code, null, ctx.now);
  if (step === null) return { ok: false, error: "errors.codeWrong" };
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ totpEnabledAt: ctx.now, totpLastStep: step, updatedAt: ctx.now })
      .where(and(eq(users.id, args.userId), sql`${users.totpEnabledAt} is null`))
      .returning({ id: users.id });
    if (updated.length === 0) return { ok: false, error: "errors.codeWrong" } as const;
    await revokeSession(tx, args.sessionId, ctx.now);
    const user = (await loadUser(tx, args.userId))!;
    const session = await createSession(tx, { user, twoFactorDone: true, now: ctx.now, userAgent: ctx.userAgent });
    await recordEvent(tx, {
      actorId: args.userId,
      action: "auth.totp_enrolled",
      subjectType: "user",
      subjectId: args.userId,
      requestId: ctx.requestId,
      occurredAt: ctx.now,
    });
    return { ok: true, setCookie: session.setCookie } as const;
  });
}

/** The TOTP step of a login. Wrong codes count as failed logins for the lockout rule. */
export async function verifyTwoFactor(args: { userId: string; sessionId: string; code: string }, ctx: Ctx): Promise<TwoFactorResult> {
  const db = getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep, lockedUntil: users.lockedUntil })
      .from(users)
      .where(eq(users.id, args.userId))
      .for("update");
    if (!row?.secret || !row.enabledAt) return { ok: false, error: "errors.codeWrong" } as const;
    const locked = row.lockedUntil !== null && row.lockedUntil > ctx.now;
    const step = locked ? null : acceptCode(row.secret, args.code, row.lastStep, ctx.now);
    if (step === null) {
      const newlyLocked = await recordLoginFailure(tx, args.userId, locked, "auth.totp_failed", ctx);
      if (newlyLocked || locked) await revokeSession(tx, args.sessionId, ctx.now);
      return { ok: false, error: newlyLocked || locked ? "errors.sessionExpired" : "errors.codeWrong" } as const;
    }
    await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, args.userId));
    await tx.delete(loginFailures).where(eq(loginFailures.userId, args.userId));
    await revokeSession(tx, args.sessionId, ctx.now);
    const user = (await loadUser(tx, args.userId))!;
    const session = await createSession(tx, { user, twoFactorDone: true, now: ctx.now, userAgent: ctx.userAgent });
    await recordEvent(tx, {
      actorId: args.userId,
      action: "auth.logged_in",
      subjectType: "session",
      subjectId: session.id,
      payload: { twoFactor: true },
      requestId: ctx.requestId,
      occurredAt: ctx.now,
    });
    return { ok: true, setCookie: session.setCookie } as const;
  });
}
