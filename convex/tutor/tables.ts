/** The course assistant's conversations (spec tables; the tutor domain builds on them). */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vChatRole } from "../validators";

export const tutorTables = {
  chatConversations: defineTable({
    enrollmentId: v.id("enrollments"),
    userId: v.id("users"),
    courseId: v.id("courses"),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_enrollmentId", ["enrollmentId"])
    .index("by_userId", ["userId"]),

  chatMessages: defineTable({
    conversationId: v.id("chatConversations"),
    role: vChatRole,
    content: v.string(),
    tokenCount: v.number(),
    createdAt: v.number(),
  }).index("by_conversationId", ["conversationId"]),
};
