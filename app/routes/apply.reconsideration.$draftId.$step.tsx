// /apply/reconsideration/:draftId/:step — the application, one step per page (applicants → agents → act → requests →
// evidence → review). Every button posts the whole step, so nothing typed is lost; "next" validates the step with its
// zod schema (the same one react-hook-form uses in the browser), row buttons add or remove people, uploads are
// multipart. With JavaScript the step also saves itself as the citizen types. The review page shows everything, the
// competent organ, the last day to apply and the checks with their articles, and submits (idempotent by key).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { DueDateView } from "~/components/due-date-view";
import { CsrfInput, Field } from "~/components/form";
import { Checkbox, Radios, Select, TextArea, useStepForm, type StepServerResult } from "~/components/fields";
import {
  actKinds,
  agentTypes,
  applicationSteps,
  checkRawStep,
  fieldErrors,
  MAX_AGENTS,
  noControlChars,
  parseNestedForm,
  REPRESENTATIVES_FROM,
  stepSchema,
  type ApplicationStep,
} from "~/domain/application";
import { todayInShanghai } from "~/domain/calendar";
import type { CompetentOrgan } from "~/domain/competent-organ";
import type { ExplanationStep } from "~/domain/periods";
import { dueDateForPage, editRows, isStep, neighbourStep } from "~/services/apply.server";
import { competentOrganFor, organById, searchRespondentOrgans } from "~/services/competence.server";
import { draftFiles, getDraft, saveDraftStep } from "~/services/drafts.server";
import { caseNumberOf, prepareReconsideration, submitReconsideration } from "~/services/filing.server";
import { assertCsrf, readForm } from "~/services/form.server";
import { discardReceived, readStepRequest, removeDraftUpload, storeStepUploads } from "~/services/step-uploads.server";
import { requireUser } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/apply";

export const meta = titleMeta("apply.title");

/** A field name the steps use: a word, then up to three ".word" or ".index" parts ("applicants.0.name"). */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,40}(?:\.(?:\d{1,2}|[A-Za-z][A-Za-z0-9]{0,40})){0,3}$/;
const CONTROL_FIELDS = new Set(["csrf", "intent", "respondentQuery", "evidenceDescription"]);

async function loadDraftFor(request: Request, params: LoaderFunctionArgs["params"]) {
  const loaded = await requireUser(request);
  const step = params.step;
  const draft = params.draftId ? await getDraft(loaded.user.id, params.draftId) : null;
  if (!draft || draft.kind !== "reconsideration" || !isStep(step)) throw data(null, { status: 404 });
  return { loaded, draft, step };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { loaded, draft, step } = await loadDraftFor(request, params);
  if (draft.submittedCaseId) throw redirect(await receiptPath(draft.submittedCaseId), 303);
  const stored = draft.data as Record<string, Record<string, unknown> | undefined>;
  const values = stored[step] ?? {};
  const files = (await draftFiles(loaded.user.id, draft.id)).map((f) => ({ id: f.id, name: f.originalName, size: f.size, purpose: f.purpose, label: f.label ?? "" }));
  const today = todayInShanghai(new Date());
  const base = { draftId: draft.id, step, values, files, today, updatedAt: draft.updatedAt.toISOString(), reached: draft.step as ApplicationStep };

  if (step === "act") {
    const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 50);
    const results = q ? await searchRespondentOrgans(q) : [];
    const respondentId = typeof values.respondentOrganId === "string" ? values.respondentOrganId : "";
    const competence = respondentId ? await competentOrganFor(respondentId) : null;
    return {
      ...base,
      search: { q, results: results.map((o) => ({ id: o.id, name: o.name })) },
      respondent: competence ? { id: competence.respondent.id, name: competence.respondent.name } : null,
      competent: competence ? competentView(competence.result) : null,
      review: null,
    };
  }
  if (step === "review") {
    const prepared = await prepareReconsideration(loaded.user, stored as Record<string, unknown>, draft.id);
    if (!prepared.ok) return { ...base, search: null, respondent: null, competent: null, review: { ok: false as const, errors: prepared.errors ?? {}, stepWithError: prepared.step ?? "applicants" } };
    const p = prepared.prepared;
    const chain = await governmentChain(p.respondent.parentId);
    const choices = [
      ...(p.competent.ok ? [p.competent.organ, ...p.competent.alternatives.map((a) => a.organ)] : []),
      ...chain,
    ].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);
    return {
      ...base,
      search: null,
      respondent: { id: p.respondent.id, name: p.respondent.name },
      competent: competentView(p.competent),
      review: {
        ok: true as const,
        application: p.application,
        lastDay: { ...p.lastDay, shown: dueDateForPage(request, p.lastDay.due, p.lastDay.explanation as ExplanationStep[]) },
        findings: p.findings,
        choices: choices.map((o) => ({ id: o.id, name: o.name })),
        fileNames: Object.fromEntries(p.files.map((f) => [f.id, f.originalName])),
      },
    };
  }
  return { ...base, search: null, respondent: null, competent: null, review: null };
}

/** A submitted draft answers with its receipt (a replayed or late post lands on the same case). */
async function receiptPath(caseId: string): Promise<string> {
  const caseNumber = await caseNumberOf(caseId);
  return caseNumber ? `/my/cases/${encodeURIComponent(caseNumber)}/receipt` : "/my/cases";
}

async function governmentChain(parentId: string | null) {
  const out = [];
  let id = parentId;
  for (let i = 0; i < 4 && id; i++) {
    const organ = await organById(id);
    if (!organ) break;
    if (organ.kind === "government") out.push(organ);
    id = organ.parentId;
  }
  return out;
}

function competentView(result: CompetentOrgan) {
  if (result.ok) {
    return {
      organ: { id: result.organ.id, name: result.organ.name },
      article: result.article,
      reasonKey: result.reasonKey,
      alternatives: result.alternatives.map((a) => ({ id: a.organ.id, name: a.organ.name, article: a.article, reasonKey: a.reasonKey })),
      external: null,
    };
  }
  if ("externalName" in result) return { organ: null, article: result.article, reasonKey: result.reasonKey, alternatives: [], external: result.externalName };
  return { organ: null, article: "", reasonKey: result.reasonKey, alternatives: [], external: null };
}

type ActionResult = StepServerResult & { ok: boolean; saved?: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireUser(request);
  const user = loaded.user;
  // Uploads arrive as multipart (streamed to disk, checked from the bytes); other posts as ordinary forms. The CSRF
  // token is checked before anything else is looked at.
  const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  let entries: [string, FormDataEntryValue][];
  let received: Awaited<ReturnType<typeof readStepRequest>>["files"] = [];
  if (multipart) {
    const parsed = await readStepRequest(request);
    try {
      assertCsrf(parsed.fields.find(([k]) => k === "csrf")?.[1], loaded, context);
    } catch (refused) {
      for (const f of parsed.files) await discardReceived(f);
      throw refused;
    }
    entries = parsed.fields;
    received = parsed.files;
  } else {
    const { form } = await readForm(request, context, loaded);
    entries = [...form.entries()];
  }
  const step = params.step;
  const draft = params.draftId ? await getDraft(user.id, params.draftId) : null;
  if (!draft || draft.kind !== "reconsideration" || !isStep(step)) {
    for (const f of received) await discardReceived(f);
    throw data(null, { status: 404 });
  }
  const base = `/apply/reconsideration/${draft.id}`;
  if (draft.submittedCaseId) {
    for (const f of received) await discardReceived(f);
    return redirect(await receiptPath(draft.submittedCaseId), 303);
  }
  const intent = String(entries.find(([k]) => k === "intent")?.[1] ?? "save").slice(0, 40);
  const fail = (status: number, result: ActionResult) => data(result, { status });
  // Only this step's own fields, as strings without control characters; anything else is refused whole (400).
  let unknown = entries.some(([k, v]) => typeof v === "string" && !CONTROL_FIELDS.has(k) && !FIELD_NAME.test(k));
  const raw = parseNestedForm(entries, { skip: (k) => CONTROL_FIELDS.has(k), onDropped: () => (unknown = true) });
  const rawCheck = unknown ? { ok: false as const, error: "errors.unexpectedField" } : checkRawStep(step, raw);
  if (!rawCheck.ok || !intentAllowed(intent)) {
    for (const f of received) await discardReceived(f);
    return fail(400, { ok: false, formError: rawCheck.ok ? "errors.badRequest" : rawCheck.error, values: {} });
  }
  for (const [k, v] of entries) {
    if (typeof v === "string" && CONTROL_FIELDS.has(k) && (v.length > 500 || !noControlChars(v))) {
      for (const f of received) await discardReceived(f);
      return fail(400, { ok: false, formError: "errors.textInvalid", values: {} });
    }
  }

  // Files first: a power of attorney per agent, or one evidence file with its description.
  let values: Record<string, unknown> = raw;
  if (received.length) {
    const description = String(entries.find(([k]) => k === "evidenceDescription")?.[1] ?? "").trim();
    const stored = await storeStepUploads({ user, draftId: draft.id, step, received, description });
    if (!stored.ok) return fail(stored.status, { ok: false, errors: stored.errors, formError: stored.formError, values: raw });
    values = stored.apply(raw);
  } else if (step === "evidence" && intent === "upload") {
    return fail(400, { ok: false, errors: { evidenceFile: "errors.fileRequired" }, formError: "errors.formHasErrors", values: raw });
  }
  if (intent.startsWith("remove-file:")) {
    await removeDraftUpload(user, draft.id, intent.slice("remove-file:".length));
  }
  if (step === "evidence") {
    // The evidence list is the draft's evidence uploads, with the descriptions given at upload.
    const files = (await draftFiles(user.id, draft.id)).filter((f) => f.purpose === "evidence");
    values = { evidence: files.map((f) => ({ description: f.label ?? "", fileId: f.id })) };
  }
  if (step === "review") {
    const previous = (draft.data as Record<string, Record<string, unknown> | undefined>).review ?? {};
    values = { ...values, submissionKey: previous.submissionKey };
  }

  const edited = editRows(step, values, intent);
  if (edited) {
    await saveDraftStep(user.id, draft.id, step, edited);
    return redirect(`${base}/${step}`, 303);
  }
  if (intent === "search") {
    await saveDraftStep(user.id, draft.id, step, values);
    const q = String(entries.find(([k]) => k === "respondentQuery")?.[1] ?? "").trim().slice(0, 50);
    return redirect(`${base}/act?q=${encodeURIComponent(q)}#respondent`, 303);
  }
  if (intent === "save" || intent === "upload" || intent.startsWith("remove-file:")) {
    const saved = await saveDraftStep(user.id, draft.id, step, values);
    if (!saved.ok) return fail(400, { ok: false, formError: saved.error, values });
    return intent === "save" ? data({ ok: true, saved: true } satisfies ActionResult) : redirect(`${base}/${step}`, 303);
  }
  if (intent === "back") {
    await saveDraftStep(user.id, draft.id, step, values);
    return redirect(`${base}/${neighbourStep(step, -1) ?? step}`, 303);
  }
  if (intent === "next") {
    // A step with errors is not stored: the page shows the values again with the errors next to them.
    const parsed = stepSchema(step, todayInShanghai(new Date())).safeParse(values);
    if (!parsed.success) return fail(400, { ok: false, errors: fieldErrors(parsed.error), formError: "errors.formHasErrors", values });
    const saved = await saveDraftStep(user.id, draft.id, step, values, { nextStep: laterStep(draft.step, neighbourStep(step, 1) ?? step) });
    if (!saved.ok) return fail(400, { ok: false, formError: saved.error, values });
    return redirect(`${base}/${neighbourStep(step, 1) ?? step}`, 303);
  }
  if (intent === "submit" && step === "review") {
    await saveDraftStep(user.id, draft.id, "review", values);
    const result = await submitReconsideration({ user, draftId: draft.id, review: values, requestId: context.requestId });
    if (!result.ok) return fail(result.status, { ok: false, errors: prefixErrors(result.errors ?? {}), formError: result.formError, values });
    return redirect(`/my/cases/${encodeURIComponent(result.caseNumber)}/receipt`, 303);
  }
  return fail(400, { ok: false, formError: "errors.badRequest", values });
}

const SIMPLE_INTENTS = new Set(["save", "next", "back", "search", "upload", "submit", "add-person", "add-organisation", "add-agent", "add-third-party"]);
function intentAllowed(intent: string): boolean {
  return SIMPLE_INTENTS.has(intent) || /^(remove-applicant|remove-agent|remove-third-party):\d{1,2}$/.test(intent) || /^remove-file:[0-9a-f-]{36}$/i.test(intent);
}

function laterStep(a: string, b: ApplicationStep): ApplicationStep {
  const ia = applicationSteps.indexOf(a as ApplicationStep);
  return ia > applicationSteps.indexOf(b) ? (a as ApplicationStep) : b;
}

/** Errors of other steps are shown on the review page under their step's name. */
function prefixErrors(errors: Record<string, string>): Record<string, string> {
  return errors;
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "save" ? false : defaultShouldRevalidate;

// ---------------------------------------------------------------------------------------------------------------

export default function ApplyStep() {
  const t = useT();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const { step, draftId, updatedAt } = loaderData;
  const values = (actionData?.values ?? loaderData.values) as Record<string, unknown>;
  const index = applicationSteps.indexOf(step);
  return (
    <section className="page page--narrow apply">
      <p className="muted">{t("drafts.noLegalEffect")}</p>
      <h1>{t("apply.heading")}</h1>
      <nav aria-label={t("apply.stepsLabel")}>
        <ol className="apply-steps">
          {applicationSteps.map((s, i) => (
            <li key={s} aria-current={s === step ? "step" : undefined} className={s === step ? "apply-steps__current" : undefined}>
              {i <= applicationSteps.indexOf(loaderData.reached) || i <= index ? <Link to={`/apply/reconsideration/${draftId}/${s}`}>{t(`apply.step.${s}`)}</Link> : <span>{t(`apply.step.${s}`)}</span>}
            </li>
          ))}
        </ol>
      </nav>
      <h2>{t("apply.stepOf", { n: index + 1, total: applicationSteps.length, name: t(`apply.step.${step}`) })}</h2>
      {actionData?.formError ? (
        <div className="alert alert--error" role="alert">
          {t(actionData.formError)}
        </div>
      ) : null}
      <StepForm key={`${step}-${updatedAt}`} values={values} result={actionData ?? null} />
    </section>
  );
}

function StepForm({ values, result }: { values: Record<string, unknown>; result: ActionResult | null }) {
  const t = useT();
  const loaderData = useLoaderData<typeof loader>();
  const { step, today } = loaderData;
  const schema = stepSchema(step, today);
  const { register, onSubmit, errorFor } = useStepForm(schema as never, values, result, ["next", "submit"], (form) =>
    // A power of attorney chosen in this very post is stored first; the server then checks the step.
    [...form.querySelectorAll<HTMLInputElement>("input[type=file]")].some((i) => (i.files?.length ?? 0) > 0),
  );
  const fetcher = useFetcher();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const navigation = useNavigation();
  const navigationBusy = useRef(false);
  navigationBusy.current = navigation.state !== "idle";
  useEffect(() => () => clearTimeout(timer.current), []);
  // Save as the citizen types (JavaScript only): the same post as the "save" button, files left out.
  const autosave = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current || navigationBusy.current) return;
      const body = new FormData(formRef.current);
      for (const [k, v] of [...body.entries()]) if (typeof v !== "string") body.delete(k);
      body.set("intent", "save");
      fetcher.submit(body, { method: "post" });
    }, 1200);
  };
  const multipart = step === "agents" || step === "evidence";
  const common = { values, register, errorFor };
  return (
    <Form
      ref={formRef}
      method="post"
      encType={multipart ? "multipart/form-data" : undefined}
      className="form"
      noValidate
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        // the pending autosave must not fire while this post is under way: its revalidation would cancel the
        // navigation to the next step (the citizen would stay on this step and have to press again)
        clearTimeout(timer.current);
        onSubmit(e);
      }}
      onChange={autosave}
    >
      <CsrfInput />
      {step === "applicants" ? <ApplicantsStep {...common} /> : null}
      {step === "agents" ? <AgentsStep {...common} /> : null}
      {step === "act" ? <ActStep {...common} /> : null}
      {step === "requests" ? <RequestsStep {...common} /> : null}
      {step === "evidence" ? <EvidenceStep {...common} /> : null}
      {step === "review" ? <ReviewStep {...common} /> : null}
      <p className="muted" aria-live="polite">
        {fetcher.state === "idle" && (fetcher.data as ActionResult | undefined)?.saved ? t("apply.autosaved") : null}
      </p>
      <div className="apply-nav">
        {step !== "applicants" ? (
          <button type="submit" name="intent" value="back" className="button">
            {t("apply.back")}
          </button>
        ) : null}
        <button type="submit" name="intent" value="save" className="button">
          {t("apply.saveDraft")}
        </button>
        {step !== "review" ? (
          <button type="submit" name="intent" value="next" className="button button--primary">
            {t("apply.next")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}

interface StepProps {
  values: Record<string, unknown>;
  register: (name: string) => ReturnType<ReturnType<typeof useStepForm>["register"]>;
  errorFor: (name: string) => string | undefined;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const rows = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

function ApplicantsStep({ values, register, errorFor }: StepProps) {
  const t = useT();
  const applicants = rows(values.applicants);
  const many = applicants.length >= REPRESENTATIVES_FROM;
  return (
    <>
      <p>{t("apply.applicants.lead")}</p>
      {errorFor("applicants") ? (
        <p className="field__error" role="alert">
          {t(errorFor("applicants")!)}
        </p>
      ) : null}
      {applicants.map((a, i) => {
        const p = `applicants.${i}`;
        const person = a.kind !== "organisation";
        return (
          <fieldset key={i} className="apply-block">
            <legend>{t(person ? "apply.applicants.person" : "apply.applicants.organisation", { n: i + 1 })}</legend>
            <input type="hidden" {...register(`${p}.kind`)} value={person ? "person" : "organisation"} />
            {person ? (
              <>
                <Field label={t("apply.f.name")} name={`${p}.name`} registration={register(`${p}.name`)} defaultValue={str(a.name)} error={errorFor(`${p}.name`)} autoComplete="name" required />
                <Radios legend={t("apply.f.sex")} name={`${p}.sex`} registration={register(`${p}.sex`)} defaultValue={str(a.sex)} error={errorFor(`${p}.sex`)} options={[{ value: "male", label: t("apply.sex.male") }, { value: "female", label: t("apply.sex.female") }]} />
                <Field label={t("apply.f.birthDate")} name={`${p}.birthDate`} type="date" registration={register(`${p}.birthDate`)} defaultValue={str(a.birthDate)} error={errorFor(`${p}.birthDate`)} required />
                <Field label={t("apply.f.idNumber")} hint={t("apply.f.idNumberHint")} name={`${p}.idNumber`} registration={register(`${p}.idNumber`)} defaultValue={str(a.idNumber)} error={errorFor(`${p}.idNumber`)} autoComplete="off" inputMode="text" maxLength={40} required />
                <Field label={t("apply.f.address")} name={`${p}.address`} registration={register(`${p}.address`)} defaultValue={str(a.address)} error={errorFor(`${p}.address`)} autoComplete="street-address" required />
                <Field label={t("apply.f.phone")} name={`${p}.phone`} type="tel" registration={register(`${p}.phone`)} defaultValue={str(a.phone)} error={errorFor(`${p}.phone`)} autoComplete="tel" required />
                <Field label={t("apply.f.employer")} name={`${p}.employer`} registration={register(`${p}.employer`)} defaultValue={str(a.employer)} error={errorFor(`${p}.employer`)} />
              </>
            ) : (
              <>
                <Field label={t("apply.f.orgName")} name={`${p}.name`} registration={register(`${p}.name`)} defaultValue={str(a.name)} error={errorFor(`${p}.name`)} autoComplete="organization" required />
                <Field label={t("apply.f.creditCode")} hint={t("apply.f.creditCodeHint")} name={`${p}.creditCode`} registration={register(`${p}.creditCode`)} defaultValue={str(a.creditCode)} error={errorFor(`${p}.creditCode`)} autoComplete="off" maxLength={40} required />
                <Field label={t("apply.f.address")} name={`${p}.address`} registration={register(`${p}.address`)} defaultValue={str(a.address)} error={errorFor(`${p}.address`)} required />
                <Field label={t("apply.f.legalRepresentative")} name={`${p}.legalRepresentative`} registration={register(`${p}.legalRepresentative`)} defaultValue={str(a.legalRepresentative)} error={errorFor(`${p}.legalRepresentative`)} required />
                <Field label={t("apply.f.phone")} name={`${p}.phone`} type="tel" registration={register(`${p}.phone`)} defaultValue={str(a.phone)} error={errorFor(`${p}.phone`)} required />
              </>
            )}
            {many ? <Checkbox label={t("apply.f.representative")} name={`${p}.representative`} value="yes" registration={register(`${p}.representative`)} defaultChecked={a.representative === "yes" || a.representative === "on"} /> : null}
            {applicants.length > 1 ? (
              <button type="submit" name="intent" value={`remove-applicant:${i}`} className="button button--link">
                {t("apply.remove")}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {many ? <p className="muted">{t("apply.applicants.representativesHint")}</p> : null}
      <div className="apply-nav">
        <button type="submit" name="intent" value="add-person" className="button">
          {t("apply.applicants.addPerson")}
        </button>
        <button type="submit" name="intent" value="add-organisation" className="button">
          {t("apply.applicants.addOrganisation")}
        </button>
      </div>
    </>
  );
}

function FileNote({ id }: { id: string }) {
  const t = useT();
  const { files } = useLoaderData<typeof loader>();
  const file = files.find((f) => f.id === id);
  return file ? <p className="muted">{t("apply.uploaded", { name: file.name })}</p> : null;
}

function AgentsStep({ values, register, errorFor }: StepProps) {
  const t = useT();
  const agents = rows(values.agents);
  const thirdParties = rows(values.thirdParties);
  return (
    <>
      <p>{t("apply.agents.lead")}</p>
      {agents.map((a, i) => {
        const p = `agents.${i}`;
        const fileId = str(a.powerOfAttorneyFileId);
        return (
          <fieldset key={i} className="apply-block">
            <legend>{t("apply.agents.agent", { n: i + 1 })}</legend>
            <Field label={t("apply.f.name")} name={`${p}.name`} registration={register(`${p}.name`)} defaultValue={str(a.name)} error={errorFor(`${p}.name`)} required />
            <Select label={t("apply.f.agentType")} name={`${p}.type`} registration={register(`${p}.type`)} defaultValue={str(a.type)} error={errorFor(`${p}.type`)} options={agentTypes.map((v) => ({ value: v, label: t(`apply.agentType.${v}`) }))} />
            <Field label={t("apply.f.idNumber")} name={`${p}.idNumber`} registration={register(`${p}.idNumber`)} defaultValue={str(a.idNumber)} error={errorFor(`${p}.idNumber`)} autoComplete="off" maxLength={40} required />
            <Field label={t("apply.f.phone")} name={`${p}.phone`} type="tel" registration={register(`${p}.phone`)} defaultValue={str(a.phone)} error={errorFor(`${p}.phone`)} required />
            <Field label={t("apply.f.agentOrganisation")} name={`${p}.organisation`} registration={register(`${p}.organisation`)} defaultValue={str(a.organisation)} error={errorFor(`${p}.organisation`)} />
            <input type="hidden" {...register(`${p}.powerOfAttorneyFileId`)} value={fileId} />
            {fileId ? <FileNote id={fileId} /> : null}
            <Field
              label={t(fileId ? "apply.f.powerOfAttorneyReplace" : "apply.f.powerOfAttorney")}
              hint={t("apply.f.fileHint")}
              name={`${p}.powerOfAttorney`}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              error={errorFor(`${p}.powerOfAttorneyFileId`)}
            />
            <button type="submit" name="intent" value={`remove-agent:${i}`} className="button button--link">
              {t("apply.remove")}
            </button>
          </fieldset>
        );
      })}
      {agents.length < MAX_AGENTS ? (
        <button type="submit" name="intent" value="add-agent" className="button">
          {t("apply.agents.add")}
        </button>
      ) : (
        <p className="muted">{t("apply.agents.max")}</p>
      )}
      <h3>{t("apply.thirdParties.heading")}</h3>
      <p className="muted">{t("apply.thirdParties.lead")}</p>
      {thirdParties.map((tp, i) => {
        const p = `thirdParties.${i}`;
        return (
          <fieldset key={i} className="apply-block">
            <legend>{t("apply.thirdParties.item", { n: i + 1 })}</legend>
            <Field label={t("apply.f.nameOrOrg")} name={`${p}.name`} registration={register(`${p}.name`)} defaultValue={str(tp.name)} error={errorFor(`${p}.name`)} required />
            <Field label={t("apply.f.contact")} name={`${p}.contact`} registration={register(`${p}.contact`)} defaultValue={str(tp.contact)} error={errorFor(`${p}.contact`)} />
            <button type="submit" name="intent" value={`remove-third-party:${i}`} className="button button--link">
              {t("apply.remove")}
            </button>
          </fieldset>
        );
      })}
      <button type="submit" name="intent" value="add-third-party" className="button">
        {t("apply.thirdParties.add")}
      </button>
    </>
  );
}

const yesNo = (t: ReturnType<typeof useT>) => [
  { value: "yes", label: t("apply.yes") },
  { value: "no", label: t("apply.no") },
];

function ActStep({ values, register, errorFor }: StepProps) {
  const t = useT();
  const { search, respondent, competent, today } = useLoaderData<typeof loader>();
  const chosen = str(values.respondentOrganId);
  return (
    <>
      <fieldset className={`apply-block${errorFor("respondentOrganId") ? " field--error" : ""}`} id="respondent">
        <legend>{t("apply.act.respondent")}</legend>
        <p className="muted">{t("apply.act.respondentHint")}</p>
        {errorFor("respondentOrganId") ? <p className="field__error">{t(errorFor("respondentOrganId")!)}</p> : null}
        {respondent ? (
          <p>
            {t("apply.act.chosen")} <strong>{respondent.name}</strong>
          </p>
        ) : null}
        <Field label={t("apply.act.search")} name="respondentQuery" defaultValue={search?.q ?? ""} type="search" />
        <button type="submit" name="intent" value="search" className="button">
          {t("apply.act.searchButton")}
        </button>
        {search?.q && search.results.length === 0 ? <p className="muted">{t("apply.act.noResults")}</p> : null}
        {search?.results.length ? (
          <div className="choice" role="radiogroup" aria-label={t("apply.act.results")}>
            {search.results.map((o) => (
              <label key={o.id} className="choice__option">
                <input type="radio" {...register("respondentOrganId")} value={o.id} defaultChecked={o.id === chosen} />
                <span>{o.name}</span>
              </label>
            ))}
          </div>
        ) : chosen ? (
          <input type="hidden" {...register("respondentOrganId")} value={chosen} />
        ) : null}
        {competent ? <CompetentNote competent={competent} respondentName={respondent?.name ?? ""} /> : null}
      </fieldset>
      <Field label={t("apply.f.actTitle")} hint={t("apply.f.actTitleHint")} name="actTitle" registration={register("actTitle")} defaultValue={str(values.actTitle)} error={errorFor("actTitle")} required />
      <Field label={t("apply.f.actDocumentNumber")} hint={t("apply.f.actDocumentNumberHint")} name="actDocumentNumber" registration={register("actDocumentNumber")} defaultValue={str(values.actDocumentNumber)} error={errorFor("actDocumentNumber")} />
      <Select label={t("apply.f.actKind")} hint={t("apply.f.actKindHint")} name="actKind" registration={register("actKind")} defaultValue={str(values.actKind)} error={errorFor("actKind")} placeholder={t("apply.choose")} options={actKinds.map((k) => ({ value: k, label: t(`apply.actKind.${k}`) }))} />
      <Field label={t("apply.f.madeOn")} name="madeOn" type="date" max={today} registration={register("madeOn")} defaultValue={str(values.madeOn)} error={errorFor("madeOn")} required />
      <Field label={t("apply.f.learnedOn")} hint={t("apply.f.learnedOnHint")} name="learnedOn" type="date" max={today} registration={register("learnedOn")} defaultValue={str(values.learnedOn)} error={errorFor("learnedOn")} required />
      <Radios legend={t("apply.f.informed")} hint={t("apply.f.informedHint")} name="informed" registration={register("informed")} defaultValue={str(values.informed)} error={errorFor("informed")} options={yesNo(t)} />
      <Field label={t("apply.f.rightLearnedOn")} hint={t("apply.f.rightLearnedOnHint")} name="rightLearnedOn" type="date" max={today} registration={register("rightLearnedOn")} defaultValue={str(values.rightLearnedOn)} error={errorFor("rightLearnedOn")} />
      <Radios legend={t("apply.f.onTheSpotPenalty")} name="onTheSpotPenalty" registration={register("onTheSpotPenalty")} defaultValue={str(values.onTheSpotPenalty)} error={errorFor("onTheSpotPenalty")} options={yesNo(t)} />
      <Radios legend={t("apply.f.failureToAct")} hint={t("apply.f.failureToActHint")} name="failureToAct" registration={register("failureToAct")} defaultValue={str(values.failureToAct)} error={errorFor("failureToAct")} options={yesNo(t)} />
      <Radios legend={t("apply.f.normativeReview")} hint={t("apply.f.normativeReviewHint")} name="normativeReview" registration={register("normativeReview")} defaultValue={str(values.normativeReview)} error={errorFor("normativeReview")} options={yesNo(t)} />
      <Field label={t("apply.f.normativeDocument")} name="normativeDocument" registration={register("normativeDocument")} defaultValue={str(values.normativeDocument)} error={errorFor("normativeDocument")} />
      <Radios legend={t("apply.f.compensation")} hint={t("apply.f.compensationHint")} name="compensation" registration={register("compensation")} defaultValue={str(values.compensation)} error={errorFor("compensation")} options={yesNo(t)} />
      <TextArea label={t("apply.f.compensationClaim")} name="compensationClaim" rows={3} registration={register("compensationClaim")} defaultValue={str(values.compensationClaim)} error={errorFor("compensationClaim")} />
    </>
  );
}

type CompetentView = NonNullable<Awaited<ReturnType<typeof loader>>["competent"]>;

function CompetentNote({ competent, respondentName }: { competent: CompetentView; respondentName: string }) {
  const t = useT();
  return (
    <div className="alert" role="status">
      <p>
        <strong>{t("apply.competent.heading")}</strong> {competent.organ?.name ?? competent.external ?? ""}
      </p>
      <p>{t(competent.reasonKey, { organ: competent.organ?.name ?? competent.external ?? "", respondent: respondentName })}</p>
      {competent.alternatives.map((a) => (
        <p key={a.id}>{t(a.reasonKey, { organ: a.name })}</p>
      ))}
      {competent.article ? <p className="card__basis">{t("apply.basis", { basis: competent.article })}</p> : null}
    </div>
  );
}

function RequestsStep({ values, register, errorFor }: StepProps) {
  const t = useT();
  return (
    <>
      <TextArea label={t("apply.f.requests")} hint={t("apply.f.requestsHint")} name="requests" rows={4} registration={register("requests")} defaultValue={str(values.requests)} error={errorFor("requests")} required />
      <TextArea label={t("apply.f.factsAndReasons")} hint={t("apply.f.factsAndReasonsHint")} name="factsAndReasons" rows={10} registration={register("factsAndReasons")} defaultValue={str(values.factsAndReasons)} error={errorFor("factsAndReasons")} required />
      <Radios legend={t("apply.f.suedInCourt")} hint={t("apply.f.suedInCourtHint")} name="suedInCourt" registration={register("suedInCourt")} defaultValue={str(values.suedInCourt)} error={errorFor("suedInCourt")} options={yesNo(t)} />
    </>
  );
}

function EvidenceStep({ errorFor }: StepProps) {
  const t = useT();
  const { files } = useLoaderData<typeof loader>();
  const evidence = files.filter((f) => f.purpose === "evidence");
  return (
    <>
      <p>{t("apply.evidence.lead")}</p>
      {evidence.length ? (
        <ol className="evidence-list">
          {evidence.map((f) => (
            <li key={f.id}>
              <strong>{f.label}</strong> <span className="muted">{t("apply.evidence.file", { name: f.name, size: Math.max(1, Math.round(f.size / 1024)) })}</span>{" "}
              <button type="submit" name="intent" value={`remove-file:${f.id}`} className="button button--link">
                {t("apply.remove")}
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t("apply.evidence.none")}</p>
      )}
      <fieldset className="apply-block">
        <legend>{t("apply.evidence.add")}</legend>
        <Field label={t("apply.f.evidenceDescription")} hint={t("apply.f.evidenceDescriptionHint")} name="evidenceDescription" error={errorFor("evidenceDescription")} maxLength={200} />
        <Field label={t("apply.f.evidenceFile")} hint={t("apply.f.fileHint")} name="evidenceFile" type="file" accept="application/pdf,image/jpeg,image/png" error={errorFor("evidenceFile")} />
        <button type="submit" name="intent" value="upload" className="button">
          {t("apply.evidence.upload")}
        </button>
      </fieldset>
    </>
  );
}

function ReviewStep({ values, register, errorFor }: StepProps) {
  const t = useT();
  const { review, competent, respondent, draftId } = useLoaderData<typeof loader>();
  const submissionKey = str(values.submissionKey);
  if (!review) return null;
  if (!review.ok) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{t("apply.review.incomplete")}</p>
        <ul>
          {Object.entries(review.errors)
            .slice(0, 10)
            .map(([k, v]) => (
              <li key={k}>
                <Link to={`/apply/reconsideration/${draftId}/${k.split(".")[0]}`}>{t(`apply.step.${k.split(".")[0]}`)}</Link>: {t(v)}
              </li>
            ))}
        </ul>
      </div>
    );
  }
  const a = review.application;
  const needsReason = review.findings.some((f) => f.severity === "needs_answer");
  const blocked = review.findings.some((f) => f.severity === "block");
  const edit = (s: ApplicationStep) => (
    <Link to={`/apply/reconsideration/${draftId}/${s}`} className="review-edit">
      {t("apply.review.edit", { step: t(`apply.step.${s}`) })}
    </Link>
  );
  return (
    <>
      <section aria-labelledby="review-applicants">
        <h3 id="review-applicants">{t("apply.step.applicants")}</h3>
        {a.applicants.applicants.map((p, i) => (
          <dl key={i} className="kv">
            <dt>{t("apply.f.name")}</dt>
            <dd>{p.name}</dd>
            {p.kind === "person" ? (
              <>
                <dt>{t("apply.f.idNumber")}</dt>
                <dd>{p.idNumber}</dd>
              </>
            ) : (
              <>
                <dt>{t("apply.f.creditCode")}</dt>
                <dd>{p.creditCode}</dd>
              </>
            )}
            <dt>{t("apply.f.address")}</dt>
            <dd>{p.address}</dd>
            <dt>{t("apply.f.phone")}</dt>
            <dd>{p.phone}</dd>
          </dl>
        ))}
        {edit("applicants")}
      </section>
      <section aria-labelledby="review-agents">
        <h3 id="review-agents">{t("apply.step.agents")}</h3>
        {a.agents.agents.length === 0 && a.agents.thirdParties.length === 0 ? <p className="muted">{t("apply.review.none")}</p> : null}
        <ul>
          {a.agents.agents.map((g, i) => (
            <li key={`a${i}`}>
              {t("apply.review.agentLine", { name: g.name, type: t(`apply.agentType.${g.type}`), file: review.fileNames[g.powerOfAttorneyFileId] ?? "" })}
            </li>
          ))}
          {a.agents.thirdParties.map((p, i) => (
            <li key={`t${i}`}>{t("apply.review.thirdPartyLine", { name: p.name })}</li>
          ))}
        </ul>
        {edit("agents")}
      </section>
      <section aria-labelledby="review-act">
        <h3 id="review-act">{t("apply.step.act")}</h3>
        <dl className="kv">
          <dt>{t("apply.act.respondent")}</dt>
          <dd>{respondent?.name}</dd>
          <dt>{t("apply.f.actTitle")}</dt>
          <dd>{a.act.actTitle}</dd>
          {a.act.actDocumentNumber ? (
            <>
              <dt>{t("apply.f.actDocumentNumber")}</dt>
              <dd>{a.act.actDocumentNumber}</dd>
            </>
          ) : null}
          <dt>{t("apply.f.actKind")}</dt>
          <dd>{t(`apply.actKind.${a.act.actKind}`)}</dd>
          <dt>{t("apply.f.madeOn")}</dt>
          <dd>{a.act.madeOn}</dd>
          <dt>{t("apply.f.learnedOn")}</dt>
          <dd>{a.act.learnedOn}</dd>
          {a.act.normativeReview === "yes" ? (
            <>
              <dt>{t("apply.f.normativeDocument")}</dt>
              <dd>{a.act.normativeDocument}</dd>
            </>
          ) : null}
          {a.act.compensation === "yes" ? (
            <>
              <dt>{t("apply.f.compensationClaim")}</dt>
              <dd>{a.act.compensationClaim}</dd>
            </>
          ) : null}
        </dl>
        {edit("act")}
      </section>
      <section aria-labelledby="review-requests">
        <h3 id="review-requests">{t("apply.step.requests")}</h3>
        <p className="review-text">{a.requests.requests}</p>
        <p className="review-text">{a.requests.factsAndReasons}</p>
        {edit("requests")}
      </section>
      <section aria-labelledby="review-evidence">
        <h3 id="review-evidence">{t("apply.step.evidence")}</h3>
        {a.evidence.evidence.length ? (
          <ol>
            {a.evidence.evidence.map((e, i) => (
              <li key={i}>
                {e.description} {e.fileId ? <span className="muted">({review.fileNames[e.fileId]})</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t("apply.review.none")}</p>
        )}
        {edit("evidence")}
      </section>

      <section aria-labelledby="review-organ">
        <h3 id="review-organ">{t("apply.review.organHeading")}</h3>
        {competent ? <CompetentNote competent={competent} respondentName={respondent?.name ?? ""} /> : null}
        {review.choices.length > 1 ? (
          <>
            <Radios
              legend={t("apply.review.organChoice")}
              hint={t("apply.review.organChoiceHint")}
              name="competentOrganOverrideId"
              defaultValue={str(values.competentOrganOverrideId)}
              error={errorFor("competentOrganOverrideId")}
              options={review.choices.map((o) => ({ value: o.id === competent?.organ?.id ? "" : o.id, label: o.name }))}
            />
            <TextArea label={t("apply.review.overrideReason")} name="competentOrganOverrideReason" rows={2} registration={register("competentOrganOverrideReason")} defaultValue={str(values.competentOrganOverrideReason)} error={errorFor("competentOrganOverrideReason")} />
          </>
        ) : null}
      </section>

      <section aria-labelledby="review-deadline">
        <h3 id="review-deadline">{t("apply.review.deadlineHeading")}</h3>
        <DueDateView due={review.lastDay.shown} provisional={review.lastDay.provisional} label={t("apply.review.lastDay")} />
      </section>

      <section aria-labelledby="review-checks">
        <h3 id="review-checks">{t("apply.review.checksHeading")}</h3>
        <ul className="plain checks">
          {review.findings.map((f, i) => (
            <li key={i} className={`alert${f.severity === "block" ? " alert--error" : f.severity === "needs_answer" ? " alert--warn" : ""}`}>
              <p>{t(f.messageKey, f.vars)}</p>
              <p className="card__basis">{t("apply.basis", { basis: f.article })}</p>
            </li>
          ))}
        </ul>
        {needsReason ? (
          <TextArea label={t("apply.review.lateReason")} hint={t("apply.review.lateReasonHint")} name="lateReason" rows={3} registration={register("lateReason")} defaultValue={str(values.lateReason)} error={errorFor("lateReason")} />
        ) : null}
      </section>

      <Radios
        legend={t("apply.review.eService")}
        hint={t("apply.review.eServiceHint")}
        name="electronicServiceConsent"
        registration={register("electronicServiceConsent")}
        defaultValue={str(values.electronicServiceConsent)}
        error={errorFor("electronicServiceConsent")}
        options={yesNo(t)}
      />
      <Checkbox label={t("apply.review.declaration")} name="declaration" value="yes" registration={register("declaration")} defaultChecked={values.declaration === "yes"} error={errorFor("declaration")} />
      <input type="hidden" {...register("submissionKey")} value={submissionKey} />
      {blocked ? (
        <p className="alert alert--error" role="alert">
          {t("apply.review.blocked")}
        </p>
      ) : (
        <button type="submit" name="intent" value="submit" className="button button--primary apply-submit">
          {t("apply.review.submit")}
        </button>
      )}
    </>
  );
}
