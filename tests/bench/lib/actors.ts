// The people the benchmarks act as (issue 8 req. 2). A production database has no demo accounts: the staff member of
// 呼和浩特市人民政府 (150100) is one the bench seed made (tests/bench/seed.ts benchStaffLogins, a handler of seeded
// cases); should it be missing, the bench makes its own the way the seed writes staff (a users row with an argon2id
// hash and one role membership, recorded in the audit chain — there is no admin to call createStaffUser in a fresh
// production database). Citizens are registered through the app's registration service (registerCitizen). Sessions come from the app's createSession with the second factor
// done, and are sent by the bench itself as the production cookie (__Host-imr_session, Secure: the browser would
// refuse it over http, our client does not care).
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { recordEvent } from "../../../db/audit";
import { openDatabase, setDatabase, type Database } from "../../../db/client";
import { organs, roleMemberships, sessions, users } from "../../../db/schema/index";
import { RegisterSchema } from "../../../app/domain/account";
import { registerCitizen } from "../../../app/services/auth.server";
import { hashPassword } from "../../../app/services/password.server";
import { createSession, loadUser, sessionCookieName, type CurrentUser } from "../../../app/services/session.server";

export const STAFF_ORGAN_CODE = "150100"; // 呼和浩特市人民政府
const STAFF_EMAIL = "bench-staff@bench.nmg.example";
const citizenEmail = (i: number) => `bench-citizen-${i}@bench.nmg.example`;

export interface Actor {
  user: CurrentUser;
  /** Cookie header value carrying the production session cookie. */
  cookie: string;
  /** The session's CSRF token, for forms. */
  csrf: string;
}

export interface BenchDb {
  database: Database;
  close: () => Promise<void>;
}

/** A drizzle handle on a bench database (the bench may hold two: the small and the large one). */
export async function openBenchDb(url: string): Promise<BenchDb> {
  const database = await openDatabase({ url, max: 2 });
  return { database, close: () => database.close() };
}

async function sessionFor(database: Database, user: CurrentUser): Promise<Actor> {
  const created = await createSession(database.db, { user, twoFactorDone: true, now: new Date(), userAgent: "im-bench" });
  const [row] = await database.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, created.id));
  return { user, cookie: `${sessionCookieName(true)}=${created.token}`, csrf: row.csrf };
}

/** A reconsideration staff member of 150100 (`preferred` when the seed made it, else the bench's own); a fresh session each call. */
export async function staffActor(database: Database, preferred?: string): Promise<Actor> {
  const db = database.db;
  let [existing] = preferred ? await db.select({ id: users.id }).from(users).where(eq(users.email, preferred)) : [];
  if (!existing) [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, STAFF_EMAIL));
  if (!existing) {
    const [organ] = await db.select({ id: organs.id }).from(organs).where(eq(organs.code, STAFF_ORGAN_CODE));
    if (!organ) throw new Error(`organ ${STAFF_ORGAN_CODE} missing: the bench database is not seeded`);
    const passwordHash = await hashPassword(crypto.randomBytes(24).toString("base64url"));
    existing = await db.transaction(async (tx) => {
      const now = new Date();
      const [row] = await tx.insert(users).values({ displayName: "基准测试工作人员", email: STAFF_EMAIL, passwordHash, createdAt: now, updatedAt: now }).returning({ id: users.id });
      await tx.insert(roleMemberships).values({ userId: row.id, role: "reconsideration_staff", organId: organ.id, createdAt: now });
      await recordEvent(tx, { action: "user.created", subjectType: "user", subjectId: row.id, payload: { via: "npm run bench", role: "reconsideration_staff", organId: organ.id }, occurredAt: now });
      return row;
    });
  }
  const [membership] = await db
    .select({ id: roleMemberships.id })
    .from(roleMemberships)
    .where(and(eq(roleMemberships.userId, existing.id), eq(roleMemberships.role, "reconsideration_staff")));
  if (!membership) throw new Error(`user ${existing.id} has no reconsideration_staff membership`);
  const user = await loadUser(db, existing.id);
  if (!user) throw new Error(`user ${existing.id} is disabled`);
  const organ = user.memberships.find((m) => m.role === "reconsideration_staff");
  if (!organ?.organName.startsWith("呼和浩特市人民政府")) throw new Error(`${user.email} is not reconsideration staff of ${STAFF_ORGAN_CODE}`);
  return sessionFor(database, user);
}

/** Citizen i of the bench (registered through the app once per database); a fresh session each call. */
export async function citizenActor(database: Database, i: number): Promise<Actor> {
  const email = citizenEmail(i);
  let [existing] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!existing) {
    setDatabase(database); // registerCitizen works on the process-wide database (getDb())
    const password = crypto.randomBytes(24).toString("base64url");
    const r = await registerCitizen(
      RegisterSchema.parse({ identifier: email, displayName: `基准测试群众${i}`, password, confirmPassword: password }),
      { now: new Date(), requestId: `bench-register-${i}`, userAgent: "im-bench" },
    );
    if (!r.ok) throw new Error(`registering ${email}: ${r.error}`);
    existing = { id: r.userId };
  }
  const user = await loadUser(database.db, existing.id);
  if (!user) throw new Error(`${email} is disabled`);
  return sessionFor(database, user);
}
