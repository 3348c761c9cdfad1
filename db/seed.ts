// The idempotent seed, run by the server at every start (app/server.ts) after the migrations.
//
// Reference data, always: the organ tree of Inner Mongolia built from db/data/im-divisions.json (民政部 2024 codes) —
// the autonomous-region government, the 12 盟市 governments (行政公署 for the 3 盟), all 103 旗县(市、区) governments,
// nine usual departments of each, the vertically managed tax bureaus and customs (Art. 27), courts, one dispute center
// per 盟市 and 旗县 — one settings row per definition in app/domain/settings.ts, and the official holiday calendar
// (calendar_days) of the State Council notices in app/domain/holidays.ts.
// Demo data, only when asked (never in production): staff and citizen accounts sharing DEMO_PASSWORD, and the
// reconsideration committee of 呼和浩特市人民政府 with member1–3 on its roster.
//
// Running it again changes nothing: organs are keyed by code, users by phone/e-mail, settings by key, calendar days by
// region and day. An organ whose
// reference definition changed (a corrected name, say) is updated; a setting an admin changed, a demo user an operator
// edited, are left alone. One "seed.applied" audit event is written when, and only when, something was written.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, inArray, or } from "drizzle-orm";
import { nationalCalendarEntries } from "../app/domain/holidays";
import { settingDefinitions, settingKeys } from "../app/domain/settings";
import { hashPassword, verifyPassword } from "../app/services/password.server";
import { recordEvent } from "./audit";
import type { Queryable, Tx } from "./client";
import {
  calendarDays,
  committeeMembers,
  committees,
  organs,
  roleMemberships,
  settings,
  users,
  type NewOrgan,
  type OrganKind,
  type OrganLevel,
  type Role,
} from "./schema/index";

// ---------------------------------------------------------------------------------------------------------------
// Reference data file

export interface CountyDivision {
  code: string;
  name: string;
  kind: "市辖区" | "旗" | "县" | "县级市" | "自治旗";
}

export interface LeagueCityDivision {
  code: string;
  name: string;
  kind: "地级市" | "盟";
  /** "呼和浩特市人民政府"; for a 盟 "兴安盟行政公署（自治区人民政府派出机关）". */
  governmentOrgan: string;
  countyCount: number;
  counties: CountyDivision[];
}

export interface DivisionData {
  source: string[];
  asOf: string;
  region: { code: string; name: string; seat: string };
  totals: {
    leagueLevel: { total: number; 地级市: number; 盟: number };
    countyLevel: { total: number } & Record<string, number>;
    perLeague: Record<string, number>;
  };
  leagueCities: LeagueCityDivision[];
}

/** db/data/im-divisions.json, resolved from this module: db/seed.ts in tsx and vitest, build/server.js once bundled. */
export const divisionsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "db", "data", "im-divisions.json");

export function loadDivisions(file: string = divisionsFile): DivisionData {
  return JSON.parse(fs.readFileSync(file, "utf8")) as DivisionData;
}

// ---------------------------------------------------------------------------------------------------------------
// The organ tree

/** The nine departments seeded in every government, in the official order of government department lists. */
export const departmentDefinitions = [
  { slug: "police", regionName: "内蒙古自治区公安厅", localName: "公安局" },
  { slug: "justice", regionName: "内蒙古自治区司法厅", localName: "司法局" },
  { slug: "hrss", regionName: "内蒙古自治区人力资源和社会保障厅", localName: "人力资源和社会保障局" },
  { slug: "natural-resources", regionName: "内蒙古自治区自然资源厅", localName: "自然资源局" },
  { slug: "ecology", regionName: "内蒙古自治区生态环境厅", localName: "生态环境局" },
  { slug: "housing", regionName: "内蒙古自治区住房和城乡建设厅", localName: "住房和城乡建设局" },
  { slug: "transport", regionName: "内蒙古自治区交通运输厅", localName: "交通运输局" },
  { slug: "agriculture", regionName: "内蒙古自治区农牧厅", localName: "农牧局" },
  { slug: "market", regionName: "内蒙古自治区市场监督管理局", localName: "市场监督管理局" },
] as const;
export type DepartmentSlug = (typeof departmentDefinitions)[number]["slug"];

/** What the seed writes for one organ; parentCode is resolved to the parent's id. */
export interface OrganSpec {
  code: string;
  name: string;
  level: OrganLevel;
  kind: OrganKind;
  parentCode: string | null;
  divisionCode: string;
  isVertical: boolean;
  verticalCategory: string | null;
  sortOrder: number;
}

/** A 盟's data name carries a gloss in brackets: "兴安盟行政公署（自治区人民政府派出机关）" → "兴安盟行政公署". */
function governmentName(league: LeagueCityDivision): string {
  return league.governmentOrgan.replace(/（.*）$/u, "").trim();
}

/**
 * The name a county-level unit goes by in organ names. District (市辖区) names repeat across China, so official names
 * carry the city: 呼和浩特市新城区人民政府. Banners, counties and county-level cities are unique: 土默特左旗人民政府.
 */
function countyAreaName(league: LeagueCityDivision, county: CountyDivision): string {
  return county.kind === "市辖区" ? `${league.name}${county.name}` : county.name;
}

/**
 * The whole reference organ tree, parents before children, sortOrder increasing in official code order.
 *
 * Parents: a department hangs under its government, except the two kinds of 分局 that are dispatched bodies (派出机构)
 * of the 盟市 bureau and hang under it — the district police 分局 (呼和浩特市公安局新城区分局, 《公安机关组织管理条例》第六条)
 * and the 旗县 ecology 分局 (呼和浩特市生态环境局新城区分局, after the 省以下生态环境垂直管理 reform); Art. 24(4) gives
 * their cases to the government of the dispatching bureau (or, for a 市辖区 分局, also to the local government).
 * Tax bureaus form their own chain (Art. 27): 旗县 → 盟市 → 国家税务总局内蒙古自治区税务局. Courts likewise: 中级 → 高级.
 */
export function buildOrganSpecs(data: DivisionData): OrganSpec[] {
  const specs: OrganSpec[] = [];
  let order = 0;
  const add = (spec: Omit<OrganSpec, "sortOrder" | "isVertical" | "verticalCategory"> & Partial<OrganSpec>) => {
    order += 10;
    specs.push({ isVertical: false, verticalCategory: null, ...spec, sortOrder: order });
  };
  const region = data.region.code;

  add({ code: region, name: `${data.region.name}人民政府`, level: "region", kind: "government", parentCode: null, divisionCode: region });
  for (const dept of departmentDefinitions) {
    add({ code: `${region}-${dept.slug}`, name: dept.regionName, level: "region", kind: "department", parentCode: region, divisionCode: region });
  }
  add({
    code: `${region}-tax`,
    name: "国家税务总局内蒙古自治区税务局",
    level: "region",
    kind: "department",
    parentCode: region,
    divisionCode: region,
    isVertical: true,
    verticalCategory: "税务",
  });
  add({
    code: `${region}-customs`,
    name: "呼和浩特海关",
    level: "region",
    kind: "department",
    parentCode: region,
    divisionCode: region,
    isVertical: true,
    verticalCategory: "海关",
  });
  add({ code: `${region}-court`, name: "内蒙古自治区高级人民法院", level: "region", kind: "court", parentCode: region, divisionCode: region });

  for (const league of data.leagueCities) {
    const lc = league.code;
    add({ code: lc, name: governmentName(league), level: "league_city", kind: "government", parentCode: region, divisionCode: lc });
    for (const dept of departmentDefinitions) {
      add({ code: `${lc}-${dept.slug}`, name: `${league.name}${dept.localName}`, level: "league_city", kind: "department", parentCode: lc, divisionCode: lc });
    }
    add({
      code: `${lc}-tax`,
      name: `国家税务总局${league.name}税务局`,
      level: "league_city",
      kind: "department",
      parentCode: `${region}-tax`,
      divisionCode: lc,
      isVertical: true,
      verticalCategory: "税务",
    });
    add({ code: `${lc}-center`, name: `${league.name}矛盾纠纷多元化解中心`, level: "league_city", kind: "dispute_center", parentCode: lc, divisionCode: lc });
    add({ code: `${lc}-court`, name: `${league.name}中级人民法院`, level: "league_city", kind: "court", parentCode: `${region}-court`, divisionCode: lc });

    for (const county of league.counties) {
      const cc = county.code;
      const area = countyAreaName(league, county);
      add({ code: cc, name: `${area}人民政府`, level: "banner_county", kind: "government", parentCode: lc, divisionCode: cc });
      for (const dept of departmentDefinitions) {
        let name = `${area}${dept.localName}`;
        let parentCode = cc;
        if (dept.slug === "police" && county.kind === "市辖区") {
          name = `${league.name}公安局${county.name}分局`;
          parentCode = `${lc}-police`;
        } else if (dept.slug === "ecology") {
          name = `${league.name}生态环境局${county.name}分局`;
          parentCode = `${lc}-ecology`;
        }
        add({ code: `${cc}-${dept.slug}`, name, level: "banner_county", kind: "department", parentCode, divisionCode: cc });
      }
      add({
        code: `${cc}-tax`,
        name: `国家税务总局${area}税务局`,
        level: "banner_county",
        kind: "department",
        parentCode: `${lc}-tax`,
        divisionCode: cc,
        isVertical: true,
        verticalCategory: "税务",
      });
      add({ code: `${cc}-center`, name: `${area}矛盾纠纷多元化解中心`, level: "banner_county", kind: "dispute_center", parentCode: cc, divisionCode: cc });
      if (mediationCommitteeCounties.has(cc)) {
        // A people's mediation committee stationed in the district's dispute center (人民调解委员会入驻矛调中心).
        add({
          code: `${cc}-mediation`,
          name: `${area}人民调解委员会`,
          level: "banner_county",
          kind: "mediation_committee",
          parentCode: `${cc}-center`,
          divisionCode: cc,
        });
      }
    }
  }
  return specs;
}

/** The four urban districts of 呼和浩特市 get a demo people's mediation committee. */
const mediationCommitteeCounties = new Set(["150102", "150103", "150104", "150105"]);

// ---------------------------------------------------------------------------------------------------------------
// Demo accounts

export const DEMO_PASSWORD = "Nmg-Demo-2026!";

export interface DemoAccount {
  role: Role;
  /** Chinese label of the role. */
  roleLabel: string;
  /** Phone number (citizens) or e-mail address (staff). */
  login: string;
  password: string;
  displayName: string;
  /** The organ the role is held in; "" for a citizen. */
  organName: string;
}

const roleLabels: Record<Role, string> = {
  citizen: "群众（申请人）",
  center_clerk: "矛调中心工作人员",
  reconsideration_staff: "行政复议工作人员",
  office_head: "行政复议机构负责人",
  committee_member: "行政复议委员会委员",
  respondent_agent: "被申请人经办人",
  admin: "系统管理员",
};

interface DemoUserSpec {
  role: Role;
  phone?: string;
  email?: string;
  displayName: string;
  /** Organ of the membership; none for a citizen. */
  organCode?: string;
  includeSubordinates?: boolean;
}

/** 138-0000-xxxx numbers and the reserved .example domain: clearly not real people. */
export const demoUserSpecs: readonly DemoUserSpec[] = [
  { role: "citizen", phone: "13800000001", email: "citizen1@demo.nmg.example", displayName: "张海峰" },
  { role: "citizen", phone: "13800000002", email: "citizen2@demo.nmg.example", displayName: "其其格" },
  { role: "center_clerk", email: "clerk@demo.nmg.example", displayName: "王丽娜", organCode: "150100-center" },
  { role: "reconsideration_staff", email: "staff1@demo.nmg.example", displayName: "李明轩", organCode: "150100" },
  { role: "reconsideration_staff", email: "staff2@demo.nmg.example", displayName: "巴特尔", organCode: "150100" },
  { role: "office_head", email: "head@demo.nmg.example", displayName: "刘建华", organCode: "150100" },
  { role: "committee_member", email: "member1@demo.nmg.example", displayName: "赵振宇", organCode: "150100" },
  { role: "committee_member", email: "member2@demo.nmg.example", displayName: "乌云娜", organCode: "150100" },
  { role: "committee_member", email: "member3@demo.nmg.example", displayName: "孙立新", organCode: "150100" },
  { role: "respondent_agent", email: "agent@demo.nmg.example", displayName: "陈静", organCode: "150100-market" },
  // administrative mediation at the market regulator (issue 7 req. 1): a mediator and the head who signs off
  { role: "reconsideration_staff", email: "mediator@demo.nmg.example", displayName: "高雅琴", organCode: "150100-market" },
  { role: "office_head", email: "mhead@demo.nmg.example", displayName: "韩志刚", organCode: "150100-market" },
  { role: "admin", email: "admin@demo.nmg.example", displayName: "周晓东", organCode: "150000", includeSubordinates: true },
];

// ---------------------------------------------------------------------------------------------------------------
// The seed

export interface SeedOptions {
  /** Seed the demo accounts (the server passes NODE_ENV !== "production"). */
  demo: boolean;
  log?: (msg: string) => void;
}

export interface SeedResult {
  /** The demo accounts that log in with DEMO_PASSWORD (one whose password was changed is left out); [] without demo. */
  demoAccounts: DemoAccount[];
}

const BATCH = 300;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function seedDatabase(db: Queryable, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const data = loadDivisions();
  const specs = buildOrganSpecs(data);

  const result = await db.transaction(async (tx) => {
    const organStats = await seedOrgans(tx, specs);
    const settingsInserted = await seedSettings(tx);
    const calendarDaysInserted = await seedCalendar(tx);
    const demo = options.demo ? await seedDemoUsers(tx) : { usersInserted: 0, membershipsInserted: 0, accounts: [] };
    const committee = options.demo ? await seedDemoCommittee(tx) : { committeesInserted: 0, committeeMembersInserted: 0 };

    const counts = {
      organsInserted: organStats.inserted,
      organsUpdated: organStats.updated,
      settingsInserted,
      calendarDaysInserted,
      demoUsersInserted: demo.usersInserted,
      membershipsInserted: demo.membershipsInserted,
      ...committee,
    };
    const changed = Object.values(counts).some((n) => n > 0);
    if (changed) {
      await recordEvent(tx, {
        action: "seed.applied",
        subjectType: "database",
        payload: { ...counts, demo: options.demo, divisionsAsOf: data.asOf },
      });
    }
    return { counts, changed, accounts: demo.accounts };
  });

  const c = result.counts;
  log(
    result.changed
      ? `seed applied in ${Date.now() - started} ms: organs +${c.organsInserted} (updated ${c.organsUpdated}), settings +${c.settingsInserted}, calendar days +${c.calendarDaysInserted}, demo users +${c.demoUsersInserted}, memberships +${c.membershipsInserted}, committee members +${c.committeeMembersInserted}`
      : `seed: nothing to change (${specs.length} reference organs and ${nationalCalendarEntries.length} calendar days present, ${Date.now() - started} ms)`,
  );
  return { demoAccounts: result.accounts };
}



/** Inserts missing organs and updates those whose reference definition changed, parents before children. */
async function seedOrgans(tx: Tx, specs: readonly OrganSpec[]): Promise<{ inserted: number; updated: number }> {
  const existing = await tx
    .select({
      id: organs.id,
      code: organs.code,
      name: organs.name,
      level: organs.level,
      kind: organs.kind,
      parentId: organs.parentId,
      divisionCode: organs.divisionCode,
      isVertical: organs.isVertical,
      verticalCategory: organs.verticalCategory,
      sortOrder: organs.sortOrder,
    })
    .from(organs);
  const byCode = new Map(existing.map((row) => [row.code, row]));
  const idByCode = new Map(existing.map((row) => [row.code, row.id]));

  // Waves by depth, so that every parent has its id before its children are written.
  const depthOf = new Map<string, number>();
  for (const spec of specs) depthOf.set(spec.code, spec.parentCode ? (depthOf.get(spec.parentCode) ?? 0) + 1 : 0);
  const waves: OrganSpec[][] = [];
  for (const spec of specs) (waves[depthOf.get(spec.code)!] ??= []).push(spec);

  let inserted = 0;
  let updated = 0;
  for (const wave of waves) {
    const rows: NewOrgan[] = wave.map((spec) => {
      const parentId = spec.parentCode ? idByCode.get(spec.parentCode) : null;
      if (parentId === undefined) throw new Error(`seed: parent ${spec.parentCode} of organ ${spec.code} is missing`);
      const { parentCode: _parentCode, ...fields } = spec;
      return { ...fields, parentId };
    });

    const fresh = rows.filter((row) => !byCode.has(row.code));
    for (const batch of chunks(fresh)) {
      const returned = await tx.insert(organs).values(batch).onConflictDoNothing({ target: organs.code }).returning({ id: organs.id, code: organs.code });
      inserted += returned.length;
      for (const row of returned) idByCode.set(row.code, row.id);
    }
    // Rows another process inserted meanwhile (the insert skipped them): fetch their ids.
    const missing = fresh.filter((row) => !idByCode.has(row.code)).map((row) => row.code);
    for (const batch of chunks(missing)) {
      const found = await tx.select({ id: organs.id, code: organs.code }).from(organs).where(inArray(organs.code, batch));
      for (const row of found) idByCode.set(row.code, row.id);
    }

    for (const row of rows) {
      const current = byCode.get(row.code);
      if (!current) continue;
      const differs =
        current.name !== row.name ||
        current.level !== row.level ||
        current.kind !== row.kind ||
        current.parentId !== row.parentId ||
        current.divisionCode !== row.divisionCode ||
        current.isVertical !== row.isVertical ||
        current.verticalCategory !== row.verticalCategory ||
        current.sortOrder !== row.sortOrder;
      if (!differs) continue;
      await tx
        .update(organs)
        .set({
          name: row.name,
          level: row.level,
          kind: row.kind,
          parentId: row.parentId,
          divisionCode: row.divisionCode,
          isVertical: row.isVertical,
          verticalCategory: row.verticalCategory,
          sortOrder: row.sortOrder,
          updatedAt: new Date(),
        })
        .where(eq(organs.id, current.id));
      updated++;
    }
  }
  return { inserted, updated };
}

/** One row per setting definition; an existing row (perhaps changed by an admin) is kept. */
async function seedSettings(tx: Tx): Promise<number> {
  const rows = settingKeys.map((key) => {
    const def = settingDefinitions[key];
    return { key, value: def.default, description: def.description, basis: def.basis };
  });
  const returned = await tx.insert(settings).values(rows).onConflictDoNothing({ target: settings.key }).returning({ key: settings.key });
  return returned.length;
}

/**
 * The national rest days and make-up working days of the loaded notices. A row already there (perhaps corrected by an
 * admin) is kept: the data file seeds the table, the table is what the portal computes with.
 */
async function seedCalendar(tx: Tx): Promise<number> {
  let inserted = 0;
  for (const batch of chunks(nationalCalendarEntries)) {
    const returned = await tx
      .insert(calendarDays)
      .values(batch.map((e) => ({ region: e.region, day: e.day, kind: e.kind, name: e.name, source: e.source })))
      .onConflictDoNothing({ target: [calendarDays.region, calendarDays.day] })
      .returning({ day: calendarDays.day });
    inserted += returned.length;
  }
  return inserted;
}

async function seedDemoUsers(tx: Tx): Promise<{ usersInserted: number; membershipsInserted: number; accounts: DemoAccount[] }> {
  const phones = demoUserSpecs.flatMap((s) => (s.phone ? [s.phone] : []));
  const emails = demoUserSpecs.flatMap((s) => (s.email ? [s.email] : []));
  const userColumns = { id: users.id, phone: users.phone, email: users.email, passwordHash: users.passwordHash, disabled: users.disabled };
  const findExisting = () =>
    tx
      .select(userColumns)
      .from(users)
      .where(or(inArray(users.phone, phones), inArray(users.email, emails)));
  const lookup = (rows: Awaited<ReturnType<typeof findExisting>>, spec: DemoUserSpec) =>
    rows.find((u) => (spec.phone !== undefined && u.phone === spec.phone) || (spec.email !== undefined && u.email === spec.email));

  const before = await findExisting();
  const toCreate = demoUserSpecs.filter((spec) => !lookup(before, spec));

  let usersInserted = 0;
  let membershipsInserted = 0;
  let freshHash: string | undefined;
  if (toCreate.length > 0) {
    // argon2 is deliberately slow: one hash, shared by every demo user created now.
    freshHash = await hashPassword(DEMO_PASSWORD);
    const created = await tx
      .insert(users)
      .values(
        toCreate.map((spec) => ({
          phone: spec.phone ?? null,
          email: spec.email ?? null,
          displayName: spec.displayName,
          passwordHash: freshHash!,
          // Staff enrol TOTP at their first login: no secret is pre-set.
          totpSecret: null,
        })),
      )
      .onConflictDoNothing()
      .returning(userColumns);
    usersInserted = created.length;

    // Memberships only for users created now: an operator's changes to an existing demo user's roles are kept.
    const organCodes = [...new Set(toCreate.flatMap((s) => (s.organCode ? [s.organCode] : [])))];
    const organRows = organCodes.length
      ? await tx.select({ id: organs.id, code: organs.code }).from(organs).where(inArray(organs.code, organCodes))
      : [];
    const organIdByCode = new Map(organRows.map((o) => [o.code, o.id]));
    const memberships = toCreate.flatMap((spec) => {
      const user = lookup(created, spec);
      if (!user || !spec.organCode) return [];
      const organId = organIdByCode.get(spec.organCode);
      if (!organId) throw new Error(`seed: demo organ ${spec.organCode} is missing`);
      return [{ userId: user.id, role: spec.role, organId, includeSubordinates: spec.includeSubordinates ?? false }];
    });
    if (memberships.length > 0) {
      const returned = await tx.insert(roleMemberships).values(memberships).onConflictDoNothing().returning({ id: roleMemberships.id });
      membershipsInserted = returned.length;
    }
  }

  // The accounts to show: those that exist, are enabled and still have the demo password. Hashes written in one seed
  // run are identical, so this is one verification per distinct hash — usually none or one.
  const now = await findExisting();
  const verified = new Map<string, boolean>();
  if (freshHash) verified.set(freshHash, true);
  const organNames = new Map(
    (await tx.select({ code: organs.code, name: organs.name }).from(organs).where(inArray(organs.code, demoUserSpecs.flatMap((s) => (s.organCode ? [s.organCode] : []))))).map(
      (o) => [o.code, o.name],
    ),
  );
  const accounts: DemoAccount[] = [];
  for (const spec of demoUserSpecs) {
    const user = lookup(now, spec);
    if (!user || user.disabled) continue;
    if (!verified.has(user.passwordHash)) verified.set(user.passwordHash, await verifyPassword(user.passwordHash, DEMO_PASSWORD));
    if (!verified.get(user.passwordHash)) continue;
    accounts.push({
      role: spec.role,
      roleLabel: roleLabels[spec.role],
      // e-mail first for everyone: the table is printed to the log, and a log line never carries a phone number
      login: spec.email ?? spec.phone!,
      password: DEMO_PASSWORD,
      displayName: spec.displayName,
      organName: spec.organCode ? (organNames.get(spec.organCode) ?? spec.organCode) : "",
    });
  }
  return { usersInserted, membershipsInserted, accounts };
}

/**
 * The demo committee (行政复议委员会, Art. 52(1)) of 呼和浩特市人民政府 with the demo members on its roster: experts and a
 * department member, with fields of expertise (app/domain/committee.ts). Only rows that are missing are written: a
 * roster an office head has since edited is left as it is.
 */
export const demoCommitteeSpec = {
  organCode: "150100",
  name: "呼和浩特市人民政府行政复议委员会",
  members: [
    { email: "member1@demo.nmg.example", kind: "expert", employer: "内蒙古大学法学院", employerOrganCode: null, fields: ["administrative_law", "market_regulation"] },
    { email: "member2@demo.nmg.example", kind: "department", employer: "呼和浩特市司法局", employerOrganCode: "150100-justice", fields: ["administrative_law", "justice"] },
    { email: "member3@demo.nmg.example", kind: "expert", employer: "内蒙古工业大学", employerOrganCode: null, fields: ["market_regulation", "ecology", "land"] },
  ],
} as const;

async function seedDemoCommittee(tx: Tx): Promise<{ committeesInserted: number; committeeMembersInserted: number }> {
  const codes = [demoCommitteeSpec.organCode, ...demoCommitteeSpec.members.flatMap((m) => (m.employerOrganCode ? [m.employerOrganCode] : []))];
  const organIds = new Map(
    (await tx.select({ id: organs.id, code: organs.code }).from(organs).where(inArray(organs.code, codes))).map((o) => [o.code, o.id]),
  );
  const organId = organIds.get(demoCommitteeSpec.organCode);
  if (!organId) throw new Error(`seed: demo organ ${demoCommitteeSpec.organCode} is missing`);
  const created = await tx
    .insert(committees)
    .values({ organId, name: demoCommitteeSpec.name })
    .onConflictDoNothing({ target: committees.organId })
    .returning({ id: committees.id });
  const [committee] = await tx.select({ id: committees.id }).from(committees).where(eq(committees.organId, organId));
  const memberUsers = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, demoCommitteeSpec.members.map((m) => m.email)));
  const rows = demoCommitteeSpec.members.flatMap((m) => {
    const user = memberUsers.find((u) => u.email === m.email);
    if (!user) return [];
    return [
      {
        committeeId: committee.id,
        userId: user.id,
        kind: m.kind,
        employer: m.employer,
        employerOrganId: m.employerOrganCode ? (organIds.get(m.employerOrganCode) ?? null) : null,
        fields: [...m.fields],
      },
    ];
  });
  const inserted = rows.length
    ? await tx
        .insert(committeeMembers)
        .values(rows)
        .onConflictDoNothing({ target: [committeeMembers.committeeId, committeeMembers.userId] })
        .returning({ id: committeeMembers.id })
    : [];
  return { committeesInserted: created.length, committeeMembersInserted: inserted.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Printing the demo accounts

/** Display width in a terminal: CJK and full-width characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** A plain-text table of the demo accounts for the server's start-up banner. */
export function formatDemoAccounts(accounts: readonly DemoAccount[]): string {
  if (accounts.length === 0) return "（无演示账号 / no demo accounts）";
  const header = ["角色 Role", "登录名 Login", "密码 Password", "姓名 Name", "单位 Organ"];
  const rows = accounts.map((a) => [a.roleLabel, a.login, a.password, a.displayName, a.organName || "—"]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i]))).join("  ")}`.trimEnd();
  const rule = `  ${widths.map((w) => "-".repeat(w)).join("  ")}`;
  return [
    line(header),
    rule,
    ...rows.map(line),
    "",
    "  工作人员首次登录时须绑定身份验证器（TOTP 双因素认证）。 Staff enrol a TOTP authenticator at their first login.",
    "  仅供演示：生产环境（NODE_ENV=production）不会创建这些账号。 Demo only: never created when NODE_ENV=production.",
  ].join("\n");
}
