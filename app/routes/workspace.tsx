import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/services/session.server";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";
import "~/locales/areas/agency";
import "~/locales/areas/audit";
import "~/locales/areas/center";
import "~/locales/areas/committee";
import "~/locales/areas/court";
import "~/locales/areas/letters";
import "~/locales/areas/mediation-handling";
import "~/locales/areas/member";
import "~/locales/areas/performance";
import "~/locales/areas/publication";
import "~/locales/areas/queue";
import "~/locales/areas/stats";
import "~/locales/areas/team";

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
  const has = (role: string) => memberships.some((m) => m.role === role);
  return (
    <section className="page">
      <h1>{t("workspace.heading")}</h1>
      <p className="lead">{t("workspace.lead")}</p>
      <ul className="inline-list">
        {has("center_clerk") ? (
          <li>
            <Link to="/center">{t("center.workspaceLink")}</Link>
          </li>
        ) : null}
        {has("reconsideration_staff") || has("office_head") ? (
          <>
            <li>
              <Link to="/staff/queue">{t("queue.workspaceLink")}</Link>
            </li>
            <li>
              <Link to="/staff/team">{t("team.link")}</Link>
            </li>
            <li>
              <Link to="/staff/committee">{t("committee.roster.title")}</Link>
            </li>
            <li>
              <Link to="/staff/letters">{t("letters.index.title")}</Link>
            </li>
            <li>
              <Link to="/staff/mediation">{t("mh.workspaceLink")}</Link>
            </li>
          </>
        ) : null}
        {has("office_head") ? (
          <>
            <li>
              <Link to="/staff/overdue">{t("overdue.title")}</Link>
            </li>
            <li>
              <Link to="/staff/compliance">{t("compliance.title")}</Link>
            </li>
            <li>
              <Link to="/staff/publications">{t("publication.review.title")}</Link>
            </li>
          </>
        ) : null}
        {has("office_head") || has("admin") ? (
          <li>
            <Link to="/stats">{t("stats.workspaceLink")}</Link>
          </li>
        ) : null}
        {has("office_head") || has("reconsideration_staff") || has("respondent_agent") || has("admin") ? (
          <li>
            <Link to="/staff/court-appearances">{t("court.title")}</Link>
          </li>
        ) : null}
        {has("admin") ? (
          <>
            <li>
              <Link to="/admin">{t("admin.home.title")}</Link>
            </li>
            <li>
              <Link to="/admin/organs">{t("admin.organs.title")}</Link>
            </li>
            <li>
              <Link to="/admin/audit">{t("admin.audit.title")}</Link>
            </li>
          </>
        ) : null}
        {has("committee_member") ? (
          <li>
            <Link to="/committee">{t("member.workspaceLink")}</Link>
          </li>
        ) : null}
        {has("respondent_agent") ? (
          <li>
            <Link to="/agency">{t("agency.workspaceLink")}</Link>
          </li>
        ) : null}
        <li>
          <Link to="/notifications">{t("notifications.title")}</Link>
        </li>
      </ul>
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
