import { describe, expect, it } from "vitest";
import { defaultSettings, resolveSettings, settingDefinitions } from "~/domain/settings";

describe("settings: the defaults table of DOMAIN.md", () => {
  it("make-up working days count (11.13), weekend last days roll forward (11.03, 11.14), suspension pauses (7.08)", () => {
    const d = defaultSettings();
    expect(d.countMakeupWorkdays).toBe(true);
    expect(d.rollWeekendDeadlines).toBe(true);
    expect(d.suspensionPausesDecision).toBe(true);
  });
  it("committee opinion 10 WD (6.23), suggestion-letter reply 60 CD (10.07), mediation 3/5/10 WD and 30 CD (12.16)", () => {
    const d = defaultSettings();
    expect([d.committeeOpinionWorkdays, d.suggestionReplyDays]).toEqual([10, 60]);
    expect([d.mediationTriageWorkdays, d.mediationAcceptWorkdays, d.mediationAcceptComplexWorkdays, d.mediationDays]).toEqual([3, 5, 10, 30]);
  });
  it("every setting cites its basis", () => {
    for (const def of Object.values(settingDefinitions)) expect(def.basis.length).toBeGreaterThan(4);
  });
  it("a stored value overrides the default; a malformed one is ignored", () => {
    const s = resolveSettings([
      { key: "committeeOpinionWorkdays", value: 15 },
      { key: "countMakeupWorkdays", value: "yes" },
      { key: "unknown", value: 1 },
    ]);
    expect(s.committeeOpinionWorkdays).toBe(15);
    expect(s.countMakeupWorkdays).toBe(true);
  });
});
