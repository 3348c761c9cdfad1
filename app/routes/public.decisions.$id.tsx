// /public/decisions/:id — one published decision: the anonymised copy only, for every visitor, staff included
// (《行政复议法》第七十九条第一款; 《政府信息公开条例》第十五条). Staff who handle the deciding organ's cases also see a link to
// the original on their own pages ("查看原件"); nobody else learns which case it is. Unknown, unapproved or withdrawn → 404.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getPublishedDecision } from "~/services/publication.server";
import { getSession } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/decision";
import "~/locales/areas/publication";

export const meta = titleMeta("publication.public.detailTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const loaded = await getSession(request);
  // a session still owing its TOTP step is no staff session yet
  const viewer = loaded?.session.twoFactorDone ? loaded.user : null;
  const decision = await getPublishedDecision({ id: params.id, viewer });
  if (!decision) throw data(null, { status: 404 });
  return { decision };
}

export default function PublicDecision() {
  const t = useT();
  const { decision: d } = useLoaderData<typeof loader>();
  const lines = d.text.split("\n").filter((l) => l.trim() !== "");
  return (
    <article className="page public-decision">
      <p>
        <Link to="/public/decisions">{t("publication.public.back")}</Link>
      </p>
      <h1>{d.title}</h1>
      <p className="muted">
        {d.organName}
        {d.decidedOn
          ? ` · ${t("publication.public.decidedOn", { date: d.decidedOn })}`
          : null}
        {d.decisionKind ? ` · ${t(`decision.type.${d.decisionKind}`)}` : null}
      </p>
      <p className="alert">{t("publication.public.anonymisedNote")}</p>
      {d.originalHref ? (
        <p>
          <Link to={d.originalHref}>{t("publication.public.original")}</Link>
        </p>
      ) : null}
      <div className="public-decision__text">
        {lines.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
