/** Who is enrolled in a cohort, with what they paid and whether it can be refunded (platform admins). */
import { v } from "convex/values";
import { platformAdminQuery } from "../functions";
import { priceCharged } from "./model/seats";
import { vAdminGrant, vPaymentStatus, vPaymentType } from "../validators";

export const forCohort = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.array(
    v.object({
      _id: v.id("enrollments"),
      name: v.string(),
      email: v.string(),
      paymentStatus: vPaymentStatus,
      paymentType: vPaymentType,
      amountCents: v.optional(v.number()),
      currency: v.string(),
      /** Refunded so far; below the amount paid the learner keeps the seat. */
      amountRefundedCents: v.optional(v.number()),
      refundNote: v.optional(v.string()),
      purchaseDate: v.number(),
      refundable: v.boolean(),
      refundRequested: v.boolean(),
      seatHeld: v.boolean(),
      /** A platform admin took the learner out of the cohort. */
      removed: v.boolean(),
      /** A seat a platform admin gave by hand, and the offline payment's reference. */
      adminGrant: v.optional(vAdminGrant),
      offlinePaymentReference: v.optional(v.string()),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const enrollments = await ctx.db
      .query("enrollments")
      .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohortId))
      .take(1000);
    const rows = [];
    for (const e of enrollments) {
      const user = await ctx.db.get("users", e.userId);
      const removed = e.paymentStatus === "failed" && e.failureReason === "removed";
      rows.push({
        _id: e._id,
        name: user?.name ?? "Deleted user",
        email: user?.email ?? "",
        paymentStatus: e.paymentStatus,
        paymentType: e.paymentType,
        ...(e.amountCents !== undefined ? { amountCents: e.amountCents } : {}),
        currency: priceCharged(e).currency,
        ...(e.amountRefundedCents ? { amountRefundedCents: e.amountRefundedCents } : {}),
        ...(e.refundNote ? { refundNote: e.refundNote } : {}),
        purchaseDate: e.purchaseDate,
        refundable:
          (e.paymentStatus === "completed" || removed) &&
          e.paymentType === "b2c" &&
          Boolean(e.stripePaymentIntentId) &&
          !e.refundRequestedAt,
        refundRequested: (e.paymentStatus === "completed" || removed) && Boolean(e.refundRequestedAt),
        seatHeld: e.seatHeld,
        removed,
        ...(e.adminGrant ? { adminGrant: e.adminGrant } : {}),
        ...(e.offlinePaymentReference ? { offlinePaymentReference: e.offlinePaymentReference } : {}),
      });
    }
    return rows.sort((a, b) => b.purchaseDate - a.purchaseDate);
  },
});
