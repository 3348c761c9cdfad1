// The fixed wording of the document templates (app/domain/documents.ts): sentences that carry no fact of the case —
// rights notices, the litigation notice, closing sentences — each with the article it restates. Administrators may
// replace a sentence (table document_template_texts, issue 7 req. 4); the legal facts the law engine computes (dates,
// the articles of a decision, periods of the case) are never part of this wording and stay in documents.ts.
import type { DocumentKey } from "./machines/common";

export interface WordingDefinition {
  /** What the sentence is, for the admin page. */
  label: string;
  /** The default text, as the template issues it when no override exists. */
  text: string;
  /** The rule it restates. */
  article: string;
}

/** Art. 34 (复议前置): a refusal, dismissal or no decision in time may be sued against within 15 days. */
const suitAfterRefusal: WordingDefinition = {
  label: "复议前置案件的起诉期限告知",
  text: "本案属于法律、行政法规规定应当先向行政复议机关申请行政复议的情形。申请人对本决定不服的，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼（《行政复议法》第三十四条）。",
  article: "《行政复议法》第三十四条",
};

export const templateWording = {
  acceptance_notice: {
    rights: {
      label: "申请人在复议期间的权利告知",
      text: "在行政复议期间，你（单位）可以查阅、复制被申请人提出的书面答复、作出行政行为的证据、依据和其他有关材料（《行政复议法》第四十七条）；可以请求听证（第五十条）；行政复议机关可以依法进行调解，你（单位）也可以与被申请人依法和解（第五条、第七十四条）。",
      article: "《行政复议法》第五条、第四十七条、第五十条、第七十四条",
    },
  },
  supplement_notice: {
    consequence: {
      label: "逾期不补正的后果和申请延期",
      text: "无正当理由逾期不补正的，视为你（单位）放弃行政复议申请，并记录在案（第三十一条第二款）。有正当理由不能按期补正的，可以在期限届满前向本机关书面说明理由，申请延长补正期限。",
      article: "《行政复议法》第三十一条第二款",
    },
  },
  refusal_decision: { suitAfterRefusal },
  dismissal_decision: { suitAfterRefusal },
  reply_notice: {
    noReplyConsequence: {
      label: "被申请人不按期答复的后果",
      text: "被申请人不按照上述规定提出书面答复、提交作出行政行为的证据、依据和其他有关材料的，视为该行政行为没有证据、依据，本机关将决定撤销、部分撤销该行政行为，确认该行政行为违法、无效，或者决定被申请人在一定期限内履行（《行政复议法》第七十条）。",
      article: "《行政复议法》第七十条",
    },
    headAtHearing: {
      label: "被申请人负责人参加听证",
      text: "本案举行听证的，被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加（《行政复议法》第五十一条第三款）。",
      article: "《行政复议法》第五十一条第三款",
    },
  },
  hearing_notice: {
    nonAttendance: {
      label: "不参加听证的后果和负责人参加听证",
      text: "申请人无正当理由拒不参加听证的，视为放弃听证权利（第五十一条第二款）。被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加听证（第五十一条第三款）。",
      article: "《行政复议法》第五十一条第二款、第三款",
    },
  },
  suspension_notice: {
    resumption: {
      label: "中止原因消除后恢复审理",
      text: "中止的原因消除后，本机关将及时恢复审理，并书面告知当事人（第三十九条第二款、第三款）。",
      article: "《行政复议法》第三十九条第二款、第三款",
    },
  },
  mediation_document: {
    effect: {
      label: "调解书的效力和履行",
      text: "本调解书经各方当事人签字或者签章，并加盖行政复议机关印章，即具有法律效力（《行政复议法》第七十三条第一款）。当事人应当履行；被申请人不履行或者无正当理由拖延履行的，本机关将责令其限期履行（第七十七条）。",
      article: "《行政复议法》第七十三条第一款、第七十七条",
    },
  },
  decision: {
    suitNotice: {
      label: "起诉权利和期限告知",
      text: "申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十五条）。",
      article: "《行政诉讼法》第四十五条",
    },
    effect: {
      label: "决定书生效",
      text: "本决定书自送达之日起发生法律效力（《行政复议法》第七十五条第二款）。",
      article: "《行政复议法》第七十五条第二款",
    },
  },
  opinion_letter: {
    binding: {
      label: "意见书的履行和不履行的后果",
      text: "你单位应当履行本意见书。不履行或者无正当理由拖延履行的，本机关将责令你单位限期履行，并可以约谈你单位有关负责人或者予以通报批评（《行政复议法》第七十七条）。",
      article: "《行政复议法》第七十七条",
    },
  },
  order_to_perform: {
    sanction: {
      label: "拒不履行的责任",
      text: "拒不履行的，将依法对负有责任的领导人员和直接责任人员给予处分（《行政复议法》第八十三条）。",
      article: "《行政复议法》第八十三条",
    },
  },
} as const satisfies Partial<Record<DocumentKey, Record<string, WordingDefinition>>>;

export type WordingKind = keyof typeof templateWording;
export const wordingKinds = Object.keys(templateWording) as WordingKind[];

/** An administrator's overrides of one kind's fixed wording: { paragraphKey: text }. */
export type WordingOverrides = Readonly<Record<string, string>>;

export function isWordingKind(kind: string): kind is WordingKind {
  return Object.prototype.hasOwnProperty.call(templateWording, kind);
}

export function wordingKeys(kind: WordingKind): string[] {
  return Object.keys(templateWording[kind]);
}

export function wordingDefinition(kind: string, key: string): WordingDefinition | null {
  if (!isWordingKind(kind)) return null;
  const defs = templateWording[kind] as Record<string, WordingDefinition>;
  return Object.prototype.hasOwnProperty.call(defs, key) ? defs[key] : null;
}

/** The sentence a document issues: the override when there is a non-empty one, else the code's default. */
export function fixedWording(kind: string, key: string, overrides: WordingOverrides = {}): string {
  const override = overrides[key];
  if (typeof override === "string" && override.trim()) return override.trim();
  const def = wordingDefinition(kind, key);
  if (!def) throw new Error(`no fixed wording ${kind}.${key}`);
  return def.text;
}

/** Keeps only the overrides of keys the kind has (a stored row may name a key removed since). */
export function cleanOverrides(kind: string, stored: unknown): Record<string, string> {
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
    if (typeof value === "string" && value.trim() && wordingDefinition(kind, key)) out[key] = value.trim();
  }
  return out;
}
