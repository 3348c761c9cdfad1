// Administrative mediation at the competent organ (issue 7 req. 1; DOMAIN.md §16 M4–M12, §12): after the center routed
// a request to a department, that organ's staff accept or decline it (the other party's answer to the invitation,
// app/services/…invitation, decides whether acceptance is possible at all), assign mediators free of conflict, hold
// sessions with minutes, and end with an agreement (调解协议书) or a termination notice; after an agreement, follow-up
// visits record performance. Each form is one transaction on the version the user saw: the rows it writes, the
// machine command (applyCommandInTransaction) and the audit events commit together, or nothing does.
// Reconsideration staff and office heads whose membership covers the request's organ see it; to others it does not exist.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Queryable, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import {
  auditEvents,
  caseConflicts,
  caseDocuments,
  caseParties,
  cases,
  deadlines,
  mediationAgreements,
  mediationFollowUps,
  mediationInvitations,
  mediationMediators,
  mediationSessions,
  organs,
  roleMemberships,
  users,
} from "../../db/schema/index";
import { fieldErrors } from "~/domain/application";
import { todayInShanghai, type IsoDate } from "~/domain/calendar";
import type { ShownDeadline } from "~/domain/deadlines";
import type { RenderedDocument } from "~/domain/documents";
import { mediationStateLabels, type DisputeKind, type MediationState, type MediationStateName } from "~/domain/machines/mediation";
import {
  agreementConfirmations,
  availableMediationIntents,
  FOLLOW_UP_STATES,
  IN_SESSION,
  MEDIATING,
  failDeadlineSchema,
  filedActDates,
  followUpCommand,
  followUpFormSchema,
  mediationFormSchemas,
  mediatorExclusions,
  needsReconsiderationAdvice,
  offeredDeclineGrounds,
  reconsiderationAdvice,
  shanghaiDateTime,
  type AgreementParty,
  type MediationIntent,
  type MediatorExclusion,
  type PerformanceStatus,
  type PerformanceTerm,
} from "~/domain/mediation-handling";
import type { ExplanationStep } from "~/domain/periods";
import { maskOptional } from "~/domain/personal-data";
import { membershipCovers } from "~/domain/policy";
import { CASE_NUMBER_PATTERN } from "~/domain/receipt";
import type { Role } from "~/domain/roles";
import type { z } from "zod";
import type { ZodMiniType } from "zod/mini";
import { loadDeadlineRules } from "./calendar.server";
import { organPath, organSubtreeIds } from "./organs.server";
import type { CurrentUser } from "./session.server";
import { applyCommandInTransaction, bumpCaseVersion, Rejected } from "./transitions.server";

/** The machine's ORGAN roles (app/domain/machines/mediation.ts): the route answers 403 to everyone else. */
export const mediationRoles: readonly Role[] = ["reconsideration_staff", "office_head"];

export type MediationResult =
  | { ok: true; state: string; version: number }
  | {
      ok: false;
      status: 400 | 404 | 409;
      code: string;
      /** A message key of the "mh" area (or the shared errors). */
      formError?: string;
      /** The machine's own words for a refusal (Chinese, English). */
      message?: string;
      messageEn?: string;
      errors?: Record<string, string>;
    };

const notFound: MediationResult = { ok: false, status: 404, code: "NOT_FOUND", formError: "mh.errors.notFound" };
const conflict: MediationResult = { ok: false, status: 409, code: "VERSION_CONFLICT", formError: "mh.errors.conflict" };
const invalid = (errors: Record<string, string>, formError = "mh.errors.form"): MediationResult => ({ ok: false, status: 400, code: "INVALID_FORM", formError, errors });

/** Thrown inside a transaction to roll it back with a result. */
class Refusal extends Error {
  constructor(readonly result: MediationResult) {
    super("refused");
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scope

interface LoadedRequest {
  id: string;
  caseNumber: string;
  state: MediationStateName;
  version: number;
  data: MediationState;
  organId: string;
  filedBy: string | null;
  filing: unknown;
  receivedAt: Date | null;
  category: string | null;
  role: Role;
}

/** The request by number, if it was routed to administrative mediation at an organ the user covers as staff or head. */
async function findRequest(q: Queryable, user: CurrentUser, caseNumber: string): Promise<LoadedRequest | null> {
  if (!CASE_NUMBER_PATTERN.test(caseNumber)) return null;
  const [row] = await q
    .select({
      id: cases.id,
      machine: cases.machine,
      state: cases.state,
      data: cases.data,
      version: cases.version,
      caseNumber: cases.caseNumber,
      organId: cases.organId,
      filedBy: cases.filedBy,
      filing: cases.filing,
      receivedAt: cases.receivedAt,
      category: cases.category,
      triageStatus: cases.triageStatus,
    })
    .from(cases)
    .where(eq(cases.caseNumber, caseNumber));
  if (!row || row.machine !== "mediation" || !row.organId || row.triageStatus === "pending") return null;
  const data = row.data as MediationState;
  if (data.route !== "administrative_mediation") return null;
  const path = await organPath(q, row.organId);
  const order: Role[] = ["reconsideration_staff", "office_head"];
  const role = order.find((r) => user.memberships.some((m) => m.role === r && membershipCovers(m, path)));
  if (!role) return null;
  return {
    id: row.id,
    caseNumber: row.caseNumber!,
    state: row.state as MediationStateName,
    version: row.version,
    data,
    organId: row.organId,
    filedBy: row.filedBy,
    filing: row.filing,
    receivedAt: row.receivedAt,
    category: row.category,
    role,
  };
}

/** The organs whose requests the user handles: each membership's organ, and its subtree where it includes subordinates. */
async function coveredOrganIds(q: Queryable, user: CurrentUser): Promise<string[]> {
  const ms = user.memberships.filter((m) => mediationRoles.includes(m.role));
  const exact = ms.map((m) => m.organId);
  const sub = ms.filter((m) => m.includeSubordinates).map((m) => m.organId);
  return [...new Set([...exact, ...(sub.length ? await organSubtreeIds(q, sub) : [])])];
}

// ---------------------------------------------------------------------------------------------------------------
// The list

export interface MediationListRow {
  caseNumber: string;
  state: MediationStateName;
  stateLabel: string;
  organName: string;
  applicant: string | null;
  otherParty: string | null;
  receivedAt: string | null;
  nearestDue: { kind: string; dueDate: IsoDate } | null;
}

/** The mediation requests at the user's organs, nearest running deadline first (those without one last). */
export async function listMediationRequests(args: { user: CurrentUser; limit?: number }): Promise<MediationListRow[]> {
  const q = getDb();
  const organIds = await coveredOrganIds(q, args.user);
  if (organIds.length === 0) return [];
  const rows = await q
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      state: cases.state,
      applicant: cases.applicantNames,
      receivedAt: cases.receivedAt,
      organName: organs.name,
    })
    .from(cases)
    .innerJoin(organs, eq(organs.id, cases.organId))
    .where(
      and(
        eq(cases.machine, "mediation"),
        inArray(cases.organId, organIds),
        eq(cases.triageStatus, "routed"),
        sql`${cases.data}->>'route' = 'administrative_mediation'`,
      ),
    )
    .orderBy(desc(cases.receivedAt), asc(cases.id))
    .limit(Math.min(Math.max(args.limit ?? 300, 1), 1000));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const due = await q
    .select({ caseId: deadlines.caseId, kind: deadlines.kind, dueDate: deadlines.dueDate })
    .from(deadlines)
    .where(and(inArray(deadlines.caseId, ids), eq(deadlines.status, "running")))
    .orderBy(asc(deadlines.dueDate));
  const others = await q
    .select({ caseId: caseParties.caseId, name: caseParties.name })
    .from(caseParties)
    .where(and(inArray(caseParties.caseId, ids), eq(caseParties.role, "other_party")))
    .orderBy(asc(caseParties.position));
  const list = rows
    .filter((r) => r.caseNumber)
    .map((r) => {
      const d = due.find((x) => x.caseId === r.id);
      return {
        caseNumber: r.caseNumber!,
        state: r.state as MediationStateName,
        stateLabel: mediationStateLabels[r.state as MediationStateName] ?? r.state,
        organName: r.organName,
        applicant: r.applicant,
        otherParty: others.filter((o) => o.caseId === r.id).map((o) => o.name).join("、") || null,
        receivedAt: r.receivedAt?.toISOString() ?? null,
        nearestDue: d ? { kind: d.kind, dueDate: d.dueDate } : null,
      };
    });
  return list.sort((a, b) => (a.nearestDue?.dueDate ?? "9999") .localeCompare(b.nearestDue?.dueDate ?? "9999"));
}

// ---------------------------------------------------------------------------------------------------------------
// The page

export interface MediationPage {
  caseNumber: string;
  state: MediationStateName;
  stateLabel: string;
  version: number;
  role: Role;
  today: IsoDate;
  organName: string;
  receivedAt: string | null;
  category: string | null;
  disputeKind: DisputeKind | null;
  complex: boolean;
  outcome: MediationState["outcome"];
  happened: string | null;
  wantedOutcome: string | null;
  parties: (AgreementParty & { contact: string | null })[];
  invitation: { answer: "accepted" | "declined" | null; invitedAt: string; answeredAt: string | null } | null;
  /** M2's page for the invitation (CONTACT_OTHER_PARTY and the answer), linked while the request waits for it. */
  invitationHref: string | null;
  deadlines: ShownDeadline[];
  documents: { id: string; kind: string; title: string | null; issuedAt: string }[];
  history: { action: string; transition: string | null; from: string | null; to: string | null; at: string; actor: string | null }[];
  mediators: { id: string; userId: string; name: string; assignedAt: string; declaredNoConflictAt: string | null; removedAt: string | null; removedReason: string | null }[];
  candidates: { userId: string; name: string; exclusions: MediatorExclusion[] }[];
  sessions: { id: string; scheduledAt: string; mode: string; place: string; participants: string; minutes: string | null; heldAt: string | null; cancelledAt: string | null }[];
  agreement: {
    terms: string;
    performanceTerms: PerformanceTerm[];
    confirmations: { party: string; name: string; via: string; confirmedAt: string }[];
    judicialConfirmationEligible: boolean;
    signedOn: string | null;
    documentId: string | null;
    confirmationDue: IsoDate | null;
  } | null;
  followUps: { visitedOn: string; method: string; performanceStatus: PerformanceStatus; notes: string; recordedBy: string | null }[];
  /** The latest visit's finding (null before any). */
  performanceStatus: PerformanceStatus | null;
  intents: MediationIntent[];
  declineGrounds: readonly string[];
  /** The failure form asks when the applicant learned of the act (Art. 20), the request not saying it. */
  needsLearnedOn: boolean;
}

async function latestInvitation(q: Queryable, caseId: string) {
  const [row] = await q
    .select({ answer: mediationInvitations.answer, invitedAt: mediationInvitations.invitedAt, answeredAt: mediationInvitations.answeredAt, inviteeUserId: mediationInvitations.inviteeUserId })
    .from(mediationInvitations)
    .where(and(eq(mediationInvitations.caseId, caseId), isNull(mediationInvitations.supersededAt)))
    .orderBy(desc(mediationInvitations.invitedAt), desc(mediationInvitations.id))
    .limit(1);
  return row ?? null;
}

async function partiesOf(q: Queryable, caseId: string) {
  const rows = await q
    .select({ role: caseParties.role, position: caseParties.position, name: caseParties.name, userId: caseParties.userId, details: caseParties.details })
    .from(caseParties)
    .where(and(eq(caseParties.caseId, caseId), inArray(caseParties.role, ["applicant", "other_party"])))
    .orderBy(asc(caseParties.role), asc(caseParties.position));
  return rows.map((r) => ({ ...r, role: r.role as AgreementParty["role"] }));
}

async function activeMediators(q: Queryable, caseId: string) {
  return q
    .select({ id: mediationMediators.id, userId: mediationMediators.userId, declaredNoConflictAt: mediationMediators.declaredNoConflictAt })
    .from(mediationMediators)
    .where(and(eq(mediationMediators.caseId, caseId), isNull(mediationMediators.removedAt)));
}

/** Staff and heads of the request's organ itself: who may be assigned as mediator, each with the reasons excluding them. */
async function mediatorCandidates(q: Queryable, c: LoadedRequest) {
  const staff = await q
    .select({ userId: users.id, name: users.displayName })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(and(eq(roleMemberships.organId, c.organId), inArray(roleMemberships.role, [...mediationRoles]), eq(users.disabled, false)))
    .orderBy(asc(users.displayName));
  const unique = [...new Map(staff.map((s) => [s.userId, s])).values()];
  const conflicts = await q.select({ userId: caseConflicts.userId, reason: caseConflicts.reason }).from(caseConflicts).where(eq(caseConflicts.caseId, c.id));
  const parties = await partiesOf(q, c.id);
  const invitation = await latestInvitation(q, c.id);
  const active = await activeMediators(q, c.id);
  const facts = {
    conflicts,
    partyUserIds: [c.filedBy, invitation?.inviteeUserId ?? null, ...parties.map((p) => p.userId)].filter((x): x is string => !!x),
    partyNames: parties.map((p) => p.name),
    activeMediatorIds: active.map((m) => m.userId),
  };
  return unique.map((s) => ({ userId: s.userId, name: s.name, exclusions: mediatorExclusions(s, facts) }));
}

/** The page of one request, or null (→ 404) when it does not exist or is outside the user's organs. */
export async function getMediationPage(args: { user: CurrentUser; caseNumber: string; now?: Date }): Promise<MediationPage | null> {
  const q = getDb();
  const c = await findRequest(q, args.user, args.caseNumber);
  if (!c) return null;
  const now = args.now ?? new Date();
  const [organ] = await q.select({ name: organs.name }).from(organs).where(eq(organs.id, c.organId));
  const parties = await partiesOf(q, c.id);
  const invitation = await latestInvitation(q, c.id);
  const deadlineRows = await q
    .select({
      kind: deadlines.kind,
      basis: deadlines.basis,
      startDate: deadlines.startDate,
      dueDate: deadlines.dueDate,
      status: deadlines.status,
      provisional: deadlines.provisional,
      explanation: deadlines.explanation,
    })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, c.id), inArray(deadlines.status, ["running", "paused"])))
    .orderBy(asc(deadlines.dueDate));
  const documents = await q
    .select({ id: caseDocuments.id, kind: caseDocuments.kind, title: caseDocuments.title, issuedAt: caseDocuments.issuedAt })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, c.id))
    .orderBy(asc(caseDocuments.issuedAt));
  const events = await q
    .select({ action: auditEvents.action, payload: auditEvents.payload, occurredAt: auditEvents.occurredAt, actor: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.subjectType, "case"), eq(auditEvents.subjectId, c.id)))
    .orderBy(asc(auditEvents.id))
    .limit(500);
  const mediatorRows = await q
    .select({
      id: mediationMediators.id,
      userId: mediationMediators.userId,
      name: users.displayName,
      assignedAt: mediationMediators.assignedAt,
      declaredNoConflictAt: mediationMediators.declaredNoConflictAt,
      removedAt: mediationMediators.removedAt,
      removedReason: mediationMediators.removedReason,
    })
    .from(mediationMediators)
    .innerJoin(users, eq(users.id, mediationMediators.userId))
    .where(eq(mediationMediators.caseId, c.id))
    .orderBy(asc(mediationMediators.assignedAt));
  const sessionRows = await q
    .select({
      id: mediationSessions.id,
      scheduledAt: mediationSessions.scheduledAt,
      mode: mediationSessions.mode,
      place: mediationSessions.place,
      participants: mediationSessions.participants,
      minutes: mediationSessions.minutes,
      heldAt: mediationSessions.heldAt,
      cancelledAt: mediationSessions.cancelledAt,
    })
    .from(mediationSessions)
    .where(eq(mediationSessions.caseId, c.id))
    .orderBy(asc(mediationSessions.scheduledAt));
  const [agreement] = await q
    .select({
      terms: mediationAgreements.terms,
      performanceTerms: mediationAgreements.performanceTerms,
      confirmations: mediationAgreements.confirmations,
      judicialConfirmationEligible: mediationAgreements.judicialConfirmationEligible,
      signedOn: mediationAgreements.signedOn,
      documentId: mediationAgreements.documentId,
      confirmationDue: deadlines.dueDate,
    })
    .from(mediationAgreements)
    .leftJoin(deadlines, eq(deadlines.id, mediationAgreements.confirmationDeadlineId))
    .where(eq(mediationAgreements.caseId, c.id));
  const followUps = await q
    .select({
      visitedOn: mediationFollowUps.visitedOn,
      method: mediationFollowUps.method,
      performanceStatus: mediationFollowUps.performanceStatus,
      notes: mediationFollowUps.notes,
      recordedBy: users.displayName,
    })
    .from(mediationFollowUps)
    .leftJoin(users, eq(users.id, mediationFollowUps.recordedBy))
    .where(eq(mediationFollowUps.caseId, c.id))
    .orderBy(asc(mediationFollowUps.visitedOn), asc(mediationFollowUps.recordedAt));
  const active = mediatorRows.filter((m) => !m.removedAt);
  const openSessions = sessionRows.filter((s) => !s.heldAt && !s.cancelledAt).length;
  const answer = invitation?.answer ?? null;
  const intents = availableMediationIntents({
    state: c.state,
    role: c.role,
    otherPartyAnswer: answer,
    activeMediators: active.length,
    mayDeclare: active.some((m) => m.userId === args.user.id && !m.declaredNoConflictAt),
    openSessions,
  });
  const filing = (c.filing ?? {}) as { happened?: unknown; wantedOutcome?: unknown };
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
  const payload = (p: unknown) => (p ?? {}) as { transition?: string; from?: string; to?: string };
  return {
    caseNumber: c.caseNumber,
    state: c.state,
    stateLabel: mediationStateLabels[c.state] ?? c.state,
    version: c.version,
    role: c.role,
    today: todayInShanghai(now),
    organName: organ?.name ?? "",
    receivedAt: c.receivedAt?.toISOString() ?? null,
    category: c.category,
    disputeKind: c.data.disputeKind,
    complex: c.data.complex,
    outcome: c.data.outcome,
    happened: str(filing.happened),
    wantedOutcome: str(filing.wantedOutcome),
    parties: parties.map((p) => {
      const d = (p.details ?? {}) as { phone?: unknown; contact?: unknown };
      return { role: p.role, position: p.position, name: p.name, contact: maskOptional(str(d.phone) ?? str(d.contact)) };
    }),
    invitation: invitation ? { answer, invitedAt: invitation.invitedAt.toISOString(), answeredAt: invitation.answeredAt?.toISOString() ?? null } : null,
    invitationHref: c.state === "TRIAGED" || c.state === "CONSENT_PENDING" ? `/staff/mediation/${encodeURIComponent(c.caseNumber)}/invitation` : null,
    deadlines: deadlineRows.map((d) => ({ ...d, explanation: d.explanation as ExplanationStep[] })),
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, title: d.title, issuedAt: d.issuedAt.toISOString() })),
    history: events.map((e) => ({
      action: e.action,
      transition: payload(e.payload).transition ?? null,
      from: payload(e.payload).from ?? null,
      to: payload(e.payload).to ?? null,
      at: e.occurredAt.toISOString(),
      actor: e.actor ?? null,
    })),
    mediators: mediatorRows.map((m) => ({
      id: m.id,
      userId: m.userId,
      name: m.name,
      assignedAt: m.assignedAt.toISOString(),
      declaredNoConflictAt: m.declaredNoConflictAt?.toISOString() ?? null,
      removedAt: m.removedAt?.toISOString() ?? null,
      removedReason: m.removedReason,
    })),
    candidates: intents.includes("assign_mediator") ? await mediatorCandidates(q, c) : [],
    sessions: sessionRows.map((s) => ({
      id: s.id,
      scheduledAt: s.scheduledAt.toISOString(),
      mode: s.mode,
      place: s.place,
      participants: Array.isArray(s.participants) ? (s.participants as { name?: string }[]).map((p) => p.name ?? "").filter(Boolean).join("、") : "",
      minutes: s.minutes,
      heldAt: s.heldAt?.toISOString() ?? null,
      cancelledAt: s.cancelledAt?.toISOString() ?? null,
    })),
    agreement: agreement
      ? {
          terms: agreement.terms,
          performanceTerms: agreement.performanceTerms as PerformanceTerm[],
          confirmations: agreement.confirmations as { party: string; name: string; via: string; confirmedAt: string }[],
          judicialConfirmationEligible: agreement.judicialConfirmationEligible,
          signedOn: agreement.signedOn,
          documentId: agreement.documentId,
          confirmationDue: agreement.confirmationDue ?? null,
        }
      : null,
    followUps: followUps.map((f) => ({ ...f, performanceStatus: f.performanceStatus as PerformanceStatus })),
    performanceStatus: (followUps.at(-1)?.performanceStatus as PerformanceStatus | undefined) ?? null,
    intents,
    declineGrounds: offeredDeclineGrounds(answer),
    needsLearnedOn: needsReconsiderationAdvice(c.data.disputeKind) && !filedActDates(c.filing),
  };
}

/** Whether the request exists for `user` (an action answers 404 before it reads the form). */
export async function mediationRequestExists(args: { user: CurrentUser; caseNumber: string }): Promise<boolean> {
  return (await findRequest(getDb(), args.user, args.caseNumber)) !== null;
}

/** One issued document of a request the user handles (null → 404). */
export async function getMediationDocument(args: { user: CurrentUser; caseNumber: string; documentId: string }): Promise<{ caseNumber: string; document: RenderedDocument } | null> {
  const q = getDb();
  const c = await findRequest(q, args.user, args.caseNumber);
  if (!c || !/^[0-9a-f-]{36}$/i.test(args.documentId)) return null;
  const [doc] = await q
    .select({ content: caseDocuments.content })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.id, args.documentId), eq(caseDocuments.caseId, c.id)));
  const rendered = (doc?.content as { document?: RenderedDocument } | undefined)?.document;
  return rendered ? { caseNumber: c.caseNumber, document: rendered } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The forms

/**
 * Runs one form of the page: reads it with its schema (bad input: 400, nothing written), checks what only the database
 * knows (the other party's answer, the mediators, the sessions), then writes in ONE transaction on the version the
 * user saw: the form's rows, the machine command when the form has one, and the audit events.
 */
export async function runMediationCommand(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  intent: MediationIntent;
  form: Record<string, unknown>;
  now?: Date;
  requestId?: string;
}): Promise<MediationResult> {
  const q = getDb();
  const c = await findRequest(q, args.user, args.caseNumber);
  if (!c) return notFound;
  const now = args.now ?? new Date();
  const today = todayInShanghai(now);
  const actorId = args.user.id;

  // A form with a schema is read by it first; the follow-up visit's schema depends on today.
  let form: Record<string, unknown> = {};
  if (args.intent === "follow_up") {
    const parsed = followUpFormSchema(today).safeParse(args.form);
    if (!parsed.success) return invalid(fieldErrors(parsed.error));
    form = parsed.data;
  } else {
    const parsed = (mediationFormSchemas[args.intent] as ZodMiniType).safeParse(args.form);
    if (!parsed.success) return invalid(fieldErrors(parsed.error));
    form = parsed.data as Record<string, unknown>;
  }

  const event = (tx: Tx, action: string, payload: Record<string, unknown>) =>
    recordEvent(tx, { actorId, action, subjectType: "case", subjectId: c.id, payload, requestId: args.requestId, occurredAt: now });
  const command = async (tx: Tx, cmd: { type: string } & Record<string, unknown>, rules?: Awaited<ReturnType<typeof loadDeadlineRules>>) => {
    const applied = await applyCommandInTransaction(
      tx,
      { caseId: c.id, expectedVersion: args.version, command: cmd, actor: { role: c.role, userId: actorId }, actorUserId: actorId, now, requestId: args.requestId },
      rules,
    );
    return { state: applied.state, version: applied.version };
  };
  /** A change the machine does not model (mediators, sessions, a visit) still takes the version: stale forms get 409. */
  const bump = async (tx: Tx) => {
    const bumped = await bumpCaseVersion(tx, c.id, args.version, { updatedAt: now });
    if (!bumped) throw new Refusal(conflict);
    return bumped;
  };
  const refuse = (errors: Record<string, string>, formError = "mh.errors.form"): never => {
    throw new Refusal(invalid(errors, formError));
  };
  const mustBeIn = (states: readonly MediationStateName[]) => {
    if (!states.includes(c.state)) throw new Refusal({ ok: false, status: 400, code: "WRONG_STATE", formError: "mh.errors.wrongState" });
  };
  const rules = args.intent === "fail" || args.intent === "agreement" ? await loadDeadlineRules(q) : undefined;

  const work = async (tx: Tx): Promise<{ state: string; version: number }> => {
    // The row lock comes first: every check below then reads what no one else can change before commit.
    const [locked] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, c.id)).for("update");
    if (!locked || locked.version !== args.version) throw new Refusal(conflict);
    switch (args.intent) {
      case "accept": {
        const f = form as z.output<typeof mediationFormSchemas.accept>;
        // 人民调解法 第十七条 (12.03, 12.22): consent is the other party's own answer to the invitation, never a checkbox.
        const invitation = await latestInvitation(tx, c.id);
        return command(tx, {
          type: "ACCEPT_REQUEST",
          otherPartyConsented: invitation?.answer === "accepted",
          ineligibility: f.ineligibility,
          ...(f.agreedDays ? { agreedDays: f.agreedDays } : {}),
        });
      }
      case "decline": {
        const f = form as z.output<typeof mediationFormSchemas.decline>;
        const invitation = await latestInvitation(tx, c.id);
        if (!offeredDeclineGrounds(invitation?.answer ?? null).includes(f.ground)) refuse({ ground: "mh.errors.groundNotOffered" });
        return command(tx, { type: "DECLINE_REQUEST", ground: f.ground, reasons: f.reasons });
      }
      case "assign_mediator": {
        mustBeIn(MEDIATING);
        const f = form as z.output<typeof mediationFormSchemas.assign_mediator>;
        const candidate = (await mediatorCandidates(tx, c)).find((x) => x.userId === f.userId);
        if (!candidate) refuse({ userId: "mh.errors.notStaff" });
        if (candidate!.exclusions.length > 0) refuse({ userId: "mh.errors.excluded" }, "mh.errors.excluded");
        const next = await bump(tx);
        await tx.insert(mediationMediators).values({ caseId: c.id, userId: f.userId, assignedBy: actorId, assignedAt: now });
        await event(tx, "mediation.mediator_assigned", { userId: f.userId, name: candidate!.name, basis: "《人民调解法》第二十二条、第二十三条（参照）" });
        return next;
      }
      case "declare_no_conflict": {
        mustBeIn(MEDIATING);
        const mine = (await activeMediators(tx, c.id)).find((m) => m.userId === actorId && !m.declaredNoConflictAt);
        if (!mine) refuse({ confirm: "mh.errors.notMediator" });
        const next = await bump(tx);
        await tx.update(mediationMediators).set({ declaredNoConflictAt: now }).where(eq(mediationMediators.id, mine!.id));
        await event(tx, "mediation.no_conflict_declared", { mediatorId: mine!.id });
        return next;
      }
      case "remove_mediator": {
        mustBeIn(MEDIATING);
        const f = form as z.output<typeof mediationFormSchemas.remove_mediator>;
        const target = (await activeMediators(tx, c.id)).find((m) => m.id === f.mediatorId);
        if (!target) refuse({ mediatorId: "mh.errors.choose" });
        const next = await bump(tx);
        await tx.update(mediationMediators).set({ removedAt: now, removedReason: f.reason }).where(eq(mediationMediators.id, f.mediatorId));
        await event(tx, "mediation.mediator_removed", { mediatorId: f.mediatorId, userId: target!.userId, reason: f.reason, basis: "《人民调解法》第二十三条（参照）" });
        return next;
      }
      case "start": {
        if ((await activeMediators(tx, c.id)).length === 0) refuse({}, "mh.errors.noMediator");
        return command(tx, { type: "START_MEDIATION" });
      }
      case "schedule_session": {
        mustBeIn(MEDIATING);
        const f = form as z.output<typeof mediationFormSchemas.schedule_session>;
        const at = shanghaiDateTime(f.scheduledAt);
        if (Number.isNaN(at.getTime())) refuse({ scheduledAt: "mh.errors.datetime" });
        const participants = f.participants
          .split(/[、,，;；\n]+/u)
          .map((s) => s.trim())
          .filter(Boolean)
          .slice(0, 30)
          .map((name) => ({ name }));
        const next = await bump(tx);
        const [row] = await tx
          .insert(mediationSessions)
          .values({ caseId: c.id, scheduledAt: at, mode: f.mode, place: f.place, participants, createdBy: actorId, createdAt: now })
          .returning({ id: mediationSessions.id });
        await event(tx, "mediation.session_scheduled", { sessionId: row.id, scheduledAt: at.toISOString(), mode: f.mode });
        return next;
      }
      case "record_session":
      case "cancel_session": {
        mustBeIn(IN_SESSION);
        const f = form as { sessionId: string; minutes?: string };
        const [session] = await tx
          .select({ id: mediationSessions.id, heldAt: mediationSessions.heldAt, cancelledAt: mediationSessions.cancelledAt })
          .from(mediationSessions)
          .where(and(eq(mediationSessions.id, f.sessionId), eq(mediationSessions.caseId, c.id)));
        if (!session || session.heldAt || session.cancelledAt) refuse({ sessionId: "mh.errors.sessionClosed" });
        if (args.intent === "record_session") {
          // The mediators declare they have no conflict before they mediate (人民调解法 第二十二条，参照).
          const active = await activeMediators(tx, c.id);
          if (active.length === 0 || active.some((m) => !m.declaredNoConflictAt)) refuse({}, "mh.errors.undeclared");
        }
        const next = await bump(tx);
        if (args.intent === "record_session") {
          await tx.update(mediationSessions).set({ minutes: f.minutes!, heldAt: now }).where(eq(mediationSessions.id, f.sessionId));
          await event(tx, "mediation.session_held", { sessionId: f.sessionId });
        } else {
          await tx.update(mediationSessions).set({ cancelledAt: now }).where(eq(mediationSessions.id, f.sessionId));
          await event(tx, "mediation.session_cancelled", { sessionId: f.sessionId });
        }
        return next;
      }
      case "extend": {
        const f = form as z.output<typeof mediationFormSchemas.extend>;
        return command(tx, { type: "EXTEND_MEDIATION", days: f.days, allPartiesConsent: f.allPartiesConsent === "yes" });
      }
      case "agreement": {
        mustBeIn(IN_SESSION);
        const f = form as z.output<typeof mediationFormSchemas.agreement>;
        const parties = await partiesOf(tx, c.id);
        const given = Object.fromEntries(Object.entries(f.confirmations).filter(([, v]) => v !== "")) as Record<string, string>;
        const { confirmations, allConfirmed } = agreementConfirmations(parties, given, now);
        if (!allConfirmed) {
          const missing = parties.find((p) => !confirmations.some((x) => x.party === p.role && x.name === p.name));
          refuse({ [`confirmations.${missing ? `${missing.role}.${missing.position}` : "applicant.0"}`]: "mh.errors.confirmationMissing" });
        }
        // Written first: the 调解协议书 the command issues is rendered from this row (documents are frozen at issue).
        const [agreement] = await tx
          .insert(mediationAgreements)
          .values({
            caseId: c.id,
            terms: f.terms,
            performanceTerms: f.performance,
            confirmations,
            judicialConfirmationEligible: f.judicialConfirmationEligible,
            signedOn: today,
            createdBy: actorId,
            createdAt: now,
          })
          .returning({ id: mediationAgreements.id });
        const next = await command(
          tx,
          { type: "SIGN_AGREEMENT", allPartiesSigned: allConfirmed, judicialConfirmationEligible: f.judicialConfirmationEligible, ...(f.followUpDays ? { followUpDays: f.followUpDays } : {}) },
          rules,
        );
        const [doc] = await tx
          .select({ id: caseDocuments.id })
          .from(caseDocuments)
          .where(and(eq(caseDocuments.caseId, c.id), eq(caseDocuments.kind, "mediation_agreement")))
          .orderBy(desc(caseDocuments.issuedAt))
          .limit(1);
        const [period] = f.judicialConfirmationEligible
          ? await tx
              .select({ id: deadlines.id })
              .from(deadlines)
              .where(and(eq(deadlines.caseId, c.id), eq(deadlines.kind, "judicial_confirmation"), eq(deadlines.status, "running")))
              .limit(1)
          : [];
        await tx.update(mediationAgreements).set({ documentId: doc?.id ?? null, confirmationDeadlineId: period?.id ?? null }).where(eq(mediationAgreements.id, agreement.id));
        await event(tx, "mediation.agreement_recorded", {
          agreementId: agreement.id,
          documentId: doc?.id ?? null,
          performanceTerms: f.performance.length,
          confirmations: confirmations.map((x) => ({ party: x.party, via: x.via })),
          judicialConfirmationEligible: f.judicialConfirmationEligible,
          basis: "《人民调解法》第二十八条、第二十九条、第三十三条（参照）",
        });
        return next;
      }
      case "fail": {
        const f = form as z.output<typeof mediationFormSchemas.fail>;
        let reconsideration: ReturnType<typeof reconsiderationAdvice> | undefined;
        if (needsReconsiderationAdvice(c.data.disputeKind)) {
          // 12.25 with Art. 20: the date the applicant learned of the act, from the request or from the form.
          let input = filedActDates(c.filing);
          if (!input) {
            const dates = failDeadlineSchema(today).safeParse(args.form);
            if (!dates.success) refuse(fieldErrors(dates.error));
            input = dates.data!;
          }
          reconsideration = reconsiderationAdvice(input, rules!.calendar, rules!.settings, today);
        }
        return command(tx, { type: "END_MEDIATION", reason: f.reason, ...(f.note ? { note: f.note } : {}), ...(reconsideration ? { reconsideration } : {}) }, rules);
      }
      case "follow_up": {
        mustBeIn(FOLLOW_UP_STATES);
        const f = form as z.output<ReturnType<typeof followUpFormSchema>>;
        await tx.insert(mediationFollowUps).values({
          caseId: c.id,
          visitedOn: f.visitedOn,
          method: f.method,
          performanceStatus: f.performanceStatus,
          notes: f.notes,
          recordedBy: actorId,
          recordedAt: now,
        });
        const move = followUpCommand(f.performanceStatus);
        const next = move ? await command(tx, { ...move, notes: f.notes }) : await bump(tx);
        await event(tx, "mediation.follow_up_recorded", { visitedOn: f.visitedOn, method: f.method, performanceStatus: f.performanceStatus, basis: "DOMAIN.md 12.14、12.35（回访）" });
        return next;
      }
      case "close":
        return command(tx, { type: "CLOSE" });
    }
  };

  try {
    const done = await q.transaction(work);
    return { ok: true, state: done.state, version: done.version };
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    if (error instanceof Rejected && !error.rejection.ok) {
      const reason = error.rejection.reason;
      if (reason.code === "VERSION_CONFLICT") return conflict;
      if (reason.code === "NOT_FOUND") return notFound;
      return { ok: false, status: 400, code: reason.code, message: reason.message, messageEn: reason.messageEn };
    }
    throw error;
  }
}
