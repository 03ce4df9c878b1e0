/**
 * A learning path bought as a monthly subscription: one Stripe Checkout in subscription mode starts it (exactly one
 * path enrollment, as for a bundle), then Stripe's webhooks keep the learner's access current — `invoice.paid` extends
 * it (and resumes a paused path), `invoice.payment_failed` pauses it (no step opens, no seat can be taken) until the
 * open invoice is paid, `customer.subscription.updated` records a cancellation at the period's end (access runs to that
 * day, when the cron's sweep ends it even if Stripe's last event is late), and `customer.subscription.deleted` ends it.
 * Events are applied in the order Stripe created them: an event older than the state already applied changes nothing,
 * an ended subscription never comes back, and the paid-up date only moves forward — so replays, redeliveries and late
 * deliveries change nothing.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { formatDay, formatMoney } from "../../format";
import { notifyUsers } from "../../notifications/model/notify";
import {
  type CheckoutSessionObject,
  checkoutSessionPayment,
  type PaymentFacts,
  recordPaymentReview,
} from "../../payments/model/reviews";
import type { PathSubscriptionStatus } from "../../validators";
import { endPathAccess, tellAccessEnded } from "./access";
import { enrollInPath } from "./enroll";
import { refreshPathEnrollment } from "./progress";
import { currentPathEnrollment, endPurchase, startPurchase } from "./purchase";

/** The fields of a Stripe subscription we read (this API version keeps the period on its items). */
export type SubscriptionObject = {
  id: string;
  status: string;
  cancel_at_period_end?: boolean | null;
  ended_at?: number | null;
  metadata?: Record<string, string> | null;
  items?: { data?: Array<{ current_period_end?: number | null }> } | null;
};

/** The fields of a subscription's invoice we read (this API version names the subscription under `parent`). */
export type SubscriptionInvoiceObject = {
  id: string;
  amount_paid?: number | null;
  currency?: string | null;
  hosted_invoice_url?: string | null;
  parent?: {
    subscription_details?: {
      subscription?: string | { id: string } | null;
      metadata?: Record<string, string> | null;
    } | null;
  } | null;
  lines?: { data?: Array<{ period?: { end?: number | null } | null }> } | null;
};

type SubscriptionCheckoutObject = CheckoutSessionObject & { subscription?: string | { id: string } | null };

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : (value?.id ?? null);

/** What the academy honours of Stripe's status: paying (and trialing), retrying a failed renewal, or over. */
export function honouredStatus(stripeStatus: string): PathSubscriptionStatus {
  if (stripeStatus === "active" || stripeStatus === "trialing") return "active";
  if (stripeStatus === "past_due" || stripeStatus === "incomplete" || stripeStatus === "paused") return "past_due";
  return "ended"; // canceled, unpaid, incomplete_expired
}

/** The subscription an invoice bills, if it is a subscription's invoice. */
export function invoiceSubscriptionId(invoice: SubscriptionInvoiceObject) {
  return idOf(invoice.parent?.subscription_details?.subscription);
}

/** The end of the latest period an object covers, in ms (items of a subscription, lines of an invoice). */
function periodEnd(periods: Array<{ end?: number | null } | null | undefined> | undefined) {
  const ends = (periods ?? []).flatMap((p) => (typeof p?.end === "number" ? [p.end * 1000] : []));
  return ends.length > 0 ? Math.max(...ends) : undefined;
}
const laterOf = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

/**
 * The path subscription a Stripe subscription belongs to: the one that stored its id, or — only while it has none yet
 * (the subscription's first events can overtake its Checkout's) — our own subscription purchase its metadata names.
 */
export async function purchaseForSubscription(
  ctx: MutationCtx,
  subscriptionId: string,
  metadata: Record<string, string> | null | undefined,
) {
  const stored = await ctx.db
    .query("pathPurchases")
    .withIndex("by_stripeSubscriptionId", (q) => q.eq("stripeSubscriptionId", subscriptionId))
    .unique();
  if (stored) return stored;
  const reference = metadata?.pathPurchaseId ? ctx.db.normalizeId("pathPurchases", metadata.pathPurchaseId) : null;
  const named = reference ? await ctx.db.get("pathPurchases", reference) : null;
  return named && named.mode === "subscription" && named.stripeSubscriptionId === undefined ? named : null;
}

/** Starts the caller's subscription to a path at its monthly price now (or continues the one being paid). */
export async function startSubscriptionPurchase(ctx: MutationCtx, viewer: Doc<"users">, pathId: Id<"learningPaths">) {
  const path = await ctx.db.get("learningPaths", pathId);
  if (path === null || !path.isActive) throw appError("NOT_FOUND", "This learning path is not available.");
  if (path.pricingModel !== "subscription" || path.subscriptionPrice === undefined) {
    throw appError("INVALID_INPUT", `The ${path.title} is not offered as a subscription.`);
  }
  return await startPurchase(ctx, viewer, path, { mode: "subscription", amountCents: path.subscriptionPrice });
}

/**
 * Applies a `checkout.session.*` event of a subscription's own Checkout Session: paid → the subscription starts (once);
 * expired or failed → the purchase ends.
 */
export async function applySubscriptionCheckoutEvent(
  ctx: MutationCtx,
  eventId: string,
  type: string,
  checkoutSession: SubscriptionCheckoutObject,
  purchase: Doc<"pathPurchases">,
): Promise<string> {
  if (type === "checkout.session.expired") {
    return (await endPurchase(ctx, purchase, "expired", "The payment page expired before payment."))
      ? "subscription checkout expired"
      : "ignored: not pending";
  }
  if (type === "checkout.session.async_payment_failed") {
    return (await endPurchase(ctx, purchase, "failed", "Your bank declined the payment."))
      ? "subscription checkout failed"
      : "ignored: not pending";
  }
  const subscriptionId = idOf(checkoutSession.subscription);
  const paid =
    type === "checkout.session.async_payment_succeeded" ||
    (type === "checkout.session.completed" && checkoutSession.payment_status === "paid");
  if (!paid || subscriptionId === null) {
    if (purchase.status !== "pending") return "ignored: not pending";
    await ctx.db.patch("pathPurchases", purchase._id, { awaitingAsyncPayment: true, updatedAt: Date.now() });
    return "subscription awaiting async payment";
  }
  const payment = checkoutSessionPayment(checkoutSession);
  return await startSubscription(ctx, eventId, purchase, {
    subscriptionId,
    amountCents: payment.amountCents,
    currency: payment.currency,
    payment,
  });
}

/**
 * The first payment of a subscription (its Checkout completed, or its first invoice paid — whichever Stripe delivers
 * first): exactly one path enrollment, with a seat in each step's course as it opens. A payment of another amount, or
 * for a path the buyer follows already, is listed for review and the subscription is cancelled at once.
 */
async function startSubscription(
  ctx: MutationCtx,
  eventId: string,
  purchase: Doc<"pathPurchases">,
  paid: {
    subscriptionId: string;
    amountCents: number | null;
    currency: string | null;
    periodEnd?: number;
    payment: PaymentFacts;
  },
): Promise<string> {
  const now = Date.now();
  if (purchase.status === "completed") {
    if (purchase.stripeSubscriptionId === paid.subscriptionId) return "subscription already started";
    return await recordPaymentReview(
      ctx,
      { reason: "duplicate_payment", stripeEventId: eventId, payment: paid.payment },
      { refund: false },
    );
  }
  const refuse = async (
    reason: "amount_mismatch" | "currency_mismatch" | "already_enrolled",
    message: string,
  ): Promise<string> => {
    await ctx.db.patch("pathPurchases", purchase._id, {
      status: "failed",
      message,
      stripeSubscriptionId: paid.subscriptionId,
      subscriptionStatus: "ended",
      awaitingAsyncPayment: undefined,
      checkoutUrl: undefined,
      updatedAt: now,
    });
    await ctx.scheduler.runAfter(0, internal.paths.subscriptions.cancelNow, {
      purchaseId: purchase._id,
      subscriptionId: paid.subscriptionId,
    });
    return await recordPaymentReview(
      ctx,
      {
        reason,
        stripeEventId: eventId,
        payment: paid.payment,
        expected: { amountCents: purchase.amountCents, currency: purchase.currency },
      },
      { refund: false },
    );
  };
  if (paid.amountCents !== purchase.amountCents) {
    return await refuse(
      "amount_mismatch",
      "We received a payment that does not match this subscription, so it was cancelled. Our team will contact you.",
    );
  }
  if (paid.currency !== purchase.currency) {
    return await refuse(
      "currency_mismatch",
      "We received a payment in another currency, so this subscription was cancelled. Our team will contact you.",
    );
  }
  if (purchase.subscriptionStatus === "ended") return "ignored: the subscription ended before it started";
  const path = (await ctx.db.get("learningPaths", purchase.pathId))!;
  const user = (await ctx.db.get("users", purchase.userId))!;
  if (await currentPathEnrollment(ctx, user._id, path._id)) {
    return await refuse(
      "already_enrolled",
      `You already follow the ${path.title}, so this new subscription was cancelled. Our team will refund it.`,
    );
  }
  const currentPeriodEnd = laterOf(purchase.currentPeriodEnd, paid.periodEnd);
  const monthly = formatMoney(purchase.amountCents, purchase.currency);
  const pathEnrollmentId = await enrollInPath(ctx, user, path, {
    paymentType: "subscription",
    purchaseId: purchase._id,
    stripeSubscriptionId: paid.subscriptionId,
    welcome: "full",
    note:
      `Your subscription is ${monthly} a month; cancel any time on your path's page ` +
      "and keep access to the end of the month paid for.",
  });
  await ctx.db.patch("pathPurchases", purchase._id, {
    status: "completed",
    pathEnrollmentId,
    stripeSubscriptionId: paid.subscriptionId,
    subscriptionStatus: purchase.subscriptionStatus ?? "active",
    ...(currentPeriodEnd !== undefined ? { currentPeriodEnd } : {}),
    ...(paid.amountCents !== null ? { amountPaidCents: paid.amountCents } : {}),
    awaitingAsyncPayment: undefined,
    checkoutUrl: undefined,
    message: undefined,
    paidAt: now,
    updatedAt: now,
  });
  // The subscription's own events may have come first (a cancellation, a failed renewal): access follows them.
  await syncAccess(ctx, (await ctx.db.get("pathPurchases", purchase._id))!, purchase);
  return "subscription started";
}

/** Applies `customer.subscription.created|updated|deleted`; null when the subscription is not a path's. */
export async function applySubscriptionEvent(
  ctx: MutationCtx,
  type: string,
  subscription: SubscriptionObject,
  createdAt: number,
): Promise<string | null> {
  const purchase = await purchaseForSubscription(ctx, subscription.id, subscription.metadata);
  if (purchase === null) return null;
  return await applySubscriptionState(
    ctx,
    purchase,
    type === "customer.subscription.deleted" ? { ...subscription, status: "canceled" } : subscription,
    createdAt,
  );
}

/**
 * Applies a subscription as Stripe reports it (an event's object, or the answer to our own update) when it is not
 * older than the state applied: status, cancellation at the period's end, the period, the end.
 */
export async function applySubscriptionState(
  ctx: MutationCtx,
  purchase: Doc<"pathPurchases">,
  subscription: SubscriptionObject,
  createdAt: number,
): Promise<string> {
  if (purchase.stripeStateAt !== undefined && createdAt < purchase.stripeStateAt) {
    return "ignored: older than the subscription's state";
  }
  if (purchase.subscriptionStatus === "ended") return "ignored: the subscription ended";
  const status = honouredStatus(subscription.status);
  const ended = status === "ended";
  const currentPeriodEnd = laterOf(
    purchase.currentPeriodEnd,
    periodEnd(subscription.items?.data?.map((item) => ({ end: item.current_period_end }))),
  );
  await ctx.db.patch("pathPurchases", purchase._id, {
    stripeSubscriptionId: subscription.id,
    subscriptionStatus: status,
    cancelAtPeriodEnd: subscription.cancel_at_period_end === true,
    ...(currentPeriodEnd !== undefined ? { currentPeriodEnd } : {}),
    ...(ended ? { endedAt: subscription.ended_at ? subscription.ended_at * 1000 : Date.now() } : {}),
    ...(status === "active" ? { openInvoiceId: undefined, openInvoiceUrl: undefined } : {}),
    stripeStateAt: createdAt,
    updatedAt: Date.now(),
  });
  if (purchase.status !== "completed") return `subscription ${status} (not started yet)`;
  return await syncAccess(ctx, (await ctx.db.get("pathPurchases", purchase._id))!, purchase);
}

/** Applies `invoice.*` of a path subscription; null when the invoice is not a path subscription's. */
export async function applySubscriptionInvoiceEvent(
  ctx: MutationCtx,
  eventId: string,
  type: string,
  invoice: SubscriptionInvoiceObject,
  createdAt: number,
): Promise<string | null> {
  const subscriptionId = invoiceSubscriptionId(invoice);
  if (subscriptionId === null) return null;
  const purchase = await purchaseForSubscription(ctx, subscriptionId, invoice.parent?.subscription_details?.metadata);
  if (purchase === null) return null;
  const payment = {
    stripeInvoiceId: invoice.id,
    stripePaymentIntentId: null,
    amountCents: typeof invoice.amount_paid === "number" ? invoice.amount_paid : null,
    currency: invoice.currency?.toLowerCase() ?? null,
  };
  const paidThrough = periodEnd(invoice.lines?.data?.map((line) => line.period));
  if (type === "invoice.paid") {
    if (purchase.status !== "completed") {
      return await startSubscription(ctx, eventId, purchase, {
        subscriptionId,
        amountCents: payment.amountCents,
        currency: payment.currency,
        periodEnd: paidThrough,
        payment,
      });
    }
    if (payment.amountCents !== purchase.amountCents || payment.currency !== purchase.currency) {
      return await recordPaymentReview(
        ctx,
        {
          reason: payment.amountCents !== purchase.amountCents ? "amount_mismatch" : "currency_mismatch",
          stripeEventId: eventId,
          payment,
          expected: { amountCents: purchase.amountCents, currency: purchase.currency },
        },
        { refund: false },
      );
    }
    // A paid invoice always extends the paid-up date; it settles the status only when it is the newest news.
    const currentPeriodEnd = laterOf(purchase.currentPeriodEnd, paidThrough);
    const newest = purchase.stripeStateAt === undefined || createdAt >= purchase.stripeStateAt;
    const settles = newest && purchase.subscriptionStatus !== "ended";
    await ctx.db.patch("pathPurchases", purchase._id, {
      ...(currentPeriodEnd !== undefined ? { currentPeriodEnd } : {}),
      ...(settles ? { subscriptionStatus: "active" as const, stripeStateAt: createdAt } : {}),
      ...(purchase.openInvoiceId === invoice.id ? { openInvoiceId: undefined, openInvoiceUrl: undefined } : {}),
      updatedAt: Date.now(),
    });
    if (!settles) return "subscription invoice paid (an older event: paid-up date only)";
    return await syncAccess(ctx, (await ctx.db.get("pathPurchases", purchase._id))!, purchase);
  }
  if (type === "invoice.payment_failed") {
    if (purchase.stripeStateAt !== undefined && createdAt < purchase.stripeStateAt) {
      return "ignored: older than the subscription's state";
    }
    if (purchase.subscriptionStatus === "ended") return "ignored: the subscription ended";
    await ctx.db.patch("pathPurchases", purchase._id, {
      subscriptionStatus: "past_due",
      openInvoiceId: invoice.id,
      ...(invoice.hosted_invoice_url ? { openInvoiceUrl: invoice.hosted_invoice_url } : {}),
      stripeStateAt: createdAt,
      updatedAt: Date.now(),
    });
    if (purchase.status !== "completed") return "subscription payment failed (not started yet)";
    return await syncAccess(ctx, (await ctx.db.get("pathPurchases", purchase._id))!, purchase);
  }
  return `ignored: ${type}`;
}

/**
 * Brings the path enrollment in line with its subscription and tells the learner what changed: paused while a renewal
 * is unpaid (resumed, with the steps that came due opening, once it is paid), ending at the period's end once
 * cancelled (or continuing when they change their mind), over when the subscription ends. Only changes are announced,
 * so applying the same state again tells nobody anything.
 */
async function syncAccess(ctx: MutationCtx, purchase: Doc<"pathPurchases">, before: Doc<"pathPurchases">) {
  const enrollment = purchase.pathEnrollmentId
    ? await ctx.db.get("userPathEnrollments", purchase.pathEnrollmentId)
    : null;
  if (enrollment === null || enrollment.purchaseId !== purchase._id)
    return `subscription ${purchase.subscriptionStatus}`;
  const path = (await ctx.db.get("learningPaths", enrollment.pathId))!;
  const user = await ctx.db.get("users", enrollment.userId);
  const now = Date.now();
  const tell = async (title: string, lines: string[]) => {
    if (user === null) return;
    await notifyUsers(
      ctx,
      [user],
      { category: "account", title, body: lines.join(" "), url: `/learn/paths/${enrollment._id}` },
      { subject: title, heading: title, lines, actionLabel: "Open my path" },
    );
  };
  const day = (ms: number) => formatDay(ms, user?.timezone ?? "UTC");

  if (purchase.subscriptionStatus === "ended") {
    if (await endPathAccess(ctx, enrollment, purchase.endedAt ?? now)) await tellAccessEnded(ctx, enrollment);
    return "subscription ended: access ended";
  }
  if (purchase.subscriptionStatus === "past_due") {
    if (enrollment.status === "active") {
      await ctx.db.patch("userPathEnrollments", enrollment._id, { status: "paused", updatedAt: now });
      await tell(`Your payment for the ${path.title} did not go through`, [
        "Your path is paused: no step opens and no seat can be taken until the open invoice is paid.",
        "Stripe tries the card again over the next days; you can also pay the invoice now from your path's page.",
      ]);
    }
    return "subscription past due: path paused";
  }
  // Active: resumed if paused, ending at the period's end only when cancelled.
  const expiresAt = purchase.cancelAtPeriodEnd ? purchase.currentPeriodEnd : undefined;
  const resumed = enrollment.status === "paused";
  if (resumed || enrollment.expiresAt !== expiresAt) {
    await ctx.db.patch("userPathEnrollments", enrollment._id, {
      ...(resumed ? { status: "active" as const } : {}),
      expiresAt,
      updatedAt: now,
    });
  }
  if (resumed) {
    await refreshPathEnrollment(ctx, enrollment._id);
    await tell(`Your ${path.title} is active again`, ["Thank you: your payment went through and your path goes on."]);
  }
  if (purchase.cancelAtPeriodEnd && !before.cancelAtPeriodEnd && purchase.currentPeriodEnd !== undefined) {
    await tell(`Your ${path.title} subscription ends on ${day(purchase.currentPeriodEnd)}`, [
      `You cancelled it: nothing more is charged, and your path stays open until ${day(purchase.currentPeriodEnd)}.`,
      "Changed your mind? Keep your subscription from your path's page before then.",
    ]);
  } else if (!purchase.cancelAtPeriodEnd && before.cancelAtPeriodEnd) {
    await tell(`Your ${path.title} subscription continues`, [
      "You kept your subscription: it renews each month as before.",
    ]);
  }
  return resumed ? "subscription active: path resumed" : "subscription active";
}
