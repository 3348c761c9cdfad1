// /committee/:consultationId — one consultation as the assigned member sees it (《行政复议法》第五十二条): first the
// conflict-of-interest declaration (nothing of the file before it; a declared conflict removes the member), then the
// case digest with personal information masked (第三十六条第二款; no file downloads — the materials are read here
// only), the member's answer per question with reasons and an optional separate opinion, and after the secretary has
// closed it the record. Committee members only (403); a consultation that is not theirs does not exist (404).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { Checkbox, Radios, TextArea } from "~/components/fields";
import { CsrfInput, SubmitButton } from "~/components/form";
import { RecordSection } from "~/components/consultation-record";
import { Term } from "~/components/term";
import { answerPositions, REASONING_MAX } from "~/domain/consultation-record";
import {
  committeeMemberRoles,
  declareConflictStatus,
  getMemberConsultation,
  saveMemberAnswers,
  type MemberConsultationPage,
} from "~/services/committee-member.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { isMessageKey, useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/apply";
import "~/locales/areas/member";

export const meta = titleMeta("member.page.title");

const notFound = () => data(null, { status: 404 });
const IntentSchema = z.enum(["declare", "answer"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, committeeMemberRoles);
  const page = params.consultationId ? await getMemberConsultation({ user, consultationId: params.consultationId }) : null;
  if (!page) throw notFound();
  return { page };
}

interface ActionFailure {
  ok: false;
  intent: "declare" | "answer" | null;
  errors?: Record<string, string>;
  formError?: string;
  vars?: Record<string, number>;
  message?: string;
  messageEn?: string;
  values?: Record<string, string>;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, committeeMemberRoles);
  const { form } = await readForm(request, context, loaded);
  const consultationId = params.consultationId ?? "";
  const intent = IntentSchema.safeParse(form.get("intent"));
  const fields = Object.fromEntries([...form.entries()].filter(([k, v]) => k !== "csrf" && typeof v === "string")) as Record<string, string>;
  const fail = (status: number, failure: Omit<ActionFailure, "ok">) => data<ActionFailure>({ ok: false, ...failure }, { status });
  const user = loaded.user;
  const result = !intent.success
    ? null
    : intent.data === "declare"
      ? await declareConflictStatus({ user, consultationId, form: fields, requestId: context.requestId })
      : await saveMemberAnswers({ user, consultationId, form: Object.entries(fields), requestId: context.requestId });
  if (!result) {
    if (!(await getMemberConsultation({ user, consultationId }))) throw notFound();
    return fail(400, { intent: null, formError: "errors.badRequest" });
  }
  if (result.ok) {
    if ("removed" in result && result.removed) return redirect("/committee?done=removed", 303);
    return redirect(`/committee/${consultationId}?done=${intent.data === "declare" ? "declared" : "answered"}`, 303);
  }
  if (result.status === 404) throw notFound();
  return fail(result.status, { intent: intent.data ?? null, errors: result.errors, formError: result.formError, vars: result.vars, message: result.message, messageEn: result.messageEn, values: fields });
}

function FailureAlert({ failure }: { failure: ActionFailure | undefined }) {
  const t = useT();
  const locale = useLocale();
  if (!failure) return null;
  const text = failure.formError && isMessageKey(failure.formError) ? t(failure.formError, failure.vars) : locale === "en" ? (failure.messageEn ?? failure.message) : failure.message;
  if (!text) return null;
  return (
    <div className="alert alert--error" role="alert">
      {text}
    </div>
  );
}

export default function CommitteeConsultation() {
  const t = useT();
  const { page: p } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = search.get("done");
  return (
    <section className="page">
      <p>
        <Link to="/committee">{t("member.back")}</Link>
      </p>
      <h1>{t("member.page.heading", { caseNumber: p.caseNumber ?? "" })}</h1>
      {done === "declared" ? (
        <div className="alert alert--success" role="status">
          {t("member.declare.done")}
        </div>
      ) : done === "answered" ? (
        <div className="alert alert--success" role="status">
          {t("member.answer.done")}
        </div>
      ) : null}
      {actionData?.intent === null ? <FailureAlert failure={actionData} /> : null}

      <h2>{t("member.summary")}</h2>
      <dl className="kv">
        <Term label={t("member.organ")} value={p.organName} />
        <Term label={t("member.respondent")} value={p.respondentName} />
        <dt>{t("member.stateLabel")}</dt>
        <dd>{t(`member.state.${p.state}`)}</dd>
        <dt>{t("member.due")}</dt>
        <dd>
          {p.dueDate ? (p.record || p.state === "CLOSED" ? p.dueDate : t("member.dueText", { due: p.dueDate })) : t("member.noDue")}
          {p.overdue ? (
            <>
              {" "}
              <span className="queue-due queue-due--overdue">{t("member.overdue")}</span>
            </>
          ) : null}
        </dd>
        {p.grounds.length ? (
          <>
            <dt>{t("member.grounds")}</dt>
            <dd>
              <ul className="plain">
                {p.grounds.map((g) => (
                  <li key={g}>{t(`member.ground.${g}`)}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>

      <h2>{t("member.parties")}</h2>
      <p className="muted">{t("member.partiesLead")}</p>
      <ul>
        {p.respondentName ? (
          <li>
            {t("member.partyLine", { role: t("member.respondent"), name: p.respondentName })}
          </li>
        ) : null}
        {p.parties.map((party, i) => (
          <li key={i}>
            {t("member.partyLine", { role: t(`member.role.${party.role}`), name: party.name })}
          </li>
        ))}
      </ul>

      {!p.declared ? (
        <DeclarationForm failure={actionData?.intent === "declare" ? actionData : undefined} />
      ) : (
        <>
          {p.digest ? <DigestSection digest={p.digest} /> : <p>{t("member.waitMaterials")}</p>}
          {p.record ? (
            <RecordSection record={p.record.record} recorded={{ opinion: p.record.opinion, dissent: p.record.dissent, recordedOn: p.record.recordedOn }} />
          ) : (
            <>
              {p.digest ? <AnswerForm page={p} failure={actionData?.intent === "answer" ? actionData : undefined} /> : null}
              <LaterConflictForm failure={actionData?.intent === "declare" ? actionData : undefined} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function DeclarationForm({ failure }: { failure: ActionFailure | undefined }) {
  const t = useT();
  const err = (name: string) => failure?.errors?.[name];
  return (
    <Form method="post" className="form card" aria-labelledby="declare-heading">
      <h2 id="declare-heading">{t("member.declare.heading")}</h2>
      <p>{t("member.declare.lead")}</p>
      <FailureAlert failure={failure} />
      <CsrfInput />
      <input type="hidden" name="intent" value="declare" />
      <Radios
        legend={t("member.declare.legend")}
        name="declaration"
        options={[
          { value: "no_conflict", label: t("member.declare.no_conflict") },
          { value: "conflict", label: t("member.declare.conflict") },
        ]}
        defaultValue={failure?.values?.declaration}
        error={err("declaration")}
      />
      <Checkbox label={t("member.declare.confirm")} name="confirm" defaultChecked={failure?.values?.confirm === "yes"} error={err("confirm")} />
      <TextArea label={t("member.declare.note")} hint={t("member.declare.noteHint")} name="note" maxLength={2000} rows={3} defaultValue={failure?.values?.note} error={err("note")} />
      <SubmitButton>{t("member.declare.submit")}</SubmitButton>
    </Form>
  );
}

function LaterConflictForm({ failure }: { failure: ActionFailure | undefined }) {
  const t = useT();
  return (
    <Form method="post" className="form card" aria-labelledby="later-heading">
      <h2 id="later-heading">{t("member.declare.laterHeading")}</h2>
      <p>{t("member.declare.laterLead")}</p>
      <FailureAlert failure={failure} />
      <CsrfInput />
      <input type="hidden" name="intent" value="declare" />
      <input type="hidden" name="declaration" value="conflict" />
      <TextArea label={t("member.declare.note")} name="note" maxLength={2000} rows={3} defaultValue={failure?.values?.note} error={failure?.errors?.note} />
      <button type="submit" className="button">
        {t("member.declare.laterSubmit")}
      </button>
    </Form>
  );
}

function DigestSection({ digest: d }: { digest: NonNullable<MemberConsultationPage["digest"]> }) {
  const t = useT();
  return (
    <section aria-labelledby="digest-heading">
      <h2 id="digest-heading">{t("member.digest")}</h2>
      <p className="muted">{t("member.digest.masked")}</p>
      {d.act ? (
        <>
          <h3>{t("member.act")}</h3>
          <dl className="kv">
            <Term label={t("member.act.title")} value={d.act.title} />
            <Term label={t("member.act.number")} value={d.act.documentNumber} />
            <Term label={t("member.act.kind")} value={d.act.kind ? t(`apply.actKind.${d.act.kind}`) : null} />
            <Term label={t("member.act.madeOn")} value={d.act.madeOn} />
          </dl>
        </>
      ) : null}
      <dl className="kv">
        <Term label={t("member.requests")} value={d.requests} className="review-text" />
        <Term label={t("member.factsAndReasons")} value={d.factsAndReasons} className="review-text" />
      </dl>
      <h3>{t("member.evidence")}</h3>
      {d.evidence.length ? (
        <ol className="evidence-list">
          {d.evidence.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ol>
      ) : (
        <p>{t("member.noEvidence")}</p>
      )}
      <h3>{t("member.reply")}</h3>
      {d.reply ? (
        <>
          <dl className="kv">
            <Term label={t("member.reply.filedOn")} value={d.reply.filedOn} />
            <Term label={t("member.reply.text")} value={d.reply.reply} className="review-text" />
            <Term label={t("member.reply.basis")} value={d.reply.legalBasis} className="review-text" />
          </dl>
          {d.reply.evidence.length ? (
            <>
              <h4>{t("member.reply.evidence")}</h4>
              <ol className="evidence-list">
                {d.reply.evidence.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ol>
            </>
          ) : null}
        </>
      ) : (
        <p>{t("member.reply.none")}</p>
      )}
      <h3>{t("member.questions")}</h3>
      <ol>
        {d.questions.map((q) => (
          <li key={q.id} className="review-text">
            {q.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

function AnswerForm({ page: p, failure }: { page: MemberConsultationPage; failure: ActionFailure | undefined }) {
  const t = useT();
  if (!p.digest) return null;
  if (!p.canAnswer) return <p className="alert alert--warn">{t(p.status === "absent" ? "member.answer.absent" : "member.answer.notOpen")}</p>;
  const value = (name: string, saved: string | null | undefined) => failure?.values?.[name] ?? saved ?? "";
  return (
    <Form method="post" className="form" aria-labelledby="answer-heading">
      <h2 id="answer-heading">{t("member.answer.heading")}</h2>
      <p>{t("member.answer.lead")}</p>
      {p.mine.submittedAt ? <p className="muted">{t("member.answer.submittedAt", { at: p.mine.submittedAt.slice(0, 10) })}</p> : null}
      <FailureAlert failure={failure} />
      <CsrfInput />
      <input type="hidden" name="intent" value="answer" />
      {p.digest.questions.map((q) => {
        const saved = p.mine.answers[q.id];
        return (
          <fieldset key={q.id} className="apply-block">
            <legend>{t("member.question", { number: q.number })}</legend>
            <p className="review-text">{q.text}</p>
            <Radios
              legend={t("member.answer.position")}
              name={`position.${q.id}`}
              options={answerPositions.map((a) => ({ value: a, label: t(`member.position.${a}`) }))}
              defaultValue={value(`position.${q.id}`, saved?.position)}
              error={failure?.errors?.[`position.${q.id}`]}
            />
            <TextArea
              label={t("member.answer.reasoning")}
              name={`reasoning.${q.id}`}
              maxLength={REASONING_MAX}
              defaultValue={value(`reasoning.${q.id}`, saved?.reasoning)}
              error={failure?.errors?.[`reasoning.${q.id}`]}
            />
          </fieldset>
        );
      })}
      <TextArea
        label={t("member.answer.separate")}
        hint={t("member.answer.separateHint")}
        name="separateOpinion"
        maxLength={REASONING_MAX}
        defaultValue={value("separateOpinion", p.mine.separateOpinion)}
        error={failure?.errors?.separateOpinion}
      />
      <SubmitButton>{t("member.answer.submit")}</SubmitButton>
    </Form>
  );
}
