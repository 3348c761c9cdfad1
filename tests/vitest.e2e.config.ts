// Browser tests (Playwright + Debian's Chromium) against the built server (`npm run build` first).
// A separate config, not a mergeConfig of tests/vitest.config.ts: mergeConfig concatenates include lists (STACK.md trap 8).
// tests/e2e/global-setup.ts starts ONE server (PGlite in a temp dir, or a fresh PostgreSQL database when
// TEST_DATABASE_URL is set) and the files run one after another against it, in alphabetical order
// (tests/e2e/sequencer.ts: vitest's default order is by cached duration and size, not by name), so that
// zz-log-scan.test.ts reads the server log after every other file has run.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { AlphabeticalSequencer } from "./e2e/sequencer";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^~\//, replacement: `${path.join(root, "app")}/` },
      { find: /^#db\//, replacement: `${path.join(root, "db")}/` },
    ],
  },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/e2e/global-setup.ts"],
    pool: "forks",
    // One server, one browser at a time: files run one after another, in name order.
    fileParallelism: false,
    sequence: { sequencer: AlphabeticalSequencer, shuffle: false },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
