// /staff/compliance/csv?… — the download of the compliance table (UTF-8 with BOM). A resource route: a page route
// cannot answer a document request with a file (its loader's Response would be taken as the page's data).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { loader as complianceLoader } from "./staff.compliance";

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  url.searchParams.set("format", "csv");
  return complianceLoader({ ...args, request: new Request(url, { headers: args.request.headers }) });
}
