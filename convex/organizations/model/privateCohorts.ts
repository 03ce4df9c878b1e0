/**
 * Private company cohorts: a cohort a platform admin plans for one organization (`isB2B`, `organizationId`). It is
 * never listed publicly (catalog, course page, sitemap, reserve and waitlist refuse `isB2B`), only that organization
 * places people in it (membership.ts `cohortAvailableTo`), and its places are filled from the organization's seats.
 */
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { checkCohortPlan, cohortStaffing } from "../../catalog/model/cohorts";
import { appError } from "../../errors";
import { scheduleCohort } from "../../liveSessions/model/schedule";
import type { PrivateCohortPlan } from "../../validators";
import { audit } from "./membership";

/** Creates an open private cohort for `organization`, with its live sessions planned from the course outline. */
export async function createPrivateCohort(
  ctx: MutationCtx,
  actor: Doc<"users">,
  organization: Doc<"organizations">,
  plan: PrivateCohortPlan,
) {
  const { name } = checkCohortPlan(plan);
  const now = Date.now();
  if (plan.startDate <= now) throw appError("INVALID_INPUT", "A new cohort must start in the future.");
  const course = await ctx.db.get("courses", plan.courseId);
  if (course === null || course.status === "archived") {
    throw appError("NOT_FOUND", "This course is not offered any more.");
  }
  const { zoomLink, instructorId } = await cohortStaffing(ctx, plan.zoomLink, plan.instructorEmail);
  const cohortId = await ctx.db.insert("cohorts", {
    courseId: course._id,
    name,
    startDate: plan.startDate,
    endDate: plan.endDate,
    timezone: plan.timezone,
    maxCapacity: plan.maxCapacity,
    currentEnrollment: 0,
    status: "open",
    ...(zoomLink ? { zoomLink } : {}),
    ...(instructorId ? { instructorId } : {}),
    isB2B: true,
    organizationId: organization._id,
    createdAt: now,
    updatedAt: now,
  });
  await scheduleCohort(ctx, (await ctx.db.get("cohorts", cohortId))!);
  await audit(ctx, organization._id, "private_cohort_created", {
    actorId: actor._id,
    cohortId,
    details: `${course.title} · ${name} · ${plan.maxCapacity} places`,
  });
  return cohortId;
}
