// Issue 5 req. 9 over HTTP: the data of a case is never handed out through Remix's data endpoints to someone who must
// not see it. A citizen files a case through the portal (it waits at the 呼和浩特 center until the clerk routes it;
// the office head then issues a supplement notice on it, so that there is a real document); then every page of this issue that shows a case is
// fetched as `<path>.data` (single fetch) and `<path>?_data=<route id>` (the pre-single-fetch form, which must not
// open a side door), GET and POST (valid CSRF token, unknown intent), with the session of each visitor who must not
// see it: anonymous, another citizen, the filer (citizen pages only), the center clerk on staff and agency pages, the
// respondent agent on staff and center pages, the committee member everywhere, the office head on agency and center
// action pages. No answer is a 2xx with data, and none contains the case number, the applicant's name or the act's
// document number (the requested path itself, echoed in a login redirect or a 404 page, is taken out before looking).
// Positive controls prove the sessions work: the head, the clerk and the filer do get the case.
//
// Accounts (the browser files run one after another in name order, sharing the TOTP state): this file logs in
// clerk@, head@ and member1@ (TOTP enrolment at their first login, wherever it happens; loginStaff copes with
// either) and agent@ (no second factor) and registers its own citizens. It never logs in staff1@ (staff.test.ts needs its first login) nor
// admin@/staff2@ (shell.test.ts, filing.test.ts). It needs no other file to run first.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { residentIdCheckDigit } from "~/domain/identity";
import { baseUrl, chromiumAvailable, DEMO_PASSWORD, demoLogin, login, loginStaff, MOBILE, newCitizen, register, rememberCookies, rememberSecret, useBrowser, visit, zhCN } from "./support";

const filer = newCitizen("授权测试");
const other = newCitizen("旁观者");
const idNumber = (() => {
  const sequence = String(Math.floor(Math.random() * 450) * 2 + 101).padStart(3, "0");
  const first17 = `15010219900307${sequence}`;
  return `${first17}${residentIdCheckDigit(first17)}`;
})();
const actNumber = `呼市监罚〔2026〕${Math.floor(Math.random() * 90000) + 10000}号`;

type Visitor = "anonymous" | "filer" | "citizen" | "clerk" | "head" | "agent" | "member";
const sessions = new Map<Visitor, { cookie: string; csrf: string }>();
let caseNumber = "";
let documentId = "";

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
}
async function clickAndGo(page: Page, name: string) {
  const before = page.url();
  await page.getByRole("button", { name, exact: true }).first().click();
  await page.waitForURL((u) => u.href !== before);
  await settle(page);
}
const group = (page: Page, legend: string) => page.getByRole("group", { name: legend, exact: true });

/** The session of the browser context: its cookies as a header, and the CSRF token of a form on the page. */
async function keepSession(page: Page, v: Visitor) {
  await rememberCookies(page.context());
  const cookies = await page.context().cookies(baseUrl);
  const csrf = (await page.locator('input[name="csrf"]').first().getAttribute("value")) ?? "";
  expect(csrf, `a CSRF token on the page of ${v}`).not.toBe("");
  sessions.set(v, { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "), csrf });
  await page.goto("about:blank");
  await page.context().clearCookies(); // the server-side session stays valid: the cookie header above keeps it
}

/** The reconsideration application, step by step, without uploads (as tests/e2e/filing.test.ts, shortened). */
async function fileApplication(page: Page) {
  await visit(page, "/apply/reconsideration");
  await clickAndGo(page, zhCN["apply.start"]);
  await expect.poll(() => page.url()).toMatch(/\/applicants$/);
  await group(page, zhCN["apply.f.sex"]).getByLabel(zhCN["apply.sex.male"], { exact: true }).check();
  await page.getByLabel(zhCN["apply.f.birthDate"]).fill(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`);
  await page.getByLabel(zhCN["apply.f.idNumber"], { exact: true }).fill(idNumber);
  await page.getByLabel(zhCN["apply.f.address"]).fill("呼和浩特市新城区示例路2号");
  await page.getByLabel(zhCN["apply.f.phone"]).fill(filer.phone);
  await clickAndGo(page, zhCN["apply.next"]);
  await clickAndGo(page, zhCN["apply.next"]); // no agent
  await page.getByLabel(zhCN["apply.act.search"]).fill("呼和浩特市市场监督");
  await clickAndGo(page, zhCN["apply.act.searchButton"]);
  await page.getByLabel("呼和浩特市市场监督管理局", { exact: true }).check();
  await page.getByLabel(zhCN["apply.f.actTitle"]).fill("行政处罚决定书");
  await page.getByLabel(zhCN["apply.f.actDocumentNumber"]).fill(actNumber);
  await page.getByLabel(zhCN["apply.f.actKind"]).selectOption("penalty");
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await page.getByLabel(zhCN["apply.f.madeOn"]).fill(today);
  await page.getByLabel(zhCN["apply.f.learnedOn"], { exact: true }).fill(today);
  await group(page, zhCN["apply.f.informed"]).getByLabel(zhCN["apply.yes"], { exact: true }).check();
  for (const q of ["apply.f.onTheSpotPenalty", "apply.f.failureToAct", "apply.f.normativeReview", "apply.f.compensation"] as const) {
    await group(page, zhCN[q]).getByLabel(zhCN["apply.no"], { exact: true }).check();
  }
  await clickAndGo(page, zhCN["apply.next"]);
  await page.getByLabel(zhCN["apply.f.requests"]).fill("撤销该行政处罚决定");
  await page.getByLabel(zhCN["apply.f.factsAndReasons"]).fill("认定事实不清。");
  await group(page, zhCN["apply.f.suedInCourt"]).getByLabel(zhCN["apply.no"], { exact: true }).check();
  await clickAndGo(page, zhCN["apply.next"]);
  await clickAndGo(page, zhCN["apply.next"]); // no evidence
  await expect.poll(() => page.url()).toMatch(/\/review$/);
  await group(page, zhCN["apply.review.eService"]).getByLabel(zhCN["apply.yes"], { exact: true }).check();
  await page.getByLabel(zhCN["apply.review.declaration"], { exact: true }).check();
  await clickAndGo(page, zhCN["apply.review.submit"]);
  await expect.poll(() => page.url()).toMatch(/\/my\/cases\/FY\d{4}-150100-\d{5}\/receipt$/);
  return decodeURIComponent(page.url().match(/\/my\/cases\/([^/]+)\/receipt$/)![1]);
}

interface Answer {
  status: number;
  body: string;
  location: string | null;
}
async function fetchAs(v: Visitor, path: string, post?: Record<string, string>): Promise<Answer> {
  const s = sessions.get(v);
  const headers: Record<string, string> = { origin: baseUrl, referer: `${baseUrl}/` };
  if (s) headers.cookie = s.cookie;
  let body: URLSearchParams | undefined;
  if (post) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams({ ...(s ? { csrf: s.csrf } : {}), ...post });
  }
  const res = await fetch(`${baseUrl}${path}`, { method: post ? "POST" : "GET", headers, body, redirect: "manual" });
  return { status: res.status, body: await res.text(), location: res.headers.get("location") };
}

/** The request path as it may be echoed back (login redirect target, 404 page), raw and encoded: not a leak. */
function withoutEcho(body: string, path: string): string {
  let out = body;
  const bare = path.replace(/\?.*$/, "").replace(/\.data$/, "");
  for (const p of [path, bare, encodeURIComponent(path), encodeURIComponent(bare), decodeURIComponent(bare)]) out = out.split(p).join("");
  return out;
}

const E = encodeURIComponent;
/** The pages of this issue that show one case, with their route ids, and who must not see them. */
function caseRoutes(): { path: string; id: string; action: boolean; denied: Visitor[] }[] {
  const n = E(caseNumber);
  const notStaff: Visitor[] = ["anonymous", "filer", "citizen", "clerk", "agent", "member"];
  const notAgency: Visitor[] = ["anonymous", "filer", "citizen", "clerk", "head", "member"];
  const notCenter: Visitor[] = ["anonymous", "filer", "citizen", "head", "agent", "member"];
  return [
    { path: `/center/items/${n}`, id: "routes/center.items.$caseNumber", action: true, denied: notCenter },
    { path: `/staff/cases/${n}`, id: "routes/staff.cases.$caseNumber", action: true, denied: notStaff },
    { path: `/staff/cases/${n}/procedure`, id: "routes/staff.cases.$caseNumber_.procedure", action: true, denied: notStaff },
    { path: `/staff/cases/${n}/decision`, id: "routes/staff.cases.$caseNumber_.decision", action: true, denied: notStaff },
    { path: `/staff/cases/${n}/documents/${documentId}`, id: "routes/staff.cases.$caseNumber_.documents.$documentId", action: true, denied: notStaff },
    // the copy was not sent to the respondent yet, so even its agent must not see the case
    { path: `/agency/cases/${n}`, id: "routes/agency.cases.$caseNumber", action: true, denied: [...notAgency, "agent"] },
    { path: `/agency/cases/${n}/documents/${documentId}`, id: "routes/agency.cases.$caseNumber_.documents.$documentId", action: false, denied: [...notAgency, "agent"] },
    // the lists: none of these visitors has the role (the clerk's own list is the positive control below)
    { path: "/center", id: "routes/center._index", action: false, denied: ["anonymous", "filer", "citizen", "head", "agent", "member"] },
    { path: "/staff/queue", id: "routes/staff.queue", action: true, denied: ["anonymous", "filer", "citizen", "clerk", "agent", "member"] },
    { path: "/staff/overdue", id: "routes/staff.overdue", action: false, denied: ["anonymous", "filer", "citizen", "clerk", "agent", "member"] },
    { path: "/agency", id: "routes/agency._index", action: false, denied: ["anonymous", "filer", "citizen", "clerk", "head", "member"] },
  ];
}

describe.skipIf(!chromiumAvailable)("issue 5 data endpoints: `.data` and `?_data=` never hand a case to someone who must not see it", () => {
  const browser = useBrowser({ viewport: MOBILE });

  it("files a case and opens the sessions of every visitor", { timeout: 300_000 }, async () => {
    const { page } = browser.current;
    for (const c of [filer, other]) {
      rememberSecret("phone", c.phone);
      rememberSecret("password", c.password);
    }
    rememberSecret("id-number", idNumber);
    await register(page, filer);
    caseNumber = await fileApplication(page);
    await keepSession(page, "filer");
    await register(page, other);
    await keepSession(page, "citizen");
    // the center clerk sees it in the intake queue and confirms the suggested routing: only then is it the office's
    await loginStaff(page, demoLogin("center_clerk").login);
    await visit(page, "/center");
    await page.getByText(caseNumber, { exact: true }).first().waitFor();
    await visit(page, `/center/items/${E(caseNumber)}`);
    await page.getByRole("button", { name: zhCN["center.confirm.submit"], exact: true }).click();
    await page.waitForURL(/\/center\?done=routed$/);
    await keepSession(page, "clerk");
    // the office head opens the case (it is 呼和浩特市人民政府's) and issues a supplement notice: a real document
    await loginStaff(page, demoLogin("office_head").login);
    await visit(page, `/staff/cases/${E(caseNumber)}`);
    await page.locator("input[name=items]").first().check();
    await clickAndGo(page, zhCN["staff.supplement.submit"]);
    await page.getByText(zhCN["staff.case.done.supplement"]).first().waitFor();
    const href = await page.locator(`a[href*="/documents/"]`).first().getAttribute("href");
    documentId = href?.match(/\/documents\/([0-9a-f-]{36})/)?.[1] ?? "";
    expect(documentId).toMatch(/^[0-9a-f-]{36}$/);
    await keepSession(page, "head");
    await loginStaff(page, demoLogin("committee_member").login);
    await keepSession(page, "member");
    // a respondent agent has no second factor (app/domain/roles.ts twoFactorRoles)
    await login(page, demoLogin("respondent_agent").login, DEMO_PASSWORD);
    await keepSession(page, "agent");
    expect(caseNumber).toMatch(/^FY\d{4}-150100-\d{5}$/);
  });

  it("positive controls: the office head, the center clerk and the filer do get the case through `.data`", async () => {
    expect(caseNumber).not.toBe("");
    const head = await fetchAs("head", `/staff/cases/${E(caseNumber)}.data`);
    expect(head.status).toBe(200);
    expect(head.body).toContain(actNumber);
    const doc = await fetchAs("head", `/staff/cases/${E(caseNumber)}/documents/${documentId}.data`);
    expect(doc.status).toBe(200);
    const clerk = await fetchAs("clerk", `/center/items/${E(caseNumber)}.data`);
    expect(clerk.status).toBe(200);
    expect(clerk.body).toContain(filer.displayName);
    const mine = await fetchAs("filer", `/my/cases/${E(caseNumber)}.data`);
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(caseNumber);
  });

  it("every page × every visitor who must not see the case: GET and POST, `.data` and `?_data=`: no data, nothing of the case", async () => {
    expect(caseNumber).not.toBe("");
    const leaks: string[] = [];
    const legacy: number[] = [];
    let walked = 0;
    for (const r of caseRoutes()) {
      for (const v of r.denied) {
        const targets = [`${r.path}.data`, `${r.path}?_data=${E(r.id)}`];
        for (const target of targets) {
          const probes: (Record<string, string> | undefined)[] = [undefined];
          if (r.action) probes.push({ intent: "no-such-intent", version: "1", caseNumber });
          for (const post of probes) {
            const a = await fetchAs(v, target, post);
            walked++;
            const what = `${post ? "POST" : "GET"} ${target} as ${v}: ${a.status}${a.location ? ` → ${a.location}` : ""}`;
            const body = withoutEcho(a.body, target);
            // with single fetch on, the server refuses a legacy `?_data=` request with a 404 before Remix (app/server.ts)
            const empty204 = a.status === 204 && a.body === "";
            if (a.status >= 200 && a.status < 300 && a.status !== 202 && !empty204) leaks.push(`${what}: a ${a.status} answer`);
            if (target.includes("?_data=")) legacy.push(a.status);
            // 202 is single fetch's redirect; it must be to the login or the two-factor step, never into the case
            if (a.status === 202 && !/\/login/.test(a.body)) leaks.push(`${what}: a redirect that is not to the login`);
            if (a.status >= 300 && a.status < 400 && !/^\/login/.test(new URL(a.location ?? "/", baseUrl).pathname)) leaks.push(`${what}: redirected to ${a.location}`);
            const secrets: [string, string][] = [
              ["the case number", caseNumber],
              ["the act's document number", actNumber],
            ];
            // the filer's own name is in the filer's own navigation bar: looked for with the other visitors only
            if (v !== "filer") secrets.push(["the applicant's name", filer.displayName]);
            for (const [label, secret] of secrets) {
              if (body.includes(secret)) leaks.push(`${what}: shows ${label}`);
            }
          }
        }
      }
    }
    console.info(
      `data-authz: ${walked} requests by visitors who must not see the case, ${leaks.length} leaks; ?_data= answers: ${[...new Set(legacy)].join(", ")}`,
    );
    expect([...new Set(legacy)], "every ?_data= request is refused with 404").toEqual([404]);
    expect(walked).toBeGreaterThan(150);
    expect(leaks).toEqual([]);
  });
});
