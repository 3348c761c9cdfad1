import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { organKinds, organLevels } from "./enums";

/** The organ hierarchy: autonomous region → 盟市 → 旗县(市、区) → 苏木乡镇(街道), and the bodies inside each government. */
export const organs = pgTable(
  "organs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stable key: division code for governments ("150100"), division code + suffix for bodies inside ("150100-police"). */
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    level: text("level", { enum: organLevels }).notNull(),
    kind: text("kind", { enum: organKinds }).notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => organs.id),
    divisionCode: text("division_code").notNull(),
    /** Art. 27: customs, tax, finance, foreign exchange, state security — reconsideration goes to the next organ up the same system. */
    isVertical: boolean("is_vertical").notNull().default(false),
    verticalCategory: text("vertical_category"),
    sortOrder: integer("sort_order").notNull().default(0),
    /** The organ's short form in document numbers (文号), e.g. 呼政复 in 呼政复〔2026〕17号; derived from the name when null. */
    documentPrefix: text("document_prefix"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("organs_parent_idx").on(t.parentId),
    index("organs_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    check("organs_level_check", sql`${t.level} in ('region','league_city','banner_county','sumu_township')`),
    check("organs_kind_check", sql`${t.kind} in ('government','department','dispute_center','mediation_committee','court')`),
  ],
);

export type Organ = typeof organs.$inferSelect;
export type NewOrgan = typeof organs.$inferInsert;
