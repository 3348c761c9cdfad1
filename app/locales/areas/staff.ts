// UI text of the "staff" area: Chinese first; English under the same keys.
export const zh = {
  "staff.placeholder": "占位",
} as const;

export const en: Record<keyof typeof zh, string> = {
  "staff.placeholder": "Placeholder",
};
