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
import { describe, expect, it } from "vitest";
import { chromiumAvailable, DEMO_PASSWORD, DESKTOP, heading, login, loginStaff, MOBILE, newCitizen, screenshot, visit, zhCN } from "./support";
import {
  acceptOrdinary,
  approveDecision,
  audit,
  clickAndGo,
  fileReply,
  fillDecisionDraft,
  group,
  newIdNumber,
  openFromQueue,
  PDF,
  recordViewsHeard,
  registerAndFile,
  routeAtCenter,
  serveCopy,
  settle,
  staffCasePath,
  startDrafting,
  submit,
  useJourneyBrowsers,
} from "./case-journey";

const citizen = newCitizen("复议申请人");
const idNumber = newIdNumber();
const CLERK = "clerk@demo.nmg.example";
const STAFF = "staff2@demo.nmg.example";
const HEAD = "head@demo.nmg.example";
const AGENT = "agent@demo.nmg.example";

let caseNumber = "";
let decisionDocumentId = "";
const casePath = (suffix = "") => staffCasePath(caseNumber, suffix);
const myCasePath = () => `/my/cases/${encodeURIComponent(caseNumber)}`;

// ---------------------------------------------------------------------------------------------------------------

describe.skipIf(!chromiumAvailable)("a reconsideration case from the center queue to a served decision", () => {
  const page = useJourneyBrowsers({ citizen: MOBILE, clerk: DESKTOP, staff: DESKTOP, head: DESKTOP, agent: DESKTOP });

  it("1. a citizen files an application against the market regulator, consenting to electronic service", { timeout: 240_000 }, async () => {
    caseNumber = await registerAndFile(page("citizen"), citizen, idNumber);
  });

  it("2. the center clerk opens the item on /center and confirms the suggested routing", { timeout: 120_000 }, async () => {
    expect(caseNumber).not.toBe("");
    await routeAtCenter(page("clerk"), CLERK, caseNumber, { list: "ch-center", item: "ch-center-item" });
  });

  it("3. staff find the case in the queue by its number and issue a supplement notice", { timeout: 120_000 }, async () => {
    const p = page("staff");
    await openFromQueue(p, STAFF, caseNumber, { queue: "ch-queue", case: "ch-case" });
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
    await acceptOrdinary(page("staff"), caseNumber);
  });

  it("6. staff send the application copy to the respondent on the procedure page", { timeout: 60_000 }, async () => {
    await serveCopy(page("staff"), caseNumber, "ch-procedure");
  });

  it("7. the respondent agent files the reply with legal basis and evidence in /agency", { timeout: 120_000 }, async () => {
    const p = page("agent");
    await login(p, AGENT, DEMO_PASSWORD);
    await fileReply(p, caseNumber, { list: "ch-agency", case: "ch-agency-case" });
  });

  it("8. staff record the hearing of views (mode, willingness to mediate)", { timeout: 60_000 }, async () => {
    await recordViewsHeard(page("staff"), caseNumber, "电话听取申请人意见：坚持撤销请求，不同意调解。");
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
    await startDrafting(s, caseNumber);
    await fillDecisionDraft(s, {
      type: "uphold",
      facts: "经审理查明，被申请人于现场检查中发现申请人销售不合格商品，事实有现场检查笔录为证。",
      reasoning: "被申请人作出的行政处罚认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。",
      result: "维持被申请人作出的行政处罚决定。",
    });
    await audit(s, "ch-decision");
    await submit(s, zhCN["decision.submit.submit"], zhCN["decision.done.submit_draft"]);

    await approveDecision(page("head"), caseNumber, "ch-decision-approval");

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
