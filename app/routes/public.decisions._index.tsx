// /public/decisions — the published reconsideration decisions (《行政复议法》第七十九条第一款): anonymised copies approved by
// an office head, newest first, filtered by organ and year and searched in title and text. No login; a GET form that
// works without JavaScript. Only approved copies exist here; the originals never do. Bad query → 400 with messages.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/form";
import { Select } from "~/components/fields";
import { fieldErrors } from "~/domain/application";
import {
  MAX_SEARCH,
  PUBLICATION_BASIS,
  PublicSearchSchema,
} from "~/domain/publication";
import {
  listPublishedDecisions,
  type PublicList,
} from "~/services/publication.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/decision";
import "~/locales/areas/publication";

export const meta = titleMeta("publication.public.title");

const empty: PublicList = {
  rows: [],
  total: 0,
  page: 1,
  pageCount: 1,
  organs: [],
  years: [],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  for (const key of ["q", "organ", "year", "page"]) {
    const v = params.get(key);
    if (v !== null) raw[key] = v.slice(0, 200);
  }
  const parsed = PublicSearchSchema.safeParse(raw);
  if (!parsed.success) {
    return data(
      {
        list: empty,
        values: raw,
        errors: fieldErrors(parsed.error),
        searched: null as string | null,
      },
      { status: 400 }
    );
  }
  const list = await listPublishedDecisions(parsed.data);
  return {
    list,
    values: raw,
    errors: {} as Record<string, string>,
    searched: parsed.data.q,
  };
}

export default function PublicDecisions() {
  const t = useT();
  const { list, values, errors, searched } = useLoaderData<typeof loader>();
  const hasErrors = Object.keys(errors).length > 0;
  const pageHref = (page: number) => {
    const p = new URLSearchParams();
    for (const key of ["q", "organ", "year"])
      if (values[key]) p.set(key, values[key]);
    if (page > 1) p.set("page", String(page));
    const s = p.toString();
    return `/public/decisions${s ? `?${s}` : ""}`;
  };
  return (
    <section className="page public-decisions">
      <h1>{t("publication.public.heading")}</h1>
      <p className="lead">
        {t("publication.public.lead", { basis: PUBLICATION_BASIS })}
      </p>

      {hasErrors ? (
        <div className="alert alert--error" role="alert">
          {t("publication.public.badQuery")}
        </div>
      ) : null}
      <Form
        method="get"
        className="queue-filters"
        role="search"
        aria-label={t("publication.public.searchLabel")}
      >
        <Field
          name="q"
          type="search"
          label={t("publication.public.q")}
          hint={t("publication.public.qHint")}
          maxLength={MAX_SEARCH}
          defaultValue={values.q ?? ""}
          error={errors.q}
        />
        <Select
          name="organ"
          label={t("publication.public.organ")}
          placeholder={t("publication.public.allOrgans")}
          options={list.organs.map((o) => ({ value: o.id, label: o.name }))}
          defaultValue={values.organ ?? ""}
          error={errors.organ}
        />
        <Select
          name="year"
          label={t("publication.public.year")}
          placeholder={t("publication.public.allYears")}
          options={list.years.map((y) => ({
            value: String(y),
            label: t("publication.public.yearOption", { year: y }),
          }))}
          defaultValue={values.year ?? ""}
          error={errors.year}
        />
        <p className="queue-filters__buttons">
          <button type="submit" className="button button--primary">
            {t("publication.public.submit")}
          </button>
          <Link to="/public/decisions">{t("publication.public.reset")}</Link>
        </p>
      </Form>

      <p role="status">
        {searched
          ? t("publication.public.countFor", { count: list.total, q: searched })
          : t("publication.public.count", { count: list.total })}
      </p>
      {list.rows.length === 0 && !hasErrors ? (
        <p>{t("publication.public.none")}</p>
      ) : null}
      <ul className="plain">
        {list.rows.map((r) => (
          <li key={r.id} className="card">
            <h2 className="public-decisions__title">
              <Link to={`/public/decisions/${r.id}`}>{r.title}</Link>
            </h2>
            <p className="muted">
              {r.organName}
              {r.decidedOn
                ? ` · ${t("publication.public.decidedOn", {
                    date: r.decidedOn,
                  })}`
                : null}
              {r.decisionKind
                ? ` · ${t(`decision.type.${r.decisionKind}`)}`
                : null}
            </p>
            <p className="public-decisions__snippet">{r.snippet}</p>
          </li>
        ))}
      </ul>
      {list.pageCount > 1 ? (
        <nav className="queue-pager" aria-label={t("publication.public.pages")}>
          {list.page > 1 ? (
            <Link to={pageHref(list.page - 1)}>
              {t("publication.public.prev")}
            </Link>
          ) : null}
          <span>
            {t("publication.public.pageOf", {
              page: list.page,
              count: list.pageCount,
            })}
          </span>
          {list.page < list.pageCount ? (
            <Link to={pageHref(list.page + 1)}>
              {t("publication.public.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
