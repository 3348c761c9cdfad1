// The sentence of one notification in the reader's language, the same on /notifications, in the e-mail and in the text
// message: the message key is "notifications.<kind>" (the notify effect's template, or a reminder kind), the values
// are the effect's data with the case number and the period's name.
import { messageVars } from "~/domain/notify";
import { isPeriodKey, periodDefinitions } from "~/domain/periods";
import { isMessageKey, type Locale, type Translate } from "~/utils/i18n";
import "~/locales/areas/mediation-invitation";
import "~/locales/areas/member";
import "~/locales/areas/notify";
import "~/locales/areas/team";

export function notificationText(
  t: Translate,
  locale: Locale,
  n: { kind: string; caseNumber: string | null; data: Record<string, unknown> },
): string {
  const key = `notifications.${n.kind}`;
  if (!isMessageKey(key)) return t("notifications.other", { kind: n.kind });
  const period = String(n.data.period ?? "");
  return t(key, {
    ...messageVars(n.data),
    caseNumber: String(n.data.caseNumber ?? n.caseNumber ?? ""),
    period: isPeriodKey(period) ? periodDefinitions[period].label[locale === "en" ? "en" : "zh"] : period,
    due: String(n.data.dueDate ?? n.data.dueOn ?? ""),
  });
}
