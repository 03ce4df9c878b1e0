/** Cancelling a cohort (platform admins) and who chose what afterwards (live on the cohort's page). */
import { v } from "convex/values";
import { platformAdminMutation, platformAdminQuery } from "../functions";
import { vAdminGrant, vCohortChoiceStatus, vPaymentStatus, vPaymentType } from "../validators";
import { cancelCohort } from "./model/cancellation";

export const cancel = platformAdminMutation({
  args: { cohortId: v.id("cohorts") },
  returns: v.object({ learners: v.number() }),
  handler: async (ctx, { cohortId }) => ({ learners: await cancelCohort(ctx, ctx.viewer, cohortId) }),
});

/** What the cancel dialog names before the admin confirms: who and what the cancellation reaches. */
export const preview = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.object({ learners: v.number(), sessions: v.number(), waiting: v.number(), pendingCheckouts: v.number() }),
  handler: async (ctx, { cohortId }) => {
    const count = async (status: "completed" | "pending") =>
      (
        await ctx.db
          .query("enrollments")
          .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohortId).eq("paymentStatus", status))
          .take(1000)
      ).filter((e) => e.seatHeld).length;
    const sessions = await ctx.db
      .query("cohortSessions")
      .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId))
      .take(200);
    const line = await ctx.db
      .query("waitlist")
      .withIndex("by_cohortId_and_position", (q) => q.eq("cohortId", cohortId))
      .take(1000);
    return {
      learners: await count("completed"),
      sessions: sessions.filter((s) => s.status === "scheduled").length,
      waiting: line.filter((w) => w.status === "waiting" || w.status === "offered").length,
      pendingCheckouts: await count("pending"),
    };
  },
});

/** Each learner of a cancelled cohort and what they chose (live). */
export const choices = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.array(
    v.object({
      _id: v.id("cohortChoices"),
      learnerName: v.string(),
      email: v.string(),
      status: vCohortChoiceStatus,
      paymentType: vPaymentType,
      paymentStatus: vPaymentStatus,
      adminGrant: v.optional(vAdminGrant),
      heldCohortName: v.optional(v.string()),
      holdExpiresAt: v.optional(v.number()),
      seatHeld: v.boolean(),
      transferredToName: v.optional(v.string()),
      decidedAt: v.optional(v.number()),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const choices = await ctx.db
      .query("cohortChoices")
      .withIndex("by_cancelledCohortId", (q) => q.eq("cancelledCohortId", cohortId))
      .take(1000);
    const rows = [];
    for (const choice of choices) {
      const user = await ctx.db.get("users", choice.userId);
      const enrollment = (await ctx.db.get("enrollments", choice.enrollmentId))!;
      const held = choice.heldCohortId ? await ctx.db.get("cohorts", choice.heldCohortId) : null;
      const moved = choice.transferredToCohortId ? await ctx.db.get("cohorts", choice.transferredToCohortId) : null;
      rows.push({
        _id: choice._id,
        learnerName: user?.name ?? "Deleted user",
        email: user?.email ?? "",
        status: choice.status,
        paymentType: enrollment.paymentType,
        paymentStatus: enrollment.paymentStatus,
        ...(enrollment.adminGrant ? { adminGrant: enrollment.adminGrant } : {}),
        ...(held ? { heldCohortName: held.name } : {}),
        ...(choice.holdExpiresAt ? { holdExpiresAt: choice.holdExpiresAt } : {}),
        seatHeld: choice.seatHeld,
        ...(moved ? { transferredToName: moved.name } : {}),
        ...(choice.decidedAt ? { decidedAt: choice.decidedAt } : {}),
      });
    }
    return rows;
  },
});
