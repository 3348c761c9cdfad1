// The large-data seed (issue 8 req. 1, tests/bench/seed.ts) at a small size, on the engine under test: the case mix
// follows DOMAIN.md 14.16, every case has parties, states belong to their machine, next_due_date is the projection
// of the running deadlines, the audit chain (with the bulk-loaded case events) verifies, and numbers continue.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../db/audit";
import { caseStates, mediationStates } from "~/domain/machines";
import { nationalCaseMix } from "~/domain/statistics";
import { mixActKind, seedBench, benchStaffLogins, type SeedBenchResult } from "../bench/seed";
import { engineName, useTestDatabase } from "../support/db";

const CASES = 400;

const rows = async <T>(db: ReturnType<typeof useTestDatabase>["db"], q: ReturnType<typeof sql>): Promise<T[]> => {
  const r = await db.execute(q);
  return (Array.isArray(r) ? r : (r as unknown as { rows: T[] }).rows) as T[];
};

describe(`bench seed (${engineName()})`, () => {
  const t = useTestDatabase();
  let result: SeedBenchResult;

  beforeAll(async () => {
    result = await seedBench({ database: t.database, cases: CASES, progress: false });
  }, 120_000);

  it("writes the requested number of cases, with events, deadlines, documents and parties", async () => {
    expect(result.cases).toBe(CASES);
    expect(result.counts.cases).toBe(CASES);
    for (const table of ["case_parties", "deadlines", "case_documents", "audit_events"]) expect(result.counts[table]).toBeGreaterThan(CASES);
    const [m] = await rows<{ mediation: number }>(t.db, sql`select count(*)::int mediation from cases where machine = 'mediation'`);
    expect(m.mediation).toBeGreaterThan(CASES * 0.04);
    expect(m.mediation).toBeLessThan(CASES * 0.2);
  });

  it("spreads reconsideration cases over the act kinds in the national proportions (DOMAIN.md 14.16)", async () => {
    const cats = await rows<{ category: string; n: number }>(t.db, sql`select category, count(*)::int n from cases where machine = 'reconsideration' group by 1`);
    const total = cats.reduce((a, c) => a + c.n, 0);
    const share = (kind: string) => (cats.find((c) => c.category === kind)?.n ?? 0) / total;
    for (const line of nationalCaseMix) {
      const kind = mixActKind[line.en];
      expect(kind, line.en).toBeDefined();
      // 360-odd cases: a binomial share is within about ±7 points of its expectation
      expect(Math.abs(share(kind) - line.share), `${line.en} → ${kind}`).toBeLessThan(0.07);
    }
    expect(share("penalty")).toBeGreaterThan(share("information_disclosure"));
  });

  it("gives every case its parties, an applicant first", async () => {
    const [r] = await rows<{ without_parties: number; applicants: number }>(
      t.db,
      sql`select (select count(*)::int from cases c where not exists (select 1 from case_parties p where p.case_id = c.id)) as without_parties,
                 (select count(*)::int from cases c where exists (select 1 from case_parties p where p.case_id = c.id and p.role = 'applicant' and p.position = 0)) applicants`,
    );
    expect(r.without_parties).toBe(0);
    expect(r.applicants).toBe(CASES);
  });

  it("puts every case in a state of its machine, over the whole procedure", async () => {
    const states = await rows<{ machine: string; state: string; n: number }>(t.db, sql`select machine, state, count(*)::int n from cases group by 1, 2`);
    for (const s of states) {
      const known: readonly string[] = s.machine === "reconsideration" ? caseStates : mediationStates;
      expect(known, `${s.machine} ${s.state}`).toContain(s.state);
      expect(s.state).not.toBe("DRAFT");
    }
    const recon = new Set(states.filter((s) => s.machine === "reconsideration").map((s) => s.state));
    // finished cases and cases still under way
    for (const st of ["CLOSED", "NOT_ACCEPTED"]) expect(recon).toContain(st);
    expect([...recon].filter((st) => ["INTAKE_REVIEW", "ACCEPTED", "AWAITING_REPLY", "IN_REVIEW", "DECISION_DRAFTING", "DECISION_APPROVAL"].includes(st)).length).toBeGreaterThan(0);
    // the case's state column is the machine's state object
    const [mismatch] = await rows<{ n: number }>(t.db, sql`select count(*)::int n from cases where data->>'state' <> state or (data->>'version')::int <> version`);
    expect(mismatch.n).toBe(0);
  });

  it("keeps cases.next_due_date equal to the nearest due date of the running deadlines", async () => {
    const [r] = await rows<{ wrong: number; running: number }>(
      t.db,
      sql`select (select count(*)::int from cases c
                    left join (select case_id, min(due_date) m from deadlines where status = 'running' group by case_id) d on d.case_id = c.id
                    where c.next_due_date is distinct from d.m) wrong,
                 (select count(*)::int from deadlines where status = 'running') running`,
    );
    expect(r.running).toBeGreaterThan(0);
    expect(r.wrong).toBe(0);
    // and the trigger of migration 0007 is back on: a new running deadline moves the projection
    const [c] = await rows<{ id: string }>(t.db, sql`select id from cases where machine = 'reconsideration' limit 1`);
    await t.db.execute(sql`insert into deadlines (case_id, kind, basis, start_date, due_date, original_due_date, status, calendar_version)
                           values (${c.id}, 'bench_probe', 'test', '2000-01-01', '2000-01-02', '2000-01-02', 'running', 'test')`);
    const [after] = await rows<{ d: string }>(t.db, sql`select next_due_date::text d from cases where id = ${c.id}`);
    expect(after.d).toBe("2000-01-02");
    await t.db.execute(sql`delete from deadlines where kind = 'bench_probe'`);
  });

  it("leaves an audit chain that verifies, with the case events in it, and the chain trigger working after", async () => {
    const result = await verifyAuditChain(t.db);
    expect(result.ok).toBe(true);
    const [r] = await rows<{ n: number }>(t.db, sql`select count(*)::int n from audit_events where subject_type = 'case'`);
    expect(result.ok && result.rows).toBeGreaterThan(r.n);
    await t.db.execute(sql`insert into audit_events (action, subject_type) values ('bench.probe', 'test')`);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("continues the case-number and 文号 counters and creates the bench staff of 150100", async () => {
    const [r] = await rows<{ behind: number; docs: number }>(
      t.db,
      sql`select (select count(*)::int from case_documents d join document_number_counters c on c.organ_id = d.organ_id and c.kind = d.kind and c.year = d.year
                   where d.serial > c.last) behind,
                 (select count(*)::int from case_documents where number is not null) docs`,
    );
    expect(r.docs).toBeGreaterThan(0);
    expect(r.behind).toBe(0);
    const logins = benchStaffLogins();
    const staff = await rows<{ email: string; role: string; code: string; enrolled: boolean }>(
      t.db,
      sql`select u.email, m.role, o.code, u.totp_enabled_at is not null enrolled from users u join role_memberships m on m.user_id = u.id join organs o on o.id = m.organ_id
          where u.email = ${logins.staff[0]} or u.email = ${logins.heads[0]}`,
    );
    expect(staff.map((s) => [s.role, s.code, s.enrolled]).sort()).toEqual([
      ["office_head", "150100", true],
      ["reconsideration_staff", "150100", true],
    ]);
  });
});
