// /agency/performance/:caseNumber — a decision or 调解书 the respondent's organ must perform (Art. 77(1), DOMAIN.md §15.3):
// what to perform, the period and its due date (coloured like the staff queue), the orders to perform, and the report
// of performance with files (P2; multipart: files are streamed to disk only after the CSRF token matched). Respondent
// agents only (403); a case of another organ, or one not under performance monitoring, does not exist (404).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfInput, SubmitButton } from "~/components/form";
import { TextArea } from "~/components/fields";
import { PerformanceDetails } from "~/components/performance-details";
import { caseStateLabels } from "~/domain/machines/reconsideration";
import { MAX_PERFORMANCE_ATTACHMENT, MAX_PERFORMANCE_FILES, MAX_PERFORMANCE_TEXT, performanceDescriptionField, performanceFileField } from "~/domain/performance";
import { csrfTokenFor } from "~/services/form.server";
import { getAgencyPerformance, performanceAgencyRoles, reportPerformance } from "~/services/performance.server";
import { requireRole } from "~/services/session.server";
import { receiveUploadsForForm } from "~/services/uploads.server";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/performance";

export const meta = titleMeta("performance.title");

const notFound = () => data(null, { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, performanceAgencyRoles);
  const found = params.caseNumber ? await getAgencyPerformance({ user, caseNumber: params.caseNumber }) : null;
  if (!found) throw notFound();
  return { case: found };
}

interface ActionFailure {
  ok: false;
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: Record<string, string>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, performanceAgencyRoles);
  // a file too large, too many files, an unreadable body: shown on the form; a wrong CSRF token stays a 403
  const { received, refused } = await receiveUploadsForForm(request, { maxFiles: MAX_PERFORMANCE_FILES, csrf: csrfTokenFor(loaded, context) });
  if (refused) return data<ActionFailure>({ ok: false, errors: refused.failure.errors, formError: refused.failure.formError }, { status: refused.status });
  const caseNumber = params.caseNumber ?? "";
  const result = await reportPerformance({ user: loaded.user, caseNumber, fields: received.fields, files: received.files, requestId: context.requestId });
  if (result.ok) return redirect(`/agency/performance/${encodeURIComponent(caseNumber)}?done=reported`, 303);
  if (result.status === 404) throw notFound();
  return data<ActionFailure>(
    { ok: false, errors: result.errors, formError: result.formError, message: result.message, messageEn: result.messageEn, values: result.values },
    { status: result.status },
  );
}

export default function AgencyPerformance() {
  const t = useT();
  const locale = useLocale();
  const { case: c } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const failureText = failure ? (failure.formError ? t(failure.formError) : locale === "en" ? (failure.messageEn ?? failure.message ?? "") : (failure.message ?? "")) : null;
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  return (
    <section className="page">
      <h1>{t("performance.heading", { caseNumber: c.caseNumber })}</h1>
      <p className="lead">{t("performance.lead")}</p>
      <p>
        <a href="/agency">{t("performance.back")}</a>
      </p>
      {search.get("done") === "reported" ? (
        <div className="alert alert--success" role="status">
          {t("performance.done.reported")}
        </div>
      ) : null}

      <h2>{t("performance.summary")}</h2>
      <dl className="kv">
        <dt>{t("performance.state")}</dt>
        <dd>
          <strong>{caseStateLabels[c.state] ?? c.state}</strong>
          {locale === "en" ? ` (${c.state})` : null}
        </dd>
        <dt>{t("performance.organ")}</dt>
        <dd>{c.organName}</dd>
        <dt>{t("performance.respondent")}</dt>
        <dd>{c.respondentName}</dd>
      </dl>

      <PerformanceDetails view={c} documentHref={(id) => `/agency/cases/${encodeURIComponent(c.caseNumber)}/documents/${id}`} />

      <section aria-labelledby="report-form-heading" className="apply-block">
        <h2 id="report-form-heading">{t("performance.form.heading")}</h2>
        {failureText ? (
          <div className="alert alert--error" role="alert">
            {failureText}
          </div>
        ) : null}
        {c.canReport ? (
          <>
            <p>{t("performance.form.lead")}</p>
            {c.due?.overdue ? (
              <div className="alert alert--error" role="note">
                {t("performance.form.overdue", { date: c.due.dueDate })}
              </div>
            ) : null}
            {failure ? <p className="muted">{t("performance.form.filesAgain")}</p> : null}
            <Form method="post" encType="multipart/form-data" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="version" value={c.version} />
              <TextArea
                label={t("performance.form.summary")}
                hint={t("performance.form.summaryHint")}
                name="summary"
                rows={8}
                maxLength={MAX_PERFORMANCE_TEXT}
                defaultValue={values.summary ?? ""}
                error={errors.summary}
              />
              <fieldset className="field" aria-describedby="performance-files-hint">
                <legend>{t("performance.form.attachments")}</legend>
                <p className="field__hint" id="performance-files-hint">
                  {t("performance.form.attachmentsHint")}
                </p>
                {Array.from({ length: MAX_PERFORMANCE_FILES }, (_, i) => {
                  const descError = errors[performanceDescriptionField(i)] ?? errors[`attachments.${i}.description`];
                  const fileError = errors[performanceFileField(i)];
                  return (
                    <div key={i} className="card">
                      <div className={`field${descError ? " field--error" : ""}`}>
                        <label htmlFor={`performance-${i}-description`}>{t("performance.form.description", { n: i + 1 })}</label>
                        {descError ? (
                          <p className="field__error" id={`performance-${i}-description-error`}>
                            {t(descError)}
                          </p>
                        ) : null}
                        <input
                          id={`performance-${i}-description`}
                          name={performanceDescriptionField(i)}
                          type="text"
                          maxLength={MAX_PERFORMANCE_ATTACHMENT}
                          defaultValue={values[performanceDescriptionField(i)] ?? ""}
                          aria-invalid={descError ? true : undefined}
                          aria-describedby={descError ? `performance-${i}-description-error` : undefined}
                        />
                      </div>
                      <div className={`field${fileError ? " field--error" : ""}`}>
                        <label htmlFor={`performance-${i}-file`}>{t("performance.form.file", { n: i + 1 })}</label>
                        {fileError ? (
                          <p className="field__error" id={`performance-${i}-file-error`}>
                            {t(fileError)}
                          </p>
                        ) : null}
                        <input
                          id={`performance-${i}-file`}
                          name={performanceFileField(i)}
                          type="file"
                          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                          aria-invalid={fileError ? true : undefined}
                          aria-describedby={fileError ? `performance-${i}-file-error` : undefined}
                        />
                      </div>
                    </div>
                  );
                })}
              </fieldset>
              <SubmitButton>{t("performance.form.submit")}</SubmitButton>
            </Form>
          </>
        ) : (
          <p>{c.state === "PERFORMANCE_REPORTED" ? t("performance.form.reported") : t("performance.form.ended")}</p>
        )}
      </section>
    </section>
  );
}
