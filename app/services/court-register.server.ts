// The court-appearance register (出庭应诉登记, issue 7 req. 2; DOMAIN.md 14.01–14.11): an organ's legal staff, its
// reconsideration office and heads record each instance of an administrative lawsuit against one of the organs their
// memberships cover, with the hearings and who appeared; /stats counts the head appearance rate from these rows.
// Entries of organs the user does not cover are never read or written (404). Every change is audited.
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { getDb, type Queryable } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { courtAppearances, organs } from "../../db/schema/index";
import { todayInShanghai } from "~/domain/calendar";
import { courtRegisterRoles, storedHearings, toCourtInstance, type CourtInstanceInput } from "~/domain/court-register";
import type { IsoDate } from "~/domain/machines/common";
import type { Role } from "~/domain/roles";
import { countInstance, headAppearanceRate, periodOf, type CourtInstance } from "~/domain/statistics";
import { loadSettings } from "./calendar.server";
import { organSubtreeIds } from "./organs.server";
import type { CurrentUser } from "./session.server";

export const registerRoles: readonly Role[] = courtRegisterRoles;

export type RegisterFailure = { ok: false; status: 400 | 403 | 404 | 409; formError: string };
const fail = (status: RegisterFailure["status"], formError: string): RegisterFailure => ({ ok: false, status, formError });

/** The organs whose register the user keeps: their memberships in a register role, with subordinates where granted. */
export async function registerOrgans(q: Queryable, user: CurrentUser): Promise<{ id: string; name: string }[]> {
  const ms = user.memberships.filter((m) => registerRoles.includes(m.role));
  if (ms.length === 0) return [];
  const below = await organSubtreeIds(
    q,
    ms.filter((m) => m.includeSubordinates).map((m) => m.organId),
  );
  const ids = [...new Set([...ms.map((m) => m.organId), ...below])];
  const rows: { id: string; name: string }[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    rows.push(...(await q.select({ id: organs.id, name: organs.name }).from(organs).where(inArray(organs.id, ids.slice(i, i + 1000)))));
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
}

export interface RegisterEntry {
  id: string;
  organId: string;
  organName: string;
  court: string;
  lawsuitNumber: string;
  firstInstanceNumber: string | null;
  instance: CourtInstance["instance"];
  cause: string;
  registeredOn: IsoDate;
  hearings: ReturnType<typeof storedHearings>;
  absenceReason: string | null;
  /** How the entry counts (14.04, 14.11): not heard in court, head appeared, no qualifying head, absent when renotified. */
  counts: ReturnType<typeof countInstance>;
}

export interface RegisterView {
  organs: { id: string; name: string }[];
  entries: RegisterEntry[];
  /** The rate of this calendar year over the organs the user covers (the /stats definition). */
  year: string;
  rate: ReturnType<typeof headAppearanceRate>;
}

function entryOf(r: typeof courtAppearances.$inferSelect & { organName: string }): RegisterEntry {
  const hearings = storedHearings(r.hearings);
  const entry = {
    id: r.id,
    organId: r.organId,
    organName: r.organName,
    court: r.court,
    lawsuitNumber: r.lawsuitNumber,
    firstInstanceNumber: r.firstInstanceNumber,
    instance: r.instance,
    cause: r.cause,
    registeredOn: r.registeredOn,
    hearings,
    absenceReason: r.absenceReason,
  };
  return { ...entry, counts: countInstance(toCourtInstance(entry)) };
}

/** The register rows of these organs (for /stats and the register page). */
export async function courtInstancesOf(q: Queryable, organIds: readonly string[]): Promise<RegisterEntry[]> {
  const out: RegisterEntry[] = [];
  for (let i = 0; i < organIds.length; i += 1000) {
    const part = organIds.slice(i, i + 1000);
    const rows = await q
      .select({ row: courtAppearances, organName: organs.name })
      .from(courtAppearances)
      .innerJoin(organs, eq(organs.id, courtAppearances.organId))
      .where(inArray(courtAppearances.organId, part))
      .orderBy(desc(courtAppearances.registeredOn), desc(courtAppearances.createdAt));
    out.push(...rows.map((r) => entryOf({ ...r.row, organName: r.organName })));
  }
  return out;
}

export async function getRegister(args: { user: CurrentUser; now?: Date }): Promise<RegisterView> {
  const q = getDb();
  const covered = await registerOrgans(q, args.user);
  const entries = await courtInstancesOf(
    q,
    covered.map((o) => o.id),
  );
  const year = todayInShanghai(args.now ?? new Date()).slice(0, 4);
  const settings = await loadSettings(q);
  return { organs: covered, entries, year, rate: headAppearanceRate(entries.map(toCourtInstance), { period: periodOf(year), settings }) };
}

export async function getEntry(args: { user: CurrentUser; id: string }): Promise<RegisterEntry | null> {
  const q = getDb();
  const covered = new Set((await registerOrgans(q, args.user)).map((o) => o.id));
  const [row] = await q
    .select({ row: courtAppearances, organName: organs.name })
    .from(courtAppearances)
    .innerJoin(organs, eq(organs.id, courtAppearances.organId))
    .where(eq(courtAppearances.id, args.id));
  if (!row || !covered.has(row.row.organId)) return null;
  return entryOf({ ...row.row, organName: row.organName });
}

/** Records a new instance, or corrects one (`id`), for an organ the user covers. The case number is unique per organ. */
export async function saveEntry(args: {
  user: CurrentUser;
  input: CourtInstanceInput;
  id?: string | null;
  requestId?: string | null;
}): Promise<{ ok: true; id: string } | RegisterFailure> {
  const q = getDb();
  return q.transaction(async (tx: Queryable) => {
    const covered = new Set((await registerOrgans(tx, args.user)).map((o) => o.id));
    if (!covered.has(args.input.organId)) return fail(404, "court.errors.notFound");
    const i = args.input;
    const values = {
      organId: i.organId,
      court: i.court,
      lawsuitNumber: i.lawsuitNumber,
      firstInstanceNumber: i.instance === "first" ? null : i.firstInstanceNumber,
      instance: i.instance,
      cause: i.cause,
      registeredOn: i.registeredOn,
      hearings: i.hearings.map((h) => ({ on: h.on, appeared: h.appeared, appearedName: h.appearedName, headRenotified: h.headRenotified })),
      absenceReason: i.absenceReason,
      recordedBy: args.user.id,
      updatedAt: new Date(),
    };
    const [same] = await tx
      .select({ id: courtAppearances.id })
      .from(courtAppearances)
      .where(
        and(
          eq(courtAppearances.organId, i.organId),
          eq(courtAppearances.lawsuitNumber, i.lawsuitNumber),
          ...(args.id ? [ne(courtAppearances.id, args.id)] : []),
        ),
      );
    if (same) return fail(409, "court.errors.duplicate");
    let id: string;
    let before: unknown = null;
    if (args.id) {
      const [old] = await tx.select().from(courtAppearances).where(eq(courtAppearances.id, args.id)).for("update");
      if (!old || !covered.has(old.organId)) return fail(404, "court.errors.notFound");
      before = { organId: old.organId, lawsuitNumber: old.lawsuitNumber, instance: old.instance, hearings: old.hearings, absenceReason: old.absenceReason };
      await tx.update(courtAppearances).set(values).where(eq(courtAppearances.id, args.id));
      id = args.id;
    } else {
      const [row] = await tx.insert(courtAppearances).values(values).returning({ id: courtAppearances.id });
      id = row!.id;
    }
    const counted = countInstance(toCourtInstance({ id, ...values }));
    await recordEvent(tx, {
      actorId: args.user.id,
      action: args.id ? "court_appearance.corrected" : "court_appearance.recorded",
      subjectType: "organ",
      subjectId: i.organId,
      payload: {
        entryId: id,
        lawsuitNumber: i.lawsuitNumber,
        instance: i.instance,
        hearings: values.hearings.map((h) => ({ on: h.on, appeared: h.appeared, headRenotified: h.headRenotified })),
        counted,
        ...(before ? { before } : {}),
      },
      requestId: args.requestId ?? null,
    });
    return { ok: true as const, id };
  });
}
