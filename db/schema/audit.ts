import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Append-only, hash-chained record of every fact. The BEFORE INSERT trigger (migration 0002) takes the chain lock,
 * assigns the id, links prev_hash to the last row and computes hash; other triggers reject UPDATE and DELETE.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id"),
    payload: jsonb("payload").notNull().default({}),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull().default(""),
    hash: text("hash").notNull().default(""),
  },
  (t) => [index("audit_events_subject_idx").on(t.subjectType, t.subjectId)],
);

export type AuditEvent = typeof auditEvents.$inferSelect;

export const verificationSources = ["cli", "web"] as const;
export type VerificationSource = (typeof verificationSources)[number];

/** Every verification of the chain (issue 7 req. 6): `npm run audit:verify` and the button on /admin/audit. */
export const auditVerifications = pgTable(
  "audit_verifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }).notNull().defaultNow(),
    source: text("source", { enum: verificationSources }).notNull(),
    /** The admin who pressed the button (web); null for the command. */
    actorId: uuid("actor_id").references(() => users.id),
    /** What ran it: "npm run audit:verify (user@host)" or "/admin/audit". */
    command: text("command").notNull(),
    /** Rows verified intact (before the broken one, if any). */
    rowsChecked: integer("rows_checked").notNull(),
    ok: boolean("ok").notNull(),
    /** The first audit_events id that does not verify. */
    brokenAt: bigint("broken_at", { mode: "number" }),
    reason: text("reason", { enum: ["hash", "link"] }),
  },
  (t) => [
    index("audit_verifications_at_idx").on(t.verifiedAt),
    check("audit_verifications_source_check", sql`${t.source} in ('cli','web')`),
    check("audit_verifications_result_check", sql`(${t.ok} and ${t.brokenAt} is null and ${t.reason} is null) or (not ${t.ok} and ${t.brokenAt} is not null and ${t.reason} in ('hash','link'))`),
  ],
);

export type AuditVerification = typeof auditVerifications.$inferSelect;
