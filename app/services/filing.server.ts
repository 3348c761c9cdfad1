// Filing a reconsideration application or a mediation request (issue 4, reqs. 3, 6–8): the checks before submission,
// then ONE transaction that writes the case with its number, parties, files, the service consent, the first transition
// (T1 + T2: deadlines, hash-chained events, outbox) and the receipt hash — or nothing. Idempotent: the client sends a
// submission key; the same key from the same account always gives the same case (a double click, a retry, a replay).
import { createHash } from "node:crypto";
import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb, type Queryable, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { caseNumberCounters, caseParties, cases, deadlines, drafts, files, organs, serviceConsents, type StoredFile } from "../../db/schema/index";
import {
  applicationSchema,
  applicationSteps,
  assessApplication,
  fieldErrors,
  reconsiderationFirst,
  reviewStepSchema,
  submissionAllowed,
  type Application,
  type ApplicationStep,
  type Finding,
} from "~/domain/application";
import { computeApplicationDeadline, type ApplicationDeadline } from "~/domain/application-deadline";
import { todayInShanghai } from "~/domain/calendar";
import type { CompetentOrgan, OrganNode } from "~/domain/competent-organ";
import { newCase } from "~/domain/machines/reconsideration";
import { newMediationRequest } from "~/domain/machines/mediation";
import { MediationRequestSchema, type MediationRequest } from "~/domain/mediation-request";
import { formatCaseNumber, receiptContent } from "~/domain/receipt";
import { loadDeadlineRules } from "./calendar.server";
import { competentOrganFor, disputeCenterFor, organById } from "./competence.server";
import { getDraft } from "./drafts.server";
import type { CurrentUser } from "./session.server";
import { applyCommandInTransaction, Rejected } from "./transitions.server";

export type FilingFailure = {
  ok: false;
  status: 400 | 404 | 409;
  formError: string;
  errors?: Record<string, string>;
  /** The first step with an error, for the review page's links. */
  step?: ApplicationStep;
};
export type FilingSuccess = { ok: true; caseId: string; caseNumber: string; replayed: boolean };

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

// ---------------------------------------------------------------------------------------------------------------
// Reconsideration: what the review page shows and the submission checks.

export interface PreparedApplication {
  application: Application;
  respondent: OrganNode;
  competent: CompetentOrgan;
  /** The organ chosen: the derived one, or the citizen's override. */
  organ: OrganNode | null;
  override: { organ: OrganNode; reason: string } | null;
  lastDay: ApplicationDeadline;
  findings: Finding[];
  files: StoredFile[];
}

/** Validates every step of the draft and computes the competent organ, the last day to apply and the checks. */
export async function prepareReconsideration(
  user: Pick<CurrentUser, "id">,
  draftData: Record<string, unknown>,
  draftId: string,
  options: { now?: Date; override?: { organId?: string; reason?: string }; q?: Queryable } = {},
): Promise<{ ok: true; prepared: PreparedApplication } | FilingFailure> {
  const q = options.q ?? getDb();
  const today = todayInShanghai(options.now ?? new Date());
  const raw = Object.fromEntries(applicationSteps.filter((s) => s !== "review").map((s) => [s, draftData[s] ?? {}]));
  const parsed = applicationSchema(today).safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    const first = Object.keys(errors)[0]?.split(".")[0] as ApplicationStep | undefined;
    return { ok: false, status: 400, formError: "errors.applicationIncomplete", errors, step: first };
  }
  const application = parsed.data;
  const competence = await competentOrganFor(application.act.respondentOrganId, q);
  if (!competence) return { ok: false, status: 400, formError: "errors.respondentRequired", errors: { "act.respondentOrganId": "errors.respondentRequired" }, step: "act" };

  let override: PreparedApplication["override"] = null;
  if (options.override?.organId) {
    const organ = await organById(options.override.organId, q);
    if (!organ || (organ.kind !== "government" && organ.kind !== "department")) {
      return { ok: false, status: 400, formError: "errors.organInvalid", errors: { competentOrganOverrideId: "errors.organInvalid" }, step: "review" };
    }
    if (!options.override.reason) {
      return { ok: false, status: 400, formError: "errors.overrideReasonRequired", errors: { competentOrganOverrideReason: "errors.overrideReasonRequired" }, step: "review" };
    }
    override = { organ, reason: options.override.reason };
  }
  const organ = override?.organ ?? (competence.result.ok ? competence.result.organ : null);

  const { calendar, settings } = await loadDeadlineRules(q);
  const lastDay = computeApplicationDeadline(
    { learnedOn: application.act.learnedOn, informed: application.act.informed === "yes", rightLearnedOn: application.act.rightLearnedOn ?? null },
    calendar,
    settings,
    today,
  );
  const duplicates = await likelyDuplicates(q, user.id, application);
  const findings = assessApplication({ act: application.act, suedInCourt: application.requests.suedInCourt, today, lastDay, duplicates });
  const draftFileRows = await q
    .select()
    .from(files)
    .where(and(eq(files.draftId, draftId), eq(files.ownerId, user.id), isNull(files.caseId)));
  // Every file the application names must be one of this draft's uploads.
  const ids = new Set(draftFileRows.map((f) => f.id));
  const named = [
    ...application.agents.agents.map((a, i) => [`agents.agents.${i}.powerOfAttorneyFileId`, a.powerOfAttorneyFileId] as const),
    ...application.evidence.evidence.flatMap((e, i) => (e.fileId ? [[`evidence.evidence.${i}.fileId`, e.fileId] as const] : [])),
  ];
  for (const [path, id] of named) {
    if (!ids.has(id)) return { ok: false, status: 400, formError: "errors.fileMissing", errors: { [path]: "errors.fileMissing" }, step: path.split(".")[0] as ApplicationStep };
  }
  return { ok: true, prepared: { application, respondent: competence.respondent, competent: competence.result, organ, override, lastDay, findings, files: draftFileRows } };
}

/** Earlier filings of this account against the same respondent and the same act (document number, else title). */
async function likelyDuplicates(q: Queryable, userId: string, application: Application): Promise<{ caseNumber: string; receivedOn: string }[]> {
  const act = application.act;
  const rows = await q
    .select({ caseNumber: cases.caseNumber, receivedAt: cases.receivedAt })
    .from(cases)
    .where(
      and(
        eq(cases.filedBy, userId),
        eq(cases.machine, "reconsideration"),
        eq(cases.respondentOrganId, act.respondentOrganId),
        act.actDocumentNumber
          ? eq(cases.actDocumentNumber, act.actDocumentNumber)
          : sql`${cases.filing} -> 'application' -> 'act' ->> 'actTitle' = ${act.actTitle}`,
      ),
    )
    .orderBy(desc(cases.receivedAt))
    .limit(5);
  return rows.filter((r) => r.caseNumber && r.receivedAt).map((r) => ({ caseNumber: r.caseNumber!, receivedOn: todayInShanghai(r.receivedAt!) }));
}

/** A submission already made with this key by this account. */
async function existingSubmission(q: Queryable, userId: string, key: string): Promise<FilingSuccess | null> {
  const [row] = await q
    .select({ id: cases.id, caseNumber: cases.caseNumber })
    .from(cases)
    .where(and(eq(cases.filedBy, userId), eq(cases.idempotencyKey, key)));
  return row ? { ok: true, caseId: row.id, caseNumber: row.caseNumber!, replayed: true } : null;
}

/** The next gap-free case number of the organ and year (the counter row is locked until the transaction ends). */
export async function nextCaseNumber(tx: Tx, prefix: "FY" | "TJ", organ: { id: string; code: string }, now: Date): Promise<string> {
  const year = Number(todayInShanghai(now).slice(0, 4));
  const [row] = await tx
    .insert(caseNumberCounters)
    .values({ prefix, organId: organ.id, year, last: 1 })
    .onConflictDoUpdate({ target: [caseNumberCounters.prefix, caseNumberCounters.organId, caseNumberCounters.year], set: { last: sql`${caseNumberCounters.last} + 1` } })
    .returning({ last: caseNumberCounters.last });
  return formatCaseNumber(prefix, year, organ.code, row.last);
}

/** Serialises submissions of one account with one key, so that parallel duplicates wait and then find the first. */
export async function lockSubmission(tx: Tx, userId: string, key: string): Promise<Date> {
  const [row] = await tx.execute<{ now: string | Date }>(sql`select pg_advisory_xact_lock(hashtextextended(${`${userId}:${key}`}, 0)), now() as now`).then(
    (r) => (Array.isArray(r) ? r : ((r as { rows: { now: string | Date }[] }).rows ?? [])) as { now: string | Date }[],
  );
  return new Date(row.now);
}

export async function submitReconsideration(args: {
  user: CurrentUser;
  draftId: string;
  review: Record<string, unknown>;
  requestId?: string;
}): Promise<FilingSuccess | FilingFailure> {
  const db = getDb();
  const reviewParsed = reviewStepSchema.safeParse(args.review);
  if (!reviewParsed.success) {
    return { ok: false, status: 400, formError: "errors.formHasErrors", errors: fieldErrors(reviewParsed.error), step: "review" };
  }
  const review = reviewParsed.data;
  const replay = await existingSubmission(db, args.user.id, review.submissionKey);
  if (replay) return replay;
  const draft = await getDraft(args.user.id, args.draftId, db);
  if (!draft || draft.kind !== "reconsideration") return { ok: false, status: 404, formError: "errors.draftGone" };
  if (draft.submittedCaseId) {
    const [done] = await db.select({ id: cases.id, caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, draft.submittedCaseId));
    return { ok: true, caseId: done.id, caseNumber: done.caseNumber!, replayed: true };
  }
  const prepared = await prepareReconsideration(args.user, draft.data as Record<string, unknown>, draft.id, {
    override: { organId: review.competentOrganOverrideId, reason: review.competentOrganOverrideReason },
  });
  if (!prepared.ok) return prepared;
  const p = prepared.prepared;
  const allowed = submissionAllowed(p.findings, review.lateReason);
  if (!allowed.ok) {
    return {
      ok: false,
      status: allowed.code === "parallel_suit" ? 409 : 400,
      formError: allowed.messageKey,
      errors: allowed.code === "parallel_suit" ? { "requests.suedInCourt": allowed.messageKey } : { lateReason: allowed.messageKey },
      step: allowed.code === "parallel_suit" ? "requests" : "review",
    };
  }
  if (!p.organ) return { ok: false, status: 400, formError: "errors.competentOrganOutside", step: "review" };
  const organ = p.organ;

  const late = p.findings.some((f) => f.severity === "needs_answer");
  const filing = {
    application: p.application,
    competentOrgan: { organId: organ.id, derived: p.competent.ok ? p.competent.organ.id : null, article: p.competent.ok ? p.competent.article : null, override: p.override ? { reason: p.override.reason } : null },
    lateReason: late ? (review.lateReason ?? null) : null,
    lastDayToApply: p.lastDay.due,
    electronicServiceConsent: review.electronicServiceConsent === "yes",
  };
  const receiptFiles = p.files.map((f) => ({ sha256: f.sha256, size: f.size, mediaType: f.mediaType, purpose: f.purpose }));
  const contentHash = sha256Hex(receiptContent("reconsideration", filing, receiptFiles));
  const act = p.application.act;
  const machineState = newCase({
    onTheSpotPenalty: act.onTheSpotPenalty === "yes",
    failureToAct: act.failureToAct === "yes",
    reconsiderationFirst: reconsiderationFirst(act).required,
    respondentIsRegionGovernment: p.respondent.kind === "government" && p.respondent.level === "region",
    respondentIsOwnDepartment: p.respondent.kind === "department" && p.respondent.parentId === organ.id,
    electronicServiceConsent: review.electronicServiceConsent === "yes",
  });
  const rules = await loadDeadlineRules(db);
  // Issue 5: the application waits in the intake queue of the dispute center of the organ's division until a clerk
  // routes it (DOMAIN.md §16); the organ computed here stays the suggestion. No center (the region level): straight on.
  const center = await disputeCenterFor(organ.divisionCode, db);

  try {
    return await db.transaction(async (tx) => {
      const now = await lockSubmission(tx, args.user.id, review.submissionKey);
      const again = await existingSubmission(tx, args.user.id, review.submissionKey);
      if (again) return again;
      const [fresh] = await tx.select({ submittedCaseId: drafts.submittedCaseId }).from(drafts).where(eq(drafts.id, draft.id)).for("update");
      if (fresh?.submittedCaseId) {
        const [done] = await tx.select({ id: cases.id, caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, fresh.submittedCaseId));
        return { ok: true as const, caseId: done.id, caseNumber: done.caseNumber!, replayed: true };
      }
      const caseNumber = await nextCaseNumber(tx, "FY", organ, now);
      const [row] = await tx
        .insert(cases)
        .values({
          machine: "reconsideration",
          state: machineState.state,
          data: machineState,
          organId: organ.id,
          version: machineState.version,
          caseNumber,
          filedBy: args.user.id,
          channel: "online",
          category: act.actKind,
          receivedAt: now,
          respondentOrganId: p.respondent.id,
          actDocumentNumber: act.actDocumentNumber ?? null,
          applicantNames: p.application.applicants.applicants.map((a) => a.name).join(" "),
          idempotencyKey: review.submissionKey,
          contentHash,
          filing,
          centerOrganId: center?.id ?? null,
          triageStatus: center ? "pending" : "routed",
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: cases.id });
      await recordEvent(tx, {
        actorId: args.user.id,
        action: "reconsideration.created",
        subjectType: "case",
        subjectId: row.id,
        payload: { state: "DRAFT", caseNumber },
        requestId: args.requestId,
        occurredAt: now,
      });
      await writeParties(tx, row.id, p.application);
      if (p.files.length) {
        await tx
          .update(files)
          .set({ caseId: row.id })
          .where(inArray(files.id, p.files.map((f) => f.id)));
      }
      if (review.electronicServiceConsent === "yes") {
        await tx.insert(serviceConsents).values({ caseId: row.id, userId: args.user.id, consentedAt: now, address: "portal" });
      }
      await tx.update(drafts).set({ submittedCaseId: row.id, updatedAt: now }).where(eq(drafts.id, draft.id));
      await applyCommandInTransaction(
        tx,
        {
          caseId: row.id,
          expectedVersion: machineState.version,
          command: { type: "SUBMIT", channel: "online" },
          actor: { role: "citizen", userId: args.user.id, relation: "applicant" },
          actorUserId: args.user.id,
          now,
          requestId: args.requestId,
        },
        rules,
      );
      await recordEvent(tx, {
        actorId: args.user.id,
        action: "filing.received",
        subjectType: "case",
        subjectId: row.id,
        payload: { caseNumber, contentHash, organId: organ.id, files: p.files.length, late, override: Boolean(p.override) },
        requestId: args.requestId,
        occurredAt: now,
      });
      return { ok: true as const, caseId: row.id, caseNumber, replayed: false };
    });
  } catch (error) {
    if (error instanceof Rejected && !error.rejection.ok) {
      return { ok: false, status: 400, formError: error.rejection.reason.message };
    }
    // A parallel submission with the same key that won the race (unique index): answer with its case.
    const replayAfter = await existingSubmission(db, args.user.id, review.submissionKey);
    if (replayAfter) return replayAfter;
    throw error;
  }
}

export async function writeParties(tx: Tx, caseId: string, application: Application) {
  const rows: (typeof caseParties.$inferInsert)[] = [];
  application.applicants.applicants.forEach((a, i) => {
    const { kind, name, ...details } = a;
    rows.push({ caseId, role: "applicant", kind, name, details, position: i });
  });
  application.agents.agents.forEach((a, i) => {
    const { name, ...details } = a;
    rows.push({ caseId, role: "agent", kind: "person", name, details, position: i });
  });
  application.agents.thirdParties.forEach((t, i) => {
    const { name, ...details } = t;
    rows.push({ caseId, role: "third_party", kind: "person", name, details, position: i });
  });
  if (rows.length) await tx.insert(caseParties).values(rows);
}

// ---------------------------------------------------------------------------------------------------------------
// Mediation request.

export async function submitMediation(args: { user: CurrentUser; input: Record<string, unknown>; requestId?: string }): Promise<FilingSuccess | FilingFailure> {
  const db = getDb();
  const parsed = MediationRequestSchema.safeParse(args.input);
  if (!parsed.success) return { ok: false, status: 400, formError: "errors.formHasErrors", errors: fieldErrors(parsed.error) };
  const request: MediationRequest = parsed.data;
  const replay = await existingSubmission(db, args.user.id, request.submissionKey);
  if (replay) return replay;
  const center = await disputeCenterFor(request.divisionCode, db);
  if (!center) return { ok: false, status: 400, formError: "errors.formHasErrors", errors: { divisionCode: "errors.divisionRequired" } };
  const { submissionKey, ...filing } = request;
  const contentHash = sha256Hex(receiptContent("mediation", filing, []));
  const machineState = newMediationRequest();
  const rules = await loadDeadlineRules(db);
  try {
    return await db.transaction(async (tx) => {
      const now = await lockSubmission(tx, args.user.id, submissionKey);
      const again = await existingSubmission(tx, args.user.id, submissionKey);
      if (again) return again;
      const caseNumber = await nextCaseNumber(tx, "TJ", center, now);
      const [row] = await tx
        .insert(cases)
        .values({
          machine: "mediation",
          state: machineState.state,
          data: machineState,
          organId: center.id,
          version: machineState.version,
          caseNumber,
          filedBy: args.user.id,
          channel: "online",
          category: request.category,
          receivedAt: now,
          applicantNames: request.applicantName,
          idempotencyKey: submissionKey,
          contentHash,
          filing,
          // The request waits in the center's intake queue until a clerk triages it (DOMAIN.md §16).
          centerOrganId: center.id,
          triageStatus: "pending",
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: cases.id });
      await recordEvent(tx, {
        actorId: args.user.id,
        action: "mediation.created",
        subjectType: "case",
        subjectId: row.id,
        payload: { state: "DRAFT", caseNumber },
        requestId: args.requestId,
        occurredAt: now,
      });
      await tx.insert(caseParties).values([
        { caseId: row.id, role: "applicant", kind: "person", name: request.applicantName, userId: args.user.id, details: { phone: request.applicantPhone }, position: 0 },
        { caseId: row.id, role: "other_party", kind: request.otherPartyKind, name: request.otherPartyName, details: { contact: request.otherPartyContact ?? null }, position: 0 },
      ]);
      if (request.electronicServiceConsent === "yes") {
        await tx.insert(serviceConsents).values({ caseId: row.id, userId: args.user.id, consentedAt: now, address: "portal" });
      }
      await applyCommandInTransaction(
        tx,
        {
          caseId: row.id,
          expectedVersion: machineState.version,
          command: { type: "FILE_REQUEST", channel: "online" },
          actor: { role: "citizen", userId: args.user.id, relation: "applicant" },
          actorUserId: args.user.id,
          now,
          requestId: args.requestId,
        },
        rules,
      );
      await recordEvent(tx, {
        actorId: args.user.id,
        action: "filing.received",
        subjectType: "case",
        subjectId: row.id,
        payload: { caseNumber, contentHash, organId: center.id },
        requestId: args.requestId,
        occurredAt: now,
      });
      return { ok: true as const, caseId: row.id, caseNumber, replayed: false };
    });
  } catch (error) {
    if (error instanceof Rejected && !error.rejection.ok) return { ok: false, status: 400, formError: error.rejection.reason.message };
    const replayAfter = await existingSubmission(db, args.user.id, submissionKey);
    if (replayAfter) return replayAfter;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Receipt and verification.

export async function caseNumberOf(caseId: string, q: Queryable = getDb()): Promise<string | null> {
  const [row] = await q.select({ caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, caseId));
  return row?.caseNumber ?? null;
}

export interface Receipt {
  caseId: string;
  caseNumber: string;
  machine: string;
  receivedAt: Date;
  organName: string;
  contentHash: string;
  /** The running acceptance-review (or triage) deadline with its explanation. */
  deadline: { kind: string; dueDate: string; basis: string; explanation: unknown[]; provisional: boolean } | null;
  files: number;
}

/** The receipt of a filing, for an account entitled to the case (the filer). */
export async function receiptFor(userId: string, caseNumber: string, q: Queryable = getDb()): Promise<Receipt | null> {
  const [row] = await q
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      machine: cases.machine,
      receivedAt: cases.receivedAt,
      contentHash: cases.contentHash,
      organName: organs.name,
    })
    .from(cases)
    .innerJoin(organs, eq(organs.id, cases.organId))
    .where(and(eq(cases.caseNumber, caseNumber), eq(cases.filedBy, userId)));
  if (!row || !row.receivedAt || !row.contentHash) return null;
  const [deadline] = await q
    .select({ kind: deadlines.kind, dueDate: deadlines.dueDate, basis: deadlines.basis, explanation: deadlines.explanation, provisional: deadlines.provisional })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, row.id), or(eq(deadlines.kind, "acceptance_review"), eq(deadlines.kind, "mediation_triage"))))
    .orderBy(deadlines.createdAt)
    .limit(1);
  const [{ n }] = await q.select({ n: sql<number>`count(*)::int` }).from(files).where(eq(files.caseId, row.id));
  return {
    caseId: row.id,
    caseNumber: row.caseNumber!,
    machine: row.machine,
    receivedAt: row.receivedAt,
    organName: row.organName,
    contentHash: row.contentHash,
    deadline: deadline ? { ...deadline, explanation: deadline.explanation as unknown[] } : null,
    files: n,
  };
}

export type VerifyResult =
  | { status: "match"; caseNumber: string; receivedAt: Date; organName: string; recordIntact: boolean }
  | { status: "mismatch" }
  | { status: "unknown" };

/**
 * /verify: does this receipt (case number + hash) match the record? The answer reveals nothing beyond what the receipt
 * holder already has (receive time and organ). It also recomputes the hash from the stored content and files, so a
 * record altered after filing shows as not intact.
 */
export async function verifyReceipt(caseNumber: string, hash: string, q: Queryable = getDb()): Promise<VerifyResult> {
  const [row] = await q
    .select({ id: cases.id, machine: cases.machine, contentHash: cases.contentHash, filing: cases.filing, receivedAt: cases.receivedAt, organName: organs.name })
    .from(cases)
    .innerJoin(organs, eq(organs.id, cases.organId))
    .where(eq(cases.caseNumber, caseNumber));
  if (!row || !row.contentHash || !row.receivedAt) return { status: "unknown" };
  if (row.contentHash !== hash) return { status: "mismatch" };
  // The files of the filing came with its draft; those added later (supplement answers, further evidence) did not.
  const filingFiles = await q
    .select({ sha256: files.sha256, size: files.size, mediaType: files.mediaType, purpose: files.purpose })
    .from(files)
    .where(and(eq(files.caseId, row.id), isNotNull(files.draftId)));
  const recomputed = sha256Hex(receiptContent(row.machine as "reconsideration" | "mediation", row.filing, filingFiles));
  return { status: "match", caseNumber, receivedAt: row.receivedAt, organName: row.organName, recordIntact: recomputed === row.contentHash };
}
