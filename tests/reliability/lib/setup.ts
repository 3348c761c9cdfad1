// The run's world: a fresh PostgreSQL database (prefix rel_), migrated and seeded as the server does it, the people
// the checks act as — citizens registered through the portal's own /register form, staff written into the users and
// role_memberships tables (production has no demo accounts: db/seed.ts seeds them only outside production) — with
// sessions made by the app's createSession (twoFactorDone, as after password + TOTP), and the cases R4 needs, filed and
// routed through the app's services.
import { randomBytes, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { migrateDatabase, openDatabase, setDatabase, type Database } from "../../../db/client";
import { seedDatabase } from "../../../db/seed";
import { organs, roleMemberships, sessions as sessionRows, users } from "../../../db/schema/index";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { residentIdCheckDigit } from "~/domain/identity";
import type { Role } from "~/domain/roles";
import { newSubmissionKey } from "~/services/apply.server";
import { routeAsSuggested } from "~/services/center.server";
import { createDraft } from "~/services/drafts.server";
import { submitReconsideration } from "~/services/filing.server";
import { createSession, loadUser, sessionCookieName, type CurrentUser } from "~/services/session.server";
import { postForm } from "./http";
import type { Citizen, Person, Secrets } from "./types";

export interface RunDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** CREATE DATABASE rel_<time>_<random> on the server of `adminUrl`; drop() removes it (WITH (FORCE)). */
export async function createRunDatabase(adminUrl: string): Promise<RunDatabase> {
  const name = `rel_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}

/** Opens the run's database in this process (the services use it through getDb()), migrates and seeds it (no demo). */
export async function prepareDatabase(url: string): Promise<Database> {
  const database = await openDatabase({ url, max: 10 });
  setDatabase(database);
  await migrateDatabase(database);
  await seedDatabase(database.db, { demo: false });
  return database;
}

export async function organId(database: Database, code: string): Promise<string> {
  const [row] = await database.db.select({ id: organs.id }).from(organs).where(eq(organs.code, code));
  if (!row) throw new Error(`organ ${code} missing after the seed`);
  return row.id;
}

export async function sessionFor(database: Database, user: CurrentUser, secrets: Secrets): Promise<Person> {
  const s = await createSession(database.db, { user, twoFactorDone: true, now: new Date(), userAgent: "reliability-harness" });
  const [row] = await database.db.select({ csrf: sessionRows.csrfToken }).from(sessionRows).where(eq(sessionRows.id, s.id));
  secrets.add("session token", s.token);
  secrets.add("csrf token", row.csrf);
  return { user, token: s.token, csrf: row.csrf, cookie: `${sessionCookieName(true)}=${s.token}` };
}

/**
 * Staff written straight into the tables, as an administrator's /admin/users/new would leave them (the password hash
 * is a placeholder: these accounts never log in with a password, their sessions are made by createSession when a
 * check needs them — staff sessions idle out after 15 minutes).
 */
export async function createStaff(database: Database, spec: { email: string; name: string; role: Role; organCode: string }): Promise<CurrentUser> {
  const [u] = await database.db
    .insert(users)
    .values({ email: spec.email, displayName: spec.name, passwordHash: "!reliability-no-password" })
    .returning({ id: users.id });
  await database.db.insert(roleMemberships).values({ userId: u.id, role: spec.role, organId: await organId(database, spec.organCode) });
  return (await loadUser(database.db, u.id))!;
}

/** A mainland mobile number of the 139 range (never the 138-0000 demo numbers). */
export function randomPhone(): string {
  return `139${String(randomInt(0, 1e8)).padStart(8, "0")}`;
}

/**
 * A citizen registered through the portal's /register form (anonymous double-submit CSRF cookie, then the POST): the
 * phone number and the password pass through the server, and the log scan (R9) searches for both afterwards.
 */
export async function registerCitizen(database: Database, baseUrl: string, secrets: Secrets, index: number): Promise<Citizen> {
  const phone = randomPhone();
  const password = `Rel-${randomBytes(9).toString("base64url")}-${index}!`;
  secrets.add("phone", phone);
  secrets.add("password", password);
  const page = await fetch(`${baseUrl}/register`, { redirect: "manual" });
  await page.arrayBuffer();
  const setCookie = page.headers.getSetCookie().find((c) => c.startsWith("__Host-imr_csrf="));
  if (!setCookie) throw new Error("GET /register set no __Host-imr_csrf cookie");
  const anon = setCookie.split(";")[0];
  const csrf = anon.slice(anon.indexOf("=") + 1);
  secrets.add("anonymous csrf token", csrf);
  const reply = await postForm(baseUrl, "/register", { cookie: anon, csrf }, {
    displayName: `可靠性测试群众${index}`,
    identifier: phone,
    password,
    confirmPassword: password,
  });
  if (reply.status !== 302 && reply.status !== 303) throw new Error(`registration answered ${reply.status} ${reply.error ?? ""}`);
  const [row] = await database.db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  if (!row) throw new Error(`registration of citizen ${index} wrote no user`);
  const person = await sessionFor(database, (await loadUser(database.db, row.id))!, secrets);
  return { ...person, phone, password };
}

/** A valid 18-character resident ID number (GB 11643-1999) with its birth date and sex, for an applicant. */
export function randomResident(): { idNumber: string; birthDate: string; sex: "male" | "female" } {
  const year = 1960 + randomInt(0, 40);
  const month = String(randomInt(1, 13)).padStart(2, "0");
  const day = String(randomInt(1, 29)).padStart(2, "0");
  const sequence = String(randomInt(100, 1000)).padStart(3, "0");
  const first17 = `150102${year}${month}${day}${sequence}`;
  return { idNumber: `${first17}${residentIdCheckDigit(first17)}`, birthDate: `${year}-${month}-${day}`, sex: Number(sequence[2]) % 2 ? "male" : "female" };
}

/** The applicants step of a draft for `citizen`: one person with a fresh resident ID number and the citizen's phone. */
export function applicantsStep(citizen: Citizen, secrets: Secrets) {
  const resident = randomResident();
  secrets.add("resident ID number", resident.idNumber);
  return {
    applicants: [
      {
        kind: "person",
        name: citizen.user.displayName,
        sex: resident.sex,
        birthDate: resident.birthDate,
        idNumber: resident.idNumber,
        address: "呼和浩特市新城区某路1号",
        phone: citizen.phone,
        employer: "",
      },
    ],
  };
}

/** A complete reconsideration draft (ready for the review step) against 呼和浩特市市场监督管理局; its id and key. */
export async function createReviewDraft(citizen: Citizen, respondentOrganId: string, secrets: Secrets): Promise<{ draftId: string; submissionKey: string }> {
  const today = todayInShanghai(new Date());
  const submissionKey = newSubmissionKey();
  const data = {
    applicants: applicantsStep(citizen, secrets),
    agents: { agents: [], thirdParties: [] },
    act: {
      respondentOrganId,
      actTitle: "行政处罚决定书",
      // unique per draft: the same act twice would be flagged as a likely duplicate filing
      actDocumentNumber: `呼市监罚〔2026〕${randomBytes(5).toString("hex")}号`,
      actKind: "penalty",
      madeOn: addCalendarDays(today, -10),
      learnedOn: addCalendarDays(today, -8),
      informed: "yes",
      onTheSpotPenalty: "no",
      failureToAct: "no",
      normativeReview: "no",
      compensation: "no",
    },
    requests: { requests: "撤销该行政处罚决定", factsAndReasons: "处罚认定事实不清，证据不足。", suedInCourt: "no" },
    evidence: { evidence: [] },
    review: { submissionKey },
  };
  const draft = await createDraft(citizen.user.id, "reconsideration", data, "review");
  if (!draft.ok) throw new Error(`draft: ${draft.error}`);
  return { draftId: draft.draft.id, submissionKey };
}

/** A reconsideration case filed by `citizen` through the filing service and routed by the center to the office. */
export async function fileRoutedCase(citizen: Citizen, respondentOrganId: string, secrets: Secrets): Promise<string> {
  const { draftId, submissionKey } = await createReviewDraft(citizen, respondentOrganId, secrets);
  const filed = await submitReconsideration({
    user: citizen.user,
    draftId,
    review: { electronicServiceConsent: "yes", declaration: "yes", submissionKey },
  });
  if (!filed.ok) throw new Error(`filing failed: ${filed.formError}`);
  const routed = await routeAsSuggested({ caseNumber: filed.caseNumber });
  if (!routed.ok) throw new Error(`routing failed: ${JSON.stringify(routed)}`);
  return filed.caseNumber;
}

