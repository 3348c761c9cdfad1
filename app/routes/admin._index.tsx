// /admin — the administrator's start page: every area of administration (issue 7 req. 4) with what it is for.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { adminOverview } from "~/services/admin-scope.server";
import { requirePermission } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "admin:view");
  return adminOverview({ user });
}

const areas = [
  { to: "/admin/organs", key: "organs" },
  { to: "/admin/users", key: "users" },
  { to: "/admin/committees", key: "committees" },
  { to: "/admin/calendar", key: "calendar" },
  { to: "/admin/settings", key: "settings" },
  { to: "/admin/templates", key: "templates" },
  { to: "/admin/audit", key: "audit" },
] as const;

export default function AdminHome() {
  const t = useT();
  const { region } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>{t("admin.home.heading")}</h1>
      <p className="lead">{t("admin.home.lead")}</p>
      {!region ? <p className="alert alert--warn">{t("admin.home.notRegion")}</p> : null}
      <ul className="cards">
        {areas.map((a) => (
          <li key={a.key} className="card">
            <h2>
              <Link to={a.to}>{t(`admin.home.${a.key}`)}</Link>
            </h2>
            <p>{t(`admin.home.${a.key}.text`)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
