/** Organizations as their admins and managers see them. */
import { v } from "convex/values";
import { orgQuery } from "./functions";
import { vManagerRole, vOrganizationStatus } from "./validators";

export const overview = orgQuery({
  args: {},
  permission: "view_progress",
  returns: v.object({
    _id: v.id("organizations"),
    name: v.string(),
    domain: v.string(),
    status: vOrganizationStatus,
    seatsPurchased: v.number(),
    seatsUsed: v.number(),
    myRole: v.union(vManagerRole, v.literal("platform_admin")),
    teams: v.array(v.object({ _id: v.id("teams"), name: v.string(), memberCount: v.number(), inScope: v.boolean() })),
  }),
  handler: async (ctx) => {
    const { organization, teamScope, role } = ctx.access;
    const teams = await ctx.db
      .query("teams")
      .withIndex("by_organizationId_and_isActive", (q) => q.eq("organizationId", organization._id).eq("isActive", true))
      .take(200);
    return {
      _id: organization._id,
      name: organization.name,
      domain: organization.domain,
      status: organization.status,
      seatsPurchased: organization.seatsPurchased,
      seatsUsed: organization.seatsUsed,
      myRole: role,
      teams: teams.map((team) => ({
        _id: team._id,
        name: team.name,
        memberCount: team.memberCount,
        inScope: teamScope === "all" || teamScope.has(team._id),
      })),
    };
  },
});
