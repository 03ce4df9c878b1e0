/** Deployment settings read from the environment (set in the dashboard or .convex-local/env.json). */

/** Local mode: no Resend key, so emails go to the dev mailbox and demo sign-in is offered. */
export function isLocalMode() {
  return !process.env.RESEND_API_KEY && !process.env.AUTH_RESEND_KEY;
}

/** Public URL of the web app (links in emails, checkout return URLs). */
export function siteUrl() {
  return (process.env.SITE_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export function emailFrom() {
  return process.env.EMAIL_FROM ?? "AI Enablement Academy <hello@aienablement.academy>";
}
