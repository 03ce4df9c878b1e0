/** A learner's places on waitlists: joining, leaving, and where they stand. */
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";
import {
  endOffer,
  joinCohortWaitlist,
  joinCourseWaitlist,
  placeInCourseLine,
  placeInLine,
  seatsHeldByOffers,
  ownEntry,
  waitlistEntriesOf,
} from "./model/queue";
import { vWaitlistStatus } from "../validators";

export const join = userMutation({
  args: { cohortId: v.id("cohorts") },
  returns: v.id("waitlist"),
  handler: async (ctx, { cohortId }) => await joinCohortWaitlist(ctx, ctx.viewer, cohortId),
});

/** Wait for a course's next cohort (when none is open). */
export const joinCourse = userMutation({
  args: { courseId: v.id("courses") },
  returns: v.id("waitlist"),
  handler: async (ctx, { courseId }) => await joinCourseWaitlist(ctx, ctx.viewer, courseId),
});

/** The caller's place in a course's next-cohort line, if any. */
export const mineForCourse = userQuery({
  args: { courseId: v.id("courses") },
  returns: v.union(v.null(), v.object({ _id: v.id("waitlist"), place: v.number() })),
  handler: async (ctx, { courseId }) => {
    if (ctx.viewer === null) return null;
    const entries = await waitlistEntriesOf(ctx, ctx.viewer._id);
    const entry = entries.find((e) => e.courseId === courseId && e.cohortId === undefined && e.status === "waiting");
    return entry ? { _id: entry._id, place: await placeInCourseLine(ctx, entry) } : null;
  },
});

/** Leave the waitlist; an open offer is given to the next person. */
export const leave = userMutation({
  args: { entryId: v.id("waitlist") },
  returns: v.null(),
  handler: async (ctx, { entryId }) => {
    const entry = await ownEntry(ctx, ctx.viewer, entryId);
    if (entry.status === "offered") {
      await endOffer(ctx, entry, "declined");
    } else if (entry.status === "waiting") {
      await ctx.db.patch("waitlist", entryId, { status: "cancelled", updatedAt: Date.now() });
    } else {
      throw appError("INVALID_INPUT", "You are no longer on this waitlist.");
    }
    return null;
  },
});

const vMyEntry = v.object({
  _id: v.id("waitlist"),
  cohortId: v.id("cohorts"),
  cohortName: v.string(),
  courseTitle: v.string(),
  courseSlug: v.string(),
  startDate: v.number(),
  status: vWaitlistStatus,
  place: v.union(v.null(), v.number()),
  seatsHeldByOffers: v.number(),
  offerExpiresAt: v.optional(v.number()),
});

async function describeEntry(ctx: Parameters<typeof placeInLine>[0], entry: Doc<"waitlist">) {
  const cohort = (await ctx.db.get("cohorts", entry.cohortId!))!;
  const course = (await ctx.db.get("courses", entry.courseId))!;
  return {
    _id: entry._id,
    cohortId: cohort._id,
    cohortName: cohort.name,
    courseTitle: course.title,
    courseSlug: course.slug,
    startDate: cohort.startDate,
    status: entry.status,
    place: await placeInLine(ctx, entry),
    seatsHeldByOffers: await seatsHeldByOffers(ctx, cohort._id),
    ...(entry.status === "offered" && entry.offerExpiresAt ? { offerExpiresAt: entry.offerExpiresAt } : {}),
  };
}

/** The caller's active waitlist places (waiting or offered), live. */
export const mine = userQuery({
  args: {},
  returns: v.array(vMyEntry),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const entries = await waitlistEntriesOf(ctx, ctx.viewer._id);
    const active = entries.filter((e) => e.cohortId && (e.status === "waiting" || e.status === "offered"));
    return await Promise.all(active.map((e) => describeEntry(ctx, e)));
  },
});

export const mineForCohort = userQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.union(v.null(), vMyEntry),
  handler: async (ctx, { cohortId }) => {
    if (ctx.viewer === null) return null;
    const entries = await waitlistEntriesOf(ctx, ctx.viewer._id);
    const entry = entries.find((e) => e.cohortId === cohortId && (e.status === "waiting" || e.status === "offered"));
    return entry ? await describeEntry(ctx, entry) : null;
  },
});

/** The caller's places in course-level lines (waiting for a next cohort). */
export const myCourseLines = userQuery({
  args: {},
  returns: v.array(
    v.object({ _id: v.id("waitlist"), courseTitle: v.string(), courseSlug: v.string(), place: v.number() }),
  ),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const entries = await waitlistEntriesOf(ctx, ctx.viewer._id);
    const rows = [];
    for (const entry of entries.filter((e) => e.cohortId === undefined && e.status === "waiting")) {
      const course = await ctx.db.get("courses", entry.courseId);
      if (course)
        rows.push({
          _id: entry._id,
          courseTitle: course.title,
          courseSlug: course.slug,
          place: await placeInCourseLine(ctx, entry),
        });
    }
    return rows;
  },
});
