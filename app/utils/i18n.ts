// Message lookup for the two UI languages. Simplified Chinese first, English second.
// The tables hold the base strings and the areas imported so far (app/locales/catalog.ts): on the server all of them
// (all.server.ts, below), in the browser those of the routes and components it has loaded.
import { useRouteLoaderData } from "@remix-run/react";
import "~/locales/all.server";
import { catalog, keyNamespaces } from "~/locales/catalog";
import type { MessageKey } from "~/locales/zh-CN";

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const LOCALE_COOKIE = "imr_lang";

export type Translate = (key: MessageKey | (string & {}), vars?: Record<string, string | number>) => string;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalog["zh-CN"], key);
}

const looksLikeKey = (s: string) => /^[a-zA-Z][\w-]*(?:\.[\w-]+)+$/.test(s) && keyNamespaces.has(s.slice(0, s.indexOf(".")));
const reported = new Set<string>();

export function translator(locale: Locale): Translate {
  const dict = catalog[locale] ?? catalog["zh-CN"];
  return (key, vars) => {
    const known = isMessageKey(key);
    // A key whose area this page did not import would show as the key itself: say so (the browser suite fails on
    // console errors; tests/unit/i18n-areas.test.ts catches the literal ones before that).
    if (!known && typeof document !== "undefined" && looksLikeKey(key) && !reported.has(key)) {
      reported.add(key);
      console.error(`i18n: no message for "${key}" on this page (its area is not imported)`);
    }
    // an English page whose English has not arrived yet (it is loaded before hydration) falls back to Chinese
    const template = known ? (dict[key] ?? catalog["zh-CN"][key]) : key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
  };
}

export function parseLocale(value: string | null | undefined): Locale {
  return value === "en" ? "en" : "zh-CN";
}

/** The locale chosen by cookie; Chinese unless the visitor switched. */
export function localeFromRequest(request: Request): Locale {
  const cookie = request.headers.get("cookie") ?? "";
  const match = cookie.match(/(?:^|;\s*)imr_lang=([^;]+)/);
  return parseLocale(match?.[1]);
}

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "zh-CN";
}

export function useT(): Translate {
  return translator(useLocale());
}
