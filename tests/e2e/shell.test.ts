// (e) The app shell: the Chinese 404 page, /healthz, the language switch, login redirects of protected pages, the
// 403 page for a citizen, and the admin's organ list with its search.
import { describe, expect, it } from "vitest";
import {
  auditPage,
  chromiumAvailable,
  demoLogin,
  en,
  heading,
  loginStaff,
  logout,
  MOBILE,
  navLoginLink,
  newCitizen,
  register,
  url,
  useBrowser,
  visit,
  zhCN,
} from "./support";

describe.skipIf(!chromiumAvailable)("app shell", () => {
  const browser = useBrowser({ viewport: MOBILE });

  it("the home page", async () => {
    const { page } = browser.current;
    expect(await visit(page, "/")).toBe(200);
    await heading(page, zhCN["home.heading"]).waitFor();
    expect(await page.title()).toContain(zhCN["home.title"]);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await auditPage(page, "home");
  });

  it("an unknown path answers 404 with the Chinese not-found page", async () => {
    const { page } = browser.current;
    expect(await visit(page, "/no-such-page/for-sure")).toBe(404);
    await heading(page, zhCN["error.notFound.title"]).waitFor();
    await page.getByText(zhCN["error.notFound.body"]).waitFor();
    await auditPage(page, "404");
    // the same over plain HTTP
    const res = await fetch(url("/no-such-page/for-sure"), { headers: { accept: "text/html" } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(zhCN["error.notFound.title"]);
  });

  it("/healthz answers 200 with JSON ok:true", async () => {
    const res = await fetch(url("/healthz"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("the language button switches the UI to English and back", async () => {
    const { page } = browser.current;
    await visit(page, "/login");
    const nav = () => page.getByRole("navigation", { name: /./ });
    await page.getByRole("button", { name: zhCN["lang.switchTo"], exact: true }).click();
    await nav().getByRole("link", { name: en["nav.login"], exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login"); // same page
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await heading(page, en["login.heading"]).waitFor();
    await auditPage(page, "login-en");

    await page.getByRole("button", { name: en["lang.switchTo"], exact: true }).click();
    await navLoginLink(page).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await heading(page, zhCN["login.heading"]).waitFor();
  });

  it("anonymous visits to /workspace and /admin/organs go to /login?redirectTo=…", async () => {
    const { page } = browser.current;
    for (const pathname of ["/workspace", "/admin/organs", "/account"]) {
      await visit(page, pathname);
      await heading(page, zhCN["login.heading"]).waitFor();
      const at = new URL(page.url());
      expect(at.pathname, pathname).toBe("/login");
      expect(at.searchParams.get("redirectTo"), pathname).toBe(pathname);
    }
  });

  it("a citizen gets the 403 page on /admin/organs", async () => {
    const { page } = browser.current;
    await register(page, newCitizen("无权限"));
    expect(await visit(page, "/admin/organs")).toBe(403);
    await heading(page, zhCN["error.forbidden.title"]).waitFor();
    await auditPage(page, "403");
    expect(await visit(page, "/workspace")).toBe(403);
    await heading(page, zhCN["error.forbidden.title"]).waitFor();
    // and the citizen's nav has neither staff link
    const nav = page.getByRole("navigation", { name: zhCN["nav.label"] });
    expect(await nav.getByRole("link", { name: zhCN["nav.workspace"] }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: zhCN["nav.admin"] }).count()).toBe(0);
    await logout(page);
  });

  it("the admin (after TOTP) lands on the organ list from redirectTo and finds 呼伦贝尔市人民政府", async () => {
    const { page } = browser.current;
    const admin = demoLogin("admin");
    expect(admin.login).toBe("admin@demo.nmg.example");
    await visit(page, "/admin/organs");
    await heading(page, zhCN["login.heading"]).waitFor();
    await loginStaff(page, admin.login, new URL(page.url()).pathname + new URL(page.url()).search);
    await heading(page, zhCN["admin.organs.heading"]).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/organs");
    const nav = page.getByRole("navigation", { name: zhCN["nav.label"] });
    await nav.getByRole("link", { name: zhCN["nav.admin"], exact: true }).waitFor();
    await nav.getByRole("link", { name: zhCN["nav.workspace"], exact: true }).waitFor();

    const main = page.getByRole("main");
    const countText = async () => (await main.getByText(/^共 \d+ 个机构$/).innerText()).trim();
    const total = Number((await countText()).match(/\d+/)![0]);
    expect(total).toBeGreaterThan(100);
    await main.getByRole("cell", { name: "内蒙古自治区人民政府", exact: true }).first().waitFor();
    await auditPage(page, "admin-organs");

    await main.getByRole("searchbox", { name: zhCN["admin.organs.search"] }).fill("呼伦贝尔");
    await main.getByRole("button", { name: zhCN["admin.organs.searchSubmit"], exact: true }).click();
    // the unfiltered list may already show the name: wait for the count of the full list to go away first
    await main.getByText(`共 ${total} 个机构`, { exact: true }).waitFor({ state: "hidden" });
    // (also the parent of the rows below it: the first match is enough)
    await main.getByRole("cell", { name: "呼伦贝尔市人民政府", exact: true }).first().waitFor();
    const found = Number((await countText()).match(/\d+/)![0]);
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(total);
    expect(new URL(page.url()).searchParams.get("q")).toBe("呼伦贝尔");
    // every row found is about 呼伦贝尔 (by its own name or its parent's)
    const rows = main.getByRole("row");
    const rowTexts = await rows.allInnerTexts();
    for (const text of rowTexts.slice(1)) expect(text).toContain("呼伦贝尔");
    await auditPage(page, "admin-organs-search");

    await visit(page, "/workspace");
    await page.getByRole("main").getByRole("cell", { name: zhCN["role.admin"], exact: true }).waitFor();
    await page.getByRole("main").getByRole("cell", { name: zhCN["workspace.scopeSub"], exact: true }).waitFor();
    await logout(page);
  });
});
