import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { CsrfInput, Field, Form, FormError, SubmitButton, useValidatedForm } from "~/components/form";
import { LoginSchema, safeRedirect } from "~/domain/account";
import { logIn } from "~/services/auth.server";
import { badRequest, readForm, validateForm, type FormFailure } from "~/services/form.server";
import { getSession } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const loaded = await getSession(request, { touch: false });
  if (loaded?.session.twoFactorDone) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { form, session } = await readForm(request, context);
  const parsed = validateForm(LoginSchema, form);
  if (!parsed.ok) return badRequest(parsed);
  const result = await logIn(parsed.data, {
    now: new Date(),
    requestId: context.requestId,
    userAgent: request.headers.get("user-agent"),
    previousSessionId: session?.session.id,
  });
  if (!result.ok) {
    return badRequest({ ok: false, errors: {}, formError: result.error, values: { identifier: parsed.data.identifier } } satisfies FormFailure);
  }
  const redirectTo = safeRedirect(parsed.data.redirectTo);
  const target =
    result.next === "done"
      ? redirectTo
      : `${result.next === "enrol" ? "/login/enrol" : "/login/two-factor"}?${new URLSearchParams({ redirectTo })}`;
  return redirect(target, { headers: { "Set-Cookie": result.setCookie } });
}

export default function Login() {
  const t = useT();
  const actionData = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const { register, onSubmit, errorFor } = useValidatedForm(LoginSchema, actionData);
  return (
    <section className="page page--narrow">
      <h1>{t("login.heading")}</h1>
      <FormError result={actionData} />
      <Form method="post" noValidate onSubmit={onSubmit} className="form">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field
          label={t("login.identifier")}
          name="identifier"
          autoComplete="username"
          inputMode="email"
          defaultValue={actionData?.values?.identifier}
          error={errorFor("identifier")}
          registration={register("identifier")}
        />
        <Field
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          error={errorFor("password")}
          registration={register("password")}
        />
        <SubmitButton>{t("login.submit")}</SubmitButton>
      </Form>
      <p className="muted">{t("login.lockoutHint")}</p>
      <p className="muted">{t("login.staffHint")}</p>
      <p>
        {t("login.noAccount")} <Link to="/register">{t("login.registerLink")}</Link>
      </p>
    </section>
  );
}
