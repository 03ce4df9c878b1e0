/** One-to-one office hours booked through Cal.com, and the Cal.com webhooks already applied. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vBookingStatus } from "../validators";

export const officeHoursTables = {
  officeHoursBookings: defineTable({
    enrollmentId: v.id("enrollments"),
    userId: v.id("users"),
    scheduledAt: v.number(),
    calcomEventId: v.string(),
    calcomBookingUid: v.string(),
    status: vBookingStatus,
    endsAt: v.optional(v.number()),
    /** Why it was cancelled (by the learner, the host, or the academy for an ineligible booking). */
    cancelReason: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_enrollmentId", ["enrollmentId"])
    .index("by_userId", ["userId"])
    .index("by_calcomBookingUid", ["calcomBookingUid"]),

  /** Cal.com webhooks already handled (uid + trigger), since Cal.com signs no timestamp to stop replays. */
  calcomWebhookEvents: defineTable({
    key: v.string(),
    outcome: v.string(),
    receivedAt: v.number(),
  }).index("by_key", ["key"]),
};
