// Downloads an uploaded file (issue 4 req. 5): only for those entitled to it (the owner, the case's filer and parties,
// the staff of the case's organ), always as an attachment that the browser may not sniff or render in our origin.
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { attachmentDisposition, downloadFileName, isUploadMediaType } from "~/domain/uploads";
import { openDownload } from "~/services/uploads.server";
import { requireUser } from "~/services/session.server";

function notFound(): never {
  throw new Response("Not Found", { status: 404, headers: { "Cache-Control": "no-store" } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  // a file that does not exist and one the user may not read answer alike, so that ids reveal nothing
  const opened = await openDownload(user, params.fileId);
  if (!opened) notFound();
  const { file, handle } = opened;
  if (!isUploadMediaType(file.mediaType)) {
    await handle.close();
    notFound();
  }
  const body = createReadableStreamFromReadable(handle.createReadStream());
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.size),
      "Content-Disposition": attachmentDisposition(downloadFileName(file.originalName, file.mediaType)),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
