// The notification dispatcher (issue 6 req. 10): delivers the `notify` rows of the outbox — written by
// transitions.server.ts in the same transaction as the event that causes them — to the people they concern, in the
// portal's inbox, by e-mail and by text message. Run by pg-boss every minute (jobs.server.ts).
//
// Delivery guarantee: at least once, never twice to the same recipient on the same channel for the same event.
//  1. Claim. A short transaction takes due rows with FOR UPDATE SKIP LOCKED and pushes their available_at one lease
//     (CLAIM_LEASE_MS) ahead, attempts + 1. Concurrent dispatchers skip each other's rows; a dispatcher that dies
//     holds nothing: after the lease the rows are due again. Nothing is sent while a transaction is open (on PGlite an
//     open transaction would stop every other query of the process for the length of an SMTP conversation).
//  2. Per recipient and channel, the idempotency key outbox-id.user-id.channel is inserted into
//     notification_deliveries as "sending" BEFORE anything goes out, and set "sent" after the channel accepted it.
//     A run never sends for a key that is "sent" (or "failed", given up), so a restarted dispatcher repeats nothing
//     that completed.
//  3. The crash window between "the channel accepted it" and "marked sent":
//     - inbox: the notification row (dedupe_key = the key, unique per user) and the "sent" mark are one transaction,
//       and the insert is ON CONFLICT DO NOTHING: exactly once.
//     - e-mail: a re-sent message is the SAME message — Message-ID <key@domain>, the SMTP envelope id (DSN ENVID) and
//       the Date of the event — so the recipient's mail system keeps one copy (a file mailbox replaces the file of
//       that key; mail stores and clients collapse a repeated Message-ID). Whether the server took the message
//       before the crash cannot be known (no protocol offers that), so dropping the re-send would turn "at least
//       once" into "maybe never"; the window is the milliseconds between the server's 250 reply and our UPDATE.
//     - SMS: the gateway receives the key as its client message id, for providers that deduplicate on one.
//  4. The outbox row is marked dispatched only when every delivery of it is "sent" (or, after MAX_ATTEMPTS claims,
//     "failed"); a failed send leaves the delivery "sending" with last_error and the row due again after a backoff.
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable } from "../../db/client";
import {
  cases,
  committeeMembers,
  consultationMembers,
  notificationDeliveries,
  notifications,
  outbox,
  roleMemberships,
  users,
} from "../../db/schema/index";
import {
  CLAIM_LEASE_MS,
  MAX_ATTEMPTS,
  channelsFor,
  deliveryKey,
  expandTarget,
  hrefFor,
  retryDelayMs,
  type DeliveryChannel,
  type ResolvableTarget,
} from "~/domain/notify";
import { membershipCovers } from "~/domain/policy";
import type { Role } from "~/domain/roles";
import { logger } from "~/logger.server";
import { parseLocale, translator } from "~/utils/i18n";
import { notificationText } from "~/utils/notification-text";
import { redactText } from "~/utils/redact";
import { mailerFromEnv, type Mailer } from "./mail.server";
import { organPath } from "./organs.server";
import { smsProviderFromEnv, type SmsProvider } from "./sms.server";

export type DispatchLog = (msg: string, extra?: Record<string, unknown>) => void;

export interface DeliveryRef {
  outboxId: string;
  userId: string;
  channel: DeliveryChannel;
  idempotencyKey: string;
}

export interface DispatchOptions {
  /** The clock of the run (the job's clock): what is due, the lease, the backoff. */
  now?: Date;
  /** Outbox rows per claim. */
  batch?: number;
  /** At most this many claims per run (the next run goes on). */
  maxBatches?: number;
  mailer?: Mailer;
  sms?: SmsProvider;
  log?: DispatchLog;
  /** The portal's address as users reach it (PUBLIC_URL), for the link in an e-mail. */
  publicUrl?: string;
  /**
   * Fault injection for tests: a hook that throws ends the run there, as a crash of the process would — nothing after
   * it runs, nothing is cleaned up. afterSend runs between an e-mail or SMS being accepted and its "sent" mark.
   */
  hooks?: { afterSend?: (d: DeliveryRef) => void | Promise<void>; afterMark?: (d: DeliveryRef) => void | Promise<void> };
  /**
   * Aborted when the server shuts down: the run finishes the row in hand and stops. Rows it claimed and did not reach
   * keep their lease and are due again after it (at least once, never twice: the deliveries' idempotency keys).
   */
  signal?: AbortSignal;
}

export interface DispatchResult {
  claimed: number;
  dispatched: number;
  sent: number;
  retried: number;
  gaveUp: number;
  skipped: number;
}

/** A hook's throw, passed through every catch of the run. */
class Interrupted extends Error {
  constructor(readonly original: unknown) {
    super("dispatcher interrupted");
  }
}

const NotifyPayloadSchema = z.object({
  kind: z.literal("notify"),
  to: z.string(),
  /** Reminders: whom to tell when `to` names nobody (an unassigned case's office heads). */
  orElse: z.string().optional(),
  template: z.string().min(1).max(200),
  data: z.record(z.string(), z.unknown()).optional(),
  /**
   * A message to an address that is no account of the portal (the other party of a mediation, invited by the organ:
   * mediation-invitation.server.ts): `ref` names the addressee in the idempotency keys; `link` is a secret path that is
   * removed from the payload once every delivery went out.
   */
  direct: z
    .object({ ref: z.string().regex(/^[0-9a-f-]{36}$/), phone: z.string().optional(), email: z.string().optional(), link: z.string().optional() })
    .optional(),
});
type NotifyPayload = z.infer<typeof NotifyPayloadSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable uuid for a key (for outbox rows that must be written once, e.g. a reminder): sha-256, shaped as a v8 uuid. */
export function uuidFromKey(key: string): string {
  const h = createHash("sha256").update(key).digest("hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Recipients.

interface CaseContext {
  id: string;
  machine: string;
  caseNumber: string | null;
  handlerId: string | null;
  applicantId: string | null;
  organId: string | null;
  respondentOrganId: string | null;
  recipientOrganId: string | null;
  centerOrganId: string | null;
}

const caseColumns = {
  id: cases.id,
  machine: cases.machine,
  caseNumber: cases.caseNumber,
  handlerId: cases.handlerId,
  filedBy: cases.filedBy,
  organId: cases.organId,
  respondentOrganId: cases.respondentOrganId,
  centerOrganId: cases.centerOrganId,
  parentCaseId: cases.parentCaseId,
};

/** The process and, for a consultation or a letter, what it inherits from its reconsideration case. */
async function loadCaseContext(q: Queryable, caseId: string): Promise<CaseContext | null> {
  const [c] = await q.select(caseColumns).from(cases).where(eq(cases.id, caseId));
  if (!c) return null;
  const [p] = c.parentCaseId ? await q.select(caseColumns).from(cases).where(eq(cases.id, c.parentCaseId)) : [];
  const letter = c.machine === "letter";
  return {
    id: c.id,
    machine: c.machine,
    caseNumber: c.caseNumber ?? p?.caseNumber ?? null,
    handlerId: c.handlerId ?? p?.handlerId ?? null,
    applicantId: c.filedBy ?? p?.filedBy ?? null,
    organId: c.organId ?? p?.organId ?? null,
    // a letter row keeps its addressee in respondent_organ_id (letters.server.ts); the case's respondent is the parent's
    respondentOrganId: letter ? (p?.respondentOrganId ?? null) : (c.respondentOrganId ?? p?.respondentOrganId ?? null),
    recipientOrganId: letter ? c.respondentOrganId : null,
    centerOrganId: c.centerOrganId ?? p?.centerOrganId ?? null,
  };
}

/** Users holding `role` for the organ: in it, or above it with a membership that includes subordinates. */
async function holdersOf(q: Queryable, role: Role, organId: string | null): Promise<string[]> {
  if (!organId) return [];
  const path = await organPath(q, organId);
  const rows = await q
    .select({ userId: roleMemberships.userId, organId: roleMemberships.organId, includeSubordinates: roleMemberships.includeSubordinates })
    .from(roleMemberships)
    .where(and(eq(roleMemberships.role, role), inArray(roleMemberships.organId, path)));
  return [...new Set(rows.filter((r) => membershipCovers({ role, ...r }, path)).map((r) => r.userId))];
}

async function usersOfTarget(q: Queryable, target: ResolvableTarget, c: CaseContext): Promise<string[]> {
  switch (target) {
    case "applicant":
      return c.applicantId ? [c.applicantId] : [];
    case "handler":
      return c.handlerId ? [c.handlerId] : [];
    case "office_head":
      return holdersOf(q, "office_head", c.organId);
    case "respondent":
      return holdersOf(q, "respondent_agent", c.respondentOrganId);
    case "recipient_organ":
      return holdersOf(q, "respondent_agent", c.recipientOrganId);
    case "center_clerk":
      return holdersOf(q, "center_clerk", c.centerOrganId);
    case "committee_members": {
      if (c.machine !== "consultation") return [];
      const rows = await q
        .select({ userId: committeeMembers.userId })
        .from(consultationMembers)
        .innerJoin(committeeMembers, eq(committeeMembers.id, consultationMembers.memberId))
        .where(and(eq(consultationMembers.consultationId, c.id), isNull(consultationMembers.removedAt)));
      return rows.map((r) => r.userId);
    }
  }
}

interface Recipient {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  locale: string;
  citizen: boolean;
  href: string | null;
}

/** userId → the target they were reached as (the first one), for `to` (or `orElse` when `to` reaches nobody). */
async function resolveTargets(q: Queryable, payload: NotifyPayload, c: CaseContext | null): Promise<{ byUser: Map<string, ResolvableTarget>; reason?: string }> {
  const byUser = new Map<string, ResolvableTarget>();
  if (!c) return { byUser, reason: "the outbox row names no stored process" };
  let reason: string | undefined;
  for (const to of [payload.to, payload.orElse]) {
    if (!to || byUser.size > 0) continue;
    const expanded = expandTarget(to);
    if (!expanded.ok) {
      reason = expanded.reason;
      continue;
    }
    for (const target of expanded.targets) {
      for (const userId of await usersOfTarget(q, target, c)) if (!byUser.has(userId)) byUser.set(userId, target);
    }
    if (byUser.size === 0) reason = `no account for "${to}" on this process`;
  }
  return { byUser, reason };
}

async function loadRecipients(q: Queryable, targets: Map<string, ResolvableTarget | null>, c: CaseContext | null): Promise<Recipient[]> {
  const ids = [...targets.keys()];
  if (ids.length === 0) return [];
  const rows = await q
    .select({ id: users.id, displayName: users.displayName, email: users.email, phone: users.phone, locale: users.locale, disabled: users.disabled })
    .from(users)
    .where(inArray(users.id, ids));
  const staffLike = new Set(
    (await q.select({ userId: roleMemberships.userId }).from(roleMemberships).where(inArray(roleMemberships.userId, ids))).map((r) => r.userId),
  );
  return rows
    .filter((u) => !u.disabled)
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    .map((u) => {
      const target = targets.get(u.id) ?? null;
      return {
        id: u.id,
        displayName: u.displayName,
        email: u.email,
        phone: u.phone,
        locale: u.locale,
        citizen: !staffLike.has(u.id), // a user with no role membership is a citizen (app/domain/policy.ts)
        href: target && c ? hrefFor(target, { caseNumber: c.caseNumber, machine: c.machine, processId: c.id }) : null,
      };
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Messages.

interface Message {
  kind: string;
  caseNumber: string | null;
  data: Record<string, unknown>;
}

function renderEmail(r: Recipient, m: Message, publicUrl: string | undefined) {
  const locale = parseLocale(r.locale);
  const t = translator(locale);
  const text = redactText(notificationText(t, locale, m));
  const base = publicUrl?.replace(/\/+$/, "");
  const more = r.href && base ? t("notify.email.more", { url: `${base}${r.href}` }) : t("notify.email.moreNoUrl");
  return {
    subject: m.caseNumber ? t("notify.email.subject", { caseNumber: m.caseNumber }) : t("notify.email.subjectGeneral"),
    text: [t("notify.email.greeting", { name: r.displayName }), "", text, "", more, "", "--", t("notify.email.footer"), ""].join("\n"),
  };
}

function renderSms(r: Recipient, m: Message): string {
  const locale = parseLocale(r.locale);
  const t = translator(locale);
  return t("notify.sms.text", { message: redactText(notificationText(t, locale, m)) });
}

// ---------------------------------------------------------------------------------------------------------------
// The run.

interface Claimed {
  id: string;
  caseId: string | null;
  payload: unknown;
  attempts: number;
  createdAt: Date;
}

/** Takes up to `batch` due notify rows for one lease (see the file comment, step 1). */
async function claim(now: Date, batch: number): Promise<Claimed[]> {
  return getDb().transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.topic, "notify"), isNull(outbox.dispatchedAt), lte(outbox.availableAt, now)))
      .orderBy(asc(outbox.availableAt), asc(outbox.id))
      .limit(batch)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, availableAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
      .where(inArray(outbox.id, due.map((r) => r.id)))
      .returning({ id: outbox.id, caseId: outbox.caseId, payload: outbox.payload, attempts: outbox.attempts, createdAt: outbox.createdAt });
  });
}

async function finish(outboxId: string, now: Date, note: string | null): Promise<void> {
  await getDb().update(outbox).set({ dispatchedAt: now, lastError: note }).where(eq(outbox.id, outboxId));
}

function errorMessage(error: unknown): string {
  return redactText(error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

async function callHook(hook: ((d: DeliveryRef) => void | Promise<void>) | undefined, d: DeliveryRef): Promise<void> {
  if (!hook) return;
  try {
    await hook(d);
  } catch (error) {
    throw new Interrupted(error);
  }
}

type RowOutcome = "dispatched" | "skipped" | "retry" | "gave_up";

async function dispatchRow(row: Claimed, ctx: Required<Pick<DispatchOptions, "log">> & DispatchOptions & { now: Date; mailer: Mailer; sms: SmsProvider }, stats: DispatchResult): Promise<RowOutcome> {
  const db = getDb();
  const { now, log } = ctx;
  const parsed = NotifyPayloadSchema.safeParse(row.payload);
  if (!parsed.success) {
    log("notification skipped: malformed outbox payload", { outboxId: row.id });
    await finish(row.id, now, "skipped: malformed payload");
    return "skipped";
  }
  const payload = parsed.data;
  if (payload.direct) return dispatchDirect(row, payload, payload.direct, ctx, stats);
  const c = row.caseId ? await loadCaseContext(db, row.caseId) : null;
  const { byUser, reason } = await resolveTargets(db, payload, c);

  // Deliveries begun by an earlier attempt are finished for their recipient even if the case has moved on since.
  const earlier = await db
    .select({ key: notificationDeliveries.idempotencyKey, userId: notificationDeliveries.userId, status: notificationDeliveries.status })
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.outboxId, row.id));
  const targets = new Map<string, ResolvableTarget | null>(byUser);
  for (const d of earlier) if (d.userId && !targets.has(d.userId)) targets.set(d.userId, null);
  const statusOf = new Map(earlier.map((d) => [d.key, d.status]));

  const recipients = await loadRecipients(db, targets, c);
  if (recipients.length === 0) {
    const why = reason ?? "every recipient's account is disabled";
    log("notification skipped: nobody to tell", { outboxId: row.id, template: payload.template, to: payload.to, reason: why });
    await finish(row.id, now, `skipped: ${why}`);
    return "skipped";
  }

  const data = payload.data ?? {};
  const message: Message = { kind: payload.template, caseNumber: c?.caseNumber ?? null, data: { ...data, caseNumber: c?.caseNumber ?? data.caseNumber ?? null } };
  const deadlineId = typeof data.deadlineId === "string" && UUID.test(data.deadlineId) ? data.deadlineId : null;
  const failures: string[] = [];

  for (const r of recipients) {
    for (const channel of channelsFor(r)) {
      const key = deliveryKey(row.id, r.id, channel);
      const ref: DeliveryRef = { outboxId: row.id, userId: r.id, channel, idempotencyKey: key };
      const status = statusOf.get(key);
      if (status === "sent" || status === "failed") continue;
      const address = channel === "inbox" ? r.id : channel === "email" ? r.email! : r.phone!;
      if (status === undefined) {
        const inserted = await db
          .insert(notificationDeliveries)
          .values({ outboxId: row.id, channel, userId: r.id, address, idempotencyKey: key, status: "sending", attempts: 1, createdAt: now })
          .onConflictDoNothing({ target: notificationDeliveries.idempotencyKey })
          .returning({ id: notificationDeliveries.id });
        if (inserted.length === 0) {
          // another run got here first (its lease ran out while it was still going): leave the key to it
          failures.push(`${channel}: delivery ${key} begun elsewhere`);
          continue;
        }
      } else {
        await db
          .update(notificationDeliveries)
          .set({ attempts: sql`${notificationDeliveries.attempts} + 1` })
          .where(eq(notificationDeliveries.idempotencyKey, key));
      }

      try {
        if (channel === "inbox") {
          await db.transaction(async (tx) => {
            const [created] = await tx
              .insert(notifications)
              .values({
                userId: r.id,
                caseId: c?.id ?? null,
                deadlineId,
                kind: payload.template,
                data: { ...message.data, href: r.href },
                dedupeKey: key,
                createdAt: row.createdAt,
              })
              .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
              .returning({ id: notifications.id });
            const id =
              created?.id ??
              (await tx
                .select({ id: notifications.id })
                .from(notifications)
                .where(and(eq(notifications.userId, r.id), eq(notifications.dedupeKey, key))))[0]?.id;
            await tx
              .update(notificationDeliveries)
              .set({ status: "sent", sentAt: now, providerMessageId: id ?? null, lastError: null })
              .where(eq(notificationDeliveries.idempotencyKey, key));
          });
        } else {
          let providerId: string;
          if (channel === "email") {
            const mail = renderEmail(r, message, ctx.publicUrl);
            providerId = (await ctx.mailer.send({ to: r.email!, ...mail, idempotencyKey: key, date: row.createdAt })).messageId;
          } else {
            providerId = (await ctx.sms.send({ to: r.phone!, text: renderSms(r, message), idempotencyKey: key })).id;
          }
          await callHook(ctx.hooks?.afterSend, ref);
          await db
            .update(notificationDeliveries)
            .set({ status: "sent", sentAt: now, providerMessageId: providerId, lastError: null })
            .where(eq(notificationDeliveries.idempotencyKey, key));
        }
      } catch (error) {
        if (error instanceof Interrupted) throw error;
        const text = errorMessage(error);
        failures.push(`${channel}: ${text}`);
        await db.update(notificationDeliveries).set({ lastError: text }).where(eq(notificationDeliveries.idempotencyKey, key));
        log("notification delivery failed", { outboxId: row.id, channel, delivery: key, attempt: row.attempts, err: text });
        continue;
      }
      stats.sent += 1;
      await callHook(ctx.hooks?.afterMark, ref);
    }
  }

  if (failures.length === 0) {
    await finish(row.id, now, null);
    return "dispatched";
  }
  const lastError = failures.join("; ").slice(0, 2000);
  if (row.attempts >= MAX_ATTEMPTS) {
    await db
      .update(notificationDeliveries)
      .set({ status: "failed" })
      .where(and(eq(notificationDeliveries.outboxId, row.id), eq(notificationDeliveries.status, "sending")));
    await finish(row.id, now, `gave up after ${row.attempts} attempts: ${lastError}`);
    log("notification given up", { outboxId: row.id, attempts: row.attempts, err: lastError });
    return "gave_up";
  }
  await db
    .update(outbox)
    .set({ availableAt: new Date(now.getTime() + retryDelayMs(row.attempts)), lastError })
    .where(eq(outbox.id, row.id));
  return "retry";
}

// ---------------------------------------------------------------------------------------------------------------
// Direct deliveries: an SMS and/or e-mail to an address given by staff (no account, no inbox), with a secret link.
// The same guarantees as above (a delivery row per channel before sending, "sent" after); the link is deleted from
// the outbox payload when the row is finished, so only its hash (mediation_invitations.token_hash) stays stored.

type DirectAddress = NonNullable<NotifyPayload["direct"]>;

function directText(m: Message, url: string): { sms: string; subject: string; email: string } {
  const t = translator("zh-CN");
  const text = notificationText(t, "zh-CN", m);
  return {
    sms: t("invite.direct.sms", { message: text, url }),
    subject: t("invite.direct.subject"),
    email: [t("invite.direct.greeting"), "", text, "", t("invite.direct.link", { url }), "", "--", t("notify.email.footer"), ""].join("\n"),
  };
}

async function dispatchDirect(
  row: Claimed,
  payload: NotifyPayload,
  direct: DirectAddress,
  ctx: Required<Pick<DispatchOptions, "log">> & DispatchOptions & { now: Date; mailer: Mailer; sms: SmsProvider },
  stats: DispatchResult,
): Promise<RowOutcome> {
  const db = getDb();
  const { now, log } = ctx;
  const scrubbed = { ...payload, direct: { ...direct, link: undefined } };
  const done = async (note: string | null) => {
    await db.update(outbox).set({ dispatchedAt: now, lastError: note, payload: scrubbed }).where(eq(outbox.id, row.id));
  };
  const earlier = await db
    .select({ key: notificationDeliveries.idempotencyKey, status: notificationDeliveries.status })
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.outboxId, row.id));
  const statusOf = new Map(earlier.map((d) => [d.key, d.status]));
  const channels: { channel: "sms" | "email"; address: string }[] = [
    ...(direct.phone ? [{ channel: "sms" as const, address: direct.phone }] : []),
    ...(direct.email ? [{ channel: "email" as const, address: direct.email }] : []),
  ];
  const pending = channels.filter((ch) => !["sent", "failed"].includes(statusOf.get(`${row.id}.${direct.ref}.${ch.channel}`) ?? ""));
  if (pending.length === 0) {
    await done(null);
    return "dispatched";
  }
  if (!direct.link) {
    log("notification skipped: the direct message has no link left", { outboxId: row.id, template: payload.template });
    await done("skipped: no link");
    return "skipped";
  }
  const base = (ctx.publicUrl ?? "").replace(/\/+$/, "");
  const message: Message = { kind: payload.template, caseNumber: null, data: payload.data ?? {} };
  const texts = directText(message, `${base}${direct.link}`);
  const failures: string[] = [];
  for (const { channel, address } of pending) {
    const key = `${row.id}.${direct.ref}.${channel}`;
    if (!statusOf.has(key)) {
      const inserted = await db
        .insert(notificationDeliveries)
        .values({ outboxId: row.id, channel, userId: null, address, idempotencyKey: key, status: "sending", attempts: 1, createdAt: now })
        .onConflictDoNothing({ target: notificationDeliveries.idempotencyKey })
        .returning({ id: notificationDeliveries.id });
      if (inserted.length === 0) {
        failures.push(`${channel}: delivery ${key} begun elsewhere`);
        continue;
      }
    } else {
      await db.update(notificationDeliveries).set({ attempts: sql`${notificationDeliveries.attempts} + 1` }).where(eq(notificationDeliveries.idempotencyKey, key));
    }
    try {
      const providerId =
        channel === "email"
          ? (await ctx.mailer.send({ to: address, subject: texts.subject, text: texts.email, idempotencyKey: key, date: row.createdAt })).messageId
          : (await ctx.sms.send({ to: address, text: texts.sms, idempotencyKey: key })).id;
      await callHook(ctx.hooks?.afterSend, { outboxId: row.id, userId: direct.ref, channel, idempotencyKey: key });
      await db
        .update(notificationDeliveries)
        .set({ status: "sent", sentAt: now, providerMessageId: providerId, lastError: null })
        .where(eq(notificationDeliveries.idempotencyKey, key));
    } catch (error) {
      if (error instanceof Interrupted) throw error;
      const text = errorMessage(error);
      failures.push(`${channel}: ${text}`);
      await db.update(notificationDeliveries).set({ lastError: text }).where(eq(notificationDeliveries.idempotencyKey, key));
      log("notification delivery failed", { outboxId: row.id, channel, delivery: key, attempt: row.attempts, err: text });
      continue;
    }
    stats.sent += 1;
  }
  if (failures.length === 0) {
    await done(null);
    return "dispatched";
  }
  const lastError = failures.join("; ").slice(0, 2000);
  if (row.attempts >= MAX_ATTEMPTS) {
    await db
      .update(notificationDeliveries)
      .set({ status: "failed" })
      .where(and(eq(notificationDeliveries.outboxId, row.id), eq(notificationDeliveries.status, "sending")));
    await done(`gave up after ${row.attempts} attempts: ${lastError}`);
    log("notification given up", { outboxId: row.id, attempts: row.attempts, err: lastError });
    return "gave_up";
  }
  await db.update(outbox).set({ availableAt: new Date(now.getTime() + retryDelayMs(row.attempts)), lastError }).where(eq(outbox.id, row.id));
  return "retry";
}

/** One run of the dispatcher: claims due notify rows in batches and delivers them (see the file comment). */
export async function dispatchOutbox(options: DispatchOptions = {}): Promise<DispatchResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? ((msg: string, extra?: Record<string, unknown>) => logger.info(extra ?? {}, msg));
  const ctx = {
    ...options,
    now,
    log,
    mailer: options.mailer ?? mailerFromEnv(),
    sms: options.sms ?? smsProviderFromEnv(),
    publicUrl: options.publicUrl ?? process.env.PUBLIC_URL,
  };
  const stats: DispatchResult = { claimed: 0, dispatched: 0, sent: 0, retried: 0, gaveUp: 0, skipped: 0 };
  const batch = options.batch ?? 20;
  for (let i = 0; i < (options.maxBatches ?? 50) && !options.signal?.aborted; i++) {
    const rows = await claim(now, batch);
    if (rows.length === 0) break;
    stats.claimed += rows.length;
    for (const row of rows) {
      if (options.signal?.aborted) break;
      let outcome: RowOutcome;
      try {
        outcome = await dispatchRow(row, ctx, stats);
      } catch (error) {
        if (error instanceof Interrupted) throw error.original;
        // an unexpected error (the database, a bug) costs this row one attempt, not the rest of the batch
        const text = errorMessage(error);
        log("notification dispatch error", { outboxId: row.id, err: text });
        await getDb()
          .update(outbox)
          .set({ availableAt: new Date(now.getTime() + retryDelayMs(row.attempts)), lastError: text })
          .where(eq(outbox.id, row.id));
        outcome = "retry";
      }
      if (outcome === "dispatched") stats.dispatched += 1;
      else if (outcome === "skipped") stats.skipped += 1;
      else if (outcome === "gave_up") stats.gaveUp += 1;
      else stats.retried += 1;
    }
    if (rows.length < batch) break;
  }
  return stats;
}
