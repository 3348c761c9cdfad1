// (b) Staff: TOTP enrolment at the first login, the two-factor step at the next ones, and no staff page for a
// session that passed the password step only.
import { describe, expect, it } from "vitest";
import {
  alertText,
  auditPage,
  chromiumAvailable,
  codeField,
  completeEnrolment,
  completeTwoFactor,
  currentStep,
  DEMO_PASSWORD,
  demoLogin,
  heading,
  logout,
  logoutButton,
  MOBILE,
  submitLogin,
  totpAt,
  totpState,
  useBrowser,
  visit,
  zhCN,
} from "./support";

const staff = demoLogin("reconsideration_staff"); // staff1@demo.nmg.example

describe.skipIf(!chromiumAvailable)("staff login with TOTP", () => {
  const browser = useBrowser({ viewport: MOBILE });

  it("enrols TOTP at the first login, sees the workspace, and logs in with a fresh code the next time", async () => {
    const { page } = browser.current;
    expect(staff.login).toBe("staff1@demo.nmg.example");

    await visit(page, "/login");
    await submitLogin(page, staff.login, DEMO_PASSWORD);
    await heading(page, zhCN["enrol.heading"]).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login/enrol");
    // not logged in yet: no logout button, no workspace link
    expect(await logoutButton(page).count()).toBe(0);
    await auditPage(page, "enrol");

    const secret = await completeEnrolment(page, staff.login);
    const nav = page.getByRole("navigation", { name: zhCN["nav.label"] });
    await nav.getByRole("link", { name: zhCN["nav.workspace"], exact: true }).waitFor();

    await nav.getByRole("link", { name: zhCN["nav.workspace"], exact: true }).click();
    await heading(page, zhCN["workspace.heading"]).waitFor();
    expect(new URL(page.url()).pathname).toBe("/workspace");
    const table = page.getByRole("main").getByRole("table");
    await table.getByRole("cell", { name: zhCN["role.reconsideration_staff"], exact: true }).waitFor();
    await table.getByRole("cell", { name: "呼和浩特市人民政府", exact: true }).waitFor();
    await table.getByRole("cell", { name: zhCN["workspace.scopeOwn"], exact: true }).waitFor();
    await auditPage(page, "workspace");

    await logout(page);

    // second login: the two-factor page
    await visit(page, "/login");
    await submitLogin(page, staff.login, DEMO_PASSWORD);
    await heading(page, zhCN["twoFactor.heading"]).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
    await auditPage(page, "two-factor");

    // a wrong code: an error, still not logged in
    const now = currentStep();
    const valid = new Set([-1, 0, 1, 2].map((d) => totpAt(secret, now + d)));
    const wrong = ["000000", "111111", "123456", "654321"].find((c) => !valid.has(c))!;
    await codeField(page, zhCN["twoFactor.code"]).fill(wrong);
    await page.getByRole("button", { name: zhCN["twoFactor.submit"], exact: true }).click();
    expect(await alertText(page)).toBe(zhCN["errors.formHasErrors"]);
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
    expect(await logoutButton(page).count()).toBe(0);
    // The specific message must be shown next to the field. With JavaScript, useValidatedForm hides the server's
    // field error of an edited field (app bug, see the report): soft, so that the rest of the journey still runs.
    const codeError = page.locator(".field__error").filter({ hasText: zhCN["errors.codeWrong"] });
    await codeError.waitFor({ timeout: 2_000 }).catch(() => {});
    expect.soft(await codeError.count(), `"${zhCN["errors.codeWrong"]}" is not shown next to the code field`).toBe(1);
    await auditPage(page, "two-factor-error");

    // the right code (a step not used before) logs in
    const lastStep = totpState(staff.login)!.lastStep;
    await completeTwoFactor(page, staff.login);
    expect(totpState(staff.login)!.lastStep).toBeGreaterThan(lastStep);
    await page.getByRole("navigation", { name: zhCN["nav.label"] }).getByRole("link", { name: zhCN["nav.workspace"], exact: true }).waitFor();
    await visit(page, "/workspace");
    await heading(page, zhCN["workspace.heading"]).waitFor();
    await logout(page);
  });

  it("a used code is refused: the code of the last login does not work again", async () => {
    const { page } = browser.current;
    const state = totpState(staff.login);
    expect(state, "the first test enrols staff1").toBeDefined();
    await visit(page, "/login");
    await submitLogin(page, staff.login, DEMO_PASSWORD);
    await heading(page, zhCN["twoFactor.heading"]).waitFor();
    // replay: the step used last (still inside the server's ±1 window unless > 30 s passed)
    expect(state!.lastStep).toBeGreaterThanOrEqual(currentStep() - 1);
    await codeField(page, zhCN["twoFactor.code"]).fill(totpAt(state!.secret, state!.lastStep));
    await page.getByRole("button", { name: zhCN["twoFactor.submit"], exact: true }).click();
    expect(await alertText(page)).toBe(zhCN["errors.formHasErrors"]);
    expect(new URL(page.url()).pathname).toBe("/login/two-factor");
    expect(await logoutButton(page).count()).toBe(0);
    // cancel (no third fresh step needed, which could mean waiting up to 30 s); it logs out and goes home (the nav
    // already shows 登录 on the two-factor page, so wait for the home page itself)
    await page.getByRole("main").getByRole("button", { name: zhCN["twoFactor.cancel"], exact: true }).click();
    await heading(page, zhCN["home.heading"]).waitFor();
  });

  it("after the password but before the TOTP step, /workspace and /account lead to the two-factor page", async () => {
    const { page } = browser.current;
    await visit(page, "/login");
    await submitLogin(page, staff.login, DEMO_PASSWORD);
    await heading(page, zhCN["twoFactor.heading"]).waitFor();

    for (const pathname of ["/workspace", "/account", "/admin/organs"]) {
      await visit(page, pathname);
      await heading(page, zhCN["twoFactor.heading"]).waitFor();
      expect(new URL(page.url()).pathname, pathname).toBe("/login/two-factor");
      // the half-logged-in session shows no staff navigation
      const nav = page.getByRole("navigation", { name: zhCN["nav.label"] });
      expect(await nav.getByRole("link", { name: zhCN["nav.workspace"] }).count()).toBe(0);
      expect(await logoutButton(page).count()).toBe(0);
    }

    // cancelling ends the half session
    await page.getByRole("main").getByRole("button", { name: zhCN["twoFactor.cancel"], exact: true }).click();
    await heading(page, zhCN["home.heading"]).waitFor();
    await visit(page, "/workspace");
    await heading(page, zhCN["login.heading"]).waitFor();
  });
});
