// How the command-line tools (audit:verify, api:key) open the database: the way the server does, PostgreSQL when
// DATABASE_URL is set, else the embedded PGlite under DATA_DIR (./data by default) — never a new, empty one.
import fs from "node:fs";
import path from "node:path";
import { defaultPgliteDir, openDatabase, redactUrl, type Database } from "./client";

/** Where the tools look, for messages (the URL without its password). */
export function cliDatabaseLocation(env: NodeJS.ProcessEnv): string {
  return env.DATABASE_URL ? redactUrl(env.DATABASE_URL) : defaultPgliteDir(env.DATA_DIR ?? "./data");
}

// The same choice as app/server.ts with app/config.server.ts: a non-empty DATABASE_URL, else $DATA_DIR/pglite.
export async function openCliDatabase(env: NodeJS.ProcessEnv): Promise<Database> {
  if (env.DATABASE_URL) return openDatabase({ url: env.DATABASE_URL, max: 1 });
  const dir = defaultPgliteDir(env.DATA_DIR ?? "./data");
  // never create a database here: an empty new one would "verify" trivially, or hold keys the server never sees
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    throw new Error(`找不到内嵌数据库目录 ${dir}（请设置 DATA_DIR 或 DATABASE_URL）。 (No embedded database at ${dir}: set DATA_DIR or DATABASE_URL.)`);
  }
  return openDatabase({ pgliteDir: dir });
}
