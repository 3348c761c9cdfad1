// /agency/cases/:caseNumber/documents/:documentId — a document served on the respondent (提出答复通知书, 听证通知书, …) as
// the printable A4 page it was issued as. Respondent agents of the case's respondent organ only: other roles get 403;
// another organ's case, a document not addressed to the respondent, or an unknown id 404.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DocumentSheet } from "~/components/document-page";
import { agencyRoles, getAgencyDocument } from "~/services/agency.server";
import { requireRole } from "~/services/session.server";
import documentStyles from "~/styles/document.css";
import { isMessageKey, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/agency";

export const meta = titleMeta("agency.doc.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, agencyRoles);
  const doc = await getAgencyDocument({ user, caseNumber: params.caseNumber ?? "", documentId: params.documentId });
  if (!doc) throw data(null, { status: 404 });
  return { doc };
}

export default function AgencyDocument() {
  const t = useT();
  const { doc } = useLoaderData<typeof loader>();
  const kindTitle = isMessageKey(`agency.doc.${doc.kind}`) ? t(`agency.doc.${doc.kind}`) : t("agency.doc.other", { kind: doc.kind });
  return (
    <div className="page">
      <p className="no-print">
        <Link to={`/agency/cases/${encodeURIComponent(doc.caseNumber)}`}>{t("agency.doc.back", { caseNumber: doc.caseNumber })}</Link>
      </p>
      <p className="muted no-print">{t("agency.doc.printHint")}</p>
      {doc.rendered ? (
        <DocumentSheet document={doc.rendered} />
      ) : (
        <section>
          <h1>
            {kindTitle}
            {doc.number ? ` ${doc.number}` : null}
          </h1>
          <p>{doc.basis}</p>
          <p>{t("agency.doc.legacy")}</p>
        </section>
      )}
    </div>
  );
}
