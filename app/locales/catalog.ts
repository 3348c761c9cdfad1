// The message tables the translator reads (app/utils/i18n.ts). The base strings (zh-CN.ts, en.ts: the page frame,
// navigation, common errors) are always here; each feature area (app/locales/areas/*.ts) adds its strings when a
// module imports it — `import "~/locales/areas/queue";` — so the browser downloads only the areas of the pages it
// opens. The server imports every area (app/locales/all.server.ts, imported by i18n.ts; the client build replaces
// that module with an empty one). tests/unit/i18n-areas.test.ts checks that every module naming a key of an area
// imports that area.
import { baseEn } from "./en";
import { baseZh } from "./zh-CN";

export type Messages = Record<string, string>;

export const catalog: { "zh-CN": Messages; en: Messages } = { "zh-CN": { ...baseZh }, en: { ...baseEn } };

/** Adds one area's strings (both languages, the same keys) to the tables. Called once by each area module. */
export function registerArea(zh: Messages, en: Messages): void {
  Object.assign(catalog["zh-CN"], zh);
  Object.assign(catalog.en, en);
}

/** The first segment of every key ("queue" of "queue.title"): a string t() is given that starts with one of these and
 * has no message is a key whose area the page forgot to import (tests/unit/i18n.test.ts keeps the list complete). */
export const keyNamespaces: ReadonlySet<string> = new Set(
  ("acceptance account admin agency app apply cases center checks committee competent compliance court deadlines decision " +
    "documents drafts dueDate enrol error errors guide home intake invite kind lang letters level login mediation member mh " +
    "nav notifications notify overdue performance procedure publication queue receipt register reply role session staff " +
    "stats team tools twoFactor uploads verify workspace").split(" "),
);
