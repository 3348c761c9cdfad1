import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { roles } from "./enums";
import { organs } from "./organs";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Mainland mobile number, 11 digits; login identifier for citizens. */
    phone: text("phone").unique(),
    /** Lower-cased e-mail address; login identifier. */
    email: text("email").unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Base32 TOTP secret once enrolled (and confirmed with a first code). */
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** Last TOTP time step accepted: a code is never accepted twice. */
    totpLastStep: integer("totp_last_step"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    locale: text("locale").notNull().default("zh-CN"),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("users_identifier_check", sql`${t.phone} is not null or ${t.email} is not null`)],
);

/** A role held by a user within one organ; `includeSubordinates` extends it to the organs below. */
export const roleMemberships = pgTable(
  "role_memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roles }).notNull(),
    organId: uuid("organ_id")
      .notNull()
      .references(() => organs.id),
    includeSubordinates: boolean("include_subordinates").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("role_memberships_unique").on(t.userId, t.role, t.organId),
    index("role_memberships_organ_idx").on(t.organId),
    check(
      "role_memberships_role_check",
      sql`${t.role} in ('citizen','center_clerk','reconsideration_staff','office_head','committee_member','respondent_agent','admin')`,
    ),
  ],
);

/** Failed logins, kept to apply the lockout rule (5 in 15 minutes). */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("login_failures_user_at_idx").on(t.userId, t.at)],
);

/** Server-side sessions: the cookie holds a random token, the table holds its SHA-256, so a leaked table grants nothing. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** false while a staff member has passed the password step but not yet TOTP. */
    twoFactorDone: boolean("two_factor_done").notNull().default(false),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    idleTimeoutSeconds: integer("idle_timeout_seconds").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type RoleMembership = typeof roleMemberships.$inferSelect;
export type Session = typeof sessions.$inferSelect;
