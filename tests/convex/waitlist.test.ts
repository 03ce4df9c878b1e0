import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { HOLD_MS } from "../../convex/payments/model/checkout";
import * as offersModule from "../../convex/waitlist/offers";
import {
  as,
  buySeat,
  cohortState,
  deliver,
  runScheduled,
  seedCohort,
  type T,
  useStripeTestEnvironment,
} from "./checkout-helpers";
import { addPlatformAdmin, cohortForm } from "./fixtures";
import { expectAppError, newTest } from "./helpers";

const HOUR = 60 * 60 * 1000;
const stripe = useStripeTestEnvironment();

const refund = (t: T, enrollmentId: Id<"enrollments">) =>
  deliver(t, "charge.refunded", {
    id: `ch_${enrollmentId}`,
    object: "charge",
    payment_intent: `pi_${enrollmentId}`,
    refunded: true,
  });

async function fullCohort(options: { startsInDays?: number; offerHours?: number } = {}) {
  const t = newTest();
  const seeded = await seedCohort(t, { capacity: 1, buyers: 5, startsInDays: options.startsInDays });
  if (options.offerHours)
    await t.run(async (ctx) => ctx.db.patch("cohorts", seeded.cohortId, { waitlistOfferHours: options.offerHours }));
  const [a, b, c, d, e] = seeded.buyers;
  const aEnrollment = await buySeat(t, a, seeded.cohortId);
  return { t, ...seeded, a, b, c, d, e, aEnrollment };
}

async function seatInvariant(t: T, cohortId: Id<"cohorts">) {
  const { cohort, seatsHeld } = await cohortState(t, cohortId);
  const offers = await t.run(
    async (ctx) =>
      (await ctx.db.query("waitlist").collect()).filter((w) => w.cohortId === cohortId && w.seatHeld).length,
  );
  expect(cohort.currentEnrollment).toBe(seatsHeld + offers);
  expect(cohort.currentEnrollment).toBeLessThanOrEqual(cohort.maxCapacity);
}

describe("joining and places in line", () => {
  test("join order decides; places are derived, never rewritten", async () => {
    const { t, cohortId, b, c, d } = await fullCohort();
    const entries: Id<"waitlist">[] = [];
    for (const user of [b, c, d]) entries.push(await as(t, user).mutation(api.waitlist.places.join, { cohortId }));
    const place = async (user: Id<"users">) =>
      (await as(t, user).query(api.waitlist.places.mineForCohort, { cohortId }))?.place;
    expect([await place(b), await place(c), await place(d)]).toEqual([1, 2, 3]);
    await as(t, c).mutation(api.waitlist.places.leave, { entryId: entries[1] });
    expect([await place(b), await place(d)]).toEqual([1, 2]);
    const stored = await t.run(async (ctx) => Promise.all(entries.map((id) => ctx.db.get("waitlist", id))));
    expect(stored.map((e) => e!.position)).toEqual([1, 2, 3]);
    await expectAppError(as(t, b).mutation(api.waitlist.places.join, { cohortId }), "ALREADY_WAITLISTED");
  });

  test("a cohort with free seats sends people to reserve instead; enrolled people cannot wait", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { capacity: 2 });
    await expectAppError(as(t, buyers[0]).mutation(api.waitlist.places.join, { cohortId }), "INVALID_INPUT");
    await buySeat(t, buyers[0], cohortId);
    await buySeat(t, buyers[1], cohortId);
    await expectAppError(as(t, buyers[0]).mutation(api.waitlist.places.join, { cohortId }), "ALREADY_ENROLLED");
  });
});

describe("offers", () => {
  test("a refund offers the seat to #1 at once, held so nobody else can buy it; expiry moves it to #2", async () => {
    const { t, cohortId, b, c, e, aEnrollment } = await fullCohort();
    const bEntry = await as(t, b).mutation(api.waitlist.places.join, { cohortId });
    await as(t, c).mutation(api.waitlist.places.join, { cohortId });
    await refund(t, aEnrollment);
    const offered = await as(t, b).query(api.waitlist.places.mineForCohort, { cohortId });
    expect(offered).toMatchObject({ status: "offered", seatsHeldByOffers: 1 });
    expect(offered!.offerExpiresAt! - Date.now()).toBeGreaterThan(47 * HOUR);
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(1);
    await expectAppError(as(t, e).mutation(api.payments.checkout.reserve, { cohortId }), "COHORT_FULL");
    await seatInvariant(t, cohortId);

    await runScheduled(t);
    const emails = await t.run(async (ctx) =>
      ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "buyer1@example.com"))
        .collect(),
    );
    expect(emails.map((m) => m.subject)).toContain("A seat is yours: AI Enablement Intensive");

    await runScheduled(t, 48 * HOUR + 1000);
    const bAfter = await t.run(async (ctx) => ctx.db.get("waitlist", bEntry));
    expect(bAfter).toMatchObject({ status: "expired", offerOutcome: "expired", seatHeld: false });
    expect(await as(t, c).query(api.waitlist.places.mineForCohort, { cohortId })).toMatchObject({ status: "offered" });
    await expectAppError(as(t, b).mutation(api.waitlist.offers.accept, { entryId: bEntry }), "OFFER_EXPIRED");
    await seatInvariant(t, cohortId);
  });

  test("the offer window is configurable per cohort", async () => {
    const { t, cohortId, b, aEnrollment } = await fullCohort({ offerHours: 6 });
    await as(t, b).mutation(api.waitlist.places.join, { cohortId });
    await refund(t, aEnrollment);
    const offer = (await as(t, b).query(api.waitlist.places.mineForCohort, { cohortId }))!;
    expect(offer.offerExpiresAt! - Date.now()).toBe(6 * HOUR);
  });

  test("an offer near the start is cut to end an hour before it; none are made after that", async () => {
    const { t, cohortId, b, c, aEnrollment } = await fullCohort({ startsInDays: 0.5 });
    await as(t, b).mutation(api.waitlist.places.join, { cohortId });
    await as(t, c).mutation(api.waitlist.places.join, { cohortId });
    await refund(t, aEnrollment);
    const cohort = (await cohortState(t, cohortId)).cohort;
    const offer = (await as(t, b).query(api.waitlist.places.mineForCohort, { cohortId }))!;
    expect(offer.offerExpiresAt).toBe(cohort.startDate - HOUR);
    await runScheduled(t, 11 * HOUR + 1000); // past the cut: B's offer expires, but C gets none
    expect(await as(t, b).query(api.waitlist.places.mineForCohort, { cohortId })).toBeNull();
    expect(await as(t, c).query(api.waitlist.places.mineForCohort, { cohortId })).toMatchObject({ status: "waiting" });
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(0);
  });

  test("accepting carries the held seat into checkout; declining passes it on", async () => {
    const { t, cohortId, b, c, aEnrollment } = await fullCohort();
    const bEntry = await as(t, b).mutation(api.waitlist.places.join, { cohortId });
    const cEntry = await as(t, c).mutation(api.waitlist.places.join, { cohortId });
    await refund(t, aEnrollment);
    await as(t, b).mutation(api.waitlist.offers.decline, { entryId: bEntry });
    expect(await t.run(async (ctx) => ctx.db.get("waitlist", bEntry))).toMatchObject({
      status: "cancelled",
      offerOutcome: "declined",
    });
    const accepted = await as(t, c).mutation(api.waitlist.offers.accept, { entryId: cEntry });
    expect(accepted.needsPayment).toBe(true);
    await runScheduled(t);
    expect(
      stripe.calls
        .filter((x) => x.path === "/v1/checkout/sessions" && x.method === "POST")
        .at(-1)
        ?.params.get("client_reference_id"),
    ).toBe(accepted.enrollmentId);
    const state = await cohortState(t, cohortId);
    expect(state.cohort.currentEnrollment).toBe(1);
    expect(state.enrollments.find((x) => x._id === accepted.enrollmentId)).toMatchObject({
      paymentStatus: "pending",
      seatHeld: true,
    });
    expect(await t.run(async (ctx) => ctx.db.get("waitlist", cEntry))).toMatchObject({
      status: "enrolled",
      offerOutcome: "accepted",
      enrollmentId: accepted.enrollmentId,
    });
    await seatInvariant(t, cohortId);
    // If C does not pay, the hold ends and the seat becomes free again (nobody left waiting).
    await runScheduled(t, HOLD_MS + 1000);
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(0);
  });

  test("a member holding a seat of an active organization is enrolled at once when accepting", async () => {
    const { t, cohortId, b, aEnrollment } = await fullCohort();
    await t.run(async (ctx) => {
      const orgId = await ctx.db.insert("organizations", {
        name: "Acme",
        domain: "acme.com",
        contactEmail: "x@acme.com",
        contactName: "X",
        status: "active",
        seatsPurchased: 5,
        seatsUsed: 1,
        createdAt: 1,
        updatedAt: 1,
      });
      await ctx.db.patch("users", b, { organizationId: orgId, role: "org_member", holdsOrgSeat: true });
    });
    const entry = await as(t, b).mutation(api.waitlist.places.join, { cohortId });
    await refund(t, aEnrollment);
    stripe.calls.length = 0;
    const accepted = await as(t, b).mutation(api.waitlist.offers.accept, { entryId: entry });
    expect(accepted.needsPayment).toBe(false);
    await runScheduled(t);
    expect(stripe.calls.filter((x) => x.path === "/v1/checkout/sessions")).toHaveLength(0);
    expect((await cohortState(t, cohortId)).enrollments.find((x) => x._id === accepted.enrollmentId)).toMatchObject({
      paymentStatus: "completed",
      paymentType: "b2b",
      seatHeld: true,
    });
  });

  test("raising capacity offers the new seats in order", async () => {
    const { t, cohortId, b, c, d } = await fullCohort();
    for (const user of [b, c, d]) await as(t, user).mutation(api.waitlist.places.join, { cohortId });
    const admin = await addPlatformAdmin(t);
    const cohort = (await cohortState(t, cohortId)).cohort;
    await as(t, admin).mutation(api.catalog.cohorts.save, cohortForm(cohort, { maxCapacity: 3 }));
    const statuses = await Promise.all(
      [b, c, d].map(async (u) => (await as(t, u).query(api.waitlist.places.mineForCohort, { cohortId }))?.status),
    );
    expect(statuses).toEqual(["offered", "offered", "waiting"]);
    await seatInvariant(t, cohortId);
  });
});

describe("waiting for a course's next cohort", () => {
  test("people in the course line get the first seats of the next cohort, in order", async () => {
    const t = newTest();
    const { cohortId, courseId, buyers } = await seedCohort(t, { capacity: 1, buyers: 3 });
    const admin = as(t, await addPlatformAdmin(t));
    await expectAppError(as(t, buyers[0]).mutation(api.waitlist.places.joinCourse, { courseId }), "INVALID_INPUT"); // a cohort is open
    await t.run(async (ctx) => ctx.db.patch("cohorts", cohortId, { status: "completed" }));
    for (const buyer of buyers) await as(t, buyer).mutation(api.waitlist.places.joinCourse, { courseId });
    expect(await as(t, buyers[2]).query(api.waitlist.places.mineForCourse, { courseId })).toMatchObject({ place: 3 });
    const start = Date.now() + 20 * 86400000;
    const next = await admin.mutation(api.catalog.cohorts.save, {
      courseId,
      name: "Next cohort",
      startDate: start,
      endDate: start + 86400000,
      timezone: "Europe/Berlin",
      maxCapacity: 2,
      status: "open",
    });
    const states = await Promise.all(
      buyers.map(async (b) => await as(t, b).query(api.waitlist.places.mineForCohort, { cohortId: next })),
    );
    expect(states.map((s) => [s?.status, s?.place ?? null])).toEqual([
      ["offered", null],
      ["offered", null],
      ["waiting", 1],
    ]);
    expect(await as(t, buyers[0]).query(api.waitlist.places.mineForCourse, { courseId })).toBeNull();
    await seatInvariant(t, next);
  });
});

describe("waitlist administration", () => {
  test("processWaitlist is internal; admin tools refuse others and work for admins", async () => {
    expect((offersModule.processWaitlist as unknown as { isInternal?: boolean }).isInternal).toBe(true);
    expect((offersModule.expireOffer as unknown as { isPublic?: boolean }).isPublic).toBeUndefined();
    const { t, cohortId, courseId, b, c, aEnrollment } = await fullCohort();
    const bEntry = await as(t, b).mutation(api.waitlist.places.join, { cohortId });
    const cEntry = await as(t, c).mutation(api.waitlist.places.join, { cohortId });
    for (const call of [
      (x: ReturnType<typeof as>) => x.query(api.waitlist.lines.forCohort, { cohortId }),
      (x: ReturnType<typeof as>) => x.mutation(api.waitlist.lines.offerManually, { entryId: cEntry }),
      (x: ReturnType<typeof as>) => x.mutation(api.waitlist.lines.remove, { entryId: cEntry }),
      (x: ReturnType<typeof as>) => x.mutation(api.waitlist.lines.move, { entryId: cEntry, toCohortId: cohortId }),
    ]) {
      await expectAppError(call(as(t, b)), "NOT_PLATFORM_ADMIN");
    }
    const admin = as(t, await addPlatformAdmin(t));
    expect(
      (await admin.query(api.waitlist.lines.forCohort, { cohortId })).map((r) => [r.position, r.email, r.status]),
    ).toEqual([
      [1, "buyer1@example.com", "waiting"],
      [2, "buyer2@example.com", "waiting"],
    ]);
    await expectAppError(admin.mutation(api.waitlist.lines.offerManually, { entryId: cEntry }), "COHORT_FULL");
    await refund(t, aEnrollment); // B (#1) gets the offer automatically
    await admin.mutation(api.waitlist.lines.remove, { entryId: bEntry }); // withdrawn → C gets it
    expect(await t.run(async (ctx) => ctx.db.get("waitlist", bEntry))).toMatchObject({
      status: "cancelled",
      offerOutcome: "withdrawn",
    });
    expect(await as(t, c).query(api.waitlist.places.mineForCohort, { cohortId })).toMatchObject({ status: "offered" });
    const other = await t.run(async (ctx) => {
      const source = (await ctx.db.get("cohorts", cohortId))!;
      const { _id, _creationTime, ...rest } = source;
      return await ctx.db.insert("cohorts", {
        ...rest,
        name: "Later cohort",
        currentEnrollment: 1,
        maxCapacity: 1,
        courseId,
      });
    });
    const moved = await admin.mutation(api.waitlist.lines.move, { entryId: cEntry, toCohortId: other });
    expect(await t.run(async (ctx) => ctx.db.get("waitlist", moved))).toMatchObject({
      cohortId: other,
      status: "waiting",
      position: 1,
    });
    await seatInvariant(t, cohortId);
  });
});
