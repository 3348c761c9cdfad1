// The respondent's filed written reply (Art. 48): text, legal basis, evidence with download links. Read-only; shown to
// the case's staff (data from getReplyForStaff in app/services/agency.server.ts) and on the agency's own case page.
import { useT } from "~/utils/i18n";
import "~/locales/areas/agency";

export interface ReplySummaryData {
  filedAt: string;
  filedByName: string;
  organName: string;
  reply: string;
  legalBasis: string;
  evidenceAndBasisSubmitted: boolean;
  evidence: {
    description: string;
    fileId: string | null;
    fileName: string | null;
  }[];
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export function ReplySummary({ reply, headingLevel = 2 }: { reply: ReplySummaryData | null; headingLevel?: 2 | 3 }) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <section aria-labelledby="reply-summary-heading" className="reply-summary">
      <Heading id="reply-summary-heading">{t("reply.heading")}</Heading>
      {!reply ? (
        <p>{t("reply.none")}</p>
      ) : (
        <>
          <dl className="kv">
            <dt>{t("reply.filedAt")}</dt>
            <dd>{shanghaiTime(reply.filedAt)}</dd>
            <dt>{t("reply.organ")}</dt>
            <dd>{reply.organName}</dd>
            <dt>{t("reply.filedBy")}</dt>
            <dd>{reply.filedByName}</dd>
            <dt>{t("reply.submitted")}</dt>
            <dd>{reply.evidenceAndBasisSubmitted ? t("reply.submitted.yes") : <strong>{t("reply.submitted.no")}</strong>}</dd>
            <dt>{t("reply.text")}</dt>
            <dd className="review-text">{reply.reply}</dd>
            <dt>{t("reply.basis")}</dt>
            <dd className="review-text">{reply.legalBasis || t("reply.noBasis")}</dd>
          </dl>
          <Sub>{t("reply.evidence")}</Sub>
          {reply.evidence.length === 0 ? (
            <p>{t("reply.noEvidence")}</p>
          ) : (
            <ol className="evidence-list">
              {reply.evidence.map((e, i) => (
                <li key={i}>
                  {e.description}{" "}
                  {e.fileId ? (
                    <a href={`/files/${e.fileId}`}>{t("reply.openFile", { name: e.fileName ?? e.fileId })}</a>
                  ) : (
                    <span className="muted">{t("reply.noFile")}</span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
