// The anonymised copy of a reconsideration decision (行政复议决定书) for publication. 《行政复议法》第七十九条第一款:
// the organ publishes decisions "按照国家有关规定" (DOMAIN.md 10.09); the personal information in them is protected by
// 《个人信息保护法》第三十四条 (a state organ processes personal information only as far as its statutory duty needs) and
// 《政府信息公开条例》第十五条 (no disclosure of personal privacy that harms a third party); what is anonymised in the sense
// of 《个人信息保护法》第七十三条第四项 (cannot identify a person, cannot be restored) is no longer personal information (Art. 4).
// No national rule yet says how a 决定书 is to be anonymised, so the method is the courts' for published judgments,
// 法释〔2016〕19号《最高人民法院关于人民法院在互联网公布裁判文书的规定》: names keep the surname and the rest becomes 某
// (Art. 9(1)); ID numbers, phone numbers, addresses, bank accounts and vehicle plates are removed (Art. 10(1)); and the
// Supreme People's Court's 2013 technical norm removes the domicile below the county-level division.
//
// Decisions taken here, and why:
// - Every natural person's name is anonymised, parties and others alike (agents, legal representatives, persons in
//   charge, witnesses): a name given in `names` or found by its context (申请人王小明, 法定代表人：…, 王小明（男，…）).
//   Names of organisations (…人民政府, …局, …有限公司, …委员会) are kept: they are not personal information.
// - Mongolian names in Chinese transcription (巴特尔, 其木格, 乌云娜, 额尔敦巴雅尔) have no surname: they keep their
//   first character and the rest becomes 某 (巴某, 额某), as Art. 9(2) of the courts' rule does for minority names.
// - Two different people who would both become 张某 are told apart in order of first appearance: 张某甲, 张某乙.
// - Removed values become one fixed mask (××××), so the copy does not even show how long a number was; an address
//   keeps its region, city and district/county/banner and loses the rest (township, village, street, house number).
// - The rules err on the side of removing: a doubtful span is masked, never left.
// Pure string work: no locale, no database.
import {
  ADDRESS_LABELS,
  addressSpans,
  adminPrefix,
  CJK,
  EMAIL,
  ID_15,
  ID_18,
  ID_LABELLED,
  LANDLINE,
  MOBILE,
  PHONE_LABELLED,
} from "./personal-patterns";

/** What stands where a removed value was. */
export const ANONYMISED_MASK = "××××";

export const replacementKinds = ["name", "idNumber", "bankCard", "phone", "email", "plate", "address"] as const;
export type ReplacementKind = (typeof replacementKinds)[number];
export type Replacement = {
  kind: ReplacementKind;
  original: string;
  replacement: string;
};
export type AnonymiseResult = { text: string; replacements: Replacement[] };
export type AnonymiseOptions = {
  /** The natural persons' names known from the case (parties, agents, representatives); the text finds the others. */
  names?: readonly string[];
};

// ---------------------------------------------------------------------------------------------------------------
// Numbers, plates, e-mail addresses

// Bank card and account numbers: 16–19 digits, written in one run or in groups of four; any labelled account number.
// The 18-digit unified social credit code of an organisation is not a bank account and stays.
const BANK_CARD =
  /(?<![0-9A-Za-z])(?<!信用代码\s*[:：]?\s*)(?:\d{4}[ -]){3,4}\d{1,7}(?![0-9A-Za-z])|(?<![0-9A-Za-z])(?<!信用代码\s*[:：]?\s*)\d{16,19}(?![0-9A-Za-z])/g;
const BANK_LABELLED =
  /((?:银行账号|银行卡号|银行账户|开户账号|账号|帐号|卡号)\s*(?:[:：]|为|是)?\s*)(\d[\d -]{6,30}\d)/g;

// Motor vehicle plates (GA 36): province, issuing-office letter, an optional dot, five characters (six for new energy
// vehicles, 蒙AD12345), an optional 挂/学/警; at least one digit.
const PLATE =
  /(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Za-z]\s?[·•・.．\-－]?\s?(?=[A-Za-z0-9]{0,5}\d)[A-Za-z0-9]{5,6}[挂学警]?(?![A-Za-z0-9])/g;

// ---------------------------------------------------------------------------------------------------------------
// Addresses

const ADDRESS_VALUE = `(?:[^，,。；;、\\n(（)）]|[(（][^)）\\n]{0,30}[)）])+`;
const ADDRESS_LABEL_ALTERNATIVES = [...ADDRESS_LABELS, "现住", "家住", "暂住", "居住于", "居住在", "住在", "住于"].sort(
  (a, b) => b.length - a.length,
);
// A label with an optional separator (住所地呼和浩特市…, 住址：…), or a bare 住 opening a clause (，住呼和浩特市…) —
// not 住房, 住宿, 住院, 住户, 住建 or 住宅, which are not addresses.
const ADDRESS_CLAUSE = new RegExp(
  `((?:${ADDRESS_LABEL_ALTERNATIVES.join(
    "|",
  )})\\s*(?:[:：]|为|是|在|于)?\\s*|(?<=^|[，,、；;。\\s(（：:])住(?![房宿院户建宅所址])\\s*[:：]?\\s*)(${ADDRESS_VALUE})`,
  "g",
);
// 王小明住呼和浩特市赛罕区…: 住 right after a name, taken only when an administrative unit follows (记住了 is no address)
const ADDRESS_AFTER_NAME = new RegExp(`(?<=[${CJK}])(住(?![房宿院户建宅所址])\\s*)(${ADDRESS_VALUE})`, "g");
const ADDRESS_MARK = /[省市区县旗盟镇乡村屯嘎查苏木街路巷道弄号楼栋幢室组\d]/;

// ---------------------------------------------------------------------------------------------------------------
// Names

const HAN = new RegExp(`[${CJK}]`);
const HAN_RUN = new RegExp(`^[${CJK}]+`);
const words = (list: string) => list.split(" ");

// The commonest single surnames (about 450, 百家姓 and the national census tables), and the compound ones.
const SINGLE_SURNAMES = new Set([
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由萨图达额格其塔朝宝",
]);
const COMPOUND_SURNAMES = words(
  "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 澹台 呼延 端木 独孤 南宫 西门 轩辕 万俟 闻人 赫连 拓跋 " +
    "完颜 钟离 宗政 濮阳 淳于 单于 太叔 申屠 公冶 仲孙 乐正 司空 司寇 百里 东郭 左丘 谷梁",
);

// Characters of Mongolian names in Chinese transcription (巴特尔, 其木格, 乌云娜, 额尔敦巴雅尔, 斯琴高娃, 孟和吉日嘎拉…).
// A run of them longer than a Han name is read as one Mongolian name.
const MONGOLIAN_CHARS = new Set([
  ..."巴特尔雅其木格乌云娜额敦苏日斯琴高娃图萨仁兰那满都拉孟吉嘎宝音朝鲁敖毕力德哈塔阿坦仓包白布达赖很呼顺陶克门楞古赛乙照道桑扎尼青登托罕希恩胡必伊勒色旺丹金龙海山泉花娅玛莫穆沁钦思诺其琪芬",
]);

/** The roles that introduce a person's name in a decision; the last ones only with a colon (证人：…). */
const NAME_LABELS = words(
  "委托诉讼代理人 委托代理人 法定代理人 法定代表人 主要负责人 负责人 代理人 代表人 申请人 第三人 被处罚人 监护人 举报人 投诉人 " +
    "执法人员 承办人 经营者 驾驶人 驾驶员 妻子 丈夫 其妻 其夫 之妻 之夫 父亲 母亲 儿子 女儿 之子 之女 之父 之母 其子 其女 其父 其母",
);
const COLON_LABELS = words("当事人 证人 经办人 联系人 姓名 受害人 被害人");
const ROLE_LABEL = new RegExp(
  `(被申请人|${[...NAME_LABELS, ...COLON_LABELS]
    .sort((a, b) => b.length - a.length)
    .join("|")})(?![民员子])(?:姓名)?\\s*([:：])?\\s*`,
  "g",
);

// Words that follow a name and are no part of it (nor can begin one): verbs, titles, role words, and the nouns that
// follow a role label (代理人意见, 代理人权限). Multi-character words are safe anywhere; the single characters only end a
// name where a third given-name character would be (王建和 is a name, 张三对申请人 is not).
const FOLLOWING_WORDS = [
  ...words(
    "不服 诉称 辩称 述称 认为 提出 提交 提供 申请 请求 要求 主张 陈述 表示 同意 收到 签收 作为 委托 处以 家住 现住 居住 出生 律师 " +
      "先生 女士 同志 局长 科长 主任 经理 队长 所长 董事长 驾驶 持有 名下 本人 一方 双方 分别 共同 作出 承担 未能 没有 通过 经营 " +
      "购买 承包 拒绝 负责 担任 到场 到庭 出庭 证实 证明 签字 亲属 家属 意见 权限 身份 资格 授权 材料 证据 签名 信息 情况 职务 " +
      "名称 住所 地址 电话 联系 委托书 被申请人",
  ),
  ...NAME_LABELS,
  ...COLON_LABELS,
];
const FOLLOWING_CHARS = new Set([..."对因于向与及等的在系是将已未就称所被也并诉均"]);
// Where a clause after a role label does not begin with a name (申请人认为, 申请人于2024年, 代理人的意见).
const NOT_A_NAME_START = new RegExp(
  `^(?:[对因在系是的已未就称所被也并均亦即又诉等不把给让使而该这此本各每另如若却仍再或某]|于(?=[\\d〇零一二三四五六七八九十本同当次某今去前上下该其])|` +
    `向(?=[被本法人我其申复行有该市区县旗])|将(?=[其该])|经(?=[查审调复过核])|由(?=[于其被申本])|有(?=[关限权无])|` +
    `其(?![木其勒])|曾(?=[经在于向])|和(?=[被申第])|上(?=[述列])|以(?=[上下])|` +
    `${FOLLOWING_WORDS.join("|")})`,
);
const ORGANISATION_END =
  /(?:人民政府|政府|委员会|公司|事务所|合作社|银行|分行|支行|分局|中心|协会|商行|经营部|医院|学校|大学|集团|办公室|办事处|派出所|大队|支队|中队|[局厅院厂店社所站队处委办])$/;
const PLACE_CHAR = /[省市区县旗盟镇乡村街路号]/;

// Place names of Inner Mongolia that begin like a Mongolian personal name (a person named 呼和 or 巴彦 must not turn
// 呼和浩特市 into 呼某浩特市): an occurrence of a name inside one of them is left alone.
const PROTECTED_PLACES = words(
  "呼和浩特 乌兰察布 乌兰浩特 巴彦淖尔 巴彦浩特 锡林郭勒 锡林浩特 鄂尔多斯 阿拉善 呼伦贝尔 二连浩特 霍林郭勒 额尔古纳 阿尔山 扎兰屯 " +
    "满洲里 达尔罕茂明安 白云鄂博 巴林左旗 巴林右旗 阿鲁科尔沁 科尔沁 苏尼特 乌拉特 乌审 伊金霍洛 额济纳 阿巴嘎 乌珠穆沁 巴尔虎 鄂温克 " +
    "鄂伦春 莫力达瓦 扎赉特 扎鲁特 敖汉 翁牛特 克什克腾 喀喇沁 土默特 托克托 和林格尔 达拉特 准格尔 杭锦 鄂托克 四子王 察哈尔 昆都仑 " +
    "海勃湾 乌达 乌海 包头 赤峰 通辽 兴安 集宁 赛罕 回民 玉泉 新城",
);
const PROTECTED_PLACE = new RegExp(PROTECTED_PLACES.join("|"), "g");

function surnameOf(name: string): string {
  if (name.length >= 3 && COMPOUND_SURNAMES.some((s) => name.startsWith(s))) return name.slice(0, 2);
  return name[0];
}

function startsWithFollowingWord(text: string, at: number): boolean {
  return FOLLOWING_WORDS.some((w) => text.startsWith(w, at));
}

function hasSurname(run: string): boolean {
  return COMPOUND_SURNAMES.some((s) => run.startsWith(s)) || SINGLE_SURNAMES.has(run[0]);
}

/** Whether a string can be a name at all: no role word, verb, place or organisation in it, not already 某. */
function canBeName(s: string): boolean {
  if (NOT_A_NAME_START.test(s) || FOLLOWING_WORDS.some((w) => s.includes(w))) return false;
  // a place mark after the first character (路 and 区 are surnames too: 路明 is a name, 新城区 is not)
  return !PLACE_CHAR.test(s.slice(1)) && !ORGANISATION_END.test(s) && !s.includes("某");
}

/**
 * Whether a whole clause (closed by punctuation) is a person's name: 2–4 characters, or a longer Mongolian name.
 * After a role label a short name must also begin with a known surname or be Mongolian (代理人意见 is no name);
 * before a stated sex (…，男，) any short clause is one.
 */
function isWholeName(run: string, afterLabel: boolean): boolean {
  if (run.length < 2 || run.length > 8 || !canBeName(run)) return false;
  const mongolian = [...run].every((c, i) => MONGOLIAN_CHARS.has(c) || (c === "和" && i === 1));
  if (run.length > 4) return mongolian;
  // four Han characters are a name with a compound surname (欧阳明华), or a name and a word (李文对此): read on
  if (run.length === 4 && !mongolian && afterLabel) return COMPOUND_SURNAMES.some((s) => run.startsWith(s));
  return !afterLabel || mongolian || hasSurname(run);
}

/** How many characters from the start of `run` read as a Mongolian name (和 only second: 孟和, 布和, 呼和). */
function mongolianLength(text: string, at: number): number {
  let n = 0;
  while (n < 8 && at + n < text.length) {
    const c = text[at + n];
    if (!MONGOLIAN_CHARS.has(c) && !(c === "和" && n === 1)) break;
    if (n >= 2 && (FOLLOWING_CHARS.has(c) || startsWithFollowingWord(text, at + n))) break;
    n++;
  }
  return n;
}

/** Whether a short Han name seems to begin at `at` (张三和李四不服: 和 joins two names, 王建和不服 is one name). */
function nameFollows(text: string, at: number): boolean {
  if (!SINGLE_SURNAMES.has(text[at])) return false;
  return [2, 3].some((k) => {
    const next = at + k;
    return (
      next >= text.length ||
      !HAN.test(text[next]) ||
      FOLLOWING_CHARS.has(text[next]) ||
      startsWithFollowingWord(text, next)
    );
  });
}

/** The name that begins at `at` (just after a role label), or null when the clause does not begin with one. */
function nameAt(text: string, at: number, known: readonly string[]): string | null {
  const knownHere = known.find((n) => text.startsWith(n, at));
  if (knownHere) return knownHere;
  let run = HAN_RUN.exec(text.slice(at, at + 24))?.[0] ?? "";
  if (run.length < 2 || run[0] === "某" || run[1] === "某" || NOT_A_NAME_START.test(run)) return null;
  // the whole clause, when punctuation closes it: 申请人王小明，男 / 委托代理人：额尔敦巴雅尔，
  const closed = at + run.length >= text.length || !/[0-9A-Za-z]/.test(text[at + run.length]);
  if (closed) {
    // 苏和诉称， / 王小明等， : the words after the name are no part of it
    const cut = [...run].findIndex((_c, i) => i >= 2 && startsWithFollowingWord(run, i));
    if (cut > 0) run = run.slice(0, cut);
    if (run.length >= 3 && (FOLLOWING_CHARS.has(run[run.length - 1]) || run.endsWith("亦"))) run = run.slice(0, -1);
  }
  if (closed && isWholeName(run, true)) return run;
  // a Mongolian name running into the next words: 额尔敦巴雅尔对…
  const mongolian = mongolianLength(text, at);
  if (mongolian >= 4) return text.slice(at, at + mongolian);
  // a Han name: surname and one or two given characters
  const surname = COMPOUND_SURNAMES.find((s) => run.startsWith(s)) ?? (hasSurname(run) ? run[0] : "");
  if (!surname || run.length <= surname.length) return null;
  const third = at + surname.length + 1;
  const short =
    run.length === surname.length + 1 ||
    FOLLOWING_CHARS.has(text[third]) ||
    startsWithFollowingWord(text, third) ||
    (text[third] === "和" && nameFollows(text, third + 1));
  const name = run.slice(0, surname.length + (short ? 1 : 2));
  return PLACE_CHAR.test(name.slice(1)) || ORGANISATION_END.test(name) ? null : name;
}

/** The name written just before (男， / （女，: the end of the Han run before it. */
function nameBeforeGender(run: string, known: readonly string[]): string | null {
  const knownHere = known.find((n) => run.endsWith(n));
  if (knownHere) return knownHere;
  if (isWholeName(run, false)) return run;
  for (let len = Math.min(8, run.length); len >= 4; len--) {
    const tail = run.slice(-len);
    if ([...tail].every((c) => MONGOLIAN_CHARS.has(c)) && canBeName(tail)) return tail;
  }
  for (const len of [3, 4, 2]) {
    const tail = run.slice(-len);
    if (tail.length !== len || !canBeName(tail)) continue;
    const compound = COMPOUND_SURNAMES.some((s) => tail.startsWith(s));
    if ((len === 4 && compound) || (len < 4 && SINGLE_SURNAMES.has(tail[0]))) return tail;
  }
  return null;
}

// 王小明，男， / 王小明（女，… / 王小明（以下简称申请人）
const GENDER_AFTER_NAME = new RegExp(
  `([${CJK}]{2,12})(?=\\s*(?:[，,（(]\\s*[男女]性?\\s*[，,、）)；;\\s]|[（(]以下简称))`,
  "g",
);
const CONNECTOR = /^(?:、|和|与|及|以及)/;

/** The names that the text itself shows: after role labels and before a stated sex. */
function discoverNames(text: string, known: readonly string[]): string[] {
  const found: string[] = [];
  const all = () => [...known, ...found].sort((a, b) => b.length - a.length);
  for (const m of text.matchAll(GENDER_AFTER_NAME)) {
    const name = nameBeforeGender(m[1], all());
    if (name) found.push(name);
  }
  for (const m of text.matchAll(ROLE_LABEL)) {
    const [whole, label, colon] = m;
    if (label === "被申请人" || (COLON_LABELS.includes(label) && !colon)) continue;
    // 申请人张三、李四不服… : the names listed after one label
    let at = m.index + whole.length;
    for (let i = 0; i < 10; i++) {
      const name = nameAt(text, at, all());
      if (!name) break;
      found.push(name);
      at += name.length;
      const connector = CONNECTOR.exec(text.slice(at))?.[0];
      if (!connector) break;
      at += connector.length;
    }
  }
  return found;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** 张某, or 张某甲 / 张某乙 when two different people share the surname (in order of first appearance). */
function nameReplacements(names: string[], text: string): Map<string, string> {
  const firstSeen = (n: string) => {
    const i = text.indexOf(n);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const bySurname = new Map<string, string[]>();
  for (const name of [...names].sort((a, b) => firstSeen(a) - firstSeen(b))) {
    const key = surnameOf(name);
    bySurname.set(key, [...(bySurname.get(key) ?? []), name]);
  }
  const ORDINALS = "甲乙丙丁戊己庚辛壬癸";
  const out = new Map<string, string>();
  for (const [surname, group] of bySurname) {
    group.forEach((name, i) =>
      out.set(name, group.length === 1 ? `${surname}某` : `${surname}某${ORDINALS[i] ?? i + 1}`),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The anonymised copy of a decision text for publication, and the list of what was replaced (for the reviewer who
 * signs off the published copy). Names become surname + 某; ID, bank, phone, plate numbers and e-mail addresses become
 * ××××; addresses keep their part down to the district/county/banner. Organisation names stay.
 */
export function anonymise(text: string, options: AnonymiseOptions = {}): AnonymiseResult {
  const replacements: Replacement[] = [];
  const mask = (kind: ReplacementKind, original: string, replacement = ANONYMISED_MASK) => {
    replacements.push({ kind, original, replacement });
    return replacement;
  };
  const maskValue =
    (kind: ReplacementKind) =>
    (_m: string, label: string, value: string): string =>
      `${label}${mask(kind, value)}`;

  let out = text
    .replace(EMAIL, (m) => mask("email", m))
    .replace(ID_18, (m) => mask("idNumber", m))
    .replace(ID_15, (m) => mask("idNumber", m))
    .replace(ID_LABELLED, maskValue("idNumber"))
    .replace(BANK_LABELLED, maskValue("bankCard"))
    .replace(BANK_CARD, (m) => mask("bankCard", m))
    .replace(MOBILE, (m) => mask("phone", m))
    .replace(LANDLINE, (m) => mask("phone", m))
    .replace(PHONE_LABELLED, maskValue("phone"))
    .replace(PLATE, (m) => mask("plate", m));

  out = out.replace(ADDRESS_CLAUSE, (whole: string, label: string, value: string) => {
    const trimmed = value.trim();
    if (!ADDRESS_MARK.test(trimmed)) return whole; // 送达地址确认书, 住所不详: no address here
    const prefix = adminPrefix(trimmed, "county");
    const rest = trimmed.slice(prefix.length);
    if (!rest || /^×+$/.test(rest)) return whole;
    return `${label}${prefix}${mask("address", rest)}`;
  });
  out = out.replace(ADDRESS_AFTER_NAME, (whole: string, label: string, value: string) => {
    const prefix = adminPrefix(value, "county");
    const rest = value.slice(prefix.length);
    return prefix && rest && !/^×+$/.test(rest) ? `${label}${prefix}${mask("address", rest)}` : whole;
  });
  let withoutStreets = "";
  let last = 0;
  for (const { start, end } of addressSpans(out)) {
    withoutStreets += out.slice(last, start) + mask("address", out.slice(start, end));
    last = end;
  }
  out = withoutStreets + out.slice(last);

  const known = (options.names ?? []).map((n) => n.trim()).filter((n) => n.length >= 2 && HAN.test(n));
  // a name found twice with different ends (巴特尔, and 巴特尔拉 before 拉走) is the shorter one: it replaces both
  const found = [...new Set(discoverNames(out, known))].filter((n) => !n.includes("某"));
  const discovered = found.filter(
    (n) => ![...known, ...found].some((other) => other.length < n.length && n.startsWith(other)),
  );
  const names = [...new Set([...known, ...discovered])].sort((a, b) => b.length - a.length);
  if (names.length > 0) {
    const replacementOf = nameReplacements(names, out);
    const protectedSpans = [...out.matchAll(PROTECTED_PLACE)].map((m) => [m.index, m.index + m[0].length] as const);
    const NAME = new RegExp(names.map(escapeRegExp).join("|"), "g");
    out = out.replace(NAME, (name: string, offset: number) => {
      if (protectedSpans.some(([s, e]) => offset < e && offset + name.length > s)) return name;
      return mask("name", name, replacementOf.get(name) ?? `${surnameOf(name)}某`);
    });
  }
  return { text: out, replacements };
}

/**
 * The secrets (names, numbers, address parts) that can still be read in `text`: verbatim, or for numbers and plates
 * also with spaces, dots and dashes ignored (139 4711 2345 leaks 13947112345). Tests assert it returns [].
 */
export function findLeaks(text: string, secrets: readonly string[]): string[] {
  const squeeze = (s: string) => s.toLowerCase().replace(/[\s·•・.．\-－—()（）+]/g, "");
  const plain = squeeze(text);
  return [...new Set(secrets.map((s) => s.trim()).filter(Boolean))].filter((secret) => {
    if (text.includes(secret)) return true;
    const squeezed = squeeze(secret);
    return /\d/.test(squeezed) && squeezed.length >= 5 && plain.includes(squeezed);
  });
}
