// The respondent agency workspace (issue 5 req. 6): the agent of 呼和浩特市市场监督管理局 sees the cases against it once
// the application copy was served (《行政复议法》第四十八条), files the written reply with evidence and basis (T11), and
// sees the Art. 70 flag when the reply period ran out (第七十条). Through the routes' loaders and actions.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, caseDocuments, cases, deadlines, files, respondentReplies } from "../../db/schema/index";
import { todayInShanghai } from "~/domain/calendar";
import * as listRoute from "~/routes/agency._index";
import * as caseRoute from "~/routes/agency.cases.$caseNumber";
import * as documentRoute from "~/routes/agency.cases.$caseNumber_.documents.$documentId";
import { fileReply, getReplyForStaff, type AgencyCase, type AgencyCaseRow } from "~/services/agency.server";
import type { CurrentUser } from "~/services/session.server";
import { applyCommand, runDueTransitions } from "~/services/transitions.server";
import { canDownload, uploadsDir } from "~/services/uploads.server";
import { translator } from "~/utils/i18n";
import { useTestDatabase } from "../support/db";
import { acceptOrdinary, caseRow, demoUser, fileApplication, organByCode, outcome, routeContext, seedDemo, Sessions, userOfOrgan } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("agency-test");
const sessions = new Sessions();
const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
);

let citizen: CurrentUser;
let staff: CurrentUser;
let agent: CurrentUser;
let colleague: CurrentUser;
let otherAgent: CurrentUser;
let respondentId: string;
let dataDir: string;
let previousDataDir: string | undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "imr-agency-"));
  previousDataDir = process.env.DATA_DIR;
  process.env.DATA_DIR = dataDir;
  await seedDemo(t);
  citizen = await demoUser("citizen1");
  staff = await demoUser("staff1");
  agent = await demoUser("agent");
  respondentId = (await organByCode("150100-market")).id;
  colleague = await userOfOrgan({ email: "agent2-market@example.com", role: "respondent_agent", organCode: "150100-market" });
  // 新城区人民政府: another respondent organ
  otherAgent = await userOfOrgan({ email: "agent-xincheng@example.com", role: "respondent_agent", organCode: "150102" });
  await sessions.signIn(citizen, staff, agent, colleague, otherAgent);
});
afterAll(() => {
  setDatabase(undefined);
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** citizen1 files against the Hohhot market regulator; staff accept (ordinary) and, unless told not to, serve the copy. */
async function fileCase(options: { serve?: boolean } = {}): Promise<{ caseNumber: string; id: string }> {
  const caseNumber = await fileApplication(citizen, respondentId);
  const { id } = await caseRow(caseNumber);
  const version = await acceptOrdinary(staff, caseNumber);
  if (options.serve !== false) {
    const served = await applyCommand({
      caseId: id,
      expectedVersion: version,
      command: { type: "SERVE_COPY_ON_RESPONDENT", respondentReceivedOn: todayInShanghai(new Date()) },
      actor: { role: "reconsideration_staff", userId: staff.id },
      actorUserId: staff.id,
      now: new Date(),
    });
    if (!served.ok || served.state !== "AWAITING_REPLY") throw new Error("serving the copy failed");
  }
  return { caseNumber, id };
}

/** A GET, or with `body` a multipart POST with the CSRF token first, as the user's browser sends it. */
function request(user: CurrentUser | null, url: string, body?: FormData): Request {
  const headers = new Headers();
  if (user) headers.set("cookie", sessions.cookie(user));
  if (!body) return new Request(url, { headers });
  // the token goes first: files after a missing or wrong token are never written (app/services/uploads.server.ts)
  const ordered = new FormData();
  const token = body.get("csrf") ?? (user ? sessions.csrf(user) : null);
  if (token !== null) ordered.append("csrf", token);
  for (const [k, v] of body.entries()) if (k !== "csrf") ordered.append(k, v);
  return new Request(url, { method: "POST", headers, body: ordered });
}

const caseUrl = (caseNumber: string) => `http://localhost/agency/cases/${encodeURIComponent(caseNumber)}`;
const list = async (user: CurrentUser) => {
  const r = await outcome(() =>
    listRoute.loader({
      request: request(user, "http://localhost/agency"),
      params: {},
      context,
    } as never)
  );
  return { status: r.status, rows: (r.data?.rows ?? []) as AgencyCaseRow[] };
};
const get = async (user: CurrentUser, caseNumber: string) => {
  const r = await outcome(() =>
    caseRoute.loader({
      request: request(user, caseUrl(caseNumber)),
      params: { caseNumber },
      context,
    } as never)
  );
  return {
    status: r.status,
    case: (r.data?.case ?? null) as AgencyCase | null,
  };
};
const post = (user: CurrentUser, caseNumber: string, body: FormData) =>
  outcome(() =>
    caseRoute.action({
      request: request(user, caseUrl(caseNumber), body),
      params: { caseNumber },
      context,
    } as never)
  );

function replyForm(version: number, fields: Record<string, string> = {}, attach: Record<string, File> = {}): FormData {
  const form = new FormData();
  const all: Record<string, string> = {
    version: String(version),
    reply: "被申请人作出的行政处罚认定事实清楚，证据确实充分，程序合法，请求维持。",
    legalBasis: "《中华人民共和国行政处罚法》第二十八条\n《中华人民共和国食品安全法》第一百二十四条",
    evidenceAndBasisSubmitted: "yes",
    "evidence.0.description": "现场检查笔录",
    "evidence.1.description": "送达回证",
    ...fields,
  };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  for (const [k, f] of Object.entries(attach)) form.append(k, f);
  return form;
}
const pdf = (name = "检查笔录.pdf") => new File([PDF], name, { type: "application/pdf" });

const storedEntries = () => (fs.existsSync(uploadsDir(dataDir)) ? fs.readdirSync(uploadsDir(dataDir)).filter((n) => n !== "tmp") : []);
const tmpEntries = () => (fs.existsSync(path.join(uploadsDir(dataDir), "tmp")) ? fs.readdirSync(path.join(uploadsDir(dataDir), "tmp")) : []);
const snapshot = async (caseId: string) => ({
  version: (await t.db.select({ v: cases.version }).from(cases).where(eq(cases.id, caseId)))[0].v,
  replies: await t.db.$count(respondentReplies, eq(respondentReplies.caseId, caseId)),
  files: await t.db.$count(files, eq(files.caseId, caseId)),
  events: await t.db.$count(auditEvents, eq(auditEvents.subjectId, caseId)),
  stored: storedEntries().length,
  tmp: tmpEntries().length,
});

describe("the agency workspace: the cases against the respondent organ", () => {
  it("shows a case only once the copy was served (Art. 48), with the reply due date coloured like the queue", async () => {
    const waiting = await fileCase({ serve: false });
    expect((await list(agent)).rows.map((r) => r.caseNumber)).not.toContain(waiting.caseNumber);
    expect((await get(agent, waiting.caseNumber)).status).toBe(404); // before the copy the respondent has nothing to see

    const c = await fileCase();
    const { status, rows } = await list(agent);
    expect(status).toBe(200);
    const row = rows.find((r) => r.caseNumber === c.caseNumber)!;
    expect(row).toBeTruthy();
    expect(row.state).toBe("AWAITING_REPLY");
    expect(row.noReply).toBe(false);
    expect(row.replied).toBe(false);
    const [deadline] = await t.db
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.caseId, c.id), eq(deadlines.kind, "respondent_reply")));
    expect(row.reply).toMatchObject({
      kind: "respondent_reply",
      dueDate: deadline.dueDate,
      status: "running",
      colour: "ok",
    });
    expect(row.organName).toContain("呼和浩特市");
    // another agent of the same organ sees it as well
    expect((await list(colleague)).rows.map((r) => r.caseNumber)).toContain(c.caseNumber);
  });

  it("shows the application copy with ID numbers masked, the reply notice and the 10-working-day period with its basis", async () => {
    const c = await fileCase();
    const r = await get(agent, c.caseNumber);
    expect(r.status).toBe(200);
    const page = r.case!;
    expect(page.state).toBe("AWAITING_REPLY");
    expect(page.canFile).toBe(true);
    const row = await caseRow(c.caseNumber);
    const fullId = (
      row.filing as {
        application: { applicants: { applicants: { idNumber: string }[] } };
      }
    ).application.applicants.applicants[0].idNumber;
    const applicant = page.copy.parties.find((p) => p.role === "applicant")!;
    expect(applicant.name).toBe("张三");
    expect(applicant.idNumber).toBe(`${"*".repeat(fullId.length - 4)}${fullId.slice(-4)}`);
    expect(JSON.stringify(r.case)).not.toContain(fullId.slice(0, 10));
    expect(page.copy.act?.actTitle).toBe("行政处罚决定书");
    expect(page.copy.requests?.requests).toBe("撤销该行政处罚决定");
    expect(page.copy.requests?.factsAndReasons).toContain("事实不清");
    expect(page.documents.map((d) => d.kind)).toEqual(["reply_notice"]); // not the acceptance notice addressed to the applicant
    expect(page.replyPeriod.workingDays).toBe(10);
    expect(page.replyPeriod.basis).toContain("第四十八条");
    expect(page.replyPeriod.deadline?.startDate).toBe(todayInShanghai(new Date()));
  });

  it("opens the 提出答复通知书 as issued (with the Art. 70 warning); not a document addressed to the applicant, not another organ's", async () => {
    const c = await fileCase();
    const docs = await t.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, c.id));
    const notice = docs.find((d) => d.kind === "reply_notice")!;
    const acceptance = docs.find((d) => d.kind === "acceptance_notice")!;
    const open = (user: CurrentUser, documentId: string) =>
      outcome(() =>
        documentRoute.loader({
          request: request(user, `${caseUrl(c.caseNumber)}/documents/${documentId}`),
          params: { caseNumber: c.caseNumber, documentId },
          context,
        } as never),
      );
    const r = await open(agent, notice.id);
    expect(r.status).toBe(200);
    const doc = (r.data as { doc: { kind: string; rendered: { paragraphs: string[] } | null } }).doc;
    expect(doc.kind).toBe("reply_notice");
    expect(doc.rendered?.paragraphs.join("")).toContain("第七十条");
    expect((await open(agent, acceptance.id)).status).toBe(404);
    expect((await open(otherAgent, notice.id)).status).toBe(404);
    expect((await open(staff, notice.id)).status).toBe(403);
  });

  it("a respondent_agent of another organ does not see the case (list, page 404, post 404, nothing written); other roles get 403", async () => {
    const c = await fileCase();
    expect((await list(otherAgent)).rows.map((r) => r.caseNumber)).not.toContain(c.caseNumber);
    expect((await get(otherAgent, c.caseNumber)).status).toBe(404);
    const before = await snapshot(c.id);
    const r = await post(otherAgent, c.caseNumber, replyForm(before.version, {}, { "evidence.0.file": pdf() }));
    expect(r.status).toBe(404);
    expect(await snapshot(c.id)).toEqual(before);
    expect((await list(staff)).status).toBe(403);
    expect((await get(staff, c.caseNumber)).status).toBe(403);
    expect((await get(citizen, c.caseNumber)).status).toBe(403);
    expect((await get(agent, "FY2026-150100-99999")).status).toBe(404);
  });
});

describe("filing the written reply (T11, Art. 48)", () => {
  it("records the reply, its evidence files and the event, and moves the case to review, in one step", async () => {
    const c = await fileCase();
    const before = await caseRow(c.caseNumber);
    const r = await post(agent, c.caseNumber, replyForm(before.version, {}, { "evidence.0.file": pdf() }));
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/agency/cases/${encodeURIComponent(c.caseNumber)}?done=filed`);

    const after = await caseRow(c.caseNumber);
    expect(after.state).toBe("IN_REVIEW");
    expect(after.version).toBeGreaterThan(before.version);
    expect((after.data as { flags: { noReply: boolean } }).flags.noReply).toBe(false);
    const [reply] = await t.db.select().from(respondentReplies).where(eq(respondentReplies.caseId, c.id));
    expect(reply).toMatchObject({
      organId: respondentId,
      filedBy: agent.id,
      evidenceAndBasisSubmitted: true,
    });
    expect(reply.legalBasis).toContain("行政处罚法");
    const evidence = reply.evidence as {
      description: string;
      fileId: string | null;
    }[];
    expect(evidence.map((e) => e.description)).toEqual(["现场检查笔录", "送达回证"]);
    expect(evidence[1].fileId).toBeNull();
    const [file] = await t.db.select().from(files).where(eq(files.id, evidence[0].fileId!));
    expect(file).toMatchObject({
      caseId: c.id,
      purpose: "reply",
      ownerId: agent.id,
      mediaType: "application/pdf",
      label: "现场检查笔录",
    });
    expect(fs.existsSync(path.join(uploadsDir(dataDir), file.storageName))).toBe(true);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, c.id), eq(auditEvents.action, "reconsideration.T11")));
    expect(event.actorId).toBe(agent.id);
    const [deadline] = await t.db
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.caseId, c.id), eq(deadlines.kind, "respondent_reply")));
    expect(deadline.status).toBe("met");

    // staff of the case see it, with the file readable by them and by the respondent's agents only
    const forStaff = await getReplyForStaff(c.id);
    expect(forStaff).toMatchObject({
      reply: reply.reply,
      evidenceAndBasisSubmitted: true,
      filedByName: agent.displayName,
    });
    expect(forStaff?.evidence[0]).toMatchObject({
      fileId: file.id,
      fileName: "检查笔录.pdf",
    });
    expect(await canDownload(staff, file)).toBe(true);
    expect(await canDownload(colleague, file)).toBe(true);
    expect(await canDownload(otherAgent, file)).toBe(false);

    const page = (await get(agent, c.caseNumber)).case!;
    expect(page.reply?.reply).toBe(reply.reply);
    expect(page.canFile).toBe(false);
    expect((await list(agent)).rows.find((x) => x.caseNumber === c.caseNumber)).toMatchObject({ replied: true, noReply: false });

    // a second reply is refused by the machine (the case no longer awaits one) and writes nothing
    const again = await snapshot(c.id);
    const second = await post(agent, c.caseNumber, replyForm(after.version));
    expect(second.status).toBe(400);
    expect(await snapshot(c.id)).toEqual(again);
  });

  it("bad input answers 400 with the error next to the field, writes nothing and keeps no file", async () => {
    const c = await fileCase();
    const before = await snapshot(c.id);
    const version = before.version;
    const cases_: [Record<string, string>, Record<string, File>, string][] = [
      [{ reply: "  " }, { "evidence.0.file": pdf() }, "reply"],
      [{ legalBasis: "" }, { "evidence.0.file": pdf() }, "legalBasis"],
      [{ "evidence.2.description": "" }, { "evidence.2.file": pdf() }, "evidence.2.description"],
      [{ evidenceAndBasisSubmitted: "" }, {}, "evidenceAndBasisSubmitted"],
      // a text file named .pdf: refused from its bytes, inside the transaction
      [
        {},
        {
          "evidence.0.file": pdf(),
          "evidence.1.file": new File(["not a pdf"], "fake.pdf", {
            type: "application/pdf",
          }),
        },
        "evidence.1.file",
      ],
    ];
    for (const [fields, attach, field] of cases_) {
      const r = await post(agent, c.caseNumber, replyForm(version, fields, attach));
      expect(r.status, field).toBe(400);
      expect(Object.keys((r.data?.errors ?? {}) as object), field).toContain(field);
      expect(await snapshot(c.id), field).toEqual(before);
    }
    const unknownField = await post(agent, c.caseNumber, replyForm(version, {}, { evidenceFile: pdf() }));
    expect(unknownField.status).toBe(400);
    expect(await snapshot(c.id)).toEqual(before);
    expect((await caseRow(c.caseNumber)).state).toBe("AWAITING_REPLY");
  });

  it("a post without the right CSRF token is refused (403) before any file is kept", async () => {
    const c = await fileCase();
    const before = await snapshot(c.id);
    const r = await post(agent, c.caseNumber, replyForm(before.version, { csrf: "wrong-token-wrong-token-00" }, { "evidence.0.file": pdf() }));
    expect(r.status).toBe(403);
    expect(await snapshot(c.id)).toEqual(before);
  });

  it("a stale version is a conflict (409) and changes nothing", async () => {
    const c = await fileCase();
    const before = await snapshot(c.id);
    const r = await post(agent, c.caseNumber, replyForm(before.version - 1, {}, { "evidence.0.file": pdf() }));
    expect(r.status).toBe(409);
    expect(String(r.data?.message)).toContain("刷新");
    expect(await snapshot(c.id)).toEqual(before);
  });

  it("a reply that says evidence and basis are not submitted is recorded, and Art. 70 is flagged (Art. 70)", async () => {
    const c = await fileCase();
    const row = await caseRow(c.caseNumber);
    const r = await post(
      agent,
      c.caseNumber,
      replyForm(row.version, {
        evidenceAndBasisSubmitted: "no",
        legalBasis: "",
        "evidence.0.description": "",
        "evidence.1.description": "",
      })
    );
    expect(r.status).toBe(303);
    expect(r.location).toContain("done=filedLate");
    expect((await caseRow(c.caseNumber)).state).toBe("IN_REVIEW");
    const page = (await get(agent, c.caseNumber)).case!;
    expect(page.noReply).toBe(true);
    expect(page.reply?.evidenceAndBasisSubmitted).toBe(false);
  });
});

describe("the reply period runs out (Art. 70)", () => {
  it("a reply filed after the period, before the scheduler ran, is still taken by the machine but flagged", async () => {
    const c = await fileCase();
    const row = await caseRow(c.caseNumber);
    const fields = replyForm(row.version);
    const r = await fileReply({
      user: agent,
      caseNumber: c.caseNumber,
      fields,
      files: [],
      now: new Date(Date.now() + 30 * 86_400_000),
    });
    expect(r).toMatchObject({ ok: true, state: "IN_REVIEW", noReply: true });
    expect(await t.db.$count(respondentReplies, eq(respondentReplies.caseId, c.id))).toBe(1);
  });

  it("expiry without a reply sets the noReply flag, shown in the list and on the page with Art. 70's consequence; the form is closed", async () => {
    const c = await fileCase();
    const later = new Date(Date.now() + 30 * 86_400_000);
    const ran = await runDueTransitions(later);
    expect(ran.applied).toBeGreaterThanOrEqual(1);
    const after = await caseRow(c.caseNumber);
    expect(after.state).toBe("IN_REVIEW");
    expect((after.data as { flags: { noReply: boolean } }).flags.noReply).toBe(true);
    const [deadline] = await t.db
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.caseId, c.id), eq(deadlines.kind, "respondent_reply")));
    expect(deadline.status).not.toBe("running");

    const row = (await list(agent)).rows.find((r) => r.caseNumber === c.caseNumber)!;
    expect(row).toMatchObject({ noReply: true, replied: false });
    const page = (await get(agent, c.caseNumber)).case!;
    expect(page.noReply).toBe(true);
    expect(page.canFile).toBe(false);
    const consequence = translator("zh-CN")("agency.art70");
    expect(consequence).toContain("第七十条");
    expect(consequence).toContain("视为该行政行为没有证据、依据");
    expect(consequence).toMatch(/撤销.*确认其违法或者无效.*责令履行/);

    // the machine refuses a reply now, plainly, and nothing is written
    const before = await snapshot(c.id);
    const r = await post(agent, c.caseNumber, replyForm(after.version, {}, { "evidence.0.file": pdf() }));
    expect(r.status).toBe(400);
    expect(String(r.data?.message ?? "")).not.toBe("");
    expect(await snapshot(c.id)).toEqual(before);
  });
});
