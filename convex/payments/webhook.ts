/**
 * Stripe webhooks: each verified event is applied once, routed by type (checkout.session.*, charge.refunded,
 * invoice.*, customer.subscription.*) and, for Checkout Sessions, by what they sell: a cohort seat
 * (payments/model/checkout.ts), a learning path's bundle (paths/model/purchase.ts) or its subscription
 * (paths/model/subscription.ts), told apart by the session id we stored when we created it. Invoices of a path
 * subscription go to the path; the others are seat invoices.
 */
import { v } from "convex/values";
import { applyInvoiceEvent } from "./model/seatInvoices";
import type { MutationCtx } from "../_generated/server";
import { internalMutation } from "../functions";
import { applyChargeRefunded, applyCheckoutSessionEvent } from "./model/checkout";
import type { ChargeObject, CheckoutSessionObject } from "./model/reviews";
import { applyBundleCheckoutEvent, purchaseForCheckoutSession } from "../paths/model/purchase";
import {
  applySubscriptionCheckoutEvent,
  applySubscriptionEvent,
  applySubscriptionInvoiceEvent,
  type SubscriptionInvoiceObject,
  type SubscriptionObject,
} from "../paths/model/subscription";

/** Applies a verified Stripe event once (see the stripeEvents table). */
export const applyStripeEvent = internalMutation({
  args: {
    eventId: v.string(),
    type: v.string(),
    object: v.any(),
    /** When Stripe created the event (seconds): a subscription's events are applied in this order. */
    created: v.optional(v.number()),
  },
  returns: v.string(),
  handler: async (ctx, { eventId, type, object, created }) => {
    const seen = await ctx.db
      .query("stripeEvents")
      .withIndex("by_eventId", (q) => q.eq("eventId", eventId))
      .unique();
    if (seen) return `duplicate of ${seen.outcome}`;
    const createdAt = created !== undefined ? created * 1000 : Date.now();
    const outcome = await applyEvent(ctx, eventId, type, object as { id: string }, createdAt);
    await ctx.db.insert("stripeEvents", {
      eventId,
      type,
      objectId: (object as { id: string }).id,
      outcome,
      receivedAt: Date.now(),
    });
    return outcome;
  },
});

const CHECKOUT_SESSION_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);

const SUBSCRIPTION_EVENTS = new Set([
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
]);

async function applyEvent(
  ctx: MutationCtx,
  eventId: string,
  type: string,
  object: { id: string },
  createdAt: number,
): Promise<string> {
  if (type.startsWith("invoice.")) {
    const path = await applySubscriptionInvoiceEvent(
      ctx,
      eventId,
      type,
      object as SubscriptionInvoiceObject,
      createdAt,
    );
    return path ?? (await applyInvoiceEvent(ctx, eventId, type, object));
  }
  if (SUBSCRIPTION_EVENTS.has(type)) {
    return (
      (await applySubscriptionEvent(ctx, type, object as SubscriptionObject, createdAt)) ??
      "ignored: not a path subscription"
    );
  }
  if (CHECKOUT_SESSION_EVENTS.has(type)) {
    const purchase = await purchaseForCheckoutSession(ctx, object.id);
    if (purchase?.mode === "subscription") {
      return await applySubscriptionCheckoutEvent(ctx, eventId, type, object as CheckoutSessionObject, purchase);
    }
    if (purchase) return await applyBundleCheckoutEvent(ctx, eventId, type, object as CheckoutSessionObject, purchase);
    return await applyCheckoutSessionEvent(ctx, eventId, type, object as CheckoutSessionObject);
  }
  if (type === "charge.refunded") return await applyChargeRefunded(ctx, object as ChargeObject);
  return "ignored: event type not handled";
}
