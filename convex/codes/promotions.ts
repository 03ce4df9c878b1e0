/**
 * Promotion codes for platform admins: create one (with its Stripe coupon), list them with their uses, see who used
 * one, switch one off. Stripe holds the codes the Checkout Sessions apply; the table mirrors them so checkout can say
 * why a code cannot be used before Stripe is asked.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { appError } from "../errors";
import { currency } from "../env";
import {
  internalAction,
  internalMutation,
  internalQuery,
  platformAdminMutation,
  platformAdminQuery,
} from "../functions";
import { createPromotionCode, deactivatePromotionCode } from "../integrations/stripe";
import { optionalText, TEXT_LIMITS } from "../limits";
import { vPaymentStatus, vPromotionCodeStatus } from "../validators";
import { normalizeCode } from "./model/promotions";

const DAY = 24 * 60 * 60 * 1000;

/** Create a promotion code: percent or amount off, optionally for one course, until a date, for a number of uses. */
export const create = platformAdminMutation({
  args: {
    code: v.string(),
    description: v.optional(v.string()),
    percentOff: v.optional(v.number()),
    amountOffCents: v.optional(v.number()),
    courseId: v.optional(v.id("courses")),
    expiresAt: v.optional(v.number()),
    maxRedemptions: v.optional(v.number()),
  },
  returns: v.id("promotionCodes"),
  handler: async (ctx, args) => {
    const code = normalizeCode(args.code);
    if ((args.percentOff === undefined) === (args.amountOffCents === undefined)) {
      throw appError("INVALID_INPUT", "Choose either a percentage or an amount off.");
    }
    if (args.percentOff !== undefined && !(args.percentOff > 0 && args.percentOff <= 100)) {
      throw appError("INVALID_INPUT", "The percentage off must be more than 0 and at most 100.");
    }
    if (args.amountOffCents !== undefined && !(Number.isInteger(args.amountOffCents) && args.amountOffCents > 0)) {
      throw appError("INVALID_INPUT", "The amount off must be a positive amount.");
    }
    const now = Date.now();
    // Stripe wants a coupon's redeem_by in the future; a minute's margin covers the way there.
    if (args.expiresAt !== undefined && args.expiresAt < now + 60_000) {
      throw appError("INVALID_INPUT", "The expiry must be in the future.");
    }
    if (args.expiresAt !== undefined && args.expiresAt > now + 5 * 365 * DAY) {
      throw appError("INVALID_INPUT", "The expiry must be within five years.");
    }
    if (args.maxRedemptions !== undefined && !(Number.isInteger(args.maxRedemptions) && args.maxRedemptions > 0)) {
      throw appError("INVALID_INPUT", "The number of uses must be a whole number above 0.");
    }
    if (args.courseId !== undefined && (await ctx.db.get("courses", args.courseId)) === null) {
      throw appError("NOT_FOUND", "That course no longer exists.");
    }
    const existing = await ctx.db
      .query("promotionCodes")
      .withIndex("by_code", (q) => q.eq("code", code))
      .take(20);
    if (existing.some((row) => row.status === "active" || row.status === "creating")) {
      throw appError("INVALID_INPUT", `The code ${code} is already in use. Disable it first or pick another.`);
    }
    const description = optionalText(args.description, "the description", TEXT_LIMITS.line);
    const promotionCodeId = await ctx.db.insert("promotionCodes", {
      code,
      ...(description ? { description } : {}),
      ...(args.percentOff !== undefined ? { percentOff: args.percentOff } : {}),
      ...(args.amountOffCents !== undefined ? { amountOffCents: args.amountOffCents } : {}),
      currency: currency(),
      ...(args.courseId ? { courseId: args.courseId } : {}),
      ...(args.expiresAt !== undefined ? { expiresAt: args.expiresAt } : {}),
      ...(args.maxRedemptions !== undefined ? { maxRedemptions: args.maxRedemptions } : {}),
      timesRedeemed: 0,
      status: "creating",
      createdById: ctx.viewer._id,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.scheduler.runAfter(0, internal.codes.promotions.createInStripe, { promotionCodeId });
    return promotionCodeId;
  },
});

const vPromotionCodeRow = v.object({
  _id: v.id("promotionCodes"),
  code: v.string(),
  description: v.optional(v.string()),
  percentOff: v.optional(v.number()),
  amountOffCents: v.optional(v.number()),
  currency: v.string(),
  courseTitle: v.optional(v.string()),
  expiresAt: v.optional(v.number()),
  maxRedemptions: v.optional(v.number()),
  timesRedeemed: v.number(),
  status: vPromotionCodeStatus,
  failureMessage: v.optional(v.string()),
  createdAt: v.number(),
});

/** The newest 200 promotion codes with their terms and uses. */
export const list = platformAdminQuery({
  args: {},
  returns: v.array(vPromotionCodeRow),
  handler: async (ctx) => {
    const codes = await ctx.db.query("promotionCodes").withIndex("by_createdAt").order("desc").take(200);
    const titles = new Map<Id<"courses">, string>();
    for (const code of codes) {
      if (code.courseId && !titles.has(code.courseId)) {
        titles.set(code.courseId, (await ctx.db.get("courses", code.courseId))?.title ?? "Deleted course");
      }
    }
    return codes.map((code) => ({
      _id: code._id,
      code: code.code,
      ...(code.description ? { description: code.description } : {}),
      ...(code.percentOff !== undefined ? { percentOff: code.percentOff } : {}),
      ...(code.amountOffCents !== undefined ? { amountOffCents: code.amountOffCents } : {}),
      currency: code.currency,
      ...(code.courseId ? { courseTitle: titles.get(code.courseId) } : {}),
      ...(code.expiresAt !== undefined ? { expiresAt: code.expiresAt } : {}),
      ...(code.maxRedemptions !== undefined ? { maxRedemptions: code.maxRedemptions } : {}),
      timesRedeemed: code.timesRedeemed,
      status: code.status,
      ...(code.failureMessage ? { failureMessage: code.failureMessage } : {}),
      createdAt: code.createdAt,
    }));
  },
});

/** Who used a code: paid (and later refunded) checkouts, newest first, at most 100. */
export const redemptions = platformAdminQuery({
  args: { promotionCodeId: v.id("promotionCodes") },
  returns: v.array(
    v.object({
      enrollmentId: v.id("enrollments"),
      name: v.string(),
      email: v.string(),
      cohortName: v.string(),
      paymentStatus: vPaymentStatus,
      amountPaidCents: v.optional(v.number()),
      discountCents: v.optional(v.number()),
      purchasedAt: v.number(),
    }),
  ),
  handler: async (ctx, { promotionCodeId }) => {
    const rows = [];
    for (const paymentStatus of ["completed", "refunded"] as const) {
      const enrollments = await ctx.db
        .query("enrollments")
        .withIndex("by_promotionCodeId_and_paymentStatus", (q) =>
          q.eq("promotionCodeId", promotionCodeId).eq("paymentStatus", paymentStatus),
        )
        .order("desc")
        .take(100);
      for (const enrollment of enrollments) {
        const user = await ctx.db.get("users", enrollment.userId);
        const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
        rows.push({
          enrollmentId: enrollment._id,
          name: user?.name ?? "Deleted account",
          email: user?.email ?? "",
          cohortName: cohort?.name ?? "Deleted cohort",
          paymentStatus: enrollment.paymentStatus,
          ...(enrollment.amountPaidCents !== undefined ? { amountPaidCents: enrollment.amountPaidCents } : {}),
          ...(enrollment.discountCents !== undefined ? { discountCents: enrollment.discountCents } : {}),
          purchasedAt: enrollment.purchaseDate,
        });
      }
    }
    return rows.sort((a, b) => b.purchasedAt - a.purchasedAt).slice(0, 100);
  },
});

/** Switch a code off: checkout refuses it at once, and Stripe is told so no session can apply it. */
export const disable = platformAdminMutation({
  args: { promotionCodeId: v.id("promotionCodes") },
  returns: v.null(),
  handler: async (ctx, { promotionCodeId }) => {
    const code = await ctx.db.get("promotionCodes", promotionCodeId);
    if (code === null) throw appError("NOT_FOUND", "That code no longer exists.");
    if (code.status === "disabled") return null;
    if (code.status !== "active" && code.status !== "creating") {
      throw appError("INVALID_INPUT", `The code ${code.code} was never created in Stripe.`);
    }
    const now = Date.now();
    await ctx.db.patch("promotionCodes", code._id, { status: "disabled", disabledAt: now, updatedAt: now });
    if (code.stripePromotionCodeId) {
      await ctx.scheduler.runAfter(0, internal.codes.promotions.deactivateInStripe, {
        stripePromotionCodeId: code.stripePromotionCodeId,
      });
    }
    return null;
  },
});

// ------------------------------------------------------------------ internal

export const forStripe = internalQuery({
  args: { promotionCodeId: v.id("promotionCodes") },
  handler: async (ctx, { promotionCodeId }) => await ctx.db.get("promotionCodes", promotionCodeId),
});

/** Creates the coupon and its promotion code in Stripe (idempotent per code), then records their ids. */
export const createInStripe = internalAction({
  args: { promotionCodeId: v.id("promotionCodes") },
  handler: async (ctx, { promotionCodeId }) => {
    const code = await ctx.runQuery(internal.codes.promotions.forStripe, { promotionCodeId });
    if (code === null || code.stripePromotionCodeId) return;
    try {
      const ids = await createPromotionCode(code);
      await ctx.runMutation(internal.codes.promotions.recordInStripe, { promotionCodeId, ...ids });
    } catch (error) {
      await ctx.runMutation(internal.codes.promotions.recordStripeFailure, {
        promotionCodeId,
        message: (error as Error).message,
      });
    }
  },
});

export const recordInStripe = internalMutation({
  args: { promotionCodeId: v.id("promotionCodes"), stripeCouponId: v.string(), stripePromotionCodeId: v.string() },
  handler: async (ctx, { promotionCodeId, stripeCouponId, stripePromotionCodeId }) => {
    const code = await ctx.db.get("promotionCodes", promotionCodeId);
    if (code === null) return;
    await ctx.db.patch("promotionCodes", code._id, {
      stripeCouponId,
      stripePromotionCodeId,
      // Disabled while Stripe was creating it: it stays off, in Stripe too.
      ...(code.status === "creating" ? { status: "active" as const } : {}),
      updatedAt: Date.now(),
    });
    if (code.status === "disabled") {
      await ctx.scheduler.runAfter(0, internal.codes.promotions.deactivateInStripe, { stripePromotionCodeId });
    }
  },
});

export const recordStripeFailure = internalMutation({
  args: { promotionCodeId: v.id("promotionCodes"), message: v.string() },
  handler: async (ctx, { promotionCodeId, message }) => {
    const code = await ctx.db.get("promotionCodes", promotionCodeId);
    if (code === null || code.status !== "creating") return;
    console.error(`Stripe refused promotion code ${code.code}: ${message}`);
    await ctx.db.patch("promotionCodes", code._id, {
      status: "failed",
      failureMessage: `Stripe refused the code: ${message.slice(0, TEXT_LIMITS.line)}`,
      updatedAt: Date.now(),
    });
  },
});

export const deactivateInStripe = internalAction({
  args: { stripePromotionCodeId: v.string() },
  handler: async (_ctx, { stripePromotionCodeId }) => {
    await deactivatePromotionCode(stripePromotionCodeId);
  },
});
