// The intake API's contract (issue 7 req. 5): what another system (the 12345 hotline, the national platform, the
// petition office) sends to POST /api/v1/intake and what it gets back. One set of zod schemas validates the requests and
// generates the OpenAPI document (app/domain/intake-openapi.ts). An item becomes a mediation request (调解申请) in the
// dispute center's queue, like one a clerk enters at /center/new; error messages are i18n keys.
import { z } from "zod";
import { mediationStates } from "./machines/mediation";
import { MediationRequestSchema } from "./mediation-request";
import type { ClerkSource } from "./triage";
import "~/locales/areas/apply";
import "~/locales/areas/intake";

/** The systems that may send items, as the center's `channel` (source) column names them. */
export const intakeChannels = ["hotline_12345", "national_platform", "petition_office"] as const satisfies readonly ClerkSource[];
export type IntakeChannel = (typeof intakeChannels)[number];

/** The client's own reference (its ticket number): it appears in a URL path, so no slash. */
export const EXTERNAL_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const m = MediationRequestSchema.shape;

/** A described copy of one of the mediation request's fields (zod/mini schemas, mediation-request.ts): what the classic `.describe()` does. */
function described<T extends z.core.$ZodType>(schema: T, description: string): T {
  const copy = z.core.clone(schema);
  z.globalRegistry.add(copy, { description });
  return copy;
}

export const ExternalRefSchema = z
  .string({ error: "intake.errors.externalRef" })
  .regex(EXTERNAL_REF_PATTERN, "intake.errors.externalRef")
  .describe("来件系统自己的编号（工单号），1–64 位字母、数字或 . _ : -；同一客户端内唯一，用作幂等键。 The client's own reference (ticket number), 1–64 letters, digits or . _ : -; unique per client, the idempotency key.");

export const IntakeRequestSchema = z
  .object({
    externalRef: ExternalRefSchema,
    channel: z
      .enum(intakeChannels, { error: "intake.errors.channel" })
      .describe("来源：12345热线、全国平台、信访部门。 Where the item comes from: the 12345 hotline, the national platform, the petition office."),
    category: described(m.category, "纠纷类别。 The dispute category (the categories of the online mediation request)."),
    parties: z
      .object({
        applicant: z
          .object({
            name: described(m.applicantName, "申请人姓名。 The applicant's name."),
            phone: described(m.applicantPhone, "申请人联系电话（手机号或带区号的固定电话）。 The applicant's phone: a mobile number or a landline with area code."),
          })
          .strict(),
        otherParty: z
          .object({
            kind: described(m.otherPartyKind, "对方当事人是个人还是单位。 Whether the other party is a person or an organisation."),
            name: described(m.otherPartyName, "对方当事人名称。 The other party's name."),
            contact: described(m.otherPartyContact, "对方当事人联系方式（可不填）。 The other party's contact details (optional)."),
          })
          .strict(),
      }, { error: "intake.errors.parties" })
      .strict()
      .describe("当事人：申请人和对方当事人。 The parties: the applicant and the other party."),
    description: described(m.happened, "事情经过。 What happened."),
    wantedOutcome: described(m.wantedOutcome, "申请人的请求。 What the applicant asks for."),
    consent: z
      .literal(true, { error: "errors.mediationConsentRequired" })
      .describe("申请人同意通过调解解决（调解以自愿为前提），必须为 true。 The applicant agrees to mediation (mediation is voluntary): must be true."),
  })
  .strict()
  .describe("一件转来的纠纷事项，进入受理中心的矛调中心待分流队列。 One item passed on by the client system; it joins the dispute center's triage queue.");
export type IntakeRequest = z.output<typeof IntakeRequestSchema>;

const caseNumber = z.string().describe("本平台的案件编号。 The portal's case number.");
const status = z.enum(mediationStates).describe("调解申请所处的程序状态。 The state of the mediation request's procedure.");
const receivedAt = z.iso.datetime().describe("本平台收到的时间（UTC）。 When the portal received it (UTC).");

export const IntakeReceiptSchema = z
  .object({ caseNumber, status, receivedAt })
  .describe("已收到：201 新登记，200 同一请求的重试。 Received: 201 when registered, 200 for a retry of the same request.");
export type IntakeReceipt = z.output<typeof IntakeReceiptSchema>;

export const IntakeStatusSchema = z
  .object({
    externalRef: ExternalRefSchema,
    caseNumber,
    status,
    triage: z.enum(["pending", "routed"]).describe("分流：pending 待分流，routed 已分流。 Triage: pending, or routed."),
    routedTo: z
      .object({ organName: z.string(), channel: z.string().describe("化解渠道。 The channel (e.g. administrative_mediation).") })
      .nullable()
      .describe("分流去向，分流前为 null。 Where the item went; null before triage."),
    receivedAt,
  })
  .describe("一件事项的办理状态（只能查询本客户端送来的事项）。 The status of one item (a client sees only its own).");
export type IntakeStatus = z.output<typeof IntakeStatusSchema>;

const bilingual = z.object({ zh: z.string(), en: z.string() });
export const ApiErrorSchema = z
  .object({
    error: z.object({ code: z.string().describe("invalid_key, revoked_key, rate_limited, invalid_body, conflict, not_found …"), zh: z.string(), en: z.string() }),
    fields: z.record(z.string(), bilingual).optional().describe("逐字段的错误，键为字段路径（如 parties.applicant.phone）。 Errors per field, keyed by the field's path."),
  })
  .describe("错误（中文和英文）。 An error, in Chinese and English.");
export type ApiError = z.output<typeof ApiErrorSchema>;

/** The value at a path of the posted body (undefined when any step is missing). */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const step of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[step];
  }
  return v;
}

/** The message key of each zod issue of `input`, by the field's dotted path; unknown keys are named one by one. */
export function intakeFieldErrors(error: z.ZodError, input: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) errors[path ? `${path}.${key}` : key] ??= "intake.errors.unknownField";
      continue;
    }
    const key = path || "_body";
    // our schemas give a message key; zod's own messages (a wrong type) become a generic one
    const known = /^(errors|intake)\.[\w.]+$/.test(issue.message);
    errors[key] ??= known ? issue.message : issue.code === "invalid_type" && valueAt(input, issue.path) === undefined ? "intake.errors.required" : "intake.errors.invalid";
  }
  return errors;
}

/** The body as the center's mediation entry (app/services/center.server.ts createCenterItem) reads it. */
export function toCenterInput(body: IntakeRequest): Record<string, string> {
  const { applicant, otherParty } = body.parties;
  return {
    category: body.category,
    applicantName: applicant.name,
    applicantPhone: applicant.phone,
    otherPartyKind: otherParty.kind,
    otherPartyName: otherParty.name,
    ...(otherParty.contact ? { otherPartyContact: otherParty.contact } : {}),
    happened: body.description,
    wantedOutcome: body.wantedOutcome,
    consent: "yes",
  };
}

/** The API field a field of the center's mediation entry came from (to report its errors under the client's names). */
export const centerFieldToApiField: Record<string, string> = {
  category: "category",
  applicantName: "parties.applicant.name",
  applicantPhone: "parties.applicant.phone",
  otherPartyKind: "parties.otherParty.kind",
  otherPartyName: "parties.otherParty.name",
  otherPartyContact: "parties.otherParty.contact",
  happened: "description",
  wantedOutcome: "wantedOutcome",
  consent: "consent",
};

/** JSON with object keys sorted at every level: equal bodies give equal text whatever order the client wrote. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Every field path a schema declares (objects walked, wrappers unwrapped): the OpenAPI test checks each is named. */
export function schemaFieldPaths(schema: z.ZodType, prefix = ""): string[] {
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...schemaFieldPaths(child, path)];
  });
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else break;
  }
  return s;
}
