// `npm run audit:verify` (db/verify-chain.ts): opens the database the way the server does, exits 0 on an intact chain,
// 1 on a broken one, 2 when it cannot verify — and never opens a PGlite directory another process holds.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvent } from "../../db/audit";
import { openDatabase } from "../../db/client";
import { auditEvents } from "../../db/schema/index";
import { createPgliteDatabase, createTestDatabase, engineName, isPostgres, type TestDatabase } from "../support/db";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function verifyCommand(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "db", "verify-chain.ts")], {
      cwd: root,
      env: { ...base, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`audit:verify command (${engineName()})`, () => {
  let tmp: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  let victimId: number;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "imr-verify-"));
    if (isPostgres()) {
      database = await createTestDatabase();
      env = { DATABASE_URL: database.url! };
    } else {
      // the server's layout: $DATA_DIR/pglite
      database = await createTestDatabase({ pgliteDir: path.join(tmp, "data", "pglite") });
      env = { DATA_DIR: path.join(tmp, "data") };
    }
    for (let n = 1; n <= 3; n++) {
      const { id } = await recordEvent(database.db, { action: "verify.test", subjectType: "case", subjectId: String(n), payload: { 序号: n } });
      if (n === 2) victimId = id;
    }
  }, 60_000);

  afterAll(async () => {
    await database?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("refuses (exit 2) to open a PGlite directory while another process (the server) has it open", async () => {
    // a PGlite directory on either engine: the lock exists only for the embedded database
    const dataDir = path.join(tmp, "held");
    const held = isPostgres() ? await createPgliteDatabase({ pgliteDir: path.join(dataDir, "pglite") }) : database!;
    try {
      const result = await verifyCommand({ DATA_DIR: isPostgres() ? dataDir : env.DATA_DIR });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`已被进程 ${process.pid} 打开`);
      expect(result.stderr).toContain("Stop the server");
      expect(result.stdout).toBe("");
    } finally {
      // as the server would on shutdown; on PGlite the next tests reopen the directory through the command
      await held.close();
    }
  }, 60_000);

  it("reports an intact chain in Chinese and English and exits 0", async () => {
    const result = await verifyCommand(env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("审计链完整：已核验 3 条记录");
    expect(result.stdout).toContain("Audit chain intact: 3 events verified");
  }, 60_000);

  it("reports a row altered behind the trigger's back and exits 1", async () => {
    const tamperer = isPostgres() ? database! : await openDatabase({ pgliteDir: path.join(tmp, "data", "pglite") });
    try {
      await tamperer.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        await tx.update(auditEvents).set({ payload: { 序号: 99 } }).where(eq(auditEvents.id, victimId));
      });
    } finally {
      if (!isPostgres()) await tamperer.close();
    }
    const result = await verifyCommand(env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`审计链已断裂：第 ${victimId} 号记录`);
    expect(result.stderr).toContain(`Audit chain BROKEN at event id ${victimId}`);
  }, 60_000);

  it("exits 2 without creating anything when there is no database in DATA_DIR", async () => {
    const missing = path.join(tmp, "nowhere");
    const result = await verifyCommand({ DATA_DIR: missing });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No embedded database");
    expect(fs.existsSync(missing)).toBe(false);
  }, 60_000);
});
