// A due date with its explanation behind a native <details> disclosure ("这个日期是怎么算的"): works without JavaScript.
// It shows a due date already put into words (app/domain/periods.ts renderDueDate), so a page whose loader renders
// it does not load the period rules in the browser; DueDate (due-date.tsx) renders it in place.
import type { RenderedDueDate } from "~/domain/periods";
import { useT } from "~/utils/i18n";

export function DueDateView({ due, provisional = false, label }: { due: RenderedDueDate; provisional?: boolean; label?: string }) {
  const t = useT();
  return (
    <div className="due-date">
      {label ? <p className="due-date__label">{label}</p> : null}
      <p className="due-date__value">
        <time dateTime={due.date}>{due.dateText}</time>
        {provisional ? <span className="due-date__badge">{t("dueDate.provisional")}</span> : null}
      </p>
      <details className="due-date__how">
        <summary>{t("dueDate.how")}</summary>
        {due.sections.map((section, i) => (
          <div key={i} className="due-date__section">
            {section.heading ? <p className="due-date__heading">{section.heading}</p> : null}
            <ol className="due-date__steps">
              {section.steps.map((step, j) => (
                <li key={j} className={step.result ? "due-date__result" : undefined}>
                  {step.text}
                </li>
              ))}
            </ol>
          </div>
        ))}
        {due.conclusion ? <p className="due-date__result">{due.conclusion}</p> : null}
      </details>
    </div>
  );
}
