// /my/cases/:caseNumber/documents/:documentId — one document served on the citizen, in readable form: its name, when it
// was issued and served, its legal basis and its fields (the items of a supplement notice, the reasons of a refusal…).
// Opening it records the first time it was opened (once). Another case's or another person's document is a 404.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DocumentSheet } from "~/components/document-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { documentValueKey, formatShanghaiDateTime, type DocumentField } from "~/domain/citizen-case";
import { formatLegalDate } from "~/domain/periods";
import { openDocument } from "~/services/my-cases.server";
import { requireUser } from "~/services/session.server";
import { useLocale, useT, type Translate } from "~/utils/i18n";
import documentStyles from "~/styles/document.css";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/cases";
import "~/locales/areas/documents";

export const meta = titleMeta("cases.document.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const doc = await openDocument(user.id, params.documentId, { caseNumber: params.caseNumber ?? "", requestId: context.requestId });
  if (!doc) throw new Response("Not Found", { status: 404 });
  return { doc };
}

export default function CaseDocument() {
  const t = useT();
  const locale = useLocale();
  const { doc } = useLoaderData<typeof loader>();
  const caseUrl = `/my/cases/${encodeURIComponent(doc.caseNumber)}`;
  return (
    <div className="page page--narrow case-document">
      <p className="no-print">
        <Link to={caseUrl}>{t("cases.document.back", { caseNumber: doc.caseNumber })}</Link>
      </p>
      <h1 className="no-print">{t(`cases.doc.${doc.kind}`)}</h1>
      <dl className="kv no-print">
        <dt>{t("cases.document.caseNumber")}</dt>
        <dd>{doc.caseNumber}</dd>
        <dt>{t("cases.document.issuedAt")}</dt>
        <dd>
          <time dateTime={doc.issuedAt}>{formatShanghaiDateTime(doc.issuedAt)}</time>
        </dd>
        <dt>{t("cases.document.servedAt")}</dt>
        <dd>
          <time dateTime={doc.servedAt ?? undefined}>{doc.servedAt ? formatShanghaiDateTime(doc.servedAt) : ""}</time>
          {doc.serviceMethod === "electronic" ? <span className="muted"> · {t("cases.document.serviceElectronic")}</span> : null}
        </dd>
        <dt>{t("cases.document.firstOpenedAt")}</dt>
        <dd>{doc.firstOpenedAt ? <time dateTime={doc.firstOpenedAt}>{formatShanghaiDateTime(doc.firstOpenedAt)}</time> : null}</dd>
        <dt>{t("cases.document.basis")}</dt>
        <dd>{doc.basis}</dd>
      </dl>
      {doc.document ? (
        <>
          <p className="muted no-print">{t("documents.printHint")}</p>
          <DocumentSheet document={doc.document} />
        </>
      ) : (
        <>
          <h2>{t("cases.document.content")}</h2>
          {doc.fields.length === 0 ? <p>{t("cases.document.noContent")}</p> : null}
          {doc.fields.map((f) => (
            <section key={f.field} className="case-document__field">
              <h3>{t(f.labelKey)}</h3>
              <FieldValue field={f} t={t} locale={locale} />
            </section>
          ))}
        </>
      )}
    </div>
  );
}

/** An enumerated value in words when the locale names it, as stored otherwise (free text written by staff). */
function enumText(t: Translate, field: string, value: string): string {
  const key = documentValueKey(field, value);
  const text = t(key);
  return text === key ? value : text;
}

function FieldValue({ field, t, locale }: { field: DocumentField; t: Translate; locale: "zh-CN" | "en" }) {
  const v = field.value;
  if (Array.isArray(v)) {
    return (
      <ol className="case-document__list">
        {v.map((item, i) => (
          <li key={i}>{field.type === "enumList" ? enumText(t, field.field, item) : item}</li>
        ))}
      </ol>
    );
  }
  if (typeof v === "boolean") return <p>{v ? t("cases.document.yes") : t("cases.document.no")}</p>;
  if (typeof v === "number") return <p>{t("cases.document.days", { days: v })}</p>;
  if (field.type === "date") return <p>{formatLegalDate(v, locale)}</p>;
  if (field.type === "enum") return <p>{enumText(t, field.field, v)}</p>;
  return <p className="review-text">{v}</p>;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
