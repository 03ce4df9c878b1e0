/**
 * Steps that open with time, and paths that end: a time rule's moment is scheduled when it becomes known, and a cron
 * sweeps what is due (a backstop for schedules that an admin's change of the rules made stale) and ends paths whose
 * access ran out.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation } from "../functions";
import { endPathAccess, tellAccessEnded } from "./model/access";
import { refreshPathEnrollment } from "./model/progress";

/** Re-evaluates one path enrollment (scheduled at a time rule's moment). */
export const refresh = internalMutation({
  args: { pathEnrollmentId: v.id("userPathEnrollments") },
  returns: v.null(),
  handler: async (ctx, { pathEnrollmentId }) => {
    await refreshPathEnrollment(ctx, pathEnrollmentId);
    return null;
  },
});

const RESYNC_BATCH = 50;

/** After admins changed a path's steps: every enrollment in it is evaluated again, a batch per transaction. */
export const resyncPath = internalMutation({
  args: { pathId: v.id("learningPaths"), cursor: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { pathId, cursor }) => {
    const page = await ctx.db
      .query("userPathEnrollments")
      .withIndex("by_pathId", (q) => q.eq("pathId", pathId))
      .paginate({ numItems: RESYNC_BATCH, cursor });
    for (const enrollment of page.page) await refreshPathEnrollment(ctx, enrollment._id);
    if (!page.isDone) {
      await ctx.scheduler.runAfter(0, internal.paths.unlocks.resyncPath, { pathId, cursor: page.continueCursor });
    }
    return null;
  },
});

const SWEEP_BATCH = 100;

/**
 * Opens steps whose time came (the backstop of the scheduled refreshes) and ends paths whose access ran out: a bundle's
 * year, or a cancelled subscription's last period (even when Stripe's last event is late).
 */
export const sweep = internalMutation({
  args: {},
  returns: v.object({ refreshed: v.number(), expired: v.number() }),
  handler: async (ctx) => {
    const now = Date.now();
    const due = await ctx.db
      .query("pathStepProgress")
      .withIndex("by_unlockDueAt", (q) => q.gte("unlockDueAt", 0).lte("unlockDueAt", now))
      .take(SWEEP_BATCH);
    const enrollments = new Set(due.map((row) => row.pathEnrollmentId));
    for (const pathEnrollmentId of enrollments) await refreshPathEnrollment(ctx, pathEnrollmentId);
    const ended = [];
    for (const status of ["active", "paused"] as const) {
      ended.push(
        ...(await ctx.db
          .query("userPathEnrollments")
          .withIndex("by_status_and_expiresAt", (q) => q.eq("status", status).gte("expiresAt", 0).lte("expiresAt", now))
          .take(SWEEP_BATCH)),
      );
    }
    for (const enrollment of ended) {
      if (await endPathAccess(ctx, enrollment, enrollment.expiresAt!)) await tellAccessEnded(ctx, enrollment);
    }
    return { refreshed: enrollments.size, expired: ended.length };
  },
});
