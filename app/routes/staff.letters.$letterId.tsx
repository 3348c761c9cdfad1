// /staff/letters/:letterId — one opinion letter (意见书, 《行政复议法》第七十六条) or suggestion letter (建议书,
// 《行政复议法实施条例》第五十七条第二款) for the staff of the issuing organ: its content and the text as it will be
// issued, the office head's approval, issue and service (the 文号; the report period from the service date; the copy
// to the higher department, 第七十九条第二款), the receiving organ's reports and their assessment, the order to
// perform (第七十七条第二款) and closing. The forms shown are those the machine allows the user now. Staff and office
// heads only (403); a letter of another organ does not exist (404); a command of the wrong role answers 403.
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { DocumentSheet } from "~/components/document-page";
import { Checkbox, Radios, TextArea } from "~/components/fields";
import { Field } from "~/components/form";
import { assessmentText, LetterPeriods } from "~/components/letters";
import { Term } from "~/components/term";
import { todayInShanghai } from "~/domain/calendar";
import { letterIntents, MAX_LETTER_TEXT, MAX_ORDER_DAYS, orderMeasures, type LetterIntent } from "~/domain/letters";
import { readForm } from "~/services/form.server";
import { getStaffLetter, letterStaffRoles, runLetterCommand, staffLetterExists, type LetterReport } from "~/services/letters.server";
import { requireRole } from "~/services/session.server";
import documentStyles from "~/styles/document.css";
import { useLocale, useT } from "~/utils/i18n";
import { CommandSection } from "~/components/command-section";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/cases";
import "~/locales/areas/letters";

export const meta = titleMeta("letters.letter.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];

const notFound = () => data(null, { status: 404 });
const IntentSchema = z.enum(letterIntents);
const VersionSchema = z.pipe(z.string().check(z.regex(/^\d{1,9}$/)), z.transform(Number));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, letterStaffRoles);
  const letter = await getStaffLetter({ user, letterId: params.letterId });
  if (!letter) throw notFound();
  return { letter, today: todayInShanghai(new Date()) };
}

interface ActionFailure {
  ok: false;
  intent: LetterIntent | null;
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: Record<string, string>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, letterStaffRoles);
  const { form } = await readForm(request, context, loaded);
  if (!(await staffLetterExists({ user: loaded.user, letterId: params.letterId }))) throw notFound();
  const intent = IntentSchema.safeParse(form.get("intent"));
  const version = VersionSchema.safeParse(form.get("version"));
  const fail = (status: number, failure: Omit<ActionFailure, "ok">) => data<ActionFailure>({ ok: false, ...failure }, { status });
  if (!intent.success || !version.success) return fail(400, { intent: intent.success ? intent.data : null, formError: "errors.badRequest" });
  const fields: Record<string, string | string[]> = {};
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string" || ["csrf", "intent", "version"].includes(k)) continue;
    values[k] ??= v;
    fields[k] = k === "measures" ? form.getAll(k).filter((x): x is string => typeof x === "string") : values[k];
  }
  const result = await runLetterCommand({ user: loaded.user, letterId: params.letterId, version: version.data, intent: intent.data, form: fields, requestId: context.requestId });
  if (result.ok) return redirect(`/staff/letters/${result.letterId}?done=${intent.data}`, 303);
  if (result.status === 404) throw notFound();
  return fail(result.status, { intent: intent.data, errors: result.errors, formError: result.formError, message: result.message, messageEn: result.messageEn, values });
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>["letter"];

export default function StaffLetter() {
  const t = useT();
  const locale = useLocale();
  const { letter: l, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = search.get("done");
  const doneKey = done === "drafted" || IntentSchema.safeParse(done).success ? done : null;
  const can = (command: Loaded["available"][number]) => l.available.includes(command);
  const failureOf = (intent: LetterIntent) => (actionData?.intent === intent ? actionData : undefined);
  const failureText = (f: ActionFailure) =>
    [f.formError ? t(f.formError) : null, f.message ? (locale === "en" ? (f.messageEn ?? f.message) : f.message) : null].filter(Boolean).join(" ");
  const formOf = (intent: LetterIntent) => {
    const f = failureOf(intent);
    return { intent, version: l.version, failure: f ? failureText(f) : null };
  };
  const value = (intent: LetterIntent, name: string, fallback = "") => failureOf(intent)?.values?.[name] ?? fallback;
  const error = (intent: LetterIntent, name: string) => failureOf(intent)?.errors?.[name];
  const rp = l.reportPeriod;

  return (
    <section className="page">
      <div className="no-print">
        <p>
          <Link to="/staff/letters">{t("letters.index.link")}</Link>
          {l.caseNumber ? (
            <>
              {" · "}
              <Link to={`/staff/cases/${encodeURIComponent(l.caseNumber)}/letters`}>{t("letters.letter.caseLink", { caseNumber: l.caseNumber })}</Link>
            </>
          ) : null}
        </p>
        <h1>
          {t(`letters.type.${l.type}`)}
          {l.number ? ` ${l.number}` : null}
        </h1>
        <p className="lead">{t(`letters.letter.lead.${l.type}`)}</p>
        {doneKey ? (
          <div className="alert alert--success" role="status">
            {t(`letters.done.${doneKey}`)}
          </div>
        ) : null}
        {actionData && actionData.intent === null ? (
          <div className="alert alert--error" role="alert">
            {failureText(actionData)}
          </div>
        ) : null}

        <h2>{t("letters.letter.summary")}</h2>
        <dl className="kv">
          <dt>{t("letters.letter.state")}</dt>
          <dd>
            <strong>{t(`letters.state.${l.state}`)}</strong>
          </dd>
          <dt>{t("letters.letter.type")}</dt>
          <dd>
            {t(`letters.type.${l.type}`)} · {l.typeBasis}
          </dd>
          <dt>{t("letters.organ")}</dt>
          <dd>{l.organName}</dd>
          <dt>{t("letters.letter.recipient")}</dt>
          <dd>
            {l.recipientName}（{t(`letters.recipientKind.${l.recipientKind}`)}）
          </dd>
          <dt>{t("letters.letter.case")}</dt>
          <dd>{l.caseNumber ?? t("letters.noCase")}</dd>
          <Term label={t("letters.letter.draftedBy")} value={l.draftedByName} />
          {l.type === "opinion" && l.ownGovernmentDepartment ? (
            <>
              <dt>{t("letters.letter.copy")}</dt>
              <dd>{l.copied ? t("letters.letter.copied", { to: l.higherDepartment ?? "" }) : t("letters.letter.copyPending", { to: l.higherDepartment ?? "" })}</dd>
            </>
          ) : null}
          <Term label={t("letters.letter.servedOn")} value={l.servedOn} />
          {l.outcome ? (
            <>
              <dt>{t("letters.letter.outcome")}</dt>
              <dd>{t(`letters.outcome.${l.outcome.kind}`)}</dd>
            </>
          ) : null}
        </dl>

        <h2>{t("letters.period.heading")}</h2>
        <p>{rp.statutory ? t("letters.period.ruleOpinion", { days: rp.days }) : t("letters.period.ruleSuggestion", { days: rp.days })}</p>
        {rp.statutory ? null : <p className="alert alert--warn">{t("letters.period.notStatutory")}</p>}
        {l.periods.length ? <LetterPeriods periods={l.periods} /> : null}

        <h2>{t("letters.letter.content")}</h2>
        <dl className="kv">
          <dt>{t("letters.draft.findings")}</dt>
          <dd className="review-text">{l.content.findings}</dd>
          <dt>{t("letters.draft.rectification")}</dt>
          <dd className="review-text">{l.content.rectification}</dd>
          <dt>{t("letters.draft.legalBasis")}</dt>
          <dd className="review-text">{l.content.legalBasis}</dd>
        </dl>

        {l.documents.length ? (
          <>
            <h2>{t("letters.documents.heading")}</h2>
            <ul className="plain">
              {l.documents.map((d) => (
                <li key={d.id} className="card">
                  <h3>
                    {t(`cases.doc.${d.kind}`)}
                    {d.number ? ` ${d.number}` : null}
                  </h3>
                  <p className="muted">
                    {t("letters.documents.issuedAt", { time: shanghaiTime(d.issuedAt) })} · {d.basis}
                  </p>
                  <p>
                    <Link to={`/staff/letters/${l.id}/documents/${d.id}`}>{t("letters.documents.open")}</Link>
                  </p>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <h2>{t("letters.reports.heading")}</h2>
        {l.reports.length === 0 ? <p>{t("letters.reports.none")}</p> : <Reports reports={l.reports} />}

        {l.available.length === 0 ? <p>{t("letters.letter.nothingNow")}</p> : <p className="muted">{t("letters.letter.stale")}</p>}

        {can("APPROVE") ? (
          <CommandSection {...formOf("approve")} heading={t("letters.approve.heading")} lead={t("letters.approve.lead")} submit={t("letters.approve.submit")} />
        ) : l.state === "DRAFT" ? (
          <p className="alert alert--warn">{t("letters.approve.headOnly")}</p>
        ) : null}
        {can("ISSUE") ? (
          <CommandSection {...formOf("issue")} heading={t("letters.issue.heading")} lead={t(`letters.issue.lead.${l.type}`)} submit={t("letters.issue.submit")}>
            {l.type === "opinion" && l.ownGovernmentDepartment ? <p>{t("letters.issue.copy", { to: l.higherDepartment ?? "" })}</p> : null}
            <Field
              name="servedOn"
              type="date"
              max={today}
              label={t("letters.issue.servedOn")}
              hint={t("letters.issue.servedOnHint")}
              defaultValue={value("issue", "servedOn", today)}
              error={error("issue", "servedOn")}
            />
          </CommandSection>
        ) : null}
        {can("SUBMIT_REPORT") ? (
          <CommandSection {...formOf("record_report")} heading={t("letters.recordReport.heading")} lead={t("letters.recordReport.lead")} submit={t("letters.recordReport.submit")}>
            <TextArea name="summary" label={t("letters.report.summary")} rows={5} maxLength={MAX_LETTER_TEXT} required defaultValue={value("record_report", "summary")} error={error("record_report", "summary")} />
          </CommandSection>
        ) : null}
        {can("REVIEW_REPORT") ? (
          <CommandSection {...formOf("review")} heading={t("letters.review.heading")} lead={t("letters.review.lead")} submit={t("letters.review.submit")}>
            <Radios
              name="adequate"
              legend={t("letters.review.adequate")}
              options={(["yes", "no"] as const).map((v) => ({ value: v, label: t(`letters.review.adequate.${v}`) }))}
              defaultValue={value("review", "adequate")}
              error={error("review", "adequate")}
            />
            <TextArea
              name="reasons"
              label={t("letters.review.reasons")}
              hint={t("letters.review.reasonsHint")}
              rows={4}
              maxLength={MAX_LETTER_TEXT}
              defaultValue={value("review", "reasons")}
              error={error("review", "reasons")}
            />
          </CommandSection>
        ) : null}
        {can("ORDER_TO_PERFORM") && l.type === "opinion" ? (
          <CommandSection {...formOf("order")} heading={t("letters.order.heading")} lead={t("letters.order.lead")} submit={t("letters.order.submit")}>
            <Field
              name="days"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_ORDER_DAYS}
              label={t("letters.order.days")}
              hint={t("letters.order.daysHint")}
              defaultValue={value("order", "days")}
              error={error("order", "days")}
            />
            {orderMeasures.map((m) => (
              <Checkbox key={m} name="measures" value={m} label={t(`letters.order.measure.${m}`)} />
            ))}
          </CommandSection>
        ) : null}
        {can("CLOSE") ? <CommandSection {...formOf("close")} heading={t("letters.close.heading")} lead={t(`letters.close.lead.${l.type}`)} submit={t("letters.close.submit")} /> : null}
      </div>

      {l.preview ? (
        <section aria-labelledby="letter-preview">
          <h2 id="letter-preview" className="no-print">
            {t("letters.preview.heading")}
          </h2>
          <p className="muted no-print">{t("letters.preview.lead")}</p>
          <DocumentSheet document={l.preview} />
        </section>
      ) : null}
    </section>
  );
}

function Reports({ reports }: { reports: LetterReport[] }) {
  const t = useT();
  return (
    <ul className="plain">
      {reports.map((r) => (
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
            <p className={r.adequate ? "alert alert--success" : "alert alert--warn"}>
              {assessmentText(t, r)}
              {r.assessedByName ? ` (${r.assessedByName}, ${shanghaiTime(r.assessedAt)})` : null}
            </p>
          ) : (
            <p>{t("letters.reports.notAssessed")}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
