// Vitest globalSetup for the browser suite: starts the BUILT server (build/server.js, `npm run build` first) once for
// every test file, on a free port, with a fresh database:
//  - PGlite (default) in a new temp DATA_DIR;
//  - PostgreSQL when TEST_DATABASE_URL is set: CREATE DATABASE imr_e2e_<random> through an admin connection to that
//    URL, passed to the server as DATABASE_URL and dropped at teardown.
// All of the server's stdout + stderr goes to tests/.tmp/e2e-server-<ts>.log (zz-log-scan.test.ts reads it).
// Teardown sends SIGTERM and requires a graceful exit (code 0 within 10 s): a server that does not stop cleanly
// fails the run (STACK.md trap 7).
// Without Chromium (E2E_CHROMIUM, default /usr/bin/chromium) nothing is started and every file skips itself.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

export interface E2EContext {
  /** false: Chromium is missing and every browser test skips. */
  chromium: boolean;
  chromiumPath: string;
  /** http://127.0.0.1:<port>, no trailing slash. */
  baseUrl: string;
  /** The file that receives the server's stdout and stderr. */
  logFile: string;
  /** A scratch directory shared by the test files of this run (TOTP state, values for the log scan). */
  stateDir: string;
  engine: "pglite" | "postgres";
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2EContext;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const tmpRoot = path.join(root, "tests", ".tmp");
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const chromiumPath = process.env.E2E_CHROMIUM || "/usr/bin/chromium";
  const engine = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
  if (!fs.existsSync(chromiumPath)) {
    console.warn(
      `\n浏览器测试已跳过：未找到 ${chromiumPath}（apt-get install chromium）/ Browser tests SKIPPED: ${chromiumPath} not found\n`,
    );
    project.provide("e2e", { chromium: false, chromiumPath, baseUrl: "", logFile: "", stateDir: "", engine });
    return undefined;
  }

  const serverJs = path.join(root, "build", "server.js");
  if (!fs.existsSync(serverJs)) {
    throw new Error(`build/server.js not found: run npm run build first (浏览器测试需要先运行 npm run build)`);
  }

  fs.mkdirSync(path.join(tmpRoot, "screenshots"), { recursive: true });
  pruneOldLogs();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const logFile = path.join(tmpRoot, `e2e-server-${stamp}.log`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "imr-e2e-"));
  const stateDir = path.join(workDir, "state");
  fs.mkdirSync(stateDir);

  // Development mode as a developer runs it (vitest sets NODE_ENV=test, which would also lower the log level to warn
  // and leave the log scan nothing to read).
  const { NODE_ENV: _nodeEnv, DATABASE_URL: _databaseUrl, ...inherited } = process.env;
  const env: Record<string, string | undefined> = { ...inherited };
  env.LOG_LEVEL = process.env.E2E_LOG_LEVEL || "debug";
  env.HOST = "127.0.0.1";
  env.DATA_DIR = path.join(workDir, "data");

  let dropDatabase: (() => Promise<void>) | undefined;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `imr_e2e_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.end();
      }
    };
  }

  const port = await freePort();
  env.PORT = String(port);
  const baseUrl = `http://127.0.0.1:${port}`;

  const logFd = fs.openSync(logFile, "a");
  const started = Date.now();
  // node itself, never npx: SIGTERM must reach the server, not a wrapper (STACK.md trap 7).
  const child = spawn(process.execPath, [serverJs], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", logFd, logFd] });
  fs.closeSync(logFd);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((info) => (exitInfo = info));

  const cleanup = async () => {
    if (dropDatabase) await dropDatabase().catch((error) => console.error("e2e: could not drop the test database", error));
    fs.rmSync(workDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, () => exitInfo, logFile);
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    await cleanup();
    throw error;
  }
  console.log(
    `e2e: server ready on ${baseUrl} (${engine}) in ${((Date.now() - started) / 1000).toFixed(1)} s; log: ${path.relative(root, logFile)}`,
  );

  project.provide("e2e", { chromium: true, chromiumPath, baseUrl, logFile, stateDir, engine });

  return async () => {
    try {
      printTimings(path.join(stateDir, "timings.txt"), Date.now() - started);
      await stopServer(child, exited, logFile);
      await verifyChainAfterSuite(env);
    } finally {
      await cleanup();
    }
  };
}

/** The totals recorded by support.ts recordTime: how much of the run went to page audits and to TOTP waits. */
function printTimings(file: string, totalMs: number): void {
  const totals = new Map<string, { n: number; ms: number }>();
  const lines = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
  for (const line of lines) {
    const [kind, ms] = line.split(" ");
    const t = totals.get(kind) ?? { n: 0, ms: 0 };
    t.n += 1;
    t.ms += Number(ms);
    totals.set(kind, t);
  }
  const parts = [...totals].map(([kind, t]) => `${kind} ${t.n}× ${(t.ms / 1000).toFixed(1)} s`);
  console.log(`e2e: ${(totalMs / 1000).toFixed(0)} s with the server up; ${parts.join(", ") || "no page audit, no TOTP wait"}`);
}

/**
 * Issue 8 R10: once the server has stopped (PGlite's directory belongs to one process), the audit chain of the whole
 * browser suite's database must verify; then one row is altered behind the append-only trigger's back, as a superuser
 * can, and the verification must name that row. Either failure fails the run. The database is thrown away afterwards.
 */
async function verifyChainAfterSuite(env: Record<string, string | undefined>): Promise<void> {
  const { openCliDatabase } = await import("../../db/cli-database");
  const { verifyAuditChain } = await import("../../db/audit");
  const { sql } = await import("drizzle-orm");
  const { auditEvents } = await import("../../db/schema/index");
  const database = await openCliDatabase(env as NodeJS.ProcessEnv);
  try {
    const intact = await verifyAuditChain(database.db);
    if (!intact.ok) throw new Error(`R10: the audit chain of the browser suite's database is broken at event ${intact.brokenAt} (${intact.reason})`);
    if (intact.rows === 0) throw new Error("R10: no audit event after the browser suite: the check would be vacuous");
    const victim = Math.floor(intact.rows / 2);
    const [{ id }] = await database.db.select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id).offset(victim).limit(1);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_events set payload = jsonb_build_object('篡改', true) where id = ${id}`);
    });
    const tampered = await verifyAuditChain(database.db);
    if (tampered.ok || tampered.brokenAt !== id) {
      throw new Error(`R10: a row altered behind the trigger (event ${id}) was not detected: ${JSON.stringify(tampered)}`);
    }
    console.log(`e2e: R10 audit chain after the suite: ${intact.rows} events verified; event ${id} altered → detected (${tampered.reason})`);
  } finally {
    await database.close();
  }
}

async function stopServer(
  child: ChildProcess,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  logFile: string,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(`e2e: the server died during the tests (code ${child.exitCode}, signal ${child.signalCode})\n${tail(logFile)}`);
  }
  const t0 = Date.now();
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS).unref());
  const result = await Promise.race([exited, timeout]);
  if (result === "timeout") {
    child.kill("SIGKILL");
    await exited;
    throw new Error(`e2e: the server did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM (graceful shutdown is required)\n${tail(logFile)}`);
  }
  if (result.code !== 0) {
    throw new Error(`e2e: the server exited with code ${result.code} (signal ${result.signal}) after SIGTERM; expected 0\n${tail(logFile)}`);
  }
  console.log(`e2e: server stopped cleanly in ${Date.now() - t0} ms`);
}

async function waitForHealth(
  baseUrl: string,
  exitInfo: () => { code: number | null; signal: NodeJS.Signals | null } | undefined,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const info = exitInfo();
    if (info) throw new Error(`e2e: the server exited during start (code ${info.code}, signal ${info.signal})\n${tail(logFile)}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`e2e: /healthz did not answer 200 within ${READY_TIMEOUT_MS / 1000} s\n${tail(logFile)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    const text = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    return `--- last ${Math.min(lines, text.length)} lines of ${file} ---\n${text.slice(-lines).join("\n")}`;
  } catch {
    return `(no log at ${file})`;
  }
}

/** Keeps the five newest server logs and empties the screenshot folder (tests/.tmp is git-ignored). */
function pruneOldLogs(): void {
  const logs = fs
    .readdirSync(tmpRoot)
    .filter((name) => /^e2e-server-.*\.log$/.test(name))
    .sort()
    .reverse();
  for (const name of logs.slice(5)) fs.rmSync(path.join(tmpRoot, name), { force: true });
  const shots = path.join(tmpRoot, "screenshots");
  for (const name of fs.readdirSync(shots)) if (name.endsWith(".png")) fs.rmSync(path.join(shots, name), { force: true });
}
