/** A cohort session's lifecycle: reminders planned exactly once, learners told of every change. */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import type { SessionReminderKind } from "../../validators";
import { formatInstant } from "../../format";
import { cohortCalendar } from "./calendar";
import { cohortLearners } from "../../enrollments/model/learners";
import { notifyUsers } from "../../notifications/model/notify";
import { markActive } from "../../users/model/accounts";

const HOUR = 60 * 60 * 1000;
export const REMINDER_OFFSETS: Record<SessionReminderKind, number> = { day_before: 24 * HOUR, hour_before: HOUR };
/** Join links (and attendance) open this long before a session starts. */
export const JOIN_OPENS_MS = 15 * 60 * 1000;
/** Checking in later than this after the start counts as late. */
export const LATE_AFTER_MS = 10 * 60 * 1000;

/** Cancels the session's planned reminders (their scheduled jobs too). */
export async function cancelReminders(ctx: MutationCtx, cohortSessionId: Id<"cohortSessions">) {
  for (const kind of Object.keys(REMINDER_OFFSETS) as SessionReminderKind[]) {
    const planned = await ctx.db
      .query("sessionReminders")
      .withIndex("by_cohortSessionId_and_kind", (q) => q.eq("cohortSessionId", cohortSessionId).eq("kind", kind))
      .take(20);
    for (const reminder of planned.filter((r) => r.status === "planned")) {
      await ctx.scheduler.cancel(reminder.jobId);
      await ctx.db.patch("sessionReminders", reminder._id, { status: "cancelled" });
    }
  }
}

/**
 * (Re)plans the 24-hour and 1-hour reminders of a session from its current
 * time: old plans are cancelled first, reminders whose moment has passed are
 * skipped, and a cancelled session gets none.
 */
export async function planReminders(ctx: MutationCtx, session: Doc<"cohortSessions">) {
  await cancelReminders(ctx, session._id);
  if (session.status !== "scheduled") return;
  const now = Date.now();
  for (const [kind, offset] of Object.entries(REMINDER_OFFSETS) as Array<[SessionReminderKind, number]>) {
    const runAt = session.startsAt - offset;
    if (runAt <= now) continue;
    const jobId = await ctx.scheduler.runAt(runAt, internal.liveSessions.schedule.sendReminder, {
      cohortSessionId: session._id,
      kind,
      runAt,
    });
    await ctx.db.insert("sessionReminders", { cohortSessionId: session._id, kind, runAt, status: "planned", jobId });
  }
}

export async function sessionContext(ctx: QueryCtx, session: Doc<"cohortSessions">) {
  const cohort = await ctx.db.get("cohorts", session.cohortId);
  const course = cohort ? await ctx.db.get("courses", cohort.courseId) : null;
  if (!cohort || !course) throw appError("NOT_FOUND", "This session's cohort no longer exists.");
  return { cohort, course, zone: cohort.timezone ?? "UTC" };
}

function calendarFor(course: Doc<"courses">, cohort: Doc<"cohorts">, session: Doc<"cohortSessions">) {
  return { filename: `${course.slug}-session.ics`, content: cohortCalendar(course, cohort, [session]) };
}

/**
 * Tells the cohort's learners that a session was added, moved, changed or cancelled; the .ics carries the bumped
 * SEQUENCE.
 */
export async function announceChange(
  ctx: MutationCtx,
  session: Doc<"cohortSessions">,
  change: "added" | "rescheduled" | "updated" | "cancelled",
) {
  const { cohort, course, zone } = await sessionContext(ctx, session);
  const when = formatInstant(session.startsAt, zone);
  const title = {
    added: `New session: ${session.title}`,
    rescheduled: `Rescheduled: ${session.title}`,
    updated: `Updated: ${session.title}`,
    cancelled: `Cancelled: ${session.title}`,
  }[change];
  const body = {
    added: `${course.title} — ${cohort.name}: ${when}.`,
    rescheduled: `Now ${when}. Your calendar file has the new time.`,
    updated: `${when}: the meeting link, place or instructor changed.`,
    cancelled: `The session on ${when} will not take place.${session.cancelReason ? ` ${session.cancelReason}` : ""}`,
  }[change];
  const learners = await cohortLearners(ctx, cohort._id);
  await notifyUsers(
    ctx,
    learners.map((l) => l.user),
    { category: "session_changes", title, body, url: "/learn" },
    {
      subject: title,
      heading: title,
      lines: [body, `${course.title} — ${cohort.name}`],
      actionLabel: "Open my schedule",
      calendar: calendarFor(course, cohort, session),
    },
  );
}

/** Sends a planned reminder once: a reminder that was cancelled or already sent does nothing. */
export async function sendPlannedReminder(
  ctx: MutationCtx,
  plan: { cohortSessionId: Id<"cohortSessions">; kind: SessionReminderKind; runAt: number },
) {
  const reminders = await ctx.db
    .query("sessionReminders")
    .withIndex("by_cohortSessionId_and_kind", (q) =>
      q.eq("cohortSessionId", plan.cohortSessionId).eq("kind", plan.kind),
    )
    .take(20);
  const reminder = reminders.find((r) => r.status === "planned" && r.runAt === plan.runAt);
  if (reminder === undefined) return 0;
  const reminderId = reminder._id;
  const session = await ctx.db.get("cohortSessions", reminder.cohortSessionId);
  if (session === null || session.status !== "scheduled") {
    await ctx.db.patch("sessionReminders", reminderId, { status: "cancelled" });
    return 0;
  }
  const { cohort, course, zone } = await sessionContext(ctx, session);
  const when = formatInstant(session.startsAt, zone);
  const title = reminder.kind === "day_before" ? `Tomorrow: ${session.title}` : `In one hour: ${session.title}`;
  const learners = await cohortLearners(ctx, cohort._id);
  const count = await notifyUsers(
    ctx,
    learners.map((l) => l.user),
    {
      category: "session_reminders",
      title,
      body: `${course.title} — ${when}. The join link opens 15 minutes before.`,
      url: "/learn",
    },
    {
      subject: title,
      heading: title,
      lines: [
        `${course.title} — ${cohort.name}`,
        `${when}. The join link on your learning page opens 15 minutes before the start.`,
      ],
      actionLabel: "Open my schedule",
    },
  );
  await ctx.db.patch("sessionReminders", reminderId, { status: "sent", recipients: count });
  return count;
}

/** Platform admins, the cohort's instructor, or this session's own instructor. */
export function isSessionStaff(viewer: Doc<"users">, cohort: Doc<"cohorts">, session?: Doc<"cohortSessions">) {
  return (
    viewer.role === "platform_admin" ||
    cohort.instructorId === viewer._id ||
    (session !== undefined && session.instructorId === viewer._id)
  );
}

/** The cohort, when the caller is its staff (isSessionStaff); null for anyone else, or when there is no such cohort. */
export async function cohortForStaff(ctx: QueryCtx, viewer: Doc<"users"> | null, cohortId: Id<"cohorts">) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  return viewer !== null && cohort !== null && isSessionStaff(viewer, cohort) ? cohort : null;
}

export async function recordAttendance(
  ctx: MutationCtx,
  session: Doc<"cohortSessions">,
  enrollment: Doc<"enrollments">,
  mark: {
    status: Doc<"sessionAttendance">["status"];
    source: Doc<"sessionAttendance">["source"];
    markedBy?: Id<"users">;
    checkedInAt?: number;
  },
) {
  const existing = await ctx.db
    .query("sessionAttendance")
    .withIndex("by_cohortSessionId_and_userId", (q) =>
      q.eq("cohortSessionId", session._id).eq("userId", enrollment.userId),
    )
    .unique();
  const fields = { ...mark, updatedAt: Date.now() };
  if (existing)
    await ctx.db.patch("sessionAttendance", existing._id, {
      ...fields,
      checkedInAt: mark.checkedInAt ?? existing.checkedInAt,
    });
  else
    await ctx.db.insert("sessionAttendance", {
      cohortSessionId: session._id,
      cohortId: session.cohortId,
      enrollmentId: enrollment._id,
      userId: enrollment.userId,
      ...fields,
    });
  if (mark.source === "check_in") await markActive(ctx, enrollment.userId);
}

export async function requireSession(ctx: QueryCtx, cohortSessionId: Id<"cohortSessions">) {
  const session = await ctx.db.get("cohortSessions", cohortSessionId);
  if (session === null) throw appError("NOT_FOUND", "This session no longer exists.");
  return session;
}

/** The cohort's live sessions that took place (not cancelled, started): attendance and certificates count these. */
export async function heldSessions(ctx: QueryCtx, cohortId: Id<"cohorts">, now = Date.now()) {
  const sessions = await ctx.db
    .query("cohortSessions")
    .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId).lte("startsAt", now))
    .take(300);
  return sessions.filter((s) => s.status === "scheduled");
}
