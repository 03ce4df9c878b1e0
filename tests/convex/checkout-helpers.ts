/** Shared setup for checkout tests: a cohort, buyers, a stubbed Stripe API and signed webhooks. */
import Stripe from "stripe";
import { afterEach, beforeEach, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { courseRow, paidEnrollmentRow, userRow } from "./fixtures";
import { newTest, restoreFakes } from "./helpers";
import { checkoutSession } from "./stripe-events";

export type T = ReturnType<typeof newTest>;
export const WEBHOOK_SECRET = "whsec_test_secret";
const DAY = 86_400_000;

export function stubStripeEnv() {
  vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_academy");
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET);
  vi.stubEnv("STRIPE_API_BASE", "");
  vi.stubEnv("SITE_URL", "https://academy.test");
  vi.stubEnv("RESEND_API_KEY", "");
}

export type StripeCall = { method: string; path: string; params: URLSearchParams; idempotencyKey: string | null };

/** Replaces fetch with a fake Stripe API that records requests and answers like Stripe. */
export function stubStripeApi() {
  const calls: StripeCall[] = [];
  let counter = 0;
  const sessions = new Map<string, { status: string }>();
  const subscriptionStatus = new Map<string, string>();
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
      const headers = new Headers(init?.headers);
      const body = typeof init?.body === "string" ? init.body : "";
      const method = (init?.method ?? "GET").toUpperCase();
      calls.push({
        method,
        path: url.pathname,
        params: new URLSearchParams(method === "GET" ? url.search : body),
        idempotencyKey: headers.get("idempotency-key"),
      });
      const json = (value: unknown, status = 200) =>
        new Response(JSON.stringify(value), {
          status,
          headers: { "content-type": "application/json", "request-id": `req_${counter}` },
        });
      if (url.hostname !== "api.stripe.com") return new Response("unexpected host", { status: 500 });
      if (method === "POST" && url.pathname === "/v1/checkout/sessions") {
        const id = `cs_test_${++counter}`;
        sessions.set(id, { status: "open" });
        return json({ id, object: "checkout.session", url: `https://checkout.stripe.com/c/pay/${id}`, status: "open" });
      }
      const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(url.pathname);
      if (expire) {
        sessions.set(expire[1], { status: "expired" });
        return json({ id: expire[1], object: "checkout.session", status: "expired" });
      }
      const retrieve = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(url.pathname);
      if (retrieve)
        return json({
          id: retrieve[1],
          object: "checkout.session",
          status: sessions.get(retrieve[1])?.status ?? "open",
        });
      if (method === "POST" && url.pathname === "/v1/customers")
        return json({ id: `cus_${++counter}`, object: "customer" });
      if (method === "POST" && url.pathname === "/v1/invoices")
        return json({ id: `in_${++counter}`, object: "invoice", status: "draft" });
      if (method === "POST" && url.pathname === "/v1/invoiceitems")
        return json({ id: `ii_${++counter}`, object: "invoiceitem" });
      const invoiceStep = /^\/v1\/invoices\/([^/]+)\/(finalize|send)$/.exec(url.pathname);
      if (method === "POST" && invoiceStep) {
        return json({
          id: invoiceStep[1],
          object: "invoice",
          status: "open",
          hosted_invoice_url: `https://invoice.stripe.com/i/${invoiceStep[1]}`,
        });
      }
      if (method === "POST" && url.pathname === "/v1/coupons") {
        return json({ id: `coupon_${++counter}`, object: "coupon", times_redeemed: 0, valid: true });
      }
      if (method === "POST" && url.pathname === "/v1/promotion_codes") {
        const params = new URLSearchParams(body);
        return json({
          id: `promo_${++counter}`,
          object: "promotion_code",
          code: params.get("code"),
          active: true,
          promotion: { type: "coupon", coupon: params.get("promotion[coupon]") },
        });
      }
      const promotionCode = /^\/v1\/promotion_codes\/([^/]+)$/.exec(url.pathname);
      if (method === "POST" && promotionCode) {
        return json({ id: promotionCode[1], object: "promotion_code", active: body.includes("active=true") });
      }
      const subscription = /^\/v1\/subscriptions\/([^/]+)$/.exec(url.pathname);
      if (subscription) {
        const params = new URLSearchParams(body);
        const canceled = method === "DELETE" || (subscriptionStatus.get(subscription[1]) ?? "active") === "canceled";
        if (method === "DELETE") subscriptionStatus.set(subscription[1], "canceled");
        return json({
          id: subscription[1],
          object: "subscription",
          status: canceled ? "canceled" : "active",
          cancel_at_period_end: params.get("cancel_at_period_end") === "true",
          ended_at: canceled ? Math.floor(Date.now() / 1000) : null,
          items: { object: "list", data: [] },
        });
      }
      if (method === "POST" && url.pathname === "/v1/refunds") {
        return json({ id: `re_${++counter}`, object: "refund", status: "succeeded" });
      }
      return json({ error: { type: "invalid_request_error", message: `No fake for ${method} ${url.pathname}` } }, 400);
    }),
  );
  return calls;
}

/** Lets due scheduled functions (and what they schedule) run, advancing fake time by `ms`. */
export async function runScheduled(t: T, ms = 0) {
  vi.advanceTimersByTime(ms);
  for (let i = 0; i < 5; i++) {
    await t.finishInProgressScheduledFunctions();
    vi.advanceTimersByTime(0);
  }
}

export async function seedCohort(t: T, options: { capacity?: number; buyers?: number; startsInDays?: number } = {}) {
  return await t.run(async (ctx) => {
    const now = Date.now();
    const courseId = await ctx.db.insert("courses", courseRow({ createdAt: now, updatedAt: now }));
    const startDate = now + (options.startsInDays ?? 14) * DAY;
    const cohortId = await ctx.db.insert("cohorts", {
      courseId,
      name: "December cohort",
      startDate,
      endDate: startDate + 2 * DAY,
      maxCapacity: options.capacity ?? 20,
      currentEnrollment: 0,
      status: "open",
      isB2B: false,
      timezone: "Europe/Berlin",
      createdAt: now,
      updatedAt: now,
    });
    const buyers: Id<"users">[] = [];
    for (let i = 0; i < (options.buyers ?? 3); i++) {
      buyers.push(
        await ctx.db.insert(
          "users",
          userRow(`buyer${i}@example.com`, { name: `Buyer ${i}`, createdAt: now, updatedAt: now }),
        ),
      );
    }
    return { courseId, cohortId, buyers };
  });
}

export function as(t: T, userId: Id<"users">) {
  return t.withIdentity({ subject: `${userId}|session` });
}

let eventCounter = 0;

/** Delivers a Stripe event to the webhook route, signed the way Stripe signs it. */
export async function deliver(
  t: T,
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; secret?: string; timestamp?: number; created?: number } = {},
) {
  const payload = JSON.stringify({
    id: options.id ?? `evt_test_${++eventCounter}`,
    object: "event",
    type,
    api_version: "2026-10-28.endive",
    created: options.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object },
  });
  const signature = await Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestamp,
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
  return await t.fetch("/stripe/webhook", {
    method: "POST",
    body: payload,
    headers: { "stripe-signature": signature, "content-type": "application/json" },
  });
}

/**
 * `buyer` reserves a seat and the app opens its Stripe Checkout Session; returns the enrollment and the session's id,
 * read from the checkout URL the buyer is sent to.
 */
export async function openCheckout(t: T, buyer: Id<"users">, cohortId: Id<"cohorts">) {
  const enrollmentId = await as(t, buyer).mutation(api.payments.checkout.reserve, { cohortId });
  await runScheduled(t);
  const status = await as(t, buyer).query(api.payments.checkout.status, { enrollmentId });
  return { enrollmentId, sessionId: status!.checkoutUrl!.split("/").pop()! };
}

/** `buyer` reserves a seat and pays for it on Stripe's page (checkout.session.completed); returns the enrollment. */
export async function buySeat(t: T, buyer: Id<"users">, cohortId: Id<"cohorts">) {
  const { enrollmentId } = await openCheckout(t, buyer, cohortId);
  const held = await t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
  await deliver(t, "checkout.session.completed", checkoutSession(held, { paid: true }));
  return enrollmentId;
}

export async function cohortState(t: T, cohortId: Id<"cohorts">) {
  return await t.run(async (ctx) => {
    const cohort = (await ctx.db.get("cohorts", cohortId))!;
    const enrollments = await ctx.db
      .query("enrollments")
      .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohortId))
      .collect();
    return { cohort, enrollments, seatsHeld: enrollments.filter((e) => e.seatHeld).length };
  });
}

/** Fake timers, Stripe test keys and a fake Stripe API for every test of the file; returns the recorded calls. */
export function useStripeTestEnvironment() {
  const recorded: { calls: StripeCall[] } = { calls: [] };
  beforeEach(() => {
    vi.useFakeTimers();
    stubStripeEnv();
    recorded.calls = stubStripeApi();
  });
  afterEach(restoreFakes);
  return recorded;
}

/** A paid (confirmed) enrollment inserted directly, for tests that start after checkout. */
export async function enrollConfirmed(
  t: T,
  enrollment: { userId: Id<"users">; cohortId: Id<"cohorts">; courseId: Id<"courses"> },
  officeHoursDays = 90,
) {
  const now = Date.now();
  return await t.run(async (ctx) =>
    ctx.db.insert(
      "enrollments",
      paidEnrollmentRow(enrollment, now, { officeHoursEligibleUntil: now + officeHoursDays * DAY }),
    ),
  );
}
