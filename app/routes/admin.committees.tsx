// /admin/committees — the reconsideration committees of the organs an administrator covers, with their member and
// conflict-register counts. Rosters and the register are kept on /staff/committee (the committee service's rules),
// where administrators manage them like office heads.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { getRosters } from "~/services/committee.server";
import { requirePermission } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.committees.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "admin:view");
  const rosters = await getRosters({ user });
  return {
    committees: rosters.map((r) => ({
      organId: r.organId,
      organName: r.organName,
      members: r.members.length,
      openConflicts: r.members.reduce((n, m) => n + m.register.filter((e) => !e.endedAt).length, 0),
      candidates: r.candidates.length,
      canManage: r.canManage,
    })),
  };
}

export default function AdminCommittees() {
  const t = useT();
  const { committees } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>{t("admin.committees.heading")}</h1>
      <p className="lead">{t("admin.committees.lead")}</p>
      <p>
        <Link to="/admin">{t("admin.back")}</Link> · <Link to="/staff/committee">{t("admin.committees.manage")}</Link>
      </p>
      {committees.length === 0 ? (
        <p>{t("admin.committees.none")}</p>
      ) : (
        <TableWrap label={t("admin.committees.heading")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("admin.committees.col.organ")}</th>
                <th scope="col">{t("admin.committees.col.members")}</th>
                <th scope="col">{t("admin.committees.col.conflicts")}</th>
                <th scope="col">{t("admin.committees.col.candidates")}</th>
              </tr>
            </thead>
            <tbody>
              {committees.map((c) => (
                <tr key={c.organId}>
                  <td data-label={t("admin.committees.col.organ")}>
                    <Link to={`/staff/committee#roster-${c.organId}`}>{c.organName}</Link>
                  </td>
                  <td data-label={t("admin.committees.col.members")}>{c.members}</td>
                  <td data-label={t("admin.committees.col.conflicts")}>{c.openConflicts}</td>
                  <td data-label={t("admin.committees.col.candidates")}>{c.candidates}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
