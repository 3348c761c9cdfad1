// Medians, spreads and the one-line format of every figure of `npm run bench` (issue 8 req. 2): "name: value (goal)",
// then the medians of the runs that produced it and their spread (min–max). These machines are shared and noisy, so
// each figure is a ratio against a baseline measured in the same run, and several runs are reported, never one.

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spread(xs: readonly number[]): Spread {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length };
}

/** A number with a sensible number of digits for its size. */
export function num(x: number, digits?: number): string {
  if (!Number.isFinite(x)) return String(x);
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** "12.3 [11.8–13.0]": the median of the runs and their min–max. */
export function withSpread(s: Spread, unit = "", digits?: number): string {
  return `${num(s.median, digits)}${unit} [${num(s.min, digits)}–${num(s.max, digits)}${unit}]`;
}

export interface Goal {
  /** "≤ 3", "≥ 0.5", "< 1 s"… as printed */
  text: string;
  met: (value: number) => boolean;
}

export const atMost = (limit: number, unit = ""): Goal => ({ text: `goal ≤ ${limit}${unit}`, met: (v) => v <= limit });
export const atLeast = (limit: number, unit = ""): Goal => ({ text: `goal ≥ ${limit}${unit}`, met: (v) => v >= limit });
export const below = (limit: number, unit = ""): Goal => ({ text: `goal < ${limit}${unit}`, met: (v) => v < limit });

/** One figure as measured: its value is the median over the runs of the per-run value. */
export interface Figure {
  id: string;
  name: string;
  /** Per-run values of the figure (ratios, sizes, times). */
  values: number[];
  unit: string;
  digits?: number;
  goal: Goal;
  /** The medians of the measured parts and their spread, in words. */
  detail: string;
  /** Extra checks that must hold for the figure to count (e.g. "the page works without JavaScript"). */
  checks?: { label: string; ok: boolean }[];
}

export function figureValue(f: Figure): number {
  return median(f.values);
}

export function figureMet(f: Figure): boolean {
  return f.goal.met(figureValue(f)) && (f.checks ?? []).every((c) => c.ok);
}

/** The line of a figure: "P1 name: value (goal) [MISSED]" followed by its detail on the next line. */
export function figureLine(f: Figure): string {
  const s = spread(f.values);
  const checks = (f.checks ?? []).map((c) => `; ${c.label}: ${c.ok ? "yes" : "NO"}`).join("");
  const value = `${num(s.median, f.digits)}${f.unit}`;
  const range = s.runs > 1 ? `, runs ${num(s.min, f.digits)}–${num(s.max, f.digits)}${f.unit} (n=${s.runs})` : "";
  return `${f.id} ${f.name}: ${value} (${f.goal.text}${checks})${figureMet(f) ? "" : "  MISSED"}${range}\n    ${f.detail}`;
}
