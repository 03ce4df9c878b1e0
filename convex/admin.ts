/** Platform administration. */
import { v } from "convex/values";
import { platformAdminQuery } from "./functions";
import { vCohortStatus } from "./validators";

export const cohorts = platformAdminQuery({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("cohorts"),
      name: v.string(),
      courseTitle: v.string(),
      startDate: v.number(),
      status: vCohortStatus,
      currentEnrollment: v.number(),
      maxCapacity: v.number(),
      isB2B: v.boolean(),
    }),
  ),
  handler: async (ctx) => {
    const cohorts = await ctx.db.query("cohorts").withIndex("by_startDate").order("desc").take(200);
    const rows = [];
    for (const cohort of cohorts) {
      const course = await ctx.db.get("courses", cohort.courseId);
      rows.push({
        _id: cohort._id,
        name: cohort.name,
        courseTitle: course?.title ?? "Unknown course",
        startDate: cohort.startDate,
        status: cohort.status,
        currentEnrollment: cohort.currentEnrollment,
        maxCapacity: cohort.maxCapacity,
        isB2B: cohort.isB2B,
      });
    }
    return rows;
  },
});
