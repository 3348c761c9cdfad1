// The pure part of notifications (issue 6 req. 10; app/domain/notify.ts): the 3-working-day reminder counted in working
// days as Art. 88(2) counts them (worked out by hand from the 2026 State Council notice, DOMAIN.md 11.12: National Day
// Oct 1–7 off), the person who must act per period, channels, the idempotency key as a valid Message-ID, backoff, the
// masked phone number; and every template a machine notifies with has a message in both languages.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { workingDaysBetween } from "~/domain/calendar";
import { defaultCalendar } from "~/domain/holidays";
import {
  channelsFor,
  deliveryKey,
  dueSoonKey,
  dueSoonReminderDue,
  expandTarget,
  hrefFor,
  mailDomain,
  maskPhone,
  messageIdFor,
  periodActor,
  retryDelayMs,
} from "~/domain/notify";
import { periodKeys } from "~/domain/periods";
import { defaultSettings } from "~/domain/settings";
import { en, zhCN } from "~/locales/all.server";

const calendar = defaultCalendar();
const settings = defaultSettings();
const left = (today: string, due: string) => workingDaysBetween(today, due, calendar, settings);
const due = (today: string, dueDate: string, start = "2026-09-01") =>
  dueSoonReminderDue({ today, dueDate, workingDaysLeft: left(today, dueDate), workingDaysInPeriod: left(start, dueDate) });

describe("3-WD reminder rule (issue 6 req. 10; working days per 《行政复议法》第八十八条第二款)", () => {
  it("a period ending Thu 2026-10-08, after the National Day holiday: due on Mon 09-28 (3 WD left: 09-29, 09-30, 10-08), not on Sun 09-27", () => {
    expect(left("2026-09-28", "2026-10-08")).toBe(3);
    expect(left("2026-09-27", "2026-10-08")).toBe(4);
    expect(due("2026-09-27", "2026-10-08")).toBe(false);
    expect(due("2026-09-28", "2026-10-08")).toBe(true);
    // a run missed on the day still reminds later, until the period is over
    expect(due("2026-10-05", "2026-10-08")).toBe(true);
    expect(due("2026-10-08", "2026-10-08")).toBe(true);
    expect(due("2026-10-09", "2026-10-08")).toBe(false);
  });
  it("an ordinary week: due Wed 2026-12-09 → remind from Fri 12-04, not Thu 12-03", () => {
    expect(due("2026-12-03", "2026-12-09")).toBe(false);
    expect(due("2026-12-04", "2026-12-09")).toBe(true);
  });
  it("a period of 3 WD or less (Art. 58's 3-WD notice) is not reminded: its start already said so", () => {
    expect(left("2026-12-01", "2026-12-04")).toBe(3);
    expect(due("2026-12-01", "2026-12-04", "2026-12-01")).toBe(false);
    expect(due("2026-12-02", "2026-12-04", "2026-11-27")).toBe(true); // 5-WD period
  });
  it("one reminder per deadline and due date: a moved due date is a new key", () => {
    expect(dueSoonKey("d1", "2026-10-08")).toBe(dueSoonKey("d1", "2026-10-08"));
    expect(dueSoonKey("d1", "2026-10-08")).not.toBe(dueSoonKey("d1", "2026-10-12"));
  });
  it("the person who must act: the respondent replies (Art. 48), the applicant supplements (Art. 31), the office decides (Art. 62); committee periods have their own reminders", () => {
    expect(periodActor("respondent_reply")).toBe("respondent");
    expect(periodActor("supplement")).toBe("applicant");
    expect(periodActor("decision")).toBe("handler");
    expect(periodActor("performance_period")).toBe("respondent");
    expect(periodActor("opinion_letter_report")).toBe("recipient_organ");
    expect(periodActor("committee_opinion")).toBeNull();
    expect(periodActor("suit_after_decision")).toBeNull();
    for (const k of periodKeys) expect(periodActor(k) === null || typeof periodActor(k) === "string").toBe(true);
    expect(periodActor("a_new_period")).toBe("handler");
  });
});

describe("delivery (issue 6 req. 10)", () => {
  it("channels: inbox always; e-mail with an address; SMS only for a citizen with a phone", () => {
    expect(channelsFor({ email: null, phone: null, citizen: true })).toEqual(["inbox"]);
    expect(channelsFor({ email: "a@b.cn", phone: "13800000001", citizen: true })).toEqual(["inbox", "email", "sms"]);
    expect(channelsFor({ email: "a@b.cn", phone: "13800000001", citizen: false })).toEqual(["inbox", "email"]);
  });
  it("targets: parties are the applicant and the respondent; third parties and higher departments have no account", () => {
    expect(expandTarget("parties")).toEqual({ ok: true, targets: ["applicant", "respondent"] });
    expect(expandTarget("handler")).toEqual({ ok: true, targets: ["handler"] });
    for (const t of ["third_parties", "higher_department", "other_party", "nonsense"]) {
      const r = expandTarget(t);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
    }
  });
  it("the idempotency key is one per (message, recipient, channel) and makes a valid Message-ID (RFC 5322 dot-atom)", () => {
    const o = "6f1c2a4e-0b1d-4c55-9a3e-2f6d8b7c9d01";
    const u = "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";
    const keys = new Set(["inbox", "email", "sms"].map((c) => deliveryKey(o, u, c as "inbox")));
    expect(keys.size).toBe(3);
    const id = messageIdFor(deliveryKey(o, u, "email"), mailDomain("平台 <noreply@gov.example.cn>"));
    expect(id).toBe(`<${o}.${u}.email@gov.example.cn>`);
    expect(id).toMatch(/^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+>$/);
    expect(mailDomain("noreply")).toBe("im-portal.invalid");
  });
  it("backoff doubles from one minute and stops at six hours", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(30)).toBe(6 * 3_600_000);
  });
  it("a phone number in a log line shows its last four digits only", () => {
    expect(maskPhone("13800000001")).toBe("*******0001");
    expect(maskPhone("13800000001")).not.toContain("138000");
  });
});

describe("messages", () => {
  it("every template a state machine notifies with has a message in Chinese and English", () => {
    const dir = path.resolve(__dirname, "../../app/domain/machines");
    const templates = new Set<string>();
    for (const f of fs.readdirSync(dir)) {
      const src = fs.readFileSync(path.join(dir, f), "utf8");
      for (const m of src.matchAll(/"((?:case|consultation|letter|mediation)\.[a-z0-9_]+)"/g)) templates.add(m[1]);
    }
    expect(templates.size).toBeGreaterThan(60);
    for (const t of [...templates, "deadline_due_soon"]) {
      expect(zhCN, t).toHaveProperty(`notifications.${t}`);
      expect(en, t).toHaveProperty(`notifications.${t}`);
    }
  });
});

describe("where a message links to (issue 6 reqs 6, 10)", () => {
  const letter = { caseNumber: null, machine: "letter", processId: "6d1f0c1e-0000-4000-8000-000000000001" };
  const kase = { caseNumber: "呼政复〔2026〕12号", machine: "reconsideration", processId: "x" };
  it("a letter (Art. 76) opens the receiving organ's letter page for it, and the office's letter page for staff", () => {
    expect(hrefFor("recipient_organ", letter)).toBe(`/agency/letters/${letter.processId}`);
    expect(hrefFor("handler", letter)).toBe(`/staff/letters/${letter.processId}`);
    expect(hrefFor("office_head", letter)).toBe(`/staff/letters/${letter.processId}`);
    expect(hrefFor("applicant", letter)).toBeNull();
  });
  it("a mediation request (DOMAIN.md §16) opens the organ's mediation page for its staff, the request for the applicant", () => {
    const request = { caseNumber: "TJ2026-150100-CENTER-00001", machine: "mediation", processId: "y" };
    expect(hrefFor("handler", request)).toBe(`/staff/mediation/${request.caseNumber}`);
    expect(hrefFor("office_head", request)).toBe(`/staff/mediation/${request.caseNumber}`);
    expect(hrefFor("applicant", request)).toBe(`/my/cases/${request.caseNumber}`);
  });
  it("a case opens the page of the recipient's side: the applicant's, the agency's, the office's", () => {
    const n = encodeURIComponent(kase.caseNumber);
    expect(hrefFor("applicant", kase)).toBe(`/my/cases/${n}`);
    expect(hrefFor("respondent", kase)).toBe(`/agency/cases/${n}`);
    expect(hrefFor("handler", kase)).toBe(`/staff/cases/${n}`);
    expect(hrefFor("committee_members", { ...kase, machine: "consultation", processId: "c1" })).toBe("/committee/c1");
  });
});
