import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SessionTimeoutWarning } from "~/components/session-warning";
import { SESSION_LIMITS } from "~/domain/session-limits";
import { can, hasRole } from "~/domain/policy";
import { csrfTokenFor } from "~/services/form.server";
import { actorOf, getSession } from "~/services/session.server";
import styles from "~/styles/app.css";
import { localeFromRequest, translator, useT } from "~/utils/i18n";
import { useNonce } from "~/utils/nonce";
import { useRootData, type RootData } from "~/utils/root-data";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: translator("zh-CN")("app.name") }];

export async function loader({ request, context }: LoaderFunctionArgs): Promise<RootData> {
  const locale = localeFromRequest(request);
  const loaded = await getSession(request);
  const user = loaded?.session.twoFactorDone ? loaded.user : null;
  const actor = user ? actorOf(user) : null;
  return {
    locale,
    csrfToken: csrfTokenFor(loaded, context),
    user: user
      ? {
          displayName: user.displayName,
          isCitizen: hasRole(actor, "citizen"),
          canWorkspace: can(actor, "workspace:view"),
          canAdmin: can(actor, "admin:view"),
          // counted in the session's own statement (session.server.ts), on notifications_user_idx
          unread: loaded?.session.unreadNotifications ?? 0,
        }
      : null,
    session: loaded
      ? {
          secondsLeft: Math.max(0, Math.floor((loaded.session.idleExpiresAt.getTime() - Date.now()) / 1000)),
          warnBeforeSeconds: SESSION_LIMITS.warnBeforeSeconds,
        }
      : null,
  };
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

function Header() {
  const t = useT();
  const data = useRootData();
  const location = useLocation();
  const user = data?.user;
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="site-title" href="/">
          <span className="site-title__emblem" aria-hidden="true">
            ⚖
          </span>
          <span>{t("app.name")}</span>
        </a>
        <Form method="post" action="/locale" reloadDocument className="lang-switch" aria-label={t("lang.label")}>
          <CsrfInput />
          <input type="hidden" name="to" value={data?.locale === "en" ? "zh-CN" : "en"} />
          <input type="hidden" name="redirectTo" value={here} />
          <button type="submit" className="button button--link" lang={data?.locale === "en" ? "zh-CN" : "en"}>
            {t("lang.switchTo")}
          </button>
        </Form>
      </div>
      <nav aria-label={t("nav.label")} className="site-nav">
        <ul>
          <li>
            <NavLink to="/" end>
              {t("nav.home")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/guide">{t("nav.guide")}</NavLink>
          </li>
          <li>
            <NavLink to="/public/decisions">{t("nav.publicDecisions")}</NavLink>
          </li>
          {user ? (
            <li>
              <NavLink to="/my/cases">{t("nav.myCases")}</NavLink>
            </li>
          ) : null}
          {user?.canWorkspace ? (
            <li>
              <NavLink to="/workspace">{t("nav.workspace")}</NavLink>
            </li>
          ) : null}
          {user?.canAdmin ? (
            <li>
              <NavLink to="/admin/organs">{t("nav.admin")}</NavLink>
            </li>
          ) : null}
          {user ? (
            <>
              <li>
                <NavLink to="/notifications">
                  {t("nav.notifications")}
                  {user.unread > 0 ? (
                    <>
                      {" "}
                      <strong className="nav-unread">{t("nav.unread", { count: user.unread })}</strong>
                    </>
                  ) : null}
                </NavLink>
              </li>
              <li>
                <NavLink to="/account">{t("nav.account")}</NavLink>
              </li>
              <li>
                <Form method="post" action="/logout">
                  <CsrfInput />
                  <button type="submit" className="button button--link">
                    {t("nav.logout")}
                  </button>
                </Form>
              </li>
            </>
          ) : (
            <>
              <li>
                <NavLink to="/login">{t("nav.login")}</NavLink>
              </li>
              <li>
                <NavLink to="/register">{t("nav.register")}</NavLink>
              </li>
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const locale = data?.locale ?? "zh-CN";
  const t = translator(locale);
  return (
    <html lang={locale === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("app.skipToContent")}
        </a>
        <Header />
        {data?.session ? <SessionTimeoutWarning {...data.session} /> : null}
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("app.footer")}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
