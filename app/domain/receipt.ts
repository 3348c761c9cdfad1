// The receipt (回执) of a filing (DOMAIN.md §19, issue 4 req. 7): what was filed is fixed by a SHA-256 over a canonical
// text of the submitted content and the hashes of its files, so that anyone holding the receipt can later check it
// against the record (/verify). Canonical = JSON with object keys sorted, arrays in order, no whitespace; files sorted
// by their own hash. Hashing itself is done by the caller (node:crypto), keeping this module pure.

export interface ReceiptFile {
  sha256: string;
  size: number;
  mediaType: string;
  purpose: string;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The text the receipt hash is computed over. */
export function receiptContent(kind: "reconsideration" | "mediation", filing: unknown, files: readonly ReceiptFile[]): string {
  const sortedFiles = [...files]
    .map((f) => ({ sha256: f.sha256, size: f.size, mediaType: f.mediaType, purpose: f.purpose }))
    .sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : a.purpose < b.purpose ? -1 : 1));
  return canonicalJson({ v: 1, kind, filing, files: sortedFiles });
}

/** A receipt hash as people type it back: 64 hex digits, spaces and case ignored. */
export function normalizeReceiptHash(input: string): string | null {
  const hex = input.replace(/[\s-]/g, "").toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** Case numbers: FY (复议) or TJ (调解), the year, the organ's code, a gap-free sequence. */
export function formatCaseNumber(prefix: "FY" | "TJ", year: number, organCode: string, sequence: number): string {
  return `${prefix}${year}-${organCode.toUpperCase()}-${String(sequence).padStart(5, "0")}`;
}

export const CASE_NUMBER_PATTERN = /^(FY|TJ)\d{4}-[0-9A-Z-]{6,30}-\d{5,}$/;
