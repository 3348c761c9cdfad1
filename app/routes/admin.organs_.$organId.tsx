// /admin/organs/$organId — one organ the administrator covers: its details, the organs right below, and the form to
// change name, code, kind, level, parent (within the covered tree, never below itself) and vertical management.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { OrganForm, type OrganFormFailure } from "~/components/organ-form";
import { TableWrap } from "~/components/table-wrap";
import { getAdminOrgan, saveOrgan } from "~/services/admin-organs.server";
import { readForm } from "~/services/form.server";
import { requirePermission } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.organ.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "organ:manage");
  const organ = await getAdminOrgan({ user, organId: params.organId ?? "" });
  if (!organ) throw data(null, { status: 404 });
  return { organ };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requirePermission(request, "organ:manage");
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in values)) values[k] = v;
  const result = await saveOrgan({ user: loaded.user, organId: params.organId ?? "", form: values, requestId: context.requestId });
  if (result.ok) return redirect(`/admin/organs/${result.id}?done=saved`, 303);
  if (result.status === 404) throw data(null, { status: 404 });
  return data<OrganFormFailure & { ok: false }>({ ok: false, errors: result.errors, formError: result.formError, values }, { status: result.status });
}

export default function AdminOrgan() {
  const t = useT();
  const { organ } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="page">
      <p>
        <Link to="/admin/organs">{t("admin.organ.back")}</Link>
      </p>
      <h1>{organ.name}</h1>
      {params.get("done") ? (
        <div className="alert alert--success" role="status">
          {t("admin.organ.saved")}
        </div>
      ) : null}
      <p className="lead">
        {t(`level.${organ.level}`)} · {t(`kind.${organ.kind}`)} · {t("admin.organs.code")} {organ.code}
        {organ.parentName ? ` · ${t("admin.organs.parent")} ${organ.parentName}` : ""}
      </p>
      <p>
        <Link to={`/admin/organs/new?parent=${encodeURIComponent(organ.code)}`}>{t("admin.organ.addBelow")}</Link>
      </p>
      <h2>{t("admin.organ.edit")}</h2>
      <OrganForm
        key={organ.id}
        submit={t("admin.organ.save")}
        parentLocked={!organ.canMove}
        failure={failure && !failure.ok ? failure : undefined}
        initial={{
          name: organ.name,
          code: organ.code,
          kind: organ.kind,
          level: organ.level,
          parentCode: organ.parentCode ?? "",
          isVertical: organ.isVertical,
          verticalCategory: organ.verticalCategory ?? "",
          documentPrefix: organ.documentPrefix ?? "",
        }}
      />
      <h2>{t("admin.organ.children", { count: organ.children.length })}</h2>
      {organ.children.length === 0 ? (
        <p>{t("admin.organ.noChildren")}</p>
      ) : (
        <TableWrap label={t("admin.organ.childrenTable")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("admin.organs.name")}</th>
                <th scope="col">{t("admin.organs.kind")}</th>
                <th scope="col">{t("admin.organs.code")}</th>
              </tr>
            </thead>
            <tbody>
              {organ.children.map((c) => (
                <tr key={c.id}>
                  <td data-label={t("admin.organs.name")}>
                    <Link to={`/admin/organs/${c.id}`}>{c.name}</Link>
                  </td>
                  <td data-label={t("admin.organs.kind")}>{t(`kind.${c.kind}`)}</td>
                  <td data-label={t("admin.organs.code")}>{c.code}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
