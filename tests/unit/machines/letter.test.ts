// Opinion and suggestion letters against DOMAIN.md §18 (《行政复议法》第七十六条、第七十七条、第七十九条第二款;
// 《行政复议法实施条例》第五十七条).
import { describe, expect, it } from "vitest";
import { documentKeys, timerKeys, type ActorRef, type MachineContext } from "~/domain/machines/common";
import {
  draftLetter,
  letterCommandTypes,
  letterStates,
  letterTransitions,
  transition,
  type LetterCommand,
  type LetterState,
} from "~/domain/machines/letter";
import { letterActors, letterCtx, letterFixture, letterSamples, letterStep, opinionDraft, suggestionDraft } from "./fixtures";
import {
  TODAY,
  allowedEffects,
  allowedFrom,
  ctx,
  describeCrossProduct,
  describeRoleChecks,
  describeTableChecks,
  drive,
  expectEffects,
  head,
  issued,
  notified,
  recipientAgent,
  respondent,
  staff,
  started,
  stopped,
  system,
  type CrossProductSpec,
} from "./support";

const allowed = allowedFrom<LetterState>([
  ["APPROVE", ["DRAFT"], { next: "APPROVED" }],
  [
    "ISSUE",
    ["APPROVED"],
    {
      next: "ISSUED",
      effects: [issued("opinion_letter"), started("opinion_letter_report", { from: TODAY }), notified("recipient_organ")],
      absent: [issued("copy_report")],
    },
  ],
  ["SUBMIT_REPORT", ["ISSUED", "COPIED", "OVERDUE"], { next: "REPORT_RECEIVED", effects: [notified("handler")] }],
  ["SUBMIT_REPORT", ["ORDERED_TO_PERFORM"], { next: "REPORT_RECEIVED", effects: [stopped("order_to_perform")] }],
  ["REVIEW_REPORT", ["REPORT_RECEIVED"], { next: "REVIEWED" }],
  [
    "REPORT_PERIOD_EXPIRED",
    ["ISSUED", "COPIED"],
    { next: "OVERDUE", effects: [stopped("opinion_letter_report"), notified("office_head")] },
  ],
  [
    "ORDER_TO_PERFORM",
    ["OVERDUE"],
    {
      next: "ORDERED_TO_PERFORM",
      effects: [issued("order_to_perform"), started("order_to_perform", { length: { value: 20, unit: "calendar_day" } })],
    },
  ],
  ["ORDER_TO_PERFORM", ["REVIEWED"], { next: "ORDERED_TO_PERFORM", fixture: "REVIEWED_INADEQUATE", effects: [issued("order_to_perform")] }],
  ["CLOSE", ["REVIEWED"], { next: "CLOSED" }],
  ["CLOSE", ["OVERDUE"], { next: "CLOSED", fixture: "OVERDUE_SUGGESTION" }],
]);

const spec: CrossProductSpec<LetterState, LetterCommand> = {
  machine: "letter",
  states: letterStates,
  commandTypes: letterCommandTypes,
  transition,
  fixture: letterFixture,
  sample: (type) => letterSamples[type as keyof typeof letterSamples],
  actorFor: (type) => letterActors[type as keyof typeof letterActors],
  ctxFor: (type) => letterCtx[type as keyof typeof letterCtx] ?? {},
  allowed,
};

describeCrossProduct(spec);
describeTableChecks("letter", letterTransitions, letterStates, letterCommandTypes, ["DRAFT"]);
describeRoleChecks(spec, letterTransitions);

const run = (s: LetterState, command: LetterCommand, actor: ActorRef, extra: Partial<MachineContext> = {}) =>
  transition(s, command, ctx(actor, extra));
const refused = (r: ReturnType<typeof transition>) => {
  if (r.ok) throw new Error(`expected a refusal, got ${r.next.state}`);
  return r.reason;
};
const accepted = (r: ReturnType<typeof transition>) => {
  if (!r.ok) throw new Error(`refused: ${r.reason.code} ${r.reason.guard ?? ""} ${r.reason.messageEn}`);
  return r;
};

describe("keys the machine emits", () => {
  it("every timer key is a known period key; documents are §19 keys", () => {
    for (const e of allowedEffects(spec)) {
      if ("timer" in e) expect(timerKeys).toContain(e.timer);
      if (e.kind === "issueDocument") expect(documentKeys).toContain(e.document);
    }
  });
});

describe("L1 approval (《行政复议法》第七十六条、第七十九条第二款)", () => {
  it("an opinion letter goes only to the respondent or another lower-level organ (第七十六条)", () => {
    const wrong = draftLetter({
      type: "opinion",
      recipient: { name: "某市人民法院", kind: "other_organ", isOwnGovernmentDepartment: false, higherDepartment: null },
    });
    expect(refused(run(wrong, letterSamples.APPROVE, head)).guard).toBe("opinion_recipient");
  });
  it("a suggestion letter may go to any relevant organ (实施条例第五十七条第二款)", () => {
    expect(accepted(run(suggestionDraft(), letterSamples.APPROVE, head)).next.state).toBe("APPROVED");
  });
  it("a letter to an own department names the department to copy", () => {
    const own = draftLetter({
      type: "opinion",
      recipient: { name: "某旗市场监督管理局", kind: "respondent", isOwnGovernmentDepartment: true, higherDepartment: null },
    });
    expect(refused(run(own, letterSamples.APPROVE, head)).guard).toBe("higher_department_named");
  });
});

describe("L2 issue: periods and the copy to the higher department", () => {
  it("an opinion letter: 60 days to report from the recipient's receipt (第七十六条)", () => {
    const r = accepted(run(letterFixture("APPROVED"), { type: "ISSUE", servedOn: "2026-02-27" }, staff));
    expectEffects(r.effects, [started("opinion_letter_report", { from: "2026-02-27", basis: "《行政复议法》第七十六条" })]);
  });
  it("a suggestion letter: the configured, non-statutory reply period (DOMAIN.md 10.07)", () => {
    const s = drive(transition, suggestionDraft(), [letterStep("APPROVE")]);
    const r = accepted(run(s, letterSamples.ISSUE, staff));
    expectEffects(r.effects, [issued("suggestion_letter"), started("suggestion_letter_reply")], [started("opinion_letter_report")]);
  });
  it("an opinion letter to an own department is copied at the same time (第七十九条第二款 同时抄告)", () => {
    const s = drive(transition, opinionDraft(true), [letterStep("APPROVE")]);
    const r = accepted(run(s, letterSamples.ISSUE, staff));
    expect(r.next).toMatchObject({ state: "COPIED", copied: true });
    expectEffects(r.effects, [issued("copy_report"), notified("higher_department")]);
  });
  it("a suggestion letter is not copied: Art. 79(2) names decisions and opinion letters only", () => {
    const s = drive(transition, suggestionDraft(true), [letterStep("APPROVE")]);
    const r = accepted(run(s, letterSamples.ISSUE, staff));
    expect(r.next.state).toBe("ISSUED");
    expectEffects(r.effects, [], [issued("copy_report")]);
  });
  it("the service date cannot lie in the future", () => {
    expect(refused(run(letterFixture("APPROVED"), { type: "ISSUE", servedOn: "2026-03-03" }, staff)).guard).toBe("date_not_in_future");
  });
});

describe("follow-up (《行政复议法》第七十七条)", () => {
  it("L3 the report comes from the recipient organ, not from the respondent of another matter", () => {
    expect(refused(run(letterFixture("ISSUED"), letterSamples.SUBMIT_REPORT, respondent)).code).toBe("NOT_A_PARTY");
    expectEffects(accepted(run(letterFixture("ISSUED"), letterSamples.SUBMIT_REPORT, recipientAgent)).effects, [
      stopped("opinion_letter_report"),
    ]);
  });
  it("L4 a report found inadequate needs reasons", () => {
    expect(refused(run(letterFixture("REPORT_RECEIVED"), { type: "REVIEW_REPORT", adequate: false }, staff)).guard).toBe("review_reasons");
  });
  it("L5 overdue only when the report period has run out", () => {
    expect(refused(run(letterFixture("ISSUED"), letterSamples.REPORT_PERIOD_EXPIRED, system)).guard).toBe("timer_expired");
  });
  it("L6 a suggestion letter is not binding and cannot be enforced (第七十七条; DOMAIN.md 10.07)", () => {
    expect(refused(run(letterFixture("OVERDUE_SUGGESTION"), letterSamples.ORDER_TO_PERFORM, head)).guard).toBe("opinion_letter_only");
  });
  it("L6 an adequate report leaves nothing to enforce", () => {
    expect(refused(run(letterFixture("REVIEWED"), letterSamples.ORDER_TO_PERFORM, head)).guard).toBe("report_inadequate");
  });
  it("L6 the order is the head's (第七十七条第二款)", () => {
    expect(refused(run(letterFixture("OVERDUE"), letterSamples.ORDER_TO_PERFORM, staff)).code).toBe("ROLE_NOT_ALLOWED");
  });
  it("L7 an opinion letter is closed only once performed", () => {
    expect(refused(run(letterFixture("OVERDUE"), letterSamples.CLOSE, staff)).guard).toBe("opinion_performed");
    expect(refused(run(letterFixture("REVIEWED_INADEQUATE"), letterSamples.CLOSE, staff)).guard).toBe("opinion_performed");
    expect(accepted(run(letterFixture("REVIEWED"), letterSamples.CLOSE, staff)).next.outcome).toEqual({ kind: "performed" });
  });
  it("L7 an unanswered suggestion letter may be closed, and that is noted", () => {
    const r = accepted(run(letterFixture("OVERDUE_SUGGESTION"), letterSamples.CLOSE, staff));
    expect(r.next.outcome).toEqual({ kind: "closed_without_reply" });
    expect(r.effects[0]).toMatchObject({ note: expect.stringContaining("建议书") });
  });
  it("a report after an order stops the order's deadline; the closed letter has no timer left", () => {
    const s = drive(transition, letterFixture("ORDERED_TO_PERFORM"), [
      letterStep("SUBMIT_REPORT"),
      letterStep("REVIEW_REPORT"),
      letterStep("CLOSE"),
    ]);
    expect(s.state).toBe("CLOSED");
    expect(s.timers).toEqual({});
  });
});
