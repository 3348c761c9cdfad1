// /admin in Chromium as the region's administrator would use it (issue 7 req. 4): the start page's links to every area,
// each admin page audited (axe at 360 and 1280 px, no sideways scroll at 360 px, screenshots), and one setting changed
// (a bad value first: the page says why and nothing changes), then put back.
import { describe, expect, it } from "vitest";
import { auditPage, chromiumAvailable, heading, loginStaff, rememberCookies, useBrowser, visit, zhCN } from "./support";

describe.skipIf(!chromiumAvailable)("administration", () => {
  const browser = useBrowser();

  it("the admin reaches every area from /admin, and each page passes the audit", async () => {
    const { page, context } = browser.current;
    await loginStaff(page, "admin@demo.nmg.example");
    await rememberCookies(context);
    await visit(page, "/workspace");
    await page.getByRole("link", { name: zhCN["admin.home.title"], exact: true }).click();
    await heading(page, zhCN["admin.home.heading"]).waitFor();
    await auditPage(page, "admin-home");
    const pages: [string, string, string][] = [
      [zhCN["admin.home.users"], zhCN["admin.users.heading"], "admin-users"],
      [zhCN["admin.home.committees"], zhCN["admin.committees.heading"], "admin-committees"],
      [zhCN["admin.home.calendar"], zhCN["admin.calendar.heading"], "admin-calendar"],
      [zhCN["admin.home.settings"], zhCN["admin.settings.heading"], "admin-settings"],
      [zhCN["admin.home.templates"], zhCN["admin.templates.heading"], "admin-templates"],
    ];
    for (const [link, title, name] of pages) {
      await visit(page, "/admin");
      await page.getByRole("link", { name: link, exact: true }).click();
      await heading(page, title).waitFor();
      await auditPage(page, name);
    }
    // one organ, the new-organ form, one user, the new-user form
    await visit(page, "/admin/organs?q=" + encodeURIComponent("呼和浩特市人民政府"));
    await page.getByRole("link", { name: "呼和浩特市人民政府", exact: true }).click();
    await heading(page, "呼和浩特市人民政府").waitFor();
    await auditPage(page, "admin-organ");
    await page.getByRole("link", { name: zhCN["admin.organ.addBelow"] }).click();
    await heading(page, zhCN["admin.organ.newHeading"]).waitFor();
    expect(await page.getByLabel(zhCN["admin.organ.parentCode"], { exact: true }).inputValue()).toBe("150100");
    await auditPage(page, "admin-organ-new");
    await visit(page, "/admin/users?q=staff1");
    await page.getByRole("table").getByRole("link").first().click();
    await page.getByRole("heading", { level: 2, name: zhCN["admin.user.profile"], exact: true }).waitFor();
    await auditPage(page, "admin-user");
    await visit(page, "/admin/users/new");
    await heading(page, zhCN["admin.users.newHeading"]).waitFor();
    await auditPage(page, "admin-user-new");
  }, 300_000);

  it("the admin changes a setting: a bad value is refused with a reason, a good one is saved and says how many deadlines moved", async () => {
    const { page } = browser.current;
    await loginStaff(page, "admin@demo.nmg.example");
    await visit(page, "/admin/settings");
    const card = page.locator("#setting-suggestionReplyDays");
    const field = card.getByLabel(zhCN["admin.settings.newValue"], { exact: true });
    expect(await field.inputValue()).toBe("60");
    await field.fill("400");
    await card.getByRole("button", { name: zhCN["admin.settings.save"] }).click();
    await card.getByText(zhCN["admin.errors.settingValue"]).waitFor();
    await visit(page, "/admin/settings");
    expect(await page.locator("#setting-suggestionReplyDays").getByLabel(zhCN["admin.settings.newValue"], { exact: true }).inputValue()).toBe("60");
    await page.locator("#setting-suggestionReplyDays").getByLabel(zhCN["admin.settings.newValue"], { exact: true }).fill("45");
    await page.locator("#setting-suggestionReplyDays").getByRole("button", { name: zhCN["admin.settings.save"] }).click();
    await page.getByRole("status").getByText(zhCN["admin.settings.changed"].replace("{key}", "suggestionReplyDays")).waitFor();
    expect(await page.locator("#setting-suggestionReplyDays").locator("dd strong").textContent()).toBe("45");
    // put it back for the journeys that follow
    await page.locator("#setting-suggestionReplyDays").getByLabel(zhCN["admin.settings.newValue"], { exact: true }).fill("60");
    await page.locator("#setting-suggestionReplyDays").getByRole("button", { name: zhCN["admin.settings.save"] }).click();
    await page.waitForURL(/changed=suggestionReplyDays/);
    await page.locator("#setting-suggestionReplyDays dd strong", { hasText: "60" }).waitFor();
  });
});
