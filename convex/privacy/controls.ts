/**
 * The learner's side of manager dashboards: what managers may see, who looked,
 * and a copy of everything managers can see. Erasure is in erasure.ts.
 */
import { v } from "convex/values";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";
import { DEFAULT_PRIVACY } from "../dashboards/model/memberStats";
import { vErasureStatus, vManagerAccessType } from "../validators";

const vSettings = v.object({
  allowManagerViewScores: v.boolean(),
  allowManagerViewActivity: v.boolean(),
  allowManagerViewCertificates: v.boolean(),
  allowLeaderboardDisplay: v.boolean(),
});

export const mine = userQuery({
  args: {},
  returns: v.union(
    v.null(),
    v.object({
      settings: vSettings,
      organizationName: v.union(v.null(), v.string()),
      erasure: v.union(v.null(), v.object({ status: vErasureStatus, requestedAt: v.number() })),
      views: v.array(v.object({ managerName: v.string(), accessType: vManagerAccessType, timestamp: v.number() })),
    }),
  ),
  handler: async (ctx) => {
    const viewer = ctx.viewer;
    if (viewer === null) return null;
    const row = await ctx.db
      .query("userPrivacySettings")
      .withIndex("by_userId", (q) => q.eq("userId", viewer._id))
      .unique();
    const organization = viewer.organizationId ? await ctx.db.get("organizations", viewer.organizationId) : null;
    const erasure = await ctx.db
      .query("erasureRequests")
      .withIndex("by_userId", (q) => q.eq("userId", viewer._id))
      .order("desc")
      .first();
    const logs = await ctx.db
      .query("managerAccessLogs")
      .withIndex("by_targetUserId_and_timestamp", (q) => q.eq("targetUserId", viewer._id))
      .order("desc")
      .take(50);
    const names = new Map<string, string>();
    const views = [];
    for (const log of logs) {
      if (!names.has(log.managerId))
        names.set(log.managerId, (await ctx.db.get("users", log.managerId))?.name ?? "A former manager");
      views.push({ managerName: names.get(log.managerId)!, accessType: log.accessType, timestamp: log.timestamp });
    }
    return {
      settings: row
        ? {
            allowManagerViewScores: row.allowManagerViewScores,
            allowManagerViewActivity: row.allowManagerViewActivity,
            allowManagerViewCertificates: row.allowManagerViewCertificates,
            allowLeaderboardDisplay: row.allowLeaderboardDisplay,
          }
        : DEFAULT_PRIVACY,
      organizationName: organization?.name ?? null,
      erasure: erasure ? { status: erasure.status, requestedAt: erasure.requestedAt } : null,
      views,
    };
  },
});

export const update = userMutation({
  args: vSettings.fields,
  returns: v.null(),
  handler: async (ctx, settings) => {
    const row = await ctx.db
      .query("userPrivacySettings")
      .withIndex("by_userId", (q) => q.eq("userId", ctx.viewer._id))
      .unique();
    if (row) await ctx.db.patch("userPrivacySettings", row._id, { ...settings, updatedAt: Date.now() });
    else await ctx.db.insert("userPrivacySettings", { userId: ctx.viewer._id, ...settings, updatedAt: Date.now() });
    return null;
  },
});

/** Everything a manager could see about the caller, as one JSON document. */
export const exportMine = userQuery({
  args: {},
  returns: v.any(),
  handler: async (ctx) => {
    const viewer = ctx.viewer;
    if (viewer === null) throw appError("NOT_SIGNED_IN", "Please sign in to continue.");
    const rows = await ctx.db
      .query("memberStats")
      .withIndex("by_userId", (q) => q.eq("userId", viewer._id))
      .take(100);
    const logs = await ctx.db
      .query("managerAccessLogs")
      .withIndex("by_targetUserId_and_timestamp", (q) => q.eq("targetUserId", viewer._id))
      .order("desc")
      .take(1000);
    const teams = [];
    for (const row of rows) {
      if (row.teamId) teams.push((await ctx.db.get("teams", row.teamId))?.name ?? "Team");
    }
    const org = rows.find((r) => r.teamId === undefined);
    return {
      exportedAt: new Date().toISOString(),
      person: { name: viewer.name, email: viewer.email },
      teams,
      visibleToManagers: org
        ? {
            progressPercent: org.progressPercent,
            lessonsCompleted: org.lessonsCompleted,
            sessionsAttended: org.sessionsAttended,
            enrollmentsInProgress: org.enrollmentsInProgress,
            enrollmentsCompleted: org.privacy.certificates ? org.enrollmentsCompleted : "hidden by your settings",
            pace: org.pace,
            lastActiveAt: org.privacy.activity ? new Date(org.lastActiveAt).toISOString() : "hidden by your settings",
            certificates: org.privacy.certificates ? org.certificates : "hidden by your settings",
            latestScore: org.privacy.scores ? (org.latestScore ?? null) : "hidden by your settings",
            learningGain: org.privacy.scores ? (org.learningGain ?? null) : "hidden by your settings",
            skillLevels: org.privacy.certificates ? org.skillLevels : "hidden by your settings",
          }
        : null,
      managerViews: await Promise.all(
        logs.map(async (log) => ({
          manager: (await ctx.db.get("users", log.managerId))?.name ?? "A former manager",
          what: log.accessType,
          at: new Date(log.timestamp).toISOString(),
        })),
      ),
    };
  },
});
