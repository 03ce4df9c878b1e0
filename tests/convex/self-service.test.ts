/**
 * #18 Learner self-service within a course's policy: inside the transfer window a learner moves to another open public
 * cohort (seat there, this one to the waitlist, the calendar file), inside the refund window they cancel with a full
 * refund (Stripe's one refund path; an organization's seat back to its pool; a free seat released). Outside, they file
 * one request at a time that a platform admin approves (carried out by the same code, seats checked then) or declines;
 * they can withdraw it. The clock is fake: each window is tried from both sides.
 */
import type { FunctionArgs } from "convex/server";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { as, deliver, runScheduled, seedCohort, type T, useStripeTestEnvironment } from "./checkout-helpers";
import { addLiveSession, insertAnotherCohort } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { notificationTitles } from "./inbox";
import { seedPayerAndMember } from "./org-helpers";
import { refundedCharge } from "./stripe-events";

const stripe = useStripeTestEnvironment();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = new Date("2026-11-02T08:00:00Z").getTime();

/**
 * The December cohort starts in 30 days (capacity 3): a learner who paid through Stripe, an Acme member on Acme's seat
 * and a complimentary learner. The course lets learners transfer until 14 days before the start and get a refund until
 * 21 days. Other cohorts: January (open, 1 seat, its own session), a private one, a cancelled one, one in progress, and
 * a cohort of another course.
 */
async function world() {
  vi.setSystemTime(START);
  const t = newTest();
  const { courseId, cohortId, buyers } = await seedCohort(t, { buyers: 4, startsInDays: 30, capacity: 3 });
  const [payer, other, comp, waiter] = buyers;
  const ids = await t.run(async (ctx) => {
    await ctx.db.patch("courses", courseId, { transferDaysBeforeStart: 14, refundDaysBeforeStart: 21 });
    const later = (name: string, daysLater: number, fields: Partial<Doc<"cohorts">> = {}) =>
      insertAnotherCohort(ctx, cohortId, { name, daysLater, maxCapacity: 1, ...fields });
    const laterCohortId = await later("January cohort", 40);
    const privateCohortId = await later("Acme private cohort", 45, { isB2B: true });
    const cancelledCohortId = await later("February cohort", 60, { status: "cancelled" });
    const startedCohortId = await later("Running cohort", -31, { status: "in_progress" });
    const { _id, _creationTime, ...course } = (await ctx.db.get("courses", courseId))!;
    const otherCourseId = await ctx.db.insert("courses", { ...course, slug: "clinic", title: "Prompt Clinic" });
    const otherCourseCohortId = await insertAnotherCohort(ctx, cohortId, { courseId: otherCourseId, name: "Clinic" });
    return { laterCohortId, privateCohortId, cancelledCohortId, startedCohortId, otherCourseCohortId };
  });
  const roster = await seedPayerAndMember(t, cohortId, payer);
  const { enrollmentId: compId } = await roster.ops.mutation(api.enrollments.operations.add, {
    cohortId,
    email: "buyer2@example.com",
    payment: { kind: "comp" },
  });
  await addLiveSession(roster.ops, cohortId, "December kickoff", "2026-12-02T10:00");
  await addLiveSession(roster.ops, ids.laterCohortId, "January kickoff", "2027-01-11T10:00");
  await runScheduled(t);
  return { t, courseId, cohortId, payer, other, comp, waiter, compId, ...ids, ...roster };
}
type World = Awaited<ReturnType<typeof world>>;

const seats = async (t: T, cohortId: Id<"cohorts">) =>
  await t.run(async (ctx) => (await ctx.db.get("cohorts", cohortId))!.currentEnrollment);
const enrollment = async (t: T, id: Id<"enrollments">) =>
  await t.run(async (ctx) => (await ctx.db.get("enrollments", id))!);
const audit = async (w: World, id: Id<"enrollments">) =>
  await w.t.run(async (ctx) =>
    (
      await ctx.db
        .query("enrollmentAuditLog")
        .withIndex("by_enrollmentId", (q) => q.eq("enrollmentId", id))
        .collect()
    ).map((e) => e.action),
  );
const mailTo = async (t: T, to: string) =>
  await t.run(async (ctx) =>
    ctx.db
      .query("devEmails")
      .withIndex("by_to", (q) => q.eq("to", to))
      .collect(),
  );
/** Moves the fake clock to `days` before the December cohort starts. */
const daysBeforeStart = (days: number) => vi.setSystemTime(START + (30 - days) * DAY);

describe("#18 self-service", () => {
  test("#18 self-service transfer inside the window: a seat there, this one offered to the waitlist, the .ics, the audit", async () => {
    const w = await world();
    // December fills up with a person waiting, so the freed seat has somewhere to go.
    await w.ops.mutation(api.catalog.cohorts.save, {
      cohortId: w.cohortId,
      courseId: w.courseId,
      name: "December cohort",
      startDate: START + 30 * DAY,
      endDate: START + 32 * DAY,
      timezone: "Europe/Berlin",
      maxCapacity: 3,
      status: "open",
    });
    const entryId = await as(w.t, w.waiter).mutation(api.waitlist.places.join, { cohortId: w.cohortId });
    daysBeforeStart(14.5);
    const options = await as(w.t, w.payer).query(api.enrollments.selfService.options, { enrollmentId: w.paidId });
    expect(options).toMatchObject({
      policy: "Free transfer until 14 days before start; full refund until 21 days before start.",
      transferUntil: START + 16 * DAY,
      refundUntil: START + 9 * DAY,
      refundSummary: "$1,497.00 back to the card you paid with.",
      request: null,
    });
    expect(options!.targets.map((c) => [c.name, c.seatsLeft])).toEqual([["January cohort", 1]]);
    await as(w.t, w.payer).mutation(api.enrollments.selfService.transfer, {
      enrollmentId: w.paidId,
      toCohortId: w.laterCohortId,
    });
    await runScheduled(w.t);
    expect(await enrollment(w.t, w.paidId)).toMatchObject({
      cohortId: w.laterCohortId,
      paymentStatus: "completed",
      seatHeld: true,
    });
    expect(await seats(w.t, w.laterCohortId)).toBe(1);
    const entry = await w.t.run(async (ctx) => (await ctx.db.get("waitlist", entryId))!);
    expect(entry.status, "the freed December seat was offered to the waitlist").toBe("offered");
    expect(await seats(w.t, w.cohortId), "the offer holds the freed seat").toBe(3);
    expect(await audit(w, w.paidId)).toContain("self_transferred");
    expect(await notificationTitles(w.t, w.payer)).toContain("You moved to January cohort");
    const mail = (await mailTo(w.t, "buyer0@example.com")).find((m) => m.subject.startsWith("Your new dates"))!;
    const ics = mail.attachments![0].content;
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain("January kickoff");
    const mine = await as(w.t, w.payer).query(api.learning.cohorts.myCohorts, {});
    expect(mine.map((c) => c.cohortName)).toEqual(["January cohort"]);
  });

  test("#18 self-service transfer outside the window is refused; the server's clock decides, not the page", async () => {
    const w = await world();
    daysBeforeStart(14);
    await expectAppError(
      as(w.t, w.payer).mutation(api.enrollments.selfService.transfer, {
        enrollmentId: w.paidId,
        toCohortId: w.laterCohortId,
      }),
      "OUTSIDE_POLICY_WINDOW",
    );
    // A course without a policy: never by self-service, even a year ahead.
    vi.setSystemTime(START);
    await w.t.run(async (ctx) => ctx.db.patch("courses", w.courseId, { transferDaysBeforeStart: undefined }));
    await expectAppError(
      as(w.t, w.payer).mutation(api.enrollments.selfService.transfer, {
        enrollmentId: w.paidId,
        toCohortId: w.laterCohortId,
      }),
      "OUTSIDE_POLICY_WINDOW",
    );
    expect((await enrollment(w.t, w.paidId)).cohortId).toBe(w.cohortId);
    expect(await as(w.t, w.payer).query(api.enrollments.selfService.options, { enrollmentId: w.paidId })).toMatchObject(
      { policy: "Transfers on request; full refund until 21 days before start." },
    );
  });

  test("#18 self-service transfer targets that are full, cancelled, private, started or of another course are refused", async () => {
    const w = await world();
    const transfer = (toCohortId: Id<"cohorts">, who = w.payer, enrollmentId = w.paidId) =>
      as(w.t, who).mutation(api.enrollments.selfService.transfer, { enrollmentId, toCohortId });
    expect(await expectAppError(transfer(w.cancelledCohortId), "COHORT_NOT_OPEN")).toContain("cancelled");
    await expectAppError(transfer(w.privateCohortId), "NOT_AVAILABLE");
    await expectAppError(transfer(w.startedCohortId), "COHORT_NOT_OPEN");
    await expectAppError(transfer(w.otherCourseCohortId), "INVALID_INPUT");
    await expectAppError(transfer(w.cohortId), "INVALID_INPUT");
    await transfer(w.laterCohortId, w.comp, w.compId);
    expect(await expectAppError(transfer(w.laterCohortId), "COHORT_FULL")).toContain("January cohort is full");
    expect((await enrollment(w.t, w.paidId)).cohortId).toBe(w.cohortId);
    expect(await seats(w.t, w.cohortId), "nothing moved for the refusals").toBe(2);
  });

  test("#18 self-service refund inside the window: Stripe's one refund path; an organization's seat back to its pool; a comp seat released", async () => {
    const w = await world();
    daysBeforeStart(22);
    await as(w.t, w.payer).action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: w.paidId });
    const paid = await enrollment(w.t, w.paidId);
    const call = stripe.calls.find((c) => c.method === "POST" && c.path === "/v1/refunds")!;
    expect(call.params.get("payment_intent")).toBe(paid.stripePaymentIntentId);
    expect(call.idempotencyKey).toBe(`refund-${w.paidId}`);
    expect(paid.refundRequestedAt).toBeDefined();
    await expectAppError(
      as(w.t, w.payer).action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: w.paidId }),
      "ENROLLMENT_NOT_ACTIVE",
    );
    await deliver(w.t, "charge.refunded", refundedCharge(paid));
    expect((await enrollment(w.t, w.paidId)).paymentStatus).toBe("refunded");

    const before = await w.t.run(async (ctx) => (await ctx.db.get("organizations", w.organizationId))!.seatsUsed);
    await as(w.t, w.member).action(api.enrollments.selfService.cancelWithRefund, {
      enrollmentId: w.memberEnrollmentId,
    });
    const after = await w.t.run(async (ctx) => (await ctx.db.get("organizations", w.organizationId))!.seatsUsed);
    expect(after, "the seat is back in Acme's pool").toBe(before - 1);
    expect(await enrollment(w.t, w.memberEnrollmentId)).toMatchObject({ paymentStatus: "failed", seatHeld: false });

    await as(w.t, w.comp).action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: w.compId });
    const comp = await enrollment(w.t, w.compId);
    expect(comp).toMatchObject({ paymentStatus: "failed", failureReason: "cancelled", seatHeld: false });
    expect(comp.materialsAccessUntil).toBeLessThanOrEqual(Date.now());
    expect(
      stripe.calls.filter((c) => c.path === "/v1/refunds"),
      "only the Stripe payment went to Stripe",
    ).toHaveLength(1);
    expect(await seats(w.t, w.cohortId)).toBe(0);
    expect(await audit(w, w.compId)).toContain("self_cancelled");
    expect(await notificationTitles(w.t, w.comp)).toContain("You cancelled your seat in AI Enablement Intensive");
  });

  test("#18 self-service refund outside the window is refused, and nothing is sent to Stripe", async () => {
    const w = await world();
    daysBeforeStart(21);
    await expectAppError(
      as(w.t, w.payer).action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: w.paidId }),
      "OUTSIDE_POLICY_WINDOW",
    );
    await expectAppError(
      as(w.t, w.comp).action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: w.compId }),
      "OUTSIDE_POLICY_WINDOW",
    );
    expect(stripe.calls.filter((c) => c.path === "/v1/refunds")).toHaveLength(0);
    expect((await enrollment(w.t, w.compId)).paymentStatus).toBe("completed");
  });

  test("#18 self-service request outside the window: one open at a time, an admin approves the transfer, the learner is told", async () => {
    const w = await world();
    daysBeforeStart(10);
    await expectAppError(
      as(w.t, w.payer).mutation(api.enrollments.selfService.request, { enrollmentId: w.paidId, kind: "transfer" }),
      "INVALID_INPUT",
    );
    await expectAppError(
      as(w.t, w.payer).mutation(api.enrollments.selfService.request, {
        enrollmentId: w.paidId,
        kind: "transfer",
        toCohortId: w.privateCohortId,
      }),
      "NOT_AVAILABLE",
    );
    await expectAppError(
      as(w.t, w.payer).mutation(api.enrollments.selfService.request, {
        enrollmentId: w.paidId,
        kind: "refund",
        reason: "x".repeat(501),
      }),
      "INVALID_INPUT",
    );
    const requestId = await as(w.t, w.payer).mutation(api.enrollments.selfService.request, {
      enrollmentId: w.paidId,
      kind: "transfer",
      toCohortId: w.laterCohortId,
      reason: "  A family wedding that week  ",
    });
    await expectAppError(
      as(w.t, w.payer).mutation(api.enrollments.selfService.request, { enrollmentId: w.paidId, kind: "refund" }),
      "REQUEST_ALREADY_OPEN",
    );
    expect(
      (await as(w.t, w.payer).query(api.enrollments.selfService.options, { enrollmentId: w.paidId }))!.request,
    ).toMatchObject({
      kind: "transfer",
      status: "open",
      toCohortName: "January cohort",
      reason: "A family wedding that week",
    });
    const open = await w.ops.query(api.enrollments.selfService.openRequests, { cohortId: w.cohortId });
    expect(open.map((r) => [r.learnerName, r.kind, r.toCohortName, r.toCohortSeatsLeft, r.reason])).toEqual([
      ["Buyer 0", "transfer", "January cohort", 1, "A family wedding that week"],
    ]);
    await w.ops.action(api.enrollments.selfService.approve, { requestId, note: "Enjoy the wedding" });
    await runScheduled(w.t);
    expect(await enrollment(w.t, w.paidId)).toMatchObject({ cohortId: w.laterCohortId, seatHeld: true });
    expect(await seats(w.t, w.laterCohortId)).toBe(1);
    expect(await w.ops.query(api.enrollments.selfService.openRequests, { cohortId: w.cohortId })).toEqual([]);
    expect(
      (await as(w.t, w.payer).query(api.enrollments.selfService.options, { enrollmentId: w.paidId }))!.request,
    ).toMatchObject({ status: "approved", decisionNote: "Enjoy the wedding" });
    expect(await notificationTitles(w.t, w.payer)).toContain("Transfer approved: you moved to January cohort");
    const mail = (await mailTo(w.t, "buyer0@example.com")).find((m) => m.subject.startsWith("Your new dates"))!;
    expect(mail.attachments![0].content).toContain("January kickoff");
    expect(mail.text, "the admin's note reaches the learner").toContain("Enjoy the wedding");
    expect(await audit(w, w.paidId)).toEqual(["request_filed", "request_approved"]);
    await expectAppError(w.ops.action(api.enrollments.selfService.approve, { requestId }), "REQUEST_CLOSED");
  });

  test("#18 self-service approval when the target filled meanwhile is refused with a message; the request stays open", async () => {
    const w = await world();
    daysBeforeStart(10);
    const requestId = await as(w.t, w.payer).mutation(api.enrollments.selfService.request, {
      enrollmentId: w.paidId,
      kind: "transfer",
      toCohortId: w.laterCohortId,
    });
    await w.ops.mutation(api.enrollments.operations.add, {
      cohortId: w.laterCohortId,
      email: "walk-in@example.com",
      payment: { kind: "comp" },
    });
    expect(
      await expectAppError(w.ops.action(api.enrollments.selfService.approve, { requestId }), "COHORT_FULL"),
    ).toContain("January cohort is full");
    expect((await enrollment(w.t, w.paidId)).cohortId).toBe(w.cohortId);
    expect(
      (await w.ops.query(api.enrollments.selfService.openRequests, { cohortId: w.cohortId })).map((r) => r._id),
    ).toEqual([requestId]);
    expect(await seats(w.t, w.cohortId)).toBe(3);
  });

  test("#18 self-service refund request: approved through Stripe's refund; declined with a note; withdrawn", async () => {
    const w = await world();
    daysBeforeStart(10);
    const refundId = await as(w.t, w.payer).mutation(api.enrollments.selfService.request, {
      enrollmentId: w.paidId,
      kind: "refund",
    });
    await w.ops.action(api.enrollments.selfService.approve, { requestId: refundId });
    const paid = await enrollment(w.t, w.paidId);
    expect(stripe.calls.find((c) => c.path === "/v1/refunds")!.params.get("payment_intent")).toBe(
      paid.stripePaymentIntentId,
    );
    expect(paid.refundRequestedAt).toBeDefined();
    expect(await notificationTitles(w.t, w.payer)).toContain("Refund approved: AI Enablement Intensive");

    const declinedId = await as(w.t, w.comp).mutation(api.enrollments.selfService.request, {
      enrollmentId: w.compId,
      kind: "refund",
    });
    await w.ops.mutation(api.enrollments.selfService.decline, {
      requestId: declinedId,
      note: "Complimentary seats are not refundable.",
    });
    await runScheduled(w.t);
    expect(await enrollment(w.t, w.compId)).toMatchObject({ paymentStatus: "completed", seatHeld: true });
    expect(await notificationTitles(w.t, w.comp)).toContain("Your refund request was declined");
    const declinedMail = (await mailTo(w.t, "buyer2@example.com")).find((m) => m.subject.startsWith("Your refund"))!;
    expect(declinedMail.text).toContain("not refundable");
    await expectAppError(
      w.ops.mutation(api.enrollments.selfService.decline, { requestId: declinedId }),
      "REQUEST_CLOSED",
    );

    const againId = await as(w.t, w.comp).mutation(api.enrollments.selfService.request, {
      enrollmentId: w.compId,
      kind: "transfer",
      toCohortId: w.laterCohortId,
    });
    await as(w.t, w.comp).mutation(api.enrollments.selfService.withdraw, { requestId: againId });
    await expectAppError(
      as(w.t, w.comp).mutation(api.enrollments.selfService.withdraw, { requestId: againId }),
      "REQUEST_CLOSED",
    );
    await expectAppError(w.ops.action(api.enrollments.selfService.approve, { requestId: againId }), "REQUEST_CLOSED");
    expect((await enrollment(w.t, w.compId)).cohortId).toBe(w.cohortId);
    expect(await audit(w, w.compId)).toEqual([
      "added",
      "request_filed",
      "request_declined",
      "request_filed",
      "request_withdrawn",
    ]);
  });

  test("#18 self-service authorization: another learner cannot act on my enrollment or request; an org admin cannot approve", async () => {
    const w = await world();
    const stranger = as(w.t, w.other);
    expect(await stranger.query(api.enrollments.selfService.options, { enrollmentId: w.paidId })).toBeNull();
    await expectAppError(
      stranger.mutation(api.enrollments.selfService.transfer, { enrollmentId: w.paidId, toCohortId: w.laterCohortId }),
      "NOT_FOUND",
    );
    await expectAppError(
      stranger.action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: w.paidId }),
      "NOT_FOUND",
    );
    daysBeforeStart(10);
    await expectAppError(
      stranger.mutation(api.enrollments.selfService.request, { enrollmentId: w.paidId, kind: "refund" }),
      "NOT_FOUND",
    );
    const requestId = await as(w.t, w.payer).mutation(api.enrollments.selfService.request, {
      enrollmentId: w.paidId,
      kind: "refund",
    });
    await expectAppError(stranger.mutation(api.enrollments.selfService.withdraw, { requestId }), "NOT_FOUND");
    await expectAppError(stranger.action(api.enrollments.selfService.approve, { requestId }), "NOT_PLATFORM_ADMIN");
    await expectAppError(
      as(w.t, w.payer).action(api.enrollments.selfService.approve, { requestId }),
      "NOT_PLATFORM_ADMIN",
    );
    // Acme's administrator (an organization admin) may not answer requests either.
    const orgAdmin = await w.t.run(async (ctx) => {
      const id = await ctx.db.insert("users", {
        email: "admin@acme.com",
        name: "Acme admin",
        role: "org_admin",
        organizationId: w.organizationId,
        emailNotifications: true,
        smsNotifications: false,
        createdAt: 1,
        updatedAt: 1,
      });
      return id;
    });
    await expectAppError(
      as(w.t, orgAdmin).action(api.enrollments.selfService.approve, { requestId }),
      "NOT_PLATFORM_ADMIN",
    );
    await expectAppError(
      as(w.t, orgAdmin).mutation(api.enrollments.selfService.decline, { requestId }),
      "NOT_PLATFORM_ADMIN",
    );
    await expectAppError(
      as(w.t, orgAdmin).query(api.enrollments.selfService.openRequests, { cohortId: w.cohortId }),
      "NOT_PLATFORM_ADMIN",
    );
    expect(stripe.calls.filter((c) => c.path === "/v1/refunds")).toHaveLength(0);
    expect((await enrollment(w.t, w.paidId)).refundRequestedAt).toBeUndefined();
  });

  test("#18 self-service policy: platform admins set whole days 0..365 in the course editor, empty means by request; the course page says it", async () => {
    const w = await world();
    const course = await w.ops.query(api.catalog.courses.get, { courseId: w.courseId });
    expect(course).toMatchObject({ transferDaysBeforeStart: 14, refundDaysBeforeStart: 21 });
    // The editor's form as it stands, without a policy.
    const form: FunctionArgs<typeof api.catalog.courses.save> = {
      courseId: w.courseId,
      title: course!.title,
      slug: course!.slug,
      description: course!.description,
      format: course!.format,
      level: course!.level,
      impact: course!.impact,
      priceB2C: course!.priceB2C,
      priceB2B: course!.priceB2B,
      maxParticipants: course!.maxParticipants,
      status: "published",
      outcomes: course!.outcomes,
    };
    const save = (policy: { transferDaysBeforeStart?: number; refundDaysBeforeStart?: number }) =>
      w.ops.mutation(api.catalog.courses.save, { ...form, ...policy });
    for (const bad of [-1, 366, 2.5]) {
      expect(await expectAppError(save({ transferDaysBeforeStart: bad }), "INVALID_INPUT")).toContain(
        "transfer window",
      );
      expect(await expectAppError(save({ refundDaysBeforeStart: bad }), "INVALID_INPUT")).toContain("refund window");
    }
    await save({ transferDaysBeforeStart: 0, refundDaysBeforeStart: 365 });
    const page = await w.t.query(api.catalog.browse.getCourse, { slug: "intensive" });
    expect(page!.policy).toBe("Free transfer until the start; full refund until 365 days before start.");
    await save({});
    expect((await w.t.query(api.catalog.browse.getCourse, { slug: "intensive" }))!.policy).toBe(
      "Transfers on request; refunds on request.",
    );
    await expectAppError(
      as(w.t, w.payer).mutation(api.catalog.courses.save, { ...form, transferDaysBeforeStart: 365 }),
      "NOT_PLATFORM_ADMIN",
    );
  });

  test("#18 self-service requests are rate limited per learner", async () => {
    const w = await world();
    daysBeforeStart(10);
    for (let i = 0; i < 5; i++) {
      const requestId = await as(w.t, w.payer).mutation(api.enrollments.selfService.request, {
        enrollmentId: w.paidId,
        kind: "refund",
      });
      await as(w.t, w.payer).mutation(api.enrollments.selfService.withdraw, { requestId });
    }
    await expectAppError(
      as(w.t, w.payer).mutation(api.enrollments.selfService.request, { enrollmentId: w.paidId, kind: "refund" }),
      "RATE_LIMITED",
    );
  });
});

describe("#18 self-service: what an outsider's review tried, refused", () => {
  test("a transfer to later dates does not reopen the refund window of the cohort the seat was bought for", async () => {
    const w = await world();
    daysBeforeStart(20); // the refund window (21 days) has closed, the transfer window (14 days) is open
    await expectAppError(
      as(w.t, w.payer).action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: w.paidId }),
      "OUTSIDE_POLICY_WINDOW",
    );
    await as(w.t, w.payer).mutation(api.enrollments.selfService.transfer, {
      enrollmentId: w.paidId,
      toCohortId: w.laterCohortId,
    });
    // January starts 40 days later: by its own window a refund would be open again. It is not.
    await expectAppError(
      as(w.t, w.payer).action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: w.paidId }),
      "OUTSIDE_POLICY_WINDOW",
    );
    expect(stripe.calls.filter((c) => c.path === "/v1/refunds")).toEqual([]);
    const options = await as(w.t, w.payer).query(api.enrollments.selfService.options, { enrollmentId: w.paidId });
    expect(options?.refundUntil).toBe(START + 9 * DAY); // December's deadline, 21 days before its start
  });

  test("while an approved refund is with Stripe the learner cannot withdraw the request or change the seat", async () => {
    const w = await world();
    daysBeforeStart(10);
    const requestId = await as(w.t, w.payer).mutation(api.enrollments.selfService.request, {
      enrollmentId: w.paidId,
      kind: "refund",
    });
    const inner = globalThis.fetch;
    const attempts: string[] = [];
    vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
      if (url.pathname === "/v1/refunds" && attempts.length === 0) {
        attempts.push(
          await expectAppError(
            as(w.t, w.payer).mutation(api.enrollments.selfService.withdraw, { requestId }),
            "REQUEST_CLOSED",
          ),
          await expectAppError(
            as(w.t, w.payer).mutation(api.enrollments.selfService.transfer, {
              enrollmentId: w.paidId,
              toCohortId: w.laterCohortId,
            }),
            "ENROLLMENT_NOT_ACTIVE",
          ),
        );
      }
      return inner(input, init);
    });
    await w.ops.action(api.enrollments.selfService.approve, { requestId });
    expect(attempts).toHaveLength(2);
    expect((await w.t.run(async (ctx) => ctx.db.get("enrollmentRequests", requestId)))?.status).toBe("approved");
    expect(await audit(w, w.paidId)).toContain("request_approved");
  });

  test("a refund Stripe refuses leaves the request open and the seat as it was", async () => {
    const w = await world();
    daysBeforeStart(10);
    const requestId = await as(w.t, w.payer).mutation(api.enrollments.selfService.request, {
      enrollmentId: w.paidId,
      kind: "refund",
    });
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    await expectAppError(w.ops.action(api.enrollments.selfService.approve, { requestId }), "PAYMENT_FAILED");
    const request = await w.t.run(async (ctx) => ctx.db.get("enrollmentRequests", requestId));
    expect(request).toMatchObject({ status: "open" });
    expect(request?.approvingAt).toBeUndefined();
    expect((await enrollment(w.t, w.paidId)).refundRequestedAt).toBeUndefined();
    await as(w.t, w.payer).mutation(api.enrollments.selfService.withdraw, { requestId });
  });

  test("a member in their organization's private cohort is sent to their organization's administrator", async () => {
    const w = await world();
    const privateId = await w.t.run(async (ctx) => {
      const { _id, _creationTime, ...cohort } = (await ctx.db.get("cohorts", w.cohortId))!;
      return await ctx.db.insert("cohorts", {
        ...cohort,
        name: "Acme only",
        isB2B: true,
        organizationId: w.organizationId,
        currentEnrollment: 0,
        maxCapacity: 5,
      });
    });
    await w.ops.mutation(api.enrollments.operations.move, {
      enrollmentId: w.memberEnrollmentId,
      toCohortId: privateId,
    });
    daysBeforeStart(25);
    const member = as(w.t, w.member);
    expect(await member.query(api.enrollments.selfService.options, { enrollmentId: w.memberEnrollmentId })).toBeNull();
    await expectAppError(
      member.mutation(api.enrollments.selfService.transfer, {
        enrollmentId: w.memberEnrollmentId,
        toCohortId: w.laterCohortId,
      }),
      "NOT_AVAILABLE",
    );
    await expectAppError(
      member.action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: w.memberEnrollmentId }),
      "NOT_AVAILABLE",
    );
    expect((await enrollment(w.t, w.memberEnrollmentId)).cohortId).toBe(privateId);
  });

  test("a learner's own transfers are limited to three a day", async () => {
    const w = await world();
    daysBeforeStart(20);
    for (let i = 0; i < 3; i++) {
      await as(w.t, w.payer).mutation(api.enrollments.selfService.transfer, {
        enrollmentId: w.paidId,
        toCohortId: i % 2 === 0 ? w.laterCohortId : w.cohortId,
      });
    }
    await expectAppError(
      as(w.t, w.payer).mutation(api.enrollments.selfService.transfer, {
        enrollmentId: w.paidId,
        toCohortId: w.cohortId,
      }),
      "RATE_LIMITED",
    );
  });
});
