// The reconsideration case machine against DOMAIN.md §15 and the 2023 Administrative Reconsideration Law. The expected
// outcomes below are written from DOMAIN.md's tables (and the statute where it wins), not from the code's output.
import { describe, expect, it } from "vitest";
import { addCalendarDays } from "~/domain/calendar";
import {
  CaseCommandSchema,
  caseCommandTypes,
  caseStates,
  caseTransitions,
  newCase,
  suspensionGrounds,
  transition,
  type CaseCommand,
  type CaseState,
} from "~/domain/machines/reconsideration";
import { ConsultationCommandSchema } from "~/domain/machines/consultation";
import { documentKeys, timerKeys, statutoryPeriodKeys, type ActorRef, type MachineContext } from "~/domain/machines/common";
import { AFTER_HEARING, caseActors, caseCtx, caseFixture, caseFrom, caseSamples, caseStep } from "./fixtures";
import {
  TODAY,
  admin,
  allowedEffects,
  allowedFrom,
  citizen,
  ctx,
  describeCrossProduct,
  expectEffects,
  extended,
  head,
  issued,
  notified,
  opened,
  paused,
  relayed,
  respondent,
  resumed,
  staff,
  started,
  stopped,
  stranger,
  system,
  type Allowed,
  type CrossProductSpec,
  describeRoleChecks,
  describeTableChecks,
  workingDaysBetween,
} from "./support";

/** "any pre-decision state" (T23): everything from filing until the decision is made. */
const PRE_DECISION = [
  "SUBMITTED",
  "FORWARDING_BY_PENALIZING_ORGAN",
  "INTAKE_REVIEW",
  "AWAITING_SUPPLEMENT",
  "ACCEPTED",
  "AWAITING_REPLY",
  "IN_REVIEW",
  "HEARING_SCHEDULED",
  "COMMITTEE_CONSULTATION",
  "MEDIATION",
  "SUSPENDED",
  "DECISION_DRAFTING",
  "DECISION_APPROVAL",
];
/** Where the review is under way and Art. 39 suspension can happen (T20 widened to the statute; mediation is T16). */
const SUSPENDABLE = ["ACCEPTED", "AWAITING_REPLY", "IN_REVIEW", "HEARING_SCHEDULED", "DECISION_DRAFTING", "DECISION_APPROVAL"];
/** Where the Art. 62 decision period is running and may still be extended (T24 widened to the statute). */
const EXTENDABLE = [
  "ACCEPTED",
  "AWAITING_REPLY",
  "IN_REVIEW",
  "HEARING_SCHEDULED",
  "COMMITTEE_CONSULTATION",
  "MEDIATION",
  "DECISION_DRAFTING",
  "DECISION_APPROVAL",
];
/** T30: where the decision clock exists: from acceptance until the decision is made (作出, Art. 62; approval T28). */
const DECISION_CLOCK = [...EXTENDABLE, "SUSPENDED"];
/** LITIGATION_FLAG: after a decision on admissibility or merits, or termination. */
const AFTER_DECISION = [
  "NOT_ACCEPTED",
  "APPLICATION_DISMISSED",
  "TERMINATED",
  "DECISION_EFFECTIVE",
  "MEDIATION_DOCUMENT_EFFECTIVE",
  "PERFORMANCE_MONITORING",
  "PERFORMANCE_REPORTED",
  "ORDERED_TO_PERFORM",
  "REFERRED",
  "CLOSED",
];

const same =
  (next: string, rest: Omit<Allowed<CaseState>, "next"> = {}) =>
  (_state: string): Allowed<CaseState> => ({ next, ...rest });
const stays =
  (rest: Omit<Allowed<CaseState>, "next"> = {}) =>
  (state: string): Allowed<CaseState> => ({ next: state, ...rest });

const allowed = allowedFrom<CaseState>([
  ["SUBMIT", ["DRAFT"], { next: "SUBMITTED", effects: [started("acceptance_review", { from: TODAY })] }],
  ["BEGIN_INTAKE_REVIEW", ["SUBMITTED"], { next: "INTAKE_REVIEW" }],
  [
    "SUBMIT_VIA_PENALIZING_ORGAN",
    ["DRAFT"],
    { next: "FORWARDING_BY_PENALIZING_ORGAN", fixture: "DRAFT_ON_THE_SPOT", effects: [started("forward_32")] },
  ],
  [
    "FORWARD_APPLICATION",
    ["FORWARDING_BY_PENALIZING_ORGAN"],
    { next: "SUBMITTED", effects: [stopped("forward_32"), started("acceptance_review")] },
  ],
  [
    "ISSUE_SUPPLEMENT_NOTICE",
    ["INTAKE_REVIEW"],
    {
      next: "AWAITING_SUPPLEMENT",
      effects: [issued("supplement_notice"), stopped("acceptance_review"), started("supplement", { from: TODAY })],
    },
  ],
  [
    "RECORD_SUPPLEMENT_NOTICE_SERVICE",
    ["AWAITING_SUPPLEMENT"],
    { next: "AWAITING_SUPPLEMENT", fixture: "AWAITING_SUPPLEMENT_UNSERVED", effects: [started("supplement")] },
  ],
  ["SUBMIT_SUPPLEMENT", ["AWAITING_SUPPLEMENT"], { next: "INTAKE_REVIEW", effects: [stopped("supplement"), started("acceptance_review")] }],
  ["REQUEST_SUPPLEMENT_EXTENSION", ["AWAITING_SUPPLEMENT"], { next: "AWAITING_SUPPLEMENT", effects: [notified("handler")] }],
  ["DECIDE_SUPPLEMENT_EXTENSION", ["AWAITING_SUPPLEMENT"], { next: "AWAITING_SUPPLEMENT", effects: [extended("supplement", 5)] }],
  ["SUPPLEMENT_PERIOD_EXPIRED", ["AWAITING_SUPPLEMENT"], { next: "ABANDONED", effects: [stopped("supplement")] }],
  ["REFUSE", ["INTAKE_REVIEW"], { next: "NOT_ACCEPTED", effects: [issued("refusal_decision"), stopped("acceptance_review")] }],
  [
    "ACCEPT",
    ["INTAKE_REVIEW"],
    {
      next: "ACCEPTED",
      effects: [
        issued("acceptance_notice"),
        stopped("acceptance_review"),
        started("decision", { from: TODAY }),
        started("copy_to_respondent", { from: TODAY }),
      ],
    },
  ],
  [
    "INTAKE_PERIOD_EXPIRED",
    ["INTAKE_REVIEW"],
    {
      next: "ACCEPTED",
      effects: [
        issued("acceptance_notice"),
        stopped("acceptance_review"),
        started("decision", { from: "2026-02-27" }),
        started("copy_to_respondent", { from: "2026-02-27" }),
      ],
    },
  ],
  [
    "SERVE_COPY_ON_RESPONDENT",
    ["ACCEPTED"],
    { next: "AWAITING_REPLY", effects: [issued("reply_notice"), stopped("copy_to_respondent"), started("respondent_reply")] },
  ],
  ["FILE_REPLY", ["AWAITING_REPLY"], { next: "IN_REVIEW", effects: [stopped("respondent_reply")] }],
  ["REPLY_PERIOD_EXPIRED", ["AWAITING_REPLY"], { next: "IN_REVIEW", effects: [stopped("respondent_reply")] }],
  ["RECORD_VIEWS_HEARD", ["IN_REVIEW"], { next: "IN_REVIEW", effects: [issued("views_record")] }],
  ["SCHEDULE_HEARING", ["IN_REVIEW"], { next: "HEARING_SCHEDULED", effects: [issued("hearing_notice"), notified("parties")] }],
  ["RESCHEDULE_HEARING", ["HEARING_SCHEDULED"], { next: "HEARING_SCHEDULED", effects: [issued("hearing_notice")] }],
  ["RECORD_HEARING", ["HEARING_SCHEDULED"], { next: "IN_REVIEW", effects: [issued("hearing_record")] }],
  // T14: the decision timer keeps running during the consultation.
  [
    "REFER_TO_COMMITTEE",
    ["IN_REVIEW"],
    { next: "COMMITTEE_CONSULTATION", effects: [opened("consultation")], absent: [stopped("decision"), paused("decision")] },
  ],
  ["COMMITTEE_OPINION_RECEIVED", ["COMMITTEE_CONSULTATION"], { next: "IN_REVIEW" }],
  ["COMMITTEE_REFERRAL_WITHDRAWN", ["COMMITTEE_CONSULTATION"], { next: "IN_REVIEW" }],
  ["COMMITTEE_ADOPTION_RECORDED", ["IN_REVIEW", "DECISION_DRAFTING"], (state) => ({ next: state, fixture: `${state}_AFTER_OPINION` })],
  ["OPEN_MEDIATION", ["IN_REVIEW"], { next: "MEDIATION" }],
  [
    "SUSPEND",
    [...SUSPENDABLE, "MEDIATION"],
    same("SUSPENDED", { effects: [paused("decision"), issued("suspension_notice"), notified("parties")] }),
  ],
  [
    "RECORD_NORM_NOTICE_SERVED",
    ["SUSPENDED"],
    { next: "SUSPENDED", fixture: "SUSPENDED_NORM_POWER", effects: [stopped("norm_notify"), started("norm_reply")] },
  ],
  [
    "RECORD_NORM_FORWARDED",
    ["SUSPENDED"],
    { next: "SUSPENDED", fixture: "SUSPENDED_NORM_FORWARD", effects: [stopped("norm_forward"), started("norm_forwarded_reply")] },
  ],
  ["RESUME", ["SUSPENDED"], { next: "IN_REVIEW", effects: [resumed("decision"), issued("resumption_notice")] }],
  [
    "SUSPENSION_PERIOD_EXPIRED",
    ["SUSPENDED"],
    {
      next: "TERMINATED",
      fixture: "SUSPENDED_60",
      effects: [issued("termination_decision"), stopped("suspension_60"), stopped("decision")],
    },
  ],
  [
    "SIGN_MEDIATION_DOCUMENT",
    ["MEDIATION", "SUSPENDED"],
    (state) => ({
      next: "MEDIATION_DOCUMENT_EFFECTIVE",
      fixture: state === "SUSPENDED" ? "SUSPENDED_MEDIATION" : state,
      effects: [issued("mediation_document"), stopped("decision")],
    }),
  ],
  ["MEDIATION_FAILED", ["MEDIATION"], { next: "IN_REVIEW", absent: [resumed("decision")] }],
  ["MEDIATION_FAILED", ["SUSPENDED"], { next: "IN_REVIEW", fixture: "SUSPENDED_MEDIATION", effects: [resumed("decision")] }],
  ["REQUEST_WITHDRAWAL", PRE_DECISION, stays({ effects: [notified("handler")] })],
  // Art. 50(1): the applicant may ask for a hearing once the case is accepted and before the review closes.
  ["REQUEST_HEARING", ["ACCEPTED", "AWAITING_REPLY", "IN_REVIEW"], stays({ effects: [notified("handler")] })],
  [
    "APPROVE_WITHDRAWAL",
    PRE_DECISION,
    same("TERMINATED", { given: (s) => ({ ...s, withdrawalRequested: true }), effects: [issued("withdrawal_record")] }),
  ],
  ["TERMINATE", PRE_DECISION, same("TERMINATED", { effects: [issued("termination_decision")] })],
  ["EXTEND_DECISION_PERIOD", EXTENDABLE, stays({ effects: [extended("decision", 30), issued("extension_notice")] })],
  [
    "CONVERT_TO_ORDINARY",
    ["IN_REVIEW"],
    { next: "IN_REVIEW", fixture: "IN_REVIEW_SIMPLIFIED", effects: [stopped("decision_simplified"), started("decision")] },
  ],
  [
    "DISMISS_APPLICATION",
    ["ACCEPTED", "AWAITING_REPLY", "IN_REVIEW"],
    same("APPLICATION_DISMISSED", { effects: [issued("dismissal_decision"), stopped("decision")] }),
  ],
  ["START_DRAFTING", ["IN_REVIEW"], { next: "DECISION_DRAFTING" }],
  ["SUBMIT_FOR_APPROVAL", ["DECISION_DRAFTING"], { next: "DECISION_APPROVAL", effects: [notified("office_head")] }],
  ["RETURN_DRAFT", ["DECISION_APPROVAL"], { next: "DECISION_DRAFTING" }],
  // Art. 62 counts the making of the decision (approval and seal, Arts. 61, 75(1)), not its service.
  ["APPROVE_DECISION", ["DECISION_APPROVAL"], { next: "DECISION_ISSUED", effects: [issued("decision"), stopped("decision")] }],
  [
    "SERVE_DECISION",
    ["DECISION_ISSUED"],
    { next: "DECISION_EFFECTIVE", effects: [started("suit_after_decision", { from: TODAY })], absent: [stopped("decision")] },
  ],
  [
    "DEADLINE_ALERT",
    DECISION_CLOCK,
    (state) => ({ next: state, fixture: state === "SUSPENDED" ? "SUSPENDED_NOT_PAUSED" : state, effects: [notified("office_head")] }),
  ],
  [
    "MONITOR_PERFORMANCE",
    ["DECISION_EFFECTIVE"],
    { next: "PERFORMANCE_MONITORING", fixture: "DECISION_EFFECTIVE_REDO", effects: [started("redo_act")] },
  ],
  [
    "MONITOR_PERFORMANCE",
    ["MEDIATION_DOCUMENT_EFFECTIVE"],
    {
      next: "PERFORMANCE_MONITORING",
      fixture: "MEDIATION_DOCUMENT_WITH_OBLIGATIONS",
      effects: [started("performance_period", { length: { value: 30, unit: "calendar_day" } })],
    },
  ],
  ["REPORT_PERFORMANCE", ["PERFORMANCE_MONITORING"], { next: "PERFORMANCE_REPORTED", effects: [stopped("redo_act")] }],
  ["REPORT_PERFORMANCE", ["ORDERED_TO_PERFORM"], { next: "PERFORMANCE_REPORTED", effects: [stopped("order_to_perform")] }],
  ["REJECT_PERFORMANCE_REPORT", ["PERFORMANCE_REPORTED"], { next: "PERFORMANCE_MONITORING" }],
  [
    "ORDER_TO_PERFORM",
    ["PERFORMANCE_MONITORING"],
    {
      next: "ORDERED_TO_PERFORM",
      effects: [issued("order_to_perform"), started("order_to_perform", { length: { value: 15, unit: "calendar_day" } })],
    },
  ],
  ["RECORD_PERFORMANCE_MEASURE", ["ORDERED_TO_PERFORM"], { next: "ORDERED_TO_PERFORM", effects: [notified("respondent")] }],
  ["REFER_FOR_SANCTIONS", ["ORDERED_TO_PERFORM"], { next: "REFERRED", effects: [stopped("order_to_perform")] }],
  ["VERIFY_PERFORMANCE", ["PERFORMANCE_REPORTED"], { next: "CLOSED" }],
  ["ARCHIVE", ["DECISION_EFFECTIVE", "MEDIATION_DOCUMENT_EFFECTIVE", "APPLICATION_DISMISSED", "TERMINATED", "REFERRED"], same("CLOSED")],
  ["REPORT_LITIGATION", AFTER_DECISION, stays()],
]);

const spec: CrossProductSpec<CaseState, CaseCommand> = {
  machine: "reconsideration",
  states: caseStates,
  commandTypes: caseCommandTypes,
  transition,
  fixture: caseFixture,
  sample: (type) => caseSamples[type as keyof typeof caseSamples],
  actorFor: (type) => caseActors[type as keyof typeof caseActors],
  ctxFor: (type) => caseCtx[type as keyof typeof caseCtx] ?? {},
  allowed,
};

describeCrossProduct(spec);

const run = (s: CaseState, command: CaseCommand, actor: ActorRef, extra: Partial<MachineContext> = {}) =>
  transition(s, command, ctx(actor, extra));
const refused = (r: ReturnType<typeof transition>) => {
  if (r.ok) throw new Error(`expected a refusal, got ${r.next.state}`);
  return r.reason;
};
const accepted = (r: ReturnType<typeof transition>) => {
  if (!r.ok) throw new Error(`refused: ${r.reason.code} ${r.reason.guard ?? ""} ${r.reason.messageEn}`);
  return r;
};

describe("the transition table", () => {
  it("covers T1–T30 and P1–P5 of DOMAIN.md §15.2–15.3", () => {
    const ids = new Set(caseTransitions.map((r) => r.id.split("-")[0]));
    for (let i = 1; i <= 30; i++) expect(ids, `T${i}`).toContain(`T${i}`);
    for (let i = 1; i <= 5; i++) expect(ids, `P${i}`).toContain(`P${i}`);
  });
});
describeTableChecks("reconsideration", caseTransitions, caseStates, caseCommandTypes, ["DRAFT"]);
describeRoleChecks(spec, caseTransitions);

describe("keys the machine emits", () => {
  const effects = allowedEffects(spec);
  it("every timer key is a known period key", () => {
    const used = new Set(effects.flatMap((e) => ("timer" in e ? [e.timer] : [])));
    expect(used.size).toBeGreaterThan(10);
    for (const t of used) expect(timerKeys, t).toContain(t);
  });
  it("the statutory keys are exactly those of issue 3, requirement 2", () => {
    expect([...statutoryPeriodKeys].sort()).toEqual(
      [
        "application",
        "application_uninformed",
        "acceptance_review",
        "supplement",
        "copy_to_respondent",
        "copy_to_respondent_simplified",
        "respondent_reply",
        "respondent_reply_simplified",
        "hearing_notice",
        "decision",
        "decision_simplified",
        "decision_extension",
        "opinion_letter_report",
        "redo_act",
        "suit_after_decision",
        "judicial_confirmation",
        "petition_routing",
        "committee_opinion",
        "suggestion_letter_reply",
      ].sort()
    );
  });
  it("every document is a §19 document key", () => {
    for (const e of effects) if (e.kind === "issueDocument") expect(documentKeys, e.document).toContain(e.document);
  });
  it("every relayed command is valid for the machine it goes to", () => {
    for (const e of effects) {
      if (e.kind !== "relay") continue;
      const schema = e.to === "consultation" ? ConsultationCommandSchema : CaseCommandSchema;
      expect(schema.safeParse(e.command).success, JSON.stringify(e.command)).toBe(true);
    }
  });
});

describe("who may act: DOMAIN.md's actors", () => {
  it("an administrator never moves a case", () => {
    const r = run(caseFixture("IN_REVIEW"), caseSamples.START_DRAFTING, admin);
    expect(refused(r).code).toBe("ROLE_NOT_ALLOWED");
  });
  it("a citizen who is not the applicant of this case cannot act on it", () => {
    expect(refused(run(newCase(), caseSamples.SUBMIT, stranger)).code).toBe("NOT_A_PARTY");
    expect(refused(run(caseFixture("IN_REVIEW"), caseSamples.REQUEST_WITHDRAWAL, stranger)).code).toBe("NOT_A_PARTY");
  });
  it("an agent of another organ cannot file this respondent's reply (5.01)", () => {
    const r = run(caseFixture("AWAITING_REPLY"), caseSamples.FILE_REPLY, { role: "respondent_agent", userId: "u-other-organ" });
    expect(refused(r).code).toBe("NOT_A_PARTY");
  });
  it("T28 the decision is approved by the head, not the case officer (《行政复议法》第六十一条第一款)", () => {
    expect(refused(run(caseFixture("DECISION_APPROVAL"), caseSamples.APPROVE_DECISION, staff)).code).toBe("ROLE_NOT_ALLOWED");
    expect(accepted(run(caseFixture("DECISION_APPROVAL"), caseSamples.APPROVE_DECISION, head)).next.state).toBe("DECISION_ISSUED");
  });
});

describe("T8 deemed acceptance when the 5-WD review runs out (DOMAIN.md 3.04, 《行政复议法》第三十条第三款)", () => {
  it("the scheduler's command is refused while the review period runs", () => {
    expect(refused(run(caseFixture("INTAKE_REVIEW"), caseSamples.INTAKE_PERIOD_EXPIRED, system)).guard).toBe("timer_expired");
  });
  it("after it ran out the case is accepted from the last day of the period, in the ordinary procedure", () => {
    const r = accepted(
      run(caseFixture("INTAKE_REVIEW"), { type: "INTAKE_PERIOD_EXPIRED", periodEndedOn: "2026-02-27" }, system, {
        expiredTimers: ["acceptance_review"],
      })
    );
    expect(r.next).toMatchObject({ state: "ACCEPTED", acceptedAt: "2026-02-27", deemedAccepted: true, procedure: "ordinary" });
    expectEffects(
      r.effects,
      [
        started("decision", { from: "2026-02-27", basis: "《行政复议法》第六十二条第一款" }),
        issued("acceptance_notice"),
        notified("applicant"),
      ],
      [started("decision_simplified")]
    );
  });
  it("a staff member cannot record deemed acceptance; it is automatic", () => {
    expect(
      refused(run(caseFixture("INTAKE_REVIEW"), caseSamples.INTAKE_PERIOD_EXPIRED, staff, { expiredTimers: ["acceptance_review"] })).code
    ).toBe("ROLE_NOT_ALLOWED");
  });
  it.each([
    ["ACCEPT", caseSamples.ACCEPT],
    ["REFUSE (第三十条第二款: within the review period)", caseSamples.REFUSE],
    ["ISSUE_SUPPLEMENT_NOTICE (第三十一条第一款: within 5 WD of receipt)", caseSamples.ISSUE_SUPPLEMENT_NOTICE],
  ])("once the period has run out, %s is refused", (_name, command) => {
    const r = run(caseFixture("INTAKE_REVIEW"), command, staff, { expiredTimers: ["acceptance_review"] });
    expect(refused(r).guard).toBe("within_review_period");
  });
});

describe("T6 deemed abandonment after the 10-WD supplement period (DOMAIN.md 3.06, 《行政复议法》第三十一条第二款)", () => {
  it("not while the supplement period runs", () => {
    expect(refused(run(caseFixture("AWAITING_SUPPLEMENT"), caseSamples.SUPPLEMENT_PERIOD_EXPIRED, system)).guard).toBe("timer_expired");
  });
  it("not while the applicant's request for more time (just cause) is undecided", () => {
    const s = caseFrom("AWAITING_SUPPLEMENT", caseStep("REQUEST_SUPPLEMENT_EXTENSION"));
    expect(refused(run(s, caseSamples.SUPPLEMENT_PERIOD_EXPIRED, system, { expiredTimers: ["supplement"] })).guard).toBe(
      "no_pending_just_cause"
    );
  });
  it("otherwise the application is deemed abandoned and that is recorded in the file", () => {
    const r = accepted(
      run(caseFixture("AWAITING_SUPPLEMENT"), caseSamples.SUPPLEMENT_PERIOD_EXPIRED, system, { expiredTimers: ["supplement"] })
    );
    expect(r.next.state).toBe("ABANDONED");
    expect(r.effects[0]).toMatchObject({ kind: "recordEvent", note: expect.stringContaining("视为放弃") });
  });
  it("the supplement period runs from the applicant's receipt of the notice (第三十一条第二款)", () => {
    const unserved = caseFixture("AWAITING_SUPPLEMENT_UNSERVED");
    expect(unserved.timers.supplement).toBeUndefined();
    const r = accepted(run(unserved, { type: "RECORD_SUPPLEMENT_NOTICE_SERVICE", servedOn: "2026-02-27" }, staff));
    expectEffects(r.effects, [started("supplement", { from: "2026-02-27" })]);
  });
  it("served by public notice, the supplement period runs from the day it is deemed served, 30 days after publication (第三十一条第二款; CPL Art. 95)", () => {
    const unserved = caseFixture("AWAITING_SUPPLEMENT_UNSERVED");
    const publishedOn = addCalendarDays(TODAY, -2);
    const deemed = addCalendarDays(publishedOn, 30);
    const r = accepted(run(unserved, { type: "RECORD_SUPPLEMENT_NOTICE_SERVICE", servedOn: deemed, publishedOn }, staff));
    expectEffects(r.effects, [started("supplement", { from: deemed })]);
    // the deemed day must follow from the publication; a publication cannot be in the future
    expect(refused(run(unserved, { type: "RECORD_SUPPLEMENT_NOTICE_SERVICE", servedOn: addCalendarDays(deemed, 1), publishedOn }, staff)).guard).toBe("public_notice_date");
    const tomorrow = addCalendarDays(TODAY, 1);
    expect(refused(run(unserved, { type: "RECORD_SUPPLEMENT_NOTICE_SERVICE", servedOn: addCalendarDays(tomorrow, 30), publishedOn: tomorrow }, staff)).guard).toBe("date_not_in_future");
    // without a publication date a future service date is still refused
    expect(refused(run(unserved, { type: "RECORD_SUPPLEMENT_NOTICE_SERVICE", servedOn: deemed }, staff)).guard).toBe("date_not_in_future");
  });
  it("T3 the supplement notice lists everything at once: no second notice (第三十一条第一款)", () => {
    const again = caseFrom("AWAITING_SUPPLEMENT", caseStep("SUBMIT_SUPPLEMENT"));
    expect(again.state).toBe("INTAKE_REVIEW");
    expect(refused(run(again, caseSamples.ISSUE_SUPPLEMENT_NOTICE, staff)).guard).toBe("supplement_once");
  });
  it("T4 a supplement starts a new 5-WD review from its receipt (第三十一条第三款; DOMAIN.md 3.08 default)", () => {
    const r = accepted(run(caseFixture("AWAITING_SUPPLEMENT"), { type: "SUBMIT_SUPPLEMENT", receivedOn: TODAY }, citizen));
    expectEffects(r.effects, [stopped("supplement"), started("acceptance_review", { from: TODAY })]);
  });
  it("T5 an extension for just cause lengthens the supplement period; a refusal needs a pending request", () => {
    expect(
      refused(run(caseFixture("AWAITING_SUPPLEMENT"), { type: "DECIDE_SUPPLEMENT_EXTENSION", granted: false, reason: "理由不成立" }, staff))
        .guard
    ).toBe("extension_request_pending");
    const s = caseFrom("AWAITING_SUPPLEMENT", caseStep("REQUEST_SUPPLEMENT_EXTENSION"));
    const r = accepted(run(s, { type: "DECIDE_SUPPLEMENT_EXTENSION", granted: true, workingDays: 10, reason: "住院" }, staff));
    expectEffects(r.effects, [{ kind: "extendTimer", timer: "supplement", days: 10, unit: "working_day" } as never]);
    expect(r.next.supplement.extensionRequested).toBe(false);
  });
});

describe("T8 simplified procedure only on Art. 53 grounds or with all parties' consent (《行政复议法》第五十三条)", () => {
  type Basis = Extract<CaseCommand, { type: "ACCEPT" }>["simplifiedBasis"];
  const cases: [string, Basis, boolean][] = [
    [
      "on-the-spot act, facts clear (第五十三条第一款第一项)",
      { kind: "art53_1", factsClearAndDisputeMinor: true, ground: "on_the_spot" },
      true,
    ],
    [
      "warning or circulated criticism (第二项)",
      { kind: "art53_1", factsClearAndDisputeMinor: true, ground: "warning_or_criticism" },
      true,
    ],
    [
      "amount of exactly 3,000 yuan (第三项)",
      { kind: "art53_1", factsClearAndDisputeMinor: true, ground: "amount_up_to_3000", amountYuan: 3000 },
      true,
    ],
    ["amount of 3,001 yuan", { kind: "art53_1", factsClearAndDisputeMinor: true, ground: "amount_up_to_3000", amountYuan: 3001 }, false],
    ["amount not stated", { kind: "art53_1", factsClearAndDisputeMinor: true, ground: "amount_up_to_3000" }, false],
    ["information disclosure (第四项)", { kind: "art53_1", factsClearAndDisputeMinor: true, ground: "information_disclosure" }, true],
    ["a listed ground but the dispute is not minor", { kind: "art53_1", factsClearAndDisputeMinor: false, ground: "on_the_spot" }, false],
    ["any case with all parties' consent (第二款)", { kind: "all_parties_consent", applicantConsent: true, respondentConsent: true }, true],
    [
      "consent of applicant, respondent and third parties",
      { kind: "all_parties_consent", applicantConsent: true, respondentConsent: true, thirdPartiesConsent: true },
      true,
    ],
    ["the respondent does not consent", { kind: "all_parties_consent", applicantConsent: true, respondentConsent: false }, false],
    [
      "a third party does not consent",
      { kind: "all_parties_consent", applicantConsent: true, respondentConsent: true, thirdPartiesConsent: false },
      false,
    ],
    ["no basis given", undefined, false],
  ];
  it.each(cases)("%s", (_name, simplifiedBasis, ok) => {
    const r = run(caseFixture("INTAKE_REVIEW"), { type: "ACCEPT", procedure: "simplified", simplifiedBasis }, staff);
    if (ok) {
      const next = accepted(r);
      expect(next.next.procedure).toBe("simplified");
      // 第六十二条第二款 30 days; 第五十四条第一款 copy within 3 WD.
      expectEffects(next.effects, [started("decision_simplified"), started("copy_to_respondent_simplified")], [started("decision")]);
    } else {
      expect(refused(r).guard).toBe("simplified_grounds");
    }
  });
  it("a simplified case gets the 5-WD reply period (第五十四条第一款)", () => {
    const s = caseFixture("IN_REVIEW_SIMPLIFIED");
    expect(s.procedure).toBe("simplified");
    const a = caseFrom(
      "INTAKE_REVIEW",
      caseStep("ACCEPT", {
        procedure: "simplified",
        simplifiedBasis: { kind: "art53_1", factsClearAndDisputeMinor: true, ground: "on_the_spot" },
      })
    );
    const r = accepted(run(a, caseSamples.SERVE_COPY_ON_RESPONDENT, staff));
    expectEffects(r.effects, [stopped("copy_to_respondent_simplified"), started("respondent_reply_simplified")]);
  });
});

describe("T24 extension of the decision period (《行政复议法》第六十二条)", () => {
  it("T24 extension: ordinary procedure only (《行政复议法》第六十二条第二款)", () => {
    expect(refused(run(caseFixture("IN_REVIEW_SIMPLIFIED"), caseSamples.EXTEND_DECISION_PERIOD, head)).guard).toBe(
      "extension_ordinary_only"
    );
  });
  it("T24 extension: only once (《行政复议法》第六十二条第一款)", () => {
    const once = accepted(run(caseFixture("IN_REVIEW"), { type: "EXTEND_DECISION_PERIOD", days: 10, reason: "需要鉴定" }, head)).next;
    expect(once.extensionUsed).toBe(true);
    expect(refused(run(once, { type: "EXTEND_DECISION_PERIOD", days: 10, reason: "仍需时间" }, head)).guard).toBe("extension_once");
  });
  it.each([
    [1, true],
    [30, true],
    [31, false],
  ])("T24 extension: %i days → allowed %s (at most 30 days, 第六十二条第一款)", (days, ok) => {
    const r = run(caseFixture("IN_REVIEW"), { type: "EXTEND_DECISION_PERIOD", days, reason: "案情复杂" }, head);
    if (ok)
      expectEffects(accepted(r).effects, [
        { kind: "extendTimer", timer: "decision", days, unit: "calendar_day" } as never,
        issued("extension_notice"),
        notified("parties"),
      ]);
    else expect(refused(r).guard).toBe("extension_max_30");
  });
  it("T24 extension: approved by the head of the institution, not the case officer", () => {
    expect(refused(run(caseFixture("IN_REVIEW"), caseSamples.EXTEND_DECISION_PERIOD, staff)).code).toBe("ROLE_NOT_ALLOWED");
  });
  it("T24 extension: not once the decision period has expired", () => {
    expect(refused(run(caseFixture("IN_REVIEW"), caseSamples.EXTEND_DECISION_PERIOD, head, { expiredTimers: ["decision"] })).guard).toBe(
      "extension_before_expiry"
    );
  });
  it("T24 extension: written notice to the parties (延期审理通知书, 7.02)", () => {
    const r = accepted(run(caseFixture("HEARING_SCHEDULED"), caseSamples.EXTEND_DECISION_PERIOD, head));
    expectEffects(r.effects, [issued("extension_notice"), notified("parties")]);
  });
});

describe("T25 simplified → ordinary needs the office head (《行政复议法》第五十五条; DOMAIN.md 6.05–6.06)", () => {
  it("the case officer cannot convert", () => {
    expect(refused(run(caseFixture("IN_REVIEW_SIMPLIFIED"), caseSamples.CONVERT_TO_ORDINARY, staff)).code).toBe("ROLE_NOT_ALLOWED");
  });
  it("the head converts; the 60 days run from the original acceptance (6.06 default)", () => {
    const s = caseFixture("IN_REVIEW_SIMPLIFIED");
    const r = accepted(run(s, caseSamples.CONVERT_TO_ORDINARY, head));
    expect(r.next.procedure).toBe("ordinary");
    expectEffects(r.effects, [stopped("decision_simplified"), started("decision", { from: s.acceptedAt })]);
    expect(r.next.timers).toEqual({ decision: "running" });
  });
  it("an ordinary case cannot be converted", () => {
    expect(refused(run(caseFixture("IN_REVIEW"), caseSamples.CONVERT_TO_ORDINARY, head)).guard).toBe("is_simplified");
  });
});

describe("T12 hearing date ≥ 5 WD after the notice (DOMAIN.md 6.12, 《行政复议法》第五十一条第一款)", () => {
  it.each([
    ["2026-03-02", "2026-03-06", 4, false],
    ["2026-03-02", "2026-03-09", 5, true],
    ["2026-03-06", "2026-03-12", 4, false],
    ["2026-03-06", "2026-03-13", 5, true],
    ["2026-03-31", "2026-04-07", 4, false], // Qingming, Apr 4–6 2026, does not count
    ["2026-03-31", "2026-04-08", 5, true],
  ])("notice on %s, hearing on %s (%i working days) → allowed %s", (today, hearingDate, wd, ok) => {
    const s = caseFixture("IN_REVIEW");
    const r = run(s, { type: "SCHEDULE_HEARING", hearingDate, reason: "applicant_request" }, staff, { today });
    if (ok) expect(accepted(r).next.hearing).toMatchObject({ date: hearingDate, noticeOn: today });
    else expect(refused(r).guard).toBe("hearing_notice_5wd");
    expect(workingDaysBetween(today, hearingDate)).toBe(wd);
  });
  it("a changed date is notified again at least 5 WD ahead (听证办法 Art. 4)", () => {
    const s = caseFixture("HEARING_SCHEDULED");
    expect(refused(run(s, { type: "RESCHEDULE_HEARING", hearingDate: "2026-03-05", reason: "改期" }, staff)).guard).toBe(
      "hearing_notice_5wd"
    );
    expectEffects(accepted(run(s, caseSamples.RESCHEDULE_HEARING, staff)).effects, [issued("hearing_notice")]);
  });
  it("without the working-day calendar the machine refuses rather than guesses", () => {
    const r = transition(caseFixture("IN_REVIEW"), caseSamples.SCHEDULE_HEARING, { actor: staff, today: TODAY });
    expect(refused(r).code).toBe("CONTEXT_MISSING");
  });
  it("formal hearings are part of the ordinary procedure (第五十条, 第五十四条第二款)", () => {
    expect(refused(run(caseFixture("IN_REVIEW_SIMPLIFIED"), caseSamples.SCHEDULE_HEARING, staff)).guard).toBe("hearing_ordinary_only");
  });
  it("T13 the result is recorded on or after the hearing date; absence is a waiver (第五十一条第二款)", () => {
    const s = caseFixture("HEARING_SCHEDULED");
    expect(refused(run(s, caseSamples.RECORD_HEARING, staff, { today: "2026-03-13" })).guard).toBe("hearing_date_reached");
    const r = accepted(run(s, { type: "RECORD_HEARING", outcome: "applicant_absent" }, staff, { today: AFTER_HEARING }));
    expect(r.next.flags.hearingWaived).toBe(true);
    expect(r.effects[0]).toMatchObject({ note: expect.stringContaining("视为放弃听证权利") });
  });
});

describe("committee: T14 mandatory referral and T27/T28 adoption record (《行政复议法》第五十二条、第六十一条第三款)", () => {
  it("T14 a case against the autonomous-region government cannot be decided without a consultation (第五十二条第二款第三项)", () => {
    const s = { ...caseFixture("IN_REVIEW"), act: { ...caseFixture("IN_REVIEW").act, respondentIsRegionGovernment: true } };
    expect(refused(run(s, caseSamples.START_DRAFTING, staff)).guard).toBe("committee_consulted");
    const referred = accepted(run(s, { type: "REFER_TO_COMMITTEE", grounds: ["technical"] }, staff));
    expect(referred.next.committeeReferral.grounds).toEqual(["technical", "region_government_act"]);
  });
  it("T14 a case marked major, difficult or complex needs the consultation too (第五十二条第二款第一项)", () => {
    const s = caseFrom("IN_REVIEW", caseStep("SCHEDULE_HEARING", { reason: "major_complex" }), [
      { ...caseSamples.RECORD_HEARING },
      staff,
      { today: AFTER_HEARING },
    ]);
    expect(s.flags.majorComplex).toBe(true);
    expect(refused(run(s, caseSamples.START_DRAFTING, staff, { today: AFTER_HEARING })).guard).toBe("committee_consulted");
  });
  it("T14 drafting may start once the opinion is recorded", () => {
    expect(accepted(run(caseFixture("IN_REVIEW_AFTER_OPINION"), caseSamples.START_DRAFTING, staff)).next.state).toBe("DECISION_DRAFTING");
  });
  it("T27 a referred case goes to approval only with the adoption record (第五十二条第三款、第六十一条第三款)", () => {
    const drafting = caseFixture("DECISION_DRAFTING_AFTER_OPINION");
    expect(refused(run(drafting, caseSamples.SUBMIT_FOR_APPROVAL, staff)).guard).toBe("adoption_recorded");
    const withRecord = accepted(run(drafting, caseSamples.COMMITTEE_ADOPTION_RECORDED, system)).next;
    expect(withRecord.committeeReferral.adoptionRecorded).toBe(true);
    expect(accepted(run(withRecord, caseSamples.SUBMIT_FOR_APPROVAL, staff)).next.state).toBe("DECISION_APPROVAL");
  });
  it("T28 approval checks the adoption record again and links the consultation", () => {
    const drafting = accepted(run(caseFixture("DECISION_DRAFTING_AFTER_OPINION"), caseSamples.COMMITTEE_ADOPTION_RECORDED, system)).next;
    const approval = accepted(run(drafting, caseSamples.SUBMIT_FOR_APPROVAL, staff)).next;
    const broken = { ...approval, committeeReferral: { ...approval.committeeReferral, adoptionRecorded: false } };
    expect(refused(run(broken, caseSamples.APPROVE_DECISION, head)).guard).toBe("adoption_recorded");
    expectEffects(accepted(run(approval, caseSamples.APPROVE_DECISION, head)).effects, [
      issued("decision"),
      relayed("consultation", "LINK_DECISION"),
    ]);
  });
  it("an unreferred case needs no adoption record", () => {
    expect(accepted(run(caseFixture("DECISION_DRAFTING"), caseSamples.SUBMIT_FOR_APPROVAL, staff)).next.state).toBe("DECISION_APPROVAL");
  });
  it("a case cannot be referred twice while the consultation is open", () => {
    expect(refused(run(caseFixture("IN_REVIEW_AFTER_OPINION"), caseSamples.REFER_TO_COMMITTEE, staff)).guard).toBe("referral_once");
  });
  it("the adoption record needs an opinion first", () => {
    expect(refused(run(caseFixture("IN_REVIEW"), caseSamples.COMMITTEE_ADOPTION_RECORDED, system)).guard).toBe("opinion_recorded_first");
  });
});

describe("T27 other preconditions of drafting the decision", () => {
  it("ordinary procedure: the parties' views must be heard and recorded (《行政复议法》第四十九条)", () => {
    const s = caseFrom("ACCEPTED", caseStep("SERVE_COPY_ON_RESPONDENT"), caseStep("FILE_REPLY"));
    expect(refused(run(s, caseSamples.START_DRAFTING, staff)).guard).toBe("views_heard");
  });
  it("simplified procedure may be decided on the papers (第五十四条第二款)", () => {
    expect(accepted(run(caseFixture("IN_REVIEW_SIMPLIFIED"), caseSamples.START_DRAFTING, staff)).next.state).toBe("DECISION_DRAFTING");
  });
  it("a major, difficult or complex case needs a held (or waived) hearing (第五十条第一款)", () => {
    const base = caseFixture("IN_REVIEW_AFTER_OPINION");
    const s = { ...base, flags: { ...base.flags, majorComplex: true } };
    expect(refused(run(s, caseSamples.START_DRAFTING, staff)).guard).toBe("hearing_held");
  });
});

describe("Art. 70: no reply, or no evidence and basis (DOMAIN.md 5.03, 9.10)", () => {
  it("T11 the reply period expiring sets the no-reply flag", () => {
    const r = accepted(
      run(caseFixture("AWAITING_REPLY"), caseSamples.REPLY_PERIOD_EXPIRED, system, { expiredTimers: ["respondent_reply"] })
    );
    expect(r.next.flags.noReply).toBe(true);
  });
  it("T11 a reply without evidence and basis, or filed late, counts the same", () => {
    expect(
      accepted(run(caseFixture("AWAITING_REPLY"), { type: "FILE_REPLY", evidenceAndBasisSubmitted: false }, respondent)).next.flags.noReply
    ).toBe(true);
    expect(
      accepted(run(caseFixture("AWAITING_REPLY"), caseSamples.FILE_REPLY, respondent, { expiredTimers: ["respondent_reply"] })).next.flags
        .noReply
    ).toBe(true);
    expect(accepted(run(caseFixture("AWAITING_REPLY"), caseSamples.FILE_REPLY, respondent)).next.flags.noReply).toBe(false);
  });
  const noReply = () => {
    const s = caseFixture("DECISION_DRAFTING");
    return { ...s, flags: { ...s.flags, noReply: true } };
  };
  it.each([
    ["uphold", false],
    ["vary", false],
    ["revoke", true],
    ["confirm_illegal", true],
  ] as const)("decision type %s → allowed %s", (decisionType, ok) => {
    const r = run(noReply(), { type: "SUBMIT_FOR_APPROVAL", decisionType }, staff);
    if (ok) accepted(r);
    else expect(refused(r).guard).toBe("art70_outcome");
  });
  it("unless the act concerns a third party who supplied evidence", () => {
    accepted(run(noReply(), { type: "SUBMIT_FOR_APPROVAL", decisionType: "uphold", thirdPartyEvidence: true }, staff));
  });
});

describe("decision content guards (《行政复议法》第六十四条至第六十九条)", () => {
  const drafting = (failureToAct = false) => {
    const s = caseFixture("DECISION_DRAFTING");
    return { ...s, act: { ...s.act, failureToAct } };
  };
  it.each<[string, Extract<CaseCommand, { type: "SUBMIT_FOR_APPROVAL" }>, boolean, string?]>([
    [
      "a redo order only with a revocation (第六十四条)",
      { type: "SUBMIT_FOR_APPROVAL", decisionType: "vary", redoOrdered: true },
      false,
      "redo_with_revoke",
    ],
    [
      "order performance only in failure-to-act cases (第六十六条)",
      { type: "SUBMIT_FOR_APPROVAL", decisionType: "order_performance", performanceDays: 30 },
      false,
      "failure_to_act_case",
    ],
    [
      "reject the claim only in failure-to-act cases (第六十九条)",
      { type: "SUBMIT_FOR_APPROVAL", decisionType: "reject_claim" },
      false,
      "failure_to_act_case",
    ],
    [
      "confirm void only on the applicant's request (第六十七条)",
      { type: "SUBMIT_FOR_APPROVAL", decisionType: "confirm_void" },
      false,
      "void_on_request",
    ],
    ["confirm void on request", { type: "SUBMIT_FOR_APPROVAL", decisionType: "confirm_void", applicantRequestedVoid: true }, true],
    [
      "revoke and redo without a period: the 60-day default applies later",
      { type: "SUBMIT_FOR_APPROVAL", decisionType: "revoke", redoOrdered: true },
      true,
    ],
  ])("%s", (_name, command, ok, guard) => {
    const r = run(drafting(), command, staff);
    if (ok) accepted(r);
    else expect(refused(r).guard).toBe(guard);
  });
  it("order performance needs the period it sets (第六十六条)", () => {
    expect(refused(run(drafting(true), { type: "SUBMIT_FOR_APPROVAL", decisionType: "order_performance" }, staff)).guard).toBe(
      "performance_period_set"
    );
    accepted(run(drafting(true), { type: "SUBMIT_FOR_APPROVAL", decisionType: "order_performance", performanceDays: 30 }, staff));
  });
});

describe("T23 withdrawal only before the decision (《行政复议法》第七十四条, 第四十一条第一项)", () => {
  it.each(["DECISION_ISSUED", "DECISION_EFFECTIVE", "PERFORMANCE_MONITORING", "CLOSED"])(
    "%s: neither a request nor an approval is accepted",
    (state) => {
      const s = { ...caseFixture(state), withdrawalRequested: true };
      expect(refused(run(s, caseSamples.REQUEST_WITHDRAWAL, citizen)).code).toBe("NOT_ALLOWED_IN_STATE");
      expect(refused(run(s, caseSamples.APPROVE_WITHDRAWAL, staff)).code).toBe("NOT_ALLOWED_IN_STATE");
    }
  );
  it("up to the approval of the decision the applicant may withdraw", () => {
    const s = caseFrom("DECISION_APPROVAL", caseStep("REQUEST_WITHDRAWAL"));
    const r = accepted(run(s, caseSamples.APPROVE_WITHDRAWAL, staff));
    expect(r.next.outcome).toMatchObject({ kind: "withdrawn", refilingBarred: true });
    expectEffects(r.effects, [stopped("decision"), issued("withdrawal_record"), issued("termination_decision")]);
    expect(r.effects[0]).toMatchObject({ note: expect.stringContaining("不得再以同一事实和理由") });
    expect(r.next.timers).toEqual({});
  });
  it("the institution approves only an actual request", () => {
    expect(refused(run(caseFixture("IN_REVIEW"), caseSamples.APPROVE_WITHDRAWAL, staff)).guard).toBe("withdrawal_requested");
  });
  it("T19 settlement in mediation ends the same way; an open consultation is cancelled", () => {
    const s = caseFrom("MEDIATION", caseStep("REQUEST_WITHDRAWAL"));
    const r = accepted(run(s, caseSamples.APPROVE_WITHDRAWAL, staff));
    expect(r.transition).toBe("T19");
    const c = caseFrom("COMMITTEE_CONSULTATION", caseStep("REQUEST_WITHDRAWAL"));
    expectEffects(accepted(run(c, caseSamples.APPROVE_WITHDRAWAL, staff)).effects, [relayed("consultation", "CANCEL")]);
  });
  it("before acceptance there is no termination decision, only the withdrawal record", () => {
    const s = caseFrom("INTAKE_REVIEW", caseStep("REQUEST_WITHDRAWAL"));
    expectEffects(
      accepted(run(s, caseSamples.APPROVE_WITHDRAWAL, staff)).effects,
      [issued("withdrawal_record")],
      [issued("termination_decision")]
    );
  });
});

describe("T20/T22 suspension grounds and their timers (DOMAIN.md 7.05, 7.09; 《行政复议法》第三十九条、第四十一条)", () => {
  const extra: Partial<Record<(typeof suspensionGrounds)[number], Partial<Extract<CaseCommand, { type: "SUSPEND" }>>>> = {
    mediation_or_settlement: { applicantConsent: true, respondentConsent: true, settlementUnderway: true },
    normative_document_review: { normativeDocumentWithinPower: true },
  };
  const expectedTimers: Record<(typeof suspensionGrounds)[number], string[]> = {
    applicant_died: ["suspension_60"], // 第四十一条第五项 covers grounds (1), (2), (4)
    applicant_incapacitated: ["suspension_60"],
    applicant_missing: [],
    applicant_organisation_ended: ["suspension_60"],
    party_unable: [],
    mediation_or_settlement: [],
    legal_interpretation_pending: [],
    related_case_pending: [],
    normative_document_review: ["norm_notify", "norm_handle"], // 第五十八条 3 WD notice; 第五十六、五十七条 30 days
    other: [],
  };
  it.each(suspensionGrounds.map((g, i) => [i + 1, g] as const))(
    "ground (%i) %s: decision period paused, written notice, its own timers",
    (_n, ground) => {
      const r = accepted(run(caseFixture("IN_REVIEW"), { type: "SUSPEND", ground, explanation: "事由说明", ...extra[ground] }, staff));
      expectEffects(r.effects, [paused("decision"), issued("suspension_notice"), ...expectedTimers[ground].map((t) => started(t))]);
      const others = ["suspension_60", "norm_notify", "norm_handle", "norm_forward"].filter((t) => !expectedTimers[ground].includes(t));
      expectEffects(
        r.effects,
        [],
        others.map((t) => started(t))
      );
    }
  );
  it("ground (9) outside the organ's power: forward within 7 WD (第五十六条、第五十七条)", () => {
    const r = accepted(
      run(
        caseFixture("IN_REVIEW"),
        { type: "SUSPEND", ground: "normative_document_review", explanation: "x", normativeDocumentWithinPower: false },
        staff
      )
    );
    expectEffects(r.effects, [started("norm_forward")], [started("norm_notify")]);
  });
  it("ground (6) needs both the applicant's and the respondent's consent (第三十九条第一款第六项)", () => {
    const r = run(
      caseFixture("MEDIATION"),
      { type: "SUSPEND", ground: "mediation_or_settlement", explanation: "x", applicantConsent: true },
      staff
    );
    expect(refused(r).guard).toBe("mediation_suspension_consent");
    expect(
      refused(
        run(
          caseFixture("IN_REVIEW"),
          { type: "SUSPEND", ground: "mediation_or_settlement", explanation: "x", applicantConsent: true, respondentConsent: true },
          staff
        )
      ).guard
    ).toBe("mediation_under_way");
  });
  it("with suspensionPausesDecision off the decision period keeps running (DOMAIN.md 7.08 setting)", () => {
    const r = accepted(run(caseFixture("IN_REVIEW"), caseSamples.SUSPEND, staff, { settings: { suspensionPausesDecision: false } }));
    expectEffects(r.effects, [issued("suspension_notice")], [paused("decision")]);
  });
  it("T22 only grounds (1), (2), (4) end after 60 days (第四十一条第五项)", () => {
    const missing = caseFrom("IN_REVIEW", caseStep("SUSPEND", { ground: "applicant_missing" }));
    expect(refused(run(missing, caseSamples.SUSPENSION_PERIOD_EXPIRED, system, { expiredTimers: ["suspension_60"] })).guard).toBe(
      "sixty_day_ground"
    );
    expect(refused(run(caseFixture("SUSPENDED_60"), caseSamples.SUSPENSION_PERIOD_EXPIRED, system)).guard).toBe("timer_expired");
    const r = accepted(
      run(caseFixture("SUSPENDED_60"), caseSamples.SUSPENSION_PERIOD_EXPIRED, system, { expiredTimers: ["suspension_60"] })
    );
    expect(r.next.timers).toEqual({});
  });
  it("T21 resumption restores the decision period, stops the suspension timers and is notified in writing (第三十九条第三款)", () => {
    const r = accepted(run(caseFixture("SUSPENDED_60"), caseSamples.RESUME, staff));
    expectEffects(r.effects, [resumed("decision"), stopped("suspension_60"), issued("resumption_notice")]);
    expect(r.next.timers).toEqual({ decision: "running" });
  });
  it("T21 a case suspended while awaiting the reply returns there; a cancelled hearing returns to review", () => {
    const fromReply = caseFrom("AWAITING_REPLY", caseStep("SUSPEND"));
    expect(accepted(run(fromReply, caseSamples.RESUME, staff)).next.state).toBe("AWAITING_REPLY");
    const fromHearing = caseFrom("HEARING_SCHEDULED", caseStep("SUSPEND"));
    expect(fromHearing.hearing).toBeNull();
    expect(accepted(run(fromHearing, caseSamples.RESUME, staff)).next.state).toBe("IN_REVIEW");
  });
  it("T16 suspended mediation resumes into mediation", () => {
    expect(accepted(run(caseFixture("SUSPENDED_MEDIATION"), caseSamples.RESUME, staff)).next.state).toBe("MEDIATION");
  });
  it("T17 a mediation document can be signed only when suspended for mediation", () => {
    expect(refused(run(caseFixture("SUSPENDED"), caseSamples.SIGN_MEDIATION_DOCUMENT, staff)).guard).toBe("suspended_for_mediation");
  });
});

describe("mediation inside reconsideration (《行政复议法》第五条、第七十三条)", () => {
  it("T15 mediation is voluntary", () => {
    expect(
      refused(run(caseFixture("IN_REVIEW"), { type: "OPEN_MEDIATION", applicantWilling: true, respondentWilling: false }, staff)).guard
    ).toBe("mediation_voluntary");
  });
  it("T17 the mediation document needs every party's signature and the organ's seal (第七十三条第一款)", () => {
    expect(refused(run(caseFixture("MEDIATION"), { ...caseSamples.SIGN_MEDIATION_DOCUMENT, organSealed: false }, staff)).guard).toBe(
      "mediation_document_complete"
    );
    expect(refused(run(caseFixture("MEDIATION"), { ...caseSamples.SIGN_MEDIATION_DOCUMENT, allPartiesSigned: false }, staff)).guard).toBe(
      "mediation_document_complete"
    );
  });
  it("T17 obligations of the respondent start performance monitoring (P1)", () => {
    const r = accepted(
      run(caseFixture("MEDIATION"), { ...caseSamples.SIGN_MEDIATION_DOCUMENT, respondentObligations: true, performanceDays: 20 }, staff)
    );
    expectEffects(r.effects, [relayed("reconsideration", "MONITOR_PERFORMANCE")]);
  });
});

describe("T7, T9, T26: refusal, forwarding, dismissal", () => {
  it("T7 a refusal for lack of jurisdiction names the competent organ (《行政复议法》第三十条第二款)", () => {
    const r = run(caseFixture("INTAKE_REVIEW"), { type: "REFUSE", failedConditions: ["jurisdiction"], reasons: "不属于本机关管辖" }, staff);
    expect(refused(r).guard).toBe("competent_organ_named");
    accepted(
      run(
        caseFixture("INTAKE_REVIEW"),
        { type: "REFUSE", failedConditions: ["jurisdiction"], reasons: "不属于本机关管辖", competentOrgan: "包头市人民政府" },
        staff
      )
    );
  });
  it("T7 where reconsideration must precede suit, the 15-day suit window is shown (第三十四条)", () => {
    const s = { ...caseFixture("INTAKE_REVIEW"), act: { ...caseFixture("INTAKE_REVIEW").act, reconsiderationFirst: true } };
    expectEffects(accepted(run(s, caseSamples.REFUSE, staff)).effects, [
      started("suit_after_decision", { basis: "《行政复议法》第三十四条" }),
    ]);
    expectEffects(accepted(run(caseFixture("INTAKE_REVIEW"), caseSamples.REFUSE, staff)).effects, [], [started("suit_after_decision")]);
  });
  it("T9 only on-the-spot or camera-based penalties go through the penalising organ (第三十二条)", () => {
    expect(refused(run(newCase(), caseSamples.SUBMIT_VIA_PENALIZING_ORGAN, respondent)).guard).toBe("art32_penalty");
    accepted(run(newCase({ electronicMonitoringPenalty: true }), caseSamples.SUBMIT_VIA_PENALIZING_ORGAN, respondent));
  });
  it("T1 an oral application is recorded and signed by the applicant (第二十二条第三款)", () => {
    expect(refused(run(newCase(), { type: "SUBMIT", channel: "oral" }, staff)).guard).toBe("oral_record_signed");
    expectEffects(accepted(run(newCase(), { type: "SUBMIT", channel: "oral", applicantSignedRecord: true }, staff)).effects, [
      issued("oral_application_record"),
    ]);
    expect(refused(run(newCase(), { type: "SUBMIT", channel: "post" }, citizen)).guard).toBe("citizen_files_online");
  });
  it("T26 dismissal after acceptance stops every running period (第三十三条)", () => {
    const r = accepted(run(caseFixture("AWAITING_REPLY"), caseSamples.DISMISS_APPLICATION, staff));
    expect(r.next.timers).toEqual({});
  });
  it("T23 termination for criminal measures only in detention cases (第四十一条第四项)", () => {
    const command: CaseCommand = { type: "TERMINATE", ground: "criminal_coercive_measures", explanation: "被刑事拘留" };
    expect(refused(run(caseFixture("IN_REVIEW"), command, staff)).guard).toBe("liberty_case");
    const detention = caseFixture("IN_REVIEW");
    const r = accepted(run({ ...detention, act: { ...detention.act, restrictsPersonalLiberty: true } }, command, staff));
    expect(r.next.outcome).toMatchObject({ kind: "terminated", ground: "criminal_coercive_measures" });
  });
});

describe("T29 service and effect of the decision (《行政复议法》第七十五条、第七十九条第二款)", () => {
  it("electronic service needs the applicant's consent (《民事诉讼法》第九十条)", () => {
    const s = caseFixture("DECISION_ISSUED");
    expect(refused(run(s, { type: "SERVE_DECISION", servedOn: TODAY, method: "electronic" }, staff)).guard).toBe(
      "electronic_service_consent"
    );
    accepted(run({ ...s, electronicServiceConsent: true }, { type: "SERVE_DECISION", servedOn: TODAY, method: "electronic" }, staff));
  });
  it("a decision against an own department is copied to its higher department at once (第七十九条第二款)", () => {
    const s = caseFixture("DECISION_ISSUED");
    const own = { ...s, act: { ...s.act, respondentIsOwnDepartment: true } };
    expectEffects(accepted(run(own, caseSamples.SERVE_DECISION, staff)).effects, [issued("copy_report"), notified("higher_department")]);
    expectEffects(accepted(run(s, caseSamples.SERVE_DECISION, staff)).effects, [], [issued("copy_report")]);
  });
  it("a decision with something to perform starts monitoring (P1); one without can be archived", () => {
    const redo = caseFixture("DECISION_EFFECTIVE_REDO");
    expect(refused(run(redo, caseSamples.ARCHIVE, staff)).guard).toBe("performance_required");
    expect(refused(run(caseFixture("DECISION_EFFECTIVE"), caseSamples.MONITOR_PERFORMANCE, system)).guard).toBe("performance_required");
  });
  it("T28 the Art. 62 period is met when the decision is made (approved and sealed), not when it is served (第六十二条、第七十五条)", () => {
    const made = accepted(run(caseFixture("DECISION_APPROVAL"), caseSamples.APPROVE_DECISION, head));
    expect(made.next.timers.decision).toBeUndefined();
    expect(refused(run(made.next, caseSamples.DEADLINE_ALERT, system)).code).toBe("NOT_ALLOWED_IN_STATE");
  });
  it("service cannot be recorded for a future date", () => {
    expect(
      refused(run(caseFixture("DECISION_ISSUED"), { type: "SERVE_DECISION", servedOn: "2026-03-03", method: "post" }, staff)).guard
    ).toBe("date_not_in_future");
  });
});

describe("T30 alerts at 80 % and 100 % of the decision period (DOMAIN.md 7.11)", () => {
  it("80 %: the case officer and the head are told", () => {
    const r = accepted(run(caseFixture("IN_REVIEW"), caseSamples.DEADLINE_ALERT, system));
    expectEffects(r.effects, [notified("handler"), notified("office_head")], [notified("applicant")]);
    expect(r.next.alertsSent).toEqual([80]);
  });
  it("100 %: escalated, and the applicant learns of complaint and suit within 15 days (第三十四条、第三十五条)", () => {
    const r = accepted(run(caseFixture("IN_REVIEW"), { type: "DEADLINE_ALERT", level: 100, dueOn: "2026-04-30" }, system));
    expectEffects(r.effects, [notified("office_head"), notified("applicant"), started("suit_after_decision", { from: "2026-04-30" })]);
  });
  it("each level once; not while the clock is paused; only the scheduler sends it", () => {
    const once = accepted(run(caseFixture("IN_REVIEW"), caseSamples.DEADLINE_ALERT, system)).next;
    expect(refused(run(once, caseSamples.DEADLINE_ALERT, system)).guard).toBe("alert_once");
    expect(refused(run(caseFixture("SUSPENDED"), caseSamples.DEADLINE_ALERT, system)).guard).toBe("decision_clock_running");
    expect(refused(run(caseFixture("IN_REVIEW"), caseSamples.DEADLINE_ALERT, head)).code).toBe("ROLE_NOT_ALLOWED");
  });
  it("an extension resets the alerts for the new due date", () => {
    const alerted = accepted(run(caseFixture("IN_REVIEW"), caseSamples.DEADLINE_ALERT, system)).next;
    expect(accepted(run(alerted, caseSamples.EXTEND_DECISION_PERIOD, head)).next.alertsSent).toEqual([]);
  });
});

describe("P1–P5 performance (《行政复议法》第七十七条、第八十三条)", () => {
  it("P1 redo within 60 days unless the decision sets a period (实施条例第四十九条)", () => {
    const r = accepted(run(caseFixture("DECISION_EFFECTIVE_REDO"), caseSamples.MONITOR_PERFORMANCE, system));
    const start = r.effects.find((e) => e.kind === "startTimer");
    expect(start).toMatchObject({ timer: "redo_act", from: TODAY });
    expect(start && "length" in start ? start.length : undefined).toBeUndefined();
  });
  it("P3 'overdue' needs the performance period to have run out; unjustified delay needs only the explanation", () => {
    const s = caseFixture("PERFORMANCE_MONITORING");
    const overdue = { ...caseSamples.ORDER_TO_PERFORM, reason: "overdue" as const };
    expect(refused(run(s, overdue, head)).guard).toBe("performance_overdue");
    const r = accepted(run(s, overdue, head, { expiredTimers: ["redo_act"] }));
    expectEffects(r.effects, [stopped("redo_act"), issued("order_to_perform"), notified("respondent")]);
  });
  it("P3 interview and circulated criticism are recorded as measures (第七十七条第二款)", () => {
    const r = accepted(
      run(caseFixture("PERFORMANCE_MONITORING"), { ...caseSamples.ORDER_TO_PERFORM, measures: ["interview", "circulated_criticism"] }, head)
    );
    expectEffects(r.effects, [notified("higher_department")]);
  });
  it("P3 an interview (约谈), then a circulated criticism (通报批评), are recorded after the order, in order (第七十七条第二款)", () => {
    const ordered = caseFixture("ORDERED_TO_PERFORM");
    const interviewed = accepted(run(ordered, caseSamples.RECORD_PERFORMANCE_MEASURE, head)).next;
    const criticised = accepted(
      run(interviewed, { type: "RECORD_PERFORMANCE_MEASURE", measure: "circulated_criticism", heldOn: TODAY, summary: "在全市范围内通报批评" }, head)
    );
    expectEffects(criticised.effects, [notified("higher_department")]);
    expect(criticised.next.state).toBe("ORDERED_TO_PERFORM");
    expect(criticised.next.performance?.measures?.map((m) => m.measure)).toEqual(["interview", "circulated_criticism"]);
    // a date still to come is not a step taken; a case officer does not record it (the head does, as P3)
    expect(refused(run(ordered, { ...caseSamples.RECORD_PERFORMANCE_MEASURE, heldOn: "2026-03-03" }, head)).guard).toBe("date_not_in_future");
    expect(refused(run(ordered, caseSamples.RECORD_PERFORMANCE_MEASURE, staff)).code).toBe("ROLE_NOT_ALLOWED");
  });
  it("P4 referral only after the order's deadline passed (第八十三条)", () => {
    expect(refused(run(caseFixture("ORDERED_TO_PERFORM"), caseSamples.REFER_FOR_SANCTIONS, head)).guard).toBe("order_expired");
  });
  it("P2 only the respondent (or staff recording it) reports performance", () => {
    expect(refused(run(caseFixture("PERFORMANCE_MONITORING"), caseSamples.REPORT_PERFORMANCE, citizen)).code).toBe("ROLE_NOT_ALLOWED");
  });
});

describe("a whole case, end to end", () => {
  it("filing → deemed acceptance → no reply → revoke and redo → performance → closed; only the suit window is left", () => {
    const s = caseFrom(
      "INTAKE_REVIEW",
      [{ type: "INTAKE_PERIOD_EXPIRED", periodEndedOn: "2026-02-27" }, system, { expiredTimers: ["acceptance_review"] }],
      caseStep("SERVE_COPY_ON_RESPONDENT"),
      [{ type: "REPLY_PERIOD_EXPIRED" }, system, { expiredTimers: ["respondent_reply"] }],
      caseStep("RECORD_VIEWS_HEARD"),
      caseStep("START_DRAFTING"),
      caseStep("SUBMIT_FOR_APPROVAL", { decisionType: "revoke", redoOrdered: true, performanceDays: 45 }),
      caseStep("APPROVE_DECISION"),
      caseStep("SERVE_DECISION"),
      caseStep("MONITOR_PERFORMANCE"),
      caseStep("REPORT_PERFORMANCE"),
      caseStep("VERIFY_PERFORMANCE")
    );
    expect(s.state).toBe("CLOSED");
    expect(s.timers).toEqual({ suit_after_decision: "running" });
    expect(s.version).toBe(13); // two steps to INTAKE_REVIEW, eleven here
  });
  it("an unknown command is refused, not thrown", () => {
    const r = transition(newCase(), { type: "FLY" } as unknown as CaseCommand, ctx(citizen));
    expect(refused(r).code).toBe("INVALID_COMMAND");
  });
  it("a malformed command is refused with the fields named", () => {
    const r = transition(caseFixture("INTAKE_REVIEW"), { type: "REFUSE", failedConditions: [], reasons: "" } as CaseCommand, ctx(staff));
    const reason = refused(r);
    expect(reason.code).toBe("INVALID_COMMAND");
    expect(reason.messageEn).toContain("failedConditions");
  });
});

describe("the applicant's hearing request (Art. 50(1))", () => {
  it("is recorded once and goes to the handler; a second request is refused", () => {
    const s = caseFrom("IN_REVIEW", caseStep("REQUEST_HEARING"));
    expect(s.hearingRequested).toBe(true);
    expect(refused(run(s, caseSamples.REQUEST_HEARING, citizen)).code).toBe("GUARD_FAILED");
  });
  it("is refused in the simplified procedure (Arts. 50, 54(2))", () => {
    const s = { ...caseFixture("IN_REVIEW"), procedure: "simplified" as const };
    expect(refused(run(s, caseSamples.REQUEST_HEARING, citizen)).code).toBe("GUARD_FAILED");
  });
});
