// What is to be performed and by when (Art. 77(1); Reg. Art. 49: 60 days when the decision sets no period to redo), the
// current due date coloured like the staff queue, the periods so far, the follow-up documents, the 约谈 / 通报批评
// recorded and the respondent's reports with their assessment. Read-only; shown on the agency and the staff pages.
import { DueDate } from "~/components/due-date";
import { usePeriodName } from "~/components/deadline-list";
import type { ExplanationStep } from "~/domain/periods";
import { useT } from "~/utils/i18n";
import "~/locales/areas/cases";
import "~/locales/areas/performance";

export interface PerformanceDetailsData {
  monitored: boolean;
  obligation: { kind: string; days: number | null; defaultPeriod: boolean; basis: string; from: string | null } | null;
  terms: { result: string | null; respondentObligations: string | null };
  due: { kind: string; startDate: string; dueDate: string; colour: "ok" | "warn" | "overdue" | null; overdue: boolean; daysOverdue: number } | null;
  periods: { kind: string; basis: string; startDate: string; dueDate: string; status: string; provisional: boolean; explanation: ExplanationStep[] }[];
  documents: { id: string; kind: string; number: string | null; issuedAt: string; days: number | null; measures: string[] }[];
  reports: {
    id: string;
    filedAt: string;
    filedByName: string;
    summary: string;
    attachments: { description: string; fileId: string | null; fileName: string | null }[];
    adequate: boolean | null;
    assessmentReasons: string | null;
  }[];
  measures: { measure: string; heldOn: string; summary: string }[];
}

/** An instant as Beijing time, "2026-11-30 09:15". */
export function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** The due date's badge: the queue's colours (app/domain/queue.ts), with the days overdue. */
export function DueBadge({ due }: { due: NonNullable<PerformanceDetailsData["due"]> }) {
  const t = useT();
  if (!due.colour) return <span className="muted">{t("performance.due.stopped")}</span>;
  return (
    <span className={`queue-due queue-due--${due.colour}`}>
      {due.colour === "overdue" ? t("performance.due.overdue", { days: due.daysOverdue }) : t(`performance.due.${due.colour}`)}
    </span>
  );
}

export function PerformanceDetails({ view, documentHref }: { view: PerformanceDetailsData; documentHref: (id: string) => string }) {
  const t = useT();
  const periodName = usePeriodName();
  const o = view.obligation;
  const latest = view.periods.at(-1);
  return (
    <>
      <h2>{t("performance.obligation.heading")}</h2>
      {o ? (
        <dl className="kv">
          <dt>{t("performance.obligation.kind")}</dt>
          <dd>{t(`performance.obligation.${o.kind}`)}</dd>
          {view.terms.result ? (
            <>
              <dt>{t("performance.obligation.result")}</dt>
              <dd className="review-text">{view.terms.result}</dd>
            </>
          ) : null}
          {view.terms.respondentObligations ? (
            <>
              <dt>{t("performance.obligation.duties")}</dt>
              <dd className="review-text">{view.terms.respondentObligations}</dd>
            </>
          ) : null}
          <dt>{t("performance.obligation.period")}</dt>
          <dd>
            {o.days ? t("performance.obligation.days", { days: o.days }) : t("performance.obligation.noDays")}
            {o.defaultPeriod ? <p className="muted">{t("performance.obligation.defaultPeriod")}</p> : null}
          </dd>
          {o.from ? (
            <>
              <dt>{t("performance.obligation.from")}</dt>
              <dd>{t("performance.obligation.fromValue", { date: o.from })}</dd>
            </>
          ) : null}
          <dt>{t("performance.obligation.basis")}</dt>
          <dd>{o.basis}</dd>
        </dl>
      ) : (
        <p>{t("performance.obligation.none")}</p>
      )}

      <h2>{t("performance.due.heading")}</h2>
      {view.due && latest ? (
        <div className="card">
          <DueDate label={periodName(view.due.kind)} date={view.due.dueDate} explanation={latest.explanation} provisional={latest.provisional} />
          <p className="muted">
            {t("performance.due.start", { date: view.due.startDate })} · {latest.basis}
          </p>
          <p>
            <DueBadge due={view.due} />
          </p>
        </div>
      ) : (
        <p>{t("performance.due.none")}</p>
      )}
      {view.periods.length > 1 ? (
        <>
          <h3>{t("performance.periods.heading")}</h3>
          <ul>
            {view.periods.map((p, i) => (
              <li key={`${p.kind}-${i}`}>
                {periodName(p.kind)} · <time dateTime={p.startDate}>{p.startDate}</time> – <time dateTime={p.dueDate}>{p.dueDate}</time> ·{" "}
                {t(`performance.periods.status.${p.status}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {view.documents.length ? (
        <>
          <h2>{t("performance.docs.heading")}</h2>
          <ul className="plain">
            {view.documents.map((d) => (
              <li key={d.id} className="card">
                <h3>
                  {t(`cases.doc.${d.kind}`)}
                  {d.number ? ` ${d.number}` : null}
                </h3>
                <p className="muted">{shanghaiTime(d.issuedAt)}</p>
                {d.kind === "order_to_perform" ? (
                  <p>
                    {d.days ? t("performance.docs.orderDays", { days: d.days }) : null}
                    {d.measures.length ? ` · ${t("performance.docs.measures", { measures: d.measures.map((m) => t(`performance.measure.${m}`)).join("、") })}` : null}
                  </p>
                ) : null}
                <p>
                  <a href={documentHref(d.id)}>{t("performance.docs.open")}</a>
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {view.measures.length ? (
        <>
          <h2>{t("performance.measures.heading")}</h2>
          <ul>
            {view.measures.map((m, i) => (
              <li key={i}>{t("performance.measures.item", { date: m.heldOn, measure: t(`performance.measure.${m.measure}`), summary: m.summary })}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t("performance.reports.heading")}</h2>
      {view.reports.length === 0 ? (
        <p>{t("performance.reports.none")}</p>
      ) : (
        <ul className="plain">
          {view.reports.map((r) => (
            <li key={r.id} className="card">
              <p className="muted">
                {t("performance.reports.meta", { name: r.filedByName, time: shanghaiTime(r.filedAt) })} ·{" "}
                <strong>
                  {r.adequate === null
                    ? t("performance.reports.pending")
                    : r.adequate
                      ? t("performance.reports.adequate")
                      : t("performance.reports.inadequate", { reasons: r.assessmentReasons ?? "" })}
                </strong>
              </p>
              <p className="review-text">{r.summary}</p>
              {r.attachments.length ? (
                <>
                  <h3>{t("performance.reports.files")}</h3>
                  <ol>
                    {r.attachments.map((a, i) => (
                      <li key={i}>
                        {a.description}{" "}
                        {a.fileId ? <a href={`/files/${a.fileId}`}>{a.fileName ?? a.fileId}</a> : <span className="muted">{t("performance.reports.noFile")}</span>}
                      </li>
                    ))}
                  </ol>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
