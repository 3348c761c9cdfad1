// POST /api/v1/intake — another system (the 12345 hotline, the national platform, the petition office) passes on an
// item; it joins its dispute center's triage queue like an item a clerk enters at /center/new (issue 7 req. 5).
// Authenticated by the client's key (Authorization: Bearer), rate-limited per client, idempotent on the client's
// externalRef. Answers JSON in Chinese and English: 201/200 {caseNumber, status, receivedAt}, 400, 401, 409, 413, 429.
// The contract: /api/v1/openapi.json.
import type { ActionFunctionArgs } from "@remix-run/node";
import { logger } from "~/logger.server";
import { receiveIntake, requireApiClient } from "~/services/intake.server";
import { apiError, apiJson, readJsonBody } from "~/utils/api.server";
import "~/locales/areas/intake";

export async function loader() {
  return apiError(405, "method_not_allowed", "intake.errors.methodNotAllowed", { headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "intake.errors.methodNotAllowed", { headers: { Allow: "POST" } });
  try {
    const client = await requireApiClient(request);
    const body = await readJsonBody(request);
    const result = await receiveIntake({ client, body, requestId: context.requestId });
    if (result.ok) return apiJson(result.receipt, result.status);
    return apiError(result.status, result.code, result.messageKey, { vars: result.vars, fields: result.fields });
  } catch (error) {
    if (error instanceof Response) return error;
    logger.error({ err: error, requestId: context.requestId }, "intake failed");
    return apiError(503, "unavailable", "intake.errors.unavailable");
  }
}
