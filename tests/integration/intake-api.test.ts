// The intake API for other systems (issue 7 req. 5): POST /api/v1/intake with a client key, idempotent on the client's
// externalRef, rate-limited per client; GET /api/v1/intake/:externalRef for the client's own items; the OpenAPI
// document generated from the zod schemas. The item lands in the dispute center's triage queue (DOMAIN.md §16, 12.35)
// exactly as one a clerk enters at /center/new. Through the route modules, on the engine under test.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { apiClients, auditEvents, caseParties, cases, intakeRequests } from "../../db/schema/index";
import { IntakeRequestSchema, intakeChannels, schemaFieldPaths } from "~/domain/intake";
import * as intakeRoute from "~/routes/api.v1.intake";
import * as statusRoute from "~/routes/api.v1.intake_.$externalRef";
import * as openApiRoute from "~/routes/api.v1.openapi[.]json";
import { createApiClient, hashApiKey, revokeApiClient, takeRateToken } from "~/services/api-clients.server";
import { listPending, routeAsSuggested } from "~/services/center.server";
import type { CurrentUser } from "~/services/session.server";
import { engineName, useTestDatabase } from "../support/db";
import { caseRow, demoUser, organByCode, routeContext, seedDemo } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("intake-api-test");

let clerk: CurrentUser;
let hotline: { key: string; id: string; userId: string };
let petition: { key: string; id: string };
let center: { id: string; name: string };

async function newClient(name: string, options: { ratePerMinute?: number; burst?: number } = {}) {
  const r = await createApiClient({ name, centerCode: "150100-center", ...options });
  if (!r.ok) throw new Error(`client not created: ${r.reason}`);
  return { key: r.key, id: r.client.id, userId: r.client.userId, prefix: r.client.keyPrefix };
}

beforeAll(async () => {
  await seedDemo(t);
  clerk = await demoUser("clerk");
  center = await organByCode("150100-center");
  hotline = await newClient("12345热线");
  petition = await newClient("信访局");
});
afterAll(() => setDatabase(undefined));

function body(ref: string, overrides: Record<string, unknown> = {}) {
  return {
    externalRef: ref,
    channel: "hotline_12345",
    category: "consumer_rights",
    parties: {
      applicant: { name: "王五", phone: "13800138002" },
      otherParty: { kind: "organisation", name: "某商场" },
    },
    description: "购买的电视机有质量问题，商场拒绝退货。",
    wantedOutcome: "退货退款",
    consent: true,
    ...overrides,
  };
}

interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, any>;
}

async function answer(response: unknown): Promise<Answer> {
  const r = response as Response;
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

function post(key: string | null, payload: unknown, headers: Record<string, string> = {}) {
  const request = new Request("http://localhost/api/v1/intake", {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
  return intakeRoute.action({ request, params: {}, context } as never).then(answer);
}

function status(key: string | null, ref: string) {
  const request = new Request(`http://localhost/api/v1/intake/${encodeURIComponent(ref)}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return statusRoute.loader({ request, params: { externalRef: ref }, context } as never).then(answer);
}

const counts = async () => ({ cases: await t.db.$count(cases), intake: await t.db.$count(intakeRequests), events: await t.db.$count(auditEvents) });

describe(`intake API: keys (${engineName()})`, () => {
  it("no key, a malformed key, and a well-formed key with a wrong secret answer 401 with a JSON error in Chinese and English", async () => {
    const before = await counts();
    const none = await post(null, body("K-1"));
    expect(none.status).toBe(401);
    expect(none.json.error).toMatchObject({ code: "missing_key" });
    expect(none.json.error.zh).toContain("Authorization: Bearer");
    expect(none.headers.get("www-authenticate")).toContain("Bearer");

    const malformed = await post("not-a-key", body("K-1"));
    expect(malformed.status).toBe(401);
    expect(malformed.json.error).toEqual({ code: "invalid_key", zh: "接口密钥无效", en: "Invalid API key" });

    // the real prefix with another secret: found by prefix, refused by the hash comparison
    const forged = `${hotline.key.slice(0, 13)}${"A".repeat(43)}`;
    expect(forged).not.toBe(hotline.key);
    const wrong = await post(forged, body("K-1"));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe("invalid_key");
    expect(await counts()).toEqual(before);
  });

  it("only the key's SHA-256 is stored, with its prefix for display", async () => {
    const [row] = await t.db.select().from(apiClients).where(eq(apiClients.id, hotline.id));
    expect(row.keyHash).toBe(hashApiKey(hotline.key));
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(hotline.key.startsWith(`${row.keyPrefix}_`)).toBe(true);
    expect(JSON.stringify(row)).not.toContain(hotline.key.slice(14));
  });

  it("a revoked key answers 401 (revoked_key), for POST and for GET, and writes nothing", async () => {
    const doomed = await newClient("即将吊销");
    expect((await post(doomed.key, body("R-1"))).status).toBe(201);
    expect(await revokeApiClient({ keyPrefix: doomed.prefix })).toBe(true);
    expect(await revokeApiClient({ keyPrefix: doomed.prefix })).toBe(false); // already revoked
    const before = await counts();
    const refused = await post(doomed.key, body("R-2"));
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe("revoked_key");
    expect(refused.json.error.zh).toContain("已被吊销");
    expect(refused.json.error.en).toContain("revoked");
    expect((await status(doomed.key, "R-1")).status).toBe(401);
    expect(await counts()).toEqual(before);
  });
});

describe(`intake API: items (${engineName()})`, () => {
  let caseNumber: string;

  it("a new item answers 201 {caseNumber, status, receivedAt} and waits pending in the center's queue like a clerk's item", async () => {
    const before = await counts();
    const r = await post(hotline.key, body("HL-2026-0001"));
    expect(r.status).toBe(201);
    expect(Object.keys(r.json).sort()).toEqual(["caseNumber", "receivedAt", "status"]);
    expect(r.json.status).toBe("RECEIVED"); // M1: the mediation request registered
    expect(r.json.caseNumber).toMatch(/^TJ\d{4}-150100-CENTER-\d{5}$/);
    expect(Math.abs(Date.parse(r.json.receivedAt) - Date.now())).toBeLessThan(60_000);
    caseNumber = r.json.caseNumber;

    const row = await caseRow(caseNumber);
    expect(row).toMatchObject({ machine: "mediation", state: "RECEIVED", channel: "hotline_12345", triageStatus: "pending", centerOrganId: center.id, applicantNames: "王五", filedBy: null });
    expect((row.filing as { enteredBy: string }).enteredBy).toBe(hotline.userId);
    const parties = await t.db.select({ role: caseParties.role, name: caseParties.name }).from(caseParties).where(eq(caseParties.caseId, row.id));
    expect(parties.map((p) => `${p.role}:${p.name}`).sort()).toEqual(["applicant:王五", "other_party:某商场"]);

    // the center's clerk sees it in the queue, from the 12345 hotline
    const pending = await listPending({ user: clerk });
    expect(pending.find((i) => i.caseNumber === caseNumber)).toMatchObject({ machine: "mediation", channel: "hotline_12345", applicantNames: "王五" });

    // one case, one intake row, and the events: created, transition, filing.received, intake.received (by the client's account)
    const after = await counts();
    expect(after.cases - before.cases).toBe(1);
    expect(after.intake - before.intake).toBe(1);
    const events = await t.db.select({ action: auditEvents.action, actorId: auditEvents.actorId }).from(auditEvents).where(and(eq(auditEvents.subjectType, "case"), eq(auditEvents.subjectId, row.id)));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["mediation.created", "filing.received", "intake.received"]));
    expect(events.find((e) => e.action === "intake.received")!.actorId).toBe(hotline.userId);
  });

  it("a retry with the same body (keys in another order) answers 200 with the same case, and writes nothing", async () => {
    const before = await counts();
    const b = body("HL-2026-0001");
    const reordered = { consent: b.consent, wantedOutcome: b.wantedOutcome, description: b.description, parties: { otherParty: b.parties.otherParty, applicant: b.parties.applicant }, category: b.category, channel: b.channel, externalRef: b.externalRef };
    const again = await post(hotline.key, reordered);
    expect(again.status).toBe(200);
    expect(again.json.caseNumber).toBe(caseNumber);
    expect(again.json.status).toBe("RECEIVED");
    expect(await counts()).toEqual(before);
  });

  it("two simultaneous first requests with one externalRef make one case: one answers 201, the other 200", async () => {
    const before = await counts();
    const [a, b] = await Promise.all([post(hotline.key, body("HL-RACE")), post(hotline.key, body("HL-RACE"))]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.json.caseNumber).toBe(b.json.caseNumber);
    const after = await counts();
    expect(after.cases - before.cases).toBe(1);
    expect(after.intake - before.intake).toBe(1);
  });

  it("the same externalRef with a different body answers 409 and writes nothing", async () => {
    const before = await counts();
    const changed = await post(hotline.key, body("HL-2026-0001", { wantedOutcome: "赔偿损失" }));
    expect(changed.status).toBe(409);
    expect(changed.json.error.code).toBe("conflict");
    expect(changed.json.error.zh).toContain("externalRef");
    expect(await counts()).toEqual(before);
  });

  it("another client may use the same externalRef: a separate item", async () => {
    const other = await post(petition.key, body("HL-2026-0001", { channel: "petition_office" }));
    expect(other.status).toBe(201);
    expect(other.json.caseNumber).not.toBe(caseNumber);
    expect((await caseRow(other.json.caseNumber)).channel).toBe("petition_office");
  });

  it("a national platform item is registered with its own source (the machine's channel: tests/unit/intake.test.ts)", async () => {
    const r = await post(hotline.key, body("NP-1", { channel: "national_platform" }));
    expect(r.status).toBe(201);
    expect(await caseRow(r.json.caseNumber)).toMatchObject({ channel: "national_platform", state: "RECEIVED", triageStatus: "pending" });
  });

  it("a bad body answers 400 with an error per field (Chinese and English), and writes nothing", async () => {
    const before = await counts();
    const bad = await post(
      hotline.key,
      body("bad/ref", {
        channel: "fax",
        parties: { applicant: { name: "", phone: "12" }, otherParty: { kind: "robot", name: "某商场", nickname: "x" } },
        consent: false,
        extra: 1,
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_body");
    expect(Object.keys(bad.json.fields).sort()).toEqual(
      ["consent", "channel", "externalRef", "extra", "parties.applicant.name", "parties.applicant.phone", "parties.otherParty.kind", "parties.otherParty.nickname"].sort(),
    );
    expect(bad.json.fields["parties.applicant.phone"]).toEqual({ zh: "请填写正确的手机号码或带区号的固定电话", en: "Enter a valid mobile number or a landline with area code" });
    expect(bad.json.fields.consent.zh).toContain("自愿");
    expect(bad.json.fields.extra.en).toBe("Unknown field: remove it");

    const missing = await post(hotline.key, { externalRef: "M-1" });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.json.fields).sort()).toEqual(["category", "channel", "consent", "description", "parties", "wantedOutcome"]);

    const notJson = await post(hotline.key, "{ not json");
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe("invalid_json");
    const wrongType = await post(hotline.key, JSON.stringify(body("T-1")), { "content-type": "text/plain" });
    expect(wrongType.status).toBe(400);
    const tooLarge = await post(hotline.key, body("L-1", { description: "很".repeat(30_000) }));
    expect(tooLarge.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("GET /api/v1/intake/:externalRef answers the client's own item only; after triage it says where the item went", async () => {
    const mine = await status(hotline.key, "HL-2026-0001");
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({ externalRef: "HL-2026-0001", caseNumber, status: "RECEIVED", triage: "pending", routedTo: null });
    // the petition office used the same reference for its own item: it sees that one, never the hotline's
    const theirs = await status(petition.key, "HL-2026-0001");
    expect(theirs.status).toBe(200);
    expect(theirs.json.caseNumber).not.toBe(caseNumber);
    const nobody = await newClient("第三方");
    const unknown = await status(nobody.key, "HL-2026-0001");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("not_found");
    expect((await status(null, "HL-2026-0001")).status).toBe(401);

    // the clerk routes it as the rules suggest (16.1(b): consumer rights → the market regulator's mediation)
    expect((await routeAsSuggested({ caseNumber })).ok).toBe(true);
    const routed = await status(hotline.key, "HL-2026-0001");
    expect(routed.json).toMatchObject({ status: "TRIAGED", triage: "routed", routedTo: { organName: "呼和浩特市市场监督管理局", channel: "administrative_mediation" } });
  });
});

describe(`intake API: rate limit per client (${engineName()})`, () => {
  it("over the limit answers 429 with Retry-After; other clients are not affected", async () => {
    const slow = await newClient("限流测试", { ratePerMinute: 1, burst: 3 });
    // three requests fit the burst (a GET counts as a request too)
    expect((await post(slow.key, body("S-1"))).status).toBe(201);
    expect((await post(slow.key, body("S-1"))).status).toBe(200);
    expect((await status(slow.key, "S-1")).status).toBe(200);
    const before = await counts();
    const over = await post(slow.key, body("S-2"));
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe("rate_limited");
    // one token a minute and the bucket empty: the next one in about 60 s (less the moments the three requests took)
    const retry = Number(over.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(55);
    expect(retry).toBeLessThanOrEqual(60);
    expect(over.json.error.zh).toContain(`${retry} 秒`);
    expect(await counts()).toEqual(before);
    // the hotline's own bucket is untouched
    expect((await status(hotline.key, "HL-2026-0001")).status).toBe(200);
  });

  it("the bucket refills at the client's rate: 2 a minute means one more request 30 seconds later, not before", async () => {
    const c = await newClient("令牌桶", { ratePerMinute: 2, burst: 1 });
    const t0 = new Date(Date.now() + 1000);
    expect(await takeRateToken({ clientId: c.id, now: t0 })).toEqual({ ok: true });
    expect(await takeRateToken({ clientId: c.id, now: new Date(t0.getTime() + 10_000) })).toEqual({ ok: false, retryAfter: 20 });
    expect(await takeRateToken({ clientId: c.id, now: new Date(t0.getTime() + 30_000) })).toEqual({ ok: true });
    // a burst of 1: a long pause does not store more than one request
    expect(await takeRateToken({ clientId: c.id, now: new Date(t0.getTime() + 600_000) })).toEqual({ ok: true });
    expect((await takeRateToken({ clientId: c.id, now: new Date(t0.getTime() + 600_001) })).ok).toBe(false);
  });
});

describe("intake API: the OpenAPI document", () => {
  it("is OpenAPI 3.1 JSON generated from the zod schema: every field of the request is named, with its constraints", async () => {
    const response = (await openApiRoute.loader({ request: new Request("http://localhost/api/v1/openapi.json"), params: {}, context } as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const doc = JSON.parse(await response.text());
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/api/v1/intake", "/api/v1/intake/{externalRef}"]);
    expect(Object.keys(doc.paths["/api/v1/intake"].post.responses).sort()).toEqual(["200", "201", "400", "401", "409", "413", "429"]);
    expect(doc.components.securitySchemes.bearerKey).toMatchObject({ type: "http", scheme: "bearer" });

    const request = doc.components.schemas.IntakeRequest;
    const named = (schema: any, prefix = ""): string[] =>
      Object.entries((schema.properties ?? {}) as Record<string, any>).flatMap(([k, v]) => [prefix + k, ...named(v, `${prefix}${k}.`)]);
    // hand-counted: 14 fields, 3 of them objects
    const expected = [
      "externalRef",
      "channel",
      "category",
      "parties",
      "parties.applicant",
      "parties.applicant.name",
      "parties.applicant.phone",
      "parties.otherParty",
      "parties.otherParty.kind",
      "parties.otherParty.name",
      "parties.otherParty.contact",
      "description",
      "wantedOutcome",
      "consent",
    ];
    expect(schemaFieldPaths(IntakeRequestSchema).sort()).toEqual([...expected].sort());
    expect(named(request).sort()).toEqual([...expected].sort());
    expect(request.required.sort()).toEqual(["category", "channel", "consent", "description", "externalRef", "parties", "wantedOutcome"]);
    expect(request.properties.parties.properties.otherParty.required.sort()).toEqual(["kind", "name"]);
    expect(request.additionalProperties).toBe(false);
    expect(request.properties.channel.enum).toEqual([...intakeChannels]);
    expect(request.properties.consent.const).toBe(true);
    expect(request.properties.parties.properties.applicant.properties.name.maxLength).toBe(50);
    expect(request.properties.externalRef.pattern).toBe("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");
    expect(Object.keys(doc.components.schemas.IntakeReceipt.properties).sort()).toEqual(["caseNumber", "receivedAt", "status"]);
  });
});
