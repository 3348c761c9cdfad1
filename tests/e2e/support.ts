// Shared helpers of the browser suite: Chromium (STACK.md trap 10), console/pageerror/off-site-request watchdogs,
// axe checks, screenshots, TOTP codes, and logging in as demo or freshly registered accounts.
// Every value a test types or sees that must never reach the server log (passwords, phone numbers, session cookies,
// TOTP secrets) is recorded with rememberSecret(); zz-log-scan.test.ts searches the log for all of them.
import { createHmac, randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { generateTOTP } from "@epic-web/totp";
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from "vitest";
import { DEMO_PASSWORD, demoUserSpecs } from "../../db/seed";
import { en, zhCN } from "~/locales/all.server";
import type { E2EContext } from "./global-setup";

export { DEMO_PASSWORD, en, zhCN };

export const e2e: E2EContext = inject("e2e");
/** The conditional skip of every file: `describe.skipIf(!chromiumAvailable)`. */
export const chromiumAvailable = e2e.chromium;
export const baseUrl = e2e.baseUrl;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const screenshotDir = path.join(root, "tests", ".tmp", "screenshots");

export const MOBILE = { width: 360, height: 800 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** The first demo citizen (db/seed.ts), with the login the start-up table prints (its e-mail, else its phone). */
export const demoCitizen = (() => {
  const spec = demoUserSpecs.find((s) => s.role === "citizen")!;
  return { login: spec.email ?? spec.phone!, phone: spec.phone, displayName: spec.displayName };
})();
export const demoLogin = (role: string) => {
  const spec = demoUserSpecs.find((s) => s.role === role)!;
  return { login: spec.email ?? spec.phone!, displayName: spec.displayName };
};

export function url(pathname: string): string {
  return `${baseUrl}${pathname}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Run-wide scratch state (the files run in separate worker processes, one after another)

type SecretKind = "password" | "phone" | "email" | "session-cookie" | "csrf-cookie" | "totp-secret" | "id-number" | "invite-token";

/** Records a value that must never appear in the server log. */
export function rememberSecret(kind: SecretKind, value: string): void {
  if (!value) return;
  fs.appendFileSync(path.join(e2e.stateDir, "secrets.jsonl"), `${JSON.stringify({ kind, value })}\n`);
}

export function rememberedSecrets(): { kind: SecretKind; value: string }[] {
  const file = path.join(e2e.stateDir, "secrets.jsonl");
  if (!fs.existsSync(file)) return [];
  const seen = new Set<string>();
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { kind: SecretKind; value: string })
    .filter((s) => (seen.has(`${s.kind}:${s.value}`) ? false : (seen.add(`${s.kind}:${s.value}`), true)));
}

/**
 * Where the suite's time goes (issue 8: the browser suite is most of CI): each page audit (axe at two widths and a
 * screenshot) and each wait for a fresh TOTP step is recorded; global-setup's teardown prints the totals.
 */
export function recordTime(kind: "page-audit" | "totp-wait", ms: number): void {
  fs.appendFileSync(path.join(e2e.stateDir, "timings.txt"), `${kind} ${ms}\n`);
}

/** Pages that had the axe + screenshot audit, by name (zz-log-scan checks the list is complete). */
export function auditedPages(): string[] {
  const file = path.join(e2e.stateDir, "audited.txt");
  return fs.existsSync(file) ? [...new Set(fs.readFileSync(file, "utf8").split("\n").filter(Boolean))] : [];
}

/**
 * The session cookie's name. Development mode (NODE_ENV unset, as here) should use `imr_session`; the Remix bundle
 * currently sends the production name `__Host-imr_session` (app bug, see security.test.ts): the helpers accept
 * both so that one bug fails one test, not all of them.
 */
export function isSessionCookie(name: string): boolean {
  return name === "imr_session" || name === "__Host-imr_session";
}

export function isCsrfCookie(name: string): boolean {
  return name === "imr_csrf" || name === "__Host-imr_csrf";
}

/** Records the cookies of the context (session and csrf) for the log scan. */
export async function rememberCookies(context: BrowserContext): Promise<void> {
  for (const cookie of await context.cookies(baseUrl)) {
    if (isSessionCookie(cookie.name)) rememberSecret("session-cookie", cookie.value);
    if (isCsrfCookie(cookie.name)) rememberSecret("csrf-cookie", cookie.value);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Chromium

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface BrowserOptions {
  viewport?: { width: number; height: number };
  javaScriptEnabled?: boolean;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  javaScriptEnabled: boolean;
  /** console.error messages and uncaught page errors seen since the last check. */
  problems: string[];
  /** Requests to other hosts, refused. */
  blocked: string[];
  close(): Promise<void>;
}

/**
 * Chromium's own network log line for a response with an error status. The app answers 400/403/404 on purpose
 * (validation errors of a form submission, refused requests, unknown pages, used or expired links: 409, 410), and Chromium logs each one as a
 * console error; those lines are expected for documents and Remix's `.data` requests only. A failing asset
 * (script, stylesheet, icon) is still a problem, and so is every console.error the page's own code writes.
 */
function isExpectedStatusLine(msg: ConsoleMessage): boolean {
  if (!/^Failed to load resource: the server responded with a status of (400|403|404|409|410) /.test(msg.text())) return false;
  const where = msg.location().url;
  if (!where.startsWith(baseUrl)) return false;
  const pathname = new URL(where).pathname;
  return pathname.endsWith(".data") || !/\.[a-z0-9]+$/i.test(pathname);
}

/** Pages of contexts launched with JavaScript disabled (no hydration to wait for). */
const noScriptPages = new WeakSet<Page>();

function watch(page: Page, problems: string[]): void {
  page.on("console", (msg) => {
    if (msg.type() !== "error" || isExpectedStatusLine(msg)) return;
    problems.push(`console.error on ${page.url()}: ${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror on ${page.url()}: ${error.message}`));
}

export async function openBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "imr-e2e-profile-"));
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: e2e.chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? MOBILE,
    javaScriptEnabled,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const problems: string[] = [];
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.hostname === "127.0.0.1" || target.hostname === "localhost") return route.continue();
    blocked.push(target.href);
    return route.abort("blockedbyclient");
  });
  const track = (p: Page) => {
    watch(p, problems);
    if (!javaScriptEnabled) noScriptPages.add(p);
  };
  context.on("page", track);
  for (const p of context.pages()) track(p);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    javaScriptEnabled,
    problems,
    blocked,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One browser for the enclosing describe block: launched in beforeAll, cookies cleared before each test, console
 * errors / page errors / off-site requests asserted empty after each test, closed in afterAll.
 */
export function useBrowser(options: BrowserOptions = {}): { readonly current: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await openBrowser(options);
  });
  beforeEach(async () => {
    // leave the last page first: a request still in flight from it must not set a cookie after the clearing
    await browser!.page.goto("about:blank");
    await browser!.context.clearCookies();
    browser!.problems.length = 0;
    browser!.blocked.length = 0;
    await browser!.page.setViewportSize(options.viewport ?? MOBILE);
  });
  afterEach(async () => {
    if (!browser) return;
    await rememberCookies(browser.context);
    const problems = [...browser.problems];
    const blocked = [...browser.blocked];
    browser.problems.length = 0;
    browser.blocked.length = 0;
    if (problems.length) throw new Error(`The page logged errors:\n  ${problems.join("\n  ")}`);
    if (blocked.length) throw new Error(`The page tried to contact other hosts (blocked):\n  ${blocked.join("\n  ")}`);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get current() {
      if (!browser) throw new Error("browser not started");
      return browser;
    },
  };
}

/** True for a page of a context launched with JavaScript (the app hydrates and navigates client-side). */
export function runsScripts(page: Page): boolean {
  return !noScriptPages.has(page);
}

/** Waits until React has hydrated the document (its fiber is attached to <main>), when JavaScript runs. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.getElementById("main");
    return !!main && Object.keys(main).some((key) => key.startsWith("__reactFiber"));
  });
}

/** Opens a page of the portal and, with JavaScript, waits for hydration. Returns the HTTP status. */
export async function visit(page: Page, pathname: string, opts: { hydrate?: boolean } = {}): Promise<number> {
  const response = await page.goto(url(pathname));
  if (!response) throw new Error(`no response for ${pathname}`);
  if (opts.hydrate !== false && !noScriptPages.has(page)) await waitForHydration(page);
  return response.status();
}

// ---------------------------------------------------------------------------------------------------------------
// Accessibility, screenshots, layout

function formatViolations(name: string, width: number, violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string {
  const lines = [`axe: ${violations.length} serious/critical violation(s) on "${name}" at ${width} px:`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`      ${node.target.join(" ")}  ${node.html.slice(0, 160)}`);
      if (node.failureSummary) lines.push(`        ${node.failureSummary.replace(/\n/g, "\n        ")}`);
    }
    if (v.nodes.length > 5) lines.push(`      … and ${v.nodes.length - 5} more`);
  }
  return lines.join("\n");
}

/**
 * axe-core on the current page: no violation of impact serious or critical. `soft`: the test is marked failed
 * (with the readable list) but goes on, so that one accessibility problem does not hide the rest of a journey.
 */
export async function checkA11y(page: Page, name = page.url(), opts: { soft?: boolean } = {}): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (!bad.length) return;
  const message = formatViolations(name, page.viewportSize()?.width ?? 0, bad);
  if (opts.soft) expect.soft(bad.map((v) => `${v.impact} ${v.id}`), message).toEqual([]);
  else throw new Error(message);
}

/** A full-page screenshot, cut at 2,400 px (the organ list is ~35,000 px tall at 360 px: nobody looks at that). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? MOBILE.width;
  await page.screenshot({ path: file, fullPage: true, ...(height > 2400 ? { clip: { x: 0, y: 0, width, height: 2400 } } : {}) });
  return file;
}

/** Nothing wider than the viewport: the document does not scroll sideways. */
export async function assertNoHorizontalOverflow(page: Page, name: string): Promise<void> {
  const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) return false;
        // inside a horizontally scrolling container (tables) is fine
        for (let p = el.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === "auto" || o === "scroll" || o === "hidden") return false;
        }
        return true;
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""} (right ${Math.round(el.getBoundingClientRect().right)})`);
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, culprits: wide };
  });
  if (scrollWidth > clientWidth + 1 || culprits.length) {
    throw new Error(`"${name}" overflows horizontally at ${clientWidth} px (scrollWidth ${scrollWidth}): ${culprits.join(", ")}`);
  }
}

/**
 * The page audit of every page the suite touches: at 360 px an axe check, a full-page screenshot
 * (tests/.tmp/screenshots/<name>.png) and a no-sideways-scroll check; then an axe check at 1280 px; then the
 * viewport the test had. Findings fail the test softly (expect.soft): the journey goes on and every finding of the
 * test is reported at its end.
 */
export async function auditPage(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? MOBILE;
  const started = Date.now();
  try {
    await page.setViewportSize(MOBILE);
    await checkA11y(page, name, { soft: true });
    try {
      await assertNoHorizontalOverflow(page, name);
    } catch (error) {
      expect.soft([(error as Error).message], "layout at 360 px").toEqual([]);
    }
    await screenshot(page, name);
    await page.setViewportSize(DESKTOP);
    await checkA11y(page, name, { soft: true });
  } finally {
    await page.setViewportSize(before);
  }
  recordTime("page-audit", Date.now() - started);
  fs.appendFileSync(path.join(e2e.stateDir, "audited.txt"), `${name}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Accounts

let counter = 0;
/** A fresh citizen: unique 139 number, unique strong password (never a common one). */
export function newCitizen(label = "测试用户"): { displayName: string; phone: string; password: string } {
  counter++;
  const phone = `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
  const password = `E2e-${randomInt(1e9, 9e9)}-${counter}-口令`;
  return { displayName: `${label}${randomInt(100, 999)}`, phone, password };
}

export const L = {
  identifier: zhCN["login.identifier"],
  password: zhCN["login.password"],
  loginSubmit: zhCN["login.submit"],
  logout: zhCN["nav.logout"],
  navLogin: zhCN["nav.login"],
} as const;

/** The nav's logout button: present when (and only when) a fully authenticated user is shown. */
export function logoutButton(page: Page) {
  return page.getByRole("navigation", { name: zhCN["nav.label"] }).getByRole("button", { name: zhCN["nav.logout"] });
}

export function navLoginLink(page: Page) {
  return page.getByRole("navigation", { name: zhCN["nav.label"] }).getByRole("link", { name: zhCN["nav.login"], exact: true });
}

export function heading(page: Page, name: string) {
  return page.getByRole("heading", { level: 1, name, exact: true });
}

export async function fillRegister(page: Page, a: { displayName: string; identifier: string; password: string; confirm?: string }) {
  await page.getByLabel(zhCN["register.displayName"], { exact: true }).fill(a.displayName);
  await page.getByLabel(zhCN["register.identifier"], { exact: true }).fill(a.identifier);
  await page.getByLabel(zhCN["register.password"], { exact: true }).fill(a.password);
  await page.getByLabel(zhCN["register.confirmPassword"], { exact: true }).fill(a.confirm ?? a.password);
  rememberSecret("password", a.password);
  if (a.confirm) rememberSecret("password", a.confirm);
  if (/^1\d{10}$/.test(a.identifier)) rememberSecret("phone", a.identifier);
  else if (a.identifier.includes("@")) rememberSecret("email", a.identifier);
}

/** Registers on /register and waits for /account with the name. */
export async function register(page: Page, citizen: { displayName: string; phone: string; password: string }): Promise<void> {
  await visit(page, "/register");
  await fillRegister(page, { displayName: citizen.displayName, identifier: citizen.phone, password: citizen.password });
  await page.getByRole("button", { name: zhCN["register.submit"], exact: true }).click();
  await heading(page, zhCN["account.heading"]).waitFor();
  await page.getByRole("definition").filter({ hasText: citizen.displayName }).first().waitFor();
  await rememberCookies(page.context());
}

/** Fills and submits the login form of the current page (the caller waits for the outcome). */
export async function submitLogin(page: Page, identifier: string, password: string): Promise<void> {
  await page.getByLabel(L.identifier, { exact: true }).fill(identifier);
  await page.getByLabel(L.password, { exact: true }).fill(password);
  rememberSecret("password", password);
  await page.getByRole("main").getByRole("button", { name: L.loginSubmit, exact: true }).click();
}

/** Logs in an account without two-factor on /login and waits for the nav's logout button. */
export async function login(page: Page, identifier: string, password: string, pathname = "/login"): Promise<void> {
  await visit(page, pathname);
  await submitLogin(page, identifier, password);
  await logoutButton(page).waitFor();
  await rememberCookies(page.context());
}

export async function logout(page: Page): Promise<void> {
  await rememberCookies(page.context());
  await logoutButton(page).click();
  await navLoginLink(page).waitFor();
}

/** The alert of a failed form (role=alert) — its text. */
export async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole("main").getByRole("alert");
  await alert.waitFor();
  return (await alert.innerText()).trim();
}

// ---------------------------------------------------------------------------------------------------------------
// TOTP (app/services/auth.server.ts TOTP_OPTIONS: SHA-1, 6 digits, 30 s; a step is accepted once per user)

const PERIOD = 30;

export function currentStep(now = Date.now()): number {
  return Math.floor(now / 1000 / PERIOD);
}

function base32Decode(input: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of input.replace(/=+$/, "").toUpperCase()) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP, the code of one TOTP step (so that a test can use the NEXT step without waiting 30 s). */
export function totpAt(secret: string, step: number): string {
  const counterBytes = Buffer.alloc(8);
  counterBytes.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32Decode(secret)).update(counterBytes).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const n = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(n % 1_000_000).padStart(6, "0");
}

/** Checks totpAt against @epic-web/totp's generateTOTP for the current step. */
export async function assertTotpMatchesLibrary(secret: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const step = currentStep();
    const { otp } = await generateTOTP({ secret, algorithm: "SHA-1", digits: 6, period: PERIOD });
    if (step !== currentStep()) continue; // crossed a step boundary: try again
    if (otp !== totpAt(secret, step)) throw new Error(`totpAt disagrees with @epic-web/totp (${totpAt(secret, step)} vs ${otp})`);
    return;
  }
}

interface TotpState {
  secret: string;
  lastStep: number;
}

function totpFile(): string {
  return path.join(e2e.stateDir, "totp.json");
}

function readTotp(): Record<string, TotpState> {
  return fs.existsSync(totpFile()) ? (JSON.parse(fs.readFileSync(totpFile(), "utf8")) as Record<string, TotpState>) : {};
}

export function totpState(login: string): TotpState | undefined {
  return readTotp()[login];
}

export function saveTotp(login: string, state: TotpState): void {
  const all = readTotp();
  all[login] = state;
  fs.writeFileSync(totpFile(), JSON.stringify(all));
}

/**
 * A code the server will accept for this user now: the current step, or — when that step was used already — the
 * next one (the server checks one step either side). Only a third login within one step has to wait.
 */
export async function nextCode(login: string): Promise<{ code: string; step: number }> {
  const state = totpState(login);
  if (!state) throw new Error(`no TOTP secret recorded for ${login}`);
  let step = Math.max(currentStep(), state.lastStep + 1);
  const waitStarted = Date.now();
  while (step > currentStep() + 1) {
    await new Promise((resolve) => setTimeout(resolve, (PERIOD * 1000 - (Date.now() % (PERIOD * 1000))) + 50));
    step = Math.max(currentStep(), state.lastStep + 1);
  }
  recordTime("totp-wait", Date.now() - waitStarted);
  return { code: totpAt(state.secret, step), step };
}

export function codeField(page: Page, label: string) {
  return page.getByLabel(label, { exact: true });
}

/** On /login/enrol: reads the secret, records it, enters the current code and waits for the logged-in nav. */
export async function completeEnrolment(page: Page, login: string): Promise<string> {
  await heading(page, zhCN["enrol.heading"]).waitFor();
  const secret = await page.getByTestId("totp-secret").getAttribute("data-secret");
  if (!secret || !/^[A-Z2-7]+=*$/.test(secret)) throw new Error(`no TOTP secret on the enrolment page: ${secret}`);
  rememberSecret("totp-secret", secret);
  await assertTotpMatchesLibrary(secret);
  const step = currentStep();
  await codeField(page, zhCN["enrol.code"]).fill(totpAt(secret, step));
  await page.getByRole("button", { name: zhCN["enrol.submit"], exact: true }).click();
  await logoutButton(page).waitFor();
  saveTotp(login, { secret, lastStep: step });
  await rememberCookies(page.context());
  return secret;
}

/** On /login/two-factor: enters an unused valid code and waits for the logged-in nav. */
export async function completeTwoFactor(page: Page, login: string): Promise<void> {
  await heading(page, zhCN["twoFactor.heading"]).waitFor();
  const { code, step } = await nextCode(login);
  await codeField(page, zhCN["twoFactor.code"]).fill(code);
  await page.getByRole("button", { name: zhCN["twoFactor.submit"], exact: true }).click();
  await logoutButton(page).waitFor();
  saveTotp(login, { ...totpState(login)!, lastStep: step });
  await rememberCookies(page.context());
}

/**
 * Logs a staff member in (password, then TOTP enrolment at the first login or the two-factor step after it) and
 * waits for the logged-in nav. Works in any file order: the TOTP secret of each account is kept in the run's state.
 */
export async function loginStaff(page: Page, login: string, pathname = "/login"): Promise<void> {
  await visit(page, pathname);
  await submitLogin(page, login, DEMO_PASSWORD);
  const enrol = heading(page, zhCN["enrol.heading"]);
  const twoFactor = heading(page, zhCN["twoFactor.heading"]);
  await enrol.or(twoFactor).waitFor();
  if (await enrol.isVisible()) await completeEnrolment(page, login);
  else await completeTwoFactor(page, login);
}
