// English UI text of the "deadlines" area, under the keys of app/locales/areas/deadlines.ts (the Chinese). Loaded in the browser
// only when the page is in English (app/locales/english.ts).
import { registerArea } from "../catalog";
import type { zh } from "../areas/deadlines";

export const en: Record<keyof typeof zh, string> = {
  "deadlines.none": "No period is running.",
  "deadlines.start": "Counted from the day after {date}",
  "deadlines.paused": "Paused",
};

registerArea("en", en);
