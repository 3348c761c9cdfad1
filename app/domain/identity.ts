// Identity numbers an application carries (Reg. Art. 19: a citizen's ID number; an organisation's name and, in
// practice, its code). Both standards end in a check character that catches one wrong digit and most swaps:
//  - GB 11643-1999 公民身份号码: 17 digits (6 area + 8 birth date + 3 sequence, odd = male) + ISO 7064 MOD 11-2 check
//    (0–9 or X);
//  - GB 32100-2015 统一社会信用代码: 17 characters from a 31-character alphabet (no I, O, S, V, Z) + MOD 31 check.
// Input is normalised first: full-width digits and letters (from Chinese input methods) to ASCII, spaces removed,
// lower-case x/letters upper-cased. Error messages are i18n keys (app/locales).
import "~/locales/areas/apply";

export type IdCheck =
  | { ok: true; value: string; birthDate: string; sex: "male" | "female" }
  | { ok: false; error: "errors.idNumberRequired" | "errors.idNumberLegacy15" | "errors.idNumberFormat" | "errors.idNumberBirthDate" | "errors.idNumberCheckDigit" };

export type CreditCodeCheck =
  | { ok: true; value: string }
  | { ok: false; error: "errors.creditCodeRequired" | "errors.creditCodeFormat" | "errors.creditCodeCheckDigit" };

/** Full-width forms (０-９, Ａ-Ｚ, ａ-ｚ) to ASCII, no spaces, upper case. */
export function normalizeCode(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s\u3000-]/g, "")
    .toUpperCase();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** The check character of the first 17 digits of a resident ID (GB 11643, ISO 7064 MOD 11-2). */
export function residentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** GB 11643-1999 resident ID number. The 15-digit numbers of the 1980s were replaced in 2004–2013 and are refused. */
export function checkResidentId(input: string): IdCheck {
  const value = normalizeCode(input);
  if (value === "") return { ok: false, error: "errors.idNumberRequired" };
  if (/^\d{15}$/.test(value)) return { ok: false, error: "errors.idNumberLegacy15" };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, error: "errors.idNumberFormat" };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, error: "errors.idNumberBirthDate" };
  }
  if (residentIdCheckDigit(value.slice(0, 17)) !== value[17]) return { ok: false, error: "errors.idNumberCheckDigit" };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  return { ok: true, value, birthDate, sex: Number(value[16]) % 2 === 1 ? "male" : "female" };
}

const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code (GB 32100, MOD 31). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** GB 32100-2015 unified social credit code: registration authority, organisation type, 6-digit area, 9-character organisation code, check. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const value = normalizeCode(input);
  if (value === "") return { ok: false, error: "errors.creditCodeRequired" };
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return { ok: false, error: "errors.creditCodeFormat" };
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, error: "errors.creditCodeCheckDigit" };
  return { ok: true, value };
}
