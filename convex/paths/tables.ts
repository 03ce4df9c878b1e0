/**
 * Learning paths, their steps, path enrollments and the spec's path certificates; ours: bundle purchases
 * (`pathPurchases`) and where each path enrollment stands on each step (`pathStepProgress`).
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vBadgeSummary,
  vPathAudience,
  vPathEnrollmentStatus,
  vPathPaymentType,
  vPathPricing,
  vPathPurchaseStatus,
  vPathSubscriptionStatus,
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
    /** The bundle's price in cents (pricingModel "bundled"). */
    bundlePrice: v.optional(v.number()),
    /** The monthly price in cents (pricingModel "subscription"): the path's steps and their seats while subscribed. */
    subscriptionPrice: v.optional(v.number()),
    /** Percent saved against buying every step's course one by one, kept in step with the prices when saved. */
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
    .index("by_isActive_and_sortOrder", ["isActive", "sortOrder"])
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
    /** The bundle purchase that created it. */
    purchaseId: v.optional(v.id("pathPurchases")),
    /** The organization administrator who enrolled the member (paymentType "organization"). */
    enrolledById: v.optional(v.id("users")),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_pathId", ["pathId"])
    .index("by_organizationId", ["organizationId"])
    .index("by_userId_and_pathId", ["userId", "pathId"])
    .index("by_status_and_expiresAt", ["status", "expiresAt"]),

  /**
   * A bundle bought through one Stripe Checkout: pending until Stripe's webhook reports it paid, when exactly one path
   * enrollment is created (its seats are taken step by step as steps open), or ended (expired, failed, refunded).
   * A subscription (`mode: "subscription"`) is started the same way, in Checkout's subscription mode; once paid, its
   * Stripe subscription's state (`customer.subscription.*` and `invoice.*` webhooks) keeps the path's access current.
   */
  pathPurchases: defineTable({
    userId: v.id("users"),
    pathId: v.id("learningPaths"),
    status: vPathPurchaseStatus,
    /** Absent for a bundle (a one-time payment). */
    mode: v.optional(v.literal("subscription")),
    /**
     * The bundle's price (a subscription's monthly price) when the purchase started: the webhooks accept exactly this
     * amount and currency.
     */
    amountCents: v.number(),
    currency: v.string(),
    /** What the courses cost one by one then (the receipt states the saving). */
    listPriceCents: v.number(),
    stripeCheckoutSessionId: v.optional(v.string()),
    checkoutUrl: v.optional(v.string()),
    /** Stripe's Checkout Session closes then (24 hours after the start). */
    expiresAt: v.number(),
    /** A delayed payment method (bank debit) is processing: Stripe reports the result later. */
    awaitingAsyncPayment: v.optional(v.boolean()),
    stripePaymentIntentId: v.optional(v.string()),
    amountPaidCents: v.optional(v.number()),
    refundedAt: v.optional(v.number()),
    pathEnrollmentId: v.optional(v.id("userPathEnrollments")),
    /** Why it ended, in the buyer's words. */
    message: v.optional(v.string()),
    paidAt: v.optional(v.number()),
    // A subscription's state, as Stripe last reported it.
    stripeSubscriptionId: v.optional(v.string()),
    subscriptionStatus: v.optional(vPathSubscriptionStatus),
    /** Paid up to then (the end of the period the last paid invoice covers). */
    currentPeriodEnd: v.optional(v.number()),
    /** The learner cancelled: access ends at `currentPeriodEnd`. */
    cancelAtPeriodEnd: v.optional(v.boolean()),
    endedAt: v.optional(v.number()),
    /** The unpaid invoice of a failed renewal, which the learner can pay on Stripe's page (and told of once). */
    openInvoiceId: v.optional(v.string()),
    openInvoiceUrl: v.optional(v.string()),
    /** When Stripe created the last event applied: an older event delivered late changes nothing. */
    stripeStateAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_userId_and_pathId", ["userId", "pathId"])
    .index("by_stripeCheckoutSessionId", ["stripeCheckoutSessionId"])
    .index("by_stripePaymentIntentId", ["stripePaymentIntentId"])
    .index("by_stripeSubscriptionId", ["stripeSubscriptionId"]),

  /**
   * One row per path enrollment and step: when the step opened (never re-locked), when its time rule opens it
   * (`unlockDueAt`, only while locked), when its course was completed (an issued course certificate), and the seat
   * the path gives for it (`seatIncluded`; `enrollmentId` once the learner chose a cohort).
   */
  pathStepProgress: defineTable({
    pathEnrollmentId: v.id("userPathEnrollments"),
    userId: v.id("users"),
    pathId: v.id("learningPaths"),
    stepId: v.id("learningPathSteps"),
    courseId: v.id("courses"),
    seatIncluded: v.boolean(),
    unlockedAt: v.optional(v.number()),
    unlockDueAt: v.optional(v.number()),
    completedAt: v.optional(v.number()),
    enrollmentId: v.optional(v.id("enrollments")),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_pathEnrollmentId", ["pathEnrollmentId"])
    .index("by_userId_and_courseId", ["userId", "courseId"])
    .index("by_stepId", ["stepId"])
    .index("by_unlockDueAt", ["unlockDueAt"]),

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
