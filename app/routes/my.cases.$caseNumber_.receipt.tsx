// /my/cases/:caseNumber/receipt: the receipt (回执) of a filing (issue 4, req. 7) for the account that filed it: case
// number, receive time (Asia/Shanghai), the organ, the running review or triage period with how it was computed, and
// the SHA-256 that /verify checks against the record. Prints on one A4 page (the "receipt" block of app/styles/app.css).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { DueDate } from "~/components/due-date";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { renderExplanation, type ExplanationStep } from "~/domain/periods";
import { CASE_NUMBER_PATTERN } from "~/domain/receipt";
import { receiptFor } from "~/services/filing.server";
import { requireUser } from "~/services/session.server";
import { useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/mediation";

export const meta = titleMeta("receipt.title");

/** The parts of an instant on the Beijing clock (UTC+8 all year; no daylight saving since 1991). */
function shanghaiClock(at: Date) {
  const d = new Date(at.getTime() + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: two(d.getUTCHours()), mm: two(d.getUTCMinutes()), ss: two(d.getUTCSeconds()) };
}

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const caseNumber = params.caseNumber ?? "";
  if (!CASE_NUMBER_PATTERN.test(caseNumber)) notFound();
  // Only the account that filed the case gets its receipt; anyone else sees the same 404 as for no case at all.
  const receipt = await receiptFor(user.id, caseNumber);
  if (!receipt) notFound();
  const kind = receipt.machine === "reconsideration" || receipt.machine === "mediation" ? receipt.machine : "other";
  const deadlineKind = receipt.deadline?.kind === "acceptance_review" || receipt.deadline?.kind === "mediation_triage" ? receipt.deadline.kind : "other";
  return {
    kind,
    caseNumber: receipt.caseNumber,
    receivedAt: shanghaiClock(receipt.receivedAt),
    receivedAtIso: receipt.receivedAt.toISOString(),
    organName: receipt.organName,
    contentHash: receipt.contentHash,
    files: receipt.files,
    deadline: receipt.deadline
      ? { kind: deadlineKind, dueDate: receipt.deadline.dueDate, provisional: receipt.deadline.provisional, explanation: receipt.deadline.explanation as ExplanationStep[] }
      : null,
    verifyUrl: `${new URL(request.url).origin}/verify`,
    verifyPath: `/verify?${new URLSearchParams({ caseNumber: receipt.caseNumber, hash: receipt.contentHash })}`,
  };
}

export default function Receipt() {
  const t = useT();
  const locale = useLocale();
  const r = useLoaderData<typeof loader>();
  // The print button needs JavaScript; without it the browser's own Print menu does the same (the hint says so).
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(typeof window.print === "function"), []);
  const hashGroups = r.contentHash.match(/.{1,8}/g) ?? [];
  return (
    <section className="page page--narrow receipt">
      <h1>{t(`receipt.heading.${r.kind}`)}</h1>
      <p className="lead">{t("receipt.lead")}</p>
      <dl className="kv receipt__facts">
        <dt>{t("receipt.caseNumber")}</dt>
        <dd className="receipt__case-number">{r.caseNumber}</dd>
        <dt>{t("receipt.receivedAt")}</dt>
        <dd>
          <time dateTime={r.receivedAtIso}>{t("receipt.time", r.receivedAt)}</time>
        </dd>
        <dt>{t(`receipt.organ.${r.kind}`)}</dt>
        <dd>{r.organName}</dd>
        <dt>{t("receipt.files")}</dt>
        <dd>{t("receipt.filesCount", { count: r.files })}</dd>
      </dl>

      <section aria-labelledby="receipt-due">
        <h2 id="receipt-due">{t("receipt.dueHeading")}</h2>
        {r.deadline ? (
          <>
            <DueDate date={r.deadline.dueDate} explanation={r.deadline.explanation} provisional={r.deadline.provisional} label={t(`receipt.due.${r.deadline.kind}`)} />
            {r.deadline.kind !== "other" ? <p className="muted">{t(`receipt.due.${r.deadline.kind}Note`)}</p> : null}
            {/* On paper the disclosure cannot be opened: the steps are printed as a list instead. */}
            <div className="receipt__print-only">
              <p>{t("receipt.due.howPrinted")}</p>
              <ol className="due-date__steps">
                {renderExplanation(r.deadline.explanation, locale).map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ol>
            </div>
          </>
        ) : (
          <p>{t("receipt.due.none")}</p>
        )}
      </section>

      <section aria-labelledby="receipt-hash">
        <h2 id="receipt-hash">{t("receipt.hash")}</h2>
        <p className="receipt__hash" aria-describedby="receipt-hash-hint">
          {hashGroups.map((group, i) => (
            <span key={i}>{group}</span>
          ))}
        </p>
        <p className="muted" id="receipt-hash-hint">
          {t("receipt.hashHint")}
        </p>
        <p>{t("receipt.verify", { url: r.verifyUrl })}</p>
      </section>

      <div className="receipt__actions">
        {canPrint ? (
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            {t("receipt.print")}
          </button>
        ) : null}
        <Link className="button" to={r.verifyPath}>
          {t("receipt.verifyNow")}
        </Link>
        <Link className="button" to="/my/cases">
          {t("receipt.myCases")}
        </Link>
        <p className="muted">{t("receipt.printHint")}</p>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
