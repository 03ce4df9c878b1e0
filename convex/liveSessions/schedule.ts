/**
 * A cohort's live sessions (table `cohortSessions`): the schedule its staff see, and edits,
 * cancellations, extra and recurring sessions by platform admins; reminders planned once per session.
 */
import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { appError } from "../errors";
import { internalMutation, platformAdminMutation, userQuery } from "../functions";
import { cohortLearners } from "../enrollments/model/learners";
import { expandRecurrence, instantToLocal, localToInstant } from "./model/recurrence";
import {
  announceChange,
  isSessionStaff,
  planReminders,
  sendPlannedReminder,
  sessionContext,
  requireSession,
} from "./model/lifecycle";
import { requireUserByEmail } from "../users/model/accounts";
import { vCohortSessionStatus, vRecurrenceFrequency, vSessionReminderKind, vSessionType } from "../validators";
import { boundedText, optionalText, TEXT_LIMITS } from "../limits";

const MAX_DURATION_MINUTES = 8 * 60;

function checkMeetingUrl(raw: string | undefined) {
  const url = optionalText(raw, "the meeting link", TEXT_LIMITS.url);
  if (url && !/^https:\/\/\S+$/.test(url))
    throw appError("INVALID_INPUT", "The meeting link must start with https://.");
  return url;
}

function checkTitle(raw: string) {
  return boundedText(raw, "the session's title", TEXT_LIMITS.title, { min: 3 });
}

function checkDuration(minutes: number) {
  if (!Number.isInteger(minutes) || minutes < 15 || minutes > MAX_DURATION_MINUTES)
    throw appError("INVALID_INPUT", "A session lasts 15 minutes to 8 hours.");
  return minutes * 60 * 1000;
}

const vStaffSession = v.object({
  _id: v.id("cohortSessions"),
  title: v.string(),
  type: vSessionType,
  startsAt: v.number(),
  endsAt: v.number(),
  startsAtLocal: v.string(),
  status: vCohortSessionStatus,
  sequence: v.number(),
  meetingUrl: v.optional(v.string()),
  location: v.optional(v.string()),
  instructorName: v.optional(v.string()),
  instructorEmail: v.optional(v.string()),
  seriesId: v.optional(v.string()),
  cancelReason: v.optional(v.string()),
  isExtra: v.boolean(),
  recordingUrl: v.optional(v.string()),
  hasRecordingFile: v.boolean(),
  summary: v.optional(v.string()),
  actionItems: v.array(v.string()),
  attendance: v.object({ present: v.number(), late: v.number(), absent: v.number(), excused: v.number() }),
});

/** The cohort's schedule as its staff see it, with attendance counts per session. */
export const forCohort = userQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.union(
    v.null(),
    v.object({
      cohortName: v.string(),
      courseTitle: v.string(),
      timezone: v.string(),
      learnerCount: v.number(),
      canEditSchedule: v.boolean(),
      sessions: v.array(vStaffSession),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const cohort = await ctx.db.get("cohorts", cohortId);
    if (ctx.viewer === null || cohort === null) return null;
    const sessions = await ctx.db
      .query("cohortSessions")
      .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId))
      .take(300);
    const staff = isSessionStaff(ctx.viewer, cohort);
    const visible = staff ? sessions : sessions.filter((s) => s.instructorId === ctx.viewer!._id);
    if (visible.length === 0 && !staff) return null;
    const course = await ctx.db.get("courses", cohort.courseId);
    const zone = cohort.timezone ?? "UTC";
    const learners = await cohortLearners(ctx, cohortId);
    const rows = [];
    for (const s of visible) {
      const instructor = s.instructorId ? await ctx.db.get("users", s.instructorId) : null;
      const marks = await ctx.db
        .query("sessionAttendance")
        .withIndex("by_cohortSessionId_and_userId", (q) => q.eq("cohortSessionId", s._id))
        .take(1000);
      const attendance = { present: 0, late: 0, absent: 0, excused: 0 };
      for (const mark of marks) attendance[mark.status] += 1;
      rows.push({
        _id: s._id,
        title: s.title,
        type: s.type,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        startsAtLocal: instantToLocal(s.startsAt, zone),
        status: s.status,
        sequence: s.sequence,
        ...(s.meetingUrl ? { meetingUrl: s.meetingUrl } : {}),
        ...(s.location ? { location: s.location } : {}),
        ...(instructor ? { instructorName: instructor.name, instructorEmail: instructor.email } : {}),
        ...(s.seriesId ? { seriesId: s.seriesId } : {}),
        ...(s.cancelReason ? { cancelReason: s.cancelReason } : {}),
        isExtra: s.courseSessionId === undefined,
        ...(s.recordingUrl ? { recordingUrl: s.recordingUrl } : {}),
        hasRecordingFile: s.recordingFileId !== undefined,
        ...(s.summary ? { summary: s.summary } : {}),
        actionItems: s.actionItems ?? [],
        attendance,
      });
    }
    return {
      cohortName: cohort.name,
      courseTitle: course?.title ?? "Course",
      timezone: zone,
      learnerCount: learners.length,
      canEditSchedule: ctx.viewer.role === "platform_admin",
      sessions: rows,
    };
  },
});

/** Moves a session or changes its link, place, title or instructor; learners are told and reminders replanned. */
export const update = platformAdminMutation({
  args: {
    cohortSessionId: v.id("cohortSessions"),
    title: v.string(),
    startsAtLocal: v.string(),
    durationMinutes: v.number(),
    meetingUrl: v.optional(v.string()),
    location: v.optional(v.string()),
    instructorEmail: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (
    ctx,
    { cohortSessionId, title, startsAtLocal, durationMinutes, meetingUrl, location, instructorEmail },
  ) => {
    const session = await requireSession(ctx, cohortSessionId);
    if (session.status === "cancelled")
      throw appError("NOT_AVAILABLE", "This session was cancelled; add a new session instead.");
    const { zone } = await sessionContext(ctx, session);
    const checkedTitle = checkTitle(title);
    const startsAt = localToInstant(startsAtLocal, zone);
    const endsAt = startsAt + checkDuration(durationMinutes);
    const instructor = optionalText(instructorEmail, "the instructor's email address", TEXT_LIMITS.email);
    const instructorId = instructor ? (await requireUserByEmail(ctx, instructor))._id : undefined;
    const next = {
      title: checkedTitle,
      startsAt,
      endsAt,
      meetingUrl: checkMeetingUrl(meetingUrl),
      location: optionalText(location, "the location", TEXT_LIMITS.line),
      instructorId,
    };
    const moved = next.startsAt !== session.startsAt || next.endsAt !== session.endsAt;
    const changed =
      moved ||
      next.title !== session.title ||
      next.meetingUrl !== session.meetingUrl ||
      next.location !== session.location ||
      next.instructorId !== session.instructorId;
    if (!changed) return null;
    await ctx.db.patch("cohortSessions", cohortSessionId, {
      ...next,
      sequence: session.sequence + 1,
      updatedAt: Date.now(),
    });
    const updated = (await ctx.db.get("cohortSessions", cohortSessionId))!;
    if (moved) await planReminders(ctx, updated);
    await announceChange(ctx, updated, moved ? "rescheduled" : "updated");
    return null;
  },
});

export const cancel = platformAdminMutation({
  args: { cohortSessionId: v.id("cohortSessions"), reason: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { cohortSessionId, reason }) => {
    const session = await requireSession(ctx, cohortSessionId);
    if (session.status === "cancelled") return null;
    if (session.endsAt < Date.now()) throw appError("NOT_AVAILABLE", "This session has already taken place.");
    const cancelReason = optionalText(reason, "the reason", TEXT_LIMITS.line);
    await ctx.db.patch("cohortSessions", cohortSessionId, {
      status: "cancelled",
      cancelReason,
      sequence: session.sequence + 1,
      updatedAt: Date.now(),
    });
    const cancelled = (await ctx.db.get("cohortSessions", cohortSessionId))!;
    await planReminders(ctx, cancelled); // cancels the planned ones; a cancelled session gets none
    await announceChange(ctx, cancelled, "cancelled");
    return null;
  },
});

/** Adds one extra session, or a recurring series (weekly, every 2 weeks, monthly; N times or until a date). */
export const add = platformAdminMutation({
  args: {
    cohortId: v.id("cohorts"),
    title: v.string(),
    type: vSessionType,
    startsAtLocal: v.string(),
    durationMinutes: v.number(),
    meetingUrl: v.optional(v.string()),
    location: v.optional(v.string()),
    recurrence: v.optional(
      v.object({ frequency: vRecurrenceFrequency, count: v.optional(v.number()), untilDate: v.optional(v.string()) }),
    ),
  },
  returns: v.array(v.id("cohortSessions")),
  handler: async (ctx, { cohortId, title, type, startsAtLocal, durationMinutes, meetingUrl, location, recurrence }) => {
    const cohort = await ctx.db.get("cohorts", cohortId);
    if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
    if (cohort.status === "cancelled" || cohort.status === "completed")
      throw appError("NOT_AVAILABLE", "This cohort is over; sessions cannot be added.");
    const checkedTitle = checkTitle(title);
    const checkedLocation = optionalText(location, "the location", TEXT_LIMITS.line);
    const checkedMeetingUrl = checkMeetingUrl(meetingUrl);
    const zone = cohort.timezone ?? "UTC";
    const duration = checkDuration(durationMinutes);
    const starts = recurrence
      ? expandRecurrence({
          firstLocal: startsAtLocal,
          zone,
          frequency: recurrence.frequency,
          count: recurrence.count,
          until: recurrence.untilDate,
        })
      : [localToInstant(startsAtLocal, zone)];
    if (starts[0] < Date.now()) throw appError("INVALID_INPUT", "The first session must be in the future.");
    const seriesId = recurrence ? crypto.randomUUID() : undefined;
    const now = Date.now();
    const ids: Array<Id<"cohortSessions">> = [];
    for (const startsAt of starts) {
      const id = await ctx.db.insert("cohortSessions", {
        cohortId,
        title: checkedTitle,
        type,
        startsAt,
        endsAt: startsAt + duration,
        meetingUrl: checkedMeetingUrl ?? cohort.zoomLink,
        location: checkedLocation,
        status: "scheduled",
        sequence: 0,
        instructorId: cohort.instructorId,
        seriesId,
        createdAt: now,
        updatedAt: now,
      });
      await planReminders(ctx, (await ctx.db.get("cohortSessions", id))!);
      ids.push(id);
    }
    const first = (await ctx.db.get("cohortSessions", ids[0]))!;
    await announceChange(ctx, first, "added");
    return ids;
  },
});

export const sendReminder = internalMutation({
  args: { cohortSessionId: v.id("cohortSessions"), kind: vSessionReminderKind, runAt: v.number() },
  returns: v.number(),
  handler: async (ctx, plan) => await sendPlannedReminder(ctx, plan),
});
