// One error boundary for every route: a clear page per status (404, 403, 400, 5xx) in the visitor's language.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useT } from "~/utils/i18n";
import { PageTitle } from "./page-title";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const serverMessage =
    isRouteErrorResponse(error) && error.data && typeof error.data === "object" && "formError" in error.data
      ? String((error.data as { formError: string }).formError)
      : null;
  const [title, body] =
    status === 404
      ? [t("error.notFound.title"), t("error.notFound.body")]
      : status === 403
        ? [t("error.forbidden.title"), serverMessage ? t(serverMessage) : t("error.forbidden.body")]
        : status >= 400 && status < 500
          ? [t("error.badRequest.title"), serverMessage ? t(serverMessage) : t("errors.badRequest")]
          : [t("error.server.title"), t("error.server.body")];
  return (
    <section className="page page--narrow error-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p>{body}</p>
      <p className="error-page__status">HTTP {status}</p>
      <p>
        <a href="/" className="button button--primary">
          {t("error.backHome")}
        </a>
      </p>
    </section>
  );
}
