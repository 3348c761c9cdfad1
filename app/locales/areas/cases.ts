// UI text of the "cases" area: Chinese first; English under the same keys.
export const zh = {
  "cases.placeholder": "占位",
} as const;

export const en: Record<keyof typeof zh, string> = {
  "cases.placeholder": "Placeholder",
};
