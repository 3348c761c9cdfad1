// The channel finder (/guide): a short questionnaire, as data, and the routing rules of DOMAIN.md 16.1 as one pure
// function that turns the answers into an explained recommendation — reconsideration, administrative mediation,
// people's mediation, rural land-contract mediation, petition (信访) or litigation guidance — each with its legal basis.
import * as z from "zod/mini";
import { preprocess } from "./preprocess";
import { actKinds, noControlChars, type ActKind } from "./application";
import { computeApplicationDeadline, parseDateInput, type ApplicationDeadline } from "./application-deadline";
import type { Calendar, IsoDate } from "./calendar";
import type { CompetentOrgan, OrganNode } from "./competent-organ";
import { mediationCategories, type MediationCategory } from "./mediation-request";
import type { DueSettings } from "./periods";
import "~/locales/areas/apply";
import "~/locales/areas/guide";

// ---------------------------------------------------------------------------------------------------------------
// The questionnaire

/** What the problem is about: the first question, which decides the branch. */
export const guideSituations = ["act", "civil", "organ_mediation", "court_case", "complaint"] as const;
export type GuideSituation = (typeof guideSituations)[number];

/** The civil branch: a neighbour or family dispute (people's mediation), or one of the mediation categories. */
export const civilCategories = ["neighbour_family", ...mediationCategories] as const;
export type CivilCategory = (typeof civilCategories)[number];

/** Has the person sued over the act? "accepted": the court has accepted the case (立案), which bars reconsideration. */
export const suedAnswers = ["no", "pending", "accepted"] as const;
export const yesNo = ["yes", "no"] as const;
type YesNo = (typeof yesNo)[number];

/**
 * Whether an act kind is a failure to act (不履行法定职责, Art. 23(1)(3)): always for Art. 11(11) and (12), never for
 * acts that can only be positive decisions, and asked for the kinds that can be either (a licence refused or never
 * answered, an agreement not performed, a disclosure request not answered).
 */
export const failureToActByKind: Record<ActKind, "yes" | "no" | "ask"> = {
  penalty: "no",
  compulsory_measure: "no",
  licensing: "ask",
  natural_resources: "no",
  expropriation: "no",
  compensation_decision: "ask",
  work_injury: "ask",
  business_autonomy: "no",
  competition: "no",
  illegal_levy: "no",
  failure_to_protect: "yes",
  benefits_not_paid: "yes",
  administrative_agreement: "ask",
  information_disclosure: "ask",
  other: "ask",
};

export type QuestionId =
  | "situation"
  | "actKind"
  | "onTheSpot"
  | "failureToAct"
  | "sued"
  | "learnedOn"
  | "informed"
  | "rightLearnedOn"
  | "respondent"
  | "civilCategory";

export interface GuideQuestion {
  id: QuestionId;
  /** choice: radio buttons (label keys guide.q.<id>.<option>); date: a date field; organ: search and pick an organ. */
  type: "choice" | "date" | "organ";
  options?: readonly string[];
  /** i18n key of the message when a shown, required question is left unanswered. */
  requiredKey: string;
  shown(a: GuideAnswers): boolean;
  required(a: GuideAnswers): boolean;
}

const actDetails = (a: GuideAnswers) => a.situation === "act" && a.actKind !== undefined;
// Once a court has accepted a suit the dates no longer matter (Art. 29(2)); only the litigation guidance remains.
const actDeadline = (a: GuideAnswers) => actDetails(a) && a.sued !== "accepted";

/** The questions in the order they are asked; a question appears once the answers it depends on are in. */
export const guideQuestions: readonly GuideQuestion[] = [
  { id: "situation", type: "choice", options: guideSituations, requiredKey: "errors.guideSituationRequired", shown: () => true, required: () => true },
  {
    id: "actKind",
    type: "choice",
    options: actKinds,
    requiredKey: "errors.actKindRequired",
    shown: (a) => a.situation === "act",
    required: (a) => a.situation === "act",
  },
  {
    id: "onTheSpot",
    type: "choice",
    options: yesNo,
    requiredKey: "errors.answerRequired",
    shown: (a) => actDetails(a) && a.actKind === "penalty",
    required: (a) => actDetails(a) && a.actKind === "penalty",
  },
  {
    id: "failureToAct",
    type: "choice",
    options: yesNo,
    requiredKey: "errors.answerRequired",
    shown: (a) => actDetails(a) && failureToActByKind[a.actKind!] === "ask",
    required: (a) => actDetails(a) && failureToActByKind[a.actKind!] === "ask",
  },
  { id: "sued", type: "choice", options: suedAnswers, requiredKey: "errors.guideSuedRequired", shown: actDetails, required: actDetails },
  { id: "learnedOn", type: "date", requiredKey: "errors.learnedOnRequired", shown: actDeadline, required: actDeadline },
  { id: "informed", type: "choice", options: yesNo, requiredKey: "errors.informedRequired", shown: actDeadline, required: actDeadline },
  // Shown with "informed" (so that one answer does not need another round trip), needed only when the organ did not tell.
  {
    id: "rightLearnedOn",
    type: "date",
    requiredKey: "errors.rightLearnedOnRequired",
    shown: actDeadline,
    required: (a) => actDeadline(a) && a.informed === "no",
  },
  // Optional: without it the recommendation has no competent organ, and the application form asks later.
  { id: "respondent", type: "organ", requiredKey: "errors.respondentRequired", shown: actDeadline, required: () => false },
  {
    id: "civilCategory",
    type: "choice",
    options: civilCategories,
    requiredKey: "errors.categoryRequired",
    shown: (a) => a.situation === "civil",
    required: (a) => a.situation === "civil",
  },
];

export const questionIds = guideQuestions.map((q) => q.id);

// ---------------------------------------------------------------------------------------------------------------
// The answers: strings from a GET form; an empty value is no answer.

const empty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const choice = <T extends readonly [string, ...string[]]>(options: T, key: string) => preprocess(empty, z.optional(z.enum(options, { error: key })));
const date = (today: IsoDate) =>
  preprocess(
    empty,
    z.optional(
      z.pipe(
        z.string().check(z.maxLength(40, "errors.dateFormat")),
        z.transform((value: string, ctx) => {
          const checked = parseDateInput(value, today);
          if (checked.ok) return checked.date;
          ctx.issues.push({ code: "custom", message: checked.error, input: value });
          return z.NEVER;
        }),
      ),
    ),
  );

/** The one schema of the answers (today bounds the dates). Unknown query parameters are ignored. */
export function guideAnswersSchema(today: IsoDate) {
  return z
    .object({
      situation: choice(guideSituations, "errors.guideSituationRequired"),
      actKind: choice(actKinds, "errors.actKindRequired"),
      onTheSpot: choice(yesNo, "errors.answerRequired"),
      failureToAct: choice(yesNo, "errors.answerRequired"),
      sued: choice(suedAnswers, "errors.guideSuedRequired"),
      learnedOn: date(today),
      informed: choice(yesNo, "errors.informedRequired"),
      rightLearnedOn: date(today),
      respondent: preprocess(
        empty,
        z.optional(z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "errors.organInvalid"))),
      ),
      civilCategory: choice(civilCategories, "errors.categoryRequired"),
      /** The respondent search box: not an answer, but a value of the same form. */
      respondentQ: preprocess(
        empty,
        z.optional(z.string().check(z.trim(), z.maxLength(50, "errors.textTooLong"), z.refine(noControlChars, "errors.textInvalid"))),
      ),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.informed === "no" && v.learnedOn && v.rightLearnedOn && v.rightLearnedOn < v.learnedOn) {
          ctx.addIssue({ code: "custom", path: ["rightLearnedOn"], message: "errors.rightBeforeAct" });
        }
      }),
    );
}
export type GuideAnswers = {
  situation?: GuideSituation;
  actKind?: ActKind;
  onTheSpot?: YesNo;
  failureToAct?: YesNo;
  sued?: (typeof suedAnswers)[number];
  learnedOn?: IsoDate;
  informed?: YesNo;
  rightLearnedOn?: IsoDate;
  respondent?: string;
  civilCategory?: CivilCategory;
  respondentQ?: string;
};
export const guideFields = [
  "situation",
  "actKind",
  "onTheSpot",
  "failureToAct",
  "sued",
  "learnedOn",
  "informed",
  "rightLearnedOn",
  "respondent",
  "civilCategory",
  "respondentQ",
] as const;

/**
 * Reads the answers from the query values: the valid ones are kept (so the questionnaire can go on), each invalid
 * one gives an error (an i18n key) under its field name. Only the questions these answers show count: a value left
 * over from another branch (the person changed the first answer) is ignored, as its error could not be shown.
 */
export function readGuideAnswers(raw: Partial<Record<string, string>>, today: IsoDate): { answers: GuideAnswers; errors: Record<string, string> } {
  const schema = guideAnswersSchema(today);
  const input: Record<string, string> = {};
  for (const f of guideFields) if (typeof raw[f] === "string") input[f] = raw[f]!;
  const errors: Record<string, string> = {};
  let answers: GuideAnswers = {};
  // An invalid value is dropped and the rest parsed again; the cross-field check may drop one more.
  for (let round = 0; round < 3; round++) {
    const parsed = schema.safeParse(input);
    if (parsed.success) {
      answers = stripUndefined(parsed.data as GuideAnswers);
      break;
    }
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "situation");
      errors[field] ??= issue.message;
      delete input[field];
    }
  }
  const shown = new Set<string>(visibleQuestions(answers));
  // The organ search box belongs to the respondent question.
  if (shown.has("respondent")) shown.add("respondentQ");
  return {
    answers: Object.fromEntries(Object.entries(answers).filter(([k]) => shown.has(k))) as GuideAnswers,
    errors: Object.fromEntries(Object.entries(errors).filter(([k]) => shown.has(k))),
  };
}

function stripUndefined(a: GuideAnswers): GuideAnswers {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as GuideAnswers;
}

/** The questions to show for these answers. */
export function visibleQuestions(answers: GuideAnswers): QuestionId[] {
  return guideQuestions.filter((q) => q.shown(answers)).map((q) => q.id);
}

/** The shown, required questions still without an answer. */
export function unansweredQuestions(answers: GuideAnswers): GuideQuestion[] {
  return guideQuestions.filter((q) => q.shown(answers) && q.required(answers) && answers[q.id] === undefined);
}

/**
 * Errors for the required questions the person was shown (`asked`, a hidden field of the form) and left empty. A
 * question that has only just appeared is not an error yet.
 */
export function missingAnswerErrors(answers: GuideAnswers, asked: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const q of unansweredQuestions(answers)) if (asked.includes(q.id)) errors[q.id] = q.requiredKey;
  return errors;
}

/** The hidden "asked" field: known question ids, comma-separated; anything else is ignored. */
export function parseAsked(raw: string | null | undefined): QuestionId[] {
  return (raw ?? "")
    .slice(0, 300)
    .split(",")
    .map((s) => s.trim())
    .filter((s): s is QuestionId => (questionIds as readonly string[]).includes(s));
}

// ---------------------------------------------------------------------------------------------------------------
// The recommendation

export type GuideChannel = "reconsideration" | "administrative_mediation" | "people_mediation" | "land_contract_mediation" | "petition" | "litigation";

/** A warning or a note shown with a recommendation: an i18n key and the articles it rests on. */
export interface GuideNote {
  key: string;
  basis: string[];
}

export interface CompetentOrganView {
  respondentName: string;
  /** The organ that hears the case, or the organ outside the portal (externalName), or none (not an organ). */
  organ: { id: string; name: string } | null;
  externalName: string | null;
  reasonKey: string;
  article: string | null;
  alternatives: { organ: { id: string; name: string }; reasonKey: string; article: string }[];
}

export interface Recommendation {
  channel: GuideChannel;
  /** i18n keys: the heading, the paragraphs saying why, and where to go (for the channels without a form here). */
  titleKey: string;
  whyKeys: string[];
  whereKey: string | null;
  basis: string[];
  warnings: GuideNote[];
  notes: GuideNote[];
  /** The pre-filled form to open, or null when the channel has no form in this portal. */
  link: string | null;
  reconsideration?: {
    deadline: ApplicationDeadline | null;
    competent: CompetentOrganView | null;
    /** Art. 23: reconsideration must come before any suit. */
    mandatoryFirst: boolean;
  };
}

export interface GuideContext {
  today: IsoDate;
  calendar: Calendar;
  settings: DueSettings;
  /** The respondent the person picked and its competent organ (competentOrganFor), or null. */
  respondent: { respondent: OrganNode; result: CompetentOrgan } | null;
}

export type GuideOutcome = { complete: false; unanswered: QuestionId[] } | { complete: true; primary: Recommendation; alternatives: Recommendation[] };

const ART = {
  scope: "《行政复议法》第十一条",
  period: "《行政复议法》第二十条",
  firstOnTheSpot: "《行政复议法》第二十三条第一款第一项",
  firstNaturalResources: "《行政复议法》第二十三条第一款第二项",
  firstFailureToAct: "《行政复议法》第二十三条第一款第三项",
  firstDisclosure: "《行政复议法》第二十三条第一款第四项",
  noParallelSuit: "《行政复议法》第二十九条第二款",
  civilMediationExcluded: "《行政复议法》第十二条第四项",
  failureToActStart: "《行政复议法实施条例》第十六条",
  onTheSpotFiling: "《行政复议法》第三十二条",
  directSuitChoice: "《行政诉讼法》第四十四条",
  directSuitPeriod: "《行政诉讼法》第四十六条",
  peopleMediation: ["《人民调解法》第二条", "《人民调解法》第四条", "《人民调解法》第八条", "《人民调解法》第十七条"],
  mediationKeepsOtherChannels: "《人民调解法》第三条第三项",
  land: ["《农村土地承包经营纠纷调解仲裁法》第三条", "《农村土地承包经营纠纷调解仲裁法》第四条", "《农村土地承包经营纠纷调解仲裁法》第十八条"],
  landActScope: "《行政复议法》第十一条第八项",
  diversified: "《内蒙古自治区矛盾纠纷多元化解条例》",
  petition: ["《信访工作条例》第十七条", "《信访工作条例》第二十二条", "《信访工作条例》第二十三条"],
  petitionToProcedure: "《信访工作条例》第三十一条第四项",
  litigationSeparated: ["《信访工作条例》第二十条第二款", "《信访工作条例》第二十八条第二款"],
} as const;

/** The pre-filled reconsideration form (the /apply/reconsideration route reads these parameters). */
export function reconsiderationLink(p: {
  respondent?: string;
  actKind: ActKind;
  learnedOn: IsoDate;
  informed: YesNo;
  onTheSpotPenalty: YesNo;
  failureToAct: YesNo;
}): string {
  const q = new URLSearchParams();
  if (p.respondent) q.set("respondent", p.respondent);
  q.set("actKind", p.actKind);
  q.set("learnedOn", p.learnedOn);
  q.set("informed", p.informed);
  q.set("onTheSpotPenalty", p.onTheSpotPenalty);
  q.set("failureToAct", p.failureToAct);
  return `/apply/reconsideration?${q.toString()}`;
}

/** The pre-filled administrative mediation request. */
export function mediationLink(category: MediationCategory): string {
  return `/apply/mediation?${new URLSearchParams({ category }).toString()}`;
}

function rec(channel: GuideChannel, parts: Partial<Recommendation> & Pick<Recommendation, "titleKey" | "whyKeys" | "basis">): Recommendation {
  return { channel, whereKey: null, warnings: [], notes: [], link: null, ...parts };
}

const directSuit = (): Recommendation =>
  rec("litigation", {
    titleKey: "guide.title.directSuit",
    whyKeys: ["guide.why.directSuit"],
    basis: [ART.directSuitChoice, ART.directSuitPeriod, ART.noParallelSuit],
  });
const civilSuit = (): Recommendation =>
  rec("litigation", {
    titleKey: "guide.title.civilSuit",
    whyKeys: ["guide.why.civilSuit"],
    whereKey: "guide.where.civilSuit",
    basis: [ART.mediationKeepsOtherChannels],
  });
const peopleMediation = (): Recommendation =>
  rec("people_mediation", {
    titleKey: "guide.title.peopleMediation",
    whyKeys: ["guide.why.peopleMediation"],
    whereKey: "guide.where.peopleMediation",
    basis: [...ART.peopleMediation],
  });

/**
 * The routing rules of DOMAIN.md 16.1 over complete answers: the recommended channel first, then the other channels
 * the person may choose. Incomplete answers give the questions still to answer.
 */
export function recommend(answers: GuideAnswers, ctx: GuideContext): GuideOutcome {
  const unanswered = unansweredQuestions(answers).map((q) => q.id);
  if (unanswered.length > 0) return { complete: false, unanswered };
  switch (answers.situation!) {
    case "act":
      return recommendForAct(answers, ctx);
    case "civil":
      return recommendForCivil(answers.civilCategory!);
    case "organ_mediation":
      return organMediation();
    case "court_case":
      return courtCase();
    case "complaint":
      return {
        complete: true,
        primary: rec("petition", {
          titleKey: "guide.title.petition",
          whyKeys: ["guide.why.petition"],
          whereKey: "guide.where.petition",
          basis: [...ART.petition],
          notes: [{ key: "guide.note.petitionToReconsideration", basis: [ART.petitionToProcedure] }],
        }),
        alternatives: [],
      };
  }
}

/** 16.1(g): an organ's mediation of a civil dispute is not reconsiderable (Art. 12(4)); the civil dispute goes on. */
function organMediation(): GuideOutcome {
  return {
    complete: true,
    primary: rec("litigation", {
      titleKey: "guide.title.civilSuit",
      whyKeys: ["guide.why.organMediation", "guide.why.civilSuit"],
      whereKey: "guide.where.civilSuit",
      basis: [ART.civilMediationExcluded],
    }),
    alternatives: [peopleMediation()],
  };
}

/** 16.1(f): lawsuit-related matters are separated from petitions and go to the courts and procuratorates. */
function courtCase(): GuideOutcome {
  return {
    complete: true,
    primary: rec("litigation", {
      titleKey: "guide.title.courtCase",
      whyKeys: ["guide.why.courtCase"],
      whereKey: "guide.where.courtCase",
      basis: [...ART.litigationSeparated],
    }),
    alternatives: [],
  };
}

function recommendForCivil(category: CivilCategory): GuideOutcome {
  if (category === "neighbour_family") {
    // 16.1(c): disputes between neighbours or in the family → people's mediation (村/居民委员会的人民调解委员会).
    return { complete: true, primary: peopleMediation(), alternatives: [civilSuit()] };
  }
  if (category === "rural_land_contracting") {
    // 16.1(d): village committee or township mediation, then arbitration or suit (农地调解仲裁法 Arts. 3, 4, 18).
    return {
      complete: true,
      primary: rec("land_contract_mediation", {
        titleKey: "guide.title.landMediation",
        whyKeys: ["guide.why.landMediation"],
        whereKey: "guide.where.landMediation",
        basis: [...ART.land],
        notes: [{ key: "guide.note.landAct", basis: [ART.landActScope] }],
        link: mediationLink("rural_land_contracting"),
      }),
      alternatives: [],
    };
  }
  // 16.1(b): a civil dispute related to an organ's duties → administrative mediation by the competent department.
  const notes: GuideNote[] = [];
  if (category === "house_expropriation")
    notes.push({ key: "guide.note.mayBeAct.expropriation", basis: ["《行政复议法》第十一条第五项", "《行政复议法》第十一条第十三项"] });
  if (category === "social_security") notes.push({ key: "guide.note.mayBeAct.socialSecurity", basis: ["《行政复议法》第十一条第十二项"] });
  return {
    complete: true,
    primary: rec("administrative_mediation", {
      titleKey: "guide.title.adminMediation",
      whyKeys: ["guide.why.adminMediation", `guide.why.category.${category}`],
      whereKey: "guide.where.adminMediation",
      basis: [ART.diversified],
      notes,
      link: mediationLink(category),
    }),
    alternatives: category === "other" ? [peopleMediation(), civilSuit()] : [civilSuit()],
  };
}

function recommendForAct(a: GuideAnswers, ctx: GuideContext): GuideOutcome {
  const kind = a.actKind!;
  if (a.sued === "accepted") {
    // Art. 29(2): once a court has accepted the suit, no reconsideration (DOMAIN.md 4.04).
    return {
      complete: true,
      primary: rec("litigation", {
        titleKey: "guide.title.suedAccepted",
        whyKeys: ["guide.why.suedAccepted"],
        whereKey: "guide.where.suedAccepted",
        basis: [ART.noParallelSuit],
      }),
      alternatives: [],
    };
  }
  const picked = ctx.respondent;
  if (picked && "notAnOrgan" in picked.result) {
    // The picked "respondent" is a court or a mediation body: not an administrative act at all.
    return picked.result.reasonKey === "competent.notAnOrgan.court" ? courtCase() : organMediation();
  }

  const failureToAct: YesNo = failureToActByKind[kind] === "ask" ? a.failureToAct! : failureToActByKind[kind] === "yes" ? "yes" : "no";
  const onTheSpot: YesNo = kind === "penalty" && a.onTheSpot === "yes" ? "yes" : "no";

  // Art. 23(1): the cases where reconsideration must come before a suit (DOMAIN.md 4.01).
  const warnings: GuideNote[] = [];
  if (onTheSpot === "yes") warnings.push({ key: "guide.warn.firstOnTheSpot", basis: [ART.firstOnTheSpot] });
  if (kind === "natural_resources") warnings.push({ key: "guide.warn.firstNaturalResources", basis: [ART.firstNaturalResources] });
  if (failureToAct === "yes") warnings.push({ key: "guide.warn.firstFailureToAct", basis: [ART.firstFailureToAct] });
  if (kind === "information_disclosure") warnings.push({ key: "guide.warn.firstDisclosure", basis: [ART.firstDisclosure] });
  const mandatoryFirst = warnings.length > 0;
  if (a.sued === "pending") warnings.push({ key: "guide.warn.suitPending", basis: [ART.noParallelSuit] });

  const deadline = computeApplicationDeadline(
    { learnedOn: a.learnedOn!, informed: a.informed === "yes", rightLearnedOn: a.informed === "no" ? a.rightLearnedOn ?? null : null },
    ctx.calendar,
    ctx.settings,
    ctx.today
  );
  if (deadline.passed) warnings.push({ key: "guide.warn.deadlinePassed", basis: ["《行政复议法》第二十条第二款"] });

  const notes: GuideNote[] = [];
  if (failureToAct === "yes") notes.push({ key: "guide.note.failureToActPeriod", basis: [ART.failureToActStart] });
  if (onTheSpot === "yes") notes.push({ key: "guide.note.onTheSpotFiling", basis: [ART.onTheSpotFiling] });
  if (!picked) notes.push({ key: "guide.note.pickRespondent", basis: ["《行政复议法》第二十四条", "《行政复议法》第二十七条"] });

  const competent = picked ? competentView(picked.respondent, picked.result) : null;
  // An organ outside this portal hears the case (a vertical system's higher department): no form here.
  const fileHere = !picked || picked.result.ok;
  if (picked && !picked.result.ok && "externalName" in picked.result) notes.push({ key: "guide.note.externalOrgan", basis: [picked.result.article] });

  const primary = rec("reconsideration", {
    titleKey: "guide.title.reconsideration",
    whyKeys: ["guide.why.reconsideration"],
    basis: [scopeItem(kind), ART.period, ...(mandatoryFirst ? ["《行政复议法》第二十三条"] : [])],
    warnings,
    notes,
    link: fileHere
      ? reconsiderationLink({
          respondent: picked?.respondent.id,
          actKind: kind,
          learnedOn: a.learnedOn!,
          informed: a.informed!,
          onTheSpotPenalty: onTheSpot,
          failureToAct,
        })
      : null,
    reconsideration: { deadline, competent, mandatoryFirst },
  });
  // DOMAIN.md 4.03: outside Art. 23 the person may instead sue directly (行政诉讼法 Art. 44, six months, Art. 46).
  return { complete: true, primary, alternatives: mandatoryFirst ? [] : [directSuit()] };
}

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"];
/** The item of Art. 11 an act kind stands for (actKinds follows the statute's order). */
export function scopeItem(kind: ActKind): string {
  return `${ART.scope}第${CHINESE_NUMBERS[actKinds.indexOf(kind)]}项`;
}

function competentView(respondent: OrganNode, result: CompetentOrgan): CompetentOrganView {
  const base = { respondentName: respondent.name };
  if (result.ok) {
    return {
      ...base,
      organ: { id: result.organ.id, name: result.organ.name },
      externalName: null,
      reasonKey: result.reasonKey,
      article: result.article,
      alternatives: result.alternatives.map((alt) => ({ organ: { id: alt.organ.id, name: alt.organ.name }, reasonKey: alt.reasonKey, article: alt.article })),
    };
  }
  if ("notAnOrgan" in result) return { ...base, organ: null, externalName: null, reasonKey: result.reasonKey, article: null, alternatives: [] };
  return { ...base, organ: null, externalName: result.externalName, reasonKey: result.reasonKey, article: result.article, alternatives: [] };
}
