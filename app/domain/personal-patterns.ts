// The patterns that find personal information in Chinese case texts, shared by the committee digest's masking
// (personal-data.ts, Art. 36(2)) and the anonymised copy of a decision for publication (anonymise.ts, Art. 79(1)).
// The regexes are global: use them with String.replace / matchAll only (both reset lastIndex), never .test / .exec.

export const CJK = "\\u4e00-\\u9fa5";

// Resident ID numbers: 18 characters (GB 11643-1999, birth date inside) and the older 15 digits.
export const ID_18 =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
export const ID_15 = /(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g;
// A number written after its label (护照号码：E12345678, 身份证号为 1501…): whatever the form, it is an identifier.
export const ID_LABELLED =
  /((?:公民身份号码|身份证件号码|身份证号码|身份证号|证件号码|护照号码)\s*(?:[:：]|为|是)?\s*)([0-9A-Za-z*＊]{6,20})/g;

export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Mainland mobile numbers in their usual spellings (13912345678, 139 1234 5678, +86-139-1234-5678).
export const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g;
// Landlines with their area code (0471-6912345, (0471)6912345, 0471 69123456); without one a 7–8 digit number could
// be an amount of money, so only a labelled number is taken for a phone then (below).
export const LANDLINE = /(?<![\d-])(?:[(（]0\d{2,3}[)）]\s?|0\d{2,3}[-－ ]?)[2-9]\d{6,7}(?:[-－转]\d{1,5})?(?![\d-])/g;
export const PHONE_LABELLED =
  /((?:联系电话|电话号码|手机号码|手机号|固定电话|联系方式|电话|手机|座机)\s*(?:[:：]|为|是)\s*)([0-9+()（）\-－ ]{6,24}\d)/g;

/** The labels that introduce an address, longest first (so that 住所地 wins over 住所). */
export const ADDRESS_LABELS = [
  "家庭住址",
  "现住址",
  "住址",
  "经常居住地",
  "居住地",
  "住所地",
  "住所",
  "户籍所在地",
  "户籍地址",
  "户籍地",
  "通讯地址",
  "送达地址",
  "联系地址",
  "地址",
] as const;

// Addresses after a label and a separator (住址：…, 住所地为…): the value up to the next punctuation.
export const ADDRESS_LABELLED = new RegExp(
  `((?:${ADDRESS_LABELS.join("|")})\\s*(?:[:：]|为|是|在)\\s*)([^，,。；;、\\n)）]+)`,
  "g",
);

// A place name inside an administrative unit's name never contains the mark of a unit or of a street, so a street
// that happens to contain 市 (菜市场) is not taken for a city and left visible.
const UNIT_NAME = `(?:(?![省市区县旗盟州镇乡村路街巷道号楼室组])[${CJK}])`;
const PROVINCE = `(?:${UNIT_NAME}{2,10}?(?:自治区|省|特别行政区))`;
const CITY = `(?:${UNIT_NAME}{1,10}?(?:自治州|地区|市|盟|州))`;
const COUNTY = `(?:${UNIT_NAME}{1,10}?(?:区(?<!小区|社区|园区|校区|厂区|矿区|街区|景区|营区|片区)|县|旗|市))`;
const TOWNSHIP = `(?:${UNIT_NAME}{1,8}?(?:镇|乡|苏木|街道))`;

/**
 * The administrative head of an address that may stay visible: region/province, city/league and district/county/banner,
 * and with `township` also the town, township, sumu or subdistrict (小区, 社区 and the like are not districts).
 */
export function adminPrefix(address: string, level: "county" | "township"): string {
  return ADMIN_PREFIX[level].exec(address)?.[0] ?? "";
}
const ADMIN_PREFIX = {
  county: new RegExp(`^${PROVINCE}?${CITY}?${COUNTY}?`),
  township: new RegExp(`^${PROVINCE}?${CITY}?${COUNTY}?${TOWNSHIP}?`),
};

// Addresses in running text: a street, village or estate name followed by a house number, then building, unit, room.
const PLACE = "(?:大街|大道|胡同|小区|花园|家园|公寓|大厦|广场|社区|嘎查|新村|路|街|巷|弄|里|村|苑|园|城|道)";
const NUM = "(?:\\d+|[零〇一二三四五六七八九十百]+)";
const UNIT = "(?:号楼|号院|号|栋|幢|单元|层|楼|室|座|组|社|排)";
const SEGMENT = `${NUM}(?:[-－]${NUM})*${UNIT}`;
const ADDRESS_CORE = new RegExp(
  `${PLACE}${SEGMENT}(?:[${CJK}A-Za-z]{0,8}?${SEGMENT})*(?:(?<=单元|栋|幢|号楼|楼|层)\\d+)?(?:[-－]\\d+){0,3}`,
  "g",
);
/** Where the name of a street or estate cannot begin: after an administrative unit or a verb of place. */
const STOP_BEFORE_NAME = new Set([..."省市区县旗盟州镇乡木在住于至址的是和与及为到从"]);
const NAME_CHAR = new RegExp(`[${CJK}A-Za-z0-9]`);
const MAX_NAME = 12;

/** Where the detailed addresses of running text are: [start, end) spans, in order, not overlapping. */
export function addressSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let last = 0;
  for (const m of text.matchAll(ADDRESS_CORE)) {
    let start = m.index;
    // walk back over the street's own name, stopping at an administrative unit, a verb of place or punctuation
    while (
      start > last &&
      m.index - start < MAX_NAME &&
      NAME_CHAR.test(text[start - 1]) &&
      !STOP_BEFORE_NAME.has(text[start - 1])
    )
      start--;
    spans.push({ start, end: m.index + m[0].length });
    last = m.index + m[0].length;
  }
  return spans;
}
