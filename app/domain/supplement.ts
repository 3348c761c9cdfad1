// The supplement notice (补正通知书, DOMAIN.md 3.05–3.06, §19): the checklist of materials an application typically
// lacks, each with the article that asks for it, the staff form (ticked items plus free text) and the item texts the
// notice lists. 《行政复议法》第三十一条第一款: the notice lists every item to supplement at once, so one form, one notice.
import * as z from "zod/mini";
import "~/locales/areas/staff";

const LAW = "《行政复议法》";
const REG = "《行政复议法实施条例》";

export interface SupplementChecklistItem {
  /** Chinese: the text the notice (a legal document) lists. */
  zh: string;
  /** English, for staff who use the English interface; the notice itself always holds `zh`. */
  en: string;
  basis: string;
  /** When the item concerns only some applications; the staff page marks it for cases where it applies. */
  appliesWhen?: "agent" | "failure_to_act" | "compensation";
}

/** In the order a notice lists them: who applies, against what, asking what, then the proof the law requires. */
export const supplementChecklist = {
  identity: {
    zh: "申请人的身份证明材料（公民提交居民身份证等有效身份证件复印件；法人或者其他组织提交营业执照等主体资格证明材料，以及法定代表人或者主要负责人的身份证明）",
    en: "The applicant's proof of identity (a copy of a resident ID card or other valid ID; for an organisation, its business licence or other proof of status and the ID of its legal representative or person in charge)",
    basis: `${LAW}第三十条第一款第一项；${REG}第十九条第一项`,
  },
  power_of_attorney: {
    zh: "代理人的授权委托书（载明委托事项、权限和期限），以及委托人和代理人的身份证明文件",
    en: "The agent's power of attorney (stating the matters, powers and term), with the ID of the principal and of the agent",
    basis: `${LAW}第十七条第二款`,
    appliesWhen: "agent",
  },
  respondent: {
    zh: "明确的被申请人，即作出被申请行政复议的行政行为的行政机关或者组织的名称",
    en: "The respondent, clearly named: the organ or organisation that made the act challenged",
    basis: `${LAW}第三十条第一款第一项；${REG}第十九条第二项`,
  },
  act_document: {
    zh: "被申请行政复议的行政行为的法律文书复印件（如行政处罚决定书），或者能够证明该行政行为存在及其作出、知道日期的其他材料",
    en: "A copy of the document of the act challenged (e.g. the penalty decision), or other material showing the act exists and when it was made and learned of",
    basis: `${LAW}第三十条第一款第二项、第四项`,
  },
  clear_request: {
    zh: "具体、明确的行政复议请求（例如请求撤销、变更或者确认违法的行政行为及其范围）",
    en: "A specific request (e.g. which act is to be revoked, varied or declared unlawful, and to what extent)",
    basis: `${LAW}第三十条第一款第三项；${REG}第十九条第三项`,
  },
  facts_and_reasons: {
    zh: "申请行政复议的主要事实和理由",
    en: "The main facts and the reasons for the application",
    basis: `${LAW}第三十条第一款第三项；${REG}第十九条第三项`,
  },
  prior_request_proof: {
    zh: "认为被申请人不履行法定职责的，提供曾经要求被申请人履行该法定职责的证据（被申请人应当依职权主动履行或者有正当理由不能提供的除外）",
    en: "In a failure-to-act case, proof of the earlier request to the respondent to perform the duty (unless the duty is one it must perform of its own motion, or there is good reason the proof cannot be given)",
    basis: `${LAW}第四十四条第二款第一项；${REG}第二十一条第一项`,
    appliesWhen: "failure_to_act",
  },
  damage_proof: {
    zh: "一并提出行政赔偿请求的，提供受行政行为侵害而造成损害的证据",
    en: "With a claim for state compensation, proof of the damage the act caused",
    basis: `${LAW}第四十四条第二款第二项；${REG}第二十一条第二项`,
    appliesWhen: "compensation",
  },
  signature: {
    zh: "申请人在行政复议申请书上签名或者盖章",
    en: "The applicant's signature or seal on the application",
    basis: `${REG}第十九条第四项`,
  },
} as const satisfies Record<string, SupplementChecklistItem>;

export type SupplementItemKey = keyof typeof supplementChecklist;
export const supplementItemKeys = Object.keys(supplementChecklist) as SupplementItemKey[];

/** Free-text items a clerk may add beyond the checklist (issue 5: "plus free text, all in one notice"). */
export const MAX_OTHER_ITEMS = 3;
export const MAX_ITEM_LENGTH = 500;

/** The basis of the notice as a whole: one notice listing everything (Art. 31(1)); 10 working days (Art. 31(2), 88(2)). */
export const SUPPLEMENT_NOTICE_BASIS = `${LAW}第三十一条`;

/**
 * What every notice says besides the items (DOMAIN.md §19): the period and how it is counted, the consequence of
 * missing it, and how to ask for more time.
 */
export const supplementNoticeClauses = [
  {
    key: "period",
    zh: "请自收到本通知之日起十个工作日内提交补正材料。期间从收到本通知的次日起算，只计算工作日，不含法定休假日；材料在期间届满前交邮的，不算逾期。",
    en: "Submit the missing material within 10 working days of receiving this notice. The period starts the day after receipt and counts working days only, not public holidays; material posted before the period ends is on time.",
    basis: `${LAW}第三十一条第二款、第八十八条；《民事诉讼法》第八十五条`,
  },
  {
    key: "extension",
    zh: "有正当理由不能按期补正的，可以在期限届满前向本机关说明理由，申请延长合理的补正期限。",
    en: "If you have good reason not to manage in time, explain it to us before the period ends and ask for a reasonable extension.",
    basis: `${LAW}第三十一条第二款`,
  },
  {
    key: "consequence",
    zh: "无正当理由逾期不补正的，视为放弃行政复议申请，并记录在案。",
    en: "If you do not supplement in time without good reason, the application is deemed abandoned, and this is recorded in the file.",
    basis: `${LAW}第三十一条第二款`,
  },
  {
    key: "next",
    zh: "收到补正材料后，本机关依照《行政复议法》第三十条的规定审查是否受理。",
    en: "Once the material arrives, we review the application for acceptance under Art. 30.",
    basis: `${LAW}第三十一条第三款`,
  },
] as const;

/** The facts of a filing that make some items relevant (a hint for the clerk; every item can be ticked on any case). */
export interface SupplementCaseFacts {
  hasAgent: boolean;
  failureToAct: boolean;
  compensation: boolean;
}

export function itemApplies(key: SupplementItemKey, facts: SupplementCaseFacts): boolean | null {
  const when = (supplementChecklist[key] as SupplementChecklistItem).appliesWhen;
  if (!when) return null;
  return when === "agent" ? facts.hasAgent : when === "failure_to_act" ? facts.failureToAct : facts.compensation;
}

/** One line of the notice: no control characters, line breaks included (each item is one line of the list). */
export function isSingleLine(value: string): boolean {
  return !/[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFFFD]/.test(value);
}

const otherItem = z
  .string()
  .check(z.trim(), z.maxLength(MAX_ITEM_LENGTH, "errors.supplementItemTooLong"), z.refine(isSingleLine, "errors.supplementItemInvalid"));

/**
 * The staff form: the ticked checklist keys ("items") and up to three free-text items ("other.0" … "other.2"; blank
 * ones are not items). At least one item in all — a notice that asks for nothing is not a supplement notice.
 */
export const SupplementNoticeFormSchema = z
  .object({
    items: z._default(
      z
        .array(z.enum(supplementItemKeys as [SupplementItemKey, ...SupplementItemKey[]], { error: "errors.supplementItemUnknown" }))
        .check(z.maxLength(supplementItemKeys.length, "errors.badRequest")),
      [],
    ),
    other: z._default(z.array(otherItem).check(z.maxLength(MAX_OTHER_ITEMS, "errors.badRequest")), []),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.items.length === 0 && v.other.every((o) => o === "")) {
        ctx.addIssue({ code: "custom", path: ["items"], message: "errors.supplementItemsRequired" });
      }
    }),
  );
export type SupplementNoticeForm = z.output<typeof SupplementNoticeFormSchema>;

/** The posted fields as the schema reads them: every "items" value, and "other.N" in order of N. */
export function readSupplementForm(entries: Iterable<[string, unknown]>): { items: unknown[]; other: unknown[] } {
  const items: unknown[] = [];
  const other: unknown[] = Array.from({ length: MAX_OTHER_ITEMS }, () => "");
  let extra = 0;
  for (const [key, value] of entries) {
    if (key === "items") items.push(value);
    const m = /^other\.(\d{1,2})$/.exec(key);
    if (m) {
      const i = Number(m[1]);
      if (i < MAX_OTHER_ITEMS) other[i] = value;
      else extra++;
    }
  }
  // A fourth free-text field is not on the form: keep it so that the schema refuses the post.
  return { items, other: extra ? [...other, ...Array.from({ length: extra }, () => "")] : other };
}

/**
 * The items of the notice, in Chinese (the notice is a legal document): the ticked checklist items in checklist order,
 * then the free-text items in the order written; blanks and repeats dropped.
 */
export function supplementItemTexts(form: SupplementNoticeForm): string[] {
  const ticked = supplementItemKeys.filter((k) => form.items.includes(k)).map((k) => supplementChecklist[k].zh);
  const written = form.other.map((o) => o.trim()).filter((o) => o !== "");
  return [...new Set([...ticked, ...written])];
}
