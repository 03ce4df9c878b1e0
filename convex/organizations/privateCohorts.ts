/** Private company cohorts: platform admins plan them for an organization and see its cohorts. */
import { v } from "convex/values";
import { appError } from "../errors";
import { platformAdminMutation, platformAdminQuery } from "../functions";
import { createPrivateCohort } from "./model/privateCohorts";
import { vCohortStatus, vOrganizationStatus, vPrivateCohortPlan } from "../validators";

/** An organization as its admin page shows it, with its private cohorts (newest start first). */
export const forOrganization = platformAdminQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.union(
    v.null(),
    v.object({
      organization: v.object({
        _id: v.id("organizations"),
        name: v.string(),
        domain: v.string(),
        status: vOrganizationStatus,
        seatsPurchased: v.number(),
        seatsUsed: v.number(),
      }),
      cohorts: v.array(
        v.object({
          _id: v.id("cohorts"),
          name: v.string(),
          courseTitle: v.string(),
          startDate: v.number(),
          endDate: v.number(),
          timezone: v.string(),
          status: vCohortStatus,
          currentEnrollment: v.number(),
          maxCapacity: v.number(),
          instructorName: v.union(v.string(), v.null()),
        }),
      ),
    }),
  ),
  handler: async (ctx, { organizationId }) => {
    const organization = await ctx.db.get("organizations", organizationId);
    if (organization === null) return null;
    const cohorts = await ctx.db
      .query("cohorts")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
      .order("desc")
      .take(100);
    const rows = await Promise.all(
      cohorts.map(async (cohort) => {
        const course = await ctx.db.get("courses", cohort.courseId);
        const instructor = cohort.instructorId ? await ctx.db.get("users", cohort.instructorId) : null;
        return {
          _id: cohort._id,
          name: cohort.name,
          courseTitle: course?.title ?? "Unknown course",
          startDate: cohort.startDate,
          endDate: cohort.endDate,
          timezone: cohort.timezone ?? "UTC",
          status: cohort.status,
          currentEnrollment: cohort.currentEnrollment,
          maxCapacity: cohort.maxCapacity,
          instructorName: instructor?.name ?? null,
        };
      }),
    );
    return {
      organization: {
        _id: organization._id,
        name: organization.name,
        domain: organization.domain,
        status: organization.status,
        seatsPurchased: organization.seatsPurchased,
        seatsUsed: organization.seatsUsed,
      },
      cohorts: rows.sort((a, b) => b.startDate - a.startDate),
    };
  },
});

/** Plans a private cohort for an organization: hidden from the public, assignable only from its console. */
export const create = platformAdminMutation({
  args: { organizationId: v.id("organizations"), plan: vPrivateCohortPlan },
  returns: v.id("cohorts"),
  handler: async (ctx, { organizationId, plan }) => {
    const organization = await ctx.db.get("organizations", organizationId);
    if (organization === null) throw appError("NOT_FOUND", "This organization no longer exists.");
    return await createPrivateCohort(ctx, ctx.viewer, organization, plan);
  },
});
