/** What learners let managers see, who looked, and erasure requests. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vManagerAccessType } from "../validators";

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

  /** A learner's request to erase what managers can see about them. */
  erasureRequests: defineTable({
    userId: v.id("users"),
    organizationId: v.optional(v.id("organizations")),
    status: v.union(v.literal("requested"), v.literal("completed")),
    requestedAt: v.number(),
    completedAt: v.optional(v.number()),
  }).index("by_userId", ["userId"]),
};
