/**
 * Refunds: a platform admin refunds a purchase or a payment under review, and payments that could not be
 * delivered (late, duplicate, no seat left) are refunded automatically. All three go through one refund call
 * (`refundPayment`, integrations/stripe.ts); Stripe's charge.refunded webhook then ends access (payments/webhook.ts).
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { recordRefundRequest as noteRefundRequest } from "../enrollments/model/state";
import { appError } from "../errors";
import { internalMutation, internalQuery, platformAdminAction, internalAction } from "../functions";
import { optionalText, TEXT_LIMITS } from "../limits";
import { refundPayment, requestedRefund } from "../integrations/stripe";

export const refundContext = internalQuery({
  args: { enrollmentId: v.id("enrollments") },
  handler: async (ctx, { enrollmentId }) => await ctx.db.get("enrollments", enrollmentId),
});

export const reviewContext = internalQuery({
  args: { reviewId: v.id("paymentReviews") },
  handler: async (ctx, { reviewId }) => await ctx.db.get("paymentReviews", reviewId),
});

export const recordRefundRequest = internalMutation({
  args: { enrollmentId: v.id("enrollments"), note: v.optional(v.string()) },
  handler: async (ctx, { enrollmentId, note }) => {
    await noteRefundRequest(ctx, enrollmentId, note);
  },
});

/**
 * Refunds a B2C purchase in full through Stripe, with an optional reason; the
 * charge.refunded webhook then revokes access and frees the seat.
 */
export const refundEnrollment = platformAdminAction({
  args: { enrollmentId: v.id("enrollments"), note: v.optional(v.string()) },
  returns: v.object({ refundId: v.string(), status: v.string() }),
  handler: async (ctx, { enrollmentId, note: rawNote }) => {
    const note = optionalText(rawNote, "the refund reason", TEXT_LIMITS.line);
    const enrollment = await ctx.runQuery(internal.payments.refunds.refundContext, { enrollmentId });
    if (enrollment === null) throw appError("NOT_FOUND", "This enrollment no longer exists.");
    if (enrollment.paymentStatus === "refunded") throw appError("INVALID_INPUT", "This purchase was already refunded.");
    // A paid purchase, or one a platform admin removed from its cohort since (removal never refunds by itself).
    const paid =
      enrollment.paymentStatus === "completed" ||
      (enrollment.paymentStatus === "failed" && enrollment.failureReason === "removed");
    if (!paid || enrollment.paymentType !== "b2c" || !enrollment.stripePaymentIntentId) {
      throw appError("INVALID_INPUT", "Only paid individual purchases can be refunded here.");
    }
    const refund = await requestedRefund(enrollment.stripePaymentIntentId, { enrollmentId }, note);
    await ctx.runMutation(internal.payments.refunds.recordRefundRequest, { enrollmentId, note });
    return { refundId: refund.id, status: refund.status ?? "pending" };
  },
});

export const recordReviewRefund = internalMutation({
  args: { reviewId: v.id("paymentReviews"), adminId: v.id("users"), note: v.optional(v.string()) },
  handler: async (ctx, { reviewId, adminId, note }) => {
    const now = Date.now();
    await ctx.db.patch("paymentReviews", reviewId, {
      status: "resolved",
      resolution: "refunded",
      refundRequestedAt: now,
      resolvedById: adminId,
      resolvedAt: now,
      ...(note ? { note } : {}),
      updatedAt: now,
    });
  },
});

/** Refunds a reviewed payment in full through Stripe and resolves the review. Never touches an enrollment's seat. */
export const refundPaymentReview = platformAdminAction({
  args: { reviewId: v.id("paymentReviews"), note: v.optional(v.string()) },
  returns: v.object({ refundId: v.string(), status: v.string() }),
  handler: async (ctx, { reviewId, note: rawNote }) => {
    const note = optionalText(rawNote, "the refund reason", TEXT_LIMITS.line);
    const review = await ctx.runQuery(internal.payments.refunds.reviewContext, { reviewId });
    if (review === null) throw appError("NOT_FOUND", "This payment review no longer exists.");
    if (review.status !== "open" || review.refundRequestedAt)
      throw appError("INVALID_INPUT", "This payment was already resolved.");
    if (!review.stripePaymentIntentId)
      throw appError("INVALID_INPUT", "Nothing was charged for this payment, so there is nothing to refund.");
    const refund = await requestedRefund(review.stripePaymentIntentId, { paymentReviewId: reviewId }, note);
    await ctx.runMutation(internal.payments.refunds.recordReviewRefund, { reviewId, adminId: ctx.viewerId, note });
    return { refundId: refund.id, status: refund.status ?? "pending" };
  },
});

/** Refunds a verified payment that could not be delivered (listed for review as refunded automatically). */
export const refundReviewedPayment = internalAction({
  args: { reviewId: v.id("paymentReviews") },
  handler: async (ctx, { reviewId }) => {
    const review = await ctx.runQuery(internal.payments.refunds.reviewContext, { reviewId });
    if (review === null || !review.stripePaymentIntentId) return;
    try {
      await refundPayment(review.stripePaymentIntentId, { paymentReviewId: reviewId });
    } catch (error) {
      await ctx.runMutation(internal.payments.refunds.automaticRefundFailed, {
        reviewId,
        detail: (error as Error).message,
      });
    }
  },
});

/** Stripe refused the automatic refund: the review opens again for an admin. */
export const automaticRefundFailed = internalMutation({
  args: { reviewId: v.id("paymentReviews"), detail: v.string() },
  handler: async (ctx, { reviewId, detail }) => {
    console.error(`Automatic refund for payment review ${reviewId} failed: ${detail}`);
    await ctx.db.patch("paymentReviews", reviewId, {
      status: "open",
      resolution: undefined,
      resolvedAt: undefined,
      refundRequestedAt: undefined,
      note: "The automatic refund failed; refund it here or in Stripe.",
      updatedAt: Date.now(),
    });
  },
});
