/**
 * Seat accounting under random sequences that fill the cohort and keep pushing
 * (more buyers than seats): reservations, payments on time, late (after the
 * hold ended) and delayed (succeeding or failing later), expiries, refunds,
 * replays of old events under new event ids, and waitlist offers in between.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { HOLD_MS } from "../../convex/model/checkout";
import { as, deliver, seedCohort, type T, useStripeTestEnvironment } from "./checkout-helpers";
import { newTest } from "./helpers";
import { allowRefusal, EdgeCoverage, settle, weighted } from "./property-support";
import { checkoutSession, expiredSession, refundedCharge } from "./stripe-events";

const stripe = useStripeTestEnvironment();

const BUYERS = 8;
const CAPACITY = 3;
const OFFER_WINDOW_MS = 48 * 60 * 60 * 1000;

const vOp = fc.record({
  op: weighted([
    ["reserve", 10],
    ["pay", 5],
    ["payDelayed", 3],
    ["asyncSucceeded", 2],
    ["asyncFailed", 2],
    ["payLate", 3],
    ["holdTimeout", 2],
    ["stripeExpire", 1],
    ["cancel", 1],
    ["refund", 2],
    ["replay", 3],
    ["redeliver", 1],
    ["joinWaitlist", 5],
    ["acceptOffer", 4],
    ["offerTimeout", 1],
  ]),
  who: fc.nat(BUYERS - 1),
  pick: fc.nat(),
});
type Op = typeof vOp extends fc.Arbitrary<infer O> ? O : never;

const EDGES = [
  "capacity reached",
  "reserve refused: cohort full",
  "paid on time",
  "delayed payment succeeded",
  "delayed payment failed",
  "hold expired",
  "late payment took a free seat",
  "late payment, cohort full",
  "refund",
  "replay under a new event id",
  "redelivery of the same event",
  "joined the waitlist",
  "waitlist offer made",
  "waitlist offer accepted",
] as const;
type Edge = (typeof EDGES)[number];

type State = { cohort: Doc<"cohorts">; enrollments: Array<Doc<"enrollments">>; waitlist: Array<Doc<"waitlist">>; emails: number; stripeCalls: number };

async function readState(t: T, cohortId: Id<"cohorts">): Promise<State> {
  return await t.run(async (ctx) => ({
    cohort: (await ctx.db.get("cohorts", cohortId))!,
    enrollments: await ctx.db.query("enrollments").withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohortId)).collect(),
    waitlist: await ctx.db.query("waitlist").withIndex("by_cohortId_and_position", (q) => q.eq("cohortId", cohortId)).collect(),
    emails: (await ctx.db.query("devEmails").collect()).length,
    stripeCalls: stripe.calls.length,
  }));
}

/** The state without `updatedAt` stamps: rewriting a field with the value it has is no change. */
const comparable = ({ cohort, enrollments, waitlist, ...counts }: State) => {
  const strip = <D extends { updatedAt: number }>({ updatedAt: _, ...rest }: D) => rest;
  return { cohort: strip(cohort), enrollments: enrollments.map(strip), waitlist: waitlist.map(strip), ...counts };
};

/** An event that reports a checkout as paid. */
const paysFor = (event: { type: string; object: Record<string, unknown> }) =>
  event.type === "checkout.session.async_payment_succeeded" || (event.type === "checkout.session.completed" && event.object.payment_status === "paid");

const live = (e: Doc<"enrollments">) => e.paymentStatus === "completed" || (e.paymentStatus === "pending" && e.seatHeld);
const choose = <X>(candidates: X[], pick: number, preferred?: (x: X) => boolean) =>
  candidates.find((x) => preferred?.(x)) ?? (candidates.length > 0 ? candidates[pick % candidates.length] : undefined);

/**
 * KNOWN DEFECTS in code "pay" is rewriting (issue #15, items 10–12), reported there and shown by the
 * `test.fails` examples in payment-guards.test.ts. Until the fixes are merged the property tolerates exactly
 * these two cases and nothing else; set each to false when its example test passes.
 * - A late payment for an ended checkout is confirmed even when the buyer has since reserved or bought another
 *   seat in the course, so they hold two live enrollments.
 * - A late payment refunded for lack of a seat is confirmed (or refunded again) when its event is replayed
 *   under a new event id.
 */
const KNOWN_DEFECTS = { secondEnrollmentFromLatePayment: true, replayedRefundedLatePayment: true };

/** A late payment that found no seat: still failed, its payment intent kept for the automatic refund. */
const refundedLatePayment = (e: Doc<"enrollments">) => e.paymentStatus === "failed" && e.stripePaymentIntentId !== undefined;

/** The invariants every state must keep; `tolerated` are buyers with the known defect above. */
function expectInvariants(state: State, buyers: Array<Id<"users">>, tolerated: ReadonlySet<Id<"users">>) {
  const { cohort, enrollments, waitlist } = state;
  const held = enrollments.filter((e) => e.seatHeld).length + waitlist.filter((w) => w.seatHeld).length;
  expect(cohort.currentEnrollment, "seats counted on the cohort = enrollments and offers holding a seat").toBe(held);
  expect(cohort.currentEnrollment, "never over capacity").toBeLessThanOrEqual(cohort.maxCapacity);
  for (const e of enrollments) {
    if (e.paymentStatus === "completed") expect(e.seatHeld, "a paid enrollment holds its seat").toBe(true);
    if (e.paymentStatus === "failed" || e.paymentStatus === "refunded") expect(e.seatHeld, "an ended enrollment holds no seat").toBe(false);
  }
  for (const buyer of buyers) {
    const allowed = KNOWN_DEFECTS.secondEnrollmentFromLatePayment && tolerated.has(buyer) ? 2 : 1;
    expect(enrollments.filter((e) => e.userId === buyer && live(e)).length, "at most one live enrollment per person and course").toBeLessThanOrEqual(allowed);
    const seats = enrollments.filter((e) => e.userId === buyer && e.seatHeld).length + waitlist.filter((w) => w.userId === buyer && w.seatHeld).length;
    expect(seats, "at most one seat per person").toBeLessThanOrEqual(allowed);
  }
}

test("seats counted = seats held ≤ capacity, one live enrollment per person, replays change nothing — reaching every edge", async () => {
  const coverage = new EdgeCoverage<Edge>("checkout", EDGES);
  await fc.assert(
    fc.asyncProperty(fc.array(vOp, { minLength: 20, maxLength: 40 }), async (ops) => {
      coverage.startRun();
      const t = newTest();
      const { cohortId, buyers } = await seedCohort(t, { capacity: CAPACITY, buyers: BUYERS, startsInDays: 365 });
      const secondEnrollment = new Set<Id<"users">>();
      const delivered: Array<{ id: string; type: string; object: Record<string, unknown> }> = [];
      let nextEvent = 0;

      /** Delivers a webhook; anything but 200 (a bad signature, a crash) fails the property. */
      const send = async (type: string, object: Record<string, unknown>, id = `evt_prop_${++nextEvent}`) => {
        const response = await deliver(t, type, object, { id });
        expect(response.status, `${type} answered ${response.status}: ${await response.clone().text()}`).toBe(200);
        delivered.push({ id, type, object });
      };

      const step = async ({ op, who, pick }: Op, before: State) => {
        const buyer = buyers[who];
        const mine = (e: { userId: Id<"users"> }) => e.userId === buyer;
        const open = before.enrollments.filter((e) => e.paymentStatus === "pending" && e.seatHeld && e.stripeCheckoutSessionId && !e.awaitingAsyncPayment);
        switch (op) {
          case "reserve": {
            // Someone without a seat tries (buyers outnumber seats, so this keeps pushing on a full cohort).
            const seated = new Set([...before.enrollments.filter(live).map((e) => e.userId), ...before.waitlist.filter((w) => w.seatHeld).map((w) => w.userId)]);
            const buyer = choose(buyers.filter((b) => !seated.has(b)), pick, (b) => b === buyers[who]) ?? buyers[who];
            const result = await allowRefusal(as(t, buyer).mutation(api.checkout.reserve, { cohortId }), ["COHORT_FULL", "ALREADY_ENROLLED", "INVALID_INPUT"]);
            if (!result.ok && result.code === "COHORT_FULL") coverage.hit("reserve refused: cohort full");
            break;
          }
          case "pay":
          case "payDelayed": {
            const target = choose(open, pick, mine);
            if (!target) break;
            await send("checkout.session.completed", checkoutSession(target, { paid: op === "pay" }));
            if (op === "pay") coverage.hit("paid on time");
            break;
          }
          case "asyncSucceeded":
          case "asyncFailed": {
            const target = choose(before.enrollments.filter((e) => e.paymentStatus === "pending" && e.awaitingAsyncPayment), pick, mine);
            if (!target) break;
            if (op === "asyncSucceeded") await send("checkout.session.async_payment_succeeded", checkoutSession(target, { paid: true }));
            else await send("checkout.session.async_payment_failed", checkoutSession(target, { paid: false }));
            coverage.hit(op === "asyncSucceeded" ? "delayed payment succeeded" : "delayed payment failed");
            break;
          }
          case "payLate": {
            // The buyer paid at the last moment; Stripe's webhook arrives after the hold ended.
            const ended = before.enrollments.filter(
              (e) => e.paymentStatus === "failed" && e.stripeCheckoutSessionId && (e.failureReason === "hold_expired" || e.failureReason === "checkout_expired" || e.failureReason === "cancelled"),
            );
            const target = choose(ended, pick, mine);
            if (!target) break;
            await send("checkout.session.completed", checkoutSession(target, { paid: true }));
            const after = (await readState(t, cohortId)).enrollments.find((e) => e._id === target._id)!;
            if (after.paymentStatus === "completed" && before.enrollments.some((e) => e.userId === target.userId && live(e))) {
              secondEnrollment.add(target.userId);
            }
            if (after.paymentStatus === "completed") coverage.hit("late payment took a free seat");
            else if (before.cohort.currentEnrollment >= before.cohort.maxCapacity) coverage.hit("late payment, cohort full");
            break;
          }
          case "holdTimeout":
            await settle(t, HOLD_MS + 1000);
            break;
          case "stripeExpire": {
            const target = choose(open, pick, mine);
            if (target) await send("checkout.session.expired", expiredSession(target));
            break;
          }
          case "cancel": {
            const target = before.enrollments.find((e) => mine(e) && e.paymentStatus === "pending");
            if (target) await allowRefusal(as(t, buyer).mutation(api.checkout.cancel, { enrollmentId: target._id }), ["INVALID_INPUT"]);
            break;
          }
          case "refund": {
            const target = choose(before.enrollments.filter((e) => e.paymentStatus === "completed" && e.stripePaymentIntentId), pick, mine);
            if (!target) break;
            await send("charge.refunded", refundedCharge(target));
            coverage.hit("refund");
            break;
          }
          case "replay":
          case "redeliver": {
            if (delivered.length === 0) break;
            const old = op === "replay" ? delivered[pick % delivered.length] : delivered[delivered.length - 1];
            // Stripe retries carry the same event id; a replay is the same content under a new id. Neither may change anything.
            await send(old.type, old.object, op === "replay" ? undefined : old.id);
            await settle(t);
            const target = before.enrollments.find((e) => e._id === old.object.client_reference_id);
            if (KNOWN_DEFECTS.replayedRefundedLatePayment && op === "replay" && paysFor(old) && target && refundedLatePayment(target)) {
              const after = (await readState(t, cohortId)).enrollments.find((e) => e._id === target._id)!;
              if (after.paymentStatus === "completed" && before.enrollments.some((e) => e.userId === target.userId && live(e))) secondEnrollment.add(target.userId);
              break;
            }
            expect(comparable(await readState(t, cohortId)), `${op} of ${old.type} (${old.id}) changed the state`).toEqual(comparable(before));
            coverage.hit(op === "replay" ? "replay under a new event id" : "redelivery of the same event");
            break;
          }
          case "joinWaitlist": {
            const busy = new Set([...before.enrollments.filter(live).map((e) => e.userId), ...before.waitlist.filter((w) => w.status === "waiting" || w.status === "offered").map((w) => w.userId)]);
            const joiner = choose(buyers.filter((b) => !busy.has(b)), pick, (b) => b === buyer) ?? buyer;
            const joined = await allowRefusal(as(t, joiner).mutation(api.waitlist.join, { cohortId }), ["ALREADY_WAITLISTED", "ALREADY_ENROLLED", "INVALID_INPUT"]);
            if (joined.ok) coverage.hit("joined the waitlist");
            break;
          }
          case "acceptOffer": {
            const offer = choose(before.waitlist.filter((w) => w.status === "offered"), pick, mine);
            if (!offer) break;
            const result = await allowRefusal(as(t, offer.userId).mutation(api.waitlist.accept, { entryId: offer._id }), ["OFFER_EXPIRED"]);
            if (result.ok) coverage.hit("waitlist offer accepted");
            break;
          }
          case "offerTimeout":
            await settle(t, OFFER_WINDOW_MS + 1000);
            break;
        }
      };

      let state = await readState(t, cohortId);
      for (const op of ops) {
        await step(op, state);
        await settle(t);
        const next = await readState(t, cohortId);
        expectInvariants(next, buyers, secondEnrollment);
        if (next.cohort.currentEnrollment === next.cohort.maxCapacity) coverage.hit("capacity reached");
        const newlyExpired = next.enrollments.filter((e) => e.failureReason === "hold_expired" && state.enrollments.find((p) => p._id === e._id)?.paymentStatus === "pending");
        if (newlyExpired.length > 0) coverage.hit("hold expired");
        if (next.waitlist.some((w) => w.status === "offered")) coverage.hit("waitlist offer made");
        state = next;
      }
    }),
    // No shrinking: one run is dozens of transactions, so shrinking takes minutes; a failure prints its seed and sequence.
    { numRuns: 40, endOnFailure: true },
  );
  coverage.expectReached({ "capacity reached": 0.6, "reserve refused: cohort full": 0.5 });
}, 240_000);
