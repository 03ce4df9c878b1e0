/** Codes: Stripe promotion codes (each with its own coupon) that lower the price at checkout. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vPromotionCodeStatus } from "../validators";

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
};
