/** Live sessions of a cohort (table `cohortSessions`): attendance, planned reminders, recordings and their uploads. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vAttendanceSource,
  vAttendanceStatus,
  vCohortSessionStatus,
  vSessionReminderKind,
  vSessionType,
} from "../validators";

export const liveSessionsTables = {
  /**
   * Live sessions: the dated schedule of a cohort, its outline sessions placed in the cohort's timezone, plus extras.
   */
  cohortSessions: defineTable({
    cohortId: v.id("cohorts"),
    /** The outline session (table `sessions`) this live session delivers; absent for extra sessions. */
    courseSessionId: v.optional(v.id("sessions")),
    title: v.string(),
    type: vSessionType,
    startsAt: v.number(),
    endsAt: v.number(),
    meetingUrl: v.optional(v.string()),
    location: v.optional(v.string()),
    status: vCohortSessionStatus,
    /** iCalendar SEQUENCE: bumped whenever time, place or status changes. */
    sequence: v.number(),
    /** The session's own instructor; absent means the cohort's. */
    instructorId: v.optional(v.id("users")),
    /** Sessions generated together by a recurrence rule share a series id. */
    seriesId: v.optional(v.string()),
    cancelReason: v.optional(v.string()),
    /** Recap after the session: recording (link or uploaded file), summary, action items. */
    recordingUrl: v.optional(v.string()),
    recordingFileId: v.optional(v.id("_storage")),
    summary: v.optional(v.string()),
    actionItems: v.optional(v.array(v.string())),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_cohortId_and_startsAt", ["cohortId", "startsAt"])
    .index("by_instructorId_and_startsAt", ["instructorId", "startsAt"]),

  /** One row per learner per session: checked in by joining, or marked by the instructor. */
  sessionAttendance: defineTable({
    cohortSessionId: v.id("cohortSessions"),
    cohortId: v.id("cohorts"),
    enrollmentId: v.id("enrollments"),
    userId: v.id("users"),
    status: vAttendanceStatus,
    source: vAttendanceSource,
    checkedInAt: v.optional(v.number()),
    markedBy: v.optional(v.id("users")),
    updatedAt: v.number(),
  })
    .index("by_cohortSessionId_and_userId", ["cohortSessionId", "userId"])
    .index("by_cohortId_and_userId", ["cohortId", "userId"]),

  /** The planned 24-hour and 1-hour reminders of a session; replanned when it moves. */
  sessionReminders: defineTable({
    cohortSessionId: v.id("cohortSessions"),
    kind: vSessionReminderKind,
    runAt: v.number(),
    jobId: v.id("_scheduled_functions"),
    status: v.union(v.literal("planned"), v.literal("sent"), v.literal("cancelled")),
    recipients: v.optional(v.number()),
  }).index("by_cohortSessionId_and_kind", ["cohortSessionId", "kind"]),

  /**
   * Recording upload URLs handed to a session's staff (liveSessions/recaps.generateRecordingUploadUrl):
   * a recap may attach only a file its caller uploaded for that session, and only files
   * recorded here for a session are ever deleted with it.
   */
  recordingUploads: defineTable({
    cohortSessionId: v.id("cohortSessions"),
    uploaderId: v.id("users"),
    issuedAt: v.number(),
    /** The upload URL's file must have arrived by then. */
    expiresAt: v.number(),
    /** The file the uploader said they would send: base64 SHA-256 (as in `_storage.sha256`) and size. */
    sha256: v.string(),
    size: v.number(),
    /** The uploaded file, once attached to the session's recap. */
    storageId: v.optional(v.id("_storage")),
  })
    .index("by_uploaderId_and_cohortSessionId", ["uploaderId", "cohortSessionId"])
    .index("by_storageId", ["storageId"]),

  sessionRecordings: defineTable({
    cohortId: v.id("cohorts"),
    sessionId: v.id("sessions"),
    videoUrl: v.string(),
    duration: v.number(),
    uploadedAt: v.number(),
  }).index("by_cohortId", ["cohortId"]),
};
