// /admin/audit — the audit log's hash chain: the last verification (by this page or by `npm run audit:verify`), the
// ones before it, and a button to verify now; every verification is recorded (issue 7 req. 6). Admins only.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { listVerifications, runVerification, type VerificationView } from "~/services/audit.server";
import { readForm } from "~/services/form.server";
import { forbidden, requirePermission } from "~/services/session.server";
import { useT, type Translate } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/audit";

export const meta = titleMeta("admin.audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "admin:view");
  const verifications = await listVerifications({ user, limit: 20 });
  if (!verifications) forbidden();
  return { verifications };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requirePermission(request, "admin:view");
  await readForm(request, context, loaded);
  const done = await runVerification({ user: loaded.user });
  if (!done) forbidden();
  return redirect(`/admin/audit?done=${done.result.ok ? "ok" : "broken"}`, 303);
}

/** An instant as Beijing time, "2026-11-30 09:15:04". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

function resultText(t: Translate, v: VerificationView): string {
  if (v.ok) return t("admin.audit.ok", { rows: v.rowsChecked });
  return t("admin.audit.broken", { id: v.brokenAt ?? "", rows: v.rowsChecked, reason: t(`admin.audit.reason.${v.reason ?? "hash"}`) });
}

function byText(t: Translate, v: VerificationView): string {
  return v.source === "web" ? t("admin.audit.byWeb", { name: v.actorName ?? "" }) : t("admin.audit.byCli", { command: v.command });
}

export default function AdminAudit() {
  const t = useT();
  const { verifications } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const last = verifications[0];
  return (
    <section className="page">
      <h1>{t("admin.audit.heading")}</h1>
      <p className="lead">{t("admin.audit.lead")}</p>
      {params.get("done") ? (
        <div className="alert alert--success" role="status">
          {t("admin.audit.done")}
        </div>
      ) : null}
      <h2>{t("admin.audit.last")}</h2>
      {last ? (
        <div className={last.ok ? "alert alert--success" : "alert alert--error"} role={last.ok ? undefined : "alert"}>
          <p>
            <strong>{resultText(t, last)}</strong>
          </p>
          <p>
            {shanghaiTime(last.verifiedAt)} · {byText(t, last)}
          </p>
        </div>
      ) : (
        <p>{t("admin.audit.none")}</p>
      )}
      <Form method="post">
        <CsrfInput />
        <button type="submit" className="button" disabled={busy}>
          {t("admin.audit.run")}
        </button>{" "}
        <span className="muted">{t("admin.audit.runHint")}</span>
      </Form>
      {verifications.length > 1 ? (
        <>
          <h2>{t("admin.audit.history")}</h2>
          <TableWrap label={t("admin.audit.history")}>
            <table className="table--stack">
              <thead>
                <tr>
                  <th scope="col">{t("admin.audit.col.when")}</th>
                  <th scope="col">{t("admin.audit.col.by")}</th>
                  <th scope="col">{t("admin.audit.col.result")}</th>
                </tr>
              </thead>
              <tbody>
                {verifications.map((v) => (
                  <tr key={v.id}>
                    <td data-label={t("admin.audit.col.when")}>{shanghaiTime(v.verifiedAt)}</td>
                    <td data-label={t("admin.audit.col.by")}>{byText(t, v)}</td>
                    <td data-label={t("admin.audit.col.result")}>{resultText(t, v)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </section>
  );
}
