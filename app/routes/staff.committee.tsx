// /staff/committee — the roster of the reconsideration committee of the user's organ (《行政复议法》第五十二条第一款:
// departments, experts and scholars) with each member's fields of expertise and availability, and the conflict-of-
// interest register (employer, links to organs and parties, earlier involvement) that member selection reads. Staff read
// it; office heads and admins keep it (POST; staff get 403). Bad input answers 400 and writes nothing.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import * as z from "zod/mini";
import { Checkbox, Select, TextArea } from "~/components/fields";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { committeeFields, conflictKinds, memberKinds } from "~/domain/committee";
import {
  addConflictEntry,
  addRosterMember,
  endConflictEntry,
  getRosters,
  rosterRoles,
  updateRosterMember,
  type CommitteeResult,
  type RosterView,
} from "~/services/committee.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/committee";

export const meta = titleMeta("committee.roster.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, rosterRoles);
  return { rosters: await getRosters({ user }) };
}

const intents = ["add_member", "update_member", "add_conflict", "end_conflict"] as const;
type Intent = (typeof intents)[number];

interface ActionFailure {
  ok: false;
  intent: Intent | null;
  /** The organ (add_member) or member (others) the failed form was for. */
  target: string | null;
  errors?: Record<string, string>;
  formError?: string;
  values?: Record<string, string | string[]>;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, rosterRoles);
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key === "csrf") continue;
    if (key === "fields") values.fields = [...((values.fields as string[] | undefined) ?? []), value];
    else if (!(key in values)) values[key] = value;
  }
  const intent = z.enum(intents).safeParse(values.intent);
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const target = intent.success ? (intent.data === "add_member" ? str("organId") : intent.data === "end_conflict" ? str("entryId") : str("memberId")) : null;
  const fail = (status: number, f: Omit<ActionFailure, "ok" | "intent" | "target">) =>
    data<ActionFailure>({ ok: false, intent: intent.success ? intent.data : null, target, values, ...f }, { status });
  if (!intent.success) return fail(400, { formError: "errors.badRequest" });
  const common = { user: loaded.user, requestId: context.requestId };
  let result: CommitteeResult;
  switch (intent.data) {
    case "add_member":
      result = await addRosterMember({ ...common, organId: str("organId"), form: { fields: [], ...values } });
      break;
    case "update_member":
      result = await updateRosterMember({ ...common, memberId: str("memberId"), form: { fields: [], ...values } });
      break;
    case "add_conflict":
      result = await addConflictEntry({ ...common, form: values });
      break;
    case "end_conflict":
      result = await endConflictEntry({ ...common, entryId: str("entryId") });
      break;
  }
  if (result.ok) return redirect(`/staff/committee?done=${intent.data}`, 303);
  if (result.status === 404) throw data(null, { status: 404 });
  return fail(result.status, { errors: result.errors, formError: result.formError });
}

/** An instant as Beijing time, "2026-11-30". */
function shanghaiDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

export default function StaffCommittee() {
  const t = useT();
  const { rosters } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [search] = useSearchParams();
  const done = z.enum(intents).safeParse(search.get("done"));
  return (
    <section className="page">
      <h1>{t("committee.roster.heading")}</h1>
      <p className="lead">{t("committee.roster.lead")}</p>
      {done.success ? (
        <div className="alert alert--success" role="status">
          {t(`committee.roster.done.${done.data}`)}
        </div>
      ) : null}
      {actionData && !actionData.target ? (
        <div className="alert alert--error" role="alert">
          {t(actionData.formError ?? "errors.badRequest")}
        </div>
      ) : null}
      {rosters.length === 0 ? <p>{t("committee.roster.none")}</p> : null}
      {rosters.map((r) => (
        <RosterSection key={r.organId} roster={r} failure={actionData} />
      ))}
    </section>
  );
}

function RosterSection({ roster: r, failure }: { roster: RosterView; failure?: ActionFailure }) {
  const t = useT();
  const mine = (intent: Intent, target: string) => (failure && failure.intent === intent && failure.target === target ? failure : undefined);
  const addFailure = mine("add_member", r.organId);
  return (
    <section aria-labelledby={`roster-${r.organId}`}>
      <h2 id={`roster-${r.organId}`}>{t("committee.roster.organ", { organ: r.organName })}</h2>
      {!r.canManage ? <p>{t("committee.roster.viewOnly")}</p> : null}
      {r.members.length === 0 ? (
        <p>{t("committee.roster.empty")}</p>
      ) : (
        <TableWrap label={t("committee.roster.organ", { organ: r.organName })}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("committee.roster.col.member")}</th>
                <th scope="col">{t("committee.roster.col.employer")}</th>
                <th scope="col">{t("committee.roster.col.fields")}</th>
                <th scope="col">{t("committee.roster.col.available")}</th>
                <th scope="col">{t("committee.roster.col.register")}</th>
              </tr>
            </thead>
            <tbody>
              {r.members.map((m) => (
                <tr key={m.id}>
                  <td data-label={t("committee.roster.col.member")}>
                    <strong>{m.name}</strong>
                    <br />
                    {t(`committee.kind.${m.kind}`)}
                  </td>
                  <td data-label={t("committee.roster.col.employer")}>
                    {m.employer}
                    {m.employerOrganName ? <span className="muted"> ({t("committee.roster.employerOrgan", { organ: m.employerOrganName })})</span> : null}
                  </td>
                  <td data-label={t("committee.roster.col.fields")}>{m.fields.map((f) => t(`committee.field.${f}`)).join("、")}</td>
                  <td data-label={t("committee.roster.col.available")}>{m.available ? t("committee.roster.availableYes") : t("committee.roster.availableNo")}</td>
                  <td data-label={t("committee.roster.col.register")}>
                    {m.register.length === 0 ? (
                      t("committee.none")
                    ) : (
                      <ul className="plain">
                        {m.register.map((e) => (
                          <li key={e.id}>
                            <strong>{t(`committee.conflictKind.${e.kind}`)}</strong>
                            {e.organName ? ` · ${e.organName}` : null}
                            {e.partyName ? ` · ${e.partyName}` : null}
                            {e.caseNumber ? ` · ${e.caseNumber}` : null}
                            {` — ${e.note}`}
                            <span className="muted">
                              {" "}
                              ({shanghaiDay(e.recordedAt)}
                              {e.endedAt ? ` – ${shanghaiDay(e.endedAt)} ${t("committee.roster.ended")}` : ""})
                            </span>
                            {r.canManage && !e.endedAt ? (
                              <Form method="post" className="form-inline">
                                <CsrfInput />
                                <input type="hidden" name="intent" value="end_conflict" />
                                <input type="hidden" name="entryId" value={e.id} />
                                <button type="submit" className="button button--link">
                                  {t("committee.roster.endEntry")}
                                </button>
                              </Form>
                            ) : null}
                            {mine("end_conflict", e.id) ? (
                              <p className="field__error" role="alert">
                                {t(mine("end_conflict", e.id)!.formError ?? "errors.badRequest")}
                              </p>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {r.canManage
        ? r.members.map((m) => {
            const upd = mine("update_member", m.id);
            const conf = mine("add_conflict", m.id);
            return (
              <details key={m.id} className="apply-block" open={Boolean(upd || conf)}>
                <summary>{t("committee.roster.manageMember", { name: m.name })}</summary>
                <RosterForm
                  heading={t("committee.roster.editHeading")}
                  failure={upd}
                  submit={t("committee.roster.save")}
                  hidden={{ intent: "update_member", memberId: m.id }}
                >
                  <MemberFields
                    roster={r}
                    failure={upd}
                    defaults={{ kind: m.kind, employer: m.employer, employerOrganId: m.employerOrganId ?? "", fields: [...m.fields], available: m.available }}
                  />
                </RosterForm>
                <RosterForm heading={t("committee.roster.conflictHeading")} failure={conf} submit={t("committee.roster.addEntry")} hidden={{ intent: "add_conflict", memberId: m.id }}>
                  <p className="muted">{t("committee.roster.conflictLead")}</p>
                  <Select
                    name="kind"
                    label={t("committee.roster.conflictKind")}
                    placeholder={t("committee.choose")}
                    options={conflictKinds.map((k) => ({ value: k, label: t(`committee.conflictKind.${k}`) }))}
                    defaultValue={str(conf?.values?.kind)}
                    error={conf?.errors?.kind}
                  />
                  <Select
                    name="organId"
                    label={t("committee.roster.conflictOrgan")}
                    hint={t("committee.roster.conflictOrganHint")}
                    placeholder={t("committee.none")}
                    options={r.organChoices.map((o) => ({ value: o.id, label: o.name }))}
                    defaultValue={str(conf?.values?.organId)}
                    error={conf?.errors?.organId}
                  />
                  <Field name="partyName" label={t("committee.roster.partyName")} hint={t("committee.roster.partyNameHint")} maxLength={200} defaultValue={str(conf?.values?.partyName)} error={conf?.errors?.partyName} />
                  <Field name="caseNumber" label={t("committee.roster.caseNumber")} hint={t("committee.roster.caseNumberHint")} maxLength={40} defaultValue={str(conf?.values?.caseNumber)} error={conf?.errors?.caseNumber} />
                  <TextArea name="note" label={t("committee.roster.note")} rows={2} maxLength={1000} required defaultValue={str(conf?.values?.note)} error={conf?.errors?.note} />
                </RosterForm>
              </details>
            );
          })
        : null}

      {r.canManage && r.candidates.length === 0 ? <p className="muted">{t("committee.roster.noCandidates")}</p> : null}
      {r.canManage && r.candidates.length > 0 ? (
        <RosterForm heading={t("committee.roster.addHeading")} failure={addFailure} submit={t("committee.roster.add")} hidden={{ intent: "add_member", organId: r.organId }}>
          <Select
            name="userId"
            label={t("committee.roster.user")}
            hint={t("committee.roster.userHint")}
            placeholder={t("committee.choose")}
            options={r.candidates.map((c) => ({ value: c.userId, label: c.name }))}
            defaultValue={str(addFailure?.values?.userId)}
            error={addFailure?.errors?.userId}
          />
          <MemberFields roster={r} failure={addFailure} defaults={{ kind: "", employer: "", employerOrganId: "", fields: [], available: true }} />
        </RosterForm>
      ) : null}
    </section>
  );
}

const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

function MemberFields({
  roster,
  failure,
  defaults,
}: {
  roster: RosterView;
  failure?: ActionFailure;
  defaults: { kind: string; employer: string; employerOrganId: string; fields: string[]; available: boolean };
}) {
  const t = useT();
  const v = failure?.values;
  const fields = v ? (Array.isArray(v.fields) ? v.fields : []) : defaults.fields;
  return (
    <>
      <Select
        name="kind"
        label={t("committee.roster.kind")}
        placeholder={t("committee.choose")}
        options={memberKinds.map((k) => ({ value: k, label: t(`committee.kind.${k}`) }))}
        defaultValue={v ? str(v.kind) : defaults.kind}
        error={failure?.errors?.kind}
      />
      <Field name="employer" label={t("committee.roster.employer")} maxLength={200} required defaultValue={v ? str(v.employer) : defaults.employer} error={failure?.errors?.employer} />
      <Select
        name="employerOrganId"
        label={t("committee.roster.employerOrganId")}
        hint={t("committee.roster.employerOrganIdHint")}
        placeholder={t("committee.none")}
        options={roster.organChoices.map((o) => ({ value: o.id, label: o.name }))}
        defaultValue={v ? str(v.employerOrganId) : defaults.employerOrganId}
        error={failure?.errors?.employerOrganId}
      />
      <fieldset className={`field choice${failure?.errors?.fields ? " field--error" : ""}`}>
        <legend>{t("committee.roster.fields")}</legend>
        {failure?.errors?.fields ? <p className="field__error">{t(failure.errors.fields)}</p> : null}
        {committeeFields.map((f) => (
          <Checkbox key={f} name="fields" value={f} label={t(`committee.field.${f}`)} defaultChecked={fields.includes(f)} />
        ))}
      </fieldset>
      <Checkbox name="available" label={t("committee.roster.available")} defaultChecked={v ? v.available === "yes" : defaults.available} />
    </>
  );
}

function RosterForm({
  heading,
  failure,
  submit,
  hidden,
  children,
}: {
  heading: string;
  failure?: ActionFailure;
  submit: string;
  hidden: Record<string, string>;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <section className="apply-block">
      <h3>{heading}</h3>
      {failure ? (
        <div className="alert alert--error" role="alert">
          {t(failure.formError ?? "errors.formHasErrors")}
        </div>
      ) : null}
      <Form method="post" className="form case-form" noValidate>
        <CsrfInput />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children}
        <SubmitButton>{submit}</SubmitButton>
      </Form>
    </section>
  );
}
