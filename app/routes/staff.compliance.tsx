// /staff/compliance — per receiving agency and per month or year: opinion letters served (Art. 76) and how they were
// reported on, and how decisions and 调解书 were performed (Art. 77), each number shown as a share of its denominator;
// `?format=csv` downloads the same table (UTF-8 with BOM, for Excel). Office heads and admins (403 for others), counting
// only the organs their memberships cover. A malformed period answers 400.
import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { fieldErrors } from "~/domain/application";
import { todayInShanghai } from "~/domain/calendar";
import {
  ComplianceQuerySchema,
  complianceDenominator,
  complianceNumberKeys,
  compliancePeriod,
  toCsv,
  type ComplianceRow,
} from "~/domain/performance";
import { complianceRoles, getCompliance } from "~/services/performance.server";
import { requireRole } from "~/services/session.server";
import { localeFromRequest, translator, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/performance";

export const meta = titleMeta("compliance.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, complianceRoles);
  const params = new URL(request.url).searchParams;
  const query = ComplianceQuerySchema.safeParse(Object.fromEntries(params));
  if (!query.success) throw data({ errors: fieldErrors(query.error) }, { status: 400 });
  const period = compliancePeriod(query.data, todayInShanghai(new Date()));
  const report = await getCompliance({ user, period });
  if (query.data.format === "csv") {
    // a document request for the CSV: the page would render it as its data; the download is the resource route's
    const url = new URL(request.url);
    if (!url.pathname.endsWith("/csv")) throw redirect(`/staff/compliance/csv${url.search}`);
    const t = translator(localeFromRequest(request));
    const header = [t("compliance.col.organ"), t("compliance.col.period"), ...complianceNumberKeys.map((k) => t(`compliance.col.${k}`))];
    const line = (name: string, r: Pick<ComplianceRow, (typeof complianceNumberKeys)[number]>) => [name, period.key, ...complianceNumberKeys.map((k) => r[k])];
    const csv = toCsv([header, ...report.rows.map((r) => line(r.organName, r)), line(t("compliance.total"), report.total)]);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="compliance-${period.key}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  }
  return { report, query: { unit: period.unit, month: period.unit === "month" ? period.key : (query.data.month ?? ""), year: period.key.slice(0, 4) } };
}

export default function StaffCompliance() {
  const t = useT();
  // the CSV answer is a Response the page never renders; the page's data is the other branch
  const { report, query } = useLoaderData<typeof loader>() as unknown as Exclude<Awaited<ReturnType<typeof loader>>, Response>;
  const { period, rows, total } = report;
  const csvHref = `/staff/compliance/csv?${new URLSearchParams({ unit: period.unit, ...(period.unit === "month" ? { month: period.key } : { year: period.key }), format: "csv" })}`;
  const cell = (r: Pick<ComplianceRow, (typeof complianceNumberKeys)[number]>, k: (typeof complianceNumberKeys)[number]) => {
    const d = complianceDenominator[k];
    return d ? t("compliance.share", { n: r[k], d: r[d] }) : String(r[k]);
  };
  return (
    <section className="page">
      <h1>{t("compliance.heading")}</h1>
      <p className="lead">{t("compliance.lead")}</p>
      {report.organs.length ? <p>{t("compliance.organs", { organs: report.organs.join("、") })}</p> : null}

      <Form method="get" className="form filters">
        <fieldset className="field">
          <legend>{t("compliance.filter")}</legend>
          <div className="field">
            <label htmlFor="compliance-unit">{t("compliance.unit")}</label>
            <select id="compliance-unit" name="unit" defaultValue={query.unit}>
              <option value="month">{t("compliance.unit.month")}</option>
              <option value="year">{t("compliance.unit.year")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="compliance-month">{t("compliance.month")}</label>
            <input id="compliance-month" name="month" type="month" defaultValue={query.month} />
          </div>
          <div className="field">
            <label htmlFor="compliance-year">{t("compliance.year")}</label>
            <input id="compliance-year" name="year" type="number" inputMode="numeric" min={1900} max={2199} defaultValue={query.year} />
          </div>
          <button type="submit" className="button">
            {t("compliance.show")}
          </button>
        </fieldset>
      </Form>

      <p>
        <strong>{t("compliance.period", { from: period.from, to: period.to })}</strong> · <a href={csvHref}>{t("compliance.csv")}</a>
      </p>

      {rows.length === 0 ? (
        <p>{t("compliance.empty")}</p>
      ) : (
        <TableWrap label={t("compliance.table")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  {t("compliance.col.organ")}
                </th>
                <th scope="colgroup" colSpan={5}>
                  {t("compliance.group.letters")}
                </th>
                <th scope="colgroup" colSpan={4}>
                  {t("compliance.group.decisions")}
                </th>
              </tr>
              <tr>
                {complianceNumberKeys.map((k) => (
                  <th key={k} scope="col">
                    {t(`compliance.col.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.organId ?? r.organName}>
                  <th scope="row" data-label={t("compliance.col.organ")}>
                    {r.organName}
                  </th>
                  {complianceNumberKeys.map((k) => (
                    <td key={k} data-label={t(`compliance.col.${k}`)}>
                      {k === "overdueNow" || k === "notPerformed" ? (
                        r[k] > 0 ? (
                          <span className="queue-due queue-due--overdue">{cell(r, k)}</span>
                        ) : (
                          cell(r, k)
                        )
                      ) : (
                        cell(r, k)
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" data-label={t("compliance.col.organ")}>
                  {t("compliance.total")}
                </th>
                {complianceNumberKeys.map((k) => (
                  <td key={k} data-label={t(`compliance.col.${k}`)}>
                    {cell(total, k)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      )}

      <h2>{t("compliance.defs.heading")}</h2>
      <ul>
        {complianceNumberKeys.map((k) => (
          <li key={k}>{t(`compliance.defs.${k}`)}</li>
        ))}
      </ul>
    </section>
  );
}
