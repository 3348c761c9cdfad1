// "我还来得及申请行政复议吗?": the citizen's question as a form schema and a pure computation (Art. 20, DOMAIN.md 1.20–1.22).
// Told of the right → 60 days from learning of the act; not told → 60 days from learning of the right, the organ and
// the period, but never later than one year from learning of the act. Error messages are i18n keys (app/locales).
// zod/mini (same package, functional API): the filing pages reach this module and ship no classic zod.
import * as z from "zod/mini";
import { isoDate, parseIsoDate, SUPPORTED_YEARS, type Calendar, type IsoDate } from "./calendar";
import { computeDue, type DueSettings, type ExplanationStep } from "./periods";

type DateCheck = { ok: true; date: IsoDate } | { ok: false; error: string };

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

function dateField(requiredKey: string, today: IsoDate) {
  return z.pipe(
    z.string({ error: requiredKey }).check(z.maxLength(40, "errors.dateFormat"), z.trim(), z.minLength(1, requiredKey)),
    z.transform((value: string, ctx) => {
      const checked = parseDateInput(value, today);
      if (checked.ok) return checked.date;
      ctx.issues.push({ code: "custom", message: checked.error, input: value });
      return z.NEVER;
    }),
  );
}

/** The form of /tools/application-deadline. `today` (Asia/Shanghai) bounds the dates: nobody learns of an act tomorrow. */
export function applicationDeadlineSchema(today: IsoDate) {
  const answers = z
    .object({
      learnedOn: dateField("errors.learnedOnRequired", today),
      informed: z.enum(["yes", "no"], { error: "errors.informedRequired" }),
      rightLearnedOn: z.optional(dateField("errors.rightLearnedOnRequired", today)),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.informed === "no" && v.rightLearnedOn && v.rightLearnedOn < v.learnedOn) {
          ctx.addIssue({ code: "custom", path: ["rightLearnedOn"], message: "errors.rightBeforeAct" });
        }
      }),
    );
  const fields = z.pipe(
    answers,
    z.transform((v: z.output<typeof answers>) => ({
      learnedOn: v.learnedOn,
      informed: v.informed === "yes",
      rightLearnedOn: v.informed === "no" ? (v.rightLearnedOn ?? null) : null,
    })),
  );
  // The second date is required when the organ did not tell (a missing one is an empty answer, so that its error shows
  // with the others) and ignored otherwise. (zod/mini has no z.preprocess: a transform piped into the schema is the same.)
  return z.pipe(
    z.transform((raw: unknown) => {
      if (!raw || typeof raw !== "object") return raw;
      const { rightLearnedOn, ...rest } = raw as Record<string, unknown>;
      return rest.informed === "no" ? { ...rest, rightLearnedOn: rightLearnedOn ?? "" } : rest;
    }),
    fields,
  );
}

export type ApplicationDeadlineInput = z.output<ReturnType<typeof applicationDeadlineSchema>>;

export interface ApplicationDeadline {
  due: IsoDate;
  provisional: boolean;
  /** "informed": 60 days from learning of the act; "uninformed": 60 days from learning of the right; "uninformed_capped": the one-year cap. */
  rule: "informed" | "uninformed" | "uninformed_capped";
  /** Today is after the last day. */
  passed: boolean;
  /** Calendar days from today to the last day (0: today is the last day; negative: passed). */
  daysLeft: number;
  explanation: ExplanationStep[];
}

export function computeApplicationDeadline(input: ApplicationDeadlineInput, calendar: Calendar, settings: DueSettings, today: IsoDate): ApplicationDeadline {
  const finish = (due: IsoDate, provisional: boolean, rule: ApplicationDeadline["rule"], explanation: ExplanationStep[]): ApplicationDeadline => {
    const daysLeft = parseIsoDate(due)! - parseIsoDate(today)!;
    return { due, provisional, rule, passed: daysLeft < 0, daysLeft, explanation };
  };
  if (input.informed || !input.rightLearnedOn) {
    const r = computeDue("application", input.learnedOn, calendar, settings);
    return finish(r.due, r.provisional, "informed", r.explanation);
  }
  const sixty = computeDue("application", input.rightLearnedOn, calendar, settings);
  const cap = computeDue("application_uninformed", input.learnedOn, calendar, settings);
  const capped = cap.due < sixty.due;
  const chosen = capped ? cap : sixty;
  return finish(chosen.due, chosen.provisional, capped ? "uninformed_capped" : "uninformed", [
    { step: "section", period: "application" },
    ...sixty.explanation,
    { step: "section", period: "application_uninformed" },
    ...cap.explanation,
    { step: "earlier_of", candidates: [sixty.due, cap.due], due: chosen.due, basis: cap.basis.split("；")[0] },
  ]);
}
