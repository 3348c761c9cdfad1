// Which organ hears a reconsideration application (《行政复议法》第二十四条至第二十八条, DOMAIN.md §2), on the real
// reference organ tree of Inner Mongolia that the seed writes (db/seed.ts buildOrganSpecs over db/data/im-divisions.json),
// held in memory with id = code.
import { describe, expect, it } from "vitest";
import { deriveCompetentOrgan, type CompetentOrgan, type OrganNode } from "~/domain/competent-organ";
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
const organ = (code: string): OrganNode => {
  const n = byCode.get(code);
  if (!n) throw new Error(`no organ ${code} in the reference tree`);
  return n;
};
const competent = (code: string) => deriveCompetentOrgan(organ(code), lookup);

/** The result in names, the way a citizen reads it. */
function summary(r: CompetentOrgan) {
  if (r.ok) return { organ: r.organ.name, article: r.article, reasonKey: r.reasonKey, alternatives: r.alternatives.map((a) => ({ organ: a.organ.name, article: a.article, reasonKey: a.reasonKey })) };
  return r;
}

describe("the reference tree these tests run on", () => {
  it("has the names the assertions below rely on", () => {
    expect(organ("150000").name).toBe("内蒙古自治区人民政府");
    expect(organ("150100").name).toBe("呼和浩特市人民政府");
    expect(organ("152200").name).toBe("兴安盟行政公署");
    expect(organ("150121").name).toBe("土默特左旗人民政府");
    expect(organ("150102-police")).toMatchObject({ name: "呼和浩特市公安局新城区分局", parentId: "150100-police" });
    expect(organ("150121-police")).toMatchObject({ name: "土默特左旗公安局", parentId: "150121" });
  });
});

describe("《行政复议法》第二十四条: the local governments", () => {
  it("第一款第一项: a banner department → its banner government", () => {
    expect(summary(competent("150121-market"))).toEqual({
      organ: "土默特左旗人民政府",
      article: "《行政复议法》第二十四条第一款第一项",
      reasonKey: "competent.department",
      alternatives: [],
    });
  });
  it("第一款第一项: a banner's own police bureau (not a 分局) → its banner government", () => {
    expect(summary(competent("150121-police"))).toMatchObject({ organ: "土默特左旗人民政府", article: "《行政复议法》第二十四条第一款第一项", alternatives: [] });
  });
  it("第一款第一项: a department of the region → the region government", () => {
    expect(summary(competent("150000-market"))).toMatchObject({ organ: "内蒙古自治区人民政府", article: "《行政复议法》第二十四条第一款第一项", reasonKey: "competent.department" });
  });
  it("第一款第二项: a banner government → its city government", () => {
    expect(summary(competent("150121"))).toEqual({ organ: "呼和浩特市人民政府", article: "《行政复议法》第二十四条第一款第二项", reasonKey: "competent.governmentUp", alternatives: [] });
  });
  it("第一款第二项: a city government → the region government", () => {
    expect(summary(competent("150100"))).toEqual({ organ: "内蒙古自治区人民政府", article: "《行政复议法》第二十四条第一款第二项", reasonKey: "competent.governmentUp", alternatives: [] });
  });
  it("第三款: a banner government of a 盟 → the 行政公署, which hears cases like a districted-city government", () => {
    expect(summary(competent("152221"))).toEqual({
      organ: "兴安盟行政公署",
      article: "《行政复议法》第二十四条第一款第二项、第三款",
      reasonKey: "competent.governmentUp",
      alternatives: [],
    });
  });
  it.each(["152200", "152500", "152900"])("第一款第三项: the 行政公署 %s, a dispatched organ of the region, → the region government", (code) => {
    expect(summary(competent(code))).toEqual({ organ: "内蒙古自治区人民政府", article: "《行政复议法》第二十四条第一款第三项", reasonKey: "competent.governmentUp", alternatives: [] });
  });
  it("第二款: the region government hears cases against its own acts", () => {
    const r = competent("150000");
    expect(r.ok && r.organ).toBe(organ("150000"));
    expect(summary(r)).toEqual({ organ: "内蒙古自治区人民政府", article: "《行政复议法》第二十四条第二款", reasonKey: "competent.ownGovernment", alternatives: [] });
  });
  it("第四款: a district police 分局 → the city government; the district government may also hear it", () => {
    expect(summary(competent("150102-police"))).toEqual({
      organ: "呼和浩特市人民政府",
      article: "《行政复议法》第二十四条第四款",
      reasonKey: "competent.dispatched",
      alternatives: [{ organ: "呼和浩特市新城区人民政府", article: "《行政复议法》第二十四条第四款", reasonKey: "competent.dispatchedLocal" }],
    });
  });
  it("第四款: an ecology 分局 in a banner → the city government, or the banner government where it sits", () => {
    expect(summary(competent("150121-ecology"))).toMatchObject({
      organ: "呼和浩特市人民政府",
      article: "《行政复议法》第二十四条第四款",
      alternatives: [{ organ: "土默特左旗人民政府", reasonKey: "competent.dispatchedLocal" }],
    });
  });
});

describe("《行政复议法》第二十七条: vertically managed organs go up their own line", () => {
  it("a banner tax bureau → the city tax bureau", () => {
    expect(summary(competent("150121-tax"))).toEqual({ organ: "国家税务总局呼和浩特市税务局", article: "《行政复议法》第二十七条", reasonKey: "competent.vertical", alternatives: [] });
  });
  it("a 盟 tax bureau → the region tax bureau", () => {
    expect(summary(competent("152200-tax"))).toMatchObject({ organ: "国家税务总局内蒙古自治区税务局", article: "《行政复议法》第二十七条" });
  });
  it("the region tax bureau → 国家税务总局, outside the portal", () => {
    expect(competent("150000-tax")).toEqual({ ok: false, externalName: "国家税务总局", article: "《行政复议法》第二十七条", reasonKey: "competent.verticalExternal" });
  });
  it("customs → 海关总署, outside the portal", () => {
    expect(competent("150000-customs")).toEqual({ ok: false, externalName: "海关总署", article: "《行政复议法》第二十七条", reasonKey: "competent.verticalExternal" });
  });
  it("never the local government, whatever the tax bureau's division", () => {
    for (const n of nodes.filter((o) => o.verticalCategory === "税务")) {
      const r = competent(n.code);
      if (r.ok) expect(r.organ.verticalCategory, n.code).toBe("税务");
      else expect(r, n.code).toMatchObject({ externalName: "国家税务总局" });
    }
  });
});

describe("《行政复议法》第二十八条: a justice bureau → its own government, or the next-higher justice department", () => {
  it("a banner justice bureau", () => {
    expect(summary(competent("150121-justice"))).toEqual({
      organ: "土默特左旗人民政府",
      article: "《行政复议法》第二十四条第一款第一项",
      reasonKey: "competent.department",
      alternatives: [{ organ: "呼和浩特市司法局", article: "《行政复议法》第二十八条", reasonKey: "competent.justiceUp" }],
    });
  });
  it("a city justice bureau → the city government, or the region's justice department (司法厅)", () => {
    expect(summary(competent("150100-justice"))).toMatchObject({
      organ: "呼和浩特市人民政府",
      alternatives: [{ organ: "内蒙古自治区司法厅", article: "《行政复议法》第二十八条" }],
    });
  });
  it("the region's justice department: the region government only (the Ministry of Justice is not on the portal)", () => {
    expect(summary(competent("150000-justice"))).toMatchObject({ organ: "内蒙古自治区人民政府", alternatives: [] });
  });
  it("no other department gets the Art. 28 choice", () => {
    expect(summary(competent("150121-hrss"))).toMatchObject({ alternatives: [] });
  });
});

describe("not reviewable: courts are not administrative organs; mediation of civil disputes is excluded (《行政复议法》第十二条第四项, DOMAIN.md 1.18)", () => {
  it.each([
    ["150100-court", "competent.notAnOrgan.court"],
    ["150000-court", "competent.notAnOrgan.court"],
    ["150121-center", "competent.notAnOrgan.mediation"],
    ["150100-center", "competent.notAnOrgan.mediation"],
    ["150102-mediation", "competent.notAnOrgan.mediation"],
  ])("%s → %s", (code, reasonKey) => {
    expect(competent(code)).toEqual({ ok: false, notAnOrgan: true, reasonKey });
  });
});

describe("the whole tree", () => {
  it("every government and department gets a competent organ, a government or the next vertical department", () => {
    const respondents = nodes.filter((n) => n.kind === "government" || n.kind === "department");
    expect(respondents.length).toBeGreaterThan(1000);
    for (const n of respondents) {
      const r = competent(n.code);
      if (!r.ok) {
        // only the top of a vertical line leaves the portal
        expect(n.isVertical && n.level === "region", n.code).toBe(true);
        continue;
      }
      expect(r.article, n.code).toMatch(/^《行政复议法》第二十[四七]条/);
      if (n.isVertical) expect(r.organ.isVertical && r.organ.kind === "department", n.code).toBe(true);
      else expect(r.organ.kind, n.code).toBe("government");
      // a government never hears a case against a government of a higher level
      if (n.kind === "government" && n.level !== "region") expect(r.organ.id, n.code).toBe(n.parentId);
      for (const a of r.alternatives) expect(a.organ.id, n.code).not.toBe(r.organ.id);
    }
  });
});

describe("when the organ records are incomplete", () => {
  const none = { byId: () => undefined, byCode: () => undefined };
  it("a government without its parent: the government one level up, by name", () => {
    expect(deriveCompetentOrgan(organ("150121"), none)).toEqual({ ok: false, externalName: "上一级人民政府", article: "《行政复议法》第二十四条第一款第二项", reasonKey: "competent.governmentUp" });
  });
  it("a department without its government: its own government, by name", () => {
    expect(deriveCompetentOrgan(organ("150121-market"), none)).toMatchObject({ ok: false, externalName: "本级人民政府", article: "《行政复议法》第二十四条第一款第一项" });
  });
  it("a 分局 whose bureau's government is missing: by name, under 第二十四条第四款", () => {
    const onlyBureau = { byId: (id: string) => (id === "150100-police" ? { ...organ("150100-police"), parentId: null } : undefined), byCode: () => undefined };
    expect(deriveCompetentOrgan(organ("150102-police"), onlyBureau)).toEqual({
      ok: false,
      externalName: "派出部门的本级人民政府",
      article: "《行政复议法》第二十四条第四款",
      reasonKey: "competent.dispatched",
    });
  });
  it("a 分局 without its local government record: no alternative", () => {
    const noLocal = { byId: lookup.byId, byCode: (code: string) => (code === "150102" ? undefined : lookup.byCode(code)) };
    expect(deriveCompetentOrgan(organ("150102-police"), noLocal)).toMatchObject({ ok: true, alternatives: [] });
  });
});
