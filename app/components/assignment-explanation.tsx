// Why automatic assignment chose whom: one line per candidate (app/domain/assignment.ts CandidateExplanation).
import type { CandidateExplanation } from "~/domain/assignment";
import { useT } from "~/utils/i18n";
import "~/locales/areas/team";

export function AssignmentExplanation({ explanation }: { explanation: readonly CandidateExplanation[] }) {
  const t = useT();
  if (explanation.length === 0) return null;
  return (
    <ul className="assignment-explanation">
      {explanation.map((e) => (
        <li key={e.userId}>
          {t(`team.explain.${e.outcome}`, {
            name: e.displayName,
            count: e.openCases,
            from: e.leave?.fromDate ?? "",
            to: e.leave?.toDate ?? "",
            reason: e.conflictReason ?? "",
          })}
        </li>
      ))}
    </ul>
  );
}
