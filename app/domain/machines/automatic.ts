// Automatic transitions: which system command the law triggers when a state is reached (T2 follows T1 at once), and
// which when a period runs out (deemed acceptance 3.04, deemed abandonment 3.06, no reply 5.03, the 60-day
// suspension 7.09, the committee's period 6.23, a letter's report period 10.05/10.07). The scheduler and the transition service read these tables;
// they hold no rule of their own.
import type { IsoDate, MachineName, TimerKey } from "./common";

type Command = { type: string } & Record<string, unknown>;

/** States the law moves on from at once, with the system command that does it. */
export const immediateFollowUps: Partial<Record<MachineName, Record<string, Command>>> = {
  reconsideration: { SUBMITTED: { type: "BEGIN_INTAKE_REVIEW" } }, // T2, Art. 30(1)
};

/** The command an expired running period triggers, given the period's last day. */
export const expiryCommands: Partial<Record<MachineName, Partial<Record<TimerKey, (lastDay: IsoDate) => Command>>>> = {
  reconsideration: {
    acceptance_review: (lastDay) => ({ type: "INTAKE_PERIOD_EXPIRED", periodEndedOn: lastDay }), // T8 deemed acceptance, 3.04
    supplement: () => ({ type: "SUPPLEMENT_PERIOD_EXPIRED" }), // T6 deemed abandonment, 3.06
    respondent_reply: () => ({ type: "REPLY_PERIOD_EXPIRED" }), // T11 no reply, 5.03
    suspension_60: () => ({ type: "SUSPENSION_PERIOD_EXPIRED" }), // T22, 7.09
  },
  consultation: {
    // C5-expired, DOMAIN.md §17 / 6.23: the committee's period (a setting) ran out without a record: the head and the
    // handler are alerted once; members can still answer (their own reminders: committee-member.server.ts)
    committee_opinion: () => ({ type: "COMMITTEE_PERIOD_EXPIRED" }),
  },
  letter: {
    opinion_letter_report: () => ({ type: "REPORT_PERIOD_EXPIRED" }), // L5, Art. 76: 60 days from receipt, no report
    suggestion_letter_reply: () => ({ type: "REPORT_PERIOD_EXPIRED" }), // L5, the feedback period (a setting, 10.07)
  },
};

/** Every (machine, period) pair whose expiry triggers a command: the scheduler looks only at these deadlines. */
export const expiringPeriods: { machine: MachineName; kind: TimerKey }[] = Object.entries(expiryCommands).flatMap(([machine, byKind]) =>
  Object.keys(byKind ?? {}).map((kind) => ({ machine: machine as MachineName, kind: kind as TimerKey })),
);
