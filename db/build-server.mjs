// Bundles the Express entry (app/server.ts, with db/ and the app modules it uses) into build/server.js.
// npm packages stay external (node_modules); the "~/" alias of tsconfig.json maps to app/.
import path from "node:path";
import { build } from "esbuild";

const appDir = path.resolve("app");

await build({
  entryPoints: ["app/server.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "tilde-alias",
      setup(b) {
        b.onResolve({ filter: /^~\// }, async (args) => {
          const result = await b.resolve(`./${args.path.slice(2)}`, { resolveDir: appDir, kind: args.kind });
          return result.errors.length ? { errors: result.errors } : { path: result.path };
        });
      },
    },
  ],
});
