// Figures P1–P3 (issue 8 req. 2): the staff queue page /staff/queue of 呼和浩特市人民政府 (organ scope of the staff
// member + a state filter, nearest running deadline first, 50 rows).
//   P1 median page time at the large size ÷ median time of the bare SQL behind it (queueQuery's own SQL, built by the
//      app's query builder and run through postgres.js in this process as a prepared statement, as the app runs it,
//      same user, same filters) — goal ≤ 3;
//   P2 median page time at the large size ÷ at the small size — goal ≤ 1.5;
//   P3 requests/s of the queue page ÷ of the home page "/" (same server, autocannon, same connections and duration,
//      alternating in the same run) — goal ≥ 0.5.
// Page times are client-observed on 127.0.0.1 (the server sends no Server-Timing), one keep-alive connection,
// sequential requests after a warm-up; the SQL is timed the same way, interleaved request by request so that both
// see the same machine noise.
import autocannon from "autocannon";
import type postgres from "postgres";
import type { Database } from "../../db/client";
import { readQueueFilters, type QueueFilters } from "../../app/domain/queue";
import { queueQuery } from "../../app/services/staff-queue.server";
import type { Actor } from "./lib/actors";
import { Client } from "./lib/http";
import { median } from "./lib/stats";

export interface QueueTarget {
  label: string;
  base: string;
  staff: Actor;
  /** /staff/queue?state=… */
  path: string;
  /** /staff/queue.data?state=…: the same request's loaders without the HTML render (single fetch), for the detail. */
  dataPath: string;
  sqlText: string;
  sqlParams: unknown[];
  /** Rows the SQL returns (51 = a full page of 50 and a next page). */
  sqlRows: number;
  client: Client;
}

/** The page and its SQL for one server/database; checks that the page shows the SQL's first and last row. */
export async function prepareQueue(args: {
  label: string;
  base: string;
  database: Database;
  sql: postgres.Sql;
  staff: Actor;
  state: string;
}): Promise<QueueTarget> {
  const params = new URLSearchParams({ state: args.state });
  const parsed = readQueueFilters(params);
  if (!parsed.success) throw new Error(`bad queue filter state=${args.state}`);
  const q = queueQuery({ user: args.staff.user, filters: parsed.data as QueueFilters, limit: 50 }, args.database.db).toSQL();
  const rows = await args.sql.unsafe(q.sql, q.params as never[]).values();
  const path = `/staff/queue?${params}`;
  const dataPath = `/staff/queue.data?${params}`;
  const client = new Client(args.base);
  const page = await client.request(path, { headers: { cookie: args.staff.cookie } });
  if (page.status !== 200) throw new Error(`${args.label}: GET ${path} answered ${page.status} (expected 200)`);
  const html = page.body.toString("utf8");
  // column 1 of the select is the case number (queueQuery: id, caseNumber, …)
  const shown = rows.slice(0, 50).map((r) => String(r[1]));
  const missing = [shown[0], shown[shown.length - 1]].filter((n) => n && !html.includes(n));
  if (missing.length) throw new Error(`${args.label}: the queue page does not show case(s) ${missing.join(", ")} of its own SQL`);
  return { label: args.label, base: args.base, staff: args.staff, path, dataPath, sqlText: q.sql, sqlParams: q.params, sqlRows: rows.length, client };
}

async function timedPage(t: QueueTarget, path = t.path): Promise<number> {
  const r = await t.client.request(path, { headers: { cookie: t.staff.cookie } });
  if (r.status !== 200) throw new Error(`${t.label}: GET ${path} answered ${r.status} during the measurement`);
  return r.ms;
}

async function timedSql(sql: postgres.Sql, t: QueueTarget): Promise<number> {
  const t0 = performance.now();
  // as a named prepared statement, the way the app sends its queries (db/client.ts preparing): parsed and planned
  // once per connection on both sides of the ratio
  await sql.unsafe(t.sqlText, t.sqlParams as never[], { prepare: true }).values();
  return performance.now() - t0;
}

export async function warmUp(t: QueueTarget, sql: postgres.Sql | null, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await timedPage(t);
    if (sql) await timedSql(sql, t);
  }
}

/** The frame of every staff page: the home page "/" for the same staff member (its loader returns nothing; the root's
 * loader looks the session up and the header shows the user), on the same server and connection. */
export const FRAME_PATH = "/";

/**
 * One run: n page requests interleaved with n runs of its SQL; the medians of each. Also, for the explanation of the
 * figure (not the figure): the same request's loaders alone, without the HTML render (/staff/queue.data), and the
 * frame alone — the same staff member's page that runs no query of its own (FRAME_PATH). frame + SQL is what the
 * page would cost if its 50 rows cost nothing to fetch, shape, render and send: (frame + SQL) ÷ SQL is the lowest P1
 * this server can reach on this machine.
 */
export async function pageAndSqlRun(
  t: QueueTarget,
  sql: postgres.Sql,
  n: number,
): Promise<{ pageMs: number; sqlMs: number; dataMs: number; frameMs: number }> {
  const page: number[] = [];
  const bare: number[] = [];
  const data: number[] = [];
  const frame: number[] = [];
  for (let i = 0; i < n; i++) {
    page.push(await timedPage(t));
    bare.push(await timedSql(sql, t));
    data.push(await timedPage(t, t.dataPath));
    frame.push(await timedPage(t, FRAME_PATH));
  }
  return { pageMs: median(page), sqlMs: median(bare), dataMs: median(data), frameMs: median(frame) };
}

/** One run of the page alone: n sequential requests, their median. */
export async function pageRun(t: QueueTarget, n: number): Promise<number> {
  const page: number[] = [];
  for (let i = 0; i < n; i++) page.push(await timedPage(t));
  return median(page);
}

export interface LoadResult {
  rps: number;
  p50: number;
  non2xx: number;
  errors: number;
}

export async function load(url: string, headers: Record<string, string>, connections: number, duration: number): Promise<LoadResult> {
  const r = await autocannon({ url, connections, duration, headers });
  return { rps: r.requests.total / r.duration, p50: r.latency.p50, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

/**
 * One P3 run: the queue page and the home page under the same load; order alternates run by run. Also, for the
 * explanation of the figure (not the figure): the frame alone under the same load — FRAME_PATH for the same staff
 * member (the session's statement and the header, no query of its own). frame ÷ home is what P3 would be if the
 * queue's statements and 50 rows cost nothing.
 */
export async function throughputRun(
  t: QueueTarget,
  run: number,
  connections: number,
  duration: number,
): Promise<{ queue: LoadResult; home: LoadResult; frame: LoadResult }> {
  const queue = () => load(t.base + t.path, { cookie: t.staff.cookie }, connections, duration);
  const home = () => load(`${t.base}/`, {}, connections, duration);
  const frame = () => load(t.base + FRAME_PATH, { cookie: t.staff.cookie }, connections, duration);
  let q: LoadResult;
  let h: LoadResult;
  if (run % 2 === 0) {
    q = await queue();
    h = await home();
  } else {
    h = await home();
    q = await queue();
  }
  const f = await frame();
  for (const [name, r] of [["queue", q], ["home", h], ["frame", f]] as const) {
    if (r.non2xx || r.errors) throw new Error(`P3 ${name} page: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
  }
  return { queue: q, home: h, frame: f };
}
