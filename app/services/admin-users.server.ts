// Administration of accounts (issue 7 req. 4): finding users, their contact and name, disabling (which ends their
// sessions), resetting two-factor enrolment, role memberships, staff accounts, and leave periods. An administrator
// manages the users holding a role in an organ they cover; an administrator of the autonomous region manages everyone.
// Every change is recorded with its values before and after (never a password or a secret).
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import { recordEvent } from "../../db/audit";
import { getDb, type Queryable } from "../../db/client";
import { organs, roleMemberships, sessions, staffLeave, users } from "../../db/schema/index";
import { CreateStaffUserSchema, MembershipFormSchema, overlappingLeave, UserProfileSchema, USERS_PAGE_SIZE } from "~/domain/admin";
import { fieldErrors } from "~/domain/application";
import { LeaveFormSchema } from "~/domain/assignment";
import { staffRoles, type Role } from "~/domain/roles";
import { adminOrganIds, isRegionAdmin, managesOrgan } from "./admin-scope.server";
import { hashPassword } from "./password.server";
import { revokeUserSessions, type CurrentUser } from "./session.server";

export type AdminResult = { ok: true; id?: string } | { ok: false; status: 400 | 403 | 404; errors: Record<string, string>; formError: string };
const bad = (errors: Record<string, string>, formError = "errors.formHasErrors"): AdminResult => ({ ok: false, status: 400, errors, formError });
const notFound: AdminResult = { ok: false, status: 404, errors: {}, formError: "admin.errors.notFound" };
const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** "13812345678" → "138****5678"; "zhou@example.com" → "z***@example.com": lists never show contact in full. */
export function maskPhone(phone: string | null): string | null {
  return phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null;
}
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.indexOf("@");
  return at <= 0 ? "***" : `${email[0]}***${email.slice(at)}`;
}

/** True when the admin manages the user: region admins everyone, others users with a role in an organ they cover. */
async function managesUser(q: Queryable, admin: CurrentUser, userId: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const [exists] = await q.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!exists) return false;
  if (await isRegionAdmin(q, admin)) return true;
  const held = await q.select({ organId: roleMemberships.organId }).from(roleMemberships).where(eq(roleMemberships.userId, userId));
  for (const m of held) if (await managesOrgan(q, admin, m.organId)) return true;
  return false;
}

/** The id of the organ with this code, when the admin covers it. */
async function managedOrganByCode(q: Queryable, admin: CurrentUser, code: string): Promise<string | null> {
  const [row] = await q.select({ id: organs.id }).from(organs).where(eq(organs.code, code.trim()));
  return row && (await managesOrgan(q, admin, row.id)) ? row.id : null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface UserRow {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  disabled: boolean;
  roles: { role: Role; organName: string }[];
}

/** Users by name, phone or e-mail (part of it), 20 a page, in the admin's scope. */
export async function searchUsers(args: { user: CurrentUser; q: string; page: number }): Promise<{ rows: UserRow[]; total: number; pages: number }> {
  const db = getDb();
  const everyone = await isRegionAdmin(db, args.user);
  const scoped = everyone ? null : await adminOrganIds(db, args.user);
  if (scoped && scoped.length === 0) return { rows: [], total: 0, pages: 0 };
  const like = args.q ? `%${escapeLike(args.q.toLowerCase())}%` : null;
  const where = and(
    like ? or(ilike(users.displayName, like), ilike(users.email, like), ilike(users.phone, like)) : undefined,
    scoped
      ? inArray(users.id, db.selectDistinct({ id: roleMemberships.userId }).from(roleMemberships).where(inArray(roleMemberships.organId, scoped)))
      : undefined,
  );
  const [{ total }] = await db.select({ total: count() }).from(users).where(where);
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, phone: users.phone, email: users.email, disabled: users.disabled })
    .from(users)
    .where(where)
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(USERS_PAGE_SIZE)
    .offset((args.page - 1) * USERS_PAGE_SIZE);
  const ms = rows.length
    ? await db
        .select({ userId: roleMemberships.userId, role: roleMemberships.role, organName: organs.name })
        .from(roleMemberships)
        .innerJoin(organs, eq(organs.id, roleMemberships.organId))
        .where(inArray(roleMemberships.userId, rows.map((r) => r.id)))
        .orderBy(asc(roleMemberships.createdAt))
    : [];
  const n = Number(total);
  return {
    rows: rows.map((r) => ({
      ...r,
      phone: maskPhone(r.phone),
      email: maskEmail(r.email),
      roles: ms.filter((m) => m.userId === r.id).map((m) => ({ role: m.role, organName: m.organName })),
    })),
    total: n,
    pages: Math.ceil(n / USERS_PAGE_SIZE),
  };
}

export interface AdminUserView {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  disabled: boolean;
  totpEnrolled: boolean;
  openSessions: number;
  createdAt: string;
  isSelf: boolean;
  memberships: { id: string; role: Role; organId: string; organName: string; organCode: string; includeSubordinates: boolean; canRemove: boolean }[];
  leave: { id: string; fromDate: string; toDate: string; note: string | null }[];
}

/** One user the admin manages, with contact in full (the admin edits it); null otherwise (the route: 404). */
export async function getAdminUser(args: { user: CurrentUser; userId: string; now?: Date }): Promise<AdminUserView | null> {
  const db = getDb();
  if (!(await managesUser(db, args.user, args.userId))) return null;
  const now = args.now ?? new Date();
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, phone: users.phone, email: users.email, disabled: users.disabled, totpEnabledAt: users.totpEnabledAt, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, args.userId));
  const [ms, leave, [{ open }]] = await Promise.all([
    db
      .select({ id: roleMemberships.id, role: roleMemberships.role, organId: roleMemberships.organId, organName: organs.name, organCode: organs.code, includeSubordinates: roleMemberships.includeSubordinates })
      .from(roleMemberships)
      .innerJoin(organs, eq(organs.id, roleMemberships.organId))
      .where(eq(roleMemberships.userId, row.id))
      .orderBy(asc(roleMemberships.createdAt), asc(roleMemberships.id)),
    db
      .select({ id: staffLeave.id, fromDate: staffLeave.fromDate, toDate: staffLeave.toDate, note: staffLeave.note })
      .from(staffLeave)
      .where(eq(staffLeave.userId, row.id))
      .orderBy(desc(staffLeave.fromDate)),
    db
      .select({ open: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, row.id), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > ${now.toISOString()}`)),
  ]);
  const memberships = [];
  for (const m of ms) {
    const own = m.role === "admin" && row.id === args.user.id;
    memberships.push({ ...m, canRemove: !own && (await managesOrgan(db, args.user, m.organId)) });
  }
  return {
    id: row.id,
    displayName: row.displayName,
    phone: row.phone,
    email: row.email,
    disabled: row.disabled,
    totpEnrolled: row.totpEnabledAt !== null,
    openSessions: Number(open),
    createdAt: row.createdAt.toISOString(),
    isSelf: row.id === args.user.id,
    memberships,
    leave,
  };
}

interface Common {
  user: CurrentUser;
  now?: Date;
  requestId?: string | null;
}

async function contactTaken(q: Queryable, email: string | null, phone: string | null, exceptId?: string): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  for (const [field, column, value] of [["email", users.email, email], ["phone", users.phone, phone]] as const) {
    if (!value) continue;
    const [other] = await q.select({ id: users.id }).from(users).where(eq(column, value));
    if (other && other.id !== exceptId) errors[field] = "admin.errors.contactTaken";
  }
  return errors;
}

export async function updateUserProfile(args: Common & { userId: string; form: Record<string, unknown> }): Promise<AdminResult> {
  const parsed = UserProfileSchema.safeParse(args.form);
  if (!parsed.success) return bad(fieldErrors(parsed.error));
  const now = args.now ?? new Date();
  return getDb().transaction(async (tx) => {
    if (!(await managesUser(tx, args.user, args.userId))) return notFound;
    const [before] = await tx.select({ displayName: users.displayName, email: users.email, phone: users.phone }).from(users).where(eq(users.id, args.userId)).for("update");
    const taken = await contactTaken(tx, parsed.data.email, parsed.data.phone, args.userId);
    if (Object.keys(taken).length) return bad(taken);
    const after = parsed.data;
    await tx.update(users).set({ ...after, updatedAt: now }).where(eq(users.id, args.userId));
    await recordEvent(tx, { actorId: args.user.id, action: "user.updated", subjectType: "user", subjectId: args.userId, payload: { old: before, new: after }, requestId: args.requestId ?? null, occurredAt: now });
    return { ok: true as const };
  });
}

/** Disables (ending every open session at once) or enables an account. An admin cannot disable their own. */
export async function setUserDisabled(args: Common & { userId: string; disabled: boolean }): Promise<AdminResult> {
  const now = args.now ?? new Date();
  if (args.disabled && args.userId === args.user.id) return bad({}, "admin.errors.notSelf");
  return getDb().transaction(async (tx) => {
    if (!(await managesUser(tx, args.user, args.userId))) return notFound;
    const [before] = await tx.select({ disabled: users.disabled }).from(users).where(eq(users.id, args.userId)).for("update");
    if (before.disabled === args.disabled) return { ok: true as const };
    await tx.update(users).set({ disabled: args.disabled, updatedAt: now }).where(eq(users.id, args.userId));
    if (args.disabled) await revokeUserSessions(tx, args.userId, now);
    await recordEvent(tx, {
      actorId: args.user.id,
      action: args.disabled ? "user.disabled" : "user.enabled",
      subjectType: "user",
      subjectId: args.userId,
      payload: { old: { disabled: before.disabled }, new: { disabled: args.disabled }, sessionsEnded: args.disabled },
      requestId: args.requestId ?? null,
      occurredAt: now,
    });
    return { ok: true as const };
  });
}

/** Clears the TOTP enrolment (a lost phone): the user enrols again at the next login; their sessions end. */
export async function resetTwoFactor(args: Common & { userId: string }): Promise<AdminResult> {
  const now = args.now ?? new Date();
  if (args.userId === args.user.id) return bad({}, "admin.errors.notSelf");
  return getDb().transaction(async (tx) => {
    if (!(await managesUser(tx, args.user, args.userId))) return notFound;
    const [before] = await tx.select({ totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, args.userId)).for("update");
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: now }).where(eq(users.id, args.userId));
    await revokeUserSessions(tx, args.userId, now);
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "user.two_factor_reset",
      subjectType: "user",
      subjectId: args.userId,
      payload: { old: { enrolled: before.totpEnabledAt !== null }, new: { enrolled: false }, sessionsEnded: true },
      requestId: args.requestId ?? null,
      occurredAt: now,
    });
    return { ok: true as const };
  });
}

export async function addMembership(args: Common & { userId: string; form: Record<string, unknown> }): Promise<AdminResult> {
  const parsed = MembershipFormSchema.safeParse(args.form);
  if (!parsed.success) return bad(fieldErrors(parsed.error));
  const now = args.now ?? new Date();
  const m = parsed.data;
  return getDb().transaction(async (tx) => {
    if (!(await managesUser(tx, args.user, args.userId))) return notFound;
    const organId = await managedOrganByCode(tx, args.user, m.organCode);
    if (!organId) return bad({ organCode: "admin.errors.organ" });
    const [dupe] = await tx
      .select({ id: roleMemberships.id })
      .from(roleMemberships)
      .where(and(eq(roleMemberships.userId, args.userId), eq(roleMemberships.role, m.role), eq(roleMemberships.organId, organId)));
    if (dupe) return bad({ role: "admin.errors.membershipExists" });
    const [row] = await tx
      .insert(roleMemberships)
      .values({ userId: args.userId, role: m.role, organId, includeSubordinates: m.includeSubordinates, createdAt: now })
      .returning({ id: roleMemberships.id });
    // a session opened without two-factor (a citizen's) must not carry a staff role: the user logs in again, with
    // two-factor and the staff idle timeout (roles.ts)
    const sessionsEnded = staffRoles.includes(m.role);
    if (sessionsEnded) await revokeUserSessions(tx, args.userId, now);
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "user.membership_added",
      subjectType: "user",
      subjectId: args.userId,
      payload: { old: null, new: { membershipId: row.id, role: m.role, organId, includeSubordinates: m.includeSubordinates }, sessionsEnded },
      requestId: args.requestId ?? null,
      occurredAt: now,
    });
    return { ok: true as const, id: row.id };
  });
}

export async function removeMembership(args: Common & { userId: string; membershipId: string }): Promise<AdminResult> {
  const now = args.now ?? new Date();
  if (!isUuid(args.membershipId)) return notFound;
  return getDb().transaction(async (tx) => {
    if (!(await managesUser(tx, args.user, args.userId))) return notFound;
    const [m] = await tx
      .select({ id: roleMemberships.id, role: roleMemberships.role, organId: roleMemberships.organId, includeSubordinates: roleMemberships.includeSubordinates })
      .from(roleMemberships)
      .where(and(eq(roleMemberships.id, args.membershipId), eq(roleMemberships.userId, args.userId)));
    if (!m || !(await managesOrgan(tx, args.user, m.organId))) return notFound;
    if (m.role === "admin" && args.userId === args.user.id) return bad({}, "admin.errors.notSelf");
    await tx.delete(roleMemberships).where(eq(roleMemberships.id, m.id));
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "user.membership_removed",
      subjectType: "user",
      subjectId: args.userId,
      payload: { old: { membershipId: m.id, role: m.role, organId: m.organId, includeSubordinates: m.includeSubordinates }, new: null },
      requestId: args.requestId ?? null,
      occurredAt: now,
    });
    return { ok: true as const };
  });
}

/**
 * A staff account with its first role: the initial password hashed with argon2id (password.server.ts). The person
 * enrols two-factor at the first login (staff roles, roles.ts); the schema has no "must change password" flag, so the
 * administrator hands the initial password over and asks them to change it under /account.
 */
export async function createStaffUser(args: Common & { form: Record<string, unknown> }): Promise<AdminResult> {
  const parsed = CreateStaffUserSchema.safeParse(args.form);
  if (!parsed.success) return bad(fieldErrors(parsed.error));
  const input = parsed.data;
  const now = args.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  return getDb().transaction(async (tx) => {
    const organId = await managedOrganByCode(tx, args.user, input.organCode);
    if (!organId) return bad({ organCode: "admin.errors.organ" });
    const taken = await contactTaken(tx, input.email, input.phone);
    if (Object.keys(taken).length) return bad(taken);
    const [row] = await tx
      .insert(users)
      .values({ displayName: input.displayName, email: input.email, phone: input.phone, passwordHash, createdAt: now, updatedAt: now })
      .returning({ id: users.id });
    await tx.insert(roleMemberships).values({ userId: row.id, role: input.role, organId, includeSubordinates: input.includeSubordinates, createdAt: now });
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "user.created",
      subjectType: "user",
      subjectId: row.id,
      payload: {
        old: null,
        new: { displayName: input.displayName, email: input.email, phone: input.phone, role: input.role, organId, includeSubordinates: input.includeSubordinates },
      },
      requestId: args.requestId ?? null,
      occurredAt: now,
    });
    return { ok: true as const, id: row.id };
  });
}

/** A leave period (automatic assignment skips the person on those days); overlapping an existing one is refused. */
export async function addUserLeave(args: Common & { userId: string; form: Record<string, unknown> }): Promise<AdminResult> {
  const parsed = LeaveFormSchema.safeParse({ ...args.form, userId: args.userId });
  if (!parsed.success) return bad(fieldErrors(parsed.error));
  const now = args.now ?? new Date();
  const l = parsed.data;
  return getDb().transaction(async (tx) => {
    if (!(await managesUser(tx, args.user, args.userId))) return notFound;
    // lock the person's row so two admins cannot add overlapping periods at once
    await tx.select({ id: users.id }).from(users).where(eq(users.id, args.userId)).for("update");
    const existing = await tx.select({ id: staffLeave.id, fromDate: staffLeave.fromDate, toDate: staffLeave.toDate }).from(staffLeave).where(eq(staffLeave.userId, args.userId));
    if (overlappingLeave(existing, l)) return bad({ fromDate: "admin.errors.leaveOverlap" });
    const [row] = await tx.insert(staffLeave).values({ userId: args.userId, fromDate: l.fromDate, toDate: l.toDate, note: l.note || null, createdAt: now }).returning({ id: staffLeave.id });
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "staff.leave_added",
      subjectType: "user",
      subjectId: args.userId,
      payload: { old: null, new: { leaveId: row.id, fromDate: l.fromDate, toDate: l.toDate } },
      requestId: args.requestId ?? null,
      occurredAt: now,
    });
    return { ok: true as const, id: row.id };
  });
}

export async function removeUserLeave(args: Common & { userId: string; leaveId: string }): Promise<AdminResult> {
  const now = args.now ?? new Date();
  if (!isUuid(args.leaveId)) return notFound;
  return getDb().transaction(async (tx) => {
    if (!(await managesUser(tx, args.user, args.userId))) return notFound;
    const [row] = await tx
      .select({ id: staffLeave.id, fromDate: staffLeave.fromDate, toDate: staffLeave.toDate })
      .from(staffLeave)
      .where(and(eq(staffLeave.id, args.leaveId), eq(staffLeave.userId, args.userId)));
    if (!row) return notFound;
    await tx.delete(staffLeave).where(eq(staffLeave.id, row.id));
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "staff.leave_removed",
      subjectType: "user",
      subjectId: args.userId,
      payload: { old: { leaveId: row.id, fromDate: row.fromDate, toDate: row.toDate }, new: null },
      requestId: args.requestId ?? null,
      occurredAt: now,
    });
    return { ok: true as const };
  });
}
