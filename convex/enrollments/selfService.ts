/**
 * A learner's self-service on their own enrollment within the course's policy (transfer, cancel with a full refund),
 * their requests outside it, and the platform admins' answer to those requests
 * (convex/enrollments/model/selfService.ts).
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import {
  internalMutation,
  internalQuery,
  platformAdminAction,
  platformAdminMutation,
  platformAdminQuery,
  userAction,
  userMutation,
  userQuery,
} from "../functions";
import { policyDeadlines, policySummary } from "../catalog/model/policy";
import { requestedRefund } from "../integrations/stripe";
import { optionalText, TEXT_LIMITS } from "../limits";
import { vEnrollmentRequestKind, vEnrollmentRequestStatus, vPaymentType, vTransferTargetFields } from "../validators";
import { seatsLeft } from "../catalog/model/cohorts";
import {
  approveRequest,
  claimApproval,
  claimSelfRefund,
  declineRequest,
  fileRequest,
  openRequestOf,
  releaseApproval,
  releaseSelfRefund,
  refundsThroughStripe,
  refundSummary,
  requireOpenRequest,
  selfRefund,
  selfRefundCheck,
  selfServiceTargets,
  selfTransfer,
  transferTarget,
  withdrawRequest,
} from "./model/selfService";

const vRequest = v.object({
  _id: v.id("enrollmentRequests"),
  kind: vEnrollmentRequestKind,
  status: vEnrollmentRequestStatus,
  toCohortName: v.optional(v.string()),
  reason: v.optional(v.string()),
  decisionNote: v.optional(v.string()),
  createdAt: v.number(),
  decidedAt: v.optional(v.number()),
});

/**
 * What the learner may do with their confirmed enrollment: the policy and its deadlines (the page compares them with
 * the clock; the server checks again on every change), the cohorts to move to, what a refund gives back, and their
 * latest request (open, or the last answer).
 */
export const options = userQuery({
  args: { enrollmentId: v.id("enrollments") },
  returns: v.union(
    v.null(),
    v.object({
      policy: v.string(),
      transferUntil: v.optional(v.number()),
      refundUntil: v.optional(v.number()),
      startDate: v.number(),
      paymentType: vPaymentType,
      refundSummary: v.string(),
      refundRequested: v.boolean(),
      targets: v.array(v.object(vTransferTargetFields)),
      request: v.union(v.null(), vRequest),
    }),
  ),
  handler: async (ctx, { enrollmentId }) => {
    if (ctx.viewer === null) return null;
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    if (enrollment === null || enrollment.userId !== ctx.viewer._id || enrollment.paymentStatus !== "completed") {
      return null;
    }
    const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
    const course = await ctx.db.get("courses", enrollment.courseId);
    // A cancelled cohort has its own choice page; an organization's private cohort is changed by its administrators.
    if (cohort === null || course === null || cohort.status === "cancelled" || cohort.isB2B) return null;
    const organization = ctx.viewer.organizationId
      ? await ctx.db.get("organizations", ctx.viewer.organizationId)
      : null;
    const { transferUntil, refundUntil } = policyDeadlines(course, cohort, enrollment);
    // The open request, else the latest answer (approved or declined; withdrawn ones are the learner's own doing).
    const latestWith = (status: "approved" | "declined") =>
      ctx.db
        .query("enrollmentRequests")
        .withIndex("by_enrollmentId_and_status", (q) => q.eq("enrollmentId", enrollmentId).eq("status", status))
        .order("desc")
        .first();
    const answers = [await latestWith("approved"), await latestWith("declined")].filter((r) => r !== null);
    const latest =
      (await openRequestOf(ctx, enrollmentId)) ??
      answers.sort((a, b) => (b.decidedAt ?? b.createdAt) - (a.decidedAt ?? a.createdAt))[0] ??
      null;
    const toCohort = latest?.toCohortId ? await ctx.db.get("cohorts", latest.toCohortId) : null;
    return {
      policy: policySummary(course),
      ...(transferUntil !== undefined ? { transferUntil } : {}),
      ...(refundUntil !== undefined ? { refundUntil } : {}),
      startDate: cohort.startDate,
      paymentType: enrollment.paymentType,
      refundSummary: refundSummary(enrollment, organization?.name),
      refundRequested: enrollment.refundRequestedAt !== undefined,
      targets: (await selfServiceTargets(ctx, cohort)).map(transferTarget),
      request: latest
        ? {
            _id: latest._id,
            kind: latest.kind,
            status: latest.status,
            ...(toCohort ? { toCohortName: toCohort.name } : {}),
            ...(latest.reason ? { reason: latest.reason } : {}),
            ...(latest.decisionNote ? { decisionNote: latest.decisionNote } : {}),
            createdAt: latest.createdAt,
            ...(latest.decidedAt ? { decidedAt: latest.decidedAt } : {}),
          }
        : null,
    };
  },
});

/** Transfers the caller's enrollment to another open public cohort of the course, inside the transfer window. */
export const transfer = userMutation({
  args: { enrollmentId: v.id("enrollments"), toCohortId: v.id("cohorts") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await selfTransfer(ctx, ctx.viewer, args);
    return null;
  },
});

export const refundContext = internalQuery({
  args: { enrollmentId: v.id("enrollments"), userId: v.id("users") },
  handler: async (ctx, { enrollmentId, userId }): Promise<Doc<"enrollments">> =>
    await selfRefundCheck(ctx, userId, enrollmentId),
});

export const claimRefund = internalMutation({
  args: { enrollmentId: v.id("enrollments"), userId: v.id("users") },
  handler: async (ctx, { enrollmentId, userId }) => await claimSelfRefund(ctx, userId, enrollmentId),
});

export const releaseRefund = internalMutation({
  args: { enrollmentId: v.id("enrollments"), userId: v.id("users") },
  handler: async (ctx, { enrollmentId, userId }) => await releaseSelfRefund(ctx, userId, enrollmentId),
});

export const settleRefund = internalMutation({
  args: { enrollmentId: v.id("enrollments"), userId: v.id("users"), stripeRefundRequested: v.boolean() },
  handler: async (ctx, { userId, ...args }) => {
    const viewer = (await ctx.db.get("users", userId))!;
    await selfRefund(ctx, viewer, args);
  },
});

/**
 * Cancels the caller's enrollment with a full refund inside the refund window: a Stripe payment through the one refund
 * path (charge.refunded then ends the seat), an organization's seat back to its pool, a free seat released at once.
 */
export const cancelWithRefund = userAction({
  args: { enrollmentId: v.id("enrollments") },
  returns: v.null(),
  handler: async (ctx, { enrollmentId }) => {
    const enrollment: Doc<"enrollments"> = await ctx.runQuery(internal.enrollments.selfService.refundContext, {
      enrollmentId,
      userId: ctx.viewerId,
    });
    const viaStripe = refundsThroughStripe(enrollment);
    if (viaStripe) {
      // Claimed first, so no other change of the seat slips in while Stripe is asked.
      const claim = { enrollmentId, userId: ctx.viewerId };
      await ctx.runMutation(internal.enrollments.selfService.claimRefund, claim);
      try {
        await refundThroughStripe(enrollment);
      } catch (error) {
        await ctx.runMutation(internal.enrollments.selfService.releaseRefund, claim);
        throw error;
      }
    }
    await ctx.runMutation(internal.enrollments.selfService.settleRefund, {
      enrollmentId,
      userId: ctx.viewerId,
      stripeRefundRequested: viaStripe,
    });
    return null;
  },
});

async function refundThroughStripe(enrollment: Doc<"enrollments">) {
  await requestedRefund(enrollment.stripePaymentIntentId!, { enrollmentId: enrollment._id });
}

/** Outside the window: asks the academy for a transfer to a chosen cohort, or a refund (one open request at a time). */
export const request = userMutation({
  args: {
    enrollmentId: v.id("enrollments"),
    kind: vEnrollmentRequestKind,
    toCohortId: v.optional(v.id("cohorts")),
    reason: v.optional(v.string()),
  },
  returns: v.id("enrollmentRequests"),
  handler: async (ctx, args) => await fileRequest(ctx, ctx.viewer, args),
});

export const withdraw = userMutation({
  args: { requestId: v.id("enrollmentRequests") },
  returns: v.null(),
  handler: async (ctx, { requestId }) => {
    await withdrawRequest(ctx, ctx.viewer, requestId);
    return null;
  },
});

/** The open requests of a cohort's learners, for its admin page (live). */
export const openRequests = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.array(
    v.object({
      _id: v.id("enrollmentRequests"),
      learnerName: v.string(),
      learnerEmail: v.string(),
      kind: vEnrollmentRequestKind,
      toCohortName: v.optional(v.string()),
      toCohortSeatsLeft: v.optional(v.number()),
      reason: v.optional(v.string()),
      refundSummary: v.string(),
      createdAt: v.number(),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const requests = await ctx.db
      .query("enrollmentRequests")
      .withIndex("by_cohortId_and_status", (q) => q.eq("cohortId", cohortId).eq("status", "open"))
      .take(100);
    const rows = [];
    for (const request of requests) {
      const learner = await ctx.db.get("users", request.userId);
      const enrollment = await ctx.db.get("enrollments", request.enrollmentId);
      const target = request.toCohortId ? await ctx.db.get("cohorts", request.toCohortId) : null;
      const organization = learner?.organizationId ? await ctx.db.get("organizations", learner.organizationId) : null;
      rows.push({
        _id: request._id,
        learnerName: learner?.name ?? "Deleted user",
        learnerEmail: learner?.email ?? "",
        kind: request.kind,
        ...(target ? { toCohortName: target.name, toCohortSeatsLeft: seatsLeft(target) } : {}),
        ...(request.reason ? { reason: request.reason } : {}),
        refundSummary: enrollment ? refundSummary(enrollment, organization?.name) : "",
        createdAt: request.createdAt,
      });
    }
    return rows;
  },
});

export const approvalContext = internalQuery({
  args: { requestId: v.id("enrollmentRequests") },
  handler: async (ctx, { requestId }) => {
    const { request, enrollment } = await requireOpenRequest(ctx, requestId);
    return { kind: request.kind, enrollment };
  },
});

export const claimRefundApproval = internalMutation({
  args: { requestId: v.id("enrollmentRequests") },
  handler: async (ctx, { requestId }) => {
    await claimApproval(ctx, requestId);
  },
});

export const releaseRefundApproval = internalMutation({
  args: { requestId: v.id("enrollmentRequests") },
  handler: async (ctx, { requestId }) => await releaseApproval(ctx, requestId),
});

export const settleApproval = internalMutation({
  args: {
    requestId: v.id("enrollmentRequests"),
    actorId: v.id("users"),
    note: v.optional(v.string()),
    stripeRefundRequested: v.boolean(),
  },
  handler: async (ctx, { actorId, ...args }) => {
    await approveRequest(ctx, actorId, args);
  },
});

/**
 * Approves a request: the transfer or refund is carried out now by the same code as self-service (seats checked at
 * this moment: a full cohort refuses and the request stays open).
 */
export const approve = platformAdminAction({
  args: { requestId: v.id("enrollmentRequests"), note: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { requestId, note }) => {
    // Checked before any refund is sent, so a note that is too long refuses nothing half-done.
    optionalText(note, "the note", TEXT_LIMITS.line);
    const { kind, enrollment } = await ctx.runQuery(internal.enrollments.selfService.approvalContext, { requestId });
    const viaStripe = kind === "refund" && refundsThroughStripe(enrollment);
    if (viaStripe) {
      // Claimed first: the learner cannot withdraw the request, nor change the seat, while Stripe is asked.
      await ctx.runMutation(internal.enrollments.selfService.claimRefundApproval, { requestId });
      try {
        await refundThroughStripe(enrollment);
      } catch (error) {
        await ctx.runMutation(internal.enrollments.selfService.releaseRefundApproval, { requestId });
        throw error;
      }
    }
    await ctx.runMutation(internal.enrollments.selfService.settleApproval, {
      requestId,
      actorId: ctx.viewerId,
      stripeRefundRequested: viaStripe,
      ...(note !== undefined ? { note } : {}),
    });
    return null;
  },
});

export const decline = platformAdminMutation({
  args: { requestId: v.id("enrollmentRequests"), note: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    await declineRequest(ctx, ctx.viewer._id, args);
    return null;
  },
});
