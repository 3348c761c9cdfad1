// The supplement notice (补正通知书): Art. 31(1) — one notice listing every item at once; the checklist's articles.
import { describe, expect, it } from "vitest";
import {
  itemApplies,
  readSupplementForm,
  SUPPLEMENT_NOTICE_BASIS,
  supplementChecklist,
  supplementItemKeys,
  supplementItemTexts,
  SupplementNoticeFormSchema,
  supplementNoticeClauses,
} from "~/domain/supplement";

const parse = (entries: [string, string][]) => SupplementNoticeFormSchema.safeParse(readSupplementForm(entries));
const errorsOf = (r: ReturnType<typeof parse>) => (r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message])));

describe("《行政复议法》第三十一条: the supplement notice lists every missing item at once", () => {
  it("cites Art. 31 for the notice as a whole, and each clause of §19 (10 working days, extension, abandonment)", () => {
    expect(SUPPLEMENT_NOTICE_BASIS).toBe("《行政复议法》第三十一条");
    const byKey = Object.fromEntries(supplementNoticeClauses.map((c) => [c.key, c]));
    expect(byKey.period.zh).toContain("十个工作日");
    expect(byKey.period.basis).toContain("第八十八条"); // Art. 88(2): "十日" means working days
    expect(byKey.extension.zh).toContain("延长");
    expect(byKey.consequence.zh).toContain("视为放弃行政复议申请");
    for (const c of supplementNoticeClauses) expect(c.basis).toContain("第三十一条");
  });

  it("every checklist item names its article; the proof items follow Art. 44(2) and the agent's papers Art. 17(2)", () => {
    for (const key of supplementItemKeys) {
      expect(supplementChecklist[key].basis, key).toMatch(/《行政复议法(实施条例)?》第/);
      expect(supplementChecklist[key].zh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(supplementChecklist[key].en, key).not.toBe("");
    }
    expect(supplementChecklist.power_of_attorney.basis).toContain("第十七条第二款");
    expect(supplementChecklist.prior_request_proof.basis).toContain("第四十四条第二款第一项");
    expect(supplementChecklist.damage_proof.basis).toContain("第四十四条第二款第二项");
    expect(supplementChecklist.identity.basis).toContain("第十九条");
  });

  it("ticked items and free text go into ONE list, ticked ones in checklist order, in Chinese", () => {
    const r = parse([
      ["items", "signature"],
      ["items", "identity"],
      ["other.0", "  请提供行政处罚决定书送达回证复印件  "],
      ["other.1", ""],
      ["other.2", "请说明申请人与该行为的利害关系"],
    ]);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(supplementItemTexts(r.data)).toEqual([
      supplementChecklist.identity.zh,
      supplementChecklist.signature.zh,
      "请提供行政处罚决定书送达回证复印件",
      "请说明申请人与该行为的利害关系",
    ]);
  });

  it("a notice asking for nothing is refused: at least one item in all", () => {
    expect(errorsOf(parse([]))).toEqual({ items: "errors.supplementItemsRequired" });
    expect(errorsOf(parse([["other.0", "   "], ["other.1", ""]]))).toEqual({ items: "errors.supplementItemsRequired" });
    expect(parse([["other.1", "补充提交身份证复印件"]]).success).toBe(true);
  });

  it("free-text items: at most 500 characters, one line, no control characters; errors point at the field", () => {
    expect(errorsOf(parse([["other.1", "甲".repeat(501)]]))).toMatchObject({ "other.1": "errors.supplementItemTooLong" });
    expect(parse([["other.1", "甲".repeat(500)]]).success).toBe(true);
    expect(errorsOf(parse([["other.0", "第一行\n第二行"]]))).toMatchObject({ "other.0": "errors.supplementItemInvalid" });
    expect(errorsOf(parse([["other.2", "含有\u0000字符"]]))).toMatchObject({ "other.2": "errors.supplementItemInvalid" });
  });

  it("a key not on the checklist, or a fourth free-text field, is refused", () => {
    expect(errorsOf(parse([["items", "bribe"]]))).toMatchObject({ "items.0": "errors.supplementItemUnknown" });
    expect(parse([["items", "identity"], ["other.3", "多出的一项"]]).success).toBe(false);
  });

  it("repeated items appear once", () => {
    const r = parse([["items", "identity"], ["items", "identity"], ["other.0", "同一事项"], ["other.1", "同一事项"]]);
    expect(r.success).toBe(true);
    if (r.success) expect(supplementItemTexts(r.data)).toEqual([supplementChecklist.identity.zh, "同一事项"]);
  });

  it("marks the items that concern only some cases: agent (Art. 17(2)), failure to act and compensation (Art. 44(2))", () => {
    const none = { hasAgent: false, failureToAct: false, compensation: false };
    expect(itemApplies("identity", none)).toBeNull();
    expect(itemApplies("power_of_attorney", none)).toBe(false);
    expect(itemApplies("power_of_attorney", { ...none, hasAgent: true })).toBe(true);
    expect(itemApplies("prior_request_proof", { ...none, failureToAct: true })).toBe(true);
    expect(itemApplies("damage_proof", { ...none, compensation: true })).toBe(true);
    expect(itemApplies("damage_proof", { ...none, failureToAct: true })).toBe(false);
  });
});
