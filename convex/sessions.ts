/**
 * Running a cohort's live sessions: the schedule (edit, cancel, extra and
 * recurring sessions) for platform admins; recaps for the session's staff;
 * reminders planned exactly once per session and learner.
 */
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { appError } from "./errors";
import { internalMutation, platformAdminMutation, userMutation, userQuery } from "./functions";
import { heldSessions } from "./model/certificates";
import { cohortLearners, notifyUsers } from "./model/notifications";
import { expandRecurrence, instantToLocal, localToInstant } from "./model/recurrence";
import { JOIN_OPENS_MS, announceChange, isSessionStaff, planReminders, recordAttendance, sendPlannedReminder, sessionContext } from "./model/sessions";
import { requireUserByEmail } from "./model/users";
import { vAttendanceStatus, vCohortSessionStatus, vRecurrenceFrequency, vSessionReminderKind, vSessionType } from "./validators";
import { refreshCohortLater } from "./model/memberStats";
import { boundedText, optionalText, TEXT_LIMITS } from "./model/limits";
import { claimRecordingUpload, recordRecordingUpload, releaseRecordingUpload } from "./model/recordingUploads";

const MAX_DURATION_MINUTES = 8 * 60;

async function requireSession(ctx: QueryCtx, cohortSessionId: Id<"cohortSessions">) {
  const session = await ctx.db.get("cohortSessions", cohortSessionId);
  if (session === null) throw appError("NOT_FOUND", "This session no longer exists.");
  return session;
}

/** The session and cohort, if the viewer may take attendance now (from 15 minutes before the start). */
async function requireAttendanceTaker(ctx: QueryCtx, viewer: Doc<"users">, cohortSessionId: Id<"cohortSessions">) {
  const session = await requireSession(ctx, cohortSessionId);
  const { cohort } = await sessionContext(ctx, session);
  if (!isSessionStaff(viewer, cohort, session)) throw appError("FORBIDDEN", "Only this session's instructor or an admin can take attendance.");
  if (session.status === "cancelled") throw appError("NOT_AVAILABLE", "This session was cancelled.");
  if (session.startsAt - JOIN_OPENS_MS > Date.now()) throw appError("NOT_AVAILABLE", "Attendance opens 15 minutes before the session starts.");
  return { session, cohort };
}

function checkMeetingUrl(raw: string | undefined) {
  const url = optionalText(raw, "the meeting link", TEXT_LIMITS.url);
  if (url && !/^https:\/\/\S+$/.test(url)) throw appError("INVALID_INPUT", "The meeting link must start with https://.");
  return url;
}

function checkTitle(raw: string) {
  return boundedText(raw, "the session's title", TEXT_LIMITS.title, { min: 3 });
}

function checkDuration(minutes: number) {
  if (!Number.isInteger(minutes) || minutes < 15 || minutes > MAX_DURATION_MINUTES) throw appError("INVALID_INPUT", "A session lasts 15 minutes to 8 hours.");
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
  returns: v.union(v.null(), v.object({ cohortName: v.string(), courseTitle: v.string(), timezone: v.string(), learnerCount: v.number(), canEditSchedule: v.boolean(), sessions: v.array(vStaffSession) })),
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
  handler: async (ctx, { cohortSessionId, title, startsAtLocal, durationMinutes, meetingUrl, location, instructorEmail }) => {
    const session = await requireSession(ctx, cohortSessionId);
    if (session.status === "cancelled") throw appError("NOT_AVAILABLE", "This session was cancelled; add a new session instead.");
    const { zone } = await sessionContext(ctx, session);
    const checkedTitle = checkTitle(title);
    const startsAt = localToInstant(startsAtLocal, zone);
    const endsAt = startsAt + checkDuration(durationMinutes);
    const instructor = optionalText(instructorEmail, "the instructor's email address", TEXT_LIMITS.email);
    const instructorId = instructor ? (await requireUserByEmail(ctx, instructor))._id : undefined;
    const next = { title: checkedTitle, startsAt, endsAt, meetingUrl: checkMeetingUrl(meetingUrl), location: optionalText(location, "the location", TEXT_LIMITS.line), instructorId };
    const moved = next.startsAt !== session.startsAt || next.endsAt !== session.endsAt;
    const changed = moved || next.title !== session.title || next.meetingUrl !== session.meetingUrl || next.location !== session.location || next.instructorId !== session.instructorId;
    if (!changed) return null;
    await ctx.db.patch("cohortSessions", cohortSessionId, { ...next, sequence: session.sequence + 1, updatedAt: Date.now() });
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
    await ctx.db.patch("cohortSessions", cohortSessionId, { status: "cancelled", cancelReason, sequence: session.sequence + 1, updatedAt: Date.now() });
    const cancelled = (await ctx.db.get("cohortSessions", cohortSessionId))!;
    await planReminders(ctx, cancelled); // cancels the planned ones; a cancelled session gets none
    await announceChange(ctx, cancelled, "cancelled");
    await refreshCohortLater(ctx, cancelled.cohortId);
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
    recurrence: v.optional(v.object({ frequency: vRecurrenceFrequency, count: v.optional(v.number()), untilDate: v.optional(v.string()) })),
  },
  returns: v.array(v.id("cohortSessions")),
  handler: async (ctx, { cohortId, title, type, startsAtLocal, durationMinutes, meetingUrl, location, recurrence }) => {
    const cohort = await ctx.db.get("cohorts", cohortId);
    if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
    if (cohort.status === "cancelled" || cohort.status === "completed") throw appError("NOT_AVAILABLE", "This cohort is over; sessions cannot be added.");
    const checkedTitle = checkTitle(title);
    const checkedLocation = optionalText(location, "the location", TEXT_LIMITS.line);
    const checkedMeetingUrl = checkMeetingUrl(meetingUrl);
    const zone = cohort.timezone ?? "UTC";
    const duration = checkDuration(durationMinutes);
    const starts = recurrence
      ? expandRecurrence({ firstLocal: startsAtLocal, zone, frequency: recurrence.frequency, count: recurrence.count, until: recurrence.untilDate })
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
    await refreshCohortLater(ctx, cohortId);
    return ids;
  },
});

/**
 * The recap of a past session: recording (link or uploaded file), summary and
 * action items. Staff only; a new file must be one the caller uploaded for this
 * session (generateRecordingUploadUrl), and it replaces (deletes) the previous
 * recording file only if that one was uploaded for this session too.
 */
export const saveRecap = userMutation({
  args: {
    cohortSessionId: v.id("cohortSessions"),
    recordingUrl: v.optional(v.string()),
    recordingFileId: v.optional(v.id("_storage")),
    summary: v.optional(v.string()),
    actionItems: v.array(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, { cohortSessionId, recordingUrl, recordingFileId, summary, actionItems }) => {
    const session = await requireSession(ctx, cohortSessionId);
    const { cohort, course } = await sessionContext(ctx, session);
    if (!(isSessionStaff(ctx.viewer, cohort, session))) throw appError("FORBIDDEN", "Only this session's instructor or an admin can add its recap.");
    if (session.status === "cancelled") throw appError("NOT_AVAILABLE", "This session was cancelled.");
    if (session.startsAt > Date.now()) throw appError("NOT_AVAILABLE", "Recaps can be added once the session has started.");
    const url = optionalText(recordingUrl, "the recording link", TEXT_LIMITS.url);
    if (url && !/^https:\/\/\S+$/.test(url)) throw appError("INVALID_INPUT", "The recording link must start with https://.");
    const items = actionItems.map((item) => boundedText(item, "an action item", TEXT_LIMITS.line)).filter(Boolean);
    if (items.length > 20) throw appError("INVALID_INPUT", "Keep it to 20 action items.");
    const recapSummary = optionalText(summary, "the summary", TEXT_LIMITS.paragraph);
    const hadRecording = Boolean(session.recordingUrl || session.recordingFileId);
    if (recordingFileId && recordingFileId !== session.recordingFileId) {
      await claimRecordingUpload(ctx, session, ctx.viewer._id, recordingFileId);
      if (session.recordingFileId) await releaseRecordingUpload(ctx, session, session.recordingFileId);
    }
    await ctx.db.patch("cohortSessions", cohortSessionId, {
      recordingUrl: url,
      recordingFileId: recordingFileId ?? session.recordingFileId,
      summary: recapSummary,
      actionItems: items,
      updatedAt: Date.now(),
    });
    if (!hadRecording && (url || recordingFileId)) {
      const learners = await cohortLearners(ctx, cohort._id);
      await notifyUsers(
        ctx,
        learners.map((l) => l.user),
        { category: "recordings", title: `Recording ready: ${session.title}`, body: `${course.title}: the recording and recap are on your learning page.`, url: "/learn" },
        { subject: `Recording ready: ${session.title}`, heading: "The recording is ready", lines: [`${course.title} — ${session.title}`], actionLabel: "Watch the recording" },
      );
    }
    return null;
  },
});

/**
 * An upload URL for the session's recording, for the file with this SHA-256
 * (base64) and size; recorded, so that only that file can be attached (see saveRecap).
 */
export const generateRecordingUploadUrl = userMutation({
  args: { cohortSessionId: v.id("cohortSessions"), sha256: v.string(), size: v.number() },
  returns: v.string(),
  handler: async (ctx, { cohortSessionId, sha256, size }) => {
    const session = await requireSession(ctx, cohortSessionId);
    const { cohort } = await sessionContext(ctx, session);
    if (!(isSessionStaff(ctx.viewer, cohort, session))) throw appError("FORBIDDEN", "Only this session's instructor or an admin can upload its recording.");
    await recordRecordingUpload(ctx, cohortSessionId, ctx.viewer._id, { sha256, size });
    return await ctx.storage.generateUploadUrl();
  },
});

/** Marks attendance for one learner (by enrollment) in a session. Staff only. */
export const markAttendance = userMutation({
  args: { cohortSessionId: v.id("cohortSessions"), enrollmentId: v.id("enrollments"), status: vAttendanceStatus },
  returns: v.null(),
  handler: async (ctx, { cohortSessionId, enrollmentId, status }) => {
    const { session, cohort } = await requireAttendanceTaker(ctx, ctx.viewer, cohortSessionId);
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    if (enrollment === null || enrollment.cohortId !== cohort._id || enrollment.paymentStatus !== "completed") {
      throw appError("NOT_FOUND", "This learner is not a confirmed participant of the cohort.");
    }
    await recordAttendance(ctx, session, enrollment, { status, source: "instructor", markedBy: ctx.viewer._id });
    return null;
  },
});

/** Marks every confirmed learner without a mark as present. */
export const markAllPresent = userMutation({
  args: { cohortSessionId: v.id("cohortSessions") },
  returns: v.number(),
  handler: async (ctx, { cohortSessionId }) => {
    const { session, cohort } = await requireAttendanceTaker(ctx, ctx.viewer, cohortSessionId);
    let marked = 0;
    for (const { enrollment } of await cohortLearners(ctx, cohort._id)) {
      const existing = await ctx.db
        .query("sessionAttendance")
        .withIndex("by_cohortSessionId_and_userId", (q) => q.eq("cohortSessionId", session._id).eq("userId", enrollment.userId))
        .unique();
      if (existing) continue;
      await recordAttendance(ctx, session, enrollment, { status: "present", source: "instructor", markedBy: ctx.viewer._id });
      marked += 1;
    }
    return marked;
  },
});

/** The roster of a session with each learner's mark. Staff only. */
export const roster = userQuery({
  args: { cohortSessionId: v.id("cohortSessions") },
  returns: v.union(
    v.null(),
    v.array(v.object({ enrollmentId: v.id("enrollments"), name: v.string(), email: v.string(), status: v.union(v.null(), vAttendanceStatus), checkedInAt: v.optional(v.number()) })),
  ),
  handler: async (ctx, { cohortSessionId }) => {
    if (ctx.viewer === null) return null;
    const session = await ctx.db.get("cohortSessions", cohortSessionId);
    if (session === null) return null;
    const cohort = await ctx.db.get("cohorts", session.cohortId);
    if (cohort === null || !(isSessionStaff(ctx.viewer, cohort, session))) return null;
    const rows = [];
    for (const { enrollment, user } of await cohortLearners(ctx, cohort._id)) {
      const mark = await ctx.db
        .query("sessionAttendance")
        .withIndex("by_cohortSessionId_and_userId", (q) => q.eq("cohortSessionId", session._id).eq("userId", user._id))
        .unique();
      rows.push({ enrollmentId: enrollment._id, name: user.name, email: user.email, status: mark?.status ?? null, ...(mark?.checkedInAt ? { checkedInAt: mark.checkedInAt } : {}) });
    }
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  },
});


/**
 * Per learner: sessions attended (present or late) out of the cohort's
 * sessions that have taken place, for instructors, certificates and dashboards.
 */
export const attendanceSummary = userQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.union(
    v.null(),
    v.object({
      heldSessions: v.number(),
      learners: v.array(v.object({ enrollmentId: v.id("enrollments"), name: v.string(), attended: v.number(), excused: v.number(), absent: v.number(), unmarked: v.number() })),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const cohort = await ctx.db.get("cohorts", cohortId);
    if (ctx.viewer === null || cohort === null || !isSessionStaff(ctx.viewer, cohort)) return null;
    const held = await heldSessions(ctx, cohortId);
    const heldIds = new Set(held.map((s) => s._id));
    const learners = [];
    for (const { enrollment, user } of await cohortLearners(ctx, cohortId)) {
      const marks = (
        await ctx.db
          .query("sessionAttendance")
          .withIndex("by_cohortId_and_userId", (q) => q.eq("cohortId", cohortId).eq("userId", user._id))
          .take(300)
      ).filter((m) => heldIds.has(m.cohortSessionId));
      const attended = marks.filter((m) => m.status === "present" || m.status === "late").length;
      const excused = marks.filter((m) => m.status === "excused").length;
      const absent = marks.filter((m) => m.status === "absent").length;
      learners.push({ enrollmentId: enrollment._id, name: user.name, attended, excused, absent, unmarked: held.length - marks.length });
    }
    return { heldSessions: held.length, learners: learners.sort((a, b) => a.attended - b.attended || a.name.localeCompare(b.name)) };
  },
});

export const sendReminder = internalMutation({
  args: { cohortSessionId: v.id("cohortSessions"), kind: vSessionReminderKind, runAt: v.number() },
  returns: v.number(),
  handler: async (ctx, plan) => await sendPlannedReminder(ctx, plan),
});
