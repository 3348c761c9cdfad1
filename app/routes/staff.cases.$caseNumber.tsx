// /staff/cases/:caseNumber — one reconsideration case for the staff of its organ: the application as filed, the status,
// the running periods and the documents issued; the acceptance review — supplement notice (Art. 31), acceptance under
// the ordinary or simplified procedure (Art. 30(1), 53), refusal (Art. 30(2)) — and dismissal after acceptance (Art. 33),
// each form shown only when the machine's table allows its command now; deemed acceptance or abandonment said as such.
// Other roles get 403; a case outside the user's organs does not exist (404).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { DeadlineList } from "~/components/deadline-list";
import { Checkbox, Radios, Select, TextArea } from "~/components/fields";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import {
  acceptanceConditionTexts,
  AcceptFormSchema,
  art53Grounds,
  art53GroundTexts,
  DismissFormSchema,
  MAX_REASONS_LENGTH,
  readAcceptanceForm,
  RefuseFormSchema,
} from "~/domain/acceptance";
import { fieldErrors } from "~/domain/application";
import { acceptanceConditions, caseStateLabels } from "~/domain/machines/reconsideration";
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
import { ReplySummary } from "~/components/reply-summary";
import { Term } from "~/components/term";
import { getReplyForStaff } from "~/services/agency.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import {
  acceptApplication,
  caseHandlerRoles,
  dismissApplication,
  getStaffCase,
  issueSupplementNotice,
  refuseApplication,
  staffCaseExists,
  type StaffCommandResult,
} from "~/services/staff-cases.server";
import { isMessageKey, useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/apply";
import "~/locales/areas/cases";
import "~/locales/areas/committee";
import "~/locales/areas/documents";
import "~/locales/areas/letters";
import "~/locales/areas/performance";
import "~/locales/areas/staff";

export const meta = titleMeta("staff.case.title");

const notFound = () => data(null, { status: 404 });
const VersionSchema = z.coerce.number().check(z.int(), z.nonnegative());
const intents = ["supplement", "accept", "refuse", "dismiss"] as const;
type Intent = (typeof intents)[number];
const IntentSchema = z.enum(intents);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, caseHandlerRoles);
  const found = params.caseNumber ? await getStaffCase({ user, caseNumber: params.caseNumber }) : null;
  if (!found) throw notFound();
  return { case: found, reply: await getReplyForStaff(found.id) };
}

interface ActionFailure {
  ok: false;
  intent: Intent | null;
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: { items: string[]; other: string[] };
  /** What the accept, refuse or dismiss form posted, to fill it in again. */
  fields?: Record<string, string | string[]>;
}

/** The posted text fields (and every ticked condition), as strings, to show the form again after a refusal. */
function postedFields(raw: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === "csrf" || key === "intent" || key === "version") continue;
    if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === "string").slice(0, 20);
    else if (typeof value === "string") out[key] = value.slice(0, MAX_REASONS_LENGTH + 1);
  }
  return out;
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

  let result: StaffCommandResult;
  let values: ActionFailure["values"];
  let fields: ActionFailure["fields"];
  const command = { user: loaded.user, caseNumber, version: version.data, requestId: context.requestId };
  if (intent.data === "supplement") {
    const raw = readSupplementForm(form.entries());
    values = { items: raw.items.map(String), other: raw.other.map(String).slice(0, MAX_OTHER_ITEMS) };
    const parsed = SupplementNoticeFormSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { intent: "supplement", errors: fieldErrors(parsed.error), formError: "errors.formHasErrors", values });
    result = await issueSupplementNotice({ ...command, items: supplementItemTexts(parsed.data) });
  } else {
    const raw = readAcceptanceForm(form.entries());
    fields = postedFields(raw);
    const invalid = (error: z.core.$ZodError) => fail(400, { intent: intent.data, errors: fieldErrors(error), formError: "errors.formHasErrors", fields });
    if (intent.data === "accept") {
      const parsed = AcceptFormSchema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error);
      result = await acceptApplication({ ...command, form: parsed.data });
    } else if (intent.data === "refuse") {
      const parsed = RefuseFormSchema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error);
      result = await refuseApplication({ ...command, form: parsed.data });
    } else {
      const parsed = DismissFormSchema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error);
      result = await dismissApplication({ ...command, form: parsed.data });
    }
  }
  if (result.ok) return redirect(`/staff/cases/${encodeURIComponent(caseNumber)}?done=${intent.data}`, 303);
  if (result.status === 404) throw notFound();
  return fail(result.status, {
    intent: intent.data,
    errors: result.errors,
    formError: result.formError,
    message: result.message,
    messageEn: result.messageEn,
    values,
    fields,
  });
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export default function StaffCase() {
  const t = useT();
  const locale = useLocale();
  const { case: c, reply } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = search.get("done");
  const yesNo = (v: string | null | undefined) => (v === "yes" ? t("staff.case.yes") : v === "no" ? t("staff.case.no") : "");
  const failureText = (f: ActionFailure | undefined) =>
    f ? (f.formError ? t(f.formError) : locale === "en" ? (f.messageEn ?? f.message ?? "") : (f.message ?? "")) : "";
  const supplementFailure = actionData?.intent === "supplement" || actionData?.intent === null ? actionData : undefined;
  const failureOf = (intent: Intent) => (actionData?.intent === intent ? actionData : undefined);
  const has = (command: string) => (c.commands as string[]).includes(command);
  const reviewOpen = has("ISSUE_SUPPLEMENT_NOTICE") || has("ACCEPT") || has("REFUSE");
  const stateLabel = caseStateLabels[c.state] ?? c.state;
  const docTitle = (kind: string) =>
    isMessageKey(`staff.case.doc.${kind}`) ? t(`staff.case.doc.${kind}`) : isMessageKey(`cases.doc.${kind}`) ? t(`cases.doc.${kind}`) : t("staff.case.doc.other", { kind });

  return (
    <section className="page">
      <h1>{t("staff.case.heading", { caseNumber: c.caseNumber })}</h1>
      <p className="lead">{t("staff.case.lead")}</p>
      {done && (intents as readonly string[]).includes(done) ? (
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
            <a href={`/staff/cases/${encodeURIComponent(c.caseNumber)}/committee`}>{t("committee.nav")}</a>
          </li>
          <li>
            <a href={`/staff/cases/${encodeURIComponent(c.caseNumber)}/performance`}>{t("performance.caseNav")}</a>
          </li>
          <li>
            <a href={`/staff/cases/${encodeURIComponent(c.caseNumber)}/letters`}>{t("letters.case.navLink")}</a>
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
        {c.procedure ? (
          <>
            <dt>{t("staff.case.procedure")}</dt>
            <dd>{t(`staff.case.procedure.${c.procedure}`)}</dd>
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

      {c.deemed ? (
        <div className="alert" role="note">
          <p>
            <strong>{t(`acceptance.deemed.heading.${c.deemed.kind}`)}</strong>
          </p>
          <p>{t(`acceptance.deemed.${c.deemed.kind}`, { date: c.deemed.periodEndedOn ?? "", basis: c.deemed.basis })}</p>
          {c.deemed.recordedOn ? <p className="muted">{t("acceptance.deemed.recorded", { date: c.deemed.recordedOn })}</p> : null}
        </div>
      ) : null}

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
              <Term label={t("staff.case.idNumber")} value={p.idNumber} />
              <Term label={t("staff.case.creditCode")} value={p.creditCode} />
              <Term label={t("staff.case.legalRepresentative")} value={p.legalRepresentative} />
              {p.sex === "male" || p.sex === "female" ? (
                <>
                  <dt>{t("staff.case.sex")}</dt>
                  <dd>{t(`staff.case.sex.${p.sex}`)}</dd>
                </>
              ) : null}
              <Term label={t("staff.case.birthDate")} value={p.birthDate} />
              <Term label={t("staff.case.address")} value={p.address} />
              <Term label={t("staff.case.phone")} value={p.phone} />
              <Term label={t("staff.case.employer")} value={p.employer} />
              <Term label={t("staff.case.organisation")} value={p.organisation} />
              <Term label={t("staff.case.contact")} value={p.contact} />
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
            <Term label={t("staff.case.actDocumentNumber")} value={c.act.actDocumentNumber} />
            <dt>{t("staff.case.actKind")}</dt>
            <dd>{isMessageKey(`apply.actKind.${c.act.actKind}`) ? t(`apply.actKind.${c.act.actKind}`) : c.act.actKind}</dd>
            <dt>{t("staff.case.madeOn")}</dt>
            <dd>{c.act.madeOn}</dd>
            <dt>{t("staff.case.learnedOn")}</dt>
            <dd>{c.act.learnedOn}</dd>
            <dt>{t("staff.case.informed")}</dt>
            <dd>{yesNo(c.act.informed)}</dd>
            <Term label={t("staff.case.rightLearnedOn")} value={c.act.rightLearnedOn} />
            <dt>{t("staff.case.onTheSpotPenalty")}</dt>
            <dd>{yesNo(c.act.onTheSpotPenalty)}</dd>
            <dt>{t("staff.case.failureToAct")}</dt>
            <dd>{yesNo(c.act.failureToAct)}</dd>
            <Term label={t("staff.case.normativeDocument")} value={c.act.normativeDocument} />
            <Term label={t("staff.case.compensationClaim")} value={c.act.compensationClaim} className="review-text" />
            <Term label={t("staff.case.lastDayToApply")} value={c.lastDayToApply} />
            <Term label={t("staff.case.lateReason")} value={c.lateReason} className="review-text" />
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
      <DeadlineList deadlines={c.deadlines} />

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
                <Link to={`/staff/cases/${encodeURIComponent(c.caseNumber)}/documents/${d.id}`}>{t("documents.open")}</Link>
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

      {reply || c.state === "AWAITING_REPLY" ? <ReplySummary reply={reply} /> : null}

      <h2>{t("staff.case.review")}</h2>
      {!reviewOpen ? <p>{t("staff.case.notInReview")}</p> : null}
      {has("ISSUE_SUPPLEMENT_NOTICE") ? (
        <section aria-labelledby="supplement-heading" className="apply-block">
          <h3 id="supplement-heading">{t("staff.supplement.heading")}</h3>
          <p>{t("staff.supplement.lead")}</p>
          {c.supplementNoticeIssued ? (
            <p className="alert">{t("staff.supplement.alreadyIssued")}</p>
          ) : (
            <SupplementForm c={c} failure={supplementFailure} failureText={failureText(supplementFailure)} />
          )}
        </section>
      ) : null}
      {has("ACCEPT") ? <AcceptForm c={c} failure={failureOf("accept")} failureText={failureText(failureOf("accept"))} /> : null}
      {has("REFUSE") ? <RefuseForm c={c} failure={failureOf("refuse")} failureText={failureText(failureOf("refuse"))} /> : null}
      {has("DISMISS_APPLICATION") ? (
        <>
          <h2>{t("staff.case.afterAcceptance")}</h2>
          <DismissForm c={c} failure={failureOf("dismiss")} failureText={failureText(failureOf("dismiss"))} />
        </>
      ) : null}
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

function FailureAlert({ failure, text }: { failure: ActionFailure | undefined; text: string }) {
  return failure ? (
    <div className="alert alert--error" role="alert">
      {text}
    </div>
  ) : null;
}

const fieldOf = (failure: ActionFailure | undefined, name: string): string | undefined => {
  const v = failure?.fields?.[name];
  return typeof v === "string" ? v : undefined;
};

/** T8: the procedure, and for the simplified one its Art. 53 basis; the machine decides whether the basis holds. */
function AcceptForm({ c, failure, failureText }: { c: LoadedCase; failure: ActionFailure | undefined; failureText: string }) {
  const t = useT();
  const locale = useLocale();
  const errors = failure?.errors ?? {};
  const checked = (name: string) => fieldOf(failure, name) === "yes";
  return (
    <section aria-labelledby="accept-heading" className="apply-block">
      <h3 id="accept-heading">{t("staff.accept.heading")}</h3>
      <p>{t("staff.accept.lead")}</p>
      <FailureAlert failure={failure} text={failureText} />
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="version" value={c.version} />
        <Radios
          legend={t("staff.accept.procedure")}
          name="procedure"
          error={errors.procedure}
          defaultValue={fieldOf(failure, "procedure") ?? "ordinary"}
          options={[
            { value: "ordinary", label: t("staff.accept.ordinary") },
            { value: "simplified", label: t("staff.accept.simplified") },
          ]}
        />
        <fieldset className="field">
          <legend>{t("staff.accept.simplifiedHeading")}</legend>
          <p className="field__hint">{t("staff.accept.simplifiedLead")}</p>
          <Radios
            legend={t("staff.accept.basis")}
            name="basis"
            error={errors.basis}
            defaultValue={fieldOf(failure, "basis")}
            options={[
              { value: "art53_1", label: t("staff.accept.basis.art53_1") },
              { value: "all_parties_consent", label: t("staff.accept.basis.all_parties_consent") },
            ]}
          />
          <fieldset className="field choice">
            <legend>{t("staff.accept.findings")}</legend>
            <Checkbox name="factsClear" label={t("staff.accept.factsClear")} defaultChecked={checked("factsClear")} />
            <Checkbox name="rightsClear" label={t("staff.accept.rightsClear")} defaultChecked={checked("rightsClear")} />
            <Checkbox name="disputeMinor" label={t("staff.accept.disputeMinor")} defaultChecked={checked("disputeMinor")} />
          </fieldset>
          <Radios
            legend={t("staff.accept.ground")}
            name="ground"
            error={errors.ground}
            hint={c.act?.onTheSpotPenalty === "yes" ? t("staff.accept.onTheSpotFiled") : undefined}
            defaultValue={fieldOf(failure, "ground")}
            options={art53Grounds.map((g) => ({
              value: g,
              label: t("staff.accept.groundOption", { text: locale === "en" ? art53GroundTexts[g].en : art53GroundTexts[g].zh, basis: art53GroundTexts[g].basis }),
            }))}
          />
          <Field
            label={t("staff.accept.amountYuan")}
            hint={t("staff.accept.amountHint")}
            name="amountYuan"
            id="accept-amount"
            type="text"
            inputMode="decimal"
            maxLength={13}
            defaultValue={fieldOf(failure, "amountYuan") ?? ""}
            error={errors.amountYuan}
          />
          <fieldset className="field choice">
            <legend>{t("staff.accept.consent")}</legend>
            <Checkbox name="applicantConsent" label={t("staff.accept.applicantConsent")} defaultChecked={checked("applicantConsent")} />
            <Checkbox name="respondentConsent" label={t("staff.accept.respondentConsent")} defaultChecked={checked("respondentConsent")} />
            {c.hasThirdParties ? (
              <Checkbox name="thirdPartiesConsent" label={t("staff.accept.thirdPartiesConsent")} defaultChecked={checked("thirdPartiesConsent")} />
            ) : null}
          </fieldset>
        </fieldset>
        <button type="submit" name="intent" value="accept" className="button button--primary">
          {t("staff.accept.submit")}
        </button>
      </Form>
    </section>
  );
}

/** The seven conditions of Art. 30(1), each with its item; the ones ticked failed. */
function ConditionsFieldset({ id, legend, failure }: { id: string; legend: string; failure: ActionFailure | undefined }) {
  const t = useT();
  const locale = useLocale();
  const posted = failure?.fields?.conditions;
  const ticked = new Set(Array.isArray(posted) ? posted : []);
  const error = failure?.errors?.conditions ?? Object.entries(failure?.errors ?? {}).find(([k]) => k.startsWith("conditions."))?.[1];
  return (
    <fieldset className={`field choice${error ? " field--error" : ""}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
      {acceptanceConditions.map((key) => (
        <label key={key} className="choice__option" htmlFor={`${id}-${key}`}>
          <input id={`${id}-${key}`} type="checkbox" name="conditions" value={key} defaultChecked={ticked.has(key)} />
          <span>
            {locale === "en" ? acceptanceConditionTexts[key].en : acceptanceConditionTexts[key].zh}
            <br />
            <small className="muted">{t("staff.condition.basis", { basis: acceptanceConditionTexts[key].basis })}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** T7: failed conditions, reasons and — when jurisdiction failed — the competent organ (Art. 30(2)). */
function RefuseForm({ c, failure, failureText }: { c: LoadedCase; failure: ActionFailure | undefined; failureText: string }) {
  const t = useT();
  const errors = failure?.errors ?? {};
  return (
    <section aria-labelledby="refuse-heading" className="apply-block">
      <h3 id="refuse-heading">{t("staff.refuse.heading")}</h3>
      <p>{t("staff.refuse.lead")}</p>
      <FailureAlert failure={failure} text={failureText} />
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="version" value={c.version} />
        <ConditionsFieldset id="refuse-condition" legend={t("staff.refuse.conditions")} failure={failure} />
        <TextArea
          label={t("staff.refuse.reasons")}
          hint={t("staff.refuse.reasonsHint")}
          name="reasons"
          maxLength={MAX_REASONS_LENGTH}
          defaultValue={fieldOf(failure, "reasons") ?? ""}
          error={errors.reasons}
        />
        <Select
          label={t("staff.refuse.competentOrgan")}
          hint={t("staff.refuse.competentOrganHint")}
          name="competentOrganId"
          placeholder={t("staff.refuse.competentOrganPlaceholder")}
          defaultValue={fieldOf(failure, "competentOrganId") ?? ""}
          error={errors.competentOrganId}
          options={c.competentOrganChoices.map((o) => ({
            value: o.value,
            label: o.basis ? t("staff.refuse.suggested", { name: o.name, basis: o.basis }) : o.name,
          }))}
        />
        <button type="submit" name="intent" value="refuse" className="button">
          {t("staff.refuse.submit")}
        </button>
      </Form>
    </section>
  );
}

/** T26: dismissal after acceptance (Art. 33). */
function DismissForm({ c, failure, failureText }: { c: LoadedCase; failure: ActionFailure | undefined; failureText: string }) {
  const t = useT();
  const errors = failure?.errors ?? {};
  return (
    <section aria-labelledby="dismiss-heading" className="apply-block">
      <h3 id="dismiss-heading">{t("staff.dismiss.heading")}</h3>
      <p>{t("staff.dismiss.lead")}</p>
      <FailureAlert failure={failure} text={failureText} />
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="version" value={c.version} />
        <ConditionsFieldset id="dismiss-condition" legend={t("staff.dismiss.conditions")} failure={failure} />
        <TextArea
          label={t("staff.dismiss.reasons")}
          hint={t("staff.refuse.reasonsHint")}
          name="reasons"
          maxLength={MAX_REASONS_LENGTH}
          defaultValue={fieldOf(failure, "reasons") ?? ""}
          error={errors.reasons}
        />
        <button type="submit" name="intent" value="dismiss" className="button">
          {t("staff.dismiss.submit")}
        </button>
      </Form>
    </section>
  );
}
