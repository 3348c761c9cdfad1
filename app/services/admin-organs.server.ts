// Administration of the organ hierarchy (issue 7 req. 4): one organ's details, editing it and adding an organ below
// one the administrator covers. The rules (levels, no cycles) are app/domain/admin.ts; each change is recorded with
// the values before and after.
import { and, asc, count, eq, ne } from "drizzle-orm";
import { recordEvent } from "../../db/audit";
import { getDb, type Queryable } from "../../db/client";
import { organs } from "../../db/schema/index";
import { divisionCodeOf, organLevelAllowed, OrganFormSchema, parentMakesCycle, type OrganKindValue, type OrganLevelValue } from "~/domain/admin";
import { fieldErrors } from "~/domain/application";
import { managesOrgan } from "./admin-scope.server";
import { organPath } from "./organs.server";
import type { CurrentUser } from "./session.server";

export interface OrganDetail {
  id: string;
  code: string;
  name: string;
  level: OrganLevelValue;
  kind: OrganKindValue;
  parentId: string | null;
  parentCode: string | null;
  parentName: string | null;
  isVertical: boolean;
  verticalCategory: string | null;
  documentPrefix: string | null;
  children: { id: string; code: string; name: string; kind: OrganKindValue }[];
  /** Whether the admin may also change the parent (not for the top of their own scope: they would lose it). */
  canMove: boolean;
}

const organColumns = {
  id: organs.id,
  code: organs.code,
  name: organs.name,
  level: organs.level,
  kind: organs.kind,
  parentId: organs.parentId,
  isVertical: organs.isVertical,
  verticalCategory: organs.verticalCategory,
  documentPrefix: organs.documentPrefix,
};

/** One organ the admin covers, with its parent and the organs right below; null when not covered (the route: 404). */
export async function getAdminOrgan(args: { user: CurrentUser; organId: string }): Promise<OrganDetail | null> {
  const db = getDb();
  if (!/^[0-9a-f-]{36}$/i.test(args.organId) || !(await managesOrgan(db, args.user, args.organId))) return null;
  const [row] = await db.select(organColumns).from(organs).where(eq(organs.id, args.organId));
  if (!row) return null;
  const [parent] = row.parentId ? await db.select({ code: organs.code, name: organs.name }).from(organs).where(eq(organs.id, row.parentId)) : [];
  const children = await db
    .select({ id: organs.id, code: organs.code, name: organs.name, kind: organs.kind })
    .from(organs)
    .where(eq(organs.parentId, row.id))
    .orderBy(asc(organs.sortOrder), asc(organs.code))
    .limit(300);
  return {
    ...row,
    parentCode: parent?.code ?? null,
    parentName: parent?.name ?? null,
    children,
    canMove: row.parentId !== null && (await managesOrgan(db, args.user, row.parentId)),
  };
}

export type OrganResult =
  | { ok: true; id: string }
  | { ok: false; status: 400 | 404; errors: Record<string, string>; formError: string };

const bad = (errors: Record<string, string>, formError = "errors.formHasErrors"): OrganResult => ({ ok: false, status: 400, errors, formError });
const notFound: OrganResult = { ok: false, status: 404, errors: {}, formError: "admin.errors.notFound" };

type ParentRow = { id: string; level: OrganLevelValue; kind: OrganKindValue };
async function parentByCode(q: Queryable, code: string): Promise<ParentRow | null> {
  const [row]: ParentRow[] = await q
    .select({ id: organs.id, level: organs.level, kind: organs.kind })
    .from(organs)
    .where(eq(organs.code, code));
  return row ?? null;
}

/**
 * Creates (organId null) or updates an organ. The parent must be an organ the admin covers, the organ may not be moved
 * below itself, the level must fit the parent (organLevelAllowed) and the code must be unique.
 */
export async function saveOrgan(args: {
  user: CurrentUser;
  organId: string | null;
  form: Record<string, unknown>;
  now?: Date;
  requestId?: string | null;
}): Promise<OrganResult> {
  const parsed = OrganFormSchema.safeParse(args.form);
  if (!parsed.success) return bad(fieldErrors(parsed.error));
  const input = parsed.data;
  const now = args.now ?? new Date();
  return getDb().transaction(async (tx) => {
    let before: (typeof organs.$inferSelect) | null = null;
    if (args.organId) {
      if (!/^[0-9a-f-]{36}$/i.test(args.organId) || !(await managesOrgan(tx, args.user, args.organId))) return notFound;
      [before] = await tx.select().from(organs).where(eq(organs.id, args.organId)).for("update");
      if (!before) return notFound;
    }
    // the parent: looked up by code, covered by the admin, not the organ itself or one below it
    let parent: ParentRow | null = null;
    if (input.parentCode) {
      parent = await parentByCode(tx, input.parentCode);
      if (!parent || !(await managesOrgan(tx, args.user, parent.id))) return bad({ parentCode: "admin.errors.organParent" });
      if (before && parentMakesCycle(before.id, await organPath(tx, parent.id))) return bad({ parentCode: "admin.errors.organCycle" });
    } else if (!before || before.parentId !== null) {
      return bad({ parentCode: "admin.errors.organParentRequired" });
    }
    if (before && before.parentId !== (parent?.id ?? null) && before.parentId && !(await managesOrgan(tx, args.user, before.parentId))) {
      // the top of the admin's own scope stays where it is
      return bad({ parentCode: "admin.errors.organMoveTop" });
    }
    if (!organLevelAllowed(input.kind, input.level, parent)) return bad({ level: "admin.errors.organLevelParent" });
    if (before && before.level !== input.level) {
      const [{ n }] = await tx.select({ n: count() }).from(organs).where(eq(organs.parentId, before.id));
      if (Number(n) > 0) return bad({ level: "admin.errors.organLevelChildren" });
    }
    const [clash] = await tx
      .select({ id: organs.id })
      .from(organs)
      .where(and(eq(organs.code, input.code), before ? ne(organs.id, before.id) : undefined));
    if (clash) return bad({ code: "admin.errors.organCodeTaken" });
    const values = {
      code: input.code,
      name: input.name,
      level: input.level,
      kind: input.kind,
      parentId: parent?.id ?? null,
      divisionCode: divisionCodeOf(input.code),
      isVertical: input.isVertical,
      verticalCategory: input.isVertical ? input.verticalCategory : null,
      documentPrefix: input.documentPrefix,
    };
    let id: string;
    if (before) {
      await tx.update(organs).set({ ...values, updatedAt: now }).where(eq(organs.id, before.id));
      id = before.id;
      const changedOld: Record<string, unknown> = {};
      const changedNew: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) {
        const old = before[k as keyof typeof before];
        if (old !== v) {
          changedOld[k] = old;
          changedNew[k] = v;
        }
      }
      await recordEvent(tx, { actorId: args.user.id, action: "organ.updated", subjectType: "organ", subjectId: id, payload: { old: changedOld, new: changedNew }, requestId: args.requestId ?? null, occurredAt: now });
    } else {
      const [row] = await tx.insert(organs).values({ ...values, createdAt: now, updatedAt: now }).returning({ id: organs.id });
      id = row.id;
      await recordEvent(tx, { actorId: args.user.id, action: "organ.created", subjectType: "organ", subjectId: id, payload: { old: null, new: values }, requestId: args.requestId ?? null, occurredAt: now });
    }
    return { ok: true as const, id };
  });
}
