/** Promotion codes (issue #18): created in Stripe by platform admins, checked by us at checkout, applied by Stripe. */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { HOLD_MS } from "../../convex/payments/model/checkout";
import {
  as,
  cohortState,
  deliver,
  runScheduled,
  seedCohort,
  type T,
  useStripeTestEnvironment,
} from "./checkout-helpers";
import { addPlatformAdmin, insertFirstDaySession } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { mailTo } from "./inbox";
import { addUser, seatInvariant, seedOrg } from "./org-helpers";
import { checkoutSession } from "./stripe-events";

const stripe = useStripeTestEnvironment();
const DAY = 86_400_000;

/** Creates a code as a platform admin and lets Stripe's calls run; returns its id. */
async function createCode(
  t: T,
  adminId: Id<"users">,
  terms: Partial<{
    code: string;
    percentOff: number;
    amountOffCents: number;
    courseId: Id<"courses">;
    expiresAt: number;
    maxRedemptions: number;
  }> = {},
) {
  const id = await as(t, adminId).mutation(api.codes.promotions.create, {
    code: "spring20",
    ...(terms.amountOffCents === undefined ? { percentOff: 20 } : {}),
    ...terms,
  });
  await runScheduled(t);
  return id;
}

async function enrollment(t: T, enrollmentId: Id<"enrollments">) {
  return (await t.run(async (ctx) => ctx.db.get("enrollments", enrollmentId)))!;
}

describe("#18 promotion codes", () => {
  test("#18 a platform admin creates a code: its coupon and promotion code are created in Stripe with its terms; nobody else can", async () => {
    const t = newTest();
    const { courseId, buyers } = await seedCohort(t);
    const adminId = await addPlatformAdmin(t);
    const expiresAt = Date.now() + 10 * DAY;
    await expectAppError(
      as(t, buyers[0]).mutation(api.codes.promotions.create, { code: "FREE", percentOff: 100 }),
      "NOT_PLATFORM_ADMIN",
    );
    const id = await createCode(t, adminId, { courseId, expiresAt, maxRedemptions: 5 });

    const coupon = stripe.calls.find((c) => c.path === "/v1/coupons")!;
    expect(Object.fromEntries(coupon.params)).toEqual({
      duration: "once",
      percent_off: "20",
      redeem_by: String(Math.floor(expiresAt / 1000)),
      max_redemptions: "5",
      name: "SPRING20",
      "metadata[promotionCodeId]": id,
      "metadata[courseId]": courseId,
    });
    expect(coupon.idempotencyKey).toBe(`coupon-${id}`);
    const promotion = stripe.calls.find((c) => c.path === "/v1/promotion_codes")!;
    expect(Object.fromEntries(promotion.params)).toEqual({
      "promotion[type]": "coupon",
      "promotion[coupon]": "coupon_1",
      code: "SPRING20",
      "metadata[promotionCodeId]": id,
    });
    const [row] = await as(t, adminId).query(api.codes.promotions.list, {});
    expect(row).toMatchObject({
      code: "SPRING20",
      percentOff: 20,
      courseTitle: "AI Enablement Intensive",
      maxRedemptions: 5,
      timesRedeemed: 0,
      status: "active",
    });
    await expectAppError(
      as(t, adminId).mutation(api.codes.promotions.create, { code: "Spring20", percentOff: 10 }),
      "INVALID_INPUT",
    );
    await expectAppError(
      as(t, adminId).mutation(api.codes.promotions.create, { code: "BOTH", percentOff: 10, amountOffCents: 500 }),
      "INVALID_INPUT",
    );
  });

  test("#18 a promotion code reduces the amount sent to Stripe and recorded on the enrollment, the receipt and the purchase view", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const adminId = await addPlatformAdmin(t);
    const codeId = await createCode(t, adminId);

    const reserved = await as(t, buyers[0]).mutation(api.payments.checkout.reserveWithCode, {
      cohortId,
      promotionCode: " spring20 ",
    });
    if (!reserved.ok) throw new Error(reserved.message);
    // Reserving again with the same code continues the same checkout; another code cannot change its price.
    expect(
      await as(t, buyers[0]).mutation(api.payments.checkout.reserveWithCode, { cohortId, promotionCode: "SPRING20" }),
    ).toEqual({ ok: true, enrollmentId: reserved.enrollmentId });
    await expectAppError(
      as(t, buyers[0]).mutation(api.payments.checkout.reserveWithCode, { cohortId, promotionCode: "OTHER10" }),
      "INVALID_INPUT",
    );
    await runScheduled(t);
    const session = stripe.calls.filter((c) => c.path === "/v1/checkout/sessions" && c.method === "POST");
    expect(session).toHaveLength(1);
    // Stripe gets the course's price and the code, and takes the 20 % off itself.
    expect(session[0].params.get("line_items[0][price_data][unit_amount]")).toBe("149700");
    expect(session[0].params.get("discounts[0][promotion_code]")).toBe("promo_2");
    const held = await enrollment(t, reserved.enrollmentId);
    expect(held).toMatchObject({ amountCents: 119_760, listPriceCents: 149_700, discountCents: 29_940 });

    const response = await deliver(t, "checkout.session.completed", {
      ...checkoutSession(held, { paid: true }),
      amount_subtotal: 149_700,
      amount_total: 119_760,
      total_details: { amount_discount: 29_940, amount_shipping: 0, amount_tax: 0 },
    });
    expect(response.status).toBe(200);
    await runScheduled(t);
    const paid = await enrollment(t, reserved.enrollmentId);
    expect(paid).toMatchObject({ paymentStatus: "completed", amountPaidCents: 119_760 });
    expect(await as(t, buyers[0]).query(api.payments.checkout.status, { enrollmentId: paid._id })).toMatchObject({
      state: "paid",
      amountPaidCents: 119_760,
      discount: { code: "SPRING20", listPriceCents: 149_700, discountCents: 29_940 },
    });
    const receipt = await t.run(async (ctx) =>
      ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "buyer0@example.com"))
        .unique(),
    );
    expect(receipt!.text).toContain("We received $1,197.60.");
    expect(receipt!.text).toContain("Price $1,497.00, less $299.40 with the code SPRING20.");
    const [row] = await as(t, adminId).query(api.codes.promotions.list, {});
    expect(row.timesRedeemed).toBe(1);
    expect(await as(t, adminId).query(api.codes.promotions.redemptions, { promotionCodeId: codeId })).toEqual([
      expect.objectContaining({ name: "Buyer 0", amountPaidCents: 119_760, discountCents: 29_940 }),
    ]);
    // A payment of the full price for a discounted checkout is not this purchase's: it goes to review.
    const second = await as(t, buyers[1]).mutation(api.payments.checkout.reserveWithCode, {
      cohortId,
      promotionCode: "SPRING20",
    });
    if (!second.ok) throw new Error(second.message);
    await runScheduled(t);
    await deliver(t, "checkout.session.completed", {
      ...checkoutSession(await enrollment(t, second.enrollmentId), { paid: true }),
      amount_total: 149_700,
    });
    expect(await enrollment(t, second.enrollmentId)).toMatchObject({
      paymentStatus: "failed",
      failureReason: "payment_under_review",
    });
  });

  test("#18 an expired or exhausted code is refused with a clear message and holds no seat", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { buyers: 3 });
    const adminId = await addPlatformAdmin(t);
    await createCode(t, adminId, { code: "ONCE", maxRedemptions: 1 });
    await createCode(t, adminId, { code: "SOON", expiresAt: Date.now() + 2 * DAY });

    const first = await as(t, buyers[0]).mutation(api.payments.checkout.reserveWithCode, {
      cohortId,
      promotionCode: "ONCE",
    });
    expect(first.ok).toBe(true);
    // The held checkout counts against the limit until it is paid or ends.
    expect(
      await as(t, buyers[1]).mutation(api.payments.checkout.reserveWithCode, { cohortId, promotionCode: "once" }),
    ).toEqual({
      ok: false,
      code: "CODE_EXHAUSTED",
      message: "The code ONCE has been used as many times as it allows.",
    });
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(1);
    await runScheduled(t, HOLD_MS + 1000);
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(0);
    const second = await as(t, buyers[1]).mutation(api.payments.checkout.reserveWithCode, {
      cohortId,
      promotionCode: "ONCE",
    });
    if (!second.ok) throw new Error(second.message);
    await runScheduled(t);
    await deliver(
      t,
      "checkout.session.completed",
      checkoutSession(await enrollment(t, second.enrollmentId), { paid: true }),
    );
    expect(
      await as(t, buyers[2]).mutation(api.payments.checkout.reserveWithCode, { cohortId, promotionCode: "ONCE" }),
    ).toMatchObject({ ok: false, code: "CODE_EXHAUSTED" });

    await runScheduled(t, 2 * DAY);
    expect(
      await as(t, buyers[2]).mutation(api.payments.checkout.reserveWithCode, { cohortId, promotionCode: "SOON" }),
    ).toEqual({ ok: false, code: "CODE_EXPIRED", message: "The code SOON has expired." });
    expect(
      await as(t, buyers[2]).mutation(api.payments.checkout.reserveWithCode, { cohortId, promotionCode: "NOPE" }),
    ).toEqual({ ok: false, code: "CODE_INVALID", message: "The code “NOPE” is not valid. Check its spelling." });
    const state = await cohortState(t, cohortId);
    expect(state.cohort.currentEnrollment).toBe(1);
    expect(state.enrollments.filter((e) => e.userId === buyers[2])).toEqual([]);
  });

  test("#18 a code for another course, or one an admin disabled, is refused; Stripe is told to switch the code off", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const adminId = await addPlatformAdmin(t);
    const otherCourse = await t.run(async (ctx) => {
      const course = (await ctx.db.query("courses").first())!;
      const { _id, _creationTime, ...fields } = course;
      return await ctx.db.insert("courses", { ...fields, slug: "other", title: "Other course" });
    });
    await createCode(t, adminId, { code: "OTHER", courseId: otherCourse });
    expect(
      await as(t, buyers[0]).mutation(api.payments.checkout.reserveWithCode, { cohortId, promotionCode: "OTHER" }),
    ).toEqual({
      ok: false,
      code: "CODE_NOT_APPLICABLE",
      message: "The code OTHER is not valid for AI Enablement Intensive.",
    });

    const codeId = await createCode(t, adminId, { code: "GONE", amountOffCents: 10_000 });
    await expectAppError(
      as(t, buyers[0]).mutation(api.codes.promotions.disable, { promotionCodeId: codeId }),
      "NOT_PLATFORM_ADMIN",
    );
    await as(t, adminId).mutation(api.codes.promotions.disable, { promotionCodeId: codeId });
    await runScheduled(t);
    const update = stripe.calls.find((c) => c.method === "POST" && /^\/v1\/promotion_codes\/promo_/.test(c.path));
    expect(update?.params.get("active")).toBe("false");
    expect(
      await as(t, buyers[0]).mutation(api.payments.checkout.reserveWithCode, { cohortId, promotionCode: "GONE" }),
    ).toMatchObject({ ok: false, code: "CODE_INVALID" });
    // The code can be given out again once the old one is off.
    await createCode(t, adminId, { code: "GONE", amountOffCents: 5_000 });
    const reserved = await as(t, buyers[0]).mutation(api.payments.checkout.reserveWithCode, {
      cohortId,
      promotionCode: "GONE",
    });
    if (!reserved.ok) throw new Error(reserved.message);
    expect(await enrollment(t, reserved.enrollmentId)).toMatchObject({ amountCents: 144_700, discountCents: 5_000 });
  });

  test("#18 trying codes is limited per person, and refused tries count", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    for (let i = 0; i < 10; i++) {
      expect(
        await as(t, buyers[0]).mutation(api.payments.checkout.reserveWithCode, {
          cohortId,
          promotionCode: `GUESS${i}`,
        }),
      ).toMatchObject({ ok: false, code: "CODE_INVALID" });
    }
    await expectAppError(
      as(t, buyers[0]).mutation(api.payments.checkout.reserveWithCode, { cohortId, promotionCode: "GUESS10" }),
      "RATE_LIMITED",
    );
    // Another person is not affected.
    expect(
      await as(t, buyers[1]).mutation(api.payments.checkout.reserveWithCode, { cohortId, promotionCode: "GUESS" }),
    ).toMatchObject({ ok: false, code: "CODE_INVALID" });
  });
});

describe("#18 enrollment codes", () => {
  async function redeem(t: T, userId: Id<"users">, code: string) {
    return await as(t, userId).mutation(api.codes.enrollment.redeem, { code });
  }

  test("#18 a free code enrolls up to its use limit, refuses after, and redeeming again is a no-op", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { buyers: 4 });
    const adminId = await addPlatformAdmin(t);
    await expectAppError(
      as(t, buyers[0]).mutation(api.codes.enrollment.create, { cohortId, maxUses: 2 }),
      "NOT_PLATFORM_ADMIN",
    );
    const { code } = await as(t, adminId).mutation(api.codes.enrollment.create, {
      code: "welcome",
      cohortId,
      maxUses: 2,
    });
    expect(code).toBe("WELCOME");

    const first = await redeem(t, buyers[0], "welcome");
    expect(first).toMatchObject({ ok: true, cohortName: "December cohort", alreadyRedeemed: false });
    // Redeeming again gives the same enrollment and uses nothing.
    const again = await redeem(t, buyers[0], "WELCOME");
    expect(again).toMatchObject({ ok: true, alreadyRedeemed: true });
    if (!first.ok || !again.ok) throw new Error("redeem failed");
    expect(again.enrollmentId).toBe(first.enrollmentId);
    expect(await redeem(t, buyers[1], "WELCOME")).toMatchObject({ ok: true, alreadyRedeemed: false });
    expect(await redeem(t, buyers[2], "WELCOME")).toEqual({
      ok: false,
      code: "CODE_EXHAUSTED",
      message: "The code WELCOME has been used as many times as it allows.",
    });
    const state = await cohortState(t, cohortId);
    expect(state.cohort.currentEnrollment).toBe(2);
    expect(state.enrollments).toHaveLength(2);
    expect(state.enrollments.every((e) => e.paymentStatus === "completed" && e.seatHeld && e.amountCents === 0)).toBe(
      true,
    );
    const [row] = await as(t, adminId).query(api.codes.enrollment.list, {});
    expect(row).toMatchObject({ code: "WELCOME", uses: 2, maxUses: 2, source: "free" });
    expect(
      (await as(t, adminId).query(api.codes.enrollment.redemptions, { enrollmentCodeId: row._id })).map((r) => r.name),
    ).toEqual(["Buyer 1", "Buyer 0"]);
  });

  test("#18 an expired, disabled or unknown code is refused; a full cohort refuses and takes no use", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { buyers: 3, capacity: 1 });
    const adminId = await addPlatformAdmin(t);
    await as(t, adminId).mutation(api.codes.enrollment.create, {
      code: "SOON",
      cohortId,
      maxUses: 5,
      expiresAt: Date.now() + DAY,
    });
    const { enrollmentCodeId } = await as(t, adminId).mutation(api.codes.enrollment.create, {
      code: "OFF",
      cohortId,
      maxUses: 5,
    });
    await as(t, adminId).mutation(api.codes.enrollment.disable, { enrollmentCodeId });
    expect(await redeem(t, buyers[0], "OFF")).toMatchObject({ ok: false, code: "CODE_INVALID" });
    expect(await redeem(t, buyers[0], "SOON")).toMatchObject({ ok: true });
    // The only seat is taken: the next person is refused and the code keeps its use.
    await expectAppError(redeem(t, buyers[1], "SOON"), "COHORT_FULL");
    const [soon] = (await as(t, adminId).query(api.codes.enrollment.list, {})).filter((r) => r.code === "SOON");
    expect(soon.uses).toBe(1);
    await runScheduled(t, 2 * DAY);
    expect(await redeem(t, buyers[2], "SOON")).toEqual({
      ok: false,
      code: "CODE_EXPIRED",
      message: "The code SOON has expired.",
    });
    expect((await cohortState(t, cohortId)).cohort.currentEnrollment).toBe(1);
  });

  test("#18 an organization's code takes a seat of its pool and makes the redeemer a member; its admin manages only its own codes", async () => {
    const t = newTest();
    const { organizationId, adminId: orgAdminId, cohortId } = await seedOrg(t, { seats: 1 });
    const other = await seedOrg(t, { name: "Globex" });
    const [first, second] = [await addUser(t, "first@example.com"), await addUser(t, "second@example.com")];

    const { code, enrollmentCodeId } = await as(t, orgAdminId).mutation(api.codes.enrollment.createForOrganization, {
      organizationId,
      cohortId,
      maxUses: 5,
    });
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    await expectAppError(
      as(t, other.adminId).mutation(api.codes.enrollment.disableForOrganization, {
        organizationId: other.organizationId,
        enrollmentCodeId,
      }),
      "NOT_FOUND",
    );
    expect(
      await as(t, other.adminId).query(api.codes.enrollment.redemptionsForOrganization, {
        organizationId: other.organizationId,
        enrollmentCodeId,
      }),
    ).toEqual([]);

    expect(await redeem(t, first, code)).toMatchObject({ ok: true });
    const member = await t.run(async (ctx) => ctx.db.get("users", first));
    expect(member).toMatchObject({ organizationId, holdsOrgSeat: true });
    const enrolled = (await cohortState(t, cohortId)).enrollments.find((e) => e.userId === first);
    expect(enrolled).toMatchObject({ paymentType: "b2b", paymentStatus: "completed", seatHeld: true });
    // The pool's only seat is taken.
    await expectAppError(redeem(t, second, code), "NO_SEATS_LEFT");
    const { organization } = await seatInvariant(t, organizationId);
    expect(organization.seatsUsed).toBe(1);
    const codes = await as(t, orgAdminId).query(api.codes.enrollment.listForOrganization, { organizationId });
    expect(codes).toEqual([
      expect.objectContaining({ code, uses: 1, source: "organization", organizationName: "Acme" }),
    ]);
    expect(
      await as(t, other.adminId).query(api.codes.enrollment.listForOrganization, {
        organizationId: other.organizationId,
      }),
    ).toEqual([]);
    await as(t, orgAdminId).mutation(api.codes.enrollment.disableForOrganization, { organizationId, enrollmentCodeId });
    expect(await redeem(t, second, code)).toMatchObject({ ok: false, code: "CODE_INVALID" });
  });
});

describe("#18 enrollment codes: what the redeemer is told", () => {
  test("#18 redeeming a free code sends “You're enrolled” with the calendar file and no amount, once", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { buyers: 1 });
    await t.run((ctx) => insertFirstDaySession(ctx, cohortId));
    const adminId = await addPlatformAdmin(t);
    await as(t, adminId).mutation(api.codes.enrollment.create, { code: "WELCOME", cohortId, maxUses: 5 });
    await as(t, buyers[0]).mutation(api.codes.enrollment.redeem, { code: "WELCOME" });
    await as(t, buyers[0]).mutation(api.codes.enrollment.redeem, { code: "WELCOME" });
    const mail = await mailTo(t, "buyer0@example.com");
    expect(mail.map((m) => m.subject)).toEqual(["You're enrolled in AI Enablement Intensive"]);
    expect(mail[0].text).toContain("Your code WELCOME placed you in AI Enablement Intensive — December cohort");
    expect(mail[0].text).toContain("There is nothing to pay.");
    expect(mail[0].text).not.toMatch(/\$|We received|receipt/i);
    expect(mail[0].attachments?.[0]).toMatchObject({ filename: "intensive.ics" });
    expect(mail[0].attachments?.[0].content).toContain("SUMMARY:AI Enablement Intensive: Day 1");
  });

  test("#18 redeeming an organization's code says the organization gave the seat", async () => {
    const t = newTest();
    const { organizationId, adminId, cohortId } = await seedOrg(t, { seats: 2 });
    const learner = await addUser(t, "learner@example.com");
    const { code } = await as(t, adminId).mutation(api.codes.enrollment.createForOrganization, {
      organizationId,
      cohortId,
      maxUses: 2,
    });
    await as(t, learner).mutation(api.codes.enrollment.redeem, { code });
    const [mail] = await mailTo(t, "learner@example.com");
    expect(mail.subject).toBe("You're enrolled in AI Enablement Intensive");
    expect(mail.text).toContain(`Acme (code ${code}) placed you in AI Enablement Intensive — December cohort`);
    expect(mail.text).not.toMatch(/\$|We received/);
  });
});
