import { sql } from "drizzle-orm";
import { check, date, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { calendarDayKinds } from "./enums";

/** Admin-changeable answers to the law's open points (DOMAIN.md, "Decisions for the open questions"). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  description: text("description").notNull(),
  basis: text("basis").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by"),
});

/** Exceptions to the Monday–Friday week: official rest days and 调休 make-up working days, per region ("CN" national, "150000" an IM overlay). */
export const calendarDays = pgTable(
  "calendar_days",
  {
    region: text("region").notNull().default("CN"),
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind", { enum: calendarDayKinds }).notNull(),
    name: text("name").notNull(),
    source: text("source").notNull(),
  },
  (t) => [primaryKey({ columns: [t.region, t.day] }), check("calendar_days_kind_check", sql`${t.kind} in ('holiday','makeup_workday')`)],
);

export type Setting = typeof settings.$inferSelect;
export type CalendarDay = typeof calendarDays.$inferSelect;
