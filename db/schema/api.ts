// Issue 7 req. 5: the intake API for other systems (the 12345 hotline, the national platform, the petition office).
// Each client system has a key (only its SHA-256 is stored), a dispute center whose queue its items join, and a token
// bucket for its rate limit; each accepted item is one intake_requests row, unique per (client, external reference).
import { sql } from "drizzle-orm";
import { check, doublePrecision, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { organs } from "./organs";
import { users } from "./users";

export const apiClients = pgTable(
  "api_clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The client system as people call it: "12345热线", "信访局". */
    name: text("name").notNull(),
    /** The key's first characters ("imk_" + 8), shown in lists and logs to tell keys apart; not a secret. */
    keyPrefix: text("key_prefix").notNull().unique(),
    /** SHA-256 (hex) of the whole key; the key itself is printed once and never stored. */
    keyHash: text("key_hash").notNull(),
    /**
     * The account the client's items are recorded by (events, transitions, filing.enteredBy): a disabled account without
     * a password or memberships, so it can never sign in; it acts only through the key, as a registering clerk of its center.
     */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** The dispute center whose queue receives the client's items. */
    centerOrganId: uuid("center_organ_id")
      .notNull()
      .references(() => organs.id),
    /** Token bucket: refills at rate_per_minute, holds at most burst requests. */
    ratePerMinute: integer("rate_per_minute").notNull().default(60),
    burst: integer("burst").notNull().default(30),
    bucketTokens: doublePrecision("bucket_tokens").notNull().default(30),
    bucketAt: timestamp("bucket_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    check("api_clients_rate_check", sql`${t.ratePerMinute} between 1 and 100000 and ${t.burst} between 1 and 100000`),
  ],
);

export const intakeRequests = pgTable(
  "intake_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => apiClients.id),
    /** The client's own reference for the item (its ticket number): the idempotency key of a POST. */
    externalRef: text("external_ref").notNull(),
    /** SHA-256 of the validated body in canonical JSON: a retry must carry the same body. */
    bodyHash: text("body_hash").notNull(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("intake_requests_client_ref_unique").on(t.clientId, t.externalRef), index("intake_requests_case_idx").on(t.caseId)],
);

export type ApiClient = typeof apiClients.$inferSelect;
export type NewApiClient = typeof apiClients.$inferInsert;
export type IntakeRequest = typeof intakeRequests.$inferSelect;
