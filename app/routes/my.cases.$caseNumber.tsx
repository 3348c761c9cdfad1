// /my/cases/:caseNumber — one case as its citizen sees it: status in plain words, the actions the law gives them now
// (supplement, hearing request, withdrawal, evidence, rating: one action, `intent` says which), the periods running
// with how they were computed, the documents served on them and the timeline. A case they are not entitled to is a 404.
// Child routes (the receipt, a document) render in place of the page.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DueDate } from "~/components/due-date";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CsrfInput, Field, FormError } from "~/components/form";
import { Checkbox, Radios, TextArea } from "~/components/fields";
import { formatShanghaiDateTime, intents, withdrawalNoticeKey, type Intent, type TimelineItem } from "~/domain/citizen-case";
import { formatLegalDate, isPeriodKey, periodDefinitions } from "~/domain/periods";
import { csrfTokenFor } from "~/services/form.server";
import { getMyCase, submitCaseForm, type ActionResult } from "~/services/my-cases.server";
import { publishedCopyOfCase } from "~/services/publication.server";
import { requireUser } from "~/services/session.server";
import { receiveUploads } from "~/services/uploads.server";
import { isMessageKey, useLocale, useT, type Translate } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/cases";
import "~/locales/areas/center";
import "~/locales/areas/mediation-invitation";
import "~/locales/areas/publication";
import "~/locales/areas/staff";

export const meta = titleMeta("cases.detail.title");

/** Files one post may carry (every item of a supplement notice may need several). */
const MAX_FILES_PER_POST = 20;

const doneKeys: Record<Intent, string> = {
  supplement: "cases.supplement.done",
  hearing: "cases.hearing.done",
  withdraw: "cases.withdraw.done",
  evidence: "cases.evidence.done",
  rate: "cases.rate.done",
};

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const found = await getMyCase(user.id, params.caseNumber);
  if (!found) notFound();
  const done = new URL(request.url).searchParams.get("done");
  // the decision published in anonymised form (Art. 79(1)): the party is told, with the public copy's link
  const published = found.machine === "reconsideration" ? await publishedCopyOfCase(found.caseNumber) : null;
  return { c: found, published, done: (intents as readonly string[]).includes(done ?? "") ? (done as Intent) : null };
}

type Refusal = Extract<ActionResult, { ok: false }>;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const loaded = await requireUser(request);
  let received: Awaited<ReturnType<typeof receiveUploads>>;
  try {
    // The token is checked before any file's bytes reach the disk (403 otherwise).
    received = await receiveUploads(request, { maxFiles: MAX_FILES_PER_POST, csrf: csrfTokenFor(loaded, context) });
  } catch (error) {
    const refused = error as { type?: string; init?: { status?: number }; data?: { errors?: Record<string, string>; formError?: string } };
    const status = refused?.init?.status;
    if (refused?.type !== "DataWithResponseInit" || !status || status === 403) throw error;
    // A refused file (too large, too many): show it next to its field in the form it came from.
    const errors = refused.data?.errors ?? {};
    const field = Object.keys(errors)[0] ?? "";
    const intent: Intent | null = field.startsWith("item.") ? "supplement" : field === "files" ? "evidence" : null;
    return data({ ok: false, status, intent, errors, formError: refused.data?.formError ?? "errors.badRequest" } as Refusal, { status });
  }
  const result = await submitCaseForm({
    userId: loaded.user.id,
    caseNumber: params.caseNumber,
    fields: received.fields,
    files: received.files,
    requestId: context.requestId,
  });
  if (!result.ok && result.status === 404) notFound();
  if (result.ok) return redirect(`/my/cases/${encodeURIComponent(params.caseNumber ?? "")}?done=${result.intent}`, 303);
  return data(result, { status: result.status });
}

export default function CaseDetail() {
  const t = useT();
  const locale = useLocale();
  const { c, done, published } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Refusal | undefined;
  const refusal = (intent: Intent) => (actionData && !actionData.ok && actionData.intent === intent ? actionData : null);
  const periodName = (kind: string) => (isPeriodKey(kind) ? periodDefinitions[kind].label[locale === "en" ? "en" : "zh"] : kind);
  const has = (kind: string) => c.actions.find((a) => a.kind === kind);
  const general = actionData && !actionData.ok && !actionData.intent ? actionData : null;
  const hidden = (intent: Intent) => (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={c.version} />
    </>
  );

  return (
    <section className="page case-detail">
      <p>
        <Link to="/my/cases">{t("cases.detail.back")}</Link>
      </p>
      <h1>{t("cases.detail.heading", { caseNumber: c.caseNumber })}</h1>
      {c.title ? <p className="lead">{c.title}</p> : null}
      <dl className="kv">
        <dt>{t("cases.list.kind")}</dt>
        <dd>{t(`cases.kind.${c.machine}`)}</dd>
        {c.receivedAt ? (
          <>
            <dt>{t("cases.detail.receivedAt")}</dt>
            <dd>
              <time dateTime={c.receivedAt}>{formatShanghaiDateTime(c.receivedAt)}</time>
            </dd>
          </>
        ) : null}
        {c.organName ? (
          <>
            <dt>{t("cases.detail.organ")}</dt>
            <dd>{c.organName}</dd>
          </>
        ) : null}
      </dl>

      {done ? (
        <div className="alert alert--success" role="status">
          {t(doneKeys[done])}
        </div>
      ) : null}
      <FormError result={general} />

      <section aria-labelledby="case-status-heading" className="case-section">
        <h2 id="case-status-heading">{t("cases.detail.statusHeading")}</h2>
        <p className={`case-status case-status--${c.status.tone}`}>{t(c.status.key)}</p>
        <p>{t(c.status.helpKey)}</p>
        {c.deemed ? (
          <p>
            <strong>{t(`acceptance.deemed.heading.${c.deemed.kind}`)}</strong>
            <br />
            {t(`acceptance.deemed.${c.deemed.kind}`, { date: c.deemed.periodEndedOn ?? "", basis: c.deemed.basis })}
          </p>
        ) : null}
        {c.hearingRequested ? <p className="muted">{t("cases.detail.pendingHearing")}</p> : null}
        {c.withdrawalRequested ? <p className="muted">{t("cases.detail.pendingWithdrawal")}</p> : null}
        {c.rating ? <p className="muted">{t("cases.detail.rated", { score: c.rating.score })}</p> : null}
      </section>

      <section aria-labelledby="case-actions-heading" className="case-section" id="case-actions">
        <h2 id="case-actions-heading">{t("cases.detail.actionsHeading")}</h2>
        {c.actions.length === 0 ? <p>{t("cases.detail.noActions")}</p> : null}

        {has("answer_supplement") ? (
          <div className="case-action">
            <h3>{t("cases.supplement.heading")}</h3>
            <p>{t("cases.supplement.lead")}</p>
            {c.supplementItems.length === 0 ? (
              <p className="alert alert--warn">{t("cases.supplement.noItems")}</p>
            ) : (
              <Form method="post" encType="multipart/form-data" className="form case-form" noValidate>
                {hidden("supplement")}
                <input type="hidden" name="items" value={c.supplementItems.length} />
                <ActionError result={refusal("supplement")} />
                {c.supplementItems.map((item, i) => {
                  const r = refusal("supplement");
                  return (
                    <fieldset key={i} className="apply-block case-form__item">
                      <legend>{t("cases.supplement.item", { n: i + 1 })}</legend>
                      <p className="review-text">{item}</p>
                      <Field
                        label={t("cases.supplement.files")}
                        name={`item.${i}.files`}
                        type="file"
                        multiple
                        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                        error={r?.errors[`item.${i}.files`]}
                      />
                      <TextArea
                        label={t("cases.supplement.note")}
                        name={`item.${i}.note`}
                        rows={3}
                        defaultValue={r?.values?.[`item.${i}.note`] ?? ""}
                        error={r?.errors[`item.${i}.note`]}
                      />
                    </fieldset>
                  );
                })}
                <button type="submit" className="button button--primary">
                  {t("cases.supplement.submit")}
                </button>
              </Form>
            )}
          </div>
        ) : null}

        {has("request_hearing") ? (
          <div className="case-action">
            <h3>{t("cases.hearing.heading")}</h3>
            <p>{t("cases.hearing.lead")}</p>
            <Form method="post" className="form case-form" noValidate>
              {hidden("hearing")}
              <ActionError result={refusal("hearing")} />
              <TextArea
                label={t("cases.hearing.reason")}
                hint={t("cases.hearing.reasonHint")}
                name="reason"
                rows={4}
                required
                defaultValue={refusal("hearing")?.values?.reason ?? ""}
                error={refusal("hearing")?.errors.reason}
              />
              <button type="submit" className="button button--primary">
                {t("cases.hearing.submit")}
              </button>
            </Form>
          </div>
        ) : null}

        {has("add_evidence") ? (
          <div className="case-action">
            <h3>{t("cases.evidence.heading")}</h3>
            <p>{t("cases.evidence.lead")}</p>
            <Form method="post" encType="multipart/form-data" className="form case-form" noValidate>
              {hidden("evidence")}
              <ActionError result={refusal("evidence")} />
              <Field
                label={t("cases.evidence.description")}
                hint={t("cases.evidence.descriptionHint")}
                name="description"
                maxLength={200}
                required
                defaultValue={refusal("evidence")?.values?.description ?? ""}
                error={refusal("evidence")?.errors.description}
              />
              <Field
                label={t("cases.evidence.files")}
                name="files"
                type="file"
                multiple
                required
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                error={refusal("evidence")?.errors.files}
              />
              <button type="submit" className="button button--primary">
                {t("cases.evidence.submit")}
              </button>
            </Form>
          </div>
        ) : null}

        {has("request_withdrawal") ? (
          <div className="case-action">
            <h3>{t("cases.withdraw.heading")}</h3>
            <p className="alert alert--warn">{t(withdrawalNoticeKey(c.machine))}</p>
            <p className="muted">{t("cases.detail.basis", { basis: has("request_withdrawal")!.basis })}</p>
            <Form method="post" className="form case-form" noValidate>
              {hidden("withdraw")}
              <ActionError result={refusal("withdraw")} />
              <TextArea
                label={t("cases.withdraw.reason")}
                name="reason"
                rows={3}
                defaultValue={refusal("withdraw")?.values?.reason ?? ""}
                error={refusal("withdraw")?.errors.reason}
              />
              <Checkbox
                label={t("cases.withdraw.understood")}
                name="understood"
                defaultChecked={refusal("withdraw")?.values?.understood === "yes"}
                error={refusal("withdraw")?.errors.understood}
              />
              <button type="submit" className="button">
                {t("cases.withdraw.submit")}
              </button>
            </Form>
          </div>
        ) : null}

        {has("rate") ? (
          <div className="case-action">
            <h3>{t("cases.rate.heading")}</h3>
            <p>{t("cases.rate.lead")}</p>
            <Form method="post" className="form case-form" noValidate>
              {hidden("rate")}
              <ActionError result={refusal("rate")} />
              <Radios
                legend={t("cases.rate.score")}
                name="score"
                defaultValue={refusal("rate")?.values?.score}
                error={refusal("rate")?.errors.score}
                options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`cases.rate.score${n}`) }))}
              />
              <TextArea
                label={t("cases.rate.comment")}
                name="comment"
                rows={3}
                maxLength={500}
                defaultValue={refusal("rate")?.values?.comment ?? ""}
                error={refusal("rate")?.errors.comment}
              />
              <button type="submit" className="button button--primary">
                {t("cases.rate.submit")}
              </button>
            </Form>
          </div>
        ) : null}
      </section>

      {c.whereabouts.pending || c.whereabouts.routings.length ? (
        <section aria-labelledby="case-whereabouts-heading" className="case-section">
          <h2 id="case-whereabouts-heading">{t("center.whereabouts.heading")}</h2>
          {c.whereabouts.pending ? <p>{t("center.whereabouts.pending")}</p> : null}
          {c.whereabouts.routings.length ? (
            <ol>
              {c.whereabouts.routings.map((r, i) => (
                <li key={i}>
                  {t("center.whereabouts.entry", {
                    time: formatShanghaiDateTime(r.routedAt),
                    organ: r.organName,
                    channel: isMessageKey(`center.channel.${r.channel}`) ? t(`center.channel.${r.channel}`) : r.channel,
                  })}
                  {r.reason || r.reasonKey ? (
                    <>
                      <br />
                      {t("center.whereabouts.reason", { reason: r.reason ?? t(r.reasonKey!, r.reasonValues) })}
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}

      {c.mediation ? <MediationProgress m={c.mediation} /> : null}

      <section aria-labelledby="case-deadlines-heading" className="case-section">
        <h2 id="case-deadlines-heading">{t("cases.detail.deadlinesHeading")}</h2>
        {c.deadlines.length === 0 ? <p>{t("cases.detail.deadlinesNone")}</p> : null}
        {c.deadlines.map((d) => (
          <div key={d.id} className="case-deadline">
            <DueDate date={d.dueDate} explanation={d.explanation} provisional={d.provisional} label={periodName(d.kind)} />
            {d.status === "paused" ? <p className="muted">{t("cases.detail.deadlinePaused", { date: d.pausedSince ? formatLegalDate(d.pausedSince, locale, false) : "" })}</p> : null}
            <p className="muted">{t("cases.detail.deadlineBasis", { basis: d.basis })}</p>
          </div>
        ))}
      </section>

      <section aria-labelledby="case-documents-heading" className="case-section">
        <h2 id="case-documents-heading">{t("cases.detail.documentsHeading")}</h2>
        <p className="muted">
          {c.consentedAt ? t("cases.detail.consentYes", { time: formatShanghaiDateTime(c.consentedAt) }) : t("cases.detail.consentNo")}
        </p>
        {c.documents.length === 0 ? <p>{t("cases.detail.documentsNone")}</p> : null}
        {published ? (
          <p className="alert">
            {t("publication.party.published", { time: formatShanghaiDateTime(published.publishedAt) })}{" "}
            <Link to={`/public/decisions/${published.id}`}>{t("publication.party.link")}</Link>
          </p>
        ) : null}
        <ul className="plain case-documents">
          {c.documents.map((d) => (
            <li key={d.id} className="card">
              <h3>
                {d.servedAt ? (
                  <Link to={`/my/cases/${encodeURIComponent(c.caseNumber)}/documents/${d.id}`}>{t(`cases.doc.${d.kind}`)}</Link>
                ) : (
                  t(`cases.doc.${d.kind}`)
                )}
              </h3>
              <p>{t("cases.detail.docIssued", { time: formatShanghaiDateTime(d.issuedAt) })}</p>
              {d.servedAt ? (
                <>
                  <p>{t("cases.detail.docServed", { time: formatShanghaiDateTime(d.servedAt) })}</p>
                  <p className={d.firstOpenedAt ? undefined : "case-documents__unread"}>
                    {d.firstOpenedAt ? t("cases.detail.docOpened", { time: formatShanghaiDateTime(d.firstOpenedAt) }) : t("cases.detail.docNotOpened")}
                  </p>
                </>
              ) : (
                <p className="case-documents__pending">{t("cases.detail.docPending")}</p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="case-timeline-heading" className="case-section">
        <h2 id="case-timeline-heading">{t("cases.detail.timelineHeading")}</h2>
        {c.timeline.length === 0 ? <p>{t("cases.detail.timelineEmpty")}</p> : null}
        <ol className="case-timeline">
          {c.timeline.map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{formatShanghaiDateTime(e.at)}</time>
              <span>{timelineText(e, t, locale, periodName)}</span>
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}

function timelineText(item: TimelineItem, t: Translate, locale: "zh-CN" | "en", periodName: (kind: string) => string): string {
  if (item.statusKey) return t(item.key, { status: t(item.statusKey) });
  if (item.period && item.due) return t(item.key, { period: periodName(item.period), due: formatLegalDate(item.due, locale, false) });
  if (item.count !== undefined) return t(item.key, { count: item.count });
  if (item.document) return t(item.key, { document: t(`cases.doc.${item.document}`) });
  return t(item.key);
}

/** A refusal above the form: the message key, or the machine's own words in the visitor's language. */
function ActionError({ result }: { result: Refusal | null }) {
  const t = useT();
  const locale = useLocale();
  if (!result) return null;
  return (
    <div className="alert alert--error" role="alert">
      {result.formMessage ? (locale === "en" ? result.formMessage.en : result.formMessage.zh) : t(result.formError)}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

type MediationView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["c"]["mediation"]>;

/** A mediation request: whether the other party agreed (12.22), the sessions, and the agreement's performance (回访). */
function MediationProgress({ m }: { m: MediationView }) {
  const t = useT();
  const inv = m.invitation;
  const day = (iso: string | null) => (iso ? formatShanghaiDateTime(iso).slice(0, 10) : "");
  let invitation: string;
  if (!inv) invitation = t("invite.my.invitationNone");
  else if (inv.answer === "accepted")
    invitation = t(m.viewer === "other_party" ? "invite.my.invitationYouAccepted" : "invite.my.invitationAccepted", { date: day(inv.answeredAt) });
  else if (inv.answer === "declined") invitation = t("invite.my.invitationDeclined", { date: day(inv.answeredAt) });
  else if (inv.expired) invitation = t("invite.my.invitationExpired", { lastDay: inv.lastDay });
  else invitation = t("invite.my.invitationPending", { date: day(inv.invitedAt), lastDay: inv.lastDay });
  return (
    <section aria-labelledby="case-mediation-heading" className="case-section">
      <h2 id="case-mediation-heading">{t("invite.my.heading")}</h2>
      <p>{invitation}</p>
      <h3>{t("invite.my.sessionsHeading")}</h3>
      {m.sessions.length === 0 ? (
        <p>{t("invite.my.sessionsNone")}</p>
      ) : (
        <ul>
          {m.sessions.map((s, i) => (
            <li key={i}>
              {t("invite.my.session", { time: formatShanghaiDateTime(s.scheduledAt), mode: t(`invite.my.mode.${s.mode}`), place: s.place })}
              {s.held ? t("invite.my.sessionHeld") : null}
            </li>
          ))}
        </ul>
      )}
      {m.performance ? (
        <>
          <h3>{t("invite.my.performanceHeading")}</h3>
          <p>{t("invite.my.performanceAsOf", { status: t(`invite.my.performance.${m.performance.status}`), date: m.performance.visitedOn })}</p>
        </>
      ) : null}
    </section>
  );
}
