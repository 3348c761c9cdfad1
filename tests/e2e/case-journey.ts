// The steps every browser journey through a reconsideration case shares (case-handling.test.ts,
// committee-letters.test.ts): one browser per person for the whole journey, form helpers that fail with what the page
// says rather than a bare timeout, the audit with a desktop screenshot, and the first steps of a case — a citizen files
// online against 呼和浩特市市场监督管理局, the center clerk routes it, staff find it in the queue, accept it under the
// ordinary procedure, send the copy to the respondent, whose agent replies, and record the hearing of views. Elements are found by the Chinese texts of app/locales.
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { residentIdCheckDigit } from "~/domain/identity";
import {
  auditPage,
  type Browser,
  DESKTOP,
  heading,
  loginStaff,
  openBrowser,
  register,
  rememberCookies,
  rememberSecret,
  runsScripts,
  screenshot,
  visit,
  zhCN,
} from "./support";

export const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
export const RESPONDENT = "呼和浩特市市场监督管理局";

export const staffCasePath = (caseNumber: string, suffix = "") => `/staff/cases/${encodeURIComponent(caseNumber)}${suffix}`;

/** A valid resident ID number: born 1985-06-12 in 呼和浩特市新城区, a random even sequence number (even → female). */
export function newIdNumber(): string {
  const sequence = String(Math.floor(Math.random() * 450) * 2 + 100).padStart(3, "0");
  const first17 = `15010219850612${sequence}`;
  return `${first17}${residentIdCheckDigit(first17)}`;
}

/**
 * One browser per person, each logged in once and kept for the whole journey (`viewports`: the people and their
 * viewport). After each test the console errors, page errors and off-site requests of every browser fail the test.
 * Call inside a describe block; returns the page of a person.
 */
export function useJourneyBrowsers<K extends string>(viewports: Record<K, { width: number; height: number }>): (who: K) => Page {
  const browsers = new Map<K, Browser>();
  beforeAll(async () => {
    for (const who of Object.keys(viewports) as K[]) browsers.set(who, await openBrowser({ viewport: viewports[who] }));
  });
  afterEach(async () => {
    const problems: string[] = [];
    for (const [who, b] of browsers) {
      await rememberCookies(b.context);
      problems.push(...b.problems.map((p) => `${who}: ${p}`), ...b.blocked.map((u) => `${who}: blocked request to ${u}`));
      b.problems.length = 0;
      b.blocked.length = 0;
    }
    if (problems.length) throw new Error(`The pages logged errors:\n  ${problems.join("\n  ")}`);
  });
  afterAll(async () => {
    for (const b of browsers.values()) await b.close();
  });
  return (who) => {
    const b = browsers.get(who);
    if (!b) throw new Error(`no browser for ${who}`);
    return b.page;
  };
}

export async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
}

/** Clicks a submit button and waits until the page URL changes (a post → redirect → new page). */
export async function clickAndGo(page: Page, name: string) {
  const before = page.url();
  await page.getByRole("button", { name, exact: true }).first().click();
  await page.waitForURL((u) => u.href !== before);
  await settle(page);
}

/** The messages of the refused form on the page (error alerts and field errors). */
export async function refusalText(page: Page): Promise<string> {
  return (await page.locator(".alert--error, .field__error").allInnerTexts()).map((s) => s.trim()).join(" | ");
}

/**
 * Posts a command form by its button and waits for the success text; a refusal (error alert or field error) fails
 * with what the page says, not with a bare timeout.
 */
export async function submit(page: Page, button: string, done: string) {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: button, exact: true }) });
  await form.getByRole("button", { name: button, exact: true }).click();
  const ok = page.getByText(done, { exact: true }).first();
  const bad = page.locator(".alert--error, .field__error").first();
  await ok.or(bad).first().waitFor();
  if (!(await ok.isVisible())) throw new Error(`"${button}" was refused on ${page.url()}: ${await refusalText(page)}`);
  await settle(page);
}

export const group = (page: Page, legend: string) => page.getByRole("group", { name: legend, exact: true });

/** The audit of a page (axe at both widths, overflow and screenshot at 360 px) and a desktop screenshot. */
export async function audit(page: Page, name: string) {
  await auditPage(page, name);
  const before = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(before);
}

// ---------------------------------------------------------------------------------------------------------------
// Filing (the steps of filing.test.ts, without the audits: filing.test.ts audits those pages)

async function fillApplicant(page: Page, applicant: { phone: string; idNumber: string }) {
  const id = applicant.idNumber;
  await group(page, zhCN["apply.f.sex"]).getByLabel(zhCN["apply.sex.female"], { exact: true }).check();
  await page.getByLabel(zhCN["apply.f.birthDate"]).fill(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
  await page.getByLabel(zhCN["apply.f.idNumber"], { exact: true }).fill(id);
  await page.getByLabel(zhCN["apply.f.address"]).fill("呼和浩特市回民区示例街2号");
  await page.getByLabel(zhCN["apply.f.phone"]).fill(applicant.phone);
}

/** The act step: the respondent (searched and chosen unless `search` is false: already chosen) and the act. */
export async function fillAct(page: Page, opts: { search: boolean } = { search: true }) {
  if (opts.search) {
    await page.getByLabel(zhCN["apply.act.search"]).fill("呼和浩特市市场监督");
    await clickAndGo(page, zhCN["apply.act.searchButton"]);
    await page.getByLabel(RESPONDENT, { exact: true }).check();
  }
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

async function fileApplication(page: Page, applicant: { phone: string; idNumber: string }) {
  await visit(page, "/apply/reconsideration");
  await clickAndGo(page, zhCN["apply.start"]);
  await expect.poll(() => page.url()).toMatch(/\/applicants$/);
  await fillApplicant(page, applicant);
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

/**
 * A new citizen registers and files online against the market regulator, consenting to electronic service; the
 * password, phone and ID number are recorded for the log scan. Returns the case number of the receipt.
 */
export async function registerAndFile(page: Page, citizen: { displayName: string; phone: string; password: string }, idNumber: string): Promise<string> {
  rememberSecret("phone", citizen.phone);
  rememberSecret("password", citizen.password);
  rememberSecret("id-number", idNumber);
  await register(page, citizen);
  await fileApplication(page, { phone: citizen.phone, idNumber });
  const caseNumber = decodeURIComponent(page.url().match(/\/my\/cases\/([^/]+)\/receipt$/)![1]!);
  await heading(page, zhCN["receipt.heading.reconsideration"]).waitFor();
  return caseNumber;
}

// ---------------------------------------------------------------------------------------------------------------
// The first steps of the office

/**
 * The center clerk logs in, opens the item on /center and confirms the suggested routing (the organ of the
 * 呼和浩特市人民政府: the respondent is one of its departments); the item leaves the intake queue. `audits`: names for
 * the audits of the list and the item page.
 */
export async function routeAtCenter(page: Page, login: string, caseNumber: string, audits?: { list: string; item: string }) {
  await loginStaff(page, login);
  await visit(page, "/center");
  await heading(page, zhCN["center.heading"]).waitFor();
  const link = page.getByRole("link", { name: caseNumber, exact: true });
  await link.waitFor();
  if (audits) await audit(page, audits.list);
  await link.click();
  await page.waitForURL(/\/center\/items\//);
  await settle(page);
  await page.getByRole("heading", { name: zhCN["center.suggestion.heading"], exact: true }).waitFor();
  await page.getByText("呼和浩特市人民政府").first().waitFor();
  if (audits) await audit(page, audits.item);
  await page.getByRole("button", { name: zhCN["center.confirm.submit"], exact: true }).click();
  await page.waitForURL(/\/center\?done=routed$/);
  await page.getByText(zhCN["center.done.routed"], { exact: true }).waitFor();
  expect(await page.getByRole("link", { name: caseNumber, exact: true }).count()).toBe(0);
}

/** Staff log in, find the case in /staff/queue by its number and open it. `audits`: names for the queue and the case page. */
export async function openFromQueue(page: Page, login: string, caseNumber: string, audits?: { queue: string; case: string }) {
  await loginStaff(page, login);
  await visit(page, "/staff/queue");
  await heading(page, zhCN["queue.heading"]).waitFor();
  await page.getByLabel(zhCN["queue.f.q"], { exact: true }).fill(caseNumber);
  await clickAndGo(page, zhCN["queue.apply"]);
  const link = page.getByRole("link", { name: caseNumber, exact: true });
  await link.waitFor();
  if (audits) await audit(page, audits.queue);
  // the queue's rows are plain links that navigate within the app (components/client-nav.tsx): with JavaScript the
  // window survives the click, a document load would have replaced it
  const marker = "__openedFromQueue";
  await page.evaluate((m) => Object.assign(window, { [m]: true }), marker);
  await link.click();
  await page.waitForURL((u) => u.pathname === staffCasePath(caseNumber));
  await settle(page);
  if (runsScripts(page)) expect(await page.evaluate((m) => (window as unknown as Record<string, unknown>)[m] === true, marker)).toBe(true);
  await heading(page, zhCN["staff.case.heading"].replace("{caseNumber}", caseNumber)).waitFor();
  if (audits) await audit(page, audits.case);
}

/** Staff accept the application under the ordinary procedure; the acceptance notice is issued. */
export async function acceptOrdinary(page: Page, caseNumber: string) {
  await visit(page, staffCasePath(caseNumber));
  await group(page, zhCN["staff.accept.procedure"]).getByLabel(zhCN["staff.accept.ordinary"], { exact: true }).check();
  await submit(page, zhCN["staff.accept.submit"], zhCN["staff.case.done.accept"]);
  await page.getByText(zhCN["cases.doc.acceptance_notice"]).first().waitFor();
}

/** Staff send the application copy to the respondent on the procedure page (its reply period starts). */
export async function serveCopy(page: Page, caseNumber: string, auditAs?: string) {
  await visit(page, staffCasePath(caseNumber, "/procedure"));
  if (auditAs) await audit(page, auditAs);
  await submit(page, zhCN["procedure.serve_copy.submit"], zhCN["procedure.done.serve_copy"]);
}

/**
 * The respondent's agent (logged in) opens the case from /agency and files the reply with its legal basis and one
 * evidence file; the case goes to review. `audits`: names for the audits of /agency and the case page.
 */
export async function fileReply(page: Page, caseNumber: string, audits?: { list: string; case: string }) {
  await visit(page, "/agency");
  const link = page.getByRole("link", { name: caseNumber, exact: true });
  await link.waitFor();
  if (audits) await audit(page, audits.list);
  await link.click();
  await page.waitForURL((u) => u.pathname === `/agency/cases/${encodeURIComponent(caseNumber)}`);
  await settle(page);
  await page.getByRole("heading", { name: zhCN["agency.form.heading"], exact: true }).waitFor();
  if (audits) await audit(page, audits.case);
  await page.getByLabel(zhCN["agency.form.reply"], { exact: true }).fill("被申请人作出的行政处罚事实清楚，证据确凿，程序合法，请求维持。");
  await page.getByLabel(zhCN["agency.form.legalBasis"], { exact: true }).fill("《中华人民共和国行政处罚法》第二十八条\n《中华人民共和国消费者权益保护法》第五十六条");
  await page.getByLabel(zhCN["agency.form.evidenceDescription"].replace("{n}", "1"), { exact: true }).fill("现场检查笔录，证明违法事实");
  await page.getByLabel(zhCN["agency.form.evidenceFile"].replace("{n}", "1"), { exact: true }).setInputFiles({ name: "检查笔录.pdf", mimeType: "application/pdf", buffer: PDF });
  await group(page, zhCN["agency.form.submitted"]).getByLabel(zhCN["agency.form.submitted.yes"], { exact: true }).check();
  await submit(page, zhCN["agency.form.submit"], zhCN["agency.done.filed"]);
  await page.getByText("现场检查笔录，证明违法事实").first().waitFor();
}

/** Staff record the hearing of views (by phone, no willingness to mediate) on the procedure page (Art. 49). */
export async function recordViewsHeard(page: Page, caseNumber: string, note: string) {
  await visit(page, staffCasePath(caseNumber, "/procedure"));
  await group(page, zhCN["procedure.views_heard.mode"]).getByLabel(zhCN["procedure.mode.phone"], { exact: true }).check();
  await group(page, zhCN["procedure.views_heard.mediate"]).getByLabel(zhCN["procedure.mediate.no"], { exact: true }).check();
  await page.getByLabel(zhCN["procedure.views_heard.note"], { exact: true }).fill(note);
  await submit(page, zhCN["procedure.views_heard.submit"], zhCN["procedure.done.views_heard"]);
}

// ---------------------------------------------------------------------------------------------------------------
// The decision (staff.cases.$caseNumber_.decision.tsx)

export interface DecisionDraft {
  type: "uphold" | "revoke" | "vary" | "confirm_illegal";
  facts: string;
  reasoning: string;
  result: string;
}

/** Staff start drafting the decision (the case leaves the review: views heard, committee opinion in when required). */
export async function startDrafting(page: Page, caseNumber: string) {
  await visit(page, staffCasePath(caseNumber, "/decision"));
  await submit(page, zhCN["decision.start.submit"], zhCN["decision.done.start_drafting"]);
}

/** Fills the draft form of the decision page (the caller submits it: `submit(page, decision.submit.submit, …)`). */
export async function fillDecisionDraft(page: Page, draft: DecisionDraft) {
  await page.getByLabel(zhCN["decision.type"], { exact: true }).selectOption(draft.type);
  await page.getByLabel(zhCN["decision.facts"], { exact: true }).fill(draft.facts);
  await page.getByLabel(zhCN["decision.reasoning"], { exact: true }).fill(draft.reasoning);
  await page.getByLabel(zhCN["decision.result"], { exact: true }).fill(draft.result);
}

/** The office head approves the submitted draft (organ head's consent); `auditAs`: audit the page before approving. */
export async function approveDecision(page: Page, caseNumber: string, auditAs?: string) {
  await visit(page, staffCasePath(caseNumber, "/decision"));
  await group(page, zhCN["decision.approvedBy"]).getByLabel(zhCN["decision.approvedBy.organ_head"], { exact: true }).check();
  if (auditAs) await audit(page, auditAs);
  await submit(page, zhCN["decision.approve.submit"], zhCN["decision.done.approve"]);
}

/**
 * A signed-in citizen requests administrative mediation of a consumer dispute at the 呼和浩特 center (/apply/mediation)
 * and lands on the receipt; returns the request's number.
 */
export async function requestMediation(p: Page, request: { otherPartyName: string; otherPartyContact?: string; happened: string; wantedOutcome: string }): Promise<string> {
  await visit(p, "/apply/mediation?category=consumer_rights");
  await p.locator("select[name=divisionCode]").selectOption("150100");
  await p.locator("input[name=otherPartyName]").fill(request.otherPartyName);
  await p.locator("input[name=otherPartyKind][value=organisation]").check();
  if (request.otherPartyContact) await p.locator("input[name=otherPartyContact]").fill(request.otherPartyContact);
  await p.locator("textarea[name=happened]").fill(request.happened);
  await p.locator("textarea[name=wantedOutcome]").fill(request.wantedOutcome);
  await p.locator("input[name=consent]").check();
  await p.locator("input[name=electronicServiceConsent][value=yes]").check();
  await p.locator("main form button[type=submit]").last().click();
  await p.waitForURL(/\/my\/cases\/TJ\d{4}-150100-CENTER-\d{5}\/receipt$/);
  return decodeURIComponent(p.url().split("/my/cases/")[1].split("/")[0]);
}

/** The center clerk opens the item and confirms the rules' suggestion (administrative mediation at `organ`). */
export async function routeAsSuggestedAtCenter(c: Page, clerkEmail: string, caseNumber: string, organ: string): Promise<void> {
  await loginStaff(c, clerkEmail);
  await visit(c, "/center");
  await c.getByRole("link", { name: caseNumber, exact: true }).click();
  await c.waitForURL(/\/center\/items\//);
  await settle(c);
  await c.getByText(organ).first().waitFor();
  await c.getByRole("button", { name: zhCN["center.confirm.submit"], exact: true }).click();
  await c.waitForURL(/\/center\?done=routed$/);
}
