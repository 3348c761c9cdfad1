// The API paths that authenticate by `Authorization: Bearer <key>` alone, never by cookie: a forged browser request
// carries no key, so the server's same-origin check for forms (app/server.ts) lets their POSTs through. Exact paths
// only: a prefix would also let through "/api/v1/intake/../../center/new", which the URL parser folds to a form's route.
const keyAuthenticatedPosts = new Set(["/api/v1/intake"]);

export function isKeyAuthenticatedApiPath(path: string): boolean {
  return keyAuthenticatedPosts.has(path);
}
