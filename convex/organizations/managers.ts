/** Organization managers: role, permissions and team scope. */
import { v } from "convex/values";
import { appError } from "../errors";
import { orgMemberMutation } from "../functions";
import { audit } from "./model/membership";
import { MANAGER_PERMISSIONS, vManagerPermission, vManagerRole } from "../validators";

const DEFAULT_PERMISSIONS = {
  manager: ["view_progress", "view_scores", "view_certificates", "view_analytics", "export_reports", "send_reminders"],
  viewer: ["view_progress", "view_analytics"],
} as const;

/**
 * Makes a member a manager (or changes one): role, permissions and team scope.
 * Admins get every permission and the whole organization.
 */
export const set = orgMemberMutation({
  args: {
    managerRole: vManagerRole,
    permissions: v.optional(v.array(vManagerPermission)),
    teamIds: v.optional(v.array(v.id("teams"))),
  },
  memberAction: "set_role",
  returns: v.null(),
  handler: async (ctx, { memberId: userId, managerRole: role, permissions, teamIds }) => {
    const { organization, viewer } = ctx.access;
    const { member } = ctx;
    for (const teamId of teamIds ?? []) {
      const team = await ctx.db.get("teams", teamId);
      if (team === null || team.organizationId !== organization._id)
        throw appError("NOT_FOUND", "One of these teams does not exist.");
    }
    const fields = {
      role,
      permissions: role === "admin" ? [...MANAGER_PERMISSIONS] : [...new Set(permissions ?? DEFAULT_PERMISSIONS[role])],
      teamIds: role === "admin" || !teamIds || teamIds.length === 0 ? undefined : teamIds,
      isActive: true,
      updatedAt: Date.now(),
    };
    const existing = await ctx.db
      .query("organizationManagers")
      .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", userId).eq("organizationId", organization._id))
      .unique();
    if (existing) await ctx.db.patch("organizationManagers", existing._id, fields);
    else
      await ctx.db.insert("organizationManagers", {
        userId,
        organizationId: organization._id,
        createdAt: Date.now(),
        ...fields,
      });
    if (role === "admin" && member.role === "org_member")
      await ctx.db.patch("users", userId, { role: "org_admin", updatedAt: Date.now() });
    if (role !== "admin" && member.role === "org_admin")
      await ctx.db.patch("users", userId, { role: "org_member", updatedAt: Date.now() });
    await audit(ctx, organization._id, "manager_updated", {
      actorId: viewer._id,
      subjectUserId: userId,
      details: `${role}${fields.teamIds ? ` · ${fields.teamIds.length} team(s)` : ""}`,
    });
    return null;
  },
});

export const remove = orgMemberMutation({
  args: {},
  memberAction: "set_role",
  returns: v.null(),
  handler: async (ctx, { memberId: userId }) => {
    const { organization, viewer } = ctx.access;
    if (userId === viewer._id) throw appError("INVALID_INPUT", "You cannot remove your own administrator role.");
    const existing = await ctx.db
      .query("organizationManagers")
      .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", userId).eq("organizationId", organization._id))
      .unique();
    if (!existing?.isActive) return null;
    await ctx.db.patch("organizationManagers", existing._id, { isActive: false, updatedAt: Date.now() });
    if (ctx.member.role === "org_admin")
      await ctx.db.patch("users", userId, { role: "org_member", updatedAt: Date.now() });
    await audit(ctx, organization._id, "manager_updated", {
      actorId: viewer._id,
      subjectUserId: userId,
      details: "removed",
    });
    return null;
  },
});
