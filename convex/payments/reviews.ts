/** Payments that were not matched to a seat, listed for platform admins to refund or close. */
import { v } from "convex/values";
import { appError } from "../errors";
import { platformAdminMutation, platformAdminQuery } from "../functions";
import { boundedText, TEXT_LIMITS } from "../limits";
import { paymentReviewRows, vPaymentReviewRow } from "./model/reviews";

/** Payments not matched to a seat: every open one (oldest problems stay visible) and the latest resolved. */
export const list = platformAdminQuery({
  args: {},
  returns: v.object({ open: v.array(vPaymentReviewRow), resolved: v.array(vPaymentReviewRow) }),
  handler: async (ctx) => {
    const open = await ctx.db
      .query("paymentReviews")
      .withIndex("by_status_and_createdAt", (q) => q.eq("status", "open"))
      .order("desc")
      .take(100);
    const resolved = await ctx.db
      .query("paymentReviews")
      .withIndex("by_status_and_createdAt", (q) => q.eq("status", "resolved"))
      .order("desc")
      .take(20);
    return { open: await paymentReviewRows(ctx, open), resolved: await paymentReviewRows(ctx, resolved) };
  },
});

/** Closes a review without a refund (e.g. settled with the customer another way); the note says what was done. */
export const resolve = platformAdminMutation({
  args: { reviewId: v.id("paymentReviews"), note: v.string() },
  returns: v.null(),
  handler: async (ctx, { reviewId, note: rawNote }) => {
    const note = boundedText(rawNote, "a note on what was done", TEXT_LIMITS.line, { min: 1 });
    const review = await ctx.db.get("paymentReviews", reviewId);
    if (review === null) throw appError("NOT_FOUND", "This payment review no longer exists.");
    if (review.status !== "open") throw appError("INVALID_INPUT", "This payment was already resolved.");
    const now = Date.now();
    await ctx.db.patch("paymentReviews", reviewId, {
      status: "resolved",
      resolution: "no_refund",
      resolvedById: ctx.viewer._id,
      resolvedAt: now,
      note,
      updatedAt: now,
    });
    return null;
  },
});
