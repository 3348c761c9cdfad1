import { checkDatabase } from "~/services/health.server";

/** Liveness and readiness: 200 when the database answers, 503 otherwise. */
export async function loader() {
  const result = await checkDatabase();
  return new Response(JSON.stringify(result), {
    status: result.ok ? 200 : 503,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}
