// Reading a posted form in an action: the CSRF token check (per session, or the anonymous double-submit cookie)
// and validation with the form's shared zod schema. Bad input answers 400 with field errors and changes nothing.
import { data, type AppLoadContext } from "@remix-run/node";
import { safeParse, type $ZodType, type output } from "zod/v4/core";
import { tokensEqual } from "~/utils/http.server";
import type { LoadedSession } from "./session.server";
import { getSession } from "./session.server";

export const CSRF_FIELD = "csrf";

export type FieldErrors = Record<string, string>;
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  formError?: string;
  values?: Record<string, string>;
}

/** The token a form must carry: the session's own, or the anonymous cookie's when there is no session. */
export function csrfTokenFor(session: LoadedSession | null, context: AppLoadContext): string {
  return session?.session.csrfToken ?? context.anonymousCsrf;
}

/**
 * Reads the form body and checks its CSRF token. Throws a 403 (nothing is changed) when it does not match.
 * Returns the form data and the session (null for anonymous visitors).
 */
export async function readForm(
  request: Request,
  context: AppLoadContext,
  session?: LoadedSession | null,
): Promise<{ form: FormData; session: LoadedSession | null }> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data({ ok: false, errors: {}, formError: "errors.badRequest" } satisfies FormFailure, { status: 400 });
  }
  const loaded = session === undefined ? await getSession(request, { touch: false }) : session;
  const expected = csrfTokenFor(loaded, context);
  const sent = form.get(CSRF_FIELD);
  if (typeof sent !== "string" || !tokensEqual(sent, expected)) {
    throw data({ ok: false, errors: {}, formError: "errors.csrf" } satisfies FormFailure, { status: 403 });
  }
  return { form, session: loaded };
}

/** The same CSRF check for a body already read (a multipart upload parsed by the uploads service). Throws a 403. */
export function assertCsrf(sent: unknown, session: LoadedSession | null, context: AppLoadContext): void {
  if (typeof sent !== "string" || !tokensEqual(sent, csrfTokenFor(session, context))) {
    throw data({ ok: false, errors: {}, formError: "errors.csrf" } satisfies FormFailure, { status: 403 });
  }
}

const NEVER_ECHO = /password|csrf/i;

/** Validates with the form's zod schema (classic or zod/mini); on failure the caller returns `data(failure, { status: 400 })`. */
export function validateForm<S extends $ZodType>(
  schema: S,
  form: FormData,
): { ok: true; data: output<S> } | FormFailure {
  const raw: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in raw)) raw[key] = value;
  const parsed = safeParse(schema, raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "_form";
    errors[key] ??= issue.message;
  }
  const values = Object.fromEntries(Object.entries(raw).filter(([k]) => !NEVER_ECHO.test(k)));
  return { ok: false, errors, formError: "errors.formHasErrors", values };
}

export function badRequest(failure: FormFailure, status = 400) {
  return data(failure, { status });
}
