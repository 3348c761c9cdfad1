// /staff/overdue — the office head's list of every overdue running period of the office's cases (issue 5 req. 8,
// DOMAIN.md §15 T30 and 7.11): case number, period, due date, days overdue, handler. Office heads only (others 403).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { isPeriodKey, periodDefinitions } from "~/domain/periods";
import { listOverdue } from "~/services/reminders.server";
import { requireRole } from "~/services/session.server";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/team";

export const meta = titleMeta("overdue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, ["office_head"]);
  return { rows: await listOverdue({ user }) };
}

export default function StaffOverdue() {
  const t = useT();
  const locale = useLocale();
  const { rows } = useLoaderData<typeof loader>();
  const periodName = (kind: string) => (isPeriodKey(kind) ? periodDefinitions[kind].label[locale === "en" ? "en" : "zh"] : kind);
  return (
    <section className="page">
      <h1>{t("overdue.heading")}</h1>
      <p className="lead">{t("overdue.lead")}</p>
      {rows.length === 0 ? (
        <p>{t("overdue.none")}</p>
      ) : (
        <TableWrap label={t("overdue.table")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("overdue.col.caseNumber")}</th>
                <th scope="col">{t("overdue.col.period")}</th>
                <th scope="col">{t("overdue.col.due")}</th>
                <th scope="col">{t("overdue.col.days")}</th>
                <th scope="col">{t("overdue.col.handler")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.deadlineId}>
                  <td data-label={t("overdue.col.caseNumber")}>
                    {r.caseNumber ? <Link to={`/staff/cases/${encodeURIComponent(r.caseNumber)}`}>{r.caseNumber}</Link> : null}
                  </td>
                  <td data-label={t("overdue.col.period")}>{periodName(r.kind)}</td>
                  <td data-label={t("overdue.col.due")}>{r.dueDate}</td>
                  <td data-label={t("overdue.col.days")}>
                    <span className="queue-due queue-due--overdue">{t("overdue.days", { days: r.daysOverdue })}</span>
                  </td>
                  <td data-label={t("overdue.col.handler")}>{r.handlerName ?? t("overdue.unassigned")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
