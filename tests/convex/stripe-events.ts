/**
 * The Stripe objects our webhooks receive, built from what the academy really
 * charged (the enrollment's amount, the deployment's currency, its ids). Every
 * generated webhook in the property tests goes through here, so a change in
 * how webhooks are matched (amount, currency, metadata) is adapted in one place.
 */
import type { Doc } from "../../convex/_generated/dataModel";

/** The currency the academy charges in (`ACADEMY_CURRENCY`, default usd; see convex/model/env.ts). */
export const CURRENCY = "usd";

/** The payment intent Stripe would create for an enrollment's checkout. */
export const paymentIntentFor = (enrollment: Pick<Doc<"enrollments">, "_id">) => `pi_${enrollment._id}`;

type Checkout = Pick<
  Doc<"enrollments">,
  "_id" | "stripeCheckoutSessionId" | "amountCents" | "cohortId" | "courseId" | "userId"
>;

/** A Checkout Session as `checkout.session.*` events carry it; `paid` false is a delayed method still processing. */
export function checkoutSession(enrollment: Checkout, options: { paid: boolean }) {
  if (!enrollment.stripeCheckoutSessionId) throw new Error(`enrollment ${enrollment._id} has no checkout session`);
  if (enrollment.amountCents === undefined) throw new Error(`enrollment ${enrollment._id} has no amount`);
  return {
    id: enrollment.stripeCheckoutSessionId,
    object: "checkout.session",
    mode: "payment",
    status: "complete",
    client_reference_id: enrollment._id,
    payment_status: options.paid ? "paid" : "unpaid",
    payment_intent: paymentIntentFor(enrollment),
    amount_subtotal: enrollment.amountCents,
    amount_total: enrollment.amountCents,
    currency: CURRENCY,
    metadata: {
      enrollmentId: enrollment._id,
      cohortId: enrollment.cohortId,
      courseId: enrollment.courseId,
      userId: enrollment.userId,
    },
  };
}

/** A session that ended unpaid (`checkout.session.expired`). */
export function expiredSession(enrollment: Checkout) {
  return { ...checkoutSession(enrollment, { paid: false }), status: "expired" };
}

/** The charge of a paid enrollment, refunded in full unless `amountRefunded` says otherwise. */
export function refundedCharge(enrollment: Checkout, amountRefunded = enrollment.amountCents ?? 0) {
  const amount = enrollment.amountCents ?? 0;
  return {
    id: `ch_${enrollment._id}`,
    object: "charge",
    payment_intent: paymentIntentFor(enrollment),
    amount,
    amount_captured: amount,
    amount_refunded: amountRefunded,
    currency: CURRENCY,
    refunded: amountRefunded >= amount,
    metadata: { enrollmentId: enrollment._id },
  };
}

/** A seat invoice as `invoice.*` events carry it. */
export function seatInvoice(
  purchase: Pick<Doc<"seatPurchases">, "_id" | "amountCents" | "organizationId" | "stripeInvoiceId">,
) {
  return {
    id: purchase.stripeInvoiceId ?? `in_${purchase._id}`,
    object: "invoice",
    amount_due: purchase.amountCents,
    amount_paid: purchase.amountCents,
    currency: CURRENCY,
    status: "paid",
    metadata: { purchaseId: purchase._id, organizationId: purchase.organizationId },
  };
}
