// Documents of a reconsideration case (DOMAIN.md §19): 文号 per organ, year and kind; the templates' legal content with
// its articles; service dates under the Civil Procedure Law (Art. 88(1) → CPL Arts. 87–95).
import { describe, expect, it } from "vitest";
import {
  documentNumberMarks,
  documentPrefixFor,
  documentPrefixOf,
  mediationPrefixOf,
  formatDocumentNumber,
  governmentShortForms,
  isNumbered,
  publicNoticeServedOn,
  renderDocument,
  renderServiceReceipt,
  serviceDate,
  unnumberedRecords,
  type DocumentFacts,
} from "~/domain/documents";
import type { DocumentKey } from "~/domain/machines/common";

const facts = (over: Partial<DocumentFacts> = {}): DocumentFacts => ({
  caseNumber: "FY2026-150100-00017",
  organName: "呼和浩特市人民政府",
  number: "呼政复受〔2026〕3号",
  issuedOn: "2026-03-05",
  basis: "《行政复议法》第三十条第一款",
  applicants: ["张三"],
  respondentName: "呼和浩特市市场监督管理局",
  actDocumentNumber: "呼市监罚〔2026〕8号",
  actName: "行政处罚决定书",
  receivedOn: "2026-02-26",
  acceptedOn: "2026-03-05",
  procedure: "ordinary",
  handlerName: "李明轩",
  decisionDue: "2026-05-04",
  replyDue: "2026-03-20",
  requests: "撤销行政处罚决定",
  factsAndReasons: "事实不清",
  replySummary: null,
  hearing: null,
  draft: null,
  data: {},
  ...over,
});
const text = (d: { paragraphs: string[]; list: string[] }) => [...d.paragraphs, ...d.list].join("\n");

describe("文号 (DOMAIN.md §19): one series per organ, year and kind", () => {
  it("the decision (Art. 75) carries the bare prefix: 呼政复〔2026〕17号", () => {
    expect(formatDocumentNumber("呼政复", "decision", 2026, 17)).toBe("呼政复〔2026〕17号");
  });

  it("every other numbered kind has its own mark after the prefix (受理 Art. 30, 补正 Art. 31, 不予受理 Art. 30(2), …)", () => {
    const expected: Record<string, string> = {
      acceptance_notice: "呼政复受〔2026〕3号",
      supplement_notice: "呼政复补〔2026〕3号",
      refusal_decision: "呼政复不受〔2026〕3号",
      dismissal_decision: "呼政复驳〔2026〕3号",
      reply_notice: "呼政复答〔2026〕3号",
      hearing_notice: "呼政复听〔2026〕3号",
      extension_notice: "呼政复延〔2026〕3号",
      suspension_notice: "呼政复中〔2026〕3号",
      resumption_notice: "呼政复恢〔2026〕3号",
      termination_decision: "呼政复终〔2026〕3号",
      mediation_document: "呼政复调〔2026〕3号",
    };
    for (const [kind, number] of Object.entries(expected)) expect(formatDocumentNumber("呼政复", kind as DocumentKey, 2026, 3)).toBe(number);
    // distinct marks: no two kinds share a series
    const marks = Object.values(documentNumberMarks);
    expect(new Set(marks).size).toBe(marks.length);
  });

  it("records (口头申请笔录 Art. 22(3), 听取意见记录 Art. 49, 听证笔录 Art. 50(3), 准予撤回记录 Art. 74(2)) carry no number", () => {
    for (const kind of unnumberedRecords) {
      expect(isNumbered(kind)).toBe(false);
      expect(() => formatDocumentNumber("呼政复", kind, 2026, 1)).toThrow();
    }
  });

  it("administrative mediation documents (DOMAIN.md §19, 12.10–12.12, 12.25–12.26) are numbered in the mediating organ's own series", () => {
    const market = { code: "150100-market", name: "呼和浩特市市场监督管理局", documentPrefix: "呼府复" };
    expect(mediationPrefixOf(market)).toBe("呼市场");
    expect(formatDocumentNumber(documentPrefixFor(market, "mediation_agreement"), "mediation_agreement", 2026, 1)).toBe("呼市场调协〔2026〕1号");
    expect(formatDocumentNumber(documentPrefixFor(market, "mediation_termination_notice"), "mediation_termination_notice", 2026, 2)).toBe("呼市场调终〔2026〕2号");
    // the reconsideration series keeps the organ's own prefix
    expect(documentPrefixFor(market, "decision")).toBe("呼府复");
    expect(mediationPrefixOf({ code: "150102-police", name: "新城区公安分局", documentPrefix: null })).toBe("新城公安");
    expect(mediationPrefixOf({ code: "150100", name: "呼和浩特市人民政府", documentPrefix: null })).toBe("呼政");
    expect(mediationPrefixOf({ code: "152200-land", name: "兴安盟自然资源局", documentPrefix: null })).toBe("兴自然");
  });

  it("serials start at 1", () => {
    expect(() => formatDocumentNumber("呼政复", "decision", 2026, 0)).toThrow();
  });

  it("prefixes: the organ's setting wins; the region and the 12 盟市 governments have distinct short forms; else two characters + 政复", () => {
    expect(documentPrefixOf({ code: "150100", name: "呼和浩特市人民政府", documentPrefix: null })).toBe("呼政复");
    expect(documentPrefixOf({ code: "150000", name: "内蒙古自治区人民政府", documentPrefix: null })).toBe("内政复");
    expect(documentPrefixOf({ code: "150700", name: "呼伦贝尔市人民政府", documentPrefix: null })).toBe("呼伦政复");
    expect(documentPrefixOf({ code: "150900", name: "乌兰察布市人民政府", documentPrefix: null })).toBe("乌兰政复");
    expect(documentPrefixOf({ code: "150100", name: "呼和浩特市人民政府", documentPrefix: "呼府复" })).toBe("呼府复");
    expect(documentPrefixOf({ code: "150102", name: "新城区人民政府", documentPrefix: null })).toBe("新城政复");
    expect(Object.keys(governmentShortForms)).toHaveLength(13);
    const prefixes = Object.values(governmentShortForms).map((s) => `${s}政复`);
    expect(new Set(prefixes).size).toBe(13);
  });
});

describe("templates (DOMAIN.md §19)", () => {
  it("受理通知书 (Art. 30(1)): acceptance date, procedure, handler, decision deadline (Art. 62) and the rights (Arts. 47, 50)", () => {
    const d = renderDocument("acceptance_notice", facts({ data: { procedure: "ordinary", acceptedAt: "2026-03-05", deemed: false } }));
    expect(d.title).toBe("受理通知书");
    expect(d.number).toBe("呼政复受〔2026〕3号");
    expect(d.addressee).toBe("张三：");
    const all = text(d);
    expect(all).toContain("第三十条第一款");
    expect(all).toContain("2026年3月5日起予以受理");
    expect(all).toContain("普通程序");
    expect(all).toContain("李明轩");
    expect(all).toContain("2026年5月4日前作出行政复议决定");
    expect(all).toContain("第四十七条");
    expect(all).toContain("呼市监罚〔2026〕8号");
  });

  it("受理通知书 of a deemed acceptance cites Art. 30(3)", () => {
    const d = renderDocument("acceptance_notice", facts({ data: { deemed: true, acceptedAt: "2026-03-06" } }));
    expect(text(d)).toContain("第三十条第三款");
    expect(text(d)).toContain("视为受理");
  });

  it("补正通知书 (Art. 31): every item at once, 10 working days, deemed abandonment", () => {
    const d = renderDocument("supplement_notice", facts({ data: { items: ["身份证明", "行政处罚决定书"] } }));
    expect(d.list).toEqual(["身份证明", "行政处罚决定书"]);
    const all = text(d);
    expect(all).toContain("一次性补正");
    expect(all).toContain("十个工作日");
    expect(all).toContain("视为你（单位）放弃行政复议申请");
    expect(all).toContain("延长补正期限");
  });

  it("不予受理决定书 (Art. 30(2)) names the failed condition and the competent organ; the suit notice only where reconsideration comes first (Art. 34)", () => {
    const d = renderDocument(
      "refusal_decision",
      facts({ data: { failedConditions: ["jurisdiction"], reasons: "不属于本机关管辖", competentOrgan: "包头市人民政府", reconsiderationFirst: false } }),
    );
    expect(d.list[0]).toContain("第三十条第一款第六项");
    expect(text(d)).toContain("包头市人民政府");
    expect(text(d)).toContain("第三十条第二款");
    expect(text(d)).not.toContain("第三十四条");
    const first = renderDocument("refusal_decision", facts({ data: { failedConditions: ["within_period"], reasons: "超期", reconsiderationFirst: true } }));
    expect(text(first)).toContain("十五日内");
    expect(text(first)).toContain("第三十四条");
  });

  it("驳回申请决定书 cites Art. 33", () => {
    const d = renderDocument("dismissal_decision", facts({ data: { failedConditions: ["legal_interest"], reasons: "无利害关系" } }));
    expect(text(d)).toContain("第三十三条");
    expect(d.list[0]).toContain("利害关系");
  });

  it("提出答复通知书 goes to the respondent: 10 days (Art. 48), 5 in the simplified procedure (Art. 54), the Art. 70 warning, the head's attendance (Art. 51(3))", () => {
    const d = renderDocument("reply_notice", facts({ data: { replyTimer: "respondent_reply", art70Warning: true } }));
    expect(d.addressee).toBe("呼和浩特市市场监督管理局：");
    expect(text(d)).toContain("第四十八条");
    expect(text(d)).toContain("十日内");
    expect(text(d)).toContain("第七十条");
    expect(text(d)).toContain("第五十一条第三款");
    expect(text(d)).toContain("2026年3月20日前");
    const s = renderDocument("reply_notice", facts({ procedure: "simplified", data: { replyTimer: "respondent_reply_simplified" } }));
    expect(text(s)).toContain("第五十四条第一款");
    expect(text(s)).toContain("五日内");
  });

  it("听证通知书 (Art. 51): time, place, issues, panel; non-attendance deemed waiver (51(2)); served 5 working days before", () => {
    const d = renderDocument(
      "hearing_notice",
      facts({ data: { hearingDate: "2026-04-10", reason: "applicant_request" }, hearing: { place: "第三会议室", issues: "处罚依据", panel: ["甲", "乙", "丙"] } }),
    );
    const all = text(d);
    expect(all).toContain("2026年4月10日");
    expect(all).toContain("第三会议室");
    expect(all).toContain("处罚依据");
    expect(all).toContain("甲、乙、丙");
    expect(all).toContain("视为放弃听证权利");
    expect(all).toContain("五个工作日前");
  });

  it("延期审理通知书 (Art. 62(1)): reason, approval of the institution's head, new deadline, at most 30 days", () => {
    const d = renderDocument("extension_notice", facts({ decisionDue: "2026-06-03", data: { days: 30, reason: "案情复杂" } }));
    const all = text(d);
    expect(all).toContain("案情复杂");
    expect(all).toContain("负责人批准");
    expect(all).toContain("延长30日");
    expect(all).toContain("2026年6月3日");
    expect(all).toContain("第六十二条第一款");
  });

  it("中止通知书 (Art. 39) names the ground and, for grounds (1)(2)(4), the 60-day termination rule (Art. 41(5))", () => {
    const d = renderDocument("suspension_notice", facts({ data: { ground: "applicant_died", sixtyDayRule: true } }));
    expect(text(d)).toContain("第三十九条第一款第一项");
    expect(text(d)).toContain("第四十一条第五项");
    const other = renderDocument("suspension_notice", facts({ data: { ground: "related_case_pending", sixtyDayRule: false } }));
    expect(text(other)).not.toContain("第四十一条第五项");
    expect(text(renderDocument("resumption_notice", facts()))).toContain("恢复审理");
  });

  it("终止决定书 (Art. 41) after withdrawal states the re-filing bar (Art. 74(2))", () => {
    const d = renderDocument("termination_decision", facts({ data: { ground: "withdrawal" } }));
    expect(text(d)).toContain("第四十一条第一项");
    expect(text(d)).toContain("第七十四条第二款");
  });

  it("行政复议调解书 (Art. 73(1)): the result and a signature line for every party", () => {
    const d = renderDocument("mediation_document", facts({ applicants: ["张三", "李四"], draft: { result: "被申请人退还罚款", respondentObligations: "退还罚款2000元", performanceDays: 15 } }));
    expect(text(d)).toContain("退还罚款2000元");
    expect(text(d)).toContain("15日内履行完毕");
    expect(text(d)).toContain("被申请人退还罚款");
    expect(text(d)).toContain("第七十三条第一款");
    expect(d.signatures).toEqual(["申请人：张三", "申请人：李四", "被申请人：呼和浩特市市场监督管理局"]);
  });

  it("行政复议决定书: the operative words cite the decision type's article (Arts. 63–69), the 15-day suit notice, effect on service (Art. 75(2))", () => {
    const d = renderDocument(
      "decision",
      facts({ data: { type: "revoke", partial: false, redoOrdered: true, performanceDays: 60 }, draft: { facts: "查明事实", reasoning: "认定事实不清" }, replySummary: "处罚合法" }),
    );
    const all = text(d);
    expect(all).toContain("第六十四条");
    expect(all).toContain("撤销被申请人作出的行政行为");
    expect(all).toContain("60日内");
    expect(all).toContain("处罚合法");
    expect(all).toContain("十五日内");
    expect(all).toContain("第七十五条第二款");
    const uphold = renderDocument("decision", facts({ data: { type: "uphold" } }));
    expect(text(uphold)).toContain("第六十八条");
    expect(text(uphold)).toContain("未在法定期限内提出书面答复");
  });

  it("行政复议决定书 (Art. 68): the drafter's result follows the statutory words as one sentence, without doubled punctuation", () => {
    const d = renderDocument("decision", facts({ data: { type: "uphold" }, draft: { result: "：维持呼市监罚〔2026〕8号行政处罚决定。" } }));
    const operative = d.paragraphs.find((p) => p.includes("本机关决定"))!;
    expect(operative).toContain("本机关决定：维持被申请人作出的行政行为。维持呼市监罚〔2026〕8号行政处罚决定。");
    expect(operative).not.toMatch(/[。：]{2}/u);
    expect(operative.endsWith("。")).toBe(true);
  });
});

describe("service (Art. 88(1) → Civil Procedure Law)", () => {
  it("CPL Art. 95: service by public notice is deemed made 30 days after publication", () => {
    expect(publicNoticeServedOn("2026-03-01")).toBe("2026-03-31");
    expect(publicNoticeServedOn("2026-12-15")).toBe("2027-01-14");
    expect(serviceDate({ method: "public_notice", date: "2026-03-01", signer: null, refused: false, recipientConsented: false })).toEqual({
      ok: true,
      servedOn: "2026-03-31",
      basis: "《民事诉讼法》第九十五条",
    });
  });

  it("CPL Art. 90: electronic service is refused without the recipient's consent", () => {
    expect(serviceDate({ method: "electronic", date: "2026-03-01", signer: null, refused: false, recipientConsented: false })).toMatchObject({ ok: false, code: "no_consent" });
    expect(serviceDate({ method: "electronic", date: "2026-03-01", signer: null, refused: false, recipientConsented: true })).toMatchObject({ ok: true, servedOn: "2026-03-01" });
  });

  it("CPL Arts. 87, 91: in person and by post the date signed is the service date, and the signer is required; Art. 89 refusal in person only", () => {
    expect(serviceDate({ method: "in_person", date: "2026-03-02", signer: "张三", refused: false, recipientConsented: false })).toMatchObject({ ok: true, servedOn: "2026-03-02" });
    expect(serviceDate({ method: "in_person", date: "2026-03-02", signer: null, refused: false, recipientConsented: false })).toMatchObject({ ok: false, code: "signer_required" });
    expect(serviceDate({ method: "post", date: "2026-03-04", signer: "王五", refused: false, recipientConsented: false })).toMatchObject({ ok: true, servedOn: "2026-03-04" });
    expect(serviceDate({ method: "in_person", date: "2026-03-02", signer: "拒签，见证人赵六，已拍照", refused: true, recipientConsented: false })).toMatchObject({
      ok: true,
      basis: "《民事诉讼法》第八十九条",
    });
    expect(serviceDate({ method: "post", date: "2026-03-02", signer: "x", refused: true, recipientConsented: false })).toMatchObject({ ok: false });
  });

  it("送达回证 (CPL Art. 87): one row per recipient with the method named", () => {
    const r = renderServiceReceipt({ title: "受理通知书", number: "呼政复受〔2026〕3号", organName: "呼和浩特市人民政府" }, [
      { recipientName: "张三", recipientRole: "applicant", method: "electronic", reachedAt: "2026-03-05T02:00:00Z", firstOpenedAt: null, servedOn: "2026-03-05", signer: null, refused: false, note: null },
    ]);
    expect(r.title).toBe("送达回证");
    expect(r.rows[0].methodName).toBe("电子送达");
  });
});
