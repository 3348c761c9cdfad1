// /staff/cases/:caseNumber/letters — the opinion letters (意见书, 《行政复议法》第七十六条) and suggestion letters
// (建议书, 《行政复议法实施条例》第五十七条第二款) drafted from a case, and the form to draft one (to the respondent or
// another lower organ). Staff and office heads only (403); a case outside the user's organs does not exist (404).
// "$caseNumber_": not nested in the case page.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { LetterDraftForm, LetterTable, type DraftFailure } from "~/components/letters";
import { readForm } from "~/services/form.server";
import { caseForLettersExists, draftLetter, getCaseLettersPage, letterStaffRoles } from "~/services/letters.server";
import { requireRole } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/letters";

export const meta = titleMeta("letters.case.title");

const notFound = () => data(null, { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, letterStaffRoles);
  const page = params.caseNumber ? await getCaseLettersPage({ user, caseNumber: params.caseNumber }) : null;
  if (!page) throw notFound();
  return { page };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, letterStaffRoles);
  const { form } = await readForm(request, context, loaded);
  const caseNumber = params.caseNumber ?? "";
  if (!(await caseForLettersExists({ user: loaded.user, caseNumber }))) throw notFound();
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in values)) values[k] = v;
  const result = await draftLetter({ user: loaded.user, caseNumber, form: values, requestId: context.requestId });
  if (result.ok) return redirect(`/staff/letters/${result.letterId}?done=drafted`, 303);
  if (result.status === 404) throw notFound();
  return data<DraftFailure & { ok: false }>({ ok: false, errors: result.errors, formError: result.formError, message: result.message, messageEn: result.messageEn, values }, { status: result.status });
}

export default function CaseLetters() {
  const t = useT();
  const { page } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as (DraftFailure & { ok: false }) | undefined;
  return (
    <section className="page">
      <h1>{t("letters.case.heading", { caseNumber: page.caseNumber })}</h1>
      <p className="lead">{t("letters.case.lead")}</p>
      <p>
        <Link to={`/staff/cases/${encodeURIComponent(page.caseNumber)}`}>{t("letters.case.back")}</Link> · <Link to="/staff/letters">{t("letters.index.link")}</Link>
      </p>
      <dl className="kv">
        <dt>{t("letters.organ")}</dt>
        <dd>{page.organName}</dd>
        {page.respondentName ? (
          <>
            <dt>{t("letters.case.respondent")}</dt>
            <dd>{page.respondentName}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t("letters.case.existing")}</h2>
      {page.letters.length === 0 ? <p>{t("letters.case.none")}</p> : <LetterTable rows={page.letters} href={(id) => `/staff/letters/${id}`} />}
      <LetterDraftForm recipients={page.recipients} failure={failure} />
    </section>
  );
}
