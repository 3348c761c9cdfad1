// /center/items/:caseNumber — one item of a dispute center's intake queue: what came in, the rules' suggestion with its
// reason (DOMAIN.md 16.1), and the clerk's decision: confirm, or another channel or organ with a reason; once routed,
// the routing record and re-routing. Clerks of the center act; admins covering it look; an item of another center is 404.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { CsrfInput, SubmitButton } from "~/components/form";
import { caseStateLabels } from "~/domain/machines/reconsideration";
import { channels, disputeKinds } from "~/domain/triage";
import { centerItemExists, centerRoles, clerkRoles, getCenterItem, rerouteItem, routeItem } from "~/services/center.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { isMessageKey, useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/center";
import "~/locales/areas/mediation";
import "~/locales/areas/apply";

export const meta = titleMeta("center.item.title");

const notFound = () => data(null, { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, centerRoles);
  const kind = new URL(request.url).searchParams.get("kind");
  const item = params.caseNumber ? await getCenterItem({ user, caseNumber: params.caseNumber, disputeKind: kind }) : null;
  if (!item) throw notFound();
  return { item };
}

const ActionSchema = z.object({
  intent: z.enum(["confirm", "override", "reroute"]),
  version: z.coerce.number().check(z.int(), z.nonnegative()),
  disputeKind: z.optional(z.string().check(z.maxLength(60))),
  channel: z.optional(z.string().check(z.maxLength(60))),
  organId: z.optional(z.string().check(z.maxLength(60))),
  reason: z.optional(z.string().check(z.maxLength(5000))),
});

interface ActionFailure {
  ok: false;
  intent: string | null;
  formError: string;
  message?: string;
  messageEn?: string;
  errors?: Record<string, string>;
  values?: { channel?: string; organId?: string; reason?: string };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, clerkRoles);
  const { form } = await readForm(request, context, loaded);
  const caseNumber = params.caseNumber ?? "";
  if (!(await centerItemExists({ user: loaded.user, caseNumber }))) throw notFound();
  const str = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : undefined);
  const parsed = ActionSchema.safeParse({ intent: str("intent"), version: str("version"), disputeKind: str("disputeKind"), channel: str("channel"), organId: str("organId"), reason: str("reason") });
  if (!parsed.success) return data<ActionFailure>({ ok: false, intent: str("intent") ?? null, formError: "errors.badRequest" }, { status: 400 });
  const a = parsed.data;
  const common = { user: loaded.user, caseNumber, version: a.version, requestId: context.requestId };
  const result =
    a.intent === "reroute"
      ? await rerouteItem({ ...common, organId: a.organId ?? "", reason: a.reason ?? "" })
      : await routeItem({ ...common, decision: a.intent, disputeKind: a.disputeKind || null, channel: a.channel, organId: a.organId, reason: a.reason });
  if (result.ok) {
    return a.intent === "reroute" ? redirect(`/center/items/${encodeURIComponent(caseNumber)}?done=rerouted`, 303) : redirect("/center?done=routed", 303);
  }
  if (result.status === 404) throw notFound();
  return data<ActionFailure>(
    {
      ok: false,
      intent: a.intent,
      formError: result.formError,
      message: result.message,
      messageEn: result.messageEn,
      errors: result.errors,
      values: { channel: a.channel, organId: a.organId, reason: a.reason },
    },
    { status: result.status },
  );
}

function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export default function CenterItemPage() {
  const t = useT();
  const locale = useLocale();
  const { item } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const [params] = useSearchParams();
  const label = (prefix: string, value: string | null) => (value && isMessageKey(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : (value ?? ""));
  const s = item.suggestion;
  const failureText = failure ? (failure.message ? (locale === "en" ? (failure.messageEn ?? failure.message) : failure.message) : t(failure.formError)) : "";
  const errors = failure?.errors ?? {};
  const channelChoices = item.machine === "reconsideration" ? (["reconsideration"] as const) : channels;
  const stateLabel = item.machine === "reconsideration" ? ((caseStateLabels as Record<string, string>)[item.state] ?? item.state) : item.state;

  return (
    <section className="page">
      <p>
        <Link to="/center">{t("center.item.back")}</Link>
      </p>
      <h1>{t("center.item.heading", { caseNumber: item.caseNumber })}</h1>
      {params.get("done") === "rerouted" ? (
        <div className="alert alert--success" role="status">
          {t("center.done.rerouted")}
        </div>
      ) : params.get("done") === "created" ? (
        <div className="alert alert--success" role="status">
          {t("center.done.created")}
        </div>
      ) : null}
      {failure ? (
        <div className="alert alert--error" role="alert">
          {failureText}
        </div>
      ) : null}

      <h2>{t("center.item.summary")}</h2>
      <dl className="kv">
        <dt>{t("center.item.kind")}</dt>
        <dd>
          {t(`center.kind.${item.machine}`)} · {locale === "en" ? item.state : stateLabel}
        </dd>
        <dt>{t("center.item.source")}</dt>
        <dd>{label("center.source", item.channel)}</dd>
        <dt>{t("center.item.category")}</dt>
        <dd>{item.machine === "reconsideration" ? label("apply.actKind", item.category) : label("mediation.category", item.category)}</dd>
        {item.receivedAt ? (
          <>
            <dt>{t("center.item.receivedAt")}</dt>
            <dd>{shanghaiTime(item.receivedAt)}</dd>
          </>
        ) : null}
        <dt>{t("center.item.center")}</dt>
        <dd>{item.centerName}</dd>
        <dt>{t("center.item.status")}</dt>
        <dd>{t(`center.item.status.${item.triageStatus}`)}</dd>
        {item.triageStatus === "routed" && item.organName ? (
          <>
            <dt>{t("center.item.organ")}</dt>
            <dd>{item.organName}</dd>
          </>
        ) : null}
        {item.clock ? (
          <>
            <dt>{t("center.item.clock")}</dt>
            <dd>
              <span className={`queue-due queue-due--${item.clock.tone === "ok" ? "ok" : item.clock.tone === "due" ? "warn" : "overdue"}`}>{t(`center.clock.${item.clock.tone}`)}</span>{" "}
              {t("center.clock", { elapsed: item.clock.elapsed, target: item.clock.target })}
            </dd>
          </>
        ) : null}
      </dl>

      <h2>{t("center.item.parties")}</h2>
      <ul>
        {item.parties.map((p, i) => (
          <li key={i}>
            {label("center.item.role", p.role)} · {p.name}
          </li>
        ))}
      </ul>

      {item.reconsideration ? (
        <dl className="kv">
          <dt>{t("center.item.respondent")}</dt>
          <dd>{item.reconsideration.respondentName ?? ""}</dd>
          <dt>{t("center.item.act")}</dt>
          <dd>
            {item.reconsideration.actTitle} {item.reconsideration.actDocumentNumber ?? ""}
          </dd>
          <dt>{t("center.item.requests")}</dt>
          <dd className="review-text">{item.reconsideration.requests}</dd>
          {item.reconsideration.lastDayToApply ? (
            <>
              <dt>{t("center.item.lastDayToApply")}</dt>
              <dd>{item.reconsideration.lastDayToApply}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {item.mediation ? (
        <dl className="kv">
          <dt>{t("center.item.otherParty")}</dt>
          <dd>{item.mediation.otherPartyName}</dd>
          <dt>{t("center.item.happened")}</dt>
          <dd className="review-text">{item.mediation.happened}</dd>
          <dt>{t("center.item.wantedOutcome")}</dt>
          <dd className="review-text">{item.mediation.wantedOutcome}</dd>
        </dl>
      ) : null}

      {item.triageStatus === "pending" ? (
        <section aria-labelledby="suggestion-heading" className="apply-block">
          <h2 id="suggestion-heading">{t("center.suggestion.heading")}</h2>
          <p>{t("center.suggestion.lead")}</p>
          {item.machine === "mediation" ? (
            <Form method="get" className="form-inline">
              <label htmlFor="kind">{t("center.suggestion.disputeKind")}</label>
              <select id="kind" name="kind" defaultValue={item.disputeKind}>
                {disputeKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`center.disputeKind.${k}`)}
                  </option>
                ))}
              </select>
              <button type="submit" className="button">
                {t("center.suggestion.reclassify")}
              </button>
            </Form>
          ) : null}
          <dl className="kv">
            <dt>{t("center.suggestion.disputeKind")}</dt>
            <dd>{t(`center.disputeKind.${item.disputeKind}`)}</dd>
            <dt>{t("center.suggestion.channel")}</dt>
            <dd>{t(`center.channel.${s.channel}`)}</dd>
            <dt>{t("center.suggestion.organ")}</dt>
            <dd>{s.organ ? s.organ.name : t("center.suggestion.noOrgan")}</dd>
            <dt>{t("center.suggestion.reason")}</dt>
            <dd>{t(s.reasonKey, s.reasonValues)}</dd>
            <dt>{t("center.suggestion.basis")}</dt>
            <dd>
              {t("center.suggestion.rule", { item: s.item })} · {s.basis}
            </dd>
          </dl>
          {s.warnings.length ? (
            <ul>
              {s.warnings.map((w) => (
                <li key={w}>{t(w)}</li>
              ))}
            </ul>
          ) : null}
          {item.canRoute ? (
            <>
              {s.organ ? (
                <Form method="post" className="form">
                  <h3>{t("center.confirm.heading")}</h3>
                  <CsrfInput />
                  <input type="hidden" name="version" value={item.version} />
                  <input type="hidden" name="disputeKind" value={item.disputeKind} />
                  <button type="submit" name="intent" value="confirm" className="button button--primary">
                    {t("center.confirm.submit")}
                  </button>
                </Form>
              ) : null}
              <Form method="post" className="form" noValidate>
                <h3>{t("center.override.heading")}</h3>
                <CsrfInput />
                <input type="hidden" name="version" value={item.version} />
                <input type="hidden" name="disputeKind" value={item.disputeKind} />
                <input type="hidden" name="intent" value="override" />
                <ChannelSelect choices={channelChoices} defaultValue={failure?.values?.channel ?? s.channel} error={errors.channel} />
                <OrganSelect options={item.organOptions} defaultValue={failure?.values?.organId ?? s.organ?.id ?? ""} error={errors.organId} />
                <ReasonField defaultValue={failure?.intent === "override" ? failure.values?.reason : undefined} error={failure?.intent === "override" ? errors.reason : undefined} />
                <SubmitButton>{t("center.override.submit")}</SubmitButton>
              </Form>
            </>
          ) : (
            <p className="muted">{t("center.adminOnly")}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="routings-heading">
        <h2 id="routings-heading">{t("center.routings.heading")}</h2>
        {item.routings.length === 0 ? (
          <p>{t("center.routings.none")}</p>
        ) : (
          <ol>
            {item.routings.map((r, i) => (
              <li key={i}>
                {t("center.routings.entry", { time: shanghaiTime(r.routedAt), organ: r.toOrganName, channel: label("center.channel", r.channel) })}
                {r.overridden && r.reason ? <> · {t("center.routings.overridden", { reason: r.reason })}</> : null}
                {!r.overridden && r.suggestion.reasonKey ? <> · {t(r.suggestion.reasonKey, r.suggestion.reasonValues ?? {})}</> : null}
                {r.actorName ? <span className="muted"> · {t("center.routings.by", { name: r.actorName })}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {item.triageStatus === "routed" && item.canRoute ? (
        <section aria-labelledby="reroute-heading" className="apply-block">
          <h2 id="reroute-heading">{t("center.reroute.heading")}</h2>
          <p>{t("center.reroute.lead")}</p>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="version" value={item.version} />
            <input type="hidden" name="intent" value="reroute" />
            <OrganSelect options={item.organOptions} defaultValue={failure?.values?.organId ?? ""} error={errors.organId} />
            <ReasonField defaultValue={failure?.intent === "reroute" ? failure.values?.reason : undefined} error={failure?.intent === "reroute" ? errors.reason : undefined} />
            <SubmitButton>{t("center.reroute.submit")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </section>
  );
}

function ChannelSelect({ choices, defaultValue, error }: { choices: readonly string[]; defaultValue: string; error?: string }) {
  const t = useT();
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor="route-channel">{t("center.override.channel")}</label>
      {error ? (
        <p className="field__error" id="route-channel-error">
          {t(error)}
        </p>
      ) : null}
      <select id="route-channel" name="channel" defaultValue={defaultValue} aria-describedby={error ? "route-channel-error" : undefined}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {t(`center.channel.${c}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function OrganSelect({ options, defaultValue, error }: { options: { id: string; name: string }[]; defaultValue: string; error?: string }) {
  const t = useT();
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor="route-organ">{t("center.override.organ")}</label>
      {error ? (
        <p className="field__error" id="route-organ-error">
          {t(error)}
        </p>
      ) : null}
      <select id="route-organ" name="organId" defaultValue={defaultValue} aria-describedby={error ? "route-organ-error" : undefined}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function ReasonField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  const t = useT();
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor="route-reason">{t("center.override.reason")}</label>
      {error ? (
        <p className="field__error" id="route-reason-error">
          {t(error)}
        </p>
      ) : null}
      <textarea id="route-reason" name="reason" rows={3} maxLength={500} defaultValue={defaultValue ?? ""} aria-describedby={error ? "route-reason-error" : undefined} />
    </div>
  );
}
