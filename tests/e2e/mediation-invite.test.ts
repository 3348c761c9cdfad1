// The other party's invitation to mediation in Chromium (DOMAIN.md §16 CONSENT_PENDING; 12.03, 12.22): a citizen
// requests mediation naming the other party's e-mail → the center routes it to the market regulator → the organ's
// staff send the invitation (the address prefilled) → the dispatcher delivers the e-mail to the file mailbox → the link,
// opened without an account on a 360 px phone, shows the organ, the kind of dispute and the applicant as surname + 某,
// and takes the answer once. Audits (axe at 360 and 1280 px, no sideways scroll, screenshots) of both pages.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { audit, requestMediation, routeAsSuggestedAtCenter, submit, useJourneyBrowsers } from "./case-journey";
import { baseUrl, chromiumAvailable, DESKTOP, e2e, heading, loginStaff, MOBILE, newCitizen, register, rememberSecret, visit, zhCN } from "./support";

const CLERK = "clerk@demo.nmg.example";
const MEDIATOR = "mediator@demo.nmg.example";
const ORGAN = "呼和浩特市市场监督管理局";

/** The invitation link in the file mailbox (DATA_DIR/mailbox), once the dispatcher (every minute) delivered it. */
async function linkFromMailbox(address: string, timeoutMs = 150_000): Promise<string> {
  const dir = path.join(e2e.stateDir, "..", "data", "mailbox");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(dir)) {
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".eml"))) {
        const raw = fs.readFileSync(path.join(dir, file), "utf8");
        if (!raw.includes(address)) continue;
        const split = raw.search(/\r?\n\r?\n/);
        const head = raw.slice(0, split);
        const body = raw.slice(split).trim();
        const text = /content-transfer-encoding:\s*base64/i.test(head)
          ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
          : body.replace(/=\r?\n/g, "").replace(/=3D/gi, "=");
        const m = text.match(/\/mediation\/invite\/([A-Za-z0-9_-]{43})/);
        if (m) return m[0];
      }
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  throw new Error(`no invitation e-mail to ${address} within ${timeoutMs / 1000} s`);
}

describe.skipIf(!chromiumAvailable)("the other party's invitation to mediation", () => {
  const page = useJourneyBrowsers({ citizen: MOBILE, clerk: DESKTOP, staff: DESKTOP, invitee: MOBILE });
  let caseNumber = "";
  let applicantName = "";
  let link = "";
  const address = `other-party-${Date.now().toString(36)}@example.com`;

  it("a citizen requests mediation naming the other party's e-mail; the center routes it to the market regulator", { timeout: 180_000 }, async () => {
    const p = page("citizen");
    const citizen = newCitizen("邀请测试");
    applicantName = citizen.displayName;
    rememberSecret("phone", citizen.phone);
    rememberSecret("password", citizen.password);
    rememberSecret("email", address);
    await register(p, citizen);
    caseNumber = await requestMediation(p, { otherPartyName: "呼和浩特某电器商行", otherPartyContact: `邮箱 ${address}，店址新城区某路1号`, happened: "购买的电暖器三天即损坏，商家拒绝退换。", wantedOutcome: "退货退款" });
    await routeAsSuggestedAtCenter(page("clerk"), CLERK, caseNumber, ORGAN);
  });

  it("the organ's staff send the invitation to the prefilled address (M4 → 征求对方当事人意见)", { timeout: 120_000 }, async () => {
    const s = page("staff");
    await loginStaff(s, MEDIATOR);
    await visit(s, `/staff/mediation/${encodeURIComponent(caseNumber)}/invitation`);
    await heading(s, zhCN["invite.staff.heading"].replace("{caseNumber}", caseNumber)).waitFor();
    expect(await s.getByLabel(zhCN["invite.staff.email"], { exact: true }).inputValue()).toBe(address);
    await audit(s, "mediation-invitation");
    await submit(s, zhCN["invite.staff.send"], zhCN["invite.staff.done.send"]);
    await s.getByText(zhCN["invite.status.open"]).first().waitFor();
    await s.getByRole("button", { name: zhCN["invite.staff.resend"], exact: true }).waitFor();
  });

  it("the link, opened on a phone without an account, shows what the invitee needs and takes one answer", { timeout: 240_000 }, async () => {
    link = await linkFromMailbox(address);
    rememberSecret("invite-token", link.split("/").pop()!); // the token must never reach the server log
    const i = page("invitee");
    const status = await visit(i, link);
    expect(status).toBe(200);
    await heading(i, zhCN["invite.public.heading"]).waitFor();
    await i.getByText(ORGAN).first().waitFor();
    await i.getByText(zhCN["mediation.category.consumer_rights"]).first().waitFor();
    const masked = `${[...applicantName][0]}某`;
    await i.getByText(masked, { exact: true }).waitFor();
    const body = await i.locator("main").innerText();
    expect(body).not.toContain(applicantName);
    expect(body).not.toContain("退货退款");
    expect(body).not.toContain("新城区某路1号");
    await i.getByText(zhCN["invite.public.free"]).waitFor();
    await audit(i, "mediation-invite");
    await i.getByRole("button", { name: zhCN["invite.public.accept"], exact: true }).click();
    await i.getByText(zhCN["invite.public.thanksAccepted"]).waitFor();
    await audit(i, "mediation-invite-answered");
    // the link now answers 410 with a plain page: already answered
    expect(await visit(i, link)).toBe(410);
    await heading(i, zhCN["invite.public.closed.answered.heading"]).waitFor();
    expect(await i.getByRole("button", { name: zhCN["invite.public.accept"], exact: true }).count()).toBe(0);
  });

  it("the organ's page and the applicant's page show the answer", { timeout: 60_000 }, async () => {
    const s = page("staff");
    await visit(s, `/staff/mediation/${encodeURIComponent(caseNumber)}/invitation`);
    await s.getByText(zhCN["invite.via.online"], { exact: false }).first().waitFor();
    const p = page("citizen");
    await visit(p, `/my/cases/${encodeURIComponent(caseNumber)}`);
    await p.getByRole("heading", { name: zhCN["invite.my.heading"], exact: true }).waitFor();
    await p.getByText(/对方当事人已于 \d{4}-\d{2}-\d{2} 同意调解。/).waitFor();
  });
});
