// Large-data seed and EXPLAIN of the staff queue (issue 5, requirement 11). Fills a separate PostgreSQL database with
// N reconsideration cases (default 1,000,000) spread over every government of the region, each with its running
// periods, then runs the queue's real query (queueQuery in app/services/staff-queue.server.ts, exactly the SQL the
// page runs) for a staff member of 呼和浩特市人民政府 under several filters, printing EXPLAIN (ANALYZE, BUFFERS) and the
// median time of each against a baseline query taken in the same run (a primary-key range scan of the same size).
//
// Run: npx tsx tests/bench/seed-queue.ts [--cases 1000000] [--url postgres://postgres@127.0.0.1:5432/bench_queue]
//      [--keep] (reuse an already seeded database) [--plans] (print the full plans) [--runs 7] (timed runs per query)
// The database is dropped and created again unless --keep is given. Never point it at a database you care about.
import postgres from "postgres";
import { eq } from "drizzle-orm";
import { migrateDatabase, openDatabase, setDatabase } from "../../db/client";
import { users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { queueQuery, type QueueQueryArgs } from "../../app/services/staff-queue.server";
import { loadUser } from "../../app/services/session.server";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const N = Number(option("cases", "1000000"));
const url = option("url", process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bench_queue");
const RUNS = Number(option("runs", "7"));

async function recreate(): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || ["postgres", "test", "root"].includes(name)) throw new Error(`refusing to recreate database "${name}"`);
  target.pathname = "/postgres";
  const admin = postgres(target.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
}

const SURNAMES = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "巴特", "乌云", "其其格", "包", "吴", "孙", "苏日", "白"];
const GIVEN = ["海峰", "丽娜", "明轩", "建华", "振宇", "娜", "立新", "金花", "尔", "图雅", "斯琴", "宝音", "晓东", "静", "勇", "芳"];
const STATES = ["INTAKE_REVIEW", "AWAITING_SUPPLEMENT", "ACCEPTED", "AWAITING_REPLY", "IN_REVIEW", "HEARING_SCHEDULED", "DECISION_DRAFTING", "CLOSED"];
const arr = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(",")}]`;

async function seedCases(sql: postgres.Sql, handlerIds: string[]): Promise<void> {
  const batch = 100_000;
  const started = Date.now();
  // Bulk load: the per-row trigger that keeps cases.next_due_date (migration 0007) is switched off while the periods
  // are written; each case is inserted with the projection its periods give (checked against them afterwards).
  const [{ has }] = await sql<{ has: boolean }[]>`select exists (select 1 from pg_trigger where tgname = 'deadlines_next_due') has`;
  for (let from = 1; from <= N; from += batch) {
    const to = Math.min(N, from + batch - 1);
    // Cases: a fifth to 呼和浩特市人民政府 (the office measured), the rest round-robin over the governments; states cycle, received 0–399 days ago, a third unassigned.
    await sql.unsafe(`
      with gov as (select array_agg(id order by code) ids from organs where kind = 'government'),
           big as (select id from organs where code = '150100'),
           hs as (select ${handlerIds.length ? `array[${handlerIds.map((h) => `'${h}'::uuid`).join(",")}]` : "array[]::uuid[]"} ids)
      insert into cases (machine, state, data, organ_id, version, case_number, channel, category, received_at,
                         act_document_number, applicant_names, handler_id, triage_status${has ? ", next_due_date" : ""})
      select 'reconsideration',
             (${arr(STATES)})[1 + (i % ${STATES.length})],
             jsonb_build_object('procedure', case when i % 5 = 0 then 'simplified' else 'ordinary' end),
             case when i % 5 = 1 then big.id else gov.ids[1 + ((i::bigint * 7919) % array_length(gov.ids, 1))] end,
             1,
             'FY2026-B' || lpad(i::text, 8, '0'),
             case when i % 3 = 0 then 'in_person' else 'online' end,
             case when i % 4 = 0 then 'information_disclosure' else 'penalty' end,
             now() - ((i % 400) || ' days')::interval,
             '呼市监罚〔2026〕' || (i % 9973) || '号',
             (${arr(SURNAMES)})[1 + (i % ${SURNAMES.length})] || (${arr(GIVEN)})[1 + ((i / 7) % ${GIVEN.length})],
             case when i % 3 = 0 or array_length(hs.ids, 1) is null then null else hs.ids[1 + ((i / 3) % array_length(hs.ids, 1))] end,
             'routed'${
               has
                 ? `, case when (${arr(STATES)})[1 + (i % ${STATES.length})] = 'CLOSED' then null
                           when (${arr(STATES)})[1 + (i % ${STATES.length})] = 'AWAITING_REPLY' then (now() - ((i % 400) || ' days')::interval)::date + 19
                           else (now() - ((i % 400) || ' days')::interval)::date + 60 end`
                 : ""
             }
      from generate_series(${from}, ${to}) i, gov, big, hs`);
    process.stdout.write(`\r  cases ${to.toLocaleString("en")} / ${N.toLocaleString("en")} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  process.stdout.write("\n");
  if (has) await sql.unsafe("alter table deadlines disable trigger deadlines_next_due");
  // Running periods of the open cases: the decision period (60 days from receipt) and, for every other case, a
  // reply period ending sooner; closed cases keep theirs as met.
  await sql.unsafe(`
    insert into deadlines (case_id, kind, basis, start_date, due_date, original_due_date, status, calendar_version)
    select id, 'decision_period', '《行政复议法》第六十二条第一款', received_at::date, received_at::date + 60, received_at::date + 60,
           case when state = 'CLOSED' then 'met' else 'running' end, 'bench'
    from cases where case_number like 'FY2026-B%'`);
  await sql.unsafe(`
    insert into deadlines (case_id, kind, basis, start_date, due_date, original_due_date, status, calendar_version)
    select id, 'reply_period', '《行政复议法》第四十八条', received_at::date + 5, received_at::date + 19, received_at::date + 19, 'running', 'bench'
    from cases where case_number like 'FY2026-B%' and state = 'AWAITING_REPLY'`);
  if (has) {
    await sql.unsafe("alter table deadlines enable trigger deadlines_next_due");
    const [{ wrong }] = await sql.unsafe(`select count(*)::int wrong from cases c
      left join (select case_id, min(due_date) m from deadlines where status = 'running' group by case_id) d on d.case_id = c.id
      where c.next_due_date is distinct from d.m`);
    if (wrong !== 0) throw new Error(`${wrong} cases have a next_due_date that does not match their periods`);
  }
  await sql.unsafe("analyze");
  console.log(`  periods written; seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  if (!flag("keep")) await recreate();
  const database = await openDatabase({ url });
  await migrateDatabase(database);
  setDatabase(database);
  await seedDatabase(database.db, { demo: true });
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const staff = await database.db.select({ id: users.id, email: users.email }).from(users);
  const staff1 = staff.find((u) => u.email === "staff1@demo.nmg.example")!;
  const handlerIds = staff.filter((u) => /^staff[12]@|^head@/.test(u.email ?? "")).map((u) => u.id);
  const [{ count }] = await sql<{ count: string }[]>`select count(*)::text count from cases where case_number like 'FY2026-B%'`;
  if (Number(count) < N) {
    console.log(`seeding ${N.toLocaleString("en")} cases into ${url.replace(/\/\/[^@]*@/, "//")}`);
    await seedCases(sql, handlerIds);
  } else console.log(`reusing ${Number(count).toLocaleString("en")} seeded cases`);

  const user = (await loadUser(database.db, staff1.id))!;
  const [organ] = await sql<{ id: string }[]>`select id from organs where code = '150100'`;
  const [scope] = await sql<{ n: string }[]>`select count(*)::text n from cases where organ_id = ${organ.id}`;
  console.log(`staff1's office (150100) holds ${Number(scope.n).toLocaleString("en")} cases`);

  const firstPage = await queueQuery({ user, filters: { overdue: false } }, database.db);
  const last = firstPage[49];
  const variants: [string, QueueQueryArgs][] = [
    ["page 1, no filter", { user, filters: { overdue: false } }],
    ["page 2 (keyset)", { user, filters: { overdue: false }, cursor: { due: last.nextDue, id: last.id } }],
    ["state IN_REVIEW", { user, filters: { overdue: false, state: "IN_REVIEW" } }],
    ["overdue", { user, filters: { overdue: true } }],
    ["due within 7 days", { user, filters: { overdue: false, dueWithin: 7 } }],
    ["search 巴特", { user, filters: { overdue: false, q: "巴特" } }],
    ["search document number 〔2026〕77", { user, filters: { overdue: false, q: "〔2026〕77号" } }],
    ["my cases", { user, filters: { overdue: false, handler: "me" } }],
  ];
  const baselineSql = `select id from cases where id > '00000000-0000-0000-0000-000000000000'::uuid order by id limit 51`;
  const time = async (text: string, params: unknown[]) => {
    const ms: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      await sql.unsafe(text, params as never[]);
      ms.push(performance.now() - t0);
    }
    return median(ms);
  };
  const base = await time(baselineSql, []);
  console.log(`baseline (primary-key range scan, 51 rows): ${base.toFixed(2)} ms median of ${RUNS}`);
  for (const [name, args] of variants) {
    const q = queueQuery(args, database.db).toSQL();
    const ms = await time(q.sql, q.params);
    const plan = await sql.unsafe(`explain (analyze, buffers) ${q.sql}`, q.params as never[]);
    const lines = plan.map((r) => String(r["QUERY PLAN"]));
    console.log(`\n${name}: ${ms.toFixed(2)} ms median (${(ms / base).toFixed(1)}× baseline)`);
    console.log((flag("plans") ? lines : lines.filter((l) => /Scan|Sort|Limit|Execution/.test(l)).slice(0, 8)).map((l) => `    ${l}`).join("\n"));
  }
  await sql.end();
  await database.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
