// /staff/cases/:caseNumber/decision — mediation inside the case (Arts. 5, 73) and the decision: drafting, the office
// head's return or approval (Art. 61(1)), service (Art. 75). The forms shown are those the machine's transition table
// allows in the case's state to the user's role. Staff and office heads only (403); a case outside the user's organs
// does not exist (404). "$caseNumber_": not nested in the case page (which has no outlet).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Fragment } from "react";
import * as z from "zod/mini";
import { Checkbox, Radios, Select, TextArea } from "~/components/fields";
import { Field } from "~/components/form";
import { Term } from "~/components/term";
import { fieldErrors } from "~/domain/application";
import { todayInShanghai } from "~/domain/calendar";
import {
  ApproveDecisionFormSchema,
  DecisionDraftFormSchema,
  MAX_DOCUMENT_TEXT,
  MAX_PERFORMANCE_DAYS,
  MAX_REASON_TEXT,
  MediationDocumentFormSchema,
  MediationFailedFormSchema,
  OpenMediationFormSchema,
  ReturnDraftFormSchema,
  ServeDecisionFormSchema,
  serveMethods,
} from "~/domain/decision-draft";
import { caseStateLabels, decisionTypes } from "~/domain/machines/reconsideration";
import { getCommitteeSummary, type CommitteeSummary } from "~/services/committee.server";
import { getCasePublication } from "~/services/publication.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { caseHandlerRoles, staffCaseExists } from "~/services/staff-cases.server";
import {
  approveDecision,
  getDecisionCase,
  openMediation,
  recordMediationFailure,
  returnDraft,
  serveDecision,
  signMediationDocument,
  startDrafting,
  submitDraftForApproval,
  type DecisionCommandResult,
} from "~/services/staff-decision.server";
import { useLocale, useT } from "~/utils/i18n";
import { CommandOutcome, CommandSection } from "~/components/command-section";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/cases";
import "~/locales/areas/committee";
import "~/locales/areas/decision";
import "~/locales/areas/documents";
import "~/locales/areas/publication";
import "~/locales/areas/staff";

export const meta = titleMeta("decision.title");

const notFound = () => data(null, { status: 404 });
/** The version the user saw: required (a missing field is bad input, not version 0). */
const VersionSchema = z.pipe(z.string().check(z.regex(/^\d{1,9}$/)), z.transform(Number));
const intents = ["open_mediation", "sign_mediation", "mediation_failed", "start_drafting", "submit_draft", "return_draft", "approve", "serve"] as const;
type Intent = (typeof intents)[number];
const IntentSchema = z.enum(intents);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, caseHandlerRoles);
  const found = params.caseNumber ? await getDecisionCase({ user, caseNumber: params.caseNumber }) : null;
  if (!found) throw notFound();
  const committee = await getCommitteeSummary({ user, caseNumber: found.caseNumber });
  // the decision's publication (Art. 79(1)): its status and the public copy's link, once a decision was issued
  const publication = found.issuedDocuments.some((d) => d.kind === "decision") ? await getCasePublication({ user, caseNumber: found.caseNumber }) : null;
  return { case: found, committee, publication, today: todayInShanghai(new Date()) };
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

type Invalid = { invalid: Record<string, string> };

/** Parses the intent's form with its schema (app/domain/decision-draft.ts) and calls its service. */
async function runIntent(
  intent: Intent,
  values: Record<string, string>,
  common: { user: Parameters<typeof startDrafting>[0]["user"]; caseNumber: string; version: number; requestId?: string },
): Promise<DecisionCommandResult | Invalid> {
  const parse = <S extends z.ZodMiniType>(schema: S): z.output<S> | Invalid => {
    const parsed = schema.safeParse(values);
    return parsed.success ? parsed.data : { invalid: fieldErrors(parsed.error) };
  };
  const isInvalid = (v: unknown): v is Invalid => typeof v === "object" && v !== null && "invalid" in v;
  switch (intent) {
    case "open_mediation": {
      const f = parse(OpenMediationFormSchema);
      return isInvalid(f) ? f : openMediation({ ...common, ...f });
    }
    case "sign_mediation": {
      const f = parse(MediationDocumentFormSchema);
      return isInvalid(f) ? f : signMediationDocument({ ...common, form: f });
    }
    case "mediation_failed": {
      const f = parse(MediationFailedFormSchema);
      return isInvalid(f) ? f : recordMediationFailure({ ...common, reason: f.reason });
    }
    case "start_drafting":
      return startDrafting(common);
    case "submit_draft": {
      const f = parse(DecisionDraftFormSchema);
      return isInvalid(f) ? f : submitDraftForApproval({ ...common, draft: f });
    }
    case "return_draft": {
      const f = parse(ReturnDraftFormSchema);
      return isInvalid(f) ? f : returnDraft({ ...common, reason: f.reason });
    }
    case "approve": {
      const f = parse(ApproveDecisionFormSchema);
      return isInvalid(f) ? f : approveDecision({ ...common, approvedBy: f.approvedBy });
    }
    case "serve": {
      const f = parse(ServeDecisionFormSchema);
      return isInvalid(f) ? f : serveDecision({ ...common, method: f.method, servedOn: f.servedOn });
    }
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, caseHandlerRoles);
  const { form } = await readForm(request, context, loaded);
  const caseNumber = params.caseNumber ?? "";
  if (!(await staffCaseExists({ user: loaded.user, caseNumber }))) throw notFound();
  const intent = IntentSchema.safeParse(form.get("intent"));
  const version = VersionSchema.safeParse(form.get("version"));
  const fail = (status: number, failure: Omit<ActionFailure, "ok">) => data<ActionFailure>({ ok: false, ...failure }, { status });
  if (!intent.success || !version.success) return fail(400, { intent: intent.success ? intent.data : null, formError: "errors.badRequest" });

  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !["csrf", "intent", "version"].includes(key)) values[key] = value;
  const result = await runIntent(intent.data, values, { user: loaded.user, caseNumber, version: version.data, requestId: context.requestId });
  if ("invalid" in result) return fail(400, { intent: intent.data, errors: result.invalid, formError: "errors.formHasErrors", values });
  if (result.ok) return redirect(`/staff/cases/${encodeURIComponent(caseNumber)}/decision?done=${intent.data}`, 303);
  if (result.status === 404) throw notFound();
  return fail(result.status, { intent: intent.data, formError: result.formError, message: result.message, messageEn: result.messageEn, values });
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>["case"];

export default function StaffCaseDecision() {
  const t = useT();
  const locale = useLocale();
  const { case: c, committee, publication, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = IntentSchema.safeParse(search.get("done"));
  const caseHref = `/staff/cases/${encodeURIComponent(c.caseNumber)}`;
  const can = (command: Loaded["available"][number]) => c.available.includes(command);
  const latest = c.drafts[0] ?? null;

  /** The failure of this form, if the last post was this form's. */
  const failureOf = (intent: Intent) => (actionData?.intent === intent ? actionData : undefined);
  const failureText = (f: ActionFailure) => (f.formError ? t(f.formError) : locale === "en" ? (f.messageEn ?? f.message ?? "") : (f.message ?? ""));
  /** The props every command form shares: its intent, the version seen, its failure message if it was the one posted. */
  const formOf = (intent: Intent) => {
    const failure = failureOf(intent);
    return { intent, version: c.version, failure: failure ? failureText(failure) : null };
  };

  /** Field value: as posted when this form failed, else `fallback`. */
  const value = (intent: Intent, name: string, fallback = "") => failureOf(intent)?.values?.[name] ?? fallback;
  const error = (intent: Intent, name: string) => failureOf(intent)?.errors?.[name];
  const checked = (intent: Intent, name: string, fallback = false) => {
    const f = failureOf(intent);
    return f?.values ? f.values[name] === "yes" : fallback;
  };
  // A returned draft is revised, not retyped: its text fills the form again.
  const prior = c.state === "DECISION_DRAFTING" && latest ? latest.content : {};
  const priorText = (k: "facts" | "reasoning" | "result" | "respondentObligations") => (typeof prior[k] === "string" ? (prior[k] as string) : "");
  const nothing = c.available.length === 0;

  return (
    <section className="page">
      <h1>{t("decision.heading", { caseNumber: c.caseNumber })}</h1>
      <p className="lead">{t("decision.lead")}</p>
      <p>
        <a href={caseHref}>{t("decision.backToCase")}</a>
      </p>
      <CommandOutcome
        done={done.success ? t(`decision.done.${done.data}`) : null}
        error={actionData && actionData.intent === null ? t(actionData.formError ?? "errors.badRequest") : null}
      />

      <dl className="kv">
        <dt>{t("decision.state")}</dt>
        <dd>
          <strong>{caseStateLabels[c.state] ?? c.state}</strong>
          {locale === "en" ? ` (${c.state})` : null}
        </dd>
        <dt>{t("decision.role")}</dt>
        <dd>{t(`decision.role.${c.role}`)}</dd>
        <dt>{t("decision.eService")}</dt>
        <dd>{c.electronicServiceConsent ? t("decision.eServiceYes") : t("decision.eServiceNo")}</dd>
        {c.decision?.approvedBy ? (
          <>
            <dt>{t("decision.approvedBy")}</dt>
            <dd>{t(`decision.approvedBy.${c.decision.approvedBy}`)}</dd>
          </>
        ) : null}
        {c.decision?.servedOn ? (
          <>
            <dt>{t("decision.serve.servedOn")}</dt>
            <dd>{c.decision.servedOn}</dd>
          </>
        ) : null}
      </dl>
      {c.issuedDocuments.length ? (
        <>
          <h2>{t("decision.documents.heading")}</h2>
          <ul className="plain">
            {c.issuedDocuments.map((d) => (
              <li key={d.id} className="card">
                <h3>
                  {t(`cases.doc.${d.kind}`)}
                  {d.number ? ` ${d.number}` : null}
                </h3>
                <p className="muted">
                  {t("staff.case.issuedAt", { time: shanghaiTime(d.issuedAt) })} ·{" "}
                  {d.servedAt ? t("staff.case.servedAt", { time: shanghaiTime(d.servedAt) }) : t("staff.case.servedPending")}
                </p>
                <p>
                  <Link to={`/staff/cases/${encodeURIComponent(c.caseNumber)}/documents/${d.id}`}>{t("documents.open")}</Link>
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {publication ? (
        <section aria-labelledby="publication-heading">
          <h2 id="publication-heading">{t("publication.decisionPage.heading")}</h2>
          <p>
            {publication.live ? t(`publication.status.${publication.live.status}`) : t("publication.decisionPage.none")}
            {publication.live?.status === "approved" ? (
              <>
                {" "}
                · <Link to={`/public/decisions/${publication.live.id}`}>{t("publication.case.publicLink")}</Link>
              </>
            ) : null}
          </p>
          <p>
            <Link to={`/staff/cases/${encodeURIComponent(c.caseNumber)}/publication`}>{t("publication.decisionPage.link")}</Link>
          </p>
        </section>
      ) : null}
      {nothing ? <p>{t("decision.nothingNow")}</p> : <p className="muted">{t("decision.stale")}</p>}

      {can("OPEN_MEDIATION") || can("SIGN_MEDIATION_DOCUMENT") || can("MEDIATION_FAILED") || c.mediationDocument ? (
        <>
          <h2>{t("decision.mediation.heading")}</h2>
          {c.mediationDocument ? (
            <p className="alert alert--success">
              {t("decision.mediation.effective", { date: c.mediationDocument.effectiveOn })}
              {c.mediationDocument.performanceDays ? ` ${t("decision.mediation.effectiveObligations", { days: c.mediationDocument.performanceDays })}` : null}
            </p>
          ) : null}
          {can("OPEN_MEDIATION") ? (
            <CommandSection {...formOf("open_mediation")} heading={t("decision.mediation.open.heading")} lead={t("decision.mediation.open.lead")} submit={t("decision.mediation.open.submit")}>
              <Checkbox name="applicantWilling" label={t("decision.mediation.applicantWilling")} defaultChecked={checked("open_mediation", "applicantWilling")} />
              <Checkbox name="respondentWilling" label={t("decision.mediation.respondentWilling")} defaultChecked={checked("open_mediation", "respondentWilling")} />
            </CommandSection>
          ) : null}
          {can("SIGN_MEDIATION_DOCUMENT") ? (
            <CommandSection {...formOf("sign_mediation")} heading={t("decision.mediation.sign.heading")} lead={t("decision.mediation.sign.lead")} submit={t("decision.mediation.sign.submit")}>
              <TextArea name="facts" label={t("decision.mediation.facts")} maxLength={MAX_DOCUMENT_TEXT} defaultValue={value("sign_mediation", "facts")} error={error("sign_mediation", "facts")} />
              <TextArea
                name="terms"
                label={t("decision.mediation.terms")}
                hint={t("decision.mediation.termsHint")}
                maxLength={MAX_DOCUMENT_TEXT}
                required
                defaultValue={value("sign_mediation", "terms")}
                error={error("sign_mediation", "terms")}
              />
              <TextArea
                name="respondentObligations"
                label={t("decision.mediation.obligations")}
                rows={3}
                maxLength={MAX_DOCUMENT_TEXT}
                defaultValue={value("sign_mediation", "respondentObligations")}
                error={error("sign_mediation", "respondentObligations")}
              />
              <Field
                name="performanceDays"
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_PERFORMANCE_DAYS}
                label={t("decision.mediation.performanceDays")}
                hint={t("decision.mediation.performanceDaysHint")}
                defaultValue={value("sign_mediation", "performanceDays")}
                error={error("sign_mediation", "performanceDays")}
              />
              <Checkbox name="allPartiesSigned" label={t("decision.mediation.allPartiesSigned")} defaultChecked={checked("sign_mediation", "allPartiesSigned")} />
              <Checkbox name="organSealed" label={t("decision.mediation.organSealed")} defaultChecked={checked("sign_mediation", "organSealed")} />
            </CommandSection>
          ) : null}
          {can("MEDIATION_FAILED") ? (
            <CommandSection {...formOf("mediation_failed")} heading={t("decision.mediation.failed.heading")} lead={t("decision.mediation.failed.lead")} submit={t("decision.mediation.failed.submit")}>
              <Radios
                name="reason"
                legend={t("decision.mediation.failed.reason")}
                options={(["no_agreement", "party_reneged"] as const).map((r) => ({ value: r, label: t(`decision.mediation.failed.${r}`) }))}
                defaultValue={value("mediation_failed", "reason")}
                error={error("mediation_failed", "reason")}
              />
            </CommandSection>
          ) : null}
        </>
      ) : null}

      <h2>{t("decision.draft.heading")}</h2>
      {can("START_DRAFTING") ? <CommandSection {...formOf("start_drafting")} heading={t("decision.start.submit")} lead={t("decision.start.lead")} submit={t("decision.start.submit")} /> : null}

      {committee ? <CommitteePanel committee={committee} caseNumber={c.caseNumber} /> : null}
      <h3>{t("decision.current.heading")}</h3>
      {latest ? <DraftCard draft={latest} /> : <p>{t("decision.current.none")}</p>}
      {c.drafts.length > 1 ? (
        <details>
          <summary>{t("decision.current.earlier", { count: c.drafts.length - 1 })}</summary>
          {c.drafts.slice(1).map((d) => (
            <DraftCard key={d.id} draft={d} />
          ))}
        </details>
      ) : null}

      {can("SUBMIT_FOR_APPROVAL") ? (
        <CommandSection {...formOf("submit_draft")} heading={t("decision.submit.heading")} lead={t("decision.submit.lead")} submit={t("decision.submit.submit")}>
          {c.noReply ? <p className="alert alert--warn">{t("decision.noReplyWarning")}</p> : null}
          <Select
            name="decisionType"
            label={t("decision.type")}
            placeholder={t("decision.typePlaceholder")}
            options={decisionTypes.map((type) => ({ value: type, label: t(`decision.type.${type}`) }))}
            defaultValue={value("submit_draft", "decisionType", typeof prior.decisionType === "string" ? prior.decisionType : "")}
            error={error("submit_draft", "decisionType")}
          />
          <Checkbox name="partial" label={t("decision.partial")} defaultChecked={checked("submit_draft", "partial", prior.partial === true)} error={error("submit_draft", "partial")} />
          <Checkbox
            name="redoOrdered"
            label={t("decision.redoOrdered")}
            defaultChecked={checked("submit_draft", "redoOrdered", prior.redoOrdered === true)}
            error={error("submit_draft", "redoOrdered")}
          />
          <Checkbox name="applicantRequestedVoid" label={t("decision.applicantRequestedVoid")} defaultChecked={checked("submit_draft", "applicantRequestedVoid", prior.applicantRequestedVoid === true)} />
          <Checkbox name="thirdPartyEvidence" label={t("decision.thirdPartyEvidence")} defaultChecked={checked("submit_draft", "thirdPartyEvidence", prior.thirdPartyEvidence === true)} />
          {(["facts", "reasoning", "result"] as const).map((k) => (
            <TextArea
              key={k}
              name={k}
              label={t(`decision.${k}`)}
              rows={k === "result" ? 4 : 8}
              maxLength={MAX_DOCUMENT_TEXT}
              required
              defaultValue={value("submit_draft", k, priorText(k))}
              error={error("submit_draft", k)}
            />
          ))}
          <TextArea
            name="respondentObligations"
            label={t("decision.obligations")}
            rows={3}
            maxLength={MAX_DOCUMENT_TEXT}
            defaultValue={value("submit_draft", "respondentObligations", priorText("respondentObligations"))}
            error={error("submit_draft", "respondentObligations")}
          />
          <Field
            name="performanceDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_PERFORMANCE_DAYS}
            label={t("decision.performanceDays")}
            hint={t("decision.performanceDaysHint")}
            defaultValue={value("submit_draft", "performanceDays", typeof prior.performanceDays === "number" ? String(prior.performanceDays) : "")}
            error={error("submit_draft", "performanceDays")}
          />
        </CommandSection>
      ) : null}

      {can("APPROVE_DECISION") ? (
        latest?.status === "pending" && latest.draftedByMe ? (
          <section className="apply-block">
            <h3>{t("decision.approve.heading")}</h3>
            <p className="alert alert--warn">{t("decision.approve.ownDraft")}</p>
          </section>
        ) : (
          <CommandSection {...formOf("approve")} heading={t("decision.approve.heading")} lead={t("decision.approve.lead")} submit={t("decision.approve.submit")}>
            <Radios
              name="approvedBy"
              legend={t("decision.approvedBy")}
              options={(["organ_head", "collective_discussion"] as const).map((b) => ({ value: b, label: t(`decision.approvedBy.${b}`) }))}
              defaultValue={value("approve", "approvedBy")}
              error={error("approve", "approvedBy")}
            />
          </CommandSection>
        )
      ) : null}
      {can("RETURN_DRAFT") ? (
        <CommandSection {...formOf("return_draft")} heading={t("decision.return.heading")} submit={t("decision.return.submit")}>
          <TextArea name="reason" label={t("decision.return.reason")} rows={4} maxLength={MAX_REASON_TEXT} required defaultValue={value("return_draft", "reason")} error={error("return_draft", "reason")} />
        </CommandSection>
      ) : null}

      {can("SERVE_DECISION") ? (
        <CommandSection {...formOf("serve")} heading={t("decision.serve.heading")} lead={t("decision.serve.lead")} submit={t("decision.serve.submit")}>
          <Radios
            name="method"
            legend={t("decision.serve.method")}
            hint={c.electronicServiceConsent ? undefined : t("decision.eServiceNo")}
            options={serveMethods.filter((m) => m !== "electronic" || c.electronicServiceConsent).map((m) => ({ value: m, label: t(`decision.serve.method.${m}`) }))}
            defaultValue={value("serve", "method")}
            error={error("serve", "method")}
          />
          <Field
            name="servedOn"
            type="date"
            max={today}
            label={t("decision.serve.servedOn")}
            hint={t("decision.serve.servedOnHint")}
            defaultValue={value("serve", "servedOn", today)}
            error={error("serve", "servedOn")}
          />
        </CommandSection>
      ) : null}
    </section>
  );
}

function DraftCard({ draft }: { draft: Loaded["drafts"][number] }) {
  const t = useT();
  const c = draft.content;
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  return (
    <div className="card">
      <p className="muted">
        {t("decision.current.meta", { name: draft.draftedByName, time: shanghaiTime(draft.submittedAt), status: t(`decision.current.status.${draft.status}`) })}
      </p>
      <dl className="kv">
        <dt>{t("decision.type")}</dt>
        <dd>
          {t(`decision.type.${draft.decisionType}`)}
          {c.partial ? ` · ${t("decision.partial")}` : null}
          {c.redoOrdered ? ` · ${t("decision.redoOrdered")}` : null}
        </dd>
        {(["facts", "reasoning", "result"] as const).map((k) =>
          text(c[k]) ? (
            <Fragment key={k}>
              <dt>{t(`decision.${k}`)}</dt>
              <dd className="review-text">{text(c[k])}</dd>
            </Fragment>
          ) : null,
        )}
        <Term label={t("decision.obligations")} value={text(c.respondentObligations)} className="review-text" />
        {typeof c.performanceDays === "number" ? (
          <>
            <dt>{t("decision.performanceDays")}</dt>
            <dd>{c.performanceDays}</dd>
          </>
        ) : null}
        <Term label={t("decision.current.returnReason")} value={text(c.returnReason)} className="review-text" />
      </dl>
    </div>
  );
}

/** The committee next to the draft: what still blocks drafting or approval (Art. 52(2), (3), 61(3)), the opinion and the adoption record. */
function CommitteePanel({ committee: k, caseNumber }: { committee: CommitteeSummary; caseNumber: string }) {
  const t = useT();
  if (k.status === "none" && k.mandatoryGrounds.length === 0) return null;
  return (
    <section className="card" aria-labelledby="committee-panel-heading">
      <h3 id="committee-panel-heading">{t("committee.decision.heading")}</h3>
      {k.needsConsultation ? (
        <p className="alert alert--warn">
          {t("committee.decision.mandatoryNeeded", { grounds: k.mandatoryGrounds.map((g) => t(`committee.ground.${g}`)).join("；") })}
        </p>
      ) : null}
      {k.needsAdoption && !k.needsConsultation ? <p className="alert alert--warn">{t("committee.decision.adoptionNeeded")}</p> : null}
      <dl className="kv">
        <Term label={t("committee.decision.opinion")} value={k.opinion?.text} className="review-text" />
        {k.adoption ? (
          <>
            <dt>{t("committee.decision.adoption")}</dt>
            <dd className="review-text">
              <strong>{t(`committee.adoption.${k.adoption.outcome}`)}</strong>
              {k.adoption.reasons ? ` — ${k.adoption.reasons}` : null}
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <Link to={`/staff/cases/${encodeURIComponent(caseNumber)}/committee`}>{t("committee.decision.link")}</Link>
      </p>
    </section>
  );
}
