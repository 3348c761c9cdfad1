// /stats/csv?…&table=<key> — the download of one table of /stats (UTF-8 with BOM). A resource route: a page route
// cannot answer a document request with a file (its loader's Response would be taken as the page's data).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { loader as statsLoader } from "./stats";

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  url.searchParams.set("format", "csv");
  return statsLoader({ ...args, request: new Request(url, { headers: args.request.headers }) });
}
