// Which commands of the reconsideration machine a staff member may send in a case's current state: read from the
// machine's own transition table (`caseTransitions`: the state in `from`, the role in `roles`), so a page shows only the
// forms the law allows now and never keeps a second copy of the table.
import type { Role } from "./roles";
import { caseTransitions, type CaseCommandType, type CaseStateName } from "./machines/reconsideration";

/** The commands `role` may send in `state`, in the table's order (system-only rows never appear for a person). */
export function allowedCommands(state: string, role: Role): CaseCommandType[] {
  const commands: CaseCommandType[] = [];
  for (const row of caseTransitions) {
    if (!row.from.includes(state as CaseStateName)) continue;
    if (!(row.roles as readonly string[]).includes(role)) continue;
    if (!commands.includes(row.command)) commands.push(row.command);
  }
  return commands;
}

/** Whether `role` may send `command` in `state` (a page shows the command's form only then). */
export function commandAllowed(state: string, role: Role, command: CaseCommandType): boolean {
  return allowedCommands(state, role).includes(command);
}
