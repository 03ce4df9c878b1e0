/** The catalogue: courses, their outline (outline sessions and lessons), kit items and dated cohorts. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vCapabilityLevel,
  vCohortStatus,
  vCourseFormat,
  vCourseStatus,
  vImpactLevel,
  vKitItemType,
  vSessionType,
} from "../validators";

export const catalogTables = {
  courses: defineTable({
    title: v.string(),
    description: v.string(),
    slug: v.string(),
    sessionType: vCourseFormat,
    priceB2C: v.number(), // cents
    priceB2B: v.number(), // cents per seat
    maxParticipants: v.number(),
    impactLevel: vImpactLevel,
    capabilityLevel: vCapabilityLevel,
    status: vCourseStatus,
    /** Short promise shown on cards; outcomes listed on the course page. */
    tagline: v.optional(v.string()),
    outcomes: v.optional(v.array(v.string())),
    /**
     * Certificate rules: minimum attendance (default 75%), whether a passed post-course assessment is required
     * (default: if the course has one), validity in months (default: no expiry).
     */
    /**
     * Self-service policy: a learner may transfer to another cohort until this many days before their cohort starts,
     * and cancel with a full refund until this many days (0..365). Unset: only by request to the academy.
     */
    transferDaysBeforeStart: v.optional(v.number()),
    refundDaysBeforeStart: v.optional(v.number()),
    certificateRules: v.optional(
      v.object({
        minAttendancePercent: v.number(),
        requirePostAssessment: v.optional(v.boolean()),
        validityMonths: v.optional(v.number()),
      }),
    ),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_status", ["status"])
    .index("by_sessionType", ["sessionType"]),

  /**
   * The course outline: its sessions by day ("outline sessions"); cohorts deliver them as live sessions
   * (`cohortSessions`).
   */
  sessions: defineTable({
    courseId: v.id("courses"),
    title: v.string(),
    type: vSessionType,
    dayNumber: v.number(),
    orderInDay: v.number(),
    durationMinutes: v.number(),
    description: v.string(),
    outcomes: v.array(v.string()),
    createdAt: v.number(),
  }).index("by_courseId_and_dayNumber_and_orderInDay", ["courseId", "dayNumber", "orderInDay"]),

  lessons: defineTable({
    /** The outline session the lesson belongs to. */
    sessionId: v.id("sessions"),
    title: v.string(),
    description: v.string(),
    orderInSession: v.number(),
    durationMinutes: v.number(),
    slidesUrl: v.optional(v.string()),
    worksheetId: v.optional(v.id("enablementKitItems")),
    createdAt: v.number(),
  }).index("by_sessionId", ["sessionId"]),

  cohorts: defineTable({
    courseId: v.id("courses"),
    name: v.string(),
    startDate: v.number(),
    endDate: v.number(),
    maxCapacity: v.number(),
    /** Seats taken: confirmed enrollments plus live checkout holds. */
    currentEnrollment: v.number(),
    status: vCohortStatus,
    zoomLink: v.optional(v.string()),
    instructorId: v.optional(v.id("users")),
    isB2B: v.boolean(),
    organizationId: v.optional(v.id("organizations")),
    /** IANA zone the schedule is planned in, e.g. "Europe/Berlin". */
    timezone: v.optional(v.string()),
    /** How long a waitlist offer holds a seat (default 48 hours). */
    waitlistOfferHours: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_status", ["status"])
    .index("by_startDate", ["startDate"])
    .index("by_organizationId", ["organizationId"])
    .index("by_courseId_and_startDate", ["courseId", "startDate"])
    .index("by_instructorId", ["instructorId"]),

  enablementKitItems: defineTable({
    courseId: v.id("courses"),
    title: v.string(),
    type: vKitItemType,
    fileId: v.optional(v.id("_storage")),
    externalUrl: v.optional(v.string()),
    order: v.number(),
    createdAt: v.number(),
  }).index("by_courseId", ["courseId"]),
};
