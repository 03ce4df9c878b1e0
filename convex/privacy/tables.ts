/** What learners let managers see, who looked, and erasure requests. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vErasureCertificateChoice, vErasureStatus, vManagerAccessType } from "../validators";

export const privacyTables = {
  userPrivacySettings: defineTable({
    userId: v.id("users"),
    allowManagerViewScores: v.boolean(),
    allowManagerViewActivity: v.boolean(),
    allowManagerViewCertificates: v.boolean(),
    allowLeaderboardDisplay: v.boolean(),
    updatedAt: v.number(),
  }).index("by_userId", ["userId"]),

  managerAccessLogs: defineTable({
    managerId: v.id("users"),
    organizationId: v.id("organizations"),
    accessType: vManagerAccessType,
    targetUserId: v.optional(v.id("users")),
    timestamp: v.number(),
  })
    .index("by_managerId_and_targetUserId_and_timestamp", ["managerId", "targetUserId", "timestamp"])
    .index("by_targetUserId_and_timestamp", ["targetUserId", "timestamp"]),

  /**
   * A person's request to have their personal data erased, and its execution by a platform admin
   * (convex/privacy/model/erasure.ts): `step` counts the erasure steps done while it runs.
   */
  erasureRequests: defineTable({
    userId: v.id("users"),
    organizationId: v.optional(v.id("organizations")),
    status: vErasureStatus,
    /** What happens to the person's certificates (absent on requests filed before the choice existed: keep). */
    certificates: v.optional(vErasureCertificateChoice),
    requestedAt: v.number(),
    startedAt: v.optional(v.number()),
    carriedOutBy: v.optional(v.id("users")),
    step: v.optional(v.number()),
    /** The address to confirm the erasure to, held only while it runs (cleared when it completes). */
    confirmTo: v.optional(v.string()),
    completedAt: v.optional(v.number()),
  })
    .index("by_userId", ["userId"])
    .index("by_status_and_requestedAt", ["status", "requestedAt"]),
};
