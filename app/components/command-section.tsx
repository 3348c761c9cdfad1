// One command of a case page as its own form: a heading, an optional lead, the refusal of the last try (role=alert),
// and the fields; the form carries the CSRF token, the case version the command was made on and the intent. Used by
// the decision, committee, letter and performance pages (the procedure page has its own list of forms).
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfInput, SubmitButton } from "./form";

export function CommandSection({
  intent,
  version,
  failure,
  heading,
  lead,
  children,
  submit,
  idSuffix,
  level = 3,
}: {
  intent: string;
  version: number;
  /** the message of the last refused try of this intent, or null */
  failure: string | null;
  heading: string;
  lead?: string;
  children?: ReactNode;
  submit: string;
  /** when one intent has several forms on a page (one per member, per request): keeps the heading ids unique */
  idSuffix?: string;
  /** the heading level: 2 on a page whose commands are its main sections, 3 under a section heading */
  level?: 2 | 3;
}) {
  const headingId = `${intent}-heading${idSuffix ? `-${idSuffix}` : ""}`;
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className="apply-block" aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      {lead ? <p>{lead}</p> : null}
      {failure !== null ? (
        <div className="alert alert--error" role="alert">
          {failure}
        </div>
      ) : null}
      <Form method="post" className="form case-form" noValidate>
        <CsrfInput />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="intent" value={intent} />
        {children}
        <SubmitButton>{submit}</SubmitButton>
      </Form>
    </section>
  );
}

/** What the last command of the page came to: the success after its redirect, or a refusal that no form owns. */
export function CommandOutcome({ done, error }: { done: string | null; error: string | null }) {
  return (
    <>
      {done !== null ? (
        <div className="alert alert--success" role="status">
          {done}
        </div>
      ) : null}
      {error !== null ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
    </>
  );
}
