import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useRootData } from "~/utils/root-data";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/publication";

export const meta = titleMeta("home.title");

export async function loader(_: LoaderFunctionArgs) {
  return null; // public page: everything it needs comes from the root loader
}

export default function Home() {
  const t = useT();
  const user = useRootData()?.user;
  return (
    <div className="page">
      <section className="hero">
        <h1>{t("home.heading")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <p className="hero__actions">
          {user ? (
            <>
              {user.canWorkspace ? (
                <Link className="button button--primary" to="/workspace">
                  {t("home.cta.workspace")}
                </Link>
              ) : null}
              <Link className="button" to="/account">
                {t("home.cta.account")}
              </Link>
            </>
          ) : (
            <>
              <Link className="button button--primary" to="/register">
                {t("home.cta.register")}
              </Link>
              <Link className="button" to="/login">
                {t("home.cta.login")}
              </Link>
            </>
          )}
        </p>
      </section>
      <section className="hero guide-cta" aria-labelledby="guide-cta">
        <h2 id="guide-cta">{t("home.guide.title")}</h2>
        <p>{t("home.guide.body")}</p>
        <p>
          <Link className="button button--primary" to="/guide">
            {t("home.guide.link")}
          </Link>
        </p>
      </section>
      <ul className="cards">
        <li className="card">
          <h2>{t("home.reconsideration.title")}</h2>
          <p>{t("home.reconsideration.body")}</p>
          <p className="card__basis">{t("home.reconsideration.basis")}</p>
          <p>
            <Link className="button button--primary" to="/apply/reconsideration">
              {t("home.reconsideration.link")}
            </Link>
          </p>
        </li>
        <li className="card">
          <h2>{t("home.deadline.title")}</h2>
          <p>{t("home.deadline.body")}</p>
          <p>
            <Link className="button" to="/tools/application-deadline">
              {t("home.deadline.link")}
            </Link>
          </p>
        </li>
        <li className="card">
          <h2>{t("home.mediation.title")}</h2>
          <p>{t("home.mediation.body")}</p>
          <p className="card__basis">{t("home.mediation.basis")}</p>
          <p>
            <Link className="button" to="/apply/mediation">
              {t("home.mediation.link")}
            </Link>
          </p>
        </li>
        <li className="card">
          <h2>{t("home.follow.title")}</h2>
          <p>{t("home.follow.body")}</p>
          <p>
            <Link className="button" to="/my/cases">
              {t("home.follow.link")}
            </Link>{" "}
            <Link to="/my/applications">{t("home.follow.drafts")}</Link>
          </p>
        </li>
        <li className="card">
          <h2>{t("home.publicDecisions.title")}</h2>
          <p>{t("home.publicDecisions.body")}</p>
          <p>
            <Link className="button" to="/public/decisions">
              {t("home.publicDecisions.link")}
            </Link>
          </p>
        </li>
        <li className="card">
          <h2>{t("home.center.title")}</h2>
          <p>{t("home.center.body")}</p>
        </li>
      </ul>
    </div>
  );
}
