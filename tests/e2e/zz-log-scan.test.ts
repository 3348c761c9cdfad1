// (g) R9: the server log holds no secret and no personal identifier. Runs LAST (tests/e2e/sequencer.ts sorts the
// files by name): by now every other file has typed passwords, registered phone numbers, seen session cookies and
// TOTP secrets, and recorded them (support.ts rememberSecret). The whole captured stdout + stderr is searched.
//
// One documented exception: in development mode the server prints a start-up banner with the demo accounts
// (db/seed.ts formatDemoAccounts) — the demo password and the demo logins, on purpose, so a developer can log in.
// Those values are allowed inside that banner and nowhere else. Everything a test
// typed or saw is searched for in the whole file, banner included.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { demoUserSpecs } from "../../db/seed";
import { auditedPages, chromiumAvailable, DEMO_PASSWORD, e2e, rememberedSecrets } from "./support";

const BANNER_START = "演示账号 / Demo accounts:";
const BANNER_END = "Demo only: never created when NODE_ENV=production.";

function splitBanner(log: string): { banner: string; rest: string } {
  const start = log.indexOf(BANNER_START);
  if (start < 0) return { banner: "", rest: log };
  const endAt = log.indexOf(BANNER_END, start);
  const end = endAt < 0 ? log.length : endAt + BANNER_END.length;
  return { banner: log.slice(start, end), rest: log.slice(0, start) + log.slice(end) };
}

function mask(value: string): string {
  return value.length <= 4 ? "****" : `${value.slice(0, 2)}…${value.slice(-2)} (${value.length} chars)`;
}

function linesContaining(text: string, needle: string): number[] {
  return text
    .split("\n")
    .flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
}

describe.skipIf(!chromiumAvailable)("server log scan (runs last)", () => {
  it("contains no password, no registered phone number or e-mail, no session or csrf cookie, no TOTP secret, no ID number", () => {
    const log = fs.readFileSync(e2e.logFile, "utf8");
    const { banner, rest } = splitBanner(log);

    // the scan is not vacuous: the log has the requests of the whole suite, and the tests recorded what they used
    const requestLines = rest.split("\n").filter((l) => l.includes('"msg":"request"'));
    expect(requestLines.length).toBeGreaterThan(100);
    expect(requestLines.some((l) => l.includes('"path":"/register"') && l.includes('"method":"POST"'))).toBe(true);
    const secrets = rememberedSecrets();
    const count = (kind: string) => secrets.filter((s) => s.kind === kind).length;
    expect(count("password")).toBeGreaterThan(5);
    expect(count("phone")).toBeGreaterThan(5);
    expect(count("session-cookie")).toBeGreaterThan(3);
    expect(count("csrf-cookie")).toBeGreaterThan(0);
    expect(count("id-number")).toBeGreaterThan(0); // the filing journey's resident ID number
    // (none when the staff tests could not reach the enrolment page: they fail on their own, no need to fail twice)
    if (count("totp-secret") === 0) console.warn("log scan: no TOTP secret was seen in this run, so none was searched for");

    const demoPhones = demoUserSpecs.flatMap((s) => (s.phone ? [s.phone] : []));
    const demoEmails = demoUserSpecs.flatMap((s) => (s.email ? [s.email] : []));
    const bannerValues = new Set<string>([DEMO_PASSWORD, ...demoPhones, ...demoEmails]);
    const leaks: string[] = [];
    for (const { kind, value } of secrets) {
      if (bannerValues.has(value)) continue; // checked outside the banner below
      const lines = linesContaining(log, value);
      if (lines.length) leaks.push(`${kind} ${mask(value)} on line(s) ${lines.slice(0, 5).join(", ")}`);
    }
    // the demo password (typed by the staff logins) and the demo logins (phones, e-mails): only in the banner
    const bannerOnly = [["demo password", DEMO_PASSWORD], ...demoPhones.map((p) => ["demo phone", p]), ...demoEmails.map((e) => ["demo e-mail", e])];
    for (const [kind, value] of bannerOnly) {
      const lines = linesContaining(rest, value);
      if (lines.length) leaks.push(`${kind} ${mask(value)} outside the start-up banner`);
    }
    // and no mainland mobile number at all outside the banner, whoever it belongs to
    const anyMobile = rest.match(/(?<![\d])1[3-9]\d{9}(?![\d])/g) ?? [];
    if (anyMobile.length) leaks.push(`${anyMobile.length} mobile number(s) outside the banner, e.g. ${mask(anyMobile[0]!)}`);

    expect(leaks, `secrets in ${e2e.logFile}:\n  ${leaks.join("\n  ")}`).toEqual([]);

    // Report what the dev-mode banner shows (not a failure: it is the intended developer aid).
    if (banner) {
      const phones = demoPhones.filter((p) => banner.includes(p));
      const shown = [
        banner.includes(DEMO_PASSWORD) ? "the demo password" : "",
        phones.length ? `${phones.length} demo phone number(s)` : "no phone number",
        `${demoEmails.filter((e) => banner.includes(e)).length} demo e-mail address(es)`,
      ].filter(Boolean);
      console.info(`log scan: the start-up banner lists the demo accounts${shown.length ? ` with ${shown.join(", ")}` : ""}`);
    }
  });

  it("every log line is JSON from pino except the start-up banner", () => {
    const { rest } = splitBanner(fs.readFileSync(e2e.logFile, "utf8"));
    const allowedPlain = [/^$/, /^内蒙古行政复议与调解门户已启动 \/ Portal running: /, /^数据库 \/ Database: /];
    const odd = rest.split("\n").filter((line) => {
      if (allowedPlain.some((re) => re.test(line))) return false;
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    expect(odd.slice(0, 10)).toEqual([]);
  });

  it("every page of the list had the axe check at 360 and 1280 px and a screenshot", () => {
    const required = [
      ...["home", "login", "register", "account", "two-factor", "enrol", "workspace", "admin-organs", "404"],
      // the filing journey (filing.test.ts; without JavaScript axe cannot run, those pages are screenshots only)
      ...["guide", "guide-result", "apply-start", "apply-applicants", "apply-agents", "apply-act", "apply-requests", "apply-evidence", "apply-review"],
      ...["receipt", "verify", "staff-case", "my-cases", "my-case-supplement", "document", "my-case-withdrawal", "my-applications", "apply-mediation"],
      "stats",
      "court-register",
      // the other party's invitation to mediation (mediation-invite.test.ts)
      ...["mediation-invitation", "mediation-invite", "mediation-invite-answered"],
      // public disclosure of decisions (publication.test.ts)
      ...["pub-propose", "pub-review", "pub-list", "pub-search", "pub-detail"],
      // administrative mediation at the competent organ (mediation.test.ts)
      ...["mediation-list", "mediation-case-triaged", "mediation-case-accepted", "mediation-case-in-mediation", "mediation-case-agreement", "mediation-agreement"],
      // administration (admin.test.ts)
      ...["admin-home", "admin-users", "admin-committees", "admin-calendar", "admin-settings", "admin-templates", "admin-organ", "admin-organ-new", "admin-user", "admin-user-new"],
      // the committee and opinion-letter journey (committee-letters.test.ts)
      ...["cl-committee", "cl-consultation", "cl-member-list", "cl-member-consultation", "cl-committee-record", "cl-agency-letter", "cl-letter"],
    ];
    const done = auditedPages();
    expect(required.filter((name) => !done.includes(name))).toEqual([]);
  });
});
