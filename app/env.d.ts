/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
    /** Double-submit CSRF token for visitors without a session (cookie set by the server). */
    anonymousCsrf: string;
    production: boolean;
  }
}
