// /stats in Chromium as an office head would use it (issue 7 req. 2): the page after the other journeys have filed
// and decided cases of 呼和浩特市人民政府, the correction rate with its definition, a chart with its table, the CSV of a
// table, and the audit (axe at 360 and 1280 px, no sideways scroll at 360 px, screenshots). Then the lawsuit register
// (出庭应诉登记): the head records an instance heard in court where the chief appeared, and /stats counts it.
import { describe, expect, it } from "vitest";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { auditPage, baseUrl, chromiumAvailable, heading, loginStaff, rememberCookies, useBrowser, visit, zhCN } from "./support";

describe.skipIf(!chromiumAvailable)("statistics page", () => {
  const browser = useBrowser();

  it("the office head sees the year's figures with the correction rate's definition, a chart beside its table, and a CSV", async () => {
    const { page, context } = browser.current;
    await loginStaff(page, "head@demo.nmg.example");
    await rememberCookies(context);
    await visit(page, "/stats");
    await heading(page, zhCN["stats.heading"]).waitFor();
    await page.getByText("纠错率").first().waitFor();
    await page.getByRole("img").first().waitFor();
    expect(await page.locator("table").count()).toBeGreaterThan(1);
    await auditPage(page, "stats");
    const csvLink = page.locator('a[href*="format=csv"]').first();
    const href = await csvLink.getAttribute("href");
    expect(href).toBeTruthy();
    const cookies = (await context.cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join("; ");
    const res = await fetch(new URL(href!, baseUrl), { headers: { cookie: cookies } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs (text() would strip it)
    expect(new TextDecoder().decode(bytes).split("\r\n").length).toBeGreaterThan(1);
  });

  it("the office head registers a lawsuit instance; the appearance rate on /stats counts it (14.04, 14.11)", async () => {
    const { page } = browser.current;
    const today = todayInShanghai(new Date());
    await loginStaff(page, "head@demo.nmg.example");
    await visit(page, "/workspace");
    await page.getByRole("link", { name: zhCN["court.title"] }).click();
    await heading(page, zhCN["court.heading"]).waitFor();
    await page.getByText(zhCN["court.none"]).waitFor();
    await page.getByLabel(zhCN["court.form.court"], { exact: true }).fill("呼和浩特市中级人民法院");
    await page.getByLabel(zhCN["court.form.lawsuitNumber"], { exact: true }).fill("（2026）内01行初88号");
    await page.getByLabel(zhCN["court.form.cause"], { exact: true }).fill("政府信息公开");
    await page.getByLabel(zhCN["court.form.registeredOn"], { exact: true }).fill(addCalendarDays(today, -20));
    // the first try leaves out who appeared by name: the form says what is missing, nothing is saved
    const first = page.getByRole("group", { name: "第 1 次开庭" });
    await first.getByLabel(zhCN["court.form.hearingOn"], { exact: true }).fill(addCalendarDays(today, -3));
    await first.getByLabel(zhCN["court.form.appeared"], { exact: true }).selectOption("chief");
    await page.getByRole("button", { name: zhCN["court.form.submit"] }).click();
    await page.getByText(zhCN["court.errors.appearedName"]).first().waitFor();
    await page.getByRole("group", { name: "第 1 次开庭" }).getByLabel(zhCN["court.form.appearedName"], { exact: true }).fill("刘某");
    await page.getByRole("button", { name: zhCN["court.form.submit"] }).click();
    await page.getByText(zhCN["court.done.saved"]).waitFor();
    await page.getByRole("cell", { name: zhCN["court.counts.head_appeared"] }).waitFor();
    // the form comes back empty for the next instance
    expect(await page.getByLabel(zhCN["court.form.lawsuitNumber"], { exact: true }).inputValue()).toBe("");
    await auditPage(page, "court-register");
    await visit(page, `/stats?unit=year&year=${today.slice(0, 4)}`);
    await page.getByText(`${zhCN["stats.metric.headAppearance"]}：100.0%`).waitFor();
  });
});
