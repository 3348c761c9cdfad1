// /staff/letters — every opinion letter (意见书) and suggestion letter (建议书) of the organs the user is staff of, with
// state, 文号 and the period that runs (a suggestion letter's feedback period marked as not statutory); and a form to
// draft a suggestion letter without a case (common problems, 《行政复议法实施条例》第五十七条第二款 — e.g. from the
// committee's work). Staff and office heads only (403).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { LetterDraftForm, LetterTable, type DraftFailure } from "~/components/letters";
import { readForm } from "~/services/form.server";
import { draftLetter, getLettersIndex, letterStaffRoles } from "~/services/letters.server";
import { requireRole } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/letters";

export const meta = titleMeta("letters.index.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, letterStaffRoles);
  return { page: await getLettersIndex({ user }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, letterStaffRoles);
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in values)) values[k] = v;
  const result = await draftLetter({ user: loaded.user, caseNumber: null, form: values, requestId: context.requestId });
  if (result.ok) return redirect(`/staff/letters/${result.letterId}?done=drafted`, 303);
  return data<DraftFailure & { ok: false }>({ ok: false, errors: result.errors, formError: result.formError, message: result.message, messageEn: result.messageEn, values }, { status: result.status });
}

export default function StaffLetters() {
  const t = useT();
  const { page } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as (DraftFailure & { ok: false }) | undefined;
  const recipients = page.organs.flatMap((o) => o.recipients).filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i);
  return (
    <section className="page">
      <h1>{t("letters.index.heading")}</h1>
      <p className="lead">{t("letters.index.lead")}</p>
      {page.letters.length === 0 ? <p>{t("letters.index.none")}</p> : <LetterTable rows={page.letters} href={(id) => `/staff/letters/${id}`} showOrgan />}
      {page.organs.length ? <LetterDraftForm recipients={recipients} failure={failure} fixedType="suggestion" organs={page.organs} /> : null}
    </section>
  );
}
