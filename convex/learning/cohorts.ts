/** The learner's own cohorts: schedule, kit, join links and calendar files. */
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";
import { cohortCalendar } from "../liveSessions/model/calendar";
import { markActive } from "../users/model/accounts";
import { JOIN_OPENS_MS, LATE_AFTER_MS, recordAttendance } from "../liveSessions/model/lifecycle";
import {
  vAttendanceStatus,
  vCohortSessionStatus,
  vCohortStatus,
  vCourseFormat,
  vKitItemType,
  vSessionType,
} from "../validators";

const vScheduledSession = v.object({
  _id: v.id("cohortSessions"),
  title: v.string(),
  type: vSessionType,
  startsAt: v.number(),
  endsAt: v.number(),
  status: vCohortSessionStatus,
  hasMeetingLink: v.boolean(),
  location: v.optional(v.string()),
  cancelReason: v.optional(v.string()),
  instructorName: v.optional(v.string()),
  attendance: v.union(v.null(), vAttendanceStatus),
  recap: v.union(
    v.null(),
    v.object({
      recordingUrl: v.optional(v.string()),
      summary: v.optional(v.string()),
      actionItems: v.array(v.string()),
    }),
  ),
  lessons: v.array(
    v.object({ _id: v.id("lessons"), title: v.string(), durationMinutes: v.number(), done: v.boolean() }),
  ),
});

const vLearnerCohort = v.object({
  enrollmentId: v.id("enrollments"),
  cohortId: v.id("cohorts"),
  cohortName: v.string(),
  courseTitle: v.string(),
  courseSlug: v.string(),
  format: vCourseFormat,
  startDate: v.number(),
  endDate: v.number(),
  timezone: v.optional(v.string()),
  cohortStatus: vCohortStatus,
  confirmed: v.boolean(),
  /** Whether the learner has answered the intake survey for this enrollment. */
  intakeSurveyCompleted: v.boolean(),
  holdExpiresAt: v.optional(v.number()),
  awaitingPayment: v.boolean(),
  materialsAccessUntil: v.number(),
  sessions: v.array(vScheduledSession),
  kit: v.array(v.object({ _id: v.id("enablementKitItems"), title: v.string(), type: vKitItemType })),
});

/** Enrollments that count for the learner: paid, or a live checkout. */
async function activeEnrollments(ctx: QueryCtx, userId: Id<"users">) {
  const enrollments = await ctx.db
    .query("enrollments")
    .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId))
    .take(100);
  return enrollments.filter((e) => e.paymentStatus === "completed" || (e.paymentStatus === "pending" && e.seatHeld));
}

export const myCohorts = userQuery({
  args: {},
  returns: v.array(vLearnerCohort),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const rows = [];
    for (const enrollment of await activeEnrollments(ctx, ctx.viewer._id)) {
      const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
      const course = await ctx.db.get("courses", enrollment.courseId);
      if (!cohort || !course) continue;
      const confirmed = enrollment.paymentStatus === "completed";
      const sessions = confirmed
        ? await ctx.db
            .query("cohortSessions")
            .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohort._id))
            .take(200)
        : [];
      // The learner's lessons done in this enrollment, read once for every session.
      const lessonsDone = new Set(
        confirmed
          ? (
              await ctx.db
                .query("lessonCompletions")
                .withIndex("by_enrollmentId_and_lessonId", (q) => q.eq("enrollmentId", enrollment._id))
                .take(500)
            ).map((c) => c.lessonId)
          : [],
      );
      const kit = confirmed
        ? await ctx.db
            .query("enablementKitItems")
            .withIndex("by_courseId", (q) => q.eq("courseId", course._id))
            .take(50)
        : [];
      rows.push({
        enrollmentId: enrollment._id,
        cohortId: cohort._id,
        cohortName: cohort.name,
        courseTitle: course.title,
        courseSlug: course.slug,
        format: course.sessionType,
        startDate: cohort.startDate,
        endDate: cohort.endDate,
        ...(cohort.timezone ? { timezone: cohort.timezone } : {}),
        cohortStatus: cohort.status,
        confirmed,
        intakeSurveyCompleted: enrollment.intakeSurveyCompleted,
        ...(enrollment.holdExpiresAt ? { holdExpiresAt: enrollment.holdExpiresAt } : {}),
        awaitingPayment: enrollment.awaitingAsyncPayment === true,
        materialsAccessUntil: enrollment.materialsAccessUntil,
        sessions: await Promise.all(sessions.map((s) => scheduledSession(ctx, s, enrollment, lessonsDone))),
        kit: kit
          .sort((a, b) => a.order - b.order)
          .map((item) => ({ _id: item._id, title: item.title, type: item.type })),
      });
    }
    return rows.sort((a, b) => a.startDate - b.startDate);
  },
});

/** One session as the learner sees it: attendance mark, and the recap while materials are accessible. */
async function scheduledSession(
  ctx: QueryCtx,
  session: Doc<"cohortSessions">,
  enrollment: Doc<"enrollments">,
  lessonsDone: ReadonlySet<Id<"lessons">>,
) {
  const mark = await ctx.db
    .query("sessionAttendance")
    .withIndex("by_cohortSessionId_and_userId", (q) =>
      q.eq("cohortSessionId", session._id).eq("userId", enrollment.userId),
    )
    .unique();
  const instructor = session.instructorId ? await ctx.db.get("users", session.instructorId) : null;
  const lessons = session.courseSessionId
    ? await ctx.db
        .query("lessons")
        .withIndex("by_sessionId", (q) => q.eq("sessionId", session.courseSessionId!))
        .take(50)
    : [];
  const lessonRows = lessons
    .sort((a, b) => a.orderInSession - b.orderInSession)
    .map((lesson) => ({
      _id: lesson._id,
      title: lesson.title,
      durationMinutes: lesson.durationMinutes,
      done: lessonsDone.has(lesson._id),
    }));
  const hasRecap = Boolean(
    session.recordingUrl || session.recordingFileId || session.summary || session.actionItems?.length,
  );
  const recordingUrl = session.recordingFileId
    ? ((await ctx.storage.getUrl(session.recordingFileId)) ?? undefined)
    : session.recordingUrl;
  return {
    _id: session._id,
    title: session.title,
    type: session.type,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    status: session.status,
    hasMeetingLink: Boolean(session.meetingUrl),
    ...(session.location ? { location: session.location } : {}),
    ...(session.cancelReason ? { cancelReason: session.cancelReason } : {}),
    ...(instructor ? { instructorName: instructor.name } : {}),
    attendance: mark?.status ?? null,
    recap:
      hasRecap && enrollment.materialsAccessUntil >= Date.now()
        ? {
            ...(recordingUrl ? { recordingUrl } : {}),
            ...(session.summary ? { summary: session.summary } : {}),
            actionItems: session.actionItems ?? [],
          }
        : null,
    lessons: lessonRows,
  };
}

async function confirmedEnrollment(ctx: QueryCtx, viewer: Doc<"users">, cohortId: Id<"cohorts">) {
  const enrollments = await ctx.db
    .query("enrollments")
    .withIndex("by_userId_and_cohortId", (q) => q.eq("userId", viewer._id).eq("cohortId", cohortId))
    .take(20);
  return enrollments.find((e) => e.paymentStatus === "completed") ?? null;
}

/**
 * The meeting link, only for confirmed learners and only from 15 minutes
 * before the start until the end. Joining checks the learner in (late after
 * 10 minutes) unless the instructor has marked them already.
 */
export const joinSession = userMutation({
  args: { cohortSessionId: v.id("cohortSessions") },
  returns: v.string(),
  handler: async (ctx, { cohortSessionId }) => {
    const session = await ctx.db.get("cohortSessions", cohortSessionId);
    if (session === null) throw appError("NOT_FOUND", "This session no longer exists.");
    const enrollment = await confirmedEnrollment(ctx, ctx.viewer, session.cohortId);
    if (enrollment === null)
      throw appError("FORBIDDEN", "Only confirmed participants of this cohort can join its sessions.");
    if (session.status === "cancelled") throw appError("NOT_AVAILABLE", "This session was cancelled.");
    const now = Date.now();
    if (now < session.startsAt - JOIN_OPENS_MS)
      throw appError("NOT_AVAILABLE", "The join link opens 15 minutes before the session starts.");
    if (now > session.endsAt)
      throw appError("NOT_AVAILABLE", "This session has ended. Recordings appear on your learning page.");
    if (!session.meetingUrl) throw appError("NOT_AVAILABLE", "The instructor has not added a meeting link yet.");
    const mark = await ctx.db
      .query("sessionAttendance")
      .withIndex("by_cohortSessionId_and_userId", (q) =>
        q.eq("cohortSessionId", session._id).eq("userId", ctx.viewer._id),
      )
      .unique();
    if (mark === null) {
      await recordAttendance(ctx, session, enrollment, {
        status: now > session.startsAt + LATE_AFTER_MS ? "late" : "present",
        source: "check_in",
        checkedInAt: now,
      });
    }
    return session.meetingUrl;
  },
});

/** Marks a lesson of the learner's cohort done (or not done again); managers' dashboards follow live. */
export const setLessonDone = userMutation({
  args: { cohortId: v.id("cohorts"), lessonId: v.id("lessons"), done: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { cohortId, lessonId, done }) => {
    const enrollment = await confirmedEnrollment(ctx, ctx.viewer, cohortId);
    if (enrollment === null)
      throw appError("FORBIDDEN", "Only confirmed participants of this cohort can track its lessons.");
    const lesson = await ctx.db.get("lessons", lessonId);
    const outlineSession = lesson ? await ctx.db.get("sessions", lesson.sessionId) : null;
    if (lesson === null || outlineSession === null || outlineSession.courseId !== enrollment.courseId) {
      throw appError("NOT_FOUND", "This lesson is not part of your course.");
    }
    const existing = await ctx.db
      .query("lessonCompletions")
      .withIndex("by_enrollmentId_and_lessonId", (q) => q.eq("enrollmentId", enrollment._id).eq("lessonId", lessonId))
      .unique();
    if (done && existing === null) {
      await ctx.db.insert("lessonCompletions", {
        userId: ctx.viewer._id,
        enrollmentId: enrollment._id,
        cohortId,
        lessonId,
        completedAt: Date.now(),
      });
    } else if (!done && existing !== null) {
      await ctx.db.delete("lessonCompletions", existing._id);
    } else {
      return null;
    }
    await markActive(ctx, ctx.viewer._id);
    return null;
  },
});

/** A kit item's link, within the materials access window (a year after the cohort). */
export const openKitItem = userMutation({
  args: { itemId: v.id("enablementKitItems") },
  returns: v.string(),
  handler: async (ctx, { itemId }) => {
    const item = await ctx.db.get("enablementKitItems", itemId);
    if (item === null) throw appError("NOT_FOUND", "This kit item no longer exists.");
    const enrollments = await ctx.db
      .query("enrollments")
      .withIndex("by_userId_and_courseId", (q) => q.eq("userId", ctx.viewer._id).eq("courseId", item.courseId))
      .take(20);
    const paid = enrollments.filter((e) => e.paymentStatus === "completed");
    if (paid.length === 0) throw appError("FORBIDDEN", "The enablement kit is for participants of this course.");
    if (!paid.some((e) => e.materialsAccessUntil >= Date.now())) {
      throw appError("ACCESS_EXPIRED", "Your access to these materials ended a year after your cohort.");
    }
    const url = item.fileId ? await ctx.storage.getUrl(item.fileId) : (item.externalUrl ?? null);
    if (!url) throw appError("NOT_AVAILABLE", "This item has no file yet.");
    await markActive(ctx, ctx.viewer._id);
    return url;
  },
});

/** The cohort's schedule as an .ics file (all sessions, or one). */
export const calendarFile = userQuery({
  args: { cohortId: v.id("cohorts"), cohortSessionId: v.optional(v.id("cohortSessions")) },
  returns: v.union(v.null(), v.object({ filename: v.string(), content: v.string() })),
  handler: async (ctx, { cohortId, cohortSessionId }) => {
    if (ctx.viewer === null || (await confirmedEnrollment(ctx, ctx.viewer, cohortId)) === null) return null;
    const cohort = (await ctx.db.get("cohorts", cohortId))!;
    const course = (await ctx.db.get("courses", cohort.courseId))!;
    const sessions = await ctx.db
      .query("cohortSessions")
      .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId))
      .take(200);
    const chosen = cohortSessionId ? sessions.filter((s) => s._id === cohortSessionId) : sessions;
    const content = cohortCalendar(course, cohort, chosen);
    const filename =
      cohortSessionId && chosen[0]
        ? `${course.slug}-${chosen[0].title
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, "-")
            .slice(0, 40)}.ics`
        : `${course.slug}.ics`;
    return { filename, content };
  },
});
