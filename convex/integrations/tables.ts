/** Outgoing webhook deliveries and analytics events (spec tables). */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vDeliveryStatus } from "../validators";

export const integrationsTables = {
  webhookDeliveries: defineTable({
    eventType: v.string(),
    targetUrl: v.string(),
    payload: v.any(),
    status: vDeliveryStatus,
    attempts: v.number(),
    lastAttemptAt: v.optional(v.number()),
    nextRetryAt: v.optional(v.number()),
    responseCode: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_status", ["status"])
    .index("by_eventType", ["eventType"]),

  analyticsEvents: defineTable({
    userId: v.optional(v.id("users")),
    sessionId: v.string(),
    event: v.string(),
    properties: v.any(),
    timestamp: v.number(),
  })
    .index("by_event", ["event"])
    .index("by_userId", ["userId"])
    .index("by_sessionId", ["sessionId"]),
};
