// Issue 4 req. 5 end to end on a real database and a real data directory: multipart requests streamed to disk with
// their SHA-256, the type taken from the bytes, 20 MB / 50 files / 200 MB enforced with nothing left behind, stored
// under server-generated names, and downloads only for those entitled, as nosniff attachments.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { caseParties, cases, drafts, files, organs, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { MAX_BYTES_PER_CASE, MAX_FILE_BYTES, MAX_FILES_PER_CASE } from "~/domain/uploads";
import { loader as downloadLoader } from "~/routes/files.$fileId";
import { createSession, loadUser, sessionCookieName, type CurrentUser } from "~/services/session.server";
import { canDownload, deleteDraftFile, receiveUploads, storeUpload, tryStoreUpload, uploadsDir, type ReceivedFile } from "~/services/uploads.server";
import { engineName, useTestDatabase } from "../support/db";

const base64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));
const text = (s: string) => new TextEncoder().encode(s);
// A 1×1 PNG, a 16×16 JPEG (CPython's imghdr test image) and a one-page PDF.
const PNG = base64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");
const JPEG = base64(
  "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z",
);
const PDF = text(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

const CSRF = "csrf-token-for-the-upload-tests-0123";
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const context = { requestId: "test", cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };

const t = useTestDatabase();
let dataDir: string;
let previousDataDir: string | undefined;
let citizen: CurrentUser;
let other: CurrentUser;
let staff: CurrentUser;
let admin: CurrentUser;
let cityId: string;

async function user(email: string): Promise<CurrentUser> {
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await loadUser(t.db, row.id))!;
}

beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "imr-uploads-"));
  previousDataDir = process.env.DATA_DIR;
  process.env.DATA_DIR = dataDir; // the download route reads DATA_DIR like the server does
  citizen = await user("citizen1@demo.nmg.example");
  other = await user("citizen2@demo.nmg.example");
  staff = await user("staff1@demo.nmg.example"); // reconsideration_staff of 150100
  admin = await user("admin@demo.nmg.example");
  const [city] = await t.db.select({ id: organs.id }).from(organs).where(eq(organs.code, "150100"));
  cityId = city.id;
});

afterAll(() => {
  setDatabase(undefined);
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function newDraft(owner: CurrentUser): Promise<string> {
  const [row] = await t.db.insert(drafts).values({ ownerId: owner.id, kind: "reconsideration", step: "evidence" }).returning({ id: drafts.id });
  return row.id;
}

function multipart(parts: [string, string | File][], init: { csrf?: string | null } = {}): Request {
  const form = new FormData();
  if (init.csrf !== null) form.append("csrf", init.csrf ?? CSRF);
  for (const [name, value] of parts) form.append(name, value);
  return new Request("http://localhost/apply/reconsideration/x/evidence", { method: "POST", body: form });
}

const file = (bytes: Uint8Array, name: string, type = "application/octet-stream") => new File([new Uint8Array(bytes)], name, { type });

/** What a refusal thrown as data(FormFailure, { status }) holds. */
async function refusal(run: () => Promise<unknown>): Promise<{ status: number; errors: Record<string, string>; formError?: string }> {
  try {
    await run();
  } catch (thrown) {
    const e = thrown as { init?: { status?: number }; data?: { errors: Record<string, string>; formError?: string } };
    if (e.init?.status && e.data) return { status: e.init.status, errors: e.data.errors, formError: e.data.formError };
    throw thrown;
  }
  throw new Error("expected a refusal");
}

const tmpEntries = () => (fs.existsSync(path.join(uploadsDir(dataDir), "tmp")) ? fs.readdirSync(path.join(uploadsDir(dataDir), "tmp")) : []);
const storedEntries = () => fs.readdirSync(uploadsDir(dataDir)).filter((n) => n !== "tmp");
const rowsOf = async (draftId: string) => t.db.select().from(files).where(eq(files.draftId, draftId));

async function upload(owner: CurrentUser, draftId: string, bytes: Uint8Array, name: string, purpose: "evidence" | "identity" = "evidence") {
  const received = await receiveUploads(multipart([["evidenceFile", file(bytes, name)]]), { maxFiles: 1, csrf: CSRF, dataDir });
  expect(received.files).toHaveLength(1);
  return storeUpload(t.db, { ownerId: owner.id, draftId, purpose, label: "证据", received: received.files[0], dataDir });
}

async function cookieFor(u: CurrentUser): Promise<string> {
  const s = await createSession(t.db, { user: u, twoFactorDone: true, now: new Date() });
  return `${sessionCookieName()}=${s.token}`;
}

async function download(fileId: string, cookie?: string) {
  const headers = new Headers();
  if (cookie) headers.set("cookie", cookie);
  const request = new Request(`http://localhost/files/${fileId}`, { headers });
  try {
    return (await downloadLoader({ request, params: { fileId }, context })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe(`receiving and storing uploads (${engineName()})`, () => {
  it("streams a PDF to disk under a server-generated name with the SHA-256 of its bytes recorded", async () => {
    const draftId = await newDraft(citizen);
    const received = await receiveUploads(
      multipart([
        ["evidenceDescription", "行政处罚决定书"],
        ["evidenceFile", file(PDF, "..\\..\\处罚决定书.pdf", "image/png")],
      ]),
      { maxFiles: 1, csrf: CSRF, dataDir },
    );
    expect(received.fields.get("evidenceDescription")).toBe("行政处罚决定书");
    expect(received.fields.get("csrf")).toBe(CSRF);
    const [r] = received.files;
    expect(r).toMatchObject({ field: "evidenceFile", originalName: "处罚决定书.pdf", size: PDF.length, sha256: sha(PDF), mediaType: "application/pdf" });
    expect(fs.readFileSync(r.tempPath)).toEqual(Buffer.from(PDF));

    const row = await storeUpload(t.db, { ownerId: citizen.id, draftId, purpose: "evidence", label: "处罚决定书", received: r, dataDir });
    expect(row.storageName).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(row).toMatchObject({ ownerId: citizen.id, draftId, caseId: null, mediaType: "application/pdf", size: PDF.length, sha256: sha(PDF), originalName: "处罚决定书.pdf" });
    const onDisk = fs.readFileSync(path.join(uploadsDir(dataDir), row.storageName));
    expect(sha(onDisk)).toBe(row.sha256);
    expect(fs.existsSync(r.tempPath)).toBe(false);
    expect(tmpEntries()).toEqual([]);
  });

  it("takes the type from the bytes: a PNG named .pdf is stored as a PNG; a JPEG as a JPEG", async () => {
    const draftId = await newDraft(citizen);
    const png = await upload(citizen, draftId, PNG, "scan.pdf");
    expect(png.mediaType).toBe("image/png");
    expect(png.storageName).toMatch(/^[0-9a-f]{32}\.png$/);
    const jpeg = await upload(citizen, draftId, JPEG, "photo");
    expect(jpeg.mediaType).toBe("image/jpeg");
    expect(jpeg.storageName).toMatch(/^[0-9a-f]{32}\.jpg$/);
  });

  it("refuses a text file named .jpg and an HTML page (400 errors.fileType), keeping nothing", async () => {
    const draftId = await newDraft(citizen);
    const before = storedEntries();
    for (const [bytes, name] of [
      [text("not a photo at all"), "photo.jpg"],
      [text("<html><script>alert(document.cookie)</script></html>"), "evidence.pdf"],
    ] as const) {
      const r = await refusal(() => upload(citizen, draftId, bytes, name));
      expect(r).toEqual({ status: 400, errors: { evidenceFile: "errors.fileType" }, formError: "errors.fileType" });
    }
    expect(await rowsOf(draftId)).toEqual([]);
    expect(storedEntries()).toEqual(before);
    expect(tmpEntries()).toEqual([]);
  });

  it("refuses an empty file (400 errors.fileEmpty) and skips a file input left empty", async () => {
    const draftId = await newDraft(citizen);
    const r = await refusal(() => upload(citizen, draftId, new Uint8Array(0), "empty.pdf"));
    expect(r.status).toBe(400);
    expect(r.errors).toEqual({ evidenceFile: "errors.fileEmpty" });
    const nothingChosen = await receiveUploads(multipart([["evidenceFile", file(new Uint8Array(0), "")]]), { maxFiles: 1, csrf: CSRF, dataDir });
    expect(nothingChosen.files).toEqual([]);
    expect(tmpEntries()).toEqual([]);
  });

  it("accepts exactly 20 MB and refuses 20 MB + 1 byte while streaming (413), leaving no file behind", async () => {
    const draftId = await newDraft(citizen);
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(PDF.subarray(0, 8));
    const tooBig = await refusal(() => receiveUploads(multipart([["evidenceFile", file(big, "big.pdf")]]), { maxFiles: 1, csrf: CSRF, dataDir }));
    expect(tooBig).toEqual({ status: 413, errors: { evidenceFile: "errors.fileTooLarge" }, formError: "errors.fileTooLarge" });
    expect(tmpEntries()).toEqual([]);

    const exact = big.subarray(0, MAX_FILE_BYTES);
    const row = await upload(citizen, draftId, exact, "exact.pdf");
    expect(row.size).toBe(MAX_FILE_BYTES);
    expect(row.sha256).toBe(sha(exact));
    expect(fs.statSync(path.join(uploadsDir(dataDir), row.storageName)).size).toBe(MAX_FILE_BYTES);
    expect(await rowsOf(draftId)).toHaveLength(1);
  });

  it("refuses a request whose declared length is over the limit before reading it (413)", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=abc", "content-length": String(2 * MAX_FILE_BYTES) },
      body: "--abc--",
    });
    const r = await refusal(() => receiveUploads(request, { maxFiles: 1, csrf: CSRF, dataDir }));
    expect(r.status).toBe(413);
    expect(r.formError).toBe("errors.uploadTooLarge");
  });

  it("refuses more files in one request than the form allows (400), keeping none of them", async () => {
    const r = await refusal(() =>
      receiveUploads(multipart([["a", file(PDF, "a.pdf")], ["b", file(PNG, "b.png")]]), { maxFiles: 1, csrf: CSRF, dataDir }),
    );
    expect(r).toMatchObject({ status: 400, formError: "errors.uploadTooManyFiles" });
    expect(tmpEntries()).toEqual([]);
  });

  it("writes no byte of a post without the right CSRF token, nor of a file sent before the token (403)", async () => {
    for (const csrf of [null, "wrong-token-wrong-token-wrong-00"]) {
      const r = await refusal(() => receiveUploads(multipart([["evidenceFile", file(PDF, "a.pdf")]], { csrf }), { maxFiles: 1, csrf: CSRF, dataDir }));
      expect(r).toMatchObject({ status: 403, formError: "errors.csrf" });
    }
    const form = new FormData();
    form.append("evidenceFile", file(PDF, "a.pdf"));
    form.append("csrf", CSRF);
    const late = await refusal(() => receiveUploads(new Request("http://localhost/x", { method: "POST", body: form }), { maxFiles: 1, csrf: CSRF, dataDir }));
    expect(late.status).toBe(403);
    expect(tmpEntries()).toEqual([]);
  });

  it("reads a plain form without files, and refuses oversized text", async () => {
    const body = new URLSearchParams({ csrf: CSRF, intent: "save", note: "无附件" });
    const plain = await receiveUploads(
      new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }),
      { maxFiles: 1, csrf: CSRF, dataDir },
    );
    expect(plain.files).toEqual([]);
    expect(plain.fields.get("note")).toBe("无附件");
    const wrong = new URLSearchParams({ csrf: "nope", intent: "save" });
    const r = await refusal(() =>
      receiveUploads(new Request("http://localhost/x", { method: "POST", body: wrong, headers: { "content-type": "application/x-www-form-urlencoded" } }), { maxFiles: 1, csrf: CSRF, dataDir }),
    );
    expect(r.status).toBe(403);
    const long = await refusal(() => receiveUploads(multipart([["facts", "事".repeat(40_000)]]), { maxFiles: 1, csrf: CSRF, dataDir }));
    expect(long).toMatchObject({ status: 413, formError: "errors.uploadFieldsTooLarge" });
  });

  it("takes the 50th file of a draft and refuses the 51st (413 errors.caseFilesTooMany)", async () => {
    const draftId = await newDraft(citizen);
    const parts: [string, File][] = Array.from({ length: MAX_FILES_PER_CASE }, (_, i) => [`file${i}`, file(PNG, `page-${i}.png`)]);
    const received = await receiveUploads(multipart(parts), { maxFiles: MAX_FILES_PER_CASE, csrf: CSRF, dataDir });
    expect(received.files).toHaveLength(MAX_FILES_PER_CASE);
    for (const r of received.files) await storeUpload(t.db, { ownerId: citizen.id, draftId, purpose: "evidence", received: r, dataDir });
    expect(await rowsOf(draftId)).toHaveLength(MAX_FILES_PER_CASE);
    const before = storedEntries().length;
    const r = await refusal(() => upload(citizen, draftId, PNG, "one-more.png"));
    expect(r).toMatchObject({ status: 413, errors: { evidenceFile: "errors.caseFilesTooMany" } });
    expect(await rowsOf(draftId)).toHaveLength(MAX_FILES_PER_CASE);
    expect(storedEntries()).toHaveLength(before);
    expect(tmpEntries()).toEqual([]);
  });

  it("refuses a file that would take a draft past 200 MB (413 errors.caseFilesTooLarge)", async () => {
    const draftId = await newDraft(citizen);
    // ten rows of 20 MB each, recorded without their bytes: the quota counts the rows
    await t.db.insert(files).values(
      Array.from({ length: 10 }, (_, i) => ({
        ownerId: citizen.id,
        draftId,
        purpose: "evidence" as const,
        originalName: `big-${i}.pdf`,
        mediaType: "application/pdf",
        size: MAX_BYTES_PER_CASE / 10,
        sha256: "0".repeat(64),
        storageName: `${draftId.replace(/-/g, "")}${i}.pdf`,
      })),
    );
    const r = await refusal(() => upload(citizen, draftId, PNG, "small.png"));
    expect(r).toMatchObject({ status: 413, errors: { evidenceFile: "errors.caseFilesTooLarge" } });
    expect(await rowsOf(draftId)).toHaveLength(10);
  });

  it("stores only into the owner's unsubmitted draft", async () => {
    const draftId = await newDraft(citizen);
    const received = await receiveUploads(multipart([["f", file(PDF, "a.pdf")]]), { maxFiles: 1, csrf: CSRF, dataDir });
    const r = await tryStoreUpload(t.db, { ownerId: other.id, draftId, purpose: "evidence", received: received.files[0], dataDir });
    expect(r).toEqual({ ok: false, status: 404, error: "errors.uploadTargetGone" });
    expect(fs.existsSync(received.files[0].tempPath)).toBe(false);

    const [filed] = await t.db.insert(cases).values({ machine: "reconsideration", state: "INTAKE_REVIEW", data: {}, organId: cityId, filedBy: citizen.id }).returning({ id: cases.id });
    await t.db.update(drafts).set({ submittedCaseId: filed.id }).where(eq(drafts.id, draftId));
    const late = await refusal(() => upload(citizen, draftId, PDF, "late.pdf"));
    expect(late).toMatchObject({ status: 404, errors: { evidenceFile: "errors.uploadTargetGone" } });
    expect(await rowsOf(draftId)).toEqual([]);
    expect(tmpEntries()).toEqual([]);
  });

  it("removes a draft's file for its owner only, bytes and row", async () => {
    const draftId = await newDraft(citizen);
    const row = await upload(citizen, draftId, JPEG, "id-card.jpg", "identity");
    const stored = path.join(uploadsDir(dataDir), row.storageName);
    expect(await deleteDraftFile(other, row.id, { dataDir })).toEqual({ ok: false, error: "errors.fileGone" });
    expect(fs.existsSync(stored)).toBe(true);
    expect(await deleteDraftFile(citizen, row.id, { dataDir })).toEqual({ ok: true, draftId });
    expect(fs.existsSync(stored)).toBe(false);
    expect(await rowsOf(draftId)).toEqual([]);
    expect(await deleteDraftFile(citizen, row.id, { dataDir })).toEqual({ ok: false, error: "errors.fileGone" });
  });
});

describe(`downloading (${engineName()})`, () => {
  it("sends the owner the exact bytes as a nosniff attachment; others get 404; anonymous visitors go to login", async () => {
    const draftId = await newDraft(citizen);
    const row = await upload(citizen, draftId, PNG, "现场照片 (1).pdf");
    const res = await download(row.id, await cookieFor(citizen));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition.startsWith("attachment;")).toBe(true);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe("现场照片 (1).png");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);

    expect((await download(row.id, await cookieFor(other))).status).toBe(404);
    expect((await download(row.id, await cookieFor(staff))).status).toBe(404); // a draft is its owner's alone
    const anonymous = await download(row.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/login?${new URLSearchParams({ redirectTo: `/files/${row.id}` })}`);
    expect((await download("00000000-0000-4000-8000-000000000000", await cookieFor(citizen))).status).toBe(404);
    expect((await download("not-a-uuid", await cookieFor(citizen))).status).toBe(404);
  });

  it("a case's files: the filer, a party with an account and the organ's handling staff; not others, not the admin", async () => {
    const draftId = await newDraft(citizen);
    const row = await upload(citizen, draftId, PDF, "申请书.pdf");
    const [filed] = await t.db.insert(cases).values({ machine: "reconsideration", state: "INTAKE_REVIEW", data: {}, organId: cityId, filedBy: citizen.id }).returning({ id: cases.id });
    await t.db.update(files).set({ caseId: filed.id }).where(eq(files.id, row.id));
    const onCase = { ownerId: row.ownerId, caseId: filed.id };

    expect(await canDownload(citizen, onCase)).toBe(true);
    expect(await canDownload(other, onCase)).toBe(false);
    expect(await canDownload(staff, onCase)).toBe(true);
    expect(await canDownload(admin, onCase)).toBe(false);
    expect((await download(row.id, await cookieFor(staff))).status).toBe(200);
    expect((await download(row.id, await cookieFor(other))).status).toBe(404);

    await t.db.insert(caseParties).values({ caseId: filed.id, role: "third_party", kind: "person", name: "其其格", userId: other.id });
    expect(await canDownload(other, onCase)).toBe(true);
    expect((await download(row.id, await cookieFor(other))).status).toBe(200);
    // a file another party added to the case is readable by the filer too
    expect(await canDownload(citizen, { ownerId: other.id, caseId: filed.id })).toBe(true);
  });

  it("answers 404, not 500, when a recorded file's bytes are missing", async () => {
    const draftId = await newDraft(citizen);
    const row = await upload(citizen, draftId, PDF, "gone.pdf");
    fs.unlinkSync(path.join(uploadsDir(dataDir), row.storageName));
    expect((await download(row.id, await cookieFor(citizen))).status).toBe(404);
  });
});
