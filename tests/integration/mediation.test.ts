// Administrative mediation at the competent organ (issue 7 req. 1; DOMAIN.md §16 M4–M12, §12): every transition the
// /staff/mediation pages drive, on a real database — acceptance only with the other party's consent taken from its
// invitation, decline after a refusal, mediators free of conflict, sessions and minutes, extension, agreement with
// performance terms → 30-day judicial-confirmation period and its reminder → follow-up visits → PERFORMED / BREACHED →
// CLOSE, and failure with the termination notice stating the last day to apply for reconsideration (Art. 20). Bad input
// is a 4xx that writes nothing; staff of another organ get 404. The invitation rows are inserted directly here (its own
// pages are another module's).
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, setDatabase } from "../../db/client";
import {
  auditEvents,
  caseConflicts,
  caseDocuments,
  cases,
  deadlines,
  mediationAgreements,
  mediationFollowUps,
  mediationInvitations,
  mediationMediators,
  mediationSessions,
  outbox,
} from "../../db/schema/index";
import type { RenderedDocument } from "~/domain/documents";
import { readMediationForm, type MediationIntent } from "~/domain/mediation-handling";
import { zhCN } from "~/locales/all.server";
import * as caseRoute from "~/routes/staff.mediation.$caseNumber";
import * as documentRoute from "~/routes/staff.mediation.$caseNumber_.documents.$documentId";
import * as listRoute from "~/routes/staff.mediation._index";
import { routeItem } from "~/services/center.server";
import { submitMediation } from "~/services/filing.server";
import { getMediationPage, listMediationRequests, runMediationCommand } from "~/services/mediation.server";
import { queueDueSoonReminders } from "~/services/reminders.server";
import type { CurrentUser } from "~/services/session.server";
import { applyCommand } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";
import { submissionKey } from "../support/filing-fixture";
import { caseRow, demoUser, organByCode, outcome, routeContext, seedDemo, Sessions, userByEmail, userOfOrgan } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("mediation-test");
const sessions = new Sessions();

let citizen: CurrentUser;
let clerk: CurrentUser;
let mediator: CurrentUser;
let head: CurrentUser;
let outsider: CurrentUser;
let cityStaff: CurrentUser;
let marketId: string;

/** Tue 2026-12-01 10:00 in Shanghai, and later minutes of that day: the agreement flow's clock. */
const at = (minute: number, day = "2026-12-01") => new Date(`${day}T10:${String(minute).padStart(2, "0")}:00+08:00`);

beforeAll(async () => {
  await seedDemo(t);
  citizen = await demoUser("citizen1");
  clerk = await demoUser("clerk");
  mediator = await userByEmail("mediator@demo.nmg.example");
  head = await userByEmail("mhead@demo.nmg.example");
  cityStaff = await demoUser("staff1");
  outsider = await userOfOrgan({ email: "mediation-outsider@example.com", displayName: "外单位人员", role: "reconsideration_staff", organCode: "150102" });
  marketId = (await organByCode("150100-market")).id;
  await sessions.signIn(mediator, head, outsider, cityStaff);
});
afterAll(() => setDatabase(undefined));

/** A request filed online by citizen1 and routed by the center's clerk to administrative mediation at the market regulator. */
async function newRequest(opts: { disputeKind?: "civil_related_to_duties" | "administrative_act"; otherPartyName?: string } = {}): Promise<string> {
  const res = await submitMediation({
    user: citizen,
    input: {
      category: "consumer_rights",
      divisionCode: "150100",
      applicantName: "张海峰",
      applicantPhone: "13800138000",
      otherPartyKind: "organisation",
      otherPartyName: opts.otherPartyName ?? "呼和浩特某商贸有限公司",
      happened: "购买的冰箱有质量问题，商家拒绝退货。",
      wantedOutcome: "退货退款",
      consent: "yes",
      electronicServiceConsent: "yes",
      submissionKey: submissionKey(),
    },
  });
  if (!res.ok) throw new Error(`filing failed: ${res.formError}`);
  const kind = opts.disputeKind ?? "civil_related_to_duties";
  const routed = await routeItem({
    user: clerk,
    caseNumber: res.caseNumber,
    version: (await caseRow(res.caseNumber)).version,
    decision: "override",
    disputeKind: kind,
    channel: "administrative_mediation",
    organId: marketId,
    reason: "当事人希望先行调解",
  });
  if (!routed.ok) throw new Error(`routing failed: ${JSON.stringify(routed)}`);
  return res.caseNumber;
}

/** M4 through the machine, then the other party's answer as the invitation module records it. */
async function invite(caseNumber: string, answer: "accepted" | "declined" | null, now = at(0)) {
  const row = await caseRow(caseNumber);
  const r = await applyCommand({ caseId: row.id, expectedVersion: row.version, command: { type: "CONTACT_OTHER_PARTY" }, actor: { role: "reconsideration_staff", userId: mediator.id }, actorUserId: mediator.id, now });
  if (!r.ok) throw new Error(`contact failed: ${JSON.stringify(r)}`);
  await t.db.insert(mediationInvitations).values({
    caseId: row.id,
    tokenHash: randomBytes(32).toString("hex"),
    expiresAt: new Date(Date.now() + 7 * 86_400_000),
    invitedBy: mediator.id,
    answer,
    answeredAt: answer ? now : null,
    answeredVia: answer ? "online" : null,
  });
}

/** One form of the page, on the request's current version (or `version`). */
async function drive(user: CurrentUser, caseNumber: string, intent: MediationIntent, form: Record<string, unknown>, now: Date, version?: number) {
  return runMediationCommand({ user, caseNumber, version: version ?? (await caseRow(caseNumber)).version, intent, form, now, requestId: "mediation-test" });
}
async function ok(user: CurrentUser, caseNumber: string, intent: MediationIntent, form: Record<string, unknown>, now: Date) {
  const r = await drive(user, caseNumber, intent, form, now);
  if (!r.ok) throw new Error(`${intent} failed: ${JSON.stringify(r)}`);
  return r;
}

async function documentOf(caseId: string, kind: string): Promise<RenderedDocument> {
  const [doc] = await t.db.select({ content: caseDocuments.content }).from(caseDocuments).where(and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.kind, kind)));
  expect(doc, kind).toBeDefined();
  return (doc.content as { document: RenderedDocument }).document;
}
const textOf = (d: RenderedDocument) => [d.addressee, ...d.paragraphs, ...d.list, ...d.signatures].join("\n");

async function snapshot(caseId: string) {
  const db = getDb();
  return {
    version: (await caseRowById(caseId)).version,
    events: await db.$count(auditEvents, eq(auditEvents.subjectId, caseId)),
    mediators: await db.$count(mediationMediators, eq(mediationMediators.caseId, caseId)),
    sessions: await db.$count(mediationSessions, eq(mediationSessions.caseId, caseId)),
    agreements: await db.$count(mediationAgreements, eq(mediationAgreements.caseId, caseId)),
    followUps: await db.$count(mediationFollowUps, eq(mediationFollowUps.caseId, caseId)),
    documents: await db.$count(caseDocuments, eq(caseDocuments.caseId, caseId)),
  };
}
async function caseRowById(caseId: string) {
  const [row] = await getDb().select({ version: cases.version, state: cases.state }).from(cases).where(eq(cases.id, caseId));
  return row;
}

const pageUrl = (n: string) => `http://localhost/staff/mediation/${encodeURIComponent(n)}`;
const getPage = (user: CurrentUser, n: string) => outcome(async () => caseRoute.loader({ request: sessions.request(user, pageUrl(n)), params: { caseNumber: n }, context } as never));
const postPage = (user: CurrentUser, n: string, form: [string, string][]) =>
  outcome(async () => caseRoute.action({ request: sessions.request(user, pageUrl(n), form), params: { caseNumber: n }, context } as never));

describe(`administrative mediation at the competent organ (${engineName()})`, () => {
  it("人民调解法第十七条 (12.03, 12.22): acceptance needs the other party's own consent from its invitation — a form field cannot supply it", async () => {
    const n = await newRequest();
    const row = await caseRow(n);
    expect(row).toMatchObject({ state: "TRIAGED", organId: marketId });
    // TRIAGED: the page links to the invitation page and offers no acceptance
    let page = (await getMediationPage({ user: mediator, caseNumber: n, now: at(0) }))!;
    expect(page.invitationHref).toBe(`/staff/mediation/${encodeURIComponent(n)}/invitation`);
    expect(page.intents).not.toContain("accept");
    await invite(n, null);
    page = (await getMediationPage({ user: mediator, caseNumber: n, now: at(0) }))!;
    expect(page.state).toBe("CONSENT_PENDING");
    expect(page.intents).not.toContain("accept");
    // no answer yet: a posted "otherPartyConsented" is not read; the machine refuses on the voluntariness rule
    const before = await snapshot(row.id);
    const refused = await postPage(mediator, n, [["intent", "accept"], ["version", String((await caseRow(n)).version)], ["otherPartyConsented", "true"]]);
    expect(refused.status).toBe(400);
    expect(String(refused.data?.message)).toContain("自愿");
    expect(await snapshot(row.id)).toEqual(before);
    // the other party accepts (a newer invitation row; the older one is superseded)
    await t.db.update(mediationInvitations).set({ supersededAt: at(1) }).where(eq(mediationInvitations.caseId, row.id));
    await t.db.insert(mediationInvitations).values({ caseId: row.id, tokenHash: randomBytes(32).toString("hex"), expiresAt: new Date(Date.now() + 86_400_000), answer: "accepted", answeredAt: at(1), answeredVia: "online" });
    page = (await getMediationPage({ user: mediator, caseNumber: n, now: at(1) }))!;
    expect(page.intents).toEqual(expect.arrayContaining(["accept", "decline"]));
    const accepted = await postPage(mediator, n, [["intent", "accept"], ["version", String((await caseRow(n)).version)]]);
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe(`/staff/mediation/${encodeURIComponent(n)}?done=accept`);
    expect((await caseRow(n)).state).toBe("ACCEPTED");
    const period = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, row.id), eq(deadlines.kind, "mediation_period")));
    expect(period).toHaveLength(1);
    expect(period[0].status).toBe("running");
    const notice = await documentOf(row.id, "mediation_acceptance_notice");
    expect(textOf(notice)).toContain("双方当事人均同意调解");
    expect(textOf(notice)).toContain("呼和浩特某商贸有限公司");
    // the action is audited in the same transaction as the transition
    const events = await t.db.select({ action: auditEvents.action, actorId: auditEvents.actorId }).from(auditEvents).where(eq(auditEvents.subjectId, row.id));
    expect(events.some((e) => e.action === "mediation.M5" && e.actorId === mediator.id)).toBe(true);
  });

  it("人民调解法第十七条 / 12.11: after the other party declined only a written decline on that ground is possible; 不予受理告知书 names the other channels; CLOSE", async () => {
    const n = await newRequest();
    const row = await caseRow(n);
    await invite(n, "declined");
    const page = (await getMediationPage({ user: head, caseNumber: n, now: at(2) }))!;
    expect(page.intents).toEqual(["decline"]);
    expect(page.declineGrounds).toEqual(["other_party_refused"]);
    // acceptance is refused by the machine (consent derived: declined), another ground by the service; nothing written
    const before = await snapshot(row.id);
    const accept = await drive(head, n, "accept", {}, at(2));
    expect(accept).toMatchObject({ ok: false, status: 400 });
    const wrongGround = await drive(head, n, "decline", { ground: "ineligible", reasons: "不属于受理范围" }, at(2));
    expect(wrongGround).toMatchObject({ ok: false, status: 400, errors: { ground: "mh.errors.groundNotOffered" } });
    const noReasons = await drive(head, n, "decline", { ground: "other_party_refused", reasons: "  " }, at(2));
    expect(noReasons).toMatchObject({ ok: false, status: 400, errors: { reasons: "mh.errors.required" } });
    expect(await snapshot(row.id)).toEqual(before);
    await ok(head, n, "decline", { ground: "other_party_refused", reasons: "对方当事人在线答复不同意调解。" }, at(3));
    expect((await caseRow(n)).state).toBe("DECLINED");
    const notice = textOf(await documentOf(row.id, "mediation_refusal_notice"));
    expect(notice).toContain("对方当事人明确表示不同意调解");
    expect(notice).toContain("对方当事人在线答复不同意调解。");
    expect(notice).toMatch(/仲裁/);
    expect(notice).toMatch(/行政复议/);
    expect(notice).toMatch(/诉讼/);
    await ok(head, n, "close", { confirm: "yes" }, at(4));
    expect((await caseRow(n)).state).toBe("CLOSED");
  });

  it("人民调解法第二十三条 (12.24): mediators are the organ's staff free of conflict — recorded conflicts, parties and their namesakes are excluded; a mediator declares before the first session; a party's objection removes one", async () => {
    const n = await newRequest({ otherPartyName: "李秋实" });
    const row = await caseRow(n);
    await invite(n, "accepted");
    await ok(head, n, "accept", {}, at(5));
    // a staff member of the market regulator who bears the other party's name, and one with a recorded conflict
    const namesake = await userOfOrgan({ email: "namesake@example.com", displayName: "李秋实", role: "reconsideration_staff", organCode: "150100-market" });
    const second = await userOfOrgan({ email: "second-mediator@example.com", displayName: "赵可欣", role: "reconsideration_staff", organCode: "150100-market" });
    await t.db.insert(caseConflicts).values({ caseId: row.id, userId: head.id, reason: "与对方当事人系亲属", recordedBy: head.id });
    const page = (await getMediationPage({ user: head, caseNumber: n, now: at(5) }))!;
    const byName = Object.fromEntries(page.candidates.map((c) => [c.name, c.exclusions.map((e) => e.code)]));
    expect(byName["韩志刚"]).toEqual(["recorded_conflict"]);
    expect(byName["李秋实"]).toEqual(["same_name_as_party"]);
    expect(byName["高雅琴"]).toEqual([]);
    expect(page.candidates.map((c) => c.name)).not.toContain("李明轩"); // staff of another organ are not candidates
    const before = await snapshot(row.id);
    expect(await drive(head, n, "assign_mediator", { userId: head.id }, at(6))).toMatchObject({ ok: false, status: 400, errors: { userId: "mh.errors.excluded" } });
    expect(await drive(head, n, "assign_mediator", { userId: namesake.id }, at(6))).toMatchObject({ ok: false, status: 400 });
    expect(await drive(head, n, "assign_mediator", { userId: cityStaff.id }, at(6))).toMatchObject({ ok: false, status: 400, errors: { userId: "mh.errors.notStaff" } });
    expect(await drive(head, n, "start", {}, at(6))).toMatchObject({ ok: false, status: 400, formError: "mh.errors.noMediator" });
    expect(await snapshot(row.id)).toEqual(before);

    await ok(head, n, "assign_mediator", { userId: mediator.id }, at(7));
    await ok(head, n, "assign_mediator", { userId: second.id }, at(7));
    // assigned once: not again
    expect(await drive(head, n, "assign_mediator", { userId: mediator.id }, at(7))).toMatchObject({ ok: false, status: 400 });
    await ok(head, n, "start", {}, at(8));
    expect((await caseRow(n)).state).toBe("IN_MEDIATION");
    await ok(head, n, "schedule_session", { scheduledAt: "2026-12-02T09:30", mode: "in_person", place: "市场监管局三楼调解室", participants: "张海峰、李秋实、高雅琴" }, at(9));
    const [session] = await t.db.select().from(mediationSessions).where(eq(mediationSessions.caseId, row.id));
    expect(session.scheduledAt.toISOString()).toBe("2026-12-02T01:30:00.000Z");
    expect(session.participants).toEqual([{ name: "张海峰" }, { name: "李秋实" }, { name: "高雅琴" }]);
    // minutes need every active mediator's declaration; only the mediator themself declares
    expect(await drive(head, n, "record_session", { sessionId: session.id, minutes: "双方陈述意见。" }, at(10))).toMatchObject({ ok: false, formError: "mh.errors.undeclared" });
    expect(await drive(head, n, "declare_no_conflict", { confirm: "yes" }, at(10))).toMatchObject({ ok: false, status: 400, errors: { confirm: "mh.errors.notMediator" } });
    await ok(mediator, n, "declare_no_conflict", { confirm: "yes" }, at(11));
    const [declared] = await t.db.select().from(mediationMediators).where(and(eq(mediationMediators.caseId, row.id), eq(mediationMediators.userId, mediator.id)));
    expect(declared.declaredNoConflictAt?.toISOString()).toBe(at(11).toISOString());
    // the other party objects to the second mediator: removed with the reason, the session may then be recorded
    const [other] = await t.db.select().from(mediationMediators).where(and(eq(mediationMediators.caseId, row.id), eq(mediationMediators.userId, second.id)));
    await ok(head, n, "remove_mediator", { mediatorId: other.id, reason: "对方当事人申请回避：曾处理过其投诉" }, at(12));
    await ok(mediator, n, "record_session", { sessionId: session.id, minutes: "双方陈述意见，争议焦点为退货条件。" }, at(13));
    const [held] = await t.db.select().from(mediationSessions).where(eq(mediationSessions.id, session.id));
    expect(held).toMatchObject({ minutes: "双方陈述意见，争议焦点为退货条件。" });
    expect(held.heldAt).not.toBeNull();
    // a second session is cancelled
    await ok(mediator, n, "schedule_session", { scheduledAt: "2026-12-05T14:00", mode: "online", place: "https://meeting.example/room/42", participants: "张海峰、李秋实" }, at(14));
    const open = (await t.db.select().from(mediationSessions).where(eq(mediationSessions.caseId, row.id))).find((s) => !s.heldAt)!;
    await ok(mediator, n, "cancel_session", { sessionId: open.id }, at(15));
    expect(await drive(mediator, n, "record_session", { sessionId: open.id, minutes: "x" }, at(16))).toMatchObject({ ok: false, errors: { sessionId: "mh.errors.sessionClosed" } });
    const actions = (await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, row.id))).map((e) => e.action);
    for (const a of ["mediation.mediator_assigned", "mediation.no_conflict_declared", "mediation.mediator_removed", "mediation.session_scheduled", "mediation.session_held", "mediation.session_cancelled"]) {
      expect(actions, a).toContain(a);
    }
  });

  it("12.10, 12.26–12.27: extension with all parties' consent; agreement with performance terms → 调解协议书, 30-day judicial-confirmation period and its 3-working-day reminder; follow-up visits → PERFORMED → CLOSE", async () => {
    const n = await newRequest();
    const row = await caseRow(n);
    await invite(n, "accepted");
    await ok(head, n, "accept", {}, at(20));
    await ok(head, n, "assign_mediator", { userId: mediator.id }, at(21));
    await ok(mediator, n, "declare_no_conflict", { confirm: "yes" }, at(22));
    await ok(mediator, n, "start", {}, at(23));
    const [periodBefore] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, row.id), eq(deadlines.kind, "mediation_period")));
    // 12.10: 30 days from acceptance on Tue 2026-12-01 → Thu 2026-12-31
    expect(periodBefore.dueDate).toBe("2026-12-31");
    const before = await snapshot(row.id);
    expect(await drive(mediator, n, "extend", { days: "10" }, at(24))).toMatchObject({ ok: false, status: 400, errors: { allPartiesConsent: "mh.errors.allConsent" } });
    expect(await drive(mediator, n, "extend", { days: "0", allPartiesConsent: "yes" }, at(24))).toMatchObject({ ok: false, status: 400 });
    expect(await snapshot(row.id)).toEqual(before);
    await ok(mediator, n, "extend", { days: "10", allPartiesConsent: "yes" }, at(24));
    expect((await caseRow(n)).state).toBe("EXTENDED");
    const [periodAfter] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, row.id), eq(deadlines.kind, "mediation_period")));
    expect(periodAfter.extendedDays).toBe(10);

    // bad agreements: no performance term, a party not confirmed → 400, nothing written
    const beforeAgreement = await snapshot(row.id);
    const base = { terms: "商家为申请人退货，并退还货款 3200 元。", judicialConfirmationEligible: "yes" };
    const noTerms = await drive(mediator, n, "agreement", { ...base, performance: [], confirmations: { "applicant.0": "signature", "other_party.0": "online" } }, at(25));
    expect(noTerms).toMatchObject({ ok: false, status: 400, errors: { "performance.0.obligation": "mh.errors.performanceRequired" } });
    const badDate = await drive(mediator, n, "agreement", { ...base, performance: [{ obligor: "呼和浩特某商贸有限公司", obligation: "退还货款", dueDate: "12/15" }], confirmations: { "applicant.0": "signature", "other_party.0": "online" } }, at(25));
    expect(badDate).toMatchObject({ ok: false, status: 400, errors: { "performance.0.dueDate": "mh.errors.date" } });
    const unconfirmed = await drive(mediator, n, "agreement", { ...base, performance: [{ obligor: "呼和浩特某商贸有限公司", obligation: "退还货款 3200 元", dueDate: "2026-12-15" }], confirmations: { "applicant.0": "signature" } }, at(25));
    expect(unconfirmed).toMatchObject({ ok: false, status: 400, errors: { "confirmations.other_party.0": "mh.errors.confirmationMissing" } });
    expect(await snapshot(row.id)).toEqual(beforeAgreement);

    // the fields as the browser posts them (flat names), read as the route reads them, on the flow's clock
    const posted = await drive(mediator, n, "agreement", readMediationForm([
      ["terms", base.terms],
      ["performance.0.obligor", "呼和浩特某商贸有限公司"],
      ["performance.0.obligation", "退还货款 3200 元"],
      ["performance.0.dueDate", "2026-12-15"],
      ["performance.1.obligor", "张海峰"],
      ["performance.1.obligation", "将冰箱交还商家"],
      ["performance.1.dueDate", "2026-12-10"],
      ["confirm.applicant.0", "signature"],
      ["confirm.other_party.0", "online"],
      ["judicialConfirmationEligible", "yes"],
    ]), at(26));
    expect(posted).toMatchObject({ ok: true, state: "AGREEMENT_SIGNED" });
    expect((await caseRow(n)).state).toBe("AGREEMENT_SIGNED");
    const [agreement] = await t.db.select().from(mediationAgreements).where(eq(mediationAgreements.caseId, row.id));
    expect(agreement.performanceTerms).toEqual([
      { obligor: "呼和浩特某商贸有限公司", obligation: "退还货款 3200 元", dueDate: "2026-12-15" },
      { obligor: "张海峰", obligation: "将冰箱交还商家", dueDate: "2026-12-10" },
    ]);
    expect((agreement.confirmations as { via: string }[]).map((c) => c.via)).toEqual(["signature", "online"]);
    expect(agreement.documentId).not.toBeNull();
    // 人民调解法 第三十三条: 30 days from Tue 2026-12-01 is Thu 2026-12-31, a working day
    const [confirmation] = await t.db.select().from(deadlines).where(eq(deadlines.id, agreement.confirmationDeadlineId!));
    expect(confirmation).toMatchObject({ kind: "judicial_confirmation", startDate: "2026-12-01", dueDate: "2026-12-31", status: "running" });
    const doc = await documentOf(row.id, "mediation_agreement");
    expect(doc.title).toBe("调解协议书");
    // DOMAIN.md §19: the 文号 of the mediating organ's own series (呼和浩特市市场监督管理局 → 呼市场调协)
    const [numbered] = await t.db.select({ number: caseDocuments.number }).from(caseDocuments).where(eq(caseDocuments.id, agreement.documentId!));
    expect(numbered.number).toMatch(/^呼市场调协〔\d{4}〕1号$/);
    const text = textOf(doc);
    for (const part of ["张海峰", "呼和浩特某商贸有限公司", "购买的冰箱有质量问题", "高雅琴", "退还货款 3200 元", "2026年12月15日", "三十日内共同向人民法院申请司法确认", "在线确认"]) {
      expect(text, part).toContain(part);
    }
    // the printable page
    const docPage = await outcome(async () =>
      documentRoute.loader({ request: sessions.request(mediator, `${pageUrl(n)}/documents/${agreement.documentId}`), params: { caseNumber: n, documentId: agreement.documentId }, context } as never),
    );
    expect(docPage.status).toBe(200);
    expect((docPage.data as { doc: { document: RenderedDocument } }).doc.document.title).toBe("调解协议书");
    expect((await outcome(async () => documentRoute.loader({ request: sessions.request(outsider, `${pageUrl(n)}/documents/${agreement.documentId}`), params: { caseNumber: n, documentId: agreement.documentId }, context } as never))).status).toBe(404);

    // the 3-working-day reminder to the applicant before the 30 days run out (Mon 28, Tue 29, Wed 30, Thu 31 Dec)
    const reminderOf = async () =>
      (await t.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.caseId, row.id))).filter(
        (o) => (o.payload as { template?: string; data?: { period?: string } }).template === "deadline_due_soon" && (o.payload as { data: { period: string } }).data.period === "judicial_confirmation",
      );
    await queueDueSoonReminders(new Date("2026-12-24T02:00:00Z"));
    expect(await reminderOf()).toHaveLength(0);
    await queueDueSoonReminders(new Date("2026-12-28T02:00:00Z"));
    const reminders = await reminderOf();
    expect(reminders).toHaveLength(1);
    expect(reminders[0].payload).toMatchObject({ to: "applicant", data: { dueDate: "2026-12-31", workingDaysLeft: 3 } });

    // 回访: not yet performed keeps the state; performed moves it; then CLOSE
    const v = (await caseRow(n)).version;
    await ok(mediator, n, "follow_up", { visitedOn: "2026-12-01", method: "phone", performanceStatus: "pending", notes: "商家表示将按期退款。" }, at(30));
    expect(await caseRow(n)).toMatchObject({ state: "AGREEMENT_SIGNED", version: v + 1 });
    expect(await drive(mediator, n, "follow_up", { visitedOn: "2026-12-09", method: "phone", performanceStatus: "performed", notes: "x" }, at(31))).toMatchObject({ ok: false, status: 400, errors: { visitedOn: "mh.errors.dateFuture" } });
    await ok(mediator, n, "follow_up", { visitedOn: "2026-12-01", method: "visit", performanceStatus: "performed", notes: "货款已退还，冰箱已交还。" }, at(32));
    expect((await caseRow(n)).state).toBe("PERFORMED");
    const page = (await getMediationPage({ user: mediator, caseNumber: n, now: at(33) }))!;
    expect(page.performanceStatus).toBe("performed");
    expect(page.followUps.map((f) => f.performanceStatus)).toEqual(["pending", "performed"]);
    expect(page.intents).toEqual(["close"]);
    await ok(head, n, "close", { confirm: "yes" }, at(34));
    expect((await caseRow(n)).state).toBe("CLOSED");
  });

  it("人民调解法第三十一条 (12.14): a follow-up visit finding the agreement breached → BREACHED, then CLOSE", async () => {
    const n = await newRequest();
    await invite(n, "accepted");
    await ok(head, n, "accept", {}, at(40));
    await ok(head, n, "assign_mediator", { userId: mediator.id }, at(41));
    await ok(mediator, n, "start", {}, at(42));
    await ok(mediator, n, "agreement", {
      terms: "商家赔偿 500 元。",
      performance: [{ obligor: "呼和浩特某商贸有限公司", obligation: "赔偿 500 元", dueDate: "2026-12-05" }],
      confirmations: { "applicant.0": "signature", "other_party.0": "signature" },
    }, at(43));
    const row = await caseRow(n);
    const [agreement] = await t.db.select().from(mediationAgreements).where(eq(mediationAgreements.caseId, row.id));
    expect(agreement).toMatchObject({ judicialConfirmationEligible: false, confirmationDeadlineId: null });
    expect(await t.db.$count(deadlines, and(eq(deadlines.caseId, row.id), eq(deadlines.kind, "judicial_confirmation")))).toBe(0);
    expect(textOf(await documentOf(row.id, "mediation_agreement"))).not.toContain("司法确认");
    await ok(mediator, n, "follow_up", { visitedOn: "2026-12-01", method: "online", performanceStatus: "breached", notes: "商家拒绝赔偿。" }, at(44));
    expect((await caseRow(n)).state).toBe("BREACHED");
    await ok(mediator, n, "close", { confirm: "yes" }, at(45));
    expect((await caseRow(n)).state).toBe("CLOSED");
  });

  it("12.25 with 行政复议法第二十条: failure → 终止调解告知书 naming arbitration, reconsideration and suit, and the last day to apply computed by the law engine (learned Tue 2026-09-01 → day 60 Sat 2026-10-31 → Mon 2026-11-02)", async () => {
    const now = new Date("2026-09-10T10:00:00+08:00");
    const n = await newRequest({ disputeKind: "administrative_act" });
    const row = await caseRow(n);
    await invite(n, "accepted", now);
    await ok(head, n, "accept", {}, now);
    const page = (await getMediationPage({ user: head, caseNumber: n, now }))!;
    expect(page.needsLearnedOn).toBe(true);
    expect(page.intents).toContain("fail");
    const before = await snapshot(row.id);
    const missing = await drive(head, n, "fail", { reason: "no_agreement" }, now);
    expect(missing).toMatchObject({ ok: false, status: 400, errors: { learnedOn: "errors.learnedOnRequired" } });
    const future = await drive(head, n, "fail", { reason: "no_agreement", learnedOn: "2026-09-11", informed: "yes" }, now);
    expect(future).toMatchObject({ ok: false, status: 400, errors: { learnedOn: "errors.dateFuture" } });
    expect(await drive(head, n, "fail", { reason: "gave_up", learnedOn: "2026-09-01", informed: "yes" }, now)).toMatchObject({ ok: false, status: 400, errors: { reason: "mh.errors.choose" } });
    expect(await snapshot(row.id)).toEqual(before);
    await ok(head, n, "fail", { reason: "no_agreement", note: "双方对赔偿数额分歧较大。", learnedOn: "2026-09-01", informed: "yes" }, now);
    expect((await caseRow(n)).state).toBe("FAILED");
    const notice = await documentOf(row.id, "mediation_termination_notice");
    const text = textOf(notice);
    expect(text).toContain("未能达成调解协议");
    expect(text).toContain("双方对赔偿数额分歧较大。");
    expect(text).toMatch(/仲裁/);
    expect(text).toMatch(/诉讼/);
    expect(text).toContain("申请行政复议的最后一日为2026年11月2日");
    expect(text).toContain("2026年9月1日");
    // how it was computed: the steps of the law engine, ending on the rolled date
    expect(notice.list.some((l) => l.includes("2026年10月31日") || l.includes("10月31日"))).toBe(true);
    expect(notice.list.some((l) => l.includes("11月2日"))).toBe(true);
    const [running] = await t.db.select().from(deadlines).where(and(eq(deadlines.caseId, row.id), eq(deadlines.kind, "mediation_period")));
    expect(running.status).not.toBe("running");
    await ok(head, n, "close", { confirm: "yes" }, now);
    expect((await caseRow(n)).state).toBe("CLOSED");
  });

  it("12.25: a civil dispute's termination notice names the other channels without a reconsideration date; the form does not ask for one", async () => {
    const n = await newRequest();
    await invite(n, "accepted");
    await ok(head, n, "accept", {}, at(50));
    expect((await getMediationPage({ user: head, caseNumber: n, now: at(50) }))!.needsLearnedOn).toBe(false);
    await ok(head, n, "fail", { reason: "party_requested_stop" }, at(51));
    const text = textOf(await documentOf((await caseRow(n)).id, "mediation_termination_notice"));
    expect(text).toContain("一方当事人要求终止调解");
    expect(text).not.toContain("最后一日");
  });

  it("a stale form is refused with 409 (已被他人更新) and changes nothing", async () => {
    const n = await newRequest();
    await invite(n, "accepted");
    const row = await caseRow(n);
    const stale = row.version;
    await ok(head, n, "accept", {}, at(55));
    const before = await snapshot(row.id);
    const r = await drive(mediator, n, "assign_mediator", { userId: mediator.id }, at(56), stale);
    expect(r).toMatchObject({ ok: false, status: 409, formError: "mh.errors.conflict" });
    expect(zhCN["mh.errors.conflict"]).toContain("已被他人更新");
    const viaRoute = await postPage(mediator, n, [["intent", "start"], ["version", String(stale)]]);
    expect(viaRoute.status).toBe(409);
    expect(await snapshot(row.id)).toEqual(before);
  });

  it("bad input through the route → 400 with field errors, nothing written", async () => {
    const n = await newRequest();
    await invite(n, "accepted");
    await ok(head, n, "accept", {}, at(57));
    const row = await caseRow(n);
    const before = await snapshot(row.id);
    const v = String(row.version);
    for (const form of [
      [["intent", "schedule_session"], ["version", v], ["scheduledAt", "明天上午"], ["mode", "in_person"], ["place", "调解室"], ["participants", "张海峰"]],
      [["intent", "schedule_session"], ["version", v], ["scheduledAt", "2026-12-02T09:00"], ["mode", "carrier_pigeon"], ["place", "调解室"], ["participants", "张海峰"]],
      [["intent", "accept"], ["version", v], ["agreedDays", "-3"]],
      [["intent", "no_such_intent"], ["version", v]],
      [["intent", "accept"], ["version", "abc"]],
    ] as [string, string][][]) {
      const r = await postPage(head, n, form);
      expect(r.status, JSON.stringify(form)).toBe(400);
    }
    expect(await snapshot(row.id)).toEqual(before);
  });

  it("scope: staff of another organ (and the city government's own staff) get 404 on the page, the action and the documents; the list shows only the organ's requests; citizens get 403", async () => {
    const n = await newRequest();
    for (const user of [outsider, cityStaff]) {
      expect((await getPage(user, n)).status).toBe(404);
      expect((await postPage(user, n, [["intent", "decline"], ["version", "1"], ["ground", "other"], ["reasons", "x"]])).status).toBe(404);
      expect(await listMediationRequests({ user })).toEqual([]);
    }
    expect((await getPage(mediator, n)).status).toBe(200);
    const list = await outcome(async () => listRoute.loader({ request: sessions.request(head, "http://localhost/staff/mediation"), params: {}, context } as never));
    expect(list.status).toBe(200);
    const rows = (list.data as { rows: { caseNumber: string; applicant: string | null; otherParty: string | null; nearestDue: { kind: string } | null }[] }).rows;
    const mine = rows.find((r) => r.caseNumber === n)!;
    expect(mine).toMatchObject({ applicant: "张海峰", otherParty: "呼和浩特某商贸有限公司" });
    expect(mine.nearestDue?.kind).toMatch(/^mediation_/);
    await sessions.signIn(citizen);
    expect((await outcome(async () => listRoute.loader({ request: sessions.request(citizen, "http://localhost/staff/mediation"), params: {}, context } as never))).status).toBe(403);
  });
});
