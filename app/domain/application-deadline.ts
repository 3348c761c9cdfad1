// "我还来得及申请行政复议吗?": the citizen's question as a form schema and a pure computation (Art. 20, DOMAIN.md 1.20–1.22).
// Told of the right → 60 days from learning of the act; not told → 60 days from learning of the right, the organ and
// the period, but never later than one year from learning of the act. Error messages are i18n keys (app/locales).
// zod/mini (same package, functional API): the filing pages reach this module and ship no classic zod.
import * as z from "zod/mini";
import { parseIsoDate, type Calendar, type IsoDate } from "./calendar";
import { parseDateInput } from "./date-input";
import { computeDue, type DueSettings, type ExplanationStep } from "./periods";

export { parseDateInput };

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
