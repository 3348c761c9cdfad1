// Figure P4 (issue 8 req. 2): complete filings per second ÷ single-row inserts per second, same database, same
// concurrency, same run — goal ≥ 0.2. A filing is a real HTTP POST of the citizen's mediation request form
// (app/routes/apply.mediation.tsx) with the session cookie and its CSRF token, exactly the fields the page's form has
// (read from the page itself): validation, then one transaction with the case, its parties, the audit events
// (hash chain), the state machine's deadlines and outbox — answered 303 → receipt. Each request carries a fresh
// submission key (a repeated key would replay, not file), the citizens rotate, the 旗县/盟市 rotate over every option of
// the form's division picker (each dispute center numbers its own cases, so one center would serialise on its counter).
// The baseline: `insert into <one bigint column table> values ($1)` through postgres.js with as many connections as
// autocannon has, each looping for the same duration.
import crypto from "node:crypto";
import autocannon from "autocannon";
import postgres from "postgres";
import type { Actor } from "./lib/actors";
import { Client } from "./lib/http";

export const BASELINE_TABLE = "bench_p4_single_insert";

/** The names of the fields of the form with this class on the page, and the value of its hidden inputs. */
export function readForm(html: string, formClass: string): { names: Set<string>; hidden: Map<string, string>; options: Map<string, string[]> } {
  const start = html.search(new RegExp(`<form[^>]*class="[^"]*\\b${formClass}\\b`));
  if (start < 0) throw new Error(`no <form class="${formClass}"> on the page`);
  const end = html.indexOf("</form>", start);
  const form = html.slice(start, end);
  const names = new Set<string>();
  const hidden = new Map<string, string>();
  const options = new Map<string, string[]>();
  for (const m of form.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = m[2];
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    names.add(name);
    if (m[1] === "input" && /\btype="hidden"/.test(attrs)) hidden.set(name, /\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? "");
    if (m[1] === "select") {
      const close = form.indexOf("</select>", m.index);
      const values = [...form.slice(m.index, close).matchAll(/<option[^>]*\bvalue="([^"]+)"/g)].map((o) => o[1]);
      options.set(name, values);
    }
  }
  return { names, hidden, options };
}

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** A complete, valid mediation request (DOMAIN.md §12.A) as the form would post it. */
export function mediationFields(args: { csrf: string; submissionKey: string; divisionCode: string; i: number }): Record<string, string> {
  return {
    csrf: args.csrf,
    submissionKey: args.submissionKey,
    category: "consumer_rights",
    divisionCode: args.divisionCode,
    applicantName: "基准测试群众",
    applicantPhone: `1380000${String(1000 + (args.i % 9000)).padStart(4, "0")}`,
    otherPartyKind: "organisation",
    otherPartyName: "某某商贸有限公司",
    otherPartyContact: "门店地址：呼和浩特市新城区",
    happened: "2026年2月在该公司门店购买的电暖器使用三天后损坏，要求退货被拒绝。",
    wantedOutcome: "退还货款并赔偿损失。",
    consent: "yes",
    electronicServiceConsent: "yes",
  };
}

export const newSubmissionKey = () => crypto.randomBytes(18).toString("base64url");

export interface FormInfo {
  divisions: string[];
}

/** Reads the form of /apply/mediation as the citizen sees it; checks the bench posts only fields the form has. */
export async function inspectMediationForm(base: string, citizen: Actor): Promise<FormInfo> {
  const client = new Client(base);
  const page = await client.request("/apply/mediation", { headers: { cookie: citizen.cookie } });
  client.close();
  if (page.status !== 200) throw new Error(`GET /apply/mediation answered ${page.status}`);
  const form = readForm(page.body.toString("utf8"), "mediation-form");
  const posted = Object.keys(mediationFields({ csrf: "", submissionKey: "", divisionCode: "", i: 0 }));
  const unknown = posted.filter((n) => !form.names.has(n));
  if (unknown.length) throw new Error(`the mediation form has no field(s) ${unknown.join(", ")}`);
  if (decode(form.hidden.get("csrf") ?? "") !== citizen.csrf) throw new Error("the mediation form does not carry the session's CSRF token");
  const divisions = form.options.get("divisionCode") ?? [];
  if (divisions.length === 0) throw new Error("the mediation form's division picker is empty");
  return { divisions };
}

export interface FilingRun {
  perSecond: number;
  filings: number;
  duration: number;
  /** Cases the database gained in the window (checked against the 303 answers). */
  casesWritten: number;
}

/** One window of filings under autocannon; every answer must be 303 → /my/cases/…/receipt. */
export async function filingRun(args: {
  base: string;
  citizens: Actor[];
  divisions: string[];
  connections: number;
  duration: number;
  sql: postgres.Sql;
}): Promise<FilingRun> {
  const ids = args.citizens.map((c) => c.user.id);
  const count = async () =>
    Number((await args.sql`select count(*)::int n from cases where filed_by in ${args.sql(ids)} and machine = 'mediation'`)[0].n);
  const before = await count();
  let n = 0;
  let ok = 0;
  const bad: string[] = [];
  const origin = args.base;
  const result = await autocannon({
    url: `${args.base}/apply/mediation`,
    connections: args.connections,
    duration: args.duration,
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: "/apply/mediation",
        setupRequest: (req) => {
          const i = n++;
          const citizen = args.citizens[i % args.citizens.length];
          const body = new URLSearchParams(
            mediationFields({ csrf: citizen.csrf, submissionKey: newSubmissionKey(), divisionCode: args.divisions[i % args.divisions.length], i }),
          ).toString();
          return {
            ...req,
            headers: { "content-type": "application/x-www-form-urlencoded", cookie: citizen.cookie, origin },
            body,
          };
        },
        onResponse: (status, _body, _context, headers) => {
          if (status === 303 && /^\/my\/cases\/[^/]+\/receipt$/.test(decodeURIComponent(headers.location ?? ""))) ok++;
          else if (bad.length < 5) bad.push(`${status} ${headers.location ?? ""}`);
        },
      },
    ],
  });
  // Requests cut off by the end of the window are still being answered: wait until the count stops changing, so
  // that they are counted in this run and not in the next one's window (seen on a loaded machine: 11 late commits).
  let after = await count();
  for (let waited = 0; waited < 30_000; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await count();
    if (now === after) break;
    after = now;
  }
  if (bad.length || result.errors || result.timeouts) {
    throw new Error(`P4: filings failed under load (${result.errors} errors, ${result.timeouts} timeouts; answers: ${bad.join("; ")})`);
  }
  // Every acknowledged filing is in the database; a request cut off by the end of the window may have committed
  // without its answer being counted, never the other way round.
  if (after - before < ok || after - before > ok + args.connections) {
    throw new Error(`P4: ${ok} filings acknowledged but ${after - before} cases written`);
  }
  return { perSecond: ok / result.duration, filings: ok, duration: result.duration, casesWritten: after - before };
}

export async function prepareBaseline(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`drop table if exists ${BASELINE_TABLE}`);
  await sql.unsafe(`create table ${BASELINE_TABLE} (v bigint)`);
}

export async function dropBaseline(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`drop table if exists ${BASELINE_TABLE}`);
}

/** One baseline window: `connections` loops of single-row autocommit inserts for `duration` seconds. */
export async function insertRun(url: string, connections: number, duration: number): Promise<{ perSecond: number; inserts: number }> {
  const sql = postgres(url, { max: connections, onnotice: () => {}, connection: { TimeZone: "UTC" } });
  try {
    // open every connection before the clock starts, as autocannon does
    await Promise.all(Array.from({ length: connections }, () => sql`select 1`));
    let inserts = 0;
    let i = 0;
    const t0 = performance.now();
    const end = t0 + duration * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          await sql`insert into ${sql(BASELINE_TABLE)} (v) values (${i++})`;
          inserts++;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { perSecond: inserts / seconds, inserts };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** What the last filing of these citizens wrote, counted in the database (for the explanation of the figure). */
export async function filingFootprint(sql: postgres.Sql, citizens: Actor[]): Promise<string> {
  const ids = citizens.map((c) => c.user.id);
  const [c] = await sql<{ id: string }[]>`select id from cases where filed_by in ${sql(ids)} and machine = 'mediation' order by created_at desc limit 1`;
  if (!c) return "no filing found";
  const [r] = await sql<{ events: number; deadlines: number; outbox: number; parties: number; consents: number }[]>`
    select (select count(*)::int from audit_events where subject_id = ${c.id}::text) events,
           (select count(*)::int from deadlines where case_id = ${c.id}) deadlines,
           (select count(*)::int from outbox where case_id = ${c.id}) outbox,
           (select count(*)::int from case_parties where case_id = ${c.id}) parties,
           (select count(*)::int from service_consents where case_id = ${c.id}) consents`;
  return `each filing wrote 1 case, ${r.parties} parties, ${r.consents} service consent, ${r.events} hash-chained events, ${r.deadlines} deadline, ${r.outbox} outbox row and its case-number counter in one transaction`;
}
