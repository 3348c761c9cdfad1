import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "~/services/form.server";
import { getSession } from "~/services/session.server";

export async function loader() {
  return redirect("/");
}

/** One click before the idle timeout: reading the session with touch restarts its idle clock. */
export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const loaded = await getSession(request, { touch: true });
  if (!loaded) return data({ secondsLeft: 0 }, { status: 401 });
  return { secondsLeft: Math.floor((loaded.session.idleExpiresAt.getTime() - Date.now()) / 1000) };
}
