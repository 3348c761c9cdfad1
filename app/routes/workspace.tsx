import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/services/session.server";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("workspace.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "workspace:view");
  return {
    memberships: user.memberships.map((m) => ({ role: m.role, organName: m.organName, includeSubordinates: m.includeSubordinates })),
  };
}

export default function Workspace() {
  const t = useT();
  const { memberships } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>{t("workspace.heading")}</h1>
      <p className="lead">{t("workspace.lead")}</p>
      {memberships.some((m) => m.role === "reconsideration_staff" || m.role === "office_head") ? (
        <p>
          <Link to="/staff/queue">{t("queue.workspaceLink")}</Link>
        </p>
      ) : null}
      <TableWrap label={t("workspace.heading")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("workspace.role")}</th>
              <th scope="col">{t("workspace.organ")}</th>
              <th scope="col">{t("workspace.scope")}</th>
            </tr>
          </thead>
          <tbody>
            {memberships.map((m) => (
              <tr key={`${m.role}-${m.organName}`}>
                <td>{t(`role.${m.role}`)}</td>
                <td>{m.organName}</td>
                <td>{m.includeSubordinates ? t("workspace.scopeSub") : t("workspace.scopeOwn")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
