// /committee — the signed-in committee member's consultations (行政复议委员会咨询, 《行政复议法》第五十二条): those they are
// assigned to and not removed from, each with its deadline and where it stands. Committee members only (403).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { committeeMemberRoles, listAssignedConsultations } from "~/services/committee-member.server";
import { requireRole } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/member";

export const meta = titleMeta("member.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, committeeMemberRoles);
  return { consultations: await listAssignedConsultations({ user }) };
}

export default function CommitteeWorkspace() {
  const t = useT();
  const { consultations } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <section className="page">
      <h1>{t("member.heading")}</h1>
      <p className="lead">{t("member.lead")}</p>
      {search.get("done") === "removed" ? (
        <div className="alert alert--success" role="status">
          {t("member.done.removed")}
        </div>
      ) : null}
      {consultations.length === 0 ? (
        <p>{t("member.none")}</p>
      ) : (
        <TableWrap label={t("member.list")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("member.col.case")}</th>
                <th scope="col">{t("member.col.organ")}</th>
                <th scope="col">{t("member.col.due")}</th>
                <th scope="col">{t("member.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {consultations.map((c) => (
                <tr key={c.id}>
                  <td data-label={t("member.col.case")}>
                    <Link to={`/committee/${c.id}`}>{c.caseNumber ?? t("member.open")}</Link>
                  </td>
                  <td data-label={t("member.col.organ")}>{c.organName ?? ""}</td>
                  <td data-label={t("member.col.due")}>
                    {c.dueDate ?? t("member.noDue")}
                    {c.overdue ? (
                      <>
                        {" "}
                        <span className="queue-due queue-due--overdue">{t("member.overdue")}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t("member.col.status")}>{t(`member.status.${c.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
