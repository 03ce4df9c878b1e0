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
import { EdgeCoverage } from "./property-support";
import { EDGES, type Edge, operations, SeatWorld } from "./seat-world";

const stripe = useStripeTestEnvironment();

const BUYERS = 8;
const CAPACITY = 3;
const vStep = operations(
  {
    reserve: 10,
    pay: 5,
    payDelayed: 3,
    asyncSucceeded: 2,
    asyncFailed: 2,
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
/** The edges these operations can reach (declining offers and raising capacity belong to the waitlist property). */
const REACHED = EDGES.filter((edge) => edge !== "waitlist offer declined" && edge !== "capacity raised");

test("seats counted = seats held ≤ capacity, one live enrollment per person, replays change nothing — reaching every edge", async () => {
  const coverage = new EdgeCoverage<Edge>("checkout", REACHED);
  await fc.assert(
    fc.asyncProperty(fc.array(vStep, { minLength: 20, maxLength: 40 }), async (steps) => {
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
    // No shrinking: one run is dozens of transactions, so shrinking takes minutes; a failure prints its seed and sequence.
    { numRuns: 40, endOnFailure: true },
  );
  coverage.expectReached({ "capacity reached": 0.6, "reserve refused: cohort full": 0.5 });
}, 240_000);
