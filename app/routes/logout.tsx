import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logOut } from "~/services/auth.server";
import { readForm } from "~/services/form.server";
import { clearSessionCookie } from "~/services/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session } = await readForm(request, context);
  if (session) await logOut(session.session.id, session.user.id, { now: new Date(), requestId: context.requestId });
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}
