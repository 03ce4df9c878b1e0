/** Learning paths, their steps, path enrollments and the spec's path certificates. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vBadgeSummary,
  vPathAudience,
  vPathEnrollmentStatus,
  vPathPaymentType,
  vPathPricing,
  vUnlockRule,
} from "../validators";

export const pathsTables = {
  learningPaths: defineTable({
    title: v.string(),
    slug: v.string(),
    description: v.string(),
    shortDescription: v.string(),
    targetAudience: vPathAudience,
    targetRole: v.optional(v.string()),
    estimatedDuration: v.string(),
    totalCourses: v.number(),
    totalHours: v.number(),
    skillIds: v.array(v.id("skills")),
    outcomes: v.array(v.string()),
    pricingModel: vPathPricing,
    bundlePrice: v.optional(v.number()),
    bundleDiscount: v.optional(v.number()),
    thumbnailId: v.optional(v.id("_storage")),
    iconUrl: v.optional(v.string()),
    color: v.optional(v.string()),
    isActive: v.boolean(),
    isFeatured: v.boolean(),
    sortOrder: v.number(),
    enrollmentCount: v.number(),
    completionCount: v.number(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_isFeatured_and_isActive", ["isFeatured", "isActive"])
    .index("by_targetAudience_and_isActive", ["targetAudience", "isActive"]),

  learningPathSteps: defineTable({
    pathId: v.id("learningPaths"),
    courseId: v.id("courses"),
    stepNumber: v.number(),
    isRequired: v.boolean(),
    unlockRule: vUnlockRule,
    unlockAfterStepId: v.optional(v.id("learningPathSteps")),
    unlockAfterDays: v.optional(v.number()),
    recommendedTimeframe: v.optional(v.string()),
    notes: v.optional(v.string()),
    createdAt: v.number(),
  })
    .index("by_pathId_and_stepNumber", ["pathId", "stepNumber"])
    .index("by_courseId", ["courseId"]),

  userPathEnrollments: defineTable({
    userId: v.id("users"),
    pathId: v.id("learningPaths"),
    organizationId: v.optional(v.id("organizations")),
    status: vPathEnrollmentStatus,
    currentStepId: v.optional(v.id("learningPathSteps")),
    completedSteps: v.array(v.id("learningPathSteps")),
    progressPercent: v.number(),
    enrolledAt: v.number(),
    startedAt: v.optional(v.number()),
    completedAt: v.optional(v.number()),
    expiresAt: v.optional(v.number()),
    paymentType: vPathPaymentType,
    stripeSubscriptionId: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_pathId", ["pathId"])
    .index("by_organizationId", ["organizationId"])
    .index("by_userId_and_pathId", ["userId", "pathId"]),

  pathCertificates: defineTable({
    userId: v.id("users"),
    pathId: v.id("learningPaths"),
    enrollmentId: v.id("userPathEnrollments"),
    certificateNumber: v.string(),
    issuedAt: v.number(),
    expiresAt: v.optional(v.number()),
    skillsAchieved: v.array(v.object({ skillId: v.id("skills"), level: v.string() })),
    badgeData: vBadgeSummary,
    credentialJson: v.optional(v.string()),
    publicUrl: v.string(),
    pdfId: v.optional(v.id("_storage")),
    createdAt: v.number(),
  })
    .index("by_userId", ["userId"])
    .index("by_pathId", ["pathId"])
    .index("by_certificateNumber", ["certificateNumber"]),
};
