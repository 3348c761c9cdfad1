// /apply/mediation: the administrative mediation request (issue 4, req. 8) on one page. The same zod schema checks it in
// the browser (react-hook-form) and on the server (submitMediation); without JavaScript the form posts as it is. The
// request lands in the dispute center of the chosen 旗县 or 盟市; a submission key from the loader makes a double
// submit or a replay answer with the same case.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { Checkbox, Radios, Select, TextArea } from "~/components/fields";
import { CsrfInput, Field, Form, FormError, SubmitButton, useValidatedForm } from "~/components/form";
import { mediationCategories, MediationRequestSchema } from "~/domain/mediation-request";
import { newSubmissionKey } from "~/services/apply.server";
import { listDivisions } from "~/services/competence.server";
import { submitMediation } from "~/services/filing.server";
import { badRequest, CSRF_FIELD, readForm, type FormFailure } from "~/services/form.server";
import { requireUser } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/mediation";

export const meta = titleMeta("mediation.title");

/** The fields of the form: the schema's own keys. Anything else posted (but csrf and intent) is refused by the schema. */
const FIELDS = Object.keys(MediationRequestSchema.shape) as (keyof typeof MediationRequestSchema.shape)[];
const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const category = new URL(request.url).searchParams.get("category") ?? "";
  const divisions = await listDivisions();
  const leagues = divisions
    .filter((d) => d.level === "league_city")
    .map((league) => ({
      code: league.code,
      name: league.name,
      counties: divisions.filter((d) => d.level === "banner_county" && d.parentCode === league.code).map((c) => ({ code: c.code, name: c.name })),
    }));
  const initial: Record<string, string> = {
    category: (mediationCategories as readonly string[]).includes(category) ? category : "",
    applicantName: user.displayName,
    applicantPhone: user.phone ?? "",
    submissionKey: newSubmissionKey(),
  };
  return { leagues, initial };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireUser(request);
  const { form } = await readForm(request, context, loaded);
  const input: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key === CSRF_FIELD || key === "intent" || key in input) continue;
    input[key] = value;
  }
  const result = await submitMediation({ user: loaded.user, input, requestId: context.requestId });
  if (result.ok) return redirect(`/my/cases/${encodeURIComponent(result.caseNumber)}/receipt`, 303);

  // The values go back into the form (never the CSRF token, nor fields the form does not have).
  const values: Record<string, string> = {};
  for (const name of FIELDS) if (typeof input[name] === "string") values[name] = input[name] as string;
  if (!SUBMISSION_KEY.test(values.submissionKey ?? "")) values.submissionKey = newSubmissionKey();
  const errors: Record<string, string> = {};
  let formError = result.formError;
  for (const [name, message] of Object.entries(result.errors ?? {})) {
    if ((FIELDS as string[]).includes(name) && name !== "submissionKey") errors[name] = message;
    else formError = "errors.badRequest"; // unknown fields (the schema is strict) or a tampered submission key
  }
  return badRequest({ ok: false, errors, formError, values } satisfies FormFailure, result.status);
}

export default function MediationRequest() {
  const t = useT();
  const { leagues, initial } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const failure = actionData && !actionData.ok ? actionData : null;
  // react-hook-form's defaults: the posted values after a refusal, else the pre-filled ones (stable between renders).
  const seed = useMemo(() => failure ?? { values: initial }, [failure, initial]);
  const values = seed.values ?? {};
  const { register, onSubmit, errorFor } = useValidatedForm(MediationRequestSchema, seed);
  const divisionError = errorFor("divisionCode");
  const yesNo = [
    { value: "yes", label: t("mediation.eServiceYes") },
    { value: "no", label: t("mediation.eServiceNo") },
  ];

  return (
    <section className="page page--narrow apply mediation">
      <h1>{t("mediation.heading")}</h1>
      <p className="lead">{t("mediation.lead")}</p>
      <h2>{t("mediation.principlesHeading")}</h2>
      <ul className="notes">
        <li>{t("mediation.voluntary")}</li>
        <li>{t("mediation.free")}</li>
        <li>{t("mediation.otherChannels")}</li>
      </ul>
      <p className="card__basis">{t("mediation.basis")}</p>

      <FormError result={failure} />
      <Form method="post" noValidate onSubmit={onSubmit} className="form mediation-form">
        <CsrfInput />
        <input type="hidden" {...register("submissionKey")} value={values.submissionKey ?? initial.submissionKey} />

        <fieldset className="apply-block">
          <legend>{t("mediation.section.dispute")}</legend>
          <Select
            label={t("mediation.category")}
            name="category"
            placeholder={t("mediation.categoryPlaceholder")}
            options={mediationCategories.map((c) => ({ value: c, label: t(`mediation.category.${c}`) }))}
            defaultValue={values.category ?? ""}
            error={errorFor("category")}
            registration={register("category")}
          />
          <div className={`field${divisionError ? " field--error" : ""}`}>
            <label htmlFor="mediation-division">{t("mediation.division")}</label>
            <p className="field__hint" id="mediation-division-hint">
              {t("mediation.divisionHint")}
            </p>
            {divisionError ? (
              <p className="field__error" id="mediation-division-error">
                {t(divisionError)}
              </p>
            ) : null}
            <select
              id="mediation-division"
              defaultValue={values.divisionCode ?? ""}
              aria-invalid={divisionError ? true : undefined}
              aria-describedby={divisionError ? "mediation-division-hint mediation-division-error" : "mediation-division-hint"}
              {...register("divisionCode")}
            >
              <option value="">{t("mediation.divisionPlaceholder")}</option>
              {leagues.map((league) => (
                <optgroup key={league.code} label={league.name}>
                  <option value={league.code}>{t("mediation.divisionLeagueLevel", { name: league.name })}</option>
                  {league.counties.map((county) => (
                    <option key={county.code} value={county.code}>
                      {county.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        </fieldset>

        <fieldset className="apply-block">
          <legend>{t("mediation.section.applicant")}</legend>
          <Field
            label={t("mediation.applicantName")}
            hint={t("mediation.applicantNameHint")}
            name="applicantName"
            autoComplete="name"
            defaultValue={values.applicantName}
            error={errorFor("applicantName")}
            registration={register("applicantName")}
          />
          <Field
            label={t("mediation.applicantPhone")}
            hint={t("mediation.applicantPhoneHint")}
            name="applicantPhone"
            type="tel"
            autoComplete="tel"
            defaultValue={values.applicantPhone}
            error={errorFor("applicantPhone")}
            registration={register("applicantPhone")}
          />
        </fieldset>

        <fieldset className="apply-block">
          <legend>{t("mediation.section.otherParty")}</legend>
          <Radios
            legend={t("mediation.otherPartyKind")}
            name="otherPartyKind"
            options={[
              { value: "person", label: t("mediation.otherPartyKind.person") },
              { value: "organisation", label: t("mediation.otherPartyKind.organisation") },
            ]}
            defaultValue={values.otherPartyKind}
            error={errorFor("otherPartyKind")}
            registration={register("otherPartyKind")}
          />
          <Field
            label={t("mediation.otherPartyName")}
            name="otherPartyName"
            defaultValue={values.otherPartyName}
            error={errorFor("otherPartyName")}
            registration={register("otherPartyName")}
          />
          <Field
            label={t("mediation.otherPartyContact")}
            hint={t("mediation.otherPartyContactHint")}
            name="otherPartyContact"
            defaultValue={values.otherPartyContact}
            error={errorFor("otherPartyContact")}
            registration={register("otherPartyContact")}
          />
        </fieldset>

        <fieldset className="apply-block">
          <legend>{t("mediation.section.request")}</legend>
          <TextArea
            label={t("mediation.happened")}
            hint={t("mediation.happenedHint")}
            name="happened"
            rows={6}
            defaultValue={values.happened}
            error={errorFor("happened")}
            registration={register("happened")}
          />
          <TextArea
            label={t("mediation.wantedOutcome")}
            hint={t("mediation.wantedOutcomeHint")}
            name="wantedOutcome"
            rows={3}
            defaultValue={values.wantedOutcome}
            error={errorFor("wantedOutcome")}
            registration={register("wantedOutcome")}
          />
        </fieldset>

        <fieldset className="apply-block">
          <legend>{t("mediation.section.consent")}</legend>
          <Checkbox
            label={t("mediation.consent")}
            name="consent"
            value="yes"
            defaultChecked={values.consent === "yes"}
            error={errorFor("consent")}
            registration={register("consent")}
          />
          <Radios
            legend={t("mediation.eService")}
            hint={t("mediation.eServiceHint")}
            name="electronicServiceConsent"
            options={yesNo}
            defaultValue={values.electronicServiceConsent}
            error={errorFor("electronicServiceConsent")}
            registration={register("electronicServiceConsent")}
          />
        </fieldset>

        <p className="muted">{t("mediation.submitNote")}</p>
        <SubmitButton>{t("mediation.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
