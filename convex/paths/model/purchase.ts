/**
 * Buying a learning path's bundle: one Stripe Checkout for the bundle's price, and, when Stripe's webhook reports it
 * paid, exactly one path enrollment (enroll.ts) whose steps each include a seat, taken as they open. The webhook router
 * (payments/webhook.ts) hands `checkout.session.*` events of a bundle's Checkout Session here, and `charge.refunded`
 * of its payment. Replays change nothing: a purchase is confirmed once, for its own payment. A subscription starts
 * the same way (`startPurchase`); subscription.ts applies its Checkout and what follows.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { currency } from "../../env";
import { appError } from "../../errors";
import { enforceLimit } from "../../rateLimits";
import {
  type ChargeObject,
  type CheckoutSessionObject,
  checkoutSessionPayment,
  isFullRefund,
  paymentIntentOf,
  recordPaymentReview,
} from "../../payments/model/reviews";
import { enrollInPath } from "./enroll";
import { pathPrice, stepsOf } from "./views";

/** A bundle's Checkout stays open for an hour (no seat is held meanwhile: seats are taken as steps open). */
export const BUNDLE_CHECKOUT_MS = 60 * 60 * 1000;

/** The person's enrollment in the path while they follow it (an expired one does not count), or null. */
export async function currentPathEnrollment(ctx: QueryCtx, userId: Id<"users">, pathId: Id<"learningPaths">) {
  const enrollment = await ctx.db
    .query("userPathEnrollments")
    .withIndex("by_userId_and_pathId", (q) => q.eq("userId", userId).eq("pathId", pathId))
    .first();
  return enrollment !== null && enrollment.status !== "expired" ? enrollment : null;
}

/** The buyer's purchase of this path, bought this way, that is still waiting for payment, if any. */
async function openPurchase(
  ctx: QueryCtx,
  userId: Id<"users">,
  pathId: Id<"learningPaths">,
  mode: Doc<"pathPurchases">["mode"],
  now: number,
) {
  const purchases = await ctx.db
    .query("pathPurchases")
    .withIndex("by_userId_and_pathId", (q) => q.eq("userId", userId).eq("pathId", pathId))
    .order("desc")
    .take(20);
  return (
    purchases.find((p) => p.status === "pending" && p.mode === mode && (p.awaitingAsyncPayment || p.expiresAt > now)) ??
    null
  );
}

/**
 * Starts (or continues) the caller's purchase of a bundled path at its price now; the Checkout Session is created by
 * the scheduler. Refuses a path that is not for sale as a bundle and a path the caller already follows.
 */
export async function startBundlePurchase(ctx: MutationCtx, viewer: Doc<"users">, pathId: Id<"learningPaths">) {
  const path = await ctx.db.get("learningPaths", pathId);
  if (path === null || !path.isActive) throw appError("NOT_FOUND", "This learning path is not available.");
  if (path.pricingModel !== "bundled" || path.bundlePrice === undefined) {
    throw appError("INVALID_INPUT", `The ${path.title} is not sold as a bundle: book its courses one by one.`);
  }
  return await startPurchase(ctx, viewer, path, { amountCents: path.bundlePrice });
}

/**
 * A purchase of the path at `amountCents` (a bundle, or a subscription's monthly price), or the one the caller started
 * already; its Checkout Session is created by the scheduler and closes after an hour. Refuses a path the caller
 * already follows.
 */
export async function startPurchase(
  ctx: MutationCtx,
  viewer: Doc<"users">,
  path: Doc<"learningPaths">,
  how: { amountCents: number; mode?: "subscription" },
) {
  if (await currentPathEnrollment(ctx, viewer._id, path._id)) {
    throw appError("ALREADY_IN_PATH", `You already follow the ${path.title}. It is on your learning page.`);
  }
  const now = Date.now();
  const open = await openPurchase(ctx, viewer._id, path._id, how.mode, now);
  if (open) return open._id;
  const courses = [];
  for (const step of await stepsOf(ctx, path._id)) {
    const course = await ctx.db.get("courses", step.courseId);
    if (course) courses.push(course);
  }
  const price = pathPrice(path, courses);
  await enforceLimit(ctx, "checkoutStarts", viewer._id, "checkouts started");
  const purchaseId = await ctx.db.insert("pathPurchases", {
    userId: viewer._id,
    pathId: path._id,
    status: "pending",
    ...(how.mode ? { mode: how.mode } : {}),
    amountCents: how.amountCents,
    currency: currency(),
    listPriceCents: price.coursesTotalCents,
    expiresAt: now + BUNDLE_CHECKOUT_MS,
    createdAt: now,
    updatedAt: now,
  });
  await ctx.scheduler.runAfter(0, internal.paths.checkout.createCheckoutSession, { purchaseId });
  await ctx.scheduler.runAt(now + BUNDLE_CHECKOUT_MS, internal.paths.checkout.expirePurchase, { purchaseId });
  return purchaseId;
}

/** Ends a purchase that is still pending (never one being paid by a delayed method); false when it was not. */
export async function endPurchase(
  ctx: MutationCtx,
  purchase: Doc<"pathPurchases">,
  status: "expired" | "failed",
  message: string,
) {
  if (purchase.status !== "pending") return false;
  await ctx.db.patch("pathPurchases", purchase._id, {
    status,
    message,
    checkoutUrl: undefined,
    awaitingAsyncPayment: undefined,
    updatedAt: Date.now(),
  });
  return true;
}

/** The bundle purchase a Checkout Session belongs to (only the session we created and stored names it). */
export async function purchaseForCheckoutSession(ctx: QueryCtx, checkoutSessionId: string) {
  return await ctx.db
    .query("pathPurchases")
    .withIndex("by_stripeCheckoutSessionId", (q) => q.eq("stripeCheckoutSessionId", checkoutSessionId))
    .unique();
}

const isPaid = (type: string, checkoutSession: CheckoutSessionObject) =>
  type === "checkout.session.async_payment_succeeded" ||
  (type === "checkout.session.completed" && checkoutSession.payment_status === "paid");

/**
 * Applies a `checkout.session.*` event of a bundle's own Checkout Session: paid → the path enrollment (once); a
 * payment of another amount or currency, or for a path the buyer already follows, goes to the review list (the
 * latter refunded at once); expired or failed → the purchase ends.
 */
export async function applyBundleCheckoutEvent(
  ctx: MutationCtx,
  eventId: string,
  type: string,
  checkoutSession: CheckoutSessionObject,
  purchase: Doc<"pathPurchases">,
): Promise<string> {
  if (type === "checkout.session.expired") {
    return (await endPurchase(ctx, purchase, "expired", "The payment page expired before payment."))
      ? "bundle purchase expired"
      : "ignored: not pending";
  }
  if (type === "checkout.session.async_payment_failed") {
    return (await endPurchase(ctx, purchase, "failed", "Your bank declined the payment."))
      ? "bundle purchase failed"
      : "ignored: not pending";
  }
  const paid = isPaid(type, checkoutSession);
  const payment = checkoutSessionPayment(checkoutSession);
  const mismatch =
    checkoutSession.amount_total !== purchase.amountCents
      ? ("amount_mismatch" as const)
      : checkoutSession.currency?.toLowerCase() !== purchase.currency
        ? ("currency_mismatch" as const)
        : null;
  if (mismatch) {
    if (!paid) return "ignored: amount or currency does not match";
    await endPurchase(
      ctx,
      purchase,
      "failed",
      "We received a payment that does not match this purchase. Our team will review it and contact you.",
    );
    return await recordPaymentReview(
      ctx,
      {
        reason: mismatch,
        stripeEventId: eventId,
        payment,
        expected: { amountCents: purchase.amountCents, currency: purchase.currency },
      },
      { refund: false },
    );
  }
  if (!paid) {
    if (purchase.status !== "pending") return "ignored: not pending";
    // A delayed method (bank debit) is processing: the purchase waits for Stripe's result.
    await ctx.db.patch("pathPurchases", purchase._id, { awaitingAsyncPayment: true, updatedAt: Date.now() });
    return "bundle awaiting async payment";
  }
  if (purchase.status === "completed" || purchase.status === "refunded") {
    if (payment.stripePaymentIntentId === null || payment.stripePaymentIntentId === purchase.stripePaymentIntentId) {
      return purchase.status === "completed" ? "bundle already confirmed" : "ignored: refunded";
    }
    return await recordPaymentReview(
      ctx,
      { reason: "duplicate_payment", stripeEventId: eventId, payment },
      { refund: true },
    );
  }
  const path = (await ctx.db.get("learningPaths", purchase.pathId))!;
  const user = (await ctx.db.get("users", purchase.userId))!;
  if (await currentPathEnrollment(ctx, user._id, path._id)) {
    // Enrolled meanwhile (another purchase, or their organization): this payment goes back.
    await ctx.db.patch("pathPurchases", purchase._id, {
      status: "failed",
      message: `You already follow the ${path.title}, so this payment was refunded automatically.`,
      awaitingAsyncPayment: undefined,
      updatedAt: Date.now(),
    });
    return await recordPaymentReview(
      ctx,
      { reason: "already_enrolled", stripeEventId: eventId, payment },
      { refund: true },
    );
  }
  // Paid, even after the Checkout's hour (nothing was held): the purchase is delivered.
  const pathEnrollmentId = await enrollInPath(ctx, user, path, {
    paymentType: "bundle",
    purchaseId: purchase._id,
    welcome: "inApp",
  });
  const now = Date.now();
  await ctx.db.patch("pathPurchases", purchase._id, {
    status: "completed",
    pathEnrollmentId,
    stripePaymentIntentId: payment.stripePaymentIntentId ?? undefined,
    ...(payment.amountCents !== null ? { amountPaidCents: payment.amountCents } : {}),
    awaitingAsyncPayment: undefined,
    checkoutUrl: undefined,
    message: undefined,
    paidAt: now,
    updatedAt: now,
  });
  await ctx.scheduler.runAfter(0, internal.paths.checkout.sendReceipt, { purchaseId: purchase._id });
  return "bundle confirmed";
}

/**
 * Applies `charge.refunded` to a bundle's payment, or returns null when the payment is not a bundle's. A full refund
 * ends the path enrollment now: steps stop opening and unused seats can no longer be taken (seats already taken stay
 * until an admin removes them); a partial refund changes nothing for the learner.
 */
export async function applyBundleRefund(ctx: MutationCtx, charge: ChargeObject): Promise<string | null> {
  const intent = paymentIntentOf(charge);
  if (!intent) return null;
  const purchase = await ctx.db
    .query("pathPurchases")
    .withIndex("by_stripePaymentIntentId", (q) => q.eq("stripePaymentIntentId", intent))
    .unique();
  if (purchase === null) return null;
  if (purchase.status === "refunded") return "bundle already refunded";
  if (!isFullRefund(charge)) return "bundle partially refunded: access unchanged";
  const now = Date.now();
  await ctx.db.patch("pathPurchases", purchase._id, { status: "refunded", refundedAt: now, updatedAt: now });
  if (purchase.pathEnrollmentId) {
    const enrollment = await ctx.db.get("userPathEnrollments", purchase.pathEnrollmentId);
    if (enrollment && enrollment.status !== "expired" && enrollment.purchaseId === purchase._id) {
      await ctx.db.patch("userPathEnrollments", enrollment._id, { status: "expired", expiresAt: now, updatedAt: now });
    }
  }
  return "bundle refunded";
}

/** The caller's own purchase, or NOT_FOUND. */
export async function requireOwnPurchase(ctx: QueryCtx, viewer: Doc<"users">, purchaseId: Id<"pathPurchases">) {
  const purchase = await ctx.db.get("pathPurchases", purchaseId);
  if (purchase === null || purchase.userId !== viewer._id)
    throw appError("NOT_FOUND", "We could not find that purchase.");
  return purchase;
}
