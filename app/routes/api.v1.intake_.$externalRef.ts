// GET /api/v1/intake/:externalRef — the status of an item the client passed on (its own items only: another client's
// reference answers 404, as an unknown one does). Key and rate limit as POST /api/v1/intake.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { logger } from "~/logger.server";
import { getIntakeStatus, requireApiClient } from "~/services/intake.server";
import { apiError, apiJson } from "~/utils/api.server";
import "~/locales/areas/intake";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    const client = await requireApiClient(request);
    const status = await getIntakeStatus({ client, externalRef: params.externalRef ?? "" });
    if (!status) return apiError(404, "not_found", "intake.errors.notFound");
    return apiJson(status, 200);
  } catch (error) {
    if (error instanceof Response) return error;
    logger.error({ err: error, requestId: context.requestId }, "intake status failed");
    return apiError(503, "unavailable", "intake.errors.unavailable");
  }
}
