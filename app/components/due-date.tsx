// A due date with its explanation ("这个日期是怎么算的"), the steps app/domain/periods.ts computed, rendered in the
// visitor's language (DueDateView shows them; a loader can render them instead with renderDueDate).
import { renderDueDate, type ExplanationStep } from "~/domain/periods";
import { useLocale } from "~/utils/i18n";
import { DueDateView } from "./due-date-view";

export function DueDate({ date, explanation, provisional = false, label }: { date: string; explanation: readonly ExplanationStep[]; provisional?: boolean; label?: string }) {
  const locale = useLocale();
  return <DueDateView due={renderDueDate(date, explanation, locale)} provisional={provisional} label={label} />;
}
