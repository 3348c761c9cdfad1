// Transactions on PostgreSQL go through db/client.ts beginReserved: a connection is reserved before BEGIN is sent
// (postgres.js 3.4.9's sql.begin can send BEGIN on a busy pooled connection and then not reserve it,
// porsager/postgres#823). PostgreSQL only: the embedded engine has one connection and no pool (this file reports
// itself skipped there, by name).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../db/client";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("transactions on a reserved connection (PostgreSQL only)", () => {
  let database: Database;
  const table = `tx_probe_${process.pid}`;
  beforeAll(async () => {
    database = await openDatabase({ url, max: 2 });
    await database.db.execute(sql.raw(`create table ${table} (v int not null)`));
  });
  afterAll(async () => {
    await database.db.execute(sql.raw(`drop table if exists ${table}`));
    await database.close();
  });
  const count = async () => Number(((await database.db.execute(sql.raw(`select count(*)::int n from ${table}`))) as unknown as { n: number }[])[0].n);

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
    const rows = (await database.db.execute(sql.raw(`select v from ${table} order by v`))) as unknown as { v: number }[];
    expect(rows.map((r) => r.v)).toEqual([1, 3, 5]);
  });

  it("300 transactions at once on a pool of two: all commit, none fails, no connection is left inside one", async () => {
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
    // every pooled connection answers outside a transaction afterwards
    const states = await Promise.all(
      Array.from({ length: 4 }, async () => ((await database.db.execute(sql.raw(`select now() = statement_timestamp() as outside`))) as unknown as { outside: boolean }[])[0].outside),
    );
    expect(states.every(Boolean)).toBe(true);
  });
});
