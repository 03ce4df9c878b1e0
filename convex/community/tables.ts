/** Discussions, peer connections and external communities (spec tables). */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vCommunityAccess,
  vCommunityMembershipStatus,
  vCommunityPlatform,
  vConnectionSource,
  vConnectionStatus,
  vModerationStatus,
  vReplyInteraction,
  vThreadInteraction,
  vThreadScope,
} from "../validators";

export const communityTables = {
  discussionThreads: defineTable({
    title: v.string(),
    content: v.string(),
    authorId: v.id("users"),
    scope: vThreadScope,
    courseId: v.optional(v.id("courses")),
    sessionId: v.optional(v.id("sessions")),
    lessonId: v.optional(v.id("lessons")),
    isPinned: v.boolean(),
    isAnnouncement: v.boolean(),
    isLocked: v.boolean(),
    category: v.optional(v.string()),
    tags: v.optional(v.array(v.string())),
    replyCount: v.number(),
    viewCount: v.number(),
    likeCount: v.number(),
    lastActivityAt: v.number(),
    status: vModerationStatus,
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_courseId_and_status_and_lastActivityAt", ["courseId", "status", "lastActivityAt"])
    .index("by_sessionId_and_status_and_lastActivityAt", ["sessionId", "status", "lastActivityAt"])
    .index("by_lessonId_and_status", ["lessonId", "status"])
    .index("by_authorId", ["authorId"])
    .index("by_isPinned_and_scope_and_status", ["isPinned", "scope", "status"]),

  discussionReplies: defineTable({
    threadId: v.id("discussionThreads"),
    authorId: v.id("users"),
    content: v.string(),
    parentReplyId: v.optional(v.id("discussionReplies")),
    isInstructorReply: v.boolean(),
    isBestAnswer: v.boolean(),
    likeCount: v.number(),
    status: vModerationStatus,
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_threadId_and_status_and_createdAt", ["threadId", "status", "createdAt"])
    .index("by_authorId", ["authorId"]),

  threadInteractions: defineTable({
    userId: v.id("users"),
    threadId: v.id("discussionThreads"),
    interaction: vThreadInteraction,
    createdAt: v.number(),
  })
    .index("by_threadId", ["threadId"])
    .index("by_userId_and_threadId_and_interaction", ["userId", "threadId", "interaction"]),

  replyInteractions: defineTable({
    userId: v.id("users"),
    replyId: v.id("discussionReplies"),
    interaction: vReplyInteraction,
    createdAt: v.number(),
  })
    .index("by_userId", ["userId"])
    .index("by_replyId", ["replyId"]),

  peerConnections: defineTable({
    userId: v.id("users"),
    connectedUserId: v.id("users"),
    connectionSource: vConnectionSource,
    sessionId: v.optional(v.id("sessions")),
    status: vConnectionStatus,
    createdAt: v.number(),
    acceptedAt: v.optional(v.number()),
  })
    .index("by_userId_and_status", ["userId", "status"])
    .index("by_connectedUserId_and_status", ["connectedUserId", "status"])
    .index("by_sessionId", ["sessionId"]),

  externalCommunityLinks: defineTable({
    platform: vCommunityPlatform,
    name: v.string(),
    url: v.string(),
    description: v.optional(v.string()),
    accessLevel: vCommunityAccess,
    courseIds: v.optional(v.array(v.id("courses"))),
    ssoEnabled: v.boolean(),
    memberSyncEnabled: v.boolean(),
    isActive: v.boolean(),
    createdAt: v.number(),
  })
    .index("by_platform_and_isActive", ["platform", "isActive"])
    .index("by_accessLevel_and_isActive", ["accessLevel", "isActive"]),

  userCommunityMemberships: defineTable({
    userId: v.id("users"),
    communityId: v.id("externalCommunityLinks"),
    externalMemberId: v.optional(v.string()),
    status: vCommunityMembershipStatus,
    joinedAt: v.optional(v.number()),
    lastSyncAt: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_userId", ["userId"])
    .index("by_communityId", ["communityId"]),
};
