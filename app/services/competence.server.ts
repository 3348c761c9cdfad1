// Organ lookups for the citizen forms: the public search of respondents by name, and the competent reconsideration
// organ for a respondent (the rule is app/domain/competent-organ.ts; this file only loads the organ records).
import { and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { organs } from "../../db/schema/index";
import { deriveCompetentOrgan, type CompetentOrgan, type OrganNode } from "~/domain/competent-organ";

const nodeColumns = {
  id: organs.id,
  code: organs.code,
  name: organs.name,
  kind: organs.kind,
  level: organs.level,
  parentId: organs.parentId,
  divisionCode: organs.divisionCode,
  isVertical: organs.isVertical,
  verticalCategory: organs.verticalCategory,
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Administrative organs (governments and departments) whose name contains every word of `q`. Names are public. */
export async function searchRespondentOrgans(q: string, options: { limit?: number; db?: Queryable } = {}): Promise<OrganNode[]> {
  const words = q
    .normalize("NFKC")
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 5);
  if (words.length === 0) return [];
  const db = options.db ?? getDb();
  return (await db
    .select(nodeColumns)
    .from(organs)
    .where(and(inArray(organs.kind, ["government", "department"]), ...words.map((w) => ilike(organs.name, `%${escapeLike(w.slice(0, 50))}%`))))
    .orderBy(sql`length(${organs.name})`, asc(organs.sortOrder))
    .limit(options.limit ?? 20)) as OrganNode[];
}

export async function organById(id: string, db: Queryable = getDb()): Promise<OrganNode | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select(nodeColumns).from(organs).where(eq(organs.id, id));
  return row as OrganNode | undefined;
}

/** The competent reconsideration organ for a respondent (Arts. 24–28), or null when the respondent does not exist. */
export async function competentOrganFor(respondentId: string, db: Queryable = getDb()): Promise<{ respondent: OrganNode; result: CompetentOrgan } | null> {
  const respondent = await organById(respondentId, db);
  if (!respondent) return null;
  // Load the chain up to the root plus the organs the rule may name by code (the local government, the higher justice).
  const byId = new Map<string, OrganNode>([[respondent.id, respondent]]);
  let current: OrganNode | undefined = respondent;
  for (let i = 0; i < 6 && current?.parentId; i++) {
    const parent: OrganNode | undefined = byId.get(current.parentId) ?? (await organById(current.parentId, db));
    if (!parent) break;
    byId.set(parent.id, parent);
    current = parent;
  }
  const codes = [respondent.divisionCode, ...[...byId.values()].filter((o) => o.kind === "government").map((o) => `${o.code}-justice`)];
  const extra = (await db.select(nodeColumns).from(organs).where(or(inArray(organs.code, codes)))) as OrganNode[];
  const byCode = new Map<string, OrganNode>();
  for (const o of [...byId.values(), ...extra]) {
    byCode.set(o.code, o);
    byId.set(o.id, o);
  }
  return { respondent, result: deriveCompetentOrgan(respondent, { byId: (id) => byId.get(id), byCode: (code) => byCode.get(code) }) };
}

/** The dispute center of a 旗县 or 盟市 (its division code), where mediation requests land. */
export async function disputeCenterFor(divisionCode: string, db: Queryable = getDb()): Promise<OrganNode | undefined> {
  const [row] = await db.select(nodeColumns).from(organs).where(and(eq(organs.code, `${divisionCode}-center`), eq(organs.kind, "dispute_center")));
  return row as OrganNode | undefined;
}

/** 盟市 and their 旗县 (governments), for the division picker of the mediation form. */
export async function listDivisions(db: Queryable = getDb()): Promise<{ code: string; name: string; level: string; parentCode: string | null }[]> {
  const rows = await db
    .select({ code: organs.code, name: organs.name, level: organs.level, parentId: organs.parentId, id: organs.id })
    .from(organs)
    .where(and(eq(organs.kind, "government"), inArray(organs.level, ["league_city", "banner_county"])))
    .orderBy(asc(organs.sortOrder));
  const codeById = new Map(rows.map((r) => [r.id, r.code]));
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentId ? (codeById.get(r.parentId) ?? null) : null }));
}
