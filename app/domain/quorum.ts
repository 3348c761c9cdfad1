// The committee's quorum rules (DOMAIN.md 6.23: the rule is not published; a setting, by default more than half).
// On its own so that the settings' schema (which every filing page reaches through the deadline rules) does not load
// the committee's consultation record with it; consultation-record.ts re-exports these.

export const quorumRules = ["majority", "two_thirds", "all"] as const;
export type QuorumRule = (typeof quorumRules)[number];
