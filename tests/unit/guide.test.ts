// The channel finder (/guide): the questionnaire (which questions appear when, what a bad answer says) and every
// routing rule of DOMAIN.md 16.1 with the article it rests on — reconsideration within Art. 11 with the Art. 20 last
// day, reconsideration first under Art. 23, no reconsideration after a court accepted a suit (Art. 29), no
// reconsideration of an organ's civil mediation (Art. 12(4)), administrative / people's / land-contract mediation,
// petition (信访工作条例) and litigation guidance.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actKinds } from "~/domain/application";
import { deriveCompetentOrgan, type OrganNode } from "~/domain/competent-organ";
import {
  civilCategories,
  guideQuestions,
  missingAnswerErrors,
  parseAsked,
  readGuideAnswers,
  recommend,
  scopeItem,
  visibleQuestions,
  type GuideAnswers,
  type GuideContext,
  type Recommendation,
} from "~/domain/guide";
import { defaultCalendar } from "~/domain/holidays";
import { mediationCategories } from "~/domain/mediation-request";
import { defaultSettings } from "~/domain/settings";
import { en, zhCN } from "~/locales/all.server";

const TODAY = "2026-03-10";
const ctx = (respondent: GuideContext["respondent"] = null): GuideContext => ({
  today: TODAY,
  calendar: defaultCalendar(),
  settings: defaultSettings(),
  respondent,
});

/** Complete answers for an administrative act; the rest of a test overrides what it checks. */
const act = (over: GuideAnswers = {}): GuideAnswers => ({
  situation: "act",
  actKind: "penalty",
  onTheSpot: "no",
  sued: "no",
  learnedOn: "2026-03-02",
  informed: "yes",
  ...over,
});

function primary(answers: GuideAnswers, c: GuideContext = ctx()): { primary: Recommendation; alternatives: Recommendation[] } {
  const outcome = recommend(answers, c);
  if (!outcome.complete) throw new Error(`incomplete: ${outcome.unanswered.join(", ")}`);
  return outcome;
}
const query = (link: string | null) => Object.fromEntries(new URL(link!, "http://x").searchParams);

// A small organ tree: a banner government under a league government, one of its departments, a banner tax bureau in
// the vertical tax chain under the league tax bureau, and a people's mediation committee.
const node = (o: Partial<OrganNode> & Pick<OrganNode, "id" | "code" | "name" | "kind" | "level">): OrganNode => ({
  parentId: null,
  divisionCode: o.code.slice(0, 6),
  isVertical: false,
  verticalCategory: null,
  ...o,
});
const league = node({ id: "00000000-0000-4000-8000-000000000001", code: "150100", name: "呼和浩特市人民政府", kind: "government", level: "league_city" });
const banner = node({
  id: "00000000-0000-4000-8000-000000000002",
  code: "150121",
  name: "土默特左旗人民政府",
  kind: "government",
  level: "banner_county",
  parentId: league.id,
});
const market = node({
  id: "00000000-0000-4000-8000-000000000003",
  code: "150121-market",
  name: "土默特左旗市场监督管理局",
  kind: "department",
  level: "banner_county",
  parentId: banner.id,
});
const regionTax = node({
  id: "00000000-0000-4000-8000-000000000004",
  code: "150000-tax",
  name: "国家税务总局内蒙古自治区税务局",
  kind: "department",
  level: "region",
  isVertical: true,
  verticalCategory: "税务",
});
const lonelyTax = node({
  id: "00000000-0000-4000-8000-000000000005",
  code: "150121-tax",
  name: "国家税务总局土默特左旗税务局",
  kind: "department",
  level: "banner_county",
  isVertical: true,
  verticalCategory: "税务",
  parentId: null,
});
const committee = node({
  id: "00000000-0000-4000-8000-000000000006",
  code: "150121-mediation",
  name: "土默特左旗人民调解委员会",
  kind: "mediation_committee",
  level: "banner_county",
});
const all = [league, banner, market, regionTax, lonelyTax, committee];
const lookup = { byId: (id: string) => all.find((o) => o.id === id), byCode: (code: string) => all.find((o) => o.code === code) };
const picked = (o: OrganNode): GuideContext["respondent"] => ({ respondent: o, result: deriveCompetentOrgan(o, lookup) });

describe("the questionnaire reveals the next questions as answers come in", () => {
  it("starts with the one question that decides the branch", () => {
    expect(visibleQuestions({})).toEqual(["situation"]);
  });
  it("asks for the kind of act, then the details of that kind", () => {
    expect(visibleQuestions({ situation: "act" })).toEqual(["situation", "actKind"]);
    expect(visibleQuestions({ situation: "act", actKind: "penalty" })).toEqual([
      "situation",
      "actKind",
      "onTheSpot",
      "sued",
      "learnedOn",
      "informed",
      "rightLearnedOn",
      "respondent",
    ]);
    // a licence may be refused (a decision) or never answered (failure to act, Art. 23(1)(3)): asked
    expect(visibleQuestions({ situation: "act", actKind: "licensing" })).toContain("failureToAct");
    // Art. 11(11) and (12) are failures to act by definition: not asked
    expect(visibleQuestions({ situation: "act", actKind: "failure_to_protect" })).not.toContain("failureToAct");
    expect(visibleQuestions({ situation: "act", actKind: "benefits_not_paid" })).not.toContain("failureToAct");
  });
  it("drops the dates once a court has accepted the suit (Art. 29(2) makes them irrelevant)", () => {
    expect(visibleQuestions({ situation: "act", actKind: "other", sued: "accepted" })).toEqual(["situation", "actKind", "failureToAct", "sued"]);
  });
  it("asks the civil branch for the category, and nothing more for the other situations", () => {
    expect(visibleQuestions({ situation: "civil" })).toEqual(["situation", "civilCategory"]);
    for (const situation of ["organ_mediation", "court_case", "complaint"] as const) expect(visibleQuestions({ situation })).toEqual(["situation"]);
  });
  it("is incomplete until every shown, required question has an answer (the respondent is optional)", () => {
    expect(recommend({ situation: "act", actKind: "penalty" }, ctx())).toEqual({ complete: false, unanswered: ["onTheSpot", "sued", "learnedOn", "informed"] });
    expect(recommend(act({ informed: "no" }), ctx())).toEqual({ complete: false, unanswered: ["rightLearnedOn"] });
    expect(recommend(act(), ctx()).complete).toBe(true);
  });
  it("offers every Art. 11 kind and every mediation category, each with a label in both languages", () => {
    expect(guideQuestions.find((q) => q.id === "actKind")!.options).toEqual(actKinds);
    expect(civilCategories).toEqual(["neighbour_family", ...mediationCategories]);
    for (const q of guideQuestions) {
      expect(zhCN, q.id).toHaveProperty(`guide.q.${q.id}`);
      expect(zhCN, q.requiredKey).toHaveProperty(q.requiredKey);
      for (const option of q.options ?? []) {
        expect(zhCN, `${q.id}.${option}`).toHaveProperty(`guide.q.${q.id}.${option}`);
        expect(en, `${q.id}.${option}`).toHaveProperty(`guide.q.${q.id}.${option}`);
      }
    }
  });
});

describe("the answers from the query string", () => {
  it("keeps the valid answers and names each bad one", () => {
    const { answers, errors } = readGuideAnswers(
      {
        situation: "act",
        actKind: "penalty",
        onTheSpot: "maybe",
        sued: "no",
        learnedOn: "2026-02-30",
        informed: "yes",
        respondent: "'; drop table",
        respondentQ: "x".repeat(51),
      },
      TODAY
    );
    expect(answers).toEqual({ situation: "act", actKind: "penalty", sued: "no", informed: "yes" });
    expect(errors).toEqual({
      onTheSpot: "errors.answerRequired",
      learnedOn: "errors.dateNotExist",
      respondent: "errors.organInvalid",
      respondentQ: "errors.textTooLong",
    });
    expect(readGuideAnswers({ situation: "act", actKind: "speeding" }, TODAY)).toEqual({
      answers: { situation: "act" },
      errors: { actKind: "errors.actKindRequired" },
    });
    expect(readGuideAnswers({ situation: "lawsuit" }, TODAY)).toEqual({ answers: {}, errors: { situation: "errors.guideSituationRequired" } });
  });
  it("ignores values left over from another branch (the person changed the first answer): their errors could not be shown", () => {
    expect(
      readGuideAnswers({ situation: "civil", civilCategory: "consumer_rights", actKind: "penalty", learnedOn: "garbage", onTheSpot: "maybe" }, TODAY)
    ).toEqual({
      answers: { situation: "civil", civilCategory: "consumer_rights" },
      errors: {},
    });
  });
  it("reads dates as people type them, not after today, and the right not learned before the act", () => {
    const base = { situation: "act", actKind: "penalty" };
    expect(readGuideAnswers({ ...base, learnedOn: "2026年3月2日" }, TODAY)).toEqual({ answers: { ...base, learnedOn: "2026-03-02" }, errors: {} });
    expect(readGuideAnswers({ ...base, learnedOn: "2026-03-11" }, TODAY).errors).toEqual({ learnedOn: "errors.dateFuture" });
    expect(readGuideAnswers({ ...base, learnedOn: "2026-03-02", informed: "no", rightLearnedOn: "2026-03-01" }, TODAY)).toEqual({
      answers: { ...base, learnedOn: "2026-03-02", informed: "no" },
      errors: { rightLearnedOn: "errors.rightBeforeAct" },
    });
  });
  it("treats an empty value as no answer and ignores unknown parameters", () => {
    expect(readGuideAnswers({ situation: "", actKind: "  ", other: "x" } as Record<string, string>, TODAY)).toEqual({ answers: {}, errors: {} });
  });
  it("reports an unanswered question only once the person has been shown it", () => {
    const answers: GuideAnswers = { situation: "act", actKind: "penalty" };
    expect(missingAnswerErrors(answers, parseAsked("situation,actKind"))).toEqual({});
    expect(missingAnswerErrors(answers, parseAsked("situation,actKind,onTheSpot,sued,learnedOn,informed,rightLearnedOn,respondent,bogus"))).toEqual({
      onTheSpot: "errors.answerRequired",
      sued: "errors.guideSuedRequired",
      learnedOn: "errors.learnedOnRequired",
      informed: "errors.informedRequired",
    });
  });
});

describe("16.1(a): an administrative act against you → reconsideration", () => {
  it("《行政复议法》第十一条、第二十条: recommends reconsideration with the 60-day last day (2026-03-02 + 60 = 05-01, Labour Day holiday → 05-06)", () => {
    const { primary: r } = primary(act());
    expect(r.channel).toBe("reconsideration");
    expect(r.basis).toContain("《行政复议法》第十一条第一项");
    expect(r.basis).toContain("《行政复议法》第二十条");
    expect(r.reconsideration!.deadline!.due).toBe("2026-05-06");
    expect(r.reconsideration!.deadline!.passed).toBe(false);
    expect(r.reconsideration!.mandatoryFirst).toBe(false);
    expect(query(r.link)).toEqual({ actKind: "penalty", learnedOn: "2026-03-02", informed: "yes", onTheSpotPenalty: "no", failureToAct: "no" });
    expect(r.link!.startsWith("/apply/reconsideration?")).toBe(true);
  });
  it("《行政复议法》第十一条: names the item of Art. 11 for each kind of act, in the statute's order", () => {
    expect(scopeItem("penalty")).toBe("《行政复议法》第十一条第一项");
    expect(scopeItem("failure_to_protect")).toBe("《行政复议法》第十一条第十一项");
    expect(scopeItem("information_disclosure")).toBe("《行政复议法》第十一条第十四项");
    expect(scopeItem("other")).toBe("《行政复议法》第十一条第十五项");
  });
  it("《行政复议法》第二十条第三款: not told of the right → 60 days from learning of it (03-09 + 60 = 05-08)", () => {
    const { primary: r } = primary(act({ informed: "no", rightLearnedOn: "2026-03-09" }));
    expect(r.reconsideration!.deadline!.due).toBe("2026-05-08");
    expect(r.reconsideration!.deadline!.rule).toBe("uninformed");
    expect(query(r.link).informed).toBe("no");
  });
  it("《行政复议法》第二十条第二款: a passed last day still recommends reconsideration, with the just-cause warning", () => {
    const { primary: r } = primary(act({ learnedOn: "2025-12-01" }));
    expect(r.channel).toBe("reconsideration");
    expect(r.reconsideration!.deadline!.due).toBe("2026-01-30");
    expect(r.reconsideration!.deadline!.passed).toBe(true);
    expect(r.warnings.map((w) => w.key)).toContain("guide.warn.deadlinePassed");
    expect(r.link).not.toBeNull();
  });
  it("《行政诉讼法》第四十四条、第四十六条: outside Art. 23 a direct suit is offered as the alternative", () => {
    const { alternatives } = primary(act());
    expect(alternatives.map((a) => a.channel)).toEqual(["litigation"]);
    expect(alternatives[0].basis).toEqual(expect.arrayContaining(["《行政诉讼法》第四十四条", "《行政诉讼法》第四十六条"]));
  });
  it("《行政复议法》第二十四条第一款第一项: a banner department's acts → the banner government, and the link carries the respondent", () => {
    const { primary: r } = primary(act(), ctx(picked(market)));
    expect(r.reconsideration!.competent).toMatchObject({
      respondentName: market.name,
      organ: { id: banner.id, name: banner.name },
      reasonKey: "competent.department",
      article: "《行政复议法》第二十四条第一款第一项",
    });
    expect(query(r.link).respondent).toBe(market.id);
    expect(r.notes.map((n) => n.key)).not.toContain("guide.note.pickRespondent");
  });
  it("《行政复议法》第二十七条: a vertical organ whose higher department is outside the portal → no form here, named organ", () => {
    const { primary: r } = primary(act(), ctx(picked(lonelyTax)));
    expect(r.channel).toBe("reconsideration");
    expect(r.reconsideration!.competent).toMatchObject({ organ: null, externalName: "国家税务总局", reasonKey: "competent.verticalExternal" });
    expect(r.link).toBeNull();
    expect(r.notes.find((n) => n.key === "guide.note.externalOrgan")!.basis).toEqual(["《行政复议法》第二十七条"]);
  });
  it("without a picked respondent the link has no respondent and a note says how to find the competent organ", () => {
    const { primary: r } = primary(act());
    expect(query(r.link)).not.toHaveProperty("respondent");
    expect(r.reconsideration!.competent).toBeNull();
    expect(r.notes.map((n) => n.key)).toContain("guide.note.pickRespondent");
  });
});

describe("DOMAIN.md 4.01: reconsideration before suit (《行政复议法》第二十三条)", () => {
  const first = (answers: GuideAnswers) => {
    const { primary: r, alternatives } = primary(answers);
    return { r, alternatives, keys: r.warnings.map((w) => w.key), basis: r.warnings.flatMap((w) => w.basis) };
  };
  it("《行政复议法》第二十三条第一款第一项: a penalty made on the spot", () => {
    const { r, alternatives, keys, basis } = first(act({ onTheSpot: "yes" }));
    expect(keys).toContain("guide.warn.firstOnTheSpot");
    expect(basis).toContain("《行政复议法》第二十三条第一款第一项");
    expect(r.reconsideration!.mandatoryFirst).toBe(true);
    expect(alternatives).toEqual([]); // no direct suit offered
    expect(query(r.link).onTheSpotPenalty).toBe("yes");
    // Art. 32: may be filed through the penalising organ
    expect(r.notes.flatMap((n) => n.basis)).toContain("《行政复议法》第三十二条");
  });
  it("《行政复议法》第二十三条第一款第二项: a decision on natural-resource ownership or use rights", () => {
    const { keys, basis, alternatives } = first(act({ actKind: "natural_resources", onTheSpot: undefined }));
    expect(keys).toContain("guide.warn.firstNaturalResources");
    expect(basis).toContain("《行政复议法》第二十三条第一款第二项");
    expect(alternatives).toEqual([]);
  });
  it("《行政复议法》第二十三条第一款第三项: a failure to act, asked (licence never answered) or by kind (benefits not paid)", () => {
    const asked = first(act({ actKind: "licensing", onTheSpot: undefined, failureToAct: "yes" }));
    expect(asked.keys).toContain("guide.warn.firstFailureToAct");
    expect(asked.basis).toContain("《行政复议法》第二十三条第一款第三项");
    expect(query(asked.r.link).failureToAct).toBe("yes");
    // Reg. Art. 16: the period runs from the end of the time limit to act
    expect(asked.r.notes.flatMap((n) => n.basis)).toContain("《行政复议法实施条例》第十六条");
    const byKind = first(act({ actKind: "benefits_not_paid", onTheSpot: undefined }));
    expect(byKind.keys).toContain("guide.warn.firstFailureToAct");
    expect(query(byKind.r.link).failureToAct).toBe("yes");
    // a licence refused by a decision is not a failure to act: no mandatory reconsideration
    const refused = first(act({ actKind: "licensing", onTheSpot: undefined, failureToAct: "no" }));
    expect(refused.r.reconsideration!.mandatoryFirst).toBe(false);
    expect(refused.alternatives.map((a) => a.channel)).toEqual(["litigation"]);
  });
  it("《行政复议法》第二十三条第一款第四项: a refusal to disclose government information", () => {
    const { keys, basis, r } = first(act({ actKind: "information_disclosure", onTheSpot: undefined, failureToAct: "no" }));
    expect(keys).toContain("guide.warn.firstDisclosure");
    expect(basis).toContain("《行政复议法》第二十三条第一款第四项");
    expect(r.basis).toContain("《行政复议法》第二十三条");
  });
  it("an off-the-spot penalty is not in Art. 23: no warning", () => {
    expect(first(act({ onTheSpot: "no" })).keys).toEqual([]);
  });
});

describe("DOMAIN.md 4.04: no parallel suit (《行政复议法》第二十九条)", () => {
  it("《行政复议法》第二十九条第二款: a court has accepted the suit → litigation guidance, no reconsideration", () => {
    const { primary: r, alternatives } = primary({ situation: "act", actKind: "penalty", onTheSpot: "no", sued: "accepted" });
    expect(r.channel).toBe("litigation");
    expect(r.basis).toEqual(["《行政复议法》第二十九条第二款"]);
    expect(r.link).toBeNull();
    expect(alternatives).toEqual([]);
  });
  it("《行政复议法》第二十九条第二款: a suit filed but not yet accepted → reconsideration with a warning to choose one", () => {
    const { primary: r } = primary(act({ sued: "pending" }));
    expect(r.channel).toBe("reconsideration");
    expect(r.warnings.find((w) => w.key === "guide.warn.suitPending")!.basis).toEqual(["《行政复议法》第二十九条第二款"]);
  });
});

describe("16.1(g): an organ's mediation of a civil dispute is not reconsiderable (《行政复议法》第十二条第四项)", () => {
  it("《行政复议法》第十二条第四项: an objection to the mediation → civil suit or people's mediation, never reconsideration", () => {
    const { primary: r, alternatives } = primary({ situation: "organ_mediation" });
    expect(r.channel).toBe("litigation");
    expect(r.basis).toEqual(["《行政复议法》第十二条第四项"]);
    expect(r.whyKeys).toContain("guide.why.organMediation");
    expect(alternatives.map((a) => a.channel)).toEqual(["people_mediation"]);
    expect([r, ...alternatives].some((x) => x.channel === "reconsideration")).toBe(false);
  });
  it("《行政复议法》第十二条第四项: a mediation body picked as 'respondent' gives the same answer", () => {
    const { primary: r } = primary(act(), ctx(picked(committee)));
    expect(r.channel).toBe("litigation");
    expect(r.basis).toEqual(["《行政复议法》第十二条第四项"]);
  });
});

describe("16.1(b)–(d): civil disputes", () => {
  it.each(mediationCategories.filter((c) => c !== "rural_land_contracting"))(
    "《内蒙古自治区矛盾纠纷多元化解条例》: a dispute about %s, related to an organ's duties → administrative mediation, pre-filled",
    (category) => {
      const { primary: r, alternatives } = primary({ situation: "civil", civilCategory: category });
      expect(r.channel).toBe("administrative_mediation");
      expect(r.link).toBe(`/apply/mediation?category=${category}`);
      expect(r.basis).toEqual(["《内蒙古自治区矛盾纠纷多元化解条例》"]);
      expect(r.whyKeys).toContain(`guide.why.category.${category}`);
      expect(alternatives.map((a) => a.channel)).toContain("litigation");
    }
  );
  it("《行政复议法》第十一条第五项、第十二项: expropriation and social-security disputes point out when it is really an act", () => {
    expect(primary({ situation: "civil", civilCategory: "house_expropriation" }).primary.notes.flatMap((n) => n.basis)).toContain(
      "《行政复议法》第十一条第五项"
    );
    expect(primary({ situation: "civil", civilCategory: "social_security" }).primary.notes.flatMap((n) => n.basis)).toContain("《行政复议法》第十一条第十二项");
  });
  it("《人民调解法》第二条、第十七条: a neighbour or family dispute → people's mediation, no form, a civil suit stays open (第三条)", () => {
    const { primary: r, alternatives } = primary({ situation: "civil", civilCategory: "neighbour_family" });
    expect(r.channel).toBe("people_mediation");
    expect(r.basis).toEqual(expect.arrayContaining(["《人民调解法》第二条", "《人民调解法》第十七条"]));
    expect(r.link).toBeNull();
    expect(r.whereKey).toBe("guide.where.peopleMediation");
    expect(alternatives.map((a) => [a.channel, a.basis])).toEqual([["litigation", ["《人民调解法》第三条第三项"]]]);
  });
  it("《农村土地承包经营纠纷调解仲裁法》第三条、第四条: rural land contracting → village or township mediation, then arbitration", () => {
    const { primary: r } = primary({ situation: "civil", civilCategory: "rural_land_contracting" });
    expect(r.channel).toBe("land_contract_mediation");
    expect(r.basis).toEqual(
      expect.arrayContaining([
        "《农村土地承包经营纠纷调解仲裁法》第三条",
        "《农村土地承包经营纠纷调解仲裁法》第四条",
        "《农村土地承包经营纠纷调解仲裁法》第十八条",
      ])
    );
    expect(r.link).toBe("/apply/mediation?category=rural_land_contracting");
    // an organ infringing the contract right is an act under Art. 11(8)
    expect(r.notes.flatMap((n) => n.basis)).toContain("《行政复议法》第十一条第八项");
  });
});

describe("16.1(e)–(f): petitions and lawsuit-related matters (《信访工作条例》)", () => {
  it("《信访工作条例》第十七条、第二十二条: complaints and suggestions → petition, with the reconsideration routing note (第三十一条第四项)", () => {
    const { primary: r } = primary({ situation: "complaint" });
    expect(r.channel).toBe("petition");
    expect(r.basis).toEqual(expect.arrayContaining(["《信访工作条例》第十七条", "《信访工作条例》第二十二条"]));
    expect(r.link).toBeNull();
    expect(r.notes.flatMap((n) => n.basis)).toEqual(["《信访工作条例》第三十一条第四项"]);
  });
  it("《信访工作条例》第二十八条第二款: lawsuit-related matters → litigation guidance by the political-legal organs", () => {
    const { primary: r } = primary({ situation: "court_case" });
    expect(r.channel).toBe("litigation");
    expect(r.basis).toContain("《信访工作条例》第二十八条第二款");
    expect(r.whereKey).toBe("guide.where.courtCase");
    expect(r.link).toBeNull();
  });
});

describe("every text the guide can show exists in both languages", () => {
  it("all guide.* and errors.* keys named in app/domain/guide.ts", () => {
    const source = fs.readFileSync(path.resolve(__dirname, "../../app/domain/guide.ts"), "utf8");
    const keys = new Set([...source.matchAll(/"((?:guide|errors|competent)\.[\w.]+)"/g)].map((m) => m[1]));
    for (const c of civilCategories) if (c !== "neighbour_family" && c !== "rural_land_contracting") keys.add(`guide.why.category.${c}`);
    expect(keys.size).toBeGreaterThan(40);
    for (const key of keys) {
      expect(zhCN, key).toHaveProperty(key);
      expect(en, key).toHaveProperty(key);
    }
  });
});
