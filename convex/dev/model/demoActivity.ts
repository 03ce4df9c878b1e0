/**
 * Demo learning activity for the seeded academy: lessons done, last-active
 * times, the members' dashboard rows, and four weeks of daily snapshots that
 * lead up to today's figures (demo history, so the trend charts have a past).
 */
import type { Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { DAY_MS, getTotals, refreshMember } from "../../dashboards/model/memberStats";
import { organizationRow, teamRow } from "../../dashboards/model/snapshots";

export async function seedDashboardActivity(
  ctx: MutationCtx,
  options: {
    organizationId: Id<"organizations">;
    members: Id<"users">[];
    enrolled: Array<{ enrollmentId: Id<"enrollments">; userId: Id<"users">; cohortId: Id<"cohorts"> }>;
    now: number;
    rand: () => number;
  },
) {
  const { organizationId, members, enrolled, now, rand } = options;
  const memberSet = new Set(members);
  // Lessons done in running and upcoming cohorts: some learners ahead, some not started.
  for (const e of enrolled) {
    if (!memberSet.has(e.userId)) continue;
    const cohort = (await ctx.db.get("cohorts", e.cohortId))!;
    if (cohort.status === "completed") continue;
    const outlineSessions = await ctx.db
      .query("sessions")
      .withIndex("by_courseId_and_dayNumber_and_orderInDay", (q) => q.eq("courseId", cohort.courseId))
      .take(20);
    const share = rand();
    for (const outlineSession of outlineSessions) {
      for (const lesson of await ctx.db
        .query("lessons")
        .withIndex("by_sessionId", (q) => q.eq("sessionId", outlineSession._id))
        .take(10)) {
        if (rand() < share * 0.8) {
          await ctx.db.insert("lessonCompletions", {
            userId: e.userId,
            enrollmentId: e.enrollmentId,
            cohortId: e.cohortId,
            lessonId: lesson._id,
            completedAt: now - Math.floor(rand() * 10) * DAY_MS,
          });
        }
      }
    }
  }
  for (const [i, userId] of members.entries()) {
    // Most were active this week; every fifth has gone quiet for 9–20 days.
    const daysAgo = i % 5 === 4 ? 9 + Math.floor(rand() * 12) : Math.floor(rand() * 6);
    await ctx.db.patch("users", userId, {
      lastActiveAt: now - daysAgo * DAY_MS - Math.floor(rand() * 8) * 60 * 60 * 1000,
    });
  }
  for (const userId of members) await refreshMember(ctx, userId);

  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const org = await getTotals(ctx, organizationId);
  if (org === null) return;
  const teams = await ctx.db
    .query("dashboardTotals")
    .withIndex("by_organizationId_and_teamId_and_shard", (q) =>
      q.eq("organizationId", organizationId).gt("teamId", undefined),
    )
    .take(100);
  let previous: ReturnType<typeof organizationRow> | null = null;
  for (let daysAgo = 28; daysAgo >= 1; daysAgo--) {
    const day = today - daysAgo * DAY_MS;
    const factor = 1 - daysAgo / 40;
    const scale = (n: number) => Math.round(n * factor);
    const past = { ...org, progressSum: scale(org.progressSum), lessonsCompleted: scale(org.lessonsCompleted) };
    const row = organizationRow(past, day, previous);
    await ctx.db.insert("organizationAnalytics", row);
    previous = row;
    for (const team of teams) {
      const pastTeam = {
        ...team,
        progressSum: scale(team.progressSum),
        lessonsCompleted: scale(team.lessonsCompleted),
      };
      await ctx.db.insert(
        "teamAnalytics",
        teamRow(pastTeam, day, Math.max(0, Math.round(team.members * (0.5 + rand() * 0.4)))),
      );
    }
  }
}
