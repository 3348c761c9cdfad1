// Verifies the hash-chained audit log:  npm run audit:verify   (tsx db/verify-chain.ts)
// Opens the database the way the server does: PostgreSQL when DATABASE_URL is set, else the embedded PGlite under
// DATA_DIR (./data by default). The PGlite directory belongs to one process: while the server runs, this command
// refuses to open it (DatabaseLockedError) instead of corrupting it; stop the server first, or verify on PostgreSQL.
// Exit status: 0 chain intact, 1 chain broken, 2 could not verify. Every verification is recorded in
// audit_verifications (issue 7 req. 6) with the command and the OS user that ran it; /admin/audit shows the last one.
import os from "node:os";
import { recordVerification, verifyAuditChain, type ChainResult } from "./audit";
import { DatabaseLockedError, type Database } from "./client";
import { cliDatabaseLocation, openCliDatabase } from "./cli-database";

const reasons = {
  hash: { zh: "记录内容与其哈希值不符（该记录被改动过）", en: "the row's contents do not match its hash (the row was altered)" },
  link: {
    zh: "记录的前序哈希与上一条记录不符（此前的记录被改动、删除或重算过哈希）",
    en: "its prev_hash does not match the previous row (an earlier row was altered with a recomputed hash, or deleted)",
  },
} as const;

function describeResult(result: ChainResult, location: string): string {
  if (result.ok) {
    return [
      `审计链完整：已核验 ${result.rows} 条记录（${location}）。`,
      `Audit chain intact: ${result.rows} events verified (${location}).`,
    ].join("\n");
  }
  const reason = reasons[result.reason];
  return [
    `审计链已断裂：第 ${result.brokenAt} 号记录${reason.zh}。此前 ${result.rows} 条记录核验无误（${location}）。`,
    `Audit chain BROKEN at event id ${result.brokenAt}: ${reason.en}. The ${result.rows} events before it verified (${location}).`,
  ].join("\n");
}

function runBy(): string {
  try {
    return `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    return os.hostname();
  }
}

async function main(): Promise<number> {
  const where = cliDatabaseLocation(process.env);
  let database: Database;
  try {
    database = await openCliDatabase(process.env);
  } catch (error) {
    console.error(error instanceof DatabaseLockedError ? `${error.message}\n服务器运行时无法核验内嵌数据库：请先停止服务器。 (Stop the server before verifying the embedded database.)` : (error as Error).message);
    return 2;
  }
  try {
    const result = await verifyAuditChain(database.db);
    const text = describeResult(result, database.location);
    if (result.ok) console.log(text);
    else console.error(text);
    try {
      await recordVerification(database.db, { source: "cli", command: `npm run audit:verify (${runBy()})` }, result);
      (result.ok ? console.log : console.error)("本次核验已记录。 (This verification was recorded.)");
    } catch (error) {
      // the result above stands; only its record is missing (a database not yet migrated to 0009, a read-only one)
      const e = error as Error & { cause?: Error };
      console.error(`核验结果未能记录：${e.cause?.message ?? e.message} (The verification could not be recorded.)`);
    }
    return result.ok ? 0 : 1;
  } catch (error) {
    const e = error as Error & { cause?: Error };
    console.error(`无法核验审计链（${where}）：${e.cause?.message ?? e.message} (Could not verify the audit chain.)`);
    return 2;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
