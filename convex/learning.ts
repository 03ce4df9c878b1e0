/** The learner's own enrollments. */
import { v } from "convex/values";
import { userQuery } from "./functions";
import { vCohortStatus, vCourseFormat, vPaymentStatus } from "./validators";

export const myCohorts = userQuery({
  args: {},
  returns: v.array(
    v.object({
      enrollmentId: v.id("enrollments"),
      cohortId: v.id("cohorts"),
      cohortName: v.string(),
      courseTitle: v.string(),
      courseSlug: v.string(),
      format: vCourseFormat,
      startDate: v.number(),
      endDate: v.number(),
      timezone: v.optional(v.string()),
      cohortStatus: vCohortStatus,
      paymentStatus: vPaymentStatus,
    }),
  ),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewerId = ctx.viewer._id;
    const enrollments = await ctx.db
      .query("enrollments")
      .withIndex("by_userId_and_courseId", (q) => q.eq("userId", viewerId))
      .take(100);
    const rows = [];
    for (const enrollment of enrollments) {
      if (enrollment.paymentStatus === "refunded" || enrollment.paymentStatus === "failed") continue;
      const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
      const course = await ctx.db.get("courses", enrollment.courseId);
      if (!cohort || !course) continue;
      rows.push({
        enrollmentId: enrollment._id,
        cohortId: cohort._id,
        cohortName: cohort.name,
        courseTitle: course.title,
        courseSlug: course.slug,
        format: course.sessionType,
        startDate: cohort.startDate,
        endDate: cohort.endDate,
        ...(cohort.timezone ? { timezone: cohort.timezone } : {}),
        cohortStatus: cohort.status,
        paymentStatus: enrollment.paymentStatus,
      });
    }
    return rows.sort((a, b) => a.startDate - b.startDate);
  },
});
