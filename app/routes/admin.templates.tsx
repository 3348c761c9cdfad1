// /admin/templates — the fixed wording of the document templates (app/domain/template-wording.ts): for each kind of
// document its sentences, the code's default with its article, and the administrator's version if any; edit or reset.
// Only these sentences are editable, never the facts the law engine computes; a document already issued keeps its
// frozen text (content hash), the new wording applies to documents issued afterwards. Region administrators edit it.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TextArea } from "~/components/fields";
import { CsrfInput } from "~/components/form";
import { TemplateWordingFormSchema } from "~/domain/admin";
import { fieldErrors } from "~/domain/application";
import { readForm } from "~/services/form.server";
import { requirePermission } from "~/services/session.server";
import { listTemplateWording, setTemplateWording } from "~/services/template-wording.server";
import { isMessageKey, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.templates.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "admin:view");
  const kinds = await listTemplateWording({ user });
  return { kinds: kinds ?? [], canEdit: kinds !== null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requirePermission(request, "admin:view");
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in values)) values[k] = v;
  const target = `${values.kind ?? ""}.${values.key ?? ""}`;
  const parsed = TemplateWordingFormSchema.safeParse(values);
  if (!parsed.success) return data({ ok: false as const, target, errors: fieldErrors(parsed.error), formError: "errors.formHasErrors", values }, { status: 400 });
  const { kind, key, intent, text } = parsed.data;
  const result = await setTemplateWording({ user: loaded.user, kind, key, text: intent === "reset" ? null : text, requestId: context.requestId });
  if (!result.ok) return data({ ok: false as const, target, errors: {} as Record<string, string>, formError: result.error, values }, { status: result.status });
  return redirect(`/admin/templates?done=${intent}#wording-${kind}-${key}`, 303);
}

export default function AdminTemplates() {
  const t = useT();
  const { kinds, canEdit } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <section className="page">
      <h1>{t("admin.templates.heading")}</h1>
      <p className="lead">{t("admin.templates.lead")}</p>
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      {done === "save" || done === "reset" ? (
        <div className="alert alert--success" role="status">
          {t(done === "save" ? "admin.templates.saved" : "admin.templates.resetDone")}
        </div>
      ) : null}
      {failure && !kinds.some((k) => k.paragraphs.some((p) => `${k.kind}.${p.key}` === failure.target)) ? (
        <div className="alert alert--error" role="alert">
          {isMessageKey(failure.formError) ? t(failure.formError) : failure.formError}
        </div>
      ) : null}
      {!canEdit ? <p className="alert alert--warn">{t("admin.templates.readOnly")}</p> : null}
      {kinds.map((k) => (
        <section key={k.kind} aria-labelledby={`kind-${k.kind}`}>
          <h2 id={`kind-${k.kind}`}>{k.title}</h2>
          {k.paragraphs.map((p) => {
            const id = `wording-${k.kind}-${p.key}`;
            const mine = failure && failure.target === `${k.kind}.${p.key}` ? failure : undefined;
            return (
              <div key={p.key} id={id} className="card">
                <h3>{p.label}</h3>
                <p className="muted">
                  {t("admin.templates.article", { article: p.article })} · <code style={{ overflowWrap: "anywhere" }}>{p.key}</code>
                </p>
                <p>
                  <strong>{t("admin.templates.default")}</strong> {p.text}
                </p>
                <p>
                  <strong>{t("admin.templates.override")}</strong> {p.override ?? t("admin.templates.noOverride")}
                </p>
                {canEdit ? (
                  <Form method="post" noValidate>
                    <CsrfInput />
                    <input type="hidden" name="kind" value={k.kind} />
                    <input type="hidden" name="key" value={p.key} />
                    {mine ? (
                      <div className="alert alert--error" role="alert">
                        {isMessageKey(mine.formError) ? t(mine.formError) : mine.formError}
                      </div>
                    ) : null}
                    <TextArea
                      name="text"
                      rows={4}
                      maxLength={2000}
                      label={t("admin.templates.text", { label: p.label })}
                      error={mine?.errors.text}
                      defaultValue={mine?.values.text ?? p.override ?? p.text}
                    />
                    <div className="form-inline">
                      <button type="submit" name="intent" value="save" className="button button--primary">
                        {t("admin.templates.save")}
                      </button>
                      {p.override ? (
                        <button type="submit" name="intent" value="reset" className="button">
                          {t("admin.templates.reset")}
                        </button>
                      ) : null}
                    </div>
                  </Form>
                ) : null}
              </div>
            );
          })}
        </section>
      ))}
    </section>
  );
}
