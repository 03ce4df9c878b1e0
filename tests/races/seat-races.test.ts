/**
 * Seat and waitlist races through the real `convex` clients against the local backend: many WebSocket
 * connections send their mutations at once while checkout-session actions, Stripe's webhooks and refunds
 * run beside them (convex-test's own tests run one call after another, so there a burst is not a race).
 * After each race the cohort's count must equal the seats held, never above capacity, one live
 * enrollment per person.
 */
import { ConvexError } from "convex/values";
import type { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../convex/dev/model/demoData";
import { startStack, type Stack, waitUntil } from "./stack";

const DAY = 86_400_000;
const CAPACITY = 5;
const LEARNERS = 30;

type CohortRow = { maxCapacity: number; currentEnrollment: number };
type EnrollmentRow = { _id: string; email: string; paymentStatus: string; seatHeld: boolean; refundable: boolean };
type WaitlistRow = { _id: string; email: string; status: string; position: number };
type CheckoutStatus = { state: string; checkoutUrl?: string } | null;

const fn = {
  saveCourse: makeFunctionReference<"mutation", Record<string, unknown>, string>("catalog/courses:save"),
  saveCohort: makeFunctionReference<"mutation", Record<string, unknown>, string>("catalog/cohorts:save"),
  cohort: makeFunctionReference<"query", { cohortId: string }, CohortRow | null>("catalog/cohorts:get"),
  enrollments: makeFunctionReference<"query", { cohortId: string }, EnrollmentRow[]>("enrollments/roster:forCohort"),
  waitlist: makeFunctionReference<"query", { cohortId: string }, WaitlistRow[]>("waitlist/lines:forCohort"),
  refund: makeFunctionReference<"action", { enrollmentId: string }, { refundId: string }>(
    "payments/refunds:refundEnrollment",
  ),
  reserve: makeFunctionReference<"mutation", { cohortId: string }, string>("payments/checkout:reserve"),
  cancel: makeFunctionReference<"mutation", { enrollmentId: string }, null>("payments/checkout:cancel"),
  status: makeFunctionReference<"query", { enrollmentId: string }, CheckoutStatus>("payments/checkout:status"),
  join: makeFunctionReference<"mutation", { cohortId: string }, string>("waitlist/places:join"),
  accept: makeFunctionReference<"mutation", { entryId: string }, { enrollmentId: string }>("waitlist/offers:accept"),
};

/** The ConvexError code of a settled call, or "ok". */
const outcome = (result: PromiseSettledResult<unknown>) => {
  if (result.status === "fulfilled") return "ok";
  const error = result.reason as unknown;
  if (error instanceof ConvexError) return (error.data as { code: string }).code;
  throw error; // anything but an expected refusal is a bug
};
const tally = (results: Array<PromiseSettledResult<unknown>>) => {
  const counts: Record<string, number> = {};
  for (const r of results) counts[outcome(r)] = (counts[outcome(r)] ?? 0) + 1;
  return counts;
};

describe("races through the real clients on the local backend", () => {
  let stack: Stack;
  let admin: ConvexClient;
  let cohortId: string;
  const learners: Array<{ email: string; token: string; client: ConvexClient }> = [];

  /** Seats counted = enrollments holding a seat + open offers ≤ capacity; one live enrollment per person. */
  async function expectSeatInvariant() {
    const [cohort, enrollments, waitlist] = await Promise.all([
      admin.query(fn.cohort, { cohortId }),
      admin.query(fn.enrollments, { cohortId }),
      admin.query(fn.waitlist, { cohortId }),
    ]);
    const held = enrollments.filter((e) => e.seatHeld).length + waitlist.filter((w) => w.status === "offered").length;
    expect(cohort!.currentEnrollment, "seats counted on the cohort = seats held").toBe(held);
    expect(cohort!.currentEnrollment, "never over capacity").toBeLessThanOrEqual(cohort!.maxCapacity);
    const live = enrollments.filter(
      (e) => e.paymentStatus === "completed" || (e.paymentStatus === "pending" && e.seatHeld),
    );
    expect(new Set(live.map((e) => e.email)).size, "one live enrollment per person").toBe(live.length);
    return { cohort: cohort!, enrollments, waitlist };
  }

  beforeAll(async () => {
    stack = await startStack();
    await stack.admin("mutation", "dev/seed:run", {});
    const platformAdmin = DEMO_ACCOUNTS.find((a) => a.role === "platform_admin")!;
    admin = stack.client(await stack.signIn(platformAdmin.email));
    const courseId = await admin.mutation(fn.saveCourse, {
      title: "Race conditions",
      slug: "race-conditions",
      description: "A course only the race tests sell.",
      format: "cohort",
      level: "fundamentals",
      impact: "L1",
      priceB2C: 49_00,
      priceB2B: 39_00,
      maxParticipants: CAPACITY,
      status: "published",
      outcomes: [],
    });
    cohortId = await admin.mutation(fn.saveCohort, {
      courseId,
      name: "Race cohort",
      startDate: Date.now() + 30 * DAY,
      endDate: Date.now() + 32 * DAY,
      timezone: "UTC",
      maxCapacity: CAPACITY,
      status: "open",
    });
    for (let i = 0; i < LEARNERS; i++) {
      const email = `racer${i}@example.com`;
      const token = await stack.signIn(email);
      learners.push({ email, token, client: stack.client(token) });
    }
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  test("30 learners reserve the last 5 seats at once: exactly 5 holds, 25 clear COHORT_FULL refusals", async () => {
    const results = await Promise.allSettled(learners.map((l) => l.client.mutation(fn.reserve, { cohortId })));
    expect(tally(results)).toEqual({ ok: CAPACITY, COHORT_FULL: LEARNERS - CAPACITY });
    // Each hold gets its Stripe Checkout Session from the stand-in (an action running beside the others).
    const holders = learners.flatMap((l, i) => {
      const result = results[i];
      return result.status === "fulfilled" ? [{ ...l, enrollmentId: result.value }] : [];
    });
    for (const holder of holders) {
      await waitUntil(
        () => holder.client.query(fn.status, { enrollmentId: holder.enrollmentId }),
        (s) => s?.state === "ready",
        `${holder.email}'s checkout`,
      );
    }
    const { cohort } = await expectSeatInvariant();
    expect(cohort.currentEnrollment).toBe(CAPACITY);
  }, 120_000);

  test("holders pay at once while one cancels and the others keep reserving: nobody is overbooked", async () => {
    const { enrollments } = await expectSeatInvariant();
    const pending = enrollments.filter((e) => e.paymentStatus === "pending" && e.seatHeld);
    const holders = pending.map((e) => ({ ...e, client: learners.find((l) => l.email === e.email)!.client }));
    const urls = await Promise.all(
      holders.map(async (h) => (await h.client.query(fn.status, { enrollmentId: h._id }))!.checkoutUrl!),
    );
    const others = learners.filter((l) => !holders.some((h) => h.email === l.email)).slice(0, 10);
    const [paid, cancelled, reserved] = await Promise.all([
      // Everyone pays on the stand-in's hosted page; Stripe-signed webhooks reach the backend concurrently.
      Promise.all(
        urls.map((url) =>
          fetch(url, { method: "POST", body: new URLSearchParams({ action: "pay" }), redirect: "manual" }).then(
            (r) => r.status,
          ),
        ),
      ),
      Promise.allSettled([holders[0].client.mutation(fn.cancel, { enrollmentId: holders[0]._id })]),
      Promise.allSettled(others.map((l) => l.client.mutation(fn.reserve, { cohortId }))),
    ]);
    expect(paid.every((status) => status === 303 || status === 302)).toBe(true);
    // The cancel may lose to the payment (then it is refused), and a freed seat may go to one reserver.
    expect(["ok", "INVALID_INPUT"]).toContain(outcome(cancelled[0]));
    for (const r of reserved) expect(["ok", "COHORT_FULL"]).toContain(outcome(r));
    const settled = await waitUntil(
      () => admin.query(fn.enrollments, { cohortId }),
      (rows) => holders.every((h) => rows.find((r) => r._id === h._id)?.paymentStatus !== "pending"),
      "every payment to be applied",
    );
    expect(settled.filter((e) => e.paymentStatus === "completed").length).toBeGreaterThanOrEqual(CAPACITY - 1);
    await expectSeatInvariant();
  }, 120_000);

  test("a freed seat's offer accepted from several tabs at once while others reserve: one acceptance, no overbooking", async () => {
    const before = await expectSeatInvariant();
    expect(before.cohort.currentEnrollment).toBe(CAPACITY);
    const seated = new Set(
      before.enrollments.filter((e) => e.paymentStatus === "completed" || e.seatHeld).map((e) => e.email),
    );
    const waiting = learners.filter((l) => !seated.has(l.email)).slice(0, 6);
    for (const w of waiting) await w.client.mutation(fn.join, { cohortId }); // one after another: join order is the line
    // A paid seat is refunded by the platform admin: Stripe's charge.refunded frees it and it is offered to the first
    // in line.
    const paid = before.enrollments.find((e) => e.paymentStatus === "completed" && e.refundable)!;
    await admin.action(fn.refund, { enrollmentId: paid._id });
    const line = await waitUntil(
      () => admin.query(fn.waitlist, { cohortId }),
      (rows) => rows.some((r) => r.status === "offered"),
      "the freed seat's offer",
    );
    const offered = line.find((r) => r.status === "offered")!;
    expect(offered.email).toBe(waiting[0].email);
    await expectSeatInvariant();

    // The offered learner has the offer open in four tabs (four connections) and clicks Accept in each.
    const tabs = Array.from({ length: 4 }, () => stack.client(waiting[0].token));
    const accepts = await Promise.allSettled([
      ...tabs.map((tab) => tab.mutation(fn.accept, { entryId: offered._id })),
      ...waiting.slice(1, 3).map((w) => w.client.mutation(fn.accept, { entryId: offered._id })),
      ...learners
        .filter((l) => !seated.has(l.email) && !waiting.includes(l))
        .slice(0, 5)
        .map((l) => l.client.mutation(fn.reserve, { cohortId })),
    ]);
    const codes = accepts.map(outcome);
    expect(codes.slice(0, 4).filter((c) => c === "ok")).toHaveLength(1);
    expect(codes.slice(0, 4).filter((c) => c !== "ok")).toEqual(["OFFER_EXPIRED", "OFFER_EXPIRED", "OFFER_EXPIRED"]);
    expect(codes.slice(4, 6)).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    expect(new Set(codes.slice(6))).toEqual(new Set(["COHORT_FULL"]));
    const after = await expectSeatInvariant();
    expect(after.cohort.currentEnrollment).toBe(CAPACITY);
    expect(after.waitlist.find((r) => r._id === offered._id)?.status).toBe("enrolled");
  }, 120_000);
});
