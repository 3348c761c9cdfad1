// /admin/organs/new — adds an organ below one the administrator covers (a new department of a government, say).
// The parent is given by its code (?parent= prefills it from an organ's page); OrganFormSchema and saveOrgan check it.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrganForm, type OrganFormFailure } from "~/components/organ-form";
import { saveOrgan } from "~/services/admin-organs.server";
import { readForm } from "~/services/form.server";
import { requirePermission } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.organ.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "organ:manage");
  const parent = (new URL(request.url).searchParams.get("parent") ?? "").slice(0, 60);
  return { parent };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requirePermission(request, "organ:manage");
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in values)) values[k] = v;
  const result = await saveOrgan({ user: loaded.user, organId: null, form: values, requestId: context.requestId });
  if (result.ok) return redirect(`/admin/organs/${result.id}?done=created`, 303);
  return data<OrganFormFailure & { ok: false }>({ ok: false, errors: result.errors, formError: result.formError, values }, { status: result.status === 404 ? 400 : result.status });
}

export default function AdminOrganNew() {
  const t = useT();
  const { parent } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <section className="page">
      <p>
        <Link to="/admin/organs">{t("admin.organ.back")}</Link>
      </p>
      <h1>{t("admin.organ.newHeading")}</h1>
      <p className="lead">{t("admin.organ.newLead")}</p>
      <OrganForm
        submit={t("admin.organ.create")}
        failure={failure && !failure.ok ? failure : undefined}
        initial={{ name: "", code: "", kind: "department", level: "league_city", parentCode: parent, isVertical: false, verticalCategory: "", documentPrefix: "" }}
      />
    </section>
  );
}
