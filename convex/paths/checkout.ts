/**
 * Buying a learning path's bundle, or subscribing to a path sold by the month: start → Stripe Checkout
 * (integrations/stripe.ts; payment or subscription mode) → the webhook (payments/webhook.ts → paths/model/purchase.ts
 * or subscription.ts) creates the path enrollment, or the Checkout ends unpaid.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { appError } from "../errors";
import { siteUrl } from "../env";
import { formatMoney } from "../format";
import { internalAction, internalMutation, internalQuery, userMutation, userQuery } from "../functions";
import { sendEmail } from "../integrations/email";
import { createBundleCheckoutSession, createSubscriptionCheckoutSession } from "../integrations/stripe";
import { bundleReceiptEmail } from "./model/emails";
import { endPurchase, requireOwnPurchase, startBundlePurchase } from "./model/purchase";
import { stepRows } from "./model/progress";
import { startSubscriptionPurchase } from "./model/subscription";
import { inOrder } from "./model/rules";
import { stepsOf } from "./model/views";

/** Start buying a bundled path (or continue the purchase already started); returns the purchase to follow. */
export const buyBundle = userMutation({
  args: { pathId: v.id("learningPaths") },
  returns: v.id("pathPurchases"),
  handler: async (ctx, { pathId }) => await startBundlePurchase(ctx, ctx.viewer, pathId),
});

/** Start a subscription to a path sold by the month (or continue the one started); returns the purchase to follow. */
export const subscribe = userMutation({
  args: { pathId: v.id("learningPaths") },
  returns: v.id("pathPurchases"),
  handler: async (ctx, { pathId }) => await startSubscriptionPurchase(ctx, ctx.viewer, pathId),
});

const vPurchaseState = v.union(
  v.literal("creating_session"),
  v.literal("ready"),
  v.literal("awaiting_payment_result"),
  v.literal("paid"),
  v.literal("ended"),
  v.literal("refunded"),
);

function purchaseState(purchase: Doc<"pathPurchases">) {
  if (purchase.status === "completed") return "paid" as const;
  if (purchase.status === "refunded") return "refunded" as const;
  if (purchase.status !== "pending") return "ended" as const;
  if (purchase.awaitingAsyncPayment) return "awaiting_payment_result" as const;
  return purchase.checkoutUrl ? ("ready" as const) : ("creating_session" as const);
}

/** The caller's own bundle purchase, followed live by the checkout page; null for anyone else's. */
export const status = userQuery({
  args: { purchaseId: v.id("pathPurchases") },
  returns: v.union(
    v.null(),
    v.object({
      state: vPurchaseState,
      /** A subscription (amountCents is then its monthly price). */
      subscription: v.boolean(),
      checkoutUrl: v.optional(v.string()),
      message: v.optional(v.string()),
      amountCents: v.number(),
      listPriceCents: v.number(),
      amountPaidCents: v.optional(v.number()),
      pathTitle: v.string(),
      pathSlug: v.string(),
      courseTitles: v.array(v.string()),
      pathEnrollmentId: v.optional(v.id("userPathEnrollments")),
    }),
  ),
  handler: async (ctx, { purchaseId }) => {
    const purchase = await ctx.db.get("pathPurchases", purchaseId);
    if (ctx.viewer === null || purchase === null || purchase.userId !== ctx.viewer._id) return null;
    const path = (await ctx.db.get("learningPaths", purchase.pathId))!;
    const courseTitles = [];
    for (const step of inOrder(await stepsOf(ctx, path._id))) {
      courseTitles.push((await ctx.db.get("courses", step.courseId))?.title ?? "A course");
    }
    const state = purchaseState(purchase);
    return {
      state,
      subscription: purchase.mode === "subscription",
      ...(state === "ready" && purchase.checkoutUrl ? { checkoutUrl: purchase.checkoutUrl } : {}),
      ...(purchase.message ? { message: purchase.message } : {}),
      amountCents: purchase.amountCents,
      listPriceCents: purchase.listPriceCents,
      ...(purchase.amountPaidCents !== undefined ? { amountPaidCents: purchase.amountPaidCents } : {}),
      pathTitle: path.title,
      pathSlug: path.slug,
      courseTitles,
      ...(purchase.pathEnrollmentId ? { pathEnrollmentId: purchase.pathEnrollmentId } : {}),
    };
  },
});

/** Give up a bundle purchase before paying (its Checkout Session is closed). */
export const cancel = userMutation({
  args: { purchaseId: v.id("pathPurchases") },
  returns: v.null(),
  handler: async (ctx, { purchaseId }) => {
    const purchase = await requireOwnPurchase(ctx, ctx.viewer, purchaseId);
    if (purchase.awaitingAsyncPayment) {
      throw appError("INVALID_INPUT", "Your bank is processing the payment, so the purchase cannot be cancelled now.");
    }
    if (!(await endPurchase(ctx, purchase, "failed", "You cancelled this purchase.")))
      throw appError("INVALID_INPUT", "This purchase is no longer waiting for payment.");
    if (purchase.stripeCheckoutSessionId) {
      await ctx.scheduler.runAfter(0, internal.payments.checkout.expireCheckoutSession, {
        checkoutSessionId: purchase.stripeCheckoutSessionId,
      });
    }
    return null;
  },
});

// ------------------------------------------------------------------ internal

/** A purchase with what its Checkout Session and receipt need. */
export const purchaseContext = internalQuery({
  args: { purchaseId: v.id("pathPurchases") },
  handler: async (ctx, { purchaseId }) => {
    const purchase = await ctx.db.get("pathPurchases", purchaseId);
    if (purchase === null) return null;
    const path = (await ctx.db.get("learningPaths", purchase.pathId))!;
    const user = (await ctx.db.get("users", purchase.userId))!;
    const steps = inOrder(await stepsOf(ctx, path._id));
    const courseTitles: string[] = [];
    for (const step of steps) courseTitles.push((await ctx.db.get("courses", step.courseId))?.title ?? "A course");
    const rows = purchase.pathEnrollmentId ? await stepRows(ctx, purchase.pathEnrollmentId) : [];
    const openNow = steps
      .filter((step) => rows.some((row) => row.stepId === step._id && row.unlockedAt !== undefined))
      .map((step) => courseTitles[steps.indexOf(step)]);
    return { purchase, path, user, courseTitles, openNow };
  },
});

/** Creates the purchase's Stripe Checkout Session, for the bundle or the subscription (idempotent per purchase). */
export const createCheckoutSession = internalAction({
  args: { purchaseId: v.id("pathPurchases") },
  handler: async (ctx, { purchaseId }) => {
    const data = await ctx.runQuery(internal.paths.checkout.purchaseContext, { purchaseId });
    if (data === null || data.purchase.status !== "pending" || data.purchase.stripeCheckoutSessionId) return;
    const create =
      data.purchase.mode === "subscription" ? createSubscriptionCheckoutSession : createBundleCheckoutSession;
    try {
      const checkoutSession = await create({
        purchase: data.purchase,
        path: data.path,
        user: data.user,
        courseTitles: data.courseTitles,
        siteUrl: siteUrl(),
      });
      await ctx.runMutation(internal.paths.checkout.attachCheckoutSession, {
        purchaseId,
        checkoutSessionId: checkoutSession.id,
        url: checkoutSession.url,
      });
    } catch (error) {
      console.error(`Checkout Session for bundle purchase ${purchaseId} failed: ${(error as Error).message}`);
      await ctx.runMutation(internal.paths.checkout.checkoutSessionFailed, { purchaseId });
    }
  },
});

export const attachCheckoutSession = internalMutation({
  args: { purchaseId: v.id("pathPurchases"), checkoutSessionId: v.string(), url: v.string() },
  handler: async (ctx, { purchaseId, checkoutSessionId, url }) => {
    const purchase = await ctx.db.get("pathPurchases", purchaseId);
    if (purchase === null) return;
    const open = purchase.status === "pending";
    await ctx.db.patch("pathPurchases", purchaseId, {
      stripeCheckoutSessionId: checkoutSessionId,
      ...(open ? { checkoutUrl: url } : {}),
      updatedAt: Date.now(),
    });
    // Cancelled while the session was being created: close it so nobody pays for a purchase that ended.
    if (!open) await ctx.scheduler.runAfter(0, internal.payments.checkout.expireCheckoutSession, { checkoutSessionId });
  },
});

export const checkoutSessionFailed = internalMutation({
  args: { purchaseId: v.id("pathPurchases") },
  handler: async (ctx, { purchaseId }) => {
    const purchase = await ctx.db.get("pathPurchases", purchaseId);
    if (purchase === null) return;
    await endPurchase(ctx, purchase, "failed", "We could not start the payment. Please try again.");
  },
});

/** The Checkout's hour is over: an unpaid purchase ends (Stripe's `checkout.session.expired` says the same). */
export const expirePurchase = internalMutation({
  args: { purchaseId: v.id("pathPurchases") },
  handler: async (ctx, { purchaseId }) => {
    const purchase = await ctx.db.get("pathPurchases", purchaseId);
    if (purchase === null || purchase.awaitingAsyncPayment || purchase.expiresAt > Date.now()) return;
    await endPurchase(ctx, purchase, "expired", "The payment page expired before payment.");
  },
});

/** The bundle's receipt, once (idempotent per payment); Stripe sends a subscription's receipts itself. */
export const sendReceipt = internalAction({
  args: { purchaseId: v.id("pathPurchases") },
  handler: async (ctx, { purchaseId }) => {
    const data = await ctx.runQuery(internal.paths.checkout.purchaseContext, { purchaseId });
    if (data === null || data.purchase.status !== "completed" || !data.purchase.pathEnrollmentId) return;
    if (data.purchase.mode === "subscription") return;
    const { purchase, path, user } = data;
    const paid = purchase.amountPaidCents ?? purchase.amountCents;
    const saving = purchase.listPriceCents - paid;
    await sendEmail(
      ctx,
      {
        to: user.email,
        ...(await bundleReceiptEmail({
          name: user.name,
          pathTitle: path.title,
          amount: formatMoney(paid, purchase.currency),
          listPrice: formatMoney(purchase.listPriceCents, purchase.currency),
          saving: saving > 0 ? formatMoney(saving, purchase.currency) : null,
          courseTitles: data.courseTitles,
          openNow: data.openNow,
          pathUrl: `${siteUrl()}/learn/paths/${purchase.pathEnrollmentId}`,
        })),
        actionUrl: `${siteUrl()}/learn/paths/${purchase.pathEnrollmentId}`,
      },
      { idempotencyKey: `path-receipt:${purchaseId}:${purchase.stripePaymentIntentId ?? ""}` },
    );
  },
});
