// Bundles the Express entry (app/server.ts, with db/) into build/server.js. Packages stay external (node_modules).
import { build } from "esbuild";

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
});
