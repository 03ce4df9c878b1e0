/** People. Convex Auth's own tables (sessions, accounts, verification codes…) are spread in by schema.ts. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vNotificationCategory, vNotificationPreferences, vPlatformAuditAction, vUserRole } from "../validators";

export const usersTables = {
  users: defineTable({
    email: v.string(), // normalized: trimmed, lower case
    /** Legacy external identity; Convex Auth identifies users by `_id` (docs/schema.md). */
    tokenIdentifier: v.optional(v.string()),
    name: v.string(),
    role: vUserRole,
    organizationId: v.optional(v.id("organizations")),
    company: v.optional(v.string()),
    title: v.optional(v.string()),
    linkedInUrl: v.optional(v.string()),
    phoneNumber: v.optional(v.string()),
    timezone: v.optional(v.string()),
    /** True while this user occupies one of their organization's seats (counted in organizations.seatsUsed). */
    holdsOrgSeat: v.optional(v.boolean()),
    emailNotifications: v.boolean(),
    smsNotifications: v.boolean(),
    notificationPreferences: v.optional(vNotificationPreferences),
    /** Per-category channel choices; a category not listed is on for both. Critical categories ignore this. */
    notificationChannels: v.optional(
      v.array(v.object({ category: vNotificationCategory, inApp: v.boolean(), email: v.boolean() })),
    ),
    // Convex Auth profile fields
    image: v.optional(v.string()),
    emailVerificationTime: v.optional(v.number()),
    phone: v.optional(v.string()),
    phoneVerificationTime: v.optional(v.number()),
    isAnonymous: v.optional(v.boolean()),
    /** Last learning action (lesson, session, kit, assessment); feeds "active in the last 7 days". */
    lastActiveAt: v.optional(v.number()),
    /**
     * Set when the person's data was erased: what is left is an anonymous account (convex/privacy/model/erasure.ts).
     */
    erasedAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_email", ["email"])
    .index("by_tokenIdentifier", ["tokenIdentifier"])
    .index("by_organizationId", ["organizationId"])
    .index("by_role", ["role"])
    .searchIndex("search_name", { searchField: "name" }),

  /**
   * A person's request to sign in with another address: confirmed by a link sent to that address (the link's
   * token is only in the email; its SHA-256 here). One pending request per person; a new one replaces it.
   */
  emailChanges: defineTable({
    userId: v.id("users"),
    newEmail: v.string(),
    tokenHash: v.string(),
    status: v.union(v.literal("pending"), v.literal("confirmed"), v.literal("cancelled")),
    expiresAt: v.number(),
    createdAt: v.number(),
    confirmedAt: v.optional(v.number()),
  })
    .index("by_tokenHash", ["tokenHash"])
    .index("by_userId_and_status", ["userId", "status"]),

  /** What platform admins did to people's accounts (platform admin granted or removed), newest last. */
  platformAuditLog: defineTable({
    actorId: v.id("users"),
    action: vPlatformAuditAction,
    subjectUserId: v.id("users"),
    /** The cohort an instructor was assigned to. */
    cohortId: v.optional(v.id("cohorts")),
    createdAt: v.number(),
  }).index("by_subjectUserId", ["subjectUserId"]),
};
