/** The intake survey: after buying, a learner tells their instructor their role, AI experience and goals. */
import { v } from "convex/values";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";
import { TEXT_LIMITS, boundedText } from "../limits";
import { cohortLearners } from "../enrollments/model/learners";
import { recordIntakeSurvey } from "../enrollments/model/state";
import { cohortForStaff } from "../liveSessions/model/lifecycle";
import { vAiExperience } from "../validators";

/** Saves (or updates) the learner's answers for one of their confirmed enrollments. */
export const submit = userMutation({
  args: { enrollmentId: v.id("enrollments"), jobRole: v.string(), aiExperience: vAiExperience, goals: v.string() },
  returns: v.null(),
  handler: async (ctx, { enrollmentId, jobRole, aiExperience, goals }) => {
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    if (enrollment === null || enrollment.userId !== ctx.viewer._id || enrollment.paymentStatus !== "completed") {
      throw appError("NOT_FOUND", "This enrollment is not yours, or is not confirmed.");
    }
    const intakeSurvey = {
      jobRole: boundedText(jobRole, "your role", TEXT_LIMITS.name, { min: 1 }),
      aiExperience,
      goals: boundedText(goals, "what you want from this course", 2_000, { min: 1 }),
      submittedAt: Date.now(),
    };
    await recordIntakeSurvey(ctx, enrollment, intakeSurvey);
    return null;
  },
});

/**
 * Who is coming and what they want: each confirmed learner's intake answers, for the cohort's instructor and platform
 * admins.
 */
export const forCohort = userQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.union(
    v.null(),
    v.array(
      v.object({
        enrollmentId: v.id("enrollments"),
        name: v.string(),
        title: v.optional(v.string()),
        company: v.optional(v.string()),
        answers: v.union(
          v.null(),
          v.object({ jobRole: v.string(), aiExperience: vAiExperience, goals: v.string(), submittedAt: v.number() }),
        ),
      }),
    ),
  ),
  handler: async (ctx, { cohortId }) => {
    const cohort = await cohortForStaff(ctx, ctx.viewer, cohortId);
    if (cohort === null) return null;
    const learners = await cohortLearners(ctx, cohortId);
    return learners
      .map(({ enrollment, user }) => ({
        enrollmentId: enrollment._id,
        name: user.name,
        ...(user.title ? { title: user.title } : {}),
        ...(user.company ? { company: user.company } : {}),
        answers: enrollment.intakeSurvey ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  },
});
