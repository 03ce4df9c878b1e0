/** An organization as its admins and managers see it: seats, status, teams, and the audit log. */
import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { orgQuery } from "../functions";
import { vDomainStatus, vManagerPermission, vManagerRole, vOrganizationStatus, vOrgAuditAction } from "../validators";

export const get = orgQuery({
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
    myPermissions: v.array(vManagerPermission),
    isAdmin: v.boolean(),
    /** The caller's role covers the whole organization (not particular teams). */
    orgWide: v.boolean(),
    domainStatus: v.union(vDomainStatus, v.null()),
    domainJoinEnabled: v.boolean(),
    graceEndsAt: v.union(v.number(), v.null()),
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
      myPermissions: [...ctx.access.permissions],
      isAdmin: role === "admin" || role === "platform_admin",
      orgWide: teamScope === "all",
      domainStatus: organization.domainStatus ?? null,
      domainJoinEnabled: organization.domainJoinEnabled === true,
      graceEndsAt: organization.graceEndsAt ?? null,
      teams: teams.map((team) => ({
        _id: team._id,
        name: team.name,
        memberCount: team.memberCount,
        inScope: teamScope === "all" || teamScope.has(team._id),
      })),
    };
  },
});

// --------------------------------------------------------------------- audit

export const auditLog = orgQuery({
  args: {},
  adminOnly: true,
  returns: v.array(
    v.object({
      _id: v.id("organizationAuditLog"),
      action: vOrgAuditAction,
      actorName: v.union(v.string(), v.null()),
      subject: v.union(v.string(), v.null()),
      cohortName: v.union(v.string(), v.null()),
      fromCohortName: v.union(v.string(), v.null()),
      details: v.union(v.string(), v.null()),
      createdAt: v.number(),
    }),
  ),
  handler: async (ctx) => {
    const entries = await ctx.db
      .query("organizationAuditLog")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.access.organization._id))
      .order("desc")
      .take(50);
    const name = async (id: Id<"users"> | undefined) => (id ? ((await ctx.db.get("users", id))?.name ?? null) : null);
    const cohortName = async (id: Id<"cohorts"> | undefined) =>
      id ? ((await ctx.db.get("cohorts", id))?.name ?? null) : null;
    return await Promise.all(
      entries.map(async (e) => ({
        _id: e._id,
        action: e.action,
        actorName: await name(e.actorId),
        subject: (await name(e.subjectUserId)) ?? e.subjectEmail ?? null,
        cohortName: await cohortName(e.cohortId),
        fromCohortName: await cohortName(e.fromCohortId),
        details: e.details ?? null,
        createdAt: e.createdAt,
      })),
    );
  },
});
