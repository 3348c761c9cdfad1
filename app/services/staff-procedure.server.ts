// The review procedure of an accepted case as its organ's staff run it (DOMAIN.md §6–7, §15.2 T10–T25): copy to the
// respondent, hearing of views, formal hearing, extension, suspension and resumption, termination, withdrawal and
// conversion to the ordinary procedure. Every command goes through the machine by `runStaffCommand`; what a form adds
// beyond the command (the hearing's panel, place, issues and record; the views heard) is written in the same transaction,
// the hearing row before the command so that the notice issued by it is rendered from it (documents are frozen at issue).
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Tx } from "../../db/client";
import { recordEvent } from "../../db/audit";
import { deadlines, hearings, organs, roleMemberships, users } from "../../db/schema/index";
import {
  availableProcedureIntents,
  checkHearingPanel,
  procedureFormSchemas,
  type ProcedureIntent,
  type ScheduleHearingForm,
} from "~/domain/case-procedure";
import { fieldErrors } from "~/domain/application";
import { todayInShanghai } from "~/domain/calendar";
import type { CaseState, CaseStateName, SuspensionGround } from "~/domain/machines/reconsideration";
import type { ShownDeadline } from "~/domain/deadlines";
import type { ExplanationStep } from "~/domain/periods";
import type { Role } from "~/domain/roles";
import type { CurrentUser } from "./session.server";
import { findHandledCase, runStaffCommand, type StaffCommandResult } from "./staff-cases.server";

export interface Person {
  id: string;
  name: string;
}

export interface ProcedurePage {
  caseNumber: string;
  state: CaseStateName;
  version: number;
  /** The role the user acts in on this case. */
  role: Role;
  procedure: "ordinary" | "simplified";
  today: string;
  acceptedAt: string | null;
  extensionUsed: boolean;
  viewsHeard: boolean;
  withdrawalRequested: boolean;
  suspension: { ground: SuspensionGround; since: string } | null;
  hearing: {
    date: string;
    place: string | null;
    issues: string | null;
    presiding: string | null;
    members: string[];
    clerk: string | null;
    outcome: string | null;
  } | null;
  deadlines: ShownDeadline[];
  intents: ProcedureIntent[];
  /** Who may sit on a hearing panel (Art. 50(3)): the office's reconsideration staff and heads. */
  panelCandidates: Person[];
  /** Who may keep the hearing record: the same, and the clerks of the organ's dispute center. */
  clerkCandidates: Person[];
}

/** The office's people, by organ: staff and heads of the case's organ; clerks also from its dispute center. */
async function peopleOf(q: Tx | ReturnType<typeof getDb>, organId: string): Promise<{ panel: Person[]; clerks: Person[] }> {
  const centers = await q
    .select({ id: organs.id })
    .from(organs)
    .where(and(eq(organs.parentId, organId), eq(organs.kind, "dispute_center")));
  const rows = await q
    .select({ id: users.id, name: users.displayName, role: roleMemberships.role, organId: roleMemberships.organId })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(
      and(
        eq(users.disabled, false),
        inArray(roleMemberships.organId, [organId, ...centers.map((c) => c.id)]),
        inArray(roleMemberships.role, ["reconsideration_staff", "office_head", "center_clerk"]),
      ),
    )
    .orderBy(asc(users.displayName));
  const unique = (list: typeof rows) => [...new Map(list.map((r) => [r.id, { id: r.id, name: r.name }])).values()];
  const panel = unique(rows.filter((r) => r.organId === organId && r.role !== "center_clerk"));
  const clerks = unique(rows.filter((r) => (r.organId === organId && r.role !== "center_clerk") || (r.organId !== organId && r.role === "center_clerk")));
  return { panel, clerks };
}

/** The procedure page of a case, or null (→ 404) when it does not exist or is outside the user's organs. */
export async function getProcedurePage(args: { user: CurrentUser; caseNumber: string; now?: Date }): Promise<ProcedurePage | null> {
  const q = getDb();
  const row = await findHandledCase(q, args.user, args.caseNumber);
  if (!row) return null;
  const data = row.data as CaseState;
  const deadlineRows = await q
    .select({
      kind: deadlines.kind,
      basis: deadlines.basis,
      startDate: deadlines.startDate,
      dueDate: deadlines.dueDate,
      status: deadlines.status,
      provisional: deadlines.provisional,
      explanation: deadlines.explanation,
    })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, row.id), inArray(deadlines.status, ["running", "paused"])))
    .orderBy(asc(deadlines.dueDate));
  const people = await peopleOf(q, row.organId);
  const [hearingRow] = await q
    .select({
      hearingDate: hearings.hearingDate,
      place: hearings.place,
      issues: hearings.issues,
      presidingId: hearings.presidingId,
      memberIds: hearings.memberIds,
      clerkId: hearings.clerkId,
      outcome: hearings.outcome,
    })
    .from(hearings)
    .where(eq(hearings.caseId, row.id))
    .orderBy(desc(hearings.createdAt))
    .limit(1);
  const names = new Map([...people.panel, ...people.clerks].map((p) => [p.id, p.name]));
  const state = row.state as CaseStateName;
  const hearing =
    data.hearing || hearingRow
      ? {
          date: data.hearing?.date ?? hearingRow!.hearingDate,
          place: hearingRow?.place ?? null,
          issues: hearingRow?.issues ?? null,
          presiding: hearingRow ? (names.get(hearingRow.presidingId) ?? null) : null,
          members: hearingRow ? (hearingRow.memberIds as string[]).map((id) => names.get(id) ?? "") : [],
          clerk: hearingRow ? (names.get(hearingRow.clerkId) ?? null) : null,
          outcome: data.hearing?.outcome ?? hearingRow?.outcome ?? null,
        }
      : null;
  return {
    caseNumber: row.caseNumber!,
    state,
    version: row.version,
    role: row.role,
    procedure: data.procedure,
    today: todayInShanghai(args.now ?? new Date()),
    acceptedAt: data.acceptedAt,
    extensionUsed: data.extensionUsed,
    viewsHeard: data.flags?.viewsHeard ?? false,
    withdrawalRequested: data.withdrawalRequested,
    suspension: data.suspension ? { ground: data.suspension.ground, since: data.suspension.since } : null,
    hearing,
    deadlines: deadlineRows.map((d) => ({ ...d, explanation: d.explanation as ExplanationStep[] })),
    intents: availableProcedureIntents(state, row.role),
    panelCandidates: people.panel,
    clerkCandidates: people.clerks,
  };
}

export type ProcedureResult = StaffCommandResult;

const invalid = (errors: Record<string, string>): ProcedureResult => ({
  ok: false,
  status: 400,
  code: "INVALID_FORM",
  formError: "procedure.error.form",
  errors,
});

async function latestHearing(tx: Tx, caseId: string) {
  const [row] = await tx.select({ id: hearings.id }).from(hearings).where(eq(hearings.caseId, caseId)).orderBy(desc(hearings.createdAt)).limit(1);
  return row ?? null;
}

/**
 * Runs one procedure form: reads it with its schema (bad input: 400, nothing written), then the machine command on the
 * version the user saw, with the form's own rows in the same transaction.
 */
export async function runProcedureCommand(args: {
  user: CurrentUser;
  caseNumber: string;
  version: number;
  intent: ProcedureIntent;
  form: Record<string, unknown>;
  now?: Date;
  requestId?: string;
}): Promise<ProcedureResult> {
  const parsed = procedureFormSchemas[args.intent].safeParse(args.form);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  // The form as the schema of `args.intent` read it (the switch below narrows the intent, not the parse result).
  const formOf = <K extends ProcedureIntent>(_intent: K) => parsed.data as z.output<(typeof procedureFormSchemas)[K]>;
  type Hook = (tx: Tx, c: { id: string }, now: Date) => Promise<void>;
  const run = (command: Parameters<typeof runStaffCommand>[1], hooks: { before?: Hook; after?: Hook } = {}): Promise<ProcedureResult> =>
    runStaffCommand(
      { ...args, ...(hooks.before ? { beforeCommand: hooks.before } : {}) },
      command,
      hooks.after ? (tx, c, _applied, now) => hooks.after!(tx, c, now) : undefined,
    );

  switch (args.intent) {
    case "serve_copy": {
      const f = formOf("serve_copy");
      return run(async () => ({ type: "SERVE_COPY_ON_RESPONDENT", respondentReceivedOn: f.respondentReceivedOn }));
    }
    case "views_heard": {
      const f = formOf("views_heard");
      const willing = f.willingToMediate === "not_asked" ? undefined : f.willingToMediate === "yes";
      return run(
        async () => ({ type: "RECORD_VIEWS_HEARD", mode: f.mode, ...(willing === undefined ? {} : { applicantWillingToMediate: willing }) }),
        {
          // Art. 49 (记录在案): the machine's views record holds mode and willingness; what was said is kept in the file's
          // event log, in the same transaction (the command has no field for it).
          after: async (tx, c, now) => {
            await recordEvent(tx, {
              actorId: args.user.id,
              action: "case.views_heard_record",
              subjectType: "case",
              subjectId: c.id,
              payload: { mode: f.mode, applicantWillingToMediate: willing ?? null, note: f.note, basis: "《行政复议法》第四十九条" },
              requestId: args.requestId,
              occurredAt: now,
            });
          },
        },
      );
    }
    case "schedule_hearing": {
      const f: ScheduleHearingForm = formOf("schedule_hearing");
      const row = await findHandledCase(getDb(), args.user, args.caseNumber);
      if (!row) return { ok: false, status: 404, code: "NOT_FOUND", formError: "staff.case.notFound" };
      const people = await peopleOf(getDb(), row.organId);
      const fault = checkHearingPanel(f, { staff: new Set(people.panel.map((p) => p.id)), clerks: new Set(people.clerks.map((p) => p.id)) });
      if (fault) return invalid({ [fault.field]: fault.message });
      return run(async () => ({ type: "SCHEDULE_HEARING", hearingDate: f.hearingDate, reason: f.reason }), {
        // Written first: the 听证通知书 the command issues names the place, the issues and the panel (6.12).
        before: async (tx, c, now) => {
          await tx.insert(hearings).values({
            caseId: c.id,
            hearingDate: f.hearingDate,
            place: f.place,
            presidingId: f.presidingId,
            memberIds: f.memberIds,
            clerkId: f.clerkId,
            issues: f.issues,
            createdAt: now,
          });
        },
      });
    }
    case "reschedule_hearing": {
      const f = formOf("reschedule_hearing");
      return run(async () => ({ type: "RESCHEDULE_HEARING", hearingDate: f.hearingDate, reason: f.reason }), {
        before: async (tx, c) => {
          const h = await latestHearing(tx, c.id);
          if (h) await tx.update(hearings).set({ hearingDate: f.hearingDate }).where(eq(hearings.id, h.id));
        },
      });
    }
    case "record_hearing": {
      const f = formOf("record_hearing");
      return run(
        async () => ({
          type: "RECORD_HEARING",
          outcome: f.outcome,
          ...(f.respondentHeadAttended === undefined ? {} : { respondentHeadAttended: f.respondentHeadAttended }),
        }),
        {
          // Before the command: the 听证笔录 it issues (when held) may be rendered from the record.
          before: async (tx, c) => {
            const h = await latestHearing(tx, c.id);
            if (h) await tx.update(hearings).set({ record: f.record, outcome: f.outcome }).where(eq(hearings.id, h.id));
          },
        },
      );
    }
    case "extend": {
      const f = formOf("extend");
      return run(async () => ({ type: "EXTEND_DECISION_PERIOD", days: f.days, reason: f.reason }));
    }
    case "suspend": {
      const f = formOf("suspend");
      return run(async () => ({
        type: "SUSPEND",
        ground: f.ground,
        explanation: f.explanation,
        ...(f.ground === "mediation_or_settlement"
          ? { applicantConsent: f.applicantConsent, respondentConsent: f.respondentConsent, settlementUnderway: f.settlementUnderway }
          : {}),
        ...(f.ground === "normative_document_review" && f.normativeDocumentWithinPower !== undefined
          ? { normativeDocumentWithinPower: f.normativeDocumentWithinPower }
          : {}),
      }));
    }
    case "resume": {
      const f = formOf("resume");
      return run(async () => ({ type: "RESUME", explanation: f.explanation }));
    }
    case "terminate": {
      const f = formOf("terminate");
      return run(async () => ({ type: "TERMINATE", ground: f.ground, explanation: f.explanation }));
    }
    case "approve_withdrawal":
      return run(async () => ({ type: "APPROVE_WITHDRAWAL" }));
    case "convert": {
      const f = formOf("convert");
      return run(async () => ({ type: "CONVERT_TO_ORDINARY", reason: f.reason }));
    }
  }
}
