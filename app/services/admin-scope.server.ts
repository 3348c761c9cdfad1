// Which organs an administrator covers (their admin memberships, with or without the organs below), and whether they
// are an administrator of the autonomous region — the only ones who change what applies everywhere: settings, the
// holiday calendar and the documents' fixed wording.
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { organs } from "../../db/schema/index";
import { can } from "~/domain/policy";
import { organPath, organSubtreeIds } from "./organs.server";
import { actorOf, type CurrentUser } from "./session.server";

const adminMemberships = (user: CurrentUser) => user.memberships.filter((m) => m.role === "admin");

/** An admin membership at a region-level organ that includes the organs below. */
export async function isRegionAdmin(q: Queryable, user: CurrentUser): Promise<boolean> {
  const roots = adminMemberships(user).filter((m) => m.includeSubordinates).map((m) => m.organId);
  if (roots.length === 0) return false;
  const rows = await q.select({ id: organs.id }).from(organs).where(and(inArray(organs.id, roots), eq(organs.level, "region")));
  return rows.length > 0;
}

/** Ids of every organ the user's admin memberships cover. */
export async function adminOrganIds(q: Queryable, user: CurrentUser): Promise<string[]> {
  const ms = adminMemberships(user);
  return [
    ...new Set([
      ...ms.filter((m) => !m.includeSubordinates).map((m) => m.organId),
      ...(await organSubtreeIds(
        q,
        ms.filter((m) => m.includeSubordinates).map((m) => m.organId),
      )),
    ]),
  ];
}

/** True when the user may manage the organ (policy organ:manage over its path). */
export async function managesOrgan(q: Queryable, user: CurrentUser, organId: string): Promise<boolean> {
  const path = await organPath(q, organId);
  if (path[path.length - 1] !== organId) return false;
  const [exists] = await q.select({ id: organs.id }).from(organs).where(eq(organs.id, organId));
  if (!exists) return false;
  return can(actorOf(user), "organ:manage", { type: "organ", organPath: path });
}

/** What the start page of /admin needs: whether the admin's changes apply everywhere. */
export async function adminOverview(args: { user: CurrentUser }): Promise<{ region: boolean }> {
  return { region: await isRegionAdmin(getDb(), args.user) };
}
