// Form building blocks: labelled fields with hint and error wired for screen readers, the CSRF hidden input, and
// useValidatedForm — react-hook-form with the shared zod schema on the client; without JavaScript the form posts as is.
import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useId, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { useForm, type FieldValues, type UseFormRegisterReturn } from "react-hook-form";
import type * as z4 from "zod/v4/core";
import { useT } from "~/utils/i18n";

export { CsrfInput } from "./csrf-input";

export interface ServerFormResult {
  ok?: boolean;
  errors?: Record<string, string>;
  formError?: string;
  values?: Record<string, string>;
}

/** react-hook-form + zod on the client; server errors (from actionData) are shown until the field is edited. */
export function useValidatedForm<S extends z4.$ZodType<FieldValues, FieldValues>>(schema: S, serverResult?: ServerFormResult | null) {
  const submit = useSubmit();
  const form = useForm<z4.input<S>>({
    resolver: zodResolver(schema as never) as never,
    mode: "onTouched",
    defaultValues: (serverResult?.values ?? {}) as never,
  });
  // Server errors show until the field is edited after that answer; a new answer clears the edits.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setEdited(new Set()), [serverResult]);
  const register = (name: string) =>
    form.register(name as never, {
      onChange: () => setEdited((prev) => (prev.has(name) ? prev : new Set(prev).add(name))),
    });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    event.preventDefault();
    void form.handleSubmit(() => submit(target, { method: "post" }))(event);
  };
  const errorFor = (name: string): string | undefined => {
    const clientError = (form.formState.errors as Record<string, { message?: string } | undefined>)[name]?.message;
    if (clientError) return clientError;
    return edited.has(name) ? undefined : serverResult?.errors?.[name];
  };
  return { form, register, onSubmit, errorFor };
}

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "name"> {
  label: string;
  hint?: string;
  error?: string;
  registration?: UseFormRegisterReturn;
  name: string;
}

export function Field({ label, hint, error, registration, name, id, ...input }: FieldProps) {
  const t = useT();
  const autoId = useId();
  const inputId = id ?? `f-${name}-${autoId.replace(/:/g, "")}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const described = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {t(error)}
        </p>
      ) : null}
      <input id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} {...registration} />
    </div>
  );
}

export function FormError({ result }: { result?: ServerFormResult | null }) {
  const t = useT();
  if (!result?.formError) return null;
  return (
    <div className="alert alert--error" role="alert">
      {t(result.formError)}
    </div>
  );
}

export function SubmitButton({ children }: { children: ReactNode }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
      {children}
    </button>
  );
}

export { Form };
