import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en, zhCN } from "~/locales/all.server";
import { parseLocale, translator } from "~/utils/i18n";

describe("UI strings come from the resource files, Chinese first", () => {
  it("English has exactly the Chinese keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
  it("no translation is empty, and placeholders match", () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(zhCN[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(en[key]), key).toEqual(vars(zhCN[key]));
    }
  });
  it("what users read names the law, never the developers' references (DOMAIN.md sections, transition ids)", () => {
    for (const [key, value] of [...Object.entries(zhCN), ...Object.entries(en)]) {
      expect(value, key).not.toMatch(/DOMAIN\.md|\bT_[A-Z]|\bT\d+[a-z-]*\b(?![\s-]*(?:日|天))/u);
    }
  });
  it("Chinese is the default, English on request", () => {
    expect(parseLocale(undefined)).toBe("zh-CN");
    expect(parseLocale("fr")).toBe("zh-CN");
    expect(translator("en")("nav.login")).toBe("Log in");
    expect(translator("zh-CN")("nav.login")).toBe("登录");
    expect(translator("zh-CN")("session.expiring", { seconds: 90 })).toContain("90");
  });
  it("every error key a schema can return has a message", () => {
    const sources = ["app/domain/account.ts", "app/services/auth.server.ts", "app/services/form.server.ts", "app/domain/application-deadline.ts", "app/domain/periods.ts"].map((f) =>
      fs.readFileSync(path.resolve(__dirname, "../..", f), "utf8"),
    );
    const keys = new Set(sources.flatMap((s) => [...s.matchAll(/"(errors\.\w+)"/g)].map((m) => m[1])));
    expect(keys.size).toBeGreaterThan(10);
    for (const key of keys) expect(zhCN, key).toHaveProperty(key);
  });
  it("components and routes hold no hard-coded Chinese text (it belongs in app/locales)", () => {
    const dirs = ["app/routes", "app/components", "app/root.tsx"];
    const files: string[] = [];
    const walk = (p: string) => {
      const abs = path.resolve(__dirname, "../..", p);
      if (fs.statSync(abs).isDirectory()) for (const f of fs.readdirSync(abs)) walk(path.join(p, f));
      else if (/\.tsx$/.test(abs)) files.push(abs);
    };
    dirs.forEach(walk);
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8").replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
      expect(text.match(/[\u4e00-\u9fff]+/g), path.basename(file)).toBeNull();
    }
  });
});
