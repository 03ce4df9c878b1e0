/**
 * Who is calling and what they may do: the signed-in viewer, platform admins, and the rules for
 * acting in an organization and on one of its people. convex/functions.ts builds the builders on these.
 */
import { getAuthUserId } from "@convex-dev/auth/server";
import type { Doc, Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { appError } from "./errors";
import { MANAGER_PERMISSIONS, type ManagerPermission, type ManagerRole } from "./validators";

/** What the caller may do in one organization. */
export type OrgAccess = {
  viewer: Doc<"users">;
  organization: Doc<"organizations">;
  role: ManagerRole | "platform_admin";
  permissions: ReadonlySet<ManagerPermission>;
  /** Teams the caller may see, or "all". */
  teamScope: "all" | ReadonlySet<Id<"teams">>;
};

/** What a function needs of its caller in the organization (declared next to `handler`). */
export type OrgNeed = {
  permission?: ManagerPermission;
  adminOnly?: boolean;
  /** The function acts on the organization as a whole (invitations, teams): team-scoped managers are refused. */
  orgWide?: boolean;
  /** The function steers a team (its goals): managers and administrators, not viewers, who only read. */
  managesTeams?: boolean;
};

/**
 * Every action a manager can take on one person, with the permission it needs.
 * `protectsManagers`: only administrators (of the organization or the platform)
 * may take it on someone who holds a manager role (viewer, manager or admin).
 */
export const MEMBER_ACTIONS = {
  /** Open the person's progress (dashboards, the access log). */
  view: { permission: "view_progress", protectsManagers: false, adminOnly: false },
  /** Send the person a reminder. */
  remind: { permission: "send_reminders", protectsManagers: false, adminOnly: false },
  /** Place in, move between or take out of cohorts. */
  enroll: { permission: "manage_enrollments", protectsManagers: true, adminOnly: false },
  /** Add to or take out of a team, or change their role in it. */
  set_team: { permission: "manage_team", protectsManagers: true, adminOnly: false },
  /** Give an organization seat, or remove from the organization. */
  manage_membership: { permission: "manage_team", protectsManagers: true, adminOnly: false },
  /** Make or unmake a viewer, manager or administrator. */
  set_role: { permission: undefined, protectsManagers: true, adminOnly: true },
} as const satisfies Record<
  string,
  { permission: ManagerPermission | undefined; protectsManagers: boolean; adminOnly: boolean }
>;
export type MemberAction = keyof typeof MEMBER_ACTIONS;

/** Throws NOT_PLATFORM_ADMIN unless the caller is a platform admin. */
export async function requirePlatformAdmin(ctx: QueryCtx) {
  const viewer = await requireViewer(ctx);
  if (viewer.role !== "platform_admin") {
    throw appError("NOT_PLATFORM_ADMIN", "Only platform administrators can do this.");
  }
  return viewer;
}

/** The access `user` has to an organization right now (their current role), or null. */
export async function orgAccessOf(
  ctx: QueryCtx,
  user: Doc<"users">,
  organizationId: Id<"organizations">,
): Promise<OrgAccess | null> {
  const organization = await ctx.db.get("organizations", organizationId);
  if (organization === null) return null;
  if (user.role === "platform_admin") {
    return {
      viewer: user,
      organization,
      role: "platform_admin",
      permissions: new Set(MANAGER_PERMISSIONS),
      teamScope: "all",
    };
  }
  const manager = await ctx.db
    .query("organizationManagers")
    .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", user._id).eq("organizationId", organizationId))
    .unique();
  if (manager === null || !manager.isActive) return null;
  const permissions = new Set<ManagerPermission>(manager.role === "admin" ? MANAGER_PERMISSIONS : manager.permissions);
  const teamScope = manager.role === "admin" || !manager.teamIds ? "all" : new Set(manager.teamIds);
  return { viewer: user, organization, role: manager.role, permissions, teamScope };
}

/** The caller's access to an organization, or null when they have none. */
export async function getOrgAccess(ctx: QueryCtx, organizationId: Id<"organizations">): Promise<OrgAccess | null> {
  return await orgAccessOf(ctx, await requireViewer(ctx), organizationId);
}

/**
 * The caller's access to an organization; throws FORBIDDEN / NOT_ORG_ADMIN / MISSING_PERMISSION / OUTSIDE_TEAM_SCOPE.
 */
export async function requireOrgAccess(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  need: OrgNeed = {},
): Promise<OrgAccess> {
  const access = await getOrgAccess(ctx, organizationId);
  if (access === null) throw appError("FORBIDDEN", "You don't have access to this organization.");
  if (need.adminOnly && !isAdministrator(access)) {
    throw appError("NOT_ORG_ADMIN", "Only an administrator of this organization can do this.");
  }
  if (need.managesTeams && access.role === "viewer") {
    throw appError("FORBIDDEN", "Viewers can see a team's goal; a manager of the team or an administrator sets it.");
  }
  if (need.permission) requirePermission(access, need.permission);
  if (need.orgWide && access.teamScope !== "all") {
    throw appError(
      "OUTSIDE_TEAM_SCOPE",
      "This covers the whole organization, and your role covers particular teams. Ask an administrator.",
    );
  }
  return access;
}

/** Administrators of the organization and platform admins. */
export function isAdministrator(access: OrgAccess) {
  return access.role === "admin" || access.role === "platform_admin";
}

/** Throws MISSING_PERMISSION unless the caller's role includes `permission`. */
export function requirePermission(access: OrgAccess, permission: ManagerPermission) {
  if (!access.permissions.has(permission)) {
    throw appError("MISSING_PERMISSION", `Your role in ${access.organization.name} does not include "${permission}".`);
  }
}

/** Throws OUTSIDE_TEAM_SCOPE when the team is outside the caller's scope. */
export function assertTeamInScope(access: OrgAccess, teamId: Id<"teams">) {
  if (access.teamScope !== "all" && !access.teamScope.has(teamId)) {
    throw appError("OUTSIDE_TEAM_SCOPE", "This team is outside the teams you manage.");
  }
}

/** What the scope rule needs to know about the person acted on. */
export type MemberFacts = {
  name: string;
  /** In one of the caller's teams (always true for callers who see the whole organization). */
  inScope: boolean;
  /** Holds an active viewer, manager or administrator role in the organization. */
  isManager: boolean;
};

/**
 * The one rule for acting on a person, as an error (or null when allowed):
 * the caller's role includes the action's permission, the person is in the
 * caller's teams, and only administrators act on managers and administrators.
 */
export function memberActionRefusal(access: OrgAccess, action: MemberAction, member: MemberFacts) {
  const rule = MEMBER_ACTIONS[action];
  if (rule.adminOnly && !isAdministrator(access)) {
    return appError("NOT_ORG_ADMIN", "Only an administrator of this organization can change manager roles.");
  }
  if (rule.permission && !access.permissions.has(rule.permission)) {
    return appError(
      "MISSING_PERMISSION",
      `Your role in ${access.organization.name} does not include "${rule.permission}".`,
    );
  }
  if (!member.inScope) return appError("OUTSIDE_TEAM_SCOPE", `${member.name} is not in a team you manage.`);
  if (rule.protectsManagers && member.isManager && !isAdministrator(access)) {
    return appError(
      "NOT_ORG_ADMIN",
      `${member.name} is a manager of ${access.organization.name}; ` +
        "only an administrator can change their membership, teams or cohorts.",
    );
  }
  return null;
}

/** Whether `userId` is in one of the given teams (active teams of this organization). */
async function inTeams(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  userId: Id<"users">,
  teams: ReadonlySet<Id<"teams">>,
) {
  const memberships = await ctx.db
    .query("teamMembers")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(50);
  for (const membership of memberships) {
    if (!teams.has(membership.teamId)) continue;
    const team = await ctx.db.get("teams", membership.teamId);
    if (team !== null && team.isActive && team.organizationId === organizationId) return true;
  }
  return false;
}

/** Whether the person holds an active manager role (viewer, manager or admin) in the organization. */
export async function holdsManagerRole(ctx: QueryCtx, organizationId: Id<"organizations">, userId: Id<"users">) {
  const manager = await ctx.db
    .query("organizationManagers")
    .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", userId).eq("organizationId", organizationId))
    .unique();
  return manager?.isActive === true;
}

/**
 * The member of the caller's organization that `action` may be taken on;
 * throws NOT_FOUND (not a member: other organizations' people are invisible),
 * or the refusal of `memberActionRefusal`.
 */
export async function requireMemberInScope(
  ctx: QueryCtx,
  access: OrgAccess,
  userId: Id<"users">,
  action: MemberAction,
) {
  const organizationId = access.organization._id;
  const member = await ctx.db.get("users", userId);
  if (member === null || member.organizationId !== organizationId) {
    throw appError("NOT_FOUND", "This person is not a member of your organization.");
  }
  const refusal = memberActionRefusal(access, action, {
    name: member.name,
    inScope: access.teamScope === "all" || (await inTeams(ctx, organizationId, userId, access.teamScope)),
    isManager: await holdsManagerRole(ctx, organizationId, userId),
  });
  if (refusal) throw refusal;
  return member;
}

/**
 * The signed-in user's document, or null for signed-out callers — and for an erased account, whose sessions are
 * deleted but whose last token may still be valid for a while.
 */
export async function getViewer(ctx: QueryCtx): Promise<Doc<"users"> | null> {
  const userId = await getAuthUserId(ctx);
  const user = userId === null ? null : await ctx.db.get("users", userId);
  return user === null || user.erasedAt !== undefined ? null : user;
}

/** The signed-in user's document; throws NOT_SIGNED_IN otherwise. */
export async function requireViewer(ctx: QueryCtx): Promise<Doc<"users">> {
  const viewer = await getViewer(ctx);
  if (viewer === null) throw appError("NOT_SIGNED_IN", "Please sign in to continue.");
  return viewer;
}
