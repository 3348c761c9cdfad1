/// <reference types="vite/client" />
// Every route × every kind of visitor: what each loader answers (a parent route's check does not protect a child in
// Remix, so each route is walked on its own), and every action refuses a form without the CSRF token, changing nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, sessions, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { registerCitizen } from "~/services/auth.server";
import { createSession, loadUser, sessionCookieName } from "~/services/session.server";
import { engineName, useTestDatabase } from "../support/db";

type RouteModule = { loader?: (args: unknown) => Promise<unknown>; action?: (args: unknown) => Promise<unknown> };
const modules = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}", { eager: true });

function pathOf(file: string): string {
  // "[.]" escapes a dot that belongs to the URL ("api.v1.openapi[.]json" → /api/v1/openapi.json)
  const name = file.split("/").pop()!.replace(/\.tsx?$/, "").replace(/\[\.\]/g, "\u0000");
  if (name === "_index") return "/";
  if (name === "$") return "/no/such/page";
  // "login_.enrol": the trailing underscore opts out of nesting under login.tsx, it is not part of the URL
  // "_index" is the index route of its folder: not part of the URL either
  return `/${name
    .split(".")
    .filter((segment) => segment !== "_index")
    .map((segment) => segment.replace(/_$/, "").replace(/\u0000/g, "."))
    .join("/")}`;
}

const visitors = ["anonymous", "citizen", "pending", "center_clerk", "reconsideration_staff", "office_head", "committee_member", "respondent_agent", "admin"] as const;
type Visitor = (typeof visitors)[number];

/** Expected outcome per route: a status, or "login" (redirect to /login), "2fa" (redirect to a two-factor page), "home" (redirect to /), "away" (any redirect). */
type Outcome = number | "login" | "2fa" | "home" | "away";
const staffRoles: Visitor[] = ["center_clerk", "reconsideration_staff", "office_head", "committee_member", "respondent_agent", "admin"];
const signedIn: Visitor[] = ["citizen", ...staffRoles];
function expectation(route: string, v: Visitor): Outcome {
  switch (route) {
    case "/":
    case "/healthz":
    case "/tools/application-deadline":
      return 200;
    case "/guide":
      return 200;
    case "/api/v1/deadlines":
      // public, no login for anyone; walked without a query it answers 400 (period and from missing) to every visitor —
      // the 200 answers are in tests/integration/deadlines-api.test.ts
      return 400;
    case "/login":
    case "/register":
      return signedIn.includes(v) ? "away" : 200;
    case "/account":
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : 200;
    case "/workspace":
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "citizen" ? 403 : 200;
    case "/api/v1/intake":
      // POST only (key-authenticated, tests/integration/intake-api.test.ts); a GET answers 405 to everyone
      return 405;
    case "/api/v1/intake/$externalRef":
      // the client's key, never a session: every visitor without a key gets 401
      return 401;
    case "/api/v1/openapi.json":
      // the intake API's contract: public
      return 200;
    case "/admin/audit":
      // the audit chain's verifications and the button to run one: admins only (issue 7 req. 6)
    case "/admin/organs":
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "admin" ? 200 : 403;
    case "/admin":
    case "/admin/organs/new":
    case "/admin/users":
    case "/admin/users/new":
    case "/admin/committees":
    case "/admin/calendar":
    case "/admin/settings":
    case "/admin/templates":
      // administration (issue 7 req. 4): admins only; non-admins are refused
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "admin" ? 200 : 403;
    case "/admin/organs/$organId":
    case "/admin/users/$userId":
      // one organ or user the admin covers; the walk names none, so even the admin gets 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "admin" ? 404 : 403;
    case "/staff/cases/$caseNumber":
      // staff of the case's organ only; the walk has no real case number, so even they get 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/staff/cases/$caseNumber/documents/$documentId":
      // a printable document and its service record: staff of the case's organ only; no real case in the walk → 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/staff/cases/$caseNumber/decision":
      // mediation and decision of a case: staff of the case's organ only; the walk has no real case number, so even they get 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/staff/cases/$caseNumber/procedure":
      // the review procedure of a case: staff of the case's organ only; the walk has no real case number, so even they get 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/staff/cases/$caseNumber/committee":
      // referral to the committee, members, recusal, adoption record: staff of the case's organ only; no real case → 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/staff/committee":
      // the committee roster and conflicts register of the user's organ: staff read it, heads and admins keep it
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" || v === "admin" ? 200 : 403;
    case "/committee":
      // the committee member's consultations: committee members only (issue 6 req. 3)
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "committee_member" ? 200 : 403;
    case "/committee/$consultationId":
      // a consultation the member is assigned to (and not removed from); the walk names none, so even members get 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "committee_member" ? 404 : 403;
    case "/staff/consultations/$consultationId":
      // the secretary's page of a consultation: staff of the case's organ only; no real consultation in the walk → 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/staff/cases/$caseNumber/letters":
      // the opinion and suggestion letters of a case (Art. 76): staff of the case's organ only; no real case → 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/staff/letters":
      // every letter of the user's organs, and drafting a suggestion letter without a case: staff and office heads
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 200 : 403;
    case "/staff/letters/$letterId":
    case "/staff/letters/$letterId/documents/$documentId":
      // one letter (and its printable documents) of the user's organs; the walk names none, so even staff get 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/agency/letters/$letterId":
      // a letter served on the agent's organ only; the walk names none, so even the agent gets 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "respondent_agent" ? 404 : 403;
    case "/center":
      // the dispute center's intake queue: its clerks, and admins whose membership covers a center (they look)
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "center_clerk" || v === "admin" ? 200 : 403;
    case "/center/new":
      // registering walk-in and transferred items: center clerks only
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "center_clerk" ? 200 : 403;
    case "/center/items/$caseNumber":
      // an item of a center the visitor covers; the walk has no real case number, so even they get 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "center_clerk" || v === "admin" ? 404 : 403;
    case "/staff/queue":
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 200 : 403;
    case "/staff/team":
      // the office's people, leave and conflicts: staff may view, the head records (the action checks head)
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 200 : 403;
    case "/staff/cases/$caseNumber/performance":
      // performance monitoring of a case (Art. 77): staff of the case's organ only; no real case in the walk → 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/agency/performance/$caseNumber":
      // a decision or 调解书 the agent's organ must perform; the walk names no case, so even the agent gets 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "respondent_agent" ? 404 : 403;
    case "/staff/compliance":
    case "/staff/compliance/csv":
      // letters and performance per agency and period: office heads and admins, for the organs they cover
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "office_head" || v === "admin" ? 200 : 403;
    case "/stats":
    case "/stats/csv":
      // the statistics dashboard (issue 7 req. 2): office heads and admins, for the organs they cover
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "office_head" || v === "admin" ? 200 : 403;
    case "/staff/court-appearances":
      // the lawsuit register (出庭应诉, issue 7 req. 2): the organ's agency user, reconsideration office, heads; admins
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : (["respondent_agent", "reconsideration_staff", "office_head", "admin"] as Visitor[]).includes(v) ? 200 : 403;
    case "/staff/overdue":
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "office_head" ? 200 : 403;
    case "/notifications":
      // every signed-in account has its own notifications
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : 200;
    case "/agency":
      // the respondent agency workspace: respondent agents only
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "respondent_agent" ? 200 : 403;
    case "/agency/cases/$caseNumber":
    case "/agency/cases/$caseNumber/documents/$documentId":
      // a case against the agent's organ only; the walk has no real case number, so even the agent gets 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "respondent_agent" ? 404 : 403;
    case "/login/enrol":
      return v === "pending" ? 200 : v === "anonymous" ? "login" : "home";
    case "/login/two-factor":
      return v === "pending" ? "2fa" : v === "anonymous" ? "login" : "home"; // the pending visitor is not enrolled yet
    case "/logout":
    case "/locale":
    case "/session/extend":
      return "home";
    case "/files/$fileId":
      // walked without a file id: any signed-in visitor gets 404 (a missing file and a forbidden one look alike)
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : 404;
    case "/apply/mediation":
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : 200;
    case "/my/cases":
      // every signed-in account sees its own filings (staff file none: an empty list)
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : 200;
    case "/my/cases/$caseNumber":
    case "/my/cases/$caseNumber/documents/$documentId":
      // only a case (document) of the visitor's own; the walk names none, so every signed-in visitor gets 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : 404;
    case "/my/cases/$caseNumber/receipt":
      // only the filer's own case; the walk has no real case number, so every signed-in visitor gets 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : 404;
    case "/apply/reconsideration":
    case "/my/applications":
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : 200;
    case "/apply/reconsideration/$draftId/$step":
      // walked without a draft of the visitor's own: not found (never someone else's draft)
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : 404;
    case "/verify":
      return 200;
    case "/public/decisions":
      // the published (anonymised) decisions: public, no login (issue 7 req. 3)
      return 200;
    case "/public/decisions/$id":
      // one published copy; the walk names none, so it is unknown to everyone → 404
      return 404;
    case "/staff/publications":
      // the review of proposed publications: office heads only, for the organs they head
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "office_head" ? 200 : 403;
    case "/staff/cases/$caseNumber/publication":
      // proposing a case's decision for publication: staff of the case's organ only; no real case in the walk → 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/mediation/invite/$token":
      // the other party's invitation link: public, no login; walked without a token, it is unknown to everyone → 404
      return 404;
    case "/staff/mediation/$caseNumber/invitation":
      // inviting the other party to a mediation: staff of the request's organ only; no real case in the walk → 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/staff/mediation":
      // the administrative mediation requests of the user's organs (issue 7 req. 1): staff and office heads
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 200 : 403;
    case "/staff/mediation/$caseNumber":
    case "/staff/mediation/$caseNumber/documents/$documentId":
      // one mediation request (and its documents) of the user's organs; no real case in the walk → 404
      return v === "anonymous" ? "login" : v === "pending" ? "2fa" : v === "reconsideration_staff" || v === "office_head" ? 404 : 403;
    case "/no/such/page":
      return 404;
    default:
      throw new Error(`no expectation for ${route}: add the new route to this table`);
  }
}

const context = { requestId: "test", cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };

async function outcome(run: () => Promise<unknown>): Promise<{ status: number; location?: string }> {
  try {
    const value = await run();
    if (value instanceof Response) return { status: value.status, location: value.headers.get("location") ?? undefined };
    if (value && typeof value === "object" && "init" in value && (value as { init?: { status?: number } }).init?.status) {
      return { status: (value as { init: { status: number } }).init.status };
    }
    return { status: 200 };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("location") ?? undefined };
    const init = (thrown as { init?: { status?: number } }).init;
    if (init?.status) return { status: init.status };
    throw thrown;
  }
}

function matches(actual: { status: number; location?: string }, expected: Outcome): boolean {
  if (typeof expected === "number") return actual.status === expected;
  if (actual.status !== 302) return false;
  const loc = actual.location ?? "";
  if (expected === "login") return loc === "/login" || loc.startsWith("/login?redirectTo=");
  if (expected === "2fa") return loc.startsWith("/login/enrol") || loc.startsWith("/login/two-factor");
  if (expected === "home") return loc === "/";
  return loc.startsWith("/");
}

const t = useTestDatabase();
const cookies = new Map<Visitor, string>();
const csrf = new Map<Visitor, string>();

beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  const now = new Date();
  const r = await registerCitizen({ displayName: "路由测试", identifier: "walker@example.com", password: "Route-Walker-77", confirmPassword: "Route-Walker-77" }, { now });
  if (!r.ok) throw new Error("register failed");
  const logins: Record<Exclude<Visitor, "anonymous">, string> = {
    citizen: "walker@example.com",
    pending: "staff2@demo.nmg.example",
    center_clerk: "clerk@demo.nmg.example",
    reconsideration_staff: "staff1@demo.nmg.example",
    office_head: "head@demo.nmg.example",
    committee_member: "member1@demo.nmg.example",
    respondent_agent: "agent@demo.nmg.example",
    admin: "admin@demo.nmg.example",
  };
  for (const [visitor, email] of Object.entries(logins) as [Visitor, string][]) {
    const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const user = (await loadUser(t.db, row.id))!;
    // a full session as after password + TOTP; "pending" has passed the password step only
    const s = await createSession(t.db, { user, twoFactorDone: visitor !== "pending", now });
    cookies.set(visitor, `${sessionCookieName()}=${s.token}`);
    const [sess] = await t.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, s.id));
    csrf.set(visitor, sess.csrf);
  }
});
afterAll(() => setDatabase(undefined));

function request(path: string, visitor: Visitor, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  const cookie = cookies.get(visitor);
  if (cookie) headers.set("cookie", cookie);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

const routes = Object.entries(modules).map(([file, mod]) => ({ file, path: pathOf(file), mod }));

describe(`every route × every visitor (${engineName()})`, () => {
  it("finds the routes", () => expect(routes.length).toBeGreaterThanOrEqual(12));
  for (const { path, mod } of routes) {
    if (!mod.loader) continue;
    it(`GET ${path}`, async () => {
      for (const v of visitors) {
        const expected = expectation(path, v);
        const actual = await outcome(() => mod.loader!({ request: request(path, v), context, params: {} }));
        expect(matches(actual, expected), `${path} as ${v}: got ${actual.status} ${actual.location ?? ""}, expected ${expected}`).toBe(true);
      }
    });
  }
});

describe(`CSRF: every action refuses a form without the right token and changes nothing (${engineName()})`, () => {
  // the intake API authenticates by key, not by session and CSRF token: walked on its own below
  const actionRoutes = routes.filter((r) => r.mod.action && r.path !== "/no/such/page" && r.path !== "/api/v1/intake");
  it("finds the actions", () => expect(actionRoutes.map((r) => r.path).sort()).toEqual(
    [
      "/account",
      "/admin/audit",
      "/admin/calendar",
      "/admin/organs/$organId",
      "/admin/organs/new",
      "/admin/settings",
      "/admin/templates",
      "/admin/users/$userId",
      "/admin/users/new",
      "/agency/cases/$caseNumber",
      "/agency/letters/$letterId",
      "/agency/performance/$caseNumber",
      "/apply/mediation",
      "/apply/reconsideration",
      "/apply/reconsideration/$draftId/$step",
      "/center/items/$caseNumber",
      "/center/new",
      "/committee/$consultationId",
      "/locale",
      "/login",
      "/login/enrol",
      "/login/two-factor",
      "/logout",
      "/mediation/invite/$token",
      "/my/applications",
      "/my/cases/$caseNumber",
      "/notifications",
      "/register",
      "/session/extend",
      "/staff/cases/$caseNumber",
      "/staff/cases/$caseNumber/committee",
      "/staff/cases/$caseNumber/decision",
      "/staff/cases/$caseNumber/documents/$documentId",
      "/staff/cases/$caseNumber/letters",
      "/staff/cases/$caseNumber/performance",
      "/staff/cases/$caseNumber/procedure",
      "/staff/cases/$caseNumber/publication",
      "/staff/committee",
      "/staff/consultations/$consultationId",
      "/staff/court-appearances",
      "/staff/letters",
      "/staff/letters/$letterId",
      "/staff/mediation/$caseNumber",
      "/staff/mediation/$caseNumber/invitation",
      "/staff/publications",
      "/staff/queue",
      "/staff/team",
    ],
  ));
  // the visitor for whom the action would otherwise go ahead
  const actorFor: Record<string, Visitor> = { "/account": "citizen", "/admin/audit": "admin", "/admin/calendar": "admin", "/admin/organs/$organId": "admin", "/admin/organs/new": "admin", "/admin/settings": "admin", "/admin/templates": "admin", "/admin/users/$userId": "admin", "/admin/users/new": "admin", "/login/enrol": "pending", "/login/two-factor": "pending", "/logout": "respondent_agent", "/session/extend": "citizen", "/staff/cases/$caseNumber": "reconsideration_staff",
    "/staff/queue": "reconsideration_staff",
    "/center/items/$caseNumber": "center_clerk",
    "/center/new": "center_clerk",
    "/staff/cases/$caseNumber/decision": "office_head",
    "/staff/cases/$caseNumber/committee": "reconsideration_staff",
    "/staff/committee": "office_head",
    "/staff/cases/$caseNumber/procedure": "reconsideration_staff",
    "/staff/cases/$caseNumber/documents/$documentId": "reconsideration_staff",
    "/agency/cases/$caseNumber": "respondent_agent",
    "/agency/letters/$letterId": "respondent_agent",
    "/staff/cases/$caseNumber/letters": "reconsideration_staff",
    "/staff/letters": "reconsideration_staff",
    "/staff/letters/$letterId": "reconsideration_staff",
    "/agency/performance/$caseNumber": "respondent_agent",
    "/staff/cases/$caseNumber/performance": "office_head",
    "/staff/team": "office_head",
    "/committee/$consultationId": "committee_member",
    "/staff/consultations/$consultationId": "reconsideration_staff",
    "/notifications": "citizen",
    "/apply/mediation": "citizen",
    "/apply/reconsideration": "citizen",
    "/apply/reconsideration/$draftId/$step": "citizen",
    "/my/applications": "citizen",
    "/my/cases/$caseNumber": "citizen",
    "/staff/cases/$caseNumber/publication": "reconsideration_staff",
    "/staff/publications": "office_head",
    "/staff/mediation/$caseNumber/invitation": "reconsideration_staff",
    "/staff/mediation/$caseNumber": "reconsideration_staff",
    "/staff/court-appearances": "reconsideration_staff",
  };
  const bodies: Record<string, Record<string, string>> = {
    // a wrong current password: the right-token request then answers 400 and leaves the citizen's session alone
    "/account": { currentPassword: "Not-The-Password-1", newPassword: "Changed-Pass-99", confirmPassword: "Changed-Pass-99" },
    "/login": { identifier: "walker@example.com", password: "Route-Walker-77" },
    "/register": { displayName: "攻击者", identifier: "csrf@example.com", password: "Csrf-Attack-123", confirmPassword: "Csrf-Attack-123" },
    "/login/enrol": { code: "123456" },
    "/login/two-factor": { code: "123456" },
    "/locale": { to: "en", redirectTo: "/" },
  };
  const snapshot = async () => ({
    users: await t.db.$count(users),
    sessions: await t.db.$count(sessions),
    events: await t.db.$count(auditEvents),
    revoked: (await t.db.select({ r: sessions.revokedAt }).from(sessions)).filter((s) => s.r).length,
  });
  for (const { path, mod } of actionRoutes) {
    it(`POST ${path}`, async () => {
      const visitor = actorFor[path] ?? "anonymous";
      const before = await snapshot();
      // the third: another session's token (the admin's; the citizen's when the admin is the actor)
      for (const token of [undefined, "wrong-token-wrong-token-00", csrf.get(visitor === "admin" ? "citizen" : "admin")]) {
        const form = new URLSearchParams(bodies[path] ?? {});
        if (token) form.set("csrf", token);
        const req = request(path, visitor, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
        const actual = await outcome(() => mod.action!({ request: req, context, params: {} }));
        expect(actual.status, `${path} with token ${token ?? "(none)"}`).toBe(403);
      }
      expect(await snapshot()).toEqual(before);
      // and with the right token the same request is not refused for CSRF (the check is real, not a blanket 403)
      const form = new URLSearchParams(bodies[path] ?? {});
      form.set("csrf", visitor === "anonymous" ? context.anonymousCsrf : csrf.get(visitor)!);
      const req = request(path, visitor, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
      const ok = await outcome(() => mod.action!({ request: req, context, params: {} }));
      expect(ok.status, path).not.toBe(403);
    });
  }

  it("POST /api/v1/intake authenticates by key alone: a session cookie and its CSRF token get 401, and nothing is written", async () => {
    const intake = routes.find((r) => r.path === "/api/v1/intake")!.mod;
    const before = await snapshot();
    for (const v of visitors) {
      const form = new URLSearchParams({ externalRef: "csrf-1", csrf: v === "anonymous" ? context.anonymousCsrf : csrf.get(v)! });
      const req = request("/api/v1/intake", v, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect((await outcome(() => intake.action!({ request: req, context, params: {} }))).status, v).toBe(401);
    }
    expect(await snapshot()).toEqual(before);
  });
});
