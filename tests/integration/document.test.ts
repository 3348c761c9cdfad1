// The document a page request answers with (app/entry.server.tsx): rendered whole by renderToString, with the page's
// loader data (single fetch, a turbo-stream) read to its end first and written into the document as one script the
// browser's router reads on hydration. Checked through Remix's own request handler on the source modules: the
// document is whole, carries exactly one data chunk and the stream's close, the chunk decodes to the loaders' data,
// and an error answer (404 of a loader) still renders its boundary with the data of the routes above it.
import { decode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { seedDatabase } from "../../db/seed";
import { engineName, useTestDatabase } from "../support/db";
import { inProcessHandler } from "../support/remix-handler";

const t = useTestDatabase();
beforeAll(async () => {
  setDatabase(t.database);
  await seedDatabase(t.db, { demo: false });
});
afterAll(() => setDatabase(undefined));

const context = { requestId: "document-test", cspNonce: "nonce-document-test", anonymousCsrf: "anonymous-csrf-token-0123456789", production: false };

/** The arguments of the document's `streamController.enqueue(…)` calls, as the browser would evaluate them. */
function enqueued(html: string): string[] {
  return [...html.matchAll(/window\.__remixContext\.streamController\.enqueue\(("(?:[^"\\]|\\.)*")\);<\/script>/g)].map((m) => JSON.parse(m[1]) as string);
}

async function decoded(chunk: string): Promise<Record<string, unknown>> {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
  const result = await decode(stream);
  await result.done;
  return result.value as Record<string, unknown>;
}

describe(`the page document: rendered whole with its data (${engineName()})`, () => {
  const { handler } = inProcessHandler();

  it("answers a page with one whole document: doctype, the page, the data script and the stream's close, each once", async () => {
    const res = await handler(new Request("http://localhost/guide"), context);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html><html lang=\"zh-CN\">")).toBe(true);
    // the data scripts follow the page's <html> element (Remix renders them after the app): the document ends with the close
    expect(html.endsWith("window.__remixContext.streamController.close();</script><!--/$-->")).toBe(true);
    const chunks = enqueued(html);
    expect(chunks).toHaveLength(1);
    expect(html.split("window.__remixContext.streamController.close();")).toHaveLength(2);
    // the scripts carry the request's CSP nonce (the data script included)
    expect(html).toContain(`<script nonce="${context.cspNonce}">window.__remixContext.streamController.enqueue(`);
    // the data comes after the page it belongs to
    expect(html.indexOf("streamController.enqueue(")).toBeGreaterThan(html.indexOf("</main>"));
  });

  it("the data chunk decodes to the loaders' data of the root and the page (what hydration reads)", async () => {
    const res = await handler(new Request("http://localhost/guide"), context);
    const [chunk] = enqueued(await res.text());
    const value = await decoded(chunk);
    const loaderData = value.loaderData as Record<string, Record<string, unknown>>;
    expect(loaderData.root.locale).toBe("zh-CN");
    expect(loaderData.root.user).toBeNull();
    expect(loaderData.root.csrfToken).toBe(context.anonymousCsrf);
    expect(loaderData["routes/guide"]).toMatchObject({ outcome: null });
    expect(Array.isArray(loaderData["routes/guide"].questions)).toBe(true);
  });

  it("a loader's 404 still renders a whole document: the error boundary, and the root's data with the error", async () => {
    const res = await handler(new Request("http://localhost/public/decisions/00000000-0000-4000-8000-000000000000"), context);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const [chunk] = enqueued(html);
    const value = await decoded(chunk);
    expect((value.loaderData as Record<string, Record<string, unknown>>).root.locale).toBe("zh-CN");
    expect(value.errors).toBeTruthy();
    expect(Object.keys(value.errors as object)).toEqual(["routes/public.decisions.$id"]);
  });

  // React 18's stream renderer (renderToPipeableStream) flushed whole 2 KB buffers where a character of 3 UTF-8 bytes
  // did not fit at a buffer's end, leaving NUL bytes inside Chinese text (facebook/react#26228, fixed after 18.3;
  // seen here in the staff queue's column names). The whole-string render has no buffers.
  it("no page carries a NUL byte: Chinese text is never cut at a buffer boundary", async () => {
    const paths = ["/", "/guide", "/public/decisions", "/stats", "/login", "/register", "/verify", "/tools/application-deadline", "/apply/mediation"];
    let bytes = 0;
    for (const p of paths) {
      const res = await handler(new Request(`http://localhost${p}`), context);
      const body = new Uint8Array(await res.arrayBuffer());
      bytes += body.length;
      expect(body.indexOf(0), `${p}: NUL at byte ${body.indexOf(0)}`).toBe(-1);
      // and the text is whole UTF-8
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(body), p).not.toThrow();
    }
    expect(bytes).toBeGreaterThan(40_000);
  });

  it("documents rendered at the same time each carry their own data", async () => {
    const paths = ["/guide", "/public/decisions", "/guide?q=x", "/login", "/register", "/verify"];
    const answers = await Promise.all(paths.map((p) => handler(new Request(`http://localhost${p}`), context)));
    for (const [i, res] of answers.entries()) {
      expect(res.status, paths[i]).toBeLessThan(500);
      const [chunk] = enqueued(await res.text());
      const routeIds = Object.keys((await decoded(chunk)).loaderData as object);
      expect(routeIds[0]).toBe("root");
      expect(routeIds.length, paths[i]).toBe(2);
    }
  });
});
