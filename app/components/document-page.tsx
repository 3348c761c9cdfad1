// One issued document as an A4 sheet (app/styles/document.css prints it alone). The text is the frozen content rendered
// by app/domain/documents.ts (legal text, in Chinese whatever the UI language); only the surrounding labels are UI text.
import type { RenderedDocument, ServiceReceipt } from "~/domain/documents";
import { documentDate } from "~/domain/documents";
import { useT } from "~/utils/i18n";
import { TableWrap } from "./table-wrap";
import "~/locales/areas/documents";

export function DocumentSheet({ document }: { document: RenderedDocument }) {
  return (
    <article className="doc-sheet" lang="zh-CN">
      <p className="doc-sheet__organ">{document.organName}</p>
      <h1 className="doc-sheet__title">{document.title}</h1>
      {document.number ? <p className="doc-sheet__number">{document.number}</p> : null}
      {document.caseNumber ? <p className="doc-sheet__case">{document.caseNumber}</p> : null}
      {document.addressee ? <p className="doc-sheet__addressee">{document.addressee}</p> : null}
      {document.paragraphs.map((p, i) => (
        <p key={i} className="doc-sheet__para">
          {p}
        </p>
      ))}
      {document.list.length ? (
        <ol className="doc-sheet__list">
          {document.list.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ol>
      ) : null}
      {document.signatures.length ? (
        <ul className="doc-sheet__signatures">
          {document.signatures.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ul>
      ) : null}
      <p className="doc-sheet__seal">{document.seal}</p>
      <p className="doc-sheet__date">
        <time dateTime={document.date}>{documentDate(document.date)}</time>
      </p>
      <p className="doc-sheet__basis">{document.basis}</p>
    </article>
  );
}

const shanghai = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }) : "";

/** The 送达回证: one row per recipient and service (DOMAIN.md 9.18). */
export function ServiceReceiptTable({ receipt }: { receipt: ServiceReceipt }) {
  const t = useT();
  return (
    <section className="doc-receipt" aria-labelledby="doc-receipt-heading">
      <h2 id="doc-receipt-heading">{t("documents.receipt.heading")}</h2>
      <p className="muted no-print">{t("documents.receipt.lead")}</p>
      {receipt.rows.length === 0 ? (
        <p>{t("documents.receipt.none")}</p>
      ) : (
        <TableWrap label={t("documents.receipt.heading")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("documents.receipt.recipient")}</th>
                <th scope="col">{t("documents.receipt.method")}</th>
                <th scope="col">{t("documents.receipt.reachedAt")}</th>
                <th scope="col">{t("documents.receipt.firstOpenedAt")}</th>
                <th scope="col">{t("documents.receipt.servedOn")}</th>
                <th scope="col">{t("documents.receipt.signer")}</th>
              </tr>
            </thead>
            <tbody>
              {receipt.rows.map((r, i) => (
                <tr key={i}>
                  <td>
                    {r.recipientName} <span className="muted">({t(`documents.role.${r.recipientRole}`)})</span>
                  </td>
                  <td>{t(`documents.method.${r.method}`)}</td>
                  <td>{r.reachedAt ? <time dateTime={r.reachedAt}>{shanghai(r.reachedAt)}</time> : null}</td>
                  <td>{r.firstOpenedAt ? <time dateTime={r.firstOpenedAt}>{shanghai(r.firstOpenedAt)}</time> : null}</td>
                  <td>{r.servedOn ? <time dateTime={r.servedOn}>{documentDate(r.servedOn)}</time> : null}</td>
                  <td>
                    {r.signer}
                    {r.refused ? <div>{t("documents.receipt.refused")}</div> : null}
                    {r.note ? (
                      <div className="muted">
                        {t("documents.receipt.note")}: {r.note}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
