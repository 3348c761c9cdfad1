// Message lookup for the two UI languages. Simplified Chinese first, English second.
import { useRouteLoaderData } from "@remix-run/react";
import { en } from "~/locales/en";
import { zhCN, type MessageKey } from "~/locales/zh-CN";

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const LOCALE_COOKIE = "imr_lang";

const dictionaries: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export type Translate = (key: MessageKey | (string & {}), vars?: Record<string, string | number>) => string;

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale] ?? zhCN;
  return (key, vars) => {
    const template = isMessageKey(key) ? dict[key] : key;
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
