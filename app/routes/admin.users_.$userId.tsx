// /admin/users/$userId — one account the administrator manages: name and contact, disable/enable (a disabled
// account's sessions end at once), reset two-factor enrolment, role memberships at organs they cover (roles.ts) and
// leave periods (overlaps refused). Every change is recorded; bad input answers 400 and writes nothing.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import * as z from "zod/mini";
import { Checkbox, Select } from "~/components/fields";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { assignableRoles } from "~/domain/admin";
import {
  addMembership,
  addUserLeave,
  getAdminUser,
  removeMembership,
  removeUserLeave,
  resetTwoFactor,
  setUserDisabled,
  updateUserProfile,
  type AdminResult,
} from "~/services/admin-users.server";
import { readForm } from "~/services/form.server";
import { requirePermission } from "~/services/session.server";
import { isMessageKey, useT } from "~/utils/i18n";
import { titleMeta } from "~/utils/meta";
import "~/locales/areas/admin";

export const meta = titleMeta("admin.user.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "user:manage");
  const person = await getAdminUser({ user, userId: params.userId ?? "" });
  if (!person) throw data(null, { status: 404 });
  return { person };
}

const intents = ["profile", "disable", "enable", "resetTwoFactor", "addMembership", "removeMembership", "addLeave", "removeLeave"] as const;
type Intent = (typeof intents)[number];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await requirePermission(request, "user:manage");
  const { form } = await readForm(request, context, loaded);
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "csrf" && !(k in values)) values[k] = v;
  const intent = z.enum(intents).safeParse(values.intent);
  if (!intent.success) return data({ ok: false as const, intent: null, errors: {} as Record<string, string>, formError: "errors.badRequest", values }, { status: 400 });
  const common = { user: loaded.user, userId: params.userId ?? "", requestId: context.requestId };
  let result: AdminResult;
  switch (intent.data) {
    case "profile":
      result = await updateUserProfile({ ...common, form: values });
      break;
    case "disable":
    case "enable":
      result = await setUserDisabled({ ...common, disabled: intent.data === "disable" });
      break;
    case "resetTwoFactor":
      result = await resetTwoFactor(common);
      break;
    case "addMembership":
      result = await addMembership({ ...common, form: values });
      break;
    case "removeMembership":
      result = await removeMembership({ ...common, membershipId: values.id ?? "" });
      break;
    case "addLeave":
      result = await addUserLeave({ ...common, form: values });
      break;
    case "removeLeave":
      result = await removeUserLeave({ ...common, leaveId: values.id ?? "" });
      break;
  }
  if (result.ok) return redirect(`/admin/users/${common.userId}?done=${intent.data}`, 303);
  if (result.status === 404) throw data(null, { status: 404 });
  return data({ ok: false as const, intent: intent.data as Intent | null, errors: result.errors, formError: result.formError, values }, { status: result.status });
}

function Hidden({ intent, id }: { intent: Intent; id?: string }) {
  return (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
    </>
  );
}

export default function AdminUser() {
  const t = useT();
  const { person } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const f = (intent: Intent) => (failure && failure.intent === intent ? failure : undefined);
  const FailureAlert = ({ intent }: { intent: Intent }) => {
    const x = f(intent);
    return x ? (
      <div className="alert alert--error" role="alert">
        {isMessageKey(x.formError) ? t(x.formError) : x.formError}
      </div>
    ) : null;
  };
  const profile = f("profile");
  const membership = f("addMembership");
  const leave = f("addLeave");
  return (
    <section className="page">
      <p>
        <Link to="/admin/users">{t("admin.users.back")}</Link>
      </p>
      <h1>{person.displayName}</h1>
      {done && isMessageKey(`admin.user.done.${done}`) ? (
        <div className="alert alert--success" role="status">
          {t(`admin.user.done.${done}`)}
        </div>
      ) : null}
      {failure && failure.intent === null ? (
        <div className="alert alert--error" role="alert">
          {t("errors.badRequest")}
        </div>
      ) : null}
      <p className="lead">
        {person.disabled ? t("admin.users.disabled") : t("admin.users.active")} · {person.totpEnrolled ? t("admin.user.totpOn") : t("admin.user.totpOff")} ·{" "}
        {t("admin.user.sessions", { count: person.openSessions })}
      </p>

      <h2>{t("admin.user.profile")}</h2>
      <Form method="post" noValidate>
        <Hidden intent="profile" />
        <FailureAlert intent="profile" />
        <Field name="displayName" required maxLength={50} label={t("admin.user.displayName")} error={profile?.errors.displayName} defaultValue={profile?.values.displayName ?? person.displayName} />
        <Field name="email" type="email" maxLength={254} label={t("admin.user.email")} hint={t("admin.user.contactHint")} error={profile?.errors.email} defaultValue={profile?.values.email ?? person.email ?? ""} />
        <Field name="phone" type="tel" maxLength={20} label={t("admin.user.phone")} error={profile?.errors.phone} defaultValue={profile?.values.phone ?? person.phone ?? ""} />
        <SubmitButton>{t("admin.user.saveProfile")}</SubmitButton>
      </Form>

      <h2>{t("admin.user.access")}</h2>
      <FailureAlert intent="disable" />
      <FailureAlert intent="resetTwoFactor" />
      {person.isSelf ? (
        <p>{t("admin.user.self")}</p>
      ) : (
        <div className="form-inline">
          <Form method="post">
            <Hidden intent={person.disabled ? "enable" : "disable"} />
            <button type="submit" className="button">
              {person.disabled ? t("admin.user.enable") : t("admin.user.disable")}
            </button>
          </Form>
          {person.totpEnrolled ? (
            <Form method="post">
              <Hidden intent="resetTwoFactor" />
              <button type="submit" className="button">
                {t("admin.user.resetTwoFactor")}
              </button>
            </Form>
          ) : null}
        </div>
      )}
      <p className="muted">{t("admin.user.accessHint")}</p>

      <h2>{t("admin.user.memberships")}</h2>
      <FailureAlert intent="removeMembership" />
      {person.memberships.length === 0 ? (
        <p>{t("admin.user.noMemberships")}</p>
      ) : (
        <TableWrap label={t("admin.user.memberships")}>
          <table className="table--stack">
            <thead>
              <tr>
                <th scope="col">{t("admin.user.role")}</th>
                <th scope="col">{t("admin.user.organ")}</th>
                <th scope="col">{t("admin.user.includeSubordinatesCol")}</th>
                <th scope="col">{t("admin.user.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {person.memberships.map((m) => (
                <tr key={m.id}>
                  <td data-label={t("admin.user.role")}>{t(`role.${m.role}`)}</td>
                  <td data-label={t("admin.user.organ")}>
                    {m.organName}（{m.organCode}）
                  </td>
                  <td data-label={t("admin.user.includeSubordinatesCol")}>{m.includeSubordinates ? t("admin.organs.yes") : t("admin.user.no")}</td>
                  <td data-label={t("admin.user.actions")}>
                    {m.canRemove ? (
                      <Form method="post">
                        <Hidden intent="removeMembership" id={m.id} />
                        <button type="submit" className="button button--link">
                          {t("admin.user.removeMembership")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Form method="post" noValidate aria-labelledby="add-membership">
        <h3 id="add-membership">{t("admin.user.addMembership")}</h3>
        <Hidden intent="addMembership" />
        <FailureAlert intent="addMembership" />
        <Select name="role" label={t("admin.user.role")} error={membership?.errors.role} defaultValue={membership?.values.role ?? "reconsideration_staff"} options={assignableRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <Field name="organCode" required maxLength={60} label={t("admin.user.organCode")} hint={t("admin.user.organCodeHint")} error={membership?.errors.organCode} defaultValue={membership?.values.organCode ?? ""} />
        <Checkbox name="includeSubordinates" label={t("admin.user.includeSubordinates")} defaultChecked={membership?.values.includeSubordinates === "yes"} />
        <SubmitButton>{t("admin.user.addMembershipSubmit")}</SubmitButton>
      </Form>

      <h2>{t("admin.user.leave")}</h2>
      <FailureAlert intent="removeLeave" />
      {person.leave.length === 0 ? (
        <p>{t("admin.user.noLeave")}</p>
      ) : (
        <ul className="plain">
          {person.leave.map((l) => (
            <li key={l.id} className="form-inline">
              <span>
                {t("admin.user.leaveRange", { from: l.fromDate, to: l.toDate })}
                {l.note ? ` — ${l.note}` : ""}
              </span>
              <Form method="post">
                <Hidden intent="removeLeave" id={l.id} />
                <button type="submit" className="button button--link">
                  {t("admin.user.removeLeave")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" noValidate aria-labelledby="add-leave">
        <h3 id="add-leave">{t("admin.user.addLeave")}</h3>
        <Hidden intent="addLeave" />
        <FailureAlert intent="addLeave" />
        <Field name="fromDate" type="date" required label={t("admin.user.leaveFrom")} error={leave?.errors.fromDate} defaultValue={leave?.values.fromDate} />
        <Field name="toDate" type="date" required label={t("admin.user.leaveTo")} error={leave?.errors.toDate} defaultValue={leave?.values.toDate} />
        <Field name="note" maxLength={200} label={t("admin.user.leaveNote")} error={leave?.errors.note} defaultValue={leave?.values.note} />
        <SubmitButton>{t("admin.user.addLeaveSubmit")}</SubmitButton>
      </Form>
    </section>
  );
}
