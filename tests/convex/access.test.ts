import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Doc } from "../../convex/_generated/dataModel";
import { as, type T } from "./checkout-helpers";
import { organizationRow, userRow } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { makeManager } from "./org-helpers";

async function user(t: T, email: string, role: Doc<"users">["role"] = "individual") {
  return await t.run(async (ctx) => ctx.db.insert("users", userRow(email, { role })));
}

async function org(t: T, name: string) {
  return await t.run(async (ctx) => {
    const organizationId = await ctx.db.insert(
      "organizations",
      organizationRow({ name, seatsPurchased: 10, seatsUsed: 3 }),
    );
    const teamA = await ctx.db.insert("teams", {
      organizationId,
      name: "A",
      memberCount: 2,
      isActive: true,
      createdAt: 1,
      updatedAt: 1,
    });
    const teamB = await ctx.db.insert("teams", {
      organizationId,
      name: "B",
      memberCount: 1,
      isActive: true,
      createdAt: 1,
      updatedAt: 1,
    });
    return { organizationId, teamA, teamB };
  });
}

describe("who may call what", () => {
  test("signed-out callers get null / empty results from user queries", async () => {
    const t = newTest();
    expect(await t.query(api.users.account.viewer, {})).toBeNull();
    expect(await t.query(api.learning.cohorts.myCohorts, {})).toEqual([]);
    expect(await t.query(api.liveSessions.teaching.myCohorts, {})).toEqual([]);
  });

  test("platform admin functions refuse everyone else", async () => {
    const t = newTest();
    const learner = await user(t, "learner@example.com");
    const admin = await user(t, "admin@academy.test", "platform_admin");
    await expectAppError(t.query(api.catalog.cohorts.list, {}), "NOT_SIGNED_IN");
    await expectAppError(as(t, learner).query(api.catalog.cohorts.list, {}), "NOT_PLATFORM_ADMIN");
    expect(await as(t, admin).query(api.catalog.cohorts.list, {})).toEqual([]);
  });

  test("an admin of organization X can read X but not Y", async () => {
    const t = newTest();
    const x = await org(t, "Xcorp");
    const y = await org(t, "Ycorp");
    const adminX = await user(t, "admin@xcorp.com", "org_admin");
    await makeManager(t, adminX, x.organizationId, "admin", []);
    const overview = await as(t, adminX).query(api.organizations.overview.get, { organizationId: x.organizationId });
    expect(overview).toMatchObject({ name: "Xcorp", seatsPurchased: 10, seatsUsed: 3, myRole: "admin" });
    await expectAppError(
      as(t, adminX).query(api.organizations.overview.get, { organizationId: y.organizationId }),
      "FORBIDDEN",
    );
  });

  test("a manager needs the view_progress permission, and sees their team scope", async () => {
    const t = newTest();
    const x = await org(t, "Xcorp");
    const scoped = await user(t, "lead@xcorp.com", "org_member");
    const noPermission = await user(t, "intern@xcorp.com", "org_member");
    await makeManager(t, scoped, x.organizationId, "manager", ["view_progress"], [x.teamA]);
    await makeManager(t, noPermission, x.organizationId, "viewer", ["view_analytics"]);
    const overview = await as(t, scoped).query(api.organizations.overview.get, { organizationId: x.organizationId });
    expect(overview.teams.map((team) => [team.name, team.inScope])).toEqual([
      ["A", true],
      ["B", false],
    ]);
    const message = await expectAppError(
      as(t, noPermission).query(api.organizations.overview.get, { organizationId: x.organizationId }),
      "MISSING_PERMISSION",
    );
    expect(message).toContain('"view_progress"');
  });

  test("a deactivated manager loses access; a platform admin has it everywhere", async () => {
    const t = newTest();
    const x = await org(t, "Xcorp");
    const former = await user(t, "former@xcorp.com", "org_member");
    await t.run(async (ctx) =>
      ctx.db.insert("organizationManagers", {
        userId: former,
        organizationId: x.organizationId,
        role: "admin",
        permissions: [],
        isActive: false,
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    await expectAppError(
      as(t, former).query(api.organizations.overview.get, { organizationId: x.organizationId }),
      "FORBIDDEN",
    );
    const platform = await user(t, "ops@academy.test", "platform_admin");
    expect(
      (await as(t, platform).query(api.organizations.overview.get, { organizationId: x.organizationId })).myRole,
    ).toBe("platform_admin");
  });
});
