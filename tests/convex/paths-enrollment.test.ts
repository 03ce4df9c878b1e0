/**
 * #19 enrolling in a learning path: a bundle bought through one Stripe Checkout (exactly one path enrollment, a seat
 * per step taken as the step opens, replays change nothing, refunds end it), an organization enrolling members and
 * teams (seats from its pool), and following a per-course path.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { cancelByLearner } from "../../convex/enrollments/model/state";
import { as, deliver, runScheduled, type T, useStripeTestEnvironment } from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";
import { makeManager } from "./org-helpers";
import { addPerson, seedPath } from "./path-helpers";

const stripe = useStripeTestEnvironment();

/** Starts a bundle purchase and lets the scheduler create its Checkout Session; returns its ids. */
async function startBundle(t: T, buyer: Id<"users">, pathId: Id<"learningPaths">) {
  const purchaseId = await as(t, buyer).mutation(api.paths.checkout.buyBundle, { pathId });
  await runScheduled(t);
  const status = await as(t, buyer).query(api.paths.checkout.status, { purchaseId });
  return { purchaseId, sessionId: status!.checkoutUrl!.split("/").pop()!, status: status! };
}

function paidSession(sessionId: string, amount: number, paymentIntent = "pi_bundle_1") {
  return {
    id: sessionId,
    object: "checkout.session",
    mode: "payment",
    status: "complete",
    payment_status: "paid",
    payment_intent: paymentIntent,
    amount_total: amount,
    currency: "usd",
  };
}

async function pathState(t: T, userId: Id<"users">) {
  return await t.run(async (ctx) => {
    const enrollments = await ctx.db
      .query("userPathEnrollments")
      .withIndex("by_userId_and_pathId", (q) => q.eq("userId", userId))
      .collect();
    const rows = enrollments.length
      ? await ctx.db
          .query("pathStepProgress")
          .withIndex("by_pathEnrollmentId", (q) => q.eq("pathEnrollmentId", enrollments[0]._id))
          .collect()
      : [];
    const seats = await ctx.db
      .query("enrollments")
      .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId))
      .collect();
    return { enrollments, rows, seats };
  });
}

describe("#19 buying a bundle", () => {
  test("one Checkout for the bundle's price; the paid webhook creates exactly one path enrollment with a seat per step", async () => {
    const t = newTest();
    const world = await seedPath(t, [{ unlockRule: "immediate" }, { unlockRule: "sequential" }], {
      bundlePriceCents: 150_000,
    });
    const buyer = await addPerson(t, "buyer@example.com");
    const { purchaseId, sessionId, status } = await startBundle(t, buyer, world.pathId);
    expect(status).toMatchObject({ state: "ready", amountCents: 150_000, listPriceCents: 200_000 });
    const create = stripe.calls.filter((c) => c.path === "/v1/checkout/sessions" && c.method === "POST");
    expect(create).toHaveLength(1);
    expect(create[0].idempotencyKey).toBe(`path-checkout-session-${purchaseId}`);
    expect(Object.fromEntries(create[0].params)).toMatchObject({
      mode: "payment",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][unit_amount]": "150000",
      "line_items[0][price_data][currency]": "usd",
      "line_items[0][price_data][product_data][name]": "Test Track (bundle)",
      "line_items[0][price_data][product_data][description]": "A seat in each of: Course 1, Course 2",
      customer_email: "buyer@example.com",
      client_reference_id: purchaseId,
      "metadata[pathPurchaseId]": purchaseId,
      success_url: `https://academy.test/checkout/path/${purchaseId}?returned=1`,
    });
    // Buying again before paying continues the same purchase.
    expect(await as(t, buyer).mutation(api.paths.checkout.buyBundle, { pathId: world.pathId })).toBe(purchaseId);
    expect((await pathState(t, buyer)).enrollments).toHaveLength(0);

    const response = await deliver(t, "checkout.session.completed", paidSession(sessionId, 150_000), {
      id: "evt_bundle_paid",
    });
    expect(response.status).toBe(200);
    await runScheduled(t);
    const state = await pathState(t, buyer);
    expect(state.enrollments).toHaveLength(1);
    expect(state.enrollments[0]).toMatchObject({ paymentType: "bundle", status: "active", purchaseId });
    expect(state.rows.map((r) => [r.seatIncluded, r.unlockedAt !== undefined])).toEqual([
      [true, true],
      [true, false],
    ]);
    // No cohort seat is taken until the learner chooses one.
    expect(state.seats).toHaveLength(0);
    expect(await as(t, buyer).query(api.paths.checkout.status, { purchaseId })).toMatchObject({
      state: "paid",
      amountPaidCents: 150_000,
      pathEnrollmentId: state.enrollments[0]._id,
    });
    const mail = await t.run(async (ctx) => ctx.db.query("devEmails").collect());
    const receipts = mail.filter((m) => m.subject === "Payment received — you're enrolled in the Test Track");
    expect(receipts).toHaveLength(1);
    expect(receipts[0].text).toContain("We received $1,500 for the Test Track");
    expect(receipts[0].text).toContain("you saved $500");

    // The same event again, and again under a new event id: nothing changes, no second receipt.
    await deliver(t, "checkout.session.completed", paidSession(sessionId, 150_000), { id: "evt_bundle_paid" });
    await deliver(t, "checkout.session.completed", paidSession(sessionId, 150_000), { id: "evt_bundle_replay" });
    await runScheduled(t);
    const after = await pathState(t, buyer);
    expect(after.enrollments).toEqual(state.enrollments);
    expect(after.rows).toEqual(state.rows);
    const again = await t.run(async (ctx) => ctx.db.query("devEmails").collect());
    expect(again.filter((m) => m.subject.startsWith("Payment received"))).toHaveLength(1);
    const outcomes = await t.run(async (ctx) => (await ctx.db.query("stripeEvents").collect()).map((e) => e.outcome));
    expect(outcomes).toEqual(["bundle confirmed", "bundle already confirmed"]);
    // A path followed cannot be bought again.
    await expectAppError(
      as(t, buyer).mutation(api.paths.checkout.buyBundle, { pathId: world.pathId }),
      "ALREADY_IN_PATH",
    );
  });

  test("a payment of another amount goes to review without a path enrollment; an expired Checkout ends the purchase", async () => {
    const t = newTest();
    const world = await seedPath(t, [{ unlockRule: "immediate" }]);
    const [buyer, other] = [await addPerson(t, "a@example.com"), await addPerson(t, "b@example.com")];
    const short = await startBundle(t, buyer, world.pathId);
    await deliver(t, "checkout.session.completed", paidSession(short.sessionId, 100));
    expect((await pathState(t, buyer)).enrollments).toHaveLength(0);
    expect(await as(t, buyer).query(api.paths.checkout.status, { purchaseId: short.purchaseId })).toMatchObject({
      state: "ended",
      message: expect.stringContaining("does not match"),
    });
    const reviews = await t.run(async (ctx) => ctx.db.query("paymentReviews").collect());
    expect(reviews.map((r) => [r.reason, r.amountCents, r.expectedAmountCents])).toEqual([
      ["amount_mismatch", 100, 150_000],
    ]);

    const lapsed = await startBundle(t, other, world.pathId);
    await deliver(t, "checkout.session.expired", {
      ...paidSession(lapsed.sessionId, 150_000),
      payment_status: "unpaid",
    });
    expect(await as(t, other).query(api.paths.checkout.status, { purchaseId: lapsed.purchaseId })).toMatchObject({
      state: "ended",
    });
    // Another person's purchase is not theirs to see.
    expect(await as(t, buyer).query(api.paths.checkout.status, { purchaseId: lapsed.purchaseId })).toBeNull();
  });

  test("a second paid bundle for a path the buyer already follows is refunded automatically", async () => {
    const t = newTest();
    const world = await seedPath(t, [{ unlockRule: "immediate" }]);
    const buyer = await addPerson(t, "twice@example.com");
    const first = await startBundle(t, buyer, world.pathId);
    // A second tab started its own purchase before the first was paid.
    const secondId = await t.run(async (ctx) => {
      const purchase = (await ctx.db.get("pathPurchases", first.purchaseId))!;
      const { _id, _creationTime, stripeCheckoutSessionId, checkoutUrl, ...rest } = purchase;
      void [_id, _creationTime, stripeCheckoutSessionId, checkoutUrl];
      return await ctx.db.insert("pathPurchases", { ...rest, stripeCheckoutSessionId: "cs_second_tab" });
    });
    await deliver(t, "checkout.session.completed", paidSession(first.sessionId, 150_000, "pi_first"));
    await deliver(t, "checkout.session.completed", paidSession("cs_second_tab", 150_000, "pi_second"));
    await runScheduled(t);
    expect((await pathState(t, buyer)).enrollments).toHaveLength(1);
    const refunds = stripe.calls.filter((c) => c.path === "/v1/refunds");
    expect(refunds.map((r) => r.params.get("payment_intent"))).toEqual(["pi_second"]);
    expect(await as(t, buyer).query(api.paths.checkout.status, { purchaseId: secondId })).toMatchObject({
      state: "ended",
      message: "You already follow the Test Track, so this payment was refunded automatically.",
    });
  });

  test("a full refund of the bundle ends the path: its remaining seats can no longer be taken", async () => {
    const t = newTest();
    const world = await seedPath(t, [{ unlockRule: "immediate" }, { unlockRule: "immediate" }]);
    const buyer = await addPerson(t, "refund@example.com");
    const { sessionId } = await startBundle(t, buyer, world.pathId);
    await deliver(t, "checkout.session.completed", paidSession(sessionId, 150_000, "pi_refund"));
    const [pathEnrollment] = (await pathState(t, buyer)).enrollments;
    await as(t, buyer).mutation(api.paths.seats.take, {
      pathEnrollmentId: pathEnrollment._id,
      stepId: world.stepIds[0],
      cohortId: world.cohortIds[0],
    });
    await deliver(t, "charge.refunded", {
      id: "ch_refund",
      object: "charge",
      payment_intent: "pi_refund",
      amount: 150_000,
      amount_refunded: 150_000,
      refunded: true,
    });
    const after = await pathState(t, buyer);
    expect(after.enrollments[0].status).toBe("expired");
    // The seat already taken stays (an admin removes it if they choose); the other can no longer be taken.
    expect(after.seats.map((s) => s.paymentStatus)).toEqual(["completed"]);
    await expectAppError(
      as(t, buyer).mutation(api.paths.seats.take, {
        pathEnrollmentId: pathEnrollment._id,
        stepId: world.stepIds[1],
        cohortId: world.cohortIds[1],
      }),
      "ENROLLMENT_NOT_ACTIVE",
    );
  });
});

describe("#19 taking the seat a step includes", () => {
  async function boughtPath(t: T, steps: Parameters<typeof seedPath>[1], capacity = 10) {
    const world = await seedPath(t, steps, { capacity });
    const buyer = await addPerson(t, "learner@example.com");
    const { sessionId } = await startBundle(t, buyer, world.pathId);
    await deliver(t, "checkout.session.completed", paidSession(sessionId, 150_000));
    const pathEnrollmentId = (await pathState(t, buyer)).enrollments[0]._id;
    return { world, buyer, pathEnrollmentId };
  }

  test("an open step's seat is taken in a chosen cohort by the seat rules, once", async () => {
    const t = newTest();
    const { world, buyer, pathEnrollmentId } = await boughtPath(t, [
      { unlockRule: "immediate" },
      { unlockRule: "sequential" },
    ]);
    const me = as(t, buyer);
    const choices = await me.query(api.paths.seats.cohorts, {
      pathEnrollmentId,
      stepId: world.stepIds[0],
      now: Date.now(),
    });
    expect(choices.map((c) => [c._id, c.seatsLeft])).toEqual([[world.cohortIds[0], 10]]);
    const enrollmentId = await me.mutation(api.paths.seats.take, {
      pathEnrollmentId,
      stepId: world.stepIds[0],
      cohortId: world.cohortIds[0],
    });
    const seat = await t.run(async (ctx) => ({
      enrollment: (await ctx.db.get("enrollments", enrollmentId))!,
      cohort: (await ctx.db.get("cohorts", world.cohortIds[0]))!,
    }));
    expect(seat.enrollment).toMatchObject({
      paymentStatus: "completed",
      paymentType: "b2c",
      seatHeld: true,
      pathEnrollmentId,
    });
    expect(seat.enrollment.amountCents).toBeUndefined();
    expect(seat.cohort.currentEnrollment).toBe(1);
    await runScheduled(t);
    const mail = await t.run(async (ctx) => ctx.db.query("devEmails").collect());
    const youreIn = mail.find((m) => m.subject === "You're in: Course 1")!;
    expect(youreIn.text).toContain("There is nothing to pay");
    expect(youreIn.attachments?.[0].filename).toMatch(/\.ics$/);

    // Once only, and not in the locked step.
    await expectAppError(
      me.mutation(api.paths.seats.take, { pathEnrollmentId, stepId: world.stepIds[0], cohortId: world.cohortIds[0] }),
      "ALREADY_ENROLLED",
    );
    const locked = await expectAppError(
      me.mutation(api.paths.seats.take, { pathEnrollmentId, stepId: world.stepIds[1], cohortId: world.cohortIds[1] }),
      "STEP_LOCKED",
    );
    expect(locked).toBe("Course 2 is not open yet. It opens when you complete Course 1.");

    // Given back (the learner cancelled): the step's seat can be taken again.
    await t.run(async (ctx) => cancelByLearner(ctx, (await ctx.db.get("enrollments", enrollmentId))!));
    await me.mutation(api.paths.seats.take, {
      pathEnrollmentId,
      stepId: world.stepIds[0],
      cohortId: world.cohortIds[0],
    });
    expect((await t.run(async (ctx) => ctx.db.get("cohorts", world.cohortIds[0])))!.currentEnrollment).toBe(1);
  });

  test("a full cohort, another course's cohort, a started or private cohort, or someone else's path are refused", async () => {
    const t = newTest();
    const { world, buyer, pathEnrollmentId } = await boughtPath(
      t,
      [{ unlockRule: "immediate" }, { unlockRule: "immediate" }],
      1,
    );
    const me = as(t, buyer);
    const take = (stepIndex: number, cohortId: Id<"cohorts">) =>
      me.mutation(api.paths.seats.take, { pathEnrollmentId, stepId: world.stepIds[stepIndex], cohortId });
    await t.run(async (ctx) => ctx.db.patch("cohorts", world.cohortIds[0], { currentEnrollment: 1 }));
    await expectAppError(take(0, world.cohortIds[0]), "COHORT_FULL");
    await expectAppError(take(1, world.cohortIds[0]), "COHORT_NOT_OPEN");
    await t.run(async (ctx) => ctx.db.patch("cohorts", world.cohortIds[1], { isB2B: true }));
    await expectAppError(take(1, world.cohortIds[1]), "COHORT_NOT_OPEN");
    await t.run(async (ctx) =>
      ctx.db.patch("cohorts", world.cohortIds[1], { isB2B: false, startDate: Date.now() - 1000 }),
    );
    await expectAppError(take(1, world.cohortIds[1]), "COHORT_NOT_OPEN");
    const stranger = as(t, await addPerson(t, "stranger@example.com"));
    await expectAppError(
      stranger.mutation(api.paths.seats.take, {
        pathEnrollmentId,
        stepId: world.stepIds[0],
        cohortId: world.cohortIds[0],
      }),
      "NOT_FOUND",
    );
    expect(
      await stranger.query(api.paths.seats.cohorts, { pathEnrollmentId, stepId: world.stepIds[0], now: Date.now() }),
    ).toEqual([]);
    // Nothing was taken by any refusal.
    expect((await pathState(t, buyer)).seats).toEqual([]);
  });

  test("someone who already holds a seat in the course keeps it: the path's seat is not taken twice", async () => {
    const t = newTest();
    const { world, buyer, pathEnrollmentId } = await boughtPath(t, [{ unlockRule: "immediate" }]);
    const laterCohort = await t.run(async (ctx) => {
      const cohort = (await ctx.db.get("cohorts", world.cohortIds[0]))!;
      const { _id, _creationTime, ...rest } = cohort;
      void [_id, _creationTime];
      return await ctx.db.insert("cohorts", { ...rest, name: "Later", startDate: rest.startDate + 86_400_000 * 30 });
    });
    await as(t, buyer).mutation(api.paths.seats.take, {
      pathEnrollmentId,
      stepId: world.stepIds[0],
      cohortId: world.cohortIds[0],
    });
    await t.run(async (ctx) => {
      const [row] = await ctx.db.query("pathStepProgress").collect();
      await ctx.db.patch("pathStepProgress", row._id, { enrollmentId: undefined });
    });
    await expectAppError(
      as(t, buyer).mutation(api.paths.seats.take, {
        pathEnrollmentId,
        stepId: world.stepIds[0],
        cohortId: laterCohort,
      }),
      "ALREADY_ENROLLED",
    );
  });
});

describe("#19 organization-covered paths", () => {
  async function orgWorld(t: T, seats: number) {
    const world = await seedPath(t, [{ unlockRule: "immediate" }, { unlockRule: "sequential" }]);
    const organizationId = await t.run(async (ctx) =>
      ctx.db.insert("organizations", {
        name: "Acme",
        domain: "acme.com",
        contactEmail: "admin@acme.com",
        contactName: "Admin",
        status: "active",
        seatsPurchased: seats,
        seatsUsed: 1,
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    const admin = await addPerson(t, "admin@acme.com", { organizationId, holdsOrgSeat: true, role: "org_admin" });
    await makeManager(t, admin, organizationId, "admin");
    const teamId = await t.run(async (ctx) =>
      ctx.db.insert("teams", {
        organizationId,
        name: "Sales",
        memberCount: 0,
        isActive: true,
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    const member = async (email: string, holdsOrgSeat: boolean) => {
      const userId = await addPerson(t, email, { organizationId, holdsOrgSeat, role: "org_member" });
      await t.run(async (ctx) => {
        await ctx.db.insert("teamMembers", { teamId, userId, role: "member", joinedAt: 1 });
        if (holdsOrgSeat) {
          const org = (await ctx.db.get("organizations", organizationId))!;
          await ctx.db.patch("organizations", organizationId, { seatsUsed: org.seatsUsed + 1 });
        }
      });
      return userId;
    };
    return { world, organizationId, admin, teamId, member };
  }

  test("an admin enrolls a member without a seat: one seat of the pool is taken; none left is refused", async () => {
    const t = newTest();
    const { world, organizationId, admin, member } = await orgWorld(t, 2);
    const [dana, eve] = [await member("dana@acme.com", false), await member("eve@acme.com", false)];
    const pathEnrollmentId = await as(t, admin).mutation(api.paths.organization.enrollMember, {
      organizationId,
      memberId: dana,
      pathId: world.pathId,
    });
    const facts = await t.run(async (ctx) => ({
      org: (await ctx.db.get("organizations", organizationId))!,
      dana: (await ctx.db.get("users", dana))!,
      enrollment: (await ctx.db.get("userPathEnrollments", pathEnrollmentId))!,
      audit: await ctx.db.query("organizationAuditLog").collect(),
    }));
    expect(facts.org.seatsUsed).toBe(2);
    expect(facts.dana.holdsOrgSeat).toBe(true);
    expect(facts.enrollment).toMatchObject({ paymentType: "organization", organizationId, enrolledById: admin });
    expect(facts.audit.map((a) => [a.action, a.details])).toEqual([["path_enrolled", "Test Track"]]);
    await expectAppError(
      as(t, admin).mutation(api.paths.organization.enrollMember, {
        organizationId,
        memberId: eve,
        pathId: world.pathId,
      }),
      "NO_SEATS_LEFT",
    );
    await expectAppError(
      as(t, admin).mutation(api.paths.organization.enrollMember, {
        organizationId,
        memberId: dana,
        pathId: world.pathId,
      }),
      "ALREADY_IN_PATH",
    );

    // The member takes the step's seat as a b2b enrollment, in the organization's own private cohort too.
    const privateCohort = await t.run(async (ctx) => {
      const cohort = (await ctx.db.get("cohorts", world.cohortIds[0]))!;
      const { _id, _creationTime, ...rest } = cohort;
      void [_id, _creationTime];
      return await ctx.db.insert("cohorts", { ...rest, name: "Acme only", isB2B: true, organizationId });
    });
    const choices = await as(t, dana).query(api.paths.seats.cohorts, {
      pathEnrollmentId,
      stepId: world.stepIds[0],
      now: Date.now(),
    });
    expect(choices.map((c) => [c.name, c.isPrivate]).sort()).toEqual([
      ["Acme only", true],
      ["Course 1 cohort", false],
    ]);
    const seatId = await as(t, dana).mutation(api.paths.seats.take, {
      pathEnrollmentId,
      stepId: world.stepIds[0],
      cohortId: privateCohort,
    });
    expect((await t.run(async (ctx) => ctx.db.get("enrollments", seatId)))!.paymentType).toBe("b2b");
    // Out of the organization, the organization's path gives no more seats.
    await t.run(async (ctx) => ctx.db.patch("users", dana, { holdsOrgSeat: false }));
    await t.run(async (ctx) => cancelByLearner(ctx, (await ctx.db.get("enrollments", seatId))!));
    await expectAppError(
      as(t, dana).mutation(api.paths.seats.take, {
        pathEnrollmentId,
        stepId: world.stepIds[0],
        cohortId: world.cohortIds[0],
      }),
      "ENROLLMENT_NOT_ACTIVE",
    );
  });

  test("a team is enrolled at once; who cannot be is listed with the reason; the console lists the team's paths", async () => {
    const t = newTest();
    const { world, organizationId, admin, teamId, member } = await orgWorld(t, 4);
    const ann = await member("ann@acme.com", true);
    const ben = await member("ben@acme.com", false);
    const cat = await member("cat@acme.com", false);
    const lead = await member("lead@acme.com", true);
    await makeManager(t, lead, organizationId, "manager", ["manage_enrollments", "view_progress"]);
    // A manager (without "manage_team") enrolls the team: the other manager is not theirs to enroll, and members
    // without a seat need someone who can give one.
    const byLead = await as(t, lead).mutation(api.paths.organization.enrollTeam, {
      organizationId,
      teamId,
      pathId: world.pathId,
    });
    expect(byLead.enrolled).toBe(1);
    expect(byLead.skipped.map((s) => s.name).sort()).toEqual(["ben", "cat", "lead"]);
    expect(byLead.skipped.find((s) => s.name === "ben")!.reason).toContain("has no seat");
    // The admin gives seats from the pool: one is left for ben, none for cat.
    const byAdmin = await as(t, admin).mutation(api.paths.organization.enrollTeam, {
      organizationId,
      teamId,
      pathId: world.pathId,
    });
    expect(byAdmin.enrolled).toBe(2);
    expect(byAdmin.skipped).toEqual([
      { name: "ann", reason: "Already follows this path." },
      { name: "cat", reason: expect.stringContaining("seats are taken") },
    ]);
    const listed = await as(t, lead).query(api.paths.organization.list, { organizationId });
    expect(listed.map((r) => r.memberName).sort()).toEqual(["ann", "ben", "lead"]);
    expect(listed.every((r) => r.pathTitle === "Test Track" && r.progressPercent === 0)).toBe(true);
    void [ann, ben, cat];
  });
});

describe("#19 following a per-course path", () => {
  test("is free and includes no seats: each course is booked at its own price", async () => {
    const t = newTest();
    const world = await seedPath(t, [{ unlockRule: "immediate" }], { pricing: "individual" });
    const learner = await addPerson(t, "follower@example.com");
    await expectAppError(t.mutation(api.paths.following.follow, { pathId: world.pathId }), "NOT_SIGNED_IN");
    const pathEnrollmentId = await as(t, learner).mutation(api.paths.following.follow, { pathId: world.pathId });
    const view = (await as(t, learner).query(api.paths.following.get, { pathEnrollmentId }))!;
    expect(view).toMatchObject({ paymentType: "individual", status: "active" });
    expect(view.steps.map((s) => [s.state, s.seatIncluded])).toEqual([["open", false]]);
    expect(
      await expectAppError(
        as(t, learner).mutation(api.paths.seats.take, {
          pathEnrollmentId,
          stepId: world.stepIds[0],
          cohortId: world.cohortIds[0],
        }),
        "INVALID_INPUT",
      ),
    ).toContain("book a cohort on the course page");
    await expectAppError(
      as(t, learner).mutation(api.paths.following.follow, { pathId: world.pathId }),
      "ALREADY_IN_PATH",
    );
    // A bundle is bought, not followed.
    const bundle = await seedPath(t, [{ unlockRule: "immediate" }], { slug: "bundle" });
    await expectAppError(
      as(t, learner).mutation(api.paths.following.follow, { pathId: bundle.pathId }),
      "INVALID_INPUT",
    );
    // Another learner cannot read it.
    const other = await addPerson(t, "other@example.com");
    expect(await as(t, other).query(api.paths.following.get, { pathEnrollmentId })).toBeNull();
  });
});
