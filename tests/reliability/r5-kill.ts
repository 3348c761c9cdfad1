// R5 (issue 8 req. 3): kill -9 of the server while filings are in flight, round after round. Each round sends a burst
// of mediation requests at once, and when a random share of them (15–75 %) has been acknowledged — a 303 to the
// receipt, which the action sends only after its transaction committed — the server is killed with SIGKILL, then
// started again. Expected after the restart: every acknowledged filing present (its case under its key, its receipt
// page served by the new server) and whole (what a clean filing writes: parties, its events, its deadline, its outbox
// rows, the consent it asked for), and in the whole database no half-written case (a filed case without its parts).
// "Whole" is measured against a reference filing made in the same run before the first kill, not hard-coded.
import { randomInt } from "node:crypto";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { auditEvents, caseParties, cases, deadlines, outbox, serviceConsents } from "../../db/schema/index";
import type { Database } from "../../db/client";
import { newSubmissionKey } from "~/services/apply.server";
import { MEDIATION_PATH, mediationForm } from "./lib/forms";
import { get, pool, postForm, receiptCaseNumber } from "./lib/http";
import type { CheckResult, HarnessContext } from "./lib/types";

interface Parts {
  parties: number;
  created: number;
  received: number;
  transitions: number;
  deadlines: number;
  outbox: number;
  consents: number;
}

/** What the database holds for each case id: its parties, its creation / transition / filing events, deadlines, outbox rows, consents. */
export async function partsOf(database: Database, ids: string[]): Promise<Map<string, Parts>> {
  const out = new Map<string, Parts>(ids.map((id) => [id, { parties: 0, created: 0, received: 0, transitions: 0, deadlines: 0, outbox: 0, consents: 0 }]));
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const db = database.db;
    for (const r of await db.select({ id: caseParties.caseId, n: sql<number>`count(*)::int` }).from(caseParties).where(inArray(caseParties.caseId, chunk)).groupBy(caseParties.caseId))
      out.get(r.id)!.parties = r.n;
    for (const r of await db
      .select({
        id: auditEvents.subjectId,
        created: sql<number>`count(*) filter (where ${auditEvents.action} like '%.created')::int`,
        received: sql<number>`count(*) filter (where ${auditEvents.action} = 'filing.received')::int`,
        transitions: sql<number>`count(*) filter (where ${auditEvents.payload} ? 'transition')::int`,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "case"), inArray(auditEvents.subjectId, chunk)))
      .groupBy(auditEvents.subjectId)) {
      const p = out.get(r.id!)!;
      p.created = r.created;
      p.received = r.received;
      p.transitions = r.transitions;
    }
    for (const r of await db.select({ id: deadlines.caseId, n: sql<number>`count(*)::int` }).from(deadlines).where(inArray(deadlines.caseId, chunk)).groupBy(deadlines.caseId))
      out.get(r.id)!.deadlines = r.n;
    for (const r of await db.select({ id: outbox.caseId, n: sql<number>`count(*)::int` }).from(outbox).where(inArray(outbox.caseId, chunk)).groupBy(outbox.caseId))
      out.get(r.id!)!.outbox = r.n;
    for (const r of await db.select({ id: serviceConsents.caseId, n: sql<number>`count(*)::int` }).from(serviceConsents).where(inArray(serviceConsents.caseId, chunk)).groupBy(serviceConsents.caseId))
      out.get(r.id)!.consents = r.n;
  }
  return out;
}

/** A filed case is half-written when any part every filing writes in its transaction is missing. */
function halfWritten(p: Parts): boolean {
  return p.parties === 0 || p.created !== 1 || p.received !== 1 || p.transitions === 0 || p.deadlines === 0;
}

interface Filing {
  citizen: HarnessContext["citizens"][number];
  key: string;
  consent: boolean;
  settled: boolean;
  acked: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runR5(ctx: HarnessContext, options: { inFlight: number; rounds: number }): Promise<CheckResult> {
  const db = ctx.database.db;
  const started = Date.now();

  // The reference: one clean filing through the running server, and what it wrote.
  const refCitizen = ctx.citizens[0];
  const refKey = newSubmissionKey();
  const refForm = mediationForm(refCitizen, refKey, 1); // n = 1: with consent to electronic service
  const refReply = await postForm(ctx.server.baseUrl, MEDIATION_PATH, refCitizen, refForm, { timeoutMs: 30_000 });
  const [refRow] = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.filedBy, refCitizen.user.id), eq(cases.idempotencyKey, refKey)));
  if (refReply.status !== 303 || !refRow) throw new Error(`R5 reference filing failed: ${refReply.status} ${refReply.error ?? ""}`);
  const ref = (await partsOf(ctx.database, [refRow.id])).get(refRow.id)!;
  const whole = (p: Parts, consent: boolean) =>
    p.parties === ref.parties &&
    p.created === ref.created &&
    p.received === ref.received &&
    p.transitions >= ref.transitions &&
    p.deadlines >= ref.deadlines &&
    p.outbox >= ref.outbox &&
    p.consents === (consent ? 1 : 0);

  const counts = {
    rounds: options.rounds,
    filingsSent: 0,
    acknowledged: 0,
    failedInFlight: 0,
    inFlightAtKill: 0,
    roundsWithInFlight: 0,
    present: 0,
    whole: 0,
    receiptsServed: 0,
    committedUnacknowledged: 0,
    unacknowledgedWhole: 0,
    orphans: 0,
    restarts: 0,
    restartMsMax: 0,
  };
  const problems: string[] = [];
  let serial = 1000;
  for (let round = 0; round < options.rounds; round++) {
    const base = ctx.server.baseUrl;
    const filings: Filing[] = Array.from({ length: options.inFlight }, (_, i) => ({
      citizen: ctx.citizens[(round + i) % ctx.citizens.length],
      key: newSubmissionKey(),
      consent: false,
      settled: false,
      acked: null,
    }));
    const target = randomInt(Math.floor(options.inFlight * 0.15), Math.floor(options.inFlight * 0.75) + 1);
    let acked = 0;
    let reached!: () => void;
    const targetReached = new Promise<void>((resolve) => (reached = resolve));
    const sent = filings.map(async (f) => {
      const n = serial++;
      f.consent = n % 2 === 1;
      const reply = await postForm(base, MEDIATION_PATH, f.citizen, mediationForm(f.citizen, f.key, n), { timeoutMs: 60_000 });
      f.settled = true;
      const number = receiptCaseNumber(reply.location);
      if (reply.status === 303 && number) {
        f.acked = number;
        if (++acked >= target) reached();
      }
    });
    const all = Promise.all(sent);
    await Promise.race([targetReached, all, sleep(30_000)]);
    const inFlight = filings.filter((f) => !f.settled).length;
    await ctx.server.kill9();
    await all;
    counts.filingsSent += filings.length;
    counts.inFlightAtKill += inFlight;
    if (inFlight > 0) counts.roundsWithInFlight++;

    await ctx.server.start();
    counts.restarts++;
    counts.restartMsMax = Math.max(counts.restartMsMax, ctx.server.lastStartMs);

    // After the restart: every filing of the round, looked up by its key.
    const keys = filings.map((f) => f.key);
    const rows = await db
      .select({ id: cases.id, key: cases.idempotencyKey, filedBy: cases.filedBy, caseNumber: cases.caseNumber })
      .from(cases)
      .where(inArray(cases.idempotencyKey, keys));
    const parts = await partsOf(ctx.database, rows.map((r) => r.id));
    for (const f of filings) {
      const mine = rows.filter((r) => r.key === f.key && r.filedBy === f.citizen.user.id);
      const p = mine.length === 1 ? parts.get(mine[0].id)! : null;
      if (f.acked) {
        counts.acknowledged++;
        if (mine.length === 1 && mine[0].caseNumber === f.acked) counts.present++;
        else if (problems.length < 5) problems.push(`round ${round + 1}: acknowledged ${f.acked} found ${mine.length}×`);
        if (p && whole(p, f.consent)) counts.whole++;
        else if (p && problems.length < 5) problems.push(`round ${round + 1}: ${f.acked} not whole: ${JSON.stringify(p)} (reference ${JSON.stringify(ref)})`);
      } else {
        counts.failedInFlight++;
        if (p) {
          counts.committedUnacknowledged++;
          if (whole(p, f.consent)) counts.unacknowledgedWhole++;
        }
      }
    }
    // the new server serves the receipts of everything acknowledged before the kill
    const served = await pool(
      filings.filter((f) => f.acked),
      8,
      async (f) => (await get(ctx.server.baseUrl, `/my/cases/${encodeURIComponent(f.acked!)}/receipt`, f.citizen, { timeoutMs: 30_000 })).status === 200,
    );
    counts.receiptsServed += served.filter(Boolean).length;
    ctx.progress(`R5 round ${round + 1}/${options.rounds}: ${inFlight} in flight at the kill, ${filings.filter((f) => f.acked).length} acknowledged`);
  }

  // No half-written case anywhere in the run's database (R2–R5 filings alike).
  const filed = await db.select({ id: cases.id, caseNumber: cases.caseNumber }).from(cases).where(isNotNull(cases.filedBy));
  const all = await partsOf(ctx.database, filed.map((c) => c.id));
  for (const c of filed) {
    if (halfWritten(all.get(c.id)!)) {
      counts.orphans++;
      if (problems.length < 8) problems.push(`half-written ${c.caseNumber}: ${JSON.stringify(all.get(c.id))}`);
    }
  }
  const ok =
    counts.acknowledged > 0 &&
    counts.present === counts.acknowledged &&
    counts.whole === counts.acknowledged &&
    counts.receiptsServed === counts.acknowledged &&
    counts.unacknowledgedWhole === counts.committedUnacknowledged &&
    counts.orphans === 0 &&
    counts.roundsWithInFlight === options.rounds;
  return {
    name: "R5 kill -9 during filings",
    counts: { ...counts, casesChecked: filed.length, seconds: Math.round((Date.now() - started) / 1000) },
    ok,
    detail: `${problems.length ? `${problems.join("; ")}; ` : ""}a clean filing writes ${JSON.stringify(ref)} (the measure of whole)`,
  };
}
