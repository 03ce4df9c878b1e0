/** Recomputing members' dashboard rows (model/memberStats.ts), scheduled by the triggers of convex/triggers.ts. */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation } from "../functions";
import { refreshMember } from "./model/memberStats";
import { scheduleRefresh } from "../triggers";

export const refresh = internalMutation({
  args: { userIds: v.array(v.id("users")) },
  returns: v.null(),
  handler: async (ctx, { userIds }) => {
    for (const userId of userIds) await refreshMember(ctx, userId);
    return null;
  },
});

/**
 * One-off backfill for deployments that had members before dashboards existed:
 * `npx convex run dashboards/members:backfill` refreshes every member, 100 per job.
 */
export const backfill = internalMutation({
  args: { cursor: v.optional(v.union(v.null(), v.string())) },
  returns: v.null(),
  handler: async (ctx, { cursor }) => {
    const page = await ctx.db.query("users").paginate({ cursor: cursor ?? null, numItems: 100 });
    await scheduleRefresh(
      ctx,
      page.page.filter((u) => u.organizationId !== undefined).map((u) => u._id),
    );
    if (!page.isDone)
      await ctx.scheduler.runAfter(0, internal.dashboards.members.backfill, { cursor: page.continueCursor });
    return null;
  },
});
