// R4 (issue 8 req. 3): two reconsideration staff of the same office act on one case at the same instant, both on the
// version their page showed. Two commands, alternating trial by trial:
//  - claim: both press "claim" in the queue (/staff/queue, intent=claim) — the optimistic version check of
//    app/services/staff-queue.server.ts (conditional UPDATE … WHERE version = expected);
//  - accept: both accept the application under the ordinary procedure (/staff/cases/:caseNumber, intent=accept) — the
//    engine's row lock and version check (app/services/transitions.server.ts, VERSION_CONFLICT).
// Expected: exactly one wins (303), the other gets 409 with the app's clear Chinese conflict message, and the database
// agrees: one claim / one ACCEPT event per case, by the winner; the handler is the winner; the case's version is the
// one the winning command left (claim: +1; accept: the version its last event recorded).
// The cases are filed and routed at the dispute center through the app's services (lib/setup.ts fileRoutedCase).
import { inArray, sql } from "drizzle-orm";
import { auditEvents, cases } from "../../db/schema/index";
import type { Database } from "../../db/client";
import type { CurrentUser } from "~/services/session.server";
import { pool, postForm, type Reply } from "./lib/http";
import { fileRoutedCase, organId } from "./lib/setup";
import type { CheckResult, HarnessContext, Person, Secrets } from "./lib/types";

/** The app's conflict answers (engine: "该案件刚刚已被他人处理…"; queue: "该案件刚刚已被他人更新…"). */
const CONFLICT_TEXT = /该案件刚刚已被他人(处理|更新)/;

type SessionFor = (database: Database, user: CurrentUser, secrets: Secrets) => Promise<Person>;
type Kind = "claim" | "accept";

interface Outcome {
  caseNumber: string;
  kind: Kind;
  version: number;
  /** replies[k] is staff[k]'s answer. */
  replies: Reply[];
}

export async function runR4(ctx: HarnessContext, trials: number, sessionFor: SessionFor): Promise<CheckResult> {
  const base = ctx.server.baseUrl;
  const respondent = await organId(ctx.database, "150100-market");
  const t0 = Date.now();
  const numbers = await pool(Array.from({ length: trials }, (_, i) => i), 4, (i) => fileRoutedCase(ctx.citizens[i % ctx.citizens.length], respondent, ctx.secrets));
  ctx.progress(`R4: ${numbers.length} cases filed and routed to the office in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const staff = [await sessionFor(ctx.database, ctx.staff[0], ctx.secrets), await sessionFor(ctx.database, ctx.staff[1], ctx.secrets)];

  const before = new Map(
    (await ctx.database.db.select({ caseNumber: cases.caseNumber, version: cases.version }).from(cases).where(inArray(cases.caseNumber, numbers))).map((r) => [
      r.caseNumber!,
      r.version,
    ]),
  );
  const started = Date.now();
  const outcomes = await pool(numbers, 3, async (caseNumber, i): Promise<Outcome> => {
    const version = before.get(caseNumber)!;
    const kind: Kind = i % 2 ? "accept" : "claim";
    const path = kind === "claim" ? "/staff/queue" : `/staff/cases/${encodeURIComponent(caseNumber)}`;
    const form: Record<string, string> =
      kind === "claim" ? { intent: "claim", caseNumber, version: String(version) } : { intent: "accept", version: String(version), procedure: "ordinary" };
    // who is first in line alternates every two trials, so that neither always has the head start
    const order = Math.floor(i / 2) % 2 ? [1, 0] : [0, 1];
    const replies = await Promise.all(order.map((k) => postForm(base, path, staff[k], form, { timeoutMs: 60_000, withBody: true })));
    const byStaff: Reply[] = [];
    order.forEach((k, j) => (byStaff[k] = replies[j]));
    return { caseNumber, kind, version, replies: byStaff };
  });
  const seconds = (Date.now() - started) / 1000;

  // The database's side: per case, the claim and ACCEPT events and who wrote them, the highest version an event recorded.
  const rows = await ctx.database.db
    .select({ id: cases.id, caseNumber: cases.caseNumber, version: cases.version, handlerId: cases.handlerId })
    .from(cases)
    .where(inArray(cases.caseNumber, numbers));
  const ids = rows.map((r) => r.id);
  const events = ids.length
    ? await ctx.database.db
        .select({
          subjectId: auditEvents.subjectId,
          accepts: sql<number>`count(*) filter (where ${auditEvents.payload}->>'command' = 'ACCEPT')::int`,
          acceptActor: sql<string | null>`max(${auditEvents.actorId}::text) filter (where ${auditEvents.payload}->>'command' = 'ACCEPT')`,
          claims: sql<number>`count(*) filter (where ${auditEvents.action} = 'case.claimed')::int`,
          claimActor: sql<string | null>`max(${auditEvents.actorId}::text) filter (where ${auditEvents.action} = 'case.claimed')`,
          maxVersion: sql<number | null>`max((${auditEvents.payload}->>'version')::int)`,
        })
        .from(auditEvents)
        .where(inArray(auditEvents.subjectId, ids))
        .groupBy(auditEvents.subjectId)
    : [];
  const eventsOf = new Map(events.map((e) => [e.subjectId, e]));
  const rowOf = new Map(rows.map((r) => [r.caseNumber!, r]));

  const counts = {
    trials,
    claimTrials: 0,
    acceptTrials: 0,
    requests: 0,
    oneWinner: 0,
    bothWon: 0,
    noWinner: 0,
    conflicts409: 0,
    clearMessage: 0,
    otherAnswers: 0,
    server5xx: 0,
    dbOneEvent: 0,
    dbWinnerMatches: 0,
    dbVersionMatches: 0,
  };
  const problems: string[] = [];
  for (const o of outcomes) {
    counts[o.kind === "claim" ? "claimTrials" : "acceptTrials"]++;
    counts.requests += 2;
    const success = o.kind === "claim" ? "/staff/queue?done=claim" : `/staff/cases/${encodeURIComponent(o.caseNumber)}?done=accept`;
    const wins = o.replies.map((r) => r.status === 303 && r.location === success);
    for (const r of o.replies) {
      if (r.status >= 500) counts.server5xx++;
      if (r.status === 409) {
        counts.conflicts409++;
        if (CONFLICT_TEXT.test(r.body ?? "")) counts.clearMessage++;
      }
    }
    const winners = wins.filter(Boolean).length;
    if (winners === 1) counts.oneWinner++;
    else if (winners === 2) counts.bothWon++;
    else counts.noWinner++;
    if (o.replies.some((r, k) => !wins[k] && r.status !== 409)) {
      counts.otherAnswers++;
      if (problems.length < 5) problems.push(`${o.kind} ${o.caseNumber}: ${o.replies.map((r) => `${r.status}${r.error ? ` ${r.error}` : ""}`).join(" / ")}`);
    }
    const row = rowOf.get(o.caseNumber);
    const ev = row ? eventsOf.get(row.id) : undefined;
    const winner = wins.indexOf(true);
    const winnerId = winner >= 0 ? staff[winner].user.id : null;
    if (o.kind === "claim") {
      if (ev?.claims === 1 && ev.accepts === 0) counts.dbOneEvent++;
      if (winnerId && ev?.claimActor === winnerId && row?.handlerId === winnerId) counts.dbWinnerMatches++;
      if (row && row.version === o.version + 1) counts.dbVersionMatches++;
    } else {
      if (ev?.accepts === 1 && ev.claims === 0) counts.dbOneEvent++;
      if (winnerId && ev?.acceptActor === winnerId) counts.dbWinnerMatches++;
      if (row && ev && ev.maxVersion === row.version && row.version > o.version) counts.dbVersionMatches++;
    }
  }
  const ok =
    counts.oneWinner === trials &&
    counts.conflicts409 === trials &&
    counts.clearMessage === trials &&
    counts.otherAnswers === 0 &&
    counts.server5xx === 0 &&
    counts.dbOneEvent === trials &&
    counts.dbWinnerMatches === trials &&
    counts.dbVersionMatches === trials;
  const loserMessages = new Set<string>();
  for (const o of outcomes) for (const r of o.replies) if (r.status === 409) loserMessages.add(`${o.kind}: “${CONFLICT_TEXT.exec(r.body ?? "")?.[0] ?? "?"}…”`);
  return {
    name: "R4 two staff on one case",
    counts: { ...counts, seconds: Math.round(seconds) },
    ok,
    detail: problems.join("; ") || (loserMessages.size ? `the loser reads ${[...loserMessages].join(", ")}` : undefined),
  };
}
