// Applying a command to a stored process (case, mediation request, consultation, letter) in ONE transaction:
// lock the row, check the expected version, run the pure transition (app/domain/machines), then write the new state,
// the hash-chained event, the deadline rows and the outbox rows — or change nothing and return the reason. Linked
// processes follow in the same transaction: a referral creates its consultation, and a relay between a case and its
// consultation is applied to the other row (openLinkedProcess, relayToLinkedProcess).
import { createHash } from "node:crypto";
import { and, desc, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import { getDb, type Queryable, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import {
  caseDocuments,
  caseParties,
  cases,
  consultationQuestions,
  deadlines,
  documentNumberCounters,
  documentServices,
  organs,
  outbox,
  serviceConsents,
  type MachineKind,
} from "../../db/schema/index";
import { applicantDocumentKeys, serviceOf } from "~/domain/service-of-documents";
import { calendarDayPeriod, todayInShanghai, workingDaysBetween, type Calendar } from "~/domain/calendar";
import { applyTimerEffectsToDeadlines, type DeadlineCalendar, type DeadlineRow } from "~/domain/deadlines";
import {
  consultationMachine,
  expiringPeriods,
  expiryCommands,
  immediateFollowUps,
  letterMachine,
  mediationMachine,
  reconsiderationMachine,
  runTransition,
  type ActorRef,
  type Effect,
  type MachineContext,
  type Reason,
  type TimerKey,
} from "~/domain/machines";
import { draftReferral } from "~/domain/machines/consultation";
import { computeDue } from "~/domain/periods";
import { documentPrefixFor, formatDocumentNumber, isNumbered, renderDocument } from "~/domain/documents";
import { loadTemplateWording } from "./template-wording.server";
import type { DocumentKey } from "~/domain/machines/common";
import { canonicalJson } from "~/domain/receipt";
import type { SettingValues } from "~/domain/settings";
import { loadDeadlineRules } from "./calendar.server";
import { loadDocumentFacts } from "./document-facts.server";

// The four machines share the engine; their state and command types differ, so they are held loosely here.
const machines = {
  reconsideration: reconsiderationMachine,
  mediation: mediationMachine,
  consultation: consultationMachine,
  letter: letterMachine,
} as unknown as Record<MachineKind, Parameters<typeof runTransition>[0]>;

export type ApplyResult =
  | { ok: true; caseId: string; version: number; state: string; transition: string; effects: Effect[] }
  | { ok: false; reason: Reason | ConflictReason | NotFoundReason };

export interface ConflictReason {
  code: "VERSION_CONFLICT";
  message: string;
  messageEn: string;
  currentVersion: number;
}
export interface NotFoundReason {
  code: "NOT_FOUND";
  message: string;
  messageEn: string;
}

export function deadlineCalendar(calendar: Calendar, settings: SettingValues): DeadlineCalendar {
  return {
    computeDue: (timer, from, length) => {
      const r = computeDue(timer, from, calendar, settings, length ? { length: length.value } : {});
      return { due: r.due, provisional: r.provisional, explanation: r.explanation };
    },
    addCalendarDays: (date, days) => {
      const r = calendarDayPeriod(date, days, calendar, settings);
      return { due: r.date, provisional: r.provisional, explanation: r.steps };
    },
    daysBetween: (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000),
  };
}

type DeadlineDbRow = typeof deadlines.$inferSelect;
const toDomainRow = (r: DeadlineDbRow): DeadlineRow => ({
  id: r.id,
  kind: r.kind,
  basis: r.basis,
  startDate: r.startDate,
  dueDate: r.dueDate,
  originalDueDate: r.originalDueDate,
  status: r.status,
  pausedIntervals: r.pausedIntervals as DeadlineRow["pausedIntervals"],
  pausedSince: r.pausedSince,
  extendedDays: r.extendedDays,
  provisional: r.provisional,
  explanation: r.explanation as unknown[],
});

const CALENDAR_VERSION = "cn-2024-2026";

/** Creates a process in its initial state (no transition yet), with its creation event. */
export async function createProcess(
  args: { machine: MachineKind; data: { state: string; version: number } & Record<string, unknown>; organId?: string | null; parentCaseId?: string | null },
  ctx: { actorId?: string | null; now: Date; requestId?: string; q?: Queryable },
): Promise<{ caseId: string }> {
  const run = async (tx: Queryable) => {
    const [row] = await tx
      .insert(cases)
      .values({
        machine: args.machine,
        state: args.data.state,
        data: args.data,
        organId: args.organId ?? null,
        parentCaseId: args.parentCaseId ?? null,
        version: args.data.version,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: cases.id });
    await recordEvent(tx, {
      actorId: ctx.actorId ?? null,
      action: `${args.machine}.created`,
      subjectType: "case",
      subjectId: row.id,
      payload: { state: args.data.state },
      requestId: ctx.requestId,
      occurredAt: ctx.now,
    });
    return { caseId: row.id };
  };
  return ctx.q ? run(ctx.q) : getDb().transaction(run);
}

/**
 * Applies `command` to the process `caseId` if its version is still `expectedVersion`.
 * Exactly one of two concurrent commands on one process wins; the other gets VERSION_CONFLICT and changes nothing.
 */
export async function applyCommand(args: {
  caseId: string;
  expectedVersion: number;
  command: { type: string } & Record<string, unknown>;
  actor: ActorRef;
  actorUserId?: string | null;
  now: Date;
  requestId?: string;
}): Promise<ApplyResult> {
  const db = getDb();
  const rules = await loadDeadlineRules(db);
  // A rejection is thrown inside the transaction, so drizzle rolls it back, and turned back into a result here.
  return db.transaction((tx) => applyInTransaction(tx, args, rules)).catch((error: unknown) => {
    if (error instanceof Rejected) return error.rejection;
    throw error;
  });
}

/**
 * The same inside a caller's transaction (a filing writes the case, its parties and its first transition together).
 * A rejection throws `Rejected` (roll the transaction back; `rejection` holds the reason).
 */
export async function applyCommandInTransaction(
  tx: Tx,
  args: Parameters<typeof applyCommand>[0],
  rules?: { calendar: Calendar; settings: SettingValues },
): Promise<Extract<ApplyResult, { ok: true }>> {
  const result = await applyInTransaction(tx, args, rules ?? (await loadDeadlineRules(tx)));
  if (!result.ok) throw new Rejected(result);
  return result;
}

/**
 * A change to a case the machine does not model (routing, mediators, sessions, a resent invitation) still takes the
 * case's version, on the version the user saw: the column is the version of record and `data.version` follows it.
 * Returns the new version and the state, or null when the case has moved on (the caller answers 409).
 */
export async function bumpCaseVersion(
  tx: Tx,
  caseId: string,
  expected: number,
  set: Partial<typeof cases.$inferInsert> = {},
): Promise<{ version: number; state: string } | null> {
  const [row] = await tx
    .update(cases)
    .set({ ...set, version: sql`${cases.version} + 1`, data: sql`jsonb_set(${cases.data}, '{version}', to_jsonb(${cases.version} + 1))` })
    .where(and(eq(cases.id, caseId), eq(cases.version, expected)))
    .returning({ version: cases.version, state: cases.state });
  return row ?? null;
}

export class Rejected extends Error {
  constructor(readonly rejection: ApplyResult) {
    super("rejected");
  }
}

/** How deep relays between linked processes may nest (case → consultation → case is 2): deeper is a loop, a bug. */
const MAX_LINK_DEPTH = 3;

async function applyInTransaction(
  tx: Tx,
  args: Parameters<typeof applyCommand>[0],
  rules: { calendar: Calendar; settings: SettingValues },
  depth = 0,
): Promise<ApplyResult> {
  if (depth > MAX_LINK_DEPTH) throw new Error(`relays between linked processes nest deeper than ${MAX_LINK_DEPTH}: a loop`);
  // Locks are taken parent first (the case, then its consultation or letter), whichever process the command is for:
  // a command on a consultation that relays to its case and one on the case that relays to the consultation then
  // queue on the case's row instead of deadlocking.
  const [link] = await tx.select({ parentCaseId: cases.parentCaseId }).from(cases).where(eq(cases.id, args.caseId));
  if (link?.parentCaseId) await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, link.parentCaseId)).for("update");
  const [row] = await tx
    .select({
      id: cases.id,
      machine: cases.machine,
      state: cases.state,
      data: cases.data,
      version: cases.version,
      organId: cases.organId,
      parentCaseId: cases.parentCaseId,
    })
    .from(cases)
    .where(eq(cases.id, args.caseId))
    .for("update");
  if (!row) throw new Rejected({ ok: false, reason: { code: "NOT_FOUND", message: "找不到该案件", messageEn: "No such case" } });
  if (row.version !== args.expectedVersion) {
    throw new Rejected({
      ok: false,
      reason: {
        code: "VERSION_CONFLICT",
        message: "该案件刚刚已被他人处理，您看到的不是最新情况。请刷新页面，确认后再操作。",
        messageEn: "Someone else changed this case a moment ago. Reload the page and try again.",
        currentVersion: row.version,
      },
    });
  }
  const today = todayInShanghai(args.now);
  const open = await tx
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.caseId, row.id), inArray(deadlines.status, ["running", "paused"])));
  const context: MachineContext = {
    actor: args.actor,
    today,
    workingDaysBetween: (from, to) => workingDaysBetween(from, to, rules.calendar, rules.settings),
    expiredTimers: open.filter((d) => d.status === "running" && d.dueDate < today).map((d) => d.kind as TimerKey),
    settings: rules.settings,
  };
  const machine = machines[row.machine];
  // The column is the version of record: handler changes and routing bump it without running the machine, so the
  // machine continues from it (else its stored counter would lag and a stale form could pass the check above).
  const stored = { ...(row.data as Record<string, unknown>), version: row.version };
  const first = runTransition(machine, stored as never, args.command as never, context);
  if (!first.ok) throw new Rejected({ ok: false, reason: first.reason });
  // Automatic follow-ups in the same transaction: a state that the law moves on from at once (T2 after T1), and
  // relays a machine addresses to itself (P1 after T29). Relays to a linked process go to the outbox.
  const steps = [{ result: first, from: row.state }];
  for (let guard = 0; guard < 5; guard++) {
    const last = steps[steps.length - 1].result;
    const state = (last.next as { state: string }).state;
    const followUp =
      immediateFollowUps[row.machine]?.[state] ??
      (last.effects.find((e) => e.kind === "relay" && e.to === row.machine) as { command: { type: string } } | undefined)?.command;
    if (!followUp) break;
    const r = runTransition(machine, last.next as never, followUp as never, { ...context, actor: { system: true } });
    if (!r.ok) break; // the follow-up is not due yet; the state stays for people or the scheduler
    steps.push({ result: r, from: state });
  }
  const result = {
    next: steps[steps.length - 1].result.next,
    effects: steps.flatMap((s) => s.result.effects),
    transition: steps.map((s) => s.result.transition).join("+"),
  };
  const next = result.next as { state: string; version: number };

  const updated = await tx
    .update(cases)
    .set({ state: next.state, data: next, version: next.version, updatedAt: args.now })
    .where(and(eq(cases.id, row.id), eq(cases.version, args.expectedVersion)))
    .returning({ id: cases.id });
  if (updated.length !== 1) throw new Error("version changed under a row lock");

  const changes = applyTimerEffectsToDeadlines(open.map(toDomainRow), result.effects, deadlineCalendar(rules.calendar, rules.settings), today);
  const deadlineLog: Record<string, unknown>[] = [];
  for (const change of changes) {
    if (change.op === "insert") {
      const r = change.row;
      await tx.insert(deadlines).values({
        caseId: row.id,
        kind: r.kind,
        basis: r.basis,
        startDate: r.startDate,
        dueDate: r.dueDate,
        originalDueDate: r.originalDueDate,
        status: r.status,
        pausedIntervals: r.pausedIntervals,
        pausedSince: r.pausedSince,
        extendedDays: r.extendedDays,
        provisional: r.provisional,
        calendarVersion: CALENDAR_VERSION,
        explanation: r.explanation,
        createdAt: args.now,
        updatedAt: args.now,
      });
      deadlineLog.push({ op: "start", kind: r.kind, start: r.startDate, due: r.dueDate });
    } else {
      const a = change.after;
      await tx
        .update(deadlines)
        .set({
          status: a.status,
          dueDate: a.dueDate,
          pausedIntervals: a.pausedIntervals,
          pausedSince: a.pausedSince,
          extendedDays: a.extendedDays,
          provisional: a.provisional,
          explanation: a.explanation,
          closedAt: a.status === "running" || a.status === "paused" ? null : args.now,
          updatedAt: args.now,
        })
        .where(eq(deadlines.id, change.id!));
      deadlineLog.push({ op: a.status, kind: a.kind, due: a.dueDate, dueBefore: change.before.dueDate });
    }
  }

  for (const [i, stepDone] of steps.entries()) {
    const event = stepDone.result.effects.find((e) => e.kind === "recordEvent");
    const to = (stepDone.result.next as { state: string; version: number });
    await recordEvent(tx, {
      actorId: i === 0 ? (args.actorUserId ?? null) : null,
      action: event && event.kind === "recordEvent" ? event.event : `${row.machine}.${stepDone.result.transition}`,
      subjectType: "case",
      subjectId: row.id,
      payload: {
        transition: stepDone.result.transition,
        command: i === 0 ? args.command.type : "automatic",
        from: stepDone.from,
        to: to.state,
        version: to.version,
        basis: event && event.kind === "recordEvent" ? event.basis : undefined,
        note: event && event.kind === "recordEvent" ? event.note : undefined,
        ...(i === steps.length - 1 ? { deadlines: deadlineLog } : {}),
      },
      requestId: args.requestId,
      occurredAt: args.now,
    });
  }

  // Documents issued by this command: numbered, rendered and frozen on the case; those addressed to the applicant are
  // served on the filing account, electronically where the applicant consented (CPL Art. 90).
  const issued = result.effects.filter((e): e is Extract<Effect, { kind: "issueDocument" }> => e.kind === "issueDocument");
  if (issued.length) {
    const [filing] = await tx.select({ filedBy: cases.filedBy, organId: cases.organId }).from(cases).where(eq(cases.id, row.id));
    const [consent] = filing?.filedBy
      ? await tx
          .select({ consentedAt: serviceConsents.consentedAt })
          .from(serviceConsents)
          .where(and(eq(serviceConsents.caseId, row.id), eq(serviceConsents.userId, filing.filedBy)))
      : [];
    // Counters are taken in one fixed order (by kind), so that two commands issuing the same kinds cannot deadlock.
    const year = Number(todayInShanghai(args.now).slice(0, 4));
    const serials = new Map<string, number[]>();
    if (filing?.organId) {
      const organ = filing.organId;
      for (const e of [...issued].filter((x) => isNumbered(x.document)).sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : 0))) {
        const list = serials.get(e.document) ?? [];
        list.push(await nextDocumentSerial(tx, organ, e.document, year));
        serials.set(e.document, list);
      }
    }
    for (const e of issued) {
      const toApplicant = applicantDocumentKeys.includes(e.document) && filing?.filedBy;
      const service = toApplicant ? serviceOf(consent?.consentedAt ?? null, args.now) : null;
      await issueCaseDocument(tx, {
        caseId: row.id,
        organId: filing?.organId ?? null,
        kind: e.document,
        basis: e.basis,
        data: e.data ?? {},
        issuedBy: args.actorUserId ?? null,
        recipientUserId: toApplicant ? filing.filedBy : null,
        service,
        now: args.now,
        serial: serials.get(e.document)?.shift(),
      });
    }
  }

  // Linked processes, in this same transaction: the consultation a referral opens (T14) is created with its questions,
  // and a relay to the case or its consultation (opinion recorded, adoption recorded, decision linked, case ended) is
  // applied to that row as the system, with its own event, deadlines and outbox. If the linked process refuses, the
  // whole command is refused: the case and its consultation never disagree.
  const linked = new Map<Effect, string>();
  for (const e of result.effects) {
    if (e.kind === "openProcess") linked.set(e, await openLinkedProcess(tx, row, e, args));
    else if (e.kind === "relay" && e.to !== row.machine) {
      const target = await relayToLinkedProcess(tx, row, e, args, rules, depth);
      if (target) linked.set(e, target);
    }
  }

  const outgoing = result.effects.filter(
    (e) => ["notify", "issueDocument", "openProcess"].includes(e.kind) || (e.kind === "relay" && e.to !== row.machine),
  );
  if (outgoing.length) {
    // Rows for links already applied above carry the linked process and are marked dispatched: nothing is left to do.
    // Notify rows wait for the dispatcher (notify.server.ts).
    await tx.insert(outbox).values(
      outgoing.map((e) => {
        const linkedCaseId = linked.get(e);
        return {
          topic: e.kind,
          caseId: row.id,
          payload: (linkedCaseId ? { ...e, linkedCaseId } : e) as unknown as Record<string, unknown>,
          createdAt: args.now,
          availableAt: args.now,
          // documents were issued above in this transaction: their rows are the record, with nothing left to deliver
          dispatchedAt: linkedCaseId || e.kind === "issueDocument" ? args.now : null,
        };
      }),
    );
  }
  return { ok: true, caseId: row.id, version: next.version, state: next.state, transition: result.transition, effects: result.effects };
}

type LinkSource = { id: string; machine: MachineKind; organId: string | null; parentCaseId: string | null };

/**
 * The process an `openProcess` effect asks for, created in the caller's transaction in its initial state, linked to
 * the process that opened it (parent_case_id) and in its organ, with its creation event. A consultation (T14,
 * DOMAIN.md §17) gets the questions put to the committee as consultation_questions rows, in order.
 */
async function openLinkedProcess(
  tx: Tx,
  source: LinkSource,
  effect: Extract<Effect, { kind: "openProcess" }>,
  args: Parameters<typeof applyCommand>[0],
): Promise<string> {
  if (effect.process !== "consultation") throw new Error(`openProcess: no initial state is defined for a ${effect.process}`);
  const data = draftReferral(effect.data as Parameters<typeof draftReferral>[0]);
  const { caseId } = await createProcess(
    { machine: "consultation", data: data as unknown as { state: string; version: number }, organId: source.organId, parentCaseId: source.id },
    { actorId: args.actorUserId ?? null, now: args.now, requestId: args.requestId, q: tx },
  );
  if (data.questions.length > 0) {
    await tx.insert(consultationQuestions).values(data.questions.map((text, i) => ({ consultationId: caseId, position: i + 1, text })));
  }
  return caseId;
}

/**
 * Applies a relay to the linked process of machine `effect.to`: the parent (a consultation's case) or the newest open
 * child (a case's consultation that is not closed). Returns its id, or null when there is none (a process stored before
 * links were made): the outbox row then stays for whoever reads it. A refusal by the linked machine refuses the whole
 * command, with the linked machine's reason.
 */
async function relayToLinkedProcess(
  tx: Tx,
  source: LinkSource,
  effect: Extract<Effect, { kind: "relay" }>,
  args: Parameters<typeof applyCommand>[0],
  rules: { calendar: Calendar; settings: SettingValues },
  depth: number,
): Promise<string | null> {
  const target = await linkedProcessOf(tx, source, effect.to);
  if (!target) return null;
  try {
    await applyInTransaction(
      tx,
      { caseId: target.id, expectedVersion: target.version, command: effect.command, actor: { system: true }, actorUserId: null, now: args.now, requestId: args.requestId },
      rules,
      depth + 1,
    );
  } catch (error) {
    if (error instanceof Rejected && !error.rejection.ok) {
      const reason = error.rejection.reason;
      const parent = target.id === source.parentCaseId;
      throw new Rejected({
        ok: false,
        reason: {
          ...reason,
          message: `${parent ? "关联的行政复议案件" : "关联的委员会咨询"}不能随之变更：${reason.message}`,
          messageEn: `${parent ? "The linked case" : "The linked consultation"} cannot follow: ${reason.messageEn}`,
        },
      });
    }
    throw error;
  }
  return target.id;
}

async function linkedProcessOf(tx: Tx, source: LinkSource, machine: MachineKind): Promise<{ id: string; version: number } | null> {
  if (source.parentCaseId) {
    const [parent] = await tx
      .select({ id: cases.id, version: cases.version, machine: cases.machine })
      .from(cases)
      .where(eq(cases.id, source.parentCaseId))
      .for("update");
    if (parent?.machine === machine) return parent;
  }
  const [child] = await tx
    .select({ id: cases.id, version: cases.version })
    .from(cases)
    .where(and(eq(cases.parentCaseId, source.id), eq(cases.machine, machine), ne(cases.state, "CLOSED")))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(1)
    .for("update");
  return child ?? null;
}

/** The next 文号 serial of (organ, kind, year), taken in the caller's transaction: the counter row stays locked until
 *  commit, so concurrent issuers queue and a rollback returns the number — serials never repeat or skip. */
export async function nextDocumentSerial(tx: Queryable, organId: string, kind: string, year: number): Promise<number> {
  const [counter] = await tx
    .insert(documentNumberCounters)
    .values({ organId, kind, year, last: 1 })
    .onConflictDoUpdate({
      target: [documentNumberCounters.organId, documentNumberCounters.kind, documentNumberCounters.year],
      set: { last: sql`${documentNumberCounters.last} + 1` },
    })
    .returning({ last: documentNumberCounters.last });
  return counter.last;
}

/**
 * Issues one document on a case inside the caller's transaction: its number (per organ, year and kind, DOMAIN.md §19),
 * its rendered text, the content hash that freezes it, and — when served electronically on the applicant (CPL Art. 90)
 * — its 送达回证 row. There is no update path for number or content: a correction is a new document (`correctsId`).
 */
export async function issueCaseDocument(
  tx: Queryable,
  args: {
    caseId: string;
    organId: string | null;
    kind: DocumentKey;
    basis: string;
    data: Record<string, unknown>;
    issuedBy: string | null;
    recipientUserId: string | null;
    /** Service on the applicant as the issuing command decides it (serviceOf): electronic now, or pending. */
    service: { method: "electronic"; servedAt: Date } | { method: "pending"; servedAt: null } | null;
    now: Date;
    correctsId?: string | null;
    /** A serial already taken from the counter in this transaction (several documents of one command). */
    serial?: number;
  },
): Promise<{ id: string; number: string | null; serial: number | null }> {
  const year = Number(todayInShanghai(args.now).slice(0, 4));
  let number: string | null = null;
  let serial: number | null = null;
  if (args.organId && isNumbered(args.kind)) {
    const [organ] = await tx
      .select({ code: organs.code, name: organs.name, documentPrefix: organs.documentPrefix })
      .from(organs)
      .where(eq(organs.id, args.organId));
    serial = args.serial ?? (await nextDocumentSerial(tx, args.organId, args.kind, year));
    number = formatDocumentNumber(documentPrefixFor(organ, args.kind), args.kind, year, serial);
  }
  const facts = await loadDocumentFacts(tx, { caseId: args.caseId, kind: args.kind, data: args.data, basis: args.basis, number, now: args.now });
  // the administrators' fixed wording as it stands now: a document issued earlier keeps its own (content hash)
  const rendered = renderDocument(args.kind, facts, await loadTemplateWording(tx, args.kind));
  // The machine's fields stay at the top (pages read `items`, `ground`, …); the issued text is under `document`.
  const content = { ...args.data, document: rendered };
  const contentHash = createHash("sha256").update(canonicalJson(content)).digest("hex");
  const [doc] = await tx
    .insert(caseDocuments)
    .values({
      caseId: args.caseId,
      kind: args.kind,
      basis: args.basis,
      content,
      recipientUserId: args.recipientUserId,
      serviceMethod: args.service?.method ?? null,
      issuedAt: args.now,
      servedAt: args.service?.servedAt ?? null,
      organId: args.organId,
      number,
      year: number ? year : null,
      serial,
      title: rendered.title,
      contentHash,
      correctsId: args.correctsId ?? null,
      issuedBy: args.issuedBy,
    })
    .returning({ id: caseDocuments.id });
  if (args.service?.method === "electronic" && args.recipientUserId) {
    const [party] = await tx
      .select({ name: caseParties.name })
      .from(caseParties)
      .where(and(eq(caseParties.caseId, args.caseId), eq(caseParties.userId, args.recipientUserId)))
      .limit(1);
    await tx.insert(documentServices).values({
      documentId: doc.id,
      recipientRole: "applicant",
      recipientName: party?.name ?? facts.applicants[0] ?? "",
      recipientUserId: args.recipientUserId,
      method: "electronic",
      reachedAt: args.service.servedAt,
      servedOn: todayInShanghai(args.service.servedAt),
      recordedBy: args.issuedBy,
      recordedAt: args.now,
    });
  }
  return { id: doc.id, number, serial };
}

/**
 * Applies the automatic transitions whose periods ran out before `now` (Asia/Shanghai): one command per expired
 * running deadline. Idempotent: a deadline whose command went through is closed by it, so a second run finds nothing;
 * a rejected command (the case moved on) is left for people to see and is not retried in the same run.
 */
export async function runDueTransitions(now: Date, options: { limit?: number } = {}): Promise<{ applied: number; rejected: number }> {
  const db = getDb();
  const today = todayInShanghai(now);
  const due = await db
    .select({ caseId: deadlines.caseId, kind: deadlines.kind, dueDate: deadlines.dueDate, machine: cases.machine, version: cases.version })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(
      and(
        eq(deadlines.status, "running"),
        lt(deadlines.dueDate, today),
        // only periods whose expiry is a command: running periods that merely remind (the decision period) must not
        // fill the batch and starve the rest
        or(...expiringPeriods.map((p) => and(eq(cases.machine, p.machine), eq(deadlines.kind, p.kind)))),
        // a consultation's period stays running after its one alert (members may still answer): not again
        sql`not (${cases.machine} = 'consultation' and coalesce(${cases.data}->>'overdue', 'false') = 'true')`,
      ),
    )
    .limit(options.limit ?? 500);
  let applied = 0;
  let rejected = 0;
  for (const d of due) {
    const make = expiryCommands[d.machine]?.[d.kind as TimerKey];
    if (!make) continue;
    const [current] = await db.select({ version: cases.version }).from(cases).where(eq(cases.id, d.caseId));
    const result = await applyCommand({ caseId: d.caseId, expectedVersion: current.version, command: make(d.dueDate), actor: { system: true }, now });
    if (result.ok) applied++;
    else rejected++;
  }
  return { applied, rejected };
}
