import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { CsrfInput, Field, Form, FormError, SubmitButton, useValidatedForm } from "~/components/form";
import { RegisterSchema } from "~/domain/account";
import { registerCitizen } from "~/services/auth.server";
import { badRequest, readForm, validateForm, type FormFailure } from "~/services/form.server";
import { getSession } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("register.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const loaded = await getSession(request, { touch: false });
  if (loaded?.session.twoFactorDone) throw redirect("/account");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { form, session } = await readForm(request, context);
  const parsed = validateForm(RegisterSchema, form);
  if (!parsed.ok) return badRequest(parsed);
  const result = await registerCitizen(parsed.data, {
    now: new Date(),
    requestId: context.requestId,
    userAgent: request.headers.get("user-agent"),
    previousSessionId: session?.session.id,
  });
  if (!result.ok) {
    return badRequest({
      ok: false,
      errors: { [result.field]: result.error },
      formError: "errors.formHasErrors",
      values: { displayName: parsed.data.displayName, identifier: parsed.data.identifier },
    } satisfies FormFailure);
  }
  return redirect("/account", { headers: { "Set-Cookie": result.setCookie } });
}

export default function Register() {
  const t = useT();
  const actionData = useActionData<FormFailure>();
  const { register, onSubmit, errorFor } = useValidatedForm(RegisterSchema, actionData);
  return (
    <section className="page page--narrow">
      <h1>{t("register.heading")}</h1>
      <p className="lead">{t("register.lead")}</p>
      <FormError result={actionData} />
      <Form method="post" noValidate onSubmit={onSubmit} className="form">
        <CsrfInput />
        <Field
          label={t("register.displayName")}
          hint={t("register.displayNameHint")}
          name="displayName"
          autoComplete="name"
          defaultValue={actionData?.values?.displayName}
          error={errorFor("displayName")}
          registration={register("displayName")}
        />
        <Field
          label={t("register.identifier")}
          hint={t("register.identifierHint")}
          name="identifier"
          autoComplete="username"
          defaultValue={actionData?.values?.identifier}
          error={errorFor("identifier")}
          registration={register("identifier")}
        />
        <Field
          label={t("register.password")}
          hint={t("register.passwordHint")}
          name="password"
          type="password"
          autoComplete="new-password"
          error={errorFor("password")}
          registration={register("password")}
        />
        <Field
          label={t("register.confirmPassword")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          error={errorFor("confirmPassword")}
          registration={register("confirmPassword")}
        />
        <SubmitButton>{t("register.submit")}</SubmitButton>
      </Form>
      <p>
        {t("register.haveAccount")} <Link to="/login">{t("register.loginLink")}</Link>
      </p>
    </section>
  );
}
