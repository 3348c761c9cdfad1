// The browser loads only the message areas its pages import (app/locales/catalog.ts). This test keeps that honest:
// every module of app/ that can run in the browser and names a key of an area — "queue.title", or a key family such
// as `queue.due.${colour}` or a prefix handed to a helper ("apply.actKind") — imports that area itself (`import "~/locales/areas/queue";`), and every area registers
// its strings. (Keys that arrive as data from the server are watched at run time: the translator writes a
// console.error for a key with no message, which fails the browser suite.)
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { zhCN } from "~/locales/all.server";
import { catalog, keyNamespaces } from "~/locales/catalog";
import { baseZh } from "~/locales/zh-CN";

const root = path.resolve(__dirname, "../..");
const areasDir = path.join(root, "app/locales/areas");
const areaNames = fs
  .readdirSync(areasDir)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.replace(/\.ts$/, ""));

async function keyAreas(): Promise<Map<string, string>> {
  const owner = new Map<string, string>();
  for (const area of areaNames) {
    const mod = (await import(path.join(areasDir, `${area}.ts`))) as { zh: Record<string, string> };
    for (const key of Object.keys(mod.zh)) owner.set(key, area);
  }
  return owner;
}

function appModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (p !== path.join(root, "app/locales")) walk(p);
      } else if (/\.tsx?$/.test(entry.name) && !/\.server\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(p);
    }
  };
  walk(path.join(root, "app"));
  return out;
}

/** The areas whose keys a module's code names: exact keys in quotes, and key families `prefix.${…}`. */
export function areasNamed(source: string, owner: Map<string, string>): Set<string> {
  const code = source.replace(/^\s*\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
  const found = new Set<string>();
  for (const m of code.matchAll(/["'`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)["'`]/g)) {
    const area = owner.get(m[1]);
    if (area) found.add(area);
    // a family passed on as a prefix: label("apply.actKind", value) → t(`${prefix}.${value}`)
    else for (const [key, a] of owner) if (key.startsWith(`${m[1]}.`)) found.add(a);
  }
  for (const m of code.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)) {
    for (const [key, area] of owner) if (key.startsWith(m[1])) found.add(area);
  }
  return found;
}

const importedAreas = (source: string) => new Set([...source.matchAll(/^import\s+["']~\/locales\/areas\/([\w-]+)["'];?\s*$/gm)].map((m) => m[1]));

describe("message areas load where they are used", () => {
  it("every browser module that names an area's key imports that area", async () => {
    const owner = await keyAreas();
    expect(owner.size).toBeGreaterThan(3000);
    const missing: string[] = [];
    for (const file of appModules()) {
      const source = fs.readFileSync(file, "utf8");
      const imported = importedAreas(source);
      for (const area of areasNamed(source, owner)) {
        if (!imported.has(area)) missing.push(`${path.relative(root, file)}: import "~/locales/areas/${area}";`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("an area import is there for a reason (no module imports an area it never names)", async () => {
    const owner = await keyAreas();
    const unused: string[] = [];
    for (const file of appModules()) {
      const source = fs.readFileSync(file, "utf8");
      const named = areasNamed(source, owner);
      for (const area of importedAreas(source)) if (!named.has(area)) unused.push(`${path.relative(root, file)}: ${area}`);
    }
    expect(unused).toEqual([]);
  });

  it("the server's tables hold every key of every area, and each area registers itself", async () => {
    const owner = await keyAreas();
    for (const key of owner.keys()) expect(catalog["zh-CN"], key).toHaveProperty(key);
    for (const key of Object.keys(zhCN)) expect(catalog.en, key).toHaveProperty(key);
    for (const area of areaNames) {
      expect(fs.readFileSync(path.join(areasDir, `${area}.ts`), "utf8"), area).toMatch(/\nregisterArea\("zh-CN", zh\);\n/);
      expect(fs.readFileSync(path.join(root, "app/locales/areas-en", `${area}.ts`), "utf8"), area).toMatch(/\nregisterArea\("en", en\);\n/);
    }
    // every English area is in the English bundle, and no browser module imports one directly
    const english = fs.readFileSync(path.join(root, "app/locales/english.ts"), "utf8");
    for (const area of areaNames) expect(english, area).toContain(`from "./areas-en/${area}";`);
    for (const file of appModules()) expect(fs.readFileSync(file, "utf8"), path.relative(root, file)).not.toMatch(/locales\/areas-en\//);
  });

  it("the list of key namespaces the browser's check uses is complete and exact", () => {
    const namespaces = new Set(Object.keys(zhCN).map((k) => k.slice(0, k.indexOf("."))));
    expect([...keyNamespaces].sort()).toEqual([...namespaces].sort());
  });

  it("the base strings (loaded on every page) belong to no area", async () => {
    const owner = await keyAreas();
    for (const key of Object.keys(baseZh)) expect(owner.has(key), key).toBe(false);
  });
});
