/**
 * A payment is matched to a seat only when it is the enrollment's own Checkout
 * Session for the price charged; everything else goes to the admins' review
 * list. Refunds end access only when they are full.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { HOLD_MS } from "../../convex/payments/model/checkout";
import {
  as,
  cohortState,
  deliver,
  enrollConfirmed,
  openCheckout,
  runScheduled,
  seedCohort,
  type T,
  useStripeTestEnvironment,
} from "./checkout-helpers";
import { addPlatformAdmin, insertAnotherCohort } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { seedOrg } from "./org-helpers";

const stripe = useStripeTestEnvironment();
const PRICE = 149_700;

const session = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  object: "checkout.session",
  payment_status: "paid",
  amount_total: PRICE,
  currency: "usd",
  ...fields,
});

async function outcome(response: Response) {
  return ((await response.json()) as { outcome: string }).outcome;
}

/** Cohort seats counted == enrollments holding a seat (plus offers, none here). */
async function expectSeatInvariant(t: T, cohortId: Id<"cohorts">) {
  const { cohort, seatsHeld } = await cohortState(t, cohortId);
  expect(cohort.currentEnrollment).toBe(seatsHeld);
}

describe("#15.10 matching a payment to a seat", () => {
  test("#15.10 a payment on another Checkout Session that names the enrollment confirms nothing and goes to review", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);

    // E.g. a $1 Payment Link on the same Stripe account, opened with ?client_reference_id=<enrollment>.
    const forged = await deliver(
      t,
      "checkout.session.completed",
      session("cs_other_product", { client_reference_id: enrollmentId, amount_total: 100, payment_intent: "pi_cheap" }),
    );
    expect(await outcome(forged)).toBe("review: unknown_session");
    await runScheduled(t, 1000);
    // The same trick with the right amount, or with our metadata, is refused as well.
    const copied = await deliver(
      t,
      "checkout.session.completed",
      session("cs_copied", { metadata: { enrollmentId }, payment_intent: "pi_copied" }),
    );
    expect(await outcome(copied)).toBe("review: unknown_session");
    // A session that claims none of our enrollments belongs to something else on the account.
    const unrelated = await deliver(
      t,
      "checkout.session.completed",
      session("cs_unrelated", { client_reference_id: "order-42", payment_intent: "pi_other" }),
    );
    expect(await outcome(unrelated)).toBe("ignored: unknown checkout session");

    const state = await cohortState(t, cohortId);
    expect(state.enrollments[0]).toMatchObject({ paymentStatus: "pending", stripeCheckoutSessionId: sessionId });
    expect(state.enrollments[0].stripePaymentIntentId).toBeUndefined();
    await expectSeatInvariant(t, cohortId);

    const ops = as(t, await addPlatformAdmin(t));
    const reviews = await ops.query(api.payments.reviews.list, {});
    expect(
      reviews.open.map((r) => [
        r.reason,
        r.stripeCheckoutSessionId,
        r.stripePaymentIntentId,
        r.amountCents,
        r.currency,
        r.enrollmentId,
      ]),
    ).toEqual([
      ["unknown_session", "cs_copied", "pi_copied", PRICE, "usd", enrollmentId],
      ["unknown_session", "cs_other_product", "pi_cheap", 100, "usd", enrollmentId],
    ]);
    expect(reviews.open[0]).toMatchObject({
      learnerEmail: "buyer0@example.com",
      cohortName: "December cohort",
      refundable: true,
    });

    // The real session still confirms the seat.
    expect(
      await outcome(await deliver(t, "checkout.session.completed", session(sessionId, { payment_intent: "pi_real" }))),
    ).toBe("confirmed");
    await expectSeatInvariant(t, cohortId);
  });

  test("#15.10 the enrollment's own session paid with another amount or currency confirms nothing, releases the seat and is reviewed", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { buyers: 2 });
    const cheap = await openCheckout(t, buyers[0], cohortId);
    const euros = await openCheckout(t, buyers[1], cohortId);

    // A delayed payment of the wrong amount does not keep the seat past the hold.
    expect(
      await outcome(
        await deliver(
          t,
          "checkout.session.completed",
          session(cheap.sessionId, { amount_total: 100, payment_status: "unpaid" }),
        ),
      ),
    ).toBe("ignored: amount or currency does not match");
    expect((await cohortState(t, cohortId)).enrollments[0]).toMatchObject({ paymentStatus: "pending", seatHeld: true });
    expect((await cohortState(t, cohortId)).enrollments[0].awaitingAsyncPayment).toBeUndefined();

    expect(
      await outcome(
        await deliver(
          t,
          "checkout.session.async_payment_succeeded",
          session(cheap.sessionId, { amount_total: 100, payment_intent: "pi_cheap" }),
        ),
      ),
    ).toBe("review: amount_mismatch");
    await runScheduled(t, 1000);
    expect(
      await outcome(
        await deliver(
          t,
          "checkout.session.completed",
          session(euros.sessionId, { currency: "eur", payment_intent: "pi_eur" }),
        ),
      ),
    ).toBe("review: currency_mismatch");
    const state = await cohortState(t, cohortId);
    expect(
      state.enrollments.map((e) => [e.paymentStatus, e.failureReason, e.seatHeld, e.stripePaymentIntentId ?? null]),
    ).toEqual([
      ["failed", "payment_under_review", false, null],
      ["failed", "payment_under_review", false, null],
    ]);
    expect(state.cohort.currentEnrollment).toBe(0);
    await expectSeatInvariant(t, cohortId);
    expect(
      await as(t, buyers[0]).query(api.payments.checkout.status, { enrollmentId: cheap.enrollmentId }),
    ).toMatchObject({
      state: "ended",
      message: "We received a payment that does not match this purchase. Our team will review it and contact you.",
    });

    const ops = as(t, await addPlatformAdmin(t));
    const reviews = await ops.query(api.payments.reviews.list, {});
    expect(
      reviews.open.map((r) => [
        r.reason,
        r.amountCents,
        r.currency,
        r.expectedAmountCents,
        r.expectedCurrency,
        r.enrollmentId,
      ]),
    ).toEqual([
      ["currency_mismatch", PRICE, "eur", PRICE, "usd", euros.enrollmentId],
      ["amount_mismatch", 100, "usd", PRICE, "usd", cheap.enrollmentId],
    ]);
  });

  test("#15.10 a verified payment for an enrollment that cannot take a seat is refunded automatically and listed", async () => {
    const t = newTest();
    const { cohortId, courseId, buyers } = await seedCohort(t, { buyers: 2 });
    // Buyer 0's hold ends; meanwhile they get a seat in another cohort of the course.
    const late = await openCheckout(t, buyers[0], cohortId);
    await runScheduled(t, HOLD_MS + 1000);
    const other = await t.run((ctx) =>
      insertAnotherCohort(ctx, cohortId, { name: "February cohort", currentEnrollment: 1 }),
    );
    await enrollConfirmed(t, { userId: buyers[0], cohortId: other, courseId });
    stripe.calls.length = 0;

    const response = await deliver(
      t,
      "checkout.session.completed",
      session(late.sessionId, { payment_intent: "pi_late" }),
    );
    expect(await outcome(response)).toBe("review: already_enrolled (refunded automatically)");
    await runScheduled(t);
    const refund = stripe.calls.find((c) => c.path === "/v1/refunds");
    expect(refund?.params.get("payment_intent")).toBe("pi_late");
    const state = await cohortState(t, cohortId);
    expect(state.enrollments[0]).toMatchObject({ paymentStatus: "failed", seatHeld: false });
    expect(state.cohort.currentEnrollment).toBe(0);
    await expectSeatInvariant(t, cohortId);

    // A second payment for an enrollment that is already paid is refunded the same way.
    const paid = await openCheckout(t, buyers[1], cohortId);
    await deliver(t, "checkout.session.completed", session(paid.sessionId, { payment_intent: "pi_first" }));
    await runScheduled(t, 1000);
    expect(
      await outcome(
        await deliver(t, "checkout.session.completed", session(paid.sessionId, { payment_intent: "pi_second" })),
      ),
    ).toBe("review: duplicate_payment (refunded automatically)");
    expect((await cohortState(t, cohortId)).enrollments.find((e) => e.userId === buyers[1])).toMatchObject({
      paymentStatus: "completed",
      stripePaymentIntentId: "pi_first",
    });

    const ops = as(t, await addPlatformAdmin(t));
    const reviews = await ops.query(api.payments.reviews.list, {});
    expect(reviews.open).toEqual([]);
    expect(reviews.resolved.map((r) => [r.reason, r.resolution, r.stripePaymentIntentId])).toEqual([
      ["duplicate_payment", "refunded", "pi_second"],
      ["already_enrolled", "refunded", "pi_late"],
    ]);
  });

  test("#15.10 platform admins refund a reviewed payment through Stripe or mark it resolved; nobody else can", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(
      t,
      "checkout.session.completed",
      session("cs_a", { client_reference_id: enrollmentId, amount_total: 100, payment_intent: "pi_a" }),
    );
    await runScheduled(t, 1000);
    await deliver(
      t,
      "checkout.session.completed",
      session("cs_b", { client_reference_id: enrollmentId, amount_total: 200, payment_intent: "pi_b" }),
    );
    const ops = as(t, await addPlatformAdmin(t));
    const [second, first] = (await ops.query(api.payments.reviews.list, {})).open;

    for (const caller of [t, as(t, buyers[0])]) {
      const code = caller === t ? "NOT_SIGNED_IN" : "NOT_PLATFORM_ADMIN";
      await expectAppError(caller.query(api.payments.reviews.list, {}), code);
      await expectAppError(caller.mutation(api.payments.reviews.resolve, { reviewId: first._id, note: "x" }), code);
      await expectAppError(caller.action(api.payments.refunds.refundPaymentReview, { reviewId: first._id }), code);
    }

    stripe.calls.length = 0;
    await ops.action(api.payments.refunds.refundPaymentReview, {
      reviewId: first._id,
      note: "  Not a purchase we offer.  ",
    });
    const refund = stripe.calls.find((c) => c.path === "/v1/refunds")!;
    expect(refund.params.get("payment_intent")).toBe("pi_a");
    expect(refund.params.get("metadata[paymentReviewId]")).toBe(first._id);
    expect(refund.idempotencyKey).toBe(`refund-review-${first._id}`);
    await expectAppError(
      ops.action(api.payments.refunds.refundPaymentReview, { reviewId: first._id }),
      "INVALID_INPUT",
    );
    await deliver(t, "charge.refunded", {
      id: "ch_a",
      object: "charge",
      payment_intent: "pi_a",
      amount: 100,
      amount_refunded: 100,
      refunded: true,
      currency: "usd",
    });

    await expectAppError(
      ops.mutation(api.payments.reviews.resolve, { reviewId: second._id, note: "   " }),
      "INVALID_INPUT",
    );
    await expectAppError(
      ops.mutation(api.payments.reviews.resolve, { reviewId: second._id, note: "x".repeat(501) }),
      "INVALID_INPUT",
    );
    await runScheduled(t, 1000);
    await ops.mutation(api.payments.reviews.resolve, {
      reviewId: second._id,
      note: "Customer asked to keep it as credit.",
    });
    await expectAppError(
      ops.mutation(api.payments.reviews.resolve, { reviewId: second._id, note: "again" }),
      "INVALID_INPUT",
    );

    const reviews = await ops.query(api.payments.reviews.list, {});
    expect(reviews.open).toEqual([]);
    expect(
      reviews.resolved.map((r) => [
        r.stripePaymentIntentId,
        r.resolution,
        r.note,
        r.resolvedByName,
        r.refundedCents ?? null,
      ]),
    ).toEqual([
      ["pi_b", "no_refund", "Customer asked to keep it as credit.", "Ops", null],
      ["pi_a", "refunded", "Not a purchase we offer.", "Ops", 100],
    ]);
    // Refunding a reviewed payment never touches the enrollment it claimed.
    expect((await cohortState(t, cohortId)).enrollments[0]).toMatchObject({ paymentStatus: "pending", seatHeld: true });
    await expectSeatInvariant(t, cohortId);
  });
});

describe("#15.10 seat invoices", () => {
  test("#15.10 a seat invoice adds seats only when it is the purchase's own invoice, paid in full in our currency", async () => {
    const t = newTest();
    const { organizationId, adminId, courseId } = await seedOrg(t, { seats: 0 });
    const purchaseId = await as(t, adminId).mutation(api.payments.seatInvoices.buySeats, {
      organizationId,
      courseId,
      seats: 2,
    });
    await runScheduled(t);
    const invoiceId = (await t.run(async (ctx) => ctx.db.get("seatPurchases", purchaseId)))!.stripeInvoiceId!;
    const invoice = (id: string, fields: Record<string, unknown> = {}) => ({
      id,
      object: "invoice",
      metadata: { purchaseId },
      amount_paid: 2 * 119_700,
      currency: "usd",
      ...fields,
    });

    // Another invoice naming the purchase in its metadata, or the right invoice paid short or in another currency, adds
    // nothing.
    expect(await outcome(await deliver(t, "invoice.paid", invoice("in_someone_else")))).toBe("review: unknown_invoice");
    await runScheduled(t, 1000);
    expect(await outcome(await deliver(t, "invoice.payment_failed", invoice("in_someone_else")))).toBe(
      "ignored: not this purchase's invoice",
    );
    expect(await outcome(await deliver(t, "invoice.paid", invoice(invoiceId, { amount_paid: 100 })))).toBe(
      "review: amount_mismatch",
    );
    await runScheduled(t, 1000);
    expect(await outcome(await deliver(t, "invoice.paid", invoice(invoiceId, { currency: "eur" })))).toBe(
      "review: currency_mismatch",
    );
    const before = (await t.run(async (ctx) => ctx.db.get("organizations", organizationId)))!;
    expect(before).toMatchObject({ seatsPurchased: 0 });
    expect(before.graceEndsAt).toBeUndefined();
    expect(await t.run(async (ctx) => ctx.db.get("seatPurchases", purchaseId))).toMatchObject({ status: "open" });

    expect(await outcome(await deliver(t, "invoice.paid", invoice(invoiceId)))).toBe("2 seats added");
    expect(await t.run(async (ctx) => ctx.db.get("organizations", organizationId))).toMatchObject({
      seatsPurchased: 2,
    });

    const ops = as(t, await addPlatformAdmin(t));
    const reviews = await ops.query(api.payments.reviews.list, {});
    expect(
      reviews.open.map((r) => [
        r.reason,
        r.stripeInvoiceId,
        r.amountCents,
        r.currency,
        r.expectedAmountCents,
        r.organizationName,
      ]),
    ).toEqual([
      ["currency_mismatch", invoiceId, 2 * 119_700, "eur", 2 * 119_700, "Acme"],
      ["amount_mismatch", invoiceId, 100, "usd", 2 * 119_700, "Acme"],
      ["unknown_invoice", "in_someone_else", 2 * 119_700, "usd", 2 * 119_700, "Acme"],
    ]);
  });
});

describe("#15.11 refunds", () => {
  test("#15.11 a partial refund keeps access and the seat, is recorded and shown to admins; a full refund then ends access", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(sessionId, { payment_intent: "pi_partial" }));
    const charge = { id: "ch_p", object: "charge", payment_intent: "pi_partial", amount: PRICE, currency: "usd" };

    expect(
      await outcome(await deliver(t, "charge.refunded", { ...charge, amount_refunded: 50_000, refunded: false })),
    ).toBe("partially refunded");
    // Out-of-order deliveries never lower the recorded amount.
    await deliver(t, "charge.refunded", { ...charge, amount_refunded: 70_000, refunded: false });
    await deliver(t, "charge.refunded", { ...charge, amount_refunded: 50_000, refunded: false });
    await runScheduled(t);
    const state = await cohortState(t, cohortId);
    expect(state.enrollments[0]).toMatchObject({
      paymentStatus: "completed",
      seatHeld: true,
      amountRefundedCents: 70_000,
    });
    expect(state.enrollments[0].materialsAccessUntil).toBeGreaterThan(Date.now());
    expect(state.cohort.currentEnrollment).toBe(1);
    expect(await as(t, buyers[0]).query(api.payments.checkout.myCohortState, { cohortId })).toMatchObject({
      state: "paid",
    });

    const ops = as(t, await addPlatformAdmin(t));
    expect((await ops.query(api.enrollments.roster.forCohort, { cohortId }))[0]).toMatchObject({
      _id: enrollmentId,
      paymentStatus: "completed",
      amountCents: PRICE,
      amountRefundedCents: 70_000,
      refundable: true,
    });

    expect(
      await outcome(await deliver(t, "charge.refunded", { ...charge, amount_refunded: PRICE, refunded: true })),
    ).toBe("refunded");
    const after = await cohortState(t, cohortId);
    expect(after.enrollments[0]).toMatchObject({
      paymentStatus: "refunded",
      seatHeld: false,
      amountRefundedCents: PRICE,
    });
    expect(after.cohort.currentEnrollment).toBe(0);
  });

  test("a refund reason is trimmed, held to one line and sent to Stripe", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(sessionId, { payment_intent: "pi_r" }));
    const ops = as(t, await addPlatformAdmin(t));
    await expectAppError(
      ops.action(api.payments.refunds.refundEnrollment, { enrollmentId, note: "x".repeat(501) }),
      "INVALID_INPUT",
    );
    stripe.calls.length = 0;
    await ops.action(api.payments.refunds.refundEnrollment, { enrollmentId, note: " Cohort date no longer works. " });
    expect(stripe.calls.find((c) => c.path === "/v1/refunds")?.params.get("metadata[note]")).toBe(
      "Cohort date no longer works.",
    );
    expect((await ops.query(api.enrollments.roster.forCohort, { cohortId }))[0]).toMatchObject({
      refundNote: "Cohort date no longer works.",
    });
  });
});
