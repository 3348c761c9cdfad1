// Feature areas of the UI text. Each area file exports `zh` (Simplified Chinese, the default) and `en` with the same
// keys (`en` is typed against `zh`, so a missing English string fails the type check and tests/unit/i18n.test.ts).
import * as apply from "./apply";
import * as cases from "./cases";
import * as guide from "./guide";
import * as mediation from "./mediation";
import * as queue from "./queue";
import * as staff from "./staff";
import * as uploads from "./uploads";

export const areasZh = { ...guide.zh, ...apply.zh, ...mediation.zh, ...cases.zh, ...staff.zh, ...uploads.zh, ...queue.zh };
export const areasEn: Record<keyof typeof areasZh, string> = { ...guide.en, ...apply.en, ...mediation.en, ...cases.en, ...staff.en, ...uploads.en, ...queue.en };
