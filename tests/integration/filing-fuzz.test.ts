// Bad input to the filing actions (issue 4 req. 11): a generated batch of ≥ 1,000 malformed, missing, oversized and
// hostile payloads (wrong types, extra fields such as a status or a case number, script and SQL payloads, NUL bytes,
// invalid UTF-8, prototype keys) → every answer is a 4xx with a message, never a 5xx or a crash, and nothing is written:
// no case, party, file or event, and the drafts are unchanged.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, caseParties, cases, drafts, files, organs, sessions, users } from "../../db/schema/index";
import { seedDatabase } from "../../db/seed";
import { createDraft } from "~/services/drafts.server";
import { prepareReconsideration } from "~/services/filing.server";
import { createSession, loadUser, sessionCookieName } from "~/services/session.server";
import { engineName, useTestDatabase } from "../support/db";
import { flatten, mediationPayload, stepPayload } from "../support/bad-payloads";
import { submissionKey, validDraftData } from "../support/filing-fixture";
import * as stepRoute from "~/routes/apply.reconsideration.$draftId.$step";
import * as mediationRoute from "~/routes/apply.mediation";

const t = useTestDatabase();
const context = { requestId: "fuzz", cspNonce: "n", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };
let cookie = "";
let csrf = "";
let draftId = "";
let respondentId = "";

async function post(step: string, body: Record<string, string> | string, contentType = "application/x-www-form-urlencoded") {
  const request = new Request(`http://localhost/apply/reconsideration/${draftId}/${step}`, {
    method: "POST",
    body: typeof body === "string" ? body : new URLSearchParams(body),
    headers: { cookie, "content-type": contentType, origin: "http://localhost" },
  });
  try {
    const res = await stepRoute.action({ request, context, params: { draftId, step } } as never);
    return statusOf(res);
  } catch (thrown) {
    return statusOf(thrown);
  }
}

function statusOf(value: unknown): number {
  if (value instanceof Response) return value.status;
  const init = (value as { init?: { status?: number } })?.init;
  if (init?.status) return init.status;
  if (value instanceof Error) throw value;
  return 200;
}

async function snapshot() {
  return {
    cases: await t.db.$count(cases),
    parties: await t.db.$count(caseParties),
    files: await t.db.$count(files),
    events: await t.db.$count(auditEvents),
    draft: JSON.stringify((await t.db.select({ data: drafts.data, step: drafts.step, sub: drafts.submittedCaseId }).from(drafts).where(eq(drafts.id, draftId)))[0]),
  };
}

beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: true });
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "citizen1@demo.nmg.example"));
  const user = (await loadUser(t.db, row.id))!;
  const s = await createSession(t.db, { user, twoFactorDone: true, now: new Date() });
  cookie = `${sessionCookieName()}=${s.token}`;
  [{ csrf }] = await t.db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, s.id));
  [{ id: respondentId }] = await t.db.select({ id: organs.id }).from(organs).where(eq(organs.code, "150100-market"));
  const d = await createDraft(user.id, "reconsideration", { ...validDraftData(respondentId), review: { submissionKey: submissionKey() } }, "review");
  if (!d.ok) throw new Error("draft");
  draftId = d.draft.id;
});

describe(`bad input to the filing actions (${engineName()})`, () => {
  it("the draft itself is complete and fileable (the batch below is refused for its bad input only)", async () => {
    const [row] = await t.db.select({ data: drafts.data, ownerId: drafts.ownerId }).from(drafts).where(eq(drafts.id, draftId));
    const prepared = await prepareReconsideration({ id: row.ownerId }, row.data as Record<string, unknown>, draftId);
    expect(prepared.ok).toBe(true);
    // and a well-formed step post is answered 303 (saved, next step)
    const body: Record<string, string> = { csrf, intent: "next" };
    flatten("", (validDraftData(respondentId) as Record<string, unknown>).requests, body);
    expect(await post("requests", body)).toBe(303);
  });

  it("1,000 generated payloads to the step and submit actions: all 4xx, nothing written", async () => {
    const before = await snapshot();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const { step, body } = stepPayload(i, respondentId);
      const status = await post(step, { ...body, csrf });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect(status >= 400 && status < 500, `payload ${i} (${step}) answered ${status}: ${JSON.stringify(body).slice(0, 300)}`).toBe(true);
    }
    expect(await snapshot()).toEqual(before);
    console.info(`fuzz: ${[...statuses].map(([s, n]) => `${n}×${s}`).join(", ")}`);
  }, 180_000); // a thousand requests: correctness, not speed (a loaded CI machine must not fail it)

  it("invalid UTF-8, a body that is not a form, and a huge body answer 4xx and write nothing", async () => {
    const before = await snapshot();
    const bodies: [string, string][] = [
      [`csrf=${csrf}&intent=next&requests=%FF%FE%00&factsAndReasons=x&suedInCourt=no`, "application/x-www-form-urlencoded"],
      [`csrf=${csrf}&intent=next&requests=%C0%AF`, "application/x-www-form-urlencoded"],
      [`{"csrf":"${csrf}","intent":"next","status":"ACCEPTED"}`, "application/json"],
      [`csrf=${csrf}&intent=next&requests=${"x".repeat(2_000_000)}`, "application/x-www-form-urlencoded"],
      [`csrf=${csrf}&intent=drop-table&requests=x`, "application/x-www-form-urlencoded"],
    ];
    for (const [body, type] of bodies) {
      const status = await post("requests", body, type);
      expect(status >= 400 && status < 500, `${type} ${body.slice(0, 80)} → ${status}`).toBe(true);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("≥ 1,000 generated payloads to the mediation request: all 4xx, no case written", async () => {
    const before = await snapshot();
    for (let i = 0; i < 1000; i++) {
      const body = mediationPayload(i);
      const request = new Request("http://localhost/apply/mediation", {
        method: "POST",
        body: new URLSearchParams({ ...body, csrf }),
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
      });
      let status: number;
      try {
        status = statusOf(await mediationRoute.action({ request, context, params: {} } as never));
      } catch (thrown) {
        status = statusOf(thrown);
      }
      expect(status >= 400 && status < 500, `mediation payload ${i} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`).toBe(true);
    }
    expect(await snapshot()).toEqual(before);
  }, 180_000); // a thousand requests: correctness, not speed (a loaded CI machine must not fail it)
});
