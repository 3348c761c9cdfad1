// Masking personal information in case texts before they go to someone who is not a party or the handling office —
// the committee members' digest (《行政复议法》第三十六条第二款: personal privacy is kept confidential; DOMAIN.md 6.01).
// Names stay (a member must know who the parties are to see a conflict of interest); resident ID numbers, phone numbers,
// e-mail addresses and the detailed part of addresses (below the district/county/banner) are replaced by a marker.
// Pure string work: no locale, no database. The patterns are shared with anonymise.ts (personal-patterns.ts).
import {
  ADDRESS_LABELLED,
  addressSpans,
  adminPrefix,
  EMAIL,
  ID_15,
  ID_18,
  ID_LABELLED,
  LANDLINE,
  MOBILE,
  PHONE_LABELLED,
} from "./personal-patterns";

export const MASKS = {
  idNumber: "[证件号码已隐藏]",
  phone: "[电话已隐藏]",
  email: "[邮箱已隐藏]",
  address: "[地址已隐藏]",
} as const;

function maskLabelledAddress(_m: string, label: string, value: string): string {
  const trimmed = value.trim();
  const prefix = adminPrefix(trimmed, "township");
  const rest = trimmed.slice(prefix.length);
  if (!rest || rest.includes(MASKS.address)) return `${label}${value}`;
  return `${label}${prefix}${MASKS.address}`;
}

function maskAddressesInText(text: string): string {
  let out = "";
  let last = 0;
  for (const { start, end } of addressSpans(text)) {
    out += text.slice(last, start) + MASKS.address;
    last = end;
  }
  return out + text.slice(last);
}

/**
 * The text with personal information masked: ID numbers, phone numbers, e-mail addresses and detailed addresses.
 * Names, organ names, dates, amounts and document numbers (呼市监罚〔2026〕12号) are left as they are.
 */
export function maskPersonalData(text: string): string {
  if (!text) return text;
  return maskAddressesInText(
    text
      .replace(ID_18, MASKS.idNumber)
      .replace(ID_15, MASKS.idNumber)
      .replace(ID_LABELLED, (_m, label: string) => `${label}${MASKS.idNumber}`)
      .replace(EMAIL, MASKS.email)
      .replace(MOBILE, MASKS.phone)
      .replace(LANDLINE, MASKS.phone)
      .replace(PHONE_LABELLED, (_m, label: string) => `${label}${MASKS.phone}`)
      .replace(ADDRESS_LABELLED, maskLabelledAddress),
  );
}

/** The same for an optional text. */
export function maskOptional(text: string | null | undefined): string | null {
  return text ? maskPersonalData(text) : null;
}
