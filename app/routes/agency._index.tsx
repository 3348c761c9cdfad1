// /agency — the respondent agency workspace (issue 5 req. 6): the cases against the organs the user acts for as
// respondent_agent, once the application copy was served, with the reply due date (coloured like the staff queue) and
// the Art. 70 flag when the period ran out without a reply. Other roles get 403.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AgencyPerformanceSection } from "~/components/agency-performance";
import { LetterTable } from "~/components/letters";
import { TableWrap } from "~/components/table-wrap";
import { caseStateLabels } from "~/domain/machines/reconsideration";
import { agencyRoles, listAgencyCases } from "~/services/agency.server";
import { listAgencyPerformance } from "~/services/performance.server";
import { listAgencyLetters } from "~/services/letters.server";
import { requireRole } from "~/services/session.server";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/agency";
import "~/locales/areas/letters";

export const meta = titleMeta("agency.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, agencyRoles);
  return { rows: await listAgencyCases({ user }), performance: await listAgencyPerformance({ user }), letters: await listAgencyLetters({ user }) };
}

export default function AgencyWorkspace() {
  const t = useT();
  const locale = useLocale();
  const { rows, performance, letters } = useLoaderData<typeof loader>();
  const stateLabel = (s: string) => (locale === "en" ? s : (caseStateLabels as Record<string, string>)[s] ?? s);
  const hasNoReply = rows.some((r) => r.noReply);
  return (
    <section className="page">
      <h1>{t("agency.heading")}</h1>
      <p className="lead">{t("agency.lead")}</p>
      {hasNoReply ? (
        <div className="alert alert--error" role="note">
          <p>
            <strong>{t("agency.noReply.flag")}</strong>
          </p>
          <p>{t("agency.art70")}</p>
        </div>
      ) : null}
      {rows.length === 0 ? (
        <p>{t("agency.empty")}</p>
      ) : (
        <TableWrap label={t("agency.table")}>
          <table className="table--stack queue-table">
            <thead>
              <tr>
                <th scope="col">{t("agency.col.caseNumber")}</th>
                <th scope="col">{t("agency.col.organ")}</th>
                <th scope="col">{t("agency.col.state")}</th>
                <th scope="col">{t("agency.col.replyDue")}</th>
                <th scope="col">{t("agency.col.reply")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.caseNumber}>
                  <td data-label={t("agency.col.caseNumber")}>
                    <Link to={`/agency/cases/${encodeURIComponent(r.caseNumber)}`}>{r.caseNumber}</Link>
                  </td>
                  <td data-label={t("agency.col.organ")}>{r.organName}</td>
                  <td data-label={t("agency.col.state")}>{stateLabel(r.state)}</td>
                  <td data-label={t("agency.col.replyDue")}>
                    {r.reply ? (
                      <>
                        <time dateTime={r.reply.dueDate}>{r.reply.dueDate}</time>{" "}
                        {r.reply.colour ? (
                          <span className={`queue-due queue-due--${r.reply.colour}`}>{t(`agency.due.${r.reply.colour}`)}</span>
                        ) : (
                          <span className="muted">{t("agency.due.closed")}</span>
                        )}
                      </>
                    ) : (
                      t("agency.due.none")
                    )}
                  </td>
                  <td data-label={t("agency.col.reply")}>
                    {r.noReply ? (
                      <span className="queue-due queue-due--overdue">{t("agency.noReply.flag")}</span>
                    ) : r.replied ? (
                      t("agency.replied")
                    ) : (
                      t("agency.notReplied")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <AgencyPerformanceSection rows={performance} />
      <section aria-labelledby="agency-letters-heading">
        <h2 id="agency-letters-heading">{t("letters.agency.section")}</h2>
        <p>{t("letters.agency.sectionLead")}</p>
        {letters.length === 0 ? <p>{t("letters.agency.none")}</p> : <LetterTable rows={letters} href={(id) => `/agency/letters/${id}`} showOrgan showRecipient={false} />}
      </section>
    </section>
  );
}
