import { httpRouter } from "convex/server";
import { internal } from "./_generated/api";
import { auth } from "./auth";
import { httpAction } from "./functions";
import { readBookingToken } from "./officeHours/model/bookingTokens";
import { verifyCalSignature } from "./integrations/calcom";
import { didDocument } from "./certificates/model/signing";
import { calcomSettings, credentialIssuerSettings } from "./env";
import { receiveResendWebhook } from "./integrations/email";
import { verifyStripeEvent } from "./integrations/stripe";
import {
  credentialFromUpload,
  MAX_CREDENTIAL_CHARS,
  MAX_UPLOAD_BYTES,
  readBodyCapped,
  refused,
  takeCredentialCheck,
  tooManyChecks,
  verifyCredentialText,
} from "./certificates/model/verify";
import * as reports from "./dashboards/reports";

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
    const outcome = await ctx.runMutation(internal.payments.webhook.applyStripeEvent, {
      eventId: event.id,
      type: event.type,
      object: event.data.object,
      created: event.created,
    });
    return Response.json({ received: true, outcome });
  }),
});

/** Resend delivery events (svix-signed): each email's status in the email component. */
http.route({
  path: "/resend/webhook",
  method: "POST",
  handler: httpAction(async (ctx, request) => await receiveResendWebhook(ctx, request)),
});

/**
 * Cal.com webhooks: X-Cal-Signature-256 (hex HMAC-SHA256 of the raw body)
 * checked, the booking token from the booking's metadata verified, each
 * uid + trigger applied once.
 */
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
    const metadata = (parsed.payload as { metadata?: Record<string, unknown> } | undefined)?.metadata;
    const bookingToken = await readBookingToken(metadata?.bookingToken, calcomSettings().bookingTokenSecret);
    const outcome = await ctx.runMutation(internal.officeHours.bookings.applyWebhook, {
      triggerEvent: parsed.triggerEvent,
      payload: parsed.payload ?? {},
      bookingToken,
    });
    return Response.json({ received: true, outcome });
  }),
});

// ------------------------------------------------------------ credentials

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
};

/** /credentials/<id> (the signed JSON), /credentials/<id>/badge.png | badge.svg | certificate.pdf (baked files). */
http.route({
  pathPrefix: "/credentials/",
  method: "GET",
  handler: httpAction(async (ctx, request) => {
    const [publicId, file] = new URL(request.url).pathname.slice("/credentials/".length).split("/");
    if (!file) {
      const json = await ctx.runQuery(internal.certificates.verify.credentialJson, { publicId });
      if (json === null) return new Response("No such credential", { status: 404, headers: CORS });
      return new Response(json, {
        headers: { ...CORS, "Content-Type": "application/vc+ld+json", "Cache-Control": "public, max-age=300" },
      });
    }
    const files = await ctx.runQuery(internal.certificates.verify.publicFiles, { publicId });
    const storageId = files && { "badge.png": files.png, "badge.svg": files.svg, "certificate.pdf": files.pdf }[file];
    const blob = storageId ? await ctx.storage.get(storageId) : null;
    if (!files || !blob) return new Response("Not found", { status: 404, headers: CORS });
    const filename = `${files.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${file}`;
    return new Response(blob, {
      headers: {
        ...CORS,
        "Content-Type": blob.type,
        "Content-Disposition": `inline; filename="${filename}"`,
        "Cache-Control": "public, max-age=300",
      },
    });
  }),
});

/**
 * Verifies a credential sent as JSON, or baked into a PNG or SVG; answers per check. Public, so bounded:
 * rate-limited per client before anything is read, at most 1 MB read, images scanned in linear time.
 */
http.route({
  path: "/credentials/verify",
  method: "POST",
  handler: httpAction(async (ctx, request) => {
    const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
      Response.json(refused(message), { status, headers: { ...CORS, ...headers } });
    const taken = await takeCredentialCheck(ctx);
    if (!taken.ok)
      return refuse(429, tooManyChecks(taken.retryAfter), {
        "Retry-After": String(Math.max(1, Math.ceil(taken.retryAfter / 1000))),
      });
    const body = await readBodyCapped(request);
    if (body === null) return refuse(413, `A credential file is at most ${MAX_UPLOAD_BYTES / 1_000_000} MB.`);
    let credentialJson: string | null;
    try {
      credentialJson = credentialFromUpload(request.headers.get("content-type") ?? "", body);
    } catch (error) {
      return refuse(400, (error as Error).message);
    }
    if (!credentialJson) return refuse(400, "No credential is baked into this image.");
    if (credentialJson.length > MAX_CREDENTIAL_CHARS) return refuse(400, "That file is too large to be a credential.");
    return Response.json(await verifyCredentialText(ctx, credentialJson), { headers: CORS });
  }),
});

http.route({
  path: "/credentials/verify",
  method: "OPTIONS",
  handler: httpAction(async () => new Response(null, { status: 204, headers: CORS })),
});

/** The signed revocation list (BitstringStatusListCredential). */
http.route({
  pathPrefix: "/status/",
  method: "GET",
  handler: httpAction(async (ctx, request) => {
    const listNumber = Number(new URL(request.url).pathname.slice("/status/".length));
    const json = Number.isInteger(listNumber)
      ? await ctx.runQuery(internal.certificates.revocation.statusListJson, { listNumber })
      : null;
    if (json === null) return new Response("No such status list", { status: 404, headers: CORS });
    return new Response(json, {
      headers: { ...CORS, "Content-Type": "application/vc+ld+json", "Cache-Control": "public, max-age=60" },
    });
  }),
});

/** The issuer's DID document (did:web). With a did:key issuer there is nothing to serve. */
http.route({
  path: "/.well-known/did.json",
  method: "GET",
  handler: httpAction(async () => {
    if (!credentialIssuerSettings().domain)
      return new Response("This academy signs with did:key (local mode).", { status: 404, headers: CORS });
    return Response.json(didDocument(), { headers: { ...CORS, "Content-Type": "application/did+json" } });
  }),
});

// Emailed report downloads, valid for 7 days.
http.route({ pathPrefix: "/reports/", method: "GET", handler: reports.download });

export default http;
