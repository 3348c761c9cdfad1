// "我的案件" end to end on a real database (issue 4 req. 9): the citizen's list and case page, entitlement (a foreign
// case is a 404), a timeline with nothing internal in it, documents with the first-opened time recorded once, and the
// actions the law gives them — the supplement answer (Art. 31(3): back to the acceptance review, files stored), the
// withdrawal request (Arts. 41(1), 74), the hearing request (Art. 50(1)), evidence, the rating once the case has ended,
// and a stale page answered with the version conflict. Route loaders and actions are called with real Requests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, cases, files, organs, ratings, sessions, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { todayInShanghai } from "~/domain/calendar";
import { loader as listLoader } from "~/routes/my.cases._index";
import { action as caseAction, loader as caseLoader } from "~/routes/my.cases.$caseNumber";
import { loader as documentLoader } from "~/routes/my.cases.$caseNumber_.documents.$documentId";
import { createDraft } from "~/services/drafts.server";
import { submitReconsideration } from "~/services/filing.server";
import { getMyCase, listMyCases, openDocument } from "~/services/my-cases.server";
import { createSession, loadUser, sessionCookieName, type CurrentUser } from "~/services/session.server";
import { applyCommand } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";
import { submissionKey, validDraftData } from "../support/filing-fixture";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const context = { requestId: "my-cases-test", cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };

const t = useTestDatabase();
let dataDir: string;
let previousDataDir: string | undefined;
let citizen: CurrentUser;
let other: CurrentUser;
let staff: CurrentUser;
let respondentId: string;
const cookie = new Map<string, string>();
const csrf = new Map<string, string>();

async function userByEmail(email: string): Promise<CurrentUser> {
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await loadUser(t.db, row.id))!;
}

beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "imr-my-cases-"));
  previousDataDir = process.env.DATA_DIR;
  process.env.DATA_DIR = dataDir;
  citizen = await userByEmail("citizen1@demo.nmg.example");
  other = await userByEmail("citizen2@demo.nmg.example");
  staff = await userByEmail("staff1@demo.nmg.example");
  const [r] = await t.db.select({ id: organs.id }).from(organs).where(eq(organs.code, "150102-market"));
  respondentId = r.id;
  for (const u of [citizen, other]) {
    const s = await createSession(t.db, { user: u, twoFactorDone: true, now: new Date() });
    cookie.set(u.id, `${sessionCookieName()}=${s.token}`);
    const [row] = await t.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, s.id));
    csrf.set(u.id, row.csrf);
  }
});

afterAll(() => {
  setDatabase(undefined);
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A filed application (with consent to electronic service), in INTAKE_REVIEW after T1 + T2. */
async function fileCase(consent: "yes" | "no" = "yes"): Promise<{ caseId: string; caseNumber: string }> {
  const d = await createDraft(citizen.id, "reconsideration", validDraftData(respondentId), "review");
  if (!d.ok) throw new Error(d.error);
  const r = await submitReconsideration({ user: citizen, draftId: d.draft.id, review: { electronicServiceConsent: consent, declaration: "yes", submissionKey: submissionKey() } });
  if (!r.ok) throw new Error(r.formError);
  return { caseId: r.caseId, caseNumber: r.caseNumber };
}

async function versionOf(caseId: string): Promise<number> {
  const [row] = await t.db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
  return row.version;
}

async function staffCommand(caseId: string, command: { type: string } & Record<string, unknown>) {
  const r = await applyCommand({
    caseId,
    expectedVersion: await versionOf(caseId),
    command,
    actor: { role: "reconsideration_staff", userId: staff.id },
    actorUserId: staff.id,
    now: new Date(),
  });
  if (!r.ok) throw new Error(`${command.type}: ${r.reason.message}`);
  return r;
}

const ITEMS = ["申请人的身份证明材料", "被申请行政复议的行政行为的法律文书复印件"];
const askSupplement = (caseId: string) => staffCommand(caseId, { type: "ISSUE_SUPPLEMENT_NOTICE", items: ITEMS, servedOn: todayInShanghai(new Date()) });

function get(url: string, user?: CurrentUser): Request {
  return new Request(`http://localhost${url}`, { headers: user ? { cookie: cookie.get(user.id)! } : {} });
}

function post(url: string, user: CurrentUser, fields: Record<string, string>, fileParts: [string, File][] = [], token = csrf.get(user.id)): Request {
  const form = new FormData();
  if (token) form.append("csrf", token);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, f] of fileParts) form.append(k, f);
  return new Request(`http://localhost${url}`, { method: "POST", body: form, headers: { cookie: cookie.get(user.id)! } });
}

/** A loader's or action's answer: a Response (thrown or returned), data(x, init), or plain data. */
async function run(fn: () => Promise<unknown>): Promise<{ status: number; location?: string; body: any }> {
  let value: unknown;
  try {
    value = await fn();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, location: value.headers.get("location") ?? undefined, body: null };
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const v = value as { data: unknown; init: { status?: number } | null };
    return { status: v.init?.status ?? 200, body: v.data };
  }
  return { status: 200, body: value };
}

const caseUrl = (n: string) => `/my/cases/${encodeURIComponent(n)}`;
const detail = (n: string, user: CurrentUser) => run(() => caseLoader({ request: get(caseUrl(n), user), context, params: { caseNumber: n } } as never));
const act = (n: string, user: CurrentUser, fields: Record<string, string>, fileParts: [string, File][] = [], token?: string) =>
  run(() => caseAction({ request: post(caseUrl(n), user, fields, fileParts, token ?? csrf.get(user.id)), context, params: { caseNumber: n } } as never));

describe(`my cases (${engineName()})`, () => {
  it("lists the user's own cases only, newest first, with status and next deadline; anonymous visitors go to the login", async () => {
    const a = await fileCase();
    const b = await fileCase();
    const list = await listMyCases(citizen.id);
    const numbers = list.map((c) => c.caseNumber);
    expect(numbers.indexOf(b.caseNumber)).toBeLessThan(numbers.indexOf(a.caseNumber));
    const first = list.find((c) => c.caseNumber === a.caseNumber)!;
    expect(first).toMatchObject({ machine: "reconsideration", status: { key: "cases.status.intakeReview" }, nextDeadline: { kind: "acceptance_review" } });
    expect(await listMyCases(other.id)).toEqual([]);

    const page = await run(() => listLoader({ request: get("/my/cases", citizen), context, params: {} } as never));
    expect(page.status).toBe(200);
    expect(page.body.cases.map((c: { caseNumber: string }) => c.caseNumber)).toContain(a.caseNumber);
    const anonymous = await run(() => listLoader({ request: get("/my/cases"), context, params: {} } as never));
    expect(anonymous).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fmy%2Fcases" });
  });

  it("a foreign or unknown case is not found (null, 404), never revealed", async () => {
    const { caseId, caseNumber } = await fileCase();
    expect(await getMyCase(other.id, caseNumber)).toBeNull();
    expect((await detail(caseNumber, other)).status).toBe(404);
    expect((await detail("FY2026-150102-99999", citizen)).status).toBe(404);
    expect((await detail("not a number", citizen)).status).toBe(404);
    const mine = await detail(caseNumber, citizen);
    expect(mine.status).toBe(200);
    expect(mine.body.c.caseNumber).toBe(caseNumber);
    // a foreign user's post changes nothing and is a 404 as well
    const before = await versionOf(caseId);
    const foreign = await act(caseNumber, other, { intent: "withdraw", version: String(before), understood: "yes" });
    expect(foreign.status).toBe(404);
    expect(await versionOf(caseId)).toBe(before);
  });

  it("the timeline shows state changes, served documents and started periods in plain words, and no internal field", async () => {
    const { caseId, caseNumber } = await fileCase();
    await askSupplement(caseId);
    const c = (await getMyCase(citizen.id, caseNumber))!;
    expect(c.status.key).toBe("cases.status.awaitingSupplement");
    const keys = c.timeline.map((e) => e.key);
    expect(keys[0]).toBe("cases.event.filed");
    expect(c.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "cases.event.status", statusKey: "cases.status.intakeReview" }),
        expect.objectContaining({ key: "cases.event.deadlineStarted", period: "acceptance_review" }),
        expect.objectContaining({ key: "cases.event.status", statusKey: "cases.status.awaitingSupplement" }),
        expect.objectContaining({ key: "cases.event.documentIssued", document: "supplement_notice" }),
        expect.objectContaining({ key: "cases.event.deadlineStarted", period: "supplement" }),
      ]),
    );
    const allowed = new Set(["key", "at", "statusKey", "period", "due", "count", "document"]);
    for (const entry of c.timeline) for (const field of Object.keys(entry)) expect(allowed.has(field), field).toBe(true);
    const text = JSON.stringify(c.timeline);
    const [row] = await t.db.select({ contentHash: cases.contentHash, organId: cases.organId }).from(cases).where(eq(cases.id, caseId));
    for (const secret of [row.contentHash!, row.organId!, staff.id, citizen.id, "ISSUE_SUPPLEMENT_NOTICE", "basis", "note", "requestId"])
      expect(text).not.toContain(secret);
    // every timeline time reads as yyyy-MM-dd HH:mm in Asia/Shanghai on the page
    for (const e of c.timeline) expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(c.actions.map((a) => a.kind)).toEqual(["answer_supplement", "request_withdrawal", "add_evidence"]);
    expect(c.supplementItems).toEqual(ITEMS);
    expect(c.deadlines.map((d) => d.kind)).toEqual(["supplement"]);
    expect(c.deadlines[0].explanation.length).toBeGreaterThan(2);
  });

  it("documents served on the citizen are listed; the first opening is recorded once, with one event", async () => {
    const { caseId, caseNumber } = await fileCase();
    await askSupplement(caseId);
    const c = (await getMyCase(citizen.id, caseNumber))!;
    expect(c.consentedAt).not.toBeNull();
    const [doc] = c.documents;
    expect(doc).toMatchObject({ kind: "supplement_notice", serviceMethod: "electronic", firstOpenedAt: null });
    expect(doc.servedAt).not.toBeNull();

    const url = `${caseUrl(caseNumber)}/documents/${doc.id}`;
    const params = { caseNumber, documentId: doc.id };
    const first = await run(() => documentLoader({ request: get(url, citizen), context, params } as never));
    expect(first.status).toBe(200);
    expect(first.body.doc.fields).toEqual([{ field: "items", labelKey: "cases.docField.items", type: "list", value: ITEMS }]);
    const openedAt = first.body.doc.firstOpenedAt;
    expect(openedAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    const second = await run(() => documentLoader({ request: get(url, citizen), context, params } as never));
    expect(second.body.doc.firstOpenedAt).toBe(openedAt);
    const opened = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "document.opened"), eq(auditEvents.subjectId, caseId)));
    expect(opened).toHaveLength(1);
    expect((await getMyCase(citizen.id, caseNumber))!.documents[0].firstOpenedAt).toBe(openedAt);

    // someone else, or the right document under another case number: 404
    expect((await run(() => documentLoader({ request: get(url, other), context, params } as never))).status).toBe(404);
    const { caseNumber: otherCase } = await fileCase();
    expect((await run(() => documentLoader({ request: get(url, citizen), context, params: { caseNumber: otherCase, documentId: doc.id } } as never))).status).toBe(404);
    expect(await openDocument(citizen.id, "not-a-uuid")).toBeNull();
  });

  it("a document waiting for service by other means shows as pending and cannot be opened online (CPL Art. 90)", async () => {
    const { caseId, caseNumber } = await fileCase("no");
    await askSupplement(caseId);
    const c = (await getMyCase(citizen.id, caseNumber))!;
    expect(c.consentedAt).toBeNull();
    expect(c.documents[0]).toMatchObject({ kind: "supplement_notice", servedAt: null, serviceMethod: "pending" });
    expect(await openDocument(citizen.id, c.documents[0].id)).toBeNull();
    expect(c.supplementItems).toEqual([]);
  });

  it("the supplement answer stores a file per item and sends the case back to the acceptance review (Art. 31(3))", async () => {
    const { caseId, caseNumber } = await fileCase();
    await askSupplement(caseId);
    const version = await versionOf(caseId);
    const base = { intent: "supplement", version: String(version), items: String(ITEMS.length) };

    // an item with neither file nor note: 400, next to that item, nothing stored, nothing moved
    const missing = await act(caseNumber, citizen, { ...base, "item.0.note": "" }, [["item.0.files", new File([PDF], "身份证.pdf")]]);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual({ "item.1.files": "errors.supplementItemEmpty" });
    expect(await t.db.select().from(files).where(eq(files.caseId, caseId))).toHaveLength(0);
    expect(fs.readdirSync(path.join(dataDir, "uploads")).filter((n) => n !== "tmp")).toEqual([]);

    const ok = await act(caseNumber, citizen, { ...base, "item.1.note": "复印件见附件" }, [
      ["item.0.files", new File([PDF], "身份证.pdf")],
      ["item.1.files", new File([PDF], "处罚决定书.pdf")],
      ["item.1.files", new File([PDF], "处罚决定书-第2页.pdf")],
    ]);
    expect(ok).toMatchObject({ status: 303, location: `${caseUrl(caseNumber)}?done=supplement` });
    const [row] = await t.db.select({ state: cases.state }).from(cases).where(eq(cases.id, caseId));
    expect(row.state).toBe("INTAKE_REVIEW");
    const stored = await t.db.select().from(files).where(eq(files.caseId, caseId));
    expect(stored.map((f) => [f.purpose, f.label, f.draftId]).sort()).toEqual([
      ["supplement", ITEMS[0], null],
      ["supplement", ITEMS[1], null],
      ["supplement", ITEMS[1], null],
    ]);
    for (const f of stored) expect(fs.existsSync(path.join(dataDir, "uploads", f.storageName))).toBe(true);
    const [answered] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "case.supplement_answered"), eq(auditEvents.subjectId, caseId)));
    expect((answered.payload as { answers: { note: string | null }[] }).answers.map((a) => a.note)).toEqual([null, "复印件见附件"]);
    const c = (await getMyCase(citizen.id, caseNumber))!;
    expect(c.actions.map((a) => a.kind)).not.toContain("answer_supplement");
    expect(c.timeline.map((e) => e.key)).toContain("cases.event.supplementSubmitted");

    // a second answer on the page as it was: the case has moved on
    const again = await act(caseNumber, citizen, { ...base, "item.0.note": "再次", "item.1.note": "再次" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "VERSION_CONFLICT", formError: "errors.caseVersionConflict" });
  });

  it("refuses a post without the right CSRF token (403) and writes nothing", async () => {
    const { caseId, caseNumber } = await fileCase();
    const version = await versionOf(caseId);
    const refused = await act(caseNumber, citizen, { intent: "withdraw", version: String(version), understood: "yes" }, [], "wrong-token-wrong-token-wrong");
    expect(refused.status).toBe(403);
    expect(await versionOf(caseId)).toBe(version);
  });

  it("a withdrawal request states the bar, needs the confirmation, and is recorded once (Arts. 41(1), 74)", async () => {
    const { caseId, caseNumber } = await fileCase();
    const version = String(await versionOf(caseId));
    const unconfirmed = await act(caseNumber, citizen, { intent: "withdraw", version, reason: "已和解" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.errors).toEqual({ understood: "errors.withdrawConfirmRequired" });
    expect(unconfirmed.body.values.reason).toBe("已和解");

    const ok = await act(caseNumber, citizen, { intent: "withdraw", version, reason: "已和解", understood: "yes" });
    expect(ok.status).toBe(303);
    const [row] = await t.db.select({ data: cases.data, state: cases.state }).from(cases).where(eq(cases.id, caseId));
    expect(row.state).toBe("INTAKE_REVIEW"); // the office decides (T23); the request alone changes no state
    expect((row.data as { withdrawalRequested: boolean }).withdrawalRequested).toBe(true);

    const twice = await act(caseNumber, citizen, { intent: "withdraw", version: String(await versionOf(caseId)), understood: "yes" });
    expect(twice.status).toBe(400);
    const events = await t.db.select({ payload: auditEvents.payload }).from(auditEvents).where(eq(auditEvents.subjectId, caseId));
    expect(events.filter((e) => (e.payload as { command?: string }).command === "REQUEST_WITHDRAWAL")).toHaveLength(1);
    const c = (await getMyCase(citizen.id, caseNumber))!;
    expect(c.withdrawalRequested).toBe(true);
    expect(c.actions.map((a) => a.kind)).not.toContain("request_withdrawal");
  });

  it("a stale page gets the version-conflict message and changes nothing", async () => {
    const { caseId, caseNumber } = await fileCase();
    const seen = await versionOf(caseId);
    await askSupplement(caseId); // staff act after the page was loaded
    const stale = await act(caseNumber, citizen, { intent: "withdraw", version: String(seen), understood: "yes" });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: "VERSION_CONFLICT", formError: "errors.caseVersionConflict" });
    const [row] = await t.db.select({ data: cases.data }).from(cases).where(eq(cases.id, caseId));
    expect((row.data as { withdrawalRequested: boolean }).withdrawalRequested).toBe(false);
  });

  it("after acceptance the applicant may ask for a hearing once (Art. 50(1)) and add evidence", async () => {
    const { caseId, caseNumber } = await fileCase();
    await staffCommand(caseId, { type: "ACCEPT", procedure: "ordinary" });
    let c = (await getMyCase(citizen.id, caseNumber))!;
    expect(c.actions.map((a) => a.kind)).toEqual(["request_hearing", "request_withdrawal", "add_evidence"]);

    const empty = await act(caseNumber, citizen, { intent: "hearing", version: String(c.version), reason: "  " });
    expect(empty).toMatchObject({ status: 400, body: { errors: { reason: "errors.hearingReasonRequired" } } });
    const ok = await act(caseNumber, citizen, { intent: "hearing", version: String(c.version), reason: "对主要事实有争议" });
    expect(ok.status).toBe(303);
    c = (await getMyCase(citizen.id, caseNumber))!;
    expect(c.hearingRequested).toBe(true);
    expect(c.actions.map((a) => a.kind)).not.toContain("request_hearing");
    const twice = await act(caseNumber, citizen, { intent: "hearing", version: String(c.version), reason: "再次请求" });
    expect(twice.status).toBe(400);

    const noFile = await act(caseNumber, citizen, { intent: "evidence", version: String(c.version), description: "现场照片" });
    expect(noFile).toMatchObject({ status: 400, body: { errors: { files: "errors.fileRequired" } } });
    const notPdf = await act(caseNumber, citizen, { intent: "evidence", version: String(c.version), description: "现场照片" }, [["files", new File(["hello"], "x.pdf")]]);
    expect(notPdf).toMatchObject({ status: 400, body: { errors: { files: "errors.fileType" } } });
    const evidence = await act(caseNumber, citizen, { intent: "evidence", version: String(c.version), description: "现场照片" }, [["files", new File([PDF], "照片.pdf")]]);
    expect(evidence.status).toBe(303);
    const stored = await t.db.select().from(files).where(and(eq(files.caseId, caseId), eq(files.purpose, "evidence")));
    expect(stored.map((f) => f.label)).toEqual(["现场照片"]);
    expect((await getMyCase(citizen.id, caseNumber))!.timeline.map((e) => e.key)).toContain("cases.event.evidenceAdded");
  });

  it("the service is rated once, and only after the case has ended (好差评)", async () => {
    const { caseId, caseNumber } = await fileCase();
    const early = await act(caseNumber, citizen, { intent: "rate", version: String(await versionOf(caseId)), score: "5" });
    expect(early.status).toBe(400);
    expect(early.body.formError).toBe("errors.caseActionUnavailable");

    await staffCommand(caseId, { type: "REFUSE", failedConditions: ["within_scope"], reasons: "不属于行政复议范围" });
    const c = (await getMyCase(citizen.id, caseNumber))!;
    expect(c.status.key).toBe("cases.status.notAccepted");
    expect(c.actions.map((a) => a.kind)).toEqual(["rate"]);
    const version = String(c.version);
    const bad = await act(caseNumber, citizen, { intent: "rate", version, score: "9" });
    expect(bad).toMatchObject({ status: 400, body: { errors: { score: "errors.ratingScoreRequired" } } });
    const ok = await act(caseNumber, citizen, { intent: "rate", version, score: "4", comment: "答复及时" });
    expect(ok.status).toBe(303);
    const again = await act(caseNumber, citizen, { intent: "rate", version, score: "1" });
    expect(again).toMatchObject({ status: 400, body: { formError: "errors.alreadyRated" } });
    const rows = await t.db.select().from(ratings).where(eq(ratings.caseId, caseId));
    expect(rows.map((r) => [r.score, r.comment])).toEqual([[4, "答复及时"]]);
    const after = (await getMyCase(citizen.id, caseNumber))!;
    expect(after.rating).toEqual({ score: 4 });
    expect(after.actions).toEqual([]);
    // the refusal decision is served and readable with its reasons
    const refusal = after.documents.find((d) => d.kind === "refusal_decision")!;
    const doc = await openDocument(citizen.id, refusal.id, { caseNumber });
    expect(doc?.fields.map((f) => f.field)).toEqual(["failedConditions", "reasons"]);
  });

  it("answers 400 to an unknown intent, a missing version or a file in the wrong form, never 500", async () => {
    const { caseId, caseNumber } = await fileCase();
    const version = String(await versionOf(caseId));
    expect((await act(caseNumber, citizen, { intent: "delete", version })).status).toBe(400);
    expect((await act(caseNumber, citizen, { intent: "withdraw", version: "x", understood: "yes" })).status).toBe(400);
    const stray = await act(caseNumber, citizen, { intent: "withdraw", version, understood: "yes" }, [["files", new File([PDF], "a.pdf")]]);
    expect(stray.status).toBe(400);
    expect(await versionOf(caseId)).toBe(Number(version));
    expect(await t.db.select().from(files).where(eq(files.caseId, caseId))).toHaveLength(0);
    expect(fs.readdirSync(path.join(dataDir, "uploads", "tmp"))).toEqual([]);
  });
});
