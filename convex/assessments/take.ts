/**
 * Taking assessments, for the learner: what is open to them and when, starting
 * (or resuming) an attempt, saving answers as they go, one submit, and results
 * as far as the assessment's policy shows them.
 */
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";
import { aiSettings } from "../env";
import { vAssessmentType, vAttemptStatus, vShowCorrectAnswers } from "../validators";
import { assessmentWindow, attemptLimit, confirmedEnrollmentInCourse, windowState } from "./model/access";
import {
  activeQuestions,
  attemptQuestions,
  attemptsOf,
  responsesOf,
  saveResponse,
  startAttempt,
  submitAttempt,
} from "./model/attempts";
import { answersRevealed, learnerQuestion, vLearnerQuestion } from "./model/views";

const vWindowState = v.union(v.literal("upcoming"), v.literal("open"), v.literal("closed"));
const vAttemptSummary = v.object({
  attemptId: v.id("assessmentAttempts"),
  attemptNumber: v.number(),
  status: vAttemptStatus,
  startedAt: v.number(),
  submittedAt: v.optional(v.number()),
  score: v.optional(v.number()),
  passed: v.optional(v.boolean()),
  pendingGrades: v.number(),
});

function summary(a: Doc<"assessmentAttempts">) {
  return {
    attemptId: a._id,
    attemptNumber: a.attemptNumber,
    status: a.status,
    startedAt: a.startedAt,
    ...(a.submittedAt !== undefined ? { submittedAt: a.submittedAt } : {}),
    ...(a.score !== undefined ? { score: a.score } : {}),
    ...(a.passed !== undefined ? { passed: a.passed } : {}),
    pendingGrades: a.pendingGrades ?? 0,
  };
}

/** The assessment and the learner's confirmed enrollment in its course and cohort; null when they have none. */
async function learnerContext(ctx: QueryCtx, viewer: Doc<"users">, assessmentId: Id<"assessments">) {
  const assessment = await ctx.db.get("assessments", assessmentId);
  if (assessment === null || !assessment.courseId) return null;
  const enrollment = await confirmedEnrollmentInCourse(ctx, viewer._id, assessment.courseId);
  const cohort = enrollment ? await ctx.db.get("cohorts", enrollment.cohortId) : null;
  if (!enrollment || !cohort) return null;
  return { assessment, enrollment, cohort };
}

/** Why the learner cannot start an attempt now, or null when they can. */
function startRefusal(
  assessment: Doc<"assessments">,
  state: "upcoming" | "open" | "closed",
  attempts: Array<Doc<"assessmentAttempts">>,
  opensAt: number | null,
) {
  if (attempts.some((a) => a.status === "in_progress")) return null;
  if (!assessment.isActive) return "This assessment is no longer offered.";
  if (state === "upcoming") return `It opens on ${new Date(opensAt!).toUTCString().slice(0, 16)}.`;
  if (state === "closed") return "It has closed.";
  const limit = attemptLimit(assessment);
  if (limit !== null && attempts.length >= limit)
    return limit === 1 ? "You have taken it." : `You have used all ${limit} attempts.`;
  return null;
}

const vMineRow = v.object({
  assessmentId: v.id("assessments"),
  title: v.string(),
  type: vAssessmentType,
  courseTitle: v.string(),
  cohortName: v.string(),
  window: vWindowState,
  opensAt: v.optional(v.number()),
  closesAt: v.optional(v.number()),
  attemptsUsed: v.number(),
  attemptLimit: v.union(v.null(), v.number()),
  inProgress: v.boolean(),
  latest: v.union(v.null(), vAttemptSummary),
});

/** The pre- and post-course assessments (and other course assessments) of the learner's cohorts, for /learn. */
export const mine = userQuery({
  args: {},
  returns: v.array(vMineRow),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewer = ctx.viewer;
    const now = Date.now();
    const enrollments = (
      await ctx.db
        .query("enrollments")
        .withIndex("by_userId_and_courseId", (q) => q.eq("userId", viewer._id))
        .take(100)
    ).filter((e) => e.paymentStatus === "completed");
    const rows = [];
    for (const enrollment of enrollments) {
      const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
      const course = await ctx.db.get("courses", enrollment.courseId);
      if (!cohort || !course || cohort.status === "cancelled") continue;
      for (const type of [
        "pre_course",
        "post_course",
        "skill_assessment",
        "certification",
        "self_assessment",
      ] as const) {
        const assessments = await ctx.db
          .query("assessments")
          .withIndex("by_courseId_and_type_and_isActive", (q) =>
            q.eq("courseId", course._id).eq("type", type).eq("isActive", true),
          )
          .take(5);
        for (const assessment of assessments) {
          const window = await assessmentWindow(ctx, assessment, cohort);
          const state = windowState(window, now);
          const attempts = (await attemptsOf(ctx, viewer._id, assessment._id)).filter(
            (a) => a.enrollmentId === enrollment._id,
          );
          if (state === "closed" && attempts.length === 0) continue;
          const latest = [...attempts].sort((a, b) => b.startedAt - a.startedAt)[0];
          rows.push({
            assessmentId: assessment._id,
            title: assessment.title,
            type: assessment.type,
            courseTitle: course.title,
            cohortName: cohort.name,
            window: state,
            ...(window.opensAt !== null ? { opensAt: window.opensAt } : {}),
            ...(window.closesAt !== null ? { closesAt: window.closesAt } : {}),
            attemptsUsed: attempts.length,
            attemptLimit: attemptLimit(assessment),
            inProgress: attempts.some((a) => a.status === "in_progress"),
            latest: latest ? summary(latest) : null,
          });
        }
      }
    }
    return rows;
  },
});

/** The knowledge checks attached to the lessons of the learner's cohort, with how the learner did. */
export const lessonChecks = userQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.array(
    v.object({
      lessonId: v.id("lessons"),
      assessmentId: v.id("assessments"),
      title: v.string(),
      attempted: v.boolean(),
      score: v.optional(v.number()),
      passed: v.optional(v.boolean()),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    if (ctx.viewer === null) return [];
    const viewer = ctx.viewer;
    const cohort = await ctx.db.get("cohorts", cohortId);
    if (cohort === null) return [];
    const enrollment = await confirmedEnrollmentInCourse(ctx, viewer._id, cohort.courseId);
    if (enrollment === null || enrollment.cohortId !== cohortId) return [];
    const checks = await ctx.db
      .query("assessments")
      .withIndex("by_courseId_and_type_and_isActive", (q) =>
        q.eq("courseId", cohort.courseId).eq("type", "knowledge_check").eq("isActive", true),
      )
      .take(100);
    const rows = [];
    for (const check of checks) {
      if (!check.lessonId) continue;
      const scored = (await attemptsOf(ctx, viewer._id, check._id))
        .filter((a) => a.score !== undefined)
        .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
      rows.push({
        lessonId: check.lessonId,
        assessmentId: check._id,
        title: check.title,
        attempted: scored.length > 0,
        ...(scored[0] ? { score: scored[0].score, passed: scored[0].passed } : {}),
      });
    }
    return rows;
  },
});

/**
 * The assessment's page before and between attempts: what it is, its rules, the learner's attempts, whether they can
 * start.
 */
export const overview = userQuery({
  args: { assessmentId: v.id("assessments") },
  returns: v.union(
    v.null(),
    v.object({
      assessmentId: v.id("assessments"),
      title: v.string(),
      description: v.optional(v.string()),
      type: vAssessmentType,
      courseTitle: v.string(),
      cohortName: v.string(),
      timeLimit: v.optional(v.number()),
      questionCount: v.number(),
      passingScore: v.number(),
      showCorrectAnswers: vShowCorrectAnswers,
      attemptLimit: v.union(v.null(), v.number()),
      window: vWindowState,
      opensAt: v.optional(v.number()),
      closesAt: v.optional(v.number()),
      attempts: v.array(vAttemptSummary),
      inProgressAttemptId: v.optional(v.id("assessmentAttempts")),
      canStart: v.boolean(),
      refusal: v.optional(v.string()),
      /** Open answers go to an instructor because no AI model is configured. */
      openAnswersGradedByHand: v.boolean(),
    }),
  ),
  handler: async (ctx, { assessmentId }) => {
    if (ctx.viewer === null) return null;
    const context = await learnerContext(ctx, ctx.viewer, assessmentId);
    if (context === null) return null;
    const { assessment, cohort } = context;
    const course = (await ctx.db.get("courses", cohort.courseId))!;
    const window = await assessmentWindow(ctx, assessment, cohort);
    const state = windowState(window, Date.now());
    const attempts = (await attemptsOf(ctx, ctx.viewer._id, assessmentId)).sort(
      (a, b) => a.attemptNumber - b.attemptNumber,
    );
    const questions = await activeQuestions(ctx, assessmentId);
    const refusal = startRefusal(assessment, state, attempts, window.opensAt);
    return {
      assessmentId,
      title: assessment.title,
      ...(assessment.description ? { description: assessment.description } : {}),
      type: assessment.type,
      courseTitle: course.title,
      cohortName: cohort.name,
      ...(assessment.timeLimit ? { timeLimit: assessment.timeLimit } : {}),
      questionCount: Math.min(questions.length, assessment.questionsPerAttempt ?? questions.length),
      passingScore: assessment.passingScore,
      showCorrectAnswers: assessment.showCorrectAnswers,
      attemptLimit: attemptLimit(assessment),
      window: state,
      ...(window.opensAt !== null ? { opensAt: window.opensAt } : {}),
      ...(window.closesAt !== null ? { closesAt: window.closesAt } : {}),
      attempts: attempts.map(summary),
      ...(attempts.find((a) => a.status === "in_progress")
        ? { inProgressAttemptId: attempts.find((a) => a.status === "in_progress")!._id }
        : {}),
      canStart: refusal === null,
      ...(refusal ? { refusal } : {}),
      openAnswersGradedByHand: aiSettings() === null && questions.some((q) => q.questionType === "open_ended"),
    };
  },
});

/**
 * One of the learner's attempts: its questions in the order drawn, their saved answers, and after submission the
 * results the policy allows.
 */
export const attempt = userQuery({
  args: { attemptId: v.id("assessmentAttempts") },
  returns: v.union(
    v.null(),
    v.object({
      attemptId: v.id("assessmentAttempts"),
      assessmentId: v.id("assessments"),
      title: v.string(),
      attemptNumber: v.number(),
      status: vAttemptStatus,
      startedAt: v.number(),
      deadline: v.optional(v.number()),
      submittedAt: v.optional(v.number()),
      score: v.optional(v.number()),
      passed: v.optional(v.boolean()),
      passingScore: v.number(),
      pendingGrades: v.number(),
      answersRevealed: v.boolean(),
      questions: v.array(vLearnerQuestion),
    }),
  ),
  handler: async (ctx, { attemptId }) => {
    if (ctx.viewer === null) return null;
    const attemptDoc = await ctx.db.get("assessmentAttempts", attemptId);
    if (attemptDoc === null || attemptDoc.userId !== ctx.viewer._id) return null;
    const assessment = (await ctx.db.get("assessments", attemptDoc.assessmentId))!;
    const revealed = answersRevealed(assessment, attemptDoc, await attemptsOf(ctx, ctx.viewer._id, assessment._id));
    const responses = new Map((await responsesOf(ctx, attemptId)).map((r) => [r.questionId, r]));
    const questions = (await attemptQuestions(ctx, attemptDoc)).map((q) =>
      learnerQuestion(q, attemptDoc, responses.get(q._id) ?? null, revealed),
    );
    return {
      attemptId,
      assessmentId: assessment._id,
      title: assessment.title,
      attemptNumber: attemptDoc.attemptNumber,
      status: attemptDoc.status,
      startedAt: attemptDoc.startedAt,
      ...(attemptDoc.deadline !== undefined ? { deadline: attemptDoc.deadline } : {}),
      ...(attemptDoc.submittedAt !== undefined ? { submittedAt: attemptDoc.submittedAt } : {}),
      ...(attemptDoc.score !== undefined ? { score: attemptDoc.score } : {}),
      ...(attemptDoc.passed !== undefined ? { passed: attemptDoc.passed } : {}),
      passingScore: assessment.passingScore,
      pendingGrades: attemptDoc.pendingGrades ?? 0,
      answersRevealed: revealed,
      questions,
    };
  },
});

/** Starts an attempt, or returns the one in progress, while the assessment is open to the learner. */
export const start = userMutation({
  args: { assessmentId: v.id("assessments") },
  returns: v.id("assessmentAttempts"),
  handler: async (ctx, { assessmentId }) => {
    const context = await learnerContext(ctx, ctx.viewer, assessmentId);
    if (context === null) throw appError("FORBIDDEN", "This assessment is for confirmed participants of its course.");
    const { assessment, enrollment, cohort } = context;
    const attempts = await attemptsOf(ctx, ctx.viewer._id, assessmentId);
    const window = await assessmentWindow(ctx, assessment, cohort);
    const refusal = startRefusal(assessment, windowState(window, Date.now()), attempts, window.opensAt);
    if (refusal) throw appError("NOT_AVAILABLE", refusal);
    return await startAttempt(ctx, { assessment, userId: ctx.viewer._id, enrollment });
  },
});

async function ownAttempt(ctx: QueryCtx, viewer: Doc<"users">, attemptId: Id<"assessmentAttempts">) {
  const attemptDoc = await ctx.db.get("assessmentAttempts", attemptId);
  if (attemptDoc === null || attemptDoc.userId !== viewer._id)
    throw appError("NOT_FOUND", "This attempt does not exist.");
  return attemptDoc;
}

/** Saves one answer as the learner goes (a closed tab loses nothing); refused after the time limit. */
export const saveAnswer = userMutation({
  args: {
    attemptId: v.id("assessmentAttempts"),
    questionId: v.id("assessmentQuestions"),
    selectedAnswerIds: v.optional(v.array(v.string())),
    textResponse: v.optional(v.string()),
    ratingValue: v.optional(v.number()),
  },
  returns: v.null(),
  handler: async (ctx, { attemptId, questionId, ...input }) => {
    await saveResponse(ctx, await ownAttempt(ctx, ctx.viewer, attemptId), questionId, input);
    return null;
  },
});

/** Submits the attempt once; after the deadline it is submitted as it stood at the deadline. */
export const submit = userMutation({
  args: { attemptId: v.id("assessmentAttempts") },
  returns: vAttemptStatus,
  handler: async (ctx, { attemptId }) => {
    const attemptDoc = await ownAttempt(ctx, ctx.viewer, attemptId);
    if (attemptDoc.status !== "in_progress") throw appError("NOT_AVAILABLE", "This attempt is already submitted.");
    await submitAttempt(ctx, attemptDoc);
    return (await ctx.db.get("assessmentAttempts", attemptId))!.status;
  },
});
