/**
 * Manager dashboards: executive (organization), team and member views.
 *
 * Every figure comes from `dashboardTotals`, `memberStats` rows and
 * `activityDays` (model/memberStats.ts), so a query reads the same number of
 * documents at 10,000 learners as at 1,000 (`npm run bench`).
 * What a manager sees of a person follows the learner's privacy choices and
 * the manager's permissions; opening a person is logged first.
 */
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { orgMemberQuery, orgMutation, orgQuery } from "../functions";
import { assertTeamInScope, type OrgAccess, requireMemberInScope, requirePermission } from "../access";
import {
  DAY_MS,
  INACTIVE_AFTER_MS,
  MIN_CONSENTING_GROUP,
  activityCounts,
  getTotals,
  memberInScope,
  startOfDay,
} from "./model/memberStats";
import { vPaceStatus } from "../validators";

/** A manager must have logged opening a person within this window to read their detail. */
export const VIEW_LOG_WINDOW_MS = 30 * 60 * 1000;
/** Members listed on a team dashboard (the team's figures always cover everyone). */
export const TEAM_LIST_LIMIT = 120;
const TREND_DAYS = 28;

const vFigures = v.object({
  members: v.number(),
  activeMembers: v.number(),
  atRisk: v.number(),
  avgProgress: v.number(),
  lessonsCompleted: v.number(),
  sessionsAttended: v.number(),
  enrollmentsInProgress: v.number(),
  enrollmentsCompleted: v.number(),
  enrollmentsTotal: v.number(),
  completionRate: v.number(),
  certificates: v.number(),
  /** Over consenting learners only; null when hidden (see `learningGainHidden`). */
  avgLearningGain: v.union(v.null(), v.number()),
  /** Why the average is hidden: the caller's role lacks view_scores, or fewer than 5 learners share scores. */
  learningGainHidden: v.union(v.null(), v.literal("permission"), v.literal("too_few")),
  pace: v.object({ not_started: v.number(), on_track: v.number(), behind: v.number(), completed: v.number() }),
});

const vTrendPoint = v.object({
  day: v.number(),
  avgProgress: v.number(),
  completionRate: v.number(),
  lessonsCompleted: v.number(),
  certificates: v.number(),
  live: v.boolean(),
});

const vSkillColumn = v.object({ skillId: v.id("skills"), name: v.string() });

/**
 * The average learning gain a caller may see: only with view_scores, and only over at least
 * MIN_CONSENTING_GROUP learners who share their scores (totals hold consenting learners only),
 * so that no average reveals one person's score.
 */
export function learningGainFor(
  access: OrgAccess,
  totals: Pick<Doc<"dashboardTotals">, "gainSum" | "gainCount"> | null,
) {
  if (!access.permissions.has("view_scores"))
    return { avgLearningGain: null, learningGainHidden: "permission" as const };
  if (!totals || totals.gainCount < MIN_CONSENTING_GROUP)
    return { avgLearningGain: null, learningGainHidden: "too_few" as const };
  return { avgLearningGain: Math.round((totals.gainSum / totals.gainCount) * 100) / 100, learningGainHidden: null };
}

async function figures(ctx: QueryCtx, access: OrgAccess, organizationId: Id<"organizations">, teamId?: Id<"teams">) {
  const totals = await getTotals(ctx, organizationId, teamId);
  const { activeMembers, atRisk } = await activityCounts(ctx, totals, Date.now() - INACTIVE_AFTER_MS);
  const t = totals ?? null;
  const members = t?.members ?? 0;
  return {
    totals: t,
    figures: {
      members,
      activeMembers,
      atRisk,
      avgProgress: members === 0 ? 0 : Math.round((t?.progressSum ?? 0) / members),
      lessonsCompleted: t?.lessonsCompleted ?? 0,
      sessionsAttended: t?.sessionsAttended ?? 0,
      enrollmentsInProgress: t?.enrollmentsInProgress ?? 0,
      enrollmentsCompleted: t?.enrollmentsCompleted ?? 0,
      enrollmentsTotal: t?.enrollmentsTotal ?? 0,
      completionRate: t && t.enrollmentsTotal > 0 ? Math.round((t.enrollmentsCompleted / t.enrollmentsTotal) * 100) : 0,
      certificates: t?.certificates ?? 0,
      ...learningGainFor(access, t),
      pace: t?.pace ?? { not_started: 0, on_track: 0, behind: 0, completed: 0 },
    },
  };
}

type DayFigures = { avgProgress: number; completionRate: number; lessonsCompleted: number; certificates: number };

/** The first day of the trend: TREND_DAYS whole days before today. */
function trendStart(now: number) {
  return startOfDay(now) - TREND_DAYS * DAY_MS;
}

/**
 * The trend chart: each past day's stored snapshot, oldest first, then today from the live figures (a day's snapshot
 * is written once it is over).
 */
function trendOf(days: Array<DayFigures & { day: number }>, today: DayFigures, now: number) {
  const { avgProgress, completionRate, lessonsCompleted, certificates } = today;
  return [
    ...days.filter((d) => d.day < startOfDay(now)).map((d) => ({ ...d, live: false })),
    { day: startOfDay(now), avgProgress, completionRate, lessonsCompleted, certificates, live: true },
  ];
}

async function skillColumns(ctx: QueryCtx, skillIds: Iterable<Id<"skills">>) {
  const columns = [];
  for (const skillId of new Set(skillIds)) {
    const skill = await ctx.db.get("skills", skillId);
    if (skill) columns.push({ skillId, name: skill.name, sortOrder: skill.sortOrder });
  }
  return columns.sort((a, b) => a.sortOrder - b.sortOrder).map(({ skillId, name }) => ({ skillId, name }));
}

export const executive = orgQuery({
  args: {},
  permission: "view_analytics",
  returns: v.object({
    organizationName: v.string(),
    seatsUsed: v.number(),
    seatsPurchased: v.number(),
    figures: vFigures,
    weekAgo: v.union(
      v.null(),
      v.object({
        completionRate: v.number(),
        lessonsCompleted: v.number(),
        certificates: v.number(),
        avgProgress: v.number(),
      }),
    ),
    trend: v.array(vTrendPoint),
    teams: v.array(
      v.object({
        teamId: v.id("teams"),
        name: v.string(),
        members: v.number(),
        avgProgress: v.number(),
        completionRate: v.number(),
        behind: v.number(),
        skills: v.array(v.object({ skillId: v.id("skills"), avgLevel: v.number(), count: v.number() })),
      }),
    ),
    skills: v.array(vSkillColumn),
    atRisk: v.array(
      v.object({ userId: v.id("users"), name: v.string(), lastActiveAt: v.number(), progressPercent: v.number() }),
    ),
    atRiskHidden: v.number(),
    canOpenMembers: v.boolean(),
  }),
  handler: async (ctx, { organizationId }) => {
    const { access } = ctx;
    if (access.teamScope !== "all")
      throw appError(
        "OUTSIDE_TEAM_SCOPE",
        "The organization view is for managers of the whole organization. Open your team's dashboard instead.",
      );
    const { figures: f } = await figures(ctx, access, organizationId);
    const now = Date.now();
    const snapshots = await ctx.db
      .query("organizationAnalytics")
      .withIndex("by_organizationId_and_periodType_and_periodStart", (q) =>
        q.eq("organizationId", organizationId).eq("periodType", "daily").gte("periodStart", trendStart(now)),
      )
      .take(TREND_DAYS + 1);
    const trend = trendOf(
      snapshots.map((s) => ({
        day: s.periodStart,
        avgProgress: Math.round(s.avgSkillProgress),
        completionRate: s.totalEnrollments > 0 ? Math.round((s.completedEnrollments / s.totalEnrollments) * 100) : 0,
        lessonsCompleted: s.lessonsCompleted,
        certificates: s.certificatesIssued,
      })),
      f,
      now,
    );
    const weekAgoPoint = trend.find((p) => p.day === startOfDay(now) - 7 * DAY_MS) ?? null;

    const teamRows = await ctx.db
      .query("dashboardTotals")
      .withIndex("by_organizationId_and_teamId_and_shard", (q) =>
        q.eq("organizationId", organizationId).gt("teamId", undefined),
      )
      .take(200);
    const teams = teamRows
      .filter((t) => t.members > 0)
      .map((t) => ({
        teamId: t.teamId!,
        name: t.teamName ?? "Team",
        members: t.members,
        avgProgress: Math.round(t.progressSum / t.members),
        completionRate: t.enrollmentsTotal > 0 ? Math.round((t.enrollmentsCompleted / t.enrollmentsTotal) * 100) : 0,
        behind: t.pace.behind,
        skills: t.skills.map((s) => ({
          skillId: s.skillId,
          avgLevel: Math.round((s.levelSum / s.count) * 10) / 10,
          count: s.count,
        })),
      }))
      .sort((a, b) => b.avgProgress - a.avgProgress || a.name.localeCompare(b.name));
    const skills = await skillColumns(
      ctx,
      teams.flatMap((t) => t.skills.map((s) => s.skillId)),
    );

    const idle = await ctx.db
      .query("memberStats")
      .withIndex("by_organizationId_and_teamId_and_inProgress_and_lastActiveAt", (q) =>
        q
          .eq("organizationId", organizationId)
          .eq("teamId", undefined)
          .eq("inProgress", 1)
          .lt("lastActiveAt", now - INACTIVE_AFTER_MS),
      )
      .take(12);
    const visible = idle.filter((m) => m.privacy.activity);
    return {
      organizationName: access.organization.name,
      seatsUsed: access.organization.seatsUsed,
      seatsPurchased: access.organization.seatsPurchased,
      figures: f,
      weekAgo: weekAgoPoint
        ? {
            completionRate: weekAgoPoint.completionRate,
            lessonsCompleted: weekAgoPoint.lessonsCompleted,
            certificates: weekAgoPoint.certificates,
            avgProgress: weekAgoPoint.avgProgress,
          }
        : null,
      trend,
      teams,
      skills,
      atRisk: visible.slice(0, 8).map((m) => ({
        userId: m.userId,
        name: m.name,
        lastActiveAt: m.lastActiveAt,
        progressPercent: m.progressPercent,
      })),
      atRiskHidden: Math.max(0, f.atRisk - Math.min(8, visible.length)),
      canOpenMembers: access.permissions.has("view_progress"),
    };
  },
});

const vMemberRow = v.object({
  userId: v.id("users"),
  name: v.string(),
  progressPercent: v.number(),
  lessonsCompleted: v.number(),
  sessionsAttended: v.number(),
  pace: vPaceStatus,
  /** null: the learner keeps their activity private. */
  lastActiveAt: v.union(v.null(), v.number()),
  /** null: private, or the manager lacks view_certificates. */
  certificates: v.union(v.null(), v.number()),
  /** null: no consent or no view_scores permission. */
  latestScore: v.union(v.null(), v.number()),
  skillLevels: v.array(v.object({ skillId: v.id("skills"), level: v.number() })),
});

function memberRow(access: OrgAccess, m: Doc<"memberStats">) {
  return {
    userId: m.userId,
    name: m.name,
    progressPercent: m.progressPercent,
    lessonsCompleted: m.lessonsCompleted,
    sessionsAttended: m.sessionsAttended,
    pace: m.pace,
    lastActiveAt: m.privacy.activity ? m.lastActiveAt : null,
    certificates: m.privacy.certificates && access.permissions.has("view_certificates") ? m.certificates : null,
    latestScore: m.privacy.scores && access.permissions.has("view_scores") ? (m.latestScore ?? null) : null,
    skillLevels: m.skillLevels,
  };
}

export const team = orgQuery({
  args: { teamId: v.id("teams") },
  permission: "view_progress",
  returns: v.object({
    teamId: v.id("teams"),
    name: v.string(),
    completionDeadline: v.union(v.null(), v.number()),
    figures: vFigures,
    trend: v.array(vTrendPoint),
    members: v.array(vMemberRow),
    listedAll: v.boolean(),
    skills: v.array(vSkillColumn),
    /** Members who opted in to leaderboards, by progress then lessons. */
    leaderboard: v.array(
      v.object({ userId: v.id("users"), name: v.string(), progressPercent: v.number(), lessonsCompleted: v.number() }),
    ),
  }),
  handler: async (ctx, { organizationId, teamId }) => {
    assertTeamInScope(ctx.access, teamId);
    const team = await ctx.db.get("teams", teamId);
    if (team === null || team.organizationId !== organizationId || !team.isActive)
      throw appError("NOT_FOUND", "This team no longer exists.");
    const { figures: f } = await figures(ctx, ctx.access, organizationId, teamId);
    const now = Date.now();
    const snapshots = await ctx.db
      .query("teamAnalytics")
      .withIndex("by_teamId_and_periodType_and_periodStart", (q) =>
        q.eq("teamId", teamId).eq("periodType", "daily").gte("periodStart", trendStart(now)),
      )
      .take(TREND_DAYS + 1);
    const trend = trendOf(
      snapshots.map((s) => ({
        day: s.periodStart,
        avgProgress: Math.round(s.avgProgressPercent),
        completionRate: s.memberCount > 0 ? Math.round((s.coursesCompleted / Math.max(1, s.memberCount)) * 100) : 0,
        lessonsCompleted: s.lessonsCompleted,
        certificates: s.coursesCompleted,
      })),
      f,
      now,
    );
    const rows = await ctx.db
      .query("memberStats")
      .withIndex("by_organizationId_and_teamId_and_name", (q) =>
        q.eq("organizationId", organizationId).eq("teamId", teamId),
      )
      .take(TEAM_LIST_LIMIT + 1);
    const members = rows.slice(0, TEAM_LIST_LIMIT).map((m) => memberRow(ctx.access, m));
    return {
      teamId,
      name: team.name,
      completionDeadline: team.completionDeadline ?? null,
      figures: f,
      trend,
      members,
      listedAll: rows.length <= TEAM_LIST_LIMIT,
      skills: await skillColumns(
        ctx,
        members.flatMap((m) => m.skillLevels.map((s) => s.skillId)),
      ),
      leaderboard: rows
        .filter((m) => m.privacy.leaderboard)
        .sort(
          (a, b) =>
            b.progressPercent - a.progressPercent ||
            b.lessonsCompleted - a.lessonsCompleted ||
            a.name.localeCompare(b.name),
        )
        .slice(0, 5)
        .map((m) => ({
          userId: m.userId,
          name: m.name,
          progressPercent: m.progressPercent,
          lessonsCompleted: m.lessonsCompleted,
        })),
    };
  },
});

/** Teams the caller may open, for navigation. */
export const myTeams = orgQuery({
  args: {},
  returns: v.object({
    orgWide: v.boolean(),
    canViewAnalytics: v.boolean(),
    canViewProgress: v.boolean(),
    canExport: v.boolean(),
    canRemind: v.boolean(),
    teams: v.array(v.object({ _id: v.id("teams"), name: v.string(), memberCount: v.number() })),
  }),
  handler: async (ctx, { organizationId }) => {
    const teams = await ctx.db
      .query("teams")
      .withIndex("by_organizationId_and_isActive", (q) => q.eq("organizationId", organizationId).eq("isActive", true))
      .take(200);
    const scope = ctx.access.teamScope;
    return {
      orgWide: scope === "all",
      canViewAnalytics: ctx.access.permissions.has("view_analytics"),
      canViewProgress: ctx.access.permissions.has("view_progress"),
      canExport: ctx.access.permissions.has("export_reports"),
      canRemind: ctx.access.permissions.has("send_reminders"),
      teams: teams
        .filter((t) => scope === "all" || scope.has(t._id))
        .map((t) => ({ _id: t._id, name: t.name, memberCount: t.memberCount }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  },
});

/**
 * Logs that the caller opened a dashboard or a person; the member view requires this first.
 * Only views the caller may make are logged: a person must pass the scope rule for "view"
 * (the learner sees this entry). Exports and reminders are logged by the functions that do them.
 */
export const recordView = orgMutation({
  args: {
    accessType: v.union(v.literal("view_dashboard"), v.literal("view_individual")),
    targetUserId: v.optional(v.id("users")),
  },
  returns: v.null(),
  handler: async (ctx, { organizationId, accessType, targetUserId }) => {
    if (accessType === "view_individual") {
      if (!targetUserId) throw appError("INVALID_INPUT", "Say whose progress you are opening.");
      await requireMemberInScope(ctx, ctx.access, targetUserId, "view");
    } else {
      if (targetUserId) throw appError("INVALID_INPUT", "A dashboard view names nobody; open the person instead.");
      if (!ctx.access.permissions.has("view_analytics")) requirePermission(ctx.access, "view_progress");
    }
    await ctx.db.insert("managerAccessLogs", {
      managerId: ctx.viewer._id,
      organizationId,
      accessType,
      ...(targetUserId ? { targetUserId } : {}),
      timestamp: Date.now(),
    });
    return null;
  },
});

export const member = orgMemberQuery({
  args: {},
  memberAction: "view",
  returns: v.object({
    row: vMemberRow,
    email: v.string(),
    enrollmentsInProgress: v.number(),
    /** null: the learner keeps certificates, and so completions, private. */
    enrollmentsCompleted: v.union(v.null(), v.number()),
    learningGain: v.union(v.null(), v.number()),
    nextDeadline: v.union(v.null(), v.number()),
    privacy: v.object({ scores: v.boolean(), activity: v.boolean(), certificates: v.boolean() }),
    certificates: v.union(
      v.null(),
      v.array(
        v.object({
          name: v.string(),
          issuedAt: v.number(),
          expiresAt: v.union(v.null(), v.number()),
          publicId: v.string(),
        }),
      ),
    ),
    skills: v.array(vSkillColumn),
  }),
  handler: async (ctx, { memberId: userId }) => {
    const row = await memberInScope(ctx, ctx.access, userId, "view");
    const logged = await ctx.db
      .query("managerAccessLogs")
      .withIndex("by_managerId_and_targetUserId_and_timestamp", (q) =>
        q
          .eq("managerId", ctx.viewer._id)
          .eq("targetUserId", userId)
          .gte("timestamp", Date.now() - VIEW_LOG_WINDOW_MS),
      )
      .first();
    if (logged === null)
      throw appError("VIEW_NOT_LOGGED", "Opening a person's progress is recorded first. Reload the page to try again.");
    const user = await ctx.db.get("users", userId);
    const showCertificates = row.privacy.certificates && ctx.access.permissions.has("view_certificates");
    let certificates = null;
    if (showCertificates) {
      const rows = (
        await ctx.db
          .query("certificates")
          .withIndex("by_userId", (q) => q.eq("userId", userId))
          .take(50)
      ).filter((c) => c.revokedAt === undefined && c.issueStatus === "issued");
      certificates = [];
      for (const c of rows)
        certificates.push({
          name: c.badgeData.name,
          issuedAt: c.issuedAt,
          expiresAt: c.expiresAt ?? null,
          publicId: c.publicId,
        });
    }
    return {
      row: memberRow(ctx.access, row),
      email: user?.email ?? "",
      enrollmentsInProgress: row.enrollmentsInProgress,
      enrollmentsCompleted: row.privacy.certificates ? row.enrollmentsCompleted : null,
      learningGain: row.privacy.scores && ctx.access.permissions.has("view_scores") ? (row.learningGain ?? null) : null,
      nextDeadline: row.nextDeadline ?? null,
      privacy: { scores: row.privacy.scores, activity: row.privacy.activity, certificates: row.privacy.certificates },
      certificates,
      skills: await skillColumns(
        ctx,
        row.skillLevels.map((s) => s.skillId),
      ),
    };
  },
});
