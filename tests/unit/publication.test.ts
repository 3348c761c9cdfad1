// Publication of decisions (《行政复议法》第七十九条第一款, 第七十五条第二款; 《政府信息公开条例》第十四条、第十五条;
// 《个人信息保护法》第三十四条): what may be published, the anonymised copy of a rendered 决定书 and its title, the re-check
// of a reviewer's correction, four eyes on approval, and the forms.
import { describe, expect, it } from "vitest";
import { findLeaks } from "~/domain/anonymise";
import { renderDocument, type DocumentFacts } from "~/domain/documents";
import {
  anonymisedCopy,
  approvalRefusal,
  checkCopy,
  personNamesOf,
  ProposePublicationFormSchema,
  publicationRefusal,
  PublicSearchSchema,
  ReviewPublicationFormSchema,
  secretsOfParties,
  snippetOf,
  WithdrawPublicationFormSchema,
  publicationSteps,
} from "~/domain/publication";

const parties = [
  {
    kind: "person",
    name: "王小明",
    details: {
      idNumber: "150102198503071234",
      phone: "13947112345",
      address: "呼和浩特市新城区海拉尔东路12号锦绣小区3号楼501室",
    },
  },
  { kind: "person", name: "其木格", details: { phone: "15804751234" } },
  {
    kind: "organisation",
    name: "包头市鑫源商贸有限公司",
    details: { representativeName: "赵志刚" },
  },
];

const facts = (over: Partial<DocumentFacts> = {}): DocumentFacts => ({
  caseNumber: "FY2026-150100-00017",
  organName: "呼和浩特市人民政府",
  number: "呼政复〔2026〕17号",
  issuedOn: "2026-05-04",
  basis: "《行政复议法》第六十八条",
  applicants: ["王小明"],
  respondentName: "呼和浩特市市场监督管理局",
  actDocumentNumber: "呼市监罚〔2026〕8号",
  actName: "行政处罚决定书",
  receivedOn: "2026-02-26",
  acceptedOn: "2026-03-05",
  procedure: "ordinary",
  handlerName: "李明轩",
  decisionDue: null,
  replyDue: null,
  requests: "撤销行政处罚决定",
  factsAndReasons:
    "申请人王小明（公民身份号码150102198503071234，联系电话13947112345）住呼和浩特市新城区海拉尔东路12号锦绣小区3号楼501室，第三人其木格系其邻居。",
  replySummary: "申请人驾驶蒙A·12345号小型轿车违法停放，事实清楚。",
  hearing: null,
  draft: {
    facts:
      "2026年1月5日，被申请人执法人员在申请人王小明经营的商店查获过期食品，证人其木格在场。",
    reasoning:
      "被申请人认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。",
    result: "维持被申请人作出的行政处罚决定",
  },
  data: { type: "uphold" },
  ...over,
});

describe("what may be published (《行政复议法》第七十九条第一款, 第七十五条第二款)", () => {
  const base = {
    machine: "reconsideration",
    documentKind: "decision",
    caseState: "DECISION_EFFECTIVE",
    servedOn: "2026-05-06",
  };

  it("an effective (served) 行政复议决定书 may be published, also later while performance is monitored or after closing", () => {
    expect(publicationRefusal(base)).toBeNull();
    for (const caseState of [
      "PERFORMANCE_MONITORING",
      "PERFORMANCE_REPORTED",
      "CLOSED",
    ])
      expect(publicationRefusal({ ...base, caseState })).toBeNull();
  });

  it("Art. 75(2): a decision issued but not yet served is not in force and is not published", () => {
    expect(
      publicationRefusal({
        ...base,
        caseState: "DECISION_ISSUED",
        servedOn: null,
      })?.code
    ).toBe("not_effective");
    expect(publicationRefusal({ ...base, servedOn: null })?.message).toContain(
      "第七十五条第二款"
    );
    expect(
      publicationRefusal({ ...base, caseState: "DECISION_APPROVAL" })?.code
    ).toBe("not_effective");
  });

  it("Art. 79(1) speaks of 行政复议决定书 only: a 调解书, a notice or a mediation case is not published here", () => {
    expect(
      publicationRefusal({ ...base, documentKind: "mediation_document" })?.code
    ).toBe("not_a_decision");
    expect(
      publicationRefusal({ ...base, documentKind: "acceptance_notice" })?.code
    ).toBe("not_a_decision");
    expect(
      publicationRefusal({ ...base, machine: "mediation" })?.message
    ).toContain("第七十九条第一款");
  });

  it("Art. 79(1): the act's disclosure decides — an act not made public, or secrets unconfirmed, refuse the proposal", () => {
    expect(
      ProposePublicationFormSchema.safeParse({
        actDisclosure: "public",
        noSecrets: "yes",
      }).success
    ).toBe(true);
    const notPublic = ProposePublicationFormSchema.safeParse({
      actDisclosure: "not_public",
      noSecrets: "yes",
    });
    expect(notPublic.success).toBe(false);
    expect(notPublic.error?.issues[0]).toMatchObject({
      path: ["actDisclosure"],
      message: "publication.errors.actNotPublic",
    });
    const secrets = ProposePublicationFormSchema.safeParse({
      actDisclosure: "public",
    });
    expect(secrets.error?.issues[0]).toMatchObject({
      path: ["noSecrets"],
      message: "publication.errors.noSecrets",
    });
    expect(
      ProposePublicationFormSchema.safeParse({
        actDisclosure: "maybe",
        noSecrets: "yes",
      }).success
    ).toBe(false);
  });
});

describe("the steps after a proposal (《行政复议法》第七十九条第一款: public only once approved)", () => {
  it("approval and rejection start from a proposal only; only an approved copy can be withdrawn", () => {
    expect(publicationSteps.approve).toEqual({ from: "proposed", to: "approved" });
    expect(publicationSteps.reject).toEqual({ from: "proposed", to: "rejected" });
    expect(publicationSteps.withdraw).toEqual({ from: "approved", to: "withdrawn" });
  });
});

describe("four eyes on approval (the reviewer is an office head of the deciding organ, not the proposer)", () => {
  it("another office head of the organ may approve", () => {
    expect(
      approvalRefusal({
        reviewerIsOfficeHeadOfOrgan: true,
        reviewerId: "head-2",
        proposedBy: "staff-1",
      })
    ).toBeNull();
  });
  it("the proposer cannot approve their own proposal, even as office head", () => {
    expect(
      approvalRefusal({
        reviewerIsOfficeHeadOfOrgan: true,
        reviewerId: "head-1",
        proposedBy: "head-1",
      })?.code
    ).toBe("own_proposal");
  });
  it("someone who is not office head of the deciding organ cannot approve", () => {
    expect(
      approvalRefusal({
        reviewerIsOfficeHeadOfOrgan: false,
        reviewerId: "staff-9",
        proposedBy: "staff-1",
      })?.code
    ).toBe("not_office_head");
  });
});

describe("the anonymised copy of a rendered 决定书 (法释〔2016〕19号 第九条、第十条; 《政府信息公开条例》第十五条)", () => {
  const doc = renderDocument("decision", facts());
  const copy = anonymisedCopy({
    document: doc,
    personNames: personNamesOf(parties),
    respondentName: "呼和浩特市市场监督管理局",
    actName: "行政处罚决定书",
  });

  it("leaks no name, ID number, phone, plate or street address of the case", () => {
    expect(
      findLeaks(copy.text, [
        ...secretsOfParties(parties),
        "蒙A·12345",
        "海拉尔东路",
        "锦绣小区",
      ])
    ).toEqual([]);
    expect(findLeaks(copy.title, secretsOfParties(parties))).toEqual([]);
  });

  it("keeps the organs, the 文号, the reasoning and the surname + 某", () => {
    for (const kept of [
      "呼和浩特市人民政府",
      "呼和浩特市市场监督管理局",
      "呼政复〔2026〕17号",
      "适用依据正确",
      "王某",
      "其某",
      "呼和浩特市新城区",
    ])
      expect(copy.text).toContain(kept);
    // the portal's case number is no part of the public copy
    expect(copy.text).not.toContain("FY2026-150100-00017");
  });

  it("counts what it removed, by kind, without the values", () => {
    expect(copy.redactions.name).toBeGreaterThanOrEqual(3);
    expect(copy.redactions.idNumber).toBe(1);
    expect(copy.redactions.phone).toBe(1);
    expect(copy.redactions.plate).toBe(1);
    expect(JSON.stringify(copy.redactions)).not.toContain("王小明");
  });

  it("the public title names no person, even when the act's name (the applicant's words) does", () => {
    const titled = anonymisedCopy({
      document: doc,
      personNames: ["王小明"],
      respondentName: "呼和浩特市市场监督管理局",
      actName: "对王小明的行政处罚决定书",
    });
    expect(titled.title).not.toContain("王小明");
    expect(titled.title).toContain("呼和浩特市市场监督管理局");
    expect(titled.title).toMatch(/行政复议决定书$/u);
  });

  it("the generated copy passes its own re-check: no leaks, nothing more the anonymiser would remove", () => {
    expect(
      checkCopy(copy, secretsOfParties(parties), personNamesOf(parties))
    ).toEqual({ leaks: [], warnings: [] });
  });

  it("a reviewer's correction that puts a party's name or number back is a leak; a new phone is a warning", () => {
    const leaky = checkCopy(
      { title: copy.title, text: `${copy.text}\n申请人王小明另称。` },
      secretsOfParties(parties),
      personNamesOf(parties)
    );
    expect(leaky.leaks).toContain("王小明");
    const warned = checkCopy(
      { title: copy.title, text: `${copy.text}\n联系电话13900001111。` },
      secretsOfParties(parties),
      personNamesOf(parties)
    );
    expect(warned.leaks).toEqual([]);
    expect(warned.warnings).toEqual([{ kind: "phone", text: "13900001111" }]);
  });

  it("an organisation party keeps its name; its representative is a person", () => {
    expect(personNamesOf(parties)).toEqual(["王小明", "其木格", "赵志刚"]);
    expect(secretsOfParties(parties)).not.toContain("包头市鑫源商贸有限公司");
  });
});

describe("forms and the public query", () => {
  const id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
  it("rejecting needs a reason; approving does not", () => {
    const base = {
      publicationId: id,
      title: "关于某局的行政复议决定书",
      text: "正文",
    };
    expect(
      ReviewPublicationFormSchema.safeParse({ ...base, decision: "approve" })
        .success
    ).toBe(true);
    expect(
      ReviewPublicationFormSchema.safeParse({
        ...base,
        decision: "reject",
        reason: " ",
      }).error?.issues[0].message
    ).toBe("publication.errors.rejectReason");
    expect(
      ReviewPublicationFormSchema.safeParse({ ...base, decision: "publish" })
        .success
    ).toBe(false);
    expect(
      ReviewPublicationFormSchema.safeParse({
        ...base,
        decision: "approve",
        publicationId: "1 or 1=1",
      }).success
    ).toBe(false);
    expect(
      ReviewPublicationFormSchema.safeParse({
        ...base,
        decision: "approve",
        text: "  ",
      }).error?.issues[0].message
    ).toBe("publication.errors.text");
  });
  it("withdrawal needs a reason", () => {
    expect(
      WithdrawPublicationFormSchema.safeParse({ publicationId: id, reason: "" })
        .error?.issues[0].message
    ).toBe("publication.errors.withdrawReason");
  });
  it("the public query: empty fields are no filter; a bad organ, year or page is refused", () => {
    expect(
      PublicSearchSchema.parse({ q: "", organ: "", year: "", page: "" })
    ).toEqual({ q: null, organ: null, year: null, page: 1 });
    expect(
      PublicSearchSchema.parse({ q: " 行政处罚 ", year: "2026", page: "3" })
    ).toMatchObject({ q: "行政处罚", year: 2026, page: 3 });
    for (const bad of [
      { organ: "x" },
      { year: "26" },
      { page: "0" },
      { page: "-1" },
      { q: "字".repeat(51) },
    ])
      expect(PublicSearchSchema.safeParse(bad).success).toBe(false);
  });
  it("the snippet shows the words around the match", () => {
    const text = `${"甲".repeat(100)}行政处罚${"乙".repeat(100)}`;
    const s = snippetOf(text, "行政处罚", 10);
    expect(s).toBe(`…${"甲".repeat(10)}行政处罚${"乙".repeat(10)}…`);
    expect(snippetOf("短文本", null)).toBe("短文本");
  });
});
