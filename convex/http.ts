import { httpRouter } from "convex/server";
import { internal } from "./_generated/api";
import { auth } from "./auth";
import { httpAction } from "./functions";
import { verifyCalSignature } from "./model/calcom";
import { calcomSettings } from "./model/env";
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

/** Cal.com webhooks: X-Cal-Signature-256 (hex HMAC-SHA256 of the raw body) checked, each uid + trigger applied once. */
http.route({
  path: "/calcom/webhook",
  method: "POST",
  handler: httpAction(async (ctx, request) => {
    const body = await request.text();
    if (!(await verifyCalSignature(body, request.headers.get("x-cal-signature-256"), calcomSettings().webhookSecret))) {
      return new Response("Invalid Cal.com signature", { status: 401 });
    }
    let parsed: { triggerEvent?: unknown; payload?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return new Response("Body is not JSON", { status: 400 });
    }
    if (typeof parsed.triggerEvent !== "string") return new Response("No triggerEvent", { status: 400 });
    const outcome = await ctx.runMutation(internal.officeHours.applyWebhook, { triggerEvent: parsed.triggerEvent, payload: parsed.payload ?? {} });
    return Response.json({ received: true, outcome });
  }),
});

export default http;
