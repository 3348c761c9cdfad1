// /staff/mediation/:caseNumber/invitation — staff of the organ a mediation request is at ask the other party whether it
// agrees to mediation (M4 CONTACT_OTHER_PARTY; DOMAIN.md §16, 12.03, 12.22): a link by SMS and/or e-mail (prefilled from
// what the applicant wrote), a resend that replaces the link, or an answer given by phone or in person, recorded with
// a note. Staff and office heads only (403); a request outside the user's organs does not exist (404).
// "$caseNumber_": not nested in the organ's mediation page (/staff/mediation/:caseNumber).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { Radios, TextArea } from "~/components/fields";
import { CsrfInput, Field } from "~/components/form";
import { fieldErrors } from "~/domain/application";
import { formatShanghaiDateTime } from "~/domain/citizen-case";
import { MAX_NOTE, RecordAnswerFormSchema, SendInvitationFormSchema } from "~/domain/mediation-invitation";
import { readForm } from "~/services/form.server";
import { getStaffInvitationPage, recordInvitationAnswer, sendInvitation } from "~/services/mediation-invitation.server";
import { requireRole } from "~/services/session.server";
import { caseHandlerRoles } from "~/services/staff-cases.server";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/mediation-invitation";

export const meta = titleMeta("invite.staff.title");

const notFound = () => data(null, { status: 404 });
const VersionSchema = z.pipe(z.string().check(z.regex(/^\d{1,9}$/)), z.transform(Number));
const IntentSchema = z.enum(["send", "record"]);
type Intent = z.infer<typeof IntentSchema>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, caseHandlerRoles);
  const page = params.caseNumber ? await getStaffInvitationPage({ user, caseNumber: params.caseNumber }) : null;
  if (!page) throw notFound();
  return { page };
}

interface ActionFailure {
  ok: false;
  intent: Intent | null;
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: Record<string, string>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, caseHandlerRoles);
  const { form } = await readForm(request, context, loaded);
  const caseNumber = params.caseNumber ?? "";
  const fail = (status: number, failure: Omit<ActionFailure, "ok">) => data<ActionFailure>({ ok: false, ...failure }, { status });
  const intent = IntentSchema.safeParse(form.get("intent"));
  const version = VersionSchema.safeParse(form.get("version"));
  if (!intent.success || !version.success) {
    if (!(await getStaffInvitationPage({ user: loaded.user, caseNumber }))) throw notFound();
    return fail(400, { intent: intent.success ? intent.data : null, formError: "errors.badRequest" });
  }
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !["csrf", "intent", "version"].includes(key)) values[key] = value;
  const common = { user: loaded.user, caseNumber, version: version.data, requestId: context.requestId };
  let result;
  if (intent.data === "send") {
    const parsed = SendInvitationFormSchema.safeParse(values);
    if (!parsed.success) {
      if (!(await getStaffInvitationPage({ user: loaded.user, caseNumber }))) throw notFound();
      return fail(400, { intent: "send", errors: fieldErrors(parsed.error), formError: "errors.formHasErrors", values });
    }
    result = await sendInvitation({ ...common, form: parsed.data });
  } else {
    const parsed = RecordAnswerFormSchema.safeParse(values);
    if (!parsed.success) {
      if (!(await getStaffInvitationPage({ user: loaded.user, caseNumber }))) throw notFound();
      return fail(400, { intent: "record", errors: fieldErrors(parsed.error), formError: "errors.formHasErrors", values });
    }
    result = await recordInvitationAnswer({ ...common, form: parsed.data });
  }
  if (result.ok) return redirect(`/staff/mediation/${encodeURIComponent(caseNumber)}/invitation?done=${intent.data}`, 303);
  if (result.status === 404) throw notFound();
  return fail(result.status, { intent: intent.data, formError: result.formError, message: result.message, messageEn: result.messageEn, values });
}

export default function StaffMediationInvitation() {
  const t = useT();
  const locale = useLocale();
  const { page } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = IntentSchema.safeParse(search.get("done"));
  const of = (intent: Intent) => (failure?.intent === intent ? failure : undefined);
  const failureText = (f: ActionFailure) =>
    f.message ? (locale === "en" ? (f.messageEn ?? f.message) : f.message) : f.formError ? t(f.formError) : "";
  const caseHref = `/staff/mediation/${encodeURIComponent(page.caseNumber)}`;

  return (
    <section className="page">
      <p>
        <Link to={caseHref}>{t("invite.staff.back", { caseNumber: page.caseNumber })}</Link>
      </p>
      <h1>{t("invite.staff.heading", { caseNumber: page.caseNumber })}</h1>
      <p className="lead">{t("invite.staff.lead")}</p>
      {done.success ? (
        <p className="alert alert--success" role="status">
          {t(done.data === "send" ? "invite.staff.done.send" : "invite.staff.done.record")}
        </p>
      ) : null}
      {failure && !failure.intent ? (
        <div className="alert alert--error" role="alert">
          {failureText(failure)}
        </div>
      ) : null}
      <dl className="kv">
        <dt>{t("invite.staff.state")}</dt>
        <dd>{page.stateLabel}</dd>
        <dt>{t("invite.staff.otherParty")}</dt>
        <dd>{page.otherPartyName}</dd>
        <dt>{t("invite.staff.contactText")}</dt>
        <dd>{page.otherPartyContactText ?? t("invite.staff.contactNone")}</dd>
        <dt>{t("invite.staff.period")}</dt>
        <dd>{t("invite.staff.periodValue", { days: page.consentWorkdays })}</dd>
      </dl>

      <h2>{t("invite.staff.listHeading")}</h2>
      {page.invitations.length === 0 ? (
        <p>{t("invite.staff.none")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-label={t("invite.staff.listHeading")} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("invite.staff.col.sent")}</th>
                <th scope="col">{t("invite.staff.col.to")}</th>
                <th scope="col">{t("invite.staff.col.expires")}</th>
                <th scope="col">{t("invite.staff.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {page.invitations.map((i) => (
                <tr key={i.id}>
                  <td>{formatShanghaiDateTime(i.invitedAt)}</td>
                  <td>
                    {[i.contact.phone, i.contact.email].filter(Boolean).join("，") || t("invite.staff.byPhoneOnly")}
                    {i.hasAccount ? `（${t("invite.staff.hasAccount")}）` : ""}
                  </td>
                  <td>{formatShanghaiDateTime(i.expiresAt)}</td>
                  <td>
                    {t(`invite.status.${i.status}`)}
                    {i.answer ? `：${t(`invite.answer.${i.answer}`)}（${t(`invite.via.${i.answeredVia ?? "online"}`)}，${formatShanghaiDateTime(i.answeredAt!)}）` : ""}
                    {i.answerNote ? <p className="muted">{i.answerNote}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page.canSend ? (
        <section aria-labelledby="invite-send" className="case-section">
          <h2 id="invite-send">{t(page.sendKind === "resend" ? "invite.staff.resendHeading" : "invite.staff.sendHeading")}</h2>
          <p className="muted">{t(page.sendKind === "resend" ? "invite.staff.resendHint" : "invite.staff.sendHint")}</p>
          {of("send") ? (
            <div className="alert alert--error" role="alert">
              {failureText(of("send")!)}
            </div>
          ) : null}
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="send" />
            <input type="hidden" name="version" value={page.version} />
            <Field
              label={t("invite.staff.phone")}
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              defaultValue={of("send")?.values?.phone ?? page.prefill.phone ?? ""}
              error={of("send")?.errors?.phone}
            />
            <Field
              label={t("invite.staff.email")}
              name="email"
              type="email"
              autoComplete="off"
              defaultValue={of("send")?.values?.email ?? page.prefill.email ?? ""}
              error={of("send")?.errors?.email}
            />
            <button type="submit" className="button button--primary">
              {t(page.sendKind === "resend" ? "invite.staff.resend" : "invite.staff.send")}
            </button>
          </Form>
        </section>
      ) : null}

      {page.canRecord ? (
        <section aria-labelledby="invite-record" className="case-section">
          <h2 id="invite-record">{t("invite.staff.recordHeading")}</h2>
          <p className="muted">{t("invite.staff.recordHint")}</p>
          {of("record") ? (
            <div className="alert alert--error" role="alert">
              {failureText(of("record")!)}
            </div>
          ) : null}
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="record" />
            <input type="hidden" name="version" value={page.version} />
            <Radios
              legend={t("invite.staff.answer")}
              name="answer"
              defaultValue={of("record")?.values?.answer}
              error={of("record")?.errors?.answer}
              options={[
                { value: "accepted", label: t("invite.answer.accepted") },
                { value: "declined", label: t("invite.answer.declined") },
              ]}
            />
            <TextArea
              label={t("invite.staff.note")}
              hint={t("invite.staff.noteHint")}
              name="note"
              rows={3}
              maxLength={MAX_NOTE}
              defaultValue={of("record")?.values?.note ?? ""}
              error={of("record")?.errors?.note}
            />
            <button type="submit" className="button">
              {t("invite.staff.record")}
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
