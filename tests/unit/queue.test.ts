// The case queue's pure rules (app/domain/queue.ts): due colour (《行政复议法》第六十二条, DOMAIN.md §15 T30 80 % alert),
// the GET filters, the keyset cursor.
import { describe, expect, it } from "vitest";
import { decodeClaimTarget, decodeCursor, DUE_ALERT_BASIS, encodeClaimTarget, dueColour, daysLeft, encodeCursor, likeSubstring, readQueueFilters } from "~/domain/queue";

describe("《行政复议法》第六十二条 / §15 T30: the colour of the next due date", () => {
  it("cites the article and the 80 % alert", () => {
    expect(DUE_ALERT_BASIS).toContain("第六十二条");
    expect(DUE_ALERT_BASIS).toContain("80%");
  });

  it("≥ 20 % of the period left is ok, less is warn, after the due date overdue (the due day itself is not)", () => {
    // 60-day period 2026-01-01 → 2026-03-02; 20 % = 12 days.
    expect(dueColour("2026-01-01", "2026-03-02", "2026-01-01")).toBe("ok");
    expect(dueColour("2026-01-01", "2026-03-02", "2026-02-18")).toBe("ok"); // 12 days left = exactly 20 %
    expect(dueColour("2026-01-01", "2026-03-02", "2026-02-19")).toBe("warn"); // 11 days left
    expect(dueColour("2026-01-01", "2026-03-02", "2026-03-02")).toBe("warn");
    expect(dueColour("2026-01-01", "2026-03-02", "2026-03-03")).toBe("overdue");
    expect(dueColour("2026-01-01", "2026-01-01", "2026-01-01")).toBe("warn");
  });

  it("counts calendar days across months and rejects non-dates", () => {
    expect(daysLeft("2026-03-01", "2026-02-28")).toBe(1);
    expect(daysLeft("2026-02-27", "2026-03-01")).toBe(-2);
    expect(() => daysLeft("2026-02-30", "2026-01-01")).toThrow();
  });
});

describe("queue filters from a GET query string", () => {
  it("empty values mean no filter", () => {
    const r = readQueueFilters(new URLSearchParams("state=&procedure=&q=&dueWithin="));
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ overdue: false });
  });

  it("keeps good values", () => {
    const r = readQueueFilters(
      new URLSearchParams("state=ACCEPTED&procedure=simplified&dueWithin=7&overdue=1&handler=me&category=penalty&channel=online&q= 张三 "),
    );
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ state: "ACCEPTED", procedure: "simplified", dueWithin: 7, overdue: true, handler: "me", q: "张三" });
  });

  it("bad values are errors (an i18n key per field)", () => {
    const r = readQueueFilters(new URLSearchParams("state=NOPE&procedure=fast&dueWithin=-1&overdue=yes&handler=bob&respondent=x"));
    expect(r.success).toBe(false);
    const paths = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(paths).toEqual({
      state: "errors.queueState",
      procedure: "errors.queueProcedure",
      dueWithin: "errors.queueDueWithin",
      overdue: "errors.queueOverdue",
      handler: "errors.queueHandler",
      respondent: "errors.queueRespondent",
    });
    expect(readQueueFilters(new URLSearchParams("dueWithin=abc")).success).toBe(false);
    expect(readQueueFilters(new URLSearchParams(`q=${"字".repeat(101)}`)).success).toBe(false);
  });

  it("escapes LIKE wildcards so a search is a literal substring", () => {
    expect(likeSubstring("复议")).toBe("%复议%");
    expect(likeSubstring("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});

describe("keyset cursor", () => {
  const id = "0b6f3c1e-2a4d-4c8e-9f00-123456789abc";
  it("round-trips (due date or none) and is base64url", () => {
    for (const c of [{ due: "2026-05-01", id }, { due: null, id }]) {
      const s = encodeCursor(c);
      expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(s)).toEqual(c);
    }
  });

  it("rejects tampered cursors", () => {
    const good = encodeCursor({ due: "2026-05-01", id });
    expect(decodeCursor(good.slice(0, -2))).toBeNull();
    expect(decodeCursor(good + "!")).toBeNull();
    expect(decodeCursor("")).toBeNull();
    expect(decodeCursor(btoa(`q1|2026-02-30|${id}`).replace(/=+$/, ""))).toBeNull();
    expect(decodeCursor(btoa(`q1|2026-05-01|'; drop table cases;--`).replace(/=+$/, ""))).toBeNull();
  });
});

describe("the claim button's value (one claim form per queue page)", () => {
  it("carries the case number and the version the page showed, and nothing else", () => {
    expect(decodeClaimTarget(encodeClaimTarget("FY2026-150100-00003", 7))).toEqual({ caseNumber: "FY2026-150100-00003", version: "7" });
    for (const bad of [null, "", "FY2026-150100-00003", "@7", "FY2026@", "FY 2026@7", "FY2026@7@8", "x".repeat(61), 7]) expect(decodeClaimTarget(bad), String(bad)).toBeNull();
  });
});
