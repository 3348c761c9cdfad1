// /staff/cases/:caseNumber/documents/:documentId — one issued document as a printable A4 page, its 送达回证 and a form to
// record a service (DOMAIN.md 9.17–9.18; CPL Arts. 87–95). Staff of the case's organ only: others get 403, a case or
// document outside the user's organs 404. The document itself is frozen; only service records are added.
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DocumentSheet, ServiceReceiptTable } from "~/components/document-page";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Term } from "~/components/term";
import { documentDate, serviceRecordMethods } from "~/domain/documents";
import { getStaffDocument, recordService, RecordServiceSchema } from "~/services/documents.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { caseHandlerRoles } from "~/services/staff-cases.server";
import documentStyles from "~/styles/document.css";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/documents";

export const meta = titleMeta("documents.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];

const notFound = () => data(null, { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, caseHandlerRoles);
  const doc = await getStaffDocument({ user, caseNumber: params.caseNumber ?? "", documentId: params.documentId });
  if (!doc) throw notFound();
  return { doc };
}

interface ActionFailure {
  ok: false;
  errors: Record<string, string>;
  formError?: string;
  /** The machine's own words (Chinese, English) when it refused. */
  message?: string;
  messageEn?: string;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, caseHandlerRoles);
  const { form } = await readForm(request, context, loaded);
  const caseNumber = params.caseNumber ?? "";
  if (!(await getStaffDocument({ user: loaded.user, caseNumber, documentId: params.documentId }))) throw notFound();
  const parsed = RecordServiceSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return data<ActionFailure>({ ok: false, errors, formError: "errors.badRequest" }, { status: 400 });
  }
  const result = await recordService({ user: loaded.user, caseNumber, documentId: params.documentId, input: parsed.data, requestId: context.requestId });
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    const { message, messageEn } = result;
    return data<ActionFailure>({ ok: false, errors: {}, formError: result.error, message, messageEn }, { status: result.status });
  }
  const url = `/staff/cases/${encodeURIComponent(caseNumber)}/documents/${params.documentId}?done=${result.servedOn}`;
  return redirect(url, 303);
}

export default function StaffDocument() {
  const t = useT();
  const locale = useLocale();
  const { doc } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  const [params] = useSearchParams();
  const done = params.get("done");
  const caseUrl = `/staff/cases/${encodeURIComponent(doc.caseNumber)}`;
  return (
    <div className="page">
      <p className="no-print">
        <Link to={caseUrl}>{t("documents.back", { caseNumber: doc.caseNumber })}</Link>
      </p>
      {done && /^\d{4}-\d{2}-\d{2}$/.test(done) ? (
        <div className="alert alert--success no-print" role="status">
          {t("documents.done", { servedOn: documentDate(done) })}
        </div>
      ) : null}
      <section className="no-print" aria-labelledby="doc-meta">
        <h2 id="doc-meta">{t("documents.meta")}</h2>
        <dl className="kv">
          <dt>{t("documents.number")}</dt>
          <dd>{doc.number ?? t("documents.noNumber")}</dd>
          <dt>{t("documents.issuedAt")}</dt>
          <dd>
            <time dateTime={doc.issuedAt}>{new Date(doc.issuedAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })}</time>
          </dd>
          <dt>{t("documents.basis")}</dt>
          <dd>{doc.basis}</dd>
          <Term label={t("documents.hash")} value={doc.contentHash} className="doc-hash" />
        </dl>
        <p className="muted">{t("documents.frozen")}</p>
        {doc.correctsId ? <p>{t("documents.corrects")}</p> : null}
        <p className="muted">{t("documents.printHint")}</p>
      </section>

      {doc.document ? <DocumentSheet document={doc.document} /> : <p>{t("documents.legacy")}</p>}

      <ServiceReceiptTable receipt={doc.receipt} />

      <section className="no-print" aria-labelledby="doc-service-form">
        <h2 id="doc-service-form">{t("documents.form.heading")}</h2>
        {failure?.formError ? (
          <div className="alert alert--error" role="alert">
            {t(failure.formError)}
            {failure.message ? ` ${locale === "en" ? (failure.messageEn ?? failure.message) : failure.message}` : null}
          </div>
        ) : null}
        <Form method="post" className="form" noValidate>
          <CsrfInput />
          <div className={`field${failure?.errors.recipient ? " field--error" : ""}`}>
            <label htmlFor="doc-recipient">{t("documents.form.recipient")}</label>
            {failure?.errors.recipient ? <p className="field__error">{t(failure.errors.recipient)}</p> : null}
            <select id="doc-recipient" name="recipient" required>
              {doc.recipients.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.name}（{t(`documents.role.${r.role}`)}）
                </option>
              ))}
            </select>
          </div>
          <div className={`field${failure?.errors.method ? " field--error" : ""}`}>
            <label htmlFor="doc-method">{t("documents.form.method")}</label>
            {failure?.errors.method ? <p className="field__error">{t(failure.errors.method)}</p> : null}
            <select id="doc-method" name="method" required>
              {serviceRecordMethods.map((m) => (
                <option key={m} value={m}>
                  {t(`documents.method.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <Field name="date" type="date" label={t("documents.form.date")} hint={t("documents.form.dateHint")} error={failure?.errors.date} required />
          <Field name="signer" label={t("documents.form.signer")} hint={t("documents.form.signerHint")} error={failure?.errors.signer} maxLength={200} />
          <div className="field choice">
            <label className="choice__option">
              <input type="checkbox" name="refused" value="yes" /> <span>{t("documents.form.refused")}</span>
            </label>
          </div>
          <Field name="note" label={t("documents.form.note")} hint={t("documents.form.noteHint")} error={failure?.errors.note} maxLength={1000} />
          <SubmitButton>{t("documents.form.submit")}</SubmitButton>
        </Form>
        <p className="no-print">
          <button type="button" className="button" onClick={() => window.print()}>
            {t("documents.print")}
          </button>
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
