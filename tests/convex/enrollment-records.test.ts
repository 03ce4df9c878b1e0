/**
 * #24 What an enrollment records, read field by field: the price and what Stripe took, the access windows a seat
 * grants, refunds whole and partial, the messages the checkout page and the roster show, and how the webhook routes
 * each event type. Written against the mutants Stryker left alive in enrollments/model/seats.ts, enrollments/model/
 * state.ts and payments/webhook.ts (docs/testing.md): each test here fails for one of them.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import {
  enrollConfirmed,
  attachCheckoutSession,
  endOfficeHoursEligibility,
} from "../../convex/enrollments/model/state";
import { liveEnrollmentInCourse, takeSeat } from "../../convex/enrollments/model/seats";
import {
  as,
  cohortState,
  deliver,
  openCheckout,
  seedCohort,
  useStripeTestEnvironment,
  type T,
} from "./checkout-helpers";
import { addPlatformAdmin } from "./fixtures";
import { expectAppError, newTest } from "./helpers";

useStripeTestEnvironment();

const DAY = 24 * 60 * 60 * 1000;
const PRICE = 149_700;

function session(enrollmentId: Id<"enrollments">, sessionId: string, paid: boolean, amount = PRICE) {
  return {
    id: sessionId,
    object: "checkout.session",
    client_reference_id: enrollmentId,
    payment_status: paid ? "paid" : "unpaid",
    payment_intent: `pi_${enrollmentId}`,
    amount_total: amount,
    currency: "usd",
  };
}

async function enrollment(t: T, enrollmentId: Id<"enrollments">) {
  return (await t.run(async (ctx) => ctx.db.get("enrollments", enrollmentId)))!;
}

/** The outcome the webhook recorded for one Stripe event. */
async function outcomeOf(t: T, eventId: string) {
  return await t.run(async (ctx) => {
    const row = await ctx.db
      .query("stripeEvents")
      .withIndex("by_eventId", (q) => q.eq("eventId", eventId))
      .unique();
    return row?.outcome ?? null;
  });
}

describe("#24 what a purchase records", () => {
  test("a reserved seat records the course's price in the academy's currency and an unanswered intake survey", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const enrollmentId = await as(t, buyers[0]).mutation(api.payments.checkout.reserve, { cohortId });
    expect(await enrollment(t, enrollmentId)).toMatchObject({
      paymentStatus: "pending",
      amountCents: PRICE,
      currency: "usd",
      intakeSurveyCompleted: false,
      seatHeld: true,
    });
  });

  test("a paid purchase records what Stripe took and access windows of 90, 90 and 365 days after the cohort ends", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(enrollmentId, sessionId, true));
    const { cohort } = await cohortState(t, cohortId);
    expect(await enrollment(t, enrollmentId)).toMatchObject({
      paymentStatus: "completed",
      amountCents: PRICE,
      amountPaidCents: PRICE,
      stripePaymentIntentId: `pi_${enrollmentId}`,
      intakeSurveyCompleted: false,
      officeHoursEligibleUntil: cohort.endDate + 90 * DAY,
      chatbotAccessUntil: cohort.endDate + 90 * DAY,
      materialsAccessUntil: cohort.endDate + 365 * DAY,
    });
  });

  test("a seat an organization or a code gives records its amount when there is one, and no survey answered yet", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const [free, b2b] = await t.run(async (ctx) => {
      const cohort = (await ctx.db.get("cohorts", cohortId))!;
      return [
        await enrollConfirmed(ctx, buyers[0], cohort, { paymentType: "b2c", amountCents: 0 }),
        await enrollConfirmed(ctx, buyers[1], cohort, { paymentType: "b2b" }),
      ];
    });
    const freeSeat = await enrollment(t, free);
    expect(freeSeat).toMatchObject({ amountCents: 0, intakeSurveyCompleted: false, paymentStatus: "completed" });
    const orgSeat = await enrollment(t, b2b);
    expect(orgSeat.amountCents).toBeUndefined();
    expect(orgSeat.intakeSurveyCompleted).toBe(false);
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(2);
  });

  test("a Checkout Session created after the hold ended keeps no payment link", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const enrollmentId = await as(t, buyers[0]).mutation(api.payments.checkout.reserve, { cohortId });
    await as(t, buyers[0]).mutation(api.payments.checkout.cancel, { enrollmentId });
    const kept = await t.run(async (ctx) =>
      attachCheckoutSession(ctx, (await ctx.db.get("enrollments", enrollmentId))!, {
        id: "cs_late",
        url: "https://checkout.stripe.com/c/pay/cs_late",
      }),
    );
    expect(kept).toBe(false);
    const late = await enrollment(t, enrollmentId);
    expect(late.stripeCheckoutSessionId).toBe("cs_late");
    expect(late.checkoutUrl).toBeUndefined();
  });
});

describe("#24 refunds and messages", () => {
  test("a partial refund records its amount and keeps the seat; a full one records the whole charge", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(enrollmentId, sessionId, true));
    const charge = { id: "ch_1", object: "charge", payment_intent: `pi_${enrollmentId}`, amount: PRICE };
    await deliver(t, "charge.refunded", { ...charge, amount_refunded: 50_000, refunded: false }, { id: "evt_part" });
    expect(await outcomeOf(t, "evt_part")).toBe("partially refunded");
    expect(await enrollment(t, enrollmentId)).toMatchObject({
      paymentStatus: "completed",
      seatHeld: true,
      amountRefundedCents: 50_000,
    });
    await deliver(t, "charge.refunded", { ...charge, refunded: true }, { id: "evt_full" });
    expect(await outcomeOf(t, "evt_full")).toBe("refunded");
    expect(await enrollment(t, enrollmentId)).toMatchObject({
      paymentStatus: "refunded",
      seatHeld: false,
      amountRefundedCents: PRICE,
    });
  });

  test("a full refund with its amount records that amount", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(enrollmentId, sessionId, true));
    await deliver(t, "charge.refunded", {
      id: "ch_2",
      object: "charge",
      payment_intent: `pi_${enrollmentId}`,
      amount: PRICE,
      amount_refunded: PRICE,
      refunded: true,
    });
    expect((await enrollment(t, enrollmentId)).amountRefundedCents).toBe(PRICE);
  });

  test("a full refund that names no amount records what was paid", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(enrollmentId, sessionId, true));
    await deliver(t, "charge.refunded", {
      id: "ch_4",
      object: "charge",
      payment_intent: `pi_${enrollmentId}`,
      refunded: true,
    });
    expect(await enrollment(t, enrollmentId)).toMatchObject({ paymentStatus: "refunded", amountRefundedCents: PRICE });
  });

  test("a declined bank payment stores the message the checkout page shows", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(enrollmentId, sessionId, false));
    await deliver(t, "checkout.session.async_payment_failed", session(enrollmentId, sessionId, false));
    expect(await enrollment(t, enrollmentId)).toMatchObject({
      paymentStatus: "failed",
      failureReason: "payment_failed",
      checkoutError: "Your bank declined the payment. The seat was released.",
    });
    expect(await as(t, buyers[0]).query(api.payments.checkout.status, { enrollmentId })).toMatchObject({
      state: "ended",
      message: "Your bank declined the payment. The seat was released.",
    });
  });

  test("an admin's refund keeps the reason they gave, for the roster", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(enrollmentId, sessionId, true));
    await as(t, await addPlatformAdmin(t)).action(api.payments.refunds.refundEnrollment, {
      enrollmentId,
      note: "  Moved abroad  ",
    });
    const refunded = await enrollment(t, enrollmentId);
    expect(refunded.refundNote).toBe("Moved abroad");
    expect(refunded.refundRequestedAt).toBeTypeOf("number");
  });
});

describe("#24 seats and live enrollments", () => {
  test("a seat cannot be taken in a cohort that no longer exists", async () => {
    const t = newTest();
    const { cohortId } = await seedCohort(t);
    await t.run(async (ctx) => ctx.db.delete("cohorts", cohortId));
    const message = await expectAppError(
      t.run(async (ctx) => {
        await takeSeat(ctx, cohortId);
      }),
      "NOT_FOUND",
    );
    expect(message).toBe("This cohort no longer exists.");
  });

  test("a live enrollment is a paid one or a pending one holding its seat, other than the one named", async () => {
    const t = newTest();
    const { cohortId, courseId, buyers } = await seedCohort(t);
    const insert = (userId: Id<"users">, fields: Partial<Doc<"enrollments">>) =>
      t.run(async (ctx) =>
        ctx.db.insert("enrollments", {
          userId,
          cohortId,
          courseId,
          purchaseDate: Date.now(),
          paymentStatus: "pending",
          paymentType: "b2c",
          intakeSurveyCompleted: false,
          officeHoursEligibleUntil: 0,
          materialsAccessUntil: 0,
          chatbotAccessUntil: 0,
          seatHeld: false,
          createdAt: Date.now(),
          updatedAt: Date.now(),
          ...fields,
        }),
      );
    const live = (userId: Id<"users">, except?: Id<"enrollments">) =>
      t.run(async (ctx) => (await liveEnrollmentInCourse(ctx, userId, courseId, except))?._id ?? null);

    // Buyer 0: a hold that ended (pending, no seat) and a failed purchase that still says seatHeld: neither is live.
    await insert(buyers[0], { paymentStatus: "pending", seatHeld: false });
    await insert(buyers[0], { paymentStatus: "failed", seatHeld: true });
    expect(await live(buyers[0])).toBeNull();
    // Buyer 1: a pending purchase holding its seat is live, unless it is the one named.
    const held = await insert(buyers[1], { paymentStatus: "pending", seatHeld: true });
    expect(await live(buyers[1])).toBe(held);
    expect(await live(buyers[1], held)).toBeNull();
    // Buyer 2: a paid one is live.
    const paid = await insert(buyers[2], { paymentStatus: "completed", seatHeld: true });
    expect(await live(buyers[2])).toBe(paid);
  });

  test("office hours that already ended are not reopened when the cohort is cancelled", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(enrollmentId, sessionId, true));
    const ended = Date.now() - DAY;
    await t.run(async (ctx) => ctx.db.patch("enrollments", enrollmentId, { officeHoursEligibleUntil: ended }));
    await t.run(async (ctx) => endOfficeHoursEligibility(ctx, (await ctx.db.get("enrollments", enrollmentId))!));
    expect((await enrollment(t, enrollmentId)).officeHoursEligibleUntil).toBe(ended);
  });
});

describe("#24 the webhook routes each event type to its handler", () => {
  test("checkout.session.expired releases the seat at once, before the hold's own timer", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.expired", session(enrollmentId, sessionId, false), { id: "evt_expired" });
    expect(await outcomeOf(t, "evt_expired")).toBe("seat released");
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(0);
  });

  test("a delayed payment is awaited, then confirmed by async_payment_succeeded", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(enrollmentId, sessionId, false), { id: "evt_wait" });
    expect(await outcomeOf(t, "evt_wait")).toBe("awaiting async payment");
    await deliver(t, "checkout.session.async_payment_succeeded", session(enrollmentId, sessionId, true), {
      id: "evt_ok",
    });
    expect(await outcomeOf(t, "evt_ok")).toBe("confirmed");
    expect((await enrollment(t, enrollmentId)).paymentStatus).toBe("completed");
  });

  test("async_payment_failed releases the seat", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(enrollmentId, sessionId, false));
    await deliver(t, "checkout.session.async_payment_failed", session(enrollmentId, sessionId, false), {
      id: "evt_failed",
    });
    expect(await outcomeOf(t, "evt_failed")).toBe("seat released");
  });

  test("types we do not handle are recorded as such, also when they carry a charge or a session", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const { enrollmentId, sessionId } = await openCheckout(t, buyers[0], cohortId);
    await deliver(t, "checkout.session.completed", session(enrollmentId, sessionId, true));
    await deliver(
      t,
      "charge.succeeded",
      { id: "ch_3", object: "charge", payment_intent: `pi_${enrollmentId}`, amount: PRICE, refunded: true },
      { id: "evt_charge" },
    );
    await deliver(t, "checkout.session.async_payment_pending", session(enrollmentId, sessionId, true), {
      id: "evt_other",
    });
    expect(await outcomeOf(t, "evt_charge")).toBe("ignored: event type not handled");
    expect(await outcomeOf(t, "evt_other")).toBe("ignored: event type not handled");
    expect(await enrollment(t, enrollmentId)).toMatchObject({ paymentStatus: "completed", seatHeld: true });
  });
});
