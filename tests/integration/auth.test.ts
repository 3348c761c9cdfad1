// Accounts on a real database: registration, lockout (LOCKOUT), session expiry with an injected clock
// (SESSION_LIMITS), rotation at login, password change, TOTP enrolment and replay.
import { generateTOTP } from "@epic-web/totp";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, roleMemberships, sessions, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { verifyAuditChain } from "../../db/audit";
import { changePassword, confirmTotpEnrolment, logIn, registerCitizen, startTotpEnrolment, totpCodeAt, TOTP_OPTIONS, verifyTwoFactor } from "~/services/auth.server";
import { getSession, requireUser, sessionCookieName } from "~/services/session.server";
import { runInRequestScope } from "~/utils/request-scope.server";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
});
afterAll(() => setDatabase(undefined));

const T0 = new Date("2026-11-28T02:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const tokenOf = (setCookie: string) => setCookie.split(";")[0].split("=")[1];
const requestWith = (setCookie: string, path = "/account") =>
  new Request(`http://localhost${path}`, { headers: { cookie: `${sessionCookieName()}=${tokenOf(setCookie)}` } });
const PASSWORD = "Steppe-Wind-2026";

describe(`accounts (${engineName()})`, () => {
  it("registers a citizen with a mobile number and logs straight in; the hash is argon2id", async () => {
    const r = await registerCitizen({ displayName: "测试用户", identifier: "139 0000 1111", password: PASSWORD, confirmPassword: PASSWORD }, { now: T0 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [u] = await t.db.select().from(users).where(eq(users.id, r.userId));
    expect(u.phone).toBe("13900001111");
    expect(u.passwordHash).toMatch(/^\$argon2id\$/);
    expect(u.passwordHash).not.toContain(PASSWORD);
    const loaded = await getSession(requestWith(r.setCookie), { now: at(1) });
    expect(loaded?.user.displayName).toBe("测试用户");
    expect(loaded?.session.twoFactorDone).toBe(true);
  });

  it("refuses a second account with the same identifier and writes nothing", async () => {
    const before = await t.db.$count(users);
    const r = await registerCitizen({ displayName: "重复", identifier: "13900001111", password: PASSWORD, confirmPassword: PASSWORD }, { now: T0 });
    expect(r).toEqual({ ok: false, field: "identifier", error: "errors.identifierTaken" });
    expect(await t.db.$count(users)).toBe(before);
  });

  it("LOCKOUT: 5 failures in 15 min lock the account for 15 min; unknown and locked get the same answer", async () => {
    await registerCitizen({ displayName: "锁定测试", identifier: "lock@example.com", password: PASSWORD, confirmPassword: PASSWORD }, { now: T0 });
    const unknown = await logIn({ identifier: "nobody@example.com", password: PASSWORD }, { now: at(1) });
    for (let i = 0; i < 4; i++) {
      expect(await logIn({ identifier: "lock@example.com", password: "wrong-password" }, { now: at(1 + i) })).toEqual(unknown);
    }
    // four failures: the right password still works … then fails again after the fifth
    const ok = await logIn({ identifier: "lock@example.com", password: PASSWORD }, { now: at(5) });
    expect(ok.ok).toBe(true); // success clears the failures
    for (let i = 0; i < 5; i++) await logIn({ identifier: "lock@example.com", password: "wrong-password" }, { now: at(6 + i / 10) });
    const locked = await logIn({ identifier: "lock@example.com", password: PASSWORD }, { now: at(7) });
    expect(locked).toEqual(unknown);
    expect(await logIn({ identifier: "lock@example.com", password: PASSWORD }, { now: at(6.4 + 14.9) })).toEqual(unknown);
    const later = await logIn({ identifier: "lock@example.com", password: PASSWORD }, { now: at(6.4 + 15.1) });
    expect(later.ok).toBe(true);
    const events = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.action, "auth.locked"));
    expect(events.length).toBeGreaterThanOrEqual(1);
  });

  it("SESSION_LIMITS: a citizen's session ends after 30 idle minutes, a touch restarts the clock, 12 h is absolute", async () => {
    const r = await logIn({ identifier: "13900001111", password: PASSWORD }, { now: T0 });
    if (!r.ok) throw new Error("login failed");
    const req = () => requestWith(r.setCookie);
    expect(await getSession(req(), { now: at(29) })).not.toBeNull(); // touches
    expect(await getSession(req(), { now: at(29 + 29) })).not.toBeNull(); // 29 min after the touch
    expect(await getSession(req(), { now: at(58 + 31), touch: false })).toBeNull(); // 31 idle minutes
    const r2 = await logIn({ identifier: "13900001111", password: PASSWORD }, { now: T0 });
    if (!r2.ok) throw new Error("login failed");
    for (let m = 25; m < 12 * 60; m += 25) expect(await getSession(requestWith(r2.setCookie), { now: at(m) })).not.toBeNull();
    expect(await getSession(requestWith(r2.setCookie), { now: at(12 * 60 + 1) })).toBeNull();
  });

  it("SESSION_LIMITS: staff sessions idle out after 15 minutes", async () => {
    const r = await logIn({ identifier: "staff1@demo.nmg.example", password: "Nmg-Demo-2026!" }, { now: T0 });
    if (!r.ok) throw new Error("login failed");
    expect(r.next).toBe("enrol");
    expect(await getSession(requestWith(r.setCookie), { now: at(14), touch: false })).not.toBeNull();
    expect(await getSession(requestWith(r.setCookie), { now: at(16), touch: false })).toBeNull();
  });

  it("rotates the session at login: the old token stops working", async () => {
    const first = await logIn({ identifier: "13900001111", password: PASSWORD }, { now: T0 });
    if (!first.ok) throw new Error("login failed");
    const old = await getSession(requestWith(first.setCookie), { now: at(1) });
    const second = await logIn({ identifier: "13900001111", password: PASSWORD }, { now: at(2), previousSessionId: old!.session.id });
    if (!second.ok) throw new Error("login failed");
    expect(tokenOf(second.setCookie)).not.toBe(tokenOf(first.setCookie));
    expect(await getSession(requestWith(first.setCookie), { now: at(3) })).toBeNull();
    expect(await getSession(requestWith(second.setCookie), { now: at(3) })).not.toBeNull();
  });

  it("changing the password revokes every session of the user and checks the current password", async () => {
    const a = await logIn({ identifier: "13900001111", password: PASSWORD }, { now: T0 });
    const b = await logIn({ identifier: "13900001111", password: PASSWORD }, { now: T0 });
    if (!a.ok || !b.ok) throw new Error("login failed");
    const sa = (await getSession(requestWith(a.setCookie), { now: at(1) }))!;
    const wrong = await changePassword(sa.user.id, sa.session.id, { currentPassword: "nope-nope", newPassword: "Another-Strong-1", confirmPassword: "Another-Strong-1" }, { now: at(1) });
    expect(wrong.ok).toBe(false);
    const changed = await changePassword(sa.user.id, sa.session.id, { currentPassword: PASSWORD, newPassword: "Another-Strong-1", confirmPassword: "Another-Strong-1" }, { now: at(2) });
    if (!changed.ok) throw new Error("change failed");
    expect(await getSession(requestWith(a.setCookie), { now: at(3) })).toBeNull();
    expect(await getSession(requestWith(b.setCookie), { now: at(3) })).toBeNull();
    expect(await getSession(requestWith(changed.setCookie), { now: at(3) })).not.toBeNull();
    expect((await logIn({ identifier: "13900001111", password: PASSWORD }, { now: at(4) })).ok).toBe(false);
    expect((await logIn({ identifier: "13900001111", password: "Another-Strong-1" }, { now: at(4) })).ok).toBe(true);
  });

  it("staff get no session without TOTP: enrol, then every login needs a fresh code (no replay)", async () => {
    const now = new Date();
    const r = await logIn({ identifier: "staff2@demo.nmg.example", password: "Nmg-Demo-2026!" }, { now });
    if (!r.ok) throw new Error("login failed");
    expect(r.next).toBe("enrol");
    await expect(requireUser(requestWith(r.setCookie))).rejects.toMatchObject({ status: 302 });
    const pending = (await getSession(requestWith(r.setCookie)))!;
    expect(pending.session.twoFactorDone).toBe(false);
    const secret = (await startTotpEnrolment(pending.user.id))!;
    expect(await startTotpEnrolment(pending.user.id)).toBe(secret); // same secret on reload
    const bad = await confirmTotpEnrolment({ userId: pending.user.id, sessionId: pending.session.id, code: "000000" }, { now });
    expect(bad.ok).toBe(false);
    const { otp } = await generateTOTP({ ...TOTP_OPTIONS, secret });
    const enrolled = await confirmTotpEnrolment({ userId: pending.user.id, sessionId: pending.session.id, code: otp }, { now });
    if (!enrolled.ok) throw new Error("enrolment failed");
    const full = await requireUser(requestWith(enrolled.setCookie));
    expect(full.session.twoFactorDone).toBe(true);
    expect(await getSession(requestWith(r.setCookie))).toBeNull(); // the pending session was rotated away

    const again = await logIn({ identifier: "staff2@demo.nmg.example", password: "Nmg-Demo-2026!" }, { now });
    if (!again.ok) throw new Error("login failed");
    expect(again.next).toBe("two-factor");
    const p2 = (await getSession(requestWith(again.setCookie)))!;
    const replay = await verifyTwoFactor({ userId: p2.user.id, sessionId: p2.session.id, code: otp }, { now });
    expect(replay).toEqual({ ok: false, error: "errors.codeWrong" });
  });

  it("a staff member without memberships of a two-factor role (respondent agency) logs in with the password alone", async () => {
    const r = await logIn({ identifier: "agent@demo.nmg.example", password: "Nmg-Demo-2026!" }, { now: T0 });
    expect(r.ok && r.next).toBe("done");
    const [m] = await t.db.select({ role: roleMemberships.role }).from(roleMemberships).innerJoin(users, eq(users.id, roleMemberships.userId)).where(eq(users.email, "agent@demo.nmg.example"));
    expect(m.role).toBe("respondent_agent");
  });

  it("every step above is in the audit chain, which verifies, and no event payload holds a password or identifier", async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    const rows = await t.db.select({ payload: auditEvents.payload }).from(auditEvents);
    const text = JSON.stringify(rows);
    for (const secret of [PASSWORD, "Nmg-Demo-2026!", "13900001111", "lock@example.com"]) expect(text).not.toContain(secret);
    expect(await t.db.$count(sessions)).toBeGreaterThan(5);
  });

  it("TOTP with an injected clock: one step of drift either side, never two, never a used step (RFC 6238)", async () => {
    const secret = (await generateTOTP(TOTP_OPTIONS)).secret;
    const now = new Date();
    const step = Math.floor(now.getTime() / 30_000);
    // our HOTP agrees with the library for the current step
    const lib = await generateTOTP({ ...TOTP_OPTIONS, secret });
    if (Math.floor(Date.now() / 30_000) === step) expect(totpCodeAt(secret, step)).toBe(lib.otp);

    const r = await logIn({ identifier: "member3@demo.nmg.example", password: "Nmg-Demo-2026!" }, { now });
    if (!r.ok) throw new Error("login failed");
    const pending = (await getSession(requestWith(r.setCookie), { now }))!;
    const enrolSecret = (await startTotpEnrolment(pending.user.id))!;
    const tooLate = await confirmTotpEnrolment({ userId: pending.user.id, sessionId: pending.session.id, code: totpCodeAt(enrolSecret, step + 2) }, { now });
    expect(tooLate.ok).toBe(false);
    const enrolled = await confirmTotpEnrolment({ userId: pending.user.id, sessionId: pending.session.id, code: totpCodeAt(enrolSecret, step - 1) }, { now });
    expect(enrolled.ok).toBe(true);

    const again = await logIn({ identifier: "member3@demo.nmg.example", password: "Nmg-Demo-2026!" }, { now });
    if (!again.ok) throw new Error("login failed");
    const p2 = (await getSession(requestWith(again.setCookie), { now }))!;
    // step − 1 was used at enrolment: refused; step + 1 (the authenticator a little ahead) is accepted
    expect(await verifyTwoFactor({ userId: p2.user.id, sessionId: p2.session.id, code: totpCodeAt(enrolSecret, step - 1) }, { now })).toEqual({ ok: false, error: "errors.codeWrong" });
    expect((await verifyTwoFactor({ userId: p2.user.id, sessionId: p2.session.id, code: totpCodeAt(enrolSecret, step + 1) }, { now })).ok).toBe(true);
  });

  it("LOCKOUT counts wrong TOTP codes too: the fifth ends the pending session and locks the account", async () => {
    const now = new Date();
    const r = await logIn({ identifier: "member2@demo.nmg.example", password: "Nmg-Demo-2026!" }, { now });
    if (!r.ok) throw new Error("login failed");
    const pending = (await getSession(requestWith(r.setCookie), { now }))!;
    const secret = (await startTotpEnrolment(pending.user.id))!;
    const step = Math.floor(now.getTime() / 30_000);
    const enrolled = await confirmTotpEnrolment({ userId: pending.user.id, sessionId: pending.session.id, code: totpCodeAt(secret, step) }, { now });
    if (!enrolled.ok) throw new Error("enrolment failed");
    const again = await logIn({ identifier: "member2@demo.nmg.example", password: "Nmg-Demo-2026!" }, { now });
    if (!again.ok) throw new Error("login failed");
    const p2 = (await getSession(requestWith(again.setCookie), { now }))!;
    const wrong = totpCodeAt(secret, step + 5);
    for (let i = 0; i < 4; i++) {
      expect(await verifyTwoFactor({ userId: p2.user.id, sessionId: p2.session.id, code: wrong }, { now })).toEqual({ ok: false, error: "errors.codeWrong" });
    }
    expect(await verifyTwoFactor({ userId: p2.user.id, sessionId: p2.session.id, code: wrong }, { now })).toEqual({ ok: false, error: "errors.sessionExpired" });
    expect(await getSession(requestWith(again.setCookie), { now })).toBeNull();
    expect((await logIn({ identifier: "member2@demo.nmg.example", password: "Nmg-Demo-2026!" }, { now })).ok).toBe(false);
  });
});

describe(`one session lookup per page view (${engineName()}, issue 8 P3)`, () => {
  it("within one HTTP request the root loader and the route's guard share one lookup of a GET, though Remix gives each its own Request", async () => {
    const r = await registerCitizen({ displayName: "查一次", identifier: "13900002222", password: PASSWORD, confirmPassword: PASSWORD }, { now: new Date() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    await runInRequestScope(async () => {
      const first = await getSession(requestWith(r.setCookie));
      expect(first?.user.displayName).toBe("查一次");
      expect(await getSession(requestWith(r.setCookie))).toBe(first); // another Request object, the same lookup
      expect((await requireUser(requestWith(r.setCookie))).user).toBe(first!.user);
    });
    // another HTTP request (another page view), and a call outside any request, look again
    const a = await runInRequestScope(() => getSession(requestWith(r.setCookie)));
    const b = await runInRequestScope(() => getSession(requestWith(r.setCookie)));
    expect(a).not.toBe(b);
    expect(a?.session.id).toBe(b?.session.id);
    expect(await getSession(requestWith(r.setCookie))).not.toBe(await getSession(requestWith(r.setCookie)));

    // a POST: the action may revoke or change the session, and its loaders must see that
    await runInRequestScope(async () => {
      const post = () => new Request("http://localhost/account", { method: "POST", headers: requestWith(r.setCookie).headers });
      expect(await getSession(post())).not.toBeNull();
      await t.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, a!.session.id));
      expect(await getSession(post())).toBeNull();
      // a test's clock is never cached either
      expect(await getSession(requestWith(r.setCookie), { now: new Date() })).toBeNull();
    });
  });
});
