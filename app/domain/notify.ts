// Notifications (issue 6 req. 10), the pure part: which targets of a machine's notify effect the portal can resolve to
// accounts, which channels a recipient gets, the idempotency key of one delivery, the retry backoff, how a phone
// number appears in a log line, and the "3 working days before the due date" reminder rule with the person who must act.
import type { IsoDate } from "./calendar";
import type { NotifyTarget } from "./machines/common";
import type { PeriodKey } from "./periods";

export const deliveryChannels = ["inbox", "email", "sms"] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

// ---------------------------------------------------------------------------------------------------------------
// Targets.

/** The targets that name accounts of the portal; "parties" is the applicant and the respondent (当事人, Art. 14–16). */
export type ResolvableTarget = "applicant" | "respondent" | "handler" | "office_head" | "committee_members" | "center_clerk" | "recipient_organ";

const expansions: Partial<Record<NotifyTarget, readonly ResolvableTarget[]>> = {
  applicant: ["applicant"],
  respondent: ["respondent"],
  parties: ["applicant", "respondent"],
  handler: ["handler"],
  office_head: ["office_head"],
  committee_members: ["committee_members"],
  center_clerk: ["center_clerk"],
  recipient_organ: ["recipient_organ"],
};

/** Why a target reaches nobody in the portal (logged by the dispatcher). */
const unresolvable: Partial<Record<NotifyTarget, string>> = {
  third_parties: "third parties have no accounts in the portal; they are served on paper",
  other_party: "the other side of a mediation has no account in the portal",
  higher_department: "the higher department is reached by the 抄告 document, not by an account",
};

export function expandTarget(to: string): { ok: true; targets: readonly ResolvableTarget[] } | { ok: false; reason: string } {
  const targets = expansions[to as NotifyTarget];
  if (targets) return { ok: true, targets };
  return { ok: false, reason: unresolvable[to as NotifyTarget] ?? `unknown notify target "${to}"` };
}

// ---------------------------------------------------------------------------------------------------------------
// Channels and keys.

/** Inbox always; e-mail when the account has an address; SMS for a citizen with a mobile number. */
export function channelsFor(user: { email: string | null; phone: string | null; citizen: boolean }): DeliveryChannel[] {
  const channels: DeliveryChannel[] = ["inbox"];
  if (user.email) channels.push("email");
  if (user.citizen && user.phone) channels.push("sms");
  return channels;
}

/**
 * One delivery: outbox message × recipient × channel. Unique in notification_deliveries, the inbox row's dedupe key,
 * the e-mail's Message-ID (local part) and envelope id: dots only, so it is a valid RFC 5322 dot-atom.
 */
export function deliveryKey(outboxId: string, userId: string, channel: DeliveryChannel): string {
  return `${outboxId}.${userId}.${channel}`;
}

export function messageIdFor(key: string, domain: string): string {
  return `<${key}@${domain}>`;
}

/** The domain of a From address ("平台 <noreply@gov.example>" → "gov.example"); a fixed one when there is none. */
export function mailDomain(from: string): string {
  const m = from.match(/@([A-Za-z0-9.-]+\.[A-Za-z]{2,})>?\s*$/);
  return m ? m[1].toLowerCase() : "im-portal.invalid";
}

/** After this many claims an outbox message is given up (its open deliveries are marked failed). */
export const MAX_ATTEMPTS = 10;
/** How long a claimed message stays invisible to other dispatchers: longer than any send may take. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** Wait before the next try after `attempts` failed ones: 1, 2, 4, … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** A mobile number as a log line may show it: the last four digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.length >= 4 ? `*******${digits.slice(-4)}` : "***";
}

// ---------------------------------------------------------------------------------------------------------------
// The 3-working-day reminder (issue 6 req. 10: "3 WD before a due date … to the person who must act").

export const DUE_SOON_WORKING_DAYS = 3;
export const DUE_SOON_BASIS = "本平台提醒规则：期限届满前 3 个工作日提醒应当办理的人（工作日依《行政复议法》第八十八条第二款计算）";

/**
 * Who must act before each period ends. null: nobody the portal should urge — the committee members' period has its
 * own reminders (consultation), and the periods of the applicant's own choices (to apply, to sue) are information.
 */
export const periodActors: Record<PeriodKey, ResolvableTarget | null> = {
  application: null,
  application_uninformed: null,
  acceptance_review: "handler",
  supplement: "applicant",
  forward_32: "handler",
  copy_to_respondent: "handler",
  copy_to_respondent_simplified: "handler",
  respondent_reply: "respondent",
  respondent_reply_simplified: "respondent",
  hearing_notice: "handler",
  committee_opinion: null,
  norm_notify: "handler",
  norm_reply: "handler",
  norm_handle: "handler",
  norm_forward: "handler",
  norm_forwarded_reply: "handler",
  decision: "handler",
  decision_simplified: "handler",
  decision_extension: "handler",
  suspension_60: "handler",
  suit_after_decision: null,
  redo_act: "respondent",
  performance_period: "respondent",
  order_to_perform: "respondent",
  opinion_letter_report: "recipient_organ",
  suggestion_letter_reply: "recipient_organ",
  judicial_confirmation: "applicant",
  mediation_triage: "center_clerk",
  mediation_transfer: "center_clerk",
  mediation_accept: "handler",
  mediation_accept_complex: "handler",
  mediation_period: "handler",
  mediation_followup: "handler",
  petition_routing: "center_clerk",
};

/** Periods not in the table (a key added later) go to the handler, the office's person for the case. */
export function periodActor(kind: string): ResolvableTarget | null {
  return kind in periodActors ? periodActors[kind as PeriodKey] : "handler";
}

/**
 * Whether the 3-WD reminder is due today: the period is running and not yet over, at most 3 working days are left
 * (working days d with today < d ≤ due), and the whole period is longer than that — a period of 3 WD or less was
 * announced when it started, so the reminder would only repeat the notice.
 */
export function dueSoonReminderDue(args: {
  today: IsoDate;
  dueDate: IsoDate;
  /** workingDaysBetween(today, dueDate) */
  workingDaysLeft: number;
  /** workingDaysBetween(startDate, dueDate) */
  workingDaysInPeriod: number;
}): boolean {
  if (args.today > args.dueDate) return false;
  return args.workingDaysLeft <= DUE_SOON_WORKING_DAYS && args.workingDaysInPeriod > DUE_SOON_WORKING_DAYS;
}

/** Once per deadline and due date: a due date moved by an extension or a pause gets its own reminder. */
export function dueSoonKey(deadlineId: string, dueDate: IsoDate): string {
  return `deadline:${deadlineId}:${dueDate}:3wd`;
}

// ---------------------------------------------------------------------------------------------------------------
// What a message shows.

/** The values a message template may use: the scalar entries of the effect's data. */
export function messageVars(data: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === "string" || typeof v === "number") out[k] = v;
  }
  return out;
}

/** Where the recipient reads more, by the way they stand to the case; null when no page shows it to them. */
export function hrefFor(target: ResolvableTarget, c: { caseNumber: string | null; machine: string; processId: string }): string | null {
  if (target === "committee_members") return c.machine === "consultation" ? `/committee/${c.processId}` : null;
  // an opinion or suggestion letter (Art. 76, Reg. 57(2)) has its own pages: the receiving organ's and the office's
  if (c.machine === "letter") {
    if (target === "recipient_organ" || target === "respondent") return `/agency/letters/${c.processId}`;
    if (target === "applicant" || target === "center_clerk") return null;
    return `/staff/letters/${c.processId}`;
  }
  if (!c.caseNumber) return null;
  const n = encodeURIComponent(c.caseNumber);
  switch (target) {
    case "applicant":
      return `/my/cases/${n}`;
    case "respondent":
    case "recipient_organ":
      return c.machine === "reconsideration" ? `/agency/cases/${n}` : null;
    case "center_clerk":
      return `/center/items/${n}`;
    default:
      // the organ's staff: a mediation request has its own page (/staff/mediation), a case the case page
      return c.machine === "mediation" ? `/staff/mediation/${n}` : `/staff/cases/${n}`;
  }
}
