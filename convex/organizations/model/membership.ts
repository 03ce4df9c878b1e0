/**
 * Organization seats and membership. A member "holds a seat" while
 * `users.holdsOrgSeat` is true; `organizations.seatsUsed` counts exactly those
 * users and never exceeds `seatsPurchased`. Only this module changes either.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { appError } from "../../errors";
import type { OrgAuditAction } from "../../validators";
import { liveEnrollmentInCourse } from "../../enrollments/model/seats";
import { enrollConfirmed, moveToCohort, unassign } from "../../enrollments/model/state";
import { leaveCourseWaitlists } from "../../waitlist/model/queue";

export function emailDomain(email: string) {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/** Normalizes an organization's email domain ("@Acme.com " → "acme.com"); throws INVALID_INPUT. */
export function normalizeDomain(raw: string) {
  const domain = raw.trim().toLowerCase().replace(/^@/, "");
  if (!/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/.test(domain)) {
    throw appError("INVALID_INPUT", `"${raw.trim()}" is not an email domain like acme.com.`);
  }
  return domain;
}

export async function audit(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  action: OrgAuditAction,
  fields: Partial<
    Pick<
      Doc<"organizationAuditLog">,
      "actorId" | "subjectUserId" | "subjectEmail" | "cohortId" | "fromCohortId" | "details"
    >
  > = {},
) {
  await ctx.db.insert("organizationAuditLog", { organizationId, action, ...fields, createdAt: Date.now() });
}

/** Logs what the caller did to the one member a function acts on (the person builders' `ctx.member`). */
export async function auditOnMember(
  ctx: MutationCtx & {
    access: { organization: Doc<"organizations">; viewer: Doc<"users"> };
    member: { _id: Id<"users"> };
  },
  action: OrgAuditAction,
  fields: Omit<NonNullable<Parameters<typeof audit>[3]>, "actorId" | "subjectUserId"> = {},
) {
  const { organization, viewer } = ctx.access;
  await audit(ctx, organization._id, action, { actorId: viewer._id, subjectUserId: ctx.member._id, ...fields });
}

export function requireActive(organization: Doc<"organizations">) {
  if (organization.status === "pending_payment") {
    throw appError("NOT_AVAILABLE", `${organization.name}'s seats are waiting for their invoice to be paid.`);
  }
  if (organization.status === "suspended") {
    throw appError("NOT_AVAILABLE", `${organization.name} is suspended until its seat invoice is paid.`);
  }
}

/**
 * Makes `user` a seat-holding member of the organization, in the caller's
 * transaction. Throws NO_SEATS_LEFT when every purchased seat is taken.
 */
export async function joinOrganization(ctx: MutationCtx, organizationId: Id<"organizations">, user: Doc<"users">) {
  const organization = await ctx.db.get("organizations", organizationId);
  if (organization === null) throw appError("NOT_FOUND", "This organization no longer exists.");
  requireActive(organization);
  if (user.organizationId && user.organizationId !== organizationId) {
    throw appError(
      "FORBIDDEN",
      "You already belong to another organization on the academy. Ask its administrator to remove you first.",
    );
  }
  if (user.organizationId === organizationId && user.holdsOrgSeat) return organization;
  if (organization.seatsUsed >= organization.seatsPurchased) {
    throw appError(
      "NO_SEATS_LEFT",
      `All ${organization.seatsPurchased} of ${organization.name}'s seats are taken. ` +
        "Ask your administrator to free or buy one.",
    );
  }
  await ctx.db.patch("organizations", organizationId, { seatsUsed: organization.seatsUsed + 1, updatedAt: Date.now() });
  await ctx.db.patch("users", user._id, {
    organizationId,
    holdsOrgSeat: true,
    company: user.company ?? organization.name,
    ...(user.role === "individual" ? { role: "org_member" as const } : {}),
    updatedAt: Date.now(),
  });
  return organization;
}

/** Gives the member's seat back (no-op without one). */
export async function releaseOrgSeat(ctx: MutationCtx, organizationId: Id<"organizations">, user: Doc<"users">) {
  if (user.organizationId !== organizationId || !user.holdsOrgSeat) return false;
  const organization = await ctx.db.get("organizations", organizationId);
  if (organization !== null) {
    await ctx.db.patch("organizations", organizationId, {
      seatsUsed: Math.max(0, organization.seatsUsed - 1),
      updatedAt: Date.now(),
    });
  }
  await ctx.db.patch("users", user._id, { holdsOrgSeat: false, updatedAt: Date.now() });
  return true;
}

/** Cohorts an organization may place members in: its own private cohorts and open public ones. */
export function cohortAvailableTo(cohort: Doc<"cohorts">, organizationId: Id<"organizations">) {
  if (cohort.status === "completed" || cohort.status === "cancelled") return false;
  return cohort.isB2B ? cohort.organizationId === organizationId : true;
}

/**
 * Enrolls a seat-holding member in a cohort as a `b2b` enrollment (no
 * payment): free enrollment only with one of the organization's seats, one
 * live enrollment per course, and they leave the course's waitlists.
 */
export async function enrollMember(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  user: Doc<"users">,
  cohortId: Id<"cohorts">,
) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort === null || !cohortAvailableTo(cohort, organizationId)) {
    throw appError("NOT_AVAILABLE", "This cohort is not open to your organization.");
  }
  if (user.organizationId !== organizationId || !user.holdsOrgSeat) {
    throw appError("INVALID_INPUT", `${user.name} has no seat. Give them a seat before assigning a cohort.`);
  }
  if (await liveEnrollmentInCourse(ctx, user._id, cohort.courseId)) {
    throw appError("ALREADY_ENROLLED", `${user.name} is already enrolled in this course. Move them instead.`);
  }
  const enrollmentId = await enrollConfirmed(ctx, user._id, cohort, { paymentType: "b2b" });
  await leaveCourseWaitlists(ctx, user._id, cohort.courseId);
  return enrollmentId;
}

/** Moves a b2b enrollment to another cohort of the same course, keeping seat counts true on both. */
export async function moveEnrollment(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  enrollment: Doc<"enrollments">,
  toCohortId: Id<"cohorts">,
) {
  const target = await ctx.db.get("cohorts", toCohortId);
  if (target === null || !cohortAvailableTo(target, organizationId)) {
    throw appError("NOT_AVAILABLE", "This cohort is not open to your organization.");
  }
  if (target.courseId !== enrollment.courseId) {
    throw appError("INVALID_INPUT", "A member can only move to another cohort of the same course.");
  }
  if (target._id === enrollment.cohortId) throw appError("INVALID_INPUT", "The member is already in this cohort.");
  await moveToCohort(ctx, enrollment, target);
}

/** Ends a member's future or running b2b enrollments (removal from the org), giving cohort seats back. */
export async function endOrgEnrollments(ctx: MutationCtx, userId: Id<"users">) {
  const enrollments = await ctx.db
    .query("enrollments")
    .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId))
    .take(100);
  for (const enrollment of enrollments) {
    if (enrollment.paymentType !== "b2b" || enrollment.paymentStatus !== "completed") continue;
    const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
    if (cohort === null || cohort.status === "completed") continue;
    await unassign(ctx, enrollment);
  }
}

/**
 * Takes a member out of an organization: their seat returns to the pool, running and future b2b enrollments end
 * (cohort seats go back), team memberships and the manager role end, and an org role becomes "individual".
 */
export async function removeFromOrganization(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  member: Doc<"users">,
) {
  await releaseOrgSeat(ctx, organizationId, member);
  await endOrgEnrollments(ctx, member._id);
  for (const membership of await ctx.db
    .query("teamMembers")
    .withIndex("by_userId", (q) => q.eq("userId", member._id))
    .take(50)) {
    const team = await ctx.db.get("teams", membership.teamId);
    if (team?.organizationId !== organizationId) continue;
    await ctx.db.delete("teamMembers", membership._id);
    await ctx.db.patch("teams", team._id, { memberCount: Math.max(0, team.memberCount - 1), updatedAt: Date.now() });
  }
  const manager = await ctx.db
    .query("organizationManagers")
    .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", member._id).eq("organizationId", organizationId))
    .unique();
  if (manager) await ctx.db.patch("organizationManagers", manager._id, { isActive: false, updatedAt: Date.now() });
  await ctx.db.patch("users", member._id, {
    organizationId: undefined,
    holdsOrgSeat: undefined,
    ...(member.role === "org_member" || member.role === "org_admin" ? { role: "individual" as const } : {}),
    updatedAt: Date.now(),
  });
}
