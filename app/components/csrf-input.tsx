// The session's CSRF token as a hidden input, for every form that posts (checked by app/services/form.server.ts).
// On its own so that the page frame (root.tsx) does not load the form library with it.
import { useRouteLoaderData } from "@remix-run/react";

export function CsrfInput() {
  const root = useRouteLoaderData("root") as { csrfToken?: string } | undefined;
  return <input type="hidden" name="csrf" value={root?.csrfToken ?? ""} />;
}
