// /staff/mediation/:caseNumber/documents/:documentId — one issued document of an administrative mediation request
// (受理通知书, 不予受理告知书, 调解协议书, 终止调解告知书; DOMAIN.md §19) as a printable A4 page. Frozen at issue.
// Staff and office heads of the request's organ only: others 403, a request or document outside the user's organs 404.
import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DocumentSheet } from "~/components/document-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getMediationDocument, mediationRoles } from "~/services/mediation.server";
import { requireRole } from "~/services/session.server";
import documentStyles from "~/styles/document.css";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/documents";
import "~/locales/areas/mediation-handling";

export const meta = titleMeta("documents.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, mediationRoles);
  const doc = await getMediationDocument({ user, caseNumber: params.caseNumber ?? "", documentId: params.documentId ?? "" });
  if (!doc) throw data(null, { status: 404 });
  return { doc };
}

export default function StaffMediationDocument() {
  const t = useT();
  const { doc } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p className="no-print">
        <Link to={`/staff/mediation/${encodeURIComponent(doc.caseNumber)}`}>{t("mh.document.back", { caseNumber: doc.caseNumber })}</Link>
      </p>
      <p className="muted no-print">{t("documents.printHint")}</p>
      <DocumentSheet document={doc.document} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
