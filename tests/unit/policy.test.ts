import { describe, expect, it } from "vitest";
import { can, hasRole, membershipCovers, permissions, type Actor } from "~/domain/policy";
import { roles } from "~/domain/roles";

const region = "org-region";
const hohhot = "org-hohhot";
const xincheng = "org-xincheng";
const baotou = "org-baotou";
const pathXincheng = [region, hohhot, xincheng];
const pathBaotou = [region, baotou];

const actor = (memberships: Actor["memberships"]): Actor => ({ userId: "u1", memberships });

describe("can(actor, action, resource): staff act only within their organ", () => {
  const staff = actor([{ role: "reconsideration_staff", organId: hohhot, includeSubordinates: false }]);
  const staffWithSubs = actor([{ role: "reconsideration_staff", organId: hohhot, includeSubordinates: true }]);
  it("inside the own organ", () => expect(can(staff, "case:handle", { type: "organ", organPath: [region, hohhot] })).toBe(true));
  it("not below it unless the membership says so", () => {
    expect(can(staff, "case:handle", { type: "organ", organPath: pathXincheng })).toBe(false);
    expect(can(staffWithSubs, "case:handle", { type: "organ", organPath: pathXincheng })).toBe(true);
  });
  it("never in another 盟市", () => expect(can(staffWithSubs, "case:handle", { type: "organ", organPath: pathBaotou })).toBe(false));
  it("never an action of another role", () => expect(can(staff, "case:approve", { type: "organ", organPath: [region, hohhot] })).toBe(false));
  it("nobody anonymous", () => {
    for (const action of Object.keys(permissions) as (keyof typeof permissions)[]) expect(can(null, action)).toBe(false);
  });
});

describe("roles and site-wide actions", () => {
  const citizen = actor([]);
  const admin = actor([{ role: "admin", organId: region, includeSubordinates: true }]);
  it("a citizen has no workspace and no admin", () => {
    expect(hasRole(citizen, "citizen")).toBe(true);
    expect(can(citizen, "workspace:view")).toBe(false);
    expect(can(citizen, "admin:view")).toBe(false);
  });
  it("an admin of the region covers every organ below", () => {
    expect(can(admin, "admin:view")).toBe(true);
    expect(can(admin, "organ:manage", { type: "organ", organPath: pathBaotou })).toBe(true);
  });
  it("account:manage is for oneself only", () => {
    expect(can(citizen, "account:manage", { type: "user", userId: "u1" })).toBe(true);
    expect(can(admin, "account:manage", { type: "user", userId: "someone-else" })).toBe(false);
  });
  it("every role but citizen has the workspace", () => {
    for (const role of roles) {
      const a = role === "citizen" ? citizen : actor([{ role, organId: hohhot, includeSubordinates: false }]);
      expect(can(a, "workspace:view"), role).toBe(role !== "citizen");
    }
  });
  it("membershipCovers needs a non-empty path", () => {
    expect(membershipCovers({ role: "admin", organId: region, includeSubordinates: true }, [])).toBe(false);
  });
});
