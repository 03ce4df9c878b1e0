import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { appError } from "../errors";
import type { EnrollmentFailure } from "../validators";
import { accessWindows, releaseSeat, takeSeat } from "./seats";
import { leaveCourseWaitlists, openOfferFor } from "./waitlist";
import { refreshLater } from "./memberStats";

/**
 * A reservation holds its seat for 30 minutes, plus one so that Stripe — which
 * wants `expires_at` at least 30 minutes ahead when the session is created a
 * moment later — accepts the same deadline.
 */
export const HOLD_MS = 31 * 60 * 1000;

/** Reserves a seat for the caller: one pending enrollment holding a seat until checkout ends. */
export async function reserveSeat(ctx: MutationCtx, viewer: Doc<"users">, cohortId: Id<"cohorts">) {
  const now = Date.now();
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
  if (cohort.isB2B) throw appError("FORBIDDEN", "This is a private cohort for an organization.");
  if (cohort.status !== "open" || cohort.startDate <= now) {
    throw appError("COHORT_NOT_OPEN", "This cohort is not open for enrollment. Pick another date.");
  }
  const course = await ctx.db.get("courses", cohort.courseId);
  if (course === null || course.status !== "published") throw appError("NOT_FOUND", "This course is not available.");

  const mine = await ctx.db
    .query("enrollments")
    .withIndex("by_userId_and_courseId", (q) => q.eq("userId", viewer._id).eq("courseId", course._id))
    .take(50);
  const liveHold = mine.find((e) => e.cohortId === cohortId && e.paymentStatus === "pending" && e.seatHeld);
  if (liveHold) return liveHold._id; // continue the checkout already in progress
  if (mine.some((e) => e.paymentStatus === "completed")) {
    throw appError("ALREADY_ENROLLED", `You are already enrolled in ${course.title}. It is on your learning page.`);
  }
  if (mine.some((e) => e.paymentStatus === "pending" && e.seatHeld)) {
    throw appError("ALREADY_ENROLLED", "You already hold a seat in another cohort of this course. Finish or cancel that checkout first.");
  }

  if (await openOfferFor(ctx, viewer._id, cohortId)) {
    throw appError("INVALID_INPUT", "A seat is already being held for you: accept your waitlist offer on your learning page.");
  }
  await takeSeat(ctx, cohortId);
  await leaveCourseWaitlists(ctx, viewer._id, course._id);
  const holdExpiresAt = now + HOLD_MS;
  const enrollmentId = await ctx.db.insert("enrollments", {
    userId: viewer._id,
    cohortId,
    courseId: course._id,
    purchaseDate: now,
    paymentStatus: "pending",
    paymentType: "b2c",
    intakeSurveyCompleted: false,
    ...accessWindows(cohort),
    seatHeld: true,
    holdExpiresAt,
    amountCents: course.priceB2C,
    createdAt: now,
    updatedAt: now,
  });
  await ctx.scheduler.runAfter(0, internal.checkout.createCheckoutSession, { enrollmentId });
  await ctx.scheduler.runAt(holdExpiresAt, internal.checkout.expireHold, { enrollmentId });
  return enrollmentId;
}

/** Ends a pending purchase without a seat. */
export async function failPending(ctx: MutationCtx, enrollment: Doc<"enrollments">, reason: EnrollmentFailure, message?: string) {
  if (enrollment.paymentStatus !== "pending") return false;
  await releaseSeat(ctx, enrollment);
  await ctx.db.patch("enrollments", enrollment._id, {
    paymentStatus: "failed",
    failureReason: reason,
    awaitingAsyncPayment: undefined,
    holdExpiresAt: undefined,
    ...(message ? { checkoutError: message } : {}),
    updatedAt: Date.now(),
  });
  if (enrollment.stripeCheckoutSessionId && reason !== "checkout_expired") {
    await ctx.scheduler.runAfter(0, internal.checkout.expireCheckoutSession, { sessionId: enrollment.stripeCheckoutSessionId });
  }
  return true;
}

/**
 * Confirms a paid checkout. A payment that arrives after its hold ended takes a
 * free seat if there is one; otherwise it is refunded automatically.
 */
export async function confirmPayment(
  ctx: MutationCtx,
  enrollment: Doc<"enrollments">,
  payment: { paymentIntentId: string | null; amountCents: number | null },
): Promise<string> {
  if (enrollment.paymentStatus === "completed") return "already confirmed";
  if (enrollment.paymentStatus === "refunded") return "ignored: refunded";
  let seatHeld = enrollment.seatHeld;
  if (!seatHeld) {
    const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
    if (cohort && cohort.currentEnrollment < cohort.maxCapacity && cohort.status !== "cancelled") {
      await takeSeat(ctx, enrollment.cohortId);
      seatHeld = true;
    } else {
      await ctx.db.patch("enrollments", enrollment._id, {
        stripePaymentIntentId: payment.paymentIntentId ?? undefined,
        checkoutError: "Paid after the hold ended and the cohort was full: refunded automatically.",
        updatedAt: Date.now(),
      });
      if (payment.paymentIntentId) {
        await ctx.scheduler.runAfter(0, internal.checkout.refundPayment, {
          enrollmentId: enrollment._id,
          paymentIntentId: payment.paymentIntentId,
        });
      }
      return "late payment refunded: no seat left";
    }
  }
  const cohort = (await ctx.db.get("cohorts", enrollment.cohortId))!;
  const now = Date.now();
  await ctx.db.patch("enrollments", enrollment._id, {
    paymentStatus: "completed",
    seatHeld,
    purchaseDate: now,
    stripePaymentIntentId: payment.paymentIntentId ?? undefined,
    amountCents: payment.amountCents ?? enrollment.amountCents,
    holdExpiresAt: undefined,
    awaitingAsyncPayment: undefined,
    failureReason: undefined,
    ...accessWindows(cohort),
    updatedAt: now,
  });
  await leaveCourseWaitlists(ctx, enrollment.userId, enrollment.courseId);
  await refreshLater(ctx, [enrollment.userId]);
  await ctx.scheduler.runAfter(0, internal.checkout.sendReceipt, { enrollmentId: enrollment._id });
  return "confirmed";
}

/** A refund ends access and frees the seat. */
export async function markRefunded(ctx: MutationCtx, enrollment: Doc<"enrollments">) {
  if (enrollment.paymentStatus === "refunded") return "already refunded";
  await releaseSeat(ctx, enrollment);
  const now = Date.now();
  await ctx.db.patch("enrollments", enrollment._id, {
    paymentStatus: "refunded",
    refundedAt: now,
    officeHoursEligibleUntil: now,
    materialsAccessUntil: now,
    chatbotAccessUntil: now,
    updatedAt: now,
  });
  if (enrollment.paymentStatus === "completed") {
    await ctx.scheduler.runAfter(0, internal.checkout.sendRefundConfirmation, { enrollmentId: enrollment._id });
  }
  return "refunded";
}
