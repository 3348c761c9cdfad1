// R10 (issue 8 req. 3): after every other check, the hash-chained audit log of the run's database is verified (the
// function behind npm run audit:verify, db/audit.ts verifyAuditChain) → intact. Then one row in the middle is altered
// the only way the database allows — as a superuser past the append-only triggers (SET LOCAL session_replication_role
// = replica); an ordinary UPDATE must be refused first — and the verification must now report exactly that row.
// Nothing is restored: the run's database is dropped afterwards.
import { sql } from "drizzle-orm";
import { verifyAuditChain } from "../../db/audit";
import type { Database } from "../../db/client";
import type { CheckResult } from "./lib/types";

export async function runR10(database: Database): Promise<CheckResult> {
  const db = database.db;
  const before = await verifyAuditChain(db);
  const rows = before.rows;
  const [target] = (await db.execute(sql`select id from audit_events order by id offset ${Math.floor(rows / 2)} limit 1`)) as unknown as { id: number | string }[];
  const targetId = Number(target?.id ?? 0);

  let plainUpdateRefused = 0;
  try {
    await db.execute(sql`update audit_events set payload = payload || '{"reliability": "plain update"}'::jsonb where id = ${targetId}`);
  } catch {
    plainUpdateRefused = 1;
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`update audit_events set payload = payload || '{"reliability": "tampered"}'::jsonb where id = ${targetId}`);
  });
  const after = await verifyAuditChain(db);
  const counts = {
    rowsVerified: before.rows,
    chainIntactBefore: before.ok ? 1 : 0,
    plainUpdateRefused,
    tamperedRow: targetId,
    detectedAtRow: after.ok ? 0 : after.brokenAt,
    rowsBeforeBreak: after.rows,
  };
  const ok = before.ok && rows > 0 && plainUpdateRefused === 1 && !after.ok && after.brokenAt === targetId && after.reason === "hash";
  const detail = !before.ok
    ? `the chain was already broken at row ${before.brokenAt} (${before.reason}) before the tamper`
    : after.ok
      ? `row ${targetId} was altered and the verification did not notice`
      : after.brokenAt !== targetId
        ? `altered row ${targetId}, verification reported row ${after.brokenAt}`
        : plainUpdateRefused
          ? `row ${targetId} altered → detected at row ${after.brokenAt} (${after.reason})`
          : "an ordinary UPDATE of audit_events was allowed";
  return { name: "R10 audit chain", counts, ok, detail: ok ? `已篡改第 ${targetId} 号记录 → 核验发现第 ${after.ok ? "-" : after.brokenAt} 号记录被改动 (${detail})` : detail };
}
