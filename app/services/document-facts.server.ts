// The facts a document is rendered from (app/domain/documents.ts), read inside the issuing transaction: the case as
// filed, its parties, organs, handler, running periods (after this command's changes), the reply, hearing and draft.
import { and, asc, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { caseDocuments, caseParties, cases, deadlines, decisionDrafts, hearings, mediationAgreements, mediationMediators, organs, respondentReplies, users } from "../../db/schema/index";
import type { IsoDate } from "~/domain/calendar";
import { todayInShanghai } from "~/domain/calendar";
import type { DocumentFacts, MediationDocumentFacts } from "~/domain/documents";

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

export async function loadDocumentFacts(
  q: Queryable,
  args: { caseId: string; kind?: string; data: Record<string, unknown>; basis: string; number: string | null; now: Date },
): Promise<DocumentFacts> {
  const [c] = await q
    .select({
      caseNumber: cases.caseNumber,
      organId: cases.organId,
      respondentOrganId: cases.respondentOrganId,
      actDocumentNumber: cases.actDocumentNumber,
      applicantNames: cases.applicantNames,
      receivedAt: cases.receivedAt,
      handlerId: cases.handlerId,
      filing: cases.filing,
      data: cases.data,
      machine: cases.machine,
      parentCaseId: cases.parentCaseId,
    })
    .from(cases)
    .where(eq(cases.id, args.caseId));
  // A letter (意见书, 建议书) is its own process: its text is the drafted content, its case number the parent case's.
  const letter = c.machine === "letter" ? await letterFacts(q, args.caseId, c) : null;
  const organIds = [c.organId, c.respondentOrganId].filter((x): x is string => !!x);
  const organRows = organIds.length ? await q.select({ id: organs.id, name: organs.name }).from(organs).where(inArray(organs.id, organIds)) : [];
  const organName = (id: string | null) => organRows.find((o) => o.id === id)?.name ?? null;
  const parties = await q
    .select({ name: caseParties.name, position: caseParties.position })
    .from(caseParties)
    .where(and(eq(caseParties.caseId, args.caseId), eq(caseParties.role, "applicant")))
    .orderBy(caseParties.position);
  const [handler] = c.handlerId ? await q.select({ name: users.displayName }).from(users).where(eq(users.id, c.handlerId)) : [];
  const running = await q
    .select({ kind: deadlines.kind, dueDate: deadlines.dueDate })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, args.caseId), inArray(deadlines.status, ["running", "paused"])));
  const due = (...kinds: string[]): IsoDate | null => running.find((d) => kinds.includes(d.kind))?.dueDate ?? null;
  const [reply] = await q
    .select({ reply: respondentReplies.reply })
    .from(respondentReplies)
    .where(eq(respondentReplies.caseId, args.caseId))
    .orderBy(desc(respondentReplies.filedAt))
    .limit(1);
  const [hearing] = await q
    .select({ place: hearings.place, issues: hearings.issues, presidingId: hearings.presidingId, memberIds: hearings.memberIds })
    .from(hearings)
    .where(eq(hearings.caseId, args.caseId))
    .orderBy(desc(hearings.createdAt))
    .limit(1);
  let panel: string[] = [];
  if (hearing) {
    const ids = [hearing.presidingId, ...((Array.isArray(hearing.memberIds) ? hearing.memberIds : []) as string[])].filter((x) => typeof x === "string");
    const names = ids.length ? await q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids)) : [];
    panel = ids.map((id) => names.find((n) => n.id === id)?.name).filter((n): n is string => !!n);
  }
  const [draft] = await q
    .select({ content: decisionDrafts.content })
    .from(decisionDrafts)
    // The 调解书 reads the mediation terms, every other document the latest decision draft (staff-decision.server.ts
    // keeps both in decision_drafts, the terms under the type "mediation").
    .where(
      and(
        eq(decisionDrafts.caseId, args.caseId),
        args.kind === "mediation_document" ? eq(decisionDrafts.decisionType, "mediation") : ne(decisionDrafts.decisionType, "mediation"),
      ),
    )
    .orderBy(desc(decisionDrafts.submittedAt))
    .limit(1);

  const filing = (c.filing ?? {}) as { application?: { act?: Record<string, unknown>; requests?: Record<string, unknown> } };
  const state = (c.data ?? {}) as { procedure?: string; acceptedAt?: string | null; receivedOn?: string | null };
  return {
    caseNumber: letter?.caseNumber ?? c.caseNumber ?? "",
    organName: organName(c.organId) ?? "",
    number: args.number,
    issuedOn: todayInShanghai(args.now),
    basis: args.basis,
    applicants: parties.length ? parties.map((p) => p.name) : (c.applicantNames ? [c.applicantNames] : []),
    respondentName: organName(c.respondentOrganId),
    actDocumentNumber: c.actDocumentNumber ?? str(filing.application?.act?.actDocumentNumber),
    actName: str(filing.application?.act?.actTitle),
    receivedOn: state.receivedOn ?? (c.receivedAt ? todayInShanghai(c.receivedAt) : null),
    acceptedOn: state.acceptedAt ?? null,
    procedure: state.procedure === "simplified" ? "simplified" : "ordinary",
    handlerName: handler?.name ?? null,
    decisionDue: due("decision", "decision_simplified"),
    replyDue: due("respondent_reply", "respondent_reply_simplified"),
    requests: str(filing.application?.requests?.requests),
    factsAndReasons: str(filing.application?.requests?.factsAndReasons),
    replySummary: reply?.reply ?? null,
    hearing: hearing ? { place: hearing.place, issues: hearing.issues, panel } : null,
    draft: draft ? (draft.content as Record<string, unknown>) : null,
    data: letter ? { ...letter.data, ...args.data } : args.data,
    mediation: c.machine === "mediation" ? await mediationFacts(q, args.caseId, c.filing, due("mediation_period")) : null,
  };
}

/** An administrative mediation's parties, dispute, mediators and agreement (app/services/mediation.server.ts writes them). */
async function mediationFacts(q: Queryable, caseId: string, filing: unknown, periodDue: IsoDate | null): Promise<MediationDocumentFacts> {
  const others = await q
    .select({ name: caseParties.name })
    .from(caseParties)
    .where(and(eq(caseParties.caseId, caseId), eq(caseParties.role, "other_party")))
    .orderBy(asc(caseParties.position));
  const mediators = await q
    .select({ name: users.displayName })
    .from(mediationMediators)
    .innerJoin(users, eq(users.id, mediationMediators.userId))
    .where(and(eq(mediationMediators.caseId, caseId), isNull(mediationMediators.removedAt)))
    .orderBy(asc(mediationMediators.assignedAt));
  const [agreement] = await q
    .select({
      terms: mediationAgreements.terms,
      performanceTerms: mediationAgreements.performanceTerms,
      confirmations: mediationAgreements.confirmations,
      judicialConfirmationEligible: mediationAgreements.judicialConfirmationEligible,
    })
    .from(mediationAgreements)
    .where(eq(mediationAgreements.caseId, caseId));
  const f = (filing ?? {}) as { happened?: unknown; wantedOutcome?: unknown };
  return {
    otherParties: others.map((o) => o.name),
    happened: str(f.happened),
    wantedOutcome: str(f.wantedOutcome),
    mediators: mediators.map((m) => m.name),
    periodDue,
    agreement: agreement
      ? {
          terms: agreement.terms,
          performanceTerms: agreement.performanceTerms as NonNullable<MediationDocumentFacts["agreement"]>["performanceTerms"],
          confirmations: agreement.confirmations as NonNullable<MediationDocumentFacts["agreement"]>["confirmations"],
          judicialConfirmationEligible: agreement.judicialConfirmationEligible,
        }
      : null,
  };
}

/**
 * The facts of a letter's documents (app/services/letters.server.ts keeps the drafted content in `filing`): the content,
 * the state's service date and copy, the running report period, the letter's own number (for the copy and the order).
 */
async function letterFacts(
  q: Queryable,
  letterId: string,
  c: { parentCaseId: string | null; filing: unknown; data: unknown },
): Promise<{ caseNumber: string | null; data: Record<string, unknown> }> {
  const [parent] = c.parentCaseId ? await q.select({ caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, c.parentCaseId)) : [];
  const content = (c.filing ?? {}) as Record<string, unknown>;
  const state = (c.data ?? {}) as { type?: string; servedOn?: string | null; copied?: boolean; recipient?: { name?: string; higherDepartment?: string | null } };
  const [period] = await q
    .select({ dueDate: deadlines.dueDate })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, letterId), inArray(deadlines.kind, ["opinion_letter_report", "suggestion_letter_reply"])))
    .orderBy(desc(deadlines.createdAt))
    .limit(1);
  const [issued] = await q
    .select({ number: caseDocuments.number })
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, letterId), inArray(caseDocuments.kind, ["opinion_letter", "suggestion_letter"])))
    .orderBy(desc(caseDocuments.issuedAt))
    .limit(1);
  return {
    caseNumber: parent?.caseNumber ?? null,
    data: {
      letterType: state.type ?? null,
      recipientName: state.recipient?.name ?? null,
      higherDepartment: state.recipient?.higherDepartment ?? null,
      copied: state.copied === true,
      servedOn: state.servedOn ?? null,
      findings: content.findings ?? null,
      rectification: content.rectification ?? null,
      legalBasis: content.legalBasis ?? null,
      reportDue: period?.dueDate ?? null,
      letterNumber: issued?.number ?? null,
    },
  };
}
