// Administration (issue 7 req. 4): the forms of /admin and the rules they check — the organ hierarchy (levels, no
// cycles), role memberships, leave periods, the holiday calendar as a State Council notice lists it, and the typed
// input of a setting. Pure; error messages are message keys of the "admin" area (app/locales/areas/admin.ts).
import * as z from "zod/mini";
import { RegisterSchema, normalizePhone } from "./account";
import { isValidIsoDate, SUPPORTED_YEARS, weekdayOf, type IsoDate } from "./calendar";
import { roles, type Role } from "./roles";
import { settingDefinitions, type SettingKey } from "./settings";
import "~/locales/areas/admin";

// ---------------------------------------------------------------------------------------------------------------
// Organs. The values are those of the organs table's check constraints (db/schema/enums.ts; tests/unit/admin.test.ts
// keeps the two lists equal).

export const organLevelOrder = ["region", "league_city", "banner_county", "sumu_township"] as const;
export type OrganLevelValue = (typeof organLevelOrder)[number];
export const organKindValues = ["government", "department", "dispute_center", "mediation_committee", "court"] as const;
export type OrganKindValue = (typeof organKindValues)[number];

/**
 * Whether an organ of this kind may sit at this level under that parent. The hierarchy of people's governments is
 * autonomous region → 盟市 → 旗县 → 苏木乡镇 (《地方各级人民代表大会和地方各级人民政府组织法》第二条), so a government sits one
 * level below the government above it; any other organ sits at its parent's level (a department of a government) or
 * one below (a vertically managed office under the system's office above, a court under the higher court). Only the
 * autonomous region's government has no parent.
 */
export function organLevelAllowed(
  kind: OrganKindValue,
  level: OrganLevelValue,
  parent: { level: OrganLevelValue; kind: OrganKindValue } | null,
): boolean {
  if (!parent) return kind === "government" && level === "region";
  const below = organLevelOrder[organLevelOrder.indexOf(parent.level) + 1];
  if (kind === "government") return parent.kind === "government" && level === below;
  return level === parent.level || level === below;
}

/** Moving an organ under a parent whose path (root first) contains the organ itself would make a cycle. */
export function parentMakesCycle(organId: string, parentPath: readonly string[]): boolean {
  return parentPath.includes(organId);
}

const checkbox = z.pipe(
  z.optional(z.string()),
  z.transform((v: string | undefined) => v === "yes" || v === "on" || v === "true"),
);

const optionalText = (max: number, message: string) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, message))),
    z.transform((v: string | undefined) => (v ? v : null)),
  );

export const OrganFormSchema = z.object({
  name: z.string({ error: "admin.errors.organName" }).check(z.trim(), z.minLength(2, "admin.errors.organName"), z.maxLength(100, "admin.errors.organName")),
  /** Division code (6 digits), with a lower-case suffix for a body inside a government: 150100, 150100-police. */
  code: z
    .string({ error: "admin.errors.organCode" })
    .check(z.trim(), z.regex(/^\d{6}(-[a-z0-9]+(-[a-z0-9]+)*)?$/, "admin.errors.organCode"), z.maxLength(60, "admin.errors.organCode")),
  kind: z.enum(organKindValues, { error: "admin.errors.organKind" }),
  level: z.enum(organLevelOrder, { error: "admin.errors.organLevel" }),
  /** The parent's code (the list shows every code); empty only for the autonomous region's government. */
  parentCode: z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(60, "admin.errors.organParent"))),
    z.transform((v: string | undefined) => (v ? v : null)),
  ),
  isVertical: checkbox,
  verticalCategory: optionalText(50, "admin.errors.tooLong"),
  documentPrefix: optionalText(20, "admin.errors.tooLong"),
});
export type OrganFormInput = z.infer<typeof OrganFormSchema>;

/** The division code part of an organ code ("150100-police" → "150100"). */
export const divisionCodeOf = (code: string): string => code.slice(0, 6);

// ---------------------------------------------------------------------------------------------------------------
// Users and memberships.

export const UserSearchSchema = z.object({
  q: z.catch(z.string().check(z.trim(), z.maxLength(50)), ""),
  page: z.catch(z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000)), 1),
});
export const USERS_PAGE_SIZE = 20;

const displayName = z.string({ error: "errors.nameRequired" }).check(z.trim(), z.minLength(1, "errors.nameRequired"), z.maxLength(50, "errors.nameTooLong"));
const email = z.pipe(
  z.optional(
    z.string().check(
      z.trim(),
      z.toLowerCase(),
      z.maxLength(254, "admin.errors.email"),
      z.refine((v) => v === "" || z.email().safeParse(v).success, "admin.errors.email"),
    ),
  ),
  z.transform((v: string | undefined) => (v ? v : null)),
);
const phone = z.pipe(
  z.optional(
    z.string().check(
      z.trim(),
      z.maxLength(20, "admin.errors.phone"),
      z.refine((v) => v === "" || normalizePhone(v) !== null, "admin.errors.phone"),
    ),
  ),
  z.transform((v: string | undefined) => (v ? normalizePhone(v) : null)),
);

export const UserProfileSchema = z
  .object({ displayName, email, phone })
  .check(z.refine((v) => v.email !== null || v.phone !== null, { path: ["email"], message: "admin.errors.contactRequired" }));

/** Roles an administrator can give: every role held within an organ (a citizen is a user with none, roles.ts). */
export const assignableRoles = roles.filter((r): r is Exclude<Role, "citizen"> => r !== "citizen");

export const MembershipFormSchema = z.object({
  role: z.enum(assignableRoles, { error: "admin.errors.role" }),
  /** The organ's code, as the organ list shows it. */
  organCode: z.string({ error: "admin.errors.organ" }).check(z.trim(), z.minLength(6, "admin.errors.organ"), z.maxLength(60, "admin.errors.organ")),
  includeSubordinates: checkbox,
});

/** A staff account: its first role and organ, and an initial password under the same rules as a citizen's. */
export const CreateStaffUserSchema = z
  .object({
    displayName,
    email,
    phone,
    password: RegisterSchema.shape.password,
    confirmPassword: z.string({ error: "errors.confirmRequired" }).check(z.minLength(1, "errors.confirmRequired")),
    role: MembershipFormSchema.shape.role,
    organCode: MembershipFormSchema.shape.organCode,
    includeSubordinates: checkbox,
  })
  .check(
    z.refine((v) => v.email !== null || v.phone !== null, { path: ["email"], message: "admin.errors.contactRequired" }),
    z.refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" }),
  );

export interface LeaveRange {
  fromDate: IsoDate;
  toDate: IsoDate;
}

/** Two leave periods of one person overlap when each starts on or before the other's last day (both days inclusive). */
export function overlappingLeave<L extends LeaveRange>(existing: readonly L[], next: LeaveRange): L | undefined {
  return existing.find((l) => l.fromDate <= next.toDate && next.fromDate <= l.toDate);
}

// ---------------------------------------------------------------------------------------------------------------
// The holiday calendar: one State Council notice (国务院办公厅关于…部分节假日安排的通知) as lines of days.

export const calendarRegions = ["CN", "150000"] as const;

export const CalendarNoticeSchema = z.object({
  region: z.enum(calendarRegions, { error: "admin.errors.region" }),
  source: z.string({ error: "admin.errors.source" }).check(z.trim(), z.minLength(2, "admin.errors.source"), z.maxLength(200, "admin.errors.source")),
  lines: z.string({ error: "admin.errors.lines" }).check(z.trim(), z.minLength(10, "admin.errors.lines"), z.maxLength(20_000, "admin.errors.lines")),
});

export interface NoticeDay {
  day: IsoDate;
  kind: "holiday" | "makeup_workday";
  name: string;
}

const kindWords: Record<string, NoticeDay["kind"]> = {
  holiday: "holiday",
  放假: "holiday",
  休: "holiday",
  休息: "holiday",
  makeup_workday: "makeup_workday",
  workday: "makeup_workday",
  上班: "makeup_workday",
  班: "makeup_workday",
  调休上班: "makeup_workday",
};

export type NoticeLineError = { line: number; text: string; error: "format" | "date" | "kind" | "name" | "duplicate" | "makeup_weekday" };

/**
 * Parses "2027-01-01 holiday 元旦" lines (kind also 放假/休 or 上班/班). Each date at most once; a 调休 make-up working day
 * is a weekend day declared a working day (放假办法 Arts. 6–7, DOMAIN.md 11.08), so it must fall on a Saturday or Sunday.
 */
export function parseNoticeLines(text: string): { ok: true; days: NoticeDay[] } | { ok: false; errors: NoticeLineError[] } {
  const days: NoticeDay[] = [];
  const errors: NoticeLineError[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const parts = line.split(/[\s,，\t]+/).filter(Boolean);
    const at = { line: i + 1, text: line.slice(0, 80) };
    if (parts.length < 3) return void errors.push({ ...at, error: parts.length === 2 ? "name" : "format" });
    const [day, kindWord, ...nameParts] = parts;
    const year = Number(day.slice(0, 4));
    if (!isValidIsoDate(day) || year < SUPPORTED_YEARS.first || year > SUPPORTED_YEARS.last) return void errors.push({ ...at, error: "date" });
    const kind = kindWords[kindWord.toLowerCase()] ?? kindWords[kindWord];
    if (!kind) return void errors.push({ ...at, error: "kind" });
    const name = nameParts.join(" ").trim();
    if (!name || name.length > 30) return void errors.push({ ...at, error: "name" });
    if (seen.has(day)) return void errors.push({ ...at, error: "duplicate" });
    const weekday = weekdayOf(day);
    if (kind === "makeup_workday" && weekday !== 0 && weekday !== 6) return void errors.push({ ...at, error: "makeup_weekday" });
    seen.add(day);
    days.push({ day, kind, name });
  });
  if (errors.length) return { ok: false, errors };
  if (days.length === 0) return { ok: false, errors: [{ line: 0, text: "", error: "format" }] };
  return { ok: true, days: days.sort((a, b) => a.day.localeCompare(b.day)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Settings: the form posts text; the setting's own zod schema (settings.ts) decides whether the value is allowed.

/** The typed value of a setting's form input, by the type of its default; the schema check follows in updateSetting. */
export function settingInput(key: SettingKey, raw: string): unknown {
  const def = settingDefinitions[key].default;
  const text = raw.trim();
  if (typeof def === "boolean") return text === "true" ? true : text === "false" ? false : text;
  if (typeof def === "number") return /^-?\d+$/.test(text) ? Number(text) : text;
  return text;
}

export const SettingFormSchema = z.object({
  key: z.enum(Object.keys(settingDefinitions) as [SettingKey, ...SettingKey[]], { error: "admin.errors.setting" }),
  value: z.string({ error: "admin.errors.settingValue" }).check(z.maxLength(100, "admin.errors.settingValue")),
});

// ---------------------------------------------------------------------------------------------------------------
// Documents' fixed wording (app/domain/template-wording.ts).

export const TemplateWordingFormSchema = z
  .object({
    kind: z.string().check(z.minLength(1), z.maxLength(60)),
    key: z.string().check(z.minLength(1), z.maxLength(60)),
    intent: z.enum(["save", "reset"]),
    text: z._default(z.optional(z.string().check(z.trim(), z.maxLength(2000, "admin.errors.wordingLong"))), ""),
  })
  .check(z.refine((v) => v.intent === "reset" || v.text.length >= 5, { path: ["text"], message: "admin.errors.wordingShort" }));
