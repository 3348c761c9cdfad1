// The /guide loader on a seeded database: a banner department picked as respondent → the banner government is the
// competent organ (Art. 24(1)(1)) and the last day to apply is computed from the stored calendar (Art. 20); the organ
// search answers with radio-button data; every kind of bad query value → a 400 page with errors, never a throw.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { organs } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import type { Recommendation } from "~/domain/guide";
import { loader } from "~/routes/guide";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
const ids = new Map<string, string>();
beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  for (const code of ["150121", "150121-market", "150121-center"]) {
    const [row] = await t.db.select({ id: organs.id }).from(organs).where(eq(organs.code, code));
    ids.set(code, row.id);
  }
});
afterAll(() => setDatabase(undefined));

const context = { requestId: "test", cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };

type PageData = {
  values: Record<string, string>;
  errors: Record<string, string>;
  questions: string[];
  organs: { id: string; name: string }[];
  respondent: { id: string; name: string } | null;
  outcome: null | { complete: true; primary: Recommendation; alternatives: Recommendation[] };
};
async function page(query: string | URLSearchParams): Promise<{ status: number; data: PageData }> {
  const value = (await loader({ request: new Request(`http://localhost/guide?${query.toString()}`), context, params: {} } as never)) as unknown;
  if (value && typeof value === "object" && "init" in value && "data" in value) {
    const v = value as { data: PageData; init: { status?: number } | null };
    return { status: v.init?.status ?? 200, data: v.data };
  }
  return { status: 200, data: value as PageData };
}

describe(`GET /guide (${engineName()})`, () => {
  it("without answers asks the first question", async () => {
    const { status, data } = await page("");
    expect(status).toBe(200);
    expect(data.questions).toEqual(["situation"]);
    expect(data.outcome).toBeNull();
  });

  it("a banner department as respondent → the banner government hears the case, with a last day and a pre-filled link", async () => {
    const today = todayInShanghai(new Date());
    const market = ids.get("150121-market")!;
    const q = new URLSearchParams({
      situation: "act",
      actKind: "penalty",
      onTheSpot: "no",
      sued: "no",
      learnedOn: today,
      informed: "yes",
      respondent: market,
      asked: "situation,actKind,onTheSpot,sued,learnedOn,informed,rightLearnedOn,respondent",
    });
    const { status, data } = await page(q);
    expect(status).toBe(200);
    expect(data.respondent).toEqual({ id: market, name: "土默特左旗市场监督管理局" });
    const r = data.outcome!.primary;
    expect(r.channel).toBe("reconsideration");
    expect(r.reconsideration!.competent).toMatchObject({
      organ: { id: ids.get("150121"), name: "土默特左旗人民政府" },
      reasonKey: "competent.department",
      article: "《行政复议法》第二十四条第一款第一项",
    });
    // 60 calendar days from today, possibly rolled past a weekend or holiday (at most the 9-day Spring Festival break)
    const due = r.reconsideration!.deadline!.due;
    expect(due >= addCalendarDays(today, 60) && due <= addCalendarDays(today, 70), due).toBe(true);
    expect(r.reconsideration!.deadline!.passed).toBe(false);
    expect(r.reconsideration!.deadline!.explanation.length).toBeGreaterThan(0);
    const link = new URL(r.link!, "http://localhost");
    expect(link.pathname).toBe("/apply/reconsideration");
    expect(Object.fromEntries(link.searchParams)).toEqual({
      respondent: market,
      actKind: "penalty",
      learnedOn: today,
      informed: "yes",
      onTheSpotPenalty: "no",
      failureToAct: "no",
    });
  });

  it("the organ search lists administrative organs only (results become radio buttons), and unanswered questions are not errors then", async () => {
    const q = new URLSearchParams({
      situation: "act",
      actKind: "penalty",
      respondentQ: "土默特左旗 市场",
      do: "search",
      asked: "situation,actKind,onTheSpot,sued,learnedOn,informed,rightLearnedOn,respondent",
    });
    const { status, data } = await page(q);
    expect(status).toBe(200);
    expect(data.errors).toEqual({});
    expect(data.organs.map((o) => o.name)).toContain("土默特左旗市场监督管理局");
    // a dispute center is not a respondent
    expect(data.organs.map((o) => o.id)).not.toContain(ids.get("150121-center"));
    expect(data.questions).toContain("respondent");
  });

  it("a value left over from another branch is ignored, not an error nobody could see", async () => {
    const { status, data } = await page("situation=complaint&actKind=speeding&learnedOn=garbage&asked=situation,actKind,learnedOn");
    expect(status).toBe(200);
    expect(data.outcome!.primary.channel).toBe("petition");
  });

  it("a civil consumer dispute → administrative mediation with the pre-filled request", async () => {
    const { status, data } = await page("situation=civil&civilCategory=consumer_rights&asked=situation,civilCategory");
    expect(status).toBe(200);
    expect(data.outcome!.primary.channel).toBe("administrative_mediation");
    expect(data.outcome!.primary.link).toBe("/apply/mediation?category=consumer_rights");
  });

  it.each([
    ["an unknown situation", "situation=lawsuit", { situation: "errors.guideSituationRequired" }],
    ["an unknown act kind", "situation=act&actKind=speeding", { actKind: "errors.actKindRequired" }],
    ["an impossible date", "situation=act&actKind=penalty&onTheSpot=no&sued=no&learnedOn=2026-02-30&informed=yes", { learnedOn: "errors.dateNotExist" }],
    ["a malformed organ id", "situation=act&actKind=penalty&respondent=1%20or%201%3D1", { respondent: "errors.organInvalid" }],
    ["an organ id that does not exist", "situation=act&actKind=penalty&respondent=00000000-0000-4000-8000-000000000000", { respondent: "errors.organInvalid" }],
    ["a search text that is too long", `situation=act&actKind=penalty&respondentQ=${"机".repeat(80)}`, { respondentQ: "errors.textTooLong" }],
    ["a control character in the search", "situation=act&actKind=penalty&respondentQ=%00abc", { respondentQ: "errors.textInvalid" }],
    ["questions shown and left unanswered", "situation=act&asked=situation,actKind", { actKind: "errors.actKindRequired" }],
  ])("%s → 400 with errors, no recommendation", async (_label, query, errors) => {
    const { status, data } = await page(query);
    expect(status).toBe(400);
    expect(data.errors).toEqual(errors);
    expect(data.outcome).toBeNull();
  });

  it("a huge or repeated query never throws and echoes only short values", async () => {
    const q = `situation=${"x".repeat(5000)}&situation=act&learnedOn=${"9".repeat(3000)}&asked=${"a,".repeat(2000)}`;
    const { status, data } = await page(q);
    expect(status).toBe(400);
    expect(Object.values(data.values).every((v) => v.length <= 60)).toBe(true);
  });
});
