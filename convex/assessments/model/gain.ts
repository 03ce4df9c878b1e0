/**
 * Learning gain: when a learner has a scored pre-course and post-course attempt of
 * their course, Hake's normalized gain overall and per skill goes to
 * `learningGainAnalytics` (one row per enrollment), which feeds the managers'
 * figures through memberStats (with the learner's privacy choices applied there).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { normalizedGain, percentageGain, pointsPossible, round1 } from "./scoring";

/** The course's assessments of one type, active or not (past attempts of a deactivated one still count). */
async function courseAssessments(ctx: QueryCtx, courseId: Id<"courses">, type: "pre_course" | "post_course") {
  return await ctx.db
    .query("assessments")
    .withIndex("by_courseId_and_type_and_isActive", (q) => q.eq("courseId", courseId).eq("type", type))
    .take(20);
}

async function scoredAttempts(ctx: QueryCtx, enrollmentId: Id<"enrollments">, assessments: Array<Doc<"assessments">>) {
  const attempts = [];
  for (const assessment of assessments) {
    const rows = await ctx.db
      .query("assessmentAttempts")
      .withIndex("by_enrollmentId_and_assessmentId", (q) =>
        q.eq("enrollmentId", enrollmentId).eq("assessmentId", assessment._id),
      )
      .take(50);
    attempts.push(...rows.filter((a) => a.score !== undefined && (a.pointsPossible ?? 0) > 0));
  }
  return attempts;
}

/** Per skill: points earned over points possible, in percent, over the attempt's questions that test it. */
export async function skillScores(ctx: QueryCtx, attempt: Doc<"assessmentAttempts">) {
  const sums = new Map<Id<"skills">, { earned: number; possible: number }>();
  const responses = await ctx.db
    .query("questionResponses")
    .withIndex("by_attemptId_and_questionId", (q) => q.eq("attemptId", attempt._id))
    .take(200);
  for (const response of responses) {
    const question = await ctx.db.get("assessmentQuestions", response.questionId);
    if (!question || pointsPossible(question) === 0) continue;
    for (const skillId of question.skillIds ?? []) {
      const sum = sums.get(skillId) ?? { earned: 0, possible: 0 };
      sum.earned += response.pointsEarned;
      sum.possible += pointsPossible(question);
      sums.set(skillId, sum);
    }
  }
  return new Map([...sums].map(([skillId, s]) => [skillId, round1((s.earned / s.possible) * 100)]));
}

/**
 * Recomputes the enrollment's gain from its first scored pre-course attempt (the baseline) and its latest scored
 * post-course attempt (the row's trigger refreshes the learner's dashboard rows, convex/triggers.ts). Does nothing
 * until both exist. Reads a fixed number of documents per learner, whatever the number of learners.
 */
export async function updateLearningGain(ctx: MutationCtx, enrollment: Doc<"enrollments">, now = Date.now()) {
  const pre = (
    await scoredAttempts(ctx, enrollment._id, await courseAssessments(ctx, enrollment.courseId, "pre_course"))
  ).sort((a, b) => a.startedAt - b.startedAt)[0];
  const post = (
    await scoredAttempts(ctx, enrollment._id, await courseAssessments(ctx, enrollment.courseId, "post_course"))
  ).sort((a, b) => b.startedAt - a.startedAt)[0];
  const existing = await ctx.db
    .query("learningGainAnalytics")
    .withIndex("by_enrollmentId", (q) => q.eq("enrollmentId", enrollment._id))
    .unique();
  if (!pre || !post) return null;
  const preScore = pre.score!;
  const postScore = post.score!;
  const preSkills = await skillScores(ctx, pre);
  const postSkills = await skillScores(ctx, post);
  const skillGains = [...postSkills]
    .filter(([skillId]) => preSkills.has(skillId))
    .map(([skillId, postSkill]) => ({
      skillId,
      preScore: preSkills.get(skillId)!,
      postScore: postSkill,
      improvement: round1(postSkill - preSkills.get(skillId)!),
    }));
  const row = {
    userId: enrollment.userId,
    courseId: enrollment.courseId,
    enrollmentId: enrollment._id,
    preAssessmentId: pre.assessmentId,
    preAttemptId: pre._id,
    preScore,
    postAssessmentId: post.assessmentId,
    postAttemptId: post._id,
    postScore,
    scoreImprovement: round1(postScore - preScore),
    percentageGain: percentageGain(preScore, postScore),
    normalizedGain: normalizedGain(preScore, postScore),
    skillGains,
    calculatedAt: now,
  };
  if (existing) await ctx.db.replace("learningGainAnalytics", existing._id, row);
  else await ctx.db.insert("learningGainAnalytics", row);
  return row;
}
