// The dependency patches in .patches/ (applied by `patch-package` on npm install, package.json postinstall) must be
// in node_modules: a fresh install that skipped them would silently lose what they fix (issue 8: the router's route
// matching cache). Each added line of each patch is looked for in the patched file.
import fs from "node:fs";
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
