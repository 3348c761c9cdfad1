// Opinion letters (《行政复议法》第七十六条) and suggestion letters (《行政复议法实施条例》第五十七条第二款): the recipient
// rules, the Art. 79(2) copy, the report period, the forms, the 文号 series and the templates of the issued letters.
import { describe, expect, it } from "vitest";
import { documentNumberMarks, formatDocumentNumber, isNumbered, renderDocument, type DocumentFacts } from "~/domain/documents";
import {
  actingRoleFor,
  availableLetterCommands,
  DraftLetterFormSchema,
  higherDepartmentCode,
  isOwnGovernmentDepartment,
  IssueLetterFormSchema,
  OrderToPerformFormSchema,
  readReportForm,
  recipientAllowed,
  recipientKindOf,
  reportPeriodOf,
  ReportFormSchema,
  ReviewReportFormSchema,
} from "~/domain/letters";
import { periodDefinitions } from "~/domain/periods";

const city = { id: "g-150100", code: "150100", kind: "government", level: "league_city", parentId: "g-150000" };
const market = { id: "d-market", code: "150100-market", kind: "department", level: "league_city", parentId: "g-150100" };
const policeBranch = { id: "d-police-xc", code: "150102-police", kind: "department", level: "banner_county", parentId: "d-city-police" };
const district = { id: "g-150102", code: "150102", kind: "government", level: "banner_county", parentId: "g-150100" };

describe("recipients (《行政复议法》第七十六条)", () => {
  it("Art. 76: the respondent or another lower-level organ; anything else is an other organ", () => {
    expect(recipientKindOf({ recipientId: "d-market", respondentId: "d-market", belowIssuingOrgan: true })).toBe("respondent");
    expect(recipientKindOf({ recipientId: "g-150102", respondentId: "d-market", belowIssuingOrgan: true })).toBe("lower_organ");
    expect(recipientKindOf({ recipientId: "x", respondentId: null, belowIssuingOrgan: false })).toBe("other_organ");
  });
  it("Art. 76: an opinion letter never goes to an organ that is neither the respondent nor below; a suggestion letter (Reg. Art. 57(2)) may", () => {
    expect(recipientAllowed("opinion", "respondent")).toBe(true);
    expect(recipientAllowed("opinion", "lower_organ")).toBe(true);
    expect(recipientAllowed("opinion", "other_organ")).toBe(false);
    expect(recipientAllowed("suggestion", "other_organ")).toBe(true);
  });
});

describe("the copy (抄告, 《行政复议法》第七十九条第二款)", () => {
  it("Art. 79(2): a working department directly under the deciding government is its own department", () => {
    expect(isOwnGovernmentDepartment(market, city)).toBe(true);
  });
  it("Art. 79(2): a lower government, or a dispatched 分局 under a bureau, is not", () => {
    expect(isOwnGovernmentDepartment(district, city)).toBe(false);
    expect(isOwnGovernmentDepartment(policeBranch, city)).toBe(false);
  });
  it("Art. 79(2): the next-higher competent department is the same line one government up (150100-market → 150000-market)", () => {
    expect(higherDepartmentCode("150100-market", city, "150000")).toBe("150000-market");
    // the region's own departments: the higher department is a State Council one, outside the portal
    expect(higherDepartmentCode("150000-market", { code: "150000" }, null)).toBeNull();
  });
});

describe("the report period", () => {
  it("Art. 76: an opinion letter's report is due within 60 days of receipt — a statutory calendar-day period", () => {
    const p = reportPeriodOf("opinion");
    expect(p).toEqual({ key: "opinion_letter_report", statutory: true });
    expect(periodDefinitions[p.key]).toMatchObject({ length: 60, unit: "calendar_day", statutory: true });
    expect(periodDefinitions[p.key].basis).toContain("第七十六条");
  });
  it("Reg. Art. 57(2): a suggestion letter has no statutory reply period — the feedback period is a setting, not statutory", () => {
    const p = reportPeriodOf("suggestion");
    expect(p).toEqual({ key: "suggestion_letter_reply", statutory: false });
    expect(periodDefinitions[p.key].length).toEqual({ setting: "suggestionReplyDays" });
  });
});

describe("who acts (DOMAIN.md §18)", () => {
  it("Art. 76 approval is the office head's: staff see no APPROVE, a head acting on a draft acts as head", () => {
    expect(availableLetterCommands("DRAFT", ["reconsideration_staff"])).toEqual([]);
    expect(availableLetterCommands("DRAFT", ["office_head"])).toEqual(["APPROVE"]);
    expect(actingRoleFor("DRAFT", "APPROVE", ["reconsideration_staff", "office_head"])).toBe("office_head");
    expect(actingRoleFor("APPROVED", "ISSUE", ["reconsideration_staff", "office_head"])).toBe("reconsideration_staff");
  });
  it("Art. 77(2): only the office head orders performance of an overdue opinion letter; the expiry itself is automatic", () => {
    expect(availableLetterCommands("OVERDUE", ["reconsideration_staff"])).toEqual(["SUBMIT_REPORT", "CLOSE"]);
    expect(availableLetterCommands("OVERDUE", ["office_head"])).toEqual(["ORDER_TO_PERFORM", "CLOSE"]);
    expect(availableLetterCommands("ISSUED", ["respondent_agent"])).toEqual(["SUBMIT_REPORT"]);
  });
});

describe("forms", () => {
  const draft = {
    type: "opinion",
    recipientOrganId: "0b0c2f6e-1f5a-4c1b-9a57-3d3f5f1d2a10",
    findings: "被申请人在执法中未履行告知义务。",
    rectification: "依法重新履行告知程序。",
    legalBasis: "《行政处罚法》第四十四条",
  };
  it("a draft needs type, recipient, findings, the rectification requested and the legal basis", () => {
    expect(DraftLetterFormSchema.safeParse(draft).success).toBe(true);
    for (const field of ["type", "recipientOrganId", "findings", "rectification", "legalBasis"] as const) {
      const r = DraftLetterFormSchema.safeParse({ ...draft, [field]: "" });
      expect(r.success, field).toBe(false);
    }
    expect(DraftLetterFormSchema.safeParse({ ...draft, type: "order" }).success).toBe(false);
    expect(DraftLetterFormSchema.safeParse({ ...draft, findings: "问".repeat(4001) }).success).toBe(false);
  });
  it("service needs a real date (Art. 76: the 60 days run from receipt)", () => {
    expect(IssueLetterFormSchema.safeParse({ servedOn: "2026-03-05" }).success).toBe(true);
    expect(IssueLetterFormSchema.safeParse({ servedOn: "2026-02-30" }).success).toBe(false);
    expect(IssueLetterFormSchema.safeParse({}).success).toBe(false);
  });
  it("an inadequate assessment needs reasons (Arts. 76, 77)", () => {
    expect(ReviewReportFormSchema.safeParse({ adequate: "yes" }).success).toBe(true);
    const r = ReviewReportFormSchema.safeParse({ adequate: "no", reasons: "  " });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["reasons"], message: "letters.errors.reasons" });
    expect(ReviewReportFormSchema.safeParse({ adequate: "no", reasons: "未撤销违法罚款" }).success).toBe(true);
  });
  it("Art. 77(2): an order sets a period of 1–365 days, with 约谈 and/or 通报批评", () => {
    expect(OrderToPerformFormSchema.parse({ days: "30", measures: ["interview", "circulated_criticism"] })).toEqual({ days: 30, measures: ["interview", "circulated_criticism"] });
    expect(OrderToPerformFormSchema.safeParse({ days: "0" }).success).toBe(false);
    expect(OrderToPerformFormSchema.safeParse({ days: "30", measures: ["fine"] }).success).toBe(false);
  });
  it("a report needs its text; a file must say what it is", () => {
    const ok = ReportFormSchema.safeParse(readReportForm([["summary", "已撤销原处罚决定"], ["attachment.0.description", "撤销决定书"]], ["attachment.0.file"]));
    expect(ok.success).toBe(true);
    const bad = ReportFormSchema.safeParse(readReportForm([["summary", "已撤销原处罚决定"]], ["attachment.1.file"]));
    expect(bad.error?.issues[0]).toMatchObject({ path: ["attachments", 1, "description"] });
    expect(ReportFormSchema.safeParse(readReportForm([["summary", " "]], [])).success).toBe(false);
  });
});

const facts = (over: Partial<DocumentFacts> = {}): DocumentFacts => ({
  caseNumber: "FY2026-150100-00017",
  organName: "呼和浩特市人民政府",
  number: "呼政复意〔2026〕1号",
  issuedOn: "2026-03-05",
  basis: "《行政复议法》第七十六条",
  applicants: [],
  respondentName: "呼和浩特市市场监督管理局",
  actDocumentNumber: null,
  actName: null,
  receivedOn: null,
  acceptedOn: null,
  procedure: "ordinary",
  handlerName: null,
  decisionDue: null,
  replyDue: null,
  requests: null,
  factsAndReasons: null,
  replySummary: null,
  hearing: null,
  draft: null,
  data: {},
  ...over,
});
const text = (d: { paragraphs: string[]; list: string[] }) => [...d.paragraphs, ...d.list].join("\n");
const letterData = {
  letterType: "opinion",
  recipientName: "呼和浩特市市场监督管理局",
  findings: "在作出罚款决定前未告知当事人陈述、申辩的权利。",
  rectification: "对同类案件全面自查，依法重新履行告知程序。",
  legalBasis: "《中华人民共和国行政处罚法》第四十四条",
  reportDue: "2026-05-04",
  copied: true,
  higherDepartment: "内蒙古自治区市场监督管理局",
};

describe("文号 of letters (DOMAIN.md §19)", () => {
  it("Art. 76 opinion letters and Reg. Art. 57(2) suggestion letters each have their own gap-free series: 呼政复意〔2026〕1号, 呼政复建〔2026〕1号", () => {
    expect(isNumbered("opinion_letter")).toBe(true);
    expect(isNumbered("suggestion_letter")).toBe(true);
    expect(formatDocumentNumber("呼政复", "opinion_letter", 2026, 1)).toBe("呼政复意〔2026〕1号");
    expect(formatDocumentNumber("呼政复", "suggestion_letter", 2026, 1)).toBe("呼政复建〔2026〕1号");
    const marks = Object.values(documentNumberMarks);
    expect(new Set(marks).size).toBe(marks.length);
  });
});

describe("templates of the letters (DOMAIN.md §19)", () => {
  it("行政复议意见书 (Art. 76): to the recipient, the findings, the corrections, the basis, the 60-day report from receipt; binding (Art. 77); the copy (Art. 79(2))", () => {
    const d = renderDocument("opinion_letter", facts({ data: letterData }));
    expect(d.title).toBe("行政复议意见书");
    expect(d.number).toBe("呼政复意〔2026〕1号");
    expect(d.addressee).toBe("呼和浩特市市场监督管理局：");
    const all = text(d);
    expect(all).toContain("第七十六条");
    expect(all).toContain("六十日内");
    expect(all).toContain("自收到本意见书之日起");
    expect(all).toContain(letterData.findings);
    expect(all).toContain(letterData.rectification);
    expect(all).toContain(letterData.legalBasis);
    expect(all).toContain("2026年5月4日");
    expect(all).toContain("第七十七条");
    expect(all).toContain("抄告内蒙古自治区市场监督管理局");
    expect(all).toContain("第七十九条第二款");
  });
  it("行政复议意见书 not to an own department (Art. 79(2) does not apply): no copy sentence", () => {
    const d = renderDocument("opinion_letter", facts({ data: { ...letterData, copied: false } }));
    expect(text(d)).not.toContain("抄告");
  });
  it("行政复议建议书 (Reg. Art. 57(2)): common problems, suggestions; the feedback date is said not to be statutory, no Art. 77 enforcement", () => {
    const d = renderDocument("suggestion_letter", facts({ number: "呼政复建〔2026〕1号", caseNumber: "", data: { ...letterData, letterType: "suggestion" } }));
    expect(d.title).toBe("行政复议建议书");
    const all = text(d);
    expect(all).toContain("第五十七条第二款");
    expect(all).toContain("普遍性");
    expect(all).toContain("并非法定期限");
    expect(all).toContain("行政复议工作中");
    expect(all).not.toContain("第七十七条");
    expect(all).not.toContain("六十日");
  });
  it("抄告函 (Art. 79(2)) of an opinion letter: to the higher department, naming the letter and its number", () => {
    const d = renderDocument("copy_report", facts({ number: null, data: { ...letterData, to: "内蒙古自治区市场监督管理局", letterNumber: "呼政复意〔2026〕1号" } }));
    expect(d.addressee).toBe("内蒙古自治区市场监督管理局：");
    expect(text(d)).toContain("第七十九条第二款");
    expect(text(d)).toContain("呼政复意〔2026〕1号");
  });
  it("责令履行通知书 on an opinion letter (Art. 77(2)): the period, 约谈 and 通报批评 as chosen", () => {
    const d = renderDocument("order_to_perform", facts({ number: null, data: { ...letterData, letterNumber: "呼政复意〔2026〕1号", days: 30, measures: ["interview"] } }));
    const all = text(d);
    expect(all).toContain("第七十七条第二款");
    expect(all).toContain("30日内");
    expect(all).toContain("约谈");
    expect(all).not.toContain("通报批评");
    expect(all).toContain("呼政复意〔2026〕1号");
  });
});
