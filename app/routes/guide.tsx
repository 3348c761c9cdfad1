// The channel finder: one GET form that reveals the next questions as answers come in (all values in the query string,
// no login, works without JavaScript), then the recommended channel with why, its legal basis, the competent organ and
// last day for reconsideration, and a link to the pre-filled form. Rules: app/domain/guide.ts. Bad input → 400, never 500.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { DueDate } from "~/components/due-date";
import { Field } from "~/components/form";
import { todayInShanghai } from "~/domain/calendar";
import {
  guideFields,
  guideQuestions,
  missingAnswerErrors,
  parseAsked,
  readGuideAnswers,
  recommend,
  visibleQuestions,
  type GuideNote,
  type QuestionId,
  type Recommendation,
} from "~/domain/guide";
import { loadDeadlineRules } from "~/services/calendar.server";
import { competentOrganFor, searchRespondentOrgans } from "~/services/competence.server";
import { isMessageKey, useT, type Translate } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/apply";
import "~/locales/areas/guide";

export const meta = titleMeta("guide.pageTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const today = todayInShanghai(new Date());
  const raw: Record<string, string> = {};
  for (const f of guideFields) {
    const v = params.get(f);
    if (v !== null) raw[f] = v;
  }
  const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.slice(0, 60)]));
  const { answers, errors } = readGuideAnswers(raw, today);

  const picked = answers.respondent ? await competentOrganFor(answers.respondent) : null;
  if (answers.respondent && !picked) {
    errors.respondent ??= "errors.organInvalid";
    delete answers.respondent;
  }
  // The search button only looks up organs: unanswered questions are not errors then.
  if (params.get("do") !== "search") {
    for (const [field, key] of Object.entries(missingAnswerErrors(answers, parseAsked(params.get("asked"))))) errors[field] ??= key;
  }
  const organs = answers.respondentQ ? (await searchRespondentOrgans(answers.respondentQ)).map((o) => ({ id: o.id, name: o.name })) : [];

  const page = {
    today,
    values,
    errors,
    questions: visibleQuestions(answers),
    organs,
    respondent: picked ? { id: picked.respondent.id, name: picked.respondent.name } : null,
  };
  if (Object.keys(errors).length > 0) return data({ ...page, outcome: null }, { status: 400 });
  if (!answers.situation) return { ...page, outcome: null };
  const { calendar, settings } = await loadDeadlineRules();
  const outcome = recommend(answers, { today, calendar, settings, respondent: picked });
  return { ...page, outcome: outcome.complete ? outcome : null };
}

export default function Guide() {
  const t = useT();
  const { today, values, errors, questions, organs, respondent, outcome } = useLoaderData<typeof loader>();
  const location = useLocation();
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section className="page page--narrow guide">
      <h1>{t("guide.heading")}</h1>
      <p className="lead">{t("guide.lead")}</p>

      {outcome ? (
        <section className="guide-result" aria-labelledby="guide-result-heading">
          <h2 id="guide-result-heading">{t("guide.result.heading")}</h2>
          <RecommendationView rec={outcome.primary} t={t} level="primary" />
          {outcome.alternatives.length > 0 ? (
            <>
              <h2>{t("guide.result.alternatives")}</h2>
              {outcome.alternatives.map((alt, i) => (
                <RecommendationView key={i} rec={alt} t={t} level="alternative" />
              ))}
            </>
          ) : null}
          <p className="muted">{t("guide.disclaimer")}</p>
          <p>
            <a href="#guide-form">{t("guide.toAnswers")}</a>
          </p>
        </section>
      ) : null}

      {hasErrors ? (
        <div className="alert alert--error" role="alert">
          {t("guide.errorSummary")}
        </div>
      ) : null}

      <h2 id="guide-form-heading">{outcome ? t("guide.editHeading") : t("guide.formHeading")}</h2>
      {/* keyed by the query so that "start again" and back/forward show the answers of that URL, not the last typed */}
      <Form method="get" action="/guide" className="form" id="guide-form" aria-labelledby="guide-form-heading" noValidate key={location.search}>
        <input type="hidden" name="asked" value={questions.join(",")} />
        {questions.map((id) => (
          <Question key={id} id={id} values={values} errors={errors} today={today} organs={organs} respondent={respondent} t={t} />
        ))}
        <div className="guide-actions">
          <button type="submit" className="button button--primary">
            {outcome ? t("guide.showResult") : t("guide.continue")}
          </button>
          <Link to="/guide" className="button">
            {t("guide.restart")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

type Values = Record<string, string>;

function Question({
  id,
  values,
  errors,
  today,
  organs,
  respondent,
  t,
}: {
  id: QuestionId;
  values: Values;
  errors: Record<string, string>;
  today: string;
  organs: { id: string; name: string }[];
  respondent: { id: string; name: string } | null;
  t: Translate;
}) {
  const question = guideQuestions.find((q) => q.id === id)!;
  const error = errors[id];
  if (question.type === "date") {
    return (
      <Field
        label={t(`guide.q.${id}`)}
        hint={t(`guide.q.${id}.hint`)}
        name={id}
        type="date"
        max={today}
        defaultValue={values[id] ?? ""}
        error={error}
        required={id === "learnedOn"}
      />
    );
  }
  if (question.type === "organ") {
    return <RespondentPicker values={values} error={error ?? errors.respondentQ} organs={organs} respondent={respondent} t={t} />;
  }
  const hintKey = `guide.q.${id}.hint`;
  const hint = isMessageKey(hintKey) ? t(hintKey) : null;
  const errorId = `guide-${id}-error`;
  const hintId = `guide-${id}-hint`;
  const described = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`field choice${error ? " field--error" : ""}`} aria-describedby={described}>
      <legend>{t(`guide.q.${id}`)}</legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
      {question.options!.map((option) => (
        <label key={option} className="choice__option">
          <input type="radio" name={id} value={option} defaultChecked={values[id] === option} aria-invalid={error ? true : undefined} />
          <span>{t(`guide.q.${id}.${option}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function RespondentPicker({
  values,
  error,
  organs,
  respondent,
  t,
}: {
  values: Values;
  error: string | undefined;
  organs: { id: string; name: string }[];
  respondent: { id: string; name: string } | null;
  t: Translate;
}) {
  const choices = respondent && !organs.some((o) => o.id === respondent.id) ? [respondent, ...organs] : organs;
  const q = values.respondentQ ?? "";
  return (
    <fieldset
      className={`field choice guide-organ${error ? " field--error" : ""}`}
      aria-describedby={`guide-respondent-hint${error ? " guide-respondent-error" : ""}`}
    >
      <legend>{t("guide.q.respondent")}</legend>
      <p className="field__hint" id="guide-respondent-hint">
        {t("guide.q.respondent.hint")}
      </p>
      {error ? (
        <p className="field__error" id="guide-respondent-error">
          {t(error)}
        </p>
      ) : null}
      <div className="guide-search">
        <label htmlFor="guide-respondentQ">{t("guide.respondent.search")}</label>
        <div className="guide-search__row">
          <input id="guide-respondentQ" name="respondentQ" type="search" defaultValue={q} maxLength={50} autoComplete="off" />
          <button type="submit" name="do" value="search" className="button">
            {t("guide.respondent.searchButton")}
          </button>
        </div>
      </div>
      {q && organs.length === 0 ? <p className="muted">{t("guide.respondent.none", { q })}</p> : null}
      {choices.length > 0 ? (
        <div role="group" aria-labelledby="guide-respondent-results">
          <p className="guide-organ__label" id="guide-respondent-results">
            {t("guide.respondent.results")}
          </p>
          {choices.map((o) => (
            <label key={o.id} className="choice__option">
              <input type="radio" name="respondent" value={o.id} defaultChecked={respondent?.id === o.id} />
              <span>{o.name}</span>
            </label>
          ))}
          <label className="choice__option">
            <input type="radio" name="respondent" value="" defaultChecked={!respondent} />
            <span>{t("guide.respondent.skip")}</span>
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}

function Basis({ articles, t }: { articles: readonly string[]; t: Translate }) {
  if (articles.length === 0) return null;
  return <p className="guide-basis">{t("guide.result.article", { article: articles.join("、") })}</p>;
}

function Notes({ notes, t, warning }: { notes: readonly GuideNote[]; t: Translate; warning: boolean }) {
  return (
    <>
      {notes.map((n) => (
        <div key={n.key} className={warning ? "guide-warning" : "guide-note"}>
          <p>{t(n.key)}</p>
          <Basis articles={n.basis} t={t} />
        </div>
      ))}
    </>
  );
}

function RecommendationView({ rec, t, level }: { rec: Recommendation; t: Translate; level: "primary" | "alternative" }) {
  const r = rec.reconsideration;
  const deadline = r?.deadline ?? null;
  return (
    <article className={`card guide-card guide-card--${level}`}>
      <h3>{t(rec.titleKey)}</h3>
      {rec.warnings.length > 0 ? (
        <>
          <p className="guide-label">{t("guide.result.warnings")}</p>
          <Notes notes={rec.warnings} t={t} warning />
        </>
      ) : null}

      <p className="guide-label">{t("guide.result.why")}</p>
      {rec.whyKeys.map((key) => (
        <p key={key}>{t(key)}</p>
      ))}

      {r?.competent ? (
        <>
          <p className="guide-label">{t("guide.result.competentHeading")}</p>
          <p>{t("guide.result.respondent", { respondent: r.competent.respondentName })}</p>
          {r.competent.organ ? <p className="guide-organ-name">{t("guide.result.competentOrgan", { organ: r.competent.organ.name })}</p> : null}
          {r.competent.externalName ? <p className="guide-organ-name">{t("guide.result.externalOrgan", { organ: r.competent.externalName })}</p> : null}
          <p>{t(r.competent.reasonKey, { respondent: r.competent.respondentName, organ: r.competent.organ?.name ?? r.competent.externalName ?? "" })}</p>
          {r.competent.article ? <Basis articles={[r.competent.article]} t={t} /> : null}
          {r.competent.alternatives.map((alt) => (
            <div key={alt.organ.id}>
              <p>{t(alt.reasonKey, { respondent: r.competent!.respondentName, organ: alt.organ.name })}</p>
              <Basis articles={[alt.article]} t={t} />
            </div>
          ))}
        </>
      ) : null}

      {deadline ? (
        <>
          <DueDate date={deadline.due} explanation={deadline.explanation} provisional={deadline.provisional} label={t("guide.result.dueLabel")} />
          <p className={deadline.passed ? "field__error" : undefined}>
            {deadline.passed
              ? t("guide.result.passed", { days: -deadline.daysLeft })
              : deadline.daysLeft === 0
              ? t("guide.result.lastDayToday")
              : t("guide.result.stillTime", { days: deadline.daysLeft })}
          </p>
        </>
      ) : null}

      {rec.whereKey ? (
        <>
          <p className="guide-label">{t("guide.result.where")}</p>
          <p>{t(rec.whereKey)}</p>
        </>
      ) : null}

      <Notes notes={rec.notes} t={t} warning={false} />

      <p className="guide-label">{t("guide.result.basis")}</p>
      <ul className="guide-articles">
        {rec.basis.map((article) => (
          <li key={article}>{article}</li>
        ))}
      </ul>

      {rec.link ? (
        <>
          <p>
            <Link className="button button--primary" to={rec.link}>
              {rec.channel === "reconsideration" ? t("guide.result.openReconsideration") : t("guide.result.openMediation")}
            </Link>
          </p>
          <p className="muted">{t("guide.result.formPrefilled")}</p>
        </>
      ) : null}
    </article>
  );
}
