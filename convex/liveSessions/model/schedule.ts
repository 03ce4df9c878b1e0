import { DateTime } from "luxon";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { SessionType } from "../../validators";
import { planReminders } from "./lifecycle";

export const DAY_STARTS_AT = { hour: 9, minute: 0 };
export const BREAK_MINUTES = 15;

type OutlineSession = Pick<Doc<"sessions">, "_id" | "title" | "type" | "dayNumber" | "orderInDay" | "durationMinutes">;
export type PlacedSession = {
  courseSessionId: Id<"sessions">;
  title: string;
  type: SessionType;
  startsAt: number;
  endsAt: number;
};

/**
 * Places a course's outline sessions on a cohort's dates as its live sessions: day N starts
 * at 09:00 in the cohort's timezone (wall-clock, so correct across DST), sessions follow in
 * order with a short break between them.
 */
export function placeSessions(
  cohort: { startDate: number; timezone?: string },
  sessions: OutlineSession[],
): PlacedSession[] {
  const zone = cohort.timezone ?? "UTC";
  const firstDay = DateTime.fromMillis(cohort.startDate, { zone }).startOf("day");
  const placed: PlacedSession[] = [];
  const byDay = new Map<number, OutlineSession[]>();
  for (const session of sessions) byDay.set(session.dayNumber, [...(byDay.get(session.dayNumber) ?? []), session]);
  for (const [dayNumber, daySessions] of [...byDay].sort((a, b) => a[0] - b[0])) {
    let cursor = firstDay.plus({ days: dayNumber - 1 }).set(DAY_STARTS_AT);
    for (const session of daySessions.sort((a, b) => a.orderInDay - b.orderInDay)) {
      const end = cursor.plus({ minutes: session.durationMinutes });
      placed.push({
        courseSessionId: session._id,
        title: session.title,
        type: session.type,
        startsAt: cursor.toMillis(),
        endsAt: end.toMillis(),
      });
      cursor = end.plus({ minutes: BREAK_MINUTES });
    }
  }
  return placed;
}

async function courseOutline(ctx: MutationCtx, cohort: Doc<"cohorts">) {
  return await ctx.db
    .query("sessions")
    .withIndex("by_courseId_and_dayNumber_and_orderInDay", (q) => q.eq("courseId", cohort.courseId))
    .take(200);
}

async function insertPlacedSession(ctx: MutationCtx, cohort: Doc<"cohorts">, placed: PlacedSession) {
  const now = Date.now();
  const sessionId = await ctx.db.insert("cohortSessions", {
    cohortId: cohort._id,
    ...placed,
    meetingUrl: cohort.zoomLink,
    status: "scheduled",
    sequence: 0,
    instructorId: cohort.instructorId,
    createdAt: now,
    updatedAt: now,
  });
  await planReminders(ctx, (await ctx.db.get("cohortSessions", sessionId))!);
}

/** Creates the cohort's dated schedule from its course outline. */
export async function scheduleCohort(ctx: MutationCtx, cohort: Doc<"cohorts">) {
  for (const placed of placeSessions(cohort, await courseOutline(ctx, cohort))) {
    await insertPlacedSession(ctx, cohort, placed);
  }
}

/**
 * Moves a cohort's planned sessions after its dates, timezone, link or
 * instructor changed: the same events (same ids, so the same calendar UIDs)
 * get new times and a bumped SEQUENCE; extra sessions stay as they are.
 */
export async function rescheduleCohort(ctx: MutationCtx, cohort: Doc<"cohorts">) {
  const existing = await ctx.db
    .query("cohortSessions")
    .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohort._id))
    .take(500);
  const now = Date.now();
  for (const placed of placeSessions(cohort, await courseOutline(ctx, cohort))) {
    const current = existing.find((s) => s.courseSessionId === placed.courseSessionId);
    if (!current) {
      await insertPlacedSession(ctx, cohort, placed);
      continue;
    }
    const changed =
      current.startsAt !== placed.startsAt ||
      current.endsAt !== placed.endsAt ||
      current.meetingUrl !== cohort.zoomLink ||
      current.instructorId !== cohort.instructorId;
    if (changed) {
      await ctx.db.patch("cohortSessions", current._id, {
        startsAt: placed.startsAt,
        endsAt: placed.endsAt,
        meetingUrl: cohort.zoomLink,
        instructorId: cohort.instructorId,
        sequence: current.sequence + 1,
        updatedAt: now,
      });
      if (current.startsAt !== placed.startsAt)
        await planReminders(ctx, (await ctx.db.get("cohortSessions", current._id))!);
    }
  }
}
