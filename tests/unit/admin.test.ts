// The rules of administration (app/domain/admin.ts) and the documents' fixed wording (template-wording.ts), without a
// database: organ levels (地方组织法 Art. 2), cycles, leave overlaps, a State Council notice's lines (放假办法 Arts. 6–7,
// DOMAIN.md 11.08, 11.12), a setting's typed input, and that an override changes only its own sentence.
import { describe, expect, it } from "vitest";
import { organKinds, organLevels } from "../../db/schema/enums";
import {
  assignableRoles,
  CreateStaffUserSchema,
  MembershipFormSchema,
  OrganFormSchema,
  organKindValues,
  organLevelAllowed,
  organLevelOrder,
  overlappingLeave,
  parentMakesCycle,
  parseNoticeLines,
  settingInput,
  TemplateWordingFormSchema,
} from "~/domain/admin";
import { renderDocument, type DocumentFacts } from "~/domain/documents";
import { settingDefinitions } from "~/domain/settings";
import { cleanOverrides, fixedWording, templateWording, wordingKinds } from "~/domain/template-wording";

describe("organs", () => {
  it("the domain's kinds and levels are the organs table's", () => {
    expect([...organKindValues]).toEqual([...organKinds]);
    expect([...organLevelOrder]).toEqual([...organLevels]);
  });

  it("地方组织法 Art. 2: a government sits one level below the government above it; only the region's has no parent", () => {
    const region = { level: "region", kind: "government" } as const;
    const city = { level: "league_city", kind: "government" } as const;
    expect(organLevelAllowed("government", "league_city", region)).toBe(true);
    expect(organLevelAllowed("government", "region", region)).toBe(false);
    expect(organLevelAllowed("government", "banner_county", region)).toBe(false);
    expect(organLevelAllowed("government", "banner_county", { level: "league_city", kind: "department" })).toBe(false);
    expect(organLevelAllowed("government", "region", null)).toBe(true);
    expect(organLevelAllowed("department", "region", null)).toBe(false);
    // a department at its government's level; a vertically managed office (Art. 27) or a court one level below its parent
    expect(organLevelAllowed("department", "league_city", city)).toBe(true);
    expect(organLevelAllowed("department", "banner_county", { level: "league_city", kind: "department" })).toBe(true);
    expect(organLevelAllowed("court", "league_city", { level: "region", kind: "court" })).toBe(true);
    expect(organLevelAllowed("department", "region", city)).toBe(false);
    expect(organLevelAllowed("department", "sumu_township", city)).toBe(false);
  });

  it("moving an organ below itself or one of its descendants is a cycle", () => {
    expect(parentMakesCycle("b", ["root", "a", "b"])).toBe(true);
    expect(parentMakesCycle("b", ["root", "a", "b", "c"])).toBe(true);
    expect(parentMakesCycle("b", ["root", "a"])).toBe(false);
  });

  it("the organ form: codes are a division code with an optional lower-case suffix; the checkbox is a boolean", () => {
    const ok = OrganFormSchema.safeParse({ name: "呼和浩特市数据局", code: "150100-data", kind: "department", level: "league_city", parentCode: "150100", isVertical: "yes" });
    expect(ok.success && ok.data).toMatchObject({ isVertical: true, parentCode: "150100", verticalCategory: null });
    for (const code of ["15010", "150100-", "150100-Police", "abc", "150100 police"]) {
      expect(OrganFormSchema.safeParse({ name: "某局", code, kind: "department", level: "league_city", parentCode: "150100" }).success, code).toBe(false);
    }
  });
});

describe("users", () => {
  it("roles.ts: every staff role can be given, 'citizen' (no membership) cannot", () => {
    expect(assignableRoles).not.toContain("citizen");
    expect(assignableRoles).toContain("admin");
    expect(MembershipFormSchema.safeParse({ role: "citizen", organCode: "150100" }).success).toBe(false);
  });

  it("a staff account needs a contact, a password under the citizen rules and the same password twice", () => {
    const base = { displayName: "张三", email: "zhang@example.com", password: "Strong-Pass-2026", confirmPassword: "Strong-Pass-2026", role: "reconsideration_staff", organCode: "150100" };
    expect(CreateStaffUserSchema.safeParse(base).success).toBe(true);
    expect(CreateStaffUserSchema.safeParse({ ...base, email: "", phone: "" }).success).toBe(false);
    expect(CreateStaffUserSchema.safeParse({ ...base, email: "", phone: "138 1234 5678" }).success).toBe(true);
    expect(CreateStaffUserSchema.safeParse({ ...base, password: "password", confirmPassword: "password" }).success).toBe(false);
    expect(CreateStaffUserSchema.safeParse({ ...base, confirmPassword: "Other-Pass-2026" }).success).toBe(false);
  });

  it("leave periods overlap when each starts on or before the other's last day (both days count)", () => {
    const existing = [{ fromDate: "2027-03-01", toDate: "2027-03-05" }];
    expect(overlappingLeave(existing, { fromDate: "2027-03-05", toDate: "2027-03-09" })).toBe(existing[0]);
    expect(overlappingLeave(existing, { fromDate: "2027-02-01", toDate: "2027-03-01" })).toBe(existing[0]);
    expect(overlappingLeave(existing, { fromDate: "2027-02-01", toDate: "2027-04-01" })).toBe(existing[0]);
    expect(overlappingLeave(existing, { fromDate: "2027-03-06", toDate: "2027-03-06" })).toBeUndefined();
    expect(overlappingLeave(existing, { fromDate: "2027-02-20", toDate: "2027-02-28" })).toBeUndefined();
  });
});

describe("a State Council holiday notice as lines (DOMAIN.md 11.08, 11.12)", () => {
  it("reads the 2026 notice's New Year lines in either language, sorted by date", () => {
    const r = parseNoticeLines("2026-01-04 上班 元旦\n2026-01-01 holiday 元旦\n# comment\n\n2026-01-02 放假 元旦\n2026-01-03 休 元旦");
    expect(r).toEqual({
      ok: true,
      days: [
        { day: "2026-01-01", kind: "holiday", name: "元旦" },
        { day: "2026-01-02", kind: "holiday", name: "元旦" },
        { day: "2026-01-03", kind: "holiday", name: "元旦" },
        { day: "2026-01-04", kind: "makeup_workday", name: "元旦" },
      ],
    });
  });

  it("放假办法 Arts. 6–7: a 调休 make-up working day is a weekend day; dates once; names, kinds and real dates required", () => {
    const r = parseNoticeLines("2026-01-05 上班 元旦\n2026-02-30 放假 春节\n2026-02-15 rest 春节\n2026-02-16 放假\n2026-02-17 放假 春节\n2026-02-17 放假 春节\nnonsense");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => [e.line, e.error])).toEqual([
      [1, "makeup_weekday"], // Monday 2026-01-05
      [2, "date"],
      [3, "kind"],
      [4, "name"],
      [6, "duplicate"],
      [7, "format"],
    ]);
    expect(parseNoticeLines("\n# nothing\n").ok).toBe(false);
  });
});

describe("settings input", () => {
  it("is typed by the setting's default and then checked by the setting's own schema", () => {
    expect(settingInput("countMakeupWorkdays", "false")).toBe(false);
    expect(settingInput("committeeOpinionWorkdays", "12")).toBe(12);
    expect(settingDefinitions.committeeOpinionWorkdays.schema.safeParse(settingInput("committeeOpinionWorkdays", "1.5")).success).toBe(false);
    expect(settingDefinitions.committeeOpinionWorkdays.schema.safeParse(settingInput("committeeOpinionWorkdays", "-3")).success).toBe(false);
    expect(settingDefinitions.countMakeupWorkdays.schema.safeParse(settingInput("countMakeupWorkdays", "yes")).success).toBe(false);
    expect(settingDefinitions.committeeQuorum.schema.safeParse(settingInput("committeeQuorum", "two_thirds")).success).toBe(true);
  });
});

describe("documents' fixed wording", () => {
  const facts: DocumentFacts = {
    caseNumber: "NMG-2026-000001",
    organName: "呼和浩特市人民政府",
    number: "呼政复受〔2026〕1号",
    issuedOn: "2026-03-02",
    basis: "《行政复议法》第三十条",
    applicants: ["张三"],
    respondentName: "呼和浩特市市场监督管理局",
    actDocumentNumber: null,
    actName: "行政处罚决定",
    receivedOn: "2026-02-24",
    acceptedOn: "2026-03-02",
    procedure: "ordinary",
    handlerName: null,
    decisionDue: "2026-04-30",
    replyDue: null,
    requests: null,
    factsAndReasons: null,
    replySummary: null,
    hearing: null,
    draft: null,
    data: {},
  };

  it("every kind's default is what the template issues without an override (Art. 47/50/74 rights notice)", () => {
    for (const kind of wordingKinds) expect(Object.keys(templateWording[kind]).length).toBeGreaterThan(0);
    expect(renderDocument("acceptance_notice", facts).paragraphs).toContain(templateWording.acceptance_notice.rights.text);
  });

  it("an override replaces its own sentence only; the computed decision deadline (Art. 62) stays", () => {
    const plain = renderDocument("acceptance_notice", facts).paragraphs;
    const changed = renderDocument("acceptance_notice", facts, { rights: "新的权利告知用语。" }).paragraphs;
    expect(changed).toContain("新的权利告知用语。");
    expect(changed).not.toContain(templateWording.acceptance_notice.rights.text);
    expect(changed.filter((p) => !plain.includes(p))).toEqual(["新的权利告知用语。"]);
    expect(changed.some((p) => p.includes("2026年4月30日"))).toBe(true);
  });

  it("Art. 34 notice after a refusal uses its kind's override; a blank or unknown override falls back / is dropped", () => {
    const f = { ...facts, data: { reconsiderationFirst: true, failedConditions: ["within_period"] } };
    expect(renderDocument("refusal_decision", f, { suitAfterRefusal: "改写后的起诉告知。" }).paragraphs).toContain("改写后的起诉告知。");
    expect(fixedWording("decision", "suitNotice", { suitNotice: "  " })).toBe(templateWording.decision.suitNotice.text);
    expect(cleanOverrides("decision", { suitNotice: "甲", operative: "乙", effect: 3 })).toEqual({ suitNotice: "甲" });
    expect(() => fixedWording("decision", "noSuchKey")).toThrow();
  });

  it("the form needs a real text to save, none to reset", () => {
    expect(TemplateWordingFormSchema.safeParse({ kind: "decision", key: "effect", intent: "save", text: " " }).success).toBe(false);
    expect(TemplateWordingFormSchema.safeParse({ kind: "decision", key: "effect", intent: "reset" }).success).toBe(true);
  });
});
