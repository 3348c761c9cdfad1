// /staff/publications — the office head's review of decisions proposed for publication (《行政复议法》第七十九条第一款):
// the original and the anonymised copy side by side; the head may correct the copy, which is checked again (a party's
// name or number left in refuses approval; what the anonymiser would still remove must be confirmed), then approves or
// rejects with a reason. Published copies can be withdrawn with a reason. Office heads only (403); proposals of organs
// they do not head are not shown and answer 404.
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
import { Checkbox, TextArea } from "~/components/fields";
import { CsrfInput, Field } from "~/components/form";
import { fieldErrors } from "~/domain/application";
import {
  MAX_NOTE,
  MAX_PUBLIC_TEXT,
  MAX_TITLE,
  ReviewPublicationFormSchema,
  WithdrawPublicationFormSchema,
  type CopyCheck,
} from "~/domain/publication";
import { readForm } from "~/services/form.server";
import {
  getReviewPage,
  reviewPublication,
  withdrawPublication,
  type ReviewItem,
} from "~/services/publication.server";
import { requireRole } from "~/services/session.server";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/publication";

export const meta = titleMeta("publication.review.title");

const headRoles = ["office_head"] as const;
const dones = ["approve", "reject", "withdraw"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, headRoles);
  return { page: await getReviewPage({ user }) };
}

interface ActionFailure {
  ok: false;
  intent: "review" | "withdraw" | null;
  publicationId: string | null;
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: Record<string, string>;
  check?: CopyCheck;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, headRoles);
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries())
    if (typeof value === "string" && key !== "csrf" && !(key in values))
      values[key] = value;
  const intent =
    values.intent === "review" || values.intent === "withdraw"
      ? values.intent
      : null;
  const publicationId = values.publicationId ?? null;
  const fail = (
    status: number,
    failure: Omit<ActionFailure, "ok" | "intent" | "publicationId">
  ) =>
    data<ActionFailure>(
      { ok: false, intent, publicationId, values, ...failure },
      { status }
    );
  if (!intent) return fail(400, { formError: "errors.badRequest" });

  if (intent === "review") {
    const parsed = ReviewPublicationFormSchema.safeParse(values);
    if (!parsed.success)
      return fail(400, {
        errors: fieldErrors(parsed.error),
        formError: "errors.formHasErrors",
      });
    const r = await reviewPublication({
      user: loaded.user,
      form: parsed.data,
      requestId: context.requestId,
    });
    if (r.ok)
      return redirect(`/staff/publications?done=${parsed.data.decision}`, 303);
    if (r.status === 404) throw data(null, { status: 404 });
    return fail(r.status, {
      formError: r.formError,
      message: r.message,
      messageEn: r.messageEn,
      check: r.check,
    });
  }
  const parsed = WithdrawPublicationFormSchema.safeParse(values);
  if (!parsed.success)
    return fail(400, {
      errors: fieldErrors(parsed.error),
      formError: "errors.formHasErrors",
    });
  const r = await withdrawPublication({
    user: loaded.user,
    publicationId: parsed.data.publicationId,
    reason: parsed.data.reason,
    requestId: context.requestId,
  });
  if (r.ok) return redirect("/staff/publications?done=withdraw", 303);
  if (r.status === 404) throw data(null, { status: 404 });
  return fail(r.status, {
    formError: r.formError,
    message: r.message,
    messageEn: r.messageEn,
  });
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000)
    .toISOString()
    .slice(0, 16)
    .replace("T", " ");
}

export default function StaffPublications() {
  const t = useT();
  const locale = useLocale();
  const { page } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = dones.find((d) => d === search.get("done"));
  const failureText = (f: ActionFailure) =>
    f.formError
      ? t(f.formError)
      : locale === "en"
      ? f.messageEn ?? f.message ?? ""
      : f.message ?? "";
  return (
    <section className="page">
      <h1>{t("publication.review.heading")}</h1>
      <p className="lead">{t("publication.review.lead")}</p>
      {done ? (
        <div className="alert alert--success" role="status">
          {t(`publication.review.done.${done}`)}
        </div>
      ) : null}
      {failure && !failure.publicationId ? (
        <div className="alert alert--error" role="alert">
          {failureText(failure)}
        </div>
      ) : null}

      <h2>
        {t("publication.review.proposedHeading", {
          count: page.proposed.length,
        })}
      </h2>
      {page.proposed.length === 0 ? (
        <p>{t("publication.review.none")}</p>
      ) : null}
      {page.proposed.map((item) => (
        <ReviewCard
          key={item.id}
          item={item}
          failure={
            failure?.intent === "review" && failure.publicationId === item.id
              ? failure
              : null
          }
          failureText={failureText}
        />
      ))}

      <h2>
        {t("publication.review.publishedHeading", {
          count: page.published.length,
        })}
      </h2>
      {page.published.length === 0 ? (
        <p>{t("publication.review.nonePublished")}</p>
      ) : null}
      <ul className="plain">
        {page.published.map((p) => {
          const f =
            failure?.intent === "withdraw" && failure.publicationId === p.id
              ? failure
              : null;
          return (
            <li key={p.id} className="card">
              <h3>
                <Link to={`/public/decisions/${p.id}`}>{p.title}</Link>
              </h3>
              <p className="muted">
                {p.organName} ·{" "}
                {t("publication.review.caseNumber", {
                  caseNumber: p.caseNumber,
                })}{" "}
                ·{" "}
                {p.publishedAt
                  ? t("publication.review.publishedAt", {
                      time: shanghaiTime(p.publishedAt),
                    })
                  : null}
              </p>
              <details open={Boolean(f)}>
                <summary>{t("publication.withdraw.heading")}</summary>
                {f ? (
                  <div className="alert alert--error" role="alert">
                    {failureText(f)}
                  </div>
                ) : null}
                <Form method="post" className="form case-form" noValidate>
                  <CsrfInput />
                  <input type="hidden" name="intent" value="withdraw" />
                  <input type="hidden" name="publicationId" value={p.id} />
                  <TextArea
                    name="reason"
                    label={t("publication.withdraw.reason")}
                    rows={3}
                    maxLength={MAX_NOTE}
                    required
                    defaultValue={f?.values?.reason ?? ""}
                    error={f?.errors?.reason}
                  />
                  <button type="submit" className="button">
                    {t("publication.withdraw.submit")}
                  </button>
                </Form>
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ReviewCard({
  item,
  failure,
  failureText,
}: {
  item: ReviewItem;
  failure: ActionFailure | null;
  failureText: (f: ActionFailure) => string;
}) {
  const t = useT();
  // the check shown: of the text as last posted when the approval was refused, else of the stored copy
  const check = failure?.check ?? item.check;
  const headingId = `review-${item.id}`;
  return (
    <section className="card publication-review" aria-labelledby={headingId}>
      <h3 id={headingId}>{item.title}</h3>
      <p className="muted">
        {item.organName} ·{" "}
        {t("publication.review.caseNumber", { caseNumber: item.caseNumber })} ·{" "}
        {t("publication.case.proposedMeta", {
          name: item.proposedByName ?? "",
          time: shanghaiTime(item.proposedAt),
        })}
      </p>
      <p className="muted">
        {t("publication.review.redactions")}{" "}
        {Object.entries(item.redactions)
          .map(([k, n]) => `${t(`publication.kind.${k}`)} ${n}`)
          .join("，") || t("publication.review.noRedactions")}
      </p>
      {failure ? (
        <div className="alert alert--error" role="alert">
          {failureText(failure)}
        </div>
      ) : null}
      {check.leaks.length ? (
        <div className="alert alert--error">
          <p>{t("publication.review.leaks")}</p>
          <ul>
            {check.leaks.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {check.warnings.length ? (
        <div className="alert alert--warn">
          <p>{t("publication.review.warnings")}</p>
          <ul>
            {check.warnings.map((w) => (
              <li key={`${w.kind}:${w.text}`}>
                {t(`publication.kind.${w.kind}`)}：{w.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="publication-compare">
        <section aria-labelledby={`${headingId}-original`}>
          <h4 id={`${headingId}-original`}>
            {t("publication.review.original")}
          </h4>
          <div className="review-text">{item.original}</div>
        </section>
        <section aria-labelledby={`${headingId}-copy`}>
          <h4 id={`${headingId}-copy`}>{t("publication.review.copy")}</h4>
          <Form method="post" className="form case-form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="review" />
            <input type="hidden" name="publicationId" value={item.id} />
            <Field
              name="title"
              label={t("publication.review.titleField")}
              maxLength={MAX_TITLE}
              required
              defaultValue={failure?.values?.title ?? item.title}
              error={failure?.errors?.title}
            />
            <TextArea
              name="text"
              label={t("publication.review.textField")}
              hint={t("publication.review.textHint")}
              rows={16}
              maxLength={MAX_PUBLIC_TEXT}
              required
              defaultValue={failure?.values?.text ?? item.text}
              error={failure?.errors?.text}
            />
            <TextArea
              name="reason"
              label={t("publication.review.reason")}
              hint={t("publication.review.reasonHint")}
              rows={3}
              maxLength={MAX_NOTE}
              defaultValue={failure?.values?.reason ?? ""}
              error={failure?.errors?.reason}
            />
            {check.warnings.length ? (
              <Checkbox
                name="acknowledgeWarnings"
                label={t("publication.review.acknowledge")}
                defaultChecked={failure?.values?.acknowledgeWarnings === "yes"}
                error={failure?.errors?.acknowledgeWarnings}
              />
            ) : null}
            {item.proposedByMe ? (
              <p className="alert alert--warn">
                {t("publication.review.ownProposal")}
              </p>
            ) : null}
            <p className="publication-review__buttons">
              {item.proposedByMe ? null : (
                <button
                  type="submit"
                  name="decision"
                  value="approve"
                  className="button button--primary"
                >
                  {t("publication.review.approve")}
                </button>
              )}
              <button
                type="submit"
                name="decision"
                value="reject"
                className="button"
              >
                {t("publication.review.reject")}
              </button>
            </p>
          </Form>
        </section>
      </div>
    </section>
  );
}
