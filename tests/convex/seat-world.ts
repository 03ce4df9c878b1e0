/**
 * One cohort, more buyers than seats, and every way a seat moves: the operations
 * the seat property tests draw from (reservations, payments on time, late and
 * delayed, expiries, refunds, replayed webhooks, waitlist offers, capacity
 * changes, and a platform admin adding, moving and removing learners by hand
 * between it and a second cohort of the course), the state they read and the
 * invariants they share.
 */
import fc from "fast-check";
import { expect, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { CHOICE_HOLD_MS } from "../../convex/enrollments/model/cancellation";
import { HOLD_MS } from "../../convex/payments/model/checkout";
import { as, deliver, seedCohort, type StripeCall, type T } from "./checkout-helpers";
import { cohortForm, insertAnotherCohort, platformAdminRow } from "./fixtures";
import { allowRefusal, type EdgeCoverage, settle, weighted } from "./property-support";
import { checkoutSession, expiredSession, refundedCharge } from "./stripe-events";

const OFFER_WINDOW_MS = 48 * 60 * 60 * 1000;

export const OPERATIONS = [
  "reserve",
  "pay",
  "payDelayed",
  "asyncSucceeded",
  "asyncFailed",
  "payLate",
  "holdTimeout",
  "stripeExpire",
  "cancel",
  "refund",
  "replay",
  "redeliver",
  "joinWaitlist",
  "leaveWaitlist",
  "acceptOffer",
  "declineOffer",
  "offerTimeout",
  "raiseCapacity",
  "adminAdd",
  "adminMove",
  "adminRemove",
  "cancelCohort",
  "chooseTransfer",
  "chooseRefund",
  "choiceHoldTimeout",
  "selfTransfer",
  "selfRefund",
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Edges of checkout and the waitlist on the first cohort. */
export const CHECKOUT_EDGES = [
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
  "accepted offer paid",
  "waitlist offer declined",
  "waitlist offer expired",
  "capacity raised",
] as const;
/** Edges of a platform admin's enrollment tools (#18). */
export const OPERATION_EDGES = [
  "admin added a learner",
  "admin add refused: cohort full",
  "admin moved a learner out",
  "admin moved a learner in",
  "admin move refused: cohort full",
  "admin removed a learner",
  "waitlist offer made on a seat an admin freed",
  "cohort cancelled with learners",
  "transferred into the held seat",
  "transferred without a hold",
  "transfer refused: cohort full",
  "refund chosen",
  "held seat released unused",
] as const;
/** Edges of a learner's self-service inside the course's windows (#18). */
export const SELF_SERVICE_EDGES = [
  "learner transferred out",
  "learner transferred in",
  "learner transfer refused: cohort full",
  "learner refund sent to Stripe",
  "learner cancelled a seat without Stripe",
  "waitlist offer made on a seat a learner freed",
] as const;
export const EDGES = [...CHECKOUT_EDGES, ...OPERATION_EDGES, ...SELF_SERVICE_EDGES] as const;
export type Edge = (typeof EDGES)[number];

/** Operations with weights; `who` is the person acting, `pick` chooses among several candidates. */
export function operations(weights: Partial<Record<Operation, number>>, people: number) {
  const entries = OPERATIONS.filter((op) => (weights[op] ?? 0) > 0).map((op): [Operation, number] => [
    op,
    weights[op]!,
  ]);
  return fc.record({ op: weighted(entries), who: fc.nat(people - 1), pick: fc.nat() });
}
export type Step = { op: Operation; who: number; pick: number };

export type State = {
  cohort: Doc<"cohorts">;
  enrollments: Array<Doc<"enrollments">>;
  waitlist: Array<Doc<"waitlist">>;
  /** The course's second cohort, which the admin's moves and additions also use (nobody buys or waits there). */
  other: { cohort: Doc<"cohorts">; enrollments: Array<Doc<"enrollments">> };
  /** The learners' choices once the first cohort is cancelled (their held seats are in the second one). */
  choices: Array<Doc<"cohortChoices">>;
  emails: number;
  /** Requests made to Stripe so far, as "METHOD path". */
  stripeCalls: string[];
};

export const live = (e: Doc<"enrollments">) =>
  e.paymentStatus === "completed" || (e.paymentStatus === "pending" && e.seatHeld === true);
const choose = <X>(candidates: X[], pick: number, preferred?: (x: X) => boolean) =>
  candidates.find((x) => preferred?.(x)) ?? (candidates.length > 0 ? candidates[pick % candidates.length] : undefined);

/** The state without `updatedAt` stamps: rewriting a field with the value it has is no change. */
function comparable({ cohort, enrollments, waitlist, other, choices, ...counts }: State) {
  const strip = <D extends { updatedAt: number }>({ updatedAt: _, ...rest }: D) => rest;
  return {
    cohort: strip(cohort),
    enrollments: enrollments.map(strip),
    waitlist: waitlist.map(strip),
    other: { cohort: strip(other.cohort), enrollments: other.enrollments.map(strip) },
    choices,
    ...counts,
  };
}

export class SeatWorld {
  /** Buyers whose second live enrollment came from the first known defect. */
  private readonly delivered: Array<{ id: string; type: string; object: Record<string, unknown> }> = [];
  private nextEvent = 0;
  /** The operation `apply` ran last, so that `observe` can tell whose step freed a seat. */
  private lastOp: Operation | null = null;

  private constructor(
    readonly t: T,
    readonly cohortId: Id<"cohorts">,
    readonly otherCohortId: Id<"cohorts">,
    readonly courseId: Id<"courses">,
    readonly buyers: Array<Id<"users">>,
    private readonly admin: Id<"users">,
    private readonly coverage: EdgeCoverage<Edge>,
    private readonly stripe: { calls: StripeCall[] },
  ) {}

  /**
   * A cohort starting in a year (so offers and holds never meet the start) with `capacity` seats and `buyers` people,
   * and a second cohort of the course a month later with as many seats.
   */
  static async create(
    t: T,
    options: { capacity: number; buyers: number; coverage: EdgeCoverage<Edge>; stripe: { calls: StripeCall[] } },
  ) {
    // Runs share the fake clock and the fake Stripe: drop the timers of earlier runs' backends, or their
    // expiring holds would fire in this run and call Stripe in the middle of it.
    vi.clearAllTimers();
    const { cohortId, courseId, buyers } = await seedCohort(t, {
      capacity: options.capacity,
      buyers: options.buyers,
      startsInDays: 365,
    });
    const { admin, otherCohortId } = await t.run(async (ctx) => {
      // Learners may transfer and cancel with a refund themselves until 30 days before the start (both cohorts start
      // far later, so every self-service step is inside the windows).
      await ctx.db.patch("courses", courseId, { transferDaysBeforeStart: 30, refundDaysBeforeStart: 30 });
      return {
        admin: await ctx.db.insert("users", platformAdminRow()),
        otherCohortId: await insertAnotherCohort(ctx, cohortId, { name: "Later cohort", daysLater: 30 }),
      };
    });
    return new SeatWorld(t, cohortId, otherCohortId, courseId, buyers, admin, options.coverage, options.stripe);
  }

  async read(): Promise<State> {
    const { cohortId, otherCohortId } = this;
    const emails = await this.t.run(async (ctx) => ({
      choices: await ctx.db
        .query("cohortChoices")
        .withIndex("by_cancelledCohortId", (q) => q.eq("cancelledCohortId", cohortId))
        .collect(),
      other: {
        cohort: (await ctx.db.get("cohorts", otherCohortId))!,
        enrollments: await ctx.db
          .query("enrollments")
          .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", otherCohortId))
          .collect(),
      },
      cohort: (await ctx.db.get("cohorts", cohortId))!,
      enrollments: await ctx.db
        .query("enrollments")
        .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohortId))
        .collect(),
      waitlist: await ctx.db
        .query("waitlist")
        .withIndex("by_cohortId_and_position", (q) => q.eq("cohortId", cohortId))
        .collect(),
      emails: (await ctx.db.query("devEmails").collect()).length,
    }));
    return {
      ...emails,
      stripeCalls: this.stripe.calls.map((c) => `${c.method} ${c.path} ${c.idempotencyKey ?? ""}`.trim()),
    };
  }

  /** Delivers a webhook; anything but 200 (a bad signature, a crash) fails the property. */
  private async send(type: string, object: Record<string, unknown>, id = `evt_prop_${++this.nextEvent}`) {
    const response = await deliver(this.t, type, object, { id });
    expect(response.status, `${type} answered ${response.status}: ${await response.clone().text()}`).toBe(200);
    this.delivered.push({ id, type, object });
  }

  /** Runs one operation against the state read before it, then lets due scheduled work finish. */
  async apply({ op, who, pick }: Step, before: State) {
    this.lastOp = op;
    await this.run(op, this.buyers[who], pick, before);
    await settle(this.t);
  }

  private async run(op: Operation, buyer: Id<"users">, pick: number, before: State) {
    const { t, cohortId, coverage } = this;
    const mine = (e: { userId: Id<"users"> }) => e.userId === buyer;
    const open = before.enrollments.filter(
      (e) => e.paymentStatus === "pending" && e.seatHeld && e.stripeCheckoutSessionId && !e.awaitingAsyncPayment,
    );
    /** A confirmed seat in either cohort that `also` accepts: the acting buyer's, else the run's pick. */
    const seatedInEither = (also: (e: Doc<"enrollments">) => boolean = () => true) =>
      choose(
        [...before.enrollments, ...before.other.enrollments].filter(
          (e) => e.paymentStatus === "completed" && e.seatHeld && also(e),
        ),
        pick,
        mine,
      );
    switch (op) {
      case "reserve": {
        // Someone without a seat tries (buyers outnumber seats, so this keeps pushing on a full cohort).
        const seated = new Set([
          ...before.enrollments.filter(live).map((e) => e.userId),
          ...before.waitlist.filter((w) => w.seatHeld).map((w) => w.userId),
        ]);
        const who =
          choose(
            this.buyers.filter((b) => !seated.has(b)),
            pick,
            (b) => b === buyer,
          ) ?? buyer;
        const result = await allowRefusal(as(t, who).mutation(api.payments.checkout.reserve, { cohortId }), [
          "COHORT_FULL",
          "ALREADY_ENROLLED",
          "INVALID_INPUT",
          "COHORT_NOT_OPEN",
        ]);
        if (!result.ok && result.code === "COHORT_FULL") coverage.hit("reserve refused: cohort full");
        return;
      }
      case "pay":
      case "payDelayed": {
        // Whoever accepted an offer comes to pay it; otherwise the acting buyer, or any open checkout.
        const fromOffer = (e: Doc<"enrollments">) => before.waitlist.some((w) => w.enrollmentId === e._id);
        const target = choose(open, pick, (e) => fromOffer(e) || mine(e));
        if (!target) return;
        await this.send("checkout.session.completed", checkoutSession(target, { paid: op === "pay" }));
        if (op === "pay") coverage.hit("paid on time");
        if (op === "pay" && fromOffer(target)) coverage.hit("accepted offer paid");
        return;
      }
      case "asyncSucceeded":
      case "asyncFailed": {
        const target = choose(
          before.enrollments.filter((e) => e.paymentStatus === "pending" && e.awaitingAsyncPayment),
          pick,
          mine,
        );
        if (!target) return;
        if (op === "asyncSucceeded")
          await this.send("checkout.session.async_payment_succeeded", checkoutSession(target, { paid: true }));
        else await this.send("checkout.session.async_payment_failed", checkoutSession(target, { paid: false }));
        coverage.hit(op === "asyncSucceeded" ? "delayed payment succeeded" : "delayed payment failed");
        return;
      }
      case "payLate": {
        // The buyer paid at the last moment; Stripe's webhook arrives after the hold ended.
        const ended = before.enrollments.filter(
          (e) =>
            e.paymentStatus === "failed" &&
            e.stripeCheckoutSessionId &&
            (e.failureReason === "hold_expired" ||
              e.failureReason === "checkout_expired" ||
              e.failureReason === "cancelled"),
        );
        const target = choose(ended, pick, mine);
        if (!target) return;
        await this.send("checkout.session.completed", checkoutSession(target, { paid: true }));
        const after = (await this.read()).enrollments.find((e) => e._id === target._id)!;
        if (after.paymentStatus === "completed") coverage.hit("late payment took a free seat");
        else if (before.cohort.currentEnrollment >= before.cohort.maxCapacity)
          coverage.hit("late payment, cohort full");
        return;
      }
      case "holdTimeout":
        await settle(t, HOLD_MS + 1000);
        return;
      case "stripeExpire": {
        const target = choose(open, pick, mine);
        if (target) await this.send("checkout.session.expired", expiredSession(target));
        return;
      }
      case "cancel": {
        const target = before.enrollments.find((e) => mine(e) && e.paymentStatus === "pending");
        if (target)
          await allowRefusal(as(t, buyer).mutation(api.payments.checkout.cancel, { enrollmentId: target._id }), [
            "INVALID_INPUT",
          ]);
        return;
      }
      case "refund": {
        const target = choose(
          before.enrollments.filter((e) => e.paymentStatus === "completed" && e.stripePaymentIntentId),
          pick,
          mine,
        );
        if (!target) return;
        await this.send("charge.refunded", refundedCharge(target));
        coverage.hit("refund");
        return;
      }
      case "replay":
      case "redeliver": {
        if (this.delivered.length === 0) return;
        const old =
          op === "replay" ? this.delivered[pick % this.delivered.length] : this.delivered[this.delivered.length - 1];
        // Stripe retries carry the same event id; a replay is the same content under a new id. Neither may change
        // anything.
        await this.send(old.type, old.object, op === "replay" ? undefined : old.id);
        await settle(t);
        expect(comparable(await this.read()), `${op} of ${old.type} (${old.id}) changed the state`).toEqual(
          comparable(before),
        );
        coverage.hit(op === "replay" ? "replay under a new event id" : "redelivery of the same event");
        return;
      }
      case "joinWaitlist": {
        const busy = new Set([
          ...before.enrollments.filter(live).map((e) => e.userId),
          ...before.waitlist.filter((w) => w.status === "waiting" || w.status === "offered").map((w) => w.userId),
        ]);
        const joiner =
          choose(
            this.buyers.filter((b) => !busy.has(b)),
            pick,
            (b) => b === buyer,
          ) ?? buyer;
        const joined = await allowRefusal(as(t, joiner).mutation(api.waitlist.places.join, { cohortId }), [
          "ALREADY_WAITLISTED",
          "ALREADY_ENROLLED",
          "INVALID_INPUT",
          "COHORT_NOT_OPEN",
        ]);
        if (joined.ok) coverage.hit("joined the waitlist");
        return;
      }
      case "leaveWaitlist": {
        const entry = choose(
          before.waitlist.filter((w) => w.status === "waiting" || w.status === "offered"),
          pick,
          mine,
        );
        if (entry) await as(t, entry.userId).mutation(api.waitlist.places.leave, { entryId: entry._id });
        return;
      }
      case "acceptOffer":
      case "declineOffer": {
        const offer = choose(
          before.waitlist.filter((w) => w.status === "offered"),
          pick,
          mine,
        );
        if (!offer) return;
        const answer = op === "acceptOffer" ? api.waitlist.offers.accept : api.waitlist.offers.decline;
        const result = await allowRefusal(as(t, offer.userId).mutation(answer, { entryId: offer._id }), [
          "OFFER_EXPIRED",
        ]);
        if (result.ok) coverage.hit(op === "acceptOffer" ? "waitlist offer accepted" : "waitlist offer declined");
        return;
      }
      case "offerTimeout":
        await settle(t, OFFER_WINDOW_MS + 1000);
        return;
      case "adminAdd": {
        // Someone without a seat in the course, into either cohort, as a comp or offline-paid seat.
        const seated = new Set([...before.enrollments, ...before.other.enrollments].filter(live).map((e) => e.userId));
        const person = choose(
          this.buyers.filter((b) => !seated.has(b)),
          pick,
          (b) => b === buyer,
        );
        if (!person) return;
        const email = await t.run(async (ctx) => (await ctx.db.get("users", person))!.email);
        const result = await allowRefusal(
          as(t, this.admin).mutation(api.enrollments.operations.add, {
            cohortId: pick % 2 === 0 ? cohortId : this.otherCohortId,
            email,
            payment: pick % 3 === 0 ? { kind: "offline", reference: `INV-${pick}` } : { kind: "comp" },
          }),
          ["COHORT_FULL", "COHORT_NOT_OPEN"],
        );
        if (result.ok) coverage.hit("admin added a learner");
        else if (result.code === "COHORT_FULL") coverage.hit("admin add refused: cohort full");
        return;
      }
      case "adminMove": {
        // A confirmed enrollment of either cohort moves to the other one.
        const target = seatedInEither();
        if (!target) return;
        const outOfFirst = target.cohortId === cohortId;
        const result = await allowRefusal(
          as(t, this.admin).mutation(api.enrollments.operations.move, {
            enrollmentId: target._id,
            toCohortId: outOfFirst ? this.otherCohortId : cohortId,
          }),
          ["COHORT_FULL", "COHORT_NOT_OPEN", "ENROLLMENT_NOT_ACTIVE"],
        );
        if (!result.ok) {
          if (result.code === "COHORT_FULL") coverage.hit("admin move refused: cohort full");
        } else coverage.hit(outOfFirst ? "admin moved a learner out" : "admin moved a learner in");
        return;
      }
      case "adminRemove": {
        const target = seatedInEither();
        if (!target) return;
        const removed = await allowRefusal(
          as(t, this.admin).mutation(api.enrollments.operations.remove, { enrollmentId: target._id }),
          ["ENROLLMENT_NOT_ACTIVE"],
        );
        if (removed.ok) coverage.hit("admin removed a learner");
        return;
      }
      case "cancelCohort": {
        const result = await allowRefusal(
          as(t, this.admin).mutation(api.enrollments.cancellation.cancel, { cohortId }),
          ["COHORT_NOT_OPEN"],
        );
        if (!result.ok) return;
        const seated = before.enrollments.filter((e) => e.paymentStatus === "completed" && e.seatHeld);
        const choices = (await this.read()).choices;
        for (const e of seated) {
          expect(
            choices.filter((c) => c.enrollmentId === e._id),
            "every learner of a cancelled cohort gets exactly one choice",
          ).toHaveLength(1);
        }
        expect(choices, "nobody else gets a choice").toHaveLength(seated.length);
        if (seated.length > 0) coverage.hit("cohort cancelled with learners");
        return;
      }
      case "chooseTransfer":
      case "chooseRefund": {
        const choice = choose(
          before.choices.filter((c) => c.status === "open"),
          pick,
          mine,
        );
        if (!choice) return;
        // CHOICE_MADE: the enrollment ended otherwise since (a refund from the roster, Stripe's charge.refunded).
        if (op === "chooseRefund") {
          const refunded = await allowRefusal(
            as(t, choice.userId).action(api.enrollments.choices.refund, { choiceId: choice._id }),
            ["CHOICE_MADE"],
          );
          if (refunded.ok) coverage.hit("refund chosen");
          return;
        }
        const result = await allowRefusal(
          as(t, choice.userId).mutation(api.enrollments.choices.transfer, {
            choiceId: choice._id,
            toCohortId: this.otherCohortId,
          }),
          ["COHORT_FULL", "CHOICE_MADE"],
        );
        if (!result.ok) {
          if (result.code === "COHORT_FULL") coverage.hit("transfer refused: cohort full");
        } else coverage.hit(choice.seatHeld ? "transferred into the held seat" : "transferred without a hold");
        return;
      }
      case "choiceHoldTimeout":
        await settle(t, CHOICE_HOLD_MS + 1000);
        return;
      case "selfTransfer": {
        // A learner with a confirmed seat in either cohort moves themselves to the other one.
        const target = seatedInEither((e) => e.refundRequestedAt === undefined);
        if (!target) return;
        const outOfFirst = target.cohortId === cohortId;
        // ENROLLMENT_NOT_ACTIVE: the first cohort was cancelled (its learners choose on their choice page);
        // COHORT_NOT_OPEN: the move would go into the cancelled first cohort.
        const result = await allowRefusal(
          as(t, target.userId).mutation(api.enrollments.selfService.transfer, {
            enrollmentId: target._id,
            toCohortId: outOfFirst ? this.otherCohortId : cohortId,
          }),
          ["COHORT_FULL", "COHORT_NOT_OPEN", "ENROLLMENT_NOT_ACTIVE"],
        );
        if (!result.ok) {
          if (result.code === "COHORT_FULL") coverage.hit("learner transfer refused: cohort full");
        } else coverage.hit(outOfFirst ? "learner transferred out" : "learner transferred in");
        return;
      }
      case "selfRefund": {
        const target = seatedInEither((e) => e.refundRequestedAt === undefined);
        if (!target) return;
        const result = await allowRefusal(
          as(t, target.userId).action(api.enrollments.selfService.cancelWithRefund, { enrollmentId: target._id }),
          ["ENROLLMENT_NOT_ACTIVE"],
        );
        if (result.ok)
          coverage.hit(
            target.stripePaymentIntentId ? "learner refund sent to Stripe" : "learner cancelled a seat without Stripe",
          );
        return;
      }
      case "raiseCapacity": {
        const c = before.cohort;
        await as(t, this.admin).mutation(
          api.catalog.cohorts.save,
          cohortForm(c, { maxCapacity: c.maxCapacity + 1, status: "open" }),
        );
        coverage.hit("capacity raised");
        return;
      }
    }
  }

  /** Records the edges a step reached by comparing the states around it. */
  observe(before: State, after: State) {
    const { coverage } = this;
    if (after.cohort.currentEnrollment === after.cohort.maxCapacity) coverage.hit("capacity reached");
    const was = new Map(before.enrollments.map((e) => [e._id, e] as const));
    if (
      after.enrollments.some((e) => e.failureReason === "hold_expired" && was.get(e._id)?.paymentStatus === "pending")
    )
      coverage.hit("hold expired");
    const choicesBefore = new Map(before.choices.map((c) => [c._id, c] as const));
    if (after.choices.some((c) => c.status === "open" && !c.seatHeld && choicesBefore.get(c._id)?.seatHeld))
      coverage.hit("held seat released unused");
    const offeredBefore = new Map(before.waitlist.map((w) => [w._id, w] as const));
    if (after.waitlist.some((w) => w.status === "offered" && offeredBefore.get(w._id)?.status !== "offered")) {
      coverage.hit("waitlist offer made");
      const movedOut = after.other.enrollments.some((e) => was.get(e._id)?.seatHeld);
      const removed = after.enrollments.some((e) => e.failureReason === "removed" && was.get(e._id)?.seatHeld);
      if (movedOut || removed) coverage.hit("waitlist offer made on a seat an admin freed");
      if (this.lastOp === "selfTransfer" || this.lastOp === "selfRefund") {
        const cancelled = after.enrollments.some(
          (e) => e.failureReason === "cancelled" && was.get(e._id)?.paymentStatus === "completed",
        );
        if (movedOut || cancelled) coverage.hit("waitlist offer made on a seat a learner freed");
      }
    }
    if (
      after.waitlist.some((w) => w.offerOutcome === "expired" && offeredBefore.get(w._id)?.offerOutcome !== "expired")
    )
      coverage.hit("waitlist offer expired");
  }

  /**
   * Seats counted = seats held ≤ capacity; paid holds a seat, ended holds none; one live enrollment and one seat per
   * person.
   */
  expectSeatInvariants(state: State) {
    const { cohort, waitlist, other } = state;
    const held = state.enrollments.filter((e) => e.seatHeld).length + waitlist.filter((w) => w.seatHeld).length;
    expect(cohort.currentEnrollment, "seats counted on the cohort = enrollments and offers holding a seat").toBe(held);
    expect(cohort.currentEnrollment, "never over capacity").toBeLessThanOrEqual(cohort.maxCapacity);
    expect(
      other.cohort.currentEnrollment,
      "the second cohort counts the enrollments and the cancellation holds holding its seats",
    ).toBe(
      other.enrollments.filter((e) => e.seatHeld).length +
        state.choices.filter((c) => c.seatHeld && c.heldCohortId === this.otherCohortId).length,
    );
    for (const choice of state.choices) {
      expect(
        state.choices.filter((c) => c.enrollmentId === choice.enrollmentId),
        "one choice per enrollment",
      ).toHaveLength(1);
      if (choice.status !== "open") expect(choice.seatHeld, "a decided choice holds no seat").toBe(false);
    }
    expect(other.cohort.currentEnrollment, "the second cohort is never over capacity").toBeLessThanOrEqual(
      other.cohort.maxCapacity,
    );
    // A person's enrollments in the course, whichever cohort they are in now.
    const enrollments = [...state.enrollments, ...other.enrollments];
    for (const e of enrollments) {
      if (e.paymentStatus === "completed") expect(e.seatHeld, "a paid enrollment holds its seat").toBe(true);
      if (e.paymentStatus === "failed" || e.paymentStatus === "refunded")
        expect(e.seatHeld, "an ended enrollment holds no seat").toBe(false);
    }
    for (const buyer of this.buyers) {
      expect(
        enrollments.filter((e) => e.userId === buyer && live(e)).length,
        "at most one live enrollment per person and course",
      ).toBeLessThanOrEqual(1);
      const seats =
        enrollments.filter((e) => e.userId === buyer && e.seatHeld).length +
        waitlist.filter((w) => w.userId === buyer && w.seatHeld).length;
      expect(seats, "at most one seat per person").toBeLessThanOrEqual(1);
    }
  }
}
