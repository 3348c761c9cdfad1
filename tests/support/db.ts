// Per-test-file databases, on the engine under test: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set.
// Every call clones the migrated template prepared once per run by tests/support/global-setup.ts:
//  - PGlite: openDatabase({ pgliteDir: "memory://", loadDataDir: <the template tarball> })  (~0.6 s instead of ~4.5 s)
//  - PostgreSQL: CREATE DATABASE imr_t_<run>_<random> TEMPLATE imr_tpl_<run>, dropped again by close().
//
//   const t = useTestDatabase();            // beforeAll: create, afterAll: close
//   it("…", async () => { await t.db.insert(…) });
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import type { SQL } from "drizzle-orm";
import { migrateDatabase, openDatabase, type Database, type Db, type Queryable } from "../../db/client";
import { adminConnection, createDatabase, databaseUrl, dropDatabase, testDatabasePrefix } from "./postgres-admin";

export interface TemplateInfo {
  /** dumpDataDir tarballs of an empty and of a migrated PGlite (always prepared). */
  pglite: { emptyTarball: string; migratedTarball: string };
  /** Present when TEST_DATABASE_URL is set: the run's template database on that server. */
  postgres?: { url: string; template: string; runId: string };
}

declare module "vitest" {
  export interface ProvidedContext {
    imrTemplate: TemplateInfo;
  }
}

export interface TestDatabase extends Database {
  /** PostgreSQL only: this database's URL, for a second connection or a child process. */
  url?: string;
  /** PostgreSQL only: the database name (imr_t_…). */
  name?: string;
}

export interface CreateOptions {
  /** Skip the migrations: an empty database, as a fresh install has it (for the migrations test). */
  empty?: boolean;
  /** A PGlite database in this directory instead of memory, whatever the engine under test (locked like the server's). */
  pgliteDir?: string;
}

/** "PGlite" or "PostgreSQL", for test titles: describe(`audit chain (${engineName()})`, …). */
export function engineName(): string {
  return process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite";
}

export function isPostgres(): boolean {
  return Boolean(process.env.TEST_DATABASE_URL);
}

function templateInfo(): TemplateInfo {
  const info = inject("imrTemplate");
  if (!info) throw new Error("no database template: run the tests with --config tests/vitest.config.ts (its globalSetup prepares it)");
  return info;
}

const tarballs = new Map<string, Blob>();
function tarball(file: string): Blob {
  let blob = tarballs.get(file);
  if (!blob) {
    blob = new Blob([fs.readFileSync(file)]);
    tarballs.set(file, blob);
  }
  return blob;
}

/** A fresh database for this test file (or test), migrated unless `empty`. Always close() it. */
export async function createTestDatabase(options: CreateOptions = {}): Promise<TestDatabase> {
  const info = templateInfo();
  if (!info.postgres || options.pgliteDir) return createPgliteDatabase(options);
  return createPostgresDatabase(info.postgres, options);
}

/**
 * A fresh PGlite database whatever the engine under test, in memory or in `pgliteDir` (opened, and locked, the way
 * the server opens its directory). For tests of PGlite itself.
 */
export async function createPgliteDatabase(options: CreateOptions = {}): Promise<TestDatabase> {
  const { pglite } = templateInfo();
  return openDatabase({
    pgliteDir: options.pgliteDir ?? "memory://",
    loadDataDir: tarball(options.empty ? pglite.emptyTarball : pglite.migratedTarball),
  });
}

async function createPostgresDatabase(info: NonNullable<TemplateInfo["postgres"]>, options: CreateOptions): Promise<TestDatabase> {
  const name = `${testDatabasePrefix(info.runId)}${randomBytes(4).toString("hex")}`;
  const admin = await adminConnection(info.url);
  try {
    await createDatabase(admin, name, options.empty ? "template0" : info.template);
  } catch (error) {
    await admin.end({ timeout: 5 });
    throw error;
  }
  const url = databaseUrl(info.url, name);
  let database: Database;
  try {
    database = await openDatabase({ url, max: 5 });
  } catch (error) {
    await dropDatabase(admin, name).finally(() => admin.end({ timeout: 5 }));
    throw error;
  }
  let closed = false;
  return {
    ...database,
    url,
    name,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await database.close();
        await dropDatabase(admin, name);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}

/** Applies the migrations to a database from createTestDatabase({ empty: true }). */
export { migrateDatabase };

/**
 * One database for the whole file: created in beforeAll, closed (and dropped) in afterAll.
 * Read `.db` / `.database` inside tests and hooks, not at module level.
 */
export function useTestDatabase(options: CreateOptions = {}): { readonly database: TestDatabase; readonly db: Db } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(options);
  });
  afterAll(async () => {
    await database?.close();
  });
  const get = () => {
    if (!database) throw new Error("the test database is opened in beforeAll: use it inside a test or hook");
    return database;
  };
  return {
    get database() {
      return get();
    },
    get db() {
      return get().db;
    },
  };
}

/** Raw SQL returning rows on both drivers (PGlite gives { rows }, postgres.js an array: STACK trap 5). */
export async function queryRows<T extends Record<string, unknown>>(q: Queryable, query: SQL): Promise<T[]> {
  const result = (await q.execute(query)) as unknown;
  if (Array.isArray(result)) return [...result] as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The message of an error and of its causes (drizzle wraps driver errors as "Failed query: …" with a cause). */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { message?: string; code?: string; cause?: unknown };
    parts.push(`${e.code ? `[${e.code}] ` : ""}${e.message ?? String(current)}`);
    current = e.cause;
  }
  return parts.join(" <- ");
}
