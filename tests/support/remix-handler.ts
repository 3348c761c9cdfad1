/// <reference types="vite/client" />
// The app's Remix request handler, in the test process, without `npm run build` (issue 8 req. 4, R1): the route
// manifest is computed from app/routes by the same flat-routes convention the Remix compiler uses
// (@remix-run/dev's flatRoutes with remix.config.js's ignoredRouteFiles), and every route module is the source module
// itself (import.meta.glob), so the handler answers with exactly the code under test, on whatever database the test
// handed to the app (db/client's setDatabase). What build/ would add — the browser bundles — is not needed to answer
// data requests (`<path>.data`, `?_data=<route id>`) and is replaced by a manifest of placeholder URLs for the
// document requests. The Express layer of app/server.ts (origin check, anonymous CSRF cookie, request id) is not
// here: the load context it would build is passed by the caller; that layer has its own tests (tests/e2e/security).
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
// the compiler's own flat-routes convention (what @remix-run/dev exports as UNSAFE_flatRoutes), by its deep path:
// the package's index would load the whole compiler and vite plugin into the test process
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import remixConfig from "../../remix.config.js";
import * as entryServer from "~/entry.server";
import * as root from "~/root";

type RouteModule = Record<string, unknown> & { loader?: unknown; action?: unknown; default?: unknown; ErrorBoundary?: unknown };

/** Every route module under app/routes, keyed by its file relative to app/ ("routes/login.tsx"). */
const routeModules = Object.fromEntries(
  Object.entries(import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}", { eager: true })).map(([file, mod]) => [file.replace("../../app/", ""), mod]),
);

const appDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");

export interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  file: string;
  module: RouteModule;
}

/** The route manifest as the Remix compiler would make it: root plus one entry per route file. */
export function routeManifest(): ManifestRoute[] {
  const manifest = flatRoutes(appDirectory, (remixConfig as { ignoredRouteFiles?: string[] }).ignoredRouteFiles ?? []) as Record<
    string,
    { id: string; parentId?: string; path?: string; index?: boolean; file: string }
  >;
  return Object.values(manifest).map((r) => {
    const module = routeModules[r.file];
    if (!module) throw new Error(`route file ${r.file} is in the manifest but not in import.meta.glob`);
    return { ...r, parentId: r.parentId ?? "root", module };
  });
}

/** A ServerBuild of the source modules, and Remix's request handler for it (production mode: no stack traces). */
export function inProcessHandler(): { handler: ReturnType<typeof createRequestHandler>; routes: ManifestRoute[] } {
  const routes = routeManifest();
  const all = [{ id: "root", path: "", file: "root.tsx", module: root as unknown as RouteModule }, ...routes];
  const assetRoutes = Object.fromEntries(
    all.map((r) => [
      r.id,
      {
        id: r.id,
        parentId: r.id === "root" ? undefined : (r as ManifestRoute).parentId,
        path: r.path,
        index: (r as ManifestRoute).index,
        caseSensitive: undefined,
        module: `/build/${r.id}.js`,
        imports: [],
        hasAction: typeof r.module.action === "function",
        hasLoader: typeof r.module.loader === "function",
        hasClientAction: false,
        hasClientLoader: false,
        hasErrorBoundary: typeof r.module.ErrorBoundary === "function",
      },
    ]),
  );
  const build = {
    mode: "production",
    // Remix logs every `?_data=` request of a single-fetch app through handleError (a deprecation warning, not an
    // error of the app): left out here, where the walk sends thousands on purpose; every other error still goes through.
    entry: {
      module: {
        ...entryServer,
        handleError: (error: unknown, args: { request: Request }) => {
          if (error instanceof Error && error.message.startsWith("Warning: Single fetch-enabled apps should not be making ?_data requests")) return;
          entryServer.handleError(error, args);
        },
      },
    },
    routes: Object.fromEntries(
      all.map((r) => [
        r.id,
        { id: r.id, parentId: r.id === "root" ? undefined : (r as ManifestRoute).parentId, path: r.path, index: (r as ManifestRoute).index, caseSensitive: undefined, module: r.module },
      ]),
    ),
    assets: { version: "in-process", url: "/build/manifest-in-process.js", entry: { module: "/build/entry.client.js", imports: [] }, routes: assetRoutes },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: (remixConfig as { future: Record<string, boolean> }).future,
    isSpaMode: false,
    basename: undefined,
  } as unknown as ServerBuild;
  return { handler: createRequestHandler(build, "production"), routes };
}
