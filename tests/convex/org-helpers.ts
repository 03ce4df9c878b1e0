/**
 * Organizations for tests: an active org with an admin, seats, a cohort, and invite tokens read from the dev mailbox.
 */
import { expect } from "vitest";
import type { Id } from "../../convex/_generated/dataModel";
import { MANAGER_PERMISSIONS, type ManagerPermission } from "../../convex/validators";
import { api } from "../../convex/_generated/api";
import { as, buySeat, enrollConfirmed, seedCohort, type T } from "./checkout-helpers";
import { organizationRow, platformAdminRow, userRow } from "./fixtures";
import { mailTo } from "./inbox";

/** A person named after their address (dots become spaces); a member of `organizationId` when given. */
export async function addUser(
  t: T,
  email: string,
  extra: { organizationId?: Id<"organizations">; holdsOrgSeat?: boolean } = {},
) {
  return await t.run(async (ctx) =>
    ctx.db.insert(
      "users",
      userRow(email, {
        name: email.split("@")[0].replace(/\./g, " "),
        role: extra.organizationId ? "org_member" : "individual",
        ...extra,
      }),
    ),
  );
}

/** Makes a person a manager of the organization: every permission unless named, scoped to `teamIds` when given. */
export async function makeManager(
  t: T,
  userId: Id<"users">,
  organizationId: Id<"organizations">,
  role: "admin" | "manager" | "viewer",
  permissions: ManagerPermission[] = [...MANAGER_PERMISSIONS],
  teamIds?: Id<"teams">[],
) {
  await t.run(async (ctx) => {
    await ctx.db.insert("organizationManagers", {
      userId,
      organizationId,
      role,
      permissions,
      ...(teamIds ? { teamIds } : {}),
      isActive: true,
      createdAt: 1,
      updatedAt: 1,
    });
  });
}

/** An active organization with `seats` purchased and none used, its admin, and an open cohort (capacity 20). */
export async function seedOrg(t: T, options: { seats?: number; name?: string; domain?: string } = {}) {
  const name = options.name ?? "Acme";
  const domain = options.domain ?? `${name.toLowerCase()}.com`;
  const { courseId, cohortId } = await seedCohort(t, { buyers: 0 });
  const organizationId = await t.run(async (ctx) =>
    ctx.db.insert("organizations", organizationRow({ name, domain, seatsPurchased: options.seats ?? 5 })),
  );
  const adminId = await addUser(t, `admin@${domain}`, { organizationId });
  await makeManager(t, adminId, organizationId, "admin");
  return { organizationId, adminId, courseId, cohortId };
}

/**
 * A learner of the organization: holds one of its seats, is enrolled (paid) in the cohort, and `admin` (a caller
 * with manage_team) has put them in `teamId`.
 */
export async function addTeamLearner(
  t: T,
  admin: ReturnType<typeof as>,
  email: string,
  place: { organizationId: Id<"organizations">; teamId: Id<"teams">; cohortId: Id<"cohorts">; courseId: Id<"courses"> },
) {
  const { organizationId, teamId, cohortId, courseId } = place;
  const userId = await addUser(t, email, { organizationId, holdsOrgSeat: true });
  const enrollmentId = await enrollConfirmed(t, { userId, cohortId, courseId });
  await admin.mutation(api.organizations.teams.setMember, {
    organizationId,
    teamId,
    memberId: userId,
    teamRole: "member",
  });
  return { userId, enrollmentId };
}

/**
 * The two kinds of paid seat in a cohort: `payer` buys one through Stripe's checkout, and Ops (a platform admin) places
 * maya@acme.com on one of Acme's 3 seats, making her account.
 */
export async function seedPayerAndMember(t: T, cohortId: Id<"cohorts">, payer: Id<"users">) {
  const { opsId, organizationId } = await t.run(async (ctx) => ({
    opsId: await ctx.db.insert("users", platformAdminRow()),
    organizationId: await ctx.db.insert("organizations", organizationRow({ seatsPurchased: 3 })),
  }));
  const ops = as(t, opsId);
  const paidId = await buySeat(t, payer, cohortId);
  const { enrollmentId: memberEnrollmentId } = await ops.mutation(api.enrollments.operations.add, {
    cohortId,
    email: "maya@acme.com",
    payment: { kind: "organization", organizationId },
  });
  const member = await t.run(async (ctx) => (await ctx.db.get("enrollments", memberEnrollmentId))!.userId);
  return { ops, opsId, organizationId, paidId, memberEnrollmentId, member };
}

/** The invite link token most recently emailed to `email` (delivers queued emails first). */
export async function inviteToken(t: T, email: string) {
  const url = (await mailTo(t, email)).at(-1)?.actionUrl;
  expect(url, `an invite email to ${email}`).toMatch(/\/invite\//);
  return url!.split("/invite/")[1];
}

/** Seats used must equal seat-holding members and never exceed seats purchased. */
export async function seatInvariant(t: T, organizationId: Id<"organizations">) {
  return await t.run(async (ctx) => {
    const organization = (await ctx.db.get("organizations", organizationId))!;
    const members = await ctx.db
      .query("users")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .collect();
    const holders = members.filter((m) => m.holdsOrgSeat).length;
    expect(organization.seatsUsed).toBe(holders);
    expect(organization.seatsUsed).toBeLessThanOrEqual(organization.seatsPurchased);
    return { organization, holders, members: members.length };
  });
}
