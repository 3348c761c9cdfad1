// /admin/settings — every setting of DOMAIN.md's defaults table (app/domain/settings.ts): its current value, default,
// what it decides and the rule behind it. A change is checked with the setting's own zod schema, recorded, and
// recomputes the running deadlines (updateSetting); the page says how many moved. Region administrators change them.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "~/components/form";
import { changeSetting, listSettings, type SettingView } from "~/services/admin-rules.server";
import { readForm } from "~/services/form.server";
import { requirePermission } from "~/services/session.server";
import { isMessageKey, useT, type Translate } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "admin:view");
  return listSettings({ user });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requirePermission(request, "admin:view");
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in values)) values[k] = v;
  const result = await changeSetting({ user: loaded.user, form: values, requestId: context.requestId });
  if (result.ok) return redirect(`/admin/settings?changed=${result.key}&moved=${result.moved}#setting-${result.key}`, 303);
  return data({ ok: false as const, key: values.key ?? null, errors: result.errors, formError: result.formError, values }, { status: result.status });
}

function show(t: Translate, s: SettingView, value: unknown): string {
  if (s.input === "boolean") return value ? t("admin.settings.on") : t("admin.settings.off");
  return String(value);
}

export default function AdminSettings() {
  const t = useT();
  const { settings, canEdit } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const changed = params.get("changed");
  return (
    <section className="page">
      <h1>{t("admin.settings.heading")}</h1>
      <p className="lead">{t("admin.settings.lead")}</p>
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      {changed ? (
        <div className="alert alert--success" role="status">
          {t("admin.settings.changed", { key: changed })} {t("admin.calendar.moved", { count: Number(params.get("moved") ?? 0) })}
        </div>
      ) : null}
      {failure && !failure.key ? (
        <div className="alert alert--error" role="alert">
          {isMessageKey(failure.formError) ? t(failure.formError) : failure.formError}
        </div>
      ) : null}
      {!canEdit ? <p className="alert alert--warn">{t("admin.settings.readOnly")}</p> : null}
      <ul className="cards">
        {settings.map((s) => {
          const mine = failure && failure.key === s.key ? failure : undefined;
          const id = `setting-${s.key}`;
          return (
            <li key={s.key} className="card" id={id}>
              <h2>{s.description}</h2>
              <dl>
                <dt>{t("admin.settings.key")}</dt>
                <dd>
                  <code style={{ overflowWrap: "anywhere" }}>{s.key}</code>
                </dd>
                <dt>{t("admin.settings.current")}</dt>
                <dd>
                  <strong>{show(t, s, s.value)}</strong>
                </dd>
                <dt>{t("admin.settings.default")}</dt>
                <dd>{show(t, s, s.defaultValue)}</dd>
                <dt>{t("admin.settings.basis")}</dt>
                <dd>{s.basis}</dd>
                {s.updatedAt ? (
                  <>
                    <dt>{t("admin.settings.updated")}</dt>
                    <dd>
                      {new Date(Date.parse(s.updatedAt) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ")} {s.updatedByName ?? ""}
                    </dd>
                  </>
                ) : null}
              </dl>
              {canEdit ? (
                <Form method="post" className="form-inline" aria-label={t("admin.settings.change", { key: s.key })}>
                  <CsrfInput />
                  <input type="hidden" name="key" value={s.key} />
                  <label htmlFor={`${id}-value`}>{t("admin.settings.newValue")}</label>
                  {s.input === "number" ? (
                    <input
                      id={`${id}-value`}
                      name="value"
                      type="number"
                      inputMode="numeric"
                      defaultValue={mine?.values.value ?? String(s.value)}
                      aria-invalid={mine ? true : undefined}
                      aria-describedby={mine ? `${id}-error` : undefined}
                    />
                  ) : (
                    <select id={`${id}-value`} name="value" defaultValue={mine?.values.value ?? String(s.value)} aria-invalid={mine ? true : undefined} aria-describedby={mine ? `${id}-error` : undefined}>
                      {(s.input === "boolean" ? ["true", "false"] : s.choices).map((c) => (
                        <option key={c} value={c}>
                          {s.input === "boolean" ? (c === "true" ? t("admin.settings.on") : t("admin.settings.off")) : c}
                        </option>
                      ))}
                    </select>
                  )}
                  <button type="submit" className="button">
                    {t("admin.settings.save")}
                  </button>
                  {mine ? (
                    <p className="field__error" id={`${id}-error`} role="alert">
                      {t(mine.errors.value && isMessageKey(mine.errors.value) ? mine.errors.value : "admin.errors.settingValue")}
                    </p>
                  ) : null}
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
