// The session rule on its own, without the account forms' schemas: root.tsx (every page) reads it for the timeout
// warning, and no page should load zod for that. account.ts re-exports it.

/** Session rule: idle timeout by kind of user, absolute lifetime for all. */
export const SESSION_LIMITS = { citizenIdleMinutes: 30, staffIdleMinutes: 15, absoluteHours: 12, warnBeforeSeconds: 120 } as const;
