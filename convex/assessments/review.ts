/**
 * Grading by people, for a cohort's instructor and platform admins: the review
 * queue of open answers (with the AI's suggestion), accepting or changing a grade
 * (any grade, kept with who and when), an attempt in full, and the cohort's
 * results (score distribution, per-question difficulty and discrimination,
 * average learning gain).
 */
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";
import { aiSettings } from "../env";
import { optionalText, TEXT_LIMITS } from "../limits";
import { cohortLearners } from "../enrollments/model/learners";
import { cohortForStaff, isSessionStaff } from "../liveSessions/model/lifecycle";
import { vAssessmentType, vAttemptStatus, vGradedBy, vGradingState, vQuestionType } from "../validators";
import { requireCohortStaff } from "./model/access";
import { attemptQuestions, responsesOf, setGrade } from "./model/attempts";
import { pointsFromAiScore, pointsPossible, round1, round2 } from "./model/scoring";

const vQueueItem = v.object({
  responseId: v.id("questionResponses"),
  attemptId: v.id("assessmentAttempts"),
  learnerName: v.string(),
  assessmentTitle: v.string(),
  questionText: v.string(),
  rubric: v.optional(v.string()),
  sampleAnswer: v.optional(v.string()),
  response: v.string(),
  points: v.number(),
  state: vGradingState,
  aiSuggestedPoints: v.optional(v.number()),
  aiConfidence: v.optional(v.number()),
  aiExplanation: v.optional(v.string()),
  submittedAt: v.optional(v.number()),
});

/**
 * The cohort's open answers waiting for a person: the AI's 0.7–0.9 suggestions to confirm, and those to grade by hand.
 */
export const queue = userQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.union(
    v.null(),
    v.object({
      cohortName: v.string(),
      courseTitle: v.string(),
      aiConfigured: v.boolean(),
      waitingForAi: v.number(),
      items: v.array(vQueueItem),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const cohort = await cohortForStaff(ctx, ctx.viewer, cohortId);
    if (cohort === null) return null;
    const course = await ctx.db.get("courses", cohort.courseId);
    const byState = async (state: "review" | "manual" | "ai_pending") =>
      await ctx.db
        .query("questionResponses")
        .withIndex("by_cohortId_and_gradingState", (q) => q.eq("cohortId", cohortId).eq("gradingState", state))
        .take(100);
    const items = [];
    for (const response of [...(await byState("review")), ...(await byState("manual"))]) {
      const attempt = await ctx.db.get("assessmentAttempts", response.attemptId);
      const question = await ctx.db.get("assessmentQuestions", response.questionId);
      if (!attempt || !question) continue;
      const [learner, assessment] = await Promise.all([
        ctx.db.get("users", attempt.userId),
        ctx.db.get("assessments", attempt.assessmentId),
      ]);
      items.push({
        responseId: response._id,
        attemptId: attempt._id,
        learnerName: learner?.name ?? "Former learner",
        assessmentTitle: assessment?.title ?? "Assessment",
        questionText: question.questionText,
        ...(question.rubric ? { rubric: question.rubric } : {}),
        ...(question.sampleAnswer ? { sampleAnswer: question.sampleAnswer } : {}),
        response: response.textResponse ?? "",
        points: pointsPossible(question),
        state: response.gradingState!,
        ...(response.aiScore !== undefined
          ? { aiSuggestedPoints: pointsFromAiScore(response.aiScore, question.points) }
          : {}),
        ...(response.aiConfidence !== undefined ? { aiConfidence: response.aiConfidence } : {}),
        ...(response.aiExplanation ? { aiExplanation: response.aiExplanation } : {}),
        ...(attempt.submittedAt !== undefined ? { submittedAt: attempt.submittedAt } : {}),
      });
    }
    return {
      cohortName: cohort.name,
      courseTitle: course?.title ?? "Course",
      aiConfigured: aiSettings() !== null,
      waitingForAi: (await byState("ai_pending")).length,
      items: items.sort((a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0)),
    };
  },
});

/** Cohorts with answers waiting for the viewer: the ones they teach (every cohort with some, for platform admins). */
export const myQueues = userQuery({
  args: {},
  returns: v.array(
    v.object({ cohortId: v.id("cohorts"), cohortName: v.string(), courseTitle: v.string(), waiting: v.number() }),
  ),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewer = ctx.viewer;
    let cohorts: Array<Doc<"cohorts">>;
    if (viewer.role === "platform_admin") {
      const waiting = [
        ...(await ctx.db
          .query("questionResponses")
          .withIndex("by_gradingState", (q) => q.eq("gradingState", "review"))
          .take(200)),
        ...(await ctx.db
          .query("questionResponses")
          .withIndex("by_gradingState", (q) => q.eq("gradingState", "manual"))
          .take(200)),
      ];
      const ids = [...new Set(waiting.flatMap((r) => (r.cohortId ? [r.cohortId] : [])))];
      cohorts = (await Promise.all(ids.map((id) => ctx.db.get("cohorts", id)))).filter(
        (c): c is Doc<"cohorts"> => c !== null,
      );
    } else {
      cohorts = await ctx.db
        .query("cohorts")
        .withIndex("by_instructorId", (q) => q.eq("instructorId", viewer._id))
        .take(100);
    }
    const rows = [];
    for (const cohort of cohorts) {
      let waiting = 0;
      for (const state of ["review", "manual"] as const) {
        waiting += (
          await ctx.db
            .query("questionResponses")
            .withIndex("by_cohortId_and_gradingState", (q) => q.eq("cohortId", cohort._id).eq("gradingState", state))
            .take(100)
        ).length;
      }
      if (waiting === 0) continue;
      const course = await ctx.db.get("courses", cohort.courseId);
      rows.push({ cohortId: cohort._id, cohortName: cohort.name, courseTitle: course?.title ?? "Course", waiting });
    }
    return rows;
  },
});

async function requireResponseStaff(ctx: QueryCtx, viewer: Doc<"users">, responseId: Id<"questionResponses">) {
  const response = await ctx.db.get("questionResponses", responseId);
  if (response === null) throw appError("NOT_FOUND", "This answer no longer exists.");
  const attempt = await ctx.db.get("assessmentAttempts", response.attemptId);
  const cohortId = response.cohortId ?? attempt?.cohortId;
  if (cohortId) await requireCohortStaff(ctx, viewer, cohortId);
  else if (viewer.role !== "platform_admin")
    throw appError("FORBIDDEN", "Only a platform admin can grade this answer.");
  return response;
}

/**
 * Gives an answer its points (grading by hand, or changing any grade later), with an optional comment for the learner.
 */
export const grade = userMutation({
  args: { responseId: v.id("questionResponses"), points: v.number(), comment: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { responseId, points, comment }) => {
    const response = await requireResponseStaff(ctx, ctx.viewer, responseId);
    await setGrade(ctx, response, {
      points,
      by: ctx.viewer._id,
      comment: optionalText(comment, "the comment", TEXT_LIMITS.paragraph),
    });
    return null;
  },
});

/** Accepts the AI's suggested grade for an answer in the review queue. */
export const accept = userMutation({
  args: { responseId: v.id("questionResponses"), comment: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { responseId, comment }) => {
    const response = await requireResponseStaff(ctx, ctx.viewer, responseId);
    const question = await ctx.db.get("assessmentQuestions", response.questionId);
    if (response.aiScore === undefined || !question)
      throw appError("NOT_AVAILABLE", "There is no AI suggestion to accept; give the points yourself.");
    await setGrade(ctx, response, {
      points: pointsFromAiScore(response.aiScore, question.points),
      by: ctx.viewer._id,
      comment: optionalText(comment, "the comment", TEXT_LIMITS.paragraph),
    });
    return null;
  },
});

/**
 * A learner's attempt in full for the cohort's staff: every answer, the right ones, who graded what, and every change.
 */
export const attemptDetail = userQuery({
  args: { attemptId: v.id("assessmentAttempts") },
  returns: v.union(
    v.null(),
    v.object({
      attemptId: v.id("assessmentAttempts"),
      learnerName: v.string(),
      assessmentTitle: v.string(),
      status: vAttemptStatus,
      score: v.optional(v.number()),
      passed: v.optional(v.boolean()),
      answers: v.array(
        v.object({
          responseId: v.optional(v.id("questionResponses")),
          questionType: vQuestionType,
          questionText: v.string(),
          points: v.number(),
          answer: v.string(),
          correctAnswer: v.optional(v.string()),
          pointsEarned: v.number(),
          state: v.optional(vGradingState),
          gradedBy: v.optional(vGradedBy),
          aiExplanation: v.optional(v.string()),
          changes: v.array(
            v.object({
              by: v.string(),
              at: v.number(),
              from: v.number(),
              to: v.number(),
              comment: v.optional(v.string()),
            }),
          ),
        }),
      ),
    }),
  ),
  handler: async (ctx, { attemptId }) => {
    const attempt = await ctx.db.get("assessmentAttempts", attemptId);
    if (ctx.viewer === null || attempt === null || !attempt.cohortId) return null;
    const cohort = await ctx.db.get("cohorts", attempt.cohortId);
    if (cohort === null || !isSessionStaff(ctx.viewer, cohort)) return null;
    const [learner, assessment] = await Promise.all([
      ctx.db.get("users", attempt.userId),
      ctx.db.get("assessments", attempt.assessmentId),
    ]);
    const responses = new Map((await responsesOf(ctx, attemptId)).map((r) => [r.questionId, r]));
    const answers = [];
    for (const question of await attemptQuestions(ctx, attempt)) {
      const response = responses.get(question._id);
      const text = (ids: string[]) =>
        (question.answers ?? [])
          .filter((a) => ids.includes(a.id))
          .map((a) => a.text)
          .join("; ");
      const answer =
        question.questionType === "rating_scale"
          ? String(response?.ratingValue ?? "")
          : question.answers
            ? text(response?.selectedAnswerIds ?? [])
            : (response?.textResponse ?? "");
      const correct = question.answers
        ? text(question.answers.filter((a) => a.isCorrect).map((a) => a.id))
        : question.questionType === "short_answer"
          ? (question.acceptedAnswers ?? []).join(" / ")
          : undefined;
      const changes = response
        ? await ctx.db
            .query("gradeChanges")
            .withIndex("by_responseId", (q) => q.eq("responseId", response._id))
            .take(20)
        : [];
      const changeRows = [];
      for (const change of changes) {
        const by = await ctx.db.get("users", change.changedBy);
        changeRows.push({
          by: by?.name ?? "Former staff",
          at: change.createdAt,
          from: change.previousPoints,
          to: change.points,
          ...(change.comment ? { comment: change.comment } : {}),
        });
      }
      answers.push({
        ...(response ? { responseId: response._id } : {}),
        questionType: question.questionType,
        questionText: question.questionText,
        points: pointsPossible(question),
        answer,
        ...(correct ? { correctAnswer: correct } : {}),
        pointsEarned: response?.pointsEarned ?? 0,
        ...(response?.gradingState ? { state: response.gradingState } : {}),
        ...(response?.gradedBySource ? { gradedBy: response.gradedBySource } : {}),
        ...(response?.aiExplanation ? { aiExplanation: response.aiExplanation } : {}),
        changes: changeRows,
      });
    }
    return {
      attemptId,
      learnerName: learner?.name ?? "Former learner",
      assessmentTitle: assessment?.title ?? "Assessment",
      status: attempt.status,
      ...(attempt.score !== undefined ? { score: attempt.score } : {}),
      ...(attempt.passed !== undefined ? { passed: attempt.passed } : {}),
      answers,
    };
  },
});

/** At most this many learners of a cohort are analysed (a cohort holds at most a few hundred). */
const RESULTS_LEARNERS = 300;

/**
 * The cohort's results per assessment of its course, over each learner's latest scored attempt: how many took it,
 * the average and the distribution (ten bands of 10 points), the pass rate, each question's difficulty (the share of
 * its points learners earned) and discrimination (that share among the top 27 % by score minus among the bottom
 * 27 %), and the average normalized learning gain.
 */
export const cohortResults = userQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.union(
    v.null(),
    v.object({
      cohortName: v.string(),
      courseTitle: v.string(),
      learners: v.number(),
      averageGain: v.union(v.null(), v.number()),
      gainCount: v.number(),
      assessments: v.array(
        v.object({
          assessmentId: v.id("assessments"),
          title: v.string(),
          type: vAssessmentType,
          isActive: v.boolean(),
          taken: v.number(),
          averageScore: v.union(v.null(), v.number()),
          passRate: v.union(v.null(), v.number()),
          distribution: v.array(v.number()),
          attempts: v.array(
            v.object({
              attemptId: v.id("assessmentAttempts"),
              learnerName: v.string(),
              score: v.number(),
              passed: v.boolean(),
            }),
          ),
          questions: v.array(
            v.object({
              questionText: v.string(),
              questionType: vQuestionType,
              answered: v.number(),
              difficulty: v.union(v.null(), v.number()),
              discrimination: v.union(v.null(), v.number()),
            }),
          ),
        }),
      ),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const cohort = await cohortForStaff(ctx, ctx.viewer, cohortId);
    if (cohort === null) return null;
    const course = await ctx.db.get("courses", cohort.courseId);
    const learners = (await cohortLearners(ctx, cohortId)).slice(0, RESULTS_LEARNERS);
    const assessments = (
      await ctx.db
        .query("assessments")
        .withIndex("by_courseId_and_type_and_isActive", (q) => q.eq("courseId", cohort.courseId))
        .take(50)
    ).sort((a, b) => a.createdAt - b.createdAt);
    const rows = [];
    for (const assessment of assessments) {
      const latest: Array<{ attempt: Doc<"assessmentAttempts">; learnerName: string }> = [];
      for (const { enrollment, user } of learners) {
        const attempts = await ctx.db
          .query("assessmentAttempts")
          .withIndex("by_enrollmentId_and_assessmentId", (q) =>
            q.eq("enrollmentId", enrollment._id).eq("assessmentId", assessment._id),
          )
          .take(20);
        const scored = attempts.filter((a) => a.score !== undefined).sort((a, b) => b.startedAt - a.startedAt)[0];
        if (scored) latest.push({ attempt: scored, learnerName: user.name });
      }
      const scores = latest.map((l) => l.attempt.score!);
      const distribution = Array.from({ length: 10 }, () => 0);
      for (const score of scores) distribution[Math.min(9, Math.floor(score / 10))] += 1;
      // Per question: the share of its points each learner earned, with the learner's score for discrimination.
      const perQuestion = new Map<
        Id<"assessmentQuestions">,
        { question: Doc<"assessmentQuestions">; shares: Array<{ share: number; score: number }> }
      >();
      for (const { attempt } of latest) {
        const questions = new Map((await attemptQuestions(ctx, attempt)).map((q) => [q._id, q]));
        for (const response of await responsesOf(ctx, attempt._id)) {
          const question = questions.get(response.questionId);
          if (!question || pointsPossible(question) === 0) continue;
          const entry = perQuestion.get(question._id) ?? { question, shares: [] };
          entry.shares.push({ share: response.pointsEarned / pointsPossible(question), score: attempt.score! });
          perQuestion.set(question._id, entry);
        }
      }
      rows.push({
        assessmentId: assessment._id,
        title: assessment.title,
        type: assessment.type,
        isActive: assessment.isActive,
        taken: latest.length,
        averageScore: scores.length ? round1(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
        passRate: scores.length ? round1((latest.filter((l) => l.attempt.passed).length / scores.length) * 100) : null,
        distribution,
        attempts: latest
          .map((l) => ({
            attemptId: l.attempt._id,
            learnerName: l.learnerName,
            score: l.attempt.score!,
            passed: l.attempt.passed === true,
          }))
          .sort((a, b) => a.learnerName.localeCompare(b.learnerName)),
        questions: [...perQuestion.values()]
          .sort((a, b) => a.question.sortOrder - b.question.sortOrder)
          .map(({ question, shares }) => ({
            questionText: question.questionText,
            questionType: question.questionType,
            answered: shares.length,
            ...itemStatistics(shares),
          })),
      });
    }
    let gainSum = 0;
    let gainCount = 0;
    for (const { enrollment } of learners) {
      const gain = await ctx.db
        .query("learningGainAnalytics")
        .withIndex("by_enrollmentId", (q) => q.eq("enrollmentId", enrollment._id))
        .unique();
      if (gain) {
        gainSum += gain.normalizedGain;
        gainCount += 1;
      }
    }
    return {
      cohortName: cohort.name,
      courseTitle: course?.title ?? "Course",
      learners: learners.length,
      averageGain: gainCount ? round2(gainSum / gainCount) : null,
      gainCount,
      assessments: rows,
    };
  },
});

/** Difficulty (mean share earned) and upper–lower 27 % discrimination; null when there are too few answers. */
export function itemStatistics(shares: Array<{ share: number; score: number }>) {
  if (shares.length === 0) return { difficulty: null, discrimination: null };
  const difficulty = round2(shares.reduce((sum, s) => sum + s.share, 0) / shares.length);
  if (shares.length < 4) return { difficulty, discrimination: null };
  const sorted = [...shares].sort((a, b) => b.score - a.score);
  const group = Math.max(1, Math.round(sorted.length * 0.27));
  const mean = (items: typeof sorted) => items.reduce((sum, s) => sum + s.share, 0) / items.length;
  return { difficulty, discrimination: round2(mean(sorted.slice(0, group)) - mean(sorted.slice(-group))) };
}
