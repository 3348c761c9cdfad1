// A complete, valid reconsideration application as a draft holds it (form strings, step by step), for tests.
import { residentIdCheckDigit } from "~/domain/identity";

export function validResidentId(first17 = "15010219900307123"): string {
  return `${first17}${residentIdCheckDigit(first17)}`;
}

/** Draft data for a citizen challenging a penalty of 呼和浩特市新城区市场监督管理局 (respondent id given). */
export function validDraftData(respondentOrganId: string, overrides: Partial<Record<string, Record<string, unknown>>> = {}) {
  // 1990-03-07, sequence 123 → digit 17 is 3 (odd) → male
  return {
    applicants: {
      applicants: [
        {
          kind: "person",
          name: "张三",
          sex: "male",
          birthDate: "1990-03-07",
          idNumber: validResidentId(),
          address: "呼和浩特市新城区某路1号",
          phone: "13800138000",
          employer: "",
        },
      ],
    },
    agents: { agents: [], thirdParties: [] },
    act: {
      respondentOrganId,
      actTitle: "行政处罚决定书",
      actDocumentNumber: "呼新市监罚〔2026〕12号",
      actKind: "penalty",
      madeOn: "2026-11-01",
      learnedOn: "2026-11-03",
      informed: "yes",
      onTheSpotPenalty: "no",
      failureToAct: "no",
      normativeReview: "no",
      compensation: "no",
    },
    requests: { requests: "撤销该行政处罚决定", factsAndReasons: "处罚认定事实不清，证据不足。", suedInCourt: "no" },
    evidence: { evidence: [] },
    ...overrides,
  };
}

export function submissionKey(): string {
  return `k${Math.random().toString(36).slice(2)}${Date.now().toString(36)}xxxxxxxx`.slice(0, 32);
}
