// The other party's invitation to an administrative mediation (DOMAIN.md §16 CONSENT_PENDING; 12.03, 12.22, 12.24):
// staff of the organ the request is at send a link by SMS and e-mail (and into the portal inbox when the contact
// matches a citizen account), resend it (the old link stops working) or record an answer given by phone; the other
// party opens the link without an account and agrees or declines. Only the SHA-256 of a link's token is stored; the
// token itself travels in the outbox row until the dispatcher delivered it (notify.server.ts removes it then) and
// never enters an audit payload or a log line. M1's organ pages derive "other party consented" from these rows.
import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, notExists, or, sql } from "drizzle-orm";
import { getDb, type Queryable, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import {
  caseParties,
  cases,
  mediationFollowUps,
  mediationInvitations,
  mediationSessions,
  notifications,
  organs,
  outbox,
  roleMemberships,
  users,
} from "../../db/schema/index";
import { todayInShanghai } from "~/domain/calendar";
import {
  contactFromText,
  invitationExpiry,
  invitationLink,
  invitationViewOf,
  linkHttpStatus,
  linkStatus,
  maskedContact,
  TOKEN_PATTERN,
  type InvitationAnswerForm,
  type InvitationView,
  type LinkStatus,
  type RecordAnswerForm,
  type SendInvitationForm,
} from "~/domain/mediation-invitation";
import { mediationStateLabels, type MediationStateName } from "~/domain/machines/mediation";
import { can, membershipCovers } from "~/domain/policy";
import type { Role } from "~/domain/roles";
import { CASE_NUMBER_PATTERN } from "~/domain/receipt";
import { loadDeadlineRules } from "./calendar.server";
import { organPath } from "./organs.server";
import { actorOf, type CurrentUser } from "./session.server";
import { applyCommandInTransaction, bumpCaseVersion, Rejected } from "./transitions.server";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

function newInvitationToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

// ---------------------------------------------------------------------------------------------------------------
// The organ's side.

interface StaffCaseRow {
  id: string;
  caseNumber: string;
  state: string;
  version: number;
  organId: string;
  organName: string;
  role: Role;
}

/** A mediation request at an organ `user` handles cases for (reconsideration_staff / office_head, M4), or null (→ 404). */
async function findOrganMediation(q: Queryable, user: CurrentUser, caseNumber: string): Promise<StaffCaseRow | null> {
  if (!CASE_NUMBER_PATTERN.test(caseNumber)) return null;
  const [row] = await q
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      machine: cases.machine,
      state: cases.state,
      version: cases.version,
      organId: cases.organId,
      triageStatus: cases.triageStatus,
      organName: organs.name,
    })
    .from(cases)
    .leftJoin(organs, eq(organs.id, cases.organId))
    .where(eq(cases.caseNumber, caseNumber));
  // still at the center (triage pending) it is the center's, not the organ's
  if (!row || row.machine !== "mediation" || !row.organId || row.triageStatus === "pending") return null;
  const path = await organPath(q, row.organId);
  if (!can(actorOf(user), "case:handle", { type: "organ", organPath: path })) return null;
  const order: Role[] = ["reconsideration_staff", "office_head"];
  const role = order.find((r) => user.memberships.some((m) => m.role === r && membershipCovers(m, path)))!;
  return { id: row.id, caseNumber: row.caseNumber!, state: row.state, version: row.version, organId: row.organId, organName: row.organName ?? "", role };
}

export interface InvitationSummary {
  id: string;
  invitedAt: string;
  expiresAt: string;
  contact: { phone?: string; email?: string };
  hasAccount: boolean;
  answer: "accepted" | "declined" | null;
  answeredAt: string | null;
  answeredVia: string | null;
  answerNote: string | null;
  supersededAt: string | null;
  status: LinkStatus;
}

export interface StaffInvitationPage {
  caseNumber: string;
  state: string;
  stateLabel: string;
  version: number;
  organName: string;
  otherPartyName: string;
  /** The request's own words about reaching the other party, and what parsed as a mobile number / e-mail. */
  otherPartyContactText: string | null;
  prefill: { phone?: string; email?: string };
  invitations: InvitationSummary[];
  canSend: boolean;
  /** "send" in TRIAGED (M4), "resend" in CONSENT_PENDING (a new link, the old one superseded). */
  sendKind: "send" | "resend" | null;
  canRecord: boolean;
  consentWorkdays: number;
}

const SENDABLE: readonly string[] = ["TRIAGED", "CONSENT_PENDING"];

async function invitationRowsOf(q: Queryable, caseId: string) {
  return q
    .select({
      id: mediationInvitations.id,
      contact: mediationInvitations.contact,
      inviteeUserId: mediationInvitations.inviteeUserId,
      invitedAt: mediationInvitations.invitedAt,
      expiresAt: mediationInvitations.expiresAt,
      answer: mediationInvitations.answer,
      answeredAt: mediationInvitations.answeredAt,
      answeredVia: mediationInvitations.answeredVia,
      answerNote: mediationInvitations.answerNote,
      supersededAt: mediationInvitations.supersededAt,
    })
    .from(mediationInvitations)
    .where(eq(mediationInvitations.caseId, caseId))
    .orderBy(desc(mediationInvitations.invitedAt), desc(mediationInvitations.id));
}

/** The invitation page of a request for staff of its organ, or null (→ 404). */
export async function getStaffInvitationPage(args: { user: CurrentUser; caseNumber: string; now?: Date }): Promise<StaffInvitationPage | null> {
  const q = getDb();
  const c = await findOrganMediation(q, args.user, args.caseNumber);
  if (!c) return null;
  const now = args.now ?? new Date();
  const [party] = await q
    .select({ name: caseParties.name, details: caseParties.details })
    .from(caseParties)
    .where(and(eq(caseParties.caseId, c.id), eq(caseParties.role, "other_party")))
    .orderBy(asc(caseParties.position));
  const contactText = ((party?.details ?? {}) as { contact?: unknown }).contact;
  const text = typeof contactText === "string" ? contactText : null;
  const rows = await invitationRowsOf(q, c.id);
  const live = rows.find((r) => !r.supersededAt);
  const rules = await loadDeadlineRules(q);
  return {
    caseNumber: c.caseNumber,
    state: c.state,
    stateLabel: mediationStateLabels[c.state as MediationStateName] ?? c.state,
    version: c.version,
    organName: c.organName,
    otherPartyName: party?.name ?? "",
    otherPartyContactText: text,
    prefill: contactFromText(text),
    invitations: rows.map((r) => ({
      id: r.id,
      invitedAt: r.invitedAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      contact: maskedContact(r.contact as { phone?: string; email?: string }),
      hasAccount: r.inviteeUserId !== null,
      answer: r.answer,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      answeredVia: r.answeredVia,
      answerNote: r.answerNote,
      supersededAt: r.supersededAt?.toISOString() ?? null,
      status: linkStatus(r, now),
    })),
    // in TRIAGED (new, or transferred here by M3) earlier rows belong to an earlier contact and are superseded on sending
    canSend: c.state === "TRIAGED" || (c.state === "CONSENT_PENDING" && !live?.answer),
    sendKind: c.state === "TRIAGED" ? "send" : c.state === "CONSENT_PENDING" && !live?.answer ? "resend" : null,
    canRecord: c.state === "TRIAGED" || (c.state === "CONSENT_PENDING" && !live?.answer),
    consentWorkdays: rules.settings.mediationConsentWorkdays,
  };
}

export type InvitationCommandResult =
  | { ok: true; invitationId: string; state: string; version: number }
  | { ok: false; status: 400 | 404 | 409; formError: string; message?: string; messageEn?: string };

const notFound: InvitationCommandResult = { ok: false, status: 404, formError: "invite.errors.notFound" };
const stale: InvitationCommandResult = { ok: false, status: 409, formError: "invite.errors.stale" };

/** A citizen account (no role membership, not disabled) with this mobile number, else this e-mail address. */
async function citizenAccountFor(q: Queryable, contact: { phone?: string; email?: string }): Promise<string | null> {
  const conditions = [
    ...(contact.phone ? [eq(users.phone, contact.phone)] : []),
    ...(contact.email ? [sql`lower(${users.email}) = ${contact.email}`] : []),
  ];
  if (conditions.length === 0) return null;
  const rows = await q
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(
      and(
        or(...conditions),
        eq(users.disabled, false),
        notExists(q.select({ one: sql`1` }).from(roleMemberships).where(eq(roleMemberships.userId, users.id))),
      ),
    )
    .limit(2);
  const byPhone = contact.phone ? rows.find((r) => r.phone === contact.phone) : undefined;
  return (byPhone ?? rows[0])?.id ?? null;
}

/** Locks the request's row and checks the version the user saw; bumps it (the organ's forms then see the change). */
/** M4 CONTACT_OTHER_PARTY (人民调解法 第十七条: the other party is asked), on the version the user saw. */
function contactOtherParty(
  tx: Tx,
  c: { id: string; role: Role },
  args: { user: CurrentUser; version: number; requestId?: string },
  now: Date,
  rules: Parameters<typeof applyCommandInTransaction>[2],
) {
  return applyCommandInTransaction(
    tx,
    {
      caseId: c.id,
      expectedVersion: args.version,
      command: { type: "CONTACT_OTHER_PARTY" },
      actor: { role: c.role, userId: args.user.id },
      actorUserId: args.user.id,
      now,
      requestId: args.requestId,
    },
    rules,
  );
}

async function lockAndBump(tx: Tx, caseId: string, expected: number, now: Date): Promise<number | null> {
  return (await bumpCaseVersion(tx, caseId, expected, { updatedAt: now }))?.version ?? null;
}

/**
 * Sends the invitation (M4 CONTACT_OTHER_PARTY in TRIAGED) or resends it (CONSENT_PENDING: a new link, the earlier one
 * superseded, no second M4), in one transaction: the transition, the invitation row (token hash, expiry from
 * mediationConsentWorkdays), the outbox row that carries the link to the contact by SMS / e-mail, the inbox row of a
 * matching citizen account, and the event (which names the invitation, never the token).
 */
export async function sendInvitation(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  form: SendInvitationForm;
  now?: Date;
  requestId?: string;
}): Promise<InvitationCommandResult> {
  const db = getDb();
  const c = await findOrganMediation(db, args.user, args.caseNumber);
  if (!c) return notFound;
  if (!SENDABLE.includes(c.state)) return { ok: false, status: 409, formError: "invite.errors.notSendable" };
  const now = args.now ?? new Date();
  const rules = await loadDeadlineRules(db);
  const expiry = invitationExpiry({
    invitedAt: now,
    workdays: rules.settings.mediationConsentWorkdays,
    calendar: rules.calendar,
    countMakeupWorkdays: rules.settings.countMakeupWorkdays,
  });
  const token = newInvitationToken();
  const contact = { ...(args.form.phone ? { phone: args.form.phone } : {}), ...(args.form.email ? { email: args.form.email } : {}) };
  try {
    return await db.transaction(async (tx) => {
      let version: number;
      let state = c.state;
      const [current] = await tx.select({ state: cases.state }).from(cases).where(eq(cases.id, c.id)).for("update");
      const resend = current?.state === "CONSENT_PENDING";
      const live = await tx
        .select({ id: mediationInvitations.id, answer: mediationInvitations.answer })
        .from(mediationInvitations)
        .where(and(eq(mediationInvitations.caseId, c.id), isNull(mediationInvitations.supersededAt)))
        .for("update");
      if (resend && live.some((r) => r.answer)) return { ok: false as const, status: 409 as const, formError: "invite.errors.alreadyAnswered" };
      // nothing is written before the version check: a returned failure commits the transaction as it stands
      if (resend) {
        const bumped = await lockAndBump(tx, c.id, args.version, now);
        if (bumped === null) return stale;
        version = bumped;
      } else {
        const applied = await contactOtherParty(tx, c, args, now, rules);
        version = applied.version;
        state = applied.state;
      }
      // only the newest link works: a resend, or a new contact after a transfer back to TRIAGED (M3), replaces the others
      if (live.length) {
        await tx
          .update(mediationInvitations)
          .set({ supersededAt: now })
          .where(inArray(mediationInvitations.id, live.map((r) => r.id)));
      }
      const inviteeUserId = await citizenAccountFor(tx, contact);
      const [inv] = await tx
        .insert(mediationInvitations)
        .values({
          caseId: c.id,
          tokenHash: hashToken(token),
          contact,
          inviteeUserId,
          invitedBy: args.user.id,
          invitedAt: now,
          expiresAt: expiry.expiresAt,
        })
        .returning({ id: mediationInvitations.id });
      const link = invitationLink(token);
      const data = { organName: c.organName, lastDay: expiry.lastDay };
      // The link goes to the address staff entered, by SMS and e-mail (notify.server.ts, "direct" deliveries).
      await tx.insert(outbox).values({
        topic: "notify",
        caseId: c.id,
        payload: { kind: "notify", to: "other_party", template: "mediation.invitation", data, direct: { ref: inv.id, ...contact, link } },
        createdAt: now,
        availableAt: now,
      });
      if (inviteeUserId) {
        // no case id: the inbox of someone not (yet) a party shows no case number, only the link
        await tx.insert(notifications).values({
          userId: inviteeUserId,
          caseId: null,
          kind: "mediation.invitation",
          data: { ...data, href: link },
          dedupeKey: `mediation-invitation:${inv.id}`,
          createdAt: now,
        });
      }
      await recordEvent(tx, {
        actorId: args.user.id,
        action: resend ? "mediation.invitation_resent" : "mediation.invitation_sent",
        subjectType: "case",
        subjectId: c.id,
        payload: {
          invitationId: inv.id,
          channels: [...(contact.phone ? ["sms"] : []), ...(contact.email ? ["email"] : []), ...(inviteeUserId ? ["inbox"] : [])],
          expiresAt: expiry.expiresAt.toISOString(),
          lastDay: expiry.lastDay,
        },
        requestId: args.requestId,
        occurredAt: now,
      });
      return { ok: true as const, invitationId: inv.id, state, version };
    });
  } catch (error) {
    if (error instanceof Rejected && !error.rejection.ok) {
      const r = error.rejection.reason;
      if (r.code === "VERSION_CONFLICT") return stale;
      if (r.code === "NOT_FOUND") return notFound;
      return { ok: false, status: 400, formError: "invite.errors.rejected", message: r.message, messageEn: r.messageEn };
    }
    throw error;
  }
}

/**
 * Staff record an answer the other party gave by phone or in person (answered_via "recorded", with the note), on the
 * live invitation — or, in TRIAGED with none sent, as the contact itself (M4 and an invitation row that was never
 * sent). An answer already given is not overwritten (409).
 */
export async function recordInvitationAnswer(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  form: RecordAnswerForm;
  now?: Date;
  requestId?: string;
}): Promise<InvitationCommandResult> {
  const db = getDb();
  const c = await findOrganMediation(db, args.user, args.caseNumber);
  if (!c) return notFound;
  if (!SENDABLE.includes(c.state)) return { ok: false, status: 409, formError: "invite.errors.notSendable" };
  const now = args.now ?? new Date();
  const rules = await loadDeadlineRules(db);
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx.select({ state: cases.state }).from(cases).where(eq(cases.id, c.id)).for("update");
      let version: number;
      let state = current?.state ?? c.state;
      let invitationId: string;
      const [live] = await tx
        .select({ id: mediationInvitations.id, answer: mediationInvitations.answer })
        .from(mediationInvitations)
        .where(and(eq(mediationInvitations.caseId, c.id), isNull(mediationInvitations.supersededAt)))
        .orderBy(desc(mediationInvitations.invitedAt))
        .limit(1)
        .for("update");
      if (state === "CONSENT_PENDING" && live?.answer) return { ok: false as const, status: 409 as const, formError: "invite.errors.alreadyAnswered" };
      if (state === "TRIAGED") {
        const applied = await contactOtherParty(tx, c, args, now, rules);
        version = applied.version;
        state = applied.state;
      } else {
        const bumped = await lockAndBump(tx, c.id, args.version, now);
        if (bumped === null) return stale;
        version = bumped;
      }
      if (live && state === "CONSENT_PENDING" && current?.state === "CONSENT_PENDING") {
        invitationId = live.id;
        await tx
          .update(mediationInvitations)
          .set({ answer: args.form.answer, answeredAt: now, answeredVia: "recorded", answerNote: args.form.note })
          .where(eq(mediationInvitations.id, live.id));
      } else {
        // contacted by phone before any link: a row that records the answer; its token is never sent, so it opens nothing
        if (live) await tx.update(mediationInvitations).set({ supersededAt: now }).where(eq(mediationInvitations.id, live.id));
        const expiry = invitationExpiry({
          invitedAt: now,
          workdays: rules.settings.mediationConsentWorkdays,
          calendar: rules.calendar,
          countMakeupWorkdays: rules.settings.countMakeupWorkdays,
        });
        const [inv] = await tx
          .insert(mediationInvitations)
          .values({
            caseId: c.id,
            tokenHash: hashToken(newInvitationToken()),
            contact: {},
            invitedBy: args.user.id,
            invitedAt: now,
            expiresAt: expiry.expiresAt,
            answer: args.form.answer,
            answeredAt: now,
            answeredVia: "recorded",
            answerNote: args.form.note,
          })
          .returning({ id: mediationInvitations.id });
        invitationId = inv.id;
      }
      await recordEvent(tx, {
        actorId: args.user.id,
        action: "mediation.invitation_answered",
        subjectType: "case",
        subjectId: c.id,
        payload: { invitationId, answer: args.form.answer, via: "recorded" },
        requestId: args.requestId,
        occurredAt: now,
      });
      return { ok: true as const, invitationId, state, version };
    });
  } catch (error) {
    if (error instanceof Rejected && !error.rejection.ok) {
      const r = error.rejection.reason;
      if (r.code === "VERSION_CONFLICT") return stale;
      if (r.code === "NOT_FOUND") return notFound;
      return { ok: false, status: 400, formError: "invite.errors.rejected", message: r.message, messageEn: r.messageEn };
    }
    throw error;
  }
}

/** For M1's accept/decline: the live invitation's answer of a request (null while unanswered or never sent). */
export async function otherPartyAnswerOf(caseId: string, q: Queryable = getDb()): Promise<{ answer: "accepted" | "declined" | null; invitationId: string | null }> {
  const [live] = await q
    .select({ id: mediationInvitations.id, answer: mediationInvitations.answer })
    .from(mediationInvitations)
    .where(and(eq(mediationInvitations.caseId, caseId), isNull(mediationInvitations.supersededAt)))
    .orderBy(desc(mediationInvitations.invitedAt))
    .limit(1);
  return { answer: live?.answer ?? null, invitationId: live?.id ?? null };
}

// ---------------------------------------------------------------------------------------------------------------
// The invitee's side (public, no login).

export type OpenedInvitation =
  | { status: "open"; httpStatus: 200; view: InvitationView }
  | { status: Exclude<LinkStatus, "open">; httpStatus: 404 | 410; answer: "accepted" | "declined" | null };

async function findByToken(q: Queryable, token: string | undefined) {
  // a malformed token is not looked up; a well-formed one is found by its hash through the unique index, so the lookup
  // neither compares the token itself nor takes longer for a nearly right one
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const [row] = await q
    .select({
      id: mediationInvitations.id,
      caseId: mediationInvitations.caseId,
      inviteeUserId: mediationInvitations.inviteeUserId,
      expiresAt: mediationInvitations.expiresAt,
      answer: mediationInvitations.answer,
      answeredAt: mediationInvitations.answeredAt,
      supersededAt: mediationInvitations.supersededAt,
      invitedAt: mediationInvitations.invitedAt,
      state: cases.state,
      machine: cases.machine,
      category: cases.category,
      organName: organs.name,
    })
    .from(mediationInvitations)
    .innerJoin(cases, eq(cases.id, mediationInvitations.caseId))
    .leftJoin(organs, eq(organs.id, cases.organId))
    .where(eq(mediationInvitations.tokenHash, hashToken(token)));
  return row && row.machine === "mediation" ? row : null;
}

/** What the link shows; reads only. */
export async function openInvitation(args: { token: string | undefined; now?: Date }): Promise<OpenedInvitation> {
  const q = getDb();
  const row = await findByToken(q, args.token);
  const status = linkStatus(row, args.now ?? new Date(), row?.state);
  if (!row || status !== "open") {
    const closed = status === "open" ? "unknown" : status;
    return { status: closed, httpStatus: linkHttpStatus(closed) as 404 | 410, answer: row?.answer ?? null };
  }
  const parties = await q
    .select({ role: caseParties.role, kind: caseParties.kind, name: caseParties.name })
    .from(caseParties)
    .where(and(eq(caseParties.caseId, row.caseId), inArray(caseParties.role, ["applicant", "other_party"])))
    .orderBy(asc(caseParties.position));
  const applicant = parties.find((p) => p.role === "applicant");
  const other = parties.find((p) => p.role === "other_party");
  return {
    status: "open",
    httpStatus: 200,
    view: invitationViewOf({
      organName: row.organName ?? "",
      category: row.category,
      applicantName: applicant?.name ?? "",
      applicantKind: applicant?.kind === "organisation" ? "organisation" : "person",
      otherPartyName: other?.name ?? "",
      expiresAt: row.expiresAt,
    }),
  };
}

export type AnswerResult =
  | { ok: true; answer: "accepted" | "declined" }
  | { ok: false; status: 404 | 409 | 410; linkStatus: Exclude<LinkStatus, "open"> };

/**
 * The invitee's answer through the link: once (a second answer is 409 "已答复"), audited, and the organ's handler (or
 * its office heads) told. An invitee with an account who agrees becomes the other party of the request in the portal
 * (case_parties.user_id), so the request appears in their /my/cases.
 */
export async function answerInvitation(args: {
  token: string | undefined;
  form: InvitationAnswerForm;
  /** The signed-in user, if any: recorded as the actor when it is the invitee's own account. */
  userId?: string | null;
  now?: Date;
  requestId?: string;
}): Promise<AnswerResult> {
  const db = getDb();
  const now = args.now ?? new Date();
  const found = await findByToken(db, args.token);
  if (!found) return { ok: false, status: 404, linkStatus: "unknown" };
  return db.transaction(async (tx) => {
    // the request first, then the invitation: the order the organ's commands lock in
    const [c] = await tx.select({ state: cases.state }).from(cases).where(eq(cases.id, found.caseId)).for("update");
    const [row] = await tx
      .select({
        id: mediationInvitations.id,
        expiresAt: mediationInvitations.expiresAt,
        answer: mediationInvitations.answer,
        answeredAt: mediationInvitations.answeredAt,
        supersededAt: mediationInvitations.supersededAt,
        inviteeUserId: mediationInvitations.inviteeUserId,
      })
      .from(mediationInvitations)
      .where(eq(mediationInvitations.id, found.id))
      .for("update");
    const status = linkStatus(row ?? null, now, c?.state);
    if (status === "answered") return { ok: false as const, status: 409 as const, linkStatus: status };
    if (status !== "open") return { ok: false as const, status: linkHttpStatus(status) as 404 | 410, linkStatus: status };
    await tx
      .update(mediationInvitations)
      .set({ answer: args.form.answer, answeredAt: now, answeredVia: "online", answerNote: args.form.reason ?? null })
      .where(and(eq(mediationInvitations.id, row.id), isNull(mediationInvitations.answer)));
    await tx.update(cases).set({ version: sql`${cases.version} + 1`, updatedAt: now }).where(eq(cases.id, found.caseId));
    const actorIsInvitee = Boolean(args.userId && row.inviteeUserId && args.userId === row.inviteeUserId);
    if (args.form.answer === "accepted" && row.inviteeUserId) {
      // the account the link was matched to becomes the other party's account on the request (read-only /my/cases)
      await tx
        .update(caseParties)
        .set({ userId: row.inviteeUserId })
        .where(and(eq(caseParties.caseId, found.caseId), eq(caseParties.role, "other_party"), isNull(caseParties.userId)));
    }
    await tx.insert(outbox).values({
      topic: "notify",
      caseId: found.caseId,
      payload: { kind: "notify", to: "handler", orElse: "office_head", template: args.form.answer === "accepted" ? "mediation.invitation_accepted" : "mediation.invitation_declined", data: {} },
      createdAt: now,
      availableAt: now,
    });
    await recordEvent(tx, {
      actorId: actorIsInvitee ? args.userId! : null,
      action: "mediation.invitation_answered",
      subjectType: "case",
      subjectId: found.caseId,
      payload: { invitationId: row.id, answer: args.form.answer, via: "online", reasonGiven: Boolean(args.form.reason) },
      requestId: args.requestId,
      occurredAt: now,
    });
    return { ok: true as const, answer: args.form.answer };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// What the parties see of a mediation on /my/cases/:caseNumber (my-cases.server.ts calls this).

export interface PartyMediationView {
  invitation: { invitedAt: string; lastDay: string; answer: "accepted" | "declined" | null; answeredAt: string | null; expired: boolean } | null;
  sessions: { scheduledAt: string; mode: string; place: string; held: boolean }[];
  performance: { status: string; visitedOn: string } | null;
}

export async function partyMediationView(q: Queryable, caseId: string, now: Date = new Date()): Promise<PartyMediationView> {
  const [rows, sessions, followUps] = await Promise.all([
    invitationRowsOf(q, caseId),
    q
      .select({ scheduledAt: mediationSessions.scheduledAt, mode: mediationSessions.mode, place: mediationSessions.place, heldAt: mediationSessions.heldAt })
      .from(mediationSessions)
      .where(and(eq(mediationSessions.caseId, caseId), isNull(mediationSessions.cancelledAt)))
      .orderBy(asc(mediationSessions.scheduledAt)),
    q
      .select({ status: mediationFollowUps.performanceStatus, visitedOn: mediationFollowUps.visitedOn })
      .from(mediationFollowUps)
      .where(eq(mediationFollowUps.caseId, caseId))
      .orderBy(desc(mediationFollowUps.visitedOn), desc(mediationFollowUps.recordedAt))
      .limit(1),
  ]);
  const live = rows.find((r) => !r.supersededAt);
  return {
    invitation: live
      ? {
          invitedAt: live.invitedAt.toISOString(),
          lastDay: todayInShanghai(new Date(live.expiresAt.getTime() - 1)),
          answer: live.answer,
          answeredAt: live.answeredAt?.toISOString() ?? null,
          expired: !live.answer && now >= live.expiresAt,
        }
      : null,
    sessions: sessions.map((s) => ({ scheduledAt: s.scheduledAt.toISOString(), mode: s.mode, place: s.place, held: s.heldAt !== null })),
    performance: followUps[0] ? { status: followUps[0].status, visitedOn: followUps[0].visitedOn } : null,
  };
}
