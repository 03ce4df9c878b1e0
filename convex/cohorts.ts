/** Cohort lifecycle driven by dates. */
import { internalMutation } from "./functions";
import { planCertificates } from "./model/certificates";
import { refreshCohortLater } from "./model/memberStats";

/** open → in_progress at the start, in_progress → completed at the end, when certificates are planned (cron, hourly). */
export const advanceStatuses = internalMutation({
  args: {},
  handler: async (ctx) => {
    const now = Date.now();
    for (const cohort of await ctx.db.query("cohorts").withIndex("by_status", (q) => q.eq("status", "open")).take(500)) {
      if (cohort.startDate <= now) await ctx.db.patch("cohorts", cohort._id, { status: "in_progress", updatedAt: now });
    }
    for (const cohort of await ctx.db.query("cohorts").withIndex("by_status", (q) => q.eq("status", "in_progress")).take(500)) {
      if (cohort.endDate <= now) {
        await ctx.db.patch("cohorts", cohort._id, { status: "completed", updatedAt: now });
        // Everyone who met the course's rules gets a signed certificate, issued in batches.
        await planCertificates(ctx, cohort._id);
        await refreshCohortLater(ctx, cohort._id);
      }
    }
  },
});
