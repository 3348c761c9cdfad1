// Benchmark: 1,000,000 due-date computations (computeDue with its full explanation) over random periods and start
// dates in 2024–2026, against the same number of plain Date additions as a baseline for this machine.
// Run: npx tsx tests/bench/deadlines.ts   (npm run bench:deadlines)
import { defaultCalendar } from "../../app/domain/holidays";
import { computeDue, periodDefinitions, periodKeys, type PeriodKey } from "../../app/domain/periods";
import { defaultSettings } from "../../app/domain/settings";

const N = 1_000_000;
const calendar = defaultCalendar();
const settings = defaultSettings();
const keys = periodKeys.filter((k) => periodDefinitions[k].length !== "document");

// inputs prepared outside the timed loop: a seeded PRNG, so every run computes the same due dates
let seed = 20260303;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const first = Date.parse("2024-01-01T00:00:00Z");
const span = (Date.parse("2026-12-31T00:00:00Z") - first) / 86_400_000 + 1;
const periods: PeriodKey[] = new Array(N);
const starts: string[] = new Array(N);
const startMs = new Float64Array(N);
const lengths = new Int32Array(N);
for (let i = 0; i < N; i++) {
  periods[i] = keys[Math.floor(rand() * keys.length)];
  startMs[i] = first + Math.floor(rand() * span) * 86_400_000;
  starts[i] = new Date(startMs[i]).toISOString().slice(0, 10);
  lengths[i] = 1 + Math.floor(rand() * 60);
}

function runDeadlines(): { ms: number; check: number } {
  let check = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) check += computeDue(periods[i], starts[i], calendar, settings).due.charCodeAt(9);
  return { ms: performance.now() - t0, check };
}

function runBaseline(): { ms: number; check: number } {
  let check = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) check += new Date(startMs[i] + lengths[i] * 86_400_000).toISOString().slice(0, 10).charCodeAt(9);
  return { ms: performance.now() - t0, check };
}

// one warm-up round each (JIT), then the best of three
runDeadlines();
runBaseline();
const best = (run: () => { ms: number }) => Math.min(run().ms, run().ms, run().ms);
const deadlinesMs = best(runDeadlines);
const baselineMs = best(runBaseline);

const fmt = (n: number) => n.toLocaleString("en-US");
console.log(`deadlines: ${fmt(N)} due-date computations in ${Math.round(deadlinesMs)} ms (goal < 1000 ms)`);
console.log(
  `baseline: ${fmt(N)} plain Date additions (new Date(ms + n days).toISOString()) in ${Math.round(baselineMs)} ms; ratio ${(deadlinesMs / baselineMs).toFixed(2)}× (${periodKeys.length} periods, ${keys.length} benchmarked, best of 3 after a warm-up)`,
);
