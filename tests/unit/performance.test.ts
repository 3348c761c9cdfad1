// Performance follow-up and the compliance counts (app/domain/performance.ts) against 《行政复议法》第六十四条、第六十六条、
// 第七十三条、第七十六条、第七十七条 and 《行政复议法实施条例》第四十九条; and the 责令履行通知书 (第七十七条第二款).
import { describe, expect, it } from "vitest";
import { renderDocument, type DocumentFacts } from "~/domain/documents";
import type { CaseState, DecisionProposal } from "~/domain/machines/reconsideration";
import {
  ComplianceQuerySchema,
  compliancePeriod,
  countLetter,
  countObligation,
  csvField,
  currentDue,
  obligationOf,
  OrderToPerformFormSchema,
  orderToPerformCommand,
  PerformanceReportFormSchema,
  readPerformanceReportForm,
  toCsv,
  totalOf,
  type ComplianceRow,
} from "~/domain/performance";

const decision = (over: Partial<DecisionProposal>): Pick<CaseState, "decision" | "mediationDocument"> => ({
  decision: {
    type: "revoke",
    partial: false,
    redoOrdered: true,
    respondentObligations: false,
    performanceDays: null,
    approvedBy: "organ_head",
    servedOn: "2026-03-02",
    ...over,
  },
  mediationDocument: null,
});

describe("what must be performed and in what period (《行政复议法》第七十七条第一款)", () => {
  it("revoke and redo without a period: 60 days (《行政复议法实施条例》第四十九条, DOMAIN.md 9.03)", () => {
    expect(obligationOf(decision({}))).toEqual({ kind: "redo", days: 60, defaultPeriod: true, basis: "《行政复议法实施条例》第四十九条", from: "2026-03-02" });
  });
  it("revoke and redo within the period the decision sets (第六十四条第一款)", () => {
    expect(obligationOf(decision({ performanceDays: 45 }))).toMatchObject({ kind: "redo", days: 45, defaultPeriod: false, basis: "《行政复议法》第六十四条第一款" });
  });
  it("an order to perform within the set period (第六十六条, DOMAIN.md 9.05)", () => {
    expect(obligationOf(decision({ type: "order_performance", redoOrdered: false, performanceDays: 30 }))).toMatchObject({
      kind: "order_performance",
      days: 30,
      basis: "《行政复议法》第六十六条",
    });
  });
  it("an effective 调解书 with obligations of the respondent (第七十三条), counted from its effect", () => {
    const s = { decision: null, mediationDocument: { effectiveOn: "2026-03-05", respondentObligations: true, performanceDays: 20 } };
    expect(obligationOf(s)).toMatchObject({ kind: "mediation", days: 20, from: "2026-03-05", basis: "《行政复议法》第七十三条、第七十七条第一款" });
  });
  it("an upheld act, or a 调解书 without obligations of the respondent, asks nothing", () => {
    expect(obligationOf(decision({ type: "uphold", redoOrdered: false }))).toBeNull();
    expect(obligationOf({ decision: null, mediationDocument: { effectiveOn: "2026-03-05", respondentObligations: false, performanceDays: null } })).toBeNull();
  });
});

describe("the due date now and whether it is overdue (第七十七条第二款)", () => {
  const redo = { kind: "redo_act", startDate: "2026-03-02", dueDate: "2026-05-04", status: "running", createdAt: "2026-03-02T02:00:00.000Z" };
  it("the due day itself is within the period; the day after it is overdue, counted in calendar days", () => {
    expect(currentDue("PERFORMANCE_MONITORING", [redo], "2026-05-04")).toMatchObject({ overdue: false, colour: "warn", daysOverdue: 0 });
    expect(currentDue("PERFORMANCE_MONITORING", [redo], "2026-05-07")).toMatchObject({ overdue: true, colour: "overdue", daysOverdue: 3 });
  });
  it("after a rejected report the stopped period still shows the respondent overdue; an order's period takes over", () => {
    const stopped = { ...redo, status: "met" };
    expect(currentDue("PERFORMANCE_MONITORING", [stopped], "2026-05-10")).toMatchObject({ overdue: true });
    const order = { kind: "order_to_perform", startDate: "2026-05-10", dueDate: "2026-05-25", status: "running", createdAt: "2026-05-10T02:00:00.000Z" };
    expect(currentDue("ORDERED_TO_PERFORM", [{ ...redo, status: "missed" }, order], "2026-05-12")).toMatchObject({ kind: "order_to_perform", overdue: false });
  });
  it("once reported, referred or closed nothing is owed: no colour", () => {
    expect(currentDue("PERFORMANCE_REPORTED", [redo], "2026-06-01")).toMatchObject({ colour: null, overdue: false });
    expect(currentDue("REFERRED", [redo], "2026-06-01")).toMatchObject({ colour: null });
  });
});

describe("forms", () => {
  it("the order names its measures (约谈, 通报批评) and a period of 1–365 days (第七十七条第二款)", () => {
    const f = OrderToPerformFormSchema.parse({ reason: "overdue", explanation: "逾期未履行", days: "15", circulated_criticism: "yes" });
    expect(orderToPerformCommand(f)).toEqual({ type: "ORDER_TO_PERFORM", reason: "overdue", explanation: "逾期未履行", days: 15, measures: ["circulated_criticism"] });
    for (const days of ["0", "366", "1.5", "x"]) expect(OrderToPerformFormSchema.safeParse({ reason: "overdue", explanation: "x", days }).success, days).toBe(false);
  });
  it("a report needs its summary, and a file must say what it is", () => {
    const ok = PerformanceReportFormSchema.safeParse(readPerformanceReportForm([["summary", "已重新作出"], ["attachment.0.description", "决定书"]], ["attachment.0.file"]));
    expect(ok.success).toBe(true);
    const bad = PerformanceReportFormSchema.safeParse(readPerformanceReportForm([["summary", " "]], ["attachment.1.file"]));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["summary", "performance.errors.summary"],
      ["attachments.1.description", "performance.errors.attachmentDescription"],
    ]);
  });
});

describe("compliance counts (issue 6 req. 9)", () => {
  it("an opinion letter reported on the 60th day is on time, the day after late (第七十六条)", () => {
    const base = { servedOn: "2026-03-02", reportDue: "2026-05-04", awaitingReport: false, currentDue: "2026-05-04", assessedInadequate: false };
    expect(countLetter({ ...base, firstReportOn: "2026-05-04" }, "2026-06-30")).toEqual({ reportedOnTime: true, reportedLate: false, overdueNow: false, inadequate: false });
    expect(countLetter({ ...base, firstReportOn: "2026-05-05" }, "2026-06-30")).toMatchObject({ reportedOnTime: false, reportedLate: true });
    // no report: overdue only once the due date has passed
    expect(countLetter({ ...base, firstReportOn: null, awaitingReport: true }, "2026-05-04").overdueNow).toBe(false);
    expect(countLetter({ ...base, firstReportOn: null, awaitingReport: true }, "2026-05-05").overdueNow).toBe(true);
  });
  it("a decision is performed on time when the verified report was filed by the due date; unverified past it is not performed (第七十七条)", () => {
    const base = { state: "CLOSED", startOn: "2026-03-02", dueOn: "2026-05-04" };
    expect(countObligation({ ...base, verifiedReportOn: "2026-05-04" }, "2026-06-30")).toEqual({ performedOnTime: true, performedLate: false, notPerformed: false });
    expect(countObligation({ ...base, verifiedReportOn: "2026-05-20" }, "2026-06-30")).toMatchObject({ performedLate: true });
    expect(countObligation({ ...base, state: "PERFORMANCE_MONITORING", verifiedReportOn: null }, "2026-05-04").notPerformed).toBe(false);
    expect(countObligation({ ...base, state: "PERFORMANCE_MONITORING", verifiedReportOn: null }, "2026-05-05").notPerformed).toBe(true);
    // a report waiting for the check is not yet a failure; an order or a referral is, whatever the date
    expect(countObligation({ ...base, state: "PERFORMANCE_REPORTED", verifiedReportOn: null }, "2026-06-30").notPerformed).toBe(false);
    expect(countObligation({ ...base, state: "ORDERED_TO_PERFORM", verifiedReportOn: null }, "2026-04-01").notPerformed).toBe(true);
  });
  it("a month runs to its last day (leap years included), a year from 1 January to 31 December; bad input is refused", () => {
    expect(compliancePeriod({ unit: "month", month: "2028-02" }, "2026-06-01")).toEqual({ unit: "month", key: "2028-02", from: "2028-02-01", to: "2028-02-29" });
    expect(compliancePeriod({ unit: "year", year: "2026" }, "2026-06-01")).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
    expect(compliancePeriod({}, "2026-06-15")).toMatchObject({ unit: "year", key: "2026" });
    for (const q of [{ month: "2026-13" }, { year: "26" }, { unit: "week" }, { format: "xlsx" }]) expect(ComplianceQuerySchema.safeParse(q).success, JSON.stringify(q)).toBe(false);
  });
  it("the totals add up every number", () => {
    const row = (n: number): ComplianceRow => ({
      organId: null,
      organName: "x",
      lettersIssued: n,
      reportedOnTime: n,
      reportedLate: n,
      overdueNow: n,
      inadequate: n,
      obligations: n,
      performedOnTime: n,
      performedLate: n,
      notPerformed: n,
    });
    expect(totalOf([row(1), row(2)])).toMatchObject({ lettersIssued: 3, notPerformed: 3 });
  });
});

describe("CSV for Excel (RFC 4180, UTF-8 with BOM)", () => {
  it("quotes fields holding commas, quotes or line breaks, doubling quotes; neutralises formulas", () => {
    expect(csvField("呼和浩特市市场监督管理局")).toBe("呼和浩特市市场监督管理局");
    expect(csvField('甲,"乙"')).toBe('"甲,""乙"""');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(-3)).toBe("-3");
  });
  it("starts with the byte-order mark and ends every line with CRLF", () => {
    expect(toCsv([["机关", "数"], ["甲", 1]])).toBe("\uFEFF机关,数\r\n甲,1\r\n");
  });
});

describe("责令履行通知书 (《行政复议法》第七十七条第二款)", () => {
  const facts: DocumentFacts = {
    caseNumber: "FY2026-150100-00017",
    organName: "呼和浩特市人民政府",
    number: null,
    issuedOn: "2026-05-10",
    basis: "《行政复议法》第七十七条第二款",
    applicants: ["张三"],
    respondentName: "呼和浩特市市场监督管理局",
    actDocumentNumber: "呼市监罚〔2026〕8号",
    actName: "行政处罚决定书",
    receivedOn: "2026-02-26",
    acceptedOn: "2026-03-05",
    procedure: "ordinary",
    handlerName: "李明轩",
    decisionDue: null,
    replyDue: null,
    requests: null,
    factsAndReasons: null,
    replySummary: null,
    hearing: null,
    draft: null,
    data: { days: 15, reason: "overdue", explanation: "重作期限届满仍未重新作出行政行为。", measures: ["interview", "circulated_criticism"] },
  };
  it("addresses the respondent, states the new period, the measures and the Art. 83 warning", () => {
    const doc = renderDocument("order_to_perform", facts);
    expect(doc.title).toBe("责令履行通知书");
    expect(doc.addressee).toBe("呼和浩特市市场监督管理局：");
    const text = doc.paragraphs.join("\n");
    expect(text).toContain("第七十七条第二款");
    expect(text).toContain("15日内");
    expect(text).toContain("逾期未履行");
    expect(text).toContain("约谈");
    expect(text).toContain("通报批评");
    expect(text).toContain("第八十三条");
  });
});
