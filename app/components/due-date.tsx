// A due date with its explanation behind a native <details> disclosure ("这个日期是怎么算的"): works without JavaScript,
// and the steps are the ones app/domain/periods.ts computed, rendered in the visitor's language.
import { formatLegalDate, renderStep, type ExplanationStep } from "~/domain/periods";
import { useLocale, useT } from "~/utils/i18n";

export function DueDate({ date, explanation, provisional = false, label }: { date: string; explanation: readonly ExplanationStep[]; provisional?: boolean; label?: string }) {
  const t = useT();
  const locale = useLocale();
  const conclusion = explanation.find((s) => s.step === "earlier_of");
  return (
    <div className="due-date">
      {label ? <p className="due-date__label">{label}</p> : null}
      <p className="due-date__value">
        <time dateTime={date}>{formatLegalDate(date, locale)}</time>
        {provisional ? <span className="due-date__badge">{t("dueDate.provisional")}</span> : null}
      </p>
      <details className="due-date__how">
        <summary>{t("dueDate.how")}</summary>
        {sections(explanation).map((section, i) => (
          <div key={i} className="due-date__section">
            {section.heading ? <p className="due-date__heading">{renderStep(section.heading, locale)}</p> : null}
            <ol className="due-date__steps">
              {section.steps.map((step, j) => (
                <li key={j} className={step.step === "due" ? "due-date__result" : undefined}>
                  {renderStep(step, locale)}
                </li>
              ))}
            </ol>
          </div>
        ))}
        {conclusion ? <p className="due-date__result">{renderStep(conclusion, locale)}</p> : null}
      </details>
    </div>
  );
}

/** A combined explanation ("section" headings, e.g. the 60 days and the one-year cap of Art. 20(3)) as numbered lists. */
function sections(steps: readonly ExplanationStep[]): Array<{ heading: ExplanationStep | null; steps: ExplanationStep[] }> {
  const out: Array<{ heading: ExplanationStep | null; steps: ExplanationStep[] }> = [];
  for (const step of steps) {
    if (step.step === "earlier_of") continue;
    if (step.step === "section") out.push({ heading: step, steps: [] });
    else if (out.length === 0) out.push({ heading: null, steps: [step] });
    else out[out.length - 1].steps.push(step);
  }
  return out;
}
