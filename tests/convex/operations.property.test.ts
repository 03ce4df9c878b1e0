/**
 * #18 Seat accounting when a platform admin works by hand in the middle of sales: random sequences mix adding a
 * learner (comp or paid offline), moving an enrollment between the course's two cohorts, removing one, cancelling
 * the first cohort and its learners' choices (transfer into the held seat or without one, refund, the 7-day hold
 * lapsing), learners' own transfers and cancellations inside the course's windows (#18 self-service) with reservations, payments, refunds, replayed webhooks and the waitlist. After every step both cohorts count exactly
 * the seats held — enrollments, offers and cancellation holds — (never above capacity), each person has at most one live enrollment in the course and one seat,
 * nobody holding a seat waits, and no seat of the first cohort idles while someone waits for it.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { useStripeTestEnvironment } from "./checkout-helpers";
import { newTest } from "./helpers";
import { EdgeCoverage, runs } from "./property-support";
import {
  type Edge,
  live,
  OPERATION_EDGES,
  operations,
  SeatWorld,
  SELF_SERVICE_EDGES,
  type State,
  type Step,
} from "./seat-world";

const stripe = useStripeTestEnvironment();

const PEOPLE = 7;
const CAPACITY = 2;
const vStep = operations(
  {
    adminAdd: 6,
    adminMove: 6,
    adminRemove: 4,
    reserve: 5,
    pay: 5,
    holdTimeout: 1,
    refund: 2,
    replay: 2,
    joinWaitlist: 5,
    acceptOffer: 4,
    declineOffer: 1,
    offerTimeout: 1,
    cancelCohort: 3,
    chooseTransfer: 4,
    chooseRefund: 3,
    choiceHoldTimeout: 2,
    selfTransfer: 4,
    selfRefund: 3,
  },
  PEOPLE,
);
/** Every run starts with the first cohort sold out (one paid seat, one comp seat) and two people in line. */
const SOLD_OUT_WITH_A_LINE: Step[] = [
  { op: "reserve", who: 0, pick: 0 },
  { op: "pay", who: 0, pick: 0 },
  { op: "adminAdd", who: 1, pick: 2 },
  { op: "joinWaitlist", who: 2, pick: 0 },
  { op: "joinWaitlist", who: 3, pick: 0 },
];
const vSteps = fc.array(vStep, { minLength: 20, maxLength: 40 }).map((steps) => [...SOLD_OUT_WITH_A_LINE, ...steps]);

const WATCHED: readonly Edge[] = [
  ...OPERATION_EDGES,
  ...SELF_SERVICE_EDGES,
  "waitlist offer made",
  "waitlist offer accepted",
  "accepted offer paid",
  "paid on time",
  "refund",
];

/** Nobody both holds a seat in the course and waits; a free seat of the first cohort never idles while people wait. */
function expectLineInvariants(state: State, people: ReadonlyArray<State["enrollments"][number]["userId"]>) {
  const enrollments = [...state.enrollments, ...state.other.enrollments];
  for (const person of people) {
    const seated = enrollments.some((e) => e.userId === person && live(e));
    const waiting = state.waitlist.some((w) => w.userId === person && w.status === "waiting");
    expect(seated && waiting, "nobody both holds a seat and waits").toBe(false);
  }
  if (state.cohort.currentEnrollment < state.cohort.maxCapacity)
    expect(
      state.waitlist.filter((w) => w.status === "waiting"),
      "a free seat idles while people wait",
    ).toEqual([]);
}

test("#18 admin add / move / remove, cohort cancellation, learners' choices and learners' self-service transfer and refund among checkout and waitlist steps keep both cohorts' seats exact — reaching every edge", async () => {
  const coverage = new EdgeCoverage<Edge>("operations", WATCHED);
  await fc.assert(
    fc.asyncProperty(vSteps, async (steps) => {
      coverage.startRun();
      const world = await SeatWorld.create(newTest(), { capacity: CAPACITY, buyers: PEOPLE, coverage, stripe });
      let state = await world.read();
      for (const step of steps) {
        await world.apply(step, state);
        const next = await world.read();
        world.expectSeatInvariants(next);
        expectLineInvariants(next, world.buyers);
        world.observe(state, next);
        state = next;
      }
    }),
    // No shrinking: one run is dozens of transactions; a failure prints its seed and sequence.
    { numRuns: runs(40), endOnFailure: true },
  );
  coverage.expectReached({
    // Required shares sit three to four standard deviations or more below the share observed over repeated runs
    // (moved out ≈ 0.45, removed ≈ 0.7, cancelled ≈ 0.5), so random sequences do not fail them by chance; edges
    // fewer than 10 runs in 40 reach are printed, not required, and held by example tests.
    "admin added a learner": 0.9,
    "cohort cancelled with learners": 0.15,
    // A transfer refused needs the hold to lapse and the second cohort to fill up before the learner chooses:
    // printed, not required.
    "transfer refused: cohort full": 0,
    // Rare in random runs (a hold lapses only when nobody chooses for 7 days); cohort-cancellation.test.ts holds both
    // deterministically. Printed, not required.
    "held seat released unused": 0,
    "transferred without a hold": 0,
    "admin moved a learner out": 0.15,
    "admin move refused: cohort full": 0,
    "transferred into the held seat": 0,
    "refund chosen": 0,
    // Moving into the first cohort needs a free seat there while nobody waits for it (≈ 1 run in 10): printed, not
    // required; admin-enrollments.test.ts moves deterministically.
    "admin moved a learner in": 0,
    "admin removed a learner": 0.4,
    "accepted offer paid": 0,
    // Learners' self-service, observed over four runs of 40 (transferred out 10–17, refused because full 9–12, refund
    // sent to Stripe 8–11, cancelled without Stripe 18–22, an offer made on the seat a learner freed 14–20 runs):
    // required well below that, as above.
    "learner transferred out": 0.1,
    "learner transfer refused: cohort full": 0.05,
    "learner refund sent to Stripe": 0.05,
    "learner cancelled a seat without Stripe": 0.2,
    "waitlist offer made on a seat a learner freed": 0.05,
    // Moving into the first cohort needs a free seat there while nobody waits (0–5 runs of 40): printed, not required.
    "learner transferred in": 0,
  });
}, 300_000);
