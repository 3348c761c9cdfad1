// The idle-timeout warning (SESSION_LIMITS): two minutes before a session would end for inactivity the page says so,
// and one click extends it. The browser clock is fast-forwarded (Playwright's clock), so the test takes seconds.
import { describe, expect, it } from "vitest";
import { auditPage, chromiumAvailable, heading, newCitizen, register, useBrowser, visit, zhCN } from "./support";

describe.skipIf(!chromiumAvailable)("session timeout warning", () => {
  const browser = useBrowser();

  it("warns two minutes before the 30-minute idle timeout of a citizen and extends the session in one click", async () => {
    const { page } = browser.current;
    await register(page, newCitizen("超时提醒"));
    await page.clock.install();
    await visit(page, "/account");
    await heading(page, zhCN["account.heading"]).waitFor();
    const warning = page.getByRole("alert").filter({ hasText: /秒后失效/ });
    expect(await warning.count()).toBe(0);

    await page.clock.fastForward("27:00"); // 3 minutes left: no warning yet
    expect(await warning.count()).toBe(0);
    await page.clock.fastForward("01:30"); // 90 seconds left
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/\d+ 秒后失效/);
    await auditPage(page, "session-warning");

    await warning.getByRole("button", { name: zhCN["session.extend"], exact: true }).click();
    await warning.waitFor({ state: "hidden" });
    // the server restarted the idle clock: another 27 minutes pass without a warning
    await page.clock.fastForward("27:00");
    expect(await warning.count()).toBe(0);
    await heading(page, zhCN["account.heading"]).waitFor();
  });
});
