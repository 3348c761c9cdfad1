// The staff page of one case during the acceptance review: the supplement notice (补正通知书, 《行政复议法》第三十一条)
// and acceptance (第三十条第一款), through the route's loader and action as the organ's staff use them.
import { and, eq } from "drizzle-orm";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, caseDocuments, deadlines } from "../../db/schema/index";
import { addCalendarDays, isWorkingDay, todayInShanghai } from "~/domain/calendar";
import { supplementChecklist } from "~/domain/supplement";
import * as route from "~/routes/staff.cases.$caseNumber";
import { loadDeadlineRules } from "~/services/calendar.server";
import { acceptApplication, getStaffCase, issueSupplementNotice } from "~/services/staff-cases.server";
import { applyCommand } from "~/services/transitions.server";
import { useTestDatabase } from "../support/db";
import { caseRow, fileApplication, routeContext, seedDemo, Sessions, staffCast, staffCasePage, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("staff-cases-test");
const sessions = new Sessions();

// outsider: reconsideration staff of another government (新城区), to whom the 呼和浩特 city cases do not exist
let { citizen, staff, head, outsider, respondentId, organId } = {} as StaffCast;

beforeAll(async () => {
  await seedDemo(t);
  ({ citizen, staff, head, outsider, respondentId, organId } = await staffCast(sessions));
});
afterAll(() => setDatabase(undefined));

/** A fresh application by citizen1 against the Hohhot market regulator, with or without consent to e-service. */
const fileCase = (consent: "yes" | "no" = "yes") => fileApplication(citizen, respondentId, consent);

const { get, post } = staffCasePage(route, sessions, context);

const documentsOf = (caseId: string) => t.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId));
const openDeadlines = (caseId: string) => t.db.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.status, "running")));

describe("the staff page of a case in acceptance review", () => {
  it("shows the application to staff of the case's organ, ID numbers masked but for the last 4", async () => {
    const caseNumber = await fileCase();
    const r = await get(staff, caseNumber);
    expect(r.status).toBe(200);
    const c = (r.data as { case: Awaited<ReturnType<typeof getStaffCase>> }).case!;
    expect(c.caseNumber).toBe(caseNumber);
    expect(c.state).toBe("INTAKE_REVIEW");
    const row = await caseRow(caseNumber);
    expect(row.organId).toBe(organId); // a city department's act goes to the city government (Art. 24(1)(1))
    const applicant = c.parties.find((p) => p.role === "applicant")!;
    const fullId = (row.filing as { application: { applicants: { applicants: { idNumber: string }[] } } }).application.applicants.applicants[0].idNumber;
    expect(applicant.idNumber).toBe(`${"*".repeat(14)}${fullId.slice(-4)}`);
    expect(JSON.stringify(r.data)).not.toContain(fullId.slice(0, 10));
    expect(c.respondentName).toBeTruthy();
    expect(c.deadlines.map((d) => d.kind)).toEqual(["acceptance_review"]);
    expect(c.electronicServiceConsent).toBe(true);
    // the office head of the same organ sees it too
    expect((await get(head, caseNumber)).status).toBe(200);
  });

  it("a supplement notice (Art. 31) lists the ticked and written items at once, is served electronically, and starts 10 working days", async () => {
    const caseNumber = await fileCase("yes");
    const before = await caseRow(caseNumber);
    const r = await post(staff, caseNumber, [
      ["intent", "supplement"],
      ["version", String(before.version)],
      ["items", "identity"],
      ["items", "act_document"],
      ["other.0", "请提交行政处罚决定书的送达回证复印件"],
      ["other.1", ""],
      ["other.2", ""],
    ]);
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/cases/${encodeURIComponent(caseNumber)}?done=supplement`);

    const after = await caseRow(caseNumber);
    expect(after.state).toBe("AWAITING_SUPPLEMENT");
    expect(after.version).toBeGreaterThan(before.version);
    const docs = (await documentsOf(after.id)).filter((d) => d.kind === "supplement_notice");
    expect(docs).toHaveLength(1);
    expect(docs[0].content).toMatchObject({
      items: [supplementChecklist.identity.zh, supplementChecklist.act_document.zh, "请提交行政处罚决定书的送达回证复印件"],
    });
    expect(docs[0].basis).toContain("第三十一条");
    expect(docs[0].recipientUserId).toBe(citizen.id);
    expect(docs[0].serviceMethod).toBe("electronic"); // the applicant consented at filing (CPL Art. 90)
    expect(docs[0].servedAt).not.toBeNull();

    const running = await openDeadlines(after.id);
    expect(running.map((d) => d.kind)).toEqual(["supplement"]); // the review period stops while the applicant supplements
    const supplement = running[0];
    const servedOn = todayInShanghai(docs[0].servedAt!);
    expect(supplement.startDate).toBe(servedOn);
    // 10 working days (Art. 31(2), 88(2)), counted from the day after service, ending on a working day
    const { calendar, settings } = await loadDeadlineRules(t.db);
    let workingDays = 0;
    for (let d = addCalendarDays(servedOn, 1); d <= supplement.dueDate; d = addCalendarDays(d, 1)) if (isWorkingDay(d, calendar, settings)) workingDays++;
    expect(workingDays).toBe(10);
    expect(isWorkingDay(supplement.dueDate, calendar, settings)).toBe(true);

    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, after.id), eq(auditEvents.action, "reconsideration.T3")));
    expect(event.actorId).toBe(staff.id);

    // the page now shows the notice and no review forms
    const page = await get(staff, caseNumber);
    const c = (page.data as { case: NonNullable<Awaited<ReturnType<typeof getStaffCase>>> }).case;
    expect(c.state).toBe("AWAITING_SUPPLEMENT");
    expect(c.documents.find((d) => d.kind === "supplement_notice")?.items).toHaveLength(3);
  });

  it("a second supplement notice is refused (Art. 31(1): all items in one notice), even after the supplement came in", async () => {
    const caseNumber = await fileCase();
    const first = await issueSupplementNotice({ user: staff, caseNumber, version: (await caseRow(caseNumber)).version, items: ["请提交身份证复印件"] });
    expect(first.ok).toBe(true);
    // while waiting for the supplement, the review is not open at all
    const waiting = await post(staff, caseNumber, [["intent", "supplement"], ["version", String((await caseRow(caseNumber)).version)], ["items", "signature"]]);
    expect(waiting.status).toBe(400);
    // the applicant supplements: the acceptance review starts again (Art. 31(3))
    const row = await caseRow(caseNumber);
    const supplied = await applyCommand({
      caseId: row.id,
      expectedVersion: row.version,
      command: { type: "SUBMIT_SUPPLEMENT" },
      actor: { role: "citizen", userId: citizen.id, relation: "applicant" },
      actorUserId: citizen.id,
      now: new Date(),
    });
    expect(supplied.ok && supplied.state).toBe("INTAKE_REVIEW");
    const again = await caseRow(caseNumber);
    const r = await post(staff, caseNumber, [["intent", "supplement"], ["version", String(again.version)], ["items", "signature"]]);
    expect(r.status).toBe(400);
    expect(String(r.data?.message)).toContain("第三十一条");
    expect(String(r.data?.messageEn)).toContain("Art. 31(1)");
    const after = await caseRow(caseNumber);
    expect(after.state).toBe("INTAKE_REVIEW");
    expect(after.version).toBe(again.version);
    expect((await documentsOf(after.id)).filter((d) => d.kind === "supplement_notice")).toHaveLength(1);
    const page = await get(staff, caseNumber);
    expect((page.data as { case: { supplementNoticeIssued: boolean } }).case.supplementNoticeIssued).toBe(true);
  });

  it("without consent to electronic service the notice waits for service and no period starts yet", async () => {
    const caseNumber = await fileCase("no");
    const row = await caseRow(caseNumber);
    const r = await issueSupplementNotice({ user: staff, caseNumber, version: row.version, items: [supplementChecklist.signature.zh] });
    expect(r).toMatchObject({ ok: true, state: "AWAITING_SUPPLEMENT" });
    const [doc] = (await documentsOf(row.id)).filter((d) => d.kind === "supplement_notice");
    expect(doc.servedAt).toBeNull();
    expect(doc.recipientUserId).toBe(citizen.id);
    expect((await openDeadlines(row.id)).map((d) => d.kind)).toEqual([]);
  });

  it("accepting under the ordinary procedure (Art. 30(1)) issues the acceptance notice and starts the decision period", async () => {
    const caseNumber = await fileCase();
    const row = await caseRow(caseNumber);
    const r = await post(head, caseNumber, [["intent", "accept"], ["procedure", "ordinary"], ["version", String(row.version)]]);
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/cases/${encodeURIComponent(caseNumber)}?done=accept`);
    const after = await caseRow(caseNumber);
    expect(after.state).toBe("ACCEPTED");
    expect((after.data as { procedure: string }).procedure).toBe("ordinary");
    expect((await documentsOf(row.id)).map((d) => d.kind)).toContain("acceptance_notice");
    expect((await openDeadlines(row.id)).map((d) => d.kind).sort()).toEqual(["copy_to_respondent", "decision"]);
  });

  it("a stale version is a conflict (409) and changes nothing", async () => {
    const caseNumber = await fileCase();
    const row = await caseRow(caseNumber);
    // someone else acts first
    expect((await issueSupplementNotice({ user: head, caseNumber, version: row.version, items: ["请提交签名的申请书"] })).ok).toBe(true);
    const moved = await caseRow(caseNumber);
    const r = await post(staff, caseNumber, [["intent", "accept"], ["procedure", "ordinary"], ["version", String(row.version)]]);
    expect(r.status).toBe(409);
    expect(String(r.data?.message)).toContain("刷新");
    expect(await acceptApplication({ user: staff, caseNumber, version: row.version })).toMatchObject({ ok: false, status: 409, code: "VERSION_CONFLICT" });
    const after = await caseRow(caseNumber);
    expect(after.version).toBe(moved.version);
    expect(after.state).toBe("AWAITING_SUPPLEMENT");
  });

  it("an empty item list is refused (400) with the error on the checklist, and nothing is written", async () => {
    const caseNumber = await fileCase();
    const row = await caseRow(caseNumber);
    const events = await t.db.$count(auditEvents);
    const r = await post(staff, caseNumber, [["intent", "supplement"], ["version", String(row.version)], ["other.0", "  "], ["other.1", ""], ["other.2", ""]]);
    expect(r.status).toBe(400);
    expect(r.data?.errors).toEqual({ items: "errors.supplementItemsRequired" });
    expect(await issueSupplementNotice({ user: staff, caseNumber, version: row.version, items: [] })).toMatchObject({ ok: false, status: 400 });
    const long = await post(staff, caseNumber, [["intent", "supplement"], ["version", String(row.version)], ["other.1", "甲".repeat(501)]]);
    expect(long.status).toBe(400);
    expect(long.data?.errors).toMatchObject({ "other.1": "errors.supplementItemTooLong" });
    expect((long.data?.values as { other: string[] }).other[1]).toHaveLength(501); // the text is kept for correction
    const after = await caseRow(caseNumber);
    expect(after.version).toBe(row.version);
    expect(after.state).toBe("INTAKE_REVIEW");
    expect(await documentsOf(row.id)).toHaveLength(0);
    expect(await t.db.$count(auditEvents)).toBe(events);
  });

  it("staff of another organ get 404 for the page and the action, and nothing is written", async () => {
    const caseNumber = await fileCase();
    const row = await caseRow(caseNumber);
    expect((await get(outsider, caseNumber)).status).toBe(404);
    expect(await getStaffCase({ user: outsider, caseNumber })).toBeNull();
    const r = await post(outsider, caseNumber, [["intent", "accept"], ["procedure", "ordinary"], ["version", String(row.version)]]);
    expect(r.status).toBe(404);
    expect(await acceptApplication({ user: outsider, caseNumber, version: row.version })).toMatchObject({ ok: false, status: 404 });
    expect((await caseRow(caseNumber)).version).toBe(row.version);
    // an unknown number is the same 404
    expect((await get(staff, "FY2026-150100-99999")).status).toBe(404);
  });

  it("citizens (even the applicant) get 403, and a post without the CSRF token is refused (403)", async () => {
    const caseNumber = await fileCase();
    expect((await get(citizen, caseNumber)).status).toBe(403);
    const row = await caseRow(caseNumber);
    const r = await post(staff, caseNumber, [["intent", "accept"], ["procedure", "ordinary"], ["version", String(row.version)], ["csrf", "wrong-token-wrong-token-00"]]);
    expect(r.status).toBe(403);
    expect((await caseRow(caseNumber)).state).toBe("INTAKE_REVIEW");
  });
});
