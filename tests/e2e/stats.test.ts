// /stats in Chromium as an office head would use it (issue 7 req. 2): the page after the other journeys have filed
// and decided cases of 呼和浩特市人民政府, the correction rate with its definition, a chart with its table, the CSV of a
// table, and the audit (axe at 360 and 1280 px, no sideways scroll at 360 px, screenshots).
import { describe, expect, it } from "vitest";
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
});
