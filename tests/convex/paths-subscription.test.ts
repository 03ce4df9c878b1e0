/**
 * #19 a learning path sold by the month: Checkout in subscription mode (the request Stripe receives), the first payment
 * creating exactly one path enrollment whichever of Stripe's events comes first, renewals paid and failed (the path
 * paused, then resumed with what came due), cancelling at the period's end (Stripe asked, access to that day, the
 * sweep ending it even before Stripe's last event), a lapse ending access, and replays, redeliveries and late events
 * changing nothing.
 */
import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, deliver, runScheduled, type T, useStripeTestEnvironment } from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";
import { mailTo, notificationTitles } from "./inbox";
import { addPerson, seedPath, type StepSpec } from "./path-helpers";

const stripe = useStripeTestEnvironment();
const DAY = 86_400_000;
const MONTHLY = 19_900;
const SUBSCRIPTION = "sub_test_path";
const seconds = (ms: number) => Math.floor(ms / 1000);

/** A learner subscribed to a fresh subscription path, its Checkout Session created by the scheduler. */
async function subscriber(t: T, steps: StepSpec[] = [{ unlockRule: "immediate" }, { unlockRule: "sequential" }]) {
  const world = await seedPath(t, steps, { pricing: "subscription", monthlyPriceCents: MONTHLY });
  const learner = await addPerson(t, "subscriber@example.com");
  const purchaseId = await as(t, learner).mutation(api.paths.checkout.subscribe, { pathId: world.pathId });
  await runScheduled(t);
  const status = (await as(t, learner).query(api.paths.checkout.status, { purchaseId }))!;
  return { world, learner, purchaseId, sessionId: status.checkoutUrl!.split("/").pop()!, status };
}

/** Stripe's objects for this subscription, as its events carry them. */
function objects(purchaseId: Id<"pathPurchases">, sessionId: string) {
  const metadata = { pathPurchaseId: purchaseId };
  return {
    checkout: (amount = MONTHLY) => ({
      id: sessionId,
      object: "checkout.session",
      mode: "subscription",
      status: "complete",
      payment_status: "paid",
      subscription: SUBSCRIPTION,
      customer: "cus_test_path",
      payment_intent: null,
      amount_total: amount,
      currency: "usd",
      metadata,
    }),
    subscription: (fields: { status?: string; periodEnd: number; cancel?: boolean; endedAt?: number }) => ({
      id: SUBSCRIPTION,
      object: "subscription",
      status: fields.status ?? "active",
      cancel_at_period_end: fields.cancel ?? false,
      ended_at: fields.endedAt !== undefined ? seconds(fields.endedAt) : null,
      metadata,
      items: { object: "list", data: [{ id: "si_test", current_period_end: seconds(fields.periodEnd) }] },
    }),
    invoice: (id: string, fields: { paid: boolean; periodEnd: number; amount?: number }) => ({
      id,
      object: "invoice",
      status: fields.paid ? "paid" : "open",
      amount_paid: fields.paid ? (fields.amount ?? MONTHLY) : 0,
      amount_due: fields.amount ?? MONTHLY,
      currency: "usd",
      hosted_invoice_url: `https://invoice.stripe.com/i/${id}`,
      parent: { type: "subscription_details", subscription_details: { subscription: SUBSCRIPTION, metadata } },
      lines: {
        object: "list",
        data: [{ period: { start: seconds(fields.periodEnd - 30 * DAY), end: seconds(fields.periodEnd) } }],
      },
    }),
  };
}

/** The three events of a paid subscription Checkout, as Stripe sends them; returns the end of the first period. */
async function startPaid(t: T, purchaseId: Id<"pathPurchases">, sessionId: string) {
  const o = objects(purchaseId, sessionId);
  const periodEnd = Date.now() + 30 * DAY;
  await deliver(t, "customer.subscription.created", o.subscription({ periodEnd }), { id: "evt_sub_created" });
  await deliver(t, "invoice.paid", o.invoice("in_first", { paid: true, periodEnd }), { id: "evt_first_paid" });
  await deliver(t, "checkout.session.completed", o.checkout(), { id: "evt_checkout_done" });
  await runScheduled(t);
  return { o, periodEnd };
}

async function state(t: T, learner: Id<"users">, purchaseId: Id<"pathPurchases">) {
  return await t.run(async (ctx) => ({
    purchase: (await ctx.db.get("pathPurchases", purchaseId))!,
    enrollments: await ctx.db
      .query("userPathEnrollments")
      .withIndex("by_userId_and_pathId", (q) => q.eq("userId", learner))
      .collect(),
  }));
}

const view = async (t: T, learner: Id<"users">) => (await as(t, learner).query(api.paths.following.list, {}))[0];

describe("#19 subscribing to a path", () => {
  test("Checkout in subscription mode for the monthly price; the first payment creates exactly one path enrollment; replays change nothing", async () => {
    const t = newTest();
    const { world, learner, purchaseId, sessionId, status } = await subscriber(t);
    expect(status).toMatchObject({ state: "ready", subscription: true, amountCents: MONTHLY });
    const create = stripe.calls.filter((c) => c.path === "/v1/checkout/sessions" && c.method === "POST");
    expect(create).toHaveLength(1);
    expect(create[0].idempotencyKey).toBe(`path-subscription-session-${purchaseId}`);
    expect(Object.fromEntries(create[0].params)).toMatchObject({
      mode: "subscription",
      "line_items[0][price_data][unit_amount]": String(MONTHLY),
      "line_items[0][price_data][currency]": "usd",
      "line_items[0][price_data][recurring][interval]": "month",
      "line_items[0][price_data][product_data][name]": "Test Track (monthly)",
      "metadata[pathPurchaseId]": purchaseId,
      "subscription_data[metadata][pathPurchaseId]": purchaseId,
      customer_email: "subscriber@example.com",
    });
    expect(create[0].params.has("payment_intent_data[metadata][pathPurchaseId]")).toBe(false);

    const { o, periodEnd } = await startPaid(t, purchaseId, sessionId);
    const started = await state(t, learner, purchaseId);
    expect(started.enrollments).toHaveLength(1);
    expect(started.enrollments[0]).toMatchObject({
      paymentType: "subscription",
      status: "active",
      purchaseId,
      stripeSubscriptionId: SUBSCRIPTION,
    });
    expect(started.enrollments[0].expiresAt).toBeUndefined();
    expect(started.purchase).toMatchObject({
      status: "completed",
      subscriptionStatus: "active",
      cancelAtPeriodEnd: false,
    });
    expect(started.purchase.currentPeriodEnd).toBe(seconds(periodEnd) * 1000);
    expect((await view(t, learner)).subscription).toEqual({
      status: "active",
      monthlyPriceCents: MONTHLY,
      currency: "usd",
      currentPeriodEnd: seconds(periodEnd) * 1000,
      cancelAtPeriodEnd: false,
    });
    expect((await view(t, learner)).steps.map((s) => s.state)).toEqual(["open", "locked"]);
    const welcome = (await mailTo(t, "subscriber@example.com")).filter((m) => m.subject.startsWith("You're enrolled"));
    expect(welcome).toHaveLength(1);
    expect(welcome[0].text).toContain("Your subscription is $199 a month");
    expect(await as(t, learner).query(api.paths.checkout.status, { purchaseId })).toMatchObject({ state: "paid" });

    // Every event again, under its own id and under new ids: nothing changes, nobody is told anything twice.
    const titles = await notificationTitles(t, learner);
    const mail = await mailTo(t, "subscriber@example.com");
    for (const suffix of ["", "_again"]) {
      await deliver(t, "customer.subscription.created", o.subscription({ periodEnd }), {
        id: `evt_sub_created${suffix}`,
      });
      await deliver(t, "invoice.paid", o.invoice("in_first", { paid: true, periodEnd }), {
        id: `evt_first_paid${suffix}`,
      });
      await deliver(t, "checkout.session.completed", o.checkout(), { id: `evt_checkout_done${suffix}` });
    }
    await runScheduled(t);
    const after = await state(t, learner, purchaseId);
    expect(after.enrollments).toEqual(started.enrollments);
    expect({ ...after.purchase, stripeStateAt: 0, updatedAt: 0 }).toEqual({
      ...started.purchase,
      stripeStateAt: 0,
      updatedAt: 0,
    });
    expect(await notificationTitles(t, learner)).toEqual(titles);
    expect(await mailTo(t, "subscriber@example.com")).toHaveLength(mail.length);
    await expectAppError(
      as(t, learner).mutation(api.paths.checkout.subscribe, { pathId: world.pathId }),
      "ALREADY_IN_PATH",
    );
  });

  test("in whatever order Stripe's events come, the subscription starts once; an event older than the state applied changes nothing", async () => {
    const t = newTest();
    const { learner, purchaseId, sessionId } = await subscriber(t);
    const o = objects(purchaseId, sessionId);
    const periodEnd = Date.now() + 30 * DAY;
    const now = seconds(Date.now());
    // The first invoice's event overtakes the Checkout's: it starts the subscription; the Checkout's then changes nothing.
    await deliver(t, "invoice.paid", o.invoice("in_first", { paid: true, periodEnd }), { created: now });
    expect((await state(t, learner, purchaseId)).enrollments).toHaveLength(1);
    await deliver(t, "checkout.session.completed", o.checkout(), { created: now });
    expect((await state(t, learner, purchaseId)).enrollments).toHaveLength(1);

    await deliver(t, "customer.subscription.updated", o.subscription({ periodEnd, cancel: true }), {
      created: now + 10,
    });
    // An update Stripe made earlier, delivered late, is not news.
    await deliver(t, "customer.subscription.updated", o.subscription({ periodEnd, cancel: false }), {
      created: now + 5,
    });
    const { purchase, enrollments } = await state(t, learner, purchaseId);
    expect(purchase.cancelAtPeriodEnd).toBe(true);
    expect(enrollments[0].expiresAt).toBe(seconds(periodEnd) * 1000);
    const outcomes = await t.run(async (ctx) => (await ctx.db.query("stripeEvents").collect()).map((e) => e.outcome));
    expect(outcomes).toEqual([
      "subscription started",
      "subscription already started",
      "subscription active",
      "ignored: older than the subscription's state",
    ]);
  });

  test("a failed renewal pauses the path (nothing opens, no seat), told once; paying the open invoice resumes it and opens what came due", async () => {
    const t = newTest();
    const { world, learner, purchaseId, sessionId } = await subscriber(t, [
      { unlockRule: "immediate" },
      { unlockRule: "after_days", days: 3 },
    ]);
    const { o, periodEnd } = await startPaid(t, purchaseId, sessionId);
    const pathEnrollmentId = (await state(t, learner, purchaseId)).enrollments[0]._id;

    await runScheduled(t, 2 * DAY);
    await deliver(
      t,
      "invoice.payment_failed",
      o.invoice("in_renewal", { paid: false, periodEnd: periodEnd + 30 * DAY }),
    );
    await deliver(t, "customer.subscription.updated", o.subscription({ status: "past_due", periodEnd }));
    await runScheduled(t);
    expect((await state(t, learner, purchaseId)).enrollments[0].status).toBe("paused");
    expect((await view(t, learner)).subscription).toMatchObject({
      status: "past_due",
      openInvoiceUrl: "https://invoice.stripe.com/i/in_renewal",
    });
    const failedTitle = "Your payment for the Test Track did not go through";
    expect((await notificationTitles(t, learner)).filter((n) => n === failedTitle)).toHaveLength(1);
    expect((await mailTo(t, "subscriber@example.com")).filter((m) => m.subject === failedTitle)).toHaveLength(1);
    await expectAppError(
      as(t, learner).mutation(api.paths.seats.take, {
        pathEnrollmentId,
        stepId: world.stepIds[0],
        cohortId: world.cohortIds[0],
      }),
      "ENROLLMENT_NOT_ACTIVE",
    );

    // Day 3 comes while paused: step 2 stays locked.
    await runScheduled(t, 2 * DAY);
    await t.mutation(internal.paths.unlocks.sweep, {});
    expect((await view(t, learner)).steps.map((s) => s.state)).toEqual(["open", "locked"]);

    // The learner pays the open invoice: the path resumes, step 2 opens now, and the paid-up date moves on.
    await deliver(t, "invoice.paid", o.invoice("in_renewal", { paid: true, periodEnd: periodEnd + 30 * DAY }));
    await runScheduled(t);
    const resumed = await view(t, learner);
    expect(resumed.status).toBe("active");
    expect(resumed.steps.map((s) => s.state)).toEqual(["open", "open"]);
    expect(resumed.subscription).toEqual({
      status: "active",
      monthlyPriceCents: MONTHLY,
      currency: "usd",
      currentPeriodEnd: seconds(periodEnd + 30 * DAY) * 1000,
      cancelAtPeriodEnd: false,
    });
    expect(await notificationTitles(t, learner)).toContain("Your Test Track is active again");
  });

  test("cancelling ends access at the period's end: Stripe is asked, the learner keeps the path to that day, the sweep ends it before Stripe's last event, which changes nothing more", async () => {
    const t = newTest();
    const { world, learner, purchaseId, sessionId } = await subscriber(t);
    const { o, periodEnd } = await startPaid(t, purchaseId, sessionId);
    const pathEnrollmentId = (await state(t, learner, purchaseId)).enrollments[0]._id;
    const paidUntil = seconds(periodEnd) * 1000;

    await as(t, learner).action(api.paths.subscriptions.setCancellation, {
      pathEnrollmentId,
      cancelAtPeriodEnd: true,
    });
    const asked = stripe.calls.filter((c) => c.path === `/v1/subscriptions/${SUBSCRIPTION}`);
    expect(asked).toHaveLength(1);
    expect(asked[0].method).toBe("POST");
    expect(asked[0].params.get("cancel_at_period_end")).toBe("true");
    expect(asked[0].idempotencyKey).toMatch(new RegExp(`^path-subscription-cancel-${purchaseId}-\\d+$`));
    expect((await view(t, learner)).subscription).toMatchObject({
      cancelAtPeriodEnd: true,
      currentPeriodEnd: paidUntil,
    });
    expect((await view(t, learner)).expiresAt).toBe(paidUntil);
    // Stripe's own event says the same: nobody is told twice.
    await deliver(t, "customer.subscription.updated", o.subscription({ periodEnd, cancel: true }));
    await runScheduled(t);
    const endsTitle = (await notificationTitles(t, learner)).filter((n) => n.includes("subscription ends on"));
    expect(endsTitle).toHaveLength(1);

    // Changed their mind, then cancelled again.
    await as(t, learner).action(api.paths.subscriptions.setCancellation, {
      pathEnrollmentId,
      cancelAtPeriodEnd: false,
    });
    expect((await view(t, learner)).expiresAt).toBeUndefined();
    expect(await notificationTitles(t, learner)).toContain("Your Test Track subscription continues");
    await as(t, learner).action(api.paths.subscriptions.setCancellation, {
      pathEnrollmentId,
      cancelAtPeriodEnd: true,
    });

    // The period ends: the sweep ends access even before Stripe's last event.
    vi.advanceTimersByTime(paidUntil - Date.now() + 1000);
    expect(await t.mutation(internal.paths.unlocks.sweep, {})).toMatchObject({ expired: 1 });
    expect((await view(t, learner)).status).toBe("expired");
    await expectAppError(
      as(t, learner).mutation(api.paths.seats.take, {
        pathEnrollmentId,
        stepId: world.stepIds[0],
        cohortId: world.cohortIds[0],
      }),
      "ENROLLMENT_NOT_ACTIVE",
    );
    await deliver(
      t,
      "customer.subscription.deleted",
      o.subscription({ status: "canceled", periodEnd, cancel: true, endedAt: paidUntil }),
    );
    await runScheduled(t);
    const ended = await state(t, learner, purchaseId);
    expect(ended.purchase.subscriptionStatus).toBe("ended");
    expect(ended.enrollments[0].status).toBe("expired");
    expect(
      (await notificationTitles(t, learner)).filter((n) => n === "Your access to the Test Track has ended"),
    ).toHaveLength(1);
    await expectAppError(
      as(t, learner).action(api.paths.subscriptions.setCancellation, { pathEnrollmentId, cancelAtPeriodEnd: false }),
      "INVALID_INPUT",
    );
  });

  test("a lapse ends access: Stripe gives up a failed renewal and the path ends; no late or replayed event brings it back; subscribing again starts anew", async () => {
    const t = newTest();
    const { world, learner, purchaseId, sessionId } = await subscriber(t);
    const { o, periodEnd } = await startPaid(t, purchaseId, sessionId);
    await deliver(
      t,
      "invoice.payment_failed",
      o.invoice("in_renewal", { paid: false, periodEnd: periodEnd + 30 * DAY }),
    );
    const pastDue = seconds(Date.now());
    await deliver(t, "customer.subscription.updated", o.subscription({ status: "past_due", periodEnd }), {
      created: pastDue,
    });
    expect((await view(t, learner)).status).toBe("paused");
    vi.advanceTimersByTime(10_000);
    await deliver(
      t,
      "customer.subscription.deleted",
      o.subscription({ status: "canceled", periodEnd, endedAt: Date.now() }),
    );
    await runScheduled(t);
    const lapsed = await view(t, learner);
    expect(lapsed.status).toBe("expired");
    expect(lapsed.subscription).toMatchObject({ status: "ended" });
    expect(await notificationTitles(t, learner)).toContain("Your access to the Test Track has ended");

    const before = await state(t, learner, purchaseId);
    // Late and replayed news: an active update, the first invoice, the Checkout — the subscription stays over.
    await deliver(t, "customer.subscription.updated", o.subscription({ status: "active", periodEnd }));
    await deliver(t, "invoice.paid", o.invoice("in_first", { paid: true, periodEnd }));
    await deliver(t, "checkout.session.completed", o.checkout());
    await runScheduled(t);
    const after = await state(t, learner, purchaseId);
    expect(after.enrollments).toEqual(before.enrollments);
    expect(after.purchase.subscriptionStatus).toBe("ended");
    expect(after.purchase.endedAt).toBe(before.purchase.endedAt);

    // The path is open to subscribe again: a new purchase.
    const again = await as(t, learner).mutation(api.paths.checkout.subscribe, { pathId: world.pathId });
    expect(again).not.toBe(purchaseId);
  });

  test("a first payment of another amount is listed for review, without a path enrollment, and the subscription is cancelled at once", async () => {
    const t = newTest();
    const { learner, purchaseId, sessionId } = await subscriber(t);
    await deliver(t, "checkout.session.completed", objects(purchaseId, sessionId).checkout(100));
    await runScheduled(t);
    const { purchase, enrollments } = await state(t, learner, purchaseId);
    expect(enrollments).toHaveLength(0);
    expect(purchase).toMatchObject({ status: "failed", subscriptionStatus: "ended" });
    expect(await as(t, learner).query(api.paths.checkout.status, { purchaseId })).toMatchObject({
      state: "ended",
      message: expect.stringContaining("does not match"),
    });
    const reviews = await t.run(async (ctx) => ctx.db.query("paymentReviews").collect());
    expect(reviews).toEqual([
      expect.objectContaining({ reason: "amount_mismatch", amountCents: 100, expectedAmountCents: MONTHLY }),
    ]);
    const cancelled = stripe.calls.filter(
      (c) => c.path === `/v1/subscriptions/${SUBSCRIPTION}` && c.method === "DELETE",
    );
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].idempotencyKey).toBe(`path-subscription-end-${purchaseId}`);
  });
});

describe("#19 a subscriber's erasure", () => {
  test("erasing a subscriber's data cancels their path subscription in Stripe, so nothing more is charged", async () => {
    const t = newTest();
    const { learner, purchaseId, sessionId } = await subscriber(t);
    await startPaid(t, purchaseId, sessionId);
    const admin = await addPerson(t, "dpo@example.com", { role: "platform_admin" });
    await as(t, learner).mutation(api.privacy.erasure.request, { certificates: "keep" });
    const requestId = (await as(t, admin).query(api.privacy.erasure.queue, {})).open[0]._id;
    await as(t, admin).mutation(api.privacy.erasure.carryOut, { requestId });
    for (let i = 0; i < 50; i++) {
      const request = await t.run(async (ctx) => ctx.db.get("erasureRequests", requestId));
      if (request?.status === "completed") break;
      await t.mutation(internal.privacy.erasure.runStep, { requestId });
    }
    await runScheduled(t);
    const cancelled = stripe.calls.filter(
      (c) => c.path === `/v1/subscriptions/${SUBSCRIPTION}` && c.method === "DELETE",
    );
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].idempotencyKey).toBe(`path-subscription-end-${purchaseId}`);
  });
});

describe("#19 publishing a subscription", () => {
  test("a subscription-priced path needs a monthly price; the catalogue shows it", async () => {
    const t = newTest();
    const world = await seedPath(t, [{ unlockRule: "immediate" }], { pricing: "subscription", isActive: false });
    const admin = await addPerson(t, "admin@example.com", { role: "platform_admin" });
    const fields = {
      pathId: world.pathId,
      title: "Test Track",
      slug: world.slug,
      shortDescription: "Tests",
      description: "A path for tests.",
      audience: "individual" as const,
      estimatedDuration: "4 weeks",
      totalHours: 32,
      outcomes: [],
      skillIds: [],
      pricingModel: "subscription" as const,
      isActive: true,
      isFeatured: false,
      sortOrder: 1,
    };
    await expectAppError(as(t, admin).mutation(api.paths.authoring.save, fields), "INVALID_INPUT");
    await as(t, admin).mutation(api.paths.authoring.save, { ...fields, subscriptionPrice: 24_900 });
    const page = (await t.query(api.paths.catalog.get, { slug: world.slug }))!;
    expect(page.price).toMatchObject({ model: "subscription", monthlyPriceCents: 24_900 });
  });
});
