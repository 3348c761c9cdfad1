// /staff/team — the reconsideration office's people (issue 5 req. 2): open-case counts, leave periods and recorded
// conflicts (回避), and the reasons of recent automatic assignments. Staff and heads see it; only the office head
// records or removes leave and conflicts (POST). Bad input answers 400 and writes nothing.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { AssignmentExplanation } from "~/components/assignment-explanation";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { fieldErrors } from "~/domain/application";
import { ConflictFormSchema, LeaveFormSchema, RemoveFormSchema } from "~/domain/assignment";
import { addLeave, getTeam, recordConflict, removeConflict, removeLeave, teamRoles, type Office } from "~/services/assignment.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { isMessageKey, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/team";

export const meta = titleMeta("team.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, teamRoles);
  return { offices: await getTeam({ user }) };
}

const intents = ["addLeave", "removeLeave", "addConflict", "removeConflict"] as const;
type Intent = (typeof intents)[number];
const done: Record<Intent, string> = { addLeave: "leaveAdded", removeLeave: "leaveRemoved", addConflict: "conflictRecorded", removeConflict: "conflictRemoved" };

interface ActionFailure {
  ok: false;
  intent: Intent | null;
  organId: string | null;
  errors: Record<string, string>;
  formError: string;
  values: Record<string, string>;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, teamRoles);
  const { form } = await readForm(request, context, loaded);
  const raw: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in raw)) raw[k] = v;
  const intent = z.enum(intents).safeParse(raw.intent);
  const fail = (status: number, f: Partial<Omit<ActionFailure, "ok">>) =>
    data<ActionFailure>({ ok: false, intent: intent.success ? intent.data : null, organId: raw.organId ?? null, errors: {}, formError: "errors.formHasErrors", values: raw, ...f }, { status });
  if (!intent.success) return fail(400, { formError: "errors.badRequest" });
  const common = { user: loaded.user, requestId: context.requestId };
  let result;
  if (intent.data === "addLeave") {
    const parsed = LeaveFormSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error) });
    result = await addLeave({ ...common, ...parsed.data });
  } else if (intent.data === "addConflict") {
    const parsed = ConflictFormSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error) });
    result = await recordConflict({ ...common, ...parsed.data });
  } else {
    const parsed = RemoveFormSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { formError: "errors.badRequest" });
    result = intent.data === "removeLeave" ? await removeLeave({ ...common, id: parsed.data.id }) : await removeConflict({ ...common, id: parsed.data.id });
  }
  if (result.ok) return redirect(`/staff/team?done=${done[intent.data]}`, 303);
  return fail(result.status, { formError: result.formError });
}

/** An instant as Beijing time, "2026-11-30 09:15". */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

function Hidden({ intent, organId, id }: { intent: Intent; organId: string; id?: string }) {
  return (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="organId" value={organId} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
    </>
  );
}

function PersonSelect({ office, label, error, defaultValue, id }: { office: Office; label: string; error?: string; defaultValue?: string; id: string }) {
  const t = useT();
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
      <select id={id} name="userId" required defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {office.members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}

function OfficeSection({ office, failure }: { office: Office; failure?: ActionFailure }) {
  const t = useT();
  const mine = failure && failure.organId === office.organId ? failure : undefined;
  const leaveFailure = mine?.intent === "addLeave" ? mine : undefined;
  const conflictFailure = mine?.intent === "addConflict" ? mine : undefined;
  const o = office.organId;
  return (
    <section aria-labelledby={`office-${o}`}>
      <h2 id={`office-${o}`}>{t("team.office", { organ: office.organName })}</h2>
      {!office.canManage ? <p>{t("team.viewOnly")}</p> : null}

      <h3>{t("team.people")}</h3>
      <TableWrap label={t("team.people")}>
        <table className="table--stack">
          <thead>
            <tr>
              <th scope="col">{t("team.col.person")}</th>
              <th scope="col">{t("team.col.role")}</th>
              <th scope="col">{t("team.col.openCases")}</th>
              <th scope="col">{t("team.col.leave")}</th>
            </tr>
          </thead>
          <tbody>
            {office.members.map((m) => (
              <tr key={m.userId}>
                <td data-label={t("team.col.person")}>{m.displayName}</td>
                <td data-label={t("team.col.role")}>{m.roles.map((r) => t(`team.role.${r}`)).join(", ")}</td>
                <td data-label={t("team.col.openCases")}>{m.openCases}</td>
                <td data-label={t("team.col.leave")}>
                  {m.leave.length === 0 ? (
                    t("team.leave.none")
                  ) : (
                    <ul className="plain">
                      {m.leave.map((l) => (
                        <li key={l.id}>
                          {t("team.leave.range", { from: l.fromDate, to: l.toDate })}
                          {l.current ? ` ${t("team.leave.current")}` : ""}
                          {l.note ? ` — ${l.note}` : ""}
                          {office.canManage ? (
                            <Form method="post" className="form-inline">
                              <Hidden intent="removeLeave" organId={o} id={l.id} />
                              <button type="submit" className="button button--link">{t("team.leave.remove")}</button>
                            </Form>
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

      {office.canManage && office.members.length > 0 ? (
        <Form method="post" aria-labelledby={`leave-${o}`} noValidate>
          <h3 id={`leave-${o}`}>{t("team.leave.add")}</h3>
          {leaveFailure ? (
            <div className="alert alert--error" role="alert">
              {isMessageKey(leaveFailure.formError) ? t(leaveFailure.formError) : leaveFailure.formError}
            </div>
          ) : null}
          <Hidden intent="addLeave" organId={o} />
          <PersonSelect office={office} id={`leave-${o}-person`} label={t("team.leave.person")} error={leaveFailure?.errors.userId} defaultValue={leaveFailure?.values.userId} />
          <Field name="fromDate" type="date" required label={t("team.leave.from")} error={leaveFailure?.errors.fromDate} defaultValue={leaveFailure?.values.fromDate} />
          <Field name="toDate" type="date" required label={t("team.leave.to")} error={leaveFailure?.errors.toDate} defaultValue={leaveFailure?.values.toDate} />
          <Field name="note" maxLength={200} label={t("team.leave.note")} error={leaveFailure?.errors.note} defaultValue={leaveFailure?.values.note} />
          <SubmitButton>{t("team.leave.submit")}</SubmitButton>
        </Form>
      ) : null}

      <h3>{t("team.conflicts.heading")}</h3>
      <p>{t("team.conflicts.basis")}</p>
      {office.conflicts.length === 0 ? (
        <p>{t("team.conflicts.none")}</p>
      ) : (
        <TableWrap label={t("team.conflicts.heading")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("team.conflicts.col.case")}</th>
                <th scope="col">{t("team.conflicts.col.person")}</th>
                <th scope="col">{t("team.conflicts.col.reason")}</th>
                <th scope="col">{t("team.conflicts.col.recordedAt")}</th>
                {office.canManage ? <th scope="col">{t("team.conflicts.col.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {office.conflicts.map((c) => (
                <tr key={c.id}>
                  <td data-label={t("team.conflicts.col.case")}>{c.caseNumber}</td>
                  <td data-label={t("team.conflicts.col.person")}>
                    {c.displayName}
                    {c.isHandler ? <strong className="queue-due queue-due--overdue"> {t("team.conflicts.isHandler")}</strong> : null}
                  </td>
                  <td data-label={t("team.conflicts.col.reason")}>{c.reason}</td>
                  <td data-label={t("team.conflicts.col.recordedAt")}>{shanghaiTime(c.recordedAt)}</td>
                  {office.canManage ? (
                    <td data-label={t("team.conflicts.col.actions")}>
                      <Form method="post">
                        <Hidden intent="removeConflict" organId={o} id={c.id} />
                        <button type="submit" className="button">{t("team.conflicts.remove")}</button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {office.canManage && office.members.length > 0 ? (
        <Form method="post" aria-labelledby={`conflict-${o}`} noValidate>
          <h3 id={`conflict-${o}`}>{t("team.conflicts.add")}</h3>
          {conflictFailure ? (
            <div className="alert alert--error" role="alert">
              {isMessageKey(conflictFailure.formError) ? t(conflictFailure.formError) : conflictFailure.formError}
            </div>
          ) : null}
          <Hidden intent="addConflict" organId={o} />
          <Field name="caseNumber" required maxLength={40} label={t("team.conflicts.caseNumber")} error={conflictFailure?.errors.caseNumber} defaultValue={conflictFailure?.values.caseNumber} />
          <PersonSelect office={office} id={`conflict-${o}-person`} label={t("team.conflicts.person")} error={conflictFailure?.errors.userId} defaultValue={conflictFailure?.values.userId} />
          <Field name="reason" required maxLength={500} label={t("team.conflicts.reason")} error={conflictFailure?.errors.reason} defaultValue={conflictFailure?.values.reason} />
          <SubmitButton>{t("team.conflicts.submit")}</SubmitButton>
        </Form>
      ) : null}

      <h3>{t("team.recent.heading")}</h3>
      {office.recent.length === 0 ? (
        <p>{t("team.recent.none")}</p>
      ) : (
        <ul className="plain">
          {office.recent.map((r, i) => (
            <li key={`${r.caseNumber}-${i}`}>
              {t("team.recent.item", { caseNumber: r.caseNumber ?? "", name: r.handlerName ?? "", time: shanghaiTime(r.occurredAt) })}
              <AssignmentExplanation explanation={r.explanation} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function StaffTeam() {
  const t = useT();
  const { offices } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionFailure>();
  const [params] = useSearchParams();
  const d = params.get("done");
  const failureShownInForm = actionData && (actionData.intent === "addLeave" || actionData.intent === "addConflict") && actionData.organId;
  return (
    <section className="page">
      <h1>{t("team.heading")}</h1>
      <p className="lead">{t("team.lead")}</p>
      {d && Object.values(done).includes(d) ? (
        <div className="alert alert--success" role="status">
          {t(`team.done.${d}`)}
        </div>
      ) : null}
      {actionData && !failureShownInForm ? (
        <div className="alert alert--error" role="alert">
          {isMessageKey(actionData.formError) ? t(actionData.formError) : actionData.formError}
        </div>
      ) : null}
      {offices.map((o) => (
        <OfficeSection key={o.organId} office={o} failure={actionData} />
      ))}
    </section>
  );
}
