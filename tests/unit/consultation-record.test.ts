// The committee consultation's rules (《行政复议法》第五十二条; DOMAIN.md §17, 6.23): quorum, the answer form, the record
// that counts positions per question and keeps dissent verbatim (第五十二条第三款), and when members are reminded.
import { describe, expect, it } from "vitest";
import {
  aggregateRecord,
  availableSecretaryIntents,
  DeclarationFormSchema,
  dissentEntries,
  memberReminderStage,
  opinionText,
  quorumNeeded,
  readAnswerForm,
  type RecordInput,
} from "~/domain/consultation-record";
import { defaultSettings } from "~/domain/settings";

describe("quorum (Art. 52; 6.23 unpublished rules: a setting, default more than half of the members not removed)", () => {
  it("default setting is a majority", () => expect(defaultSettings().committeeQuorum).toBe("majority"));
  it("majority = more than half", () => {
    expect([1, 2, 3, 4, 5].map((n) => quorumNeeded(n, "majority"))).toEqual([1, 2, 2, 3, 3]);
  });
  it("two thirds and all", () => {
    expect([3, 4, 5, 6].map((n) => quorumNeeded(n, "two_thirds"))).toEqual([2, 3, 4, 4]);
    expect(quorumNeeded(4, "all")).toBe(4);
  });
  it("with every member removed nobody can form a quorum of zero", () => expect(quorumNeeded(0, "majority")).toBe(1));
});

describe("the member's forms", () => {
  it("declaring no conflict must be confirmed; declaring a conflict must say what it is", () => {
    expect(DeclarationFormSchema.safeParse({ declaration: "no_conflict" }).success).toBe(false);
    expect(DeclarationFormSchema.safeParse({ declaration: "no_conflict", confirm: "yes" }).success).toBe(true);
    expect(DeclarationFormSchema.safeParse({ declaration: "conflict", note: " " }).success).toBe(false);
    expect(DeclarationFormSchema.safeParse({ declaration: "conflict", note: "本人现任被申请人法律顾问" }).success).toBe(true);
    expect(DeclarationFormSchema.safeParse({ declaration: "maybe" }).success).toBe(false);
  });
  it("every question needs a position and reasons; the separate opinion is optional", () => {
    const ok = readAnswerForm(
      [
        ["position.q1", "agree"],
        ["reasoning.q1", "事实清楚"],
        ["position.q2", "abstain"],
        ["reasoning.q2", "不熟悉该领域"],
        ["separateOpinion", "  "],
      ],
      ["q1", "q2"],
    );
    expect(ok).toEqual({
      ok: true,
      answers: [
        { questionId: "q1", position: "agree", reasoning: "事实清楚" },
        { questionId: "q2", position: "abstain", reasoning: "不熟悉该领域" },
      ],
      separateOpinion: null,
    });
    const bad = readAnswerForm([["position.q1", "yes"], ["reasoning.q1", ""]], ["q1", "q2"]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["position.q1", "position.q2", "reasoning.q1", "reasoning.q2"]);
  });
});

describe("the secretary's steps follow the machine (§17 C3–C5)", () => {
  it("materials after the assignment, meeting or written round after the materials, closing during the round", () => {
    expect(availableSecretaryIntents("MEMBERS_ASSIGNED")).toEqual(["send_materials"]);
    expect(availableSecretaryIntents("MATERIALS_SENT")).toEqual(["hold_meeting", "start_written"]);
    expect(availableSecretaryIntents("WRITTEN_CONSULT")).toEqual(["close_record"]);
    expect(availableSecretaryIntents("OPINION_RECORDED")).toEqual([]);
  });
});

describe("the record: positions counted per question, dissent kept verbatim (Art. 52(3))", () => {
  const input: RecordInput = {
    questions: [
      { id: "q2", position: 2, text: "罚款数额是否适当？" },
      { id: "q1", position: 1, text: "事实是否清楚？" },
    ],
    members: [
      { memberId: "a", name: "赵振宇", counts: true, separateOpinion: null },
      { memberId: "b", name: "乌云娜", counts: true, separateOpinion: "建议被申请人完善听证告知程序。" },
      { memberId: "c", name: "孙立新", counts: true, separateOpinion: null },
      { memberId: "x", name: "回避委员", counts: false, separateOpinion: "不应计入" },
    ],
    answers: [
      { questionId: "q1", memberId: "a", position: "agree", reasoning: "现场笔录与检验报告相互印证。" },
      { questionId: "q1", memberId: "b", position: "disagree", reasoning: "检验报告未载明抽样过程，\n不能单独定案。" },
      { questionId: "q1", memberId: "c", position: "agree", reasoning: "证据链完整。" },
      { questionId: "q1", memberId: "x", position: "disagree", reasoning: "不应计入" },
      { questionId: "q2", memberId: "a", position: "agree", reasoning: "在裁量基准内。" },
      { questionId: "q2", memberId: "b", position: "disagree", reasoning: "明显偏重。" },
      { questionId: "q2", memberId: "c", position: "abstain", reasoning: "回避数额问题。" },
    ],
  };
  const record = aggregateRecord(input);

  it("counts per question in the questions' order, without removed members", () => {
    expect(record.questions.map((q) => [q.number, q.text, q.counts, q.majority])).toEqual([
      [1, "事实是否清楚？", { agree: 2, disagree: 1, abstain: 0 }, "agree"],
      [2, "罚款数额是否适当？", { agree: 1, disagree: 1, abstain: 1 }, null],
    ]);
    expect(record.countingMembers).toBe(3);
    expect(record.answeredMembers).toBe(3);
  });

  it("the minority's reasons word for word; a divided question keeps both sides; abstentions are not dissent", () => {
    expect(record.questions[0].dissent.map((d) => [d.memberName, d.reasoning])).toEqual([["乌云娜", "检验报告未载明抽样过程，\n不能单独定案。"]]);
    expect(record.questions[1].dissent.map((d) => d.memberName).sort()).toEqual(["乌云娜", "赵振宇"].sort());
    const entries = dissentEntries(record);
    expect(entries).toContain("问题1·乌云娜（不同意）：检验报告未载明抽样过程，\n不能单独定案。");
    expect(entries).toContain("个人意见·乌云娜：建议被申请人完善听证告知程序。");
    expect(entries.join()).not.toContain("不应计入");
    expect(entries.join()).not.toContain("回避数额问题");
  });

  it("the recorded text is the secretary's summary followed by the counts per question", () => {
    const text = opinionText("委员会多数意见认为事实清楚。", record);
    expect(text.startsWith("委员会多数意见认为事实清楚。")).toBe(true);
    expect(text).toContain("问题1：同意2票，不同意1票，弃权0票；多数意见：同意。");
    expect(text).toContain("问题2：同意1票，不同意1票，弃权1票；意见分歧，未形成多数意见。");
  });

  it("a member who missed a question has not answered every question", () => {
    const partial = aggregateRecord({ ...input, answers: input.answers.filter((a) => !(a.memberId === "c" && a.questionId === "q2")) });
    expect(partial.answeredMembers).toBe(2);
  });
});

describe("reminders (issue 6 req. 10): 3 working days before the due date, and once overdue", () => {
  it("nothing with more than 3 working days left; due soon from 3 down to the due day; overdue the day after", () => {
    expect(memberReminderStage("2026-06-12", "2026-06-05", 5)).toBeNull();
    expect(memberReminderStage("2026-06-12", "2026-06-09", 3)).toBe("due_soon");
    expect(memberReminderStage("2026-06-12", "2026-06-12", 0)).toBe("due_soon");
    expect(memberReminderStage("2026-06-12", "2026-06-13", 0)).toBe("overdue");
  });
});
