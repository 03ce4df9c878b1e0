/** The instructor's area. */
import { v } from "convex/values";
import { userQuery } from "../functions";
import { cohortRows, vCohortRow } from "../catalog/model/cohorts";

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

/** The instructor's next sessions across cohorts (live ones included). */
export const upcomingSessions = userQuery({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("cohortSessions"),
      cohortId: v.id("cohorts"),
      cohortName: v.string(),
      title: v.string(),
      startsAt: v.number(),
      endsAt: v.number(),
    }),
  ),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewerId = ctx.viewer._id;
    // Sessions last at most 8 hours, so anything starting after this may still be running.
    const since = Date.now() - 8 * 60 * 60 * 1000;
    const sessions = await ctx.db
      .query("cohortSessions")
      .withIndex("by_instructorId_and_startsAt", (q) => q.eq("instructorId", viewerId).gte("startsAt", since))
      .take(30);
    const rows = [];
    for (const s of sessions.filter((s) => s.status === "scheduled" && s.endsAt > Date.now()).slice(0, 8)) {
      const cohort = await ctx.db.get("cohorts", s.cohortId);
      rows.push({
        _id: s._id,
        cohortId: s.cohortId,
        cohortName: cohort?.name ?? "Cohort",
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
      });
    }
    return rows;
  },
});
