/**
 * A learner's path subscription after it started: cancel it at the end of the period paid for (or keep it after all),
 * through Stripe; what Stripe answers is applied at once, and its webhooks (payments/webhook.ts →
 * paths/model/subscription.ts) say the same again. A subscription that must not go on (a payment we could not accept)
 * is cancelled at once.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { appError } from "../errors";
import { internalAction, internalMutation, internalQuery, userAction } from "../functions";
import { cancelSubscriptionNow, setSubscriptionCancellation } from "../integrations/stripe";
import { applySubscriptionState } from "./model/subscription";

/** The caller's path enrollment and its subscription purchase, if both are theirs. */
export const subscriptionContext = internalQuery({
  args: { viewerId: v.id("users"), pathEnrollmentId: v.string() },
  handler: async (ctx, { viewerId, pathEnrollmentId }) => {
    const id = ctx.db.normalizeId("userPathEnrollments", pathEnrollmentId);
    const enrollment = id === null ? null : await ctx.db.get("userPathEnrollments", id);
    if (enrollment === null || enrollment.userId !== viewerId) return null;
    const purchase: Doc<"pathPurchases"> | null = enrollment.purchaseId
      ? await ctx.db.get("pathPurchases", enrollment.purchaseId)
      : null;
    const path = await ctx.db.get("learningPaths", enrollment.pathId);
    return { enrollment, purchase, pathTitle: path?.title ?? "learning path" };
  },
});

/**
 * Cancel the caller's path subscription at the end of the period paid for (`cancelAtPeriodEnd` true), or keep it
 * (false) while that day has not come. Access runs to the end of the period either way.
 */
export const setCancellation = userAction({
  args: { pathEnrollmentId: v.string(), cancelAtPeriodEnd: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { pathEnrollmentId, cancelAtPeriodEnd }) => {
    const found = await ctx.runQuery(internal.paths.subscriptions.subscriptionContext, {
      viewerId: ctx.viewerId,
      pathEnrollmentId,
    });
    if (found === null) throw appError("NOT_FOUND", "We could not find this learning path among yours.");
    const { purchase, pathTitle } = found;
    if (purchase === null || purchase.mode !== "subscription" || !purchase.stripeSubscriptionId) {
      throw appError("INVALID_INPUT", `Your ${pathTitle} is not a subscription.`);
    }
    if (purchase.subscriptionStatus === "ended") {
      throw appError("INVALID_INPUT", `Your ${pathTitle} subscription has already ended.`);
    }
    if ((purchase.cancelAtPeriodEnd ?? false) === cancelAtPeriodEnd) return null;
    const requestedAt = Date.now();
    let subscription;
    try {
      subscription = await setSubscriptionCancellation(purchase.stripeSubscriptionId, {
        purchaseId: purchase._id,
        cancelAtPeriodEnd,
        requestedAt,
      });
    } catch (error) {
      throw appError("PAYMENT_FAILED", `Stripe did not accept the change: ${(error as Error).message}`);
    }
    await ctx.runMutation(internal.paths.subscriptions.applyStripeAnswer, {
      purchaseId: purchase._id,
      subscription: {
        id: subscription.id,
        status: subscription.status,
        cancel_at_period_end: subscription.cancel_at_period_end,
        ended_at: subscription.ended_at,
        items: { data: subscription.items.data.map((item) => ({ current_period_end: item.current_period_end })) },
      },
      // Stripe's own events are stamped to the second: its answer counts as news from that second.
      at: Math.floor(requestedAt / 1000) * 1000,
    });
    return null;
  },
});

/** Applies the subscription Stripe returned to our own request (its webhook repeats it; the repeat changes nothing). */
export const applyStripeAnswer = internalMutation({
  args: {
    purchaseId: v.id("pathPurchases"),
    subscription: v.object({
      id: v.string(),
      status: v.string(),
      cancel_at_period_end: v.boolean(),
      ended_at: v.union(v.number(), v.null()),
      items: v.object({ data: v.array(v.object({ current_period_end: v.number() })) }),
    }),
    at: v.number(),
  },
  returns: v.string(),
  handler: async (ctx, { purchaseId, subscription, at }) => {
    const purchase = await ctx.db.get("pathPurchases", purchaseId);
    if (purchase === null) return "purchase deleted";
    return await applySubscriptionState(ctx, purchase, subscription, at);
  },
});

/** Cancels at once a subscription whose payment we could not accept (its purchase is listed for review). */
export const cancelNow = internalAction({
  args: { purchaseId: v.id("pathPurchases"), subscriptionId: v.string() },
  returns: v.null(),
  handler: async (_ctx, { purchaseId, subscriptionId }) => {
    await cancelSubscriptionNow(subscriptionId, purchaseId);
    return null;
  },
});
