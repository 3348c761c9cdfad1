// The scheduled job through pg-boss on the engine under test: a tick applies deemed acceptance (3.04) to a case whose
// 5-WD review ran out, and a second tick changes nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, cases, deadlines } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { newCase } from "~/domain/machines";
import { startJobs, type Jobs } from "~/services/jobs.server";
import { applyCommand, createProcess, runDueTransitions } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
let jobs: Jobs;
let clock = new Date("2026-02-12T02:00:00Z");
beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: false });
  jobs = await startJobs(t.database, { log: () => {}, schedule: false, clock: () => clock });
});
afterAll(async () => {
  await jobs?.stop();
  setDatabase(undefined);
});

async function waitFor(check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("timed out");
}

describe(`pg-boss job (${engineName()})`, () => {
  it("a tick applies the automatic transitions that are due, once", async () => {
    const { caseId } = await createProcess({ machine: "reconsideration", data: newCase() as never }, { now: clock });
    const r = await applyCommand({ caseId, expectedVersion: 0, command: { type: "SUBMIT", channel: "online" }, actor: { role: "citizen", userId: "u", relation: "applicant" }, now: clock });
    expect(r.ok).toBe(true);
    clock = new Date("2026-02-27T02:00:00Z"); // the day after the 5-WD review (due 2026-02-26)
    await jobs.tick();
    await waitFor(async () => (await t.db.select({ s: cases.state }).from(cases).where(eq(cases.id, caseId)))[0].s === "ACCEPTED");
    const events = await t.db.$count(auditEvents);
    await jobs.tick();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await t.db.$count(auditEvents)).toBe(events);
  });

  it("only periods whose expiry is a command fill a batch: overdue reminder-only periods (the decision period) do not starve a deemed acceptance", async () => {
    const submitted = async () => {
      const { caseId } = await createProcess({ machine: "reconsideration", data: newCase() as never }, { now: clock });
      const r = await applyCommand({ caseId, expectedVersion: 0, command: { type: "SUBMIT", channel: "online" }, actor: { role: "citizen", userId: "u", relation: "applicant" }, now: clock });
      if (!r.ok) throw new Error("submit failed");
      return caseId;
    };
    // five cases whose only running period is an overdue decision period (Art. 62: it reminds, it triggers nothing)
    for (let i = 0; i < 5; i++) {
      const id = await submitted();
      await t.db.update(deadlines).set({ kind: "decision", dueDate: "2026-01-05" }).where(eq(deadlines.caseId, id));
    }
    const waiting = await submitted();
    const later = new Date("2026-03-12T02:00:00Z"); // past the 5-WD review of the last case
    const run = await runDueTransitions(later, { limit: 1 });
    expect(run).toEqual({ applied: 1, rejected: 0 });
    expect((await t.db.select({ s: cases.state }).from(cases).where(eq(cases.id, waiting)))[0].s).toBe("ACCEPTED");
  });
});
