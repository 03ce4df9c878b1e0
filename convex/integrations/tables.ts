/** Outgoing webhook deliveries and analytics events (spec tables), and the keys of emails sent with attachments. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vDeliveryStatus } from "../validators";

export const integrationsTables = {
  /**
   * Emails with attachments go to Resend at once (integrations/email.ts); a key is claimed here before the call, so
   * a repeated send (an action retried, a webhook replayed) neither sends again nor gives the component a second
   * record of the same Resend email.
   */
  emailSends: defineTable({
    idempotencyKey: v.string(),
    /** The Resend component's id of the email, once sent. */
    emailId: v.optional(v.string()),
    claimedAt: v.number(),
  }).index("by_idempotencyKey", ["idempotencyKey"]),

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
