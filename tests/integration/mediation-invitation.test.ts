// The other party's invitation to an administrative mediation (DOMAIN.md §16 CONSENT_PENDING; 12.03, 12.22, 12.24),
// through the route modules with real sessions and CSRF tokens: staff of the request's organ send the link (M4 and the
// invitation row in one transaction), the dispatcher delivers it by SMS / e-mail and then forgets the token, the link
// opens without login and takes one answer, resends supersede, staff record answers given by phone; the applicant and
// the other party read the progress on /my/cases. Staff of another organ and foreign citizens get 404.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, setDatabase } from "../../db/client";
import {
  auditEvents,
  caseParties,
  cases,
  mediationFollowUps,
  mediationInvitations,
  mediationSessions,
  notificationDeliveries,
  notifications,
  organs,
  outbox,
} from "../../db/schema/index";
import * as invitationPage from "~/routes/staff.mediation.$caseNumber_.invitation";
import * as inviteLink from "~/routes/mediation.invite.$token";
import * as myCasePage from "~/routes/my.cases.$caseNumber";
import { routeItem } from "~/services/center.server";
import { submitMediation } from "~/services/filing.server";
import type { Mailer, OutgoingMail } from "~/services/mail.server";
import { getMyCase } from "~/services/my-cases.server";
import { dispatchOutbox } from "~/services/notify.server";
import { logSmsProvider, type OutgoingSms } from "~/services/sms.server";
import { applyCommand } from "~/services/transitions.server";
import type { CurrentUser } from "~/services/session.server";
import { engineName, useTestDatabase } from "../support/db";
import { demoUser, organByCode, outcome, routeContext, seedDemo, Sessions, userByEmail } from "../support/staff-fixture";
import { registerCitizen } from "~/services/auth.server";

const t = useTestDatabase();
const sessions = new Sessions();
const context = routeContext("mediation-invitation-test");

let applicant: CurrentUser; // citizen1 张海峰
let invitee: CurrentUser; // citizen2 其其格, phone 13800000002
let stranger: CurrentUser; // a citizen with no part in any request
let mediator: CurrentUser; // reconsideration_staff of 呼和浩特市市场监督管理局
let head: CurrentUser; // office_head there
let outsider: CurrentUser; // staff1, 呼和浩特市人民政府: another organ
let clerk: CurrentUser;
let marketId: string;
let seq = 0;

beforeAll(async () => {
  await seedDemo(t);
  applicant = await demoUser("citizen1");
  invitee = await demoUser("citizen2");
  mediator = await demoUser("mediator");
  head = await demoUser("mhead");
  outsider = await demoUser("staff1");
  clerk = await demoUser("clerk");
  const r = await registerCitizen(
    { displayName: "王外人", identifier: "stranger-mi@example.com", password: "Stranger-Pass-77", confirmPassword: "Stranger-Pass-77" },
    { now: new Date() },
  );
  if (!r.ok) throw new Error("register failed");
  stranger = await userByEmail("stranger-mi@example.com");
  marketId = (await organByCode("150100-market")).id;
  await sessions.signIn(applicant, invitee, stranger, mediator, head, outsider);
});
afterAll(() => setDatabase(undefined));

/** A request by citizen1 routed by the 呼和浩特 center to the market regulator for administrative mediation (TRIAGED). */
async function triagedRequest(otherPartyContact = "电话 138-0000-0002，住址新城区某路1号"): Promise<string> {
  const filed = await submitMediation({
    user: applicant,
    input: {
      category: "consumer_rights",
      divisionCode: "150100",
      applicantName: "张海峰",
      applicantPhone: "13800000001",
      otherPartyKind: "person",
      otherPartyName: "其其格",
      otherPartyContact,
      happened: "在其店内购买的电暖器使用三天即损坏，住址新城区某路1号。",
      wantedOutcome: "退货退款",
      consent: "yes",
      electronicServiceConsent: "yes",
      submissionKey: `mi-test-${Date.now().toString(36)}-${String(seq++).padStart(6, "0")}`,
    },
  });
  if (!filed.ok) throw new Error(`filing failed: ${JSON.stringify(filed)}`);
  const [row] = await getDb().select({ version: cases.version }).from(cases).where(eq(cases.id, filed.caseId));
  const routed = await routeItem({
    user: clerk,
    caseNumber: filed.caseNumber,
    version: row.version,
    decision: "override",
    disputeKind: "civil_related_to_duties",
    channel: "administrative_mediation",
    organId: marketId,
    reason: "消费纠纷，由市场监督管理部门调解",
  });
  if (!("ok" in routed) || !routed.ok) throw new Error(`routing failed: ${JSON.stringify(routed)}`);
  return filed.caseNumber;
}

async function caseOf(caseNumber: string) {
  const [row] = await getDb().select().from(cases).where(eq(cases.caseNumber, caseNumber));
  return row;
}

const staffPage = {
  get: (user: CurrentUser, caseNumber: string) =>
    outcome(() => invitationPage.loader({ request: sessions.request(user, `http://localhost/staff/mediation/${caseNumber}/invitation`), params: { caseNumber }, context } as never)),
  post: (user: CurrentUser, caseNumber: string, form: [string, string][]) =>
    outcome(() =>
      invitationPage.action({ request: sessions.request(user, `http://localhost/staff/mediation/${caseNumber}/invitation`, form), params: { caseNumber }, context } as never),
    ),
};

const link = {
  get: (token: string) => outcome(() => inviteLink.loader({ request: new Request(`http://localhost/mediation/invite/${token}`), params: { token }, context } as never)),
  post: (token: string, fields: Record<string, string>, user: CurrentUser | null = null) => {
    const url = `http://localhost/mediation/invite/${token}`;
    const request = user
      ? sessions.request(user, url, Object.entries(fields))
      : new Request(url, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: "" },
          body: new URLSearchParams({ csrf: context.anonymousCsrf, ...fields }),
        });
    return outcome(() => inviteLink.action({ request, params: { token }, context } as never));
  },
};

async function send(user: CurrentUser, caseNumber: string, contact: { phone?: string; email?: string }) {
  const c = await caseOf(caseNumber);
  return staffPage.post(user, caseNumber, [
    ["intent", "send"],
    ["version", String(c.version)],
    ["phone", contact.phone ?? ""],
    ["email", contact.email ?? ""],
  ]);
}

/** The token of the invitation, from its outbox row (the only place it exists until the dispatcher delivered it). */
async function tokenOf(invitationId: string): Promise<string> {
  const rows = await getDb().select({ payload: outbox.payload }).from(outbox);
  const row = rows.find((r) => (r.payload as { direct?: { ref?: string } }).direct?.ref === invitationId);
  const path = (row?.payload as { direct?: { link?: string } } | undefined)?.direct?.link;
  if (!path) throw new Error("no link in the outbox");
  return path.replace("/mediation/invite/", "");
}

async function liveInvitation(caseNumber: string) {
  const c = await caseOf(caseNumber);
  const rows = await getDb().select().from(mediationInvitations).where(eq(mediationInvitations.caseId, c.id));
  return { rows, live: rows.find((r) => !r.supersededAt)! };
}

async function writes() {
  const db = getDb();
  return {
    events: await db.$count(auditEvents),
    invitations: JSON.stringify(await db.select().from(mediationInvitations).orderBy(mediationInvitations.id)),
    outbox: await db.$count(outbox),
    cases: JSON.stringify(await db.select({ id: cases.id, v: cases.version, s: cases.state }).from(cases).orderBy(cases.id)),
  };
}

const tokens: string[] = [];
let acceptedCase = "";

describe(`the other party's invitation (${engineName()})`, () => {
  it("staff of the request's organ send the link: M4 → CONSENT_PENDING, one invitation row holding only the token's hash, the event names the invitation", async () => {
    const caseNumber = await triagedRequest();
    acceptedCase = caseNumber;
    const page = await staffPage.get(mediator, caseNumber);
    expect(page.status).toBe(200);
    const loaded = (page.data as { page: { prefill: { phone?: string }; sendKind: string; state: string } }).page;
    expect(loaded.state).toBe("TRIAGED");
    expect(loaded.sendKind).toBe("send");
    // prefilled from the applicant's "电话 138-0000-0002，住址…"
    expect(loaded.prefill).toEqual({ phone: "13800000002" });

    const sent = await send(mediator, caseNumber, { phone: "13800000002", email: "qiqige@example.com" });
    expect(sent.status).toBe(303);
    const c = await caseOf(caseNumber);
    expect(c.state).toBe("CONSENT_PENDING");
    const { rows, live } = await liveInvitation(caseNumber);
    expect(rows).toHaveLength(1);
    const token = await tokenOf(live.id);
    tokens.push(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(live.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(live.tokenHash).not.toContain(token);
    // the phone matches citizen2's account: the invitation is linked to it and put in their inbox
    expect(live.inviteeUserId).toBe(invitee.id);
    const inbox = await getDb().select().from(notifications).where(and(eq(notifications.userId, invitee.id), eq(notifications.kind, "mediation.invitation")));
    expect(inbox).toHaveLength(1);
    expect((inbox[0].data as { href: string }).href).toBe(`/mediation/invite/${token}`);
    expect(inbox[0].caseId).toBeNull();

    const events = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, c.id), eq(auditEvents.action, "mediation.invitation_sent")));
    expect(events).toHaveLength(1);
    expect((events[0].payload as { invitationId: string }).invitationId).toBe(live.id);
    expect(events[0].actorId).toBe(mediator.id);
    const transitions = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, c.id));
    expect(transitions.some((e) => JSON.stringify(e.payload).includes("CONTACT_OTHER_PARTY"))).toBe(true);
  });

  it("the dispatcher sends the link to the given phone and address only, logs no token, and removes it from the outbox afterwards", async () => {
    const token = tokens[0];
    const logs: string[] = [];
    const log = (msg: string, extra?: Record<string, unknown>) => logs.push(`${msg} ${JSON.stringify(extra ?? {})}`);
    const mails: OutgoingMail[] = [];
    const smsSent: OutgoingSms[] = [];
    const provider = logSmsProvider(log);
    const sms = { name: "capture", send: async (s: OutgoingSms) => (smsSent.push(s), provider.send(s)) };
    const mailer: Mailer = { kind: "file", target: "memory", send: async (m) => (mails.push(m), { messageId: `<${m.idempotencyKey}@test>` }), close: () => {} };
    await dispatchOutbox({ now: new Date(Date.now() + 1000), mailer, sms, log, publicUrl: "https://portal.example" });

    const toInvitee = smsSent.filter((s) => s.text.includes(token));
    expect(toInvitee.map((s) => s.to)).toEqual(["13800000002"]);
    expect(toInvitee[0].text).toContain(`https://portal.example/mediation/invite/${token}`);
    const mailToInvitee = mails.filter((m) => m.text.includes(token));
    expect(mailToInvitee.map((m) => m.to)).toEqual(["qiqige@example.com"]);
    expect(mailToInvitee[0].text).toContain("自愿");
    // nobody else got the link (the applicant's own notifications carry no token)
    expect(smsSent.filter((s) => s.to !== "13800000002").some((s) => s.text.includes(token))).toBe(false);
    expect(logs.join("\n")).not.toContain(token);
    const all = await getDb().select({ payload: outbox.payload, dispatchedAt: outbox.dispatchedAt }).from(outbox);
    expect(JSON.stringify(all)).not.toContain(token);
    const deliveries = await getDb().select().from(notificationDeliveries);
    expect(deliveries.filter((d) => d.address === "13800000002" && d.userId === null)).toHaveLength(1);
  });

  it("the link opens without login: organ, kind of dispute, the applicant as 张某 — no phone, ID, address or wanted outcome", async () => {
    const opened = await link.get(tokens[0]);
    expect(opened.status).toBe(200);
    const view = (opened.data as { opened: { status: string; view: Record<string, string> } }).opened;
    expect(view.status).toBe("open");
    expect(view.view.organName).toBe("呼和浩特市市场监督管理局");
    expect(view.view.category).toBe("consumer_rights");
    expect(view.view.applicantName).toBe("张某");
    const text = JSON.stringify(opened.data);
    for (const secret of ["张海峰", "13800000001", "新城区某路1号", "退货退款", "电暖器"]) expect(text).not.toContain(secret);
  });

  it("the invitee agrees: recorded once, audited with the invitation id, the organ told; a second answer is 409 已答复 and writes nothing", async () => {
    const token = tokens[0];
    const c = await caseOf(acceptedCase);
    const answered = await link.post(token, { answer: "accepted" }, invitee);
    expect(answered.status).toBe(200);
    expect(answered.data).toMatchObject({ ok: true, answer: "accepted" });
    const { live } = await liveInvitation(acceptedCase);
    expect(live.answer).toBe("accepted");
    expect(live.answeredVia).toBe("online");
    const [event] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, c.id), eq(auditEvents.action, "mediation.invitation_answered")));
    expect(event.payload).toMatchObject({ invitationId: live.id, answer: "accepted", via: "online" });
    expect(event.actorId).toBe(invitee.id);
    const told = await getDb().select({ payload: outbox.payload }).from(outbox).where(eq(outbox.caseId, c.id));
    expect(told.some((r) => (r.payload as { template?: string }).template === "mediation.invitation_accepted")).toBe(true);

    const before = await writes();
    const again = await link.post(token, { answer: "declined" });
    expect(again.status).toBe(409);
    expect((again.data as { formError: string }).formError).toBe("invite.public.alreadyAnswered");
    expect(await writes()).toEqual(before);
    // the page now says it was answered (410), with the answer given
    const reopened = await link.get(token);
    expect(reopened.status).toBe(410);
    expect(reopened.data).toMatchObject({ opened: { status: "answered", answer: "accepted" } });
  });

  it("the other party who agreed with an account reads the request on /my/cases (read-only, no applicant contact); a foreign citizen gets 404", async () => {
    const [party] = await getDb()
      .select({ userId: caseParties.userId })
      .from(caseParties)
      .where(and(eq(caseParties.caseId, (await caseOf(acceptedCase)).id), eq(caseParties.role, "other_party")));
    expect(party.userId).toBe(invitee.id);
    const theirs = await getMyCase(invitee.id, acceptedCase);
    expect(theirs).not.toBeNull();
    expect(theirs!.actions).toEqual([]);
    expect(theirs!.mediation).toMatchObject({ viewer: "other_party", invitation: { answer: "accepted" } });
    expect(JSON.stringify(theirs)).not.toContain("13800000001");

    expect(await getMyCase(stranger.id, acceptedCase)).toBeNull();
    const foreign = await outcome(() =>
      myCasePage.loader({ request: sessions.request(stranger, `http://localhost/my/cases/${acceptedCase}`), params: { caseNumber: acceptedCase }, context } as never),
    );
    expect(foreign.status).toBe(404);
  });

  it("the applicant's page shows the answer, the scheduled sessions, the documents served and the performance status", async () => {
    const c = await caseOf(acceptedCase);
    // the organ accepts (M5 with the other party's consent): the 受理通知书 is issued and served on the applicant
    const accepted = await applyCommand({
      caseId: c.id,
      expectedVersion: c.version,
      command: { type: "ACCEPT_REQUEST", otherPartyConsented: true },
      actor: { role: "reconsideration_staff", userId: mediator.id },
      actorUserId: mediator.id,
      now: new Date(),
    });
    expect(accepted.ok).toBe(true);
    await getDb().insert(mediationSessions).values({
      caseId: c.id,
      scheduledAt: new Date("2026-12-10T02:00:00Z"),
      mode: "in_person",
      place: "呼和浩特市市场监督管理局调解室",
      participants: [],
      createdBy: mediator.id,
    });
    await getDb().insert(mediationFollowUps).values({
      caseId: c.id,
      visitedOn: "2026-12-20",
      method: "phone",
      performanceStatus: "partly_performed",
      notes: "已退款一半",
      recordedBy: mediator.id,
    });
    const page = await outcome(() =>
      myCasePage.loader({ request: sessions.request(applicant, `http://localhost/my/cases/${acceptedCase}`), params: { caseNumber: acceptedCase }, context } as never),
    );
    expect(page.status).toBe(200);
    const mine = (page.data as { c: Awaited<ReturnType<typeof getMyCase>> }).c!;
    expect(mine.mediation).toMatchObject({
      viewer: "applicant",
      invitation: { answer: "accepted" },
      sessions: [{ mode: "in_person", place: "呼和浩特市市场监督管理局调解室", held: false }],
      performance: { status: "partly_performed", visitedOn: "2026-12-20" },
    });
    expect(mine.mediation!.sessions[0].scheduledAt).toBe("2026-12-10T02:00:00.000Z");
    expect(mine.documents.map((d) => d.kind)).toContain("mediation_acceptance_notice");
  });

  it("人民调解法 第十七条 (12.22): a resend supersedes the earlier link (410), and the other party's express refusal through the new one is recorded", async () => {
    const caseNumber = await triagedRequest("无");
    expect((await send(mediator, caseNumber, { email: "first@example.com" })).status).toBe(303);
    const first = await tokenOf((await liveInvitation(caseNumber)).live.id);
    // a resend: no second M4 (the state stays), a new row, the old one superseded
    const versionBefore = (await caseOf(caseNumber)).version;
    expect((await send(head, caseNumber, { email: "second@example.com" })).status).toBe(303);
    const c = await caseOf(caseNumber);
    expect(c.state).toBe("CONSENT_PENDING");
    expect(c.version).toBe(versionBefore + 1);
    const { rows, live } = await liveInvitation(caseNumber);
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.supersededAt)).toHaveLength(1);
    expect(live.inviteeUserId).toBeNull();
    const second = await tokenOf(live.id);
    tokens.push(first, second);
    const contacts = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, c.id));
    expect(contacts.filter((e) => e.action === "mediation.invitation_resent")).toHaveLength(1);
    expect(contacts.filter((e) => JSON.stringify(e.payload).includes("CONTACT_OTHER_PARTY"))).toHaveLength(1);

    const before = await writes();
    const old = await link.get(first);
    expect(old.status).toBe(410);
    expect(old.data).toMatchObject({ opened: { status: "superseded" } });
    expect((await link.post(first, { answer: "accepted" })).status).toBe(410);
    expect(await writes()).toEqual(before);

    const declined = await link.post(second, { answer: "declined", reason: "已自行协商解决" });
    expect(declined.status).toBe(200);
    const after = await liveInvitation(caseNumber);
    expect(after.live).toMatchObject({ answer: "declined", answeredVia: "online", answerNote: "已自行协商解决" });
    const [event] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, c.id), eq(auditEvents.action, "mediation.invitation_answered")));
    expect(event.actorId).toBeNull();
    expect(event.payload).toMatchObject({ answer: "declined", via: "online" });
    // no account was linked: a refusal makes nobody a party
    const mine = await getMyCase(applicant.id, caseNumber);
    expect(mine!.mediation!.invitation).toMatchObject({ answer: "declined" });
    // the organ can no longer resend once answered
    expect((await send(mediator, caseNumber, { email: "third@example.com" })).status).toBe(409);
  });

  it("an expired, an unknown and a malformed token open a clear page (410 / 404) and take no answer", async () => {
    const caseNumber = await triagedRequest("无");
    expect((await send(mediator, caseNumber, { phone: "13912345678" })).status).toBe(303);
    const { live } = await liveInvitation(caseNumber);
    const token = await tokenOf(live.id);
    tokens.push(token);
    await getDb().update(mediationInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(mediationInvitations.id, live.id));
    const before = await writes();
    const expired = await link.get(token);
    expect(expired.status).toBe(410);
    expect(expired.data).toMatchObject({ opened: { status: "expired" } });
    expect((await link.post(token, { answer: "accepted" })).status).toBe(410);

    const unknown = "A".repeat(43);
    expect((await link.get(unknown)).status).toBe(404);
    expect((await link.post(unknown, { answer: "accepted" })).status).toBe(404);
    expect((await link.get("short")).status).toBe(404);
    expect((await link.post("short", { answer: "declined" })).status).toBe(404);
    expect(await writes()).toEqual(before);

    // a resend on a version the organ no longer has is 409 and changes nothing (the expired link is not superseded)
    const c = await caseOf(caseNumber);
    const stale = await staffPage.post(mediator, caseNumber, [
      ["intent", "send"],
      ["version", String(c.version - 1)],
      ["phone", "13912345678"],
    ]);
    expect(stale.status).toBe(409);
    expect((stale.data as { formError: string }).formError).toBe("invite.errors.stale");
    expect(await writes()).toEqual(before);
    // on the current version the resend replaces the expired link
    expect((await send(mediator, caseNumber, { phone: "13912345678" })).status).toBe(303);
    const after = await liveInvitation(caseNumber);
    expect(after.rows).toHaveLength(2);
    expect(after.rows.find((r) => r.id === live.id)!.supersededAt).not.toBeNull();
    tokens.push(await tokenOf(after.live.id));
  });

  it("a bad answer on a live link is 400 and writes nothing", async () => {
    const token = tokens[tokens.length - 1];
    const before = await writes();
    const bad = await link.post(token, { answer: "maybe" });
    expect(bad.status).toBe(400);
    expect((bad.data as { errors: Record<string, string> }).errors.answer).toBe("invite.errors.answerRequired");
    expect((await link.post(token, { answer: "declined", reason: "x".repeat(501) })).status).toBe(400);
    expect(await writes()).toEqual(before);
    expect((await link.get(token)).status).toBe(200);
  });

  it("staff record an answer given by phone (audited with the note); a second record is 409; bad input is 400", async () => {
    const caseNumber = await triagedRequest("无");
    const c0 = await caseOf(caseNumber);
    const bad = await staffPage.post(mediator, caseNumber, [
      ["intent", "record"],
      ["version", String(c0.version)],
      ["answer", "accepted"],
      ["note", ""],
    ]);
    expect(bad.status).toBe(400);
    expect((bad.data as { errors: Record<string, string> }).errors.note).toBe("invite.errors.noteRequired");
    const noContact = await send(mediator, caseNumber, {});
    expect(noContact.status).toBe(400);
    expect((await caseOf(caseNumber)).version).toBe(c0.version);

    const recorded = await staffPage.post(mediator, caseNumber, [
      ["intent", "record"],
      ["version", String(c0.version)],
      ["answer", "declined"],
      ["note", "11月28日电话联系，对方明确表示不同意调解"],
    ]);
    expect(recorded.status).toBe(303);
    const c = await caseOf(caseNumber);
    expect(c.state).toBe("CONSENT_PENDING");
    const { live } = await liveInvitation(caseNumber);
    expect(live).toMatchObject({ answer: "declined", answeredVia: "recorded", answerNote: "11月28日电话联系，对方明确表示不同意调解" });
    const [event] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, c.id), eq(auditEvents.action, "mediation.invitation_answered")));
    expect(event).toMatchObject({ actorId: mediator.id, payload: { invitationId: live.id, answer: "declined", via: "recorded" } });
    const again = await staffPage.post(mediator, caseNumber, [
      ["intent", "record"],
      ["version", String(c.version)],
      ["answer", "accepted"],
      ["note", "改口"],
    ]);
    expect(again.status).toBe(409);
    // a stale version is 409 too
    const stale = await staffPage.post(head, caseNumber, [
      ["intent", "send"],
      ["version", String(c0.version)],
      ["phone", "13800000002"],
    ]);
    expect(stale.status).toBe(409);
  });

  it("staff of another organ get 404 on the page and the form, and nothing is written", async () => {
    const caseNumber = await triagedRequest();
    expect((await staffPage.get(outsider, caseNumber)).status).toBe(404);
    const before = await writes();
    expect((await send(outsider, caseNumber, { phone: "13800000002" })).status).toBe(404);
    expect(await writes()).toEqual(before);
    expect((await caseOf(caseNumber)).state).toBe("TRIAGED");
  });

  it("a failed e-mail is retried without sending the text message twice; the link leaves the outbox only when both went out", async () => {
    const caseNumber = await triagedRequest("无");
    expect((await send(mediator, caseNumber, { phone: "13712345678", email: "retry@example.com" })).status).toBe(303);
    const { live } = await liveInvitation(caseNumber);
    const token = await tokenOf(live.id);
    tokens.push(token);
    const smsSent: OutgoingSms[] = [];
    const sms = { name: "capture", send: async (m: OutgoingSms) => (smsSent.push(m), { id: `c-${smsSent.length}` }) };
    const failing: Mailer = { kind: "file", target: "memory", send: async () => Promise.reject(new Error("SMTP 451 try later")), close: () => {} };
    const t1 = new Date(Date.now() + 1000);
    await dispatchOutbox({ now: t1, mailer: failing, sms, log: () => {} });
    expect(smsSent.filter((m) => m.text.includes(token)).map((m) => m.to)).toEqual(["13712345678"]);
    const pending = async () =>
      (await getDb().select({ payload: outbox.payload, dispatchedAt: outbox.dispatchedAt }).from(outbox)).find(
        (r) => (r.payload as { direct?: { ref?: string } }).direct?.ref === live.id,
      )!;
    expect((await pending()).dispatchedAt).toBeNull();
    expect(JSON.stringify((await pending()).payload)).toContain(token);

    const mails: OutgoingMail[] = [];
    const good: Mailer = { kind: "file", target: "memory", send: async (m) => (mails.push(m), { messageId: "ok" }), close: () => {} };
    await dispatchOutbox({ now: new Date(t1.getTime() + 86_400_000), mailer: good, sms, log: () => {} });
    expect(mails.filter((m) => m.text.includes(token)).map((m) => m.to)).toEqual(["retry@example.com"]);
    expect(smsSent.filter((m) => m.text.includes(token))).toHaveLength(1);
    const done = await pending();
    expect(done.dispatchedAt).not.toBeNull();
    expect(JSON.stringify(done.payload)).not.toContain(token);
  });

  it("no token appears in any audit payload, outbox payload or invitation row", async () => {
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    await dispatchOutbox({
      now: new Date(Date.now() + 1000),
      mailer: { kind: "file", target: "memory", send: async (m) => ({ messageId: `<${m.idempotencyKey}@test>` }), close: () => {} },
      sms: logSmsProvider(() => {}),
      log: () => {},
    });
    const dump = JSON.stringify([
      await getDb().select({ payload: auditEvents.payload }).from(auditEvents),
      await getDb().select({ payload: outbox.payload, lastError: outbox.lastError }).from(outbox),
      await getDb().select().from(mediationInvitations),
    ]);
    for (const token of tokens) expect(dump).not.toContain(token);
    // (the organ names in the dump are what the outbox messages carry)
    expect((await getDb().select({ name: organs.name }).from(organs).where(eq(organs.id, marketId)))[0].name).toBe("呼和浩特市市场监督管理局");
  });
});
