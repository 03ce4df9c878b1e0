/** The instructor's area. */
import { v } from "convex/values";
import { userQuery } from "./functions";
import { vCohortStatus } from "./validators";

export const myCohorts = userQuery({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("cohorts"),
      name: v.string(),
      courseTitle: v.string(),
      startDate: v.number(),
      endDate: v.number(),
      status: vCohortStatus,
      learners: v.number(),
    }),
  ),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewerId = ctx.viewer._id;
    const cohorts = await ctx.db
      .query("cohorts")
      .withIndex("by_instructorId", (q) => q.eq("instructorId", viewerId))
      .take(100);
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
        learners: cohort.currentEnrollment,
      });
    }
    return rows.sort((a, b) => a.startDate - b.startDate);
  },
});
