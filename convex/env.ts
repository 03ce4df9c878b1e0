/** Deployment settings read from the environment (set in the dashboard or .convex-local/env.json). */

/**
 * Local mode is switched on explicitly with `ACADEMY_LOCAL_MODE=1`, which only
 * `npm run dev` and the browser tests write (scripts/local-env.ts). In local
 * mode email goes to the dev mailbox, demo people can sign in with one click
 * and the demo academy can be seeded. Nothing else turns it on: a deployment
 * that merely lacks an email key is not in local mode (it refuses to send).
 */
export function isLocalMode() {
  return process.env.ACADEMY_LOCAL_MODE === "1";
}

/**
 * The Resend keys `npm run dev` and the browser tests write start with this: the local backend routes Resend's API
 * to the local stand-in (local-resend/), which Resend itself would refuse.
 */
export const LOCAL_RESEND_KEY_PREFIX = "re_local_";

/**
 * Where email goes. Outside local mode: Resend with a key, otherwise nowhere (sending refuses). In local mode: Resend
 * (that is, the local stand-in) with the stand-in's key, otherwise straight into the dev mailbox: a local
 * deployment never sends with a real key.
 */
export function emailDelivery(): "dev_mailbox" | "resend" | "not_configured" {
  const key = resendApiKey();
  if (isLocalMode()) return key?.startsWith(LOCAL_RESEND_KEY_PREFIX) ? "resend" : "dev_mailbox";
  return key ? "resend" : "not_configured";
}

/** Public URL of the web app (links in emails, checkout return URLs). */
export function siteUrl() {
  return (process.env.SITE_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export function emailFrom() {
  return process.env.EMAIL_FROM ?? "AI Enablement Academy <hello@aienablement.academy>";
}

/** Google sign-in is offered when its OAuth client is configured. */
export function googleSignInEnabled() {
  return Boolean(process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET);
}

/** The Resend API key, when emails are really sent (blank counts as missing). */
export function resendApiKey() {
  return process.env.RESEND_API_KEY?.trim() || process.env.AUTH_RESEND_KEY?.trim() || undefined;
}

/** The secret Resend signs its delivery webhooks with (svix); without it no delivery event is accepted. */
export function resendWebhookSecret() {
  return process.env.RESEND_WEBHOOK_SECRET?.trim() || undefined;
}

/**
 * Stripe settings. `STRIPE_API_BASE` points the real SDK at the local stand-in
 * (`npm run dev` sets it); without it the SDK talks to api.stripe.com.
 */
export function stripeSettings() {
  return {
    secretKey: process.env.STRIPE_SECRET_KEY,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
    apiBase: process.env.STRIPE_API_BASE,
  };
}

export function currency() {
  return (process.env.ACADEMY_CURRENCY ?? "usd").toLowerCase();
}

/**
 * Cal.com (office hours). `CALCOM_API_BASE` and `CALCOM_ORIGIN` point at the
 * local stand-in offline (`npm run dev` sets them); on a real deployment they
 * default to Cal.com's API and app.
 */
export function calcomSettings() {
  const origin = (process.env.CALCOM_ORIGIN ?? "https://app.cal.com").replace(/\/+$/, "");
  return {
    apiKey: process.env.CALCOM_API_KEY,
    webhookSecret: process.env.CALCOM_WEBHOOK_SECRET,
    apiBase: (process.env.CALCOM_API_BASE ?? "https://api.cal.com").replace(/\/+$/, ""),
    origin,
    embedJsUrl: process.env.CALCOM_EMBED_JS_URL ?? `${origin}/embed/embed.js`,
    /** The office-hours event, e.g. `academy/office-hours`. */
    bookingLink: process.env.CALCOM_BOOKING_LINK,
    /**
     * Signs office-hours booking tokens (officeHours/model/bookingTokens.ts); missing or short means no booking is
     * accepted.
     */
    bookingTokenSecret: bookingTokenSecret(),
  };
}

/** Shorter booking-token secrets (officeHours/model/bookingTokens.ts) are treated as missing. */
export const MIN_BOOKING_TOKEN_SECRET_LENGTH = 32;

function bookingTokenSecret() {
  const secret = process.env.CALCOM_BOOKING_TOKEN_SECRET?.trim();
  return secret && secret.length >= MIN_BOOKING_TOKEN_SECRET_LENGTH ? secret : undefined;
}

/**
 * The certificate issuer: its Ed25519 key (multibase; never stored in the
 * database), in production the domain of its did:web identity, and the public
 * keys it signed with before (CREDENTIAL_FORMER_KEYS, comma- or space-separated),
 * whose credentials still count as its own.
 */
export function credentialIssuerSettings() {
  return {
    publicKeyMultibase: process.env.CREDENTIAL_PUBLIC_KEY,
    secretKeyMultibase: process.env.CREDENTIAL_SECRET_KEY,
    formerPublicKeys: (process.env.CREDENTIAL_FORMER_KEYS ?? "").split(/[\s,]+/).filter((key) => key.length > 0),
    domain: process.env.CREDENTIAL_ISSUER_DOMAIN?.trim() || undefined,
    name: process.env.CREDENTIAL_ISSUER_NAME ?? "AI Enablement Academy",
  };
}

/** Public HTTP endpoints (credentials, status lists) live on the deployment's site URL, which Convex sets. */
export function convexSiteUrl() {
  return (process.env.CONVEX_SITE_URL ?? "http://127.0.0.1:3211").replace(/\/+$/, "");
}

/** Days before a certificate expires when its holder is reminded (CERTIFICATE_REMINDER_DAYS, default "60,30"). */
export function certificateReminderDays() {
  const days = (process.env.CERTIFICATE_REMINDER_DAYS ?? "60,30")
    .split(",")
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d > 0);
  return [...new Set(days)].sort((a, b) => b - a);
}

/**
 * The model that grades open answers (any OpenAI-compatible chat-completions
 * API; locally the `local-llm/` stand-in, which `npm run dev` points these at).
 * Without `AI_API_KEY` nothing is sent to a model: open answers go to the
 * instructors' manual queue. `AI_BASE_URL` defaults to OpenAI's API.
 */
export function aiSettings() {
  const apiKey = process.env.AI_API_KEY?.trim();
  if (!apiKey) return null;
  return {
    apiKey,
    baseURL: (process.env.AI_BASE_URL?.trim() || "https://api.openai.com/v1").replace(/\/+$/, ""),
    model: process.env.AI_MODEL?.trim() || "gpt-4o-mini",
  };
}
