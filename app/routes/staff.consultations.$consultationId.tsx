// /staff/consultations/:consultationId — a committee consultation as its secretary (the organ's reconsideration staff
// and office heads) runs it (《行政复议法》第五十二条): the members with their declarations, attendance and answers;
// materials sent (第三十六条第二款), the meeting with its attendance or the written round, the quorum (a setting), and
// the closing of the record, which counts the positions per question, keeps the dissent verbatim and freezes the
// answers. Staff and office heads only (403); a consultation on a case outside the user's organs does not exist (404).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import * as z from "zod/mini";
import { RecordSection } from "~/components/consultation-record";
import { Checkbox, TextArea } from "~/components/fields";
import { CsrfInput, SubmitButton } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { SUMMARY_MAX, secretaryIntents, type SecretaryIntent } from "~/domain/consultation-record";
import {
  getSecretaryConsultation,
  runSecretaryCommand,
  secretaryConsultationExists,
  type SecretaryConsultationPage,
} from "~/services/committee-member.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { caseHandlerRoles } from "~/services/staff-cases.server";
import { isMessageKey, useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/member";

export const meta = titleMeta("member.secretary.title");

const notFound = () => data(null, { status: 404 });
const IntentSchema = z.enum(secretaryIntents);
const VersionSchema = z.coerce.number().check(z.int(), z.nonnegative());

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, caseHandlerRoles);
  const page = params.consultationId ? await getSecretaryConsultation({ user, consultationId: params.consultationId }) : null;
  if (!page) throw notFound();
  return { page };
}

interface ActionFailure {
  ok: false;
  intent: SecretaryIntent | null;
  errors?: Record<string, string>;
  formError?: string;
  vars?: Record<string, number>;
  message?: string;
  messageEn?: string;
  values?: Record<string, string | string[]>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, caseHandlerRoles);
  const { form } = await readForm(request, context, loaded);
  const consultationId = params.consultationId ?? "";
  if (!(await secretaryConsultationExists({ user: loaded.user, consultationId }))) throw notFound();
  const intent = IntentSchema.safeParse(form.get("intent"));
  const version = VersionSchema.safeParse(form.get("version"));
  const fail = (status: number, failure: Omit<ActionFailure, "ok">) => data<ActionFailure>({ ok: false, ...failure }, { status });
  if (!intent.success || !version.success) return fail(400, { intent: intent.success ? intent.data : null, formError: "errors.badRequest" });
  const fields: Record<string, string | string[]> = {};
  for (const [k, v] of form.entries()) if (k !== "csrf" && typeof v === "string") fields[k] = v;
  fields.attendees = form.getAll("attendees").filter((v): v is string => typeof v === "string");
  const result = await runSecretaryCommand({
    user: loaded.user,
    consultationId,
    version: version.data,
    intent: intent.data,
    form: fields,
    requestId: context.requestId,
  });
  if (result.ok) return redirect(`/staff/consultations/${consultationId}?done=${intent.data}`, 303);
  if (result.status === 404) throw notFound();
  return fail(result.status, { intent: intent.data, errors: result.errors, formError: result.formError, vars: result.vars, message: result.message, messageEn: result.messageEn, values: fields });
}

export default function StaffConsultation() {
  const t = useT();
  const { page: p } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = IntentSchema.safeParse(search.get("done"));
  const caseHref = `/staff/cases/${encodeURIComponent(p.caseNumber)}`;
  const q = p.quorum;
  return (
    <section className="page">
      <p>
        <Link to={caseHref}>{t("member.secretary.caseLink")}</Link>
      </p>
      <h1>{t("member.secretary.heading", { caseNumber: p.caseNumber })}</h1>
      <p className="lead">{t("member.secretary.lead")}</p>
      {done.success ? (
        <div className="alert alert--success" role="status">
          {t(`member.done.${done.data}`)}
        </div>
      ) : null}
      {actionData && actionData.intent === null ? <Failure failure={actionData} /> : null}

      <h2>{t("member.summary")}</h2>
      <dl className="kv">
        <dt>{t("member.stateLabel")}</dt>
        <dd>{t(`member.state.${p.state}`)}</dd>
        <dt>{t("member.due")}</dt>
        <dd>
          {p.dueDate ?? t("member.noDue")}
          {p.overdue ? (
            <>
              {" "}
              <span className="queue-due queue-due--overdue">{t("member.overdue")}</span>
            </>
          ) : null}
        </dd>
        <dt>{t("member.secretary.mode")}</dt>
        <dd>{t(`member.mode.${p.mode ?? "none"}`)}</dd>
        {p.grounds.length ? (
          <>
            <dt>{t("member.grounds")}</dt>
            <dd>
              <ul className="plain">
                {p.grounds.map((g) => (
                  <li key={g}>{t(`member.ground.${g}`)}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>

      <h2>{t("member.secretary.members")}</h2>
      <TableWrap label={t("member.secretary.members")}>
        <table className="table--stack">
          <thead>
            <tr>
              <th scope="col">{t("member.col.name")}</th>
              <th scope="col">{t("member.col.kind")}</th>
              <th scope="col">{t("member.col.employer")}</th>
              <th scope="col">{t("member.col.declaration")}</th>
              <th scope="col">{t("member.col.attended")}</th>
              <th scope="col">{t("member.col.answered")}</th>
            </tr>
          </thead>
          <tbody>
            {p.seats.map((s) => (
              <tr key={s.memberId}>
                <td data-label={t("member.col.name")}>
                  {s.name}
                  {s.removed ? <span className="muted"> · {t("member.removed")}</span> : null}
                </td>
                <td data-label={t("member.col.kind")}>{t(`member.kind.${s.kind}`)}</td>
                <td data-label={t("member.col.employer")}>{s.employer}</td>
                <td data-label={t("member.col.declaration")}>{t(`member.declaration.${s.declaration}`)}</td>
                <td data-label={t("member.col.attended")}>{t(`member.attended.${s.attended === null ? "na" : s.attended ? "yes" : "no"}`)}</td>
                <td data-label={t("member.col.answered")}>{t("member.answeredOf", { answered: s.answered, total: p.questions.length })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h2>{t("member.quorum.heading")}</h2>
      <p>
        {t("member.quorum.text", { rule: t(`member.quorum.rule.${q.rule}`), active: q.active, needed: q.needed })}{" "}
        {q.present !== null ? t("member.quorum.present", { present: q.present }) : null} {t("member.quorum.answered", { answered: q.answered })}
      </p>

      <h2>{t("member.secretary.actions")}</h2>
      {p.intents.length === 0 ? <p>{t("member.noActions")}</p> : null}
      {p.intents.map((intent) => (
        <IntentForm key={intent} intent={intent} page={p} failure={actionData?.intent === intent ? actionData : undefined} />
      ))}

      <RecordSection record={p.record} recorded={p.recorded} />
    </section>
  );
}

function Failure({ failure }: { failure: ActionFailure | undefined }) {
  const t = useT();
  const locale = useLocale();
  if (!failure) return null;
  const text = failure.formError && isMessageKey(failure.formError) ? t(failure.formError, failure.vars) : locale === "en" ? (failure.messageEn ?? failure.message) : failure.message;
  if (!text) return null;
  return (
    <div className="alert alert--error" role="alert">
      {text}
    </div>
  );
}

function IntentForm({ intent, page: p, failure }: { intent: SecretaryIntent; page: SecretaryConsultationPage; failure: ActionFailure | undefined }) {
  const t = useT();
  const err = (name: string) => failure?.errors?.[name];
  const value = (name: string) => {
    const v = failure?.values?.[name];
    return typeof v === "string" ? v : "";
  };
  let fields: ReactNode = null;
  switch (intent) {
    case "send_materials":
      fields = <Checkbox label={t("member.send_materials.redacted")} name="redacted" error={err("redacted")} />;
      break;
    case "hold_meeting": {
      const chosen = failure?.values?.attendees;
      const eligible = p.seats.filter((s) => !s.removed && s.declaration === "no_conflict");
      fields = (
        <fieldset className={`field choice${err("attendees") ? " field--error" : ""}`}>
          <legend>{t("member.hold_meeting.attendees")}</legend>
          {err("attendees") ? <p className="field__error">{t(err("attendees")!)}</p> : null}
          {eligible.map((s) => (
            <label key={s.memberId} className="choice__option">
              <input type="checkbox" name="attendees" value={s.memberId} defaultChecked={Array.isArray(chosen) ? chosen.includes(s.memberId) : false} />
              <span>{s.name}</span>
            </label>
          ))}
        </fieldset>
      );
      break;
    }
    case "start_written":
      fields = null;
      break;
    case "close_record":
      fields = (
        <TextArea
          label={t("member.close_record.summary")}
          hint={t("member.close_record.summaryHint")}
          name="summary"
          maxLength={SUMMARY_MAX}
          defaultValue={value("summary")}
          error={err("summary")}
        />
      );
      break;
  }
  return (
    <Form method="post" className="form card" aria-labelledby={`consultation-${intent}`}>
      <h3 id={`consultation-${intent}`}>{t(`member.${intent}.heading`)}</h3>
      <p>{t(`member.${intent}.lead`)}</p>
      <Failure failure={failure} />
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={p.version} />
      {fields}
      <SubmitButton>{t(`member.${intent}.submit`)}</SubmitButton>
    </Form>
  );
}
