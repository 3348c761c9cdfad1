// Every message of the UI, on the server: importing this module registers all areas in both languages
// (app/locales/catalog.ts), so server-rendered pages, e-mails and documents can use any key. The client build
// replaces `.server` modules with empty ones: there each route and component imports the (Chinese) areas it uses,
// and English is loaded as a whole when the page is English (english.ts). Also the full tables, for tests and tools.
import { areasZh } from "./areas/index";
import { baseEn } from "./en";
import { areasEn } from "./english";
import { baseZh, type MessageKey } from "./zh-CN";

export const zhCN: Record<MessageKey, string> = { ...baseZh, ...areasZh };
export const en: Record<MessageKey, string> = { ...baseEn, ...areasEn };
