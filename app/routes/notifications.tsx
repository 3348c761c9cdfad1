// /notifications — the signed-in user's inbox in the portal: deadline reminders (80 %, overdue, 3 working days before)
// and what the processes tell the people they concern (issue 6 req. 10, delivered by notify.server.ts), newest first,
// unread marked; POST marks all read. Every signed-in account has its own list.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "~/components/form";
import { readForm } from "~/services/form.server";
import { listNotifications, markAllRead, type NotificationView } from "~/services/reminders.server";
import { requireUser } from "~/services/session.server";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import { notificationText } from "~/utils/notification-text";
import "~/locales/areas/notify";
import "~/locales/areas/team";

export const meta = titleMeta("notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return { items: await listNotifications({ user }), isStaff: user.isStaff };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireUser(request);
  await readForm(request, context, loaded);
  await markAllRead({ user: loaded.user });
  return redirect("/notifications?done=read", 303);
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

function Message({ n }: { n: NotificationView }) {
  return <>{notificationText(useT(), useLocale(), n)}</>;
}

/** The page the notification points to: set by the dispatcher from how the reader stands to the case (a local path). */
function hrefOf(n: NotificationView, isStaff: boolean): string | null {
  const href = n.data.href;
  if (typeof href === "string" && href.startsWith("/") && !href.startsWith("//")) return href;
  return n.caseNumber && isStaff ? `/staff/cases/${encodeURIComponent(n.caseNumber)}` : null;
}

export default function Notifications() {
  const t = useT();
  const { items, isStaff } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const unread = items.some((n) => !n.read);
  return (
    <section className="page">
      <h1>{t("notifications.heading")}</h1>
      <p className="lead">{t("notify.lead")}</p>
      {params.get("done") === "read" ? (
        <div className="alert alert--success" role="status">
          {t("notifications.done.read")}
        </div>
      ) : null}
      {unread ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" className="button">{t("notifications.markAllRead")}</button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p>{t("notifications.none")}</p>
      ) : (
        <ul className="plain notifications" aria-label={t("notifications.list")}>
          {items.map((n) => {
            const href = hrefOf(n, isStaff);
            return (
              <li key={n.id} className="card">
                <p className={n.read ? undefined : "case-documents__unread"}>
                  {n.read ? null : <span className="queue-due queue-due--warn">{t("notifications.unread")}</span>} <Message n={n} />
                </p>
                <p className="muted">
                  {shanghaiTime(n.createdAt)}
                  {href ? (
                    <>
                      {" · "}
                      <Link to={href}>{t("notify.open")}</Link>
                    </>
                  ) : null}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
