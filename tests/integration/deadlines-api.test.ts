// GET /api/v1/deadlines and the /tools/application-deadline page on a real database (the seeded calendar_days and
// settings tables): good answers, every kind of bad input → 400 with a Chinese / English message (never a 500), and a
// change of the calendar or of a setting is seen by the next request.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { calendarDays, settings } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { todayInShanghai } from "~/domain/calendar";
import { loadCalendar, loadSettings } from "~/services/calendar.server";
import { loader as apiLoader } from "~/routes/api.v1.deadlines";
import { loader as pageLoader } from "~/routes/tools.application-deadline";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: false });
});
afterAll(() => setDatabase(undefined));

const context = { requestId: "test", cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };

async function api(query: string): Promise<{ status: number; body: Record<string, unknown>; type: string | null }> {
  const response = (await apiLoader({ request: new Request(`http://localhost/api/v1/deadlines${query}`), context, params: {} } as never)) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, type: response.headers.get("content-type") };
}

type PageData = { today: string; values: Record<string, string>; errors: Record<string, string>; result: null | { due: string; passed: boolean; daysLeft: number; rule: string; explanation: unknown[] } };
async function page(query: string): Promise<{ status: number; data: PageData }> {
  const value = (await pageLoader({ request: new Request(`http://localhost/tools/application-deadline${query}`), context, params: {} } as never)) as unknown;
  // data(x, { status }) comes back as { type: "DataWithResponseInit", data, init }
  if (value && typeof value === "object" && "init" in value && "data" in value) {
    const v = value as { data: PageData; init: { status?: number } | null };
    return { status: v.init?.status ?? 200, data: v.data };
  }
  return { status: 200, data: value as PageData };
}

describe(`GET /api/v1/deadlines (${engineName()})`, () => {
  it.each([
    // DOMAIN.md 11, the four worked examples, on the seeded calendar and default settings
    ["acceptance_review", "2026-02-12", "2026-02-26"],
    ["acceptance_review", "2026-09-28", "2026-10-10"],
    ["decision", "2026-09-01", "2026-11-02"],
    ["decision", "2026-08-07", "2026-10-08"],
    // 1 year from the leap day (Civil Code Art. 202); 60 CD rolling out of 2024 春节 onto make-up Sun 02-18
    ["application_uninformed", "2024-02-29", "2025-02-28"],
    ["application", "2023-12-12", "2024-02-18"],
    ["suspension_60", "2025-11-03", "2026-01-04"],
  ])("%s from %s → %s", async (period, from, due) => {
    const r = await api(`?period=${period}&from=${from}`);
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/json; charset=utf-8");
    expect(Object.keys(r.body).sort()).toEqual(["basis", "due", "explanation", "from", "length", "period", "provisional", "unit"]);
    expect(r.body).toMatchObject({ period, from, due, provisional: false });
  });

  it("answers the whole shape, with each explanation step readable by machines and people", async () => {
    const r = await api("?period=acceptance_review&from=2026-02-12");
    expect(r.body).toMatchObject({ unit: "working_day", length: 5, basis: "《行政复议法》第三十条第一款、第八十八条第二款" });
    const steps = r.body.explanation as Array<Record<string, unknown>>;
    expect(steps.map((s) => s.step)).toEqual(["period", "start", "makeup_counted", "skip", "counted", "due"]);
    expect(steps[3]).toMatchObject({ step: "skip", first: "2026-02-15", last: "2026-02-23", count: 9, reason: "holiday", name: "春节" });
    for (const s of steps) {
      expect(s.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(typeof s.en).toBe("string");
    }
  });

  it("marks a date in a year without a published notice as provisional", async () => {
    const r = await api("?period=suit_after_decision&from=2026-12-17");
    expect(r.body).toMatchObject({ due: "2027-01-01", provisional: true });
    expect((r.body.explanation as Array<{ step: string }>).some((s) => s.step === "provisional")).toBe(true);
  });

  it.each([
    ["", "缺少参数 period"],
    ["?from=2026-03-02", "The parameter period is missing"],
    ["?period=&from=2026-03-02", "缺少参数 period"],
    ["?period=nope&from=2026-03-02", "未知的期间类型"],
    ["?period=__proto__&from=2026-03-02", "Unknown period"],
    ["?period=performance_period&from=2026-03-02", "由文书确定"],
    ["?period=decision", "缺少参数 from"],
    ["?period=decision&from=", "缺少参数 from"],
    ["?period=decision&from=2024-02-30", "不是有效日期"],
    ["?period=decision&from=2025-02-29", "not a valid date"],
    ["?period=decision&from=2026-3-2", "不是有效日期"],
    ["?period=decision&from=02%2F03%2F2026", "不是有效日期"],
    ["?period=decision&from=%E4%BB%8A%E5%A4%A9", "不是有效日期"],
    ["?period=decision&from=1999-12-31", "2000-01-01"],
    ["?period=decision&from=2100-01-01", "2099-12-31"],
    ["?period=decision&from=0000-01-01", "不是有效日期"],
    ["?period=decision&from=9999-12-31", "2099-12-31"],
  ])("%s → 400 with the reason in Chinese / English", async (query, fragment) => {
    const r = await api(query);
    expect(r.status).toBe(400);
    expect(Object.keys(r.body)).toEqual(["error"]);
    const error = String(r.body.error);
    expect(error).toContain(fragment);
    expect(error).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [A-Za-z]/); // "<Chinese> / <English>"
  });

  it("never a 500: random junk in the query answers 200 or 400", async () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ["decision", "application", "2026-", "02-", "29", "30", "-", "%", "%00", "&", "=", "period", "from", "年", " ", "9999", "0", "\u0000", "../", "<x>"];
    for (let i = 0; i < 150; i++) {
      const junk = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
      const query = rand() < 0.5 ? `?period=decision&from=${encodeURIComponent(junk)}` : `?${junk}`;
      let status: number;
      try {
        status = (await api(query)).status;
      } catch {
        status = -1; // a URL the Request constructor refuses never reaches the server
        expect(() => new Request(`http://localhost/api/v1/deadlines${query}`)).toThrow();
      }
      expect([200, 400, -1], query).toContain(status);
    }
  });

  it("a calendar change is seen: a holiday row moves the due date, deleting it moves it back", async () => {
    // 5 WD from Mon 2026-03-02: 03, 04, 05, 06, 09 → with a rest day on Thu 03-05: 03, 04, 06, 09, 10
    expect((await api("?period=acceptance_review&from=2026-03-02")).body.due).toBe("2026-03-09");
    await t.db.insert(calendarDays).values({ region: "150000", day: "2026-03-05", kind: "holiday", name: "测试假日", source: "test" });
    const moved = await api("?period=acceptance_review&from=2026-03-02");
    expect(moved.body.due).toBe("2026-03-10");
    expect((moved.body.explanation as Array<Record<string, unknown>>).find((s) => s.step === "skip" && s.name === "测试假日")).toBeDefined();
    await t.db.delete(calendarDays).where(and(eq(calendarDays.region, "150000"), eq(calendarDays.day, "2026-03-05")));
    expect((await api("?period=acceptance_review&from=2026-03-02")).body.due).toBe("2026-03-09");
    // a national row too: the region's calendar includes CN
    await t.db.insert(calendarDays).values({ region: "CN", day: "2026-03-06", kind: "holiday", name: "测试", source: "test" });
    expect((await api("?period=acceptance_review&from=2026-03-02")).body.due).toBe("2026-03-10");
    await t.db.delete(calendarDays).where(and(eq(calendarDays.region, "CN"), eq(calendarDays.day, "2026-03-06")));
  });

  it("a settings change is seen: countMakeupWorkdays off moves worked example 1 to Fri 02-27", async () => {
    await t.db.update(settings).set({ value: false }).where(eq(settings.key, "countMakeupWorkdays"));
    try {
      expect((await api("?period=acceptance_review&from=2026-02-12")).body.due).toBe("2026-02-27");
      expect((await loadSettings(t.db)).countMakeupWorkdays).toBe(false);
    } finally {
      await t.db.update(settings).set({ value: true }).where(eq(settings.key, "countMakeupWorkdays"));
    }
    expect((await api("?period=acceptance_review&from=2026-02-12")).body.due).toBe("2026-02-26");
  });

  it("loadCalendar builds the domain calendar from the rows: national days, the region's overlay, 2024–2026 published", async () => {
    const calendar = await loadCalendar(t.db);
    expect(calendar.region).toBe("150000");
    expect([...calendar.publishedYears].sort()).toEqual([2024, 2025, 2026]);
    expect(calendar.entryCount).toBe(108);
  });
});

describe(`/tools/application-deadline loader (${engineName()})`, () => {
  it("without a query: the empty form, 200", async () => {
    const r = await page("");
    expect(r.status).toBe(200);
    expect(r.data.result).toBeNull();
    expect(r.data.errors).toEqual({});
    expect(r.data.today).toBe(todayInShanghai(new Date()));
  });
  it("told of the right, learned today: 60 days ahead, not passed", async () => {
    const today = todayInShanghai(new Date());
    const r = await page(`?learnedOn=${today}&informed=yes&rightLearnedOn=`);
    expect(r.status).toBe(200);
    expect(r.data.result).toMatchObject({ rule: "informed", passed: false });
    expect(r.data.result!.daysLeft).toBeGreaterThanOrEqual(60);
  });
  it("learned on 2026-03-02 and told: the last day was Wed 2026-05-06 (day 60 = 05-01, 劳动节 to 05-05)", async () => {
    const r = await page("?learnedOn=2026-03-02&informed=yes");
    expect(r.data.result).toMatchObject({ due: "2026-05-06", rule: "informed" });
    expect(r.data.result!.passed).toBe(todayInShanghai(new Date()) > "2026-05-06");
  });
  it("not told, right learned late: the one-year cap from learning of the act applies (Art. 20(3))", async () => {
    const r = await page("?learnedOn=2025-03-15&informed=no&rightLearnedOn=2026-02-20");
    expect(r.data.result).toMatchObject({ due: "2026-03-16", rule: "uninformed_capped" });
  });
  it.each([
    ["?learnedOn=&informed=", { learnedOn: "errors.learnedOnRequired", informed: "errors.informedRequired" }],
    ["?learnedOn=2024-02-30&informed=yes", { learnedOn: "errors.dateNotExist" }],
    ["?learnedOn=2026-13-01&informed=yes", { learnedOn: "errors.dateNotExist" }],
    ["?learnedOn=abc&informed=yes", { learnedOn: "errors.dateFormat" }],
    ["?learnedOn=1990-01-01&informed=yes", { learnedOn: "errors.dateOutOfRange" }],
    ["?learnedOn=2099-01-01&informed=yes", { learnedOn: "errors.dateFuture" }],
    ["?learnedOn=2026-03-02&informed=no", { rightLearnedOn: "errors.rightLearnedOnRequired" }],
    ["?learnedOn=2026-03-02&informed=no&rightLearnedOn=2026-03-01", { rightLearnedOn: "errors.rightBeforeAct" }],
    [`?learnedOn=${"9".repeat(5000)}&informed=${"%".repeat(3)}`, { learnedOn: "errors.dateFormat", informed: "errors.informedRequired" }],
  ])("%s → 400 with the error next to its field", async (query, errors) => {
    const r = await page(query);
    expect(r.status).toBe(400);
    expect(r.data.errors).toEqual(errors);
    expect(r.data.result).toBeNull();
    for (const v of Object.values(r.data.values)) expect(v.length).toBeLessThanOrEqual(40);
  });
});
