import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organs } from "./organs";
import { users } from "./users";

export const machineKinds = ["reconsideration", "mediation", "consultation", "letter"] as const;
export type MachineKind = (typeof machineKinds)[number];

/**
 * A process under one of the four state machines (app/domain/machines): its current state (projection) for fast
 * queues, and the machine's full state object. Every change is an audit event; `version` guards concurrent edits.
 * Later issues add the columns the queues filter on (applicant, respondent, act document number, …).
 */
export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    machine: text("machine", { enum: machineKinds }).notNull(),
    state: text("state").notNull(),
    /** The machine's state object (JSON), as app/domain/machines defines it. */
    data: jsonb("data").notNull(),
    organId: uuid("organ_id").references(() => organs.id),
    parentCaseId: uuid("parent_case_id"),
    version: integer("version").notNull().default(1),
    /** The number on the receipt (回执), e.g. FY2026-150100-00001; gap-free per organ and year. Null for processes
     *  that are not filings (consultations, letters). */
    caseNumber: text("case_number").unique(),
    /** The citizen account that filed (applicant or agent); null for walk-in and transferred items. */
    filedBy: uuid("filed_by").references(() => users.id),
    channel: text("channel"),
    category: text("category"),
    /** Database clock at commit of the filing (DOMAIN.md: the receipt time). */
    receivedAt: timestamp("received_at", { withTimezone: true }),
    respondentOrganId: uuid("respondent_organ_id").references(() => organs.id),
    actDocumentNumber: text("act_document_number"),
    /** Applicant names, space-separated, for the queue's substring search. */
    applicantNames: text("applicant_names"),
    /** The client-generated submission key: a replay of the same key by the same account returns the same case. */
    idempotencyKey: text("idempotency_key"),
    /** SHA-256 (hex) over the canonical submitted content and the file hashes (app/domain/receipt.ts). */
    contentHash: text("content_hash"),
    /** The application or request as filed (validated by app/domain/application.ts or mediation-request.ts). */
    filing: jsonb("filing"),
    /** The staff member handling the case (claimed or assigned in the office's queue); null while unassigned. */
    handlerId: uuid("handler_id").references(() => users.id),
    /** The dispute center that received the item (矛盾纠纷多元化解中心); null for items filed straight with an organ. */
    centerOrganId: uuid("center_organ_id").references(() => organs.id),
    /** "pending" while the item waits in the center's intake queue; "routed" once a clerk sent it on (or never needed). */
    triageStatus: text("triage_status").notNull().default("routed"),
    triagedAt: timestamp("triaged_at", { withTimezone: true }),
    /**
     * The nearest due date among the case's running periods (null: none running): a projection of `deadlines` kept
     * by the trigger deadlines_next_due (migration 0007), so the queue orders and pages by an index, not a sort.
     */
    nextDueDate: date("next_due_date", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("cases_state_idx").on(t.machine, t.state),
    index("cases_organ_idx").on(t.organId),
    index("cases_filed_by_idx").on(t.filedBy, t.createdAt),
    uniqueIndex("cases_idempotency_idx").on(t.filedBy, t.idempotencyKey),
    index("cases_queue_idx").on(t.organId, t.state),
    index("cases_triage_idx").on(t.centerOrganId, t.triageStatus, t.receivedAt),
    // The queue: per organ, by the nearest running deadline (none last), then id — the keyset order of staff-queue.server.ts.
    index("cases_queue_due_idx")
      .on(t.organId, sql`coalesce(${t.nextDueDate}, 'infinity'::date)`, t.id)
      .where(sql`${t.machine} = 'reconsideration' and ${t.triageStatus} = 'routed'`),
    // The queue filtered by state (an office works from "in review", "awaiting reply"…): the same order within one
    // state, so the first page reads 51 index entries whatever the size of the office's caseload (issue 8, P2).
    index("cases_queue_state_due_idx")
      .on(t.organId, t.state, sql`coalesce(${t.nextDueDate}, 'infinity'::date)`, t.id)
      .where(sql`${t.machine} = 'reconsideration' and ${t.triageStatus} = 'routed'`),
    // "My cases" (and the handler filter): the same order within one handler's cases.
    index("cases_handler_due_idx")
      .on(t.handlerId, sql`coalesce(${t.nextDueDate}, 'infinity'::date)`, t.id)
      .where(sql`${t.machine} = 'reconsideration' and ${t.triageStatus} = 'routed'`),
    index("cases_applicant_names_trgm_idx").using("gin", sql`${t.applicantNames} gin_trgm_ops`),
    index("cases_act_document_number_trgm_idx").using("gin", sql`${t.actDocumentNumber} gin_trgm_ops`),
    index("cases_case_number_trgm_idx").using("gin", sql`${t.caseNumber} gin_trgm_ops`),
    check("cases_machine_check", sql`${t.machine} in ('reconsideration','mediation','consultation','letter')`),
  ],
);

export const deadlineStatuses = ["running", "paused", "met", "missed", "cancelled"] as const;
export type DeadlineStatus = (typeof deadlineStatuses)[number];

/** One row per statutory period of a case (DOMAIN.md §15 timers). Overdue is derived from due_date and today. */
export const deadlines = pgTable(
  "deadlines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** A period key of app/domain/periods.ts. */
    kind: text("kind").notNull(),
    basis: text("basis").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    /** The due date first computed, before pauses and extensions. */
    originalDueDate: date("original_due_date", { mode: "string" }).notNull(),
    status: text("status", { enum: deadlineStatuses }).notNull().default("running"),
    /** Closed pause intervals [{ from, to }] and the open one's start. */
    pausedIntervals: jsonb("paused_intervals").notNull().default([]),
    pausedSince: date("paused_since", { mode: "string" }),
    extendedDays: integer("extended_days").notNull().default(0),
    provisional: boolean("provisional").notNull().default(false),
    calendarVersion: text("calendar_version").notNull(),
    explanation: jsonb("explanation").notNull().default([]),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("deadlines_running_idx").on(t.status, t.dueDate),
    index("deadlines_case_idx").on(t.caseId, t.kind),
    check("deadlines_status_check", sql`${t.status} in ('running','paused','met','missed','cancelled')`),
  ],
);

/** Work to do after commit (notifications, documents to render): delivered at least once by a dispatcher. */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    topic: text("topic").notNull(),
    caseId: uuid("case_id"),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    lastError: text("last_error"),
  },
  (t) => [index("outbox_pending_idx").on(t.dispatchedAt, t.availableAt)],
);

export type Case = typeof cases.$inferSelect;
export type NewCase = typeof cases.$inferInsert;
export type Deadline = typeof deadlines.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
