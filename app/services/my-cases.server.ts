// "我的案件" (issue 4 req. 9): the cases a citizen filed or is a party to, each with its plain-words status, the timeline
// they may see, the periods running, the documents served on them, and the actions the law gives them now. A case the
// user is not entitled to does not exist here (null → 404), so a case number reveals nothing.
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { auditEvents, caseDocuments, caseParties, cases, deadlines, organs, ratings, serviceConsents } from "../../db/schema/index";
import type { RenderedDocument } from "~/domain/documents";
import { recordServiceOpened, renderedOf } from "./documents.server";
import {
  citizenActions,
  citizenDocumentFields,
  citizenStatus,
  citizenTimelineItems,
  documentTimelineItem,
  EvidenceFormSchema,
  HearingRequestSchema,
  intentAction,
  intents,
  isCitizenMachine,
  isCitizenVisiblePeriod,
  RatingSchema,
  supplementItems,
  SupplementNoteSchema,
  VersionSchema,
  WithdrawalRequestSchema,
  type CaseStateObject,
  type CitizenAction,
  type CitizenMachine,
  type DocumentField,
  type Intent,
  type StatusTone,
  type TimelineItem,
} from "~/domain/citizen-case";
import { deemedOutcome, type DeemedOutcome } from "~/domain/acceptance";
import { todayInShanghai } from "~/domain/calendar";
import type { Relation } from "~/domain/machines/common";
import type { ExplanationStep } from "~/domain/periods";
import { CASE_NUMBER_PATTERN } from "~/domain/receipt";
import { loadDeadlineRules } from "./calendar.server";
import { routingsOf } from "./center.server";
import { partyMediationView, type PartyMediationView } from "./mediation-invitation.server";
import { applyCommand, applyCommandInTransaction, Rejected } from "./transitions.server";
import { discardUploads, removeStoredFiles, tryStoreUpload, type ReceivedFile } from "./uploads.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cases of a user: filed by them, or naming them (their account) as a party. */
function entitledTo(userId: string) {
  return or(
    eq(cases.filedBy, userId),
    sql`exists (select 1 from ${caseParties} where ${caseParties.caseId} = ${cases.id} and ${caseParties.userId} = ${userId})`,
  );
}

const citizenMachineFilter = inArray(cases.machine, ["reconsideration", "mediation"]);

function titleOf(machine: string, filing: unknown): string {
  const f = (filing && typeof filing === "object" ? filing : {}) as Record<string, unknown>;
  if (machine === "reconsideration") {
    const act = ((f.application as Record<string, unknown> | undefined)?.act ?? {}) as Record<string, unknown>;
    const title = typeof act.actTitle === "string" ? act.actTitle : "";
    const number = typeof act.actDocumentNumber === "string" ? act.actDocumentNumber : "";
    return [title, number].filter(Boolean).join(" ").slice(0, 120);
  }
  return typeof f.otherPartyName === "string" ? f.otherPartyName.slice(0, 120) : "";
}

// ---------------------------------------------------------------------------------------------------------------
// The list

export interface MyCaseSummary {
  caseNumber: string;
  machine: CitizenMachine;
  title: string;
  receivedAt: string | null;
  status: { key: string; tone: StatusTone };
  nextDeadline: { kind: string; dueDate: string } | null;
}

/** The user's cases, newest first, each with its status and the earliest running period they may see. */
export async function listMyCases(userId: string, q: Queryable = getDb()): Promise<MyCaseSummary[]> {
  const rows = await q
    .select({ id: cases.id, caseNumber: cases.caseNumber, machine: cases.machine, state: cases.state, receivedAt: cases.receivedAt, filing: cases.filing })
    .from(cases)
    .where(and(entitledTo(userId), citizenMachineFilter, isNotNull(cases.caseNumber)))
    .orderBy(desc(cases.receivedAt), desc(cases.createdAt))
    .limit(500);
  if (rows.length === 0) return [];
  const running = await q
    .select({ caseId: deadlines.caseId, kind: deadlines.kind, dueDate: deadlines.dueDate })
    .from(deadlines)
    .where(and(inArray(deadlines.caseId, rows.map((r) => r.id)), eq(deadlines.status, "running")))
    .orderBy(asc(deadlines.dueDate));
  return rows.map((r) => {
    const next = running.find((d) => d.caseId === r.id && isCitizenVisiblePeriod(d.kind));
    const status = citizenStatus(r.machine, r.state);
    return {
      caseNumber: r.caseNumber!,
      machine: r.machine as CitizenMachine,
      title: titleOf(r.machine, r.filing),
      receivedAt: r.receivedAt?.toISOString() ?? null,
      status: { key: status.key, tone: status.tone },
      nextDeadline: next ? { kind: next.kind, dueDate: next.dueDate } : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// One case

interface EntitledCase {
  id: string;
  caseNumber: string;
  machine: CitizenMachine;
  state: string;
  data: CaseStateObject;
  version: number;
  receivedAt: Date | null;
  organName: string | null;
  filing: unknown;
  relation: Relation;
}

const partyRelation: Record<string, Relation> = {
  applicant: "applicant",
  representative: "applicant",
  agent: "applicant",
  third_party: "third_party",
  other_party: "other_party",
};

/**
 * What the user may do on the case. The other party of a mediation (an invitee who accepted, mediation-invitation.server.ts)
 * reads the request but acts on it only through the organ: its answers and a wish to stop (12.24) go to the mediator.
 */
function actionsOf(c: Pick<EntitledCase, "machine" | "state" | "data" | "relation">, today: string): CitizenAction[] {
  if (c.machine === "mediation" && c.relation === "other_party") return [];
  return citizenActions(c.machine, { ...c.data, state: c.state }, { relation: c.relation, today });
}

async function findEntitledCase(q: Queryable, userId: string, caseNumber: string | undefined): Promise<EntitledCase | null> {
  if (!caseNumber || !CASE_NUMBER_PATTERN.test(caseNumber)) return null;
  const [row] = await q
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      machine: cases.machine,
      state: cases.state,
      data: cases.data,
      version: cases.version,
      receivedAt: cases.receivedAt,
      filedBy: cases.filedBy,
      filing: cases.filing,
      organName: organs.name,
    })
    .from(cases)
    .leftJoin(organs, eq(organs.id, cases.organId))
    .where(and(eq(cases.caseNumber, caseNumber), entitledTo(userId), citizenMachineFilter));
  if (!row || !isCitizenMachine(row.machine)) return null;
  let relation: Relation = "applicant";
  if (row.filedBy !== userId) {
    const parties = await q
      .select({ role: caseParties.role })
      .from(caseParties)
      .where(and(eq(caseParties.caseId, row.id), eq(caseParties.userId, userId)));
    const relations = parties.map((p) => partyRelation[p.role]).filter(Boolean);
    relation = relations.includes("applicant") ? "applicant" : (relations[0] ?? "third_party");
  }
  return {
    id: row.id,
    caseNumber: row.caseNumber!,
    machine: row.machine,
    state: row.state,
    data: row.data as CaseStateObject,
    version: row.version,
    receivedAt: row.receivedAt,
    organName: row.organName,
    filing: row.filing,
    relation,
  };
}

export interface MyDeadline {
  id: string;
  kind: string;
  basis: string;
  dueDate: string;
  status: "running" | "paused";
  pausedSince: string | null;
  provisional: boolean;
  explanation: ExplanationStep[];
}

export interface MyDocumentSummary {
  id: string;
  kind: string;
  basis: string;
  issuedAt: string;
  /** Null while the document waits for service by other means ("待送达"). */
  servedAt: string | null;
  serviceMethod: string | null;
  firstOpenedAt: string | null;
}

export interface MyTimelineEntry extends TimelineItem {
  at: string;
}

export interface MyCase {
  caseNumber: string;
  machine: CitizenMachine;
  title: string;
  version: number;
  receivedAt: string | null;
  organName: string | null;
  status: { key: string; helpKey: string; tone: StatusTone };
  actions: CitizenAction[];
  /** The items of the supplement notice served on the user, one form part each (Art. 31(1)). */
  supplementItems: string[];
  hearingRequested: boolean;
  withdrawalRequested: boolean;
  rating: { score: number } | null;
  consentedAt: string | null;
  deadlines: MyDeadline[];
  documents: MyDocumentSummary[];
  timeline: MyTimelineEntry[];
  /** "去向": where the dispute center sent the case and why (issue 5 req. 1); pending while it waits for triage. */
  whereabouts: MyWhereabouts;
  /** Deemed acceptance (Art. 30(3)) or deemed abandonment (Art. 31(2)), said as such with its date and article. */
  deemed: DeemedOutcome | null;
  /** A mediation request: the other party's answer, the sessions and the performance status (mediation-invitation.server.ts). */
  mediation: (PartyMediationView & { viewer: "applicant" | "other_party" }) | null;
}

export interface MyWhereabouts {
  pending: boolean;
  routings: {
    organName: string;
    channel: string;
    routedAt: string;
    /** The clerk's or organ's own words when not routed as the rules suggested, or when routed again. */
    reason: string | null;
    /** Otherwise the rules' reason, as a message key with its values. */
    reasonKey: string | null;
    reasonValues: Record<string, string>;
  }[];
}

async function whereaboutsOf(q: Queryable, caseId: string): Promise<MyWhereabouts> {
  const [row] = await q.select({ triageStatus: cases.triageStatus, centerOrganId: cases.centerOrganId }).from(cases).where(eq(cases.id, caseId));
  const routings = await routingsOf(caseId, q);
  return {
    pending: Boolean(row?.centerOrganId) && row?.triageStatus === "pending",
    routings: routings.map((r) => ({
      organName: r.toOrganName,
      channel: r.channel,
      routedAt: r.routedAt,
      reason: r.reason,
      reasonKey: r.reason ? null : (r.suggestion.reasonKey ?? null),
      reasonValues: r.suggestion.reasonValues ?? {},
    })),
  };
}

/** A case as its citizen sees it, or null when the user is not entitled to it (or it does not exist). */
export async function getMyCase(userId: string, caseNumber: string | undefined, options: { q?: Queryable; now?: Date } = {}): Promise<MyCase | null> {
  const q = options.q ?? getDb();
  const c = await findEntitledCase(q, userId, caseNumber);
  if (!c) return null;
  const [dl, docs, events, rating, consent] = await Promise.all([
    q
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.caseId, c.id), inArray(deadlines.status, ["running", "paused"])))
      .orderBy(asc(deadlines.dueDate)),
    q
      .select()
      .from(caseDocuments)
      .where(and(eq(caseDocuments.caseId, c.id), eq(caseDocuments.recipientUserId, userId)))
      .orderBy(asc(caseDocuments.issuedAt)),
    q
      .select({ id: auditEvents.id, action: auditEvents.action, payload: auditEvents.payload, occurredAt: auditEvents.occurredAt })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "case"), eq(auditEvents.subjectId, c.id)))
      .orderBy(asc(auditEvents.id)),
    q
      .select({ score: ratings.score })
      .from(ratings)
      .where(and(eq(ratings.caseId, c.id), eq(ratings.userId, userId))),
    q
      .select({ consentedAt: serviceConsents.consentedAt })
      .from(serviceConsents)
      .where(and(eq(serviceConsents.caseId, c.id), eq(serviceConsents.userId, userId))),
  ]);

  const timeline: (MyTimelineEntry & { order: number })[] = [];
  events.forEach((e, i) => {
    for (const item of citizenTimelineItems(c.machine, { action: e.action, payload: e.payload }))
      timeline.push({ ...item, at: e.occurredAt.toISOString(), order: i });
  });
  docs.forEach((d, i) => timeline.push({ ...documentTimelineItem(d.kind), at: d.issuedAt.toISOString(), order: events.length + i }));
  // The filing's own event is written after its first transitions (same transaction, same time); it reads first.
  const rank = (e: TimelineItem) => (e.key === "cases.event.filed" ? 0 : 1);
  timeline.sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b) || a.order - b.order);

  const status = citizenStatus(c.machine, c.state);
  const today = todayInShanghai(options.now ?? new Date());
  const data = c.data;
  return {
    caseNumber: c.caseNumber,
    machine: c.machine,
    title: titleOf(c.machine, c.filing),
    version: c.version,
    receivedAt: c.receivedAt?.toISOString() ?? null,
    organName: c.organName,
    status: { key: status.key, helpKey: status.helpKey, tone: status.tone },
    // A rating is given once: after it, the page shows the score instead of the form.
    actions: actionsOf(c, today).filter((a) => a.kind !== "rate" || !rating[0]),
    supplementItems: supplementItems(docs.filter((d) => d.kind === "supplement_notice" && d.servedAt)),
    hearingRequested: data.hearingRequested === true,
    withdrawalRequested: data.withdrawalRequested === true,
    rating: rating[0] ? { score: rating[0].score } : null,
    consentedAt: consent[0]?.consentedAt.toISOString() ?? null,
    deadlines: dl
      .filter((d) => isCitizenVisiblePeriod(d.kind))
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        basis: d.basis,
        dueDate: d.dueDate,
        status: d.status as "running" | "paused",
        pausedSince: d.pausedSince,
        provisional: d.provisional,
        explanation: d.explanation as ExplanationStep[],
      })),
    documents: docs.map((d) => ({
      id: d.id,
      kind: d.kind,
      basis: d.basis,
      issuedAt: d.issuedAt.toISOString(),
      servedAt: d.servedAt?.toISOString() ?? null,
      serviceMethod: d.serviceMethod,
      firstOpenedAt: d.firstOpenedAt?.toISOString() ?? null,
    })),
    timeline: timeline.map(({ order: _order, ...entry }) => entry),
    whereabouts: await whereaboutsOf(q, c.id),
    deemed:
      c.machine === "reconsideration"
        ? deemedOutcome(c, events.map((e) => ({ action: e.action, payload: e.payload, on: todayInShanghai(e.occurredAt) })))
        : null,
    mediation:
      c.machine === "mediation"
        ? { ...(await partyMediationView(q, c.id, options.now)), viewer: c.relation === "other_party" ? "other_party" : "applicant" }
        : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Documents

export interface MyDocument extends MyDocumentSummary {
  caseNumber: string;
  fields: DocumentField[];
  /** The issued text (文号, addressee, paragraphs…), for documents issued from templates. */
  document: RenderedDocument | null;
}

/**
 * One document served on the user (electronically, with their consent: servedAt set), for reading; the first time it
 * is opened the time is recorded once (firstOpenedAt) with a "document.opened" event. Null (→ 404) for a document of
 * another case or another recipient, and for one still waiting for service by other means.
 */
export async function openDocument(
  userId: string,
  documentId: string | undefined,
  options: { caseNumber?: string; now?: Date; requestId?: string } = {},
): Promise<MyDocument | null> {
  if (!documentId || !UUID.test(documentId)) return null;
  const db = getDb();
  const [doc] = await db
    .select({ doc: caseDocuments, caseNumber: cases.caseNumber, machine: cases.machine })
    .from(caseDocuments)
    .innerJoin(cases, eq(cases.id, caseDocuments.caseId))
    .where(and(eq(caseDocuments.id, documentId), eq(caseDocuments.recipientUserId, userId), citizenMachineFilter));
  if (!doc || !doc.caseNumber || !doc.doc.servedAt) return null;
  if (options.caseNumber !== undefined && options.caseNumber !== doc.caseNumber) return null;
  // The recipient's entitlement to the case is checked too: a document addressed to a user stays theirs only as long
  // as they are on the case.
  if (!(await findEntitledCase(db, userId, doc.caseNumber))) return null;

  const now = options.now ?? new Date();
  let firstOpenedAt = doc.doc.firstOpenedAt;
  if (!firstOpenedAt) {
    firstOpenedAt = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(caseDocuments)
        .set({ firstOpenedAt: now })
        .where(and(eq(caseDocuments.id, documentId), isNull(caseDocuments.firstOpenedAt)))
        .returning({ firstOpenedAt: caseDocuments.firstOpenedAt });
      if (!updated) {
        // opened a moment ago in another tab: keep that first time
        const [current] = await tx.select({ firstOpenedAt: caseDocuments.firstOpenedAt }).from(caseDocuments).where(eq(caseDocuments.id, documentId));
        return current.firstOpenedAt;
      }
      await recordServiceOpened(tx, { documentId, userId, now });
      await recordEvent(tx, {
        actorId: userId,
        action: "document.opened",
        subjectType: "case",
        subjectId: doc.doc.caseId,
        payload: { documentId, kind: doc.doc.kind },
        requestId: options.requestId,
        occurredAt: now,
      });
      return updated.firstOpenedAt;
    });
  }
  return {
    id: doc.doc.id,
    kind: doc.doc.kind,
    basis: doc.doc.basis,
    issuedAt: doc.doc.issuedAt.toISOString(),
    servedAt: doc.doc.servedAt.toISOString(),
    serviceMethod: doc.doc.serviceMethod,
    firstOpenedAt: firstOpenedAt?.toISOString() ?? null,
    caseNumber: doc.caseNumber,
    fields: citizenDocumentFields(doc.doc.kind, doc.doc.content),
    document: renderedOf(doc.doc.content),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Actions

export type ActionResult =
  | { ok: true; intent: Intent }
  | {
      ok: false;
      status: 400 | 404 | 409 | 413;
      intent: Intent | null;
      code?: string;
      errors: Record<string, string>;
      formError: string;
      /** The machine's own words for a refusal (Chinese, English), when there is no message key for it. */
      formMessage?: { zh: string; en: string };
      values?: Record<string, string>;
    };

type Failure = Extract<ActionResult, { ok: false }>;

interface ActionArgs {
  userId: string;
  caseNumber: string | undefined;
  version: number;
  now?: Date;
  requestId?: string;
}

const fail = (intent: Intent | null, status: Failure["status"], formError: string, errors: Record<string, string> = {}, extra: Partial<Failure> = {}): Failure => ({
  ok: false,
  status,
  intent,
  errors,
  formError,
  ...extra,
});
const notFound = (intent: Intent | null) => fail(intent, 404, "error.notFound.body", {}, { code: "NOT_FOUND" });
const conflict = (intent: Intent) => fail(intent, 409, "errors.caseVersionConflict", {}, { code: "VERSION_CONFLICT" });
const unavailable = (intent: Intent) => fail(intent, 400, "errors.caseActionUnavailable", {}, { code: "NOT_AVAILABLE" });

/** The case, entitled and offering this action now; or the failure to answer. */
async function caseForAction(q: Queryable, args: ActionArgs, intent: Intent): Promise<{ ok: true; c: EntitledCase } | Failure> {
  const c = await findEntitledCase(q, args.userId, args.caseNumber);
  if (!c) return notFound(intent);
  if (c.version !== args.version) return conflict(intent);
  const today = todayInShanghai(args.now ?? new Date());
  if (!actionsOf(c, today).some((a) => a.kind === intentAction[intent]))
    return unavailable(intent);
  return { ok: true, c };
}

function fromApply(intent: Intent, reason: { code: string; message: string; messageEn: string }): Failure {
  if (reason.code === "VERSION_CONFLICT") return conflict(intent);
  if (reason.code === "NOT_FOUND") return notFound(intent);
  return fail(intent, 400, "errors.caseActionUnavailable", {}, { code: reason.code, formMessage: { zh: reason.message, en: reason.messageEn } });
}

async function runCommand(args: ActionArgs, intent: Intent, command: { type: string } & Record<string, unknown>): Promise<ActionResult> {
  const found = await caseForAction(getDb(), args, intent);
  if (!found.ok) return found;
  const result = await applyCommand({
    caseId: found.c.id,
    expectedVersion: args.version,
    command,
    actor: { role: "citizen", userId: args.userId, relation: found.c.relation },
    actorUserId: args.userId,
    now: args.now ?? new Date(),
    requestId: args.requestId,
  });
  return result.ok ? { ok: true, intent } : fromApply(intent, result.reason);
}

/** Art. 50(1): the applicant asks for a hearing (T12-request); the office decides. */
export async function requestHearing(args: ActionArgs & { reason: string }): Promise<ActionResult> {
  return runCommand(args, "hearing", { type: "REQUEST_HEARING", reason: args.reason });
}

/** Arts. 41(1), 74: the applicant asks to withdraw before the decision (T23-request); a mediation request is withdrawn at once (M13). */
export async function requestWithdrawal(args: ActionArgs & { reason?: string }): Promise<ActionResult> {
  const c = await findEntitledCase(getDb(), args.userId, args.caseNumber);
  if (!c) return notFound("withdraw");
  const command = c.machine === "mediation" ? { type: "WITHDRAW_REQUEST" } : { type: "REQUEST_WITHDRAWAL", ...(args.reason ? { reason: args.reason } : {}) };
  return runCommand(args, "withdraw", command);
}

/** One answered item of the supplement notice: its note and its files. */
export interface SupplementAnswer {
  note: string;
  files: ReceivedFile[];
}

/**
 * Art. 31(3): the supplement answering every item of the notice. The files (purpose "supplement", labelled with their
 * item) and SUBMIT_SUPPLEMENT (T4: the acceptance review starts again) go in one transaction; if the machine refuses,
 * the stored bytes are removed again. Every item needs a file or a note.
 */
export async function answerSupplement(args: ActionArgs & { answers: SupplementAnswer[] }): Promise<ActionResult> {
  const db = getDb();
  const all = args.answers.flatMap((a) => a.files);
  try {
    const found = await caseForAction(db, args, "supplement");
    if (!found.ok) return found;
    const c = found.c;
    const notices = await db
      .select({ issuedAt: caseDocuments.issuedAt, content: caseDocuments.content })
      .from(caseDocuments)
      .where(
        and(
          eq(caseDocuments.caseId, c.id),
          eq(caseDocuments.recipientUserId, args.userId),
          eq(caseDocuments.kind, "supplement_notice"),
          isNotNull(caseDocuments.servedAt),
        ),
      );
    const items = supplementItems(notices);
    if (items.length === 0) return unavailable("supplement");
    if (args.answers.length !== items.length) return fail("supplement", 400, "errors.badRequest");
    const errors: Record<string, string> = {};
    const notes: string[] = [];
    args.answers.forEach((a, i) => {
      const note = SupplementNoteSchema.safeParse(a.note);
      if (!note.success) errors[`item.${i}.note`] = note.error.issues[0].message;
      else if (!note.data && a.files.length === 0) errors[`item.${i}.files`] = "errors.supplementItemEmpty";
      notes.push(note.success ? note.data : "");
    });
    if (Object.keys(errors).length) return fail("supplement", 400, "errors.formHasErrors", errors);

    const now = args.now ?? new Date();
    const rules = await loadDeadlineRules(db);
    const storedNames: string[] = [];
    try {
      await db.transaction(async (tx) => {
        const answered: { item: string; note: string | null; fileIds: string[] }[] = [];
        for (const [i, answer] of args.answers.entries()) {
          const fileIds: string[] = [];
          for (const file of answer.files) {
            const stored = await tryStoreUpload(tx, { ownerId: args.userId, caseId: c.id, purpose: "supplement", label: items[i], received: file });
            if (!stored.ok) throw new StoreRefused(stored.status, stored.error, `item.${i}.files`);
            storedNames.push(stored.file.storageName);
            fileIds.push(stored.file.id);
          }
          answered.push({ item: items[i], note: notes[i] || null, fileIds });
        }
        await applyCommandInTransaction(
          tx,
          {
            caseId: c.id,
            expectedVersion: args.version,
            command: { type: "SUBMIT_SUPPLEMENT" },
            actor: { role: "citizen", userId: args.userId, relation: c.relation },
            actorUserId: args.userId,
            now,
            requestId: args.requestId,
          },
          rules,
        );
        await recordEvent(tx, {
          actorId: args.userId,
          action: "case.supplement_answered",
          subjectType: "case",
          subjectId: c.id,
          payload: { answers: answered },
          requestId: args.requestId,
          occurredAt: now,
        });
      });
    } catch (error) {
      await removeStoredFiles(storedNames);
      if (error instanceof StoreRefused) return fail("supplement", error.status, "errors.formHasErrors", { [error.field]: error.key });
      if (error instanceof Rejected && !error.rejection.ok) return fromApply("supplement", error.rejection.reason);
      throw error;
    }
    return { ok: true, intent: "supplement" };
  } finally {
    await discardUploads(all);
  }
}

class StoreRefused extends Error {
  constructor(
    readonly status: 400 | 404 | 413,
    readonly key: string,
    readonly field: string,
  ) {
    super(key);
  }
}

/**
 * Further evidence while the case is open (Arts. 43–44): the files (purpose "evidence", labelled with the description)
 * and an event, in one transaction under the case's version; refused files leave nothing behind.
 */
export async function addEvidence(args: ActionArgs & { description: string; files: ReceivedFile[] }): Promise<ActionResult> {
  const db = getDb();
  try {
    const found = await caseForAction(db, args, "evidence");
    if (!found.ok) return found;
    const c = found.c;
    if (args.files.length === 0) return fail("evidence", 400, "errors.formHasErrors", { files: "errors.fileRequired" });
    const now = args.now ?? new Date();
    const storedNames: string[] = [];
    try {
      await db.transaction(async (tx) => {
        const [locked] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, c.id)).for("update");
        if (locked.version !== args.version) throw new VersionMoved();
        const fileIds: string[] = [];
        for (const file of args.files) {
          const stored = await tryStoreUpload(tx, { ownerId: args.userId, caseId: c.id, purpose: "evidence", label: args.description, received: file });
          if (!stored.ok) throw new StoreRefused(stored.status, stored.error, "files");
          storedNames.push(stored.file.storageName);
          fileIds.push(stored.file.id);
        }
        await recordEvent(tx, {
          actorId: args.userId,
          action: "case.evidence_added",
          subjectType: "case",
          subjectId: c.id,
          payload: { files: fileIds.length, fileIds, description: args.description },
          requestId: args.requestId,
          occurredAt: now,
        });
      });
    } catch (error) {
      await removeStoredFiles(storedNames);
      if (error instanceof StoreRefused) return fail("evidence", error.status, "errors.formHasErrors", { [error.field]: error.key });
      if (error instanceof VersionMoved) return conflict("evidence");
      throw error;
    }
    return { ok: true, intent: "evidence" };
  } finally {
    await discardUploads(args.files);
  }
}

class VersionMoved extends Error {}

/** 好差评: one rating per case and user, 1–5 with an optional comment, only once the case has ended for the applicant. */
export async function rateCase(args: ActionArgs & { score: number; comment?: string }): Promise<ActionResult> {
  const db = getDb();
  const found = await caseForAction(db, args, "rate");
  if (!found.ok) return found;
  const c = found.c;
  const now = args.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const [locked] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, c.id)).for("update");
      if (locked.version !== args.version) throw new VersionMoved();
      const inserted = await tx
        .insert(ratings)
        .values({ caseId: c.id, userId: args.userId, score: args.score, comment: args.comment || null, createdAt: now })
        .onConflictDoNothing()
        .returning({ caseId: ratings.caseId });
      if (inserted.length === 0) return fail("rate", 400, "errors.alreadyRated", {}, { code: "ALREADY_RATED" });
      await recordEvent(tx, {
        actorId: args.userId,
        action: "case.rated",
        subjectType: "case",
        subjectId: c.id,
        payload: { score: args.score },
        requestId: args.requestId,
        occurredAt: now,
      });
      return { ok: true as const, intent: "rate" as const };
    });
  } catch (error) {
    if (error instanceof VersionMoved) return conflict("rate");
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The detail page's one form handler: reads the intent and its fields, validates, and runs the action.

function single(fields: FormData, name: string): string {
  const v = fields.get(name);
  return typeof v === "string" ? v : "";
}

/** The fields echoed back on a refused form (never the token). */
function echo(fields: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fields.entries()) if (typeof v === "string" && k !== "csrf" && !(k in out)) out[k] = v.slice(0, 4000);
  return out;
}

/**
 * The posted form of /my/cases/:caseNumber (fields and received files from receiveUploads): `intent` is one of
 * supplement | hearing | withdraw | evidence | rate, `version` the case version the page showed. Files not stored are
 * removed before this returns.
 */
export async function submitCaseForm(args: {
  userId: string;
  caseNumber: string | undefined;
  fields: FormData;
  files: ReceivedFile[];
  now?: Date;
  requestId?: string;
}): Promise<ActionResult> {
  const { fields, files } = args;
  const values = echo(fields);
  const intentRaw = single(fields, "intent");
  const intent = (intents as readonly string[]).includes(intentRaw) ? (intentRaw as Intent) : null;
  const version = VersionSchema.safeParse(single(fields, "version"));
  if (!intent || !version.success) {
    await discardUploads(files);
    return fail(intent, 400, "errors.badRequest", {}, { values });
  }
  const base: ActionArgs = { userId: args.userId, caseNumber: args.caseNumber, version: version.data, now: args.now, requestId: args.requestId };
  const withValues = (r: ActionResult): ActionResult => (r.ok ? r : { ...r, values });

  // Only the supplement and evidence forms carry files, and only in their own fields.
  const fileField = (f: ReceivedFile) =>
    intent === "supplement" ? /^item\.\d{1,3}\.files$/.test(f.field) : intent === "evidence" ? f.field === "files" : false;
  if (files.some((f) => !fileField(f))) {
    await discardUploads(files);
    return fail(intent, 400, "errors.badRequest", {}, { values });
  }

  if (intent === "hearing") {
    const parsed = HearingRequestSchema.safeParse({ reason: single(fields, "reason") });
    if (!parsed.success) return fail(intent, 400, "errors.formHasErrors", { reason: parsed.error.issues[0].message }, { values });
    return withValues(await requestHearing({ ...base, reason: parsed.data.reason }));
  }
  if (intent === "withdraw") {
    const parsed = WithdrawalRequestSchema.safeParse({ reason: single(fields, "reason"), understood: single(fields, "understood") });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return fail(intent, 400, "errors.formHasErrors", errors, { values });
    }
    return withValues(await requestWithdrawal({ ...base, reason: parsed.data.reason || undefined }));
  }
  if (intent === "rate") {
    const parsed = RatingSchema.safeParse({ score: single(fields, "score"), comment: single(fields, "comment") });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return fail(intent, 400, "errors.formHasErrors", errors, { values });
    }
    return withValues(await rateCase({ ...base, score: parsed.data.score, comment: parsed.data.comment || undefined }));
  }
  if (intent === "evidence") {
    const parsed = EvidenceFormSchema.safeParse({ description: single(fields, "description") });
    if (!parsed.success) {
      await discardUploads(files);
      return fail(intent, 400, "errors.formHasErrors", { description: parsed.error.issues[0].message }, { values });
    }
    return withValues(await addEvidence({ ...base, description: parsed.data.description, files }));
  }
  // supplement: one part per item of the notice, "item.N.note" and "item.N.files"
  const count = Number(single(fields, "items"));
  if (!Number.isInteger(count) || count < 1 || count > 100 || files.some((f) => Number(f.field.split(".")[1]) >= count)) {
    await discardUploads(files);
    return fail(intent, 400, "errors.badRequest", {}, { values });
  }
  const answers: SupplementAnswer[] = Array.from({ length: count }, (_, i) => ({
    note: single(fields, `item.${i}.note`),
    files: files.filter((f) => f.field === `item.${i}.files`),
  }));
  return withValues(await answerSupplement({ ...base, answers }));
}
