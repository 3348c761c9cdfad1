// /staff/mediation/:caseNumber — one administrative mediation request at the competent organ (DOMAIN.md §16 M4–M12):
// the request, its state, the running periods with the rule behind each, documents, mediators, sessions, agreement,
// follow-up visits and history, and the forms the state allows (app/domain/mediation-handling.ts). Staff and office
// heads only (403); a request outside the user's organs does not exist (404). The other party's invitation is its own
// page (/staff/mediation/:caseNumber/invitation), linked while the request waits for the answer.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import * as z from "zod/mini";
import { CommandOutcome } from "~/components/command-section";
import { DeadlineList } from "~/components/deadline-list";
import { Checkbox, Radios, Select, TextArea } from "~/components/fields";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { Term } from "~/components/term";
import {
  failReasons,
  followUpMethods,
  ineligibilityGrounds,
  mediationIntents,
  PERFORMANCE_ROWS,
  performanceStatuses,
  readMediationForm,
  sessionModes,
  type MediationIntent,
} from "~/domain/mediation-handling";
import { readForm } from "~/services/form.server";
import { getMediationPage, mediationRequestExists, mediationRoles, runMediationCommand } from "~/services/mediation.server";
import { requireRole } from "~/services/session.server";
import { isMessageKey, useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/mediation-handling";
import "~/locales/areas/performance";

export const meta = titleMeta("mh.case.title");

const notFound = () => data(null, { status: 404 });
const VersionSchema = z.coerce.number().check(z.int(), z.nonnegative());
const IntentSchema = z.enum(mediationIntents);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, mediationRoles);
  const page = params.caseNumber ? await getMediationPage({ user, caseNumber: params.caseNumber }) : null;
  if (!page) throw notFound();
  return { page };
}

interface ActionFailure {
  ok: false;
  intent: MediationIntent | null;
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: Record<string, string>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, mediationRoles);
  const { form } = await readForm(request, context, loaded);
  const caseNumber = params.caseNumber ?? "";
  if (!(await mediationRequestExists({ user: loaded.user, caseNumber }))) throw notFound();
  const intent = IntentSchema.safeParse(form.get("intent"));
  const version = VersionSchema.safeParse(form.get("version"));
  const fail = (status: number, failure: Omit<ActionFailure, "ok">) => data<ActionFailure>({ ok: false, ...failure }, { status });
  if (!intent.success || !version.success) return fail(400, { intent: intent.success ? intent.data : null, formError: "errors.badRequest" });
  const fields = readMediationForm(form.entries());
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k !== "csrf" && typeof v === "string" && !(k in values)) values[k] = v;
  const result = await runMediationCommand({ user: loaded.user, caseNumber, version: version.data, intent: intent.data, form: fields, requestId: context.requestId });
  if (result.ok) return redirect(`/staff/mediation/${encodeURIComponent(caseNumber)}?done=${intent.data}`, 303);
  if (result.status === 404) throw notFound();
  return fail(result.status, { intent: intent.data, errors: result.errors, formError: result.formError, message: result.message, messageEn: result.messageEn, values });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>["page"];

const time = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

export default function StaffMediationCase() {
  const t = useT();
  const { page: p } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = IntentSchema.safeParse(search.get("done"));
  const base = `/staff/mediation/${encodeURIComponent(p.caseNumber)}`;
  const docHref = (id: string) => `${base}/documents/${id}`;

  return (
    <section className="page">
      <h1>{t("mh.case.heading", { caseNumber: p.caseNumber })}</h1>
      <p className="lead">{t("mh.case.lead")}</p>
      <p>
        <Link to="/staff/mediation">{t("mh.case.back")}</Link>
      </p>
      <CommandOutcome
        done={done.success ? t(`mh.done.${done.data}`) : null}
        error={actionData && actionData.intent === null ? t(actionData.formError ?? "errors.badRequest") : null}
      />

      <h2>{t("mh.case.summary")}</h2>
      <dl className="kv">
        <dt>{t("mh.col.state")}</dt>
        <dd>
          <strong>{t(`mh.state.${p.state}`)}</strong>
        </dd>
        <dt>{t("mh.case.organ")}</dt>
        <dd>{p.organName}</dd>
        <Term label={t("mh.case.receivedAt")} value={p.receivedAt ? time(p.receivedAt) : null} />
        <Term label={t("mh.case.disputeKind")} value={p.disputeKind ? t(`mh.disputeKind.${p.disputeKind}`) : null} />
        <Term label={t("mh.case.happened")} value={p.happened} className="review-text" />
        <Term label={t("mh.case.wantedOutcome")} value={p.wantedOutcome} className="review-text" />
        {p.parties.map((party) => (
          <Term
            key={`${party.role}.${party.position}`}
            label={t(`mh.party.${party.role}`)}
            value={party.contact ? `${party.name}（${party.contact}）` : party.name}
          />
        ))}
        <dt>{t("mh.case.invitation")}</dt>
        <dd>
          {p.invitation ? t(`mh.invitation.${p.invitation.answer ?? "waiting"}`) : t("mh.invitation.none")}
          {p.invitationHref ? (
            <>
              {" "}
              <Link to={p.invitationHref}>{t("mh.invitation.link")}</Link>
            </>
          ) : null}
        </dd>
        {p.performanceStatus ? (
          <>
            <dt>{t("mh.case.performance")}</dt>
            <dd>
              <strong>{t(`mh.performance.${p.performanceStatus}`)}</strong>
            </dd>
          </>
        ) : null}
      </dl>

      <h2>{t("mh.case.deadlines")}</h2>
      <DeadlineList deadlines={p.deadlines} />

      <h2>{t("mh.case.documents")}</h2>
      {p.documents.length === 0 ? (
        <p>{t("mh.case.noDocuments")}</p>
      ) : (
        <ul>
          {p.documents.map((d) => (
            <li key={d.id}>
              <Link to={docHref(d.id)}>{d.title ?? d.kind}</Link> · {time(d.issuedAt)}
            </li>
          ))}
        </ul>
      )}

      <h2>{t("mh.case.mediators")}</h2>
      {p.mediators.length === 0 ? (
        <p>{t("mh.case.noMediators")}</p>
      ) : (
        <ul>
          {p.mediators.map((m) => (
            <li key={m.id}>
              {m.name} ·{" "}
              {m.removedAt
                ? t("mh.mediator.removed", { reason: m.removedReason ?? "" })
                : m.declaredNoConflictAt
                  ? t("mh.mediator.declared", { at: time(m.declaredNoConflictAt) })
                  : t("mh.mediator.undeclared")}
            </li>
          ))}
        </ul>
      )}

      <h2>{t("mh.case.sessions")}</h2>
      {p.sessions.length === 0 ? (
        <p>{t("mh.case.noSessions")}</p>
      ) : (
        <TableWrap label={t("mh.case.sessions")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("mh.session.when")}</th>
                <th scope="col">{t("mh.session.mode")}</th>
                <th scope="col">{t("mh.session.place")}</th>
                <th scope="col">{t("mh.session.participants")}</th>
                <th scope="col">{t("mh.session.status")}</th>
              </tr>
            </thead>
            <tbody>
              {p.sessions.map((s) => (
                <tr key={s.id}>
                  <td data-label={t("mh.session.when")}>{time(s.scheduledAt)}</td>
                  <td data-label={t("mh.session.mode")}>{t(`mh.mode.${s.mode}`)}</td>
                  <td data-label={t("mh.session.place")}>{s.place}</td>
                  <td data-label={t("mh.session.participants")}>{s.participants}</td>
                  <td data-label={t("mh.session.status")}>
                    {s.cancelledAt ? t("mh.session.cancelled") : s.heldAt ? t("mh.session.held") : t("mh.session.scheduled")}
                    {s.minutes ? <p className="review-text">{s.minutes}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {p.agreement ? (
        <>
          <h2>{t("mh.case.agreement")}</h2>
          <dl className="kv">
            <Term label={t("mh.agreement.terms")} value={p.agreement.terms} className="review-text" />
            <dt>{t("mh.agreement.performance")}</dt>
            <dd>
              <ul>
                {p.agreement.performanceTerms.map((term, i) => (
                  <li key={i}>{t("mh.agreement.term", { obligor: term.obligor, obligation: term.obligation, dueDate: term.dueDate })}</li>
                ))}
              </ul>
            </dd>
            <Term label={t("mh.agreement.signedOn")} value={p.agreement.signedOn} />
            <dt>{t("mh.agreement.judicial")}</dt>
            <dd>{p.agreement.judicialConfirmationEligible ? t("mh.agreement.judicialDue", { date: p.agreement.confirmationDue ?? "" }) : t("mh.agreement.judicialNo")}</dd>
          </dl>
          {p.agreement.documentId ? <Link to={docHref(p.agreement.documentId)}>{t("mh.agreement.document")}</Link> : null}
        </>
      ) : null}

      {p.followUps.length ? (
        <>
          <h2>{t("mh.case.followUps")}</h2>
          <ul>
            {p.followUps.map((f, i) => (
              <li key={i}>
                {f.visitedOn} · {t(`mh.method.${f.method}`)} · {t(`mh.performance.${f.performanceStatus}`)} · {f.notes}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("mh.case.actions")}</h2>
      {p.intents.length === 0 ? <p>{t("mh.case.noActions")}</p> : null}
      {p.intents.map((intent) => (
        <CommandForm key={intent} intent={intent} page={p} failure={actionData?.intent === intent ? actionData : undefined} />
      ))}

      <h2>{t("mh.case.history")}</h2>
      <ol>
        {p.history.map((h, i) => (
          <li key={i}>
            {time(h.at)} · {h.to && isMessageKey(`mh.state.${h.to}`) ? t("mh.event.transition", { to: t(`mh.state.${h.to}`) }) : isMessageKey(`mh.event.${h.action}`) ? t(`mh.event.${h.action}`) : t("mh.event.other")}
            {h.actor ? ` · ${h.actor}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}

function CommandForm({ intent, page: p, failure }: { intent: MediationIntent; page: Page; failure: ActionFailure | undefined }) {
  const t = useT();
  const locale = useLocale();
  const errors = failure?.errors ?? {};
  const value = (name: string, fallback = "") => failure?.values?.[name] ?? fallback;
  const err = (name: string) => errors[name];
  const failureText = failure
    ? failure.formError
      ? t(failure.formError)
      : locale === "en"
        ? (failure.messageEn ?? failure.message ?? "")
        : (failure.message ?? "")
    : "";
  const options = (prefix: string, keys: readonly string[]) => keys.map((k) => ({ value: k, label: t(`${prefix}.${k}`) }));
  const openSessions = p.sessions.filter((s) => !s.heldAt && !s.cancelledAt).map((s) => ({ value: s.id, label: `${time(s.scheduledAt)} ${s.place}` }));
  let fields: ReactNode = null;
  switch (intent) {
    case "accept":
      fields = (
        <>
          <fieldset className="field">
            <legend>{t("mh.accept.ineligibility")}</legend>
            <p className="field__hint">{t("mh.accept.ineligibilityHint")}</p>
            {ineligibilityGrounds.map((g) => (
              <Checkbox key={g} label={t(`mh.ineligibility.${g}`)} name="ineligibility" value={g} />
            ))}
          </fieldset>
          <Field label={t("mh.accept.agreedDays")} hint={t("mh.accept.agreedDaysHint")} name="agreedDays" type="number" inputMode="numeric" min={1} max={90} defaultValue={value("agreedDays")} error={err("agreedDays")} />
        </>
      );
      break;
    case "decline":
      fields = (
        <>
          <Radios legend={t("mh.decline.ground")} name="ground" options={options("mh.ground", p.declineGrounds)} defaultValue={value("ground", p.declineGrounds.length === 1 ? p.declineGrounds[0] : "")} error={err("ground")} />
          <TextArea label={t("mh.decline.reasons")} hint={t("mh.decline.reasonsHint")} name="reasons" rows={4} maxLength={2000} defaultValue={value("reasons")} error={err("reasons")} />
        </>
      );
      break;
    case "assign_mediator":
      fields = (
        <>
          <Select
            label={t("mh.assign.userId")}
            name="userId"
            placeholder={t("mh.choose")}
            options={p.candidates.filter((c) => c.exclusions.length === 0).map((c) => ({ value: c.userId, label: c.name }))}
            defaultValue={value("userId")}
            error={err("userId")}
          />
          {p.candidates.some((c) => c.exclusions.length > 0) ? (
            <>
              <p>{t("mh.assign.excludedHeading")}</p>
              <ul>
                {p.candidates
                  .filter((c) => c.exclusions.length > 0)
                  .map((c) => (
                    <li key={c.userId}>
                      {c.name}：
                      {c.exclusions.map((e) => t(`mh.exclusion.${e.code}`, { reason: "reason" in e ? e.reason : "", party: "party" in e ? e.party : "" })).join("；")}
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
        </>
      );
      break;
    case "declare_no_conflict":
      fields = <Checkbox label={t("mh.declare.confirm")} name="confirm" error={err("confirm")} />;
      break;
    case "remove_mediator":
      fields = (
        <>
          <Select
            label={t("mh.remove.mediatorId")}
            name="mediatorId"
            placeholder={t("mh.choose")}
            options={p.mediators.filter((m) => !m.removedAt).map((m) => ({ value: m.id, label: m.name }))}
            defaultValue={value("mediatorId")}
            error={err("mediatorId")}
          />
          <TextArea label={t("mh.remove.reason")} hint={t("mh.remove.reasonHint")} name="reason" rows={3} maxLength={1000} defaultValue={value("reason")} error={err("reason")} />
        </>
      );
      break;
    case "schedule_session":
      fields = (
        <>
          <Field label={t("mh.session.when")} name="scheduledAt" type="datetime-local" defaultValue={value("scheduledAt")} error={err("scheduledAt")} />
          <Radios legend={t("mh.session.mode")} name="mode" options={options("mh.mode", sessionModes)} defaultValue={value("mode")} error={err("mode")} />
          <Field label={t("mh.session.place")} hint={t("mh.session.placeHint")} name="place" type="text" maxLength={300} defaultValue={value("place")} error={err("place")} />
          <TextArea label={t("mh.session.participants")} hint={t("mh.session.participantsHint")} name="participants" rows={2} maxLength={1000} defaultValue={value("participants")} error={err("participants")} />
        </>
      );
      break;
    case "record_session":
      fields = (
        <>
          <Select label={t("mh.session.which")} name="sessionId" placeholder={t("mh.choose")} options={openSessions} defaultValue={value("sessionId")} error={err("sessionId")} />
          <TextArea label={t("mh.session.minutes")} hint={t("mh.session.minutesHint")} name="minutes" rows={8} maxLength={20000} defaultValue={value("minutes")} error={err("minutes")} />
        </>
      );
      break;
    case "cancel_session":
      fields = <Select label={t("mh.session.which")} name="sessionId" placeholder={t("mh.choose")} options={openSessions} defaultValue={value("sessionId")} error={err("sessionId")} />;
      break;
    case "extend":
      fields = (
        <>
          <Field label={t("mh.extend.days")} name="days" type="number" inputMode="numeric" min={1} max={60} defaultValue={value("days", "15")} error={err("days")} />
          <Checkbox label={t("mh.extend.consent")} name="allPartiesConsent" error={err("allPartiesConsent")} />
        </>
      );
      break;
    case "agreement":
      fields = (
        <>
          <TextArea label={t("mh.agreement.terms")} hint={t("mh.agreement.termsHint")} name="terms" rows={6} maxLength={10000} defaultValue={value("terms")} error={err("terms")} />
          {Array.from({ length: PERFORMANCE_ROWS }, (_, i) => (
            <fieldset key={i} className="field">
              <legend>{t("mh.agreement.performanceRow", { n: i + 1 })}</legend>
              <Field label={t("mh.agreement.obligor")} name={`performance.${i}.obligor`} type="text" maxLength={100} defaultValue={value(`performance.${i}.obligor`)} error={err(`performance.${i}.obligor`)} />
              <Field label={t("mh.agreement.obligation")} name={`performance.${i}.obligation`} type="text" maxLength={1000} defaultValue={value(`performance.${i}.obligation`)} error={err(`performance.${i}.obligation`)} />
              <Field label={t("mh.agreement.dueDate")} name={`performance.${i}.dueDate`} type="date" min={p.today} defaultValue={value(`performance.${i}.dueDate`)} error={err(`performance.${i}.dueDate`)} />
            </fieldset>
          ))}
          {p.parties.map((party) => {
            const key = `${party.role}.${party.position}`;
            return (
              <Select
                key={key}
                label={t("mh.agreement.confirmation", { party: `${t(`mh.party.${party.role}`)} ${party.name}` })}
                name={`confirm.${key}`}
                placeholder={t("mh.agreement.notConfirmed")}
                options={options("mh.via", ["signature", "online"])}
                defaultValue={value(`confirm.${key}`)}
                error={err(`confirmations.${key}`)}
              />
            );
          })}
          <Checkbox label={t("mh.agreement.judicialEligible")} hint={t("mh.agreement.judicialHint")} name="judicialConfirmationEligible" />
          <Field label={t("mh.agreement.followUpDays")} hint={t("mh.agreement.followUpDaysHint")} name="followUpDays" type="number" inputMode="numeric" min={1} max={365} defaultValue={value("followUpDays")} error={err("followUpDays")} />
        </>
      );
      break;
    case "fail":
      fields = (
        <>
          <Radios legend={t("mh.fail.reason")} name="reason" options={options("mh.failReason", failReasons)} defaultValue={value("reason")} error={err("reason")} />
          <TextArea label={t("mh.fail.note")} name="note" rows={3} maxLength={2000} defaultValue={value("note")} error={err("note")} />
          {p.needsLearnedOn ? (
            <fieldset className="field">
              <legend>{t("mh.fail.actDates")}</legend>
              <p className="field__hint">{t("mh.fail.actDatesHint")}</p>
              <Field label={t("mh.fail.learnedOn")} name="learnedOn" type="date" max={p.today} defaultValue={value("learnedOn")} error={err("learnedOn")} />
              <Radios legend={t("mh.fail.informed")} name="informed" options={options("mh.yesNo", ["yes", "no"])} defaultValue={value("informed")} error={err("informed")} />
              <Field label={t("mh.fail.rightLearnedOn")} hint={t("mh.fail.rightLearnedOnHint")} name="rightLearnedOn" type="date" max={p.today} defaultValue={value("rightLearnedOn")} error={err("rightLearnedOn")} />
            </fieldset>
          ) : null}
        </>
      );
      break;
    case "follow_up":
      fields = (
        <>
          <Field label={t("mh.followUp.visitedOn")} name="visitedOn" type="date" max={p.today} defaultValue={value("visitedOn", p.today)} error={err("visitedOn")} />
          <Radios legend={t("mh.followUp.method")} name="method" options={options("mh.method", followUpMethods)} defaultValue={value("method")} error={err("method")} />
          <Radios legend={t("mh.followUp.status")} hint={t("mh.followUp.statusHint")} name="performanceStatus" options={options("mh.performance", performanceStatuses)} defaultValue={value("performanceStatus")} error={err("performanceStatus")} />
          <TextArea label={t("mh.followUp.notes")} name="notes" rows={3} maxLength={4000} defaultValue={value("notes")} error={err("notes")} />
        </>
      );
      break;
    case "close":
      fields = <Checkbox label={t("mh.close.confirm")} name="confirm" error={err("confirm")} />;
      break;
    case "start":
      fields = null;
      break;
  }
  const id = `mh-${intent}`;
  return (
    <section aria-labelledby={`${id}-heading`} className="apply-block">
      <h3 id={`${id}-heading`}>{t(`mh.${intent}.heading`)}</h3>
      <p>{t(`mh.${intent}.lead`)}</p>
      {failure ? (
        <div className="alert alert--error" role="alert">
          {failureText}
        </div>
      ) : null}
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="version" value={p.version} />
        <input type="hidden" name="intent" value={intent} />
        {fields}
        <SubmitButton>{t(`mh.${intent}.submit`)}</SubmitButton>
      </Form>
    </section>
  );
}
