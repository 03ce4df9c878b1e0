/** The instructor's area. */
import { v } from "convex/values";
import { userQuery } from "./functions";
import { cohortRows, vCohortRow } from "./model/cohorts";

export const myCohorts = userQuery({
  args: {},
  returns: v.array(vCohortRow),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewerId = ctx.viewer._id;
    const cohorts = await ctx.db
      .query("cohorts")
      .withIndex("by_instructorId", (q) => q.eq("instructorId", viewerId))
      .take(100);
    return (await cohortRows(ctx, cohorts)).sort((a, b) => a.startDate - b.startDate);
  },
});
