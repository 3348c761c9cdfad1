// The automatic-transition tables name real system transitions: each command is valid for its machine, and the
// machine's table lets the system (scheduler) send it — deemed acceptance (3.04), deemed abandonment (3.06), etc.
import { describe, expect, it } from "vitest";
import {
  consultationMachine,
  expiryCommands,
  immediateFollowUps,
  letterMachine,
  mediationMachine,
  reconsiderationMachine,
  timerKeys,
} from "~/domain/machines";

const machines = { reconsideration: reconsiderationMachine, mediation: mediationMachine, consultation: consultationMachine, letter: letterMachine };

describe("automatic transitions", () => {
  it("deemed acceptance, deemed abandonment, no reply and the 60-day suspension are scheduled (3.04, 3.06, 5.03, 7.09)", () => {
    expect(Object.keys(expiryCommands.reconsideration ?? {}).sort()).toEqual(["acceptance_review", "respondent_reply", "supplement", "suspension_60"]);
  });
  for (const [name, table] of Object.entries(expiryCommands)) {
    for (const [timer, make] of Object.entries(table ?? {})) {
      it(`${name}: expiry of ${timer} sends a valid system command`, () => {
        const machine = machines[name as keyof typeof machines];
        const command = make!("2026-02-26");
        expect(timerKeys).toContain(timer);
        expect(machine.commandSchema.safeParse(command).success).toBe(true);
        const row = machine.table.find((r) => r.command === command.type);
        expect(row?.roles).toContain("system");
      });
    }
  }
  for (const [name, states] of Object.entries(immediateFollowUps)) {
    for (const [state, command] of Object.entries(states ?? {})) {
      it(`${name}: ${state} moves on at once with ${command.type} (a system row from that state)`, () => {
        const machine = machines[name as keyof typeof machines];
        const row = machine.table.find((r) => r.command === command.type && (r.from as readonly string[]).includes(state));
        expect(row?.roles).toContain("system");
      });
    }
  }
});
