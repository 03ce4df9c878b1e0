/**
 * Codes under random sequences (issue #18): enrollment-code redemptions and promotion-code checkouts mixed with the
 * checkout and waitlist operations of the seat world, on a cohort with more people than seats. After every step the
 * seat invariants of seat-world.ts hold, and so do the codes' own: an enrollment code is used exactly once per
 * person who redeemed it and never beyond its limit; a promotion code counts each paid checkout once and never more
 * than its limit; redeeming a code again changes nothing.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, type T, useStripeTestEnvironment } from "./checkout-helpers";
import { newTest } from "./helpers";
import { allowRefusal, EdgeCoverage, runs, settle, weighted } from "./property-support";
import { type Edge, operations, SeatWorld, type State, type Step } from "./seat-world";

const stripe = useStripeTestEnvironment();

const PEOPLE = 8;
const CAPACITY = 4;
const ENROLLMENT_CODE_USES = 3;
const PROMOTION_CODE_USES = 2;

const CODE_EDGES = [
  "code redeemed",
  "redeemed again: nothing changed",
  "code used up",
  "redeem refused: cohort full",
  "redeem refused: already enrolled",
  "promotion code held",
  "promotion code used up",
  "promotion code paid",
] as const;
type CodeEdge = (typeof CODE_EDGES)[number];

type CodeStep = { op: "redeem" | "reserveWithCode"; who: number };
const vSeatStep = operations(
  { reserve: 4, pay: 6, holdTimeout: 2, cancel: 1, refund: 2, joinWaitlist: 2, acceptOffer: 2 },
  PEOPLE,
);
const vCodeStep = fc.record({
  op: weighted<CodeStep["op"]>([
    ["redeem", 3],
    ["reserveWithCode", 3],
  ]),
  who: fc.nat(PEOPLE - 1),
});
/** Every run starts where the edges are: one person has redeemed the enrollment code and another holds a checkout with the promotion code. */
const START: CodeStep[] = [
  { op: "redeem", who: 0 },
  { op: "reserveWithCode", who: 1 },
];
const vSteps = fc
  .array(fc.oneof({ arbitrary: vSeatStep, weight: 3 }, { arbitrary: vCodeStep, weight: 2 }), {
    minLength: 20,
    maxLength: 35,
  })
  .map((steps) => [...START, ...steps]);

type Codes = { enrollmentCodeId: Id<"enrollmentCodes">; promotionCodeId: Id<"promotionCodes"> };

async function seedCodes(t: T, world: SeatWorld): Promise<Codes> {
  return await t.run(async (ctx) => {
    const admin = (await ctx.db.query("users").collect()).find((u) => u.role === "platform_admin")!;
    const common = { createdById: admin._id, createdAt: 1, updatedAt: 1 };
    const enrollmentCodeId = await ctx.db.insert("enrollmentCodes", {
      code: "JOINFREE",
      cohortId: world.cohortId,
      courseId: world.courseId,
      source: "free",
      maxUses: ENROLLMENT_CODE_USES,
      uses: 0,
      status: "active",
      ...common,
    });
    const promotionCodeId = await ctx.db.insert("promotionCodes", {
      code: "HALF",
      percentOff: 50,
      currency: "usd",
      maxRedemptions: PROMOTION_CODE_USES,
      timesRedeemed: 0,
      status: "active",
      stripeCouponId: "coupon_prop",
      stripePromotionCodeId: "promo_prop",
      ...common,
    });
    return { enrollmentCodeId, promotionCodeId };
  });
}

async function readCodes(t: T, codes: Codes) {
  return await t.run(async (ctx) => ({
    enrollmentCode: (await ctx.db.get("enrollmentCodes", codes.enrollmentCodeId))!,
    redemptions: await ctx.db
      .query("enrollmentCodeRedemptions")
      .withIndex("by_enrollmentCodeId_and_redeemedAt", (q) => q.eq("enrollmentCodeId", codes.enrollmentCodeId))
      .collect(),
    promotionCode: (await ctx.db.get("promotionCodes", codes.promotionCodeId))!,
  }));
}

function expectCodeInvariants(state: State, codes: Awaited<ReturnType<typeof readCodes>>) {
  const { enrollmentCode, redemptions, promotionCode } = codes;
  expect(enrollmentCode.uses, "an enrollment code counts each redemption once").toBe(redemptions.length);
  expect(enrollmentCode.uses, "never beyond its limit").toBeLessThanOrEqual(enrollmentCode.maxUses);
  expect(new Set(redemptions.map((r) => r.userId)).size, "one redemption per person").toBe(redemptions.length);
  for (const redemption of redemptions) {
    expect(
      state.enrollments.some((e) => e._id === redemption.enrollmentId),
      "a redemption names its enrollment",
    ).toBe(true);
  }
  const withCode = state.enrollments.filter((e) => e.promotionCodeId === promotionCode._id);
  const paid = withCode.filter((e) => e.paymentStatus === "completed" || e.paymentStatus === "refunded").length;
  const held = withCode.filter((e) => e.paymentStatus === "pending" && e.seatHeld).length;
  expect(promotionCode.timesRedeemed, "a promotion code counts each paid checkout once").toBe(paid);
  expect(paid + held, "paid and held checkouts never exceed the code's limit").toBeLessThanOrEqual(PROMOTION_CODE_USES);
  for (const e of withCode) expect(e.amountCents, "the discounted price").toBe(74_850);
}

test("#18 codes: seats counted = seats held ≤ capacity and each code within its limit, under redemptions mixed with checkout and waitlist", async () => {
  const seatCoverage = new EdgeCoverage<Edge>("codes (seat edges, not required)", []);
  const coverage = new EdgeCoverage<CodeEdge>("codes", CODE_EDGES);
  await fc.assert(
    fc.asyncProperty(vSteps, async (steps) => {
      coverage.startRun();
      seatCoverage.startRun();
      const t = newTest();
      const world = await SeatWorld.create(t, { capacity: CAPACITY, buyers: PEOPLE, coverage: seatCoverage, stripe });
      const codes = await seedCodes(t, world);
      let state = await world.read();
      for (const step of steps) {
        if (step.op === "redeem" || step.op === "reserveWithCode") {
          await applyCodeStep(t, world, codes, step as CodeStep, state, coverage);
        } else {
          await world.apply(step as Step, state);
        }
        const next = await world.read();
        world.expectSeatInvariants(next);
        const codeState = await readCodes(t, codes);
        expectCodeInvariants(next, codeState);
        if (codeState.enrollmentCode.uses === ENROLLMENT_CODE_USES) coverage.hit("code used up");
        if (codeState.promotionCode.timesRedeemed > 0) coverage.hit("promotion code paid");
        state = next;
      }
    }),
    { numRuns: runs(25), endOnFailure: true },
  );
  coverage.expectReached({
    "code redeemed": 1,
    "promotion code held": 1,
    "redeemed again: nothing changed": 0.3,
    "redeem refused: cohort full": 0.2,
    "promotion code paid": 0.4,
    "code used up": 0.1,
    "promotion code used up": 0.1,
  });
}, 240_000);

async function applyCodeStep(
  t: T,
  world: SeatWorld,
  codes: Codes,
  { op, who }: CodeStep,
  before: State,
  coverage: EdgeCoverage<CodeEdge>,
) {
  const person = world.buyers[who];
  if (op === "redeem") {
    const redeemedBefore = (await readCodes(t, codes)).redemptions.some((r) => r.userId === person);
    const result = await allowRefusal(as(t, person).mutation(api.codes.enrollment.redeem, { code: "joinfree" }), [
      "COHORT_FULL",
      "ALREADY_ENROLLED",
    ]);
    await settle(t);
    if (!result.ok) {
      coverage.hit(result.code === "COHORT_FULL" ? "redeem refused: cohort full" : "redeem refused: already enrolled");
      return;
    }
    if (!result.value.ok) {
      expect(result.value.code, "the only refusal of a live code is its limit").toBe("CODE_EXHAUSTED");
      return;
    }
    if (redeemedBefore) {
      expect(result.value.alreadyRedeemed).toBe(true);
      const after = await world.read();
      expect(after.enrollments, "redeeming again changes nothing").toEqual(before.enrollments);
      expect(after.cohort.currentEnrollment).toBe(before.cohort.currentEnrollment);
      coverage.hit("redeemed again: nothing changed");
    } else {
      coverage.hit("code redeemed");
    }
    return;
  }
  const result = await allowRefusal(
    as(t, person).mutation(api.payments.checkout.reserveWithCode, { cohortId: world.cohortId, promotionCode: "half" }),
    ["COHORT_FULL", "ALREADY_ENROLLED", "INVALID_INPUT", "RATE_LIMITED"],
  );
  await settle(t);
  if (!result.ok) return;
  if (result.value.ok) coverage.hit("promotion code held");
  else {
    expect(result.value.code).toBe("CODE_EXHAUSTED");
    coverage.hit("promotion code used up");
  }
}
