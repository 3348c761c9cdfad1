// GET /api/v1/openapi.json — the OpenAPI 3.1 document of the intake API, generated from the zod schemas that validate
// its requests (app/domain/intake-openapi.ts). Public: it describes the contract, not any data.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { intakeOpenApiDocument } from "~/domain/intake-openapi";

export async function loader({ request }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  return new Response(JSON.stringify(intakeOpenApiDocument(origin), null, 2), {
    status: 200,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
