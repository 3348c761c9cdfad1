// Verifications of the audit chain are recorded (issue 7 req. 6): `npm run audit:verify` and the button on /admin/audit
// each add an audit_verifications row (when, who or which command, rows checked, ok, first broken id); the page shows
// the last one. Admins only. An intact chain is recorded ok; a row altered behind the triggers' back is reported at
// its id and recorded as broken.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asc, desc, eq, lt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvent } from "../../db/audit";
import { openDatabase, setDatabase, type Db } from "../../db/client";
import { auditEvents, auditVerifications } from "../../db/schema/index";
import * as auditRoute from "~/routes/admin.audit";
import type { VerificationView } from "~/services/audit.server";
import type { CurrentUser } from "~/services/session.server";
import { createTestDatabase, engineName, isPostgres, useTestDatabase, type TestDatabase } from "../support/db";
import { demoUser, outcome, routeContext, seedDemo, Sessions } from "../support/staff-fixture";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Changes one row's payload with the append-only triggers off, as a superuser could. */
async function tamper(db: Db, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.update(auditEvents).set({ payload: { altered: true } }).where(eq(auditEvents.id, id));
  });
}

describe(`/admin/audit: verify now, recorded (${engineName()})`, () => {
  const t = useTestDatabase();
  const context = routeContext("audit-verify-test");
  const sessions = new Sessions();
  let admin: CurrentUser;
  let clerk: CurrentUser;

  beforeAll(async () => {
    await seedDemo(t);
    admin = await demoUser("admin");
    clerk = await demoUser("clerk");
    await sessions.signIn(admin, clerk);
    for (let n = 1; n <= 5; n++) await recordEvent(t.db, { action: "verify.test", subjectType: "case", subjectId: String(n), payload: { n } });
  });
  afterAll(() => setDatabase(undefined));

  const request = (user: CurrentUser, form?: [string, string][]) => sessions.request(user, "http://localhost/admin/audit", form);
  const page = (user: CurrentUser) => outcome(() => auditRoute.loader({ request: request(user), params: {}, context } as never));
  const press = (user: CurrentUser) => outcome(() => auditRoute.action({ request: request(user, []), params: {}, context } as never));
  const recorded = () => t.db.select().from(auditVerifications).orderBy(desc(auditVerifications.verifiedAt));

  it("only admins see the page or run a verification (403 otherwise, nothing recorded)", async () => {
    expect((await page(clerk)).status).toBe(403);
    expect((await press(clerk)).status).toBe(403);
    expect(await recorded()).toEqual([]);
    const first = await page(admin);
    expect(first.status).toBe(200);
    expect((first.data as { verifications: VerificationView[] }).verifications).toEqual([]);
  });

  it("an intact chain: the button verifies every row, records ok by the admin, and the page shows it as the last", async () => {
    const rows = await t.db.$count(auditEvents);
    expect(rows).toBeGreaterThanOrEqual(5); // the seed's and the five above
    const done = await press(admin);
    expect(done).toMatchObject({ status: 303, location: "/admin/audit?done=ok" });
    const [v] = await recorded();
    expect(v).toMatchObject({ source: "web", actorId: admin.id, command: "/admin/audit", rowsChecked: rows, ok: true, brokenAt: null, reason: null });
    const shown = (await page(admin)).data as { verifications: VerificationView[] };
    expect(shown.verifications[0]).toMatchObject({ id: v.id, ok: true, rowsChecked: rows, actorName: admin.displayName, source: "web" });
  });

  it("one row altered: the first broken id is reported and recorded, with the rows before it", async () => {
    const ids = (await t.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(asc(auditEvents.id))).map((r) => r.id);
    const victim = ids[Math.floor(ids.length / 2)];
    const before = await t.db.$count(auditEvents, lt(auditEvents.id, victim));
    expect(before).toBe(ids.indexOf(victim));
    await tamper(t.db, victim);
    const done = await press(admin);
    expect(done).toMatchObject({ status: 303, location: "/admin/audit?done=broken" });
    const [v] = await recorded();
    expect(v).toMatchObject({ source: "web", ok: false, brokenAt: victim, reason: "hash", rowsChecked: before });
    const shown = (await page(admin)).data as { verifications: VerificationView[] };
    expect(shown.verifications.map((x) => x.ok)).toEqual([false, true]);
    expect(shown.verifications[0].brokenAt).toBe(victim);
  });
});

function verifyCommand(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "db", "verify-chain.ts")], { cwd: root, env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`npm run audit:verify records each verification (${engineName()})`, () => {
  let tmp: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  const ids: number[] = [];
  const pgliteDir = () => path.join(tmp, "data", "pglite");

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "imr-audit-verify-"));
    database = await createTestDatabase(isPostgres() ? {} : { pgliteDir: path.join(tmp, "data", "pglite") });
    env = isPostgres() ? { DATABASE_URL: database.url! } : { DATA_DIR: path.join(tmp, "data") };
    for (let n = 1; n <= 4; n++) ids.push((await recordEvent(database.db, { action: "verify.test", subjectType: "case", subjectId: String(n), payload: { n } })).id);
    // the command opens the PGlite directory itself (one process per directory)
    if (!isPostgres()) await database.close();
  }, 60_000);

  afterAll(async () => {
    await database?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Runs `work` on the database while the command is not running (PGlite: reopened, then closed again). */
  async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
    if (isPostgres()) return work(database!.db);
    const opened = await openDatabase({ pgliteDir: pgliteDir() });
    try {
      return await work(opened.db);
    } finally {
      await opened.close();
    }
  }

  it("intact: exit 0, and a row (cli, the command, 4 rows, ok)", async () => {
    const result = await verifyCommand(env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("本次核验已记录");
    const rows = await withDb((db) => db.select().from(auditVerifications));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "cli", actorId: null, rowsChecked: 4, ok: true, brokenAt: null, reason: null });
    expect(rows[0].command).toMatch(/^npm run audit:verify \(.+\)$/);
  }, 60_000);

  it("the third of four rows altered: exit 1, its id reported and recorded with the 2 rows before it", async () => {
    await withDb((db) => tamper(db, ids[2]));
    const result = await verifyCommand(env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Audit chain BROKEN at event id ${ids[2]}`);
    const rows = await withDb((db) => db.select().from(auditVerifications).orderBy(desc(auditVerifications.verifiedAt)));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ source: "cli", ok: false, brokenAt: ids[2], reason: "hash", rowsChecked: 2 });
  }, 60_000);
});
