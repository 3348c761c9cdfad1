// UI text of the "guide" area: Chinese first; English under the same keys.
export const zh = {
  "guide.placeholder": "占位",
} as const;

export const en: Record<keyof typeof zh, string> = {
  "guide.placeholder": "Placeholder",
};
