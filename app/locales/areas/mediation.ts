// UI text of the "mediation" area: Chinese first; English under the same keys.
export const zh = {
  "mediation.placeholder": "占位",
} as const;

export const en: Record<keyof typeof zh, string> = {
  "mediation.placeholder": "Placeholder",
};
