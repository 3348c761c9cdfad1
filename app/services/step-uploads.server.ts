// Uploads inside the application steps: a power of attorney per agent ("agents.N.powerOfAttorney") on the agents step,
// one evidence file with its description ("evidenceFile") on the evidence step. The checks (type from the bytes, size,
// per-case quota) and the storage are the uploads service's; this file maps the form fields to draft files.
import { getDb } from "../../db/client";
import type { ApplicationStep } from "~/domain/application";
import type { CurrentUser } from "./session.server";
import { deleteDraftFile, discardUploads, receiveUploads, tryStoreUpload } from "./uploads.server";

type Received = Awaited<ReturnType<typeof receiveUploads>>["files"][number];

export async function readStepRequest(request: Request): Promise<{ fields: [string, string][]; files: Received[] }> {
  const parsed = await receiveUploads(request, { maxFiles: 3 });
  const fields: [string, string][] = [];
  const source = parsed.fields as unknown;
  if (source instanceof FormData || (source && typeof (source as FormData).entries === "function" && !Array.isArray(source))) {
    for (const [k, v] of (source as FormData).entries()) if (typeof v === "string") fields.push([k, v]);
  } else if (Array.isArray(source)) {
    for (const [k, v] of source as [string, unknown][]) if (typeof v === "string") fields.push([k, v]);
  } else if (source && typeof source === "object") {
    for (const [k, v] of Object.entries(source as Record<string, unknown>)) if (typeof v === "string") fields.push([k, v]);
  }
  return { fields, files: parsed.files.filter((f) => f.size > 0 || f.originalName) };
}

export type StepUploadResult =
  | { ok: true; apply: (values: Record<string, unknown>) => Record<string, unknown> }
  | { ok: false; status: number; errors: Record<string, string>; formError: string };

const AGENT_FILE = /^agents\.(\d)\.powerOfAttorney$/;

export async function storeStepUploads(args: {
  user: CurrentUser;
  draftId: string;
  step: ApplicationStep;
  received: Received[];
  description: string;
}): Promise<StepUploadResult> {
  const db = getDb();
  const assignments: { agent: number; fileId: string }[] = [];
  for (const file of args.received) {
    if (file.size === 0 && !file.originalName) continue;
    const agent = AGENT_FILE.exec(file.field);
    if (args.step === "agents" && agent) {
      const stored = await storeUploadSafely(db, { ownerId: args.user.id, draftId: args.draftId, purpose: "power_of_attorney", label: null, received: file });
      if (!stored.ok) return { ok: false, status: stored.status, errors: { [`agents.${agent[1]}.powerOfAttorneyFileId`]: stored.error }, formError: "errors.formHasErrors" };
      assignments.push({ agent: Number(agent[1]), fileId: stored.id });
    } else if (args.step === "evidence" && file.field === "evidenceFile") {
      if (!args.description) return { ok: false, status: 400, errors: { evidenceDescription: "errors.evidenceDescriptionRequired" }, formError: "errors.formHasErrors" };
      const stored = await storeUploadSafely(db, { ownerId: args.user.id, draftId: args.draftId, purpose: "evidence", label: args.description.slice(0, 200), received: file });
      if (!stored.ok) return { ok: false, status: stored.status, errors: { evidenceFile: stored.error }, formError: "errors.formHasErrors" };
    } else {
      return { ok: false, status: 400, errors: {}, formError: "errors.badRequest" };
    }
  }
  return {
    ok: true,
    apply: (values) => {
      if (!assignments.length) return values;
      const agents = Array.isArray(values.agents) ? [...(values.agents as Record<string, unknown>[])] : [];
      for (const a of assignments) if (agents[a.agent]) agents[a.agent] = { ...agents[a.agent], powerOfAttorneyFileId: a.fileId };
      return { ...values, agents };
    },
  };
}

async function storeUploadSafely(
  db: ReturnType<typeof getDb>,
  input: { ownerId: string; draftId: string; purpose: "evidence" | "power_of_attorney"; label: string | null; received: Received },
): Promise<{ ok: true; id: string } | { ok: false; status: number; error: string }> {
  const r = await tryStoreUpload(db, { ownerId: input.ownerId, draftId: input.draftId, purpose: input.purpose, label: input.label, received: input.received });
  return r.ok ? { ok: true, id: r.file.id } : { ok: false, status: r.status, error: r.error };
}

/** A received file that will not be stored: its temporary copy is removed. */
export async function discardReceived(file: Received): Promise<void> {
  await discardUploads([file]);
}

export async function removeDraftUpload(user: CurrentUser, draftId: string, fileId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return;
  await deleteDraftFile(user, fileId);
  void draftId;
}
