// Performance follow-up (《行政复议法》第七十七条; DOMAIN.md §15.3 P1–P5, 9.03, 9.05, 10.02, 10.03) through the agency and
// staff pages and their services: a revoke-and-redo decision without a period is due in 60 days (实施条例第四十九条), one
// with a period on its own day; the respondent reports with files, staff verify or send back; overdue → 责令履行通知书
// with a new period, then 约谈 and 通报批评 recorded, then referral (第八十三条). And the compliance view (issue 6 req. 9):
// letters and decisions counted per agency and month on a small hand-checked set, and its CSV.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, setDatabase } from "../../db/client";
import { auditEvents, caseDocuments, cases, deadlines, files, followUpReports, organs, outbox } from "../../db/schema/index";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { DecisionDraftFormSchema } from "~/domain/decision-draft";
import { draftLetter, type LetterState } from "~/domain/machines/letter";
import type { CaseState } from "~/domain/machines/reconsideration";
import * as agencyListRoute from "~/routes/agency._index";
import * as agencyRoute from "~/routes/agency.performance.$caseNumber";
import * as complianceRoute from "~/routes/staff.compliance";
import * as staffRoute from "~/routes/staff.cases.$caseNumber_.performance";
import {
  getCompliance,
  getStaffPerformance,
  listAgencyPerformance,
  orderToPerform,
  recordPerformanceMeasure,
  referForSanctions,
  reportPerformance,
  verifyPerformance,
  type AgencyPerformance,
  type AgencyPerformanceRow,
  type ComplianceReport,
  type StaffPerformance,
} from "~/services/performance.server";
import type { CurrentUser } from "~/services/session.server";
import { approveDecision, serveDecision, signMediationDocument, openMediation, startDrafting, submitDraftForApproval } from "~/services/staff-decision.server";
import { applyCommand, createProcess } from "~/services/transitions.server";
import { compliancePeriod, type ComplianceRow } from "~/domain/performance";
import { engineName, useTestDatabase } from "../support/db";
import { acceptOrdinary, caseRow, demoUser, fileApplication, organByCode, outcome, routeContext, seedDemo, Sessions, staffCast, userOfOrgan, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("performance-test");
const sessions = new Sessions();
const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

let { citizen, staff, head, outsider, respondentId, organId } = {} as StaffCast;
let agent: CurrentUser;
let otherAgent: CurrentUser;
let admin: CurrentUser;
let dataDir: string;
let previousDataDir: string | undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "imr-performance-"));
  previousDataDir = process.env.DATA_DIR;
  process.env.DATA_DIR = dataDir;
  await seedDemo(t);
  // outsider: the office head of 新城区人民政府, to whom the 呼和浩特 city cases do not exist
  ({ citizen, staff, head, outsider, respondentId, organId } = await staffCast(sessions, "office_head"));
  agent = await demoUser("agent"); // 呼和浩特市市场监督管理局
  otherAgent = await userOfOrgan({ email: "agent-xincheng-perf@example.com", role: "respondent_agent", organCode: "150102" });
  admin = await demoUser("admin");
  await sessions.signIn(agent, otherAgent, admin);
});
afterAll(() => {
  setDatabase(undefined);
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const TODAY = () => todayInShanghai(new Date());
/** 10:00 in Beijing on `date`: the `now` of a step taken that day. */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

/** A fresh application by citizen1 against the market regulator, accepted, copy served, reply filed, views heard. */
async function caseInReview(): Promise<string> {
  const caseNumber = await fileApplication(citizen, respondentId);
  await acceptOrdinary(staff, caseNumber);
  const actor = { role: "reconsideration_staff" as const, userId: staff.id };
  for (const command of [
    { type: "SERVE_COPY_ON_RESPONDENT" },
    { type: "FILE_REPLY", evidenceAndBasisSubmitted: true },
    { type: "RECORD_VIEWS_HEARD", mode: "phone", applicantWillingToMediate: true },
  ]) {
    const row = await caseRow(caseNumber);
    const r = await applyCommand({ caseId: row.id, expectedVersion: row.version, command, actor, actorUserId: staff.id, now: new Date() });
    if (!r.ok) throw new Error(`${command.type} failed: ${JSON.stringify(r.reason)}`);
  }
  return caseNumber;
}

const version = async (caseNumber: string) => (await caseRow(caseNumber)).version;
const must = <R extends { ok: boolean }>(r: R): R => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r;
};

/** A revocation ordering the act redone (Art. 64(1)) — within `redoDays` if given — approved and served on `servedOn`. */
async function revokeAndRedo(opts: { redoDays?: number; servedOn?: string } = {}): Promise<string> {
  const caseNumber = await caseInReview();
  must(await startDrafting({ user: staff, caseNumber, version: await version(caseNumber) }));
  const draft = DecisionDraftFormSchema.parse({
    decisionType: "revoke",
    redoOrdered: "yes",
    performanceDays: opts.redoDays ? String(opts.redoDays) : "",
    facts: "被申请人作出处罚决定时未听取申请人的陈述和申辩。",
    reasoning: "被申请人违反法定程序。",
    result: "撤销被申请人作出的行政处罚决定，责令被申请人重新作出行政行为。",
  });
  must(await submitDraftForApproval({ user: staff, caseNumber, version: await version(caseNumber), draft }));
  must(await approveDecision({ user: head, caseNumber, version: await version(caseNumber), approvedBy: "organ_head" }));
  must(await serveDecision({ user: staff, caseNumber, version: await version(caseNumber), method: "post", servedOn: opts.servedOn ?? TODAY() }));
  return caseNumber;
}

async function performanceDeadlines(caseNumber: string) {
  const { id } = await caseRow(caseNumber);
  return t.db
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.caseId, id)))
    .orderBy(asc(deadlines.createdAt))
    .then((rows) => rows.filter((r) => ["redo_act", "performance_period", "order_to_perform"].includes(r.kind)));
}

/** Everything a command could write on the case. */
async function snapshot(caseNumber: string) {
  const row = await caseRow(caseNumber);
  return {
    state: row.state,
    version: row.version,
    data: JSON.stringify(row.data),
    events: await t.db.$count(auditEvents, eq(auditEvents.subjectId, row.id)),
    documents: await t.db.$count(caseDocuments, eq(caseDocuments.caseId, row.id)),
    reports: JSON.stringify(await t.db.select().from(followUpReports).where(eq(followUpReports.subjectId, row.id)).orderBy(followUpReports.filedAt)),
    files: await t.db.$count(files, eq(files.caseId, row.id)),
    deadlines: JSON.stringify(await t.db.select({ id: deadlines.id, status: deadlines.status, due: deadlines.dueDate }).from(deadlines).where(eq(deadlines.caseId, row.id)).orderBy(deadlines.id)),
    outbox: await t.db.$count(outbox, eq(outbox.caseId, row.id)),
    stored: fs.existsSync(path.join(dataDir, "uploads")) ? fs.readdirSync(path.join(dataDir, "uploads")).filter((f) => f !== "tmp").length : 0,
  };
}

// ---- the pages as browsers use them

/** A GET, or with `body` a multipart POST with the CSRF token first. */
function multipart(user: CurrentUser, url: string, body?: FormData): Request {
  const headers = new Headers({ cookie: sessions.cookie(user) });
  if (!body) return new Request(url, { headers });
  const ordered = new FormData();
  ordered.append("csrf", sessions.csrf(user));
  for (const [k, v] of body.entries()) ordered.append(k, v);
  return new Request(url, { method: "POST", headers, body: ordered });
}
const agencyUrl = (caseNumber: string) => `http://localhost/agency/performance/${encodeURIComponent(caseNumber)}`;
const agencyGet = async (user: CurrentUser, caseNumber: string) => {
  const r = await outcome(() => agencyRoute.loader({ request: multipart(user, agencyUrl(caseNumber)), params: { caseNumber }, context } as never));
  return { status: r.status, case: (r.data?.case ?? null) as AgencyPerformance | null };
};
const agencyPost = (user: CurrentUser, caseNumber: string, body: FormData) =>
  outcome(() => agencyRoute.action({ request: multipart(user, agencyUrl(caseNumber), body), params: { caseNumber }, context } as never));
function reportForm(v: number, fields: Record<string, string> = {}, attach: Record<string, File> = {}): FormData {
  const form = new FormData();
  const all: Record<string, string> = {
    version: String(v),
    summary: "已于本月重新作出行政处罚决定，并依法听取了申请人的陈述、申辩，决定书已送达申请人。",
    "attachment.0.description": "重新作出的行政处罚决定书",
    ...fields,
  };
  for (const [k, val] of Object.entries(all)) form.append(k, val);
  for (const [k, f] of Object.entries(attach)) form.append(k, f);
  return form;
}
const pdf = () => new File([PDF], "重新作出的决定书.pdf", { type: "application/pdf" });

const staffUrl = (caseNumber: string) => `http://localhost/staff/cases/${encodeURIComponent(caseNumber)}/performance`;
const staffGet = async (user: CurrentUser, caseNumber: string) => {
  const r = await outcome(() => staffRoute.loader({ request: sessions.request(user, staffUrl(caseNumber)), params: { caseNumber }, context } as never));
  return { status: r.status, case: (r.data?.case ?? null) as StaffPerformance | null };
};
async function staffPost(user: CurrentUser, caseNumber: string, intent: string, fields: [string, string][] = [], v?: number) {
  const form: [string, string][] = [["intent", intent], ["version", String(v ?? (await version(caseNumber)))], ...fields];
  return outcome(() => staffRoute.action({ request: sessions.request(user, staffUrl(caseNumber), form), params: { caseNumber }, context } as never));
}

describe(`P1–P5 performance through the agency and staff pages (《行政复议法》第七十七条) (${engineName()})`, () => {
  it("P1 revoke and redo without a period: due 60 calendar days after service (实施条例第四十九条, DOMAIN.md 9.03); P2 report with files; P5 verified", async () => {
    const today = TODAY();
    const caseNumber = await revokeAndRedo();
    expect((await caseRow(caseNumber)).state).toBe("PERFORMANCE_MONITORING");
    const [redo] = await performanceDeadlines(caseNumber);
    expect(redo).toMatchObject({ kind: "redo_act", startDate: today, status: "running" });
    expect(redo.basis).toContain("第四十九条");
    // 60 calendar days from the day after service; a last day on a rest day rolls to the next working day (11.03)
    const sixty = addCalendarDays(today, 60);
    expect(redo.dueDate >= sixty && redo.dueDate <= addCalendarDays(sixty, 9)).toBe(true);

    // the agent of the market regulator sees it in the workspace, on time, and its page names the 60 days
    const list = await outcome(() => agencyListRoute.loader({ request: multipart(agent, "http://localhost/agency"), params: {}, context } as never));
    const row = (list.data?.performance as AgencyPerformanceRow[]).find((r) => r.caseNumber === caseNumber);
    expect(row).toMatchObject({ source: "decision", due: { dueDate: redo.dueDate, colour: "ok", overdue: false } });
    const page = await agencyGet(agent, caseNumber);
    expect(page.status).toBe(200);
    expect(page.case).toMatchObject({ canReport: true, obligation: { kind: "redo", days: 60, defaultPeriod: true, from: today } });
    expect(page.case!.obligation!.basis).toContain("第四十九条");
    expect(page.case!.due).toMatchObject({ kind: "redo_act", dueDate: redo.dueDate });

    // another organ's agent: the case does not exist (404), and posting to it writes nothing
    const before = await snapshot(caseNumber);
    expect((await agencyGet(otherAgent, caseNumber)).status).toBe(404);
    expect((await agencyPost(otherAgent, caseNumber, reportForm(before.version, {}, { "attachment.0.file": pdf() }))).status).toBe(404);
    expect((await listAgencyPerformance({ user: otherAgent })).map((r) => r.caseNumber)).not.toContain(caseNumber);
    // staff of another government, and the applicant, do not see the staff page
    expect((await staffGet(outsider, caseNumber)).status).toBe(404);
    expect((await outcome(() => staffRoute.loader({ request: sessions.request(citizen, staffUrl(caseNumber)), params: { caseNumber }, context } as never))).status).toBe(403);
    expect(await snapshot(caseNumber)).toEqual(before);

    // P2: the report with a file → REPORT_PERFORMANCE, the report row (kind performance), the file (purpose report)
    const posted = await agencyPost(agent, caseNumber, reportForm(before.version, {}, { "attachment.0.file": pdf() }));
    expect(posted).toMatchObject({ status: 303, location: `/agency/performance/${encodeURIComponent(caseNumber)}?done=reported` });
    const reported = await caseRow(caseNumber);
    expect(reported.state).toBe("PERFORMANCE_REPORTED");
    const [report] = await t.db.select().from(followUpReports).where(eq(followUpReports.subjectId, reported.id));
    expect(report).toMatchObject({ kind: "performance", organId: respondentId, filedBy: agent.id, adequate: null });
    const attachments = report.attachments as { description: string; fileId: string }[];
    expect(attachments).toHaveLength(1);
    const [file] = await t.db.select().from(files).where(eq(files.id, attachments[0].fileId));
    expect(file).toMatchObject({ caseId: reported.id, purpose: "report", ownerId: agent.id, mediaType: "application/pdf" });
    expect((await performanceDeadlines(caseNumber))[0].status).toBe("met"); // reported within the period
    expect((await agencyGet(agent, caseNumber)).case).toMatchObject({ canReport: false, state: "PERFORMANCE_REPORTED" });

    // P5: staff see the report pending and verify it; the case closes and the report is marked adequate
    const staffPage = await staffGet(staff, caseNumber);
    expect(staffPage.case!.reports[0]).toMatchObject({ adequate: null, attachments: [{ fileId: file.id }] });
    expect(staffPage.case!.available.sort()).toEqual(["REJECT_PERFORMANCE_REPORT", "VERIFY_PERFORMANCE"]);
    expect(await staffPost(staff, caseNumber, "verify")).toMatchObject({ status: 303 });
    expect((await caseRow(caseNumber)).state).toBe("CLOSED");
    const [verified] = await t.db.select().from(followUpReports).where(eq(followUpReports.id, report.id));
    expect(verified).toMatchObject({ adequate: true, assessedBy: staff.id });
  });

  it("P1 a period set in the decision (Art. 64(1)) and in an effective 调解书 (Arts. 73, 77(1)) runs for the days set (9.05)", async () => {
    const today = TODAY();
    const caseNumber = await revokeAndRedo({ redoDays: 45 });
    const [redo] = await performanceDeadlines(caseNumber);
    expect(redo).toMatchObject({ kind: "redo_act", startDate: today });
    const fortyFive = addCalendarDays(today, 45);
    expect(redo.dueDate >= fortyFive && redo.dueDate <= addCalendarDays(fortyFive, 9)).toBe(true);
    expect((await agencyGet(agent, caseNumber)).case).toMatchObject({ obligation: { kind: "redo", days: 45, defaultPeriod: false } });

    const mediated = await caseInReview();
    must(await openMediation({ user: staff, caseNumber: mediated, version: await version(mediated), applicantWilling: true, respondentWilling: true }));
    must(
      await signMediationDocument({
        user: staff,
        caseNumber: mediated,
        version: await version(mediated),
        form: { facts: "", terms: "被申请人退还罚款2000元。", respondentObligations: "退还申请人罚款2000元", performanceDays: 20, allPartiesSigned: true, organSealed: true },
      }),
    );
    expect((await caseRow(mediated)).state).toBe("PERFORMANCE_MONITORING");
    const [period] = await performanceDeadlines(mediated);
    expect(period).toMatchObject({ kind: "performance_period", startDate: today });
    expect(period.dueDate >= addCalendarDays(today, 20) && period.dueDate <= addCalendarDays(today, 29)).toBe(true);
    const page = (await agencyGet(agent, mediated)).case!;
    expect(page.obligation).toMatchObject({ kind: "mediation", days: 20, defaultPeriod: false });
    expect(page.terms.respondentObligations).toBe("退还申请人罚款2000元");
    expect(page.documents.map((d) => d.kind)).toEqual(["mediation_document"]);
  });

  it("bad input answers 400 and writes nothing (no state, no report row, no file)", async () => {
    const caseNumber = await revokeAndRedo({ redoDays: 30 });
    const before = await snapshot(caseNumber);
    const v = before.version;
    const cases400: [FormData, Record<string, string> | null][] = [
      [reportForm(v, { summary: "   " }), { summary: "performance.errors.summary" }],
      [reportForm(v, { "attachment.0.description": "" }, { "attachment.0.file": pdf() }), { "attachment.0.description": "performance.errors.attachmentDescription" }],
      [reportForm(v, { summary: "甲".repeat(4001) }), { summary: "performance.errors.tooLong" }],
      // a file that is not a PDF, JPEG or PNG (type read from the bytes): refused after the machine ran — rolled back
      [reportForm(v, {}, { "attachment.0.file": new File(["plain text"], "说明.pdf", { type: "application/pdf" }) }), { "attachment.0.file": "errors.fileType" }],
      // a file field the form does not have, and no version
      [reportForm(v, {}, { "evidence.0.file": pdf() }), null],
    ];
    for (const [form, errors] of cases400) {
      const r = await agencyPost(agent, caseNumber, form);
      expect(r.status, JSON.stringify(errors)).toBe(400);
      if (errors) expect(r.data?.errors).toMatchObject(errors);
    }
    const noVersion = reportForm(v);
    noVersion.delete("version");
    expect((await agencyPost(agent, caseNumber, noVersion)).status).toBe(400);
    expect(await snapshot(caseNumber)).toEqual(before);

    // staff forms: an order needs a whole number of days 1–365 and a situation; a rejection its reasons; a known intent
    expect(await staffPost(head, caseNumber, "order", [["reason", "unjustified_delay"], ["explanation", "拖延"], ["days", "0"]])).toMatchObject({
      status: 400,
      data: { errors: { days: "performance.errors.days" } },
    });
    expect(await staffPost(head, caseNumber, "order", [["explanation", "拖延"], ["days", "15"]])).toMatchObject({
      status: 400,
      data: { errors: { reason: "performance.errors.orderReason" } },
    });
    expect(await staffPost(head, caseNumber, "order", [["reason", "unjustified_delay"], ["explanation", "拖延"], ["days", "15"], ["interview", "maybe"]])).toMatchObject({ status: 400 });
    expect((await staffPost(head, caseNumber, "close_case")).status).toBe(400);
    // the machine's own guard: "overdue" before the period ran out (Art. 77(2))
    const early = await staffPost(head, caseNumber, "order", [["reason", "overdue"], ["explanation", "未履行"], ["days", "15"]]);
    expect(early.status).toBe(400);
    expect(String(early.data?.message)).toContain("无正当理由拖延履行");
    expect(await snapshot(caseNumber)).toEqual(before);
  });

  it("a stale version is a conflict (409) and changes nothing", async () => {
    const caseNumber = await revokeAndRedo({ redoDays: 30 });
    const seen = await version(caseNumber);
    // the office head orders performance (unjustified delay) while the agent's page is open
    expect(await staffPost(head, caseNumber, "order", [["reason", "unjustified_delay"], ["explanation", "无正当理由拖延"], ["days", "10"]], seen)).toMatchObject({ status: 303 });
    const before = await snapshot(caseNumber);
    const stale = await agencyPost(agent, caseNumber, reportForm(seen, {}, { "attachment.0.file": pdf() }));
    expect(stale.status).toBe(409);
    expect(String(stale.data?.message)).toContain("刷新");
    expect(await snapshot(caseNumber)).toEqual(before);
    // the agent reloads and reports; staff verifying on the old version conflict too
    expect((await agencyPost(agent, caseNumber, reportForm(before.version))).status).toBe(303);
    const reported = await snapshot(caseNumber);
    expect((await staffPost(staff, caseNumber, "verify", [], reported.version - 1)).status).toBe(409);
    expect(await snapshot(caseNumber)).toEqual(reported);
    // sending the report back records the reasons on the report and returns the case to monitoring
    expect(await staffPost(staff, caseNumber, "reject", [["reason", "未附重新作出的决定书"]])).toMatchObject({ status: 303 });
    const [report] = await t.db.select().from(followUpReports).where(eq(followUpReports.subjectId, (await caseRow(caseNumber)).id));
    expect(report).toMatchObject({ adequate: false, assessmentReasons: "未附重新作出的决定书", assessedBy: staff.id });
    expect((await caseRow(caseNumber)).state).toBe("PERFORMANCE_MONITORING");
  });

  it("overdue → 责令履行通知书 with a new period (P3), then 约谈 and 通报批评 recorded, then referral after the order's period (P4, 第七十七条第二款、第八十三条)", async () => {
    const caseNumber = await revokeAndRedo({ redoDays: 30 });
    const [redo] = await performanceDeadlines(caseNumber);
    const late = redo.dueDate > TODAY() ? addCalendarDays(redo.dueDate, 3) : TODAY();
    const lateNow = at(late);

    // overdue is visible: staff page and agency list, coloured as the queue's overdue
    const seen = await getStaffPerformance({ user: head, caseNumber, now: lateNow });
    expect(seen!.due).toMatchObject({ dueDate: redo.dueDate, colour: "overdue", overdue: true, daysOverdue: 3 });
    expect((await listAgencyPerformance({ user: agent, now: lateNow })).find((r) => r.caseNumber === caseNumber)!.due).toMatchObject({ colour: "overdue" });
    expect(seen!.available).toEqual(["ORDER_TO_PERFORM"]);

    // a case officer may not order (the office head does, as P3): 403, nothing written
    const before = await snapshot(caseNumber);
    expect((await staffPost(staff, caseNumber, "order", [["reason", "unjustified_delay"], ["explanation", "拖延"], ["days", "15"]])).status).toBe(403);
    expect(await snapshot(caseNumber)).toEqual(before);

    const form = { reason: "overdue" as const, explanation: "重作期限届满，被申请人仍未重新作出行政行为。", days: 15, interview: true, circulated_criticism: false };
    must(await orderToPerform({ user: head, caseNumber, version: before.version, now: lateNow, form }));
    expect((await caseRow(caseNumber)).state).toBe("ORDERED_TO_PERFORM");
    const periods = await performanceDeadlines(caseNumber);
    expect(periods.map((p) => [p.kind, p.status])).toEqual([
      ["redo_act", "missed"],
      ["order_to_perform", "running"],
    ]);
    const order = periods[1];
    expect(order.startDate).toBe(late);
    expect(order.dueDate >= addCalendarDays(late, 15) && order.dueDate <= addCalendarDays(late, 24)).toBe(true);
    const [notice] = await t.db.select().from(caseDocuments).where(and(eq(caseDocuments.caseId, (await caseRow(caseNumber)).id), eq(caseDocuments.kind, "order_to_perform")));
    expect(notice.basis).toContain("第七十七条第二款");
    const text = JSON.stringify(notice.content);
    expect(text).toContain("15日内");
    expect(text).toContain("约谈");
    // the respondent is served the notice: the agency page lists it with its period
    const agencyPage = (await agencyGet(agent, caseNumber)).case!;
    expect(agencyPage.documents.find((d) => d.kind === "order_to_perform")).toMatchObject({ id: notice.id, days: 15, measures: ["interview"] });

    // the interview is held and recorded through the page, then criticism is circulated
    const ordered = await staffGet(head, caseNumber);
    expect(ordered.case!.available.sort()).toEqual(["RECORD_PERFORMANCE_MEASURE", "REFER_FOR_SANCTIONS"]);
    const interview = await staffPost(head, caseNumber, "measure", [["measure", "interview"], ["heldOn", TODAY()], ["summary", "约谈被申请人分管负责人，其承诺十日内重新作出行政行为。"]]);
    expect(interview).toMatchObject({ status: 303 });
    expect(await staffPost(head, caseNumber, "measure", [["measure", "interview"], ["heldOn", addCalendarDays(TODAY(), 1)], ["summary", "明日约谈"]])).toMatchObject({ status: 400 });
    expect(await staffPost(head, caseNumber, "measure", [["measure", "dinner"], ["heldOn", TODAY()], ["summary", "x"]])).toMatchObject({
      status: 400,
      data: { errors: { measure: "performance.errors.measure" } },
    });
    must(
      await recordPerformanceMeasure({
        user: head,
        caseNumber,
        version: await version(caseNumber),
        now: lateNow,
        measure: "circulated_criticism",
        heldOn: late,
        summary: "在全市行政复议工作通报中予以通报批评。",
      }),
    );
    const data = (await caseRow(caseNumber)).data as CaseState;
    expect(data.performance?.measures?.map((m) => m.measure)).toEqual(["interview", "circulated_criticism"]);
    const id = (await caseRow(caseNumber)).id;
    expect(await t.db.$count(auditEvents, and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "reconsideration.P3-measure")))).toBe(2);
    const notes = await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.caseId, id));
    expect(notes.some((n) => JSON.stringify(n.payload).includes("case.circulated_criticism"))).toBe(true);
    expect((await staffGet(head, caseNumber)).case!.measures.map((m) => m.measure)).toEqual(["interview", "circulated_criticism"]);

    // P4: not before the order's period has passed (第八十三条); then referral, with its letter
    const v = await version(caseNumber);
    const early = await referForSanctions({ user: head, caseNumber, version: v, now: lateNow, explanation: "经责令履行仍拒不履行。" });
    expect(early).toMatchObject({ ok: false, status: 400, guard: "order_expired" });
    must(await referForSanctions({ user: head, caseNumber, version: v, now: at(addCalendarDays(order.dueDate, 1)), explanation: "经责令履行仍拒不履行。" }));
    expect((await caseRow(caseNumber)).state).toBe("REFERRED");
    expect(await t.db.$count(caseDocuments, and(eq(caseDocuments.caseId, id), eq(caseDocuments.kind, "sanction_referral_letter")))).toBe(1);
    // the referral letter is not the respondent's document
    expect((await agencyGet(agent, caseNumber)).case!.documents.map((d) => d.kind)).not.toContain("sanction_referral_letter");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Compliance.

/** The first day of the month four months before today's (every period below ends before today). */
function monthStart(): string {
  const today = TODAY();
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7)) - 4;
  if (m < 1) {
    m += 12;
    y -= 1;
  }
  return `${y}-${String(m).padStart(2, "0")}-01`;
}

async function dueOf(caseId: string, kind: string) {
  const [row] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, kind))).orderBy(asc(deadlines.createdAt));
  return row;
}

describe(`compliance per agency and month (issue 6 req. 9; 《行政复议法》第七十六条、第七十七条) (${engineName()})`, () => {
  const S = monthStart();
  const day = (n: number) => addCalendarDays(S, n);
  let recipientB: string;
  let market: { id: string; name: string };
  const B_NAME = '测试局,"第一"分局';

  /** An opinion (or suggestion) letter of `issuer` to `recipient`, approved and served on `servedOn`. */
  async function letter(opts: { issuer: string; recipient: string; recipientName: string; servedOn?: string; type?: "opinion" | "suggestion" }) {
    const data = draftLetter({ type: opts.type ?? "opinion", recipient: { name: opts.recipientName, kind: "respondent", isOwnGovernmentDepartment: false, higherDepartment: null } });
    const { caseId } = await createProcess({ machine: "letter", data: data as unknown as LetterState & Record<string, unknown>, organId: opts.issuer }, { actorId: head.id, now: new Date() });
    await getDb().update(cases).set({ respondentOrganId: opts.recipient }).where(eq(cases.id, caseId));
    if (opts.servedOn) {
      await run(caseId, { type: "APPROVE" }, { role: "office_head", userId: head.id }, at(opts.servedOn));
      await run(caseId, { type: "ISSUE", servedOn: opts.servedOn }, { role: "reconsideration_staff", userId: staff.id }, at(opts.servedOn));
    }
    return caseId;
  }
  async function run(caseId: string, command: { type: string } & Record<string, unknown>, actor: Parameters<typeof applyCommand>[0]["actor"], now: Date) {
    const [row] = await t.db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
    const r = await applyCommand({ caseId, expectedVersion: row.version, command, actor, now });
    if (!r.ok) throw new Error(`${command.type}: ${JSON.stringify(r.reason)}`);
  }
  /** The recipient's report (L3) as the letters service files it: the machine's command and the report row. */
  async function submitReport(caseId: string, on: string, withRow = true) {
    const recipientAgent = { role: "respondent_agent" as const, userId: agent.id, relation: "recipient" as const };
    await run(caseId, { type: "SUBMIT_REPORT", summary: "已纠正" }, withRow ? recipientAgent : { role: "reconsideration_staff", userId: staff.id }, at(on));
    if (withRow) await t.db.insert(followUpReports).values({ subjectId: caseId, kind: "rectification", organId: respondentId, filedBy: agent.id, summary: "已纠正", filedAt: at(on) });
  }
  async function review(caseId: string, on: string, adequate: boolean) {
    await run(caseId, { type: "REVIEW_REPORT", adequate, ...(adequate ? {} : { reasons: "整改不到位" }) }, { role: "reconsideration_staff", userId: staff.id }, at(on));
    await t.db.update(followUpReports).set({ adequate, assessedBy: staff.id, assessedAt: at(on) }).where(eq(followUpReports.subjectId, caseId));
  }

  beforeAll(async () => {
    market = await organByCode("150100-market");
    const [b] = await t.db
      .insert(organs)
      .values({ code: "150100-test-b", name: B_NAME, level: "league_city", kind: "department", parentId: organId, divisionCode: "150100" })
      .returning({ id: organs.id });
    recipientB = b.id;
    const xincheng = (await organByCode("150102")).id;

    // ---- letters (month S unless said)
    // L1 → market: served S+1, reported S+10 (on time), adequate, closed
    const l1 = await letter({ issuer: organId, recipient: market.id, recipientName: market.name, servedOn: day(1) });
    await submitReport(l1, day(10));
    await review(l1, day(11), true);
    await run(l1, { type: "CLOSE" }, { role: "reconsideration_staff", userId: staff.id }, at(day(12)));
    // L2 → market: served S+2, the 60 days run out (L5), reported late, inadequate, ordered (10 days) → overdue again
    const l2 = await letter({ issuer: organId, recipient: market.id, recipientName: market.name, servedOn: day(2) });
    const due2 = (await dueOf(l2, "opinion_letter_report")).dueDate;
    await run(l2, { type: "REPORT_PERIOD_EXPIRED" }, { system: true }, at(addCalendarDays(due2, 1)));
    await submitReport(l2, addCalendarDays(due2, 5));
    await review(l2, addCalendarDays(due2, 5), false);
    await run(l2, { type: "ORDER_TO_PERFORM", days: 10 }, { role: "office_head", userId: head.id }, at(addCalendarDays(due2, 6)));
    // L3 → market: served S+3, never reported (the scheduler has not run: its period still "running", past due)
    await letter({ issuer: organId, recipient: market.id, recipientName: market.name, servedOn: day(3) });
    // L4 → B: served S+4, a paper report recorded by staff at S+20 (no report row: the machine's event counts)
    const l4 = await letter({ issuer: organId, recipient: recipientB, recipientName: B_NAME, servedOn: day(4) });
    await submitReport(l4, day(20), false);
    // L9 → B: served S+5, never reported; after the 60 days an order gave 30 more days, still running today → not
    // overdue now (the order's period is the one due), neither on time nor late
    const l9 = await letter({ issuer: organId, recipient: recipientB, recipientName: B_NAME, servedOn: day(5) });
    const due9 = (await dueOf(l9, "opinion_letter_report")).dueDate;
    await run(l9, { type: "REPORT_PERIOD_EXPIRED" }, { system: true }, at(addCalendarDays(due9, 1)));
    await run(l9, { type: "ORDER_TO_PERFORM", days: 30 }, { role: "office_head", userId: head.id }, at(addCalendarDays(TODAY(), -1)));
    // L5 → market: served next month — not in month S
    await letter({ issuer: organId, recipient: market.id, recipientName: market.name, servedOn: day(40) });
    // L6 → B: a suggestion letter (Reg. Art. 57(2), no statutory period) — not an opinion letter
    await letter({ issuer: organId, recipient: recipientB, recipientName: B_NAME, servedOn: day(5), type: "suggestion" });
    // L7 → market, issued by 新城区人民政府: not the 呼和浩特 head's to count
    await letter({ issuer: xincheng, recipient: market.id, recipientName: market.name, servedOn: day(6) });
    // L8: a draft, never issued
    await letter({ issuer: organId, recipient: market.id, recipientName: market.name });

    // ---- decisions against the market regulator, served in month S
    // D1: redo, no period (60 days), reported S+20, verified → on time
    const d1 = await revokeAndRedo({ servedOn: day(1) });
    must(await reportPerformance({ user: agent, caseNumber: d1, fields: reportForm(await version(d1)), files: [], now: at(day(20)) }));
    must(await verifyPerformance({ user: staff, caseNumber: d1, version: await version(d1), now: at(day(21)) }));
    // D2: redo in 30 days, reported S+50 (after the due date), verified → late
    const d2 = await revokeAndRedo({ redoDays: 30, servedOn: day(2) });
    must(await reportPerformance({ user: agent, caseNumber: d2, fields: reportForm(await version(d2)), files: [], now: at(day(50)) }));
    must(await verifyPerformance({ user: staff, caseNumber: d2, version: await version(d2), now: at(day(51)) }));
    // D3: redo in 30 days, nothing reported → not performed
    await revokeAndRedo({ redoDays: 30, servedOn: day(3) });
    // D4: redo in 30 days, reported S+10, not yet assessed → neither
    const d4 = await revokeAndRedo({ redoDays: 30, servedOn: day(4) });
    must(await reportPerformance({ user: agent, caseNumber: d4, fields: reportForm(await version(d4)), files: [], now: at(day(10)) }));
  });

  const month = () => compliancePeriod({ unit: "month", month: S.slice(0, 7) }, TODAY());
  const byName = (report: ComplianceReport, name: string) => report.rows.find((r) => r.organName === name);
  const numbers = (r: ComplianceRow | undefined) => (r ? (({ organId: _i, organName: _n, ...rest }) => rest)(r) : undefined);

  it("counts each letter and decision once, by its own dates (hand-checked numerators over their denominators)", async () => {
    const report = await getCompliance({ user: head, period: month() });
    expect(report.period).toMatchObject({ from: S, to: month().to });
    // market: letters L1 L2 L3 (3); on time L1; late L2; overdue now L2 (the order's 10 days passed) and L3; inadequate L2.
    // decisions D1–D4 (4): on time D1; late D2; not performed D3; D4 awaits assessment.
    expect(numbers(byName(report, market.name))).toEqual({
      lettersIssued: 3,
      reportedOnTime: 1,
      reportedLate: 1,
      overdueNow: 2,
      inadequate: 1,
      obligations: 4,
      performedOnTime: 1,
      performedLate: 1,
      notPerformed: 1,
    });
    // B: L4 and L9 (2); L4 reported on time through the recorded paper report; L9 under an order still running; the
    // suggestion letter L6 is not counted
    expect(numbers(byName(report, B_NAME))).toEqual({
      lettersIssued: 2,
      reportedOnTime: 1,
      reportedLate: 0,
      overdueNow: 0,
      inadequate: 0,
      obligations: 0,
      performedOnTime: 0,
      performedLate: 0,
      notPerformed: 0,
    });
    expect(report.total).toMatchObject({ lettersIssued: 5, reportedOnTime: 2, reportedLate: 1, overdueNow: 2, inadequate: 1, obligations: 4 });
    expect(report.rows).toHaveLength(2);
  });

  it("counts only the user's organs: the 新城区 head sees its own letter, an admin of the region sees both", async () => {
    const theirs = await getCompliance({ user: outsider, period: month() });
    expect(theirs.rows.map((r) => [r.organName, r.lettersIssued, r.overdueNow, r.obligations])).toEqual([[market.name, 1, 1, 0]]);
    const all = await getCompliance({ user: admin, period: month() });
    expect(byName(all, market.name)).toMatchObject({ lettersIssued: 4, overdueNow: 3, obligations: 4 });
    // a year holds the month; the letter L5 served the month after counts when it falls in the same year
    const year = await getCompliance({ user: head, period: compliancePeriod({ unit: "year", year: S.slice(0, 4) }, TODAY()) });
    const sameYear = day(40).slice(0, 4) === S.slice(0, 4);
    expect(byName(year, market.name)).toMatchObject({ lettersIssued: 3 + (sameYear ? 1 : 0) });
    // staff of the office, agents and citizens have no compliance view
    for (const user of [staff, agent, citizen]) {
      const r = await outcome(() => complianceRoute.loader({ request: sessions.request(user, "http://localhost/staff/compliance"), params: {}, context } as never));
      expect(r.status).toBe(403);
    }
  });

  it("the page shows the shares, and the CSV is UTF-8 with a BOM, a header row and quoted fields", async () => {
    const q = `unit=month&month=${S.slice(0, 7)}`;
    const page = await outcome(() => complianceRoute.loader({ request: sessions.request(head, `http://localhost/staff/compliance?${q}`), params: {}, context } as never));
    expect(page.status).toBe(200);
    expect(byName(page.data!.report as ComplianceReport, market.name)).toMatchObject({ lettersIssued: 3, reportedOnTime: 1 });

    const bad = await outcome(() => complianceRoute.loader({ request: sessions.request(head, "http://localhost/staff/compliance?unit=month&month=2026-13"), params: {}, context } as never));
    expect(bad.status).toBe(400);

    const response = (await complianceRoute.loader({ request: sessions.request(head, `http://localhost/staff/compliance/csv?${q}&format=csv`), params: {}, context } as never)) as Response;
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="compliance-${S.slice(0, 7)}.csv"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte-order mark Excel needs
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.slice(1).split("\r\n").slice(0, -1);
    expect(lines[0]).toBe(
      "收文机关（被申请人）,统计期间,送达意见书,按期报告,逾期报告,目前逾期未报告,整改不到位,须履行的决定书、调解书,按期履行,逾期履行,未履行",
    );
    const key = S.slice(0, 7);
    expect(lines).toContain(`${market.name},${key},3,1,1,2,1,4,1,1,1`);
    // a name with a comma and quotes is one quoted field, its quotes doubled (RFC 4180)
    expect(lines).toContain(`"测试局,""第一""分局",${key},2,1,0,0,0,0,0,0,0`);
    expect(lines.at(-1)).toBe(`合计,${key},5,2,1,2,1,4,1,1,1`);
    expect(lines).toHaveLength(4);
  });
});
