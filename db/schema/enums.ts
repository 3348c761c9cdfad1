// Enumerations declared once and reused by columns, zod schemas and the UI.
export const organLevels = ["region", "league_city", "banner_county", "sumu_township"] as const;
export type OrganLevel = (typeof organLevels)[number];

export const organKinds = ["government", "department", "dispute_center", "mediation_committee", "court"] as const;
export type OrganKind = (typeof organKinds)[number];

export { roles, twoFactorRoles, staffRoles, type Role } from "../../app/domain/roles";

export const calendarDayKinds = ["holiday", "makeup_workday"] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];
