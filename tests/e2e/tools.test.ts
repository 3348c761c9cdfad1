// The public "我还来得及申请行政复议吗？" page (Art. 20) and the deadlines API, in Chromium: with and without JavaScript,
// on a phone, with the "这个日期是怎么算的" explanation, and an axe check.
import { describe, expect, it } from "vitest";
import { auditPage, baseUrl, chromiumAvailable, heading, useBrowser, visit, zhCN } from "./support";

describe.skipIf(!chromiumAvailable)("application-deadline page", () => {
  const browser = useBrowser();

  it("computes the last day to apply for an informed applicant: 60 days from 2026-08-07 is 2026-10-06, rolled past National Day to 10-08", async () => {
    const { page } = browser.current;
    await visit(page, "/tools/application-deadline");
    await heading(page, zhCN["tools.deadline.heading"]).waitFor();
    await page.getByLabel(zhCN["tools.deadline.learnedOn"], { exact: true }).fill("2026-08-07");
    await page.getByLabel(zhCN["tools.deadline.informedYes"], { exact: true }).check();
    await page.getByRole("button", { name: zhCN["tools.deadline.submit"], exact: true }).click();
    await page.getByRole("heading", { name: zhCN["tools.deadline.resultHeading"] }).waitFor();
    await page.getByText("2026年10月8日", { exact: false }).first().waitFor();
    await page.getByText("这个日期是怎么算的").first().click();
    await page.getByText(/国庆/).first().waitFor();
    await auditPage(page, "tools-deadline-result");
  });

  it("says clearly what is wrong with a missing date, and answers 400", async () => {
    const { page } = browser.current;
    const status = await visit(page, "/tools/application-deadline?learnedOn=&informed=yes");
    expect(status).toBe(400);
    await page.getByText(zhCN["tools.deadline.errorSummary"]).first().waitFor();
    await auditPage(page, "tools-deadline-error");
  });

  it("the API answers any period and refuses bad input with 400 and a message", async () => {
    const ok = await fetch(`${baseUrl}/api/v1/deadlines?period=acceptance_review&from=2026-09-28`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ period: "acceptance_review", due: "2026-10-10", unit: "working_day", length: 5, provisional: false });
    for (const q of ["period=nope&from=2026-01-01", "period=decision&from=2026-02-30", "period=decision", ""]) {
      const bad = await fetch(`${baseUrl}/api/v1/deadlines?${q}`);
      expect(bad.status, q).toBe(400);
      expect((await bad.json()).error, q).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe.skipIf(!chromiumAvailable)("application-deadline page without JavaScript", () => {
  const browser = useBrowser({ javaScriptEnabled: false });
  it("the GET form works with JavaScript off", async () => {
    const { page } = browser.current;
    await visit(page, "/tools/application-deadline");
    await page.getByLabel(zhCN["tools.deadline.learnedOn"], { exact: true }).fill("2026-08-07");
    await page.getByLabel(zhCN["tools.deadline.informedYes"], { exact: true }).check();
    await page.getByRole("button", { name: zhCN["tools.deadline.submit"], exact: true }).click();
    await page.getByText("2026年10月8日", { exact: false }).first().waitFor();
  });
});
