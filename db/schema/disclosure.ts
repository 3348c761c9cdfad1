// Issue 7 reqs. 2–4: public disclosure of decisions (anonymised copies approved by a reviewer), the register of
// administrative lawsuits with the head's court appearance (出庭应诉, DOMAIN.md 14.01–14.11), and the documents'
// fixed wording as administrators edit it.
import { sql } from "drizzle-orm";
import { check, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { caseDocuments } from "./filing";
import { organs } from "./organs";
import { users } from "./users";

export const publicationStatuses = ["proposed", "approved", "rejected", "withdrawn"] as const;
export type PublicationStatus = (typeof publicationStatuses)[number];

/**
 * A decision proposed for publication: the anonymised copy (app/domain/anonymise.ts) as produced and as the reviewer
 * corrected it; public only once approved (status "approved", published_at set). One live proposal per document.
 */
export const decisionPublications = pgTable(
  "decision_publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** The issued 决定书 (case_documents) the copy is made from. */
    documentId: uuid("document_id")
      .notNull()
      .references(() => caseDocuments.id),
    /** The organ that decided (for the public list and its filter). */
    organId: uuid("organ_id")
      .notNull()
      .references(() => organs.id),
    status: text("status", { enum: publicationStatuses }).notNull().default("proposed"),
    /** The public title, e.g. "某某诉呼和浩特市某局行政处罚行政复议决定书" (anonymised). */
    title: text("title").notNull(),
    /** The anonymised full text, as generated and then as corrected by the reviewer. */
    anonymisedText: text("anonymised_text").notNull(),
    /** What the anonymiser removed, by kind: { name: 3, id_number: 1, … } (no values). */
    redactions: jsonb("redactions").notNull().default({}),
    /** The decision's kind (维持, 撤销, …) and date, for filters. */
    decisionKind: text("decision_kind"),
    decidedOn: date("decided_on", { mode: "string" }),
    proposedBy: uuid("proposed_by").references(() => users.id),
    proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewNote: text("review_note"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** The proposer's statements: { actDisclosure, noSecrets } (Art. 79(1); 政府信息公开条例 第十四条、第十五条). */
    basis: jsonb("basis").notNull().default({}),
    /** Taken down after publication: when, by whom, why (the review note stays as the reviewer wrote it). */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id),
    withdrawReason: text("withdraw_reason"),
  },
  (t) => [
    uniqueIndex("decision_publications_live_idx").on(t.documentId).where(sql`${t.status} in ('proposed','approved')`),
    index("decision_publications_public_idx").on(t.status, t.publishedAt),
    index("decision_publications_text_trgm_idx").using("gin", sql`${t.anonymisedText} gin_trgm_ops`),
    check("decision_publications_status_check", sql`${t.status} in ('proposed','approved','rejected','withdrawn')`),
  ],
);

export const lawsuitInstances = ["first", "second", "retrial"] as const;

/**
 * The register of administrative lawsuits against an organ (出庭应诉): one row per instance (审级; each instance counts
 * separately, DOMAIN.md 14.04) with its court hearings and who appeared for the organ at each — the shape of
 * CourtInstance in app/domain/statistics.ts, which computes the head appearance rate from it.
 */
export const courtAppearances = pgTable(
  "court_appearances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The sued organ. */
    organId: uuid("organ_id")
      .notNull()
      .references(() => organs.id),
    court: text("court").notNull(),
    /** The court's case number (案号) of this instance, e.g. (2026)内01行初12号. */
    lawsuitNumber: text("lawsuit_number").notNull(),
    /** The first instance's case number, tying the instances of one lawsuit together (null on the first instance). */
    firstInstanceNumber: text("first_instance_number"),
    instance: text("instance", { enum: lawsuitInstances }).notNull(),
    cause: text("cause").notNull(),
    /** The day the organ was served the suit or appeal: places an instance not heard in court in a period. */
    registeredOn: date("registered_on", { mode: "string" }).notNull(),
    /** [{ on, appeared (an AppearanceRole or null), appearedName?, headRenotified? }]: the hearings held (开庭). */
    hearings: jsonb("hearings").notNull().default([]),
    /** Why no qualifying head appeared (force majeure, …, SPC 2020 Arts. 8–9, DOMAIN.md 14.05). */
    absenceReason: text("absence_reason"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("court_appearances_number_idx").on(t.organId, t.lawsuitNumber),
    index("court_appearances_period_idx").on(t.organId, t.registeredOn),
    check("court_appearances_instance_check", sql`${t.instance} in ('first','second','retrial')`),
  ],
);

/** An administrator's version of a document template's fixed wording: { paragraphKey: text }, over the code's defaults. */
export const documentTemplateTexts = pgTable("document_template_texts", {
  kind: text("kind").primaryKey(),
  wording: jsonb("wording").notNull().default({}),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type DecisionPublication = typeof decisionPublications.$inferSelect;
export type CourtAppearance = typeof courtAppearances.$inferSelect;
