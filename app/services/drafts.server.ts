// Drafts of applications (草稿): saved on the server at every step and as the citizen types, several at once, only
// ever visible to their owner. A draft has no legal effect; it becomes a filing only when submitted.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { drafts, files, type DraftKind } from "../../db/schema/index";

export const MAX_OPEN_DRAFTS = 20;
/** A draft's stored answers are bounded (the steps' own limits are far below this). */
export const MAX_DRAFT_BYTES = 512 * 1024;

export type DraftData = Record<string, unknown>;

export async function createDraft(ownerId: string, kind: DraftKind, data: DraftData, step: string, q: Queryable = getDb()) {
  const [{ open }] = await q
    .select({ open: sql<number>`count(*)::int` })
    .from(drafts)
    .where(and(eq(drafts.ownerId, ownerId), isNull(drafts.submittedCaseId)));
  if (open >= MAX_OPEN_DRAFTS) return { ok: false as const, error: "errors.tooManyDrafts" };
  const [row] = await q.insert(drafts).values({ ownerId, kind, data, step }).returning();
  return { ok: true as const, draft: row };
}

export async function listDrafts(ownerId: string, q: Queryable = getDb()) {
  return q
    .select({ id: drafts.id, kind: drafts.kind, step: drafts.step, data: drafts.data, createdAt: drafts.createdAt, updatedAt: drafts.updatedAt })
    .from(drafts)
    .where(and(eq(drafts.ownerId, ownerId), isNull(drafts.submittedCaseId)))
    .orderBy(desc(drafts.updatedAt));
}

/** The owner's draft, or null (also for someone else's draft: existence is not revealed). */
export async function getDraft(ownerId: string, draftId: string, q: Queryable = getDb()) {
  if (!/^[0-9a-f-]{36}$/i.test(draftId)) return null;
  const [row] = await q
    .select()
    .from(drafts)
    .where(and(eq(drafts.id, draftId), eq(drafts.ownerId, ownerId)));
  return row ?? null;
}

/** Stores one step's raw answers (what the form posted), valid or not: nothing the citizen typed is lost. */
export async function saveDraftStep(ownerId: string, draftId: string, step: string, values: unknown, options: { nextStep?: string; q?: Queryable } = {}) {
  const q = options.q ?? getDb();
  const draft = await getDraft(ownerId, draftId, q);
  if (!draft || draft.submittedCaseId) return { ok: false as const, error: "errors.draftGone" };
  const data = { ...(draft.data as DraftData), [step]: values };
  if (JSON.stringify(data).length > MAX_DRAFT_BYTES) return { ok: false as const, error: "errors.textTooLong" };
  await q
    .update(drafts)
    .set({ data, step: options.nextStep ?? draft.step, updatedAt: new Date() })
    .where(and(eq(drafts.id, draftId), eq(drafts.ownerId, ownerId)));
  return { ok: true as const };
}

/** Deletes an unsubmitted draft and forgets its uploads' rows (the bytes are removed by the uploads service). */
export async function deleteDraft(ownerId: string, draftId: string, q: Queryable = getDb()) {
  const draft = await getDraft(ownerId, draftId, q);
  if (!draft || draft.submittedCaseId) return { ok: false as const, storageNames: [] as string[] };
  return q.transaction(async (tx) => {
    const removed = await tx.delete(files).where(and(eq(files.draftId, draftId), isNull(files.caseId))).returning({ storageName: files.storageName });
    await tx.delete(drafts).where(eq(drafts.id, draftId));
    return { ok: true as const, storageNames: removed.map((r) => r.storageName) };
  });
}

export async function draftFiles(ownerId: string, draftId: string, q: Queryable = getDb()) {
  return q
    .select()
    .from(files)
    .where(and(eq(files.draftId, draftId), eq(files.ownerId, ownerId), isNull(files.caseId)))
    .orderBy(files.createdAt);
}
