// The respondent agency workspace (issue 5 req. 6): the cases against the organs a respondent_agent acts for, once the
// application copy was served (Art. 48 / 54(1)); the copy, the documents served on the respondent, the reply period;
// and the written reply with evidence and legal basis, filed together with the machine's FILE_REPLY in one transaction.
// A case of another respondent organ, or one whose copy was not served yet, does not exist for the agent.
import { and, asc, desc, eq, exists, inArray } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable } from "../../db/client";
import { caseDocuments, caseParties, cases, deadlines, files, organs, respondentReplies, users } from "../../db/schema/index";
import { fieldErrors, type Application } from "~/domain/application";
import { todayInShanghai } from "~/domain/calendar";
import type { CaseState } from "~/domain/machines/reconsideration";
import type { ShownDeadline } from "~/domain/deadlines";
import type { ExplanationStep } from "~/domain/periods";
import { membershipCovers, permissions } from "~/domain/policy";
import { dueColour, type DueColour } from "~/domain/queue";
import { CASE_NUMBER_PATTERN } from "~/domain/receipt";
import {
  COPY_SERVED_DOCUMENT,
  evidenceFileField,
  filledEvidence,
  isEvidenceFileField,
  readReplyForm,
  replyPeriodKeys,
  replyPeriodOf,
  ReplyFormSchema,
  respondentDocumentKinds,
} from "~/domain/reply";
import type { RenderedDocument } from "~/domain/documents";
import type { Role } from "~/domain/roles";
import { renderedOf } from "./documents.server";
import { organPath, organSubtreeIds } from "./organs.server";
import type { CurrentUser } from "./session.server";
import { maskIdNumberTail } from "./staff-cases.server";
import { applyCommandInTransaction, Rejected } from "./transitions.server";
import { discardUploads, removeStoredFiles, tryStoreUpload, type ReceivedFile } from "./uploads.server";

/** The roles of the workspace (policy "respondent:reply"): everyone else gets 403. */
export const agencyRoles: readonly Role[] = permissions["respondent:reply"].roles;

const agentMemberships = (user: CurrentUser) => user.memberships.filter((m) => m.role === "respondent_agent");

/** The respondent organs the user acts for: each membership's organ, and the organs below it where it says so. */
async function coveredRespondentOrgans(q: Queryable, user: CurrentUser): Promise<string[]> {
  const ms = agentMemberships(user);
  const below = await organSubtreeIds(
    q,
    ms.filter((m) => m.includeSubordinates).map((m) => m.organId)
  );
  return [...new Set([...ms.map((m) => m.organId), ...below])];
}

const copyServed = (q: Queryable) =>
  exists(
    q
      .select({ id: caseDocuments.id })
      .from(caseDocuments)
      .where(and(eq(caseDocuments.caseId, cases.id), eq(caseDocuments.kind, COPY_SERVED_DOCUMENT)))
  );

export interface ReplyDeadline extends ShownDeadline {
  /** The staff queue's colour rule (app/domain/queue.ts), while the period runs; null once it is closed. */
  colour: DueColour | null;
}

/** The reply deadline of each case: the running (or paused) one, else the last one closed. */
async function replyDeadlines(q: Queryable, caseIds: string[], today: string): Promise<Map<string, ReplyDeadline>> {
  const out = new Map<string, ReplyDeadline>();
  if (caseIds.length === 0) return out;
  const rows = await q
    .select({
      caseId: deadlines.caseId,
      kind: deadlines.kind,
      basis: deadlines.basis,
      startDate: deadlines.startDate,
      dueDate: deadlines.dueDate,
      status: deadlines.status,
      provisional: deadlines.provisional,
      explanation: deadlines.explanation,
    })
    .from(deadlines)
    .where(and(inArray(deadlines.caseId, caseIds), inArray(deadlines.kind, [...replyPeriodKeys])))
    .orderBy(asc(deadlines.createdAt));
  for (const r of rows) {
    const open = r.status === "running" || r.status === "paused";
    const current = out.get(r.caseId);
    if (current && (current.status === "running" || current.status === "paused") && !open) continue;
    out.set(r.caseId, {
      kind: r.kind,
      basis: r.basis,
      startDate: r.startDate,
      dueDate: r.dueDate,
      status: r.status,
      provisional: r.provisional,
      explanation: r.explanation as ExplanationStep[],
      colour: r.status === "running" ? dueColour(r.startDate, r.dueDate, today) : null,
    });
  }
  return out;
}

export interface AgencyCaseRow {
  caseNumber: string;
  state: CaseState["state"];
  organName: string;
  respondentName: string;
  reply: ReplyDeadline | null;
  /** flags.noReply of the machine: Art. 70 applies. */
  noReply: boolean;
  replied: boolean;
}

/** The cases against the user's respondent organs whose copy was served, nearest running reply deadline first. */
export async function listAgencyCases(args: { user: CurrentUser; now?: Date; limit?: number }): Promise<AgencyCaseRow[]> {
  const q = getDb();
  const organIds = await coveredRespondentOrgans(q, args.user);
  if (organIds.length === 0) return [];
  const rows = await q
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      state: cases.state,
      data: cases.data,
      organId: cases.organId,
      respondentOrganId: cases.respondentOrganId,
    })
    .from(cases)
    .where(and(eq(cases.machine, "reconsideration"), inArray(cases.respondentOrganId, organIds), copyServed(q)))
    .orderBy(desc(cases.receivedAt))
    .limit(args.limit ?? 200);
  const ids = rows.map((r) => r.id);
  const today = todayInShanghai(args.now ?? new Date());
  const due = await replyDeadlines(q, ids, today);
  const replied = new Set(
    ids.length
      ? (await q.select({ caseId: respondentReplies.caseId }).from(respondentReplies).where(inArray(respondentReplies.caseId, ids))).map(
          (r) => r.caseId
        )
      : []
  );
  const names = await organNames(
    q,
    rows.flatMap((r) => [r.organId, r.respondentOrganId])
  );
  const list = rows.map((r) => ({
    caseNumber: r.caseNumber ?? "",
    state: r.state as CaseState["state"],
    organName: names.get(r.organId ?? "") ?? "",
    respondentName: names.get(r.respondentOrganId ?? "") ?? "",
    reply: due.get(r.id) ?? null,
    noReply: Boolean((r.data as Partial<CaseState>).flags?.noReply),
    replied: replied.has(r.id),
  }));
  // the cases still waiting for the reply first, by their due date; the rest as received (newest first)
  const running = (r: AgencyCaseRow) => (r.reply && r.reply.colour ? r.reply.dueDate : null);
  return list
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const da = running(a.r);
      const db = running(b.r);
      if (da && db) return da < db ? -1 : da > db ? 1 : a.i - b.i;
      if (da) return -1;
      if (db) return 1;
      return a.i - b.i;
    })
    .map(({ r }) => r);
}

async function organNames(q: Queryable, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await q.select({ id: organs.id, name: organs.name }).from(organs).where(inArray(organs.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The case by number, if it is a reconsideration case against an organ the user acts for and its copy was served. */
async function findAgencyCase(q: Queryable, user: CurrentUser, caseNumber: string) {
  if (!CASE_NUMBER_PATTERN.test(caseNumber) || agentMemberships(user).length === 0) return null;
  const [row] = await q
    .select({
      id: cases.id,
      machine: cases.machine,
      state: cases.state,
      data: cases.data,
      version: cases.version,
      caseNumber: cases.caseNumber,
      organId: cases.organId,
      respondentOrganId: cases.respondentOrganId,
      receivedAt: cases.receivedAt,
      filing: cases.filing,
    })
    .from(cases)
    .where(and(eq(cases.caseNumber, caseNumber), copyServed(q)));
  if (!row || row.machine !== "reconsideration" || !row.respondentOrganId) return null;
  const path = await organPath(q, row.respondentOrganId);
  if (!agentMemberships(user).some((m) => membershipCovers(m, path))) return null;
  return { ...row, respondentOrganId: row.respondentOrganId };
}

// ---------------------------------------------------------------------------------------------------------------
// The filed reply, as both sides see it.

export interface ReplyView {
  filedAt: string;
  filedByName: string;
  organName: string;
  reply: string;
  legalBasis: string;
  evidenceAndBasisSubmitted: boolean;
  evidence: {
    description: string;
    fileId: string | null;
    fileName: string | null;
  }[];
}

/**
 * The respondent's reply on a case (the latest, should there ever be two), for the staff case page: the caller has
 * already established that the user handles the case (getStaffCase). Null when no reply was filed.
 */
export async function getReplyForStaff(caseId: string, q: Queryable = getDb()): Promise<ReplyView | null> {
  const [row] = await q
    .select({
      filedAt: respondentReplies.filedAt,
      filedByName: users.displayName,
      organName: organs.name,
      reply: respondentReplies.reply,
      legalBasis: respondentReplies.legalBasis,
      evidence: respondentReplies.evidence,
      evidenceAndBasisSubmitted: respondentReplies.evidenceAndBasisSubmitted,
    })
    .from(respondentReplies)
    .innerJoin(users, eq(users.id, respondentReplies.filedBy))
    .innerJoin(organs, eq(organs.id, respondentReplies.organId))
    .where(eq(respondentReplies.caseId, caseId))
    .orderBy(desc(respondentReplies.filedAt))
    .limit(1);
  if (!row) return null;
  const items = (Array.isArray(row.evidence) ? row.evidence : []) as {
    description?: unknown;
    fileId?: unknown;
  }[];
  const fileIds = items.map((e) => (typeof e.fileId === "string" ? e.fileId : null)).filter((id): id is string => Boolean(id));
  const fileRows = fileIds.length
    ? await q
        .select({ id: files.id, originalName: files.originalName })
        .from(files)
        .where(and(inArray(files.id, fileIds), eq(files.caseId, caseId)))
    : [];
  return {
    filedAt: row.filedAt.toISOString(),
    filedByName: row.filedByName,
    organName: row.organName,
    reply: row.reply,
    legalBasis: row.legalBasis,
    evidenceAndBasisSubmitted: row.evidenceAndBasisSubmitted,
    evidence: items.map((e) => {
      const fileId = typeof e.fileId === "string" ? e.fileId : null;
      const file = fileRows.find((f) => f.id === fileId);
      return {
        description: String(e.description ?? ""),
        fileId: file ? file.id : null,
        fileName: file?.originalName ?? null,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The case page.

export interface AgencyCase {
  caseNumber: string;
  state: CaseState["state"];
  version: number;
  procedure: "ordinary" | "simplified";
  receivedAt: string | null;
  organName: string;
  respondentName: string;
  /** The application copy (Art. 48): parties (ID numbers masked but for the last 4), act, requests, evidence list. */
  copy: {
    parties: {
      role: string;
      kind: string;
      name: string;
      idNumber: string | null;
      creditCode: string | null;
      legalRepresentative: string | null;
      address: string | null;
      agentType: string | null;
      organisation: string | null;
    }[];
    act: {
      actTitle: string;
      actDocumentNumber: string | null;
      actKind: string;
      madeOn: string;
      learnedOn: string;
      failureToAct: string;
      normativeDocument: string | null;
      compensationClaim: string | null;
    } | null;
    requests: { requests: string; factsAndReasons: string } | null;
    evidence: string[];
  };
  documents: {
    id: string;
    kind: string;
    title: string | null;
    number: string | null;
    basis: string;
    issuedAt: string;
  }[];
  replyPeriod: {
    workingDays: number;
    basis: string;
    deadline: ReplyDeadline | null;
  };
  noReply: boolean;
  reply: ReplyView | null;
  /** The machine takes a reply only while the case awaits it (T11); otherwise the page explains why not. */
  canFile: boolean;
}

/** The case for the agency page, or null (→ 404) when it does not exist for the user. */
export async function getAgencyCase(args: { user: CurrentUser; caseNumber: string; now?: Date }): Promise<AgencyCase | null> {
  const q = getDb();
  const row = await findAgencyCase(q, args.user, args.caseNumber);
  if (!row) return null;
  const names = await organNames(q, [row.organId, row.respondentOrganId]);
  const partyRows = await q
    .select({
      role: caseParties.role,
      kind: caseParties.kind,
      name: caseParties.name,
      details: caseParties.details,
      position: caseParties.position,
    })
    .from(caseParties)
    .where(eq(caseParties.caseId, row.id))
    .orderBy(asc(caseParties.position));
  const roleOrder = ["applicant", "representative", "agent", "third_party"];
  const parties = partyRows
    .filter((p) => roleOrder.includes(p.role))
    .sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.position - b.position);
  const documentRows = await q
    .select({
      id: caseDocuments.id,
      kind: caseDocuments.kind,
      title: caseDocuments.title,
      number: caseDocuments.number,
      basis: caseDocuments.basis,
      issuedAt: caseDocuments.issuedAt,
    })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, row.id), inArray(caseDocuments.kind, [...respondentDocumentKinds])))
    .orderBy(asc(caseDocuments.issuedAt));
  const today = todayInShanghai(args.now ?? new Date());
  const deadline = (await replyDeadlines(q, [row.id], today)).get(row.id) ?? null;
  const data = row.data as CaseState;
  const procedure = data.procedure === "simplified" ? "simplified" : "ordinary";
  const period = replyPeriodOf(procedure);
  const filing = (row.filing ?? {}) as { application?: Partial<Application> };
  const application = filing.application;
  const act = application?.act;
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const reply = await getReplyForStaff(row.id, q);
  return {
    caseNumber: row.caseNumber!,
    state: row.state as CaseState["state"],
    version: row.version,
    procedure,
    receivedAt: row.receivedAt?.toISOString() ?? null,
    organName: names.get(row.organId ?? "") ?? "",
    respondentName: names.get(row.respondentOrganId) ?? "",
    copy: {
      parties: parties.map((p) => {
        const d = (p.details ?? {}) as Record<string, unknown>;
        const id = str(d.idNumber);
        return {
          role: p.role,
          kind: p.kind,
          name: p.name,
          idNumber: id ? maskIdNumberTail(id) : null,
          creditCode: str(d.creditCode),
          legalRepresentative: str(d.legalRepresentative),
          address: str(d.address),
          agentType: p.role === "agent" ? str(d.type) : null,
          organisation: str(d.organisation),
        };
      }),
      act: act
        ? {
            actTitle: act.actTitle ?? "",
            actDocumentNumber: str(act.actDocumentNumber),
            actKind: act.actKind ?? "other",
            madeOn: act.madeOn ?? "",
            learnedOn: act.learnedOn ?? "",
            failureToAct: act.failureToAct ?? "",
            normativeDocument: act.normativeReview === "yes" ? str(act.normativeDocument) : null,
            compensationClaim: act.compensation === "yes" ? str(act.compensationClaim) : null,
          }
        : null,
      requests: application?.requests
        ? {
            requests: application.requests.requests,
            factsAndReasons: application.requests.factsAndReasons,
          }
        : null,
      evidence: (application?.evidence?.evidence ?? []).map((e) => e.description),
    },
    documents: documentRows.map((d) => ({
      ...d,
      issuedAt: d.issuedAt.toISOString(),
    })),
    replyPeriod: {
      workingDays: period.workingDays,
      basis: period.basis,
      deadline,
    },
    noReply: Boolean(data.flags?.noReply),
    reply,
    canFile: row.state === "AWAITING_REPLY" && reply === null,
  };
}

export interface AgencyDocument {
  id: string;
  caseNumber: string;
  kind: string;
  title: string | null;
  number: string | null;
  basis: string;
  issuedAt: string;
  /** The frozen text as issued (app/domain/documents.ts); null for a document issued before templates existed. */
  rendered: RenderedDocument | null;
}

/** One document served on the respondent (respondentDocumentKinds) of a case the user may see; null → 404. */
export async function getAgencyDocument(args: { user: CurrentUser; caseNumber: string; documentId: string | undefined }): Promise<AgencyDocument | null> {
  if (!args.documentId || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(args.documentId)) return null;
  const q = getDb();
  const row = await findAgencyCase(q, args.user, args.caseNumber);
  if (!row) return null;
  const [doc] = await q
    .select({
      id: caseDocuments.id,
      kind: caseDocuments.kind,
      title: caseDocuments.title,
      number: caseDocuments.number,
      basis: caseDocuments.basis,
      issuedAt: caseDocuments.issuedAt,
      content: caseDocuments.content,
    })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.id, args.documentId), eq(caseDocuments.caseId, row.id), inArray(caseDocuments.kind, [...respondentDocumentKinds])));
  if (!doc) return null;
  const { content, ...rest } = doc;
  return { ...rest, caseNumber: row.caseNumber!, issuedAt: doc.issuedAt.toISOString(), rendered: renderedOf(content) };
}

/** Whether the case exists for the user (an action answers 404 before it looks at the form). */
export async function agencyCaseExists(args: { user: CurrentUser; caseNumber: string }): Promise<boolean> {
  return (await findAgencyCase(getDb(), args.user, args.caseNumber)) !== null;
}

// ---------------------------------------------------------------------------------------------------------------
// Filing the reply.

export type FileReplyResult =
  | { ok: true; state: string; version: number; noReply: boolean }
  | {
      ok: false;
      status: 400 | 404 | 409 | 413;
      code: string;
      errors?: Record<string, string>;
      /** A message key; `message`/`messageEn` are the machine's own words. */
      formError?: string;
      message?: string;
      messageEn?: string;
      values?: Record<string, string>;
    };

const VersionSchema = z.coerce.number().int().nonnegative();

class FileRefused extends Error {
  constructor(readonly status: 400 | 404 | 413, readonly error: string, readonly field: string) {
    super(error);
  }
}

/**
 * T11: the written reply with its evidence and legal basis (Art. 48, simplified Art. 54(1)). One transaction: the
 * machine's FILE_REPLY on the version the user saw (stale → 409, changes nothing), the evidence files (purpose
 * "reply"), the respondent_replies row. The machine decides whether a reply is taken (only while the case awaits it)
 * and whether Art. 70 applies (no evidence and basis, or filed late). Any refusal writes nothing and keeps no file.
 */
export async function fileReply(args: {
  user: CurrentUser;
  caseNumber: string;
  fields: FormData;
  files: ReceivedFile[];
  now?: Date;
  requestId?: string;
  dataDir?: string;
}): Promise<FileReplyResult> {
  const stored: string[] = [];
  try {
    const q = getDb();
    const row = await findAgencyCase(q, args.user, args.caseNumber);
    if (!row)
      return {
        ok: false,
        status: 404,
        code: "NOT_FOUND",
        formError: "agency.errors.notFound",
      };
    const strings: [string, string][] = [];
    for (const [k, v] of args.fields.entries()) if (typeof v === "string") strings.push([k, v]);
    const values = Object.fromEntries(strings.filter(([k]) => k !== "csrf" && k !== "version"));
    const version = VersionSchema.safeParse(args.fields.get("version"));
    const fileFields = args.files.map((f) => f.field);
    if (!version.success || fileFields.some((f) => !isEvidenceFileField(f)) || new Set(fileFields).size !== fileFields.length)
      return {
        ok: false,
        status: 400,
        code: "BAD_REQUEST",
        formError: "errors.badRequest",
        values,
      };
    const parsed = ReplyFormSchema.safeParse(readReplyForm(strings, fileFields));
    if (!parsed.success)
      return {
        ok: false,
        status: 400,
        code: "INVALID_FORM",
        errors: fieldErrors(parsed.error),
        formError: "errors.formHasErrors",
        values,
      };
    const form = parsed.data;
    const now = args.now ?? new Date();

    const result = await q.transaction(async (tx) => {
      const applied = await applyCommandInTransaction(tx, {
        caseId: row.id,
        expectedVersion: version.data,
        command: {
          type: "FILE_REPLY",
          evidenceAndBasisSubmitted: form.evidenceAndBasisSubmitted === "yes",
        },
        actor: {
          role: "respondent_agent",
          userId: args.user.id,
          relation: "respondent",
        },
        actorUserId: args.user.id,
        now,
        requestId: args.requestId,
      });
      const evidence: { description: string; fileId: string | null }[] = [];
      for (const item of filledEvidence(form)) {
        const field = evidenceFileField(item.index);
        const received = args.files.find((f) => f.field === field);
        let fileId: string | null = null;
        if (received) {
          const r = await tryStoreUpload(tx, {
            ownerId: args.user.id,
            caseId: row.id,
            purpose: "reply",
            label: item.description,
            received,
            dataDir: args.dataDir,
          });
          if (!r.ok) throw new FileRefused(r.status, r.error, field);
          stored.push(r.file.storageName);
          fileId = r.file.id;
        }
        evidence.push({ description: item.description, fileId });
      }
      await tx.insert(respondentReplies).values({
        caseId: row.id,
        organId: row.respondentOrganId,
        filedBy: args.user.id,
        reply: form.reply,
        legalBasis: form.legalBasis,
        evidence,
        evidenceAndBasisSubmitted: form.evidenceAndBasisSubmitted === "yes",
        filedAt: now,
      });
      return applied;
    });
    const next = (await q.select({ data: cases.data }).from(cases).where(eq(cases.id, row.id)))[0]?.data as Partial<CaseState> | undefined;
    return {
      ok: true,
      state: result.state,
      version: result.version,
      noReply: Boolean(next?.flags?.noReply),
    };
  } catch (error) {
    await removeStoredFiles(stored, { dataDir: args.dataDir });
    if (error instanceof FileRefused)
      return {
        ok: false,
        status: error.status === 404 ? 400 : error.status,
        code: "FILE_REFUSED",
        errors: { [error.field]: error.error },
        formError: "agency.errors.fileRefused",
      };
    if (error instanceof Rejected && !error.rejection.ok) {
      const reason = error.rejection.reason;
      const status = reason.code === "VERSION_CONFLICT" ? 409 : reason.code === "NOT_FOUND" ? 404 : 400;
      return {
        ok: false,
        status,
        code: reason.code,
        message: reason.message,
        messageEn: reason.messageEn,
      };
    }
    throw error;
  } finally {
    // files not stored (a refusal before or inside the transaction): their temporary copies go
    await discardUploads(args.files);
  }
}
