// Writing to and verifying the hash-chained audit/event table. The chain itself is built by the database trigger
// (migration 0002), so every insert path is chained; verification recomputes each hash with the same SQL function.
import { asc, sql } from "drizzle-orm";
import type { Queryable } from "./client";
import { auditEvents, auditVerifications } from "./schema/index";

export interface AuditInput {
  actorId?: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  payload?: Record<string, unknown>;
  requestId?: string | null;
  occurredAt?: Date;
}

export async function recordEvent(q: Queryable, input: AuditInput): Promise<{ id: number; hash: string }> {
  const [row] = await q
    .insert(auditEvents)
    .values({
      actorId: input.actorId ?? null,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId ?? null,
      payload: input.payload ?? {},
      requestId: input.requestId ?? null,
      ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
    })
    .returning({ id: auditEvents.id, hash: auditEvents.hash });
  return row;
}

export type ChainResult = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: "hash" | "link" };

/** Walks the chain in id order: each row's hash must match its contents, and its prev_hash the previous row's hash. */
export async function verifyAuditChain(q: Queryable, batchSize = 5000): Promise<ChainResult> {
  let previous = "";
  let afterId = 0;
  let count = 0;
  for (;;) {
    const rows = await q
      .select({
        id: auditEvents.id,
        prevHash: auditEvents.prevHash,
        hash: auditEvents.hash,
        recomputed: sql<string>`audit_event_digest(${auditEvents.id}, ${auditEvents.occurredAt}, ${auditEvents.actorId}, ${auditEvents.action}, ${auditEvents.subjectType}, ${auditEvents.subjectId}, ${auditEvents.payload}, ${auditEvents.requestId}, ${auditEvents.prevHash})`,
      })
      .from(auditEvents)
      .where(sql`${auditEvents.id} > ${afterId}`)
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, rows: count };
    for (const row of rows) {
      if (row.prevHash !== previous) return { ok: false, rows: count, brokenAt: row.id, reason: "link" };
      if (row.recomputed !== row.hash) return { ok: false, rows: count, brokenAt: row.id, reason: "hash" };
      previous = row.hash;
      afterId = row.id;
      count++;
    }
  }
}

export interface VerificationBy {
  source: "cli" | "web";
  /** The admin who pressed the button (web). */
  actorId?: string | null;
  /** What ran it: "npm run audit:verify (user@host)", "/admin/audit". */
  command: string;
}

/** Records one verification of the chain (issue 7 req. 6): when, by whom or which command, rows checked, the result. */
export async function recordVerification(q: Queryable, by: VerificationBy, result: ChainResult, now: Date = new Date()): Promise<string> {
  const [row] = await q
    .insert(auditVerifications)
    .values({
      verifiedAt: now,
      source: by.source,
      actorId: by.actorId ?? null,
      command: by.command.slice(0, 200),
      rowsChecked: result.rows,
      ok: result.ok,
      brokenAt: result.ok ? null : result.brokenAt,
      reason: result.ok ? null : result.reason,
    })
    .returning({ id: auditVerifications.id });
  return row.id;
}

/** Verifies the chain and records the verification. */
export async function verifyAndRecord(q: Queryable, by: VerificationBy, now: Date = new Date()): Promise<{ result: ChainResult; verificationId: string }> {
  const result = await verifyAuditChain(q);
  return { result, verificationId: await recordVerification(q, by, result, now) };
}
