// /stats — the statistics dashboard (issue 7 req. 2): per month or year (Beijing time) and per government's area, the
// cases received, accepted and closed, the correction rate, 调撤率, on-time rates and the other metrics of
// app/domain/statistics.ts, each with its numerator, denominator and definition; bar charts with the numbers in a table
// beside; drill-down autonomous region → 盟市 → 旗县. `?format=csv&table=<key>` downloads a table (UTF-8 with BOM).
// Office heads and admins (403 for others), counting only the organs their memberships cover. A malformed query answers 400.
import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/bar-chart";
import { TableWrap } from "~/components/table-wrap";
import { fieldErrors } from "~/domain/application";
import { todayInShanghai } from "~/domain/calendar";
import { isPeriodKey, periodDefinitions } from "~/domain/periods";
import { compliancePeriod, toCsv } from "~/domain/performance";
import { getStatistics, statisticsRoles, StatsQuerySchema, type DrillRow, type MetricRow, type StatsReport, type StatsTable } from "~/services/statistics.server";
import { forbidden, requireRole } from "~/services/session.server";
import { localeFromRequest, translator, useLocale, useT, type Locale, type Translate } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/decision";
import "~/locales/areas/stats";

export const meta = titleMeta("stats.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, statisticsRoles);
  const query = StatsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw data({ errors: fieldErrors(query.error) }, { status: 400 });
  const period = compliancePeriod(query.data, todayInShanghai(new Date()));
  const result = await getStatistics({ user, period, organCode: query.data.organ });
  if (!result.ok) {
    if (result.status === 403) forbidden();
    throw new Response("Not Found", { status: 404 });
  }
  const { report } = result;
  if (query.data.format === "csv") {
    // a document request for the CSV: the page would render it as its data; the download is the resource route's
    const url = new URL(request.url);
    if (!url.pathname.endsWith("/csv")) throw redirect(`/stats/csv${url.search}`);
    const locale = localeFromRequest(request);
    const table = query.data.table ?? "metrics";
    return new Response(toCsv(csvRows(report, table, translator(locale), locale)), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="stats-${table}-${report.organ.code}-${period.key}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  }
  return { report, query: { unit: period.unit, month: period.unit === "month" ? period.key : (query.data.month ?? ""), year: period.key.slice(0, 4) } };
}

// ---------------------------------------------------------------------------------------------------------------
// What the page and the CSV both say

const periodNameIn = (locale: Locale) => (kind: string) => (isPeriodKey(kind) ? periodDefinitions[kind].label[locale === "en" ? "en" : "zh"] : kind);

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
/** A reported national figure, as precise as it was reported (12.83%, 41.8%, 25%). */
const reportedPercent = (v: number) => `${Number((v * 100).toFixed(2))}%`;

function formatValue(m: Pick<MetricRow, "format" | "value">, t: Translate): string {
  if (m.value === null) return t("stats.none");
  if (m.format === "percent") return percent(m.value);
  if (m.format === "days") return t("stats.value.days", { n: Number.isInteger(m.value) ? m.value : m.value.toFixed(1) });
  return t("stats.value.score", { n: m.value.toFixed(2) });
}

function metricLabel(m: Pick<MetricRow, "key" | "kind">, t: Translate, periodName: (kind: string) => string): string {
  return m.key === "onTime" ? t("stats.metric.onTime", { period: periodName(m.kind ?? "") }) : t(`stats.metric.${m.key}`);
}

const rateText = (r: { value: number | null }, t: Translate) => (r.value === null ? t("stats.none") : percent(r.value));

function drillRows(report: StatsReport, t: Translate): { label: string; row: DrillRow }[] {
  if (!report.drill) return [];
  return [{ label: t("stats.own", { organ: report.drill.own.name }), row: report.drill.own }, ...report.drill.children.map((row) => ({ label: row.name, row }))];
}

function csvRows(report: StatsReport, table: StatsTable, t: Translate, locale: Locale): (string | number)[][] {
  const periodName = periodNameIn(locale);
  const lang = locale === "en" ? "en" : "zh";
  switch (table) {
    case "metrics":
      return [
        ["metric", "period", "numerator", "denominator", "value", "definition", "basis"].map((k) => t(`stats.col.${k}`)),
        ...report.metrics.map((m) => [metricLabel(m, t, periodName), report.period.key, m.numerator, m.denominator, formatValue(m, t), m.definition[lang], m.definition.basis]),
      ];
    case "volumes":
      return [
        ["month", "received", "accepted", "closed"].map((k) => t(`stats.col.${k}`)),
        ...report.monthly.map((m) => [m.month, m.received, m.accepted, m.closed]),
        ...(report.monthly.length > 1 ? [[report.period.key, report.volumes.received, report.volumes.accepted, report.volumes.closed]] : []),
      ];
    case "decisions":
      return [
        ["decisionType", "count", "isCorrection"].map((k) => t(`stats.col.${k}`)),
        ...report.decisions.map((d) => [t(`decision.type.${d.type}`), d.count, t(d.correction ? "stats.yes" : "stats.no")]),
      ];
    case "onTime":
      return [["kind", "met", "stopped", "rate"].map((k) => t(`stats.col.${k}`)), ...report.onTime.map((o) => [periodName(o.kind), o.met, o.stopped, rateText(o, t)])];
    case "organs":
      return [
        ["organ", "received", "accepted", "closed", "corrections", "decided", "correctionRate", "mediatedWithdrawn", "mediationWithdrawalRate", "overdueNow"].map((k) => t(`stats.col.${k}`)),
        ...drillRows(report, t).map(({ label, row }) => [
          label,
          row.received,
          row.accepted,
          row.closed,
          row.correction.numerator,
          row.correction.denominator,
          rateText(row.correction, t),
          row.mediationWithdrawal.numerator,
          rateText(row.mediationWithdrawal, t),
          row.overdueNow,
        ]),
      ];
    case "satisfaction":
      return [["score", "count"].map((k) => t(`stats.col.${k}`)), ...report.satisfaction.map((s) => [s.score, s.count])];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The page

export default function Stats() {
  const t = useT();
  const locale = useLocale();
  // the CSV answer is a Response the page never renders; the page's data is the other branch
  const { report, query } = useLoaderData<typeof loader>() as unknown as Exclude<Awaited<ReturnType<typeof loader>>, Response>;
  const periodName = periodNameIn(locale);
  const lang = locale === "en" ? "en" : "zh";
  const { period } = report;
  const href = (extra: Record<string, string>) =>
    `/stats?${new URLSearchParams({ unit: period.unit, ...(period.unit === "month" ? { month: period.key } : { year: period.key }), organ: report.organ.code, ...extra })}`;
  const csvLink = (table: StatsTable) => (
    <p>
      <a href={href({ format: "csv", table }).replace(/^\/stats\?/, "/stats/csv?")} download>
        {t("stats.csv", { table: t(`stats.table.${table}`) })}
      </a>
    </p>
  );
  const drill = drillRows(report, t);
  const belowPossible = report.organ.level === "region" || report.organ.level === "league_city";

  return (
    <section className="page">
      <h1>{t("stats.heading")}</h1>
      <p className="lead">{t("stats.lead")}</p>
      {report.scope.length ? <p>{t("stats.scope", { organs: report.scope.join("、") })}</p> : null}

      <nav aria-label={t("stats.trail")}>
        <ol className="inline-list">
          {report.trail.map((g) => (
            <li key={g.code}>{g.linkable ? <Link to={href({ organ: g.code })}>{g.name}</Link> : g.name}</li>
          ))}
          <li aria-current="page">
            <strong>{report.organ.name}</strong>
          </li>
        </ol>
      </nav>

      <Form method="get" className="form filters">
        <input type="hidden" name="organ" value={report.organ.code} />
        <fieldset className="field">
          <legend>{t("stats.filter")}</legend>
          <div className="field">
            <label htmlFor="stats-unit">{t("stats.unit")}</label>
            <select id="stats-unit" name="unit" defaultValue={query.unit}>
              <option value="month">{t("stats.unit.month")}</option>
              <option value="year">{t("stats.unit.year")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="stats-month">{t("stats.month")}</label>
            <input id="stats-month" name="month" type="month" defaultValue={query.month} />
          </div>
          <div className="field">
            <label htmlFor="stats-year">{t("stats.year")}</label>
            <input id="stats-year" name="year" type="number" inputMode="numeric" min={1900} max={2199} defaultValue={query.year} />
          </div>
          <button type="submit" className="button">
            {t("stats.show")}
          </button>
        </fieldset>
      </Form>

      <p>
        <strong>{t("stats.period", { organ: report.organ.name, from: period.from, to: period.to })}</strong>
      </p>

      <h2>{t("stats.section.volumes")}</h2>
      <div className="cards">
        <div className="card">
          <BarChart
            title={t("stats.chart.volumes")}
            description={t("stats.chartHint")}
            series={[t("stats.col.received"), t("stats.col.accepted"), t("stats.col.closed")]}
            groups={report.monthly.map((m) => ({ label: m.month, values: [m.received, m.accepted, m.closed] }))}
          />
        </div>
        <div className="card">
          <TableWrap label={t("stats.table.volumes")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("stats.col.month")}</th>
                  <th scope="col">{t("stats.col.received")}</th>
                  <th scope="col">{t("stats.col.accepted")}</th>
                  <th scope="col">{t("stats.col.closed")}</th>
                </tr>
              </thead>
              <tbody>
                {report.monthly.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{m.received}</td>
                    <td>{m.accepted}</td>
                    <td>{m.closed}</td>
                  </tr>
                ))}
              </tbody>
              {report.monthly.length > 1 ? (
                <tfoot>
                  <tr>
                    <th scope="row">{period.key}</th>
                    <td>{report.volumes.received}</td>
                    <td>{report.volumes.accepted}</td>
                    <td>{report.volumes.closed}</td>
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </TableWrap>
          {csvLink("volumes")}
        </div>
      </div>
      <p className="muted">{t("stats.volumes.definition", { text: report.volumes.definition[lang] })}</p>

      <h2>{t("stats.section.metrics")}</h2>
      <TableWrap label={t("stats.table.metrics")}>
        <table className="table--stack">
          <thead>
            <tr>
              <th scope="col">{t("stats.col.metric")}</th>
              <th scope="col">{t("stats.col.numerator")}</th>
              <th scope="col">{t("stats.col.denominator")}</th>
              <th scope="col">{t("stats.col.value")}</th>
            </tr>
          </thead>
          <tbody>
            {report.metrics.map((m) => (
              <tr key={`${m.key}-${m.kind ?? ""}`}>
                <th scope="row">{metricLabel(m, t, periodName)}</th>
                <td data-label={t("stats.col.numerator")}>{m.key === "daysPercentile" ? (m.value === null ? t("stats.none") : t("stats.rank", { rank: m.numerator })) : m.numerator}</td>
                <td data-label={t("stats.col.denominator")}>{m.denominator}</td>
                <td data-label={t("stats.col.value")}>{formatValue(m, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {csvLink("metrics")}
      <ul className="muted">
        {report.metrics
          .filter((m) => m.national)
          .map((m) => (
            <li key={m.key}>{t(`stats.national.${m.national!.key}`, { value: reportedPercent(m.national!.value) })}</li>
          ))}
      </ul>
      {report.overdueByKind.length ? (
        <p>{t("stats.overdueByKind", { list: report.overdueByKind.map((o) => `${periodName(o.kind)} ${o.count}`).join("、") })}</p>
      ) : null}

      <h3>{t("stats.section.definitions")}</h3>
      <dl>
        {report.metrics.map((m) => (
          <div key={`${m.key}-${m.kind ?? ""}`}>
            <dt>
              <strong>{metricLabel(m, t, periodName)}</strong>
            </dt>
            <dd>
              {m.definition[lang]}
              {m.definition.basis ? <span className="muted"> {t("stats.basis", { basis: m.definition.basis })}</span> : null}
            </dd>
          </div>
        ))}
      </dl>

      <h2>{t("stats.section.decisions")}</h2>
      <div className="cards">
        <div className="card">
          <BarChart
            title={t("stats.chart.decisions")}
            description={t("stats.chartHint")}
            groups={report.decisions.map((d) => ({ label: t(`decision.type.${d.type}`), values: [d.count] }))}
          />
        </div>
        <div className="card">
          <TableWrap label={t("stats.table.decisions")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("stats.col.decisionType")}</th>
                  <th scope="col">{t("stats.col.count")}</th>
                  <th scope="col">{t("stats.col.isCorrection")}</th>
                </tr>
              </thead>
              <tbody>
                {report.decisions.map((d) => (
                  <tr key={d.type}>
                    <th scope="row">{t(`decision.type.${d.type}`)}</th>
                    <td>{d.count}</td>
                    <td>{t(d.correction ? "stats.yes" : "stats.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {csvLink("decisions")}
        </div>
      </div>

      <h2>{t("stats.section.onTime")}</h2>
      <div className="cards">
        <div className="card">
          <BarChart
            title={t("stats.chart.onTime")}
            description={t("stats.chartHint")}
            groups={report.onTime.map((o) => ({
              label: periodName(o.kind),
              values: [o.value === null ? 0 : Math.round(o.value * 1000) / 10],
              texts: [rateText(o, t)],
            }))}
          />
        </div>
        <div className="card">
          <TableWrap label={t("stats.table.onTime")}>
            <table className="table--stack">
              <thead>
                <tr>
                  <th scope="col">{t("stats.col.kind")}</th>
                  <th scope="col">{t("stats.col.met")}</th>
                  <th scope="col">{t("stats.col.stopped")}</th>
                  <th scope="col">{t("stats.col.rate")}</th>
                </tr>
              </thead>
              <tbody>
                {report.onTime.map((o) => (
                  <tr key={o.kind}>
                    <th scope="row">{periodName(o.kind)}</th>
                    <td data-label={t("stats.col.met")}>{o.met}</td>
                    <td data-label={t("stats.col.stopped")}>{o.stopped}</td>
                    <td data-label={t("stats.col.rate")}>{rateText(o, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {csvLink("onTime")}
        </div>
      </div>

      <h2>{t("stats.section.organs")}</h2>
      {belowPossible && report.drill && report.drill.children.length === 0 ? <p>{t("stats.noChildren")}</p> : null}
      <div className="cards">
        <div className="card">
          <BarChart
            title={t("stats.chart.organs")}
            description={t("stats.chartHint")}
            groups={drill.map(({ label, row }) => ({ label, values: [row.received] }))}
          />
        </div>
        <div className="card">
          <TableWrap label={t("stats.table.organs")}>
            <table className="table--stack">
              <thead>
                <tr>
                  <th scope="col">{t("stats.col.organ")}</th>
                  <th scope="col">{t("stats.col.received")}</th>
                  <th scope="col">{t("stats.col.accepted")}</th>
                  <th scope="col">{t("stats.col.closed")}</th>
                  <th scope="col">{t("stats.col.corrections")}</th>
                  <th scope="col">{t("stats.col.decided")}</th>
                  <th scope="col">{t("stats.col.correctionRate")}</th>
                  <th scope="col">{t("stats.col.mediatedWithdrawn")}</th>
                  <th scope="col">{t("stats.col.mediationWithdrawalRate")}</th>
                  <th scope="col">{t("stats.col.overdueNow")}</th>
                </tr>
              </thead>
              <tbody>
                {drill.map(({ label, row }) => (
                  <tr key={`${row.code}-${label}`}>
                    <th scope="row">{row.linkable ? <Link to={href({ organ: row.code })}>{label}</Link> : label}</th>
                    <td data-label={t("stats.col.received")}>{row.received}</td>
                    <td data-label={t("stats.col.accepted")}>{row.accepted}</td>
                    <td data-label={t("stats.col.closed")}>{row.closed}</td>
                    <td data-label={t("stats.col.corrections")}>{row.correction.numerator}</td>
                    <td data-label={t("stats.col.decided")}>{row.correction.denominator}</td>
                    <td data-label={t("stats.col.correctionRate")}>{rateText(row.correction, t)}</td>
                    <td data-label={t("stats.col.mediatedWithdrawn")}>{row.mediationWithdrawal.numerator}</td>
                    <td data-label={t("stats.col.mediationWithdrawalRate")}>{rateText(row.mediationWithdrawal, t)}</td>
                    <td data-label={t("stats.col.overdueNow")}>{row.overdueNow}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {csvLink("organs")}
        </div>
      </div>

      <h2>{t("stats.section.satisfaction")}</h2>
      <div className="cards">
        <div className="card">
          <BarChart
            title={t("stats.chart.satisfaction")}
            description={t("stats.chartHint")}
            groups={report.satisfaction.map((s) => ({ label: t("stats.score", { score: s.score }), values: [s.count] }))}
          />
        </div>
        <div className="card">
          <TableWrap label={t("stats.table.satisfaction")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("stats.col.score")}</th>
                  <th scope="col">{t("stats.col.count")}</th>
                </tr>
              </thead>
              <tbody>
                {report.satisfaction.map((s) => (
                  <tr key={s.score}>
                    <th scope="row">{t("stats.score", { score: s.score })}</th>
                    <td>{s.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {csvLink("satisfaction")}
        </div>
      </div>

      <h2>{t("stats.section.court")}</h2>
      <p>
        {t("stats.court.explain")} <Link to="/staff/court-appearances">{t("stats.court.registerLink")}</Link>
      </p>
      {report.court.rate.denominator === 0 ? (
        <p>
          <strong>{t("stats.court.none")}</strong>
        </p>
      ) : (
        <p>
          <strong>
            {t("stats.metric.headAppearance")}：{formatValue(report.court.rate, t)}（{t("stats.share", { n: report.court.rate.numerator, d: report.court.rate.denominator })}）
          </strong>{" "}
          {report.court.meetsTarget ? t("stats.court.meets") : t("stats.court.misses")}
        </p>
      )}
      <p>{t("stats.court.registered", { n: report.court.registered, m: report.court.notHeardInCourt })}</p>
      <TableWrap label={t("stats.court.byInstance")}>
        <table>
          <caption>{t("stats.court.byInstance")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("stats.court.col.instance")}</th>
              <th scope="col">{t("stats.court.col.counted")}</th>
              <th scope="col">{t("stats.court.col.appeared")}</th>
            </tr>
          </thead>
          <tbody>
            {report.court.byInstance.map((b) => (
              <tr key={b.instance}>
                <th scope="row">{t(`stats.court.instance.${b.instance}`)}</th>
                <td>{b.counted}</td>
                <td>{b.appeared}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted">{t("stats.court.target", { target: report.court.targetPercent, national: reportedPercent(report.court.national2020) })}</p>
    </section>
  );
}
