/**
 * Organizations for tests: an active org with an admin, seats, a cohort, and invite tokens read from the dev mailbox.
 */
import { expect } from "vitest";
import type { Id } from "../../convex/_generated/dataModel";
import { MANAGER_PERMISSIONS, type ManagerPermission } from "../../convex/validators";
import { runScheduled, seedCohort, type T } from "./checkout-helpers";

export async function addUser(
  t: T,
  email: string,
  extra: { organizationId?: Id<"organizations">; holdsOrgSeat?: boolean } = {},
) {
  return await t.run(async (ctx) =>
    ctx.db.insert("users", {
      email,
      name: email.split("@")[0].replace(/\./g, " "),
      role: extra.organizationId ? "org_member" : "individual",
      emailNotifications: true,
      smsNotifications: false,
      createdAt: 1,
      updatedAt: 1,
      ...extra,
    }),
  );
}

export async function makeManager(
  t: T,
  userId: Id<"users">,
  organizationId: Id<"organizations">,
  role: "admin" | "manager" | "viewer",
  permissions: ManagerPermission[] = [...MANAGER_PERMISSIONS],
) {
  await t.run(async (ctx) => {
    await ctx.db.insert("organizationManagers", {
      userId,
      organizationId,
      role,
      permissions,
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
    ctx.db.insert("organizations", {
      name,
      domain,
      contactEmail: `admin@${domain}`,
      contactName: "Admin",
      status: "active",
      seatsPurchased: options.seats ?? 5,
      seatsUsed: 0,
      createdAt: 1,
      updatedAt: 1,
    }),
  );
  const adminId = await addUser(t, `admin@${domain}`, { organizationId });
  await makeManager(t, adminId, organizationId, "admin");
  return { organizationId, adminId, courseId, cohortId };
}

/** The invite link token most recently emailed to `email` (delivers queued emails first). */
export async function inviteToken(t: T, email: string) {
  await runScheduled(t);
  const mail = await t.run(async (ctx) =>
    ctx.db
      .query("devEmails")
      .withIndex("by_to", (q) => q.eq("to", email))
      .collect(),
  );
  const url = mail.at(-1)?.actionUrl;
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
