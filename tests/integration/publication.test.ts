// Public disclosure of decisions (《行政复议法》第七十九条第一款; 《政府信息公开条例》第十五条) through the routes' loaders and
// actions: staff propose an effective decision and the anonymised copy is generated with no party's name or number;
// nothing is public before an office head approves; the proposer cannot approve (four eyes); approved copies are listed
// and searched (a party's real name finds nothing); a withdrawn copy is gone; other organs' staff see nothing (404);
// bad input and stale reviews write nothing.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import {
  auditEvents,
  caseParties,
  decisionPublications,
} from "../../db/schema/index";
import { findLeaks } from "~/domain/anonymise";
import { todayInShanghai } from "~/domain/calendar";
import * as decisionRoute from "~/routes/staff.cases.$caseNumber_.decision";
import * as myCaseRoute from "~/routes/my.cases.$caseNumber";
import * as publicationRoute from "~/routes/staff.cases.$caseNumber_.publication";
import * as detailRoute from "~/routes/public.decisions.$id";
import * as listRoute from "~/routes/public.decisions._index";
import * as reviewRoute from "~/routes/staff.publications";
import type { PublicList } from "~/services/publication.server";
import type { CurrentUser } from "~/services/session.server";
import { applyCommand } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";
import {
  acceptOrdinary,
  caseRow,
  fileApplication,
  outcome,
  routeContext,
  seedDemo,
  Sessions,
  staffCasePage,
  staffCast,
  userOfOrgan,
  type StaffCast,
} from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("publication-test");
const sessions = new Sessions();
let { citizen, staff, head, outsider, respondentId, organId } = {} as StaffCast;
/** A second office head of 呼和浩特市人民政府: the four eyes. */
let head2: CurrentUser;
/** Staff of 新城区人民政府 (another organ). */
let otherStaff: CurrentUser;

const decisionPage = staffCasePage(
  decisionRoute as never,
  sessions,
  context,
  "/decision"
);
const publicationPage = staffCasePage(
  publicationRoute as never,
  sessions,
  context,
  "/publication"
);
/** A phrase of the decision's reasoning that nothing else contains: the public search finds the copy by it. */
const PHRASE = "冷链仓储温控记录";

beforeAll(async () => {
  await seedDemo(t);
  ({ citizen, staff, head, outsider, respondentId, organId } = await staffCast(
    sessions,
    "office_head"
  ));
  head2 = await userOfOrgan({
    email: "head2-publication@example.com",
    displayName: "周文静",
    role: "office_head",
    organCode: "150100",
  });
  otherStaff = await userOfOrgan({
    email: "staff-xincheng-publication@example.com",
    role: "reconsideration_staff",
    organCode: "150102",
  });
  await sessions.signIn(head2, otherStaff);
});
afterAll(() => setDatabase(undefined));

async function postDecision(
  user: CurrentUser,
  caseNumber: string,
  intent: string,
  fields: [string, string][] = []
) {
  const v = (await caseRow(caseNumber)).version;
  const r = await decisionPage.post(user, caseNumber, [
    ["intent", intent],
    ["version", String(v)],
    ...fields,
  ]);
  if (r.status !== 303) throw new Error(`${intent}: ${JSON.stringify(r)}`);
}

/** The applicant's party row: name, ID number, phone, address as filed. */
async function applicantOf(caseNumber: string) {
  const [p] = await t.db
    .select()
    .from(caseParties)
    .where(
      and(
        eq(caseParties.caseId, (await caseRow(caseNumber)).id),
        eq(caseParties.role, "applicant")
      )
    );
  const d = p.details as { idNumber: string; phone: string; address: string };
  return {
    name: p.name,
    idNumber: d.idNumber,
    phone: d.phone,
    address: d.address,
  };
}

/** A case of citizen1 decided (upheld) and, unless `serve` is false, served: DECISION_EFFECTIVE (Art. 75(2)). */
async function decidedCase(serve = true): Promise<string> {
  const caseNumber = await fileApplication(citizen, respondentId, "yes");
  await acceptOrdinary(staff, caseNumber);
  const actor = { role: "reconsideration_staff" as const, userId: staff.id };
  for (const command of [
    { type: "SERVE_COPY_ON_RESPONDENT" },
    { type: "FILE_REPLY", evidenceAndBasisSubmitted: true },
    {
      type: "RECORD_VIEWS_HEARD",
      mode: "phone",
      applicantWillingToMediate: false,
    },
  ]) {
    const row = await caseRow(caseNumber);
    const r = await applyCommand({
      caseId: row.id,
      expectedVersion: row.version,
      command,
      actor,
      actorUserId: staff.id,
      now: new Date(),
    });
    if (!r.ok)
      throw new Error(`${command.type} failed: ${JSON.stringify(r.reason)}`);
  }
  const a = await applicantOf(caseNumber);
  await postDecision(staff, caseNumber, "start_drafting");
  await postDecision(staff, caseNumber, "submit_draft", [
    ["decisionType", "uphold"],
    // the facts name the applicant with the ID number and phone of the record: the copy must lose all three
    [
      "facts",
      `申请人${a.name}（公民身份号码${a.idNumber}，联系电话${a.phone}）经营的商店未按规定保存${PHRASE}，被申请人于2026年11月对其作出罚款决定。`,
    ],
    [
      "reasoning",
      "被申请人认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。",
    ],
    ["result", "维持被申请人作出的行政处罚决定。"],
  ]);
  await postDecision(head, caseNumber, "approve", [
    ["approvedBy", "organ_head"],
  ]);
  if (serve)
    await postDecision(staff, caseNumber, "serve", [
      ["method", "electronic"],
      ["servedOn", todayInShanghai(new Date())],
    ]);
  return caseNumber;
}

const propose = (
  user: CurrentUser,
  caseNumber: string,
  fields: [string, string][] = [
    ["actDisclosure", "public"],
    ["noSecrets", "yes"],
  ]
) => publicationPage.post(user, caseNumber, fields);
const reviewUrl = "http://localhost/staff/publications";
const reviewGet = (user: CurrentUser | null) =>
  outcome(() =>
    reviewRoute.loader({
      request: sessions.request(user, reviewUrl),
      params: {},
      context,
    } as never)
  );
const reviewPost = (user: CurrentUser, form: [string, string][]) =>
  outcome(() =>
    reviewRoute.action({
      request: sessions.request(user, reviewUrl, form),
      params: {},
      context,
    } as never)
  );
const publicList = async (query: string) =>
  outcome(() =>
    listRoute.loader({
      request: new Request(`http://localhost/public/decisions${query}`),
      params: {},
      context,
    } as never)
  );
const listOf = async (query: string) =>
  ((await publicList(query)).data as { list: PublicList }).list;
const detail = (id: string, user: CurrentUser | null = null) =>
  outcome(() =>
    detailRoute.loader({
      request: sessions.request(
        user,
        `http://localhost/public/decisions/${id}`
      ),
      params: { id },
      context,
    } as never)
  );

async function publicationOf(caseNumber: string) {
  const rows = await t.db
    .select()
    .from(decisionPublications)
    .where(eq(decisionPublications.caseId, (await caseRow(caseNumber)).id));
  return rows
    .sort((a, b) => a.proposedAt.getTime() - b.proposedAt.getTime())
    .at(-1)!;
}

/** Everything publishing could write. */
async function snapshot() {
  return {
    rows: JSON.stringify(
      await t.db
        .select()
        .from(decisionPublications)
        .orderBy(decisionPublications.id)
    ),
    events: await t.db.$count(auditEvents),
  };
}

const reviewForm = (
  pub: { id: string; title: string; anonymisedText: string },
  decision: string,
  extra: [string, string][] = []
): [string, string][] => [
  ["intent", "review"],
  ["publicationId", pub.id],
  ["decision", decision],
  ["title", pub.title],
  ["text", pub.anonymisedText],
  ...extra,
];

describe(`propose → anonymised copy → review (four eyes) → public → search → withdraw (${engineName()})`, () => {
  it("the whole path, as staff, two office heads, the public and the applicant see it", async () => {
    const caseNumber = await decidedCase();
    const applicant = await applicantOf(caseNumber);
    expect(applicant.idNumber).toMatch(/^\d{17}[\dX]$/);

    // staff of the deciding organ propose from the case's publication page
    const page = await publicationPage.get(staff, caseNumber);
    expect(page.status).toBe(200);
    expect(
      (page.data as { page: { refusal: unknown; live: unknown } }).page
    ).toMatchObject({ refusal: null, live: null });
    expect(await propose(staff, caseNumber)).toMatchObject({
      status: 303,
      location: `/staff/cases/${encodeURIComponent(
        caseNumber
      )}/publication?done=proposed`,
    });
    const pub = await publicationOf(caseNumber);
    expect(pub).toMatchObject({
      status: "proposed",
      proposedBy: staff.id,
      organId,
      decisionKind: "uphold",
      publishedAt: null,
    });
    // the copy keeps the reasoning and loses the applicant's name, ID number and phone
    expect(pub.anonymisedText).toContain(PHRASE);
    expect(pub.anonymisedText).toContain(`申请人${applicant.name[0]}某`);
    expect(
      findLeaks(`${pub.title}\n${pub.anonymisedText}`, [
        applicant.name,
        applicant.idNumber,
        applicant.phone,
        applicant.address,
      ])
    ).toEqual([]);
    expect(pub.redactions).toMatchObject({ idNumber: 1, phone: 1 });
    const [proposed] = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.subjectId, pub.id),
          eq(auditEvents.action, "publication.proposed")
        )
      );
    expect(proposed.actorId).toBe(staff.id);
    expect(JSON.stringify(proposed.payload)).not.toContain(applicant.idNumber);

    // not public before approval: the detail answers 404, the list does not have it
    expect((await detail(pub.id)).status).toBe(404);
    expect((await listOf(`?q=${encodeURIComponent(PHRASE)}`)).total).toBe(0);

    // a second proposal of the same decision is a conflict
    const before = await snapshot();
    expect((await propose(staff, caseNumber)).status).toBe(409);
    expect(await snapshot()).toEqual(before);

    // the reviewer sees the original and the copy side by side; staff are not reviewers (403)
    expect((await reviewGet(staff)).status).toBe(403);
    const review = (await reviewGet(head)).data as {
      page: {
        proposed: {
          id: string;
          original: string;
          text: string;
          check: { leaks: string[] };
        }[];
      };
    };
    const item = review.page.proposed.find((p) => p.id === pub.id)!;
    expect(item.original).toContain(applicant.name);
    expect(item.text).not.toContain(applicant.name);
    expect(item.check.leaks).toEqual([]);

    // a correction that puts the name back is refused, nothing written
    const leaky = await reviewPost(
      head,
      reviewForm(
        {
          ...pub,
          anonymisedText: `${pub.anonymisedText}\n申请人${applicant.name}对此无异议。`,
        },
        "approve"
      )
    );
    expect(leaky.status).toBe(400);
    expect(leaky.data).toMatchObject({
      formError: "publication.errors.leaks",
      check: { leaks: [applicant.name] },
    });
    // a correction adding something the anonymiser would remove needs the reviewer's confirmation
    const phoneAdded = {
      ...pub,
      anonymisedText: `${pub.anonymisedText}\n咨询电话0471-6668888。`,
    };
    const warned = await reviewPost(head, reviewForm(phoneAdded, "approve"));
    expect(warned).toMatchObject({
      status: 400,
      data: {
        formError: "publication.errors.warnings",
        check: { warnings: [{ kind: "phone", text: "0471-6668888" }] },
      },
    });
    expect(await snapshot()).toEqual(before);

    // the office head (not the proposer) approves, correcting the title
    const title = `${pub.title}（已审核）`;
    const approved = await reviewPost(
      head,
      reviewForm({ ...pub, title }, "approve", [["reason", "已核对"]])
    );
    expect(approved).toMatchObject({
      status: 303,
      location: "/staff/publications?done=approve",
    });
    const published = await publicationOf(caseNumber);
    expect(published).toMatchObject({
      status: "approved",
      reviewedBy: head.id,
      title,
      reviewNote: "已核对",
    });
    expect(published.publishedAt).not.toBeNull();
    expect(
      await t.db.$count(
        auditEvents,
        and(
          eq(auditEvents.subjectId, pub.id),
          eq(auditEvents.action, "publication.approved")
        )
      )
    ).toBe(1);

    // a second review of the same proposal (another head, on the page seen before) is a conflict
    const approvedState = await snapshot();
    expect(
      (await reviewPost(head2, reviewForm(pub, "reject", [["reason", "重复"]])))
        .status
    ).toBe(409);
    expect(await snapshot()).toEqual(approvedState);

    // public: the list finds it by a word of its text, newest first; the applicant's real name finds nothing
    const found = await listOf(`?q=${encodeURIComponent(PHRASE)}`);
    expect(found.rows.map((r) => r.id)).toEqual([pub.id]);
    expect(found.rows[0].snippet).toContain(PHRASE);
    expect(found.rows[0].snippet).not.toContain(applicant.name);
    expect(
      (await listOf(`?q=${encodeURIComponent(applicant.name)}`)).total
    ).toBe(0);
    expect((await listOf(`?q=${applicant.idNumber}`)).total).toBe(0);
    // LIKE's own characters are searched as themselves
    expect((await listOf(`?q=${encodeURIComponent("%")}`)).total).toBe(0);
    expect((await listOf(`?q=${encodeURIComponent("_")}`)).total).toBe(0);
    // filters: its organ and year find it, another organ or year does not
    const year = Number(published.decidedOn!.slice(0, 4));
    expect(
      (await listOf(`?organ=${organId}&year=${year}`)).rows.map((r) => r.id)
    ).toContain(pub.id);
    expect((await listOf(`?organ=${respondentId}`)).total).toBe(0);
    expect((await listOf(`?year=${year - 1}`)).total).toBe(0);
    const all = await listOf("");
    expect(all.organs.map((o) => o.id)).toEqual([organId]);
    expect(all.years).toEqual([year]);

    // the detail: the anonymised copy for everyone; the link to the original for staff of the deciding organ only
    const anonymous = await detail(pub.id);
    expect(anonymous.status).toBe(200);
    const shown = (
      anonymous.data as {
        decision: { text: string; originalHref: string | null };
      }
    ).decision;
    expect(shown.text).toBe(published.anonymisedText);
    expect(shown.originalHref).toBeNull();
    const asStaff = (
      (await detail(pub.id, staff)).data as {
        decision: { text: string; originalHref: string | null };
      }
    ).decision;
    expect(asStaff.text).toBe(published.anonymisedText);
    expect(asStaff.originalHref).toBe(
      `/staff/cases/${encodeURIComponent(caseNumber)}/documents/${
        pub.documentId
      }`
    );
    expect(
      (
        (await detail(pub.id, otherStaff)).data as {
          decision: { originalHref: string | null };
        }
      ).decision.originalHref
    ).toBeNull();
    expect(
      (
        (await detail(pub.id, citizen)).data as {
          decision: { originalHref: string | null };
        }
      ).decision.originalHref
    ).toBeNull();
    expect(JSON.stringify((await detail(pub.id, citizen)).data)).not.toContain(
      caseNumber
    );

    // the applicant is told on their case page; the staff decision page shows the status and the public link
    const mine = await outcome(() =>
      myCaseRoute.loader({
        request: sessions.request(
          citizen,
          `http://localhost/my/cases/${caseNumber}`
        ),
        params: { caseNumber },
        context,
      } as never)
    );
    expect(
      (mine.data as { published: { id: string } | null }).published
    ).toMatchObject({ id: pub.id });
    const decisionView = await decisionPage.get(staff, caseNumber);
    expect(
      (
        decisionView.data as {
          publication: { live: { id: string; status: string } };
        }
      ).publication.live
    ).toMatchObject({ id: pub.id, status: "approved" });

    // withdraw: a reason is required; then it is gone from the public pages
    const withdrawBefore = await snapshot();
    expect(
      await reviewPost(head2, [
        ["intent", "withdraw"],
        ["publicationId", pub.id],
        ["reason", " "],
      ])
    ).toMatchObject({
      status: 400,
      data: { errors: { reason: "publication.errors.withdrawReason" } },
    });
    expect(await snapshot()).toEqual(withdrawBefore);
    expect(
      await reviewPost(head2, [
        ["intent", "withdraw"],
        ["publicationId", pub.id],
        ["reason", "当事人提出异议，复核去标识化处理"],
      ])
    ).toMatchObject({ status: 303 });
    // the reviewer's note stays as written; the withdrawal has its own when, who and why
    const withdrawn = await publicationOf(caseNumber);
    expect(withdrawn).toMatchObject({
      status: "withdrawn",
      withdrawnBy: head2.id,
      withdrawReason: "当事人提出异议，复核去标识化处理",
    });
    expect(withdrawn.reviewNote).not.toBe("当事人提出异议，复核去标识化处理");
    expect(withdrawn.withdrawnAt).toBeInstanceOf(Date);
    expect(withdrawn.basis).toMatchObject({ noSecrets: true });
    expect((await detail(pub.id)).status).toBe(404);
    expect((await listOf(`?q=${encodeURIComponent(PHRASE)}`)).total).toBe(0);
    const mineAfter = await outcome(() =>
      myCaseRoute.loader({
        request: sessions.request(
          citizen,
          `http://localhost/my/cases/${caseNumber}`
        ),
        params: { caseNumber },
        context,
      } as never)
    );
    expect(mineAfter.data).toMatchObject({ published: null });
    expect(
      (
        await reviewPost(head2, [
          ["intent", "withdraw"],
          ["publicationId", pub.id],
          ["reason", "再次"],
        ])
      ).status
    ).toBe(409);
    expect(
      await t.db.$count(
        auditEvents,
        and(
          eq(auditEvents.subjectId, pub.id),
          eq(auditEvents.action, "publication.withdrawn")
        )
      )
    ).toBe(1);
  });

  it("four eyes: the office head who proposed cannot approve (403, nothing written); another head can; a refusal allows a new proposal", async () => {
    const caseNumber = await decidedCase();
    expect((await propose(head, caseNumber)).status).toBe(303);
    const pub = await publicationOf(caseNumber);
    expect(pub.proposedBy).toBe(head.id);
    const before = await snapshot();
    const own = await reviewPost(head, reviewForm(pub, "approve"));
    expect(own.status).toBe(403);
    expect(String(own.data?.message)).toContain("双人复核");
    expect(await snapshot()).toEqual(before);

    // a refusal needs its reason; with it the proposal is closed and can be proposed again
    expect(await reviewPost(head2, reviewForm(pub, "reject"))).toMatchObject({
      status: 400,
      data: { errors: { reason: "publication.errors.rejectReason" } },
    });
    expect(await snapshot()).toEqual(before);
    expect(
      (
        await reviewPost(
          head2,
          reviewForm(pub, "reject", [["reason", "事实部分仍可识别当事人"]])
        )
      ).status
    ).toBe(303);
    expect(await publicationOf(caseNumber)).toMatchObject({
      status: "rejected",
      reviewedBy: head2.id,
      publishedAt: null,
    });
    expect((await detail(pub.id)).status).toBe(404);
    expect((await propose(head, caseNumber)).status).toBe(303);
    const again = await publicationOf(caseNumber);
    expect(again.id).not.toBe(pub.id);
    expect((await reviewPost(head2, reviewForm(again, "approve"))).status).toBe(
      303
    );
    expect((await detail(again.id)).status).toBe(200);
  });
});

describe(`who sees what, and bad input (${engineName()})`, () => {
  it("staff and heads of another organ: the case page, the proposal, the review and the withdrawal answer 404", async () => {
    const caseNumber = await decidedCase();
    const before = await snapshot();
    expect((await publicationPage.get(otherStaff, caseNumber)).status).toBe(
      404
    );
    expect((await propose(otherStaff, caseNumber)).status).toBe(404);
    expect((await propose(outsider, caseNumber)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect((await propose(staff, caseNumber)).status).toBe(303);
    const pub = await publicationOf(caseNumber);
    const afterProposal = await snapshot();
    // the head of 新城区 neither sees the proposal nor can review it
    const theirs = (await reviewGet(outsider)).data as {
      page: { proposed: { id: string }[] };
    };
    expect(theirs.page.proposed.map((p) => p.id)).not.toContain(pub.id);
    expect(
      (await reviewPost(outsider, reviewForm(pub, "approve"))).status
    ).toBe(404);
    expect(
      (await reviewPost(outsider, reviewForm(pub, "reject", [["reason", "x"]])))
        .status
    ).toBe(404);
    expect(await snapshot()).toEqual(afterProposal);
    // a citizen or a clerk: not a reviewer at all
    expect((await reviewGet(citizen)).status).toBe(403);
    expect((await publicationPage.get(citizen, caseNumber)).status).toBe(403);
    // approve, then the outsider cannot withdraw
    expect((await reviewPost(head, reviewForm(pub, "approve"))).status).toBe(
      303
    );
    const approved = await snapshot();
    expect(
      (
        await reviewPost(outsider, [
          ["intent", "withdraw"],
          ["publicationId", pub.id],
          ["reason", "x"],
        ])
      ).status
    ).toBe(404);
    expect(await snapshot()).toEqual(approved);
  });

  it("bad input answers 400 and writes nothing; a decision not yet served cannot be proposed", async () => {
    const issued = await decidedCase(false);
    expect((await caseRow(issued)).state).toBe("DECISION_ISSUED");
    const before = await snapshot();
    const notServed = await propose(staff, issued);
    expect(notServed.status).toBe(400);
    expect(String(notServed.data?.message)).toContain("第七十五条第二款");
    const pageData = (await publicationPage.get(staff, issued)).data as {
      page: { refusal: { code: string } };
    };
    expect(pageData.page.refusal.code).toBe("not_effective");

    const caseNumber = await decidedCase();
    const ready = await snapshot();
    expect(
      await propose(staff, caseNumber, [
        ["actDisclosure", "not_public"],
        ["noSecrets", "yes"],
      ])
    ).toMatchObject({
      status: 400,
      data: { errors: { actDisclosure: "publication.errors.actNotPublic" } },
    });
    expect(
      await propose(staff, caseNumber, [["actDisclosure", "public"]])
    ).toMatchObject({
      status: 400,
      data: { errors: { noSecrets: "publication.errors.noSecrets" } },
    });
    expect(
      (
        await propose(staff, caseNumber, [
          ["actDisclosure", "<script>"],
          ["noSecrets", "yes"],
        ])
      ).status
    ).toBe(400);
    expect(await snapshot()).toEqual(ready);
    expect(before.rows).toBe(ready.rows);

    expect((await propose(staff, caseNumber)).status).toBe(303);
    const pub = await publicationOf(caseNumber);
    const proposed = await snapshot();
    for (const form of [
      [
        ["intent", "delete"],
        ["publicationId", pub.id],
      ],
      reviewForm(pub, "publish"),
      reviewForm({ ...pub, id: "not-a-uuid" }, "approve"),
      reviewForm({ ...pub, anonymisedText: "   " }, "approve"),
      reviewForm({ ...pub, title: "甲".repeat(201) }, "approve"),
    ] as [string, string][][]) {
      expect(
        (await reviewPost(head, form)).status,
        JSON.stringify(form[0])
      ).toBe(400);
    }
    // an unknown (well-formed) id is not found
    expect(
      (
        await reviewPost(
          head,
          reviewForm(
            { ...pub, id: "00000000-0000-4000-8000-000000000000" },
            "approve"
          )
        )
      ).status
    ).toBe(404);
    expect(await snapshot()).toEqual(proposed);

    // the public pages: a bad query is 400 (never a 500), unknown ids 404
    for (const q of [
      "?organ=x",
      "?year=abc",
      "?page=0",
      `?q=${"字".repeat(51)}`,
    ])
      expect((await publicList(q)).status, q).toBe(400);
    for (const id of ["x", "00000000-0000-4000-8000-000000000000", pub.id])
      expect((await detail(id)).status).toBe(404);
    expect(await snapshot()).toEqual(proposed);
  });
});
