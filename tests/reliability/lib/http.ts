// HTTP as a browser without JavaScript sends it: a urlencoded form POST with the session cookie, the session's CSRF
// token in the `csrf` field (app/services/form.server.ts) and an Origin header of the server itself (the first CSRF
// line in app/server.ts). Redirects are not followed: a filing is acknowledged by its 303 to the receipt.

export interface Reply {
  /** 0 when no HTTP answer came (connection refused or reset, the client's timeout). */
  status: number;
  location: string | null;
  /** The body, when asked for (`withBody`). */
  body?: string;
  /** Why no answer came: "timeout", "network: …". */
  error?: string;
}

export interface PostOptions {
  timeoutMs?: number;
  /** Aborts the request (a simulated dropped connection, R3). */
  signal?: AbortSignal;
  withBody?: boolean;
}

export async function postForm(
  baseUrl: string,
  path: string,
  who: { cookie: string; csrf: string } | null,
  fields: Record<string, string> | [string, string][],
  options: PostOptions = {},
): Promise<Reply> {
  const body = new URLSearchParams(fields);
  if (who && !body.has("csrf")) body.set("csrf", who.csrf);
  const headers: Record<string, string> = { origin: baseUrl, "content-type": "application/x-www-form-urlencoded" };
  if (who) headers.cookie = who.cookie;
  return send(`${baseUrl}${path}`, { method: "POST", headers, body }, options);
}

export async function get(baseUrl: string, path: string, who: { cookie: string } | null, options: PostOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (who) headers.cookie = who.cookie;
  return send(`${baseUrl}${path}`, { method: "GET", headers }, options);
}

async function send(url: string, init: RequestInit, options: PostOptions): Promise<Reply> {
  const signals: AbortSignal[] = [];
  if (options.timeoutMs) signals.push(AbortSignal.timeout(options.timeoutMs));
  if (options.signal) signals.push(options.signal);
  try {
    const res = await fetch(url, { ...init, redirect: "manual", signal: signals.length ? AbortSignal.any(signals) : undefined });
    const text = options.withBody ? await res.text() : (await res.arrayBuffer(), undefined);
    return { status: res.status, location: res.headers.get("location"), body: text };
  } catch (error) {
    const e = error as Error & { cause?: Error & { code?: string } };
    if (e.name === "TimeoutError") return { status: 0, location: null, error: "timeout" };
    if (e.name === "AbortError") return { status: 0, location: null, error: "aborted" };
    return { status: 0, location: null, error: `network: ${e.cause?.code ?? e.cause?.message ?? e.message}` };
  }
}

/** The case number in a receipt redirect (/my/cases/<number>/receipt), or null for anything else. */
export function receiptCaseNumber(location: string | null): string | null {
  const m = location ? /^\/my\/cases\/([^/?#]+)\/receipt$/.exec(location) : null;
  return m ? decodeURIComponent(m[1]) : null;
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  });
  await Promise.all(runners);
  return out;
}
