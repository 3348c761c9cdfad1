import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDocumentRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { logger } from "./logger.server";
import { NonceProvider } from "./utils/nonce";

export const streamTimeout = 5000;

/**
 * The document is rendered whole and sent as one body. No page streams (no defer, no Suspense of our own), and React's
 * stream wrote a page of 50 KB as ~25 chunks of 2 KB, each through a Node stream, a web stream and a socket write of
 * its own — a tenth of the staff queue's CPU (issue 8 P1/P3). One buffer also gives the answer a Content-Length.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
): ReturnType<HandleDocumentRequestFunction> {
  const nonce = loadContext.cspNonce;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let renderError: unknown;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    sink.on("finish", () => {
      clearTimeout(timer);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          // an error inside the page that a boundary caught (the shell itself failing is onShellError's, logged by Remix)
          if (renderError !== undefined) logger.error({ err: renderError, requestId: loadContext.requestId }, "render error");
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          renderError = error;
        },
      },
    );
    const timer = setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, path: new URL(request.url).pathname }, "unhandled error");
}
