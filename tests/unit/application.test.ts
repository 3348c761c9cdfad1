// The reconsideration application (行政复议申请书): one schema per step of /apply/reconsideration, each rejecting bad
// input with the i18n key the form shows; the checks before submission, each naming its article of the 《行政复议法》;
// and parseNestedForm, which turns posted dotted field names into objects without letting hostile keys through.
import { describe, expect, it } from "vitest";
import {
  actStepSchema,
  addYears,
  agentsStepSchema,
  applicantsStepSchema,
  applicationSchema,
  applicationSteps,
  assessApplication,
  evidenceStepSchema,
  fieldErrors,
  MAX_AGENTS,
  MAX_APPLICANTS,
  noControlChars,
  parseNestedForm,
  reconsiderationFirst,
  requestsStepSchema,
  reviewStepSchema,
  stepSchema,
  submissionAllowed,
  type Finding,
} from "~/domain/application";

const TODAY = "2026-03-10";

/** GB 11643-1999 check digit, written here from the standard (ISO 7064 MOD 11-2), not taken from the code under test. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}
/** The n-th test person: born 1970-01-01 (before the 2000 lower bound of period dates), sex from the sequence. */
const idOf = (n: number, sex: "male" | "female" = "male") => residentId(`150102197001010${String(n * 2 + (sex === "male" ? 1 : 0)).padStart(2, "0")}`);

const person = (over: Record<string, unknown> = {}) => ({
  kind: "person",
  name: "张海峰",
  sex: "male",
  birthDate: "1970-01-01",
  idNumber: idOf(1),
  address: "呼和浩特市新城区中山东路1号",
  phone: "138 0000 0001",
  ...over,
});
const organisation = (over: Record<string, unknown> = {}) => ({
  kind: "organisation",
  name: "内蒙古某某商贸有限公司",
  creditCode: "91110000600037341l",
  address: "包头市昆都仑区钢铁大街2号",
  legalRepresentative: "其其格",
  phone: "0471-6612345",
  ...over,
});
const UUID = "3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b";
const agent = (over: Record<string, unknown> = {}) => ({
  name: "李律师",
  type: "lawyer",
  idNumber: idOf(9, "female"),
  phone: "13800000002",
  organisation: "内蒙古某律师事务所",
  powerOfAttorneyFileId: UUID,
  ...over,
});
const act = (over: Record<string, unknown> = {}) => ({
  respondentOrganId: UUID,
  actTitle: "行政处罚决定书",
  actDocumentNumber: "新公（治）罚字〔2026〕12号",
  actKind: "penalty",
  madeOn: "2026-02-02",
  learnedOn: "2026-02-03",
  informed: "yes",
  onTheSpotPenalty: "no",
  failureToAct: "no",
  normativeReview: "no",
  compensation: "no",
  ...over,
});
const review = (over: Record<string, unknown> = {}) => ({
  electronicServiceConsent: "yes",
  declaration: "yes",
  submissionKey: "k_0123456789abcdef",
  ...over,
});

/** The field errors a schema reports for an input: { "dotted.path": "errors.key" }, or {} when it parses. */
function errorsOf(schema: { safeParse(v: unknown): { success: true } | { success: false; error: Parameters<typeof fieldErrors>[0] } }, input: unknown) {
  const r = schema.safeParse(input);
  return r.success ? {} : fieldErrors(r.error);
}

describe("step 1, applicants (《行政复议法》第十四条; 《行政复议法实施条例》第八条、第十九条)", () => {
  const schema = applicantsStepSchema(TODAY);

  it("accepts a person and an organisation, normalising phone, ID number and credit code", () => {
    const r = schema.parse({ applicants: [person({ idNumber: ` ${idOf(1)} ` }), organisation()] });
    expect(r.applicants[0]).toMatchObject({ kind: "person", idNumber: idOf(1), phone: "13800000001", birthDate: "1970-01-01", representative: false });
    expect(r.applicants[1]).toMatchObject({ kind: "organisation", creditCode: "91110000600037341L", phone: "0471-6612345" });
  });
  it("accepts a birth date long before 2000 and an ID number typed full-width with a lower-case x", () => {
    const id = "11010519491231002X";
    const fw = id.toLowerCase().replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const r = schema.parse({ applicants: [person({ sex: "female", birthDate: "1949年12月31日", idNumber: fw })] });
    expect(r.applicants[0]).toMatchObject({ idNumber: id, birthDate: "1949-12-31" });
  });

  it.each([
    ["no applicant", { applicants: [] }, { applicants: "errors.applicantRequired" }],
    ["applicants missing", {}, { applicants: "errors.applicantRequired" }],
    ["ID number and birth date disagree", { applicants: [person({ birthDate: "1970-01-02" })] }, { "applicants.0.idNumber": "errors.idNumberBirthMismatch" }],
    ["ID number and sex disagree", { applicants: [person({ sex: "female" })] }, { "applicants.0.idNumber": "errors.idNumberSexMismatch" }],
    ["wrong check digit", { applicants: [person({ idNumber: idOf(1).slice(0, 17) + (idOf(1).endsWith("0") ? "1" : "0") })] }, { "applicants.0.idNumber": "errors.idNumberCheckDigit" }],
    ["15-digit ID", { applicants: [person({ idNumber: "150102700101013" })] }, { "applicants.0.idNumber": "errors.idNumberLegacy15" }],
    ["ID number missing", { applicants: [person({ idNumber: undefined })] }, { "applicants.0.idNumber": "errors.idNumberRequired" }],
    ["wrong credit code", { applicants: [organisation({ creditCode: "91110000600037341M" })] }, { "applicants.0.creditCode": "errors.creditCodeCheckDigit" }],
    ["credit code with a forbidden letter", { applicants: [organisation({ creditCode: "91110000600037341O" })] }, { "applicants.0.creditCode": "errors.creditCodeFormat" }],
    ["NUL byte in the name", { applicants: [person({ name: "张\u0000海峰" })] }, { "applicants.0.name": "errors.textInvalid" }],
    ["name too long", { applicants: [person({ name: "张".repeat(51) })] }, { "applicants.0.name": "errors.nameTooLong" }],
    ["blank name", { applicants: [person({ name: "   " })] }, { "applicants.0.name": "errors.nameRequired" }],
    ["sex missing", { applicants: [person({ sex: "" })] }, { "applicants.0.sex": "errors.sexRequired" }],
    ["birth date tomorrow", { applicants: [person({ birthDate: "2026-03-11" })] }, { "applicants.0.birthDate": "errors.dateFuture" }],
    ["birth date 30 February", { applicants: [person({ birthDate: "1970-02-30" })] }, { "applicants.0.birthDate": "errors.dateNotExist" }],
    ["birth date unreadable", { applicants: [person({ birthDate: "1月1日" })] }, { "applicants.0.birthDate": "errors.dateFormat" }],
    ["phone invalid", { applicants: [person({ phone: "12345" })] }, { "applicants.0.phone": "errors.phoneInvalid" }],
    ["address missing", { applicants: [person({ address: "" })] }, { "applicants.0.address": "errors.addressRequired" }],
    ["organisation without legal representative", { applicants: [organisation({ legalRepresentative: "" })] }, { "applicants.0.legalRepresentative": "errors.legalRepresentativeRequired" }],
    ["unknown kind", { applicants: [person({ kind: "robot" })] }, { "applicants.0.kind": "errors.applicantKindRequired" }],
  ])("%s", (_label, input, errors) => {
    expect(errorsOf(schema, input)).toEqual(errors);
  });

  it("the same person twice is one applicant, also when typed differently (errors.applicantDuplicate)", () => {
    const id = idOf(2);
    expect(errorsOf(schema, { applicants: [person({ idNumber: id }), person({ idNumber: `${id.slice(0, 6)} ${id.slice(6)}`, name: "张海" })] })).toEqual({
      "applicants.1.idNumber": "errors.applicantDuplicate",
    });
    expect(errorsOf(schema, { applicants: [organisation(), organisation({ creditCode: "91110000600037341L" })] })).toEqual({
      "applicants.1.creditCode": "errors.applicantDuplicate",
    });
  });

  describe("实施条例第八条: more than five applicants elect one to five representatives", () => {
    const many = (n: number, representatives: number) =>
      Array.from({ length: n }, (_, i) => person({ idNumber: idOf(i + 1), representative: i < representatives ? "on" : "" }));
    it("five applicants need none", () => expect(errorsOf(schema, { applicants: many(5, 0) })).toEqual({}));
    it("six without a representative → errors.representativesCount", () => {
      expect(errorsOf(schema, { applicants: many(6, 0) })).toEqual({ applicants: "errors.representativesCount" });
    });
    it("six with one, or with five, representatives are fine", () => {
      expect(errorsOf(schema, { applicants: many(6, 1) })).toEqual({});
      expect(errorsOf(schema, { applicants: many(6, 5) })).toEqual({});
    });
    it("six representatives are too many", () => {
      expect(errorsOf(schema, { applicants: many(6, 6) })).toEqual({ applicants: "errors.representativesCount" });
    });
    it("a checkbox posts 'on' (or 'yes'); anything else is not a tick", () => {
      expect(schema.parse({ applicants: [person({ representative: "yes" })] }).applicants[0].representative).toBe(true);
      expect(errorsOf(schema, { applicants: [person({ representative: "true" })] })).toHaveProperty(["applicants.0.representative"]);
    });
    it(`at most ${MAX_APPLICANTS} applicants`, () => {
      expect(errorsOf(schema, { applicants: many(MAX_APPLICANTS + 1, 1) })).toEqual({ applicants: "errors.tooManyApplicants" });
    });
  });
});

describe("step 2, agents (《行政复议法》第十七条) and third parties (第十六条)", () => {
  it("none is fine: both lists default to empty", () => {
    expect(agentsStepSchema.parse({})).toEqual({ agents: [], thirdParties: [] });
  });
  it(`one or two agents (第十七条第一款), with the power of attorney`, () => {
    const r = agentsStepSchema.parse({ agents: [agent(), agent({ idNumber: idOf(8, "female"), type: "other", organisation: "" })], thirdParties: [{ name: "王某" }] });
    expect(r.agents).toHaveLength(MAX_AGENTS);
    expect(r.agents[1].organisation).toBeUndefined();
  });
  it.each([
    ["3 agents", { agents: [agent(), agent(), agent()] }, { agents: "errors.tooManyAgents" }],
    ["no power of attorney", { agents: [agent({ powerOfAttorneyFileId: undefined })] }, { "agents.0.powerOfAttorneyFileId": "errors.powerOfAttorneyRequired" }],
    ["power of attorney not a file id", { agents: [agent({ powerOfAttorneyFileId: "../etc/passwd" })] }, { "agents.0.powerOfAttorneyFileId": "errors.powerOfAttorneyRequired" }],
    ["agent type unknown", { agents: [agent({ type: "friend" })] }, { "agents.0.type": "errors.agentTypeRequired" }],
    ["agent ID with a bad check digit", { agents: [agent({ idNumber: "110105194912310021" })] }, { "agents.0.idNumber": "errors.idNumberCheckDigit" }],
    ["21 third parties", { thirdParties: Array.from({ length: 21 }, (_, i) => ({ name: `第三人${i}` })) }, { thirdParties: "errors.tooManyThirdParties" }],
    ["third party NUL byte", { thirdParties: [{ name: "王某", contact: "电话\u0000" }] }, { "thirdParties.0.contact": "errors.textInvalid" }],
  ])("%s", (_label, input, errors) => {
    expect(errorsOf(agentsStepSchema, input)).toEqual(errors);
  });
});

describe("step 3, the respondent and the act (《行政复议法》第十一条、第二十条、第二十三条)", () => {
  const schema = actStepSchema(TODAY);
  it("accepts a penalty the applicant was told about", () => {
    const r = schema.parse(act());
    expect(r).toMatchObject({ madeOn: "2026-02-02", learnedOn: "2026-02-03", informed: "yes", actKind: "penalty", actDocumentNumber: "新公（治）罚字〔2026〕12号" });
    expect(r.rightLearnedOn).toBeUndefined();
  });
  it("an empty second date, as a form posts it, is no answer: fine when told (第二十条第一款)", () => {
    expect(schema.parse(act({ rightLearnedOn: "" })).rightLearnedOn).toBeUndefined();
  });
  it("not told (第二十条第三款): the day the right was learned is kept", () => {
    expect(schema.parse(act({ informed: "no", rightLearnedOn: "2026/3/1" })).rightLearnedOn).toBe("2026-03-01");
  });
  it.each([
    ["learnedOn before madeOn", act({ learnedOn: "2026-02-01" }), { learnedOn: "errors.learnedBeforeMade" }],
    ["informed=no without rightLearnedOn", act({ informed: "no" }), { rightLearnedOn: "errors.rightLearnedOnRequired" }],
    ["informed=no with an empty rightLearnedOn", act({ informed: "no", rightLearnedOn: "" }), { rightLearnedOn: "errors.rightLearnedOnRequired" }],
    ["right learned before the act", act({ informed: "no", rightLearnedOn: "2026-02-02" }), { rightLearnedOn: "errors.rightBeforeAct" }],
    ["right learned on an impossible day", act({ informed: "no", rightLearnedOn: "2026-02-30" }), { rightLearnedOn: "errors.dateNotExist" }],
    ["informed missing", act({ informed: undefined }), { informed: "errors.informedRequired" }],
    ["act made tomorrow", act({ madeOn: "2026-03-11", learnedOn: "2026-03-11" }), { madeOn: "errors.dateFuture", learnedOn: "errors.dateFuture" }],
    ["madeOn missing", act({ madeOn: "" }), { madeOn: "errors.madeOnRequired" }],
    ["respondent not an organ id", act({ respondentOrganId: "150102-police" }), { respondentOrganId: "errors.respondentRequired" }],
    ["act kind not one of 第十一条", act({ actKind: "anything" }), { actKind: "errors.actKindRequired" }],
    ["NUL byte in the title", act({ actTitle: "处罚\u0000决定" }), { actTitle: "errors.textInvalid" }],
    ["normative review without the document (第十三条)", act({ normativeReview: "yes" }), { normativeDocument: "errors.normativeDocumentRequired" }],
    ["compensation without the claim (第七十二条)", act({ compensation: "yes", compensationClaim: "  " }), { compensationClaim: "errors.compensationClaimRequired" }],
    ["a yes/no answer missing", act({ failureToAct: "maybe" }), { failureToAct: "errors.answerRequired" }],
  ])("%s", (_label, input, errors) => {
    expect(errorsOf(schema, input)).toEqual(errors);
  });
});

describe("step 4, requests (实施条例第十九条) and the parallel suit question (《行政复议法》第二十九条)", () => {
  const good = { requests: "撤销该处罚决定", factsAndReasons: "事实：……\n理由：\t……", suedInCourt: "no" };
  it("accepts requests with line breaks and tabs", () => expect(errorsOf(requestsStepSchema, good)).toEqual({}));
  it.each([
    ["NUL byte", { ...good, factsAndReasons: "a\u0000b" }, { factsAndReasons: "errors.textInvalid" }],
    ["escape character", { ...good, requests: "撤销\u001b[2J" }, { requests: "errors.textInvalid" }],
    ["replacement character from a broken encoding", { ...good, requests: "撤销\uFFFD" }, { requests: "errors.textInvalid" }],
    ["requests missing", { ...good, requests: "" }, { requests: "errors.requestsRequired" }],
    ["facts too long", { ...good, factsAndReasons: "事".repeat(10001) }, { factsAndReasons: "errors.textTooLong" }],
    ["suit question unanswered", { ...good, suedInCourt: undefined }, { suedInCourt: "errors.answerRequired" }],
  ])("%s", (_label, input, errors) => {
    expect(errorsOf(requestsStepSchema, input)).toEqual(errors);
  });
  it("noControlChars keeps tab, CR and LF and refuses the other C0 controls and DEL", () => {
    expect(noControlChars("a\tb\r\nc")).toBe(true);
    for (const c of ["\u0000", "\u0007", "\u000B", "\u000C", "\u001F", "\u007F"]) expect(noControlChars(`a${c}`), JSON.stringify(c)).toBe(false);
  });
});

describe("steps 5 and 6, evidence and review", () => {
  it("evidence items have a description; at most 50", () => {
    expect(errorsOf(evidenceStepSchema, { evidence: [{ description: "处罚决定书", fileId: UUID }] })).toEqual({});
    expect(errorsOf(evidenceStepSchema, { evidence: [{ description: "" }] })).toEqual({ "evidence.0.description": "errors.evidenceDescriptionRequired" });
    expect(errorsOf(evidenceStepSchema, { evidence: Array.from({ length: 51 }, () => ({ description: "x" })) })).toEqual({ evidence: "errors.tooManyFiles" });
  });
  it("review: declaration, service consent and a submission key are required; an empty organ override is none", () => {
    expect(reviewStepSchema.parse(review({ competentOrganOverrideId: "" })).competentOrganOverrideId).toBeUndefined();
    expect(errorsOf(reviewStepSchema, review({ competentOrganOverrideId: "150100" }))).toEqual({ competentOrganOverrideId: "errors.organInvalid" });
    expect(errorsOf(reviewStepSchema, review({ declaration: "no" }))).toEqual({ declaration: "errors.declarationRequired" });
    expect(errorsOf(reviewStepSchema, review({ electronicServiceConsent: "" }))).toEqual({ electronicServiceConsent: "errors.answerRequired" });
    expect(errorsOf(reviewStepSchema, review({ submissionKey: "short" }))).toEqual({ submissionKey: "errors.badRequest" });
    expect(errorsOf(reviewStepSchema, review({ lateReason: "病\u0000" }))).toEqual({ lateReason: "errors.textInvalid" });
  });
  it("stepSchema gives each step its own schema", () => {
    expect(applicationSteps).toEqual(["applicants", "agents", "act", "requests", "evidence", "review"]);
    expect(stepSchema("agents", TODAY)).toBe(agentsStepSchema);
    expect(stepSchema("requests", TODAY)).toBe(requestsStepSchema);
    expect(stepSchema("evidence", TODAY)).toBe(evidenceStepSchema);
    expect(stepSchema("review", TODAY)).toBe(reviewStepSchema);
    expect(errorsOf(stepSchema("applicants", TODAY), { applicants: [] })).toEqual({ applicants: "errors.applicantRequired" });
    expect(errorsOf(stepSchema("act", TODAY), act({ learnedOn: "2026-01-01" }))).toEqual({ learnedOn: "errors.learnedBeforeMade" });
  });
  it("the whole application validates every step together, errors keyed by step and field", () => {
    const whole = {
      applicants: { applicants: [person()] },
      agents: {},
      act: act(),
      requests: { requests: "撤销", factsAndReasons: "……", suedInCourt: "no" },
      evidence: {},
    };
    expect(errorsOf(applicationSchema(TODAY), whole)).toEqual({});
    expect(errorsOf(applicationSchema(TODAY), { ...whole, act: act({ informed: "no" }), requests: {} })).toEqual({
      "act.rightLearnedOn": "errors.rightLearnedOnRequired",
      "requests.requests": "errors.requestsRequired",
      "requests.factsAndReasons": "errors.factsRequired",
      "requests.suedInCourt": "errors.answerRequired",
    });
  });
});

describe("the checks before submission: assessApplication and submissionAllowed", () => {
  const base = {
    act: { onTheSpotPenalty: "no", failureToAct: "no", actKind: "penalty", madeOn: "2026-02-02" } as const,
    suedInCourt: "no" as const,
    today: TODAY,
    lastDay: { due: "2026-04-07", passed: false },
    duplicates: [],
  };
  const codes = (f: Finding[]) => f.map((x) => x.code);

  it("an ordinary application: only the reminder that one application covers one act (第二十二条第四款)", () => {
    const f = assessApplication(base);
    expect(f).toEqual([{ code: "separate_acts", severity: "info", article: "《行政复议法》第二十二条第四款", messageKey: "checks.separateActs" }]);
    expect(submissionAllowed(f, undefined)).toEqual({ ok: true });
  });

  it("第二十九条第二款: a suit the court has accepted blocks the application, whatever reason is given", () => {
    const f = assessApplication({ ...base, suedInCourt: "yes" });
    expect(f[0]).toEqual({ code: "parallel_suit", severity: "block", article: "《行政复议法》第二十九条第二款", messageKey: "checks.parallelSuit" });
    expect(submissionAllowed(f, "我有正当理由")).toEqual({ ok: false, code: "parallel_suit", messageKey: "checks.parallelSuit" });
  });

  it("第二十条: past the last day, submission needs the reason for the delay", () => {
    const f = assessApplication({ ...base, lastDay: { due: "2026-03-09", passed: true } });
    expect(f.find((x) => x.code === "late")).toEqual({ code: "late", severity: "needs_answer", article: "《行政复议法》第二十条", messageKey: "checks.late", vars: { due: "2026-03-09" } });
    expect(submissionAllowed(f, undefined)).toEqual({ ok: false, code: "late", messageKey: "errors.lateReasonRequired" });
    expect(submissionAllowed(f, "")).toEqual({ ok: false, code: "late", messageKey: "errors.lateReasonRequired" });
    expect(submissionAllowed(f, "住院治疗，有诊断证明")).toEqual({ ok: true });
  });
  it("第二十条: no finding on the last day itself, nor when the deadline is unknown", () => {
    expect(codes(assessApplication({ ...base, lastDay: { due: TODAY, passed: false } }))).not.toContain("late");
    expect(codes(assessApplication({ ...base, lastDay: null }))).not.toContain("late");
  });

  describe("第二十一条: more than five years (twenty for real property) since the act was made", () => {
    it("a penalty made five years and one day ago is past the cut-off", () => {
      const f = assessApplication({ ...base, act: { ...base.act, madeOn: "2021-03-09" }, lastDay: { due: "2021-05-10", passed: true } });
      expect(f.find((x) => x.code === "absolute_cutoff")).toEqual({
        code: "absolute_cutoff",
        severity: "needs_answer",
        article: "《行政复议法》第二十一条",
        messageKey: "checks.absoluteCutoff",
        vars: { years: 5, cutoff: "2026-03-09" },
      });
      // the Art. 21 finding replaces the Art. 20 one: one explanation, one reason asked for
      expect(codes(f)).not.toContain("late");
      expect(submissionAllowed(f, undefined)).toEqual({ ok: false, code: "absolute_cutoff", messageKey: "errors.lateReasonRequired" });
    });
    it("exactly five years is not more than five years", () => {
      expect(codes(assessApplication({ ...base, act: { ...base.act, madeOn: "2021-03-10" } }))).not.toContain("absolute_cutoff");
    });
    it("an expropriation made six years ago is within the twenty years for real property", () => {
      expect(codes(assessApplication({ ...base, act: { ...base.act, actKind: "expropriation", madeOn: "2020-03-09" } }))).not.toContain("absolute_cutoff");
    });
    it.each(["expropriation", "natural_resources"] as const)("%s: twenty years and one day is past the cut-off", (actKind) => {
      const f = assessApplication({ ...base, act: { ...base.act, actKind, madeOn: "2006-03-09" } });
      expect(f.find((x) => x.code === "absolute_cutoff")?.vars).toEqual({ years: 20, cutoff: "2026-03-09" });
    });
    it("an act of 29 February: the five years end on 28 February", () => {
      const f = assessApplication({ ...base, today: "2025-03-01", act: { ...base.act, madeOn: "2020-02-29" } });
      expect(f.find((x) => x.code === "absolute_cutoff")?.vars).toEqual({ years: 5, cutoff: "2025-02-28" });
      expect(codes(assessApplication({ ...base, today: "2025-02-28", act: { ...base.act, madeOn: "2020-02-29" } }))).not.toContain("absolute_cutoff");
    });
  });

  describe("第二十三条第一款: reconsideration first (复议前置)", () => {
    it.each([
      ["an on-the-spot penalty (第一项)", { onTheSpotPenalty: "yes" }, ["on_the_spot_penalty"]],
      ["natural-resource rights (第二项)", { actKind: "natural_resources" }, ["natural_resources"]],
      ["failure to perform a duty (第三项)", { failureToAct: "yes", actKind: "failure_to_protect" }, ["failure_to_act"]],
      ["refused information disclosure (第四项)", { actKind: "information_disclosure" }, ["information_disclosure"]],
      ["several grounds at once", { onTheSpotPenalty: "yes", failureToAct: "yes" }, ["on_the_spot_penalty", "failure_to_act"]],
    ] as const)("%s", (_label, over, grounds) => {
      const a = { ...base.act, ...over };
      expect(reconsiderationFirst(a)).toEqual({ required: true, grounds });
      const f = assessApplication({ ...base, act: a });
      expect(f.find((x) => x.code === "reconsideration_first")).toEqual({ code: "reconsideration_first", severity: "info", article: "《行政复议法》第二十三条", messageKey: "checks.reconsiderationFirst" });
      expect(submissionAllowed(f, undefined)).toEqual({ ok: true });
    });
    it("an ordinary penalty or a licence is not reconsideration-first", () => {
      for (const actKind of ["penalty", "licensing", "expropriation"] as const) expect(reconsiderationFirst({ ...base.act, actKind })).toEqual({ required: false, grounds: [] });
    });
  });

  it("第三十条第一款第七项: each earlier filing on the same act is shown, without blocking", () => {
    const f = assessApplication({
      ...base,
      duplicates: [
        { caseNumber: "内新复〔2026〕1号", receivedOn: "2026-02-10" },
        { caseNumber: "内新复〔2026〕7号", receivedOn: "2026-02-20" },
      ],
    });
    const dups = f.filter((x) => x.code === "duplicate");
    expect(dups).toEqual([
      { code: "duplicate", severity: "info", article: "《行政复议法》第三十条第一款第七项", messageKey: "checks.duplicate", vars: { caseNumber: "内新复〔2026〕1号", receivedOn: "2026-02-10" } },
      { code: "duplicate", severity: "info", article: "《行政复议法》第三十条第一款第七项", messageKey: "checks.duplicate", vars: { caseNumber: "内新复〔2026〕7号", receivedOn: "2026-02-20" } },
    ]);
    expect(submissionAllowed(f, undefined)).toEqual({ ok: true });
  });

  it("a block wins over a finding that needs an answer", () => {
    const f = assessApplication({ ...base, suedInCourt: "yes", lastDay: { due: "2026-03-01", passed: true } });
    expect(codes(f)).toEqual(["parallel_suit", "late", "separate_acts"]);
    expect(submissionAllowed(f, "理由")).toMatchObject({ ok: false, code: "parallel_suit" });
  });

  it.each([
    ["2024-02-29", 1, "2025-02-28"],
    ["2024-02-29", 4, "2028-02-29"],
    ["2021-12-31", 5, "2026-12-31"],
    ["2006-01-05", 20, "2026-01-05"],
    ["2026-03-10", 0, "2026-03-10"],
  ] as const)("addYears(%s, %i) = %s", (date, years, out) => expect(addYears(date, years)).toBe(out));
});

describe("parseNestedForm: dotted field names into objects", () => {
  const form = (pairs: [string, FormDataEntryValue][]) => parseNestedForm(pairs);

  it("nests dotted names and makes arrays of index keys", () => {
    expect(
      form([
        ["applicants.0.kind", "person"],
        ["applicants.0.name", "张海峰"],
        ["applicants.1.kind", "organisation"],
        ["act.madeOn", "2026-02-02"],
        ["suedInCourt", "no"],
      ]),
    ).toEqual({ applicants: [{ kind: "person", name: "张海峰" }, { kind: "organisation" }], act: { madeOn: "2026-02-02" }, suedInCourt: "no" });
  });
  it("orders array items by their index as a number, closing gaps", () => {
    expect(form([["x.10", "ten"], ["x.2", "two"], ["x.0", "zero"]])).toEqual({ x: ["zero", "two", "ten"] });
  });
  it("an object with both index and word keys stays an object", () => {
    expect(form([["x.0", "a"], ["x.name", "b"]])).toEqual({ x: { 0: "a", name: "b" } });
  });
  it("reads a real FormData, skipping files and the keys the caller skips", () => {
    const fd = new FormData();
    fd.append("csrf", "token");
    fd.append("agents.0.name", "李律师");
    fd.append("agents.0.powerOfAttorney", new File(["%PDF"], "poa.pdf", { type: "application/pdf" }));
    fd.append("requests", "撤销");
    expect(parseNestedForm(fd.entries(), { skip: (k) => k === "csrf" })).toEqual({ agents: [{ name: "李律师" }], requests: "撤销" });
  });
  it("the first value of a repeated name wins", () => {
    expect(form([["a", "1"], ["a", "2"]])).toEqual({ a: "1" });
  });
  it("a name that is already a plain value cannot become an object, nor the other way round", () => {
    expect(form([["a", "1"], ["a.b", "2"]])).toEqual({ a: "1" });
    expect(form([["a.b", "2"], ["a", "1"]])).toEqual({ a: { b: "2" } });
  });
  it.each([
    "__proto__.polluted",
    "__proto__",
    "constructor.prototype.polluted",
    "constructor",
    "a.constructor",
    "applicants.0.__proto__",
    "a.prototype.polluted",
    "",
    "a..b",
    ".a",
    "a.",
    "a[0]",
    "a-b",
    "_private",
    "1a",
    "a.1000",
    "a.007",
    "a.b.c.d.e",
    "a b",
    "名字",
    `a${"b".repeat(41)}`,
  ])("ignores the key %j", (key) => {
    const out = form([[key, "x"], ["ok", "y"]]);
    expect(out).toEqual({ ok: "y" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
  it("accepts the longest allowed names and depth", () => {
    expect(form([[`a${"b".repeat(40)}.999.c.d`, "x"]])).toEqual({ [`a${"b".repeat(40)}`]: [{ c: { d: "x" } }] });
  });
  it("with the step schemas: a posted applicants step parses end to end", () => {
    const id = idOf(3);
    const posted = parseNestedForm([
      ["applicants.0.kind", "person"],
      ["applicants.0.name", "张海峰"],
      ["applicants.0.sex", "male"],
      ["applicants.0.birthDate", "1970-01-01"],
      ["applicants.0.idNumber", id],
      ["applicants.0.address", "呼和浩特市"],
      ["applicants.0.phone", "13800000001"],
      ["applicants.0.employer", ""],
    ]);
    expect(applicantsStepSchema(TODAY).parse(posted).applicants[0]).toMatchObject({ idNumber: id, employer: undefined, representative: false });
  });
});
