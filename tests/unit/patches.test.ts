// The dependency patches in .patches/ (applied by `patch-package` on npm install, package.json postinstall) must be
// in node_modules: a fresh install that skipped them would silently lose what they fix (issue 8: the router's route
// matching cache). Each added line of each patch is looked for in the patched file.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const dir = path.join(root, ".patches");
const patches = fs.readdirSync(dir).filter((f) => f.endsWith(".patch"));

describe("dependency patches (.patches/)", () => {
  it("there is at least the router patch, and package.json applies them on install", () => {
    expect(patches.some((p) => p.startsWith("@remix-run+router+"))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.postinstall).toMatch(/patch-package --patch-dir \.patches/);
  });

  for (const patch of patches) {
    it(`${patch} is applied to the installed package of that exact version`, () => {
      const [name, version] = patch.replace(/\.patch$/, "").replace(/^@([^+]+)\+/, "@$1/").split("+");
      const installed = JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string };
      expect(installed.version).toBe(version);
      const text = fs.readFileSync(path.join(dir, patch), "utf8");
      let file = "";
      let checked = 0;
      for (const line of text.split("\n")) {
        if (line.startsWith("+++ b/")) file = fs.readFileSync(path.join(root, line.slice(6)), "utf8");
        else if (line.startsWith("+") && line.trim().length > 3) {
          expect(file.includes(line.slice(1)), `missing in node_modules: ${line.slice(1)}`).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});

// What the patches change must not change what the patched functions answer. Loaded as the server loads them: the
// CommonJS builds (the patches touch only those; the browser bundles use the unpatched ES modules).
const serverRequire = createRequire(path.join(root, "build", "server.js"));

describe("the patched router answers as before: caches per route tree, fresh answers per call", () => {
  const router = serverRequire("@remix-run/router") as typeof import("@remix-run/router");
  const routes = [
    { id: "root", path: "/", children: [{ id: "case", path: "staff/cases/:caseNumber" }, { id: "queue", path: "staff/queue" }, { id: "index", index: true }] },
    { id: "splat", path: "*" },
  ];

  it("a repeated pathname matches the same routes with its own params, in new objects each time", () => {
    const first = router.matchRoutes(routes, "/staff/cases/FY2026-1")!;
    const again = router.matchRoutes(routes, "/staff/cases/FY2026-1")!;
    const other = router.matchRoutes(routes, "/staff/cases/FY2026-2")!;
    expect(first.map((m) => m.route.id)).toEqual(["root", "case"]);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(again[1]).not.toBe(first[1]);
    expect(again[1].params).not.toBe(first[1].params);
    expect(other[1].params).toEqual({ caseNumber: "FY2026-2" });
    expect(first[1].params).toEqual({ caseNumber: "FY2026-1" });
  });

  it("no match stays no match, an index and a splat still win where they did, and 3,000 pathnames later all still hold", () => {
    expect(router.matchRoutes([{ id: "only", path: "/a" }], "/b")).toBeNull();
    expect(router.matchRoutes([{ id: "only", path: "/a" }], "/b")).toBeNull();
    for (let i = 0; i < 3000; i++) {
      const n = `FY-${i % 1500}`;
      expect(router.matchRoutes(routes, `/staff/cases/${n}`)![1].params.caseNumber).toBe(n);
    }
    expect(router.matchRoutes(routes, "/")!.map((m) => m.route.id)).toEqual(["root", "index"]);
    expect(router.matchRoutes(routes, "/staff/queue")!.map((m) => m.route.id)).toEqual(["root", "queue"]);
    expect(router.matchRoutes(routes, "/nowhere/at/all")!.map((m) => m.route.id)).toEqual(["splat"]);
    // a new route tree is matched on its own
    expect(router.matchRoutes([{ id: "x", path: "/staff/queue" }], "/staff/queue")!.map((m) => m.route.id)).toEqual(["x"]);
  });

  it("the static router of one route tree reuses its data routes and maps each request's matches onto them", async () => {
    const server = serverRequire("react-router-dom/server") as typeof import("react-router-dom/server");
    const tree = [{ id: "root", path: "/", children: [{ id: "a", path: "a", loader: () => "A" }, { id: "b", path: "b", loader: () => "B" }] }];
    const handler = server.createStaticHandler(tree);
    const contextA = (await handler.query(new Request("http://localhost/a"))) as import("@remix-run/router").StaticHandlerContext;
    const contextB = (await handler.query(new Request("http://localhost/b"))) as import("@remix-run/router").StaticHandlerContext;
    const routerA = server.createStaticRouter(handler.dataRoutes, contextA);
    const routerB = server.createStaticRouter(handler.dataRoutes, contextB);
    expect(routerB.routes).toBe(routerA.routes);
    expect(routerA.state.matches.map((m) => m.route.id)).toEqual(["root", "a"]);
    expect(routerB.state.matches.map((m) => m.route.id)).toEqual(["root", "b"]);
    expect(routerA.state.loaderData).toEqual({ root: null, a: "A" });
    expect(routerB.state.loaderData).toEqual({ root: null, b: "B" });
    expect(routerB.state.matches[1].route).toBe(routerB.routes[0].children![1]);
  });
});
