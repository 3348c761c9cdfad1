// Large realistic data for the figures (issue 8, requirement 1):
//
//   npm run bench:seed -- --cases 1000000 [--url postgres://…/bench_x] [--pglite DIR] [--keep]
//   npx tsx tests/bench/seed.ts --cases N …
//
// Drops and recreates the target (a PostgreSQL database, or with --pglite a PGlite directory), migrates it, runs the
// normal seed as a production server would (db/seed.ts, demo accounts off: the organs of the region, its 12 盟市 and
// 103 旗县, settings, the holiday calendar), adds staff accounts for every government's reconsideration office (the
// bench logs in as those of 呼和浩特市人民政府, see benchStaffLogins) and citizens, then N cases in batches:
//  - case mix: reconsideration cases in the national proportions of DOMAIN.md 14.16 (nationalCaseMix in
//    app/domain/statistics.ts), each line mapped to its Art. 11 act kind; a tenth are mediation requests;
//  - organs: every government of the region, weighted by the population of its 盟市 (2020 census);
//  - states, data, deadlines, events and documents from templates driven through the app's own machines on real
//    dates (tests/bench/seed-templates.ts): received over the last two years, old cases finished, recent ones at every
//    stage; cases.next_due_date is the projection of the running deadlines (checked at the end);
//  - parties (applicants, agents, third parties; the other party of a mediation), handlers, filers, 文号 and case
//    numbers (counters left at the highest number issued, so the portal continues the series).
// Case events go to the hash-chained audit_events: the chain is computed here with the same digest as the trigger
// (migration 0002) and verifies with `npm run audit:verify`; bulk rows are loaded with COPY.
// A marker row in bench_meta (cases, schema version) is written last: benchDatabaseSeeded() trusts only that.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { defaultPgliteDir, migrateDatabase, migrationsFolder, openDatabase, type Database } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { loadDeadlineRules } from "../../app/services/calendar.server";
import { hashPassword } from "../../app/services/password.server";
import { addCalendarDays, todayInShanghai, type IsoDate } from "~/domain/calendar";
import { documentPrefixFor, formatDocumentNumber, isNumbered } from "~/domain/documents";
import { applicantDocumentKeys } from "~/domain/service-of-documents";
import { nationalCaseMix } from "~/domain/statistics";
import { canonicalJson } from "~/domain/receipt";
import { formatCaseNumber } from "~/domain/receipt";
import { caseStates, mediationStates } from "~/domain/machines";
import type { DocumentKey } from "~/domain/machines/common";
import {
  buildTemplate,
  mediationCategories,
  mediationCategoryWeights,
  mediationPathsFor,
  ORGAN_PLACEHOLDER,
  reconsiderationPaths,
  type PathSpec,
  type Template,
} from "./seed-templates";

// ---------------------------------------------------------------------------------------------------------------
// Accounts the bench logs in with (bench DATABASES only: the password and TOTP secret are public by design).

export const BENCH_PASSWORD = "Bench-Seed-2026!";
/** Base32 TOTP secret of every bench staff account (enrolled): codes come from totpCodeAt (app/services/auth.server.ts). */
export const BENCH_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
export const BENCH_ORGAN_CODE = "150100";
const STAFF_PER_OFFICE = { "150100": 10, league: 4, county: 2, region: 4 } as const;

/** E-mail logins of the bench staff of 呼和浩特市人民政府 (150100): reconsideration_staff, then office_head. */
export function benchStaffLogins(): { staff: string[]; heads: string[]; password: string; totpSecret: string } {
  return {
    staff: Array.from({ length: STAFF_PER_OFFICE["150100"] }, (_, k) => staffEmail(BENCH_ORGAN_CODE, "staff", k + 1)),
    heads: [staffEmail(BENCH_ORGAN_CODE, "head", 1), staffEmail(BENCH_ORGAN_CODE, "head", 2)],
    password: BENCH_PASSWORD,
    totpSecret: BENCH_TOTP_SECRET,
  };
}
const staffEmail = (code: string, kind: "staff" | "head", k: number) => `bench.${kind}${k}.${code}@bench.nmg.example`;

// ---------------------------------------------------------------------------------------------------------------
// Deterministic helpers

/** md5(text) as a uuid, the same value as PostgreSQL's md5(text)::uuid. */
function md5uuid(text: string): string {
  const h = createHash("md5").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const citizenId = (n: number) => md5uuid(`bench-citizen-${n}`);

/** A small seeded PRNG (mulberry32): the same N gives the same database. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function picker<T>(items: readonly T[], weights: readonly number[]): (r: number) => T {
  const total = weights.reduce((a, b) => a + b, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w / total));
  return (r) => {
    for (let i = 0; i < cum.length; i++) if (r < cum[i]) return items[i];
    return items[items.length - 1];
  };
}

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "包", "白", "乌", "苏", "云", "萨"];
const GIVEN = ["海峰", "丽娜", "明轩", "建华", "振宇", "立新", "金花", "晓东", "志刚", "秀英", "桂兰", "玉梅", "建军", "国强", "淑珍", "春生", "红梅", "宝山", "永胜", "雅琴", "文博", "子涵", "浩然", "欣怡", "俊杰", "思远", "佳怡", "德胜"];
const MONGOLIAN = ["巴特尔", "其其格", "乌云娜", "斯琴", "图雅", "宝音", "额尔敦", "格日勒", "那仁", "苏日娜", "朝鲁", "阿拉坦", "哈斯", "敖登", "孟和", "娜仁花"];
const COMPANY_WORDS = ["草原", "北疆", "塞北", "青城", "鹿城", "大漠", "金河", "蒙源", "瀚海", "祥和", "恒信", "鑫达"];
const COMPANY_KINDS = ["商贸有限公司", "牧业有限责任公司", "建筑工程有限公司", "餐饮管理有限公司", "运输有限公司", "乳业有限公司", "农牧专业合作社"];

function personName(r: () => number): string {
  if (r() < 0.22) return MONGOLIAN[Math.floor(r() * MONGOLIAN.length)];
  return SURNAMES[Math.floor(r() * SURNAMES.length)] + GIVEN[Math.floor(r() * GIVEN.length)];
}

// ---------------------------------------------------------------------------------------------------------------
// The case mix (DOMAIN.md 14.16, nationalCaseMix): each line of the national table mapped to one Art. 11 act kind.
// Three lines have no act kind of their own: complaint/report handling is challenged as a failure to perform a
// protective duty (Art. 11(11)), inaction here as benefits not paid (Art. 11(12), a failure to act), confirmation as
// work-injury recognition (工伤认定, Art. 11(7), the bulk of 行政确认 cases).
export const mixActKind: Record<string, string> = {
  Penalties: "penalty",
  "Complaint and report handling": "failure_to_protect",
  "Information disclosure": "information_disclosure",
  Inaction: "benefits_not_paid",
  Confirmation: "work_injury",
  Expropriation: "expropriation",
  "Coercive measures": "compulsory_measure",
  "Ownership determination": "natural_resources",
  Licensing: "licensing",
  Other: "other",
};
/** Act kinds whose cases challenge a failure to act (the machine's ActFacts.failureToAct). */
const failureToActKinds = new Set(["failure_to_protect", "benefits_not_paid"]);
/** Departments that typically made the act, per act kind (the respondent). */
const respondentSlugs: Record<string, string[]> = {
  penalty: ["police", "market", "transport", "ecology", "natural-resources", "agriculture"],
  failure_to_protect: ["market", "police", "hrss", "housing"],
  information_disclosure: ["natural-resources", "housing", "market", "hrss", "ecology"],
  benefits_not_paid: ["hrss"],
  work_injury: ["hrss"],
  expropriation: ["housing", "natural-resources"],
  compulsory_measure: ["police", "market", "ecology"],
  natural_resources: ["natural-resources", "agriculture"],
  licensing: ["market", "transport", "ecology", "housing"],
  other: ["justice", "agriculture", "transport", "police"],
};
const deptAbbrev: Record<string, string> = {
  police: "公", market: "市监", transport: "交", ecology: "环", "natural-resources": "自然资", agriculture: "农牧", hrss: "人社", housing: "住建", justice: "司",
};
const actMark: Record<string, string> = { penalty: "罚", compulsory_measure: "强", information_disclosure: "信公", work_injury: "工伤认", expropriation: "征" };
const actTitles: Record<string, string> = {
  penalty: "行政处罚决定书",
  failure_to_protect: "投诉举报处理告知书",
  information_disclosure: "政府信息公开申请答复书",
  benefits_not_paid: "待遇核定告知书",
  work_injury: "认定工伤决定书",
  expropriation: "房屋征收决定",
  compulsory_measure: "查封（扣押）决定书",
  natural_resources: "土地权属争议处理决定书",
  licensing: "不予行政许可决定书",
  other: "行政决定书",
};
/** Share of mediation requests among all rows (PROPOSAL for the bench). */
const MEDIATION_SHARE = 0.1;

/** Population of the 盟市 in 10,000 (2020 census): cases are spread by it. */
const leaguePopulation: Record<string, number> = {
  "150100": 344.6, "150200": 270.9, "150300": 55.7, "150400": 403.6, "150500": 287.3, "150600": 215.4,
  "150700": 224.3, "150800": 153.9, "150900": 170.6, "152200": 141.6, "152500": 110.7, "152900": 26.2,
};

// ---------------------------------------------------------------------------------------------------------------
// Engines: postgres.js (two connections: the bulk SQL, and the chain's COPY in parallel) or one PGlite.

interface Conn {
  exec(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Several statements in one round trip (simple query protocol), no parameters. */
  execMulti(text: string): Promise<void>;
  copyIn(table: string, columns: string[], chunks: string[]): Promise<void>;
  close(): Promise<void>;
}

function pgConn(url: string): Conn {
  const c = postgres(url, { max: 1, onnotice: () => {}, connection: { TimeZone: "UTC" } });
  return {
    exec: async (text, params = []) => [...(await c.unsafe(text, params as never[]))] as Record<string, unknown>[],
    execMulti: async (text) => {
      await c.unsafe(text).simple();
    },
    copyIn: async (table, columns, chunks) => {
      const writable = await c.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
      await pipeline(
        (async function* () {
          for (const ch of chunks) yield Buffer.from(ch, "utf8");
        })(),
        writable as unknown as Writable,
      );
    },
    close: () => c.end({ timeout: 5 }),
  };
}

function pgliteConn(database: Database): Conn {
  const pg = database.pglite!;
  return {
    exec: async (text, params = []) => (await pg.query(text, params as never[])).rows as Record<string, unknown>[],
    execMulti: async (text) => {
      await pg.exec(text);
    },
    copyIn: async (table, columns, chunks) => {
      await pg.query(`copy ${table} (${columns.join(", ")}) from '/dev/blob'`, [], { blob: new Blob(chunks) });
    },
    close: async () => {},
  };
}

/** COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
function copyValue(v: string | number | null): string {
  if (v === null) return "\\N";
  return String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

// ---------------------------------------------------------------------------------------------------------------
// Options

export interface SeedBenchOptions {
  /** PostgreSQL URL of the database to (re)create; the default bench database when neither this nor pgliteDir is set. */
  url?: string;
  /** PGlite data directory to (re)create. */
  pgliteDir?: string;
  /** An already open, migrated database to fill instead (tests): nothing is dropped. */
  database?: Database;
  cases: number;
  /** Print the progress line and the summary (default: true). */
  progress?: boolean;
}

export interface SeedBenchResult {
  cases: number;
  seconds: number;
  counts: Record<string, number>;
}

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_seed";
const BATCH = 25_000;
/** Cases are received over this many days up to today; templates exist for each of the last RECENT_DAYS and every OLD_STEP days before. */
const HISTORY_DAYS = 730;
const RECENT_DAYS = 180;
const OLD_STEP = 7;
const MEDIATION_DAY_STEP = 14;
const CALENDAR_VERSION = "cn-2024-2026";

function latestMigrationTag(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  return journal.entries[journal.entries.length - 1].tag;
}

function dbName(url: string): string {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || ["postgres", "test", "root", "template0", "template1"].includes(name)) {
    throw new Error(`refusing to recreate database "${name}"`);
  }
  return name;
}

async function recreatePostgres(url: string): Promise<void> {
  const name = dbName(url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const c = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await c.unsafe(`drop database if exists ${name} with (force)`);
    await c.unsafe(`create database ${name}`);
  } finally {
    await c.end();
  }
}

function recreatePgliteDir(dir: string): void {
  const resolved = path.resolve(dir);
  if (resolved === defaultPgliteDir() || resolved === path.resolve(".") || resolved === "/") throw new Error(`refusing to recreate ${resolved}`);
  if (fs.existsSync(resolved)) {
    const entries = fs.readdirSync(resolved);
    if (entries.length > 0 && !entries.includes("PG_VERSION")) throw new Error(`${resolved} is not a PGlite directory: not removing it`);
    fs.rmSync(resolved, { recursive: true, force: true });
  }
}

/** True when `url` holds a complete seed of `cases` cases from this seeder, at the current schema version. */
export async function benchDatabaseSeeded(url: string, cases: number): Promise<boolean> {
  const c = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [t] = await c.unsafe(`select to_regclass('public.bench_meta') is not null as has`);
    if (!t?.has) return false;
    const rows = await c.unsafe(`select cases, schema_version from bench_meta order by seeded_at desc limit 1`);
    return rows.length === 1 && Number(rows[0].cases) === cases && rows[0].schema_version === latestMigrationTag();
  } catch {
    return false; // no such database
  } finally {
    await c.end({ timeout: 5 });
  }
}

export async function seedBench(opts: SeedBenchOptions): Promise<SeedBenchResult> {
  const started = performance.now();
  const progress = opts.progress ?? true;
  const log = (msg: string) => progress && console.log(msg);
  let database = opts.database;
  let own = false;
  let url: string | undefined;
  if (!database) {
    own = true;
    if (opts.pgliteDir) {
      recreatePgliteDir(opts.pgliteDir);
      database = await openDatabase({ pgliteDir: opts.pgliteDir });
    } else {
      url = opts.url ?? DEFAULT_URL;
      await recreatePostgres(url);
      database = await openDatabase({ url, max: 2 });
    }
    await migrateDatabase(database);
  } else url = database.connectionString;
  const where = database.location;
  const main = database.engine === "postgres" ? pgConn(url!) : pgliteConn(database);
  const chain = database.engine === "postgres" ? pgConn(url!) : main;
  try {
    log(`bench seed: ${opts.cases.toLocaleString("en")} cases into ${where}`);
    await seedDatabase(database.db, { demo: false, log: (m) => log(`  ${m}`) });
    const counts = await fill(database, main, chain, opts.cases, progress);
    const seconds = (performance.now() - started) / 1000;
    await main.exec(`create table if not exists bench_meta (cases integer not null, seeded_at timestamptz not null default now(), schema_version text not null, seconds real not null)`);
    await main.exec(`insert into bench_meta (cases, schema_version, seconds) values ($1, $2, $3)`, [opts.cases, latestMigrationTag(), seconds]);
    log(`done in ${seconds.toFixed(1)} s`);
    return { cases: opts.cases, seconds, counts };
  } finally {
    if (chain !== main) await chain.close();
    await main.close();
    if (own) await database.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Filling

interface OrganRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  level: string;
  division_code: string;
  document_prefix: string | null;
}

const forNumber = (o: OrganRow) => ({ code: o.code, name: o.name, documentPrefix: o.document_prefix });

interface Office {
  organ: OrganRow;
  staff: string[];
  heads: string[];
  center: OrganRow | null;
  depts: Map<string, OrganRow>;
  reconPrefix: string;
  medPrefix: string;
  area: string;
}

async function fill(database: Database, main: Conn, chain: Conn, N: number, progress: boolean): Promise<Record<string, number>> {
  const t0 = performance.now();
  const say = (m: string) => progress && console.log(m);
  const today = todayInShanghai(new Date());
  const rules = await loadDeadlineRules(database.db);

  // -- organs and offices
  const organs = (await main.exec(`select id, code, name, kind, level, division_code, document_prefix from organs`)) as unknown as OrganRow[];
  const byCode = new Map(organs.map((o) => [o.code, o]));
  const governments = organs.filter((o) => o.kind === "government").sort((a, b) => (a.code < b.code ? -1 : 1));
  const offices: Office[] = governments.map((g) => {
    const depts = new Map<string, OrganRow>();
    for (const slug of Object.keys(deptAbbrev)) {
      const d = byCode.get(`${g.code}-${slug}`);
      if (d) depts.set(slug, d);
    }
    return {
      organ: g,
      staff: [],
      heads: [],
      center: byCode.get(`${g.code}-center`) ?? null,
      depts,
      reconPrefix: documentPrefixFor(forNumber(g), "acceptance_notice" as DocumentKey),
      medPrefix: "",
      area: g.name.replace(/人民政府$|行政公署$/, ""),
    };
  });
  const officeByCode = new Map(offices.map((o) => [o.organ.code, o]));
  const leagues = governments.filter((g) => g.level === "league_city");
  if (leagues.length !== 12) throw new Error(`expected the 12 盟市 governments from db/seed.ts, found ${leagues.length}`);

  // -- staff of every government's reconsideration office, and citizens
  const hash = await hashPassword(BENCH_PASSWORD);
  const userRows: string[][] = [];
  const memberRows: string[][] = [];
  for (const o of offices) {
    const code = o.organ.code;
    const nStaff = code === BENCH_ORGAN_CODE ? STAFF_PER_OFFICE["150100"] : o.organ.level === "league_city" ? STAFF_PER_OFFICE.league : o.organ.level === "region" ? STAFF_PER_OFFICE.region : STAFF_PER_OFFICE.county;
    const nHeads = code === BENCH_ORGAN_CODE ? 2 : 1;
    const r = rng(Number(code.replace(/\D/g, "")) || 1);
    for (const [kind, n] of [["staff", nStaff], ["head", nHeads]] as const) {
      for (let k = 1; k <= n; k++) {
        const id = md5uuid(`bench-${kind}-${code}-${k}`);
        (kind === "staff" ? o.staff : o.heads).push(id);
        userRows.push([id, staffEmail(code, kind, k), personName(r)]);
        memberRows.push([id, kind === "staff" ? "reconsideration_staff" : "office_head", o.organ.id]);
      }
    }
  }
  await main.exec(
    `insert into users (id, email, display_name, password_hash, totp_secret, totp_enabled_at)
     select (u->>0)::uuid, u->>1, u->>2, $2, $3, now() from jsonb_array_elements($1::text::jsonb) u`,
    [JSON.stringify(userRows), hash, BENCH_TOTP_SECRET],
  );
  await main.exec(
    `insert into role_memberships (user_id, role, organ_id) select (m->>0)::uuid, m->>1, (m->>2)::uuid from jsonb_array_elements($1::text::jsonb) m`,
    [JSON.stringify(memberRows)],
  );
  const CITIZENS = Math.max(20, Math.ceil(N / 3));
  const nameArr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(",")}]`;
  await main.exec(
    `insert into users (id, email, display_name, password_hash)
     select md5('bench-citizen-' || n)::uuid, 'c' || n || '@bench.nmg.example',
            (${nameArr(SURNAMES)})[1 + (hashint4(n) & 1023) % ${SURNAMES.length}] || (${nameArr(GIVEN)})[1 + (hashint4(n + 7) & 1023) % ${GIVEN.length}], $1
     from generate_series(1, ${CITIZENS}) n`,
    [hash],
  );
  say(`  accounts: ${userRows.length} staff of ${offices.length} reconsideration offices, ${CITIZENS.toLocaleString("en")} citizens (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // -- templates, built when a case first needs one (a small seed builds only what it uses)
  const days: number[] = [];
  for (let d = 0; d < HISTORY_DAYS; d += d < RECENT_DAYS ? 1 : OLD_STEP) days.push(d);
  const medDays: number[] = [];
  for (let d = 0; d < HISTORY_DAYS; d += d < 30 ? 1 : MEDIATION_DAY_STEP) medDays.push(d);
  const templates: Template[] = [];
  const payloadText: string[][] = [];
  const templateIndex = new Map<string, number>();
  let fresh: number[] = [];
  let templateMs = 0;
  const template = (key: string, build: () => Template): number => {
    let i = templateIndex.get(key);
    if (i === undefined) {
      const t = performance.now();
      i = templates.length;
      templates.push(build());
      templateIndex.set(key, i);
      fresh.push(i);
      templateMs += performance.now() - t;
    }
    return i;
  };
  const reconPathsFor = (fta: boolean) => reconsiderationPaths.filter((p) => (fta ? (p.weightFailureToAct ?? p.weight) : p.weight) > 0);
  const medPaths = new Map<string, PathSpec[]>(mediationCategories.map((c) => [c, mediationPathsFor(c)]));
  const snap = (list: number[], d: number) => {
    let best = list[0];
    for (const x of list) if (x <= d) best = x;
    return best;
  };
  await main.exec(`drop table if exists bench_tpl`);
  await main.exec(`create unlogged table bench_tpl (id integer primary key, machine text, state text, version integer, data jsonb, next_due date,
    last_day date, deadlines jsonb, documents jsonb)`);
  // The templates' deadlines and documents as rows: each batch copies them with a plain join.
  await main.exec(`drop table if exists bench_tpl_deadlines`);
  await main.exec(`create unlogged table bench_tpl_deadlines (tpl integer, kind text, basis text, start_date date, due_date date, original_due_date date,
    status text, paused_intervals jsonb, paused_since date, extended_days integer, provisional boolean, explanation jsonb, closed_day date, created_day date)`);
  await main.exec(`create index on bench_tpl_deadlines (tpl)`);
  await main.exec(`drop table if exists bench_tpl_documents`);
  await main.exec(`create unlogged table bench_tpl_documents (tpl integer, ord integer, day date, kind text, basis text, title text, content jsonb, mark text,
    med boolean, to_applicant boolean, hash text, actor text)`);
  await main.exec(`create index on bench_tpl_documents (tpl)`);
  /** Sends the templates built since the last call to the database, and reads back their event payloads as jsonb text. */
  const uploadTemplates = async () => {
    const ids = fresh;
    fresh = [];
    for (let from = 0; from < ids.length; from += 500) {
      const slice = ids.slice(from, from + 500).map((id) => {
        const t = templates[id];
        return {
          id,
          machine: t.machine,
          state: t.state,
          version: t.version,
          data: t.data,
          next_due: t.nextDue,
          last_day: t.lastDay,
          deadlines: t.deadlines,
          documents: t.documents.map((d) => ({
            ...d,
            mark: isNumbered(d.kind) ? formatDocumentNumber("", d.kind, 2000, 1).replace("〔2000〕1号", "") : null,
            // the mediation series has its own prefix (documentPrefixFor): told apart with a marker prefix
            med: documentPrefixFor({ code: "x", name: "x", documentPrefix: "\u0001" }, d.kind) !== "\u0001",
            toApplicant: applicantDocumentKeys.includes(d.kind),
            hash: createHash("sha256").update(canonicalJson(d.content)).digest("hex"),
          })),
          events: t.events.map((e) => e.payload),
        };
      });
      // Event payloads as PostgreSQL prints jsonb: the chain's digest hashes payload::text.
      const rows = await main.exec(
        `with x as (select * from jsonb_to_recordset($1::text::jsonb) as x(id integer, machine text, state text, version integer, data jsonb,
                      next_due date, last_day date, deadlines jsonb, documents jsonb, events jsonb)),
              ins as (insert into bench_tpl select id, machine, state, version, data, next_due, last_day, '[]', '[]' from x),
              dl as (insert into bench_tpl_deadlines
                     select x.id, d->>'kind', d->>'basis', (d->>'startDate')::date, (d->>'dueDate')::date, (d->>'originalDueDate')::date, d->>'status',
                            d->'pausedIntervals', (d->>'pausedSince')::date, (d->>'extendedDays')::int, (d->>'provisional')::boolean, d->'explanation',
                            (d->>'closedDay')::date, (d->>'createdDay')::date
                     from x cross join lateral jsonb_array_elements(x.deadlines) d),
              doc as (insert into bench_tpl_documents
                      select x.id, o::int, (d->>'day')::date, d->>'kind', d->>'basis', d->>'title', d->'content', d->>'mark', (d->>'med')::boolean,
                             (d->>'toApplicant')::boolean, d->>'hash', d->>'actor'
                      from x cross join lateral jsonb_array_elements(x.documents) with ordinality e(d, o))
         select x.id, e.k::int - 1 k, e.p::text payload from x cross join lateral jsonb_array_elements(x.events) with ordinality e(p, k)`,
        [JSON.stringify(slice)],
      );
      for (const id of ids.slice(from, from + 500)) payloadText[id] = new Array(templates[id].events.length);
      for (const r of rows) payloadText[Number(r.id)][Number(r.k)] = String(r.payload);
    }
  };

  // -- bulk load: secondary indexes are built once at the end (much faster than maintaining them row by row)
  const tables = ["cases", "case_parties", "deadlines", "case_documents", "audit_events"];
  const indexes = (await main.exec(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = 'public' and i.tablename = any($1)
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [tables],
  )) as { indexname: string; indexdef: string }[];
  for (const ix of indexes) await main.exec(`drop index ${ix.indexname}`);
  // Foreign keys and the deadlines → cases.next_due_date trigger are skipped for this session (replica role): every
  // row references rows written before it, and the projection is written with the case and checked at the end.
  await main.exec(`set session_replication_role = replica`);
  if (chain !== main) await chain.exec(`set session_replication_role = replica`);
  if (database.engine === "postgres") {
    // this session only: no wait for the WAL flush at each batch's commit (a crash loses the seed, which is redone
    // anyway: the marker is written last), and memory for the batch's sorts and the index builds at the end
    for (const c of chain === main ? [main] : [main, chain]) await c.exec(`set synchronous_commit = off`);
    await main.exec(`set work_mem = '64MB'`);
    await main.exec(`set maintenance_work_mem = '1GB'`);
  }

  const [last] = await main.exec(`select id, hash from audit_events order by id desc limit 1`);
  let eventId = Number(last?.id ?? 0);
  let prevHash = String(last?.hash ?? "");

  // -- choices
  const govWeights: { office: Office; w: number }[] = [];
  const region = offices.find((o) => o.organ.level === "region")!;
  govWeights.push({ office: region, w: 0.02 });
  const popTotal = Object.values(leaguePopulation).reduce((a, b) => a + b, 0);
  for (const lg of leagues) {
    const share = (0.98 * (leaguePopulation[lg.code] ?? 100)) / popTotal;
    const counties = offices.filter((o) => o.organ.level === "banner_county" && o.organ.code.slice(0, 4) === lg.code.slice(0, 4));
    govWeights.push({ office: officeByCode.get(lg.code)!, w: share * 0.5 });
    for (const c of counties) govWeights.push({ office: c, w: (share * 0.5) / counties.length });
  }
  const pickOffice = picker(govWeights.map((g) => g.office), govWeights.map((g) => g.w));
  const pickMix = picker(nationalCaseMix.map((m) => m.en), nationalCaseMix.map((m) => m.share));
  const pickPath = { false: picker(reconPathsFor(false), reconPathsFor(false).map((p) => p.weight)), true: picker(reconPathsFor(true), reconPathsFor(true).map((p) => p.weightFailureToAct ?? p.weight)) };
  const pickMedCategory = picker(mediationCategories, mediationCategories.map((c) => mediationCategoryWeights[c]));
  const pickMedPath = new Map(mediationCategories.map((c) => [c, picker(medPaths.get(c)!, medPaths.get(c)!.map((p) => p.weight))]));
  const caseCounters = new Map<string, number>();

  const counts: Record<string, number> = { cases: 0, case_parties: 0, deadlines: 0, case_documents: 0, audit_events: 0 };
  const loadStart = performance.now();
  const nowMs = Date.now();
  const line = (done: number) => {
    if (!progress) return;
    const s = (performance.now() - loadStart) / 1000;
    const rate = done / Math.max(s, 0.001);
    const eta = (N - done) / Math.max(rate, 1);
    const fmt = (x: number) => (x >= 60 ? `${Math.floor(x / 60)}m${String(Math.round(x % 60)).padStart(2, "0")}s` : `${x.toFixed(0)}s`);
    process.stdout.write(`\r  ${done.toLocaleString("en")} / ${N.toLocaleString("en")} cases (${((100 * done) / N).toFixed(1)} %)  ${Math.round(rate).toLocaleString("en")} cases/s  elapsed ${fmt(s)}  ETA ${done ? fmt(eta) : "—"}   `);
  };
  line(0);

  let pendingChain: Promise<void> = Promise.resolve();
  // BENCH_SEED_PROFILE=1 prints where the time goes
  const prof = new Map<string, number>();
  const timed = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await f();
    } finally {
      prof.set(label, (prof.get(label) ?? 0) + performance.now() - t);
    }
  };
  // Issuing organs' 文号 prefixes (documentPrefixFor), reconsideration and mediation series.
  await main.exec(`drop table if exists bench_org_prefix`);
  await main.exec(`create unlogged table bench_org_prefix (organ_id uuid primary key, recon text, med text)`);
  await main.exec(
    `insert into bench_org_prefix select (p->>0)::uuid, p->>1, p->>2 from jsonb_array_elements($1::text::jsonb) p`,
    [JSON.stringify(organs.map((o) => [o.id, documentPrefixFor(forNumber(o), "acceptance_notice" as DocumentKey), documentPrefixFor(forNumber(o), "mediation_agreement" as DocumentKey)]))],
  );
  await main.exec(`drop table if exists bench_batch`);
  const batchColumns = [
    "i", "id", "tpl", "organ_id", "case_number", "filed_by", "channel", "category", "received_at", "respondent_id", "respondent_name", "act_doc",
    "names", "applicants", "other_party", "division_code", "online", "handler_id", "head_id", "center_id", "triage", "triaged_at", "tod",
  ];
  await main.exec(`create unlogged table bench_batch (i integer, id uuid, tpl integer, organ_id uuid, case_number text, filed_by uuid, channel text,
    category text, received_at timestamptz, respondent_id uuid, respondent_name text, act_doc text, names text, applicants jsonb, other_party text,
    division_code text, online boolean, handler_id uuid, head_id uuid, center_id uuid, triage text, triaged_at timestamptz, tod integer)`);
  const partyColumns = ["case_id", "role", "kind", "name", "user_id", "position"];
  const row = (vals: (string | number | boolean | null)[]) => vals.map((v) => copyValue(v === null ? null : typeof v === "boolean" ? (v ? "t" : "f") : v)).join("\t") + "\n";
  const mediationTarget: Record<string, string> = {
    consumer_rights: "market", intellectual_property: "market", traffic_accident: "police", public_security: "police",
    environmental_pollution: "ecology", social_security: "hrss", house_expropriation: "housing", rural_land_contracting: "agriculture",
  };

  interface Prepared {
    from: number;
    to: number;
    batchChunks: string[];
    partyChunks: string[];
    cases: { caseId: string; tplIndex: number; tod: number; filedBy: string | null; handler: string | null; head: string }[];
    parties: number;
  }
  /** The JavaScript half of a batch: every case's choices, its row for bench_batch and its parties (COPY text). */
  const prepare = (from: number): Prepared => {
    const to = Math.min(N, from + BATCH - 1);
    const r = rng(from * 2654435761);
    const cases: Prepared["cases"] = [];
    let bbuf = "";
    let pbuf = "";
    const batchChunks: string[] = [];
    const partyChunks: string[] = [];
    let nParties = 0;
    for (let i = from; i <= to; i++) {
      const dayAgo = HISTORY_DAYS - 1 - Math.floor(((i - 1) * HISTORY_DAYS) / N);
      const mediation = r() < MEDIATION_SHARE;
      const office = pickOffice(r());
      const online = mediation || r() < 0.72;
      const filedBy = online ? citizenId(1 + Math.floor(r() * CITIZENS)) : null;
      let tplIndex: number;
      let category: string;
      let organ: OrganRow;
      let respondent: OrganRow | null = null;
      let respondentSlug = "market";
      let centerId: string | null = office.center?.id ?? null;
      if (!mediation) {
        category = mixActKind[pickMix(r())];
        const fta = failureToActKinds.has(category);
        const p = pickPath[String(fta) as "true" | "false"](r());
        const d = snap(days, dayAgo);
        tplIndex = template(`r:${fta}:${p.name}:${d}`, () => buildTemplate(p, addCalendarDays(today, -d), today, rules, fta));
        organ = office.organ;
        const slugs = respondentSlugs[category];
        respondentSlug = slugs[Math.floor(r() * slugs.length)];
        respondent = office.depts.get(respondentSlug) ?? office.depts.get("market") ?? null;
      } else {
        const c = pickMedCategory(r());
        category = c;
        const p = pickMedPath.get(c)!(r());
        const d = snap(medDays, dayAgo);
        tplIndex = template(`m:${c}:${p.name}:${d}`, () => buildTemplate(p, addCalendarDays(today, -d), today, rules));
        organ = office.center ?? office.organ;
      }
      const t = templates[tplIndex];
      // time of day: office hours in Asia/Shanghai (00:30–09:30 UTC), by the case
      const tod = (30 + Math.floor(r() * 540)) * 60;
      const receivedMs = Date.parse(`${t.receivedDay}T00:00:00Z`) + tod * 1000;
      let triage = "routed";
      let triagedMs: number | null = null;
      if (mediation) {
        if (t.state === "RECEIVED") triage = "pending";
        else {
          triagedMs = t.triagedDay ? Date.parse(`${t.triagedDay}T00:00:00Z`) + tod * 1000 : receivedMs + 3_600_000;
          const target = mediationTarget[category] ? office.depts.get(mediationTarget[category]) : undefined;
          // routed to the competent department (TRIAGE to administrative mediation names it)
          if (t.triagedDay && target && (t.data as { organId?: string }).organId === ORGAN_PLACEHOLDER) organ = target;
        }
      } else if (online && centerId) {
        // online applications pass the dispute center's intake queue; the newest may still wait there
        if (t.state === "INTAKE_REVIEW" && dayAgo <= 1 && r() < 0.5) triage = "pending";
        else triagedMs = receivedMs + 2 * 3_600_000;
      } else centerId = null;
      const year = Number(t.receivedDay.slice(0, 4));
      const prefix = mediation ? "TJ" : "FY";
      const numberOrgan = mediation ? (office.center ?? office.organ) : office.organ;
      const counterKey = `${prefix}|${numberOrgan.id}|${year}`;
      const serial = (caseCounters.get(counterKey) ?? 0) + 1;
      caseCounters.set(counterKey, serial);
      const caseNumber = formatCaseNumber(prefix, year, numberOrgan.code, serial);
      const caseId = md5uuid(`bench-case-${i}`);
      const handler = !mediation && triage === "routed" && r() > 0.1 ? office.staff[Math.floor(r() * office.staff.length)] : null;
      const head = office.heads[0];
      const company = () => `${COMPANY_WORDS[Math.floor(r() * COMPANY_WORDS.length)]}${COMPANY_KINDS[Math.floor(r() * COMPANY_KINDS.length)]}`;
      const applicants: { kind: string; name: string }[] = [];
      const nApplicants = r() < 0.1 ? 2 : 1;
      for (let a = 0; a < nApplicants; a++) {
        const org = r() < 0.12;
        const name = org ? company() : personName(r);
        applicants.push({ kind: org ? "organisation" : "person", name });
        pbuf += row([caseId, "applicant", org ? "organisation" : "person", name, a === 0 ? filedBy : null, a]);
        nParties++;
      }
      let otherParty: string | null = null;
      if (mediation) {
        const org = r() < 0.6;
        otherParty = org ? company() : personName(r);
        pbuf += row([caseId, "other_party", org ? "organisation" : "person", otherParty, null, 0]);
        nParties++;
      } else {
        if (r() < 0.3) {
          pbuf += row([caseId, "agent", "person", `${personName(r)}（律师）`, null, 0]);
          nParties++;
        }
        if (r() < 0.05) {
          pbuf += row([caseId, "third_party", "person", personName(r), null, 0]);
          nParties++;
        }
      }
      const actYear = year - (r() < 0.3 ? 1 : 0);
      const actDoc = mediation ? null : `${office.area.slice(0, 2)}${deptAbbrev[respondentSlug] ?? ""}${actMark[category] ?? "决"}〔${actYear}〕${1 + Math.floor(r() * 3000)}号`;
      bbuf += row([
        i, caseId, tplIndex, organ.id, caseNumber, filedBy, online ? "online" : r() < 0.7 ? "in_person" : "post", category,
        new Date(receivedMs).toISOString(), respondent?.id ?? null, respondent?.name ?? null, actDoc, applicants.map((a) => a.name).join(" "),
        JSON.stringify(applicants), otherParty, office.organ.division_code, online, handler, head, centerId, triage,
        triagedMs === null ? null : new Date(triagedMs).toISOString(), tod,
      ]);
      if (bbuf.length > 1 << 20) {
        batchChunks.push(bbuf);
        bbuf = "";
      }
      if (pbuf.length > 1 << 20) {
        partyChunks.push(pbuf);
        pbuf = "";
      }
      cases.push({ caseId, tplIndex, tod, filedBy, handler, head });
    }
    if (bbuf) batchChunks.push(bbuf);
    if (pbuf) partyChunks.push(pbuf);
    return { from, to, batchChunks, partyChunks, cases, parties: nParties };
  };

  const at = (dayExpr: string, tod = "b.tod") => `least((${dayExpr})::date + make_interval(secs => ${tod}), now())`;
  // The SQL half of a batch, one multi-statement round trip: the cases with their template's state, data and
  // projection; the deadlines and documents of the template; the 文号 counters.
  const batchSql = `
    insert into cases (id, machine, state, data, organ_id, version, case_number, filed_by, channel, category, received_at,
                       respondent_organ_id, act_document_number, applicant_names, filing, handler_id, center_organ_id,
                       triage_status, triaged_at, next_due_date, created_at, updated_at)
    select b.id, t.machine, t.state,
           case when t.machine = 'mediation' then replace(t.data::text, '${ORGAN_PLACEHOLDER}', b.organ_id::text)::jsonb else t.data end,
           b.organ_id, t.version, b.case_number, b.filed_by, b.channel, b.category, b.received_at, b.respondent_id, b.act_doc, b.names,
           case when t.machine = 'mediation' then
             jsonb_build_object('category', b.category, 'divisionCode', b.division_code, 'applicantName', b.applicants->0->>'name',
               'otherPartyName', b.other_party, 'happened', '双方因合同履行发生纠纷，协商未果。', 'wantedOutcome', '请求依法调解，赔偿损失。',
               'electronicServiceConsent', case when b.online then 'yes' else 'no' end)
           else
             jsonb_build_object(
               'application', jsonb_build_object(
                 'applicants', jsonb_build_object('applicants', b.applicants),
                 'act', jsonb_build_object('actKind', b.category, 'actTitle', tt.title, 'actDocumentNumber', b.act_doc, 'respondentName', b.respondent_name,
                                           'failureToAct', case when b.category in ('failure_to_protect', 'benefits_not_paid') then 'yes' else 'no' end),
                 'requests', jsonb_build_object('requests', '请求撤销被申请人作出的' || tt.title, 'factsAndReasons', '被申请人认定事实不清，适用依据错误，程序违法。')),
               'lastDayToApply', (b.received_at::date + 40)::text,
               'electronicServiceConsent', b.online)
           end,
           b.handler_id, b.center_id, b.triage, b.triaged_at, t.next_due, b.received_at,
           greatest(${at("t.last_day")}, b.received_at)
    from bench_batch b join bench_tpl t on t.id = b.tpl
      left join (values ${Object.entries(actTitles).map(([k, v]) => `('${k}', '${v}')`).join(", ")}) tt(kind, title) on tt.kind = b.category;
    insert into deadlines (case_id, kind, basis, start_date, due_date, original_due_date, status, paused_intervals, paused_since,
                           extended_days, provisional, calendar_version, explanation, closed_at, created_at, updated_at)
    select b.id, d.kind, d.basis, d.start_date, d.due_date, d.original_due_date, d.status, d.paused_intervals, d.paused_since,
           d.extended_days, d.provisional, '${CALENDAR_VERSION}', d.explanation,
           case when d.closed_day is not null then ${at("d.closed_day")} end, ${at("d.created_day")}, ${at("coalesce(d.closed_day, d.created_day)")}
    from bench_batch b join bench_tpl_deadlines d on d.tpl = b.tpl;
    with issued as (
    insert into case_documents (case_id, kind, basis, content, recipient_user_id, service_method, issued_at, served_at, organ_id, number,
                                year, serial, title, content_hash, issued_by)
    select n.case_id, n.kind, n.basis, n.content,
           case when n.to_applicant then n.filed_by end,
           case when n.to_applicant and n.filed_by is not null then case when n.online then 'electronic' else 'pending' end end,
           ${at("n.day", "n.tod")},
           case when n.to_applicant and n.filed_by is not null and n.online then ${at("n.day", "n.tod")} end,
           n.organ_id,
           case when n.serial is not null then (case when n.med then p.med else p.recon end) || n.mark || '〔' || n.yr || '〕' || n.serial || '号' end,
           case when n.serial is not null then n.yr end, n.serial, n.title, n.hash,
           case n.actor when 'staff' then n.handler_id when 'head' then n.head_id end
    from (
      select x.*, case when x.mark is not null then coalesce(c.last, 0) + row_number() over (partition by x.organ_id, x.kind, x.yr, x.mark is not null order by x.day, x.case_id) end serial
      from (select b.id case_id, b.organ_id, b.filed_by, b.handler_id, b.head_id, b.online, b.tod, d.*, extract(year from d.day)::int yr
            from bench_batch b join bench_tpl_documents d on d.tpl = b.tpl) x
        left join document_number_counters c on c.organ_id = x.organ_id and c.kind = x.kind and c.year = x.yr
    ) n join bench_org_prefix p on p.organ_id = n.organ_id
    returning organ_id, kind, year, serial)
    -- the counters continue from the highest serial issued (taken from the rows just written: case_documents has no
    -- index on case_id while loading)
    insert into document_number_counters (organ_id, kind, year, last)
    select organ_id, kind, year, max(serial) from issued where serial is not null group by 1, 2, 3
    on conflict (organ_id, kind, year) do update set last = greatest(document_number_counters.last, excluded.last);`;

  let next: Prepared | null = prepare(1);
  while (next) {
    const cur: Prepared = next;
    await timed("templates upload", uploadTemplates);
    // The chain (one writer, in id order): hashed here, in the order the events happened, and loaded by COPY on the
    // second connection while the main connection writes the batch's rows.
    const events: { at: number; actor: string; action: string; caseId: string; payload: string }[] = [];
    for (const c of cur.cases) {
      const t = templates[c.tplIndex];
      const actorOf = (a: string) => (a === "citizen" ? c.filedBy : a === "staff" ? c.handler : a === "head" ? c.head : null);
      t.events.forEach((e, k) => {
        let when = Date.parse(`${e.day}T00:00:00Z`) + c.tod * 1000 + k * 1000;
        if (when > nowMs) when = nowMs - (t.events.length - k) * 1000;
        events.push({ at: when, actor: actorOf(e.actor) ?? "", action: e.action, caseId: c.caseId, payload: payloadText[c.tplIndex][k] });
      });
    }
    events.sort((a, b) => a.at - b.at);
    const chunks: string[] = [];
    let buf = "";
    for (const e of events) {
      const id = ++eventId;
      // audit_event_digest (migration 0002): concat_ws('|', id, occurred_at as …US"Z", actor, action, subject type and
      // id, payload::text, request id, prev_hash), SHA-256 in hex
      const ts = new Date(e.at).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
      const digest = createHash("sha256").update([id, ts, e.actor, e.action, "case", e.caseId, e.payload, "", prevHash].join("|"), "utf8").digest("hex");
      buf += [String(id), ts, e.actor || null, e.action, "case", e.caseId, e.payload, null, prevHash, digest].map(copyValue).join("\t") + "\n";
      prevHash = digest;
      if (buf.length > 1 << 20) {
        chunks.push(buf);
        buf = "";
      }
    }
    if (buf) chunks.push(buf);
    const nEvents = events.length;
    await timed("wait for chain", () => pendingChain);
    pendingChain = chain.copyIn("audit_events", ["id", "occurred_at", "actor_id", "action", "subject_type", "subject_id", "payload", "request_id", "prev_hash", "hash"], chunks).then(() => {
      counts.audit_events += nEvents;
    });
    if (chain === main) await timed("chain copy", () => pendingChain);

    await timed("batch copy", async () => {
      await main.exec(`truncate bench_batch`);
      await main.copyIn("bench_batch", batchColumns, cur.batchChunks);
      await main.copyIn("case_parties", partyColumns, cur.partyChunks);
    });
    counts.case_parties += cur.parties;
    const work = process.env.BENCH_SEED_PROFILE
      ? (async () => {
          for (const [k, stmt] of batchSql.split(/;\s*\n\s*(?=insert|with)/).entries()) await timed(`batch sql ${k + 1}`, () => main.execMulti(stmt));
        })()
      : timed("batch sql", () => main.execMulti(batchSql));
    // the next batch's JavaScript runs while the database works on this one
    next = cur.to < N ? prepare(cur.to + 1) : null;
    await work;
    counts.cases += cur.cases.length;
    line(cur.to);
  }
  await pendingChain;
  if (progress) process.stdout.write("\n");
  await main.exec(`drop table if exists bench_batch`);
  await main.exec(`drop table if exists bench_org_prefix`);
  await main.exec(`drop table if exists bench_tpl_deadlines`);
  await main.exec(`drop table if exists bench_tpl_documents`);
  if (process.env.BENCH_SEED_PROFILE) console.log([...prof].map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(", "), `; templates built in ${(templateMs / 1000).toFixed(1)} s`);
  await main.exec(`drop table if exists bench_batch`);
  await main.exec(`set session_replication_role = origin`);
  if (chain !== main) await chain.exec(`set session_replication_role = origin`);
  await main.exec(`select setval(pg_get_serial_sequence('audit_events', 'id'), $1)`, [eventId]);
  await main.exec(
    `insert into case_number_counters (prefix, organ_id, year, last) select x->>0, (x->>1)::uuid, (x->>2)::int, (x->>3)::int from jsonb_array_elements($1::text::jsonb) x
     on conflict (prefix, organ_id, year) do update set last = greatest(case_number_counters.last, excluded.last)`,
    [JSON.stringify([...caseCounters].map(([k, v]) => [...k.split("|"), v]))],
  );
  await main.exec(`drop table bench_tpl`);
  const tIdx = performance.now();
  for (const ix of indexes) await main.exec(ix.indexdef);
  await main.exec(`analyze`);
  say(`  rows loaded in ${((tIdx - loadStart) / 1000).toFixed(1)} s; ${indexes.length} indexes rebuilt and analysed in ${((performance.now() - tIdx) / 1000).toFixed(1)} s`);

  // -- checks and summary
  const [wrong] = await main.exec(`select count(*)::int n from cases c
      left join (select case_id, min(due_date) m from deadlines where status = 'running' group by case_id) d on d.case_id = c.id
      where c.next_due_date is distinct from d.m`);
  if (Number(wrong.n) !== 0) throw new Error(`${wrong.n} cases have a next_due_date that is not the nearest due date of their running deadlines`);
  const known = new Set<string>([...caseStates, ...mediationStates]);
  const states = await main.exec(`select machine, state, count(*)::int n from cases group by 1, 2 order by 1, 3 desc`);
  const bad = states.filter((s) => !known.has(String(s.state)));
  if (bad.length) throw new Error(`states outside the machines: ${bad.map((b) => b.state).join(", ")}`);
  for (const tname of ["cases", "case_parties", "deadlines", "case_documents", "audit_events", "users", "organs"]) {
    const [c] = await main.exec(`select count(*)::int n from ${tname}`);
    counts[tname] = Number(c.n);
  }
  const [running] = await main.exec(`select count(*)::int n from deadlines where status = 'running'`);
  counts["deadlines running"] = Number(running.n);
  const [overdue] = await main.exec(`select count(*)::int n from cases where next_due_date < $1::date`, [today]);
  counts["cases with an overdue running deadline"] = Number(overdue.n);
  if (progress) {
    const cats = await main.exec(`select category, count(*)::int n from cases where machine = 'reconsideration' group by 1 order by 2 desc`);
    const totalRecon = cats.reduce((a, c) => a + Number(c.n), 0);
    console.log("\n  rows per table:");
    for (const [k, v] of Object.entries(counts)) console.log(`    ${k.padEnd(40)} ${v.toLocaleString("en").padStart(12)}`);
    console.log("\n  reconsideration cases per category (act kind) — share seeded vs DOMAIN.md 14.16:");
    for (const c of cats) {
      const line = nationalCaseMix.find((m) => mixActKind[m.en] === c.category);
      console.log(`    ${String(c.category).padEnd(24)} ${Number(c.n).toLocaleString("en").padStart(10)}  ${((100 * Number(c.n)) / totalRecon).toFixed(2).padStart(6)} %   national ${line ? (100 * line.share).toFixed(2) : "—"} % (${line?.zh ?? ""})`);
    }
    console.log("\n  cases per machine and state:");
    for (const s of states) console.log(`    ${String(s.machine).padEnd(16)} ${String(s.state).padEnd(32)} ${Number(s.n).toLocaleString("en").padStart(10)}`);
    const leaguesCount = await main.exec(
      `select count(distinct substr(o.division_code, 1, 4))::int n from cases c join organs o on o.id = c.organ_id where o.division_code <> '150000'`,
    );
    console.log(`\n  盟市 with cases: ${leaguesCount[0].n} of 12`);
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------------------
// Command line

async function cli(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const pgliteDir = option("pglite");
  const url = option("url") ?? (pgliteDir ? undefined : (process.env.BENCH_DATABASE_URL ?? DEFAULT_URL));
  const cases = Number(option("cases") ?? (pgliteDir ? 20_000 : 1_000_000));
  if (!Number.isInteger(cases) || cases < 1) throw new Error("--cases must be a positive integer");
  if (argv.includes("--keep") && url && (await benchDatabaseSeeded(url, cases))) {
    console.log(`${url.replace(/\/\/[^@]*@/, "//")} already holds a complete bench seed of ${cases.toLocaleString("en")} cases (--keep): nothing to do`);
    return;
  }
  await seedBench({ url, pgliteDir, cases, progress: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

