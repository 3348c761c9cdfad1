// 我的案件: every case the signed-in user filed or is a party to, newest first, with its status in plain words and the
// next period running. Staff accounts file nothing, so they see an empty list.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableWrap } from "~/components/table-wrap";
import { formatShanghaiDateTime } from "~/domain/citizen-case";
import { formatLegalDate, isPeriodKey, periodDefinitions } from "~/domain/periods";
import { listMyCases } from "~/services/my-cases.server";
import { requireUser } from "~/services/session.server";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/cases";

export const meta = titleMeta("cases.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return { cases: await listMyCases(user.id) };
}

export default function MyCases() {
  const t = useT();
  const locale = useLocale();
  const { cases } = useLoaderData<typeof loader>();
  const periodName = (kind: string) => (isPeriodKey(kind) ? periodDefinitions[kind].label[locale === "en" ? "en" : "zh"] : kind);
  return (
    <section className="page my-cases">
      <h1>{t("cases.list.heading")}</h1>
      <p className="lead">{t("cases.list.lead")}</p>
      <p className="muted">
        {t("cases.list.drafts")} <Link to="/my/applications">{t("cases.list.draftsLink")}</Link>
      </p>
      {cases.length === 0 ? (
        <p className="alert">{t("cases.list.none")}</p>
      ) : (
        <TableWrap label={t("cases.list.heading")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("cases.list.caseNumber")}</th>
                <th scope="col">{t("cases.list.kind")}</th>
                <th scope="col">{t("cases.list.receivedAt")}</th>
                <th scope="col">{t("cases.list.status")}</th>
                <th scope="col">{t("cases.list.nextDeadline")}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.caseNumber}>
                  <td data-label={t("cases.list.caseNumber")}>
                    <div>
                      <Link to={`/my/cases/${encodeURIComponent(c.caseNumber)}`} className="my-cases__number">
                        {c.caseNumber}
                      </Link>
                      {c.title ? <span className="my-cases__title">{c.title}</span> : null}
                    </div>
                  </td>
                  <td data-label={t("cases.list.kind")}>{t(`cases.kind.${c.machine}`)}</td>
                  <td data-label={t("cases.list.receivedAt")}>{c.receivedAt ? formatShanghaiDateTime(c.receivedAt) : ""}</td>
                  <td data-label={t("cases.list.status")}>
                    <div>
                      <span className={`case-status case-status--${c.status.tone}`}>{t(c.status.key)}</span>
                      {c.status.tone === "action" ? <strong className="my-cases__action">{t("cases.list.needsAction")}</strong> : null}
                    </div>
                  </td>
                  <td data-label={t("cases.list.nextDeadline")}>
                    {c.nextDeadline
                      ? t("cases.list.dueOn", { period: periodName(c.nextDeadline.kind), date: formatLegalDate(c.nextDeadline.dueDate, locale, false) })
                      : t("cases.list.noDeadline")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
