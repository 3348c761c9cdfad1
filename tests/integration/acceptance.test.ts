// The acceptance review on the staff case page (issue 5, req. 3): acceptance under the ordinary or the simplified
// procedure (《行政复议法》第三十条第一款、第五十三条), refusal naming the competent organ (第三十条第二款), dismissal after
// acceptance (第三十三条), and deemed acceptance (第三十条第三款) and abandonment (第三十一条第二款) as the staff and the
// citizen see them — through the route's loader and action as the organ's staff use them.
import { and, eq } from "drizzle-orm";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, caseDocuments, deadlines } from "../../db/schema/index";
import { addCalendarDays } from "~/domain/calendar";
import * as route from "~/routes/staff.cases.$caseNumber";
import { getMyCase } from "~/services/my-cases.server";
import type { CurrentUser } from "~/services/session.server";
import { acceptApplication, getStaffCase, issueSupplementNotice, refuseApplication } from "~/services/staff-cases.server";
import { runDueTransitions } from "~/services/transitions.server";
import { useTestDatabase } from "../support/db";
import { caseRow, fileApplication, routeContext, seedDemo, Sessions, staffCast, staffCasePage, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("acceptance-test");
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

type PageCase = NonNullable<Awaited<ReturnType<typeof getStaffCase>>>;
const pageCase = async (user: CurrentUser, caseNumber: string) => ((await get(user, caseNumber)).data as { case: PageCase }).case;

/** Everything a refused command must leave as it was: state, version, documents, events, running periods. */
async function snapshot(caseNumber: string) {
  const row = await caseRow(caseNumber);
  return {
    state: row.state,
    version: row.version,
    documents: (await documentsOf(row.id)).length,
    events: await t.db.$count(auditEvents),
    deadlines: (await openDeadlines(row.id)).map((d) => `${d.kind}:${d.dueDate}`).sort(),
  };
}

const simplifiedArt53: [string, string][] = [
  ["intent", "accept"],
  ["procedure", "simplified"],
  ["basis", "art53_1"],
  ["factsClear", "yes"],
  ["rightsClear", "yes"],
  ["disputeMinor", "yes"],
  ["ground", "on_the_spot"],
];

describe("acceptance: ordinary or simplified procedure (Art. 30(1), 53)", () => {
  it("the review page offers supplement, acceptance and refusal — not dismissal — as the machine's table says", async () => {
    const caseNumber = await fileCase();
    const c = await pageCase(staff, caseNumber);
    expect(c.commands).toEqual(expect.arrayContaining(["ISSUE_SUPPLEMENT_NOTICE", "ACCEPT", "REFUSE"]));
    expect(c.commands).not.toContain("DISMISS_APPLICATION");
    expect(c.procedure).toBeNull();
    expect(c.deemed).toBeNull();
    // the competent organs a refusal may name: governments and vertical departments, never this organ
    expect(c.competentOrganChoices.length).toBeGreaterThan(50);
    expect(c.competentOrganChoices.map((o) => o.value)).not.toContain(organId);
    expect(c.competentOrganChoices.some((o) => o.name.includes("新城区人民政府"))).toBe(true);
  });

  it("Art. 53(1): facts clear, rights clear, dispute minor and an on-the-spot act → accepted as simplified, with the shorter periods", async () => {
    const caseNumber = await fileCase();
    const row = await caseRow(caseNumber);
    const r = await post(staff, caseNumber, [...simplifiedArt53, ["version", String(row.version)]]);
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/cases/${encodeURIComponent(caseNumber)}?done=accept`);
    const after = await caseRow(caseNumber);
    expect(after.state).toBe("ACCEPTED");
    expect(after.version).toBeGreaterThan(row.version);
    expect((after.data as { procedure: string }).procedure).toBe("simplified");
    const [notice] = (await documentsOf(row.id)).filter((d) => d.kind === "acceptance_notice");
    expect(notice.content).toMatchObject({ procedure: "simplified", deemed: false });
    // Art. 54(1): copy within 3 WD; Art. 62(2): decision within 30 days
    expect((await openDeadlines(row.id)).map((d) => d.kind).sort()).toEqual(["copy_to_respondent_simplified", "decision_simplified"]);
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, row.id), eq(auditEvents.action, "reconsideration.T8")));
    expect(event.actorId).toBe(staff.id);
    const c = await pageCase(staff, caseNumber);
    expect(c.procedure).toBe("simplified");
    expect(c.commands).toContain("DISMISS_APPLICATION");
    expect(c.commands).not.toContain("ACCEPT");
  });

  it("Art. 53(2): all parties' consent; without the respondent's the machine refuses (400), citing Art. 53, and nothing is written", async () => {
    const caseNumber = await fileCase();
    const before = await snapshot(caseNumber);
    const consent: [string, string][] = [["intent", "accept"], ["procedure", "simplified"], ["basis", "all_parties_consent"], ["applicantConsent", "yes"]];
    const refused = await post(staff, caseNumber, [...consent, ["version", String(before.version)]]);
    expect(refused.status).toBe(400);
    expect(String(refused.data?.message)).toContain("第五十三条");
    expect(await snapshot(caseNumber)).toEqual(before);
    const ok = await post(staff, caseNumber, [...consent, ["respondentConsent", "yes"], ["version", String(before.version)]]);
    expect(ok.status).toBe(303);
    expect((await caseRow(caseNumber)).data).toMatchObject({ procedure: "simplified", state: "ACCEPTED" });
  });

  it("simplified without any Art. 53 ground is refused in plain Chinese (400) and nothing is written", async () => {
    const caseNumber = await fileCase();
    const before = await snapshot(caseNumber);
    const r = await post(staff, caseNumber, [["intent", "accept"], ["procedure", "simplified"], ["version", String(before.version)]]);
    expect(r.status).toBe(400);
    expect(String(r.data?.message)).toMatch(/简易程序.*第五十三条/);
    expect((r.data?.fields as Record<string, string>).procedure).toBe("simplified"); // the form comes back as posted
    // facts not found clear: also refused
    const partial = await post(staff, caseNumber, [...simplifiedArt53.filter(([k]) => k !== "rightsClear"), ["version", String(before.version)]]);
    expect(partial.status).toBe(400);
    expect(await snapshot(caseNumber)).toEqual(before);
    expect(await acceptApplication({ user: staff, caseNumber, version: before.version, form: { procedure: "simplified" } as never })).toMatchObject({
      ok: false,
      status: 400,
      guard: "simplified_grounds",
    });
    expect(await snapshot(caseNumber)).toEqual(before);
  });

  it("bad input (no procedure, an unknown ground, an amount in words) → 400 with the field's message, nothing written", async () => {
    const caseNumber = await fileCase();
    const before = await snapshot(caseNumber);
    const none = await post(staff, caseNumber, [["intent", "accept"], ["version", String(before.version)]]);
    expect(none.status).toBe(400);
    expect(none.data?.errors).toEqual({ procedure: "errors.procedureRequired" });
    const ground = await post(staff, caseNumber, [...simplifiedArt53.filter(([k]) => k !== "ground"), ["ground", "big_fine"], ["version", String(before.version)]]);
    expect(ground.status).toBe(400);
    expect(ground.data?.errors).toMatchObject({ ground: "errors.badRequest" });
    const amount = await post(staff, caseNumber, [...simplifiedArt53, ["amountYuan", "三千元"], ["version", String(before.version)]]);
    expect(amount.status).toBe(400);
    expect(amount.data?.errors).toEqual({ amountYuan: "errors.amountYuanInvalid" });
    const version = await post(staff, caseNumber, [["intent", "accept"], ["procedure", "ordinary"], ["version", "abc"]]);
    expect(version.status).toBe(400);
    expect(await snapshot(caseNumber)).toEqual(before);
  });
});

describe("refusal (不予受理, Art. 30(2))", () => {
  it("ticked conditions and reasons → NOT_ACCEPTED, the refusal decision holds them, the event names the staff member", async () => {
    const caseNumber = await fileCase();
    const row = await caseRow(caseNumber);
    const r = await post(staff, caseNumber, [
      ["intent", "refuse"],
      ["version", String(row.version)],
      ["conditions", "within_scope"],
      ["conditions", "legal_interest"],
      ["reasons", "申请人与被申请的行为没有利害关系，且该事项不属于行政复议范围"],
      ["competentOrganId", ""],
    ]);
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/cases/${encodeURIComponent(caseNumber)}?done=refuse`);
    const after = await caseRow(caseNumber);
    expect(after.state).toBe("NOT_ACCEPTED");
    const docs = (await documentsOf(row.id)).filter((d) => d.kind === "refusal_decision");
    expect(docs).toHaveLength(1);
    expect(docs[0].basis).toBe("《行政复议法》第三十条第二款");
    expect(docs[0].content).toMatchObject({
      failedConditions: ["legal_interest", "within_scope"],
      reasons: "申请人与被申请的行为没有利害关系，且该事项不属于行政复议范围",
      competentOrgan: null,
    });
    expect(await openDeadlines(row.id)).toHaveLength(0); // the review period stopped
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, row.id), eq(auditEvents.action, "reconsideration.T7")));
    expect(event.actorId).toBe(staff.id);
    // no review form any more
    const c = await pageCase(staff, caseNumber);
    expect(c.commands.filter((x) => ["ISSUE_SUPPLEMENT_NOTICE", "ACCEPT", "REFUSE", "DISMISS_APPLICATION"].includes(x))).toEqual([]);
    expect(c.competentOrganChoices).toEqual([]);
  });

  it("lack of jurisdiction without the competent organ → 400 with the field's message, nothing written; with one from the list → the decision names it", async () => {
    const caseNumber = await fileCase();
    const before = await snapshot(caseNumber);
    const form = (extra: [string, string][]): [string, string][] => [
      ["intent", "refuse"],
      ["version", String(before.version)],
      ["conditions", "jurisdiction"],
      ["reasons", "被申请人不属于本机关管辖"],
      ...extra,
    ];
    const missing = await post(staff, caseNumber, form([["competentOrganId", ""]]));
    expect(missing.status).toBe(400);
    expect(missing.data?.errors).toEqual({ competentOrganId: "errors.competentOrganRequired" });
    expect(String(missing.data?.message)).toContain("第三十条第二款");
    const unknown = await post(staff, caseNumber, form([["competentOrganId", "00000000-0000-0000-0000-000000000000"]]));
    expect(unknown.status).toBe(400);
    expect(unknown.data?.errors).toEqual({ competentOrganId: "errors.competentOrganUnknown" });
    expect(await snapshot(caseNumber)).toEqual(before);

    const choices = (await pageCase(staff, caseNumber)).competentOrganChoices;
    const xincheng = choices.find((o) => o.name.includes("新城区人民政府"))!;
    const r = await post(staff, caseNumber, form([["competentOrganId", xincheng.value]]));
    expect(r.status).toBe(303);
    const [doc] = (await documentsOf((await caseRow(caseNumber)).id)).filter((d) => d.kind === "refusal_decision");
    expect(doc.content).toMatchObject({ failedConditions: ["jurisdiction"], competentOrgan: xincheng.name });
  });

  it("no condition ticked, no reasons → 400 with both field messages, nothing written; a stale version → 409", async () => {
    const caseNumber = await fileCase();
    const before = await snapshot(caseNumber);
    const r = await post(staff, caseNumber, [["intent", "refuse"], ["version", String(before.version)], ["reasons", "  "]]);
    expect(r.status).toBe(400);
    expect(r.data?.errors).toEqual({ conditions: "errors.acceptanceConditionsRequired", reasons: "errors.reasonsRequired" });
    const unknown = await post(staff, caseNumber, [["intent", "refuse"], ["version", String(before.version)], ["conditions", "bribery"], ["reasons", "x"]]);
    expect(unknown.status).toBe(400);
    expect(await snapshot(caseNumber)).toEqual(before);

    // someone else issues a supplement notice first; the refusal made on the old version is a conflict
    expect((await issueSupplementNotice({ user: head, caseNumber, version: before.version, items: ["请提交身份证复印件"] })).ok).toBe(true);
    const moved = await snapshot(caseNumber);
    const stale = await post(staff, caseNumber, [["intent", "refuse"], ["version", String(before.version)], ["conditions", "within_period"], ["reasons", "逾期"]]);
    expect(stale.status).toBe(409);
    expect(String(stale.data?.message)).toContain("刷新");
    expect(await snapshot(caseNumber)).toEqual(moved);
  });

  it("staff of another organ get 404 for a refusal, and nothing is written", async () => {
    const caseNumber = await fileCase();
    const before = await snapshot(caseNumber);
    const r = await post(outsider, caseNumber, [["intent", "refuse"], ["version", String(before.version)], ["conditions", "jurisdiction"], ["reasons", "x"]]);
    expect(r.status).toBe(404);
    expect(
      await refuseApplication({ user: outsider, caseNumber, version: before.version, form: { conditions: ["within_period"], reasons: "x", competentOrganId: undefined } }),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await snapshot(caseNumber)).toEqual(before);
  });
});

describe("dismissal after acceptance (驳回申请, Art. 33)", () => {
  it("from ACCEPTED: conditions and reasons → APPLICATION_DISMISSED with the dismissal decision; all periods stop", async () => {
    const caseNumber = await fileCase();
    const row = await caseRow(caseNumber);
    // not during the review: the dismissal form is not there and the machine refuses the command
    const early = await post(staff, caseNumber, [["intent", "dismiss"], ["version", String(row.version)], ["conditions", "within_period"], ["reasons", "逾期"]]);
    expect(early.status).toBe(400);
    expect((await caseRow(caseNumber)).version).toBe(row.version);
    expect((await acceptApplication({ user: staff, caseNumber, version: row.version })).ok).toBe(true);
    const accepted = await caseRow(caseNumber);
    expect((await pageCase(staff, caseNumber)).commands).toContain("DISMISS_APPLICATION");

    const bad = await post(staff, caseNumber, [["intent", "dismiss"], ["version", String(accepted.version)], ["conditions", "within_period"]]);
    expect(bad.status).toBe(400);
    expect(bad.data?.errors).toEqual({ reasons: "errors.reasonsRequired" });
    expect((await caseRow(caseNumber)).version).toBe(accepted.version);

    const r = await post(head, caseNumber, [
      ["intent", "dismiss"],
      ["version", String(accepted.version)],
      ["conditions", "no_prior_proceedings"],
      ["reasons", "申请人已就同一行政行为向人民法院提起行政诉讼并已被受理"],
    ]);
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/staff/cases/${encodeURIComponent(caseNumber)}?done=dismiss`);
    const after = await caseRow(caseNumber);
    expect(after.state).toBe("APPLICATION_DISMISSED");
    const [doc] = (await documentsOf(row.id)).filter((d) => d.kind === "dismissal_decision");
    expect(doc.basis).toBe("《行政复议法》第三十三条");
    expect(doc.content).toMatchObject({ failedConditions: ["no_prior_proceedings"] });
    expect(await openDeadlines(row.id)).toHaveLength(0);
    const stale = await post(staff, caseNumber, [["intent", "dismiss"], ["version", String(accepted.version)], ["conditions", "within_period"], ["reasons", "x"]]);
    expect(stale.status).toBe(409);
  });
});

// These run the scheduler with a `now` in the future: every earlier case's expired periods run out too, so they come last.
describe("deemed acceptance (Art. 30(3)) and deemed abandonment (Art. 31(2)) are visible as such", () => {
  /** 10:00 Beijing time on `date`. */
  const at = (date: string) => new Date(`${date}T02:00:00Z`);

  it("the review period runs out: deemed accepted from its last day, on the staff page and the citizen's page", async () => {
    const caseNumber = await fileCase();
    const row = await caseRow(caseNumber);
    const [review] = await openDeadlines(row.id);
    expect(review.kind).toBe("acceptance_review");
    // on its last day nothing happens yet
    await runDueTransitions(at(review.dueDate));
    expect((await caseRow(caseNumber)).state).toBe("INTAKE_REVIEW");
    const dayAfter = addCalendarDays(review.dueDate, 1);
    await runDueTransitions(at(dayAfter));
    const after = await caseRow(caseNumber);
    expect(after.state).toBe("ACCEPTED");
    expect(after.data).toMatchObject({ deemedAccepted: true, acceptedAt: review.dueDate, procedure: "ordinary" });

    const c = await pageCase(staff, caseNumber);
    expect(c.deemed).toEqual({ kind: "accepted", periodEndedOn: review.dueDate, recordedOn: dayAfter, basis: "《行政复议法》第三十条第三款" });
    expect(c.procedure).toBe("ordinary");
    const [notice] = (await documentsOf(row.id)).filter((d) => d.kind === "acceptance_notice");
    expect(notice.content).toMatchObject({ deemed: true, acceptedAt: review.dueDate });

    const mine = await getMyCase(citizen.id, caseNumber);
    expect(mine?.deemed).toEqual(c.deemed);
  });

  it("the supplement period runs out: deemed abandoned, with the period's last day and the article, for staff and citizen", async () => {
    const caseNumber = await fileCase("yes");
    const row = await caseRow(caseNumber);
    expect((await issueSupplementNotice({ user: staff, caseNumber, version: row.version, items: ["请提交身份证复印件"] })).ok).toBe(true);
    const [supplement] = await openDeadlines(row.id);
    expect(supplement.kind).toBe("supplement");
    const dayAfter = addCalendarDays(supplement.dueDate, 1);
    await runDueTransitions(at(dayAfter));
    expect((await caseRow(caseNumber)).state).toBe("ABANDONED");

    const c = await pageCase(staff, caseNumber);
    expect(c.deemed).toEqual({ kind: "abandoned", periodEndedOn: supplement.dueDate, recordedOn: dayAfter, basis: "《行政复议法》第三十一条第二款" });
    expect(c.commands).toEqual([]);
    const mine = await getMyCase(citizen.id, caseNumber);
    expect(mine?.deemed).toEqual(c.deemed);
    expect(mine?.status.key).toBe("cases.status.abandoned");
  });

  it("an explicit acceptance is not shown as deemed", async () => {
    const caseNumber = await fileCase();
    const row = await caseRow(caseNumber);
    expect((await acceptApplication({ user: staff, caseNumber, version: row.version })).ok).toBe(true);
    expect((await pageCase(staff, caseNumber)).deemed).toBeNull();
    expect((await getMyCase(citizen.id, caseNumber))?.deemed).toBeNull();
  });
});
