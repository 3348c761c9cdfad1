import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import * as z from "zod/mini";
import { listOrgans } from "~/services/organs.server";
import { requirePermission } from "~/services/session.server";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.organs.title");

const QuerySchema = z.object({ q: z.catch(z.string().check(z.trim(), z.maxLength(50)), "") });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "admin:view");
  const { q } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listOrgans({ actor: user, q, limit: 200 });
  return { q, ...result };
}

export default function AdminOrgans() {
  const t = useT();
  const { q, rows, total } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>{t("admin.organs.heading")}</h1>
      <p className="lead">{t("admin.organs.lead")}</p>
      <p>
        <Link to="/admin">{t("admin.back")}</Link> · <Link to="/admin/organs/new">{t("admin.organ.newHeading")}</Link>
      </p>
      <Form method="get" className="form-inline" role="search">
        <label htmlFor="organ-q">{t("admin.organs.search")}</label>
        <input id="organ-q" name="q" type="search" defaultValue={q} />
        <button type="submit" className="button">
          {t("admin.organs.searchSubmit")}
        </button>
      </Form>
      <p aria-live="polite">{t("admin.organs.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("admin.organs.none")}</p>
      ) : (
        <TableWrap label={t("admin.organs.heading")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("admin.organs.name")}</th>
                <th scope="col">{t("admin.organs.level")}</th>
                <th scope="col">{t("admin.organs.kind")}</th>
                <th scope="col">{t("admin.organs.parent")}</th>
                <th scope="col">{t("admin.organs.code")}</th>
                <th scope="col">{t("admin.organs.vertical")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id}>
                  <td data-label={t("admin.organs.name")}>
                    <Link to={`/admin/organs/${o.id}`}>{o.name}</Link>
                  </td>
                  <td data-label={t("admin.organs.level")}>{t(`level.${o.level}`)}</td>
                  <td data-label={t("admin.organs.kind")}>{t(`kind.${o.kind}`)}</td>
                  <td data-label={t("admin.organs.parent")}>{o.parentName ?? ""}</td>
                  <td data-label={t("admin.organs.code")}>{o.code}</td>
                  <td data-label={t("admin.organs.vertical")}>{o.isVertical ? t("admin.organs.yes") : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
