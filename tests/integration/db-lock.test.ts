// PGlite does not lock its data directory (STACK.md trap 1): a second process opening it silently loses the first
// one's committed writes. db/client.ts guards the directory with a lock file holding the owner's pid. These tests use
// a PGlite directory whatever engine the suite runs on: the lock only exists for the embedded database.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvent } from "../../db/audit";
import { DatabaseLockedError, openDatabase, type Database } from "../../db/client";
import { createPgliteDatabase } from "../support/db";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const childScript = path.join(root, "tests", "support", "open-db-child.ts");

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Another process opening the same directory the way the server does. */
function openInChildProcess(dir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", childScript, dir], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(result.stdout);
}

describe("PGlite directory lock: only one process ever opens the directory", () => {
  let tmp: string;
  let dir: string;
  let first: Database | undefined;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "imr-lock-"));
    dir = path.join(tmp, "pglite");
    // openDatabase({ pgliteDir: dir, loadDataDir: <migrated template> }): the server's path, without a 4-8 s initdb
    first = await createPgliteDatabase({ pgliteDir: dir });
    await recordEvent(first.db, { action: "lock.test", subjectType: "test", payload: { 说明: "第一个进程写入" } });
  }, 60_000);

  afterAll(async () => {
    await first?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("while one process has it open, a second process fails with DatabaseLockedError and exits non-zero", async () => {
    expect(fs.readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    const child = await openInChildProcess(dir);
    expect(child.code).not.toBe(0);
    expect(child.stderr).toContain(`已被进程 ${process.pid} 打开`);
    expect(child.stderr).toContain(`already open in process ${process.pid}`);
    expect(child.stdout).not.toContain("opened");
    // the owner is untouched: its lock and its data are still there
    expect(fs.readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    await recordEvent(first!.db, { action: "lock.test", subjectType: "test", payload: { 说明: "仍可写入" } });
  }, 60_000);

  it("in the same process, a lock held by another live process throws DatabaseLockedError", async () => {
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    const lockedDir = path.join(tmp, "held-by-other");
    try {
      fs.writeFileSync(`${lockedDir}.lock`, String(other.pid));
      const attempt = openDatabase({ pgliteDir: lockedDir });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseLockedError);
      await expect(attempt).rejects.toMatchObject({ dir: lockedDir, pid: other.pid });
      expect(fs.readFileSync(`${lockedDir}.lock`, "utf8")).toBe(String(other.pid));
      expect(fs.existsSync(lockedDir)).toBe(false); // refused before PGlite touched anything
    } finally {
      other.kill();
    }
  });

  it("after close() the lock file is gone, and the next process opens the directory and sees the committed writes", async () => {
    await first!.close();
    first = undefined;
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    const child = await openInChildProcess(dir);
    expect(child.stderr).toBe("");
    expect(child.code).toBe(0);
    expect(child.stdout.trim()).toBe("opened 2");
    expect(fs.existsSync(`${dir}.lock`)).toBe(false); // the child released it too
  }, 60_000);

  it("a stale lock file whose process is dead is taken over", async () => {
    const pid = deadPid();
    expect(() => process.kill(pid, 0)).toThrow();
    fs.writeFileSync(`${dir}.lock`, String(pid));
    const database = await openDatabase({ pgliteDir: dir });
    try {
      expect(fs.readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    } finally {
      await database.close();
    }
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  }, 60_000);
});
