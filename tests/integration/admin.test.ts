// Administration (issue 7 req. 4) on a real database: the organ hierarchy (no cycles, unique codes, levels), staff
// accounts with a real argon2id hash, memberships, disabling (sessions end), leave without overlaps, a State Council
// notice added to the calendar with the recompute of running deadlines (DOMAIN.md 11.01/11.03, 11.12), a setting
// checked by its own schema, and the documents' fixed wording used by documents issued afterwards only. Every change
// leaves an audit event; non-admins are refused.
import { and, desc, eq, gt, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../../db/client";
import { auditEvents, calendarDays, caseDocuments, cases, deadlines, organs, roleMemberships, sessions as sessionRows, settings, staffLeave, users } from "../../db/schema/index";
import { newCase } from "~/domain/machines";
import { templateWording } from "~/domain/template-wording";
import * as calendarRoute from "~/routes/admin.calendar";
import * as organRoute from "~/routes/admin.organs_.$organId";
import * as settingsRoute from "~/routes/admin.settings";
import * as templatesRoute from "~/routes/admin.templates";
import * as userRoute from "~/routes/admin.users_.$userId";
import * as usersRoute from "~/routes/admin.users";
import { saveOrgan } from "~/services/admin-organs.server";
import { addCalendarNotice, changeSetting } from "~/services/admin-rules.server";
import {
  addMembership,
  addUserLeave,
  createStaffUser,
  getAdminUser,
  removeMembership,
  removeUserLeave,
  resetTwoFactor,
  searchUsers,
  setUserDisabled,
  updateUserProfile,
} from "~/services/admin-users.server";
import { verifyPassword } from "~/services/password.server";
import { getSession, loadUser, type CurrentUser } from "~/services/session.server";
import { setTemplateWording } from "~/services/template-wording.server";
import { applyCommand, createProcess } from "~/services/transitions.server";
import { engineName, useTestDatabase } from "../support/db";
import { acceptOrdinary, demoUser, fileApplication, organByCode, outcome, routeContext, seedDemo, Sessions, userOfOrgan } from "../support/staff-fixture";

const t = useTestDatabase();
const context = routeContext("admin-test");
const browsers = new Sessions();
let admin: CurrentUser;
let staff: CurrentUser;
let head: CurrentUser;
let citizen: CurrentUser;
/** Admin of 呼和浩特市 and the organs below only: not a region admin. */
let cityAdmin: CurrentUser;

beforeAll(async () => {
  await seedDemo(t);
  admin = await demoUser("admin");
  staff = await demoUser("staff1");
  head = await demoUser("head");
  citizen = await demoUser("citizen1");
  const hohhot = await organByCode("150100");
  const [u] = await t.db.insert(users).values({ email: "city-admin@example.com", displayName: "市级管理员", passwordHash: "x" }).returning({ id: users.id });
  await t.db.insert(roleMemberships).values({ userId: u.id, role: "admin", organId: hohhot.id, includeSubordinates: true });
  cityAdmin = (await loadUser(t.db, u.id))!;
  await browsers.signIn(admin, staff, head, citizen, cityAdmin);
});
afterAll(() => setDatabase(undefined));

const base = "http://localhost";
const events = (action: string, subjectId?: string) =>
  t.db
    .select({ payload: auditEvents.payload, actorId: auditEvents.actorId })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), subjectId ? eq(auditEvents.subjectId, subjectId) : undefined))
    .orderBy(desc(auditEvents.id));

describe(`organs and the hierarchy (${engineName()})`, () => {
  it("adds a department below a government, edits it, and refuses a cycle, a taken code and a level that does not fit", async () => {
    const hohhot = await organByCode("150100");
    const created = await saveOrgan({ user: admin, organId: null, form: { name: "呼和浩特市数据局", code: "150100-data", kind: "department", level: "league_city", parentCode: "150100" } });
    expect(created.ok).toBe(true);
    const id = (created as { id: string }).id;
    const [row] = await t.db.select().from(organs).where(eq(organs.id, id));
    expect(row).toMatchObject({ parentId: hohhot.id, level: "league_city", divisionCode: "150100", isVertical: false });
    expect((await events("organ.created", id))[0].payload).toMatchObject({ old: null, new: { code: "150100-data", name: "呼和浩特市数据局" } });

    // an organ moved below itself or below its own child would make a cycle
    const child = await saveOrgan({ user: admin, organId: null, form: { name: "数据局下属中心", code: "150100-data-center", kind: "department", level: "league_city", parentCode: "150100-data" } });
    expect(child.ok).toBe(true);
    const before = await t.db.$count(auditEvents);
    const cycle = await saveOrgan({ user: admin, organId: id, form: { name: "呼和浩特市数据局", code: "150100-data", kind: "department", level: "league_city", parentCode: "150100-data-center" } });
    expect(cycle).toMatchObject({ ok: false, status: 400, errors: { parentCode: "admin.errors.organCycle" } });
    const self = await saveOrgan({ user: admin, organId: id, form: { name: "呼和浩特市数据局", code: "150100-data", kind: "department", level: "league_city", parentCode: "150100-data" } });
    expect(self).toMatchObject({ ok: false, errors: { parentCode: "admin.errors.organCycle" } });
    const taken = await saveOrgan({ user: admin, organId: id, form: { name: "呼和浩特市数据局", code: "150100-police", kind: "department", level: "league_city", parentCode: "150100" } });
    expect(taken).toMatchObject({ ok: false, errors: { code: "admin.errors.organCodeTaken" } });
    // a government directly below a government of the same level is not possible
    const level = await saveOrgan({ user: admin, organId: null, form: { name: "错误层级政府", code: "150199", kind: "government", level: "league_city", parentCode: "150100" } });
    expect(level).toMatchObject({ ok: false, errors: { level: "admin.errors.organLevelParent" } });
    expect(await t.db.$count(auditEvents)).toBe(before);

    const renamed = await saveOrgan({ user: admin, organId: id, form: { name: "呼和浩特市数据管理局", code: "150100-data", kind: "department", level: "league_city", parentCode: "150100", isVertical: "yes", verticalCategory: "数据" } });
    expect(renamed.ok).toBe(true);
    const [after] = await t.db.select({ name: organs.name, isVertical: organs.isVertical }).from(organs).where(eq(organs.id, id));
    expect(after).toEqual({ name: "呼和浩特市数据管理局", isVertical: true });
    expect((await events("organ.updated", id))[0].payload).toEqual({
      old: { name: "呼和浩特市数据局", isVertical: false, verticalCategory: null },
      new: { name: "呼和浩特市数据管理局", isVertical: true, verticalCategory: "数据" },
    });
  });

  it("a city admin cannot edit an organ outside their tree (404) nor hang a new organ below one (400), and the route answers 404", async () => {
    const baotou = await organByCode("150200");
    expect(await saveOrgan({ user: cityAdmin, organId: baotou.id, form: { name: "包头", code: "150200", kind: "government", level: "league_city", parentCode: "150000" } })).toMatchObject({ ok: false, status: 404 });
    const outside = await saveOrgan({ user: cityAdmin, organId: null, form: { name: "包头新局", code: "150200-new", kind: "department", level: "league_city", parentCode: "150200" } });
    expect(outside).toMatchObject({ ok: false, errors: { parentCode: "admin.errors.organParent" } });
    const page = await outcome(() => organRoute.loader({ request: browsers.request(cityAdmin, `${base}/admin/organs/${baotou.id}`), params: { organId: baotou.id }, context }));
    expect(page.status).toBe(404);
    const xincheng = (await organByCode("150102")).id;
    const own = await outcome(() => organRoute.loader({ request: browsers.request(cityAdmin, `${base}/admin/organs/${xincheng}`), params: { organId: xincheng }, context }));
    expect(own.status).toBe(200);
    // the top of the city admin's scope cannot be moved elsewhere
    const hohhot = await organByCode("150100");
    const move = await saveOrgan({ user: cityAdmin, organId: hohhot.id, form: { name: hohhot.name, code: "150100", kind: "government", level: "league_city", parentCode: "150100-police" } });
    expect(move.ok).toBe(false);
  });
});

describe(`users, memberships and leave (${engineName()})`, () => {
  it("creates a staff user whose password hash is a real argon2id hash that verifies, with the first role, audited without the password", async () => {
    const r = await createStaffUser({
      user: admin,
      form: { displayName: "新工作人员", email: "New.Staff@Example.com", phone: "", password: "Strong-Pass-2026", confirmPassword: "Strong-Pass-2026", role: "reconsideration_staff", organCode: "150100" },
    });
    expect(r.ok).toBe(true);
    const id = (r as { id: string }).id;
    const [u] = await t.db.select({ email: users.email, hash: users.passwordHash }).from(users).where(eq(users.id, id));
    expect(u.email).toBe("new.staff@example.com");
    expect(u.hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(u.hash, "Strong-Pass-2026")).toBe(true);
    expect(await verifyPassword(u.hash, "strong-pass-2026")).toBe(false);
    const loaded = (await loadUser(t.db, id))!;
    expect(loaded.memberships.map((m) => m.role)).toEqual(["reconsideration_staff"]);
    expect(loaded.requiresTwoFactor).toBe(true);
    const [event] = await events("user.created", id);
    expect(JSON.stringify(event.payload)).not.toMatch(/Strong-Pass|argon2/);
    expect(event.actorId).toBe(admin.id);
    // the same e-mail again, a weak password, no contact: 400, nothing written
    const count = await t.db.$count(users);
    expect(await createStaffUser({ user: admin, form: { displayName: "重复", email: "new.staff@example.com", password: "Strong-Pass-2026", confirmPassword: "Strong-Pass-2026", role: "admin", organCode: "150100" } })).toMatchObject({ ok: false, errors: { email: "admin.errors.contactTaken" } });
    expect(await createStaffUser({ user: admin, form: { displayName: "弱", email: "weak@example.com", password: "12345678", confirmPassword: "12345678", role: "admin", organCode: "150100" } })).toMatchObject({ ok: false, status: 400 });
    expect(await createStaffUser({ user: admin, form: { displayName: "无", password: "Strong-Pass-2026", confirmPassword: "Strong-Pass-2026", role: "admin", organCode: "150100" } })).toMatchObject({ ok: false, errors: { email: "admin.errors.contactRequired" } });
    // a city admin cannot create a user in Baotou
    expect(await createStaffUser({ user: cityAdmin, form: { displayName: "包头", email: "bt@example.com", password: "Strong-Pass-2026", confirmPassword: "Strong-Pass-2026", role: "reconsideration_staff", organCode: "150200" } })).toMatchObject({ ok: false, errors: { organCode: "admin.errors.organ" } });
    expect(await t.db.$count(users)).toBe(count);
  });

  it("adds and removes a membership (roles.ts: no 'citizen' membership; a duplicate refused), each audited", async () => {
    const person = await userOfOrgan({ email: "member-test@example.com", role: "reconsideration_staff", organCode: "150102" });
    await browsers.signIn(person);
    const add = await addMembership({ user: admin, userId: person.id, form: { role: "office_head", organCode: "150102", includeSubordinates: "yes" } });
    expect(add.ok).toBe(true);
    // a new staff role ends the sessions opened before it (the next login asks for two-factor with the staff timeout)
    expect(await getSession(browsers.request(person, `${base}/workspace`))).toBeNull();
    const membershipId = (add as { id: string }).id;
    expect((await loadUser(t.db, person.id))!.memberships).toContainEqual(expect.objectContaining({ role: "office_head", includeSubordinates: true }));
    expect((await events("user.membership_added", person.id))[0].payload).toMatchObject({ old: null, new: { membershipId, role: "office_head", includeSubordinates: true } });
    expect(await addMembership({ user: admin, userId: person.id, form: { role: "office_head", organCode: "150102" } })).toMatchObject({ ok: false, errors: { role: "admin.errors.membershipExists" } });
    expect(await addMembership({ user: admin, userId: person.id, form: { role: "citizen", organCode: "150102" } })).toMatchObject({ ok: false, errors: { role: "admin.errors.role" } });
    expect(await removeMembership({ user: admin, userId: person.id, membershipId })).toEqual({ ok: true });
    expect((await loadUser(t.db, person.id))!.memberships.map((m) => m.role)).toEqual(["reconsideration_staff"]);
    expect((await events("user.membership_removed", person.id))[0].payload).toMatchObject({ old: { membershipId, role: "office_head" }, new: null });
    // a city admin does not see a Baotou user at all
    const baotou = await userOfOrgan({ email: "baotou-staff@example.com", role: "reconsideration_staff", organCode: "150200" });
    expect(await getAdminUser({ user: cityAdmin, userId: baotou.id })).toBeNull();
    expect(await addMembership({ user: cityAdmin, userId: baotou.id, form: { role: "office_head", organCode: "150102" } })).toMatchObject({ ok: false, status: 404 });
    const found = await searchUsers({ user: cityAdmin, q: "baotou", page: 1 });
    expect(found.total).toBe(0);
    const foundByRegion = await searchUsers({ user: admin, q: "baotou-staff", page: 1 });
    expect(foundByRegion.rows.map((r) => r.id)).toEqual([baotou.id]);
    expect(foundByRegion.rows[0].email).toBe("b***@example.com");
  });

  it("disabling a user ends their sessions at once; enabling lets them log in again", async () => {
    const person = await userOfOrgan({ email: "disable-me@example.com", role: "reconsideration_staff", organCode: "150100" });
    await browsers.signIn(person);
    expect(await getSession(browsers.request(person, `${base}/workspace`))).not.toBeNull();
    expect(await setUserDisabled({ user: admin, userId: person.id, disabled: true })).toEqual({ ok: true });
    expect(await getSession(browsers.request(person, `${base}/workspace`))).toBeNull();
    const open = await t.db.select({ revokedAt: sessionRows.revokedAt }).from(sessionRows).where(eq(sessionRows.userId, person.id));
    expect(open.every((s) => s.revokedAt !== null)).toBe(true);
    expect((await events("user.disabled", person.id))[0].payload).toMatchObject({ old: { disabled: false }, new: { disabled: true } });
    expect(await setUserDisabled({ user: admin, userId: admin.id, disabled: true })).toMatchObject({ ok: false, formError: "admin.errors.notSelf" });
    expect(await setUserDisabled({ user: admin, userId: person.id, disabled: false })).toEqual({ ok: true });
    expect((await loadUser(t.db, person.id))).not.toBeNull();
  });

  it("changes name and contact (a contact another account uses is refused) and resets two-factor, which ends the sessions", async () => {
    const person = await userOfOrgan({ email: "profile-me@example.com", role: "reconsideration_staff", organCode: "150100" });
    expect(await updateUserProfile({ user: admin, userId: person.id, form: { displayName: "改名后", email: "profile-me@example.com", phone: "+86 139-0000-1234" } })).toEqual({ ok: true });
    const [row] = await t.db.select({ displayName: users.displayName, phone: users.phone }).from(users).where(eq(users.id, person.id));
    expect(row).toEqual({ displayName: "改名后", phone: "13900001234" });
    expect((await events("user.updated", person.id))[0].payload).toMatchObject({ old: { displayName: person.displayName, phone: null }, new: { displayName: "改名后", phone: "13900001234" } });
    expect(await updateUserProfile({ user: admin, userId: person.id, form: { displayName: "改名后", email: "staff1@demo.nmg.example" } })).toMatchObject({ ok: false, errors: { email: "admin.errors.contactTaken" } });

    await t.db.update(users).set({ totpSecret: "JBSWY3DPEHPK3PXP", totpEnabledAt: new Date(), totpLastStep: 1 }).where(eq(users.id, person.id));
    await browsers.signIn((await loadUser(t.db, person.id))!);
    expect(await resetTwoFactor({ user: admin, userId: person.id })).toEqual({ ok: true });
    const [after] = await t.db.select({ secret: users.totpSecret, at: users.totpEnabledAt }).from(users).where(eq(users.id, person.id));
    expect(after).toEqual({ secret: null, at: null });
    expect(await getSession(browsers.request(person, `${base}/workspace`))).toBeNull();
    const [event] = await events("user.two_factor_reset", person.id);
    expect(event.payload).toMatchObject({ old: { enrolled: true }, new: { enrolled: false } });
    expect(JSON.stringify(event.payload)).not.toContain("JBSWY3DPEHPK3PXP");
  });

  it("records leave with from ≤ to, refuses an overlapping period and deletes one, each audited", async () => {
    const r1 = await addUserLeave({ user: admin, userId: staff.id, form: { fromDate: "2027-03-01", toDate: "2027-03-05", note: "年假" } });
    expect(r1.ok).toBe(true);
    const before = await t.db.$count(staffLeave);
    const events0 = await t.db.$count(auditEvents);
    expect(await addUserLeave({ user: admin, userId: staff.id, form: { fromDate: "2027-03-05", toDate: "2027-03-08" } })).toMatchObject({ ok: false, errors: { fromDate: "admin.errors.leaveOverlap" } });
    expect(await addUserLeave({ user: admin, userId: staff.id, form: { fromDate: "2027-02-20", toDate: "2027-03-20" } })).toMatchObject({ ok: false, errors: { fromDate: "admin.errors.leaveOverlap" } });
    expect(await addUserLeave({ user: admin, userId: staff.id, form: { fromDate: "2027-04-10", toDate: "2027-04-01" } })).toMatchObject({ ok: false, errors: { toDate: "team.errors.range" } });
    expect(await t.db.$count(staffLeave)).toBe(before);
    expect(await t.db.$count(auditEvents)).toBe(events0);
    // the day after the period is free
    const r2 = await addUserLeave({ user: admin, userId: staff.id, form: { fromDate: "2027-03-06", toDate: "2027-03-06" } });
    expect(r2.ok).toBe(true);
    const leaveId = (r1 as { id: string }).id;
    expect(await removeUserLeave({ user: admin, userId: staff.id, leaveId })).toEqual({ ok: true });
    expect(await t.db.select({ id: staffLeave.id }).from(staffLeave).where(eq(staffLeave.id, leaveId))).toEqual([]);
    expect((await events("staff.leave_removed", staff.id))[0].payload).toMatchObject({ old: { leaveId, fromDate: "2027-03-01", toDate: "2027-03-05" }, new: null });
  });

  it("the user page's action answers 400 for bad input and 404 for a user outside the admin's scope", async () => {
    const bad = await outcome(() =>
      userRoute.action({ request: browsers.request(admin, `${base}/admin/users/${staff.id}`, [["intent", "addLeave"], ["fromDate", "2027-13-01"], ["toDate", "2027-12-01"]]), params: { userId: staff.id }, context }),
    );
    expect(bad.status).toBe(400);
    const bt = await userOfOrgan({ email: "baotou-page@example.com", role: "reconsideration_staff", organCode: "150200" });
    const foreign = await outcome(() => userRoute.loader({ request: browsers.request(cityAdmin, `${base}/admin/users/${bt.id}`), params: { userId: bt.id }, context }));
    expect(foreign.status).toBe(404);
    const foreignPost = await outcome(() =>
      userRoute.action({ request: browsers.request(cityAdmin, `${base}/admin/users/${bt.id}`, [["intent", "disable"]]), params: { userId: bt.id }, context }),
    );
    expect(foreignPost.status).toBe(404);
    expect((await loadUser(t.db, bt.id))).not.toBeNull();
    const mine = await outcome(() => userRoute.loader({ request: browsers.request(admin, `${base}/admin/users/${bt.id}`), params: { userId: bt.id }, context }));
    expect(mine.status).toBe(200);
  });
});

describe(`the holiday calendar and the recompute (${engineName()})`, () => {
  it("adding the 2027 notice moves a running 5-WD review across 元旦 from 2027-01-04 (provisional) to 2027-01-05", async () => {
    // submitted Monday 2026-12-28: the 5 working days start the next day (11.03); without a 2027 notice 2027-01-01
    // (Friday) counts as a working day and the date is provisional (11.01, weekends only)
    const now = new Date("2026-12-28T02:00:00Z");
    const { caseId } = await createProcess({ machine: "reconsideration", data: newCase() as never }, { now });
    const r = await applyCommand({ caseId, expectedVersion: 0, command: { type: "SUBMIT", channel: "online" }, actor: { role: "citizen", userId: "u", relation: "applicant" }, now });
    expect(r.ok).toBe(true);
    const due = async () =>
      (await t.db.select({ due: deadlines.dueDate, provisional: deadlines.provisional }).from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, "acceptance_review"))))[0];
    expect(await due()).toEqual({ due: "2027-01-04", provisional: true });

    const lines = ["2027-01-01 holiday 元旦", "2027-02-06 上班 春节", "2027-02-11 放假 春节"].join("\n");
    // a bad line: nothing written
    const before = await t.db.$count(calendarDays);
    const bad = await addCalendarNotice({ user: admin, form: { region: "CN", source: "国务院办公厅通知", lines: `${lines}\n2027-02-10 上班 春节` } });
    expect(bad).toMatchObject({ ok: false, status: 400, lineErrors: [{ line: 4, error: "makeup_weekday" }] });
    // a city admin may not change what applies everywhere
    expect(await addCalendarNotice({ user: cityAdmin, form: { region: "CN", source: "国务院办公厅通知", lines } })).toMatchObject({ ok: false, status: 403 });
    expect(await t.db.$count(calendarDays)).toBe(before);

    const added = await addCalendarNotice({ user: admin, form: { region: "CN", source: "国务院办公厅关于2027年部分节假日安排的通知", lines } });
    expect(added).toMatchObject({ ok: true, added: 3 });
    expect((added as { moved: number }).moved).toBeGreaterThanOrEqual(1);
    expect(await due()).toEqual({ due: "2027-01-05", provisional: false });
    const [recomputed] = await t.db
      .select({ payload: auditEvents.payload })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "deadline.recomputed"), eq(auditEvents.subjectId, caseId)));
    expect(recomputed.payload).toMatchObject({ oldDue: "2027-01-04", newDue: "2027-01-05", reason: "calendar:CN:notice" });
    expect((await events("calendar.notice_added", "CN"))[0].payload).toMatchObject({ old: null, new: { region: "CN", days: [{ day: "2027-01-01", kind: "holiday", name: "元旦" }, {}, {}] } });
    // a date once per region: the same day again is refused
    const again = await addCalendarNotice({ user: admin, form: { region: "CN", source: "重复", lines: "2027-01-01 holiday 元旦" } });
    expect(again).toMatchObject({ ok: false, existing: ["2027-01-01"] });
  });

  it("the calendar page lists a year's days with their source; a non-admin is refused", async () => {
    const page = await outcome(() => calendarRoute.loader({ request: browsers.request(admin, `${base}/admin/calendar?year=2026`), params: {}, context }));
    expect(page.status).toBe(200);
    const data = page.data as unknown as { days: { day: string; kind: string; source: string }[]; canEdit: boolean };
    expect(data.canEdit).toBe(true);
    expect(data.days).toContainEqual(expect.objectContaining({ day: "2026-01-04", kind: "makeup_workday" }));
    for (const u of [staff, head, citizen]) {
      expect((await outcome(() => calendarRoute.loader({ request: browsers.request(u, `${base}/admin/calendar`), params: {}, context }))).status).toBe(403);
      expect((await outcome(() => calendarRoute.action({ request: browsers.request(u, `${base}/admin/calendar`, [["region", "CN"], ["source", "x"], ["lines", "2027-10-01 holiday 国庆节"]]), params: {}, context }))).status).toBe(403);
    }
  });
});

describe(`settings (${engineName()})`, () => {
  it("each setting shows its rule as the law reads, without the developers' DOMAIN.md references", async () => {
    const page = await outcome(() => settingsRoute.loader({ request: browsers.request(admin, `${base}/admin/settings`), params: {}, context }));
    const listed = (page.data as { settings: { key: string; basis: string }[] }).settings;
    expect(listed.length).toBeGreaterThan(5);
    for (const s of listed) expect(s.basis, s.key).not.toMatch(/DOMAIN\.md/);
    expect(listed.find((s) => s.key === "rollWeekendDeadlines")!.basis).toContain("《民事诉讼法》第八十五条");
  });

  it("a bad value answers 400 and writes nothing; a good one is recorded with old and new and says how many deadlines moved", async () => {
    const count = await t.db.$count(auditEvents);
    const [before] = await t.db.select({ value: settings.value }).from(settings).where(eq(settings.key, "committeeOpinionWorkdays"));
    for (const value of ["-3", "abc", "61"]) {
      const r = await outcome(() => settingsRoute.action({ request: browsers.request(admin, `${base}/admin/settings`, [["key", "committeeOpinionWorkdays"], ["value", value]]), params: {}, context }));
      expect(r.status, value).toBe(400);
    }
    const unknown = await outcome(() => settingsRoute.action({ request: browsers.request(admin, `${base}/admin/settings`, [["key", "noSuchSetting"], ["value", "1"]]), params: {}, context }));
    expect(unknown.status).toBe(400);
    expect(await t.db.$count(auditEvents)).toBe(count);
    expect((await t.db.select({ value: settings.value }).from(settings).where(eq(settings.key, "committeeOpinionWorkdays")))[0]).toEqual(before);

    const ok = await outcome(() => settingsRoute.action({ request: browsers.request(admin, `${base}/admin/settings`, [["key", "committeeOpinionWorkdays"], ["value", "12"]]), params: {}, context }));
    expect(ok.status).toBe(303);
    expect(ok.location).toMatch(/^\/admin\/settings\?changed=committeeOpinionWorkdays&moved=\d+/);
    expect((await t.db.select({ value: settings.value }).from(settings).where(eq(settings.key, "committeeOpinionWorkdays")))[0].value).toBe(12);
    expect((await events("setting.changed", "committeeOpinionWorkdays"))[0]).toMatchObject({ actorId: admin.id, payload: { old: 10, new: 12 } });
    // a period setting that moves a running deadline: countMakeupWorkdays off moves the 5-WD review of 2026-02-12 (11.13)
    const now = new Date("2026-02-12T02:00:00Z");
    const { caseId } = await createProcess({ machine: "reconsideration", data: newCase() as never }, { now });
    await applyCommand({ caseId, expectedVersion: 0, command: { type: "SUBMIT", channel: "online" }, actor: { role: "citizen", userId: "u", relation: "applicant" }, now });
    const changed = await changeSetting({ user: admin, form: { key: "countMakeupWorkdays", value: "false" } });
    expect(changed).toMatchObject({ ok: true, key: "countMakeupWorkdays" });
    expect((changed as { moved: number }).moved).toBeGreaterThanOrEqual(1);
    const [review] = await t.db.select({ due: deadlines.dueDate }).from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, "acceptance_review")));
    expect(review.due).toBe("2026-02-27");
    await changeSetting({ user: admin, form: { key: "countMakeupWorkdays", value: "true" } });
    // a city admin and non-admins are refused
    expect(await changeSetting({ user: cityAdmin, form: { key: "committeeOpinionWorkdays", value: "11" } })).toMatchObject({ ok: false, status: 403 });
    for (const u of [staff, head, citizen]) {
      expect((await outcome(() => settingsRoute.action({ request: browsers.request(u, `${base}/admin/settings`, [["key", "committeeOpinionWorkdays"], ["value", "11"]]), params: {}, context }))).status).toBe(403);
    }
    expect((await t.db.select({ value: settings.value }).from(settings).where(eq(settings.key, "committeeOpinionWorkdays")))[0].value).toBe(12);
  });
});

describe(`documents' fixed wording (${engineName()})`, () => {
  it("an override is used by the next acceptance notice and not by one issued before; reset brings the default back", async () => {
    const respondentId = (await organByCode("150100-market")).id;
    const rights = templateWording.acceptance_notice.rights.text;
    const docOf = async (caseNumber: string) => {
      const [c] = await t.db.select({ id: cases.id }).from(cases).where(eq(cases.caseNumber, caseNumber));
      const [d] = await t.db
        .select({ id: caseDocuments.id, content: caseDocuments.content, hash: caseDocuments.contentHash })
        .from(caseDocuments)
        .where(and(eq(caseDocuments.caseId, c.id), eq(caseDocuments.kind, "acceptance_notice")));
      return { ...d, paragraphs: (d.content as { document: { paragraphs: string[] } }).document.paragraphs };
    };
    const first = await fileApplication(citizen, respondentId);
    await acceptOrdinary(staff, first);
    const earlier = await docOf(first);
    expect(earlier.paragraphs).toContain(rights);

    const wording = "在行政复议期间，你（单位）可以依法查阅、复制有关材料，可以请求听证，也可以依法和解（《行政复议法》第四十七条、第五十条、第七十四条）。本机关已开通网上查阅。";
    const r = await outcome(() =>
      templatesRoute.action({ request: browsers.request(admin, `${base}/admin/templates`, [["kind", "acceptance_notice"], ["key", "rights"], ["intent", "save"], ["text", wording]]), params: {}, context }),
    );
    expect(r.status).toBe(303);
    expect((await events("template.wording_changed", "acceptance_notice.rights"))[0].payload).toEqual({ kind: "acceptance_notice", key: "rights", old: null, new: wording });

    const second = await fileApplication(citizen, respondentId);
    await acceptOrdinary(staff, second);
    const later = await docOf(second);
    expect(later.paragraphs).toContain(wording);
    expect(later.paragraphs).not.toContain(rights);
    // the earlier document is frozen: same text, same hash
    const again = await docOf(first);
    expect(again.paragraphs).toContain(rights);
    expect(again.hash).toBe(earlier.hash);

    // only fixed wording: an unknown paragraph (or a computed one) is refused; non-admins and city admins are refused
    expect(await setTemplateWording({ user: admin, kind: "acceptance_notice", key: "decisionDue", text: "本机关将于明天作出决定。" })).toMatchObject({ ok: false, status: 400 });
    expect(await setTemplateWording({ user: cityAdmin, kind: "acceptance_notice", key: "rights", text: "改动的用语内容" })).toMatchObject({ ok: false, status: 403 });
    for (const u of [staff, head]) {
      const denied = await outcome(() =>
        templatesRoute.action({ request: browsers.request(u, `${base}/admin/templates`, [["kind", "acceptance_notice"], ["key", "rights"], ["intent", "save"], ["text", "改动的用语内容"]]), params: {}, context }),
      );
      expect(denied.status).toBe(403);
    }
    const empty = await outcome(() =>
      templatesRoute.action({ request: browsers.request(admin, `${base}/admin/templates`, [["kind", "acceptance_notice"], ["key", "rights"], ["intent", "save"], ["text", " "]]), params: {}, context }),
    );
    expect(empty.status).toBe(400);

    expect(await setTemplateWording({ user: admin, kind: "acceptance_notice", key: "rights", text: null })).toEqual({ ok: true, changed: true });
    expect((await events("template.wording_reset", "acceptance_notice.rights"))[0].payload).toEqual({ kind: "acceptance_notice", key: "rights", old: wording, new: null });
    const third = await fileApplication(citizen, respondentId);
    await acceptOrdinary(staff, third);
    expect((await docOf(third)).paragraphs).toContain(rights);
  });
});

describe(`access (${engineName()})`, () => {
  it("non-admins get 403 from the user pages; every admin change above left an event by its actor", async () => {
    for (const u of [staff, head, citizen]) {
      expect((await outcome(() => usersRoute.loader({ request: browsers.request(u, `${base}/admin/users`), params: {}, context }))).status).toBe(403);
      expect((await outcome(() => userRoute.action({ request: browsers.request(u, `${base}/admin/users/${staff.id}`, [["intent", "disable"]]), params: { userId: staff.id }, context }))).status).toBe(403);
    }
    expect((await loadUser(t.db, staff.id))).not.toBeNull();
    const actions = ["organ.created", "organ.updated", "user.created", "user.updated", "user.two_factor_reset", "user.membership_added", "user.membership_removed", "user.disabled", "user.enabled", "staff.leave_added", "staff.leave_removed", "calendar.notice_added", "setting.changed", "template.wording_changed", "template.wording_reset"];
    const rows = await t.db.select({ action: auditEvents.action, actorId: auditEvents.actorId }).from(auditEvents).where(and(inArray(auditEvents.action, actions), gt(auditEvents.id, 0)));
    for (const a of actions) expect(rows.some((r) => r.action === a && r.actorId === admin.id), a).toBe(true);
  });
});
