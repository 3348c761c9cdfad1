// Tables of case handling (issue 5): the dispute center's routing of items, the office's people (leave, conflicts),
// in-portal notifications, the respondent's reply, hearings and the decision draft.
import { sql } from "drizzle-orm";
import { boolean, check, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cases, deadlines } from "./cases";
import { organs } from "./organs";
import { users } from "./users";

/**
 * Where the dispute center sent an item and why (DOMAIN.md 16.1): the rules' suggestion with its reason, the clerk's
 * choice and, when it differs, the reason for overriding. A later re-routing adds a row; the citizen never re-files.
 */
export const caseRoutings = pgTable(
  "case_routings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    fromOrganId: uuid("from_organ_id").references(() => organs.id),
    toOrganId: uuid("to_organ_id")
      .notNull()
      .references(() => organs.id),
    /** reconsideration | administrative_mediation | people_mediation | petition | litigation_guidance | … */
    channel: text("channel").notNull(),
    /** The rules' suggestion: { channel, organId, reasonKey, basis }. */
    suggestion: jsonb("suggestion").notNull().default({}),
    overridden: boolean("overridden").notNull().default(false),
    /** Required when overridden or re-routed; shown to the citizen. */
    reason: text("reason"),
    actorId: uuid("actor_id").references(() => users.id),
    routedAt: timestamp("routed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_routings_case_idx").on(t.caseId, t.routedAt)],
);

/** A staff member's leave: automatic assignment skips them on these days. */
export const staffLeave = pgTable(
  "staff_leave",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("staff_leave_user_idx").on(t.userId, t.fromDate), check("staff_leave_range_check", sql`${t.fromDate} <= ${t.toDate}`)],
);

/** A recorded conflict of interest (回避) of a staff member on a case: never assigned to it. */
export const caseConflicts = pgTable(
  "case_conflicts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("case_conflicts_case_user_idx").on(t.caseId, t.userId), index("case_conflicts_user_idx").on(t.userId)],
);

/**
 * An in-portal notification to one user. `dedupeKey` makes a reminder idempotent (e.g. "deadline:<id>:80"): the job
 * may run twice, the user is told once.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    caseId: uuid("case_id").references(() => cases.id),
    deadlineId: uuid("deadline_id").references(() => deadlines.id),
    /** deadline_80 | deadline_overdue | document_served | … */
    kind: text("kind").notNull(),
    /** Message key and values, rendered in the reader's language. */
    data: jsonb("data").notNull().default({}),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("notifications_dedupe_idx").on(t.userId, t.dedupeKey), index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** The respondent's written reply (答复, Art. 48), filed in the agency workspace with its evidence and legal basis. */
export const respondentReplies = pgTable(
  "respondent_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    organId: uuid("organ_id")
      .notNull()
      .references(() => organs.id),
    filedBy: uuid("filed_by")
      .notNull()
      .references(() => users.id),
    reply: text("reply").notNull(),
    legalBasis: text("legal_basis").notNull(),
    /** [{ description, fileId }] — the files are rows of `files` with purpose "reply". */
    evidence: jsonb("evidence").notNull().default([]),
    evidenceAndBasisSubmitted: boolean("evidence_and_basis_submitted").notNull(),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("respondent_replies_case_idx").on(t.caseId)],
);

/** A formal hearing (听证, Arts. 50–51): the panel, clerk, place and the record. */
export const hearings = pgTable(
  "hearings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    hearingDate: date("hearing_date", { mode: "string" }).notNull(),
    place: text("place").notNull(),
    presidingId: uuid("presiding_id")
      .notNull()
      .references(() => users.id),
    /** The two other members of the panel (user ids). */
    memberIds: jsonb("member_ids").notNull().default([]),
    clerkId: uuid("clerk_id")
      .notNull()
      .references(() => users.id),
    issues: text("issues"),
    record: text("record"),
    outcome: text("outcome"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("hearings_case_idx").on(t.caseId)],
);

/** The draft decision (拟定决定) and who drafted it: the office head who approves must be someone else. */
export const decisionDrafts = pgTable(
  "decision_drafts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    draftedBy: uuid("drafted_by")
      .notNull()
      .references(() => users.id),
    decisionType: text("decision_type").notNull(),
    /** { facts, reasoning, result, performanceDays, … } as drafted. */
    content: jsonb("content").notNull().default({}),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    /** approved | returned | pending */
    status: text("status").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("decision_drafts_case_idx").on(t.caseId, t.submittedAt)],
);
