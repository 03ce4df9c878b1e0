/** What a learner does in their cohort: lessons marked done. */
import { defineTable } from "convex/server";
import { v } from "convex/values";

export const learningTables = {
  /** A lesson a learner marked complete in one enrollment. */
  lessonCompletions: defineTable({
    userId: v.id("users"),
    enrollmentId: v.id("enrollments"),
    cohortId: v.id("cohorts"),
    lessonId: v.id("lessons"),
    completedAt: v.number(),
  })
    .index("by_enrollmentId_and_lessonId", ["enrollmentId", "lessonId"])
    .index("by_userId", ["userId"]),
};
