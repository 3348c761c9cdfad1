// Client systems of the intake API (issue 7 req. 5) and their keys: made and revoked by `npm run api:key`
// (db/api-key.ts), only the key's SHA-256 stored, compared in constant time; and the token bucket of each client, kept
// in its api_clients row so every server process shares it. No Remix imports: the command line uses this module too.
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { apiClients, organs, users } from "../../db/schema/index";
import { DEFAULT_RATE } from "../domain/intake-openapi";
import { tokensEqual } from "../utils/http.server";

// ---------------------------------------------------------------------------------------------------------------
// Keys

/** imk_<8 hex: the prefix shown in lists>_<43 base64url: 256 random bits>. */
const KEY_PATTERN = /^(imk_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key, "utf8").digest("hex");
}

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `imk_${crypto.randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${crypto.randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export interface ApiClientView {
  id: string;
  name: string;
  keyPrefix: string;
  userId: string;
  centerOrganId: string;
  centerName: string;
  ratePerMinute: number;
  burst: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const clientColumns = {
  id: apiClients.id,
  name: apiClients.name,
  keyPrefix: apiClients.keyPrefix,
  userId: apiClients.userId,
  centerOrganId: apiClients.centerOrganId,
  centerName: organs.name,
  ratePerMinute: apiClients.ratePerMinute,
  burst: apiClients.burst,
  createdAt: apiClients.createdAt,
  lastUsedAt: apiClients.lastUsedAt,
  revokedAt: apiClients.revokedAt,
};

export type CreateClientResult = { ok: true; key: string; client: ApiClientView } | { ok: false; reason: "center" | "name" | "rate" };

/**
 * A client system and its key: the key is returned once, only its hash is kept. The client records its items through
 * an account of its own (disabled, no password, no memberships: it can never sign in), so every event names it.
 */
export async function createApiClient(args: { name: string; centerCode: string; ratePerMinute?: number; burst?: number; q?: Queryable }): Promise<CreateClientResult> {
  const q = args.q ?? getDb();
  const name = args.name.trim();
  if (!name || name.length > 100) return { ok: false, reason: "name" };
  const ratePerMinute = args.ratePerMinute ?? DEFAULT_RATE.perMinute;
  const burst = args.burst ?? DEFAULT_RATE.burst;
  if (![ratePerMinute, burst].every((n) => Number.isInteger(n) && n >= 1 && n <= 100000)) return { ok: false, reason: "rate" };
  const [center] = await q.select({ id: organs.id, kind: organs.kind }).from(organs).where(eq(organs.code, args.centerCode));
  if (!center || center.kind !== "dispute_center") return { ok: false, reason: "center" };
  const { key, prefix, hash } = newApiKey();
  const id = await q.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: `${prefix}@api-client.invalid`, displayName: `${name}（接口）`, passwordHash: "!api-client: signs in with nothing", disabled: true })
      .returning({ id: users.id });
    const [row] = await tx
      .insert(apiClients)
      .values({ name, keyPrefix: prefix, keyHash: hash, userId: user.id, centerOrganId: center.id, ratePerMinute, burst, bucketTokens: burst })
      .returning({ id: apiClients.id });
    await recordEvent(tx, { action: "api_client.created", subjectType: "api_client", subjectId: row.id, payload: { name, keyPrefix: prefix, centerOrganId: center.id, ratePerMinute, burst } });
    return row.id;
  });
  const [client] = await q.select(clientColumns).from(apiClients).innerJoin(organs, eq(organs.id, apiClients.centerOrganId)).where(eq(apiClients.id, id));
  return { ok: true, key, client };
}

/** Revokes a key by its prefix (as listed); its next request answers 401. False when no live key has that prefix. */
export async function revokeApiClient(args: { keyPrefix: string; now?: Date; q?: Queryable }): Promise<boolean> {
  const q = args.q ?? getDb();
  const now = args.now ?? new Date();
  return q.transaction(async (tx) => {
    const [row] = await tx
      .update(apiClients)
      .set({ revokedAt: now })
      .where(and(eq(apiClients.keyPrefix, args.keyPrefix), sql`${apiClients.revokedAt} is null`))
      .returning({ id: apiClients.id, name: apiClients.name });
    if (!row) return false;
    await recordEvent(tx, { action: "api_client.revoked", subjectType: "api_client", subjectId: row.id, payload: { name: row.name, keyPrefix: args.keyPrefix }, occurredAt: now });
    return true;
  });
}

export async function listApiClients(q: Queryable = getDb()): Promise<ApiClientView[]> {
  return q.select(clientColumns).from(apiClients).innerJoin(organs, eq(organs.id, apiClients.centerOrganId)).orderBy(apiClients.createdAt).limit(500);
}

export type KeyCheck = { ok: true; client: ApiClientView } | { ok: false; reason: "missing" | "invalid" | "revoked" };

const NO_HASH = "0".repeat(64);

/** The client an `Authorization: Bearer <key>` header names: found by the key's prefix, its hash compared in constant time. */
export async function authenticateApiKey(authorization: string | null, q: Queryable = getDb()): Promise<KeyCheck> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!bearer) return { ok: false, reason: "missing" };
  const key = bearer[1];
  const prefix = KEY_PATTERN.exec(key)?.[1];
  const [row] = prefix
    ? await q.select({ ...clientColumns, keyHash: apiClients.keyHash }).from(apiClients).innerJoin(organs, eq(organs.id, apiClients.centerOrganId)).where(eq(apiClients.keyPrefix, prefix))
    : [];
  // compared even when nothing was found, so the answer takes as long either way
  const matches = tokensEqual(hashApiKey(key), row?.keyHash ?? NO_HASH);
  if (!row || !matches) return { ok: false, reason: "invalid" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  const { keyHash: _hash, ...client } = row;
  return { ok: true, client };
}

// ---------------------------------------------------------------------------------------------------------------
// Rate limit: a token bucket per client, in its api_clients row

/**
 * Takes one request from the client's bucket: it refills at rate_per_minute and holds at most `burst`. One UPDATE whose
 * WHERE re-reads the row under its lock, so concurrent requests (from any server process) cannot overdraw it.
 */
export async function takeRateToken(args: { clientId: string; now?: Date; q?: Queryable }): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const q = args.q ?? getDb();
  const now = (args.now ?? new Date()).toISOString();
  const refilled = sql`least(${apiClients.burst}::float8, ${apiClients.bucketTokens} + greatest(0, extract(epoch from (${now}::timestamptz - ${apiClients.bucketAt})))::float8 * ${apiClients.ratePerMinute} / 60.0)`;
  const taken = await q
    .update(apiClients)
    .set({ bucketTokens: sql`${refilled} - 1`, bucketAt: sql`greatest(${apiClients.bucketAt}, ${now}::timestamptz)`, lastUsedAt: sql`${now}::timestamptz` })
    .where(and(eq(apiClients.id, args.clientId), sql`${refilled} >= 1`))
    .returning({ id: apiClients.id });
  if (taken.length) return { ok: true };
  const [bucket] = await q
    .select({ tokens: sql<number>`(${refilled})::float8`, ratePerMinute: apiClients.ratePerMinute })
    .from(apiClients)
    .where(eq(apiClients.id, args.clientId));
  const missing = 1 - Number(bucket?.tokens ?? 0);
  // less a hair, so float noise (20.000000001 s) does not round up to a second more
  return { ok: false, retryAfter: Math.max(1, Math.ceil((missing * 60) / (bucket?.ratePerMinute ?? 1) - 1e-6)) };
}
