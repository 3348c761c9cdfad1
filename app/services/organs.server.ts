// Reading the organ hierarchy, always scoped to the organs the actor's memberships cover.
import { and, asc, count, eq, ilike, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Queryable } from "../../db/client";
import { organs } from "../../db/schema/index";
import type { CurrentUser } from "./session.server";

/** Ids of the organs at and below the given roots (recursive walk over parent_id). */
export async function organSubtreeIds(q: Queryable, rootIds: readonly string[]): Promise<string[]> {
  let frontier = [...new Set(rootIds)];
  const seen = new Set(frontier);
  while (frontier.length) {
    const children = await q.select({ id: organs.id }).from(organs).where(inArray(organs.parentId, frontier));
    frontier = children.map((c) => c.id).filter((id) => !seen.has(id));
    frontier.forEach((id) => seen.add(id));
  }
  return [...seen];
}

/** The path from the top of the hierarchy down to the organ (for can(actor, action, { type: "organ", organPath })). */
export async function organPath(q: Queryable, organId: string): Promise<string[]> {
  const path: string[] = [];
  let current: string | null = organId;
  while (current && path.length < 10) {
    path.unshift(current);
    const [row]: { parentId: string | null }[] = await q.select({ parentId: organs.parentId }).from(organs).where(eq(organs.id, current));
    current = row?.parentId ?? null;
  }
  return path;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listOrgans(args: { actor: CurrentUser; q: string; limit: number }) {
  const db = getDb();
  const adminRoots = args.actor.memberships.filter((m) => m.role === "admin");
  const scoped = [
    ...adminRoots.filter((m) => !m.includeSubordinates).map((m) => m.organId),
    ...(await organSubtreeIds(
      db,
      adminRoots.filter((m) => m.includeSubordinates).map((m) => m.organId),
    )),
  ];
  if (scoped.length === 0) return { rows: [], total: 0 };
  const parent = alias(organs, "parent");
  const where = and(inArray(organs.id, scoped), args.q ? ilike(organs.name, `%${escapeLike(args.q)}%`) : undefined);
  const [{ total }] = await db.select({ total: count() }).from(organs).where(where);
  const rows = await db
    .select({
      id: organs.id,
      code: organs.code,
      name: organs.name,
      level: organs.level,
      kind: organs.kind,
      isVertical: organs.isVertical,
      parentName: parent.name,
    })
    .from(organs)
    .leftJoin(parent, eq(parent.id, organs.parentId))
    .where(where)
    .orderBy(asc(organs.sortOrder), asc(organs.code))
    .limit(args.limit);
  void sql;
  return { rows, total: Number(total) };
}
