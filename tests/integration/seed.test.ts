// The seed (db/seed.ts) against the facts: the 民政部 2024 division list of Inner Mongolia, the settings definitions,
// the demo accounts, and idempotency (a second run writes nothing). Self-contained on purpose: it opens its own
// databases — an in-memory PGlite, or, when TEST_DATABASE_URL is set, fresh PostgreSQL databases seed_test_<random>
// that are dropped again in afterAll.
import { randomBytes } from "node:crypto";
import { and, asc, count, eq, inArray, isNull, max } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCommonPassword } from "../../app/domain/common-passwords";
import { settingDefinitions, settingKeys } from "../../app/domain/settings";
import { hashPassword, verifyPassword } from "../../app/services/password.server";
import { verifyAuditChain } from "../../db/audit";
import { migrateDatabase, openDatabase, type Database, type Db } from "../../db/client";
import { auditEvents, calendarDays, committeeMembers, committees, loginFailures, organs, roleMemberships, sessions, settings, users, type Organ } from "../../db/schema/index";
import { DEMO_PASSWORD, formatDemoAccounts, loadDivisions, seedDatabase, type DemoAccount } from "../../db/seed";

const pgUrl = process.env.TEST_DATABASE_URL;
const engine = pgUrl ? "PostgreSQL" : "PGlite";
const cleanups: Array<() => Promise<void>> = [];

async function freshDatabase(): Promise<Database> {
  if (!pgUrl) {
    const database = await openDatabase({ pgliteDir: "memory://" });
    cleanups.push(() => database.close());
    await migrateDatabase(database);
    return database;
  }
  const name = `seed_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: 4 });
  cleanups.push(async () => {
    await database.close();
    const dropper = postgres(pgUrl, { max: 1, onnotice: () => {} });
    try {
      await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await dropper.end({ timeout: 5 });
    }
  });
  await migrateDatabase(database);
  return database;
}

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
}, 60_000);

// ---- the facts (民政部《县以上行政区划代码》2024; the 盟 governments are 行政公署, 派出机关 of the region) ----

const LEAGUE_CITY_GOVERNMENTS = [
  "呼和浩特市人民政府",
  "包头市人民政府",
  "乌海市人民政府",
  "赤峰市人民政府",
  "通辽市人民政府",
  "鄂尔多斯市人民政府",
  "呼伦贝尔市人民政府",
  "巴彦淖尔市人民政府",
  "乌兰察布市人民政府",
  "兴安盟行政公署",
  "锡林郭勒盟行政公署",
  "阿拉善盟行政公署",
];
const HOHHOT_COUNTIES = ["新城区", "回民区", "玉泉区", "赛罕区", "土默特左旗", "托克托县", "和林格尔县", "清水河县", "武川县"];
const HULUNBUIR_COUNTIES = [
  "海拉尔区",
  "扎赉诺尔区",
  "阿荣旗",
  "莫力达瓦达斡尔族自治旗",
  "鄂伦春自治旗",
  "鄂温克族自治旗",
  "陈巴尔虎旗",
  "新巴尔虎左旗",
  "新巴尔虎右旗",
  "满洲里市",
  "牙克石市",
  "扎兰屯市",
  "额尔古纳市",
  "根河市",
];
const REGION_DEPARTMENTS = [
  "内蒙古自治区公安厅",
  "内蒙古自治区市场监督管理局",
  "内蒙古自治区自然资源厅",
  "内蒙古自治区人力资源和社会保障厅",
  "内蒙古自治区生态环境厅",
  "内蒙古自治区住房和城乡建设厅",
  "内蒙古自治区交通运输厅",
  "内蒙古自治区农牧厅",
  "内蒙古自治区司法厅",
];
/** slug → a word every department of that kind has in its name. */
const DEPARTMENT_WORDS: Record<string, string> = {
  police: "公安",
  market: "市场监督管理",
  "natural-resources": "自然资源",
  hrss: "人力资源和社会保障",
  ecology: "生态环境",
  housing: "住房和城乡建设",
  transport: "交通运输",
  agriculture: "农牧",
  justice: "司法",
};

/** Login → role and organ of the demo accounts the brief asks for (citizens hold no membership). */
const DEMO_EXPECTED: Array<{ login: string; role: string; organ: string | null; includeSubordinates?: boolean }> = [
  { login: "citizen1@demo.nmg.example", role: "citizen", organ: null },
  { login: "citizen2@demo.nmg.example", role: "citizen", organ: null },
  { login: "clerk@demo.nmg.example", role: "center_clerk", organ: "呼和浩特市矛盾纠纷多元化解中心" },
  { login: "staff1@demo.nmg.example", role: "reconsideration_staff", organ: "呼和浩特市人民政府" },
  { login: "staff2@demo.nmg.example", role: "reconsideration_staff", organ: "呼和浩特市人民政府" },
  { login: "head@demo.nmg.example", role: "office_head", organ: "呼和浩特市人民政府" },
  { login: "member1@demo.nmg.example", role: "committee_member", organ: "呼和浩特市人民政府" },
  { login: "member2@demo.nmg.example", role: "committee_member", organ: "呼和浩特市人民政府" },
  { login: "member3@demo.nmg.example", role: "committee_member", organ: "呼和浩特市人民政府" },
  { login: "agent@demo.nmg.example", role: "respondent_agent", organ: "呼和浩特市市场监督管理局" },
  { login: "mediator@demo.nmg.example", role: "reconsideration_staff", organ: "呼和浩特市市场监督管理局" },
  { login: "mhead@demo.nmg.example", role: "office_head", organ: "呼和浩特市市场监督管理局" },
  { login: "admin@demo.nmg.example", role: "admin", organ: "内蒙古自治区人民政府", includeSubordinates: true },
];

// ---- helpers ----

const tables = { organs, users, roleMemberships, settings, auditEvents, calendarDays, sessions, loginFailures, committees, committeeMembers };

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row.n;
  }
  return out;
}

async function seedAppliedEvents(db: Db) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, "seed.applied")).orderBy(asc(auditEvents.id));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: Math.round(performance.now() - t0) };
}

describe(`seed (${engine})`, () => {
  let database: Database;
  let db: Db;
  let first: { demoAccounts: DemoAccount[] };
  let all: Organ[];
  const byCode = new Map<string, Organ>();
  const byId = new Map<string, Organ>();

  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
    const run = await timed(() => seedDatabase(db, { demo: true }));
    first = run.value;
    console.info(`[seed.test] ${engine}: first seed (reference + demo) took ${run.ms} ms`);
    all = await db.select().from(organs);
    for (const o of all) {
      byCode.set(o.code, o);
      byId.set(o.id, o);
    }
  }, 120_000);

  const governments = () => all.filter((o) => o.kind === "government");
  const childrenOf = (organ: Organ) => all.filter((o) => o.parentId === organ.id);
  const parentOf = (organ: Organ) => (organ.parentId ? byId.get(organ.parentId) : undefined);

  it("seeds the autonomous-region government as the one root", () => {
    const roots = all.filter((o) => o.parentId === null);
    expect(roots.map((o) => [o.code, o.name, o.level, o.kind])).toEqual([["150000", "内蒙古自治区人民政府", "region", "government"]]);
  });

  it("seeds the 12 盟市: 9 市 and 3 盟, each a government under the region", () => {
    const leagues = governments().filter((o) => o.level === "league_city");
    expect(leagues).toHaveLength(12);
    expect(leagues.map((o) => o.name).sort()).toEqual([...LEAGUE_CITY_GOVERNMENTS].sort());
    expect(leagues.filter((o) => o.name.endsWith("市人民政府"))).toHaveLength(9);
    expect(leagues.filter((o) => /盟行政公署$/.test(o.name))).toHaveLength(3);
    for (const o of leagues) {
      expect(parentOf(o)?.code).toBe("150000");
      expect(o.code).toMatch(/^15\d{2}00$/);
      expect(o.divisionCode).toBe(o.code);
    }
  });

  it("seeds all 103 旗县(市、区): 9 in 呼和浩特市, 14 in 呼伦贝尔市, as many as the data's countyCount everywhere", () => {
    const counties = governments().filter((o) => o.level === "banner_county");
    expect(counties).toHaveLength(103);
    const hohhot = byCode.get("150100")!;
    const hulunbuir = byCode.get("150700")!;
    expect(hohhot.name).toBe("呼和浩特市人民政府");
    expect(hulunbuir.name).toBe("呼伦贝尔市人民政府");
    const countiesOf = (league: Organ) => childrenOf(league).filter((o) => o.kind === "government");
    expect(countiesOf(hohhot)).toHaveLength(9);
    expect(countiesOf(hulunbuir)).toHaveLength(14);
    // every county's name appears in its government's name (districts carry the city: 呼和浩特市新城区人民政府)
    for (const name of HOHHOT_COUNTIES) expect(countiesOf(hohhot).some((o) => o.name.includes(`${name}人民政府`))).toBe(true);
    for (const name of HULUNBUIR_COUNTIES) expect(countiesOf(hulunbuir).some((o) => o.name.includes(`${name}人民政府`))).toBe(true);
    expect(byCode.get("150102")!.name).toBe("呼和浩特市新城区人民政府");
    expect(byCode.get("150121")!.name).toBe("土默特左旗人民政府");
    expect(byCode.get("150781")!.name).toBe("满洲里市人民政府");

    const data = loadDivisions();
    expect(data.leagueCities).toHaveLength(12);
    expect(data.source.length).toBeGreaterThan(0);
    let total = 0;
    for (const league of data.leagueCities) {
      expect(league.counties).toHaveLength(league.countyCount);
      expect(countiesOf(byCode.get(league.code)!).map((o) => o.code).sort()).toEqual(league.counties.map((c) => c.code).sort());
      total += league.countyCount;
    }
    expect(total).toBe(103);
    expect(data.leagueCities.find((l) => l.name === "呼和浩特市")!.countyCount).toBe(9);
    expect(data.leagueCities.find((l) => l.name === "呼伦贝尔市")!.countyCount).toBe(14);
  });

  it("gives every 盟市 and 旗县 government one dispute center", () => {
    const local = governments().filter((o) => o.level !== "region");
    expect(local).toHaveLength(115);
    for (const government of local) {
      const centers = childrenOf(government).filter((o) => o.kind === "dispute_center");
      expect(centers, government.name).toHaveLength(1);
      expect(centers[0].name).toMatch(/矛盾纠纷多元化解中心$/);
      expect(centers[0].level).toBe(government.level);
      expect(centers[0].divisionCode).toBe(government.divisionCode);
    }
    expect(byCode.get("150100-center")!.name).toBe("呼和浩特市矛盾纠纷多元化解中心");
  });

  it("gives every government the nine departments (a 分局 hangs under the 盟市 bureau that dispatched it)", () => {
    expect(governments()).toHaveLength(116);
    for (const government of governments()) {
      for (const [slug, word] of Object.entries(DEPARTMENT_WORDS)) {
        const dept = byCode.get(`${government.divisionCode}-${slug}`);
        expect(dept, `${government.name} ${slug}`).toBeDefined();
        expect(dept!.kind).toBe("department");
        expect(dept!.level).toBe(government.level);
        expect(dept!.divisionCode).toBe(government.divisionCode);
        expect(dept!.isVertical).toBe(false);
        expect(dept!.name).toContain(word);
        const parent = parentOf(dept!)!;
        if (parent.id !== government.id) {
          // a 分局: its parent is the same kind of bureau of the government one level up
          expect(dept!.name).toMatch(/分局$/);
          expect(parent.code).toBe(`${parentOf(government)!.divisionCode}-${slug}`);
          expect(parentOf(parent)!.id).toBe(government.parentId);
        }
      }
    }
    const region = byCode.get("150000")!;
    expect(
      childrenOf(region)
        .filter((o) => o.kind === "department" && !o.isVertical)
        .map((o) => o.name)
        .sort(),
    ).toEqual([...REGION_DEPARTMENTS].sort());
    expect(byCode.get("150100-market")!.name).toBe("呼和浩特市市场监督管理局");
    expect(byCode.get("152200-police")!.name).toBe("兴安盟公安局");
    expect(byCode.get("150121-police")!.name).toBe("土默特左旗公安局");
    expect(byCode.get("150102-police")!.name).toBe("呼和浩特市公安局新城区分局");
  });

  it("seeds the tax bureaus as a vertical chain up to 国家税务总局内蒙古自治区税务局, and customs as vertical", () => {
    const regionTax = byCode.get("150000-tax")!;
    expect(regionTax.name).toBe("国家税务总局内蒙古自治区税务局");
    const tax = all.filter((o) => o.verticalCategory === "税务");
    expect(tax.length).toBeGreaterThanOrEqual(13);
    for (const bureau of tax) {
      expect(bureau.isVertical).toBe(true);
      expect(bureau.name).toMatch(/^国家税务总局.+税务局$/);
      // walk up the chain: every step is a tax bureau until the region's
      let step = bureau;
      for (let hops = 0; step.id !== regionTax.id; hops++) {
        expect(hops).toBeLessThan(3);
        step = parentOf(step)!;
        expect(step.verticalCategory).toBe("税务");
      }
    }
    const leagueTax = tax.filter((o) => o.level === "league_city");
    expect(leagueTax).toHaveLength(12);
    for (const o of leagueTax) expect(o.parentId).toBe(regionTax.id);
    expect(byCode.get("150100-tax")!.name).toBe("国家税务总局呼和浩特市税务局");
    expect(byCode.get("152200-tax")!.name).toBe("国家税务总局兴安盟税务局");

    const customs = all.filter((o) => o.name === "呼和浩特海关");
    expect(customs).toHaveLength(1);
    expect(customs[0]).toMatchObject({ isVertical: true, verticalCategory: "海关", level: "region" });
    // nothing else is vertical
    expect(all.filter((o) => o.isVertical && !["税务", "海关"].includes(o.verticalCategory ?? ""))).toEqual([]);
  });

  it("seeds an intermediate people's court per 盟市", () => {
    const courts = all.filter((o) => o.kind === "court" && o.level === "league_city");
    expect(courts).toHaveLength(12);
    expect(byCode.get("150100-court")!.name).toBe("呼和浩特市中级人民法院");
    expect(byCode.get("152500-court")!.name).toBe("锡林郭勒盟中级人民法院");
  });

  it("keeps the tree sound: one root, no cycles, unique names, codes within their division", () => {
    for (const organ of all) {
      let step: Organ | undefined = organ;
      for (let hops = 0; step && step.parentId; hops++) {
        expect(hops).toBeLessThan(10);
        step = parentOf(step);
      }
      expect(step?.code).toBe("150000");
      expect(organ.divisionCode).toMatch(/^15\d{4}$/);
      expect(organ.code.startsWith(organ.divisionCode)).toBe(true);
    }
    expect(new Set(all.map((o) => o.name)).size).toBe(all.length);
  });

  it("orders governments in official code order by sortOrder", () => {
    const sorted = [...governments()].sort((a, b) => a.sortOrder - b.sortOrder);
    const codes = sorted.map((o) => o.code);
    expect(codes).toEqual([...codes].sort());
    const leagues = sorted.filter((o) => o.level === "league_city").map((o) => o.name);
    expect(leagues).toEqual(LEAGUE_CITY_GOVERNMENTS);
    const hohhot = childrenOf(byCode.get("150100")!)
      .filter((o) => o.kind === "government")
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((o) => o.name.replace(/^呼和浩特市/, "").replace(/人民政府$/, ""));
    expect(hohhot).toEqual(HOHHOT_COUNTIES);
  });

  it("writes one settings row per definition, with its default, description and basis", async () => {
    const rows = await db.select().from(settings);
    expect(rows.map((r) => r.key).sort()).toEqual([...settingKeys].sort());
    for (const row of rows) {
      const def = settingDefinitions[row.key as keyof typeof settingDefinitions];
      expect(row.value).toEqual(def.default);
      expect(row.description).toBe(def.description);
      expect(row.basis).toBe(def.basis);
    }
  });

  it("seeds the holiday calendar: every rest day and make-up working day of the 2024–2026 notices, once", async () => {
    // 2024: 28 rest days + 8 make-up days; 2025: 28 + 5; 2026: 33 + 6 (counted from the notices, app/domain/holidays.ts)
    expect((await rowCounts(db)).calendarDays).toBe(108);
    const rows = await db.select().from(calendarDays).orderBy(asc(calendarDays.day));
    expect(rows.filter((r) => r.kind === "holiday")).toHaveLength(89);
    expect(rows.filter((r) => r.kind === "makeup_workday")).toHaveLength(19);
    expect(new Set(rows.map((r) => r.region))).toEqual(new Set(["CN"]));
    expect(rows.find((r) => r.day === "2026-02-14")).toMatchObject({ kind: "makeup_workday", name: "春节" });
    expect(rows.find((r) => r.day === "2025-10-08")).toMatchObject({ kind: "holiday", name: "国庆节、中秋节" });
    expect(rows.find((r) => r.day === "2024-02-04")!.source).toContain("国办发明电〔2023〕7号");
  });

  it("creates the demo users with their roles, no TOTP, and the demo password", async () => {
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(8);
    expect(isCommonPassword(DEMO_PASSWORD)).toBe(false);

    const userRows = await db.select().from(users);
    expect(userRows).toHaveLength(DEMO_EXPECTED.length);
    const memberships = await db
      .select({ userId: roleMemberships.userId, role: roleMemberships.role, organ: organs.name, includeSubordinates: roleMemberships.includeSubordinates })
      .from(roleMemberships)
      .innerJoin(organs, eq(organs.id, roleMemberships.organId));
    const hashes = new Set<string>();
    for (const expected of DEMO_EXPECTED) {
      const user = userRows.find((u) => u.phone === expected.login || u.email === expected.login);
      expect(user, expected.login).toBeDefined();
      expect(user!.totpSecret).toBeNull();
      expect(user!.totpEnabledAt).toBeNull();
      expect(user!.disabled).toBe(false);
      expect(user!.displayName).toMatch(/^\p{Script=Han}{2,4}$/u);
      hashes.add(user!.passwordHash);
      const mine = memberships.filter((m) => m.userId === user!.id);
      if (expected.organ === null) {
        expect(mine).toEqual([]);
        expect(user!.phone).toMatch(/^1380000\d{4}$/);
      } else {
        expect(mine).toEqual([{ userId: user!.id, role: expected.role, organ: expected.organ, includeSubordinates: expected.includeSubordinates ?? false }]);
        expect(user!.email).toMatch(/@demo\.nmg\.example$/);
      }
    }
    expect(userRows.filter((u) => u.phone && u.email)).toHaveLength(2);
    for (const hash of hashes) {
      expect(await verifyPassword(hash, DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(hash, "wrong-password")).toBe(false);
    }

    expect(first.demoAccounts.map((a) => a.login)).toEqual(DEMO_EXPECTED.map((e) => e.login));
    for (const account of first.demoAccounts) {
      const expected = DEMO_EXPECTED.find((e) => e.login === account.login)!;
      expect(account.role).toBe(expected.role);
      expect(account.organName).toBe(expected.organ ?? "");
      expect(account.password).toBe(DEMO_PASSWORD);
      expect(account.roleLabel).toMatch(/\p{Script=Han}/u);
    }
  });

  it("formats the demo accounts as a table with every login, the password and the organ", () => {
    const table = formatDemoAccounts(first.demoAccounts);
    for (const account of first.demoAccounts) {
      const line = table.split("\n").find((l) => l.includes(` ${account.login} `));
      expect(line, account.login).toBeDefined();
      expect(line).toContain(DEMO_PASSWORD);
      expect(line).toContain(account.roleLabel);
      if (account.organName) expect(line).toContain(account.organName);
    }
  });

  it("seeds the demo reconsideration committee of 呼和浩特市人民政府 (Art. 52(1)) with member1–3 on its roster", async () => {
    const rows = await db
      .select({ organ: organs.code, email: users.email, kind: committeeMembers.kind, fields: committeeMembers.fields })
      .from(committeeMembers)
      .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
      .innerJoin(organs, eq(organs.id, committees.organId))
      .innerJoin(users, eq(users.id, committeeMembers.userId))
      .orderBy(asc(users.email));
    expect(rows.map((r) => [r.organ, r.email])).toEqual([
      ["150100", "member1@demo.nmg.example"],
      ["150100", "member2@demo.nmg.example"],
      ["150100", "member3@demo.nmg.example"],
    ]);
    // departments and experts both sit on it (Art. 52(1)), each with at least one field of expertise
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["department", "expert"]));
    for (const r of rows) expect(r.fields.length).toBeGreaterThan(0);
  });

  it("records one seed.applied event and keeps the audit chain valid", async () => {
    const events = await seedAppliedEvents(db);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      organsInserted: all.length,
      settingsInserted: settingKeys.length,
      calendarDaysInserted: 108,
      demoUsersInserted: DEMO_EXPECTED.length,
    });
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 1 });
  });

  it("is idempotent: a second run changes no row and writes no second event", async () => {
    const before = await rowCounts(db);
    const [{ stamp: organsStamp }] = await db.select({ stamp: max(organs.updatedAt) }).from(organs);
    const [{ stamp: usersStamp }] = await db.select({ stamp: max(users.updatedAt) }).from(users);
    const run = await timed(() => seedDatabase(db, { demo: true }));
    console.info(`[seed.test] ${engine}: second seed (nothing to do) took ${run.ms} ms`);
    expect(await rowCounts(db)).toEqual(before);
    expect((await db.select({ stamp: max(organs.updatedAt) }).from(organs))[0].stamp).toEqual(organsStamp);
    expect((await db.select({ stamp: max(users.updatedAt) }).from(users))[0].stamp).toEqual(usersStamp);
    expect(await seedAppliedEvents(db)).toHaveLength(1);
    expect(run.value.demoAccounts).toEqual(first.demoAccounts);
    // and the organs are exactly the same rows (same ids, same parents)
    const again = await db.select().from(organs);
    expect(new Map(again.map((o) => [o.code, [o.id, o.parentId, o.name, o.sortOrder]]))).toEqual(
      new Map(all.map((o) => [o.code, [o.id, o.parentId, o.name, o.sortOrder]])),
    );
  });

  it("keeps an admin's setting and an operator's demo-user changes; restores a damaged reference organ", async () => {
    await db.update(settings).set({ value: false }).where(eq(settings.key, "countMakeupWorkdays"));
    const changedHash = await hashPassword("operator-changed-this-1");
    await db.update(users).set({ passwordHash: changedHash }).where(eq(users.email, "staff2@demo.nmg.example"));
    const staff2 = (await db.select().from(users).where(eq(users.email, "staff2@demo.nmg.example")))[0];
    await db.delete(roleMemberships).where(eq(roleMemberships.userId, staff2.id));
    const before = await rowCounts(db);

    const { demoAccounts } = await seedDatabase(db, { demo: true });
    expect((await db.select().from(settings).where(eq(settings.key, "countMakeupWorkdays")))[0].value).toBe(false);
    expect((await db.select().from(users).where(eq(users.id, staff2.id)))[0].passwordHash).toBe(changedHash);
    expect(await db.select().from(roleMemberships).where(eq(roleMemberships.userId, staff2.id))).toEqual([]);
    // the account no longer logs in with the demo password, so it is not advertised
    expect(demoAccounts.map((a) => a.login)).not.toContain("staff2@demo.nmg.example");
    expect(demoAccounts).toHaveLength(DEMO_EXPECTED.length - 1);
    expect(await rowCounts(db)).toEqual(before);
    expect(await seedAppliedEvents(db)).toHaveLength(1);

    // A reference organ whose row drifted from the data is put back, and that run is recorded.
    await db.update(organs).set({ name: "错误的名称" }).where(eq(organs.code, "150700"));
    await seedDatabase(db, { demo: true });
    expect((await db.select().from(organs).where(eq(organs.code, "150700")))[0].name).toBe("呼伦贝尔市人民政府");
    const events = await seedAppliedEvents(db);
    expect(events).toHaveLength(2);
    expect(events[1].payload).toMatchObject({ organsInserted: 0, organsUpdated: 1, demoUsersInserted: 0 });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  }, 30_000);
});

describe(`seed without demo data (${engine})`, () => {
  let db: Db;

  beforeAll(async () => {
    db = (await freshDatabase()).db;
  }, 120_000);

  it("creates no users when demo is false, the same reference data, and adds the demo users later on request", async () => {
    const run = await timed(() => seedDatabase(db, { demo: false }));
    console.info(`[seed.test] ${engine}: seed without demo took ${run.ms} ms`);
    expect(run.value.demoAccounts).toEqual([]);
    const counts = await rowCounts(db);
    expect(counts.users).toBe(0);
    expect(counts.roleMemberships).toBe(0);
    expect(counts.settings).toBe(settingKeys.length);
    expect(counts.organs).toBeGreaterThan(1000);
    expect(await seedAppliedEvents(db)).toHaveLength(1);

    await seedDatabase(db, { demo: false });
    expect(await rowCounts(db)).toEqual(counts);

    const withDemo = await seedDatabase(db, { demo: true });
    expect(withDemo.demoAccounts).toHaveLength(DEMO_EXPECTED.length);
    const after = await rowCounts(db);
    expect(after.users).toBe(DEMO_EXPECTED.length);
    expect(after.organs).toBe(counts.organs);
    const events = await seedAppliedEvents(db);
    expect(events).toHaveLength(2);
    expect(events[1].payload).toMatchObject({ organsInserted: 0, organsUpdated: 0, settingsInserted: 0, calendarDaysInserted: 0, demoUsersInserted: DEMO_EXPECTED.length });
    const admins = await db
      .select({ organ: organs.code })
      .from(roleMemberships)
      .innerJoin(organs, eq(organs.id, roleMemberships.organId))
      .where(and(eq(roleMemberships.role, "admin"), eq(roleMemberships.includeSubordinates, true)));
    expect(admins).toEqual([{ organ: "150000" }]);
    expect(await db.select({ n: count() }).from(users).where(and(isNull(users.phone), isNull(users.email)))).toEqual([{ n: 0 }]);
    expect(await db.select({ n: count() }).from(organs).where(inArray(organs.code, ["150000", "150100", "152900"]))).toEqual([{ n: 3 }]);
  }, 60_000);
});
