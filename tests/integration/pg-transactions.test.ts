// Transactions: on PostgreSQL they go through db/client.ts beginReserved — a connection is reserved before BEGIN is
// sent (postgres.js 3.4.9's sql.begin can send BEGIN on a busy pooled connection and then not reserve it,
// porsager/postgres#823). The same checks run on the embedded engine, whose one connection drizzle serialises.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../db/client";

const url = process.env.TEST_DATABASE_URL;

describe(`transactions (${url ? "PostgreSQL: on a reserved connection" : "PGlite"})`, () => {
  let database: Database;
  const table = `tx_probe_${process.pid}`;
  beforeAll(async () => {
    database = url ? await openDatabase({ url, max: 2 }) : await openDatabase({ pgliteDir: "memory://" });
    await database.db.execute(sql.raw(`create table ${table} (v int not null)`));
  });
  afterAll(async () => {
    await database.db.execute(sql.raw(`drop table if exists ${table}`));
    await database.close();
  });
  // postgres.js answers rows, PGlite { rows }
  const rowsOf = <T,>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows);
  const count = async () => Number(rowsOf<{ n: number }>(await database.db.execute(sql.raw(`select count(*)::int n from ${table}`)))[0].n);

  it("commits, rolls back on a throw, and a nested transaction rolls back alone", async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`insert into ${table} values (1)`));
    });
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`insert into ${table} values (2)`));
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`insert into ${table} values (3)`));
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql.raw(`insert into ${table} values (4)`));
          throw new Error("inner refused");
        }),
      ).rejects.toThrow("inner refused");
      await tx.transaction(async (inner) => {
        await inner.execute(sql.raw(`insert into ${table} values (5)`));
      });
    });
    const rows = rowsOf<{ v: number }>(await database.db.execute(sql.raw(`select v from ${table} order by v`)));
    expect(rows.map((r) => r.v)).toEqual([1, 3, 5]);
  });

  it("300 transactions at once (on PostgreSQL a pool of two): all commit, none fails, no connection is left inside one", async () => {
    const before = await count();
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql.raw(`insert into ${table} values (${100 + i})`));
          await tx.execute(sql.raw(`select pg_sleep(0)`));
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect((await count()) - before).toBe(300);
    if (!url) return; // the embedded engine has no pool to leave a connection in
    // every pooled connection answers outside a transaction afterwards
    const states = await Promise.all(
      Array.from({ length: 4 }, async () => rowsOf<{ outside: boolean }>(await database.db.execute(sql.raw(`select now() = statement_timestamp() as outside`)))[0].outside),
    );
    expect(states.every(Boolean)).toBe(true);
  });
});
