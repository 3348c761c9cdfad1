// The mediation-and-decision page of a case (/staff/cases/:caseNumber/decision) through its loader and action, as the
// organ's staff and office head use it: mediation inside the case to an effective 行政复议调解书 (《行政复议法》第七十三条),
// mediation failing back to review, the decision drafted, returned, approved (第六十一条第一款) and served (第七十五条);
// the office head who drafted cannot approve; wrong roles, bad input and stale versions change nothing.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, caseDocuments, decisionDrafts, deadlines, outbox } from "../../db/schema/index";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import * as route from "~/routes/staff.cases.$caseNumber_.decision";
import type { CurrentUser } from "~/services/session.server";
import type { DecisionCase } from "~/services/staff-decision.server";
import { applyCommand } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";
import { acceptOrdinary, caseRow, demoUser, fileApplication, outcome, routeContext, seedDemo, Sessions, staffCast, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("staff-decision-test");
const sessions = new Sessions();

// outsider: an office head of another government (新城区), to whom the 呼和浩特 city cases do not exist
let { citizen, staff, head, outsider, respondentId } = {} as StaffCast;
let clerk: CurrentUser;

beforeAll(async () => {
  await seedDemo(t);
  ({ citizen, staff, head, outsider, respondentId } = await staffCast(sessions, "office_head"));
  clerk = await demoUser("clerk");
  await sessions.signIn(clerk);
});
afterAll(() => setDatabase(undefined));

/** A fresh application by citizen1, accepted (ordinary), copy served, reply filed and views heard: IN_REVIEW (Art. 49). */
async function caseInReview(consent: "yes" | "no" = "yes"): Promise<string> {
  const caseNumber = await fileApplication(citizen, respondentId, consent);
  await acceptOrdinary(staff, caseNumber);
  const actor = { role: "reconsideration_staff" as const, userId: staff.id };
  for (const command of [
    { type: "SERVE_COPY_ON_RESPONDENT" },
    { type: "FILE_REPLY", evidenceAndBasisSubmitted: true },
    { type: "RECORD_VIEWS_HEARD", mode: "phone", applicantWillingToMediate: true },
  ]) {
    const row = await caseRow(caseNumber);
    const r = await applyCommand({ caseId: row.id, expectedVersion: row.version, command, actor, actorUserId: staff.id, now: new Date() });
    if (!r.ok) throw new Error(`${command.type} failed: ${JSON.stringify(r.reason)}`);
  }
  expect((await caseRow(caseNumber)).state).toBe("IN_REVIEW");
  return caseNumber;
}

const caseUrl = (caseNumber: string) => `http://localhost/staff/cases/${encodeURIComponent(caseNumber)}/decision`;
const get = (user: CurrentUser | null, caseNumber: string) =>
  outcome(() => route.loader({ request: sessions.request(user, caseUrl(caseNumber)), params: { caseNumber }, context } as never));
/** Posts `intent` with the case's current version (or `version`) and the fields. */
async function post(user: CurrentUser, caseNumber: string, intent: string, fields: [string, string][] = [], version?: number) {
  const v = version ?? (await caseRow(caseNumber)).version;
  const form: [string, string][] = [["intent", intent], ["version", String(v)], ...fields];
  return outcome(() => route.action({ request: sessions.request(user, caseUrl(caseNumber), form), params: { caseNumber }, context } as never));
}
const pageOf = async (user: CurrentUser, caseNumber: string) => ((await get(user, caseNumber)).data as { case: DecisionCase }).case;

/** Everything a command could write: the case row, events, documents, drafts, deadlines, outbox. */
async function snapshot(caseNumber: string) {
  const row = await caseRow(caseNumber);
  return {
    state: row.state,
    version: row.version,
    data: JSON.stringify(row.data),
    events: await t.db.$count(auditEvents, eq(auditEvents.subjectId, row.id)),
    documents: await t.db.$count(caseDocuments, eq(caseDocuments.caseId, row.id)),
    drafts: JSON.stringify(await t.db.select().from(decisionDrafts).where(eq(decisionDrafts.caseId, row.id)).orderBy(decisionDrafts.submittedAt)),
    deadlines: JSON.stringify(await t.db.select({ id: deadlines.id, status: deadlines.status, due: deadlines.dueDate }).from(deadlines).where(eq(deadlines.caseId, row.id)).orderBy(deadlines.id)),
    outbox: await t.db.$count(outbox, eq(outbox.caseId, row.id)),
  };
}

const draftFields = (extra: [string, string][] = []): [string, string][] => [
  ["decisionType", "uphold"],
  ["facts", "经审理查明：被申请人于2026年11月对申请人作出罚款决定，证据有现场笔录、检验报告。"],
  ["reasoning", "本机关认为：被申请人认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。"],
  ["result", "维持被申请人作出的行政处罚决定。"],
  ...extra,
];

describe(`mediation inside the case (Arts. 5, 73) (${engineName()})`, () => {
  it("both sides willing → mediation; all signed and sealed → the 调解书 takes effect with the agreed terms", async () => {
    const caseNumber = await caseInReview();
    const page = await pageOf(staff, caseNumber);
    expect(page.available.sort()).toEqual(["OPEN_MEDIATION", "START_DRAFTING"]);

    // Art. 5: voluntary — one side unwilling is refused with the machine's words, nothing written
    const before = await snapshot(caseNumber);
    const unwilling = await post(staff, caseNumber, "open_mediation", [["applicantWilling", "yes"]]);
    expect(unwilling.status).toBe(400);
    expect(String(unwilling.data?.message)).toContain("第五条");
    expect(await snapshot(caseNumber)).toEqual(before);

    const opened = await post(staff, caseNumber, "open_mediation", [["applicantWilling", "yes"], ["respondentWilling", "yes"]]);
    expect(opened).toMatchObject({ status: 303, location: `/staff/cases/${encodeURIComponent(caseNumber)}/decision?done=open_mediation` });
    expect((await caseRow(caseNumber)).state).toBe("MEDIATION");
    expect((await pageOf(staff, caseNumber)).available.sort()).toEqual(["MEDIATION_FAILED", "SIGN_MEDIATION_DOCUMENT"]);

    // Art. 73(1): not yet sealed by the organ → no effect, nothing written (not even the terms)
    const mediating = await snapshot(caseNumber);
    const terms = "被申请人同意将罚款数额由5000元变更为2000元，申请人放弃其他行政复议请求。";
    const unsealed = await post(staff, caseNumber, "sign_mediation", [["terms", terms], ["allPartiesSigned", "yes"]]);
    expect(unsealed.status).toBe(400);
    expect(String(unsealed.data?.message)).toContain("第七十三条第一款");
    expect(await snapshot(caseNumber)).toEqual(mediating);

    const signed = await post(staff, caseNumber, "sign_mediation", [["terms", terms], ["allPartiesSigned", "yes"], ["organSealed", "yes"]]);
    expect(signed).toMatchObject({ status: 303 });
    const row = await caseRow(caseNumber);
    expect(row.state).toBe("MEDIATION_DOCUMENT_EFFECTIVE");
    expect((row.data as { outcome: { kind: string } }).outcome.kind).toBe("mediated");
    const [doc] = await t.db.select().from(caseDocuments).where(and(eq(caseDocuments.caseId, row.id), eq(caseDocuments.kind, "mediation_document")));
    expect(JSON.stringify(doc.content)).toContain(terms); // the agreed result is in the issued document
    const [termsRow] = await t.db.select().from(decisionDrafts).where(eq(decisionDrafts.caseId, row.id));
    expect(termsRow).toMatchObject({ decisionType: "mediation", draftedBy: staff.id, status: "approved" });
    // the decision period stops: the case is closed by mediation
    expect(await t.db.$count(deadlines, and(eq(deadlines.caseId, row.id), eq(deadlines.status, "running")))).toBe(0);
    expect((await pageOf(staff, caseNumber)).available).toEqual([]);
  });

  it("no agreement → mediation fails and the review continues (Art. 73(2))", async () => {
    const caseNumber = await caseInReview();
    expect((await post(staff, caseNumber, "open_mediation", [["applicantWilling", "yes"], ["respondentWilling", "yes"]])).status).toBe(303);
    const before = await snapshot(caseNumber);
    const noReason = await post(staff, caseNumber, "mediation_failed", [["reason", "gave_up"]]);
    expect(noReason).toMatchObject({ status: 400, data: { errors: { reason: "decision.errors.failureReason" } } });
    expect(await snapshot(caseNumber)).toEqual(before);
    const failed = await post(staff, caseNumber, "mediation_failed", [["reason", "no_agreement"]]);
    expect(failed).toMatchObject({ status: 303 });
    expect((await caseRow(caseNumber)).state).toBe("IN_REVIEW");
    expect(await t.db.$count(caseDocuments, and(eq(caseDocuments.caseId, (await caseRow(caseNumber)).id), eq(caseDocuments.kind, "mediation_document")))).toBe(0);
    expect((await pageOf(staff, caseNumber)).available.sort()).toEqual(["OPEN_MEDIATION", "START_DRAFTING"]);
    // the review goes on to a decision (Art. 73(2)): the 决定书 carries the approved draft, and the page links it
    expect((await post(staff, caseNumber, "start_drafting")).status).toBe(303);
    expect((await post(staff, caseNumber, "submit_draft", draftFields())).status).toBe(303);
    expect((await post(head, caseNumber, "approve", [["approvedBy", "organ_head"]])).status).toBe(303);
    const page = await pageOf(staff, caseNumber);
    expect(page.issuedDocuments.map((d) => d.kind)).toEqual(["decision"]);
    expect(page.issuedDocuments[0].number).toMatch(/^呼政复〔\d{4}〕\d+号$/u);
    const [decisionDoc] = await t.db.select().from(caseDocuments).where(eq(caseDocuments.id, page.issuedDocuments[0].id));
    const text = JSON.stringify(decisionDoc.content);
    expect(text).toContain("适用依据正确，程序合法，内容适当");
    expect(text).toContain("第六十八条");
    expect(text).not.toContain("调解书");
  });
});

describe(`the decision: drafted, returned, approved, served (Arts. 61, 63–69, 75) (${engineName()})`, () => {
  it("staff drafts → head returns with a reason → staff revises → head approves → served electronically", async () => {
    const caseNumber = await caseInReview("yes");
    expect((await post(staff, caseNumber, "start_drafting")).status).toBe(303);
    expect((await caseRow(caseNumber)).state).toBe("DECISION_DRAFTING");

    const first = await post(staff, caseNumber, "submit_draft", draftFields([["decisionType", "revoke"], ["redoOrdered", "yes"], ["performanceDays", "30"]]));
    expect(first).toMatchObject({ status: 303 });
    const row = await caseRow(caseNumber);
    expect(row.state).toBe("DECISION_APPROVAL");
    const [pending] = await t.db.select().from(decisionDrafts).where(eq(decisionDrafts.caseId, row.id));
    expect(pending).toMatchObject({ draftedBy: staff.id, decisionType: "revoke", status: "pending" });
    expect(pending.content).toMatchObject({ basis: "《行政复议法》第六十四条", redoOrdered: true, performanceDays: 30 });
    // only the office head may approve or return (Art. 61(1)); the staff page offers nothing now
    expect((await pageOf(staff, caseNumber)).available).toEqual([]);
    expect((await pageOf(head, caseNumber)).available.sort()).toEqual(["APPROVE_DECISION", "RETURN_DRAFT"]);

    // a return needs its reason
    const before = await snapshot(caseNumber);
    expect(await post(head, caseNumber, "return_draft", [["reason", "  "]])).toMatchObject({ status: 400, data: { errors: { reason: "decision.errors.returnReason" } } });
    expect(await snapshot(caseNumber)).toEqual(before);
    const reason = "事实认定部分证据不足以支持撤销，请重新研究。";
    expect(await post(head, caseNumber, "return_draft", [["reason", reason]])).toMatchObject({ status: 303 });
    expect((await caseRow(caseNumber)).state).toBe("DECISION_DRAFTING");
    const [returned] = await t.db.select().from(decisionDrafts).where(eq(decisionDrafts.id, pending.id));
    expect(returned).toMatchObject({ status: "returned", decidedBy: head.id });
    expect(returned.content).toMatchObject({ returnReason: reason });
    // the drafter sees the returned draft with its reason, and the form is filled with it
    const revising = await pageOf(staff, caseNumber);
    expect(revising.drafts[0]).toMatchObject({ status: "returned", draftedByMe: true, content: { returnReason: reason } });

    expect(await post(staff, caseNumber, "submit_draft", draftFields())).toMatchObject({ status: 303 });
    const headPage = await pageOf(head, caseNumber);
    expect(headPage.drafts.map((d) => d.status)).toEqual(["pending", "returned"]);
    expect(headPage.drafts[0].draftedByMe).toBe(false);

    const approved = await post(head, caseNumber, "approve", [["approvedBy", "organ_head"]]);
    expect(approved).toMatchObject({ status: 303, location: `/staff/cases/${encodeURIComponent(caseNumber)}/decision?done=approve` });
    const issued = await caseRow(caseNumber);
    expect(issued.state).toBe("DECISION_ISSUED");
    expect((issued.data as { decision: { type: string; approvedBy: string } }).decision).toMatchObject({ type: "uphold", approvedBy: "organ_head" });
    const drafts = await t.db.select().from(decisionDrafts).where(eq(decisionDrafts.caseId, issued.id)).orderBy(decisionDrafts.submittedAt);
    expect(drafts.map((d) => d.status)).toEqual(["returned", "approved"]);
    expect(drafts[1]).toMatchObject({ draftedBy: staff.id, decidedBy: head.id, decisionType: "uphold" });
    // the 行政复议决定书 is issued with the approved draft's reasoning in it
    const [decisionDoc] = await t.db.select().from(caseDocuments).where(and(eq(caseDocuments.caseId, issued.id), eq(caseDocuments.kind, "decision")));
    expect(JSON.stringify(decisionDoc.content)).toContain("适用依据正确，程序合法，内容适当");
    expect((await pageOf(head, caseNumber)).issuedDocuments).toMatchObject([{ id: decisionDoc.id, kind: "decision", number: decisionDoc.number }]);
    const [approvalEvent] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, issued.id), eq(auditEvents.action, "reconsideration.T28")));
    expect(approvalEvent.actorId).toBe(head.id);

    // service: a future date is refused; electronic service with the applicant's consent makes the decision effective
    const page = await pageOf(staff, caseNumber);
    expect(page.available).toEqual(["SERVE_DECISION"]);
    expect(page.electronicServiceConsent).toBe(true);
    const today = todayInShanghai(new Date());
    const beforeServe = await snapshot(caseNumber);
    expect((await post(staff, caseNumber, "serve", [["method", "electronic"], ["servedOn", addCalendarDays(today, 1)]])).status).toBe(400);
    expect(await snapshot(caseNumber)).toEqual(beforeServe);
    expect(await post(staff, caseNumber, "serve", [["method", "electronic"], ["servedOn", today]])).toMatchObject({ status: 303 });
    const served = await caseRow(caseNumber);
    expect(served.state).toBe("DECISION_EFFECTIVE");
    expect((served.data as { decision: { servedOn: string } }).decision.servedOn).toBe(today);
  });

  it("an office head who drafted the decision cannot approve it: 403 with a clear message, nothing written", async () => {
    const caseNumber = await caseInReview();
    expect((await post(head, caseNumber, "start_drafting")).status).toBe(303);
    expect((await post(head, caseNumber, "submit_draft", draftFields())).status).toBe(303);
    const [own] = await t.db.select().from(decisionDrafts).where(eq(decisionDrafts.caseId, (await caseRow(caseNumber)).id));
    expect(own.draftedBy).toBe(head.id);
    const page = await pageOf(head, caseNumber);
    expect(page.drafts[0]).toMatchObject({ status: "pending", draftedByMe: true });

    const before = await snapshot(caseNumber);
    const r = await post(head, caseNumber, "approve", [["approvedBy", "collective_discussion"]]);
    expect(r.status).toBe(403);
    expect(String(r.data?.message)).toContain("不能审批自己拟定的决定");
    expect(await snapshot(caseNumber)).toEqual(before);
    // returning one's own draft stays possible (it decides nothing)
    expect((await post(head, caseNumber, "return_draft", [["reason", "自行修改"]])).status).toBe(303);
  });

  it("reconsideration staff cannot approve (403) and an office head of another organ does not see the case (404)", async () => {
    const caseNumber = await caseInReview();
    expect((await post(staff, caseNumber, "start_drafting")).status).toBe(303);
    expect((await post(staff, caseNumber, "submit_draft", draftFields())).status).toBe(303);
    const before = await snapshot(caseNumber);
    const r = await post(staff, caseNumber, "approve", [["approvedBy", "organ_head"]]);
    expect(r.status).toBe(403);
    expect(await snapshot(caseNumber)).toEqual(before);
    expect((await get(outsider, caseNumber)).status).toBe(404);
    expect((await post(outsider, caseNumber, "approve", [["approvedBy", "organ_head"]])).status).toBe(404);
    expect((await get(clerk, caseNumber)).status).toBe(403);
    expect((await get(citizen, caseNumber)).status).toBe(403);
    expect(await snapshot(caseNumber)).toEqual(before);
  });

  it("bad input answers 400 with the field's message and writes nothing", async () => {
    const caseNumber = await caseInReview("no");
    expect((await post(staff, caseNumber, "start_drafting")).status).toBe(303);
    const before = await snapshot(caseNumber);
    const cases400: [string, [string, string][], Record<string, string>][] = [
      ["submit_draft", draftFields([["decisionType", "annul"]]), { decisionType: "decision.errors.type" }],
      ["submit_draft", draftFields([["reasoning", "   "]]), { reasoning: "decision.errors.reasoning" }],
      ["submit_draft", draftFields([["redoOrdered", "yes"]]), { redoOrdered: "decision.errors.redoOnlyRevoke" }],
      ["submit_draft", draftFields([["decisionType", "vary"], ["respondentObligations", "退还罚款"], ["performanceDays", "abc"]]), { performanceDays: "decision.errors.days" }],
      ["submit_draft", draftFields([["facts", "甲".repeat(20_001)]]), { facts: "decision.errors.tooLong" }],
    ];
    for (const [intent, fields, errors] of cases400) {
      const r = await post(staff, caseNumber, intent, fields);
      expect(r.status, JSON.stringify(errors)).toBe(400);
      expect(r.data?.errors).toMatchObject(errors);
    }
    // the machine's own guard (Art. 66/69: order performance only in a failure-to-act case) also answers 400
    const guard = await post(staff, caseNumber, "submit_draft", draftFields([["decisionType", "order_performance"], ["performanceDays", "30"]]));
    expect(guard.status).toBe(400);
    expect(String(guard.data?.message)).toContain("第六十六条");
    // an unknown intent, or no version
    expect((await post(staff, caseNumber, "delete_case")).status).toBe(400);
    expect((await outcome(() => route.action({ request: sessions.request(staff, caseUrl(caseNumber), [["intent", "start_drafting"]]), params: { caseNumber }, context } as never))).status).toBe(400);
    expect(await snapshot(caseNumber)).toEqual(before);

    // without the applicant's consent electronic service is refused (CPL Art. 90); by post it is fine
    expect((await post(staff, caseNumber, "submit_draft", draftFields())).status).toBe(303);
    expect((await post(head, caseNumber, "approve", [["approvedBy", "organ_head"]])).status).toBe(303);
    const issued = await snapshot(caseNumber);
    const today = todayInShanghai(new Date());
    const electronic = await post(staff, caseNumber, "serve", [["method", "electronic"], ["servedOn", today]]);
    expect(electronic.status).toBe(400);
    expect(String(electronic.data?.message)).toContain("第九十条");
    expect(await snapshot(caseNumber)).toEqual(issued);
    expect((await post(staff, caseNumber, "serve", [["method", "post"], ["servedOn", today]])).status).toBe(303);
    expect((await caseRow(caseNumber)).state).toBe("DECISION_EFFECTIVE");
  });

  it("a stale version is a conflict (409) and changes nothing", async () => {
    const caseNumber = await caseInReview();
    const seen = (await caseRow(caseNumber)).version;
    expect((await post(staff, caseNumber, "start_drafting", [], seen)).status).toBe(303);
    const before = await snapshot(caseNumber);
    // a second officer submits a draft on the version seen before drafting started
    const stale = await post(staff, caseNumber, "submit_draft", draftFields(), seen);
    expect(stale.status).toBe(409);
    expect(String(stale.data?.message)).toContain("刷新");
    expect(await snapshot(caseNumber)).toEqual(before);
    // and the office head approving on an old version
    expect((await post(staff, caseNumber, "submit_draft", draftFields())).status).toBe(303);
    const submitted = await snapshot(caseNumber);
    expect((await post(head, caseNumber, "approve", [["approvedBy", "organ_head"]], submitted.version - 1)).status).toBe(409);
    expect(await snapshot(caseNumber)).toEqual(submitted);
  });
});
