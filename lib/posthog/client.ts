"use client";
/**
 * Product analytics (PostHog), kept out of every page's first load: `posthog-js` is fetched only when a key is
 * configured and the visitor has agreed to analytics, and then only once the page is loaded and idle. Without a key
 * (or without consent) nothing is downloaded, stored or sent.
 */
import type { PostHog } from "posthog-js";

const KEY = process.env.NEXT_PUBLIC_POSTHOG_KEY;
const CONSENT_STORAGE_KEY = "academy.analytics-consent";

export type AnalyticsConsent = "granted" | "denied";
export type AnalyticsEvent = "checkout_started" | "seat_purchased" | "refund_issued";

/** Whether this deployment collects analytics at all (a PostHog key is configured). */
export const analyticsConfigured = Boolean(KEY);

const listeners = new Set<() => void>();

/** The visitor's recorded choice, or null while they have not chosen. */
export function analyticsConsent(): AnalyticsConsent | null {
  try {
    const value = window.localStorage.getItem(CONSENT_STORAGE_KEY);
    return value === "granted" || value === "denied" ? value : null;
  } catch {
    // Storage blocked: treat as not chosen, which sends nothing.
    return null;
  }
}

export function subscribeToConsent(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Records the visitor's choice; agreeing starts analytics, declining stops it for this and later visits. */
export function setAnalyticsConsent(consent: AnalyticsConsent) {
  try {
    window.localStorage.setItem(CONSENT_STORAGE_KEY, consent);
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
  for (const listener of listeners) listener();
  if (allowed()) void load();
  else if (client) void client.then((posthog) => posthog.opt_out_capturing());
}

let client: Promise<PostHog> | null = null;

function load(): Promise<PostHog> {
  client ??= import("posthog-js").then(({ default: posthog }) => {
    posthog.init(KEY!, {
      api_host: process.env.NEXT_PUBLIC_POSTHOG_HOST ?? "https://us.i.posthog.com",
      capture_pageview: true,
      persistence: "localStorage+cookie",
    });
    // Someone who declined earlier and has now agreed.
    if (posthog.has_opted_out_capturing()) posthog.opt_in_capturing();
    return posthog;
  });
  return client;
}

function allowed() {
  return analyticsConfigured && typeof window !== "undefined" && analyticsConsent() === "granted";
}

/** Starts analytics once the page has loaded and the main thread is idle, if configured and agreed to. */
export function initAnalytics() {
  if (!allowed()) return;
  const start = () => {
    if ("requestIdleCallback" in window) window.requestIdleCallback(() => void load(), { timeout: 5_000 });
    else setTimeout(() => void load(), 1_000);
  };
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
}

/** Records a product event; a no-op without a key or consent. */
export function track(event: AnalyticsEvent, properties: Record<string, string | number | boolean | undefined> = {}) {
  if (!allowed()) return;
  void load().then((posthog) => posthog.capture(event, properties));
}
