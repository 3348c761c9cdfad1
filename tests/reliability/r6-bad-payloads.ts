// R6 (issue 8 req. 3): `count` generated bad payloads to EACH filing action of a running server, over real HTTP —
// the mediation request (POST /apply/mediation) and the reconsideration draft's steps (POST
// /apply/reconsideration/<draftId>/<step>, the five steps in turn, "review" being the final submit) — with a citizen's
// session cookie and CSRF token, at modest concurrency. Expected: 0 server errors, 0 network errors, every answer a
// 4xx (a 2xx/3xx would mean the payload was taken: a saved step or a receipt), and 0 writes — the row counts of
// cases, case_parties, files, audit_events and outbox, and every draft's data and step, are the same before and after
// (read with postgres.js on the server's database).
//
// The payloads are those of the in-process fuzz test (tests/support/bad-payloads.ts: deterministic, each carries at
// least one poison — a status or case number smuggled in, prototype keys, NUL bytes, 10,000-character and 20,000-
// character values, …). The draft is made the way a citizen makes one, through the server: started, then every step
// posted with valid values (answered 303), so that it is complete and fileable and a refused submit is refused for its
// bad payload alone. Its dates are relative to today (inside the 60-day application period).
import postgres from "postgres";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { flatten, mediationPayload, stepPayload } from "../support/bad-payloads";
import { validDraftData } from "../support/filing-fixture";

export interface R6Env {
  baseUrl: string;
  databaseUrl: string;
  count: number;
  citizen: { cookie: string; csrf: string };
}
export interface R6Result {
  name: string;
  counts: Record<string, number>;
  ok: boolean;
  detail?: string;
}

const CONCURRENCY = 16;
const TIMEOUT_MS = 60_000;

interface Tally {
  sent: number;
  s2xx: number;
  s3xx: number;
  s4xx: number;
  s5xx: number;
  networkErrors: number;
  /** Answers by exact status (400, 403, 413, …): a 403 flood would mean the session or token was refused, not the payload. */
  byStatus: Map<number, number>;
  /** The first few payloads answered with anything but a 4xx, for the detail line. */
  offenders: string[];
}
const newTally = (): Tally => ({ sent: 0, s2xx: 0, s3xx: 0, s4xx: 0, s5xx: 0, networkErrors: 0, byStatus: new Map(), offenders: [] });

async function post(env: R6Env, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${env.baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    // the server's first CSRF line checks the origin (app/server.ts); the session's token is the second
    headers: { cookie: env.citizen.cookie, "content-type": "application/x-www-form-urlencoded", origin: env.baseUrl, referer: `${env.baseUrl}/` },
    body: new URLSearchParams({ ...fields, csrf: env.citizen.csrf }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}

/** Runs `work` for 0..n-1 with at most `limit` at a time. */
async function pool(n: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

async function fire(env: R6Env, tally: Tally, label: string, path: string, fields: Record<string, string>) {
  tally.sent++;
  try {
    const res = await post(env, path, fields);
    await res.arrayBuffer().catch(() => undefined);
    const bucket = res.status >= 500 ? "s5xx" : res.status >= 400 ? "s4xx" : res.status >= 300 ? "s3xx" : "s2xx";
    tally[bucket]++;
    tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
    if (bucket !== "s4xx" && tally.offenders.length < 5) tally.offenders.push(`${label} → ${res.status}${res.headers.get("location") ? ` ${res.headers.get("location")}` : ""}`);
  } catch (error) {
    tally.networkErrors++;
    if (tally.offenders.length < 5) tally.offenders.push(`${label} → ${(error as Error).name}: ${(error as Error).message}`);
  }
}

/** A complete draft of the citizen's, made through the server; its id. */
async function makeDraft(env: R6Env, respondentId: string): Promise<string> {
  const started = await post(env, "/apply/reconsideration", {});
  const location = started.headers.get("location") ?? "";
  const id = location.match(/^\/apply\/reconsideration\/([0-9a-f-]{36})\/applicants$/)?.[1];
  if (started.status !== 303 || !id) throw new Error(`starting a draft answered ${started.status} ${location}`);
  const today = todayInShanghai(new Date());
  const data = validDraftData(respondentId) as Record<string, Record<string, unknown>>;
  Object.assign(data.act, { madeOn: addCalendarDays(today, -10), learnedOn: addCalendarDays(today, -8) });
  for (const step of ["applicants", "agents", "act", "requests", "evidence"]) {
    const fields: Record<string, string> = { intent: "next" };
    flatten("", data[step], fields);
    const res = await post(env, `/apply/reconsideration/${id}/${step}`, fields);
    await res.arrayBuffer().catch(() => undefined);
    if (res.status !== 303) throw new Error(`the valid ${step} step answered ${res.status}, not 303`);
  }
  return id;
}

/** What a bad payload must not change. */
async function snapshot(sql: postgres.Sql) {
  const [row] = await sql<{ cases: number; parties: number; files: number; events: number; outbox: number; drafts: number; draftsHash: string | null }[]>`
    select (select count(*)::int from cases) as cases,
           (select count(*)::int from case_parties) as parties,
           (select count(*)::int from files) as files,
           (select count(*)::int from audit_events) as events,
           (select count(*)::int from outbox) as outbox,
           (select count(*)::int from drafts) as drafts,
           (select md5(coalesce(string_agg(id::text || ':' || step || ':' || data::text || ':' || coalesce(submitted_case_id::text, ''), ',' order by id), ''))
              from drafts) as "draftsHash"`;
  return row;
}

export async function runR6(env: R6Env): Promise<R6Result> {
  const sql = postgres(env.databaseUrl, { max: 2, onnotice: () => undefined });
  const counts: Record<string, number> = {};
  try {
    const [organ] = await sql<{ id: string }[]>`select id from organs where code = '150100-market'`;
    if (!organ) return { name: "R6 bad payloads", counts, ok: false, detail: "organ 150100-market not seeded" };
    const draftId = await makeDraft(env, organ.id);
    const before = await snapshot(sql);
    const started = Date.now();

    const mediation = newTally();
    await pool(env.count, CONCURRENCY, (i) => fire(env, mediation, `mediation #${i}`, "/apply/mediation", mediationPayload(i)));
    const steps = newTally();
    await pool(env.count, CONCURRENCY, (i) => {
      const { step, body } = stepPayload(i, organ.id);
      return fire(env, steps, `${step} #${i}`, `/apply/reconsideration/${draftId}/${step}`, body);
    });

    const after = await snapshot(sql);
    const writes = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]);
    for (const [prefix, tally] of [
      ["mediation", mediation],
      ["steps", steps],
    ] as const) {
      for (const key of ["sent", "s2xx", "s3xx", "s4xx", "s5xx", "networkErrors"] as const) counts[`${prefix}.${key}`] = tally[key];
      for (const [status, n] of [...tally.byStatus].sort((a, b) => a[0] - b[0])) counts[`${prefix}.status${status}`] = n;
    }
    counts.writes = writes.length;
    counts.seconds = Math.round((Date.now() - started) / 1000);
    const all = [mediation, steps];
    // a payload must be refused for what it is: 403 is the answer to a refused session or CSRF token (which would make
    // the run vacuous), so none may come back — the valid step posts of makeDraft showed the session is accepted
    const ok =
      all.every((t) => t.sent === env.count && t.s5xx === 0 && t.networkErrors === 0 && t.s2xx === 0 && t.s3xx === 0 && t.s4xx === env.count && !t.byStatus.has(403)) &&
      writes.length === 0;
    const detail = [
      ...all.flatMap((t) => t.offenders),
      ...writes.map((k) => `${k}: ${String(before[k])} → ${String(after[k])}`),
    ].join("; ");
    return { name: "R6 bad payloads", counts, ok, detail: detail || undefined };
  } catch (error) {
    return { name: "R6 bad payloads", counts, ok: false, detail: `setup failed: ${(error as Error).message}` };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
