// The audit/event table is append-only and hash-chained (migration 0002, db/audit.ts): every insert path is chained
// by the database, the database refuses changes, and verifyAuditChain finds a row changed behind its back.
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordEvent, verifyAuditChain, type AuditInput } from "../../db/audit";
import { openDatabase, type Database, type Queryable } from "../../db/client";
import { auditEvents, type AuditEvent } from "../../db/schema/index";
import { engineName, errorText, isPostgres, useTestDatabase } from "../support/db";

const t = useTestDatabase();

const chinesePayload = {
  申请人: "乌兰托娅",
  被申请人: "呼和浩特市赛罕区市场监督管理局",
  事由: "不服《行政处罚决定书》（赛市监罚〔2026〕17号），罚款５０００元",
  附言: "“请依法撤销” — 蒙古文：ᠮᠣᠩᠭᠣᠯ",
};

function event(n: number, extra: Partial<AuditInput> = {}): AuditInput {
  return { action: "test.event", subjectType: "case", subjectId: `case-${n}`, payload: { n, ...chinesePayload }, ...extra };
}

async function allEvents(q: Queryable = t.db): Promise<AuditEvent[]> {
  return q.select().from(auditEvents).orderBy(asc(auditEvents.id));
}

/** Runs `work` with the append-only triggers bypassed, as a superuser can: SET LOCAL session_replication_role = replica. */
async function asSuperuserBypassingTriggers(work: (q: Queryable) => Promise<unknown>): Promise<void> {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await work(tx);
  });
}

async function expectRejected(attempt: Promise<unknown>, operation: string): Promise<void> {
  let error: unknown;
  try {
    await attempt;
  } catch (e) {
    error = e;
  }
  expect(error, `${operation} of audit_events must be rejected`).toBeDefined();
  expect(errorText(error)).toMatch(new RegExp(`append-only: ${operation} is not allowed`));
}

describe(`audit chain (${engineName()})`, () => {
  beforeAll(async () => {
    for (let n = 1; n <= 3; n++) await recordEvent(t.db, event(n));
  });

  describe("every insert is chained by the database", () => {
    it("sequential events with Chinese payloads verify, and the payload reads back unchanged", async () => {
      const result = await verifyAuditChain(t.db);
      expect(result).toEqual({ ok: true, rows: 3 });
      const [first] = await allEvents();
      expect(first.payload).toEqual({ n: 1, ...chinesePayload });
      expect(first.prevHash).toBe("");
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it("concurrent inserts from many promises (and, on PostgreSQL, from separate connections) keep one unbroken chain", async () => {
      const before = (await allEvents()).length;
      const writers: Promise<unknown>[] = [];
      for (let n = 0; n < 20; n++) writers.push(recordEvent(t.db, event(100 + n)));
      // transactions that write several events each, interleaved with the single inserts
      for (let n = 0; n < 3; n++) {
        writers.push(
          t.db.transaction(async (tx) => {
            await recordEvent(tx, event(200 + n * 10));
            await recordEvent(tx, event(201 + n * 10));
          }),
        );
      }
      const others: Database[] = [];
      if (isPostgres()) {
        for (let c = 0; c < 3; c++) others.push(await openDatabase({ url: t.database.url, max: 4 }));
        others.forEach((other, c) => {
          for (let n = 0; n < 10; n++) writers.push(recordEvent(other.db, event(300 + c * 100 + n)));
        });
      }
      try {
        await Promise.all(writers);
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
      const expected = before + 20 + 6 + (isPostgres() ? 30 : 0);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: expected });
    });

    it("ids follow the chain: in id order, each row links to the row before it", async () => {
      // Ids are not contiguous: the column default takes a sequence value before the trigger takes the one it keeps
      // under the chain lock, so each insert advances the sequence by 2. Only the order matters.
      const rows = await allEvents();
      expect(rows.length).toBeGreaterThan(20);
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i].id).toBeGreaterThan(rows[i - 1].id);
        expect(rows[i].prevHash, `row ${rows[i].id} must link to row ${rows[i - 1].id}`).toBe(rows[i - 1].hash);
      }
    });

    it("an event written in a rolled-back transaction leaves no trace, and the chain stays valid", async () => {
      const before = await allEvents();
      await expect(
        t.db.transaction(async (tx) => {
          await recordEvent(tx, event(999));
          throw new Error("rollback");
        }),
      ).rejects.toThrow("rollback");
      const after = await recordEvent(t.db, event(1000));
      expect(after.id).toBeGreaterThan(before.at(-1)!.id);
      const rows = await allEvents();
      expect(rows).toHaveLength(before.length + 1);
      expect(rows.at(-1)!.prevHash).toBe(before.at(-1)!.hash);
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    });

    it("verification walks the chain in batches (a batch boundary is not a break)", async () => {
      const total = (await allEvents()).length;
      expect(await verifyAuditChain(t.db, 4)).toEqual({ ok: true, rows: total });
    });
  });

  describe("the database refuses to change the log", () => {
    it("UPDATE of an audit event is rejected", async () => {
      await expectRejected(t.db.update(auditEvents).set({ action: "forged" }).where(eq(auditEvents.id, 2)), "UPDATE");
      const [row] = await t.db.select().from(auditEvents).where(eq(auditEvents.id, 2));
      expect(row.action).toBe("test.event");
    });

    it("DELETE of an audit event is rejected", async () => {
      const before = (await allEvents()).length;
      await expectRejected(t.db.delete(auditEvents).where(eq(auditEvents.id, 2)), "DELETE");
      expect(await allEvents()).toHaveLength(before);
    });

    it("TRUNCATE of the audit table is rejected", async () => {
      const before = (await allEvents()).length;
      await expectRejected(t.db.execute(sql`TRUNCATE audit_events`), "TRUNCATE");
      expect(await allEvents()).toHaveLength(before);
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    });
  });

  describe("verification detects changes made behind the triggers' back", () => {
    it("a row changed by a superuser (triggers bypassed) is detected as a hash mismatch at that row", async () => {
      const rows = await allEvents();
      const victim = rows[2];
      await asSuperuserBypassingTriggers((q) =>
        q.update(auditEvents).set({ payload: { ...(victim.payload as object), 事由: "撤回申请" } }).where(eq(auditEvents.id, victim.id)),
      );
      // the bypass was local to that transaction: the trigger guards the table again
      await expectRejected(t.db.update(auditEvents).set({ action: "x" }).where(eq(auditEvents.id, victim.id)), "UPDATE");

      expect(await verifyAuditChain(t.db)).toEqual({ ok: false, rows: 2, brokenAt: victim.id, reason: "hash" });

      // putting the original payload back makes the chain verify again: detection is exact, not a false alarm
      await asSuperuserBypassingTriggers((q) => q.update(auditEvents).set({ payload: victim.payload }).where(eq(auditEvents.id, victim.id)));
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: rows.length });
    });

    it("a row whose hash was recomputed to hide a change is detected as a broken link at the next row", async () => {
      const rows = await allEvents();
      const victim = rows[1];
      const forged = { ...(victim.payload as object), 申请人: "某某" };
      // ALTER TABLE … DISABLE TRIGGER is the other way a superuser gets past the guard (transactional DDL)
      await t.db.transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
        await tx
          .update(auditEvents)
          .set({
            payload: forged,
            hash: sql`audit_event_digest(id, occurred_at, actor_id, action, subject_type, subject_id, ${JSON.stringify(forged)}::jsonb, request_id, prev_hash)`,
          })
          .where(eq(auditEvents.id, victim.id));
        await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
      });
      const [changed] = await t.db.select().from(auditEvents).where(eq(auditEvents.id, victim.id));
      expect(changed.hash).not.toBe(victim.hash);
      await expectRejected(t.db.update(auditEvents).set({ action: "x" }).where(eq(auditEvents.id, victim.id)), "UPDATE");

      expect(await verifyAuditChain(t.db)).toEqual({ ok: false, rows: 2, brokenAt: rows[2].id, reason: "link" });

      await asSuperuserBypassingTriggers((q) =>
        q.update(auditEvents).set({ payload: victim.payload, hash: victim.hash }).where(eq(auditEvents.id, victim.id)),
      );
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: rows.length });
    });

    it("a row deleted from the middle by a superuser is detected as a broken link at the next row", async () => {
      const rows = await allEvents();
      const victim = rows[4];
      // kept in SQL, not in JS: a JS Date would drop occurred_at's microseconds and the restored row would not verify
      await t.db.execute(sql`CREATE TABLE audit_events_saved AS SELECT * FROM audit_events WHERE id = ${victim.id}`);
      await asSuperuserBypassingTriggers((q) => q.delete(auditEvents).where(eq(auditEvents.id, victim.id)));

      expect(await verifyAuditChain(t.db)).toEqual({ ok: false, rows: 4, brokenAt: rows[5].id, reason: "link" });

      // re-inserting it verbatim (the chain trigger bypassed too, or it would re-chain the row) heals the chain
      await asSuperuserBypassingTriggers((q) => q.execute(sql`INSERT INTO audit_events SELECT * FROM audit_events_saved`));
      await t.db.execute(sql`DROP TABLE audit_events_saved`);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: rows.length });
    });
  });
});
