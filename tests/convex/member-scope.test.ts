/**
 * #15.5 and #15.7: every action on a person checks that the person is in the
 * caller's scope, that the caller holds that action's permission, and that
 * only administrators act on managers and administrators.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import type { ManagerPermission } from "../../convex/validators";
import { as, type T } from "./checkout-helpers";
import { insertAnotherCohort } from "./fixtures";
import { expectAppError, modules, newTest } from "./helpers";
import { addUser, makeManager, seedOrg } from "./org-helpers";

/**
 * Acme with teams Sales (ada, the admin, sam) and Support (bob); everyone holds a seat.
 * Sam manages Sales only, with every member permission; Olga manages the whole
 * organization with every member permission but is not an administrator.
 */
async function fixture() {
  const t = newTest();
  const { organizationId, adminId, cohortId, courseId } = await seedOrg(t, { seats: 10 });
  const admin = as(t, adminId);
  const sales = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Sales" });
  const support = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Support" });
  const people: Record<string, Id<"users">> = { admin: adminId };
  for (const name of ["ada", "bob", "sam", "olga", "newbie"]) {
    people[name] = await addUser(t, `${name}@acme.com`, { organizationId, holdsOrgSeat: true });
  }
  await t.run(async (ctx) => ctx.db.patch("organizations", organizationId, { seatsUsed: 5 }));
  for (const [name, teamId] of [
    ["ada", sales],
    ["admin", sales],
    ["sam", sales],
    ["bob", support],
  ] as const) {
    await admin.mutation(api.organizations.teams.setMember, {
      organizationId,
      teamId,
      memberId: people[name],
      teamRole: "member",
    });
  }
  const all: ManagerPermission[] = ["view_progress", "manage_team", "manage_enrollments", "send_reminders"];
  await makeManager(t, people.sam, organizationId, "manager", all, [sales]);
  await makeManager(t, people.olga, organizationId, "manager", all);
  return {
    t,
    organizationId,
    admin,
    cohortId,
    courseId,
    sales,
    support,
    people,
    sam: as(t, people.sam),
    olga: as(t, people.olga),
  };
}

/** `manager` opens a person's progress, which the dashboards log as a view. */
const openPerson = (manager: ReturnType<typeof as>, organizationId: Id<"organizations">, person: Id<"users">) =>
  manager.mutation(api.dashboards.views.recordView, {
    organizationId,
    accessType: "view_individual",
    targetUserId: person,
  });
const isMember = (t: T, userId: Id<"users">) =>
  t.run(async (ctx) => (await ctx.db.get("users", userId))!.organizationId !== undefined);

describe("#15.5 member-level actions stay inside the caller's scope", () => {
  test("#15.5 a team-scoped manager cannot remove the organization's admin", async () => {
    const { t, organizationId, sam, people } = await fixture();
    // The admin is in Sam's team, so scope alone would let Sam act: the admin protection refuses.
    await expectAppError(
      sam.mutation(api.organizations.members.remove, { organizationId, memberId: people.admin }),
      "NOT_ORG_ADMIN",
    );
    expect(await isMember(t, people.admin)).toBe(true);
    // Nor anyone outside Sales.
    await expectAppError(
      sam.mutation(api.organizations.members.remove, { organizationId, memberId: people.bob }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await expectAppError(
      sam.mutation(api.organizations.members.remove, { organizationId, memberId: people.newbie }),
      "OUTSIDE_TEAM_SCOPE",
    );
    expect(await isMember(t, people.bob)).toBe(true);
    // A learner in Sales is within Sam's reach.
    await sam.mutation(api.organizations.members.remove, { organizationId, memberId: people.ada });
    expect(await isMember(t, people.ada)).toBe(false);
  });

  test("#15.5 a team-scoped manager cannot pull a member of another team into theirs", async () => {
    const { t, organizationId, sam, sales, support, people } = await fixture();
    await expectAppError(
      sam.mutation(api.organizations.teams.setMember, {
        organizationId,
        teamId: sales,
        memberId: people.bob,
        teamRole: "member",
      }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await expectAppError(
      sam.mutation(api.organizations.teams.setMember, {
        organizationId,
        teamId: sales,
        memberId: people.newbie,
        teamRole: "member",
      }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await expectAppError(
      sam.mutation(api.organizations.teams.removeMember, { organizationId, teamId: support, memberId: people.bob }),
      "OUTSIDE_TEAM_SCOPE",
    );
    const salesMembers = await t.run(async (ctx) =>
      (await ctx.db.query("teamMembers").collect()).filter((m) => m.teamId === sales).map((m) => m.userId),
    );
    expect(salesMembers).not.toContain(people.bob);
    // Sam still runs his own team: ada becomes its lead.
    await sam.mutation(api.organizations.teams.setMember, {
      organizationId,
      teamId: sales,
      memberId: people.ada,
      teamRole: "lead",
    });
    // …and cannot then read Bob's progress.
    await expectAppError(openPerson(sam, organizationId, people.bob), "OUTSIDE_TEAM_SCOPE");
  });

  test("#15.5 seats and cohorts: only for people in scope, and only with manage_enrollments", async () => {
    const { t, organizationId, admin, sam, cohortId, people } = await fixture();
    const bobEnrollment = await admin.mutation(api.organizations.members.assignCohort, {
      organizationId,
      memberId: people.bob,
      cohortId,
    });
    const other = await t.run((ctx) => insertAnotherCohort(ctx, cohortId, { name: "February cohort" }));
    await expectAppError(
      sam.mutation(api.organizations.members.assignCohort, { organizationId, memberId: people.bob, cohortId: other }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await expectAppError(
      sam.mutation(api.organizations.members.moveCohort, {
        organizationId,
        enrollmentId: bobEnrollment,
        toCohortId: other,
      }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await expectAppError(
      sam.mutation(api.organizations.members.unassignCohort, { organizationId, enrollmentId: bobEnrollment }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await t.run(async (ctx) => ctx.db.patch("users", people.bob, { holdsOrgSeat: false }));
    await expectAppError(
      sam.mutation(api.organizations.members.grantSeat, { organizationId, memberId: people.bob }),
      "OUTSIDE_TEAM_SCOPE",
    );
    const bobNow = await t.run(async (ctx) => ({
      user: (await ctx.db.get("users", people.bob))!,
      enrollment: (await ctx.db.get("enrollments", bobEnrollment))!,
    }));
    expect(bobNow.user.holdsOrgSeat).toBe(false);
    expect(bobNow.enrollment).toMatchObject({ cohortId, paymentStatus: "completed" });

    // A manager of Sales whose role lacks manage_enrollments cannot enroll even their own people.
    const lee = await addUser(t, "lee@acme.com", { organizationId });
    const salesId = (await t.run(async (ctx) => ctx.db.query("teams").collect())).find(
      (team) => team.name === "Sales",
    )!._id;
    await makeManager(t, lee, organizationId, "manager", ["view_progress", "manage_team"], [salesId]);
    await expectAppError(
      as(t, lee).mutation(api.organizations.members.assignCohort, { organizationId, memberId: people.ada, cohortId }),
      "MISSING_PERMISSION",
    );
    // Sam, who has it, can.
    await sam.mutation(api.organizations.members.assignCohort, { organizationId, memberId: people.ada, cohortId });
  });

  test("#15.5 inviting into a cohort needs manage_enrollments; invitations need the whole organization in scope", async () => {
    const { t, organizationId, sam, cohortId, sales } = await fixture();
    const inviter = await addUser(t, "hr@acme.com", { organizationId });
    await makeManager(t, inviter, organizationId, "manager", ["view_progress", "manage_team"]);
    const hr = as(t, inviter);
    await expectAppError(
      hr.mutation(api.organizations.invites.create, { organizationId, email: "new1@acme.com", cohortId }),
      "MISSING_PERMISSION",
    );
    await expectAppError(
      hr.mutation(api.organizations.invites.createFromCsv, { organizationId, csv: "new2@acme.com", cohortId }),
      "MISSING_PERMISSION",
    );
    expect(await t.run(async (ctx) => (await ctx.db.query("organizationInvites").collect()).length)).toBe(0);
    await hr.mutation(api.organizations.invites.create, { organizationId, email: "new1@acme.com" });
    // A manager of one team would bring people in outside everyone's team: invitations are organization-wide.
    await expectAppError(
      sam.mutation(api.organizations.invites.create, { organizationId, email: "new3@acme.com" }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await expectAppError(
      sam.mutation(api.organizations.invites.createFromCsv, { organizationId, csv: "new4@acme.com" }),
      "OUTSIDE_TEAM_SCOPE",
    );
    expect(sales).toBeDefined();
  });

  test("#15.5 only administrators act on managers and administrators", async () => {
    const { t, organizationId, admin, olga, sales, cohortId, people } = await fixture();
    await expectAppError(
      olga.mutation(api.organizations.members.remove, { organizationId, memberId: people.admin }),
      "NOT_ORG_ADMIN",
    );
    await expectAppError(
      olga.mutation(api.organizations.members.remove, { organizationId, memberId: people.sam }),
      "NOT_ORG_ADMIN",
    );
    await expectAppError(
      olga.mutation(api.organizations.members.assignCohort, { organizationId, memberId: people.sam, cohortId }),
      "NOT_ORG_ADMIN",
    );
    await expectAppError(
      olga.mutation(api.organizations.teams.removeMember, { organizationId, teamId: sales, memberId: people.admin }),
      "NOT_ORG_ADMIN",
    );
    await t.run(async (ctx) => ctx.db.patch("users", people.sam, { holdsOrgSeat: false }));
    await expectAppError(
      olga.mutation(api.organizations.members.grantSeat, { organizationId, memberId: people.sam }),
      "NOT_ORG_ADMIN",
    );
    // Olga acts on learners anywhere in the organization; the administrator acts on managers.
    await olga.mutation(api.organizations.teams.setMember, {
      organizationId,
      teamId: sales,
      memberId: people.bob,
      teamRole: "member",
    });
    await olga.mutation(api.organizations.members.remove, { organizationId, memberId: people.newbie });
    await admin.mutation(api.organizations.members.grantSeat, { organizationId, memberId: people.sam });
    await admin.mutation(api.organizations.members.remove, { organizationId, memberId: people.olga });
    expect(await isMember(t, people.olga)).toBe(false);
  });

  test("#15.5 the members list says which actions the caller may take on each person", async () => {
    const { organizationId, sam, olga, people } = await fixture();
    const page = { numItems: 20, cursor: null };
    const samRows = new Map(
      (await sam.query(api.organizations.members.list, { organizationId, paginationOpts: page })).page.map((row) => [
        row._id,
        row.canAct,
      ]),
    );
    expect([...samRows.keys()].sort()).toEqual([people.ada, people.admin, people.sam].sort());
    expect(samRows.get(people.ada)).toEqual({ enroll: true, teams: true, remove: true });
    expect(samRows.get(people.admin)).toEqual({ enroll: false, teams: false, remove: false });
    const olgaRows = new Map(
      (await olga.query(api.organizations.members.list, { organizationId, paginationOpts: page })).page.map((row) => [
        row._id,
        row.canAct,
      ]),
    );
    expect(olgaRows.get(people.bob)).toEqual({ enroll: true, teams: true, remove: true });
    expect(olgaRows.get(people.sam)).toEqual({ enroll: false, teams: false, remove: false });
  });

  test("#15.5 every organization function that names a person goes through the one scope rule", async () => {
    // Functions that take a person are built with orgMemberMutation / orgMemberQuery / orgEnrollmentMutation
    // (which run requireMemberInScope before the handler); the few that take several people or an
    // optional one call requireMemberInScope themselves and are listed here, each with its own test.
    const CHECKED_IN_HANDLER = [
      "dashboards/views.ts:recordView",
      "dashboards/reminders.ts:preview",
      "dashboards/reminders.ts:send",
    ];
    const PERSON_ARGS = ["memberId", "targetUserId", "userIds", "enrollmentId"];
    const unchecked: string[] = [];
    for (const [path, load] of Object.entries(modules)) {
      if (path.includes("/_generated/") || path.endsWith("/convex.config.ts")) continue;
      const mod = (await load()) as Record<
        string,
        { isPublic?: boolean; exportArgs?: () => string; memberAction?: string }
      >;
      for (const [name, fn] of Object.entries(mod)) {
        if (!fn?.isPublic || typeof fn.exportArgs !== "function") continue;
        const args = Object.keys((JSON.parse(fn.exportArgs()) as { value?: Record<string, unknown> }).value ?? {});
        if (!args.includes("organizationId") || !args.some((arg) => PERSON_ARGS.includes(arg))) continue;
        const id = `${path.slice(path.indexOf("/convex/") + "/convex/".length)}:${name}`;
        if (fn.memberAction === undefined && !CHECKED_IN_HANDLER.includes(id)) unchecked.push(id);
      }
    }
    expect(unchecked).toEqual([]);
  }, 60_000); // loads every module
});

describe("#15.7 the access log holds only views the caller could make", () => {
  test("#15.7 a manager cannot write 'who looked at you' entries for people outside their scope or organization", async () => {
    const { t, organizationId, sam, people } = await fixture();
    const globex = await seedOrg(t, { name: "Globex" });
    const stranger = globex.adminId;
    // Entries of other kinds with a target (the server logs exports and reminders itself).
    await expect(
      sam.mutation(api.dashboards.views.recordView, {
        organizationId,
        accessType: "send_reminder" as never,
        targetUserId: stranger,
      }),
    ).rejects.toThrow();
    await expect(
      sam.mutation(api.dashboards.views.recordView, {
        organizationId,
        accessType: "export_report" as never,
        targetUserId: people.bob,
      }),
    ).rejects.toThrow();
    // A dashboard view names nobody.
    await expectAppError(
      sam.mutation(api.dashboards.views.recordView, {
        organizationId,
        accessType: "view_dashboard",
        targetUserId: people.bob,
      }),
      "INVALID_INPUT",
    );
    // Opening a person: in scope only.
    await expectAppError(openPerson(sam, organizationId, stranger), "NOT_FOUND");
    await expectAppError(openPerson(sam, organizationId, people.bob), "OUTSIDE_TEAM_SCOPE");
    const logs = await t.run(async (ctx) => ctx.db.query("managerAccessLogs").collect());
    expect(logs.filter((log) => log.targetUserId !== undefined)).toEqual([]);
    const strangerSees = await as(t, stranger).query(api.privacy.controls.mine, {});
    expect(strangerSees!.views).toEqual([]);

    // What Sam may open is logged, and Ada sees it.
    await openPerson(sam, organizationId, people.ada);
    await sam.mutation(api.dashboards.views.recordView, { organizationId, accessType: "view_dashboard" });
    expect((await as(t, people.ada).query(api.privacy.controls.mine, {}))!.views).toEqual([
      expect.objectContaining({ managerName: "sam", accessType: "view_individual" }),
    ]);
  });

  test("#15.7 a manager without dashboard permissions logs nothing", async () => {
    const { t, organizationId, people } = await fixture();
    const inviterOnly = await addUser(t, "hr@acme.com", { organizationId });
    await makeManager(t, inviterOnly, organizationId, "manager", ["manage_team"]);
    await expectAppError(
      as(t, inviterOnly).mutation(api.dashboards.views.recordView, { organizationId, accessType: "view_dashboard" }),
      "MISSING_PERMISSION",
    );
    await expectAppError(
      as(t, inviterOnly).mutation(api.dashboards.views.recordView, {
        organizationId,
        accessType: "view_individual",
        targetUserId: people.ada,
      }),
      "MISSING_PERMISSION",
    );
    expect(await t.run(async (ctx) => (await ctx.db.query("managerAccessLogs").collect()).length)).toBe(0);
  });
});
