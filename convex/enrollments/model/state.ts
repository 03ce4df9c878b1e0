/**
 * The one owner of an enrollment's payment and seat state. Every write to the `enrollments` table is a function
 * here (tests/convex/architecture.test.ts holds the rest of convex/ to that): a seat held for checkout, its Stripe
 * Checkout Session, a delayed payment, confirmation, the end of a pending purchase (expired, failed, cancelled),
 * refunds, an organization's assign / move / unassign, a seat a learning path gives, a platform admin's add / move /
 * remove, a cancelled cohort (office hours end; the learner transfers or is refunded), a learner's self-service
 * transfer or cancellation, a waitlist offer accepted, the learner's intake survey, and the demo academy's history.
 *
 * Callers decide *whether* (payments match Stripe's events, organizations check seats and scope, the waitlist checks
 * the offer); these functions make the change and keep the cohort's seat count true in the same transaction
 * (enrollments/model/seats.ts), and a freed seat goes to the waitlist at once. Each write fires the dashboards'
 * triggers (convex/functions.ts), so managers' figures follow every change.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { AdminGrant, EnrollmentFailure } from "../../validators";
import type { Discount } from "../../codes/model/promotions";
import { offerFreeSeats } from "../../waitlist/model/queue";
import { accessWindows, returnSeat, takeSeat } from "./seats";

type Offering = { cohort: Doc<"cohorts">; course: Doc<"courses"> };

/**
 * Takes a seat and records a pending b2c purchase holding it until `holdExpiresAt` (checkout follows), at the price
 * less a promotion code's discount when the buyer applied one (codes/model/promotions.ts).
 */
export async function holdSeatForCheckout(
  ctx: MutationCtx,
  userId: Id<"users">,
  { cohort, course }: Offering,
  purchase: { holdExpiresAt: number; currency: string; discount?: Discount },
) {
  await takeSeat(ctx, cohort._id);
  const { discount } = purchase;
  return await insertWithSeat(ctx, userId, cohort, {
    paymentStatus: "pending",
    paymentType: "b2c",
    ...pendingPurchase(course, purchase),
    ...(discount
      ? {
          amountCents: discount.amountCents,
          promotionCodeId: discount.promotionCodeId,
          listPriceCents: discount.listPriceCents,
          discountCents: discount.discountCents,
        }
      : {}),
  });
}

/**
 * Turns an accepted waitlist offer into an enrollment holding the offer's seat: confirmed at once when the
 * learner's organization pays (b2b), otherwise a pending b2c purchase held until `holdExpiresAt`.
 */
export async function enrollFromOffer(
  ctx: MutationCtx,
  userId: Id<"users">,
  { cohort, course }: Offering,
  payment: { paidByOrganization: true } | { paidByOrganization: false; holdExpiresAt: number; currency: string },
) {
  return await insertWithSeat(
    ctx,
    userId,
    cohort,
    payment.paidByOrganization
      ? { paymentStatus: "completed", paymentType: "b2b" }
      : { paymentStatus: "pending", paymentType: "b2c", ...pendingPurchase(course, payment) },
  );
}

/**
 * Takes a seat and records a confirmed enrollment: an organization placing its member (b2b, now), or the demo
 * academy's past purchases (`purchasedAt` in the past).
 */
export async function enrollConfirmed(
  ctx: MutationCtx,
  userId: Id<"users">,
  cohort: Doc<"cohorts">,
  purchase: {
    paymentType: Doc<"enrollments">["paymentType"];
    amountCents?: number;
    purchasedAt?: number;
    intakeSurveyCompleted?: boolean;
  },
) {
  await takeSeat(ctx, cohort._id);
  const purchasedAt = purchase.purchasedAt ?? Date.now();
  return await insertWithSeat(ctx, userId, cohort, {
    paymentStatus: "completed",
    paymentType: purchase.paymentType,
    amountCents: purchase.amountCents, // absent when undefined
    intakeSurveyCompleted: purchase.intakeSurveyCompleted ?? false,
    purchaseDate: purchasedAt,
    createdAt: purchasedAt,
  });
}

/**
 * A platform admin adds someone by hand: a seat of the cohort is taken and the enrollment is confirmed at once, paid
 * by the learner's organization (b2b), free (comp) or outside Stripe with a reference (offline).
 */
export async function enrollByAdmin(
  ctx: MutationCtx,
  userId: Id<"users">,
  cohort: Doc<"cohorts">,
  payment: { paymentType: "b2b" } | { paymentType: "b2c"; grant: AdminGrant; reference?: string },
) {
  await takeSeat(ctx, cohort._id);
  return await insertWithSeat(ctx, userId, cohort, {
    paymentStatus: "completed",
    paymentType: payment.paymentType,
    ...(payment.paymentType === "b2c"
      ? {
          adminGrant: payment.grant,
          ...(payment.grant === "comp" ? { amountCents: 0 } : {}),
          ...(payment.reference ? { offlinePaymentReference: payment.reference } : {}),
        }
      : {}),
  });
}

/**
 * Takes a seat with a learning path's entitlement and records the enrollment confirmed at once: paid with the path's
 * bundle (b2c, no charge of its own) or by the organization that enrolled the member in the path (b2b).
 */
export async function enrollWithPathSeat(
  ctx: MutationCtx,
  userId: Id<"users">,
  cohort: Doc<"cohorts">,
  seat: { paymentType: Doc<"enrollments">["paymentType"]; pathEnrollmentId: Id<"userPathEnrollments"> },
) {
  await takeSeat(ctx, cohort._id);
  return await insertWithSeat(ctx, userId, cohort, {
    paymentStatus: "completed",
    paymentType: seat.paymentType,
    pathEnrollmentId: seat.pathEnrollmentId,
  });
}

/** The price and hold of a pending b2c purchase: the course's price, fixed now, in the academy's currency. */
function pendingPurchase(course: Doc<"courses">, purchase: { holdExpiresAt: number; currency: string }) {
  return { holdExpiresAt: purchase.holdExpiresAt, amountCents: course.priceB2C, currency: purchase.currency };
}

/**
 * The one insert of an enrollment: it holds a seat of `cohort` (taken by the caller, or an offer's) with the access
 * windows of that cohort.
 */
async function insertWithSeat(
  ctx: MutationCtx,
  userId: Id<"users">,
  cohort: Doc<"cohorts">,
  fields: Pick<Doc<"enrollments">, "paymentStatus" | "paymentType"> &
    Partial<Omit<Doc<"enrollments">, "_id" | "_creationTime">>,
) {
  const now = Date.now();
  return await ctx.db.insert("enrollments", {
    userId,
    cohortId: cohort._id,
    courseId: cohort.courseId,
    purchaseDate: now,
    intakeSurveyCompleted: false,
    ...accessWindows(cohort),
    seatHeld: true,
    createdAt: now,
    ...fields,
    updatedAt: now,
  });
}

/** Records the Checkout Session created for a purchase; its payment link is kept only while the seat is still held. */
export async function attachCheckoutSession(
  ctx: MutationCtx,
  enrollment: Doc<"enrollments">,
  checkoutSession: { id: string; url: string },
) {
  const open = enrollment.paymentStatus === "pending" && enrollment.seatHeld;
  await ctx.db.patch("enrollments", enrollment._id, {
    stripeCheckoutSessionId: checkoutSession.id,
    ...(open ? { checkoutUrl: checkoutSession.url } : {}),
    updatedAt: Date.now(),
  });
  return open;
}

/** A delayed payment method (e.g. bank debit) is processing: the seat stays held until Stripe reports the result. */
export async function awaitDelayedPayment(ctx: MutationCtx, enrollment: Doc<"enrollments">) {
  await ctx.db.patch("enrollments", enrollment._id, {
    awaitingAsyncPayment: true,
    holdExpiresAt: undefined,
    updatedAt: Date.now(),
  });
}

/**
 * Confirms a paid purchase and what Stripe says was paid; one whose hold already ended takes a free seat again (the
 * caller checked there is one).
 */
export async function confirmPayment(
  ctx: MutationCtx,
  enrollment: Doc<"enrollments">,
  paymentIntentId: string | null,
  amountPaidCents?: number,
) {
  if (!enrollment.seatHeld) await takeSeat(ctx, enrollment.cohortId);
  const cohort = (await ctx.db.get("cohorts", enrollment.cohortId))!;
  const now = Date.now();
  await ctx.db.patch("enrollments", enrollment._id, {
    paymentStatus: "completed",
    seatHeld: true,
    purchaseDate: now,
    stripePaymentIntentId: paymentIntentId ?? undefined,
    ...(amountPaidCents !== undefined ? { amountPaidCents } : {}),
    holdExpiresAt: undefined,
    awaitingAsyncPayment: undefined,
    failureReason: undefined,
    checkoutError: undefined,
    ...accessWindows(cohort),
    updatedAt: now,
  });
}

/** Ends a pending purchase without a seat (hold expired, payment failed, cancelled…); false when it is not pending. */
export async function endPending(
  ctx: MutationCtx,
  enrollment: Doc<"enrollments">,
  reason: EnrollmentFailure,
  message?: string,
) {
  if (enrollment.paymentStatus !== "pending") return false;
  await releaseSeat(ctx, enrollment);
  await ctx.db.patch("enrollments", enrollment._id, {
    paymentStatus: "failed",
    failureReason: reason,
    awaitingAsyncPayment: undefined,
    holdExpiresAt: undefined,
    ...(message ? { checkoutError: message } : {}),
    updatedAt: Date.now(),
  });
  return true;
}

/** What the learner's checkout page says about a payment that could not be delivered. */
export async function noteCheckoutError(ctx: MutationCtx, enrollment: Doc<"enrollments">, message: string) {
  await ctx.db.patch("enrollments", enrollment._id, { checkoutError: message, updatedAt: Date.now() });
}

/** A platform admin asked Stripe for a refund (the charge.refunded webhook then ends access). */
export async function recordRefundRequest(ctx: MutationCtx, enrollmentId: Id<"enrollments">, note: string | undefined) {
  await ctx.db.patch("enrollments", enrollmentId, {
    refundRequestedAt: Date.now(),
    ...(note ? { refundNote: note } : {}),
    updatedAt: Date.now(),
  });
}

/** Stripe refused a refund that was recorded as requested just before asking it: the purchase is as it was. */
export async function clearRefundRequest(ctx: MutationCtx, enrollment: Doc<"enrollments">) {
  await ctx.db.patch("enrollments", enrollment._id, {
    refundRequestedAt: undefined,
    refundNote: undefined,
    updatedAt: Date.now(),
  });
}

/** Part of the charge was refunded: recorded for admins; the learner keeps the seat. */
export async function recordPartialRefund(ctx: MutationCtx, enrollment: Doc<"enrollments">, refundedCents: number) {
  await ctx.db.patch("enrollments", enrollment._id, { amountRefundedCents: refundedCents, updatedAt: Date.now() });
}

/**
 * The whole charge was refunded: the seat goes back (to the waitlist first) and access ends now. The amount is what
 * Stripe says it refunded, else what was paid.
 */
export async function refundInFull(
  ctx: MutationCtx,
  enrollment: Doc<"enrollments">,
  refundedCents: number | undefined,
) {
  await releaseSeat(ctx, enrollment);
  const now = Date.now();
  await ctx.db.patch("enrollments", enrollment._id, {
    paymentStatus: "refunded",
    refundedAt: now,
    amountRefundedCents: refundedCents ?? enrollment.amountPaidCents ?? enrollment.amountCents,
    officeHoursEligibleUntil: now,
    materialsAccessUntil: now,
    chatbotAccessUntil: now,
    updatedAt: now,
  });
}

/**
 * Moves an enrollment to another cohort of the same course: a seat there is taken first (or the one already held for
 * the learner there after a cancellation becomes theirs: `seatHeldThere`), then this one goes back.
 */
export async function moveToCohort(
  ctx: MutationCtx,
  enrollment: Doc<"enrollments">,
  target: Doc<"cohorts">,
  { seatHeldThere = false, refundDeadlineAt }: { seatHeldThere?: boolean; refundDeadlineAt?: number } = {},
) {
  if (!seatHeldThere) await takeSeat(ctx, target._id);
  await releaseSeat(ctx, enrollment);
  await ctx.db.patch("enrollments", enrollment._id, {
    cohortId: target._id,
    seatHeld: true,
    // A learner's own move keeps the refund deadline its caller worked out (catalog/model/policy.ts: the earliest).
    ...(refundDeadlineAt !== undefined ? { refundDeadlineAt } : {}),
    ...accessWindows(target),
    updatedAt: Date.now(),
  });
}

/** Takes a member out of a cohort their organization placed them in; the seat goes back (to the waitlist first). */
export async function unassign(ctx: MutationCtx, enrollment: Doc<"enrollments">) {
  await releaseSeat(ctx, enrollment);
  await ctx.db.patch("enrollments", enrollment._id, {
    paymentStatus: "failed",
    failureReason: "cancelled",
    updatedAt: Date.now(),
  });
}

/**
 * A platform admin takes a learner out of the cohort: the seat goes back (to the waitlist first) and access ends now.
 * Money is a separate decision (a refund from the roster).
 */
export async function removeByAdmin(ctx: MutationCtx, enrollment: Doc<"enrollments">) {
  await releaseSeat(ctx, enrollment);
  const now = Date.now();
  await ctx.db.patch("enrollments", enrollment._id, {
    paymentStatus: "failed",
    failureReason: "removed",
    officeHoursEligibleUntil: now,
    materialsAccessUntil: now,
    chatbotAccessUntil: now,
    updatedAt: now,
  });
}

/**
 * The learner cancelled with nothing to send back through Stripe (an organization's seat, a complimentary or free-code
 * seat, an offline payment the academy repays): the seat goes back (to the waitlist first) and access ends now.
 */
export async function cancelByLearner(ctx: MutationCtx, enrollment: Doc<"enrollments">) {
  await releaseSeat(ctx, enrollment);
  const now = Date.now();
  await ctx.db.patch("enrollments", enrollment._id, {
    paymentStatus: "failed",
    failureReason: "cancelled",
    officeHoursEligibleUntil: now,
    materialsAccessUntil: now,
    chatbotAccessUntil: now,
    updatedAt: now,
  });
}

/**
 * The enrollment's cohort was cancelled: office hours of that cohort end now (the seat waits for the learner's choice).
 */
export async function endOfficeHoursEligibility(ctx: MutationCtx, enrollment: Doc<"enrollments">) {
  const now = Date.now();
  if (enrollment.officeHoursEligibleUntil <= now) return;
  await ctx.db.patch("enrollments", enrollment._id, { officeHoursEligibleUntil: now, updatedAt: now });
}

/**
 * Gives the enrollment's seat back to the cohort (no-op when it holds none) and offers it to the waitlist in the same
 * transaction.
 */
async function releaseSeat(ctx: MutationCtx, enrollment: Doc<"enrollments">) {
  if (!enrollment.seatHeld) return;
  await returnSeat(ctx, enrollment.cohortId);
  await ctx.db.patch("enrollments", enrollment._id, {
    seatHeld: false,
    holdExpiresAt: undefined,
    updatedAt: Date.now(),
  });
  await offerFreeSeats(ctx, enrollment.cohortId);
}

/**
 * The learner's answers to the intake survey (no seat or payment change): kept on the enrollment, which marks it done.
 */
export async function recordIntakeSurvey(
  ctx: MutationCtx,
  enrollment: Doc<"enrollments">,
  survey: NonNullable<Doc<"enrollments">["intakeSurvey"]>,
) {
  await ctx.db.patch("enrollments", enrollment._id, {
    intakeSurvey: survey,
    intakeSurveyCompleted: true,
    updatedAt: Date.now(),
  });
}
