/** An organization's members: their seats and the cohorts the organization places them in. */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { orgEnrollmentMutation, orgMemberMutation, orgQuery } from "../functions";
import { memberActionRefusal } from "../access";
import {
  auditOnMember,
  cohortAvailableTo,
  enrollMember,
  joinOrganization,
  moveEnrollment,
  removeFromOrganization,
  requireActive,
} from "./model/membership";
import { tellEnrolled, tellMoved, tellUnassigned } from "../enrollments/model/placementEmails";
import { unassign } from "../enrollments/model/state";
import { seatsLeft } from "../catalog/model/cohorts";
import { vCohortStatus, vManagerRole, vTeamRole } from "../validators";

/** Members a page at a time, with their teams and current cohorts. */
export const list = orgQuery({
  args: { paginationOpts: paginationOptsValidator },
  permission: "view_progress",
  returns: paginationResultValidator(
    v.object({
      _id: v.id("users"),
      name: v.string(),
      email: v.string(),
      holdsSeat: v.boolean(),
      managerRole: v.union(vManagerRole, v.null()),
      managerTeamIds: v.array(v.id("teams")),
      teams: v.array(v.object({ _id: v.id("teams"), name: v.string(), role: vTeamRole })),
      enrollments: v.array(
        v.object({
          enrollmentId: v.id("enrollments"),
          courseId: v.id("courses"),
          cohortId: v.id("cohorts"),
          cohortName: v.string(),
          status: vCohortStatus,
          /** Placed (and paid) by the organization: the console may move it or take the member out. */
          placedByOrganization: v.boolean(),
        }),
      ),
      /** What the caller may do to this person (the rule of convex/access.ts). */
      canAct: v.object({ enroll: v.boolean(), teams: v.boolean(), remove: v.boolean() }),
    }),
  ),
  handler: async (ctx, { paginationOpts }) => {
    const { organization, teamScope } = ctx.access;
    const page = await ctx.db
      .query("users")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organization._id))
      .order("desc")
      .paginate(paginationOpts);
    const rows = await Promise.all(
      page.page.map(async (user) => {
        const memberships = await ctx.db
          .query("teamMembers")
          .withIndex("by_userId", (q) => q.eq("userId", user._id))
          .take(20);
        const teams = (
          await Promise.all(
            memberships.map(async (m) => {
              const team = await ctx.db.get("teams", m.teamId);
              return team && team.isActive && team.organizationId === organization._id
                ? { _id: team._id, name: team.name, role: m.role }
                : null;
            }),
          )
        ).filter((t) => t !== null);
        if (teamScope !== "all" && !teams.some((t) => teamScope.has(t._id))) return null;
        const manager = await ctx.db
          .query("organizationManagers")
          .withIndex("by_userId_and_organizationId", (q) =>
            q.eq("userId", user._id).eq("organizationId", organization._id),
          )
          .unique();
        // The same rule the mutations apply (convex/access.ts), so the menu offers only what will work.
        const facts = { name: user.name, inScope: true, isManager: manager?.isActive === true };
        const allowed = (action: "enroll" | "set_team" | "manage_membership") =>
          memberActionRefusal(ctx.access, action, facts) === null;
        const enrollments = await ctx.db
          .query("enrollments")
          .withIndex("by_userId_and_courseId", (q) => q.eq("userId", user._id))
          .take(20);
        const current = await Promise.all(
          enrollments
            .filter((e) => e.paymentStatus === "completed" || (e.paymentStatus === "pending" && e.seatHeld))
            .map(async (e) => {
              const cohort = await ctx.db.get("cohorts", e.cohortId);
              return {
                enrollmentId: e._id,
                courseId: e.courseId,
                cohortId: e.cohortId,
                cohortName: cohort?.name ?? "Removed cohort",
                status: cohort?.status ?? "cancelled",
                placedByOrganization: e.paymentType === "b2b" && e.paymentStatus === "completed",
              };
            }),
        );
        return {
          _id: user._id,
          name: user.name,
          email: user.email,
          holdsSeat: user.holdsOrgSeat === true,
          managerRole: manager?.isActive ? manager.role : null,
          managerTeamIds: manager?.isActive ? (manager.teamIds ?? []) : [],
          teams,
          enrollments: current,
          canAct: { enroll: allowed("enroll"), teams: allowed("set_team"), remove: allowed("manage_membership") },
        };
      }),
    );
    return { ...page, page: rows.filter((row) => row !== null) };
  },
});

/** Cohorts the organization can place members in: its private cohorts and open public ones. */
export const assignableCohorts = orgQuery({
  args: {},
  permission: "view_progress",
  returns: v.array(
    v.object({
      _id: v.id("cohorts"),
      name: v.string(),
      courseId: v.id("courses"),
      courseTitle: v.string(),
      startDate: v.number(),
      seatsLeft: v.number(),
      isPrivate: v.boolean(),
    }),
  ),
  handler: async (ctx) => {
    const { organization } = ctx.access;
    const now = Date.now();
    // Its own private cohorts come through their index, so other cohorts never crowd them out of the list.
    const own = await ctx.db
      .query("cohorts")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organization._id))
      .order("desc")
      .take(100);
    const upcoming = await ctx.db
      .query("cohorts")
      .withIndex("by_startDate", (q) => q.gt("startDate", now - 30 * 24 * 60 * 60 * 1000))
      .take(200);
    const usable = [...own, ...upcoming.filter((c) => !c.isB2B)].filter((c) => cohortAvailableTo(c, organization._id));
    return await Promise.all(
      usable.map(async (cohort) => ({
        _id: cohort._id,
        name: cohort.name,
        courseId: cohort.courseId,
        courseTitle: (await ctx.db.get("courses", cohort.courseId))?.title ?? "",
        startDate: cohort.startDate,
        seatsLeft: seatsLeft(cohort),
        isPrivate: cohort.isB2B,
      })),
    );
  },
});

/** Places a member in a cohort (b2b enrollment, no payment); they get the "You're enrolled" email with its calendar. */
export const assignCohort = orgMemberMutation({
  args: { cohortId: v.id("cohorts") },
  memberAction: "enroll",
  returns: v.id("enrollments"),
  handler: async (ctx, { cohortId }) => {
    const { organization } = ctx.access;
    requireActive(organization);
    const { member } = ctx;
    if (!member.holdsOrgSeat)
      throw appError("INVALID_INPUT", `${member.name} has no seat. Give them a seat before assigning a cohort.`);
    const enrollmentId = await enrollMember(ctx, organization._id, member, cohortId);
    await auditOnMember(ctx, "cohort_assigned", { cohortId });
    await tellEnrolled(ctx, member, cohortId, organization.name);
    return enrollmentId;
  },
});

/**
 * Only enrollments the organization placed (b2b, confirmed) in a cohort that is still running or ahead are moved or
 * taken out from the console: a finished cohort's enrollment is the member's record (completion, certificate), and a
 * cancelled cohort's learners make their own choice.
 */
async function requireOrgPlaced(ctx: QueryCtx, enrollment: Doc<"enrollments">) {
  if (enrollment.paymentType !== "b2b" || enrollment.paymentStatus !== "completed") {
    throw appError("INVALID_INPUT", "Only enrollments your organization paid for can be moved or removed here.");
  }
  const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
  if (cohort === null || (cohort.status !== "open" && cohort.status !== "in_progress")) {
    throw appError(
      "COHORT_NOT_OPEN",
      cohort?.status === "cancelled"
        ? "This cohort was cancelled: the learner chooses what happens to their seat."
        : "This cohort has finished: its enrollments stay as the learners' record.",
    );
  }
  return enrollment;
}

/**
 * Moves a member to another cohort of the same course; both seat counts stay true, the move is logged, and the member
 * gets a calendar file that swaps the old sessions for the new ones.
 */
export const moveCohort = orgEnrollmentMutation({
  args: { toCohortId: v.id("cohorts") },
  memberAction: "enroll",
  returns: v.null(),
  handler: async (ctx, { toCohortId }) => {
    const { organization } = ctx.access;
    requireActive(organization);
    const enrollment = await requireOrgPlaced(ctx, ctx.enrollment);
    await moveEnrollment(ctx, organization._id, enrollment, toCohortId);
    await auditOnMember(ctx, "cohort_moved", { cohortId: toCohortId, fromCohortId: enrollment.cohortId });
    await tellMoved(ctx, ctx.member, enrollment.cohortId, toCohortId, organization.name);
    return null;
  },
});

/**
 * Takes a member out of a cohort: the cohort seat goes back (offered to its waitlist when the cohort is public), the
 * member keeps their organization seat for another cohort, and is told with a calendar file that removes the sessions.
 */
export const unassignCohort = orgEnrollmentMutation({
  args: {},
  memberAction: "enroll",
  returns: v.null(),
  handler: async (ctx) => {
    const { organization } = ctx.access;
    const enrollment = await requireOrgPlaced(ctx, ctx.enrollment);
    await unassign(ctx, enrollment);
    await auditOnMember(ctx, "cohort_unassigned", { fromCohortId: enrollment.cohortId });
    await tellUnassigned(ctx, ctx.member, enrollment.cohortId, organization.name);
    return null;
  },
});

/**
 * Removes a member: their seat returns to the pool, running and future b2b
 * enrollments end (cohort seats go back), team and manager roles are removed.
 */
export const remove = orgMemberMutation({
  args: {},
  memberAction: "manage_membership",
  returns: v.null(),
  handler: async (ctx) => {
    const { organization, viewer } = ctx.access;
    const { member } = ctx;
    if (member._id === viewer._id)
      throw appError("INVALID_INPUT", "You cannot remove yourself. Ask another administrator.");
    await removeFromOrganization(ctx, organization._id, member);
    await auditOnMember(ctx, "member_removed", { subjectEmail: member.email });
    return null;
  },
});

/** Gives a member without a seat (e.g. a manager) one of the free seats. */
export const grantSeat = orgMemberMutation({
  args: {},
  memberAction: "manage_membership",
  returns: v.null(),
  handler: async (ctx) => {
    const { organization } = ctx.access;
    const { member } = ctx;
    await joinOrganization(ctx, organization._id, member);
    await auditOnMember(ctx, "member_joined", { details: "Seat granted" });
    return null;
  },
});
