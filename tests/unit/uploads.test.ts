// Issue 4 req. 5: uploads are PDF, JPEG or PNG judged from the bytes (not the name); ≤ 20 MB a file, ≤ 50 files and
// ≤ 200 MB a case; the device's name is only shown, cleaned; case files are read by the staff who handle the case.
import { describe, expect, it } from "vitest";
import {
  MAX_BYTES_PER_CASE,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_FILE_BYTES,
  MAX_FILES_PER_CASE,
  attachmentDisposition,
  checkQuota,
  cleanFileName,
  downloadFileName,
  sniffMediaType,
  memberSeatReadsCaseFiles,
  staffMayReadCaseFiles,
} from "~/domain/uploads";

const bytes = (text: string) => new TextEncoder().encode(text);
const base64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));
// A 1×1 PNG, a 16×16 JPEG (CPython's imghdr test image) and a one-page PDF: real files, not just their signatures.
const PNG = base64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");
const JPEG = base64(
  "/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z",
);
const PDF = bytes("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

describe("the type comes from the bytes, never from the name (issue 4 req. 5)", () => {
  it("recognises PDF, JPEG and PNG by their magic numbers", () => {
    expect(sniffMediaType(PDF)).toBe("application/pdf");
    expect(sniffMediaType(JPEG)).toBe("image/jpeg");
    expect(sniffMediaType(PNG)).toBe("image/png");
  });
  it("a PNG renamed .pdf is a PNG: there is no name to be fooled by", () => {
    const renamed = new File([PNG], "scan.pdf", { type: "application/pdf" });
    expect(renamed.name).toBe("scan.pdf");
    expect(sniffMediaType(PNG)).toBe("image/png");
    expect(downloadFileName(renamed.name, "image/png")).toBe("scan.png");
  });
  it("refuses a text file renamed .jpg, an HTML page, an empty file and near misses", () => {
    expect(sniffMediaType(bytes("just some notes, saved as photo.jpg\n"))).toBeNull();
    expect(sniffMediaType(bytes("<!DOCTYPE html><html><script>alert(1)</script></html>"))).toBeNull();
    expect(sniffMediaType(bytes("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffMediaType(new Uint8Array(0))).toBeNull();
    expect(sniffMediaType(bytes("%PDF"))).toBeNull(); // the hyphen is part of the signature
    expect(sniffMediaType(bytes(" %PDF-1.7"))).toBeNull(); // at offset 0 only
    expect(sniffMediaType(new Uint8Array([0xff, 0xd8]))).toBeNull(); // cut short
    expect(sniffMediaType(PNG.slice(0, 7))).toBeNull(); // seven of the eight signature bytes
    expect(sniffMediaType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00]))).toBeNull();
    expect(sniffMediaType(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]))).toBeNull(); // GIF89a: not accepted
  });
});

describe("quota: ≤ 20 MB a file, ≤ 50 files and ≤ 200 MB a case (issue 4 req. 5)", () => {
  it("the limits are the issue's", () => {
    expect(MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
    expect(MAX_FILES_PER_CASE).toBe(50);
    expect(MAX_BYTES_PER_CASE).toBe(200 * 1024 * 1024);
  });
  it("a file of exactly 20 MB is allowed, one byte more is not; an empty file is not", () => {
    expect(checkQuota({ count: 0, bytes: 0 }, { size: MAX_FILE_BYTES })).toEqual({ ok: true });
    expect(checkQuota({ count: 0, bytes: 0 }, { size: MAX_FILE_BYTES + 1 })).toEqual({ ok: false, error: "errors.fileTooLarge" });
    expect(checkQuota({ count: 0, bytes: 0 }, { size: 0 })).toEqual({ ok: false, error: "errors.fileEmpty" });
    expect(checkQuota({ count: 0, bytes: 0 }, { size: 1 })).toEqual({ ok: true });
  });
  it("the 50th file fits, the 51st does not", () => {
    expect(checkQuota({ count: 49, bytes: 0 }, { size: 1 })).toEqual({ ok: true });
    expect(checkQuota({ count: 50, bytes: 0 }, { size: 1 })).toEqual({ ok: false, error: "errors.caseFilesTooMany" });
  });
  it("a case may reach 200 MB exactly, not one byte more", () => {
    const ten = 10 * 1024 * 1024;
    expect(checkQuota({ count: 10, bytes: MAX_BYTES_PER_CASE - ten }, { size: ten })).toEqual({ ok: true });
    expect(checkQuota({ count: 10, bytes: MAX_BYTES_PER_CASE - ten }, { size: ten + 1 })).toEqual({ ok: false, error: "errors.caseFilesTooLarge" });
    expect(checkQuota({ count: 10, bytes: MAX_BYTES_PER_CASE }, { size: 1 })).toEqual({ ok: false, error: "errors.caseFilesTooLarge" });
  });
});

describe("the device's file name is only shown, and cleaned first", () => {
  it("drops folders of either kind of slash", () => {
    expect(cleanFileName("C:\\Users\\张三\\Desktop\\处罚决定书.pdf")).toBe("处罚决定书.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("/tmp/a.png")).toBe("a.png");
  });
  it("drops control characters and the right-to-left override that disguises an extension", () => {
    expect(cleanFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(cleanFileName("a\u0000b\r\nc\u0007.pdf")).toBe("ab c.pdf");
    expect(cleanFileName("zero\u200Bwidth\uFEFF.png")).toBe("zerowidth.png");
    expect(cleanFileName("  lots   of\tspace .pdf ")).toBe("lots of space .pdf");
  });
  it("never gives an empty, hidden or dot-dot name", () => {
    expect(cleanFileName("")).toBe("file");
    expect(cleanFileName("\u202E\u0000")).toBe("file");
    expect(cleanFileName("..")).toBe("file");
    expect(cleanFileName(".htaccess")).toBe("htaccess");
  });
  it("cuts a long name to the limit, keeping the extension and whole characters", () => {
    const long = `${"证".repeat(300)}.pdf`;
    const cleaned = cleanFileName(long);
    expect([...cleaned]).toHaveLength(MAX_DISPLAY_NAME_LENGTH);
    expect(cleaned.endsWith(".pdf")).toBe(true);
    const emoji = cleanFileName("😀".repeat(200));
    expect([...emoji]).toHaveLength(MAX_DISPLAY_NAME_LENGTH);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone high surrogate
  });
  it("a download keeps a matching extension and gets the real one otherwise", () => {
    expect(downloadFileName("照片.JPEG", "image/jpeg")).toBe("照片.JPEG");
    expect(downloadFileName("page.html", "application/pdf")).toBe("page.pdf");
    expect(downloadFileName("noextension", "image/png")).toBe("noextension.png");
  });
  it("Content-Disposition is an attachment with an ASCII fallback and the exact UTF-8 name", () => {
    const header = attachmentDisposition('处罚 "决定"(1).pdf');
    expect(header.startsWith("attachment; ")).toBe(true);
    expect(header).toContain('filename="__ ____(1).pdf"'); // non-ASCII and quotes become "_"
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    const encoded = header.split("filename*=UTF-8''")[1];
    expect(decodeURIComponent(encoded)).toBe('处罚 "决定"(1).pdf');
    expect(header).not.toMatch(/[^\x20-\x7e]/); // a header value must be ASCII
  });
});

describe("staff read the files of cases in their organ", () => {
  const path = ["region", "city", "district"];
  it("a handling role in the case's organ, or above it with subordinates, may read", () => {
    expect(staffMayReadCaseFiles([{ role: "reconsideration_staff", organId: "district", includeSubordinates: false }], path)).toBe(true);
    expect(staffMayReadCaseFiles([{ role: "office_head", organId: "city", includeSubordinates: true }], path)).toBe(true);
    expect(staffMayReadCaseFiles([{ role: "office_head", organId: "city", includeSubordinates: false }], path)).toBe(false);
    expect(staffMayReadCaseFiles([{ role: "reconsideration_staff", organId: "elsewhere", includeSubordinates: true }], path)).toBe(false);
  });
  it("the administrator and the respondent's agent do not read the organ's case files (Art. 48: the respondent is served a copy)", () => {
    expect(staffMayReadCaseFiles([{ role: "admin", organId: "region", includeSubordinates: true }], path)).toBe(false);
    expect(staffMayReadCaseFiles([{ role: "respondent_agent", organId: "district", includeSubordinates: false }], path)).toBe(false);
    expect(staffMayReadCaseFiles([], path)).toBe(false);
  });
  it("a committee member reads nothing by role; a seat on a consultation of the case, no conflict declared, opens it", () => {
    expect(staffMayReadCaseFiles([{ role: "committee_member", organId: "district", includeSubordinates: false }], path)).toBe(false);
    const at = new Date("2026-11-20T02:00:00Z");
    expect(memberSeatReadsCaseFiles({ removedAt: null, declaredAt: at, declaredConflict: false })).toBe(true);
    expect(memberSeatReadsCaseFiles({ removedAt: null, declaredAt: null, declaredConflict: null })).toBe(false); // not declared yet
    expect(memberSeatReadsCaseFiles({ removedAt: at, declaredAt: at, declaredConflict: true })).toBe(false); // declared a conflict
    expect(memberSeatReadsCaseFiles({ removedAt: at, declaredAt: at, declaredConflict: false })).toBe(false); // removed later
  });
});
