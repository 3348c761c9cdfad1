// 我的申请: the citizen's unfinished drafts (resumable, deletable; no legal effect) and a link to the filed cases.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/form";
import { badRequest, readForm } from "~/services/form.server";
import { deleteDraft, listDrafts } from "~/services/drafts.server";
import { removeStoredFiles } from "~/services/uploads.server";
import { requireUser } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/apply";

export const meta = titleMeta("drafts.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const drafts = await listDrafts(user.id);
  return {
    drafts: drafts.map((d) => {
      const data = d.data as { act?: { actTitle?: unknown }; mediation?: { category?: unknown } };
      return {
        id: d.id,
        kind: d.kind,
        step: d.step,
        title: typeof data.act?.actTitle === "string" ? data.act.actTitle.slice(0, 60) : "",
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
      };
    }),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireUser(request);
  const { form } = await readForm(request, context, loaded);
  const id = form.get("draftId");
  if (form.get("intent") !== "delete" || typeof id !== "string") return badRequest({ ok: false, errors: {}, formError: "errors.badRequest" });
  const removed = await deleteDraft(loaded.user.id, id);
  if (!removed.ok) return badRequest({ ok: false, errors: {}, formError: "errors.draftGone" }, 404);
  await removeStoredFiles(removed.storageNames);
  return redirect("/my/applications", 303);
}

const time = (iso: string) => iso.slice(0, 16).replace("T", " ");

export default function MyApplications() {
  const t = useT();
  const { drafts } = useLoaderData<typeof loader>();
  return (
    <section className="page page--narrow">
      <h1>{t("drafts.heading")}</h1>
      <p className="alert">{t("drafts.noLegalEffect")}</p>
      {drafts.length === 0 ? <p>{t("drafts.none")}</p> : null}
      <ul className="plain draft-list">
        {drafts.map((d) => (
          <li key={d.id} className="card">
            <h2>{d.kind === "reconsideration" ? t("drafts.kind.reconsideration") : t("drafts.kind.mediation")}</h2>
            <p>{d.title || t("drafts.untitled")}</p>
            <p className="muted">{t("drafts.savedAt", { time: time(d.updatedAt) })}</p>
            <div className="hero__actions">
              <Link className="button button--primary" to={`/apply/reconsideration/${d.id}/${d.step}`}>
                {t("drafts.resume")}
              </Link>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="draftId" value={d.id} />
                <button type="submit" name="intent" value="delete" className="button">
                  {t("drafts.delete")}
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/apply/reconsideration">{t("drafts.newReconsideration")}</Link> · <Link to="/my/cases">{t("drafts.myCases")}</Link>
      </p>
    </section>
  );
}
