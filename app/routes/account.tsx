import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput, Field, Form, FormError, SubmitButton, useValidatedForm } from "~/components/form";
import { ChangePasswordSchema } from "~/domain/account";
import { can } from "~/domain/policy";
import { changePassword } from "~/services/auth.server";
import { badRequest, readForm, validateForm, type FormFailure } from "~/services/form.server";
import { actorOf, forbidden, requireUser } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import { maskIdentifier } from "~/utils/mask";

export const meta = titleMeta("account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  if (!can(actorOf(user), "account:manage", { type: "user", userId: user.id })) forbidden();
  return {
    displayName: user.displayName,
    login: maskIdentifier(user.email ?? user.phone ?? ""),
    memberships: user.memberships.map((m) => ({ role: m.role, organName: m.organName })),
    requiresTwoFactor: user.requiresTwoFactor,
    totpEnrolled: user.totpEnrolled,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireUser(request);
  if (!can(actorOf(loaded.user), "account:manage", { type: "user", userId: loaded.user.id })) forbidden();
  const { form } = await readForm(request, context, loaded);
  const parsed = validateForm(ChangePasswordSchema, form);
  if (!parsed.ok) return badRequest(parsed);
  const result = await changePassword(loaded.user.id, loaded.session.id, parsed.data, {
    now: new Date(),
    requestId: context.requestId,
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) return badRequest({ ok: false, errors: { [result.field]: result.error }, formError: "errors.formHasErrors" });
  return data({ ok: true, errors: {} }, { headers: { "Set-Cookie": result.setCookie } });
}

export default function Account() {
  const t = useT();
  const user = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure | { ok: true; errors: Record<string, string> }>();
  const failure = actionData && !actionData.ok ? actionData : null;
  const { register, onSubmit, errorFor } = useValidatedForm(ChangePasswordSchema, failure);
  return (
    <section className="page page--narrow">
      <h1>{t("account.heading")}</h1>
      <h2>{t("account.profile")}</h2>
      <dl className="kv">
        <dt>{t("account.name")}</dt>
        <dd>{user.displayName}</dd>
        <dt>{t("account.login")}</dt>
        <dd>{user.login}</dd>
        <dt>{t("account.roles")}</dt>
        <dd>
          {user.memberships.length === 0 ? (
            t("account.noRoles")
          ) : (
            <ul className="plain">
              {user.memberships.map((m) => (
                <li key={`${m.role}-${m.organName}`}>
                  {t(`role.${m.role}`)} · {m.organName}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {user.requiresTwoFactor ? (
          <>
            <dt>{t("account.twoFactor")}</dt>
            <dd>{user.totpEnrolled ? t("account.twoFactorOn") : t("account.twoFactorOff")}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t("account.changePassword")}</h2>
      {actionData?.ok ? (
        <div className="alert alert--success" role="status">
          {t("account.passwordChanged")}
        </div>
      ) : null}
      <FormError result={failure} />
      <Form method="post" noValidate onSubmit={onSubmit} className="form">
        <CsrfInput />
        <Field
          label={t("account.currentPassword")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errorFor("currentPassword")}
          registration={register("currentPassword")}
        />
        <Field
          label={t("account.newPassword")}
          hint={t("register.passwordHint")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          error={errorFor("newPassword")}
          registration={register("newPassword")}
        />
        <Field
          label={t("account.confirmPassword")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          error={errorFor("confirmPassword")}
          registration={register("confirmPassword")}
        />
        <SubmitButton>{t("account.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
