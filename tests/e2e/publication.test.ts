// Public disclosure of decisions in Chromium (issue 7 req. 3; 《行政复议法》第七十九条第一款): a case is filed, decided and
// served through the UI; staff propose the decision for publication; the office head compares the original with the
// anonymised copy and approves it; an anonymous visitor on a 360 px phone finds it on /public/decisions by a word of its
// text, opens the copy (no applicant's name in it), and a search for the applicant's name finds nothing; the applicant
// sees on their case page that it was published. The pages get the audit (axe at 360 and 1280 px, no sideways scroll
// at 360 px, screenshots pub-*.png).
import { describe, expect, it } from "vitest";
import {
  chromiumAvailable,
  DEMO_PASSWORD,
  DESKTOP,
  heading,
  login,
  loginStaff,
  MOBILE,
  newCitizen,
  visit,
  zhCN,
} from "./support";
import {
  acceptOrdinary,
  approveDecision,
  audit,
  clickAndGo,
  fileReply,
  fillDecisionDraft,
  group,
  newIdNumber,
  openFromQueue,
  recordViewsHeard,
  registerAndFile,
  routeAtCenter,
  serveCopy,
  settle,
  staffCasePath,
  startDrafting,
  submit,
  useJourneyBrowsers,
} from "./case-journey";

const citizen = newCitizen("公开测试");
const idNumber = newIdNumber();
const PHRASE = "冷链仓储温控记录";
let caseNumber = "";

describe.skipIf(!chromiumAvailable)(
  "a served decision published in anonymised form",
  () => {
    const page = useJourneyBrowsers({
      citizen: MOBILE,
      clerk: DESKTOP,
      staff: DESKTOP,
      head: DESKTOP,
      agent: DESKTOP,
      visitor: MOBILE,
    });

    it(
      "1. the case is filed, routed, accepted, answered, decided and served",
      { timeout: 600_000 },
      async () => {
        caseNumber = await registerAndFile(page("citizen"), citizen, idNumber);
        await routeAtCenter(
          page("clerk"),
          "clerk@demo.nmg.example",
          caseNumber
        );
        const s = page("staff");
        await openFromQueue(s, "staff2@demo.nmg.example", caseNumber);
        await acceptOrdinary(s, caseNumber);
        await serveCopy(s, caseNumber);
        await login(page("agent"), "agent@demo.nmg.example", DEMO_PASSWORD);
        await fileReply(page("agent"), caseNumber);
        await recordViewsHeard(
          s,
          caseNumber,
          "电话听取申请人意见，不同意调解。"
        );
        await startDrafting(s, caseNumber);
        await fillDecisionDraft(s, {
          type: "uphold",
          facts: `申请人${citizen.displayName}（公民身份号码${idNumber}，联系电话${citizen.phone}）经营的商店未按规定保存${PHRASE}。`,
          reasoning:
            "被申请人作出的行政处罚认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。",
          result: "维持被申请人作出的行政处罚决定。",
        });
        await submit(
          s,
          zhCN["decision.submit.submit"],
          zhCN["decision.done.submit_draft"]
        );
        await loginStaff(page("head"), "head@demo.nmg.example");
        await approveDecision(page("head"), caseNumber);
        await visit(s, staffCasePath(caseNumber, "/decision"));
        await group(s, zhCN["decision.serve.method"])
          .getByLabel(zhCN["decision.serve.method.electronic"], { exact: true })
          .check();
        await submit(
          s,
          zhCN["decision.serve.submit"],
          zhCN["decision.done.serve"]
        );
      }
    );

    it(
      "2. staff propose it from the decision page; the office head compares and approves the anonymised copy",
      { timeout: 180_000 },
      async () => {
        expect(caseNumber).not.toBe("");
        const s = page("staff");
        await visit(s, staffCasePath(caseNumber, "/decision"));
        await s.getByText(zhCN["publication.decisionPage.none"]).waitFor();
        await s
          .getByRole("link", {
            name: zhCN["publication.decisionPage.link"],
            exact: true,
          })
          .click();
        await s.waitForURL(
          (u) => u.pathname === staffCasePath(caseNumber, "/publication")
        );
        await settle(s);
        await audit(s, "pub-propose");
        await group(s, zhCN["publication.propose.actDisclosure"])
          .getByLabel(zhCN["publication.actDisclosure.public"], { exact: true })
          .check();
        await s
          .getByLabel(zhCN["publication.propose.noSecrets"], { exact: true })
          .check();
        await submit(
          s,
          zhCN["publication.propose.submit"],
          zhCN["publication.case.done"]
        );

        const h = page("head");
        await visit(h, "/workspace");
        await h
          .getByRole("link", {
            name: zhCN["publication.review.title"],
            exact: true,
          })
          .click();
        await h.waitForURL((u) => u.pathname === "/staff/publications");
        await settle(h);
        const card = h
          .locator("section.publication-review")
          .filter({ hasText: PHRASE });
        await card.first().waitFor();
        // the original shows the applicant's name; the copy to publish does not
        await expect
          .poll(() => card.getByText(citizen.displayName).count())
          .toBeGreaterThan(0);
        const copy = await card
          .getByLabel(zhCN["publication.review.textField"], { exact: true })
          .inputValue();
        expect(copy).toContain(PHRASE);
        expect(copy).not.toContain(citizen.displayName);
        expect(copy).not.toContain(idNumber);
        expect(copy).not.toContain(citizen.phone);
        await audit(h, "pub-review");
        await submit(
          h,
          zhCN["publication.review.approve"],
          zhCN["publication.review.done.approve"]
        );
      }
    );

    it(
      "3. an anonymous visitor on a phone finds it by a word of its text and reads the anonymised copy only",
      { timeout: 180_000 },
      async () => {
        const v = page("visitor");
        await visit(v, "/");
        await v
          .getByRole("link", {
            name: zhCN["home.publicDecisions.link"],
            exact: true,
          })
          .click();
        await v.waitForURL((u) => u.pathname === "/public/decisions");
        await settle(v);
        await heading(v, zhCN["publication.public.heading"]).waitFor();
        await audit(v, "pub-list");

        await v
          .getByLabel(zhCN["publication.public.q"], { exact: true })
          .fill(PHRASE);
        await clickAndGo(v, zhCN["publication.public.submit"]);
        const results = v.locator("ul.plain > li.card");
        await expect.poll(() => results.count()).toBe(1);
        await audit(v, "pub-search");
        await results.first().getByRole("link").click();
        await v.waitForURL(/\/public\/decisions\/[0-9a-f-]{36}$/);
        await settle(v);
        await v.getByText(PHRASE, { exact: false }).first().waitFor();
        const body = await v.locator("main").innerText();
        expect(body).not.toContain(citizen.displayName);
        expect(body).not.toContain(idNumber);
        expect(body).not.toContain(citizen.phone);
        expect(body).not.toContain(caseNumber);
        expect(
          await v
            .getByRole("link", { name: zhCN["publication.public.original"] })
            .count()
        ).toBe(0);
        await audit(v, "pub-detail");

        // the applicant's real name finds nothing
        await visit(
          v,
          `/public/decisions?q=${encodeURIComponent(citizen.displayName)}`
        );
        await v
          .getByText(zhCN["publication.public.none"], { exact: true })
          .waitFor();
      }
    );

    it(
      "4. the applicant is told on their case page; staff of the organ get the link to the original",
      { timeout: 120_000 },
      async () => {
        const c = page("citizen");
        await visit(c, `/my/cases/${encodeURIComponent(caseNumber)}`);
        await c
          .getByRole("link", {
            name: zhCN["publication.party.link"],
            exact: true,
          })
          .click();
        await c.waitForURL(/\/public\/decisions\/[0-9a-f-]{36}$/);
        await settle(c);
        expect(
          await c
            .getByRole("link", { name: zhCN["publication.public.original"] })
            .count()
        ).toBe(0);
        const s = page("staff");
        await s.goto(c.url());
        await settle(s);
        await s
          .getByRole("link", {
            name: zhCN["publication.public.original"],
            exact: true,
          })
          .click();
        await s.waitForURL((u) =>
          u.pathname.startsWith(staffCasePath(caseNumber, "/documents/"))
        );
      }
    );
  }
);
