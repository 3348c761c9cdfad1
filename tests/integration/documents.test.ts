// Documents of a case (DOMAIN.md §19): gap-free 文号 per organ, year and kind (also under 20 parallel issuances and after
// a rollback), frozen content with its hash, the 送达回证 rows (CPL Arts. 87–95) and the printable staff page.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, setDatabase } from "../../db/client";
import { caseDocuments, documentNumberCounters, documentServices, organs } from "../../db/schema/index";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { canonicalJson } from "~/domain/receipt";
import * as route from "~/routes/staff.cases.$caseNumber_.documents.$documentId";
import { recordService } from "~/services/documents.server";
import { openDocument } from "~/services/my-cases.server";
import { issueSupplementNotice } from "~/services/staff-cases.server";
import { issueCaseDocument } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";
import { caseRow, fileApplication, outcome, routeContext, seedDemo, Sessions, staffCast, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("documents-test");
const sessions = new Sessions();

// outsider: reconsideration staff of another government (新城区), to whom the 呼和浩特 city cases do not exist
let { citizen, staff, outsider, respondentId, organId } = {} as StaffCast;
const year = Number(todayInShanghai(new Date()).slice(0, 4));

beforeAll(async () => {
  await seedDemo(t);
  ({ citizen, staff, outsider, respondentId, organId } = await staffCast(sessions));
});
afterAll(() => setDatabase(undefined));

const fileCase = (consent: "yes" | "no") => fileApplication(citizen, respondentId, consent);

let organSeq = 0;
/** A government of its own, so its counters start from nothing. */
async function freshOrgan(name: string): Promise<string> {
  organSeq++;
  const [row] = await t.db
    .insert(organs)
    .values({ code: `159${String(organSeq).padStart(3, "0")}`, name, level: "banner_county", kind: "government", divisionCode: `159${String(organSeq).padStart(3, "0")}` })
    .returning({ id: organs.id });
  return row.id;
}

const issueOn = (caseId: string, organ: string, kind: "acceptance_notice" | "supplement_notice" | "decision") =>
  getDb().transaction((tx) =>
    issueCaseDocument(tx, { caseId, organId: organ, kind, basis: "测试", data: {}, issuedBy: null, recipientUserId: null, service: null, now: new Date() }),
  );

describe(`document numbers (DOMAIN.md §19) on ${engineName()}`, () => {
  it("a supplement notice (Art. 31) issued through the machine is numbered, rendered, hashed and served electronically with a 送达回证 row", async () => {
    const caseNumber = await fileCase("yes");
    const before = await caseRow(caseNumber);
    const r = await issueSupplementNotice({ user: staff, caseNumber, version: before.version, items: ["请提交身份证复印件"] });
    expect(r.ok).toBe(true);
    const [doc] = await t.db.select().from(caseDocuments).where(and(eq(caseDocuments.caseId, before.id), eq(caseDocuments.kind, "supplement_notice")));
    expect(doc.organId).toBe(organId);
    expect(doc.year).toBe(year);
    expect(doc.number).toBe(`呼政复补〔${year}〕${doc.serial}号`);
    const [counter] = await t.db
      .select()
      .from(documentNumberCounters)
      .where(and(eq(documentNumberCounters.organId, organId), eq(documentNumberCounters.kind, "supplement_notice"), eq(documentNumberCounters.year, year)));
    expect(counter.last).toBe(doc.serial);
    expect(doc.title).toBe("补正通知书");
    expect(doc.issuedBy).toBe(staff.id);
    const content = doc.content as { items: string[]; document: { number: string; list: string[]; paragraphs: string[]; caseNumber: string } };
    expect(content.items).toEqual(["请提交身份证复印件"]); // the pages' fields stay
    expect(content.document.number).toBe(doc.number);
    expect(content.document.caseNumber).toBe(caseNumber);
    expect(content.document.list).toEqual(["请提交身份证复印件"]);
    expect(doc.contentHash).toBe(createHash("sha256").update(canonicalJson(doc.content)).digest("hex"));
    const services = await t.db.select().from(documentServices).where(eq(documentServices.documentId, doc.id));
    expect(services).toHaveLength(1);
    expect(services[0]).toMatchObject({ method: "electronic", recipientUserId: citizen.id, recipientRole: "applicant", servedOn: todayInShanghai(doc.issuedAt) });
    expect(services[0].reachedAt?.getTime()).toBe(doc.issuedAt.getTime());
    expect(services[0].firstOpenedAt).toBeNull();

    // the citizen opens it: the first opening is recorded on the 送达回证 row too, once
    const opened = await openDocument(citizen.id, doc.id, { caseNumber });
    expect(opened?.document?.number).toBe(doc.number);
    const [afterOpen] = await t.db.select().from(documentServices).where(eq(documentServices.documentId, doc.id));
    expect(afterOpen.firstOpenedAt).not.toBeNull();
    await openDocument(citizen.id, doc.id, { caseNumber, now: new Date(Date.now() + 60_000) });
    const [again] = await t.db.select().from(documentServices).where(eq(documentServices.documentId, doc.id));
    expect(again.firstOpenedAt?.getTime()).toBe(afterOpen.firstOpenedAt?.getTime());
  });

  it("the first document of a kind is 1, the next 2; another kind restarts at 1; another organ restarts at 1", async () => {
    const caseId = (await caseRow(await fileCase("no"))).id;
    const a = await freshOrgan("测试甲旗人民政府");
    const b = await freshOrgan("试验乙旗人民政府");
    const a1 = await issueOn(caseId, a, "acceptance_notice");
    const a2 = await issueOn(caseId, a, "acceptance_notice");
    const s1 = await issueOn(caseId, a, "supplement_notice");
    const d1 = await issueOn(caseId, a, "decision");
    const b1 = await issueOn(caseId, b, "acceptance_notice");
    expect([a1.serial, a2.serial, s1.serial, d1.serial, b1.serial]).toEqual([1, 2, 1, 1, 1]);
    expect(a1.number).toBe(`测试政复受〔${year}〕1号`);
    expect(a2.number).toBe(`测试政复受〔${year}〕2号`);
    expect(s1.number).toBe(`测试政复补〔${year}〕1号`);
    expect(d1.number).toBe(`测试政复〔${year}〕1号`);
    expect(b1.number).toBe(`试验政复受〔${year}〕1号`);
  });

  it("20 parallel issuances produce exactly serials 1..20, no gap and no repeat", async () => {
    const caseId = (await caseRow(await fileCase("no"))).id;
    const organ = await freshOrgan("并发丙旗人民政府");
    const results = await Promise.all(Array.from({ length: 20 }, () => issueOn(caseId, organ, "decision")));
    const serials = results.map((r) => r.serial!).sort((x, y) => x - y);
    expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.number)).size).toBe(20);
    const stored = await t.db.select({ serial: caseDocuments.serial }).from(caseDocuments).where(eq(caseDocuments.organId, organ));
    expect(stored.map((s) => s.serial).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const [counter] = await t.db.select().from(documentNumberCounters).where(eq(documentNumberCounters.organId, organ));
    expect(counter.last).toBe(20);
  });

  it("a rolled-back issuance leaves no gap: the number goes to the next document", async () => {
    const caseId = (await caseRow(await fileCase("no"))).id;
    const organ = await freshOrgan("回滚丁旗人民政府");
    expect((await issueOn(caseId, organ, "acceptance_notice")).serial).toBe(1);
    await expect(
      getDb().transaction(async (tx) => {
        const r = await issueCaseDocument(tx, { caseId, organId: organ, kind: "acceptance_notice", basis: "测试", data: {}, issuedBy: null, recipientUserId: null, service: null, now: new Date() });
        expect(r.serial).toBe(2);
        throw new Error("the command failed after issuing");
      }),
    ).rejects.toThrow("the command failed");
    expect((await issueOn(caseId, organ, "acceptance_notice")).serial).toBe(2);
    const stored = await t.db.select({ serial: caseDocuments.serial }).from(caseDocuments).where(eq(caseDocuments.organId, organ));
    expect(stored.map((s) => s.serial).sort()).toEqual([1, 2]);
  });
});

describe("service records (Art. 88(1) → Civil Procedure Law)", () => {
  async function caseWithNotice(consent: "yes" | "no") {
    const caseNumber = await fileCase(consent);
    const row = await caseRow(caseNumber);
    const r = await issueSupplementNotice({ user: staff, caseNumber, version: row.version, items: ["请提交授权委托书"] });
    expect(r.ok).toBe(true);
    const [doc] = await t.db.select().from(caseDocuments).where(and(eq(caseDocuments.caseId, row.id), eq(caseDocuments.kind, "supplement_notice")));
    return { caseNumber, caseId: row.id, doc };
  }
  const servicesOf = (documentId: string) => t.db.select().from(documentServices).where(eq(documentServices.documentId, documentId));

  it("public notice (CPL Art. 95): served 30 days after publication", async () => {
    const { caseNumber, doc } = await caseWithNotice("no");
    const published = addCalendarDays(todayInShanghai(new Date()), -2);
    const page = await outcome(() => route.loader({ request: sessions.request(staff, "http://localhost/x"), params: { caseNumber, documentId: doc.id }, context } as never));
    const recipients = (page.data as { doc: { recipients: { value: string; role: string }[] } }).doc.recipients;
    const applicant = recipients.find((r) => r.role === "applicant")!;
    const r = await recordService({ user: staff, caseNumber, documentId: doc.id, input: { recipient: applicant.value, method: "public_notice", date: published, signer: null, refused: false, note: null } });
    expect(r).toEqual({ ok: true, servedOn: addCalendarDays(published, 30) });
    const rows = await servicesOf(doc.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: "public_notice", servedOn: addCalendarDays(published, 30), recordedBy: staff.id });
  });

  it("electronic service without the recipient's consent (CPL Art. 90) is refused and writes nothing", async () => {
    const { caseNumber, doc } = await caseWithNotice("no");
    const page = await outcome(() => route.loader({ request: sessions.request(staff, "http://localhost/x"), params: { caseNumber, documentId: doc.id }, context } as never));
    const recipients = (page.data as { doc: { recipients: { value: string; role: string }[] } }).doc.recipients;
    for (const role of ["applicant", "respondent"]) {
      const who = recipients.find((r) => r.role === role)!;
      const r = await recordService({ user: staff, caseNumber, documentId: doc.id, input: { recipient: who.value, method: "electronic", date: todayInShanghai(new Date()), signer: null, refused: false, note: null } });
      expect(r).toMatchObject({ ok: false, status: 400, error: "documents.error.no_consent" });
    }
    expect(await servicesOf(doc.id)).toHaveLength(0);
    // the same through the route: 400 with the message key, nothing written
    const applicant = recipients.find((r) => r.role === "applicant")!;
    const res = await outcome(() =>
      route.action({
        request: sessions.request(staff, "http://localhost/x", [["recipient", applicant.value], ["method", "electronic"], ["date", todayInShanghai(new Date())]]),
        params: { caseNumber, documentId: doc.id },
        context,
      } as never),
    );
    expect(res.status).toBe(400);
    expect(res.data?.formError).toBe("documents.error.no_consent");
    expect(await servicesOf(doc.id)).toHaveLength(0);
  });

  it("in person needs the signer (CPL Art. 87); bad input answers 400 and writes nothing; a good form redirects 303", async () => {
    const { caseNumber, doc } = await caseWithNotice("no");
    const page = await outcome(() => route.loader({ request: sessions.request(staff, "http://localhost/x"), params: { caseNumber, documentId: doc.id }, context } as never));
    const applicant = (page.data as { doc: { recipients: { value: string; role: string }[] } }).doc.recipients.find((r) => r.role === "applicant")!;
    const post = (form: [string, string][]) =>
      outcome(() => route.action({ request: sessions.request(staff, "http://localhost/x", form), params: { caseNumber, documentId: doc.id }, context } as never));
    const today = todayInShanghai(new Date());
    expect((await post([["recipient", applicant.value], ["method", "in_person"], ["date", today]])).data?.formError).toBe("documents.error.signer_required");
    expect((await post([["recipient", applicant.value], ["method", "in_person"], ["date", "2026-02-30"], ["signer", "张三"]])).status).toBe(400);
    expect((await post([["recipient", applicant.value], ["method", "fax"], ["date", today], ["signer", "张三"]])).status).toBe(400);
    expect((await post([["recipient", `party:${crypto.randomUUID()}`], ["method", "post"], ["date", today], ["signer", "张三"]])).status).toBe(400);
    expect((await post([["recipient", applicant.value], ["method", "post"], ["date", addCalendarDays(today, 3)], ["signer", "张三"]])).status).toBe(400);
    expect(await servicesOf(doc.id)).toHaveLength(0);
    const ok = await post([["recipient", applicant.value], ["method", "in_person"], ["date", today], ["signer", "张三"]]);
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/staff/cases/${encodeURIComponent(caseNumber)}/documents/${doc.id}?done=${today}`);
    const rows = await servicesOf(doc.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: "in_person", servedOn: today, signer: "张三", refused: false });
  });

  it("the printable page is the case organ's: 200 with the document for its staff, 404 for staff of another organ (loader and action)", async () => {
    const { caseNumber, doc } = await caseWithNotice("yes");
    const mine = await outcome(() => route.loader({ request: sessions.request(staff, "http://localhost/x"), params: { caseNumber, documentId: doc.id }, context } as never));
    expect(mine.status).toBe(200);
    const d = (mine.data as { doc: { number: string; document: { title: string }; receipt: { rows: unknown[] } } }).doc;
    expect(d.number).toBe(doc.number);
    expect(d.document.title).toBe("补正通知书");
    expect(d.receipt.rows).toHaveLength(1); // the electronic service on the applicant
    const theirs = await outcome(() => route.loader({ request: sessions.request(outsider, "http://localhost/x"), params: { caseNumber, documentId: doc.id }, context } as never));
    expect(theirs.status).toBe(404);
    const theirPost = await outcome(() =>
      route.action({ request: sessions.request(outsider, "http://localhost/x", [["method", "post"]]), params: { caseNumber, documentId: doc.id }, context } as never),
    );
    expect(theirPost.status).toBe(404);
    // a document id of another case under this case number is not found either
    const other = await caseWithNotice("no");
    const mixed = await outcome(() => route.loader({ request: sessions.request(staff, "http://localhost/x"), params: { caseNumber, documentId: other.doc.id }, context } as never));
    expect(mixed.status).toBe(404);
  });
});
