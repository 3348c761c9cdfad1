// Triage in the dispute center: the routing rules of DOMAIN.md 16.1 (a)–(g) with the law each leans on, the competent
// reconsideration organ of 《行政复议法》第二十四条至第二十八条 on the real organ tree of the seed, and the triage clock.
import { describe, expect, it } from "vitest";
import { buildCalendar } from "~/domain/calendar";
import { deriveCompetentOrgan, type OrganNode } from "~/domain/competent-organ";
import { suggestedChannels } from "~/domain/machines/mediation";
import { defaultSettings } from "~/domain/settings";
import {
  categoryRouting,
  channelFitsRules,
  disputeKinds,
  isOverride,
  RECONSIDERATION_TRIAGE_WORKDAYS,
  routingRules,
  submitChannel,
  suggestRouting,
  triageClock,
  triageTarget,
  type OrganDirectory,
} from "~/domain/triage";
import { buildOrganSpecs, loadDivisions } from "../../db/seed";

const nodes: OrganNode[] = buildOrganSpecs(loadDivisions()).map((s) => ({
  id: s.code,
  code: s.code,
  name: s.name,
  kind: s.kind,
  level: s.level,
  parentId: s.parentCode,
  divisionCode: s.divisionCode,
  isVertical: s.isVertical,
  verticalCategory: s.verticalCategory,
}));
const byCode = new Map(nodes.map((n) => [n.code, n]));
const lookup = { byId: (id: string) => byCode.get(id), byCode: (code: string) => byCode.get(code) };
const organ = (code: string) => {
  const n = byCode.get(code);
  if (!n) throw new Error(`no organ ${code}`);
  return { id: n.id, name: n.name };
};
const competent = (code: string) => deriveCompetentOrgan(byCode.get(code)!, lookup);

/** The organs the center of 新城区 (150102) would name: its government, center, committee, the league court. */
const xincheng: OrganDirectory = {
  government: organ("150102"),
  center: organ("150102-center"),
  mediation_committee: organ("150102-mediation"),
  court: organ("150100-court"),
};

describe("DOMAIN.md 16.1 as data", () => {
  it("has one rule per dispute kind, items (a)–(g), each citing its basis", () => {
    expect(routingRules.map((r) => r.item)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(new Set(routingRules.map((r) => r.disputeKind))).toEqual(new Set(disputeKinds));
    for (const r of routingRules) expect(r.basis).toContain(`16.1(${r.item})`);
  });

  it("suggests only channels the mediation machine's TRIAGE accepts without a reason (§16.1, machine M2)", () => {
    for (const r of routingRules) for (const t of r.targets) expect(suggestedChannels[r.disputeKind]).toContain(t.channel);
  });
});

describe("16.1(a): an administrative act → reconsideration at the competent organ (《行政复议法》第二十四条至第二十八条)", () => {
  it("a city department's act goes to the city government (第二十四条第一款第一项), with the Art. 20 period to tell", () => {
    const s = suggestRouting({ disputeKind: "administrative_act", organs: { government: organ("150100") }, competent: competent("150100-market") });
    expect(s).toMatchObject({ item: "a", channel: "reconsideration", organ: organ("150100"), reasonKey: "center.reason.competent" });
    expect(s.basis).toContain("第二十四条第一款第一项");
    expect(s.warnings).toEqual(["center.warning.applicationPeriod"]);
  });

  it("warns when reconsideration must come before suit (第二十三条)", () => {
    const s = suggestRouting({ disputeKind: "administrative_act", organs: {}, competent: competent("150100-market"), reconsiderationFirst: true });
    expect(s.warnings).toContain("center.warning.reconsiderationFirst");
  });

  it("follows the applicant's lawful choice of the higher justice department (第二十八条)", () => {
    const c = competent("150102-justice");
    expect(c.ok && c.alternatives.map((a) => a.organ.code)).toEqual(["150100-justice"]);
    const s = suggestRouting({ disputeKind: "administrative_act", organs: xincheng, competent: c, applicantChoiceId: "150100-justice" });
    expect(s.organ).toEqual(organ("150100-justice"));
    expect(s.reasonKey).toBe("center.reason.applicantChoice");
    expect(s.basis).toContain("第二十八条");
  });

  it("a choice the law does not offer does not change the suggestion: the derived organ stands", () => {
    const s = suggestRouting({ disputeKind: "administrative_act", organs: xincheng, competent: competent("150102-market"), applicantChoiceId: "150105" });
    expect(s.organ).toEqual(organ("150102"));
  });

  it("names no portal organ when the competent organ is outside the portal (第二十七条, vertical tax)", () => {
    const s = suggestRouting({ disputeKind: "administrative_act", organs: xincheng, competent: competent("150000-tax") });
    expect(s.organ).toBeNull();
    expect(s.reasonKey).toBe("center.reason.external");
    expect(s.basis).toContain("第二十七条");
  });

  it("a mediation body is no administrative organ: 16.1(g), not reconsideration (第十二条第四项)", () => {
    const s = suggestRouting({ disputeKind: "administrative_act", organs: xincheng, competent: competent("150102-mediation") });
    expect(s.item).toBe("g");
    expect(s.channel).toBe("litigation_guidance");
    expect(s.basis).toContain("第十二条第四项");
  });

  it("without a respondent (a mediation request about an expropriation), the division government's reconsideration", () => {
    expect(categoryRouting.house_expropriation.disputeKind).toBe("administrative_act");
    const s = suggestRouting({ disputeKind: "administrative_act", organs: xincheng });
    expect(s).toMatchObject({ channel: "reconsideration", organ: organ("150102") });
  });
});

describe("16.1(b)–(g) for mediation requests", () => {
  it("(b) a consumer dispute → administrative mediation by the market regulator", () => {
    const { disputeKind, department } = categoryRouting.consumer_rights;
    const s = suggestRouting({ disputeKind, organs: { ...xincheng, [department!]: organ("150102-market") } });
    expect(s).toMatchObject({ item: "b", channel: "administrative_mediation", organ: organ("150102-market") });
  });

  it("(c) a neighbour dispute → people's mediation by the committee in the center (《人民调解法》第十七条、第十八条)", () => {
    const s = suggestRouting({ disputeKind: "civil_neighbour_family", organs: xincheng });
    expect(s).toMatchObject({ item: "c", channel: "people_mediation", organ: organ("150102-mediation") });
    expect(s.basis).toContain("《人民调解法》第十七条");
    // without a committee the center itself mediates
    expect(suggestRouting({ disputeKind: "civil_neighbour_family", organs: { ...xincheng, mediation_committee: null } }).organ).toEqual(organ("150102-center"));
  });

  it("(d) a rural land contract dispute → village or township mediation, then arbitration (农地调解仲裁法 第三条、第四条)", () => {
    const s = suggestRouting({ disputeKind: "rural_land_contract", organs: { government: organ("150121"), agriculture: organ("150121-agriculture") } });
    expect(s).toMatchObject({ item: "d", channel: "administrative_mediation", organ: organ("150121-agriculture") });
    expect(s.basis).toContain("第四条");
  });

  it("(e) a complaint fitting nothing else → petition (《信访工作条例》第二十二条)", () => {
    expect(categoryRouting.other.disputeKind).toBe("complaint_or_suggestion");
    const s = suggestRouting({ disputeKind: "complaint_or_suggestion", organs: xincheng });
    expect(s).toMatchObject({ item: "e", channel: "petition", organ: organ("150102") });
    expect(s.basis).toContain("《信访工作条例》第二十二条");
  });

  it("(f) a lawsuit-related matter → the courts (《信访工作条例》第二十八条第二款)", () => {
    const s = suggestRouting({ disputeKind: "lawsuit_related", organs: xincheng });
    expect(s).toMatchObject({ item: "f", channel: "litigation_guidance", organ: organ("150100-court") });
  });

  it("(g) an organ's mediation of a civil dispute is never routed to reconsideration (《行政复议法》第十二条第四项)", () => {
    const s = suggestRouting({ disputeKind: "objection_to_civil_mediation_by_organ", organs: xincheng });
    expect(s.channel).not.toBe("reconsideration");
    expect(channelFitsRules("objection_to_civil_mediation_by_organ", "reconsideration")).toBe(false);
  });
});

describe("the clerk's decision", () => {
  it("an override is another channel or another organ (and then needs a reason)", () => {
    const s = { channel: "reconsideration" as const, organ: organ("150100") };
    expect(isOverride(s, { channel: "reconsideration", organId: "150100" })).toBe(false);
    expect(isOverride(s, { channel: "reconsideration", organId: "150100-justice" })).toBe(true);
    expect(isOverride(s, { channel: "petition", organId: "150100" })).toBe(true);
    expect(isOverride({ channel: "reconsideration", organ: null }, { channel: "reconsideration", organId: "150100" })).toBe(true);
  });

  it("a walk-in reconsideration application is oral and must be recorded and signed (《行政复议法》第二十二条第三款); a transfer is written (第二款)", () => {
    expect(submitChannel("reconsideration", "walk_in")).toBe("oral");
    expect(submitChannel("reconsideration", "hotline_12345")).toBe("post");
    expect(submitChannel("mediation", "hotline_12345")).toBe("phone");
    expect(submitChannel("mediation", "petition_office")).toBe("letter");
  });
});

describe("the triage clock (DOMAIN.md §16 T_TRIAGE, a platform setting)", () => {
  const calendar = buildCalendar([]);
  const settings = defaultSettings();

  it("a reconsideration application has 1 working day, since the 5-WD review (第三十条第一款) runs from receipt", () => {
    expect(triageTarget("reconsideration", settings)).toBe(RECONSIDERATION_TRIAGE_WORKDAYS);
    expect(RECONSIDERATION_TRIAGE_WORKDAYS).toBe(1);
    expect(triageTarget("mediation", settings)).toBe(settings.mediationTriageWorkdays);
  });

  it("counts working days after the receipt day (第八十八条): received Friday, due Monday, overdue Tuesday", () => {
    expect(triageClock("2026-11-27", "2026-11-27", 1, calendar, settings)).toEqual({ elapsed: 0, target: 1, tone: "ok" });
    expect(triageClock("2026-11-27", "2026-11-29", 1, calendar, settings).tone).toBe("ok"); // the weekend does not count
    expect(triageClock("2026-11-27", "2026-11-30", 1, calendar, settings)).toEqual({ elapsed: 1, target: 1, tone: "due" });
    expect(triageClock("2026-11-27", "2026-12-01", 1, calendar, settings)).toEqual({ elapsed: 2, target: 1, tone: "overdue" });
  });
});
