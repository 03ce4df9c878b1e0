import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { MANAGER_PERMISSIONS, type ManagerPermission, type ManagerRole } from "../validators";
import { requireViewer } from "./users";

/** What the caller may do in one organization. */
export type OrgAccess = {
  viewer: Doc<"users">;
  organization: Doc<"organizations">;
  role: ManagerRole | "platform_admin";
  permissions: ReadonlySet<ManagerPermission>;
  /** Teams the caller may see, or "all". */
  teamScope: "all" | ReadonlySet<Id<"teams">>;
};

/** Throws NOT_PLATFORM_ADMIN unless the caller is a platform admin. */
export async function requirePlatformAdmin(ctx: QueryCtx) {
  const viewer = await requireViewer(ctx);
  if (viewer.role !== "platform_admin") {
    throw appError("NOT_PLATFORM_ADMIN", "Only platform administrators can do this.");
  }
  return viewer;
}

/** The caller's access to an organization, or null when they have none. */
export async function getOrgAccess(ctx: QueryCtx, organizationId: Id<"organizations">): Promise<OrgAccess | null> {
  const viewer = await requireViewer(ctx);
  const organization = await ctx.db.get("organizations", organizationId);
  if (organization === null) return null;
  if (viewer.role === "platform_admin") {
    return { viewer, organization, role: "platform_admin", permissions: new Set(MANAGER_PERMISSIONS), teamScope: "all" };
  }
  const manager = await ctx.db
    .query("organizationManagers")
    .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", viewer._id).eq("organizationId", organizationId))
    .unique();
  if (manager === null || !manager.isActive) return null;
  const permissions = new Set<ManagerPermission>(manager.role === "admin" ? MANAGER_PERMISSIONS : manager.permissions);
  const teamScope = manager.role === "admin" || !manager.teamIds ? "all" : new Set(manager.teamIds);
  return { viewer, organization, role: manager.role, permissions, teamScope };
}

/** The caller's access to an organization; throws FORBIDDEN / MISSING_PERMISSION / NOT_ORG_ADMIN. */
export async function requireOrgAccess(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  need: { permission?: ManagerPermission; adminOnly?: boolean } = {},
): Promise<OrgAccess> {
  const access = await getOrgAccess(ctx, organizationId);
  if (access === null) throw appError("FORBIDDEN", "You don't have access to this organization.");
  if (need.adminOnly && access.role !== "admin" && access.role !== "platform_admin") {
    throw appError("NOT_ORG_ADMIN", "Only an administrator of this organization can do this.");
  }
  if (need.permission && !access.permissions.has(need.permission)) {
    throw appError("MISSING_PERMISSION", `Your role in ${access.organization.name} does not include "${need.permission}".`);
  }
  return access;
}

/** Throws OUTSIDE_TEAM_SCOPE when the team is outside the caller's scope. */
export function assertTeamInScope(access: OrgAccess, teamId: Id<"teams">) {
  if (access.teamScope !== "all" && !access.teamScope.has(teamId)) {
    throw appError("OUTSIDE_TEAM_SCOPE", "This team is outside the teams you manage.");
  }
}
