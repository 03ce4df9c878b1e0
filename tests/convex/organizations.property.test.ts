/**
 * Organization seats under random sequences of invite / accept / revoke / expire /
 * remove / buy more, with seat invoices paid, failed and replayed under new
 * event ids: seats used always equals the members holding a seat, never exceeds
 * seats purchased, and a replayed invoice event changes nothing. (A failed
 * invoice left unpaid past its grace period suspends the organization; inviting
 * and joining are then refused with NOT_AVAILABLE, an expected answer.)
 */
import fc from "fast-check";
import { expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, deliver, runScheduled, useStripeTestEnvironment } from "./checkout-helpers";
import { newTest } from "./helpers";
import { addUser, inviteToken, seatInvariant, seedOrg } from "./org-helpers";
import { allowRefusal, EdgeCoverage, runs, weighted } from "./property-support";
import { seatInvoice } from "./stripe-events";

useStripeTestEnvironment();

const PEOPLE = 5;
const DAY = 86_400_000;
const vOp = fc.record({
  op: weighted([
    ["invite", 3],
    ["accept", 4],
    ["revoke", 1],
    ["expire", 1],
    ["remove", 1],
    ["buyMore", 1],
    ["invoiceFails", 1],
    ["replayInvoice", 2],
  ]),
  who: fc.nat(PEOPLE - 1),
  pick: fc.nat(),
});

const EDGES = [
  "accepted",
  "refused: no seats left",
  "removed",
  "seats bought",
  "invoice failed",
  "invoice event replayed",
] as const;

test("seats used = members holding a seat ≤ seats purchased; replayed invoice events change nothing", async () => {
  const coverage = new EdgeCoverage<(typeof EDGES)[number]>("organizations", EDGES);
  await fc.assert(
    fc.asyncProperty(fc.array(vOp, { minLength: 8, maxLength: 30 }), async (ops) => {
      coverage.startRun();
      vi.clearAllTimers(); // earlier runs' invites and grace periods must not expire in this one
      const t = newTest();
      const { organizationId, adminId, courseId } = await seedOrg(t, { seats: 1 });
      const emails = Array.from({ length: PEOPLE }, (_, i) => `p${i}@acme.com`);
      const people = new Map<number, Id<"users">>();
      const tokens = new Map<number, string>();
      const invoiceEvents: Array<{ type: string; object: Record<string, unknown> }> = [];
      let nextEvent = 0;
      const admin = as(t, adminId);
      const sendInvoiceEvent = async (type: string, object: Record<string, unknown>) => {
        const response = await deliver(t, type, object, { id: `evt_org_${++nextEvent}` });
        expect(response.status, `${type} answered ${response.status}`).toBe(200);
        invoiceEvents.push({ type, object });
      };
      /**
       * What a replay must not change: the organization (seats, status, grace) and each purchase's status, seats
       * and payment. A failure event may move `failedAt` to its own time — Stripe sends one per failed attempt.
       */
      const books = async () =>
        await t.run(async (ctx) => {
          const { updatedAt: _, ...organization } = (await ctx.db.get("organizations", organizationId))!;
          const purchases = await ctx.db
            .query("seatPurchases")
            .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
            .collect();
          return {
            organization,
            purchases: purchases.map((p) => ({ _id: p._id, status: p.status, seats: p.seats, paidAt: p.paidAt })),
          };
        });

      for (const { op, who, pick } of ops) {
        const email = emails[who];
        if (op === "invite") {
          const invited = await allowRefusal(
            admin.mutation(api.organizations.invites.create, { organizationId, email }),
            ["NO_SEATS_LEFT", "INVALID_INPUT", "RATE_LIMITED", "NOT_AVAILABLE"],
          );
          if (invited.ok) tokens.set(who, await inviteToken(t, email));
        } else if (op === "accept" && tokens.has(who)) {
          if (!people.has(who)) people.set(who, await addUser(t, email));
          const accepted = await allowRefusal(
            as(t, people.get(who)!).mutation(api.organizations.invites.accept, { token: tokens.get(who)! }),
            ["NO_SEATS_LEFT", "INVITE_USED", "INVITE_REVOKED", "INVITE_EXPIRED", "INVITE_INVALID", "NOT_AVAILABLE"],
          );
          if (accepted.ok) coverage.hit("accepted");
          else if (accepted.code === "NO_SEATS_LEFT") coverage.hit("refused: no seats left");
        } else if (op === "revoke") {
          const pending = await admin.query(api.organizations.invites.listPending, { organizationId });
          const invite = pending.find((i) => i.email === email);
          if (invite) await admin.mutation(api.organizations.invites.revoke, { organizationId, inviteId: invite._id });
        } else if (op === "expire") {
          await runScheduled(t, 7 * DAY + 1000);
        } else if (op === "remove" && people.has(who)) {
          const removed = await allowRefusal(
            admin.mutation(api.organizations.members.remove, { organizationId, memberId: people.get(who)! }),
            ["NOT_FOUND", "INVALID_INPUT", "NOT_AVAILABLE"],
          );
          if (removed.ok) coverage.hit("removed");
        } else if (op === "buyMore" || op === "invoiceFails") {
          const ordered = await allowRefusal(
            admin.mutation(api.payments.seatInvoices.buySeats, { organizationId, courseId, seats: 1 }),
            ["INVALID_INPUT", "NOT_AVAILABLE"],
          );
          if (!ordered.ok) continue;
          await runScheduled(t); // Stripe creates and sends the invoice
          const purchase = await t.run(async (ctx) => (await ctx.db.get("seatPurchases", ordered.value))!);
          await sendInvoiceEvent(op === "buyMore" ? "invoice.paid" : "invoice.payment_failed", seatInvoice(purchase));
          coverage.hit(op === "buyMore" ? "seats bought" : "invoice failed");
        } else if (op === "replayInvoice" && invoiceEvents.length > 0) {
          const old = invoiceEvents[pick % invoiceEvents.length];
          const before = await books();
          await sendInvoiceEvent(old.type, old.object);
          expect(
            await books(),
            `replaying ${old.type} under a new event id changed the organization or its purchases`,
          ).toEqual(before);
          coverage.hit("invoice event replayed");
        }
        await seatInvariant(t, organizationId);
      }
    }),
    {
      numRuns: runs(25),
      // Besides the random runs, one sequence that surely accepts, refuses for lack of seats, removes, buys and
      // replays.
      examples: [
        [
          [
            { op: "invite", who: 0, pick: 0 },
            { op: "accept", who: 0, pick: 0 },
            { op: "invite", who: 1, pick: 0 },
            { op: "accept", who: 1, pick: 0 },
            { op: "remove", who: 0, pick: 0 },
            { op: "accept", who: 1, pick: 0 },
            { op: "buyMore", who: 0, pick: 0 },
            { op: "replayInvoice", who: 0, pick: 0 },
            { op: "invoiceFails", who: 0, pick: 0 },
            { op: "invite", who: 2, pick: 0 },
            { op: "accept", who: 2, pick: 0 },
            { op: "invite", who: 3, pick: 0 },
            { op: "accept", who: 3, pick: 0 },
            { op: "remove", who: 1, pick: 0 },
            { op: "replayInvoice", who: 0, pick: 1 },
          ],
        ],
      ],
      endOnFailure: true,
    },
  );
  // The random runs (and the example) really exercised each edge.
  coverage.expectReached({
    accepted: 5,
    "refused: no seats left": 1,
    removed: 1,
    "seats bought": 1,
    "invoice event replayed": 2,
  });
}, 180_000);
