import Stripe from "stripe";
import { stripeSettings } from "../env";

/** The Stripe SDK, over fetch (works in Convex's runtime), pointed at the local stand-in when configured. */
export function stripeClient() {
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
      ? { host: base.hostname, port: Number(base.port || (base.protocol === "https:" ? 443 : 80)), protocol: base.protocol.replace(":", "") as "http" | "https" }
      : {}),
  });
}

/**
 * Refunds a payment in full. The idempotency key names what is refunded (an
 * enrollment or a payment review), so a repeated click or retry refunds once.
 */
export async function refundPaymentIntent(paymentIntentId: string, idempotencyKey: string, metadata: Record<string, string>) {
  return await stripeClient().refunds.create({ payment_intent: paymentIntentId, reason: "requested_by_customer", metadata }, { idempotencyKey });
}

/** Verifies a webhook delivery's signature against the raw body; throws when forged or stale. */
export async function verifyStripeEvent(rawBody: string, signature: string | null) {
  const { webhookSecret } = stripeSettings();
  if (!webhookSecret) throw new Error("STRIPE_WEBHOOK_SECRET is not set");
  if (!signature) throw new Error("Missing Stripe-Signature header");
  return await Stripe.webhooks.constructEventAsync(rawBody, signature, webhookSecret, 300, Stripe.createSubtleCryptoProvider());
}

export type StripeEvent = Stripe.Event;
