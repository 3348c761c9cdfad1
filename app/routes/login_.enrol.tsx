import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfInput, Field, Form, FormError, SubmitButton, useValidatedForm } from "~/components/form";
import { safeRedirect, TotpCodeSchema } from "~/domain/account";
import { confirmTotpEnrolment, startTotpEnrolment, totpUri } from "~/services/auth.server";
import { badRequest, readForm, validateForm, type FormFailure } from "~/services/form.server";
import { requirePendingTwoFactor } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("enrol.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePendingTwoFactor(request);
  if (user.totpEnrolled) throw redirect(`/login/two-factor${new URL(request.url).search}`);
  const secret = await startTotpEnrolment(user.id);
  if (!secret) throw redirect("/login");
  const accountName = user.email ?? user.phone ?? user.displayName;
  return { secret, uri: totpUri(secret, accountName), accountName };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await requirePendingTwoFactor(request);
  const { form } = await readForm(request, context, pending);
  const parsed = validateForm(TotpCodeSchema, form);
  if (!parsed.ok) return badRequest(parsed);
  const result = await confirmTotpEnrolment(
    { userId: pending.user.id, sessionId: pending.session.id, code: parsed.data.code },
    { now: new Date(), requestId: context.requestId, userAgent: request.headers.get("user-agent") },
  );
  if (!result.ok) return badRequest({ ok: false, errors: { code: result.error }, formError: "errors.formHasErrors" } satisfies FormFailure);
  return redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")), { headers: { "Set-Cookie": result.setCookie } });
}

export default function Enrol() {
  const t = useT();
  const { secret, uri, accountName } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const { register, onSubmit, errorFor } = useValidatedForm(TotpCodeSchema, actionData);
  const grouped = secret.match(/.{1,4}/g)?.join(" ") ?? secret;
  return (
    <section className="page page--narrow">
      <h1>{t("enrol.heading")}</h1>
      <p className="lead">{t("enrol.lead")}</p>
      <FormError result={actionData} />
      <ol className="steps">
        <li>
          <p>{t("enrol.step1")}</p>
          <dl className="kv">
            <dt>{t("enrol.account")}</dt>
            <dd>{accountName}</dd>
            <dt>{t("enrol.secret")}</dt>
            <dd>
              <code className="secret" data-testid="totp-secret" data-secret={secret}>
                {grouped}
              </code>
            </dd>
          </dl>
          <p>
            <a href={uri}>{t("enrol.uriLink")}</a>
          </p>
        </li>
        <li>
          <p>{t("enrol.step2")}</p>
          <Form method="post" noValidate onSubmit={onSubmit} className="form" action={`/login/enrol?${params}`}>
            <CsrfInput />
            <Field
              label={t("enrol.code")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              error={errorFor("code")}
              registration={register("code")}
            />
            <SubmitButton>{t("enrol.submit")}</SubmitButton>
          </Form>
        </li>
      </ol>
    </section>
  );
}
