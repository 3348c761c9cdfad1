// Issued documents of a case: the printable document for the staff of the case's organ, its 送达回证 (one row per
// recipient and service), and recording a service (DOMAIN.md 9.17–9.18; CPL Arts. 87–95). Numbers and content are
// never changed here: an issued document is frozen (a correction is a new document).
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { caseDocuments, caseParties, documentServices, organs, serviceConsents } from "../../db/schema/index";
import { parseIsoDate, todayInShanghai } from "~/domain/calendar";
import {
  renderServiceReceipt,
  serviceDate,
  serviceRecordMethods,
  type RenderedDocument,
  type ServiceReceipt,
  type ServiceRecordMethod,
} from "~/domain/documents";
import type { CurrentUser } from "./session.server";
import { findHandledCase } from "./staff-cases.server";
import { applyCommandInTransaction, Rejected } from "./transitions.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ServiceRecipientOption {
  value: string;
  name: string;
  role: string;
}

export interface StaffDocument {
  id: string;
  caseNumber: string;
  kind: string;
  title: string;
  number: string | null;
  basis: string;
  issuedAt: string;
  contentHash: string | null;
  correctsId: string | null;
  document: RenderedDocument | null;
  receipt: ServiceReceipt;
  recipients: ServiceRecipientOption[];
}

/** The rendered text of a stored document, or null for documents issued before templates existed. */
export function renderedOf(content: unknown): RenderedDocument | null {
  const doc = (content as { document?: unknown } | null)?.document;
  return doc && typeof doc === "object" && Array.isArray((doc as RenderedDocument).paragraphs) ? (doc as RenderedDocument) : null;
}

async function findDocument(q: Queryable, user: CurrentUser, caseNumber: string, documentId: string | undefined) {
  if (!documentId || !UUID.test(documentId)) return null;
  const handled = await findHandledCase(q, user, caseNumber);
  if (!handled) return null;
  const [doc] = await q
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.id, documentId), eq(caseDocuments.caseId, handled.id)));
  return doc ? { handled, doc } : null;
}

/** Who a document can be served on: the parties of the case and the respondent organ. */
async function recipientsOf(q: Queryable, caseId: string, respondentOrganId: string | null): Promise<ServiceRecipientOption[]> {
  const parties = await q
    .select({ id: caseParties.id, role: caseParties.role, name: caseParties.name })
    .from(caseParties)
    .where(eq(caseParties.caseId, caseId))
    .orderBy(asc(caseParties.role), asc(caseParties.position));
  const out = parties.map((p) => ({ value: `party:${p.id}`, name: p.name, role: p.role }));
  if (respondentOrganId) {
    const [organ] = await q.select({ id: organs.id, name: organs.name }).from(organs).where(eq(organs.id, respondentOrganId));
    if (organ) out.push({ value: `organ:${organ.id}`, name: organ.name, role: "respondent" });
  }
  return out;
}

/** One document of a case the user handles, with its 送达回证; null (→ 404) outside the user's organs. */
export async function getStaffDocument(args: { user: CurrentUser; caseNumber: string; documentId: string | undefined }): Promise<StaffDocument | null> {
  const q = getDb();
  const found = await findDocument(q, args.user, args.caseNumber, args.documentId);
  if (!found) return null;
  const { doc, handled } = found;
  const services = await q
    .select()
    .from(documentServices)
    .where(eq(documentServices.documentId, doc.id))
    .orderBy(asc(documentServices.recordedAt));
  const document = renderedOf(doc.content);
  const title = doc.title ?? document?.title ?? doc.kind;
  return {
    id: doc.id,
    caseNumber: args.caseNumber,
    kind: doc.kind,
    title,
    number: doc.number,
    basis: doc.basis,
    issuedAt: doc.issuedAt.toISOString(),
    contentHash: doc.contentHash,
    correctsId: doc.correctsId,
    document,
    receipt: renderServiceReceipt(
      { title, number: doc.number, organName: document?.organName ?? "" },
      services.map((s) => ({
        recipientName: s.recipientName,
        recipientRole: s.recipientRole,
        method: s.method,
        reachedAt: s.reachedAt?.toISOString() ?? null,
        firstOpenedAt: s.firstOpenedAt?.toISOString() ?? null,
        servedOn: s.servedOn,
        signer: s.signer,
        refused: s.refused,
        note: s.note,
      })),
    ),
    recipients: await recipientsOf(q, handled.id, handled.respondentOrganId),
  };
}

/** The service form: who, how, when, who signed (or the refusal note). Messages are locale keys. */
export const RecordServiceSchema = z.object({
  recipient: z.string({ error: "documents.error.recipient" }).regex(/^(party|organ):[0-9a-f-]{36}$/i, "documents.error.recipient"),
  method: z.enum(serviceRecordMethods, { error: "documents.error.method" }),
  date: z
    .string({ error: "documents.error.date" })
    .refine((v) => parseIsoDate(v) !== null, "documents.error.date"),
  signer: z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim() : null), z.string().max(200, "documents.error.tooLong").nullable()),
  refused: z.preprocess((v) => v === "on" || v === "yes" || v === true, z.boolean()),
  note: z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim() : null), z.string().max(1000, "documents.error.tooLong").nullable()),
});
export type RecordServiceInput = z.infer<typeof RecordServiceSchema>;

export type RecordServiceResult =
  | { ok: true; servedOn: string }
  /** `message`/`messageEn`: the machine's own words when it refused (error "documents.error.machine"). */
  | { ok: false; status: 400 | 404 | 409; error: string; basis?: string; message?: string; messageEn?: string };

/**
 * Records one service of a document on one recipient. Electronic service is refused unless the recipient consented
 * (CPL Art. 90(1)); public notice is deemed served 30 days after publication (Art. 95); in person and post need the
 * signer (Arts. 87, 91), a refusal in person the note of it (Art. 89). Nothing is written when refused.
 */
export async function recordService(args: {
  user: CurrentUser;
  caseNumber: string;
  documentId: string | undefined;
  input: RecordServiceInput;
  now?: Date;
  requestId?: string;
}): Promise<RecordServiceResult> {
  try {
    return await recordServiceInTransaction(args);
  } catch (error) {
    // The machine refused the service date (or the case moved on meanwhile): nothing was written.
    if (!(error instanceof Rejected) || error.rejection.ok) throw error;
    const reason = error.rejection.reason;
    return { ok: false, status: reason.code === "VERSION_CONFLICT" ? 409 : 400, error: "documents.error.machine", message: reason.message, messageEn: reason.messageEn };
  }
}

async function recordServiceInTransaction(args: Parameters<typeof recordService>[0]): Promise<RecordServiceResult> {
  const now = args.now ?? new Date();
  const date = args.input.date;
  return getDb().transaction(async (tx) => {
    const found = await findDocument(tx, args.user, args.caseNumber, args.documentId);
    if (!found) return { ok: false, status: 404, error: "errors.notFound" };
    const { doc, handled } = found;
    const [kind, id] = args.input.recipient.split(":") as ["party" | "organ", string];
    let recipient: { role: string; name: string; userId: string | null; organId: string | null } | null = null;
    if (kind === "party") {
      const [p] = await tx
        .select({ role: caseParties.role, name: caseParties.name, userId: caseParties.userId })
        .from(caseParties)
        .where(and(eq(caseParties.id, id), eq(caseParties.caseId, handled.id)));
      if (p) recipient = { role: p.role, name: p.name, userId: p.userId, organId: null };
    } else if (id === handled.respondentOrganId) {
      const [o] = await tx.select({ name: organs.name }).from(organs).where(eq(organs.id, id));
      if (o) recipient = { role: "respondent", name: o.name, userId: null, organId: id };
    }
    if (!recipient) return { ok: false, status: 400, error: "documents.error.recipient" };

    let consented = false;
    if (args.input.method === "electronic" && recipient.userId) {
      const [c] = await tx
        .select({ consentedAt: serviceConsents.consentedAt })
        .from(serviceConsents)
        .where(and(eq(serviceConsents.caseId, handled.id), eq(serviceConsents.userId, recipient.userId)));
      consented = !!c && c.consentedAt.getTime() <= now.getTime();
    }
    // Electronic service is on the day it reaches the inbox: today, whatever date was typed (CPL Art. 90(2)).
    const today = todayInShanghai(now);
    if (args.input.method !== "electronic" && date > today) return { ok: false, status: 400, error: "documents.error.futureDate" };
    const result = serviceDate({
      method: args.input.method as ServiceRecordMethod,
      date: args.input.method === "electronic" ? today : date,
      signer: args.input.refused ? (args.input.note ?? args.input.signer) : args.input.signer,
      refused: args.input.refused,
      recipientConsented: consented,
    });
    if (!result.ok) return { ok: false, status: 400, error: `documents.error.${result.code}`, basis: result.basis };
    const servedOn = result.servedOn;
    await tx.insert(documentServices).values({
      documentId: doc.id,
      recipientRole: recipient.role,
      recipientName: recipient.name,
      recipientUserId: recipient.userId,
      recipientOrganId: recipient.organId,
      method: args.input.method,
      reachedAt: args.input.method === "electronic" ? now : new Date(`${date}T00:00:00+08:00`),
      servedOn,
      signer: args.input.signer,
      refused: args.input.refused,
      note: args.input.note,
      recordedBy: args.user.id,
      recordedAt: now,
    });
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "document.service_recorded",
      subjectType: "case",
      subjectId: handled.id,
      payload: { documentId: doc.id, kind: doc.kind, method: args.input.method, recipientRole: recipient.role, servedOn, basis: result.basis },
      requestId: args.requestId,
      occurredAt: now,
    });
    // A supplement notice served on the applicant by other means than the portal starts the supplement period on the
    // day of service (Art. 31(2), T3-served): the machine records it in this same transaction.
    const caseState = handled.data as { supplement?: { servedOn?: string | null } };
    if (doc.kind === "supplement_notice" && recipient.role === "applicant" && handled.state === "AWAITING_SUPPLEMENT" && !caseState.supplement?.servedOn) {
      await applyCommandInTransaction(tx, {
        caseId: handled.id,
        expectedVersion: handled.version,
        command: { type: "RECORD_SUPPLEMENT_NOTICE_SERVICE", servedOn, publishedOn: args.input.method === "public_notice" ? date : undefined },
        actor: { role: handled.role, userId: args.user.id },
        actorUserId: args.user.id,
        now,
        requestId: args.requestId,
      });
      await tx
        .update(caseDocuments)
        .set({ servedAt: args.input.method === "electronic" ? now : new Date(`${servedOn}T00:00:00+08:00`), serviceMethod: args.input.method })
        .where(and(eq(caseDocuments.id, doc.id), isNull(caseDocuments.servedAt)));
    }
    return { ok: true, servedOn };
  });
}

/**
 * The citizen opened a document served electronically on them: the first time is recorded on their 送达回证 row too
 * (DOMAIN.md 9.18: the time it reached the inbox and the time first opened). Idempotent.
 */
export async function recordServiceOpened(q: Queryable, args: { documentId: string; userId: string; now: Date }): Promise<void> {
  await q
    .update(documentServices)
    .set({ firstOpenedAt: args.now })
    .where(
      and(
        eq(documentServices.documentId, args.documentId),
        eq(documentServices.recipientUserId, args.userId),
        eq(documentServices.method, "electronic"),
        isNull(documentServices.firstOpenedAt),
      ),
    );
}
