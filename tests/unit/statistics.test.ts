// The /stats metrics (DOMAIN.md §14) on a hand-built data set: 40 reconsideration cases, 30 deadlines, 10 letters, 10
// mediation requests, 10 ratings and 13 court instances. Every expected numerator and denominator is counted by hand
// in the comments next to it, from the tables below — never from the code's output.
import { describe, expect, it } from "vitest";
import { defaultSettings, settingDefinitions } from "~/domain/settings";
import {
  caseVolumes,
  committeeReferrals,
  correctionRate,
  countInstance,
  daysToDecision,
  divisionAt,
  drillDown,
  governmentAt,
  groupByMonth,
  groupByOrganLevel,
  groupByYear,
  headAppearanceRate,
  legalDate,
  mediationSuccessRate,
  mediationWithdrawalRate,
  monthKeys,
  nationalFigures,
  nearestRankPercentile,
  onTimeRates,
  opinionLetterCompliance,
  overdueNow,
  performanceCompliance,
  periodOf,
  reconsiderationMediationSuccessRate,
  satisfaction,
  sharesBy,
  type CourtInstance,
  type StatCase,
  type StatDeadline,
  type StatLetter,
  type StatMediationRequest,
  type StatOrgan,
  type StatRating,
} from "~/domain/statistics";
import type { DecisionType } from "~/domain/machines/reconsideration";

const Y2026 = periodOf("2026")!;
const Q1 = { from: "2026-01-01", to: "2026-03-31" };
const TODAY = "2026-04-01";

// ---------------------------------------------------------------------------------------------------------------
// Organs (codes as in /work/shared/data/im-divisions.json)

const organ = (id: string, code: string, name: string, kind: StatOrgan["kind"], level: StatOrgan["level"], parentId: string | null): StatOrgan => ({
  id,
  code,
  name,
  kind,
  level,
  parentId,
  divisionCode: code.slice(0, 6),
});
const organs: StatOrgan[] = [
  organ("R", "150000", "内蒙古自治区人民政府", "government", "region", null),
  organ("Rm", "150000-market", "内蒙古自治区市场监督管理局", "department", "region", "R"),
  organ("H", "150100", "呼和浩特市人民政府", "government", "league_city", "R"),
  organ("Hm", "150100-market", "呼和浩特市市场监督管理局", "department", "league_city", "H"),
  organ("Hp", "150100-police", "呼和浩特市公安局", "department", "league_city", "H"),
  organ("X", "150102", "新城区人民政府", "government", "banner_county", "H"),
  // A police branch hangs under the city bureau, not under the district government: placed by its division code.
  organ("Xp", "150102-police", "呼和浩特市公安局新城区分局", "department", "banner_county", "Hp"),
  organ("S", "150105", "赛罕区人民政府", "government", "banner_county", "H"),
  organ("B", "150200", "包头市人民政府", "government", "league_city", "R"),
  organ("W", "150300", "乌海市人民政府", "government", "league_city", "R"),
  organ("Xa", "152200", "兴安盟行政公署", "government", "league_city", "R"),
  organ("U", "152201", "乌兰浩特市人民政府", "government", "banner_county", "Xa"),
];

// ---------------------------------------------------------------------------------------------------------------
// 40 cases. Columns: id, organ, received, accepted, then how it ended.
//
// Decided on the merits (outcome "decided" on the day the decision was made); days = made − accepted:
//   id   organ type               accepted    made        days   extra
//   D01  R     revoke             2025-12-20  2026-01-29  40     committee adopted (recorded 2026-01-25)
//   D02  R     revoke             2026-01-05  2026-01-15  10     committee adopted (2026-01-14)
//   D03  H     revoke             2026-01-10  2026-01-30  20
//   D04  H     vary               2026-01-06  2026-01-31  25
//   D05  H     vary               2026-01-20  2026-02-19  30
//   D06  X     confirm_illegal    2026-02-01  2026-03-03  30
//   D07  S     order_performance  2026-02-10  2026-03-17  35
//   D08  B     confirm_void       2026-01-15  2026-02-24  40
//   D09  H     uphold             2026-01-02  2026-02-16  45     mediation tried; committee partly adopted (2026-02-10)
//   D10  X     uphold             2026-01-03  2026-02-22  50     mediation tried; committee not adopted (2026-02-18)
//   D11  X     uphold             2026-01-04  2026-02-28  55     committee referral withdrawn
//   D12  S     uphold             2026-01-05  2026-03-04  58
//   D13  B     uphold             2026-01-06  2026-03-07  60
//   D14  Xa    uphold             2025-12-31  2026-03-01  60
//   D15  Xa    uphold             2026-01-08  2026-03-11  62
//   D16  U     uphold             2026-01-09  2026-03-20  70
//   D17  U     reject_claim       2026-01-10  2026-03-26  75
//   D18  U     reject_claim       2026-01-11  2026-04-01  80
//   D19  U     reject_claim       2025-12-15  2026-03-15  90
//   D20  R     uphold             2025-10-01  2025-12-10  70     (2025: outside every 2026 figure)
// Other endings:
//   M01 H, M02 X, M03 S, M04 U   mediated (调解书) 2026-02-10, 03-05, 03-25, 01-28; all tried mediation; M01 referred
//   S01 X, S02 H, S03 Xa          withdrawn after settlement 2026-02-05, 03-10, 01-22; all tried mediation
//   W01 R, W02 S                  withdrawn (no settlement) 2026-02-12, 03-02
//   W03 H                         withdrawn BEFORE acceptance 2026-01-09 (not a closed case)
//   T01 X                         terminated 2026-03-18
//   X01 H, X02 B                  application dismissed (Art. 33) 2026-02-20, 03-12
//   N01 H, N02 S                  not accepted 2026-01-16, 02-06
//   A01 X                         abandoned 2026-02-25
//   O01 R (in mediation), O02 H (committee in progress), O03 U: accepted, still open; O04 Xa: received, not yet accepted
// Received: legal dates, except D09 "2025-12-31T16:30Z" (= 2026-01-01 00:30 in Hohhot), S03 "2025-12-31T15:59Z"
// (= 2025-12-31 23:59) and O04 "2026-03-31T16:30Z" (= 2026-04-01).

type Extra = Partial<StatCase>;
const decided = (
  id: string,
  organId: string,
  type: DecisionType,
  acceptedOn: string,
  madeOn: string,
  receivedOn: string,
  extra: Extra = {}
): StatCase => ({
  id,
  organId,
  receivedOn,
  acceptedOn,
  decision: { type, madeOn },
  outcome: { kind: "decided", on: madeOn },
  ...extra,
});
const ended = (
  id: string,
  organId: string,
  kind: NonNullable<StatCase["outcome"]>["kind"],
  on: string,
  acceptedOn: string | null,
  receivedOn: string,
  extra: Extra = {}
): StatCase => ({
  id,
  organId,
  receivedOn,
  acceptedOn,
  decision: null,
  outcome: { kind, on },
  ...extra,
});
const open = (id: string, organId: string, acceptedOn: string | null, receivedOn: string, extra: Extra = {}): StatCase => ({
  id,
  organId,
  receivedOn,
  acceptedOn,
  decision: null,
  outcome: null,
  ...extra,
});
const committee = (
  status: NonNullable<StatCase["committee"]>["status"],
  referredOn: string,
  adoption: "adopted" | "partly_adopted" | "not_adopted" | null = null,
  adoptionRecordedOn: string | null = null
) => ({
  committee: { status, referredOn, adoption, adoptionRecordedOn },
});

const cases: StatCase[] = [
  decided("D01", "R", "revoke", "2025-12-20", "2026-01-29", "2025-12-18T02:00:00Z", {
    category: "penalty",
    ...committee("adoption_recorded", "2026-01-05", "adopted", "2026-01-25"),
  }),
  decided("D02", "R", "revoke", "2026-01-05", "2026-01-15", "2026-01-02", {
    category: "penalty",
    ...committee("adoption_recorded", "2026-01-08", "adopted", "2026-01-14"),
  }),
  decided("D03", "H", "revoke", "2026-01-10", "2026-01-30", "2026-01-06", {
    category: "penalty",
  }),
  decided("D04", "H", "vary", "2026-01-06", "2026-01-31", "2026-01-04", {
    category: "penalty",
  }),
  decided("D05", "H", "vary", "2026-01-20", "2026-02-19", "2026-01-15", {
    category: "penalty",
  }),
  decided("D06", "X", "confirm_illegal", "2026-02-01", "2026-03-03", "2026-01-28", { category: "penalty" }),
  decided("D07", "S", "order_performance", "2026-02-10", "2026-03-17", "2026-02-05", { category: "penalty" }),
  decided("D08", "B", "confirm_void", "2026-01-15", "2026-02-24", "2026-01-12", { category: "penalty" }),
  decided("D09", "H", "uphold", "2026-01-02", "2026-02-16", "2025-12-31T16:30:00Z", {
    category: "penalty",
    mediationAttempted: true,
    ...committee("adoption_recorded", "2026-01-20", "partly_adopted", "2026-02-10"),
  }),
  decided("D10", "X", "uphold", "2026-01-03", "2026-02-22", "2026-01-02", {
    category: "penalty",
    mediationAttempted: true,
    ...committee("adoption_recorded", "2026-01-25", "not_adopted", "2026-02-18"),
  }),
  decided("D11", "X", "uphold", "2026-01-04", "2026-02-28", "2026-01-03", {
    category: "information_disclosure",
    ...committee("withdrawn", "2026-01-30"),
  }),
  decided("D12", "S", "uphold", "2026-01-05", "2026-03-04", "2026-01-03", {
    category: "information_disclosure",
  }),
  decided("D13", "B", "uphold", "2026-01-06", "2026-03-07", "2026-01-03", {
    category: "information_disclosure",
  }),
  decided("D14", "Xa", "uphold", "2025-12-31", "2026-03-01", "2025-12-25", {
    category: "information_disclosure",
  }),
  decided("D15", "Xa", "uphold", "2026-01-08", "2026-03-11", "2026-01-05", {
    category: "information_disclosure",
  }),
  decided("D16", "U", "uphold", "2026-01-09", "2026-03-20", "2026-01-05"),
  decided("D17", "U", "reject_claim", "2026-01-10", "2026-03-26", "2026-01-05"),
  decided("D18", "U", "reject_claim", "2026-01-11", "2026-04-01", "2026-01-05"),
  decided("D19", "U", "reject_claim", "2025-12-15", "2026-03-15", "2025-12-10"),
  decided("D20", "R", "uphold", "2025-10-01", "2025-12-10", "2025-09-28"),
  ended("M01", "H", "mediated", "2026-02-10", "2026-01-12", "2026-01-08", {
    mediationAttempted: true,
    ...committee("opinion_recorded", "2026-01-20"),
  }),
  ended("M02", "X", "mediated", "2026-03-05", "2026-01-20", "2026-01-16", {
    mediationAttempted: true,
  }),
  ended("M03", "S", "mediated", "2026-03-25", "2026-02-02", "2026-01-28", {
    mediationAttempted: true,
  }),
  ended("M04", "U", "mediated", "2026-01-28", "2025-12-28", "2025-12-22", {
    mediationAttempted: true,
  }),
  ended("S01", "X", "withdrawn", "2026-02-05", "2026-01-08", "2026-01-05", {
    mediationAttempted: true,
  }),
  ended("S02", "H", "withdrawn", "2026-03-10", "2026-02-01", "2026-01-27", {
    mediationAttempted: true,
  }),
  ended("S03", "Xa", "withdrawn", "2026-01-22", "2026-01-02", "2025-12-31T15:59:00Z", { mediationAttempted: true }),
  ended("W01", "R", "withdrawn", "2026-02-12", "2026-01-30", "2026-01-26"),
  ended("W02", "S", "withdrawn", "2026-03-02", "2026-02-15", "2026-02-10"),
  ended("W03", "H", "withdrawn", "2026-01-09", null, "2026-01-07"),
  ended("T01", "X", "terminated", "2026-03-18", "2026-01-25", "2026-01-20"),
  ended("X01", "H", "dismissed", "2026-02-20", "2026-01-14", "2026-01-09"),
  ended("X02", "B", "dismissed", "2026-03-12", "2026-02-09", "2026-02-03"),
  ended("N01", "H", "not_accepted", "2026-01-16", null, "2026-01-12"),
  ended("N02", "S", "not_accepted", "2026-02-06", null, "2026-02-02"),
  ended("A01", "X", "abandoned", "2026-02-25", null, "2026-02-01"),
  open("O01", "R", "2026-03-02", "2026-02-26", { mediationAttempted: true }),
  open("O02", "H", "2026-03-10", "2026-03-05", committee("in_progress", "2026-03-20")),
  open("O03", "U", "2026-03-28", "2026-03-23"),
  open("O04", "Xa", null, "2026-03-31T16:30:00Z"),
];
// The settlement flag (和解后撤回, Art. 74; T19) on S01–S03.
for (const c of cases) if (c.id.startsWith("S")) c.outcome = { ...c.outcome!, settlement: true };

it("the data set has the 40 cases the tables describe", () => {
  expect(cases).toHaveLength(40);
  expect(new Set(cases.map((c) => c.id)).size).toBe(40);
});

// ---------------------------------------------------------------------------------------------------------------

describe("correction rate (纠错率, DOMAIN.md 14.12–14.14)", () => {
  it("14.12/14.13: revoke + vary + confirm illegal + order performance + confirm void (setting on) over merits decisions", () => {
    // Decisions made in 2026: D01–D19 = 19 (D20 was made in 2025).
    // Corrections: revoke D01 D02 D03 (3) + vary D04 D05 (2) + confirm illegal D06 (1) + order performance D07 (1)
    // + confirm void D08 (1) = 8.
    const r = correctionRate(cases, { period: Y2026 });
    expect([r.numerator, r.denominator]).toEqual([8, 19]);
    expect(r.value).toBeCloseTo(8 / 19, 10);
    // uphold D09–D16 = 8; reject claim D17–D19 = 3.
    expect(r.byType).toEqual({
      revoke: 3,
      vary: 2,
      confirm_illegal: 1,
      order_performance: 1,
      confirm_void: 1,
      uphold: 8,
      reject_claim: 3,
    });
    expect(r.definition.basis).toContain("14.12");
    expect(r.definition.zh).toContain("确认无效决定计入纠错");
  });

  it("14.14: with countConfirmVoidAsCorrection off, D08 leaves the numerator but stays in the denominator (7/19)", () => {
    const r = correctionRate(cases, {
      period: Y2026,
      settings: { countConfirmVoidAsCorrection: false },
    });
    expect([r.numerator, r.denominator]).toEqual([7, 19]);
    expect(r.definition.zh).toContain("不计入纠错");
  });

  it("14.13: dismissals (X01, X02), mediations, withdrawals and terminations are not merits decisions; without a period D20 joins (8/20)", () => {
    const r = correctionRate(cases);
    expect([r.numerator, r.denominator]).toEqual([8, 20]);
  });

  it("the setting defaults to counting confirm void (14.14: probably yes) and cites its basis", () => {
    expect(defaultSettings().countConfirmVoidAsCorrection).toBe(true);
    expect(settingDefinitions.countConfirmVoidAsCorrection.basis).toContain("14.14");
  });

  it("by month of the decision (Asia/Shanghai): Jan 4/4, Feb 2/5, Mar 2/9, Apr 0/1", () => {
    // Jan: D01 D02 D03 (revoke) D04 (vary) → 4/4.
    // Feb: D05 (vary) D08 (void) D09 D10 D11 (uphold) → 2/5.
    // Mar: D06 (illegal) D07 (order) D12 D13 D14 D15 D16 D17 D19 → 2/9.  Apr: D18 (reject) → 0/1.  Dec 2025: D20 → 0/1.
    const months = groupByMonth(cases, (c) => c.decision?.madeOn);
    expect([...months.keys()]).toEqual(["2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]);
    const byMonth = Object.fromEntries(
      [...months].map(([key, list]) => {
        const r = correctionRate(list);
        return [key, [r.numerator, r.denominator]];
      })
    );
    expect(byMonth).toEqual({
      "2025-12": [0, 1],
      "2026-01": [4, 4],
      "2026-02": [2, 5],
      "2026-03": [2, 9],
      "2026-04": [0, 1],
    });
  });

  it("an empty denominator gives null, not 0 or NaN", () => {
    const r = correctionRate(cases, { period: periodOf("2024")! });
    expect(r).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(correctionRate([]).value).toBeNull();
  });
});

describe("volumes: received, accepted, closed", () => {
  it("received by the Asia/Shanghai date of receipt; accepted; closed = accepted cases ended after acceptance (14.13)", () => {
    // Received in 2025: D01, D14, D19, D20, M04, S03 (15:59Z on 31 Dec is 23:59 in Hohhot) = 6 → 2026: 40 − 6 = 34
    // (D09 at 16:30Z on 31 Dec is 1 January in Hohhot; O04 at 16:30Z on 31 March is 1 April, still 2026).
    // Accepted in 2026: 40 − 5 never accepted (W03 N01 N02 A01 O04) − 5 accepted in 2025 (D01 D14 D19 D20 M04) = 30.
    // Closed in 2026: D01–D19 (19) + M01–M04 (4) + S01–S03 (3) + W01 W02 (2) + T01 + X01 + X02 (3) = 31.
    expect(caseVolumes(cases, Y2026)).toMatchObject({
      received: 34,
      accepted: 30,
      closed: 31,
    });
    // Q1: O04 (received 1 April) drops out: 33; accepted: all 30 fall in Q1; closed: D18 (1 April) drops out: 30.
    expect(caseVolumes(cases, Q1)).toMatchObject({
      received: 33,
      accepted: 30,
      closed: 30,
    });
  });

  it("shares by category: 25 without a category, penalty 10 (D01–D10), information disclosure 5 (D11–D15), of 40", () => {
    const shares = sharesBy(cases, (c) => c.category, {
      zh: "按类别",
      en: "By category",
      basis: "《行政复议法》第十一条",
    });
    expect(shares.map((s) => [s.key, s.rate.numerator, s.rate.denominator])).toEqual([
      ["unknown", 25, 40],
      ["penalty", 10, 40],
      ["information_disclosure", 5, 40],
    ]);
  });
});

describe("调撤率 (DOMAIN.md 14.15)", () => {
  it("14.15: (mediated + withdrawn after settlement + other withdrawals) ÷ closed = (4 + 3 + 2) / 31", () => {
    const r = mediationWithdrawalRate(cases, { period: Y2026 });
    expect([r.numerator, r.denominator]).toEqual([9, 31]);
    expect([r.mediated, r.settlementWithdrawn, r.otherWithdrawn]).toEqual([4, 3, 2]);
  });
  it("7.10: a withdrawal before acceptance (W03) is not a closed case", () => {
    const r = mediationWithdrawalRate(cases.filter((c) => c.id === "W03"));
    expect(r).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });
});

describe("mediation success", () => {
  it("Arts. 73–74: of 9 closed cases that tried mediation (M01–M04, S01–S03, D09, D10), 7 closed by 调解书 or settlement", () => {
    // O01 is still in mediation: not closed, not counted.
    const r = reconsiderationMediationSuccessRate(cases, { period: Y2026 });
    expect([r.numerator, r.denominator]).toEqual([7, 9]);
  });
  it("Art. 74: a plain withdrawal after mediation failed is no success (0/1); a settlement withdrawal is (1/1)", () => {
    const w = ended("Z1", "H", "withdrawn", "2026-02-01", "2026-01-05", "2026-01-02", { mediationAttempted: true });
    expect(reconsiderationMediationSuccessRate([w])).toMatchObject({
      numerator: 0,
      denominator: 1,
    });
    const s = { ...w, outcome: { ...w.outcome!, settlement: true } };
    expect(reconsiderationMediationSuccessRate([s])).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
  });

  // Administrative mediation requests (§16):
  //   R1 accepted 01-05, agreement 01-20, performed        → success (ended 01-20)
  //   R2 accepted 01-06, agreement 01-25, breached         → success: an agreement was reached
  //   R3 accepted 02-01, agreement 02-15, no outcome yet   → success
  //   R4 accepted 02-03, failed 03-05                      → no
  //   R5 accepted 02-10, withdrawn 02-20                   → no (withdrawal after acceptance)
  //   R6 declined, R7 routed, R9 withdrawn before acceptance → not mediations; R8 accepted, still mediating → open
  //   R10 accepted 2025-11-01, agreement 2025-12-01        → outside 2026
  const requests: StatMediationRequest[] = [
    {
      id: "R1",
      acceptedOn: "2026-01-05",
      agreementSignedOn: "2026-01-20",
      outcome: { kind: "performed", on: "2026-02-20" },
    },
    {
      id: "R2",
      acceptedOn: "2026-01-06",
      agreementSignedOn: "2026-01-25",
      outcome: { kind: "breached", on: "2026-03-01" },
    },
    {
      id: "R3",
      acceptedOn: "2026-02-01",
      agreementSignedOn: "2026-02-15",
      outcome: null,
    },
    {
      id: "R4",
      acceptedOn: "2026-02-03",
      agreementSignedOn: null,
      outcome: { kind: "failed", on: "2026-03-05" },
    },
    {
      id: "R5",
      acceptedOn: "2026-02-10",
      agreementSignedOn: null,
      outcome: { kind: "withdrawn", on: "2026-02-20" },
    },
    {
      id: "R6",
      acceptedOn: null,
      agreementSignedOn: null,
      outcome: { kind: "declined", on: "2026-01-09" },
    },
    {
      id: "R7",
      acceptedOn: null,
      agreementSignedOn: null,
      outcome: { kind: "routed", on: "2026-01-03" },
    },
    {
      id: "R8",
      acceptedOn: "2026-03-01",
      agreementSignedOn: null,
      outcome: null,
    },
    {
      id: "R9",
      acceptedOn: null,
      agreementSignedOn: null,
      outcome: { kind: "withdrawn", on: "2026-01-12" },
    },
    {
      id: "R10",
      acceptedOn: "2025-11-01",
      agreementSignedOn: "2025-12-01",
      outcome: null,
    },
  ];
  it("administrative mediation: agreements 3 (R1–R3) of 5 ended mediations (R1–R5) in 2026; 4 of 6 over all time", () => {
    expect(mediationSuccessRate(requests, { period: Y2026 })).toMatchObject({
      numerator: 3,
      denominator: 5,
    });
    expect(mediationSuccessRate(requests)).toMatchObject({
      numerator: 4,
      denominator: 6,
    });
  });
  it("no ended mediation: null", () => {
    expect(mediationSuccessRate(requests.filter((r) => r.id === "R8")).value).toBeNull();
  });
});

describe("days to decision (Art. 62, DOMAIN.md 7.01)", () => {
  it("average: 935 days over 19 decisions made in 2026; 90th percentile by nearest rank ⌈0.9 × 19⌉ = 18 → 80", () => {
    // Sorted: 10 20 25 30 30 35 40 40 45 50 55 58 60 60 62 70 75 80 90 (sum 935).
    const { average, percentile } = daysToDecision(cases, { period: Y2026 });
    expect([average.numerator, average.denominator]).toEqual([935, 19]);
    expect(average.value).toBeCloseTo(935 / 19, 10);
    expect(percentile).toMatchObject({ p: 90, count: 19, rank: 18, value: 80 });
  });
  it("D01 counts across the year end: accepted 2025-12-20, decided 2026-01-29 = 11 + 29 = 40 days", () => {
    expect(daysToDecision(cases.filter((c) => c.id === "D01")).average.numerator).toBe(40);
  });
  it("Q1 leaves out D18 (80): 855 over 18, P90 rank ⌈16.2⌉ = 17 → 75; the median of 2026 is rank 10 → 50", () => {
    const q1 = daysToDecision(cases, { period: Q1 });
    expect([q1.average.numerator, q1.average.denominator]).toEqual([855, 18]);
    expect(q1.percentile).toMatchObject({ rank: 17, value: 75 });
    expect(daysToDecision(cases, { period: Y2026, percentile: 50 }).percentile).toMatchObject({ rank: 10, value: 50 });
  });
  it("nearest-rank method on the textbook set 15 20 35 40 50: P30 → 20, P40 → 20, P50 → 35, P100 → 50", () => {
    const v = [50, 15, 40, 20, 35];
    expect(nearestRankPercentile(v, 30)).toEqual({ rank: 2, value: 20 });
    expect(nearestRankPercentile(v, 40)).toEqual({ rank: 2, value: 20 });
    expect(nearestRankPercentile(v, 50)).toEqual({ rank: 3, value: 35 });
    expect(nearestRankPercentile(v, 100)).toEqual({ rank: 5, value: 50 });
    expect(nearestRankPercentile([7], 1)).toEqual({ rank: 1, value: 7 });
    expect(() => nearestRankPercentile(v, 0)).toThrow(RangeError);
  });
  it("no decisions: average and percentile are null", () => {
    const none = daysToDecision([], {});
    expect(none.average).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
    });
    expect(none.percentile).toMatchObject({
      count: 0,
      rank: null,
      value: null,
    });
  });
});

describe("committee referrals and adoption (Art. 52)", () => {
  it("Art. 52(2): referred, not withdrawn, among cases closed in 2026: D01 D02 D09 D10 M01 = 5 of 31 (D11 withdrawn, O02 open)", () => {
    expect(committeeReferrals(cases, { period: Y2026 }).referred).toMatchObject({ numerator: 5, denominator: 31 });
  });
  it("Arts. 52(3), 61(3): adopted D01 D02 + partly D09 = 3 of 4 recorded (D10 not adopted); M01 has no record yet", () => {
    const { adoption } = committeeReferrals(cases, { period: Y2026 });
    expect([adoption.numerator, adoption.denominator]).toEqual([3, 4]);
    expect([adoption.adopted, adoption.partlyAdopted, adoption.notAdopted]).toEqual([2, 1, 1]);
  });
  it("nothing recorded in March: the adoption rate is null", () => {
    expect(committeeReferrals(cases, { period: periodOf("2026-03") }).adoption.value).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Deadlines (today 2026-04-01)

const dl = (kind: string, status: StatDeadline["status"], dueDate: string, closedOn: string | null): StatDeadline => ({
  kind,
  status,
  dueDate,
  closedOn,
});
const deadlines: StatDeadline[] = [
  // acceptance_review: 2026 met ar1–ar5 (ar5 closed 16:30Z on 31 Dec = 1 Jan in Hohhot), missed ar6; ar7 cancelled;
  // ar8 missed at 15:30Z on 31 Dec = 23:30 on 31 Dec, in 2025.
  dl("acceptance_review", "met", "2026-01-07", "2026-01-05"),
  dl("acceptance_review", "met", "2026-01-12", "2026-01-10"),
  dl("acceptance_review", "met", "2026-02-03", "2026-02-01T03:00:00Z"),
  dl("acceptance_review", "met", "2026-02-16", "2026-02-15"),
  dl("acceptance_review", "met", "2026-01-05", "2025-12-31T16:30:00Z"),
  dl("acceptance_review", "missed", "2026-02-26", "2026-03-01"),
  dl("acceptance_review", "cancelled", "2026-01-22", "2026-01-20"),
  dl("acceptance_review", "missed", "2025-12-29", "2025-12-31T15:30:00Z"),
  // decision: met dc1–dc6, missed dc7 (03-26) and dc8 (04-01); dc9 running past due, dc10 running, dc11 paused.
  dl("decision", "met", "2026-03-01", "2026-01-29"),
  dl("decision", "met", "2026-03-21", "2026-02-19"),
  dl("decision", "met", "2026-04-02", "2026-03-03"),
  dl("decision", "met", "2026-04-11", "2026-03-17"),
  dl("decision", "met", "2026-03-16", "2026-02-24"),
  dl("decision", "met", "2026-03-06", "2026-03-04"),
  dl("decision", "missed", "2026-03-25", "2026-03-26"),
  dl("decision", "missed", "2026-03-12", "2026-04-01"),
  dl("decision", "running", "2026-03-20", null),
  dl("decision", "running", "2026-04-10", null),
  dl("decision", "paused", "2026-03-01", null),
  // respondent_reply: met 3; rr4 running, due today (the last day is still on time, 11.04).
  dl("respondent_reply", "met", "2026-01-20", "2026-01-18"),
  dl("respondent_reply", "met", "2026-02-20", "2026-02-11"),
  dl("respondent_reply", "met", "2026-03-20", "2026-03-20"),
  dl("respondent_reply", "running", "2026-04-01", null),
  // committee_opinion: only a cancelled one.
  dl("committee_opinion", "cancelled", "2026-02-10", "2026-02-01"),
  // performance: met pp1 pp2 ra1, missed pp3.
  dl("performance_period", "met", "2026-03-05", "2026-03-01"),
  dl("performance_period", "met", "2026-03-15", "2026-03-10"),
  dl("performance_period", "missed", "2026-03-18", "2026-03-20"),
  dl("redo_act", "met", "2026-04-30", "2026-03-25"),
  // order_to_perform running past due.
  dl("order_to_perform", "running", "2026-03-31", null),
  // a decision_simplified period that is still running: the kind appears with nothing closed.
  dl("decision_simplified", "running", "2026-04-20", null),
];

describe("on-time rate per period type and overdue now", () => {
  it("met ÷ (met + missed) per kind in 2026: acceptance review 5/6, decision 6/8, reply 3/3, performance 2/3, redo 1/1", () => {
    const r = onTimeRates(deadlines, { period: Y2026 });
    const pairs = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [v.numerator, v.denominator, v.value]]));
    expect(pairs).toEqual({
      acceptance_review: [5, 6, 5 / 6],
      committee_opinion: [0, 0, null],
      decision: [6, 8, 6 / 8],
      decision_simplified: [0, 0, null],
      order_to_perform: [0, 0, null],
      performance_period: [2, 3, 2 / 3],
      redo_act: [1, 1, 1],
      respondent_reply: [3, 3, 1],
    });
  });
  it("without a period ar8 (missed, 2025) joins: 5/7; in Q1 dc8 (closed 1 April) leaves: 6/7", () => {
    expect(onTimeRates(deadlines).acceptance_review).toMatchObject({
      numerator: 5,
      denominator: 7,
    });
    expect(onTimeRates(deadlines, { period: Q1 }).decision).toMatchObject({
      numerator: 6,
      denominator: 7,
    });
  });
  it("Art. 77: performance compliance = performance_period + redo_act met ÷ closed = 3/4", () => {
    expect(performanceCompliance(deadlines, { period: Y2026 })).toMatchObject({
      numerator: 3,
      denominator: 4,
    });
  });
  it("overdue now (11.04, 7.08): dc9 and the order to perform of 6 open (dc9 dc10 dc11 rr4 ot1 and decision_simplified)", () => {
    // Open: running dc9, dc10, rr4, order_to_perform, decision_simplified + paused dc11 = 6.
    // Overdue: dc9 (due 03-20), order_to_perform (due 03-31). rr4 is due today: on time. dc11 is paused: not overdue.
    const r = overdueNow(deadlines, TODAY);
    expect([r.numerator, r.denominator]).toEqual([2, 6]);
    expect(r.byKind).toEqual({ decision: 1, order_to_perform: 1 });
    expect(overdueNow([], TODAY).value).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("opinion-letter compliance (Art. 76: report within 60 days)", () => {
  // today 2026-04-01
  //   L1 due 02-10, reported 02-05  → on time
  //   L2 due 02-20, reported 02-20  → on time (the last day)
  //   L3 due 03-01, reported 03-05  → late
  //   L4 due 03-15, not reported    → missed
  //   L5 due 04-30, not reported    → still running: out
  //   L6 due 05-10, reported 03-20  → on time (reported before the period ended)
  //   L7 suggestion letter          → out (Reg. Art. 57(2), not binding)
  //   L8 due 2025-12-20             → outside 2026
  //   L9 not yet served (no due)    → out
  //   L10 due today, not reported   → the last day is not over: out
  const letters: StatLetter[] = [
    {
      id: "L1",
      type: "opinion",
      reportDueOn: "2026-02-10",
      reportedOn: "2026-02-05",
    },
    {
      id: "L2",
      type: "opinion",
      reportDueOn: "2026-02-20",
      reportedOn: "2026-02-20",
    },
    {
      id: "L3",
      type: "opinion",
      reportDueOn: "2026-03-01",
      reportedOn: "2026-03-05",
    },
    { id: "L4", type: "opinion", reportDueOn: "2026-03-15", reportedOn: null },
    { id: "L5", type: "opinion", reportDueOn: "2026-04-30", reportedOn: null },
    {
      id: "L6",
      type: "opinion",
      reportDueOn: "2026-05-10",
      reportedOn: "2026-03-20",
    },
    {
      id: "L7",
      type: "suggestion",
      reportDueOn: "2026-02-01",
      reportedOn: null,
    },
    {
      id: "L8",
      type: "opinion",
      reportDueOn: "2025-12-20",
      reportedOn: "2025-12-01",
    },
    { id: "L9", type: "opinion", reportDueOn: null, reportedOn: null },
    { id: "L10", type: "opinion", reportDueOn: TODAY, reportedOn: null },
  ];
  it("Art. 76: on time L1 L2 L6 = 3 of L1 L2 L3 L4 L6 = 5", () => {
    expect(opinionLetterCompliance(letters, { period: Y2026, today: TODAY })).toMatchObject({ numerator: 3, denominator: 5 });
  });
  it("the next day L10 is missed: 3 of 6", () => {
    expect(opinionLetterCompliance(letters, { period: Y2026, today: "2026-04-02" })).toMatchObject({ numerator: 3, denominator: 6 });
  });
  it("only suggestion letters: null", () => {
    expect(
      opinionLetterCompliance(
        letters.filter((l) => l.type === "suggestion"),
        { today: TODAY }
      ).value
    ).toBeNull();
  });
});

describe("satisfaction (好差评, 国办发〔2019〕51号)", () => {
  // 2026 (Hohhot dates): 5, 5, 4 (16:10Z on 31 Dec = 1 Jan), 3, 1, 5, 4, 2 (17:00Z on 31 Mar = 1 Apr) → sum 29, 8 ratings.
  // 2025: 1 (15:50Z on 31 Dec = 23:50). Score 6 is not a rating.
  const ratings: StatRating[] = [
    { caseId: "D01", score: 5, ratedAt: "2026-01-10T02:00:00Z" },
    { caseId: "D02", score: 5, ratedAt: "2026-01-20T08:00:00+08:00" },
    { caseId: "D03", score: 4, ratedAt: "2025-12-31T16:10:00Z" },
    { caseId: "D04", score: 3, ratedAt: "2026-02-01" },
    { caseId: "D05", score: 1, ratedAt: new Date("2026-02-14T00:00:00Z") },
    { caseId: "D06", score: 5, ratedAt: "2026-03-01T10:00:00Z" },
    { caseId: "D07", score: 4, ratedAt: "2026-03-15T10:00:00Z" },
    { caseId: "D08", score: 2, ratedAt: "2026-03-31T17:00:00Z" },
    { caseId: "D20", score: 1, ratedAt: "2025-12-31T15:50:00Z" },
    { caseId: "M01", score: 6, ratedAt: "2026-02-02" },
  ];
  it("average 29 / 8 = 3.625 in 2026, with the distribution 1:1 2:1 3:1 4:2 5:3", () => {
    const r = satisfaction(ratings, { period: Y2026 });
    expect([r.numerator, r.denominator, r.value]).toEqual([29, 8, 3.625]);
    expect(r.distribution).toEqual({ 1: 1, 2: 1, 3: 1, 4: 2, 5: 3 });
  });
  it("Q1 leaves out the rating of 1 April (Beijing time): 27 / 7; all time adds the 2025 one: 30 / 9", () => {
    expect(satisfaction(ratings, { period: Q1 })).toMatchObject({
      numerator: 27,
      denominator: 7,
    });
    expect(satisfaction(ratings)).toMatchObject({
      numerator: 30,
      denominator: 9,
    });
  });
  it("no ratings: null", () => {
    expect(satisfaction([]).value).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("head-of-agency court appearance (出庭应诉率, DOMAIN.md 14.02–14.04, 14.11)", () => {
  const inst = (
    id: string,
    organId: string,
    lawsuitId: string,
    instance: CourtInstance["instance"],
    hearings: CourtInstance["hearings"],
    registeredOn = "2026-01-02"
  ): CourtInstance => ({
    id,
    organId,
    lawsuitId,
    instance,
    registeredOn,
    hearings,
  });
  const instances: CourtInstance[] = [
    inst("I1", "Hm", "A", "first", [{ on: "2026-02-10", appeared: "chief" }]), // yes
    inst("I2", "Xp", "B", "first", [
      { on: "2026-01-15", appeared: "deputy" },
      { on: "2026-02-15", appeared: "staff" },
    ]), // yes: one hearing suffices
    inst("I3", "Rm", "C", "second", [{ on: "2026-03-01", appeared: "in_charge" }]), // yes
    inst("I4", "Hm", "D", "first", [{ on: "2026-01-20", appeared: "staff" }]), // no
    inst("I5", "Xp", "E", "first", [{ on: "2026-02-05", appeared: "lawyer" }]), // no (14.07)
    inst("I6", "Hm", "F", "first", [{ on: "2026-02-06", appeared: "entrusted_organ_head" }]), // no (Art. 2)
    inst("I7", "Xp", "G", "first", [{ on: "2026-02-07", appeared: "lower_organ_head" }]), // no (Art. 2)
    inst("I8", "Rm", "H", "retrial", [
      { on: "2026-03-05", appeared: "chief" },
      { on: "2026-03-20", appeared: "staff", headRenotified: true },
    ]), // no: renotified
    inst("I9", "Hm", "J", "first", [
      { on: "2026-01-08", appeared: "staff" },
      { on: "2026-01-28", appeared: "chief", headRenotified: true },
    ]), // yes
    inst("I10", "Hm", "K", "first", [], "2026-02-01"), // not heard in court
    inst("I11", "Hm", "A", "second", [{ on: "2026-03-25", appeared: "deputy" }]), // yes: the appeal of A is its own instance
    inst("I12", "Xp", "L", "first", [{ on: "2025-12-10", appeared: "chief" }], "2025-11-20"), // 2025
    inst("I13", "Hm", "M", "first", [{ on: "2026-03-10", appeared: null }]), // no: nobody came
  ];

  it("14.02 (SPC 2020 Art. 2): chief, deputy and head in charge qualify; heads of entrusted or lower organs, staff and lawyers do not", () => {
    expect(countInstance(instances[0])).toEqual({
      counted: true,
      appeared: true,
      reason: "head_appeared",
    });
    for (const i of [instances[3], instances[4], instances[5], instances[6], instances[12]]) {
      expect(countInstance(i)).toEqual({
        counted: true,
        appeared: false,
        reason: "no_qualifying_head",
      });
    }
  });
  it("14.04 (Art. 7(1)): one hearing counts for the instance (I2), unless the court renotified the head and the head stayed away (I8)", () => {
    expect(countInstance(instances[1]).counted && countInstance(instances[1])).toMatchObject({ appeared: true });
    expect(countInstance(instances[7])).toEqual({
      counted: true,
      appeared: false,
      reason: "absent_when_renotified",
    });
    expect(countInstance(instances[8])).toMatchObject({ appeared: true });
  });
  it("14.11: an instance not heard in court is not in the denominator", () => {
    expect(countInstance(instances[9])).toEqual({
      counted: false,
      reason: "not_heard_in_court",
    });
  });
  it("2026: appeared I1 I2 I3 I9 I11 = 5 of 11 heard (I1–I9, I11, I13); 45 % is below the 90 % target", () => {
    // Each instance of lawsuit A counts separately (14.04, Art. 7(2)): I1 and I11.
    const r = headAppearanceRate(instances, { period: Y2026 });
    expect([r.numerator, r.denominator]).toEqual([5, 11]);
    expect(r.targetPercent).toBe(90);
    expect(r.meetsTarget).toBe(false);
    expect(r.notHeardInCourt).toBe(1);
    expect(r.definition.basis).toContain("第七条");
  });
  it("the target is a setting (default 90): at 45 % the rate of 5/11 = 45.45 % meets it; 100 % when only I1 and I3", () => {
    expect(
      headAppearanceRate(instances, {
        period: Y2026,
        settings: { headAppearanceTargetPercent: 45 },
      }).meetsTarget
    ).toBe(true);
    expect(headAppearanceRate([instances[0], instances[2]]).meetsTarget).toBe(true);
    expect(defaultSettings().headAppearanceTargetPercent).toBe(90);
  });
  it("nothing heard in court: value null and no verdict on the target", () => {
    const r = headAppearanceRate([instances[9]]);
    expect(r).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
      meetsTarget: null,
      notHeardInCourt: 1,
    });
  });
  it("by organ: the 新城区 police branch (under the city bureau) falls in 新城区 by its division code: 1 of 3 in 2026", () => {
    // Hohhot drill-down: own = Hm's I1 I4 I6 I9 I10 I11 I13 (7); 新城区 = Xp's I2 I5 I7 I12 (4); 赛罕区 none. Rm is outside.
    const d = drillDown(instances, (i) => i.organId, organs, "H")!;
    expect(d.own.map((i) => i.id)).toEqual(["I1", "I4", "I6", "I9", "I10", "I11", "I13"]);
    expect(d.children.map((b) => [b.organ.code, b.items.length])).toEqual([
      ["150102", 4],
      ["150105", 0],
    ]);
    expect(headAppearanceRate(d.children[0].items, { period: Y2026 })).toMatchObject({ numerator: 1, denominator: 3 });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("grouping: Asia/Shanghai dates, months and years", () => {
  it("an instant is read as its Hohhot (UTC+8) date; a legal date stays as it is", () => {
    expect(legalDate("2025-12-31T16:30:00Z")).toBe("2026-01-01");
    expect(legalDate("2025-12-31T15:59:59Z")).toBe("2025-12-31");
    expect(legalDate(new Date("2026-06-30T16:00:00Z"))).toBe("2026-07-01");
    expect(legalDate("2026-02-30")).toBeNull();
    expect(legalDate("not a date")).toBeNull();
  });
  it("periods: months end on their last day (2024 is a leap year); keys run across the year end", () => {
    expect(periodOf("2026-02")).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(periodOf("2024-02")).toEqual({
      from: "2024-02-01",
      to: "2024-02-29",
    });
    expect(periodOf("2026-13")).toBeNull();
    expect(monthKeys("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });
  it("received by year: 6 in 2025 and 34 in 2026 (the same split as the volumes)", () => {
    const years = groupByYear(cases, (c) => c.receivedOn);
    expect([...years].map(([k, v]) => [k, v.length])).toEqual([
      ["2025", 6],
      ["2026", 34],
    ]);
  });
});

describe("grouping: autonomous region → 盟市 → 旗县", () => {
  // Cases by organ: R 5 (D01 D02 D20 W01 O01), H 10, X 7, S 5, B 3, Xa 4, U 6 = 40.
  it("division codes: 150102 is in 盟市 150100 and region 150000; a 盟市 has no 旗县 code", () => {
    expect(divisionAt("150102", "league_city")).toBe("150100");
    expect(divisionAt("152201", "region")).toBe("150000");
    expect(divisionAt("150100", "banner_county")).toBeNull();
    expect(divisionAt("150000", "league_city")).toBeNull();
    expect(governmentAt(organs.find((o) => o.id === "Xp")!, "league_city", organs)?.id).toBe("H");
  });
  it("region drill-down: own 5; 呼和浩特 22 (H 10 + 新城区 7 + 赛罕区 5), 包头 3, 乌海 0, 兴安盟 10 (Xa 4 + 乌兰浩特 6)", () => {
    const d = drillDown(cases, (c) => c.organId, organs, "R")!;
    expect(d.own).toHaveLength(5);
    expect(d.children.map((b) => [b.organ.name, b.items.length])).toEqual([
      ["呼和浩特市人民政府", 22],
      ["包头市人民政府", 3],
      ["乌海市人民政府", 0],
      ["兴安盟行政公署", 10],
    ]);
  });
  it("Hohhot drill-down: own 10; 新城区 7, 赛罕区 5; and Hohhot's 2026 correction rate is 5/9", () => {
    const d = drillDown(cases, (c) => c.organId, organs, "H")!;
    expect(d.own).toHaveLength(10);
    expect(d.children.map((b) => [b.organ.code, b.items.length])).toEqual([
      ["150102", 7],
      ["150105", 5],
    ]);
    // Hohhot's area (H + X + S) decisions: D03 revoke, D04 vary, D05 vary, D09 uphold (H); D06 illegal, D10 D11 uphold
    // (X); D07 order, D12 uphold (S) = 9; corrections D03 D04 D05 D06 D07 = 5.
    const area = [...d.own, ...d.children.flatMap((b) => b.items)];
    expect(correctionRate(area, { period: Y2026 })).toMatchObject({
      numerator: 5,
      denominator: 9,
    });
  });
  it("by level 旗县: 新城区 7, 赛罕区 5, 乌兰浩特 6; the 22 cases of region and 盟市 organs stand above", () => {
    const g = groupByOrganLevel(cases, (c) => c.organId, organs, "banner_county");
    expect(g.groups.map((b) => [b.organ.code, b.items.length])).toEqual([
      ["150102", 7],
      ["150105", 5],
      ["152201", 6],
    ]);
    expect(g.above).toHaveLength(22);
  });
  it("an unknown organ id yields no drill-down", () => {
    expect(drillDown(cases, (c) => c.organId, organs, "nope")).toBeNull();
  });
});

describe("national figures to compare against (DOMAIN.md 14.10, 14.12, 14.15, 14.16)", () => {
  it("14.12: correction rate 12.83 % (2023) and 15.1 % (2018); 14.10: head appearance 41.8 % (2020)", () => {
    expect(nationalFigures.correctionRate2023.value).toBe(0.1283);
    expect(nationalFigures.correctionRate2018.value).toBe(0.151);
    expect(nationalFigures.headAppearanceRate2020.value).toBe(0.418);
    expect([nationalFigures.received2023.value, nationalFigures.closed2023.value]).toEqual([315_000, 293_000]);
  });
});
