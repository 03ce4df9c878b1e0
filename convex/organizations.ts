/** Organizations as their admins and managers see them. */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { appError } from "./errors";
import { orgEnrollmentMutation, orgMemberMutation, orgMutation, orgQuery, userMutation, userQuery } from "./functions";
import { memberActionRefusal } from "./model/access";
import {
  audit,
  cohortAvailableTo,
  emailDomain,
  endOrgEnrollments,
  enrollMember,
  joinOrganization,
  moveEnrollment,
  normalizeDomain,
  releaseOrgSeat,
  requireActive,
} from "./model/organizations";
import { boundedText } from "./model/limits";
import { releaseSeat } from "./model/seats";

/** The longest DNS name. */
const DOMAIN_MAX = 253;
import { vCohortStatus, vDomainStatus, vManagerPermission, vManagerRole, vOrganizationStatus, vOrgAuditAction, vTeamRole } from "./validators";

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

/** Members a page at a time, with their teams and current cohorts. */
export const members = orgQuery({
  args: { paginationOpts: paginationOptsValidator },
  permission: "view_progress",
  returns: paginationResultValidator(
    v.object({
      _id: v.id("users"),
      name: v.string(),
      email: v.string(),
      holdsSeat: v.boolean(),
      managerRole: v.union(vManagerRole, v.null()),
      managerTeamIds: v.array(v.id("teams")),
      teams: v.array(v.object({ _id: v.id("teams"), name: v.string(), role: vTeamRole })),
      enrollments: v.array(
        v.object({ enrollmentId: v.id("enrollments"), courseId: v.id("courses"), cohortId: v.id("cohorts"), cohortName: v.string(), status: vCohortStatus }),
      ),
      /** What the caller may do to this person (the rule of model/access.ts). */
      canAct: v.object({ enroll: v.boolean(), teams: v.boolean(), remove: v.boolean() }),
    }),
  ),
  handler: async (ctx, { paginationOpts }) => {
    const { organization, teamScope } = ctx.access;
    const page = await ctx.db
      .query("users")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organization._id))
      .order("desc")
      .paginate(paginationOpts);
    const rows = await Promise.all(
      page.page.map(async (user) => {
        const memberships = await ctx.db
          .query("teamMembers")
          .withIndex("by_userId", (q) => q.eq("userId", user._id))
          .take(20);
        const teams = (
          await Promise.all(
            memberships.map(async (m) => {
              const team = await ctx.db.get("teams", m.teamId);
              return team && team.isActive && team.organizationId === organization._id ? { _id: team._id, name: team.name, role: m.role } : null;
            }),
          )
        ).filter((t) => t !== null);
        if (teamScope !== "all" && !teams.some((t) => teamScope.has(t._id))) return null;
        const manager = await ctx.db
          .query("organizationManagers")
          .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", user._id).eq("organizationId", organization._id))
          .unique();
        // The same rule the mutations apply (model/access.ts), so the menu offers only what will work.
        const facts = { name: user.name, inScope: true, isManager: manager?.isActive === true };
        const allowed = (action: "enroll" | "set_team" | "manage_membership") => memberActionRefusal(ctx.access, action, facts) === null;
        const enrollments = await ctx.db
          .query("enrollments")
          .withIndex("by_userId_and_courseId", (q) => q.eq("userId", user._id))
          .take(20);
        const current = await Promise.all(
          enrollments
            .filter((e) => e.paymentStatus === "completed" || (e.paymentStatus === "pending" && e.seatHeld))
            .map(async (e) => {
              const cohort = await ctx.db.get("cohorts", e.cohortId);
              return { enrollmentId: e._id, courseId: e.courseId, cohortId: e.cohortId, cohortName: cohort?.name ?? "Removed cohort", status: cohort?.status ?? "cancelled" };
            }),
        );
        return {
          _id: user._id,
          name: user.name,
          email: user.email,
          holdsSeat: user.holdsOrgSeat === true,
          managerRole: manager?.isActive ? manager.role : null,
          managerTeamIds: manager?.isActive ? (manager.teamIds ?? []) : [],
          teams,
          enrollments: current,
          canAct: { enroll: allowed("enroll"), teams: allowed("set_team"), remove: allowed("manage_membership") },
        };
      }),
    );
    return { ...page, page: rows.filter((row) => row !== null) };
  },
});

/** Cohorts the organization can place members in: its private cohorts and open public ones. */
export const assignableCohorts = orgQuery({
  args: {},
  permission: "view_progress",
  returns: v.array(v.object({ _id: v.id("cohorts"), name: v.string(), courseId: v.id("courses"), courseTitle: v.string(), startDate: v.number(), seatsLeft: v.number(), isPrivate: v.boolean() })),
  handler: async (ctx) => {
    const { organization } = ctx.access;
    const now = Date.now();
    const upcoming = await ctx.db
      .query("cohorts")
      .withIndex("by_startDate", (q) => q.gt("startDate", now - 30 * 24 * 60 * 60 * 1000))
      .take(200);
    const usable = upcoming.filter((c) => cohortAvailableTo(c, organization._id));
    return await Promise.all(
      usable.map(async (cohort) => ({
        _id: cohort._id,
        name: cohort.name,
        courseId: cohort.courseId,
        courseTitle: (await ctx.db.get("courses", cohort.courseId))?.title ?? "",
        startDate: cohort.startDate,
        seatsLeft: Math.max(0, cohort.maxCapacity - cohort.currentEnrollment),
        isPrivate: cohort.isB2B,
      })),
    );
  },
});

/** Places a member in a cohort (b2b enrollment, no payment). */
export const assignCohort = orgMemberMutation({
  args: { cohortId: v.id("cohorts") },
  memberAction: "enroll",
  returns: v.id("enrollments"),
  handler: async (ctx, { memberId: userId, cohortId }) => {
    const { organization, viewer } = ctx.access;
    requireActive(organization);
    const { member } = ctx;
    if (!member.holdsOrgSeat) throw appError("INVALID_INPUT", `${member.name} has no seat. Give them a seat before assigning a cohort.`);
    const enrollmentId = await enrollMember(ctx, organization._id, member, cohortId);
    await audit(ctx, organization._id, "cohort_assigned", { actorId: viewer._id, subjectUserId: userId, cohortId });
    return enrollmentId;
  },
});

/** Only enrollments the organization placed (b2b, confirmed) are moved or removed from the console. */
function requireOrgPlaced(enrollment: Doc<"enrollments">) {
  if (enrollment.paymentType !== "b2b" || enrollment.paymentStatus !== "completed") {
    throw appError("INVALID_INPUT", "Only enrollments your organization paid for can be moved or removed here.");
  }
  return enrollment;
}

/** Moves a member to another cohort of the same course; both seat counts stay true, and the move is logged. */
export const moveCohort = orgEnrollmentMutation({
  args: { toCohortId: v.id("cohorts") },
  memberAction: "enroll",
  returns: v.null(),
  handler: async (ctx, { toCohortId }) => {
    const { organization, viewer } = ctx.access;
    const enrollment = requireOrgPlaced(ctx.enrollment);
    await moveEnrollment(ctx, organization._id, enrollment, toCohortId);
    await audit(ctx, organization._id, "cohort_moved", { actorId: viewer._id, subjectUserId: enrollment.userId, cohortId: toCohortId, fromCohortId: enrollment.cohortId });
    return null;
  },
});

/** Takes a member out of a cohort and gives the cohort seat back. */
export const unassignCohort = orgEnrollmentMutation({
  args: {},
  memberAction: "enroll",
  returns: v.null(),
  handler: async (ctx) => {
    const { organization, viewer } = ctx.access;
    const enrollment = requireOrgPlaced(ctx.enrollment);
    await releaseSeat(ctx, enrollment);
    await ctx.db.patch("enrollments", enrollment._id, { paymentStatus: "failed", failureReason: "cancelled", updatedAt: Date.now() });
    await audit(ctx, organization._id, "cohort_unassigned", { actorId: viewer._id, subjectUserId: enrollment.userId, fromCohortId: enrollment.cohortId });
    return null;
  },
});

/**
 * Removes a member: their seat returns to the pool, running and future b2b
 * enrollments end (cohort seats go back), team and manager roles are removed.
 */
export const removeMember = orgMemberMutation({
  args: {},
  memberAction: "manage_membership",
  returns: v.null(),
  handler: async (ctx) => {
    const { organization, viewer } = ctx.access;
    const { member } = ctx;
    if (member._id === viewer._id) throw appError("INVALID_INPUT", "You cannot remove yourself. Ask another administrator.");
    await releaseOrgSeat(ctx, organization._id, member);
    await endOrgEnrollments(ctx, member._id);
    for (const membership of await ctx.db.query("teamMembers").withIndex("by_userId", (q) => q.eq("userId", member._id)).take(50)) {
      const team = await ctx.db.get("teams", membership.teamId);
      if (team?.organizationId !== organization._id) continue;
      await ctx.db.delete("teamMembers", membership._id);
      await ctx.db.patch("teams", team._id, { memberCount: Math.max(0, team.memberCount - 1), updatedAt: Date.now() });
    }
    const manager = await ctx.db
      .query("organizationManagers")
      .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", member._id).eq("organizationId", organization._id))
      .unique();
    if (manager) await ctx.db.patch("organizationManagers", manager._id, { isActive: false, updatedAt: Date.now() });
    await ctx.db.patch("users", member._id, {
      organizationId: undefined,
      holdsOrgSeat: undefined,
      ...(member.role === "org_member" || member.role === "org_admin" ? { role: "individual" as const } : {}),
      updatedAt: Date.now(),
    });
    await audit(ctx, organization._id, "member_removed", { actorId: viewer._id, subjectUserId: member._id, subjectEmail: member.email });
    return null;
  },
});

/** Gives a member without a seat (e.g. a manager) one of the free seats. */
export const grantSeat = orgMemberMutation({
  args: {},
  memberAction: "manage_membership",
  returns: v.null(),
  handler: async (ctx) => {
    const { organization, viewer } = ctx.access;
    const { member } = ctx;
    await joinOrganization(ctx, organization._id, member);
    await audit(ctx, organization._id, "member_joined", { actorId: viewer._id, subjectUserId: member._id, details: "Seat granted" });
    return null;
  },
});

// ------------------------------------------------------------ domain auto-join

/** Declares (or changes) the email domain; a platform admin approves it before anyone can join by it. */
export const requestDomain = orgMutation({
  args: { domain: v.string() },
  adminOnly: true,
  returns: v.null(),
  handler: async (ctx, { domain: raw }) => {
    const { organization, viewer } = ctx.access;
    const domain = normalizeDomain(boundedText(raw, "the domain", DOMAIN_MAX));
    if (PUBLIC_EMAIL_DOMAINS.has(domain)) {
      throw appError("INVALID_INPUT", `${domain} is a public email provider; anyone could join with it. Use your company's own domain.`);
    }
    const taken = await ctx.db.query("organizations").withIndex("by_domain", (q) => q.eq("domain", domain)).take(2);
    if (taken.some((o) => o._id !== organization._id)) throw appError("INVALID_INPUT", `${domain} is already registered by another organization.`);
    if (domain === organization.domain && organization.domainStatus === "approved") return null;
    await ctx.db.patch("organizations", organization._id, { domain, domainStatus: "requested", domainJoinEnabled: false, updatedAt: Date.now() });
    await audit(ctx, organization._id, "domain_requested", { actorId: viewer._id, details: domain });
    return null;
  },
});

export const setDomainJoin = orgMutation({
  args: { enabled: v.boolean() },
  adminOnly: true,
  returns: v.null(),
  handler: async (ctx, { enabled }) => {
    const { organization, viewer } = ctx.access;
    if (enabled && organization.domainStatus !== "approved") {
      throw appError("NOT_AVAILABLE", "Domain sign-up can be switched on once the academy has approved your domain.");
    }
    await ctx.db.patch("organizations", organization._id, { domainJoinEnabled: enabled, updatedAt: Date.now() });
    await audit(ctx, organization._id, "domain_join_toggled", { actorId: viewer._id, details: enabled ? "on" : "off" });
    return null;
  },
});

/** The organization the signed-in person may join by their email domain, if any. */
export const domainOffer = userQuery({
  args: {},
  returns: v.union(v.null(), v.object({ organizationId: v.id("organizations"), name: v.string(), seatsLeft: v.number() })),
  handler: async (ctx) => {
    const viewer = ctx.viewer;
    if (viewer === null || viewer.organizationId) return null;
    const organization = await domainOrganization(ctx, viewer.email);
    if (organization === null) return null;
    return { organizationId: organization._id, name: organization.name, seatsLeft: Math.max(0, organization.seatsPurchased - organization.seatsUsed) };
  },
});

export const joinByDomain = userMutation({
  args: { organizationId: v.id("organizations") },
  returns: v.null(),
  handler: async (ctx, { organizationId }) => {
    const organization = await domainOrganization(ctx, ctx.viewer.email);
    if (organization === null || organization._id !== organizationId) {
      throw appError("FORBIDDEN", "Your email address does not let you join this organization. Ask its administrator for an invitation.");
    }
    await joinOrganization(ctx, organizationId, ctx.viewer);
    await audit(ctx, organizationId, "member_joined", { actorId: ctx.viewer._id, subjectUserId: ctx.viewer._id, subjectEmail: ctx.viewer.email, details: "Joined by email domain" });
    return null;
  },
});

async function domainOrganization(ctx: QueryCtx, email: string) {
  const domain = emailDomain(email);
  const organization = await ctx.db.query("organizations").withIndex("by_domain", (q) => q.eq("domain", domain)).first();
  if (organization === null || organization.domainStatus !== "approved" || !organization.domainJoinEnabled || organization.status !== "active") return null;
  return organization;
}

const PUBLIC_EMAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com",
  "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "web.de", "mail.com", "yandex.com", "zoho.com",
]);

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
    const cohortName = async (id: Id<"cohorts"> | undefined) => (id ? ((await ctx.db.get("cohorts", id))?.name ?? null) : null);
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
