// Public tool "我还来得及申请行政复议吗?": a GET form (works without JavaScript) → the last day to apply under Art. 20,
// whether it has passed (today in Asia/Shanghai) and how it was computed. Any input answers a page, never a 500.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { DueDate } from "~/components/due-date";
import { Field } from "~/components/form";
import { applicationDeadlineSchema, computeApplicationDeadline } from "~/domain/application-deadline";
import { todayInShanghai } from "~/domain/calendar";
import { loadDeadlineRules } from "~/services/calendar.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta("tools.deadline.title");

const FIELDS = ["learnedOn", "informed", "rightLearnedOn"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const today = todayInShanghai(new Date());
  const values = Object.fromEntries(FIELDS.map((f) => [f, (params.get(f) ?? "").slice(0, 40)])) as Record<(typeof FIELDS)[number], string>;
  if (!FIELDS.some((f) => params.has(f))) return { today, values, errors: {} as Record<string, string>, result: null };

  const parsed = applicationDeadlineSchema(today).safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[issue.path.join(".") || "learnedOn"] ??= issue.message;
    return data({ today, values, errors, result: null }, { status: 400 });
  }
  const { calendar, settings } = await loadDeadlineRules();
  return { today, values, errors: {} as Record<string, string>, result: computeApplicationDeadline(parsed.data, calendar, settings, today) };
}

export default function ApplicationDeadlineTool() {
  const t = useT();
  const { today, values, errors, result } = useLoaderData<typeof loader>();
  const hasErrors = Object.keys(errors).length > 0;
  const informedError = errors.informed;
  return (
    <section className="page page--narrow deadline-tool">
      <h1>{t("tools.deadline.heading")}</h1>
      <p className="lead">{t("tools.deadline.lead")}</p>

      {result ? (
        <section className="deadline-result" aria-labelledby="deadline-result-heading">
          <h2 id="deadline-result-heading">{t("tools.deadline.resultHeading")}</h2>
          <div className={`alert ${result.passed ? "alert--error" : "alert--success"}`} role="status">
            {result.passed
              ? t("tools.deadline.passed", { days: -result.daysLeft })
              : result.daysLeft === 0
                ? t("tools.deadline.lastDayToday")
                : t("tools.deadline.stillTime", { days: result.daysLeft })}
          </div>
          <DueDate date={result.due} explanation={result.explanation} provisional={result.provisional} label={t("tools.deadline.dueLabel")} />
          <p className="muted">
            {result.rule === "informed" ? t("tools.deadline.ruleInformed") : result.rule === "uninformed" ? t("tools.deadline.ruleUninformed") : t("tools.deadline.ruleCapped")}
          </p>
          {result.provisional ? <p className="muted">{t("tools.deadline.provisional")}</p> : null}
          {result.passed ? <p>{t("tools.deadline.passedAdvice")}</p> : null}
        </section>
      ) : null}

      {hasErrors ? (
        <div className="alert alert--error" role="alert">
          {t("tools.deadline.errorSummary")}
        </div>
      ) : null}

      <Form method="get" className="form" noValidate>
        <Field
          label={t("tools.deadline.learnedOn")}
          hint={t("tools.deadline.learnedOnHint")}
          name="learnedOn"
          type="date"
          max={today}
          defaultValue={values.learnedOn}
          error={errors.learnedOn}
          required
        />
        <fieldset className={`field choice${informedError ? " field--error" : ""}`} aria-describedby={informedError ? "informed-error" : undefined}>
          <legend>{t("tools.deadline.informed")}</legend>
          {informedError ? (
            <p className="field__error" id="informed-error">
              {t(informedError)}
            </p>
          ) : null}
          <label className="choice__option">
            <input type="radio" name="informed" value="yes" defaultChecked={values.informed === "yes"} aria-invalid={informedError ? true : undefined} />
            <span>{t("tools.deadline.informedYes")}</span>
          </label>
          <label className="choice__option">
            <input type="radio" name="informed" value="no" defaultChecked={values.informed === "no"} aria-invalid={informedError ? true : undefined} />
            <span>{t("tools.deadline.informedNo")}</span>
          </label>
        </fieldset>
        <Field
          label={t("tools.deadline.rightLearnedOn")}
          hint={t("tools.deadline.rightLearnedOnHint")}
          name="rightLearnedOn"
          type="date"
          max={today}
          defaultValue={values.rightLearnedOn}
          error={errors.rightLearnedOn}
        />
        <button type="submit" className="button button--primary">
          {t("tools.deadline.submit")}
        </button>
      </Form>

      <h2>{t("tools.deadline.notesHeading")}</h2>
      <ul className="notes">
        <li>{t("tools.deadline.noteMidnight")}</li>
        <li>{t("tools.deadline.noteLonger")}</li>
        <li>{t("tools.deadline.noteAbsolute")}</li>
        <li>{t("tools.deadline.noteDisclaimer")}</li>
      </ul>
    </section>
  );
}
