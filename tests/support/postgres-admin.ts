// Administrative statements on a PostgreSQL server for the test suite: creating and dropping per-file databases.
import postgres from "postgres";

export type Admin = postgres.Sql;

/** One connection to the maintenance database named in the URL (usually `postgres`). */
export async function adminConnection(url: string): Promise<Admin> {
  return postgres(url, { max: 1, onnotice: () => {}, idle_timeout: 30 });
}

/** The same server URL pointing at another database. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * CREATE DATABASE … TEMPLATE …; retried while the template is briefly "being accessed by other users" (55006), which
 * happens when two files clone at the same instant on some versions.
 */
export async function createDatabase(admin: Admin, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** DROP DATABASE … WITH (FORCE) (PostgreSQL 13+): connections a test forgot to close do not keep it alive. */
export async function dropDatabase(admin: Admin, name: string): Promise<void> {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Every per-file database of one run starts with this prefix, so teardown can find the ones a crashed file left. */
export function testDatabasePrefix(runId: string): string {
  return `imr_t_${runId}_`;
}

export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
