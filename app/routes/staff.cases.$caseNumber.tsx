// /staff/cases/:caseNumber — one reconsideration case for the staff of its organ: the application as filed, the status,
// the running periods and the documents issued; during the acceptance review, the supplement notice (Art. 31) and
// acceptance (Art. 30(1), ordinary procedure). Other roles get 403; a case outside the user's organs does not exist (404).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DueDate } from "~/components/due-date";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { fieldErrors } from "~/domain/application";
import { caseStateLabels } from "~/domain/machines/reconsideration";
import { isPeriodKey, periodDefinitions } from "~/domain/periods";
import {
  itemApplies,
  MAX_ITEM_LENGTH,
  MAX_OTHER_ITEMS,
  readSupplementForm,
  supplementChecklist,
  SupplementNoticeFormSchema,
  supplementItemKeys,
  supplementItemTexts,
  supplementNoticeClauses,
} from "~/domain/supplement";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { acceptApplication, caseHandlerRoles, getStaffCase, issueSupplementNotice, staffCaseExists } from "~/services/staff-cases.server";
import { isMessageKey, useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("staff.case.title");

const notFound = () => data(null, { status: 404 });
const VersionSchema = z.coerce.number().int().nonnegative();
const IntentSchema = z.enum(["supplement", "accept"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, caseHandlerRoles);
  const found = params.caseNumber ? await getStaffCase({ user, caseNumber: params.caseNumber }) : null;
  if (!found) throw notFound();
  return { case: found };
}

interface ActionFailure {
  ok: false;
  intent: "supplement" | "accept" | null;
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: { items: string[]; other: string[] };
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

  let result;
  let values: ActionFailure["values"];
  if (intent.data === "supplement") {
    const raw = readSupplementForm(form.entries());
    values = { items: raw.items.map(String), other: raw.other.map(String).slice(0, MAX_OTHER_ITEMS) };
    const parsed = SupplementNoticeFormSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { intent: "supplement", errors: fieldErrors(parsed.error), formError: "errors.formHasErrors", values });
    result = await issueSupplementNotice({ user: loaded.user, caseNumber, version: version.data, items: supplementItemTexts(parsed.data), requestId: context.requestId });
  } else {
    result = await acceptApplication({ user: loaded.user, caseNumber, version: version.data, requestId: context.requestId });
  }
  if (result.ok) return redirect(`/staff/cases/${encodeURIComponent(caseNumber)}?done=${intent.data}`, 303);
  if (result.status === 404) throw notFound();
  return fail(result.status, { intent: intent.data, formError: result.formError, message: result.message, messageEn: result.messageEn, values });
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export default function StaffCase() {
  const t = useT();
  const locale = useLocale();
  const { case: c } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = search.get("done");
  const yesNo = (v: string | null | undefined) => (v === "yes" ? t("staff.case.yes") : v === "no" ? t("staff.case.no") : "");
  const failureText = (f: ActionFailure | undefined) =>
    f ? (f.formError ? t(f.formError) : locale === "en" ? (f.messageEn ?? f.message ?? "") : (f.message ?? "")) : "";
  const supplementFailure = actionData?.intent === "supplement" || actionData?.intent === null ? actionData : undefined;
  const acceptFailure = actionData?.intent === "accept" ? actionData : undefined;
  const stateLabel = caseStateLabels[c.state] ?? c.state;
  const docTitle = (kind: string) => (isMessageKey(`staff.case.doc.${kind}`) ? t(`staff.case.doc.${kind}`) : t("staff.case.doc.other", { kind }));

  return (
    <section className="page">
      <h1>{t("staff.case.heading", { caseNumber: c.caseNumber })}</h1>
      <p className="lead">{t("staff.case.lead")}</p>
      {done === "supplement" || done === "accept" ? (
        <div className="alert alert--success" role="status">
          {t(`staff.case.done.${done}`)}
        </div>
      ) : null}

      <nav className="case-nav" aria-label={t("staff.case.nav")}>
        <ul className="inline-list">
          <li>
            <a href={`/staff/cases/${encodeURIComponent(c.caseNumber)}/procedure`}>{t("staff.case.nav.procedure")}</a>
          </li>
          <li>
            <a href={`/staff/cases/${encodeURIComponent(c.caseNumber)}/decision`}>{t("staff.case.nav.decision")}</a>
          </li>
          <li>
            <a href="/staff/queue">{t("staff.case.nav.queue")}</a>
          </li>
        </ul>
      </nav>

      <h2>{t("staff.case.summary")}</h2>
      <dl className="kv">
        <dt>{t("staff.case.state")}</dt>
        <dd>
          <strong>{stateLabel}</strong>
          {locale === "en" ? ` (${c.state})` : null}
        </dd>
        {c.receivedAt ? (
          <>
            <dt>{t("staff.case.receivedAt")}</dt>
            <dd>{shanghaiTime(c.receivedAt)}</dd>
          </>
        ) : null}
        <dt>{t("staff.case.organ")}</dt>
        <dd>{c.organName}</dd>
        <dt>{t("staff.case.respondent")}</dt>
        <dd>{c.respondentName ?? ""}</dd>
        {c.channel ? (
          <>
            <dt>{t("staff.case.channel")}</dt>
            <dd>{isMessageKey(`staff.case.channel.${c.channel}`) ? t(`staff.case.channel.${c.channel}`) : c.channel}</dd>
          </>
        ) : null}
        <dt>{t("staff.case.eService")}</dt>
        <dd>{c.electronicServiceConsent ? t("staff.case.eServiceYes") : t("staff.case.eServiceNo")}</dd>
      </dl>

      <h2>{t("staff.case.parties")}</h2>
      <ul className="plain">
        {c.parties.map((p, i) => (
          <li key={`${p.role}-${i}`} className="card">
            <h3>
              {t(`staff.case.role.${p.role}`)}
              {p.role === "applicant" ? ` (${t(`staff.case.kind.${p.kind === "organisation" ? "organisation" : "person"}`)})` : null} · {p.name}
              {p.representative ? ` · ${t("staff.case.representativeMark")}` : null}
            </h3>
            <dl className="kv">
              {p.agentType ? (
                <>
                  <dt>{t("staff.case.agentType")}</dt>
                  <dd>{t(`staff.case.agentType.${p.agentType}`)}</dd>
                </>
              ) : null}
              {p.idNumber ? (
                <>
                  <dt>{t("staff.case.idNumber")}</dt>
                  <dd>{p.idNumber}</dd>
                </>
              ) : null}
              {p.creditCode ? (
                <>
                  <dt>{t("staff.case.creditCode")}</dt>
                  <dd>{p.creditCode}</dd>
                </>
              ) : null}
              {p.legalRepresentative ? (
                <>
                  <dt>{t("staff.case.legalRepresentative")}</dt>
                  <dd>{p.legalRepresentative}</dd>
                </>
              ) : null}
              {p.sex === "male" || p.sex === "female" ? (
                <>
                  <dt>{t("staff.case.sex")}</dt>
                  <dd>{t(`staff.case.sex.${p.sex}`)}</dd>
                </>
              ) : null}
              {p.birthDate ? (
                <>
                  <dt>{t("staff.case.birthDate")}</dt>
                  <dd>{p.birthDate}</dd>
                </>
              ) : null}
              {p.address ? (
                <>
                  <dt>{t("staff.case.address")}</dt>
                  <dd>{p.address}</dd>
                </>
              ) : null}
              {p.phone ? (
                <>
                  <dt>{t("staff.case.phone")}</dt>
                  <dd>{p.phone}</dd>
                </>
              ) : null}
              {p.employer ? (
                <>
                  <dt>{t("staff.case.employer")}</dt>
                  <dd>{p.employer}</dd>
                </>
              ) : null}
              {p.organisation ? (
                <>
                  <dt>{t("staff.case.organisation")}</dt>
                  <dd>{p.organisation}</dd>
                </>
              ) : null}
              {p.contact ? (
                <>
                  <dt>{t("staff.case.contact")}</dt>
                  <dd>{p.contact}</dd>
                </>
              ) : null}
              {p.powerOfAttorneyFileId ? (
                <>
                  <dt>{t("staff.case.powerOfAttorney")}</dt>
                  <dd>
                    <a href={`/files/${p.powerOfAttorneyFileId}`}>{t("staff.case.openFile", { name: t("staff.case.powerOfAttorney") })}</a>
                  </dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>

      {c.act ? (
        <>
          <h2>{t("staff.case.act")}</h2>
          <dl className="kv">
            <dt>{t("staff.case.actTitle")}</dt>
            <dd>{c.act.actTitle}</dd>
            {c.act.actDocumentNumber ? (
              <>
                <dt>{t("staff.case.actDocumentNumber")}</dt>
                <dd>{c.act.actDocumentNumber}</dd>
              </>
            ) : null}
            <dt>{t("staff.case.actKind")}</dt>
            <dd>{isMessageKey(`apply.actKind.${c.act.actKind}`) ? t(`apply.actKind.${c.act.actKind}`) : c.act.actKind}</dd>
            <dt>{t("staff.case.madeOn")}</dt>
            <dd>{c.act.madeOn}</dd>
            <dt>{t("staff.case.learnedOn")}</dt>
            <dd>{c.act.learnedOn}</dd>
            <dt>{t("staff.case.informed")}</dt>
            <dd>{yesNo(c.act.informed)}</dd>
            {c.act.rightLearnedOn ? (
              <>
                <dt>{t("staff.case.rightLearnedOn")}</dt>
                <dd>{c.act.rightLearnedOn}</dd>
              </>
            ) : null}
            <dt>{t("staff.case.onTheSpotPenalty")}</dt>
            <dd>{yesNo(c.act.onTheSpotPenalty)}</dd>
            <dt>{t("staff.case.failureToAct")}</dt>
            <dd>{yesNo(c.act.failureToAct)}</dd>
            {c.act.normativeDocument ? (
              <>
                <dt>{t("staff.case.normativeDocument")}</dt>
                <dd>{c.act.normativeDocument}</dd>
              </>
            ) : null}
            {c.act.compensationClaim ? (
              <>
                <dt>{t("staff.case.compensationClaim")}</dt>
                <dd className="review-text">{c.act.compensationClaim}</dd>
              </>
            ) : null}
            {c.lastDayToApply ? (
              <>
                <dt>{t("staff.case.lastDayToApply")}</dt>
                <dd>{c.lastDayToApply}</dd>
              </>
            ) : null}
            {c.lateReason ? (
              <>
                <dt>{t("staff.case.lateReason")}</dt>
                <dd className="review-text">{c.lateReason}</dd>
              </>
            ) : null}
          </dl>
        </>
      ) : null}

      {c.requests ? (
        <>
          <h2>{t("staff.case.requestsHeading")}</h2>
          <dl className="kv">
            <dt>{t("staff.case.requests")}</dt>
            <dd className="review-text">{c.requests.requests}</dd>
            <dt>{t("staff.case.factsAndReasons")}</dt>
            <dd className="review-text">{c.requests.factsAndReasons}</dd>
            <dt>{t("staff.case.suedInCourt")}</dt>
            <dd>{yesNo(c.requests.suedInCourt)}</dd>
          </dl>
        </>
      ) : null}

      <h2>{t("staff.case.evidence")}</h2>
      {c.evidence.length === 0 ? (
        <p>{t("staff.case.noEvidence")}</p>
      ) : (
        <ol className="evidence-list">
          {c.evidence.map((e, i) => (
            <li key={i}>
              {e.description}{" "}
              {e.fileId ? <a href={`/files/${e.fileId}`}>{t("staff.case.openFile", { name: e.fileName ?? e.fileId })}</a> : <span className="muted">{t("staff.case.noFile")}</span>}
            </li>
          ))}
        </ol>
      )}

      <h2>{t("staff.case.deadlines")}</h2>
      {c.deadlines.length === 0 ? (
        <p>{t("staff.case.noDeadlines")}</p>
      ) : (
        <ul className="plain">
          {c.deadlines.map((d) => (
            <li key={d.kind} className="card">
              <DueDate
                label={isPeriodKey(d.kind) ? periodDefinitions[d.kind].label[locale === "en" ? "en" : "zh"] : d.kind}
                date={d.dueDate}
                explanation={d.explanation}
                provisional={d.provisional}
              />
              <p className="muted">
                {t("staff.case.deadlineStart", { date: d.startDate })} · {d.basis}
                {d.status === "paused" ? ` · ${t("staff.case.deadlinePaused")}` : null}
              </p>
            </li>
          ))}
        </ul>
      )}

      <h2>{t("staff.case.documents")}</h2>
      {c.documents.length === 0 ? (
        <p>{t("staff.case.noDocuments")}</p>
      ) : (
        <ul className="plain">
          {c.documents.map((d) => (
            <li key={d.id} className="card">
              <h3>{docTitle(d.kind)}</h3>
              <p className="muted">
                {t("staff.case.issuedAt", { time: shanghaiTime(d.issuedAt) })} · {d.basis}
              </p>
              <p>
                {d.servedAt
                  ? d.serviceMethod === "electronic"
                    ? t("staff.case.servedElectronically", { time: shanghaiTime(d.servedAt) })
                    : t("staff.case.servedAt", { time: shanghaiTime(d.servedAt) })
                  : t("staff.case.servedPending")}
              </p>
              {d.items.length ? (
                <>
                  <p>{t("staff.case.docItems")}</p>
                  <ol>
                    {d.items.map((item, i) => (
                      <li key={i}>{item}</li>
                    ))}
                  </ol>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h2>{t("staff.case.review")}</h2>
      {c.state !== "INTAKE_REVIEW" ? (
        <p>{t("staff.case.notInReview")}</p>
      ) : (
        <>
          <section aria-labelledby="supplement-heading" className="apply-block">
            <h3 id="supplement-heading">{t("staff.supplement.heading")}</h3>
            <p>{t("staff.supplement.lead")}</p>
            {c.supplementNoticeIssued ? (
              <p className="alert">{t("staff.supplement.alreadyIssued")}</p>
            ) : (
              <SupplementForm c={c} failure={supplementFailure} failureText={failureText(supplementFailure)} />
            )}
          </section>
          <section aria-labelledby="accept-heading" className="apply-block">
            <h3 id="accept-heading">{t("staff.accept.heading")}</h3>
            <p>{t("staff.accept.lead")}</p>
            {acceptFailure ? (
              <div className="alert alert--error" role="alert">
                {failureText(acceptFailure)}
              </div>
            ) : null}
            <Form method="post" className="form">
              <CsrfInput />
              <input type="hidden" name="version" value={c.version} />
              <p>{t("staff.accept.procedure")}</p>
              <button type="submit" name="intent" value="accept" className="button button--primary">
                {t("staff.accept.submit")}
              </button>
            </Form>
          </section>
        </>
      )}
    </section>
  );
}

type LoadedCase = ReturnType<typeof useLoaderData<typeof loader>>["case"];

function SupplementForm({ c, failure, failureText }: { c: LoadedCase; failure: ActionFailure | undefined; failureText: string }) {
  const t = useT();
  const locale = useLocale();
  const errors = failure?.errors ?? {};
  const ticked = new Set(failure?.values?.items ?? []);
  const itemsError = errors.items ?? Object.entries(errors).find(([k]) => k.startsWith("items."))?.[1];
  return (
    <>
      {failure ? (
        <div className="alert alert--error" role="alert">
          {failureText}
        </div>
      ) : null}
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="version" value={c.version} />
        <fieldset className={`field choice${itemsError ? " field--error" : ""}`} aria-describedby={itemsError ? "supplement-items-error" : undefined}>
          <legend>{t("staff.supplement.checklist")}</legend>
          {itemsError ? (
            <p className="field__error" id="supplement-items-error">
              {t(itemsError)}
            </p>
          ) : null}
          {supplementItemKeys.map((key) => {
            const item = supplementChecklist[key];
            const applies = itemApplies(key, c.facts);
            return (
              <label key={key} className="choice__option" htmlFor={`supplement-item-${key}`}>
                <input
                  id={`supplement-item-${key}`}
                  type="checkbox"
                  name="items"
                  value={key}
                  defaultChecked={ticked.has(key)}
                  aria-describedby={`supplement-item-${key}-basis`}
                />
                <span>
                  {locale === "en" ? item.en : item.zh}
                  {applies ? <strong> ({t("staff.supplement.applies")})</strong> : null}
                  <br />
                  <small className="muted" id={`supplement-item-${key}-basis`}>
                    {t("staff.supplement.basis", { basis: item.basis })}
                  </small>
                </span>
              </label>
            );
          })}
        </fieldset>
        {Array.from({ length: MAX_OTHER_ITEMS }, (_, i) => (
          <Field
            key={i}
            label={t("staff.supplement.other", { n: i + 1 })}
            hint={t("staff.supplement.otherHint")}
            name={`other.${i}`}
            id={`supplement-other-${i}`}
            type="text"
            maxLength={MAX_ITEM_LENGTH}
            defaultValue={failure?.values?.other[i] ?? ""}
            error={errors[`other.${i}`]}
          />
        ))}
        <p>{c.electronicServiceConsent ? t("staff.supplement.serviceElectronic") : t("staff.supplement.servicePending")}</p>
        <p>{t("staff.supplement.clauses")}</p>
        <ul>
          {supplementNoticeClauses.map((clause) => (
            <li key={clause.key}>{locale === "en" ? clause.en : clause.zh}</li>
          ))}
        </ul>
        <SubmitButton>{t("staff.supplement.submit")}</SubmitButton>
        <input type="hidden" name="intent" value="supplement" />
      </Form>
    </>
  );
}
