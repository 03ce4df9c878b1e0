/**
 * Stripe payments that were not matched to a seat (docs/security.md, "Payments
 * and seats"). A review never changes a seat: it records what was paid and
 * why it was not accepted, and platform admins refund it or close it.
 */
import { pick } from "convex-helpers";
import { v } from "convex/values";
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { PaymentReviewReason } from "../../validators";
import { paymentsTables } from "../tables";

/** The fields of a Checkout Session we read (Stripe sends many more). */
export type CheckoutSessionObject = {
  id: string;
  client_reference_id?: string | null;
  metadata?: Record<string, string> | null;
  payment_status?: string;
  payment_intent?: string | { id: string } | null;
  amount_total?: number | null;
  currency?: string | null;
};

/** The fields of a Charge that `charge.refunded` carries and we read. */
export type ChargeObject = {
  id: string;
  payment_intent?: string | { id: string } | null;
  amount?: number | null;
  amount_refunded?: number | null;
  refunded?: boolean | null;
};

export const paymentIntentOf = (object: { payment_intent?: string | { id: string } | null }) =>
  typeof object.payment_intent === "string" ? object.payment_intent : (object.payment_intent?.id ?? null);

/** True when the charge is refunded in full: Stripe's own flag, or the refunded amount reaching the charge. */
export function isFullRefund(charge: ChargeObject) {
  if (charge.refunded === true) return true;
  return (
    typeof charge.amount === "number" &&
    charge.amount > 0 &&
    typeof charge.amount_refunded === "number" &&
    charge.amount_refunded >= charge.amount
  );
}

/** What a Stripe object says was paid, from a Checkout Session or an invoice. */
export type PaymentFacts = {
  stripeCheckoutSessionId?: string;
  stripeInvoiceId?: string;
  stripePaymentIntentId: string | null;
  amountCents: number | null;
  currency: string | null;
};

export const checkoutSessionPayment = (checkoutSession: CheckoutSessionObject): PaymentFacts => ({
  stripeCheckoutSessionId: checkoutSession.id,
  stripePaymentIntentId: paymentIntentOf(checkoutSession),
  amountCents: typeof checkoutSession.amount_total === "number" ? checkoutSession.amount_total : null,
  currency: checkoutSession.currency?.toLowerCase() ?? null,
});

/**
 * Lists a payment for review (once per payment intent). With `refund`, a
 * payment that is verifiably ours but cannot be delivered is refunded at once
 * and listed as resolved; otherwise it stays open for an admin.
 */
export async function recordPaymentReview(
  ctx: MutationCtx,
  review: {
    reason: PaymentReviewReason;
    stripeEventId: string;
    payment: PaymentFacts;
    enrollmentId?: Id<"enrollments">;
    seatPurchaseId?: Id<"seatPurchases">;
    expected?: { amountCents?: number; currency: string };
  },
  { refund }: { refund: boolean },
): Promise<string> {
  const { payment } = review;
  const paymentIntentId = payment.stripePaymentIntentId;
  if (paymentIntentId) {
    const listed = await reviewForPaymentIntent(ctx, paymentIntentId);
    if (listed) return `review: ${listed.reason} (already listed)`;
  }
  const now = Date.now();
  const refundNow = refund && paymentIntentId !== null;
  const reviewId = await ctx.db.insert("paymentReviews", {
    reason: review.reason,
    status: refundNow ? "resolved" : "open",
    stripeEventId: review.stripeEventId,
    ...(payment.stripeCheckoutSessionId ? { stripeCheckoutSessionId: payment.stripeCheckoutSessionId } : {}),
    ...(payment.stripeInvoiceId ? { stripeInvoiceId: payment.stripeInvoiceId } : {}),
    ...(paymentIntentId ? { stripePaymentIntentId: paymentIntentId } : {}),
    ...(payment.amountCents !== null ? { amountCents: payment.amountCents } : {}),
    ...(payment.currency ? { currency: payment.currency } : {}),
    ...(review.expected?.amountCents !== undefined ? { expectedAmountCents: review.expected.amountCents } : {}),
    ...(review.expected ? { expectedCurrency: review.expected.currency } : {}),
    ...(review.enrollmentId ? { enrollmentId: review.enrollmentId } : {}),
    ...(review.seatPurchaseId ? { seatPurchaseId: review.seatPurchaseId } : {}),
    ...(refundNow ? { resolution: "refunded" as const, refundRequestedAt: now, resolvedAt: now } : {}),
    createdAt: now,
    updatedAt: now,
  });
  if (!refundNow) return `review: ${review.reason}`;
  await ctx.scheduler.runAfter(0, internal.payments.refunds.refundReviewedPayment, { reviewId });
  return `review: ${review.reason} (refunded automatically)`;
}

export async function reviewForPaymentIntent(ctx: MutationCtx, paymentIntentId: string) {
  return await ctx.db
    .query("paymentReviews")
    .withIndex("by_stripePaymentIntentId", (q) => q.eq("stripePaymentIntentId", paymentIntentId))
    .first();
}

/** `charge.refunded` for a reviewed payment: records the amount; a full refund closes an open review. */
export async function applyReviewRefund(ctx: MutationCtx, review: Doc<"paymentReviews">, charge: ChargeObject) {
  const now = Date.now();
  const refundedCents = Math.max(review.refundedCents ?? 0, charge.amount_refunded ?? 0);
  const closes = review.status === "open" && isFullRefund(charge);
  await ctx.db.patch("paymentReviews", review._id, {
    ...(refundedCents > 0 ? { refundedCents } : {}),
    ...(closes
      ? {
          status: "resolved" as const,
          resolution: "refunded" as const,
          resolvedAt: now,
          note: review.note ?? "Refunded in Stripe.",
        }
      : {}),
    updatedAt: now,
  });
  return closes ? "reviewed payment refunded" : "reviewed payment refund recorded";
}

/** One row of the admins' review list: what was paid, what we expected, and for whom. */
export const vPaymentReviewRow = v.object({
  _id: v.id("paymentReviews"),
  ...pick(paymentsTables.paymentReviews.validator.fields, [
    "reason",
    "status",
    "createdAt",
    "stripeCheckoutSessionId",
    "stripeInvoiceId",
    "stripePaymentIntentId",
    "amountCents",
    "currency",
    "expectedAmountCents",
    "expectedCurrency",
    "enrollmentId",
    "refundedCents",
    "resolution",
    "resolvedAt",
    "note",
  ]),
  learnerName: v.optional(v.string()),
  learnerEmail: v.optional(v.string()),
  cohortId: v.optional(v.id("cohorts")),
  cohortName: v.optional(v.string()),
  courseTitle: v.optional(v.string()),
  organizationId: v.optional(v.id("organizations")),
  organizationName: v.optional(v.string()),
  /** An open review with a charge can be refunded through Stripe from the list. */
  refundable: v.boolean(),
  /** Who resolved it; absent for automatic refunds and refunds made in Stripe. */
  resolvedByName: v.optional(v.string()),
});

/** Shapes reviews for the admin list (a handful of point reads per row). */
export async function paymentReviewRows(ctx: QueryCtx, reviews: Doc<"paymentReviews">[]) {
  return await Promise.all(
    reviews.map(async (review) => {
      const enrollment = review.enrollmentId ? await ctx.db.get("enrollments", review.enrollmentId) : null;
      const purchase = review.seatPurchaseId ? await ctx.db.get("seatPurchases", review.seatPurchaseId) : null;
      const [user, cohort, course, organization, resolvedBy] = await Promise.all([
        enrollment ? ctx.db.get("users", enrollment.userId) : null,
        enrollment ? ctx.db.get("cohorts", enrollment.cohortId) : null,
        enrollment
          ? ctx.db.get("courses", enrollment.courseId)
          : purchase
            ? ctx.db.get("courses", purchase.courseId)
            : null,
        purchase ? ctx.db.get("organizations", purchase.organizationId) : null,
        review.resolvedById ? ctx.db.get("users", review.resolvedById) : null,
      ]);
      return {
        _id: review._id,
        reason: review.reason,
        status: review.status,
        createdAt: review.createdAt,
        ...(review.stripeCheckoutSessionId ? { stripeCheckoutSessionId: review.stripeCheckoutSessionId } : {}),
        ...(review.stripeInvoiceId ? { stripeInvoiceId: review.stripeInvoiceId } : {}),
        ...(review.stripePaymentIntentId ? { stripePaymentIntentId: review.stripePaymentIntentId } : {}),
        ...(review.amountCents !== undefined ? { amountCents: review.amountCents } : {}),
        ...(review.currency ? { currency: review.currency } : {}),
        ...(review.expectedAmountCents !== undefined ? { expectedAmountCents: review.expectedAmountCents } : {}),
        ...(review.expectedCurrency ? { expectedCurrency: review.expectedCurrency } : {}),
        ...(enrollment ? { enrollmentId: enrollment._id } : {}),
        ...(user ? { learnerName: user.name, learnerEmail: user.email } : {}),
        ...(cohort ? { cohortId: cohort._id, cohortName: cohort.name } : {}),
        ...(course ? { courseTitle: course.title } : {}),
        ...(organization ? { organizationId: organization._id, organizationName: organization.name } : {}),
        refundable: review.status === "open" && Boolean(review.stripePaymentIntentId) && !review.refundRequestedAt,
        ...(review.refundedCents ? { refundedCents: review.refundedCents } : {}),
        ...(review.resolution ? { resolution: review.resolution } : {}),
        ...(review.resolvedAt ? { resolvedAt: review.resolvedAt } : {}),
        ...(resolvedBy ? { resolvedByName: resolvedBy.name } : {}),
        ...(review.note ? { note: review.note } : {}),
      };
    }),
  );
}
