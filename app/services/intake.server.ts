// The intake API's service (issue 7 req. 5): an item of a client system becomes a mediation request in its dispute
// center's queue through the center's own createCenterItem, run inside one transaction with the API's bookkeeping
// (intake_requests, idempotent on client + external reference, and an event). Keys and rate limits: api-clients.server.ts.
import crypto from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { caseRoutings, cases, intakeRequests, organs } from "../../db/schema/index";
import {
  canonicalJson,
  centerFieldToApiField,
  EXTERNAL_REF_PATTERN,
  IntakeRequestSchema,
  intakeFieldErrors,
  toCenterInput,
  type IntakeReceipt,
  type IntakeStatus,
} from "~/domain/intake";
import type { MediationStateName } from "~/domain/machines/mediation";
import { apiError } from "~/utils/api.server";
import { authenticateApiKey, takeRateToken, type ApiClientView } from "./api-clients.server";
import { createCenterItem, type CenterFailure } from "./center.server";
import type { CurrentUser } from "./session.server";

// ---------------------------------------------------------------------------------------------------------------
// Intake

export type IntakeFailure = {
  ok: false;
  status: 400 | 409 | 503;
  code: "invalid_body" | "conflict" | "refused" | "unavailable";
  /** A message key of the intake area; `vars` fill it. */
  messageKey: string;
  vars?: Record<string, string>;
  /** Message keys per field path of the request body. */
  fields?: Record<string, string>;
};
export type IntakeResult = { ok: true; status: 200 | 201; receipt: IntakeReceipt } | IntakeFailure;

/** The client acting as a registering clerk of its own center, and of nothing else (no membership row exists). */
function clientAsClerk(client: ApiClientView): CurrentUser {
  return {
    id: client.userId,
    displayName: client.name,
    phone: null,
    email: null,
    locale: "zh-CN",
    memberships: [{ role: "center_clerk", organId: client.centerOrganId, includeSubordinates: false, organName: client.centerName }],
    isStaff: true,
    requiresTwoFactor: false,
    totpEnrolled: false,
  };
}

/** The center's submission key for the item: the same for a retry, different for every client and reference. */
function submissionKeyFor(clientId: string, externalRef: string): string {
  return `api_${crypto.createHash("sha256").update(`${clientId}\n${externalRef}`, "utf8").digest("base64url")}`;
}

class ItemRefused extends Error {
  constructor(readonly failure: IntakeFailure) {
    super("intake refused");
  }
}

function refusal(failure: CenterFailure): IntakeFailure {
  const errors = failure.errors ?? {};
  const fields: Record<string, string> = {};
  for (const [field, key] of Object.entries(errors)) if (centerFieldToApiField[field]) fields[centerFieldToApiField[field]] = key;
  if (Object.keys(fields).length) return { ok: false, status: 400, code: "invalid_body", messageKey: "intake.errors.invalidBody", fields };
  if (failure.message) return { ok: false, status: 400, code: "refused", messageKey: "intake.errors.refused", vars: { reason: failure.message, reasonEn: failure.messageEn ?? failure.message } };
  // the client's center is no longer a center the service can register at: an administrator must look
  return { ok: false, status: 503, code: "unavailable", messageKey: "intake.errors.unavailable" };
}

async function receiptOf(q: Queryable, caseId: string): Promise<IntakeReceipt> {
  const [row] = await q.select({ caseNumber: cases.caseNumber, state: cases.state, receivedAt: cases.receivedAt }).from(cases).where(eq(cases.id, caseId));
  return { caseNumber: row.caseNumber!, status: row.state as MediationStateName, receivedAt: row.receivedAt!.toISOString() };
}

/**
 * Registers one item of the client as a mediation request in its center's triage queue, or answers the earlier case
 * for a retry of the same body (200); the same reference with another body is a conflict (409). The body is checked
 * against the API's schema first; the center's own entry then checks it again as it checks a clerk's.
 */
export async function receiveIntake(args: { client: ApiClientView; body: unknown; now?: Date; requestId?: string }): Promise<IntakeResult> {
  const parsed = IntakeRequestSchema.safeParse(args.body);
  if (!parsed.success) return { ok: false, status: 400, code: "invalid_body", messageKey: "intake.errors.invalidBody", fields: intakeFieldErrors(parsed.error, args.body) };
  const body = parsed.data;
  const bodyHash = crypto.createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
  const { client } = args;
  const q = getDb();
  try {
    return await q.transaction(async (tx): Promise<IntakeResult> => {
      // one request per (client, reference) at a time: a concurrent retry waits here and then finds the first one's row
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`intake:${client.id}:${body.externalRef}`}, 0))`);
      const [earlier] = await tx
        .select({ bodyHash: intakeRequests.bodyHash, caseId: intakeRequests.caseId })
        .from(intakeRequests)
        .where(and(eq(intakeRequests.clientId, client.id), eq(intakeRequests.externalRef, body.externalRef)));
      if (earlier) {
        if (earlier.bodyHash !== bodyHash) return { ok: false, status: 409, code: "conflict", messageKey: "intake.errors.conflict" };
        return { ok: true, status: 200, receipt: await receiptOf(tx, earlier.caseId) };
      }
      const created = await createCenterItem({
        user: clientAsClerk(client),
        centerId: client.centerOrganId,
        source: body.channel,
        kind: "mediation",
        input: toCenterInput(body),
        submissionKey: submissionKeyFor(client.id, body.externalRef),
        now: args.now,
        requestId: args.requestId,
        db: tx,
      });
      if (!created.ok) throw new ItemRefused(refusal(created));
      const [row] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.caseNumber, created.caseNumber));
      await tx.insert(intakeRequests).values({ clientId: client.id, externalRef: body.externalRef, bodyHash, caseId: row.id });
      await recordEvent(tx, {
        actorId: client.userId,
        action: "intake.received",
        subjectType: "case",
        subjectId: row.id,
        payload: { clientId: client.id, client: client.name, keyPrefix: client.keyPrefix, externalRef: body.externalRef, caseNumber: created.caseNumber, channel: body.channel },
        requestId: args.requestId,
      });
      return { ok: true, status: 201, receipt: await receiptOf(tx, row.id) };
    });
  } catch (error) {
    if (error instanceof ItemRefused) return error.failure;
    throw error;
  }
}

/** The status of one of the client's own items; null for a reference it never sent (another client's is not its own). */
export async function getIntakeStatus(args: { client: ApiClientView; externalRef: string }): Promise<IntakeStatus | null> {
  if (!EXTERNAL_REF_PATTERN.test(args.externalRef)) return null;
  const q = getDb();
  const [row] = await q
    .select({ caseId: cases.id, caseNumber: cases.caseNumber, state: cases.state, triageStatus: cases.triageStatus, receivedAt: cases.receivedAt })
    .from(intakeRequests)
    .innerJoin(cases, eq(cases.id, intakeRequests.caseId))
    .where(and(eq(intakeRequests.clientId, args.client.id), eq(intakeRequests.externalRef, args.externalRef)));
  if (!row) return null;
  const [routing] =
    row.triageStatus === "pending"
      ? []
      : await q
          .select({ organName: organs.name, channel: caseRoutings.channel })
          .from(caseRoutings)
          .innerJoin(organs, eq(organs.id, caseRoutings.toOrganId))
          .where(eq(caseRoutings.caseId, row.caseId))
          .orderBy(desc(caseRoutings.routedAt), desc(caseRoutings.id))
          .limit(1);
  return {
    externalRef: args.externalRef,
    caseNumber: row.caseNumber!,
    status: row.state as MediationStateName,
    triage: row.triageStatus === "pending" ? "pending" : "routed",
    routedTo: routing ?? null,
    receivedAt: row.receivedAt!.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// For the routes: the key, then the rate limit

/** The authenticated client, or a thrown 401 (missing, invalid or revoked key) / 429 (over the rate, with Retry-After). */
export async function requireApiClient(request: Request, now?: Date): Promise<ApiClientView> {
  const check = await authenticateApiKey(request.headers.get("authorization"));
  if (!check.ok) {
    const key = check.reason === "missing" ? "intake.errors.missingKey" : check.reason === "revoked" ? "intake.errors.revokedKey" : "intake.errors.invalidKey";
    throw apiError(401, check.reason === "revoked" ? "revoked_key" : check.reason === "missing" ? "missing_key" : "invalid_key", key, { headers: { "WWW-Authenticate": 'Bearer realm="intake"' } });
  }
  const token = await takeRateToken({ clientId: check.client.id, now });
  if (!token.ok) throw apiError(429, "rate_limited", "intake.errors.rateLimited", { vars: { seconds: token.retryAfter }, headers: { "Retry-After": String(token.retryAfter) } });
  return check.client;
}
