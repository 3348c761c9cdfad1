// The invitation of the other party to an administrative mediation (DOMAIN.md §16 CONSENT_PENDING): mediation needs both
// sides (12.03 no forcing a party; 12.22 人民调解法 第十七条: if one party expressly refuses, there is no mediation; 12.24 a
// party may refuse). The forms' schemas, how long a link works, what state a link is in, and what the invitee is shown.
import * as z from "zod/mini";
import { normalizePhone } from "./account";
import { noControlChars } from "./application";
import { addWorkingDays, addCalendarDays, type Calendar, type IsoDate } from "./calendar";
import "~/locales/areas/apply";
import "~/locales/areas/mediation-invitation";

export const INVITATION_BASIS = "《人民调解法》第十七条（参照）；DOMAIN.md 12.03、12.22、12.24";
/** The link's path; the token is 32 random bytes in base64url (43 characters). */
export const INVITATION_PATH = "/mediation/invite/";
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const MAX_NOTE = 500;

export function invitationLink(token: string): string {
  return `${INVITATION_PATH}${token}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Forms. Error messages are i18n keys (app/locales/areas/mediation-invitation.ts).

const optionalPhone = z.pipe(
  z.optional(z.string().check(z.trim(), z.maxLength(30, "invite.errors.phone"))),
  z.transform((v: string | undefined, ctx) => {
    if (!v) return undefined;
    const p = normalizePhone(v);
    if (p) return p;
    ctx.issues.push({ code: "custom", message: "invite.errors.phone", input: v });
    return z.NEVER;
  }),
);
const optionalEmail = z.pipe(
  z.optional(z.string().check(z.trim(), z.maxLength(254, "invite.errors.email"))),
  z.transform((v: string | undefined, ctx) => {
    if (!v) return undefined;
    const e = z.email().safeParse(v.toLowerCase());
    if (e.success) return e.data;
    ctx.issues.push({ code: "custom", message: "invite.errors.email", input: v });
    return z.NEVER;
  }),
);

/** Staff send (or resend) the invitation: a mobile number and/or an e-mail address of the other party. */
export const SendInvitationFormSchema = z
  .object({ phone: optionalPhone, email: optionalEmail })
  .check(z.refine((v) => Boolean(v.phone || v.email), { message: "invite.errors.contactRequired", path: ["phone"] }));
export type SendInvitationForm = z.output<typeof SendInvitationFormSchema>;

const note = z
  .string()
  .check(z.trim(), z.minLength(1, "invite.errors.noteRequired"), z.maxLength(MAX_NOTE, "errors.textTooLong"), z.refine(noControlChars, "errors.textInvalid"));

/** Staff record an answer the other party gave by phone or in person (answered_via "recorded"), with a note. */
export const RecordAnswerFormSchema = z.object({
  answer: z.enum(["accepted", "declined"], { error: "invite.errors.answerRequired" }),
  note,
});
export type RecordAnswerForm = z.output<typeof RecordAnswerFormSchema>;

/** The invitee's own answer through the link: agree, or decline with an optional reason (12.24: no reason is owed). */
export const InvitationAnswerFormSchema = z.object({
  answer: z.enum(["accepted", "declined"], { error: "invite.errors.answerRequired" }),
  reason: z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(MAX_NOTE, "errors.textTooLong"), z.refine(noControlChars, "errors.textInvalid"))),
    z.transform((v: string | undefined) => (v ? v : undefined)),
  ),
});
export type InvitationAnswerForm = z.output<typeof InvitationAnswerFormSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Prefill from what the applicant wrote about the other party (free text: "电话 138…，住址 …").

const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** The mobile number and e-mail address found in the request's otherPartyContact, where they parse as such. */
export function contactFromText(text: string | null | undefined): { phone?: string; email?: string } {
  if (!text) return {};
  const out: { phone?: string; email?: string } = {};
  const m = text.match(MOBILE_IN_TEXT);
  const phone = m ? normalizePhone(m[0]) : null;
  if (phone) out.phone = phone;
  const e = text.match(EMAIL_IN_TEXT);
  if (e && z.email().safeParse(e[0].toLowerCase()).success) out.email = e[0].toLowerCase();
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// How long a link works.

/**
 * The consent period (setting mediationConsentWorkdays, default 5 WD; DOMAIN.md §16 "config, e.g. 5 WD"): the link
 * works to the end (24:00 Beijing time) of the Nth working day after the day it was sent (start day not counted, 11.03).
 */
export function invitationExpiry(args: {
  invitedAt: Date;
  workdays: number;
  calendar: Calendar;
  countMakeupWorkdays: boolean;
}): { lastDay: IsoDate; expiresAt: Date; provisional: boolean } {
  const sentOn = shanghaiDate(args.invitedAt);
  const r = addWorkingDays(sentOn, args.workdays, args.calendar, { countMakeupWorkdays: args.countMakeupWorkdays });
  // 24:00 of the last day in Beijing time is 16:00 UTC of that day
  const expiresAt = new Date(`${addCalendarDays(r.date, 1)}T00:00:00+08:00`);
  return { lastDay: r.date, expiresAt, provisional: r.provisional };
}

function shanghaiDate(at: Date): IsoDate {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// What state a link is in, and what it answers.

export interface InvitationRow {
  expiresAt: Date;
  answer: "accepted" | "declined" | null;
  answeredAt: Date | null;
  supersededAt: Date | null;
}

export type LinkStatus = "open" | "answered" | "superseded" | "expired" | "unknown" | "closed";

/**
 * Which page a link opens. An answer stays visible as such (the invitee sees what they said) even after expiry;
 * a replaced link never works; a request no longer waiting for consent ("closed": withdrawn, transferred, decided)
 * takes no answer.
 */
export function linkStatus(row: InvitationRow | null, now: Date, caseState?: string): LinkStatus {
  if (!row) return "unknown";
  if (row.answer) return "answered";
  if (row.supersededAt) return "superseded";
  if (now.getTime() >= row.expiresAt.getTime()) return "expired";
  if (caseState !== undefined && caseState !== "CONSENT_PENDING") return "closed";
  return "open";
}

/** The HTTP status of the page a link opens: 404 for a token we do not know, 410 for one that no longer works. */
export function linkHttpStatus(status: LinkStatus): 200 | 404 | 410 {
  return status === "open" ? 200 : status === "unknown" ? 404 : 410;
}

/**
 * Whether the other party consented, from the invitations of a case: the latest one that is not superseded counts
 * (a resend replaces the earlier link); null while it is unanswered (12.22: only an express refusal ends it).
 */
export function otherPartyAnswer(rows: ReadonlyArray<InvitationRow & { invitedAt: Date }>): "accepted" | "declined" | null {
  const live = rows.filter((r) => !r.supersededAt).sort((a, b) => b.invitedAt.getTime() - a.invitedAt.getTime());
  return live[0]?.answer ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// What the invitee is shown: enough to decide, nothing more. No phone, ID number or address of the applicant; the
// applicant's name as surname + 某 (the convention of 法释〔2016〕19号, as app/domain/anonymise.ts applies it).

const COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "呼延"];

/** 张海峰 → 张某; 欧阳明华 → 欧阳某; 其其格 (a Mongolian name, no surname) → 其某; an organisation's name is kept. */
export function maskedPartyName(name: string, kind: "person" | "organisation" = "person"): string {
  const n = name.trim();
  if (!n) return "";
  if (kind === "organisation") return n;
  const surname = n.length >= 3 && COMPOUND_SURNAMES.some((s) => n.startsWith(s)) ? n.slice(0, 2) : [...n][0];
  return `${surname}某`;
}

export interface InvitationView {
  organName: string;
  category: string;
  applicantName: string;
  /** The invitee's own name as the applicant gave it, so they recognise the matter. */
  inviteeName: string;
  lastDay: IsoDate;
  basis: string;
}

/** The facts the public page shows, from the request's stored filing (the wanted outcome and narrative stay out). */
export function invitationViewOf(args: {
  organName: string;
  category: string | null;
  applicantName: string;
  applicantKind?: "person" | "organisation";
  otherPartyName: string;
  expiresAt: Date;
}): InvitationView {
  return {
    organName: args.organName,
    category: args.category ?? "other",
    applicantName: maskedPartyName(args.applicantName, args.applicantKind ?? "person"),
    inviteeName: args.otherPartyName,
    lastDay: shanghaiDate(new Date(args.expiresAt.getTime() - 1)),
    basis: INVITATION_BASIS,
  };
}

/** The contact as a list shows it: the mobile number's last four digits, the e-mail's first character and domain. */
export function maskedContact(contact: { phone?: string; email?: string }): { phone?: string; email?: string } {
  const out: { phone?: string; email?: string } = {};
  if (contact.phone) out.phone = `${contact.phone.slice(0, 3)}****${contact.phone.slice(-4)}`;
  if (contact.email) {
    const [local, domain] = contact.email.split("@");
    out.email = `${local.slice(0, 1)}***@${domain ?? ""}`;
  }
  return out;
}
