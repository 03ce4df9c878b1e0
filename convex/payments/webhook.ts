/**
 * Stripe webhooks: each verified event is applied once, routed by type (checkout.session.*, charge.refunded,
 * invoice.*) and, for Checkout Sessions, by what they sell: a cohort seat (payments/model/checkout.ts) or a learning
 * path's bundle (paths/model/purchase.ts), told apart by the session id we stored when we created it.
 */
import { v } from "convex/values";
import { applyInvoiceEvent } from "./model/seatInvoices";
import type { MutationCtx } from "../_generated/server";
import { internalMutation } from "../functions";
import { applyChargeRefunded, applyCheckoutSessionEvent } from "./model/checkout";
import type { ChargeObject, CheckoutSessionObject } from "./model/reviews";
import { applyBundleCheckoutEvent, purchaseForCheckoutSession } from "../paths/model/purchase";

/** Applies a verified Stripe event once (see the stripeEvents table). */
export const applyStripeEvent = internalMutation({
  args: { eventId: v.string(), type: v.string(), object: v.any() },
  returns: v.string(),
  handler: async (ctx, { eventId, type, object }) => {
    const seen = await ctx.db
      .query("stripeEvents")
      .withIndex("by_eventId", (q) => q.eq("eventId", eventId))
      .unique();
    if (seen) return `duplicate of ${seen.outcome}`;
    const outcome = await applyEvent(ctx, eventId, type, object as { id: string });
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

async function applyEvent(ctx: MutationCtx, eventId: string, type: string, object: { id: string }): Promise<string> {
  if (type.startsWith("invoice.")) return await applyInvoiceEvent(ctx, eventId, type, object);
  if (CHECKOUT_SESSION_EVENTS.has(type)) {
    const bundle = await purchaseForCheckoutSession(ctx, object.id);
    if (bundle) return await applyBundleCheckoutEvent(ctx, eventId, type, object as CheckoutSessionObject, bundle);
    return await applyCheckoutSessionEvent(ctx, eventId, type, object as CheckoutSessionObject);
  }
  if (type === "charge.refunded") return await applyChargeRefunded(ctx, object as ChargeObject);
  return "ignored: event type not handled";
}
