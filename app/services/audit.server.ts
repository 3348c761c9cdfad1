// The audit log page's service (/admin/audit, issue 7 req. 6): the recorded verifications of the hash chain, and a
// verification run by an admin, recorded like the command's (db/audit.ts verifyAndRecord). Admins only.
import { desc, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { verifyAndRecord, type ChainResult } from "../../db/audit";
import { auditVerifications, users } from "../../db/schema/index";
import { can } from "~/domain/policy";
import { actorOf, type CurrentUser } from "./session.server";

export interface VerificationView {
  id: string;
  verifiedAt: string;
  source: "cli" | "web";
  command: string;
  actorName: string | null;
  rowsChecked: number;
  ok: boolean;
  brokenAt: number | null;
  reason: "hash" | "link" | null;
}

/** The latest verifications, newest first; null when the user may not see them. */
export async function listVerifications(args: { user: CurrentUser; limit?: number }): Promise<VerificationView[] | null> {
  if (!can(actorOf(args.user), "admin:view")) return null;
  const rows = await getDb()
    .select({
      id: auditVerifications.id,
      verifiedAt: auditVerifications.verifiedAt,
      source: auditVerifications.source,
      command: auditVerifications.command,
      actorName: users.displayName,
      rowsChecked: auditVerifications.rowsChecked,
      ok: auditVerifications.ok,
      brokenAt: auditVerifications.brokenAt,
      reason: auditVerifications.reason,
    })
    .from(auditVerifications)
    .leftJoin(users, eq(users.id, auditVerifications.actorId))
    .orderBy(desc(auditVerifications.verifiedAt), desc(auditVerifications.id))
    .limit(Math.min(Math.max(args.limit ?? 20, 1), 100));
  return rows.map((r) => ({ ...r, verifiedAt: r.verifiedAt.toISOString() }));
}

/** Verifies the chain now and records it as the admin's; null when the user is not an admin. */
export async function runVerification(args: { user: CurrentUser; now?: Date }): Promise<{ result: ChainResult; verificationId: string } | null> {
  if (!can(actorOf(args.user), "admin:view")) return null;
  return verifyAndRecord(getDb(), { source: "web", actorId: args.user.id, command: "/admin/audit" }, args.now);
}
