/**
 * Every call the academy makes to Stripe, in one place: Checkout Sessions (create, expire; with a promotion code; a
 * learning path's bundle or subscription), a path subscription's cancellation, coupons and their promotion codes
 * (create, deactivate), refunds (one function for admin refunds, refunds of payments under review and automatic
 * refunds of payments that could not be delivered), seat invoices, and verifying webhooks. The payments domain calls
 * these from its actions (payments/checkout.ts, refunds.ts, seatInvoices.ts; paths/checkout.ts and
 * paths/subscriptions.ts for paths) and applies what Stripe sends back (payments/webhook.ts). Each call carries an
 * idempotency key named for what it is about, so a retried action never charges, refunds or invoices twice.
 */
import Stripe from "stripe";
import type { Doc, Id } from "../_generated/dataModel";
import { stripeSettings } from "../env";
import { appError } from "../errors";

/** The Stripe SDK, over fetch (works in Convex's runtime), pointed at the local stand-in when configured. */
function stripeClient() {
  const { secretKey, apiBase } = stripeSettings();
  if (!secretKey) {
    throw new Error("Stripe is not configured: set STRIPE_SECRET_KEY (npm run dev configures the local stand-in).");
  }
  const base = apiBase ? new URL(apiBase) : null;
  return new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
          protocol: base.protocol.replace(":", "") as "http" | "https",
        }
      : {}),
  });
}

// ------------------------------------------------------------------ Checkout Sessions

/**
 * Creates the Checkout Session of a held seat, for the price fixed when it was reserved, expiring with the hold
 * (idempotent per enrollment).
 */
export async function createCheckoutSession(purchase: {
  enrollment: Doc<"enrollments">;
  cohort: Doc<"cohorts">;
  course: Doc<"courses">;
  user: Doc<"users">;
  /** The course's price before any discount. */
  price: { amountCents: number; currency: string };
  /** The buyer's promotion code, checked by us when the seat was reserved; Stripe applies it. */
  stripePromotionCodeId?: string;
  expiresAt: number;
  siteUrl: string;
}) {
  const { enrollment, cohort, course, user, price, stripePromotionCodeId } = purchase;
  const checkoutSession = await stripeClient().checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: price.currency,
            unit_amount: price.amountCents,
            product_data: { name: course.title, description: cohort.name },
          },
        },
      ],
      ...(stripePromotionCodeId ? { discounts: [{ promotion_code: stripePromotionCodeId }] } : {}),
      customer_email: user.email,
      client_reference_id: enrollment._id,
      metadata: { enrollmentId: enrollment._id, cohortId: cohort._id, courseId: course._id, userId: user._id },
      payment_intent_data: { metadata: { enrollmentId: enrollment._id } },
      expires_at: Math.floor(purchase.expiresAt / 1000),
      success_url: `${purchase.siteUrl}/checkout/return?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${purchase.siteUrl}/checkout/${enrollment._id}?cancelled=1`,
    },
    { idempotencyKey: `checkout-session-${enrollment._id}` },
  );
  return { id: checkoutSession.id, url: checkoutSession.url ?? "" };
}

/**
 * Creates the Checkout Session of a learning path's bundle: one line for the bundle at the price fixed when the
 * purchase started, naming the courses it includes (idempotent per purchase).
 */
export async function createBundleCheckoutSession(purchase: {
  purchase: Doc<"pathPurchases">;
  path: Doc<"learningPaths">;
  user: Doc<"users">;
  courseTitles: string[];
  siteUrl: string;
}) {
  const { purchase: bundle, path, user } = purchase;
  const checkoutSession = await stripeClient().checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: bundle.currency,
            unit_amount: bundle.amountCents,
            product_data: {
              name: `${path.title} (bundle)`,
              description: `A seat in each of: ${purchase.courseTitles.join(", ")}`.slice(0, 500),
            },
          },
        },
      ],
      customer_email: user.email,
      client_reference_id: bundle._id,
      metadata: { pathPurchaseId: bundle._id, pathId: path._id, userId: user._id },
      payment_intent_data: { metadata: { pathPurchaseId: bundle._id } },
      expires_at: Math.floor(bundle.expiresAt / 1000),
      success_url: `${purchase.siteUrl}/checkout/path/${bundle._id}?returned=1`,
      cancel_url: `${purchase.siteUrl}/checkout/path/${bundle._id}?cancelled=1`,
    },
    { idempotencyKey: `path-checkout-session-${bundle._id}` },
  );
  return { id: checkoutSession.id, url: checkoutSession.url ?? "" };
}

/**
 * Creates the Checkout Session of a learning path's subscription (Checkout's `subscription` mode): a monthly price
 * fixed when the purchase started; the subscription carries the purchase in its metadata, so its own events name it
 * even when they arrive before the session's (idempotent per purchase).
 */
export async function createSubscriptionCheckoutSession(purchase: {
  purchase: Doc<"pathPurchases">;
  path: Doc<"learningPaths">;
  user: Doc<"users">;
  courseTitles: string[];
  siteUrl: string;
}) {
  const { purchase: subscription, path, user } = purchase;
  const metadata = { pathPurchaseId: subscription._id, pathId: path._id, userId: user._id };
  const checkoutSession = await stripeClient().checkout.sessions.create(
    {
      mode: "subscription",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: subscription.currency,
            unit_amount: subscription.amountCents,
            recurring: { interval: "month" },
            product_data: {
              name: `${path.title} (monthly)`,
              description: `A seat in each of: ${purchase.courseTitles.join(", ")}`.slice(0, 500),
            },
          },
        },
      ],
      customer_email: user.email,
      client_reference_id: subscription._id,
      metadata,
      subscription_data: { metadata },
      expires_at: Math.floor(subscription.expiresAt / 1000),
      success_url: `${purchase.siteUrl}/checkout/path/${subscription._id}?returned=1`,
      cancel_url: `${purchase.siteUrl}/checkout/path/${subscription._id}?cancelled=1`,
    },
    { idempotencyKey: `path-subscription-session-${subscription._id}` },
  );
  return { id: checkoutSession.id, url: checkoutSession.url ?? "" };
}

/**
 * Cancels a subscription at the end of the period paid for, or keeps it after all (`cancelAtPeriodEnd` false). The
 * key names the purchase, the choice and when it was asked for, so a retried action asks once.
 */
export async function setSubscriptionCancellation(
  subscriptionId: string,
  request: { purchaseId: Id<"pathPurchases">; cancelAtPeriodEnd: boolean; requestedAt: number },
) {
  return await stripeClient().subscriptions.update(
    subscriptionId,
    { cancel_at_period_end: request.cancelAtPeriodEnd },
    {
      idempotencyKey:
        `path-subscription-${request.cancelAtPeriodEnd ? "cancel" : "keep"}-` +
        `${request.purchaseId}-${request.requestedAt}`,
    },
  );
}

/** Cancels a subscription at once (one whose payment we could not accept), once per purchase. */
export async function cancelSubscriptionNow(subscriptionId: string, purchaseId: Id<"pathPurchases">) {
  const stripe = stripeClient();
  const subscription = await stripe.subscriptions.retrieve(subscriptionId);
  if (subscription.status === "canceled" || subscription.status === "incomplete_expired") return;
  await stripe.subscriptions.cancel(subscriptionId, {}, { idempotencyKey: `path-subscription-end-${purchaseId}` });
}

/** Closes a Checkout Session that is still open, so nobody pays for a seat that was released. */
export async function expireCheckoutSession(checkoutSessionId: string) {
  const stripe = stripeClient();
  const checkoutSession = await stripe.checkout.sessions.retrieve(checkoutSessionId);
  if (checkoutSession.status === "open") await stripe.checkout.sessions.expire(checkoutSessionId);
}

/** Whether Stripe refused a Checkout Session because its promotion code or coupon can no longer be redeemed. */
export function isDiscountRefusal(error: unknown) {
  const code = (error as { code?: string }).code ?? "";
  const param = (error as { param?: string }).param ?? "";
  return code.startsWith("promotion_code") || code.startsWith("coupon") || param.startsWith("discounts");
}

// ------------------------------------------------------------------ coupons and promotion codes

/**
 * Creates a promotion code and the coupon behind it (one coupon per code): percent or amount off, once per purchase,
 * with the code's expiry and use limit on the coupon. The course scope travels as metadata and is checked by us before
 * checkout: Stripe's `applies_to` names products, and our Checkout Sessions describe the cohort inline.
 */
export async function createPromotionCode(code: Doc<"promotionCodes">) {
  const stripe = stripeClient();
  const coupon = await stripe.coupons.create(
    {
      duration: "once",
      ...(code.percentOff !== undefined
        ? { percent_off: code.percentOff }
        : { amount_off: code.amountOffCents, currency: code.currency }),
      ...(code.expiresAt !== undefined ? { redeem_by: Math.floor(code.expiresAt / 1000) } : {}),
      ...(code.maxRedemptions !== undefined ? { max_redemptions: code.maxRedemptions } : {}),
      name: code.code,
      metadata: { promotionCodeId: code._id, ...(code.courseId ? { courseId: code.courseId } : {}) },
    },
    { idempotencyKey: `coupon-${code._id}` },
  );
  const promotionCode = await stripe.promotionCodes.create(
    {
      promotion: { type: "coupon", coupon: coupon.id },
      code: code.code,
      metadata: { promotionCodeId: code._id },
    },
    { idempotencyKey: `promotion-code-${code._id}` },
  );
  return { stripeCouponId: coupon.id, stripePromotionCodeId: promotionCode.id };
}

/** Switches a promotion code off in Stripe, so no Checkout Session can apply it any more. */
export async function deactivatePromotionCode(stripePromotionCodeId: string) {
  await stripeClient().promotionCodes.update(stripePromotionCodeId, { active: false });
}

// ------------------------------------------------------------------ refunds

/**
 * Refunds a payment in full: an enrollment's purchase, or a payment under review. The idempotency key names what is
 * refunded, so a repeated click, a retry, or an admin's and the automatic refund of the same payment refund once.
 */
export async function refundPayment(
  paymentIntentId: string,
  refunded: { enrollmentId: Id<"enrollments"> } | { paymentReviewId: Id<"paymentReviews"> },
  note?: string,
) {
  const idempotencyKey =
    "enrollmentId" in refunded ? `refund-${refunded.enrollmentId}` : `refund-review-${refunded.paymentReviewId}`;
  const metadata: Record<string, string> = { ...refunded, ...(note ? { note } : {}) };
  return await stripeClient().refunds.create(
    { payment_intent: paymentIntentId, reason: "requested_by_customer", metadata },
    { idempotencyKey },
  );
}

/**
 * `refundPayment` for a refund someone asked for (an admin, or a learner cancelling): Stripe's refusal becomes a
 * message they can read (PAYMENT_FAILED), not a server error.
 */
export async function requestedRefund(...refund: Parameters<typeof refundPayment>) {
  try {
    return await refundPayment(...refund);
  } catch (error) {
    throw appError("PAYMENT_FAILED", `Stripe did not accept the refund: ${(error as Error).message}`);
  }
}

// ------------------------------------------------------------------ seat invoices

/** The organization's Stripe customer, created once. */
export async function createCustomer(organization: Doc<"organizations">) {
  const customer = await stripeClient().customers.create(
    { email: organization.contactEmail, name: organization.name, metadata: { organizationId: organization._id } },
    { idempotencyKey: `org-customer-${organization._id}` },
  );
  return customer.id;
}

/**
 * Creates a purchase's invoice (`send_invoice`, quantity = seats at the course's per-seat price), finalizes it and
 * has Stripe send it to the organization's contact. Idempotent per purchase.
 */
export async function sendSeatInvoice(invoice: {
  customerId: string;
  purchase: Doc<"seatPurchases">;
  organization: Doc<"organizations">;
  course: Doc<"courses">;
  currency: string;
  daysUntilDue: number;
}) {
  const { customerId, purchase, organization, course } = invoice;
  const stripe = stripeClient();
  const draft = await stripe.invoices.create(
    {
      customer: customerId,
      collection_method: "send_invoice",
      days_until_due: invoice.daysUntilDue,
      pending_invoice_items_behavior: "exclude",
      description: `${purchase.seats} seats for ${organization.name}`,
      metadata: { purchaseId: purchase._id, organizationId: organization._id },
    },
    { idempotencyKey: `seat-invoice-${purchase._id}` },
  );
  await stripe.invoiceItems.create(
    {
      customer: customerId,
      invoice: draft.id,
      currency: invoice.currency,
      quantity: purchase.seats,
      unit_amount_decimal: Stripe.Decimal.from(purchase.unitAmountCents),
      description: `${course.title} — seat`,
    },
    { idempotencyKey: `seat-invoice-item-${purchase._id}` },
  );
  const finalized = await stripe.invoices.finalizeInvoice(
    draft.id!,
    {},
    { idempotencyKey: `seat-invoice-finalize-${purchase._id}` },
  );
  await stripe.invoices.sendInvoice(draft.id!, {}, { idempotencyKey: `seat-invoice-send-${purchase._id}` });
  return { invoiceId: draft.id!, hostedInvoiceUrl: finalized.hosted_invoice_url ?? null };
}

// ------------------------------------------------------------------ webhooks

/** Verifies a webhook delivery's signature against the raw body; throws when forged or stale. */
export async function verifyStripeEvent(rawBody: string, signature: string | null) {
  const { webhookSecret } = stripeSettings();
  if (!webhookSecret) throw new Error("STRIPE_WEBHOOK_SECRET is not set");
  if (!signature) throw new Error("Missing Stripe-Signature header");
  return await Stripe.webhooks.constructEventAsync(
    rawBody,
    signature,
    webhookSecret,
    300,
    Stripe.createSubtleCryptoProvider(),
  );
}
