/**
 * Seat accounting under random sequences of invite / accept / revoke / expire /
 * remove / buy-more: seats used always equals the members holding a seat and
 * never exceeds seats purchased.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, deliver, runScheduled, useStripeTestEnvironment } from "./checkout-helpers";
import { newTest } from "./helpers";
import { addUser, inviteToken, seatInvariant, seedOrg } from "./org-helpers";

useStripeTestEnvironment();

const PEOPLE = 5;
const DAY = 86_400_000;
const vOp = fc.record({
  op: fc.constantFrom("invite", "invite", "invite", "accept", "accept", "accept", "accept", "revoke", "expire", "remove", "buyMore"),
  who: fc.nat(PEOPLE - 1),
});

test("seats used = members holding a seat ≤ seats purchased", async () => {
  const seen = { accepted: 0, refusedFull: 0, removed: 0, bought: 0 };
  await fc.assert(
    fc.asyncProperty(fc.array(vOp, { minLength: 8, maxLength: 30 }), async (ops) => {
      const t = newTest();
      const { organizationId, adminId, courseId } = await seedOrg(t, { seats: 1 });
      const emails = Array.from({ length: PEOPLE }, (_, i) => `p${i}@acme.com`);
      const people = new Map<number, Id<"users">>();
      const tokens = new Map<number, string>();
      const admin = as(t, adminId);
      const attempt = async (fn: () => Promise<unknown>) => fn().then(() => true, (e: { data?: { code?: string } }) => {
        if (!e.data?.code) throw e; // only expected (ConvexError) refusals are allowed
        if (e.data.code === "NO_SEATS_LEFT") seen.refusedFull++;
        return false;
      });
      for (const { op, who } of ops) {
        const email = emails[who];
        if (op === "invite") {
          if (await attempt(() => admin.mutation(api.invites.create, { organizationId, email }))) tokens.set(who, await inviteToken(t, email));
        } else if (op === "accept" && tokens.has(who)) {
          if (!people.has(who)) people.set(who, await addUser(t, email));
          if (await attempt(() => as(t, people.get(who)!).mutation(api.invites.accept, { token: tokens.get(who)! }))) seen.accepted++;
        } else if (op === "revoke") {
          const pending = await admin.query(api.invites.listPending, { organizationId });
          const invite = pending.find((i) => i.email === email);
          if (invite) await admin.mutation(api.invites.revoke, { organizationId, inviteId: invite._id });
        } else if (op === "expire") {
          await runScheduled(t, 7 * DAY + 1000);
        } else if (op === "remove" && people.has(who)) {
          if (await attempt(() => admin.mutation(api.organizations.removeMember, { organizationId, memberId: people.get(who)! }))) seen.removed++;
        } else if (op === "buyMore") {
          const purchaseId = await admin.mutation(api.billing.buySeats, { organizationId, courseId, seats: 1 });
          await runScheduled(t);
          const purchase = (await t.run(async (ctx) => ctx.db.get("seatPurchases", purchaseId)))!;
          await deliver(t, "invoice.paid", { id: purchase.stripeInvoiceId!, object: "invoice", metadata: { purchaseId }, amount_paid: purchase.amountCents, currency: "usd" });
          seen.bought++;
        }
        await seatInvariant(t, organizationId);
      }
    }),
    {
      numRuns: 25,
      // Besides the random runs, one sequence that surely accepts, refuses for lack of seats, removes and buys,
      // so the coverage checks below never depend on chance.
      examples: [
        [
          [
            { op: "invite", who: 0 },
            { op: "accept", who: 0 },
            { op: "invite", who: 1 },
            { op: "accept", who: 1 },
            { op: "remove", who: 0 },
            { op: "accept", who: 1 },
            { op: "buyMore", who: 0 },
            { op: "invite", who: 2 },
            { op: "accept", who: 2 },
            { op: "invite", who: 3 },
            { op: "accept", who: 3 },
            { op: "remove", who: 1 },
            { op: "invite", who: 4 },
            { op: "accept", who: 4 },
          ],
        ],
      ],
    },
  );
  // The random runs really exercised accepting, refusing for lack of seats, removing and buying.
  expect(seen.accepted).toBeGreaterThan(5);
  expect(seen.refusedFull).toBeGreaterThan(0);
  expect(seen.removed).toBeGreaterThan(0);
  expect(seen.bought).toBeGreaterThan(0);
}, 120_000);
