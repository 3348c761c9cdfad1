// /apply/reconsideration: what the application needs, the citizen's unfinished drafts of it, and the button that starts
// a new one (pre-filled from the channel finder's query string). A draft has no legal effect until it is submitted.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/form";
import { badRequest, readForm } from "~/services/form.server";
import { prefillFromQuery, startReconsiderationDraft } from "~/services/apply.server";
import { listDrafts } from "~/services/drafts.server";
import { requireUser } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/apply";

export const meta = titleMeta("apply.title");

const PREFILL_KEYS = ["respondent", "actKind", "learnedOn", "informed", "onTheSpotPenalty", "failureToAct"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const url = new URL(request.url);
  const drafts = (await listDrafts(user.id)).filter((d) => d.kind === "reconsideration");
  return {
    // passed on as the same query names, so that the post reads them as the channel finder wrote them
    prefill: PREFILL_KEYS.flatMap((k) => {
      const v = url.searchParams.get(k);
      return v && Object.keys(prefillFromQuery(new URLSearchParams([[k, v]]))).length ? [[k, v] as const] : [];
    }),
    drafts: drafts.map((d) => ({ id: d.id, step: d.step, updatedAt: d.updatedAt.toISOString(), title: draftTitle(d.data) })),
  };
}

function draftTitle(data: unknown): string {
  const act = (data as { act?: { actTitle?: unknown } })?.act;
  return typeof act?.actTitle === "string" ? act.actTitle.slice(0, 60) : "";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireUser(request);
  const { form } = await readForm(request, context, loaded);
  const prefill = prefillFromQuery(new URLSearchParams([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string")));
  const started = await startReconsiderationDraft(loaded.user, prefill);
  if (!started.ok) return badRequest({ ok: false, errors: {}, formError: started.error }, 409);
  return redirect(`/apply/reconsideration/${started.draft.id}/applicants`, 303);
}

export default function ApplyStart() {
  const t = useT();
  const { prefill, drafts } = useLoaderData<typeof loader>();
  return (
    <section className="page page--narrow apply">
      <h1>{t("apply.heading")}</h1>
      <p className="lead">{t("apply.lead")}</p>
      <h2>{t("apply.needHeading")}</h2>
      <ul className="notes">
        <li>{t("apply.need.identity")}</li>
        <li>{t("apply.need.act")}</li>
        <li>{t("apply.need.dates")}</li>
        <li>{t("apply.need.evidence")}</li>
        <li>{t("apply.need.free")}</li>
      </ul>
      <Form method="post">
        <CsrfInput />
        {prefill.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <button type="submit" className="button button--primary">
          {t("apply.start")}
        </button>
      </Form>
      {drafts.length ? (
        <>
          <h2>{t("apply.draftsHeading")}</h2>
          <p className="muted">{t("drafts.noLegalEffect")}</p>
          <ul className="plain draft-list">
            {drafts.map((d) => (
              <li key={d.id}>
                <Link to={`/apply/reconsideration/${d.id}/${d.step}`}>{d.title || t("drafts.untitled")}</Link>{" "}
                <span className="muted">{t("drafts.savedAt", { time: d.updatedAt.slice(0, 16).replace("T", " ") })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
