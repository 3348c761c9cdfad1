// Publishing reconsideration decisions (issue 7 req. 3): what may be published, the anonymised copy and its public
// title, who may approve it, and the forms. 《行政复议法》第七十九条第一款 (DOMAIN.md 10.09): the organ publishes its
// 行政复议决定书 "根据被申请行政复议的行政行为的公开情况，按照国家有关规定"; the personal information in it is protected by
// 《政府信息公开条例》第十五条 (no disclosure of personal privacy) and 《个人信息保护法》第三十四条, so the public sees only the
// anonymised copy (app/domain/anonymise.ts, the courts' method of 法释〔2016〕19号), never the original.
// Decisions taken here, and why:
// - Only a 行政复议决定书 that has taken effect is published: it takes effect on service (Art. 75(2), DOMAIN.md 9.14);
//   a 调解书, notices and an unserved decision are not decisions in force.
// - Art. 79(1) ties publication to the disclosure of the act challenged: the proposer states it; a decision on an act
//   that was not made public is not published. State and business secrets are never published (条例第十四条、第十五条):
//   the proposer confirms there are none.
// - Four eyes: the copy is approved by an office head of the deciding organ who did not propose it (as decision-draft.ts
//   separates drafting from approval); rejecting publishes nothing, so the proposer may also reject.
import * as z from "zod/mini";
import {
  anonymise,
  findLeaks,
  replacementKinds,
  type ReplacementKind,
} from "./anonymise";
import type { RenderedDocument } from "./documents";
import "~/locales/areas/publication";

export const PUBLICATION_BASIS = "《行政复议法》第七十九条第一款";
export const PRIVACY_BASIS =
  "《政府信息公开条例》第十五条；《个人信息保护法》第三十四条";

/** The states of a reconsideration case in which its decision is in force (served, Art. 75(2)) — and after. */
export const publishableCaseStates = [
  "DECISION_EFFECTIVE",
  "PERFORMANCE_MONITORING",
  "PERFORMANCE_REPORTED",
  "ORDERED_TO_PERFORM",
  "REFERRED",
  "CLOSED",
] as const;

export interface Refusal {
  code: string;
  message: string;
  messageEn: string;
}

export interface PublishableFacts {
  machine: string;
  /** The case's state and its decision's service date (CaseState.decision.servedOn). */
  caseState: string;
  servedOn: string | null;
  /** The document proposed: its kind (a key of machines/common.ts). */
  documentKind: string;
}

/**
 * Why this document may not be published, or null when it may: a 行政复议决定书 of a reconsideration case that has
 * taken effect by service (《行政复议法》第七十五条第二款, 第七十九条第一款).
 */
export function publicationRefusal(f: PublishableFacts): Refusal | null {
  if (f.machine !== "reconsideration" || f.documentKind !== "decision") {
    return {
      code: "not_a_decision",
      message:
        "只有行政复议决定书可以向社会公开（《行政复议法》第七十九条第一款）。",
      messageEn:
        "Only a reconsideration decision can be published (Art. 79(1)).",
    };
  }
  if (
    !f.servedOn ||
    !(publishableCaseStates as readonly string[]).includes(f.caseState)
  ) {
    return {
      code: "not_effective",
      message:
        "行政复议决定书送达后才发生法律效力，送达前不能公开（《行政复议法》第七十五条第二款）。",
      messageEn:
        "The decision takes effect on service; it cannot be published before it is served (Art. 75(2)).",
    };
  }
  return null;
}

/**
 * The steps a publication takes after it is proposed, each from one status only: the reviewer approves (it becomes
 * public) or rejects it; an approved copy can be withdrawn. A step from any other status is a conflict (someone else
 * already reviewed or withdrew it).
 */
type PublicationStatus = "proposed" | "approved" | "rejected" | "withdrawn";
export const publicationSteps = {
  approve: { from: "proposed", to: "approved" },
  reject: { from: "proposed", to: "rejected" },
  withdraw: { from: "approved", to: "withdrawn" },
} as const satisfies Record<string, { from: PublicationStatus; to: PublicationStatus }>;
export type PublicationStep = keyof typeof publicationSteps;

export interface ReviewFacts {
  /** Whether the reviewer is an office head whose membership covers the deciding organ (policy "case:approve"). */
  reviewerIsOfficeHeadOfOrgan: boolean;
  reviewerId: string;
  proposedBy: string | null;
}

/** Four eyes: only an office head of the deciding organ approves, and never the one who proposed the copy. */
export function approvalRefusal(f: ReviewFacts): Refusal | null {
  if (!f.reviewerIsOfficeHeadOfOrgan) {
    return {
      code: "not_office_head",
      message:
        "公开文本须由作出决定的行政复议机关的行政复议机构负责人审核同意。",
      messageEn:
        "The public copy must be approved by an office head of the deciding organ.",
    };
  }
  if (f.proposedBy !== null && f.proposedBy === f.reviewerId) {
    return {
      code: "own_proposal",
      message:
        "不能审核同意自己提议公开的决定书，请由另一位负责人审核（双人复核）。",
      messageEn:
        "You cannot approve a publication you proposed; another office head must review it (four eyes).",
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// The anonymised copy.

/** The text of a rendered document as it is read: title, number, the paragraphs and lists, the organ and the date. */
export function documentText(doc: RenderedDocument): string {
  const lines = [
    doc.title,
    ...(doc.number ? [doc.number] : []),
    ...(doc.addressee ? [doc.addressee] : []),
  ];
  lines.push(
    ...doc.paragraphs,
    ...doc.list.map((item, i) => `${i + 1}. ${item}`),
    doc.organName,
    documentDateText(doc.date)
  );
  return lines.filter((l) => l.trim() !== "").join("\n");
}

function documentDateText(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(
        date.slice(8, 10)
      )}日`
    : date;
}

export type RedactionCounts = Partial<Record<ReplacementKind, number>>;

export interface AnonymisedCopy {
  title: string;
  text: string;
  /** What was removed, by kind, without the values (the column decision_publications.redactions). */
  redactions: RedactionCounts;
}

export interface CopySource {
  document: RenderedDocument;
  /** The natural persons of the case (parties, agents, representatives) by name. */
  personNames: readonly string[];
  respondentName: string | null;
  /** The act challenged as the applicant named it (行政处罚决定书, …), if any. */
  actName: string | null;
}

function countsOf(kinds: readonly ReplacementKind[]): RedactionCounts {
  const out: RedactionCounts = {};
  for (const k of kinds) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/** The public title: what the decision is about, with no person named (the act's name is the applicant's words). */
export function publicTitle(
  source: Pick<CopySource, "respondentName" | "actName" | "personNames">
): string {
  const act = source.actName?.trim()
    ? source.actName.trim().slice(0, 60)
    : "行政行为";
  const raw = `关于${
    source.respondentName ?? "被申请人"
  }作出的${act}的行政复议决定书`;
  return anonymise(raw, { names: source.personNames }).text.slice(0, MAX_TITLE);
}

/**
 * The anonymised copy of a decision (法释〔2016〕19号 第九条、第十条 as applied by anonymise.ts): names → surname + 某,
 * numbers, phones, plates and addresses below the county removed, organisations kept. The case number of the portal is
 * not part of the public copy; the 文号 is.
 */
export function anonymisedCopy(source: CopySource): AnonymisedCopy {
  const result = anonymise(documentText(source.document), {
    names: source.personNames,
  });
  return {
    title: publicTitle(source),
    text: result.text,
    redactions: countsOf(result.replacements.map((r) => r.kind)),
  };
}

export interface CopyCheck {
  /** Values from the case record (party names, ID numbers, phones, addresses) still readable: publication is refused. */
  leaks: string[];
  /** What the anonymiser would still remove (by kind and the text found): the reviewer must confirm each is no personal information. */
  warnings: { kind: ReplacementKind; text: string }[];
}

/** Re-checks a (corrected) copy before approval: against the case's own secrets, and with the anonymiser again. */
export function checkCopy(
  copy: { title: string; text: string },
  secrets: readonly string[],
  personNames: readonly string[]
): CopyCheck {
  const whole = `${copy.title}\n${copy.text}`;
  const leaks = findLeaks(whole, secrets);
  const seen = new Set<string>();
  const warnings = anonymise(whole, { names: personNames }).replacements.filter(
    (r) => {
      const key = `${r.kind}:${r.original}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }
  );
  return {
    leaks,
    warnings: warnings.map((w) => ({ kind: w.kind, text: w.original })),
  };
}

/** The values of the case record that must never be public: names of natural persons, their ID numbers, phones, addresses. */
export function secretsOfParties(
  parties: readonly { kind: string; name: string; details: unknown }[]
): string[] {
  const out: string[] = [];
  for (const p of parties) {
    const d = (p.details ?? {}) as Record<string, unknown>;
    if (p.kind === "person") out.push(p.name);
    for (const key of [
      "idNumber",
      "phone",
      "address",
      "representativeName",
      "representativeIdNumber",
      "representativePhone",
      "contact",
    ]) {
      const v = d[key];
      if (typeof v === "string" && v.trim().length >= 2) out.push(v.trim());
    }
  }
  return [...new Set(out)];
}

/** The natural persons' names of a case (a party that is an organisation keeps its name, 法释〔2016〕19号 第九条). */
export function personNamesOf(
  parties: readonly { kind: string; name: string; details: unknown }[]
): string[] {
  const out: string[] = [];
  for (const p of parties) {
    if (p.kind === "person") out.push(p.name);
    const rep = (p.details as Record<string, unknown> | null)
      ?.representativeName;
    if (typeof rep === "string" && rep.trim()) out.push(rep.trim());
  }
  return [...new Set(out.map((n) => n.trim()).filter((n) => n.length >= 2))];
}

/** The year of an ISO date, for the public filter. */
export const yearOf = (isoDate: string | null): number | null =>
  isoDate && /^\d{4}/.test(isoDate) ? Number(isoDate.slice(0, 4)) : null;

/** A short piece of the text around the first place `term` occurs (or its opening), for the public list. */
export function snippetOf(
  text: string,
  term: string | null,
  around = 60
): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const at = term ? flat.toLowerCase().indexOf(term.toLowerCase()) : -1;
  if (at < 0)
    return flat.length > around * 2 ? `${flat.slice(0, around * 2)}…` : flat;
  const start = Math.max(0, at - around);
  const end = Math.min(flat.length, at + term!.length + around);
  return `${start > 0 ? "…" : ""}${flat.slice(start, end)}${
    end < flat.length ? "…" : ""
  }`;
}

// ---------------------------------------------------------------------------------------------------------------
// Forms. Messages are locale keys (app/locales/areas/publication.ts).

export const MAX_TITLE = 200;
export const MAX_PUBLIC_TEXT = 60_000;
export const MAX_NOTE = 2_000;
export const MAX_SEARCH = 50;
export const PUBLIC_PAGE_SIZE = 20;

const checkbox = z.pipe(
  z.optional(z.enum(["yes"], { error: "errors.badRequest" })),
  z.transform((v: "yes" | undefined) => v === "yes"),
);

/** Art. 79(1): whether the act challenged was itself made public (its 公开情况). */
export const actDisclosures = ["public", "not_public"] as const;

/** 提议公开: the proposer states the act's disclosure and that there are no secrets; the copy is generated. */
export const ProposePublicationFormSchema = z
  .object({
    actDisclosure: z.enum(actDisclosures, {
      error: "publication.errors.actDisclosure",
    }),
    noSecrets: checkbox,
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.actDisclosure === "not_public")
        ctx.addIssue({
          code: "custom",
          path: ["actDisclosure"],
          message: "publication.errors.actNotPublic",
        });
      if (!v.noSecrets)
        ctx.addIssue({
          code: "custom",
          path: ["noSecrets"],
          message: "publication.errors.noSecrets",
        });
    }),
  );
export type ProposePublicationForm = z.output<
  typeof ProposePublicationFormSchema
>;

const publicationId = z.uuid({ error: "errors.badRequest" });

/** The office head's review: approve the (corrected) copy, or reject it with the reason. */
export const ReviewPublicationFormSchema = z
  .object({
    publicationId,
    decision: z.enum(["approve", "reject"], { error: "errors.badRequest" }),
    title: z
      .string({ error: "publication.errors.title" })
      .check(z.trim(), z.minLength(1, "publication.errors.title"), z.maxLength(MAX_TITLE, "publication.errors.tooLong")),
    text: z
      .string({ error: "publication.errors.text" })
      .check(z.trim(), z.minLength(1, "publication.errors.text"), z.maxLength(MAX_PUBLIC_TEXT, "publication.errors.tooLong")),
    reason: z.pipe(
      z.optional(z.string().check(z.trim(), z.maxLength(MAX_NOTE, "publication.errors.tooLong"))),
      z.transform((v: string | undefined) => v ?? ""),
    ),
    /** The reviewer confirms that what the anonymiser still flags is no personal information (e.g. a place name). */
    acknowledgeWarnings: checkbox,
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.decision === "reject" && !v.reason)
        ctx.addIssue({
          code: "custom",
          path: ["reason"],
          message: "publication.errors.rejectReason",
        });
    }),
  );
export type ReviewPublicationForm = z.output<
  typeof ReviewPublicationFormSchema
>;

/** Taking a published copy down: always with the reason. */
export const WithdrawPublicationFormSchema = z.object({
  publicationId,
  reason: z
    .string({ error: "publication.errors.withdrawReason" })
    .check(z.trim(), z.minLength(1, "publication.errors.withdrawReason"), z.maxLength(MAX_NOTE, "publication.errors.tooLong")),
});

/** The public list's query (GET): search words, organ, year, page. Anything else → 400. */
export const PublicSearchSchema = z.object({
  q: z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(MAX_SEARCH, "publication.errors.search"))),
    z.transform((v: string | undefined) => (v ? v : null)),
  ),
  organ: z.pipe(
    z.optional(z.union([z.literal(""), z.uuid({ error: "publication.errors.organ" })])),
    z.transform((v: string | undefined) => (v ? v : null)),
  ),
  year: z.pipe(
    z.optional(z.union([z.literal(""), z.string().check(z.regex(/^(19|20)\d{2}$/, "publication.errors.year"))])),
    z.transform((v: string | undefined) => (v ? Number(v) : null)),
  ),
  page: z.pipe(
    z.optional(z.union([z.literal(""), z.string().check(z.regex(/^[1-9]\d{0,3}$/, "publication.errors.page"))])),
    z.transform((v: string | undefined) => (v ? Number(v) : 1)),
  ),
});
export type PublicSearch = z.output<typeof PublicSearchSchema>;

export { replacementKinds };
