// /agency/letters/:letterId — an opinion letter (意见书, 《行政复议法》第七十六条) or suggestion letter (建议书,
// 《行政复议法实施条例》第五十七条第二款) served on an organ the user acts for: the letter as issued, the report period
// (60 days from receipt for an opinion letter; a suggestion letter's feedback date is not statutory), any order to
// perform (第七十七条第二款), the assessment of earlier reports, and the report form with files (multipart: files are
// streamed to disk only after the CSRF token matched). Other roles get 403; a letter not served on the user's organ 404.
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DocumentSheet } from "~/components/document-page";
import { TextArea } from "~/components/fields";
import { CsrfInput, SubmitButton } from "~/components/form";
import { assessmentText, LetterPeriods } from "~/components/letters";
import { attachmentDescriptionField, attachmentFileField, MAX_ATTACHMENT_DESCRIPTION, MAX_LETTER_TEXT, MAX_REPORT_FILES } from "~/domain/letters";
import { csrfTokenFor } from "~/services/form.server";
import { fileLetterReport, getAgencyLetter, letterAgencyRoles } from "~/services/letters.server";
import { requireRole } from "~/services/session.server";
import { receiveUploadsForForm } from "~/services/uploads.server";
import documentStyles from "~/styles/document.css";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/agency";
import "~/locales/areas/letters";

export const meta = titleMeta("letters.agency.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];

const notFound = () => data(null, { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, letterAgencyRoles);
  const letter = await getAgencyLetter({ user, letterId: params.letterId });
  if (!letter) throw notFound();
  return { letter };
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
  const loaded = await requireRole(request, letterAgencyRoles);
  // a file too large, too many files, an unreadable body: shown on the form; a wrong CSRF token stays a 403
  const { received, refused } = await receiveUploadsForForm(request, { maxFiles: MAX_REPORT_FILES, csrf: csrfTokenFor(loaded, context) });
  if (refused) return data<ActionFailure>({ ok: false, errors: refused.failure.errors, formError: refused.failure.formError }, { status: refused.status });
  const result = await fileLetterReport({ user: loaded.user, letterId: params.letterId, fields: received.fields, files: received.files, requestId: context.requestId });
  if (result.ok) return redirect(`/agency/letters/${result.letterId}?done=reported`, 303);
  if (result.status === 404) throw notFound();
  return data<ActionFailure>(
    { ok: false, errors: result.errors, formError: result.formError, message: result.message, messageEn: result.messageEn, values: result.values },
    { status: result.status },
  );
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export default function AgencyLetter() {
  const t = useT();
  const locale = useLocale();
  const { letter: l } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  const failureText = failure
    ? [failure.formError ? t(failure.formError) : null, failure.message ? (locale === "en" ? (failure.messageEn ?? failure.message) : failure.message) : null].filter(Boolean).join(" ")
    : "";
  return (
    <section className="page">
      <div className="no-print">
        <p>
          <a href="/agency">{t("agency.case.back")}</a>
        </p>
        <h1>
          {t(`letters.type.${l.type}`)}
          {l.number ? ` ${l.number}` : null}
        </h1>
        <p className="lead">{t(`letters.agency.lead.${l.type}`)}</p>
        {search.get("done") === "reported" ? (
          <div className="alert alert--success" role="status">
            {t("letters.done.reported")}
          </div>
        ) : null}
        <dl className="kv">
          <dt>{t("letters.letter.state")}</dt>
          <dd>
            <strong>{t(`letters.state.${l.state}`)}</strong>
          </dd>
          <dt>{t("letters.agency.from")}</dt>
          <dd>{l.organName}</dd>
          <dt>{t("letters.letter.recipient")}</dt>
          <dd>{l.recipientName}</dd>
          <dt>{t("letters.letter.type")}</dt>
          <dd>
            {t(`letters.type.${l.type}`)} · {l.typeBasis}
          </dd>
          {l.servedOn ? (
            <>
              <dt>{t("letters.letter.servedOn")}</dt>
              <dd>{l.servedOn}</dd>
            </>
          ) : null}
        </dl>
        {l.assessment && !l.assessment.adequate ? (
          <div className="alert alert--error" role="note">
            {t("letters.reports.inadequate", { reasons: l.assessment.reasons ?? "" })}
          </div>
        ) : null}

        <h2>{t("letters.period.heading")}</h2>
        <p>{l.type === "opinion" ? t("letters.agency.periodOpinion") : t("letters.agency.periodSuggestion")}</p>
        <LetterPeriods periods={l.periods} />

        <h2>{t("letters.reports.heading")}</h2>
        {l.reports.length === 0 ? (
          <p>{t("letters.reports.none")}</p>
        ) : (
          <ul className="plain">
            {l.reports.map((r) => (
              <li key={r.id} className="card">
                <p className="muted">{t("letters.reports.meta", { organ: r.organName, name: r.filedByName, time: shanghaiTime(r.filedAt) })}</p>
                <p className="review-text">{r.summary}</p>
                {r.attachments.length ? (
                  <ul>
                    {r.attachments.map((a, i) => (
                      <li key={i}>
                        {a.description}
                        {a.fileId ? (
                          <>
                            {" · "}
                            <a href={`/files/${a.fileId}`}>{a.fileName ?? t("letters.reports.file")}</a>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {r.assessedAt ? (
                  <p>{assessmentText(t, r)}</p>
                ) : (
                  <p>{t("letters.reports.notAssessed")}</p>
                )}
              </li>
            ))}
          </ul>
        )}

        {l.canReport ? (
          <section aria-labelledby="report-form-heading" className="apply-block">
            <h2 id="report-form-heading">{t("letters.report.heading")}</h2>
            <p>{t(`letters.report.lead.${l.type}`)}</p>
            {failure ? (
              <div className="alert alert--error" role="alert">
                {failureText}
              </div>
            ) : null}
            {failure ? <p className="muted">{t("agency.form.filesAgain")}</p> : null}
            <Form method="post" encType="multipart/form-data" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="version" value={l.version} />
              <TextArea
                name="summary"
                label={t("letters.report.summary")}
                hint={t("letters.report.summaryHint")}
                rows={8}
                maxLength={MAX_LETTER_TEXT}
                required
                defaultValue={values.summary ?? ""}
                error={errors.summary}
              />
              <fieldset className="field" aria-describedby="report-files-hint">
                <legend>{t("letters.report.files")}</legend>
                <p className="field__hint" id="report-files-hint">
                  {t("letters.report.filesHint")}
                </p>
                {Array.from({ length: 3 }, (_, i) => {
                  const descError = errors[`attachments.${i}.description`];
                  const fileError = errors[attachmentFileField(i)];
                  return (
                    <div key={i} className="card">
                      <div className={`field${descError ? " field--error" : ""}`}>
                        <label htmlFor={`report-${i}-description`}>{t("letters.report.fileDescription", { n: i + 1 })}</label>
                        {descError ? <p className="field__error">{t(descError)}</p> : null}
                        <input
                          id={`report-${i}-description`}
                          name={attachmentDescriptionField(i)}
                          type="text"
                          maxLength={MAX_ATTACHMENT_DESCRIPTION}
                          defaultValue={values[attachmentDescriptionField(i)] ?? ""}
                          aria-invalid={descError ? true : undefined}
                        />
                      </div>
                      <div className={`field${fileError ? " field--error" : ""}`}>
                        <label htmlFor={`report-${i}-file`}>{t("letters.report.file", { n: i + 1 })}</label>
                        {fileError ? <p className="field__error">{t(fileError)}</p> : null}
                        <input
                          id={`report-${i}-file`}
                          name={attachmentFileField(i)}
                          type="file"
                          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                          aria-invalid={fileError ? true : undefined}
                        />
                      </div>
                    </div>
                  );
                })}
              </fieldset>
              <SubmitButton>{t("letters.report.submit")}</SubmitButton>
            </Form>
          </section>
        ) : (
          <p>{t("letters.report.closed")}</p>
        )}

        <h2>{t("letters.agency.documents")}</h2>
      </div>
      {l.documents.map((d) =>
        d.document ? (
          <div key={d.id}>
            <p className="muted no-print">{t("letters.documents.issuedAt", { time: shanghaiTime(d.issuedAt) })}</p>
            <DocumentSheet document={d.document} />
          </div>
        ) : null,
      )}
    </section>
  );
}
