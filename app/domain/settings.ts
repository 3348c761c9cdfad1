// The defaults table of DOMAIN.md ("Decisions for the open questions"): answers to the law's open points,
// each an admin-changeable setting. The seed writes these rows; changing one is recorded as an event.
// zod/mini (same package, functional API): the deadline explanations of the filing pages read the defaults, and those
// pages ship no classic zod.
import * as z from "zod/mini";
import { quorumRules } from "./quorum";

export const settingDefinitions = {
  countMakeupWorkdays: {
    schema: z.boolean(),
    default: true,
    description: "调休的周末上班日计为工作日",
    basis: "《行政复议法》第八十八条第二款；DOMAIN.md 11.13（待确认）",
  },
  rollWeekendDeadlines: {
    schema: z.boolean(),
    default: true,
    description: "以日计算的期间最后一日为休息日（含周末）的，顺延至休息日后的第一个工作日",
    basis: "《民事诉讼法》第八十五条；《民法典》第二百零三条；DOMAIN.md 11.03、11.14",
  },
  suspensionPausesDecision: {
    schema: z.boolean(),
    default: true,
    description: "中止期间不计入行政复议决定期限，恢复后补足",
    basis: "《行政复议法》第三十九条；DOMAIN.md 7.08（待确认）",
  },
  committeeOpinionWorkdays: {
    schema: z.number().check(z.int(), z.minimum(1), z.maximum(60)),
    default: 10,
    description: "行政复议委员会咨询意见期限（工作日），且不晚于决定期限届满前5个工作日",
    basis: "《行政复议法》第五十二条；DOMAIN.md 6.23",
  },
  committeeQuorum: {
    schema: z.enum(quorumRules),
    default: "majority",
    description: "行政复议委员会咨询的法定人数：majority 为指定且未回避委员的过半数，two_thirds 为三分之二以上，all 为全体",
    basis: "《行政复议法》第五十二条；DOMAIN.md 6.23（议事规则未公布，本平台设置）",
  },
  suggestionReplyDays: {
    schema: z.number().check(z.int(), z.minimum(1), z.maximum(365)),
    default: 60,
    description: "行政复议建议书回复期限（自然日，非法定）",
    basis: "DOMAIN.md 10.07（非法定期限）",
  },
  mediationTriageWorkdays: {
    schema: z.number().check(z.int(), z.minimum(1), z.maximum(30)),
    default: 3,
    description: "调解申请分流期限（工作日）",
    basis: "参照《深圳经济特区矛盾纠纷多元化解条例》（本平台设置；DOMAIN.md 12.16）",
  },
  mediationAcceptWorkdays: {
    schema: z.number().check(z.int(), z.minimum(1), z.maximum(30)),
    default: 5,
    description: "行政调解受理或不予受理的答复期限（工作日；复杂的10个工作日）",
    basis: "DOMAIN.md 12.16",
  },
  mediationAcceptComplexWorkdays: {
    schema: z.number().check(z.int(), z.minimum(1), z.maximum(60)),
    default: 10,
    description: "复杂行政调解案件的受理答复期限（工作日）",
    basis: "DOMAIN.md 12.16",
  },
  mediationDays: {
    schema: z.number().check(z.int(), z.minimum(1), z.maximum(365)),
    default: 30,
    description: "行政调解期限（自然日），经各方同意可以延长",
    basis: "DOMAIN.md 12.16",
  },
  mediationConsentWorkdays: {
    schema: z.number().check(z.int(), z.minimum(1), z.maximum(30)),
    default: 5,
    description: "征求对方当事人是否同意调解的答复期限（工作日），邀请链接届时失效",
    basis: "DOMAIN.md §16 CONSENT_PENDING（本平台设置，非法定期限）；调解须双方自愿，《人民调解法》第十七条（参照）；DOMAIN.md 12.03、12.22",
  },
  countConfirmVoidAsCorrection: {
    schema: z.boolean(),
    default: true,
    description: "统计纠错率时，确认无效决定计入纠错决定（分母不受影响）",
    basis: "《行政复议法》第六十七条；DOMAIN.md 14.12–14.14（官方口径为撤销、变更、确认违法、责令履行；确认无效系2023年新增，是否计入待确认）",
  },
  headAppearanceTargetPercent: {
    schema: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
    default: 90,
    description: "行政机关负责人出庭应诉率的目标值（百分比），统计页据此标示是否达标",
    basis: "本平台设置（统计需求的目标值90%）；DOMAIN.md 14.08、14.11：未找到内蒙古公布的数值目标",
  },
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValues = { [K in SettingKey]: z.infer<(typeof settingDefinitions)[K]["schema"]> };

export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

export function defaultSettings(): SettingValues {
  return Object.fromEntries(settingKeys.map((k) => [k, settingDefinitions[k].default])) as SettingValues;
}

/** Parses stored rows, falling back to the default for a missing or malformed value. */
export function resolveSettings(rows: ReadonlyArray<{ key: string; value: unknown }>): SettingValues {
  const values = defaultSettings() as Record<string, unknown>;
  for (const row of rows) {
    const def = settingDefinitions[row.key as SettingKey];
    if (!def) continue;
    const parsed = def.schema.safeParse(row.value);
    if (parsed.success) values[row.key] = parsed.data;
  }
  return values as SettingValues;
}
