// The machines name their timers by period key; the periods table (app/domain/periods.ts) computes them. The two must
// agree: every key a machine may start exists there, with the length and unit the machine assumes.
import { describe, expect, it } from "vitest";
import { machinePeriodDefinitions, statutoryPeriodKeys, timerKeys } from "~/domain/machines/common";
import { periodDefinitions } from "~/domain/periods";

const periods = periodDefinitions as Record<string, { length: unknown; unit: string }>;

describe("timer keys and the periods table", () => {
  it("every timer key the machines may start is a period of the periods table", () => {
    for (const key of timerKeys) expect(Object.keys(periods), key).toContain(key);
  });
  it("the statutory keys of issue 3 (requirement 2) are all there", () => {
    for (const key of statutoryPeriodKeys) expect(periods[key], key).toBeDefined();
  });
  it.each(Object.entries(machinePeriodDefinitions))("%s: same length and unit as the machines assume", (key, def) => {
    const expected =
      typeof def.length === "string" && def.length.startsWith("setting:") ? { setting: def.length.slice("setting:".length) } : def.length;
    expect(periods[key]).toMatchObject({ length: expected, unit: def.unit });
  });
});
