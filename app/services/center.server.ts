// The intake queue of a one-stop dispute center (矛盾纠纷多元化解中心, issue 5 req. 1; DOMAIN.md §16, 12.35): every
// new item of the center — online filings, walk-in applications recorded by a clerk, items transferred from the 12345
// hotline or the petition office — waits "pending" until a clerk routes it: the rules' suggestion (app/domain/triage.ts)
// confirmed or overridden with a reason, one case_routings row, the organ set, one event, in one version-checked
// transaction. A later re-routing adds a row; the citizen never re-files. Center clerks act; admins covering a center
// may look. An item of a center the user does not cover does not exist for them.
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { caseParties, caseRoutings, cases, organs, roleMemberships, users } from "../../db/schema/index";
import { applicationSchema, fieldErrors, reconsiderationFirst, type Application } from "~/domain/application";
import { computeApplicationDeadline } from "~/domain/application-deadline";
import { todayInShanghai } from "~/domain/calendar";
import type { CompetentOrgan } from "~/domain/competent-organ";
import { newCase } from "~/domain/machines/reconsideration";
import { newMediationRequest } from "~/domain/machines/mediation";
import { MediationRequestSchema, type MediationCategory } from "~/domain/mediation-request";
import { membershipCovers } from "~/domain/policy";
import { CASE_NUMBER_PATTERN, receiptContent } from "~/domain/receipt";
import type { Role } from "~/domain/roles";
import {
  categoryRouting,
  channelFitsRules,
  channels,
  clerkSources,
  disputeKinds,
  isOverride,
  itemKinds,
  submitChannel,
  suggestRouting,
  triageClock,
  triageTarget,
  type Channel,
  type ClerkSource,
  type DisputeKind,
  type ItemKind,
  type OrganDirectory,
  type Suggestion,
  type TriageClockTone,
} from "~/domain/triage";
import { loadDeadlineRules } from "./calendar.server";
import { competentOrganFor, organById } from "./competence.server";
import { lockSubmission, nextCaseNumber, sha256Hex, writeParties } from "./filing.server";
import { organPath } from "./organs.server";
import { loadUser, type CurrentUser } from "./session.server";
import { applyCommandInTransaction, bumpCaseVersion, Rejected } from "./transitions.server";

/** Who may open /center: clerks of a center, and admins whose membership covers it (they look; clerks act). */
export const centerRoles: readonly Role[] = ["center_clerk", "admin"];
/** Who routes and enters items (policy "center:triage"). */
export const clerkRoles: readonly Role[] = ["center_clerk"];

export type CenterFailure = {
  ok: false;
  status: 400 | 403 | 404 | 409;
  /** A message key of the center area (or the shared errors). */
  formError: string;
  /** The machine's own words for a refusal (Chinese, English). */
  message?: string;
  messageEn?: string;
  errors?: Record<string, string>;
};
const fail = (status: CenterFailure["status"], formError: string, extra: Partial<CenterFailure> = {}): CenterFailure => ({ ok: false, status, formError, ...extra });
const conflict = () => fail(409, "center.errors.conflict");

// ---------------------------------------------------------------------------------------------------------------
// Scope

const list = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** The organs (exact, and subtrees for memberships with subordinates) the user's memberships in `roles` cover. */
function coveredCondition(user: CurrentUser, roles: readonly Role[], column: SQL | typeof cases.centerOrganId): SQL {
  const ms = user.memberships.filter((m) => roles.includes(m.role));
  if (ms.length === 0) return sql`false`;
  const exact = ms.map((m) => m.organId);
  const sub = ms.filter((m) => m.includeSubordinates).map((m) => m.organId);
  if (sub.length === 0) return sql`${column} in (${list(exact)})`;
  return sql`(${column} in (${list(exact)}) or ${column} in (
    with recursive s(id) as (select id from organs where id in (${list(sub)})
      union select o.id from organs o join s on o.parent_id = s.id)
    select id from s))`;
}

/** The dispute centers the user covers as a clerk (or, with `roles`, as any of them). */
export async function coveredCenters(user: CurrentUser, roles: readonly Role[] = clerkRoles, q: Queryable = getDb()) {
  return q
    .select({ id: organs.id, name: organs.name, code: organs.code, divisionCode: organs.divisionCode })
    .from(organs)
    .where(and(eq(organs.kind, "dispute_center"), coveredCondition(user, roles, sql`${organs.id}`)))
    .orderBy(asc(organs.sortOrder), asc(organs.code))
    .limit(300);
}

async function rolesOn(q: Queryable, user: CurrentUser, organId: string, roles: readonly Role[]): Promise<Role[]> {
  const path = await organPath(q, organId);
  return user.memberships.filter((m) => roles.includes(m.role) && membershipCovers(m, path)).map((m) => m.role);
}

// ---------------------------------------------------------------------------------------------------------------
// The queue

export interface PendingItem {
  caseNumber: string;
  machine: "reconsideration" | "mediation";
  channel: string | null;
  category: string | null;
  applicantNames: string | null;
  receivedAt: string;
  centerName: string;
  version: number;
  clock: { elapsed: number; target: number; tone: TriageClockTone };
}

/** The pending items of the centers the user covers, oldest first, each with its triage clock. */
export async function listPending(args: { user: CurrentUser; now?: Date; limit?: number }): Promise<PendingItem[]> {
  const q = getDb();
  const rows = await q
    .select({
      caseNumber: cases.caseNumber,
      machine: cases.machine,
      channel: cases.channel,
      category: cases.category,
      applicantNames: cases.applicantNames,
      receivedAt: cases.receivedAt,
      version: cases.version,
      centerName: organs.name,
    })
    .from(cases)
    .innerJoin(organs, eq(organs.id, cases.centerOrganId))
    .where(and(eq(cases.triageStatus, "pending"), coveredCondition(args.user, centerRoles, cases.centerOrganId)))
    .orderBy(asc(cases.receivedAt), asc(cases.id))
    .limit(Math.min(Math.max(args.limit ?? 200, 1), 500));
  const { calendar, settings } = await loadDeadlineRules(q);
  const today = todayInShanghai(args.now ?? new Date());
  return rows
    .filter((r) => r.caseNumber && r.receivedAt)
    .map((r) => ({
      caseNumber: r.caseNumber!,
      machine: r.machine as PendingItem["machine"],
      channel: r.channel,
      category: r.category,
      applicantNames: r.applicantNames,
      receivedAt: r.receivedAt!.toISOString(),
      centerName: r.centerName,
      version: r.version,
      clock: triageClock(todayInShanghai(r.receivedAt!), today, triageTarget(r.machine, settings), calendar, settings),
    }));
}

// ---------------------------------------------------------------------------------------------------------------
// One item

interface ItemRow {
  id: string;
  caseNumber: string;
  machine: "reconsideration" | "mediation";
  state: string;
  version: number;
  organId: string | null;
  centerOrganId: string;
  triageStatus: string;
  triagedAt: Date | null;
  channel: string | null;
  category: string | null;
  applicantNames: string | null;
  receivedAt: Date | null;
  respondentOrganId: string | null;
  filing: unknown;
}

const itemColumns = {
  id: cases.id,
  caseNumber: cases.caseNumber,
  machine: cases.machine,
  state: cases.state,
  version: cases.version,
  organId: cases.organId,
  centerOrganId: cases.centerOrganId,
  triageStatus: cases.triageStatus,
  triagedAt: cases.triagedAt,
  channel: cases.channel,
  category: cases.category,
  applicantNames: cases.applicantNames,
  receivedAt: cases.receivedAt,
  respondentOrganId: cases.respondentOrganId,
  filing: cases.filing,
};

/** The item by number if it came through a center the user covers in `roles`; null otherwise (→ 404). */
async function findItem(q: Queryable, user: CurrentUser, caseNumber: string, roles: readonly Role[] = centerRoles): Promise<(ItemRow & { roles: Role[] }) | null> {
  if (!CASE_NUMBER_PATTERN.test(caseNumber)) return null;
  const [row] = await q.select(itemColumns).from(cases).where(eq(cases.caseNumber, caseNumber));
  if (!row || !row.centerOrganId || !row.caseNumber || (row.machine !== "reconsideration" && row.machine !== "mediation")) return null;
  const mine = await rolesOn(q, user, row.centerOrganId, roles);
  if (mine.length === 0) return null;
  return { ...(row as ItemRow), roles: mine };
}

/** Whether the item exists for the user (an action answers 404 before it reads the form further). */
export async function centerItemExists(args: { user: CurrentUser; caseNumber: string }): Promise<boolean> {
  return (await findItem(getDb(), args.user, args.caseNumber)) !== null;
}

type Filing = {
  application?: Partial<Application>;
  competentOrgan?: { organId?: string; derived?: string | null };
  lastDayToApply?: string | null;
  category?: MediationCategory;
  otherPartyName?: string;
  happened?: string;
  wantedOutcome?: string;
};

/** The organs the rules may name for an item of this center (its division, and the court above a banner). */
async function directoryFor(q: Queryable, center: { divisionCode: string; parentId: string | null }, category: MediationCategory | null): Promise<OrganDirectory> {
  const div = center.divisionCode;
  const department = category ? categoryRouting[category].department : undefined;
  const [government] = center.parentId ? await q.select({ id: organs.id, name: organs.name, code: organs.code, parentId: organs.parentId }).from(organs).where(eq(organs.id, center.parentId)) : [];
  const [upper] = government?.parentId ? await q.select({ code: organs.code }).from(organs).where(eq(organs.id, government.parentId)) : [];
  const codes = [`${div}-center`, `${div}-mediation`, `${div}-court`, ...(upper ? [`${upper.code}-court`] : []), ...(department ? [`${div}-${department}`] : [])];
  const rows = await q.select({ id: organs.id, name: organs.name, code: organs.code }).from(organs).where(inArray(organs.code, codes));
  const byCode = (code: string) => rows.find((r) => r.code === code) ?? null;
  const ref = (r: { id: string; name: string } | null | undefined) => (r ? { id: r.id, name: r.name } : null);
  return {
    government: ref(government),
    center: ref(byCode(`${div}-center`)),
    mediation_committee: ref(byCode(`${div}-mediation`)),
    court: ref(byCode(`${div}-court`) ?? (upper ? byCode(`${upper.code}-court`) : null)),
    ...(department ? { [department]: ref(byCode(`${div}-${department}`)) } : {}),
  };
}

/** The rules' suggestion for an item (DOMAIN.md 16.1), the dispute kind defaulting to what the item says. */
async function suggestionFor(q: Queryable, row: ItemRow, requestedKind: DisputeKind | null): Promise<{ suggestion: Suggestion; disputeKind: DisputeKind; competent: CompetentOrgan | null }> {
  const [center] = await q.select({ divisionCode: organs.divisionCode, parentId: organs.parentId }).from(organs).where(eq(organs.id, row.centerOrganId));
  const filing = (row.filing ?? {}) as Filing;
  if (row.machine === "reconsideration") {
    const competence = row.respondentOrganId ? await competentOrganFor(row.respondentOrganId, q) : null;
    const act = filing.application?.act;
    const suggestion = suggestRouting({
      disputeKind: "administrative_act",
      organs: await directoryFor(q, center, null),
      competent: competence?.result ?? null,
      applicantChoiceId: filing.competentOrgan?.organId ?? null,
      reconsiderationFirst: act ? reconsiderationFirst({ onTheSpotPenalty: act.onTheSpotPenalty ?? "no", failureToAct: act.failureToAct ?? "no", actKind: act.actKind ?? "other" }).required : false,
    });
    return { suggestion, disputeKind: "administrative_act", competent: competence?.result ?? null };
  }
  const category = (filing.category ?? row.category ?? "other") as MediationCategory;
  const disputeKind = requestedKind ?? categoryRouting[category]?.disputeKind ?? "complaint_or_suggestion";
  const suggestion = suggestRouting({ disputeKind, organs: await directoryFor(q, center, categoryRouting[category] ? category : null) });
  return { suggestion, disputeKind, competent: null };
}

export interface RoutingView {
  toOrganName: string;
  fromOrganName: string | null;
  channel: string;
  overridden: boolean;
  reason: string | null;
  /** The rules' reason (a message key and values) the clerk confirmed. */
  suggestion: { reasonKey?: string; reasonValues?: Record<string, string>; basis?: string };
  routedAt: string;
  actorName: string | null;
}

/** Every routing of a case, oldest first. */
export async function routingsOf(caseId: string, q: Queryable = getDb()): Promise<RoutingView[]> {
  const from = sql<string | null>`(select o.name from organs o where o.id = ${caseRoutings.fromOrganId})`;
  const rows = await q
    .select({
      toOrganName: organs.name,
      fromOrganName: from,
      channel: caseRoutings.channel,
      overridden: caseRoutings.overridden,
      reason: caseRoutings.reason,
      suggestion: caseRoutings.suggestion,
      routedAt: caseRoutings.routedAt,
      actorName: users.displayName,
    })
    .from(caseRoutings)
    .innerJoin(organs, eq(organs.id, caseRoutings.toOrganId))
    .leftJoin(users, eq(users.id, caseRoutings.actorId))
    .where(eq(caseRoutings.caseId, caseId))
    .orderBy(asc(caseRoutings.routedAt), asc(caseRoutings.id));
  return rows.map((r) => ({ ...r, suggestion: (r.suggestion ?? {}) as RoutingView["suggestion"], routedAt: r.routedAt.toISOString() }));
}

export interface CenterItem {
  caseNumber: string;
  machine: "reconsideration" | "mediation";
  state: string;
  version: number;
  channel: string | null;
  category: string | null;
  applicantNames: string | null;
  receivedAt: string | null;
  centerName: string;
  organName: string | null;
  triageStatus: "pending" | "routed";
  triagedAt: string | null;
  parties: { role: string; name: string }[];
  reconsideration: { actTitle: string; actDocumentNumber: string | null; respondentName: string | null; requests: string; lastDayToApply: string | null } | null;
  mediation: { otherPartyName: string; happened: string; wantedOutcome: string } | null;
  disputeKind: DisputeKind;
  suggestion: Suggestion;
  /** The organs the clerk may choose when overriding: those of the center's division and the one above. */
  organOptions: { id: string; name: string }[];
  routings: RoutingView[];
  clock: { elapsed: number; target: number; tone: TriageClockTone } | null;
  /** The user is a clerk of the center (admins only look). */
  canRoute: boolean;
}

export async function getCenterItem(args: { user: CurrentUser; caseNumber: string; disputeKind?: string | null; now?: Date }): Promise<CenterItem | null> {
  const q = getDb();
  const row = await findItem(q, args.user, args.caseNumber);
  if (!row) return null;
  const requested = disputeKinds.includes(args.disputeKind as DisputeKind) ? (args.disputeKind as DisputeKind) : null;
  const { suggestion, disputeKind, competent } = await suggestionFor(q, row, requested);
  const filing = (row.filing ?? {}) as Filing;
  // The organs the law itself offers (Art. 24(4) second sentence, Art. 28) are always among the choices.
  const lawful = competent?.ok ? [competent.organ, ...competent.alternatives.map((a) => a.organ)].map((o) => ({ id: o.id, name: o.name })) : [];
  const named = await q
    .select({ id: organs.id, name: organs.name })
    .from(organs)
    .where(inArray(organs.id, [row.centerOrganId, ...(row.organId ? [row.organId] : []), ...(row.respondentOrganId ? [row.respondentOrganId] : [])]));
  const nameOf = (id: string | null) => named.find((o) => o.id === id)?.name ?? null;
  const parties = await q
    .select({ role: caseParties.role, name: caseParties.name })
    .from(caseParties)
    .where(eq(caseParties.caseId, row.id))
    .orderBy(asc(caseParties.role), asc(caseParties.position));
  const { calendar, settings } = await loadDeadlineRules(q);
  const today = todayInShanghai(args.now ?? new Date());
  const act = filing.application?.act;
  return {
    caseNumber: row.caseNumber,
    machine: row.machine,
    state: row.state,
    version: row.version,
    channel: row.channel,
    category: row.category,
    applicantNames: row.applicantNames,
    receivedAt: row.receivedAt?.toISOString() ?? null,
    centerName: nameOf(row.centerOrganId) ?? "",
    organName: nameOf(row.organId),
    triageStatus: row.triageStatus === "pending" ? "pending" : "routed",
    triagedAt: row.triagedAt?.toISOString() ?? null,
    parties,
    reconsideration:
      row.machine === "reconsideration"
        ? {
            actTitle: act?.actTitle ?? "",
            actDocumentNumber: act?.actDocumentNumber ?? null,
            respondentName: nameOf(row.respondentOrganId),
            requests: filing.application?.requests?.requests ?? "",
            lastDayToApply: filing.lastDayToApply ?? null,
          }
        : null,
    mediation: row.machine === "mediation" ? { otherPartyName: filing.otherPartyName ?? "", happened: filing.happened ?? "", wantedOutcome: filing.wantedOutcome ?? "" } : null,
    disputeKind,
    suggestion,
    organOptions: await organOptions(q, row, suggestion, lawful),
    routings: await routingsOf(row.id, q),
    clock:
      row.triageStatus === "pending" && row.receivedAt
        ? triageClock(todayInShanghai(row.receivedAt), today, triageTarget(row.machine, settings), calendar, settings)
        : null,
    canRoute: row.roles.includes("center_clerk"),
  };
}

async function organOptions(q: Queryable, row: ItemRow, suggestion: Suggestion, lawful: { id: string; name: string }[]): Promise<{ id: string; name: string }[]> {
  const [center] = await q.select({ divisionCode: organs.divisionCode, parentId: organs.parentId }).from(organs).where(eq(organs.id, row.centerOrganId));
  const [government] = center?.parentId ? await q.select({ parentId: organs.parentId, divisionCode: organs.divisionCode }).from(organs).where(eq(organs.id, center.parentId)) : [];
  const [upper] = government?.parentId ? await q.select({ divisionCode: organs.divisionCode, level: organs.level }).from(organs).where(eq(organs.id, government.parentId)) : [];
  const divisions = [center.divisionCode, ...(upper && upper.level !== "region" ? [upper.divisionCode] : [])];
  const kinds = row.machine === "reconsideration" ? (["government", "department"] as const) : (["government", "department", "dispute_center", "mediation_committee", "court"] as const);
  const rows = await q
    .select({ id: organs.id, name: organs.name })
    .from(organs)
    .where(and(inArray(organs.divisionCode, divisions), inArray(organs.kind, [...kinds])))
    .orderBy(asc(organs.level), asc(organs.sortOrder), asc(organs.code))
    .limit(200);
  const first = [...(suggestion.organ ? [suggestion.organ] : []), ...lawful];
  const extra = first.filter((o, i) => !rows.some((r) => r.id === o.id) && first.findIndex((f) => f.id === o.id) === i);
  return [...extra, ...rows];
}

// ---------------------------------------------------------------------------------------------------------------
// Routing

export type RouteResult = { ok: true; version: number; organId: string } | CenterFailure;

const REASON_MAX = 500;
const cleanReason = (r: string | undefined | null) => (r ?? "").trim();

/** An organ a routing may name: any organ of the portal; reconsideration goes only to a government or department. */
async function validTarget(q: Queryable, organId: string | undefined, channel: Channel): Promise<{ id: string; name: string } | null> {
  if (!organId) return null;
  const organ = await organById(organId, q);
  if (!organ) return null;
  if (channel === "reconsideration" && organ.kind !== "government" && organ.kind !== "department") return null;
  return { id: organ.id, name: organ.name };
}

/**
 * The clerk's decision on a pending item: confirm the rules' suggestion, or override it (another channel or organ,
 * with a reason). One transaction on the version the clerk saw: a case_routings row, the organ, triage_status
 * "routed", triaged_at, the event; a mediation request also takes the machine's TRIAGE step (M2).
 */
export async function routeItem(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  decision: "confirm" | "override";
  disputeKind?: string | null;
  channel?: string | null;
  organId?: string | null;
  reason?: string | null;
  now?: Date;
  requestId?: string;
}): Promise<RouteResult> {
  const q = getDb();
  const row = await findItem(q, args.user, args.caseNumber);
  if (!row) return fail(404, "center.errors.notFound");
  if (!row.roles.includes("center_clerk")) return fail(403, "center.errors.clerkOnly");
  const requested = args.disputeKind ? (disputeKinds.includes(args.disputeKind as DisputeKind) ? (args.disputeKind as DisputeKind) : undefined) : null;
  if (requested === undefined) return fail(400, "center.errors.disputeKind", { errors: { disputeKind: "center.errors.disputeKind" } });
  const { suggestion, disputeKind } = await suggestionFor(q, row, requested);
  const reason = cleanReason(args.reason);
  if (reason.length > REASON_MAX) return fail(400, "center.errors.reasonTooLong", { errors: { reason: "center.errors.reasonTooLong" } });

  let channel: Channel;
  let target: { id: string; name: string } | null;
  if (args.decision === "confirm") {
    if (!suggestion.organ) return fail(400, "center.errors.noSuggestion");
    channel = suggestion.channel;
    target = suggestion.organ;
  } else {
    if (!channels.includes(args.channel as Channel)) return fail(400, "center.errors.channel", { errors: { channel: "center.errors.channel" } });
    channel = args.channel as Channel;
    if (row.machine === "reconsideration" && channel !== "reconsideration") {
      return fail(400, "center.errors.reconsiderationChannel", { errors: { channel: "center.errors.reconsiderationChannel" } });
    }
    target = await validTarget(q, args.organId ?? undefined, channel);
    if (!target) return fail(400, "center.errors.organ", { errors: { organId: "center.errors.organ" } });
    // Overriding the rules needs a reason; it is recorded and shown to the citizen.
    if (isOverride(suggestion, { channel, organId: target.id }) && !reason) {
      return fail(400, "center.errors.reasonRequired", { errors: { reason: "center.errors.reasonRequired" } });
    }
  }
  const overridden = isOverride(suggestion, { channel, organId: target.id });
  const now = args.now ?? new Date();
  const rules = await loadDeadlineRules(q);
  const stored = { item: suggestion.item, disputeKind, channel: suggestion.channel, organId: suggestion.organ?.id ?? null, organName: suggestion.organ?.name ?? null, reasonKey: suggestion.reasonKey, reasonValues: suggestion.reasonValues, basis: suggestion.basis };

  try {
    return await q.transaction(async (tx) => {
      const [current] = await tx.select({ version: cases.version, triageStatus: cases.triageStatus }).from(cases).where(eq(cases.id, row.id)).for("update");
      if (!current || current.version !== args.version) return conflict();
      if (current.triageStatus !== "pending") return fail(409, "center.errors.alreadyRouted");
      let version: number;
      if (row.machine === "mediation") {
        // M2: the machine checks the routing rules (a channel outside them needs the reason; 16.1(g) is refused).
        const applied = await applyCommandInTransaction(
          tx,
          {
            caseId: row.id,
            expectedVersion: args.version,
            command: {
              type: "TRIAGE",
              disputeKind,
              channel,
              organId: target!.id,
              ...(reason && !channelFitsRules(disputeKind, channel) ? { deviationReason: reason } : {}),
            },
            actor: { role: "center_clerk", userId: args.user.id },
            actorUserId: args.user.id,
            now,
            requestId: args.requestId,
          },
          rules,
        );
        version = applied.version;
        await tx.update(cases).set({ organId: target!.id, triageStatus: "routed", triagedAt: now, updatedAt: now }).where(eq(cases.id, row.id));
      } else {
        const bumped = await bumpCaseVersion(tx, row.id, args.version, { organId: target!.id, triageStatus: "routed", triagedAt: now, updatedAt: now });
        if (!bumped) return conflict();
        version = bumped.version;
      }
      await tx.insert(caseRoutings).values({
        caseId: row.id,
        fromOrganId: row.centerOrganId,
        toOrganId: target!.id,
        channel,
        suggestion: stored,
        overridden,
        reason: reason || null,
        actorId: args.user.id,
        routedAt: now,
      });
      await recordEvent(tx, {
        actorId: args.user.id,
        action: "case.routed",
        subjectType: "case",
        subjectId: row.id,
        payload: { from: row.centerOrganId, to: target!.id, channel, overridden, reason: reason || null, suggestion: { channel: stored.channel, organId: stored.organId, item: stored.item } },
        requestId: args.requestId,
        occurredAt: now,
      });
      return { ok: true as const, version, organId: target!.id };
    });
  } catch (error) {
    return rejection(error);
  }
}

function rejection(error: unknown): CenterFailure {
  if (error instanceof Rejected && !error.rejection.ok) {
    const r = error.rejection.reason;
    if (r.code === "VERSION_CONFLICT") return conflict();
    return fail(r.code === "NOT_FOUND" ? 404 : 400, "center.errors.refused", { message: r.message, messageEn: r.messageEn });
  }
  throw error;
}

/** Reconsideration states before acceptance: until the organ accepts, the application may still go elsewhere. */
const reroutableStates = ["SUBMITTED", "INTAKE_REVIEW", "AWAITING_SUPPLEMENT"];

/**
 * A later re-routing, by a clerk of the center or by the staff of the organ that has the item: another routing row,
 * the organ changed, the handler cleared; the citizen does not file again. The reason is required and shown to them.
 * A reconsideration case moves only before acceptance; a mediation request through the machine's TRANSFER (M3).
 */
export async function rerouteItem(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  organId: string;
  reason: string;
  now?: Date;
  requestId?: string;
}): Promise<RouteResult> {
  const q = getDb();
  if (!CASE_NUMBER_PATTERN.test(args.caseNumber)) return fail(404, "center.errors.notFound");
  const [row] = await q.select(itemColumns).from(cases).where(eq(cases.caseNumber, args.caseNumber));
  if (!row || !row.organId || (row.machine !== "reconsideration" && row.machine !== "mediation")) return fail(404, "center.errors.notFound");
  const viaCenter = row.centerOrganId ? await rolesOn(q, args.user, row.centerOrganId, clerkRoles) : [];
  const organRoles: Role[] = ["reconsideration_staff", "office_head"];
  const viaOrgan = await rolesOn(q, args.user, row.organId, organRoles);
  if (viaCenter.length === 0 && viaOrgan.length === 0) return fail(404, "center.errors.notFound");
  const reason = cleanReason(args.reason);
  if (!reason) return fail(400, "center.errors.reasonRequired", { errors: { reason: "center.errors.reasonRequired" } });
  if (reason.length > REASON_MAX) return fail(400, "center.errors.reasonTooLong", { errors: { reason: "center.errors.reasonTooLong" } });
  if (row.triageStatus === "pending") return fail(409, "center.errors.notRouted");
  const [last] = await q.select({ channel: caseRoutings.channel }).from(caseRoutings).where(eq(caseRoutings.caseId, row.id)).orderBy(desc(caseRoutings.routedAt)).limit(1);
  const channel = (last?.channel ?? (row.machine === "reconsideration" ? "reconsideration" : "administrative_mediation")) as Channel;
  const target = await validTarget(q, args.organId, channel);
  if (!target) return fail(400, "center.errors.organ", { errors: { organId: "center.errors.organ" } });
  if (target.id === row.organId) return fail(400, "center.errors.sameOrgan", { errors: { organId: "center.errors.sameOrgan" } });
  if (row.machine === "reconsideration" && !reroutableStates.includes(row.state)) return fail(409, "center.errors.tooLate");
  const now = args.now ?? new Date();
  const rules = await loadDeadlineRules(q);
  const actorRole: Role = viaCenter.length ? "center_clerk" : viaOrgan.includes("reconsideration_staff") ? "reconsideration_staff" : "office_head";
  try {
    return await q.transaction(async (tx) => {
      let version: number;
      if (row.machine === "mediation") {
        const applied = await applyCommandInTransaction(
          tx,
          {
            caseId: row.id,
            expectedVersion: args.version,
            command: { type: "TRANSFER", toOrganId: target.id, reason },
            actor: { role: actorRole, userId: args.user.id },
            actorUserId: args.user.id,
            now,
            requestId: args.requestId,
          },
          rules,
        );
        version = applied.version;
        await tx.update(cases).set({ organId: target.id, handlerId: null, updatedAt: now }).where(eq(cases.id, row.id));
      } else {
        const bumped = await bumpCaseVersion(tx, row.id, args.version, { organId: target.id, handlerId: null, updatedAt: now });
        if (!bumped) return conflict();
        version = bumped.version;
      }
      await tx.insert(caseRoutings).values({ caseId: row.id, fromOrganId: row.organId, toOrganId: target.id, channel, suggestion: {}, overridden: true, reason, actorId: args.user.id, routedAt: now });
      await recordEvent(tx, {
        actorId: args.user.id,
        action: "case.rerouted",
        subjectType: "case",
        subjectId: row.id,
        payload: { from: row.organId, to: target.id, channel, reason, by: actorRole },
        requestId: args.requestId,
        occurredAt: now,
      });
      return { ok: true as const, version, organId: target.id };
    });
  } catch (error) {
    return rejection(error);
  }
}

/**
 * Routes a pending item exactly as the rules suggest, as the first clerk of its center: for tests and demo data
 * that file a case and then need it in the organ's queue.
 */
export async function routeAsSuggested(args: { caseNumber: string; now?: Date }): Promise<RouteResult> {
  const q = getDb();
  const [row] = await q.select({ centerOrganId: cases.centerOrganId, version: cases.version }).from(cases).where(eq(cases.caseNumber, args.caseNumber));
  if (!row?.centerOrganId) return fail(404, "center.errors.notFound");
  const [clerk] = await q
    .select({ userId: roleMemberships.userId })
    .from(roleMemberships)
    .where(and(eq(roleMemberships.organId, row.centerOrganId), eq(roleMemberships.role, "center_clerk")))
    .limit(1);
  const user = clerk ? await loadUser(q, clerk.userId) : null;
  if (!user) return fail(404, "center.errors.notFound");
  return routeItem({ user, caseNumber: args.caseNumber, version: row.version, decision: "confirm", now: args.now });
}

// ---------------------------------------------------------------------------------------------------------------
// Items a clerk enters (/center/new)

export type NewItemResult = { ok: true; caseNumber: string; replayed: boolean } | (CenterFailure & { errors?: Record<string, string> });

/** A submission already made with this key by this clerk (a double click, a retry). */
async function existingEntry(q: Queryable, clerkId: string, key: string): Promise<{ ok: true; caseNumber: string; replayed: true } | null> {
  const [row] = await q
    .select({ caseNumber: cases.caseNumber })
    .from(cases)
    .where(and(isNull(cases.filedBy), eq(cases.idempotencyKey, key), sql`${cases.filing} ->> 'enteredBy' = ${clerkId}`));
  return row?.caseNumber ? { ok: true, caseNumber: row.caseNumber, replayed: true } : null;
}

const KEY = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * A walk-in application or a transferred item, entered by a clerk of the center. A reconsideration application is the
 * full application of Reg. Art. 19 (validated as an online one); at the desk it is oral and the machine issues the
 * 口头申请笔录 only when the applicant signed the record (Art. 22(3)). A mediation request is the online request's
 * content. One transaction per item: the case with its gap-free number, parties, first transition and events.
 */
export async function createCenterItem(args: {
  user: CurrentUser;
  centerId: string;
  source: string;
  kind: string;
  input: Record<string, unknown>;
  submissionKey: string;
  now?: Date;
  requestId?: string;
  /** The caller's transaction: the intake API records its own bookkeeping in the same one (the item is a savepoint in it). */
  db?: Queryable;
}): Promise<NewItemResult> {
  const q = args.db ?? getDb();
  const centers = await coveredCenters(args.user, clerkRoles, q);
  const center = centers.find((c) => c.id === args.centerId);
  if (!center) return fail(400, "center.errors.center", { errors: { centerId: "center.errors.center" } });
  if (!clerkSources.includes(args.source as ClerkSource)) return fail(400, "center.errors.source", { errors: { source: "center.errors.source" } });
  if (!itemKinds.includes(args.kind as ItemKind)) return fail(400, "center.errors.kind", { errors: { kind: "center.errors.kind" } });
  if (!KEY.test(args.submissionKey)) return fail(400, "errors.badRequest");
  const source = args.source as ClerkSource;
  const replay = await existingEntry(q, args.user.id, args.submissionKey);
  if (replay) return replay;
  return args.kind === "reconsideration"
    ? enterReconsideration({ ...args, center, source })
    : enterMediation({ ...args, center, source });
}

type EntryArgs = Parameters<typeof createCenterItem>[0] & { center: { id: string; code: string; divisionCode: string }; source: ClerkSource };

async function enterReconsideration(args: EntryArgs): Promise<NewItemResult> {
  const q = args.db ?? getDb();
  const now0 = args.now ?? new Date();
  const today = todayInShanghai(now0);
  const input = args.input as { applicants?: { applicants?: Record<string, unknown>[] }; act?: Record<string, unknown>; requests?: unknown };
  // One natural person applies at the desk (an organisation or several applicants file online or in writing).
  const raw = {
    applicants: { applicants: [{ ...(input.applicants?.applicants?.[0] ?? {}), kind: "person" }] },
    agents: { agents: [], thirdParties: [] },
    act: { normativeReview: "no", compensation: "no", ...(input.act ?? {}) },
    requests: input.requests ?? {},
    evidence: { evidence: [] },
  };
  const parsed = applicationSchema(today).safeParse(raw);
  if (!parsed.success) return fail(400, "errors.formHasErrors", { errors: fieldErrors(parsed.error) });
  const application = parsed.data;
  const signed = args.input.applicantSignedRecord === "yes" || args.input.applicantSignedRecord === "on";
  const competence = await competentOrganFor(application.act.respondentOrganId, q);
  if (!competence) return fail(400, "errors.formHasErrors", { errors: { "act.respondentOrganId": "errors.respondentRequired" } });
  // The competent organ numbers the case (as online); outside the portal, the center holds it until routed.
  const organ = competence.result.ok ? competence.result.organ : { id: args.center.id, code: args.center.code };
  const rules = await loadDeadlineRules(q);
  const lastDay = computeApplicationDeadline(
    { learnedOn: application.act.learnedOn, informed: application.act.informed === "yes", rightLearnedOn: application.act.rightLearnedOn ?? null },
    rules.calendar,
    rules.settings,
    today,
  );
  const filing = {
    application,
    competentOrgan: { organId: organ.id, derived: competence.result.ok ? competence.result.organ.id : null, article: competence.result.ok ? competence.result.article : null, override: null },
    lateReason: null,
    lastDayToApply: lastDay.due,
    electronicServiceConsent: false,
    source: args.source,
    enteredBy: args.user.id,
    applicantSignedRecord: signed,
  };
  const contentHash = sha256Hex(receiptContent("reconsideration", filing, []));
  const act = application.act;
  const machineState = newCase({
    onTheSpotPenalty: act.onTheSpotPenalty === "yes",
    failureToAct: act.failureToAct === "yes",
    reconsiderationFirst: reconsiderationFirst(act).required,
    respondentIsRegionGovernment: competence.respondent.kind === "government" && competence.respondent.level === "region",
    respondentIsOwnDepartment: competence.respondent.kind === "department" && competence.respondent.parentId === organ.id,
    electronicServiceConsent: false,
  });
  try {
    return await q.transaction(async (tx) => {
      const now = await lockSubmission(tx, args.user.id, args.submissionKey);
      const again = await existingEntry(tx, args.user.id, args.submissionKey);
      if (again) return again;
      const caseNumber = await nextCaseNumber(tx, "FY", organ, now);
      const [row] = await tx
        .insert(cases)
        .values({
          machine: "reconsideration",
          state: machineState.state,
          data: machineState,
          organId: organ.id,
          version: machineState.version,
          caseNumber,
          filedBy: null,
          channel: args.source,
          category: act.actKind,
          receivedAt: now,
          respondentOrganId: competence.respondent.id,
          actDocumentNumber: act.actDocumentNumber ?? null,
          applicantNames: application.applicants.applicants.map((a) => a.name).join(" "),
          idempotencyKey: args.submissionKey,
          contentHash,
          filing,
          centerOrganId: args.center.id,
          triageStatus: "pending",
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: cases.id });
      await recordEvent(tx, { actorId: args.user.id, action: "reconsideration.created", subjectType: "case", subjectId: row.id, payload: { state: "DRAFT", caseNumber }, requestId: args.requestId, occurredAt: now });
      await writeParties(tx, row.id, application);
      // T1 (+T2): the machine refuses an unsigned oral record (Art. 22(3)) — then nothing of this item is written.
      await applyCommandInTransaction(
        tx,
        {
          caseId: row.id,
          expectedVersion: machineState.version,
          command: { type: "SUBMIT", channel: submitChannel("reconsideration", args.source), ...(args.source === "walk_in" ? { applicantSignedRecord: signed } : {}) },
          actor: { role: "center_clerk", userId: args.user.id },
          actorUserId: args.user.id,
          now,
          requestId: args.requestId,
        },
        rules,
      );
      await recordEvent(tx, {
        actorId: args.user.id,
        action: "filing.received",
        subjectType: "case",
        subjectId: row.id,
        payload: { caseNumber, contentHash, organId: organ.id, centerId: args.center.id, source: args.source },
        requestId: args.requestId,
        occurredAt: now,
      });
      return { ok: true as const, caseNumber, replayed: false };
    });
  } catch (error) {
    const again = await existingEntry(q, args.user.id, args.submissionKey);
    if (again) return again;
    const failure = rejection(error);
    return failure.message?.includes("第二十二条第三款") ? { ...failure, errors: { applicantSignedRecord: "center.errors.signedRecord" } } : failure;
  }
}

async function enterMediation(args: EntryArgs): Promise<NewItemResult> {
  const q = args.db ?? getDb();
  const parsed = MediationRequestSchema.safeParse({
    ...Object.fromEntries(Object.entries(args.input).filter(([, v]) => typeof v === "string")),
    divisionCode: args.center.divisionCode,
    // Entered at the desk for someone without a portal account: service by other means.
    electronicServiceConsent: "no",
    submissionKey: args.submissionKey,
  });
  if (!parsed.success) return fail(400, "errors.formHasErrors", { errors: fieldErrors(parsed.error) });
  const { submissionKey, ...request } = parsed.data;
  const filing = { ...request, source: args.source, enteredBy: args.user.id };
  const contentHash = sha256Hex(receiptContent("mediation", filing, []));
  const machineState = newMediationRequest();
  const rules = await loadDeadlineRules(q);
  try {
    return await q.transaction(async (tx) => {
      const now = await lockSubmission(tx, args.user.id, submissionKey);
      const again = await existingEntry(tx, args.user.id, submissionKey);
      if (again) return again;
      const caseNumber = await nextCaseNumber(tx, "TJ", args.center, now);
      const [row] = await tx
        .insert(cases)
        .values({
          machine: "mediation",
          state: machineState.state,
          data: machineState,
          organId: args.center.id,
          version: machineState.version,
          caseNumber,
          filedBy: null,
          channel: args.source,
          category: request.category,
          receivedAt: now,
          applicantNames: request.applicantName,
          idempotencyKey: submissionKey,
          contentHash,
          filing,
          centerOrganId: args.center.id,
          triageStatus: "pending",
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: cases.id });
      await recordEvent(tx, { actorId: args.user.id, action: "mediation.created", subjectType: "case", subjectId: row.id, payload: { state: "DRAFT", caseNumber }, requestId: args.requestId, occurredAt: now });
      await tx.insert(caseParties).values([
        { caseId: row.id, role: "applicant", kind: "person", name: request.applicantName, details: { phone: request.applicantPhone }, position: 0 },
        { caseId: row.id, role: "other_party", kind: request.otherPartyKind, name: request.otherPartyName, details: { contact: request.otherPartyContact ?? null }, position: 0 },
      ]);
      await applyCommandInTransaction(
        tx,
        {
          caseId: row.id,
          expectedVersion: machineState.version,
          command: { type: "FILE_REQUEST", channel: submitChannel("mediation", args.source) },
          actor: { role: "center_clerk", userId: args.user.id },
          actorUserId: args.user.id,
          now,
          requestId: args.requestId,
        },
        rules,
      );
      await recordEvent(tx, {
        actorId: args.user.id,
        action: "filing.received",
        subjectType: "case",
        subjectId: row.id,
        payload: { caseNumber, contentHash, organId: args.center.id, source: args.source },
        requestId: args.requestId,
        occurredAt: now,
      });
      return { ok: true as const, caseNumber, replayed: false };
    });
  } catch (error) {
    const again = await existingEntry(q, args.user.id, submissionKey);
    if (again) return again;
    return rejection(error);
  }
}
