import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import { HOLD_MS } from "../../convex/payments/model/checkout";
import {
  as,
  cohortState,
  deliver,
  openCheckout,
  runScheduled,
  seedCohort,
  useStripeTestEnvironment,
} from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";

const stripe = useStripeTestEnvironment();

describe("reserving a seat and creating the Stripe Checkout Session", () => {
  test("holds the seat and sends Stripe exactly the expected request", async () => {
    const t = newTest();
    const { cohortId, buyers, courseId } = await seedCohort(t);
    const before = Date.now();
    const enrollmentId = await as(t, buyers[0]).mutation(api.payments.checkout.reserve, { cohortId });
    const held = await cohortState(t, cohortId);
    expect(held.cohort.currentEnrollment).toBe(1);
    expect(held.enrollments[0]).toMatchObject({ paymentStatus: "pending", seatHeld: true, amountCents: 149_700 });
    expect(await as(t, buyers[0]).query(api.payments.checkout.status, { enrollmentId })).toMatchObject({
      state: "creating_session",
    });

    await runScheduled(t);
    const create = stripe.calls.filter((c) => c.path === "/v1/checkout/sessions" && c.method === "POST");
    expect(create).toHaveLength(1);
    const p = create[0].params;
    expect(create[0].idempotencyKey).toBe(`checkout-session-${enrollmentId}`);
    expect(Object.fromEntries(p)).toMatchObject({
      mode: "payment",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][currency]": "usd",
      "line_items[0][price_data][unit_amount]": "149700",
      "line_items[0][price_data][product_data][name]": "AI Enablement Intensive",
      customer_email: "buyer0@example.com",
      client_reference_id: enrollmentId,
      "metadata[enrollmentId]": enrollmentId,
      "metadata[cohortId]": cohortId,
      "metadata[courseId]": courseId,
      success_url: "https://academy.test/checkout/return?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: `https://academy.test/checkout/${enrollmentId}?cancelled=1`,
    });
    const expiresAt = Number(p.get("expires_at")) * 1000;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 60 * 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + HOLD_MS);

    const ready = await as(t, buyers[0]).query(api.payments.checkout.status, { enrollmentId });
    expect(ready).toMatchObject({ state: "ready", checkoutUrl: "https://checkout.stripe.com/c/pay/cs_test_1" });
    // Reserving again continues the same checkout instead of taking a second seat.
    expect(await as(t, buyers[0]).mutation(api.payments.checkout.reserve, { cohortId })).toBe(enrollmentId);
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(1);
  });

  test("refuses closed, started, private and already-bought cohorts with clear codes", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { capacity: 1, buyers: 2 });
    await expectAppError(t.mutation(api.payments.checkout.reserve, { cohortId }), "NOT_SIGNED_IN");
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", {
      id: sessionId,
      object: "checkout.session",
      client_reference_id: enrollmentId,
      payment_status: "paid",
      payment_intent: "pi_1",
      amount_total: 149_700,
      currency: "usd",
    });
    await expectAppError(as(t, buyers[0]).mutation(api.payments.checkout.reserve, { cohortId }), "ALREADY_ENROLLED");
    const message = await expectAppError(
      as(t, buyers[1]).mutation(api.payments.checkout.reserve, { cohortId }),
      "COHORT_FULL",
    );
    expect(message).toMatch(/waitlist/);
    await t.run(async (ctx) => ctx.db.patch("cohorts", cohortId, { status: "in_progress" }));
    await expectAppError(as(t, buyers[1]).mutation(api.payments.checkout.reserve, { cohortId }), "COHORT_NOT_OPEN");
    await t.run(async (ctx) => ctx.db.patch("cohorts", cohortId, { status: "open", isB2B: true }));
    await expectAppError(as(t, buyers[1]).mutation(api.payments.checkout.reserve, { cohortId }), "FORBIDDEN");
  });

  test("a learner cannot read another learner's checkout", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const enrollmentId = await as(t, buyers[0]).mutation(api.payments.checkout.reserve, { cohortId });
    expect(await as(t, buyers[1]).query(api.payments.checkout.status, { enrollmentId })).toBeNull();
    expect(await t.query(api.payments.checkout.status, { enrollmentId })).toBeNull();
    await expectAppError(as(t, buyers[1]).mutation(api.payments.checkout.cancel, { enrollmentId }), "NOT_FOUND");
  });

  test("a Stripe failure releases the seat and says so", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    const enrollmentId = await as(t, buyers[0]).mutation(api.payments.checkout.reserve, { cohortId });
    await runScheduled(t);
    expect(await as(t, buyers[0]).query(api.payments.checkout.status, { enrollmentId })).toMatchObject({
      state: "ended",
      failureReason: "checkout_error",
      message: "We could not start the payment. Your seat was released; please try again.",
    });
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(0);
  });
});

describe("hold expiry and cancellation", () => {
  test("an unpaid hold gives its seat back when it ends, and Stripe's session is closed", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId } = await openCheckout(t, buyers[0], cohortId);
    await runScheduled(t, HOLD_MS - 60_000);
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(1);
    await runScheduled(t, 61_000);
    const after = await cohortState(t, cohortId);
    expect(after.cohort.currentEnrollment).toBe(0);
    expect(after.enrollments[0]).toMatchObject({
      paymentStatus: "failed",
      failureReason: "hold_expired",
      seatHeld: false,
    });
    expect(stripe.calls.some((c) => c.path.endsWith("/expire"))).toBe(true);
    expect(await as(t, buyers[0]).query(api.payments.checkout.status, { enrollmentId })).toMatchObject({
      state: "ended",
    });
  });

  test("cancelling gives the seat back at once", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId } = await openCheckout(t, buyers[0], cohortId);
    await as(t, buyers[0]).mutation(api.payments.checkout.cancel, { enrollmentId });
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(0);
    await expectAppError(as(t, buyers[0]).mutation(api.payments.checkout.cancel, { enrollmentId }), "INVALID_INPUT");
  });

  test("releasing and reserving again in a loop stops at 30 checkouts an hour; continuing one costs nothing", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    for (let i = 0; i < 30; i += 1) {
      const enrollmentId = await as(t, buyers[0]).mutation(api.payments.checkout.reserve, { cohortId });
      // Continuing the checkout in progress is not a new one.
      expect(await as(t, buyers[0]).mutation(api.payments.checkout.reserve, { cohortId })).toBe(enrollmentId);
      await as(t, buyers[0]).mutation(api.payments.checkout.cancel, { enrollmentId });
    }
    await expectAppError(as(t, buyers[0]).mutation(api.payments.checkout.reserve, { cohortId }), "RATE_LIMITED");
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(0);
    // Another buyer is not held back by it.
    await as(t, buyers[1]).mutation(api.payments.checkout.reserve, { cohortId });
  });
});

describe("Stripe webhooks", () => {
  const paid = (sessionId: string, enrollmentId: string, intent = "pi_paid") => ({
    id: sessionId,
    object: "checkout.session",
    client_reference_id: enrollmentId,
    payment_status: "paid",
    payment_intent: intent,
    amount_total: 149_700,
    currency: "usd",
  });

  test("the same completed event delivered three times confirms once and sends one receipt", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    const responses = [];
    for (let i = 0; i < 3; i++)
      responses.push(await deliver(t, "checkout.session.completed", paid(sessionId, enrollmentId), { id: "evt_same" }));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(((await responses[2].json()) as { outcome: string }).outcome).toBe("duplicate of confirmed");
    await runScheduled(t);
    const state = await cohortState(t, cohortId);
    expect(state.cohort.currentEnrollment).toBe(1);
    expect(state.enrollments[0]).toMatchObject({
      paymentStatus: "completed",
      seatHeld: true,
      stripePaymentIntentId: "pi_paid",
    });
    expect(state.enrollments[0].holdExpiresAt).toBeUndefined();
    const receipts = await t.run(async (ctx) =>
      ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "buyer0@example.com"))
        .collect(),
    );
    expect(receipts).toHaveLength(1);
    expect(receipts[0].subject).toBe("Payment received — you're in: AI Enablement Intensive");
    expect(receipts[0].attachments?.[0]).toMatchObject({ filename: "intensive.ics", contentType: "text/calendar" });
    // The paid seat survives the hold's deadline.
    await runScheduled(t, HOLD_MS + 1000);
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(1);
  });

  test("completed then expired: the purchase stands", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", paid(sessionId, enrollmentId));
    const expired = await deliver(t, "checkout.session.expired", {
      id: sessionId,
      object: "checkout.session",
      client_reference_id: enrollmentId,
    });
    expect(((await expired.json()) as { outcome: string }).outcome).toBe("ignored: not pending");
    expect((await cohortState(t, cohortId)).enrollments[0]).toMatchObject({
      paymentStatus: "completed",
      seatHeld: true,
    });
  });

  test("expired then completed: a free seat is taken again, a full cohort means an automatic refund", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { capacity: 1 });
    const first = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.expired", {
      id: first.sessionId,
      object: "checkout.session",
      client_reference_id: first.enrollmentId,
    });
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(0);
    await deliver(t, "checkout.session.completed", paid(first.sessionId, first.enrollmentId, "pi_late"));
    expect((await cohortState(t, cohortId)).enrollments[0]).toMatchObject({
      paymentStatus: "completed",
      seatHeld: true,
    });

    // Now the cohort is full: buyer 1's late payment cannot get a seat.
    const t2 = newTest();
    const seeded = await seedCohort(t2, { capacity: 1, buyers: 2 });
    const late = await openCheckout(t2, seeded.buyers[0], seeded.cohortId);
    await deliver(t2, "checkout.session.expired", {
      id: late.sessionId,
      object: "checkout.session",
      client_reference_id: late.enrollmentId,
    });
    const winner = await openCheckout(t2, seeded.buyers[1], seeded.cohortId);
    await deliver(t2, "checkout.session.completed", paid(winner.sessionId, winner.enrollmentId, "pi_winner"));
    stripe.calls.length = 0;
    const response = await deliver(
      t2,
      "checkout.session.completed",
      paid(late.sessionId, late.enrollmentId, "pi_too_late"),
    );
    expect(((await response.json()) as { outcome: string }).outcome).toBe(
      "review: no_seat_left (refunded automatically)",
    );
    await runScheduled(t2);
    const refund = stripe.calls.find((c) => c.path === "/v1/refunds");
    expect(refund?.params.get("payment_intent")).toBe("pi_too_late");
    const review = await t2.run(async (ctx) => (await ctx.db.query("paymentReviews").collect())[0]);
    expect(review).toMatchObject({
      reason: "no_seat_left",
      status: "resolved",
      resolution: "refunded",
      enrollmentId: late.enrollmentId,
    });
    expect(refund?.idempotencyKey).toBe(`refund-review-${review._id}`);
    const state = await cohortState(t2, seeded.cohortId);
    expect(state.cohort.currentEnrollment).toBe(1);
    expect(state.seatsHeld).toBe(1);
  });

  test("a delayed payment keeps the seat past the hold, then succeeds or fails", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { buyers: 2 });
    const a = await openCheckout(t, buyers[0], cohortId);
    const b = await openCheckout(t, buyers[1], cohortId);
    for (const x of [a, b]) {
      await deliver(t, "checkout.session.completed", {
        ...paid(x.sessionId, x.enrollmentId),
        payment_status: "unpaid",
        payment_intent: `pi_${x.enrollmentId}`,
      });
    }
    await runScheduled(t, HOLD_MS + 1000);
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(2);
    await deliver(
      t,
      "checkout.session.async_payment_succeeded",
      paid(a.sessionId, a.enrollmentId, `pi_${a.enrollmentId}`),
    );
    await deliver(t, "checkout.session.async_payment_failed", {
      id: b.sessionId,
      object: "checkout.session",
      client_reference_id: b.enrollmentId,
    });
    const state = await cohortState(t, cohortId);
    expect(state.cohort.currentEnrollment).toBe(1);
    expect(state.enrollments.map((e) => [e.paymentStatus, e.failureReason ?? null])).toEqual([
      ["completed", null],
      ["failed", "payment_failed"],
    ]);
  });

  test("forged, wrongly signed and stale deliveries get 400 and change nothing", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    const event = paid(sessionId, enrollmentId);
    const wrongSecret = await deliver(t, "checkout.session.completed", event, { secret: "whsec_attacker" });
    const stale = await deliver(t, "checkout.session.completed", event, {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    const unsigned = await t.fetch("/stripe/webhook", {
      method: "POST",
      body: JSON.stringify({ id: "evt_x", type: "checkout.session.completed", data: { object: event } }),
    });
    const tampered = await (async () => {
      const payload = JSON.stringify({
        id: "evt_t",
        object: "event",
        type: "checkout.session.completed",
        data: { object: event },
      });
      const Stripe = (await import("stripe")).default;
      const header = await Stripe.webhooks.generateTestHeaderStringAsync({
        payload,
        secret: "whsec_test_secret",
        cryptoProvider: Stripe.createSubtleCryptoProvider(),
      });
      return await t.fetch("/stripe/webhook", {
        method: "POST",
        body: payload.replace("149700", "1"),
        headers: { "stripe-signature": header },
      });
    })();
    expect([wrongSecret.status, stale.status, unsigned.status, tampered.status]).toEqual([400, 400, 400, 400]);
    const state = await cohortState(t, cohortId);
    expect(state.enrollments[0].paymentStatus).toBe("pending");
    expect(await t.run(async (ctx) => (await ctx.db.query("stripeEvents").collect()).length)).toBe(0);
  });

  test("charge.refunded revokes access, frees the seat and confirms by email", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", paid(sessionId, enrollmentId, "pi_refund_me"));
    await runScheduled(t); // the receipt goes out
    const refund = {
      id: "ch_1",
      object: "charge",
      payment_intent: "pi_refund_me",
      refunded: true,
      amount_refunded: 149_700,
    };
    await deliver(t, "charge.refunded", refund);
    await deliver(t, "charge.refunded", refund); // Stripe delivers it again: still one refund, one email
    await runScheduled(t);
    const state = await cohortState(t, cohortId);
    expect(state.cohort.currentEnrollment).toBe(0);
    const enrollment = state.enrollments[0];
    expect(enrollment).toMatchObject({ paymentStatus: "refunded", seatHeld: false });
    expect(enrollment.materialsAccessUntil).toBeLessThanOrEqual(Date.now());
    expect(enrollment.officeHoursEligibleUntil).toBeLessThanOrEqual(Date.now());
    const emails = await t.run(async (ctx) =>
      ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "buyer0@example.com"))
        .collect(),
    );
    expect(emails.map((e) => e.subject)).toEqual([
      "Payment received — you're in: AI Enablement Intensive",
      "Refund confirmed: AI Enablement Intensive",
    ]);
    expect(await as(t, buyers[0]).query(api.payments.checkout.myCohortState, { cohortId })).toBeNull();
  });
});

describe("seat accounting under load", () => {
  test("200 simultaneous reservations for 20 seats: exactly 20 holds, 180 clear COHORT_FULL errors", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { capacity: 20, buyers: 200 });
    const results = await Promise.allSettled(
      buyers.map((buyer) => as(t, buyer).mutation(api.payments.checkout.reserve, { cohortId })),
    );
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(20);
    expect(rejected).toHaveLength(180);
    expect(new Set(rejected.map((r) => (r.reason as { data: { code: string } }).data.code))).toEqual(
      new Set(["COHORT_FULL"]),
    );
    const state = await cohortState(t, cohortId);
    expect(state.cohort.currentEnrollment).toBe(20);
    expect(state.seatsHeld).toBe(20);
  });
});
