// /mediation/invite/:token — the other party's invitation to an administrative mediation (DOMAIN.md §16 CONSENT_PENDING),
// public, no login, without JavaScript: the organ, the kind of dispute, the applicant as surname + 某, that mediation is
// voluntary and free (12.03, 12.21), and two answers (12.22: an express refusal means no mediation). A link that is
// unknown (404), replaced, expired or already answered (410) shows why and writes nothing; a second answer is 409.
// The token is in the path: the page sends no Referer and is not cached; the access log masks it (app/utils/redact.ts).
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { TextArea } from "~/components/fields";
import { CsrfInput } from "~/components/form";
import { fieldErrors } from "~/domain/application";
import { InvitationAnswerFormSchema, MAX_NOTE } from "~/domain/mediation-invitation";
import { readForm } from "~/services/form.server";
import { answerInvitation, openInvitation, type OpenedInvitation } from "~/services/mediation-invitation.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/mediation";
import "~/locales/areas/mediation-invitation";

export const meta = titleMeta("invite.public.title");

export const headers: HeadersFunction = () => ({
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
});

// After an answer the page shows the action's result; reloading the link's data would only fetch its 410 "answered".
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === "POST" ? false : defaultShouldRevalidate;

type Closed = Exclude<OpenedInvitation, { status: "open" }>;

export async function loader({ params }: LoaderFunctionArgs) {
  const opened = await openInvitation({ token: params.token });
  if (opened.status !== "open") return data({ opened }, { status: opened.httpStatus });
  return { opened };
}

interface ActionAnswer {
  ok: boolean;
  answer?: "accepted" | "declined";
  closed?: Closed["status"];
  errors?: Record<string, string>;
  formError?: string;
  values?: Record<string, string>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { form, session } = await readForm(request, context);
  const values = { answer: String(form.get("answer") ?? ""), reason: String(form.get("reason") ?? "") };
  const parsed = InvitationAnswerFormSchema.safeParse(values);
  if (!parsed.success) {
    return data<ActionAnswer>({ ok: false, errors: fieldErrors(parsed.error), formError: "errors.formHasErrors", values }, { status: 400 });
  }
  const result = await answerInvitation({ token: params.token, form: parsed.data, userId: session?.user.id ?? null, requestId: context.requestId });
  if (result.ok) return data<ActionAnswer>({ ok: true, answer: result.answer });
  return data<ActionAnswer>({ ok: false, closed: result.linkStatus, formError: result.status === 409 ? "invite.public.alreadyAnswered" : undefined }, { status: result.status });
}

export default function MediationInvitation() {
  const t = useT();
  const { opened } = useLoaderData<typeof loader>();
  const answered = useActionData<ActionAnswer>();

  if (answered?.ok && answered.answer) {
    return (
      <section className="page page--narrow">
        <h1>{t("invite.public.heading")}</h1>
        <p className="alert alert--success" role="status">
          {t(answered.answer === "accepted" ? "invite.public.thanksAccepted" : "invite.public.thanksDeclined")}
        </p>
        <p>{t(answered.answer === "accepted" ? "invite.public.nextAccepted" : "invite.public.nextDeclined")}</p>
      </section>
    );
  }
  const closed = answered?.closed ?? (opened.status !== "open" ? opened.status : null);
  if (closed || opened.status !== "open") {
    const status = closed ?? "unknown";
    return (
      <section className="page page--narrow">
        <h1>{t(`invite.public.closed.${status}.heading`)}</h1>
        <p className="alert alert--error" role="alert">
          {t(`invite.public.closed.${status}`)}
        </p>
        {status === "answered" && opened.status !== "open" && opened.answer ? (
          <p>{t(opened.answer === "accepted" ? "invite.public.yourAnswerAccepted" : "invite.public.yourAnswerDeclined")}</p>
        ) : null}
        <p className="muted">{t("invite.public.closed.help")}</p>
      </section>
    );
  }
  const v = opened.view;
  return (
    <section className="page page--narrow">
      <h1>{t("invite.public.heading")}</h1>
      <p className="lead">{t("invite.public.lead", { organ: v.organName, name: v.inviteeName })}</p>
      <dl className="kv">
        <dt>{t("invite.public.organ")}</dt>
        <dd>{v.organName}</dd>
        <dt>{t("invite.public.category")}</dt>
        <dd>{t(`mediation.category.${v.category}`)}</dd>
        <dt>{t("invite.public.applicant")}</dt>
        <dd>{v.applicantName}</dd>
        <dt>{t("invite.public.lastDay")}</dt>
        <dd>{v.lastDay}</dd>
      </dl>
      <h2>{t("invite.public.principlesHeading")}</h2>
      <ul>
        <li>{t("invite.public.voluntary")}</li>
        <li>{t("invite.public.free")}</li>
        <li>{t("invite.public.rights")}</li>
      </ul>
      <p className="muted">{t("invite.public.basis")}</p>
      {answered?.formError ? (
        <div className="alert alert--error" role="alert">
          {t(answered.formError)}
        </div>
      ) : null}
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <TextArea
          label={t("invite.public.reason")}
          hint={t("invite.public.reasonHint")}
          name="reason"
          rows={3}
          maxLength={MAX_NOTE}
          defaultValue={answered?.values?.reason ?? ""}
          error={answered?.errors?.reason}
        />
        {answered?.errors?.answer ? (
          <p className="field__error" role="alert">
            {t(answered.errors.answer)}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" name="answer" value="accepted" className="button button--primary">
            {t("invite.public.accept")}
          </button>{" "}
          <button type="submit" name="answer" value="declined" className="button">
            {t("invite.public.decline")}
          </button>
        </div>
      </Form>
    </section>
  );
}
