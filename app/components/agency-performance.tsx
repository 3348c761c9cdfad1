// The "performance" section of the agency workspace (/agency): the decisions and 调解书 the agent's organs must perform
// (Art. 77(1)), the nearest due date first, coloured like the staff queue; each links to its performance page.
import { Link } from "@remix-run/react";
import { DueBadge } from "~/components/performance-details";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/utils/i18n";
import "~/locales/areas/performance";

export interface AgencyPerformanceItem {
  caseNumber: string;
  state: string;
  organName: string;
  source: "decision" | "mediation_document";
  due: { kind: string; startDate: string; dueDate: string; colour: "ok" | "warn" | "overdue" | null; overdue: boolean; daysOverdue: number } | null;
}

export function AgencyPerformanceSection({ rows }: { rows: readonly AgencyPerformanceItem[] }) {
  const t = useT();
  return (
    <section aria-labelledby="agency-performance-heading">
      <h2 id="agency-performance-heading">{t("performance.agency.heading")}</h2>
      <p>{t("performance.agency.lead")}</p>
      {rows.length === 0 ? (
        <p>{t("performance.agency.empty")}</p>
      ) : (
        <TableWrap label={t("performance.agency.table")}>
          <table className="table--stack queue-table">
            <thead>
              <tr>
                <th scope="col">{t("performance.agency.col.caseNumber")}</th>
                <th scope="col">{t("performance.agency.col.source")}</th>
                <th scope="col">{t("performance.agency.col.organ")}</th>
                <th scope="col">{t("performance.agency.col.due")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.caseNumber}>
                  <td data-label={t("performance.agency.col.caseNumber")}>
                    <Link to={`/agency/performance/${encodeURIComponent(r.caseNumber)}`}>{r.caseNumber}</Link>
                  </td>
                  <td data-label={t("performance.agency.col.source")}>{t(`performance.source.${r.source}`)}</td>
                  <td data-label={t("performance.agency.col.organ")}>{r.organName}</td>
                  <td data-label={t("performance.agency.col.due")}>
                    {r.state === "PERFORMANCE_REPORTED" ? (
                      t("performance.agency.waiting")
                    ) : r.due ? (
                      <>
                        <time dateTime={r.due.dueDate}>{r.due.dueDate}</time> <DueBadge due={r.due} />
                      </>
                    ) : (
                      t("performance.due.none")
                    )}
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
