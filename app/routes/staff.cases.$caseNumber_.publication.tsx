// /staff/cases/:caseNumber/publication — 提议公开: staff of the deciding organ propose the case's effective decision for
// publication (《行政复议法》第七十九条第一款); the anonymised copy is generated at once and goes to an office head for
// review (/staff/publications). Shows the proposals of the case and, once approved, the link to the public copy.
// Staff and office heads only (403); a case outside the user's organs does not exist (404).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { Checkbox, Radios } from "~/components/fields";
import { CsrfInput, SubmitButton } from "~/components/form";
import { fieldErrors } from "~/domain/application";
import {
  actDisclosures,
  PUBLICATION_BASIS,
  PRIVACY_BASIS,
  ProposePublicationFormSchema,
} from "~/domain/publication";
import { readForm } from "~/services/form.server";
import {
  getCasePublication,
  proposePublication,
  type PublicationSummary,
} from "~/services/publication.server";
import { requireRole } from "~/services/session.server";
import {
  caseHandlerRoles,
  staffCaseExists,
} from "~/services/staff-cases.server";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/cases";
import "~/locales/areas/decision";
import "~/locales/areas/documents";
import "~/locales/areas/publication";

export const meta = titleMeta("publication.case.title");

const notFound = () => data(null, { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, caseHandlerRoles);
  const found = params.caseNumber
    ? await getCasePublication({ user, caseNumber: params.caseNumber })
    : null;
  if (!found) throw notFound();
  return { page: found };
}

interface ActionFailure {
  ok: false;
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
  if (!(await staffCaseExists({ user: loaded.user, caseNumber })))
    throw notFound();
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries())
    if (typeof value === "string" && key !== "csrf") values[key] = value;
  const parsed = ProposePublicationFormSchema.safeParse(values);
  const fail = (status: number, failure: Omit<ActionFailure, "ok">) =>
    data<ActionFailure>({ ok: false, ...failure }, { status });
  if (!parsed.success)
    return fail(400, {
      errors: fieldErrors(parsed.error),
      formError: "errors.formHasErrors",
      values,
    });
  const result = await proposePublication({
    user: loaded.user,
    caseNumber,
    form: parsed.data,
    requestId: context.requestId,
  });
  if (result.ok)
    return redirect(
      `/staff/cases/${encodeURIComponent(
        caseNumber
      )}/publication?done=proposed`,
      303
    );
  if (result.status === 404) throw notFound();
  return fail(result.status, {
    formError: result.formError,
    message: result.message,
    messageEn: result.messageEn,
    values,
  });
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000)
    .toISOString()
    .slice(0, 16)
    .replace("T", " ");
}

export default function StaffCasePublication() {
  const t = useT();
  const locale = useLocale();
  const { page } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const caseHref = `/staff/cases/${encodeURIComponent(page.caseNumber)}`;
  const failureText = failure
    ? failure.formError
      ? t(failure.formError)
      : locale === "en"
      ? failure.messageEn ?? failure.message ?? ""
      : failure.message ?? ""
    : null;
  const refusalText = page.refusal
    ? locale === "en"
      ? page.refusal.messageEn
      : page.refusal.message
    : null;
  return (
    <section className="page">
      <h1>{t("publication.case.heading", { caseNumber: page.caseNumber })}</h1>
      <p className="lead">
        {t("publication.case.lead", {
          basis: PUBLICATION_BASIS,
          privacy: PRIVACY_BASIS,
        })}
      </p>
      <ul className="inline-list">
        <li>
          <Link to={caseHref}>{t("decision.backToCase")}</Link>
        </li>
        <li>
          <Link to={`${caseHref}/decision`}>
            {t("publication.case.toDecision")}
          </Link>
        </li>
      </ul>
      {search.get("done") === "proposed" ? (
        <div className="alert alert--success" role="status">
          {t("publication.case.done")}
        </div>
      ) : null}

      <h2>{t("publication.case.decisionHeading")}</h2>
      {page.decision ? (
        <p>
          {t("cases.doc.decision")}
          {page.decision.number ? ` ${page.decision.number}` : null} ·{" "}
          <Link to={`${caseHref}/documents/${page.decision.documentId}`}>
            {t("documents.open")}
          </Link>
        </p>
      ) : (
        <p>{t("publication.case.noDecision")}</p>
      )}

      {page.live ? (
        <section className="card" aria-labelledby="live-heading">
          <h2 id="live-heading">
            {t(`publication.status.${page.live.status}`)}
          </h2>
          <p className="muted">
            {t("publication.case.proposedMeta", {
              name: page.live.proposedByName ?? "",
              time: shanghaiTime(page.live.proposedAt),
            })}
          </p>
          {page.live.status === "approved" ? (
            <p>
              <Link to={`/public/decisions/${page.live.id}`}>
                {t("publication.case.publicLink")}
              </Link>
            </p>
          ) : (
            <p>{t("publication.case.waiting")}</p>
          )}
          <h3>{page.live.title}</h3>
          <details>
            <summary>{t("publication.case.showCopy")}</summary>
            <div className="review-text">{page.live.text}</div>
          </details>
        </section>
      ) : refusalText ? (
        <p className="alert alert--warn">{refusalText}</p>
      ) : (
        <section className="apply-block" aria-labelledby="propose-heading">
          <h2 id="propose-heading">{t("publication.propose.heading")}</h2>
          <p>{t("publication.propose.lead")}</p>
          {failureText ? (
            <div className="alert alert--error" role="alert">
              {failureText}
            </div>
          ) : null}
          <Form method="post" className="form case-form" noValidate>
            <CsrfInput />
            <Radios
              name="actDisclosure"
              legend={t("publication.propose.actDisclosure")}
              hint={t("publication.propose.actDisclosureHint")}
              options={actDisclosures.map((d) => ({
                value: d,
                label: t(`publication.actDisclosure.${d}`),
              }))}
              defaultValue={failure?.values?.actDisclosure}
              error={failure?.errors?.actDisclosure}
            />
            <Checkbox
              name="noSecrets"
              label={t("publication.propose.noSecrets")}
              defaultChecked={failure?.values?.noSecrets === "yes"}
              error={failure?.errors?.noSecrets}
            />
            <SubmitButton>{t("publication.propose.submit")}</SubmitButton>
          </Form>
        </section>
      )}

      {page.history.length > (page.live ? 1 : 0) ? (
        <>
          <h2>{t("publication.case.history")}</h2>
          <ul className="plain">
            {page.history
              .filter((h) => h.id !== page.live?.id)
              .map((h) => (
                <HistoryItem key={h.id} item={h} />
              ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function HistoryItem({ item }: { item: PublicationSummary }) {
  const t = useT();
  return (
    <li className="card">
      <p>
        <strong>{t(`publication.status.${item.status}`)}</strong> ·{" "}
        {t("publication.case.proposedMeta", {
          name: item.proposedByName ?? "",
          time: shanghaiTime(item.proposedAt),
        })}
      </p>
      {item.reviewNote ? (
        <p className="review-text">{item.reviewNote}</p>
      ) : null}
      {item.withdrawnAt ? (
        <p className="review-text">
          {t("publication.case.withdrawnMeta", { time: shanghaiTime(item.withdrawnAt), reason: item.withdrawReason ?? "" })}
        </p>
      ) : null}
    </li>
  );
}
