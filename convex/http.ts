import { httpRouter } from "convex/server";
import { api, internal } from "./_generated/api";
import { auth } from "./auth";
import { httpAction } from "./functions";
import { extractPng, extractSvg } from "./model/baking";
import { readBookingToken } from "./model/bookingTokens";
import { verifyCalSignature } from "./model/calcom";
import { didDocument } from "./model/openBadges";
import { calcomSettings, credentialIssuerSettings } from "./model/env";
import { verifyStripeEvent } from "./model/stripe";
import * as reports from "./reports";

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
    const outcome = await ctx.runMutation(internal.officeHours.applyWebhook, { triggerEvent: parsed.triggerEvent, payload: parsed.payload ?? {}, bookingToken });
    return Response.json({ received: true, outcome });
  }),
});

// ------------------------------------------------------------ credentials

const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS", "Access-Control-Allow-Headers": "Content-Type" };

/** /credentials/<id> (the signed JSON), /credentials/<id>/badge.png | badge.svg | certificate.pdf (baked files). */
http.route({
  pathPrefix: "/credentials/",
  method: "GET",
  handler: httpAction(async (ctx, request) => {
    const [publicId, file] = new URL(request.url).pathname.slice("/credentials/".length).split("/");
    if (!file) {
      const json = await ctx.runQuery(internal.certificates.credentialJson, { publicId });
      if (json === null) return new Response("No such credential", { status: 404, headers: CORS });
      return new Response(json, { headers: { ...CORS, "Content-Type": "application/vc+ld+json", "Cache-Control": "public, max-age=300" } });
    }
    const files = await ctx.runQuery(internal.certificates.publicFiles, { publicId });
    const storageId = files && { "badge.png": files.png, "badge.svg": files.svg, "certificate.pdf": files.pdf }[file];
    const blob = storageId ? await ctx.storage.get(storageId) : null;
    if (!files || !blob) return new Response("Not found", { status: 404, headers: CORS });
    const filename = `${files.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${file}`;
    return new Response(blob, { headers: { ...CORS, "Content-Type": blob.type, "Content-Disposition": `inline; filename="${filename}"`, "Cache-Control": "public, max-age=300" } });
  }),
});

/** Verifies a credential sent as JSON, or baked into a PNG or SVG; answers per check. */
http.route({
  path: "/credentials/verify",
  method: "POST",
  handler: httpAction(async (ctx, request) => {
    const type = request.headers.get("content-type") ?? "";
    let credentialJson: string | null;
    try {
      if (type.startsWith("image/png")) credentialJson = extractPng(new Uint8Array(await request.arrayBuffer()));
      else if (type.startsWith("image/svg")) credentialJson = extractSvg(await request.text());
      else credentialJson = await request.text();
    } catch (error) {
      return Response.json({ verified: false, checks: [{ check: "signature", ok: false, message: (error as Error).message }] }, { status: 400, headers: CORS });
    }
    if (!credentialJson) return Response.json({ verified: false, checks: [{ check: "signature", ok: false, message: "No credential is baked into this image." }] }, { status: 400, headers: CORS });
    const result = await ctx.runAction(api.certificates.verifyCredentialJson, { credentialJson });
    return Response.json(result, { headers: CORS });
  }),
});

http.route({ path: "/credentials/verify", method: "OPTIONS", handler: httpAction(async () => new Response(null, { status: 204, headers: CORS })) });

/** The signed revocation list (BitstringStatusListCredential). */
http.route({
  pathPrefix: "/status/",
  method: "GET",
  handler: httpAction(async (ctx, request) => {
    const listNumber = Number(new URL(request.url).pathname.slice("/status/".length));
    const json = Number.isInteger(listNumber) ? await ctx.runQuery(internal.certificates.statusListJson, { listNumber }) : null;
    if (json === null) return new Response("No such status list", { status: 404, headers: CORS });
    return new Response(json, { headers: { ...CORS, "Content-Type": "application/vc+ld+json", "Cache-Control": "public, max-age=60" } });
  }),
});

/** The issuer's DID document (did:web). With a did:key issuer there is nothing to serve. */
http.route({
  path: "/.well-known/did.json",
  method: "GET",
  handler: httpAction(async () => {
    if (!credentialIssuerSettings().domain) return new Response("This academy signs with did:key (local mode).", { status: 404, headers: CORS });
    return Response.json(didDocument(), { headers: { ...CORS, "Content-Type": "application/did+json" } });
  }),
});

// Emailed report downloads, valid for 7 days.
http.route({ pathPrefix: "/reports/", method: "GET", handler: reports.download });

export default http;
