// Authorization in one place: can(actor, action, resource). Pure: the caller supplies the actor's memberships and,
// for organ-scoped resources, the organ's path from the root of the hierarchy (autonomous region first).
import type { Role } from "./roles";

export interface Membership {
  role: Role;
  organId: string;
  includeSubordinates: boolean;
}

export interface Actor {
  userId: string;
  memberships: readonly Membership[];
}

export type Resource =
  | { type: "site" }
  | { type: "organ"; organPath: readonly string[] }
  | { type: "user"; userId: string };

/** Which roles may take each action. Organ-scoped actions also need the resource inside the membership's organ. */
export const permissions = {
  "account:manage": { roles: "self" },
  "workspace:view": { roles: ["center_clerk", "reconsideration_staff", "office_head", "committee_member", "respondent_agent", "admin"] },
  "admin:view": { roles: ["admin"] },
  "organ:view": { roles: ["admin", "center_clerk", "reconsideration_staff", "office_head"] },
  "organ:manage": { roles: ["admin"] },
  "user:manage": { roles: ["admin"] },
  "center:triage": { roles: ["center_clerk"] },
  "case:handle": { roles: ["reconsideration_staff", "office_head"] },
  "case:approve": { roles: ["office_head"] },
  "committee:opine": { roles: ["committee_member"] },
  "respondent:reply": { roles: ["respondent_agent"] },
} as const satisfies Record<string, { roles: readonly Role[] | "self" }>;

export type Action = keyof typeof permissions;

/** A membership covers an organ when it is that organ, or an organ below it and the membership says so. */
export function membershipCovers(m: Membership, organPath: readonly string[]): boolean {
  if (organPath.length === 0) return false;
  if (organPath[organPath.length - 1] === m.organId) return true;
  return m.includeSubordinates && organPath.includes(m.organId);
}

export function can(actor: Actor | null, action: Action, resource: Resource = { type: "site" }): boolean {
  if (!actor) return false;
  const rule = permissions[action];
  if (rule.roles === "self") return resource.type === "user" && resource.userId === actor.userId;
  const allowed = rule.roles as readonly Role[];
  const relevant = actor.memberships.filter((m) => allowed.includes(m.role));
  if (relevant.length === 0) return false;
  if (resource.type === "organ") return relevant.some((m) => membershipCovers(m, resource.organPath));
  if (resource.type === "user") return false;
  return true;
}

export function hasRole(actor: Actor | null, role: Role): boolean {
  if (!actor) return false;
  if (role === "citizen") return actor.memberships.length === 0;
  return actor.memberships.some((m) => m.role === role);
}
