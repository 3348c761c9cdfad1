// R3 (issue 8 req. 3): many citizens filing at once for a fixed time, each retrying the SAME submission key when the
// network fails, the server answers 5xx or the client's timeout passes — as a careful client must. Expected: 0 lost
// (every acknowledged filing — a 303 to its receipt — is in the database under its key) and 0 duplicated (one case per
// key, however many attempts it took). To make the retry path real, one first attempt in twenty is cut off by the
// client after 0–150 ms (a dropped connection: the server may or may not have committed it).
import { randomInt } from "node:crypto";
import { and, inArray, sql } from "drizzle-orm";
import { cases } from "../../db/schema/index";
import { newSubmissionKey } from "~/services/apply.server";
import { MEDIATION_PATH, mediationForm } from "./lib/forms";
import { postForm, receiptCaseNumber } from "./lib/http";
import type { CheckResult, HarnessContext } from "./lib/types";

// generous: under 200 submitters on 2 shared cores a filing can take seconds; a timeout still retries the same key
const TIMEOUT_MS = 30_000;
const MAX_ATTEMPTS = 8;
const DROP_ONE_IN = 20;

interface Submission {
  citizenId: string;
  key: string;
  attempts: number;
  /** The receipt's case number, when acknowledged. */
  acked: string | null;
  rejected?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runR3(ctx: HarnessContext, options: { submitters: number; seconds: number }): Promise<CheckResult> {
  const base = ctx.server.baseUrl;
  const started = Date.now();
  // every filed case in the database, before and after: a case that no submission accounts for is a duplicate too
  const filedCases = async () => (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(cases).where(sql`${cases.filedBy} is not null`))[0].n;
  const casesBefore = await filedCases();
  const endAt = started + options.seconds * 1000;
  const submissions: Submission[] = [];
  const tally = { timeouts: 0, networkErrors: 0, server5xx: 0, simulatedDrops: 0, retries: 0, rejected4xx: 0, gaveUp: 0, ackedAfterRetry: 0 };
  let serial = 0;

  const submitter = async (s: number) => {
    const citizen = ctx.citizens[s % ctx.citizens.length];
    while (Date.now() < endAt) {
      const sub: Submission = { citizenId: citizen.user.id, key: newSubmissionKey(), attempts: 0, acked: null };
      submissions.push(sub);
      const form = mediationForm(citizen, sub.key, serial++);
      while (sub.attempts < MAX_ATTEMPTS) {
        sub.attempts++;
        let signal: AbortSignal | undefined;
        if (sub.attempts === 1 && randomInt(0, DROP_ONE_IN) === 0) {
          const drop = new AbortController();
          setTimeout(() => drop.abort(), randomInt(0, 150));
          signal = drop.signal;
          tally.simulatedDrops++;
        }
        const reply = await postForm(base, MEDIATION_PATH, citizen, form, { timeoutMs: TIMEOUT_MS, signal });
        const number = receiptCaseNumber(reply.location);
        if (reply.status === 303 && number) {
          sub.acked = number;
          if (sub.attempts > 1) tally.ackedAfterRetry++;
          break;
        }
        if (reply.status === 0 || reply.status >= 500) {
          if (reply.status >= 500) tally.server5xx++;
          else if (reply.error === "timeout") tally.timeouts++;
          else if (reply.error !== "aborted") tally.networkErrors++;
          tally.retries++;
          await sleep(50 * sub.attempts + randomInt(0, 50));
          continue;
        }
        tally.rejected4xx++;
        sub.rejected = `${reply.status} ${reply.location ?? ""}`;
        break;
      }
      if (!sub.acked && !sub.rejected) tally.gaveUp++;
    }
  };
  let ticker: NodeJS.Timeout | undefined;
  if (options.seconds >= 20) ticker = setInterval(() => ctx.progress(`R3: ${submissions.filter((x) => x.acked).length} filings acknowledged`), 15_000);
  await Promise.all(Array.from({ length: options.submitters }, (_, s) => submitter(s)));
  if (ticker) clearInterval(ticker);
  const seconds = (Date.now() - started) / 1000;

  const casesAdded = (await filedCases()) - casesBefore;
  const keys = submissions.map((x) => x.key);
  const rows: { filedBy: string | null; key: string | null; caseNumber: string | null }[] = [];
  for (let i = 0; i < keys.length; i += 1000) {
    rows.push(
      ...(await ctx.database.db
        .select({ filedBy: cases.filedBy, key: cases.idempotencyKey, caseNumber: cases.caseNumber })
        .from(cases)
        .where(and(inArray(cases.idempotencyKey, keys.slice(i, i + 1000)), sql`${cases.filedBy} is not null`))),
    );
  }
  const byKey = new Map<string, string[]>();
  for (const r of rows) byKey.set(`${r.filedBy}:${r.key}`, [...(byKey.get(`${r.filedBy}:${r.key}`) ?? []), r.caseNumber ?? ""]);

  let acknowledged = 0;
  let lost = 0;
  let duplicated = 0;
  let mismatched = 0;
  let committedUnacknowledged = 0;
  const problems: string[] = [];
  for (const sub of submissions) {
    const found = byKey.get(`${sub.citizenId}:${sub.key}`) ?? [];
    if (found.length > 1) duplicated++;
    if (sub.acked) {
      acknowledged++;
      if (found.length === 0) {
        lost++;
        if (problems.length < 5) problems.push(`acknowledged ${sub.acked} is missing`);
      } else if (!found.includes(sub.acked)) {
        mismatched++;
        if (problems.length < 5) problems.push(`receipt ${sub.acked} but the key's case is ${found.join(", ")}`);
      }
    } else if (found.length) committedUnacknowledged++;
    if (sub.rejected && problems.length < 5) problems.push(`refused: ${sub.rejected}`);
  }
  const counts = {
    submitters: options.submitters,
    seconds: Math.round(seconds),
    submissions: submissions.length,
    acknowledged,
    attempts: submissions.reduce((n, x) => n + x.attempts, 0),
    retries: tally.retries,
    simulatedDrops: tally.simulatedDrops,
    timeouts: tally.timeouts,
    networkErrors: tally.networkErrors,
    server5xx: tally.server5xx,
    ackedAfterRetry: tally.ackedAfterRetry,
    rejected4xx: tally.rejected4xx,
    gaveUp: tally.gaveUp,
    committedUnacknowledged,
    lost,
    duplicated,
    mismatched,
    casesAddedInDb: casesAdded,
    unexplainedCases: casesAdded - rows.length,
    filingsPerSecond: Math.round(acknowledged / seconds),
  };
  const ok = acknowledged > 0 && lost === 0 && duplicated === 0 && mismatched === 0 && tally.rejected4xx === 0 && casesAdded === rows.length;
  return { name: "R3 concurrent submitters with retries", counts, ok, detail: problems.join("; ") || undefined };
}
