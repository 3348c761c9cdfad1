// /staff/queue — the case queue of a reconsideration office (issue 5 req. 2): GET filters and search, the cases of the
// user's organs ordered by the nearest running deadline, keyset "next page"; POST claim / assign / reassign, and the
// office head's automatic assignment of one case or of all unassigned ones (with the reasons shown).
// Reconsideration staff and office heads only (others 403; anonymous → login; pending second factor → 2fa).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { AssignmentExplanation } from "~/components/assignment-explanation";
import { ClientNav } from "~/components/client-nav";
import { CsrfInput } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { fieldErrors } from "~/domain/application";
import { caseStates, caseStateLabels } from "~/domain/machines/reconsideration";
import { CLAIM_FIELD, decodeClaimTarget, decodeCursor, encodeClaimTarget, queueProcedures, readQueueFilters, type QueueFilters } from "~/domain/queue";
import { autoAssign, autoAssignAll, type AutoAssignAllResult } from "~/services/assignment.server";
import { readForm } from "~/services/form.server";
import { requireRole } from "~/services/session.server";
import { assignCase, claimCase, listQueue, queueHandlers, queueRoles, reassignCase, type QueueRow } from "~/services/staff-queue.server";
import { isMessageKey, useLocale, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/queue";
import "~/locales/areas/team";

export const meta = titleMeta("queue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, queueRoles);
  const params = new URL(request.url).searchParams;
  const rawCursor = params.get("cursor");
  const cursor = rawCursor ? decodeCursor(rawCursor) : null;
  if (rawCursor && !cursor) throw data({ formError: "queue.errors.cursor" }, { status: 400 });
  const values = Object.fromEntries([...params.entries()].filter(([k]) => k !== "cursor" && k !== "done"));
  const parsed = readQueueFilters(params);
  const isHead = user.memberships.some((m) => m.role === "office_head");
  // the office's handlers (filter and assignment lists) and the page of cases: two statements, sent together
  const [handlers, page] = await Promise.all([
    queueHandlers(user),
    parsed.success ? listQueue({ user, filters: parsed.data as QueueFilters, cursor, limit: 50 }) : null,
  ]);
  if (!parsed.success || !page) {
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    return data({ rows: [] as RowView[], next: null, errors, values, isHead, handlers, paged: false }, { status: 400 });
  }
  return { rows: page.rows.map(rowView), next: page.next, errors: {} as Record<string, string>, values, isHead, handlers, paged: Boolean(cursor) };
}

/** What a row of the page shows and its buttons need: only this goes to the browser with the page. */
type RowView = Pick<QueueRow, "id" | "caseNumber" | "state" | "applicantNames" | "version" | "handlerId" | "handlerName" | "nextDue" | "colour">;
const rowView = (r: QueueRow): RowView => ({
  id: r.id,
  caseNumber: r.caseNumber,
  state: r.state,
  applicantNames: r.applicantNames,
  version: r.version,
  handlerId: r.handlerId,
  handlerName: r.handlerName,
  nextDue: r.nextDue,
  colour: r.colour,
});

const ActionSchema = z.object({
  intent: z.enum(["claim", "assign", "reassign"]),
  caseNumber: z.string().check(z.minLength(1), z.maxLength(40)),
  version: z.coerce.number().check(z.int(), z.positive()),
  toUserId: z.optional(z.string().check(z.maxLength(40))),
  reason: z.optional(z.string().check(z.maxLength(2000))),
});

type AutoResult = Pick<AutoAssignAllResult, "assigned" | "skipped">;

/** Automatic assignment (office head only, in the service): answers with the result and its reasons, shown on the page. */
async function autoAssignAction(form: FormData, loaded: Awaited<ReturnType<typeof requireRole>>, requestId: string) {
  const respond = (status: number, formError: string | null, caseNumber: string | null, auto: AutoResult) =>
    data({ ok: formError === null, formError, caseNumber, auto }, { status });
  if (form.get("intent") === "autoAssignAll") {
    const r = await autoAssignAll({ user: loaded.user, requestId });
    return r.ok ? respond(200, null, null, r) : respond(r.status, r.formError, null, { assigned: [], skipped: [] });
  }
  const one = z.object({ caseNumber: z.string().check(z.minLength(1), z.maxLength(40)), version: z.coerce.number().check(z.int(), z.positive()) }).safeParse({
    caseNumber: form.get("caseNumber"),
    version: form.get("version"),
  });
  if (!one.success) return respond(400, "errors.badRequest", null, { assigned: [], skipped: [] });
  const r = await autoAssign({ user: loaded.user, caseNumber: one.data.caseNumber, version: one.data.version, requestId });
  if (r.ok) {
    const { ok: _ok, ...assigned } = r;
    return respond(200, null, null, { assigned: [assigned], skipped: [] });
  }
  const skipped = r.explanation ? [{ caseNumber: one.data.caseNumber, formError: r.formError, explanation: r.explanation }] : [];
  return respond(r.status, r.formError, one.data.caseNumber, { assigned: [], skipped });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const loaded = await requireRole(request, queueRoles);
  const { form } = await readForm(request, context, loaded);
  if (form.get("intent") === "autoAssign" || form.get("intent") === "autoAssignAll") return autoAssignAction(form, loaded, context.requestId);
  // a row's claim button carries its case and version in one value (domain/queue.ts encodeClaimTarget)
  const claimed = form.has(CLAIM_FIELD) ? decodeClaimTarget(form.get(CLAIM_FIELD)) : null;
  if (form.has(CLAIM_FIELD) && !claimed) return data({ ok: false, formError: "errors.badRequest", caseNumber: null as string | null }, { status: 400 });
  const parsed = ActionSchema.safeParse({
    intent: form.get("intent"),
    caseNumber: claimed?.caseNumber ?? form.get("caseNumber"),
    version: claimed?.version ?? form.get("version"),
    toUserId: form.get("toUserId") ?? undefined,
    reason: form.get("reason") ?? undefined,
  });
  if (!parsed.success) return data({ ok: false, formError: "errors.badRequest", caseNumber: null as string | null }, { status: 400 });
  const a = parsed.data;
  const common = { user: loaded.user, caseNumber: a.caseNumber, version: a.version, requestId: context.requestId };
  const result =
    a.intent === "claim"
      ? await claimCase(common)
      : a.intent === "assign"
        ? await assignCase({ ...common, toUserId: a.toUserId ?? "" })
        : await reassignCase({ ...common, toUserId: a.toUserId ?? "", reason: a.reason ?? "" });
  if (result.ok) return redirect(`/staff/queue?done=${a.intent}`, 303);
  return data({ ok: false, formError: result.formError, caseNumber: a.caseNumber }, { status: result.status });
}

function FilterField({ name, label, error, children }: { name: string; label: string; error?: string; children: React.ReactNode }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={`q-${name}`}>{label}</label>
      {children}
      {error ? (
        <p className="field__error" id={`q-${name}-error`}>
          {isMessageKey(error) ? t(error) : error}
        </p>
      ) : null}
    </div>
  );
}

/** The one claim form of the page; the rows' claim buttons submit it (form="queue-claim"). */
const CLAIM_FORM_ID = "queue-claim";

function RowActions({ row, isHead, handlers }: { row: RowView; isHead: boolean; handlers: { id: string; displayName: string }[] }) {
  const t = useT();
  const hidden = (intent: string) => (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="caseNumber" value={row.caseNumber ?? ""} />
      <input type="hidden" name="version" value={row.version} />
    </>
  );
  const others = handlers.filter((h) => h.id !== row.handlerId);
  const id = `row-${row.id}`;
  return (
    <div className="queue-actions">
      {!row.handlerId ? (
        <button type="submit" form={CLAIM_FORM_ID} name={CLAIM_FIELD} value={encodeClaimTarget(row.caseNumber ?? "", row.version)} className="button">
          {t("queue.claim")}
        </button>
      ) : null}
      {isHead && !row.handlerId ? (
        <Form method="post">
          {hidden("autoAssign")}
          <button type="submit" className="button">{t("team.auto.one")}</button>
        </Form>
      ) : null}
      {isHead ? (
        <Form method="post" className="queue-actions__assign">
          {hidden(row.handlerId ? "reassign" : "assign")}
          <label htmlFor={`${id}-to`}>{t("queue.to")}</label>
          <select id={`${id}-to`} name="toUserId" required>
            {others.map((h) => (
              <option key={h.id} value={h.id}>
                {h.displayName}
              </option>
            ))}
          </select>
          {row.handlerId ? (
            <>
              <label htmlFor={`${id}-reason`}>{t("queue.reason")}</label>
              <input id={`${id}-reason`} name="reason" required maxLength={500} />
            </>
          ) : null}
          <button type="submit" className="button">{row.handlerId ? t("queue.reassign") : t("queue.assign")}</button>
        </Form>
      ) : null}
    </div>
  );
}

function AutoAssignResult({ auto }: { auto: AutoResult }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="auto-result" role="status">
      <h2 id="auto-result">{t("team.auto.result")}</h2>
      {auto.assigned.length === 0 && auto.skipped.length === 0 ? <p>{t("team.auto.nothing")}</p> : null}
      <ul className="plain">
        {auto.assigned.map((a) => (
          <li key={a.caseNumber}>
            {t("team.auto.assigned", { caseNumber: a.caseNumber, name: a.handlerName })}
            <AssignmentExplanation explanation={a.explanation} />
          </li>
        ))}
        {auto.skipped.map((s) => (
          <li key={s.caseNumber}>
            {t("team.auto.skipped", { caseNumber: s.caseNumber })} {isMessageKey(s.formError) ? t(s.formError) : s.formError}
            {s.explanation ? <AssignmentExplanation explanation={s.explanation} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function StaffQueue() {
  const t = useT();
  const locale = useLocale();
  const { rows, next, errors, values, isHead, handlers, paged } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const auto = actionData && "auto" in actionData ? actionData.auto : null;
  const [params] = useSearchParams();
  const done = params.get("done");
  const nextParams = new URLSearchParams(values);
  if (next) nextParams.set("cursor", next);
  const v = (k: string) => values[k] ?? "";
  const describedBy = (k: string) => (errors[k] ? `q-${k}-error` : undefined);
  // the column names, once: each row's cells repeat them as data-label (the stacked table on a phone)
  const col = {
    caseNumber: t("queue.col.caseNumber"),
    applicants: t("queue.col.applicants"),
    state: t("queue.col.state"),
    due: t("queue.col.due"),
    handler: t("queue.col.handler"),
    actions: t("queue.col.actions"),
  };
  const stateLabel = (s: string) => (locale === "zh-CN" ? ((caseStateLabels as Record<string, string>)[s] ?? s) : s);
  return (
    <section className="page">
      <h1>{t("queue.heading")}</h1>
      <p className="lead">{t("queue.lead")}</p>
      {done === "claim" || done === "assign" || done === "reassign" ? (
        <div className="alert alert--success" role="status">
          {t(`queue.done.${done}`)}
        </div>
      ) : null}
      {isHead ? (
        <Form method="post" className="form-inline" aria-label={t("team.auto.heading")}>
          <CsrfInput />
          <input type="hidden" name="intent" value="autoAssignAll" />
          <button type="submit" className="button">{t("team.auto.all")}</button>
          <span className="muted">
            {t("team.auto.lead")} <Link to="/staff/team">{t("team.link")}</Link> · <Link to="/staff/overdue">{t("overdue.link")}</Link>
          </span>
        </Form>
      ) : null}
      {auto ? <AutoAssignResult auto={auto} /> : null}
      {actionData?.formError ? (
        <div className="alert alert--error" role="alert">
          {actionData.caseNumber ? `${actionData.caseNumber}: ` : ""}
          {isMessageKey(actionData.formError) ? t(actionData.formError) : actionData.formError}
        </div>
      ) : null}
      <Form method="get" className="queue-filters" aria-label={t("queue.filters")}>
        <FilterField name="q" label={t("queue.f.q")} error={errors.q}>
          <input id="q-q" name="q" type="search" defaultValue={v("q")} maxLength={100} aria-describedby={describedBy("q")} />
        </FilterField>
        <FilterField name="state" label={t("queue.f.state")} error={errors.state}>
          <select id="q-state" name="state" defaultValue={v("state")} aria-describedby={describedBy("state")}>
            <option value="">{t("queue.any")}</option>
            {caseStates.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField name="procedure" label={t("queue.f.procedure")} error={errors.procedure}>
          <select id="q-procedure" name="procedure" defaultValue={v("procedure")} aria-describedby={describedBy("procedure")}>
            <option value="">{t("queue.any")}</option>
            {queueProcedures.map((p) => (
              <option key={p} value={p}>
                {t(`queue.procedure.${p}`)}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField name="dueWithin" label={t("queue.f.dueWithin")} error={errors.dueWithin}>
          <input id="q-dueWithin" name="dueWithin" inputMode="numeric" defaultValue={v("dueWithin")} aria-describedby={describedBy("dueWithin")} />
        </FilterField>
        <FilterField name="handler" label={t("queue.f.handler")} error={errors.handler}>
          <select id="q-handler" name="handler" defaultValue={v("handler")} aria-describedby={describedBy("handler")}>
            <option value="">{t("queue.any")}</option>
            <option value="me">{t("queue.handler.me")}</option>
            <option value="none">{t("queue.handler.none")}</option>
            {handlers.map((h) => (
              <option key={h.id} value={h.id}>
                {h.displayName}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField name="respondent" label={t("queue.f.respondent")} error={errors.respondent}>
          <input id="q-respondent" name="respondent" defaultValue={v("respondent")} aria-describedby={describedBy("respondent")} />
        </FilterField>
        <FilterField name="category" label={t("queue.f.category")} error={errors.category}>
          <input id="q-category" name="category" defaultValue={v("category")} aria-describedby={describedBy("category")} />
        </FilterField>
        <FilterField name="channel" label={t("queue.f.channel")} error={errors.channel}>
          <input id="q-channel" name="channel" defaultValue={v("channel")} aria-describedby={describedBy("channel")} />
        </FilterField>
        <div className="field field--check">
          <input id="q-overdue" name="overdue" type="checkbox" value="1" defaultChecked={v("overdue") === "1"} aria-describedby={describedBy("overdue")} />
          <label htmlFor="q-overdue">{t("queue.f.overdue")}</label>
          {errors.overdue ? (
            <p className="field__error" id="q-overdue-error">
              {t(errors.overdue)}
            </p>
          ) : null}
        </div>
        <div className="queue-filters__buttons">
          <button type="submit" className="button button--primary">{t("queue.apply")}</button>
          <Link to="/staff/queue">{t("queue.reset")}</Link>
        </div>
      </Form>
      {rows.some((r) => !r.handlerId) ? (
        <Form method="post" id={CLAIM_FORM_ID} hidden>
          <CsrfInput />
          <input type="hidden" name="intent" value="claim" />
        </Form>
      ) : null}
      {rows.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <TableWrap label={t("queue.table")}>
          <ClientNav>
            <table className="table--stack queue-table">
              <thead>
                <tr>
                  <th scope="col">{col.caseNumber}</th>
                  <th scope="col">{col.applicants}</th>
                  <th scope="col">{col.state}</th>
                  <th scope="col">{col.due}</th>
                  <th scope="col">{col.handler}</th>
                  <th scope="col">{col.actions}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td data-label={col.caseNumber}>
                      {r.caseNumber ? <a href={`/staff/cases/${encodeURIComponent(r.caseNumber)}`}>{r.caseNumber}</a> : null}
                    </td>
                    <td data-label={col.applicants}>{r.applicantNames}</td>
                    <td data-label={col.state}>{stateLabel(r.state)}</td>
                    <td data-label={col.due}>
                      {r.nextDue && r.colour ? (
                        <>
                          {r.nextDue} <span className={`queue-due queue-due--${r.colour}`}>{t(`queue.due.${r.colour}`)}</span>
                        </>
                      ) : (
                        t("queue.due.none")
                      )}
                    </td>
                    <td data-label={col.handler}>{r.handlerName ?? t("queue.unassigned")}</td>
                    <td data-label={col.actions}>
                      <RowActions row={r} isHead={isHead} handlers={handlers} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ClientNav>
        </TableWrap>
      )}
      <p className="queue-pager">
        {paged ? <Link to={`/staff/queue?${new URLSearchParams(values).toString()}`}>{t("queue.first")}</Link> : null}
        {next ? <Link to={`/staff/queue?${nextParams.toString()}`}>{t("queue.next")}</Link> : null}
      </p>
    </section>
  );
}
