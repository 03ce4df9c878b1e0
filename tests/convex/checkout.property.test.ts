/** Seat accounting holds under any sequence of purchases, expiries, refunds and repeated webhooks. */
import fc from "fast-check";
import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { HOLD_MS } from "../../convex/model/checkout";
import { as, cohortState, deliver, runScheduled, seedCohort, useStripeTestEnvironment } from "./checkout-helpers";
import { newTest } from "./helpers";

useStripeTestEnvironment();

const BUYERS = 6;
const CAPACITY = 3;
const vOp = fc.record({
  op: fc.constantFrom(
    "reserve",
    "pay",
    "payDelayed",
    "payWrongAmount",
    "payOtherSession",
    "payLate",
    "asyncFail",
    "holdTimeout",
    "stripeExpire",
    "refund",
    "partialRefund",
    "cancel",
    "redeliver",
  ),
  buyer: fc.nat(BUYERS - 1),
});

test("confirmed + held seats never exceed capacity and always equal the cohort's count", async () => {
  const paid = new Set<string>();
  const released = new Set<string>();
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(vOp, { minLength: 5, maxLength: 30 }), async (ops) => {
      run += 1;
      const t = newTest();
      const { cohortId, buyers } = await seedCohort(t, { capacity: CAPACITY, buyers: BUYERS });
      const lastEvent: { type?: string; object?: Record<string, unknown>; id?: string } = {};
      const latest = async (buyer: Id<"users">) =>
        (await cohortState(t, cohortId)).enrollments.filter((e) => e.userId === buyer).at(-1);
      const send = async (type: string, object: Record<string, unknown>) => {
        const id = `evt_${Math.random().toString(36).slice(2)}`;
        Object.assign(lastEvent, { type, object, id });
        await deliver(t, type, object, { id });
      };

      for (const { op, buyer: index } of ops) {
        const buyer = buyers[index];
        const e = await latest(buyer);
        const session = e?.stripeCheckoutSessionId;
        switch (op) {
          case "reserve":
            await as(t, buyer).mutation(api.checkout.reserve, { cohortId }).catch((error: { data?: { code: string } }) => {
              expect(["COHORT_FULL", "ALREADY_ENROLLED"]).toContain(error.data?.code);
            });
            await runScheduled(t);
            break;
          case "pay":
          case "payDelayed":
            {
              // The buyer pays their open checkout, or else whoever has one open (a random buyer rarely does).
              const open = (await cohortState(t, cohortId)).enrollments.filter((x) => x.paymentStatus === "pending" && x.stripeCheckoutSessionId);
              const target = open.find((x) => x.userId === buyer) ?? open[0];
              if (target) {
                await send("checkout.session.completed", {
                  id: target.stripeCheckoutSessionId!,
                  object: "checkout.session",
                  client_reference_id: target._id,
                  payment_status: op === "pay" ? "paid" : "unpaid",
                  payment_intent: `pi_${target._id}`,
                  amount_total: 149_700,
                  currency: "usd",
                });
              }
            }
            break;
          case "payWrongAmount":
          case "payOtherSession":
            // Own session paid short, or a foreign session naming the enrollment: neither may confirm a seat.
            if (e && session) {
              const foreign = op === "payOtherSession";
              await send("checkout.session.completed", {
                id: foreign ? `cs_foreign_${Math.random().toString(36).slice(2)}` : session,
                object: "checkout.session",
                client_reference_id: e._id,
                payment_status: "paid",
                payment_intent: `pi_${op}_${Math.random().toString(36).slice(2)}`,
                amount_total: foreign ? 149_700 : 100,
                currency: "usd",
              });
            }
            break;
          case "payLate":
            // The buyer's latest checkout is paid whatever its state (e.g. after the hold ended).
            if (e && session) {
              await send("checkout.session.completed", {
                id: session,
                object: "checkout.session",
                client_reference_id: e._id,
                payment_status: "paid",
                payment_intent: `pi_late_${e._id}`,
                amount_total: 149_700,
                currency: "usd",
              });
            }
            break;
          case "asyncFail":
            if (e && session) await send("checkout.session.async_payment_failed", { id: session, object: "checkout.session", client_reference_id: e._id });
            break;
          case "holdTimeout":
            await runScheduled(t, HOLD_MS + 1000);
            break;
          case "stripeExpire":
            if (e && session) await send("checkout.session.expired", { id: session, object: "checkout.session", client_reference_id: e._id });
            break;
          case "refund":
            if (e?.stripePaymentIntentId) await send("charge.refunded", { id: `ch_${e._id}`, object: "charge", payment_intent: e.stripePaymentIntentId, refunded: true });
            break;
          case "partialRefund":
            if (e?.stripePaymentIntentId) {
              await send("charge.refunded", { id: `ch_${e._id}`, object: "charge", payment_intent: e.stripePaymentIntentId, amount: 149_700, amount_refunded: 10_000, refunded: false });
            }
            break;
          case "cancel":
            if (e) await as(t, buyer).mutation(api.checkout.cancel, { enrollmentId: e._id }).catch(() => undefined);
            break;
          case "redeliver":
            if (lastEvent.type && lastEvent.object) await deliver(t, lastEvent.type, lastEvent.object, { id: lastEvent.id });
            break;
        }
        await runScheduled(t);

        const { cohort, enrollments, seatsHeld } = await cohortState(t, cohortId);
        expect(cohort.currentEnrollment).toBe(seatsHeld);
        expect(cohort.currentEnrollment).toBeLessThanOrEqual(CAPACITY);
        for (const enrollment of enrollments) {
          if (enrollment.paymentStatus === "completed") {
            expect(enrollment.seatHeld).toBe(true);
            // Only the enrollment's own session at the full price confirms it.
            expect(enrollment.stripePaymentIntentId).not.toMatch(/^pi_pay(WrongAmount|OtherSession)_/);
          }
          if (enrollment.paymentStatus === "failed" || enrollment.paymentStatus === "refunded") expect(enrollment.seatHeld).toBe(false);
        }
        for (const b of buyers) {
          expect(enrollments.filter((x) => x.userId === b && x.seatHeld).length).toBeLessThanOrEqual(1);
          expect(enrollments.filter((x) => x.userId === b && x.paymentStatus === "completed").length).toBeLessThanOrEqual(1);
        }
        for (const x of enrollments) {
          if (x.paymentStatus === "completed") paid.add(`${run}:${x._id}`);
          if (x.paymentStatus === "failed" || x.paymentStatus === "refunded") released.add(`${run}:${x._id}`);
        }
      }
    }),
    { numRuns: 40 },
  );
  // The sequences really paid for and released seats (typically dozens of each over 40 runs).
  expect(paid.size).toBeGreaterThan(0);
  expect(released.size).toBeGreaterThan(0);
}, 120_000);
