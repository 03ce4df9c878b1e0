/**
 * Codes: Stripe promotion codes (each with its own coupon) that lower the price at checkout, and enrollment codes that
 * put the person who redeems one in a cohort without paying (seed 000 G8).
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vEnrollmentCodeSource, vEnrollmentCodeStatus, vPromotionCodeStatus } from "../validators";

export const codesTables = {
  /**
   * A customer-facing promotion code and the Stripe coupon behind it, mirrored from Stripe: one coupon per code, so
   * the code's terms (percent or amount off, expiry, use limit, course) are the coupon's.
   */
  promotionCodes: defineTable({
    /** What buyers type, upper case (Stripe matches codes without regard to case). */
    code: v.string(),
    /** The admins' note on what the code is for. */
    description: v.optional(v.string()),
    percentOff: v.optional(v.number()),
    amountOffCents: v.optional(v.number()),
    currency: v.string(),
    /** Only this course's cohorts, when set (checked here: Stripe's `applies_to` needs products we do not create). */
    courseId: v.optional(v.id("courses")),
    expiresAt: v.optional(v.number()),
    maxRedemptions: v.optional(v.number()),
    /** Paid checkouts that used the code (refunds do not give a use back, as in Stripe). */
    timesRedeemed: v.number(),
    status: vPromotionCodeStatus,
    stripeCouponId: v.optional(v.string()),
    stripePromotionCodeId: v.optional(v.string()),
    /** Why Stripe refused to create the code. */
    failureMessage: v.optional(v.string()),
    createdById: v.id("users"),
    disabledAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_code", ["code"])
    .index("by_createdAt", ["createdAt"]),

  /**
   * A code that enrolls whoever redeems it at /redeem in one cohort: a free seat, or (source `organization`) a seat of
   * the organization's pool, the redeemer joining the organization. Limited in uses and, optionally, in time.
   */
  enrollmentCodes: defineTable({
    /** What people type, upper case. */
    code: v.string(),
    cohortId: v.id("cohorts"),
    courseId: v.id("courses"),
    source: vEnrollmentCodeSource,
    organizationId: v.optional(v.id("organizations")),
    maxUses: v.number(),
    /** Redemptions so far (each one enrolled someone). */
    uses: v.number(),
    expiresAt: v.optional(v.number()),
    status: vEnrollmentCodeStatus,
    description: v.optional(v.string()),
    createdById: v.id("users"),
    disabledAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_code", ["code"])
    .index("by_createdAt", ["createdAt"])
    .index("by_organizationId_and_createdAt", ["organizationId", "createdAt"]),

  /** One person's redemption of an enrollment code: at most one per person and code, so redeeming again is a no-op. */
  enrollmentCodeRedemptions: defineTable({
    enrollmentCodeId: v.id("enrollmentCodes"),
    userId: v.id("users"),
    enrollmentId: v.id("enrollments"),
    redeemedAt: v.number(),
  })
    .index("by_enrollmentCodeId_and_userId", ["enrollmentCodeId", "userId"])
    .index("by_enrollmentCodeId_and_redeemedAt", ["enrollmentCodeId", "redeemedAt"]),
};
