// Unit + integration tests (tests/unit, tests/integration) on the engine under test: PGlite by default,
// PostgreSQL when TEST_DATABASE_URL is set. The browser tests have their own config (tests/vitest.e2e.config.ts):
// mergeConfig would concatenate the include lists (STACK.md trap 8).
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cpus = os.availableParallelism();

export default defineConfig({
  root,
  // vitest does not read tsconfig "paths": the same aliases as tsconfig.json
  resolve: {
    alias: [
      { find: /^~\//, replacement: `${path.join(root, "app")}/` },
      { find: /^#db\//, replacement: `${path.join(root, "db")}/` },
    ],
  },
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    // Child processes, one test file each: PGlite (WASM, ~0.5 GB per instance) and argon2 live happily in forks.
    // Vitest's default is cpus - 1 workers (1 on a 2-core machine); the main process is idle while files run, so
    // use every core.
    pool: "forks",
    poolOptions: { forks: { minForks: 1, maxForks: Math.max(cpus, 1) } },
    // A PGlite clone takes 0.5-1 s, argon2 hashing ~50 ms a hash, and everything is slower on 2 busy cores.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
