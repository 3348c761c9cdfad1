// Uploaded files (issue 4 req. 5): a multipart request is streamed to temporary files while its SHA-256 and size are
// computed, then each file is checked (type from the bytes, per-file and per-case limits), moved under
// <DATA_DIR>/uploads/<random>.<ext> and recorded in `files`. Reading a file back is allowed only to those entitled.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { data, unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import {
  caseParties,
  cases,
  committeeMembers,
  consultationMembers,
  drafts,
  files,
  roleMemberships,
  type FilePurpose,
  type StoredFile,
} from "../../db/schema/index";
import { readConfig } from "~/config.server";
import {
  MAX_FILE_BYTES,
  SNIFF_BYTES,
  checkQuota,
  cleanFileName,
  extensionFor,
  isUploadMediaType,
  sniffMediaType,
  memberSeatReadsCaseFiles,
  staffMayReadCaseFiles,
  type UploadMediaType,
} from "~/domain/uploads";
import { logger } from "~/logger.server";
import { membershipCovers, type Membership } from "~/domain/policy";
import { tokensEqual } from "~/utils/http.server";
import { CSRF_FIELD, type FormFailure } from "./form.server";
import { organPath } from "./organs.server";
import type { CurrentUser } from "./session.server";

/** All text fields of one upload request together (UTF-8 bytes). */
export const MAX_TEXT_BYTES = 100 * 1024;
/** Text fields of one upload request. */
export const MAX_TEXT_FIELDS = 200;
/** Multipart headers and boundaries per part: slack allowed on top of the bytes themselves in the Content-Length check. */
const PART_OVERHEAD_BYTES = 16 * 1024;

const STORAGE_NAME = /^[0-9a-f]{32}\.(pdf|jpg|png)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** <dataDir>/uploads; dataDir defaults to DATA_DIR (read at call time, so tests can point it at a temporary directory). */
export function uploadsDir(dataDir: string = readConfig().dataDir): string {
  return path.resolve(dataDir, "uploads");
}

function tempDir(dataDir?: string): string {
  return path.join(uploadsDir(dataDir), "tmp");
}

async function removeQuietly(file: string | null | undefined): Promise<void> {
  if (!file) return;
  try {
    await fs.promises.unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") logger.warn({ err: error }, "could not remove an upload file");
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Receiving

/** One file of a request, on disk in the temporary folder until storeUpload moves it (or discardUploads removes it). */
export interface ReceivedFile {
  /** The form field it came in. */
  field: string;
  /** The device's name, cleaned for display (cleanFileName); never used as a path. */
  originalName: string;
  tempPath: string;
  size: number;
  /** SHA-256 of the bytes, lower-case hex. */
  sha256: string;
  /** The type sniffed from the first bytes; null when it is none of PDF, JPEG, PNG. */
  mediaType: UploadMediaType | null;
}

export interface ReceivedUploads {
  /** The text fields (strings only), as request.formData() would give them. */
  fields: FormData;
  files: ReceivedFile[];
}

function failure(status: number, formError: string, field?: string): never {
  const body: FormFailure = { ok: false, errors: field ? { [field]: formError } : {}, formError };
  throw data(body, { status });
}

class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
  }
}

/** Reads a body stream as text, refusing more than `limit` bytes. */
async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > limit) throw new UploadRefused(413, "errors.uploadFieldsTooLarge");
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * receiveUploads for a route that shows refusals on its form: a file too large, too many files or an unreadable body
 * comes back as `{ refused: { status, failure } }` for the route to return with its form; a wrong CSRF token (403)
 * and anything else still throw.
 */
export async function receiveUploadsForForm(
  request: Request,
  options: { maxFiles: number; csrf?: string; dataDir?: string },
): Promise<{ received: ReceivedUploads; refused?: undefined } | { received?: undefined; refused: { status: number; failure: FormFailure } }> {
  try {
    return { received: await receiveUploads(request, options) };
  } catch (thrown) {
    const r = thrown as { init?: { status?: number } | null; data?: FormFailure };
    const status = r.init?.status;
    if (status && status !== 403 && r.data) return { refused: { status, failure: r.data } };
    throw thrown;
  }
}

/**
 * Reads a form post with files (multipart/form-data) by streaming each file to <dataDir>/uploads/tmp while computing
 * its SHA-256 and size; a file over 20 MB is cut off and removed. A plain form (application/x-www-form-urlencoded, no
 * files) is read too, with files: []. Pass `csrf`, the token the form must carry (csrfTokenFor(session, context)):
 * then it is checked here, and a file's bytes are written only after the form's `csrf` field (put CsrfInput before
 * the file inputs) has matched it, so a forged post never reaches the disk. Without `csrf` the caller must check the
 * token in `fields` itself before acting (and discardUploads on failure).
 *
 * Throws data(FormFailure, { status }) for the route to return: 403 errors.csrf, 413 errors.fileTooLarge (with the
 * field), 413 errors.uploadTooLarge / errors.uploadFieldsTooLarge, 400 errors.uploadTooManyFiles / errors.badRequest.
 * Nothing stays on disk when it throws. On success the caller must pass each file to storeUpload or discardUploads.
 */
export async function receiveUploads(request: Request, options: { maxFiles: number; csrf?: string; dataDir?: string }): Promise<ReceivedUploads> {
  const contentType = request.headers.get("content-type") ?? "";
  const declared = Number(request.headers.get("content-length") ?? NaN);
  const isMultipart = /^multipart\/form-data\s*;/i.test(contentType);
  const bodyLimit = isMultipart ? options.maxFiles * (MAX_FILE_BYTES + PART_OVERHEAD_BYTES) + MAX_TEXT_BYTES + PART_OVERHEAD_BYTES : MAX_TEXT_BYTES;
  if (Number.isFinite(declared) && declared > bodyLimit) failure(413, isMultipart ? "errors.uploadTooLarge" : "errors.uploadFieldsTooLarge");

  if (!isMultipart) {
    let fields: FormData;
    try {
      fields = await readPlainForm(request, contentType);
    } catch (error) {
      if (error instanceof UploadRefused) failure(error.status, error.key, error.field);
      failure(400, "errors.badRequest");
    }
    const sent = fields.get(CSRF_FIELD);
    if (options.csrf !== undefined && (typeof sent !== "string" || !tokensEqual(sent, options.csrf))) failure(403, "errors.csrf");
    return { fields, files: [] };
  }

  const received: ReceivedFile[] = [];
  const partial = new Set<string>();
  const checkCsrf = options.csrf !== undefined;
  let csrfOk = !checkCsrf;
  let csrfSeen = false;
  let textBytes = 0;
  let textFields = 0;
  let fileParts = 0;
  const dir = tempDir(options.dataDir);

  const handler = async (part: UploadHandlerPart): Promise<string | undefined> => {
    if (typeof part.filename !== "string") {
      // A text field: bounded in total size and number.
      textFields += 1;
      if (textFields > MAX_TEXT_FIELDS) throw new UploadRefused(413, "errors.uploadFieldsTooLarge");
      const decoder = new TextDecoder();
      let text = "";
      for await (const chunk of part.data) {
        textBytes += chunk.length;
        if (textBytes > MAX_TEXT_BYTES) throw new UploadRefused(413, "errors.uploadFieldsTooLarge");
        text += decoder.decode(chunk, { stream: true });
      }
      text += decoder.decode();
      if (checkCsrf && part.name === CSRF_FIELD) {
        csrfSeen = true;
        csrfOk = tokensEqual(text, options.csrf);
        if (!csrfOk) throw new UploadRefused(403, "errors.csrf");
      }
      return text;
    }
    // A file input: an empty part with an empty name is a file input left empty (browsers send it anyway).
    let handle: fs.promises.FileHandle | null = null;
    let tempPath: string | null = null;
    const hash = createHash("sha256");
    const head: number[] = [];
    let size = 0;
    try {
      for await (const chunk of part.data) {
        if (chunk.length === 0) continue;
        if (!handle) {
          if (!csrfOk) throw new UploadRefused(403, "errors.csrf");
          fileParts += 1;
          if (fileParts > options.maxFiles) throw new UploadRefused(400, "errors.uploadTooManyFiles", part.name);
          await fs.promises.mkdir(dir, { recursive: true });
          tempPath = path.join(dir, `${randomBytes(16).toString("hex")}.part`);
          partial.add(tempPath);
          handle = await fs.promises.open(tempPath, "wx", 0o600);
        }
        size += chunk.length;
        if (size > MAX_FILE_BYTES) throw new UploadRefused(413, "errors.fileTooLarge", part.name);
        hash.update(chunk);
        for (let i = 0; head.length < SNIFF_BYTES && i < chunk.length; i++) head.push(chunk[i]);
        await handle.write(chunk);
      }
    } finally {
      await handle?.close();
    }
    if (!tempPath) {
      if (part.filename === "") return undefined; // nothing chosen
      // a chosen file of zero bytes: recorded so that storeUpload answers errors.fileEmpty next to its field
      if (!csrfOk) throw new UploadRefused(403, "errors.csrf");
      fileParts += 1;
      if (fileParts > options.maxFiles) throw new UploadRefused(400, "errors.uploadTooManyFiles", part.name);
      await fs.promises.mkdir(dir, { recursive: true });
      tempPath = path.join(dir, `${randomBytes(16).toString("hex")}.part`);
      partial.add(tempPath);
      await fs.promises.writeFile(tempPath, new Uint8Array(0), { flag: "wx", mode: 0o600 });
    }
    received.push({
      field: part.name,
      originalName: cleanFileName(part.filename),
      tempPath,
      size,
      sha256: hash.digest("hex"),
      mediaType: sniffMediaType(Uint8Array.from(head)),
    });
    return undefined;
  };

  try {
    const form = await unstable_parseMultipartFormData(request, handler);
    if (checkCsrf && (!csrfSeen || !csrfOk)) throw new UploadRefused(403, "errors.csrf");
    const fields = new FormData();
    for (const [key, value] of form.entries()) if (typeof value === "string") fields.append(key, value);
    return { fields, files: received };
  } catch (error) {
    await Promise.all([...partial].map(removeQuietly));
    if (error instanceof UploadRefused) failure(error.status, error.key, error.field);
    // a malformed body (bad boundary, cut-off stream): a 400, never a 500
    logger.info({ err: error }, "unreadable upload request");
    failure(400, "errors.badRequest");
  }
}

async function readPlainForm(request: Request, contentType: string): Promise<FormData> {
  const fields = new FormData();
  if (!request.body) return fields;
  const text = await readBounded(request.body, MAX_TEXT_BYTES);
  if (text === "") return fields;
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) throw new Error("unsupported form encoding");
  const params = new URLSearchParams(text);
  if ([...params.keys()].length > MAX_TEXT_FIELDS) throw new UploadRefused(413, "errors.uploadFieldsTooLarge");
  for (const [key, value] of params) fields.append(key, value);
  return fields;
}

/** Removes the temporary files of a request that will not be stored (a form error elsewhere, a refused file). */
export async function discardUploads(received: ReceivedUploads | readonly ReceivedFile[]): Promise<void> {
  const list = Array.isArray(received) ? received : (received as ReceivedUploads).files;
  await Promise.all(list.map((f) => removeQuietly(f.tempPath)));
}

// ---------------------------------------------------------------------------------------------------------------
// Storing

export type StoreUploadError =
  | "errors.fileType"
  | "errors.fileEmpty"
  | "errors.fileTooLarge"
  | "errors.caseFilesTooMany"
  | "errors.caseFilesTooLarge"
  | "errors.uploadTargetGone";

export type StoreUploadResult = { ok: true; file: StoredFile } | { ok: false; status: 400 | 404 | 413; error: StoreUploadError };

/**
 * Checks one received file and keeps it, returning its row, or throws data(FormFailure, { status }) with the error
 * next to the file's field (the same shape as receiveUploads' refusals): the type sniffed from its bytes must be PDF, JPEG or PNG (400
 * errors.fileType), it must not be empty (400) nor over 20 MB (413), and the draft or case must stay within 50 files
 * and 200 MB (413). The draft must be the owner's and not yet submitted; a case must be one the owner filed or is a
 * party to (404 errors.uploadTargetGone otherwise). The file moves to <dataDir>/uploads/<random 32 hex>.<ext> and its
 * row is inserted, both under a lock on the draft or case row (parallel uploads cannot overrun the quota, and an
 * upload cannot slip in while the draft is being submitted). The temporary file is gone afterwards, whatever happens.
 */
export async function storeUpload(q: Queryable, args: StoreUploadArgs): Promise<StoredFile> {
  const result = await tryStoreUpload(q, args);
  if (!result.ok) failure(result.status, result.error, args.received.field);
  return result.file;
}

export interface StoreUploadArgs {
  ownerId: string;
  /** Exactly one of draftId and caseId. */
  draftId?: string;
  caseId?: string;
  purpose: FilePurpose;
  label?: string | null;
  received: ReceivedFile;
  dataDir?: string;
}

/** storeUpload answering its refusals as a result instead of throwing them. */
export async function tryStoreUpload(q: Queryable, args: StoreUploadArgs): Promise<StoreUploadResult> {
  const { received } = args;
  const tmp = tempDir(args.dataDir);
  if (path.dirname(path.resolve(received.tempPath)) !== tmp) {
    throw new Error("storeUpload: the file was not received by receiveUploads into this data directory");
  }
  let finalPath: string | null = null;
  let stored = false;
  try {
    const target = args.draftId ?? args.caseId;
    if ((args.draftId && args.caseId) || !target || !UUID.test(target)) return { ok: false, status: 404, error: "errors.uploadTargetGone" };
    // an empty file has no type to sniff: say that it is empty rather than of the wrong type
    const alone = checkQuota({ count: 0, bytes: 0 }, { size: received.size });
    if (!alone.ok) return { ok: false, status: alone.error === "errors.fileEmpty" ? 400 : 413, error: alone.error };
    if (!isUploadMediaType(received.mediaType)) return { ok: false, status: 400, error: "errors.fileType" };
    const mediaType = received.mediaType;

    const result = await q.transaction(async (tx): Promise<StoreUploadResult> => {
      let existing: { count: number; bytes: number };
      if (args.draftId) {
        const [draft] = await tx
          .select({ ownerId: drafts.ownerId, submittedCaseId: drafts.submittedCaseId })
          .from(drafts)
          .where(eq(drafts.id, args.draftId))
          .for("update");
        if (!draft || draft.ownerId !== args.ownerId || draft.submittedCaseId) return { ok: false, status: 404, error: "errors.uploadTargetGone" };
        [existing] = await tx
          .select({ count: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${files.size}), 0)::bigint` })
          .from(files)
          .where(eq(files.draftId, args.draftId));
      } else {
        const caseId = args.caseId!;
        const [row] = await tx.select({ filedBy: cases.filedBy, respondentOrganId: cases.respondentOrganId }).from(cases).where(eq(cases.id, caseId)).for("update");
        if (!row) return { ok: false, status: 404, error: "errors.uploadTargetGone" };
        // the respondent's reply evidence (Art. 48) comes from an agent of the respondent organ; a report on a letter
        // (Art. 76) from an agent of the organ the letter is addressed to (a letter's respondent_organ_id)
        const respondentAgent =
          (args.purpose === "reply" || args.purpose === "report") &&
          (await respondentAgentCovers(
            tx,
            await tx.select({ role: roleMemberships.role, organId: roleMemberships.organId, includeSubordinates: roleMemberships.includeSubordinates }).from(roleMemberships).where(eq(roleMemberships.userId, args.ownerId)),
            row.respondentOrganId,
          ));
        if (row.filedBy !== args.ownerId && !respondentAgent) {
          const [party] = await tx
            .select({ id: caseParties.id })
            .from(caseParties)
            .where(and(eq(caseParties.caseId, caseId), eq(caseParties.userId, args.ownerId)))
            .limit(1);
          if (!party) return { ok: false, status: 404, error: "errors.uploadTargetGone" };
        }
        [existing] = await tx
          .select({ count: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${files.size}), 0)::bigint` })
          .from(files)
          .where(eq(files.caseId, caseId));
      }
      const quota = checkQuota({ count: Number(existing.count), bytes: Number(existing.bytes) }, { size: received.size });
      if (!quota.ok) return { ok: false, status: quota.error === "errors.fileEmpty" ? 400 : 413, error: quota.error };

      const storageName = `${randomBytes(16).toString("hex")}.${extensionFor[mediaType]}`;
      finalPath = path.join(uploadsDir(args.dataDir), storageName);
      await fs.promises.rename(received.tempPath, finalPath);
      const label = args.label?.trim().slice(0, 500) || null;
      const [file] = await tx
        .insert(files)
        .values({
          ownerId: args.ownerId,
          draftId: args.draftId ?? null,
          caseId: args.caseId ?? null,
          purpose: args.purpose,
          originalName: cleanFileName(received.originalName),
          mediaType,
          size: received.size,
          sha256: received.sha256,
          storageName,
          label,
        })
        .returning();
      return { ok: true, file };
    });
    stored = result.ok;
    return result;
  } finally {
    await removeQuietly(received.tempPath);
    if (!stored) await removeQuietly(finalPath);
  }
}

/** Removes stored files' bytes by their storage names (after their rows are deleted, e.g. by deleteDraft). */
export async function removeStoredFiles(storageNames: readonly string[], options: { dataDir?: string } = {}): Promise<void> {
  const dir = uploadsDir(options.dataDir);
  await Promise.all(storageNames.filter((n) => STORAGE_NAME.test(n)).map((n) => removeQuietly(path.join(dir, n))));
}

/**
 * Removes a file from a draft before it is submitted: only its owner, only while the draft is unsubmitted and the file
 * not yet part of a case. Anything else answers errors.fileGone (existence is not revealed). The caller also drops
 * the file's id from the draft's answers if a step named it.
 */
export async function deleteDraftFile(
  user: Pick<CurrentUser, "id">,
  fileId: string,
  options: { q?: Queryable; dataDir?: string } = {},
): Promise<{ ok: true; draftId: string } | { ok: false; error: "errors.fileGone" }> {
  if (!UUID.test(fileId)) return { ok: false, error: "errors.fileGone" };
  const q = options.q ?? getDb();
  const removed = await q.transaction(async (tx) => {
    const [row] = await tx
      .select({ draftId: files.draftId, storageName: files.storageName })
      .from(files)
      .where(and(eq(files.id, fileId), eq(files.ownerId, user.id), isNull(files.caseId), isNotNull(files.draftId)));
    if (!row?.draftId) return null;
    // the lock orders this against a submission of the same draft (which takes the draft's files with it)
    const [draft] = await tx
      .select({ ownerId: drafts.ownerId, submittedCaseId: drafts.submittedCaseId })
      .from(drafts)
      .where(eq(drafts.id, row.draftId))
      .for("update");
    if (!draft || draft.ownerId !== user.id || draft.submittedCaseId) return null;
    const gone = await tx
      .delete(files)
      .where(and(eq(files.id, fileId), isNull(files.caseId)))
      .returning({ id: files.id });
    return gone.length ? { draftId: row.draftId, storageName: row.storageName } : null;
  });
  if (!removed) return { ok: false, error: "errors.fileGone" };
  await removeStoredFiles([removed.storageName], { dataDir: options.dataDir });
  return { ok: true, draftId: removed.draftId };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading back

/** Whether a respondent_agent membership covers the case's respondent organ (its reply files, Art. 48). */
async function respondentAgentCovers(q: Queryable, memberships: readonly Membership[], respondentOrganId: string | null): Promise<boolean> {
  const agent = memberships.filter((m) => m.role === "respondent_agent");
  if (!respondentOrganId || agent.length === 0) return false;
  const path = await organPath(q, respondentOrganId);
  return agent.some((m) => membershipCovers(m, path));
}

/**
 * Who may read a file: its owner; on a case, the citizen who filed it and every party with an account on it; staff
 * who receive, handle or approve cases in the case's organ (app/domain/uploads.ts caseFileReaderRoles); a committee
 * member seated on a consultation of that case who declared no conflict (memberSeatReadsCaseFiles); the files of the
 * respondent's reply (and of a report on a letter) also the agents of the respondent (recipient) organ.
 */
export async function canDownload(
  user: Pick<CurrentUser, "id" | "memberships">,
  file: Pick<StoredFile, "ownerId" | "caseId"> & { purpose?: FilePurpose },
  q: Queryable = getDb(),
): Promise<boolean> {
  if (file.ownerId === user.id) return true;
  if (!file.caseId) return false; // a draft's files are its owner's alone
  const [row] = await q
    .select({ filedBy: cases.filedBy, organId: cases.organId, respondentOrganId: cases.respondentOrganId })
    .from(cases)
    .where(eq(cases.id, file.caseId));
  if (!row) return false;
  if (row.filedBy === user.id) return true;
  const [party] = await q
    .select({ id: caseParties.id })
    .from(caseParties)
    .where(and(eq(caseParties.caseId, file.caseId), eq(caseParties.userId, user.id)))
    .limit(1);
  if (party) return true;
  if ((file.purpose === "reply" || file.purpose === "report") && (await respondentAgentCovers(q, user.memberships, row.respondentOrganId))) return true;
  if (!row.organId || user.memberships.length === 0) return false;
  if (staffMayReadCaseFiles(user.memberships, await organPath(q, row.organId))) return true;
  if (!user.memberships.some((m) => m.role === "committee_member")) return false;
  // a consultation is a case of its own whose parent is the case consulted on
  const seats = await q
    .select({ removedAt: consultationMembers.removedAt, declaredAt: consultationMembers.declaredAt, declaredConflict: consultationMembers.declaredConflict })
    .from(consultationMembers)
    .innerJoin(committeeMembers, eq(committeeMembers.id, consultationMembers.memberId))
    .innerJoin(cases, eq(cases.id, consultationMembers.consultationId))
    .where(and(eq(committeeMembers.userId, user.id), eq(cases.parentCaseId, file.caseId)));
  return seats.some(memberSeatReadsCaseFiles);
}

/**
 * The file to send to this user, opened for reading, or null when it does not exist, the user may not read it, or its
 * bytes are missing (all the same to the caller: 404). The caller closes `handle` (a stream made from it closes it).
 */
export async function openDownload(
  user: Pick<CurrentUser, "id" | "memberships">,
  fileId: string | undefined,
  options: { q?: Queryable; dataDir?: string } = {},
): Promise<{ file: StoredFile; handle: fs.promises.FileHandle } | null> {
  if (!fileId || !UUID.test(fileId)) return null;
  const q = options.q ?? getDb();
  const [file] = await q.select().from(files).where(eq(files.id, fileId));
  if (!file || !(await canDownload(user, file, q))) return null;
  if (!STORAGE_NAME.test(file.storageName)) return null;
  try {
    const handle = await fs.promises.open(path.join(uploadsDir(options.dataDir), file.storageName), "r");
    return { file, handle };
  } catch (error) {
    logger.error({ err: error, fileId: file.id }, "an uploaded file's bytes are missing");
    return null;
  }
}
