// The message tables the translator reads (app/utils/i18n.ts). The Chinese base strings (zh-CN.ts: the page frame,
// navigation, common errors) are always here; each feature area (app/locales/areas/*.ts) adds its Chinese when a
// module imports it — `import "~/locales/areas/queue";` — so the browser downloads only the areas of the pages it
// opens. English (en.ts and app/locales/areas-en/*.ts) is registered all at once by english.ts, which the browser
// loads only for an English page. The server imports everything (app/locales/all.server.ts, imported by i18n.ts;
// the client build replaces that module with an empty one). tests/unit/i18n-areas.test.ts checks that every module
// naming a key of an area imports that area.
import { baseZh } from "./zh-CN";

export type Messages = Record<string, string>;

export const catalog: { "zh-CN": Messages; en: Messages } = { "zh-CN": { ...baseZh }, en: {} };

/** Adds strings of one language to its table. Called once by each area module and by english.ts. */
export function registerArea(locale: "zh-CN" | "en", messages: Messages): void {
  Object.assign(catalog[locale], messages);
}

/** The first segment of every key ("queue" of "queue.title"): a string t() is given that starts with one of these and
 * has no message is a key whose area the page forgot to import (tests/unit/i18n.test.ts keeps the list complete). */
export const keyNamespaces: ReadonlySet<string> = new Set(
  ("acceptance account admin agency app apply cases center checks committee competent compliance court deadlines decision " +
    "documents drafts dueDate enrol error errors guide home intake invite kind lang letters level login mediation member mh " +
    "nav notifications notify overdue performance procedure publication queue receipt register reply role session staff " +
    "stats team tools twoFactor uploads verify workspace").split(" "),
);
