// /center/new — a clerk of a dispute center registers a walk-in application (an oral reconsideration application is
// recorded on the spot and signed by the applicant, Art. 22(3)) or an item transferred from the 12345 hotline or the
// petition office, as a reconsideration application or a mediation request. The item then waits in /center for triage.
// Center clerks only; others 403. Works without JavaScript: choosing the kind and finding the respondent are GET forms.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { Checkbox, Radios, Select, TextArea } from "~/components/fields";
import { actKinds, parseNestedForm } from "~/domain/application";
import { mediationCategories } from "~/domain/mediation-request";
import { clerkSources, itemKinds, type ClerkSource, type ItemKind } from "~/domain/triage";
import { newSubmissionKey } from "~/services/apply.server";
import { clerkRoles, coveredCenters, createCenterItem } from "~/services/center.server";
import { searchRespondentOrgans } from "~/services/competence.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/apply";
import "~/locales/areas/center";
import "~/locales/areas/mediation";

export const meta = titleMeta("center.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, clerkRoles);
  const params = new URL(request.url).searchParams;
  const centers = await coveredCenters(user);
  const source: ClerkSource = clerkSources.includes(params.get("source") as ClerkSource) ? (params.get("source") as ClerkSource) : "walk_in";
  const kind: ItemKind = itemKinds.includes(params.get("kind") as ItemKind) ? (params.get("kind") as ItemKind) : "reconsideration";
  const centerId = centers.some((c) => c.id === params.get("centerId")) ? params.get("centerId")! : (centers[0]?.id ?? "");
  const q = (params.get("q") ?? "").slice(0, 100);
  const matches = kind === "reconsideration" && q.trim() ? (await searchRespondentOrgans(q)).map((o) => ({ id: o.id, name: o.name })) : [];
  return { centers: centers.map((c) => ({ id: c.id, name: c.name })), source, kind, centerId, q, matches, submissionKey: newSubmissionKey() };
}

interface ActionFailure {
  ok: false;
  formError: string;
  message?: string;
  messageEn?: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, clerkRoles);
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && k.length < 80) values[k] = v.slice(0, 10000);
  const input = parseNestedForm(form.entries(), { skip: (k) => ["csrf", "centerId", "source", "kind", "submissionKey"].includes(k) });
  const result = await createCenterItem({
    user: loaded.user,
    centerId: values.centerId ?? "",
    source: values.source ?? "",
    kind: values.kind ?? "",
    input,
    submissionKey: values.submissionKey ?? "",
    requestId: context.requestId,
  });
  if (result.ok) return redirect(`/center/items/${encodeURIComponent(result.caseNumber)}?done=created`, 303);
  return data<ActionFailure>(
    { ok: false, formError: result.formError, message: result.message, messageEn: result.messageEn, errors: result.errors ?? {}, values },
    { status: result.status === 404 ? 400 : result.status },
  );
}

export default function CenterNew() {
  const t = useT();
  const { centers, source, kind, centerId, q, matches, submissionKey } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  const v = (name: string, fallback = "") => failure?.values[name] ?? fallback;
  const yesNo = [
    { value: "yes", label: t("center.new.yes") },
    { value: "no", label: t("center.new.no") },
  ];
  const text = (name: string, labelKey: string, props: Record<string, unknown> = {}) => (
    <Field label={t(labelKey)} name={name} id={`new-${name.replace(/\./g, "-")}`} defaultValue={v(name)} error={errors[name]} {...props} />
  );

  return (
    <section className="page">
      <p>
        <Link to="/center">{t("center.item.back")}</Link>
      </p>
      <h1>{t("center.new.heading")}</h1>
      <p className="lead">{t("center.new.lead")}</p>

      <Form method="get" className="form" aria-label={t("center.new.choose")}>
        {centers.length > 1 ? (
          <Select label={t("center.new.center")} name="centerId" defaultValue={centerId} options={centers.map((c) => ({ value: c.id, label: c.name }))} />
        ) : (
          <input type="hidden" name="centerId" value={centerId} />
        )}
        <Radios legend={t("center.new.source")} name="source" defaultValue={source} options={clerkSources.map((s) => ({ value: s, label: t(`center.source.${s}`) }))} />
        <Radios legend={t("center.new.kind")} name="kind" defaultValue={kind} options={itemKinds.map((k) => ({ value: k, label: t(`center.kind.${k}`) }))} />
        <button type="submit" className="button">
          {t("center.new.continue")}
        </button>
      </Form>

      {failure ? (
        <div className="alert alert--error" role="alert">
          {failure.message ?? t(failure.formError)}
        </div>
      ) : null}

      {kind === "reconsideration" ? (
        <>
          <p>{source === "walk_in" ? t("center.new.oralNote") : t("center.new.transferNote")}</p>
          <Form method="get" className="form-inline" aria-label={t("center.new.search")}>
            <input type="hidden" name="centerId" value={centerId} />
            <input type="hidden" name="source" value={source} />
            <input type="hidden" name="kind" value={kind} />
            <label htmlFor="new-q">{t("center.new.search")}</label>
            <input id="new-q" name="q" type="search" defaultValue={q} maxLength={100} />
            <button type="submit" className="button">
              {t("center.new.searchSubmit")}
            </button>
          </Form>
        </>
      ) : null}

      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="centerId" value={centerId} />
        <input type="hidden" name="source" value={source} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="submissionKey" value={v("submissionKey", submissionKey)} />
        {kind === "reconsideration" ? (
          <>
            <h2>{t("center.new.applicant")}</h2>
            {text("applicants.applicants.0.name", "center.new.name", { maxLength: 50 })}
            <Radios
              legend={t("center.new.sex")}
              name="applicants.applicants.0.sex"
              defaultValue={v("applicants.applicants.0.sex")}
              error={errors["applicants.applicants.0.sex"]}
              options={[
                { value: "male", label: t("center.new.sex.male") },
                { value: "female", label: t("center.new.sex.female") },
              ]}
            />
            {text("applicants.applicants.0.birthDate", "center.new.birthDate", { type: "date" })}
            {text("applicants.applicants.0.idNumber", "center.new.idNumber", { maxLength: 18 })}
            {text("applicants.applicants.0.address", "center.new.address", { maxLength: 200 })}
            {text("applicants.applicants.0.phone", "center.new.phone", { type: "tel", maxLength: 30 })}

            <h2>{t("center.new.act")}</h2>
            {matches.length ? (
              <Radios
                legend={t("center.new.respondent")}
                name="act.respondentOrganId"
                defaultValue={v("act.respondentOrganId")}
                error={errors["act.respondentOrganId"]}
                options={matches.map((m) => ({ value: m.id, label: m.name }))}
              />
            ) : (
              <p className={errors["act.respondentOrganId"] ? "field__error" : "muted"}>{q ? t("center.new.noMatches") : t("center.new.searchFirst")}</p>
            )}
            {text("act.actTitle", "center.new.actTitle", { maxLength: 200 })}
            {text("act.actDocumentNumber", "center.new.actDocumentNumber", { maxLength: 100 })}
            <Select
              label={t("center.new.actKind")}
              name="act.actKind"
              defaultValue={v("act.actKind")}
              error={errors["act.actKind"]}
              placeholder=""
              options={actKinds.map((k) => ({ value: k, label: t(`apply.actKind.${k}`) }))}
            />
            {text("act.madeOn", "center.new.madeOn", { type: "date" })}
            {text("act.learnedOn", "center.new.learnedOn", { type: "date" })}
            <Radios legend={t("center.new.informed")} name="act.informed" defaultValue={v("act.informed")} error={errors["act.informed"]} options={yesNo} />
            {text("act.rightLearnedOn", "center.new.rightLearnedOn", { type: "date" })}
            <Radios legend={t("center.new.onTheSpotPenalty")} name="act.onTheSpotPenalty" defaultValue={v("act.onTheSpotPenalty", "no")} error={errors["act.onTheSpotPenalty"]} options={yesNo} />
            <Radios legend={t("center.new.failureToAct")} name="act.failureToAct" defaultValue={v("act.failureToAct", "no")} error={errors["act.failureToAct"]} options={yesNo} />
            <TextArea label={t("center.new.requests")} name="requests.requests" defaultValue={v("requests.requests")} error={errors["requests.requests"]} maxLength={2000} rows={3} />
            <TextArea label={t("center.new.factsAndReasons")} name="requests.factsAndReasons" defaultValue={v("requests.factsAndReasons")} error={errors["requests.factsAndReasons"]} maxLength={10000} />
            <Radios legend={t("center.new.suedInCourt")} name="requests.suedInCourt" defaultValue={v("requests.suedInCourt", "no")} error={errors["requests.suedInCourt"]} options={yesNo} />
            {source === "walk_in" ? (
              <Checkbox label={t("center.new.signed")} name="applicantSignedRecord" defaultChecked={v("applicantSignedRecord") === "yes"} error={errors.applicantSignedRecord} />
            ) : null}
          </>
        ) : (
          <>
            <h2>{t("center.new.mediation")}</h2>
            <Select
              label={t("center.new.category")}
              name="category"
              defaultValue={v("category")}
              error={errors.category}
              placeholder=""
              options={mediationCategories.map((c) => ({ value: c, label: t(`mediation.category.${c}`) }))}
            />
            {text("applicantName", "center.new.name", { maxLength: 50 })}
            {text("applicantPhone", "center.new.phone", { type: "tel", maxLength: 30 })}
            <Radios
              legend={t("center.new.otherPartyKind")}
              name="otherPartyKind"
              defaultValue={v("otherPartyKind")}
              error={errors.otherPartyKind}
              options={[
                { value: "person", label: t("center.new.otherPartyKind.person") },
                { value: "organisation", label: t("center.new.otherPartyKind.organisation") },
              ]}
            />
            {text("otherPartyName", "center.new.otherPartyName", { maxLength: 100 })}
            {text("otherPartyContact", "center.new.otherPartyContact", { maxLength: 200 })}
            <TextArea label={t("center.new.happened")} name="happened" defaultValue={v("happened")} error={errors.happened} maxLength={5000} />
            <TextArea label={t("center.new.wantedOutcome")} name="wantedOutcome" defaultValue={v("wantedOutcome")} error={errors.wantedOutcome} maxLength={2000} rows={3} />
            <Checkbox label={t("center.new.consent")} name="consent" defaultChecked={v("consent") === "yes"} error={errors.consent} />
          </>
        )}
        <SubmitButton>{t("center.new.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
