// Public JSON API: GET /api/v1/deadlines?period=<key>&from=YYYY-MM-DD → the due date with its explanation, computed on
// the calendar and settings in the database. Bad input answers 400 {"error": "<Chinese> / <English>"}, never a 500.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { computeDue, DueInputError, parseDeadlineQuery, renderStep } from "~/domain/periods";
import { loadDeadlineRules } from "~/services/calendar.server";
import { logger } from "~/logger.server";
import { translator } from "~/utils/i18n";

const zh = translator("zh-CN");
const en = translator("en");

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // the calendar and the settings can change at any time: no caching
      "Cache-Control": "no-store",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

const failure = (key: string, status = 400) => json({ error: `${zh(key)} / ${en(key)}` }, status);

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseDeadlineQuery(new URL(request.url).searchParams);
  if (!query.ok) return failure(query.error);
  try {
    const { calendar, settings } = await loadDeadlineRules();
    const r = computeDue(query.period, query.from, calendar, settings);
    return json(
      {
        period: r.period,
        from: r.from,
        due: r.due,
        unit: r.unit,
        length: r.length,
        basis: r.basis,
        provisional: r.provisional,
        explanation: r.explanation.map((step) => ({ ...step, zh: renderStep(step, "zh-CN"), en: renderStep(step, "en") })),
      },
      200,
    );
  } catch (error) {
    if (error instanceof DueInputError) return failure("errors.fromInvalid");
    logger.error({ err: error }, "deadline computation failed");
    return failure("errors.deadlineUnavailable", 503);
  }
}
