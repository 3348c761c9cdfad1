import { sql } from "drizzle-orm";
import { getDatabase } from "../../db/client";
import { organs } from "../../db/schema/index";

export async function checkDatabase(): Promise<{ ok: boolean; engine?: string; ms?: number; error?: string }> {
  const started = performance.now();
  try {
    const database = getDatabase();
    await database.db.select({ one: sql<number>`1` }).from(organs).limit(1);
    return { ok: true, engine: database.engine, ms: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { ok: false, error: "database unavailable" };
  }
}
