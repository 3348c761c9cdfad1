// Pieces of the letter pages (意见书, 建议书): the list of letters with state, number and due date, a letter's periods
// (a suggestion letter's marked as not statutory), and the drafting form shared by the case page and the letters page.
import { Form, Link } from "@remix-run/react";
import { DueDate } from "~/components/due-date";
import { Radios, Select, TextArea } from "~/components/fields";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { MAX_LETTER_TEXT, MAX_ORGAN_NAME } from "~/domain/letters";
import { isPeriodKey, periodDefinitions } from "~/domain/periods";
import type { LetterPeriod, LetterReport, LetterRow, RecipientChoice } from "~/services/letters.server";
import { useLocale, useT, type Translate } from "~/utils/i18n";
import "~/locales/areas/letters";

/** A letter list; `href` gives each letter's page. */
export function LetterTable({ rows, href, showOrgan = false, showRecipient = true }: { rows: LetterRow[]; href: (id: string) => string; showOrgan?: boolean; showRecipient?: boolean }) {
  const t = useT();
  return (
    <TableWrap label={t("letters.table")}>
      <table className="table--stack queue-table">
        <thead>
          <tr>
            <th scope="col">{t("letters.col.letter")}</th>
            {showOrgan ? <th scope="col">{t("letters.col.organ")}</th> : null}
            {showRecipient ? <th scope="col">{t("letters.col.recipient")}</th> : null}
            <th scope="col">{t("letters.col.case")}</th>
            <th scope="col">{t("letters.col.state")}</th>
            <th scope="col">{t("letters.col.due")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td data-label={t("letters.col.letter")}>
                <Link to={href(r.id)}>
                  {t(`letters.type.${r.type}`)}
                  {r.number ? ` ${r.number}` : ` (${t("letters.noNumber")})`}
                </Link>
              </td>
              {showOrgan ? <td data-label={t("letters.col.organ")}>{r.organName}</td> : null}
              {showRecipient ? <td data-label={t("letters.col.recipient")}>{r.recipientName}</td> : null}
              <td data-label={t("letters.col.case")}>{r.caseNumber ?? t("letters.noCase")}</td>
              <td data-label={t("letters.col.state")}>
                {t(`letters.state.${r.state}`)}
                {r.copied ? ` · ${t("letters.copied.short")}` : null}
              </td>
              <td data-label={t("letters.col.due")}>
                {r.due ? (
                  <>
                    <time dateTime={r.due.dueDate}>{r.due.dueDate}</time>{" "}
                    {r.due.colour ? <span className={`queue-due queue-due--${r.due.colour}`}>{t(`letters.due.${r.due.colour}`)}</span> : <span className="muted">{t(`letters.due.closed`)}</span>}
                    {r.due.statutory ? null : <span className="muted"> {t("letters.period.notStatutoryShort")}</span>}
                  </>
                ) : (
                  t("letters.due.none")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** A letter's periods: the report (or feedback) period and any order to perform, each with how it was computed. */
export function LetterPeriods({ periods }: { periods: LetterPeriod[] }) {
  const t = useT();
  const locale = useLocale();
  if (periods.length === 0) return <p>{t("letters.period.none")}</p>;
  return (
    <ul className="plain">
      {periods.map((p, i) => (
        <li key={`${p.kind}-${i}`} className="card">
          <DueDate
            label={isPeriodKey(p.kind) ? periodDefinitions[p.kind].label[locale === "en" ? "en" : "zh"] : p.kind}
            date={p.dueDate}
            explanation={p.explanation}
            provisional={p.provisional}
          />
          <p className="muted">
            {t("letters.period.start", { date: p.startDate })} · {p.basis}
          </p>
          {p.statutory ? null : <p className="alert alert--warn">{t("letters.period.notStatutory")}</p>}
          <p>
            {p.colour ? (
              <span className={`queue-due queue-due--${p.colour}`}>{t(`letters.due.${p.colour}`)}</span>
            ) : (
              t(`letters.period.status.${p.status === "met" || p.status === "missed" ? p.status : "cancelled"}`)
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The assessment of a report in one line: the conclusion, and its reasons when given (required when inadequate). */
export function assessmentText(t: Translate, r: Pick<LetterReport, "adequate" | "assessmentReasons">): string {
  if (!r.adequate) return t("letters.reports.inadequate", { reasons: r.assessmentReasons ?? "" });
  return r.assessmentReasons ? t("letters.reports.adequateReasons", { reasons: r.assessmentReasons }) : t("letters.reports.adequate");
}

export interface DraftFailure {
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: Record<string, string>;
}

/**
 * The drafting form. With `fixedType` the type is not asked (a letter without a case is a suggestion letter); with
 * `organs` (more than one) the issuing organ is chosen.
 */
export function LetterDraftForm({
  recipients,
  failure,
  fixedType,
  organs,
}: {
  recipients: RecipientChoice[];
  failure?: DraftFailure;
  fixedType?: "suggestion";
  organs?: { id: string; name: string }[];
}) {
  const t = useT();
  const locale = useLocale();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  return (
    <section className="apply-block" aria-labelledby="letter-draft-heading">
      <h2 id="letter-draft-heading">{t("letters.draft.heading")}</h2>
      <p>{fixedType ? t("letters.draft.leadSuggestion") : t("letters.draft.lead")}</p>
      {failure?.formError || failure?.message ? (
        <div className="alert alert--error" role="alert">
          {failure.formError ? t(failure.formError) : null}
          {failure.message ? ` ${locale === "en" ? (failure.messageEn ?? failure.message) : failure.message}` : null}
        </div>
      ) : null}
      <Form method="post" className="form case-form" noValidate>
        <CsrfInput />
        {fixedType ? (
          <input type="hidden" name="type" value={fixedType} />
        ) : (
          <Radios
            name="type"
            legend={t("letters.draft.type")}
            hint={t("letters.draft.typeHint")}
            options={(["opinion", "suggestion"] as const).map((v) => ({ value: v, label: t(`letters.draft.type.${v}`) }))}
            defaultValue={values.type}
            error={errors.type}
          />
        )}
        {fixedType && errors.type ? <p className="field__error">{t(errors.type)}</p> : null}
        {organs && organs.length > 1 ? (
          <Select
            name="organId"
            label={t("letters.draft.organ")}
            placeholder={t("letters.draft.organPlaceholder")}
            options={organs.map((o) => ({ value: o.id, label: o.name }))}
            defaultValue={values.organId ?? ""}
            error={errors.organId}
          />
        ) : errors.organId ? (
          <p className="field__error">{t(errors.organId)}</p>
        ) : null}
        <Select
          name="recipientOrganId"
          label={t("letters.draft.recipient")}
          hint={t("letters.draft.recipientHint")}
          placeholder={t("letters.draft.recipientPlaceholder")}
          options={recipients.map((r) => ({ value: r.id, label: `${r.name}（${t(`letters.recipientKind.${r.kind}`)}）` }))}
          defaultValue={values.recipientOrganId ?? ""}
          error={errors.recipientOrganId}
        />
        <TextArea
          name="findings"
          label={t("letters.draft.findings")}
          hint={t("letters.draft.findingsHint")}
          rows={6}
          maxLength={MAX_LETTER_TEXT}
          required
          defaultValue={values.findings ?? ""}
          error={errors.findings}
        />
        <TextArea
          name="rectification"
          label={t("letters.draft.rectification")}
          hint={t("letters.draft.rectificationHint")}
          rows={6}
          maxLength={MAX_LETTER_TEXT}
          required
          defaultValue={values.rectification ?? ""}
          error={errors.rectification}
        />
        <TextArea
          name="legalBasis"
          label={t("letters.draft.legalBasis")}
          hint={t("letters.draft.legalBasisHint")}
          rows={3}
          maxLength={MAX_LETTER_TEXT}
          required
          defaultValue={values.legalBasis ?? ""}
          error={errors.legalBasis}
        />
        {fixedType ? null : (
          <Field
            name="higherDepartment"
            label={t("letters.draft.higherDepartment")}
            hint={t("letters.draft.higherDepartmentHint")}
            maxLength={MAX_ORGAN_NAME}
            defaultValue={values.higherDepartment ?? ""}
            error={errors.higherDepartment}
          />
        )}
        <SubmitButton>{t("letters.draft.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
