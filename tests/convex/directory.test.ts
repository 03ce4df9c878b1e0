/**
 * #18 People directory: platform admins find anyone, see what they hold, and grant or remove platform admin (logged;
 * never the last).
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { as, enrollConfirmed, seedCohort } from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";
import { addUser, makeManager, seedOrg } from "./org-helpers";

async function fixture() {
  const t = newTest();
  const { courseId, cohortId, buyers } = await seedCohort(t, { buyers: 1 });
  const priya = await addUser(t, "priya.raman@academy.example");
  const ada = await addUser(t, "ada.lovelace@example.com");
  await t.run(async (ctx) => {
    await ctx.db.patch("users", priya, { role: "platform_admin", name: "Priya Raman" });
    await ctx.db.patch("users", ada, { name: "Ada Lovelace", company: "Analytical Engines" });
    await ctx.db.patch("cohorts", cohortId, { instructorId: ada });
  });
  await enrollConfirmed(t, { userId: ada, cohortId, courseId });
  return { t, priya, ada, buyer: buyers[0], cohortId };
}

describe("people directory", () => {
  test("finds people by a word of their name or the start of their email, and lists the newest without a query", async () => {
    const { t, priya, ada } = await fixture();
    const admin = as(t, priya);
    expect((await admin.query(api.users.directory.search, { query: "lovelace" })).map((p) => p._id)).toEqual([ada]);
    expect((await admin.query(api.users.directory.search, { query: "ADA.love" })).map((p) => p._id)).toEqual([ada]);
    expect(await admin.query(api.users.directory.search, { query: "nobody-by-this-name" })).toEqual([]);
    const newest = await admin.query(api.users.directory.search, { query: "" });
    expect(newest.map((p) => p.email)).toContain("ada.lovelace@example.com");
    await expectAppError(admin.query(api.users.directory.search, { query: "x".repeat(101) }), "INVALID_INPUT");
  });

  test("a person's page shows their seats, the cohorts they teach, their organization roles and certificates", async () => {
    const { t, priya, ada, cohortId } = await fixture();
    const { organizationId } = await seedOrg(t);
    await t.run(async (ctx) => await ctx.db.patch("users", ada, { organizationId, role: "org_member" }));
    await makeManager(t, ada, organizationId, "manager");
    const page = await as(t, priya).query(api.users.directory.person, { personId: ada });
    expect(page).toMatchObject({
      person: { name: "Ada Lovelace", role: "org_member", organizationName: expect.any(String) },
      company: "Analytical Engines",
      enrollments: [{ cohortId, cohortName: "December cohort", paymentStatus: "completed" }],
      teaching: [{ cohortId, name: "December cohort" }],
      managerRoles: [{ role: "manager", isActive: true }],
      certificates: [],
      history: [],
      isLastPlatformAdmin: false,
    });
  });

  test("granting and removing platform admin is logged with who did it; the last platform admin cannot be removed", async () => {
    const { t, priya, ada } = await fixture();
    const admin = as(t, priya);
    expect((await admin.query(api.users.directory.person, { personId: priya }))!.isLastPlatformAdmin).toBe(true);
    expect(
      await expectAppError(
        admin.mutation(api.users.directory.setPlatformAdmin, { personId: priya, platformAdmin: false }),
        "INVALID_INPUT",
      ),
    ).toMatch(/at least one platform admin/);

    await admin.mutation(api.users.directory.setPlatformAdmin, { personId: ada, platformAdmin: true });
    expect(await as(t, ada).query(api.users.account.viewer, {})).toMatchObject({ role: "platform_admin" });
    // Now Ada may remove Priya, and Priya may no longer act as an admin.
    await as(t, ada).mutation(api.users.directory.setPlatformAdmin, { personId: priya, platformAdmin: false });
    await expectAppError(admin.query(api.users.directory.search, { query: "" }), "NOT_PLATFORM_ADMIN");
    expect((await t.run(async (ctx) => await ctx.db.get("users", priya)))!.role).toBe("individual");

    const adaPage = await as(t, ada).query(api.users.directory.person, { personId: ada });
    expect(adaPage!.history).toEqual([
      { action: "platform_admin_granted", actorName: "Priya Raman", createdAt: expect.any(Number) },
    ]);
    const priyaPage = await as(t, ada).query(api.users.directory.person, { personId: priya });
    expect(priyaPage!.history).toEqual([
      { action: "platform_admin_removed", actorName: "Ada Lovelace", createdAt: expect.any(Number) },
    ]);
    expect(adaPage!.isLastPlatformAdmin).toBe(true);
  });

  test("a removed platform admin who belongs to an organization goes back to their organization role", async () => {
    const { t, priya, ada } = await fixture();
    const { organizationId } = await seedOrg(t);
    await t.run(async (ctx) => await ctx.db.patch("users", ada, { organizationId, role: "platform_admin" }));
    await makeManager(t, ada, organizationId, "admin");
    await as(t, priya).mutation(api.users.directory.setPlatformAdmin, { personId: ada, platformAdmin: false });
    expect((await t.run(async (ctx) => await ctx.db.get("users", ada)))!.role).toBe("org_admin");
  });
  test("a platform admin makes someone the instructor of a cohort that has not ended: replaced, told, logged", async () => {
    const { t, priya, ada, buyer, cohortId } = await fixture();
    const admin = as(t, priya);
    const before = await admin.query(api.users.directory.person, { personId: buyer });
    expect(before!.assignableCohorts).toEqual([
      expect.objectContaining({ cohortId, name: "December cohort", instructorName: "Ada Lovelace" }),
    ]);
    await admin.mutation(api.users.directory.makeInstructor, { personId: buyer, cohortId });
    const cohort = await t.run(async (ctx) => await ctx.db.get("cohorts", cohortId));
    expect(cohort!.instructorId).toBe(buyer);
    const after = await admin.query(api.users.directory.person, { personId: buyer });
    expect(after!.teaching).toEqual([expect.objectContaining({ cohortId })]);
    expect(after!.assignableCohorts).toEqual([]);
    expect(after!.history).toEqual([
      expect.objectContaining({
        action: "instructor_assigned",
        cohortName: "December cohort",
        actorName: "Priya Raman",
      }),
    ]);
    expect((await admin.query(api.users.directory.person, { personId: ada }))!.teaching).toEqual([]);
    const notices = await t.run(
      async (ctx) =>
        await ctx.db
          .query("notifications")
          .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", buyer))
          .collect(),
    );
    expect(notices.map((n) => n.title)).toEqual(["You now teach December cohort"]);

    await t.run(async (ctx) => await ctx.db.patch("cohorts", cohortId, { status: "completed" }));
    await expectAppError(
      admin.mutation(api.users.directory.makeInstructor, { personId: ada, cohortId }),
      "INVALID_INPUT",
    );
    await expectAppError(
      as(t, ada).mutation(api.users.directory.makeInstructor, { personId: ada, cohortId }),
      "NOT_PLATFORM_ADMIN",
    );
  });
});
