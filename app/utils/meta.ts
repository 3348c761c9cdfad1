import type { MetaFunction } from "@remix-run/node";
import type { MessageKey } from "~/locales/zh-CN";
import { parseLocale, translator } from "./i18n";

/** A route's <title>, in the visitor's language (read from the root loader's data). */
export function titleMeta(key: MessageKey): MetaFunction {
  return ({ matches }) => {
    const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
    const t = translator(parseLocale(root?.locale));
    return [{ title: `${t(key)} - ${t("app.shortName")}` }];
  };
}
