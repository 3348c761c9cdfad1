/// <reference types="vite/client" />
// Authorization of issue 5 (req. 9): clerks, staff, office heads and respondent-agency users see and do only what their
// role and organ allow. Real cases: one of 呼和浩特市人民政府 (150100) against its market regulator, routed through the
// center, accepted and its copy served (every page has something to show); one still pending at the 呼和浩特 center; and
// one of 包头市人民政府 (150200), routed, accepted and served, so that every visitor also meets a case of another organ.
// Every route × every visitor × every case: the loader with real params, the action with a valid CSRF token and a
// harmless form (an unknown intent; a real command on a stale version for those allowed, on the current version for
// those who are not), compared with an explicit expectation table. Unexpected allows are counted and must be 0, and
// the denied actions change nothing (audit events, case versions, every handling table).
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import {
  auditEvents,
  caseConflicts,
  caseDocuments,
  caseRoutings,
  cases,
  consultationQuestions,
  followUpReports,
  memberConflicts,
  recusalRequests,
  decisionDrafts,
  documentServices,
  hearings,
  organs,
  respondentReplies,
  roleMemberships,
  sessions,
  staffLeave,
  users,
} from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import * as agencyIndex from "~/routes/agency._index";
import * as agencyCase from "~/routes/agency.cases.$caseNumber";
import * as agencyDocument from "~/routes/agency.cases.$caseNumber_.documents.$documentId";
import * as centerIndex from "~/routes/center._index";
import * as centerItem from "~/routes/center.items.$caseNumber";
import * as centerNew from "~/routes/center.new";
import * as notificationsRoute from "~/routes/notifications";
import * as committeeIndex from "~/routes/committee._index";
import * as staffCase from "~/routes/staff.cases.$caseNumber";
import * as staffCommittee from "~/routes/staff.cases.$caseNumber_.committee";
import * as staffLetters from "~/routes/staff.cases.$caseNumber_.letters";
import * as staffPerformance from "~/routes/staff.cases.$caseNumber_.performance";
import * as agencyPerformance from "~/routes/agency.performance.$caseNumber";
import * as committeeRoster from "~/routes/staff.committee";
import * as lettersIndex from "~/routes/staff.letters._index";
import * as compliance from "~/routes/staff.compliance";
import * as staffDecision from "~/routes/staff.cases.$caseNumber_.decision";
import * as staffDocument from "~/routes/staff.cases.$caseNumber_.documents.$documentId";
import * as staffProcedure from "~/routes/staff.cases.$caseNumber_.procedure";
import * as staffOverdue from "~/routes/staff.overdue";
import * as staffQueue from "~/routes/staff.queue";
import * as staffTeam from "~/routes/staff.team";
import { routeAsSuggested } from "~/services/center.server";
import { createDraft } from "~/services/drafts.server";
import { submitReconsideration } from "~/services/filing.server";
import { createSession, loadUser, sessionCookieName, type CurrentUser } from "~/services/session.server";
import { acceptApplication } from "~/services/staff-cases.server";
import { applyCommand } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";
import { submissionKey, validDraftData } from "../support/filing-fixture";

const t = useTestDatabase();
const context = { requestId: "case-authz-test", cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };

// ---------------------------------------------------------------------------------------------------------------
// Visitors

const visitors = [
  "anonymous",
  "filer", // citizen1, who filed every case of this file
  "citizen", // citizen2, who filed nothing
  "pending", // staff2 after the password step only (no TOTP yet)
  "clerk", // center_clerk of 150100-center
  "staff", // reconsideration_staff of 150100
  "head", // office_head of 150100
  "agent", // respondent_agent of 150100-market
  "member", // committee_member of 150100
  "admin", // admin of 150000 and below
  "staffB", // reconsideration_staff of 150200 (包头)
  "headB", // office_head of 150200
  "clerkB", // center_clerk of 150200-center
  "agentB", // respondent_agent of 150200-market
  "agentJ", // respondent_agent of 150100-justice: the same city, another department
] as const;
type Visitor = (typeof visitors)[number];

const users_ = new Map<Visitor, CurrentUser>();
const cookies = new Map<Visitor, { cookie: string; csrf: string }>();

// ---------------------------------------------------------------------------------------------------------------
// Cases

type CaseKey = "A" | "P" | "C";
interface Fixture {
  number: string;
  id: string;
  /** staff documents of the case: the acceptance notice and the reply notice (none for the pending case) */
  docs: { id: string; kind: string }[];
}
const fx = {} as Record<CaseKey, Fixture>;
/** 新城区人民政府: where a reroute probe would send a case */
let otherOrganId = "";

/** Who may see each case on the pages of this issue. */
const staffOf: Record<CaseKey, Visitor[]> = {
  A: ["staff", "head"],
  // The pending case's organ (150100, computed at filing) is already set while the item waits at the center, but the
  // item is the center's until a clerk routes it: the organ's staff and head get 404 like anyone else.
  P: [],
  C: ["staffB", "headB"],
};
const clerkOf: Record<CaseKey, Visitor[]> = { A: ["clerk"], P: ["clerk"], C: ["clerkB"] };
/** The center's intake pages: its clerks, and the admin whose membership covers both divisions (read only). */
const centerViewersOf = (k: CaseKey): Visitor[] => [...clerkOf[k], "admin"];
/** The respondent's agents once the copy was served (the pending case was not). */
const agentOf: Record<CaseKey, Visitor[]> = { A: ["agent"], P: [], C: ["agentB"] };

const roles = {
  caseHandle: ["staff", "head", "staffB", "headB"] as Visitor[],
  center: ["clerk", "clerkB", "admin"] as Visitor[],
  clerk: ["clerk", "clerkB"] as Visitor[],
  head: ["head", "headB"] as Visitor[],
  agency: ["agent", "agentB", "agentJ"] as Visitor[],
};

/** Expected: a status, "login" / "2fa" redirects, "refused" (400 or 409: the form was looked at and refused, nothing
 *  written), "ok" (a 2xx or a 303 to a page of the app: the action went ahead). */
type Outcome = 200 | 403 | 404 | 400 | "login" | "2fa" | "refused" | "ok";

/** The common shape: anonymous → login, pending → two-factor, no role → 403, role but not this case → 404, else `yes`. */
function gate(v: Visitor, roleHolders: Visitor[], allowed: Visitor[], yes: Outcome): Outcome {
  if (v === "anonymous") return "login";
  if (v === "pending") return "2fa";
  if (!roleHolders.includes(v)) return 403;
  return allowed.includes(v) ? yes : 404;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests and outcomes

type Module = { loader?: (a: never) => Promise<unknown>; action?: (a: never) => Promise<unknown> };

function request(v: Visitor, path: string, form?: Record<string, string>): Request {
  const headers = new Headers();
  const c = cookies.get(v);
  if (c) headers.set("cookie", c.cookie);
  const url = `http://localhost${path}`;
  if (!form) return new Request(url, { headers });
  headers.set("content-type", "application/x-www-form-urlencoded");
  const body = new URLSearchParams({ csrf: c?.csrf ?? context.anonymousCsrf, ...form });
  return new Request(url, { method: "POST", headers, body });
}

interface Actual {
  status: number;
  location?: string;
  body: string;
}
async function run(fn: () => Promise<unknown>): Promise<Actual> {
  const unpack = async (value: unknown): Promise<Actual> => {
    if (value instanceof Response) return { status: value.status, location: value.headers.get("location") ?? undefined, body: await value.text().catch(() => "") };
    if (value && typeof value === "object" && "type" in value && (value as { type: string }).type === "DataWithResponseInit") {
      const v = value as unknown as { data: unknown; init: { status?: number; headers?: HeadersInit } | null };
      const location = v.init?.headers ? new Headers(v.init.headers).get("location") ?? undefined : undefined;
      return { status: v.init?.status ?? 200, location, body: JSON.stringify(v.data ?? null) };
    }
    return { status: 200, body: JSON.stringify(value ?? null) };
  };
  try {
    return await unpack(await fn());
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown; // a 500: never expected
    return unpack(thrown);
  }
}

const isLogin = (a: Actual) => a.status === 302 && (a.location === "/login" || (a.location ?? "").startsWith("/login?redirectTo="));
const is2fa = (a: Actual) => a.status === 302 && /^\/login\/(enrol|two-factor)/.test(a.location ?? "");
/** The request went ahead: a 2xx, or a redirect that is not to the login. */
const wentAhead = (a: Actual) => (a.status >= 200 && a.status < 300) || (a.status >= 300 && a.status < 400 && !isLogin(a) && !is2fa(a));

function matches(a: Actual, expected: Outcome): boolean {
  if (expected === "login") return isLogin(a);
  if (expected === "2fa") return is2fa(a);
  if (expected === "refused") return a.status === 400 || a.status === 409;
  if (expected === "ok") return wentAhead(a);
  return a.status === expected;
}
const isAllow = (o: Outcome) => o === 200 || o === "ok";

// ---------------------------------------------------------------------------------------------------------------
// Setup

async function userByEmail(email: string) {
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await loadUser(t.db, row.id))!;
}
async function organId(code: string) {
  const [o] = await t.db.select({ id: organs.id }).from(organs).where(eq(organs.code, code));
  if (!o) throw new Error(`no organ ${code}`);
  return o.id;
}
async function newUser(email: string, role: "reconsideration_staff" | "office_head" | "center_clerk" | "respondent_agent", organCode: string) {
  const [u] = await t.db.insert(users).values({ email, displayName: email, passwordHash: "x" }).returning({ id: users.id });
  await t.db.insert(roleMemberships).values({ userId: u.id, role, organId: await organId(organCode) });
  return (await loadUser(t.db, u.id))!;
}
async function caseRow(caseNumber: string) {
  const [row] = await t.db.select().from(cases).where(eq(cases.caseNumber, caseNumber));
  return row;
}

/** citizen1 files against `respondentCode`; unless `pending`, the center routes it as suggested, the organ's staff
 *  accept it (ordinary) and serve the copy on the respondent. */
async function fileCase(respondentCode: string, handler: CurrentUser | null): Promise<Fixture> {
  const filer = users_.get("filer")!;
  const today = todayInShanghai(new Date());
  const data = validDraftData(await organId(respondentCode));
  Object.assign(data.act as Record<string, unknown>, {
    madeOn: addCalendarDays(today, -10),
    learnedOn: addCalendarDays(today, -8),
    actDocumentNumber: `市监罚〔2026〕${Math.floor(Math.random() * 1e6)}号`,
  });
  const draft = await createDraft(filer.id, "reconsideration", data, "review");
  if (!draft.ok) throw new Error(draft.error);
  const r = await submitReconsideration({ user: filer, draftId: draft.draft.id, review: { electronicServiceConsent: "yes", declaration: "yes", submissionKey: submissionKey() } });
  if (!r.ok) throw new Error(`filing failed: ${r.formError}`);
  const row = await caseRow(r.caseNumber);
  if (handler) {
    const routed = await routeAsSuggested({ caseNumber: r.caseNumber });
    if (!routed.ok) throw new Error(`routing failed: ${routed.formError}`);
    const accepted = await acceptApplication({ user: handler, caseNumber: r.caseNumber, version: routed.version });
    if (!accepted.ok) throw new Error(`accept failed: ${accepted.code}`);
    const served = await applyCommand({
      caseId: row.id,
      expectedVersion: accepted.version,
      command: { type: "SERVE_COPY_ON_RESPONDENT", respondentReceivedOn: today },
      actor: { role: "reconsideration_staff", userId: handler.id },
      actorUserId: handler.id,
      now: new Date(),
    });
    if (!served.ok || served.state !== "AWAITING_REPLY") throw new Error("serving the copy failed");
  }
  const docs = await t.db.select({ id: caseDocuments.id, kind: caseDocuments.kind }).from(caseDocuments).where(eq(caseDocuments.caseId, row.id));
  return { number: r.caseNumber, id: row.id, docs };
}

beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  const demo: [Visitor, string][] = [
    ["filer", "citizen1@demo.nmg.example"],
    ["citizen", "citizen2@demo.nmg.example"],
    ["pending", "staff2@demo.nmg.example"],
    ["clerk", "clerk@demo.nmg.example"],
    ["staff", "staff1@demo.nmg.example"],
    ["head", "head@demo.nmg.example"],
    ["agent", "agent@demo.nmg.example"],
    ["member", "member1@demo.nmg.example"],
    ["admin", "admin@demo.nmg.example"],
  ];
  for (const [v, email] of demo) users_.set(v, await userByEmail(email));
  users_.set("staffB", await newUser("staff-baotou@example.com", "reconsideration_staff", "150200"));
  users_.set("headB", await newUser("head-baotou@example.com", "office_head", "150200"));
  users_.set("clerkB", await newUser("clerk-baotou@example.com", "center_clerk", "150200-center"));
  users_.set("agentB", await newUser("agent-baotou-market@example.com", "respondent_agent", "150200-market"));
  users_.set("agentJ", await newUser("agent-hohhot-justice@example.com", "respondent_agent", "150100-justice"));
  const now = new Date();
  for (const [v, user] of users_) {
    const s = await createSession(t.db, { user, twoFactorDone: v !== "pending", now });
    const [row] = await t.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, s.id));
    cookies.set(v, { cookie: `${sessionCookieName()}=${s.token}`, csrf: row.csrf });
  }
  otherOrganId = await organId("150102");
  fx.A = await fileCase("150100-market", users_.get("staff")!);
  fx.P = await fileCase("150100-market", null);
  fx.C = await fileCase("150200-market", users_.get("staffB")!);
  // the fixtures are what the walk assumes
  for (const k of ["A", "C"] as const) {
    const row = await caseRow(fx[k].number);
    if (row.triageStatus !== "routed" || row.state !== "AWAITING_REPLY") throw new Error(`case ${k}: ${row.triageStatus} ${row.state}`);
    if (!fx[k].docs.some((d) => d.kind === "reply_notice") || !fx[k].docs.some((d) => d.kind === "acceptance_notice")) throw new Error(`case ${k}: documents ${fx[k].docs.map((d) => d.kind)}`);
  }
  if ((await caseRow(fx.P.number)).triageStatus !== "pending") throw new Error("case P is not pending");
  if ((await caseRow(fx.C.number)).organId !== (await organId("150200"))) throw new Error("case C is not 包头's");
}, 120_000);
afterAll(() => setDatabase(undefined));

// ---------------------------------------------------------------------------------------------------------------
// The walk

interface Cell {
  route: string;
  kind: "GET" | "POST";
  probe: string;
  visitor: Visitor;
  caseKey?: CaseKey;
  expected: Outcome;
  actual: Actual;
}
const cells: Cell[] = [];
const unexpected = (c: Cell) => !isAllow(c.expected) && c.expected !== "refused" && wentAhead(c.actual);

async function snapshot() {
  const ids = [fx.A.id, fx.P.id, fx.C.id];
  const versions = await t.db.select({ id: cases.id, version: cases.version, state: cases.state, organId: cases.organId, handlerId: cases.handlerId, triage: cases.triageStatus }).from(cases).where(inArray(cases.id, ids));
  return {
    events: await t.db.$count(auditEvents),
    cases: await t.db.$count(cases),
    versions: versions.sort((a, b) => a.id.localeCompare(b.id)),
    routings: await t.db.$count(caseRoutings),
    documents: await t.db.$count(caseDocuments),
    services: await t.db.$count(documentServices),
    leave: await t.db.$count(staffLeave),
    conflicts: await t.db.$count(caseConflicts),
    replies: await t.db.$count(respondentReplies),
    hearings: await t.db.$count(hearings),
    drafts: await t.db.$count(decisionDrafts),
    questions: await t.db.$count(consultationQuestions),
    reports: await t.db.$count(followUpReports),
    recusals: await t.db.$count(recusalRequests),
    memberConflicts: await t.db.$count(memberConflicts),
  };
}

async function walk(cell: Omit<Cell, "actual">, call: () => Promise<unknown>): Promise<Cell> {
  const actual = await run(call);
  const done = { ...cell, actual };
  cells.push(done);
  return done;
}

const caseKeys: CaseKey[] = ["A", "P", "C"];
const stale = async (k: CaseKey) => String((await caseRow(fx[k].number)).version + 7);
const current = async (k: CaseKey) => String((await caseRow(fx[k].number)).version);
/** The real command probes: stale for those allowed (refused 409/400), the current version for the others. */
const versionFor = async (allowed: boolean, k: CaseKey) => (allowed ? stale(k) : current(k));

/** A case route: its loader, and its action with an unknown intent and with a real command. */
async function walkCaseRoute(args: {
  route: string;
  mod: Module;
  path: (n: string) => string;
  roleHolders: Visitor[];
  allowedOf: (k: CaseKey) => Visitor[];
  /** the action's role holders when they differ from the loader's (the center: the admin looks, only clerks act) */
  actionRoleHolders?: Visitor[];
  command?: (k: CaseKey, version: string) => Record<string, string>;
}) {
  for (const k of caseKeys) {
    const n = fx[k].number;
    for (const v of visitors) {
      const expected = gate(v, args.roleHolders, args.allowedOf(k), 200);
      await walk({ route: args.route, kind: "GET", probe: "loader", visitor: v, caseKey: k, expected }, () =>
        args.mod.loader!({ request: request(v, args.path(n)), params: { caseNumber: n }, context } as never),
      );
      if (!args.mod.action) continue;
      const actors = args.actionRoleHolders ?? args.roleHolders;
      const allowed = args.allowedOf(k).filter((a) => actors.includes(a));
      const expectedPost = gate(v, actors, allowed, "refused");
      await walk({ route: args.route, kind: "POST", probe: "unknown intent", visitor: v, caseKey: k, expected: expectedPost }, async () =>
        args.mod.action!({ request: request(v, args.path(n), { intent: "no-such-intent", version: await current(k) }), params: { caseNumber: n }, context } as never),
      );
      if (args.command) {
        const form = args.command(k, await versionFor(allowed.includes(v), k));
        await walk({ route: args.route, kind: "POST", probe: `command ${form.intent ?? "reply"}`, visitor: v, caseKey: k, expected: expectedPost }, () =>
          args.mod.action!({ request: request(v, args.path(n), form), params: { caseNumber: n }, context } as never),
        );
      }
    }
  }
}

/** A document route: every staff document of every case, under its own case number and under another case's. */
async function walkDocumentRoute(args: { route: string; mod: Module; base: string; roleHolders: Visitor[]; allowedOf: (k: CaseKey, doc: { kind: string }) => Visitor[] }) {
  const allDocs = caseKeys.flatMap((owner) => fx[owner].docs.map((d) => ({ ...d, owner })));
  for (const k of caseKeys) {
    const n = fx[k].number;
    for (const doc of allDocs) {
      const own = doc.owner === k;
      const path = `${args.base}/${encodeURIComponent(n)}/documents/${doc.id}`;
      const params = { caseNumber: n, documentId: doc.id };
      for (const v of visitors) {
        const allowed = own ? args.allowedOf(k, doc) : [];
        await walk({ route: args.route, kind: "GET", probe: `loader ${doc.kind}${own ? "" : ` of case ${doc.owner}`}`, visitor: v, caseKey: k, expected: gate(v, args.roleHolders, allowed, 200) }, () =>
          args.mod.loader!({ request: request(v, path), params, context } as never),
        );
        if (!args.mod.action) continue;
        // an incomplete service record (no recipient): refused with 400 where the document is the visitor's to serve
        await walk({ route: args.route, kind: "POST", probe: `incomplete service ${doc.kind}${own ? "" : ` of case ${doc.owner}`}`, visitor: v, caseKey: k, expected: gate(v, args.roleHolders, allowed, "refused") }, () =>
          args.mod.action!({ request: request(v, path, { method: "in_person", date: todayInShanghai(new Date()) }), params, context } as never),
        );
        if (!allowed.includes(v)) {
          // and a complete one, which would be written if the visitor were let through
          const form = { recipient: `party:00000000-0000-4000-8000-000000000000`, method: "in_person", date: todayInShanghai(new Date()), signer: "张三" };
          await walk({ route: args.route, kind: "POST", probe: `service record ${doc.kind}${own ? "" : ` of case ${doc.owner}`}`, visitor: v, caseKey: k, expected: gate(v, args.roleHolders, allowed, "refused") }, () =>
            args.mod.action!({ request: request(v, path, form), params, context } as never),
          );
        }
      }
    }
  }
}

/** What each visitor may see in any page's data: the case numbers of the cases they may see. */
function visibleTo(v: Visitor): Set<string> {
  const out = new Set<string>();
  for (const k of caseKeys) {
    if (v === "filer" || staffOf[k].includes(v) || centerViewersOf(k).includes(v) || agentOf[k].includes(v)) out.add(fx[k].number);
  }
  return out;
}

/** A page without a case: the loader, the data it shows (no case number the visitor may not see), its action probes. */
async function walkListRoute(args: { route: string; mod: Module; allowed: Visitor[]; probes?: { name: string; form: (v: Visitor) => Record<string, string> | Promise<Record<string, string>>; expected: (v: Visitor) => Outcome }[] }) {
  for (const v of visitors) {
    const expected: Outcome = v === "anonymous" ? "login" : v === "pending" ? "2fa" : args.allowed.includes(v) ? 200 : 403;
    const cell = await walk({ route: args.route, kind: "GET", probe: "loader", visitor: v, expected }, () => args.mod.loader!({ request: request(v, args.route), params: {}, context } as never));
    if (cell.actual.status === 200) {
      const visible = visibleTo(v);
      for (const k of caseKeys) {
        if (visible.has(fx[k].number)) continue;
        if (cell.actual.body.includes(fx[k].number)) cells.push({ ...cell, probe: `data shows case ${k}`, expected: 403 });
      }
    }
    for (const p of args.probes ?? []) {
      const form = await p.form(v);
      await walk({ route: args.route, kind: "POST", probe: p.name, visitor: v, expected: p.expected(v) }, () =>
        args.mod.action!({ request: request(v, args.route, form), params: {}, context } as never),
      );
    }
  }
}

const signedIn = (v: Visitor) => v !== "anonymous" && v !== "pending";
const gateRole = (v: Visitor, holders: Visitor[], yes: Outcome): Outcome => (v === "anonymous" ? "login" : v === "pending" ? "2fa" : holders.includes(v) ? yes : 403);

describe(`issue 5 and 6 authorization: every route × every visitor × a case of their organ and of another (${engineName()})`, () => {
  it("walks every route, and lets no one through who is not in the table, changing nothing", async () => {
    const before = await snapshot();
    const enc = encodeURIComponent;

    // --- the center
    await walkListRoute({ route: "/center", mod: centerIndex as Module, allowed: roles.center });
    await walkListRoute({
      route: "/center/new",
      mod: centerNew as Module,
      allowed: roles.clerk,
      probes: [{ name: "empty item", form: () => ({ kind: "no-such-kind" }), expected: (v) => gateRole(v, roles.clerk, "refused") }],
    });
    await walkCaseRoute({
      route: "/center/items/$caseNumber",
      mod: centerItem as Module,
      path: (n) => `/center/items/${enc(n)}`,
      roleHolders: roles.center,
      actionRoleHolders: roles.clerk,
      allowedOf: centerViewersOf,
      command: (k, version): Record<string, string> =>
        k === "P"
          ? { intent: "confirm", version }
          : { intent: "reroute", version, organId: otherOrganId, channel: "reconsideration", reason: "改送他处" },
    });

    // --- the office's queue, team and overdue list
    const claim = (k: CaseKey, version: string) => ({ intent: "claim", caseNumber: fx[k].number, version });
    await walkListRoute({
      route: "/staff/queue",
      mod: staffQueue as Module,
      allowed: roles.caseHandle,
      probes: [
        { name: "unknown intent", form: () => ({ intent: "no-such-intent" }), expected: (v) => gateRole(v, roles.caseHandle, "refused") },
        ...caseKeys.map((k) => ({
          name: `claim case ${k} (stale version if allowed)`,
          form: async (v: Visitor) => claim(k, await versionFor(staffOf[k].includes(v), k)),
          expected: (v: Visitor) => gate(v, roles.caseHandle, staffOf[k], "refused"),
        })),
        ...caseKeys.map((k) => ({
          name: `auto-assign case ${k} (stale version if allowed)`,
          form: async (v: Visitor) => ({ intent: "autoAssign", caseNumber: fx[k].number, version: await versionFor(staffOf[k].includes(v), k) }),
          // automatic assignment is the office head's: a case of another office is 404, the office's staff get 403
          expected: (v: Visitor) => gate(v, roles.caseHandle, staffOf[k], roles.head.includes(v) ? "refused" : 403),
        })),
      ],
    });
    const teamMember: Record<CaseKey, Visitor> = { A: "staff", P: "staff", C: "staffB" };
    await walkListRoute({
      route: "/staff/team",
      mod: staffTeam as Module,
      allowed: roles.caseHandle,
      probes: [
        { name: "unknown intent", form: () => ({ intent: "no-such-intent" }), expected: (v) => gateRole(v, roles.caseHandle, "refused") },
        // a head of another office records leave for someone of this one: refused (400, not their person)
        {
          name: "leave for another office's person",
          form: (v) => ({ intent: "addLeave", userId: users_.get(v === "head" || v === "staff" ? "staffB" : "staff")!.id, fromDate: "2026-12-01", toDate: "2026-12-02", note: "" }),
          expected: (v) => gateRole(v, roles.caseHandle, roles.head.includes(v) ? "refused" : 403),
        },
        ...caseKeys.map((k) => ({
          name: `conflict on case ${k}`,
          // the head of the case's office names someone who is not of the office (400); anyone else names its staff
          form: (v: Visitor) => ({ intent: "addConflict", caseNumber: fx[k].number, userId: users_.get(staffOf[k].includes(v) ? "filer" : teamMember[k])!.id, reason: "回避" }),
          expected: (v: Visitor) => gateRole(v, roles.caseHandle, !roles.head.includes(v) ? 403 : staffOf[k].includes(v) ? "refused" : 404),
        })),
      ],
    });
    await walkListRoute({ route: "/staff/overdue", mod: staffOverdue as Module, allowed: roles.head });
    await walkListRoute({
      route: "/notifications",
      mod: notificationsRoute as Module,
      allowed: visitors.filter(signedIn),
      // marks the visitor's own notifications read: every signed-in account may
      probes: [{ name: "mark all read", form: () => ({}), expected: (v) => (v === "anonymous" ? "login" : v === "pending" ? "2fa" : "ok") }],
    });

    // --- one case in the office
    const staffPath = (suffix: string) => (n: string) => `/staff/cases/${enc(n)}${suffix}`;
    await walkCaseRoute({
      route: "/staff/cases/$caseNumber",
      mod: staffCase as Module,
      path: staffPath(""),
      roleHolders: roles.caseHandle,
      allowedOf: (k) => staffOf[k],
      command: (_k, version) => ({ intent: "accept", version, procedure: "ordinary" }),
    });
    await walkCaseRoute({
      route: "/staff/cases/$caseNumber/procedure",
      mod: staffProcedure as Module,
      path: staffPath("/procedure"),
      roleHolders: roles.caseHandle,
      allowedOf: (k) => staffOf[k],
      command: (_k, version) => ({ intent: "views_heard", version, method: "phone", heardOn: todayInShanghai(new Date()), summary: "意见", mediationWillingness: "no" }),
    });
    await walkCaseRoute({
      route: "/staff/cases/$caseNumber/decision",
      mod: staffDecision as Module,
      path: staffPath("/decision"),
      roleHolders: roles.caseHandle,
      allowedOf: (k) => staffOf[k],
      command: (_k, version) => ({ intent: "start_drafting", version }),
    });
    // --- issue 6: the committee referral, the letters and the performance follow-up of a case
    await walkCaseRoute({
      route: "/staff/cases/$caseNumber/committee",
      mod: staffCommittee as Module,
      path: staffPath("/committee"),
      roleHolders: roles.caseHandle,
      allowedOf: (k) => staffOf[k],
      command: (_k, version) => ({ intent: "refer", version, grounds: "major_complex", questions: "被申请人的处罚是否适当？" }),
    });
    // drafting a letter has no version to make stale: only the unknown-intent probe (a form that fails validation)
    await walkCaseRoute({ route: "/staff/cases/$caseNumber/letters", mod: staffLetters as Module, path: staffPath("/letters"), roleHolders: roles.caseHandle, allowedOf: (k) => staffOf[k] });
    await walkCaseRoute({
      route: "/staff/cases/$caseNumber/performance",
      mod: staffPerformance as Module,
      path: staffPath("/performance"),
      roleHolders: roles.caseHandle,
      allowedOf: (k) => staffOf[k],
      command: (_k, version) => ({ intent: "verify", version }),
    });
    await walkListRoute({ route: "/staff/committee", mod: committeeRoster as Module, allowed: ["staff", "head", "admin", "staffB", "headB"] });
    await walkListRoute({ route: "/staff/letters", mod: lettersIndex as Module, allowed: roles.caseHandle });
    await walkListRoute({ route: "/staff/compliance", mod: compliance as Module, allowed: [...roles.head, "admin"] });
    await walkListRoute({ route: "/committee", mod: committeeIndex as Module, allowed: ["member"] });
    await walkDocumentRoute({ route: "/staff/cases/$caseNumber/documents/$documentId", mod: staffDocument as Module, base: "/staff/cases", roleHolders: roles.caseHandle, allowedOf: (k) => staffOf[k] });

    // --- the respondent agency
    await walkListRoute({ route: "/agency", mod: agencyIndex as Module, allowed: roles.agency });
    await walkCaseRoute({
      route: "/agency/cases/$caseNumber",
      mod: agencyCase as Module,
      path: (n) => `/agency/cases/${enc(n)}`,
      roleHolders: roles.agency,
      allowedOf: (k) => agentOf[k],
      command: (_k, version) => ({ version, reply: "答复意见", legalBasis: "《行政处罚法》", evidenceAndBasisSubmitted: "no" }),
    });
    await walkDocumentRoute({
      route: "/agency/cases/$caseNumber/documents/$documentId",
      mod: agencyDocument as Module,
      base: "/agency/cases",
      roleHolders: roles.agency,
      // only the documents served on the respondent (the reply notice), not the acceptance notice addressed to the applicant
      allowedOf: (k, doc) => (doc.kind === "reply_notice" ? agentOf[k] : []),
    });
    // no decision imposes an obligation on any case of the walk: no agency has a performance follow-up to see
    await walkCaseRoute({ route: "/agency/performance/$caseNumber", mod: agencyPerformance as Module, path: (n) => `/agency/performance/${enc(n)}`, roleHolders: roles.agency, allowedOf: () => [] });

    const after = await snapshot();
    const mismatches = cells.filter((c) => !matches(c.actual, c.expected));
    const allows = cells.filter(unexpected);
    const describeCell = (c: Cell) =>
      `${c.kind} ${c.route} [${c.probe}] as ${c.visitor}${c.caseKey ? ` on case ${c.caseKey}` : ""}: got ${c.actual.status} ${c.actual.location ?? ""}, expected ${c.expected}`;
    console.info(
      `case-authz (${engineName()}): ${cells.length} cells walked (${cells.filter((c) => c.kind === "GET").length} loader, ${cells.filter((c) => c.kind === "POST").length} action), ` +
        `${cells.filter((c) => !isAllow(c.expected) && c.expected !== "refused").length} expected denials, ${allows.length} unexpected allows, ${mismatches.length} mismatches`,
    );
    expect(allows.map(describeCell)).toEqual([]);
    expect(mismatches.map(describeCell)).toEqual([]);
    // every route of the issue was walked for every visitor
    const walked = new Set(cells.map((c) => c.route));
    expect([...walked].sort()).toEqual(
      [
        "/agency",
        "/agency/cases/$caseNumber",
        "/agency/cases/$caseNumber/documents/$documentId",
        "/agency/performance/$caseNumber",
        "/committee",
        "/staff/cases/$caseNumber/committee",
        "/staff/cases/$caseNumber/letters",
        "/staff/cases/$caseNumber/performance",
        "/staff/committee",
        "/staff/compliance",
        "/staff/letters",
        "/center",
        "/center/items/$caseNumber",
        "/center/new",
        "/notifications",
        "/staff/cases/$caseNumber",
        "/staff/cases/$caseNumber/decision",
        "/staff/cases/$caseNumber/documents/$documentId",
        "/staff/cases/$caseNumber/procedure",
        "/staff/overdue",
        "/staff/queue",
        "/staff/team",
      ].sort(),
    );
    for (const route of walked) expect(new Set(cells.filter((c) => c.route === route).map((c) => c.visitor)).size, route).toBe(visitors.length);
    // nothing was written: no event, no case changed (version, state, organ, handler, triage), no handling row
    expect(after).toEqual(before);
  }, 300_000);

  it("the allowed visitors do see the case's data (the walk is not vacuous)", () => {
    const shown = (route: string, v: Visitor, k: CaseKey) => cells.find((c) => c.route === route && c.kind === "GET" && c.visitor === v && c.caseKey === k && c.probe === "loader");
    expect(shown("/staff/cases/$caseNumber", "staff", "A")?.actual.body).toContain(fx.A.number);
    expect(shown("/staff/cases/$caseNumber", "headB", "C")?.actual.body).toContain(fx.C.number);
    expect(shown("/agency/cases/$caseNumber", "agent", "A")?.actual.body).toContain(fx.A.number);
    expect(shown("/center/items/$caseNumber", "clerk", "P")?.actual.body).toContain(fx.P.number);
    for (const route of ["/staff/cases/$caseNumber/committee", "/staff/cases/$caseNumber/letters", "/staff/cases/$caseNumber/performance"]) {
      expect(shown(route, "head", "A")?.actual.status, route).toBe(200);
      expect(shown(route, "head", "A")?.actual.body, route).toContain(fx.A.number);
      expect(shown(route, "staffB", "C")?.actual.body, route).toContain(fx.C.number);
    }
    expect(shown("/center/items/$caseNumber", "clerkB", "C")?.actual.body).toContain(fx.C.number);
    const list = (route: string, v: Visitor) => cells.find((c) => c.route === route && c.kind === "GET" && c.visitor === v && c.probe === "loader")!.actual.body;
    expect(list("/center", "clerk")).toContain(fx.P.number);
    expect(list("/staff/queue", "staff")).toContain(fx.A.number);
    expect(list("/staff/queue", "staffB")).toContain(fx.C.number);
    expect(list("/agency", "agentB")).toContain(fx.C.number);
    for (const v of ["staffB", "headB"] as const) expect(list("/staff/queue", v)).not.toContain(fx.A.number);
    expect(list("/agency", "agentJ")).not.toContain(fx.A.number);
    expect(list("/center", "clerkB")).not.toContain(fx.P.number);
  });
});
