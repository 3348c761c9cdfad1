// Roles of the portal. Staff roles are held within an organ (role_memberships); a user with none is a citizen.
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

/** Roles that count as staff for the shorter idle timeout. */
export const staffRoles: readonly Role[] = ["center_clerk", "reconsideration_staff", "office_head", "committee_member", "respondent_agent", "admin"];
