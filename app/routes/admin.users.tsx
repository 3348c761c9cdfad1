// /admin/users — the accounts an administrator manages (a role in an organ they cover; everyone for an administrator
// of the autonomous region), searched by name, phone or e-mail, 20 a page. Contact is masked in the list.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { UserSearchSchema } from "~/domain/admin";
import { searchUsers } from "~/services/admin-users.server";
import { requirePermission } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "user:manage");
  const { q, page } = UserSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { q, page, ...(await searchUsers({ user, q, page })) };
}

function pageLink(q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  params.set("page", String(page));
  return `/admin/users?${params}`;
}

export default function AdminUsers() {
  const t = useT();
  const { q, page, pages, rows, total } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>{t("admin.users.heading")}</h1>
      <p className="lead">{t("admin.users.lead")}</p>
      <p>
        <Link to="/admin">{t("admin.back")}</Link> · <Link to="/admin/users/new">{t("admin.users.new")}</Link>
      </p>
      <Form method="get" className="form-inline" role="search">
        <label htmlFor="user-q">{t("admin.users.search")}</label>
        <input id="user-q" name="q" type="search" defaultValue={q} maxLength={50} />
        <button type="submit" className="button">
          {t("admin.users.searchSubmit")}
        </button>
      </Form>
      <p aria-live="polite">{t("admin.users.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("admin.users.none")}</p>
      ) : (
        <TableWrap label={t("admin.users.heading")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("admin.users.col.name")}</th>
                <th scope="col">{t("admin.users.col.contact")}</th>
                <th scope="col">{t("admin.users.col.roles")}</th>
                <th scope="col">{t("admin.users.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id}>
                  <td data-label={t("admin.users.col.name")}>
                    <Link to={`/admin/users/${u.id}`}>{u.displayName}</Link>
                  </td>
                  <td data-label={t("admin.users.col.contact")}>{[u.email, u.phone].filter(Boolean).join(" · ")}</td>
                  <td data-label={t("admin.users.col.roles")}>
                    {u.roles.length === 0 ? t("role.citizen") : u.roles.map((r) => `${t(`role.${r.role}`)}（${r.organName}）`).join("；")}
                  </td>
                  <td data-label={t("admin.users.col.status")}>{u.disabled ? t("admin.users.disabled") : t("admin.users.active")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pages > 1 ? (
        <nav aria-label={t("admin.users.pages")} className="form-inline">
          {page > 1 ? <Link to={pageLink(q, page - 1)}>{t("admin.users.prev")}</Link> : null}
          <span>{t("admin.users.page", { page, pages })}</span>
          {page < pages ? <Link to={pageLink(q, page + 1)}>{t("admin.users.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
