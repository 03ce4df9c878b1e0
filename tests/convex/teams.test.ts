import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { as } from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";
import { addUser, seedOrg } from "./org-helpers";

describe("teams and managers", () => {
  test("an admin creates a team, places members and a lead, and the member count follows", async () => {
    const t = newTest();
    const { organizationId, adminId } = await seedOrg(t);
    const ada = await addUser(t, "ada@acme.com", { organizationId, holdsOrgSeat: true });
    const bob = await addUser(t, "bob@acme.com", { organizationId, holdsOrgSeat: true });
    const admin = as(t, adminId);

    const teamId = await admin.mutation(api.organizations.teams.create, { organizationId, name: "  Sales " });
    await expectAppError(
      admin.mutation(api.organizations.teams.create, { organizationId, name: "sales" }),
      "INVALID_INPUT",
    );
    await admin.mutation(api.organizations.teams.setMember, {
      organizationId,
      teamId,
      memberId: ada,
      teamRole: "member",
    });
    await admin.mutation(api.organizations.teams.setMember, {
      organizationId,
      teamId,
      memberId: bob,
      teamRole: "member",
    });
    await admin.mutation(api.organizations.teams.setMember, {
      organizationId,
      teamId,
      memberId: ada,
      teamRole: "lead",
    }); // a role change, not a second membership
    const team = await t.run(async (ctx) => ctx.db.get("teams", teamId));
    expect(team).toMatchObject({ name: "Sales", memberCount: 2 });
    const rows = await admin.query(api.organizations.members.list, {
      organizationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(rows.page.find((m) => m._id === ada)!.teams).toEqual([{ _id: teamId, name: "Sales", role: "lead" }]);

    await admin.mutation(api.organizations.teams.removeMember, { organizationId, teamId, memberId: bob });
    expect((await t.run(async (ctx) => ctx.db.get("teams", teamId)))!.memberCount).toBe(1);

    // Someone outside the organization cannot be placed in a team.
    const outsider = await addUser(t, "eve@elsewhere.com");
    await expectAppError(
      admin.mutation(api.organizations.teams.setMember, {
        organizationId,
        teamId,
        memberId: outsider,
        teamRole: "member",
      }),
      "NOT_FOUND",
    );
  });

  test("a manager scoped to one team sees and changes only that team", async () => {
    const t = newTest();
    const { organizationId, adminId } = await seedOrg(t);
    const admin = as(t, adminId);
    const sales = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Sales" });
    const support = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Support" });
    const ada = await addUser(t, "ada@acme.com", { organizationId, holdsOrgSeat: true });
    const bob = await addUser(t, "bob@acme.com", { organizationId, holdsOrgSeat: true });
    const lee = await addUser(t, "lee@acme.com", { organizationId, holdsOrgSeat: true });
    await admin.mutation(api.organizations.teams.setMember, {
      organizationId,
      teamId: sales,
      memberId: ada,
      teamRole: "member",
    });
    await admin.mutation(api.organizations.teams.setMember, {
      organizationId,
      teamId: support,
      memberId: bob,
      teamRole: "member",
    });

    await admin.mutation(api.organizations.managers.set, {
      organizationId,
      memberId: lee,
      managerRole: "manager",
      teamIds: [sales],
      permissions: ["view_progress", "manage_team"],
    });
    const manager = await t.run(async (ctx) =>
      ctx.db
        .query("organizationManagers")
        .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", lee).eq("organizationId", organizationId))
        .unique(),
    );
    expect(manager).toMatchObject({
      role: "manager",
      teamIds: [sales],
      permissions: ["view_progress", "manage_team"],
      isActive: true,
    });

    const leeMembers = await as(t, lee).query(api.organizations.members.list, {
      organizationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(leeMembers.page.map((m) => m.email)).toEqual(["ada@acme.com"]);
    await expectAppError(
      as(t, lee).mutation(api.organizations.teams.setMember, {
        organizationId,
        teamId: support,
        memberId: ada,
        teamRole: "member",
      }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await as(t, lee).mutation(api.organizations.teams.setMember, {
      organizationId,
      teamId: sales,
      memberId: ada,
      teamRole: "lead",
    });

    // Only administrators hand out manager roles.
    await expectAppError(
      as(t, lee).mutation(api.organizations.managers.set, { organizationId, memberId: ada, managerRole: "viewer" }),
      "NOT_ORG_ADMIN",
    );
  });

  test("promoting to administrator and back changes the user's role; nobody removes their own admin role", async () => {
    const t = newTest();
    const { organizationId, adminId } = await seedOrg(t);
    const admin = as(t, adminId);
    const ada = await addUser(t, "ada@acme.com", { organizationId, holdsOrgSeat: true });
    await admin.mutation(api.organizations.managers.set, { organizationId, memberId: ada, managerRole: "admin" });
    expect((await t.run(async (ctx) => ctx.db.get("users", ada)))!.role).toBe("org_admin");
    const overview = await as(t, ada).query(api.organizations.overview.get, { organizationId });
    expect(overview.isAdmin).toBe(true);

    await admin.mutation(api.organizations.managers.remove, { organizationId, memberId: ada });
    expect((await t.run(async (ctx) => ctx.db.get("users", ada)))!.role).toBe("org_member");
    await expectAppError(as(t, ada).query(api.organizations.overview.get, { organizationId }), "FORBIDDEN");
    await expectAppError(
      admin.mutation(api.organizations.managers.remove, { organizationId, memberId: adminId }),
      "INVALID_INPUT",
    );

    // A viewer gets the default read-only permissions.
    await admin.mutation(api.organizations.managers.set, { organizationId, memberId: ada, managerRole: "viewer" });
    const viewer = await as(t, ada).query(api.organizations.overview.get, { organizationId });
    expect([...viewer.myPermissions].sort()).toEqual(["view_analytics", "view_progress"]);
  });
});
