// /center — the intake queue of a dispute center (issue 5 req. 1): the items waiting for triage in the centers the user
// covers, oldest first, with source, category, applicants, time received and the triage clock. Center clerks and admins
// covering a center; others 403 (anonymous → login; pending second factor → 2fa).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { centerRoles, listPending } from "~/services/center.server";
import { requireRole } from "~/services/session.server";
import { isMessageKey, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/center";
import "~/locales/areas/mediation";
import "~/locales/areas/apply";

export const meta = titleMeta("center.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, centerRoles);
  const items = await listPending({ user });
  const isClerk = user.memberships.some((m) => m.role === "center_clerk");
  const manyCenters = new Set(items.map((i) => i.centerName)).size > 1 || !isClerk;
  return { items, isClerk, manyCenters };
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export default function CenterQueue() {
  const t = useT();
  const { items, isClerk, manyCenters } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const label = (prefix: string, value: string | null) => (value && isMessageKey(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : (value ?? ""));
  return (
    <section className="page">
      <h1>{t("center.heading")}</h1>
      <p className="lead">{t("center.lead")}</p>
      {params.get("done") === "routed" ? (
        <div className="alert alert--success" role="status">
          {t("center.done.routed")}
        </div>
      ) : null}
      {isClerk ? (
        <p>
          <Link to="/center/new" className="button">
            {t("center.newLink")}
          </Link>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t("center.empty")}</p>
      ) : (
        <TableWrap label={t("center.table")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("center.col.caseNumber")}</th>
                <th scope="col">{t("center.col.kind")}</th>
                <th scope="col">{t("center.col.channel")}</th>
                <th scope="col">{t("center.col.category")}</th>
                <th scope="col">{t("center.col.parties")}</th>
                <th scope="col">{t("center.col.receivedAt")}</th>
                <th scope="col">{t("center.col.clock")}</th>
                {manyCenters ? <th scope="col">{t("center.col.center")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.caseNumber}>
                  <td data-label={t("center.col.caseNumber")}>
                    <Link to={`/center/items/${encodeURIComponent(item.caseNumber)}`}>{item.caseNumber}</Link>
                  </td>
                  <td data-label={t("center.col.kind")}>{t(`center.kind.${item.machine}`)}</td>
                  <td data-label={t("center.col.channel")}>{label("center.source", item.channel)}</td>
                  <td data-label={t("center.col.category")}>{item.machine === "reconsideration" ? label("apply.actKind", item.category) : label("mediation.category", item.category)}</td>
                  <td data-label={t("center.col.parties")}>{item.applicantNames ?? ""}</td>
                  <td data-label={t("center.col.receivedAt")}>{shanghaiTime(item.receivedAt)}</td>
                  <td data-label={t("center.col.clock")}>
                    <span className={`queue-due queue-due--${item.clock.tone === "ok" ? "ok" : item.clock.tone === "due" ? "warn" : "overdue"}`}>{t(`center.clock.${item.clock.tone}`)}</span>{" "}
                    <span className="muted">{t("center.clock", { elapsed: item.clock.elapsed, target: item.clock.target })}</span>
                  </td>
                  {manyCenters ? <td data-label={t("center.col.center")}>{item.centerName}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p className="muted">{t("center.clockBasis")}</p>
    </section>
  );
}
