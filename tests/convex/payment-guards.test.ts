/**
 * The guards that keep money and seats straight when Stripe's events arrive
 * late or twice. Each test here failed a mutant that every other test let
 * through (issue #24): the seat a late payment takes is counted, a replayed
 * checkout or invoice changes nothing.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { HOLD_MS } from "../../convex/payments/model/checkout";
import {
  as,
  cohortState,
  deliver,
  openCheckout,
  runScheduled,
  seedCohort,
  type T,
  useStripeTestEnvironment,
} from "./checkout-helpers";
import { newTest } from "./helpers";
import { seatInvariant, seedOrg } from "./org-helpers";
import { checkoutSession, refundedCharge, seatInvoice } from "./stripe-events";

const stripe = useStripeTestEnvironment();

/** A reservation with its Checkout Session open, as stored. */
async function heldCheckout(t: T, userId: Id<"users">, cohortId: Id<"cohorts">) {
  return await enrollment(t, (await openCheckout(t, userId, cohortId)).enrollmentId);
}

const enrollment = async (t: T, enrollmentId: Id<"enrollments">) =>
  await t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
const emailsTo = async (t: T, to: string) =>
  await t.run(async (ctx) =>
    ctx.db
      .query("devEmails")
      .withIndex("by_to", (q) => q.eq("to", to))
      .collect(),
  );
const outcome = async (response: Response) => {
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
};

describe("late payments", () => {
  test("#24 a payment that arrives after the hold ended takes a free seat, and the cohort counts it", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { capacity: 2 });
    const late = await heldCheckout(t, buyers[0], cohortId);
    await runScheduled(t, HOLD_MS + 1000);
    expect(await enrollment(t, late._id)).toMatchObject({
      paymentStatus: "failed",
      failureReason: "hold_expired",
      seatHeld: false,
    });
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(0);

    await deliver(t, "checkout.session.completed", checkoutSession(late, { paid: true }));
    const state = await cohortState(t, cohortId);
    expect(state.enrollments[0]).toMatchObject({ paymentStatus: "completed", seatHeld: true });
    expect(state.cohort.currentEnrollment).toBe(1);
    expect(state.seatsHeld).toBe(1);
    // The counted seat is really taken: one more buyer fills the cohort, the next is refused.
    await heldCheckout(t, buyers[1], cohortId);
    const third = await as(t, buyers[2])
      .mutation(api.payments.checkout.reserve, { cohortId })
      .then(
        () => null,
        (error: { data?: { code?: string } }) => error.data?.code,
      );
    expect(third).toBe("COHORT_FULL");
  });
});

describe("replays under a new event id", () => {
  test("#24 a completed checkout delivered again under a new event id changes nothing and sends no second receipt", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const checkout = await heldCheckout(t, buyers[0], cohortId);
    expect(
      await outcome(
        await deliver(t, "checkout.session.completed", checkoutSession(checkout, { paid: true }), { id: "evt_first" }),
      ),
    ).toBe("confirmed");
    await runScheduled(t);
    const confirmed = await cohortState(t, cohortId);
    expect(await emailsTo(t, "buyer0@example.com")).toHaveLength(1);

    await runScheduled(t, 60_000); // a minute later, Stripe (or someone) sends the same session under a new id
    await deliver(t, "checkout.session.completed", checkoutSession(checkout, { paid: true }), { id: "evt_replayed" });
    await deliver(t, "checkout.session.async_payment_succeeded", checkoutSession(checkout, { paid: true }), {
      id: "evt_replayed_async",
    });
    await runScheduled(t);
    expect(await cohortState(t, cohortId)).toEqual(confirmed);
    expect(await emailsTo(t, "buyer0@example.com")).toHaveLength(1);
  });

  test("#24 invoice.paid delivered again under a new event id adds the organization's seats once", async () => {
    const t = newTest();
    const { organizationId, adminId, courseId } = await seedOrg(t, { seats: 2 });
    const purchaseId = await as(t, adminId).mutation(api.payments.seatInvoices.buySeats, {
      organizationId,
      courseId,
      seats: 3,
    });
    await runScheduled(t);
    const purchase = await t.run(async (ctx) => (await ctx.db.get("seatPurchases", purchaseId))!);
    expect(purchase.stripeInvoiceId).toBeDefined();

    expect(await outcome(await deliver(t, "invoice.paid", seatInvoice(purchase), { id: "evt_invoice_paid" }))).toBe(
      "3 seats added",
    );
    const paid = await t.run(async (ctx) => ({
      organization: (await ctx.db.get("organizations", organizationId))!,
      purchase: (await ctx.db.get("seatPurchases", purchaseId))!,
    }));
    expect(paid.organization.seatsPurchased).toBe(5);

    await runScheduled(t, 60_000);
    await deliver(t, "invoice.paid", seatInvoice(purchase), { id: "evt_invoice_paid_again" });
    await deliver(t, "invoice.paid", seatInvoice(purchase), { id: "evt_invoice_paid" });
    const after = await t.run(async (ctx) => ({
      organization: (await ctx.db.get("organizations", organizationId))!,
      purchase: (await ctx.db.get("seatPurchases", purchaseId))!,
    }));
    expect(after).toEqual(paid);
    await seatInvariant(t, organizationId);
  });
});

/** Defects the property tests found in late payments (fixed with issue #15, items 10–12). */
describe("late payments", () => {
  test("#24 a late payment never gives a buyer a second live enrollment in the course", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { capacity: 3 });
    const first = await heldCheckout(t, buyers[0], cohortId);
    await runScheduled(t, HOLD_MS + 1000); // the first checkout's hold ends…
    const second = await heldCheckout(t, buyers[0], cohortId); // …so the buyer starts another one
    await deliver(t, "checkout.session.completed", checkoutSession(first, { paid: true })); // and then the first payment lands
    await runScheduled(t);
    const state = await cohortState(t, cohortId);
    const live = state.enrollments.filter(
      (e) => e.paymentStatus === "completed" || (e.paymentStatus === "pending" && e.seatHeld),
    );
    expect(live.map((e) => e._id)).toHaveLength(1);
    expect([first._id, second._id]).toContain(live[0]._id);
    expect(state.cohort.currentEnrollment).toBe(state.seatsHeld);
  });

  test("#24 a late payment refunded for lack of a seat stays refunded when its event is replayed", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { capacity: 1, buyers: 2 });
    const late = await heldCheckout(t, buyers[0], cohortId);
    await runScheduled(t, HOLD_MS + 1000);
    const winner = await heldCheckout(t, buyers[1], cohortId);
    await deliver(t, "checkout.session.completed", checkoutSession(winner, { paid: true }));
    expect(await outcome(await deliver(t, "checkout.session.completed", checkoutSession(late, { paid: true })))).toBe(
      "review: no_seat_left (refunded automatically)",
    );
    await runScheduled(t);
    const refunds = () => stripe.calls.filter((c) => c.path === "/v1/refunds").length;
    expect(refunds()).toBe(1);
    // The winner is refunded, which frees the only seat; then the late payment's event comes again under a new id.
    await deliver(t, "charge.refunded", refundedCharge(await enrollment(t, winner._id)));
    await deliver(t, "checkout.session.completed", checkoutSession(late, { paid: true }));
    await runScheduled(t);
    // Its money went back: it must not get the seat, and it is not refunded twice.
    expect(await enrollment(t, late._id)).toMatchObject({ paymentStatus: "failed", seatHeld: false });
    expect(refunds()).toBe(1);
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(0);
  });
});
