// /admin/users/new — a staff account: name, e-mail and/or phone, an initial password (argon2id) and the first role at
// an organ the administrator covers. The person enrols two-factor at the first login.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Checkbox, Select } from "~/components/fields";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { assignableRoles } from "~/domain/admin";
import { createStaffUser } from "~/services/admin-users.server";
import { readForm } from "~/services/form.server";
import { requirePermission } from "~/services/session.server";
import { isMessageKey, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.users.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user:manage");
  return null;
}

const NEVER_ECHO = /password/i;

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requirePermission(request, "user:manage");
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in values)) values[k] = v;
  const result = await createStaffUser({ user: loaded.user, form: values, requestId: context.requestId });
  if (result.ok) return redirect(`/admin/users/${result.id}?done=created`, 303);
  const echo = Object.fromEntries(Object.entries(values).filter(([k]) => !NEVER_ECHO.test(k)));
  return data({ ok: false as const, errors: result.errors, formError: result.formError, values: echo }, { status: result.status === 404 ? 400 : result.status });
}

export default function AdminUserNew() {
  const t = useT();
  const failure = useActionData<typeof action>();
  const e = (k: string) => failure?.errors[k];
  const v = (k: string) => failure?.values[k] ?? "";
  return (
    <section className="page">
      <p>
        <Link to="/admin/users">{t("admin.users.back")}</Link>
      </p>
      <h1>{t("admin.users.newHeading")}</h1>
      <p className="lead">{t("admin.users.newLead")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        {failure ? (
          <div className="alert alert--error" role="alert">
            {isMessageKey(failure.formError) ? t(failure.formError) : failure.formError}
          </div>
        ) : null}
        <Field name="displayName" required maxLength={50} label={t("admin.user.displayName")} error={e("displayName")} defaultValue={v("displayName")} />
        <Field name="email" type="email" maxLength={254} label={t("admin.user.email")} hint={t("admin.user.contactHint")} error={e("email")} defaultValue={v("email")} />
        <Field name="phone" type="tel" maxLength={20} label={t("admin.user.phone")} error={e("phone")} defaultValue={v("phone")} />
        <Field name="password" type="password" autoComplete="new-password" required label={t("admin.user.password")} hint={t("admin.user.passwordHint")} error={e("password")} />
        <Field name="confirmPassword" type="password" autoComplete="new-password" required label={t("admin.user.confirmPassword")} error={e("confirmPassword")} />
        <Select name="role" label={t("admin.user.role")} error={e("role")} defaultValue={v("role") || "reconsideration_staff"} options={assignableRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <Field name="organCode" required maxLength={60} label={t("admin.user.organCode")} hint={t("admin.user.organCodeHint")} error={e("organCode")} defaultValue={v("organCode")} />
        <Checkbox name="includeSubordinates" label={t("admin.user.includeSubordinates")} defaultChecked={v("includeSubordinates") === "yes"} />
        <SubmitButton>{t("admin.users.create")}</SubmitButton>
      </Form>
    </section>
  );
}
