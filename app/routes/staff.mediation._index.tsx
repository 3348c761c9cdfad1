// /staff/mediation — the administrative mediation requests (行政调解, DOMAIN.md §16) routed to the user's organ(s):
// state, nearest running deadline, applicant and other party. Reconsideration staff and office heads only (others 403);
// each sees the requests of the organs their memberships cover.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { usePeriodName } from "~/components/deadline-list";
import { TableWrap } from "~/components/table-wrap";
import { listMediationRequests, mediationRoles } from "~/services/mediation.server";
import { requireRole } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/mediation-handling";

export const meta = titleMeta("mh.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, mediationRoles);
  return { rows: await listMediationRequests({ user }) };
}

export default function StaffMediationList() {
  const t = useT();
  const periodName = usePeriodName();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>{t("mh.list.heading")}</h1>
      <p className="lead">{t("mh.list.lead")}</p>
      {rows.length === 0 ? (
        <p>{t("mh.list.none")}</p>
      ) : (
        <TableWrap label={t("mh.list.table")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("mh.col.caseNumber")}</th>
                <th scope="col">{t("mh.col.state")}</th>
                <th scope="col">{t("mh.col.due")}</th>
                <th scope="col">{t("mh.col.applicant")}</th>
                <th scope="col">{t("mh.col.otherParty")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.caseNumber}>
                  <td data-label={t("mh.col.caseNumber")}>
                    <Link to={`/staff/mediation/${encodeURIComponent(r.caseNumber)}`}>{r.caseNumber}</Link>
                  </td>
                  <td data-label={t("mh.col.state")}>{t(`mh.state.${r.state}`)}</td>
                  <td data-label={t("mh.col.due")}>{r.nearestDue ? `${periodName(r.nearestDue.kind)} ${r.nearestDue.dueDate}` : t("mh.list.noDue")}</td>
                  <td data-label={t("mh.col.applicant")}>{r.applicant ?? ""}</td>
                  <td data-label={t("mh.col.otherParty")}>{r.otherParty ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
