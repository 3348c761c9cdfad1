// Scheduled jobs with pg-boss, on both engines: PostgreSQL through pg-boss's own pool, PGlite through a small adapter
// over the process's one embedded instance. Three jobs: every minute, apply the automatic transitions whose periods ran
// out (deemed acceptance, deemed abandonment, no reply, …); every ten minutes, send the deadline reminders (80 % and
// overdue, issue 5 req. 8; 3 working days before, issue 6 req. 10); every minute, dispatch the outbox's notifications
// (inbox, e-mail, SMS: notify.server.ts). Jobs are idempotent: running one twice changes nothing the second time.
import PgBoss from "pg-boss";
import type { Database } from "../../db/client";
import type { Mailer } from "./mail.server";
import { dispatchOutbox } from "./notify.server";
import { sendDeadlineReminders } from "./reminders.server";
import type { SmsProvider } from "./sms.server";
import { runDueTransitions } from "./transitions.server";

export const DEADLINES_QUEUE = "deadlines-tick";
export const REMINDERS_QUEUE = "deadline-reminders";
export const DISPATCH_QUEUE = "notifications-dispatch";

/** pg-boss's `db` option over PGlite: parameterless SQL may hold several statements (its migrations do). */
function pgliteExecutor(pglite: NonNullable<Database["pglite"]>) {
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        return (results[results.length - 1] ?? { rows: [] }) as { rows: unknown[] };
      }
      return (await pglite.query(text, values)) as { rows: unknown[] };
    },
  };
}

export interface Jobs {
  boss: PgBoss;
  /** Runs the deadline job now (for tests and admins), through the queue. */
  tick(): Promise<string | null>;
  /** Runs the reminder job now, through the queue. */
  remind(): Promise<string | null>;
  /** Runs the notification dispatcher now, through the queue. */
  dispatch(): Promise<string | null>;
  stop(): Promise<void>;
}

export async function startJobs(
  database: Database,
  options: {
    log: (msg: string, extra?: Record<string, unknown>) => void;
    schedule?: boolean;
    clock?: () => Date;
    /** The dispatcher's channels (tests); by default from the environment (SMTP_* or the file mailbox; the log SMS provider). */
    notify?: { mailer?: Mailer; sms?: SmsProvider };
  },
): Promise<Jobs> {
  const boss =
    database.engine === "postgres"
      ? new PgBoss({ connectionString: database.connectionString!, max: 2 })
      : new PgBoss({ db: pgliteExecutor(database.pglite!) } as ConstructorParameters<typeof PgBoss>[0] & object);
  boss.on("error", (error) => options.log("job queue error", { err: error }));
  await boss.start();
  await boss.createQueue(DEADLINES_QUEUE);
  const clock = options.clock ?? (() => new Date());
  await boss.work(DEADLINES_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const result = await runDueTransitions(clock());
    if (result.applied || result.rejected) options.log("automatic transitions applied", result);
  });
  await boss.createQueue(REMINDERS_QUEUE);
  await boss.work(REMINDERS_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const result = await sendDeadlineReminders(clock());
    if (result.created || result.dueSoon) options.log("deadline reminders sent", result);
  });
  await boss.createQueue(DISPATCH_QUEUE);
  // a shutdown stops the dispatcher after the row in hand (a run can hold 1,000 rows: seen on a slow machine, the
  // graceful stop then waited past its timeout and the database closed under the run)
  const stopping = new AbortController();
  await boss.work(DISPATCH_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const result = await dispatchOutbox({ now: clock(), log: options.log, mailer: options.notify?.mailer, sms: options.notify?.sms, signal: stopping.signal });
    if (result.claimed) options.log("notifications dispatched", { ...result });
  });
  if (options.schedule !== false) {
    await boss.schedule(DEADLINES_QUEUE, "* * * * *", {}, { tz: "Asia/Shanghai" });
    await boss.schedule(REMINDERS_QUEUE, "*/10 * * * *", {}, { tz: "Asia/Shanghai" });
    await boss.schedule(DISPATCH_QUEUE, "* * * * *", {}, { tz: "Asia/Shanghai" });
  }
  return {
    boss,
    tick: () => boss.send(DEADLINES_QUEUE, {}),
    remind: () => boss.send(REMINDERS_QUEUE, {}),
    dispatch: () => boss.send(DISPATCH_QUEUE, {}),
    stop: () => {
      stopping.abort();
      return boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
