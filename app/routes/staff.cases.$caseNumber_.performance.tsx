// /staff/cases/:caseNumber/performance — performance monitoring of a decision or 调解书 (Art. 77; DOMAIN.md §15.3 P1–P5):
// the obligation, the period and whether it is overdue; the respondent's reports to verify (P5) or send back (P2-reject);
// the 责令履行通知书 with a new period (P3), the 约谈 / 通报批评 recorded after it, and referral for sanctions (P4, Art.
// 83). The forms shown are those the machine's table allows now to the user's role. Staff and office heads only (403);
// a case outside the user's organs does not exist (404). "$caseNumber_": not nested in the case page.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { Checkbox, Radios, TextArea } from "~/components/fields";
import { Field } from "~/components/form";
import { PerformanceDetails } from "~/components/performance-details";
import { fieldErrors } from "~/domain/application";
import { todayInShanghai } from "~/domain/calendar";
import { caseStateLabels, performanceMeasures } from "~/domain/machines/reconsideration";
import {
  MAX_ORDER_DAYS,
  MAX_PERFORMANCE_TEXT,
  OrderToPerformFormSchema,
  RecordMeasureFormSchema,
  ReferFormSchema,
  RejectReportFormSchema,
} from "~/domain/performance";
import { readForm } from "~/services/form.server";
import {
  getStaffPerformance,
  orderToPerform,
  recordPerformanceMeasure,
  referForSanctions,
  rejectPerformanceReport,
  verifyPerformance,
  type PerformanceCommandResult,
} from "~/services/performance.server";
import { requireRole } from "~/services/session.server";
import { caseHandlerRoles, staffCaseExists } from "~/services/staff-cases.server";
import { useLocale, useT } from "~/utils/i18n";
import { CommandOutcome, CommandSection } from "~/components/command-section";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/performance";

export const meta = titleMeta("performance.staff.title");

const notFound = () => data(null, { status: 404 });
/** The version the user saw: required (a missing field is bad input, not version 0). */
const VersionSchema = z.pipe(z.string().check(z.regex(/^\d{1,9}$/)), z.transform(Number));
const intents = ["verify", "reject", "order", "measure", "refer"] as const;
type Intent = (typeof intents)[number];
const IntentSchema = z.enum(intents);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, caseHandlerRoles);
  const found = params.caseNumber ? await getStaffPerformance({ user, caseNumber: params.caseNumber }) : null;
  if (!found) throw notFound();
  return { case: found, today: todayInShanghai(new Date()) };
}

interface ActionFailure {
  ok: false;
  intent: Intent | null;
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: Record<string, string>;
}

type Invalid = { invalid: Record<string, string> };
type Common = { user: Parameters<typeof verifyPerformance>[0]["user"]; caseNumber: string; version: number; requestId?: string };

/** Parses the intent's form with its schema (app/domain/performance.ts) and calls its service. */
async function runIntent(intent: Intent, values: Record<string, string>, common: Common): Promise<PerformanceCommandResult | Invalid> {
  const parse = <S extends z.ZodMiniType>(schema: S): z.output<S> | Invalid => {
    const parsed = schema.safeParse(values);
    return parsed.success ? parsed.data : { invalid: fieldErrors(parsed.error) };
  };
  const isInvalid = (v: unknown): v is Invalid => typeof v === "object" && v !== null && "invalid" in v;
  switch (intent) {
    case "verify":
      return verifyPerformance(common);
    case "reject": {
      const f = parse(RejectReportFormSchema);
      return isInvalid(f) ? f : rejectPerformanceReport({ ...common, reason: f.reason });
    }
    case "order": {
      const f = parse(OrderToPerformFormSchema);
      return isInvalid(f) ? f : orderToPerform({ ...common, form: f });
    }
    case "measure": {
      const f = parse(RecordMeasureFormSchema);
      return isInvalid(f) ? f : recordPerformanceMeasure({ ...common, ...f });
    }
    case "refer": {
      const f = parse(ReferFormSchema);
      return isInvalid(f) ? f : referForSanctions({ ...common, explanation: f.explanation });
    }
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, caseHandlerRoles);
  const { form } = await readForm(request, context, loaded);
  const caseNumber = params.caseNumber ?? "";
  if (!(await staffCaseExists({ user: loaded.user, caseNumber }))) throw notFound();
  const intent = IntentSchema.safeParse(form.get("intent"));
  const version = VersionSchema.safeParse(form.get("version"));
  const fail = (status: number, failure: Omit<ActionFailure, "ok">) => data<ActionFailure>({ ok: false, ...failure }, { status });
  if (!intent.success || !version.success) return fail(400, { intent: intent.success ? intent.data : null, formError: "errors.badRequest" });

  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !["csrf", "intent", "version"].includes(key)) values[key] = value;
  const result = await runIntent(intent.data, values, { user: loaded.user, caseNumber, version: version.data, requestId: context.requestId });
  if ("invalid" in result) return fail(400, { intent: intent.data, errors: result.invalid, formError: "errors.formHasErrors", values });
  if (result.ok) return redirect(`/staff/cases/${encodeURIComponent(caseNumber)}/performance?done=${intent.data}`, 303);
  if (result.status === 404) throw notFound();
  return fail(result.status, { intent: intent.data, formError: result.formError, message: result.message, messageEn: result.messageEn, values });
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>["case"];

export default function StaffCasePerformance() {
  const t = useT();
  const locale = useLocale();
  const { case: c, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = IntentSchema.safeParse(search.get("done"));
  const caseHref = `/staff/cases/${encodeURIComponent(c.caseNumber)}`;
  const can = (command: Loaded["available"][number]) => c.available.includes(command);

  const failureOf = (intent: Intent) => (actionData?.intent === intent ? actionData : undefined);
  const failureText = (f: ActionFailure) => (f.formError ? t(f.formError) : locale === "en" ? (f.messageEn ?? f.message ?? "") : (f.message ?? ""));
  const formOf = (intent: Intent) => {
    const failure = failureOf(intent);
    return { intent, version: c.version, failure: failure ? failureText(failure) : null };
  };
  const value = (intent: Intent, name: string, fallback = "") => failureOf(intent)?.values?.[name] ?? fallback;
  const error = (intent: Intent, name: string) => failureOf(intent)?.errors?.[name];
  const headOnly = c.role !== "office_head" && (c.state === "PERFORMANCE_MONITORING" || c.state === "ORDERED_TO_PERFORM");

  return (
    <section className="page">
      <h1>{t("performance.staff.heading", { caseNumber: c.caseNumber })}</h1>
      <p className="lead">{t("performance.staff.lead")}</p>
      <p>
        <a href={caseHref}>{t("performance.staff.back")}</a>
      </p>
      <CommandOutcome
        done={done.success ? t(`performance.done.${done.data}`) : null}
        error={actionData && actionData.intent === null ? t(actionData.formError ?? "errors.badRequest") : null}
      />

      <dl className="kv">
        <dt>{t("performance.state")}</dt>
        <dd>
          <strong>{caseStateLabels[c.state] ?? c.state}</strong>
          {locale === "en" ? ` (${c.state})` : null}
        </dd>
        <dt>{t("performance.respondent")}</dt>
        <dd>{c.respondentName}</dd>
        <dt>{t("performance.staff.role")}</dt>
        <dd>{t(`performance.staff.role.${c.role}`)}</dd>
      </dl>

      {c.due?.overdue ? (
        <div className="alert alert--error" role="note">
          {t("performance.staff.overdue", { days: c.due.daysOverdue })}
        </div>
      ) : null}
      {!c.monitored ? <p>{t("performance.staff.notMonitored")}</p> : null}

      <PerformanceDetails view={c} documentHref={(id) => `${caseHref}/documents/${id}`} />

      {c.available.length === 0 ? <p>{t("performance.staff.nothingNow")}</p> : <p className="muted">{t("performance.staff.stale")}</p>}
      {headOnly ? <p className="muted">{t("performance.staff.headOnly")}</p> : null}

      {can("VERIFY_PERFORMANCE") ? (
        <CommandSection level={2} {...formOf("verify")} heading={t("performance.verify.heading")} lead={t("performance.verify.lead")} submit={t("performance.verify.submit")} />
      ) : null}
      {can("REJECT_PERFORMANCE_REPORT") ? (
        <CommandSection level={2} {...formOf("reject")} heading={t("performance.reject.heading")} submit={t("performance.reject.submit")}>
          <TextArea name="reason" label={t("performance.reject.reason")} rows={4} maxLength={MAX_PERFORMANCE_TEXT} required defaultValue={value("reject", "reason")} error={error("reject", "reason")} />
        </CommandSection>
      ) : null}
      {can("ORDER_TO_PERFORM") ? (
        <CommandSection level={2} {...formOf("order")} heading={t("performance.order.heading")} lead={t("performance.order.lead")} submit={t("performance.order.submit")}>
          <Radios
            name="reason"
            legend={t("performance.order.reason")}
            options={(["overdue", "unjustified_delay"] as const).map((r) => ({ value: r, label: t(`performance.order.reason.${r}`) }))}
            defaultValue={value("order", "reason", c.due?.overdue ? "overdue" : "")}
            error={error("order", "reason")}
          />
          <TextArea name="explanation" label={t("performance.order.explanation")} rows={4} maxLength={MAX_PERFORMANCE_TEXT} required defaultValue={value("order", "explanation")} error={error("order", "explanation")} />
          <Field
            name="days"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_ORDER_DAYS}
            label={t("performance.order.days")}
            hint={t("performance.order.daysHint")}
            defaultValue={value("order", "days")}
            error={error("order", "days")}
          />
          <fieldset className="field">
            <legend>{t("performance.order.measures")}</legend>
            {performanceMeasures.map((m) => (
              <Checkbox key={m} name={m} label={t(`performance.measure.${m}`)} defaultChecked={value("order", m) === "yes"} error={error("order", m)} />
            ))}
          </fieldset>
        </CommandSection>
      ) : null}
      {can("RECORD_PERFORMANCE_MEASURE") ? (
        <CommandSection level={2} {...formOf("measure")} heading={t("performance.measureForm.heading")} lead={t("performance.measureForm.lead")} submit={t("performance.measureForm.submit")}>
          <Radios
            name="measure"
            legend={t("performance.measureForm.measure")}
            options={performanceMeasures.map((m) => ({ value: m, label: t(`performance.measure.${m}`) }))}
            defaultValue={value("measure", "measure")}
            error={error("measure", "measure")}
          />
          <Field name="heldOn" type="date" max={today} label={t("performance.measureForm.heldOn")} defaultValue={value("measure", "heldOn", today)} error={error("measure", "heldOn")} />
          <TextArea name="summary" label={t("performance.measureForm.summary")} rows={4} maxLength={MAX_PERFORMANCE_TEXT} required defaultValue={value("measure", "summary")} error={error("measure", "summary")} />
        </CommandSection>
      ) : null}
      {can("REFER_FOR_SANCTIONS") ? (
        <CommandSection level={2} {...formOf("refer")} heading={t("performance.refer.heading")} lead={t("performance.refer.lead")} submit={t("performance.refer.submit")}>
          <TextArea name="explanation" label={t("performance.refer.explanation")} rows={4} maxLength={MAX_PERFORMANCE_TEXT} required defaultValue={value("refer", "explanation")} error={error("refer", "explanation")} />
        </CommandSection>
      ) : null}
    </section>
  );
}
