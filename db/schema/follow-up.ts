// Issue 6: the reconsideration committee (roster, conflicts register, consultations with their members, questions and
// answers, recusal requests), reports on opinion letters and on performance (agency workspace), and the delivery of
// notifications by channel (outbox dispatcher). Consultations and letters themselves are `cases` rows (machine
// "consultation" / "letter", parent_case_id → the reconsideration case) run by app/domain/machines.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cases, outbox } from "./cases";
import { organs } from "./organs";
import { users } from "./users";

/** 行政复议委员会: one per reconsideration organ (a government at the league/city level or above, Reg. 6.18). */
export const committees = pgTable("committees", {
  id: uuid("id").primaryKey().defaultRandom(),
  organId: uuid("organ_id")
    .notNull()
    .unique()
    .references(() => organs.id),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const committeeMemberKinds = ["department", "expert"] as const;
export type CommitteeMemberKind = (typeof committeeMemberKinds)[number];

/** A member of a committee: a department's representative or an expert/scholar, with fields of expertise. */
export const committeeMembers = pgTable(
  "committee_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    committeeId: uuid("committee_id")
      .notNull()
      .references(() => committees.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: committeeMemberKinds }).notNull(),
    /** 工作单位 as the member states it (an organ, a university, a law firm). */
    employer: text("employer").notNull(),
    /** The organ the member works for, when it is one of the portal's organs (excluded from cases against it). */
    employerOrganId: uuid("employer_organ_id").references(() => organs.id),
    /** Fields of expertise: keys of app/domain/committee.ts (e.g. "market_regulation", "land", "public_security"). */
    fields: jsonb("fields").$type<string[]>().notNull().default([]),
    available: boolean("available").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("committee_members_user_idx").on(t.committeeId, t.userId), check("committee_members_kind_check", sql`${t.kind} in ('department','expert')`)],
);

export const memberConflictKinds = ["employer", "organ_link", "party_link", "earlier_involvement"] as const;
export type MemberConflictKind = (typeof memberConflictKinds)[number];

/** The conflict-of-interest register: a member's links to organs and parties, and earlier involvement in an act. */
export const memberConflicts = pgTable(
  "member_conflicts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => committeeMembers.id),
    kind: text("kind", { enum: memberConflictKinds }).notNull(),
    /** The organ the link is with (employer, organ_link, earlier_involvement). */
    organId: uuid("organ_id").references(() => organs.id),
    /** The party the link is with (party_link): a person's or an organisation's name as on filings. */
    partyName: text("party_name"),
    /** The case the earlier involvement was in. */
    caseId: uuid("case_id").references(() => cases.id),
    note: text("note").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    /** A register entry is ended, never deleted. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("member_conflicts_member_idx").on(t.memberId)],
);

/**
 * A member assigned to a consultation. The member sees the (masked) file only after declaring no conflict; a declared
 * conflict or a granted recusal removes them (removedAt, with the reason) and with it any access.
 */
export const consultationMembers = pgTable(
  "consultation_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => cases.id),
    memberId: uuid("member_id")
      .notNull()
      .references(() => committeeMembers.id),
    assignedBy: uuid("assigned_by")
      .notNull()
      .references(() => users.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
    declaredAt: timestamp("declared_at", { withTimezone: true }),
    /** false: declared no conflict (may see the file); true: declared a conflict (removed). */
    declaredConflict: boolean("declared_conflict"),
    declarationNote: text("declaration_note"),
    /** The member's separate opinion (个人意见), kept verbatim. */
    separateOpinion: text("separate_opinion"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** Present at the meeting (meeting round only). */
    attended: boolean("attended"),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    removedReason: text("removed_reason"),
  },
  (t) => [uniqueIndex("consultation_members_idx").on(t.consultationId, t.memberId), index("consultation_members_member_idx").on(t.memberId)],
);

/** A question put to the committee (one or more per referral). */
export const consultationQuestions = pgTable(
  "consultation_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => cases.id),
    position: integer("position").notNull(),
    text: text("text").notNull(),
  },
  (t) => [uniqueIndex("consultation_questions_idx").on(t.consultationId, t.position)],
);

export const answerPositions = ["agree", "disagree", "abstain"] as const;
export type AnswerPosition = (typeof answerPositions)[number];

/** A member's answer to one question: agree / disagree / abstain with the reasoning, verbatim. */
export const memberAnswers = pgTable(
  "member_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    questionId: uuid("question_id")
      .notNull()
      .references(() => consultationQuestions.id),
    memberId: uuid("member_id")
      .notNull()
      .references(() => committeeMembers.id),
    position: text("position", { enum: answerPositions }).notNull(),
    reasoning: text("reasoning").notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("member_answers_idx").on(t.questionId, t.memberId), check("member_answers_position_check", sql`${t.position} in ('agree','disagree','abstain')`)],
);

/** A party's recusal request (回避申请) against a member, decided with reasons. */
export const recusalRequests = pgTable(
  "recusal_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consultationId: uuid("consultation_id")
      .notNull()
      .references(() => cases.id),
    memberId: uuid("member_id")
      .notNull()
      .references(() => committeeMembers.id),
    /** Who asked: the party's name as on the case. */
    requestedBy: text("requested_by").notNull(),
    reason: text("reason").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    granted: boolean("granted"),
    decisionReasons: text("decision_reasons"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("recusal_requests_consultation_idx").on(t.consultationId)],
);

export const followUpReportKinds = ["rectification", "performance"] as const;
export type FollowUpReportKind = (typeof followUpReportKinds)[number];

/**
 * A report the receiving organ files in the agency workspace: on an opinion letter (rectification, Art. 76) — the
 * subject is the letter — or on performance of a decision or 调解书 (Art. 77) — the subject is the case. Staff assess it.
 */
export const followUpReports = pgTable(
  "follow_up_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind", { enum: followUpReportKinds }).notNull(),
    organId: uuid("organ_id")
      .notNull()
      .references(() => organs.id),
    filedBy: uuid("filed_by")
      .notNull()
      .references(() => users.id),
    summary: text("summary").notNull(),
    /** [{ description, fileId }] — rows of `files` with purpose "report". */
    attachments: jsonb("attachments").notNull().default([]),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull().defaultNow(),
    adequate: boolean("adequate"),
    assessmentReasons: text("assessment_reasons"),
    assessedBy: uuid("assessed_by").references(() => users.id),
    assessedAt: timestamp("assessed_at", { withTimezone: true }),
  },
  (t) => [index("follow_up_reports_subject_idx").on(t.subjectId), check("follow_up_reports_kind_check", sql`${t.kind} in ('rectification','performance')`)],
);

export const deliveryChannels = ["inbox", "email", "sms"] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

/**
 * One delivery of one outbox message to one recipient on one channel. The idempotency key (outbox id + recipient +
 * channel) is unique: a dispatcher that crashed after sending and runs again finds the row and does not send twice.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    outboxId: uuid("outbox_id")
      .notNull()
      .references(() => outbox.id),
    channel: text("channel", { enum: deliveryChannels }).notNull(),
    userId: uuid("user_id").references(() => users.id),
    /** The address used: an email address, a phone number, or the user id for the inbox. */
    address: text("address").notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    /** "sending" while claimed; "sent" once the channel accepted it; "failed" after the last attempt. */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    providerMessageId: text("provider_message_id"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("notification_deliveries_outbox_idx").on(t.outboxId),
    check("notification_deliveries_channel_check", sql`${t.channel} in ('inbox','email','sms')`),
    check("notification_deliveries_status_check", sql`${t.status} in ('sending','sent','failed')`),
  ],
);
