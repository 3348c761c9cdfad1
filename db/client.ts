// The database client factory: embedded PGlite under ./data by default, PostgreSQL (postgres.js) when DATABASE_URL is set.
// One process owns one PGlite directory (PGlite does not lock it): a lock file with the owner's pid enforces that.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema/index";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that runs queries: the database or a transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  engine: "pglite" | "postgres";
  /** Where the data lives: a directory, `memory://`, or the URL without its password. */
  location: string;
  /** postgres.js only: the connection URL (never logged; for pg-boss's own pool). */
  connectionString?: string;
  /** PGlite only: the embedded instance (for pg-boss's adapter and test snapshots). */
  pglite?: import("@electric-sql/pglite").PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite directory, or "memory://" for a throwaway database. */
  pgliteDir?: string;
  /** A tarball from PGlite's dumpDataDir to start from (tests). */
  loadDataDir?: Blob;
  /** Pool size for postgres.js. */
  max?: number;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "db", "migrations");

export function defaultPgliteDir(dataDir: string = process.env.DATA_DIR ?? "./data"): string {
  return path.resolve(dataDir, "pglite");
}

export class DatabaseLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(`数据库目录 ${dir} 已被进程 ${pid} 打开。PGlite 只能由一个进程使用：请先停止该进程。 (The embedded database directory is already open in process ${pid}.)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the directory's lock file, or throws DatabaseLockedError when a live process holds it. Returns the release function. */
export function lockDirectory(dir: string): () => void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lockPath = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8"));
      if (holder && holder !== process.pid && isAlive(holder)) throw new DatabaseLockedError(dir, holder);
      fs.unlinkSync(lockPath); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dir}`);
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

/**
 * Session settings of every app connection. Prepared statements (below) are planned for their actual parameters each
 * time (force_custom_plan): a generic plan cannot prove a partial index's predicate (machine = 'reconsideration' …)
 * from a parameter and estimates an average organ, and measured here it read all 1,423 cases of an office in one
 * state and sorted them (38 ms) where the custom plan reads 51 entries of cases_queue_state_due_idx (1.9 ms).
 * Only parsing is saved per execution; planning stays what it was with unnamed statements.
 */
export const POSTGRES_SESSION = { TimeZone: "UTC", plan_cache_mode: "force_custom_plan" } as const;

/**
 * drizzle sends every query as an unnamed statement (client.unsafe(text, params, { prepare: false }) unless the query
 * was built with .prepare(name)), so PostgreSQL parses the same few dozen query shapes on every request.
 * This view of the postgres.js client asks for named statements instead (parsed once, planned per execution:
 * POSTGRES_SESSION): postgres.js keeps one per distinct query
 * text on each connection (connections are recycled after max_lifetime, 30–60 min, which bounds the set), and
 * transactions (beginReserved) get the same view. Queries without parameters still use the simple protocol.
 */
function preparing<T extends object>(target: T): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const value = Reflect.get(t, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (prop === "unsafe") {
        return (text: string, params?: unknown[], opts?: Record<string, unknown>) => value.call(t, text, params, { ...opts, prepare: true });
      }
      if (prop === "begin") {
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: object) => unknown;
          return beginReserved(t as unknown as ReservingSql, body, typeof args[0] === "string" ? args[0] : "");
        };
      }
      return value;
    },
  });
}

interface ReservedSql {
  unsafe: (text: string, params?: unknown[], opts?: Record<string, unknown>) => Promise<unknown>;
  release: () => void;
}
interface ReservingSql {
  reserve: () => Promise<ReservedSql>;
}

/**
 * A transaction on a connection reserved for it before BEGIN is sent. postgres.js 3.4.9's own sql.begin() can write
 * BEGIN to a pooled connection that is busy and then skip reserving it (porsager/postgres#823, fixes #1207/#1218 not
 * released): the caller gets UNSAFE_TRANSACTION and the connection goes back to the pool inside an open
 * transaction. `npm run reliability` saw it three times in R3 (200 submitters, ~110 filings/s). reserve() only ever
 * takes an idle connection, so BEGIN, the body, COMMIT or ROLLBACK all run on it alone. Savepoints give drizzle its
 * nested transactions, as postgres.js's begin did.
 */
async function beginReserved(pool: ReservingSql, body: (tx: object) => unknown, mode: string): Promise<unknown> {
  const conn = await pool.reserve();
  try {
    await conn.unsafe(`begin ${mode.replace(/[^a-z ]/gi, "")}`);
    let savepoints = 0;
    const savepoint = async (...args: unknown[]) => {
      const inner = args.pop() as (tx: object) => unknown;
      const name = `s${++savepoints}`;
      await conn.unsafe(`savepoint ${name}`);
      try {
        const result = await inner(tx);
        await conn.unsafe(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await conn.unsafe(`rollback to savepoint ${name}`);
        throw error;
      }
    };
    const tx: object = new Proxy(preparing(conn as unknown as object), {
      get: (t, prop, receiver) => (prop === "savepoint" ? savepoint : Reflect.get(t, prop, receiver)),
    });
    try {
      const result = await body(tx);
      await conn.unsafe("commit");
      return result;
    } catch (error) {
      await conn.unsafe("rollback").catch(() => {});
      throw error;
    }
  } finally {
    conn.release();
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {}, connection: POSTGRES_SESSION });
    const db = drizzle(preparing(client), { schema });
    return {
      db,
      engine: "postgres",
      location: redactUrl(options.url),
      connectionString: options.url,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = options.pgliteDir ?? defaultPgliteDir();
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : lockDirectory(dir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { drizzle } = await import("drizzle-orm/pglite");
    if (!inMemory) fs.mkdirSync(dir, { recursive: true });
    const client = await PGlite.create(inMemory ? undefined : dir, {
      extensions: { pg_trgm },
      loadDataDir: options.loadDataDir,
    });
    await client.exec("SET TIME ZONE 'UTC'");
    const db = drizzle(client, { schema }) as unknown as Db;
    let closed = false;
    return {
      db,
      engine: "pglite",
      location: inMemory ? "memory://" : dir,
      pglite: client,
      close: async () => {
        if (closed) return;
        closed = true;
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Applies the committed SQL migrations with drizzle's migrator, on either engine. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.engine === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(database.db, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(database.db as never, { migrationsFolder });
  }
}

// The process-wide database. The Remix server build and the Express server are two bundles of the same code, so the
// instance lives on globalThis: both must see one PGlite, never two.
const KEY = Symbol.for("im-portal.database");
type GlobalWithDb = typeof globalThis & { [KEY]?: Database };

export function setDatabase(database: Database | undefined): void {
  (globalThis as GlobalWithDb)[KEY] = database;
}

export function getDatabase(): Database {
  const database = (globalThis as GlobalWithDb)[KEY];
  if (!database) throw new Error("database not initialised: the server opens it at start (db/client.ts setDatabase)");
  return database;
}

export function getDb(): Db {
  return getDatabase().db;
}

/**
 * A query built once per database and run many times (drizzle's .prepare with sql.placeholder): the statements every
 * page view runs (the session lookup, the unread count) skip drizzle's query building, which was a few per cent of a
 * page's CPU (issue 8 P1/P3). Kept per Db: tests and tools open several databases in one process.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
