/** Organizations, their seats, invitations, teams, managers and audit log, and "Buy for my team" requests. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vContactStatus,
  vDomainStatus,
  vInviteStatus,
  vManagerPermission,
  vManagerRole,
  vOrganizationStatus,
  vOrgAuditAction,
  vSkillLevel,
  vTeamRole,
} from "../validators";

export const organizationsTables = {
  organizations: defineTable({
    name: v.string(),
    domain: v.string(),
    contactEmail: v.string(),
    contactName: v.string(),
    status: vOrganizationStatus,
    seatsPurchased: v.number(),
    seatsUsed: v.number(),
    stripeCustomerId: v.optional(v.string()),
    /** The latest seat invoice (each purchase is in `seatPurchases`). */
    stripeInvoiceId: v.optional(v.string()),
    /** Domain auto-join: approval by a platform admin, then switched on/off by the org admin. */
    domainStatus: v.optional(vDomainStatus),
    domainJoinEnabled: v.optional(v.boolean()),
    /** A seat invoice failed: the org is suspended at this time unless it is paid first. */
    graceEndsAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_domain", ["domain"])
    .index("by_status", ["status"])
    .index("by_contactEmail", ["contactEmail"]),

  organizationInvites: defineTable({
    organizationId: v.id("organizations"),
    email: v.string(),
    /** SHA-256 of the invite token; the token itself is only ever in the email. */
    inviteToken: v.string(),
    cohortId: v.optional(v.id("cohorts")),
    status: vInviteStatus,
    expiresAt: v.number(),
    createdAt: v.number(),
    acceptedAt: v.optional(v.number()),
    invitedById: v.optional(v.id("users")),
    acceptedById: v.optional(v.id("users")),
    lastSentAt: v.optional(v.number()),
    sendCount: v.optional(v.number()),
  })
    .index("by_inviteToken", ["inviteToken"])
    .index("by_email", ["email"])
    .index("by_organizationId_and_status", ["organizationId", "status"])
    .index("by_status", ["status"]),

  /** Who changed what in an organization: seats, invites, members, cohort moves, teams, managers. */
  organizationAuditLog: defineTable({
    organizationId: v.id("organizations"),
    actorId: v.optional(v.id("users")),
    action: vOrgAuditAction,
    subjectUserId: v.optional(v.id("users")),
    subjectEmail: v.optional(v.string()),
    cohortId: v.optional(v.id("cohorts")),
    fromCohortId: v.optional(v.id("cohorts")),
    details: v.optional(v.string()),
    createdAt: v.number(),
  })
    .index("by_organizationId", ["organizationId"])
    .index("by_subjectUserId", ["subjectUserId"])
    .index("by_subjectEmail", ["subjectEmail"]),

  organizationManagers: defineTable({
    userId: v.id("users"),
    organizationId: v.id("organizations"),
    role: vManagerRole,
    permissions: v.array(vManagerPermission),
    teamIds: v.optional(v.array(v.id("teams"))),
    departmentScope: v.optional(v.array(v.string())),
    isActive: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_organizationId_and_isActive", ["organizationId", "isActive"])
    .index("by_userId_and_organizationId", ["userId", "organizationId"]),

  teams: defineTable({
    organizationId: v.id("organizations"),
    name: v.string(),
    description: v.optional(v.string()),
    managerId: v.optional(v.id("users")),
    targetCourses: v.optional(v.array(v.id("courses"))),
    targetPaths: v.optional(v.array(v.id("learningPaths"))),
    targetSkills: v.optional(v.array(v.id("skills"))),
    /** The level every target skill should reach (absent: Practitioner). */
    targetSkillLevel: v.optional(vSkillLevel),
    completionDeadline: v.optional(v.number()),
    /** When the team's goal was first set: pace runs from here to the deadline (convex/dashboards/model/goals.ts). */
    goalSetAt: v.optional(v.number()),
    goalSetBy: v.optional(v.id("users")),
    memberCount: v.number(),
    isActive: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_organizationId_and_isActive", ["organizationId", "isActive"])
    .index("by_managerId", ["managerId"]),

  teamMembers: defineTable({
    teamId: v.id("teams"),
    userId: v.id("users"),
    role: vTeamRole,
    joinedAt: v.number(),
  })
    .index("by_teamId", ["teamId"])
    .index("by_userId", ["userId"]),

  contactSubmissions: defineTable({
    name: v.string(),
    email: v.string(),
    company: v.optional(v.string()),
    teamSize: v.optional(v.string()),
    message: v.string(),
    status: vContactStatus,
    brevoContactId: v.optional(v.string()),
    /** Set when a platform admin turns a "Buy for my team" request into an organization. */
    organizationId: v.optional(v.id("organizations")),
    /** The private cohort planned for the organization when the request was converted. */
    cohortId: v.optional(v.id("cohorts")),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_status", ["status"])
    .index("by_email", ["email"]),
};
