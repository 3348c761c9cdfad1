import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { organs } from "./organs";
import { users } from "./users";

export const draftKinds = ["reconsideration", "mediation"] as const;
export type DraftKind = (typeof draftKinds)[number];

/** A citizen's unfinished application: no legal effect until submitted (then `submittedCaseId` is set). */
export const drafts = pgTable(
  "drafts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: draftKinds }).notNull(),
    /** The answers so far, step by step, as the form holds them (validated on each step, not as a whole). */
    data: jsonb("data").notNull().default({}),
    /** The last step the citizen reached. */
    step: text("step").notNull(),
    submittedCaseId: uuid("submitted_case_id").references(() => cases.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("drafts_owner_idx").on(t.ownerId, t.updatedAt), check("drafts_kind_check", sql`${t.kind} in ('reconsideration','mediation')`)],
);

export const filePurposes = ["evidence", "power_of_attorney", "supplement", "identity", "reply", "oral_record", "report"] as const;
export type FilePurpose = (typeof filePurposes)[number];

/**
 * An uploaded file. The bytes live under DATA_DIR/uploads/<storageName> (a server-generated name); the type is the one
 * sniffed from the bytes. A file belongs first to a draft, then to the case it was filed with.
 */
export const files = pgTable(
  "files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    draftId: uuid("draft_id").references(() => drafts.id),
    caseId: uuid("case_id").references(() => cases.id),
    purpose: text("purpose", { enum: filePurposes }).notNull(),
    /** The name the citizen's device gave it (shown only; never used as a path). */
    originalName: text("original_name").notNull(),
    mediaType: text("media_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    storageName: text("storage_name").notNull().unique(),
    /** What the file is about: an evidence description, or the supplement item it answers. */
    label: text("label"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("files_case_idx").on(t.caseId),
    index("files_draft_idx").on(t.draftId),
    check("files_media_type_check", sql`${t.mediaType} in ('application/pdf','image/jpeg','image/png')`),
  ],
);

/** The people on a filing: applicants, representatives, agents, third parties; the other party of a mediation. */
export const caseParties = pgTable(
  "case_parties",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    role: text("role").notNull(),
    /** "person" or "organisation". */
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    /** The account of this party, when it has one (the filer). */
    userId: uuid("user_id").references(() => users.id),
    details: jsonb("details").notNull().default({}),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    index("case_parties_case_idx").on(t.caseId),
    index("case_parties_user_idx").on(t.userId),
    check("case_parties_role_check", sql`${t.role} in ('applicant','representative','agent','third_party','other_party')`),
  ],
);

/**
 * A document issued on a case (补正通知书, 受理通知书, …), and its service on one recipient. Electronic service needs
 * the recipient's recorded consent (CPL Art. 90): `servedAt` is when it reached the portal account; `firstOpenedAt`
 * when the recipient first opened it.
 */
export const caseDocuments = pgTable(
  "case_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** A document key of app/domain/machines/common.ts. */
    kind: text("kind").notNull(),
    basis: text("basis").notNull(),
    /** The fields of the document (items of a supplement notice, …). */
    content: jsonb("content").notNull().default({}),
    recipientUserId: uuid("recipient_user_id").references(() => users.id),
    serviceMethod: text("service_method"),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    servedAt: timestamp("served_at", { withTimezone: true }),
    firstOpenedAt: timestamp("first_opened_at", { withTimezone: true }),
    /** The issuing organ: the 文号 is counted per organ, year and kind (document_number_counters). */
    organId: uuid("organ_id").references(() => organs.id),
    /** The 文号, e.g. 呼政复〔2026〕17号; null for records that carry none (听取意见记录, …). */
    number: text("number"),
    year: integer("year"),
    serial: integer("serial"),
    /** The document's title (its Chinese name of DOMAIN.md §19). */
    title: text("title"),
    /** SHA-256 (hex) over the canonical content when issued: the document is frozen; a correction is a new document. */
    contentHash: text("content_hash"),
    /** The document this one corrects, if any. */
    correctsId: uuid("corrects_id"),
    issuedBy: uuid("issued_by").references(() => users.id),
  },
  (t) => [
    index("case_documents_case_idx").on(t.caseId),
    index("case_documents_recipient_idx").on(t.recipientUserId),
    uniqueIndex("case_documents_number_idx").on(t.organId, t.kind, t.year, t.serial),
  ],
);

/** The last 文号 serial issued per organ, document kind and year: incremented in the issuing transaction (gap-free). */
export const documentNumberCounters = pgTable(
  "document_number_counters",
  {
    organId: uuid("organ_id")
      .notNull()
      .references(() => organs.id),
    kind: text("kind").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organId, t.kind, t.year] })],
);

export const serviceMethods = ["electronic", "in_person", "post", "public_notice"] as const;
export type ServiceMethod = (typeof serviceMethods)[number];

/**
 * 送达回证: the service of one document on one recipient (DOMAIN.md 9.17–9.18). Electronic only with consent: `reachedAt`
 * is when it reached the recipient's portal inbox, `firstOpenedAt` when first opened. Public notice is deemed served
 * 30 days after publication (`servedOn` = publication + 30 days).
 */
export const documentServices = pgTable(
  "document_services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => caseDocuments.id),
    /** applicant | agent | respondent | third_party | other_party */
    recipientRole: text("recipient_role").notNull(),
    recipientName: text("recipient_name").notNull(),
    recipientUserId: uuid("recipient_user_id").references(() => users.id),
    recipientOrganId: uuid("recipient_organ_id").references(() => organs.id),
    method: text("method", { enum: serviceMethods }).notNull(),
    /** Electronic: reached the inbox; post: delivered; in person: handed over; public notice: published. */
    reachedAt: timestamp("reached_at", { withTimezone: true }),
    firstOpenedAt: timestamp("first_opened_at", { withTimezone: true }),
    /** The legal service date (public notice: publication + 30 days). */
    servedOn: date("served_on", { mode: "string" }),
    /** Who signed the receipt, or a note that the recipient refused (留置送达). */
    signer: text("signer"),
    refused: boolean("refused").notNull().default(false),
    note: text("note"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("document_services_document_idx").on(t.documentId),
    index("document_services_user_idx").on(t.recipientUserId),
    check("document_services_method_check", sql`${t.method} in ('electronic','in_person','post','public_notice')`),
  ],
);

/** The citizen's consent to electronic service on a case (CPL Art. 90), recorded once with its time. */
export const serviceConsents = pgTable(
  "service_consents",
  {
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    consentedAt: timestamp("consented_at", { withTimezone: true }).notNull().defaultNow(),
    /** The address of service: the portal account (and its e-mail). */
    address: text("address").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] })],
);

/** 好差评: one rating per case and citizen, once the case is closed. */
export const ratings = pgTable(
  "ratings",
  {
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    score: smallint("score").notNull(),
    comment: text("comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), check("ratings_score_check", sql`${t.score} between 1 and 5`)],
);

/** Gap-free case numbers: one counter row per (prefix, organ, year), taken under a row lock in the filing transaction. */
export const caseNumberCounters = pgTable(
  "case_number_counters",
  {
    prefix: text("prefix").notNull(),
    organId: uuid("organ_id")
      .notNull()
      .references(() => organs.id),
    year: integer("year").notNull(),
    last: integer("last").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.organId, t.year] })],
);

export type Draft = typeof drafts.$inferSelect;
export type StoredFile = typeof files.$inferSelect;
export type CaseParty = typeof caseParties.$inferSelect;
export type CaseDocument = typeof caseDocuments.$inferSelect;
