// Enumerations declared once and reused by columns, zod schemas and the UI.
export const organLevels = ["region", "league_city", "banner_county", "sumu_township"] as const;
export type OrganLevel = (typeof organLevels)[number];

export const organKinds = ["government", "department", "dispute_center", "mediation_committee", "court"] as const;
export type OrganKind = (typeof organKinds)[number];

/** Staff roles are scoped to an organ; a citizen needs no membership. */
export const roles = [
  "citizen",
  "center_clerk",
  "reconsideration_staff",
  "office_head",
  "committee_member",
  "respondent_agent",
  "admin",
] as const;
export type Role = (typeof roles)[number];

/** Roles that must enrol and use TOTP two-factor authentication before they get a session. */
export const twoFactorRoles: readonly Role[] = ["center_clerk", "reconsideration_staff", "office_head", "committee_member", "admin"];

export const calendarDayKinds = ["holiday", "makeup_workday"] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];
