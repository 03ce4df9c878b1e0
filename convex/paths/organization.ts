/**
 * Learning paths an organization covers: its administrators and managers with "manage_enrollments" enroll members (in
 * their scope) or a whole team; the console lists who follows which path and how far they are.
 */
import { ConvexError, v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { assertTeamInScope, holdsManagerRole, memberActionRefusal } from "../access";
import { appError, isAppErrorData } from "../errors";
import { orgMemberMutation, orgMutation, orgQuery } from "../functions";
import { vPathEnrollmentStatus } from "../validators";
import { enrollMemberInPath, requirePublishedPath } from "./model/organization";
import { currentPathEnrollment } from "./model/purchase";

/** Enrolls one member in a path the organization covers (a member without a seat takes one from the pool). */
export const enrollMember = orgMemberMutation({
  args: { pathId: v.id("learningPaths") },
  memberAction: "enroll",
  returns: v.id("userPathEnrollments"),
  handler: async (ctx, { pathId }) => {
    const path = await requirePublishedPath(ctx, pathId);
    const isManager = await holdsManagerRole(ctx, ctx.access.organization._id, ctx.member._id);
    return await enrollMemberInPath(ctx, ctx.access, ctx.member, path, isManager);
  },
});

const TEAM_LIMIT = 200;

/**
 * Enrolls every member of a team in the caller's scope; members who already follow the path, whom the caller may not
 * enroll (managers, for a manager) or for whom no seat is left are listed with the reason, and the rest are enrolled.
 */
export const enrollTeam = orgMutation({
  args: { pathId: v.id("learningPaths"), teamId: v.id("teams") },
  permission: "manage_enrollments",
  returns: v.object({
    enrolled: v.number(),
    skipped: v.array(v.object({ name: v.string(), reason: v.string() })),
  }),
  handler: async (ctx, { pathId, teamId }) => {
    const { organization } = ctx.access;
    const team = await ctx.db.get("teams", teamId);
    if (team === null || team.organizationId !== organization._id || !team.isActive)
      throw appError("NOT_FOUND", "This team no longer exists.");
    assertTeamInScope(ctx.access, teamId);
    const path = await requirePublishedPath(ctx, pathId);
    const memberships = await ctx.db
      .query("teamMembers")
      .withIndex("by_teamId", (q) => q.eq("teamId", teamId))
      .take(TEAM_LIMIT);
    let enrolled = 0;
    const skipped: Array<{ name: string; reason: string }> = [];
    for (const membership of memberships) {
      const member = await ctx.db.get("users", membership.userId);
      if (member === null || member.organizationId !== organization._id) continue;
      const isManager = await holdsManagerRole(ctx, organization._id, member._id);
      const refusal = memberActionRefusal(ctx.access, "enroll", { name: member.name, inScope: true, isManager });
      if (refusal) {
        skipped.push({ name: member.name, reason: refusal.data.message });
        continue;
      }
      if (await currentPathEnrollment(ctx, member._id, path._id)) {
        skipped.push({ name: member.name, reason: "Already follows this path." });
        continue;
      }
      try {
        await enrollMemberInPath(ctx, ctx.access, member, path, isManager);
        enrolled += 1;
      } catch (error) {
        // The refusals come before anything is written for this member (no seat left, no right to give one).
        if (error instanceof ConvexError && isAppErrorData(error.data)) {
          skipped.push({ name: member.name, reason: error.data.message });
          continue;
        }
        throw error;
      }
    }
    return { enrolled, skipped };
  },
});

/** Who in the caller's scope follows which path the organization covers, and how far they are. */
export const list = orgQuery({
  args: {},
  permission: "view_progress",
  returns: v.array(
    v.object({
      pathEnrollmentId: v.id("userPathEnrollments"),
      memberId: v.id("users"),
      memberName: v.string(),
      pathTitle: v.string(),
      status: vPathEnrollmentStatus,
      progressPercent: v.number(),
      enrolledAt: v.number(),
    }),
  ),
  handler: async (ctx) => {
    const { organization, teamScope } = ctx.access;
    const enrollments = await ctx.db
      .query("userPathEnrollments")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organization._id))
      .order("desc")
      .take(300);
    const inScope = new Map<Id<"users">, boolean>();
    const rows = [];
    for (const enrollment of enrollments) {
      if (teamScope !== "all") {
        if (!inScope.has(enrollment.userId)) {
          const memberships = await ctx.db
            .query("teamMembers")
            .withIndex("by_userId", (q) => q.eq("userId", enrollment.userId))
            .take(20);
          inScope.set(
            enrollment.userId,
            memberships.some((m) => teamScope.has(m.teamId)),
          );
        }
        if (!inScope.get(enrollment.userId)) continue;
      }
      const member = await ctx.db.get("users", enrollment.userId);
      const path = await ctx.db.get("learningPaths", enrollment.pathId);
      if (member === null || path === null || member.organizationId !== organization._id) continue;
      rows.push({
        pathEnrollmentId: enrollment._id,
        memberId: member._id,
        memberName: member.name,
        pathTitle: path.title,
        status: enrollment.status,
        progressPercent: enrollment.progressPercent,
        enrolledAt: enrollment.enrolledAt,
      });
    }
    return rows;
  },
});
