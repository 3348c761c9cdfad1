// Notifications (issue 6 req. 10, tests of req. 11) on the engine under test: the outbox dispatcher delivers a notify
// effect to the people it concerns — inbox, e-mail, SMS — at least once and never twice per (event, recipient,
// channel): an e-mail read back from a real SMTP server (smtp-server) started here; a dispatcher killed mid-batch and
// restarted delivers everything exactly once; acceptance (《行政复议法》第三十条) reaches the applicant's inbox and
// mailbox; a refused send is retried with backoff and given up after the last attempt; the header shows the unread
// count; the 3-working-day reminder (Art. 88(2) working days) is created once, on the right day, for the person who
// must act; and the pg-boss job runs the dispatcher.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { cases, deadlines, notificationDeliveries, notifications, outbox, users } from "../../db/schema/index";
import { deliveryKey, dueSoonKey } from "~/domain/notify";
import * as root from "~/root";
import { startJobs } from "~/services/jobs.server";
import { createMailer, type Mailer } from "~/services/mail.server";
import { dispatchOutbox, uuidFromKey, type DispatchOptions } from "~/services/notify.server";
import { markAllRead, sendDeadlineReminders } from "~/services/reminders.server";
import { logSmsProvider, type OutgoingSms, type SmsProvider } from "~/services/sms.server";
import { translator } from "~/utils/i18n";
import { notificationText } from "~/utils/notification-text";
import type { CurrentUser } from "~/services/session.server";
import { engineName, useTestDatabase } from "../support/db";
import { acceptOrdinary, caseRow, demoUser, fileApplication, routeContext, seedDemo, Sessions, staffCast, type StaffCast } from "../support/staff-fixture";

const t = useTestDatabase();
const sessions = new Sessions();
const context = routeContext("notifications-test");
let cast: StaffCast;
let citizen2: CurrentUser;
let agent: CurrentUser;

// ---------------------------------------------------------------------------------------------------------------
// A real SMTP server, and a reader for what it received.

interface Received {
  rcpt: string[];
  envid: string | null;
  raw: string;
  messageId: string;
  date: string;
  subject: string;
  text: string;
}
const received: Received[] = [];
/** Addresses whose next RCPT the server refuses with 451 (a temporary failure); "always" refuses every time. */
const refuse = new Map<string, "once" | "always">();
let smtp: SMTPServer;
let smtpMailer: Mailer;
let mailDir: string;
let fileMailer: Mailer;

/** RFC 2047 encoded words, consecutive ones joined before decoding (a character may straddle two words). */
function decodeWords(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, "?==?");
  return joined.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
    const bytes: Buffer[] = [];
    for (const m of run.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)) {
      bytes.push(m[1].toUpperCase() === "B" ? Buffer.from(m[2], "base64") : qpBytes(m[2].replace(/_/g, " ")));
    }
    return Buffer.concat(bytes).toString("utf8");
  });
}
function qpBytes(s: string): Buffer {
  const soft = s.replace(/=\r?\n/g, "");
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(...Buffer.from(soft[i], "utf8"));
  }
  return Buffer.from(out);
}
/** Headers and the text/plain body of a single-part message as nodemailer writes it. */
function parseMessage(raw: string) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const header = (name: string) =>
    head
      .split(/\r?\n/)
      .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? "";
  const cte = header("Content-Transfer-Encoding").toLowerCase();
  const text = cte === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : cte === "quoted-printable" ? qpBytes(body).toString("utf8") : body;
  return { messageId: header("Message-ID"), date: header("Date"), subject: decodeWords(header("Subject")), to: header("To"), text };
}

// ---------------------------------------------------------------------------------------------------------------

const smsSent: OutgoingSms[] = [];
const sms: SmsProvider = {
  name: "capture",
  async send(s) {
    smsSent.push(s);
    return { id: `capture-${smsSent.length}` };
  },
};
const run = (mailer: Mailer, now: Date, extra: Partial<DispatchOptions> = {}) => dispatchOutbox({ now, mailer, sms, log: () => {}, ...extra });
const minutes = (d: Date, n: number) => new Date(d.getTime() + n * 60_000);

/** A bare reconsideration case of 呼和浩特市人民政府 filed by `applicant`, handled by `handler`. */
let seq = 0;
async function bareCase(opts: { applicant?: string | null; handler?: string | null } = {}) {
  seq += 1;
  const [c] = await t.db
    .insert(cases)
    .values({
      machine: "reconsideration",
      state: "IN_REVIEW",
      data: { procedure: "ordinary" },
      organId: cast.organId,
      respondentOrganId: cast.respondentId,
      caseNumber: `FY2026-150100-7${String(seq).padStart(4, "0")}`,
      filedBy: opts.applicant ?? null,
      handlerId: opts.handler ?? null,
      receivedAt: new Date(),
    })
    .returning();
  return c;
}

async function queue(caseId: string, to: string, template: string, at: Date, count = 1) {
  const rows = await t.db
    .insert(outbox)
    .values(Array.from({ length: count }, () => ({ topic: "notify", caseId, payload: { kind: "notify", to, template }, createdAt: at, availableAt: at })))
    .returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

const deliveriesOf = (ids: string[]) =>
  t.db
    .select({ key: notificationDeliveries.idempotencyKey, status: notificationDeliveries.status, channel: notificationDeliveries.channel, attempts: notificationDeliveries.attempts })
    .from(notificationDeliveries)
    .where(inArray(notificationDeliveries.outboxId, ids));
const outboxOf = (ids: string[]) =>
  t.db.select({ id: outbox.id, dispatchedAt: outbox.dispatchedAt, attempts: outbox.attempts, availableAt: outbox.availableAt, lastError: outbox.lastError }).from(outbox).where(inArray(outbox.id, ids));
const receivedFor = (ids: string[]) => received.filter((m) => ids.some((id) => m.messageId.includes(id)));

beforeAll(async () => {
  await seedDemo(t);
  cast = await staffCast(sessions);
  citizen2 = await demoUser("citizen2");
  agent = await demoUser("agent");
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    hideDSN: false, // a server that speaks DSN (RFC 3461) receives the idempotency key as the envelope id
    logger: false,
    onRcptTo(address, _session, callback) {
      const mode = refuse.get(address.address);
      if (mode) {
        if (mode === "once") refuse.delete(address.address);
        return callback(Object.assign(new Error("mailbox busy, try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const m = parseMessage(raw);
        received.push({
          rcpt: session.envelope.rcptTo.map((r) => r.address),
          envid: (session.envelope as { dsn?: { envid?: string | null } }).dsn?.envid ?? null,
          raw,
          messageId: m.messageId,
          date: m.date,
          subject: m.subject,
          text: m.text,
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as { port: number }).port)));
  smtpMailer = createMailer({ kind: "smtp", host: "127.0.0.1", port, secure: false, from: "行政复议平台 <noreply@portal.test>" });
  mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "imr-mailbox-"));
  fileMailer = createMailer({ kind: "file", dir: mailDir, from: "行政复议平台 <noreply@portal.test>" });
});
afterAll(async () => {
  smtpMailer?.close();
  fileMailer?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  if (mailDir) fs.rmSync(mailDir, { recursive: true, force: true });
  setDatabase(undefined);
});

describe(`notification dispatcher (${engineName()})`, () => {
  it("acceptance (《行政复议法》第三十条) notifies the applicant: a real SMTP server receives the e-mail with subject, recipient and body; the inbox and SMS follow", async () => {
    const caseNumber = await fileApplication(cast.citizen, cast.respondentId);
    await acceptOrdinary(cast.staff, caseNumber);
    const c = await caseRow(caseNumber);
    const [accepted] = await t.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.caseId, c.id), eq(outbox.topic, "notify"), sql`${outbox.payload}->>'template' = 'case.accepted'`));
    expect(accepted).toBeDefined();

    const result = await run(smtpMailer, new Date());
    expect(result.claimed).toBeGreaterThanOrEqual(1);
    const key = deliveryKey(accepted.id, cast.citizen.id, "email");
    const mail = received.filter((m) => m.messageId === `<${key}@portal.test>`);
    expect(mail).toHaveLength(1);
    expect(mail[0].rcpt).toEqual(["citizen1@demo.nmg.example"]);
    expect(mail[0].subject).toBe(`【行政复议与调解】案件 ${caseNumber} 有新消息`);
    expect(mail[0].text).toContain("张海峰，您好：");
    expect(mail[0].text).toContain(`您的行政复议申请（案件 ${caseNumber}）已被受理。`);
    expect(mail[0].envid).toBe(key); // the SMTP envelope carries the idempotency key too (DSN ENVID)

    const inbox = await t.db
      .select({ kind: notifications.kind, data: notifications.data, dedupeKey: notifications.dedupeKey })
      .from(notifications)
      .where(and(eq(notifications.userId, cast.citizen.id), eq(notifications.caseId, c.id), eq(notifications.kind, "case.accepted")));
    expect(inbox).toHaveLength(1);
    expect(inbox[0].dedupeKey).toBe(deliveryKey(accepted.id, cast.citizen.id, "inbox"));
    expect(inbox[0].data).toMatchObject({ caseNumber, href: `/my/cases/${encodeURIComponent(caseNumber)}` });
    const texts = smsSent.filter((s) => s.idempotencyKey === deliveryKey(accepted.id, cast.citizen.id, "sms"));
    expect(texts.map((s) => s.to)).toEqual(["13800000001"]);
    expect((await outboxOf([accepted.id]))[0].dispatchedAt).not.toBeNull();
  });

  it("the same transition with the file mailbox (no SMTP_HOST): one .eml per delivery in the mailbox; the staff handler and the applicant are told, the respondent's agents when the effect says 'parties'", async () => {
    const caseNumber = await fileApplication(cast.citizen, cast.respondentId);
    await acceptOrdinary(cast.staff, caseNumber);
    const c = await caseRow(caseNumber);
    const [parties] = await queue(c.id, "parties", "case.mediation_opened", new Date());
    await run(fileMailer, new Date());
    const [accepted] = await t.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.caseId, c.id), sql`${outbox.payload}->>'template' = 'case.accepted'`));
    const file = path.join(mailDir, `${deliveryKey(accepted.id, cast.citizen.id, "email")}.eml`);
    expect(fs.existsSync(file)).toBe(true);
    const m = parseMessage(fs.readFileSync(file, "utf8"));
    expect(m.to).toContain("citizen1@demo.nmg.example");
    expect(m.subject).toContain(caseNumber);
    expect(m.text).toContain("已被受理");
    // "parties": the applicant and the respondent organ's agent (agent@, 呼和浩特市市场监督管理局)
    const told = await t.db.select({ userId: notifications.userId, data: notifications.data }).from(notifications).where(like(notifications.dedupeKey, `${parties}.%`));
    expect(told.map((n) => n.userId).sort()).toEqual([cast.citizen.id, agent.id].sort());
    expect(told.find((n) => n.userId === agent.id)!.data).toMatchObject({ href: `/agency/cases/${encodeURIComponent(caseNumber)}` });
    expect(fs.existsSync(path.join(mailDir, `${deliveryKey(parties, agent.id, "email")}.eml`))).toBe(true);
  });

  it("killed mid-batch and restarted (crash after the 5th delivery, an e-mail): every notification is delivered exactly once — one delivery row per key, one inbox row, one SMTP message, one SMS", async () => {
    const T0 = new Date();
    await run(smtpMailer, T0); // nothing else pending
    const c = await bareCase({ applicant: citizen2.id, handler: cast.staff.id });
    const ids = [...(await queue(c.id, "applicant", "case.resumed", T0, 3)), ...(await queue(c.id, "handler", "case.hearing_requested", T0, 2))];
    const mine = new Set(ids);
    let marked = 0;
    const crash = run(smtpMailer, T0, {
      hooks: {
        afterMark: (d) => {
          if (mine.has(d.outboxId) && ++marked === 5) throw new Error("simulated crash: the process died");
        },
      },
    });
    await expect(crash).rejects.toThrow("simulated crash");
    const half = await deliveriesOf(ids);
    expect(half.filter((d) => d.status === "sent")).toHaveLength(5);
    expect((await outboxOf(ids)).filter((r) => r.dispatchedAt).length).toBeLessThan(ids.length);

    // a dispatcher started a minute later does not touch the dead one's claimed rows (the lease)
    await run(smtpMailer, minutes(T0, 1));
    expect(await deliveriesOf(ids)).toHaveLength(half.length);

    // after the lease: the restarted dispatcher finishes the rest
    await run(smtpMailer, minutes(T0, 6));
    const rows = await outboxOf(ids);
    expect(rows.every((r) => r.dispatchedAt !== null && r.lastError === null)).toBe(true);
    const all = await deliveriesOf(ids);
    // applicant (citizen2: e-mail and phone) 3 × (inbox, email, sms) + handler (staff1: e-mail) 2 × (inbox, email)
    expect(all).toHaveLength(3 * 3 + 2 * 2);
    expect(new Set(all.map((d) => d.key)).size).toBe(all.length);
    expect(all.every((d) => d.status === "sent" && d.attempts === 1)).toBe(true);
    const inbox = await t.db.select({ key: notifications.dedupeKey }).from(notifications).where(eq(notifications.caseId, c.id));
    expect(inbox).toHaveLength(5);
    expect(new Set(inbox.map((n) => n.key)).size).toBe(5);
    const mails = receivedFor(ids);
    expect(mails).toHaveLength(5);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(5);
    expect(smsSent.filter((s) => ids.some((id) => s.idempotencyKey.startsWith(id)))).toHaveLength(3);
    // and a third run sends nothing more
    await run(smtpMailer, minutes(T0, 60));
    expect(receivedFor(ids)).toHaveLength(5);
    expect(await deliveriesOf(ids)).toHaveLength(all.length);
  });

  it("a shutdown (the run's signal aborted) stops the dispatcher after the row in hand; the rows it claimed are finished after their lease, each delivered once", async () => {
    const T0 = new Date();
    await run(smtpMailer, T0); // nothing else pending
    const c = await bareCase({ applicant: citizen2.id, handler: cast.staff.id });
    const ids = await queue(c.id, "handler", "case.hearing_requested", T0, 4);
    const mine = new Set(ids);
    const stop = new AbortController();
    const stats = await run(smtpMailer, T0, {
      signal: stop.signal,
      hooks: {
        afterMark: (d) => {
          if (mine.has(d.outboxId)) stop.abort(); // SIGTERM arrives during the first row of ours
        },
      },
    });
    expect(stats.claimed).toBeGreaterThanOrEqual(ids.length);
    const first = await outboxOf(ids);
    expect(first.filter((r) => r.dispatchedAt)).toHaveLength(1); // the row in hand was finished, no other
    expect(await deliveriesOf(ids)).toHaveLength(2); // its inbox row and e-mail

    // an aborted signal before the run: nothing is claimed
    expect((await run(smtpMailer, minutes(T0, 6), { signal: AbortSignal.abort() })).claimed).toBe(0);

    // after the lease a new run finishes the rest; every delivery once
    await run(smtpMailer, minutes(T0, 6));
    expect((await outboxOf(ids)).every((r) => r.dispatchedAt !== null)).toBe(true);
    const all = await deliveriesOf(ids);
    expect(all).toHaveLength(4 * 2);
    expect(new Set(all.map((d) => d.key)).size).toBe(all.length);
    expect(receivedFor(ids)).toHaveLength(4);
  });

  it("killed between an e-mail's acceptance and its 'sent' mark: the restart re-sends the SAME message (same Message-ID, Date and body), so the mailbox holds it once; the file mailbox keeps exactly one file", async () => {
    const T0 = minutes(new Date(), 120);
    await run(smtpMailer, T0);
    const c = await bareCase({ applicant: citizen2.id });
    const ids = await queue(c.id, "applicant", "case.suspended", T0, 2);
    const crash = run(smtpMailer, T0, {
      hooks: {
        afterSend: (d) => {
          if (d.outboxId === ids[0] && d.channel === "email") throw new Error("simulated crash between send and mark");
        },
      },
    });
    await expect(crash).rejects.toThrow("simulated crash");
    const key = deliveryKey(ids[0], citizen2.id, "email");
    expect((await deliveriesOf(ids)).find((d) => d.key === key)!.status).toBe("sending");
    await run(smtpMailer, minutes(T0, 6));
    const all = await deliveriesOf(ids);
    expect(all).toHaveLength(2 * 3);
    expect(all.every((d) => d.status === "sent")).toBe(true);
    const same = received.filter((m) => m.messageId === `<${key}@portal.test>`);
    expect(same).toHaveLength(2); // transmitted twice: no protocol can tell whether the first one arrived …
    expect(same[1].date).toBe(same[0].date); // … but it is one message to every mail store
    expect(same[1].text).toBe(same[0].text);
    expect(new Set(receivedFor(ids).map((m) => m.messageId)).size).toBe(2);
    // every other channel exactly once
    expect(await t.db.$count(notifications, eq(notifications.caseId, c.id))).toBe(2);
    expect(smsSent.filter((s) => ids.some((id) => s.idempotencyKey.startsWith(id)))).toHaveLength(2);

    // the file mailbox: the same crash leaves exactly one file per delivery
    const T1 = minutes(T0, 120);
    const ids2 = await queue(c.id, "applicant", "case.resumed", T1, 1);
    await expect(
      run(fileMailer, T1, { hooks: { afterSend: (d) => { if (d.outboxId === ids2[0] && d.channel === "email") throw new Error("simulated crash"); } } }),
    ).rejects.toThrow("simulated crash");
    await run(fileMailer, minutes(T1, 6));
    expect(fs.readdirSync(mailDir).filter((f) => f.startsWith(ids2[0]))).toEqual([`${deliveryKey(ids2[0], citizen2.id, "email")}.eml`]);
    expect((await deliveriesOf(ids2)).every((d) => d.status === "sent")).toBe(true);
  });

  it("a refused send is retried with backoff (attempts, available_at, last_error) and given up after the last attempt; nobody to tell is skipped with a reason", async () => {
    const T0 = minutes(new Date(), 400);
    await run(smtpMailer, T0);
    const [flaky] = await t.db.insert(users).values({ displayName: "王五", email: "flaky@portal.test", passwordHash: "x" }).returning();
    const c = await bareCase({ applicant: flaky.id });
    const [id] = await queue(c.id, "applicant", "case.resumed", T0);
    refuse.set("flaky@portal.test", "once");
    const first = await run(smtpMailer, T0);
    expect(first.retried).toBeGreaterThanOrEqual(1);
    let [row] = await outboxOf([id]);
    expect(row.dispatchedAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.availableAt.getTime()).toBe(minutes(T0, 1).getTime());
    expect(row.lastError).toContain("email");
    expect((await deliveriesOf([id])).map((d) => [d.channel, d.status]).sort()).toEqual([["email", "sending"], ["inbox", "sent"]]);
    await run(smtpMailer, minutes(T0, 0.5)); // not yet due
    expect((await outboxOf([id]))[0].attempts).toBe(1);
    await run(smtpMailer, minutes(T0, 1));
    [row] = await outboxOf([id]);
    expect(row.dispatchedAt).not.toBeNull();
    expect(row.attempts).toBe(2);
    const email = (await deliveriesOf([id])).find((d) => d.channel === "email")!;
    expect(email).toMatchObject({ status: "sent", attempts: 2 });
    expect(receivedFor([id])).toHaveLength(1);

    // the tenth attempt fails too: the delivery is marked failed and the message closed with the reason
    const [gone] = await queue(c.id, "applicant", "case.closed", T0);
    await t.db.update(outbox).set({ attempts: 9 }).where(eq(outbox.id, gone));
    refuse.set("flaky@portal.test", "always");
    const last = await run(smtpMailer, minutes(T0, 2));
    refuse.delete("flaky@portal.test");
    expect(last.gaveUp).toBe(1);
    [row] = await outboxOf([gone]);
    expect(row.dispatchedAt).not.toBeNull();
    expect(row.lastError).toMatch(/^gave up after 10 attempts/);
    expect((await deliveriesOf([gone])).find((d) => d.channel === "email")!.status).toBe("failed");

    // third parties have no account: skipped, and said why
    const [third] = await queue(c.id, "third_parties", "case.hearing_scheduled", T0);
    const logs: { msg: string; extra?: Record<string, unknown> }[] = [];
    await run(smtpMailer, minutes(T0, 3), { log: (msg, extra) => logs.push({ msg, extra }) });
    [row] = await outboxOf([third]);
    expect(row.dispatchedAt).not.toBeNull();
    expect(row.lastError).toMatch(/^skipped: third parties/);
    expect(await deliveriesOf([third])).toEqual([]);
    expect(logs.some((l) => l.msg.includes("skipped") && l.extra?.outboxId === third)).toBe(true);
  });

  it("the log-only SMS provider logs the recipient masked, never the number or the text", async () => {
    const lines: string[] = [];
    const provider = logSmsProvider((msg, extra) => lines.push(JSON.stringify({ msg, ...extra })));
    await provider.send({ to: "13800000002", text: "案件 FY2026-150100-00001：身份证号 150102198001011234", idempotencyKey: "k.1.sms" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("*******0002");
    expect(lines[0]).not.toContain("13800000002");
    expect(lines[0]).not.toContain("150102198001011234");
    expect(lines[0]).not.toContain("FY2026");
  });

  it("the header (root loader) shows the signed-in user's unread count, 0 after 'mark all read', nothing when signed out", async () => {
    const load = async (user: CurrentUser | null) =>
      (await root.loader({ request: sessions.request(user, "http://localhost/"), context, params: {} } as never)) as { user: { unread: number } | null };
    const unread = await t.db.$count(notifications, and(eq(notifications.userId, cast.citizen.id)));
    expect(unread).toBeGreaterThan(0);
    expect((await load(cast.citizen)).user!.unread).toBe(unread);
    await markAllRead({ user: cast.citizen });
    expect((await load(cast.citizen)).user!.unread).toBe(0);
    const c = await bareCase({ applicant: cast.citizen.id });
    await queue(c.id, "applicant", "case.resumed", minutes(new Date(), 600));
    await run(fileMailer, minutes(new Date(), 600));
    expect((await load(cast.citizen)).user!.unread).toBe(1);
    expect((await load(null)).user).toBeNull();
  });
});

describe(`3-WD reminder (${engineName()}): 3 working days before a due date, to the person who must act, once (Art. 88(2) working days)`, () => {
  it("a reply period ending Thu 2026-10-08: nothing on Fri 09-25 (4 WD left), one reminder to the respondent's agent on Mon 09-28, none again on 09-28 or 09-29; an unassigned decision period goes to the office head", async () => {
    const c = await bareCase({ handler: cast.staff.id });
    const unassigned = await bareCase();
    const deadline = async (caseId: string, kind: string) =>
      (
        await t.db
          .insert(deadlines)
          .values({ caseId, kind, basis: "test", startDate: "2026-09-10", dueDate: "2026-10-08", originalDueDate: "2026-10-08", calendarVersion: "t" })
          .returning({ id: deadlines.id })
      )[0].id;
    const reply = await deadline(c.id, "respondent_reply");
    const decision = await deadline(unassigned.id, "decision");
    const msgOf = async (deadlineId: string) => t.db.select().from(outbox).where(eq(outbox.id, uuidFromKey(dueSoonKey(deadlineId, "2026-10-08"))));

    await sendDeadlineReminders(new Date("2026-09-25T04:00:00Z")); // Fri: 09-28, 09-29, 09-30, 10-08 left
    expect(await msgOf(reply)).toEqual([]);
    const monday = new Date("2026-09-28T04:00:00Z");
    const r1 = await sendDeadlineReminders(monday);
    expect(r1.dueSoon).toBeGreaterThanOrEqual(2);
    expect((await sendDeadlineReminders(monday)).dueSoon).toBe(0);
    expect((await sendDeadlineReminders(new Date("2026-09-29T04:00:00Z"))).dueSoon).toBe(0);
    const [m] = await msgOf(reply);
    expect(m.payload).toMatchObject({ kind: "notify", to: "respondent", template: "deadline_due_soon", data: { period: "respondent_reply", dueDate: "2026-10-08", workingDaysLeft: 3 } });

    await run(fileMailer, monday);
    const told = (deadlineId: string) =>
      t.db.select({ userId: notifications.userId, kind: notifications.kind, data: notifications.data }).from(notifications).where(eq(notifications.deadlineId, deadlineId));
    const toAgent = await told(reply);
    expect(toAgent.map((n) => [n.userId, n.kind])).toEqual([[agent.id, "deadline_due_soon"]]);
    expect(fs.existsSync(path.join(mailDir, `${deliveryKey(m.id, agent.id, "email")}.eml`))).toBe(true);
    const head = await demoUser("head");
    expect((await told(decision)).map((n) => n.userId)).toEqual([head.id]);
    // the page reads it in words: period, due date
    expect(notificationText(translator("zh-CN"), "zh-CN", { kind: "deadline_due_soon", caseNumber: c.caseNumber, data: toAgent[0].data as Record<string, unknown> })).toBe(
      `案件 ${c.caseNumber} 的“被申请人书面答复期限（普通程序）”将于 2026-10-08 届满，只剩 3 个工作日，请及时办理。`,
    );
  });
});

describe(`pg-boss (${engineName()})`, () => {
  it("jobs.dispatch() runs the dispatcher through the queue", async () => {
    const now = minutes(new Date(), 900);
    const c = await bareCase({ handler: cast.staff.id });
    const [id] = await queue(c.id, "handler", "case.hearing_requested", now);
    const jobs = await startJobs(t.database, { log: () => {}, schedule: false, clock: () => now, notify: { mailer: fileMailer, sms } });
    try {
      await jobs.dispatch();
      const end = Date.now() + 20_000;
      while (!(await outboxOf([id]))[0].dispatchedAt && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
      expect((await outboxOf([id]))[0].dispatchedAt).not.toBeNull();
      expect((await deliveriesOf([id])).map((d) => d.channel).sort()).toEqual(["email", "inbox"]);
    } finally {
      await jobs.stop();
    }
  });
});
