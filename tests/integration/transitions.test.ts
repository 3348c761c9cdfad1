// Persisting transitions (issue 3, requirement 7) on a real database: one transaction per command, version check,
// deadline rows from the timer effects, the hash-chained event, outbox rows; the automatic transitions job; and two
// concurrent commands on one case (exactly one wins).
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { verifyAuditChain } from "../../db/audit";
import { auditEvents, cases, deadlines, outbox } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { newCase } from "~/domain/machines";
import { applyCommand, createProcess, runDueTransitions } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: false });
});
afterAll(() => setDatabase(undefined));

/** 10:00 in Beijing on the given day. */
const beijing = (day: string) => new Date(`${day}T02:00:00Z`);
const applicant = { role: "citizen" as const, userId: "u-applicant", relation: "applicant" as const };
const staff = { role: "reconsideration_staff" as const, userId: "u-staff", relation: "handler" as const };

async function submittedCase(day: string) {
  const { caseId } = await createProcess({ machine: "reconsideration", data: newCase() as never }, { now: beijing(day) });
  const r = await applyCommand({ caseId, expectedVersion: 0, command: { type: "SUBMIT", channel: "online" }, actor: applicant, now: beijing(day) });
  if (!r.ok) throw new Error(JSON.stringify(r.reason));
  return { caseId, version: r.version, state: r.state };
}

const counts = async () => ({
  events: await t.db.$count(auditEvents),
  deadlines: await t.db.$count(deadlines),
  outbox: await t.db.$count(outbox),
});

describe(`transitions on the database (${engineName()})`, () => {
  it("T1: a submission received Thu 2026-02-12 starts the 5-WD acceptance review, due Thu 2026-02-26 (Art. 30; 11.13 make-up Sat 02-14 counts)", async () => {
    const { caseId } = await submittedCase("2026-02-12");
    const [review] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, "acceptance_review")));
    expect(review).toMatchObject({ status: "running", startDate: "2026-02-12", dueDate: "2026-02-26" });
    const events = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, caseId));
    // T1, then T2 (the acceptance review begins at once) in the same transaction, one event each
    expect(events.map((e) => e.action)).toEqual(["reconsideration.created", expect.stringMatching(/^reconsideration\.T1/), expect.stringMatching(/^reconsideration\.T2/)]);
  });

  it("deemed acceptance (3.04): the job applies it the day after the review period ends, once", async () => {
    const { caseId } = await submittedCase("2026-02-12");
    expect((await runDueTransitions(beijing("2026-02-26"))).applied).toBe(0); // the last day itself is still in time
    const first = await runDueTransitions(beijing("2026-02-27"));
    expect(first.applied).toBeGreaterThanOrEqual(1);
    const [row] = await t.db.select({ state: cases.state, data: cases.data }).from(cases).where(eq(cases.id, caseId));
    expect(row.state).toBe("ACCEPTED");
    expect((row.data as { deemedAccepted: boolean }).deemedAccepted).toBe(true);
    const open = await t.db.select({ kind: deadlines.kind, status: deadlines.status }).from(deadlines).where(eq(deadlines.caseId, caseId));
    expect(open).toEqual(expect.arrayContaining([{ kind: "decision", status: "running" }]));
    expect(open.find((d) => d.kind === "acceptance_review")?.status).not.toBe("running");
    const before = await counts();
    const second = await runDueTransitions(beijing("2026-02-27"));
    expect(second.applied).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it("outbox: a document issued in the transaction is recorded as done; a notification waits for the dispatcher", async () => {
    const { caseId, version } = await submittedCase("2026-03-02");
    const accepted = await applyCommand({ caseId, expectedVersion: version, command: { type: "ACCEPT", procedure: "ordinary" }, actor: staff, now: beijing("2026-03-03") });
    expect(accepted.ok).toBe(true);
    const rows = await t.db.select({ topic: outbox.topic, dispatchedAt: outbox.dispatchedAt }).from(outbox).where(eq(outbox.caseId, caseId));
    const documents = rows.filter((r) => r.topic === "issueDocument");
    expect(documents.length).toBeGreaterThan(0); // the acceptance notice (Art. 30)
    expect(documents.every((r) => r.dispatchedAt !== null)).toBe(true);
    const notes = rows.filter((r) => r.topic === "notify");
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((r) => r.dispatchedAt === null)).toBe(true);
  });

  it("a command the law does not allow changes nothing and says why", async () => {
    const { caseId, version } = await submittedCase("2026-03-02");
    const before = await counts();
    const wrongRole = await applyCommand({ caseId, expectedVersion: version, command: { type: "ACCEPT", procedure: "ordinary" }, actor: applicant, now: beijing("2026-03-03") });
    expect(wrongRole).toMatchObject({ ok: false, reason: { code: "ROLE_NOT_ALLOWED" } });
    const wrongState = await applyCommand({ caseId, expectedVersion: version, command: { type: "SERVE_DECISION", servedOn: "2026-03-03", method: "direct" }, actor: staff, now: beijing("2026-03-03") });
    expect(wrongState).toMatchObject({ ok: false, reason: { code: "NOT_ALLOWED_IN_STATE" } });
    expect(await counts()).toEqual(before);
  });

  it("two staff acting on one case at the same instant: exactly one wins, the other gets a clear conflict", async () => {
    for (let round = 0; round < 5; round++) {
      const { caseId, version } = await submittedCase("2026-03-02");
      const before = await counts();
      const results = await Promise.all([
        applyCommand({ caseId, expectedVersion: version, command: { type: "ACCEPT", procedure: "ordinary" }, actor: staff, now: beijing("2026-03-03") }),
        applyCommand({ caseId, expectedVersion: version, command: { type: "REFUSE", failedConditions: ["within_period"], reasons: "超过申请期限" }, actor: staff, now: beijing("2026-03-03") }),
      ]);
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers[0]).toMatchObject({ ok: false, reason: { code: "VERSION_CONFLICT", message: expect.stringContaining("刷新") } });
      const [row] = await t.db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
      expect(row.version).toBe(version + 1);
      expect((await counts()).events).toBe(before.events + 1);
    }
  });

  it("a version bumped outside the machine (claim, assignment, routing) still guards the next command", async () => {
    const { caseId, version } = await submittedCase("2026-03-02");
    // what a claim does: the column moves on, the machine's stored counter does not
    await t.db.update(cases).set({ version: version + 1 }).where(eq(cases.id, caseId));
    const accepted = await applyCommand({ caseId, expectedVersion: version + 1, command: { type: "ACCEPT", procedure: "ordinary" }, actor: staff, now: beijing("2026-03-03") });
    expect(accepted).toMatchObject({ ok: true, version: version + 2 });
    const [row] = await t.db.select({ version: cases.version, data: cases.data }).from(cases).where(eq(cases.id, caseId));
    expect(row.version).toBe(version + 2);
    expect((row.data as { version: number }).version).toBe(version + 2);
    // the form made before the acceptance (version + 1) is stale now
    const stale = await applyCommand({ caseId, expectedVersion: version + 1, command: { type: "DISMISS_APPLICATION", failedConditions: ["within_period"], reasons: "超过申请期限" }, actor: staff, now: beijing("2026-03-03") });
    expect(stale).toMatchObject({ ok: false, reason: { code: "VERSION_CONFLICT" } });
  });

  it("every transition is in the audit chain, which verifies", async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
