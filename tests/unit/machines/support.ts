// Test harness for the state machines: actors, a weekday-and-holiday calendar stub, scripted paths that build fixtures,
// timer bookkeeping checks, and the states × commands cross product.
import { describe, expect, it } from "vitest";
import type { ActorRef, Effect, MachineContext, TimerMap, TransitionResult } from "~/domain/machines/common";

export const TODAY = "2026-03-02"; // a Monday

export const citizen: ActorRef = { role: "citizen", userId: "u-applicant", relation: "applicant" };
export const otherParty: ActorRef = { role: "citizen", userId: "u-other", relation: "other_party" };
export const stranger: ActorRef = { role: "citizen", userId: "u-stranger" };
export const staff: ActorRef = { role: "reconsideration_staff", userId: "u-staff", relation: "handler" };
export const head: ActorRef = { role: "office_head", userId: "u-head" };
export const clerk: ActorRef = { role: "center_clerk", userId: "u-clerk" };
export const respondent: ActorRef = { role: "respondent_agent", userId: "u-resp", relation: "respondent" };
export const recipientAgent: ActorRef = { role: "respondent_agent", userId: "u-recipient", relation: "recipient" };
export const member: ActorRef = { role: "committee_member", userId: "m1", relation: "member" };
export const admin: ActorRef = { role: "admin", userId: "u-admin" };
export const system: ActorRef = { system: true };

/** Rest days the stub knows besides weekends: the 2026 Qingming holiday (S8). */
const holidays = new Set(["2026-04-04", "2026-04-05", "2026-04-06"]);

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Working days d with from < d ≤ to: Monday to Friday, minus the holidays above. */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (day !== 0 && day !== 6 && !holidays.has(d)) n++;
  }
  return n;
}

export { addDays };

export function ctx(actor: ActorRef, extra: Partial<MachineContext> = {}): MachineContext {
  return { actor, today: TODAY, workingDaysBetween, ...extra };
}

/**
 * Every stop, pause, resume or extend names a timer the process has; no timer is started twice. A machine that loses
 * track of its timers would leave deadlines running on closed cases.
 */
export function checkTimerBookkeeping(before: TimerMap, effects: readonly Effect[]): void {
  const timers: TimerMap = { ...before };
  for (const e of effects) {
    if (e.kind === "startTimer") {
      expect(timers[e.timer], `${e.timer} started while already ${timers[e.timer]}`).toBeUndefined();
      timers[e.timer] = "running";
    } else if (e.kind === "stopTimer") {
      expect(timers[e.timer], `${e.timer} stopped but not running`).toBeDefined();
      delete timers[e.timer];
    } else if (e.kind === "pauseTimer") {
      expect(timers[e.timer], `${e.timer} paused but not running`).toBe("running");
      timers[e.timer] = "paused";
    } else if (e.kind === "resumeTimer") {
      expect(timers[e.timer], `${e.timer} resumed but not paused`).toBe("paused");
      timers[e.timer] = "running";
    } else if (e.kind === "extendTimer") {
      expect(timers[e.timer], `${e.timer} extended but not running`).toBeDefined();
    }
  }
}

type AnyState = { state: string; version: number; timers: TimerMap };
type Transition<S, C> = (state: S, command: C, context: MachineContext) => TransitionResult<S>;
export type PathStep<C> = [command: C, actor: ActorRef, extra?: Partial<MachineContext>];

/** Applies the steps in order; each must succeed and keep the timer bookkeeping straight. */
export function drive<S extends AnyState, C extends { type: string }>(
  transition: Transition<S, C>,
  start: S,
  steps: readonly PathStep<C>[]
): S {
  let s = start;
  for (const [command, actor, extra] of steps) {
    const r = transition(s, command, ctx(actor, extra));
    if (!r.ok) throw new Error(`path step ${command.type} from ${s.state} refused: ${r.reason.code} ${r.reason.messageEn}`);
    checkTimerBookkeeping(s.timers, r.effects);
    expect(r.next.version).toBe(s.version + 1);
    s = r.next;
  }
  return s;
}

/** A partial effect that must appear among the effects. */
export type EffectMatcher = Partial<Effect> & { kind: Effect["kind"] };

export const started = (timer: string, extra: Record<string, unknown> = {}): EffectMatcher =>
  ({ kind: "startTimer", timer, ...extra } as EffectMatcher);
export const stopped = (timer: string): EffectMatcher => ({ kind: "stopTimer", timer } as EffectMatcher);
export const paused = (timer: string): EffectMatcher => ({ kind: "pauseTimer", timer } as EffectMatcher);
export const resumed = (timer: string): EffectMatcher => ({ kind: "resumeTimer", timer } as EffectMatcher);
export const extended = (timer: string, days: number): EffectMatcher => ({ kind: "extendTimer", timer, days } as EffectMatcher);
export const issued = (document: string): EffectMatcher => ({ kind: "issueDocument", document } as EffectMatcher);
export const notified = (to: string): EffectMatcher => ({ kind: "notify", to } as EffectMatcher);
export const relayed = (to: string, type: string): EffectMatcher =>
  ({ kind: "relay", to, command: expect.objectContaining({ type }) } as EffectMatcher);
export const opened = (process: string): EffectMatcher => ({ kind: "openProcess", process } as EffectMatcher);

export function expectEffects(
  effects: readonly Effect[],
  matchers: readonly EffectMatcher[] = [],
  absent: readonly EffectMatcher[] = []
): void {
  for (const m of matchers) expect(effects).toContainEqual(expect.objectContaining(m));
  for (const m of absent) expect(effects).not.toContainEqual(expect.objectContaining(m));
}

export interface Allowed<S> {
  next: string;
  effects?: EffectMatcher[];
  absent?: EffectMatcher[];
  /** Fixture name when the pair needs a variant of the state (defaults to the state's own fixture). */
  fixture?: string;
  /** A small change to the fixture (a flag the pair needs). */
  given?: (s: S) => S;
  ctx?: Partial<MachineContext>;
}

export interface CrossProductSpec<S extends AnyState, C extends { type: string }> {
  machine: string;
  states: readonly string[];
  commandTypes: readonly string[];
  transition: Transition<S, C>;
  fixture: (name: string) => S;
  sample: (type: string) => C;
  actorFor: (type: string) => ActorRef;
  ctxFor?: (type: string) => Partial<MachineContext>;
  /** Allowed pairs, keyed "STATE COMMAND", written from DOMAIN.md. */
  allowed: ReadonlyMap<string, Allowed<S>>;
}

export const pair = (state: string, command: string) => `${state} ${command}`;

/** Builds the allowed map from lines "command from [states] → next" without repeating the expectation per state. */
export function allowedFrom<S>(
  entries: readonly [command: string, states: readonly string[], expectation: Allowed<S> | ((state: string) => Allowed<S>)][]
): Map<string, Allowed<S>> {
  const map = new Map<string, Allowed<S>>();
  for (const [command, states, expectation] of entries) {
    for (const state of states) {
      const key = pair(state, command);
      if (map.has(key)) throw new Error(`expectation for ${key} given twice`);
      map.set(key, typeof expectation === "function" ? expectation(state) : expectation);
    }
  }
  return map;
}

export function runPair<S extends AnyState, C extends { type: string }>(spec: CrossProductSpec<S, C>, state: string, type: string) {
  const expectation = spec.allowed.get(pair(state, type));
  let s = spec.fixture(expectation?.fixture ?? state);
  expect(s.state).toBe(state);
  if (expectation?.given) s = expectation.given(s);
  const context = ctx(spec.actorFor(type), { ...spec.ctxFor?.(type), ...expectation?.ctx });
  return { before: s, expectation, result: spec.transition(s, spec.sample(type), context) };
}

/** Every (state, command) pair: the allowed ones succeed as DOMAIN.md says, all others are refused as not allowed. */
export function describeCrossProduct<S extends AnyState, C extends { type: string }>(spec: CrossProductSpec<S, C>): void {
  describe(`${spec.machine}: every state × every command`, () => {
    it("the expectations name only known states and commands", () => {
      for (const key of spec.allowed.keys()) {
        const [state, command] = key.split(" ");
        expect(spec.states, key).toContain(state);
        expect(spec.commandTypes, key).toContain(command);
      }
    });
    for (const state of spec.states) {
      describe(state, () => {
        for (const type of spec.commandTypes) {
          const allowed = spec.allowed.get(pair(state, type));
          it(allowed ? `${type} → ${allowed.next}` : `${type} is refused (NOT_ALLOWED_IN_STATE)`, () => {
            const { before, expectation, result } = runPair(spec, state, type);
            if (!expectation) {
              expect(result.ok).toBe(false);
              if (!result.ok) {
                expect(result.reason.code).toBe("NOT_ALLOWED_IN_STATE");
                expect(result.reason.message).toMatch(/[\u4e00-\u9fff]/);
              }
              return;
            }
            if (!result.ok)
              throw new Error(`${state} × ${type} refused: ${result.reason.code} ${result.reason.guard ?? ""} ${result.reason.messageEn}`);
            expect(result.next.state).toBe(expectation.next);
            expect(result.next.version).toBe(before.version + 1);
            expect(result.effects.filter((e) => e.kind === "recordEvent")).toHaveLength(1);
            checkTimerBookkeeping(before.timers, result.effects);
            expectEffects(result.effects, expectation.effects, expectation.absent);
          });
        }
      });
    }
  });
}

/** Effects of every allowed pair, for the key checks (timers, documents, relays). */
export function allowedEffects<S extends AnyState, C extends { type: string }>(spec: CrossProductSpec<S, C>): Effect[] {
  const all: Effect[] = [];
  for (const key of spec.allowed.keys()) {
    const [state, type] = key.split(" ");
    const { result } = runPair(spec, state, type);
    if (result.ok) all.push(...result.effects);
  }
  return all;
}

type Row = {
  id: string;
  from: readonly string[];
  to: readonly string[] | "unchanged";
  command: string;
  roles: readonly string[];
  basis: string;
  facts: readonly string[];
  title: string;
  titleEn: string;
};

/** The transition table is a complete, citable data table. */
export function describeTableChecks(
  machine: string,
  table: readonly Row[],
  states: readonly string[],
  commandTypes: readonly string[],
  initialStates: readonly string[]
): void {
  describe(`${machine}: the transition table`, () => {
    it("every row has a legal basis, DOMAIN.md facts, titles and at least one role; ids are unique", () => {
      expect(new Set(table.map((r) => r.id)).size).toBe(table.length);
      for (const r of table) {
        expect(r.basis, r.id).toMatch(/《.+》第.+条|DOMAIN\.md/);
        expect(r.facts.length, r.id).toBeGreaterThan(0);
        for (const f of r.facts) expect(f, r.id).toMatch(/^\d{1,2}\.\d{2}$/);
        expect(r.title, r.id).toMatch(/[\u4e00-\u9fff]/);
        expect(r.titleEn.length, r.id).toBeGreaterThan(0);
        expect(r.roles.length, r.id).toBeGreaterThan(0);
        expect(r.roles, r.id).not.toContain("admin");
        for (const s of [...r.from, ...(r.to === "unchanged" ? [] : r.to)]) expect(states, r.id).toContain(s);
      }
    });
    it("one row at most for each (state, command) pair", () => {
      for (const state of states)
        for (const type of commandTypes)
          expect(table.filter((r) => r.command === type && r.from.includes(state)).length, `${state} ${type}`).toBeLessThanOrEqual(1);
    });
    it("every command has a row and every state is reachable", () => {
      for (const type of commandTypes)
        expect(
          table.some((r) => r.command === type),
          type
        ).toBe(true);
      const targets = new Set(table.flatMap((r) => (r.to === "unchanged" ? [] : r.to)));
      for (const state of states.filter((s) => !initialStates.includes(s))) expect(targets, state).toContain(state);
    });
  });
}

const roleNames = [
  "citizen",
  "center_clerk",
  "reconsideration_staff",
  "office_head",
  "committee_member",
  "respondent_agent",
  "admin",
] as const;

/** For every row, every other role (and the scheduler, unless listed) is refused with ROLE_NOT_ALLOWED. */
export function describeRoleChecks<S extends AnyState, C extends { type: string }>(
  spec: CrossProductSpec<S, C>,
  table: readonly Row[]
): void {
  describe(`${spec.machine}: who may act`, () => {
    const actorOf = (role: (typeof roleNames)[number]): ActorRef => ({
      role,
      userId: `u-${role}`,
      relation:
        role === "citizen" ? "applicant" : role === "respondent_agent" ? "respondent" : role === "committee_member" ? "member" : "handler",
    });
    for (const row of table) {
      it(`${row.id} ${row.command}: only ${row.roles.join(", ")}`, () => {
        const s = spec.fixture(row.from[0]);
        const extra = spec.ctxFor?.(row.command) ?? {};
        for (const role of roleNames) {
          if (row.roles.includes(role)) continue;
          const r = spec.transition(s, spec.sample(row.command), ctx(actorOf(role), extra));
          expect(r.ok, role).toBe(false);
          if (!r.ok) expect(r.reason.code, role).toBe("ROLE_NOT_ALLOWED");
        }
        if (!row.roles.includes("system")) {
          const r = spec.transition(s, spec.sample(row.command), ctx({ system: true }, extra));
          expect(r.ok ? "ok" : r.reason.code).toBe("ROLE_NOT_ALLOWED");
        }
      });
    }
  });
}
