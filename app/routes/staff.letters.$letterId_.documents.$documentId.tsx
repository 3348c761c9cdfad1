// /staff/letters/:letterId/documents/:documentId — one issued document of a letter (the 意见书 or 建议书 with its 文号,
// the 抄告函 of 《行政复议法》第七十九条第二款, a 责令履行通知书) as a printable A4 page. Frozen: nothing is changed here.
// Staff of the issuing organ only: others get 403, a letter or document outside the user's organs 404.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DocumentSheet } from "~/components/document-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Term } from "~/components/term";
import { getStaffLetterDocument, letterStaffRoles } from "~/services/letters.server";
import { requireRole } from "~/services/session.server";
import documentStyles from "~/styles/document.css";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/documents";
import "~/locales/areas/letters";

export const meta = titleMeta("documents.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, letterStaffRoles);
  const doc = await getStaffLetterDocument({ user, letterId: params.letterId, documentId: params.documentId });
  if (!doc) throw data(null, { status: 404 });
  return { doc };
}

export default function LetterDocument() {
  const t = useT();
  const { doc } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p className="no-print">
        <Link to={`/staff/letters/${doc.letterId}`}>{t("letters.documents.back")}</Link>
      </p>
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
        <p className="muted">{t("documents.printHint")}</p>
        <p>
          <button type="button" className="button" onClick={() => window.print()}>
            {t("documents.print")}
          </button>
        </p>
      </section>
      {doc.document ? <DocumentSheet document={doc.document} /> : <p>{t("documents.legacy")}</p>}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
