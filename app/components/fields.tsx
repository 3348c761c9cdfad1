// More form controls in the style of form.tsx's Field: text areas, selects, radio groups and checkboxes, each with its
// label, hint and error wired for screen readers (aria-describedby), and useStepForm — react-hook-form with the step's
// zod schema for the buttons that move forward, while buttons that only add or remove rows post without validation.
// Nested field names ("applicants.0.name") work with and without JavaScript.
import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useId, useState, useEffect, type FormEvent, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useForm, type FieldValues, type UseFormRegisterReturn } from "react-hook-form";
import type * as z4 from "zod/v4/core";
import { useT } from "~/utils/i18n";

function ids(name: string, autoId: string, hint?: string, error?: string) {
  const inputId = `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}-${autoId.replace(/:/g, "")}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return { inputId, hintId, errorId, described: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

function HintAndError({ hint, error, hintId, errorId }: { hint?: string; error?: string; hintId?: string; errorId?: string }) {
  const t = useT();
  return (
    <>
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
    </>
  );
}

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name"> {
  label: string;
  name: string;
  hint?: string;
  error?: string;
  registration?: UseFormRegisterReturn;
}

export function TextArea({ label, name, hint, error, registration, rows = 5, ...rest }: TextAreaProps) {
  const { inputId, hintId, errorId, described } = ids(name, useId(), hint, error);
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      <HintAndError hint={hint} error={error} hintId={hintId} errorId={errorId} />
      <textarea id={inputId} name={name} rows={rows} aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} {...registration} />
    </div>
  );
}

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> {
  label: string;
  name: string;
  hint?: string;
  error?: string;
  registration?: UseFormRegisterReturn;
  options: { value: string; label: string }[];
  placeholder?: string;
}

export function Select({ label, name, hint, error, registration, options, placeholder, ...rest }: SelectProps) {
  const { inputId, hintId, errorId, described } = ids(name, useId(), hint, error);
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      <HintAndError hint={hint} error={error} hintId={hintId} errorId={errorId} />
      <select id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} {...registration}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Radios({
  legend,
  name,
  hint,
  error,
  options,
  defaultValue,
  registration,
}: {
  legend: string;
  name: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  registration?: UseFormRegisterReturn;
}) {
  const { inputId, hintId, errorId, described } = ids(name, useId(), hint, error);
  return (
    <fieldset className={`field choice${error ? " field--error" : ""}`} aria-describedby={described}>
      <legend>{legend}</legend>
      <HintAndError hint={hint} error={error} hintId={hintId} errorId={errorId} />
      {options.map((o) => (
        <label key={o.value} className="choice__option" htmlFor={`${inputId}-${o.value}`}>
          <input id={`${inputId}-${o.value}`} type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} {...registration} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function Checkbox({
  label,
  name,
  hint,
  error,
  value = "yes",
  defaultChecked,
  registration,
}: {
  label: ReactNode;
  name: string;
  hint?: string;
  error?: string;
  value?: string;
  defaultChecked?: boolean;
  registration?: UseFormRegisterReturn;
}) {
  const { inputId, hintId, errorId, described } = ids(name, useId(), hint, error);
  return (
    <div className={`field choice${error ? " field--error" : ""}`}>
      <HintAndError hint={hint} error={error} hintId={hintId} errorId={errorId} />
      <label className="choice__option" htmlFor={inputId}>
        <input id={inputId} type="checkbox" name={name} value={value} defaultChecked={defaultChecked} aria-describedby={described} {...registration} />
        <span>{label}</span>
      </label>
    </div>
  );
}

/** Reads a dotted path ("applicants.0.name") from nested objects and arrays. */
export function pathGet(source: unknown, path: string): unknown {
  let node: unknown = source;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export interface StepServerResult {
  errors?: Record<string, string>;
  formError?: string;
  values?: Record<string, unknown>;
}

/**
 * react-hook-form with the step's zod schema on the client. Buttons named "intent" whose value is in `validateOn`
 * (next, submit) validate first; other buttons (add, remove, search, upload, back) post at once. Without JavaScript
 * every button posts and the server validates.
 */
export function useStepForm<S extends z4.$ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaults: Record<string, unknown>,
  serverResult?: StepServerResult | null,
  validateOn: readonly string[] = ["next", "submit"],
  serverOnly?: (form: HTMLFormElement) => boolean,
) {
  const submit = useSubmit();
  const form = useForm<z4.input<S>>({ resolver: zodResolver(schema as never) as never, mode: "onTouched", defaultValues: defaults as never });
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setEdited(new Set()), [serverResult]);
  const register = (name: string) =>
    form.register(name as never, {
      onChange: () => setEdited((prev) => (prev.has(name) ? prev : new Set(prev).add(name))),
    });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (!submitter || !validateOn.includes(submitter.value)) return; // Remix's <Form> posts it as is
    if (serverOnly?.(event.currentTarget)) return;
    event.preventDefault();
    void form.handleSubmit(
      () => submit(submitter, { method: "post" }),
      () => {
        // Move focus to the first field in error, so keyboard and screen-reader users land on it.
        const first = document.querySelector<HTMLElement>("[aria-invalid='true']");
        first?.focus();
      },
    )(event);
  };
  const errorFor = (name: string): string | undefined => {
    const clientError = (pathGet(form.formState.errors, name) as { message?: string } | undefined)?.message;
    if (clientError) return clientError;
    return edited.has(name) ? undefined : serverResult?.errors?.[name];
  };
  return { form, register, onSubmit, errorFor };
}
