// Issue 7 req. 1: administrative mediation (行政调解, DOMAIN.md §16, §12) carried from the center to an agreement or a
// referral. The request itself is a `cases` row (machine "mediation", app/domain/machines/mediation.ts); these tables hold
// what the state object does not: the invitation of the other party, the mediator(s), the sessions with their minutes,
// the agreement's terms and the parties' confirmations, and the follow-up visits (回访) with the performance status.
import { sql } from "drizzle-orm";
import { boolean, check, date, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cases, deadlines } from "./cases";
import { users } from "./users";

export const invitationAnswers = ["accepted", "declined"] as const;
export type InvitationAnswer = (typeof invitationAnswers)[number];

/**
 * The invitation of the other party (人民调解法 第十七条: mediation needs both sides). A link with a random token (only
 * its SHA-256 is stored) goes out by SMS/e-mail through the notification adapters and appears in the portal when the
 * other party has an account; the other party accepts or declines online, or staff record an answer given by phone.
 */
export const mediationInvitations = pgTable(
  "mediation_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** SHA-256 (hex) of the token in the link. */
    tokenHash: text("token_hash").notNull().unique(),
    /** Where the link went: { phone?, email? } as entered by staff (masked in lists). */
    contact: jsonb("contact").notNull().default({}),
    /** The other party's account, when they have one (the invitation then also shows in their portal). */
    inviteeUserId: uuid("invitee_user_id").references(() => users.id),
    invitedBy: uuid("invited_by").references(() => users.id),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    /** The link stops working after this instant (the consent period from settings). */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    answer: text("answer", { enum: invitationAnswers }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** "online" (through the link or the portal) or "recorded" (given to staff, who recorded it). */
    answeredVia: text("answered_via"),
    answerNote: text("answer_note"),
    /** Set when a newer invitation replaces this one (a resend): only the latest counts. */
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [
    index("mediation_invitations_case_idx").on(t.caseId),
    index("mediation_invitations_invitee_idx").on(t.inviteeUserId),
    check("mediation_invitations_answer_check", sql`${t.answer} is null or ${t.answer} in ('accepted','declined')`),
  ],
);

/** A mediator assigned to a request (conflict-checked like committee members: DOMAIN.md 12.24 the parties may object). */
export const mediationMediators = pgTable(
  "mediation_mediators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** The mediator's declaration of no conflict (or the conflict that removed them). */
    declaredNoConflictAt: timestamp("declared_no_conflict_at", { withTimezone: true }),
    assignedBy: uuid("assigned_by").references(() => users.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    removedReason: text("removed_reason"),
  },
  (t) => [index("mediation_mediators_case_idx").on(t.caseId), index("mediation_mediators_user_idx").on(t.userId)],
);

export const sessionModes = ["in_person", "online", "phone"] as const;
export type SessionMode = (typeof sessionModes)[number];

/** A mediation session: scheduled (when, how, where, who), then held with minutes (调解笔录). */
export const mediationSessions = pgTable(
  "mediation_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    mode: text("mode", { enum: sessionModes }).notNull(),
    /** The place (in person) or the meeting link/room (online). */
    place: text("place").notNull(),
    /** [{ name, role }] of who is to attend / attended. */
    participants: jsonb("participants").notNull().default([]),
    minutes: text("minutes"),
    heldAt: timestamp("held_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mediation_sessions_case_idx").on(t.caseId, t.scheduledAt), check("mediation_sessions_mode_check", sql`${t.mode} in ('in_person','online','phone')`)],
);

/**
 * The agreement (调解协议书, 人民调解法 第二十八条、第二十九条): its terms and the performance obligations with dates,
 * each party's confirmation (how and when), and the generated document. One per request.
 */
export const mediationAgreements = pgTable(
  "mediation_agreements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .unique()
      .references(() => cases.id),
    /** The agreed content (协议内容) as text. */
    terms: text("terms").notNull(),
    /** [{ obligor, obligation, dueDate }]: the manner and time of performance (12.26). */
    performanceTerms: jsonb("performance_terms").notNull().default([]),
    /** [{ party, name, confirmedAt, via: "signature" | "online" }]: every party's confirmation. */
    confirmations: jsonb("confirmations").notNull().default([]),
    judicialConfirmationEligible: boolean("judicial_confirmation_eligible").notNull().default(false),
    /** The issued 调解协议书 (case_documents). */
    documentId: uuid("document_id"),
    /** The 30-day judicial-confirmation period, when eligible (民事诉讼法 第二百零五条). */
    confirmationDeadlineId: uuid("confirmation_deadline_id").references(() => deadlines.id),
    signedOn: date("signed_on", { mode: "string" }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
);

export const performanceStatuses = ["pending", "partly_performed", "performed", "breached"] as const;
export type PerformanceStatus = (typeof performanceStatuses)[number];

/** A follow-up visit (回访) after an agreement: how, when, what the parties said, and the performance status found. */
export const mediationFollowUps = pgTable(
  "mediation_follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    visitedOn: date("visited_on", { mode: "string" }).notNull(),
    method: text("method").notNull(),
    performanceStatus: text("performance_status", { enum: performanceStatuses }).notNull(),
    notes: text("notes").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("mediation_follow_ups_case_idx").on(t.caseId, t.visitedOn),
    check("mediation_follow_ups_status_check", sql`${t.performanceStatus} in ('pending','partly_performed','performed','breached')`),
  ],
);

export type MediationInvitation = typeof mediationInvitations.$inferSelect;
export type MediationSession = typeof mediationSessions.$inferSelect;
export type MediationAgreement = typeof mediationAgreements.$inferSelect;
export type MediationFollowUp = typeof mediationFollowUps.$inferSelect;
