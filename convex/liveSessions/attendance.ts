/** Attendance at live sessions: the roster, marks by the session's staff, and per-learner summaries. */
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";
import { cohortLearners } from "../enrollments/model/learners";
import {
  JOIN_OPENS_MS,
  cohortForStaff,
  isSessionStaff,
  recordAttendance,
  sessionContext,
  requireSession,
  heldSessions,
} from "./model/lifecycle";
import { vAttendanceStatus } from "../validators";

/** The session and cohort, if the viewer may take attendance now (from 15 minutes before the start). */
async function requireAttendanceTaker(ctx: QueryCtx, viewer: Doc<"users">, cohortSessionId: Id<"cohortSessions">) {
  const session = await requireSession(ctx, cohortSessionId);
  const { cohort } = await sessionContext(ctx, session);
  if (!isSessionStaff(viewer, cohort, session))
    throw appError("FORBIDDEN", "Only this session's instructor or an admin can take attendance.");
  if (session.status === "cancelled") throw appError("NOT_AVAILABLE", "This session was cancelled.");
  if (session.startsAt - JOIN_OPENS_MS > Date.now())
    throw appError("NOT_AVAILABLE", "Attendance opens 15 minutes before the session starts.");
  return { session, cohort };
}

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
        .withIndex("by_cohortSessionId_and_userId", (q) =>
          q.eq("cohortSessionId", session._id).eq("userId", enrollment.userId),
        )
        .unique();
      if (existing) continue;
      await recordAttendance(ctx, session, enrollment, {
        status: "present",
        source: "instructor",
        markedBy: ctx.viewer._id,
      });
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
    v.array(
      v.object({
        enrollmentId: v.id("enrollments"),
        name: v.string(),
        email: v.string(),
        status: v.union(v.null(), vAttendanceStatus),
        checkedInAt: v.optional(v.number()),
      }),
    ),
  ),
  handler: async (ctx, { cohortSessionId }) => {
    if (ctx.viewer === null) return null;
    const session = await ctx.db.get("cohortSessions", cohortSessionId);
    if (session === null) return null;
    const cohort = await ctx.db.get("cohorts", session.cohortId);
    if (cohort === null || !isSessionStaff(ctx.viewer, cohort, session)) return null;
    const rows = [];
    for (const { enrollment, user } of await cohortLearners(ctx, cohort._id)) {
      const mark = await ctx.db
        .query("sessionAttendance")
        .withIndex("by_cohortSessionId_and_userId", (q) => q.eq("cohortSessionId", session._id).eq("userId", user._id))
        .unique();
      rows.push({
        enrollmentId: enrollment._id,
        name: user.name,
        email: user.email,
        status: mark?.status ?? null,
        ...(mark?.checkedInAt ? { checkedInAt: mark.checkedInAt } : {}),
      });
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
      learners: v.array(
        v.object({
          enrollmentId: v.id("enrollments"),
          name: v.string(),
          attended: v.number(),
          excused: v.number(),
          absent: v.number(),
          unmarked: v.number(),
        }),
      ),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const cohort = await cohortForStaff(ctx, ctx.viewer, cohortId);
    if (cohort === null) return null;
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
      learners.push({
        enrollmentId: enrollment._id,
        name: user.name,
        attended,
        excused,
        absent,
        unmarked: held.length - marks.length,
      });
    }
    return {
      heldSessions: held.length,
      learners: learners.sort((a, b) => a.attended - b.attended || a.name.localeCompare(b.name)),
    };
  },
});
