import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { logger } from "./logger.server";
import { NonceProvider } from "./utils/nonce";

export const streamTimeout = 5000;

/**
 * The document is rendered whole, as one string, and sent as one body. No page streams: no
 * defer, no Suspense of our own (issue 8 P1/P3). React's stream (renderToPipeableStream) encoded every tag and
 * attribute into 2 KB byte chunks as it went and wrote them through a Node stream — about a tenth of the staff queue's
 * CPU; renderToString builds one string.
 *
 * The page's loader data reaches the browser as a turbo-stream (single fetch) that Remix's <StreamTransfer> writes
 * into the document as it is read, suspending on each chunk. renderToString cannot wait for a suspended part, so the
 * stream is read to its end first and handed to <StreamTransfer> already read, through the entry context's
 * renderMeta.streamCache (EntryContext's typed field): it then writes the same one script a fully resolved stream
 * gives and the close call. tests/integration/document.test.ts checks that the document carries the data and that
 * the client can read it.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
): Promise<Response> {
  const nonce = loadContext.cspNonce;
  const data = await readWhole(remixContext.serverHandoffStream);
  if (data !== null) {
    const read = Object.assign(Promise.resolve(), { result: { done: true, value: data } });
    remixContext.renderMeta = remixContext.renderMeta ?? {};
    remixContext.renderMeta.streamCache = { 0: read };
  }
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // as bytes: a string body would be scanned once more for lone surrogates (undici's USVString conversion)
  return new Response(Buffer.from(`<!DOCTYPE html>${html}`, "utf8"), { headers: responseHeaders, status: responseStatusCode });
}

/** The whole single-fetch stream as text (null without one); it is left unlocked for <RemixServer>'s own reader. */
async function readWhole(stream: ReadableStream<Uint8Array> | undefined): Promise<string | null> {
  if (!stream) return null;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    reader.releaseLock();
  }
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, path: new URL(request.url).pathname }, "unhandled error");
}
