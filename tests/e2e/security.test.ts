// (d) Security of the HTTP layer: cross-origin and token-less POSTs are refused (403) and change nothing, the CSP
// nonce matches the page's inline scripts, the security headers, the session cookie's flags, and no open redirect
// through ?redirectTo. Raw requests go through Node's fetch (it can send any Origin); the redirect checks also run
// in Chromium.
import { describe, expect, it } from "vitest";
import {
  chromiumAvailable,
  heading,
  isCsrfCookie,
  isSessionCookie,
  logout,
  logoutButton,
  MOBILE,
  newCitizen,
  rememberSecret,
  submitLogin,
  url,
  useBrowser,
  visit,
  zhCN,
} from "./support";

const EVIL = "http://evil.example";

/** A minimal cookie jar for Node's fetch. */
class Jar {
  readonly cookies = new Map<string, string>();
  readonly setCookieLines: string[] = [];

  hasSession(): boolean {
    return [...this.cookies.keys()].some(isSessionCookie);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  absorb(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      this.setCookieLines.push(line);
      const [pair, ...attributes] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (isSessionCookie(name)) rememberSecret("session-cookie", value);
      if (isCsrfCookie(name)) rememberSecret("csrf-cookie", value);
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

async function get(pathname: string, jar: Jar): Promise<{ res: Response; html: string }> {
  const res = await fetch(url(pathname), { headers: { cookie: jar.header() }, redirect: "manual" });
  jar.absorb(res);
  return { res, html: await res.text() };
}

function csrfOf(html: string): string {
  const match = html.match(/<input type="hidden" name="csrf" value="([^"]+)"/);
  if (!match) throw new Error("no csrf field in the page");
  return match[1];
}

async function post(
  pathname: string,
  fields: Record<string, string>,
  jar: Jar,
  headers: Record<string, string> = { origin: new URL(url("/")).origin },
): Promise<{ res: Response; body: string }> {
  const res = await fetch(url(pathname), {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header(), ...headers },
    redirect: "manual",
  });
  jar.absorb(res);
  return { res, body: await res.text() };
}

/** Registers through plain HTTP (as a browser without JavaScript would) and returns the logged-in jar. */
async function registerByHttp(citizen: { displayName: string; phone: string; password: string }): Promise<Jar> {
  rememberSecret("phone", citizen.phone);
  rememberSecret("password", citizen.password);
  const jar = new Jar();
  const { html } = await get("/register", jar);
  const { res } = await post(
    "/register",
    { csrf: csrfOf(html), displayName: citizen.displayName, identifier: citizen.phone, password: citizen.password, confirmPassword: citizen.password },
    jar,
  );
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/account");
  expect(jar.hasSession()).toBe(true);
  return jar;
}

/** True when the credentials log in (302 with a session), false when refused (400). */
async function canLogIn(identifier: string, password: string): Promise<boolean> {
  rememberSecret("password", password);
  const jar = new Jar();
  const { html } = await get("/login", jar);
  const { res, body } = await post("/login", { csrf: csrfOf(html), identifier, password, redirectTo: "/" }, jar);
  if (res.status === 302) return true;
  expect(res.status).toBe(400);
  expect(body).toContain(zhCN["errors.loginFailed"]);
  return false;
}

describe.skipIf(!chromiumAvailable)("security: CSRF, headers, cookies, redirects", () => {
  const browser = useBrowser({ viewport: MOBILE });

  it("a cross-origin POST to /register is refused with 403 even with a valid token, and creates nothing", async () => {
    const citizen = newCitizen("跨站");
    rememberSecret("phone", citizen.phone);
    rememberSecret("password", citizen.password);
    const jar = new Jar();
    const { html } = await get("/register", jar);
    const form = { csrf: csrfOf(html), displayName: citizen.displayName, identifier: citizen.phone, password: citizen.password, confirmPassword: citizen.password };

    const variants: Record<string, string>[] = [{ origin: EVIL }, { referer: `${EVIL}/form.html` }, { origin: EVIL, referer: url("/register") }, {}];
    for (const headers of variants) {
      const { res, body } = await post("/register", form, jar, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(body).toContain("Cross-origin request refused");
      expect(res.headers.getSetCookie().some((c) => isSessionCookie(c.split("=")[0]))).toBe(false);
    }
    expect(await canLogIn(citizen.phone, citizen.password)).toBe(false);
  });

  it("a cross-origin POST to /logout is refused with 403 and the session survives", async () => {
    const jar = await registerByHttp(newCitizen("登出"));
    const { res: before, html } = await get("/account", jar);
    expect(before.status).toBe(200);
    const csrf = csrfOf(html);

    const { res } = await post("/logout", { csrf }, jar, { origin: EVIL });
    expect(res.status).toBe(403);
    expect((await get("/account", jar)).res.status).toBe(200);

    // the same-origin logout works (so the 403 was the origin check)
    const { res: out } = await post("/logout", { csrf }, jar);
    expect(out.status).toBe(302);
    const after = await get("/account", jar);
    expect(after.res.status).toBe(302);
    expect(after.res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("a same-origin POST without the csrf field (or with a wrong one) is refused with 403 and changes nothing", async () => {
    const citizen = newCitizen("无令牌");
    rememberSecret("phone", citizen.phone);
    rememberSecret("password", citizen.password);
    const jar = new Jar();
    await get("/register", jar);
    const fields = { displayName: citizen.displayName, identifier: citizen.phone, password: citizen.password, confirmPassword: citizen.password };
    for (const form of [fields, { ...fields, csrf: "x".repeat(43) }, { ...fields, csrf: "" }]) {
      const { res, body } = await post("/register", form, jar);
      expect(res.status).toBe(403);
      expect(body).toContain(zhCN["errors.csrf"]);
    }
    expect(await canLogIn(citizen.phone, citizen.password)).toBe(false);

    // login without the token: refused even with the right password
    const member = newCitizen("有账号");
    const session = await registerByHttp(member);
    const anon = new Jar();
    await get("/login", anon);
    const { res: loginRes } = await post("/login", { identifier: member.phone, password: member.password }, anon);
    expect(loginRes.status).toBe(403);
    expect(anon.hasSession()).toBe(false);

    // logout without the token: the session survives
    const { res: logoutRes } = await post("/logout", {}, session);
    expect(logoutRes.status).toBe(403);
    expect((await get("/account", session)).res.status).toBe(200);

    // the anonymous token does not work for a logged-in session (sessions carry their own)
    const { html } = await get("/login", anon);
    const { res: swapped } = await post("/logout", { csrf: csrfOf(html) }, session);
    expect(swapped.status).toBe(403);
  });

  it("a pre-single-fetch data request (?_data=) is answered 404 before Remix, never a 500 (issue 8 R1)", async () => {
    // Remix 2 answers `?_data=` on a loader that returns null (/, /login, /register) with a 500
    for (const target of ["/?_data=root", "/login?_data=routes%2Flogin", "/register?_data=routes%2Fregister", "/staff/queue?_data=routes%2Fstaff.queue"]) {
      const res = await fetch(url(target), { redirect: "manual" });
      expect(res.status, target).toBe(404);
      expect(await res.text(), target).toContain("此地址不存在");
    }
  });

  it("/ sends a CSP whose nonce is on every inline script, and the other security headers", async () => {
    const jar = new Jar();
    const { res, html } = await get("/", jar);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = csp.match(/script-src [^;]*'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(csp).toMatch(/(^|;\s*)frame-ancestors 'none'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");

    const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]);
    const inline = scripts.filter((attrs) => !/\bsrc=/.test(attrs));
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs, `<script${attrs}>`).toContain(`nonce="${nonce}"`);
    // a new nonce per response
    const again = (await get("/", jar)).res.headers.get("content-security-policy");
    expect(again).not.toContain(nonce);
  });

  it("the session cookie is HttpOnly and SameSite=Lax (as sent, and as the browser stored it)", async () => {
    const jar = await registerByHttp(newCitizen("饼干"));
    const line = jar.setCookieLines.find((l) => isSessionCookie(l.split("=")[0]) && !/max-age=0/i.test(l));
    expect(line).toBeDefined();
    const attributes = line!.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");

    const { page, context } = browser.current;
    const citizen = newCitizen("浏览器饼干");
    await registerByHttp(citizen);
    await visit(page, "/login");
    await submitLogin(page, citizen.phone, citizen.password);
    await logoutButton(page).waitFor();
    const cookies = await context.cookies(url("/"));
    const session = cookies.find((c) => isSessionCookie(c.name));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookies.find((c) => isCsrfCookie(c.name))).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    // not readable from the page
    expect(await page.evaluate(() => document.cookie)).toBe("");
    await logout(page);
  });

  it("in development mode (NODE_ENV unset) the session cookie is imr_session without Secure, like imr_csrf", async () => {
    // The server runs without NODE_ENV (global-setup.ts): the Express layer then sends imr_csrf without Secure, and
    // the session cookie must follow the same rule — a Secure cookie is dropped by browsers on plain-HTTP dev hosts
    // other than localhost (e.g. http://192.168.x.x:3000), so no one could log in there.
    const jar = await registerByHttp(newCitizen("开发模式"));
    const csrfLine = jar.setCookieLines.find((l) => isCsrfCookie(l.split("=")[0]));
    expect(csrfLine?.split("=")[0]).toBe("imr_csrf");
    expect(csrfLine).not.toMatch(/;\s*secure/i);
    const sessionLine = jar.setCookieLines.find((l) => isSessionCookie(l.split("=")[0]));
    expect(sessionLine?.split("=")[0], sessionLine).toBe("imr_session");
    expect(sessionLine).not.toMatch(/;\s*secure/i);
  });

  it("?redirectTo pointing to another origin ends on a same-origin page after login", async () => {
    const citizen = newCitizen("跳转");
    await registerByHttp(citizen);
    const targets = ["https://evil.example", "//evil.example", "/\\evil.example", "https:evil.example", "/%2F%2Fevil.example", " //evil.example"];

    // plain HTTP: the Location header
    for (const redirectTo of targets) {
      const jar = new Jar();
      const { html } = await get(`/login?${new URLSearchParams({ redirectTo })}`, jar);
      const { res } = await post("/login", { csrf: csrfOf(html), identifier: citizen.phone, password: citizen.password, redirectTo }, jar);
      expect(res.status, redirectTo).toBe(302);
      const location = res.headers.get("location")!;
      expect(new URL(location, url("/")).origin, `${redirectTo} → ${location}`).toBe(new URL(url("/")).origin);
    }

    // in the browser, for the two classic forms: after the login form, and when already logged in (the loader)
    const { page } = browser.current;
    for (const redirectTo of ["https://evil.example", "//evil.example"]) {
      await visit(page, `/login?${new URLSearchParams({ redirectTo })}`);
      await submitLogin(page, citizen.phone, citizen.password);
      await logoutButton(page).waitFor();
      expect(new URL(page.url()).origin, redirectTo).toBe(new URL(url("/")).origin);
      await heading(page, zhCN["home.heading"]).waitFor();

      await visit(page, `/login?${new URLSearchParams({ redirectTo })}`);
      await logoutButton(page).waitFor();
      expect(new URL(page.url()).origin, redirectTo).toBe(new URL(url("/")).origin);
      await logout(page);
    }
    // (useBrowser's afterEach also fails the test if the browser tried to reach evil.example)
  });
});
