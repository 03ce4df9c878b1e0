/**
 * Manager nudges (individuals, teams, behind-schedule or inactive learners)
 * and the automatic alerts: Monday summaries, at-risk alerts after 7 quiet
 * days, and deadline reminders 3 days ahead; and the daily refresh that moves
 * team goals' pace with the calendar. Every nudge is logged in
 * `learningReminders`; nudges are rate-limited per manager.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { internalMutation, orgMutation, orgQuery } from "../functions";
import { assertTeamInScope, type OrgAccess } from "../access";
import { DAY_MS, INACTIVE_AFTER_MS, getTotals, memberInScope } from "./model/memberStats";
import { TEXT_LIMITS, boundedText } from "../limits";
import { notifyUsers } from "../notifications/model/notify";
import { scheduleRefresh } from "../triggers";
import { hasGoal } from "./model/goals";
import { enforceLimit } from "../rateLimits";
import { vReminderChannel, vReminderTarget } from "../validators";

/** Most people one nudge reaches; larger groups are nudged team by team. */
export const MAX_NUDGE_RECIPIENTS = 500;

/**
 * The teams a target covers: the ones asked for (each in scope), else the caller's scope (undefined = whole
 * organization).
 */
function targetScopes(access: OrgAccess, teamIds: Id<"teams">[] | undefined): Array<Id<"teams"> | undefined> {
  if (teamIds && teamIds.length > 0) {
    for (const teamId of teamIds) assertTeamInScope(access, teamId);
    return teamIds;
  }
  return access.teamScope === "all" ? [undefined] : [...access.teamScope];
}

async function recipientsFor(
  ctx: QueryCtx,
  access: OrgAccess,
  target: {
    targetType: Doc<"learningReminders">["targetType"];
    userIds?: Id<"users">[];
    teamIds?: Id<"teams">[];
    inactivityDays?: number;
  },
) {
  const organizationId = access.organization._id;
  const rows: Array<Doc<"memberStats">> = [];
  if (target.targetType === "individual") {
    if (!target.userIds || target.userIds.length === 0) throw appError("INVALID_INPUT", "Choose who to remind.");
    for (const userId of target.userIds.slice(0, MAX_NUDGE_RECIPIENTS)) {
      const orgRow = await memberInScope(ctx, access, userId, "remind");
      rows.push(orgRow);
    }
    return rows;
  }
  if (target.targetType === "team" && (!target.teamIds || target.teamIds.length === 0))
    throw appError("INVALID_INPUT", "Choose a team to remind.");
  const since = Date.now() - (target.inactivityDays ?? 7) * DAY_MS;
  for (const teamId of targetScopes(access, target.teamIds)) {
    const room = MAX_NUDGE_RECIPIENTS + 1 - rows.length;
    if (room <= 0) break;
    if (target.targetType === "team") {
      rows.push(
        ...(await ctx.db
          .query("memberStats")
          .withIndex("by_organizationId_and_teamId_and_name", (q) =>
            q.eq("organizationId", organizationId).eq("teamId", teamId),
          )
          .take(room)),
      );
    } else if (target.targetType === "behind_schedule") {
      rows.push(
        ...(await ctx.db
          .query("memberStats")
          .withIndex("by_organizationId_and_teamId_and_pace", (q) =>
            q.eq("organizationId", organizationId).eq("teamId", teamId).eq("pace", "behind"),
          )
          .take(room)),
      );
    } else {
      if (!target.inactivityDays || target.inactivityDays < 1 || target.inactivityDays > 90)
        throw appError("INVALID_INPUT", "Inactive for how many days? Choose 1 to 90.");
      rows.push(
        ...(await ctx.db
          .query("memberStats")
          .withIndex("by_organizationId_and_teamId_and_inProgress_and_lastActiveAt", (q) =>
            q.eq("organizationId", organizationId).eq("teamId", teamId).eq("inProgress", 1).lt("lastActiveAt", since),
          )
          .take(room)),
      );
    }
  }
  const unique = new Map(rows.map((r) => [r.userId, r]));
  if (unique.size > MAX_NUDGE_RECIPIENTS) {
    throw appError("INVALID_INPUT", `That is more than ${MAX_NUDGE_RECIPIENTS} people. Remind them team by team.`);
  }
  return [...unique.values()];
}

const vTarget = {
  targetType: vReminderTarget,
  userIds: v.optional(v.array(v.id("users"))),
  teamIds: v.optional(v.array(v.id("teams"))),
  inactivityDays: v.optional(v.number()),
};

/** How many people a nudge would reach (shown before sending). */
export const preview = orgQuery({
  args: vTarget,
  permission: "send_reminders",
  returns: v.number(),
  handler: async (ctx, target) => (await recipientsFor(ctx, ctx.access, target)).length,
});

export const send = orgMutation({
  args: {
    ...vTarget,
    subject: v.string(),
    message: v.string(),
    includeProgress: v.boolean(),
    channel: vReminderChannel,
  },
  permission: "send_reminders",
  returns: v.object({ recipients: v.number() }),
  handler: async (ctx, { subject, message, includeProgress, channel, ...target }) => {
    const cleanSubject = boundedText(subject, "the subject", TEXT_LIMITS.title, { min: 3 });
    const cleanMessage = boundedText(message, "the message", TEXT_LIMITS.paragraph, { min: 5 });
    const rows = await recipientsFor(ctx, ctx.access, target);
    if (rows.length === 0) throw appError("NOT_AVAILABLE", "Nobody matches this reminder right now.");
    await enforceLimit(ctx, "managerNudges", ctx.viewer._id, "reminders sent this hour");
    const organizationId = ctx.access.organization._id;
    const now = Date.now();
    for (const row of rows) {
      const user = await ctx.db.get("users", row.userId);
      if (!user) continue;
      const progress = includeProgress
        ? `Your progress: ${row.progressPercent}% · ${row.lessonsCompleted} lessons done.`
        : null;
      await notifyUsers(
        ctx,
        [user],
        {
          category: "learning",
          title: cleanSubject,
          body: [cleanMessage, progress].filter(Boolean).join("\n"),
          url: "/learn",
        },
        channel === "in_app"
          ? undefined
          : {
              subject: cleanSubject,
              heading: cleanSubject,
              lines: [
                cleanMessage,
                ...(progress ? [progress] : []),
                `From ${ctx.viewer.name}, ${ctx.access.organization.name}`,
              ],
              actionLabel: "Open my learning",
            },
        { inApp: channel !== "email" },
      );
    }
    await ctx.db.insert("learningReminders", {
      organizationId,
      sentBy: ctx.viewer._id,
      targetType: target.targetType,
      ...(target.targetType === "individual" ? { targetUserIds: rows.map((r) => r.userId) } : {}),
      ...(target.teamIds?.length ? { targetTeamIds: target.teamIds } : {}),
      ...(target.targetType === "inactive" ? { inactivityDays: target.inactivityDays } : {}),
      subject: cleanSubject,
      message: cleanMessage,
      includeProgress,
      channel,
      sentAt: now,
      recipientCount: rows.length,
      createdAt: now,
    });
    await ctx.db.insert("managerAccessLogs", {
      managerId: ctx.viewer._id,
      organizationId,
      accessType: "send_reminder",
      timestamp: now,
    });
    return { recipients: rows.length };
  },
});

/** The organization's latest reminders (the caller's own unless they see the whole organization). */
export const history = orgQuery({
  args: {},
  permission: "send_reminders",
  returns: v.array(
    v.object({
      _id: v.id("learningReminders"),
      subject: v.string(),
      targetType: vReminderTarget,
      channel: vReminderChannel,
      recipientCount: v.number(),
      sentAt: v.number(),
      sentBy: v.string(),
    }),
  ),
  handler: async (ctx, { organizationId }) => {
    const rows = await ctx.db
      .query("learningReminders")
      .withIndex("by_organizationId_and_sentAt", (q) => q.eq("organizationId", organizationId))
      .order("desc")
      .take(50);
    const visible = ctx.access.teamScope === "all" ? rows : rows.filter((r) => r.sentBy === ctx.viewer._id);
    const out = [];
    for (const r of visible.slice(0, 20)) {
      out.push({
        _id: r._id,
        subject: r.subject,
        targetType: r.targetType,
        channel: r.channel,
        recipientCount: r.recipientCount,
        sentAt: r.sentAt,
        sentBy: (await ctx.db.get("users", r.sentBy))?.name ?? "A former manager",
      });
    }
    return out;
  },
});

// ------------------------------------------------------------ automatic alerts

async function activeManagers(ctx: QueryCtx, organizationId: Id<"organizations">) {
  const rows = await ctx.db
    .query("organizationManagers")
    .withIndex("by_organizationId_and_isActive", (q) => q.eq("organizationId", organizationId).eq("isActive", true))
    .take(200);
  const out: Array<{ manager: Doc<"organizationManagers">; user: Doc<"users"> }> = [];
  for (const manager of rows) {
    const user = await ctx.db.get("users", manager.userId);
    if (user) out.push({ manager, user });
  }
  return out;
}

function managerTeams(manager: Doc<"organizationManagers">): Array<Id<"teams"> | undefined> {
  return manager.role === "admin" || !manager.teamIds ? [undefined] : manager.teamIds;
}

/** One job per organization, so a run never reads more than one organization's managers and teams. */
export const forEachOrganization = internalMutation({
  args: {
    job: v.union(
      v.literal("weeklySummary"),
      v.literal("atRiskAlert"),
      v.literal("deadlineReminder"),
      v.literal("goalPace"),
    ),
  },
  returns: v.null(),
  handler: async (ctx, { job }) => {
    for (const organization of await ctx.db.query("organizations").take(5000)) {
      if (organization.status !== "active") continue;
      await ctx.scheduler.runAfter(0, internal.dashboards.reminders[job], { organizationId: organization._id });
    }
    return null;
  },
});

/** Mondays: each manager gets the week's figures for what they manage. */
export const weeklySummary = internalMutation({
  args: { organizationId: v.id("organizations") },
  returns: v.null(),
  handler: async (ctx, { organizationId }) => {
    for (const { manager, user } of await activeManagers(ctx, organizationId)) {
      const lines: string[] = [];
      for (const teamId of managerTeams(manager)) {
        const totals = await getTotals(ctx, organizationId, teamId);
        if (!totals || totals.members === 0) continue;
        const label = teamId ? (totals.teamName ?? "Team") : "Whole organization";
        const progress = Math.round(totals.progressSum / totals.members);
        lines.push(
          `${label}: ${totals.members} members, average progress ${progress}%, ` +
            `${totals.enrollmentsCompleted} courses completed, ${totals.pace.behind} behind schedule.`,
        );
      }
      if (lines.length === 0) continue;
      await notifyUsers(
        ctx,
        [user],
        {
          category: "reports",
          title: "Your weekly learning summary",
          body: lines.join("\n"),
          url: `/org/${organizationId}/dashboard`,
        },
        {
          subject: "Your weekly learning summary",
          heading: "This week in learning",
          lines,
          actionLabel: "Open the dashboard",
        },
      );
    }
    return null;
  },
});

/** Daily: managers hear about learners who crossed 7 quiet days since yesterday (named only if the learner allows). */
export const atRiskAlert = internalMutation({
  args: { organizationId: v.id("organizations") },
  returns: v.null(),
  handler: async (ctx, { organizationId }) => {
    const now = Date.now();
    const managers = await activeManagers(ctx, organizationId);
    for (const { manager, user } of managers) {
      if (!manager.permissions.includes("view_progress") && manager.role !== "admin") continue;
      const newlyQuiet: Array<Doc<"memberStats">> = [];
      for (const teamId of managerTeams(manager)) {
        newlyQuiet.push(
          ...(await ctx.db
            .query("memberStats")
            .withIndex("by_organizationId_and_teamId_and_inProgress_and_lastActiveAt", (q) =>
              q
                .eq("organizationId", organizationId)
                .eq("teamId", teamId)
                .eq("inProgress", 1)
                .gte("lastActiveAt", now - INACTIVE_AFTER_MS - DAY_MS)
                .lt("lastActiveAt", now - INACTIVE_AFTER_MS),
            )
            .take(200)),
        );
      }
      const people = new Map(newlyQuiet.map((m) => [m.userId, m]));
      if (people.size === 0) continue;
      const named = [...people.values()].filter((m) => m.privacy.activity).map((m) => m.name);
      const names = named.length ? `: ${named.slice(0, 10).join(", ")}${named.length > 10 ? "…" : ""}` : "";
      const body =
        `${people.size} learner${people.size === 1 ? " has" : "s have"} ` +
        `had no learning activity for 7 days${names}.`;
      await notifyUsers(
        ctx,
        [user],
        { category: "reports", title: "Learners at risk", body, url: `/org/${organizationId}/dashboard` },
        {
          subject: "Learners at risk: 7 days without activity",
          heading: "Some learners have gone quiet",
          lines: [body, "A short personal nudge from you usually helps."],
          actionLabel: "See who and nudge",
        },
      );
    }
    return null;
  },
});

/**
 * Daily, before the alerts: the members of teams whose goal has a deadline are refreshed, so the goal's pace moves with
 * the calendar (model/goals.ts) even on days nobody does anything.
 */
export const goalPace = internalMutation({
  args: { organizationId: v.id("organizations") },
  returns: v.null(),
  handler: async (ctx, { organizationId }) => {
    const teams = await ctx.db
      .query("teams")
      .withIndex("by_organizationId_and_isActive", (q) => q.eq("organizationId", organizationId).eq("isActive", true))
      .take(1000);
    for (const team of teams) {
      if (!hasGoal(team) || team.completionDeadline === undefined) continue;
      // A goal that ended over a week ago has nothing left to move.
      if (team.completionDeadline < Date.now() - 7 * DAY_MS) continue;
      const members = await ctx.db
        .query("teamMembers")
        .withIndex("by_teamId", (q) => q.eq("teamId", team._id))
        .take(1000);
      await scheduleRefresh(
        ctx,
        members.map((m) => m.userId),
      );
    }
    return null;
  },
});

/**
 * Daily: 3 days before a team's completion deadline, members not yet done are reminded and the team's managers told.
 */
export const deadlineReminder = internalMutation({
  args: { organizationId: v.id("organizations") },
  returns: v.null(),
  handler: async (ctx, { organizationId }) => {
    const now = Date.now();
    const teams = await ctx.db
      .query("teams")
      .withIndex("by_organizationId_and_isActive", (q) => q.eq("organizationId", organizationId).eq("isActive", true))
      .take(1000);
    const due = teams.filter(
      (t) =>
        t.completionDeadline !== undefined &&
        t.completionDeadline > now + 2 * DAY_MS &&
        t.completionDeadline <= now + 3 * DAY_MS,
    );
    for (const team of due) {
      const open = (
        await ctx.db
          .query("memberStats")
          .withIndex("by_organizationId_and_teamId_and_name", (q) =>
            q.eq("organizationId", organizationId).eq("teamId", team._id),
          )
          .take(MAX_NUDGE_RECIPIENTS)
      ).filter((m) => m.pace !== "completed");
      await remindMembers(ctx, open, team);
    }
    return null;
  },
});

async function remindMembers(ctx: MutationCtx, members: Array<Doc<"memberStats">>, team: Doc<"teams">) {
  const deadline = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
    team.completionDeadline!,
  );
  for (const member of members) {
    const user = await ctx.db.get("users", member.userId);
    if (!user) continue;
    const body = `${team.name}'s learning goal is due on ${deadline}. You are at ${member.progressPercent}%.`;
    await notifyUsers(
      ctx,
      [user],
      { category: "learning", title: "3 days to your team's learning deadline", body, url: "/learn" },
      {
        subject: "3 days to your learning deadline",
        heading: "Your deadline is close",
        lines: [body],
        actionLabel: "Continue learning",
      },
    );
  }
  const managers = await activeManagers(ctx, team.organizationId);
  const told = managers
    .filter(({ manager }) => manager.role === "admin" || manager.teamIds?.includes(team._id))
    .map(({ user }) => user);
  if (members.length > 0 && told.length > 0) {
    const body =
      `${members.length} member${members.length === 1 ? " has" : "s have"} not finished ${team.name}'s goal, ` +
      `due ${deadline}. They were reminded.`;
    await notifyUsers(ctx, told, {
      category: "reports",
      title: `${team.name}: deadline in 3 days`,
      body,
      url: `/org/${team.organizationId}/teams/${team._id}`,
    });
  }
}
