// /agency/cases/:caseNumber — one case for the respondent's agents: the application copy (Art. 48), the documents
// served on the respondent, the reply period (10 WD, simplified 5 WD, Arts. 48, 54(1)) and the written reply with
// its evidence and legal basis (multipart: files are streamed to disk only after the CSRF token matched). Other roles
// get 403; a case of another respondent organ, or one whose copy was not served yet, does not exist (404).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DueDate } from "~/components/due-date";
import { CsrfInput, SubmitButton } from "~/components/form";
import { TextArea } from "~/components/fields";
import { ReplySummary } from "~/components/reply-summary";
import { caseStateLabels } from "~/domain/machines/reconsideration";
import { isPeriodKey, periodDefinitions } from "~/domain/periods";
import {
  evidenceDescriptionField,
  evidenceFileField,
  MAX_EVIDENCE_DESCRIPTION,
  MAX_REPLY_BASIS,
  MAX_REPLY_EVIDENCE,
  MAX_REPLY_TEXT,
} from "~/domain/reply";
import { agencyRoles, fileReply, getAgencyCase } from "~/services/agency.server";
import { csrfTokenFor } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { receiveUploadsForForm } from "~/services/uploads.server";
import { isMessageKey, useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/agency";
import "~/locales/areas/apply";

export const meta = titleMeta("agency.case.title");

const notFound = () => data(null, { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, agencyRoles);
  const found = params.caseNumber ? await getAgencyCase({ user, caseNumber: params.caseNumber }) : null;
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
  const loaded = await requireRole(request, agencyRoles);
  // a file too large, too many files, an unreadable body: shown on the form; a wrong CSRF token stays a 403
  const { received, refused } = await receiveUploadsForForm(request, { maxFiles: MAX_REPLY_EVIDENCE, csrf: csrfTokenFor(loaded, context) });
  if (refused) return data<ActionFailure>({ ok: false, errors: refused.failure.errors, formError: refused.failure.formError }, { status: refused.status });
  const caseNumber = params.caseNumber ?? "";
  const result = await fileReply({
    user: loaded.user,
    caseNumber,
    fields: received.fields,
    files: received.files,
    requestId: context.requestId,
  });
  if (result.ok) return redirect(`/agency/cases/${encodeURIComponent(caseNumber)}?done=${result.noReply ? "filedLate" : "filed"}`, 303);
  if (result.status === 404) throw notFound();
  return data<ActionFailure>(
    {
      ok: false,
      errors: result.errors,
      formError: result.formError,
      message: result.message,
      messageEn: result.messageEn,
      values: result.values,
    },
    { status: result.status }
  );
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export default function AgencyCase() {
  const t = useT();
  const locale = useLocale();
  const { case: c } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = search.get("done");
  const yesNo = (v: string) => (v === "yes" ? t("agency.copy.yes") : v === "no" ? t("agency.copy.no") : "");
  const docTitle = (kind: string) => (isMessageKey(`agency.doc.${kind}`) ? t(`agency.doc.${kind}`) : t("agency.doc.other", { kind }));
  const deadline = c.replyPeriod.deadline;
  const late = c.canFile && deadline?.colour === "overdue";

  return (
    <section className="page">
      <h1>{t("agency.case.heading", { caseNumber: c.caseNumber })}</h1>
      <p className="lead">{t("agency.case.lead")}</p>
      <p>
        <a href="/agency">{t("agency.case.back")}</a>
      </p>
      {done === "filed" || done === "filedLate" ? (
        <div className="alert alert--success" role="status">
          {t(`agency.done.${done}`)}
        </div>
      ) : null}
      {c.noReply ? (
        <div className="alert alert--error" role="note">
          <h2>{t("agency.noReply.heading")}</h2>
          <p>{t("agency.art70")}</p>
        </div>
      ) : null}

      <h2>{t("agency.case.summary")}</h2>
      <dl className="kv">
        <dt>{t("agency.case.state")}</dt>
        <dd>
          <strong>{(caseStateLabels as Record<string, string>)[c.state] ?? c.state}</strong>
          {locale === "en" ? ` (${c.state})` : null}
        </dd>
        <dt>{t("agency.case.organ")}</dt>
        <dd>{c.organName}</dd>
        <dt>{t("agency.case.respondent")}</dt>
        <dd>{c.respondentName}</dd>
        {c.receivedAt ? (
          <>
            <dt>{t("agency.case.receivedAt")}</dt>
            <dd>{shanghaiTime(c.receivedAt)}</dd>
          </>
        ) : null}
        <dt>{t("agency.case.procedure")}</dt>
        <dd>{t(`agency.case.procedure.${c.procedure}`)}</dd>
      </dl>

      <h2>{t("agency.period.heading")}</h2>
      <p>
        {t("agency.period.rule", {
          days: c.replyPeriod.workingDays,
          basis: c.replyPeriod.basis,
        })}
      </p>
      {deadline ? (
        <div className="card">
          <DueDate
            label={isPeriodKey(deadline.kind) ? periodDefinitions[deadline.kind].label[locale === "en" ? "en" : "zh"] : t("agency.period.label")}
            date={deadline.dueDate}
            explanation={deadline.explanation}
            provisional={deadline.provisional}
          />
          <p className="muted">
            {t("agency.period.start", { date: deadline.startDate })} · {deadline.basis}
          </p>
          {deadline.colour ? (
            <p>
              <span className={`queue-due queue-due--${deadline.colour}`}>{t(`agency.due.${deadline.colour}`)}</span>
            </p>
          ) : (
            <p>
              {deadline.status === "met"
                ? t("agency.period.met")
                : deadline.status === "missed"
                ? t("agency.period.missed")
                : t("agency.period.cancelled")}
            </p>
          )}
        </div>
      ) : (
        <p>{t("agency.period.none")}</p>
      )}

      <h2>{t("agency.docs.heading")}</h2>
      {c.documents.length === 0 ? (
        <p>{t("agency.docs.none")}</p>
      ) : (
        <ul className="plain">
          {c.documents.map((d) => (
            <li key={d.id} className="card">
              <h3>
                {docTitle(d.kind)}
                {d.number ? ` ${d.number}` : null}
              </h3>
              <p className="muted">
                {t("agency.docs.issuedAt", { time: shanghaiTime(d.issuedAt) })} · {d.basis}
              </p>
              {d.kind === "reply_notice" ? <p>{t("agency.art70")}</p> : null}
              <p>
                <a href={`/agency/cases/${encodeURIComponent(c.caseNumber)}/documents/${d.id}`}>{t("agency.doc.open")}</a>
              </p>
            </li>
          ))}
        </ul>
      )}

      <CopyOfApplication c={c} yesNo={yesNo} />

      {c.reply ? <ReplySummary reply={c.reply} /> : null}

      {c.canFile ? (
        <ReplyForm c={c} failure={failure} late={late} />
      ) : c.reply ? null : (
        <>
          <h2>{t("agency.form.heading")}</h2>
          {failure ? <Failure failure={failure} /> : null}
          <p>{t("agency.form.cannotFile")}</p>
        </>
      )}
    </section>
  );
}

type LoadedCase = ReturnType<typeof useLoaderData<typeof loader>>["case"];

function Failure({ failure }: { failure: ActionFailure }) {
  const t = useT();
  const locale = useLocale();
  const text = failure.formError ? t(failure.formError) : locale === "en" ? failure.messageEn ?? failure.message ?? "" : failure.message ?? "";
  return (
    <div className="alert alert--error" role="alert">
      {text}
    </div>
  );
}

function CopyOfApplication({ c, yesNo }: { c: LoadedCase; yesNo: (v: string) => string }) {
  const t = useT();
  const copy = c.copy;
  const row = (label: string, value: string | null | undefined, long = false) =>
    value ? (
      <>
        <dt>{label}</dt>
        <dd className={long ? "review-text" : undefined}>{value}</dd>
      </>
    ) : null;
  return (
    <section aria-labelledby="copy-heading">
      <h2 id="copy-heading">{t("agency.copy.heading")}</h2>
      <p>{t("agency.copy.lead")}</p>
      <h3>{t("agency.copy.parties")}</h3>
      <ul className="plain">
        {copy.parties.map((p, i) => (
          <li key={`${p.role}-${i}`} className="card">
            <h4>
              {isMessageKey(`agency.copy.role.${p.role}`) ? t(`agency.copy.role.${p.role}`) : p.role}
              {p.role === "applicant" ? ` (${t(`agency.copy.kind.${p.kind === "organisation" ? "organisation" : "person"}`)})` : null} · {p.name}
            </h4>
            <dl className="kv">
              {p.agentType && isMessageKey(`agency.copy.agentType.${p.agentType}`)
                ? row(t("agency.copy.agentType"), t(`agency.copy.agentType.${p.agentType}`))
                : null}
              {row(t("agency.copy.idNumber"), p.idNumber)}
              {row(t("agency.copy.creditCode"), p.creditCode)}
              {row(t("agency.copy.legalRepresentative"), p.legalRepresentative)}
              {row(t("agency.copy.address"), p.address)}
              {row(t("agency.copy.organisation"), p.organisation)}
            </dl>
          </li>
        ))}
      </ul>
      {copy.act ? (
        <>
          <h3>{t("agency.copy.act")}</h3>
          <dl className="kv">
            {row(t("agency.copy.actTitle"), copy.act.actTitle)}
            {row(t("agency.copy.actDocumentNumber"), copy.act.actDocumentNumber)}
            {row(
              t("agency.copy.actKind"),
              isMessageKey(`apply.actKind.${copy.act.actKind}`) ? t(`apply.actKind.${copy.act.actKind}`) : copy.act.actKind
            )}
            {row(t("agency.copy.madeOn"), copy.act.madeOn)}
            {row(t("agency.copy.learnedOn"), copy.act.learnedOn)}
            {row(t("agency.copy.failureToAct"), yesNo(copy.act.failureToAct))}
            {row(t("agency.copy.normativeDocument"), copy.act.normativeDocument)}
            {row(t("agency.copy.compensationClaim"), copy.act.compensationClaim, true)}
          </dl>
        </>
      ) : null}
      {copy.requests ? (
        <>
          <h3>{t("agency.copy.requestsHeading")}</h3>
          <dl className="kv">
            {row(t("agency.copy.requests"), copy.requests.requests, true)}
            {row(t("agency.copy.factsAndReasons"), copy.requests.factsAndReasons, true)}
          </dl>
        </>
      ) : null}
      <h3>{t("agency.copy.evidence")}</h3>
      {copy.evidence.length === 0 ? (
        <p>{t("agency.copy.noEvidence")}</p>
      ) : (
        <ol className="evidence-list">
          {copy.evidence.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ReplyForm({ c, failure, late }: { c: LoadedCase; failure: ActionFailure | undefined; late: boolean }) {
  const t = useT();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  const chosen = values.evidenceAndBasisSubmitted;
  return (
    <section aria-labelledby="reply-form-heading" className="apply-block">
      <h2 id="reply-form-heading">{t("agency.form.heading")}</h2>
      <p>{t("agency.form.lead")}</p>
      {late && c.replyPeriod.deadline ? (
        <div className="alert alert--error" role="note">
          {t("agency.form.late", { date: c.replyPeriod.deadline.dueDate })}
        </div>
      ) : null}
      {failure ? <Failure failure={failure} /> : null}
      {failure ? <p className="muted">{t("agency.form.filesAgain")}</p> : null}
      <Form method="post" encType="multipart/form-data" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="version" value={c.version} />
        <TextArea
          label={t("agency.form.reply")}
          hint={t("agency.form.replyHint")}
          name="reply"
          rows={10}
          maxLength={MAX_REPLY_TEXT}
          defaultValue={values.reply ?? ""}
          error={errors.reply}
        />
        <TextArea
          label={t("agency.form.legalBasis")}
          hint={t("agency.form.legalBasisHint")}
          name="legalBasis"
          rows={5}
          maxLength={MAX_REPLY_BASIS}
          defaultValue={values.legalBasis ?? ""}
          error={errors.legalBasis}
        />
        <fieldset className={`field${errors.evidence ? " field--error" : ""}`} aria-describedby="reply-evidence-hint">
          <legend>{t("agency.form.evidence")}</legend>
          <p className="field__hint" id="reply-evidence-hint">
            {t("agency.form.evidenceHint")}
          </p>
          {errors.evidence ? <p className="field__error">{t(errors.evidence)}</p> : null}
          {Array.from({ length: MAX_REPLY_EVIDENCE }, (_, i) => {
            const descError = errors[evidenceDescriptionField(i)];
            const fileError = errors[evidenceFileField(i)];
            return (
              <div key={i} className="card">
                <div className={`field${descError ? " field--error" : ""}`}>
                  <label htmlFor={`reply-evidence-${i}-description`}>{t("agency.form.evidenceDescription", { n: i + 1 })}</label>
                  {descError ? (
                    <p className="field__error" id={`reply-evidence-${i}-description-error`}>
                      {t(descError)}
                    </p>
                  ) : null}
                  <input
                    id={`reply-evidence-${i}-description`}
                    name={evidenceDescriptionField(i)}
                    type="text"
                    maxLength={MAX_EVIDENCE_DESCRIPTION}
                    defaultValue={values[evidenceDescriptionField(i)] ?? ""}
                    aria-invalid={descError ? true : undefined}
                    aria-describedby={descError ? `reply-evidence-${i}-description-error` : undefined}
                  />
                </div>
                <div className={`field${fileError ? " field--error" : ""}`}>
                  <label htmlFor={`reply-evidence-${i}-file`}>{t("agency.form.evidenceFile", { n: i + 1 })}</label>
                  {fileError ? (
                    <p className="field__error" id={`reply-evidence-${i}-file-error`}>
                      {t(fileError)}
                    </p>
                  ) : null}
                  <input
                    id={`reply-evidence-${i}-file`}
                    name={evidenceFileField(i)}
                    type="file"
                    accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                    aria-invalid={fileError ? true : undefined}
                    aria-describedby={fileError ? `reply-evidence-${i}-file-error` : undefined}
                  />
                </div>
              </div>
            );
          })}
        </fieldset>
        <fieldset className={`field choice${errors.evidenceAndBasisSubmitted ? " field--error" : ""}`} aria-describedby="reply-submitted-hint">
          <legend>{t("agency.form.submitted")}</legend>
          <p className="field__hint" id="reply-submitted-hint">
            {t("agency.form.submittedHint")}
          </p>
          {errors.evidenceAndBasisSubmitted ? <p className="field__error">{t(errors.evidenceAndBasisSubmitted)}</p> : null}
          {(["yes", "no"] as const).map((v) => (
            <label key={v} className="choice__option" htmlFor={`reply-submitted-${v}`}>
              <input id={`reply-submitted-${v}`} type="radio" name="evidenceAndBasisSubmitted" value={v} defaultChecked={chosen === v} />
              <span>{t(`agency.form.submitted.${v}`)}</span>
            </label>
          ))}
        </fieldset>
        <p className="muted">{t("agency.form.access")}</p>
        <SubmitButton>{t("agency.form.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
