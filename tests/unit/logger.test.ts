import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readConfig } from "~/config.server";
import { createLogger } from "~/logger.server";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(stream as never, "debug"), lines };
}

describe("logging: structured JSON, never a password, token, ID number or phone", () => {
  it("writes one JSON object per line with level, time and message", () => {
    const { logger, lines } = capture();
    logger.info({ requestId: "r-1", status: 200 }, "request");
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 30, msg: "request", requestId: "r-1", status: 200, service: "im-portal" });
    expect(typeof entry.time).toBe("string");
  });
  it("masks personal data in messages and fields, drops secret fields", () => {
    const { logger, lines } = capture();
    logger.warn({ phone: "13912345678", body: { password: "Steppe-Wind-2026", note: "身份证 150102199003071234" }, token: "abc.def" }, "user 13912345678 failed");
    logger.error({ err: new Error("duplicate key li@example.com") }, "insert failed");
    const text = lines.join("\n");
    for (const secret of ["13912345678", "Steppe-Wind-2026", "150102199003071234", "abc.def", "li@example.com"]) expect(text).not.toContain(secret);
    expect(text).toContain("[手机号已隐藏]");
  });
});

describe("configuration", () => {
  it("demo accounts are never seeded in production", () => {
    expect(readConfig({ NODE_ENV: "production" }).seedDemo).toBe(false);
    expect(readConfig({ NODE_ENV: "production", SEED_DEMO: "1" }).seedDemo).toBe(false);
    expect(readConfig({}).seedDemo).toBe(true);
  });
  it("PORT overrides 3000; DATABASE_URL selects PostgreSQL", () => {
    expect(readConfig({}).port).toBe(3000);
    expect(readConfig({ PORT: "8080" }).port).toBe(8080);
    expect(readConfig({}).databaseUrl).toBeUndefined();
    expect(readConfig({ DATABASE_URL: "postgres://x@h/db" }).databaseUrl).toBe("postgres://x@h/db");
  });
});
