/**
 * The assessment things of the authorization world (authorization.table.ts): one of each state a rule is checked on.
 */
import type { Id } from "../../convex/_generated/dataModel";
import type { MutationCtx } from "../../convex/_generated/server";

export type AssessmentWorld = {
  preAssessmentId: Id<"assessments">;
  postAssessmentId: Id<"assessments">;
  knowledgeCheckId: Id<"assessments">;
  choiceQuestionId: Id<"assessmentQuestions">;
  openAttemptId: Id<"assessmentAttempts">;
  submittedAttemptId: Id<"assessmentAttempts">;
  reviewResponseId: Id<"questionResponses">;
};

/**
 * A pre-course assessment the learner submitted (an open answer waits for review), a post-course one in progress, a
 * lesson's knowledge check.
 */
export async function seedAssessmentWorld(
  ctx: MutationCtx,
  w: {
    courseId: Id<"courses">;
    cohortId: Id<"cohorts">;
    learner: Id<"users">;
    enrollmentId: Id<"enrollments">;
    lessonId: Id<"lessons">;
    now: number;
  },
): Promise<AssessmentWorld> {
  const { now } = w;
  const assessment = (
    type: "pre_course" | "post_course" | "knowledge_check",
    extra: { lessonId?: Id<"lessons">; allowRetake?: boolean } = {},
  ) =>
    ctx.db.insert("assessments", {
      title: `World ${type}`,
      type,
      courseId: w.courseId,
      passingScore: 70,
      allowRetake: extra.allowRetake ?? false,
      showCorrectAnswers: "after_submit",
      randomizeQuestions: false,
      randomizeAnswers: false,
      isActive: true,
      createdAt: now,
      updatedAt: now,
      ...(extra.lessonId ? { lessonId: extra.lessonId } : {}),
    });
  const preAssessmentId = await assessment("pre_course");
  const postAssessmentId = await assessment("post_course", { allowRetake: true });
  const knowledgeCheckId = await assessment("knowledge_check", { lessonId: w.lessonId });
  const choice = (assessmentId: Id<"assessments">) =>
    ctx.db.insert("assessmentQuestions", {
      assessmentId,
      questionType: "multiple_choice",
      questionText: "Which prompt element most reduces ambiguity?",
      answers: [
        { id: "a", text: "A clear output format", isCorrect: true },
        { id: "b", text: "Capital letters", isCorrect: false },
      ],
      points: 10,
      difficulty: "easy",
      sortOrder: 0,
      isActive: true,
      createdAt: now,
    });
  const preChoice = await choice(preAssessmentId);
  const openQuestionId = await ctx.db.insert("assessmentQuestions", {
    assessmentId: preAssessmentId,
    questionType: "open_ended",
    questionText: "Describe a process AI could automate.",
    rubric: "Names a process, the automated steps and the outcome.",
    aiGradingEnabled: true,
    points: 10,
    difficulty: "hard",
    sortOrder: 1,
    isActive: true,
    createdAt: now,
  });
  const choiceQuestionId = await choice(postAssessmentId);
  await choice(knowledgeCheckId);
  const attempt = {
    userId: w.learner,
    enrollmentId: w.enrollmentId,
    cohortId: w.cohortId,
    attemptNumber: 1,
    startedAt: now,
    createdAt: now,
  };
  const submittedAttemptId = await ctx.db.insert("assessmentAttempts", {
    ...attempt,
    assessmentId: preAssessmentId,
    status: "submitted",
    submittedAt: now,
    questionIds: [preChoice, openQuestionId],
    pendingGrades: 1,
  });
  await ctx.db.insert("questionResponses", {
    attemptId: submittedAttemptId,
    questionId: preChoice,
    cohortId: w.cohortId,
    selectedAnswerIds: ["a"],
    isCorrect: true,
    pointsEarned: 10,
    gradingState: "graded",
    gradedBySource: "rules",
    createdAt: now,
  });
  const reviewResponseId = await ctx.db.insert("questionResponses", {
    attemptId: submittedAttemptId,
    questionId: openQuestionId,
    cohortId: w.cohortId,
    textResponse: "We would route support tickets automatically.",
    pointsEarned: 0,
    gradingState: "review",
    aiScore: 0.8,
    aiConfidence: 0.8,
    aiExplanation: "Covers the process and steps; the outcome is vague.",
    createdAt: now,
  });
  const openAttemptId = await ctx.db.insert("assessmentAttempts", {
    ...attempt,
    assessmentId: postAssessmentId,
    status: "in_progress",
    questionIds: [choiceQuestionId],
  });
  return {
    preAssessmentId,
    postAssessmentId,
    knowledgeCheckId,
    choiceQuestionId,
    openAttemptId,
    submittedAttemptId,
    reviewResponseId,
  };
}
