import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import type { OfferOutcome } from "../../validators";
import { liveEnrollmentInCourse, returnSeat, takeSeat } from "../../enrollments/model/seats";

export const DEFAULT_OFFER_HOURS = 48;
/** Offers end at least this long before the cohort starts; none are made after that point. */
export const OFFER_CUTOFF_BEFORE_START_MS = 60 * 60 * 1000;

/** When an offer made now would expire: the cohort's window, cut to 1 hour before the start. */
export function offerExpiry(cohort: Pick<Doc<"cohorts">, "startDate" | "waitlistOfferHours">, now: number) {
  const hours = cohort.waitlistOfferHours ?? DEFAULT_OFFER_HOURS;
  return Math.min(now + hours * 60 * 60 * 1000, cohort.startDate - OFFER_CUTOFF_BEFORE_START_MS);
}

async function nextWaiting(ctx: QueryCtx, cohortId: Id<"cohorts">) {
  return await ctx.db
    .query("waitlist")
    .withIndex("by_cohortId_and_status_and_position", (q) => q.eq("cohortId", cohortId).eq("status", "waiting"))
    .first();
}

/**
 * Offers every free seat of the cohort to the next people in join order, one
 * offer per seat. Runs in the same transaction that freed the seat, so nobody
 * else can buy it in between. Returns the number of offers made.
 */
export async function offerFreeSeats(ctx: MutationCtx, cohortId: Id<"cohorts">) {
  let offers = 0;
  for (;;) {
    const cohort = await ctx.db.get("cohorts", cohortId);
    if (cohort === null || cohort.status !== "open") return offers;
    const now = Date.now();
    const expiresAt = offerExpiry(cohort, now);
    if (expiresAt <= now) return offers; // too close to the start: no new offers
    if (cohort.currentEnrollment >= cohort.maxCapacity) return offers;
    const entry = await nextWaiting(ctx, cohortId);
    if (entry === null) return offers;
    await makeOffer(ctx, cohort, entry._id, now, expiresAt);
    offers += 1;
  }
}

/** Holds a seat of the cohort for the entry until `expiresAt`, schedules the expiry and tells the person. */
export async function makeOffer(
  ctx: MutationCtx,
  cohort: Doc<"cohorts">,
  entryId: Id<"waitlist">,
  now: number,
  expiresAt: number,
) {
  await takeSeat(ctx, cohort._id);
  await ctx.db.patch("waitlist", entryId, {
    status: "offered",
    seatHeld: true,
    offeredAt: now,
    offerExpiresAt: expiresAt,
    updatedAt: now,
  });
  await ctx.scheduler.runAt(expiresAt, internal.waitlist.offers.expireOffer, { entryId });
  await ctx.scheduler.runAfter(0, internal.waitlist.offers.sendOfferEmail, { entryId });
}

/** Ends an open offer (declined, expired or withdrawn): its seat goes to the next person. */
export async function endOffer(ctx: MutationCtx, entry: Doc<"waitlist">, outcome: Exclude<OfferOutcome, "accepted">) {
  if (entry.status !== "offered") return false;
  const now = Date.now();
  if (entry.seatHeld && entry.cohortId) await returnSeat(ctx, entry.cohortId);
  await ctx.db.patch("waitlist", entry._id, {
    status: outcome === "expired" ? "expired" : "cancelled",
    seatHeld: false,
    offerOutcome: outcome,
    updatedAt: now,
  });
  if (entry.cohortId) await offerFreeSeats(ctx, entry.cohortId);
  return true;
}

/** The caller's place: 1 + people still waiting ahead (join order never changes). */
export async function placeInLine(ctx: QueryCtx, entry: Doc<"waitlist">) {
  if (!entry.cohortId || entry.status !== "waiting") return null;
  const ahead = await ctx.db
    .query("waitlist")
    .withIndex("by_cohortId_and_status_and_position", (q) =>
      q.eq("cohortId", entry.cohortId).eq("status", "waiting").lt("position", entry.position),
    )
    .take(1000);
  return ahead.length + 1;
}

/** Seats currently held by open offers in a cohort. */
export async function seatsHeldByOffers(ctx: QueryCtx, cohortId: Id<"cohorts">) {
  const offered = await ctx.db
    .query("waitlist")
    .withIndex("by_cohortId_and_status_and_position", (q) => q.eq("cohortId", cohortId).eq("status", "offered"))
    .take(1000);
  return offered.length;
}

/** A person's places on every line, in any state (a person has a handful; at most the first 200 are read). */
export async function waitlistEntriesOf(ctx: QueryCtx, userId: Id<"users">) {
  return await ctx.db
    .query("waitlist")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(200);
}

/** Adds the caller to a full cohort's waitlist, after everyone who joined before. */
export async function joinCohortWaitlist(ctx: MutationCtx, viewer: Doc<"users">, cohortId: Id<"cohorts">) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
  if (cohort.isB2B) throw appError("FORBIDDEN", "This is a private cohort for an organization.");
  if (cohort.status !== "open" || cohort.startDate <= Date.now()) {
    throw appError("COHORT_NOT_OPEN", "This cohort is not taking sign-ups. Pick another date.");
  }
  const mine = await waitlistEntriesOf(ctx, viewer._id);
  if (mine.some((e) => e.cohortId === cohortId && (e.status === "waiting" || e.status === "offered"))) {
    throw appError("ALREADY_WAITLISTED", "You are already on this cohort's waitlist.");
  }
  if (await liveEnrollmentInCourse(ctx, viewer._id, cohort.courseId)) {
    throw appError("ALREADY_ENROLLED", "You already have a seat in this course.");
  }
  if (cohort.currentEnrollment < cohort.maxCapacity && (await nextWaiting(ctx, cohortId)) === null) {
    throw appError("INVALID_INPUT", "Seats are still available: reserve one instead.");
  }
  return await addToCohortLine(ctx, { userId: viewer._id, courseId: cohort.courseId, cohortId });
}

/** The highest join-order number in a cohort's line (0 when empty). */
async function lastPosition(ctx: QueryCtx, cohortId: Id<"cohorts">) {
  const last = await ctx.db
    .query("waitlist")
    .withIndex("by_cohortId_and_position", (q) => q.eq("cohortId", cohortId))
    .order("desc")
    .first();
  return last?.position ?? 0;
}

/** Puts someone at the end of a cohort's line; a free seat (e.g. one left when offers closed) is offered at once. */
export async function addToCohortLine(
  ctx: MutationCtx,
  who: { userId: Id<"users">; courseId: Id<"courses">; cohortId: Id<"cohorts"> },
) {
  const now = Date.now();
  const entryId = await ctx.db.insert("waitlist", {
    ...who,
    position: (await lastPosition(ctx, who.cohortId)) + 1,
    status: "waiting",
    createdAt: now,
    updatedAt: now,
  });
  await offerFreeSeats(ctx, who.cohortId);
  return entryId;
}

/** Someone who takes a seat in a course leaves its waitlists (nobody is both enrolled and waiting). */
export async function leaveCourseWaitlists(
  ctx: MutationCtx,
  userId: Id<"users">,
  courseId: Id<"courses">,
  exceptEntry?: Id<"waitlist">,
) {
  await leaveWaitlists(ctx, userId, (entry) => entry.courseId === courseId && entry._id !== exceptEntry);
}

/**
 * Takes someone off the waitlists that `which` selects: an open offer is withdrawn (its seat goes to the next
 * person), a waiting place is cancelled.
 */
export async function leaveWaitlists(
  ctx: MutationCtx,
  userId: Id<"users">,
  which: (entry: Doc<"waitlist">) => boolean = () => true,
) {
  const entries = await waitlistEntriesOf(ctx, userId);
  for (const entry of entries) {
    if (!which(entry)) continue;
    if (entry.status === "offered") await endOffer(ctx, entry, "withdrawn");
    else if (entry.status === "waiting")
      await ctx.db.patch("waitlist", entry._id, { status: "cancelled", updatedAt: Date.now() });
  }
}

/** The caller's open offer for a cohort, if any. */
export async function openOfferFor(ctx: QueryCtx, userId: Id<"users">, cohortId: Id<"cohorts">) {
  const entries = await waitlistEntriesOf(ctx, userId);
  return entries.find((e) => e.cohortId === cohortId && e.status === "offered") ?? null;
}

/** Waiting for a course's next cohort: allowed when the course has no open cohort with a seat. */
export async function joinCourseWaitlist(ctx: MutationCtx, viewer: Doc<"users">, courseId: Id<"courses">) {
  const course = await ctx.db.get("courses", courseId);
  if (course === null || course.status !== "published") throw appError("NOT_FOUND", "This course is not available.");
  const cohorts = await ctx.db
    .query("cohorts")
    .withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", courseId))
    .take(100);
  if (cohorts.some((c) => c.status === "open" && !c.isB2B && c.startDate > Date.now())) {
    throw appError("INVALID_INPUT", "This course has an open cohort: reserve a seat or join that cohort's waitlist.");
  }
  const mine = await waitlistEntriesOf(ctx, viewer._id);
  if (mine.some((e) => e.courseId === courseId && (e.status === "waiting" || e.status === "offered"))) {
    throw appError("ALREADY_WAITLISTED", "You are already on this course's waitlist.");
  }
  const waiting = await ctx.db
    .query("waitlist")
    .withIndex("by_courseId_and_status", (q) => q.eq("courseId", courseId).eq("status", "waiting"))
    .take(1000);
  const courseLine = waiting.filter((e) => e.cohortId === undefined);
  const now = Date.now();
  return await ctx.db.insert("waitlist", {
    userId: viewer._id,
    courseId,
    position: Math.max(0, ...courseLine.map((e) => e.position)) + 1,
    status: "waiting",
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * When a cohort opens, the people waiting for the course's next cohort join
 * its line first, in the order they joined, and free seats are offered.
 */
export async function promoteCourseWaitlist(ctx: MutationCtx, cohort: Doc<"cohorts">) {
  if (cohort.status !== "open" || cohort.isB2B) return 0;
  const waiting = await ctx.db
    .query("waitlist")
    .withIndex("by_courseId_and_status", (q) => q.eq("courseId", cohort.courseId).eq("status", "waiting"))
    .take(1000);
  const courseLine = waiting.filter((e) => e.cohortId === undefined).sort((a, b) => a.position - b.position);
  if (courseLine.length === 0) return 0;
  let position = await lastPosition(ctx, cohort._id);
  for (const entry of courseLine) {
    position += 1;
    await ctx.db.patch("waitlist", entry._id, { cohortId: cohort._id, position, updatedAt: Date.now() });
  }
  await offerFreeSeats(ctx, cohort._id);
  return courseLine.length;
}

/** The caller's place in a course-level line. */
export async function placeInCourseLine(ctx: QueryCtx, entry: Doc<"waitlist">) {
  const waiting = await ctx.db
    .query("waitlist")
    .withIndex("by_courseId_and_status", (q) => q.eq("courseId", entry.courseId).eq("status", "waiting"))
    .take(1000);
  return waiting.filter((e) => e.cohortId === undefined && e.position < entry.position).length + 1;
}

export async function ownEntry(ctx: MutationCtx, viewer: Doc<"users">, entryId: Id<"waitlist">) {
  const entry = await ctx.db.get("waitlist", entryId);
  if (entry === null || entry.userId !== viewer._id)
    throw appError("NOT_FOUND", "We could not find that waitlist place.");
  return entry;
}
