// Small HTTP helpers shared by the Express server and the Remix app: origins, tokens, CSP.
import crypto from "node:crypto";

export function newToken(bytes = 32): string {
  return randomBytesPooled(bytes).toString("base64url");
}

/**
 * Bytes from the system's CSPRNG, drawn from a pool filled 4 KiB at a time (as Node's own crypto.randomUUID does):
 * a request asks for a CSP nonce and often a token, and on these machines each crypto.randomBytes call was a system
 * call costing about 1 % of a page's CPU (issue 8). Every byte is handed out once; the pool is refilled when spent.
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = POOL_SIZE;
export function randomBytesPooled(bytes: number): Buffer {
  if (bytes > POOL_SIZE / 4) return crypto.randomBytes(bytes);
  if (poolOffset + bytes > pool.length) {
    pool = crypto.randomFillSync(Buffer.allocUnsafe(POOL_SIZE));
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + bytes));
  poolOffset += bytes;
  return out;
}

export function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

export function requestOrigin(protocol: string, host: string): string {
  return `${protocol}://${host}`.toLowerCase();
}

/** True when the Origin header (or, without one, the Referer) names the expected origin. */
/** A pre-single-fetch Remix data request (`?_data=<route id>`), in any case or position of the query string. */
export function isLegacyDataRequest(originalUrl: string): boolean {
  const q = originalUrl.indexOf("?");
  if (q < 0) return false;
  return [...new URLSearchParams(originalUrl.slice(q + 1)).keys()].some((key) => key.toLowerCase() === "_data");
}

export function isSameOrigin(expected: string, origin: string | undefined | null, referer: string | undefined | null): boolean {
  if (origin && origin !== "null") return origin.toLowerCase() === expected;
  if (referer) {
    try {
      return new URL(referer).origin.toLowerCase() === expected;
    } catch {
      return false;
    }
  }
  return false;
}

export function anonymousCsrfCookieName(production: boolean): string {
  return production ? "__Host-imr_csrf" : "imr_csrf";
}

export function contentSecurityPolicy(nonce: string, _production: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Timing-safe comparison of two tokens. */
export function tokensEqual(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The security headers of every response; HSTS only when the request came over https. */
export function securityHeaders(nonce: string, secure: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, secure),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(secure ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
