// Which organ hears a reconsideration application, derived from the respondent (DOMAIN.md §2, Arts. 24–28).
// After the 2023 centralisation, one level of government has one reconsideration organ (2.11): a department's acts go
// to its own government, a government's acts to the government one level up, the autonomous-region government hears
// its own acts (Art. 24(2)); vertical systems (tax, customs, …) go up their own line (Art. 27); a dispatched 分局 goes to
// the government of the bureau that dispatched it (Art. 24(4)); a justice bureau's acts may also go to the next-higher
// justice department (Art. 28). Pure: the caller supplies the organ records.
import "~/locales/areas/apply";

export interface OrganNode {
  id: string;
  code: string;
  name: string;
  kind: "government" | "department" | "dispute_center" | "mediation_committee" | "court";
  level: "region" | "league_city" | "banner_county" | "sumu_township";
  parentId: string | null;
  divisionCode: string;
  isVertical: boolean;
  verticalCategory: string | null;
}

export type CompetentOrgan =
  | {
      ok: true;
      /** The organ in the portal that hears the case (a government, or a vertical system's next-higher department). */
      organ: OrganNode;
      article: string;
      /** i18n key of the plain-words reason, with {respondent} and {organ}. */
      reasonKey: string;
      /** Other organs the applicant may choose instead (Art. 24(4) second sentence, Art. 28). */
      alternatives: { organ: OrganNode; article: string; reasonKey: string }[];
    }
  | {
      ok: false;
      /** The competent organ is outside this portal (a State Council department, Art. 25/27). */
      externalName: string;
      article: string;
      reasonKey: string;
    }
  | { ok: false; notAnOrgan: true; reasonKey: string };

/** A 盟's 行政公署 is a dispatched organ (派出机关) of the region government, not a level of government (DOMAIN.md 2.04). */
const isDispatchedOrgan = (o: OrganNode) => o.kind === "government" && o.name.endsWith("行政公署");

const VERTICAL_TOP: Record<string, string> = { 税务: "国家税务总局", 海关: "海关总署" };

export function deriveCompetentOrgan(respondent: OrganNode, lookup: { byId(id: string): OrganNode | undefined; byCode(code: string): OrganNode | undefined }): CompetentOrgan {
  const parent = respondent.parentId ? lookup.byId(respondent.parentId) : undefined;
  if (respondent.kind === "court" || respondent.kind === "dispute_center" || respondent.kind === "mediation_committee") {
    // Courts are not administrative organs; mediation of civil disputes is not reviewable (Art. 12(4), DOMAIN.md 1.18).
    return { ok: false, notAnOrgan: true, reasonKey: respondent.kind === "court" ? "competent.notAnOrgan.court" : "competent.notAnOrgan.mediation" };
  }
  if (respondent.kind === "government") {
    if (respondent.level === "region") {
      return { ok: true, organ: respondent, article: "《行政复议法》第二十四条第二款", reasonKey: "competent.ownGovernment", alternatives: [] };
    }
    if (!parent) return { ok: false, externalName: "上一级人民政府", article: "《行政复议法》第二十四条第一款第二项", reasonKey: "competent.governmentUp" };
    return {
      ok: true,
      organ: parent,
      // A 行政公署's own acts: the government that set it up (Art. 24(1)(3)); a banner's acts go to the 行政公署, which
      // hears cases like a districted-city government (Art. 24(3)).
      article: isDispatchedOrgan(respondent)
        ? "《行政复议法》第二十四条第一款第三项"
        : isDispatchedOrgan(parent)
          ? "《行政复议法》第二十四条第一款第二项、第三款"
          : "《行政复议法》第二十四条第一款第二项",
      reasonKey: "competent.governmentUp",
      alternatives: [],
    };
  }
  // A department.
  if (respondent.isVertical) {
    if (parent && parent.kind === "department" && parent.isVertical) {
      return { ok: true, organ: parent, article: "《行政复议法》第二十七条", reasonKey: "competent.vertical", alternatives: [] };
    }
    const top = VERTICAL_TOP[respondent.verticalCategory ?? ""] ?? "上一级主管部门";
    return { ok: false, externalName: top, article: "《行政复议法》第二十七条", reasonKey: "competent.verticalExternal" };
  }
  if (parent?.kind === "department") {
    // A dispatched 分局 of a higher bureau (Art. 24(4)): the government of the dispatching bureau; where the 分局 is set
    // up by district, the district government may also hear the case.
    const government = parent.parentId ? lookup.byId(parent.parentId) : undefined;
    if (!government) return { ok: false, externalName: "派出部门的本级人民政府", article: "《行政复议法》第二十四条第四款", reasonKey: "competent.dispatched" };
    const local = lookup.byCode(respondent.divisionCode);
    return {
      ok: true,
      organ: government,
      article: "《行政复议法》第二十四条第四款",
      reasonKey: "competent.dispatched",
      alternatives:
        local && local.kind === "government" && local.id !== government.id
          ? [{ organ: local, article: "《行政复议法》第二十四条第四款", reasonKey: "competent.dispatchedLocal" }]
          : [],
    };
  }
  if (!parent || parent.kind !== "government") {
    return { ok: false, externalName: "本级人民政府", article: "《行政复议法》第二十四条第一款第一项", reasonKey: "competent.department" };
  }
  const alternatives: { organ: OrganNode; article: string; reasonKey: string }[] = [];
  if (respondent.code.endsWith("-justice") && parent.parentId) {
    // Art. 28: a justice bureau's acts — the same-level government or the next-higher justice department.
    const higherGovernment = lookup.byId(parent.parentId);
    const higherJustice = higherGovernment ? lookup.byCode(`${higherGovernment.code}-justice`) : undefined;
    if (higherJustice) alternatives.push({ organ: higherJustice, article: "《行政复议法》第二十八条", reasonKey: "competent.justiceUp" });
  }
  return { ok: true, organ: parent, article: "《行政复议法》第二十四条第一款第一项", reasonKey: "competent.department", alternatives };
}
