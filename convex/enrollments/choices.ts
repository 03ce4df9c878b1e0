/** A learner's one choice after their cohort was cancelled: transfer in one click, or a full refund. */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { internalMutation, internalQuery, userAction, userMutation, userQuery } from "../functions";
import { requestedRefund } from "../integrations/stripe";
import { vCohortChoiceStatus, vPaymentType, vTransferTargetFields } from "../validators";
import {
  releaseChoiceHold,
  requireOpenChoice,
  settleRefundChoice,
  transferChoice,
  transferTargets,
} from "./model/cancellation";
import { cardRefundSummary, refundsThroughStripe, transferTarget } from "./model/selfService";

const vOption = v.object({ ...vTransferTargetFields, held: v.boolean() });

/** The choice page: the cancelled cohort, the seat held for the caller, the other dates, what a refund gives back. */
export const get = userQuery({
  args: { choiceId: v.id("cohortChoices"), now: v.number() },
  returns: v.union(
    v.null(),
    v.object({
      status: vCohortChoiceStatus,
      courseTitle: v.string(),
      cancelledCohortName: v.string(),
      paymentType: vPaymentType,
      /** What a refund returns, in words ("$1,497.00", or the organization's name). */
      refundSummary: v.string(),
      holdExpiresAt: v.optional(v.number()),
      options: v.array(vOption),
      transferredToName: v.optional(v.string()),
    }),
  ),
  handler: async (ctx, { choiceId, now }) => {
    if (ctx.viewer === null) return null;
    const choice = await ctx.db.get("cohortChoices", choiceId);
    if (choice === null || choice.userId !== ctx.viewer._id) return null;
    const cohort = (await ctx.db.get("cohorts", choice.cancelledCohortId))!;
    const course = (await ctx.db.get("courses", cohort.courseId))!;
    const enrollment = (await ctx.db.get("enrollments", choice.enrollmentId))!;
    const organization = ctx.viewer.organizationId
      ? await ctx.db.get("organizations", ctx.viewer.organizationId)
      : null;
    const held = choice.seatHeld ? choice.heldCohortId : undefined;
    const options =
      choice.status === "open"
        ? (await transferTargets(ctx, cohort, ctx.viewer, now))
            .filter((c) => c._id === held || c.currentEnrollment < c.maxCapacity)
            .map((c) => ({ ...transferTarget(c), held: c._id === held }))
            .sort((a, b) => Number(b.held) - Number(a.held) || a.startDate - b.startDate)
        : [];
    const moved = choice.transferredToCohortId ? await ctx.db.get("cohorts", choice.transferredToCohortId) : null;
    return {
      status: choice.status,
      courseTitle: course.title,
      cancelledCohortName: cohort.name,
      paymentType: enrollment.paymentType,
      refundSummary: refundSummary(enrollment, organization),
      ...(held && choice.holdExpiresAt ? { holdExpiresAt: choice.holdExpiresAt } : {}),
      options,
      ...(moved ? { transferredToName: moved.name } : {}),
    };
  },
});

function refundSummary(enrollment: Doc<"enrollments">, organization: Doc<"organizations"> | null) {
  if (enrollment.paymentType === "b2b") return `Your seat goes back to ${organization?.name ?? "your organization"}.`;
  if (enrollment.adminGrant === "comp") return "Your complimentary seat is released.";
  if (enrollment.adminGrant === "offline") return "Our team repays your offline payment in the way you paid.";
  return cardRefundSummary(enrollment);
}

export const transfer = userMutation({
  args: { choiceId: v.id("cohortChoices"), toCohortId: v.id("cohorts") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await transferChoice(ctx, ctx.viewer, args);
    return null;
  },
});

export const refundContext = internalQuery({
  args: { choiceId: v.id("cohortChoices"), userId: v.id("users") },
  handler: async (ctx, { choiceId, userId }) => (await requireOpenChoice(ctx, userId, choiceId)).enrollment,
});

export const settleRefund = internalMutation({
  args: { choiceId: v.id("cohortChoices"), userId: v.id("users"), stripeRefundRequested: v.boolean() },
  handler: async (ctx, { choiceId, userId, stripeRefundRequested }) => {
    await settleRefundChoice(ctx, userId, choiceId, stripeRefundRequested);
  },
});

/**
 * The refund side: a Stripe payment is refunded in full through the one refund path (charge.refunded then ends the
 * enrollment); anything else (an organization's seat, a comp or offline seat) ends at once.
 */
export const refund = userAction({
  args: { choiceId: v.id("cohortChoices") },
  returns: v.null(),
  handler: async (ctx, { choiceId }) => {
    const enrollment: Doc<"enrollments"> = await ctx.runQuery(internal.enrollments.choices.refundContext, {
      choiceId,
      userId: ctx.viewerId,
    });
    const viaStripe = refundsThroughStripe(enrollment);
    if (viaStripe) await requestedRefund(enrollment.stripePaymentIntentId!, { enrollmentId: enrollment._id });
    await ctx.runMutation(internal.enrollments.choices.settleRefund, {
      choiceId,
      userId: ctx.viewerId,
      stripeRefundRequested: viaStripe,
    });
    return null;
  },
});

/** The 7-day hold ends unused: the seat goes back to its cohort (its waitlist first); the choice stays open. */
export const releaseHold = internalMutation({
  args: { choiceId: v.id("cohortChoices") },
  handler: async (ctx, { choiceId }) => {
    const choice = await ctx.db.get("cohortChoices", choiceId);
    if (choice === null || choice.holdExpiresAt === undefined || choice.holdExpiresAt > Date.now()) return;
    await releaseChoiceHold(ctx, choice);
  },
});
