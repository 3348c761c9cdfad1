// The respondent's reply (app/domain/reply.ts): the reply period of Art. 48 / Art. 54(1), the Art. 70 citation, and the
// reply form's rules (Art. 48: a written reply with the evidence and legal basis of the act).
import { describe, expect, it } from "vitest";
import {
  ART70_BASIS,
  COPY_SERVED_DOCUMENT,
  filledEvidence,
  isEvidenceFileField,
  readReplyForm,
  replyPeriodOf,
  ReplyFormSchema,
  respondentDocumentKinds,
} from "~/domain/reply";

const form = (fields: Record<string, string>, files: string[] = []) => ReplyFormSchema.safeParse(readReplyForm(Object.entries(fields), files));
const errorsOf = (r: ReturnType<typeof form>) => (r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message])));

describe("《行政复议法》第四十八条、第五十四条第一款: the reply period", () => {
  it("is 10 working days under the ordinary procedure (Art. 48)", () => {
    const p = replyPeriodOf("ordinary");
    expect(p).toMatchObject({ key: "respondent_reply", workingDays: 10 });
    expect(p.basis).toContain("第四十八条");
    expect(p.basis).toContain("第八十八条第二款"); // working days
  });
  it("is 5 working days under the simplified procedure (Art. 54(1))", () => {
    const p = replyPeriodOf("simplified");
    expect(p).toMatchObject({
      key: "respondent_reply_simplified",
      workingDays: 5,
    });
    expect(p.basis).toContain("第五十四条第一款");
  });
  it("starts with the copy: the 提出答复通知书 marks it, and is among the documents served on the respondent (Art. 48)", () => {
    expect(COPY_SERVED_DOCUMENT).toBe("reply_notice");
    expect(respondentDocumentKinds).toContain("reply_notice");
    expect(respondentDocumentKinds).not.toContain("supplement_notice"); // addressed to the applicant only (Art. 31)
  });
});

describe("《行政复议法》第七十条: the consequence of no reply", () => {
  it("is cited as Art. 70", () => expect(ART70_BASIS).toBe("《行政复议法》第七十条"));
});

describe("《行政复议法》第四十八条: the reply form", () => {
  const complete = {
    reply: "处罚认定事实清楚，证据确实充分。",
    legalBasis: "《中华人民共和国行政处罚法》第二十八条",
    evidenceAndBasisSubmitted: "yes",
    "evidence.0.description": "现场检查笔录",
  };

  it("takes a written reply with basis and evidence, file rows kept with their form row", () => {
    const r = form({ ...complete, "evidence.2.description": "询问笔录" }, ["evidence.2.file"]);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(filledEvidence(r.data)).toEqual([
      { index: 0, description: "现场检查笔录" },
      { index: 2, description: "询问笔录" },
    ]);
    expect(r.data.evidence[2].hasFile).toBe(true);
  });

  it("needs the written reply itself", () => {
    expect(errorsOf(form({ ...complete, reply: "   " }))).toEqual({
      reply: "errors.replyRequired",
    });
  });

  it("refuses 'evidence and basis submitted' without a basis or without any evidence (that would hide an Art. 70 case)", () => {
    expect(errorsOf(form({ ...complete, legalBasis: "" }))).toEqual({
      legalBasis: "errors.replyBasisRequired",
    });
    expect(errorsOf(form({ ...complete, "evidence.0.description": "" }))).toEqual({ evidence: "errors.replyEvidenceRequired" });
  });

  it("accepts a reply that says evidence and basis are not submitted (Art. 70 then applies)", () => {
    expect(
      form({
        reply: "答复如下。",
        legalBasis: "",
        evidenceAndBasisSubmitted: "no",
      }).success
    ).toBe(true);
  });

  it("needs the choice, and a description for every file", () => {
    expect(errorsOf(form({ ...complete, evidenceAndBasisSubmitted: "maybe" }))).toEqual({ evidenceAndBasisSubmitted: "errors.replySubmittedChoice" });
    expect(errorsOf(form(complete, ["evidence.1.file"]))).toEqual({
      "evidence.1.description": "errors.replyEvidenceDescriptionRequired",
    });
  });

  it("knows its own file fields only", () => {
    expect(isEvidenceFileField("evidence.0.file")).toBe(true);
    expect(isEvidenceFileField("evidence.8.file")).toBe(false);
    expect(isEvidenceFileField("evidenceFile")).toBe(false);
  });
});
