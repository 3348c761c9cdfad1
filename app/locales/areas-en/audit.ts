// English UI text of the "audit" area, under the keys of app/locales/areas/audit.ts (the Chinese). Loaded in the browser
// only when the page is in English (app/locales/english.ts).
import { registerArea } from "../catalog";
import type { zh } from "../areas/audit";

export const en: Record<keyof typeof zh, string> = {
  "admin.audit.title": "Audit log verification",
  "admin.audit.heading": "Audit log verification",
  "admin.audit.lead": "Every record of the audit log is linked to the one before by its hash. A verification recomputes every hash: a record altered or deleted shows at the first record that does not match. Every verification (this page's button or the npm run audit:verify command) is recorded.",
  "admin.audit.last": "Last verification",
  "admin.audit.none": "Not verified yet.",
  "admin.audit.ok": "Intact: {rows} records verified",
  "admin.audit.broken": "Broken at record {id}: {reason} ({rows} records before it verified)",
  "admin.audit.reason.hash": "its contents do not match its hash (the record was altered)",
  "admin.audit.reason.link": "its link does not match the record before (an earlier record was altered or deleted)",
  "admin.audit.run": "Verify now",
  "admin.audit.runHint": "With many records a verification takes a while.",
  "admin.audit.done": "Verified, and the verification recorded.",
  "admin.audit.history": "Verifications",
  "admin.audit.col.when": "When",
  "admin.audit.col.by": "By",
  "admin.audit.col.result": "Result",
  "admin.audit.byWeb": "{name} (on this page)",
  "admin.audit.byCli": "command {command}",
};

registerArea("en", en);
