// The identity numbers an application carries (Reg. Art. 19): the citizen's resident ID number (GB 11643-1999) and an
// organisation's unified social credit code (GB 32100-2015). The expected check characters come from implementations
// written here from the standards themselves — ISO 7064 MOD 11-2 with weights 2^(17−i) mod 11, and MOD 31 with weights
// 3^i mod 31 over the 31-character alphabet — and those are first checked against the weights printed in the
// standards and the standards' own published example numbers, so that no expectation is taken from the code under test.
import { describe, expect, it } from "vitest";
import { checkCreditCode, checkResidentId, creditCodeCheckChar, normalizeCode, residentIdCheckDigit } from "~/domain/identity";

// ---------------------------------------------------------------------------------------------------------------
// Independent implementations

/** GB 11643-1999 §5.2 / ISO 7064 MOD 11-2: W_i = 2^(i−1) mod 11 counted from the check digit (i = 1) leftwards. */
const GB11643_WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
function gb11643Check(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * GB11643_WEIGHTS[i];
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? "X" : String(c);
}
const withIdCheck = (first17: string) => first17 + gb11643Check(first17);

/** GB 32100-2015 §5: the 31 characters (no I, O, S, V, Z), weights W_i = 3^(i−1) mod 31, C18 = 31 − (Σ mod 31). */
const GB32100_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const GB32100_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
function gb32100Check(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = GB32100_ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error(`not in the GB 32100 alphabet: ${first17[i]}`);
    sum += v * GB32100_WEIGHTS[i];
  }
  return GB32100_ALPHABET[(31 - (sum % 31)) % 31];
}
const withCreditCheck = (first17: string) => first17 + gb32100Check(first17);

/** ASCII digits and letters to their full-width forms, as Chinese input methods type them. */
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** A small deterministic generator (mulberry32), so that the property checks are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the reference implementations used by these tests", () => {
  it("GB 11643-1999: the weights are those printed in the standard", () => {
    expect(GB11643_WEIGHTS).toEqual([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
  });
  it("GB 11643-1999: the standard's examples 11010519491231002X and 440524188001010014", () => {
    expect(gb11643Check("11010519491231002")).toBe("X");
    expect(gb11643Check("44052418800101001")).toBe("4");
  });
  it("GB 32100-2015: the weights are those printed in the standard", () => {
    expect(GB32100_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
    expect(GB32100_ALPHABET).toHaveLength(31);
    expect(GB32100_ALPHABET).not.toMatch(/[IOSVZ]/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Resident ID numbers

const HOHHOT_MAN = withIdCheck("15010219800101123"); // 呼和浩特市新城区, 1980-01-01, sequence 123 (odd: male)
const XINGAN_WOMAN = withIdCheck("15222119991231002"); // 科尔沁右翼前旗, 1999-12-31, sequence 002 (even: female)
const LEAP_DAY = withIdCheck("15292120000229011"); // 阿拉善左旗, 2000-02-29 (2000 is a leap year)
const FIRST_DAY = withIdCheck("15020319000101008"); // 1900-01-01, the earliest birth date accepted

// An ID whose check digit is 0, and one whose check digit is X, found among valid numbers (both edge values of the table).
const withCheckDigit = (digit: string) => {
  for (let seq = 0; seq < 1000; seq++) {
    const id = withIdCheck(`15010219850715${String(seq).padStart(3, "0")}`);
    if (id.endsWith(digit)) return id;
  }
  throw new Error(`no sequence gives check digit ${digit}`);
};
const CHECK_ZERO = withCheckDigit("0");
const CHECK_X = withCheckDigit("X");

/** The same number with its last character replaced by every other possible check character. */
const wrongChecks = (id: string) => [..."0123456789X"].filter((c) => c !== id[17]).map((c) => id.slice(0, 17) + c);

describe("GB 11643-1999 resident ID numbers: checkResidentId", () => {
  it.each([
    ["11010519491231002X", "1949-12-31", "female"],
    ["440524188001010014", "1880-01-01", "male"],
  ])("the standard's example %s is valid (born %s, %s)", (id, birthDate, sex) => {
    // 1880 is before the 1900 the code accepts, so only the first example passes as a whole; both have correct checks.
    expect(residentIdCheckDigit(id.slice(0, 17))).toBe(id[17]);
    const r = checkResidentId(id);
    if (birthDate >= "1900") expect(r).toEqual({ ok: true, value: id, birthDate, sex });
    else expect(r).toEqual({ ok: false, error: "errors.idNumberBirthDate" });
  });

  it("the check digit agrees with the standard on 2,000 random numbers", () => {
    const next = random(11643);
    for (let n = 0; n < 2000; n++) {
      const first17 = Array.from({ length: 17 }, () => Math.floor(next() * 10)).join("");
      expect(residentIdCheckDigit(first17), first17).toBe(gb11643Check(first17));
    }
  });

  it("every single wrong digit is caught (MOD 11-2 detects all single substitutions)", () => {
    for (const id of [HOHHOT_MAN, XINGAN_WOMAN, CHECK_X]) {
      for (let i = 0; i < 17; i++) {
        for (const d of "0123456789") {
          if (d === id[i]) continue;
          const typo = id.slice(0, i) + d + id.slice(i + 1);
          const r = checkResidentId(typo);
          expect(r.ok, typo).toBe(false);
          // a typo inside the birth date may make it impossible; any other is a check-digit error
          if (!r.ok && (i < 6 || i > 13)) expect(r.error, typo).toBe("errors.idNumberCheckDigit");
        }
      }
    }
  });

  it("every swap of two neighbouring different digits is caught", () => {
    for (const id of [HOHHOT_MAN, XINGAN_WOMAN, CHECK_ZERO, CHECK_X]) {
      for (let i = 0; i < 17; i++) {
        if (id[i] === id[i + 1]) continue;
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        expect(checkResidentId(swapped).ok, swapped).toBe(false);
      }
    }
  });

  it("sex from the 17th digit (odd male, even female) and birth date from digits 7–14", () => {
    for (let d = 0; d <= 9; d++) {
      const id = withIdCheck(`1501021980010112${d}`);
      expect(checkResidentId(id)).toEqual({ ok: true, value: id, birthDate: "1980-01-01", sex: d % 2 === 1 ? "male" : "female" });
    }
  });

  it("15-digit numbers of the old standard are refused with their own message, also typed full-width", () => {
    expect(checkResidentId("110105491231002")).toEqual({ ok: false, error: "errors.idNumberLegacy15" });
    expect(checkResidentId(fullWidth("150102800101123"))).toEqual({ ok: false, error: "errors.idNumberLegacy15" });
  });
});

describe("GB 32100-2015 unified social credit codes: checkCreditCode", () => {
  it("the check character agrees with the standard on 2,000 random codes", () => {
    const next = random(32100);
    for (let n = 0; n < 2000; n++) {
      const first17 = Array.from({ length: 17 }, () => GB32100_ALPHABET[Math.floor(next() * 31)]).join("");
      expect(creditCodeCheckChar(first17), first17).toBe(gb32100Check(first17));
    }
  });

  it("every single wrong character outside the area code is caught", () => {
    const code = "91110000600037341L";
    expect(gb32100Check(code.slice(0, 17))).toBe("L");
    for (let i = 0; i < 18; i++) {
      for (const c of GB32100_ALPHABET) {
        if (c === code[i] || (i >= 2 && i < 8 && !/\d/.test(c))) continue; // positions 3–8 are digits only
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(checkCreditCode(typo), typo).toEqual({ ok: false, error: "errors.creditCodeCheckDigit" });
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The table: each row an input as someone might type it, and the expected result.

type Row = [label: string, input: string, expected: { ok: true; value: string } | { ok: false; error: string }];

const idRows: Row[] = [
  ["standard example, X check digit", "11010519491231002X", { ok: true, value: "11010519491231002X" }],
  ["standard example with lower-case x", "11010519491231002x", { ok: true, value: "11010519491231002X" }],
  ["Hohhot man born 1980", HOHHOT_MAN, { ok: true, value: HOHHOT_MAN }],
  ["Xing'an woman born 1999", XINGAN_WOMAN, { ok: true, value: XINGAN_WOMAN }],
  ["born on 29 February 2000", LEAP_DAY, { ok: true, value: LEAP_DAY }],
  ["born 1 January 1900", FIRST_DAY, { ok: true, value: FIRST_DAY }],
  ["check digit 0", CHECK_ZERO, { ok: true, value: CHECK_ZERO }],
  ["check digit X found by search", CHECK_X, { ok: true, value: CHECK_X }],
  ["check digit x (lower case) found by search", CHECK_X.toLowerCase(), { ok: true, value: CHECK_X }],
  ["full-width digits", fullWidth(HOHHOT_MAN), { ok: true, value: HOHHOT_MAN }],
  ["full-width digits and full-width Ｘ", fullWidth("11010519491231002X"), { ok: true, value: "11010519491231002X" }],
  ["full-width ｘ (lower case)", fullWidth("11010519491231002x"), { ok: true, value: "11010519491231002X" }],
  ["spaces inside (6 8 4)", `${HOHHOT_MAN.slice(0, 6)} ${HOHHOT_MAN.slice(6, 14)} ${HOHHOT_MAN.slice(14)}`, { ok: true, value: HOHHOT_MAN }],
  ["ideographic spaces and a tab around", `\u3000${XINGAN_WOMAN}\t`, { ok: true, value: XINGAN_WOMAN }],
  ["leading and trailing blanks", `  ${LEAP_DAY}  `, { ok: true, value: LEAP_DAY }],
  ["wrong check digit (X expected, 0 given)", "110105194912310020", { ok: false, error: "errors.idNumberCheckDigit" }],
  ["born 1880 (standard example, before 1900)", "440524188001010014", { ok: false, error: "errors.idNumberBirthDate" }],
  ["wrong check digit on a valid date", HOHHOT_MAN.slice(0, 17) + (HOHHOT_MAN[17] === "1" ? "2" : "1"), { ok: false, error: "errors.idNumberCheckDigit" }],
  ["X where a digit belongs", CHECK_ZERO.slice(0, 17) + "X", { ok: false, error: "errors.idNumberCheckDigit" }],
  ["digit where X belongs", CHECK_X.slice(0, 17) + "0", { ok: false, error: "errors.idNumberCheckDigit" }],
  ["legacy 15 digits", "110105491231002", { ok: false, error: "errors.idNumberLegacy15" }],
  ["legacy 15 digits with spaces", "150102 800101 123", { ok: false, error: "errors.idNumberLegacy15" }],
  ["30 February", withIdCheck("15010219800230123"), { ok: false, error: "errors.idNumberBirthDate" }],
  ["month 13", withIdCheck("15010219801301123"), { ok: false, error: "errors.idNumberBirthDate" }],
  ["month 00", withIdCheck("15010219800001123"), { ok: false, error: "errors.idNumberBirthDate" }],
  ["day 00", withIdCheck("15010219800100123"), { ok: false, error: "errors.idNumberBirthDate" }],
  ["31 April", withIdCheck("15010219800431123"), { ok: false, error: "errors.idNumberBirthDate" }],
  ["29 February 2001 (not a leap year)", withIdCheck("15010220010229123"), { ok: false, error: "errors.idNumberBirthDate" }],
  ["29 February 1900 (not a leap year)", withIdCheck("15010219000229123"), { ok: false, error: "errors.idNumberBirthDate" }],
  ["born in 1899", withIdCheck("15010218991231123"), { ok: false, error: "errors.idNumberBirthDate" }],
  ["17 digits", HOHHOT_MAN.slice(0, 17), { ok: false, error: "errors.idNumberFormat" }],
  ["19 digits", `${HOHHOT_MAN}0`, { ok: false, error: "errors.idNumberFormat" }],
  ["16 digits", HOHHOT_MAN.slice(0, 16), { ok: false, error: "errors.idNumberFormat" }],
  ["a letter in the middle", "1101051949A231002X", { ok: false, error: "errors.idNumberFormat" }],
  ["X in the middle", "110105X9491231002X", { ok: false, error: "errors.idNumberFormat" }],
  ["Y as check character", "11010519491231002Y", { ok: false, error: "errors.idNumberFormat" }],
  ["empty", "", { ok: false, error: "errors.idNumberRequired" }],
  ["blanks only", "   ", { ok: false, error: "errors.idNumberRequired" }],
  ...wrongChecks(XINGAN_WOMAN).map((id): Row => [`every wrong check digit: ${id}`, id, { ok: false, error: "errors.idNumberCheckDigit" }]),
];

const creditRows: Row[] = [
  ["a well-known code, check L", "91110000600037341L", { ok: true, value: "91110000600037341L" }],
  ["a code with letters in the organisation code, check 3", "91350100M000100Y43", { ok: true, value: "91350100M000100Y43" }],
  ["a Shenzhen company, check T", "91440300708461136T", { ok: true, value: "91440300708461136T" }],
  ["a code with MA prefix, check L", "91310000MA1FL1MMXL", { ok: true, value: "91310000MA1FL1MMXL" }],
  ["Inner Mongolia public institution", withCreditCheck("12150000MB0123456"), { ok: true, value: withCreditCheck("12150000MB0123456") }],
  ["Hohhot social organisation", withCreditCheck("51150100MJ0000001"), { ok: true, value: withCreditCheck("51150100MJ0000001") }],
  ["lower case", "91110000600037341l", { ok: true, value: "91110000600037341L" }],
  ["lower-case letters inside", "91310000ma1fl1mmxl", { ok: true, value: "91310000MA1FL1MMXL" }],
  ["full-width", fullWidth("91110000600037341L"), { ok: true, value: "91110000600037341L" }],
  ["full-width lower case", fullWidth("91350100m000100y43"), { ok: true, value: "91350100M000100Y43" }],
  ["spaces inside", "9111 0000 6000 3734 1L", { ok: true, value: "91110000600037341L" }],
  ["wrong check character", "91110000600037341M", { ok: false, error: "errors.creditCodeCheckDigit" }],
  ["wrong check digit", "91350100M000100Y44", { ok: false, error: "errors.creditCodeCheckDigit" }],
  ["two characters swapped", "91110000600037314L", { ok: false, error: "errors.creditCodeCheckDigit" }],
  ["forbidden letter I", "91110000600037341I", { ok: false, error: "errors.creditCodeFormat" }],
  ["forbidden letter O", "91350100O000100Y43", { ok: false, error: "errors.creditCodeFormat" }],
  ["forbidden letter S", "91350100M000100S43", { ok: false, error: "errors.creditCodeFormat" }],
  ["forbidden letter V", "9V110000600037341L", { ok: false, error: "errors.creditCodeFormat" }],
  ["forbidden letter Z", "91310000MA1FL1MMZL", { ok: false, error: "errors.creditCodeFormat" }],
  ["forbidden letter in lower case", "91310000ma1fl1mmzl", { ok: false, error: "errors.creditCodeFormat" }],
  ["a letter in the area code", "9111000A600037341L", { ok: false, error: "errors.creditCodeFormat" }],
  ["17 characters", "91110000600037341", { ok: false, error: "errors.creditCodeFormat" }],
  ["19 characters", "91110000600037341L0", { ok: false, error: "errors.creditCodeFormat" }],
  ["a resident ID is not a credit code", "11010519491231002X", { ok: false, error: "errors.creditCodeCheckDigit" }],
  ["punctuation", "91110000600037341L.", { ok: false, error: "errors.creditCodeFormat" }],
  ["empty", "", { ok: false, error: "errors.creditCodeRequired" }],
];

describe("GB 11643-1999 and GB 32100-2015: the table", () => {
  it("has at least 40 rows", () => {
    expect(idRows.length + creditRows.length).toBeGreaterThanOrEqual(40);
  });
  it.each(idRows)("GB 11643-1999 %s: %j", (_label, input, expected) => {
    expect(checkResidentId(input)).toMatchObject(expected);
    if (expected.ok) expect(gb11643Check(expected.value.slice(0, 17))).toBe(expected.value[17]);
  });
  it.each(creditRows)("GB 32100-2015 %s: %j", (_label, input, expected) => {
    expect(checkCreditCode(input)).toEqual(expected);
    if (expected.ok) expect(gb32100Check(expected.value.slice(0, 17))).toBe(expected.value[17]);
  });
});

describe("normalizeCode: what Chinese input methods and copying add", () => {
  it.each([
    ["１５０１０２", "150102"],
    ["ａｂｃ", "ABC"],
    ["9111 0000\u30006000", "911100006000"],
    ["110105-19491231-002x", "11010519491231002X"],
    ["\t1 2\n3 ", "123"],
  ])("%j → %j", (input, out) => expect(normalizeCode(input)).toBe(out));
});
