// /staff/cases/:caseNumber/procedure — the review procedure after acceptance: the state, the running periods and, for
// the state and the user's role (the machine's transition table), the forms of its commands (Arts. 39–41, 48–51, 55,
// 62, 74). Staff and office heads only (403); a case outside the user's organs does not exist (404). "$caseNumber_":
// not nested in the case page (which has no outlet).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import * as z from "zod/mini";
import { DeadlineList } from "~/components/deadline-list";
import { Checkbox, Radios, Select, TextArea } from "~/components/fields";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { Term } from "~/components/term";
import { availableProcedureIntents, HEARING_MEMBERS, procedureIntents, readProcedureForm, type ProcedureIntent } from "~/domain/case-procedure";
import { caseStateLabels, suspensionGrounds, terminationGrounds } from "~/domain/machines/reconsideration";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { caseHandlerRoles, staffCaseExists } from "~/services/staff-cases.server";
import { getProcedurePage, runProcedureCommand } from "~/services/staff-procedure.server";
import { useLocale, useT } from "~/utils/i18n";
import { CommandOutcome } from "~/components/command-section";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/procedure";

export const meta = titleMeta("procedure.title");

const notFound = () => data(null, { status: 404 });
const VersionSchema = z.coerce.number().check(z.int(), z.nonnegative());
const IntentSchema = z.enum(procedureIntents);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, caseHandlerRoles);
  const page = params.caseNumber ? await getProcedurePage({ user, caseNumber: params.caseNumber }) : null;
  if (!page) throw notFound();
  return { page };
}

interface ActionFailure {
  ok: false;
  intent: ProcedureIntent | null;
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: Record<string, string | string[]>;
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

  const fields = readProcedureForm(form.entries());
  const values = Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => k !== "csrf" && (typeof v === "string" || Array.isArray(v))),
  ) as Record<string, string | string[]>;
  const result = await runProcedureCommand({
    user: loaded.user,
    caseNumber,
    version: version.data,
    intent: intent.data,
    form: fields,
    requestId: context.requestId,
  });
  if (result.ok) return redirect(`/staff/cases/${encodeURIComponent(caseNumber)}/procedure?done=${intent.data}`, 303);
  if (result.status === 404) throw notFound();
  return fail(result.status, {
    intent: intent.data,
    errors: result.errors,
    formError: result.formError,
    message: result.message,
    messageEn: result.messageEn,
    values,
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>["page"];

export default function StaffCaseProcedure() {
  const t = useT();
  const locale = useLocale();
  const { page: p } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = IntentSchema.safeParse(search.get("done"));
  const caseHref = `/staff/cases/${encodeURIComponent(p.caseNumber)}`;
  // Commands the table reserves to the office head, shown to staff so that they know whom to ask (Art. 55, 62(1)).
  const headOnly = availableProcedureIntents(p.state, "office_head").filter((i) => !p.intents.includes(i));

  return (
    <section className="page">
      <h1>{t("procedure.heading", { caseNumber: p.caseNumber })}</h1>
      <p className="lead">{t("procedure.lead")}</p>
      <nav aria-label={t("procedure.nav")}>
        <ul className="inline-list">
          <li>
            <a href={caseHref}>{t("procedure.nav.case")}</a>
          </li>
          <li>
            <a href={`${caseHref}/decision`}>{t("procedure.nav.decision")}</a>
          </li>
          <li>
            <a href="/staff/queue">{t("procedure.nav.queue")}</a>
          </li>
        </ul>
      </nav>
      <CommandOutcome
        done={done.success ? t(`procedure.done.${done.data}`) : null}
        error={actionData && actionData.intent === null ? t(actionData.formError ?? "errors.badRequest") : null}
      />

      <h2>{t("procedure.summary")}</h2>
      <dl className="kv">
        <dt>{t("procedure.state")}</dt>
        <dd>
          <strong>{caseStateLabels[p.state] ?? p.state}</strong>
          {locale === "en" ? ` (${p.state})` : null}
        </dd>
        <dt>{t("procedure.procedure")}</dt>
        <dd>{t(`procedure.procedure.${p.procedure}`)}</dd>
        <Term label={t("procedure.acceptedAt")} value={p.acceptedAt} />
        <dt>{t("procedure.viewsHeard")}</dt>
        <dd>{p.viewsHeard ? t("procedure.yes") : t("procedure.no")}</dd>
        <dt>{t("procedure.extension")}</dt>
        <dd>{p.extensionUsed ? t("procedure.extensionUsed") : t("procedure.extensionNotUsed")}</dd>
        {p.suspension ? (
          <>
            <dt>{t("procedure.suspension")}</dt>
            <dd>{t("procedure.suspendedSince", { ground: t(`procedure.ground.${p.suspension.ground}`), since: p.suspension.since })}</dd>
          </>
        ) : null}
        {p.withdrawalRequested ? (
          <>
            <dt>{t("procedure.withdrawal")}</dt>
            <dd>{t("procedure.withdrawalRequested")}</dd>
          </>
        ) : null}
      </dl>

      {p.hearing ? (
        <>
          <h2>{t("procedure.hearing")}</h2>
          <dl className="kv">
            <dt>{t("procedure.hearing.date")}</dt>
            <dd>{p.hearing.date}</dd>
            <Term label={t("procedure.hearing.place")} value={p.hearing.place} />
            {p.hearing.presiding ? (
              <>
                <dt>{t("procedure.hearing.panel")}</dt>
                <dd>{t("procedure.hearing.panelText", { presiding: p.hearing.presiding, members: p.hearing.members.join("、"), clerk: p.hearing.clerk ?? "" })}</dd>
              </>
            ) : null}
            <Term label={t("procedure.hearing.issues")} value={p.hearing.issues} className="review-text" />
            <dt>{t("procedure.hearing.outcome")}</dt>
            <dd>{p.hearing.outcome ? t(`procedure.outcome.${p.hearing.outcome}`) : t("procedure.hearing.pending")}</dd>
          </dl>
        </>
      ) : null}

      <h2>{t("procedure.deadlines")}</h2>
      <DeadlineList deadlines={p.deadlines} />

      <h2>{t("procedure.actions")}</h2>
      {p.intents.length === 0 ? <p>{t("procedure.noActions")}</p> : null}
      {p.intents.map((intent) => (
        <CommandForm key={intent} intent={intent} page={p} failure={actionData?.intent === intent ? actionData : undefined} />
      ))}
      {headOnly.length ? (
        <p className="muted">{t("procedure.headOnly", { commands: headOnly.map((i) => t(`procedure.${i}.heading`)).join("、") })}</p>
      ) : null}
    </section>
  );
}

function CommandForm({ intent, page: p, failure }: { intent: ProcedureIntent; page: Page; failure: ActionFailure | undefined }) {
  const t = useT();
  const locale = useLocale();
  const errors = failure?.errors ?? {};
  const value = (name: string, fallback = "") => {
    const v = failure?.values?.[name];
    return typeof v === "string" ? v : fallback;
  };
  const many = (name: string) => {
    const v = failure?.values?.[name];
    return Array.isArray(v) ? v : [];
  };
  const err = (name: string) => errors[name];
  const failureText = failure
    ? failure.formError
      ? t(failure.formError)
      : locale === "en"
        ? (failure.messageEn ?? failure.message ?? "")
        : (failure.message ?? "")
    : "";
  const id = `procedure-${intent}`;
  const options = (prefix: string, keys: readonly string[]) => keys.map((k) => ({ value: k, label: t(`${prefix}.${k}`) }));
  const people = (list: Page["panelCandidates"]) => list.map((x) => ({ value: x.id, label: x.name }));

  let fields: ReactNode = null;
  switch (intent) {
    case "serve_copy":
      fields = (
        <Field
          label={t("procedure.serve_copy.receivedOn")}
          hint={t("procedure.serve_copy.receivedOnHint")}
          name="respondentReceivedOn"
          type="date"
          max={p.today}
          defaultValue={value("respondentReceivedOn", p.today)}
          error={err("respondentReceivedOn")}
        />
      );
      break;
    case "views_heard":
      fields = (
        <>
          <Radios
            legend={t("procedure.views_heard.mode")}
            name="mode"
            options={options("procedure.mode", ["in_person", "online", "phone", "papers_party_unavailable"])}
            defaultValue={value("mode")}
            error={err("mode")}
          />
          <Radios
            legend={t("procedure.views_heard.mediate")}
            hint={t("procedure.views_heard.mediateHint")}
            name="willingToMediate"
            options={options("procedure.mediate", ["yes", "no", "not_asked"])}
            defaultValue={value("willingToMediate")}
            error={err("willingToMediate")}
          />
          <TextArea label={t("procedure.views_heard.note")} hint={t("procedure.views_heard.noteHint")} name="note" maxLength={4000} defaultValue={value("note")} error={err("note")} />
        </>
      );
      break;
    case "schedule_hearing": {
      const members = many("memberIds");
      fields = (
        <>
          <Field label={t("procedure.hearing.date")} hint={t("procedure.schedule_hearing.dateHint")} name="hearingDate" type="date" min={p.today} defaultValue={value("hearingDate")} error={err("hearingDate")} />
          <Select
            label={t("procedure.schedule_hearing.reason")}
            name="reason"
            placeholder={t("procedure.choose")}
            options={options("procedure.hearingReason", ["major_complex", "institution_necessary", "applicant_request"])}
            defaultValue={value("reason")}
            error={err("reason")}
          />
          <Field label={t("procedure.hearing.place")} name="place" type="text" maxLength={200} defaultValue={value("place")} error={err("place")} />
          <Select
            label={t("procedure.schedule_hearing.presiding")}
            hint={t("procedure.schedule_hearing.panelHint")}
            name="presidingId"
            placeholder={t("procedure.choose")}
            options={people(p.panelCandidates)}
            defaultValue={value("presidingId")}
            error={err("presidingId")}
          />
          {Array.from({ length: HEARING_MEMBERS }, (_, i) => (
            <Select
              key={i}
              label={t("procedure.schedule_hearing.member", { n: i + 1 })}
              name="memberIds"
              placeholder={t("procedure.choose")}
              options={people(p.panelCandidates)}
              defaultValue={members[i] ?? ""}
              error={err(`memberIds.${i}`) ?? (i === 0 ? err("memberIds") : undefined)}
            />
          ))}
          <Select
            label={t("procedure.schedule_hearing.clerk")}
            name="clerkId"
            placeholder={t("procedure.choose")}
            options={people(p.clerkCandidates)}
            defaultValue={value("clerkId")}
            error={err("clerkId")}
          />
          <TextArea label={t("procedure.hearing.issues")} hint={t("procedure.schedule_hearing.issuesHint")} name="issues" maxLength={4000} defaultValue={value("issues")} error={err("issues")} />
        </>
      );
      break;
    }
    case "reschedule_hearing":
      fields = (
        <>
          <Field label={t("procedure.reschedule_hearing.date")} hint={t("procedure.schedule_hearing.dateHint")} name="hearingDate" type="date" min={p.today} defaultValue={value("hearingDate")} error={err("hearingDate")} />
          <TextArea label={t("procedure.reschedule_hearing.reason")} name="reason" maxLength={1000} rows={3} defaultValue={value("reason")} error={err("reason")} />
        </>
      );
      break;
    case "record_hearing":
      fields = (
        <>
          <Radios legend={t("procedure.hearing.outcome")} name="outcome" options={options("procedure.outcome", ["held", "applicant_absent"])} defaultValue={value("outcome")} error={err("outcome")} />
          <Select
            label={t("procedure.record_hearing.headAttended")}
            hint={t("procedure.record_hearing.headAttendedHint")}
            name="respondentHeadAttended"
            placeholder={t("procedure.notRecorded")}
            options={options("procedure", ["yes", "no"])}
            defaultValue={value("respondentHeadAttended")}
            error={err("respondentHeadAttended")}
          />
          <TextArea label={t("procedure.record_hearing.record")} hint={t("procedure.record_hearing.recordHint")} name="record" rows={8} maxLength={20000} defaultValue={value("record")} error={err("record")} />
        </>
      );
      break;
    case "extend":
      fields = (
        <>
          <Field label={t("procedure.extend.days")} hint={t("procedure.extend.daysHint")} name="days" type="number" inputMode="numeric" min={1} max={30} defaultValue={value("days", "30")} error={err("days")} />
          <TextArea label={t("procedure.extend.reason")} name="reason" rows={3} maxLength={2000} defaultValue={value("reason")} error={err("reason")} />
        </>
      );
      break;
    case "suspend":
      fields = (
        <>
          <Select
            label={t("procedure.suspend.ground")}
            name="ground"
            placeholder={t("procedure.choose")}
            options={options("procedure.ground", suspensionGrounds)}
            defaultValue={value("ground")}
            error={err("ground")}
          />
          <TextArea label={t("procedure.suspend.explanation")} name="explanation" rows={3} maxLength={2000} defaultValue={value("explanation")} error={err("explanation")} />
          <fieldset className="field">
            <legend>{t("procedure.suspend.consents")}</legend>
            <p className="field__hint">{t("procedure.suspend.consentsHint")}</p>
            <Checkbox label={t("procedure.suspend.applicantConsent")} name="applicantConsent" defaultChecked={value("applicantConsent") === "yes"} error={err("applicantConsent")} />
            <Checkbox label={t("procedure.suspend.respondentConsent")} name="respondentConsent" defaultChecked={value("respondentConsent") === "yes"} error={err("respondentConsent")} />
            <Checkbox label={t("procedure.suspend.settlementUnderway")} name="settlementUnderway" defaultChecked={value("settlementUnderway") === "yes"} error={err("settlementUnderway")} />
          </fieldset>
          <Select
            label={t("procedure.suspend.normativeWithinPower")}
            hint={t("procedure.suspend.normativeHint")}
            name="normativeDocumentWithinPower"
            placeholder={t("procedure.notApplicable")}
            options={options("procedure.normative", ["yes", "no"])}
            defaultValue={value("normativeDocumentWithinPower")}
            error={err("normativeDocumentWithinPower")}
          />
        </>
      );
      break;
    case "resume":
      fields = <TextArea label={t("procedure.resume.explanation")} name="explanation" rows={3} maxLength={2000} defaultValue={value("explanation")} error={err("explanation")} />;
      break;
    case "terminate":
      fields = (
        <>
          <Select
            label={t("procedure.terminate.ground")}
            name="ground"
            placeholder={t("procedure.choose")}
            options={options("procedure.termination", terminationGrounds)}
            defaultValue={value("ground")}
            error={err("ground")}
          />
          <TextArea label={t("procedure.terminate.explanation")} name="explanation" rows={3} maxLength={2000} defaultValue={value("explanation")} error={err("explanation")} />
        </>
      );
      break;
    case "approve_withdrawal":
      fields = (
        <>
          {p.withdrawalRequested ? null : <p className="alert">{t("procedure.approve_withdrawal.notRequested")}</p>}
          <Checkbox label={t("procedure.approve_withdrawal.confirm")} name="confirm" error={err("confirm")} />
        </>
      );
      break;
    case "convert":
      fields = <TextArea label={t("procedure.convert.reason")} name="reason" rows={3} maxLength={2000} defaultValue={value("reason")} error={err("reason")} />;
      break;
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="apply-block">
      <h3 id={`${id}-heading`}>{t(`procedure.${intent}.heading`)}</h3>
      <p>{t(`procedure.${intent}.lead`)}</p>
      {failure ? (
        <div className="alert alert--error" role="alert">
          {failureText}
        </div>
      ) : null}
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="version" value={p.version} />
        <input type="hidden" name="intent" value={intent} />
        {fields}
        <SubmitButton>{t(`procedure.${intent}.submit`)}</SubmitButton>
      </Form>
    </section>
  );
}
