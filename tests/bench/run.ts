// `npm run bench` — the figures P1–P6 of issue 8 requirement 2, against a running production build on PostgreSQL.
//
//   npm run bench [-- --quick] [--runs 5] [--cases-large 1000000] [--cases-small 10000] [--reseed]
//                 [--url-base postgres://postgres@127.0.0.1:5432] [--connections 10] [--duration 10] [--state IN_REVIEW]
//                 [--jobs]
//
// What it does, in order:
//  1. checks that build/ holds a production build (else: run `npm run build`);
//  2. seeds the databases bench_<small> and bench_<large> (tests/bench/seed.ts, issue 8 req. 1) unless they already
//     hold that many cases (--reseed forces it);
//  3. starts build/server.js twice, NODE_ENV=production, one server per database, each on a free port of 127.0.0.1,
//     and waits for /healthz;
//  4. makes its own staff member of 呼和浩特市人民政府 and citizens, with sessions (tests/bench/lib/actors.ts);
//  5. measures P1–P6, each a ratio against a baseline of the same run (or an absolute goal: P5 size, P6 time), over
//     several runs: each line gives the median over the runs, then the spread (min–max) and the medians of its parts;
//  6. stops the servers with SIGTERM and prints the table of all figures.
// Exit code 1 only on an error (a server that does not start, a page that fails, a filing not written…); a missed goal
// is printed as MISSED and does not fail the run: these are measurements, not tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { POSTGRES_SESSION } from "../../db/client";
import { citizenActor, openBenchDb, staffActor, STAFF_ORGAN_CODE, type Actor, type BenchDb } from "./lib/actors";
import { missingBuild, startServer, type RunningServer } from "./lib/server";
import { atLeast, atMost, below, figureLine, figureMet, figureValue, num, spread, withSpread, type Figure } from "./lib/stats";
import type { DeadlinesResult } from "./deadlines";
import { dropBaseline, filingFootprint, filingRun, insertRun, inspectMediationForm, prepareBaseline, type FilingRun } from "./filings";
import { measurePageJs, reconsiderationStepPath, worksWithoutJs } from "./page-js";
import { FRAME_PATH, pageAndSqlRun, pageRun, prepareQueue, throughputRun, warmUp, type LoadResult } from "./queue";
import { benchDatabaseSeeded, benchStaffLogins, seedBench } from "./seed";
import { preDecisionStates } from "../../app/domain/machines/reconsideration";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

// ---------------------------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
function option(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}
const known = new Set(["quick", "reseed", "jobs", "runs", "cases-large", "cases-small", "url-base", "connections", "duration", "state", "help"]);
for (const a of argv) {
  if (a.startsWith("--") && !known.has(a.slice(2))) {
    console.error(`未知选项 ${a} (unknown option). See the header of tests/bench/run.ts.`);
    process.exit(2);
  }
}
if (flag("help")) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").filter((l) => l.startsWith("//")).slice(0, 20).join("\n"));
  process.exit(0);
}
const quick = flag("quick");
const int = (name: string, fallback: number) => {
  const v = option(name);
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive whole number, got ${v}`);
  return n;
};
const opts = {
  quick,
  casesLarge: int("cases-large", quick ? 20_000 : 1_000_000),
  casesSmall: int("cases-small", quick ? 2_000 : 10_000),
  runs: int("runs", quick ? 3 : 5),
  connections: int("connections", 10),
  /** seconds of each autocannon / insert window */
  duration: int("duration", quick ? 3 : 10),
  /** sequential page requests per run (P1, P2) */
  requests: quick ? 15 : 30,
  warmUp: quick ? 10 : 30,
  urlBase: (option("url-base") ?? "postgres://postgres@127.0.0.1:5432").replace(/\/+$/, ""),
  reseed: flag("reseed"),
  jobs: flag("jobs"),
  state: option("state"),
};

/** bench_10k, bench_1m, bench_20k…: one database per size, so a quick run never touches the large one. */
function databaseName(cases: number): string {
  const label = cases % 1_000_000 === 0 ? `${cases / 1_000_000}m` : cases % 1000 === 0 ? `${cases / 1000}k` : String(cases);
  return `bench_${label}`;
}
const dbUrl = (name: string) => `${opts.urlBase}/${name}`;
const redact = (url: string) => url.replace(/\/\/[^@/]*@/, "//");
const fmtInt = (n: number) => n.toLocaleString("en-US");
const log = (msg: string) => console.log(msg);
const step = (msg: string) => console.log(`\n== ${msg}`);

// ---------------------------------------------------------------------------------------------------------------
// Machine facts

async function header(): Promise<string[]> {
  const admin = postgres(dbUrl("postgres"), { max: 1, onnotice: () => {} });
  let pg = "?";
  try {
    pg = String((await admin`select version() v`)[0].v).split(" on ")[0];
  } finally {
    await admin.end();
  }
  const cpus = os.cpus();
  const acVersion = JSON.parse(fs.readFileSync(path.join(root, "node_modules", "autocannon", "package.json"), "utf8")).version as string;
  const buildVersion = fs.existsSync(path.join(root, "build", "version.txt")) ? fs.readFileSync(path.join(root, "build", "version.txt"), "utf8").trim() : "?";
  return [
    `date:        ${new Date().toISOString()}`,
    `machine:     ${cpus[0]?.model ?? "?"} × ${cpus.length} cores (os.availableParallelism ${os.availableParallelism()}), ${num(os.totalmem() / 2 ** 30, 1)} GB RAM, ${os.type()} ${os.release()}`,
    `load:        ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (1/5/15 min, at start)`,
    `node:        ${process.version}; autocannon ${acVersion}`,
    `database:    ${pg} at ${redact(opts.urlBase)}`,
    `build:       ${buildVersion}`,
    `settings:    ${opts.quick ? "--quick, " : ""}runs ${opts.runs}, ${opts.connections} connections × ${opts.duration} s per load window, ${opts.requests} sequential requests per run after ${opts.warmUp} warm-up`,
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Data

async function ensureSeeded(cases: number): Promise<string> {
  const url = dbUrl(databaseName(cases));
  if (!opts.reseed && (await benchDatabaseSeeded(url, cases))) {
    log(`  ${redact(url)}: already seeded with ${fmtInt(cases)} cases, reused (--reseed to seed again)`);
    return url;
  }
  log(`  ${redact(url)}: seeding ${fmtInt(cases)} cases…`);
  const t0 = Date.now();
  await seedBench({ url, cases, progress: true });
  log(`  ${redact(url)}: seeded in ${num((Date.now() - t0) / 1000, 0)} s`);
  return url;
}

/**
 * The states of a case whose review is under way (intake to the decision's approval): the queue an office works from.
 * Finished cases (CLOSED, DECISION_EFFECTIVE…) also have a running deadline — the applicant's period to sue — but are
 * not what staff filter their queue for.
 */
const WORKING_STATES: readonly string[] = preDecisionStates.filter((state) => state !== "SUBMITTED" && state !== "FORWARDING_BY_PENALIZING_ORGAN");

/**
 * The queue's state filter (unless --state): the working state with the most cases of 150100 in the large database —
 * the queue an office works from. In realistic data a 10,000-case region has few open cases per office, so at the
 * small size that page may hold fewer than 50 rows (printed); only finished states (CLOSED) fill 50 rows at both
 * sizes, and `--state CLOSED` measures that page instead (its SQL is 4× faster, so page ÷ SQL is larger there).
 */
async function pickState(large: postgres.Sql, small: postgres.Sql): Promise<{ state: string; why: string }> {
  if (opts.state) return { state: opts.state, why: "--state" };
  const counts = async (sql: postgres.Sql) =>
    new Map(
      (
        await sql<{ state: string; n: number }[]>`
          select c.state, count(*)::int n from cases c join organs o on o.id = c.organ_id
          where o.code = ${STAFF_ORGAN_CODE} and c.machine = 'reconsideration' and c.triage_status = 'routed'
          group by c.state`
      ).map((r) => [r.state, r.n]),
    );
  const [big, little] = [await counts(large), await counts(small)];
  const working = [...big].filter(([state]) => WORKING_STATES.includes(state)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (!working.length) throw new Error(`no case of ${STAFF_ORGAN_CODE} under review in the large database: is it seeded?`);
  const [state, n] = working[0];
  return { state, why: `the working state with the most cases of ${STAFF_ORGAN_CODE}: ${fmtInt(n)} at the large size, ${fmtInt(little.get(state) ?? 0)} at the small size` };
}

async function scopeCounts(sql: postgres.Sql, state: string): Promise<string> {
  const [r] = await sql<{ all: number; organ: number; state: number }[]>`
    select (select count(*)::int from cases) "all",
           count(*)::int organ,
           (count(*) filter (where c.state = ${state}))::int state
    from cases c join organs o on o.id = c.organ_id where o.code = ${STAFF_ORGAN_CODE} and c.machine = 'reconsideration'`;
  return `${fmtInt(r.all)} cases, ${fmtInt(r.organ)} of 150100, ${fmtInt(r.state)} of them ${state}`;
}

/** One P6 round (tests/bench/deadlines.ts measureDeadlines) in a fresh node process: the bench process has run the
 * seed's and the app's code, whose type feedback can make the JIT's computeDue several times slower than it is. */
function deadlinesInFreshProcess(): DeadlinesResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "tests", "bench", "deadlines.ts"), "--json"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`tests/bench/deadlines.ts failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as DeadlinesResult;
}

// ---------------------------------------------------------------------------------------------------------------
// The run

interface Side {
  label: string;
  cases: number;
  url: string;
  server?: RunningServer;
  bench?: BenchDb;
  sql?: postgres.Sql;
}

async function main(): Promise<Figure[]> {
  console.log("内蒙古行政复议与调解门户 · 性能基准 (npm run bench, issue 8 req. 2)");
  for (const line of await header()) console.log(`  ${line}`);

  const missing = missingBuild(root);
  if (missing.length) {
    throw new Error(`没有找到生产构建 (no production build: ${missing.join(", ")} missing). 请先运行 npm run build (run \`npm run build\` first), then npm run bench.`);
  }

  step("data");
  const small: Side = { label: "small", cases: opts.casesSmall, url: await ensureSeeded(opts.casesSmall) };
  const large: Side = { label: "large", cases: opts.casesLarge, url: await ensureSeeded(opts.casesLarge) };
  const sides = [small, large];
  const figures: Figure[] = [];
  try {
    step("servers (node build/server.js, NODE_ENV=production)");
    for (const side of sides) {
      side.sql = postgres(side.url, { max: 1, onnotice: () => {}, connection: { TimeZone: "UTC" } });
      side.bench = await openBenchDb(side.url);
      side.server = await startServer({ root, databaseUrl: side.url, label: databaseName(side.cases), jobs: opts.jobs });
      log(`  ${databaseName(side.cases)}: ${side.server.base} (pid ${side.server.pid}, log ${side.server.logFile})`);
    }

    // ---- P1, P2 ------------------------------------------------------------------------------------------------
    step("P1/P2 staff queue page: sequential requests and the bare SQL");
    const picked = await pickState(large.sql!, small.sql!);
    const state = picked.state;
    log(`  state filter ${state}: ${picked.why}`);
    const targets = [];
    for (const side of sides) {
      const staff = await staffActor(side.bench!.database, benchStaffLogins().staff[0]);
      const t = await prepareQueue({ label: databaseName(side.cases), base: side.server!.base, database: side.bench!.database, sql: side.sql!, staff, state });
      log(`  ${t.label}: ${await scopeCounts(side.sql!, state)}; GET ${t.path} (${t.sqlRows >= 51 ? "50 rows and a next page" : `only ${t.sqlRows} rows`})`);
      if (t.sqlRows < 50) log(`  note: the office has only ${t.sqlRows} cases ${state} at ${t.label}: the page shows those, not 50`);
      targets.push(t);
    }
    const [smallQ, largeQ] = targets;
    // The bare SQL is timed on a connection of its own that has run nothing else, as a server pool connection serves
    // only such queries: measured here, a backend that has just run the big counts above (scopeCounts, pickState)
    // runs the queue's parallel plan about three times slower than a fresh one.
    // with the app's session settings (db/client.ts POSTGRES_SESSION: prepared, planned per execution)
    const timed = postgres(large.url, { max: 1, onnotice: () => {}, connection: POSTGRES_SESSION });
    await warmUp(largeQ, timed, opts.warmUp);
    await warmUp(smallQ, null, opts.warmUp);
    const p1: { page: number; sql: number; data: number; frame: number }[] = [];
    const p2small: number[] = [];
    for (let run = 0; run < opts.runs; run++) {
      const r = await pageAndSqlRun(largeQ, timed, opts.requests);
      const s = await pageRun(smallQ, opts.requests);
      p1.push({ page: r.pageMs, sql: r.sqlMs, data: r.dataMs, frame: r.frameMs });
      p2small.push(s);
      log(`  run ${run + 1}: page ${num(r.pageMs)} ms, SQL ${num(r.sqlMs)} ms, loaders alone ${num(r.dataMs)} ms, frame alone ${num(r.frameMs)} ms at ${largeQ.label}; page ${num(s)} ms at ${smallQ.label}`);
    }
    const largePage = spread(p1.map((r) => r.page));
    const largeSql = spread(p1.map((r) => r.sql));
    figures.push({
      id: "P1",
      name: `queue page ÷ its bare SQL at ${fmtInt(large.cases)} cases`,
      values: p1.map((r) => r.page / r.sql),
      unit: "×",
      goal: atMost(3),
      detail: `page ${withSpread(largePage, " ms")}, SQL ${withSpread(largeSql, " ms")} (medians of ${opts.requests} sequential requests per run, run medians [min–max]); ${largeQ.path}, organ 150100; the same request without the HTML render (${largeQ.dataPath.split("?")[0]}) ${withSpread(spread(p1.map((r) => r.data)), " ms")}; the frame alone (${FRAME_PATH} for the same staff member, no query of its own) ${withSpread(spread(p1.map((r) => r.frame)), " ms")}, so a page adding only its SQL to the frame would be at (frame + SQL) ÷ SQL = ${withSpread(spread(p1.map((r) => (r.frame + r.sql) / r.sql)), "×")}`,
    });
    figures.push({
      id: "P2",
      name: `queue page at ${fmtInt(large.cases)} ÷ at ${fmtInt(small.cases)} cases`,
      values: p1.map((r, i) => r.page / p2small[i]),
      unit: "×",
      goal: atMost(1.5),
      detail: `page ${withSpread(largePage, " ms")} at ${fmtInt(large.cases)} (${Math.min(50, largeQ.sqlRows)} rows), ${withSpread(spread(p2small), " ms")} at ${fmtInt(small.cases)} (${Math.min(50, smallQ.sqlRows)} rows)`,
    });
    for (const t of targets) t.client.close();
    await timed.end({ timeout: 5 });

    // ---- P3 ----------------------------------------------------------------------------------------------------
    step(`P3 requests/s: queue page vs home page (autocannon, ${opts.connections} connections × ${opts.duration} s, alternating)`);
    const p3: { queue: LoadResult; home: LoadResult; frame: LoadResult }[] = [];
    // a short warm-up of both under load (JIT, connection pools) that is not counted
    await throughputRun(largeQ, 0, opts.connections, Math.min(2, opts.duration));
    for (let run = 0; run < opts.runs; run++) {
      const r = await throughputRun(largeQ, run, opts.connections, opts.duration);
      p3.push(r);
      log(`  run ${run + 1}: queue ${num(r.queue.rps, 0)} req/s (p50 ${r.queue.p50} ms), home ${num(r.home.rps, 0)} req/s (p50 ${r.home.p50} ms); frame alone ${num(r.frame.rps, 0)} req/s`);
    }
    figures.push({
      id: "P3",
      name: `queue page req/s ÷ home page req/s at ${fmtInt(large.cases)} cases`,
      values: p3.map((r) => r.queue.rps / r.home.rps),
      unit: "",
      goal: atLeast(0.5),
      detail: `queue ${withSpread(spread(p3.map((r) => r.queue.rps)), " req/s", 0)}, home ${withSpread(spread(p3.map((r) => r.home.rps)), " req/s", 0)} (autocannon, ${opts.connections} connections, ${opts.duration} s each); the frame alone (${FRAME_PATH} for the same staff member, no query of its own) ${withSpread(spread(p3.map((r) => r.frame.rps)), " req/s", 0)}, so a queue page whose statements and rows cost nothing would be at ${withSpread(spread(p3.map((r) => r.frame.rps / r.home.rps)), "", 2)}`,
    });

    // ---- P4 ----------------------------------------------------------------------------------------------------
    step(`P4 filings/s vs single-row inserts/s (${opts.connections} connections × ${opts.duration} s, alternating)`);
    const citizens: Actor[] = [];
    for (let i = 0; i < opts.connections; i++) citizens.push(await citizenActor(large.bench!.database, i + 1));
    const form = await inspectMediationForm(large.server!.base, citizens[0]);
    log(`  /apply/mediation: the form's division picker offers ${form.divisions.length} 盟市/旗县; ${citizens.length} citizens`);
    await prepareBaseline(large.sql!);
    const p4: { filings: FilingRun; inserts: number }[] = [];
    try {
      const filing = () => filingRun({ base: large.server!.base, citizens, divisions: form.divisions, connections: opts.connections, duration: opts.duration, sql: large.sql! });
      const inserts = async () => (await insertRun(large.url, opts.connections, opts.duration)).perSecond;
      // warm-up, not counted
      await filingRun({ base: large.server!.base, citizens, divisions: form.divisions, connections: opts.connections, duration: Math.min(2, opts.duration), sql: large.sql! });
      await insertRun(large.url, opts.connections, Math.min(2, opts.duration));
      for (let run = 0; run < opts.runs; run++) {
        let f: FilingRun;
        let i: number;
        if (run % 2 === 0) {
          f = await filing();
          i = await inserts();
        } else {
          i = await inserts();
          f = await filing();
        }
        p4.push({ filings: f, inserts: i });
        log(`  run ${run + 1}: ${num(f.perSecond, 1)} filings/s (${fmtInt(f.filings)} answered 303, ${fmtInt(f.casesWritten)} cases written), ${num(i, 0)} inserts/s`);
      }
    } finally {
      await dropBaseline(large.sql!);
    }
    const footprint = await filingFootprint(large.sql!, citizens);
    log(`  ${footprint}`);
    figures.push({
      id: "P4",
      name: "filings/s ÷ single-row inserts/s",
      values: p4.map((r) => r.filings.perSecond / r.inserts),
      unit: "",
      digits: 3,
      goal: atLeast(0.2),
      detail: `filings ${withSpread(spread(p4.map((r) => r.filings.perSecond)), "/s", 1)} (POST /apply/mediation, 303 → receipt), inserts ${withSpread(spread(p4.map((r) => r.inserts)), "/s", 0)} (postgres.js, one bigint column), ${opts.connections} connections, ${fmtInt(large.cases)}-case database; ${footprint}`,
    });

    // ---- P5 ----------------------------------------------------------------------------------------------------
    step("P5 JavaScript of the citizen's filing pages (gzip) and the form without JavaScript");
    const citizen = await citizenActor(large.bench!.database, 100);
    const pages = ["/apply/mediation", "/apply/reconsideration", await reconsiderationStepPath(large.server!.base, citizen)];
    const js = [];
    for (const p of pages) {
      const r = await measurePageJs(large.server!.base, citizen, p);
      js.push(r);
      log(`  ${p}: ${r.files} files, ${num(r.gzipBytes / 1024, 1)} KB gzip${r.uncompressedFiles ? ` (${r.uncompressedFiles} small files sent uncompressed)` : ""}; inline scripts ${num(r.inlineScriptBytes / 1024, 1)} KB in the HTML`);
    }
    const largest = js.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));
    log(`  largest files of ${largest.path}: ${largest.largest.map((f) => `${f.url} ${num(f.bytes / 1024, 1)} KB`).join(", ")}`);
    const noJs = await worksWithoutJs(large.server!.base, citizen, large.sql!);
    log(`  without JavaScript: ${noJs.ok ? "works" : "FAILS"} — ${noJs.detail}`);
    figures.push({
      id: "P5",
      name: "JavaScript of the citizen's filing page, gzip",
      values: [largest.gzipBytes / 1024],
      unit: " KB",
      digits: 1,
      goal: atMost(150, " KB"),
      detail: `largest ${largest.path} (${largest.files} files); ${js.map((r) => `${r.path.replace(/[0-9a-f-]{36}/, ":draftId")} ${num(r.gzipBytes / 1024, 1)} KB`).join(", ")}; without JavaScript: ${noJs.detail}`,
      checks: [{ label: "works without JavaScript", ok: noJs.ok }],
    });

    // ---- P6 ----------------------------------------------------------------------------------------------------
    step("P6 1,000,000 due-date computations");
    const p6: { ms: number; base: number }[] = [];
    for (let run = 0; run < opts.runs; run++) {
      const r = deadlinesInFreshProcess();
      p6.push({ ms: r.deadlinesMs, base: r.baselineMs });
      log(`  run ${run + 1}: ${num(r.deadlinesMs, 0)} ms (plain Date additions ${num(r.baselineMs, 0)} ms)`);
    }
    figures.push({
      id: "P6",
      name: "1,000,000 due-date computations",
      values: p6.map((r) => r.ms / 1000),
      unit: " s",
      digits: 3,
      goal: below(1, " s"),
      detail: `computeDue with explanation ${withSpread(spread(p6.map((r) => r.ms)), " ms", 0)}, best of 3 per run; baseline 1,000,000 plain Date additions ${withSpread(spread(p6.map((r) => r.base)), " ms", 0)}`,
    });
  } finally {
    step("stopping");
    const errors: unknown[] = [];
    for (const side of sides) {
      try {
        if (side.server) {
          await side.server.stop();
          log(`  ${databaseName(side.cases)}: server stopped (SIGTERM)`);
        }
      } catch (error) {
        errors.push(error);
      }
      await side.sql?.end({ timeout: 5 }).catch(() => {});
      await side.bench?.close().catch(() => {});
    }
    if (errors.length) throw errors[0];
  }
  return figures;
}

main().then(
  (figures) => {
    console.log("\n== figures\n");
    for (const f of figures) console.log(figureLine(f));
    console.log(`\n| figure | value | goal | met | runs (min–max) |\n|---|---|---|---|---|`);
    for (const f of figures) {
      const s = spread(f.values);
      console.log(
        `| ${f.id} ${f.name} | ${num(figureValue(f), f.digits)}${f.unit} | ${f.goal.text.replace(/^goal /, "")}${(f.checks ?? []).map((c) => `, ${c.label}`).join("")} | ${figureMet(f) ? "yes" : "MISSED"} | ${s.runs > 1 ? `${num(s.min, f.digits)}–${num(s.max, f.digits)} (n=${s.runs})` : "—"} |`,
      );
    }
    console.log(`\nload at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (1/5/15 min); median of runs, spread = min–max over runs`);
    process.exit(0);
  },
  (error) => {
    console.error(`\n基准运行出错 (bench failed): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
