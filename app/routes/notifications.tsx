// /notifications — the signed-in user's notifications in the portal (issue 5 req. 8: deadline reminders at 80 % and
// when overdue), newest first, unread marked; POST marks all read. Every signed-in account has its own list.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "~/components/form";
import { isPeriodKey, periodDefinitions } from "~/domain/periods";
import { readForm } from "~/services/form.server";
import { listNotifications, markAllRead, type NotificationView } from "~/services/reminders.server";
import { requireUser } from "~/services/session.server";
import { isMessageKey, useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";

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
  const t = useT();
  const locale = useLocale();
  const period = String(n.data.period ?? "");
  const key = `notifications.${n.kind}`;
  if (!isMessageKey(key)) return <>{t("notifications.other", { kind: n.kind })}</>;
  return (
    <>
      {t(key, {
        caseNumber: String(n.data.caseNumber ?? n.caseNumber ?? ""),
        period: isPeriodKey(period) ? periodDefinitions[period].label[locale === "en" ? "en" : "zh"] : period,
        due: String(n.data.dueDate ?? ""),
      })}
    </>
  );
}

export default function Notifications() {
  const t = useT();
  const { items, isStaff } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const unread = items.some((n) => !n.read);
  return (
    <section className="page">
      <h1>{t("notifications.heading")}</h1>
      <p className="lead">{t("notifications.lead")}</p>
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
          {items.map((n) => (
            <li key={n.id} className="card">
              <p className={n.read ? undefined : "case-documents__unread"}>
                {n.read ? null : <span className="queue-due queue-due--warn">{t("notifications.unread")}</span>} <Message n={n} />
              </p>
              <p className="muted">
                {shanghaiTime(n.createdAt)}
                {n.caseNumber && isStaff ? (
                  <>
                    {" · "}
                    <Link to={`/staff/cases/${encodeURIComponent(n.caseNumber)}`}>{t("notifications.open")}</Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
