// Issue 6 req. 11: a case through the reconsideration committee (《行政复议法》第五十二条) and an opinion letter
// (意见书, 第七十六条), every step in the UI.
// A citizen files against 呼和浩特市市场监督管理局 → the center clerk routes it → staff accept it (ordinary procedure) and
// send the copy, the respondent's agent replies (the case goes to review), staff record the hearing of views → staff refer it to the committee (ground: technical, two questions) → the office head
// approves the referral (the committee period starts) → staff choose member1 and member2 from the roster, send the
// masked materials and open the written round → each member declares no conflict, reads the masked file and answers:
// member1 agrees, member2 DISAGREES on question 2 with reasons and a separate opinion → the secretary closes the record,
// which keeps the dissent verbatim → staff draft the decision: submitting it is refused without the adoption record
// (第六十一条第三款) → staff record the adoption (部分采纳, with reasons) → the draft goes to approval and the head
// approves it → staff draft an opinion letter to the respondent, the head approves it, staff issue and serve it → the
// respondent's agent opens it in /agency and reports the rectification with a PDF → staff assess the report (adequate).
// Audited (tests/.tmp/screenshots/cl-*.png): the staff committee page, the secretary's consultation page, the member's
// /committee list and consultation page, the staff letter page and the agency letter page.
// Accounts: a newly registered citizen; clerk@, staff2@ (staff1@ is kept for staff.test.ts's first login), head@,
// member1@ and member2@ (TOTP enrolled at their first login by loginStaff), agent@ (no second factor).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, DEMO_PASSWORD, DESKTOP, heading, login, loginStaff, MOBILE, newCitizen, visit, zhCN } from "./support";
import {
  acceptOrdinary,
  approveDecision,
  audit,
  fileReply,
  fillDecisionDraft,
  group,
  newIdNumber,
  openFromQueue,
  PDF,
  recordViewsHeard,
  refusalText,
  registerAndFile,
  RESPONDENT,
  routeAtCenter,
  serveCopy,
  settle,
  staffCasePath,
  startDrafting,
  submit,
  type DecisionDraft,
  useJourneyBrowsers,
} from "./case-journey";

const citizen = newCitizen("咨询案申请人");
const idNumber = newIdNumber();
const CLERK = "clerk@demo.nmg.example";
const STAFF = "staff2@demo.nmg.example";
const HEAD = "head@demo.nmg.example";
const MEMBER1 = { login: "member1@demo.nmg.example", name: "赵振宇" };
const MEMBER2 = { login: "member2@demo.nmg.example", name: "乌云娜" };
const MEMBER3_NAME = "孙立新";
const AGENT = "agent@demo.nmg.example";

const QUESTIONS = [
  "被申请人认定的违法事实是否清楚，证据是否确实充分？",
  "罚款数额是否与违法行为的事实、性质、情节以及社会危害程度相当？",
];
const DISSENT_REASONING = "申请人系初次违法且危害后果轻微，依照《中华人民共和国行政处罚法》第三十二条应当从轻或者减轻处罚，现罚款数额明显偏重。";
const SEPARATE_OPINION = "建议行政复议机构向被申请人制发行政复议意见书，规范同类案件的罚款裁量基准。";
const ADOPTION_REASONS = "采纳关于事实认定的咨询意见。关于罚款幅度委员意见分歧，经审查处罚在法定幅度内，予以维持；裁量基准问题另行制发行政复议意见书。";
const DRAFT: DecisionDraft = {
  type: "uphold",
  facts: "经审理查明，被申请人在现场检查中发现申请人销售不合格商品，事实有现场检查笔录、抽样检验报告为证。",
  reasoning: "被申请人作出的行政处罚认定事实清楚，证据确凿，适用依据正确，程序合法，罚款在法定幅度以内。行政复议委员会咨询意见已经研究并部分采纳。",
  result: "维持被申请人作出的行政处罚决定。",
};
const ASSESSMENT_REASONS = "已修订裁量基准并组织培训，纠正到位。";
const REPORT = "本局已修订《行政处罚裁量基准》，对初次违法且危害后果轻微的情形明确从轻处罚标准，并组织执法人员培训。";

let caseNumber = "";
let consultationId = "";
let letterId = "";
const casePath = (suffix = "") => staffCasePath(caseNumber, suffix);

/** The section of a command form by its heading (CommandSection: <section aria-labelledby>). */
const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

/** The member opens the consultation from /committee (`auditList`: audit the list first) and declares no conflict. */
async function openAndDeclare(page: Page, auditList?: string) {
  await visit(page, "/committee");
  await heading(page, zhCN["member.heading"]).waitFor();
  const link = page.getByRole("link", { name: caseNumber, exact: true });
  await link.waitFor();
  if (auditList) await audit(page, auditList);
  await link.click();
  await page.waitForURL((u) => u.pathname === `/committee/${consultationId}`);
  await settle(page);
  await heading(page, zhCN["member.page.heading"].replace("{caseNumber}", caseNumber)).waitFor();
  // nothing of the file before the declaration
  expect(await page.getByRole("heading", { name: zhCN["member.digest"], exact: true }).count()).toBe(0);
  await group(page, zhCN["member.declare.legend"]).getByLabel(zhCN["member.declare.no_conflict"], { exact: true }).check();
  await page.getByLabel(zhCN["member.declare.confirm"], { exact: true }).check();
  await submit(page, zhCN["member.declare.submit"], zhCN["member.declare.done"]);
  // the masked file: the case's facts, no phone number and no ID number of the applicant
  await page.getByRole("heading", { name: zhCN["member.digest"], exact: true }).waitFor();
  await page.getByText(zhCN["member.digest.masked"], { exact: true }).waitFor();
  await page.getByText("被申请人认定事实不清，证据不足，处罚明显不当。").first().waitFor();
  const text = await page.locator("main").innerText();
  expect(text.includes(citizen.phone), "the applicant's phone number on the member's page").toBe(false);
  expect(text.includes(idNumber), "the applicant's ID number on the member's page").toBe(false);
}

/** The member's answer to one question (the fieldset "问题N" with its position radios and reasons). */
async function answer(page: Page, number: number, position: "agree" | "disagree", reasoning: string) {
  const q = group(page, zhCN["member.question"].replace("{number}", String(number)));
  await q.getByLabel(zhCN[`member.position.${position}`], { exact: true }).check();
  await q.getByLabel(zhCN["member.answer.reasoning"], { exact: true }).fill(reasoning);
}

describe.skipIf(!chromiumAvailable)("a case through the reconsideration committee, and an opinion letter to the respondent", () => {
  const page = useJourneyBrowsers({
    citizen: MOBILE,
    clerk: DESKTOP,
    staff: DESKTOP,
    head: DESKTOP,
    member1: DESKTOP,
    member2: DESKTOP,
    agent: DESKTOP,
  });

  it("1. a citizen files, the clerk routes, staff accept (ordinary procedure), the respondent replies, staff hear the views", { timeout: 300_000 }, async () => {
    caseNumber = await registerAndFile(page("citizen"), citizen, idNumber);
    await routeAtCenter(page("clerk"), CLERK, caseNumber);
    const s = page("staff");
    await openFromQueue(s, STAFF, caseNumber);
    await acceptOrdinary(s, caseNumber);
    await serveCopy(s, caseNumber);
    const a = page("agent");
    await login(a, AGENT, DEMO_PASSWORD);
    await fileReply(a, caseNumber);
    await recordViewsHeard(s, caseNumber, "电话听取申请人意见：请求撤销处罚，不同意调解。");
  });

  it("2. staff refer the case to the committee; the head approves the referral; staff choose member1 and member2", { timeout: 180_000 }, async () => {
    expect(caseNumber).not.toBe("");
    const s = page("staff");
    await visit(s, casePath("/committee"));
    await heading(s, zhCN["committee.case.heading"].replace("{caseNumber}", caseNumber)).waitFor();
    await audit(s, "cl-committee");
    const refer = section(s, zhCN["committee.refer.heading"]);
    await group(s, zhCN["committee.refer.grounds"]).getByLabel(zhCN["committee.ground.technical"], { exact: true }).check();
    for (const [i, text] of QUESTIONS.entries()) {
      await refer.getByLabel(zhCN["committee.refer.question"].replace("{n}", String(i + 1)), { exact: true }).fill(text);
    }
    await submit(s, zhCN["committee.refer.submit"], zhCN["committee.done.refer"]);
    await s.getByText(zhCN["committee.approve.waiting"], { exact: true }).waitFor();

    const h = page("head");
    await loginStaff(h, HEAD);
    await visit(h, casePath("/committee"));
    await submit(h, zhCN["committee.approve.submit"], zhCN["committee.done.approve"]);
    // the committee period: a due date, set on approval
    const due = h.locator("dt", { hasText: zhCN["committee.consultation.due"] }).locator("xpath=following-sibling::dd[1]");
    expect((await due.innerText()).trim()).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await visit(s, casePath("/committee"));
    const assign = section(s, zhCN["committee.assign.heading"]);
    const memberBox = (name: string) => assign.getByRole("checkbox", { name: new RegExp(name) });
    await memberBox(MEMBER1.name).check();
    await memberBox(MEMBER2.name).check();
    if (await memberBox(MEMBER3_NAME).isEnabled()) await memberBox(MEMBER3_NAME).uncheck();
    await submit(s, zhCN["committee.assign.submit"], zhCN["committee.done.assign"]);
    const seats = s.getByRole("heading", { name: zhCN["committee.seats.heading"], exact: true }).locator("xpath=following-sibling::ul[1]");
    await expect.poll(() => seats.innerText()).toContain(MEMBER1.name);
    expect(await seats.innerText()).toContain(MEMBER2.name);
    expect(await seats.innerText()).not.toContain(MEMBER3_NAME);
  });

  it("3. the secretary sends the masked materials and opens the written round", { timeout: 120_000 }, async () => {
    const s = page("staff");
    await visit(s, casePath("/committee"));
    await s.getByRole("link", { name: zhCN["committee.consultation.secretaryPage"], exact: true }).click();
    await s.waitForURL(/\/staff\/consultations\/[0-9a-f-]{36}$/);
    await settle(s);
    consultationId = s.url().match(/\/staff\/consultations\/([0-9a-f-]{36})$/)![1]!;
    await heading(s, zhCN["member.secretary.heading"].replace("{caseNumber}", caseNumber)).waitFor();
    await s.getByLabel(zhCN["member.send_materials.redacted"], { exact: true }).check();
    await submit(s, zhCN["member.send_materials.submit"], zhCN["member.done.send_materials"]);
    await submit(s, zhCN["member.start_written.submit"], zhCN["member.done.start_written"]);
  });

  it("4. member1 declares no conflict, reads the masked file and agrees", { timeout: 180_000 }, async () => {
    const m = page("member1");
    await loginStaff(m, MEMBER1.login);
    await openAndDeclare(m, "cl-member-list");
    await audit(m, "cl-member-consultation");
    await answer(m, 1, "agree", "现场检查笔录和抽样检验报告能够相互印证，违法事实清楚。");
    await answer(m, 2, "agree", "罚款数额在法定幅度以内，与违法情节基本相当。");
    await submit(m, zhCN["member.answer.submit"], zhCN["member.answer.done"]);
  });

  it("5. member2 declares no conflict and DISAGREES on question 2, with reasons and a separate opinion", { timeout: 180_000 }, async () => {
    const m = page("member2");
    await loginStaff(m, MEMBER2.login);
    await openAndDeclare(m);
    await answer(m, 1, "agree", "证据能够证明违法事实。");
    await answer(m, 2, "disagree", DISSENT_REASONING);
    await m.getByLabel(zhCN["member.answer.separate"], { exact: true }).fill(SEPARATE_OPINION);
    await submit(m, zhCN["member.answer.submit"], zhCN["member.answer.done"]);
  });

  it("6. the secretary closes the record; the dissent and the separate opinion are recorded verbatim", { timeout: 120_000 }, async () => {
    const s = page("staff");
    await visit(s, `/staff/consultations/${consultationId}`);
    await s.getByLabel(zhCN["member.close_record.summary"], { exact: true }).fill("委员会认为违法事实清楚、证据充分；对罚款幅度意见分歧。");
    await submit(s, zhCN["member.close_record.submit"], zhCN["member.done.close_record"]);
    const record = section(s, zhCN["member.record.heading"]);
    await record.waitFor();
    const dissent = record.getByRole("heading", { name: zhCN["member.record.dissent"], exact: true }).locator("xpath=following-sibling::ul[1]/li");
    const entries = (await dissent.allInnerTexts()).map((t) => t.trim());
    expect(entries.some((e) => e.includes(MEMBER2.name) && e.includes(zhCN["member.position.disagree"]) && e.endsWith(`：${DISSENT_REASONING}`)), entries.join("\n")).toBe(true);
    expect(entries.some((e) => e.includes(MEMBER2.name) && e.endsWith(`：${SEPARATE_OPINION}`)), entries.join("\n")).toBe(true);
    await audit(s, "cl-consultation");

    // the member sees the closed record too, and can no longer answer
    const m = page("member2");
    await visit(m, `/committee/${consultationId}`);
    await m.getByRole("heading", { name: zhCN["member.record.heading"], exact: true }).waitFor();
    expect(await m.getByRole("button", { name: zhCN["member.answer.submit"], exact: true }).count()).toBe(0);
  });

  it("7. the draft decision cannot go to approval without the adoption record; with it, the head approves", { timeout: 180_000 }, async () => {
    const s = page("staff");
    await startDrafting(s, caseNumber);
    await fillDecisionDraft(s, DRAFT);
    await s.getByRole("button", { name: zhCN["decision.submit.submit"], exact: true }).click();
    const refused = s.locator(".alert--error").first();
    const accepted = s.getByText(zhCN["decision.done.submit_draft"], { exact: true });
    await refused.or(accepted).first().waitFor();
    expect(await accepted.isVisible(), "the draft went to approval without the adoption record").toBe(false);
    expect(await refusalText(s)).toContain("采纳情况说明");

    await visit(s, casePath("/committee"));
    const adoption = section(s, zhCN["committee.adoption.heading"]);
    await group(s, zhCN["committee.adoption.outcome"]).getByLabel(zhCN["committee.adoption.partly_adopted"], { exact: true }).check();
    await adoption.getByLabel(zhCN["committee.adoption.reasons"], { exact: true }).fill(ADOPTION_REASONS);
    await submit(s, zhCN["committee.adoption.submit"], zhCN["committee.done.adoption"]);
    // the page keeps the opinion with the dissent verbatim, and the adoption record
    await s.getByRole("heading", { name: zhCN["committee.opinion.dissent"], exact: true }).waitFor();
    await s.getByText(DISSENT_REASONING, { exact: false }).first().waitFor();
    await s.getByText(ADOPTION_REASONS, { exact: true }).waitFor();
    await audit(s, "cl-committee-record");

    await visit(s, casePath("/decision"));
    await fillDecisionDraft(s, DRAFT);
    await submit(s, zhCN["decision.submit.submit"], zhCN["decision.done.submit_draft"]);
    await approveDecision(page("head"), caseNumber);
  });

  it("8. staff draft an opinion letter to the respondent; the head approves it; staff issue and serve it", { timeout: 180_000 }, async () => {
    const s = page("staff");
    await visit(s, casePath("/letters"));
    await heading(s, zhCN["letters.case.heading"].replace("{caseNumber}", caseNumber)).waitFor();
    await group(s, zhCN["letters.draft.type"]).getByLabel(zhCN["letters.draft.type.opinion"], { exact: true }).check();
    await s.getByLabel(zhCN["letters.draft.recipient"], { exact: true }).selectOption({ label: `${RESPONDENT}（${zhCN["letters.recipientKind.respondent"]}）` });
    await s.getByLabel(zhCN["letters.draft.findings"], { exact: true }).fill("被申请人对初次违法且危害后果轻微的情形未区分处罚幅度，罚款裁量基准不够明确。");
    await s.getByLabel(zhCN["letters.draft.rectification"], { exact: true }).fill("请修订行政处罚裁量基准，明确从轻、减轻处罚的适用情形，并对执法人员开展培训。");
    await s.getByLabel(zhCN["letters.draft.legalBasis"], { exact: true }).fill("《中华人民共和国行政复议法》第七十六条；《中华人民共和国行政处罚法》第三十二条");
    await submit(s, zhCN["letters.draft.submit"], zhCN["letters.done.drafted"]);
    letterId = s.url().match(/\/staff\/letters\/([0-9a-f-]{36})/)![1]!;

    const h = page("head");
    await visit(h, `/staff/letters/${letterId}`);
    await submit(h, zhCN["letters.approve.submit"], zhCN["letters.done.approve"]);

    await visit(s, `/staff/letters/${letterId}`);
    await submit(s, zhCN["letters.issue.submit"], zhCN["letters.done.issue"]);
    // numbered on issue (意…号) and served: the report period runs
    await expect.poll(() => s.getByRole("heading", { level: 1 }).innerText()).toMatch(new RegExp(`^${zhCN["letters.type.opinion"]} \\S+`));
    await s.getByText(zhCN["letters.state.ISSUED"]).or(s.getByText(zhCN["letters.state.COPIED"])).first().waitFor();
  });

  it("9. the respondent's agent opens the letter in /agency and reports the rectification with a PDF", { timeout: 120_000 }, async () => {
    const a = page("agent");
    await visit(a, "/agency");
    const letters = a.getByRole("region", { name: zhCN["letters.agency.section"], exact: true });
    await letters.getByRole("row").filter({ hasText: caseNumber }).getByRole("link").click();
    await a.waitForURL((u) => u.pathname === `/agency/letters/${letterId}`);
    await settle(a);
    await a.getByRole("heading", { name: zhCN["letters.report.heading"], exact: true }).waitFor();
    await audit(a, "cl-agency-letter");
    await a.getByLabel(zhCN["letters.report.summary"], { exact: true }).fill(REPORT);
    await a.getByLabel(zhCN["letters.report.fileDescription"].replace("{n}", "1"), { exact: true }).fill("修订后的行政处罚裁量基准");
    await a.getByLabel(zhCN["letters.report.file"].replace("{n}", "1"), { exact: true }).setInputFiles({ name: "裁量基准.pdf", mimeType: "application/pdf", buffer: PDF });
    await submit(a, zhCN["letters.report.submit"], zhCN["letters.done.reported"]);
    await a.getByText(REPORT, { exact: true }).waitFor();
    await a.getByRole("link", { name: "裁量基准.pdf", exact: true }).waitFor();
  });

  it("10. staff assess the report: rectified adequately, with reasons the agency sees too", { timeout: 120_000 }, async () => {
    const s = page("staff");
    await visit(s, `/staff/letters/${letterId}`);
    await s.getByText(REPORT, { exact: true }).waitFor();
    await group(s, zhCN["letters.review.adequate"]).getByLabel(zhCN["letters.review.adequate.yes"], { exact: true }).check();
    await s.getByLabel(zhCN["letters.review.reasons"], { exact: true }).fill(ASSESSMENT_REASONS);
    await submit(s, zhCN["letters.review.submit"], zhCN["letters.done.review"]);
    const assessed = zhCN["letters.reports.adequateReasons"].replace("{reasons}", ASSESSMENT_REASONS);
    await s.getByText(assessed).first().waitFor();
    await audit(s, "cl-letter");

    // the receiving organ sees the assessment with its reasons
    const a = page("agent");
    await visit(a, `/agency/letters/${letterId}`);
    await a.getByText(assessed, { exact: true }).waitFor();
  });
});
