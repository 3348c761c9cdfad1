// Dates as citizens type them, checked. On its own (with only the calendar's date arithmetic) so that the application
// forms, which read dates, do not load the period rules of application-deadline.ts / periods.ts in the browser.
import { isoDate, parseIsoDate, SUPPORTED_YEARS, type IsoDate } from "./calendar";

export type DateCheck = { ok: true; date: IsoDate } | { ok: false; error: string };

/**
 * A date as people type it: "2026-03-02", "2026/3/2", "2026.3.2" or "2026年3月2日". Not after `today`, within
 * SUPPORTED_YEARS, and a day that exists.
 */
export function parseDateInput(raw: string, today: IsoDate): DateCheck {
  const m = raw.trim().match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u);
  if (!m) return { ok: false, error: "errors.dateFormat" };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < SUPPORTED_YEARS.first || year > SUPPORTED_YEARS.last) return { ok: false, error: "errors.dateOutOfRange" };
  const dn = parseIsoDate(`${m[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
  if (dn === null) return { ok: false, error: "errors.dateNotExist" };
  const date = isoDate(dn);
  if (date > today) return { ok: false, error: "errors.dateFuture" };
  return { ok: true, date };
}

