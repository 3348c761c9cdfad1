// /staff/cases/:caseNumber/committee — referring a case in review to the reconsideration committee (《行政复议法》第五十二条
// 第二款): the grounds (one set automatically when the respondent is the autonomous-region government) and the questions;
// the office head's approval or withdrawal; the members chosen from the roster (proposed by field, those with a
// conflict excluded with the reason); a party's recusal request and its decision; and, once the opinion is recorded,
// the adoption record (第五十二条第三款、第六十一条第三款). Staff and office heads only (403); a case outside the user's
// organs does not exist (404). The meeting, the members' answers and the record are on /staff/consultations/:id.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { Checkbox, Radios, Select, TextArea } from "~/components/fields";
import { TableWrap } from "~/components/table-wrap";
import { consultationStateLabels } from "~/domain/machines/consultation";
import { caseStateLabels } from "~/domain/machines/reconsideration";
import { adoptionOutcomes, chosenGrounds, MAX_QUESTION_LENGTH, MAX_QUESTIONS, type ExclusionReason } from "~/domain/committee";
import {
  approveReferral,
  assignMembers,
  committeeCaseRoles,
  decideRecusal,
  getCommitteeCase,
  recordAdoption,
  recordRecusalRequest,
  referToCommittee,
  withdrawReferral,
  type CommitteeResult,
} from "~/services/committee.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { staffCaseExists } from "~/services/staff-cases.server";
import { useLocale, useT, type Translate } from "~/utils/i18n";
import { CommandOutcome, CommandSection } from "~/components/command-section";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/committee";

export const meta = titleMeta("committee.case.title");

const notFound = () => data(null, { status: 404 });
const VersionSchema = z.pipe(z.string().check(z.regex(/^\d{1,9}$/)), z.transform(Number));
const intents = ["refer", "approve", "withdraw", "assign", "recusal_request", "recusal_decide", "adoption"] as const;
type Intent = (typeof intents)[number];
const IntentSchema = z.enum(intents);
/** Fields posted more than once (checkbox groups, the question list). */
const listFields = ["grounds", "questions", "members"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, committeeCaseRoles);
  const found = params.caseNumber ? await getCommitteeCase({ user, caseNumber: params.caseNumber }) : null;
  if (!found) throw notFound();
  return { case: found };
}

interface ActionFailure {
  ok: false;
  intent: Intent | null;
  errors?: Record<string, string>;
  formError?: string;
  message?: string;
  messageEn?: string;
  values?: Record<string, string | string[]>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, committeeCaseRoles);
  const { form } = await readForm(request, context, loaded);
  const caseNumber = params.caseNumber ?? "";
  if (!(await staffCaseExists({ user: loaded.user, caseNumber }))) throw notFound();
  const intent = IntentSchema.safeParse(form.get("intent"));
  const version = VersionSchema.safeParse(form.get("version"));
  const fail = (status: number, failure: Omit<ActionFailure, "ok">) => data<ActionFailure>({ ok: false, ...failure }, { status });
  if (!intent.success || !version.success) return fail(400, { intent: intent.success ? intent.data : null, formError: "errors.badRequest" });

  const values: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || ["csrf", "intent", "version"].includes(key)) continue;
    if (listFields.includes(key)) values[key] = [...((values[key] as string[] | undefined) ?? []), value];
    else values[key] = value;
  }
  const common = { user: loaded.user, caseNumber, version: version.data, requestId: context.requestId, form: values };
  const run: Record<Intent, () => Promise<CommitteeResult>> = {
    refer: () => referToCommittee(common),
    approve: () => approveReferral(common),
    withdraw: () => withdrawReferral(common),
    assign: () => assignMembers(common),
    recusal_request: () => recordRecusalRequest(common),
    recusal_decide: () => decideRecusal(common),
    adoption: () => recordAdoption(common),
  };
  const result = await run[intent.data]();
  if (result.ok) return redirect(`/staff/cases/${encodeURIComponent(caseNumber)}/committee?done=${intent.data}`, 303);
  if (result.status === 404) throw notFound();
  return fail(result.status, {
    intent: intent.data,
    errors: result.errors,
    formError: result.formError,
    message: result.message,
    messageEn: result.messageEn,
    values,
  });
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>["case"];

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

function exclusionText(t: Translate, r: ExclusionReason): string {
  switch (r.code) {
    case "employed_by_respondent":
    case "employed_by_act_organ":
    case "register_employer":
      return t(`committee.exclusion.${r.code}`, { organ: r.organ, note: "note" in r ? r.note : "" });
    case "register_organ_link":
      return t("committee.exclusion.register_organ_link", { organ: r.organ, note: r.note });
    case "employer_is_party":
      return t("committee.exclusion.employer_is_party", { party: r.party });
    case "register_party_link":
      return t("committee.exclusion.register_party_link", { party: r.party, note: r.note });
    case "register_earlier_involvement":
      return r.organ
        ? t("committee.exclusion.register_earlier_involvement", { organ: r.organ, note: r.note })
        : t("committee.exclusion.register_earlier_involvement_case", { note: r.note });
  }
}

export default function StaffCaseCommittee() {
  const t = useT();
  const locale = useLocale();
  const { case: c } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = IntentSchema.safeParse(search.get("done"));
  const caseHref = `/staff/cases/${encodeURIComponent(c.caseNumber)}`;
  const k = c.consultation;
  const can = (a: Loaded["actions"][number]) => c.actions.includes(a);

  const failureOf = (intent: Intent) => (actionData?.intent === intent ? actionData : undefined);
  const failureText = (f: ActionFailure) => {
    if (f.formError) return t(f.formError, f.message ? { name: f.message } : undefined);
    return locale === "en" ? (f.messageEn ?? f.message ?? "") : (f.message ?? "");
  };
  const formOf = (intent: Intent, version: number) => {
    const failure = failureOf(intent);
    return { intent, version, failure: failure ? failureText(failure) : null };
  };
  const value = (intent: Intent, name: string, fallback = "") => {
    const v = failureOf(intent)?.values?.[name];
    return typeof v === "string" ? v : fallback;
  };
  const list = (intent: Intent, name: string): string[] => {
    const v = failureOf(intent)?.values?.[name];
    return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
  };
  const error = (intent: Intent, name: string) => failureOf(intent)?.errors?.[name];
  const groundLabel = (g: string) => t(`committee.ground.${g}`);

  return (
    <section className="page">
      <h1>{t("committee.case.heading", { caseNumber: c.caseNumber })}</h1>
      <p className="lead">{t("committee.case.lead")}</p>
      <nav aria-label={t("committee.case.nav")}>
        <ul className="inline-list">
          <li>
            <a href={caseHref}>{t("committee.case.backToCase")}</a>
          </li>
          <li>
            <a href={`${caseHref}/decision`}>{t("committee.case.toDecision")}</a>
          </li>
          <li>
            <a href="/staff/committee">{t("committee.case.toRoster")}</a>
          </li>
        </ul>
      </nav>
      <CommandOutcome
        done={done.success ? t(`committee.done.${done.data}`) : null}
        error={actionData && actionData.intent === null ? t(actionData.formError ?? "errors.badRequest") : null}
      />

      <dl className="kv">
        <dt>{t("committee.case.caseState")}</dt>
        <dd>
          {caseStateLabels[c.caseState as keyof typeof caseStateLabels] ?? c.caseState}
          {locale === "en" ? ` (${c.caseState})` : null}
        </dd>
        <dt>{t("committee.case.respondent")}</dt>
        <dd>{c.respondentName ?? t("committee.none")}</dd>
        <dt>{t("committee.case.mandatory")}</dt>
        <dd>{c.mandatoryGrounds.length ? c.mandatoryGrounds.map(groundLabel).join("；") : t("committee.case.mandatoryNone")}</dd>
        <dt>{t("committee.case.decisionDue")}</dt>
        <dd>{c.decisionDueOn ?? t("committee.none")}</dd>
        {c.period && (!k || k.state === "REFERRAL_DRAFTED") ? (
          <>
            <dt>{t("committee.case.period")}</dt>
            <dd>
              {c.period.ok
                ? t(c.period.shortened ? "committee.case.periodShortened" : "committee.case.periodFull", { days: c.period.workdays })
                : t("committee.case.periodNone")}
            </dd>
          </>
        ) : null}
      </dl>
      {c.rosterSize === 0 ? <p className="alert alert--warn">{t("committee.case.noRoster")}</p> : null}
      {c.mandatoryGrounds.length > 0 && c.committeeStatus === "none" ? <p className="alert alert--warn">{t("committee.case.mandatoryWarning")}</p> : null}

      {can("refer") ? (
        <CommandSection {...formOf("refer", c.caseVersion)} heading={t("committee.refer.heading")} lead={t("committee.refer.lead")} submit={t("committee.refer.submit")}>
          <fieldset className={`field choice${error("refer", "grounds") ? " field--error" : ""}`}>
            <legend>{t("committee.refer.grounds")}</legend>
            {error("refer", "grounds") ? <p className="field__error">{t(error("refer", "grounds")!)}</p> : null}
            {chosenGrounds.slice(0, 2).map((g) => (
              <Checkbox key={g} name="grounds" value={g} label={groundLabel(g)} defaultChecked={list("refer", "grounds").includes(g) || (g === "major_complex" && c.mandatoryGrounds.includes(g) && !failureOf("refer"))} />
            ))}
            <div className="field choice">
              <label className="choice__option">
                <input type="checkbox" checked={c.regionGovernmentRespondent} disabled readOnly aria-describedby="auto-ground-hint" />
                <span>{groundLabel("region_government_act")}</span>
              </label>
              <p className="field__hint" id="auto-ground-hint">
                {c.regionGovernmentRespondent ? t("committee.refer.autoGroundSet") : t("committee.refer.autoGroundNotSet")}
              </p>
            </div>
            <Checkbox name="grounds" value="necessary" label={groundLabel("necessary")} defaultChecked={list("refer", "grounds").includes("necessary")} />
          </fieldset>
          <TextArea
            name="otherReason"
            label={t("committee.refer.otherReason")}
            hint={t("committee.refer.otherReasonHint")}
            rows={3}
            maxLength={2000}
            defaultValue={value("refer", "otherReason")}
            error={error("refer", "otherReason")}
          />
          <fieldset className={`field${error("refer", "questions") ? " field--error" : ""}`}>
            <legend>{t("committee.refer.questions")}</legend>
            <p className="field__hint">{t("committee.refer.questionsHint", { max: MAX_QUESTIONS })}</p>
            {error("refer", "questions") ? <p className="field__error">{t(error("refer", "questions")!)}</p> : null}
            {Array.from({ length: MAX_QUESTIONS }, (_, i) => (
              <TextArea
                key={i}
                name="questions"
                label={t("committee.refer.question", { n: i + 1 })}
                rows={2}
                maxLength={MAX_QUESTION_LENGTH}
                required={i === 0}
                defaultValue={list("refer", "questions")[i] ?? ""}
              />
            ))}
          </fieldset>
        </CommandSection>
      ) : null}

      {k ? (
        <>
          <h2>{t("committee.consultation.heading")}</h2>
          <dl className="kv">
            <dt>{t("committee.consultation.state")}</dt>
            <dd>
              <strong>{consultationStateLabels[k.state]}</strong>
              {locale === "en" ? ` (${k.state})` : null}
            </dd>
            <dt>{t("committee.consultation.grounds")}</dt>
            <dd>{k.grounds.map(groundLabel).join("；")}</dd>
            {k.otherReason ? (
              <>
                <dt>{t("committee.refer.otherReason")}</dt>
                <dd className="review-text">{k.otherReason}</dd>
              </>
            ) : null}
            {k.dueDate ? (
              <>
                <dt>{t("committee.consultation.due")}</dt>
                <dd>{k.dueDate}</dd>
              </>
            ) : null}
            {k.outcome ? (
              <>
                <dt>{t("committee.consultation.outcome")}</dt>
                <dd>
                  {t(`committee.outcome.${k.outcome.kind}`)}
                  {k.outcome.reason ? ` — ${k.outcome.reason}` : null}
                </dd>
              </>
            ) : null}
          </dl>
          <h3>{t("committee.consultation.questions")}</h3>
          {k.questions.length ? (
            <ol>
              {k.questions.map((q) => (
                <li key={q.position} className="review-text">
                  {q.text}
                </li>
              ))}
            </ol>
          ) : (
            <p>{t("committee.none")}</p>
          )}
          {!["REFERRAL_DRAFTED", "REFERRED", "CLOSED"].includes(k.state) ? (
            <p>
              <Link to={`/staff/consultations/${k.id}`}>{t("committee.consultation.secretaryPage")}</Link>
            </p>
          ) : null}
          {k.state === "REFERRAL_DRAFTED" && !c.isHead ? <p className="alert alert--info">{t("committee.approve.waiting")}</p> : null}

          {can("approve") ? (
            <CommandSection {...formOf("approve", k.version)} heading={t("committee.approve.heading")} lead={t("committee.approve.lead")} submit={t("committee.approve.submit")} />
          ) : null}
          {can("withdraw") ? (
            <CommandSection {...formOf("withdraw", k.version)} heading={t("committee.withdraw.heading")} lead={t("committee.withdraw.lead")} submit={t("committee.withdraw.submit")}>
              <TextArea name="reason" label={t("committee.withdraw.reason")} rows={3} maxLength={2000} required defaultValue={value("withdraw", "reason")} error={error("withdraw", "reason")} />
            </CommandSection>
          ) : null}

          {can("assign") && k.selection ? (
            <CommandSection {...formOf("assign", k.version)} heading={t("committee.assign.heading")} lead={t("committee.assign.lead")} submit={t("committee.assign.submit")}>
              <p className="muted">{t("committee.assign.caseFields", { fields: k.caseFields.map((f) => t(`committee.field.${f}`)).join("、") })}</p>
              {k.selection.length === 0 ? <p className="alert alert--warn">{t("committee.case.noRoster")}</p> : null}
              <TableWrap label={t("committee.assign.heading")}>
                <table className="table--stack">
                  <thead>
                    <tr>
                      <th scope="col">{t("committee.assign.col.choose")}</th>
                      <th scope="col">{t("committee.assign.col.member")}</th>
                      <th scope="col">{t("committee.assign.col.fields")}</th>
                      <th scope="col">{t("committee.assign.col.status")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {k.selection.map((r) => {
                      const selectable = r.status === "proposed" || r.status === "eligible";
                      const id = `member-${r.memberId}`;
                      return (
                        <tr key={r.memberId}>
                          <td data-label={t("committee.assign.col.choose")}>
                            <input
                              id={id}
                              type="checkbox"
                              name="members"
                              value={r.memberId}
                              disabled={!selectable}
                              defaultChecked={selectable && (failureOf("assign") ? list("assign", "members").includes(r.memberId) : r.status === "proposed")}
                            />
                          </td>
                          <td data-label={t("committee.assign.col.member")}>
                            <label htmlFor={id}>
                              <strong>{r.name}</strong> · {t(`committee.kind.${r.kind}`)} · {r.employer}
                            </label>
                          </td>
                          <td data-label={t("committee.assign.col.fields")}>
                            {r.fields.map((f) => (r.matched.includes(f as never) ? `${t(`committee.field.${f}`)}✓` : t(`committee.field.${f}`))).join("、")}
                          </td>
                          <td data-label={t("committee.assign.col.status")}>
                            <strong>{t(`committee.selection.${r.status}`)}</strong>
                            {r.reasons.length ? (
                              <ul className="plain">
                                {r.reasons.map((reason, i) => (
                                  <li key={i}>{exclusionText(t, reason)}</li>
                                ))}
                              </ul>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableWrap>
            </CommandSection>
          ) : null}

          {k.seats.length ? (
            <>
              <h3>{t("committee.seats.heading")}</h3>
              <ul className="plain">
                {k.seats.map((s) => (
                  <li key={s.memberId} className="card">
                    <strong>{s.name}</strong> · {t(`committee.kind.${s.kind}`)} · {s.employer} · {t(`committee.declaration.${s.declaration}`)}
                    {s.removed ? <p className="alert alert--warn">{t("committee.seats.removed", { reason: s.removedReason ?? "" })}</p> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          {k.recusals.length ? (
            <>
              <h3>{t("committee.recusal.listHeading")}</h3>
              <ul className="plain">
                {k.recusals.map((r) => (
                  <li key={r.id} className="card">
                    <p>{t("committee.recusal.entry", { party: r.requestedBy, member: r.memberName, time: shanghaiTime(r.recordedAt) })}</p>
                    <p className="review-text">{r.reason}</p>
                    {r.granted === null ? (
                      <p className="muted">{t("committee.recusal.pending")}</p>
                    ) : (
                      <p>
                        <strong>{t(r.granted ? "committee.recusal.granted" : "committee.recusal.refused")}</strong>
                        {" — "}
                        {r.decisionReasons}
                        {r.decidedByName && r.decidedAt ? ` (${r.decidedByName}, ${shanghaiTime(r.decidedAt)})` : null}
                      </p>
                    )}
                    {r.granted === null && can("recusal_decide") ? (
                      <CommandSection
                        {...formOf("recusal_decide", k.version)}
                        failure={failureOf("recusal_decide")?.values?.requestId === r.id ? formOf("recusal_decide", k.version).failure : null}
                        heading={t("committee.recusal.decideHeading")}
                        submit={t("committee.recusal.decideSubmit")}
                        idSuffix={r.id}
                      >
                        <input type="hidden" name="requestId" value={r.id} />
                        <Radios
                          name="granted"
                          legend={t("committee.recusal.decision")}
                          options={[
                            { value: "yes", label: t("committee.recusal.grant") },
                            { value: "no", label: t("committee.recusal.refuse") },
                          ]}
                        />
                        <TextArea name="decisionReasons" label={t("committee.recusal.decisionReasons")} rows={3} maxLength={2000} required />
                      </CommandSection>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          {can("recusal_request") ? (
            <CommandSection {...formOf("recusal_request", k.version)} heading={t("committee.recusal.heading")} lead={t("committee.recusal.lead")} submit={t("committee.recusal.submit")}>
              <Select
                name="memberId"
                label={t("committee.recusal.member")}
                placeholder={t("committee.choose")}
                options={k.seats.filter((s) => !s.removed).map((s) => ({ value: s.memberId, label: s.name }))}
                defaultValue={value("recusal_request", "memberId")}
                error={error("recusal_request", "memberId")}
              />
              <Select
                name="requestedBy"
                label={t("committee.recusal.requestedBy")}
                placeholder={t("committee.choose")}
                options={c.parties.map((p) => ({ value: p, label: p }))}
                defaultValue={value("recusal_request", "requestedBy")}
                error={error("recusal_request", "requestedBy")}
              />
              <TextArea name="reason" label={t("committee.recusal.reason")} rows={3} maxLength={2000} required defaultValue={value("recusal_request", "reason")} error={error("recusal_request", "reason")} />
            </CommandSection>
          ) : null}

          {k.opinion ? (
            <>
              <h3>{t("committee.opinion.heading")}</h3>
              <p className="muted">{t("committee.opinion.recordedOn", { date: k.opinion.recordedOn })}</p>
              <p className="review-text">{k.opinion.text}</p>
              {k.opinion.dissent.length ? (
                <>
                  <h4>{t("committee.opinion.dissent")}</h4>
                  <ul>
                    {k.opinion.dissent.map((d, i) => (
                      <li key={i} className="review-text">
                        {d}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          ) : null}
          {k.adoption ? (
            <>
              <h3>{t("committee.adoption.recordHeading")}</h3>
              <p>
                <strong>{t(`committee.adoption.${k.adoption.outcome}`)}</strong>
              </p>
              {k.adoption.reasons ? <p className="review-text">{k.adoption.reasons}</p> : null}
            </>
          ) : null}
          {can("adoption") ? (
            <CommandSection {...formOf("adoption", k.version)} heading={t("committee.adoption.heading")} lead={t("committee.adoption.lead")} submit={t("committee.adoption.submit")}>
              <Radios
                name="outcome"
                legend={t("committee.adoption.outcome")}
                options={adoptionOutcomes.map((o) => ({ value: o, label: t(`committee.adoption.${o}`) }))}
                defaultValue={value("adoption", "outcome")}
                error={error("adoption", "outcome")}
              />
              <TextArea
                name="reasons"
                label={t("committee.adoption.reasons")}
                hint={t("committee.adoption.reasonsHint")}
                rows={5}
                maxLength={4000}
                defaultValue={value("adoption", "reasons")}
                error={error("adoption", "reasons")}
              />
            </CommandSection>
          ) : null}
        </>
      ) : c.actions.length === 0 ? (
        <p>{t("committee.case.nothingNow")}</p>
      ) : null}

      {c.earlier.length ? (
        <>
          <h2>{t("committee.earlier.heading")}</h2>
          <ul>
            {c.earlier.map((e) => (
              <li key={e.id}>
                {consultationStateLabels[e.state as keyof typeof consultationStateLabels] ?? e.state}
                {e.outcome ? ` · ${t(`committee.outcome.${e.outcome.kind}`)}${e.outcome.reason ? ` — ${e.outcome.reason}` : ""}` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
