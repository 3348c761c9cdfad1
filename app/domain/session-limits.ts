// Session rule: idle timeout by kind of user, absolute lifetime for all; the page frame warns before the idle timeout.
// (Its own module so that the page frame loads no validation code with it; app/domain/account.ts re-exports it.)
export const SESSION_LIMITS = { citizenIdleMinutes: 30, staffIdleMinutes: 15, absoluteHours: 12, warnBeforeSeconds: 120 } as const;
