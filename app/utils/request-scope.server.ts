// One store per HTTP request, for work that several loaders of the same request would otherwise repeat (the session
// lookup: the root loader and the route's guard both need it). Remix hands every loader its own copy of the Request
// (server-runtime strips `index` / `_routes` into a new Request), so a cache keyed by the Request object never hits;
// an AsyncLocalStorage entered by the Express layer (app/server.ts) spans the whole request instead. app/server.ts and
// the Remix build are bundled separately, so the instance lives on globalThis under a registered symbol: both bundles
// must see the same one. Outside a request (tests calling loaders directly, jobs) there is no store and nothing is kept.
import { AsyncLocalStorage } from "node:async_hooks";

type Scope = Map<string, unknown>;
const KEY = Symbol.for("imr.requestScope");

function storage(): AsyncLocalStorage<Scope> {
  const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<Scope> | undefined>;
  return (holder[KEY] ??= new AsyncLocalStorage<Scope>());
}

/** Runs `fn` (an Express `next`, a test) with a fresh per-request store. */
export function runInRequestScope<T>(fn: () => T): T {
  return storage().run(new Map(), fn);
}

/** The store of the request being handled, or undefined outside one. */
export function currentRequestScope(): Scope | undefined {
  return storage().getStore();
}
