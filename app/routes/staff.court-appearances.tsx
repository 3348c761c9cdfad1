// /staff/court-appearances — the register of administrative lawsuits against the user's organs and of who appeared in
// court for them (出庭应诉登记, issue 7 req. 2; DOMAIN.md 14.01–14.11). One entry per instance; `?edit=<id>` corrects
// an entry. The form is one zod schema (app/domain/court-register.ts) on the server; it works without JavaScript.
// Bad input answers 400 and writes nothing; an organ the user does not cover answers 404.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { Checkbox, Select, TextArea } from "~/components/fields";
import { TableWrap } from "~/components/table-wrap";
import { fieldErrors } from "~/domain/application";
import { todayInShanghai } from "~/domain/calendar";
import { appearanceRoles, courtInstanceSchema, HEARING_ROWS, lawsuitInstances } from "~/domain/court-register";
import { getEntry, getRegister, registerRoles, saveEntry, type RegisterEntry } from "~/services/court-register.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { isMessageKey, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/court";

export const meta = titleMeta("court.title");

const EditQuery = z.object({ edit: z.catch(z.optional(z.uuid()), undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, registerRoles);
  const { edit } = EditQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const register = await getRegister({ user });
  const editing = edit ? await getEntry({ user, id: edit }) : null;
  if (edit && !editing) throw data({ message: "court.errors.notFound" }, { status: 404 });
  return { ...register, editing };
}

interface ActionFailure {
  ok: false;
  errors: Record<string, string>;
  formError: string;
  values: Record<string, string>;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, registerRoles);
  const { form } = await readForm(request, context, loaded);
  const raw: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in raw)) raw[k] = v;
  const fail = (status: number, f: Partial<Omit<ActionFailure, "ok">>) =>
    data<ActionFailure>({ ok: false, errors: {}, formError: "errors.formHasErrors", values: raw, ...f }, { status });
  const id = raw.id ? z.uuid().safeParse(raw.id) : null;
  if (id && !id.success) return fail(400, { formError: "errors.badRequest" });
  const parsed = courtInstanceSchema(todayInShanghai(new Date())).safeParse(raw);
  if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error) });
  const result = await saveEntry({ user: loaded.user, input: parsed.data, id: id?.data ?? null, requestId: context.requestId });
  if (!result.ok) return fail(result.status, { formError: result.formError });
  return redirect("/staff/court-appearances?done=saved", 303);
}

/** The form's initial values: the posted values after a failure, else the entry being corrected, else blank. */
function initialValues(editing: RegisterEntry | null, failed: Record<string, string> | undefined): Record<string, string> {
  if (failed) return failed;
  if (!editing) return {};
  const v: Record<string, string> = {
    id: editing.id,
    organId: editing.organId,
    court: editing.court,
    lawsuitNumber: editing.lawsuitNumber,
    firstInstanceNumber: editing.firstInstanceNumber ?? "",
    instance: editing.instance,
    cause: editing.cause,
    registeredOn: editing.registeredOn,
    absenceReason: editing.absenceReason ?? "",
  };
  editing.hearings.forEach((h, i) => {
    v[`hearing${i + 1}On`] = h.on;
    v[`hearing${i + 1}Appeared`] = h.appeared ?? "none";
    v[`hearing${i + 1}Name`] = h.appearedName ?? "";
    if (h.headRenotified) v[`hearing${i + 1}Renotified`] = "yes";
  });
  return v;
}

export default function CourtAppearances() {
  const t = useT();
  const { organs, entries, year, rate, editing } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const [params] = useSearchParams();
  const v = initialValues(editing, failure?.values);
  const e = failure?.errors ?? {};
  const appearedOptions = [{ value: "none", label: t("court.appeared.none") }, ...appearanceRoles.map((r) => ({ value: r, label: t(`court.appeared.${r}`) }))];
  // a new key after each navigation: a saved form comes back empty (uncontrolled inputs keep their values otherwise)
  const location = useLocation();
  const formKey = `${editing?.id ?? "new"}-${location.key}`;
  return (
    <section className="page">
      <h1>{t("court.heading")}</h1>
      <p className="lead">{t("court.lead")}</p>
      <p>{t("court.rules")}</p>
      {params.get("done") === "saved" ? (
        <div className="alert alert--success" role="status">
          {t("court.done.saved")}
        </div>
      ) : null}
      <p>
        <strong>
          {rate.value === null
            ? t("court.rateNone", { year })
            : t("court.rate", { year, value: `${(rate.value * 100).toFixed(1)}%`, n: rate.numerator, d: rate.denominator, target: rate.targetPercent })}
        </strong>
      </p>

      <h2>{t("court.list")}</h2>
      {entries.length === 0 ? (
        <p>{t("court.none")}</p>
      ) : (
        <TableWrap label={t("court.list")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("court.col.number")}</th>
                <th scope="col">{t("court.col.organ")}</th>
                <th scope="col">{t("court.col.instance")}</th>
                <th scope="col">{t("court.col.court")}</th>
                <th scope="col">{t("court.col.hearings")}</th>
                <th scope="col">{t("court.col.counts")}</th>
                <th scope="col">{t("court.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((r) => (
                <tr key={r.id}>
                  <td data-label={t("court.col.number")}>
                    {r.lawsuitNumber}
                    <br />
                    <span className="muted">{r.cause}</span>
                  </td>
                  <td data-label={t("court.col.organ")}>{r.organName}</td>
                  <td data-label={t("court.col.instance")}>{t(`court.instance.${r.instance}`)}</td>
                  <td data-label={t("court.col.court")}>{r.court}</td>
                  <td data-label={t("court.col.hearings")}>
                    {r.hearings.length === 0 ? (
                      t("court.notHeard")
                    ) : (
                      <ul className="plain">
                        {r.hearings.map((h, i) => (
                          <li key={i}>
                            {t("court.hearingLine", { date: h.on, who: `${t(`court.appeared.${h.appeared ?? "none"}`)}${h.appearedName ? ` ${h.appearedName}` : ""}` })}
                            {h.headRenotified ? t("court.renotified") : ""}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-label={t("court.col.counts")}>{t(`court.counts.${r.counts.reason}`)}</td>
                  <td data-label={t("court.col.actions")}>
                    <Link to={`/staff/court-appearances?edit=${r.id}#court-form`}>{t("court.edit")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {organs.length === 0 ? (
        <p>{t("court.noOrgans")}</p>
      ) : (
        <Form method="post" className="form" noValidate id="court-form" key={formKey} aria-labelledby="court-form-heading">
          <h2 id="court-form-heading">{editing ? t("court.form.edit", { number: editing.lawsuitNumber }) : t("court.form.add")}</h2>
          {editing ? <Link to="/staff/court-appearances">{t("court.form.cancel")}</Link> : null}
          {failure ? (
            <div className="alert alert--error" role="alert">
              {isMessageKey(failure.formError) ? t(failure.formError) : failure.formError}
            </div>
          ) : null}
          <CsrfInput />
          {v.id ? <input type="hidden" name="id" value={v.id} /> : null}
          <Select name="organId" label={t("court.form.organ")} error={e.organId} defaultValue={v.organId} options={organs.map((o) => ({ value: o.id, label: o.name }))} />
          <Field name="court" required maxLength={100} label={t("court.form.court")} error={e.court} defaultValue={v.court} />
          <Select
            name="instance"
            label={t("court.form.instance")}
            error={e.instance}
            defaultValue={v.instance}
            options={lawsuitInstances.map((i) => ({ value: i, label: t(`court.instance.${i}`) }))}
          />
          <Field name="lawsuitNumber" required maxLength={40} label={t("court.form.lawsuitNumber")} hint={t("court.form.lawsuitNumberHint")} error={e.lawsuitNumber} defaultValue={v.lawsuitNumber} />
          <Field name="firstInstanceNumber" maxLength={40} label={t("court.form.firstInstanceNumber")} error={e.firstInstanceNumber} defaultValue={v.firstInstanceNumber} />
          <Field name="cause" required maxLength={200} label={t("court.form.cause")} hint={t("court.form.causeHint")} error={e.cause} defaultValue={v.cause} />
          <Field name="registeredOn" type="date" required label={t("court.form.registeredOn")} error={e.registeredOn} defaultValue={v.registeredOn} />
          <fieldset>
            <legend>{t("court.form.hearings")}</legend>
            {Array.from({ length: HEARING_ROWS }, (_, k) => k + 1).map((n) => (
              <fieldset key={n}>
                <legend>{t("court.form.hearing", { n })}</legend>
                <Field name={`hearing${n}On`} type="date" label={t("court.form.hearingOn")} error={e[`hearing${n}On`]} defaultValue={v[`hearing${n}On`]} />
                <Select name={`hearing${n}Appeared`} label={t("court.form.appeared")} error={e[`hearing${n}Appeared`]} defaultValue={v[`hearing${n}Appeared`]} options={appearedOptions} />
                <Field name={`hearing${n}Name`} maxLength={50} label={t("court.form.appearedName")} error={e[`hearing${n}Name`]} defaultValue={v[`hearing${n}Name`]} />
                <Checkbox name={`hearing${n}Renotified`} label={t("court.form.renotified")} defaultChecked={v[`hearing${n}Renotified`] === "yes"} />
              </fieldset>
            ))}
          </fieldset>
          <TextArea name="absenceReason" rows={3} maxLength={500} label={t("court.form.absenceReason")} hint={t("court.form.absenceReasonHint")} error={e.absenceReason} defaultValue={v.absenceReason} />
          <SubmitButton>{t("court.form.submit")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
