// Uploaded files (issue 4 req. 5): which types are accepted (judged from the bytes, never from the name), how much a
// file and a case may hold, who may read a case's files, and how a device's file name is made safe to show and send.
import { membershipCovers, type Membership } from "./policy";
import type { Role } from "./roles";
import "~/locales/areas/uploads";

/** The three types a citizen may upload (issue 4 req. 5: "PDF, JPEG, PNG"). */
export const uploadMediaTypes = ["application/pdf", "image/jpeg", "image/png"] as const;
export type UploadMediaType = (typeof uploadMediaTypes)[number];

const MiB = 1024 * 1024;
/** Issue 4 req. 5: at most 20 MB a file. */
export const MAX_FILE_BYTES = 20 * MiB;
/** Issue 4 req. 5: at most 50 files a case (a draft's files become its case's, so a draft has the same bound). */
export const MAX_FILES_PER_CASE = 50;
/** Issue 4 req. 5: at most 200 MB a case, all files together. */
export const MAX_BYTES_PER_CASE = 200 * MiB;
/** How many leading bytes sniffMediaType needs to decide. */
export const SNIFF_BYTES = 8;
/** A shown file name is cut to this many characters (the extension is kept). */
export const MAX_DISPLAY_NAME_LENGTH = 120;

/** The stored file's extension for each type (the stored name is server-generated: <random>.<ext>). */
export const extensionFor: Record<UploadMediaType, string> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
};

const acceptedExtensions: Record<UploadMediaType, readonly string[]> = {
  "application/pdf": ["pdf"],
  "image/jpeg": ["jpg", "jpeg", "jpe", "jfif"],
  "image/png": ["png"],
};

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((b, i) => bytes[i] === b);
}

/**
 * The type of a file from its first bytes (its magic number), or null when it is none of the accepted types.
 * The name and the type the browser claims are ignored: a PNG named "x.pdf" is a PNG, a text file named "x.jpg" is refused.
 */
export function sniffMediaType(firstBytes: Uint8Array): UploadMediaType | null {
  if (startsWith(firstBytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // "%PDF-"
  if (startsWith(firstBytes, [0xff, 0xd8, 0xff])) return "image/jpeg"; // SOI marker followed by the next marker
  if (startsWith(firstBytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  return null;
}

export function isUploadMediaType(value: string | null | undefined): value is UploadMediaType {
  return (uploadMediaTypes as readonly string[]).includes(value ?? "");
}

export type QuotaError = "errors.fileEmpty" | "errors.fileTooLarge" | "errors.caseFilesTooMany" | "errors.caseFilesTooLarge";

/**
 * Whether one more file of `incoming.size` bytes fits a draft or case that already holds `existing` (issue 4 req. 5:
 * ≤ 20 MB a file, ≤ 50 files and ≤ 200 MB a case; the limits themselves are allowed, one byte or file more is not).
 */
export function checkQuota(existing: { count: number; bytes: number }, incoming: { size: number }): { ok: true } | { ok: false; error: QuotaError } {
  if (incoming.size <= 0) return { ok: false, error: "errors.fileEmpty" };
  if (incoming.size > MAX_FILE_BYTES) return { ok: false, error: "errors.fileTooLarge" };
  if (existing.count + 1 > MAX_FILES_PER_CASE) return { ok: false, error: "errors.caseFilesTooMany" };
  if (existing.bytes + incoming.size > MAX_BYTES_PER_CASE) return { ok: false, error: "errors.caseFilesTooLarge" };
  return { ok: true };
}

// Control characters (C0, DEL, C1), and format characters such as the right-to-left override U+202E that makes
// "evil\u202Efdp.exe" look like "evilexe.pdf", zero-width characters and the byte-order mark.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
// Line breaks and tabs separate words: they become spaces first.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

/**
 * The device's file name made safe to show and to send back in Content-Disposition: no folders (either slash), no
 * control or bidirectional-override characters, whitespace collapsed, at most MAX_DISPLAY_NAME_LENGTH characters
 * with the extension kept. Never used as a path: stored files get a server-generated name.
 */
export function cleanFileName(name: string, fallback = "file"): string {
  const base = (name ?? "").split(/[/\\]/).pop() ?? "";
  let cleaned = base.normalize("NFC").replace(BREAKS, " ").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
  cleaned = cleaned.replace(/^\.+/, "").trim(); // no hidden-file or ".." names
  if (!cleaned) return fallback;
  const chars = [...cleaned]; // by code point, so a surrogate pair is never cut in half
  if (chars.length <= MAX_DISPLAY_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (ext.length > 0 && ext.length <= 10) {
    return chars.slice(0, MAX_DISPLAY_NAME_LENGTH - ext.length).join("").trimEnd() + ext.join("");
  }
  return chars.slice(0, MAX_DISPLAY_NAME_LENGTH).join("").trimEnd();
}

/**
 * The name a download is saved under: the cleaned original name, with the extension of the type the bytes really
 * are (a PNG uploaded as "scan.pdf" downloads as "scan.png", so the citizen's device opens it with the right program).
 */
export function downloadFileName(originalName: string, mediaType: UploadMediaType): string {
  const cleaned = cleanFileName(originalName);
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : "";
  if (acceptedExtensions[mediaType].includes(ext)) return cleaned;
  const stem = dot > 0 ? cleaned.slice(0, dot) : cleaned;
  return `${stem}.${extensionFor[mediaType]}`;
}

/** Content-Disposition for a download: always an attachment, an ASCII fallback name and the exact UTF-8 name (RFC 6266, 8187). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\;%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The staff roles that read the files of a case held by their organ: those who receive, handle or approve it. The
 * administrator runs the system, not cases, and the respondent's agent gets the application's copy by service
 * (《行政复议法》第四十八条), not by reading the organ's file. A committee member is not a reader by role: only through a
 * seat on a consultation of that very case (memberSeatReadsCaseFiles).
 */
export const caseFileReaderRoles: readonly Role[] = ["center_clerk", "reconsideration_staff", "office_head"];

/**
 * A committee member reads the files of a case only while seated on a consultation of it, after declaring no conflict
 * (the same condition under which the member's page shows the file; a member with a conflict must not see it).
 */
export function memberSeatReadsCaseFiles(seat: { removedAt: Date | null; declaredAt: Date | null; declaredConflict: boolean | null }): boolean {
  return seat.removedAt === null && seat.declaredAt !== null && seat.declaredConflict === false;
}

/**
 * Whether staff memberships let their holder read the files of a case held by the organ at the end of `organPath`
 * (the path from the top of the hierarchy): a reader role in that organ, or above it with includeSubordinates.
 */
export function staffMayReadCaseFiles(memberships: readonly Membership[], organPath: readonly string[]): boolean {
  return memberships.some((m) => caseFileReaderRoles.includes(m.role) && membershipCovers(m, organPath));
}
