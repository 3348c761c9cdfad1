// Administrative mediation in Chromium, end to end (issue 7 req. 1; DOMAIN.md §16): a citizen requests mediation of a
// consumer dispute → the 呼和浩特 center's clerk routes it to 市场监督管理局 → the organ's head invites the other party
// and records its consent, accepts the request and assigns the mediator → the mediator declares no conflict, starts,
// schedules a session and records its minutes, and records the agreement → the 调解协议书 page. Each page gets the audit
// (axe at 360 and 1280 px, no sideways scroll at 360 px, screenshots).
// Accounts: a newly registered citizen; clerk@, mhead@ and mediator@ (TOTP enrolment at their first login).
import { expect, it, describe } from "vitest";
import { addCalendarDays, todayInShanghai } from "~/domain/calendar";
import { audit, requestMediation, routeAsSuggestedAtCenter, settle, submit, useJourneyBrowsers } from "./case-journey";
import { chromiumAvailable, DESKTOP, heading, loginStaff, MOBILE, newCitizen, register, rememberSecret, visit, zhCN } from "./support";

const CLERK = "clerk@demo.nmg.example";
const HEAD = "mhead@demo.nmg.example";
const MEDIATOR = "mediator@demo.nmg.example";
const ORGAN = "呼和浩特市市场监督管理局";

describe.skipIf(!chromiumAvailable)("an administrative mediation request from the citizen to the agreement", () => {
  const page = useJourneyBrowsers({ citizen: MOBILE, clerk: DESKTOP, head: DESKTOP, mediator: DESKTOP });
  let caseNumber = "";
  const casePath = () => `/staff/mediation/${encodeURIComponent(caseNumber)}`;
  const region = (who: "head" | "mediator", name: string) => page(who).getByRole("region", { name, exact: true });

  it("1. a citizen requests mediation; the center clerk routes it to administrative mediation at the market regulator", { timeout: 180_000 }, async () => {
    const p = page("citizen");
    const citizen = newCitizen("调解申请人");
    rememberSecret("phone", citizen.phone);
    rememberSecret("password", citizen.password);
    await register(p, citizen);
    caseNumber = await requestMediation(p, { otherPartyName: "呼和浩特某商贸有限公司", happened: "购买的冰箱有质量问题，商家拒绝退货。", wantedOutcome: "退货退款" });
    await routeAsSuggestedAtCenter(page("clerk"), CLERK, caseNumber, ORGAN);
  });

  it("2. the head invites the other party and records its consent, accepts, and assigns the mediator (人民调解法第十七条)", { timeout: 180_000 }, async () => {
    const h = page("head");
    await loginStaff(h, HEAD);
    await visit(h, "/workspace");
    await h.getByRole("link", { name: zhCN["mh.workspaceLink"], exact: true }).click();
    await heading(h, zhCN["mh.list.heading"]).waitFor();
    await h.getByRole("link", { name: caseNumber, exact: true }).waitFor();
    await audit(h, "mediation-list");
    await h.getByRole("link", { name: caseNumber, exact: true }).click();
    await h.waitForURL(/\/staff\/mediation\/TJ/);
    await settle(h);
    await h.getByText(zhCN["mh.state.TRIAGED"]).first().waitFor();
    // no acceptance before the other party answered: only the invitation link and the decline form
    expect(await h.getByRole("button", { name: zhCN["mh.accept.submit"], exact: true }).count()).toBe(0);
    await audit(h, "mediation-case-triaged");
    await h.getByRole("link", { name: zhCN["mh.invitation.link"], exact: true }).click();
    await h.waitForURL(/\/invitation$/);
    await settle(h);
    await h.getByLabel(zhCN["invite.staff.phone"], { exact: true }).fill("13900001234");
    await submit(h, zhCN["invite.staff.send"], zhCN["invite.staff.done.send"]);
    await h.getByLabel(zhCN["invite.answer.accepted"], { exact: true }).check();
    await h.getByLabel(zhCN["invite.staff.note"], { exact: true }).fill("对方代表于今日电话答复同意调解。");
    await submit(h, zhCN["invite.staff.record"], zhCN["invite.staff.done.record"]);

    await visit(h, casePath());
    await h.getByText(zhCN["mh.invitation.accepted"]).first().waitFor();
    await submit(h, zhCN["mh.accept.submit"], zhCN["mh.done.accept"]);
    await h.getByText(zhCN["mh.state.ACCEPTED"], { exact: true }).first().waitFor();
    await region("head", zhCN["mh.assign_mediator.heading"]).getByLabel(zhCN["mh.assign.userId"], { exact: true }).selectOption({ label: "高雅琴" });
    await submit(h, zhCN["mh.assign_mediator.submit"], zhCN["mh.done.assign_mediator"]);
    await audit(h, "mediation-case-accepted");
  });

  it("3. the mediator declares no conflict, starts, holds a session with minutes and records the agreement → 调解协议书", { timeout: 180_000 }, async () => {
    const m = page("mediator");
    await loginStaff(m, MEDIATOR);
    await visit(m, casePath());
    await region("mediator", zhCN["mh.declare_no_conflict.heading"]).getByLabel(zhCN["mh.declare.confirm"], { exact: true }).check();
    await submit(m, zhCN["mh.declare_no_conflict.submit"], zhCN["mh.done.declare_no_conflict"]);
    await submit(m, zhCN["mh.start.submit"], zhCN["mh.done.start"]);
    const tomorrow = addCalendarDays(todayInShanghai(new Date()), 1);
    const schedule = region("mediator", zhCN["mh.schedule_session.heading"]);
    await schedule.getByLabel(zhCN["mh.session.when"], { exact: true }).fill(`${tomorrow}T09:30`);
    await schedule.getByLabel(zhCN["mh.mode.in_person"], { exact: true }).check();
    await schedule.getByLabel(zhCN["mh.session.place"], { exact: true }).fill("市场监管局三楼调解室");
    await schedule.getByLabel(zhCN["mh.session.participants"], { exact: true }).fill("申请人、呼和浩特某商贸有限公司代表、高雅琴");
    await submit(m, zhCN["mh.schedule_session.submit"], zhCN["mh.done.schedule_session"]);
    const record = region("mediator", zhCN["mh.record_session.heading"]);
    await record.getByLabel(zhCN["mh.session.which"], { exact: true }).selectOption({ index: 1 });
    await record.getByLabel(zhCN["mh.session.minutes"], { exact: true }).fill("双方陈述意见，争议焦点为退货条件。经调解，双方同意退货退款。");
    await submit(m, zhCN["mh.record_session.submit"], zhCN["mh.done.record_session"]);
    await audit(m, "mediation-case-in-mediation");

    const agreement = region("mediator", zhCN["mh.agreement.heading"]);
    await agreement.getByLabel(zhCN["mh.agreement.terms"], { exact: true }).fill("商家为申请人办理退货，并退还货款 3200 元。");
    const row = agreement.getByRole("group", { name: zhCN["mh.agreement.performanceRow"].replace("{n}", "1"), exact: true });
    await row.getByLabel(zhCN["mh.agreement.obligor"], { exact: true }).fill("呼和浩特某商贸有限公司");
    await row.getByLabel(zhCN["mh.agreement.obligation"], { exact: true }).fill("退还货款 3200 元");
    await row.getByLabel(zhCN["mh.agreement.dueDate"], { exact: true }).fill(addCalendarDays(todayInShanghai(new Date()), 14));
    const confirmations = agreement.getByLabel(/的确认方式$/);
    await confirmations.nth(0).selectOption("signature");
    await confirmations.nth(1).selectOption("online");
    await agreement.getByLabel(zhCN["mh.agreement.judicialEligible"]).check();
    await submit(m, zhCN["mh.agreement.submit"], zhCN["mh.done.agreement"]);
    await m.getByText(zhCN["mh.state.AGREEMENT_SIGNED"], { exact: true }).first().waitFor();
    await audit(m, "mediation-case-agreement");
  });

  it("4. the 调解协议书 names the parties, the terms, the performance and the judicial-confirmation advice", { timeout: 120_000 }, async () => {
    const m = page("mediator");
    await visit(m, casePath());
    await m.getByRole("link", { name: zhCN["mh.agreement.document"], exact: true }).click();
    await m.waitForURL(/\/documents\//);
    await settle(m);
    await m.getByText("调解协议书").first().waitFor();
    for (const text of ["呼和浩特某商贸有限公司", "退还货款 3200 元", "三十日内共同向人民法院申请司法确认", "高雅琴"]) {
      await m.getByText(text).first().waitFor();
    }
    await audit(m, "mediation-agreement");
  });
});
