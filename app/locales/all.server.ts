// Every message of the UI, on the server: importing this module registers all areas (app/locales/catalog.ts), so
// server-rendered pages, e-mails and documents can use any key. The client build replaces `.server` modules with
// empty ones: there each route and component imports the areas it uses. Also the full tables, for tests and tools.
import { areasEn, areasZh } from "./areas/index";
import { baseEn } from "./en";
import { baseZh, type MessageKey } from "./zh-CN";

export const zhCN: Record<MessageKey, string> = { ...baseZh, ...areasZh };
export const en: Record<MessageKey, string> = { ...baseEn, ...areasEn };
