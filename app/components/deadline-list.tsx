// The running periods of a case on the staff pages: each due date with how it was worked out (DueDate), the day it
// counts from, its legal basis and whether it is paused — or a line saying that none is running.
import { DueDate } from "~/components/due-date";
import type { ShownDeadline } from "~/domain/deadlines";
import { isPeriodKey, periodDefinitions } from "~/domain/periods";
import { useLocale, useT } from "~/utils/i18n";
import "~/locales/areas/deadlines";

/** The name of a period in the visitor's language. */
export function usePeriodName(): (kind: string) => string {
  const locale = useLocale();
  return (kind) => (isPeriodKey(kind) ? periodDefinitions[kind].label[locale === "en" ? "en" : "zh"] : kind);
}

export function DeadlineList({ deadlines }: { deadlines: readonly ShownDeadline[] }) {
  const t = useT();
  const periodName = usePeriodName();
  if (deadlines.length === 0) return <p>{t("deadlines.none")}</p>;
  return (
    <ul className="plain">
      {deadlines.map((d) => (
        <li key={d.kind} className="card">
          <DueDate label={periodName(d.kind)} date={d.dueDate} explanation={d.explanation} provisional={d.provisional} />
          <p className="muted">
            {t("deadlines.start", { date: d.startDate })} · {d.basis}
            {d.status === "paused" ? ` · ${t("deadlines.paused")}` : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
