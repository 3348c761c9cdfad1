import { describe, expect, it } from "vitest";
import { clearSessionCookie, sessionCookie, sessionCookieName } from "~/services/session.server";
import { isLegacyDataRequest, isSameOrigin, newToken, randomBytesPooled, securityHeaders, tokensEqual } from "~/utils/http.server";

describe("security headers", () => {
  it("CSP carries the nonce for Remix's inline scripts and forbids framing", () => {
    const h = securityHeaders("abc123", false);
    expect(h["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123'");
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });
  it("HSTS only over https", () => {
    expect(securityHeaders("n", false)).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders("n", true)["Strict-Transport-Security"]).toMatch(/max-age=\d{7,}/);
  });
});

describe("session cookie", () => {
  it("is __Host- prefixed and Secure in production, HttpOnly and SameSite=Lax always", () => {
    expect(sessionCookieName(true)).toBe("__Host-imr_session");
    const prod = sessionCookie("tok", true);
    expect(prod).toMatch(/^__Host-imr_session=tok; Path=\//);
    for (const attr of ["HttpOnly", "SameSite=Lax", "Secure"]) expect(prod).toContain(attr);
    const dev = sessionCookie("tok", false);
    expect(dev).toMatch(/^imr_session=tok;/);
    expect(dev).toContain("HttpOnly");
    expect(dev).not.toContain("Secure");
    expect(clearSessionCookie(true)).toContain("Max-Age=0");
  });
});

describe("CSRF helpers", () => {
  it("same origin by Origin, else by Referer; nothing → refused", () => {
    const me = "http://localhost:3000";
    expect(isSameOrigin(me, "http://localhost:3000", null)).toBe(true);
    expect(isSameOrigin(me, "http://evil.example", "http://localhost:3000/x")).toBe(false);
    expect(isSameOrigin(me, null, "http://localhost:3000/login")).toBe(true);
    expect(isSameOrigin(me, null, "http://localhost:3000.evil.example/")).toBe(false);
    expect(isSameOrigin(me, "null", null)).toBe(false);
    expect(isSameOrigin(me, null, null)).toBe(false);
  });
  it("token comparison", () => {
    expect(tokensEqual("abc", "abc")).toBe(true);
    expect(tokensEqual("abc", "abd")).toBe(false);
    expect(tokensEqual("", "")).toBe(false);
    expect(tokensEqual(undefined, "a")).toBe(false);
  });
});

describe("isLegacyDataRequest (issue 8 R1: `?_data=` is refused before Remix)", () => {
  it("finds _data anywhere in the query string, with or without a value", () => {
    expect(isLegacyDataRequest("/staff/queue?_data=routes%2Fstaff.queue")).toBe(true);
    expect(isLegacyDataRequest("/?a=1&_data=root")).toBe(true);
    expect(isLegacyDataRequest("/login?_data")).toBe(true);
    expect(isLegacyDataRequest("/login?_DATA=root")).toBe(true);
  });
  it("leaves every other URL alone, including .data (single fetch) and a value that mentions _data", () => {
    expect(isLegacyDataRequest("/staff/queue")).toBe(false);
    expect(isLegacyDataRequest("/staff/queue.data")).toBe(false);
    expect(isLegacyDataRequest("/public/decisions?q=_data")).toBe(false);
    expect(isLegacyDataRequest("/x?data=1")).toBe(false);
  });
});

describe("pooled random bytes (nonces, tokens)", () => {
  it("hands out each byte once: 10,000 nonces across several pool refills are all different and of full length", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const b = randomBytesPooled(16);
      expect(b.length).toBe(16);
      seen.add(b.toString("hex"));
    }
    expect(seen.size).toBe(10_000);
  });
  it("large requests bypass the pool; tokens are base64url of the asked size", () => {
    expect(randomBytesPooled(2048).length).toBe(2048);
    expect(newToken()).toMatch(/^[\w-]{43}$/);
    expect(newToken(24)).toMatch(/^[\w-]{32}$/);
  });
});
