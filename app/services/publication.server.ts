// Public disclosure of decisions (issue 7 req. 3; 《行政复议法》第七十九条第一款): staff of the deciding organ propose an
// effective 行政复议决定书 and the anonymised copy is generated (app/domain/publication.ts); an office head of that organ
// who did not propose it checks, corrects and approves or rejects it; only approved copies are public, and a published
// copy can be withdrawn with a reason. Every change is audited in its transaction. The original never leaves the pages
// of those entitled to it: the public functions read decision_publications only.
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  lt,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { getDb, type Queryable, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import {
  caseDocuments,
  caseParties,
  cases,
  decisionPublications,
  organs,
  users,
} from "../../db/schema/index";
import { todayInShanghai } from "~/domain/calendar";
import type { RenderedDocument } from "~/domain/documents";
import { can } from "~/domain/policy";
import {
  anonymisedCopy,
  approvalRefusal,
  checkCopy,
  documentText,
  personNamesOf,
  PUBLIC_PAGE_SIZE,
  publicationRefusal,
  publicationSteps,
  type PublicationStep,
  secretsOfParties,
  snippetOf,
  type CopyCheck,
  type ProposePublicationForm,
  type PublicSearch,
  type Refusal,
  type ReviewPublicationForm,
} from "~/domain/publication";
import { likeSubstring } from "~/domain/queue";
import type { PublicationStatus } from "../../db/schema/disclosure";
import { renderedOf } from "./documents.server";
import { organPath, organSubtreeIds } from "./organs.server";
import { actorOf, type CurrentUser } from "./session.server";
import { findHandledCase } from "./staff-cases.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PublicationResult =
  | { ok: true; publicationId: string }
  | {
      ok: false;
      status: 400 | 403 | 404 | 409;
      /** a locale key, or the domain's own words (message / messageEn) */
      formError?: string;
      message?: string;
      messageEn?: string;
      errors?: Record<string, string>;
      /** review: what still must not or may not be public */
      check?: CopyCheck;
    };

const notFound: PublicationResult = {
  ok: false,
  status: 404,
  formError: "publication.errors.notFound",
};
const conflict: PublicationResult = {
  ok: false,
  status: 409,
  formError: "publication.errors.conflict",
};
const refused = (status: 400 | 403 | 409, r: Refusal): PublicationResult => ({
  ok: false,
  status,
  message: r.message,
  messageEn: r.messageEn,
});

/** Thrown inside a transaction to roll it back and answer with the result. */
class Abort extends Error {
  constructor(readonly result: PublicationResult) {
    super("publication aborted");
  }
}

async function inTransaction(
  run: (tx: Tx) => Promise<PublicationResult>
): Promise<PublicationResult> {
  return getDb()
    .transaction(run)
    .catch((error: unknown) => {
      if (error instanceof Abort) return error.result;
      throw error;
    });
}

/**
 * One step of a locked publication (publicationSteps: from one status only), with its other columns and the audit
 * event, in the caller's transaction. The update is conditional on the status the step starts from.
 */
async function takeStep(
  tx: Tx,
  args: { user: CurrentUser; requestId?: string; now: Date },
  row: { id: string; caseId: string },
  step: PublicationStep,
  set: Partial<typeof decisionPublications.$inferInsert>,
  payload: Record<string, unknown>
): Promise<PublicationResult> {
  const { from, to } = publicationSteps[step];
  await tx
    .update(decisionPublications)
    .set({ ...set, status: to })
    .where(and(eq(decisionPublications.id, row.id), eq(decisionPublications.status, from)));
  await recordEvent(tx, {
    actorId: args.user.id,
    action: `publication.${to}`,
    subjectType: "decision_publication",
    subjectId: row.id,
    payload: { caseId: row.caseId, ...payload },
    requestId: args.requestId,
    occurredAt: args.now,
  });
  return { ok: true, publicationId: row.id };
}

// ---------------------------------------------------------------------------------------------------------------
// What a case's staff see (the decision page and /staff/cases/:caseNumber/publication).

export interface PublicationSummary {
  id: string;
  status: PublicationStatus;
  title: string;
  proposedAt: string;
  proposedByName: string | null;
  reviewedAt: string | null;
  reviewedByName: string | null;
  reviewNote: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
}

export interface CasePublication {
  caseNumber: string;
  /** The decision in force (the newest 行政复议决定书 of the case), if any. */
  decision: {
    documentId: string;
    number: string | null;
    issuedAt: string;
  } | null;
  /** Why it cannot be proposed now (not effective, …), or null. */
  refusal: Refusal | null;
  /** The proposal waiting for review or the published copy, if any; then no new proposal is possible. */
  live: (PublicationSummary & { text: string }) | null;
  /** Every proposal of the case, newest first. */
  history: PublicationSummary[];
}

async function newestDecision(q: Queryable, caseId: string) {
  const [doc] = await q
    .select({
      id: caseDocuments.id,
      kind: caseDocuments.kind,
      number: caseDocuments.number,
      issuedAt: caseDocuments.issuedAt,
      content: caseDocuments.content,
    })
    .from(caseDocuments)
    .where(
      and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.kind, "decision"))
    )
    .orderBy(desc(caseDocuments.issuedAt), desc(caseDocuments.id))
    .limit(1);
  return doc ?? null;
}

const proposer = sql<
  string | null
>`(select ${users.displayName} from ${users} where ${users.id} = ${decisionPublications.proposedBy})`;
const reviewer = sql<
  string | null
>`(select ${users.displayName} from ${users} where ${users.id} = ${decisionPublications.reviewedBy})`;
const summaryColumns = {
  id: decisionPublications.id,
  status: decisionPublications.status,
  title: decisionPublications.title,
  text: decisionPublications.anonymisedText,
  proposedAt: decisionPublications.proposedAt,
  proposedBy: decisionPublications.proposedBy,
  proposedByName: proposer,
  reviewedAt: decisionPublications.reviewedAt,
  reviewedByName: reviewer,
  reviewNote: decisionPublications.reviewNote,
  publishedAt: decisionPublications.publishedAt,
  withdrawnAt: decisionPublications.withdrawnAt,
  withdrawReason: decisionPublications.withdrawReason,
};
type SummaryRow = {
  id: string;
  status: PublicationStatus;
  title: string;
  text: string;
  proposedAt: Date;
  proposedBy: string | null;
  proposedByName: string | null;
  reviewedAt: Date | null;
  reviewedByName: string | null;
  reviewNote: string | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
};

function summaryOf(r: SummaryRow): PublicationSummary {
  return {
    id: r.id,
    status: r.status,
    title: r.title,
    proposedAt: r.proposedAt.toISOString(),
    proposedByName: r.proposedByName,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewedByName: r.reviewedByName,
    reviewNote: r.reviewNote,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    withdrawReason: r.withdrawReason,
  };
}

/** The publication side of a case the user handles, or null (→ 404) outside the user's organs. */
export async function getCasePublication(args: {
  user: CurrentUser;
  caseNumber: string;
}): Promise<CasePublication | null> {
  const q = getDb();
  const c = await findHandledCase(q, args.user, args.caseNumber);
  if (!c) return null;
  const doc = await newestDecision(q, c.id);
  const data = (c.data ?? {}) as {
    decision?: { servedOn?: string | null } | null;
  };
  const rows = (await q
    .select(summaryColumns)
    .from(decisionPublications)
    .where(eq(decisionPublications.caseId, c.id))
    .orderBy(
      desc(decisionPublications.proposedAt),
      desc(decisionPublications.id)
    )) as SummaryRow[];
  const live =
    rows.find((r) => r.status === "proposed" || r.status === "approved") ??
    null;
  return {
    caseNumber: c.caseNumber!,
    decision: doc
      ? {
          documentId: doc.id,
          number: doc.number,
          issuedAt: doc.issuedAt.toISOString(),
        }
      : null,
    refusal: publicationRefusal({
      machine: c.machine,
      caseState: c.state,
      servedOn: data.decision?.servedOn ?? null,
      documentKind: doc?.kind ?? "",
    }),
    live: live ? { ...summaryOf(live), text: live.text } : null,
    history: rows.map(summaryOf),
  };
}

/** The parties of a case as the anonymiser needs them. */
async function partiesOf(q: Queryable, caseId: string) {
  return q
    .select({
      kind: caseParties.kind,
      name: caseParties.name,
      details: caseParties.details,
    })
    .from(caseParties)
    .where(eq(caseParties.caseId, caseId));
}

/**
 * 提议公开: staff of the deciding organ propose the case's effective decision; the anonymised copy is generated from the
 * issued document's text. One live proposal per document (a second → 409). Audited.
 */
export async function proposePublication(args: {
  user: CurrentUser;
  caseNumber: string;
  form: ProposePublicationForm;
  now?: Date;
  requestId?: string;
}): Promise<PublicationResult> {
  const now = args.now ?? new Date();
  return inTransaction(async (tx) => {
    const c = await findHandledCase(tx, args.user, args.caseNumber);
    if (!c) return notFound;
    // one proposal at a time per case: the case row is the lock
    await tx
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.id, c.id))
      .for("update");
    const doc = await newestDecision(tx, c.id);
    const data = (c.data ?? {}) as {
      decision?: { type?: string; servedOn?: string | null } | null;
    };
    const refusal = publicationRefusal({
      machine: c.machine,
      caseState: c.state,
      servedOn: data.decision?.servedOn ?? null,
      documentKind: doc?.kind ?? "",
    });
    if (refusal || !doc) return refused(400, refusal!);
    const document = renderedOf(doc.content);
    if (!document)
      return { ok: false, status: 400, formError: "publication.errors.noText" };
    const [live] = await tx
      .select({ id: decisionPublications.id })
      .from(decisionPublications)
      .where(
        and(
          eq(decisionPublications.documentId, doc.id),
          inArray(decisionPublications.status, ["proposed", "approved"])
        )
      );
    if (live) return conflict;

    const parties = await partiesOf(tx, c.id);
    const [respondent] = c.respondentOrganId
      ? await tx
          .select({ name: organs.name })
          .from(organs)
          .where(eq(organs.id, c.respondentOrganId))
      : [];
    const filing = (c.filing ?? {}) as {
      application?: { act?: { actTitle?: unknown } };
    };
    const actTitle = filing.application?.act?.actTitle;
    const copy = anonymisedCopy({
      document,
      personNames: personNamesOf(parties),
      respondentName: respondent?.name ?? null,
      actName: typeof actTitle === "string" ? actTitle : null,
    });
    const [row] = await tx
      .insert(decisionPublications)
      .values({
        caseId: c.id,
        documentId: doc.id,
        organId: c.organId,
        status: "proposed",
        title: copy.title,
        anonymisedText: copy.text,
        redactions: copy.redactions,
        decisionKind: data.decision?.type ?? null,
        decidedOn: /^\d{4}-\d{2}-\d{2}$/.test(document.date)
          ? document.date
          : todayInShanghai(doc.issuedAt),
        proposedBy: args.user.id,
        proposedAt: now,
        basis: { actDisclosure: args.form.actDisclosure, noSecrets: args.form.noSecrets },
      })
      .returning({ id: decisionPublications.id });
    await recordEvent(tx, {
      actorId: args.user.id,
      action: "publication.proposed",
      subjectType: "decision_publication",
      subjectId: row.id,
      // counts only: the removed values are personal information and stay out of the log
      payload: {
        caseId: c.id,
        documentId: doc.id,
        redactions: copy.redactions,
        actDisclosure: args.form.actDisclosure,
        noSecrets: args.form.noSecrets,
      },
      requestId: args.requestId,
      occurredAt: now,
    });
    return { ok: true, publicationId: row.id };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The office head's review (/staff/publications).

/** Organ ids the user is office head of (with subordinates where the membership says so). */
async function headOrganIds(
  q: Queryable,
  user: CurrentUser
): Promise<string[]> {
  const ms = user.memberships.filter((m) => m.role === "office_head");
  const below = await organSubtreeIds(
    q,
    ms.filter((m) => m.includeSubordinates).map((m) => m.organId)
  );
  return [...new Set([...ms.map((m) => m.organId), ...below])];
}

export interface ReviewItem extends PublicationSummary {
  caseNumber: string;
  organName: string;
  text: string;
  redactions: Record<string, number>;
  proposedByMe: boolean;
  /** The original decision as issued (the reviewer's side-by-side view). */
  original: string;
  check: CopyCheck;
}

export interface ReviewPage {
  proposed: ReviewItem[];
  /** Published copies of the user's organs, newest first (to withdraw). */
  published: (PublicationSummary & { caseNumber: string; organName: string })[];
}

/** The proposals waiting for review and the published copies of the organs the user is office head of. */
export async function getReviewPage(args: {
  user: CurrentUser;
}): Promise<ReviewPage> {
  const q = getDb();
  const organIds = await headOrganIds(q, args.user);
  if (organIds.length === 0) return { proposed: [], published: [] };
  const rows = await q
    .select({
      ...summaryColumns,
      caseId: decisionPublications.caseId,
      caseNumber: cases.caseNumber,
      organName: organs.name,
      redactions: decisionPublications.redactions,
      documentContent: caseDocuments.content,
    })
    .from(decisionPublications)
    .innerJoin(cases, eq(cases.id, decisionPublications.caseId))
    .innerJoin(organs, eq(organs.id, decisionPublications.organId))
    .innerJoin(
      caseDocuments,
      eq(caseDocuments.id, decisionPublications.documentId)
    )
    .where(
      and(
        inArray(decisionPublications.organId, organIds),
        inArray(decisionPublications.status, ["proposed", "approved"])
      )
    )
    .orderBy(
      desc(decisionPublications.proposedAt),
      desc(decisionPublications.id)
    )
    .limit(200);
  const proposed: ReviewItem[] = [];
  const published: ReviewPage["published"] = [];
  for (const r of rows as (SummaryRow & {
    caseId: string;
    caseNumber: string | null;
    organName: string;
    redactions: unknown;
    documentContent: unknown;
  })[]) {
    if (r.status === "approved") {
      published.push({
        ...summaryOf(r),
        caseNumber: r.caseNumber ?? "",
        organName: r.organName,
      });
      continue;
    }
    const parties = await partiesOf(q, r.caseId);
    const doc = renderedOf(r.documentContent);
    proposed.push({
      ...summaryOf(r),
      caseNumber: r.caseNumber ?? "",
      organName: r.organName,
      text: r.text,
      redactions: (r.redactions ?? {}) as Record<string, number>,
      proposedByMe: r.proposedBy === args.user.id,
      original: doc ? documentText(doc) : "",
      check: checkCopy(
        { title: r.title, text: r.text },
        secretsOfParties(parties),
        personNamesOf(parties)
      ),
    });
  }
  return { proposed, published };
}

/** The publication locked for a change, if the user is office head of its organ; null otherwise (→ 404). */
async function lockForHead(tx: Tx, user: CurrentUser, publicationId: string) {
  if (!UUID.test(publicationId)) return null;
  const [row] = await tx
    .select({
      id: decisionPublications.id,
      caseId: decisionPublications.caseId,
      organId: decisionPublications.organId,
      status: decisionPublications.status,
      proposedBy: decisionPublications.proposedBy,
      title: decisionPublications.title,
      text: decisionPublications.anonymisedText,
    })
    .from(decisionPublications)
    .where(eq(decisionPublications.id, publicationId))
    .for("update");
  if (!row) return null;
  const path = await organPath(tx, row.organId);
  // staff of the organ who are not office heads, and everyone of other organs: the publication does not exist for them
  if (!can(actorOf(user), "case:approve", { type: "organ", organPath: path }))
    return null;
  return row;
}

/**
 * The office head approves the copy, as corrected, or rejects it with the reason. Approval is refused (nothing
 * written) when the copy still shows a party's name or number (400), when the anonymiser still flags something the
 * reviewer has not confirmed (400, with the list), and to the proposer (403, four eyes). A review of a proposal
 * someone else reviewed meanwhile is a conflict (409).
 */
export async function reviewPublication(args: {
  user: CurrentUser;
  form: ReviewPublicationForm;
  now?: Date;
  requestId?: string;
}): Promise<PublicationResult> {
  const now = args.now ?? new Date();
  const f = args.form;
  return inTransaction(async (tx) => {
    const row = await lockForHead(tx, args.user, f.publicationId);
    if (!row) return notFound;
    if (row.status !== publicationSteps.approve.from) return conflict;
    if (f.decision === "reject") {
      return takeStep(tx, { ...args, now }, row, "reject", { reviewedBy: args.user.id, reviewedAt: now, reviewNote: f.reason }, { reason: f.reason });
    }
    const refusal = approvalRefusal({
      reviewerIsOfficeHeadOfOrgan: true,
      reviewerId: args.user.id,
      proposedBy: row.proposedBy,
    });
    if (refusal) return refused(403, refusal);
    const parties = await partiesOf(tx, row.caseId);
    const check = checkCopy(
      { title: f.title, text: f.text },
      secretsOfParties(parties),
      personNamesOf(parties)
    );
    if (check.leaks.length > 0)
      return {
        ok: false,
        status: 400,
        formError: "publication.errors.leaks",
        check,
      };
    if (check.warnings.length > 0 && !f.acknowledgeWarnings)
      return {
        ok: false,
        status: 400,
        formError: "publication.errors.warnings",
        check,
      };
    const corrected = f.title !== row.title || f.text !== row.text;
    return takeStep(
      tx,
      { ...args, now },
      row,
      "approve",
      { title: f.title, anonymisedText: f.text, reviewedBy: args.user.id, reviewedAt: now, reviewNote: f.reason || null, publishedAt: now },
      { corrected, acknowledgedWarnings: check.warnings.length, note: f.reason || null }
    );
  });
}

/** An office head of the organ takes a published copy down, with the reason; it is no longer public (404). */
export async function withdrawPublication(args: {
  user: CurrentUser;
  publicationId: string;
  reason: string;
  now?: Date;
  requestId?: string;
}): Promise<PublicationResult> {
  const now = args.now ?? new Date();
  return inTransaction(async (tx) => {
    const row = await lockForHead(tx, args.user, args.publicationId);
    if (!row) return notFound;
    if (row.status !== publicationSteps.withdraw.from) return conflict;
    return takeStep(tx, { ...args, now }, row, "withdraw", { withdrawnAt: now, withdrawnBy: args.user.id, withdrawReason: args.reason }, { reason: args.reason });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The public pages (/public/decisions): approved copies only, the anonymised text only.

export interface PublicListRow {
  id: string;
  title: string;
  organName: string;
  decidedOn: string | null;
  decisionKind: string | null;
  publishedAt: string;
  snippet: string;
}

export interface PublicList {
  rows: PublicListRow[];
  total: number;
  page: number;
  pageCount: number;
  /** The filter's choices: organs and years that have published decisions. */
  organs: { id: string; name: string }[];
  years: number[];
}

/** Approved copies, newest first, filtered by organ and year, searched in title and text (ILIKE, trigram-indexed). */
export async function listPublishedDecisions(
  search: PublicSearch
): Promise<PublicList> {
  const q = getDb();
  const approved = eq(decisionPublications.status, "approved");
  const where: SQL[] = [approved];
  if (search.organ) where.push(eq(decisionPublications.organId, search.organ));
  if (search.year)
    where.push(
      gte(decisionPublications.decidedOn, `${search.year}-01-01`),
      lt(decisionPublications.decidedOn, `${search.year + 1}-01-01`)
    );
  if (search.q) {
    const p = likeSubstring(search.q);
    where.push(
      or(
        ilike(decisionPublications.title, p),
        ilike(decisionPublications.anonymisedText, p)
      )!
    );
  }
  const condition = and(...where);
  const [{ total }] = await q
    .select({ total: count() })
    .from(decisionPublications)
    .where(condition);
  const totalNumber = Number(total);
  const pageCount = Math.max(1, Math.ceil(totalNumber / PUBLIC_PAGE_SIZE));
  const page = Math.min(search.page, pageCount);
  const rows = await q
    .select({
      id: decisionPublications.id,
      title: decisionPublications.title,
      organName: organs.name,
      decidedOn: decisionPublications.decidedOn,
      decisionKind: decisionPublications.decisionKind,
      publishedAt: decisionPublications.publishedAt,
      text: decisionPublications.anonymisedText,
    })
    .from(decisionPublications)
    .innerJoin(organs, eq(organs.id, decisionPublications.organId))
    .where(condition)
    .orderBy(
      desc(decisionPublications.publishedAt),
      desc(decisionPublications.id)
    )
    .limit(PUBLIC_PAGE_SIZE)
    .offset((page - 1) * PUBLIC_PAGE_SIZE);
  const organRows = await q
    .selectDistinct({ id: organs.id, name: organs.name })
    .from(decisionPublications)
    .innerJoin(organs, eq(organs.id, decisionPublications.organId))
    .where(approved)
    .orderBy(asc(organs.name), asc(organs.id));
  const yearRows = await q
    .selectDistinct({
      year: sql<number>`cast(extract(year from ${decisionPublications.decidedOn}) as integer)`,
    })
    .from(decisionPublications)
    .where(and(approved, sql`${decisionPublications.decidedOn} is not null`));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      organName: r.organName,
      decidedOn: r.decidedOn,
      decisionKind: r.decisionKind,
      publishedAt: (r.publishedAt ?? new Date(0)).toISOString(),
      snippet: snippetOf(r.text, search.q),
    })),
    total: totalNumber,
    page,
    pageCount,
    organs: organRows,
    years: yearRows.map((y) => Number(y.year)).sort((a, b) => b - a),
  };
}

export interface PublicDecision {
  id: string;
  title: string;
  text: string;
  organName: string;
  decidedOn: string | null;
  decisionKind: string | null;
  publishedAt: string;
  /** Staff of the deciding organ only: the staff page of the original ("查看原件"); null for everyone else. */
  originalHref: string | null;
}

/**
 * One approved copy, the anonymised text only — for everyone, staff included; unknown, unapproved or withdrawn → null
 * (404). Staff who handle the deciding organ's cases also get the link to the original on their own pages.
 */
export async function getPublishedDecision(args: {
  id: string | undefined;
  viewer: CurrentUser | null;
}): Promise<PublicDecision | null> {
  if (!args.id || !UUID.test(args.id)) return null;
  const q = getDb();
  const [row] = await q
    .select({
      id: decisionPublications.id,
      title: decisionPublications.title,
      text: decisionPublications.anonymisedText,
      organId: decisionPublications.organId,
      organName: organs.name,
      decidedOn: decisionPublications.decidedOn,
      decisionKind: decisionPublications.decisionKind,
      publishedAt: decisionPublications.publishedAt,
      caseId: decisionPublications.caseId,
      documentId: decisionPublications.documentId,
    })
    .from(decisionPublications)
    .innerJoin(organs, eq(organs.id, decisionPublications.organId))
    .where(
      and(
        eq(decisionPublications.id, args.id),
        eq(decisionPublications.status, "approved")
      )
    );
  if (!row) return null;
  let originalHref: string | null = null;
  if (
    args.viewer &&
    args.viewer.memberships.some(
      (m) => m.role === "reconsideration_staff" || m.role === "office_head"
    )
  ) {
    const path = await organPath(q, row.organId);
    if (
      can(actorOf(args.viewer), "case:handle", {
        type: "organ",
        organPath: path,
      })
    ) {
      const [c] = await q
        .select({ caseNumber: cases.caseNumber })
        .from(cases)
        .where(eq(cases.id, row.caseId));
      if (c?.caseNumber)
        originalHref = `/staff/cases/${encodeURIComponent(
          c.caseNumber
        )}/documents/${row.documentId}`;
    }
  }
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    organName: row.organName,
    decidedOn: row.decidedOn,
    decisionKind: row.decisionKind,
    publishedAt: (row.publishedAt ?? new Date(0)).toISOString(),
    originalHref,
  };
}

/**
 * For the case page of a party (the caller has checked that the user is entitled to the case, getMyCase): whether the
 * decision was published in anonymised form, and where.
 */
export async function publishedCopyOfCase(
  caseNumber: string
): Promise<{ id: string; publishedAt: string } | null> {
  const q = getDb();
  const [row] = await q
    .select({
      id: decisionPublications.id,
      publishedAt: decisionPublications.publishedAt,
    })
    .from(decisionPublications)
    .innerJoin(cases, eq(cases.id, decisionPublications.caseId))
    .where(
      and(
        eq(cases.caseNumber, caseNumber),
        eq(decisionPublications.status, "approved")
      )
    )
    .orderBy(desc(decisionPublications.publishedAt))
    .limit(1);
  return row
    ? {
        id: row.id,
        publishedAt: (row.publishedAt ?? new Date(0)).toISOString(),
      }
    : null;
}

/** Whether `user` may review publications at all (an office head somewhere): the review page's own check. */
export function isOfficeHead(user: CurrentUser): boolean {
  return user.memberships.some((m) => m.role === "office_head");
}
