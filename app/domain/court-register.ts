// The register of administrative lawsuits against an organ and of who appeared for it in court (行政机关负责人出庭应诉,
// issue 7 req. 2; DOMAIN.md 14.01–14.11): one entry per instance (审级) with its hearings. The head appearance rate is
// computed from these entries by app/domain/statistics.ts (countInstance, headAppearanceRate); this module holds the
// form's one zod schema (client and server) and the rules an entry must satisfy. Messages are i18n keys ("court.errors.*").
import * as z from "zod/mini";
import { preprocess } from "./preprocess";
import { noControlChars } from "./application";
import type { IsoDate } from "./machines/common";
import { appearanceRoles, countInstance, lawsuitInstances, qualifyingHeadRoles, type AppearanceRole, type CourtInstance, type LawsuitInstance } from "./statistics";
import "~/locales/areas/court";

export { appearanceRoles, lawsuitInstances, qualifyingHeadRoles };
export type { AppearanceRole, LawsuitInstance };

/** Hearing rows on the form (a plain form without JavaScript: blank rows are ignored). */
export const HEARING_ROWS = 4;

/** Who may keep an organ's register: its legal staff (the agency user), the reconsideration office, the head; admins. */
export const courtRegisterRoles = ["respondent_agent", "reconsideration_staff", "office_head", "admin"] as const;

const text = (key: string, max: number) => z.string({ error: key }).check(z.trim(), z.minLength(1, key), z.maxLength(max, key), z.refine(noControlChars, key));
const optionalText = (key: string, max: number) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, key), z.refine(noControlChars, key))),
    z.transform((v: string | undefined) => (v ? v : null)),
  );
const isoDay = (key: string) =>
  z.string({ error: key }).check(
    z.trim(),
    z.regex(/^\d{4}-\d{2}-\d{2}$/, key),
    z.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), key),
  );

/** A court case number (案号) as courts print it: （2026）内01行初12号 — brackets, a court code, 行初/行终/行再/行申 and a serial. */
export const lawsuitNumberPattern = /^[（(]\d{4}[）)][\u4e00-\u9fa5A-Za-z0-9]{1,12}行(初|终|再|申|赔初|赔终)\d{1,6}号$/;

const HearingSchema = z.object({
  on: isoDay("court.errors.hearingDate"),
  appeared: z.pipe(
    z.union([z.enum(appearanceRoles), z.literal("none")], { error: "court.errors.appeared" }),
    z.transform((v: AppearanceRole | "none") => (v === "none" ? null : v)),
  ),
  appearedName: optionalText("court.errors.appearedName", 50),
  headRenotified: z._default(z.boolean(), false),
});
export type HearingInput = z.output<typeof HearingSchema>;

/**
 * The form as posted: flat fields (hearing1On, hearing1Appeared, hearing1Name, hearing1Renotified, …) folded into the
 * list of hearings; rows without a date are left out.
 */
function foldHearings(raw: unknown): unknown {
  if (!raw || typeof raw !== "object") return raw;
  const r = raw as Record<string, unknown>;
  if (Array.isArray(r.hearings)) return raw;
  const hearings: Record<string, unknown>[] = [];
  for (let i = 1; i <= HEARING_ROWS; i++) {
    const on = typeof r[`hearing${i}On`] === "string" ? (r[`hearing${i}On`] as string).trim() : "";
    if (!on) continue;
    hearings.push({
      on,
      appeared: r[`hearing${i}Appeared`] ?? "",
      appearedName: r[`hearing${i}Name`] ?? "",
      headRenotified: r[`hearing${i}Renotified`] === "on" || r[`hearing${i}Renotified`] === "yes" || r[`hearing${i}Renotified`] === true,
    });
  }
  return { ...r, hearings };
}

/**
 * One instance of a lawsuit. The rules, each with its source:
 * - the instance is one of first, second, retrial, each registered separately (SPC 2020 Art. 7(2), 14.04); a second
 *   instance or retrial names the first instance's case number, so the instances of one suit stay together;
 * - hearings (开庭) lie on or after the day the suit or appeal was served, and none in the future;
 * - where the instance was heard in court and no qualifying head (SPC 2020 Art. 2, 14.02) appeared, the organ records
 *   why (SPC 2020 Arts. 8–9: just reasons with proof; 14.05) — the register is where the absence is accounted for.
 */
export function courtInstanceSchema(today: IsoDate) {
  return preprocess(
    foldHearings,
    z
      .object({
        organId: z.uuid({ error: "court.errors.organ" }),
        court: text("court.errors.court", 100),
        lawsuitNumber: z.pipe(
          z.pipe(
            z.string({ error: "court.errors.lawsuitNumber" }).check(z.trim()),
            z.transform((v: string) => v.replace(/\s+/g, "")),
          ),
          z.string().check(z.regex(lawsuitNumberPattern, "court.errors.lawsuitNumber")),
        ),
        firstInstanceNumber: z
          .pipe(
            z.optional(z.string().check(z.trim())),
            z.transform((v: string | undefined) => (v ? v.replace(/\s+/g, "") : null)),
          )
          .check(z.refine((v) => v === null || lawsuitNumberPattern.test(v), "court.errors.firstInstanceNumber")),
        instance: z.enum(lawsuitInstances, { error: "court.errors.instance" }),
        cause: text("court.errors.cause", 200),
        registeredOn: isoDay("court.errors.registeredOn"),
        hearings: z.array(HearingSchema).check(z.maxLength(HEARING_ROWS, "court.errors.hearingDate")),
        absenceReason: optionalText("court.errors.absenceReason", 500),
      })
      .check(
        z.superRefine((v, ctx) => {
          if (v.registeredOn > today) ctx.addIssue({ code: "custom", path: ["registeredOn"], message: "court.errors.future" });
          if (v.instance !== "first" && !v.firstInstanceNumber)
            ctx.addIssue({ code: "custom", path: ["firstInstanceNumber"], message: "court.errors.firstInstanceNumber" });
          if (v.instance === "first" && v.firstInstanceNumber && v.firstInstanceNumber !== v.lawsuitNumber)
            ctx.addIssue({ code: "custom", path: ["firstInstanceNumber"], message: "court.errors.firstOnFirst" });
          v.hearings.forEach((h, i) => {
            if (h.on > today) ctx.addIssue({ code: "custom", path: [`hearing${i + 1}On`], message: "court.errors.future" });
            else if (h.on < v.registeredOn) ctx.addIssue({ code: "custom", path: [`hearing${i + 1}On`], message: "court.errors.hearingBeforeRegistered" });
            if (h.appeared !== null && !h.appearedName) ctx.addIssue({ code: "custom", path: [`hearing${i + 1}Name`], message: "court.errors.appearedName" });
          });
          const counted = countInstance(toCourtInstance({ id: "", ...v }));
          if (counted.counted && !counted.appeared && !v.absenceReason)
            ctx.addIssue({ code: "custom", path: ["absenceReason"], message: "court.errors.absenceReason" });
        }),
      ),
  );
}
export type CourtInstanceInput = z.output<ReturnType<typeof courtInstanceSchema>>;

/** A register entry as statistics.ts counts it. */
export function toCourtInstance(e: {
  id: string;
  organId: string | null;
  lawsuitNumber: string;
  firstInstanceNumber: string | null;
  instance: LawsuitInstance;
  registeredOn: IsoDate;
  hearings: readonly { on: IsoDate; appeared: AppearanceRole | null; headRenotified?: boolean }[];
}): CourtInstance {
  return {
    id: e.id,
    organId: e.organId,
    lawsuitId: e.firstInstanceNumber ?? e.lawsuitNumber,
    instance: e.instance,
    registeredOn: e.registeredOn,
    hearings: e.hearings.map((h) => ({ on: h.on, appeared: h.appeared, headRenotified: h.headRenotified ?? false })),
  };
}

/** The hearings column as stored (jsonb), read defensively: unknown roles count as nobody qualifying. */
export function storedHearings(value: unknown): { on: IsoDate; appeared: AppearanceRole | null; appearedName: string | null; headRenotified: boolean }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((h) => {
    if (!h || typeof h !== "object" || typeof (h as { on?: unknown }).on !== "string") return [];
    const x = h as { on: string; appeared?: unknown; appearedName?: unknown; headRenotified?: unknown };
    const appeared = typeof x.appeared === "string" && (appearanceRoles as readonly string[]).includes(x.appeared) ? (x.appeared as AppearanceRole) : null;
    return [{ on: x.on, appeared, appearedName: typeof x.appearedName === "string" ? x.appearedName : null, headRenotified: x.headRenotified === true }];
  });
}
