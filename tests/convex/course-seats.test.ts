/**
 * One live enrollment per person per course, and a free (b2b) enrollment only
 * for someone holding one of their organization's seats.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, buySeat, cohortState, deliver, runScheduled, type T, useStripeTestEnvironment } from "./checkout-helpers";
import { insertAnotherCohort } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { addUser, seatInvariant, seedOrg } from "./org-helpers";
import { refundedCharge } from "./stripe-events";

const stripe = useStripeTestEnvironment();

/** A second cohort of the same course, full (one seat, taken by a paying buyer). */
async function fullSecondCohort(t: T, cohortId: Id<"cohorts">) {
  const cohortB = await t.run((ctx) => insertAnotherCohort(ctx, cohortId, { name: "February cohort", maxCapacity: 1 }));
  const buyer = await addUser(t, "payer@example.com");
  const enrollmentId = await buySeat(t, buyer, cohortB);
  const paid = await t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
  const refundPayer = () => deliver(t, "charge.refunded", refundedCharge(paid));
  return { cohortB, refundPayer };
}

/** Seats counted by each cohort == enrollments holding one + open offers. */
async function expectCohortSeats(t: T, cohortId: Id<"cohorts">) {
  const { cohort, seatsHeld } = await cohortState(t, cohortId);
  const offers = await t.run(
    async (ctx) =>
      (await ctx.db.query("waitlist").collect()).filter((w) => w.cohortId === cohortId && w.seatHeld).length,
  );
  expect(cohort.currentEnrollment).toBe(seatsHeld + offers);
}

async function liveEnrollments(t: T, userId: Id<"users">) {
  return await t.run(async (ctx) =>
    (
      await ctx.db
        .query("enrollments")
        .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId))
        .collect()
    ).filter((e) => e.paymentStatus === "completed" || (e.paymentStatus === "pending" && e.seatHeld)),
  );
}

describe("#15.12 one person, one seat per course", () => {
  test("#15.12 an organization member assigned to cohort A cannot accept an offer for, reserve or be assigned to cohort B of the same course", async () => {
    const t = newTest();
    const { organizationId, adminId, cohortId: cohortA } = await seedOrg(t);
    const { cohortB, refundPayer } = await fullSecondCohort(t, cohortA);
    const member = await addUser(t, "gil@acme.com", { organizationId, holdsOrgSeat: true });
    await t.run(async (ctx) => ctx.db.patch("organizations", organizationId, { seatsUsed: 1 }));

    // Gil queues for B himself, then his administrator places him in A.
    const entry = await as(t, member).mutation(api.waitlist.places.join, { cohortId: cohortB });
    await as(t, adminId).mutation(api.organizations.members.assignCohort, {
      organizationId,
      memberId: member,
      cohortId: cohortA,
    });
    // Taking the seat in A takes him out of B's line, so a freed seat in B goes to nobody on his behalf.
    expect(await t.run(async (ctx) => ctx.db.get("waitlist", entry))).toMatchObject({ status: "cancelled" });
    await refundPayer();
    expect(await as(t, member).query(api.waitlist.places.mineForCohort, { cohortId: cohortB })).toBeNull();

    // An offer that still exists (e.g. made before this rule) cannot be accepted.
    await t.run(async (ctx) => {
      await ctx.db.patch("waitlist", entry, {
        status: "offered",
        seatHeld: true,
        offerExpiresAt: Date.now() + 3_600_000,
      });
      const b = (await ctx.db.get("cohorts", cohortB))!;
      await ctx.db.patch("cohorts", cohortB, { currentEnrollment: b.currentEnrollment + 1 });
    });
    const message = await expectAppError(
      as(t, member).mutation(api.waitlist.offers.accept, { entryId: entry }),
      "ALREADY_ENROLLED",
    );
    expect(message).toMatch(/December cohort/);
    await expectAppError(
      as(t, member).mutation(api.payments.checkout.reserve, { cohortId: cohortB }),
      "ALREADY_ENROLLED",
    );
    await expectAppError(
      as(t, adminId).mutation(api.organizations.members.assignCohort, {
        organizationId,
        memberId: member,
        cohortId: cohortB,
      }),
      "ALREADY_ENROLLED",
    );

    expect(await liveEnrollments(t, member)).toHaveLength(1);
    await expectCohortSeats(t, cohortA);
    await expectCohortSeats(t, cohortB);
    await seatInvariant(t, organizationId);
  });

  test("#15.12 accepting an offer is free only for a member holding an organization seat; others go to checkout", async () => {
    const t = newTest();
    const { organizationId, cohortId: cohortA } = await seedOrg(t, { seats: 1 });
    const { cohortB, refundPayer } = await fullSecondCohort(t, cohortA);
    // A manager without a seat (the organization's one seat is free, but nobody gave it to him).
    const noSeat = await addUser(t, "manager@acme.com", { organizationId });
    const entry = await as(t, noSeat).mutation(api.waitlist.places.join, { cohortId: cohortB });
    await refundPayer();
    stripe.calls.length = 0;
    const accepted = await as(t, noSeat).mutation(api.waitlist.offers.accept, { entryId: entry });
    expect(accepted.needsPayment).toBe(true);
    await runScheduled(t);
    expect(stripe.calls.filter((c) => c.path === "/v1/checkout/sessions" && c.method === "POST")).toHaveLength(1);
    expect((await cohortState(t, cohortB)).enrollments.find((e) => e._id === accepted.enrollmentId)).toMatchObject({
      paymentStatus: "pending",
      paymentType: "b2c",
      seatHeld: true,
      amountCents: 149_700,
    });
    expect((await seatInvariant(t, organizationId)).organization.seatsUsed).toBe(0);
    await expectCohortSeats(t, cohortB);
  });

  test("#15.12 a member holding a seat is enrolled at once, and the organization's log says so", async () => {
    const t = newTest();
    const { organizationId, adminId, cohortId: cohortA } = await seedOrg(t);
    const { cohortB, refundPayer } = await fullSecondCohort(t, cohortA);
    const member = await addUser(t, "ann@acme.com", { organizationId, holdsOrgSeat: true });
    await t.run(async (ctx) => ctx.db.patch("organizations", organizationId, { seatsUsed: 1 }));
    const entry = await as(t, member).mutation(api.waitlist.places.join, { cohortId: cohortB });
    await refundPayer();
    stripe.calls.length = 0;
    const accepted = await as(t, member).mutation(api.waitlist.offers.accept, { entryId: entry });
    expect(accepted.needsPayment).toBe(false);
    await runScheduled(t);
    expect(stripe.calls.filter((c) => c.path === "/v1/checkout/sessions")).toHaveLength(0);
    expect((await cohortState(t, cohortB)).enrollments.find((e) => e._id === accepted.enrollmentId)).toMatchObject({
      paymentStatus: "completed",
      paymentType: "b2b",
      seatHeld: true,
    });
    const log = await as(t, adminId).query(api.organizations.overview.auditLog, { organizationId });
    expect(log[0]).toMatchObject({ action: "cohort_assigned", cohortName: "February cohort", subject: "ann" });
    await expectCohortSeats(t, cohortB);
    await seatInvariant(t, organizationId);
  });
});
