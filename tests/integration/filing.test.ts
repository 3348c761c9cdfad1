// Filing a reconsideration application (issue 4 reqs. 3, 6, 7): one transaction, idempotent by submission key,
// the first deadline (5-WD acceptance review, Art. 30(1)), the receipt hash and /verify.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, caseParties, cases, deadlines, drafts, organs, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { createDraft } from "~/services/drafts.server";
import { receiptFor, submitReconsideration, submitMediation, verifyReceipt } from "~/services/filing.server";
import { loadUser, type CurrentUser } from "~/services/session.server";
import { useTestDatabase } from "../support/db";
import { submissionKey, validDraftData } from "../support/filing-fixture";

const t = useTestDatabase();
let citizen: CurrentUser;
let other: CurrentUser;
let respondentId: string;
let governmentId: string;

beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  const [c1] = await t.db.select().from(users).where(eq(users.email, "citizen1@demo.nmg.example"));
  const [c2] = await t.db.select().from(users).where(eq(users.email, "citizen2@demo.nmg.example"));
  citizen = (await loadUser(t.db, c1.id))!;
  other = (await loadUser(t.db, c2.id))!;
  const [r] = await t.db.select().from(organs).where(eq(organs.code, "150102-market"));
  const [g] = await t.db.select().from(organs).where(eq(organs.code, "150102"));
  respondentId = r.id;
  governmentId = g.id;
});

async function newDraft(user: CurrentUser, data = validDraftData(respondentId)) {
  const r = await createDraft(user.id, "reconsideration", data, "review");
  if (!r.ok) throw new Error(r.error);
  return r.draft.id;
}

const review = (key: string, extra: Record<string, string> = {}) => ({ electronicServiceConsent: "yes", declaration: "yes", submissionKey: key, ...extra });

describe("submitting a reconsideration application", () => {
  it("writes the case, parties, first events and the 5-working-day acceptance review (Art. 30(1)) in one go", async () => {
    const draftId = await newDraft(citizen);
    const r = await submitReconsideration({ user: citizen, draftId, review: review(submissionKey()) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.replayed).toBe(false);
    expect(r.caseNumber).toMatch(/^FY\d{4}-150102-\d{5}$/);
    const [row] = await t.db.select().from(cases).where(eq(cases.id, r.caseId));
    expect(row.organId).toBe(governmentId); // Art. 24(1)(1): a department's act goes to its own government
    expect(row.state).toBe("INTAKE_REVIEW"); // T1 + T2
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const parties = await t.db.select().from(caseParties).where(eq(caseParties.caseId, r.caseId));
    expect(parties.map((p) => p.role)).toEqual(["applicant"]);
    const dl = await t.db.select().from(deadlines).where(eq(deadlines.caseId, r.caseId));
    expect(dl.map((d) => [d.kind, d.status])).toEqual([["acceptance_review", "running"]]);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, r.caseId));
    expect(events.map((e) => e.action)).toContain("filing.received");
    const [draft] = await t.db.select().from(drafts).where(eq(drafts.id, draftId));
    expect(draft.submittedCaseId).toBe(r.caseId);
    const receipt = await receiptFor(citizen.id, r.caseNumber);
    expect(receipt?.deadline?.kind).toBe("acceptance_review");
    expect(await receiptFor(other.id, r.caseNumber)).toBeNull();
    const verified = await verifyReceipt(r.caseNumber, row.contentHash!);
    expect(verified).toMatchObject({ status: "match", recordIntact: true });
    expect(await verifyReceipt(r.caseNumber, "0".repeat(64))).toEqual({ status: "mismatch" });
  });

  it("10 parallel submissions with one key give exactly one case", async () => {
    const draftId = await newDraft(citizen);
    const key = submissionKey();
    const before = await t.db.select({ id: cases.id }).from(cases);
    const results = await Promise.all(Array.from({ length: 10 }, () => submitReconsideration({ user: citizen, draftId, review: review(key) })));
    const ids = new Set(results.map((r) => (r.ok ? r.caseId : `fail:${r.formError}`)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    const after = await t.db.select({ id: cases.id }).from(cases);
    expect(after.length - before.length).toBe(1);
  });

  it("a court suit on the same act blocks filing (Art. 29) and writes nothing", async () => {
    const data = validDraftData(respondentId, { requests: { requests: "撤销", factsAndReasons: "理由", suedInCourt: "yes" } });
    const draftId = await newDraft(citizen, data);
    const before = await t.db.select({ id: cases.id }).from(cases);
    const r = await submitReconsideration({ user: citizen, draftId, review: review(submissionKey()) });
    expect(r).toMatchObject({ ok: false, status: 409, formError: "checks.parallelSuit" });
    expect((await t.db.select({ id: cases.id }).from(cases)).length).toBe(before.length);
  });

  it("a late application needs the reason (Art. 20) and is then accepted for filing", async () => {
    const data = validDraftData(respondentId);
    (data.act as Record<string, unknown>).madeOn = "2026-01-05";
    (data.act as Record<string, unknown>).learnedOn = "2026-01-06";
    const draftId = await newDraft(citizen, data);
    const key = submissionKey();
    const r1 = await submitReconsideration({ user: citizen, draftId, review: review(key) });
    expect(r1).toMatchObject({ ok: false, formError: "errors.lateReasonRequired" });
    const r2 = await submitReconsideration({ user: citizen, draftId, review: review(key, { lateReason: "住院治疗，无法申请" }) });
    expect(r2.ok).toBe(true);
  });

  it("someone else's draft is not found", async () => {
    const draftId = await newDraft(citizen);
    const r = await submitReconsideration({ user: other, draftId, review: review(submissionKey()) });
    expect(r).toMatchObject({ ok: false, status: 404 });
  });

  it("a mediation request lands in the dispute center of the chosen 旗县", async () => {
    const r = await submitMediation({
      user: citizen,
      input: {
        category: "consumer_rights",
        divisionCode: "150102",
        applicantName: "张三",
        applicantPhone: "13800138000",
        otherPartyKind: "organisation",
        otherPartyName: "某商贸有限公司",
        happened: "购买的商品有质量问题，商家拒绝退货。",
        wantedOutcome: "退货退款",
        consent: "yes",
        electronicServiceConsent: "yes",
        submissionKey: submissionKey(),
      },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [row] = await t.db.select({ organId: cases.organId, state: cases.state }).from(cases).where(eq(cases.id, r.caseId));
    const [center] = await t.db.select().from(organs).where(and(eq(organs.code, "150102-center")));
    expect(row.organId).toBe(center.id);
    expect(row.state).toBe("RECEIVED");
  });
});

describe("starting an application from the channel finder's link", () => {
  it("carries the respondent, the kind of act and the dates into the new draft", async () => {
    const { createSession, sessionCookieName } = await import("~/services/session.server");
    const { sessions } = await import("../../db/schema/index");
    const start = await import("~/routes/apply.reconsideration._index");
    const s = await createSession(t.db, { user: citizen, twoFactorDone: true, now: new Date() });
    const [{ csrf }] = await t.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, s.id));
    const query = `?respondent=${respondentId}&actKind=penalty&learnedOn=2026-11-20&informed=no&onTheSpotPenalty=no&failureToAct=yes&evil=1`;
    const cookie = `${sessionCookieName()}=${s.token}`;
    const context = { requestId: "t", cspNonce: "n", anonymousCsrf: "x".repeat(32), production: false };
    const page = (await start.loader({ request: new Request(`http://localhost/apply/reconsideration${query}`, { headers: { cookie } }), context, params: {} } as never)) as unknown as {
      prefill: [string, string][];
    };
    expect(page.prefill.map(([k]) => k)).toEqual(["respondent", "actKind", "learnedOn", "informed", "onTheSpotPenalty", "failureToAct"]);
    const body = new URLSearchParams([...page.prefill, ["csrf", csrf]]);
    const res = (await start.action({
      request: new Request("http://localhost/apply/reconsideration", { method: "POST", body, headers: { cookie, "content-type": "application/x-www-form-urlencoded" } }),
      context,
      params: {},
    } as never)) as Response;
    expect(res.status).toBe(303);
    const draftId = res.headers.get("location")!.split("/")[3];
    const [draft] = await t.db.select().from(drafts).where(eq(drafts.id, draftId));
    expect((draft.data as { act: Record<string, string> }).act).toEqual({
      respondentOrganId: respondentId,
      actKind: "penalty",
      learnedOn: "2026-11-20",
      informed: "no",
      onTheSpotPenalty: "no",
      failureToAct: "yes",
    });
  });
});
