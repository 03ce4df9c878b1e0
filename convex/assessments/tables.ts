/** Assessments, questions, attempts, responses and learning gain. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vAnswerOption,
  vAssessmentType,
  vAttemptStatus,
  vDifficulty,
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
    timeLimit: v.optional(v.number()),
    passingScore: v.number(),
    allowRetake: v.boolean(),
    maxAttempts: v.optional(v.number()),
    showCorrectAnswers: vShowCorrectAnswers,
    randomizeQuestions: v.boolean(),
    randomizeAnswers: v.boolean(),
    questionsPerAttempt: v.optional(v.number()),
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
    aiGradingEnabled: v.optional(v.boolean()),
    points: v.number(),
    difficulty: vDifficulty,
    skillIds: v.optional(v.array(v.id("skills"))),
    tags: v.optional(v.array(v.string())),
    sortOrder: v.number(),
    isActive: v.boolean(),
    createdAt: v.number(),
  })
    .index("by_assessmentId_and_sortOrder", ["assessmentId", "sortOrder"])
    .index("by_assessmentId_and_difficulty", ["assessmentId", "difficulty"]),

  assessmentAttempts: defineTable({
    userId: v.id("users"),
    assessmentId: v.id("assessments"),
    enrollmentId: v.optional(v.id("enrollments")),
    attemptNumber: v.number(),
    status: vAttemptStatus,
    startedAt: v.number(),
    submittedAt: v.optional(v.number()),
    timeSpent: v.optional(v.number()),
    score: v.optional(v.number()),
    pointsEarned: v.optional(v.number()),
    pointsPossible: v.optional(v.number()),
    passed: v.optional(v.boolean()),
    overallFeedback: v.optional(v.string()),
    createdAt: v.number(),
  })
    .index("by_assessmentId", ["assessmentId"])
    .index("by_userId_and_assessmentId", ["userId", "assessmentId"])
    .index("by_enrollmentId", ["enrollmentId"]),

  questionResponses: defineTable({
    attemptId: v.id("assessmentAttempts"),
    questionId: v.id("assessmentQuestions"),
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
    createdAt: v.number(),
  })
    .index("by_attemptId", ["attemptId"])
    .index("by_questionId", ["questionId"]),

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
};
