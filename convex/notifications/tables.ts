/** In-app notifications. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vNotificationCategory } from "../validators";

export const notificationsTables = {
  /** In-app notifications; the header shows the unread count live. */
  notifications: defineTable({
    userId: v.id("users"),
    category: vNotificationCategory,
    title: v.string(),
    body: v.string(),
    url: v.optional(v.string()),
    readAt: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_userId_and_createdAt", ["userId", "createdAt"])
    .index("by_userId_and_readAt", ["userId", "readAt"]),
};
