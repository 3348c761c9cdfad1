// Committee consultation against DOMAIN.md §17 (《行政复议法》第五十二条、第六十一条第三款), and its hand-offs with the case.
import { describe, expect, it } from "vitest";
import { documentKeys, timerKeys, type ActorRef, type Effect, type MachineContext } from "~/domain/machines/common";
import {
  consultationCommandTypes,
  consultationStates,
  consultationTransitions,
  draftReferral,
  transition,
  type ConsultationCommand,
  type ConsultationState,
} from "~/domain/machines/consultation";
import { CaseCommandSchema, transition as caseTransition, type CaseCommand } from "~/domain/machines/reconsideration";
import {
  DECISION_DUE,
  caseFixture,
  caseSamples,
  consultationActors,
  consultationCtx,
  consultationFixture,
  consultationSamples,
  consultationStep,
} from "./fixtures";
import {
  TODAY,
  addDays,
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
  member,
  notified,
  relayed,
  staff,
  started,
  stopped,
  system,
  workingDaysBetween,
  type CrossProductSpec,
} from "./support";

const OPEN = ["REFERRED", "MEMBERS_ASSIGNED", "MATERIALS_SENT", "MEETING_HELD", "WRITTEN_CONSULT"];

const allowed = allowedFrom<ConsultationState>([
  [
    "APPROVE_REFERRAL",
    ["REFERRAL_DRAFTED"],
    { next: "REFERRED", effects: [issued("consultation_request_letter"), started("committee_opinion", { from: TODAY })] },
  ],
  [
    "WITHDRAW_REFERRAL",
    ["REFERRAL_DRAFTED"],
    { next: "CLOSED", fixture: "REFERRAL_DRAFTED_NECESSARY", effects: [relayed("reconsideration", "COMMITTEE_REFERRAL_WITHDRAWN")] },
  ],
  ["ASSIGN_MEMBERS", ["REFERRED"], { next: "MEMBERS_ASSIGNED", effects: [notified("committee_members")] }],
  ["SEND_MATERIALS", ["MEMBERS_ASSIGNED"], { next: "MATERIALS_SENT", effects: [notified("committee_members")] }],
  ["HOLD_MEETING", ["MATERIALS_SENT"], { next: "MEETING_HELD" }],
  ["START_WRITTEN_CONSULTATION", ["MATERIALS_SENT"], { next: "WRITTEN_CONSULT" }],
  ["SUBMIT_MEMBER_OPINION", ["MEETING_HELD", "WRITTEN_CONSULT"], (state) => ({ next: state })],
  [
    "RECORD_OPINION",
    ["MEETING_HELD", "WRITTEN_CONSULT"],
    (state) => ({
      next: "OPINION_RECORDED",
      fixture: state === "WRITTEN_CONSULT" ? "WRITTEN_CONSULT_ANSWERED" : state,
      effects: [stopped("committee_opinion"), issued("committee_opinion_record"), relayed("reconsideration", "COMMITTEE_OPINION_RECEIVED")],
    }),
  ],
  ["COMMITTEE_PERIOD_EXPIRED", OPEN, (state) => ({ next: state, effects: [notified("office_head")] })],
  [
    "RECORD_ADOPTION",
    ["OPINION_RECORDED"],
    { next: "ADOPTION_RECORDED", effects: [issued("adoption_record"), relayed("reconsideration", "COMMITTEE_ADOPTION_RECORDED")] },
  ],
  ["LINK_DECISION", ["ADOPTION_RECORDED"], { next: "CLOSED" }],
  ["CANCEL", ["REFERRAL_DRAFTED", ...OPEN, "OPINION_RECORDED", "ADOPTION_RECORDED"], { next: "CLOSED" }],
]);

const spec: CrossProductSpec<ConsultationState, ConsultationCommand> = {
  machine: "consultation",
  states: consultationStates,
  commandTypes: consultationCommandTypes,
  transition,
  fixture: consultationFixture,
  sample: (type) => consultationSamples[type as keyof typeof consultationSamples],
  actorFor: (type) => consultationActors[type as keyof typeof consultationActors],
  ctxFor: (type) => consultationCtx[type as keyof typeof consultationCtx] ?? {},
  allowed,
};

describeCrossProduct(spec);
describeTableChecks("consultation", consultationTransitions, consultationStates, consultationCommandTypes, ["REFERRAL_DRAFTED"]);
describeRoleChecks(spec, consultationTransitions);

const run = (s: ConsultationState, command: ConsultationCommand, actor: ActorRef, extra: Partial<MachineContext> = {}) =>
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
  const effects = allowedEffects(spec);
  it("every timer key is a known period key; documents are §19 keys; relays are valid case commands", () => {
    for (const e of effects) {
      if ("timer" in e) expect(timerKeys).toContain(e.timer);
      if (e.kind === "issueDocument") expect(documentKeys).toContain(e.document);
      if (e.kind === "relay") expect(CaseCommandSchema.safeParse(e.command).success, JSON.stringify(e.command)).toBe(true);
    }
  });
});

describe("the referral (《行政复议法》第五十二条第二款; DOMAIN.md 6.19)", () => {
  it("ground (3) is added automatically when the autonomous-region government is the respondent", () => {
    expect(draftReferral({ grounds: ["technical"], respondentIsRegionGovernment: true }).grounds).toEqual([
      "technical",
      "region_government_act",
    ]);
  });
  it.each([
    [["necessary"], true],
    [["necessary", "technical"], false],
    [["major_complex"], false],
    [["region_government_act"], false],
  ] as const)("grounds %j: may be withdrawn %s (grounds (1)–(3) make it mandatory)", (grounds, ok) => {
    const r = run(draftReferral({ grounds }), consultationSamples.WITHDRAW_REFERRAL, head);
    if (ok) accepted(r);
    else expect(refused(r).guard).toBe("referral_mandatory");
  });
});

describe("C1 the committee period ends no later than 5 WD before the decision is due (DOMAIN.md 6.23, setting committeeOpinionWorkdays)", () => {
  const approve = (decisionDueOn: string, extra: Partial<MachineContext> = {}) =>
    run(consultationFixture("REFERRAL_DRAFTED"), { type: "APPROVE_REFERRAL", decisionDueOn }, head, extra);
  const lengthOf = (effects: Effect[]) => {
    const e = effects.find((x) => x.kind === "startTimer");
    return e && "length" in e ? e.length : undefined;
  };
  it("with time enough, the configured 10 WD apply", () => {
    expect(workingDaysBetween(TODAY, DECISION_DUE)).toBeGreaterThanOrEqual(15);
    expect(lengthOf(accepted(approve(DECISION_DUE)).effects)).toBeUndefined();
  });
  it("closer to the deadline the period is shortened to end 5 WD before it", () => {
    const due = "2026-03-12"; // 8 working days after TODAY
    expect(workingDaysBetween(TODAY, due)).toBe(8);
    expect(lengthOf(accepted(approve(due)).effects)).toEqual({ value: 3, unit: "working_day" });
  });
  it("with 5 WD or less left the head must extend the decision period first (《行政复议法》第六十二条)", () => {
    expect(refused(approve("2026-03-09")).guard).toBe("time_for_consultation");
  });
  it("a longer setting is honoured when there is time", () => {
    expect(lengthOf(accepted(approve(addDays(TODAY, 60), { settings: { committeeOpinionWorkdays: 20 } })).effects)).toBeUndefined();
    expect(workingDaysBetween(TODAY, "2026-03-23")).toBe(15);
    expect(lengthOf(accepted(approve("2026-03-23", { settings: { committeeOpinionWorkdays: 20 } })).effects)).toEqual({
      value: 10,
      unit: "working_day",
    });
  });
  it("without the working-day calendar the machine refuses rather than guesses", () => {
    expect(
      refused(transition(consultationFixture("REFERRAL_DRAFTED"), consultationSamples.APPROVE_REFERRAL, { actor: head, today: TODAY })).code
    ).toBe("CONTEXT_MISSING");
  });
  it("only the head of the institution approves the referral", () => {
    expect(refused(approve(DECISION_DUE, { actor: staff })).code).toBe("ROLE_NOT_ALLOWED");
  });
});

describe("members, materials, meeting (DOMAIN.md 6.22–6.23; 《行政复议法》第三十六条第二款)", () => {
  it("members are assigned only after the recusal check, and never a conflicted member", () => {
    const s = consultationFixture("REFERRED");
    expect(refused(run(s, { ...consultationSamples.ASSIGN_MEMBERS, recusalChecked: false }, staff)).guard).toBe("recusal_checked");
    expect(refused(run(s, { ...consultationSamples.ASSIGN_MEMBERS, conflictedMemberIds: ["m2"] }, staff)).guard).toBe(
      "no_conflicted_member"
    );
  });
  it("materials go out redacted for secrets and privacy (第三十六条第二款)", () => {
    expect(refused(run(consultationFixture("MEMBERS_ASSIGNED"), { type: "SEND_MATERIALS", redactedPerArt36: false }, staff)).guard).toBe(
      "confidentiality"
    );
  });
  it.each([
    [["m1"], false],
    [["m1", "m2"], true],
    [["m1", "outsider"], false],
  ])("attendance %j of three members → quorum %s (PROPOSAL: more than half)", (attendeeIds, ok) => {
    const r = run(consultationFixture("MATERIALS_SENT"), { type: "HOLD_MEETING", attendeeIds }, staff);
    if (ok) accepted(r);
    else expect(refused(r).guard).toBe("quorum");
  });
  it("only an assigned member submits an individual opinion", () => {
    const s = consultationFixture("WRITTEN_CONSULT");
    expect(
      refused(run(s, consultationSamples.SUBMIT_MEMBER_OPINION, { role: "committee_member", userId: "m9", relation: "member" })).guard
    ).toBe("assigned_member");
    expect(refused(run(s, consultationSamples.SUBMIT_MEMBER_OPINION, { role: "committee_member", userId: "m1" })).code).toBe("NOT_A_PARTY");
    const twice = drive(transition, s, [
      consultationStep("SUBMIT_MEMBER_OPINION"),
      consultationStep("SUBMIT_MEMBER_OPINION", { text: "修改后的意见" }),
    ]);
    expect(twice.memberOpinions).toEqual([{ memberId: "m1", text: "修改后的意见" }]);
  });
  it("a written round is recorded only once a member has answered", () => {
    expect(refused(run(consultationFixture("WRITTEN_CONSULT"), consultationSamples.RECORD_OPINION, staff)).guard).toBe("member_opinions");
  });
  it("the opinion is recorded verbatim with the dissent (第五十二条第三款)", () => {
    const r = accepted(run(consultationFixture("MEETING_HELD"), consultationSamples.RECORD_OPINION, staff));
    expect(r.next.opinion).toEqual({
      text: consultationSamples.RECORD_OPINION.text,
      dissent: consultationSamples.RECORD_OPINION.dissent,
      recordedOn: TODAY,
    });
  });
  it("an expired committee period alerts once", () => {
    const once = accepted(
      run(consultationFixture("MEETING_HELD"), consultationSamples.COMMITTEE_PERIOD_EXPIRED, system, {
        expiredTimers: ["committee_opinion"],
      })
    ).next;
    expect(refused(run(once, consultationSamples.COMMITTEE_PERIOD_EXPIRED, system, { expiredTimers: ["committee_opinion"] })).guard).toBe(
      "alert_once"
    );
    expect(refused(run(consultationFixture("MEETING_HELD"), consultationSamples.COMMITTEE_PERIOD_EXPIRED, system)).guard).toBe(
      "timer_expired"
    );
  });
});

describe("C6 the adoption record (《行政复议法》第六十一条第三款; DOMAIN.md 6.21)", () => {
  it.each([
    ["adopted", undefined, true],
    ["partly_adopted", undefined, false],
    ["partly_adopted", "鉴定结论已被新证据推翻", true],
    ["not_adopted", undefined, false],
  ] as const)("%s with reasons %s → allowed %s", (outcome, reasons, ok) => {
    const r = run(consultationFixture("OPINION_RECORDED"), { type: "RECORD_ADOPTION", outcome, reasons }, staff);
    if (ok) expectEffects(accepted(r).effects, [issued("adoption_record"), relayed("reconsideration", "COMMITTEE_ADOPTION_RECORDED")]);
    else expect(refused(r).guard).toBe("adoption_reasons");
  });
});

describe("hand-offs between the case and its consultation", () => {
  it("T14 opens the consultation; its opinion and adoption record unlock drafting and approval; approval closes it", () => {
    const sys = ctx(system);
    let kase = caseFixture("IN_REVIEW");
    const referred = caseTransition(kase, caseSamples.REFER_TO_COMMITTEE, ctx(staff));
    if (!referred.ok) throw new Error("referral refused");
    kase = referred.next;
    const open = referred.effects.find((e) => e.kind === "openProcess");
    if (!open || open.kind !== "openProcess") throw new Error("no consultation opened");
    let consultation = draftReferral(open.data as Parameters<typeof draftReferral>[0]);
    expect(consultation.grounds).toEqual(["technical"]);

    const relays: Effect[] = [];
    const step = (command: ConsultationCommand, actor: ActorRef) => {
      const r = accepted(run(consultation, command, actor));
      relays.push(...r.effects.filter((e) => e.kind === "relay"));
      consultation = r.next;
    };
    step(consultationSamples.APPROVE_REFERRAL, head);
    step(consultationSamples.ASSIGN_MEMBERS, staff);
    step(consultationSamples.SEND_MATERIALS, staff);
    step(consultationSamples.HOLD_MEETING, staff);
    step(consultationSamples.RECORD_OPINION, staff);
    const applyRelays = () => {
      for (const e of relays.splice(0)) {
        if (e.kind !== "relay" || e.to !== "reconsideration") continue;
        const r = caseTransition(kase, e.command as CaseCommand, sys);
        if (!r.ok) throw new Error(`relay refused: ${r.reason.messageEn}`);
        kase = r.next;
      }
    };
    applyRelays();
    expect(kase.state).toBe("IN_REVIEW");
    expect(kase.committeeReferral.status).toBe("opinion_recorded");

    const drafting = caseTransition(kase, caseSamples.START_DRAFTING, ctx(staff));
    if (!drafting.ok) throw new Error(drafting.reason.messageEn);
    kase = drafting.next;
    expect(caseTransition(kase, caseSamples.SUBMIT_FOR_APPROVAL, ctx(staff)).ok).toBe(false);

    step({ type: "RECORD_ADOPTION", outcome: "partly_adopted", reasons: "部分意见与查明事实不符" }, staff);
    applyRelays();
    expect(kase.committeeReferral.adoptionRecorded).toBe(true);

    const submitted = caseTransition(kase, caseSamples.SUBMIT_FOR_APPROVAL, ctx(staff));
    if (!submitted.ok) throw new Error(submitted.reason.messageEn);
    const approved = caseTransition(submitted.next, caseSamples.APPROVE_DECISION, ctx(head));
    if (!approved.ok) throw new Error(approved.reason.messageEn);
    const link = approved.effects.find((e) => e.kind === "relay" && e.to === "consultation");
    if (!link || link.kind !== "relay") throw new Error("no link relayed");
    consultation = accepted(run(consultation, link.command as ConsultationCommand, system)).next;
    expect(consultation.state).toBe("CLOSED");
    expect(consultation.timers).toEqual({});
  });
  it("a case that ends while the consultation is open cancels it", () => {
    const r = accepted(run(consultationFixture("MEETING_HELD"), consultationSamples.CANCEL, system));
    expectEffects(r.effects, [stopped("committee_opinion"), notified("committee_members")]);
  });
});
