import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { CsrfInput, Field, Form, FormError, SubmitButton, useValidatedForm } from "~/components/form";
import { safeRedirect, TotpCodeSchema } from "~/domain/account";
import { verifyTwoFactor } from "~/services/auth.server";
import { badRequest, readForm, validateForm, type FormFailure } from "~/services/form.server";
import { clearSessionCookie, requirePendingTwoFactor } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("twoFactor.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePendingTwoFactor(request);
  if (!user.totpEnrolled) throw redirect(`/login/enrol${new URL(request.url).search}`);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await requirePendingTwoFactor(request);
  const { form } = await readForm(request, context, pending);
  const parsed = validateForm(TotpCodeSchema, form);
  if (!parsed.ok) return badRequest(parsed);
  const result = await verifyTwoFactor(
    { userId: pending.user.id, sessionId: pending.session.id, code: parsed.data.code },
    { now: new Date(), requestId: context.requestId, userAgent: request.headers.get("user-agent") },
  );
  if (!result.ok) {
    if (result.error === "errors.sessionExpired") {
      return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie() } });
    }
    return badRequest({ ok: false, errors: { code: result.error }, formError: "errors.formHasErrors" } satisfies FormFailure);
  }
  return redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")), { headers: { "Set-Cookie": result.setCookie } });
}

export default function TwoFactor() {
  const t = useT();
  const actionData = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const { register, onSubmit, errorFor } = useValidatedForm(TotpCodeSchema, actionData);
  return (
    <section className="page page--narrow">
      <h1>{t("twoFactor.heading")}</h1>
      <p className="lead">{t("twoFactor.lead")}</p>
      <FormError result={actionData} />
      <Form method="post" noValidate onSubmit={onSubmit} className="form" action={`/login/two-factor?${params}`}>
        <CsrfInput />
        <Field
          label={t("twoFactor.code")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          error={errorFor("code")}
          registration={register("code")}
        />
        <SubmitButton>{t("twoFactor.submit")}</SubmitButton>
      </Form>
      <Form method="post" action="/logout" className="form-inline">
        <CsrfInput />
        <button type="submit" className="button button--link">
          {t("twoFactor.cancel")}
        </button>
      </Form>
    </section>
  );
}
