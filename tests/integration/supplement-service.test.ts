// A supplement notice the applicant did not accept electronically waits for service by other means; recording its
// service by post on the document's 送达回证 starts the supplement period on the day of service (Art. 31(2), T3-served),
// in the same transaction — and a refused record changes nothing.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { caseDocuments, caseParties, deadlines, documentServices } from "../../db/schema/index";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { recordService } from "~/services/documents.server";
import { issueSupplementNotice } from "~/services/staff-cases.server";
import type { CurrentUser } from "~/services/session.server";
import { caseRow, fileApplication, seedDemo, Sessions, staffCast } from "../support/staff-fixture";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
let staff: CurrentUser;
let citizen: CurrentUser;
let respondentId: string;

beforeAll(async () => {
  await seedDemo(t);
  ({ staff, citizen, respondentId } = await staffCast(new Sessions()));
});
afterAll(() => setDatabase(undefined));

async function noticeWaitingForService() {
  const caseNumber = await fileApplication(citizen, respondentId, "no");
  const issued = await issueSupplementNotice({ user: staff, caseNumber, version: (await caseRow(caseNumber)).version, items: ["申请人身份证明复印件"] });
  expect(issued).toMatchObject({ ok: true, state: "AWAITING_SUPPLEMENT" });
  const c = await caseRow(caseNumber);
  const [doc] = await t.db.select().from(caseDocuments).where(and(eq(caseDocuments.caseId, c.id), eq(caseDocuments.kind, "supplement_notice")));
  const [applicant] = await t.db.select().from(caseParties).where(and(eq(caseParties.caseId, c.id), eq(caseParties.role, "applicant")));
  return { caseNumber, c, doc, applicant };
}

describe(`service of a supplement notice by post (${engineName()})`, () => {
  it("starts the 10-working-day supplement period on the day of service (Art. 31(2))", async () => {
    const { caseNumber, c, doc, applicant } = await noticeWaitingForService();
    expect(doc.servedAt).toBeNull();
    expect((c.data as { supplement: { servedOn: string | null } }).supplement.servedOn).toBeNull();
    const servedOn = addCalendarDays(todayInShanghai(new Date()), -1);
    const r = await recordService({
      user: staff,
      caseNumber,
      documentId: doc.id,
      input: { recipient: `party:${applicant.id}`, method: "post", date: servedOn, signer: applicant.name, refused: false, note: undefined } as never,
    });
    expect(r).toEqual({ ok: true, servedOn });
    const after = await caseRow(caseNumber);
    expect(after.version).toBe(c.version + 1);
    expect((after.data as { supplement: { servedOn: string } }).supplement.servedOn).toBe(servedOn);
    const [period] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, c.id), eq(deadlines.status, "running")));
    expect(period.startDate).toBe(servedOn);
    const [served] = await t.db.select().from(caseDocuments).where(eq(caseDocuments.id, doc.id));
    expect(served.serviceMethod).toBe("post");
    expect(served.servedAt).not.toBeNull();
  });

  it("a service date in the future is refused and nothing is written", async () => {
    const { caseNumber, c, doc, applicant } = await noticeWaitingForService();
    const r = await recordService({
      user: staff,
      caseNumber,
      documentId: doc.id,
      input: { recipient: `party:${applicant.id}`, method: "post", date: addCalendarDays(todayInShanghai(new Date()), 2), signer: applicant.name, refused: false } as never,
    });
    expect(r).toMatchObject({ ok: false, status: 400 });
    expect((await caseRow(caseNumber)).version).toBe(c.version);
    expect(await t.db.select().from(documentServices).where(eq(documentServices.documentId, doc.id))).toHaveLength(0);
  });

  it("by public notice: the period starts on the day it is deemed served, 30 days after publication (Art. 31(2); CPL Art. 95)", async () => {
    const { caseNumber, c, doc, applicant } = await noticeWaitingForService();
    const published = addCalendarDays(todayInShanghai(new Date()), -2);
    const deemed = addCalendarDays(published, 30);
    const r = await recordService({
      user: staff,
      caseNumber,
      documentId: doc.id,
      input: { recipient: `party:${applicant.id}`, method: "public_notice", date: published, signer: null, refused: false } as never,
    });
    expect(r).toEqual({ ok: true, servedOn: deemed });
    const after = await caseRow(caseNumber);
    expect(after.version).toBe(c.version + 1);
    expect((after.data as { supplement: { servedOn: string } }).supplement.servedOn).toBe(deemed);
    const [period] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, c.id), eq(deadlines.status, "running")));
    expect(period.startDate).toBe(deemed);
  });
});
