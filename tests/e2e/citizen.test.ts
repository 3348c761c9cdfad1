// (a) The citizen journey on a phone-sized screen: register, account page, log out, log in, log out; validation
// errors next to the fields; and the same forms with JavaScript disabled (progressive enhancement).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  alertText,
  auditPage,
  chromiumAvailable,
  demoCitizen,
  fillRegister,
  heading,
  login,
  logout,
  logoutButton,
  MOBILE,
  navLoginLink,
  newCitizen,
  submitLogin,
  url,
  useBrowser,
  visit,
  zhCN,
} from "./support";

/** The error paragraph wired to a field (aria-describedby) — "next to the field" for sighted and screen-reader users. */
async function fieldError(page: Page, label: string): Promise<string | null> {
  const input = page.getByLabel(label, { exact: true });
  const ids = (await input.getAttribute("aria-describedby"))?.split(/\s+/) ?? [];
  const errorId = ids.find((id) => id.endsWith("-error"));
  if (!errorId) return null;
  return (await page.locator(`[id="${errorId}"]`).innerText()).trim();
}

async function expectFieldError(page: Page, label: string, message: string, timeout?: number): Promise<void> {
  // the visible text first (a locator wait), then the wiring to the input
  await page
    .locator(".field")
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .getByText(message, { exact: true })
    .waitFor({ timeout });
  expect(await fieldError(page, label)).toBe(message);
  expect(await page.getByLabel(label, { exact: true }).getAttribute("aria-invalid")).toBe("true");
}

async function expectLoginRefused(page: Page, identifier: string, password: string): Promise<void> {
  await visit(page, "/login");
  await submitLogin(page, identifier, password);
  expect(await alertText(page)).toBe(zhCN["errors.loginFailed"]);
  expect(await logoutButton(page).count()).toBe(0);
}

async function submitRegister(page: Page): Promise<void> {
  await page.getByRole("main").getByRole("button", { name: zhCN["register.submit"], exact: true }).click();
}

describe.skipIf(!chromiumAvailable)("citizen journey at 360×800", () => {
  const browser = useBrowser({ viewport: MOBILE });

  it("registers, lands on /account with the name, logs out, logs in again and logs out", async () => {
    const { page } = browser.current;
    const citizen = newCitizen("市民");

    await visit(page, "/register");
    await auditPage(page, "register");
    await fillRegister(page, { displayName: citizen.displayName, identifier: citizen.phone, password: citizen.password });
    await submitRegister(page);
    await heading(page, zhCN["account.heading"]).waitFor();
    expect(page.url()).toBe(url("/account"));
    await page.getByRole("definition").filter({ hasText: citizen.displayName }).waitFor();
    // the login is shown masked (139****1234), never in full
    const masked = `${citizen.phone.slice(0, 3)}****${citizen.phone.slice(7)}`;
    await page.getByRole("definition").filter({ hasText: masked }).waitFor();
    expect(await page.getByRole("main").innerText()).not.toContain(citizen.phone);
    await auditPage(page, "account");

    await logout(page);
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await logoutButton(page).count()).toBe(0);

    await visit(page, "/login");
    await auditPage(page, "login");
    await submitLogin(page, citizen.phone, citizen.password);
    await logoutButton(page).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    await page.getByRole("navigation", { name: zhCN["nav.label"] }).getByRole("link", { name: zhCN["nav.account"] }).click();
    await heading(page, zhCN["account.heading"]).waitFor();
    await page.getByRole("definition").filter({ hasText: citizen.displayName }).waitFor();

    await logout(page);
    await visit(page, "/account");
    await heading(page, zhCN["login.heading"]).waitFor(); // the session is gone
  });

  it("shows the Chinese errors next to the fields for a common password and a mismatching confirmation, and creates nothing", async () => {
    const { page } = browser.current;
    const citizen = newCitizen();
    await visit(page, "/register");
    await fillRegister(page, { displayName: citizen.displayName, identifier: citizen.phone, password: "12345678", confirm: "12345679" });
    await submitRegister(page);
    await expectFieldError(page, zhCN["register.password"], zhCN["errors.passwordCommon"]);
    await expectFieldError(page, zhCN["register.confirmPassword"], zhCN["errors.passwordMismatch"]);
    expect(new URL(page.url()).pathname).toBe("/register");
    await auditPage(page, "register-errors");

    await expectLoginRefused(page, citizen.phone, "12345678");
    await auditPage(page, "login-failed");
  });

  it("an identifier that is already registered gets errors.identifierTaken next to the identifier field", async () => {
    const { page } = browser.current;
    await visit(page, "/register");
    await fillRegister(page, { displayName: "重复注册", identifier: demoCitizen.login, password: "Another-strong-口令-1" });
    await submitRegister(page);
    await page.getByRole("main").getByRole("alert").waitFor();
    expect(await alertText(page)).toBe(zhCN["errors.formHasErrors"]);
    // The server's field error must be shown. With JavaScript, useValidatedForm's errorFor hides a server error for
    // every field the visitor edited — and the visitor edited them all (app bug, see the report). The response has
    // arrived (the alert is there): no need to wait long.
    await expectFieldError(page, zhCN["register.identifier"], zhCN["errors.identifierTaken"], 2_000);
  });
});

describe.skipIf(!chromiumAvailable)("citizen forms without JavaScript", () => {
  const browser = useBrowser({ viewport: MOBILE, javaScriptEnabled: false });

  it("registers and logs in with plain form posts", async () => {
    const { page } = browser.current;
    const citizen = newCitizen("无脚本");
    await visit(page, "/register");
    // the page's scripts really are off: React never hydrated the document
    expect(await page.evaluate(() => Object.keys(document.getElementById("main") ?? {}).some((k) => k.startsWith("__react")))).toBe(false);

    await fillRegister(page, { displayName: citizen.displayName, identifier: citizen.phone, password: citizen.password });
    await submitRegister(page);
    await heading(page, zhCN["account.heading"]).waitFor();
    expect(page.url()).toBe(url("/account"));
    await page.getByRole("definition").filter({ hasText: citizen.displayName }).waitFor();

    await logout(page);
    await navLoginLink(page).waitFor();

    await login(page, citizen.phone, citizen.password);
    expect(new URL(page.url()).pathname).toBe("/");
    await visit(page, "/account");
    await page.getByRole("definition").filter({ hasText: citizen.displayName }).waitFor();
    await logout(page);
  });

  it("shows the server's validation errors next to the fields and creates nothing", async () => {
    const { page } = browser.current;
    const citizen = newCitizen();
    await visit(page, "/register");
    await fillRegister(page, { displayName: citizen.displayName, identifier: citizen.phone, password: "12345678", confirm: "12345679" });
    await submitRegister(page);
    await expectFieldError(page, zhCN["register.password"], zhCN["errors.passwordCommon"]);
    await expectFieldError(page, zhCN["register.confirmPassword"], zhCN["errors.passwordMismatch"]);
    expect(await alertText(page)).toBe(zhCN["errors.formHasErrors"]);
    // what the visitor typed is kept, except the passwords
    expect(await page.getByLabel(zhCN["register.displayName"], { exact: true }).inputValue()).toBe(citizen.displayName);
    expect(await page.getByLabel(zhCN["register.password"], { exact: true }).inputValue()).toBe("");

    await expectLoginRefused(page, citizen.phone, "12345678");
  });

  it("an identifier that is already registered gets errors.identifierTaken next to the identifier field", async () => {
    const { page } = browser.current;
    await visit(page, "/register");
    await fillRegister(page, { displayName: "重复注册", identifier: demoCitizen.login, password: "Another-strong-口令-2" });
    await submitRegister(page);
    await expectFieldError(page, zhCN["register.identifier"], zhCN["errors.identifierTaken"]);
  });
});
