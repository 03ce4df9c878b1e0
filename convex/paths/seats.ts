/** The seat a learner's path includes for a step, taken in a cohort they choose once the step is open. */
import { v } from "convex/values";
import { userMutation, userQuery } from "../functions";
import { seatsLeft } from "../catalog/model/cohorts";
import { cohortsForStep, takeStepSeat } from "./model/seats";

/** The cohorts the caller can take a step's seat in (their own path only; empty for anyone else). */
export const cohorts = userQuery({
  args: { pathEnrollmentId: v.id("userPathEnrollments"), stepId: v.id("learningPathSteps"), now: v.number() },
  returns: v.array(
    v.object({
      _id: v.id("cohorts"),
      name: v.string(),
      startDate: v.number(),
      endDate: v.number(),
      timezone: v.optional(v.string()),
      seatsLeft: v.number(),
      isPrivate: v.boolean(),
    }),
  ),
  handler: async (ctx, { pathEnrollmentId, stepId, now }) => {
    const enrollment = await ctx.db.get("userPathEnrollments", pathEnrollmentId);
    const step = await ctx.db.get("learningPathSteps", stepId);
    if (ctx.viewer === null || enrollment === null || enrollment.userId !== ctx.viewer._id) return [];
    if (step === null || step.pathId !== enrollment.pathId) return [];
    return (await cohortsForStep(ctx, enrollment, step.courseId, now)).map((cohort) => ({
      _id: cohort._id,
      name: cohort.name,
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      ...(cohort.timezone ? { timezone: cohort.timezone } : {}),
      seatsLeft: seatsLeft(cohort),
      isPrivate: cohort.isB2B,
    }));
  },
});

/** Takes the step's included seat in the chosen cohort; the learner gets the calendar file. */
export const take = userMutation({
  args: {
    pathEnrollmentId: v.id("userPathEnrollments"),
    stepId: v.id("learningPathSteps"),
    cohortId: v.id("cohorts"),
  },
  returns: v.id("enrollments"),
  handler: async (ctx, args) => await takeStepSeat(ctx, ctx.viewer, args),
});
