// JSON answers of the key-authenticated API (/api/v1/intake): every error in Chinese and English, never an HTML page.
import { translator } from "~/utils/i18n";

const zh = translator("zh-CN");
const en = translator("en");

/** The largest body the intake API reads (an item's text fields add up to well under this). */
export const API_BODY_LIMIT = 64 * 1024;

export function apiJson(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** `{ error: { code, zh, en }, fields?: { path: { zh, en } } }`; `vars.<name>En` fills `{name}` in the English text. */
export function apiError(
  status: number,
  code: string,
  key: string,
  options: { vars?: Record<string, string | number>; fields?: Record<string, string>; headers?: Record<string, string> } = {},
): Response {
  const vars = options.vars ?? {};
  const varsEn = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, vars[`${k}En`] ?? v]));
  const fields = options.fields
    ? Object.fromEntries(Object.entries(options.fields).map(([path, k]) => [path, { zh: zh(k), en: en(k) }]))
    : undefined;
  return apiJson({ error: { code, zh: zh(key, vars), en: en(key, varsEn) }, ...(fields ? { fields } : {}) }, status, options.headers);
}

/** The JSON body, or a thrown 413 (too large) / 400 (not JSON) answer. */
export async function readJsonBody(request: Request, limit = API_BODY_LIMIT): Promise<unknown> {
  const tooLarge = () => apiError(413, "too_large", "intake.errors.tooLarge", { vars: { kb: Math.round(limit / 1024) } });
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw apiError(400, "invalid_json", "intake.errors.invalidJson");
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw apiError(400, "invalid_json", "intake.errors.invalidJson");
  }
  if (Buffer.byteLength(text, "utf8") > limit) throw tooLarge();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw apiError(400, "invalid_json", "intake.errors.invalidJson");
  }
}
