// Issue 4, reqs. 7 and 8 through the route modules themselves (loader/action with real Requests, sessions and CSRF):
// the mediation request lands in the dispute center of the chosen 旗县, a replayed submission key gives the same case,
// bad input answers 400 and writes nothing, the receipt is the filer's alone, and /verify checks a receipt.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { caseParties, cases, organs, sessions, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { createSession, loadUser, sessionCookieName, type CurrentUser } from "~/services/session.server";
import * as applyMediation from "~/routes/apply.mediation";
import * as receiptRoute from "~/routes/my.cases.$caseNumber_.receipt";
import * as verifyRoute from "~/routes/verify";
import { mediationCategories } from "~/domain/mediation-request";
import { zhCN } from "~/locales/all.server";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
const context = { requestId: "test", cspNonce: "nonce", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };

interface Visitor {
  user: CurrentUser;
  cookie: string;
  csrf: string;
}
let owner: Visitor;
let stranger: Visitor;

async function signIn(email: string): Promise<Visitor> {
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const user = (await loadUser(t.db, row.id))!;
  const s = await createSession(t.db, { user, twoFactorDone: true, now: new Date() });
  const [sess] = await t.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, s.id));
  return { user, cookie: `${sessionCookieName()}=${s.token}`, csrf: sess.csrf };
}

beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  owner = await signIn("citizen1@demo.nmg.example");
  stranger = await signIn("citizen2@demo.nmg.example");
});
afterAll(() => setDatabase(undefined));

// ---- helpers: what a route answered (a Response, a thrown Response, data() with a status, or plain data)

type Answer = { status: number; location?: string; body?: any };
async function run(fn: () => Promise<unknown>): Promise<Answer> {
  try {
    return toAnswer(await fn());
  } catch (thrown) {
    return toAnswer(thrown);
  }
}
function toAnswer(value: unknown): Answer {
  if (value instanceof Response) return { status: value.status, location: value.headers.get("location") ?? undefined };
  if (value && typeof value === "object" && "init" in value && "data" in value) {
    const v = value as { data: unknown; init: { status?: number } | null };
    return { status: v.init?.status ?? 200, body: v.data };
  }
  if (value instanceof Error) throw value;
  return { status: 200, body: value };
}

function get(path: string, visitor?: Visitor): Request {
  return new Request(`http://localhost${path}`, { headers: visitor ? { cookie: visitor.cookie } : {} });
}
function post(path: string, visitor: Visitor, fields: Record<string, string>): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie: visitor.cookie, "content-type": "application/x-www-form-urlencoded" },
  });
}

let keyCounter = 0;
const freshKey = () => `test-key-${Date.now().toString(36)}-${(keyCounter++).toString().padStart(6, "0")}`;

function validForm(visitor: Visitor, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const form: Record<string, string | undefined> = {
    csrf: visitor.csrf,
    category: "consumer_rights",
    divisionCode: "150102",
    applicantName: "张海峰",
    applicantPhone: "138 0000 0001",
    otherPartyKind: "organisation",
    otherPartyName: "某商贸有限公司",
    otherPartyContact: "0471-1234567",
    happened: "2026年11月在该公司购买的电热水壶漏电，要求退货被拒绝。",
    wantedOutcome: "退货退款",
    consent: "yes",
    electronicServiceConsent: "yes",
    submissionKey: freshKey(),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => e[1] !== undefined));
}

const submit = (visitor: Visitor, fields: Record<string, string>) =>
  run(() => applyMediation.action({ request: post("/apply/mediation", visitor, fields), context, params: {} } as never));
const caseCount = () => t.db.$count(cases);
const caseNumberOf = (location: string) => decodeURIComponent(location.match(/^\/my\/cases\/([^/]+)\/receipt$/)![1]);

describe(`the mediation request page (${engineName()})`, () => {
  it("asks an anonymous visitor to log in and comes back with the channel finder's category", async () => {
    const a = await run(() => applyMediation.loader({ request: get("/apply/mediation?category=traffic_accident"), context, params: {} } as never));
    expect(a.status).toBe(302);
    const back = new URL(a.location!, "http://localhost");
    expect(back.pathname).toBe("/login");
    expect(back.searchParams.get("redirectTo")).toBe("/apply/mediation?category=traffic_accident");
  });

  it("pre-fills the category from the query, name and phone from the account, and a fresh submission key", async () => {
    const a = await run(() => applyMediation.loader({ request: get("/apply/mediation?category=traffic_accident", owner), context, params: {} } as never));
    expect(a.status).toBe(200);
    const { initial, leagues } = a.body;
    expect(initial.category).toBe("traffic_accident");
    expect(initial.applicantName).toBe(owner.user.displayName);
    expect(initial.applicantPhone).toBe(owner.user.phone);
    expect(initial.submissionKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const again = await run(() => applyMediation.loader({ request: get("/apply/mediation", owner), context, params: {} } as never));
    expect(again.body.initial.submissionKey).not.toBe(initial.submissionKey);
    // the picker: 盟市 with their 旗县 (呼和浩特市 → 新城区 150102)
    const hohhot = leagues.find((l: { code: string }) => l.code === "150100");
    expect(hohhot.counties.map((c: { code: string }) => c.code)).toContain("150102");
    // an unknown category in the query is ignored
    const bogus = await run(() => applyMediation.loader({ request: get("/apply/mediation?category=status", owner), context, params: {} } as never));
    expect(bogus.body.initial.category).toBe("");
  });

  it("every category of req. 8 has its Chinese label (the page builds the keys from the schema's list)", () => {
    const labels = mediationCategories.map((c) => (zhCN as Record<string, string>)[`mediation.category.${c}`]);
    expect(labels).toEqual(["消费者权益", "交通事故赔偿", "治安纠纷", "环境污染", "社会保障", "房屋征收", "知识产权", "农村土地承包", "其他"]);
  });

  it("a valid request → 303 to its receipt; the case sits in the dispute center of the chosen 旗县", async () => {
    const a = await submit(owner, validForm(owner));
    expect(a.status).toBe(303);
    const caseNumber = caseNumberOf(a.location!);
    expect(caseNumber).toMatch(/^TJ\d{4}-150102-CENTER-\d{5}$/);
    const [row] = await t.db
      .select({ id: cases.id, organId: cases.organId, machine: cases.machine, filedBy: cases.filedBy, filing: cases.filing, category: cases.category })
      .from(cases)
      .where(eq(cases.caseNumber, caseNumber));
    const [center] = await t.db.select({ id: organs.id }).from(organs).where(eq(organs.code, "150102-center"));
    expect(row).toMatchObject({ organId: center.id, machine: "mediation", filedBy: owner.user.id, category: "consumer_rights" });
    expect(JSON.stringify(row.filing)).not.toContain(owner.csrf);
    const parties = await t.db.select({ role: caseParties.role, name: caseParties.name }).from(caseParties).where(eq(caseParties.caseId, row.id));
    expect(parties).toEqual(expect.arrayContaining([{ role: "applicant", name: "张海峰" }, { role: "other_party", name: "某商贸有限公司" }]));
  });

  it("a 盟市 itself can be chosen: the request goes to its city-level center", async () => {
    const a = await submit(owner, validForm(owner, { divisionCode: "150100" }));
    expect(a.status).toBe(303);
    const [row] = await t.db.select({ organId: cases.organId }).from(cases).where(eq(cases.caseNumber, caseNumberOf(a.location!)));
    const [center] = await t.db.select({ id: organs.id }).from(organs).where(eq(organs.code, "150100-center"));
    expect(row.organId).toBe(center.id);
  });

  it("the same submission key posted twice gives the same case, written once", async () => {
    const form = validForm(owner);
    const first = await submit(owner, form);
    const second = await submit(owner, form);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.location).toBe(first.location);
    const rows = await t.db.select({ id: cases.id }).from(cases).where(and(eq(cases.filedBy, owner.user.id), eq(cases.idempotencyKey, form.submissionKey)));
    expect(rows).toHaveLength(1);
  });

  it("without consent to mediation → 400 with the error next to the field, values kept, csrf not echoed, nothing written", async () => {
    const before = await caseCount();
    const form = validForm(owner, { consent: undefined });
    const a = await submit(owner, form);
    expect(a.status).toBe(400);
    expect(a.body.errors.consent).toBe("errors.mediationConsentRequired");
    expect(a.body.values.happened).toBe(form.happened);
    expect(a.body.values.submissionKey).toBe(form.submissionKey);
    expect(a.body.values).not.toHaveProperty("csrf");
    expect(JSON.stringify(a.body)).not.toContain(owner.csrf);
    expect(await caseCount()).toBe(before);
  });

  it("several errors at once, each under its field name", async () => {
    const before = await caseCount();
    const a = await submit(owner, validForm(owner, { divisionCode: "", applicantPhone: "12", electronicServiceConsent: undefined }));
    expect(a.status).toBe(400);
    expect(a.body.errors).toMatchObject({
      divisionCode: "errors.divisionRequired",
      applicantPhone: "errors.phoneInvalid",
      electronicServiceConsent: "errors.answerRequired",
    });
    expect(await caseCount()).toBe(before);
  });

  it("an extra field (status, caseNumber) → 400 and nothing written; the extra field is not echoed", async () => {
    const before = await caseCount();
    for (const extra of [{ status: "ACCEPTED" }, { caseNumber: "TJ2026-150102-CENTER-99999" }] as Record<string, string>[]) {
      const a = await submit(owner, { ...validForm(owner), ...extra });
      expect(a.status).toBe(400);
      expect(a.body.formError).toBe("errors.badRequest");
      expect(Object.keys(a.body.values)).not.toContain(Object.keys(extra)[0]);
    }
    expect(await caseCount()).toBe(before);
  });

  it("a tampered submission key → 400, and the form gets a fresh valid key back", async () => {
    const a = await submit(owner, validForm(owner, { submissionKey: "short" }));
    expect(a.status).toBe(400);
    expect(a.body.formError).toBe("errors.badRequest");
    expect(a.body.values.submissionKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("a post without the session's CSRF token → 403, nothing written", async () => {
    const before = await caseCount();
    const a = await submit(owner, validForm(owner, { csrf: stranger.csrf }));
    expect(a.status).toBe(403);
    expect(await caseCount()).toBe(before);
  });
});

describe(`the receipt and /verify (${engineName()})`, () => {
  let caseNumber = "";
  let contentHash = "";
  beforeAll(async () => {
    const a = await submit(owner, validForm(owner, { category: "environmental_pollution", divisionCode: "150102" }));
    caseNumber = caseNumberOf(a.location!);
    const [row] = await t.db.select({ contentHash: cases.contentHash }).from(cases).where(eq(cases.caseNumber, caseNumber));
    contentHash = row.contentHash!;
  });
  const receipt = (visitor: Visitor | undefined, number: string) =>
    run(() => receiptRoute.loader({ request: get(`/my/cases/${encodeURIComponent(number)}/receipt`, visitor), context, params: { caseNumber: number } } as never));
  const verify = (query: string) => run(() => verifyRoute.loader({ request: get(`/verify${query}`), context, params: {} } as never));

  it("the owner's receipt: case number, Beijing receive time, center, triage due date with explanation, the hash", async () => {
    expect(contentHash).toMatch(/^[0-9a-f]{64}$/);
    const a = await receipt(owner, caseNumber);
    expect(a.status).toBe(200);
    const r = a.body;
    expect(r).toMatchObject({ kind: "mediation", caseNumber, contentHash, files: 0, organName: expect.stringContaining("矛盾纠纷多元化解中心") });
    // the receive time on the Beijing clock (UTC+8)
    const received = new Date(r.receivedAtIso);
    const beijing = new Date(received.getTime() + 8 * 3_600_000);
    expect(r.receivedAt).toMatchObject({ y: beijing.getUTCFullYear(), m: beijing.getUTCMonth() + 1, d: beijing.getUTCDate(), hh: String(beijing.getUTCHours()).padStart(2, "0") });
    expect(r.deadline).toMatchObject({ kind: "mediation_triage", dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(r.deadline.explanation.some((s: { step: string }) => s.step === "due")).toBe(true);
    expect(r.verifyUrl).toBe("http://localhost/verify");
  });

  it("another citizen, an unknown or a malformed case number → 404; an anonymous visitor → login", async () => {
    expect((await receipt(stranger, caseNumber)).status).toBe(404);
    expect((await receipt(owner, caseNumber.replace(/\d{5}$/, "99999"))).status).toBe(404);
    expect((await receipt(owner, "not-a-case")).status).toBe(404);
    const anon = await receipt(undefined, caseNumber);
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login\?redirectTo=/);
  });

  it("/verify with the right hash (as printed: groups of eight, any case) → match, with time and organ only", async () => {
    const printed = contentHash.toUpperCase().match(/.{8}/g)!.join(" ");
    const a = await verify(`?${new URLSearchParams({ caseNumber: caseNumber.toLowerCase(), hash: printed })}`);
    expect(a.status).toBe(200);
    expect(a.body.result).toMatchObject({ status: "match", recordIntact: true, organName: expect.stringContaining("矛盾纠纷多元化解中心") });
    // nothing personal: no names, phone numbers or the dispute itself
    const text = JSON.stringify(a.body.result);
    for (const personal of ["张海峰", "13800000001", "某商贸有限公司", "漏电"]) expect(text).not.toContain(personal);
  });

  it("/verify with a wrong hash → mismatch; an unknown case number → not found", async () => {
    const wrong = contentHash.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    expect((await verify(`?${new URLSearchParams({ caseNumber, hash: wrong })}`)).body.result).toEqual({ status: "mismatch" });
    const unknown = caseNumber.replace(/\d{5}$/, "99999");
    expect((await verify(`?${new URLSearchParams({ caseNumber: unknown, hash: contentHash })}`)).body.result).toEqual({ status: "unknown" });
  });

  it("/verify with garbage → 400 with a message per field, never a 500; without a query → the empty form", async () => {
    const a = await verify(`?${new URLSearchParams({ caseNumber: "'; drop table cases; --", hash: "xyz" })}`);
    expect(a.status).toBe(400);
    expect(a.body.errors).toEqual({ caseNumber: "verify.error.caseNumber", hash: "verify.error.hash" });
    expect(a.body.result).toBeNull();
    const long = await verify(`?caseNumber=${"F".repeat(5000)}&hash=${"a".repeat(5000)}`);
    expect(long.status).toBe(400);
    const onlyHash = await verify(`?hash=${contentHash}`);
    expect(onlyHash.status).toBe(400);
    expect(onlyHash.body.errors).toEqual({ caseNumber: "verify.error.caseNumber" });
    const empty = await verify("");
    expect(empty.status).toBe(200);
    expect(empty.body.result).toBeNull();
  });

  it("/verify warns when the record was changed after filing (the hash no longer recomputes)", async () => {
    const [row] = await t.db.select({ id: cases.id, filing: cases.filing }).from(cases).where(eq(cases.caseNumber, caseNumber));
    await t.db
      .update(cases)
      .set({ filing: { ...(row.filing as Record<string, unknown>), wantedOutcome: "改过的请求" } })
      .where(eq(cases.id, row.id));
    const a = await verify(`?${new URLSearchParams({ caseNumber, hash: contentHash })}`);
    expect(a.body.result).toMatchObject({ status: "match", recordIntact: false });
  });
});
