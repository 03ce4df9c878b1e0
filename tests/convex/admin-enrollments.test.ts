/**
 * #18 Platform admins' enrollment tools: add a learner by email (comp, paid offline, an organization's seat), move an
 * enrollment to another cohort of the course, remove one — seats, waitlist offers, the audit log, and what the
 * learner is told (in the app and by email with the calendar file).
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, deliver, runScheduled, seedCohort, type T, useStripeTestEnvironment } from "./checkout-helpers";
import { insertAnotherCohort, insertFirstDaySession, organizationRow, platformAdminRow } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { mailTo } from "./inbox";
import { checkoutSession, refundedCharge } from "./stripe-events";

const stripe = useStripeTestEnvironment();

async function world(options: { capacity?: number; laterCapacity?: number } = {}) {
  const t = newTest();
  const { courseId, cohortId, buyers } = await seedCohort(t, { capacity: options.capacity ?? 3, buyers: 2 });
  const ids = await t.run(async (ctx) => {
    const laterCohortId = await insertAnotherCohort(ctx, cohortId, {
      name: "February cohort",
      daysLater: 60,
      maxCapacity: options.laterCapacity ?? 3,
    });
    const opsId = await ctx.db.insert("users", platformAdminRow());
    const organizationId = await ctx.db.insert("organizations", organizationRow({ seatsPurchased: 1 }));
    await insertFirstDaySession(ctx, cohortId);
    await insertFirstDaySession(ctx, laterCohortId);
    return { laterCohortId, opsId, organizationId };
  });
  return { t, courseId, cohortId, buyers, ...ids, ops: as(t, ids.opsId) };
}

/** `caller` adds the person at `email` to the cohort on a complimentary seat. */
const addComp = (caller: ReturnType<typeof as>, cohortId: Id<"cohorts">, email: string) =>
  caller.mutation(api.enrollments.operations.add, { cohortId, email, payment: { kind: "comp" } });

async function cohort(t: T, cohortId: Id<"cohorts">) {
  return await t.run(async (ctx) => (await ctx.db.get("cohorts", cohortId))!);
}

async function auditLog(t: T) {
  return await t.run(async (ctx) => ctx.db.query("enrollmentAuditLog").collect());
}

describe("#18 admin enrollment tools: add a learner", () => {
  test("a new address gets an account, a comp seat, the welcome email with the cohort's calendar, and an audit entry", async () => {
    const w = await world();
    const { enrollmentId, accountCreated } = await addComp(w.ops, w.cohortId, "  Grace.Hopper@Example.com ");
    expect(accountCreated).toBe(true);
    const enrollment = await w.t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
    const user = await w.t.run(async (ctx) => (await ctx.db.get("users", enrollment.userId))!);
    expect(user).toMatchObject({ email: "grace.hopper@example.com", name: "Grace Hopper", role: "individual" });
    expect(enrollment).toMatchObject({
      paymentStatus: "completed",
      paymentType: "b2c",
      adminGrant: "comp",
      amountCents: 0,
      seatHeld: true,
    });
    expect((await cohort(w.t, w.cohortId)).currentEnrollment).toBe(1);
    const [mail] = await mailTo(w.t, "grace.hopper@example.com");
    expect(mail.subject).toBe("Welcome to AI Enablement Intensive");
    expect(mail.text).toContain("Sign in with grace.hopper@example.com");
    expect(mail.attachments?.[0].filename).toBe("intensive.ics");
    expect(mail.attachments?.[0].content).toContain("SUMMARY:AI Enablement Intensive: Day 1");
    const notes = await w.t.run(async (ctx) => ctx.db.query("notifications").collect());
    expect(notes.filter((n) => n.userId === user._id).map((n) => n.title)).toEqual([
      "You have a seat in AI Enablement Intensive",
    ]);
    expect(await auditLog(w.t)).toEqual([
      expect.objectContaining({
        action: "added",
        actorId: w.opsId,
        userId: user._id,
        cohortId: w.cohortId,
        details: "Complimentary seat",
      }),
    ]);
  });

  test("paid offline keeps the reference; an existing account is reused and leaves the course's waitlist", async () => {
    const w = await world({ capacity: 1 });
    const [holder, waiting] = w.buyers;
    await as(w.t, holder).mutation(api.payments.checkout.reserve, { cohortId: w.cohortId });
    const entryId = await as(w.t, waiting).mutation(api.waitlist.places.join, { cohortId: w.cohortId });
    const { enrollmentId, accountCreated } = await w.ops.mutation(api.enrollments.operations.add, {
      cohortId: w.laterCohortId,
      email: "buyer1@example.com",
      payment: { kind: "offline", reference: "INV-2026-044" },
    });
    expect(accountCreated).toBe(false);
    const enrollment = await w.t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
    expect(enrollment).toMatchObject({
      userId: waiting,
      adminGrant: "offline",
      offlinePaymentReference: "INV-2026-044",
    });
    expect(enrollment.amountCents).toBeUndefined();
    const entry = await w.t.run(async (ctx) => (await ctx.db.get("waitlist", entryId))!);
    expect(entry.status).toBe("cancelled");
    const [mail] = await mailTo(w.t, "buyer1@example.com");
    expect(mail.text).not.toContain("Sign in with");
  });

  test("an organization's seat: the person joins the organization (its pool counts them) and the enrollment is b2b", async () => {
    const w = await world();
    await w.ops.mutation(api.enrollments.operations.add, {
      cohortId: w.cohortId,
      email: "maya@acme.com",
      name: "Maya Lin",
      payment: { kind: "organization", organizationId: w.organizationId },
    });
    const { organization, user, enrollments, orgLog } = await w.t.run(async (ctx) => {
      const user = (await ctx.db
        .query("users")
        .withIndex("by_email", (q) => q.eq("email", "maya@acme.com"))
        .unique())!;
      return {
        organization: (await ctx.db.get("organizations", w.organizationId))!,
        user,
        enrollments: await ctx.db
          .query("enrollments")
          .withIndex("by_userId_and_courseId", (q) => q.eq("userId", user._id))
          .collect(),
        orgLog: (await ctx.db.query("organizationAuditLog").collect()).map((e) => e.action),
      };
    });
    expect(organization.seatsUsed).toBe(1);
    expect(user).toMatchObject({ name: "Maya Lin", organizationId: w.organizationId, holdsOrgSeat: true });
    expect(enrollments.map((e) => e.paymentType)).toEqual(["b2b"]);
    expect(orgLog).toEqual(["member_joined", "cohort_assigned"]);
    // The pool had one seat: the next person is refused and nothing changes.
    await expectAppError(
      w.ops.mutation(api.enrollments.operations.add, {
        cohortId: w.cohortId,
        email: "li@acme.com",
        payment: { kind: "organization", organizationId: w.organizationId },
      }),
      "NO_SEATS_LEFT",
    );
    expect((await cohort(w.t, w.cohortId)).currentEnrollment).toBe(1);
  });

  test("refused: a full cohort, a second seat in the course, a bad address, an empty reference, a non-admin", async () => {
    const w = await world({ capacity: 1 });
    await addComp(w.ops, w.cohortId, "first@example.com");
    await expectAppError(addComp(w.ops, w.cohortId, "second@example.com"), "COHORT_FULL");
    expect(
      await w.t.run(async (ctx) =>
        ctx.db
          .query("users")
          .withIndex("by_email", (q) => q.eq("email", "second@example.com"))
          .unique(),
      ),
      "a refused add creates no account",
    ).toBeNull();
    await expectAppError(addComp(w.ops, w.laterCohortId, "first@example.com"), "ALREADY_ENROLLED");
    await expectAppError(addComp(w.ops, w.laterCohortId, "not an address"), "INVALID_EMAIL");
    await expectAppError(
      w.ops.mutation(api.enrollments.operations.add, {
        cohortId: w.laterCohortId,
        email: "x@example.com",
        payment: { kind: "offline", reference: " " },
      }),
      "INVALID_INPUT",
    );
    await expectAppError(addComp(as(w.t, w.buyers[0]), w.laterCohortId, "x@example.com"), "NOT_PLATFORM_ADMIN");
    expect((await auditLog(w.t)).map((e) => e.action)).toEqual(["added"]);
  });
});

describe("#18 admin enrollment tools: move and remove", () => {
  test("a move takes a seat there, frees this one for the waitlist, and sends a calendar that swaps the sessions", async () => {
    const w = await world({ capacity: 1 });
    const { enrollmentId } = await addComp(w.ops, w.cohortId, "ada@example.com");
    const entryId = await as(w.t, w.buyers[0]).mutation(api.waitlist.places.join, { cohortId: w.cohortId });
    await w.ops.mutation(api.enrollments.operations.move, { enrollmentId, toCohortId: w.laterCohortId });
    const enrollment = await w.t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
    expect(enrollment).toMatchObject({ cohortId: w.laterCohortId, seatHeld: true, paymentStatus: "completed" });
    expect((await cohort(w.t, w.laterCohortId)).currentEnrollment).toBe(1);
    const here = await cohort(w.t, w.cohortId);
    expect(here.currentEnrollment, "the freed seat is held by the waitlist offer").toBe(1);
    expect(await w.t.run(async (ctx) => (await ctx.db.get("waitlist", entryId))!.status)).toBe("offered");
    const mails = await mailTo(w.t, "ada@example.com");
    const moved = mails.find((m) => m.subject === "New dates for AI Enablement Intensive")!;
    const ics = moved.attachments![0].content;
    expect(ics.match(/STATUS:CANCELLED/g)).toHaveLength(1);
    expect(ics.match(/STATUS:CONFIRMED/g)).toHaveLength(1);
    expect(ics).toContain("SEQUENCE:1");
    const history = await w.ops.query(api.enrollments.operations.history, { cohortId: w.cohortId });
    expect(history.map((h) => [h.action, h.direction, h.otherCohortName])).toEqual([
      ["moved", "out", "February cohort"],
      ["added", "in", undefined],
    ]);
  });

  test("a move to a full cohort, to itself, or of a pending purchase is refused and nothing changes", async () => {
    const w = await world({ laterCapacity: 1 });
    const { enrollmentId } = await addComp(w.ops, w.cohortId, "ada@example.com");
    await addComp(w.ops, w.laterCohortId, "bea@example.com");
    await expectAppError(
      w.ops.mutation(api.enrollments.operations.move, { enrollmentId, toCohortId: w.laterCohortId }),
      "COHORT_FULL",
    );
    await expectAppError(
      w.ops.mutation(api.enrollments.operations.move, { enrollmentId, toCohortId: w.cohortId }),
      "INVALID_INPUT",
    );
    const pending = await as(w.t, w.buyers[0]).mutation(api.payments.checkout.reserve, { cohortId: w.cohortId });
    await expectAppError(
      w.ops.mutation(api.enrollments.operations.move, { enrollmentId: pending, toCohortId: w.laterCohortId }),
      "ENROLLMENT_NOT_ACTIVE",
    );
    expect((await cohort(w.t, w.cohortId)).currentEnrollment).toBe(2);
    expect((await cohort(w.t, w.laterCohortId)).currentEnrollment).toBe(1);
  });

  test("a removal frees the seat for the waitlist, ends access, tells the learner, and cannot happen twice", async () => {
    const w = await world({ capacity: 1 });
    const { enrollmentId } = await addComp(w.ops, w.cohortId, "ada@example.com");
    const entryId = await as(w.t, w.buyers[0]).mutation(api.waitlist.places.join, { cohortId: w.cohortId });
    await w.ops.mutation(api.enrollments.operations.remove, { enrollmentId, reason: "Asked to leave by email." });
    const enrollment = await w.t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
    expect(enrollment).toMatchObject({ paymentStatus: "failed", failureReason: "removed", seatHeld: false });
    expect(enrollment.materialsAccessUntil).toBeLessThanOrEqual(Date.now());
    expect(await w.t.run(async (ctx) => (await ctx.db.get("waitlist", entryId))!.status)).toBe("offered");
    expect((await cohort(w.t, w.cohortId)).currentEnrollment).toBe(1);
    const mails = await mailTo(w.t, "ada@example.com");
    const removed = mails.find((m) => m.subject.startsWith("Your seat in"))!;
    expect(removed.text).toContain("Asked to leave by email.");
    expect(removed.attachments![0].content).toContain("STATUS:CANCELLED");
    const mine = await as(w.t, enrollment.userId).query(api.learning.cohorts.myCohorts, {});
    expect(mine).toEqual([]);
    await expectAppError(w.ops.mutation(api.enrollments.operations.remove, { enrollmentId }), "ENROLLMENT_NOT_ACTIVE");
    expect((await auditLog(w.t)).map((e) => [e.action, e.details])).toEqual([
      ["added", "Complimentary seat"],
      ["removed", "Asked to leave by email."],
    ]);
  });

  test("a paid purchase removed by an admin: the same payment delivered again takes no seat, and it can still be refunded", async () => {
    const w = await world({ capacity: 2 });
    const enrollmentId = await as(w.t, w.buyers[0]).mutation(api.payments.checkout.reserve, { cohortId: w.cohortId });
    await runScheduled(w.t);
    const held = await w.t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
    expect((await deliver(w.t, "checkout.session.completed", checkoutSession(held, { paid: true }))).status).toBe(200);
    const paid = await w.t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
    expect(paid.paymentStatus).toBe("completed");
    await w.ops.mutation(api.enrollments.operations.remove, { enrollmentId });
    // Stripe delivers the same payment again under a new event id: it is not a new purchase.
    expect((await deliver(w.t, "checkout.session.completed", checkoutSession(held, { paid: true }))).status).toBe(200);
    await runScheduled(w.t);
    const removed = await w.t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
    expect(removed).toMatchObject({ paymentStatus: "failed", failureReason: "removed", seatHeld: false });
    expect((await cohort(w.t, w.cohortId)).currentEnrollment).toBe(0);
    const roster = await w.ops.query(api.enrollments.roster.forCohort, { cohortId: w.cohortId });
    expect(roster.find((r) => r._id === enrollmentId)).toMatchObject({ removed: true, refundable: true });
    await w.ops.action(api.payments.refunds.refundEnrollment, { enrollmentId });
    const refund = stripe.calls.find((c) => c.method === "POST" && c.path === "/v1/refunds")!;
    expect(refund.params.get("payment_intent")).toBe(paid.stripePaymentIntentId);
    expect((await deliver(w.t, "charge.refunded", refundedCharge(paid))).status).toBe(200);
    const refunded = await w.t.run(async (ctx) => (await ctx.db.get("enrollments", enrollmentId))!);
    expect(refunded).toMatchObject({ paymentStatus: "refunded", seatHeld: false });
    expect((await cohort(w.t, w.cohortId)).currentEnrollment).toBe(0);
  });
});
