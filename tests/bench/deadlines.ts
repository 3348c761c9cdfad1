// Benchmark: 1,000,000 due-date computations (computeDue with its full explanation) over random periods and start
// dates in 2024–2026, against the same number of plain Date additions as a baseline for this machine.
// Run: npx tsx tests/bench/deadlines.ts   (npm run bench:deadlines). measureDeadlines() is also figure P6 of
// `npm run bench` (tests/bench/run.ts, issue 8 req. 2).
import { pathToFileURL } from "node:url";
import { defaultCalendar } from "../../app/domain/holidays";
import { computeDue, periodDefinitions, periodKeys, type PeriodKey } from "../../app/domain/periods";
import { defaultSettings } from "../../app/domain/settings";

export interface DeadlinesResult {
  n: number;
  /** Best of three timed rounds of n computeDue calls, after one warm-up round. */
  deadlinesMs: number;
  /** The same for n plain Date additions. */
  baselineMs: number;
  periods: number;
  benchmarked: number;
}

/** n due-date computations and n plain Date additions, each timed (best of 3 after a warm-up round, for the JIT). */
export function measureDeadlines(n = 1_000_000): DeadlinesResult {
  const calendar = defaultCalendar();
  const settings = defaultSettings();
  const keys = periodKeys.filter((k) => periodDefinitions[k].length !== "document");

  // inputs prepared outside the timed loop: a seeded PRNG, so every run computes the same due dates
  let seed = 20260303;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const first = Date.parse("2024-01-01T00:00:00Z");
  const span = (Date.parse("2026-12-31T00:00:00Z") - first) / 86_400_000 + 1;
  const periods: PeriodKey[] = new Array(n);
  const starts: string[] = new Array(n);
  const startMs = new Float64Array(n);
  const lengths = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    periods[i] = keys[Math.floor(rand() * keys.length)];
    startMs[i] = first + Math.floor(rand() * span) * 86_400_000;
    starts[i] = new Date(startMs[i]).toISOString().slice(0, 10);
    lengths[i] = 1 + Math.floor(rand() * 60);
  }

  // `check` is summed and returned so that the work cannot be optimised away
  function runDeadlines(): { ms: number; check: number } {
    let check = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) check += computeDue(periods[i], starts[i], calendar, settings).due.charCodeAt(9);
    return { ms: performance.now() - t0, check };
  }

  function runBaseline(): { ms: number; check: number } {
    let check = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) check += new Date(startMs[i] + lengths[i] * 86_400_000).toISOString().slice(0, 10).charCodeAt(9);
    return { ms: performance.now() - t0, check };
  }

  // one warm-up round each (JIT), then the best of three
  runDeadlines();
  runBaseline();
  const best = (run: () => { ms: number }) => Math.min(run().ms, run().ms, run().ms);
  const deadlinesMs = best(runDeadlines);
  const baselineMs = best(runBaseline);
  return { n, deadlinesMs, baselineMs, periods: periodKeys.length, benchmarked: keys.length };
}

// Run directly (npm run bench:deadlines): print the figure and its baseline; with --json one JSON line (run.ts runs
// each P6 round in a fresh process so that no other code of the bench has shaped the JIT's view of computeDue).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = measureDeadlines();
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(r));
    process.exit(0);
  }
  const fmt = (x: number) => x.toLocaleString("en-US");
  console.log(`deadlines: ${fmt(r.n)} due-date computations in ${Math.round(r.deadlinesMs)} ms (goal < 1000 ms)`);
  console.log(
    `baseline: ${fmt(r.n)} plain Date additions (new Date(ms + n days).toISOString()) in ${Math.round(r.baselineMs)} ms; ratio ${(r.deadlinesMs / r.baselineMs).toFixed(2)}× (${r.periods} periods, ${r.benchmarked} benchmarked, best of 3 after a warm-up)`,
  );
}
