// The committed SQL migrations build the schema of db/schema on the engine under test (PGlite 18 by default,
// PostgreSQL 15 in CI — STACK.md trap 3: SQL only a newer version accepts must fail here).
import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import journal from "../../db/migrations/meta/_journal.json";
import * as schema from "../../db/schema/index";
import { createTestDatabase, engineName, migrateDatabase, queryRows, type TestDatabase } from "../support/db";
import type { Queryable } from "../../db/client";

const schemaTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table));

async function publicTables(q: Queryable): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(q, sql`select table_name::text as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  return rows.map((r) => r.name);
}

async function appliedMigrations(q: Queryable): Promise<number> {
  const [row] = await queryRows<{ n: number }>(q, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(row.n);
}

/** Everything a migration can create, as comparable text. */
async function schemaSnapshot(q: Queryable): Promise<string> {
  const parts = await Promise.all([
    queryRows(q, sql`select table_name::text, column_name::text, data_type::text, is_nullable::text, coalesce(column_default::text, '') as d
      from information_schema.columns where table_schema = 'public' order by 1, 2`),
    queryRows(q, sql`select indexname::text, indexdef::text from pg_indexes where schemaname = 'public' order by 1`),
    queryRows(q, sql`select conname::text, pg_get_constraintdef(oid) as def from pg_constraint
      where connamespace = 'public'::regnamespace order by 1, 2`),
    queryRows(q, sql`select tgname::text, tgrelid::regclass::text as rel from pg_trigger where not tgisinternal order by 1`),
    queryRows(q, sql`select proname::text, md5(prosrc) as src from pg_proc where pronamespace = 'public'::regnamespace
      and proname not like '%trgm%' and proname not in ('similarity', 'similarity_op', 'similarity_dist', 'word_similarity',
      'strict_word_similarity', 'show_limit', 'set_limit') order by 1, 2`),
    queryRows(q, sql`select extname::text from pg_extension order by 1`),
  ]);
  return JSON.stringify(parts);
}

describe(`migrations (${engineName()})`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("every committed migration applies to an empty database", async () => {
    expect(await publicTables(database.db)).toEqual([]);
    await migrateDatabase(database);
    expect(await appliedMigrations(database.db)).toBe(journal.entries.length);
  });

  it("the pg_trgm extension is installed (trap 4: drizzle-kit never writes CREATE EXTENSION; migration 0000 does)", async () => {
    const rows = await queryRows<{ extname: string }>(database.db, sql`select extname::text from pg_extension where extname = 'pg_trgm'`);
    expect(rows).toHaveLength(1);
  });

  it("every table and column declared in db/schema exists, and no table exists that db/schema does not declare", async () => {
    expect(schemaTables.length).toBeGreaterThan(0);
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      database.db,
      sql`select table_name::text, column_name::text from information_schema.columns where table_schema = 'public'`,
    );
    const present = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
    const declared = schemaTables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`));
    expect(declared.filter((c) => !present.has(c))).toEqual([]);
    expect(await publicTables(database.db)).toEqual(schemaTables.map((t) => t.name).sort());
  });

  it("applying the migrations a second time is a no-op", async () => {
    const before = await schemaSnapshot(database.db);
    await migrateDatabase(database);
    expect(await appliedMigrations(database.db)).toBe(journal.entries.length);
    expect(await schemaSnapshot(database.db)).toBe(before);
  });

  it("the per-file test database (a clone of the run's template) has exactly the freshly migrated schema", async () => {
    const clone = await createTestDatabase();
    try {
      expect(await schemaSnapshot(clone.db)).toBe(await schemaSnapshot(database.db));
      expect(await appliedMigrations(clone.db)).toBe(journal.entries.length);
    } finally {
      await clone.close();
    }
  });

  it("Chinese text yields trigrams, so trigram search works on Chinese (trap 6: needs a UTF-8 LC_CTYPE)", async () => {
    const [row] = await queryRows<{ n: number; s: number }>(
      database.db,
      sql`select coalesce(array_length(show_trgm('呼和浩特市'), 1), 0)::int as n, similarity('呼和浩特市', '呼和浩特')::float8 as s`,
    );
    expect(Number(row.n)).toBeGreaterThan(0);
    expect(Number(row.s)).toBeGreaterThan(0.3);
  });
});
