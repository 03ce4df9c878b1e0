/**
 * Daily `organizationAnalytics` / `teamAnalytics` rows: the trend lines of the
 * dashboards. Written by the nightly cron from the running totals, so a
 * snapshot of a 10,000-learner organization reads one row per team.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { DAY_MS, INACTIVE_AFTER_MS, MIN_CONSENTING_GROUP, activityCounts, getTotals } from "./memberStats";

type Totals = Doc<"dashboardTotals">;

export function organizationRow(
  totals: Totals,
  day: number,
  previous: Pick<Doc<"organizationAnalytics">, "totalEnrollments" | "completedEnrollments"> | null,
) {
  const members = Math.max(1, totals.members);
  const completionRate = totals.enrollmentsTotal > 0 ? totals.enrollmentsCompleted / totals.enrollmentsTotal : 0;
  const previousRate =
    previous && previous.totalEnrollments > 0
      ? previous.completedEnrollments / previous.totalEnrollments
      : completionRate;
  const hours = Math.round((totals.sessionsAttended * 1.5 + totals.lessonsCompleted * 0.3) * 10) / 10;
  return {
    organizationId: totals.organizationId,
    periodType: "daily" as const,
    periodStart: day,
    periodEnd: day + DAY_MS,
    totalEnrollments: totals.enrollmentsTotal,
    activeEnrollments: totals.enrollmentsInProgress,
    completedEnrollments: totals.enrollmentsCompleted,
    totalLearningHours: hours,
    avgLearningHoursPerUser: Math.round((hours / members) * 10) / 10,
    lessonsCompleted: totals.lessonsCompleted,
    ...(totals.gainCount >= MIN_CONSENTING_GROUP
      ? { avgLearningGain: Math.round((totals.gainSum / totals.gainCount) * 100) / 100 }
      : {}),
    certificatesIssued: totals.certificates,
    skillsAcquired: totals.skills.reduce((sum, s) => sum + s.count, 0),
    avgSkillProgress: Math.round(totals.progressSum / members),
    enrollmentsChange: previous ? totals.enrollmentsTotal - previous.totalEnrollments : 0,
    completionRateChange: Math.round((completionRate - previousRate) * 1000) / 10,
    calculatedAt: Date.now(),
  };
}

export function teamRow(totals: Totals, day: number, activeMembers: number) {
  const members = Math.max(1, totals.members);
  return {
    teamId: totals.teamId!,
    organizationId: totals.organizationId,
    periodType: "daily" as const,
    periodStart: day,
    periodEnd: day + DAY_MS,
    memberCount: totals.members,
    activeMembers,
    avgProgressPercent: Math.round(totals.progressSum / members),
    lessonsCompleted: totals.lessonsCompleted,
    totalLearningHours: Math.round((totals.sessionsAttended * 1.5 + totals.lessonsCompleted * 0.3) * 10) / 10,
    coursesCompleted: totals.enrollmentsCompleted,
    topPerformers: [],
    calculatedAt: Date.now(),
  };
}

/** Writes (or rewrites) the day's rows for one organization and its teams. */
export async function snapshotOrganization(ctx: MutationCtx, organizationId: Id<"organizations">, day: number) {
  const organization = await getTotals(ctx, organizationId);
  const teams = await ctx.db
    .query("dashboardTotals")
    .withIndex("by_organizationId_and_teamId_and_shard", (q) =>
      q.eq("organizationId", organizationId).gt("teamId", undefined),
    )
    .take(1000);
  for (const totals of organization ? [organization, ...teams] : teams) {
    if (totals.teamId === undefined) {
      const existing = await ctx.db
        .query("organizationAnalytics")
        .withIndex("by_organizationId_and_periodType_and_periodStart", (q) =>
          q.eq("organizationId", organizationId).eq("periodType", "daily").eq("periodStart", day),
        )
        .unique();
      const previous = await ctx.db
        .query("organizationAnalytics")
        .withIndex("by_organizationId_and_periodType_and_periodStart", (q) =>
          q.eq("organizationId", organizationId).eq("periodType", "daily").lt("periodStart", day),
        )
        .order("desc")
        .first();
      const row = organizationRow(totals, day, previous);
      if (existing) await ctx.db.replace("organizationAnalytics", existing._id, row);
      else await ctx.db.insert("organizationAnalytics", row);
    } else {
      const teamId = totals.teamId;
      const { activeMembers } = await activityCounts(ctx, totals, day + DAY_MS - INACTIVE_AFTER_MS);
      const existing = await ctx.db
        .query("teamAnalytics")
        .withIndex("by_teamId_and_periodType_and_periodStart", (q) =>
          q.eq("teamId", teamId).eq("periodType", "daily").eq("periodStart", day),
        )
        .unique();
      const row = teamRow(totals, day, activeMembers);
      if (existing) await ctx.db.replace("teamAnalytics", existing._id, row);
      else await ctx.db.insert("teamAnalytics", row);
    }
  }
}
