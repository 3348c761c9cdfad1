// Changing a setting or the holiday calendar recomputes running deadlines (DOMAIN.md "Decisions": "changing one
// recomputes running deadlines and records an event"), with the old and new due dates in the event.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, deadlines } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { newCase } from "~/domain/machines";
import { setCalendarDay, updateSetting } from "~/services/settings.server";
import { applyCommand, createProcess } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: false });
});
afterAll(() => setDatabase(undefined));

const now = new Date("2026-02-12T02:00:00Z");
async function reviewDue(caseId: string) {
  const [row] = await t.db.select({ due: deadlines.dueDate }).from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, "acceptance_review")));
  return row.due;
}

describe(`recomputing running deadlines (${engineName()})`, () => {
  it("countMakeupWorkdays off moves the 5-WD review of 2026-02-12 from 02-26 to 02-27 (11.13 worked example); on again, back", async () => {
    const { caseId } = await createProcess({ machine: "reconsideration", data: newCase() as never }, { now });
    const r = await applyCommand({ caseId, expectedVersion: 0, command: { type: "SUBMIT", channel: "online" }, actor: { role: "citizen", userId: "u", relation: "applicant" }, now });
    expect(r.ok).toBe(true);
    expect(await reviewDue(caseId)).toBe("2026-02-26");
    expect(await updateSetting("countMakeupWorkdays", false, { actorId: null, now })).toEqual({ ok: true, moved: 1 });
    expect(await reviewDue(caseId)).toBe("2026-02-27");
    const [event] = await t.db.select({ payload: auditEvents.payload }).from(auditEvents).where(and(eq(auditEvents.action, "deadline.recomputed"), eq(auditEvents.subjectId, caseId)));
    expect(event.payload).toMatchObject({ kind: "acceptance_review", oldDue: "2026-02-26", newDue: "2026-02-27", reason: "setting:countMakeupWorkdays" });
    await updateSetting("countMakeupWorkdays", true, { actorId: null, now });
    expect(await reviewDue(caseId)).toBe("2026-02-26");
  });

  it("a new regional rest day inside the period moves it by one working day (11.09 overlay)", async () => {
    const { caseId } = await createProcess({ machine: "reconsideration", data: newCase() as never }, { now });
    await applyCommand({ caseId, expectedVersion: 0, command: { type: "SUBMIT", channel: "online" }, actor: { role: "citizen", userId: "u", relation: "applicant" }, now });
    // 2026-02-24 (Tue) becomes a regional rest day: the fifth working day moves from 02-26 to 02-27
    const { moved } = await setCalendarDay({ region: "150000", day: "2026-02-24", kind: "holiday", name: "测试节日" }, { actorId: null, now });
    expect(moved).toBeGreaterThanOrEqual(1);
    expect(await reviewDue(caseId)).toBe("2026-02-27");
    await setCalendarDay({ region: "150000", day: "2026-02-24", kind: null }, { actorId: null, now });
    expect(await reviewDue(caseId)).toBe("2026-02-26");
  });

  it("a bad setting value is refused and changes nothing", async () => {
    const before = await t.db.$count(auditEvents);
    expect(await updateSetting("committeeOpinionWorkdays", -3, { actorId: null, now })).toMatchObject({ ok: false });
    expect(await t.db.$count(auditEvents)).toBe(before);
  });
});
