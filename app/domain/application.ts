// The reconsideration application (行政复议申请书, DOMAIN.md 1.01–1.34 and §19) as the citizen fills it in: one zod
// schema per step of /apply/reconsideration (the same schema on the client with react-hook-form and in the action),
// the whole application as filed, and the checks shown before submission, each with its article.
// Form values are strings (what a form posts, with or without JavaScript); field names are dotted paths
// ("applicants.0.name"), parsed into objects by parseNestedForm. Error messages are i18n keys (app/locales).
// zod/mini (same package, functional API): the step page ships these schemas to the citizen, without the classic zod.
import * as z from "zod/mini";
import { normalizePhone } from "./account";
import { parseDateInput } from "./date-input";
import type { IsoDate } from "./calendar";
import { checkCreditCode, checkResidentId } from "./identity";
import { preprocess } from "./preprocess";
import { noControlChars } from "./text";
import "~/locales/areas/apply";

export const MAX_APPLICANTS = 50;
/** Reg. Art. 8: more than five applicants elect one to five representatives. */
export const REPRESENTATIVES_FROM = 6;
export const MAX_REPRESENTATIVES = 5;
/** Art. 17(1): one or two agents. */
export const MAX_AGENTS = 2;
export const MAX_THIRD_PARTIES = 20;
export const MAX_EVIDENCE_ITEMS = 50;

export const applicationSteps = ["applicants", "agents", "act", "requests", "evidence", "review"] as const;
export type ApplicationStep = (typeof applicationSteps)[number];

/** Art. 11's fifteen kinds of challengeable act, in the statute's order (DOMAIN.md 1.17). */
export const actKinds = [
  "penalty",
  "compulsory_measure",
  "licensing",
  "natural_resources",
  "expropriation",
  "compensation_decision",
  "work_injury",
  "business_autonomy",
  "competition",
  "illegal_levy",
  "failure_to_protect",
  "benefits_not_paid",
  "administrative_agreement",
  "information_disclosure",
  "other",
] as const;
export type ActKind = (typeof actKinds)[number];

/** Art. 21: acts concerning real property have the 20-year absolute cut-off, others 5 years. */
export const realPropertyActKinds: readonly ActKind[] = ["natural_resources", "expropriation"];

export const agentTypes = ["lawyer", "legal_worker", "other"] as const;

const text = (requiredKey: string, max: number, tooLongKey = "errors.textTooLong") =>
  z.string({ error: requiredKey }).check(z.trim(), z.minLength(1, requiredKey), z.maxLength(max, tooLongKey), z.refine(noControlChars, "errors.textInvalid"));
const optionalText = (max: number) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, "errors.textTooLong"), z.refine(noControlChars, "errors.textInvalid"))),
    z.transform((v: string | undefined) => (v ? v : undefined)),
  );
const yesNo = (requiredKey: string) => z.enum(["yes", "no"], { error: requiredKey });

export { noControlChars };

/** A birth date: the same formats as other dates, from 1900 on. */
export function parseBirthDate(raw: string, today: IsoDate): { ok: true; date: IsoDate } | { ok: false; error: string } {
  const m = raw.trim().match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u);
  if (!m) return { ok: false, error: "errors.dateFormat" };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return { ok: false, error: "errors.dateNotExist" };
  const date = `${m[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (date > today) return { ok: false, error: "errors.dateFuture" };
  return { ok: true, date };
}

function pastDate(requiredKey: string, today: IsoDate, parse: typeof parseDateInput = parseDateInput) {
  return z.pipe(
    z.string({ error: requiredKey }).check(z.maxLength(40, "errors.dateFormat"), z.trim(), z.minLength(1, requiredKey)),
    z.transform((value: string, ctx) => {
      const checked = parse(value, today);
      if (checked.ok) return checked.date;
      ctx.issues.push({ code: "custom", message: checked.error, input: value });
      return z.NEVER;
    }),
  );
}

const phone = z.pipe(
  z.string({ error: "errors.phoneRequired" }).check(z.trim(), z.minLength(1, "errors.phoneRequired"), z.maxLength(30, "errors.phoneInvalid")),
  z.transform((v: string, ctx) => {
    const p = normalizePhone(v) ?? (/^0\d{2,3}-?\d{7,8}$/.test(v.replace(/\s/g, "")) ? v.replace(/\s/g, "") : null);
    if (p) return p;
    ctx.issues.push({ code: "custom", message: "errors.phoneInvalid", input: v });
    return z.NEVER;
  }),
);

const idNumber = z.pipe(
  z.string({ error: "errors.idNumberRequired" }).check(z.maxLength(40, "errors.idNumberFormat")),
  z.transform((v: string, ctx) => {
    const r = checkResidentId(v);
    if (r.ok) return r.value;
    ctx.issues.push({ code: "custom", message: r.error, input: v });
    return z.NEVER;
  }),
);

const creditCode = z.pipe(
  z.string({ error: "errors.creditCodeRequired" }).check(z.maxLength(40, "errors.creditCodeFormat")),
  z.transform((v: string, ctx) => {
    const r = checkCreditCode(v);
    if (r.ok) return r.value;
    ctx.issues.push({ code: "custom", message: r.error, input: v });
    return z.NEVER;
  }),
);

const checkbox = z.pipe(
  z.optional(z.union([z.literal("on"), z.literal("yes"), z.literal("")])),
  z.transform((v: "on" | "yes" | "" | undefined) => v === "on" || v === "yes"),
);

function personApplicant(today: IsoDate) {
  return z
    .object({
      kind: z.literal("person"),
      name: text("errors.nameRequired", 50, "errors.nameTooLong"),
      sex: z.enum(["male", "female"], { error: "errors.sexRequired" }),
      birthDate: pastDate("errors.birthDateRequired", today, parseBirthDate),
      idNumber,
      address: text("errors.addressRequired", 200),
      phone,
      employer: optionalText(100),
      representative: checkbox,
    })
    .check(
      z.superRefine((p, ctx) => {
        // The ID number carries the birth date and sex: a mismatch is almost always a typing error.
        const id = checkResidentId(p.idNumber);
        if (id.ok && id.birthDate !== p.birthDate) ctx.addIssue({ code: "custom", path: ["idNumber"], message: "errors.idNumberBirthMismatch" });
        else if (id.ok && id.sex !== p.sex) ctx.addIssue({ code: "custom", path: ["idNumber"], message: "errors.idNumberSexMismatch" });
      }),
    );
}

const organisationApplicant = z.object({
  kind: z.literal("organisation"),
  name: text("errors.orgNameRequired", 100, "errors.nameTooLong"),
  creditCode,
  address: text("errors.addressRequired", 200),
  legalRepresentative: text("errors.legalRepresentativeRequired", 50, "errors.nameTooLong"),
  phone,
  representative: checkbox,
});

export function applicantSchema(today: IsoDate) {
  return z.discriminatedUnion("kind", [personApplicant(today), organisationApplicant], { error: "errors.applicantKindRequired" });
}
export type Applicant = z.output<ReturnType<typeof applicantSchema>>;

/** Step 1: who applies (Art. 14; Reg. Arts. 8, 19). */
export function applicantsStepSchema(today: IsoDate) {
  return z
    .object({
      applicants: z
        .array(applicantSchema(today), { error: "errors.applicantRequired" })
        .check(z.minLength(1, "errors.applicantRequired"), z.maxLength(MAX_APPLICANTS, "errors.tooManyApplicants")),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.applicants.length >= REPRESENTATIVES_FROM) {
          const n = v.applicants.filter((a) => a.representative).length;
          if (n < 1 || n > MAX_REPRESENTATIVES) ctx.addIssue({ code: "custom", path: ["applicants"], message: "errors.representativesCount" });
        }
        const ids = v.applicants.map((a) => (a.kind === "person" ? a.idNumber : a.creditCode));
        ids.forEach((id, i) => {
          if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["applicants", i, a(v.applicants[i])], message: "errors.applicantDuplicate" });
        });
      }),
    );
}
const a = (x: Applicant) => (x.kind === "person" ? "idNumber" : "creditCode");

export const agentSchema = z.object({
  name: text("errors.nameRequired", 50, "errors.nameTooLong"),
  type: z.enum(agentTypes, { error: "errors.agentTypeRequired" }),
  idNumber,
  phone,
  organisation: optionalText(100),
  /** The uploaded power of attorney (授权委托书, Art. 17(2)): a file id of this draft. */
  powerOfAttorneyFileId: z.string({ error: "errors.powerOfAttorneyRequired" }).check(z.uuid("errors.powerOfAttorneyRequired")),
});

export const thirdPartySchema = z.object({
  name: text("errors.nameRequired", 100, "errors.nameTooLong"),
  contact: optionalText(200),
});

/** Step 2: agents (Art. 17) and third parties (Art. 16). */
export const agentsStepSchema = z.object({
  agents: z._default(z.array(agentSchema).check(z.maxLength(MAX_AGENTS, "errors.tooManyAgents")), []),
  thirdParties: z._default(z.array(thirdPartySchema).check(z.maxLength(MAX_THIRD_PARTIES, "errors.tooManyThirdParties")), []),
});

/** Step 3: the respondent and the act (Arts. 11, 13, 19, 20, 23, 72). */
export function actStepSchema(today: IsoDate) {
  return z
    .object({
      respondentOrganId: z.string({ error: "errors.respondentRequired" }).check(z.uuid("errors.respondentRequired")),
      actTitle: text("errors.actTitleRequired", 200),
      actDocumentNumber: optionalText(100),
      actKind: z.enum(actKinds, { error: "errors.actKindRequired" }),
      madeOn: pastDate("errors.madeOnRequired", today),
      learnedOn: pastDate("errors.learnedOnRequired", today),
      informed: yesNo("errors.informedRequired"),
      // An empty date field (posted when the organ did tell) is no answer; the refinement below requires one for "no".
      rightLearnedOn: preprocess((v) => (v === "" ? undefined : v), z.optional(pastDate("errors.rightLearnedOnRequired", today))),
      onTheSpotPenalty: yesNo("errors.answerRequired"),
      failureToAct: yesNo("errors.answerRequired"),
      normativeReview: yesNo("errors.answerRequired"),
      normativeDocument: optionalText(200),
      compensation: yesNo("errors.answerRequired"),
      compensationClaim: optionalText(2000),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.learnedOn < v.madeOn) ctx.addIssue({ code: "custom", path: ["learnedOn"], message: "errors.learnedBeforeMade" });
        if (v.informed === "no" && !v.rightLearnedOn) ctx.addIssue({ code: "custom", path: ["rightLearnedOn"], message: "errors.rightLearnedOnRequired" });
        if (v.informed === "no" && v.rightLearnedOn && v.rightLearnedOn < v.learnedOn)
          ctx.addIssue({ code: "custom", path: ["rightLearnedOn"], message: "errors.rightBeforeAct" });
        if (v.normativeReview === "yes" && !v.normativeDocument) ctx.addIssue({ code: "custom", path: ["normativeDocument"], message: "errors.normativeDocumentRequired" });
        if (v.compensation === "yes" && !v.compensationClaim) ctx.addIssue({ code: "custom", path: ["compensationClaim"], message: "errors.compensationClaimRequired" });
      }),
    );
}
export type ActStep = z.output<ReturnType<typeof actStepSchema>>;

/** Step 4: requests, facts and reasons (Reg. Art. 19), and the parallel-suit question (Art. 29). */
export const requestsStepSchema = z.object({
  requests: text("errors.requestsRequired", 2000),
  factsAndReasons: text("errors.factsRequired", 10000),
  suedInCourt: yesNo("errors.answerRequired"),
});

export const evidenceItemSchema = z.object({
  description: text("errors.evidenceDescriptionRequired", 200),
  fileId: z.optional(z.string().check(z.uuid("errors.fileRequired"))),
});

/** Step 5: the evidence list; files are uploaded one by one and listed with their description. */
export const evidenceStepSchema = z.object({
  evidence: z._default(z.array(evidenceItemSchema).check(z.maxLength(MAX_EVIDENCE_ITEMS, "errors.tooManyFiles")), []),
});

/** Step 6: review and submit: the checks, service consent, the declaration and the submission key. */
export const reviewStepSchema = z.object({
  lateReason: optionalText(2000),
  competentOrganOverrideId: z.pipe(
    z.pipe(
      z.optional(z.string()),
      z.transform((v: string | undefined) => (v ? v : undefined)),
    ),
    z.optional(z.string().check(z.uuid("errors.organInvalid"))),
  ),
  competentOrganOverrideReason: optionalText(500),
  electronicServiceConsent: yesNo("errors.answerRequired"),
  declaration: z.literal("yes", { error: "errors.declarationRequired" }),
  submissionKey: z.string({ error: "errors.badRequest" }).check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, "errors.badRequest")),
});

export function stepSchema(step: ApplicationStep, today: IsoDate) {
  switch (step) {
    case "applicants":
      return applicantsStepSchema(today);
    case "agents":
      return agentsStepSchema;
    case "act":
      return actStepSchema(today);
    case "requests":
      return requestsStepSchema;
    case "evidence":
      return evidenceStepSchema;
    case "review":
      return reviewStepSchema;
  }
}

/** The application as filed: every step, validated together. */
export function applicationSchema(today: IsoDate) {
  return z.object({
    applicants: applicantsStepSchema(today),
    agents: agentsStepSchema,
    act: actStepSchema(today),
    requests: requestsStepSchema,
    evidence: evidenceStepSchema,
  });
}
export type Application = z.output<ReturnType<typeof applicationSchema>>;

/** Art. 23(1): reconsideration must come before any suit (复议前置). */
export function reconsiderationFirst(act: Pick<ActStep, "onTheSpotPenalty" | "failureToAct" | "actKind">): { required: boolean; grounds: string[] } {
  const grounds: string[] = [];
  if (act.onTheSpotPenalty === "yes") grounds.push("on_the_spot_penalty");
  if (act.actKind === "natural_resources") grounds.push("natural_resources");
  if (act.failureToAct === "yes") grounds.push("failure_to_act");
  if (act.actKind === "information_disclosure") grounds.push("information_disclosure");
  return { required: grounds.length > 0, grounds };
}

export type FindingSeverity = "block" | "needs_answer" | "info";
export interface Finding {
  code: "parallel_suit" | "late" | "absolute_cutoff" | "reconsideration_first" | "duplicate" | "competent_organ" | "competent_external" | "separate_acts";
  severity: FindingSeverity;
  /** The article that makes the rule, quoted as the statute names it. */
  article: string;
  /** i18n key of the explanation; vars fill its placeholders. */
  messageKey: string;
  vars?: Record<string, string | number>;
}

/** Adds whole years to an ISO date; 29 February falls back to 28 February. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * The checks before submission (issue 4 req. 3). `lastDay` is the Art. 20 application deadline computed by the law
 * engine; `duplicates` the citizen's earlier filings on the same act. A "block" finding stops submission; a
 * "needs_answer" finding needs the late-filing reason.
 */
export function assessApplication(input: {
  act: Pick<ActStep, "onTheSpotPenalty" | "failureToAct" | "actKind" | "madeOn">;
  suedInCourt: "yes" | "no";
  today: IsoDate;
  lastDay: { due: IsoDate; passed: boolean } | null;
  duplicates: { caseNumber: string; receivedOn: string }[];
}): Finding[] {
  const findings: Finding[] = [];
  if (input.suedInCourt === "yes") {
    findings.push({ code: "parallel_suit", severity: "block", article: "《行政复议法》第二十九条第二款", messageKey: "checks.parallelSuit" });
  }
  const years = realPropertyActKinds.includes(input.act.actKind) ? 20 : 5;
  const cutoff = addYears(input.act.madeOn, years);
  if (input.today > cutoff) {
    findings.push({ code: "absolute_cutoff", severity: "needs_answer", article: "《行政复议法》第二十一条", messageKey: "checks.absoluteCutoff", vars: { years, cutoff } });
  } else if (input.lastDay?.passed) {
    findings.push({ code: "late", severity: "needs_answer", article: "《行政复议法》第二十条", messageKey: "checks.late", vars: { due: input.lastDay.due } });
  }
  if (reconsiderationFirst(input.act).required) {
    findings.push({ code: "reconsideration_first", severity: "info", article: "《行政复议法》第二十三条", messageKey: "checks.reconsiderationFirst" });
  }
  for (const d of input.duplicates) {
    findings.push({ code: "duplicate", severity: "info", article: "《行政复议法》第三十条第一款第七项", messageKey: "checks.duplicate", vars: { caseNumber: d.caseNumber, receivedOn: d.receivedOn } });
  }
  findings.push({ code: "separate_acts", severity: "info", article: "《行政复议法》第二十二条第四款", messageKey: "checks.separateActs" });
  return findings;
}

/** Whether the findings allow submission: no block, and a reason given where one is needed. */
export function submissionAllowed(findings: readonly Finding[], lateReason: string | undefined): { ok: true } | { ok: false; code: Finding["code"]; messageKey: string } {
  const block = findings.find((f) => f.severity === "block");
  if (block) return { ok: false, code: block.code, messageKey: block.messageKey };
  const needs = findings.find((f) => f.severity === "needs_answer");
  if (needs && !lateReason) return { ok: false, code: needs.code, messageKey: "errors.lateReasonRequired" };
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading dotted form fields into objects.

/** A plain word or an index without leading zeros ("07" and "7" would otherwise be two fields for one item). */
const SAFE_SEGMENT = /^(?:[A-Za-z][A-Za-z0-9]{0,40}|0|[1-9]\d{0,2})$/;
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * "applicants.0.name" → { applicants: [{ name }] }. Only string values; unknown or hostile keys ("__proto__",
 * "constructor", segments that are not plain words or small indexes) are dropped, never merged.
 */
export function parseNestedForm(
  entries: Iterable<[string, FormDataEntryValue]>,
  options: { skip?: (key: string) => boolean; onDropped?: (key: string) => void } = {},
): Record<string, unknown> {
  const root: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of entries) {
    if (typeof value !== "string" || options.skip?.(key)) continue;
    const parts = key.split(".");
    if (parts.length > 4 || !parts.every((p) => SAFE_SEGMENT.test(p) && !FORBIDDEN_SEGMENTS.has(p))) {
      options.onDropped?.(key);
      continue;
    }
    let node: Record<string, unknown> | null = root;
    for (let i = 0; i < parts.length - 1 && node; i++) {
      const next: unknown = node[parts[i]];
      if (next === undefined) node[parts[i]] = Object.create(null);
      // "a.b" after a plain "a": the first value wins; the key is dropped, not moved up a level.
      node = next === undefined || typeof next === "object" ? (node[parts[i]] as Record<string, unknown>) : null;
    }
    const leaf = parts[parts.length - 1];
    if (node && !(leaf in node)) node[leaf] = value;
    else options.onDropped?.(key);
  }
  return arraysFromIndexes(root) as Record<string, unknown>;
}

function arraysFromIndexes(node: unknown): unknown {
  if (!node || typeof node !== "object") return node;
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .map(Number)
      .sort((x, y) => x - y)
      .map((k) => arraysFromIndexes(obj[String(k)]));
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = arraysFromIndexes(obj[k]);
  return out;
}

/** Field errors keyed by dotted path, the first message per field (of a classic or a zod/mini schema). */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// What a step may post at all (before any rule): known fields only, strings only, no control characters. Anything
// else (a "status" or "caseNumber" field, NUL bytes, undecodable bytes) is refused whole, so nothing of it is stored.

const rowKeys = {
  applicants: ["kind", "name", "sex", "birthDate", "idNumber", "address", "phone", "employer", "representative", "creditCode", "legalRepresentative"],
  agents: ["name", "type", "idNumber", "phone", "organisation", "powerOfAttorneyFileId"],
  thirdParties: ["name", "contact"],
} as const;

export const stepFields: Record<ApplicationStep, readonly string[]> = {
  applicants: ["applicants"],
  agents: ["agents", "thirdParties"],
  act: [
    "respondentOrganId",
    "actTitle",
    "actDocumentNumber",
    "actKind",
    "madeOn",
    "learnedOn",
    "informed",
    "rightLearnedOn",
    "onTheSpotPenalty",
    "failureToAct",
    "normativeReview",
    "normativeDocument",
    "compensation",
    "compensationClaim",
  ],
  requests: ["requests", "factsAndReasons", "suedInCourt"],
  evidence: [],
  review: ["lateReason", "competentOrganOverrideId", "competentOrganOverrideReason", "electronicServiceConsent", "declaration", "submissionKey"],
};

const MAX_FIELD_LENGTH = 10_000;

export function checkRawStep(step: ApplicationStep, values: Record<string, unknown>): { ok: true } | { ok: false; error: string; field?: string } {
  const allowed = stepFields[step];
  for (const [key, value] of Object.entries(values)) {
    if (!allowed.includes(key)) return { ok: false, error: "errors.unexpectedField", field: key };
    if (key in rowKeys) {
      if (!Array.isArray(value)) return { ok: false, error: "errors.badRequest", field: key };
      const keys: readonly string[] = rowKeys[key as keyof typeof rowKeys];
      for (const [i, row] of value.entries()) {
        if (!row || typeof row !== "object" || Array.isArray(row)) return { ok: false, error: "errors.badRequest", field: `${key}.${i}` };
        for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
          if (!keys.includes(k)) return { ok: false, error: "errors.unexpectedField", field: `${key}.${i}.${k}` };
          const bad = badString(v);
          if (bad) return { ok: false, error: bad, field: `${key}.${i}.${k}` };
        }
      }
    } else {
      const bad = badString(value);
      if (bad) return { ok: false, error: bad, field: key };
    }
  }
  return { ok: true };
}

function badString(value: unknown): string | null {
  if (typeof value !== "string") return "errors.badRequest";
  if (value.length > MAX_FIELD_LENGTH) return "errors.textTooLong";
  if (!noControlChars(value)) return "errors.textInvalid";
  return null;
}
