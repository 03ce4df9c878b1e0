/**
 * Seat accounting under random sequences that fill the cohort and keep pushing
 * (more buyers than seats): reservations, payments on time, late (after the
 * hold ended) and delayed (succeeding or failing later), expiries, refunds,
 * replays of old events under new event ids, and waitlist offers in between.
 */
import fc from "fast-check";
import { test } from "vitest";
import { useStripeTestEnvironment } from "./checkout-helpers";
import { newTest } from "./helpers";
import { EdgeCoverage, runs } from "./property-support";
import { CHECKOUT_EDGES, type Edge, operations, SeatWorld, type Step } from "./seat-world";

const stripe = useStripeTestEnvironment();

const BUYERS = 8;
const CAPACITY = 3;
const vStep = operations(
  {
    reserve: 10,
    pay: 5,
    payDelayed: 3,
    asyncSucceeded: 2,
    asyncFailed: 3,
    payLate: 3,
    holdTimeout: 2,
    stripeExpire: 1,
    cancel: 1,
    refund: 2,
    replay: 3,
    redeliver: 1,
    joinWaitlist: 5,
    acceptOffer: 4,
    offerTimeout: 1,
  },
  BUYERS,
);
/**
 * Every run starts with the seats held by three buyers (and five more wanting one), then goes where the random steps
 * take it.
 */
const SEATS_HELD: Step[] = [0, 1, 2].map((who) => ({ op: "reserve", who, pick: 0 }));
const vSteps = fc.array(vStep, { minLength: 20, maxLength: 40 }).map((steps) => [...SEATS_HELD, ...steps]);

/**
 * The edges this test watches; the waitlist's own (declining, expiring, paying an accepted offer, more capacity) are
 * the waitlist property's.
 */
const WATCHED = CHECKOUT_EDGES.filter((edge) => edge !== "waitlist offer declined" && edge !== "capacity raised");

test("seats counted = seats held ≤ capacity, one live enrollment per person, replays change nothing — reaching every edge", async () => {
  const coverage = new EdgeCoverage<Edge>("checkout", WATCHED);
  await fc.assert(
    fc.asyncProperty(vSteps, async (steps) => {
      coverage.startRun();
      const world = await SeatWorld.create(newTest(), { capacity: CAPACITY, buyers: BUYERS, coverage, stripe });
      let state = await world.read();
      for (const step of steps) {
        await world.apply(step, state);
        const next = await world.read();
        world.expectSeatInvariants(next);
        world.observe(state, next);
        state = next;
      }
    }),
    // No shrinking: one run is dozens of transactions, so shrinking takes minutes; a failure prints its seed and
    // sequence.
    { numRuns: runs(40), endOnFailure: true },
  );
  // Most runs fill the cohort and keep pushing; every other edge at least once (the waitlist's are printed, not
  // required).
  coverage.expectReached({
    "capacity reached": 0.9,
    "reserve refused: cohort full": 0.75,
    "accepted offer paid": 0,
    "waitlist offer expired": 0,
  });
}, 240_000);
