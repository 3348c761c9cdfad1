// The documents of a reconsideration case (DOMAIN.md §19): their 文号 (document number) and their frozen text. The
// Chinese here is legal document content, not UI text: it is what the organ issues and seals, cited to the article.
// Pure: the service supplies the case's facts, the counter's serial and the date of issue.
import { addCalendarDays, todayInShanghai, type IsoDate } from "./calendar";
import { documentDefinitions, type DocumentKey } from "./machines/common";
import { fixedWording, type WordingOverrides } from "./template-wording";

// ---------------------------------------------------------------------------------------------------------------
// 文号: <organ prefix><kind mark>〔<year>〕<serial>号, counted per organ, year and kind without gaps (DOMAIN.md §19
// "document number"; the counting itself is in app/services/transitions.server.ts).

/**
 * The mark after the organ prefix, per document kind. The decision carries the bare prefix (呼政复〔2026〕17号), as in
 * practice; every other numbered kind a one-character mark, so that each kind has its own series. Kinds not listed
 * here (records: 口头申请笔录 Art. 22(3), 听取意见记录 Art. 49, 听证笔录 Art. 50(3), 准予撤回记录 Art. 74(2), committee
 * records, and the documents of other procedures) carry no number.
 */
export const documentNumberMarks: Partial<Record<DocumentKey, string>> = {
  decision: "", // Art. 75: 行政复议决定书
  acceptance_notice: "受", // Art. 30(1)(3)
  supplement_notice: "补", // Art. 31
  refusal_decision: "不受", // Art. 30(2)
  dismissal_decision: "驳", // Art. 33
  reply_notice: "答", // Arts. 48, 54
  hearing_notice: "听", // Art. 51(1)
  extension_notice: "延", // Art. 62(1)
  suspension_notice: "中", // Art. 39(3)
  resumption_notice: "恢", // Art. 39(3)
  termination_decision: "终", // Art. 41
  mediation_document: "调", // Art. 73(1)
  opinion_letter: "意", // Art. 76: 行政复议意见书
  suggestion_letter: "建", // Reg. Art. 57(2): 行政复议建议书
  // Administrative mediation (DOMAIN.md §19, 12.10–12.12, 12.25–12.26): the mediating organ's own series, under
  // mediationPrefixOf (呼市场调协〔2026〕1号), never the reconsideration prefix.
  mediation_acceptance_notice: "调受",
  mediation_refusal_notice: "调不受",
  mediation_agreement: "调协",
  mediation_termination_notice: "调终",
};

/** The documents of an administrative mediation request: numbered in the mediating organ's own series. */
export const mediationDocumentKinds: readonly DocumentKey[] = ["mediation_acceptance_notice", "mediation_refusal_notice", "mediation_agreement", "mediation_termination_notice"];

/** Records that never carry a number (DOMAIN.md §19: 笔录 and 记录 are not issued to the outside under a 文号). */
export const unnumberedRecords: readonly DocumentKey[] = ["oral_application_record", "views_record", "hearing_record", "withdrawal_record"];

export const isNumbered = (kind: string): kind is DocumentKey => Object.prototype.hasOwnProperty.call(documentNumberMarks, kind);

/**
 * The short forms of the autonomous-region government and the 12 盟市 governments, by division code. Each is distinct:
 * where two names share the first character the second one keeps two (乌海 乌 / 乌兰察布 乌兰, 呼和浩特 呼 / 呼伦贝尔
 * 呼伦), so that no two organs can issue the same 文号. An organ's own `document_prefix` always wins.
 */
export const governmentShortForms: Record<string, string> = {
  "150000": "内", // 内蒙古自治区人民政府
  "150100": "呼", // 呼和浩特市
  "150200": "包", // 包头市
  "150300": "乌", // 乌海市
  "150400": "赤", // 赤峰市
  "150500": "通", // 通辽市
  "150600": "鄂", // 鄂尔多斯市
  "150700": "呼伦", // 呼伦贝尔市
  "150800": "巴", // 巴彦淖尔市
  "150900": "乌兰", // 乌兰察布市
  "152200": "兴", // 兴安盟
  "152500": "锡", // 锡林郭勒盟
  "152900": "阿", // 阿拉善盟
};

/** 政复: a government's reconsideration documents (the organ is the government since the 2023 centralisation, Art. 24). */
const RECONSIDERATION_SUFFIX = "政复";

export interface OrganForNumber {
  code: string;
  name: string;
  documentPrefix: string | null;
}

/** The organ's prefix: its own setting, else the table above, else the first two characters of its name + 政复. */
export function documentPrefixOf(organ: OrganForNumber): string {
  const own = organ.documentPrefix?.trim();
  if (own) return own;
  const short = governmentShortForms[organ.code];
  if (short) return `${short}${RECONSIDERATION_SUFFIX}`;
  const name = organ.name.replace(/人民政府$/, "").replace(/^内蒙古自治区/, "");
  return `${Array.from(name).slice(0, 2).join("")}${RECONSIDERATION_SUFFIX}`;
}

/**
 * The prefix of an organ's administrative mediation documents: the short form of its 盟市 (or the first two characters
 * of its 旗县) and two characters of its own name — 呼和浩特市市场监督管理局 → 呼市场, 新城区公安分局 → 新城公安, a
 * government itself → 呼政. Not the organ's `document_prefix`, which is its reconsideration series.
 */
export function mediationPrefixOf(organ: OrganForNumber): string {
  const area = governmentShortForms[organ.code.split("-")[0] ?? ""];
  const name = organ.name.replace(/^内蒙古自治区/, "");
  // the area's own name ends at its first 市/盟 (盟市 level) or 区/旗/县 (旗县 level) after at least two characters
  const head = /^(.{2,7}?(?:市|盟|区|旗|县))(?=.)/.exec(name);
  const own = head ? name.slice(head[1].length) : name;
  const organShort = /^人民政府/.test(own) ? "政" : Array.from(own).slice(0, 2).join("");
  const areaShort = area ?? (head ? Array.from(head[1]).slice(0, 2).join("") : "");
  return `${areaShort}${organShort}`;
}

/** The prefix for a kind of document: the mediation series for mediation documents, else the reconsideration one. */
export function documentPrefixFor(organ: OrganForNumber, kind: DocumentKey): string {
  return mediationDocumentKinds.includes(kind) ? mediationPrefixOf(organ) : documentPrefixOf(organ);
}

/** 呼政复〔2026〕17号; 呼政复受〔2026〕3号. */
export function formatDocumentNumber(prefix: string, kind: DocumentKey, year: number, serial: number): string {
  if (!isNumbered(kind)) throw new RangeError(`${kind} carries no number`);
  if (!Number.isInteger(serial) || serial < 1) throw new RangeError(`bad serial ${serial}`);
  return `${prefix}${documentNumberMarks[kind]}〔${year}〕${serial}号`;
}

// ---------------------------------------------------------------------------------------------------------------
// Service (送达, Art. 88(1) → Civil Procedure Law Arts. 87–95).

/** CPL Art. 95: a document served by public notice is deemed served when 30 days have passed since publication. */
export const PUBLIC_NOTICE_DAYS = 30;
export function publicNoticeServedOn(publishedOn: IsoDate): IsoDate {
  return addCalendarDays(publishedOn, PUBLIC_NOTICE_DAYS);
}

export const serviceRecordMethods = ["electronic", "in_person", "post", "public_notice"] as const;
export type ServiceRecordMethod = (typeof serviceRecordMethods)[number];

export interface ServiceRecordInput {
  method: ServiceRecordMethod;
  /** In person: the day handed over; post: the day on the return receipt; public notice: the day of publication. */
  date: IsoDate;
  signer: string | null;
  refused: boolean;
  /** Electronic: whether the recipient consented to electronic service (CPL Art. 90(1)). */
  recipientConsented: boolean;
}

export type ServiceRecordResult =
  | { ok: true; servedOn: IsoDate; basis: string }
  | { ok: false; code: "no_consent" | "signer_required" | "refusal_note_required" | "refused_only_in_person"; basis: string };

/**
 * The legal service date of one service, or why it cannot be recorded:
 * - in person (CPL Art. 87): the date signed on the receipt, with the signer; on refusal (Art. 89) the document is
 *   left and the refusal recorded (the note says who witnessed or how it was documented), served that day;
 * - post (Art. 91): the date on the return receipt, with the signer;
 * - public notice (Art. 95): deemed served 30 days after publication;
 * - electronic (Art. 90): only with the recipient's consent; served on the day it reached the recipient's system.
 */
export function serviceDate(input: ServiceRecordInput): ServiceRecordResult {
  switch (input.method) {
    case "electronic":
      if (!input.recipientConsented) return { ok: false, code: "no_consent", basis: "《民事诉讼法》第九十条第一款" };
      return { ok: true, servedOn: input.date, basis: "《民事诉讼法》第九十条第二款" };
    case "in_person":
      if (input.refused) {
        if (!input.signer) return { ok: false, code: "refusal_note_required", basis: "《民事诉讼法》第八十九条" };
        return { ok: true, servedOn: input.date, basis: "《民事诉讼法》第八十九条" };
      }
      if (!input.signer) return { ok: false, code: "signer_required", basis: "《民事诉讼法》第八十七条" };
      return { ok: true, servedOn: input.date, basis: "《民事诉讼法》第八十七条" };
    case "post":
      if (input.refused) return { ok: false, code: "refused_only_in_person", basis: "《民事诉讼法》第八十九条" };
      if (!input.signer) return { ok: false, code: "signer_required", basis: "《民事诉讼法》第九十一条" };
      return { ok: true, servedOn: input.date, basis: "《民事诉讼法》第九十一条" };
    case "public_notice":
      if (input.refused) return { ok: false, code: "refused_only_in_person", basis: "《民事诉讼法》第八十九条" };
      return { ok: true, servedOn: publicNoticeServedOn(input.date), basis: "《民事诉讼法》第九十五条" };
  }
}

export const serviceMethodNames: Record<ServiceRecordMethod, string> = {
  electronic: "电子送达",
  in_person: "直接送达",
  post: "邮寄送达",
  public_notice: "公告送达",
};

// ---------------------------------------------------------------------------------------------------------------
// Templates.

/** What a document is rendered from: the case as stored, the machine effect's data and the number given. */
export interface DocumentFacts {
  caseNumber: string;
  organName: string;
  number: string | null;
  issuedOn: IsoDate;
  basis: string;
  applicants: string[];
  respondentName: string | null;
  /** The act challenged: its document number and kind, as the applicant stated them. */
  actDocumentNumber: string | null;
  actName: string | null;
  receivedOn: IsoDate | null;
  acceptedOn: IsoDate | null;
  procedure: "ordinary" | "simplified";
  handlerName: string | null;
  /** Due dates of running periods after this command (decision, reply, supplement). */
  decisionDue: IsoDate | null;
  replyDue: IsoDate | null;
  requests: string | null;
  factsAndReasons: string | null;
  /** The respondent's written reply (for the decision), if filed. */
  replySummary: string | null;
  /** The hearing planned (for the hearing notice). */
  hearing: { place: string | null; issues: string | null; panel: string[] } | null;
  /** The approved draft of the decision or the agreed result of the mediation: { facts, reasoning, result, … }. */
  draft: Record<string, unknown> | null;
  /** The machine effect's data (items of a supplement notice, grounds, days, …). */
  data: Record<string, unknown>;
  /** An administrative mediation request's own facts (DOMAIN.md §19 mediation row); absent on other processes. */
  mediation?: MediationDocumentFacts | null;
}

/** What the documents of an administrative mediation are rendered from (app/services/document-facts.server.ts). */
export interface MediationDocumentFacts {
  otherParties: string[];
  /** The dispute as the applicant described it, and what they asked for. */
  happened: string | null;
  wantedOutcome: string | null;
  mediators: string[];
  /** The mediation period's last day (12.10), when running. */
  periodDue: IsoDate | null;
  agreement: {
    terms: string;
    performanceTerms: { obligor: string; obligation: string; dueDate: IsoDate }[];
    confirmations: { party: string; name: string; via: string; confirmedAt: string }[];
    judicialConfirmationEligible: boolean;
  } | null;
}

export interface RenderedDocument {
  v: 1;
  kind: DocumentKey;
  title: string;
  number: string | null;
  organName: string;
  caseNumber: string;
  addressee: string;
  paragraphs: string[];
  /** Numbered lists inside the text (supplement items, failed conditions). */
  list: string[];
  basis: string;
  date: IsoDate;
  /** Signature lines below the text (a mediation document is signed by all parties, Art. 73(1)). */
  signatures: string[];
  seal: string;
}

/** Art. 30(1)(1)–(7), as a refusal or dismissal names the condition that failed. */
export const acceptanceConditionTexts: Record<string, string> = {
  applicant_and_respondent: "有明确的申请人和符合本法规定的被申请人（《行政复议法》第三十条第一款第一项）",
  legal_interest: "申请人与被申请行政复议的行政行为有利害关系（第三十条第一款第二项）",
  specific_request: "有具体的行政复议请求和理由（第三十条第一款第三项）",
  within_period: "在法定申请期限内提出（第三十条第一款第四项）",
  within_scope: "属于本法规定的行政复议范围（第三十条第一款第五项）",
  jurisdiction: "属于本机关的管辖范围（第三十条第一款第六项）",
  no_prior_proceedings: "行政复议机关未受理过该申请人就同一行政行为提出的行政复议申请，并且人民法院未受理过该申请人就同一行政行为提起的行政诉讼（第三十条第一款第七项）",
};

/** Art. 39(1)(1)–(10). */
export const suspensionGroundTexts: Record<string, string> = {
  applicant_died: "作为申请人的公民死亡，其近亲属尚未确定是否参加行政复议（《行政复议法》第三十九条第一款第一项）",
  applicant_incapacitated: "作为申请人的公民丧失参加行政复议的行为能力，尚未确定法定代理人参加行政复议（第三十九条第一款第二项）",
  applicant_missing: "作为申请人的公民下落不明（第三十九条第一款第三项）",
  applicant_organisation_ended: "作为申请人的法人或者其他组织终止，尚未确定权利义务承受人（第三十九条第一款第四项）",
  party_unable: "申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议（第三十九条第一款第五项）",
  mediation_or_settlement: "依照本法规定进行调解、和解，申请人和被申请人同意中止（第三十九条第一款第六项）",
  legal_interpretation_pending: "行政复议案件涉及的法律适用问题需要有权机关作出解释或者确认（第三十九条第一款第七项）",
  related_case_pending: "行政复议案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结（第三十九条第一款第八项）",
  normative_document_review: "有本法第五十六条或者第五十七条规定的情形（第三十九条第一款第九项）",
  other: "需要中止行政复议的其他情形（第三十九条第一款第十项）",
};

/** Art. 41(1)–(5). */
export const terminationGroundTexts: Record<string, string> = {
  withdrawal: "申请人撤回行政复议申请，行政复议机构准予撤回（《行政复议法》第四十一条第一项）",
  applicant_died_no_heirs: "作为申请人的公民死亡，没有近亲属或者其近亲属放弃行政复议权利（第四十一条第二项）",
  organisation_ended_no_successor: "作为申请人的法人或者其他组织终止，没有权利义务承受人或者其权利义务承受人放弃行政复议权利（第四十一条第三项）",
  criminal_coercive_measures: "申请人对行政拘留或者限制人身自由的行政强制措施不服申请行政复议后，因同一违法行为涉嫌犯罪，被采取刑事强制措施（第四十一条第四项）",
  suspension_60_days: "依照本法第三十九条第一款第一项、第二项、第四项的规定中止行政复议满六十日，行政复议中止的原因仍未消除（第四十一条第五项）",
};

/** The operative words of each decision type, with its article (Arts. 63–69). */
export const decisionTypeTexts: Record<string, { text: string; article: string }> = {
  vary: { text: "变更被申请人作出的行政行为", article: "《行政复议法》第六十三条" },
  revoke: { text: "撤销被申请人作出的行政行为", article: "《行政复议法》第六十四条" },
  confirm_illegal: { text: "确认被申请人作出的行政行为违法", article: "《行政复议法》第六十五条" },
  order_performance: { text: "责令被申请人履行法定职责", article: "《行政复议法》第六十六条" },
  confirm_void: { text: "确认被申请人作出的行政行为无效", article: "《行政复议法》第六十七条" },
  uphold: { text: "维持被申请人作出的行政行为", article: "《行政复议法》第六十八条" },
  reject_claim: { text: "驳回申请人的行政复议请求", article: "《行政复议法》第六十九条" },
};

const hearingReasonTexts: Record<string, string> = {
  major_complex: "本案属于重大、疑难、复杂案件（《行政复议法》第五十条第一款）",
  institution_necessary: "行政复议机构认为有必要听证（第五十条第二款）",
  applicant_request: "申请人请求听证（第五十条第二款）",
};

/** A date in the form used on documents: 2026年3月5日. */
export function documentDate(date: IsoDate): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : []);

/** 本机关 / 你（单位） etc. are the usual forms of the model texts (DOMAIN.md §19, S36). */
function actPhrase(f: DocumentFacts): string {
  const respondent = f.respondentName ?? "被申请人";
  const act = f.actDocumentNumber ? `${f.actName ?? "行政行为"}（${f.actDocumentNumber}）` : (f.actName ?? "行政行为");
  return `${respondent}作出的${act}`;
}

const applicantsText = (f: DocumentFacts) => (f.applicants.length ? f.applicants.join("、") : "申请人");

/**
 * The frozen content of one document. Every document has the common header of DOMAIN.md §19 (organ, number, case
 * number, date; the seal is affixed on paper) and the key fields the table lists for its kind.
 */
export function renderDocument(kind: DocumentKey, f: DocumentFacts, wording: WordingOverrides = {}): RenderedDocument {
  const d = f.data;
  // fixed sentences (app/domain/template-wording.ts): the administrator's wording when set, else the default
  const w = (key: string) => fixedWording(kind, key, wording);
  const base = {
    v: 1 as const,
    kind,
    title: documentDefinitions[kind].zh,
    number: f.number,
    organName: f.organName,
    caseNumber: f.caseNumber,
    basis: f.basis,
    date: f.issuedOn,
    seal: f.organName,
  };
  const applicant = applicantsText(f);
  const received = f.receivedOn ? `于${documentDate(f.receivedOn)}` : "";
  const paragraphs: string[] = [];
  const list: string[] = [];
  let addressee = `${applicant}：`;
  let signatures: string[] = [];

  switch (kind) {
    case "acceptance_notice": {
      // DOMAIN.md 3.02/3.04: acceptance date (or deemed acceptance), procedure, handler, decision deadline, rights.
      const acceptedOn = str(d.acceptedAt) ?? f.acceptedOn ?? f.issuedOn;
      const procedure = (str(d.procedure) ?? f.procedure) === "simplified" ? "简易程序" : "普通程序";
      paragraphs.push(
        d.deemed === true
          ? `你（单位）对${actPhrase(f)}不服，${received}向本机关提出行政复议申请。本机关在法定审查期限内未作出不予受理决定，依照《中华人民共和国行政复议法》第三十条第三款的规定，该申请自${documentDate(acceptedOn)}起视为受理。`
          : `你（单位）对${actPhrase(f)}不服，${received}向本机关提出行政复议申请。经审查，该申请符合《中华人民共和国行政复议法》第三十条第一款规定的受理条件，本机关决定自${documentDate(acceptedOn)}起予以受理。`,
        `本案适用${procedure}审理${procedure === "简易程序" ? "（《行政复议法》第五十三条）" : ""}${f.handlerName ? `，承办人：${f.handlerName}` : ""}。`,
        f.decisionDue
          ? `本机关将于${documentDate(f.decisionDue)}前作出行政复议决定（《行政复议法》第六十二条）。`
          : "本机关将在法定期限内作出行政复议决定（《行政复议法》第六十二条）。",
        w("rights"),
      );
      break;
    }
    case "supplement_notice": {
      // DOMAIN.md 3.05: every missing item at once; 10 WD and how counted; deemed abandonment; extension on request.
      list.push(...strList(d.items));
      paragraphs.push(
        `你（单位）${received}向本机关提出的行政复议申请材料不齐全或者表述不清楚，无法判断是否符合受理条件。依照《中华人民共和国行政复议法》第三十一条第一款的规定，请你（单位）一次性补正下列材料：`,
        "请自收到本通知书之日起十个工作日内提交补正材料。期限自收到本通知书的次日起计算，法定节假日不计算在内（《行政复议法》第三十一条第二款、第八十八条第二款）。",
        w("consequence"),
      );
      break;
    }
    case "refusal_decision": {
      // DOMAIN.md 3.03: failed conditions, reasons, competent organ if jurisdictional, Art. 30, suit notice (3.11).
      list.push(...strList(d.failedConditions).map((c) => acceptanceConditionTexts[c] ?? c));
      paragraphs.push(
        `你（单位）对${actPhrase(f)}不服，${received}向本机关提出行政复议申请。经审查，该申请不符合《中华人民共和国行政复议法》第三十条第一款规定的下列受理条件：`,
      );
      const reasons = str(d.reasons);
      if (reasons) paragraphs.push(`理由如下：${reasons}`);
      const competent = str(d.competentOrgan);
      if (competent) paragraphs.push(`该申请不属于本机关管辖。依照《行政复议法》第三十条第二款的规定，告知你（单位）向有管辖权的行政复议机关${competent}提出申请。`);
      paragraphs.push("依照《中华人民共和国行政复议法》第三十条第二款的规定，本机关决定不予受理。");
      if (d.reconsiderationFirst === true) paragraphs.push(w("suitAfterRefusal"));
      break;
    }
    case "dismissal_decision": {
      // DOMAIN.md 3.10: the condition failed after acceptance, reasons, suit notice.
      list.push(...strList(d.failedConditions).map((c) => acceptanceConditionTexts[c] ?? c));
      paragraphs.push(
        `你（单位）对${actPhrase(f)}不服提出的行政复议申请，本机关已于${f.acceptedOn ? documentDate(f.acceptedOn) : "此前"}受理。经审理，该申请不符合《中华人民共和国行政复议法》第三十条第一款规定的下列受理条件：`,
      );
      const reasons = str(d.reasons);
      if (reasons) paragraphs.push(`理由如下：${reasons}`);
      paragraphs.push("依照《中华人民共和国行政复议法》第三十三条的规定，本机关决定驳回你（单位）的行政复议申请。");
      if (d.reconsiderationFirst === true) paragraphs.push(w("suitAfterRefusal"));
      break;
    }
    case "reply_notice": {
      // DOMAIN.md 5.01–5.02, 5.03 (Art. 70), 5.08 (Art. 51(3)).
      addressee = `${f.respondentName ?? "被申请人"}：`;
      const simplified = d.replyTimer === "respondent_reply_simplified" || f.procedure === "simplified";
      paragraphs.push(
        `${applicant}对你单位作出的${f.actDocumentNumber ? `${f.actName ?? "行政行为"}（${f.actDocumentNumber}）` : (f.actName ?? "行政行为")}不服，向本机关申请行政复议，本机关已于${f.acceptedOn ? documentDate(f.acceptedOn) : "依法"}受理。现将行政复议申请书副本（或者申请笔录复印件）发送你单位。`,
        `依照《中华人民共和国行政复议法》${simplified ? "第五十四条第一款" : "第四十八条"}的规定，请你单位自收到本通知书之日起${simplified ? "五" : "十"}日内（工作日，第八十八条第二款）${f.replyDue ? `，即${documentDate(f.replyDue)}前` : ""}，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。`,
        w("noReplyConsequence"),
        w("headAtHearing"),
      );
      break;
    }
    case "hearing_notice": {
      // DOMAIN.md 6.12 (time, place, issues, ≥5 WD ahead), 6.13 (non-attendance), 5.08 (respondent's head).
      addressee = `${applicant}、${f.respondentName ?? "被申请人"}：`;
      const date = str(d.hearingDate);
      const reason = str(d.reason);
      paragraphs.push(
        `${d.changed === true ? "本机关原定的听证时间或者地点有变更。" : ""}本机关审理的${applicant}不服${actPhrase(f)}一案，${reason ? `因${hearingReasonTexts[reason] ?? reason}，` : ""}决定举行听证。`,
        `听证时间：${date ? documentDate(date) : "另行通知"}；听证地点：${f.hearing?.place ?? "另行通知"}。`,
      );
      if (f.hearing?.issues) paragraphs.push(`拟听证事项：${f.hearing.issues}`);
      if (f.hearing?.panel.length) paragraphs.push(`听证人员：${f.hearing.panel.join("、")}。当事人认为听证人员与本案有利害关系的，可以申请回避。`);
      paragraphs.push(
        "当事人可以在听证中陈述、申辩，出示证据，进行质证（《行政复议法》第五十条）。本通知书于听证五个工作日前送达（第五十一条第一款、第八十八条第二款）。",
        w("nonAttendance"),
      );
      break;
    }
    case "extension_notice": {
      // DOMAIN.md 7.02: reason, approval by the head of the institution, new deadline (≤ 30 days added).
      addressee = `${applicant}、${f.respondentName ?? "被申请人"}：`;
      const days = num(d.days);
      const reason = str(d.reason);
      paragraphs.push(
        `本机关审理的${applicant}不服${actPhrase(f)}一案，${reason ? `因${reason}，` : "因情况复杂，"}不能在规定期限内作出行政复议决定。经行政复议机构负责人批准，依照《中华人民共和国行政复议法》第六十二条第一款的规定，审理期限延长${days ?? ""}日${f.decisionDue ? `，至${documentDate(f.decisionDue)}届满` : ""}。`,
        "延长期限最多不超过三十日（第六十二条第一款）。",
      );
      break;
    }
    case "suspension_notice": {
      // DOMAIN.md 7.05–7.06: ground (one of ten), date, the 60-day termination rule where relevant.
      addressee = `${applicant}、${f.respondentName ?? "被申请人"}：`;
      const ground = str(d.ground);
      paragraphs.push(
        `本机关审理的${applicant}不服${actPhrase(f)}一案，因${ground ? (suspensionGroundTexts[ground] ?? ground) : "出现法定中止情形"}，依照《中华人民共和国行政复议法》第三十九条的规定，本案自${documentDate(f.issuedOn)}起中止审理。`,
      );
      const explanation = str(d.explanation);
      if (explanation) paragraphs.push(`具体情况：${explanation}`);
      paragraphs.push(w("resumption"));
      if (d.sixtyDayRule === true) paragraphs.push("中止满六十日，中止的原因仍未消除的，本机关将终止行政复议（第四十一条第五项）。");
      break;
    }
    case "resumption_notice": {
      addressee = `${applicant}、${f.respondentName ?? "被申请人"}：`;
      paragraphs.push(
        `本机关审理的${applicant}不服${actPhrase(f)}一案，中止的原因已经消除。依照《中华人民共和国行政复议法》第三十九条第二款、第三款的规定，本案自${documentDate(f.issuedOn)}起恢复审理。`,
      );
      const explanation = str(d.explanation);
      if (explanation) paragraphs.push(`具体情况：${explanation}`);
      break;
    }
    case "termination_decision": {
      // DOMAIN.md 7.09 ground; 7.10 re-filing bar after withdrawal or settlement.
      addressee = `${applicant}、${f.respondentName ?? "被申请人"}：`;
      const ground = str(d.ground);
      const groundText = ground ? (terminationGroundTexts[ground] ?? suspensionGroundTexts[ground] ?? ground) : "出现法定终止情形";
      paragraphs.push(
        `本机关审理的${applicant}不服${actPhrase(f)}一案，因${ground && suspensionGroundTexts[ground] ? `${terminationGroundTexts.suspension_60_days}（中止事由：${groundText}）` : groundText}，依照《中华人民共和国行政复议法》第四十一条的规定，本机关决定终止行政复议。`,
      );
      const explanation = str(d.explanation);
      if (explanation) paragraphs.push(`具体情况：${explanation}`);
      if (ground === "withdrawal")
        paragraphs.push(
          `${d.settlement === true ? "当事人达成和解，申请人撤回行政复议申请。" : ""}申请人撤回行政复议申请的，不得再以同一事实和理由提出行政复议申请；但是，申请人能够证明撤回行政复议申请违背其真实意愿的除外（《行政复议法》第七十四条第二款）。`,
        );
      break;
    }
    case "mediation_document": {
      // DOMAIN.md 8.03–8.04: request, facts, reasons, result; signed or sealed by ALL parties and sealed by the organ.
      addressee = "";
      const draft = f.draft ?? {};
      paragraphs.push(`申请人：${applicant}`, `被申请人：${f.respondentName ?? ""}`);
      paragraphs.push(`申请人对${actPhrase(f)}不服，${received}向本机关申请行政复议。`);
      if (f.requests) paragraphs.push(`行政复议请求：${f.requests}`);
      const facts = str(draft.facts) ?? f.factsAndReasons;
      if (facts) paragraphs.push(`事实和理由：${facts}`);
      const result = str(draft.result) ?? str(d.result);
      const obligations = str(draft.respondentObligations);
      const days = num(draft.performanceDays);
      paragraphs.push(
        "经本机关主持调解，当事人自愿达成如下协议：",
        result ?? "（调解结果见附件）",
        ...(obligations ? [`履行事项：${obligations}${days ? `，被申请人应当自本调解书生效之日起${days}日内履行完毕` : ""}。`] : []),
        w("effect"),
      );
      signatures = [...f.applicants.map((a) => `申请人：${a}`), `被申请人：${f.respondentName ?? ""}`];
      break;
    }
    case "decision": {
      // DOMAIN.md 9.16: parties, act, request, reply, facts and evidence, reasoning, basis, decision, suit notice; 9.14.
      addressee = "";
      const draft = f.draft ?? {};
      const type = str(d.type);
      const t = type ? decisionTypeTexts[type] : undefined;
      paragraphs.push(`申请人：${applicant}`, `被申请人：${f.respondentName ?? ""}`);
      paragraphs.push(`申请人不服${actPhrase(f)}，${received}向本机关申请行政复议，本机关依法${f.acceptedOn ? `于${documentDate(f.acceptedOn)}` : ""}予以受理。`);
      if (f.requests) paragraphs.push(`申请人请求：${f.requests}`);
      if (f.factsAndReasons) paragraphs.push(`申请人称：${f.factsAndReasons}`);
      paragraphs.push(`被申请人答复称：${f.replySummary ?? "被申请人未在法定期限内提出书面答复。"}`);
      const facts = str(draft.facts);
      if (facts) paragraphs.push(`经审理查明：${facts}`);
      const reasoning = str(draft.reasoning);
      if (reasoning) paragraphs.push(`本机关认为：${reasoning}`);
      if (d.committeeConsulted === true) paragraphs.push("本案已提请行政复议委员会提出咨询意见，本机关已将咨询意见作为作出本决定的重要参考依据（《行政复议法》第六十一条第三款）。");
      const days = num(d.performanceDays);
      const words = t ? (d.partial === true && (type === "revoke" || type === "vary") ? `部分${t.text}` : t.text) : null;
      let operative = t ? `依照${t.article}的规定，本机关决定：${words}` : "本机关决定";
      // the drafter's words for the result follow as their own sentence, whatever punctuation they typed at the ends
      const result = str(draft.result)?.replace(/^[\s：:，,。.；;]+|[\s：:，,。.；;]+$/gu, "");
      if (result) operative += `。${result}`;
      if (type === "revoke" && d.redoOrdered === true) operative += `，并责令被申请人${days ? `自收到本决定书之日起${days}日内` : "在法定期限内"}重新作出行政行为（第六十四条第一款）`;
      if (type === "order_performance" && days) operative += `，被申请人应当自收到本决定书之日起${days}日内履行`;
      paragraphs.push(`${operative}。`);
      const obligations = str(draft.respondentObligations);
      if (obligations) paragraphs.push(`被申请人应当${obligations}（《行政复议法》第七十一条、第七十二条）。`);
      paragraphs.push(
        w("suitNotice"),
        w("effect"),
      );
      break;
    }
    case "opinion_letter": {
      // DOMAIN.md 10.05 (Art. 76): findings of illegal or improper acts, the corrections asked for, the 60-day report
      // from receipt; 10.01–10.02 (Art. 77): binding, enforced by an order to perform; 10.10 (Art. 79(2)): the copy.
      const recipient = str(d.recipientName) ?? f.respondentName ?? "";
      addressee = `${recipient}：`;
      const findings = str(d.findings);
      const rectification = str(d.rectification);
      const legalBasis = str(d.legalBasis);
      const reportDue = str(d.reportDue);
      paragraphs.push(
        `本机关在办理行政复议案件${f.caseNumber ? `（${f.caseNumber}）` : ""}过程中，发现你单位的有关行政行为存在违法或者不当的情形。`,
        ...(findings ? [`经查：${findings}`] : []),
        `依照《中华人民共和国行政复议法》第七十六条的规定，本机关提出如下意见：${rectification ?? ""}`,
        ...(legalBasis ? [`依据：${legalBasis}`] : []),
        `请你单位自收到本意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送本机关（《行政复议法》第七十六条）${reportDue ? `；报送期限至${documentDate(reportDue)}届满` : ""}。`,
        w("binding"),
      );
      const higher = str(d.higherDepartment);
      if (d.copied === true && higher) paragraphs.push(`本意见书同时抄告${higher}（《行政复议法》第七十九条第二款）。`);
      break;
    }
    case "suggestion_letter": {
      // DOMAIN.md 10.07 (Reg. Art. 57(2)): common problems in implementing laws, regulations and rules; suggestions to
      // improve systems and law enforcement; no statutory reply period (the feedback date is the portal's setting).
      const recipient = str(d.recipientName) ?? f.respondentName ?? "";
      addressee = `${recipient}：`;
      const findings = str(d.findings);
      const rectification = str(d.rectification);
      const legalBasis = str(d.legalBasis);
      const reportDue = str(d.reportDue);
      paragraphs.push(
        `本机关在${f.caseNumber ? `办理行政复议案件（${f.caseNumber}）过程中` : "行政复议工作中"}，发现法律、法规、规章实施中存在带有普遍性的问题${findings ? `：${findings}` : "。"}`,
        `依照《中华人民共和国行政复议法实施条例》第五十七条第二款的规定，本机关就完善制度和改进行政执法提出如下建议：${rectification ?? ""}`,
        ...(legalBasis ? [`依据：${legalBasis}`] : []),
        `请你单位研究处理${reportDue ? `，并于${documentDate(reportDue)}前将有关情况反馈本机关（该反馈期限由本机关确定，并非法定期限）` : "，并将有关情况反馈本机关"}。`,
      );
      break;
    }
    case "copy_report": {
      // DOMAIN.md 10.10 (Art. 79(2)): a government copies the effective decision and any opinion letter on a case against
      // one of its own working departments to that department's next-higher competent department, at the same time.
      const to = str(d.to);
      addressee = `${to ?? "被申请人的上一级主管部门"}：`;
      const letterNumber = str(d.letterNumber);
      const recipient = str(d.recipientName) ?? f.respondentName ?? "";
      if (d.letterType === "opinion") {
        paragraphs.push(
          `本机关在办理行政复议案件${f.caseNumber ? `（${f.caseNumber}）` : ""}过程中，向${recipient}制发了《行政复议意见书》${letterNumber ? `（${letterNumber}）` : ""}。依照《中华人民共和国行政复议法》第七十九条第二款的规定，现将该意见书抄告你单位。`,
        );
        const rectification = str(d.rectification);
        if (rectification) paragraphs.push(`意见书要求：${rectification}`);
        paragraphs.push(`${recipient}应当自收到意见书之日起六十日内将纠正情况报送本机关（《行政复议法》第七十六条）。`);
      } else {
        paragraphs.push(
          `本机关审理的${applicant}不服${actPhrase(f)}一案，已作出行政复议决定并发生法律效力。依照《中华人民共和国行政复议法》第七十九条第二款的规定，现将行政复议决定书抄告你单位。`,
        );
      }
      break;
    }
    case "order_to_perform": {
      // DOMAIN.md 10.02 (Art. 77(2)): an order to perform within a period; 约谈 of the responsible heads, 通报批评.
      const days = num(d.days);
      const measures = strList(d.measures);
      const letterNumber = str(d.letterNumber);
      if (d.letterType === "opinion") {
        const recipient = str(d.recipientName) ?? f.respondentName ?? "";
        addressee = `${recipient}：`;
        paragraphs.push(
          `本机关向你单位制发的《行政复议意见书》${letterNumber ? `（${letterNumber}）` : ""}，你单位未按照要求纠正或者报送纠正情况。意见书应当履行（《行政复议法》第七十七条第一款）。`,
        );
      } else {
        addressee = `${f.respondentName ?? "被申请人"}：`;
        const reason = str(d.reason);
        paragraphs.push(
          `本机关审理的${applicant}不服${actPhrase(f)}一案，作出的行政复议决定书（调解书）已发生法律效力，你单位${reason === "unjustified_delay" ? "无正当理由拖延履行" : "逾期未履行"}。`,
        );
        const explanation = str(d.explanation);
        if (explanation) paragraphs.push(`具体情况：${explanation}`);
      }
      paragraphs.push(
        `依照《中华人民共和国行政复议法》第七十七条第二款的规定，责令你单位${days ? `自收到本通知书之日起${days}日内` : "限期"}履行，并将履行情况报送本机关。`,
      );
      if (measures.includes("interview")) paragraphs.push("本机关将约谈你单位有关负责人（《行政复议法》第七十七条第二款）。");
      if (measures.includes("circulated_criticism")) paragraphs.push("本机关决定对你单位予以通报批评（《行政复议法》第七十七条第二款）。");
      paragraphs.push(w("sanction"));
      break;
    }
    case "mediation_acceptance_notice":
    case "mediation_refusal_notice":
    case "mediation_agreement":
    case "mediation_termination_notice": {
      const m = renderMediationDocument(kind, f);
      addressee = m.addressee;
      paragraphs.push(...m.paragraphs);
      list.push(...m.list);
      signatures = m.signatures;
      break;
    }
    default: {
      // Records and documents of other procedures: the header and the effect's data as stated, no template text.
      for (const [k, v] of Object.entries(d)) {
        if (typeof v === "string" && v.trim()) paragraphs.push(v);
        else if (Array.isArray(v) && k) list.push(...strList(v));
      }
    }
  }
  return { ...base, addressee, paragraphs, list, signatures };
}

// ---------------------------------------------------------------------------------------------------------------
// 送达回证 (DOMAIN.md 9.18): one line per recipient.

export interface ServiceRecordRow {
  recipientName: string;
  recipientRole: string;
  method: ServiceRecordMethod;
  reachedAt: string | null;
  firstOpenedAt: string | null;
  servedOn: IsoDate | null;
  signer: string | null;
  refused: boolean;
  note: string | null;
}

export interface ServiceReceipt {
  title: "送达回证";
  documentTitle: string;
  documentNumber: string | null;
  organName: string;
  rows: (ServiceRecordRow & { methodName: string })[];
}

/** The receipt of a document's service (CPL Art. 87: the date signed is the date of service; Art. 89 refusal). */
export function renderServiceReceipt(doc: { title: string; number: string | null; organName: string }, rows: readonly ServiceRecordRow[]): ServiceReceipt {
  return {
    title: "送达回证",
    documentTitle: doc.title,
    documentNumber: doc.number,
    organName: doc.organName,
    rows: rows.map((r) => ({ ...r, methodName: serviceMethodNames[r.method] })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Administrative mediation (DOMAIN.md §19 mediation row; 12.10–12.12, 12.25–12.27): parties, dispute, consent,
// mediator, period, agreement terms with performance manner and deadline, signatures, other channels on failure, and
// the judicial-confirmation advice where eligible. There is no national statute: the wording follows 人民调解法.

const declineGroundTexts: Record<string, string> = {
  other_party_refused: "对方当事人明确表示不同意调解。调解应当遵循自愿原则，一方当事人明确拒绝调解的，不得调解（《中华人民共和国人民调解法》第十七条，参照）",
  ineligible: "该纠纷已经进入人民调解、诉讼、仲裁程序或者已经调解达成协议，不属于可以受理的情形（DOMAIN.md 12.06，参照《辽宁省行政调解规定》第八条）",
  outside_scope: "该纠纷不属于本机关行政调解的范围",
  other: "其他原因",
};
const failReasonTexts: Record<string, string> = {
  no_agreement: "经调解，当事人未能达成调解协议",
  party_refused: "一方当事人拒绝继续调解",
  party_requested_stop: "一方当事人要求终止调解",
  expired: "调解期限届满，当事人未能达成调解协议，且未同意延长调解期限",
};
const confirmationViaTexts: Record<string, string> = { signature: "书面签名（盖章、按指印）", online: "在线确认" };
const MEDIATION_OTHER_CHANNELS = [
  "属于仲裁范围的，可以依法申请仲裁；",
  "对行政行为不服的，可以依法申请行政复议（《中华人民共和国行政复议法》第二十条）；",
  "可以依法向人民法院提起诉讼。",
];

/** （一）…（二）…: items inside the text, where the document's one numbered list is used for something else. */
const numbered = (items: readonly string[]) => items.map((item, i) => `（${"一二三四五六七八九十"[i] ?? i + 1}）${item}`);

function renderMediationDocument(
  kind: "mediation_acceptance_notice" | "mediation_refusal_notice" | "mediation_agreement" | "mediation_termination_notice",
  f: DocumentFacts,
): { addressee: string; paragraphs: string[]; list: string[]; signatures: string[] } {
  const d = f.data;
  const m = f.mediation ?? null;
  const applicant = applicantsText(f);
  const others = m?.otherParties.length ? m.otherParties.join("、") : "对方当事人";
  const received = f.receivedOn ? `于${documentDate(f.receivedOn)}` : "";
  const dispute = `${applicant}与${others}之间的纠纷`;
  const paragraphs: string[] = [];
  const list: string[] = [];
  let signatures: string[] = [];
  let addressee = `${applicant}、${others}：`;
  switch (kind) {
    case "mediation_acceptance_notice": {
      paragraphs.push(
        `${applicant}${received}申请调解${dispute}。经征求意见，双方当事人均同意调解（自愿原则，DOMAIN.md 12.03）。本机关决定受理，并组织调解。`,
        m?.periodDue ? `调解期限至${documentDate(m.periodDue)}届满；经各方当事人同意，可以延长（DOMAIN.md 12.10）。` : "调解期限依照有关规定确定；经各方当事人同意，可以延长（DOMAIN.md 12.10）。",
        "调解不收取任何费用。调解过程中，当事人可以要求终止调解（《中华人民共和国人民调解法》第二十三条，参照）。",
      );
      break;
    }
    case "mediation_refusal_notice": {
      addressee = `${applicant}：`;
      const ground = str(d.ground);
      paragraphs.push(`你（单位）${received}向本机关申请调解${dispute}。经审查，本机关决定不予受理，理由如下：${ground ? (declineGroundTexts[ground] ?? ground) : "不符合受理条件"}。`);
      const reasons = str(d.reasons);
      if (reasons) paragraphs.push(`具体情况：${reasons}`);
      paragraphs.push("调解不影响你（单位）通过其他途径解决纠纷，你（单位）可以：", ...numbered(MEDIATION_OTHER_CHANNELS));
      break;
    }
    case "mediation_agreement": {
      addressee = "";
      const a = m?.agreement;
      paragraphs.push(`当事人：${applicant}（申请人）；${others}（对方当事人）`);
      if (m?.happened) paragraphs.push(`纠纷的主要事实和争议事项：${m.happened}`);
      if (m?.wantedOutcome) paragraphs.push(`申请人的请求：${m.wantedOutcome}`);
      if (m?.mediators.length) paragraphs.push(`调解人员：${m.mediators.join("、")}`);
      paragraphs.push("经本机关主持调解，当事人自愿达成如下协议：", a?.terms ?? "");
      if (a?.performanceTerms.length) {
        paragraphs.push("履行方式和期限：", ...numbered(a.performanceTerms.map((t) => `${t.obligor}应当于${documentDate(t.dueDate)}前${t.obligation}。`)));
      }
      paragraphs.push("本协议经各方当事人签名、盖章或者按指印，调解人员签名并加盖本机关印章后生效，对当事人具有约束力，当事人应当按照约定履行（《中华人民共和国人民调解法》第二十九条、第三十一条，参照）。本机关将对协议履行情况进行回访。");
      if (a?.judicialConfirmationEligible) paragraphs.push(JUDICIAL_CONFIRMATION_TEXT);
      signatures = [
        ...(a?.confirmations ?? []).map((c) => `${c.party === "applicant" ? "申请人" : "对方当事人"}：${c.name}（${confirmationViaTexts[c.via] ?? c.via}，${documentDate(todayInShanghai(new Date(c.confirmedAt)))}）`),
        ...(m?.mediators ?? []).map((n) => `调解人员：${n}`),
      ];
      break;
    }
    case "mediation_termination_notice": {
      const reason = str(d.reason);
      paragraphs.push(
        `本机关受理的${dispute}，因${reason ? (failReasonTexts[reason] ?? reason) : "调解未能达成协议"}，依照《中华人民共和国人民调解法》第二十六条（参照）的规定，本机关决定自${documentDate(f.issuedOn)}起终止调解。`,
      );
      const note = str(d.note);
      if (note) paragraphs.push(`具体情况：${note}`);
      paragraphs.push("当事人可以通过以下途径依法解决纠纷：", ...numbered(MEDIATION_OTHER_CHANNELS));
      const r = d.reconsideration as { lastDay?: unknown; learnedOn?: unknown; provisional?: unknown; passed?: unknown; steps?: unknown } | undefined;
      const lastDay = r ? str(r.lastDay) : null;
      if (r && lastDay) {
        const learned = str(r.learnedOn);
        paragraphs.push(
          `申请人对行政行为不服申请行政复议的，应当自知道或者应当知道该行政行为之日${learned ? `（${documentDate(learned)}）` : ""}起六十日内提出（《中华人民共和国行政复议法》第二十条）。据此计算，申请行政复议的最后一日为${documentDate(lastDay)}${r.provisional === true ? "（该日期超出已公布的节假日安排，按周末推算，仅供参考）" : ""}${r.passed === true ? "，该期限已经届满；因不可抗力或者其他正当理由耽误法定申请期限的，申请期限自障碍消除之日起继续计算（第二十条第二款）" : ""}。调解期间不停止该期限的计算。`,
          "计算方法：",
        );
        list.push(...strList(r.steps));
      }
      break;
    }
  }
  return { addressee, paragraphs, list, signatures };
}

/** 人民调解法 第三十三条; 民事诉讼法 第二百零五条 (12.27; 12.30 contested for organs: only where the mediator judged it eligible). */
const JUDICIAL_CONFIRMATION_TEXT =
  "双方当事人认为有必要的，可以自本调解协议生效之日起三十日内共同向人民法院申请司法确认（《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》第二百零五条）。经人民法院确认有效的，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。";
