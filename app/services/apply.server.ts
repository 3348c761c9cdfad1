// The steps of /apply/reconsideration on the server: starting a draft (pre-filled from the channel finder), the row
// editing buttons (add/remove applicants, agents, third parties), and what each step page needs from the database.
// The rules (schemas, checks, competent organ) are app/domain; this file only moves data.
import { randomBytes } from "node:crypto";
import { isValidIsoDate, type IsoDate } from "~/domain/calendar";
import { actKinds, applicationSteps, MAX_AGENTS, MAX_APPLICANTS, MAX_THIRD_PARTIES, type ApplicationStep } from "~/domain/application";
import { createDraft, type DraftData } from "./drafts.server";
import type { CurrentUser } from "./session.server";
import { renderDueDate, type ExplanationStep, type RenderedDueDate } from "~/domain/periods";
import { localeFromRequest } from "~/utils/i18n";

export function newSubmissionKey(): string {
  return randomBytes(24).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Pre-fill values the channel finder (/guide) passes in the query string; anything unexpected is ignored. */
export function prefillFromQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  const respondent = params.get("respondent");
  if (respondent && UUID.test(respondent)) out.respondentOrganId = respondent;
  const actKind = params.get("actKind");
  if (actKind && (actKinds as readonly string[]).includes(actKind)) out.actKind = actKind;
  const learnedOn = params.get("learnedOn");
  if (learnedOn && isValidIsoDate(learnedOn)) out.learnedOn = learnedOn;
  for (const key of ["informed", "onTheSpotPenalty", "failureToAct"] as const) {
    const v = params.get(key);
    if (v === "yes" || v === "no") out[key] = v;
  }
  return out;
}

export async function startReconsiderationDraft(user: CurrentUser, prefill: Record<string, string>) {
  const data: DraftData = {
    applicants: { applicants: [{ kind: "person", name: user.displayName, phone: user.phone ?? "" }] },
    agents: { agents: [], thirdParties: [] },
    act: prefill,
    requests: {},
    evidence: { evidence: [] },
    review: { submissionKey: newSubmissionKey() },
  };
  return createDraft(user.id, "reconsideration", data, "applicants");
}

export function isStep(value: string | undefined): value is ApplicationStep {
  return (applicationSteps as readonly string[]).includes(value ?? "");
}

export function neighbourStep(step: ApplicationStep, delta: 1 | -1): ApplicationStep | null {
  const i = applicationSteps.indexOf(step) + delta;
  return i >= 0 && i < applicationSteps.length ? applicationSteps[i] : null;
}

type Rows = Record<string, unknown>[];
const rowsOf = (value: unknown): Rows => (Array.isArray(value) ? (value.filter((v) => v && typeof v === "object") as Rows) : []);

/**
 * Row buttons: "add-person", "add-organisation", "remove-applicant:2", "add-agent", "remove-agent:0", "add-third-party",
 * "remove-third-party:1". Returns the step's values with the change, or null for any other intent.
 */
export function editRows(step: ApplicationStep, values: Record<string, unknown>, intent: string): Record<string, unknown> | null {
  const [verb, indexText] = intent.split(":");
  const index = indexText === undefined ? -1 : Number(indexText);
  const without = (rows: Rows) => rows.filter((_, i) => i !== index);
  if (step === "applicants") {
    const applicants = rowsOf(values.applicants);
    if (verb === "add-person" && applicants.length < MAX_APPLICANTS) return { ...values, applicants: [...applicants, { kind: "person" }] };
    if (verb === "add-organisation" && applicants.length < MAX_APPLICANTS) return { ...values, applicants: [...applicants, { kind: "organisation" }] };
    if (verb === "remove-applicant" && applicants.length > 1) return { ...values, applicants: without(applicants) };
    if (verb.startsWith("add-") || verb.startsWith("remove-")) return { ...values, applicants };
  }
  if (step === "agents") {
    const agents = rowsOf(values.agents);
    const thirdParties = rowsOf(values.thirdParties);
    if (verb === "add-agent") return { ...values, agents: agents.length < MAX_AGENTS ? [...agents, { type: "lawyer" }] : agents, thirdParties };
    if (verb === "remove-agent") return { ...values, agents: without(agents), thirdParties };
    if (verb === "add-third-party") return { ...values, agents, thirdParties: thirdParties.length < MAX_THIRD_PARTIES ? [...thirdParties, {}] : thirdParties };
    if (verb === "remove-third-party") return { ...values, agents, thirdParties: without(thirdParties) };
  }
  return null;
}

/**
 * A due date put into words for the visitor's language on the server (periods.ts renderDueDate), so the application
 * pages show it with DueDateView and do not load the period rules in the browser.
 */
export function dueDateForPage(request: Request, due: IsoDate, explanation: readonly ExplanationStep[]): RenderedDueDate {
  return renderDueDate(due, explanation, localeFromRequest(request));
}
