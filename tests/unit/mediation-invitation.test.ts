// The other party's invitation to mediation (DOMAIN.md §16 CONSENT_PENDING; 12.03, 12.22 人民调解法 第十七条, 12.24):
// the forms, the consent period (setting mediationConsentWorkdays, 5 WD), what a link opens, and what the invitee sees.
import { describe, expect, it } from "vitest";
import { defaultCalendar } from "~/domain/holidays";
import {
  contactFromText,
  invitationExpiry,
  invitationViewOf,
  linkHttpStatus,
  linkStatus,
  maskedContact,
  maskedPartyName,
  otherPartyAnswer,
  RecordAnswerFormSchema,
  SendInvitationFormSchema,
  InvitationAnswerFormSchema,
} from "~/domain/mediation-invitation";
import { defaultSettings, settingDefinitions } from "~/domain/settings";
import { redactText } from "~/utils/redact";

const calendar = defaultCalendar();
const at = (iso: string) => new Date(iso);

describe("the consent period (DOMAIN.md §16 CONSENT_PENDING: config, e.g. 5 WD)", () => {
  it("is a setting of 5 working days with its basis", () => {
    expect(defaultSettings().mediationConsentWorkdays).toBe(5);
    expect(settingDefinitions.mediationConsentWorkdays.basis).toMatch(/§16/);
    expect(settingDefinitions.mediationConsentWorkdays.schema.safeParse(0).success).toBe(false);
  });

  it("runs to 24:00 Beijing time of the 5th working day after the day it was sent (start day not counted, 11.03)", () => {
    // sent Friday 2026-11-27 10:00 Beijing → Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 December
    const r = invitationExpiry({ invitedAt: at("2026-11-27T02:00:00Z"), workdays: 5, calendar, countMakeupWorkdays: true });
    expect(r.lastDay).toBe("2026-12-04");
    expect(r.expiresAt.toISOString()).toBe("2026-12-04T16:00:00.000Z");
  });

  it("uses the Beijing date of sending: 01:00 Saturday Beijing is still 17:00 Friday UTC", () => {
    const r = invitationExpiry({ invitedAt: at("2026-11-27T17:00:00Z"), workdays: 5, calendar, countMakeupWorkdays: true });
    expect(r.lastDay).toBe("2026-12-04");
  });

  it("skips the National Day holiday and counts the 调休 Saturday only when the setting says so (11.13)", () => {
    // sent Wed 2026-09-30; 1–7 October are rest days; Sat 10 October is a make-up working day
    const withMakeup = invitationExpiry({ invitedAt: at("2026-09-30T02:00:00Z"), workdays: 5, calendar, countMakeupWorkdays: true });
    expect(withMakeup.lastDay).toBe("2026-10-13");
    const without = invitationExpiry({ invitedAt: at("2026-09-30T02:00:00Z"), workdays: 5, calendar, countMakeupWorkdays: false });
    expect(without.lastDay).toBe("2026-10-14");
  });
});

describe("what a link opens", () => {
  const base = { expiresAt: at("2026-12-04T16:00:00Z"), answer: null, answeredAt: null, supersededAt: null };
  const before = at("2026-12-04T15:59:59Z");
  it.each([
    ["an unknown token", null, before, "CONSENT_PENDING", "unknown", 404],
    ["a live link", base, before, "CONSENT_PENDING", "open", 200],
    ["the instant it expires", base, at("2026-12-04T16:00:00Z"), "CONSENT_PENDING", "expired", 410],
    ["a link replaced by a resend", { ...base, supersededAt: before }, before, "CONSENT_PENDING", "superseded", 410],
    ["an answered link (even after expiry)", { ...base, answer: "declined" as const, answeredAt: before }, at("2027-01-01T00:00:00Z"), "DECLINED", "answered", 410],
    ["a request no longer asking (withdrawn, M13)", base, before, "CLOSED", "closed", 410],
  ])("%s", (_name, row, now, state, status, http) => {
    const s = linkStatus(row, now, state);
    expect(s).toBe(status);
    expect(linkHttpStatus(s)).toBe(http);
  });
});

describe("人民调解法 第十七条 (12.22): the other party's answer is the latest live invitation's", () => {
  const row = (invitedAt: string, answer: "accepted" | "declined" | null, superseded = false) => ({
    invitedAt: at(invitedAt),
    expiresAt: at("2027-01-01T00:00:00Z"),
    answer,
    answeredAt: answer ? at(invitedAt) : null,
    supersededAt: superseded ? at(invitedAt) : null,
  });
  it("an express refusal on the live invitation is a refusal: no mediation", () => {
    expect(otherPartyAnswer([row("2026-11-01T00:00:00Z", null, true), row("2026-11-02T00:00:00Z", "declined")])).toBe("declined");
  });
  it("a superseded invitation's answer does not count, and silence is not consent", () => {
    expect(otherPartyAnswer([row("2026-11-01T00:00:00Z", "accepted", true), row("2026-11-02T00:00:00Z", null)])).toBeNull();
    expect(otherPartyAnswer([])).toBeNull();
  });
});

describe("the forms", () => {
  it("staff give a mobile number or an e-mail address (at least one), normalised", () => {
    expect(SendInvitationFormSchema.safeParse({ phone: "+86 138-0000-0002" }).data).toEqual({ phone: "13800000002", email: undefined });
    expect(SendInvitationFormSchema.safeParse({ email: " Li.Si@Example.COM " }).data?.email).toBe("li.si@example.com");
    const none = SendInvitationFormSchema.safeParse({ phone: "", email: "" });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0].message).toBe("invite.errors.contactRequired");
    expect(SendInvitationFormSchema.safeParse({ phone: "0471-1234567" }).error?.issues[0].message).toBe("invite.errors.phone");
    expect(SendInvitationFormSchema.safeParse({ email: "not-an-address" }).error?.issues[0].message).toBe("invite.errors.email");
  });

  it("a recorded answer needs the note saying when and how it was given", () => {
    expect(RecordAnswerFormSchema.safeParse({ answer: "accepted", note: "" }).success).toBe(false);
    expect(RecordAnswerFormSchema.safeParse({ answer: "maybe", note: "电话" }).success).toBe(false);
    expect(RecordAnswerFormSchema.safeParse({ answer: "declined", note: "11月28日电话答复" }).success).toBe(true);
  });

  it("12.24: the invitee may decline without giving a reason", () => {
    expect(InvitationAnswerFormSchema.safeParse({ answer: "declined", reason: "" }).data).toEqual({ answer: "declined", reason: undefined });
    expect(InvitationAnswerFormSchema.safeParse({ answer: "" }).success).toBe(false);
  });

  it("prefills from the applicant's free text only what parses as a mobile number or an e-mail address", () => {
    expect(contactFromText("电话：138-0000-0002，住址呼和浩特市新城区某路1号")).toEqual({ phone: "13800000002" });
    expect(contactFromText("邮箱 Shop@Example.com 座机 0471-6661234")).toEqual({ email: "shop@example.com" });
    expect(contactFromText("新城区某路1号")).toEqual({});
    expect(contactFromText(null)).toEqual({});
  });
});

describe("what the invitee is shown (12.03: enough to decide, nothing more)", () => {
  it("the applicant's name as surname + 某 (法释〔2016〕19号 convention); an organisation's name kept", () => {
    expect(maskedPartyName("张海峰")).toBe("张某");
    expect(maskedPartyName("欧阳明华")).toBe("欧阳某");
    expect(maskedPartyName("其其格")).toBe("其某");
    expect(maskedPartyName("呼和浩特市某某商贸有限公司", "organisation")).toBe("呼和浩特市某某商贸有限公司");
  });

  it("the view carries the organ, the category, the masked name and the last day — no phone, ID or address field", () => {
    const view = invitationViewOf({
      organName: "呼和浩特市市场监督管理局",
      category: "consumer_rights",
      applicantName: "张海峰",
      otherPartyName: "某商贸公司",
      expiresAt: at("2026-12-04T16:00:00Z"),
    });
    expect(Object.keys(view).sort()).toEqual(["applicantName", "basis", "category", "inviteeName", "lastDay", "organName"]);
    expect(view.applicantName).toBe("张某");
    expect(view.lastDay).toBe("2026-12-04");
    expect(JSON.stringify(view)).not.toMatch(/1[3-9]\d{9}|张海峰/);
  });

  it("the contact in the organ's list is masked", () => {
    expect(maskedContact({ phone: "13800000002", email: "lisi@example.com" })).toEqual({ phone: "138****0002", email: "l***@example.com" });
  });
});

describe("the token never reaches a log line", () => {
  it("the access log's path is masked", () => {
    const token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";
    const line = redactText(`GET /mediation/invite/${token} 200`);
    expect(line).not.toContain(token);
    expect(line).toContain("/mediation/invite/[令牌已隐藏]");
  });
});
