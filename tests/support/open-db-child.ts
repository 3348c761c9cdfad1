// Child process for tests/integration/db-lock.test.ts: opens a PGlite directory the way the server does.
//   node --import tsx tests/support/open-db-child.ts <pglite dir>
// Prints "opened <number of audit events>" and exits 0, or prints the error and exits 3.
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: open-db-child.ts <pglite dir>");
  process.exit(64);
}
try {
  const database = await openDatabase({ pgliteDir: dir });
  try {
    const result = (await database.db.execute(sql`select count(*)::int as n from audit_events`)) as unknown as { rows: { n: number }[] };
    console.log(`opened ${result.rows[0].n}`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(3);
}
