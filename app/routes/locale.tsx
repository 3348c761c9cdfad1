import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "~/domain/account";
import { readForm } from "~/services/form.server";
import { LOCALE_COOKIE, parseLocale } from "~/utils/i18n";

export async function loader() {
  return redirect("/");
}

/** Switches the UI language (cookie, one year) and returns to the same page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { form } = await readForm(request, context);
  const locale = parseLocale(String(form.get("to") ?? ""));
  const secure = context.production ? "; Secure" : "";
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; SameSite=Lax; Max-Age=31536000${secure}` },
  });
}
