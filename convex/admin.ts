/** Platform administration. */
import { v } from "convex/values";
import { platformAdminQuery } from "./functions";
import { cohortRows, vCohortRow } from "./model/cohorts";

export const cohorts = platformAdminQuery({
  args: {},
  returns: v.array(vCohortRow),
  handler: async (ctx) => {
    const cohorts = await ctx.db.query("cohorts").withIndex("by_startDate").order("desc").take(200);
    return await cohortRows(ctx, cohorts);
  },
});
