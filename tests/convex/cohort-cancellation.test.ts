/**
 * #18 Cancelling a cohort: sessions and reminders cancelled (no reminder afterwards, fake timers), office hours end,
 * the cohort's waitlist closes (people told, the course-level line kept), pending checkouts end, and every learner
 * gets exactly one choice — a transfer that uses the seat held for 7 days (released by the scheduler if unused), or a
 * full refund (b2c through Stripe's refund; b2b: the seat back to the organization's pool).
 */
import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { CHOICE_HOLD_MS } from "../../convex/enrollments/model/cancellation";
import { as, deliver, runScheduled, seedCohort, type T, useStripeTestEnvironment } from "./checkout-helpers";
import { addLiveSession, insertAnotherCohort } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { notificationTitles } from "./inbox";
import { seedPayerAndMember } from "./org-helpers";
import { refundedCharge } from "./stripe-events";

const stripe = useStripeTestEnvironment();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The December cohort (starts in 3 days, one live session with its reminders) with a paying learner, an Acme member
 * on Acme's seat, one person waiting and a course-level waiter; a later open cohort with 2 seats, its own session.
 */
async function world() {
  vi.setSystemTime(new Date("2026-11-02T08:00:00Z"));
  const t = newTest();
  const { courseId, cohortId, buyers } = await seedCohort(t, { buyers: 4, startsInDays: 3, capacity: 2 });
  const [payer, waiter, courseWaiter, other] = buyers;
  const laterCohortId = await t.run((ctx) =>
    insertAnotherCohort(ctx, cohortId, { name: "January cohort", daysLater: 40, maxCapacity: 2 }),
  );
  const roster = await seedPayerAndMember(t, cohortId, payer);
  const entryId = await as(t, waiter).mutation(api.waitlist.places.join, { cohortId });
  await addLiveSession(roster.ops, cohortId, "December kickoff", "2026-11-05T10:00");
  await addLiveSession(roster.ops, laterCohortId, "January kickoff", "2026-12-15T10:00");
  await runScheduled(t);
  return { t, courseId, cohortId, laterCohortId, payer, waiter, courseWaiter, other, entryId, ...roster };
}
type World = Awaited<ReturnType<typeof world>>;

async function choiceOf(w: World, userId: Id<"users">) {
  return await w.t.run(async (ctx) => {
    const all = await ctx.db.query("cohortChoices").collect();
    return all.filter((c) => c.userId === userId);
  });
}
const seats = async (t: T, cohortId: Id<"cohorts">) =>
  await t.run(async (ctx) => (await ctx.db.get("cohorts", cohortId))!.currentEnrollment);

describe("#18 cohort cancellation", () => {
  test("the cascade: sessions, reminders, office hours, the waitlist, and exactly one choice per learner with a held seat", async () => {
    const w = await world();
    await w.t.run(async (ctx) => {
      await ctx.db.insert("waitlist", {
        userId: w.courseWaiter,
        courseId: w.courseId,
        position: 1,
        status: "waiting",
        createdAt: 1,
        updatedAt: 1,
      });
    });
    expect(await w.ops.query(api.enrollments.cancellation.preview, { cohortId: w.cohortId })).toEqual({
      learners: 2,
      sessions: 1,
      waiting: 1,
      pendingCheckouts: 0,
    });
    expect(await w.ops.mutation(api.enrollments.cancellation.cancel, { cohortId: w.cohortId })).toEqual({
      learners: 2,
    });
    await runScheduled(w.t);
    const state = await w.t.run(async (ctx) => ({
      cohort: (await ctx.db.get("cohorts", w.cohortId))!,
      sessions: await ctx.db
        .query("cohortSessions")
        .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", w.cohortId))
        .collect(),
      reminders: await ctx.db.query("sessionReminders").collect(),
      waitlist: await ctx.db.query("waitlist").collect(),
      enrollments: await ctx.db
        .query("enrollments")
        .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", w.cohortId))
        .collect(),
    }));
    expect(state.cohort.status).toBe("cancelled");
    expect(state.sessions.map((s) => [s.status, s.sequence])).toEqual([["cancelled", 1]]);
    const sessionIds = new Set(state.sessions.map((s) => s._id));
    expect(state.reminders.filter((r) => sessionIds.has(r.cohortSessionId)).map((r) => r.status)).toEqual([
      "cancelled",
      "cancelled",
    ]);
    expect(state.waitlist.find((e) => e._id === w.entryId)!.status).toBe("cancelled");
    expect(state.waitlist.find((e) => e.userId === w.courseWaiter)!.status, "the course-level line is kept").toBe(
      "waiting",
    );
    for (const e of state.enrollments) expect(e.officeHoursEligibleUntil).toBeLessThanOrEqual(Date.now());
    for (const learner of [w.payer, w.member]) {
      const choices = await choiceOf(w, learner);
      expect(choices, "exactly one choice").toHaveLength(1);
      expect(choices[0]).toMatchObject({ status: "open", seatHeld: true, heldCohortId: w.laterCohortId });
      expect((await notificationTitles(w.t, learner)).filter((x) => x.includes("choose what happens"))).toHaveLength(1);
    }
    expect(await seats(w.t, w.laterCohortId), "both held seats count against January's capacity").toBe(2);
    expect(await notificationTitles(w.t, w.waiter)).toContain("December cohort was cancelled");
    const mail = await w.t.run(async (ctx) =>
      ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "maya@acme.com"))
        .collect(),
    );
    const cancelled = mail.find((m) => m.subject.endsWith("was cancelled"))!;
    expect(cancelled.actionUrl).toMatch(/\/learn\/choices\//);
    expect(cancelled.attachments![0].content).toContain("STATUS:CANCELLED");
    await expectAppError(
      w.ops.mutation(api.enrollments.cancellation.cancel, { cohortId: w.cohortId }),
      "COHORT_NOT_OPEN",
    );
    expect(await choiceOf(w, w.payer), "a second cancel gives no second choice").toHaveLength(1);
    await expectAppError(
      as(w.t, w.payer).mutation(api.enrollments.cancellation.cancel, { cohortId: w.laterCohortId }),
      "NOT_PLATFORM_ADMIN",
    );
    await expectAppError(
      w.ops.mutation(api.enrollments.operations.move, { enrollmentId: w.paidId, toCohortId: w.laterCohortId }),
      "ENROLLMENT_NOT_ACTIVE",
    );
    await expectAppError(
      w.ops.mutation(api.catalog.cohorts.save, {
        cohortId: w.laterCohortId,
        courseId: w.courseId,
        name: "January cohort",
        startDate: Date.now() + 43 * DAY,
        endDate: Date.now() + 45 * DAY,
        timezone: "Europe/Berlin",
        maxCapacity: 2,
        status: "cancelled",
      }),
      "INVALID_INPUT",
    );
  });

  test("a cancelled cohort sends no reminder afterwards, while the cohort a learner transferred to still reminds them", async () => {
    const w = await world();
    await w.ops.mutation(api.enrollments.cancellation.cancel, { cohortId: w.cohortId });
    const [choice] = await choiceOf(w, w.member);
    await as(w.t, w.member).mutation(api.enrollments.choices.transfer, {
      choiceId: choice._id,
      toCohortId: w.laterCohortId,
    });
    // Past the December session (in 3 days) and the January one (in 43).
    for (let day = 0; day < 45; day++) await runScheduled(w.t, DAY);
    const reminders = async (userId: Id<"users">) =>
      (await notificationTitles(w.t, userId))
        .filter((x) => x.startsWith("Tomorrow") || x.startsWith("In one hour"))
        .sort();
    expect(await reminders(w.payer)).toEqual([]);
    expect(await reminders(w.member)).toEqual(["In one hour: January kickoff", "Tomorrow: January kickoff"]);
    expect((await choiceOf(w, w.payer))[0], "the unused hold lapsed after 7 days").toMatchObject({
      status: "open",
      seatHeld: false,
    });
  });

  test("one click transfers into the held seat; the choice is made once; the learner's schedule follows", async () => {
    const w = await world();
    await w.ops.mutation(api.enrollments.cancellation.cancel, { cohortId: w.cohortId });
    const [choice] = await choiceOf(w, w.payer);
    const page = await as(w.t, w.payer).query(api.enrollments.choices.get, { choiceId: choice._id, now: Date.now() });
    expect(page).toMatchObject({
      status: "open",
      cancelledCohortName: "December cohort",
      refundSummary: "$1,497.00 back to the card you paid with.",
    });
    expect(page!.options.map((o) => [o.name, o.held])).toEqual([["January cohort", true]]);
    expect(
      await as(w.t, w.other).query(api.enrollments.choices.get, { choiceId: choice._id, now: Date.now() }),
    ).toBeNull();
    await expectAppError(
      as(w.t, w.other).mutation(api.enrollments.choices.transfer, {
        choiceId: choice._id,
        toCohortId: w.laterCohortId,
      }),
      "NOT_FOUND",
    );
    await as(w.t, w.payer).mutation(api.enrollments.choices.transfer, {
      choiceId: choice._id,
      toCohortId: w.laterCohortId,
    });
    const enrollment = await w.t.run(async (ctx) => (await ctx.db.get("enrollments", w.paidId))!);
    expect(enrollment).toMatchObject({ cohortId: w.laterCohortId, paymentStatus: "completed", seatHeld: true });
    expect(await seats(w.t, w.laterCohortId), "the held seat became the enrollment's: nothing taken twice").toBe(2);
    const mine = await as(w.t, w.payer).query(api.learning.cohorts.myCohorts, {});
    expect(mine.map((c) => c.cohortName)).toEqual(["January cohort"]);
    await expectAppError(
      as(w.t, w.payer).mutation(api.enrollments.choices.transfer, {
        choiceId: choice._id,
        toCohortId: w.laterCohortId,
      }),
      "CHOICE_MADE",
    );
    await expectAppError(
      as(w.t, w.payer).action(api.enrollments.choices.refund, { choiceId: choice._id }),
      "CHOICE_MADE",
    );
    const rows = await w.ops.query(api.enrollments.cancellation.choices, { cohortId: w.cohortId });
    expect(rows.map((r) => [r.learnerName, r.status, r.transferredToName ?? null]).sort()).toEqual([
      ["Buyer 0", "transferred", "January cohort"],
      ["Maya", "open", null],
    ]);
  });

  test("an unused hold is released after 7 days (January's seat goes to its waitlist); the learner can still choose", async () => {
    const w = await world();
    await w.ops.mutation(api.enrollments.cancellation.cancel, { cohortId: w.cohortId });
    expect(await seats(w.t, w.laterCohortId)).toBe(2);
    const waiting = await as(w.t, w.other).mutation(api.waitlist.places.join, { cohortId: w.laterCohortId });
    await runScheduled(w.t, CHOICE_HOLD_MS - HOUR);
    expect(await seats(w.t, w.laterCohortId), "still held a little before the 7 days").toBe(2);
    await runScheduled(w.t, 2 * HOUR);
    const entry = await w.t.run(async (ctx) => (await ctx.db.get("waitlist", waiting))!);
    expect(entry.status, "one freed seat went to January's waitlist").toBe("offered");
    expect(await seats(w.t, w.laterCohortId), "one offer + one free seat").toBe(1);
    const [choice] = await choiceOf(w, w.member);
    expect(choice).toMatchObject({ status: "open", seatHeld: false });
    await as(w.t, w.member).mutation(api.enrollments.choices.transfer, {
      choiceId: choice._id,
      toCohortId: w.laterCohortId,
    });
    expect(await seats(w.t, w.laterCohortId)).toBe(2);
  });

  test("refunds: b2c through Stripe's one refund path (charge.refunded ends the seat); b2b returns the seat to Acme's pool", async () => {
    const w = await world();
    await w.ops.mutation(api.enrollments.cancellation.cancel, { cohortId: w.cohortId });
    const [paid] = await choiceOf(w, w.payer);
    await as(w.t, w.payer).action(api.enrollments.choices.refund, { choiceId: paid._id });
    const enrollment = await w.t.run(async (ctx) => (await ctx.db.get("enrollments", w.paidId))!);
    const call = stripe.calls.find((c) => c.method === "POST" && c.path === "/v1/refunds")!;
    expect(call.params.get("payment_intent")).toBe(enrollment.stripePaymentIntentId);
    expect((await choiceOf(w, w.payer))[0]).toMatchObject({ status: "refund_requested", seatHeld: false });
    expect(await seats(w.t, w.laterCohortId), "the refunded learner's hold went back").toBe(1);
    await deliver(w.t, "charge.refunded", refundedCharge(enrollment));
    expect((await w.t.run(async (ctx) => ctx.db.get("enrollments", w.paidId)))!.paymentStatus).toBe("refunded");

    const [placed] = await choiceOf(w, w.member);
    const before = await w.t.run(async (ctx) => (await ctx.db.get("organizations", w.organizationId))!.seatsUsed);
    await as(w.t, w.member).action(api.enrollments.choices.refund, { choiceId: placed._id });
    const after = await w.t.run(async (ctx) => ({
      organization: (await ctx.db.get("organizations", w.organizationId))!,
      enrollment: (await ctx.db.get("enrollments", w.memberEnrollmentId))!,
    }));
    expect(after.organization.seatsUsed, "the seat is back in Acme's pool").toBe(before - 1);
    expect(after.enrollment).toMatchObject({ paymentStatus: "failed", seatHeld: false });
    expect(
      stripe.calls.filter((c) => c.path === "/v1/refunds"),
      "nothing to refund through Stripe for b2b",
    ).toHaveLength(1);
    expect(await seats(w.t, w.laterCohortId)).toBe(0);
  });
});
