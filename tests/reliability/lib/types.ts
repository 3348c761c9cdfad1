// Shared shapes of the reliability harness (issue 8 req. 3): what every check returns, and what run.ts hands to it.
import type { Database } from "../../../db/client";
import type { CurrentUser } from "~/services/session.server";
import type { ServerProcess } from "./server";

/** One check's verdict: its counts are printed on one line with PASS/FAIL; `detail` says what was off. */
export interface CheckResult {
  name: string;
  counts: Record<string, number>;
  ok: boolean;
  detail?: string;
}

/** A signed-in account as its browser would hold it: the Cookie header value and the session's CSRF token. */
export interface Person {
  user: CurrentUser;
  /** "__Host-imr_session=<token>" (production cookie name), sent as the Cookie header. */
  cookie: string;
  csrf: string;
  /** The session token alone (for the log scan). */
  token: string;
}

export interface Citizen extends Person {
  phone: string;
  password: string;
}

/** Values the harness sent or used that must never appear in the server's log (R9). */
export class Secrets {
  readonly values = new Map<string, string>();
  add(kind: string, value: string | null | undefined): void {
    if (value && value.length >= 6) this.values.set(value, kind);
  }
  count(kind: string): number {
    let n = 0;
    for (const k of this.values.values()) if (k === kind) n++;
    return n;
  }
}

export interface HarnessContext {
  short: boolean;
  /** The run's own database, opened in this process (postgres.js), the app's services use it through getDb(). */
  database: Database;
  databaseUrl: string;
  server: ServerProcess;
  citizens: Citizen[];
  /** Two reconsideration staff of 呼和浩特市人民政府 (150100), for R4 (which signs them in: staff sessions idle out). */
  staff: [CurrentUser, CurrentUser];
  secrets: Secrets;
  /** Progress lines (stderr, so stdout keeps one line per check). */
  progress: (message: string) => void;
}
