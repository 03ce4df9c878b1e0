/** Nightly snapshots: the daily rows behind the dashboards' trend charts. */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation } from "../functions";
import { DAY_MS, startOfDay } from "./model/memberStats";
import { snapshotOrganization } from "./model/snapshots";

/** Nightly: yesterday's snapshot rows for every organization (one job per organization). */
export const snapshotAll = internalMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    const day = startOfDay(Date.now()) - DAY_MS;
    for (const organization of await ctx.db.query("organizations").take(5000)) {
      await ctx.scheduler.runAfter(0, internal.dashboards.snapshots.snapshotOne, {
        organizationId: organization._id,
        day,
      });
    }
    return null;
  },
});

export const snapshotOne = internalMutation({
  args: { organizationId: v.id("organizations"), day: v.number() },
  returns: v.null(),
  handler: async (ctx, { organizationId, day }) => {
    await snapshotOrganization(ctx, organizationId, day);
    return null;
  },
});
