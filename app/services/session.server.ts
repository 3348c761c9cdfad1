// Server-side sessions: the cookie carries a random token, the database keeps its SHA-256 with the idle and absolute
// limits (app/domain/account.ts SESSION_LIMITS). requireUser/requireRole/requirePermission guard every loader and action.
import { redirect } from "@remix-run/node";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { getDb, preparedPerDb } from "../../db/client";
import { notifications, sessions, users } from "../../db/schema/index";
import { isProduction } from "~/config.server";
import { SESSION_LIMITS } from "~/domain/account";
import { can, type Action, type Actor, type Membership, type Resource } from "~/domain/policy";
import { staffRoles, twoFactorRoles, type Role } from "~/domain/roles";
import { newToken, sha256 } from "~/utils/http.server";
import { currentRequestScope } from "~/utils/request-scope.server";

export function sessionCookieName(production = isProduction()): string {
  return production ? "__Host-imr_session" : "imr_session";
}

export interface MembershipView extends Membership {
  organName: string;
}

export interface CurrentUser {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  locale: string;
  memberships: MembershipView[];
  isStaff: boolean;
  requiresTwoFactor: boolean;
  totpEnrolled: boolean;
}

export interface SessionInfo {
  id: string;
  csrfToken: string;
  twoFactorDone: boolean;
  idleExpiresAt: Date;
  expiresAt: Date;
  idleTimeoutSeconds: number;
  /**
   * The user's unread notifications when the session was looked up (the header's link to /notifications): asked in
   * the same statement, one fewer round trip per page view (issue 8 P1/P3). A page view after an action (POST) looks
   * the session up again after the action, so marking notifications read shows at once.
   */
  unreadNotifications: number;
}

export interface LoadedSession {
  session: SessionInfo;
  user: CurrentUser;
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

export function sessionCookie(token: string, production = isProduction()): string {
  const maxAge = SESSION_LIMITS.absoluteHours * 3600;
  return `${sessionCookieName(production)}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${production ? "; Secure" : ""}`;
}

export function clearSessionCookie(production = isProduction()): string {
  return `${sessionCookieName(production)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${production ? "; Secure" : ""}`;
}

/** The user's columns and role memberships (with organ names) that CurrentUser is made of, for one select. */
const userColumns = {
  userId: users.id,
  displayName: users.displayName,
  phone: users.phone,
  email: users.email,
  locale: users.locale,
  disabled: users.disabled,
  totpEnabledAt: users.totpEnabledAt,
  // written out with aliases: drizzle leaves a one-table select's columns unqualified, which the subquery would shadow
  memberships: sql<MembershipView[] | string>`coalesce((select json_agg(json_build_object('role', rm.role, 'organId', rm.organ_id, 'includeSubordinates', rm.include_subordinates, 'organName', o.name)) from role_memberships rm inner join organs o on o.id = rm.organ_id where rm.user_id = "users"."id"), '[]'::json)`,
};

type UserRow = { userId: string; displayName: string; phone: string | null; email: string | null; locale: string; disabled: boolean; totpEnabledAt: Date | null; memberships: MembershipView[] | string };

function currentUserOf(row: UserRow): CurrentUser | null {
  if (row.disabled) return null;
  const memberships = (typeof row.memberships === "string" ? JSON.parse(row.memberships) : row.memberships) as MembershipView[];
  return {
    id: row.userId,
    displayName: row.displayName,
    phone: row.phone,
    email: row.email,
    locale: row.locale,
    memberships,
    isStaff: memberships.some((m) => staffRoles.includes(m.role)),
    requiresTwoFactor: memberships.some((m) => twoFactorRoles.includes(m.role)),
    totpEnrolled: row.totpEnabledAt !== null,
  };
}

/** The user and their memberships in one statement; null for an unknown or disabled user. */
export async function loadUser(q: Queryable, userId: string): Promise<CurrentUser | null> {
  const [row] = await q.select(userColumns).from(users).where(eq(users.id, userId));
  return row ? currentUserOf(row) : null;
}

export function idleTimeoutFor(user: Pick<CurrentUser, "isStaff">): number {
  return (user.isStaff ? SESSION_LIMITS.staffIdleMinutes : SESSION_LIMITS.citizenIdleMinutes) * 60;
}

/** Creates a session and returns the Set-Cookie value. The caller revokes any session it replaces (rotation). */
export async function createSession(
  q: Queryable,
  args: { user: CurrentUser; twoFactorDone: boolean; now: Date; userAgent?: string | null },
): Promise<{ id: string; token: string; setCookie: string }> {
  const token = newToken();
  const [row] = await q
    .insert(sessions)
    .values({
      tokenHash: sha256(token),
      userId: args.user.id,
      twoFactorDone: args.twoFactorDone,
      csrfToken: newToken(24),
      createdAt: args.now,
      lastSeenAt: args.now,
      idleTimeoutSeconds: idleTimeoutFor(args.user),
      expiresAt: new Date(args.now.getTime() + SESSION_LIMITS.absoluteHours * 3600_000),
      userAgent: args.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: sessions.id });
  return { id: row.id, token, setCookie: sessionCookie(token) };
}

export async function revokeSession(q: Queryable, sessionId: string, now: Date): Promise<void> {
  await q.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(q: Queryable, userId: string, now: Date, exceptId?: string): Promise<void> {
  const open = await q
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  const ids = open.map((s) => s.id).filter((id) => id !== exceptId);
  if (ids.length) await q.update(sessions).set({ revokedAt: now }).where(inArray(sessions.id, ids));
}

/**
 * The session named by the request's cookie, if it is valid at `now`: not revoked, not past its absolute expiry,
 * not idle longer than its timeout. A valid session is touched (its idle clock restarts) unless `touch` is false.
 */
export function getSession(request: Request, options: { now?: Date; touch?: boolean } = {}): Promise<LoadedSession | null> {
  // One lookup per page view: the root loader and the route's guard both ask for the session of the same request
  // (three statements each; issue 8 P3 counted 11 statements for a queue page). Kept in the HTTP request's own store
  // (app/utils/request-scope.server.ts) and only for GET and HEAD, where nothing in the request can change the session
  // between the two calls; an action (POST) may log in, log out or change the user, so its loaders look again. An
  // explicit `now` (tests' clock) is never cached.
  const scope = currentRequestScope();
  if (!scope || options.now !== undefined || (request.method !== "GET" && request.method !== "HEAD")) return lookUpSession(request, options);
  const key = `session:${options.touch === false ? "quiet" : "touch"}:${readCookie(request, sessionCookieName()) ?? ""}`;
  let pending = scope.get(key) as Promise<LoadedSession | null> | undefined;
  if (!pending) {
    pending = lookUpSession(request, options);
    scope.set(key, pending);
    pending.catch(() => scope.delete(key));
  }
  return pending;
}

/** The session, its user, the user's memberships and unread count: one statement per page view, built once per database. */
const sessionByTokenHash = preparedPerDb((db) =>
  db
    .select({
      id: sessions.id,
      csrfToken: sessions.csrfToken,
      twoFactorDone: sessions.twoFactorDone,
      lastSeenAt: sessions.lastSeenAt,
      idleTimeoutSeconds: sessions.idleTimeoutSeconds,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      unreadNotifications: sql<number>`(select count(*)::int from ${notifications} where ${notifications.userId} = ${users.id} and ${notifications.readAt} is null)`,
      ...userColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder("tokenHash")))
    .prepare("session_by_token_hash"),
);

async function lookUpSession(request: Request, options: { now?: Date; touch?: boolean }): Promise<LoadedSession | null> {
  const token = readCookie(request, sessionCookieName());
  if (!token || token.length > 100) return null;
  const now = options.now ?? new Date();
  const db = getDb();
  const [row] = await sessionByTokenHash(db).execute({ tokenHash: sha256(token) });
  if (!row || row.revokedAt) return null;
  const idleExpiresAt = new Date(row.lastSeenAt.getTime() + row.idleTimeoutSeconds * 1000);
  if (now >= row.expiresAt || now >= idleExpiresAt) return null;
  const user = currentUserOf(row);
  if (!user) return null;
  let lastSeenAt = row.lastSeenAt;
  if (options.touch !== false && now.getTime() - row.lastSeenAt.getTime() > 5_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
    lastSeenAt = now;
  }
  const idle = new Date(lastSeenAt.getTime() + row.idleTimeoutSeconds * 1000);
  return {
    session: {
      id: row.id,
      csrfToken: row.csrfToken,
      twoFactorDone: row.twoFactorDone,
      idleExpiresAt: idle < row.expiresAt ? idle : row.expiresAt,
      expiresAt: row.expiresAt,
      idleTimeoutSeconds: row.idleTimeoutSeconds,
      unreadNotifications: Number(row.unreadNotifications),
    },
    user,
  };
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = url.pathname.endsWith(".data") ? url.pathname.slice(0, -5) : url.pathname;
  throw redirect(`/login?${new URLSearchParams({ redirectTo: back + url.search })}`);
}

/** A fully authenticated user (password and, for staff, TOTP), or a redirect to the login page. */
export async function requireUser(request: Request, options: { now?: Date } = {}): Promise<LoadedSession> {
  const loaded = await getSession(request, options);
  if (!loaded) loginRedirect(request);
  if (!loaded.session.twoFactorDone) {
    const url = new URL(request.url);
    const back = (url.pathname.endsWith(".data") ? url.pathname.slice(0, -5) : url.pathname) + url.search;
    throw redirect(`${loaded.user.totpEnrolled ? "/login/two-factor" : "/login/enrol"}?${new URLSearchParams({ redirectTo: back })}`);
  }
  return loaded;
}

/** A session that has passed the password step but still owes the TOTP step (the two-factor pages only). */
export async function requirePendingTwoFactor(request: Request): Promise<LoadedSession> {
  const loaded = await getSession(request);
  if (!loaded) throw redirect("/login");
  if (loaded.session.twoFactorDone) throw redirect("/");
  return loaded;
}

export function actorOf(user: CurrentUser): Actor {
  return { userId: user.id, memberships: user.memberships };
}

export function forbidden(): never {
  throw new Response("您没有权限访问此页面。 (Forbidden)", { status: 403, statusText: "Forbidden" });
}

export async function requireRole(request: Request, allowed: readonly Role[]): Promise<LoadedSession> {
  const loaded = await requireUser(request);
  if (!loaded.user.memberships.some((m) => allowed.includes(m.role))) forbidden();
  return loaded;
}

export async function requirePermission(request: Request, action: Action, resource?: Resource): Promise<LoadedSession> {
  const loaded = await requireUser(request);
  if (!can(actorOf(loaded.user), action, resource)) forbidden();
  return loaded;
}
