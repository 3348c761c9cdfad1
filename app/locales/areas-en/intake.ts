// English UI text of the "intake" area, under the keys of app/locales/areas/intake.ts (the Chinese). Loaded in the browser
// only when the page is in English (app/locales/english.ts).
import { registerArea } from "../catalog";
import type { zh } from "../areas/intake";

export const en: Record<keyof typeof zh, string> = {
  "intake.errors.missingKey": "API key missing: send the header Authorization: Bearer <key>",
  "intake.errors.invalidKey": "Invalid API key",
  "intake.errors.revokedKey": "The API key has been revoked; ask the portal's administrator for a new one",
  "intake.errors.rateLimited": "Too many requests: retry in {seconds} seconds",
  "intake.errors.tooLarge": "The body is too large (at most {kb} KB)",
  "intake.errors.invalidJson": "The body is not valid JSON (Content-Type: application/json)",
  "intake.errors.invalidBody": "The body is invalid: correct each field as `fields` says",
  "intake.errors.conflict": "This externalRef was used for an item with a different body; a retry must send the same body, a new item needs a new reference",
  "intake.errors.notFound": "This client sent no item with this reference",
  "intake.errors.methodNotAllowed": "This address accepts POST only",
  "intake.errors.unavailable": "The item could not be registered just now: retry later, and tell the portal's administrator if it persists",
  "intake.errors.refused": "Registration refused: {reason}",
  "intake.errors.externalRef": "Give the item's reference: 1–64 letters, digits or . _ : -, starting with a letter or digit",
  "intake.errors.channel": "Give the source: hotline_12345, national_platform or petition_office",
  "intake.errors.parties": "Give the parties: the applicant and the otherParty",
  "intake.errors.unknownField": "Unknown field: remove it",
  "intake.errors.required": "Required",
  "intake.errors.invalid": "Wrong format",
};

registerArea("en", en);
