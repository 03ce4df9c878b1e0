/**
 * Waitlist invariants under random sequences of join / leave / reserve / pay /
 * expire / refund / accept / decline / expire-offer / raise-capacity.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { HOLD_MS } from "../../convex/model/checkout";
import { as, deliver, runScheduled, seedCohort, type T, useStripeTestEnvironment } from "./checkout-helpers";
import { newTest } from "./helpers";

useStripeTestEnvironment();

const PEOPLE = 6;
const weighted = (entries: Array<[string, number]>) => fc.oneof(...entries.map(([op, weight]) => ({ arbitrary: fc.constant(op), weight })));
// Weighted so cohorts fill up and seats free often enough to exercise offers.
const vOp = fc.record({
  op: weighted([
    ["join", 4],
    ["reserve", 4],
    ["pay", 3],
    ["refund", 2],
    ["accept", 3],
    ["decline", 1],
    ["leave", 1],
    ["holdTimeout", 1],
    ["offerTimeout", 1],
    ["raiseCapacity", 1],
  ]),
  who: fc.nat(PEOPLE - 1),
});

async function snapshot(t: T, cohortId: Id<"cohorts">) {
  return await t.run(async (ctx) => ({
    cohort: (await ctx.db.get("cohorts", cohortId))!,
    enrollments: await ctx.db.query("enrollments").withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohortId)).collect(),
    waitlist: await ctx.db.query("waitlist").withIndex("by_cohortId_and_position", (q) => q.eq("cohortId", cohortId)).collect(),
  }));
}

test("capacity, join order, single outcomes, no double state, no idle seat", async () => {
  const seen = { offers: 0, accepted: 0 };
  await fc.assert(
    fc.asyncProperty(fc.array(vOp, { minLength: 10, maxLength: 35 }), async (ops) => {
      const t = newTest();
      const { cohortId, courseId, buyers } = await seedCohort(t, { capacity: 1, buyers: PEOPLE });
      const admin = await t.run(async (ctx) => ctx.db.insert("users", { email: "ops@x.test", name: "Ops", role: "platform_admin", emailNotifications: true, smsNotifications: false, createdAt: 1, updatedAt: 1 }));
      const everOffered = new Map<Id<"waitlist">, number>(); // entry → times seen newly offered
      let previous = await snapshot(t, cohortId);

      for (const { op, who } of ops) {
        const person = buyers[who];
        const mine = previous.waitlist.filter((w) => w.userId === person).at(-1);
        const myEnrollment = previous.enrollments.filter((e) => e.userId === person).at(-1);
        const ignore = () => undefined;
        switch (op) {
          case "join":
            await as(t, person).mutation(api.waitlist.join, { cohortId }).catch(ignore);
            break;
          case "leave":
            if (mine) await as(t, person).mutation(api.waitlist.leave, { entryId: mine._id }).catch(ignore);
            break;
          case "reserve":
            await as(t, person).mutation(api.checkout.reserve, { cohortId }).catch(ignore);
            break;
          case "pay":
            await runScheduled(t);
            {
              // The chosen person pays their checkout, or else whoever has one open.
              const pending = (await snapshot(t, cohortId)).enrollments.filter((e) => e.paymentStatus === "pending" && e.stripeCheckoutSessionId);
              const fresh = pending.find((e) => e.userId === person) ?? pending[0];
              if (fresh?.stripeCheckoutSessionId && fresh.paymentStatus === "pending") {
                await deliver(t, "checkout.session.completed", {
                  id: fresh.stripeCheckoutSessionId,
                  object: "checkout.session",
                  client_reference_id: fresh._id,
                  payment_status: "paid",
                  payment_intent: `pi_${fresh._id}`,
                  amount_total: 149_700,
                  currency: "usd",
                });
              }
            }
            break;
          case "holdTimeout":
            await runScheduled(t, HOLD_MS + 1000);
            break;
          case "refund":
            if (myEnrollment?.stripePaymentIntentId) await deliver(t, "charge.refunded", { id: `ch_${myEnrollment._id}`, object: "charge", payment_intent: myEnrollment.stripePaymentIntentId, refunded: true });
            break;
          case "accept": {
            // Whoever holds an offer accepts it (a random person rarely holds one).
            const offered = previous.waitlist.find((w) => w.status === "offered");
            if (offered) await as(t, offered.userId).mutation(api.waitlist.accept, { entryId: offered._id }).catch(ignore);
            break;
          }
          case "decline":
            if (mine) await as(t, person).mutation(api.waitlist.decline, { entryId: mine._id }).catch(ignore);
            break;
          case "offerTimeout":
            await runScheduled(t, 48 * 60 * 60 * 1000 + 1000);
            break;
          case "raiseCapacity": {
            const c = previous.cohort;
            await as(t, admin).mutation(api.admin.saveCohort, { cohortId, courseId, name: c.name, startDate: c.startDate, endDate: c.endDate, timezone: "Europe/Berlin", maxCapacity: c.maxCapacity + 1, status: "open" });
            break;
          }
        }
        await runScheduled(t);
        const now = await snapshot(t, cohortId);
        const { cohort, enrollments, waitlist } = now;

        // 1. Confirmed + holds + open offers never exceed capacity, and equal the cohort's count.
        const held = enrollments.filter((e) => e.seatHeld).length + waitlist.filter((w) => w.seatHeld).length;
        expect(cohort.currentEnrollment).toBe(held);
        expect(held).toBeLessThanOrEqual(cohort.maxCapacity);

        // 2. New offers go in join order: nobody still waiting joined before someone newly offered.
        const before = new Map(previous.waitlist.map((w) => [w._id, w] as const));
        for (const entry of waitlist.filter((w) => w.status === "offered" && before.get(w._id)?.status !== "offered")) {
          everOffered.set(entry._id, (everOffered.get(entry._id) ?? 0) + 1);
          seen.offers += 1;
          const jumped = waitlist.filter((w) => w.status === "waiting" && w.position < entry.position);
          expect(jumped).toEqual([]);
        }

        // 3. Every offer ends exactly once, with one outcome.
        for (const entry of waitlist) {
          const wasOffered = everOffered.has(entry._id) || entry.offerOutcome !== undefined;
          if (entry.status === "offered") expect(entry.offerOutcome).toBeUndefined();
          if (wasOffered && entry.status !== "offered") expect(entry.offerOutcome).toBeDefined();
          expect(everOffered.get(entry._id) ?? 0).toBeLessThanOrEqual(1);
          const prior: Doc<"waitlist"> | undefined = before.get(entry._id);
          if (prior?.offerOutcome) expect(entry.offerOutcome).toBe(prior.offerOutcome);
        }

        // 4. Nobody both holds a seat (paid or held) and waits.
        for (const person of buyers) {
          const seated = enrollments.some((e) => e.userId === person && e.seatHeld);
          const waiting = waitlist.some((w) => w.userId === person && w.status === "waiting");
          expect(seated && waiting).toBe(false);
        }

        // 5. A free seat is never idle while someone waits.
        if (cohort.currentEnrollment < cohort.maxCapacity) {
          expect(waitlist.filter((w) => w.status === "waiting")).toEqual([]);
        }
        seen.accepted += waitlist.filter((w) => w.offerOutcome === "accepted" && before.get(w._id)?.offerOutcome !== "accepted").length;
        previous = now;
      }
    }),
    { numRuns: 60 },
  );
  // The sequences really exercised offers and acceptances (about 20 and 10 are typical over 60 runs).
  expect(seen.offers).toBeGreaterThan(0);
  expect(seen.accepted).toBeGreaterThan(0);
}, 180_000);
