// /admin/calendar — the official holiday calendar per year (rest days and 调休 make-up working days, national and the
// Inner Mongolia overlay, with their source), adding a State Council notice as a list of days, and removing a day
// entered by mistake. Each change recomputes the running deadlines in the same transaction and says how many moved.
// Administrators of the autonomous region change it; other administrators read it.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { Select, TextArea } from "~/components/fields";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { calendarRegions, type NoticeLineError } from "~/domain/admin";
import { addCalendarNotice, getCalendarYear, removeCalendarDay } from "~/services/admin-rules.server";
import { readForm } from "~/services/form.server";
import { requirePermission } from "~/services/session.server";
import { isMessageKey, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.calendar.title");

const YearSchema = z.object({ year: z.catch(z.coerce.number().check(z.int(), z.gte(2000), z.lte(2099)), () => new Date().getUTCFullYear()) });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "admin:view");
  const { year } = YearSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { year, ...(await getCalendarYear({ user, year })) };
}

interface CalendarFailure {
  ok: false;
  errors: Record<string, string>;
  formError: string;
  values: Record<string, string>;
  lineErrors?: NoticeLineError[];
  existing?: string[];
}

const RemoveSchema = z.object({ region: z.enum(calendarRegions), day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) });

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requirePermission(request, "admin:view");
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in values)) values[k] = v;
  if (values.intent === "remove") {
    const parsed = RemoveSchema.safeParse(values);
    if (!parsed.success) return data<CalendarFailure>({ ok: false, errors: {}, formError: "errors.badRequest", values }, { status: 400 });
    const r = await removeCalendarDay({ user: loaded.user, ...parsed.data, requestId: context.requestId });
    if (!r.ok) return data<CalendarFailure>({ ok: false, errors: {}, formError: r.status === 403 ? "admin.errors.regionOnly" : "admin.errors.notFound", values }, { status: r.status });
    return redirect(`/admin/calendar?year=${parsed.data.day.slice(0, 4)}&removed=1&moved=${r.moved}`, 303);
  }
  const result = await addCalendarNotice({ user: loaded.user, form: values, requestId: context.requestId });
  if (result.ok) {
    const year = values.lines?.match(/\d{4}/)?.[0] ?? "";
    return redirect(`/admin/calendar?year=${year}&added=${result.added}&moved=${result.moved}`, 303);
  }
  return data<CalendarFailure>(
    { ok: false, errors: result.errors, formError: result.formError, values, lineErrors: result.lineErrors, existing: result.existing },
    { status: result.status },
  );
}

export default function AdminCalendar() {
  const t = useT();
  const { year, years, days, canEdit } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const added = params.get("added");
  const moved = params.get("moved");
  const lineErrors = failure?.lineErrors;
  const existing = failure?.existing;
  return (
    <section className="page">
      <h1>{t("admin.calendar.heading")}</h1>
      <p className="lead">{t("admin.calendar.lead")}</p>
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      {added || params.get("removed") ? (
        <div className="alert alert--success" role="status">
          {added ? t("admin.calendar.added", { count: Number(added) }) : t("admin.calendar.removed")} {t("admin.calendar.moved", { count: Number(moved ?? 0) })}
        </div>
      ) : null}
      <nav aria-label={t("admin.calendar.years")} className="form-inline">
        {[...new Set([...years, year, year + 1])].sort().map((y) =>
          y === year ? (
            <strong key={y} aria-current="page">
              {y}
            </strong>
          ) : (
            <Link key={y} to={`/admin/calendar?year=${y}`}>
              {y}
            </Link>
          ),
        )}
      </nav>
      <h2>{t("admin.calendar.yearHeading", { year })}</h2>
      {days.length === 0 ? (
        <p>{t("admin.calendar.noDays")}</p>
      ) : (
        <TableWrap label={t("admin.calendar.yearHeading", { year })}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("admin.calendar.col.day")}</th>
                <th scope="col">{t("admin.calendar.col.kind")}</th>
                <th scope="col">{t("admin.calendar.col.name")}</th>
                <th scope="col">{t("admin.calendar.col.region")}</th>
                <th scope="col">{t("admin.calendar.col.source")}</th>
                {canEdit ? <th scope="col">{t("admin.calendar.col.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={`${d.region}-${d.day}`}>
                  <td data-label={t("admin.calendar.col.day")}>{d.day}</td>
                  <td data-label={t("admin.calendar.col.kind")}>{t(`admin.calendar.kind.${d.kind}`)}</td>
                  <td data-label={t("admin.calendar.col.name")}>{d.name}</td>
                  <td data-label={t("admin.calendar.col.region")}>{d.region === "CN" ? t("admin.calendar.region.CN") : t("admin.calendar.region.150000")}</td>
                  <td data-label={t("admin.calendar.col.source")}>{d.source}</td>
                  {canEdit ? (
                    <td data-label={t("admin.calendar.col.actions")}>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="region" value={d.region} />
                        <input type="hidden" name="day" value={d.day} />
                        <button type="submit" className="button button--link">
                          {t("admin.calendar.remove")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {canEdit ? (
        <Form method="post" noValidate aria-labelledby="add-notice">
          <h2 id="add-notice">{t("admin.calendar.add")}</h2>
          <p>{t("admin.calendar.addLead")}</p>
          <CsrfInput />
          <input type="hidden" name="intent" value="add" />
          {failure ? (
            <div className="alert alert--error" role="alert">
              <p>{isMessageKey(failure.formError) ? t(failure.formError) : failure.formError}</p>
              {lineErrors?.length ? (
                <ul>
                  {lineErrors.map((e) => (
                    <li key={`${e.line}-${e.error}`}>{t("admin.calendar.lineError", { line: e.line, text: e.text, error: t(`admin.calendar.lineError.${e.error}`) })}</li>
                  ))}
                </ul>
              ) : null}
              {existing?.length ? <p>{t("admin.calendar.existing", { days: existing.join("、") })}</p> : null}
            </div>
          ) : null}
          <Select
            name="region"
            label={t("admin.calendar.region")}
            defaultValue={failure?.values.region ?? "CN"}
            error={failure?.errors.region}
            options={calendarRegions.map((r) => ({ value: r, label: t(`admin.calendar.region.${r}`) }))}
          />
          <Field name="source" required maxLength={200} label={t("admin.calendar.source")} hint={t("admin.calendar.sourceHint")} error={failure?.errors.source} defaultValue={failure?.values.source ?? ""} />
          <TextArea name="lines" rows={12} label={t("admin.calendar.lines")} hint={t("admin.calendar.linesHint")} error={failure?.errors.lines} defaultValue={failure?.values.lines ?? ""} />
          <SubmitButton>{t("admin.calendar.submit")}</SubmitButton>
        </Form>
      ) : (
        <p>{t("admin.calendar.readOnly")}</p>
      )}
    </section>
  );
}
