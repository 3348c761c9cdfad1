// R2 (issue 8 req. 3): trials of 2–10 parallel duplicate submissions of ONE filing with ONE submission key — a double
// click, a browser retry, a replayed POST. Expected: exactly one case per key (counted in the database), and every
// answer is the 303 to that case's receipt (the first submission's, or a clean replay of it); never a 5xx.
// Four trials in five post the mediation request form; every fifth submits a reconsideration draft's review step
// (its key is the draft's own), after posting the applicants step with the resident ID number through the server.
import { randomInt } from "node:crypto";
import { and, inArray, sql } from "drizzle-orm";
import { cases } from "../../db/schema/index";
import { newSubmissionKey } from "~/services/apply.server";
import { applicantsForm, applicantsPath, MEDIATION_PATH, mediationForm, reviewPath, reviewSubmitForm } from "./lib/forms";
import { pool, postForm, receiptCaseNumber, type Reply } from "./lib/http";
import { applicantsStep, createReviewDraft, organId } from "./lib/setup";
import type { CheckResult, HarnessContext } from "./lib/types";

const TIMEOUT_MS = 60_000;

interface Trial {
  kind: "mediation" | "reconsideration";
  citizenId: string;
  key: string;
  replies: Reply[];
  setupError?: string;
}

export async function runR2(ctx: HarnessContext, trials: number, options: { parallelTrials?: number } = {}): Promise<CheckResult> {
  const base = ctx.server.baseUrl;
  const respondent = await organId(ctx.database, "150100-market");
  const started = Date.now();
  // every filed case in the database, before and after: a duplicate under ANY key shows as a surplus
  const filedCases = async () => (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(cases).where(sql`${cases.filedBy} is not null`))[0].n;
  const casesBefore = await filedCases();
  let done = 0;
  const results = await pool(Array.from({ length: trials }, (_, i) => i), options.parallelTrials ?? 3, async (i): Promise<Trial> => {
    const citizen = ctx.citizens[i % ctx.citizens.length];
    const n = 2 + randomInt(0, 9); // 2–10 copies
    let trial: Trial;
    if (i % 5 === 4) {
      const { draftId, submissionKey } = await createReviewDraft(citizen, respondent, ctx.secrets);
      trial = { kind: "reconsideration", citizenId: citizen.user.id, key: submissionKey, replies: [] };
      // the applicants step through the server, as the citizen types it (the ID number and phone pass the server)
      const step = applicantsStep(citizen, ctx.secrets) as { applicants: Record<string, string>[] };
      const saved = await postForm(base, applicantsPath(draftId), citizen, applicantsForm(step), { timeoutMs: TIMEOUT_MS });
      if (saved.status !== 303) trial.setupError = `applicants step answered ${saved.status} ${saved.error ?? ""}`;
      trial.replies = await Promise.all(Array.from({ length: n }, () => postForm(base, reviewPath(draftId), citizen, reviewSubmitForm(), { timeoutMs: TIMEOUT_MS })));
    } else {
      const key = newSubmissionKey();
      const form = mediationForm(citizen, key, i);
      trial = { kind: "mediation", citizenId: citizen.user.id, key, replies: [] };
      trial.replies = await Promise.all(Array.from({ length: n }, () => postForm(base, MEDIATION_PATH, citizen, form, { timeoutMs: TIMEOUT_MS })));
    }
    done++;
    if (done % 100 === 0) ctx.progress(`R2: ${done}/${trials} trials`);
    return trial;
  });

  const casesAdded = (await filedCases()) - casesBefore;
  // One query for every key of the run: the cases each (account, key) produced.
  const keys = results.map((t) => t.key);
  const rows: { filedBy: string | null; key: string | null; caseNumber: string | null }[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    rows.push(
      ...(await ctx.database.db
        .select({ filedBy: cases.filedBy, key: cases.idempotencyKey, caseNumber: cases.caseNumber })
        .from(cases)
        .where(and(inArray(cases.idempotencyKey, keys.slice(i, i + 500)), sql`${cases.filedBy} is not null`))),
    );
  }
  const byKey = new Map<string, string[]>();
  for (const r of rows) {
    const k = `${r.filedBy}:${r.key}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r.caseNumber ?? ""]);
  }

  const counts = {
    trials,
    mediationTrials: 0,
    reconsiderationTrials: 0,
    requests: 0,
    casesCreated: rows.length,
    casesAddedInDb: casesAdded,
    keysWithOneCase: 0,
    keysWithNoCase: 0,
    keysWithSeveralCases: 0,
    receiptAnswers: 0,
    wrongAnswers: 0,
    server5xx: 0,
    networkErrors: 0,
    setupErrors: 0,
  };
  const problems: string[] = [];
  for (const t of results) {
    counts[t.kind === "mediation" ? "mediationTrials" : "reconsiderationTrials"]++;
    counts.requests += t.replies.length;
    if (t.setupError) {
      counts.setupErrors++;
      problems.push(t.setupError);
    }
    const found = byKey.get(`${t.citizenId}:${t.key}`) ?? [];
    if (found.length === 1) counts.keysWithOneCase++;
    else if (found.length === 0) counts.keysWithNoCase++;
    else counts.keysWithSeveralCases++;
    for (const r of t.replies) {
      if (r.status >= 500) counts.server5xx++;
      if (r.status === 0) counts.networkErrors++;
      const number = receiptCaseNumber(r.location);
      if (r.status === 303 && number && found.length === 1 && number === found[0]) counts.receiptAnswers++;
      else {
        counts.wrongAnswers++;
        if (problems.length < 5) problems.push(`${t.kind} key …${t.key.slice(-6)}: ${r.status} ${r.location ?? r.error ?? ""} (cases: ${found.join(", ") || "none"})`);
      }
    }
  }
  if (counts.mediationTrials + counts.reconsiderationTrials !== trials) problems.push("trial count mismatch");
  const ok =
    counts.keysWithOneCase === trials &&
    counts.casesCreated === trials &&
    counts.casesAddedInDb === trials &&
    counts.wrongAnswers === 0 &&
    counts.server5xx === 0 &&
    counts.setupErrors === 0 &&
    counts.receiptAnswers === counts.requests;
  return { name: "R2 parallel duplicate submissions", counts: { ...counts, seconds: Math.round((Date.now() - started) / 1000) }, ok, detail: problems.join("; ") || undefined };
}
