import { v } from "convex/values";
import type { Doc } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import { vCohortStatus } from "../../validators";

/** A cohort as admin and instructor lists show it. */
export const vCohortRow = v.object({
  _id: v.id("cohorts"),
  name: v.string(),
  courseTitle: v.string(),
  startDate: v.number(),
  endDate: v.number(),
  status: vCohortStatus,
  currentEnrollment: v.number(),
  maxCapacity: v.number(),
  isB2B: v.boolean(),
});

/** Rows for a list of cohorts, with their course titles. */
export async function cohortRows(ctx: QueryCtx, cohorts: Doc<"cohorts">[]) {
  const rows = [];
  for (const cohort of cohorts) {
    const course = await ctx.db.get("courses", cohort.courseId);
    rows.push({
      _id: cohort._id,
      name: cohort.name,
      courseTitle: course?.title ?? "Unknown course",
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      status: cohort.status,
      currentEnrollment: cohort.currentEnrollment,
      maxCapacity: cohort.maxCapacity,
      isB2B: cohort.isB2B,
    });
  }
  return rows;
}
