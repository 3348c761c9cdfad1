// The record of a committee consultation (咨询意见记录, 《行政复议法》第五十二条第三款): per question the counts of agree /
// disagree / abstain and the majority, every member's answer with its reasons, the dissent and the separate opinions
// verbatim, and — once closed — the opinion as recorded. Shown to the secretary (a preview while open) and to the
// members after closing (app/services/committee-member.server.ts decides who sees it when).
import { dissentEntries, type ConsultationRecord } from "~/domain/consultation-record";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/utils/i18n";
import "~/locales/areas/member";

export function RecordSection({
  record,
  recorded,
}: {
  record: ConsultationRecord;
  recorded: { opinion: string; dissent: string[]; recordedOn: string } | null;
}) {
  const t = useT();
  // once closed, the dissent exactly as recorded; before, as closing would record it (minority reasons, separate opinions)
  const dissent = recorded ? recorded.dissent : dissentEntries(record);
  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">{recorded ? t("member.record.heading") : t("member.record.preview")}</h2>
      {recorded ? (
        <dl className="kv">
          <dt>{t("member.record.recordedOn")}</dt>
          <dd>{recorded.recordedOn}</dd>
          <dt>{t("member.record.opinion")}</dt>
          <dd className="review-text">{recorded.opinion}</dd>
        </dl>
      ) : null}
      {record.questions.map((q) => (
        <div key={q.questionId} className="card">
          <h3>{t("member.question", { number: q.number })}</h3>
          <p className="review-text">{q.text}</p>
          <p>
            <strong>{t("member.record.counts", { agree: q.counts.agree, disagree: q.counts.disagree, abstain: q.counts.abstain })}</strong>
            {" · "}
            {q.answers.length === 0 ? t("member.record.noVotes") : t(`member.record.majority.${q.majority ?? "none"}`)}
          </p>
          {q.answers.length ? (
            <TableWrap label={t("member.record.answers")}>
              <table className="table--stack">
                <thead>
                  <tr>
                    <th scope="col">{t("member.record.member")}</th>
                    <th scope="col">{t("member.record.position")}</th>
                    <th scope="col">{t("member.record.reasoning")}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.answers.map((a) => (
                    <tr key={a.memberId}>
                      <td data-label={t("member.record.member")}>{a.memberName}</td>
                      <td data-label={t("member.record.position")}>{t(`member.position.${a.position}`)}</td>
                      <td className="review-text" data-label={t("member.record.reasoning")}>{a.reasoning}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </div>
      ))}
      <h3>{t("member.record.dissent")}</h3>
      {dissent.length ? (
        <ul>
          {dissent.map((d, i) => (
            <li key={i} className="review-text">
              {d}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("member.record.noDissent")}</p>
      )}
    </section>
  );
}
