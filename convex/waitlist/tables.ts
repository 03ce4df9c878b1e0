/** The waitlists of full cohorts and of courses without an open cohort. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vOfferOutcome, vWaitlistStatus } from "../validators";

export const waitlistTables = {
  waitlist: defineTable({
    userId: v.id("users"),
    courseId: v.id("courses"),
    cohortId: v.optional(v.id("cohorts")),
    /** Join order; a person's number is derived, never rewritten (docs/schema.md). */
    position: v.number(),
    status: vWaitlistStatus,
    offeredAt: v.optional(v.number()),
    offerExpiresAt: v.optional(v.number()),
    /** True while an open offer holds a seat (counted in cohort.currentEnrollment). */
    seatHeld: v.optional(v.boolean()),
    /** How the offer ended: each offer ends exactly once. */
    offerOutcome: v.optional(vOfferOutcome),
    /** The enrollment created when the offer was accepted. */
    enrollmentId: v.optional(v.id("enrollments")),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_cohortId_and_position", ["cohortId", "position"])
    .index("by_cohortId_and_status_and_position", ["cohortId", "status", "position"])
    .index("by_courseId_and_status", ["courseId", "status"])
    .index("by_userId", ["userId"])
    .index("by_status", ["status"]),
};
