/**
 * Every change of an enrollment's payment or seat state goes through enrollments/model/state.ts, and every one
 * of them refreshes what managers see: each scenario below drives one change through the real functions (Stripe's
 * webhooks included) for a member of an organization, and checks that the change scheduled the refresh of that
 * member's dashboard rows and that the rows then show it. Unassigning and refunds used to miss theirs.
 */
import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import * as state from "../../convex/enrollments/model/state";
import { HOLD_MS } from "../../convex/payments/model/checkout";
import { as, deliver, runScheduled, type T, useStripeTestEnvironment } from "./checkout-helpers";
import { insertAnotherCohort, platformAdminRow } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { addUser, seedOrg } from "./org-helpers";
import { type PathWorld, seedPath } from "./path-helpers";
import { checkoutSession, refundedCharge } from "./stripe-events";

useStripeTestEnvironment();

/**
 * An organization with a member who holds one of its seats, two open public cohorts of one course, and a platform
 * admin.
 */
async function world() {
  const t = newTest();
  const { organizationId, adminId, courseId, cohortId } = await seedOrg(t, { seats: 5 });
  const memberId = await addUser(t, "maya@acme.com", { organizationId, holdsOrgSeat: true });
  const { laterCohortId, opsId } = await t.run(async (ctx) => {
    await ctx.db.patch("organizations", organizationId, { seatsUsed: 1 });
    return {
      laterCohortId: await insertAnotherCohort(ctx, cohortId, { name: "February cohort", daysLater: 60 }),
      opsId: await ctx.db.insert("users", platformAdminRow()),
    };
  });
  await t.mutation(internal.dashboards.members.refresh, { userIds: [memberId] });
  return {
    t,
    organizationId,
    admin: as(t, adminId),
    member: as(t, memberId),
    memberId,
    courseId,
    cohortId,
    laterCohortId,
    ops: as(t, opsId),
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** Refresh jobs ever scheduled for this member (pending or run). */
async function refreshesFor(t: T, userId: Id<"users">) {
  const jobs = await t.run(async (ctx) => ctx.db.system.query("_scheduled_functions").collect());
  return jobs.filter(
    (job) =>
      job.name === "dashboards/members:refresh" && (job.args[0] as { userIds: string[] }).userIds.includes(userId),
  ).length;
}

/** What the member's organization dashboard row says about their enrollments (null: no row). */
async function figures(t: T, userId: Id<"users">) {
  const rows = await t.run(async (ctx) =>
    ctx.db
      .query("memberStats")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .collect(),
  );
  const row = rows.find((r) => r.teamId === undefined);
  return row ? { total: row.enrollmentsTotal, inProgress: row.enrollmentsInProgress } : null;
}

async function latestEnrollment(t: T, userId: Id<"users">) {
  return await t.run(async (ctx) =>
    (
      await ctx.db
        .query("enrollments")
        .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId))
        .collect()
    ).at(-1)!,
  );
}

/** The member reserves a seat in the first cohort and Stripe's Checkout Session is created. */
async function reserve(w: World) {
  await w.member.mutation(api.payments.checkout.reserve, { cohortId: w.cohortId });
  await runScheduled(w.t);
  return await latestEnrollment(w.t, w.memberId);
}

async function pay(w: World, enrollment: Doc<"enrollments">, options: { paid: boolean } = { paid: true }) {
  const response = await deliver(w.t, "checkout.session.completed", checkoutSession(enrollment, options));
  expect(response.status).toBe(200);
}

async function assign(w: World) {
  const enrollmentId = await w.admin.mutation(api.organizations.members.assignCohort, {
    organizationId: w.organizationId,
    memberId: w.memberId,
    cohortId: w.cohortId,
  });
  await runScheduled(w.t);
  return enrollmentId;
}

/** `assign`, in a course whose policy allows self-service until the day before the start. */
async function assignWithPolicy(w: World) {
  await w.t.run(async (ctx) =>
    ctx.db.patch("courses", w.courseId, { transferDaysBeforeStart: 1, refundDaysBeforeStart: 1 }),
  );
  return await assign(w);
}

type Scenario = {
  /** The state.ts functions the change goes through. */
  through: Array<keyof typeof state>;
  arrange?: (w: World) => Promise<unknown>;
  act: (w: World, arranged: never) => Promise<unknown>;
  /** The member's organization row afterwards. */
  after: { total: number; inProgress: number } | null;
};

const SCENARIOS: Record<string, Scenario> = {
  "a seat held for checkout, and its Checkout Session": {
    through: ["holdSeatForCheckout", "attachCheckoutSession"],
    act: reserve,
    after: { total: 0, inProgress: 0 },
  },
  "a payment confirmed by Stripe's webhook": {
    through: ["confirmPayment"],
    arrange: reserve,
    act: (w, enrollment: Doc<"enrollments">) => pay(w, enrollment),
    after: { total: 1, inProgress: 1 },
  },
  "a hold that expires unpaid": {
    through: ["endPending"],
    arrange: reserve,
    act: async (w) => await runScheduled(w.t, HOLD_MS + 1_000),
    after: { total: 0, inProgress: 0 },
  },
  "a delayed payment processing, then declined": {
    through: ["awaitDelayedPayment", "endPending"],
    arrange: reserve,
    act: async (w, enrollment: Doc<"enrollments">) => {
      await pay(w, enrollment, { paid: false });
      await deliver(w.t, "checkout.session.async_payment_failed", checkoutSession(enrollment, { paid: false }));
    },
    after: { total: 0, inProgress: 0 },
  },
  "a checkout the learner cancels": {
    through: ["endPending"],
    arrange: reserve,
    act: (w, enrollment: Doc<"enrollments">) =>
      w.member.mutation(api.payments.checkout.cancel, { enrollmentId: enrollment._id }),
    after: { total: 0, inProgress: 0 },
  },
  "a platform admin asking Stripe for a refund": {
    through: ["recordRefundRequest"],
    arrange: async (w) => {
      const enrollment = await reserve(w);
      await pay(w, enrollment);
      return enrollment;
    },
    act: (w, enrollment: Doc<"enrollments">) =>
      w.ops.action(api.payments.refunds.refundEnrollment, { enrollmentId: enrollment._id }),
    after: { total: 1, inProgress: 1 },
  },
  "a partial refund (the learner keeps the seat)": {
    through: ["recordPartialRefund"],
    arrange: async (w) => {
      const enrollment = await reserve(w);
      await pay(w, enrollment);
      return enrollment;
    },
    act: (w, enrollment: Doc<"enrollments">) => deliver(w.t, "charge.refunded", refundedCharge(enrollment, 10_000)),
    after: { total: 1, inProgress: 1 },
  },
  "a refund in full (charge.refunded)": {
    through: ["refundInFull"],
    arrange: async (w) => {
      const enrollment = await reserve(w);
      await pay(w, enrollment);
      return enrollment;
    },
    act: (w, enrollment: Doc<"enrollments">) => deliver(w.t, "charge.refunded", refundedCharge(enrollment)),
    after: { total: 0, inProgress: 0 },
  },
  "a late payment for someone enrolled since, refunded and noted": {
    through: ["noteCheckoutError"],
    arrange: async (w) => {
      const enrollment = await reserve(w);
      await runScheduled(w.t, HOLD_MS + 1_000);
      await w.admin.mutation(api.organizations.members.assignCohort, {
        organizationId: w.organizationId,
        memberId: w.memberId,
        cohortId: w.laterCohortId,
      });
      await runScheduled(w.t);
      return enrollment;
    },
    act: (w, enrollment: Doc<"enrollments">) => pay(w, enrollment),
    after: { total: 1, inProgress: 1 },
  },
  "an organization placing its member in a cohort": {
    through: ["enrollConfirmed"],
    act: assign,
    after: { total: 1, inProgress: 1 },
  },
  "a seat a learning path gives (the organization enrolled its member in the path)": {
    through: ["enrollWithPathSeat"],
    arrange: async (w) => {
      const path = await seedPath(w.t, [{ unlockRule: "immediate" }], { slug: "org-track" });
      const pathEnrollmentId = await w.admin.mutation(api.paths.organization.enrollMember, {
        organizationId: w.organizationId,
        memberId: w.memberId,
        pathId: path.pathId,
      });
      await runScheduled(w.t);
      return { path, pathEnrollmentId };
    },
    act: (w, { path, pathEnrollmentId }: { path: PathWorld; pathEnrollmentId: Id<"userPathEnrollments"> }) =>
      w.member.mutation(api.paths.seats.take, {
        pathEnrollmentId,
        stepId: path.stepIds[0],
        cohortId: path.cohortIds[0],
      }),
    after: { total: 1, inProgress: 1 },
  },
  "an organization moving its member to another cohort": {
    through: ["moveToCohort"],
    arrange: assign,
    act: (w, enrollmentId: Id<"enrollments">) =>
      w.admin.mutation(api.organizations.members.moveCohort, {
        organizationId: w.organizationId,
        enrollmentId,
        toCohortId: w.laterCohortId,
      }),
    after: { total: 1, inProgress: 1 },
  },
  "a learner answering the intake survey of their seat": {
    through: ["recordIntakeSurvey"],
    arrange: assign,
    act: (w, enrollmentId: Id<"enrollments">) =>
      w.member.mutation(api.learning.intake.submit, {
        enrollmentId,
        jobRole: "Analyst",
        aiExperience: "weekly",
        goals: "Automate reports.",
      }),
    after: { total: 1, inProgress: 1 },
  },
  "an organization taking its member out of a cohort": {
    through: ["unassign"],
    arrange: assign,
    act: (w, enrollmentId: Id<"enrollments">) =>
      w.admin.mutation(api.organizations.members.unassignCohort, { organizationId: w.organizationId, enrollmentId }),
    after: { total: 0, inProgress: 0 },
  },
  "an organization removing its member (placed enrollments end)": {
    through: ["unassign"],
    arrange: assign,
    act: (w) =>
      w.admin.mutation(api.organizations.members.remove, { organizationId: w.organizationId, memberId: w.memberId }),
    after: null,
  },
  "#18 a platform admin adding the member by hand, on their organization's seat": {
    through: ["enrollByAdmin"],
    act: (w) =>
      w.ops.mutation(api.enrollments.operations.add, {
        cohortId: w.cohortId,
        email: "maya@acme.com",
        payment: { kind: "organization", organizationId: w.organizationId },
      }),
    after: { total: 1, inProgress: 1 },
  },
  "#18 a platform admin moving the member's enrollment to another cohort": {
    through: ["moveToCohort"],
    arrange: assign,
    act: (w, enrollmentId: Id<"enrollments">) =>
      w.ops.mutation(api.enrollments.operations.move, { enrollmentId, toCohortId: w.laterCohortId }),
    after: { total: 1, inProgress: 1 },
  },
  "#18 a platform admin removing the member's enrollment": {
    through: ["removeByAdmin"],
    arrange: assign,
    act: (w, enrollmentId: Id<"enrollments">) => w.ops.mutation(api.enrollments.operations.remove, { enrollmentId }),
    after: { total: 0, inProgress: 0 },
  },
  "#18 a platform admin cancelling the member's cohort (office hours end; the seat waits for their choice)": {
    through: ["endOfficeHoursEligibility"],
    arrange: assign,
    act: (w) => w.ops.mutation(api.enrollments.cancellation.cancel, { cohortId: w.cohortId }),
    // Still enrolled until they choose, but a cancelled cohort is not in progress.
    after: { total: 1, inProgress: 0 },
  },
  "#18 the member transferring themselves within the course's transfer window": {
    through: ["moveToCohort"],
    arrange: assignWithPolicy,
    act: (w, enrollmentId: Id<"enrollments">) =>
      w.member.mutation(api.enrollments.selfService.transfer, { enrollmentId, toCohortId: w.laterCohortId }),
    after: { total: 1, inProgress: 1 },
  },
  "#18 the member cancelling within the refund window (the seat goes back to the organization's pool)": {
    through: ["cancelByLearner"],
    arrange: assignWithPolicy,
    act: (w, enrollmentId: Id<"enrollments">) =>
      w.member.action(api.enrollments.selfService.cancelWithRefund, { enrollmentId }),
    after: { total: 0, inProgress: 0 },
  },
  "#18 a learner's refund that Stripe refuses (claimed first, the claim lifted again)": {
    through: ["recordRefundRequest", "clearRefundRequest"],
    arrange: async (w) => {
      await w.t.run(async (ctx) => ctx.db.patch("courses", w.courseId, { refundDaysBeforeStart: 1 }));
      const enrollment = await reserve(w);
      await pay(w, enrollment);
      return enrollment;
    },
    act: async (w, enrollment: Doc<"enrollments">) => {
      vi.stubEnv("STRIPE_SECRET_KEY", "");
      await expectAppError(
        w.member.action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: enrollment._id }),
        "PAYMENT_FAILED",
      );
      const after = await w.t.run(async (ctx) => ctx.db.get("enrollments", enrollment._id));
      expect(after?.refundRequestedAt).toBeUndefined();
    },
    after: { total: 1, inProgress: 1 },
  },
  "a waitlist offer accepted with the organization's seat": {
    through: ["enrollFromOffer"],
    arrange: async (w) => {
      // The cohort's last seat is someone's checkout hold; the member waits, the hold is cancelled, the seat is
      // offered.
      const buyer = await addUser(w.t, "buyer@example.com");
      await w.t.run(async (ctx) => ctx.db.patch("cohorts", w.cohortId, { maxCapacity: 1 }));
      const hold = await as(w.t, buyer).mutation(api.payments.checkout.reserve, { cohortId: w.cohortId });
      const entryId = await w.member.mutation(api.waitlist.places.join, { cohortId: w.cohortId });
      await as(w.t, buyer).mutation(api.payments.checkout.cancel, { enrollmentId: hold });
      await runScheduled(w.t);
      return entryId;
    },
    act: (w, entryId: Id<"waitlist">) => w.member.mutation(api.waitlist.offers.accept, { entryId }),
    after: { total: 1, inProgress: 1 },
  },
};

describe("#16 every enrollment state change refreshes the dashboards", () => {
  test("every change of enrollments/model/state.ts is driven by a scenario here", () => {
    const changes = Object.entries(state)
      .filter(([, value]) => typeof value === "function")
      .map(([name]) => name);
    const covered = new Set(Object.values(SCENARIOS).flatMap((scenario) => scenario.through));
    expect(changes.filter((name) => !covered.has(name as keyof typeof state))).toEqual([]);
    expect([...covered].filter((name) => !changes.includes(name))).toEqual([]);
  });

  test.each(Object.keys(SCENARIOS))("%s", async (name) => {
    const scenario = SCENARIOS[name];
    const w = await world();
    const arranged = scenario.arrange ? await scenario.arrange(w) : undefined;
    const before = await refreshesFor(w.t, w.memberId);
    await scenario.act(w, arranged as never);
    expect(await refreshesFor(w.t, w.memberId), "the change scheduled a refresh of the member's rows").toBeGreaterThan(
      before,
    );
    await runScheduled(w.t);
    expect(await figures(w.t, w.memberId)).toEqual(scenario.after);
  });
});
