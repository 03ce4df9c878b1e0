/**
 * B2C purchase of a cohort seat: reserve (hold) → Stripe Checkout Session → webhook
 * confirms, or the hold ends and the seat returns to the cohort.
 */
import { ConvexError, v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { appError, type ErrorCode, isAppErrorData } from "../errors";
import { enforceLimit } from "../rateLimits";
import { internalAction, internalMutation, internalQuery, userMutation, userQuery } from "../functions";
import { failPending, reserveSeat } from "./model/checkout";
import { priceCharged } from "../enrollments/model/seats";
import { attachCheckoutSession as recordCheckoutSession } from "../enrollments/model/state";
import { siteUrl } from "../env";
import { cohortCalendar } from "../liveSessions/model/calendar";
import { sendEmail } from "../integrations/email";
import {
  createCheckoutSession as createStripeCheckoutSession,
  expireCheckoutSession as expireStripeCheckoutSession,
  isDiscountRefusal,
} from "../integrations/stripe";
import { receiptEmail, refundEmail } from "./model/emails";
import { vPaymentStatus } from "../validators";

/** Reserve a seat in an open cohort; returns the pending enrollment to follow. */
export const reserve = userMutation({
  args: { cohortId: v.id("cohorts") },
  returns: v.id("enrollments"),
  handler: async (ctx, { cohortId }) => await reserveSeat(ctx, ctx.viewer, cohortId),
});

const CODE_REFUSALS: ReadonlySet<ErrorCode> = new Set([
  "CODE_INVALID",
  "CODE_EXPIRED",
  "CODE_EXHAUSTED",
  "CODE_NOT_APPLICABLE",
]);

/**
 * Reserve a seat with a promotion code. A code that cannot be used is answered, not thrown: a thrown error would roll
 * back the attempt's rate-limit token with the rest of the transaction, and codes could then be guessed without limit.
 */
export const reserveWithCode = userMutation({
  args: { cohortId: v.id("cohorts"), promotionCode: v.string() },
  returns: v.union(
    v.object({ ok: v.literal(true), enrollmentId: v.id("enrollments") }),
    v.object({ ok: v.literal(false), code: v.string(), message: v.string() }),
  ),
  handler: async (ctx, { cohortId, promotionCode }) => {
    await enforceLimit(ctx, "promotionCodeAttempts", ctx.viewer._id, "code attempts");
    try {
      return { ok: true as const, enrollmentId: await reserveSeat(ctx, ctx.viewer, cohortId, promotionCode) };
    } catch (error) {
      // The code is checked before anything is written, so answering here commits only the attempt.
      if (error instanceof ConvexError && isAppErrorData(error.data) && CODE_REFUSALS.has(error.data.code)) {
        return { ok: false as const, code: error.data.code, message: error.data.message };
      }
      throw error;
    }
  },
});

const vCheckoutState = v.union(
  v.literal("creating_session"),
  v.literal("ready"),
  v.literal("awaiting_payment_result"),
  v.literal("paid"),
  v.literal("ended"),
  v.literal("refunded"),
);

function checkoutState(e: Doc<"enrollments">) {
  if (e.paymentStatus === "completed") return "paid" as const;
  if (e.paymentStatus === "refunded") return "refunded" as const;
  if (e.paymentStatus === "failed") return "ended" as const;
  if (e.awaitingAsyncPayment) return "awaiting_payment_result" as const;
  return e.checkoutUrl ? ("ready" as const) : ("creating_session" as const);
}

/** The caller's own checkout, followed live by the checkout and return pages. */
export const status = userQuery({
  args: { enrollmentId: v.id("enrollments") },
  returns: v.union(
    v.null(),
    v.object({
      state: vCheckoutState,
      paymentStatus: vPaymentStatus,
      checkoutUrl: v.optional(v.string()),
      holdExpiresAt: v.optional(v.number()),
      failureReason: v.optional(v.string()),
      message: v.optional(v.string()),
      amountCents: v.optional(v.number()),
      /** A promotion code's discount on the course's price, when one was applied. */
      discount: v.optional(v.object({ code: v.string(), listPriceCents: v.number(), discountCents: v.number() })),
      /** What Stripe says was paid, once it was. */
      amountPaidCents: v.optional(v.number()),
      cohortId: v.id("cohorts"),
      cohortName: v.string(),
      courseTitle: v.string(),
      courseSlug: v.string(),
      startDate: v.number(),
      endDate: v.number(),
      timezone: v.optional(v.string()),
    }),
  ),
  handler: async (ctx, { enrollmentId }) => {
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    // Another learner's enrollment is indistinguishable from a missing one.
    if (ctx.viewer === null || enrollment === null || enrollment.userId !== ctx.viewer._id) return null;
    const cohort = (await ctx.db.get("cohorts", enrollment.cohortId))!;
    const course = (await ctx.db.get("courses", enrollment.courseId))!;
    const state = checkoutState(enrollment);
    const promotionCode = enrollment.promotionCodeId
      ? await ctx.db.get("promotionCodes", enrollment.promotionCodeId)
      : null;
    return {
      state,
      paymentStatus: enrollment.paymentStatus,
      ...(state === "ready" && enrollment.checkoutUrl ? { checkoutUrl: enrollment.checkoutUrl } : {}),
      ...(enrollment.holdExpiresAt ? { holdExpiresAt: enrollment.holdExpiresAt } : {}),
      ...(enrollment.failureReason ? { failureReason: enrollment.failureReason } : {}),
      ...(enrollment.checkoutError ? { message: enrollment.checkoutError } : {}),
      ...(enrollment.amountCents !== undefined ? { amountCents: enrollment.amountCents } : {}),
      ...(promotionCode && enrollment.listPriceCents !== undefined && enrollment.discountCents !== undefined
        ? {
            discount: {
              code: promotionCode.code,
              listPriceCents: enrollment.listPriceCents,
              discountCents: enrollment.discountCents,
            },
          }
        : {}),
      ...(enrollment.amountPaidCents !== undefined ? { amountPaidCents: enrollment.amountPaidCents } : {}),
      cohortId: cohort._id,
      cohortName: cohort.name,
      courseTitle: course.title,
      courseSlug: course.slug,
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      ...(cohort.timezone ? { timezone: cohort.timezone } : {}),
    };
  },
});

/** The return page knows only the Stripe Checkout Session's id; resolve it to the caller's enrollment. */
export const enrollmentForCheckoutSession = userQuery({
  args: { checkoutSessionId: v.string() },
  returns: v.union(v.null(), v.id("enrollments")),
  handler: async (ctx, { checkoutSessionId }) => {
    if (ctx.viewer === null) return null;
    const enrollment = await ctx.db
      .query("enrollments")
      .withIndex("by_stripeCheckoutSessionId", (q) => q.eq("stripeCheckoutSessionId", checkoutSessionId))
      .unique();
    return enrollment && enrollment.userId === ctx.viewer._id ? enrollment._id : null;
  },
});

/** The caller's seat or checkout in a cohort, for the course page's primary action. */
export const myCohortState = userQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.union(
    v.null(),
    v.object({ enrollmentId: v.id("enrollments"), state: vCheckoutState, holdExpiresAt: v.optional(v.number()) }),
  ),
  handler: async (ctx, { cohortId }) => {
    if (ctx.viewer === null) return null;
    const viewerId = ctx.viewer._id;
    const enrollments = await ctx.db
      .query("enrollments")
      .withIndex("by_userId_and_cohortId", (q) => q.eq("userId", viewerId).eq("cohortId", cohortId))
      .take(20);
    const active = enrollments.find(
      (e) => e.paymentStatus === "completed" || (e.paymentStatus === "pending" && e.seatHeld),
    );
    if (!active) return null;
    return {
      enrollmentId: active._id,
      state: checkoutState(active),
      ...(active.holdExpiresAt ? { holdExpiresAt: active.holdExpiresAt } : {}),
    };
  },
});

/** Give the held seat back before paying. */
export const cancel = userMutation({
  args: { enrollmentId: v.id("enrollments") },
  returns: v.null(),
  handler: async (ctx, { enrollmentId }) => {
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    if (enrollment === null || enrollment.userId !== ctx.viewer._id)
      throw appError("NOT_FOUND", "We could not find that reservation.");
    if (enrollment.paymentStatus !== "pending")
      throw appError("INVALID_INPUT", "This reservation is no longer pending.");
    if (enrollment.awaitingAsyncPayment) {
      throw appError(
        "INVALID_INPUT",
        "Your payment is being processed by your bank, so the reservation cannot be cancelled now.",
      );
    }
    await failPending(ctx, enrollment, "cancelled");
    return null;
  },
});

// ------------------------------------------------------------------ internal

/** A purchase with everything the Checkout Session, receipt and refund email need. */
export const purchaseContext = internalQuery({
  args: { enrollmentId: v.id("enrollments") },
  handler: async (ctx, { enrollmentId }) => {
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    if (enrollment === null) return null;
    const cohort = (await ctx.db.get("cohorts", enrollment.cohortId))!;
    const course = (await ctx.db.get("courses", enrollment.courseId))!;
    const user = (await ctx.db.get("users", enrollment.userId))!;
    const sessions = await ctx.db
      .query("cohortSessions")
      .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohort._id))
      .take(200);
    const promotionCode = enrollment.promotionCodeId
      ? await ctx.db.get("promotionCodes", enrollment.promotionCodeId)
      : null;
    return { enrollment, cohort, course, user, sessions, promotionCode };
  },
});

/** Creates the Stripe Checkout Session for a held seat (idempotent per enrollment). */
export const createCheckoutSession = internalAction({
  args: { enrollmentId: v.id("enrollments") },
  handler: async (ctx, { enrollmentId }) => {
    const data = await ctx.runQuery(internal.payments.checkout.purchaseContext, { enrollmentId });
    if (
      data === null ||
      data.enrollment.paymentStatus !== "pending" ||
      !data.enrollment.seatHeld ||
      !data.enrollment.holdExpiresAt
    )
      return;
    const { enrollment, cohort, course, user, promotionCode } = data;
    // The price fixed when the seat was reserved: the webhook accepts exactly this amount and currency. With a
    // promotion code, Stripe is sent the course's price and the code, and takes off what we took off.
    const price = priceCharged(enrollment);
    if (price.amountCents === undefined) throw new Error(`Enrollment ${enrollmentId} has no price to charge`);
    if (enrollment.promotionCodeId && !promotionCode?.stripePromotionCodeId) {
      throw new Error(`Enrollment ${enrollmentId} names a promotion code that is not in Stripe`);
    }
    try {
      const checkoutSession = await createStripeCheckoutSession({
        enrollment,
        cohort,
        course,
        user,
        price: { amountCents: enrollment.listPriceCents ?? price.amountCents, currency: price.currency },
        ...(promotionCode?.stripePromotionCodeId ? { stripePromotionCodeId: promotionCode.stripePromotionCodeId } : {}),
        expiresAt: data.enrollment.holdExpiresAt,
        siteUrl: siteUrl(),
      });
      await ctx.runMutation(internal.payments.checkout.attachCheckoutSession, {
        enrollmentId,
        checkoutSessionId: checkoutSession.id,
        url: checkoutSession.url,
      });
    } catch (error) {
      await ctx.runMutation(internal.payments.checkout.checkoutSessionFailed, {
        enrollmentId,
        message: isDiscountRefusal(error)
          ? "Stripe no longer accepts this promotion code. Your seat was released; reserve again without it."
          : "We could not start the payment. Your seat was released; please try again.",
        detail: (error as Error).message,
      });
    }
  },
});

export const attachCheckoutSession = internalMutation({
  args: { enrollmentId: v.id("enrollments"), checkoutSessionId: v.string(), url: v.string() },
  handler: async (ctx, { enrollmentId, checkoutSessionId, url }) => {
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    if (enrollment === null) return;
    if (!(await recordCheckoutSession(ctx, enrollment, { id: checkoutSessionId, url }))) {
      // The hold ended while the Checkout Session was being created: close it so nobody pays for a released seat.
      await ctx.scheduler.runAfter(0, internal.payments.checkout.expireCheckoutSession, { checkoutSessionId });
    }
  },
});

export const checkoutSessionFailed = internalMutation({
  args: { enrollmentId: v.id("enrollments"), message: v.string(), detail: v.string() },
  handler: async (ctx, { enrollmentId, message, detail }) => {
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    if (enrollment === null) return;
    console.error(`Checkout Session for ${enrollmentId} failed: ${detail}`);
    await failPending(ctx, enrollment, "checkout_error", message);
  },
});

/** The hold's deadline: an unpaid reservation gives its seat back. */
export const expireHold = internalMutation({
  args: { enrollmentId: v.id("enrollments") },
  handler: async (ctx, { enrollmentId }) => {
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    if (enrollment === null || enrollment.paymentStatus !== "pending" || enrollment.awaitingAsyncPayment) return;
    if (enrollment.holdExpiresAt !== undefined && enrollment.holdExpiresAt > Date.now()) return;
    await failPending(ctx, enrollment, "hold_expired");
  },
});

export const expireCheckoutSession = internalAction({
  args: { checkoutSessionId: v.string() },
  handler: async (_ctx, { checkoutSessionId }) => {
    await expireStripeCheckoutSession(checkoutSessionId);
  },
});

const money = (enrollment: Doc<"enrollments">, cents = enrollment.amountPaidCents ?? enrollment.amountCents ?? 0) =>
  new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: priceCharged(enrollment).currency.toUpperCase(),
  }).format(cents / 100);

export const sendReceipt = internalAction({
  args: { enrollmentId: v.id("enrollments") },
  handler: async (ctx, { enrollmentId }) => {
    const data = await ctx.runQuery(internal.payments.checkout.purchaseContext, { enrollmentId });
    if (data === null || data.enrollment.paymentStatus !== "completed") return;
    const { cohort, course, user, sessions, enrollment, promotionCode } = data;
    const calendar = cohortCalendar(course, cohort, sessions);
    const dates = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: cohort.timezone }).formatRange(
      cohort.startDate,
      cohort.endDate,
    );
    await sendEmail(
      ctx,
      {
        to: user.email,
        ...(await receiptEmail({
          name: user.name,
          courseTitle: course.title,
          cohortName: cohort.name,
          dates,
          amount: money(enrollment),
          ...(promotionCode && enrollment.listPriceCents !== undefined && enrollment.discountCents
            ? {
                discount: {
                  code: promotionCode.code,
                  listPrice: money(enrollment, enrollment.listPriceCents),
                  amountOff: money(enrollment, enrollment.discountCents),
                },
              }
            : {}),
          learnUrl: `${siteUrl()}/learn`,
        })),
        actionUrl: `${siteUrl()}/learn`,
        attachments: [{ filename: `${course.slug}.ics`, contentType: "text/calendar", content: calendar }],
      },
      {
        idempotencyKey:
          `receipt:${enrollmentId}:` + (enrollment.stripePaymentIntentId ?? enrollment.stripeCheckoutSessionId ?? ""),
      },
    );
  },
});

export const sendRefundConfirmation = internalAction({
  args: { enrollmentId: v.id("enrollments") },
  handler: async (ctx, { enrollmentId }) => {
    const data = await ctx.runQuery(internal.payments.checkout.purchaseContext, { enrollmentId });
    if (data === null) return;
    await sendEmail(
      ctx,
      {
        to: data.user.email,
        ...(await refundEmail({
          name: data.user.name,
          courseTitle: data.course.title,
          cohortName: data.cohort.name,
          amount: money(data.enrollment),
        })),
      },
      { idempotencyKey: `refund:${enrollmentId}:${data.enrollment.refundedAt ?? ""}` },
    );
  },
});
