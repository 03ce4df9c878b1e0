import { httpRouter } from "convex/server";
import { internal } from "./_generated/api";
import { auth } from "./auth";
import { httpAction } from "./functions";
import { verifyStripeEvent } from "./model/stripe";

const http = httpRouter();

auth.addHttpRoutes(http);

/** Stripe webhooks: signature checked on the raw body, each event applied once. */
http.route({
  path: "/stripe/webhook",
  method: "POST",
  handler: httpAction(async (ctx, request) => {
    const body = await request.text();
    let event;
    try {
      event = await verifyStripeEvent(body, request.headers.get("stripe-signature"));
    } catch (error) {
      return new Response(`Webhook signature verification failed: ${(error as Error).message}`, { status: 400 });
    }
    const outcome = await ctx.runMutation(internal.checkout.applyStripeEvent, {
      eventId: event.id,
      type: event.type,
      object: event.data.object,
    });
    return Response.json({ received: true, outcome });
  }),
});

export default http;
