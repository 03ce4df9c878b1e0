/**
 * The assessment system's tables: the spec's five (assessments, questions,
 * attempts, responses, learning gain) with what taking, grading and reviewing
 * them needs, plus the grade-change audit and the reminders sent. Spread into
 * convex/schema.ts.
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vAnswerOption,
  vAssessmentReminderKind,
  vAssessmentType,
  vAttemptStatus,
  vDifficulty,
  vGradedBy,
  vGradingState,
  vQuestionType,
  vShowCorrectAnswers,
} from "../validators";

export const assessmentsTables = {
  assessments: defineTable({
    title: v.string(),
    description: v.optional(v.string()),
    type: vAssessmentType,
    courseId: v.optional(v.id("courses")),
    lessonId: v.optional(v.id("lessons")),
    skillIds: v.optional(v.array(v.id("skills"))),
    /** Minutes; none = unlimited. Enforced on the server (attempt.deadline). */
    timeLimit: v.optional(v.number()),
    passingScore: v.number(),
    allowRetake: v.boolean(),
    maxAttempts: v.optional(v.number()),
    showCorrectAnswers: vShowCorrectAnswers,
    randomizeQuestions: v.boolean(),
    randomizeAnswers: v.boolean(),
    questionsPerAttempt: v.optional(v.number()),
    /**
     * When learners see it: a pre-course assessment opens this many days before the cohort starts (default 2) and
     * closes at the first session; a post-course one opens at the end of the last session and stays open this many
     * days (default 7).
     */
    windowDays: v.optional(v.number()),
    /** The assessment this one was duplicated from (a post-assessment from its course's pre-assessment). */
    duplicatedFromId: v.optional(v.id("assessments")),
    isActive: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_courseId_and_type_and_isActive", ["courseId", "type", "isActive"])
    .index("by_lessonId_and_isActive", ["lessonId", "isActive"])
    .index("by_type_and_isActive", ["type", "isActive"]),

  assessmentQuestions: defineTable({
    assessmentId: v.id("assessments"),
    questionType: vQuestionType,
    questionText: v.string(),
    questionImageId: v.optional(v.id("_storage")),
    explanation: v.optional(v.string()),
    answers: v.optional(v.array(vAnswerOption)),
    scaleMin: v.optional(v.number()),
    scaleMax: v.optional(v.number()),
    scaleLabels: v.optional(v.object({ min: v.string(), max: v.string() })),
    sampleAnswer: v.optional(v.string()),
    /** Short answers: what counts as right, compared after normalizing case, accents, punctuation and spaces. */
    acceptedAnswers: v.optional(v.array(v.string())),
    /** Open answers: what a good answer contains; the AI grades against it and instructors see it. */
    rubric: v.optional(v.string()),
    aiGradingEnabled: v.optional(v.boolean()),
    points: v.number(),
    difficulty: vDifficulty,
    skillIds: v.optional(v.array(v.id("skills"))),
    tags: v.optional(v.array(v.string())),
    /** The question this one was copied from (post-assessment questions from the pre-assessment's). */
    sourceQuestionId: v.optional(v.id("assessmentQuestions")),
    sortOrder: v.number(),
    isActive: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.optional(v.number()),
  })
    .index("by_assessmentId_and_sortOrder", ["assessmentId", "sortOrder"])
    .index("by_assessmentId_and_difficulty", ["assessmentId", "difficulty"]),

  assessmentAttempts: defineTable({
    userId: v.id("users"),
    assessmentId: v.id("assessments"),
    enrollmentId: v.optional(v.id("enrollments")),
    cohortId: v.optional(v.id("cohorts")),
    attemptNumber: v.number(),
    status: vAttemptStatus,
    startedAt: v.number(),
    /** Answers are refused after this; the attempt is then submitted as it stands (status `expired`). */
    deadline: v.optional(v.number()),
    expiryJobId: v.optional(v.id("_scheduled_functions")),
    /** The questions drawn for this attempt, in the order shown: fixed when it starts, so a reload shows the same. */
    questionIds: v.optional(v.array(v.id("assessmentQuestions"))),
    /** Per question, the answer options in the order shown. */
    answerOrder: v.optional(
      v.array(v.object({ questionId: v.id("assessmentQuestions"), answerIds: v.array(v.string()) })),
    ),
    submittedAt: v.optional(v.number()),
    timeSpent: v.optional(v.number()),
    /** Answers still waiting for the AI or an instructor; the score is set when this reaches 0. */
    pendingGrades: v.optional(v.number()),
    score: v.optional(v.number()),
    pointsEarned: v.optional(v.number()),
    pointsPossible: v.optional(v.number()),
    passed: v.optional(v.boolean()),
    gradedAt: v.optional(v.number()),
    overallFeedback: v.optional(v.string()),
    createdAt: v.number(),
  })
    .index("by_assessmentId", ["assessmentId"])
    .index("by_userId_and_assessmentId", ["userId", "assessmentId"])
    .index("by_enrollmentId_and_assessmentId", ["enrollmentId", "assessmentId"])
    .index("by_status_and_deadline", ["status", "deadline"]),

  questionResponses: defineTable({
    attemptId: v.id("assessmentAttempts"),
    questionId: v.id("assessmentQuestions"),
    /** The attempt's cohort, for the instructors' review queue. */
    cohortId: v.optional(v.id("cohorts")),
    selectedAnswerIds: v.optional(v.array(v.string())),
    textResponse: v.optional(v.string()),
    ratingValue: v.optional(v.number()),
    isCorrect: v.optional(v.boolean()),
    pointsEarned: v.number(),
    feedback: v.optional(v.string()),
    aiScore: v.optional(v.number()),
    aiConfidence: v.optional(v.number()),
    aiExplanation: v.optional(v.string()),
    manualOverride: v.optional(v.boolean()),
    gradedBy: v.optional(v.id("users")),
    gradingState: v.optional(vGradingState),
    gradedBySource: v.optional(vGradedBy),
    gradedAt: v.optional(v.number()),
    answeredAt: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_attemptId_and_questionId", ["attemptId", "questionId"])
    .index("by_questionId", ["questionId"])
    .index("by_cohortId_and_gradingState", ["cohortId", "gradingState"])
    .index("by_gradingState", ["gradingState"]),

  learningGainAnalytics: defineTable({
    userId: v.id("users"),
    courseId: v.id("courses"),
    enrollmentId: v.id("enrollments"),
    preAssessmentId: v.id("assessments"),
    preAttemptId: v.id("assessmentAttempts"),
    preScore: v.number(),
    postAssessmentId: v.id("assessments"),
    postAttemptId: v.id("assessmentAttempts"),
    postScore: v.number(),
    scoreImprovement: v.number(),
    percentageGain: v.number(),
    normalizedGain: v.number(),
    skillGains: v.array(
      v.object({ skillId: v.id("skills"), preScore: v.number(), postScore: v.number(), improvement: v.number() }),
    ),
    calculatedAt: v.number(),
  })
    .index("by_userId", ["userId"])
    .index("by_courseId", ["courseId"])
    .index("by_enrollmentId", ["enrollmentId"]),

  /** Every grade an instructor or admin gave or changed: who, when, from what to what, and why. */
  gradeChanges: defineTable({
    responseId: v.id("questionResponses"),
    attemptId: v.id("assessmentAttempts"),
    changedBy: v.id("users"),
    previousPoints: v.number(),
    points: v.number(),
    previousState: v.optional(vGradingState),
    /** The AI's suggestion at the time, when there was one. */
    aiSuggestedPoints: v.optional(v.number()),
    comment: v.optional(v.string()),
    createdAt: v.number(),
  })
    .index("by_responseId", ["responseId"])
    .index("by_attemptId", ["attemptId"]),

  /** Assessment reminders sent, once per learner, assessment and kind. */
  assessmentReminders: defineTable({
    enrollmentId: v.id("enrollments"),
    assessmentId: v.id("assessments"),
    kind: vAssessmentReminderKind,
    sentAt: v.number(),
  }).index("by_enrollmentId_and_assessmentId_and_kind", ["enrollmentId", "assessmentId", "kind"]),
};
