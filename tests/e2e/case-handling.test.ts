// (h) Issue 5 req. 10: the whole path of a reconsideration case through the portal, every step in the UI.
// A citizen files online against 呼和浩特市市场监督管理局 (electronic service consented) → the center clerk confirms the
// suggested routing on /center → staff find it in /staff/queue and issue a supplement notice → the citizen answers →
// staff accept (ordinary procedure) → copy to the respondent → the respondent agent replies with legal basis and an
// evidence file in /agency → staff record the hearing of views → the office head approves an extension → staff draft
// the decision (维持), the head approves it, staff serve it electronically → the citizen opens it → the 送达回证 on the
// staff's document page shows the first-opened time.
// Every staff page gets the audit (axe at 360 and 1280 px, no sideways scroll at 360 px, screenshot) and a desktop
// screenshot too (tests/.tmp/screenshots/ch-*.png). Elements are found by the Chinese texts of app/locales, so a wrong
// UI text fails the test.
// Accounts: a newly registered citizen; clerk@, staff2@ (staff1@ is kept for staff.test.ts's first login), head@ and
// agent@ (no second factor). loginStaff enrols TOTP at the first login or enters a fresh code later, in any file order.
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { residentIdCheckDigit } from "~/domain/identity";
import {
  auditPage,
  type Browser,
  chromiumAvailable,
  DEMO_PASSWORD,
  DESKTOP,
  heading,
  login,
  loginStaff,
  MOBILE,
  newCitizen,
  openBrowser,
  register,
  rememberCookies,
  rememberSecret,
  screenshot,
  visit,
  zhCN,
} from "./support";

const citizen = newCitizen("复议申请人");
const idNumber = (() => {
  // born 1985-06-12, a random even sequence number (even → female)
  const sequence = String(Math.floor(Math.random() * 450) * 2 + 100).padStart(3, "0");
  const first17 = `15010219850612${sequence}`;
  return `${first17}${residentIdCheckDigit(first17)}`;
})();
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const CLERK = "clerk@demo.nmg.example";
const STAFF = "staff2@demo.nmg.example";
const HEAD = "head@demo.nmg.example";
const AGENT = "agent@demo.nmg.example";
const RESPONDENT = "呼和浩特市市场监督管理局";

let caseNumber = "";
let decisionDocumentId = "";
const casePath = (suffix = "") => `/staff/cases/${encodeURIComponent(caseNumber)}${suffix}`;
const myCasePath = () => `/my/cases/${encodeURIComponent(caseNumber)}`;

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
}

/** Clicks a submit button and waits until the page URL changes (a post → redirect → new page). */
async function clickAndGo(page: Page, name: string) {
  const before = page.url();
  await page.getByRole("button", { name, exact: true }).first().click();
  await page.waitForURL((u) => u.href !== before);
  await settle(page);
}

/**
 * Posts a command form by its button and waits for the success text; a refusal (error alert or field error) fails
 * with what the page says, not with a bare timeout.
 */
async function submit(page: Page, button: string, done: string) {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: button, exact: true }) });
  await form.getByRole("button", { name: button, exact: true }).click();
  const ok = page.getByText(done, { exact: true }).first();
  const bad = page.locator(".alert--error, .field__error").first();
  await ok.or(bad).first().waitFor();
  if (!(await ok.isVisible())) {
    const errors = await page.locator(".alert--error, .field__error").allInnerTexts();
    throw new Error(`"${button}" was refused on ${page.url()}: ${errors.join(" | ")}`);
  }
  await settle(page);
}

const group = (page: Page, legend: string) => page.getByRole("group", { name: legend, exact: true });

/** The audit of a page (axe at both widths, overflow and screenshot at 360 px) and a desktop screenshot. */
async function audit(page: Page, name: string) {
  await auditPage(page, name);
  const before = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(before);
}

// ---------------------------------------------------------------------------------------------------------------
// The filing steps of filing.test.ts (without the audits: filing.test.ts audits those pages)

async function fillApplicant(page: Page) {
  await group(page, zhCN["apply.f.sex"]).getByLabel(zhCN["apply.sex.female"], { exact: true }).check();
  await page.getByLabel(zhCN["apply.f.birthDate"]).fill(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`);
  await page.getByLabel(zhCN["apply.f.idNumber"], { exact: true }).fill(idNumber);
  await page.getByLabel(zhCN["apply.f.address"]).fill("呼和浩特市回民区示例街2号");
  await page.getByLabel(zhCN["apply.f.phone"]).fill(citizen.phone);
}

async function fillAct(page: Page) {
  await page.getByLabel(zhCN["apply.act.search"]).fill("呼和浩特市市场监督");
  await clickAndGo(page, zhCN["apply.act.searchButton"]);
  await page.getByLabel(RESPONDENT, { exact: true }).check();
  await page.getByLabel(zhCN["apply.f.actTitle"]).fill("行政处罚决定书");
  await page.getByLabel(zhCN["apply.f.actDocumentNumber"]).fill(`呼市监罚〔2026〕${Math.floor(Math.random() * 9000) + 1000}号`);
  await page.getByLabel(zhCN["apply.f.actKind"]).selectOption("penalty");
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await page.getByLabel(zhCN["apply.f.madeOn"]).fill(today);
  await page.getByLabel(zhCN["apply.f.learnedOn"], { exact: true }).fill(today);
  await group(page, zhCN["apply.f.informed"]).getByLabel(zhCN["apply.yes"], { exact: true }).check();
  await group(page, zhCN["apply.f.onTheSpotPenalty"]).getByLabel(zhCN["apply.no"], { exact: true }).check();
  await group(page, zhCN["apply.f.failureToAct"]).getByLabel(zhCN["apply.no"], { exact: true }).check();
  await group(page, zhCN["apply.f.normativeReview"]).getByLabel(zhCN["apply.no"], { exact: true }).check();
  await group(page, zhCN["apply.f.compensation"]).getByLabel(zhCN["apply.no"], { exact: true }).check();
}

async function fileApplication(page: Page) {
  await visit(page, "/apply/reconsideration");
  await clickAndGo(page, zhCN["apply.start"]);
  await expect.poll(() => page.url()).toMatch(/\/applicants$/);
  await fillApplicant(page);
  await clickAndGo(page, zhCN["apply.next"]);
  await clickAndGo(page, zhCN["apply.next"]); // no agent
  await fillAct(page);
  await clickAndGo(page, zhCN["apply.next"]);
  await page.getByLabel(zhCN["apply.f.requests"]).fill("撤销该行政处罚决定");
  await page.getByLabel(zhCN["apply.f.factsAndReasons"]).fill("被申请人认定事实不清，证据不足，处罚明显不当。");
  await group(page, zhCN["apply.f.suedInCourt"]).getByLabel(zhCN["apply.no"], { exact: true }).check();
  await clickAndGo(page, zhCN["apply.next"]);
  await page.getByLabel(zhCN["apply.f.evidenceDescription"]).fill("处罚决定书扫描件");
  await page.getByLabel(zhCN["apply.f.evidenceFile"]).setInputFiles({ name: "处罚决定书.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: zhCN["apply.evidence.upload"], exact: true }).click();
  await page.getByText("处罚决定书扫描件", { exact: true }).waitFor();
  await clickAndGo(page, zhCN["apply.next"]);
  await expect.poll(() => page.url()).toMatch(/\/review$/);
  await group(page, zhCN["apply.review.eService"]).getByLabel(zhCN["apply.yes"], { exact: true }).check();
  await page.getByLabel(zhCN["apply.review.declaration"], { exact: true }).check();
  await clickAndGo(page, zhCN["apply.review.submit"]);
  await expect.poll(() => page.url()).toMatch(/\/my\/cases\/FY\d{4}-150100-\d{5}\/receipt$/);
}

// ---------------------------------------------------------------------------------------------------------------

describe.skipIf(!chromiumAvailable)("a reconsideration case from the center queue to a served decision", () => {
  // one browser per person, each logged in once and kept for the whole journey
  const browsers: Record<"citizen" | "clerk" | "staff" | "head" | "agent", Browser | undefined> = {
    citizen: undefined,
    clerk: undefined,
    staff: undefined,
    head: undefined,
    agent: undefined,
  };
  const page = (who: keyof typeof browsers): Page => {
    const b = browsers[who];
    if (!b) throw new Error(`no browser for ${who}`);
    return b.page;
  };

  beforeAll(async () => {
    browsers.citizen = await openBrowser({ viewport: MOBILE });
    for (const who of ["clerk", "staff", "head", "agent"] as const) browsers[who] = await openBrowser({ viewport: DESKTOP });
  });
  afterEach(async () => {
    const problems: string[] = [];
    for (const [who, b] of Object.entries(browsers)) {
      if (!b) continue;
      await rememberCookies(b.context);
      problems.push(...b.problems.map((p) => `${who}: ${p}`), ...b.blocked.map((u) => `${who}: blocked request to ${u}`));
      b.problems.length = 0;
      b.blocked.length = 0;
    }
    if (problems.length) throw new Error(`The pages logged errors:\n  ${problems.join("\n  ")}`);
  });
  afterAll(async () => {
    for (const b of Object.values(browsers)) await b?.close();
  });

  it("1. a citizen files an application against the market regulator, consenting to electronic service", { timeout: 240_000 }, async () => {
    const p = page("citizen");
    rememberSecret("phone", citizen.phone);
    rememberSecret("password", citizen.password);
    rememberSecret("id-number", idNumber);
    await register(p, citizen);
    await fileApplication(p);
    caseNumber = decodeURIComponent(p.url().match(/\/my\/cases\/([^/]+)\/receipt$/)![1]!);
    await heading(p, zhCN["receipt.heading.reconsideration"]).waitFor();
  });

  it("2. the center clerk opens the item on /center and confirms the suggested routing", { timeout: 120_000 }, async () => {
    expect(caseNumber).not.toBe("");
    const p = page("clerk");
    await loginStaff(p, CLERK);
    await visit(p, "/center");
    await heading(p, zhCN["center.heading"]).waitFor();
    const link = p.getByRole("link", { name: caseNumber, exact: true });
    await link.waitFor();
    await audit(p, "ch-center");
    await link.click();
    await p.waitForURL(/\/center\/items\//);
    await settle(p);
    await p.getByRole("heading", { name: zhCN["center.suggestion.heading"], exact: true }).waitFor();
    // the rules suggest the organ of the 呼和浩特市人民政府 (the respondent is one of its departments)
    await p.getByText("呼和浩特市人民政府").first().waitFor();
    await audit(p, "ch-center-item");
    await p.getByRole("button", { name: zhCN["center.confirm.submit"], exact: true }).click();
    await p.waitForURL(/\/center\?done=routed$/);
    await p.getByText(zhCN["center.done.routed"], { exact: true }).waitFor();
    // the item has left the intake queue
    expect(await p.getByRole("link", { name: caseNumber, exact: true }).count()).toBe(0);
  });

  it("3. staff find the case in the queue by its number and issue a supplement notice", { timeout: 120_000 }, async () => {
    const p = page("staff");
    await loginStaff(p, STAFF);
    await visit(p, "/staff/queue");
    await heading(p, zhCN["queue.heading"]).waitFor();
    await p.getByLabel(zhCN["queue.f.q"], { exact: true }).fill(caseNumber);
    await clickAndGo(p, zhCN["queue.apply"]);
    const link = p.getByRole("link", { name: caseNumber, exact: true });
    await link.waitFor();
    await audit(p, "ch-queue");
    await link.click();
    await p.waitForURL((u) => u.pathname === casePath());
    await settle(p);
    await heading(p, zhCN["staff.case.heading"].replace("{caseNumber}", caseNumber)).waitFor();
    await audit(p, "ch-case");
    await group(p, zhCN["staff.supplement.checklist"]).getByRole("checkbox").first().check();
    await submit(p, zhCN["staff.supplement.submit"], zhCN["staff.case.done.supplement"]);
  });

  it("4. the citizen answers the supplement notice on /my/cases/:n", { timeout: 120_000 }, async () => {
    const p = page("citizen");
    await visit(p, myCasePath());
    await p.getByText(zhCN["cases.status.awaitingSupplement"]).first().waitFor();
    const form = p.locator("form").filter({ has: p.getByRole("button", { name: zhCN["cases.supplement.submit"] }) });
    await form.getByLabel(zhCN["cases.supplement.files"]).first().setInputFiles({ name: "补正材料.pdf", mimeType: "application/pdf", buffer: PDF });
    await form.getByLabel(zhCN["cases.supplement.note"]).first().fill("已补充相关材料");
    await clickAndGo(p, zhCN["cases.supplement.submit"]);
    await p.getByText(zhCN["cases.supplement.done"]).waitFor();
  });

  it("5. staff accept the application under the ordinary procedure", { timeout: 60_000 }, async () => {
    const p = page("staff");
    await visit(p, casePath());
    await group(p, zhCN["staff.accept.procedure"]).getByLabel(zhCN["staff.accept.ordinary"], { exact: true }).check();
    await submit(p, zhCN["staff.accept.submit"], zhCN["staff.case.done.accept"]);
    await p.getByText(zhCN["cases.doc.acceptance_notice"]).first().waitFor();
  });

  it("6. staff send the application copy to the respondent on the procedure page", { timeout: 60_000 }, async () => {
    const p = page("staff");
    await visit(p, casePath("/procedure"));
    await audit(p, "ch-procedure");
    await submit(p, zhCN["procedure.serve_copy.submit"], zhCN["procedure.done.serve_copy"]);
  });

  it("7. the respondent agent files the reply with legal basis and evidence in /agency", { timeout: 120_000 }, async () => {
    const p = page("agent");
    await login(p, AGENT, DEMO_PASSWORD);
    await visit(p, "/agency");
    const link = p.getByRole("link", { name: caseNumber, exact: true });
    await link.waitFor();
    await audit(p, "ch-agency");
    await link.click();
    await p.waitForURL((u) => u.pathname === `/agency/cases/${encodeURIComponent(caseNumber)}`);
    await settle(p);
    await p.getByRole("heading", { name: zhCN["agency.form.heading"], exact: true }).waitFor();
    await audit(p, "ch-agency-case");
    await p.getByLabel(zhCN["agency.form.reply"], { exact: true }).fill("被申请人作出的行政处罚事实清楚，证据确凿，程序合法，请求维持。");
    await p.getByLabel(zhCN["agency.form.legalBasis"], { exact: true }).fill("《中华人民共和国行政处罚法》第二十八条\n《中华人民共和国消费者权益保护法》第五十六条");
    await p.getByLabel(zhCN["agency.form.evidenceDescription"].replace("{n}", "1"), { exact: true }).fill("现场检查笔录，证明违法事实");
    await p.getByLabel(zhCN["agency.form.evidenceFile"].replace("{n}", "1"), { exact: true }).setInputFiles({ name: "检查笔录.pdf", mimeType: "application/pdf", buffer: PDF });
    await group(p, zhCN["agency.form.submitted"]).getByLabel(zhCN["agency.form.submitted.yes"], { exact: true }).check();
    await submit(p, zhCN["agency.form.submit"], zhCN["agency.done.filed"]);
    await p.getByText("现场检查笔录，证明违法事实").first().waitFor();
  });

  it("8. staff record the hearing of views (mode, willingness to mediate)", { timeout: 60_000 }, async () => {
    const p = page("staff");
    await visit(p, casePath("/procedure"));
    await group(p, zhCN["procedure.views_heard.mode"]).getByLabel(zhCN["procedure.mode.phone"], { exact: true }).check();
    await group(p, zhCN["procedure.views_heard.mediate"]).getByLabel(zhCN["procedure.mediate.no"], { exact: true }).check();
    await p.getByLabel(zhCN["procedure.views_heard.note"], { exact: true }).fill("电话听取申请人意见：坚持撤销请求，不同意调解。");
    await submit(p, zhCN["procedure.views_heard.submit"], zhCN["procedure.done.views_heard"]);
  });

  it("9. the office head approves an extension of the decision period", { timeout: 120_000 }, async () => {
    const p = page("head");
    await loginStaff(p, HEAD);
    await visit(p, casePath("/procedure"));
    await p.getByRole("heading", { name: zhCN["procedure.extend.heading"], exact: true }).waitFor();
    await p.getByLabel(zhCN["procedure.extend.days"], { exact: true }).fill("30");
    await p.getByLabel(zhCN["procedure.extend.reason"], { exact: true }).fill("案情复杂，需要进一步调查核实。");
    await submit(p, zhCN["procedure.extend.submit"], zhCN["procedure.done.extend"]);
    await audit(p, "ch-procedure-extended");
  });

  it("10. staff draft the decision (维持), the head approves it, staff serve it electronically", { timeout: 180_000 }, async () => {
    const s = page("staff");
    await visit(s, casePath("/decision"));
    await submit(s, zhCN["decision.start.submit"], zhCN["decision.done.start_drafting"]);
    await s.getByLabel(zhCN["decision.type"], { exact: true }).selectOption("uphold");
    await s.getByLabel(zhCN["decision.facts"], { exact: true }).fill("经审理查明，被申请人于现场检查中发现申请人销售不合格商品，事实有现场检查笔录为证。");
    await s.getByLabel(zhCN["decision.reasoning"], { exact: true }).fill("被申请人作出的行政处罚认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。");
    await s.getByLabel(zhCN["decision.result"], { exact: true }).fill("维持被申请人作出的行政处罚决定。");
    await audit(s, "ch-decision");
    await submit(s, zhCN["decision.submit.submit"], zhCN["decision.done.submit_draft"]);

    const h = page("head");
    await visit(h, casePath("/decision"));
    await group(h, zhCN["decision.approvedBy"]).getByLabel(zhCN["decision.approvedBy.organ_head"], { exact: true }).check();
    await audit(h, "ch-decision-approval");
    await submit(h, zhCN["decision.approve.submit"], zhCN["decision.done.approve"]);

    await visit(s, casePath("/decision"));
    await group(s, zhCN["decision.serve.method"]).getByLabel(zhCN["decision.serve.method.electronic"], { exact: true }).check();
    await submit(s, zhCN["decision.serve.submit"], zhCN["decision.done.serve"]);
    await audit(s, "ch-decision-served");
  });

  it("11. the citizen opens the decision; the staff's 送达回证 shows when it was first opened", { timeout: 120_000 }, async () => {
    const c = page("citizen");
    await visit(c, myCasePath());
    await c.getByRole("link", { name: zhCN["cases.doc.decision"], exact: true }).first().click();
    await c.waitForURL(/\/documents\//);
    await settle(c);
    decisionDocumentId = c.url().match(/\/documents\/([^/?#]+)/)![1]!;
    await c.getByText("维持被申请人作出的行政处罚决定。").first().waitFor();
    await screenshot(c, "ch-my-decision");
    await visit(c, myCasePath());
    await c.getByText(zhCN["cases.detail.docOpened"].split("{")[0]!).first().waitFor();

    const s = page("staff");
    await visit(s, casePath(`/documents/${decisionDocumentId}`));
    const receipt = s.locator(".doc-receipt");
    await receipt.getByRole("heading", { name: zhCN["documents.receipt.heading"], exact: true }).waitFor();
    const row = receipt.getByRole("row").filter({ hasText: zhCN["documents.method.electronic"] }).first();
    await row.waitFor();
    const header = await receipt.getByRole("columnheader").allInnerTexts();
    const openedColumn = header.findIndex((h) => h.trim() === zhCN["documents.receipt.firstOpenedAt"]);
    expect(openedColumn).toBeGreaterThanOrEqual(0);
    const opened = await row.getByRole("cell").nth(openedColumn).innerText();
    expect(opened.trim()).toMatch(/\d{4}\D\d{2}\D\d{2}.*\d{2}:\d{2}/);
    await audit(s, "ch-document");
  });
});
