// cases.next_due_date, the projection the staff queue orders and pages by (migration 0007): the trigger on deadlines
// keeps it equal to the nearest due date among the case's running periods, whatever happens to the periods.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { cases, deadlines } from "../../db/schema/index";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();
beforeAll(() => setDatabase(t.database));

async function nextDue(caseId: string): Promise<string | null> {
  const [row] = await t.db.select({ d: cases.nextDueDate }).from(cases).where(eq(cases.id, caseId));
  return row.d;
}

/** The same minimum, computed from the periods themselves. */
async function expected(caseId: string): Promise<string | null> {
  const rows = await t.db.select().from(deadlines).where(eq(deadlines.caseId, caseId));
  const running = rows.filter((r) => r.status === "running").map((r) => r.dueDate).sort();
  return running[0] ?? null;
}

describe("the queue's next-due projection", () => {
  it("follows inserts, pauses, resumptions, extensions, closing and deletion of periods", async () => {
    const [c] = await t.db.insert(cases).values({ machine: "reconsideration", state: "IN_REVIEW", data: {} }).returning();
    const [other] = await t.db.insert(cases).values({ machine: "reconsideration", state: "IN_REVIEW", data: {} }).returning();
    expect(await nextDue(c.id)).toBeNull();
    const base = { caseId: c.id, basis: "《行政复议法》第六十二条", calendarVersion: "t", startDate: "2026-11-02" };

    const [decision] = await t.db.insert(deadlines).values({ ...base, kind: "decision_period", dueDate: "2027-01-05", originalDueDate: "2027-01-05" }).returning();
    expect(await nextDue(c.id)).toBe("2027-01-05");
    const [reply] = await t.db.insert(deadlines).values({ ...base, kind: "reply_period", dueDate: "2026-11-16", originalDueDate: "2026-11-16" }).returning();
    expect(await nextDue(c.id)).toBe("2026-11-16");
    // another case's period does not touch this one
    await t.db.insert(deadlines).values({ ...base, caseId: other.id, kind: "reply_period", dueDate: "2026-11-03", originalDueDate: "2026-11-03" });
    expect(await nextDue(c.id)).toBe("2026-11-16");
    expect(await nextDue(other.id)).toBe("2026-11-03");

    await t.db.update(deadlines).set({ status: "paused" }).where(eq(deadlines.id, reply.id));
    expect(await nextDue(c.id)).toBe("2027-01-05");
    await t.db.update(deadlines).set({ status: "running", dueDate: "2026-11-20" }).where(eq(deadlines.id, reply.id));
    expect(await nextDue(c.id)).toBe("2026-11-20");
    await t.db.update(deadlines).set({ status: "met" }).where(eq(deadlines.id, reply.id));
    expect(await nextDue(c.id)).toBe("2027-01-05");
    await t.db.update(deadlines).set({ dueDate: "2027-02-04" }).where(eq(deadlines.id, decision.id));
    expect(await nextDue(c.id)).toBe("2027-02-04");
    expect(await nextDue(c.id)).toBe(await expected(c.id));

    // moving a period to another case updates both
    await t.db.update(deadlines).set({ caseId: other.id }).where(eq(deadlines.id, decision.id));
    expect(await nextDue(c.id)).toBeNull();
    expect(await nextDue(other.id)).toBe("2026-11-03");
    await t.db.delete(deadlines).where(eq(deadlines.caseId, other.id));
    expect(await nextDue(other.id)).toBeNull();
  });
});
