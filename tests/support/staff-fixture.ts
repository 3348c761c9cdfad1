// The setup the staff-side integration tests share: the demo seed, demo users and organs, a user of another organ,
// signed-in sessions whose cookie and CSRF token go with each request, what a loader or action answered, and an
// application filed by a citizen (tests/support/filing-fixture.ts) and accepted by staff.
//
// Everything but seedDemo works on the database seedDemo handed to the app (getDb()), as the services do:
//
//   const t = useTestDatabase();
//   const sessions = new Sessions();
//   beforeAll(async () => {
//     await seedDemo(t);
//     staff = await demoUser("staff1");
//     await sessions.signIn(staff);
//   });
//   afterAll(() => setDatabase(undefined));
import { eq } from "drizzle-orm";
import { getDb, setDatabase, type Database, type Db } from "../../db/client";
import { cases, organs, roleMemberships, sessions as sessionRows, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import type { Role } from "~/domain/roles";
import { createDraft } from "~/services/drafts.server";
import { routeAsSuggested } from "~/services/center.server";
import { submitReconsideration } from "~/services/filing.server";
import { createSession, loadUser, sessionCookieName, type CurrentUser } from "~/services/session.server";
import { acceptApplication } from "~/services/staff-cases.server";
import { submissionKey, validDraftData } from "./filing-fixture";

/** The load context the routes read (app/entry.server), for a loader or action called directly. */
export function routeContext(requestId: string) {
  return { requestId, cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };
}

/** Hands the test file's database to the app and seeds it with the demo data (db/seed.ts demoUserSpecs). */
export async function seedDemo(t: { readonly database: Database; readonly db: Db }): Promise<void> {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
}

export async function userByEmail(email: string): Promise<CurrentUser> {
  const db = getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await loadUser(db, row.id))!;
}

/** A demo account by the name before the @: demoUser("staff1") is staff1@demo.nmg.example. */
export function demoUser(name: string): Promise<CurrentUser> {
  return userByEmail(`${name}@demo.nmg.example`);
}

export async function organByCode(code: string) {
  const [row] = await getDb().select().from(organs).where(eq(organs.code, code));
  return row;
}

/** A new user holding `role` in the organ `organCode` only (e.g. staff of 新城区, to whom 呼和浩特 city cases do not exist). */
export async function userOfOrgan(user: { email: string; displayName?: string; role: Role; organCode: string }): Promise<CurrentUser> {
  const db = getDb();
  const organ = await organByCode(user.organCode);
  const [u] = await db
    .insert(users)
    .values({ email: user.email, displayName: user.displayName ?? user.email, passwordHash: "x" })
    .returning({ id: users.id });
  await db.insert(roleMemberships).values({ userId: u.id, role: user.role, organId: organ.id });
  return (await loadUser(db, u.id))!;
}

/** The people of a staff case test, as staffCast signs them in. */
export interface StaffCast {
  citizen: CurrentUser;
  staff: CurrentUser;
  head: CurrentUser;
  /** Holds `outsiderRole` at 新城区人民政府 (150102) only: the 呼和浩特 city cases are not theirs. */
  outsider: CurrentUser;
  /** 呼和浩特市市场监督管理局, the respondent of fileApplication's applications. */
  respondentId: string;
  /** 呼和浩特市人民政府, the organ competent for them (Art. 24(1)(1)). */
  organId: string;
}

/** citizen1, staff1, the office head and an outsider of another government, all signed in; the respondent and the organ. */
export async function staffCast(sessions: Sessions, outsiderRole: Role = "reconsideration_staff"): Promise<StaffCast> {
  const cast = {
    citizen: await demoUser("citizen1"),
    staff: await demoUser("staff1"),
    head: await demoUser("head"),
    outsider: await userOfOrgan({ email: `${outsiderRole}-xincheng@example.com`, displayName: "新城区人员", role: outsiderRole, organCode: "150102" }),
    respondentId: (await organByCode("150100-market")).id,
    organId: (await organByCode("150100")).id,
  };
  await sessions.signIn(cast.citizen, cast.staff, cast.head, cast.outsider);
  return cast;
}

/** The browsers of signed-in users: each user's session cookie and CSRF token. */
export class Sessions {
  private readonly byUser = new Map<string, { cookie: string; csrf: string }>();

  /** Full sessions, as after password + TOTP (staff get a session only after the TOTP step). */
  async signIn(...signingIn: CurrentUser[]): Promise<void> {
    const db = getDb();
    for (const user of signingIn) {
      const s = await createSession(db, { user, twoFactorDone: true, now: new Date() });
      const [row] = await db.select({ csrf: sessionRows.csrfToken }).from(sessionRows).where(eq(sessionRows.id, s.id));
      this.byUser.set(user.id, { cookie: `${sessionCookieName()}=${s.token}`, csrf: row.csrf });
    }
  }

  cookie(user: CurrentUser): string {
    return this.session(user).cookie;
  }

  csrf(user: CurrentUser): string {
    return this.session(user).csrf;
  }

  /** A GET of `url` (absolute) by `user` (null: signed out); with `form`, a urlencoded POST carrying the user's CSRF token unless the form has one. */
  request(user: CurrentUser | null, url: string, form?: [string, string][]): Request {
    const headers = new Headers();
    if (user) headers.set("cookie", this.cookie(user));
    if (!form) return new Request(url, { headers });
    headers.set("content-type", "application/x-www-form-urlencoded");
    const body = new URLSearchParams(form);
    if (user && !body.has("csrf")) body.set("csrf", this.csrf(user));
    return new Request(url, { method: "POST", headers, body });
  }

  private session(user: CurrentUser) {
    const s = this.byUser.get(user.id);
    if (!s) throw new Error(`${user.email} is not signed in`);
    return s;
  }
}

export interface Outcome {
  status: number;
  location?: string;
  data?: Record<string, unknown>;
}

/** What a loader or action answered: status, redirect target and data, whether returned or thrown. */
export async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  const unpack = (value: unknown): Outcome => {
    if (value instanceof Response) return { status: value.status, location: value.headers.get("location") ?? undefined };
    if (value && typeof value === "object" && "type" in value && (value as { type: string }).type === "DataWithResponseInit") {
      const v = value as unknown as { data: Record<string, unknown>; init: { status?: number } | null };
      return { status: v.init?.status ?? 200, data: v.data };
    }
    return { status: 200, data: value as Record<string, unknown> };
  };
  try {
    return unpack(await fn());
  } catch (thrown) {
    return unpack(thrown);
  }
}

type RouteModule = { loader: (args: never) => unknown; action?: (args: never) => unknown };

/**
 * The loader and action of a staff case page (/staff/cases/:caseNumber plus `subpath`, e.g. "/procedure"), called
 * as `user`'s browser would (null: signed out), with what they answered.
 */
export function staffCasePage(route: RouteModule, sessions: Sessions, context: ReturnType<typeof routeContext>, subpath = "") {
  const url = (caseNumber: string) => `http://localhost/staff/cases/${encodeURIComponent(caseNumber)}${subpath}`;
  return {
    get: (user: CurrentUser | null, caseNumber: string) =>
      outcome(async () => route.loader({ request: sessions.request(user, url(caseNumber)), params: { caseNumber }, context } as never)),
    post: (user: CurrentUser | null, caseNumber: string, form: [string, string][]) =>
      outcome(async () => route.action!({ request: sessions.request(user, url(caseNumber), form), params: { caseNumber }, context } as never)),
  };
}

export async function caseRow(caseNumber: string) {
  const [row] = await getDb().select().from(cases).where(eq(cases.caseNumber, caseNumber));
  return row;
}

/**
 * A fresh application by `citizen` against the organ `respondentId` (the draft of tests/support/filing-fixture.ts), with
 * or without consent to electronic service; its case number.
 */
export async function fileApplication(
  citizen: CurrentUser,
  respondentId: string,
  consent: "yes" | "no" = "yes",
  opts: { routed?: boolean } = {},
): Promise<string> {
  const today = todayInShanghai(new Date());
  const data = validDraftData(respondentId);
  // dates relative to today, so that the application stays within its 60 days whenever the test runs
  Object.assign(data.act as Record<string, unknown>, {
    madeOn: addCalendarDays(today, -10),
    learnedOn: addCalendarDays(today, -8),
    actDocumentNumber: `呼市监罚〔2026〕${Math.floor(Math.random() * 1e6)}号`,
  });
  const draft = await createDraft(citizen.id, "reconsideration", data, "review");
  if (!draft.ok) throw new Error(draft.error);
  const r = await submitReconsideration({
    user: citizen,
    draftId: draft.draft.id,
    review: { electronicServiceConsent: consent, declaration: "yes", submissionKey: submissionKey() },
  });
  if (!r.ok) throw new Error(`filing failed: ${r.formError}`);
  // the office handles it once the dispute center has routed it (unless the test is about the center itself)
  if (opts.routed !== false) {
    const routed = await routeAsSuggested({ caseNumber: r.caseNumber });
    if (!routed.ok) throw new Error(`routing failed: ${JSON.stringify(routed)}`);
  }
  return r.caseNumber;
}

/** `staff` accept the case under the ordinary procedure (Art. 30(1)) on its current version; the version after. */
export async function acceptOrdinary(staff: CurrentUser, caseNumber: string): Promise<number> {
  const accepted = await acceptApplication({ user: staff, caseNumber, version: (await caseRow(caseNumber)).version });
  if (!accepted.ok) throw new Error(`acceptance failed: ${JSON.stringify(accepted)}`);
  return accepted.version;
}
