import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { enforceLimit } from "../../rateLimits";
import type { EnrollmentFailure } from "../../validators";
import { currency } from "../../env";
import {
  applyReviewRefund,
  type ChargeObject,
  type CheckoutSessionObject,
  isFullRefund,
  paymentIntentOf,
  recordPaymentReview,
  reviewForPaymentIntent,
  checkoutSessionPayment,
} from "./reviews";
import { liveEnrollmentInCourse, priceCharged } from "../../enrollments/model/seats";
import {
  awaitDelayedPayment,
  confirmPayment as confirmEnrollment,
  endPending,
  holdSeatForCheckout,
  noteCheckoutError,
  recordPartialRefund,
  refundInFull,
} from "../../enrollments/model/state";
import { leaveCourseWaitlists, openOfferFor } from "../../waitlist/model/queue";
import { countRedemption, type Discount, discountFor } from "../../codes/model/promotions";
import { applyBundleRefund } from "../../paths/model/purchase";

/**
 * A reservation holds its seat for 30 minutes, plus one so that Stripe — which
 * wants `expires_at` at least 30 minutes ahead when the Checkout Session is created a
 * moment later — accepts the same deadline.
 */
export const HOLD_MS = 31 * 60 * 1000;

/**
 * Reserves a seat for the caller: one pending enrollment holding a seat until checkout ends, at the course's price
 * less the discount of the promotion code they typed (refused with the reason when it cannot be used).
 */
export async function reserveSeat(
  ctx: MutationCtx,
  viewer: Doc<"users">,
  cohortId: Id<"cohorts">,
  promotionCode?: string,
) {
  const now = Date.now();
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
  if (cohort.isB2B) throw appError("FORBIDDEN", "This is a private cohort for an organization.");
  if (cohort.status !== "open" || cohort.startDate <= now) {
    throw appError("COHORT_NOT_OPEN", "This cohort is not open for enrollment. Pick another date.");
  }
  const course = await ctx.db.get("courses", cohort.courseId);
  if (course === null || course.status !== "published") throw appError("NOT_FOUND", "This course is not available.");

  const typedCode = promotionCode?.trim() ? promotionCode : undefined;
  const live = await liveEnrollmentInCourse(ctx, viewer._id, course._id);
  if (live?.paymentStatus === "pending" && live.cohortId === cohortId) {
    // Continue the checkout already in progress; its price was fixed when the seat was reserved.
    const liveCode = live.promotionCodeId ? await ctx.db.get("promotionCodes", live.promotionCodeId) : null;
    if (typedCode !== undefined && liveCode?.code !== typedCode.trim().toUpperCase()) {
      throw appError(
        "INVALID_INPUT",
        "Your checkout for this cohort has already started at another price. " +
          "Release the seat, then reserve again with the code.",
      );
    }
    return live._id;
  }
  if (live?.paymentStatus === "completed") {
    throw appError("ALREADY_ENROLLED", `You are already enrolled in ${course.title}. It is on your learning page.`);
  }
  if (live) {
    throw appError(
      "ALREADY_ENROLLED",
      "You already hold a seat in another cohort of this course. Finish or cancel that checkout first.",
    );
  }

  if (await openOfferFor(ctx, viewer._id, cohortId)) {
    throw appError(
      "INVALID_INPUT",
      "A seat is already being held for you: accept your waitlist offer on your learning page.",
    );
  }
  let discount: Discount | undefined;
  if (typedCode !== undefined) {
    discount = await discountFor(ctx, typedCode, { course, priceCents: course.priceB2C, currency: currency(), now });
  }
  await enforceLimit(ctx, "checkoutStarts", viewer._id, "checkouts started");
  const holdExpiresAt = now + HOLD_MS;
  const enrollmentId = await holdSeatForCheckout(
    ctx,
    viewer._id,
    { cohort, course },
    { holdExpiresAt, currency: currency(), ...(discount ? { discount } : {}) },
  );
  await leaveCourseWaitlists(ctx, viewer._id, course._id);
  await ctx.scheduler.runAfter(0, internal.payments.checkout.createCheckoutSession, { enrollmentId });
  await ctx.scheduler.runAt(holdExpiresAt, internal.payments.checkout.expireHold, { enrollmentId });
  return enrollmentId;
}

/** Ends a pending purchase without a seat, and closes its Checkout Session so nobody pays for the released seat. */
export async function failPending(
  ctx: MutationCtx,
  enrollment: Doc<"enrollments">,
  reason: EnrollmentFailure,
  message?: string,
) {
  if (!(await endPending(ctx, enrollment, reason, message))) return false;
  if (enrollment.stripeCheckoutSessionId && reason !== "checkout_expired") {
    await ctx.scheduler.runAfter(0, internal.payments.checkout.expireCheckoutSession, {
      checkoutSessionId: enrollment.stripeCheckoutSessionId,
    });
  }
  return true;
}

const isPaid = (type: string, checkoutSession: CheckoutSessionObject) =>
  type === "checkout.session.async_payment_succeeded" ||
  (type === "checkout.session.completed" &&
    (checkoutSession.payment_status === "paid" || checkoutSession.payment_status === "no_payment_required"));

/**
 * Applies a `checkout.session.*` event. Only the Checkout Session we created
 * for an enrollment (stored on it) can move that enrollment, and only for the
 * price charged; any other paid Checkout Session that claims one of our enrollments,
 * and any payment of another amount or currency, goes to the review list.
 */
export async function applyCheckoutSessionEvent(
  ctx: MutationCtx,
  eventId: string,
  type: string,
  checkoutSession: CheckoutSessionObject,
): Promise<string> {
  const enrollment = await ctx.db
    .query("enrollments")
    .withIndex("by_stripeCheckoutSessionId", (q) => q.eq("stripeCheckoutSessionId", checkoutSession.id))
    .unique();
  const paid = isPaid(type, checkoutSession);
  if (enrollment === null) {
    // client_reference_id and metadata are not proof: a Payment Link on the same account lets the buyer set the former.
    const claimed = paid ? await claimedEnrollment(ctx, checkoutSession) : null;
    if (claimed === null) return "ignored: unknown checkout session";
    return await recordPaymentReview(
      ctx,
      {
        reason: "unknown_session",
        stripeEventId: eventId,
        payment: checkoutSessionPayment(checkoutSession),
        enrollmentId: claimed,
      },
      { refund: false },
    );
  }
  if (type === "checkout.session.expired") {
    return (await failPending(ctx, enrollment, "checkout_expired")) ? "seat released" : "ignored: not pending";
  }
  if (type === "checkout.session.async_payment_failed") {
    return (await failPending(
      ctx,
      enrollment,
      "payment_failed",
      "Your bank declined the payment. The seat was released.",
    ))
      ? "seat released"
      : "ignored: not pending";
  }
  const expected = priceCharged(enrollment);
  const mismatch =
    checkoutSession.amount_total !== expected.amountCents
      ? ("amount_mismatch" as const)
      : checkoutSession.currency?.toLowerCase() !== expected.currency
        ? ("currency_mismatch" as const)
        : null;
  if (mismatch) {
    if (!paid) return "ignored: amount or currency does not match";
    await failPending(
      ctx,
      enrollment,
      "payment_under_review",
      "We received a payment that does not match this purchase. Our team will review it and contact you.",
    );
    return await recordPaymentReview(
      ctx,
      {
        reason: mismatch,
        stripeEventId: eventId,
        payment: checkoutSessionPayment(checkoutSession),
        enrollmentId: enrollment._id,
        expected,
      },
      { refund: false },
    );
  }
  if (paid) return await confirmPayment(ctx, enrollment, eventId, checkoutSession);
  if (enrollment.paymentStatus !== "pending") return "ignored: not pending";
  // A delayed method (e.g. bank debit) is processing: keep the seat until Stripe reports the result.
  await awaitDelayedPayment(ctx, enrollment);
  return "awaiting async payment";
}

/**
 * The enrollment a Checkout Session names in client_reference_id or metadata, if it exists (for the review list only).
 */
async function claimedEnrollment(ctx: MutationCtx, checkoutSession: CheckoutSessionObject) {
  for (const reference of [checkoutSession.client_reference_id, checkoutSession.metadata?.enrollmentId]) {
    const id = reference ? ctx.db.normalizeId("enrollments", reference) : null;
    if (id && (await ctx.db.get("enrollments", id))) return id;
  }
  return null;
}

/**
 * Confirms the enrollment's own paid Checkout Session, for the price charged. A payment
 * that arrives after its hold ended takes a free seat if there is one. One that
 * cannot be delivered — no seat left, another live enrollment in the course,
 * or a second payment — is refunded automatically and listed for review.
 */
async function confirmPayment(
  ctx: MutationCtx,
  enrollment: Doc<"enrollments">,
  eventId: string,
  checkoutSession: CheckoutSessionObject,
): Promise<string> {
  const paymentIntentId = paymentIntentOf(checkoutSession);
  const undeliverable = async (reason: "no_seat_left" | "already_enrolled" | "duplicate_payment", message?: string) => {
    if (message) await noteCheckoutError(ctx, enrollment, message);
    return await recordPaymentReview(
      ctx,
      {
        reason,
        stripeEventId: eventId,
        payment: checkoutSessionPayment(checkoutSession),
        enrollmentId: enrollment._id,
        expected: priceCharged(enrollment),
      },
      { refund: true },
    );
  };
  // A paid enrollment that a platform admin removed since was paid once already: the same payment again changes
  // nothing.
  const removed = enrollment.paymentStatus === "failed" && enrollment.failureReason === "removed";
  if (enrollment.paymentStatus === "completed" || enrollment.paymentStatus === "refunded" || removed) {
    if (paymentIntentId === null || paymentIntentId === enrollment.stripePaymentIntentId) {
      if (removed) return "ignored: removed by an admin";
      return enrollment.paymentStatus === "completed" ? "already confirmed" : "ignored: refunded";
    }
    return await undeliverable("duplicate_payment");
  }
  if (paymentIntentId !== null) {
    // The same payment delivered again under a new event id after it was refunded or held for review
    // (e.g. no seat was left): its money is going back, so it never takes a seat that freed up since.
    const review = await reviewForPaymentIntent(ctx, paymentIntentId);
    if (review !== null) return `ignored: payment already in review (${review.reason})`;
  }
  const other = await liveEnrollmentInCourse(ctx, enrollment.userId, enrollment.courseId, enrollment._id);
  if (other !== null) {
    const otherCohort = await ctx.db.get("cohorts", other.cohortId);
    const message =
      `You already have a seat in ${otherCohort?.name ?? "another cohort of this course"}, ` +
      "so this payment was refunded automatically.";
    await failPending(ctx, enrollment, "cancelled", message);
    return await undeliverable("already_enrolled", message);
  }
  if (!enrollment.seatHeld) {
    const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
    if (
      cohort === null ||
      cohort.currentEnrollment >= cohort.maxCapacity ||
      cohort.status === "cancelled" ||
      cohort.status === "completed"
    ) {
      return await undeliverable(
        "no_seat_left",
        "Paid after the hold ended and the cohort was full: refunded automatically.",
      );
    }
  }
  await confirmEnrollment(ctx, enrollment, paymentIntentId, checkoutSession.amount_total ?? undefined);
  if (enrollment.promotionCodeId) await countRedemption(ctx, enrollment.promotionCodeId);
  await leaveCourseWaitlists(ctx, enrollment.userId, enrollment.courseId);
  await ctx.scheduler.runAfter(0, internal.payments.checkout.sendReceipt, { enrollmentId: enrollment._id });
  return "confirmed";
}

/**
 * Applies `charge.refunded`. Only a full refund ends access and frees the
 * seat; a partial one is recorded on the enrollment (shown to admins) and the
 * learner keeps the seat. Refunds of reviewed payments update their review, and a learning path bundle's refund
 * goes to paths/model/purchase.ts.
 */
export async function applyChargeRefunded(ctx: MutationCtx, charge: ChargeObject): Promise<string> {
  const intent = paymentIntentOf(charge);
  if (!intent) return "ignored: no payment intent";
  const enrollment = await ctx.db
    .query("enrollments")
    .withIndex("by_stripePaymentIntentId", (q) => q.eq("stripePaymentIntentId", intent))
    .unique();
  if (enrollment === null) {
    const review = await reviewForPaymentIntent(ctx, intent);
    if (review) return await applyReviewRefund(ctx, review, charge);
    return (await applyBundleRefund(ctx, charge)) ?? "ignored: unknown payment";
  }
  if (enrollment.paymentStatus === "refunded") return "already refunded";
  const refundedCents = Math.max(enrollment.amountRefundedCents ?? 0, charge.amount_refunded ?? 0);
  if (!isFullRefund(charge)) {
    if (refundedCents === 0) return "ignored: nothing refunded";
    await recordPartialRefund(ctx, enrollment, refundedCents);
    return "partially refunded";
  }
  // A full refund returned the whole charge, whatever part of it an earlier partial refund recorded.
  await refundInFull(ctx, enrollment, charge.amount_refunded || charge.amount || undefined);
  if (enrollment.paymentStatus === "completed") {
    await ctx.scheduler.runAfter(0, internal.payments.checkout.sendRefundConfirmation, {
      enrollmentId: enrollment._id,
    });
  }
  return "refunded";
}
