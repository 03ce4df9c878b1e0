"use client";
import posthog from "posthog-js";

let started = false;

/** Starts PostHog when a key is configured; without one every capture is a no-op. */
export function initAnalytics() {
  const key = process.env.NEXT_PUBLIC_POSTHOG_KEY;
  if (started || !key || typeof window === "undefined") return;
  posthog.init(key, { api_host: process.env.NEXT_PUBLIC_POSTHOG_HOST ?? "https://us.i.posthog.com", capture_pageview: true, persistence: "localStorage+cookie" });
  started = true;
}

export type AnalyticsEvent = "checkout_started" | "seat_purchased" | "refund_issued";

export function track(event: AnalyticsEvent, properties: Record<string, string | number | boolean | undefined> = {}) {
  if (!started) return;
  posthog.capture(event, properties);
}
