// Administrative mediation from the dispute center queue against DOMAIN.md §16 (timers default to the Shenzhen rules,
// 12.10–12.11) and the routing rules of §16.1.
import { describe, expect, it } from "vitest";
import { documentKeys, timerKeys, type ActorRef, type MachineContext } from "~/domain/machines/common";
import {
  mediationCommandTypes,
  mediationStates,
  mediationTransitions,
  newMediationRequest,
  transition,
  type MediationCommand,
  type MediationState,
} from "~/domain/machines/mediation";
import { mediationActors, mediationCtx, mediationFixture, mediationSamples } from "./fixtures";
import {
  TODAY,
  allowedEffects,
  allowedFrom,
  citizen,
  clerk,
  ctx,
  describeCrossProduct,
  describeRoleChecks,
  describeTableChecks,
  expectEffects,
  extended,
  issued,
  notified,
  otherParty,
  staff,
  started,
  stopped,
  stranger,
  system,
  type CrossProductSpec,
} from "./support";

const allowed = allowedFrom<MediationState>([
  ["FILE_REQUEST", ["DRAFT"], { next: "RECEIVED", effects: [started("mediation_triage", { from: TODAY })] }],
  [
    "TRIAGE",
    ["RECEIVED"],
    {
      next: "TRIAGED",
      effects: [stopped("mediation_triage"), started("mediation_accept"), started("mediation_transfer"), notified("handler")],
    },
  ],
  ["TRANSFER", ["TRIAGED", "CONSENT_PENDING"], { next: "TRIAGED", effects: [issued("transfer_letter"), started("mediation_accept")] }],
  ["CONTACT_OTHER_PARTY", ["TRIAGED"], { next: "CONSENT_PENDING", effects: [notified("other_party")] }],
  [
    "ACCEPT_REQUEST",
    ["CONSENT_PENDING"],
    {
      next: "ACCEPTED",
      effects: [stopped("mediation_accept"), issued("mediation_acceptance_notice"), started("mediation_period", { from: TODAY })],
    },
  ],
  [
    "DECLINE_REQUEST",
    ["TRIAGED", "CONSENT_PENDING"],
    { next: "DECLINED", effects: [stopped("mediation_accept"), issued("mediation_refusal_notice")] },
  ],
  ["START_MEDIATION", ["ACCEPTED"], { next: "IN_MEDIATION" }],
  ["EXTEND_MEDIATION", ["IN_MEDIATION", "EXTENDED"], { next: "EXTENDED", effects: [extended("mediation_period", 15)] }],
  [
    "SIGN_AGREEMENT",
    ["IN_MEDIATION", "EXTENDED"],
    { next: "AGREEMENT_SIGNED", effects: [stopped("mediation_period"), issued("mediation_agreement"), started("mediation_followup")] },
  ],
  [
    "END_MEDIATION",
    ["ACCEPTED", "IN_MEDIATION", "EXTENDED"],
    { next: "FAILED", effects: [stopped("mediation_period"), issued("mediation_termination_notice"), notified("parties")] },
  ],
  [
    "MEDIATION_PERIOD_EXPIRED",
    ["ACCEPTED", "IN_MEDIATION", "EXTENDED"],
    { next: "FAILED", effects: [stopped("mediation_period"), issued("mediation_termination_notice")] },
  ],
  ["RECORD_FOLLOW_UP", ["AGREEMENT_SIGNED"], { next: "PERFORMED", effects: [stopped("mediation_followup")] }],
  ["CLOSE", ["PERFORMED", "BREACHED", "FAILED", "DECLINED", "ROUTED"], { next: "CLOSED" }],
  ["WITHDRAW_REQUEST", ["RECEIVED", "TRIAGED", "CONSENT_PENDING"], { next: "CLOSED" }],
]);

const spec: CrossProductSpec<MediationState, MediationCommand> = {
  machine: "mediation",
  states: mediationStates,
  commandTypes: mediationCommandTypes,
  transition,
  fixture: mediationFixture,
  sample: (type) => mediationSamples[type as keyof typeof mediationSamples],
  actorFor: (type) => mediationActors[type as keyof typeof mediationActors],
  ctxFor: (type) => mediationCtx[type as keyof typeof mediationCtx] ?? {},
  allowed,
};

describeCrossProduct(spec);
describeTableChecks("mediation", mediationTransitions, mediationStates, mediationCommandTypes, ["DRAFT"]);
describeRoleChecks(spec, mediationTransitions);

const run = (s: MediationState, command: MediationCommand, actor: ActorRef, extra: Partial<MachineContext> = {}) =>
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
  it("every timer key is a known period key", () => {
    for (const e of effects) if ("timer" in e) expect(timerKeys, e.timer).toContain(e.timer);
  });
  it("every document is a §19 document key", () => {
    for (const e of effects) if (e.kind === "issueDocument") expect(documentKeys, e.document).toContain(e.document);
  });
});

describe("M1 filing (DOMAIN.md 12.35)", () => {
  it("citizens file online; a phone or walk-in request is registered by the clerk", () => {
    expect(refused(run(newMediationRequest(), { type: "FILE_REQUEST", channel: "phone" }, citizen)).guard).toBe("citizen_files_online");
    expect(accepted(run(newMediationRequest(), { type: "FILE_REQUEST", channel: "walk_in" }, clerk)).next.state).toBe("RECEIVED");
  });
});

describe("M2 triage and the routing rules (DOMAIN.md §16.1)", () => {
  const received = () => mediationFixture("RECEIVED");
  it("(g) an objection to an organ's mediation of a civil dispute is never routed to reconsideration (《行政复议法》第十二条第四项)", () => {
    const r = run(
      received(),
      { type: "TRIAGE", disputeKind: "objection_to_civil_mediation_by_organ", channel: "reconsideration", deviationReason: "申请人坚持" },
      clerk
    );
    expect(refused(r).guard).toBe("not_reconsiderable");
  });
  it.each([
    ["administrative_act", "reconsideration", true],
    ["administrative_act", "administrative_mediation", true],
    ["civil_related_to_duties", "administrative_mediation", true],
    ["civil_neighbour_family", "people_mediation", true],
    ["civil_neighbour_family", "administrative_mediation", false],
    ["rural_land_contract", "arbitration", true],
    ["complaint_or_suggestion", "petition", true],
    ["lawsuit_related", "litigation_guidance", true],
    ["lawsuit_related", "petition", false],
  ] as const)("%s → %s follows the rules: %s (otherwise a reason is required)", (disputeKind, channel, follows) => {
    const command: MediationCommand = { type: "TRIAGE", disputeKind, channel, organId: "org-x" };
    const r = run(received(), command, clerk);
    if (follows) accepted(r);
    else {
      expect(refused(r).guard).toBe("routing_rule");
      accepted(run(received(), { ...command, deviationReason: "当事人双方均为本系统登记企业" }, clerk));
    }
  });
  it("administrative mediation needs the competent organ", () => {
    expect(
      refused(run(received(), { type: "TRIAGE", disputeKind: "civil_related_to_duties", channel: "administrative_mediation" }, clerk)).guard
    ).toBe("organ_named");
  });
  it("(a) routed to reconsideration: the applicant is shown the Art. 20 period and warned when it must precede suit", () => {
    const r = accepted(
      run(received(), { type: "TRIAGE", disputeKind: "administrative_act", channel: "reconsideration", reconsiderationFirst: true }, clerk)
    );
    expect(r.next.state).toBe("ROUTED");
    expectEffects(r.effects, [{ kind: "notify", to: "applicant", data: { period: "application", reconsiderationFirst: true } } as never]);
  });
  it("(e) routed to petition: the 15-day routing period runs from receipt (《信访工作条例》第二十二条)", () => {
    const r = accepted(run(received(), { type: "TRIAGE", disputeKind: "complaint_or_suggestion", channel: "petition" }, clerk));
    expectEffects(r.effects, [started("petition_routing", { from: TODAY }), issued("petition_routing_notice")]);
  });
  it("a complex case gets the 10-WD acceptance period (12.11)", () => {
    const r = accepted(run(received(), { ...mediationSamples.TRIAGE, complex: true }, clerk));
    expectEffects(r.effects, [started("mediation_accept_complex")], [started("mediation_accept")]);
  });
});

describe("M5/M6 acceptance needs both sides' consent (DOMAIN.md 12.03, 12.22)", () => {
  it("refused without the other party's consent", () => {
    expect(refused(run(mediationFixture("CONSENT_PENDING"), { type: "ACCEPT_REQUEST", otherPartyConsented: false }, staff)).guard).toBe(
      "both_consent"
    );
  });
  it("refused for disputes already in court, arbitration or people's mediation (12.06)", () => {
    expect(
      refused(
        run(mediationFixture("CONSENT_PENDING"), { type: "ACCEPT_REQUEST", otherPartyConsented: true, ineligibility: ["in_court"] }, staff)
      ).guard
    ).toBe("eligible");
  });
  it("the mediation period is the one the parties agree, else the 30-day default (12.10)", () => {
    const agreed = accepted(
      run(mediationFixture("CONSENT_PENDING"), { type: "ACCEPT_REQUEST", otherPartyConsented: true, agreedDays: 45 }, staff)
    );
    expectEffects(agreed.effects, [started("mediation_period", { length: { value: 45, unit: "calendar_day" } })]);
    const standard = accepted(run(mediationFixture("CONSENT_PENDING"), mediationSamples.ACCEPT_REQUEST, staff));
    const start = standard.effects.find((e) => e.kind === "startTimer");
    expect(start && "length" in start ? start.length : undefined).toBeUndefined();
  });
  it("a refusal is written with reasons and points to other channels (12.11, 12.25)", () => {
    const r = accepted(
      run(
        mediationFixture("CONSENT_PENDING"),
        { type: "DECLINE_REQUEST", ground: "other_party_refused", reasons: "对方明确拒绝调解" },
        staff
      )
    );
    expectEffects(r.effects, [issued("mediation_refusal_notice"), notified("parties")]);
  });
  it("M3 a transfer goes to a different organ and restarts the acceptance period there (12.11)", () => {
    const s = mediationFixture("TRIAGED");
    expect(refused(run(s, { type: "TRANSFER", toOrganId: s.organId ?? "", reason: "x" }, staff)).guard).toBe("different_organ");
    const r = accepted(run(s, mediationSamples.TRANSFER, staff));
    expectEffects(r.effects, [stopped("mediation_accept"), started("mediation_accept", { from: TODAY })]);
  });
});

describe("M8–M10 during mediation (DOMAIN.md 12.10, 12.24–12.27)", () => {
  it("M8 an extension needs every party's consent", () => {
    expect(
      refused(run(mediationFixture("IN_MEDIATION"), { type: "EXTEND_MEDIATION", days: 10, allPartiesConsent: false }, staff)).guard
    ).toBe("all_consent_extension");
  });
  it("M9 the agreement needs every party's signature", () => {
    expect(
      refused(run(mediationFixture("IN_MEDIATION"), { ...mediationSamples.SIGN_AGREEMENT, allPartiesSigned: false }, staff)).guard
    ).toBe("all_signed");
  });
  it("M9 the 30-day joint judicial-confirmation window only where eligible (12.27–12.30)", () => {
    const eligible = accepted(
      run(mediationFixture("IN_MEDIATION"), { ...mediationSamples.SIGN_AGREEMENT, judicialConfirmationEligible: true }, staff)
    );
    expectEffects(eligible.effects, [started("judicial_confirmation", { from: TODAY })]);
    const not = accepted(run(mediationFixture("IN_MEDIATION"), mediationSamples.SIGN_AGREEMENT, staff));
    expectEffects(not.effects, [], [started("judicial_confirmation")]);
  });
  it("M10 either party may stop the mediation (人民调解法第二十三条, 12.24), but only that", () => {
    expect(
      accepted(run(mediationFixture("IN_MEDIATION"), { type: "END_MEDIATION", reason: "party_requested_stop" }, citizen)).next.state
    ).toBe("FAILED");
    expect(
      accepted(run(mediationFixture("IN_MEDIATION"), { type: "END_MEDIATION", reason: "party_requested_stop" }, otherParty)).next.state
    ).toBe("FAILED");
    expect(refused(run(mediationFixture("IN_MEDIATION"), { type: "END_MEDIATION", reason: "no_agreement" }, citizen)).guard).toBe(
      "party_may_stop"
    );
    expect(refused(run(mediationFixture("IN_MEDIATION"), { type: "END_MEDIATION", reason: "party_requested_stop" }, stranger)).code).toBe(
      "NOT_A_PARTY"
    );
  });
  it("M10 the period's expiry ends mediation only once it has run out (12.10)", () => {
    expect(refused(run(mediationFixture("EXTENDED"), mediationSamples.MEDIATION_PERIOD_EXPIRED, system)).guard).toBe("timer_expired");
  });
  it("M10 after failure of a dispute over an administrative act, the applicant is reminded of the reconsideration period", () => {
    const s = { ...mediationFixture("IN_MEDIATION"), disputeKind: "administrative_act" as const };
    const r = accepted(run(s, mediationSamples.END_MEDIATION, staff));
    expectEffects(r.effects, [
      { kind: "notify", to: "parties", data: expect.objectContaining({ checkReconsiderationPeriod: "application" }) } as never,
    ]);
  });
  it("M11 a breached agreement: the parties are told their remedies", () => {
    const r = accepted(run(mediationFixture("AGREEMENT_SIGNED"), { type: "RECORD_FOLLOW_UP", performed: false }, clerk));
    expect(r.next.state).toBe("BREACHED");
    expectEffects(r.effects, [notified("parties")]);
  });
  it("a closed request has no timer left running", () => {
    expect(mediationFixture("CLOSED").timers).toEqual({});
  });
});
