// The administrators' fixed wording of the document templates (table document_template_texts over the defaults of
// app/domain/template-wording.ts): read when a document is issued, listed and edited on /admin/templates.
import { eq } from "drizzle-orm";
import { recordEvent } from "../../db/audit";
import { getDb, type Queryable } from "../../db/client";
import { documentTemplateTexts } from "../../db/schema/index";
import { cleanOverrides, isWordingKind, templateWording, wordingDefinition, wordingKinds, type WordingDefinition, type WordingOverrides } from "~/domain/template-wording";
import { documentDefinitions } from "~/domain/machines/common";
import type { CurrentUser } from "./session.server";
import { isRegionAdmin } from "./admin-scope.server";

/** The overrides of one document kind ({} when none): passed to renderDocument by issueCaseDocument. */
export async function loadTemplateWording(q: Queryable, kind: string): Promise<WordingOverrides> {
  if (!isWordingKind(kind)) return {};
  const [row] = await q.select({ wording: documentTemplateTexts.wording }).from(documentTemplateTexts).where(eq(documentTemplateTexts.kind, kind));
  return cleanOverrides(kind, row?.wording);
}

export interface TemplateParagraphView extends WordingDefinition {
  key: string;
  override: string | null;
}
export interface TemplateKindView {
  kind: string;
  title: string;
  paragraphs: TemplateParagraphView[];
  updatedAt: string | null;
}

/** Every kind with fixed wording, its paragraphs' defaults and current overrides. Region admins only (null otherwise). */
export async function listTemplateWording(args: { user: CurrentUser }): Promise<TemplateKindView[] | null> {
  const db = getDb();
  if (!(await isRegionAdmin(db, args.user))) return null;
  const rows = await db.select({ kind: documentTemplateTexts.kind, wording: documentTemplateTexts.wording, updatedAt: documentTemplateTexts.updatedAt }).from(documentTemplateTexts);
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return wordingKinds.map((kind) => {
    const row = byKind.get(kind);
    const overrides = cleanOverrides(kind, row?.wording);
    const defs = templateWording[kind] as Record<string, WordingDefinition>;
    return {
      kind,
      title: documentDefinitions[kind].zh,
      paragraphs: Object.entries(defs).map(([key, def]) => ({ key, ...def, override: overrides[key] ?? null })),
      updatedAt: row ? row.updatedAt.toISOString() : null,
    };
  });
}

export type WordingResult = { ok: true; changed: boolean } | { ok: false; status: 400 | 403; error: string };

/** Sets (text) or resets (text null) one paragraph's override, recorded with the old and new text. */
export async function setTemplateWording(args: {
  user: CurrentUser;
  kind: string;
  key: string;
  text: string | null;
  now?: Date;
  requestId?: string | null;
}): Promise<WordingResult> {
  if (!wordingDefinition(args.kind, args.key)) return { ok: false, status: 400, error: "admin.templates.errors.unknown" };
  const now = args.now ?? new Date();
  return getDb().transaction(async (tx) => {
    if (!(await isRegionAdmin(tx, args.user))) return { ok: false as const, status: 403 as const, error: "admin.errors.regionOnly" };
    const [row] = await tx.select({ wording: documentTemplateTexts.wording }).from(documentTemplateTexts).where(eq(documentTemplateTexts.kind, args.kind)).for("update");
    const current = cleanOverrides(args.kind, row?.wording);
    const before = current[args.key] ?? null;
    const after = args.text?.trim() ? args.text.trim() : null;
    if (before === after) return { ok: true as const, changed: false };
    const next = { ...current };
    if (after === null) delete next[args.key];
    else next[args.key] = after;
    await tx
      .insert(documentTemplateTexts)
      .values({ kind: args.kind, wording: next, updatedBy: args.user.id, updatedAt: now })
      .onConflictDoUpdate({ target: documentTemplateTexts.kind, set: { wording: next, updatedBy: args.user.id, updatedAt: now } });
    await recordEvent(tx, {
      actorId: args.user.id,
      action: after === null ? "template.wording_reset" : "template.wording_changed",
      subjectType: "document_template",
      subjectId: `${args.kind}.${args.key}`,
      payload: { kind: args.kind, key: args.key, old: before, new: after },
      requestId: args.requestId ?? null,
      occurredAt: now,
    });
    return { ok: true as const, changed: true };
  });
}
