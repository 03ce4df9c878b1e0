/** Teams and their members (members and leads). */
import { v } from "convex/values";
import { appError } from "../errors";
import { orgMemberMutation, orgMutation } from "../functions";
import { assertTeamInScope } from "../access";
import { TEXT_LIMITS, boundedText, optionalText } from "../limits";
import { audit } from "./model/membership";
import { vTeamRole } from "../validators";

export const create = orgMutation({
  args: { name: v.string(), description: v.optional(v.string()) },
  permission: "manage_team",
  orgWide: true,
  returns: v.id("teams"),
  handler: async (ctx, { name, description: rawDescription }) => {
    const { organization, viewer } = ctx.access;
    const trimmed = boundedText(name, "the team name", TEXT_LIMITS.name, { min: 2 });
    const description = optionalText(rawDescription, "the description", TEXT_LIMITS.paragraph);
    const existing = await ctx.db
      .query("teams")
      .withIndex("by_organizationId_and_isActive", (q) => q.eq("organizationId", organization._id).eq("isActive", true))
      .take(500);
    if (existing.some((t) => t.name.toLowerCase() === trimmed.toLowerCase()))
      throw appError("INVALID_INPUT", `There is already a team called ${trimmed}.`);
    const now = Date.now();
    const teamId = await ctx.db.insert("teams", {
      organizationId: organization._id,
      name: trimmed,
      description,
      memberCount: 0,
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    await audit(ctx, organization._id, "team_created", { actorId: viewer._id, details: trimmed });
    return teamId;
  },
});

/** Adds a member to a team (or changes their role in it: member / lead). */
export const setMember = orgMemberMutation({
  args: { teamId: v.id("teams"), teamRole: vTeamRole },
  memberAction: "set_team",
  returns: v.null(),
  handler: async (ctx, { teamId, memberId: userId, teamRole: role }) => {
    const { organization, viewer } = ctx.access;
    const { member } = ctx;
    const team = await ctx.db.get("teams", teamId);
    if (team === null || team.organizationId !== organization._id || !team.isActive)
      throw appError("NOT_FOUND", "This team does not exist.");
    assertTeamInScope(ctx.access, teamId);
    const memberships = await ctx.db
      .query("teamMembers")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .take(50);
    const existing = memberships.find((m) => m.teamId === teamId);
    if (existing) {
      await ctx.db.patch("teamMembers", existing._id, { role });
    } else {
      await ctx.db.insert("teamMembers", { teamId, userId, role, joinedAt: Date.now() });
      await ctx.db.patch("teams", teamId, { memberCount: team.memberCount + 1, updatedAt: Date.now() });
    }
    await audit(ctx, organization._id, "team_updated", {
      actorId: viewer._id,
      subjectUserId: member._id,
      details: `${team.name}: ${role}`,
    });
    return null;
  },
});

export const removeMember = orgMemberMutation({
  args: { teamId: v.id("teams") },
  memberAction: "set_team",
  returns: v.null(),
  handler: async (ctx, { teamId, memberId: userId }) => {
    const { organization, viewer } = ctx.access;
    const team = await ctx.db.get("teams", teamId);
    if (team === null || team.organizationId !== organization._id)
      throw appError("NOT_FOUND", "This team does not exist.");
    assertTeamInScope(ctx.access, teamId);
    const membership = (
      await ctx.db
        .query("teamMembers")
        .withIndex("by_userId", (q) => q.eq("userId", userId))
        .take(50)
    ).find((m) => m.teamId === teamId);
    if (!membership) return null;
    await ctx.db.delete("teamMembers", membership._id);
    await ctx.db.patch("teams", teamId, { memberCount: Math.max(0, team.memberCount - 1), updatedAt: Date.now() });
    await audit(ctx, organization._id, "team_updated", {
      actorId: viewer._id,
      subjectUserId: userId,
      details: `${team.name}: removed`,
    });
    return null;
  },
});
