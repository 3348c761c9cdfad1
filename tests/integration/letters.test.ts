// Opinion letters (《行政复议法》第七十六条) and suggestion letters (《行政复议法实施条例》第五十七条第二款) through the
// routes' loaders and actions, on both databases: every transition of the letter machine (DOMAIN.md §18) — drafted
// from a case, approved by the office head only, issued with a gap-free 文号 and served (the 60-day report period from
// the service date), copied to the higher department (第七十九条第二款), reported on by the receiving organ in the
// agency workspace, assessed, expired by the automatic job, enforced (第七十七条第二款) and closed. Other organs' staff
// and agents do not see a letter (404); wrong roles get 403; bad input 400 and stale versions 409 change nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, setDatabase } from "../../db/client";
import { auditEvents, caseDocuments, cases, deadlines, files, followUpReports, organs, outbox } from "../../db/schema/index";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { computeDue } from "~/domain/periods";
import * as agencyIndexRoute from "~/routes/agency._index";
import * as agencyLetterRoute from "~/routes/agency.letters.$letterId";
import * as caseLettersRoute from "~/routes/staff.cases.$caseNumber_.letters";
import * as indexRoute from "~/routes/staff.letters._index";
import * as letterRoute from "~/routes/staff.letters.$letterId";
import * as documentRoute from "~/routes/staff.letters.$letterId_.documents.$documentId";
import { loadDeadlineRules } from "~/services/calendar.server";
import type { AgencyLetter, LetterRow, StaffLetter } from "~/services/letters.server";
import type { CurrentUser } from "~/services/session.server";
import { runDueTransitions } from "~/services/transitions.server";
import { canDownload } from "~/services/uploads.server";
import { engineName, useTestDatabase } from "../support/db";
import { acceptOrdinary, fileApplication, organByCode, outcome, routeContext, seedDemo, Sessions, staffCast, userOfOrgan, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("letters-test");
const sessions = new Sessions();
const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

// outsider: the office head of 新城区人民政府 (150102), to whom the 呼和浩特 city letters do not exist
let { citizen, staff, head, outsider, respondentId, organId } = {} as StaffCast;
let agent: CurrentUser;
let otherAgent: CurrentUser;
let districtId: string;
let dataDir: string;
let previousDataDir: string | undefined;
const today = todayInShanghai(new Date());

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "imr-letters-"));
  previousDataDir = process.env.DATA_DIR;
  process.env.DATA_DIR = dataDir;
  await seedDemo(t);
  ({ citizen, staff, head, outsider, respondentId, organId } = await staffCast(sessions, "office_head"));
  agent = await userOfOrgan({ email: "agent-market-letters@example.com", role: "respondent_agent", organCode: "150100-market" });
  // an agent of 新城区人民政府: another organ than the market regulator
  otherAgent = await userOfOrgan({ email: "agent-xincheng-letters@example.com", role: "respondent_agent", organCode: "150102" });
  districtId = (await organByCode("150102")).id;
  await sessions.signIn(agent, otherAgent);
});
afterAll(() => {
  setDatabase(undefined);
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// ---- requests

const base = "http://localhost";
const call = (route: { loader?: unknown; action?: unknown }, kind: "loader" | "action", request: Request, params: Record<string, string>) =>
  outcome(() => (route[kind] as (a: unknown) => Promise<unknown>)({ request, params, context }));

const getCaseLetters = (user: CurrentUser | null, caseNumber: string) =>
  call(caseLettersRoute, "loader", sessions.request(user, `${base}/staff/cases/${encodeURIComponent(caseNumber)}/letters`), { caseNumber });
const postCaseLetters = (user: CurrentUser, caseNumber: string, form: [string, string][]) =>
  call(caseLettersRoute, "action", sessions.request(user, `${base}/staff/cases/${encodeURIComponent(caseNumber)}/letters`, form), { caseNumber });
const getIndex = (user: CurrentUser) => call(indexRoute, "loader", sessions.request(user, `${base}/staff/letters`), {});
const postIndex = (user: CurrentUser, form: [string, string][]) => call(indexRoute, "action", sessions.request(user, `${base}/staff/letters`, form), {});
const getLetter = (user: CurrentUser, letterId: string) => call(letterRoute, "loader", sessions.request(user, `${base}/staff/letters/${letterId}`), { letterId });
const pageOf = async (user: CurrentUser, letterId: string) => ((await getLetter(user, letterId)).data as { letter: StaffLetter }).letter;

/** Posts `intent` with the letter's current version (or `version`) and the fields. */
async function command(user: CurrentUser, letterId: string, intent: string, fields: [string, string][] = [], version?: number) {
  const v = version ?? (await letterRow(letterId)).version;
  const form: [string, string][] = [["intent", intent], ["version", String(v)], ...fields];
  return call(letterRoute, "action", sessions.request(user, `${base}/staff/letters/${letterId}`, form), { letterId });
}

/** A multipart POST with the CSRF token first, as the agent's browser sends it. */
function multipart(user: CurrentUser, url: string, body: FormData): Request {
  const ordered = new FormData();
  ordered.append("csrf", sessions.csrf(user));
  for (const [k, v] of body.entries()) ordered.append(k, v);
  return new Request(url, { method: "POST", headers: { cookie: sessions.cookie(user) }, body: ordered });
}
const getAgencyLetter = (user: CurrentUser, letterId: string) =>
  call(agencyLetterRoute, "loader", sessions.request(user, `${base}/agency/letters/${letterId}`), { letterId });
async function report(user: CurrentUser, letterId: string, fields: Record<string, string> = {}, attach: Record<string, File> = {}, version?: number) {
  const form = new FormData();
  form.append("version", String(version ?? (await letterRow(letterId)).version));
  const all = { summary: "已撤销原罚款决定并退还罚款，对同类案件开展了自查。", ...fields };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  for (const [k, f] of Object.entries(attach)) form.append(k, f);
  return call(agencyLetterRoute, "action", multipart(user, `${base}/agency/letters/${letterId}`, form), { letterId });
}
const pdf = (name = "整改报告.pdf") => new File([PDF], name, { type: "application/pdf" });

// ---- data

async function letterRow(id: string) {
  const [row] = await getDb().select().from(cases).where(eq(cases.id, id));
  return row;
}
const stateOf = async (id: string) => (await letterRow(id)).state;

/** Everything a letter command could write, over all letters. */
async function snapshot() {
  const letters = await t.db.select({ id: cases.id, state: cases.state, version: cases.version }).from(cases).where(eq(cases.machine, "letter")).orderBy(asc(cases.id));
  return {
    letters: JSON.stringify(letters),
    events: await t.db.$count(auditEvents),
    documents: await t.db.$count(caseDocuments),
    deadlines: JSON.stringify(await t.db.select({ id: deadlines.id, status: deadlines.status }).from(deadlines).orderBy(asc(deadlines.id))),
    reports: JSON.stringify(await t.db.select({ id: followUpReports.id, adequate: followUpReports.adequate, assessedAt: followUpReports.assessedAt }).from(followUpReports).orderBy(asc(followUpReports.id))),
    files: await t.db.$count(files),
    outbox: await t.db.$count(outbox),
  };
}

const draftFields = (recipientOrganId: string, extra: [string, string][] = []): [string, string][] => [
  ["type", "opinion"],
  ["recipientOrganId", recipientOrganId],
  ["findings", "被申请人在作出罚款决定前，未告知当事人陈述、申辩的权利。"],
  ["rectification", "对2026年以来同类案件全面自查，依法重新履行告知程序。"],
  ["legalBasis", "《中华人民共和国行政处罚法》第四十四条"],
  ...extra,
];

/** A fresh case of the 呼和浩特 government against its market regulator, accepted. */
async function acceptedCase(): Promise<string> {
  const caseNumber = await fileApplication(citizen, respondentId);
  await acceptOrdinary(staff, caseNumber);
  return caseNumber;
}

/** Drafts a letter from a case (as staff); its id. */
async function draftFromCase(caseNumber: string, fields: [string, string][]): Promise<string> {
  const r = await postCaseLetters(staff, caseNumber, fields);
  expect(r.status, JSON.stringify(r.data)).toBe(303);
  const id = r.location!.match(/^\/staff\/letters\/([0-9a-f-]{36})\?done=drafted$/)![1];
  return id;
}

/** A drafted, approved and served opinion letter to `recipient` (default: the respondent); its id. */
async function servedOpinion(recipient = respondentId, servedOn = addCalendarDays(today, -3)): Promise<string> {
  const id = await draftFromCase(await acceptedCase(), draftFields(recipient));
  expect((await command(head, id, "approve")).status).toBe(303);
  const issued = await command(staff, id, "issue", [["servedOn", servedOn]]);
  expect(issued.status, JSON.stringify(issued.data)).toBe(303);
  return id;
}

/** Beijing 10:00 on `date`. */
const beijing = (date: string) => new Date(`${date}T02:00:00Z`);

describe(`drafting (《行政复议法》第七十六条; 实施条例第五十七条第二款) (${engineName()})`, () => {
  it("Art. 76: staff draft an opinion letter from a case to the respondent — a letter row under the case, issued by the case's organ, addressed to the respondent; Art. 79(2) higher department found", async () => {
    const caseNumber = await acceptedCase();
    const page = await getCaseLetters(staff, caseNumber);
    expect(page.status).toBe(200);
    const recipients = (page.data as { page: { recipients: { id: string; kind: string }[] } }).page.recipients;
    expect(recipients[0]).toMatchObject({ id: respondentId, kind: "respondent" });
    expect(recipients.find((r) => r.id === districtId)?.kind).toBe("lower_organ");

    const id = await draftFromCase(caseNumber, draftFields(respondentId));
    const row = await letterRow(id);
    const [parent] = await t.db.select({ id: cases.id }).from(cases).where(eq(cases.caseNumber, caseNumber));
    expect(row).toMatchObject({ machine: "letter", state: "DRAFT", parentCaseId: parent.id, organId, respondentOrganId: respondentId, caseNumber: null });
    expect(row.filing).toMatchObject({ type: "opinion", legalBasis: "《中华人民共和国行政处罚法》第四十四条", draftedBy: staff.id });
    // 呼和浩特市市场监督管理局 is a working department of the city government: the copy goes to the region's bureau
    expect((row.data as { recipient: unknown }).recipient).toEqual({
      name: "呼和浩特市市场监督管理局",
      kind: "respondent",
      isOwnGovernmentDepartment: true,
      higherDepartment: "内蒙古自治区市场监督管理局",
    });
    const letters = (await getCaseLetters(staff, caseNumber)).data as { page: { letters: LetterRow[] } };
    expect(letters.page.letters.map((l) => [l.id, l.state, l.type])).toEqual([[id, "DRAFT", "opinion"]]);
    const index = (await getIndex(staff)).data as { page: { letters: LetterRow[] } };
    expect(index.page.letters.some((l) => l.id === id)).toBe(true);
    // the other organ's head sees neither the case's letters nor the letter in the organ's list
    expect((await getCaseLetters(outsider, caseNumber)).status).toBe(404);
    expect(((await getIndex(outsider)).data as { page: { letters: LetterRow[] } }).page.letters.some((l) => l.id === id)).toBe(false);
    expect((await getCaseLetters(citizen, caseNumber)).status).toBe(403);
  });

  it("bad input is a 400 and writes nothing: no findings; a recipient neither the respondent nor below (Art. 76); an opinion letter without a case; another organ's case is a 404", async () => {
    const caseNumber = await acceptedCase();
    const before = await snapshot();
    const noFindings = await postCaseLetters(staff, caseNumber, draftFields(respondentId).map(([k, v]) => [k, k === "findings" ? " " : v] as [string, string]));
    expect(noFindings.status).toBe(400);
    expect((noFindings.data as { errors: Record<string, string> }).errors.findings).toBe("letters.errors.findings");
    const baotou = (await organByCode("150200")).id;
    const outside = await postCaseLetters(staff, caseNumber, draftFields(baotou));
    expect(outside.status).toBe(400);
    expect((outside.data as { errors: Record<string, string> }).errors.recipientOrganId).toBe("letters.errors.recipient");
    const noCase = await postIndex(staff, draftFields(districtId));
    expect(noCase.status).toBe(400);
    expect((noCase.data as { errors: Record<string, string> }).errors.type).toBe("letters.errors.opinionNeedsCase");
    expect((await postCaseLetters(outsider, caseNumber, draftFields(respondentId))).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe(`approval by the office head (DOMAIN.md §18) (${engineName()})`, () => {
  it("Art. 76 letters are approved by the office head: staff 403, the head of another organ 404 — each writing nothing; APPROVE; a form seen before it is stale (409)", async () => {
    const id = await draftFromCase(await acceptedCase(), draftFields(respondentId));
    expect((await pageOf(staff, id)).available).toEqual([]);
    expect((await pageOf(head, id)).available).toEqual(["APPROVE"]);
    const before = await snapshot();
    const byStaff = await command(staff, id, "approve");
    expect(byStaff.status).toBe(403);
    expect((await getLetter(outsider, id)).status).toBe(404);
    expect((await command(outsider, id, "approve")).status).toBe(404);
    expect(await snapshot()).toEqual(before);

    const seen = (await letterRow(id)).version;
    const approved = await command(head, id, "approve", [], seen);
    expect(approved).toMatchObject({ status: 303, location: `/staff/letters/${id}?done=approve` });
    expect(await stateOf(id)).toBe("APPROVED");
    // a form loaded before the approval is stale: 409 "已被他人更新，请刷新", nothing written
    const afterApproval = await snapshot();
    for (const [user, intent, fields] of [
      [head, "approve", []],
      [staff, "issue", [["servedOn", today]]],
    ] as [CurrentUser, string, [string, string][]][]) {
      const stale = await command(user, id, intent, fields, seen);
      expect(stale.status, intent).toBe(409);
      expect((stale.data as { formError: string }).formError).toBe("letters.errors.stale");
    }
    expect(await snapshot()).toEqual(afterApproval);
  });
});

describe(`issue and service: 文号, the report period from service (Art. 76), the copy (Art. 79(2)) (${engineName()})`, () => {
  it("Art. 76: the 60-day report period starts at service — from the service date entered, not the day of issue; Art. 79(2) copy issued at the same time", async () => {
    const servedOn = addCalendarDays(today, -9);
    const id = await draftFromCase(await acceptedCase(), draftFields(respondentId));
    await command(head, id, "approve");
    // a service date after today is refused by the machine, with nothing written (and no number taken)
    const before = await snapshot();
    const future = await command(staff, id, "issue", [["servedOn", addCalendarDays(today, 1)]]);
    expect(future.status).toBe(400);
    const badDate = await command(staff, id, "issue", [["servedOn", "2026-02-30"]]);
    expect(badDate.status).toBe(400);
    expect((badDate.data as { errors: Record<string, string> }).errors.servedOn).toBe("letters.errors.servedOn");
    expect(await snapshot()).toEqual(before);

    expect((await command(staff, id, "issue", [["servedOn", servedOn]])).status).toBe(303);
    const row = await letterRow(id);
    expect(row.state).toBe("COPIED");
    expect(row.data).toMatchObject({ servedOn, copied: true });
    const [period] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, id), eq(deadlines.kind, "opinion_letter_report")));
    const { calendar, settings } = await loadDeadlineRules(getDb());
    expect(period).toMatchObject({ status: "running", startDate: servedOn, dueDate: computeDue("opinion_letter_report", servedOn, calendar, settings).due });
    expect(period.basis).toContain("第七十六条");
    // 60 calendar days after service (a rest day rolls to the next working day), never counted from today
    expect(period.dueDate >= addCalendarDays(servedOn, 60) && period.dueDate <= addCalendarDays(servedOn, 70)).toBe(true);
    expect(period.dueDate < addCalendarDays(today, 60)).toBe(true);

    const docs = await t.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, id)).orderBy(asc(caseDocuments.kind));
    expect(docs.map((d) => d.kind)).toEqual(["copy_report", "opinion_letter"]);
    const letter = docs.find((d) => d.kind === "opinion_letter")!;
    expect(letter.number).toMatch(new RegExp(`^呼政复意〔${today.slice(0, 4)}〕\\d+号$`));
    const text = JSON.stringify(letter.content);
    expect(text).toContain("第七十六条");
    expect(text).toContain("被申请人在作出罚款决定前");
    expect(text).toContain("抄告内蒙古自治区市场监督管理局");
    const copy = docs.find((d) => d.kind === "copy_report")!;
    expect((copy.content as { document: { addressee: string } }).document.addressee).toBe("内蒙古自治区市场监督管理局：");
    expect(JSON.stringify(copy.content)).toContain(letter.number!);
    const notices = (await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.topic, "notify")))).map((o) => (o.payload as { to: string }).to);
    expect(notices).toEqual(expect.arrayContaining(["recipient_organ", "higher_department"]));

    // the page shows the copy and the statutory period; the printable pages: staff 200, the other organ 404
    const page = await pageOf(staff, id);
    expect(page).toMatchObject({ copied: true, higherDepartment: "内蒙古自治区市场监督管理局", servedOn, number: letter.number });
    expect(page.periods[0]).toMatchObject({ kind: "opinion_letter_report", statutory: true, startDate: servedOn });
    const print = (user: CurrentUser) =>
      call(documentRoute, "loader", sessions.request(user, `${base}/staff/letters/${id}/documents/${letter.id}`), { letterId: id, documentId: letter.id });
    expect((await print(staff)).status).toBe(200);
    expect((await print(outsider)).status).toBe(404);
    expect((await print(agent)).status).toBe(403);
  });

  it("文号 without gaps (DOMAIN.md §19): each organ's opinion letters 1, 2, 3, … — a refused issue takes no number", async () => {
    const a = await servedOpinion();
    const id = await draftFromCase(await acceptedCase(), draftFields(districtId));
    await command(head, id, "approve");
    expect((await command(staff, id, "issue", [["servedOn", addCalendarDays(today, 5)]])).status).toBe(400);
    expect((await command(staff, id, "issue", [["servedOn", today]])).status).toBe(303);
    const c = await servedOpinion();
    const serials = (
      await t.db
        .select({ serial: caseDocuments.serial, caseId: caseDocuments.caseId })
        .from(caseDocuments)
        .where(and(eq(caseDocuments.kind, "opinion_letter"), eq(caseDocuments.organId, organId)))
        .orderBy(asc(caseDocuments.serial))
    );
    expect(serials.map((s) => s.serial)).toEqual(serials.map((_, i) => i + 1));
    const serialOf = (letterId: string) => serials.find((s) => s.caseId === letterId)!.serial!;
    expect(serialOf(id)).toBe(serialOf(a) + 1);
    expect(serialOf(c)).toBe(serialOf(id) + 1);
    // a letter to a lower government (not an own working department): issued, not copied (Art. 79(2) does not apply)
    expect(await stateOf(id)).toBe("ISSUED");
    expect(await t.db.$count(caseDocuments, and(eq(caseDocuments.caseId, id), eq(caseDocuments.kind, "copy_report")))).toBe(0);
  });
});

describe(`the receiving organ reports, staff assess (Arts. 76, 77) (${engineName()})`, () => {
  it("Art. 76: the recipient's agent sees the served letter and files its rectification report with a file; another organ's agent gets 404 and cannot file", async () => {
    const draftOnly = await draftFromCase(await acceptedCase(), draftFields(respondentId));
    const id = await servedOpinion();
    // before service the letter does not exist for the recipient
    expect((await getAgencyLetter(agent, draftOnly)).status).toBe(404);
    const list = (await call(agencyIndexRoute, "loader", sessions.request(agent, `${base}/agency`), {})).data as { letters: LetterRow[] };
    expect(list.letters.map((l) => l.id)).toContain(id);
    expect(list.letters.map((l) => l.id)).not.toContain(draftOnly);
    const otherList = (await call(agencyIndexRoute, "loader", sessions.request(otherAgent, `${base}/agency`), {})).data as { letters: LetterRow[] };
    expect(otherList.letters.map((l) => l.id)).not.toContain(id);

    const seen = await getAgencyLetter(agent, id);
    expect(seen.status).toBe(200);
    const letter = (seen.data as { letter: AgencyLetter }).letter;
    expect(letter).toMatchObject({ type: "opinion", state: "COPIED", canReport: true });
    expect(letter.documents.map((d) => d.kind)).toEqual(["opinion_letter"]); // the copy goes to the higher department, not here
    expect(letter.documents[0].document?.paragraphs.join("")).toContain("六十日内");
    expect(letter.periods[0]).toMatchObject({ kind: "opinion_letter_report", statutory: true });

    const before = await snapshot();
    expect((await getAgencyLetter(otherAgent, id)).status).toBe(404);
    expect((await report(otherAgent, id, {}, { "attachment.0.file": pdf() })).status).toBe(404);
    expect((await getAgencyLetter(staff, id)).status).toBe(403);
    // bad input and a stale version: nothing written, no file kept
    expect((await report(agent, id, { summary: "" })).status).toBe(400);
    expect((await report(agent, id, { "attachment.0.description": "" }, { "attachment.0.file": pdf() })).status).toBe(400);
    expect((await report(agent, id, {}, {}, (await letterRow(id)).version - 1)).status).toBe(409);
    expect(await snapshot()).toEqual(before);

    const filed = await report(agent, id, { "attachment.0.description": "撤销决定书" }, { "attachment.0.file": pdf() });
    expect(filed).toMatchObject({ status: 303, location: `/agency/letters/${id}?done=reported` });
    expect(await stateOf(id)).toBe("REPORT_RECEIVED");
    const [row] = await t.db.select().from(followUpReports).where(eq(followUpReports.subjectId, id));
    expect(row).toMatchObject({ kind: "rectification", organId: respondentId, filedBy: agent.id, adequate: null });
    const [attachment] = row.attachments as { description: string; fileId: string }[];
    expect(attachment.description).toBe("撤销决定书");
    const [file] = await t.db.select().from(files).where(eq(files.id, attachment.fileId));
    expect(file).toMatchObject({ purpose: "report", caseId: id, ownerId: agent.id });
    expect(await canDownload(agent, file)).toBe(true);
    expect(await canDownload(staff, file)).toBe(true);
    expect(await canDownload(otherAgent, file)).toBe(false);
    // the report period stopped: it was met
    const [period] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, id), eq(deadlines.kind, "opinion_letter_report")));
    expect(period.status).toBe("met");
    expect((await pageOf(staff, id)).reports[0]).toMatchObject({ summary: "已撤销原罚款决定并退还罚款，对同类案件开展了自查。", organName: "呼和浩特市市场监督管理局" });
  });

  it("Arts. 76–77: assessed inadequate with reasons (none given → 400); an inadequate opinion letter is not closed but ordered to perform (head only, 约谈); reported again, adequate, closed", async () => {
    const id = await servedOpinion();
    expect((await report(agent, id)).status).toBe(303);
    const before = await snapshot();
    const noReasons = await command(staff, id, "review", [["adequate", "no"]]);
    expect(noReasons.status).toBe(400);
    expect((noReasons.data as { errors: Record<string, string> }).errors.reasons).toBe("letters.errors.reasons");
    expect(await snapshot()).toEqual(before);

    const reasons = "仅退还罚款，未对同类案件开展自查，未重新履行告知程序。";
    expect((await command(staff, id, "review", [["adequate", "no"], ["reasons", reasons]])).status).toBe(303);
    expect(await stateOf(id)).toBe("REVIEWED");
    const [assessed] = await t.db.select().from(followUpReports).where(eq(followUpReports.subjectId, id));
    expect(assessed).toMatchObject({ adequate: false, assessmentReasons: reasons, assessedBy: staff.id });
    const seen = ((await getAgencyLetter(agent, id)).data as { letter: AgencyLetter }).letter;
    expect(seen.assessment).toEqual({ adequate: false, reasons });

    // Art. 77(1): an opinion letter must be performed — it cannot be closed while the corrections are inadequate
    const closing = await command(staff, id, "close");
    expect(closing.status).toBe(400);
    expect(closing.data).toMatchObject({ message: "意见书纠正情况未到位，不能办结；请责令限期履行" });
    // Art. 77(2): the order to perform is the office head's
    expect((await command(staff, id, "order", [["days", "30"], ["measures", "interview"]])).status).toBe(403);
    const ordered = await command(head, id, "order", [["days", "30"], ["measures", "interview"]]);
    expect(ordered.status, JSON.stringify(ordered.data)).toBe(303);
    expect(await stateOf(id)).toBe("ORDERED_TO_PERFORM");
    const [order] = await t.db.select().from(caseDocuments).where(and(eq(caseDocuments.caseId, id), eq(caseDocuments.kind, "order_to_perform")));
    const orderText = JSON.stringify(order.content);
    expect(orderText).toContain("第七十七条第二款");
    expect(orderText).toContain("30日内");
    expect(orderText).toContain("约谈");
    const [orderPeriod] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, id), eq(deadlines.kind, "order_to_perform")));
    expect(orderPeriod).toMatchObject({ status: "running", startDate: today });
    expect(((await getAgencyLetter(agent, id)).data as { letter: AgencyLetter }).letter.documents.map((d) => d.kind)).toEqual(["opinion_letter", "order_to_perform"]);

    expect((await report(agent, id, { summary: "已对同类案件全面自查并重新履行告知程序。" })).status).toBe(303);
    expect(await stateOf(id)).toBe("REPORT_RECEIVED");
    expect((await command(staff, id, "review", [["adequate", "yes"]])).status).toBe(303);
    expect((await command(staff, id, "close")).status).toBe(303);
    const row = await letterRow(id);
    expect(row.state).toBe("CLOSED");
    expect((row.data as { outcome: unknown }).outcome).toEqual({ kind: "performed" });
    // after closing the recipient has nothing to report
    expect(((await getAgencyLetter(agent, id)).data as { letter: AgencyLetter }).letter.canReport).toBe(false);
  });
});

describe(`overdue: the automatic job, and suggestion letters (${engineName()})`, () => {
  it("Art. 76: no report within the 60 days → the automatic job moves the letter to OVERDUE; Art. 77(2) order by the head only; a paper report recorded by staff; closed", async () => {
    const servedOn = addCalendarDays(today, -2);
    const id = await servedOpinion(districtId, servedOn);
    const [period] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, id), eq(deadlines.kind, "opinion_letter_report")));
    await runDueTransitions(beijing(period.dueDate)); // the last day itself is still in time
    expect(await stateOf(id)).toBe("ISSUED");
    await runDueTransitions(beijing(addCalendarDays(period.dueDate, 1)));
    expect(await stateOf(id)).toBe("OVERDUE");
    expect((await t.db.select({ status: deadlines.status }).from(deadlines).where(eq(deadlines.id, period.id)))[0].status).toBe("missed");

    expect((await pageOf(staff, id)).available.sort()).toEqual(["CLOSE", "SUBMIT_REPORT"]);
    const closing = await command(staff, id, "close");
    expect(closing.status).toBe(400); // an unanswered opinion letter is enforced, not closed (Art. 77)
    expect((await command(staff, id, "order", [["days", "15"]])).status).toBe(403);
    expect((await command(head, id, "order", [["days", "15"], ["measures", "interview"], ["measures", "circulated_criticism"]])).status).toBe(303);
    expect(await stateOf(id)).toBe("ORDERED_TO_PERFORM");
    const notices = (await t.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.caseId, id), eq(outbox.topic, "notify")))).map(
      (o) => (o.payload as { template: string }).template,
    );
    expect(notices).toEqual(expect.arrayContaining(["letter.overdue", "letter.ordered_to_perform", "letter.interview_of_heads", "letter.circulated_criticism"]));

    expect((await command(staff, id, "record_report", [["summary", "新城区人民政府书面报送：已纠正。"]])).status).toBe(303);
    const [paper] = await t.db.select().from(followUpReports).where(eq(followUpReports.subjectId, id));
    expect(paper).toMatchObject({ organId: districtId, filedBy: staff.id, summary: "新城区人民政府书面报送：已纠正。" });
    expect((await command(staff, id, "review", [["adequate", "yes"]])).status).toBe(303);
    expect((await command(staff, id, "close")).status).toBe(303);
    expect(await stateOf(id)).toBe("CLOSED");
  });

  it("Reg. Art. 57(2): a suggestion letter without a case — its feedback period is the setting, shown as not statutory; overdue by the job; not enforceable (Art. 77); closed without reply", async () => {
    const fields: [string, string][] = [
      ["type", "suggestion"],
      ["recipientOrganId", districtId],
      ["findings", "多个旗县区在行政处罚中普遍未告知当事人陈述、申辩权利。"],
      ["rectification", "建议制定行政处罚告知程序指引并组织培训。"],
      ["legalBasis", "《中华人民共和国行政处罚法》第四十四条"],
    ];
    const drafted = await postIndex(staff, fields);
    expect(drafted.status, JSON.stringify(drafted.data)).toBe(303);
    const id = drafted.location!.match(/\/staff\/letters\/([0-9a-f-]{36})/)![1];
    const row = await letterRow(id);
    expect(row).toMatchObject({ parentCaseId: null, organId, respondentOrganId: districtId, state: "DRAFT" });
    expect((await command(head, id, "approve")).status).toBe(303);
    const servedOn = addCalendarDays(today, -1);
    expect((await command(staff, id, "issue", [["servedOn", servedOn]])).status).toBe(303);
    expect(await stateOf(id)).toBe("ISSUED");
    const [number] = await t.db.select({ number: caseDocuments.number }).from(caseDocuments).where(and(eq(caseDocuments.caseId, id), eq(caseDocuments.kind, "suggestion_letter")));
    expect(number.number).toMatch(/^呼政复建〔\d{4}〕\d+号$/);

    const { calendar, settings } = await loadDeadlineRules(getDb());
    const [period] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, id), eq(deadlines.kind, "suggestion_letter_reply")));
    expect(period).toMatchObject({ startDate: servedOn, dueDate: computeDue("suggestion_letter_reply", servedOn, calendar, settings, { length: settings.suggestionReplyDays }).due });
    expect(period.basis).toContain("非法定期限");
    const page = await pageOf(staff, id);
    expect(page.reportPeriod).toMatchObject({ key: "suggestion_letter_reply", statutory: false, days: settings.suggestionReplyDays });
    expect(page.periods[0].statutory).toBe(false);
    expect(((await getAgencyLetter(otherAgent, id)).data as { letter: AgencyLetter }).letter.periods[0].statutory).toBe(false);

    await runDueTransitions(beijing(addCalendarDays(period.dueDate, 1)));
    expect(await stateOf(id)).toBe("OVERDUE");
    const order = await command(head, id, "order", [["days", "15"]]);
    expect(order.status).toBe(400);
    expect(String((order.data as { message: string }).message)).toContain("第七十七条");
    expect((await command(staff, id, "close")).status).toBe(303);
    const closed = await letterRow(id);
    expect(closed.state).toBe("CLOSED");
    expect((closed.data as { outcome: unknown }).outcome).toEqual({ kind: "closed_without_reply" });
  });

  it("the organ's list shows every letter with status and due date; the other organ's staff list has none of them", async () => {
    const mine = ((await getIndex(staff)).data as { page: { letters: LetterRow[] } }).page.letters;
    expect(mine.length).toBeGreaterThanOrEqual(8);
    expect(mine.every((l) => l.organName === "呼和浩特市人民政府")).toBe(true);
    expect(mine.some((l) => l.state === "CLOSED") && mine.some((l) => l.state === "DRAFT")).toBe(true);
    expect(mine.filter((l) => l.servedOn).every((l) => l.due !== null)).toBe(true);
    const theirs = ((await getIndex(outsider)).data as { page: { letters: LetterRow[] } }).page.letters;
    const ids = new Set(mine.map((l) => l.id));
    expect(theirs.some((l) => ids.has(l.id))).toBe(false);
    // the organs table is untouched by all this (a letter never creates an organ)
    expect(await t.db.$count(organs, eq(organs.code, "150100-market"))).toBe(1);
  });
});
