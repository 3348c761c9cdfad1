// Figure P5 (issue 8 req. 2): the JavaScript the citizen's filing page ships, gzip — goal ≤ 150 KB — and the page
// works with JavaScript off. The HTML of each filing page (/apply/mediation, /apply/reconsideration and one step of a
// reconsideration draft) is fetched as the citizen; every <script src> and <link rel="modulepreload"> is fetched with
// Accept-Encoding: gzip and its bytes on the wire are summed (inline scripts — Remix's hydration data — are part of
// the HTML and reported beside it). The larger page is the figure. "Works without JavaScript": the mediation form is
// posted the way a browser without JavaScript posts it — the fields and hidden inputs of the served HTML, urlencoded —
// and must answer 303 → its receipt, which must open (200) and name a case that is in the database.
import type postgres from "postgres";
import type { Actor } from "./lib/actors";
import { Client } from "./lib/http";
import { mediationFields, readForm } from "./filings";

export interface PageJs {
  path: string;
  files: number;
  gzipBytes: number;
  /** Bytes of the files served without gzip (too small for the compression threshold). */
  uncompressedFiles: number;
  inlineScriptBytes: number;
  /** The three largest files, gzip bytes. */
  largest: { url: string; bytes: number }[];
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

export async function measurePageJs(base: string, citizen: Actor, path: string): Promise<PageJs> {
  const client = new Client(base);
  try {
    const page = await client.request(path, { headers: { cookie: citizen.cookie, "accept-encoding": "identity" } });
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
    const html = page.body.toString("utf8");
    const urls = new Set<string>();
    for (const m of html.matchAll(/<script\b[^>]*>/g)) {
      const src = attr(m[0], "src");
      if (src) urls.add(src);
    }
    for (const m of html.matchAll(/<link\b[^>]*>/g)) {
      if (attr(m[0], "rel") === "modulepreload") urls.add(attr(m[0], "href")!);
    }
    let inlineScriptBytes = 0;
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) if (!/\bsrc=/.test(m[1])) inlineScriptBytes += Buffer.byteLength(m[2]);
    if (urls.size === 0) throw new Error(`${path}: no script found in the page`);
    let gzipBytes = 0;
    let uncompressedFiles = 0;
    const sizes: { url: string; bytes: number }[] = [];
    for (const url of urls) {
      const r = await client.request(url, { headers: { "accept-encoding": "gzip" } });
      if (r.status !== 200) throw new Error(`${path}: ${url} answered ${r.status}`);
      if (r.headers["content-encoding"] !== "gzip") uncompressedFiles++;
      gzipBytes += r.body.length;
      sizes.push({ url, bytes: r.body.length });
    }
    const largest = sizes.sort((a, b) => b.bytes - a.bytes).slice(0, 3);
    return { path, files: urls.size, gzipBytes, uncompressedFiles, inlineScriptBytes, largest };
  } finally {
    client.close();
  }
}

/** The reconsideration application's first step for this citizen: an open draft of theirs, or a new one. */
export async function reconsiderationStepPath(base: string, citizen: Actor): Promise<string> {
  const client = new Client(base);
  try {
    const list = await client.request("/apply/reconsideration", { headers: { cookie: citizen.cookie } });
    if (list.status !== 200) throw new Error(`GET /apply/reconsideration answered ${list.status}`);
    const existing = /href="(\/apply\/reconsideration\/[0-9a-f-]{36}\/[a-z-]+)"/.exec(list.body.toString("utf8"));
    if (existing) return existing[1];
    const body = new URLSearchParams({ csrf: citizen.csrf }).toString();
    const r = await client.request("/apply/reconsideration", {
      method: "POST",
      headers: { cookie: citizen.cookie, origin: base, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    const location = r.headers.location ?? "";
    if (r.status !== 303 || !/^\/apply\/reconsideration\/[0-9a-f-]{36}\/[a-z-]+$/.test(location)) {
      throw new Error(`starting a reconsideration draft answered ${r.status} ${location}`);
    }
    return location;
  } finally {
    client.close();
  }
}

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'");

/** Posts the mediation form as a browser without JavaScript would; true when a case was filed and its receipt opens. */
export async function worksWithoutJs(base: string, citizen: Actor, sql: postgres.Sql): Promise<{ ok: boolean; detail: string }> {
  const client = new Client(base);
  try {
    const page = await client.request("/apply/mediation", { headers: { cookie: citizen.cookie } });
    if (page.status !== 200) return { ok: false, detail: `GET /apply/mediation answered ${page.status}` };
    const form = readForm(page.body.toString("utf8"), "mediation-form");
    const divisions = form.options.get("divisionCode") ?? [];
    // the served hidden inputs (CSRF token, submission key) as they are, the visible fields filled in
    const fields = mediationFields({
      csrf: decode(form.hidden.get("csrf") ?? ""),
      submissionKey: decode(form.hidden.get("submissionKey") ?? ""),
      divisionCode: divisions[1] ?? divisions[0] ?? "",
      i: 1,
    });
    const r = await client.request("/apply/mediation", {
      method: "POST",
      headers: { cookie: citizen.cookie, origin: base, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: new URLSearchParams(fields).toString(),
    });
    const location = decodeURIComponent(r.headers.location ?? "");
    const m = /^\/my\/cases\/([^/]+)\/receipt$/.exec(location);
    if (r.status !== 303 || !m) return { ok: false, detail: `POST answered ${r.status} ${location}` };
    const receipt = await client.request(r.headers.location!, { headers: { cookie: citizen.cookie } });
    if (receipt.status !== 200) return { ok: false, detail: `receipt answered ${receipt.status}` };
    const rows = await sql`select state from cases where case_number = ${m[1]} and filed_by = ${citizen.user.id}`;
    if (rows.length !== 1) return { ok: false, detail: `case ${m[1]} not in the database` };
    return { ok: true, detail: `303 → receipt of ${m[1]} (200), case in the database` };
  } finally {
    client.close();
  }
}
